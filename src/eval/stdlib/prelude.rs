//! Runs the Python body of a standard module (`py/*.py`) once per session.
//!
//! A body is one function, `def _module(mod):`, whose nested functions and
//! classes are the module's; it returns a dict of the names the module
//! has. Nested in a function, the module's helpers are closure cells, not
//! the learner's globals: importing `random` binds no names but `random`,
//! and the learner's names never reach the module's code (except the
//! builtins it calls, which Python too looks up at call time). `mod` is
//! the module object itself, through which the body reaches the module's
//! native attributes (`mod._getrandbits`).

use crate::eval::args::Args;
use crate::eval::error::{PyError, PyResult};
use crate::eval::session::Session;
use crate::eval::value::Value;
use crate::syntax::ast::Stmt;

impl Session {
    /// Runs `source`, the body of module `name`, and gives its namespace
    /// (a dict).
    pub(super) fn run_module_source(
        &mut self,
        name: &'static str,
        source: &str,
        _native: fn(&str) -> Option<Value>,
    ) -> PyResult<Value> {
        let internal = |what: String| {
            PyError::new(
                "SystemError",
                format!("slicelab's module '{name}' failed to load: {what}"),
            )
        };
        let def = match crate::syntax::parse_stmt(source) {
            Ok(Stmt::FunctionDef(mut def)) => {
                let d = std::sync::Arc::make_mut(&mut def);
                crate::syntax::unprefix_nested(&format!("{}.<locals>.", d.name), &mut d.body);
                def
            }
            Ok(_) => return Err(internal("not one def".into())),
            Err(e) => return Err(internal(e.message)),
        };
        // The module's functions close over no frame of the learner's.
        let scope = self.scope.take();
        let display = self.display_exprs;
        let made = self.make_function(&def).and_then(|f| {
            self.call(
                &f,
                Args {
                    pos: vec![Value::Module(name.into())],
                    kw: Vec::new(),
                },
            )
        });
        self.scope = scope;
        self.display_exprs = display;
        match made? {
            ns @ Value::Dict(_) => Ok(ns),
            _ => Err(internal("its body gave no dict".into())),
        }
    }
}
