//! Python's `eval()` and `exec()`: source text parsed by slicelab's own
//! parser and run by the same evaluator, in the caller's scope, or — given
//! a `globals` dict (and `locals`) — with exactly the names those hold
//! (and the builtins), as CPython runs them. What `exec` binds goes back
//! into that dict. Tests write `eval(repr(a), {'np': np})`; tutorials
//! `exec(code)`.

use std::collections::HashMap;
use std::rc::Rc;

use super::args::Args;
use super::error::{PyError, PyResult};
use super::object::{Obj, object};
use super::session::Session;
use super::value::Value;

/// `eval` or `exec`.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Eval,
    Exec,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Eval => "eval",
            Mode::Exec => "exec",
        }
    }
}

impl Session {
    /// `eval(source, globals=None, locals=None)`.
    pub(super) fn builtin_eval(&mut self, args: &Args) -> PyResult<Value> {
        self.eval_or_exec(Mode::Eval, args)
    }

    /// `exec(source, globals=None, locals=None)`: always `None`.
    pub(super) fn builtin_exec(&mut self, args: &Args) -> PyResult<Value> {
        self.eval_or_exec(Mode::Exec, args)
    }

    fn eval_or_exec(&mut self, mode: Mode, args: &Args) -> PyResult<Value> {
        let name = mode.name();
        let source = match args.req(0, "source", name)? {
            Value::Str(t) => t.to_string(),
            Value::Bytes(b) => String::from_utf8(b.to_vec()).map_err(|_| {
                PyError::new(
                    "SyntaxError",
                    "(unicode error) 'utf-8' codec can't decode the source",
                )
            })?,
            _ => {
                return Err(PyError::type_error(format!(
                    "{name}() arg 1 must be a string, bytes or code object"
                )));
            }
        };
        let globals = args.get(1, "globals").filter(|v| !matches!(v, Value::None));
        let locals = args.get(2, "locals").filter(|v| !matches!(v, Value::None));
        // CPython words these differently for eval and exec.
        let dict = |v: Option<&Value>, what: &str| match v {
            None => Ok(None),
            Some(Value::Dict(d)) => Ok(Some(d.clone())),
            Some(other) => Err(PyError::type_error(match (mode, what) {
                (Mode::Eval, "globals") => {
                    "globals must be a real dict; try eval(expr, {}, mapping)".to_string()
                }
                (Mode::Eval, _) => "locals must be a mapping".to_string(),
                (Mode::Exec, "globals") => {
                    format!("exec() globals must be a dict, not {}", other.type_name())
                }
                _ => format!(
                    "locals must be a mapping or None, not {}",
                    other.type_name()
                ),
            })),
        };
        let globals = dict(globals, "globals")?;
        let locals = dict(locals, "locals")?;
        let Some(globals) = globals else {
            if locals.is_some() {
                return Err(PyError::type_error(
                    "slicelab's eval/exec take locals only with a globals dict",
                ));
            }
            return self.run_source(mode, &source);
        };
        // A function made here would look its global names up in the
        // session, not in this dict, as slicelab's functions do.
        let mut words = source.split(|c: char| !(c.is_alphanumeric() || c == '_'));
        if words.any(|w| matches!(w, "def" | "class" | "lambda")) {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab's {name}() with a globals dict does not define functions or classes"
                ),
            ));
        }
        // CPython puts the builtins into a globals dict that lacks them.
        let builtins = Value::str("__builtins__");
        if !globals
            .borrow()
            .iter()
            .any(|(k, _)| super::ops::python_eq(k, &builtins))
        {
            globals.borrow_mut().push((
                builtins,
                object(Obj::Refused(PyError::new(
                    "NotImplementedError",
                    "slicelab does not show the builtins' dict",
                ))),
            ));
        }
        let mut names: HashMap<String, Value> = HashMap::new();
        for d in std::iter::once(&globals).chain(locals.as_ref()) {
            for (k, v) in d.borrow().iter() {
                if let Value::Str(k) = k {
                    names.insert(k.to_string(), v.clone());
                }
            }
        }
        let code = Code::parse(mode, &source)?;
        let saved_names = std::mem::replace(&mut self.names, names);
        let saved_scope = self.scope.take();
        let result = self.run_code(&code);
        let names = std::mem::replace(&mut self.names, saved_names);
        self.scope = saved_scope;
        if let Code::Stmt(stmt) = &code {
            let order = crate::syntax::scope_names::bound_names(stmt);
            write_back(&locals.unwrap_or(globals), names, &order);
        }
        result
    }

    /// Parse and run `source` in the current scope.
    fn run_source(&mut self, mode: Mode, source: &str) -> PyResult<Value> {
        let code = Code::parse(mode, source)?;
        self.run_code(&code)
    }

    fn run_code(&mut self, code: &Code) -> PyResult<Value> {
        match code {
            Code::Expr(e) => self.eval(e),
            Code::Stmt(s) => {
                self.exec(s)?;
                Ok(Value::None)
            }
        }
    }
}

/// Source parsed for `eval` (an expression) or `exec` (statements).
enum Code {
    Expr(crate::syntax::ast::Expr),
    Stmt(crate::syntax::ast::Stmt),
}

impl Code {
    fn parse(mode: Mode, source: &str) -> PyResult<Code> {
        let at_line = |e: crate::syntax::SyntaxError| {
            PyError::new("SyntaxError", format!("{} (<string>, line 1)", e.message))
        };
        Ok(match mode {
            Mode::Eval => {
                let text = source.trim_start_matches([' ', '\t']);
                let text = text.trim_end_matches(['\n', '\r']);
                Code::Expr(crate::syntax::parse_expression(text).map_err(at_line)?)
            }
            Mode::Exec => Code::Stmt(crate::syntax::parse_stmt(source).map_err(at_line)?),
        })
    }
}

/// The names an `exec` bound, written into its namespace dict (new ones
/// after the old, in the order the code binds them, as Python's dict
/// keeps them).
fn write_back(
    d: &Rc<std::cell::RefCell<Vec<(Value, Value)>>>,
    names: HashMap<String, Value>,
    order: &[String],
) {
    let mut entries = d.borrow_mut();
    let mut fresh: Vec<(String, Value)> = Vec::new();
    // The names the code binds, in the order it binds them.
    let mut names = names;
    let bound = order.iter().filter_map(|k| names.remove_entry(k));
    for (k, v) in bound {
        match entries
            .iter_mut()
            .find(|(key, _)| matches!(key, Value::Str(t) if t.as_ref() == k))
        {
            Some(slot) => slot.1 = v,
            None => fresh.push((k, v)),
        }
    }
    entries.extend(fresh.into_iter().map(|(k, v)| (Value::str(&k), v)));
}
