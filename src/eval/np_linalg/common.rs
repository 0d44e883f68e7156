//! What `np.linalg`'s files share: NumPy's `LinAlgError`, and calling
//! another `np.` function as NumPy's Python code does.

use super::super::args::Args;
use super::super::error::{PyError, PyResult};
use super::super::session::Session;
use super::super::value::Value;

/// `np.NAME(pos..., **kw)` through the registry, as NumPy's Python code
/// calls its own functions.
pub(super) fn np(
    s: &mut Session,
    name: &str,
    pos: Vec<Value>,
    kw: Vec<(&str, Value)>,
) -> PyResult<Value> {
    let kw = kw.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    s.call_registered(&format!("np.{name}"), Args { pos, kw })
}

/// NumPy's `LinAlgError` with `message`.
pub(crate) fn linalg_error(message: &str) -> PyError {
    PyError::new("LinAlgError", message)
}
