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
    /// Positional arguments only, as a call inside slicelab passes them.
    pub fn positional(pos: Vec<Value>) -> Args {
        Args { pos, kw: vec![] }
    }
    /// The same arguments with `f` applied to every value (a wrapper
    /// class's objects replaced by the arrays they stand for).
    pub fn map_values(&self, f: impl Fn(&Value) -> Value) -> Args {
        Args {
            pos: self.pos.iter().map(&f).collect(),
            kw: self.kw.iter().map(|(k, v)| (k.clone(), f(v))).collect(),
        }
    }

    /// Does any value, positional or keyword, satisfy `f`?
    pub fn any_value(&self, f: impl Fn(&Value) -> bool) -> bool {
        self.pos.iter().chain(self.kw.iter().map(|(_, v)| v)).any(f)
    }

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
