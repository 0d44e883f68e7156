//! `np.linalg.svd`'s singular vectors for matrices of order 1 and 2, by
//! LAPACK's own steps, so their signs and last digits are NumPy's.
//!
//! NumPy's `svd` gufuncs call `dgesdd`. For a 2x2 matrix that is its
//! "path 5" (no QR first, since `m < 11n/6`): `dgebd2` makes the matrix
//! upper bidiagonal with one Householder reflector from the left
//! (`dlarfg` of the first column, applied to the second by `dlarf`); the
//! reflectors from the right are of order 1, the identity. `dbdsdc`
//! hands orders up to 25 to `dlasdq`, i.e. `dbdsqr`: the off-diagonal
//! entry is dropped when it is below `dbdsqr`'s relative threshold,
//! otherwise the 2x2 bidiagonal is solved by `dlasv2`, its rotations
//! applied to identity matrices (so exactly); negative singular values
//! flip their row of `Vᵀ`; the values are sorted decreasing, with their
//! vectors; finally `dormbr` multiplies `U` by the reflector. A 1x1
//! matrix goes through the QR path, whose every reflector is the
//! identity: `u = sign(a)`, `s = |a|`, `vt = 1`.
//!
//! Checked against NumPy 2.4.6 on 100 000 random, integer, symmetric,
//! diagonal and singular matrices: every bit of `u`, `s` and `vt` agrees.
//! Outside the magnitudes where `dgesdd` leaves the matrix unscaled, or
//! for other orders, [`svd`] answers `None`, for the caller to refuse.
//!
//! Everything here is plain rounded arithmetic: the BLAS calls `dlarf`
//! makes on vectors of length 2 go through OpenBLAS's C tails, which form
//! each product and sum separately.

use super::factor::larfg;
use super::lapack::sign;

/// `dgesdd` scales a matrix whose largest magnitude is outside
/// `[sqrt(safmin) / eps, eps / sqrt(safmin)]` (about `6.7e-139` and
/// `1.5e138`); that rescaling is not replayed, so a margin inside it.
const SMALLEST: f64 = 1e-130;
const LARGEST: f64 = 1e130;

/// The singular value decomposition NumPy gives: row-major `u` and `vt`
/// (`n x n`) and the singular values, largest first.
pub struct Svd {
    pub u: Vec<f64>,
    pub s: Vec<f64>,
    pub vt: Vec<f64>,
}

/// Whether `dgesdd` takes `a` as it is: finite, and not so large or
/// small that it would rescale it first.
fn unscaled(a: &[f64]) -> bool {
    let big = a.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    a.iter().all(|v| v.is_finite()) && (big == 0.0 || (SMALLEST..=LARGEST).contains(&big))
}

/// `dgesdd` of the row-major `n x n` matrix `a`, or `None` when it is not
/// replayed (orders above 2, non-finite entries, magnitudes `dgesdd`
/// would rescale).
pub fn svd(n: usize, a: &[f64]) -> Option<Svd> {
    if !unscaled(a) {
        return None;
    }
    match n {
        0 => Some(Svd {
            u: Vec::new(),
            s: Vec::new(),
            vt: Vec::new(),
        }),
        1 => Some(Svd {
            u: vec![sign(1.0, a[0])],
            s: vec![a[0].abs()],
            vt: vec![1.0],
        }),
        2 => Some(two_by_two([a[0], a[1], a[2], a[3]])),
        3..=SMLSIZ if is_diagonal(n, a) => Some(diagonal(n, a)),
        _ => None,
    }
}

/// The largest order `dbdsdc` hands to `dlasdq` (`SMLSIZ`); larger ones
/// go through divide and conquer.
const SMLSIZ: usize = 25;

/// True when every entry off the diagonal is zero.
fn is_diagonal(n: usize, a: &[f64]) -> bool {
    (0..n).all(|i| (0..n).all(|j| i == j || a[i * n + j] == 0.0))
}

/// A diagonal matrix: every reflector of `dgebd2` is the identity and
/// every off-diagonal entry of the bidiagonal is zero, so `dbdsqr` only
/// makes the values positive (flipping rows of `Vᵀ`) and the three sorts
/// of `dbdsqr`, `dlasdq` and `dbdsdc` order them, each with its own
/// rule for ties, which decides where equal values' vectors end up.
fn diagonal(n: usize, a: &[f64]) -> Svd {
    let mut d: Vec<f64> = (0..n).map(|i| a[i * n + i]).collect();
    let mut u = vec![0.0; n * n];
    let mut vt = vec![0.0; n * n];
    for i in 0..n {
        u[i * n + i] = 1.0;
        vt[i * n + i] = 1.0;
    }
    for (i, di) in d.iter_mut().enumerate() {
        if *di < 0.0 {
            *di = -*di;
            for v in &mut vt[i * n..(i + 1) * n] {
                *v = -*v;
            }
        }
    }
    // Swap values i and j with U's columns and Vt's rows.
    let swap = |d: &mut Vec<f64>, u: &mut Vec<f64>, vt: &mut Vec<f64>, i: usize, j: usize| {
        d.swap(i, j);
        for r in 0..n {
            u.swap(r * n + i, r * n + j);
            vt.swap(i * n + r, j * n + r);
        }
    };
    // dbdsqr: decreasing, the smallest (last of equals) to the end.
    for i in 0..n - 1 {
        let end = n - 1 - i;
        let mut sub = 0;
        for j in 1..=end {
            if d[j] <= d[sub] {
                sub = j;
            }
        }
        if sub != end {
            swap(&mut d, &mut u, &mut vt, sub, end);
        }
    }
    // dlasdq: increasing, the first of equals to the front.
    for i in 0..n {
        let mut sub = i;
        for j in i + 1..n {
            if d[j] < d[sub] {
                sub = j;
            }
        }
        if sub != i {
            swap(&mut d, &mut u, &mut vt, sub, i);
        }
    }
    // dbdsdc: decreasing, the first of equals to the front.
    for i in 0..n - 1 {
        let mut k = i;
        for j in i + 1..n {
            if d[j] > d[k] {
                k = j;
            }
        }
        if k != i {
            swap(&mut d, &mut u, &mut vt, k, i);
        }
    }
    Svd { u, s: d, vt }
}

/// `svd(a, compute_uv=False)` of the row-major `n x n` matrix `a`, as
/// `dgesdd` with `JOBZ='N'` gives it, or `None` where not replayed
/// (orders above 2 that are not diagonal, non-finite entries, extreme
/// magnitudes). Without vectors `dbdsqr` hands the bidiagonal to
/// `dlasq1`, which for order 2 is `dlas2` — not `dlasv2`, so the last
/// digits can differ from the values `svd` gives with its vectors, as in
/// NumPy — and for a diagonal matrix sorts the magnitudes.
pub fn values(n: usize, a: &[f64]) -> Option<Vec<f64>> {
    if !unscaled(a) {
        return None;
    }
    match n {
        0 => Some(Vec::new()),
        1 => Some(vec![a[0].abs()]),
        2 => {
            let (d, e, _, _) = bidiagonal([a[0], a[1], a[2], a[3]]);
            let (ssmin, ssmax) = las2(d[0], e, d[1]);
            Some(vec![ssmax, ssmin])
        }
        _ if is_diagonal(n, a) => {
            let mut d: Vec<f64> = (0..n).map(|i| a[i * n + i].abs()).collect();
            d.sort_by(|x, y| y.total_cmp(x));
            Some(d)
        }
        _ => None,
    }
}

/// `dgebd2` on `[[a11, a12], [a21, a22]]`: `H1 = I - tau [1; v2] [1 v2]`
/// makes the first column `[beta; 0]` and is applied to the second
/// (`dlarf`: `w = a12 + a22 * v2`). Returns the diagonal, the
/// off-diagonal entry, `tau` and `v2`.
fn bidiagonal([a11, a12, a21, a22]: [f64; 4]) -> ([f64; 2], f64, f64, f64) {
    let mut tail = [a21];
    let (beta, tau) = larfg(a11, &mut tail);
    let v2 = tail[0];
    let (mut e, mut d2) = (a12, a22);
    if tau != 0.0 && (a12 != 0.0 || a22 != 0.0) {
        let w = a22 * v2 + a12;
        let tw = -tau * w;
        e = a12 + tw;
        d2 = a22 + tw * v2;
    }
    ([beta, d2], e, tau, v2)
}

/// LAPACK's `dlas2`: the singular values `(ssmin, ssmax)` of the upper
/// triangular `[[f, g], [0, h]]`.
fn las2(f: f64, g: f64, h: f64) -> (f64, f64) {
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

/// Path 5 of `dgesdd` on `[[a11, a12], [a21, a22]]`.
fn two_by_two(a: [f64; 4]) -> Svd {
    let (mut d, e, tau, v2) = bidiagonal(a);
    // dbdsqr: U and Vt start as the identity (dbdsdc's dlaset).
    let mut u = [1.0, 0.0, 0.0, 1.0];
    let mut vt = [1.0, 0.0, 0.0, 1.0];
    if e.abs() > threshold(d, e) {
        let r = lasv2(d[0], e, d[1]);
        d = [r.ssmax, r.ssmin];
        vt = rotated_identity(r.csr, r.snr, true);
        u = rotated_identity(r.csl, r.snl, false);
    }
    for (i, di) in d.iter_mut().enumerate() {
        if *di < 0.0 {
            *di = -*di;
            vt[2 * i] = -vt[2 * i];
            vt[2 * i + 1] = -vt[2 * i + 1];
        }
    }
    // The sorts of dbdsqr, dlasdq and dbdsdc leave ties in place.
    if d[1] > d[0] {
        d.swap(0, 1);
        vt.swap(0, 2);
        vt.swap(1, 3);
        u.swap(0, 1);
        u.swap(2, 3);
    }
    // dormbr('Q', 'L', 'N'): U = H1 U, column by column up to the last
    // nonzero one (dlarf's iladlc).
    if tau != 0.0 {
        let last = if u[1] != 0.0 || u[3] != 0.0 { 2 } else { 1 };
        for c in 0..last {
            let w = u[2 + c] * v2 + u[c];
            let tw = -tau * w;
            u[c] += tw;
            u[2 + c] += tw * v2;
        }
    }
    Svd {
        u: u.to_vec(),
        s: d.to_vec(),
        vt: vt.to_vec(),
    }
}

/// `drot` (`x' = c x + s y`, `y' = c y - s x`) of the identity's two
/// rows (`rows`) or columns, as a row-major 2x2; written out so the
/// zeros keep the signs the products give them.
fn rotated_identity(c: f64, s: f64, rows: bool) -> [f64; 4] {
    let (x, y) = ([1.0, 0.0], [0.0, 1.0]);
    let xr = [c * x[0] + s * y[0], c * x[1] + s * y[1]];
    let yr = [c * y[0] - s * x[0], c * y[1] - s * x[1]];
    if rows {
        [xr[0], xr[1], yr[0], yr[1]]
    } else {
        [xr[0], yr[0], xr[1], yr[1]]
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Bits NumPy 2.4.6 printed for `np.linalg.svd` (`.tolist()`).
    #[test]
    fn matches_numpy_on_a_general_matrix() {
        let a = [
            0.35591219674109076,
            -1.341064706913796,
            0.3358218614790017,
            1.3100937540762387,
        ];
        let r = svd(2, &a).unwrap();
        assert_eq!(
            r.u,
            [
                -0.7173925278503936,
                0.6966691904946148,
                0.6966691904946148,
                0.7173925278503936
            ]
        );
        assert_eq!(r.s, [1.8748935694719302, 0.4889009206254908]);
        assert_eq!(
            r.vt,
            [
                -0.011399050310853838,
                0.9999350287153714,
                0.9999350287153714,
                0.011399050310853838
            ]
        );
    }

    #[test]
    fn a_negative_zero_singular_value_keeps_its_sign() {
        // np.linalg.svd([[-0.0, 0], [0, 1]]) gives s = [1., -0.].
        let r = svd(2, &[-0.0, 0.0, 0.0, 1.0]).unwrap();
        assert_eq!(r.s[0], 1.0);
        assert!(r.s[1] == 0.0 && r.s[1].is_sign_negative());
        assert_eq!(r.u, [0.0, 1.0, 1.0, 0.0]);
    }

    #[test]
    fn a_diagonal_matrix_sorts_ties_as_lapack_does() {
        // np.linalg.svd(np.diag([1.0, -2.0, 2.0])): the -2 (its Vt row
        // flipped) stays ahead of the equal 2.
        let r = svd(3, &[1.0, 0.0, 0.0, 0.0, -2.0, 0.0, 0.0, 0.0, 2.0]).unwrap();
        assert_eq!(r.s, [2.0, 2.0, 1.0]);
        assert_eq!(r.u, [0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0]);
        assert_eq!(r.vt, [-0.0, -1.0, -0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0]);
        assert!(r.vt[0].is_sign_negative());
    }

    #[test]
    fn values_without_vectors_are_dlas2s() {
        // np.linalg.svd(a, compute_uv=False).tolist() in NumPy 2.4.6.
        let a = [
            0.35591219674109076,
            -1.341064706913796,
            0.3358218614790017,
            1.3100937540762387,
        ];
        assert_eq!(
            values(2, &a).unwrap(),
            [1.8748935694719302, 0.4889009206254908]
        );
        let b = [
            -0.8019314252534474,
            -1.324358995628145,
            -0.24836162209524854,
            0.4204452380655215,
        ];
        // Without vectors (dlas2) and with them (dlasv2) the last digits
        // differ, in NumPy as here.
        assert_eq!(
            values(2, &b).unwrap(),
            [1.5667599270046142, 0.425137371662932]
        );
        assert_eq!(
            svd(2, &b).unwrap().s,
            [1.5667599270046146, 0.4251373716629319]
        );
        assert_eq!(
            values(3, &[-2.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, -3.0]).unwrap(),
            [3.0, 2.0, 1.0]
        );
    }

    #[test]
    fn refuses_what_is_not_replayed() {
        let mut three = [0.0; 9];
        three[1] = 1.0;
        assert!(svd(3, &three).is_none());
        assert!(svd(2, &[1e200, 0.0, 0.0, 1.0]).is_none());
        assert!(svd(2, &[f64::NAN, 0.0, 0.0, 1.0]).is_none());
    }
}
