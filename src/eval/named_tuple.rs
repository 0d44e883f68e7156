//! NumPy's result namedtuples (`UniqueCountsResult`, `SlogdetResult`, ...):
//! a tuple with a class name and field names. Everything a tuple does
//! (indexing, unpacking, `len`, `==`, hashing, `+`) is done by the tuple
//! inside; this file adds the class, the repr and the field attributes,
//! as `collections.namedtuple` makes them.

use super::object::{NamedTuple, NamedTupleClass};
use std::rc::Rc;

use crate::render::PrintOptions;

use super::error::{PyError, PyResult};
use super::object::{Obj, object};
use super::value::Value;
use crate::eval::args::Args;

/// `np.unique_all`'s result.
pub static UNIQUE_ALL: NamedTupleClass = NamedTupleClass {
    name: "UniqueAllResult",
    path: "numpy.lib._arraysetops_impl.UniqueAllResult",
    fields: &["values", "indices", "inverse_indices", "counts"],
};
/// `np.unique_counts`'s result.
pub static UNIQUE_COUNTS: NamedTupleClass = NamedTupleClass {
    name: "UniqueCountsResult",
    path: "numpy.lib._arraysetops_impl.UniqueCountsResult",
    fields: &["values", "counts"],
};
/// `np.unique_inverse`'s result.
pub static UNIQUE_INVERSE: NamedTupleClass = NamedTupleClass {
    name: "UniqueInverseResult",
    path: "numpy.lib._arraysetops_impl.UniqueInverseResult",
    fields: &["values", "inverse_indices"],
};
/// `np.linalg.slogdet`'s result.
pub static SLOGDET: NamedTupleClass = NamedTupleClass {
    name: "SlogdetResult",
    path: "numpy.linalg._linalg.SlogdetResult",
    fields: &["sign", "logabsdet"],
};
/// `np.linalg.qr`'s result.
pub static QR: NamedTupleClass = NamedTupleClass {
    name: "QRResult",
    path: "numpy.linalg._linalg.QRResult",
    fields: &["Q", "R"],
};
/// `np.linalg.eigh`'s result.
pub static EIGH: NamedTupleClass = NamedTupleClass {
    name: "EighResult",
    path: "numpy.linalg._linalg.EighResult",
    fields: &["eigenvalues", "eigenvectors"],
};

/// A namedtuple value of `class` holding `items` (one per field).
pub fn make(class: &'static NamedTupleClass, items: Vec<Value>) -> Value {
    debug_assert_eq!(items.len(), class.fields.len());
    object(Obj::NamedTuple(NamedTuple {
        class,
        items: Value::tuple(items),
    }))
}

/// The plain tuple inside a namedtuple value, for the places that treat
/// it as the tuple it is (indexing, iteration, comparison, hashing).
pub fn as_tuple(v: &Value) -> Option<&Value> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::NamedTuple(t) => Some(&t.items),
            _ => None,
        },
        _ => None,
    }
}

/// `v`, or the tuple inside it when it is a namedtuple.
pub fn plain(v: &Value) -> &Value {
    as_tuple(v).unwrap_or(v)
}

fn items(t: &NamedTuple) -> &[Value] {
    match &t.items {
        Value::Tuple(items) => items,
        _ => &[],
    }
}

/// `x.NAME`: a field, `_fields`, or one of the tuple's methods.
pub fn attr(t: &NamedTuple, obj: &Value, name: &str) -> PyResult<Value> {
    if let Some(k) = t.class.fields.iter().position(|f| *f == name) {
        return Ok(items(t)[k].clone());
    }
    match name {
        "_fields" => Ok(Value::tuple(
            t.class.fields.iter().map(|f| Value::str(f)).collect(),
        )),
        "_field_defaults" => Ok(Value::Dict(Default::default())),
        "count" | "index" | "_asdict" | "_replace" => {
            Ok(Value::Method(Rc::new(obj.clone()), Rc::from(name)))
        }
        "_make" => Err(PyError::new(
            "NotImplementedError",
            format!("slicelab does not implement {}._make yet", t.class.name),
        )),
        _ => Err(PyError::attribute(t.class.name, name)),
    }
}

/// Calls `x.NAME(...)` for the namedtuple methods; `None` when `name` is
/// not one (the tuple's `count`/`index` are answered by the tuple).
pub fn method(t: &NamedTuple, name: &str, args: &Args) -> PyResult<Option<Value>> {
    match name {
        "_asdict" => {
            if !args.pos.is_empty() {
                return Err(PyError::type_error(format!(
                    "{}._asdict() takes 1 positional argument but {} were given",
                    t.class.name,
                    1 + args.pos.len()
                )));
            }
            if let Some((k, _)) = args.kw.first() {
                return Err(PyError::type_error(format!(
                    "{}._asdict() got an unexpected keyword argument '{k}'",
                    t.class.name
                )));
            }
            let pairs = t
                .class
                .fields
                .iter()
                .zip(items(t))
                .map(|(f, v)| (Value::str(f), v.clone()))
                .collect();
            Ok(Some(Value::Dict(Rc::new(std::cell::RefCell::new(pairs)))))
        }
        "_replace" => {
            if !args.pos.is_empty() {
                return Err(PyError::type_error(format!(
                    "{}._replace() takes 1 positional argument but {} were given",
                    t.class.name,
                    1 + args.pos.len()
                )));
            }
            let mut new: Vec<Value> = items(t).to_vec();
            let mut unknown = vec![];
            for (k, v) in &args.kw {
                match t.class.fields.iter().position(|f| f == k) {
                    Some(i) => new[i] = v.clone(),
                    None => unknown.push(super::display::repr(
                        &Value::str(k),
                        &PrintOptions::default(),
                    )),
                }
            }
            if !unknown.is_empty() {
                return Err(PyError::value(format!(
                    "Got unexpected field names: [{}]",
                    unknown.join(", ")
                )));
            }
            Ok(Some(make(t.class, new)))
        }
        _ => Ok(None),
    }
}
