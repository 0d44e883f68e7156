//! `__annotations__` of the learner's classes: an annotated name in a
//! class body (`x: int = 0`, `y: str`) is recorded in the body's own
//! `__annotations__` dict, in order, as CPython's `SETUP_ANNOTATIONS` and
//! annotated assignment do; `dataclasses` reads its fields from it. The
//! class statement itself is `pyclass.rs`.

use std::cell::RefCell;
use std::rc::Rc;

use super::error::PyResult;
use super::value::Value;
use crate::eval::session::Session;
use crate::syntax::ast::{Expr, ExprKind};

/// The name the body's annotations dict is kept under.
pub const ANNOTATIONS: &str = "__annotations__";

impl Session {
    /// `name: annotation` in a class body: the evaluated annotation goes
    /// into the body's `__annotations__` (an attribute or subscript
    /// target, and any other frame, record nothing).
    pub(super) fn note_class_annotation(&mut self, target: &Expr, note: Value) -> PyResult<()> {
        let Some(frame) = self.scope.clone().filter(|f| f.class_body) else {
            return Ok(());
        };
        let ExprKind::Name(name) = &target.kind else {
            return Ok(());
        };
        let dict = frame
            .vars
            .borrow_mut()
            .entry(ANNOTATIONS.to_string())
            .or_insert_with(|| Value::Dict(Rc::new(RefCell::new(Vec::new()))))
            .clone();
        if let Value::Dict(d) = dict {
            super::pycollections::dict_set(&mut d.borrow_mut(), Value::str(name), note)?;
        }
        Ok(())
    }
}
