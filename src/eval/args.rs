//! Call arguments after evaluation: what every implementation receives.
//!
//! This is the floor of `src/eval`: it names nothing above [`super::value`]
//! and [`super::error`], so routines, methods and the interpreter all stand
//! on it without importing each other.

use super::error::{PyError, PyResult};
use super::value::Value;

/// Call arguments after evaluation.
pub struct Args {
    /// Positional arguments.
    pub pos: Vec<Value>,
    /// Keyword arguments in order.
    pub kw: Vec<(String, Value)>,
}

impl Args {
    /// The argument at position `i` or keyword `name`.
    pub fn get(&self, i: usize, name: &str) -> Option<&Value> {
        self.kw
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
            .or_else(|| self.pos.get(i))
    }
    /// A keyword argument only.
    pub fn kw(&self, name: &str) -> Option<&Value> {
        self.kw.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }
    /// Required argument.
    pub fn req(&self, i: usize, name: &str, func: &str) -> PyResult<&Value> {
        self.get(i, name).ok_or_else(|| {
            PyError::type_error(format!(
                "{func}() missing required argument '{name}' (pos {})",
                i + 1
            ))
        })
    }
}
