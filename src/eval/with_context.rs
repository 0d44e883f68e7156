//! The context managers a `with` statement can enter: `np.printoptions`,
//! `np.errstate`, an `NpzFile`, files, `nditer`, `assert_raises`, and any
//! object whose class defines `__enter__` and `__exit__`. Entering gives
//! what `as` binds and a [`WithExit`] saying what `__exit__` must undo, so
//! a plain `with` block (`block.rs`) and one a generator is paused inside
//! (`generator.rs`, where the options stay in force while it is paused, as
//! NumPy's context variables do, since a generator shares its caller's
//! context) undo it the same way. Only `assert_raises` and a class's own
//! `__exit__` can swallow an exception.

use crate::render::PrintOptions;

use super::error::{PyError, PyResult};
use super::fp_errors::ErrState;
use super::object::{Context, Obj};
use super::value::Value;
use crate::eval::session::Session;

/// What leaving a `with` block undoes.
#[derive(Debug)]
pub(super) enum WithExit {
    /// `NpzFile.__exit__` closes the archive.
    Npz(Value),
    /// A file's `__exit__` closes it (writing it out).
    File(Value),
    /// `nditer.__exit__` closes the iterator (writing copies back).
    NdIter(Value),
    /// `np.printoptions`' `format_options.reset(token)`: the options before.
    PrintOptions(Box<PrintOptions>, Option<Value>),
    /// `np.errstate.__exit__`: the error modes before, and the callback
    /// before when `call=` replaced it.
    ErrState(ErrState, Option<Value>),
    /// `assert_raises`' `__exit__` checks what the block raised (and may
    /// swallow it): see [`Session::finish_with`].
    Raises(Value),
    /// A learner's context manager: its bound `__exit__`, called with the
    /// block's exception (or three `None`s) and able to swallow it.
    Protocol(Value),
    /// `np.testing.temppath`/`tempdir`: the file or directory to remove.
    Temp(std::path::PathBuf, bool),
}

impl Session {
    /// `__enter__` of `v`: what `with v as x` binds, and what to undo.
    pub(super) fn enter_context(&mut self, v: &Value) -> PyResult<(Value, WithExit)> {
        let not_a_manager = || {
            PyError::type_error(format!(
                "'{}' object does not support the context manager protocol",
                v.type_name()
            ))
        };
        let Value::Object(o) = v else {
            return self
                .enter_protocol(v)
                .unwrap_or_else(|| Err(not_a_manager()));
        };
        match o.as_ref() {
            // `NpzFile.__enter__` returns the archive.
            Obj::Npz(_) => Ok((v.clone(), WithExit::Npz(v.clone()))),
            // A file's `__enter__` returns the file; `__exit__` closes it.
            Obj::File(f) if f.closed.get() => Err(PyError::value("I/O operation on closed file.")),
            Obj::File(_) => Ok((v.clone(), WithExit::File(v.clone()))),
            // `nditer.__enter__` returns the iterator; `__exit__` closes it.
            Obj::NpIter(_) if let Some(it) = super::nditer::of(v) => {
                super::nditer::method(
                    it,
                    v,
                    "__enter__",
                    &crate::eval::args::Args {
                        pos: vec![],
                        kw: vec![],
                    },
                )?;
                Ok((v.clone(), WithExit::NdIter(v.clone())))
            }
            Obj::Context(Context::PrintOptions(kw)) => {
                let saved = Box::new(self.print_options.clone());
                let saved_formatter = self.print_formatter.clone();
                let args = crate::eval::args::Args {
                    pos: vec![],
                    kw: kw.clone(),
                };
                super::printopts::set(&mut self.print_options, &mut self.print_formatter, &args)?;
                let entered = super::printopts::get(&self.print_options, &self.print_formatter);
                Ok((entered, WithExit::PrintOptions(saved, saved_formatter)))
            }
            Obj::Context(Context::ErrState { all, call, kinds }) => {
                let saved = super::fp_errors::modes();
                let kinds: Vec<(&str, Option<&Value>)> =
                    kinds.iter().map(|(k, v)| (*k, Some(v))).collect();
                let entered = saved.with(all.as_ref(), &kinds)?;
                let saved_call = match call {
                    Some(f) => Some(self.set_errcall(f.clone())?),
                    None => None,
                };
                super::fp_errors::set_modes(entered);
                // `errstate.__enter__` returns None.
                Ok((Value::None, WithExit::ErrState(saved, saved_call)))
            }
            // `_AssertRaisesContext.__enter__` returns the context.
            Obj::Context(Context::Raises(_)) => Ok((v.clone(), WithExit::Raises(v.clone()))),
            // The generator's `yield path`: the path, made just now.
            Obj::Context(Context::Temp(spec)) => {
                let (path, made) = super::np_testing::temp::enter(spec)?;
                Ok((path, WithExit::Temp(made, spec.directory)))
            }
            _ => self
                .enter_protocol(v)
                .unwrap_or_else(|| Err(not_a_manager())),
        }
    }

    /// `__enter__` of an object whose class defines `__enter__` and
    /// `__exit__` (a learner's class); `None` when it does not.
    fn enter_protocol(&mut self, v: &Value) -> Option<PyResult<(Value, WithExit)>> {
        super::classes::type_of(v)?;
        let mut bound = |name: &str| match self.getattr(v, name) {
            Ok(m) => Some(Ok(m)),
            Err(e) if e.kind == "AttributeError" => None,
            Err(e) => Some(Err(e)),
        };
        let enter = bound("__enter__")?;
        let Some(exit) = bound("__exit__") else {
            return Some(Err(PyError::type_error(format!(
                "'{}' object does not support the context manager protocol (missed __exit__ method)",
                v.type_name()
            ))));
        };
        Some((|| {
            let (enter, exit) = (enter?, exit?);
            let entered = self.call(&enter, no_args())?;
            Ok((entered, WithExit::Protocol(exit)))
        })())
    }

    /// Leave a `with` block whose body ended in `result`: undo what
    /// entering did; `assert_raises` may also turn the outcome around (an
    /// expected exception swallowed, giving `swallowed`; none raised, an
    /// `AssertionError`).
    pub(super) fn finish_with<T>(
        &mut self,
        exit: WithExit,
        result: PyResult<T>,
        swallowed: T,
    ) -> PyResult<T> {
        match exit {
            WithExit::Raises(ctx) => super::np_testing::exit_raises(self, &ctx, result, swallowed),
            // `__exit__(type, value, traceback)`: a true result swallows
            // the exception. slicelab keeps no tracebacks: it is None.
            WithExit::Protocol(exit) => match result {
                Ok(v) => {
                    let none = vec![Value::None, Value::None, Value::None];
                    self.call(&exit, positional(none))?;
                    Ok(v)
                }
                Err(e) => {
                    let value = super::exceptions::caught_value(&e);
                    let class = super::classes::type_of(&value)
                        .unwrap_or_else(|| Value::Type(super::types::type_of(&value)));
                    let answer = self.call(&exit, positional(vec![class, value, Value::None]))?;
                    if self.truth_of(&answer)? {
                        Ok(swallowed)
                    } else {
                        Err(e)
                    }
                }
            },
            // The generator's `finally: os.remove(path)`: a failure there
            // is the error that leaves the block.
            WithExit::Temp(path, directory) => {
                super::np_testing::temp::leave(&path, directory)?;
                result
            }
            other => {
                self.exit_context(other);
                result
            }
        }
    }

    /// `__exit__`: undo what entering did.
    pub(super) fn exit_context(&mut self, exit: WithExit) {
        match exit {
            WithExit::File(v) => {
                if let Some(f) = super::file_state::of(&v) {
                    // Like the archive's, a failed close has nowhere to go.
                    let _ = f.close();
                }
            }
            WithExit::Npz(v) => {
                if let Value::Object(o) = &v
                    && let Obj::Npz(npz) = o.as_ref()
                {
                    npz.close();
                }
            }
            WithExit::NdIter(v) => {
                if let Some(it) = super::nditer::of(&v) {
                    // A failed write-back has nowhere to go on exit.
                    let _ = super::nditer::method(
                        it,
                        &v,
                        "__exit__",
                        &crate::eval::args::Args {
                            pos: vec![],
                            kw: vec![],
                        },
                    );
                }
            }
            WithExit::PrintOptions(saved, saved_formatter) => {
                self.print_options = *saved;
                self.print_formatter = saved_formatter;
                crate::render::legacy::publish(self.print_options.legacy);
            }
            // Its check needs the block's outcome (`finish_with`); left
            // any other way (a generator closed inside it), it checks nothing.
            WithExit::Raises(_) => {}
            // Left without an outcome (a generator closed inside it):
            // `__exit__(None, None, None)`, whose errors have nowhere to go.
            WithExit::Protocol(exit) => {
                let none = vec![Value::None, Value::None, Value::None];
                let _ = self.call(&exit, positional(none));
            }
            // Left without an outcome: removed, a failure with nowhere to go.
            WithExit::Temp(path, directory) => {
                let _ = super::np_testing::temp::leave(&path, directory);
            }
            WithExit::ErrState(saved, saved_call) => {
                super::fp_errors::set_modes(saved);
                if let Some(f) = saved_call {
                    // The old callback passed this check when it was set.
                    let _ = self.set_errcall(f);
                }
            }
        }
    }
}

fn positional(pos: Vec<Value>) -> crate::eval::args::Args {
    crate::eval::args::Args { pos, kw: vec![] }
}

fn no_args() -> crate::eval::args::Args {
    positional(vec![])
}
