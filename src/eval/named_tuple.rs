//! Namedtuples: NumPy's results (`UniqueCountsResult`, `SlogdetResult`,
//! ...) and the classes a learner makes with `collections.namedtuple`
//! (`Point = namedtuple('Point', 'x y')`). An instance is a tuple with a
//! class name and field names. Everything a tuple does (indexing,
//! unpacking, `len`, `==`, hashing, `+`) is done by the tuple inside; this
//! file adds the class, the constructor with CPython's generated
//! `__new__` signature, the repr, the field attributes and the `_make`,
//! `_replace`, `_asdict` methods. The checks on the names themselves are
//! CPython's Python code, in `stdlib/py/collections.py`.

use super::object::{NamedTuple, NamedTupleClass, TupleClass};
use std::rc::Rc;

use crate::render::PrintOptions;

use super::error::{PyError, PyResult};
use super::object::{Obj, object};
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::session::Session;
use crate::eval::signature::{Param, ParamKind, Signature, Style};

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
/// `np.linalg.svd`'s result.
pub static SVD: NamedTupleClass = NamedTupleClass {
    name: "SVDResult",
    path: "numpy.linalg._linalg.SVDResult",
    fields: &["U", "S", "Vh"],
};
/// `np.linalg.eig`'s result.
pub static EIG: NamedTupleClass = NamedTupleClass {
    name: "EigResult",
    path: "numpy.linalg._linalg.EigResult",
    fields: &["eigenvalues", "eigenvectors"],
};
/// `np.linalg.eigh`'s result.
pub static EIGH: NamedTupleClass = NamedTupleClass {
    name: "EighResult",
    path: "numpy.linalg._linalg.EighResult",
    fields: &["eigenvalues", "eigenvectors"],
};

/// The class an instance of NumPy's static `spec` holds.
fn from_static(spec: &'static NamedTupleClass) -> Rc<TupleClass> {
    let module = spec
        .path
        .strip_suffix(spec.name)
        .and_then(|m| m.strip_suffix('.'))
        .unwrap_or("");
    Rc::new(TupleClass {
        name: spec.name.to_string(),
        module: module.to_string(),
        fields: spec.fields.iter().map(|f| f.to_string()).collect(),
        defaults: Vec::new(),
        builtin: Some(spec),
    })
}

/// A namedtuple value of NumPy's class `spec` holding `items` (one per
/// field).
pub fn make(spec: &'static NamedTupleClass, items: Vec<Value>) -> Value {
    debug_assert_eq!(items.len(), spec.fields.len());
    instance(from_static(spec), items)
}

/// An instance of `class` holding `items` (one per field).
fn instance(class: Rc<TupleClass>, items: Vec<Value>) -> Value {
    object(Obj::NamedTuple(NamedTuple {
        class,
        items: Value::tuple(items),
    }))
}

/// The namedtuple `v` with item `i` replaced by `f(i, item)`, of the same
/// class (`np.linalg`'s results wrapping some of their arrays as an
/// `np.matrix`); `None` when `v` is not a namedtuple.
pub fn map_items(
    v: &Value,
    mut f: impl FnMut(usize, &Value) -> PyResult<Value>,
) -> Option<PyResult<Value>> {
    let Value::Object(o) = v else { return None };
    let Obj::NamedTuple(t) = o.as_ref() else {
        return None;
    };
    let Value::Tuple(items) = &t.items else {
        return None;
    };
    let mapped: PyResult<Vec<Value>> = items.iter().enumerate().map(|(i, x)| f(i, x)).collect();
    Some(mapped.map(|items| instance(t.class.clone(), items)))
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

/// `type(p)` of a learner's namedtuple (NumPy's are builtin types).
pub fn type_of(v: &Value) -> Option<Value> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::NamedTuple(t) if t.class.builtin.is_none() => {
                Some(object(Obj::TupleClass(t.class.clone())))
            }
            _ => None,
        },
        _ => None,
    }
}

/// `isinstance(v, class)` for a learner's namedtuple class (`None` when
/// `class` is not one).
pub fn isinstance(v: &Value, class: &Value) -> Option<bool> {
    let Value::Object(c) = class else { return None };
    let Obj::TupleClass(c) = c.as_ref() else {
        return None;
    };
    Some(matches!(v, Value::Object(o)
        if matches!(o.as_ref(), Obj::NamedTuple(t) if Rc::ptr_eq(&t.class, c))))
}

fn items(t: &NamedTuple) -> &[Value] {
    match &t.items {
        Value::Tuple(items) => items,
        _ => &[],
    }
}

/// `x.NAME`: a field, `_fields`, or one of the tuple's methods.
pub fn attr(t: &NamedTuple, obj: &Value, name: &str) -> PyResult<Value> {
    if let Some(k) = t.class.fields.iter().position(|f| f == name) {
        return Ok(items(t)[k].clone());
    }
    match name {
        "_fields" | "_field_defaults" => Ok(shared_attr(&t.class, name).unwrap_or(Value::None)),
        "count" | "index" | "_asdict" | "_replace" | "_make" => {
            Ok(Value::Method(Rc::new(obj.clone()), Rc::from(name)))
        }
        _ => Err(PyError::attribute(&t.class.name, name)),
    }
}

/// `p.NAME = v`: a namedtuple's fields are read-only properties and it
/// has no `__dict__` (`__slots__ = ()`).
pub fn setattr_error(t: &NamedTuple, name: &str) -> PyError {
    if t.class.fields.iter().any(|f| f == name) {
        PyError::new("AttributeError", "can't set attribute")
    } else {
        PyError::new(
            "AttributeError",
            format!("'{}' object has no attribute '{name}'", t.class.name),
        )
    }
}

/// The attributes a class and its instances both answer.
fn shared_attr(c: &TupleClass, name: &str) -> Option<Value> {
    Some(match name {
        "_fields" => Value::tuple(c.fields.iter().map(|f| Value::str(f)).collect()),
        "_field_defaults" => {
            let first = c.fields.len() - c.defaults.len();
            let pairs = c.fields[first..]
                .iter()
                .zip(&c.defaults)
                .map(|(f, v)| (Value::str(f), v.clone()))
                .collect();
            Value::Dict(Rc::new(std::cell::RefCell::new(pairs)))
        }
        _ => return None,
    })
}

/// `Point.NAME` of a class `collections.namedtuple` made.
pub fn class_attr(c: &TupleClass, obj: &Value, name: &str) -> PyResult<Value> {
    if let Some(v) = shared_attr(c, name) {
        return Ok(v);
    }
    Ok(match name {
        "__name__" | "__qualname__" => Value::str(&c.name),
        "__module__" => Value::str(&c.module),
        "__doc__" => Value::str(&format!("{}({})", c.name, c.fields.join(", "))),
        "_make" => Value::Method(Rc::new(obj.clone()), Rc::from(name)),
        f if c.fields.iter().any(|x| x == f) => {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab does not implement the field descriptor {}.{f} yet",
                    c.name
                ),
            ));
        }
        _ => {
            return Err(PyError::new(
                "AttributeError",
                format!("type object '{}' has no attribute '{name}'", c.name),
            ));
        }
    })
}

/// The signature CPython generates for the class's `__new__`:
/// `Point.__new__(_cls, x, y=0)`.
fn new_signature(c: &TupleClass) -> Signature {
    let first_default = c.fields.len() - c.defaults.len();
    let mut params = vec![Param {
        name: "_cls".into(),
        kind: ParamKind::PositionalOrKeyword,
        default: None,
    }];
    params.extend(c.fields.iter().enumerate().map(|(k, f)| Param {
        name: f.clone(),
        kind: ParamKind::PositionalOrKeyword,
        default: (k >= first_default).then(|| "default".to_string()),
    }));
    Signature {
        name: format!("{}.__new__", c.name),
        params,
    }
}

/// `Point(1, y=2)`: binds the arguments as the generated `__new__` does,
/// with its messages, and fills the defaults.
pub fn construct(c: &Rc<TupleClass>, args: Args) -> PyResult<Value> {
    let mut with_cls = args;
    with_cls.pos.insert(0, Value::None);
    let bound = Rc::new(new_signature(c)).bind(Style::Python, &with_cls)?;
    let first_default = c.fields.len() - c.defaults.len();
    let items = bound.values[1..]
        .iter()
        .enumerate()
        .map(|(k, v)| match v {
            Some(v) => v.clone(),
            None => c
                .defaults
                .get(k.wrapping_sub(first_default))
                .cloned()
                .unwrap_or(Value::None),
        })
        .collect();
    Ok(instance(c.clone(), items))
}

/// `Point._make(iterable)`, also reached through an instance.
fn make_from(s: &mut Session, c: &Rc<TupleClass>, args: &Args) -> PyResult<Value> {
    let bound = signature_of_make(c).bind(Style::Python, args)?;
    let items = s.iterate_all(bound.required("iterable"))?;
    if items.len() != c.fields.len() {
        return Err(PyError::type_error(format!(
            "Expected {} arguments, got {}",
            c.fields.len(),
            items.len()
        )));
    }
    Ok(instance(c.clone(), items))
}

fn signature_of_make(c: &TupleClass) -> Rc<Signature> {
    Rc::new(Signature {
        name: format!("{}._make", c.name),
        params: vec![Param {
            name: "iterable".into(),
            kind: ParamKind::PositionalOrKeyword,
            default: None,
        }],
    })
}

/// Calls `Point.NAME(...)` on a class (`None`: not a class method).
pub fn class_method(
    s: &mut Session,
    c: &Rc<TupleClass>,
    name: &str,
    args: &Args,
) -> PyResult<Option<Value>> {
    match name {
        "_make" => make_from(s, c, args).map(Some),
        _ => Ok(None),
    }
}

/// Calls `x.NAME(...)` for the namedtuple methods; `None` when `name` is
/// not one (the tuple's `count`/`index` are answered by the tuple).
pub fn method(s: &mut Session, t: &NamedTuple, name: &str, args: &Args) -> PyResult<Option<Value>> {
    match name {
        "_make" => make_from(s, &t.class, args).map(Some),
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
            Ok(Some(instance(t.class.clone(), new)))
        }
        _ => Ok(None),
    }
}

/// `collections._namedtuple_class(typename, field_names, defaults,
/// module)`: the class, once `collections.namedtuple` (Python, CPython's
/// checks) has normalised and checked the names.
pub fn new_class(args: &Args) -> PyResult<Value> {
    let text = |v: &Value| match v {
        Value::Str(t) => Ok(t.to_string()),
        _ => Err(PyError::type_error(
            "Type names and field names must be strings",
        )),
    };
    let [typename, fields, defaults, module] = &args.pos[..] else {
        return Err(PyError::type_error(
            "_namedtuple_class() takes exactly 4 arguments",
        ));
    };
    let list = |v: &Value| match v {
        Value::Tuple(items) => Ok(items.to_vec()),
        Value::List(items) => Ok(items.borrow().clone()),
        _ => Err(PyError::type_error("_namedtuple_class() expects tuples")),
    };
    let fields = list(fields)?
        .iter()
        .map(text)
        .collect::<PyResult<Vec<_>>>()?;
    let defaults = list(defaults)?;
    if defaults.len() > fields.len() {
        return Err(PyError::type_error(
            "Got more default values than field names",
        ));
    }
    let module = match module {
        Value::None => super::object_repr::LEARNER_MODULE.to_string(),
        m => text(m)?,
    };
    Ok(object(Obj::TupleClass(Rc::new(TupleClass {
        name: text(typename)?,
        module,
        fields,
        defaults,
        builtin: None,
    }))))
}
