//! NumPy's eigen and singular value routines that follow
//! `numpy/linalg/_linalg.py`: `eigvalsh` and `eigh`, `svd` (values and
//! vectors) and `svdvals`, `matrix_rank`, `cond`, `pinv`. Singular values
//! and vectors are LAPACK's `dgesdd` replayed (`gesdd_full.rs`); past its
//! orders the values come from `jacobi.rs`, and results that would show
//! Jacobi's last-place difference from LAPACK (a 0-d `cond`, values near
//! zero) are refused. `pinv` multiplies `dgesdd`'s factors through the
//! session's `matmul`, as `_linalg.py` does.
use crate::engine::DType;
use crate::engine::Scalar;

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::common::linalg_error;
use super::dense::{self, Stack, array, refuse_nonfinite, shape_with};
use super::gesdd_full::{self, Jobz, SvdOut};
use super::jacobi;
use super::solve::stacked_square;
use crate::eval::args::Args;
use crate::eval::coerce::scalarize;
use crate::eval::convert::as_array;
use crate::eval::protocol::truthy;
use crate::eval::session::Session;

fn stacked_2d(a: &crate::engine::ArrayRef) -> PyResult<()> {
    if a.ndim() < 2 {
        return Err(linalg_error(&format!(
            "{}-dimensional array given. Array must be at least two-dimensional",
            a.ndim()
        )));
    }
    Ok(())
}

/// `UPLO.upper()` checked: true for `'L'`.
fn uplo_lower(args: &Args) -> PyResult<bool> {
    match args.kw("UPLO") {
        None => Ok(true),
        Some(Value::Str(t)) => match t.to_uppercase().as_str() {
            "L" => Ok(true),
            "U" => Ok(false),
            _ => Err(PyError::value("UPLO argument must be 'L' or 'U'")),
        },
        Some(other) => Err(PyError::new(
            "AttributeError",
            format!("'{}' object has no attribute 'upper'", other.type_name()),
        )),
    }
}

/// Every matrix's eigenvalues, ascending, reading one triangle.
fn eigvals_of(st: &Stack, lower: bool, func: &str) -> PyResult<Vec<f64>> {
    if st.has_nonfinite() {
        return Err(refuse_nonfinite(func));
    }
    let n = st.n;
    let mut out = dense::work(st.count() * n)?;
    for k in 0..st.count() {
        let m = st.matrix(k);
        let mut sym = dense::work(n * n)?;
        for i in 0..n {
            for j in 0..n {
                let (r, c) = if (j <= i) == lower { (i, j) } else { (j, i) };
                sym[i * n + j] = m[r * n + c];
            }
        }
        let diagonal = dense::is_diagonal(n, &sym);
        let w = if n == 2 {
            // `dsterf` takes a 2x2 block straight to `dlae2`'s formulas.
            let (rt1, rt2, _, _) = super::syevd::laev2(sym[0], sym[2], sym[3]);
            vec![rt1.min(rt2), rt1.max(rt2)]
        } else {
            jacobi::sym_eigvals(n, sym)?
        };
        if n > 2 && !diagonal && dense::tiny_spread(&w, 1e-8) {
            return Err(dense::refuse_noise(func, "an eigenvalue near zero"));
        }
        out[k * n..(k + 1) * n].copy_from_slice(&w);
    }
    Ok(out)
}

/// `np.linalg.eigvalsh(a, UPLO='L')`.
pub fn eigvalsh(args: &Args) -> PyResult<Value> {
    let lower = uplo_lower(args)?;
    let a = as_array(args.req(0, "a", "eigvalsh")?)?;
    stacked_square(&a)?;
    if a.dtype().kind() == crate::engine::dtype::Kind::Complex {
        return super::hermitian::eigh(&a, lower, false);
    }
    let gufunc = if lower { "eigvalsh_lo" } else { "eigvalsh_up" };
    let st = dense::stack(&a, "eigvalsh", gufunc)?;
    let w = eigvals_of(&st, lower, "eigvalsh")?;
    Ok(Value::Array(array(
        &shape_with(&st.batch, &[st.n]),
        &w,
        &st.out,
    )?))
}

/// `np.linalg.eigh(a, UPLO='L')`: `dsyevd` replayed (`syevd.rs`) for
/// the lower triangle and orders up to 25; the upper triangle's
/// reduction (`dsytd2` upwards, `dormql`) and larger orders are refused.
pub fn eigh(args: &Args) -> PyResult<Value> {
    let lower = uplo_lower(args)?;
    let a = as_array(args.req(0, "a", "eigh")?)?;
    stacked_square(&a)?;
    if a.dtype().kind() == crate::engine::dtype::Kind::Complex {
        return super::hermitian::eigh(&a, lower, true);
    }
    let gufunc = if lower { "eigh_lo" } else { "eigh_up" };
    let st = dense::stack(&a, "eigh", gufunc)?;
    let n = st.n;
    let refuse = |what: String| Err(PyError::new("NotImplementedError", what));
    // For n <= 2 no reflector is made, so the upper triangle's path
    // (`dsytd2` upwards, `dormql`) is the lower one's on the transpose.
    if !lower && n > 2 {
        return refuse("slicelab's np.linalg.eigh reproduces LAPACK's eigenvectors for UPLO='L' only (or 2x2 matrices)".into());
    }
    if n > super::syevd::MAX_N {
        return refuse(format!(
            "slicelab's np.linalg.eigh reproduces LAPACK's eigenvectors for matrices up to {0}x{0}; this one is {n}x{n}",
            super::syevd::MAX_N
        ));
    }
    if st.has_nonfinite() {
        return Err(refuse_nonfinite("eigh"));
    }
    let (mut w, mut v) = (Vec::new(), Vec::new());
    for k in 0..st.count() {
        crate::engine::interrupt::check()?;
        let m = st.matrix(k);
        let big = m.iter().fold(0.0f64, |x, y| x.max(y.abs()));
        // dsyevd scales matrices near the ends of the exponent range.
        if big != 0.0 && !(1e-140..=1e140).contains(&big) {
            return refuse(
                "slicelab's np.linalg.eigh does not replay LAPACK's scaling of extreme magnitudes"
                    .into(),
            );
        }
        let mut col = dense::work(n * n)?;
        for i in 0..n {
            for j in 0..n {
                col[i + j * n] = if lower { m[i * n + j] } else { m[j * n + i] };
            }
        }
        let Some((d, z)) = super::syevd::syevd_lower(n, col) else {
            return Err(linalg_error("Eigenvalues did not converge"));
        };
        // Past 2x2 the reduction's BLAS sums round differently from
        // OpenBLAS's; that shows only where eigenvalues are noise (near
        // zero) or eigenvectors are not unique (close eigenvalues).
        if n > 2 && !dense::is_diagonal(n, m) {
            let scale = d.iter().fold(0.0f64, |x, y| x.max(y.abs()));
            if dense::tiny_spread(&d, 1e-8) {
                return Err(dense::refuse_noise("eigh", "an eigenvalue near zero"));
            }
            if d.windows(2).any(|p| p[1] - p[0] < 1e-6 * scale) {
                return Err(dense::refuse_noise(
                    "eigh",
                    "close eigenvalues, whose eigenvectors are not unique",
                ));
            }
        }
        w.extend(d);
        for i in 0..n {
            for j in 0..n {
                v.push(z[i + j * n]);
            }
        }
    }
    let wv = Value::Array(array(&shape_with(&st.batch, &[n]), &w, &st.out)?);
    let vv = Value::Array(array(&shape_with(&st.batch, &[n, n]), &v, &st.out)?);
    Ok(super::super::named_tuple::make(
        &super::super::named_tuple::EIGH,
        vec![wv, vv],
    ))
}

/// `dgesdd` (`gesdd_full.rs`) of the row-major `m x n` matrix `rows`,
/// with `U` (`m x ucol`) and `Vᵀ` (`vtrow x n`) turned row-major; `None`
/// where the replay stops.
pub(super) fn gesdd_rows(m: usize, n: usize, rows: &[f64], jobz: Jobz) -> Option<SvdOut> {
    let mut col = vec![0.0; m * n];
    for i in 0..m {
        for j in 0..n {
            col[i + j * m] = rows[i * n + j];
        }
    }
    let d = gesdd_full::gesdd(m, n, &col, jobz)?;
    let to_rows = |c: &[f64], r: usize| -> Vec<f64> {
        let k = c.len().checked_div(r).unwrap_or(0);
        (0..r * k).map(|ij| c[ij / k + (ij % k) * r]).collect()
    };
    Some(SvdOut {
        u: to_rows(&d.u, m),
        vt: to_rows(&d.vt, d.vt.len().checked_div(n).unwrap_or(0)),
        s: d.s,
    })
}

/// Singular values, descending, of every matrix (`min(m, n)` each), and
/// whether all of them are LAPACK's own (`dgesdd` replayed, so none is
/// noise) rather than Jacobi's (past the replay's orders).
fn singular_values(st: &Stack) -> PyResult<(Vec<f64>, bool)> {
    if st.has_nonfinite() {
        // dgesdd refuses a NaN norm, and an infinite one becomes NaN.
        return Err(linalg_error("SVD did not converge"));
    }
    let k = st.m.min(st.n);
    let mut out = dense::work(st.count() * k)?;
    let mut replayed = true;
    for i in 0..st.count() {
        crate::engine::interrupt::check()?;
        let m = st.matrix(i);
        match gesdd_rows(st.m, st.n, m, Jobz::N) {
            Some(d) => out[i * k..(i + 1) * k].copy_from_slice(&d.s),
            None => {
                replayed = false;
                out[i * k..(i + 1) * k].copy_from_slice(&jacobi::svd(st.m, st.n, m)?.s);
            }
        }
    }
    Ok((out, replayed))
}

/// `svd(a, compute_uv=False, hermitian=...)` as values and the stack,
/// with whether every value is LAPACK's own (never under `hermitian`,
/// whose values are Jacobi's eigenvalues).
fn svd_values(
    a: &crate::engine::ArrayRef,
    hermitian: bool,
    func: &str,
) -> PyResult<(Stack, Vec<f64>, bool)> {
    if hermitian {
        // `abs(eigvalsh(a))` sorted descending.
        stacked_square(a)?;
        let st = dense::stack(a, func, "eigvalsh_lo")?;
        let n = st.n;
        let mut w = eigvals_of(&st, true, func)?;
        for chunk in w.chunks_mut(n.max(1)) {
            chunk.iter_mut().for_each(|x| *x = x.abs());
            chunk.sort_by(|x, y| y.total_cmp(x));
        }
        return Ok((st, w, false));
    }
    stacked_2d(a)?;
    let st = dense::stack(a, func, "svd")?;
    let (s, replayed) = singular_values(&st)?;
    Ok((st, s, replayed))
}

/// Singular values of a rank-deficient or very ill-conditioned matrix
/// (the smallest below 1e-8 of the largest) are rounding noise, unless
/// LAPACK's own steps made them.
fn refuse_tiny_singular(s: &[f64], k: usize, func: &str) -> PyResult<()> {
    if k > 0 && s.chunks(k).any(|c| dense::tiny_spread(c, 1e-8)) {
        return Err(dense::refuse_noise(func, "a singular value near zero"));
    }
    Ok(())
}

/// `np.linalg.svd(a, full_matrices=True, compute_uv=True, hermitian=False)`.
pub fn svd(args: &Args) -> PyResult<Value> {
    let a = as_array(args.req(0, "a", "svd")?)?;
    let compute_uv = args
        .kw("compute_uv")
        .map(truthy)
        .transpose()?
        .unwrap_or(true);
    let hermitian = args
        .kw("hermitian")
        .map(truthy)
        .transpose()?
        .unwrap_or(false);
    if compute_uv {
        if hermitian {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab's np.linalg.svd does not reproduce the singular vectors of hermitian=True; svd(a, compute_uv=False, hermitian=True) gives the singular values",
            ));
        }
        let full = args
            .kw("full_matrices")
            .map(truthy)
            .transpose()?
            .unwrap_or(true);
        stacked_2d(&a)?;
        dense::result_dtype(&a, "svd", if full { "svd_f" } else { "svd_s" })?;
        return svd_with_vectors(&a, full);
    }
    let (st, s, replayed) = svd_values(&a, hermitian, "svd")?;
    let k = st.m.min(st.n);
    if !replayed {
        refuse_tiny_singular(&s, k, "svd")?;
    }
    Ok(Value::Array(array(
        &shape_with(&st.batch, &[k]),
        &s,
        &st.out,
    )?))
}

/// `svd(a)` with its vectors, `dgesdd` replayed (`gesdd_full.rs`):
/// `jobz = 'A'` for `full_matrices`, else `'S'`.
fn svd_with_vectors(a: &crate::engine::ArrayRef, full: bool) -> PyResult<Value> {
    let parts = svd_factors(a, full, "svd")?
        .into_iter()
        .map(Value::Array)
        .collect();
    Ok(super::super::named_tuple::make(
        &super::super::named_tuple::SVD,
        parts,
    ))
}

/// `u, s, vt` of every matrix of `a` in `_commonType`'s result dtype, as
/// `svd(a, full_matrices=full)` returns them; `func` names the routine in
/// a refusal.
fn svd_factors(
    a: &crate::engine::ArrayRef,
    full: bool,
    func: &str,
) -> PyResult<[crate::engine::ArrayRef; 3]> {
    let st = dense::stack(a, func, if full { "svd_f" } else { "svd_s" })?;
    let (m, n) = (st.m, st.n);
    if st.has_nonfinite() {
        return Err(linalg_error("SVD did not converge"));
    }
    let k = m.min(n);
    let (ucol, vtrow) = if full { (m, n) } else { (k, k) };
    let count = st.count();
    let (mut u, mut s, mut vt) = (
        dense::work(count * m * ucol)?,
        dense::work(count * k)?,
        dense::work(count * vtrow * n)?,
    );
    let jobz = if full { Jobz::A } else { Jobz::S };
    for i in 0..count {
        crate::engine::interrupt::check()?;
        let d = gesdd_rows(m, n, st.matrix(i), jobz).ok_or_else(|| {
            PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab's np.linalg.{func} replays LAPACK's dgesdd with vectors up to 25 on the shorter side (dbdsdc's divide and conquer is not replayed) and below the sizes OpenBLAS splits across threads; this matrix is {m}x{n}. svd(a, compute_uv=False) gives the singular values"
                ),
            )
        })?;
        u[i * m * ucol..(i + 1) * m * ucol].copy_from_slice(&d.u);
        s[i * k..(i + 1) * k].copy_from_slice(&d.s);
        vt[i * vtrow * n..(i + 1) * vtrow * n].copy_from_slice(&d.vt);
    }
    Ok([
        array(&shape_with(&st.batch, &[m, ucol]), &u, &st.out)?,
        array(&shape_with(&st.batch, &[k]), &s, &st.out)?,
        array(&shape_with(&st.batch, &[vtrow, n]), &vt, &st.out)?,
    ])
}

/// `np.linalg.svdvals(x, /)`.
pub fn svdvals(args: &Args) -> PyResult<Value> {
    let a = as_array(args.req(0, "x", "svdvals")?)?;
    let (st, s, replayed) = svd_values(&a, false, "svdvals")?;
    let k = st.m.min(st.n);
    if !replayed {
        refuse_tiny_singular(&s, k, "svdvals")?;
    }
    Ok(Value::Array(array(
        &shape_with(&st.batch, &[k]),
        &s,
        &st.out,
    )?))
}

/// A float argument (`tol`, `rtol`, `rcond`) that must be a scalar here.
fn scalar_arg(v: &Value, func: &str, name: &str) -> PyResult<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Float(f) => Ok(*f),
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        Value::NpScalar(_, Scalar::Float(f)) => Ok(*f),
        Value::NpScalar(_, Scalar::Int(i)) => Ok(*i as f64),
        _ => Err(PyError::new(
            "NotImplementedError",
            format!("slicelab's np.linalg.{func} takes {name} as a number"),
        )),
    }
}

/// `np.linalg.matrix_rank(A, tol=None, hermitian=False, *, rtol=None)`.
pub fn matrix_rank(args: &Args) -> PyResult<Value> {
    let tol = args.kw("tol").filter(|v| !matches!(v, Value::None));
    let rtol = args.kw("rtol").filter(|v| !matches!(v, Value::None));
    if tol.is_some() && rtol.is_some() {
        return Err(PyError::value("`tol` and `rtol` can't be both set."));
    }
    let a = as_array(args.req(0, "A", "matrix_rank")?)?;
    if a.ndim() < 2 {
        // `int(not all(A == 0))`
        dense::result_dtype(&a, "matrix_rank", "svd")?;
        let any = dense::float_values(&a)?.iter().any(|&x| x != 0.0);
        return Ok(Value::Int(i128::from(any)));
    }
    let hermitian = args
        .kw("hermitian")
        .map(truthy)
        .transpose()?
        .unwrap_or(false);
    let (st, s, _) = svd_values(&a, hermitian, "matrix_rank")?;
    let k = st.m.min(st.n);
    let single = st.out == DType::Float32;
    let mut counts = Vec::with_capacity(st.count());
    for i in 0..st.count() {
        let sv = &s[i * k..(i + 1) * k];
        let sv: Vec<f64> = if single {
            sv.iter().map(|&x| f64::from(x as f32)).collect()
        } else {
            sv.to_vec()
        };
        let smax = sv.iter().fold(0.0f64, |m, &x| if x > m { x } else { m });
        let cut = match (tol, rtol) {
            (Some(t), _) => scalar_arg(t, "matrix_rank", "tol")?,
            (None, Some(r)) => smax * scalar_arg(r, "matrix_rank", "rtol")?,
            (None, None) => {
                let big = st.m.max(st.n) as f64;
                if single {
                    f64::from((smax as f32) * (big as f32 * f32::EPSILON))
                } else {
                    smax * (big * f64::EPSILON)
                }
            }
        };
        counts.push(Scalar::Int(sv.iter().filter(|&&x| x > cut).count() as i64));
    }
    let out = crate::engine::NdArray::from_scalars(&st.batch, DType::Int64, &counts)?;
    Ok(scalarize(out))
}

/// `np.linalg.pinv(a, rcond=None, hermitian=False, *, rtol=<no value>)`,
/// step for step as `_linalg.py` computes it, so its last bits are
/// NumPy's (a product such as `pinv(a) @ a` prints them): `dgesdd`'s
/// `u, s, vt` (`full_matrices=False`), `1 / s` above `rcond * max(s)` and
/// zero below, `s[..., newaxis] * u.T` in the result dtype, then the
/// session's own `matmul` of the transposed view `vt.T` with it.
pub fn pinv(args: &Args) -> PyResult<Value> {
    let a = as_array(args.req(0, "a", "pinv")?)?;
    let rcond = args.kw("rcond").filter(|v| !matches!(v, Value::None));
    let rtol = args.kw("rtol");
    let single_input = *a.dtype() == DType::Float32;
    // `rcond` and whether it is a float32 value (`n * finfo(float32).eps`,
    // or a float32 scalar passed in): then `cutoff` is float32 too.
    let (rcond, rcond_single) = match (rcond, rtol) {
        (Some(_), Some(_)) => {
            return Err(PyError::value("`rtol` and `rcond` can't be both set."));
        }
        (Some(r), None) | (None, Some(r)) if !matches!(r, Value::None) => (
            scalar_arg(r, "pinv", if rtol.is_some() { "rtol" } else { "rcond" })?,
            matches!(r, Value::NpScalar(DType::Float32, _)),
        ),
        (None, None) => (1e-15, false),
        _ => {
            let s = a.shape();
            let big = if s.len() >= 2 {
                s[s.len() - 1].max(s[s.len() - 2])
            } else {
                0
            };
            if single_input {
                (f64::from(big as f32 * f32::EPSILON), true)
            } else {
                (big as f64 * f64::EPSILON, false)
            }
        }
    };
    let shape = a.shape();
    if a.size() == 0 && shape.len() >= 2 && shape[shape.len() - 1] * shape[shape.len() - 2] == 0 {
        let nd = shape.len();
        let mut out = shape[..nd - 2].to_vec();
        out.extend([shape[nd - 1], shape[nd - 2]]);
        return Ok(Value::Array(crate::engine::NdArray::zeros(
            &out,
            a.dtype().clone(),
        )?));
    }
    stacked_2d(&a)?;
    let [u, s, vt] = svd_factors(&a, false, "pinv")?;
    let dt = s.dtype().clone();
    let single = dt == DType::Float32;
    let round = |x: f64| if single { f64::from(x as f32) } else { x };
    let ushape = u.shape();
    let nd = ushape.len();
    let (m, k) = (ushape[nd - 2], ushape[nd - 1]);
    let (sv, uv) = (dense::float_values(&s)?, dense::float_values(&u)?);
    // `multiply(s[..., newaxis], transpose(u))`, one k x m matrix each.
    let mut w = dense::work(uv.len())?;
    for (i, (sm, um)) in sv.chunks(k).zip(uv.chunks(m * k)).enumerate() {
        let smax = sm.iter().fold(f64::NEG_INFINITY, |x, &y| x.max(y));
        let cutoff = if single && rcond_single {
            round(rcond * smax)
        } else {
            rcond * smax
        };
        let dst = &mut w[i * k * m..(i + 1) * k * m];
        for (j, &x) in sm.iter().enumerate() {
            let inv = if x > cutoff { round(1.0 / x) } else { 0.0 };
            for c in 0..m {
                dst[j * m + c] = inv * um[c * k + j];
            }
        }
    }
    let w = array(&shape_with(&ushape[..nd - 2], &[k, m]), &w, &dt)?;
    let mut axes: Vec<usize> = (0..nd - 2).collect();
    axes.extend([nd - 1, nd - 2]);
    let vt_t = crate::engine::NdArray::view_with(&vt, vt.layout().permuted(&axes));
    crate::eval::linalg::matmul(&Value::Array(vt_t), &Value::Array(w))
}

/// `np.linalg.cond(x, p=None)`.
pub fn cond(s: &mut Session, args: &Args) -> PyResult<Value> {
    let x = as_array(args.req(0, "x", "cond")?)?;
    let shape = x.shape();
    if x.size() == 0 && (shape.len() < 2 || shape[shape.len() - 1] * shape[shape.len() - 2] == 0) {
        return Err(linalg_error("cond is not defined on empty arrays"));
    }
    let p = args.kw("p").cloned().unwrap_or(Value::None);
    let by_svd = match &p {
        Value::None => Some(false),
        Value::Int(2) => Some(false),
        Value::Int(-2) => Some(true),
        Value::Float(f) if *f == 2.0 => Some(false),
        Value::Float(f) if *f == -2.0 => Some(true),
        _ => None,
    };
    let (batch, vals, nan_in) = if let Some(minus) = by_svd {
        let (st, sv, replayed) = svd_values(&x, false, "cond")?;
        if st.batch.is_empty() && !replayed {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab's np.linalg.cond of one matrix above 2x2 by singular values would print all 17 digits, and slicelab's singular values can differ from LAPACK's in the last place; use p=1, np.inf or 'fro', or a stack of matrices",
            ));
        }
        let k = st.m.min(st.n);
        if !replayed {
            refuse_tiny_singular(&sv, k, "cond")?;
        }
        let r: Vec<f64> = sv
            .chunks(k)
            .map(|c| {
                if minus {
                    c[k - 1] / c[0]
                } else {
                    c[0] / c[k - 1]
                }
            })
            .collect();
        (st.batch.clone(), r, vec![false; st.count()])
    } else {
        stacked_square(&x)?;
        let st = dense::stack(&x, "cond", "inv")?;
        let n = st.n;
        // `inv` with errors ignored: NaNs where a matrix is singular.
        let mut invs = dense::work(st.vals.len())?;
        let mut nan_in = Vec::with_capacity(st.count());
        for k in 0..st.count() {
            let m = st.matrix(k);
            nan_in.push(m.iter().any(|v| v.is_nan()));
            let one = Value::Array(array(&[n, n], m, &DType::Float64)?);
            let dst = &mut invs[k * n * n..(k + 1) * n * n];
            match super::solve::inv(&Args {
                pos: vec![one.clone()],
                kw: vec![("a".into(), one)],
            }) {
                Ok(v) => dst.copy_from_slice(&dense::float_values(&as_array(&v)?)?),
                Err(e) if e.kind == "LinAlgError" => dst.iter_mut().for_each(|v| *v = f64::NAN),
                Err(e) => return Err(e),
            }
        }
        let axes = Value::tuple(vec![Value::Int(-2), Value::Int(-1)]);
        let mut norm_of = |arr: Value| -> PyResult<Vec<f64>> {
            let r = s.np(
                "linalg.norm",
                vec![arr],
                vec![("ord", p.clone()), ("axis", axes.clone())],
            )?;
            dense::float_values(&as_array(&r)?)
        };
        let n1 = norm_of(Value::Array(x.clone()))?;
        let n2 = norm_of(Value::Array(array(&x.shape(), &invs, &DType::Float64)?))?;
        let r = n1.iter().zip(&n2).map(|(a, b)| a * b).collect();
        (st.batch.clone(), r, nan_in)
    };
    let vals: Vec<f64> = vals
        .iter()
        .zip(&nan_in)
        .map(|(&r, &had_nan)| {
            if r.is_nan() && !had_nan {
                f64::INFINITY
            } else {
                r
            }
        })
        .collect();
    let dt = dense::result_dtype(&x, "cond", "inv")?;
    Ok(scalarize(array(&batch, &vals, &dt)?))
}
