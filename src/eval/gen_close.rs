//! Ending a paused generator early, as CPython's `gen_close`/`gen_throw`
//! (Objects/genobject.c) do: `gen.throw(exc)` raises `exc` at the paused
//! `yield`; `gen.close()` raises `GeneratorExit` there and is content when
//! it comes back out (or the body returns), a `RuntimeError` when the body
//! yields again. A generator dropped while paused inside a `try` or `with`
//! is closed too: CPython does it the moment the last reference goes. A
//! Rust `Drop` cannot run the learner's code, so it moves the paused run to
//! its session's queue, which the session empties at the next safe point — after each
//! call returns and after each statement, before a value is shown — which
//! is when CPython's reference count reaches zero in the cases learners
//! meet (rebinding the only name, `del`, a `for` that breaks, a temporary
//! such as `next(gen())`).

use std::rc::Rc;

use super::error::{PyError, PyResult};
use super::generator::{Generator, Resume, generator_of, genexpr_of};
use super::object::DyingRef;
use super::object::Obj;
use super::pyiter::iter_object;
use super::value::{TypeObj, Value};
use crate::eval::args::Args;
use crate::eval::object::IterState;
use crate::eval::session::Session;

impl Drop for Generator {
    fn drop(&mut self) {
        if self.finalized || !self.needs_close() {
            return;
        }
        // With its session gone there is nothing left to run it.
        let Some(queue) = self.dying.upgrade() else {
            return;
        };
        let paused = self.take_paused();
        if let Ok(mut q) = queue.try_borrow_mut() {
            q.push_back(Box::new(paused));
        }
    }
}

impl Session {
    /// The queue a new generator of this session reports its drop to.
    pub(super) fn dying_queue(&self) -> DyingRef {
        Rc::downgrade(&self.dying)
    }

    /// Closes every dropped generator that was paused inside a `try` or
    /// `with`, oldest first. An error there is not the statement's: CPython
    /// prints it as "Exception ignored in" on stderr and goes on.
    pub(super) fn run_finalizers(&mut self) {
        loop {
            let next = match self.dying.try_borrow_mut() {
                Ok(mut q) => q.pop_front(),
                Err(_) => None,
            };
            let Some(g) = next else {
                return;
            };
            let it = iter_object(IterState::Gen(g), "generator");
            let _ = self.close_gen(&it);
        }
    }

    /// `gen.close()`.
    pub(super) fn close_gen(&mut self, it: &Value) -> PyResult<Value> {
        let Value::Object(o) = it else {
            return Ok(Value::None);
        };
        let Obj::Iter(cell, _) = o.as_ref() else {
            return Ok(Value::None);
        };
        {
            let mut state = cell
                .try_borrow_mut()
                .map_err(|_| PyError::value("generator already executing"))?;
            match &mut *state {
                IterState::Gen(g) => {
                    let g = generator_of(g.as_mut())?;
                    if g.is_idle() {
                        g.mark_done();
                        return Ok(Value::None);
                    }
                }
                IterState::GenExpr(g) => {
                    genexpr_of(g.as_mut())?.close();
                    return Ok(Value::None);
                }
                IterState::Running(_) => {
                    return Err(PyError::value("generator already executing"));
                }
                _ => return Ok(Value::None),
            }
        }
        match self.resume_object(it, Resume::Throw(PyError::new("GeneratorExit", ""))) {
            Ok(Some(_)) => Err(PyError::new(
                "RuntimeError",
                "generator ignored GeneratorExit",
            )),
            Ok(None) => Ok(Value::None),
            Err(e) if e.kind == "GeneratorExit" || e.kind == "StopIteration" => Ok(Value::None),
            Err(e) => Err(e),
        }
    }

    /// Raises `err` inside the iterator `it` a `yield from` delegates to:
    /// a generator's paused `yield` gets it; any other iterator has no
    /// `throw`, so it is raised at the `yield from` itself.
    pub(super) fn throw_into(&mut self, it: &Value, err: PyError) -> PyResult<Option<Value>> {
        let is_generator = match it {
            Value::Object(o) => match o.as_ref() {
                Obj::Iter(cell, _) => cell
                    .try_borrow()
                    .map_or(true, |s| s.generator_name().is_some()),
                _ => false,
            },
            _ => false,
        };
        if is_generator {
            self.resume_object(it, Resume::Throw(err))
        } else {
            Err(err)
        }
    }

    /// `gen.throw(value)`, `gen.throw(type[, value[, traceback]])`, with
    /// Python 3.11's argument checks and messages.
    pub(super) fn throw_method(&mut self, it: &Value, args: &Args) -> PyResult<Value> {
        if !args.kw.is_empty() {
            return Err(PyError::type_error(
                "generator.throw() takes no keyword arguments",
            ));
        }
        let n = args.pos.len();
        if n == 0 {
            return Err(PyError::type_error(
                "throw expected at least 1 argument, got 0",
            ));
        }
        if n > 3 {
            return Err(PyError::type_error(format!(
                "throw expected at most 3 arguments, got {n}"
            )));
        }
        if n == 3 && !matches!(args.pos[2], Value::None) {
            return Err(PyError::type_error(
                "throw() third argument must be a traceback object",
            ));
        }
        let typ = &args.pos[0];
        let value = args.pos.get(1).filter(|v| !matches!(v, Value::None));
        let bad = |v: &Value| {
            PyError::type_error(format!(
                "exceptions must be classes or instances deriving from BaseException, not {}",
                v.type_name()
            ))
        };
        let err = if is_exception_instance(typ) {
            if value.is_some() {
                return Err(PyError::type_error(
                    "instance exception may not have a separate value",
                ));
            }
            self.raise_value(typ, None)?
        } else if is_exception_class(typ) {
            match value {
                None => self.raise_value(typ, None)?,
                // `throw(E, E(...))` raises that very instance.
                Some(v)
                    if is_exception_instance(v)
                        && super::exceptions::matches(&self.raise_value(v, None)?, typ)? =>
                {
                    self.raise_value(v, None)?
                }
                // `throw(E, x)` raises `E(x)`.
                Some(v) => {
                    let inst = self.call(
                        typ,
                        Args {
                            pos: vec![v.clone()],
                            kw: vec![],
                        },
                    )?;
                    self.raise_value(&inst, None)?
                }
            }
        } else {
            return Err(bad(typ));
        };
        match self.resume_object(it, Resume::Throw(err))? {
            Some(v) => Ok(v),
            None => Err(crate::eval::protocol::stop_iteration(
                crate::eval::object::take_return(it),
            )),
        }
    }
}

/// A class deriving from `BaseException` (Python's, NumPy's or the learner's).
fn is_exception_class(v: &Value) -> bool {
    match v {
        Value::Type(TypeObj::Builtin(n)) => super::exceptions::is_exception_class(n),
        Value::Object(o) => {
            matches!(o.as_ref(), Obj::Class(_)) && crate::eval::classes::exception_base(v).is_some()
        }
        _ => false,
    }
}

/// An instance of an exception class.
fn is_exception_instance(v: &Value) -> bool {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::Exc(..) => true,
            Obj::Instance(_) => crate::eval::classes::exc_state(v).is_some(),
            _ => false,
        },
        _ => false,
    }
}
