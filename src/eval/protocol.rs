//! Python's protocols on values: truthiness and iteration, with NumPy's
//! rules for arrays. Routines and the interpreter share them.

use crate::engine::dtype::DType;
use crate::engine::index::{self, IndexItem, Indexed};
use crate::engine::{ArrayRef, Scalar};

use super::error::{PyError, PyResult};
use super::record_fields::void_getitem;
use super::value::Value;

/// Python truthiness; arrays follow NumPy's rules.
pub fn truthy(v: &Value) -> PyResult<bool> {
    Ok(match v {
        Value::None => false,
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        // Never zero: zero is an `Int`.
        Value::BigInt(_) => true,
        Value::Float(f) => *f != 0.0,
        Value::Complex(r, i) => *r != 0.0 || *i != 0.0,
        Value::Str(s) => !s.is_empty(),
        Value::Bytes(b) => !b.is_empty(),
        Value::Tuple(t) => !t.is_empty(),
        Value::List(l) => !l.borrow().is_empty(),
        Value::Dict(d) => !d.borrow().is_empty(),
        Value::Array(a) => match a.size() {
            0 => {
                return Err(PyError::value(
                    "The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.",
                ));
            }
            1 => scalar_truth(&a.first()),
            _ => {
                return Err(PyError::value(
                    "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
                ));
            }
        },
        Value::NpScalar(_, s) => scalar_truth(s),
        // A record is true when any field is (NumPy's `VOID_nonzero`).
        Value::Void(a) => scalar_truth(&a.first()),
        Value::Object(o) => match o.as_ref() {
            super::object::Obj::Masked(m) => return truthy(&Value::Array(m.data.clone())),
            super::object::Obj::MaskedConstant => {
                return Err(PyError::new(
                    "NotImplementedError",
                    "slicelab does not implement bool(np.ma.masked)",
                ));
            }
            super::object::Obj::Set(t) => !t.borrow().is_empty(),
            super::object::Obj::DictView(view) => !view.is_empty(),
            super::object::Obj::FrozenSet(t) => !t.is_empty(),
            super::object::Obj::Range(r) => !r.is_empty(),
            super::object::Obj::ByteArray(b) => !b.is_empty(),
            super::object::Obj::Poly1d(p) => p.order() != 0,
            super::object::Obj::PyTime(super::object::PyTime::Delta(d, s, us)) => {
                (*d, *s, *us) != (0, 0, 0)
            }
            _ => true,
        },
        _ => true,
    })
}

fn scalar_truth(s: &Scalar) -> bool {
    match s {
        Scalar::Object(id) => truthy(&crate::eval::object::element(*id)).unwrap_or(true),
        other => other.is_nonzero(),
    }
}

/// Items of an iterable value (for unpacking, `list()`, `tuple()`).
pub fn iterate(v: &Value) -> PyResult<Vec<Value>> {
    Ok(match v {
        // The copy is checked first: a huge list copied into exhausted
        // memory would end in the system's out-of-memory killer.
        Value::Tuple(t) => {
            super::seq_alloc::room::<Value>(t.len())?;
            t.as_ref().clone()
        }
        Value::List(l) => {
            super::seq_alloc::room::<Value>(l.borrow().len())?;
            l.borrow().clone()
        }
        Value::Str(s) => s.chars().map(|c| Value::str(&c.to_string())).collect(),
        Value::Dict(d) => d.borrow().iter().map(|(k, _)| k.clone()).collect(),
        v if let Some(d) = super::object::proxied(v) => return iterate(d),
        Value::Void(a)
            if let DType::Record(r) = a.dtype()
                && !r.fields().is_empty() =>
        {
            // A record iterates over its fields' values.
            (0..r.fields().len())
                .map(|k| void_getitem(a, &Value::Int(k as i128)))
                .collect::<PyResult<_>>()?
        }
        Value::FlatIter(a, pos) => super::flatiter::rest(a, pos),
        Value::Bytes(b) => super::pybytes::items(b),
        Value::NpScalar(..) if let Some(text) = super::text_scalar::as_python(v) => {
            return iterate(&text);
        }
        Value::Object(o) => match o.as_ref() {
            super::object::Obj::Iter(..) | super::object::Obj::NpIter(_) => {
                super::pyiter::drain(None, v)?
            }
            super::object::Obj::Set(t) => t.borrow().items(),
            // A record iterates over its fields' values, as `np.void` does.
            super::object::Obj::Record(a) => iterate(&Value::Void(a.clone()))?,
            super::object::Obj::FrozenSet(t) => t.items(),
            super::object::Obj::Range(r) => crate::eval::object::range_items(r)?,
            super::object::Obj::ByteArray(b) => b
                .to_vec()
                .into_iter()
                .map(|x| Value::Int(x as i128))
                .collect(),
            super::object::Obj::MappingProxy(d) => return iterate(d),
            super::object::Obj::DictView(view) => view.items(),
            super::object::Obj::MemoryView(m) => m.items()?,
            super::object::Obj::NamedTuple(t) => return iterate(&t.items),
            super::object::Obj::File(f) => f.lines()?,
            other if let Some(items) = crate::eval::npy::npz::npz_items(other) => items?,
            _ => {
                return Err(PyError::type_error(format!(
                    "'{}' object is not iterable",
                    o.type_name()
                )));
            }
        },
        Value::Array(a) => {
            if a.ndim() == 0 {
                return Err(PyError::type_error("iteration over a 0-d array"));
            }
            let n = a.shape()[0];
            let each = std::mem::size_of::<Value>();
            crate::engine::buffer::ensure_room(&[n], each, "object", each)?;
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                let at = [IndexItem::Int(i as i64)];
                out.push(match record_element(a, &at)? {
                    Some(record) => record,
                    None => wrap_indexed(a, index::get(a, &at)?),
                });
            }
            out
        }
        other => {
            return Err(PyError::type_error(format!(
                "'{}' object is not iterable",
                other.type_name()
            )));
        }
    })
}

/// The record of a structured array at `items` (integers picking one
/// element) as NumPy gives it, indexed or iterated: an `np.void` tied to
/// the array's memory, so `s[0]['x'] = 4` and `for r in s: r['x'] = 4`
/// write `s`. `None` when `a` holds no records or `items` pick several.
pub fn record_element(a: &ArrayRef, items: &[IndexItem]) -> PyResult<Option<Value>> {
    if !matches!(a.dtype(), DType::Record(_)) {
        return Ok(None);
    }
    let mut with_ellipsis = items.to_vec();
    with_ellipsis.push(IndexItem::Ellipsis);
    Ok(match index::get(a, &with_ellipsis)? {
        Indexed::Array(v) if v.ndim() == 0 => Some(Value::Void(v)),
        _ => None,
    })
}

/// An engine indexing result as a Python value.
pub fn wrap_indexed(source: &ArrayRef, r: Indexed) -> Value {
    match r {
        Indexed::Array(a) => Value::Array(a),
        Indexed::Scalar(Scalar::Object(id)) => crate::eval::object::element(id),
        Indexed::Scalar(s) => Value::NpScalar(source.dtype().native(), s),
    }
}

/// `StopIteration` as `next()` raises it for an ended iterator.
pub fn stop_iteration(ret: Option<Value>) -> PyError {
    let message = match ret {
        Some(v) => super::display::str_of(&v, &Default::default()),
        None => String::new(),
    };
    PyError::new("StopIteration", message)
}

/// Python's `callable(v)`: functions, methods, types, classes, and
/// instances of a class that defines `__call__`.
pub fn is_callable(v: &Value) -> bool {
    match v {
        Value::Function(_) | Value::Method(..) | Value::Type(_) => true,
        Value::Object(o) if matches!(o.as_ref(), super::object::Obj::Instance(_)) => {
            super::classes::has_method(v, "__call__")
        }
        Value::Object(o) => matches!(
            o.as_ref(),
            super::object::Obj::Func(_)
                | super::object::Obj::Class(_)
                | super::object::Obj::TupleClass(_)
                | super::object::Obj::BoundMethod(..)
        ),
        _ => false,
    }
}
