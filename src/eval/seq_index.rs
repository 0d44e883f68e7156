//! Python's sequence indexing: an index as an integer and the positions a
//! slice picks (CPython's `PySlice_AdjustIndices`). A leaf, so every
//! sequence type (`list`, `bytearray`, …) can use it without importing the
//! others.

use super::error::{PyError, PyResult};
use super::value::Value;

/// A list, tuple or slice index as an integer (`what` names the sequence
/// in the error, as CPython's message does).
pub fn index_of(v: &Value, what: &str) -> PyResult<i128> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i128),
        Value::BigInt(_) => Err(PyError::index(
            "cannot fit 'int' into an index-sized integer",
        )),
        Value::NpScalar(_, crate::engine::Scalar::Int(i)) => Ok(*i as i128),
        Value::NpScalar(_, crate::engine::Scalar::UInt(u)) => Ok(*u as i128),
        other => Err(PyError::type_error(format!(
            "{what} indices must be integers or slices, not {}",
            other.type_name()
        ))),
    }
}

/// A slice's start, stop and step for a sequence of length `n`, as
/// CPython's `PySlice_Unpack` and `PySlice_AdjustIndices` make them.
pub fn slice_adjusted(parts: &[Value; 3], n: i128) -> PyResult<(i128, i128, i128)> {
    let bound = |v: &Value| -> PyResult<Option<i128>> {
        match v {
            Value::None => Ok(None),
            // A slice bound past any length clamps, as CPython's
            // `_PyEval_SliceIndex` clamps it to PY_SSIZE_T_MIN/MAX.
            Value::BigInt(b) => Ok(Some(if num_traits::Signed::is_negative(b.as_ref()) {
                i128::MIN / 2
            } else {
                i128::MAX / 2
            })),
            other => index_of(other, "slice").map(Some).map_err(|_| {
                PyError::type_error(
                    "slice indices must be integers or None or have an __index__ method",
                )
            }),
        }
    };
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
