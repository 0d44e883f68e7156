//! `==` and `!=` between structured arrays: NumPy compares them field by
//! field (each pair of fields promoted as numbers are), and two records are
//! equal when every field is. Arrays whose fields do not line up (other
//! names or count) have no common dtype and cannot be compared.

use crate::engine::dtype::DType;
use crate::engine::kernels::CompareOp;
use crate::engine::{ArrayRef, NdArray, Scalar};

use super::error::{PyError, PyResult};
use super::value::Value;
use crate::eval::record_fields::field_view;

/// The comparison when both sides are structured (arrays or `np.void`
/// records) and the operator is `==` or `!=`; `None` leaves every other
/// case to the ordinary comparison.
pub fn compare(op: CompareOp, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    if let Some(r) = compare_plain_voids(op, a, b) {
        return Some(r);
    }
    let (x, y) = match (record_array(a), record_array(b)) {
        (None, None) => return None,
        (Some(x), Some(y)) => (x, y),
        // A structured side against anything else (a number, None, a
        // tuple that becomes a plain array): NumPy refuses to compare.
        _ if matches!(op, CompareOp::Eq | CompareOp::Ne) => {
            return Some(Err(PyError::type_error(
                "Cannot compare structured or void to non-void arrays.",
            )));
        }
        _ => {
            return Some(Err(PyError::new(
                "NotImplementedError",
                "slicelab does not order structured values against other types",
            )));
        }
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Some(Err(no_void_order(op)));
    }
    Some(compare_records(op, &x, &y).map(|out| {
        if matches!(a, Value::Void(_)) && matches!(b, Value::Void(_)) {
            Value::NpScalar(DType::Bool, out.first())
        } else {
            Value::Array(out)
        }
    }))
}

/// `V n` against `V n`: equal when every byte is, and as arrays even for
/// two `np.void` scalars (NumPy answers `array(True)` there). Voids have
/// no order, and nothing but a void compares with one.
fn compare_plain_voids(op: CompareOp, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    let plain = |v: &Value| match v {
        Value::Array(x) | Value::Void(x) if crate::engine::void_cast::is_plain_void(x.dtype()) => {
            Some(x.clone())
        }
        _ => None,
    };
    let (x, y) = match (plain(a), plain(b)) {
        (None, None) => return None,
        (Some(x), Some(y)) => (x, y),
        (Some(_), None) | (None, Some(_))
            if record_array(a).is_some() || record_array(b).is_some() =>
        {
            return Some(Err(PyError::new(
                "NotImplementedError",
                "slicelab does not compare a plain void with a structured value",
            )));
        }
        _ if matches!(op, CompareOp::Eq | CompareOp::Ne) => {
            return Some(Err(PyError::type_error(
                "Cannot compare structured or void to non-void arrays.",
            )));
        }
        _ => return Some(Err(no_void_order(op))),
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Some(Err(no_void_order(op)));
    }
    let n = x.dtype().itemsize();
    if y.dtype().itemsize() != n {
        return Some(Err(PyError::new(
            "NotImplementedError",
            "slicelab does not compare voids of different sizes",
        )));
    }
    // Equal-sized byte strings are equal exactly when their `S n` views
    // are (trailing NULs pad both alike).
    let as_bytes = |v: &ArrayRef| Value::Array(NdArray::view(v, DType::Bytes(n), v.layout()));
    let answer = || -> PyResult<Value> {
        Ok(
            match super::ops::numpy_compare(op, &as_bytes(&x), &as_bytes(&y))? {
                Value::NpScalar(dt, s) => Value::Array(NdArray::from_scalars(&[], dt, &[s])?),
                other => other,
            },
        )
    };
    Some(answer())
}

fn no_void_order(op: CompareOp) -> PyError {
    let ufunc = match op {
        CompareOp::Lt => "less",
        CompareOp::Le => "less_equal",
        CompareOp::Gt => "greater",
        _ => "greater_equal",
    };
    PyError::type_error(format!(
        "ufunc '{ufunc}' did not contain a loop with signature matching types (<class 'numpy.dtypes.VoidDType'>, <class 'numpy.dtypes.VoidDType'>) -> None"
    ))
}

/// A structured operand with fields (a plain `V n` has none to compare).
fn record_array(v: &Value) -> Option<ArrayRef> {
    let arr = match v {
        Value::Array(a) | Value::Void(a) => a,
        _ => return None,
    };
    match arr.dtype() {
        DType::Record(r) if !r.fields().is_empty() => Some(arr.clone()),
        _ => None,
    }
}

fn compare_records(op: CompareOp, x: &ArrayRef, y: &ArrayRef) -> PyResult<ArrayRef> {
    let (DType::Record(rx), DType::Record(ry)) = (x.dtype(), y.dtype()) else {
        return Err(no_common_dtype());
    };
    let names_match = rx.fields().len() == ry.fields().len()
        && rx
            .fields()
            .iter()
            .zip(ry.fields().iter())
            .all(|(f, g)| f.name == g.name);
    let shaped = rx
        .fields()
        .iter()
        .chain(ry.fields().iter())
        .any(|f| !f.shape.is_empty());
    if !names_match {
        return Err(no_common_dtype());
    }
    if shaped {
        return Err(PyError::new(
            "NotImplementedError",
            "comparing structured arrays with sub-array fields is not supported in slicelab",
        ));
    }
    let mut all_equal: Option<(Vec<usize>, Vec<bool>)> = None;
    for f in rx.fields().iter() {
        let fx = Value::Array(field_view(x, &f.name)?);
        let fy = Value::Array(field_view(y, &f.name)?);
        let eq = match super::ops::numpy_compare(CompareOp::Eq, &fx, &fy) {
            Ok(Value::Array(e)) => e,
            Ok(other) => crate::eval::convert::as_array(&other)?,
            Err(e) if e.kind == "TypeError" => return Err(no_common_dtype()),
            Err(e) => return Err(e),
        };
        let bits: Vec<bool> = eq
            .to_scalars()
            .iter()
            .map(|s| matches!(s, Scalar::Bool(true)))
            .collect();
        all_equal = Some(match all_equal {
            None => (eq.shape(), bits),
            Some((shape, acc)) => (
                shape,
                acc.iter().zip(&bits).map(|(p, q)| *p && *q).collect(),
            ),
        });
    }
    let (shape, bits) = all_equal.unwrap_or_default();
    let vals: Vec<Scalar> = bits
        .iter()
        .map(|&e| Scalar::Bool(if op == CompareOp::Eq { e } else { !e }))
        .collect();
    Ok(NdArray::from_scalars(&shape, DType::Bool, &vals)?)
}

fn no_common_dtype() -> PyError {
    PyError::type_error(
        "Cannot compare structured arrays unless they have a common dtype.  I.e. `np.result_type(arr1, arr2)` must be defined.",
    )
}
