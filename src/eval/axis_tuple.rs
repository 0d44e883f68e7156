//! NumPy's `normalize_axis_tuple(axis, ndim, argname, allow_duplicate)`
//! (`numpy/_core/numeric.py`): an int or an iterable of ints, each made
//! non-negative, with NumPy's messages (`source: axis 5 is out of bounds
//! for array of dimension 3`, "repeated axis in `source` argument").
//! `np.moveaxis` and `np.size(a, axis=(0, 1))` take their axes this way.

use crate::engine::DType;

use super::coerce::int_arg;
use super::error::{PyError, PyResult};
use super::protocol::iterate;
use super::value::Value;

/// The axes `v` names, normalised for an array of `ndim` dimensions.
pub fn normalize_axis_tuple(
    v: &Value,
    ndim: usize,
    argname: Option<&str>,
    allow_duplicate: bool,
) -> PyResult<Vec<usize>> {
    let axes = axes_of(v, ndim as i64, argname, allow_duplicate)?;
    Ok(axes.into_iter().map(|a| a as usize).collect())
}

/// [`normalize_axis_tuple`] for any C int `ndim`, as
/// `np.lib.array_utils.normalize_axis_tuple` takes it (a negative one
/// makes every axis out of bounds).
pub fn axes_of(
    v: &Value,
    ndim: i64,
    argname: Option<&str>,
    allow_duplicate: bool,
) -> PyResult<Vec<i64>> {
    let items: Vec<Value> = match v {
        Value::Tuple(t) => t.to_vec(),
        Value::List(l) => l.borrow().clone(),
        // `operator.index(axis)` first: an int-like is one axis; anything
        // else is iterated (Python's "'float' object is not iterable").
        Value::Int(_) | Value::Bool(_) => vec![v.clone()],
        Value::NpScalar(dt, _) if dt.is_integer() || matches!(dt, DType::Bool) => vec![v.clone()],
        Value::Array(a) if a.ndim() == 0 && a.dtype().is_integer() => vec![v.clone()],
        other => iterate(other)?,
    };
    let mut out = Vec::with_capacity(items.len());
    for it in &items {
        out.push(normalize_axis_index(it, ndim, argname)?);
    }
    if !allow_duplicate {
        let mut seen = out.clone();
        seen.sort_unstable();
        seen.dedup();
        if seen.len() != out.len() {
            return Err(PyError::value(match argname {
                Some(a) => format!("repeated axis in `{a}` argument"),
                None => "repeated axis".to_string(),
            }));
        }
    }
    Ok(out)
}

/// NumPy's C `normalize_axis_index(axis, ndim, msg_prefix)`: `axis` read
/// as a C int (a float is refused in the C parser's words, an array by
/// `ndarray.__index__`), then `AxisError` unless `-ndim <= axis < ndim`.
pub fn normalize_axis_index(v: &Value, ndim: i64, prefix: Option<&str>) -> PyResult<i64> {
    let ax = match v {
        Value::Float(_) | Value::NpScalar(DType::Float64, _) => {
            return Err(PyError::type_error("integer argument expected, got float"));
        }
        Value::Array(a) if !(a.ndim() == 0 && a.dtype().is_integer()) => {
            return Err(PyError::type_error(
                "only integer scalar arrays can be converted to a scalar index",
            ));
        }
        other => int_arg(other, "")?,
    };
    let ax = i32::try_from(ax)
        .map_err(|_| PyError::new("OverflowError", "Python int too large to convert to C int"))?
        as i64;
    if ax < -ndim || ax >= ndim {
        let prefix = prefix.map(|a| format!("{a}: ")).unwrap_or_default();
        return Err(PyError::new(
            "AxisError",
            format!("{prefix}axis {ax} is out of bounds for array of dimension {ndim}"),
        ));
    }
    Ok(if ax < 0 { ax + ndim } else { ax })
}

/// `np.moveaxis(a, source, destination)`'s new axis order: the axes not
/// moved keep their order, then each `(dest, src)` pair, sorted, is
/// inserted at `dest`.
pub fn moveaxis_order(source: &Value, destination: &Value, ndim: usize) -> PyResult<Vec<usize>> {
    let src = normalize_axis_tuple(source, ndim, Some("source"), false)?;
    let dst = normalize_axis_tuple(destination, ndim, Some("destination"), false)?;
    if src.len() != dst.len() {
        return Err(PyError::value(
            "`source` and `destination` arguments must have the same number of elements",
        ));
    }
    let mut order: Vec<usize> = (0..ndim).filter(|k| !src.contains(k)).collect();
    let mut pairs: Vec<(usize, usize)> = dst.into_iter().zip(src).collect();
    pairs.sort_unstable();
    for (d, s) in pairs {
        order.insert(d.min(order.len()), s);
    }
    Ok(order)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moveaxis_orders_as_numpy() {
        let list = |v: &[i128]| Value::tuple(v.iter().map(|&i| Value::Int(i)).collect());
        assert_eq!(
            moveaxis_order(&Value::Int(0), &Value::Int(-1), 3).unwrap(),
            [1, 2, 0]
        );
        assert_eq!(
            moveaxis_order(&list(&[0, 1]), &list(&[-1, -2]), 3).unwrap(),
            [2, 1, 0]
        );
        assert_eq!(
            moveaxis_order(&list(&[0, 1]), &list(&[2, 0]), 3).unwrap(),
            [1, 2, 0]
        );
    }
}
