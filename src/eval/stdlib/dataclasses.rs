//! `dataclasses`' native helpers. The module itself is CPython 3.11's
//! `Lib/dataclasses.py` ported to `py/dataclasses.py`; what Python does
//! there with `exec` and with a class's `__dict__` is done here:
//! `_create_fn` compiles the text of a generated method (`__init__`,
//! `__repr__`, `__eq__`, ...) in a frame holding its locals, as CPython's
//! `_create_fn` runs `exec`; the rest reads a class's own attributes, its
//! MRO, a function's parameters and an annotation's text for the class
//! docstring CPython builds with `inspect.signature`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use crate::eval::args::Args;
use crate::eval::error::{PyError, PyResult};
use crate::eval::object::{Frame, Hint, Obj, UserFunc, class_of, object};
use crate::eval::session::Session;
use crate::eval::value::Value;
use crate::syntax::ast::Stmt;

/// The natives `py/dataclasses.py` reads through `mod.NAME`.
const NATIVES: &[&str] = &[
    "_create_fn",
    "_renamed",
    "_method_of",
    "_is_classvar",
    "_own",
    "_own_items",
    "_mro_bases",
    "_unhashable",
    "_mappingproxy",
    "_params",
    "_hint_text",
];

/// `dataclasses.NAME` for a native.
pub fn attr(name: &str) -> Option<Value> {
    NATIVES
        .contains(&name)
        .then(|| Value::func(&format!("dataclasses.{name}")))
}

fn internal(what: &str) -> PyError {
    PyError::new(
        "SystemError",
        format!("slicelab's dataclasses called a native wrongly: {what}"),
    )
}

fn text(v: &Value) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        _ => Err(internal("a name is not a str")),
    }
}

fn texts(v: &Value) -> PyResult<Vec<String>> {
    match v {
        Value::List(l) => l.borrow().iter().map(text).collect(),
        Value::Tuple(t) => t.iter().map(text).collect(),
        _ => Err(internal("not a list of str")),
    }
}

/// Calls the native `name` (`dataclasses._create_fn`, ...).
pub fn call(s: &mut Session, name: &str, args: Args) -> PyResult<Result<Value, Args>> {
    let Some(short) = name.strip_prefix("dataclasses.") else {
        return Ok(Err(args));
    };
    let p = &args.pos;
    let arg = |i: usize| p.get(i).ok_or_else(|| internal(short));
    Ok(Ok(match short {
        "_create_fn" => create_fn(
            s,
            &text(arg(0)?)?,
            &texts(arg(1)?)?,
            &texts(arg(2)?)?,
            arg(3)?,
            arg(4)?,
        )?,
        "_renamed" => renamed(arg(0)?, &text(arg(1)?)?, &text(arg(2)?)?)?,
        // `_set_qualname`: a function becomes `Class.name`; other values
        // (`__match_args__`, `None`) stay as they are.
        "_method_of" => match arg(0)? {
            Value::Object(o) if let Obj::Func(u) = o.as_ref() => {
                let q = format!("{}.{}", text(arg(1)?)?, u.def.name);
                renamed(arg(0)?, &u.def.name.clone(), &q)?
            }
            other => other.clone(),
        },
        "_is_classvar" => Value::Bool(is_classvar(arg(0)?)),
        "_own" => Value::Bool(own(arg(0)?, &text(arg(1)?)?).is_some()),
        "_own_items" => {
            let c = class_of(arg(0)?).ok_or_else(|| internal("not a class"))?;
            let items = c
                .attrs
                .borrow()
                .iter()
                .map(|(k, v)| Value::tuple(vec![Value::str(k), v.clone()]))
                .collect();
            Value::list(items)
        }
        "_mro_bases" => {
            let order = crate::eval::classes::mro(arg(0)?);
            Value::list(
                order
                    .into_iter()
                    .skip(1)
                    .filter(|c| class_of(c).is_some())
                    .collect(),
            )
        }
        "_unhashable" => Value::Bool(unhashable(arg(0)?)),
        "_mappingproxy" => object(Obj::MappingProxy(arg(0)?.clone())),
        "_params" => params(arg(0)?, arg(1)?),
        "_hint_text" => hint_text(s, arg(0)?)?,
        _ => return Ok(Err(args)),
    }))
}

/// CPython's `_create_fn`: `def NAME(ARGS)[->_return_type]:` and the body
/// lines, compiled and made a function in a frame whose variables are
/// `locals` (the defaults, the types, the sentinels the text names), so
/// defaults and annotations are evaluated there and the body reads them
/// as closure cells; other names are the learner's globals, as the
/// class's module's are in CPython. `qualname` is `Class.name`.
fn create_fn(
    s: &mut Session,
    name: &str,
    params: &[String],
    body: &[String],
    locals: &Value,
    qualname: &Value,
) -> PyResult<Value> {
    let Value::Dict(locals) = locals else {
        return Err(internal("locals is not a dict"));
    };
    let mut vars = HashMap::new();
    for (k, v) in locals.borrow().iter() {
        vars.insert(text(k)?, v.clone());
    }
    let returns = if vars.contains_key("_return_type") {
        "->_return_type"
    } else {
        ""
    };
    let mut source = format!("def {name}({}){returns}:\n", params.join(","));
    for line in body {
        source.push_str("  ");
        source.push_str(line);
        source.push('\n');
    }
    let mut def = match crate::syntax::parse_stmt(&source) {
        Ok(Stmt::FunctionDef(def)) => def,
        Ok(_) => return Err(internal("not one def")),
        Err(e) => return Err(PyError::new("SyntaxError", e.message)),
    };
    if let Value::Str(q) = qualname {
        Arc::make_mut(&mut def).qualname = q.to_string();
    }
    let frame = Rc::new(Frame {
        locals: vars.keys().cloned().collect(),
        vars: RefCell::new(vars),
        ..Frame::default()
    });
    let outer = s.scope.replace(frame);
    let made = s.make_function(&def);
    s.scope = outer;
    made
}

/// A copy of a function under another `__name__` and `__qualname__`
/// (what `functools.wraps` and `_set_qualname` set on a wrapper): the
/// same code, defaults, annotations and closure.
fn renamed(f: &Value, name: &str, qualname: &str) -> PyResult<Value> {
    let Value::Object(o) = f else {
        return Err(internal("not a function"));
    };
    let Obj::Func(u) = o.as_ref() else {
        return Ok(f.clone());
    };
    let mut def = (*u.def).clone();
    def.name = name.to_string();
    def.qualname = qualname.to_string();
    Ok(object(Obj::Func(UserFunc {
        def: Arc::new(def),
        defaults: u.defaults.clone(),
        kwdefaults: Rc::new(RefCell::new(u.kwdefaults.borrow().clone())),
        closure: u.closure.clone(),
        annotations: u.annotations.clone(),
    })))
}

/// `typing.ClassVar` or `typing.ClassVar[...]`.
fn is_classvar(v: &Value) -> bool {
    let Value::Object(o) = v else {
        return false;
    };
    match o.as_ref() {
        Obj::Hint(Hint::Form(f)) => *f == "ClassVar",
        Obj::Hint(Hint::Alias { origin, .. }) => origin == "typing.ClassVar",
        _ => false,
    }
}

/// `cls.__dict__.get(name)`: the class's own attribute.
fn own(class: &Value, name: &str) -> Option<Value> {
    class_of(class)?
        .attrs
        .borrow()
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

/// Whether the class of `v` sets `__hash__` to `None` (CPython's test for
/// a mutable default: `f.default.__class__.__hash__ is None`). A tuple is
/// hashable as a class whatever it holds.
fn unhashable(v: &Value) -> bool {
    match crate::eval::named_tuple::plain(v) {
        Value::Tuple(_) => false,
        other => crate::eval::set_table::check_hashable(other).is_err(),
    }
}

/// A function's parameters for `inspect.signature`'s text: tuples of
/// (kind, name, annotation, default), kind `0` positional, `1` `*args`,
/// `2` keyword-only, `3` `**kwargs`; `missing` where there is none.
/// Anything but the learner's function has none.
fn params(f: &Value, missing: &Value) -> Value {
    let Value::Object(o) = f else {
        return Value::list(Vec::new());
    };
    let Obj::Func(u) = o.as_ref() else {
        return Value::list(Vec::new());
    };
    let notes: Vec<(Value, Value)> = match &u.annotations {
        Ok(Value::Dict(d)) => d.borrow().clone(),
        _ => Vec::new(),
    };
    let note = |n: &str| {
        notes
            .iter()
            .find(|(k, _)| matches!(k, Value::Str(s) if s.as_ref() == n))
            .map_or(missing.clone(), |(_, v)| v.clone())
    };
    let p = &u.def.params;
    let first_default = p.positional.len() - u.defaults.len();
    let mut out = Vec::new();
    for (i, (n, _)) in p.positional.iter().enumerate() {
        let d = i
            .checked_sub(first_default)
            .map_or(missing.clone(), |j| u.defaults[j].clone());
        out.push(Value::tuple(vec![Value::Int(0), Value::str(n), note(n), d]));
    }
    if let Some(n) = &p.varargs {
        out.push(Value::tuple(vec![
            Value::Int(1),
            Value::str(n),
            note(n),
            missing.clone(),
        ]));
    }
    for (n, _) in &p.kwonly {
        let d = u
            .kwdefaults
            .borrow()
            .iter()
            .find(|(k, _)| matches!(k, Value::Str(k) if k.as_ref() == n.as_str()))
            .map_or(missing.clone(), |(_, v)| v.clone());
        out.push(Value::tuple(vec![Value::Int(2), Value::str(n), note(n), d]));
    }
    if let Some(n) = &p.varkw {
        out.push(Value::tuple(vec![
            Value::Int(3),
            Value::str(n),
            note(n),
            missing.clone(),
        ]));
    }
    Value::list(out)
}

/// `inspect.formatannotation` of an annotation that is no class: a
/// `typing` form's repr with each `typing.` prefix taken off, anything
/// else's repr.
fn hint_text(s: &mut Session, v: &Value) -> PyResult<Value> {
    let shown = s.py_repr(v)?;
    let typing = matches!(v, Value::Object(o) if matches!(o.as_ref(), Obj::Hint(h) if h.type_name().starts_with("typing.")));
    if !typing {
        return Ok(Value::str(&shown));
    }
    // `re.sub(r'[\w\.]+', lambda m: m.group().removeprefix('typing.'), text)`
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        out.push_str(word.strip_prefix("typing.").unwrap_or(word));
        word.clear();
    };
    for c in shown.chars() {
        if c.is_alphanumeric() || c == '_' || c == '.' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    Ok(Value::str(&out))
}
