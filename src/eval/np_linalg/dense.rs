//! What the decompositions share: NumPy's `_commonType` for one real
//! input (integers and bools computed as float64, float32 computed in
//! float64 by the `d->d` gufunc loop and cast back, float16 refused,
//! complex not replayed), the stack of matrices read out in C order, and
//! results written back as arrays of the result dtype.

use crate::engine::dtype::{DType, Kind};
use crate::engine::typed::{elems, elems_mut};
use crate::engine::{ArrayRef, NdArray, Order, kernels};

use super::super::error::{PyError, PyResult};

/// A stack of real matrices as float64, in C order, with the dtype
/// NumPy casts the results to.
pub struct Stack {
    /// The stack's leading shape (`a.shape[:-2]`).
    pub batch: Vec<usize>,
    /// Rows and columns of each matrix.
    pub m: usize,
    pub n: usize,
    /// Every element, C order.
    pub vals: Vec<f64>,
    /// `result_t` of `_commonType` (float64 or float32).
    pub out: DType,
}

impl Stack {
    /// How many matrices.
    pub fn count(&self) -> usize {
        self.batch.iter().product()
    }

    /// Matrix `k`, row-major.
    pub fn matrix(&self, k: usize) -> &[f64] {
        let size = self.m * self.n;
        &self.vals[k * size..(k + 1) * size]
    }

    /// True when an element is NaN or infinite.
    pub fn has_nonfinite(&self) -> bool {
        self.vals.iter().any(|v| !v.is_finite())
    }
}

/// `_commonType` of one array for a gufunc named `gufunc` (its name is in
/// NumPy's cast error): the dtype the result is cast to.
pub fn result_dtype(a: &ArrayRef, func: &str, gufunc: &str) -> PyResult<DType> {
    let dt = a.dtype();
    Ok(match dt.kind() {
        Kind::Bool | Kind::Int | Kind::UInt => DType::Float64,
        _ if *dt == DType::Float64 => DType::Float64,
        _ if *dt == DType::Float32 => DType::Float32,
        _ if *dt == DType::Float16 => {
            return Err(PyError::type_error(
                "array type float16 is unsupported in linalg",
            ));
        }
        Kind::Float | Kind::Complex => {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab's np.linalg.{func} computes real float64 and float32 input only, not {}",
                    crate::render::dtype_repr(dt)
                ),
            ));
        }
        _ => {
            return Err(PyError::type_error(format!(
                "Cannot cast ufunc '{gufunc}' input from {} to dtype('float64') with casting rule 'same_kind'",
                crate::render::dtype_repr(dt)
            )));
        }
    })
}

/// The float64 values of `a`, C order.
pub fn float_values(a: &ArrayRef) -> PyResult<Vec<f64>> {
    let c = kernels::cast(a, &DType::Float64)?.copy(Order::C)?;
    let bytes = c.buffer().bytes();
    let all = elems::<f64>(&bytes).unwrap_or(&[]);
    let off = c.layout().offset / 8;
    Ok(all[off..off + c.size()].to_vec())
}

/// `a` (at least 2-d, checked by the caller) as a stack.
pub fn stack(a: &ArrayRef, func: &str, gufunc: &str) -> PyResult<Stack> {
    let out = result_dtype(a, func, gufunc)?;
    let shape = a.shape();
    let nd = shape.len();
    Ok(Stack {
        batch: shape[..nd - 2].to_vec(),
        m: shape[nd - 2],
        n: shape[nd - 1],
        vals: float_values(a)?,
        out,
    })
}

/// A zero-filled work vector of `n` doubles, or `MemoryError`.
pub fn work(n: usize) -> PyResult<Vec<f64>> {
    let bytes = n.saturating_mul(8);
    if !crate::engine::buffer::may_allocate(bytes) {
        return Err(PyError::new("MemoryError", ""));
    }
    Ok(vec![0.0; n])
}

/// An array of `shape` and dtype `dt` from C-ordered float64 `vals`.
pub fn array(shape: &[usize], vals: &[f64], dt: &DType) -> PyResult<ArrayRef> {
    let out = NdArray::for_overwrite(shape, DType::Float64)?;
    {
        let mut b = out.buffer().bytes_mut();
        if let Some(o) = elems_mut::<f64>(&mut b) {
            let k = vals.len().min(o.len());
            o[..k].copy_from_slice(&vals[..k]);
        }
    }
    if *dt == DType::Float64 {
        Ok(out)
    } else {
        Ok(kernels::cast(&out, dt)?)
    }
}

/// `shape` with `tail` appended.
pub fn shape_with(batch: &[usize], tail: &[usize]) -> Vec<usize> {
    let mut s = batch.to_vec();
    s.extend_from_slice(tail);
    s
}

/// NumPy's refusal for NaN or infinity where LAPACK's answer (NaNs, a
/// convergence error, or numbers) depends on its iteration.
pub fn refuse_nonfinite(func: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("slicelab's np.linalg.{func} does not reproduce LAPACK on NaN or infinite input"),
    )
}

/// True when the smallest of `vals` (non-negative) is below `rel` times
/// the largest, zero included: an ill-conditioned or rank-deficient
/// problem, whose small values are rounding noise.
pub fn tiny_spread(vals: &[f64], rel: f64) -> bool {
    let big = vals.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    big > 0.0 && vals.iter().any(|v| v.abs() < rel * big)
}

/// NumPy prints rounding noise here that slicelab's arithmetic does not
/// reproduce digit for digit.
pub fn refuse_noise(func: &str, what: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!(
            "slicelab's np.linalg.{func} does not reproduce LAPACK's rounding noise, and this result has it ({what})"
        ),
    )
}

/// True when every element off the diagonal of the row-major `n x n`
/// matrix is zero (LAPACK's iterations then do no arithmetic).
pub fn is_diagonal(n: usize, m: &[f64]) -> bool {
    (0..n).all(|i| (0..n).all(|j| i == j || m[i * n + j] == 0.0))
}
