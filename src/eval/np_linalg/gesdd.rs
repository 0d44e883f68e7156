//! The 2x2 kernels of LAPACK's `dbdsqr` that more than one replay
//! shares: `dlas2` (singular values of an upper triangular 2x2),
//! `dlasv2` (with its rotations), and the relative threshold below which
//! an off-diagonal entry counts as zero (`gelsd.rs`). `dgesdd` itself is
//! `gesdd_full.rs`.
//!
//! Everything here is plain rounded arithmetic, as LAPACK's Fortran is
//! compiled (no fused multiply-adds).

use super::lapack::sign;

/// LAPACK's `dlas2`: the singular values `(ssmin, ssmax)` of the upper
/// triangular `[[f, g], [0, h]]`.
pub(super) fn las2(f: f64, g: f64, h: f64) -> (f64, f64) {
    let (fa, ga, ha) = (f.abs(), g.abs(), h.abs());
    let (fhmn, fhmx) = (fa.min(ha), fa.max(ha));
    if fhmn == 0.0 {
        let ssmax = if fhmx == 0.0 {
            ga
        } else {
            let q = fhmx.min(ga) / fhmx.max(ga);
            fhmx.max(ga) * (1.0 + q * q).sqrt()
        };
        return (0.0, ssmax);
    }
    if ga < fhmx {
        let as_ = 1.0 + fhmn / fhmx;
        let at = (fhmx - fhmn) / fhmx;
        let q = ga / fhmx;
        let au = q * q;
        let c = 2.0 / ((as_ * as_ + au).sqrt() + (at * at + au).sqrt());
        return (fhmn * c, fhmx / c);
    }
    let au = fhmx / ga;
    if au == 0.0 {
        return ((fhmn * fhmx) / ga, ga);
    }
    let as_ = 1.0 + fhmn / fhmx;
    let at = (fhmx - fhmn) / fhmx;
    let (p, q) = (as_ * au, at * au);
    let c = 1.0 / ((1.0 + p * p).sqrt() + (1.0 + q * q).sqrt());
    let ssmin = (fhmn * c) * au;
    (ssmin + ssmin, ga / (c + c))
}

/// `dbdsqr`'s `thresh` for relative accuracy on a 2x2 bidiagonal with
/// diagonal `d` and off-diagonal `e`: an `e` at or below it is zero.
pub(super) fn threshold(d: [f64; 2], e: f64) -> f64 {
    let eps = f64::EPSILON / 2.0;
    let tol = 10f64.max(100f64.min(eps.powf(-0.125))) * eps;
    let mut sminoa = d[0].abs();
    if sminoa != 0.0 {
        let mu = d[1].abs() * (sminoa / (sminoa + e.abs()));
        sminoa = sminoa.min(mu);
    }
    sminoa /= 2f64.sqrt();
    let unfl = f64::MIN_POSITIVE;
    (tol * sminoa).max(6.0 * (2.0 * (2.0 * unfl)))
}

/// What `dlasv2` returns for the upper triangular `[[f, g], [0, h]]`:
/// signed singular values and the left (`csl`, `snl`) and right (`csr`,
/// `snr`) rotations.
pub(super) struct Lasv2 {
    pub(super) ssmin: f64,
    pub(super) ssmax: f64,
    pub(super) snr: f64,
    pub(super) csr: f64,
    pub(super) snl: f64,
    pub(super) csl: f64,
}

/// LAPACK's `dlasv2`, step for step.
pub(super) fn lasv2(f: f64, g: f64, h: f64) -> Lasv2 {
    let eps = f64::EPSILON / 2.0;
    let (mut ft, mut fa, mut ht, mut ha) = (f, f.abs(), h, h.abs());
    // pmax: which of f (1), g (2), h (3) is largest in magnitude.
    let mut pmax = 1;
    let swap = ha > fa;
    if swap {
        pmax = 3;
        std::mem::swap(&mut ft, &mut ht);
        std::mem::swap(&mut fa, &mut ha);
    }
    let (gt, ga) = (g, g.abs());
    let (ssmin, ssmax, clt, crt, slt, srt);
    if ga == 0.0 {
        // Diagonal.
        (ssmin, ssmax, clt, crt, slt, srt) = (ha, fa, 1.0, 1.0, 0.0, 0.0);
    } else if ga > fa && fa / ga < eps {
        // Very large g.
        pmax = 2;
        ssmax = ga;
        ssmin = if ha > 1.0 {
            fa / (ga / ha)
        } else {
            (fa / ga) * ha
        };
        (clt, slt, srt, crt) = (1.0, ht / gt, 1.0, ft / gt);
    } else {
        if ga > fa {
            pmax = 2;
        }
        let d = fa - ha;
        let l = if d == fa { 1.0 } else { d / fa };
        let m = gt / ft;
        let t = 2.0 - l;
        let (mm, tt) = (m * m, t * t);
        let s = (tt + mm).sqrt();
        let r = if l == 0.0 {
            m.abs()
        } else {
            (l * l + mm).sqrt()
        };
        let a = 0.5 * (s + r);
        ssmin = ha / a;
        ssmax = fa * a;
        let t = if mm == 0.0 {
            if l == 0.0 {
                sign(2.0, ft) * sign(1.0, gt)
            } else {
                gt / sign(d, ft) + m / t
            }
        } else {
            (m / (s + t) + m / (r + l)) * (1.0 + a)
        };
        let l = (t * t + 4.0).sqrt();
        crt = 2.0 / l;
        srt = t / l;
        clt = (crt + srt * m) / a;
        slt = (ht / ft) * srt / a;
    }
    let (csl, snl, csr, snr) = if swap {
        (srt, crt, slt, clt)
    } else {
        (clt, slt, crt, srt)
    };
    let tsign = match pmax {
        1 => sign(1.0, csr) * sign(1.0, csl) * sign(1.0, f),
        2 => sign(1.0, snr) * sign(1.0, csl) * sign(1.0, g),
        _ => sign(1.0, snr) * sign(1.0, snl) * sign(1.0, h),
    };
    Lasv2 {
        ssmax: sign(ssmax, tsign),
        ssmin: sign(ssmin, tsign * sign(1.0, f) * sign(1.0, h)),
        snr,
        csr,
        snl,
        csl,
    }
}
