//! A recarray's dtype: `dtype((numpy.record, [('a', '<i4')]))`, the
//! structured type whose scalar type is `numpy.record` rather than
//! `numpy.void` (records.py builds it as `sb.dtype((record, descr))`).
//! slicelab's recarrays keep a plain structured engine array, so this type
//! lives in `eval` as `Obj::RecordDType` beside the record type it wraps
//! (the same `Rc`, so renaming its fields renames the recarray's). It
//! answers repr, `==` (NumPy compares it as the plain record type) and the
//! attributes (its repr and str are `object_repr.rs`'s, so printing never
//! reaches this file); as a `dtype=` of anything but `np.recarray` it is refused,
//! since an ndarray of it prints as NumPy's record arrays do.

use crate::engine::DType;

use super::error::PyResult;
use super::object::Obj;
use super::value::{TypeObj, Value};

/// The `numpy.record` dtype over a structured type.
pub fn make(dt: DType) -> Value {
    super::object::object(Obj::RecordDType(dt))
}

/// The structured type a record dtype value wraps.
pub fn as_record_dtype(v: &Value) -> Option<&DType> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::RecordDType(dt) => Some(dt),
            _ => None,
        },
        _ => None,
    }
}

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
