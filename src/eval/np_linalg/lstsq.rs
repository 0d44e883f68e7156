//! `np.linalg.lstsq(a, b, rcond=None)`, following `_linalg.lstsq`: the
//! minimum-norm least-squares solution over the singular values above
//! `rcond * s[0]` (what LAPACK's `dgelsd` computes), the residual sums of
//! squares only when `a` has full column rank and more rows than columns,
//! the rank as `np.int32`, and the singular values. One or two float64
//! unknowns are LAPACK's own bits (`gelsd.rs`); other shapes use
//! `jacobi.rs`'s SVD, which agrees with NumPy to the digits an array repr
//! prints but not always in the last bit.

use crate::engine::{DType, Scalar};

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::common::linalg_error;
use super::dense::{self, array};
use super::jacobi;
use crate::eval::args::Args;
use crate::eval::convert::as_array;

fn assert_2d(a: &crate::engine::ArrayRef) -> PyResult<()> {
    if a.ndim() != 2 {
        return Err(linalg_error(&format!(
            "{}-dimensional array given. Array must be two-dimensional",
            a.ndim()
        )));
    }
    Ok(())
}

/// The result dtype of `_commonType(a, b)`: float32 only when both are.
fn common(a: &crate::engine::ArrayRef, b: &crate::engine::ArrayRef) -> PyResult<DType> {
    let da = dense::result_dtype(a, "lstsq", "lstsq")?;
    let db = dense::result_dtype(b, "lstsq", "lstsq")?;
    Ok(if da == DType::Float32 && db == DType::Float32 {
        DType::Float32
    } else {
        DType::Float64
    })
}

/// What `lstsq` returns, as numbers.
pub struct Fit {
    /// `n x k`, row-major.
    pub x: Vec<f64>,
    /// One per right-hand side, or none.
    pub resids: Option<Vec<f64>>,
    pub rank: usize,
    pub s: Vec<f64>,
}

/// Solve for the row-major `m x n` `a` and `m x k` `b`: by `dgelsd`'s own
/// steps where `gelsd.rs` replays them (float64 only: `sgelsd` rounds
/// otherwise), else by the Jacobi SVD.
pub fn solve(
    m: usize,
    n: usize,
    k: usize,
    a: &[f64],
    b: &[f64],
    rcond: f64,
    float64: bool,
) -> PyResult<Fit> {
    if a.iter().any(|v| !v.is_finite()) {
        return Err(super::common::linalg_error(
            "SVD did not converge in Linear Least Squares",
        ));
    }
    if b.iter().any(|v| !v.is_finite()) {
        return Err(dense::refuse_nonfinite("lstsq"));
    }
    if float64 && let Some(fit) = super::gelsd::solve(m, n, k, a, b, rcond)? {
        return Ok(fit);
    }
    let d = jacobi::svd(m, n, a)?;
    if dense::tiny_spread(&d.s, 1e-8) {
        return Err(dense::refuse_noise("lstsq", "a singular value near zero"));
    }
    let r = m.min(n);
    let rcond = if rcond < 0.0 {
        f64::EPSILON / 2.0
    } else {
        rcond
    };
    let thresh = rcond * d.s.first().copied().unwrap_or(0.0);
    let rank = d.s.iter().filter(|&&x| x > thresh && x > 0.0).count();
    let mut x = dense::work(n * k)?;
    for col in 0..k {
        // c = U^T b over the kept singular values, divided by them, with
        // the size of the terms each sum cancels.
        let (c, csize): (Vec<f64>, Vec<f64>) = (0..rank)
            .map(|j| {
                let (sum, size) = (0..m)
                    .map(|i| d.u[i * r + j] * b[i * k + col])
                    .fold((0.0, 0.0), |(s, z), t: f64| (s + t, z + t.abs()));
                (sum / d.s[j], size / d.s[j])
            })
            .unzip();
        for row in 0..n {
            let (sum, size) = (0..rank)
                .map(|j| (d.v[row * r + j] * c[j], (d.v[row * r + j] * csize[j]).abs()))
                .fold((0.0, 0.0), |(s, z), (t, u): (f64, f64)| (s + t, z + u));
            // Cancellation down to rounding noise prints LAPACK's noise.
            if sum.abs() < 1e-7 * size {
                return Err(dense::refuse_noise(
                    "lstsq",
                    "an element that should be zero",
                ));
            }
            x[row * k + col] = sum;
        }
    }
    let resids = if rank == n && m > n {
        let mut out = Vec::with_capacity(k);
        for col in 0..k {
            let mut ss = 0.0;
            for i in 0..m {
                let fit: f64 = (0..n).map(|j| a[i * n + j] * x[j * k + col]).sum();
                let e = b[i * k + col] - fit;
                ss += e * e;
            }
            let bb: f64 = (0..m).map(|i| b[i * k + col] * b[i * k + col]).sum();
            if ss < 1e-12 * bb {
                return Err(dense::refuse_noise("lstsq", "residuals near zero"));
            }
            out.push(ss);
        }
        Some(out)
    } else {
        None
    };
    Ok(Fit {
        x,
        resids,
        rank,
        s: d.s,
    })
}

/// `np.linalg.lstsq(a, b, rcond=None)`.
pub fn lstsq(args: &Args) -> PyResult<Value> {
    let a = as_array(args.req(0, "a", "lstsq")?)?;
    let b = as_array(args.req(1, "b", "lstsq")?)?;
    let is_1d = b.ndim() == 1;
    assert_2d(&a)?;
    if !is_1d {
        assert_2d(&b)?;
    }
    let (m, n) = (a.shape()[0], a.shape()[1]);
    let bs = b.shape();
    let (m2, k) = if is_1d { (bs[0], 1) } else { (bs[0], bs[1]) };
    if m != m2 {
        return Err(linalg_error("Incompatible dimensions"));
    }
    let dt = common(&a, &b)?;
    let rcond = match args.kw("rcond") {
        None | Some(Value::None) => {
            let eps = f64::EPSILON;
            eps * m.max(n) as f64
        }
        Some(Value::Float(f)) => *f,
        Some(Value::Int(i)) => *i as f64,
        Some(Value::NpScalar(_, Scalar::Float(f))) => *f,
        Some(_) => {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab's np.linalg.lstsq takes rcond as a number",
            ));
        }
    };
    let av = dense::float_values(&a)?;
    let bv = dense::float_values(&b)?;
    let fit = solve(m, n, k, &av, &bv, rcond, dt == DType::Float64)?;
    let xs = if m == 0 { vec![0.0; n * k] } else { fit.x };
    let x_shape: Vec<usize> = if is_1d { vec![n] } else { vec![n, k] };
    let x = array(&x_shape, &xs, &dt)?;
    let resids = match fit.resids {
        Some(r) if k > 0 => array(&[r.len()], &r, &dt)?,
        _ => array(&[0], &[], &dt)?,
    };
    let s = array(&[fit.s.len()], &fit.s, &dt)?;
    Ok(Value::tuple(vec![
        Value::Array(x),
        Value::Array(resids),
        Value::NpScalar(DType::Int32, Scalar::Int(fit.rank as i64)),
        Value::Array(s),
    ]))
}
