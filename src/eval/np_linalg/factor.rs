//! `np.linalg.cholesky` and `np.linalg.qr`, replayed from the LAPACK
//! code NumPy's gufuncs reach, in its operation order, so that signs
//! (QR's Householder reflectors choose them) are LAPACK's:
//!
//! - `cholesky`: OpenBLAS's `potrf` hands orders up to 32 to its unblocked
//!   `potf2` (lower: for each column a strided `ddot` along the row, the
//!   square root, a `dgemv_n` below, a scale by the reciprocal; upper: a
//!   unit-stride `ddot` down the column and a `dgemv_t` along the row);
//!   larger orders are refused. A pivot that is not positive stops it (`info > 0`), which
//!   NumPy reports as `Matrix is not positive definite`.
//! - `qr`: `dgeqrf` is unblocked (`dgeqr2`) below LAPACK's crossover of
//!   128 columns: `dlarfg` makes each reflector (`beta = -sign(alpha) *
//!   hypot(alpha, |x|)`), `dlarf` applies it to the columns on the right.
//!   Q comes from `dorg2r` (reflectors applied backwards to the identity's
//!   columns). NumPy's `numpy/linalg/_linalg.py` `qr` decides the modes.
//!
//! Matrices are column-major here (`a[i + j * m]`), as LAPACK sees them.

use super::super::error::{PyError, PyResult};
use super::super::named_tuple;
use super::super::value::Value;
use super::blas::{axpy, dot_contiguous, dot_strided, gemv_sub, gemv_t, nrm2};
use super::common::linalg_error;
use super::dense::{self, Stack, array, shape_with, work};
use super::lapack::lapy2;
use super::solve::stacked_square;
use crate::eval::args::Args;
use crate::eval::convert::as_array;
use crate::eval::session::Session;

/// The largest order OpenBLAS's `potrf` hands to `potf2` (half its
/// `DTB_ENTRIES`, 64 on x86-64); larger matrices take the blocked path
/// (`syrk`/`trsm` over panels), which this does not replay. Checked
/// against NumPy 2.4.6: every order up to 32 agrees, 33 and up do not.
pub(super) const POTF2_MAX_N: usize = 32;

/// `potf2` on the column-major `n x n` matrix `a`, lower (`A = L L^T`)
/// or upper (`A = U^T U`); the other triangle is left as it was. Returns
/// LAPACK's `info`.
pub(super) fn potf2(n: usize, a: &mut [f64], upper: bool) -> usize {
    for j in 0..n {
        let d = if upper {
            // `ddot` down column j: unit stride.
            let col = &a[j * n..j * n + j];
            dot_contiguous(col, col)
        } else {
            dot_strided(|k| a[j + k * n], |k| a[j + k * n], j)
        };
        let ajj = a[j + j * n] - d;
        // NaN passes this test, as in OpenBLAS: it spreads instead.
        if ajj <= 0.0 {
            a[j + j * n] = ajj;
            return j + 1;
        }
        let ajj = ajj.sqrt();
        a[j + j * n] = ajj;
        let rest = n - j - 1;
        if rest == 0 {
            continue;
        }
        if upper {
            // Row j right of the diagonal: a[j, c] -= a[0..j, c] . a[0..j, j]
            // by one `dgemv_t`, then the scale.
            let x: Vec<f64> = a[j * n..j * n + j].to_vec();
            let mut y: Vec<f64> = (j + 1..n).map(|c| a[j + c * n]).collect();
            gemv_t(|k, c| a[k + (j + 1 + c) * n], &x, &mut y, -1.0);
            let r = 1.0 / ajj;
            for (c, v) in (j + 1..n).zip(y) {
                a[j + c * n] = v * r;
            }
        } else {
            let x: Vec<f64> = (0..j).map(|k| a[j + k * n]).collect();
            let mut y: Vec<f64> = a[j + 1 + j * n..(j + 1) * n].to_vec();
            gemv_sub(|r, k| a[j + 1 + r + k * n], &x, &mut y, false);
            let r = 1.0 / ajj;
            for (dst, v) in a[j + 1 + j * n..(j + 1) * n].iter_mut().zip(y) {
                *dst = v * r;
            }
        }
    }
    0
}

/// `np.linalg.cholesky(a, /, *, upper=False)`.
pub fn cholesky(args: &Args) -> PyResult<Value> {
    let a = as_array(args.req(0, "a", "cholesky")?)?;
    let upper = match args.kw("upper") {
        Some(v) => crate::eval::protocol::truthy(v)?,
        None => false,
    };
    stacked_square(&a)?;
    if a.dtype().kind() == crate::engine::dtype::Kind::Complex {
        return super::hermitian::cholesky(&a, upper);
    }
    let gufunc = if upper { "cholesky_up" } else { "cholesky_lo" };
    let st = dense::stack(&a, "cholesky", gufunc)?;
    let n = st.n;
    if n > POTF2_MAX_N {
        return Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab's np.linalg.cholesky replays OpenBLAS's unblocked potf2, which OpenBLAS uses up to {POTF2_MAX_N}x{POTF2_MAX_N}; this matrix is {n}x{n} (OpenBLAS's blocked path rounds differently)"
            ),
        ));
    }
    let mut out = work(st.vals.len())?;
    for k in 0..st.count() {
        crate::engine::interrupt::check()?;
        let m = st.matrix(k);
        let mut c = work(n * n)?;
        for i in 0..n {
            for j in 0..n {
                c[i + j * n] = m[i * n + j];
            }
        }
        if potf2(n, &mut c, upper) > 0 {
            return Err(linalg_error("Matrix is not positive definite"));
        }
        let dst = &mut out[k * n * n..(k + 1) * n * n];
        for i in 0..n {
            for j in 0..n {
                let keep = if upper { j >= i } else { j <= i };
                dst[i * n + j] = if keep { c[i + j * n] } else { 0.0 };
            }
        }
    }
    Ok(Value::Array(array(&a.shape(), &out, &st.out)?))
}

/// `dlarfg`: the reflector `H = I - tau v v^T` with `H [alpha; x] =
/// [beta; 0]`. `x` becomes `v[1..]`; returns `(beta, tau)`.
pub(super) fn larfg(alpha: f64, x: &mut [f64]) -> (f64, f64) {
    if x.is_empty() {
        return (alpha, 0.0);
    }
    let mut xnorm = nrm2(x);
    if xnorm == 0.0 {
        return (alpha, 0.0);
    }
    let mut alpha = alpha;
    let mut beta = -lapy2(alpha, xnorm).copysign(alpha);
    // dlamch('S') / dlamch('E'), LAPACK's eps being 2^-53.
    let safmin = f64::MIN_POSITIVE / (f64::EPSILON / 2.0);
    let rsafmn = 1.0 / safmin;
    let mut knt = 0;
    if beta.abs() < safmin {
        loop {
            knt += 1;
            x.iter_mut().for_each(|v| *v *= rsafmn);
            beta *= rsafmn;
            alpha *= rsafmn;
            if beta.abs() >= safmin || knt >= 20 {
                break;
            }
        }
        xnorm = nrm2(x);
        beta = -lapy2(alpha, xnorm).copysign(alpha);
    }
    let tau = (beta - alpha) / beta;
    let r = 1.0 / (alpha - beta);
    x.iter_mut().for_each(|v| *v *= r);
    for _ in 0..knt {
        beta *= safmin;
    }
    (beta, tau)
}

/// `dlarf` from the left on the `v.len() x cols` block of the
/// column-major `a` (leading dimension `lda`) at `(r0, c0)`, with `v`
/// (its first element 1) and `tau`, as LAPACK 3.11 and OpenBLAS do it:
/// `v` without its trailing zeros, the columns up to the last with a
/// nonzero in those rows (`iladlc`), `w = C^T v` by `dgemv_t`, then
/// `C -= tau v w^T` by `dger` (one `daxpy` of `-tau * w_j` per column).
pub(super) fn larf_left(
    a: &mut [f64],
    lda: usize,
    r0: usize,
    c0: usize,
    cols: usize,
    v: &[f64],
    tau: f64,
) {
    if tau == 0.0 {
        return;
    }
    let lastv = v.iter().rposition(|x| *x != 0.0).map_or(0, |i| i + 1);
    let v = &v[..lastv];
    let at = |c: usize| r0 + (c0 + c) * lda;
    let lastc = (0..cols)
        .rposition(|c| a[at(c)..at(c) + lastv].iter().any(|x| *x != 0.0))
        .map_or(0, |c| c + 1);
    if lastv == 0 || lastc == 0 {
        return;
    }
    let mut w = vec![0.0; lastc];
    gemv_t(|i, c| a[at(c) + i], v, &mut w, 1.0);
    for (c, wc) in w.iter().enumerate() {
        let col = &mut a[at(c)..at(c) + lastv];
        axpy(-tau * wc, |i| v[i], col);
    }
}

/// `dgeqr2` on the column-major `m x n` matrix `a`: R in the upper
/// triangle, the reflectors' tails below; returns `tau`.
pub(super) fn geqr2(m: usize, n: usize, a: &mut [f64]) -> Vec<f64> {
    let k = m.min(n);
    let mut tau = vec![0.0; k];
    for i in 0..k {
        let alpha = a[i + i * m];
        let (beta, t) = larfg(alpha, &mut a[i + 1 + i * m..(i + 1) * m]);
        tau[i] = t;
        a[i + i * m] = beta;
        if i + 1 < n {
            let mut v = a[i + i * m..(i + 1) * m].to_vec();
            v[0] = 1.0;
            larf_left(a, m, i, i + 1, n - i - 1, &v, t);
        }
    }
    tau
}

/// `dorg2r`: the first `ncols` columns of `Q = H_1 ... H_k` from the
/// reflectors stored in the column-major `m x ncols` matrix `a`.
pub(super) fn org2r(m: usize, ncols: usize, k: usize, a: &mut [f64], tau: &[f64]) {
    for j in k..ncols {
        for l in 0..m {
            a[l + j * m] = 0.0;
        }
        if j < m {
            a[j + j * m] = 1.0;
        }
    }
    for i in (0..k).rev() {
        if i + 1 < ncols {
            a[i + i * m] = 1.0;
            let v = a[i + i * m..(i + 1) * m].to_vec();
            larf_left(a, m, i, i + 1, ncols - i - 1, &v, tau[i]);
        }
        if i + 1 < m {
            for l in i + 1..m {
                a[l + i * m] *= -tau[i];
            }
        }
        a[i + i * m] = 1.0 - tau[i];
        for l in 0..i {
            a[l + i * m] = 0.0;
        }
    }
}

/// One matrix's factorisation: the column-major factor and `tau`.
fn factor_one(st: &Stack, k: usize) -> PyResult<(Vec<f64>, Vec<f64>)> {
    let (m, n) = (st.m, st.n);
    let src = st.matrix(k);
    let mut a = work(m * n)?;
    for i in 0..m {
        for j in 0..n {
            a[i + j * m] = src[i * n + j];
        }
    }
    let tau = geqr2(m, n, &mut a);
    // A rank-deficient matrix leaves rounding noise on R's diagonal
    // (and an arbitrary Q column); OpenBLAS's kernels round it
    // differently. An exactly zero input column is no noise.
    let k = m.min(n);
    let big = (0..k).fold(0.0f64, |x, i| x.max(a[i + i * m].abs()));
    for i in 0..k {
        let zero_column = src.iter().skip(i).step_by(n.max(1)).all(|v| *v == 0.0);
        if a[i + i * m].abs() < 1e-8 * big && !zero_column {
            return Err(dense::refuse_noise("qr", "a rank-deficient matrix"));
        }
    }
    if tiny_nonzero(&a, 1e-13) {
        return Err(dense::refuse_noise("qr", "an element that should be zero"));
    }
    Ok((a, tau))
}

/// True when some element is nonzero but below `rel` times the largest
/// magnitude: a true zero computed as rounding noise, whose digits are
/// OpenBLAS's kernels' (an exact zero can still hide it; this catches
/// most).
fn tiny_nonzero(vals: &[f64], rel: f64) -> bool {
    let big = vals.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    vals.iter().any(|v| *v != 0.0 && v.abs() < rel * big)
}

/// The upper triangle of the first `rows` rows of the column-major
/// `m x n` factor, row-major.
fn triu_rows(a: &[f64], m: usize, n: usize, rows: usize, out: &mut Vec<f64>) {
    for i in 0..rows {
        for j in 0..n {
            out.push(if j >= i { a[i + j * m] } else { 0.0 });
        }
    }
}

/// `np.linalg.qr(a, mode='reduced')`.
pub fn qr(s: &mut Session, args: &Args) -> PyResult<Value> {
    let mut mode = match args.kw("mode") {
        None => "reduced".to_string(),
        Some(Value::Str(t)) => t.to_string(),
        Some(Value::Int(i)) => return Err(PyError::value(format!("Unrecognized mode '{i}'"))),
        Some(Value::None) => return Err(PyError::value("Unrecognized mode 'None'")),
        Some(other) => {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab's np.linalg.qr takes mode as a str, not '{}'",
                    other.type_name()
                ),
            ));
        }
    };
    match mode.as_str() {
        "reduced" | "complete" | "r" | "raw" => {}
        "f" | "full" => {
            super::super::fp_errors::warn(
                "DeprecationWarning: The 'full' option is deprecated in favor of 'reduced'.\nFor backward compatibility let mode default.".into(),
            );
            mode = "reduced".into();
        }
        "e" | "economic" => {
            super::super::fp_errors::warn(
                "DeprecationWarning: The 'economic' option is deprecated.".into(),
            );
            mode = "economic".into();
        }
        other => return Err(PyError::value(format!("Unrecognized mode '{other}'"))),
    }
    let a = as_array(args.req(0, "a", "qr")?)?;
    if a.ndim() < 2 {
        return Err(linalg_error(&format!(
            "{}-dimensional array given. Array must be at least two-dimensional",
            a.ndim()
        )));
    }
    let st = dense::stack(&a, "qr", "qr_r_raw")?;
    let (m, n) = (st.m, st.n);
    let mn = m.min(n);
    let count = st.count();
    let mut factors = Vec::with_capacity(count);
    for k in 0..count {
        crate::engine::interrupt::check()?;
        factors.push(factor_one(&st, k)?);
    }
    let out = |shape: &[usize], vals: &[f64]| -> PyResult<Value> {
        Ok(Value::Array(array(shape, vals, &st.out)?))
    };
    match mode.as_str() {
        "r" => {
            let mut r = Vec::new();
            for (f, _) in &factors {
                triu_rows(f, m, n, mn, &mut r);
            }
            return out(&shape_with(&st.batch, &[mn, n]), &r);
        }
        "raw" | "economic" => {
            let mut h = Vec::new();
            let mut taus = Vec::new();
            for (f, t) in &factors {
                for i in 0..m {
                    for j in 0..n {
                        h.push(f[i + j * m]);
                    }
                }
                taus.extend_from_slice(t);
            }
            let h = out(&shape_with(&st.batch, &[m, n]), &h)?;
            if mode == "economic" {
                return Ok(h);
            }
            let q = s.np("swapaxes", vec![h, Value::Int(-1), Value::Int(-2)], vec![])?;
            let tau = out(&shape_with(&st.batch, &[mn]), &taus)?;
            return Ok(Value::tuple(vec![q, tau]));
        }
        _ => {}
    }
    let mc = if mode == "complete" && m > n { m } else { mn };
    let (mut qv, mut rv) = (Vec::new(), Vec::new());
    for (f, t) in &factors {
        let mut q = work(m * mc)?;
        let copied = n.min(mc);
        q[..m * copied].copy_from_slice(&f[..m * copied]);
        org2r(m, mc, mn, &mut q, t);
        if tiny_nonzero(&q, 1e-13) {
            return Err(dense::refuse_noise("qr", "an element that should be zero"));
        }
        for i in 0..m {
            for j in 0..mc {
                qv.push(q[i + j * m]);
            }
        }
        triu_rows(f, m, n, mc, &mut rv);
    }
    let q = out(&shape_with(&st.batch, &[m, mc]), &qv)?;
    let r = out(&shape_with(&st.batch, &[mc, n]), &rv)?;
    Ok(named_tuple::make(&named_tuple::QR, vec![q, r]))
}
