//! `assert_raises` and `assert_raises_regex`, which NumPy takes from
//! `unittest`'s `assertRaises`/`assertRaisesRegex`: called with a function
//! they call it and check what it raised; called with the class alone
//! they return a context manager that checks the `with` block. An
//! exception of the expected class is swallowed (kept as `cm.exception`),
//! any other passes through, and none at all is an `AssertionError`
//! (`ValueError not raised by <lambda>`). The regex is searched in
//! `str(exception)` with Rust's `regex` crate, which reads Python's
//! patterns except lookaround and backreferences (refused, not guessed).

use super::super::args::Args;
use super::super::error::{PyError, PyResult};
use super::super::exceptions;
use super::super::session::Session;
use super::super::value::{TypeObj, Value};

fn is_exception_class(v: &Value) -> bool {
    match v {
        Value::Type(TypeObj::Builtin(n)) => exceptions::is_exception_class(n),
        Value::Object(_) => crate::eval::classes::exception_base(v).is_some(),
        _ => false,
    }
}

/// `assert_raises(expected, [callable, *args], **kwargs)` (with
/// `pattern` for `assert_raises_regex`).
pub(super) fn assert_raises(
    s: &mut Session,
    mut pos: Vec<Value>,
    mut kw: Vec<(String, Value)>,
    pattern: Option<Value>,
) -> PyResult<Value> {
    let method = if pattern.is_some() {
        "assertRaisesRegex"
    } else {
        "assertRaises"
    };
    if pos.is_empty() {
        return Err(PyError::type_error(format!(
            "TestCase.{method}() missing 1 required positional argument: 'expected_exception'"
        )));
    }
    let expected = pos.remove(0);
    let valid = match &expected {
        Value::Tuple(items) => items.iter().all(is_exception_class),
        v => is_exception_class(v),
    };
    if !valid {
        return Err(PyError::type_error(format!(
            "{method}() arg 1 must be an exception type or tuple of exception types"
        )));
    }
    if let Some(p) = &pattern
        && !matches!(p, Value::Str(_))
    {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's assert_raises_regex takes the pattern as a string",
        ));
    }
    if pos.is_empty() {
        kw.retain(|(k, _)| k != "msg");
        if let Some((k, _)) = kw.first() {
            return Err(PyError::type_error(format!(
                "'{k}' is an invalid keyword argument for this function"
            )));
        }
        return Ok(crate::eval::object::object(
            crate::eval::object::Obj::Context(crate::eval::object::Context::Raises(
                crate::eval::object::RaisesContext {
                    expected,
                    regex: pattern,
                    exception: std::cell::RefCell::new(None),
                },
            )),
        ));
    }
    let callable = pos.remove(0);
    let name = match s.getattr(&callable, "__name__") {
        Ok(n) => s.py_str(&n)?,
        Err(_) => s.py_str(&callable)?,
    };
    let result = s.call(&callable, Args { pos, kw });
    check(
        s,
        &expected,
        pattern.as_ref(),
        Some(&name),
        result.map(|_| ()),
    )
    .map(|_| Value::None)
}

/// The end of an `assert_raises` check: what the code raised against what
/// was expected. The caught exception, or the error to raise.
fn check(
    s: &mut Session,
    expected: &Value,
    pattern: Option<&Value>,
    callable: Option<&str>,
    result: PyResult<()>,
) -> PyResult<Value> {
    let err = match result {
        Ok(()) => {
            let name = match expected {
                Value::Tuple(_) => s.py_str(expected)?,
                v => match s.getattr(v, "__name__") {
                    Ok(n) => s.py_str(&n)?,
                    Err(_) => s.py_str(v)?,
                },
            };
            return Err(PyError::new(
                "AssertionError",
                match callable {
                    Some(c) => format!("{name} not raised by {c}"),
                    None => format!("{name} not raised"),
                },
            ));
        }
        Err(e) => e,
    };
    if !exceptions::matches(&err, expected)? {
        return Err(err);
    }
    let value = exceptions::caught_value(&err);
    if let Some(Value::Str(p)) = pattern {
        let text = s.py_str(&value)?;
        let re = regex::Regex::new(p).map_err(|_| {
            PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab cannot read the regular expression {:?} \
                     (no lookaround or backreferences)",
                    p.as_ref()
                ),
            )
        })?;
        if !re.is_match(&text) {
            return Err(PyError::new(
                "AssertionError",
                format!("\"{p}\" does not match \"{text}\""),
            ));
        }
    }
    Ok(value)
}

/// `__exit__` of `with assert_raises(...)`: the block's outcome checked,
/// a matching exception swallowed and kept for `cm.exception`.
pub(in crate::eval) fn exit_raises<T>(
    s: &mut Session,
    ctx: &Value,
    result: PyResult<T>,
    swallowed: T,
) -> PyResult<T> {
    let Value::Object(o) = ctx else {
        return result;
    };
    let crate::eval::object::Obj::Context(crate::eval::object::Context::Raises(c)) = o.as_ref()
    else {
        return result;
    };
    let caught = check(s, &c.expected, c.regex.as_ref(), None, result.map(|_| ()))?;
    *c.exception.borrow_mut() = Some(caught);
    Ok(swallowed)
}
