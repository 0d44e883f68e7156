//! `np.linalg.eigvals` as `numpy/linalg/_linalg.py` computes it: LAPACK
//! `dgeev` without vectors on each matrix of the stack (float32 input too
//! is computed in double, as NumPy's `'d->D'` signature does), then a real
//! result when every imaginary part is zero.
//!
//! The replay (`geev_vectors.rs`) covers every matrix up to 75x75, where
//! `dhseqr` runs `dlahqr`.

use crate::engine::dtype::Kind;
use crate::engine::{DType, NdArray, Scalar};

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::common::linalg_error;
use super::dense::{self, shape_with};
use super::solve::stacked_square;
use crate::eval::args::Args;
use crate::eval::convert::as_array;

/// What slicelab says where its `dgeev` replay stops: orders past
/// `dlahqr`'s (`dhseqr` hands them to `dlaqr0`), or `dlahqr` not
/// converging (where `dhseqr` too goes on to `dlaqr0`).
pub(super) fn refuse(func: &str, n: usize) -> PyError {
    let why = if n > super::geev_vectors::MAX_N {
        format!("above 75x75 (this is {n}x{n}) LAPACK's dhseqr runs dlaqr0")
    } else {
        "dlahqr did not converge on this matrix and LAPACK goes on to dlaqr0".to_string()
    };
    PyError::new(
        "NotImplementedError",
        format!(
            "slicelab's np.linalg.{func} replays LAPACK's dgeev through dlahqr only: {why}, which it does not replay"
        ),
    )
}

/// The checks `eig` and `eigvals` make, in `_linalg.py`'s order, and the
/// stack of matrices they compute on.
pub(super) fn general_stack(args: &Args, func: &str) -> PyResult<dense::Stack> {
    let a = as_array(args.req(0, "a", func)?)?;
    stacked_square(&a)?;
    // `_assert_finite` runs `isfinite` before `_commonType` looks at the
    // dtype, so text meets the ufunc's error first.
    if matches!(a.dtype().kind(), Kind::Str | Kind::Bytes | Kind::Void) {
        return Err(PyError::type_error(
            "ufunc 'isfinite' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
        ));
    }
    let st = dense::stack(&a, func, func)?;
    if st.has_nonfinite() {
        return Err(linalg_error("Array must not contain infs or NaNs"));
    }
    Ok(st)
}

/// `np.linalg.eigvals(a)`.
pub fn eigvals(args: &Args) -> PyResult<Value> {
    let st = general_stack(args, "eigvals")?;
    let n = st.n;
    let (mut wr, mut wi) = (Vec::new(), Vec::new());
    for k in 0..st.count() {
        crate::engine::interrupt::check()?;
        let Some((r, i)) = super::geev::eigvals_rows(n, st.matrix(k)) else {
            return Err(refuse("eigvals", n));
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
