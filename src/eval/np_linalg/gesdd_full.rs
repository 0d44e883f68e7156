//! `np.linalg.svd` of real float64 matrices as NumPy 2.4.6 computes it on
//! this machine: LAPACK's `dgesdd` (OpenBLAS 0.3.31's bundled
//! reference LAPACK over its Haswell/Zen kernels), replayed step for step
//! so that singular values and vectors — their signs and last bits — are
//! NumPy's.
//!
//! NumPy's gufuncs (`svd_N`, `svd_S`, `svd_A` in `umath_linalg.cpp`) copy
//! the matrix column-major and call `dgesdd` with `jobz` `'N'`
//! (`compute_uv=False`), `'S'` (`full_matrices=False`) or `'A'`, after a
//! workspace query, so every routine gets its optimal workspace. For the
//! orders replayed here that means the unblocked LAPACK routines
//! throughout (block size 32, crossover 128).
//!
//! `dgesdd` chooses among its paths by shape, with `mnthr =
//! int(min(m, n) * 11 / 6)`:
//! - `m >= n` and `m >= mnthr` (paths 1, 3, 4): QR first (`dgeqr2`), then
//!   the bidiagonal of R; `U` is `Q` times R's left vectors (`dgemm`);
//! - `m >= n` otherwise (path 5): bidiagonal of A directly;
//! - `m < n`: the transposed counterparts (paths 1t, 3t, 4t with LQ
//!   first, 5t with a lower bidiagonal).
//!
//! Then `dbdsdc` solves the bidiagonal (see `gesdd_bdsqr`) and `dormbr`
//! applies the bidiagonalization's reflectors to its vectors.

use super::blas::gemm;
use super::factor::{geqr2, org2r};
use super::gesdd_bdsqr::{BidiagonalSvd, SMLSIZ, Square, bdsdc};
use super::gesdd_bidiag::{Bidiagonal, Reflectors, gebd2, gelq2, orgl2, ormbr_p, ormbr_q};
use super::lapack::lascl;

/// What `dgesdd` computes: values only (`'N'`), the thin vectors
/// (`'S'`, `full_matrices=False`) or the full ones (`'A'`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Jobz {
    N,
    S,
    A,
}

/// `dgesdd`'s results: `s` decreasing; `u` column-major `m x ucol`
/// (`ucol` is `min(m, n)` for `S`, `m` for `A`, 0 for `N`); `vt`
/// column-major `vtrow x n` (`vtrow` is `min(m, n)` for `S`, `n` for `A`,
/// 0 for `N`).
pub struct SvdOut {
    pub s: Vec<f64>,
    pub u: Vec<f64>,
    pub vt: Vec<f64>,
}

/// The largest `min(m, n)` replayed without vectors: `dgebrd`, `dgeqrf`
/// and `dgelqf` stay unblocked up to their crossover `NX = 128`, and
/// `dbdsdc` computes values by dqds at any order.
const MAX_VALUES_ONLY: usize = 128;

/// OpenBLAS runs `dgemv` on one thread below `m * n = 115200 *
/// GEMM_MULTITHREAD_THRESHOLD` (4), and `dgemm` while `m * n * k` is
/// below twice `65536 * 4` (from there it takes `mnk / 262144` threads);
/// split calls round differently (per-thread kernel blocks), depending on
/// the thread count, so larger calls are not replayed.
const GEMV_THREADED: usize = 115_200 * 4;
const GEMM_THREADED: usize = 2 * 65_536 * 4;

/// The largest `dgemv` (`rows * cols`, before `dlarf` trims zeros) and
/// `dgemm` (`m * n * k`) calls `dgesdd` makes on an `m x n` matrix: the
/// first reflector of `dgeqr2`/`dgelq2`/`dgebd2`, of `dorg2r`/`dorgl2`
/// forming `Q`, or of `dormbr` on `U`/`Vᵀ`; `dgemm` only in the QR/LQ
/// paths with vectors.
fn largest_blas_calls(m: usize, n: usize, jobz: Jobz) -> (usize, usize) {
    let (k, big) = (m.min(n), m.max(n));
    let mnthr = k * 11 / 6;
    let first = if m >= n { m * (n - 1) } else { (m - 1) * n };
    let gemv = match jobz {
        Jobz::N => first,
        Jobz::S if big >= mnthr => first,
        Jobz::S => m * n,
        Jobz::A if big >= mnthr => big * (big - 1),
        Jobz::A if m >= n => m * m,
        Jobz::A => n * (n - 1),
    };
    let gemm = if jobz != Jobz::N && big >= mnthr {
        m * n * k
    } else {
        0
    };
    (gemv, gemm)
}

/// `dgesdd`'s `smlnum = sqrt(dlamch('S')) / dlamch('P')` = 2^-459 and
/// `bignum = 1 / smlnum`: it scales a matrix whose largest magnitude
/// lies outside `[smlnum, bignum]` to that bound first.
const SMLNUM: f64 = f64::from_bits((1023 - 459) << 52);
const BIGNUM: f64 = 1.0 / SMLNUM;

/// `dgesdd` of the column-major `m x n` matrix `a` (`a[i + j * m]`).
/// Returns `None` where the replay does not model the path, for the
/// caller to refuse: non-finite entries (NaN makes `dgesdd` fail, which
/// NumPy raises as `LinAlgError`; an infinity goes through its scaling
/// and NumPy returns NaN values), `min(m, n) > 25` with
/// vectors (`dbdsdc` uses divide and conquer), `min(m, n) > 128` without
/// (blocked `dgebrd`), a `dgemv` or `dgemm` call large enough for
/// OpenBLAS to split it across threads (see `largest_blas_calls`), and
/// `dbdsqr` not converging (NumPy raises `LinAlgError`).
pub fn gesdd(m: usize, n: usize, a: &[f64], jobz: Jobz) -> Option<SvdOut> {
    let minmn = m.min(n);
    if minmn == 0 {
        return Some(empty(m, n, jobz));
    }
    let limit = if jobz == Jobz::N {
        MAX_VALUES_ONLY
    } else {
        SMLSIZ
    };
    let (gemv, gemm) = largest_blas_calls(m, n, jobz);
    if minmn > limit
        || gemv >= GEMV_THREADED
        || gemm >= GEMM_THREADED
        || !a.iter().all(|v| v.is_finite())
    {
        return None;
    }
    let mut a = a.to_vec();
    let anrm = a.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let bound = scale_bound(anrm);
    if let Some(to) = bound {
        lascl(anrm, to, &mut a);
    }
    let mut out = paths(m, n, a, jobz)?;
    if let Some(to) = bound {
        lascl(to, anrm, &mut out.s);
    }
    Some(out)
}

/// Where `dgesdd` scales a matrix with largest magnitude `anrm` to
/// (`dlascl`, undone on the singular values at the end), if it does.
fn scale_bound(anrm: f64) -> Option<f64> {
    if anrm > 0.0 && anrm < SMLNUM {
        Some(SMLNUM)
    } else if anrm > BIGNUM {
        Some(BIGNUM)
    } else {
        None
    }
}

/// `dgesdd`'s choice among its paths by shape.
fn paths(m: usize, n: usize, a: Vec<f64>, jobz: Jobz) -> Option<SvdOut> {
    let mnthr = m.min(n) * 11 / 6;
    if m >= n {
        if m >= mnthr {
            qr_first(m, n, a, jobz)
        } else {
            direct(m, n, a, jobz)
        }
    } else if n >= mnthr {
        lq_first(m, n, a, jobz)
    } else {
        direct(m, n, a, jobz)
    }
}

/// An empty matrix: no values; for `'A'` NumPy fills `U` and `Vᵀ` with
/// the identity (LAPACK returns at once and leaves them unset).
fn empty(m: usize, n: usize, jobz: Jobz) -> SvdOut {
    let (u, vt) = match jobz {
        Jobz::A => (identity(m), identity(n)),
        _ => (Vec::new(), Vec::new()),
    };
    SvdOut {
        s: Vec::new(),
        u,
        vt,
    }
}

/// The column-major `n x n` identity.
fn identity(n: usize) -> Vec<f64> {
    let mut v = vec![0.0; n * n];
    for i in 0..n {
        v[i + i * n] = 1.0;
    }
    v
}

/// The `k x k` triangle (upper for QR's R, lower for LQ's L) at the top
/// left of the column-major `a` (leading dimension `lda`), the other
/// triangle zero (`dlacpy` plus `dlaset`).
fn triangle(a: &[f64], lda: usize, k: usize, upper: bool) -> Vec<f64> {
    let mut t = vec![0.0; k * k];
    for j in 0..k {
        for i in 0..k {
            if (upper && i <= j) || (!upper && i >= j) {
                t[i + j * k] = a[i + j * lda];
            }
        }
    }
    t
}

/// Copy the column-major `rows x cols` matrix `src` into the top left of
/// `dst` (leading dimension `ld`).
fn put(dst: &mut [f64], ld: usize, src: &[f64], rows: usize, cols: usize) {
    for j in 0..cols {
        for i in 0..rows {
            dst[i + j * ld] = src[i + j * rows];
        }
    }
}

/// The reflectors `dgebd2` left in the column-major `a` (leading
/// dimension `lda`): `Q`'s (`left`) or `P`'s.
fn reflectors<'a>(a: &'a [f64], lda: usize, b: &'a Bidiagonal, left: bool) -> Reflectors<'a> {
    let tau = if left { &b.tauq } else { &b.taup };
    Reflectors { a, lda, tau }
}

/// `dbdsdc`'s result with vectors (it always has them when asked).
fn vectors(r: BidiagonalSvd) -> (Vec<f64>, Square, Square) {
    let (u, vt) = r.uv.expect("dbdsdc computes vectors when asked");
    (r.s, u, vt)
}

/// Paths 5 and 5t: bidiagonalize `a` itself (upper when `m >= n`), solve,
/// and apply the reflectors to the bidiagonal's vectors, set inside a
/// zero `U` / `Vᵀ` (`'A'`: with the identity in the trailing corner).
fn direct(m: usize, n: usize, mut a: Vec<f64>, jobz: Jobz) -> Option<SvdOut> {
    let k = m.min(n);
    let b = gebd2(m, n, &mut a);
    let upper = m >= n;
    let r = bdsdc(upper, b.d.clone(), b.e.clone(), jobz != Jobz::N)?;
    if jobz == Jobz::N {
        return Some(SvdOut {
            s: r.s,
            u: Vec::new(),
            vt: Vec::new(),
        });
    }
    let (s, ub, vtb) = vectors(r);
    let full = jobz == Jobz::A;
    let ucol = if full { m } else { k };
    let vtrow = if full { n } else { k };
    let mut u = vec![0.0; m * ucol];
    put(&mut u, m, &ub.v, k, k);
    let mut vt = vec![0.0; vtrow * n];
    put(&mut vt, vtrow, &vtb.v, k, k);
    if full && m > n {
        for i in n..m {
            u[i + i * m] = 1.0;
        }
    }
    if full && n > m {
        for i in m..n {
            vt[i + i * n] = 1.0;
        }
    }
    ormbr_q(m, ucol, n, &reflectors(&a, m, &b, true), &mut u, m);
    ormbr_p(vtrow, n, m, &reflectors(&a, m, &b, false), &mut vt, vtrow);
    Some(SvdOut { s, u, vt })
}

/// Paths 1, 3, 4 (`m >= mnthr`): `A = Q R` by `dgeqr2`, the SVD of R
/// (`n x n`, bidiagonalized), then `U = Q U_R` by `dgemm`. `'S'` forms
/// `Q`'s `n` columns in place of A (`dorgqr`); `'A'` forms all `m` in
/// `U` from a copy of the reflectors.
fn qr_first(m: usize, n: usize, mut a: Vec<f64>, jobz: Jobz) -> Option<SvdOut> {
    let tau = geqr2(m, n, &mut a);
    let mut r = triangle(&a, m, n, true);
    let b = gebd2(n, n, &mut r);
    let res = bdsdc(true, b.d.clone(), b.e.clone(), jobz != Jobz::N)?;
    if jobz == Jobz::N {
        return Some(SvdOut {
            s: res.s,
            u: Vec::new(),
            vt: Vec::new(),
        });
    }
    let (s, mut ur, mut vt) = vectors(res);
    ormbr_q(n, n, n, &reflectors(&r, n, &b, true), &mut ur.v, n);
    ormbr_p(n, n, n, &reflectors(&r, n, &b, false), &mut vt.v, n);
    let u = if jobz == Jobz::S {
        org2r(m, n, n, &mut a, &tau);
        gemm(m, n, n, |i, l| a[i + l * m], |l, j| ur.v[l + j * n])
    } else {
        let mut q = vec![0.0; m * m];
        q[..m * n].copy_from_slice(&a);
        org2r(m, m, n, &mut q, &tau);
        let left = gemm(m, n, n, |i, l| q[i + l * m], |l, j| ur.v[l + j * n]);
        q[..m * n].copy_from_slice(&left);
        q
    };
    Some(SvdOut { s, u, vt: vt.v })
}

/// Paths 1t, 3t, 4t (`n >= mnthr`): `A = L Q` by `dgelq2`, the SVD of L
/// (`m x m`), then `Vᵀ = Vᵀ_L Q` by `dgemm`. `'S'` forms `Q`'s `m` rows
/// in place of A (`dorglq`); `'A'` forms all `n` in `Vᵀ`.
fn lq_first(m: usize, n: usize, mut a: Vec<f64>, jobz: Jobz) -> Option<SvdOut> {
    let tau = gelq2(m, n, &mut a);
    let mut l = triangle(&a, m, m, false);
    let b = gebd2(m, m, &mut l);
    let res = bdsdc(true, b.d.clone(), b.e.clone(), jobz != Jobz::N)?;
    if jobz == Jobz::N {
        return Some(SvdOut {
            s: res.s,
            u: Vec::new(),
            vt: Vec::new(),
        });
    }
    let (s, mut u, mut vl) = vectors(res);
    ormbr_q(m, m, m, &reflectors(&l, m, &b, true), &mut u.v, m);
    ormbr_p(m, m, m, &reflectors(&l, m, &b, false), &mut vl.v, m);
    let vt = if jobz == Jobz::S {
        orgl2(m, n, m, &mut a, m, &tau);
        gemm(m, n, m, |i, k| vl.v[i + k * m], |k, j| a[k + j * m])
    } else {
        let mut q = vec![0.0; n * n];
        put(&mut q, n, &a, m, n);
        orgl2(n, n, m, &mut q, n, &tau);
        let top = gemm(m, n, m, |i, k| vl.v[i + k * m], |k, j| q[k + j * n]);
        put(&mut q, n, &top, m, n);
        q
    };
    Some(SvdOut { s, u: u.v, vt })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Column-major copy of a row-major `m x n` matrix.
    fn col_major(m: usize, n: usize, rows: &[f64]) -> Vec<f64> {
        (0..m * n).map(|k| rows[(k % m) * n + k / m]).collect()
    }

    fn bits(v: &[f64]) -> Vec<u64> {
        v.iter().map(|x| x.to_bits()).collect()
    }

    /// `np.linalg.cond`'s docstring matrix (path 5): NumPy 2.4.6's bits,
    /// signed zeros included (`.tolist()` of `svd(a)`).
    #[test]
    fn cond_docstring_matrix() {
        let a = col_major(3, 3, &[1.0, 0.0, -1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0]);
        let r = gesdd(3, 3, &a, Jobz::A).unwrap();
        // sqrt(2) and the double below it.
        let r2 = std::f64::consts::SQRT_2;
        let values = [r2, f64::from_bits(r2.to_bits() - 1), 1.0];
        assert_eq!(r.s, values);
        let h = 0.7071067811865475;
        let u = [-0.7071067811865472, 0.0, -h, h, 0.0, -h, 0.0, -1.0, 0.0];
        assert_eq!(bits(&r.u), bits(&u));
        let vt = [-1.0, -0.0, -0.0, -0.0, 0.0, -1.0, 0.0, -1.0, 0.0];
        assert_eq!(bits(&r.vt), bits(&vt));
        let s = gesdd(3, 3, &a, Jobz::N).unwrap().s;
        assert_eq!(s, values);
    }

    const T: [f64; 10] = [1.0, 2.0, 3.0, -4.0, 0.5, 6.0, -7.0, 1.0, 2.0, 2.0];

    /// A 5x2 matrix (path 3: QR first, `U = Q U_R` by `dgemm`).
    #[test]
    fn tall_matrix_takes_the_qr_path() {
        let r = gesdd(5, 2, &col_major(5, 2, &T), Jobz::S).unwrap();
        assert_eq!(r.s, [8.496357000579094, 7.215394495016237]);
        assert_eq!(
            r.u,
            [
                0.06911611926944414,
                -0.5769998564593478,
                0.42673216676856224,
                0.6927094865154111,
                -0.018637404314647665,
                0.2990246443859893,
                -0.13625177750714773,
                0.6661751775255522,
                -0.5431839447042515,
                0.3913841466389554
            ]
        );
        let c = 0.6664102441184916;
        assert_eq!(r.vt, [-0.7455852644291815, c, c, 0.7455852644291815]);
    }

    /// Its transpose (path 4t: LQ first, full `Vᵀ`); the last digits
    /// differ from the tall case's, in NumPy as here.
    #[test]
    fn wide_matrix_takes_the_lq_path() {
        let r = gesdd(2, 5, &T, Jobz::A).unwrap();
        assert_eq!(r.s, [8.496357000579092, 7.2153944950162385]);
        assert_eq!(
            r.u,
            [
                -0.7455852644291814,
                0.6664102441184916,
                0.6664102441184915,
                0.7455852644291816
            ]
        );
        assert_eq!(r.vt.len(), 25);
        assert_eq!(
            r.vt[..4],
            [
                0.06911611926944414,
                0.2990246443859893,
                -0.3903587951488323,
                0.7932993294734377
            ]
        );
        assert_eq!(r.vt[24], 0.8848067142365462);
        // Without vectors dqds gives the tall case's values.
        assert_eq!(
            gesdd(2, 5, &T, Jobz::N).unwrap().s,
            [8.496357000579094, 7.215394495016237]
        );
    }

    #[test]
    fn refuses_what_is_not_replayed() {
        let big = vec![1.0; 26 * 26];
        assert!(gesdd(26, 26, &big, Jobz::S).is_none());
        assert!(gesdd(26, 26, &big, Jobz::N).is_some());
        assert!(gesdd(129, 129, &vec![1.0; 129 * 129], Jobz::N).is_none());
        assert!(gesdd(2, 2, &[f64::NAN, 0.0, 0.0, 1.0], Jobz::A).is_none());
        assert!(gesdd(2, 2, &[f64::INFINITY, 0.0, 0.0, 1.0], Jobz::N).is_none());
        // U would be 700x700: dorg2r's dgemv runs threaded.
        assert!(gesdd(700, 2, &vec![1.0; 1400], Jobz::A).is_none());
        assert!(gesdd(700, 2, &vec![1.0; 1400], Jobz::S).is_some());
    }

    #[test]
    fn empty_matrices() {
        let r = gesdd(0, 3, &[], Jobz::A).unwrap();
        assert!(r.s.is_empty() && r.u.is_empty());
        assert_eq!(r.vt, identity(3));
        assert!(gesdd(3, 0, &[], Jobz::S).unwrap().u.is_empty());
    }
}
