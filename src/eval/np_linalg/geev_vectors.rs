//! `np.linalg.eig` and `np.linalg.eigvals` on real float64 input: LAPACK's
//! `dgeev` (`jobvl = 'N'`, `jobvr = 'V'` or `'N'`) replayed in LAPACK
//! 3.12's order of floating-point operations, with the BLAS calls in
//! OpenBLAS 0.3.31's Haswell kernels' orders (`super::blas`), so that
//! eigenvalues and eigenvectors agree with NumPy 2.4.6 to the last bit.
//!
//! The steps, as `dgeev` takes them with the workspace NumPy queries:
//!
//! - `dlange('M')`; a matrix whose largest magnitude is outside
//!   `[sqrt(safmin)/eps, its reciprocal]` is scaled to that bound by
//!   `dlascl`, and the eigenvalues back at the end.
//! - `dgebal('B')`: permutations isolating eigenvalues, then scaling
//!   (`super::geev::balance`).
//! - `dgehrd`: below its crossover (`NX = 128`) it is the unblocked
//!   `dgehd2`: a `dlarfg` reflector per column, applied by `dlarf` from the
//!   right (`dgemv_n` + `dger`) and the left (`dgemv_t` + `dger`), each
//!   trimmed to the reflector's last nonzero and the block's last nonzero
//!   row or column (`iladlr`/`iladlc`).
//! - `dorghr` → `dorgqr` → `dorg2r` (again below the crossover): `Q` from
//!   the reflectors, applied backwards by `dlarf` from the left.
//! - `dhseqr('S', 'V')`: `dlahqr` with `wantt` and `wantz` for `n <= 75`
//!   (`super::geev::hseqr`).
//! - `dtrevc3('R', 'B')`: with NumPy's workspace `NB = 64`, so its blocked
//!   back-transform: the triangular solves (`dlaln2`, `daxpy`) fill up to
//!   `NB - 1` columns, which one `dgemm` multiplies into the Schur vectors,
//!   each column then scaled to largest magnitude one (`idamax`, or
//!   `|re| + |im|` for a pair).
//! - `dgebak('B', 'R')`, then `dgeev`'s normalisation to unit 2-norm, a
//!   complex pair rotated (`dlartg`, `drot`) so that its largest component
//!   is real.
//!
//! Matrices are column-major (`a[i + j * n]`), as LAPACK sees them.
//!
//! Checked against NumPy 2.4.6 on an AVX2 machine: every one of 8700
//! random and structured matrices of orders 1 to 75 (integer, normal,
//! symmetric, triangular, defective, rotations, companions, isolated rows
//! and columns, magnitudes from 1e-300 to 1e300) agreed to the last bit in
//! eigenvalues and eigenvectors, signed zeros included; the library's
//! results do not depend on its thread count.

use super::blas::{axpy, gemm, iamax, nrm2, rot};
use super::factor::larf_left;
use super::geev::{Balance, SAFMIN, ULP, balance, hseqr, larfg};
use super::gesdd_bidiag::larf_right;
use super::lapack::{ladiv, lapy2, lartg, lascl};

/// The largest order `dhseqr` hands to `dlahqr` (`NMIN` from `iparmq`);
/// above it `dlaqr0` runs, which is not replayed.
pub const MAX_N: usize = 75;

/// `dtrevc3`'s block size under `dgeev` with NumPy's queried workspace:
/// the query answers `130 n` (its largest term, `n` plus `dtrevc3`'s own
/// `n + 2 n NB` with `ilaenv`'s `NB = 64` for `DTREVC`), `dtrevc3` gets
/// `129 n` of it and takes `NB = (129 n - n) / (2 n) = 64` (the library's
/// query checked for every `n` up to 100).
const TREVC_NB: usize = 64;

/// What `dgeev` returns with `jobvr = 'V'`.
pub struct Geev {
    /// Real parts of the eigenvalues.
    pub wr: Vec<f64>,
    /// Imaginary parts; a complex pair is `wi[j] > 0`, `wi[j + 1] < 0`.
    pub wi: Vec<f64>,
    /// Column-major `n x n`: a real vector per real eigenvalue; for a
    /// complex pair, columns `j` and `j + 1` hold its real and imaginary
    /// parts.
    pub vr: Vec<f64>,
}

/// `dgeev(jobvl = 'N', jobvr = 'V')` on the column-major `n x n` matrix
/// `a`. `None` where the replay does not model a path: `n > 75`
/// (`dhseqr` runs `dlaqr0`), no convergence of `dlahqr` (`dhseqr` would
/// go on to `dlaqr0`), or input NumPy refuses before LAPACK (a non-finite
/// entry) or that is not `n x n`.
pub fn geev_right(n: usize, a: &[f64]) -> Option<Geev> {
    let (mut h, scaling) = prepare(n, a)?;
    if n == 0 {
        return Some(Geev {
            wr: vec![],
            wi: vec![],
            vr: vec![],
        });
    }
    let bal = balance(n, &mut h)?;
    let tau = gehd2(n, bal.ilo, bal.ihi, &mut h);
    // dlacpy('L'): the reflectors; dorghr sets everything else.
    let mut vr = vec![0.0f64; n * n];
    for j in 0..n {
        for i in j..n {
            vr[i + j * n] = h[i + j * n];
        }
    }
    orghr(n, bal.ilo, bal.ihi, &mut vr, &tau);
    let (mut wr, mut wi) = hseqr(true, n, bal.ilo, bal.ihi, &mut h, Some(&mut vr))?;
    trevc3(n, &h, &mut vr);
    gebak(n, &bal, &mut vr);
    normalise(n, &wi, &mut vr);
    unscale(scaling, &mut wr, &mut wi);
    Some(Geev { wr, wi, vr })
}

/// `dgeev(jobvl = jobvr = 'N')` on the column-major `n x n` matrix `a`:
/// `(wr, wi)`, or `None` as for [`geev_right`].
pub fn geev_values(n: usize, a: &[f64]) -> Option<(Vec<f64>, Vec<f64>)> {
    let (mut h, scaling) = prepare(n, a)?;
    if n == 0 {
        return Some((vec![], vec![]));
    }
    let bal = balance(n, &mut h)?;
    gehd2(n, bal.ilo, bal.ihi, &mut h);
    let (mut wr, mut wi) = hseqr(false, n, bal.ilo, bal.ihi, &mut h, None)?;
    unscale(scaling, &mut wr, &mut wi);
    Some((wr, wi))
}

/// `dgeev`'s scaling of a matrix whose largest magnitude `anrm` is
/// outside `[sqrt(safmin)/eps, its reciprocal]`: `A` is scaled to
/// `cscale` (that bound) before balancing and the eigenvalues back by
/// `anrm / cscale` at the end, both by `dlascl`.
struct Scaling {
    anrm: f64,
    cscale: f64,
}

/// A working copy of `a`, scaled as `dgeev` scales it, or `None` for what
/// is not replayed: a wrong length, `n > 75` or a non-finite entry (NumPy
/// refuses those before LAPACK).
fn prepare(n: usize, a: &[f64]) -> Option<(Vec<f64>, Option<Scaling>)> {
    if a.len() != n * n || n > MAX_N || a.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let mut h = a.to_vec();
    let anrm = a.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let smlnum = SAFMIN.sqrt() / ULP;
    let bignum = 1.0 / smlnum;
    let cscale = if anrm > 0.0 && anrm < smlnum {
        smlnum
    } else if anrm > bignum {
        bignum
    } else {
        return Some((h, None));
    };
    lascl(anrm, cscale, &mut h);
    Some((h, Some(Scaling { anrm, cscale })))
}

/// Undoes [`prepare`]'s scaling on the eigenvalues.
fn unscale(scaling: Option<Scaling>, wr: &mut [f64], wi: &mut [f64]) {
    if let Some(s) = scaling {
        lascl(s.cscale, s.anrm, wr);
        lascl(s.cscale, s.anrm, wi);
    }
}

/// `dgehd2` on rows and columns `ilo..=ihi` (one-based) of the
/// column-major `a`: the Hessenberg form with the reflectors below its
/// subdiagonal; returns `tau` (indexed from 0 for LAPACK's `tau(1)`).
fn gehd2(n: usize, ilo: usize, ihi: usize, a: &mut [f64]) -> Vec<f64> {
    let ix = |i: usize, j: usize| (i - 1) + (j - 1) * n;
    let mut tau = vec![0.0f64; n];
    for i in ilo..ihi {
        let mut v: Vec<f64> = (i + 1..=ihi).map(|r| a[ix(r, i)]).collect();
        let t = larfg(&mut v);
        tau[i - 1] = t;
        let beta = v[0];
        for (r, vr) in (i + 2..=ihi).zip(&v[1..]) {
            a[ix(r, i)] = *vr;
        }
        v[0] = 1.0;
        larf_right(a, n, (0, i), ihi, &v, t, true);
        larf_left(a, n, i, i, n - i, &v, t);
        a[ix(i + 1, i)] = beta;
    }
    tau
}

/// `dorghr`: the orthogonal `Q` of `dgehrd` in the column-major `a`, which
/// holds the reflectors below the subdiagonal of columns `ilo..ihi`
/// (one-based) and is overwritten.
fn orghr(n: usize, ilo: usize, ihi: usize, a: &mut [f64], tau: &[f64]) {
    let ix = |i: usize, j: usize| (i - 1) + (j - 1) * n;
    // Shift the reflectors one column right; identity elsewhere.
    for j in (ilo + 1..=ihi).rev() {
        for i in 1..j {
            a[ix(i, j)] = 0.0;
        }
        for i in j + 1..=ihi {
            a[ix(i, j)] = a[ix(i, j - 1)];
        }
        for i in ihi + 1..=n {
            a[ix(i, j)] = 0.0;
        }
    }
    for j in (1..=ilo).chain(ihi + 1..=n) {
        for i in 1..=n {
            a[ix(i, j)] = 0.0;
        }
        a[ix(j, j)] = 1.0;
    }
    let nh = ihi - ilo;
    if nh > 0 {
        org2r(a, n, ilo, nh, &tau[ilo - 1..]);
    }
}

/// `dorg2r` with `m = n = k = nh` on the block of the column-major `a`
/// (leading dimension `lda`) starting at the zero-based `(off, off)`.
fn org2r(a: &mut [f64], lda: usize, off: usize, nh: usize, tau: &[f64]) {
    let ix = |i: usize, j: usize| off + (i - 1) + (off + j - 1) * lda;
    for i in (1..=nh).rev() {
        if i < nh {
            a[ix(i, i)] = 1.0;
            let v: Vec<f64> = (i..=nh).map(|r| a[ix(r, i)]).collect();
            larf_left(a, lda, off + i - 1, off + i, nh - i, &v, tau[i - 1]);
        }
        for r in i + 1..=nh {
            a[ix(r, i)] *= -tau[i - 1];
        }
        a[ix(i, i)] = 1.0 - tau[i - 1];
        for r in 1..i {
            a[ix(r, i)] = 0.0;
        }
    }
}

/// `dtrevc3('R', 'B')` with `NB = 64`: the right eigenvectors of the
/// column-major quasi-triangular Schur form `t`, back-transformed by the
/// Schur vectors `vr` in place. Each vector is solved for in a work
/// column (`IV` counts down from `NB`); when the columns run out or the
/// last vector is done, one `dgemm` multiplies them in.
fn trevc3(n: usize, t: &[f64], vr: &mut [f64]) {
    let ix = |i: usize, j: usize| (i - 1) + (j - 1) * n;
    let nb = TREVC_NB;
    let smlnum = SAFMIN * (n as f64 / ULP);
    let bignum = (1.0 - ULP) / smlnum;
    // The 1-norms of the strictly upper part of t's columns (one-based).
    let mut cnorm = vec![0.0f64; n + 1];
    for (j, c) in cnorm.iter_mut().enumerate().skip(2) {
        let mut s = 0.0;
        for i in 1..j {
            s += t[ix(i, j)].abs();
        }
        *c = s;
    }
    let solve = Solve {
        n,
        t,
        cnorm: &cnorm,
        bignum,
    };
    // Work columns 1..=nb, each n long; column `c` starts at (c - 1) * n.
    let mut x = vec![0.0f64; n * nb];
    let mut iscomplex = vec![0i8; nb + 1];
    let mut iv = nb;
    let mut ip = 0;
    for ki in (1..=n).rev() {
        if ip == -1 {
            // The first row of the pair just done.
            ip = 1;
            continue;
        }
        ip = if ki == 1 || t[ix(ki, ki - 1)] == 0.0 {
            0
        } else {
            -1
        };
        let wr = t[ix(ki, ki)];
        let wi = if ip == 0 {
            0.0
        } else {
            t[ix(ki, ki - 1)].abs().sqrt() * t[ix(ki - 1, ki)].abs().sqrt()
        };
        let smin = (ULP * (wr.abs() + wi.abs())).max(smlnum);
        if ip == 0 {
            let col = &mut x[(iv - 1) * n..iv * n];
            solve.real(ki, wr, smin, col);
            iscomplex[iv] = 0;
        } else {
            let (re, im) = x[(iv - 2) * n..iv * n].split_at_mut(n);
            solve.complex(ki, wr, wi, smin, re, im);
            iscomplex[iv - 1] = 1;
            iscomplex[iv] = -1;
            iv -= 1;
        }
        let ki2 = if ip == 0 { ki } else { ki - 1 };
        if iv <= 2 || ki2 == 1 {
            back_transform(n, vr, &x, &iscomplex, iv, ki2);
            iv = nb;
        } else {
            iv -= 1;
        }
    }
}

/// `dtrevc3`'s blocked back-transform: `VR(:, ki2..)` becomes
/// `VR(:, 1..ki2+nb-iv) X(1..ki2+nb-iv, iv..=nb)` by one `dgemm`, each
/// column scaled so its largest magnitude (`|re| + |im|` over a pair) is
/// one.
fn back_transform(n: usize, vr: &mut [f64], x: &[f64], iscomplex: &[i8], iv: usize, ki2: usize) {
    let nb = TREVC_NB;
    let cols = nb - iv + 1;
    let k = ki2 + nb - iv;
    let mut c = gemm(
        n,
        cols,
        k,
        |i, l| vr[i + l * n],
        |l, j| x[(iv - 1 + j) * n + l],
    );
    let mut remax = 1.0;
    for j in 0..cols {
        let col = &c[j * n..(j + 1) * n];
        match iscomplex[iv + j] {
            0 => remax = 1.0 / col[iamax(col)].abs(),
            1 => {
                let next = &c[(j + 1) * n..(j + 2) * n];
                let emax = col
                    .iter()
                    .zip(next)
                    .fold(0.0f64, |m, (re, im)| m.max(re.abs() + im.abs()));
                remax = 1.0 / emax;
            }
            // The imaginary part takes its pair's factor.
            _ => {}
        }
        c[j * n..(j + 1) * n].iter_mut().for_each(|v| *v *= remax);
    }
    let start = (ki2 - 1) * n;
    vr[start..start + cols * n].copy_from_slice(&c);
}

/// The triangular solves of `dtrevc3` for one eigenvalue: `(T - w I) x =
/// 0` with `x(ki) = 1`, by back substitution over `t`'s diagonal blocks
/// (`dlaln2`), guarded against overflow with `cnorm` and `bignum`.
struct Solve<'a> {
    n: usize,
    t: &'a [f64],
    cnorm: &'a [f64],
    bignum: f64,
}

impl Solve<'_> {
    /// `t(i, j)`, one-based.
    fn t(&self, i: usize, j: usize) -> f64 {
        self.t[(i - 1) + (j - 1) * self.n]
    }

    /// The diagonal blocks above row `top` (one-based), bottom up:
    /// `(j1, j2)`, equal for a 1×1 block.
    fn blocks(&self, top: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut j = top;
        while j >= 1 {
            if j > 1 && self.t(j, j - 1) != 0.0 {
                out.push((j - 1, j));
                j -= 2;
            } else {
                out.push((j, j));
                j -= 1;
            }
        }
        out
    }

    /// The 2×2 diagonal block at `(j1, j1)`, row-major.
    fn block(&self, j1: usize) -> [[f64; 2]; 2] {
        [
            [self.t(j1, j1), self.t(j1, j1 + 1)],
            [self.t(j1 + 1, j1), self.t(j1 + 1, j1 + 1)],
        ]
    }

    /// `x -= alpha t(1..len, j)` by `daxpy`.
    fn axpy_col(&self, alpha: f64, j: usize, x: &mut [f64], len: usize) {
        axpy(alpha, |i| self.t(i + 1, j), &mut x[..len]);
    }

    /// The real eigenvector of `wr = t(ki, ki)` into `x` (zero below `ki`).
    fn real(&self, ki: usize, wr: f64, smin: f64, x: &mut [f64]) {
        x[ki - 1] = 1.0;
        for k in 1..ki {
            x[k - 1] = -self.t(k, ki);
        }
        for (j1, j2) in self.blocks(ki - 1) {
            if j1 == j2 {
                let j = j1;
                let a = [[self.t(j, j), 0.0], [0.0, 0.0]];
                let b = [[x[j - 1], 0.0], [0.0, 0.0]];
                let mut s = laln2(1, 1, smin, &a, &b, wr, 0.0);
                if s.xnorm > 1.0 && self.cnorm[j] > self.bignum / s.xnorm {
                    s.x[0][0] /= s.xnorm;
                    s.scale /= s.xnorm;
                }
                if s.scale != 1.0 {
                    x[..ki].iter_mut().for_each(|v| *v *= s.scale);
                }
                x[j - 1] = s.x[0][0];
                self.axpy_col(-s.x[0][0], j, x, j - 1);
            } else {
                let b = [[x[j1 - 1], 0.0], [x[j2 - 1], 0.0]];
                let mut s = laln2(2, 1, smin, &self.block(j1), &b, wr, 0.0);
                if s.xnorm > 1.0 {
                    let beta = self.cnorm[j1].max(self.cnorm[j2]);
                    if beta > self.bignum / s.xnorm {
                        s.x[0][0] /= s.xnorm;
                        s.x[1][0] /= s.xnorm;
                        s.scale /= s.xnorm;
                    }
                }
                if s.scale != 1.0 {
                    x[..ki].iter_mut().for_each(|v| *v *= s.scale);
                }
                x[j1 - 1] = s.x[0][0];
                x[j2 - 1] = s.x[1][0];
                self.axpy_col(-s.x[0][0], j1, x, j1 - 1);
                self.axpy_col(-s.x[1][0], j2, x, j1 - 1);
            }
        }
        x[ki..self.n].iter_mut().for_each(|v| *v = 0.0);
    }

    /// The eigenvector of the pair `wr ± i wi` of the block at `ki - 1`
    /// into `re` and `im` (zero below `ki`).
    fn complex(&self, ki: usize, wr: f64, wi: f64, smin: f64, re: &mut [f64], im: &mut [f64]) {
        let k1 = ki - 1;
        if self.t(k1, ki).abs() >= self.t(ki, k1).abs() {
            re[k1 - 1] = 1.0;
            im[ki - 1] = wi / self.t(k1, ki);
        } else {
            re[k1 - 1] = -wi / self.t(ki, k1);
            im[ki - 1] = 1.0;
        }
        re[ki - 1] = 0.0;
        im[k1 - 1] = 0.0;
        for k in 1..k1 {
            re[k - 1] = -re[k1 - 1] * self.t(k, k1);
            im[k - 1] = -im[ki - 1] * self.t(k, ki);
        }
        for (j1, j2) in self.blocks(ki - 2) {
            if j1 == j2 {
                let j = j1;
                let a = [[self.t(j, j), 0.0], [0.0, 0.0]];
                let b = [[re[j - 1], im[j - 1]], [0.0, 0.0]];
                let mut s = laln2(1, 2, smin, &a, &b, wr, wi);
                if s.xnorm > 1.0 && self.cnorm[j] > self.bignum / s.xnorm {
                    s.x[0][0] /= s.xnorm;
                    s.x[0][1] /= s.xnorm;
                    s.scale /= s.xnorm;
                }
                if s.scale != 1.0 {
                    re[..ki].iter_mut().for_each(|v| *v *= s.scale);
                    im[..ki].iter_mut().for_each(|v| *v *= s.scale);
                }
                re[j - 1] = s.x[0][0];
                im[j - 1] = s.x[0][1];
                self.axpy_col(-s.x[0][0], j, re, j - 1);
                self.axpy_col(-s.x[0][1], j, im, j - 1);
            } else {
                let b = [[re[j1 - 1], im[j1 - 1]], [re[j2 - 1], im[j2 - 1]]];
                let mut s = laln2(2, 2, smin, &self.block(j1), &b, wr, wi);
                if s.xnorm > 1.0 {
                    let beta = self.cnorm[j1].max(self.cnorm[j2]);
                    if beta > self.bignum / s.xnorm {
                        let rec = 1.0 / s.xnorm;
                        s.x.iter_mut().flatten().for_each(|v| *v *= rec);
                        s.scale *= rec;
                    }
                }
                if s.scale != 1.0 {
                    re[..ki].iter_mut().for_each(|v| *v *= s.scale);
                    im[..ki].iter_mut().for_each(|v| *v *= s.scale);
                }
                re[j1 - 1] = s.x[0][0];
                re[j2 - 1] = s.x[1][0];
                im[j1 - 1] = s.x[0][1];
                im[j2 - 1] = s.x[1][1];
                self.axpy_col(-s.x[0][0], j1, re, j1 - 1);
                self.axpy_col(-s.x[1][0], j2, re, j1 - 1);
                self.axpy_col(-s.x[0][1], j1, im, j1 - 1);
                self.axpy_col(-s.x[1][1], j2, im, j1 - 1);
            }
        }
        re[ki..self.n].iter_mut().for_each(|v| *v = 0.0);
        im[ki..self.n].iter_mut().for_each(|v| *v = 0.0);
    }
}

/// What `dlaln2` returns: the solution (row-major, real part in column 0,
/// imaginary in column 1), the scale applied to the right-hand side and
/// the solution's norm.
struct Laln2 {
    x: [[f64; 2]; 2],
    scale: f64,
    xnorm: f64,
}

/// `dlaln2` with `ltrans = false`, `ca = d1 = d2 = 1`: solves `(A - w I)
/// X = scale B` for the `na x na` block `a` and the `nw` columns of `b`
/// (`w = wr + i wi` when `nw = 2`), perturbing a near-singular `A - w I`
/// to `smin`.
fn laln2(
    na: usize,
    nw: usize,
    smin: f64,
    a: &[[f64; 2]; 2],
    b: &[[f64; 2]; 2],
    wr: f64,
    wi: f64,
) -> Laln2 {
    let smlnum = 2.0 * SAFMIN;
    let bignum = 1.0 / smlnum;
    let smini = smin.max(smlnum);
    let mut scale = 1.0;
    if na == 1 {
        if nw == 1 {
            let mut csr = a[0][0] - wr;
            let mut cnorm = csr.abs();
            if cnorm < smini {
                csr = smini;
                cnorm = smini;
            }
            let bnorm = b[0][0].abs();
            if cnorm < 1.0 && bnorm > 1.0 && bnorm > bignum * cnorm {
                scale = 1.0 / bnorm;
            }
            let x11 = (b[0][0] * scale) / csr;
            return Laln2 {
                x: [[x11, 0.0], [0.0, 0.0]],
                scale,
                xnorm: x11.abs(),
            };
        }
        let mut csr = a[0][0] - wr;
        let mut csi = -wi;
        let mut cnorm = csr.abs() + csi.abs();
        if cnorm < smini {
            csr = smini;
            csi = 0.0;
            cnorm = smini;
        }
        let bnorm = b[0][0].abs() + b[0][1].abs();
        if cnorm < 1.0 && bnorm > 1.0 && bnorm > bignum * cnorm {
            scale = 1.0 / bnorm;
        }
        let (p, q) = ladiv(scale * b[0][0], scale * b[0][1], csr, csi);
        return Laln2 {
            x: [[p, q], [0.0, 0.0]],
            scale,
            xnorm: p.abs() + q.abs(),
        };
    }
    // CR in Fortran's column-major order: CR(1,1), CR(2,1), CR(1,2), CR(2,2).
    let crv = [a[0][0] - wr, a[1][0], a[0][1], a[1][1] - wr];
    if nw == 1 {
        laln2_real(smini, bignum, &crv, b)
    } else {
        laln2_complex(smini, bignum, &crv, wi, b)
    }
}

/// `dlaln2`'s pivot table: for the largest element `icmax` (zero-based
/// position in `crv`), the positions of `(u11, c21, u12, c22)`.
const IPIVOT: [[usize; 4]; 4] = [[0, 1, 2, 3], [1, 0, 3, 2], [2, 3, 0, 1], [3, 2, 1, 0]];
/// Whether the solution's two rows come out swapped.
const ZSWAP: [bool; 4] = [false, false, true, true];
/// Whether the right-hand side's two rows are swapped.
const RSWAP: [bool; 4] = [false, true, false, true];

/// `dlaln2`'s 2×2 real system (`na = 2`, `nw = 1`).
fn laln2_real(smini: f64, bignum: f64, crv: &[f64; 4], b: &[[f64; 2]; 2]) -> Laln2 {
    let mut scale = 1.0;
    let mut cmax = 0.0;
    let mut icmax = usize::MAX;
    for (j, c) in crv.iter().enumerate() {
        if c.abs() > cmax {
            cmax = c.abs();
            icmax = j;
        }
    }
    if cmax < smini {
        let bnorm = b[0][0].abs().max(b[1][0].abs());
        if smini < 1.0 && bnorm > 1.0 && bnorm > bignum * smini {
            scale = 1.0 / bnorm;
        }
        let temp = scale / smini;
        let x = [[temp * b[0][0], 0.0], [temp * b[1][0], 0.0]];
        return Laln2 {
            x,
            scale,
            xnorm: temp * bnorm,
        };
    }
    let ur11 = crv[icmax];
    let cr21 = crv[IPIVOT[icmax][1]];
    let ur12 = crv[IPIVOT[icmax][2]];
    let cr22 = crv[IPIVOT[icmax][3]];
    let ur11r = 1.0 / ur11;
    let lr21 = ur11r * cr21;
    let mut ur22 = cr22 - ur12 * lr21;
    if ur22.abs() < smini {
        ur22 = smini;
    }
    let (br1, mut br2) = if RSWAP[icmax] {
        (b[1][0], b[0][0])
    } else {
        (b[0][0], b[1][0])
    };
    br2 -= lr21 * br1;
    let bbnd = (br1 * (ur22 * ur11r)).abs().max(br2.abs());
    if bbnd > 1.0 && ur22.abs() < 1.0 && bbnd >= bignum * ur22.abs() {
        scale = 1.0 / bbnd;
    }
    let xr2 = (br2 * scale) / ur22;
    let xr1 = (scale * br1) * ur11r - xr2 * (ur11r * ur12);
    let mut x = if ZSWAP[icmax] {
        [[xr2, 0.0], [xr1, 0.0]]
    } else {
        [[xr1, 0.0], [xr2, 0.0]]
    };
    let mut xnorm = xr1.abs().max(xr2.abs());
    if xnorm > 1.0 && cmax > 1.0 && xnorm > bignum / cmax {
        let temp = cmax / bignum;
        x[0][0] *= temp;
        x[1][0] *= temp;
        xnorm *= temp;
        scale *= temp;
    }
    Laln2 { x, scale, xnorm }
}

/// `dlaln2`'s 2×2 complex system (`na = 2`, `nw = 2`): `A - (wr + i wi) I`
/// with the imaginary part `-wi` on the diagonal.
fn laln2_complex(smini: f64, bignum: f64, crv: &[f64; 4], wi: f64, b: &[[f64; 2]; 2]) -> Laln2 {
    let mut scale = 1.0;
    let civ = [-wi, 0.0, 0.0, -wi];
    let mut cmax = 0.0;
    let mut icmax = usize::MAX;
    for j in 0..4 {
        if crv[j].abs() + civ[j].abs() > cmax {
            cmax = crv[j].abs() + civ[j].abs();
            icmax = j;
        }
    }
    if cmax < smini {
        let bnorm = (b[0][0].abs() + b[0][1].abs()).max(b[1][0].abs() + b[1][1].abs());
        if smini < 1.0 && bnorm > 1.0 && bnorm > bignum * smini {
            scale = 1.0 / bnorm;
        }
        let temp = scale / smini;
        let x = [
            [temp * b[0][0], temp * b[0][1]],
            [temp * b[1][0], temp * b[1][1]],
        ];
        return Laln2 {
            x,
            scale,
            xnorm: temp * bnorm,
        };
    }
    let ur11 = crv[icmax];
    let ui11 = civ[icmax];
    let cr21 = crv[IPIVOT[icmax][1]];
    let ci21 = civ[IPIVOT[icmax][1]];
    let ur12 = crv[IPIVOT[icmax][2]];
    let ui12 = civ[IPIVOT[icmax][2]];
    let cr22 = crv[IPIVOT[icmax][3]];
    let ci22 = civ[IPIVOT[icmax][3]];
    let (ur11r, ui11r, lr21, li21, ur12s, ui12s, mut ur22, mut ui22);
    if icmax == 0 || icmax == 3 {
        // The off-diagonals are real.
        if ur11.abs() > ui11.abs() {
            let temp = ui11 / ur11;
            ur11r = 1.0 / (ur11 * (1.0 + temp * temp));
            ui11r = -temp * ur11r;
        } else {
            let temp = ur11 / ui11;
            ui11r = -1.0 / (ui11 * (1.0 + temp * temp));
            ur11r = -temp * ui11r;
        }
        lr21 = cr21 * ur11r;
        li21 = cr21 * ui11r;
        ur12s = ur12 * ur11r;
        ui12s = ur12 * ui11r;
        ur22 = cr22 - ur12 * lr21;
        ui22 = ci22 - ur12 * li21;
    } else {
        // The diagonals are complex.
        ur11r = 1.0 / ur11;
        ui11r = 0.0;
        lr21 = cr21 * ur11r;
        li21 = ci21 * ur11r;
        ur12s = ur12 * ur11r;
        ui12s = ui12 * ur11r;
        ur22 = cr22 - ur12 * lr21 + ui12 * li21;
        ui22 = -ur12 * li21 - ui12 * lr21;
    }
    let u22abs = ur22.abs() + ui22.abs();
    if u22abs < smini {
        ur22 = smini;
        ui22 = 0.0;
    }
    let (mut br1, mut br2, mut bi1, mut bi2) = if RSWAP[icmax] {
        (b[1][0], b[0][0], b[1][1], b[0][1])
    } else {
        (b[0][0], b[1][0], b[0][1], b[1][1])
    };
    br2 = br2 - lr21 * br1 + li21 * bi1;
    bi2 = bi2 - li21 * br1 - lr21 * bi1;
    let bbnd = ((br1.abs() + bi1.abs()) * (u22abs * (ur11r.abs() + ui11r.abs())))
        .max(br2.abs() + bi2.abs());
    if bbnd > 1.0 && u22abs < 1.0 && bbnd >= bignum * u22abs {
        scale = 1.0 / bbnd;
        br1 *= scale;
        bi1 *= scale;
        br2 *= scale;
        bi2 *= scale;
    }
    let (xr2, xi2) = ladiv(br2, bi2, ur22, ui22);
    let xr1 = ur11r * br1 - ui11r * bi1 - ur12s * xr2 + ui12s * xi2;
    let xi1 = ui11r * br1 + ur11r * bi1 - ui12s * xr2 - ur12s * xi2;
    let mut x = if ZSWAP[icmax] {
        [[xr2, xi2], [xr1, xi1]]
    } else {
        [[xr1, xi1], [xr2, xi2]]
    };
    let mut xnorm = (xr1.abs() + xi1.abs()).max(xr2.abs() + xi2.abs());
    if xnorm > 1.0 && cmax > 1.0 && xnorm > bignum / cmax {
        let temp = cmax / bignum;
        x.iter_mut().flatten().for_each(|v| *v *= temp);
        xnorm *= temp;
        scale *= temp;
    }
    Laln2 { x, scale, xnorm }
}

/// `dgebak('B', 'R')`: undoes `dgebal` on the rows of the column-major
/// eigenvectors `v`: the scaling of rows `ilo..=ihi`, then the swaps.
fn gebak(n: usize, bal: &Balance, v: &mut [f64]) {
    let ix = |i: usize, j: usize| (i - 1) + (j - 1) * n;
    let (ilo, ihi) = (bal.ilo, bal.ihi);
    if ilo != ihi {
        for i in ilo..=ihi {
            let s = bal.scale[i - 1];
            for j in 1..=n {
                v[ix(i, j)] *= s;
            }
        }
    }
    for ii in 1..=n {
        if (ilo..=ihi).contains(&ii) {
            continue;
        }
        let i = if ii < ilo { ilo - ii } else { ii };
        let k = bal.scale[i - 1] as usize;
        if k != i {
            for j in 1..=n {
                v.swap(ix(i, j), ix(k, j));
            }
        }
    }
}

/// `dgeev`'s last step: each real vector to unit 2-norm; each complex
/// pair to unit norm together, then rotated (`dlartg`, `drot`) so that its
/// component of largest modulus is real.
fn normalise(n: usize, wi: &[f64], vr: &mut [f64]) {
    for i in 0..n {
        if wi[i] == 0.0 {
            let col = &mut vr[i * n..(i + 1) * n];
            let scl = 1.0 / nrm2(col);
            col.iter_mut().for_each(|v| *v *= scl);
        } else if wi[i] > 0.0 {
            let (re, im) = vr[i * n..(i + 2) * n].split_at_mut(n);
            let scl = 1.0 / lapy2(nrm2(re), nrm2(im));
            re.iter_mut().for_each(|v| *v *= scl);
            im.iter_mut().for_each(|v| *v *= scl);
            let modulus: Vec<f64> = re
                .iter()
                .zip(im.iter())
                .map(|(r, m)| r * r + m * m)
                .collect();
            let k = iamax(&modulus);
            let (cs, sn, _) = lartg(re[k], im[k]);
            rot(re, im, cs, sn);
            im[k] = 0.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `dgeev` gives for 1/sqrt(2) here, `0x1.6a09e667f3bccp-1`: one
    /// ulp below the correctly rounded value.
    const S: f64 = f64::from_bits(0x3FE6_A09E_667F_3BCC);

    #[test]
    fn diagonal_gives_the_identity() {
        let a = [1.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 3.0];
        let g = geev_right(3, &a).unwrap();
        assert_eq!(g.wr, vec![1.0, 2.0, 3.0]);
        assert_eq!(g.wi, vec![0.0; 3]);
        assert_eq!(g.vr, vec![1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]);
    }

    #[test]
    fn rotation_gives_a_complex_pair_as_numpy_does() {
        // np.linalg.eig([[1, -1], [1, 1]]): 1 ± 1j, v[:, 0] = [s, -s j].
        let g = geev_right(2, &[1.0, 1.0, -1.0, 1.0]).unwrap();
        assert_eq!(g.wr, vec![1.0, 1.0]);
        assert_eq!(g.wi, vec![1.0, -1.0]);
        let bits: Vec<u64> = g.vr.iter().map(|v| v.to_bits()).collect();
        assert_eq!(bits, [S, 0.0, 0.0, -S].map(f64::to_bits));
    }

    #[test]
    fn symmetric_2x2_has_numpys_signs() {
        // np.linalg.eig([[2, 1], [1, 2]]): w = [3, 1], v = [[s, -s], [s, s]].
        let g = geev_right(2, &[2.0, 1.0, 1.0, 2.0]).unwrap();
        assert_eq!(g.wr, vec![3.0, 1.0]);
        assert_eq!(g.vr, vec![S, S, -S, S]);
    }

    #[test]
    fn eigvals_of_a_companion_matrix() {
        // x^2 - 3x + 2, column-major companion [[3, -2], [1, 0]].
        let (wr, wi) = geev_values(2, &[3.0, 1.0, -2.0, 0.0]).unwrap();
        assert_eq!(wi, vec![0.0, 0.0]);
        let mut w = wr.clone();
        w.sort_by(f64::total_cmp);
        assert!((w[0] - 1.0).abs() < 1e-12 && (w[1] - 2.0).abs() < 1e-12);
    }

    #[test]
    fn refuses_what_is_not_replayed() {
        assert!(geev_right(76, &vec![1.0; 76 * 76]).is_none());
        assert!(geev_values(76, &vec![1.0; 76 * 76]).is_none());
        assert!(geev_right(2, &[1.0, f64::NAN, 0.0, 1.0]).is_none());
        assert!(geev_right(2, &[1.0, 0.0, f64::INFINITY, 1.0]).is_none());
        assert!(geev_right(2, &[1.0; 3]).is_none());
    }

    #[test]
    fn empty_and_one_by_one() {
        assert!(geev_right(0, &[]).unwrap().vr.is_empty());
        let g = geev_right(1, &[-3.5]).unwrap();
        assert_eq!((g.wr, g.wi, g.vr), (vec![-3.5], vec![0.0], vec![1.0]));
    }

    #[test]
    fn tiny_and_huge_matrices_are_scaled_and_back() {
        for scale in [1e-140, 1e140] {
            let a = [1.0, 3.0, 2.0, 4.0].map(|v| v * scale);
            let (wr, _) = geev_values(2, &a).unwrap();
            let g = geev_right(2, &a).unwrap();
            assert_eq!(wr, g.wr);
            let expect = (33.0f64.sqrt() + 5.0) / 2.0 * scale;
            assert!((g.wr.iter().fold(0.0f64, |m, v| m.max(*v)) - expect).abs() < 1e-12 * expect);
        }
    }
}
