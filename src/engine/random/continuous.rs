//! The Generator's continuous distributions, as NumPy 2.4's
//! `src/distributions/distributions.c` draws them: gamma by Marsaglia and
//! Tsang on the ziggurat normal (and by Johnk-style rejection below shape
//! 1), beta by Johnk below (1, 1) and by two gammas above, and the rest as
//! transforms of one or two underlying draws. Each expression follows the
//! C text operand for operand (libm's `pow`, `log`, `log1p`, `expm1`), since
//! the printed digits depend on the last bits. The samplers that use only
//! `next_double` (`laplace`, `gumbel`, `logistic`, `triangular`, `vonmises`
//! below kappa 1e6) are shared with the legacy `RandomState`.

use super::BitGen;
use super::ziggurat::{standard_exponential, standard_normal};

/// `random_standard_gamma`.
pub fn standard_gamma<G: BitGen>(g: &mut G, shape: f64) -> f64 {
    gamma_with(g, shape, standard_exponential, standard_normal)
}

/// The gamma sampler over a given exponential and normal: the Generator
/// passes its ziggurats, the legacy `RandomState` its own samplers
/// (`legacy_standard_gamma` is the same text on `legacy_gauss`).
pub fn gamma_with<G: BitGen>(
    g: &mut G,
    shape: f64,
    mut exponential: impl FnMut(&mut G) -> f64,
    mut normal: impl FnMut(&mut G) -> f64,
) -> f64 {
    if shape == 1.0 {
        return exponential(g);
    }
    if shape == 0.0 {
        return 0.0;
    }
    if shape < 1.0 {
        loop {
            let u = g.next_double();
            let v = exponential(g);
            if u <= 1.0 - shape {
                let x = u.powf(1. / shape);
                if x <= v {
                    return x;
                }
            } else {
                let y = -((1.0 - u) / shape).ln();
                let x = (1.0 - shape + shape * y).powf(1. / shape);
                if x <= v + y {
                    return x;
                }
            }
        }
    }
    let b = shape - 1. / 3.;
    let c = 1. / (9.0 * b).sqrt();
    loop {
        // `do { ... } while (V <= 0.0)`: a NaN `V` (NaN shape) leaves too.
        let (x, mut v) = loop {
            let x = normal(g);
            let v = 1.0 + c * x;
            if v > 0.0 || v.is_nan() {
                break (x, v);
            }
        };
        v = v * v * v;
        let u = g.next_double();
        if u < 1.0 - 0.0331 * (x * x) * (x * x) {
            return b * v;
        }
        if u.ln() < 0.5 * x * x + b * (1. - v + v.ln()) {
            return b * v;
        }
    }
}

/// `random_standard_gamma_f`: the same algorithm in float arithmetic on
/// the float ziggurats and 24-bit uniforms (`powf`, `logf`, `sqrtf`).
pub fn standard_gamma_f32<G: BitGen>(g: &mut G, shape: f32) -> f32 {
    use super::next_float;
    use super::ziggurat::{standard_exponential_f32, standard_normal_f32};
    if shape == 1.0 {
        return standard_exponential_f32(g);
    }
    if shape == 0.0 {
        return 0.0;
    }
    if shape < 1.0 {
        loop {
            let u = next_float(g);
            let v = standard_exponential_f32(g);
            if u <= 1.0 - shape {
                let x = u.powf(1.0 / shape);
                if x <= v {
                    return x;
                }
            } else {
                let y = -((1.0 - u) / shape).ln();
                let x = (1.0 - shape + shape * y).powf(1.0 / shape);
                if x <= v + y {
                    return x;
                }
            }
        }
    }
    let b = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * b).sqrt();
    loop {
        let (x, mut v) = loop {
            let x = standard_normal_f32(g);
            let v = 1.0 + c * x;
            if v > 0.0 || v.is_nan() {
                break (x, v);
            }
        };
        v = v * v * v;
        let u = next_float(g);
        if u < 1.0 - 0.0331 * (x * x) * (x * x) {
            return b * v;
        }
        if u.ln() < 0.5 * x * x + b * (1.0 - v + v.ln()) {
            return b * v;
        }
    }
}

/// `random_beta` (assumes `a`, `b` > 0).
pub fn beta<G: BitGen>(g: &mut G, a: f64, b: f64) -> f64 {
    if a <= 1.0 && b <= 1.0 {
        if a < 3e-103 && b < 3e-103 {
            let u = g.next_double();
            return ((a + b) * u < a) as i32 as f64;
        }
        loop {
            let u = g.next_double();
            let v = g.next_double();
            let x = u.powf(1.0 / a);
            let y = v.powf(1.0 / b);
            let xpy = x + y;
            if xpy <= 1.0 && u + v > 0.0 {
                if x > 0.0 && y > 0.0 {
                    return x / xpy;
                }
                let log_x = u.ln() / a;
                let log_y = v.ln() / b;
                let delta = log_x - log_y;
                return if delta > 0.0 {
                    (-(-delta).exp().ln_1p()).exp()
                } else {
                    (delta - delta.exp().ln_1p()).exp()
                };
            }
        }
    }
    let ga = standard_gamma(g, a);
    let gb = standard_gamma(g, b);
    ga / (ga + gb)
}

/// `random_chisquare`.
pub fn chisquare<G: BitGen>(g: &mut G, df: f64) -> f64 {
    2.0 * standard_gamma(g, df / 2.0)
}

/// `random_f`.
pub fn f<G: BitGen>(g: &mut G, dfnum: f64, dfden: f64) -> f64 {
    let num = chisquare(g, dfnum) * dfden;
    let den = chisquare(g, dfden) * dfnum;
    num / den
}

/// `random_noncentral_chisquare`.
pub fn noncentral_chisquare<G: BitGen>(g: &mut G, df: f64, nonc: f64) -> f64 {
    if nonc.is_nan() {
        return f64::NAN;
    }
    if nonc == 0.0 {
        return chisquare(g, df);
    }
    if 1.0 < df {
        let chi2 = chisquare(g, df - 1.0);
        let n = standard_normal(g) + nonc.sqrt();
        chi2 + n * n
    } else {
        let i = super::discrete::poisson(g, nonc / 2.0);
        chisquare(g, df + 2.0 * i as f64)
    }
}

/// `random_noncentral_f`.
pub fn noncentral_f<G: BitGen>(g: &mut G, dfnum: f64, dfden: f64, nonc: f64) -> f64 {
    let t = noncentral_chisquare(g, dfnum, nonc) * dfden;
    t / (chisquare(g, dfden) * dfnum)
}

/// `random_standard_cauchy`.
pub fn standard_cauchy<G: BitGen>(g: &mut G) -> f64 {
    let a = standard_normal(g);
    let b = standard_normal(g);
    a / b
}

/// `random_standard_t`.
pub fn standard_t<G: BitGen>(g: &mut G, df: f64) -> f64 {
    let num = standard_normal(g);
    let denom = standard_gamma(g, df / 2.0);
    (df / 2.0).sqrt() * num / denom.sqrt()
}

/// `random_pareto`.
pub fn pareto<G: BitGen>(g: &mut G, a: f64) -> f64 {
    (standard_exponential(g) / a).exp_m1()
}

/// `random_weibull`.
pub fn weibull<G: BitGen>(g: &mut G, a: f64) -> f64 {
    if a == 0.0 {
        return 0.0;
    }
    standard_exponential(g).powf(1. / a)
}

/// `random_power`.
pub fn power<G: BitGen>(g: &mut G, a: f64) -> f64 {
    (-(-standard_exponential(g)).exp_m1()).powf(1. / a)
}

/// `random_lognormal`.
pub fn lognormal<G: BitGen>(g: &mut G, mean: f64, sigma: f64) -> f64 {
    (mean + sigma * standard_normal(g)).exp()
}

/// `random_rayleigh`.
pub fn rayleigh<G: BitGen>(g: &mut G, mode: f64) -> f64 {
    mode * (2.0 * standard_exponential(g)).sqrt()
}

/// `random_wald`.
pub fn wald<G: BitGen>(g: &mut G, mean: f64, scale: f64) -> f64 {
    let y = standard_normal(g);
    let y = mean * y * y;
    let d = 1.0 + (1.0 + 4.0 * scale / y).sqrt();
    let x = mean * (1.0 - 2.0 / d);
    let u = g.next_double();
    if u <= mean / (mean + x) {
        x
    } else {
        mean * mean / x
    }
}

/// `random_laplace` (shared with the legacy state): `U == 0` is redrawn.
pub fn laplace<G: BitGen>(g: &mut G, loc: f64, scale: f64) -> f64 {
    loop {
        let u = g.next_double();
        if u >= 0.5 {
            return loc - scale * (2.0 - u - u).ln();
        }
        if u > 0.0 {
            return loc + scale * (u + u).ln();
        }
    }
}

/// `random_gumbel` (shared): `U == 1` is redrawn.
pub fn gumbel<G: BitGen>(g: &mut G, loc: f64, scale: f64) -> f64 {
    loop {
        let u = 1.0 - g.next_double();
        if u < 1.0 {
            return loc - scale * (-u.ln()).ln();
        }
    }
}

/// `random_logistic` (shared): `U == 0` is redrawn.
pub fn logistic<G: BitGen>(g: &mut G, loc: f64, scale: f64) -> f64 {
    loop {
        let u = g.next_double();
        if u > 0.0 {
            return loc + scale * (u / (1.0 - u)).ln();
        }
    }
}

/// `random_triangular` (shared).
pub fn triangular<G: BitGen>(g: &mut G, left: f64, mode: f64, right: f64) -> f64 {
    let base = right - left;
    let leftbase = mode - left;
    let ratio = leftbase / base;
    let leftprod = leftbase * base;
    let rightprod = (right - mode) * base;
    let u = g.next_double();
    if u <= ratio {
        left + (u * leftprod).sqrt()
    } else {
        right - ((1.0 - u) * rightprod).sqrt()
    }
}

/// `random_vonmises`; `legacy` keeps the rejection sampler above kappa
/// 1e6 where the Generator switches to a wrapped normal.
pub fn vonmises<G: BitGen>(g: &mut G, mu: f64, kappa: f64, legacy: bool) -> f64 {
    use std::f64::consts::PI;
    if kappa.is_nan() {
        return f64::NAN;
    }
    if kappa < 1e-8 {
        return PI * (2.0 * g.next_double() - 1.0);
    }
    let s = if kappa < 1e-5 {
        1. / kappa + kappa
    } else if kappa <= 1e6 || legacy {
        let r = 1.0 + (1.0 + 4.0 * kappa * kappa).sqrt();
        let rho = (r - (2.0 * r).sqrt()) / (2.0 * kappa);
        (1.0 + rho * rho) / (2.0 * rho)
    } else {
        let mut result = mu + (1. / kappa).sqrt() * standard_normal(g);
        if result < -PI {
            result += 2.0 * PI;
        }
        if result > PI {
            result -= 2.0 * PI;
        }
        return result;
    };
    let w = loop {
        let u = g.next_double();
        let z = (PI * u).cos();
        let w = (1.0 + s * z) / (s + z);
        let y = kappa * (s - w);
        let v = g.next_double();
        if y * (2.0 - y) - v >= 0.0 || (y / v).ln() + 1.0 - y >= 0.0 {
            break w;
        }
    };
    let u = g.next_double();
    let mut result = w.acos();
    if u < 0.5 {
        result = -result;
    }
    result += mu;
    let neg = result < 0.0;
    let mut m = result.abs();
    m = (m + PI) % (2.0 * PI) - PI;
    if neg {
        m *= -1.0;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::random::Pcg64;

    #[test]
    fn gamma_of_shape_one_is_the_exponential() {
        let mut a = Pcg64::from_words(1, 3);
        let mut b = a.clone();
        assert_eq!(standard_gamma(&mut a, 1.0), standard_exponential(&mut b));
        assert_eq!(standard_gamma(&mut a, 0.0), 0.0);
    }
}
