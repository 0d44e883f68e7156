//! The Householder steps of `dgesdd` for orders below LAPACK's block
//! crossovers (`NB = 32` for `dgebrd`, `dgeqrf`, `dgelqf`, `dorgqr`,
//! `dorglq`, `dormqr`, `dormlq`; `NX = 128`): every routine is its
//! unblocked form (`dgebd2`, `dgelq2`, `dorgl2`, `dorm2r`, `dorml2`), and
//! every reflector goes through `dlarf` — `dgemv` then `dger` (one
//! `daxpy` per column) with OpenBLAS's Haswell kernels.
//!
//! Matrices are column-major slices with a leading dimension, as LAPACK
//! sees them; `(r0, c0)` locate a block inside one.

use super::blas::{axpy, gemv_n};
use super::factor::{larf_left, larfg};

/// `dlarfg` on a vector stored with stride `inc` from `start` in `a`
/// (its first element `alpha`, the rest `x`): writes `v`'s tail back and
/// returns `(beta, tau)`, leaving `a[start]` for the caller.
fn larfg_strided(a: &mut [f64], start: usize, len: usize, inc: usize) -> (f64, f64) {
    let mut x: Vec<f64> = (1..len).map(|k| a[start + k * inc]).collect();
    let r = larfg(a[start], &mut x);
    for (k, v) in x.into_iter().enumerate() {
        a[start + (k + 1) * inc] = v;
    }
    r
}

/// The reflector vector `[1, a[start + inc], ...]` of length `len`.
fn reflector(a: &[f64], start: usize, len: usize, inc: usize) -> Vec<f64> {
    (0..len)
        .map(|k| if k == 0 { 1.0 } else { a[start + k * inc] })
        .collect()
}

/// `dlarf` from the right on the `rows x v.len()` block of `c` (leading
/// dimension `ldc`) at `(r0, c0)`: `v` without trailing zeros, the rows up
/// to the last with a nonzero in those columns (`iladlr`), `w = C v` by
/// `dgemv_n` (`unit_v` when `v` was stored with unit stride), then
/// `C -= tau w v^T` by `dger` (per column `daxpy` of `(-tau v_j) w`).
pub(super) fn larf_right(
    c: &mut [f64],
    ldc: usize,
    (r0, c0): (usize, usize),
    rows: usize,
    v: &[f64],
    tau: f64,
    unit_v: bool,
) {
    if tau == 0.0 {
        return;
    }
    let lastv = v.iter().rposition(|x| *x != 0.0).map_or(0, |i| i + 1);
    let at = |r: usize, col: usize| r0 + r + (c0 + col) * ldc;
    let lastc = (0..rows)
        .rposition(|r| (0..lastv).any(|col| c[at(r, col)] != 0.0))
        .map_or(0, |r| r + 1);
    if lastv == 0 || lastc == 0 {
        return;
    }
    let mut w = vec![0.0; lastc];
    gemv_n(
        |r, col| c[at(r, col)],
        &v[..lastv],
        &mut w,
        1.0,
        unit_v,
        ldc,
    );
    for (col, vc) in v[..lastv].iter().enumerate() {
        let start = at(0, col);
        axpy(-tau * vc, |i| w[i], &mut c[start..start + lastc]);
    }
}

/// What `dgebd2` leaves: the bidiagonal (`d`, `e`) and the reflectors'
/// scalars; the vectors stay in the matrix.
pub(super) struct Bidiagonal {
    pub(super) d: Vec<f64>,
    pub(super) e: Vec<f64>,
    pub(super) tauq: Vec<f64>,
    pub(super) taup: Vec<f64>,
}

/// `dgebd2` on the column-major `m x n` matrix `a` (leading dimension
/// `m`): upper bidiagonal when `m >= n`, lower otherwise.
pub(super) fn gebd2(m: usize, n: usize, a: &mut [f64]) -> Bidiagonal {
    let k = m.min(n);
    let mut b = Bidiagonal {
        d: vec![0.0; k],
        e: vec![0.0; k.saturating_sub(1)],
        tauq: vec![0.0; k],
        taup: vec![0.0; k],
    };
    let unit_row = m == 1;
    for i in 0..k {
        if m >= n {
            let (beta, tq) = larfg_strided(a, i + i * m, m - i, 1);
            b.d[i] = beta;
            b.tauq[i] = tq;
            if i + 1 < n {
                let v = reflector(a, i + i * m, m - i, 1);
                larf_left(a, m, i, i + 1, n - i - 1, &v, tq);
            }
            a[i + i * m] = beta;
            if i + 1 < n {
                let s = i + (i + 1) * m;
                let (beta, tp) = larfg_strided(a, s, n - i - 1, m);
                b.e[i] = beta;
                b.taup[i] = tp;
                let v = reflector(a, s, n - i - 1, m);
                larf_right(a, m, (i + 1, i + 1), m - i - 1, &v, tp, unit_row);
                a[s] = beta;
            }
        } else {
            let (beta, tp) = larfg_strided(a, i + i * m, n - i, m);
            b.d[i] = beta;
            b.taup[i] = tp;
            if i + 1 < m {
                let v = reflector(a, i + i * m, n - i, m);
                larf_right(a, m, (i + 1, i), m - i - 1, &v, tp, unit_row);
            }
            a[i + i * m] = beta;
            if i + 1 < m {
                let s = i + 1 + i * m;
                let (beta, tq) = larfg_strided(a, s, m - i - 1, 1);
                b.e[i] = beta;
                b.tauq[i] = tq;
                let v = reflector(a, s, m - i - 1, 1);
                larf_left(a, m, i + 1, i + 1, n - i - 1, &v, tq);
                a[s] = beta;
            }
        }
    }
    b
}

/// `dgelq2` on the column-major `m x n` matrix `a` (leading dimension
/// `m`): L in the lower triangle, the reflectors in the rows; returns
/// `tau`.
pub(super) fn gelq2(m: usize, n: usize, a: &mut [f64]) -> Vec<f64> {
    let k = m.min(n);
    let mut tau = vec![0.0; k];
    for (i, ti) in tau.iter_mut().enumerate() {
        let s = i + i * m;
        let (beta, t) = larfg_strided(a, s, n - i, m);
        *ti = t;
        if i + 1 < m {
            let v = reflector(a, s, n - i, m);
            larf_right(a, m, (i + 1, i), m - i - 1, &v, t, m == 1);
        }
        a[s] = beta;
    }
    tau
}

/// `dorgl2`: the first `m` rows of `Q = H_k ... H_1` from the reflectors
/// in the rows of the column-major `m x n` matrix `a` (leading dimension
/// `lda`).
pub(super) fn orgl2(m: usize, n: usize, k: usize, a: &mut [f64], lda: usize, tau: &[f64]) {
    if k < m {
        for j in 0..n {
            for l in k..m {
                a[l + j * lda] = 0.0;
            }
            if j >= k && j < m {
                a[j + j * lda] = 1.0;
            }
        }
    }
    for i in (0..k).rev() {
        if i + 1 < n {
            if i + 1 < m {
                a[i + i * lda] = 1.0;
                let v = reflector(a, i + i * lda, n - i, lda);
                larf_right(a, lda, (i + 1, i), m - i - 1, &v, tau[i], lda == 1);
            }
            for l in i + 1..n {
                a[i + l * lda] *= -tau[i];
            }
        }
        a[i + i * lda] = 1.0 - tau[i];
        for l in 0..i {
            a[i + l * lda] = 0.0;
        }
    }
}

/// Where `dgebd2`'s reflectors live: the matrix holding them, its
/// leading dimension, and their scalars.
pub(super) struct Reflectors<'a> {
    pub(super) a: &'a [f64],
    pub(super) lda: usize,
    pub(super) tau: &'a [f64],
}

/// `dormbr('Q', 'L', 'N', m, n, k, A, tauq, C)`: `C = Q C` for the
/// `m x n` matrix `c` (leading dimension `ldc`), `Q` from `dgebd2` of a
/// matrix with `k` columns. When `m >= k` that is `dorm2r` with `k`
/// reflectors; otherwise `dorm2r` with `m - 1` reflectors stored one row
/// down, applied to rows `1..m` of `C`.
pub(super) fn ormbr_q(m: usize, n: usize, k: usize, q: &Reflectors, c: &mut [f64], ldc: usize) {
    let (count, row0) = if m >= k {
        (k, 0)
    } else {
        (m.saturating_sub(1), 1)
    };
    for i in (0..count).rev() {
        let (r, col) = (row0 + i, i);
        let len = m - row0 - i;
        let v = reflector(q.a, r + col * q.lda, len, 1);
        larf_left(c, ldc, row0 + i, 0, n, &v, q.tau[i]);
    }
}

/// `dormbr('P', 'R', 'T', m, n, k, A, taup, C)`: `C = C P^T` for the
/// `m x n` matrix `c` (leading dimension `ldc`), `P` from `dgebd2` of a
/// matrix with `k` rows. When `n > k` that is `dorml2('R', 'N')` with `k`
/// reflectors in the rows; otherwise `n - 1` reflectors stored one column
/// right, applied to columns `1..n` of `C`. Reflectors go last to first.
pub(super) fn ormbr_p(m: usize, n: usize, k: usize, p: &Reflectors, c: &mut [f64], ldc: usize) {
    let (count, col0) = if n > k {
        (k, 0)
    } else {
        (n.saturating_sub(1), 1)
    };
    for i in (0..count).rev() {
        let (r, col) = (i, col0 + i);
        let len = n - col0 - i;
        let v = reflector(p.a, r + col * p.lda, len, p.lda);
        larf_right(c, ldc, (0, col0 + i), m, &v, p.tau[i], p.lda == 1);
    }
}
