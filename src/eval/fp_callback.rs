//! `np.seterrcall`/`np.geterrcall` and the `call`/`log` error modes: the
//! engine's flags are turned into [`Pending`] calls by `fp_errors::report`,
//! which has no session at hand; the evaluator runs them here as soon as
//! the operation that raised them returns, in NumPy's order (divide, over,
//! under, invalid), before anything else the statement does.

use super::args::Args;
use super::error::PyResult;
use super::fp_errors::{self, Pending};
use super::value::Value;
use crate::eval::session::Session;

impl Session {
    /// Hand the pending floating-point errors to the callback, then pass
    /// `result` on (or the callback's own exception, as NumPy would raise
    /// it from the ufunc). Cheap when nothing is pending.
    pub(super) fn after_fp_errors<T>(&mut self, result: PyResult<T>) -> PyResult<T> {
        if !fp_errors::has_pending() {
            return result;
        }
        let callback = fp_errors::callback();
        for pending in fp_errors::take_pending() {
            let called = match pending {
                Pending::Call { errtype, status } => {
                    let args = Args {
                        pos: vec![Value::str(errtype), Value::Int(status.into())],
                        kw: vec![],
                    };
                    self.call(&callback, args)
                }
                Pending::Log(message) => self.getattr(&callback, "write").and_then(|write| {
                    let args = Args {
                        pos: vec![Value::str(&message)],
                        kw: vec![],
                    };
                    self.call(&write, args)
                }),
            };
            if let Err(e) = called {
                // Errors after the first are never reached in NumPy.
                fp_errors::take_pending();
                return Err(e);
            }
        }
        result
    }

    /// Make `func` the callback after NumPy's check (None, a callable, or
    /// an object with a callable `write`); the callback before.
    pub(super) fn set_errcall(&mut self, func: Value) -> PyResult<Value> {
        let callable = super::protocol::is_callable(&func)
            || self
                .getattr(&func, "write")
                .is_ok_and(|w| super::protocol::is_callable(&w));
        fp_errors::set_callback(func, callable)
    }

    /// `np.seterrcall(func)` and `np.geterrcall()` on bound arguments.
    pub(super) fn errcall_function(&mut self, name: &str, args: &Args) -> PyResult<Value> {
        match name {
            "seterrcall" => self.set_errcall(args.get(0, "func").cloned().unwrap_or(Value::None)),
            _ => Ok(fp_errors::callback()),
        }
    }
}
