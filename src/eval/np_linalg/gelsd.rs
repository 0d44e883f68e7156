//! `np.linalg.lstsq` as LAPACK's `dgelsd` computes it, replayed step for
//! step for the problems tutorials solve: float64, one or two unknowns
//! (a line `y = m x + c`, `np.polyfit(x, y, 1)`), more equations than
//! unknowns. `dgelsd` takes such a matrix through its QR path:
//!
//! 1. `dgeqrf` (unblocked `dgeqr2`) factors `A = QR` and `dormqr`
//!    applies `Q^T` to `b`, both by `dlarf` (`factor.rs`, with
//!    OpenBLAS's `dgemv_t`/`dger` kernels);
//! 2. `dgebrd` leaves the 1x1 or 2x2 `R` as it is (its reflectors are
//!    the identity), and `dlalsd` solves the bidiagonal problem: scaled
//!    by its largest entry, `dbdsqr`'s `dlasv2` rotation (applied by
//!    `drot` to `Vt` and to `b`), signs made positive, values sorted,
//!    rows at or below `rcond * s[0]` dropped, the rest divided by their
//!    singular value, `x = Vt^T c` as OpenBLAS's `dgemm` rounds it there,
//!    unscaled;
//! 3. the residual is the sum of squares of the rows of `Q^T b` past
//!    `n`, summed in order by NumPy's own loop.
//!
//! Checked against NumPy 2.4.6 (OpenBLAS 0.3.31, Haswell kernels): about
//! 1 300 random, integer, line-fit, rank-deficient and zero problems
//! with one right-hand side (a prototype of these steps), `dlalsd`'s 2x2
//! stage alone with up to five right-hand sides, and 60 problems through
//! slicelab itself (`79_lstsq_qr_bits` keeps 29): every bit of `x`, the
//! residuals, the rank and the singular values.
//! Anything else is `None`, for the caller's approximate path.

use super::factor::{geqr2, larf_left};
use super::gesdd::{lasv2, threshold};
use super::lstsq::Fit;
use crate::eval::error::PyResult;

/// `dgelsd`'s `SMLNUM` and `BIGNUM` (`dlamch('S') / dlamch('P')` and its
/// inverse): a matrix or right-hand side with its largest magnitude
/// outside them is rescaled first, which this does not replay.
const SMLNUM: f64 = f64::MIN_POSITIVE / f64::EPSILON;

/// The least-squares solution of the row-major `m x n` `a` and `m x k`
/// `b` with `rcond` (NumPy's default `eps * max(m, n)` included), if
/// `dgelsd` takes the path replayed here.
pub fn solve(
    m: usize,
    n: usize,
    k: usize,
    a: &[f64],
    b: &[f64],
    rcond: f64,
) -> PyResult<Option<Fit>> {
    // `ILAENV(6, 'DGELSD')`: the QR path from `m >= int(1.6 * n)`.
    let qr_path = m >= (n as f64 * 1.6) as usize;
    if !matches!(n, 1 | 2) || !qr_path || k == 0 {
        return Ok(None);
    }
    let biggest = |v: &[f64]| v.iter().fold(0.0f64, |x, y| x.max(y.abs()));
    let (anrm, bnrm) = (biggest(a), biggest(b));
    let outside = |x: f64| x > 0.0 && !(SMLNUM..=1.0 / SMLNUM).contains(&x);
    if !anrm.is_finite() || !bnrm.is_finite() || outside(anrm) || outside(bnrm) {
        return Ok(None);
    }
    if anrm == 0.0 {
        return Ok(Some(Fit {
            x: super::dense::work(n * k)?,
            resids: None,
            rank: 0,
            s: super::dense::work(n)?,
        }));
    }
    // Column-major copies, as LAPACK sees them.
    let mut ac = super::dense::work(m * n)?;
    for i in 0..m {
        for j in 0..n {
            ac[i + j * m] = a[i * n + j];
        }
    }
    let mut bc = super::dense::work(m * k)?;
    for i in 0..m {
        for j in 0..k {
            bc[i + j * m] = b[i * k + j];
        }
    }
    let tau = geqr2(m, n, &mut ac);
    // dormqr('L', 'T'): H_1 first, then H_2.
    for (i, t) in tau.iter().enumerate() {
        let mut v = ac[i + i * m..(i + 1) * m].to_vec();
        v[0] = 1.0;
        larf_left(&mut bc, m, i, 0, k, &v, *t);
    }
    let (x, rank, s) = if n == 1 {
        one_unknown(ac[0], &bc, m, k)
    } else {
        two_unknowns([ac[0], ac[1 + m]], ac[m], &bc, m, k, rcond)
    };
    let resids = (rank == n && m > n).then(|| {
        (0..k)
            .map(|j| {
                bc[n + j * m..(j + 1) * m]
                    .iter()
                    .fold(0.0, |r, v| r + v * v)
            })
            .collect()
    });
    Ok(Some(Fit { x, resids, rank, s }))
}

/// `dlalsd` with `N = 1`: `b` divided by `d` through `dlascl` (a product
/// with `1 / d`), or zero when `d` is.
fn one_unknown(d: f64, bc: &[f64], m: usize, k: usize) -> (Vec<f64>, usize, Vec<f64>) {
    if d == 0.0 {
        return (vec![0.0; k], 0, vec![0.0]);
    }
    let mul = 1.0 / d;
    ((0..k).map(|j| bc[j * m] * mul).collect(), 1, vec![d.abs()])
}

/// `dlalsd` with `N = 2` on the upper bidiagonal `[[d0, e], [0, d1]]` and
/// the first two rows of the column-major `bc`.
fn two_unknowns(
    d: [f64; 2],
    e: f64,
    bc: &[f64],
    m: usize,
    k: usize,
    rcond: f64,
) -> (Vec<f64>, usize, Vec<f64>) {
    let orgnrm = d[0].abs().max(d[1].abs()).max(e.abs());
    if orgnrm == 0.0 {
        return (vec![0.0; 2 * k], 0, d.to_vec());
    }
    let scale = 1.0 / orgnrm;
    let (mut d, e) = ([d[0] * scale, d[1] * scale], e * scale);
    // Vt (rows) starts as the identity; c holds b's first two rows.
    let mut vt = [[1.0, 0.0], [0.0, 1.0]];
    let mut c: [Vec<f64>; 2] = [
        (0..k).map(|j| bc[j * m]).collect(),
        (0..k).map(|j| bc[1 + j * m]).collect(),
    ];
    if e.abs() > threshold(d, e) {
        let r = lasv2(d[0], e, d[1]);
        d = [r.ssmax, r.ssmin];
        let [v0, v1] = &mut vt;
        rotate_rows(v0, v1, r.csr, r.snr);
        let [c0, c1] = &mut c;
        rotate_rows(c0, c1, r.csl, r.snl);
    }
    for (i, di) in d.iter_mut().enumerate() {
        if *di < 0.0 {
            *di = -*di;
            vt[i] = [-vt[i][0], -vt[i][1]];
        }
    }
    if d[1] > d[0] {
        d.swap(0, 1);
        vt.swap(0, 1);
        c.swap(0, 1);
    }
    let rcnd = if rcond <= 0.0 || rcond >= 1.0 {
        f64::EPSILON / 2.0
    } else {
        rcond
    };
    let tol = rcnd * d[0].abs().max(d[1].abs());
    let mut rank = 0;
    for (di, row) in d.iter().zip(c.iter_mut()) {
        if *di <= tol {
            row.iter_mut().for_each(|v| *v = 0.0);
        } else {
            let mul = 1.0 / di;
            row.iter_mut().for_each(|v| *v *= mul);
            rank += 1;
        }
    }
    // x = Vt^T c by dgemm: for these 2x2 products NumPy's OpenBLAS fuses
    // the first product into the second (measured through dlalsd itself,
    // for one right-hand side and several).
    let mut x = vec![0.0; 2 * k];
    for j in 0..k {
        for i in 0..2 {
            x[i * k + j] = vt[0][i].mul_add(c[0][j], vt[1][i] * c[1][j]) * scale;
        }
    }
    let mut s = [d[0] * orgnrm, d[1] * orgnrm];
    if s[1] > s[0] {
        s.swap(0, 1);
    }
    (x, rank, s.to_vec())
}

/// `drot` on two strided rows, as OpenBLAS's C loop compiles it:
/// `x' = c x + s y` and `y' = c y - s x`, the first product fused.
fn rotate_rows(x: &mut [f64], y: &mut [f64], c: f64, s: f64) {
    for (xi, yi) in x.iter_mut().zip(y.iter_mut()) {
        let (a, b) = (*xi, *yi);
        *xi = c.mul_add(a, s * b);
        *yi = c.mul_add(b, -(s * a));
    }
}
