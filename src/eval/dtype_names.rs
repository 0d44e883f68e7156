//! `dtype.names = [...]`: renaming a structured dtype's fields in place.
//! NumPy mutates the dtype object itself (`arraydescr_names_set` in
//! `descriptor.c`), so every array and every name that holds that dtype
//! object sees the new names (`z.dtype.names = ...` renames `z[:]`'s and
//! `z.copy()`'s fields too). slicelab's record types are shared `Rc`s
//! with the fields behind a `RefCell`, renamed through
//! `RecordType::rename`; the checks and messages are NumPy's, in its
//! order.

use crate::engine::Scalar;
use crate::engine::dtype::DType;

use super::error::{PyError, PyResult};
use super::protocol::iterate;
use super::value::Value;

/// The dtype `obj.names = ...` renames: a dtype, or a recarray's
/// `numpy.record` dtype.
pub fn renamed_dtype(obj: &Value) -> Option<&DType> {
    match obj {
        Value::DType(dt) => Some(dt),
        other => super::record_dtype::as_record_dtype(other),
    }
}

/// `dt.names = value`.
pub fn set_names(dt: &DType, value: &Value) -> PyResult<()> {
    let rec = match dt {
        DType::Record(r) if !r.fields().is_empty() => r,
        _ => return Err(PyError::value("there are no fields defined")),
    };
    let n = rec.fields().len();
    let wrong = || {
        PyError::value(format!(
            "must replace all names at once with a sequence of length {n}"
        ))
    };
    // `PySequence_Check`: lists, tuples, strings, bytes, ranges, arrays
    // with a length; not dicts, sets, numbers or None.
    let sequence = match value {
        Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) => true,
        Value::Array(a) => a.ndim() > 0,
        Value::Object(o) => matches!(o.as_ref(), super::object::Obj::Range(_)),
        _ => false,
    };
    if !sequence {
        return Err(wrong());
    }
    let items = iterate(value)?;
    if items.len() != n {
        return Err(wrong());
    }
    let mut names = Vec::with_capacity(n);
    for (i, item) in items.iter().enumerate() {
        match item {
            Value::Str(s) => names.push(s.to_string()),
            Value::NpScalar(_, Scalar::Str(s)) => names.push(s.clone()),
            other => {
                return Err(PyError::value(format!(
                    "item #{i} of names is of type {} and not string",
                    other.type_name()
                )));
            }
        }
    }
    if names
        .iter()
        .enumerate()
        .any(|(i, a)| names[..i].contains(a))
    {
        return Err(PyError::value("Duplicate field names given."));
    }
    // NumPy's new `fields` dict drops the titles' own keys while each
    // field keeps its title: a state slicelab's record type cannot hold.
    if rec.has_titles() {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement renaming the fields of a dtype with titles",
        ));
    }
    rec.rename(names);
    Ok(())
}
