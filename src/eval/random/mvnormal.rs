//! `multivariate_normal` of the Generator and of `RandomState`, after
//! `numpy/random/_generator.pyx` and `mtrand.pyx`: the argument checks in
//! NumPy's order, the draw of `standard_normal(size + (n,))` (so the
//! stream moves on as NumPy's does even when the factorisation is then
//! refused), the factor of `cov`, `check_valid`/`tol`, and
//! `mean + x @ factor.T`.
//!
//! The factor comes from `np.linalg`'s replays: `method='cholesky'` is
//! OpenBLAS's `potf2` (orders up to 32), `method='eigh'` is `dsyevd`'s
//! small path, exact against NumPy 2.4.6 for orders 1 and 2 only (larger
//! orders differ in the eigenvectors' last digits, so they are refused).
//! The default `'svd'` (and every legacy call, which always uses the SVD)
//! is LAPACK `dgesdd`, replayed for orders 1 and 2 and for diagonal
//! covariances (`gesdd.rs`); others are refused honestly.
//!
//! The product `x @ factor.T` is NumPy's matmul handing BLAS a row-major
//! `x` and the transposed (F-ordered) factor; the summation orders of the
//! kernels it reaches are in [`product`].

use crate::engine::DType;
use crate::engine::dtype::Kind;

use super::super::error::{PyError, PyResult};
use super::super::signature::Bound;
use super::super::value::Value;
use super::args::filled;
use crate::eval::coerce::shape_arg;
use crate::eval::convert::as_array;
use crate::eval::protocol::iterate;

/// Which factorisation of `cov` NumPy would call.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    Svd,
    Eigh,
    Cholesky,
}

/// `Generator.multivariate_normal` (`class == "Generator"`) or
/// `RandomState.multivariate_normal`; `normal` draws one standard normal
/// from the object's stream.
pub fn multivariate_normal(
    b: &Bound,
    class: &str,
    mut normal: impl FnMut() -> f64,
) -> PyResult<Value> {
    let generator = class == "Generator";
    let method = match b.get("method") {
        None => Method::Svd,
        Some(Value::Str(m)) if m.as_ref() == "svd" => Method::Svd,
        Some(Value::Str(m)) if m.as_ref() == "eigh" => Method::Eigh,
        Some(Value::Str(m)) if m.as_ref() == "cholesky" => Method::Cholesky,
        Some(_) => {
            return Err(PyError::value(
                "method must be one of {'eigh', 'svd', 'cholesky'}",
            ));
        }
    };
    let mean = as_array(b.required("mean"))?;
    let cov = as_array(b.required("cov"))?;
    if generator && (mean.dtype().kind() == Kind::Complex || cov.dtype().kind() == Kind::Complex) {
        return Err(PyError::type_error("mean and cov must not be complex"));
    }
    let mut dims = size_dims(b.get("size"))?;
    if mean.ndim() != 1 {
        return Err(PyError::value("mean must be 1 dimensional"));
    }
    let cs = cov.shape();
    if cs.len() != 2 || cs[0] != cs[1] {
        return Err(PyError::value("cov must be 2 dimensional and square"));
    }
    let n = cs[0];
    if mean.shape()[0] != n {
        return Err(PyError::value("mean and cov must have same length"));
    }
    dims.push(Value::Int(n as i128));
    let shape = shape_arg(&Value::tuple(dims), None)?;
    let count: usize = shape.iter().product();
    // `self.standard_normal(final_shape)`: NumPy's `MemoryError` names it.
    let mut x: Vec<f64> = crate::engine::buffer::vec_for(&shape, 8, "float64");
    for i in 0..count {
        if i % (1 << 16) == 0 {
            crate::engine::interrupt::check()?;
        }
        x.push(normal());
    }
    if n == 0 {
        // `x.reshape(-1, 0)` of the empty draw.
        return Err(PyError::value(
            "cannot reshape array of size 0 into shape (0)",
        ));
    }
    let numeric = |dt: &DType| {
        matches!(
            dt.kind(),
            Kind::Bool | Kind::Int | Kind::UInt | Kind::Float | Kind::Complex
        )
    };
    if !numeric(mean.dtype()) || !numeric(cov.dtype()) {
        return Err(refuse(class, "a mean or cov of this dtype"));
    }
    let mut c = Vec::with_capacity(n * n);
    for s in cov.to_scalars() {
        c.push(crate::engine::element::scalar_as_f64(&s));
    }
    if c.iter().any(|v| !v.is_finite()) {
        return Err(refuse(class, "a cov with NaN or infinity"));
    }
    let factor = match method {
        Method::Svd => {
            let Some((u, s, vt)) = super::super::np_linalg::svd_square(n, &c) else {
                check_valid_word(b)?;
                let what = if generator {
                    "method='svd' on a cov above 2x2 that is not diagonal (LAPACK dgesdd's singular vectors)"
                } else {
                    "a cov above 2x2 that is not diagonal (LAPACK dgesdd's singular vectors)"
                };
                return Err(refuse(class, what));
            };
            if check_valid_word(b)? {
                let tol = tol_arg(b.get("tol"))?;
                if !reconstructs(n, &s, &vt, &c, tol) {
                    not_psd(b)?;
                }
            }
            let mut f = vec![0.0; n * n];
            for r in 0..n {
                for k in 0..n {
                    f[r * n + k] = if generator {
                        // `u * np.sqrt(s)`: column k scaled by sqrt(s_k).
                        u[r * n + k] * s[k].sqrt()
                    } else {
                        // `(np.sqrt(s)[:, None] * v).T`, as `x @ f.T`
                        // multiplies by `f.T`.
                        s[k].sqrt() * vt[k * n + r]
                    };
                }
            }
            f
        }
        Method::Cholesky => match super::super::np_linalg::cholesky_lower(n, &c) {
            None => return Err(refuse(class, "method='cholesky' above 32x32")),
            Some(l) => l?,
        },
        Method::Eigh => {
            if n > 2 {
                return Err(refuse(class, "method='eigh' above 2x2"));
            }
            let big = c.iter().fold(0.0f64, |m, v| m.max(v.abs()));
            if big != 0.0 && !(1e-140..=1e140).contains(&big) {
                return Err(refuse(class, "method='eigh' on extreme magnitudes"));
            }
            let Some((s, u)) = super::super::np_linalg::eigh_lower(n, &c) else {
                return Err(super::super::np_linalg::common::linalg_error(
                    "Eigenvalues did not converge",
                ));
            };
            if check_valid_word(b)? {
                let tol = tol_arg(b.get("tol"))?;
                if s.iter().any(|&v| v < -tol) {
                    not_psd(b)?;
                }
            }
            // `u * np.sqrt(abs(s))`: column j scaled by sqrt|s_j|.
            let mut f = u;
            for row in f.chunks_exact_mut(n) {
                for (v, sj) in row.iter_mut().zip(&s) {
                    *v *= sj.abs().sqrt();
                }
            }
            f
        }
    };
    let means: Vec<f64> = mean
        .to_scalars()
        .iter()
        .map(crate::engine::element::scalar_as_f64)
        .collect();
    let rows = count / n;
    // Past `m * n * k = 65536 * 4` OpenBLAS's dgemm splits the rows over
    // threads, and each part's odd last row goes through the one-column
    // kernel, whose spread chains change sums of 8 or more terms; those
    // splits are not replayed.
    // A factor with one nonzero per row (a diagonal covariance) makes
    // every sum a single product, the same in any order.
    let single_terms = factor
        .chunks(n)
        .all(|row| row.iter().filter(|v| **v != 0.0).count() <= 1);
    if !single_terms && n >= 8 && rows >= 2 && (rows as f64) * (n * n) as f64 > 262_144.0 {
        return Err(refuse(
            class,
            "more than 262144 multiply-adds of 8 or more terms (OpenBLAS's threaded dgemm)",
        ));
    }
    let mut stopped = Ok(());
    let v = filled::<f64>(&shape, DType::Float64, |out| {
        const CHUNK: usize = 4096;
        for (k, (xs, os)) in x
            .chunks(CHUNK * n)
            .zip(out.chunks_mut(CHUNK * n))
            .enumerate()
        {
            if let Err(e) = crate::engine::interrupt::check() {
                stopped = Err(e);
                return;
            }
            let last_odd = rows == 1 || (rows % 2 == 1 && (k + 1) * CHUNK >= rows);
            let one_row = if rows > 1 {
                product::OneRow::No
            } else if generator {
                product::OneRow::Matmul
            } else {
                product::OneRow::Dot
            };
            product::x_factor_t(xs, &factor, n, one_row, last_odd, os);
            // `mean + ...`: the mean broadcast along the rows.
            for row in os.chunks_exact_mut(n) {
                for (v, m) in row.iter_mut().zip(&means) {
                    *v += m;
                }
            }
        }
    })?;
    stopped?;
    Ok(v)
}

/// `np.allclose(np.dot(v.T * s, v), cov, rtol=tol, atol=tol)`: the
/// check NumPy makes of an SVD factor (each `dot` element one fused
/// chain, as `dgemm` forms it).
fn reconstructs(n: usize, s: &[f64], vt: &[f64], cov: &[f64], tol: f64) -> bool {
    (0..n).all(|i| {
        (0..n).all(|c| {
            let r = (0..n).fold(0.0f64, |acc, j| {
                (vt[j * n + i] * s[j]).mul_add(vt[j * n + c], acc)
            });
            let y = cov[i * n + c];
            (r - y).abs() <= tol + tol * y.abs()
        })
    })
}

/// The NotImplementedError for what slicelab does not replay.
fn refuse(class: &str, what: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!(
            "slicelab does not implement {class}.multivariate_normal for {what}: NumPy factors cov with LAPACK there, whose last digits slicelab does not reproduce (2x2 and diagonal covariances, and the Generator's method='cholesky' up to 32x32, are exact)"
        ),
    )
}

/// `size` as `shape` in NumPy's code: None is `[]`, an int (or NumPy
/// integer) `[size]`, anything else `size[:]` turned into a list.
fn size_dims(size: Option<&Value>) -> PyResult<Vec<Value>> {
    match size {
        None | Some(Value::None) => Ok(vec![]),
        Some(v @ (Value::Int(_) | Value::Bool(_))) => Ok(vec![v.clone()]),
        Some(v @ Value::NpScalar(dt, _)) if dt.is_integer() => Ok(vec![v.clone()]),
        Some(v @ (Value::Tuple(_) | Value::List(_) | Value::Str(_))) => iterate(v),
        Some(Value::Array(a)) if a.ndim() == 0 => Err(PyError::new(
            "IndexError",
            "too many indices for array: array is 0-dimensional, but 1 were indexed",
        )),
        Some(v @ Value::Array(_)) => iterate(v),
        Some(other @ (Value::Float(_) | Value::Complex(..))) => Err(PyError::type_error(format!(
            "'{}' object is unsliceable",
            other.type_name()
        ))),
        Some(other) => Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab's multivariate_normal does not take a size of type '{}'",
                other.type_name()
            ),
        )),
    }
}

/// Whether `check_valid` asks for the check (`'warn'` or `'raise'`);
/// `'ignore'` skips it and any other value is NumPy's ValueError.
fn check_valid_word(b: &Bound) -> PyResult<bool> {
    match b.get("check_valid") {
        None => Ok(true),
        Some(Value::Str(s)) if s.as_ref() == "ignore" => Ok(false),
        Some(Value::Str(s)) if s.as_ref() == "warn" || s.as_ref() == "raise" => Ok(true),
        Some(_) => Err(PyError::value(
            "check_valid must equal 'warn', 'raise', or 'ignore'",
        )),
    }
}

/// `tol` as `-tol` needs it: a real number.
fn tol_arg(v: Option<&Value>) -> PyResult<f64> {
    use crate::engine::Scalar;
    match v {
        None => Ok(1e-8),
        Some(Value::Float(f)) => Ok(*f),
        Some(Value::Int(i)) => Ok(*i as f64),
        Some(Value::Bool(b)) => Ok(f64::from(u8::from(*b))),
        Some(Value::NpScalar(_, Scalar::Float(f))) => Ok(*f),
        Some(Value::NpScalar(_, Scalar::Int(i))) => Ok(*i as f64),
        Some(Value::NpScalar(_, Scalar::UInt(u))) => Ok(*u as f64),
        Some(other @ (Value::Str(_) | Value::None | Value::List(_) | Value::Tuple(_))) => {
            Err(PyError::type_error(format!(
                "bad operand type for unary -: '{}'",
                other.type_name()
            )))
        }
        Some(other) => Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab's multivariate_normal does not take a tol of type '{}'",
                other.type_name()
            ),
        )),
    }
}

/// The covariance failed the check: a RuntimeWarning, or the ValueError
/// under `check_valid='raise'`.
fn not_psd(b: &Bound) -> PyResult<()> {
    const MSG: &str = "covariance is not symmetric positive-semidefinite.";
    if matches!(b.get("check_valid"), Some(Value::Str(s)) if s.as_ref() == "raise") {
        return Err(PyError::value(MSG));
    }
    super::super::fp_errors::warn(format!("RuntimeWarning: {MSG}"));
    Ok(())
}

/// `x @ f.T` for a C-ordered `rows x n` `x` and `n x n` `f`, in the
/// order of the OpenBLAS (Haswell kernels) routine NumPy's matmul calls.
mod product {
    /// `out[i, c] = sum_k x[i, k] * f[c, k]`, each sum as NumPy's matmul
    /// forms it: `n == 1` is a single product (NumPy's own loop, from
    /// `+0`); one row is `dgemv_t`; more rows are `dgemm`.
    ///
    /// `x` and `out` hold whole rows, a slice of the whole product;
    /// `one_row` says the whole `x` is one row, `ends_odd` that this slice
    /// ends the product and the product's row count is odd.
    pub fn x_factor_t(
        x: &[f64],
        f: &[f64],
        n: usize,
        one_row: OneRow,
        ends_odd: bool,
        out: &mut [f64],
    ) {
        if n == 1 {
            for (o, &v) in out.iter_mut().zip(x) {
                *o = 0.0 + v * f[0];
            }
        } else if one_row == OneRow::Matmul {
            gemv_t(x, f, n, out);
        } else if one_row == OneRow::Dot {
            // `np.dot` of a row and a C-ordered matrix: `dgemv_n`, whose
            // tail for fewer than four rows is a plain running sum.
            for (c, o) in out.iter_mut().enumerate() {
                let mut t = 0.0;
                for (k, xk) in x.iter().enumerate() {
                    t += xk * f[c * n + k];
                }
                *o = t;
            }
        } else {
            gemm(x, f, n, ends_odd, out);
        }
    }

    /// Whether the product is a single row, and who forms it: the
    /// Generator's `x @ factor.T` (matmul) or `RandomState`'s
    /// `np.dot(x, factor)`.
    #[derive(Clone, Copy, PartialEq, Eq)]
    pub enum OneRow {
        No,
        Matmul,
        Dot,
    }

    /// `dgemv_t` with the factor's rows as the matrix's columns, onto a
    /// zeroed output (NumPy's `beta = 0`).
    fn gemv_t(x: &[f64], f: &[f64], n: usize, y: &mut [f64]) {
        y.fill(0.0);
        crate::eval::np_linalg::blas::gemv_t(|i, c| f[c * n + i], x, y, 1.0);
    }

    /// `dgemm` (`dgemm_kernel_4x8_haswell.S`): each output one fused
    /// chain over `k` from zero, except, when the row count is odd, the
    /// last row's outputs in whole groups of four columns, which the
    /// one-column kernel spreads over four chains (`k % 4` within each
    /// group of eight terms, the rest on the first) added pairwise.
    /// `n` here is at most 32, inside one of OpenBLAS's `k` blocks.
    fn gemm(x: &[f64], f: &[f64], n: usize, ends_odd: bool, out: &mut [f64]) {
        let rows = x.len() / n;
        for i in 0..rows {
            let xr = &x[i * n..(i + 1) * n];
            let spread = ends_odd && i == rows - 1;
            for c in 0..n {
                let a = &f[c * n..(c + 1) * n];
                let acc = if spread && c < (n & !3) {
                    let grouped = n - n % 8;
                    let mut l = [0.0f64; 4];
                    for k in 0..n {
                        let chain = if k < grouped { k % 4 } else { 0 };
                        l[chain] = xr[k].mul_add(a[k], l[chain]);
                    }
                    (l[0] + l[1]) + (l[2] + l[3])
                } else {
                    xr.iter().zip(a).fold(0.0, |acc, (p, q)| p.mul_add(*q, acc))
                };
                out[i * n + c] = 0.0 + acc;
            }
        }
    }
}
