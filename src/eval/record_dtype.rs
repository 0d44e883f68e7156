//! A recarray's dtype: `dtype((numpy.record, [('a', '<i4')]))`, the
//! structured type whose scalar type is `numpy.record` rather than
//! `numpy.void` (records.py builds it as `sb.dtype((record, descr))`).
//! slicelab's recarrays keep a plain structured engine array, so this type
//! lives in `eval` as `Obj::RecordDType` beside the record type it wraps
//! (the same `Rc`, so renaming its fields renames the recarray's). It
//! answers `==` and the attributes in `record_dtype_attrs.rs` (which reads
//! dtypes, a floor above this one) and prints through `object_repr.rs`;
//! as a `dtype=` of anything but `np.recarray` it is refused, since an
//! ndarray of it prints as NumPy's record arrays do.

use crate::engine::DType;

use super::object::Obj;
use super::value::Value;

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
