//! Python's sequence indexing: an index as an integer and the positions a
//! slice picks (CPython's `PySlice_AdjustIndices`). A leaf, so every
//! sequence type (`list`, `bytearray`, …) can use it without importing the
//! others.

use super::error::{PyError, PyResult};
use super::value::Value;

/// A list, tuple or slice index as an integer (`what` names the sequence
/// in the error, as CPython's message does).
pub fn index_of(v: &Value, what: &str) -> PyResult<i128> {
    match (operator_index(v), v) {
        (Some(Value::Int(i)), _) => Ok(i),
        (Some(_), _) => Err(PyError::index(
            "cannot fit 'int' into an index-sized integer",
        )),
        // Every array has `__index__`, which only a 0-d integer array passes.
        (None, Value::Array(_)) => Err(array_index_error()),
        (None, other) => Err(PyError::type_error(format!(
            "{what} indices must be integers or slices, not {}",
            other.type_name()
        ))),
    }
}

/// `ndarray.__index__` refusing anything but a 0-d integer array.
pub fn array_index_error() -> PyError {
    PyError::type_error("only integer scalar arrays can be converted to a scalar index")
}

/// `operator.index(v)`: the Python int of what has `__index__` — ints,
/// bools, NumPy integer scalars and 0-d integer arrays (not `np.bool`,
/// whose `__index__` NumPy removed).
pub fn operator_index(v: &Value) -> Option<Value> {
    use crate::engine::Scalar;
    let of_scalar = |s: Scalar| match s {
        Scalar::Int(i) => Some(Value::Int(i128::from(i))),
        Scalar::UInt(u) => Some(Value::Int(i128::from(u))),
        _ => None,
    };
    match v {
        Value::Int(_) | Value::BigInt(_) => Some(v.clone()),
        Value::Bool(b) => Some(Value::Int(i128::from(*b))),
        Value::NpScalar(dt, s) if dt.is_integer() => of_scalar(s.clone()),
        Value::Array(a) if a.ndim() == 0 && a.dtype().is_integer() => of_scalar(a.first()),
        _ => None,
    }
}

/// A slice bound as CPython's `_PyEval_SliceIndex` reads it: `None`, or
/// anything with `__index__`; past any length it clamps (to
/// PY_SSIZE_T_MIN/MAX in CPython).
pub fn slice_bound(v: &Value) -> PyResult<Option<i128>> {
    match (v, operator_index(v)) {
        (Value::None, _) => Ok(None),
        (_, Some(Value::Int(i))) => Ok(Some(i.clamp(i64::MIN.into(), i64::MAX.into()))),
        (_, Some(Value::BigInt(b))) => Ok(Some(if num_traits::Signed::is_negative(b.as_ref()) {
            i64::MIN.into()
        } else {
            i64::MAX.into()
        })),
        (Value::Array(_), _) => Err(array_index_error()),
        _ => Err(PyError::type_error(
            "slice indices must be integers or None or have an __index__ method",
        )),
    }
}

/// A slice's start, stop and step for a sequence of length `n`, as
/// CPython's `PySlice_Unpack` and `PySlice_AdjustIndices` make them.
pub fn slice_adjusted(parts: &[Value; 3], n: i128) -> PyResult<(i128, i128, i128)> {
    let bound = slice_bound;
    let step = bound(&parts[2])?.unwrap_or(1);
    if step == 0 {
        return Err(PyError::value("slice step cannot be zero"));
    }
    let clamp = |v: Option<i128>, dflt: i128, lo: i128, hi: i128| match v {
        None => dflt,
        Some(i) if i < 0 => (i + n).max(lo),
        Some(i) => i.min(hi),
    };
    let (start, stop) = if step > 0 {
        (
            clamp(bound(&parts[0])?, 0, 0, n),
            clamp(bound(&parts[1])?, n, 0, n),
        )
    } else {
        (
            clamp(bound(&parts[0])?, n - 1, -1, n - 1),
            clamp(bound(&parts[1])?, -1, -1, n - 1),
        )
    };
    Ok((start, stop, step))
}

/// The positions a slice picks from a sequence of length `n`.
pub fn slice_positions(parts: &[Value; 3], n: i128) -> PyResult<Vec<usize>> {
    let (start, stop, step) = slice_adjusted(parts, n)?;
    Ok(positions(start, stop, step))
}

/// The positions adjusted bounds (`slice_adjusted`'s) pick.
pub fn positions(start: i128, stop: i128, step: i128) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        i += step;
    }
    out
}
