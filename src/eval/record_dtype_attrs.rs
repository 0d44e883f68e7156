//! `==` and the attributes of a recarray's `numpy.record` dtype
//! (`record_dtype.rs`): they read other values as dtypes and answer with
//! the structured type's own attributes, so they sit above the dtype
//! readers that `record_dtype.rs` itself sits below.

use crate::engine::DType;

use super::error::PyResult;
use super::record_dtype::as_record_dtype;
use super::value::{TypeObj, Value};

/// `==` with another value: the record type compared as the plain
/// structured type it is (`r.dtype == np.dtype([...])` holds), through
/// `np.dtype(other)` as any dtype compares.
pub fn eq(a: &Value, b: &Value) -> Option<bool> {
    let (me, other) = match (as_record_dtype(a), as_record_dtype(b)) {
        (Some(x), Some(y)) => return Some(x.equivalent(y)),
        (Some(x), None) => (x, b),
        (None, Some(y)) => (y, a),
        (None, None) => return None,
    };
    Some(super::dtype_arg::dtype_value(other).is_ok_and(|d| d.equivalent(me)))
}

/// `dt.NAME`: the scalar type is `numpy.record`, the name `record<bits>`,
/// the base the record dtype itself; the rest as the structured type's.
pub fn attr(obj: &Value, dt: &DType, name: &str) -> PyResult<Value> {
    match name {
        "type" => Ok(Value::Type(TypeObj::Builtin(super::types::RECORD))),
        "name" => Ok(Value::str(&format!("record{}", 8 * dt.itemsize()))),
        "base" => Ok(obj.clone()),
        "newbyteorder" => Err(super::error::PyError::new(
            "NotImplementedError",
            "slicelab does not implement newbyteorder of a numpy.record dtype",
        )),
        _ => super::dtype_attrs::dtype_attr(dt, name),
    }
}
