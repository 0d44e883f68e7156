//! `np.linspace` between array ends, or with `axis=`: NumPy's recipe
//! (`numpy/_core/function_base.py`) element by element — `delta = stop -
//! start` broadcast, `y = arange(num)[:, None...] * step + start` (or
//! `y / div * delta + start` when any step is zero), the last row pinned
//! to `stop`, then `moveaxis(y, 0, axis)`, a view as NumPy returns it.
//! Float64 ends only; float32 and complex ends are refused.

use crate::engine::dtype::{DType, Kind};
use crate::engine::{ArrayRef, NdArray, Scalar, buffer};

use super::error::{PyError, PyResult};
use super::value::Value;
use crate::eval::convert::as_array;

/// Whether a call needs this path: an end with axes, or a non-zero axis.
pub fn needed(start: &Value, stop: &Value, axis: Option<&Value>) -> PyResult<bool> {
    let shaped = |v: &Value| -> PyResult<bool> { Ok(as_array(v)?.ndim() > 0) };
    Ok(shaped(start)? || shaped(stop)? || matches!(axis, Some(v) if !matches!(v, Value::Int(0))))
}

/// The float64 samples, shaped with the sample axis at `axis`.
pub fn linspace_nd(
    start: &Value,
    stop: &Value,
    n: usize,
    endpoint: bool,
    axis: i64,
) -> PyResult<ArrayRef> {
    let (a, b) = (as_array(start)?, as_array(stop)?);
    for e in [&a, &b] {
        if !matches!(e.dtype().kind(), Kind::Bool | Kind::Int | Kind::UInt)
            && *e.dtype() != DType::Float64
        {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab's np.linspace with array ends computes in float64 only, not {}",
                    e.dtype().name()
                ),
            ));
        }
    }
    let (sa, sb) = (a.shape(), b.shape());
    let shape = crate::engine::broadcast::broadcast_shapes_or_err(&[&sb, &sa])?;
    let spread = |x: &ArrayRef| -> PyResult<Vec<f64>> {
        let layout = crate::engine::broadcast::broadcast_layout(&x.layout(), &shape);
        let v = NdArray::view_with(x, layout);
        Ok(v.to_scalars()
            .iter()
            .map(crate::engine::element::scalar_as_f64)
            .collect())
    };
    let (s0, s1) = (spread(&a)?, spread(&b)?);
    let m = s0.len();
    let mut out_shape = vec![n];
    out_shape.extend(&shape);
    let axis = crate::engine::reduce::normalize_axis(axis, out_shape.len()).map_err(|_| {
        PyError::new(
            "AxisError",
            format!(
                "destination: axis {axis} is out of bounds for array of dimension {}",
                out_shape.len()
            ),
        )
    })?;
    buffer::ensure_room(&out_shape, 8, "float64", std::mem::size_of::<Scalar>())?;
    let div = if endpoint { n.saturating_sub(1) } else { n } as f64;
    let delta: Vec<f64> = s1.iter().zip(&s0).map(|(q, p)| q - p).collect();
    let step: Vec<f64> = delta.iter().map(|d| d / div).collect();
    let any_zero = div > 0.0 && step.contains(&0.0);
    let mut vals = Vec::with_capacity(n * m);
    for i in 0..n {
        let y = i as f64;
        for k in 0..m {
            let v = if div == 0.0 {
                y * delta[k] + s0[k]
            } else if any_zero {
                y / div * delta[k] + s0[k]
            } else {
                y * step[k] + s0[k]
            };
            let last = endpoint && n > 1 && i == n - 1;
            vals.push(Scalar::Float(if last { s1[k] } else { v }));
        }
    }
    let y = NdArray::from_scalars(&out_shape, DType::Float64, &vals)?;
    // `moveaxis(y, 0, axis)`.
    let mut perm: Vec<i64> = (1..out_shape.len() as i64).collect();
    perm.insert(axis, 0);
    super::reshaping::transpose(&y, Some(perm))
}
