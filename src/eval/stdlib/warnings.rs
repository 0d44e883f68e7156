//! `warnings`' two natives. The module is CPython's filter list written as
//! Python (`py/warnings.py`); what reaches slicelab's own warnings is
//! here: a warning the learner's `warnings.warn` lets through goes where
//! NumPy's do (`fp_errors::warn`, shown by the prompt, never in a
//! transcript), and a filter list that ignores every `RuntimeWarning`
//! quiets NumPy's floating-point ones for the rest of the session.

use crate::eval::args::Args;
use crate::eval::error::{PyError, PyResult};
use crate::eval::fp_errors;
use crate::eval::session::Session;
use crate::eval::value::Value;

/// The natives `py/warnings.py` reads through `mod.NAME`.
const NATIVES: &[&str] = &["_show", "_quiet_runtime"];

/// `warnings.NAME` for a native.
pub fn attr(name: &str) -> Option<Value> {
    NATIVES
        .contains(&name)
        .then(|| Value::func(&format!("warnings.{name}")))
}

/// Calls a native, or hands the arguments back.
pub fn call(s: &mut Session, name: &str, args: Args) -> PyResult<Result<Value, Args>> {
    match (name, args.pos.as_slice()) {
        ("warnings._show", [Value::Str(text)]) => {
            fp_errors::warn(text.to_string());
            Ok(Ok(Value::None))
        }
        ("warnings._quiet_runtime", [Value::Bool(quiet)]) => {
            s.set_quiet_runtime(*quiet);
            Ok(Ok(Value::None))
        }
        ("warnings._show" | "warnings._quiet_runtime", _) => Err(PyError::new(
            "SystemError",
            format!("slicelab's warnings called {name} wrongly"),
        )),
        _ => Ok(Err(args)),
    }
}
