//! Binomial and Poisson draws in NumPy's order of draws: inversion below
//! a mean of 30 and BTPE (Kachitvichyanukul & Schmeiser) above it for the
//! binomial, multiplication of uniforms below a mean of 10 and PTRS
//! (Hörmann's transformed rejection) above it for the Poisson, as NumPy
//! 2.4 has them. The legacy `RandomState` differs only where NumPy's does
//! (`Flavor::Legacy`: no early return for `n == 0` or `p == 0`, and
//! `exp(n log q)` for the inversion start). Integer and float arithmetic follow
//! NumPy's C expressions operand for operand, because the draws depend on
//! their last bits.

use super::{BitGen, Flavor};

/// `random_binomial` / `legacy_random_binomial` for `0 <= p <= 1`, `n >= 0`.
pub fn binomial<G: BitGen>(g: &mut G, n: i64, p: f64, flavor: Flavor) -> i64 {
    if flavor == Flavor::Generator && (n == 0 || p == 0.0) {
        return 0;
    }
    let (p_small, flip) = if p <= 0.5 {
        (p, false)
    } else {
        (1.0 - p, true)
    };
    let y = if p_small * n as f64 <= 30.0 {
        inversion(g, n, p_small, flavor)
    } else {
        btpe(g, n, p_small)
    };
    if flip { n - y } else { y }
}

/// The inversion sampler: walk the probabilities from 0 up to a bound,
/// restarting with a fresh uniform past it.
fn inversion<G: BitGen>(g: &mut G, n: i64, p: f64, flavor: Flavor) -> i64 {
    let q = 1.0 - p;
    let qn = match flavor {
        Flavor::Generator => (n as f64 * (-p).ln_1p()).exp(),
        Flavor::Legacy => (n as f64 * q.ln()).exp(),
    };
    let np = n as f64 * p;
    let bound = (n as f64).min(np + 10.0 * (np * q + 1.0).sqrt()) as i64;
    let mut x: i64 = 0;
    let mut px = qn;
    let mut u = g.next_double();
    while u > px {
        x += 1;
        if x > bound {
            x = 0;
            px = qn;
            u = g.next_double();
        } else {
            u -= px;
            px = ((n - x + 1) as f64 * p * px) / (x as f64 * q);
        }
    }
    x
}

/// One term of the Stirling series correction as NumPy 2.4 writes it:
/// `13680` where the series has 13860, and all four terms added (NumPy
/// 2.5 fixes both; its draws differ).
fn stirling(z: f64) -> f64 {
    let z2 = z * z;
    (13680. - (462. - (132. - (99. - 140. / z2) / z2) / z2) / z2) / z / 166320.
}

/// BTPE for `p <= 0.5` and `n p > 30`: triangle, parallelograms and
/// exponential tails, with the squeeze and the Stirling acceptance test.
fn btpe<G: BitGen>(g: &mut G, n: i64, p: f64) -> i64 {
    let r = p.min(1.0 - p);
    let q = 1.0 - r;
    let fm = n as f64 * r + r;
    let m = fm.floor() as i64;
    let p1 = (2.195 * (n as f64 * r * q).sqrt() - 4.6 * q).floor() + 0.5;
    let xm = m as f64 + 0.5;
    let xl = xm - p1;
    let xr = xm + p1;
    let c = 0.134 + 20.5 / (15.3 + m as f64);
    let a = (fm - xl) / (fm - xl * r);
    let laml = a * (1.0 + a / 2.0);
    let a = (xr - fm) / (xr * q);
    let lamr = a * (1.0 + a / 2.0);
    let p2 = p1 * (1.0 + 2.0 * c);
    let p3 = p2 + c / laml;
    let p4 = p3 + c / lamr;
    let nrq = n as f64 * r * q;
    loop {
        let u = g.next_double() * p4;
        let mut v = g.next_double();
        let y;
        if u <= p1 {
            // Step 10: the triangle, accepted at once.
            return finish((xm - p1 * v + u).floor() as i64, n, p);
        } else if u <= p2 {
            // Step 20: the parallelograms.
            let x = xl + (u - p1) / c;
            v = v * c + 1.0 - (m as f64 - x + 0.5).abs() / p1;
            if v > 1.0 {
                continue;
            }
            y = x.floor() as i64;
        } else if u <= p3 {
            // Step 30: the left tail.
            y = (xl + v.ln() / laml).floor() as i64;
            if y < 0 || v == 0.0 {
                continue;
            }
            v = v * (u - p2) * laml;
        } else {
            // Step 40: the right tail.
            y = (xr - v.ln() / lamr).floor() as i64;
            if y > n || v == 0.0 {
                continue;
            }
            v = v * (u - p3) * lamr;
        }
        // Step 50: explicit ratio of probabilities near the mode.
        let k = (y - m).abs();
        let far = k > 20 && (k as f64) < nrq / 2.0 - 1.0;
        if !far {
            let s = r / q;
            let a = s * (n + 1) as f64;
            let mut f = 1.0;
            if m < y {
                for i in m + 1..=y {
                    f *= a / i as f64 - s;
                }
            } else if m > y {
                for i in y + 1..=m {
                    f /= a / i as f64 - s;
                }
            }
            if v > f {
                continue;
            }
            return finish(y, n, p);
        }
        // Step 52: squeeze, then the Stirling bound.
        let kf = k as f64;
        let rho = (kf / nrq) * ((kf * (kf / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5);
        let t = (-k).wrapping_mul(k) as f64 / (2.0 * nrq);
        let big_a = v.ln();
        if big_a < t - rho {
            return finish(y, n, p);
        }
        if big_a > t + rho {
            continue;
        }
        let x1 = y as f64 + 1.0;
        let f1 = m as f64 + 1.0;
        let z = n as f64 + 1.0 - m as f64;
        let w = n as f64 - y as f64 + 1.0;
        let head = xm * (f1 / x1).ln()
            + ((n - m) as f64 + 0.5) * (z / w).ln()
            + (y - m) as f64 * (w * r / (x1 * q)).ln();
        let bound = head + stirling(f1) + stirling(z) + stirling(x1) + stirling(w);
        if big_a > bound {
            continue;
        }
        return finish(y, n, p);
    }
}

/// Step 60: BTPE samples the smaller of `p` and `1 - p`.
fn finish(y: i64, n: i64, p: f64) -> i64 {
    if p > 0.5 { n - y } else { y }
}

/// `random_poisson` (also the legacy one).
pub fn poisson<G: BitGen>(g: &mut G, lam: f64) -> i64 {
    if lam >= 10.0 {
        ptrs(g, lam)
    } else if lam == 0.0 {
        0
    } else {
        let enlam = (-lam).exp();
        let mut x = 0;
        let mut prod = 1.0;
        loop {
            prod *= g.next_double();
            if prod > enlam {
                x += 1;
            } else {
                return x;
            }
        }
    }
}

/// PTRS for `lam >= 10`.
fn ptrs<G: BitGen>(g: &mut G, lam: f64) -> i64 {
    let slam = lam.sqrt();
    let loglam = lam.ln();
    let b = 0.931 + 2.53 * slam;
    let a = -0.059 + 0.02483 * b;
    let invalpha = 1.1239 + 1.1328 / (b - 3.4);
    let vr = 0.9277 - 3.6224 / (b - 2.0);
    loop {
        let u = g.next_double() - 0.5;
        let v = g.next_double();
        let us = 0.5 - u.abs();
        let k = super::c_int(((2.0 * a / us + b) * u + lam + 0.43).floor());
        if us >= 0.07 && v <= vr {
            return k;
        }
        if k < 0 || (us < 0.013 && v > us) {
            continue;
        }
        if v.ln() + invalpha.ln() - (a / (us * us) + b).ln()
            <= -lam + k as f64 * loglam - loggam(k as f64 + 1.0)
        {
            return k;
        }
    }
}

/// `random_loggam`: log-gamma by the Stirling series (Zhang & Jin's
/// SPECFUN), shifted up to 7 for small arguments.
pub fn loggam(x: f64) -> f64 {
    const A: [f64; 10] = [
        8.333333333333333e-02,
        -2.777777777777778e-03,
        7.936507936507937e-04,
        -5.952380952380952e-04,
        8.417508417508418e-04,
        -1.917526917526918e-03,
        6.41025641025641e-03,
        -2.955065359477124e-02,
        1.796443723688307e-01,
        -1.3924322169059e+00,
    ];
    if x == 1.0 || x == 2.0 {
        return 0.0;
    }
    let n = if x < 7.0 { (7.0 - x) as i64 } else { 0 };
    let mut x0 = x + n as f64;
    let x2 = (1.0 / x0) * (1.0 / x0);
    let lg2pi = 1.8378770664093453e+00;
    let mut gl0 = A[9];
    for a in A[..9].iter().rev() {
        gl0 *= x2;
        gl0 += a;
    }
    let mut gl = gl0 / x0 + 0.5 * lg2pi + (x0 - 0.5) * x0.ln() - x0;
    if x < 7.0 {
        for _ in 1..=n {
            gl -= (x0 - 1.0).ln();
            x0 -= 1.0;
        }
    }
    gl
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loggam_matches_factorials() {
        assert_eq!(loggam(1.0), 0.0);
        assert!((loggam(5.0) - 24f64.ln()).abs() < 1e-13);
        assert!((loggam(11.0) - 3_628_800f64.ln()).abs() < 1e-12);
    }
}
