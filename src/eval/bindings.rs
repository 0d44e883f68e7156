//! The session's names as a whole, for front ends that look back: the
//! teaching view compares names before and after a statement, and `:undo`
//! puts them back. Values are shared handles, so a copy of the map is cheap.

use std::collections::HashMap;

use super::value::Value;

use crate::eval::session::Session;

/// Every name and what it was bound to at one moment.
pub type Bindings = HashMap<String, Value>;

impl Session {
    /// The value a name is bound to, if any.
    pub fn binding(&self, name: &str) -> Option<&Value> {
        self.names.get(name)
    }

    /// A copy of every binding (cheap: values are shared handles).
    pub fn bindings(&self) -> Bindings {
        self.names.clone()
    }

    /// Replace every binding with `bindings` (`:undo`).
    pub fn restore_bindings(&mut self, bindings: Bindings) {
        self.names = bindings;
    }

    /// Bind `name` to `value`, as `name = value` would.
    pub fn bind(&mut self, name: &str, value: Value) {
        self.names.insert(name.to_string(), value);
    }
}

impl Session {
    /// The value of one expression, without showing it: what a front end
    /// uses to find which array a statement is about to write. `None` when
    /// it raises (the statement itself will then report the error).
    pub fn evaluate(&mut self, expr: &crate::syntax::ast::Expr) -> Option<Value> {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.eval(expr)));
        self.printed.clear();
        result.ok().and_then(Result::ok)
    }
}
