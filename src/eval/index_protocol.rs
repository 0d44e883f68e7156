//! A learner's objects used as array indices, read as NumPy's
//! `prepare_index` reads them: an object with `__index__` is an integer
//! (before any sequence protocol it also has), one with `__array__` is
//! that array, a slice's bounds go through `__index__`, and a
//! `numpy.flatiter` is the flat copy `np.asarray` makes of it. Other
//! indices pass through untouched.

use std::rc::Rc;

use crate::engine::array::Order;

use super::classes::has_method;
use super::error::{PyError, PyResult};
use super::session::Session;
use super::value::Value;

/// The index an array or flatiter `obj` is indexed with: `idx` as
/// [`resolve`] reads it, borrowed unchanged when nothing needs reading or
/// `obj` is not one of those.
pub fn for_target<'a>(
    s: &mut Session,
    obj: &Value,
    idx: &'a Value,
) -> PyResult<std::borrow::Cow<'a, Value>> {
    if !matches!(obj, Value::Array(_) | Value::FlatIter(..)) {
        return Ok(std::borrow::Cow::Borrowed(idx));
    }
    Ok(match resolve(s, idx)? {
        Some(read) => std::borrow::Cow::Owned(read),
        None => std::borrow::Cow::Borrowed(idx),
    })
}

/// `idx` with every learner object in it replaced by what NumPy reads
/// it as; `None` when there is none (the common case costs one scan).
pub fn resolve(s: &mut Session, idx: &Value) -> PyResult<Option<Value>> {
    let items: &[Value] = match idx {
        Value::Tuple(t) => t,
        one => std::slice::from_ref(one),
    };
    if !items.iter().any(needs_reading) {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        out.push(read(s, it)?);
    }
    Ok(Some(match idx {
        Value::Tuple(_) => Value::tuple(out),
        _ => out.pop().expect("one item"),
    }))
}

fn needs_reading(v: &Value) -> bool {
    match v {
        Value::Object(_) => has_method(v, "__index__") || has_method(v, "__array__"),
        Value::FlatIter(..) => true,
        Value::Slice(parts) => parts.iter().any(|p| has_method(p, "__index__")),
        _ => false,
    }
}

fn read(s: &mut Session, v: &Value) -> PyResult<Value> {
    match v {
        // NumPy reads the integer with `PyArray_PyIntAsIntp`, whose
        // failure it reports as an invalid index.
        Value::Object(_) if has_method(v, "__index__") => index_of(s, v).map_err(|e| {
            if e.kind == "TypeError" {
                PyError::index(
                    "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
                )
            } else {
                e
            }
        }),
        Value::Object(_) if has_method(v, "__array__") => match s.dunder(v, "__array__", vec![]) {
            Some(r) => Ok(Value::Array(super::convert::as_array(&r?)?)),
            None => Ok(v.clone()),
        },
        Value::FlatIter(a, _) => Ok(Value::Array(super::reshaping::ravel(a, Order::C)?)),
        Value::Slice(parts) => {
            let mut bounds = parts.as_ref().clone();
            for b in bounds.iter_mut() {
                if has_method(b, "__index__") {
                    *b = index_of(s, b)?;
                }
            }
            Ok(Value::Slice(Rc::new(bounds)))
        }
        other => Ok(other.clone()),
    }
}

/// `obj.__index__()`, which must give an int.
fn index_of(s: &mut Session, v: &Value) -> PyResult<Value> {
    match s.dunder(v, "__index__", vec![]) {
        Some(Ok(i @ (Value::Int(_) | Value::BigInt(_)))) => Ok(i),
        Some(Ok(Value::Bool(b))) => Ok(Value::Int(i128::from(b))),
        Some(Ok(other)) => Err(PyError::type_error(format!(
            "__index__ returned non-int (type {})",
            other.type_name()
        ))),
        Some(Err(e)) => Err(e),
        None => Ok(v.clone()),
    }
}
