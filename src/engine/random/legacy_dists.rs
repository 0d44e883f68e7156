//! The legacy `RandomState`'s continuous and count distributions, as
//! NumPy froze them in `src/legacy/legacy-distributions.c` (NumPy 1.16's
//! streams): the gamma family on `legacy_gauss` and `-log(1 - U)`, the
//! older forms of pareto, power, rayleigh, wald, beta, geometric, zipf and
//! logseries, and the HRUA hypergeometric. Separate from the Generator's
//! (`continuous.rs`, `counts.rs`) because the two streams differ.

use super::BitGen;
use super::continuous::gamma_with;
use super::counts::{HRUA_D1, HRUA_D2, hrua_loop, hrua_unfold};
use super::discrete::{loggam, poisson};
use super::legacy::LegacyState;

impl LegacyState {
    /// `legacy_standard_gamma`.
    pub fn standard_gamma(&mut self, shape: f64) -> f64 {
        gamma_with(self, shape, |s| s.standard_exponential(), |s| s.gauss())
    }

    /// `legacy_chisquare`.
    pub fn chisquare(&mut self, df: f64) -> f64 {
        2.0 * self.standard_gamma(df / 2.0)
    }

    /// `legacy_f`.
    pub fn f(&mut self, dfnum: f64, dfden: f64) -> f64 {
        let num = self.chisquare(dfnum) * dfden;
        num / (self.chisquare(dfden) * dfnum)
    }

    /// `legacy_noncentral_chisquare` (its NaN guard comes after the draws).
    pub fn noncentral_chisquare(&mut self, df: f64, nonc: f64) -> f64 {
        if nonc == 0.0 {
            return self.chisquare(df);
        }
        if 1.0 < df {
            let chi2 = self.chisquare(df - 1.0);
            let n = self.gauss() + nonc.sqrt();
            chi2 + n * n
        } else {
            let i = poisson(&mut self.mt, nonc / 2.0);
            let out = self.chisquare(df + 2.0 * i as f64);
            if nonc.is_nan() { f64::NAN } else { out }
        }
    }

    /// `legacy_noncentral_f`.
    pub fn noncentral_f(&mut self, dfnum: f64, dfden: f64, nonc: f64) -> f64 {
        let t = self.noncentral_chisquare(dfnum, nonc) * dfden;
        t / (self.chisquare(dfden) * dfnum)
    }

    /// `legacy_standard_cauchy`.
    pub fn standard_cauchy(&mut self) -> f64 {
        let a = self.gauss();
        a / self.gauss()
    }

    /// `legacy_standard_t`.
    pub fn standard_t(&mut self, df: f64) -> f64 {
        let num = self.gauss();
        let denom = self.standard_gamma(df / 2.0);
        (df / 2.0).sqrt() * num / denom.sqrt()
    }

    /// `legacy_pareto`.
    pub fn pareto(&mut self, a: f64) -> f64 {
        (self.standard_exponential() / a).exp() - 1.0
    }

    /// `legacy_weibull`.
    pub fn weibull(&mut self, a: f64) -> f64 {
        if a == 0.0 {
            return 0.0;
        }
        self.standard_exponential().powf(1. / a)
    }

    /// `legacy_power`.
    pub fn power(&mut self, a: f64) -> f64 {
        (1.0 - (-self.standard_exponential()).exp()).powf(1. / a)
    }

    /// `legacy_lognormal`.
    pub fn lognormal(&mut self, mean: f64, sigma: f64) -> f64 {
        (mean + sigma * self.gauss()).exp()
    }

    /// `legacy_rayleigh`.
    pub fn rayleigh(&mut self, mode: f64) -> f64 {
        mode * (-2.0 * (-self.mt.next_double()).ln_1p()).sqrt()
    }

    /// `legacy_wald`.
    pub fn wald(&mut self, mean: f64, scale: f64) -> f64 {
        let mu_2l = mean / (2.0 * scale);
        let y = self.gauss();
        let y = mean * y * y;
        let x = mean + mu_2l * (y - (4.0 * scale * y + y * y).sqrt());
        let u = self.mt.next_double();
        if u <= mean / (mean + x) {
            x
        } else {
            mean * mean / x
        }
    }

    /// `legacy_beta`.
    pub fn beta(&mut self, a: f64, b: f64) -> f64 {
        if a <= 1.0 && b <= 1.0 {
            loop {
                let u = self.mt.next_double();
                let v = self.mt.next_double();
                let x = u.powf(1.0 / a);
                let y = v.powf(1.0 / b);
                if x + y <= 1.0 {
                    if x + y > 0.0 {
                        return x / (x + y);
                    }
                    let mut log_x = u.ln() / a;
                    let mut log_y = v.ln() / b;
                    let log_m = if log_x > log_y { log_x } else { log_y };
                    log_x -= log_m;
                    log_y -= log_m;
                    return (log_x - (log_x.exp() + log_y.exp()).ln()).exp();
                }
            }
        }
        let ga = self.standard_gamma(a);
        let gb = self.standard_gamma(b);
        ga / (ga + gb)
    }

    /// `legacy_negative_binomial`.
    pub fn negative_binomial(&mut self, n: f64, p: f64) -> i64 {
        let y = (1.0 - p) / p * self.standard_gamma(n);
        poisson(&mut self.mt, y)
    }
}

/// The geometric's switch from search to inversion (NumPy writes
/// `0.333333333333333333333333`, which is this double).
pub const ONE_THIRD: f64 = 1.0 / 3.0;

/// `random_geometric_search` (both APIs use it for `p >= 1/3`).
pub fn geometric_search<G: BitGen>(g: &mut G, p: f64) -> i64 {
    let mut x = 1;
    let mut sum = p;
    let mut prod = p;
    let q = 1.0 - p;
    let u = g.next_double();
    while u > sum {
        prod *= q;
        sum += prod;
        x += 1;
    }
    x
}

/// `legacy_random_geometric`.
pub fn geometric<G: BitGen>(g: &mut G, p: f64) -> i64 {
    if p >= ONE_THIRD {
        geometric_search(g, p)
    } else {
        super::c_int(((-g.next_double()).ln_1p() / (1.0 - p).ln()).ceil())
    }
}

/// `legacy_random_zipf`.
pub fn zipf<G: BitGen>(g: &mut G, a: f64) -> i64 {
    let am1 = a - 1.0;
    let b = 2f64.powf(am1);
    loop {
        let u = 1.0 - g.next_double();
        let v = g.next_double();
        if let Some(x) = zipf_try(u, v, am1, b) {
            return x;
        }
    }
}

/// One round of the Zipf rejection both APIs share: the candidate
/// `floor(U^(-1/(a-1)))`, refused outside `1..=i64::MAX`, accepted
/// against `V`.
pub(super) fn zipf_try(u: f64, v: f64, am1: f64, b: f64) -> Option<i64> {
    let x = u.powf(-1.0 / am1).floor();
    if x > i64::MAX as f64 || x < 1.0 {
        return None;
    }
    let t = (1.0 + 1.0 / x).powf(am1);
    (v * x * (t - 1.0) / (b - 1.0) <= t / b).then_some(x as i64)
}

/// `legacy_logseries`.
pub fn logseries<G: BitGen>(g: &mut G, p: f64) -> i64 {
    let r = (1.0 - p).ln();
    loop {
        let v = g.next_double();
        if v >= p {
            return 1;
        }
        let u = g.next_double();
        if let Some(x) = logseries_pick(v, 1.0 - (r * u).exp()) {
            return x;
        }
    }
}

/// Kemp's step both APIs share once `q` is drawn: `None` redraws.
pub(super) fn logseries_pick(v: f64, q: f64) -> Option<i64> {
    if v <= q * q {
        let result = super::c_int((1.0 + v.ln() / q.ln()).floor());
        return (result >= 1 && v != 0.0).then_some(result);
    }
    Some(if v >= q { 1 } else { 2 })
}

/// `legacy_random_hypergeometric`: HYP below 11 samples, HRUA above.
pub fn hypergeometric<G: BitGen>(g: &mut G, good: i64, bad: i64, sample: i64) -> i64 {
    if sample > 10 {
        hrua(g, good, bad, sample)
    } else if sample > 0 {
        hyp(g, good, bad, sample)
    } else {
        0
    }
}

fn hyp<G: BitGen>(g: &mut G, good: i64, bad: i64, sample: i64) -> i64 {
    let d1 = bad + good - sample;
    let d2 = good.min(bad) as f64;
    let mut y = d2;
    let mut k = sample;
    while y > 0.0 {
        let u = g.next_double();
        y -= (u + y / (d1 + k) as f64).floor() as i64 as f64;
        k -= 1;
        if k == 0 {
            break;
        }
    }
    let mut z = (d2 - y) as i64;
    if good > bad {
        z = sample - z;
    }
    z
}

fn hrua<G: BitGen>(g: &mut G, good: i64, bad: i64, sample: i64) -> i64 {
    let mingoodbad = good.min(bad);
    let popsize = good + bad;
    let maxgoodbad = good.max(bad);
    let m = sample.min(popsize - sample);
    let d4 = mingoodbad as f64 / popsize as f64;
    let d5 = 1.0 - d4;
    let d6 = m as f64 * d4 + 0.5;
    let d7 = ((popsize - m) as f64 * sample as f64 * d4 * d5 / (popsize - 1) as f64 + 0.5).sqrt();
    let d8 = HRUA_D1 * d7 + HRUA_D2;
    let d9 = ((m + 1) as f64 * (mingoodbad + 1) as f64 / (popsize + 2) as f64).floor() as i64;
    let lf = |z: i64| {
        loggam((z + 1) as f64)
            + loggam((mingoodbad - z + 1) as f64)
            + loggam((m - z + 1) as f64)
            + loggam((maxgoodbad - m + z + 1) as f64)
    };
    let d10 = lf(d9);
    let d11 = ((m.min(mingoodbad)) as f64 + 1.0).min((d6 + 16.0 * d7).floor());
    let z = hrua_loop(g, d6, d8, d11, d10, lf);
    hrua_unfold(z, good, bad, m, sample)
}
