//! Python's `copy` module: `copy.copy` and `copy.deepcopy` for the values
//! tutorials copy — arrays (`ndarray.__copy__`/`__deepcopy__`: a new
//! buffer in the array's own order), lists, dicts, sets and tuples. A
//! deep copy keeps CPython's memo: an object met twice is copied once, so
//! `deepcopy([a, a])` holds one new array twice. Objects whose copying
//! slicelab does not model are refused, never shared by mistake.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::eval::args::Args;
use crate::eval::error::{PyError, PyResult};
use crate::eval::object::{Obj, object};
use crate::eval::session::Session;
use crate::eval::value::Value;

/// `copy.NAME`.
pub fn attr(name: &str) -> Option<Value> {
    matches!(name, "copy" | "deepcopy").then(|| Value::func(&format!("copy.{name}")))
}

/// Calls `copy.copy(x)` / `copy.deepcopy(x, memo=None)`.
pub fn call(s: &mut Session, full: &str, args: Args) -> PyResult<Result<Value, Args>> {
    let (name, most) = match full {
        "copy.copy" => ("copy", 1),
        "copy.deepcopy" => ("deepcopy", 3),
        _ => return Ok(Err(args)),
    };
    let params = ["x", "memo", "_nil"];
    if args.pos.len() > most {
        let takes = if most == 1 {
            "takes 1 positional argument".to_string()
        } else {
            format!("takes from 1 to {most} positional arguments")
        };
        return Err(PyError::type_error(format!(
            "{name}() {takes} but {} were given",
            args.pos.len()
        )));
    }
    if let Some((k, _)) = args
        .kw
        .iter()
        .find(|(k, _)| !params[..most].contains(&k.as_str()))
    {
        return Err(PyError::type_error(format!(
            "{name}() got an unexpected keyword argument '{k}'"
        )));
    }
    let Some(x) = args.get(0, "x").cloned() else {
        return Err(PyError::type_error(format!(
            "{name}() missing 1 required positional argument: 'x'"
        )));
    };
    if most == 3
        && args
            .get(1, "memo")
            .is_some_and(|m| !matches!(m, Value::None))
    {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's copy.deepcopy does not take a memo",
        ));
    }
    Ok(Ok(if most == 1 {
        shallow(s, &x)?
    } else {
        deep(s, &x, &mut HashMap::new())?
    }))
}

/// Whether copying `v` gives `v` itself (immutable atoms).
fn atomic(v: &Value) -> bool {
    matches!(
        v,
        Value::None
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Float(_)
            | Value::Complex(..)
            | Value::Str(_)
            | Value::NpScalar(..)
            | Value::Ellipsis
            | Value::Function(_)
            | Value::Type(_)
            | Value::Module(_)
            | Value::DType(_)
    ) || matches!(v, Value::Object(o) if matches!(
        o.as_ref(),
        Obj::Func(_) | Obj::Range(_) | Obj::FrozenSet(_) | Obj::Class(_)
    ))
}

/// An array's copy in its own memory order (`ndarray.__copy__`).
fn copy_array(s: &mut Session, v: &Value) -> PyResult<Value> {
    s.call_method_registered(
        v,
        "copy",
        Args {
            pos: vec![],
            kw: vec![("order".into(), Value::str("K"))],
        },
    )
}

fn refuse(what: &str, v: &Value) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!(
            "slicelab does not implement copy.{what} of a '{}' object yet",
            v.type_name()
        ),
    )
}

fn shallow(s: &mut Session, v: &Value) -> PyResult<Value> {
    if atomic(v) || matches!(v, Value::Tuple(_)) {
        return Ok(v.clone());
    }
    Ok(match v {
        // ndarray's `__copy__`, for a subclass too: a copy of its class
        // (its `__dict__` is not copied; `__array_finalize__` runs).
        Value::Array(_) => copy_array(s, v)?,
        _ if crate::eval::array_subclass::is_sub(v)
            && !crate::eval::classes::has_method(v, "__copy__") =>
        {
            copy_array(s, v)?
        }
        Value::List(l) => Value::list(l.borrow().clone()),
        Value::Dict(d) => Value::Dict(Rc::new(RefCell::new(d.borrow().clone()))),
        Value::Object(o) => match o.as_ref() {
            Obj::Set(t) => object(Obj::Set(RefCell::new(t.borrow().clone()))),
            // CPython copies a datetime value through `__reduce__`: a new
            // object, equal.
            Obj::PyTime(t) => object(Obj::PyTime(t.clone())),
            _ => return Err(refuse("copy", v)),
        },
        other => return Err(refuse("copy", other)),
    })
}

/// The memo's key: the object's address (its identity).
fn key(v: &Value) -> Option<usize> {
    match v {
        Value::Array(a) => Some(Rc::as_ptr(a) as *const u8 as usize),
        Value::List(l) => Some(Rc::as_ptr(l) as *const u8 as usize),
        Value::Dict(d) => Some(Rc::as_ptr(d) as *const u8 as usize),
        Value::Tuple(t) => Some(Rc::as_ptr(t) as *const u8 as usize),
        Value::Object(o) => Some(Rc::as_ptr(o) as *const u8 as usize),
        _ => None,
    }
}

fn deep(s: &mut Session, v: &Value, memo: &mut HashMap<usize, Value>) -> PyResult<Value> {
    if atomic(v) {
        return Ok(v.clone());
    }
    crate::engine::interrupt::check()?;
    let k = key(v);
    if let Some(done) = k.and_then(|k| memo.get(&k)) {
        return Ok(done.clone());
    }
    let out = match v {
        Value::Array(a) if *a.dtype() == crate::engine::DType::Object => {
            return Err(refuse("deepcopy", v));
        }
        Value::Array(_) => copy_array(s, v)?,
        // ndarray's `__deepcopy__` (numbers only here): a copy of its class.
        _ if crate::eval::array_subclass::is_sub(v)
            && !crate::eval::classes::has_method(v, "__deepcopy__") =>
        {
            copy_array(s, v)?
        }
        Value::List(l) => {
            // Registered before its items, so a list holding itself
            // holds its copy.
            let new = Value::list(Vec::new());
            if let (Some(k), Value::List(n)) = (k, &new) {
                memo.insert(k, new.clone());
                let items = l.borrow().clone();
                for item in &items {
                    let c = deep(s, item, memo)?;
                    n.borrow_mut().push(c);
                }
            }
            new
        }
        Value::Dict(d) => {
            let new = Value::Dict(Default::default());
            if let (Some(k), Value::Dict(n)) = (k, &new) {
                memo.insert(k, new.clone());
                let items = d.borrow().clone();
                for (key, val) in &items {
                    let ck = deep(s, key, memo)?;
                    let cv = deep(s, val, memo)?;
                    n.borrow_mut().push((ck, cv));
                }
            }
            new
        }
        Value::Tuple(t) => {
            let mut items = Vec::with_capacity(t.len());
            for item in t.iter() {
                items.push(deep(s, item, memo)?);
            }
            // A tuple whose items all copy to themselves is itself.
            if items
                .iter()
                .zip(t.iter())
                .all(|(a, b)| atomic(b) || a.is(b))
            {
                v.clone()
            } else {
                Value::tuple(items)
            }
        }
        Value::Object(o) => match o.as_ref() {
            Obj::Set(t) => {
                // Set members are hashable, so atoms or tuples of atoms.
                object(Obj::Set(RefCell::new(t.borrow().clone())))
            }
            Obj::PyTime(t) => object(Obj::PyTime(t.clone())),
            _ => return Err(refuse("deepcopy", v)),
        },
        other => return Err(refuse("deepcopy", other)),
    };
    if let Some(k) = k {
        memo.insert(k, out.clone());
    }
    Ok(out)
}
