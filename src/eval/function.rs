//! Calling the learner's functions: binding arguments to parameters with
//! CPython's rules and messages, a fresh frame per call, and Python's
//! recursion limit (the Rust stack grows on the heap as calls nest, so deep
//! recursion ends in `RecursionError`, never a stack overflow).

use std::rc::Rc;

use super::block::Flow;
use super::error::{PyError, PyResult};
use super::object::UserFunc;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::object::Frame;
use crate::eval::session::Session;

/// Python's default `sys.getrecursionlimit()`; the prompt's own frame
/// counts as one.
pub const RECURSION_LIMIT: usize = 1000;

/// Stack left below which a call moves to a new stack segment, and the
/// size of each segment.
const RED_ZONE: usize = 256 * 1024;
const SEGMENT: usize = 8 * 1024 * 1024;

impl Session {
    /// `f(args)` for a user function.
    pub(super) fn call_user(&mut self, f: &UserFunc, args: Args) -> PyResult<Value> {
        self.call_user_with(f, args, None)
    }

    /// A method call: `__class__` is the class the method was found on.
    pub(super) fn call_user_in_class(
        &mut self,
        f: &UserFunc,
        args: Args,
        class: Value,
    ) -> PyResult<Value> {
        self.call_user_with(f, args, Some(class))
    }

    fn call_user_with(
        &mut self,
        f: &UserFunc,
        args: Args,
        class: Option<Value>,
    ) -> PyResult<Value> {
        let first_arg = class.as_ref().and_then(|_| args.pos.first().cloned());
        if self.depth + 1 >= RECURSION_LIMIT {
            return Err(PyError::new(
                "RecursionError",
                "maximum recursion depth exceeded",
            ));
        }
        let vars = bind(f, args)?;
        let generator = f.def.generator;
        let frame = Rc::new(Frame {
            vars: std::cell::RefCell::new(vars),
            locals: f.def.locals.clone(),
            globals: f.def.globals.clone(),
            parent: f.closure.clone(),
            class,
            first_arg,
            ..Frame::default()
        });
        if generator {
            return Ok(super::generator::new_generator(
                f.def.clone(),
                frame,
                self.dying_queue(),
            ));
        }
        self.depth += 1;
        let def = f.def.clone();
        let result = on_big_stack(|| self.in_frame(frame, false, |s| s.exec_suite(&def.body)));
        self.depth -= 1;
        Ok(match result? {
            Flow::Return(v) => v,
            _ => Value::None,
        })
    }
}

/// Runs `f`, first moving to a new stack segment when little is left.
pub(super) fn on_big_stack<T>(f: impl FnOnce() -> T) -> T {
    stacker::maybe_grow(RED_ZONE, SEGMENT, f)
}

/// Binds call arguments to the function's parameters, as CPython does.
fn bind(f: &UserFunc, args: Args) -> PyResult<std::collections::HashMap<String, Value>> {
    let p = &f.def.params;
    let name = &f.def.qualname;
    let mut vars = std::collections::HashMap::new();
    let npos = p.positional.len();
    let given = args.pos.len();
    let mut pos = args.pos.into_iter();
    for (pname, _) in p.positional.iter().take(given) {
        if let Some(v) = pos.next() {
            vars.insert(pname.clone(), v);
        }
    }
    let extra: Vec<Value> = pos.collect();
    match &p.varargs {
        Some(va) => {
            vars.insert(va.clone(), Value::tuple(extra));
        }
        None if !extra.is_empty() => {
            let required = p.positional.iter().filter(|(_, d)| d.is_none()).count();
            let takes = if required == npos {
                format!("{npos}")
            } else {
                format!("from {required} to {npos}")
            };
            let kwonly_given = args
                .kw
                .iter()
                .filter(|(k, _)| p.kwonly.iter().any(|(n, _)| n == k))
                .count();
            let plural = if npos == 1 && required == npos {
                ""
            } else {
                "s"
            };
            let was = if given == 1 { "was" } else { "were" };
            let msg = if kwonly_given > 0 {
                let kplural = if kwonly_given == 1 { "" } else { "s" };
                format!(
                    "{name}() takes {takes} positional argument{plural} but {given} positional argument{} (and {kwonly_given} keyword-only argument{kplural}) were given",
                    if given == 1 { "" } else { "s" }
                )
            } else {
                format!(
                    "{name}() takes {takes} positional argument{plural} but {given} {was} given"
                )
            };
            return Err(PyError::type_error(msg));
        }
        None => {}
    }
    let mut extra_kw: Vec<(Value, Value)> = Vec::new();
    let mut posonly_as_kw: Vec<String> = Vec::new();
    for (k, v) in args.kw {
        let is_pos = p
            .positional
            .iter()
            .position(|(n, _)| *n == k)
            .filter(|&i| i >= p.positional_only);
        let is_kwonly = p.kwonly.iter().any(|(n, _)| *n == k);
        if is_pos.is_some() || is_kwonly {
            if vars.contains_key(&k) {
                return Err(PyError::type_error(format!(
                    "{name}() got multiple values for argument '{k}'"
                )));
            }
            vars.insert(k, v);
        } else if p.varkw.is_some() {
            extra_kw.push((Value::str(&k), v));
        } else if p.positional[..p.positional_only]
            .iter()
            .any(|(n, _)| *n == k)
        {
            posonly_as_kw.push(k);
        } else {
            return Err(PyError::type_error(format!(
                "{name}() got an unexpected keyword argument '{k}'"
            )));
        }
    }
    if !posonly_as_kw.is_empty() {
        return Err(PyError::type_error(format!(
            "{name}() got some positional-only arguments passed as keyword arguments: '{}'",
            posonly_as_kw.join(", ")
        )));
    }
    if let Some(vk) = &p.varkw {
        vars.insert(
            vk.clone(),
            Value::Dict(Rc::new(std::cell::RefCell::new(extra_kw))),
        );
    }
    // Defaults, then what is still missing.
    let first_default = npos - f.defaults.len();
    let mut missing = Vec::new();
    for (i, (pname, _)) in p.positional.iter().enumerate() {
        if vars.contains_key(pname) {
            continue;
        }
        if i >= first_default {
            vars.insert(pname.clone(), f.defaults[i - first_default].clone());
        } else {
            missing.push(pname.clone());
        }
    }
    if !missing.is_empty() {
        return Err(missing_error(name, "positional", &missing));
    }
    for (pname, _) in &p.kwonly {
        if vars.contains_key(pname) {
            continue;
        }
        let default = f
            .kwdefaults
            .borrow()
            .iter()
            .find(|(n, _)| matches!(n, Value::Str(n) if n.as_ref() == pname.as_str()))
            .map(|(_, d)| d.clone());
        match default {
            Some(d) => {
                vars.insert(pname.clone(), d);
            }
            None => missing.push(pname.clone()),
        }
    }
    if !missing.is_empty() {
        return Err(missing_error(name, "keyword-only", &missing));
    }
    Ok(vars)
}

/// `f() missing 2 required positional arguments: 'a' and 'b'`.
fn missing_error(name: &str, kind: &str, missing: &[String]) -> PyError {
    let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    };
    let plural = if missing.len() == 1 { "" } else { "s" };
    PyError::type_error(format!(
        "{name}() missing {} required {kind} argument{plural}: {list}",
        missing.len()
    ))
}
