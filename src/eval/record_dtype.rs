//! A recarray's dtype: `dtype((numpy.record, [('a', '<i4')]))`, the
//! structured type whose scalar type is `numpy.record` rather than
//! `numpy.void` (records.py builds it as `sb.dtype((record, descr))`).
//! slicelab's recarrays keep a plain structured engine array, so this type
//! lives in `eval` as `Obj::RecordDType` beside the record type it wraps
//! (the same `Rc`, so renaming its fields renames the recarray's). It
//! answers repr here, `==` and the attributes in `record_dtype_attrs.rs`
//! (which reads dtypes, a floor above this one); as a `dtype=` of anything
//! but `np.recarray` it is refused, since an ndarray of it prints as
//! NumPy's record arrays do.

use crate::engine::DType;
use crate::render::dtype_repr::field_format;

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

/// `str(dt)`: `(numpy.record, [('a', '<i4')])`.
pub fn construction_str(dt: &DType) -> String {
    format!("(numpy.record, {})", field_format(dt))
}

/// `repr(dt)`: `dtype((numpy.record, [('a', '<i4')]))`.
pub fn repr(dt: &DType) -> String {
    format!("dtype({})", construction_str(dt))
}
