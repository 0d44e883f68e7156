//! `np.linalg.eigvals` as `numpy/linalg/_linalg.py` computes it: LAPACK
//! `dgeev` without vectors on each matrix of the stack (float32 input too
//! is computed in double, as NumPy's `'d->D'` signature does), then a real
//! result when every imaginary part is zero.
//!
//! The replay (`geev.rs`) covers upper Hessenberg matrices — companion
//! matrices, tridiagonal and triangular ones — where `dgehrd` has nothing
//! to reflect; a general matrix would need `dgehrd`'s reflectors, so it is
//! refused rather than answered in another order or other last digits.

use crate::engine::dtype::Kind;
use crate::engine::{DType, NdArray, Scalar};

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::common::linalg_error;
use super::dense::{self, shape_with};
use super::solve::stacked_square;
use crate::eval::args::Args;
use crate::eval::convert::as_array;

/// True when every entry below the first subdiagonal is zero.
fn is_upper_hessenberg(n: usize, m: &[f64]) -> bool {
    (0..n).all(|i| (0..i.saturating_sub(1)).all(|j| m[i * n + j] == 0.0))
}

fn refuse(what: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("slicelab's np.linalg.eigvals {what}"),
    )
}

/// `np.linalg.eigvals(a)`.
pub fn eigvals(args: &Args) -> PyResult<Value> {
    let a = as_array(args.req(0, "a", "eigvals")?)?;
    stacked_square(&a)?;
    // `_assert_finite` runs `isfinite` before `_commonType` looks at the
    // dtype, so text meets the ufunc's error first.
    if matches!(a.dtype().kind(), Kind::Str | Kind::Bytes | Kind::Void) {
        return Err(PyError::type_error(
            "ufunc 'isfinite' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
        ));
    }
    let st = dense::stack(&a, "eigvals", "eigvals")?;
    if st.has_nonfinite() {
        return Err(linalg_error("Array must not contain infs or NaNs"));
    }
    let n = st.n;
    let (mut wr, mut wi) = (Vec::new(), Vec::new());
    for k in 0..st.count() {
        let m = st.matrix(k);
        if !is_upper_hessenberg(n, m) {
            return Err(refuse(
                "reproduces LAPACK's dgeev for upper Hessenberg matrices only (companion, tridiagonal, triangular); this one would need dgehrd's reflectors",
            ));
        }
        let Some((r, i)) = super::geev::hessenberg_eigvals(n, m) else {
            return Err(refuse(
                "does not replay the LAPACK steps this matrix needs (balancing permutations, scaling, or an order above 75)",
            ));
        };
        wr.extend(r);
        wi.extend(i);
    }
    let shape = shape_with(&st.batch, &[n]);
    if wi.iter().all(|&v| v == 0.0) {
        return Ok(Value::Array(dense::array(&shape, &wr, &st.out)?));
    }
    let vals: Vec<Scalar> = wr
        .iter()
        .zip(&wi)
        .map(|(&r, &i)| Scalar::Complex(r, i))
        .collect();
    let out = if st.out == DType::Float32 {
        DType::Complex64
    } else {
        DType::Complex128
    };
    let w = NdArray::from_scalars(&shape, DType::Complex128, &vals)?;
    Ok(Value::Array(crate::engine::kernels::cast(&w, &out)?))
}

#[cfg(test)]
mod tests {
    #[test]
    fn hessenberg_means_zero_below_the_subdiagonal() {
        assert!(super::is_upper_hessenberg(
            3,
            &[1., 2., 3., 4., 5., 6., 0., 8., 9.]
        ));
        assert!(!super::is_upper_hessenberg(
            3,
            &[1., 2., 3., 4., 5., 6., 7., 8., 9.]
        ));
    }
}
