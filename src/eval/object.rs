//! Python objects the learner's own code makes: functions (`def`, `lambda`),
//! exception instances, iterators (generators, `map`, `iter`), sets and the
//! context managers of `with`. One `Value::Object` variant holds them all.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::Arc;

use crate::render::PrintOptions;
use crate::syntax::ast::FuncDef;

use super::error::PyError;
use super::scope::Frame;
use super::value::{TypeObj, Value};

/// An object made by Python code rather than by NumPy.
#[derive(Debug)]
pub enum Obj {
    /// A user-defined function or lambda.
    Func(UserFunc),
    /// An exception instance (`ValueError('bad')`, or a caught error).
    Exc(PyError),
    /// An iterator: what is left to yield, and its type name.
    Iter(RefCell<VecDeque<Value>>, &'static str),
    /// A set, in insertion order without duplicates.
    Set(RefCell<Vec<Value>>),
    /// A context manager for `with`.
    Context(Context),
    /// A read-only view of a dict (`dtype.fields`): reads like the dict,
    /// prints as `mappingproxy({...})`.
    MappingProxy(Value),
}

/// The dict behind a `mappingproxy`, for the places that read one.
pub fn proxied(v: &Value) -> Option<&Value> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::MappingProxy(d) => Some(d),
            _ => None,
        },
        _ => None,
    }
}

/// A function value: its definition, the defaults evaluated when `def` ran,
/// and the frame it closes over.
#[derive(Debug)]
pub struct UserFunc {
    /// The code.
    pub def: Arc<FuncDef>,
    /// Defaults of the positional parameters, aligned to the last ones.
    pub defaults: Vec<Value>,
    /// Defaults of keyword-only parameters.
    pub kwdefaults: Vec<(String, Value)>,
    /// The enclosing function's frame (`None` at top level).
    pub closure: Option<Rc<Frame>>,
}

/// What a `with` statement enters.
#[derive(Debug)]
pub enum Context {
    /// `np.printoptions(...)`: the options to set while inside.
    PrintOptions(Vec<(String, Value)>),
    /// `np.errstate(...)`: slicelab shows no floating point warnings, so
    /// entering changes nothing.
    ErrState,
}

impl Obj {
    /// Python's type name.
    pub fn type_name(&self) -> String {
        match self {
            Obj::Func(_) => "function".into(),
            Obj::Exc(e) => e.kind.clone(),
            Obj::Iter(_, kind) => (*kind).into(),
            Obj::Set(_) => "set".into(),
            Obj::MappingProxy(_) => "mappingproxy".into(),
            Obj::Context(Context::PrintOptions(_)) => "contextlib._GeneratorContextManager".into(),
            Obj::Context(Context::ErrState) => "numpy.errstate".into(),
        }
    }
}

/// `type(o)`.
pub fn type_obj(o: &Obj) -> TypeObj {
    TypeObj::Builtin(match o {
        Obj::Func(_) => "function",
        Obj::Exc(e) => super::exceptions::static_name(&e.kind),
        Obj::Iter(_, kind) => kind,
        Obj::Set(_) => "set",
        Obj::MappingProxy(_) => "mappingproxy",
        Obj::Context(_) => "object",
    })
}

/// An object value.
pub fn object(o: Obj) -> Value {
    Value::Object(Rc::new(o))
}

/// A set value from items (duplicates dropped, first kept).
pub fn set_of(items: Vec<Value>) -> super::PyResult<Value> {
    let mut out: Vec<Value> = Vec::with_capacity(items.len());
    for v in items {
        check_hashable(&v)?;
        if !out.iter().any(|o| super::ops::python_eq(o, &v)) {
            out.push(v);
        }
    }
    Ok(object(Obj::Set(RefCell::new(out))))
}

/// `TypeError: unhashable type` for what cannot be a set item or dict key.
pub fn check_hashable(v: &Value) -> super::PyResult<()> {
    match v {
        Value::List(_) | Value::Dict(_) | Value::Array(_) => Err(PyError::type_error(format!(
            "unhashable type: '{}'",
            v.type_name()
        ))),
        Value::Object(o) if matches!(o.as_ref(), Obj::Set(_)) => {
            Err(PyError::type_error("unhashable type: 'set'"))
        }
        Value::Tuple(items) => items.iter().try_for_each(check_hashable),
        _ => Ok(()),
    }
}

/// An iterator over the given items.
pub fn iterator(items: Vec<Value>, kind: &'static str) -> Value {
    object(Obj::Iter(RefCell::new(items.into()), kind))
}

/// `repr()` of an object.
pub fn repr(o: &Rc<Obj>, opts: &PrintOptions) -> String {
    let addr = Rc::as_ptr(o) as usize;
    match o.as_ref() {
        Obj::Func(f) => {
            let name = &f.def.name;
            format!("<function {name} at {addr:#x}>")
        }
        Obj::Exc(e) => {
            if e.message.is_empty() {
                format!("{}()", e.kind)
            } else {
                format!(
                    "{}({})",
                    e.kind,
                    crate::render::scalar_repr::py_str_repr(&e.message)
                )
            }
        }
        Obj::Iter(_, kind) => format!("<{kind} object at {addr:#x}>"),
        Obj::MappingProxy(d) => format!("mappingproxy({})", super::display::repr(d, opts)),
        Obj::Set(items) => {
            let items = items.borrow();
            if items.is_empty() {
                return "set()".into();
            }
            let mut shown: Vec<&Value> = items.iter().collect();
            // CPython orders small non-negative ints by their hash slot,
            // which for a small set is their value.
            if shown
                .iter()
                .all(|v| matches!(v, Value::Int(i) if *i >= 0 && *i < 1 << 20))
            {
                shown.sort_by_key(|v| match v {
                    Value::Int(i) => *i,
                    _ => 0,
                });
            }
            let parts: Vec<String> = shown
                .iter()
                .map(|v| super::display::repr(v, opts))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        Obj::Context(_) => format!("<{} object at {addr:#x}>", o.type_name()),
    }
}

/// `str()` of an object.
pub fn str_of(o: &Rc<Obj>, opts: &PrintOptions) -> String {
    match o.as_ref() {
        Obj::Exc(e) => e.message.clone(),
        _ => repr(o, opts),
    }
}
