//! List, set and dict comprehensions and generator expressions. Each runs
//! in a frame of its own, so its loop names do not leak, as in Python 3.
//! A generator expression is lazy: `generator.rs` makes it and runs it one
//! item per `next()`.

use std::rc::Rc;

use crate::syntax::ast::{CompFor, CompKind, Expr};
use crate::syntax::scope_names;

use super::error::PyResult;
use super::value::Value;
use crate::eval::object::Frame;
use crate::eval::pyiter::iterator;
use crate::eval::session::Session;
use crate::eval::set_table::set_of;

impl Session {
    /// `[elt for ...]`, `{elt for ...}`, `(elt for ...)`.
    pub(super) fn eval_comp(
        &mut self,
        kind: CompKind,
        elt: &Expr,
        clauses: &[CompFor],
    ) -> PyResult<Value> {
        if kind == CompKind::Generator {
            return self.make_genexpr(elt, clauses);
        }
        let mut out = Vec::new();
        self.run_comp(clauses, &mut |s| {
            out.push(s.eval(elt)?);
            Ok(())
        })?;
        match kind {
            CompKind::List => Ok(Value::list(out)),
            CompKind::Set => set_of(out),
            CompKind::Generator => Ok(iterator(out, "generator")),
        }
    }

    /// `{k: v for ...}`.
    pub(super) fn eval_dict_comp(
        &mut self,
        key: &Expr,
        value: &Expr,
        clauses: &[CompFor],
    ) -> PyResult<Value> {
        let mut out: Vec<(Value, Value)> = Vec::new();
        self.run_comp(clauses, &mut |s| {
            let k = s.eval(key)?;
            let v = s.eval(value)?;
            crate::eval::set_table::check_hashable(&k)?;
            match out.iter_mut().find(|(x, _)| super::ops::lookup_eq(x, &k)) {
                Some(slot) => slot.1 = v,
                None => out.push((k, v)),
            }
            Ok(())
        })?;
        Ok(Value::Dict(Rc::new(std::cell::RefCell::new(out))))
    }

    /// Runs `each` once per combination of the clauses' items that passes
    /// their conditions. The first iterable is evaluated outside the new
    /// frame, as Python does.
    fn run_comp(
        &mut self,
        clauses: &[CompFor],
        each: &mut dyn FnMut(&mut Session) -> PyResult<()>,
    ) -> PyResult<()> {
        let Some(first) = clauses.first() else {
            return Ok(());
        };
        let first_items = self.eval(&first.iter)?;
        let items = self.comp_items(&first_items)?;
        let mut locals = Vec::new();
        for c in clauses {
            scope_names::target_names(&c.target, &mut locals);
        }
        let frame = Rc::new(Frame {
            locals,
            parent: self.scope.clone(),
            comprehension: true,
            ..Frame::default()
        });
        let display = self.display_exprs;
        self.in_frame(frame, display, |s| {
            s.comp_level(clauses, 0, Some(items), each)
        })
    }

    fn comp_level(
        &mut self,
        clauses: &[CompFor],
        level: usize,
        items: Option<CompItems>,
        each: &mut dyn FnMut(&mut Session) -> PyResult<()>,
    ) -> PyResult<()> {
        let Some(c) = clauses.get(level) else {
            return each(self);
        };
        let mut items = match items {
            Some(v) => v,
            None => {
                let v = self.eval(&c.iter)?;
                self.comp_items(&v)?
            }
        };
        'items: while let Some(item) = self.comp_next(&mut items)? {
            crate::engine::interrupt::check()?;
            self.assign(&c.target, item)?;
            for cond in &c.ifs {
                let t = self.eval(cond)?;
                if !self.truth_of(&t)? {
                    continue 'items;
                }
            }
            self.comp_level(clauses, level + 1, None, each)?;
        }
        Ok(())
    }
}

/// The iterator a comprehension clause walks, pulled one `next()` per
/// item as CPython does: a `groupby` group, `zip(it, it)` or a generator
/// that prints see the body run between items.
struct CompItems(Value);

impl Session {
    fn comp_items(&mut self, v: &Value) -> PyResult<CompItems> {
        Ok(CompItems(self.iter_value(v)?))
    }

    fn comp_next(&mut self, items: &mut CompItems) -> PyResult<Option<Value>> {
        super::pyiter::next_item(Some(self), &items.0)
    }
}
