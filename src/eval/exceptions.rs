//! Python's exception classes by name, with their bases, so `except` can
//! match an error by class as Python does (`except LookupError` catches an
//! `IndexError`; NumPy's `AxisError` is both a `ValueError` and an
//! `IndexError`).

use super::error::{PyError, PyResult};
use super::object::{Obj, object};
use super::value::{TypeObj, Value};

/// (class, bases). `BaseException` is the root.
const CLASSES: &[(&str, &[&str])] = &[
    ("BaseException", &[]),
    ("Exception", &["BaseException"]),
    ("KeyboardInterrupt", &["BaseException"]),
    ("SystemExit", &["BaseException"]),
    ("GeneratorExit", &["BaseException"]),
    ("ArithmeticError", &["Exception"]),
    ("ZeroDivisionError", &["ArithmeticError"]),
    ("OverflowError", &["ArithmeticError"]),
    ("FloatingPointError", &["ArithmeticError"]),
    ("AssertionError", &["Exception"]),
    ("AttributeError", &["Exception"]),
    ("LookupError", &["Exception"]),
    ("IndexError", &["LookupError"]),
    ("KeyError", &["LookupError"]),
    ("NameError", &["Exception"]),
    ("UnboundLocalError", &["NameError"]),
    ("RuntimeError", &["Exception"]),
    ("RecursionError", &["RuntimeError"]),
    ("NotImplementedError", &["RuntimeError"]),
    ("StopIteration", &["Exception"]),
    ("TypeError", &["Exception"]),
    ("ValueError", &["Exception"]),
    ("UnicodeError", &["ValueError"]),
    ("MemoryError", &["Exception"]),
    ("OSError", &["Exception"]),
    ("FileNotFoundError", &["OSError"]),
    ("ImportError", &["Exception"]),
    ("ModuleNotFoundError", &["ImportError"]),
    ("SyntaxError", &["Exception"]),
    ("SystemError", &["Exception"]),
    ("Warning", &["Exception"]),
    ("UserWarning", &["Warning"]),
    ("RuntimeWarning", &["Warning"]),
    ("DeprecationWarning", &["Warning"]),
    ("AxisError", &["ValueError", "IndexError"]),
    ("ComplexWarning", &["RuntimeWarning"]),
    ("LinAlgError", &["ValueError"]),
];

/// The class object for an exception class name.
pub fn class(name: &str) -> Option<Value> {
    CLASSES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, _)| Value::Type(TypeObj::Builtin(n)))
}

/// The class name as a `'static` string (unknown kinds are `Exception`).
pub fn static_name(kind: &str) -> &'static str {
    CLASSES
        .iter()
        .find(|(n, _)| *n == kind)
        .map_or("Exception", |(n, _)| n)
}

/// The class a transcript names an error by, as the conformance oracle
/// does: Python's builtins and `numpy.exceptions` by their own name,
/// NumPy's other classes (`numpy.linalg.LinAlgError`) by their builtin
/// base.
pub fn transcript_name(kind: &str) -> &str {
    match kind {
        "LinAlgError" => "ValueError",
        other => other,
    }
}

/// The dotted path Python shows for an exception class (`type(e)`):
/// NumPy's classes live in their modules.
pub fn qualified_name(name: &str) -> String {
    match name {
        "LinAlgError" => "numpy.linalg.LinAlgError".into(),
        "AxisError" => "numpy.exceptions.AxisError".into(),
        "ComplexWarning" => "numpy.exceptions.ComplexWarning".into(),
        other => other.into(),
    }
}

/// Whether `name` names an exception class.
pub fn is_exception_class(name: &str) -> bool {
    CLASSES.iter().any(|(n, _)| *n == name)
}

/// Whether class `kind` is `base` or derives from it. An unknown kind is an
/// `Exception`.
pub fn is_subclass(kind: &str, base: &str) -> bool {
    if kind == base {
        return true;
    }
    let bases: &[&str] = CLASSES
        .iter()
        .find(|(n, _)| *n == kind)
        .map_or(&["Exception"], |(_, b)| b);
    bases.iter().any(|b| is_subclass(b, base))
}

/// Whether `err` matches an `except` clause's class value (a class or a
/// tuple of classes).
pub fn matches(err: &PyError, class: &Value) -> PyResult<bool> {
    match class {
        Value::Type(TypeObj::Builtin(n)) if is_exception_class(n) => Ok(is_subclass(&err.kind, n)),
        Value::Tuple(items) => {
            for c in items.iter() {
                if matches(err, c)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(PyError::type_error(
            "catching classes that do not inherit from BaseException is not allowed",
        )),
    }
}

/// `ValueError("msg")`: an exception instance.
pub fn instantiate(kind: &str, args: &[Value], opts: &crate::render::PrintOptions) -> Value {
    let message = match args {
        [] => String::new(),
        [one] if kind == "KeyError" => super::display::repr(one, opts),
        [one] => super::display::str_of(one, opts),
        many => super::display::repr(&Value::tuple(many.to_vec()), opts),
    };
    object(Obj::Exc(PyError::new(kind, message)))
}

/// What `raise X` raises: an instance as it is, a class instantiated.
pub fn to_raise(v: &Value) -> PyResult<PyError> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::Exc(e) => Ok(e.clone()),
            _ => Err(PyError::type_error(
                "exceptions must derive from BaseException",
            )),
        },
        Value::Type(TypeObj::Builtin(n)) if is_exception_class(n) => Ok(PyError::new(n, "")),
        _ => Err(PyError::type_error(
            "exceptions must derive from BaseException",
        )),
    }
}
