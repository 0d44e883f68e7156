//! Iteration with the learner's code at hand: the builtins `iter`, `next`,
//! `map`, `filter`, `zip`, `enumerate`, … and draining any iterable —
//! generators, the learner's own iterator classes, masked arrays.
//!
//! The iterator objects themselves, and draining those that need no
//! session, are [`super::pyiter`]'s.

use super::args::Args;
use super::error::{PyError, PyResult};
use super::object::{IterState, Obj};
use super::protocol::iterate;
use super::pyiter::{drain, index_int, iter_object, next_item, reversed_of};
use super::session::Session;
use super::value::Value;

/// The builtins this file answers, given the bound arguments.
pub fn call(s: &mut Session, name: &str, args: &Args) -> PyResult<Option<Value>> {
    Ok(Some(match name {
        "iter" if let Some(f) = crate::eval::file_state::of(args.req(0, "object", "iter")?) => {
            // A file is its own iterator.
            f.check_open()?;
            args.pos[0].clone()
        }
        "next" if let Some(f) = crate::eval::file_state::of(args.req(0, "iterator", "next")?) => {
            match (f.next_line(), args.pos.get(1)) {
                (Err(e), Some(default)) if e.kind == "StopIteration" => default.clone(),
                (r, _) => r?,
            }
        }
        "iter" => {
            let v = args.req(0, "object", "iter")?;
            let it = s.iter_value(v)?;
            // A learner's iterator is its own `__iter__`'s result, not the
            // wrapper loops read it through.
            match &it {
                Value::Object(o)
                    if let Obj::Iter(cell, _) = o.as_ref()
                        && let IterState::User(inner) = &*cell.borrow() =>
                {
                    inner.clone()
                }
                _ => it,
            }
        }
        "reversed" => {
            let v = args.req(0, "sequence", "reversed")?;
            match s.reversed_instance(v) {
                Some(r) => r?,
                None => reversed_of(v)?,
            }
        }
        "zip" => {
            if args
                .kw("strict")
                .is_some_and(|v| !matches!(v, Value::Bool(false)))
            {
                return Err(PyError::new(
                    "NotImplementedError",
                    "slicelab does not implement zip(strict=True) yet",
                ));
            }
            let its = args
                .pos
                .iter()
                .map(|v| s.iter_value(v))
                .collect::<PyResult<_>>()?;
            iter_object(IterState::Zip(its), "zip")
        }
        "enumerate" => {
            let it = s.iter_value(args.req(0, "iterable", "enumerate")?)?;
            let start = match args.get(1, "start") {
                Some(v) => index_int(v)?,
                None => 0,
            };
            iter_object(IterState::Enumerate(it, start), "enumerate")
        }
        "map" => {
            let Some((f, rest)) = args.pos.split_first() else {
                return Err(PyError::type_error(
                    "map() must have at least two arguments.",
                ));
            };
            if rest.is_empty() {
                return Err(PyError::type_error(
                    "map() must have at least two arguments.",
                ));
            }
            let its = rest
                .iter()
                .map(|v| s.iter_value(v))
                .collect::<PyResult<_>>()?;
            iter_object(IterState::Map(f.clone(), its), "map")
        }
        "filter" => {
            let [f, it] = &args.pos[..] else {
                return Err(PyError::type_error(format!(
                    "filter expected 2 arguments, got {}",
                    args.pos.len()
                )));
            };
            iter_object(IterState::Filter(f.clone(), s.iter_value(it)?), "filter")
        }
        "next" => {
            let v = args.req(0, "iterator", "next")?;
            if crate::eval::classes::has_method(v, "__next__") {
                return match (s.dunder(v, "__next__", vec![]), args.pos.get(1)) {
                    (Some(Err(e)), Some(default)) if e.kind == "StopIteration" => {
                        Ok(Some(default.clone()))
                    }
                    (Some(r), _) => r.map(Some),
                    (None, _) => Ok(None),
                };
            }
            let iterator = match v {
                Value::Object(o) => matches!(o.as_ref(), Obj::Iter(..) | Obj::NpIter(_)),
                Value::FlatIter(..) => true,
                _ => false,
            };
            if !iterator {
                return Err(PyError::type_error(format!(
                    "'{}' object is not an iterator",
                    v.type_name()
                )));
            }
            match (next_item(Some(s), v)?, args.pos.get(1)) {
                (Some(x), _) => x,
                (None, Some(default)) => default.clone(),
                (None, None) => {
                    return Err(crate::eval::protocol::stop_iteration(
                        crate::eval::object::take_return(v),
                    ));
                }
            }
        }
        _ => return Ok(None),
    }))
}

impl Session {
    /// Up to `limit` items of any iterable (all of them when `None`),
    /// pulled one by one from an iterator object, so an endless generator
    /// with a limit ends.
    pub(super) fn take_items(&mut self, v: &Value, limit: Option<usize>) -> PyResult<Vec<Value>> {
        if !matches!(v, Value::Object(o) if matches!(o.as_ref(), Obj::Iter(..))) {
            let mut all = self.iterate_all(v)?;
            if let Some(n) = limit {
                all.truncate(n);
            }
            return Ok(all);
        }
        let mut out = Vec::new();
        while limit.is_none_or(|n| out.len() < n) {
            crate::engine::interrupt::check()?;
            let Some(x) = next_item(Some(self), v)? else {
                break;
            };
            if out.len() == out.capacity() {
                crate::engine::buffer::python_room(
                    out.len() * 2 + 1,
                    std::mem::size_of::<Value>(),
                )?;
            }
            out.push(x);
        }
        Ok(out)
    }

    /// The items of any iterable, calling the learner's functions where an
    /// iterator needs them (`list(map(f, xs))`).
    pub(super) fn iterate_all(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        if let Some(p) = crate::eval::object::as_poly(v) {
            return self.iterate_all(&Value::Array(p.coeffs()));
        }
        if crate::eval::object::is_ma(v) {
            return super::ma::items(self, v);
        }
        if super::array_subclass::is_sub(v) {
            return super::subclass::items(self, v);
        }
        if let Some(m) = crate::eval::object::as_matrix(v) {
            // `matrix.__iter__` is ndarray's: `m[i]` for each row.
            let rows = m.arr.shape()[0];
            return (0..rows)
                .map(|i| self.getitem(v, &Value::Int(i as i128)))
                .collect();
        }
        match v {
            Value::Object(o) if matches!(o.as_ref(), Obj::Iter(..)) => drain(Some(self), v),
            other if crate::eval::classes::is_instance(other) => {
                let it = self.iter_value(other)?;
                drain(Some(self), &it)
            }
            other => iterate(other),
        }
    }
}
