//! Python-level operations on lists, dicts and the objects of `object.rs`
//! that statements need: `del x[i]`, starred unpacking (`first, *rest = a`),
//! dict displays and `**kwargs`, and the attributes of functions and
//! exceptions.

use std::rc::Rc;

use crate::syntax::ast::{Expr, ExprKind};

use super::error::{PyError, PyResult};
use super::object::Obj;
use super::ops::lookup_eq;
use super::seq_index::{index_of, slice_positions};
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::session::Session;
use crate::eval::set_table::check_hashable;

/// `del obj[idx]` for lists (an index or a slice) and dicts.
pub fn delitem(obj: &Value, idx: &Value) -> PyResult<()> {
    if let Some(b) = super::bytearray::of(obj) {
        return super::bytearray::delitem(b, idx);
    }
    match obj {
        Value::List(l) => {
            let mut l = l.borrow_mut();
            let n = l.len() as i128;
            match idx {
                Value::Slice(parts) => {
                    let keep: Vec<bool> = {
                        let mut drop = vec![false; l.len()];
                        for i in slice_positions(parts, n)? {
                            drop[i] = true;
                        }
                        drop.into_iter().map(|d| !d).collect()
                    };
                    let mut k = keep.iter();
                    l.retain(|_| *k.next().unwrap_or(&true));
                    Ok(())
                }
                other => {
                    let i = index_of(other, "list")?;
                    let j = if i < 0 { i + n } else { i };
                    if j < 0 || j >= n {
                        return Err(PyError::index("list assignment index out of range"));
                    }
                    l.remove(j as usize);
                    Ok(())
                }
            }
        }
        Value::Dict(d) => {
            let mut d = d.borrow_mut();
            match d.iter().position(|(k, _)| lookup_eq(k, idx)) {
                Some(p) => {
                    d.remove(p);
                    Ok(())
                }
                None => Err(PyError::new(
                    "KeyError",
                    super::display::repr(idx, &Default::default()),
                )),
            }
        }
        Value::Array(_) => Err(PyError::value("cannot delete array elements")),
        other => Err(PyError::type_error(format!(
            "'{}' object doesn't support item deletion",
            other.type_name()
        ))),
    }
}

/// `l[a:b:c] = iterable`, as CPython's `list_ass_subscript`: a plain slice
/// is replaced by however many items the iterable gives, an extended one
/// takes exactly as many as it picks. The iterable is read in full before
/// the list changes, so `l[::2] = l[1::2]` and `l[:] = l` read the old list.
pub fn list_set_slice(
    s: &mut Session,
    l: &std::cell::RefCell<Vec<Value>>,
    parts: &[Value; 3],
    value: &Value,
) -> PyResult<()> {
    let n = l.borrow().len() as i128;
    let (start, stop, step) = super::seq_index::slice_adjusted(parts, n)?;
    let refuse = |e: PyError, text: &str| {
        if e.kind == "TypeError" && e.message.ends_with("is not iterable") {
            PyError::type_error(text)
        } else {
            e
        }
    };
    if step == 1 {
        let new = s
            .iterate_all(value)
            .map_err(|e| refuse(e, "can only assign an iterable"))?;
        let stop = stop.max(start);
        l.borrow_mut().splice(start as usize..stop as usize, new);
        return Ok(());
    }
    let new = s
        .iterate_all(value)
        .map_err(|e| refuse(e, "must assign iterable to extended slice"))?;
    let positions = super::seq_index::positions(start, stop, step);
    if positions.len() != new.len() {
        return Err(PyError::value(format!(
            "attempt to assign sequence of size {} to extended slice of size {}",
            new.len(),
            positions.len()
        )));
    }
    let mut l = l.borrow_mut();
    for (p, v) in positions.into_iter().zip(new) {
        l[p] = v;
    }
    Ok(())
}

/// `a, *b, c = value`.
pub fn assign_starred(s: &mut Session, targets: &[Expr], value: Value) -> PyResult<()> {
    let items = s.iterate_all(&value)?;
    let star = targets
        .iter()
        .position(|t| matches!(t.kind, ExprKind::Starred(_)))
        .unwrap_or(0);
    let after = targets.len() - star - 1;
    if items.len() < targets.len() - 1 {
        return Err(PyError::value(format!(
            "not enough values to unpack (expected at least {}, got {})",
            targets.len() - 1,
            items.len()
        )));
    }
    let middle_end = items.len() - after;
    for (t, v) in targets[..star].iter().zip(&items[..star]) {
        s.assign(t, v.clone())?;
    }
    if let ExprKind::Starred(inner) = &targets[star].kind {
        s.assign(inner, Value::list(items[star..middle_end].to_vec()))?;
    }
    for (t, v) in targets[star + 1..].iter().zip(&items[middle_end..]) {
        s.assign(t, v.clone())?;
    }
    Ok(())
}

/// `d[k] = v` in a dict's entry list (a later equal key overwrites the
/// value and keeps the first key, as Python does).
/// `d | other`: a new dict with `other`'s entries set over `d`'s; both
/// must be dicts (`None` for any other operation, so the caller goes on).
pub fn dict_merge(op: crate::syntax::ast::BinOp, l: &Value, r: &Value) -> Option<PyResult<Value>> {
    let (crate::syntax::ast::BinOp::BitOr, Value::Dict(a), Value::Dict(b)) = (op, l, r) else {
        return None;
    };
    let mut out = a.borrow().clone();
    for (k, v) in b.borrow().iter() {
        if let Err(e) = dict_set(&mut out, k.clone(), v.clone()) {
            return Some(Err(e));
        }
    }
    Some(Ok(Value::Dict(Rc::new(std::cell::RefCell::new(out)))))
}

pub fn dict_set(entries: &mut Vec<(Value, Value)>, k: Value, v: Value) -> PyResult<()> {
    check_hashable(&k)?;
    match entries.iter_mut().find(|(x, _)| lookup_eq(x, &k)) {
        Some(slot) => slot.1 = v,
        None => entries.push((k, v)),
    }
    Ok(())
}

/// `f(**m)`: the mapping's pairs as keyword arguments.
pub fn spread_kwargs(args: &mut Args, pairs: Vec<(Value, Value)>) -> PyResult<()> {
    for (k, v) in pairs {
        let Value::Str(k) = k else {
            return Err(PyError::type_error("keywords must be strings"));
        };
        if args.kw.iter().any(|(n, _)| **n == *k) {
            return Err(PyError::type_error(format!(
                "got multiple values for keyword argument '{k}'"
            )));
        }
        args.kw.push((k.to_string(), v));
    }
    Ok(())
}

/// Attributes of functions, exceptions and the other objects.
pub fn object_attr(o: &Rc<Obj>, obj: &Value, name: &str) -> PyResult<Value> {
    if let Some(found) = crate::eval::classes::attr(o, obj, name) {
        return found;
    }
    if let Some(found) = super::decorators::property_attr(o, obj, name) {
        return found;
    }
    match (o.as_ref(), name) {
        (Obj::Func(f), _) if let Some(v) = crate::eval::classes::function_attr(f, name) => v,
        (Obj::Set(_), m) if super::pysets::SET_METHODS.contains(&m) => {
            Ok(Value::Method(Rc::new(obj.clone()), Rc::from(name)))
        }
        (Obj::FrozenSet(_), m) if super::pysets::FROZENSET_METHODS.contains(&m) => {
            Ok(Value::Method(Rc::new(obj.clone()), Rc::from(name)))
        }
        (Obj::DictView(view), "mapping") => Ok(view.mapping()),
        (Obj::DummyArray(d), "base") => Ok(d.base.clone()),
        (Obj::DummyArray(d), "__array_interface__") => Ok(d.interface.clone()),
        (Obj::MemoryView(m), _) if let Some(v) = m.attr(name) => v,
        (Obj::MemoryView(_), "tobytes" | "tolist" | "hex" | "toreadonly" | "cast" | "release") => {
            Ok(Value::Method(Rc::new(obj.clone()), Rc::from(name)))
        }
        (Obj::DictView(view), "isdisjoint") if view.kind.set_like() => {
            Ok(Value::Method(Rc::new(obj.clone()), Rc::from(name)))
        }
        (Obj::Iter(..), "__next__" | "__iter__") => {
            Ok(Value::Method(Rc::new(obj.clone()), Rc::from(name)))
        }
        (Obj::Iter(_, "generator"), "send" | "close" | "throw") => {
            Ok(Value::Method(Rc::new(obj.clone()), Rc::from(name)))
        }
        (Obj::Iter(state, "generator"), "__name__" | "__qualname__") => {
            let name = state
                .try_borrow()
                .ok()
                .and_then(|s| s.generator_name())
                .unwrap_or_else(|| std::rc::Rc::from("<genexpr>"));
            Ok(Value::str(&name))
        }
        (Obj::Context(super::object::Context::Raises(c)), "expected") => Ok(c.expected.clone()),
        (Obj::Context(super::object::Context::Raises(c)), "exception")
            if let Some(e) = c.exception.borrow().clone() =>
        {
            Ok(e)
        }
        (Obj::Range(r), "start") => Ok(Value::Int(r.start)),
        (Obj::Range(r), "stop") => Ok(Value::Int(r.stop)),
        (Obj::Range(r), "step") => Ok(Value::Int(r.step)),
        (Obj::Range(_), "index" | "count") => {
            Ok(Value::Method(Rc::new(obj.clone()), Rc::from(name)))
        }
        (Obj::Exc(e, state), _)
            if let Some(v) = super::exceptions::exc_attr(&e.kind, state, name) =>
        {
            v
        }
        (Obj::MappingProxy(_), "keys" | "items" | "values" | "get" | "copy") => {
            Ok(Value::Method(Rc::new(obj.clone()), Rc::from(name)))
        }
        (Obj::Npz(n), "files") => Ok(Value::list(n.files.iter().map(|f| Value::str(f)).collect())),
        (Obj::Npz(_), "keys" | "items" | "values" | "get" | "close" | "__enter__" | "__exit__") => {
            Ok(Value::Method(Rc::new(obj.clone()), Rc::from(name)))
        }
        (
            Obj::Npz(_),
            "zip" | "fid" | "f" | "allow_pickle" | "pickle_kwargs" | "max_header_size",
        ) => Err(PyError::new(
            "NotImplementedError",
            format!("slicelab's NpzFile has no '{name}' attribute; use f.files and f['name']"),
        )),
        (Obj::PyUfunc(u), _) => super::vectorize::ufunc_attr(u, name),
        (Obj::Vectorize(v), _) => super::vectorize::vectorize_attr(v, name),
        (Obj::BusDayCal(c), _) => super::busday::calendar_attr(c, name),
        (Obj::ByteArray(_), m) if super::bytearray::METHODS.contains(&m) => {
            Ok(Value::Method(Rc::new(obj.clone()), Rc::from(name)))
        }
        (Obj::NpIter(_), _) if let Some(it) = super::nditer::of(obj) => {
            super::nditer::attr(it, obj, name)
        }
        (Obj::NpIter(_), _) if let Some(b) = super::np_broadcast::of(obj) => {
            super::np_broadcast::attr(b, obj, name)
        }
        _ => Err(PyError::attribute(&o.type_name(), name)),
    }
}
