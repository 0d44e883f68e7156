//! Python's exception classes by name, with their bases, so `except` can
//! match an error by class as Python does (`except LookupError` catches an
//! `IndexError`; NumPy's `AxisError` is both a `ValueError` and an
//! `IndexError`).

use super::object::ExcState;
use std::cell::RefCell;

use super::error::{ExcObject, PyError, PyResult};
use super::object::{Obj, object};
use super::value::{TypeObj, Value};
use crate::render::PrintOptions;

impl ExcState {
    /// A fresh exception's state: its constructor arguments.
    pub fn new(args: Vec<Value>) -> ExcState {
        ExcState {
            args: RefCell::new(args),
            ..ExcState::default()
        }
    }

    /// A fresh state of class `kind` made with `given`: an `OSError`
    /// given its fields keeps `(errno, strerror)` as `args`, as CPython's
    /// does, and the rest for `filename`.
    pub fn made(kind: &str, given: Vec<Value>) -> ExcState {
        if is_subclass(kind, "OSError") && super::os_error::OsFields::of(&given).is_some() {
            ExcState {
                args: RefCell::new(given[..2].to_vec()),
                given,
                ..ExcState::default()
            }
        } else {
            ExcState::new(given)
        }
    }

    /// `e.args`, `e.__cause__`, `e.__suppress_context__` (`None`: another
    /// name).
    pub fn attr(&self, name: &str) -> Option<PyResult<Value>> {
        Some(Ok(match name {
            "args" => Value::tuple(self.args.borrow().clone()),
            "__cause__" => self.cause.borrow().clone().unwrap_or(Value::None),
            "__suppress_context__" => Value::Bool(self.suppress_context.get()),
            "__context__" | "__traceback__" | "with_traceback" | "add_note" | "__notes__" => {
                return Some(Err(PyError::new(
                    "NotImplementedError",
                    format!("slicelab does not implement exception.{name} yet"),
                )));
            }
            _ => return None,
        }))
    }
}

/// `BaseException.__str__`: nothing, the one argument, or the tuple of
/// them (`KeyError` shows its one key as a repr).
pub fn args_str(kind: &str, args: &[Value], opts: &PrintOptions) -> String {
    if is_subclass(kind, "OSError")
        && let Some(f) = super::os_error::OsFields::of(args)
    {
        // CPython's `OSError_str`.
        let str_of = |v: &Value| super::display::str_of(v, opts);
        let repr = |v: &Value| super::display::repr(v, opts);
        let head = format!("[Errno {}] {}", str_of(f.errno), str_of(f.strerror));
        return match (f.filename, f.filename2) {
            (Some(a), Some(b)) => format!("{head}: {} -> {}", repr(a), repr(b)),
            (Some(a), None) => format!("{head}: {}", repr(a)),
            _ => head,
        };
    }
    if kind == "AxisError"
        && let Some(text) = axis_error_str(args, opts)
    {
        return text;
    }
    match args {
        [] => String::new(),
        [one] if kind == "KeyError" => super::display::repr(one, opts),
        [one] => super::display::str_of(one, opts),
        many => super::display::repr(&Value::tuple(many.to_vec()), opts),
    }
}

/// `str(AxisError(axis, ndim, msg_prefix))` as `numpy.exceptions` words
/// it when `ndim` or `msg_prefix` is given (`None`: one argument, the
/// message itself).
fn axis_error_str(args: &[Value], opts: &PrintOptions) -> Option<String> {
    let (axis, ndim, prefix) = match args {
        [axis, ndim] => (axis, ndim, &Value::None),
        [axis, ndim, prefix] => (axis, ndim, prefix),
        _ => return None,
    };
    if matches!((ndim, prefix), (Value::None, Value::None)) {
        return Some(super::display::str_of(axis, opts));
    }
    let str_of = |v: &Value| super::display::str_of(v, opts);
    let msg = format!(
        "axis {} is out of bounds for array of dimension {}",
        str_of(axis),
        str_of(ndim)
    );
    Some(match prefix {
        Value::None => msg,
        p => format!("{}: {msg}", str_of(p)),
    })
}

/// What `except ... as e` binds: the object that was raised, or for an
/// error slicelab raised itself a new instance whose one argument is the
/// message.
pub fn caught_value(err: &PyError) -> Value {
    if let Some(ExcObject(v)) = &err.object {
        return v.clone();
    }
    let args = if err.message.is_empty() {
        vec![]
    } else {
        vec![Value::str(&err.message)]
    };
    object(Obj::Exc(err.clone(), ExcState::new(args)))
}

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
    ("UnicodeEncodeError", &["UnicodeError"]),
    ("UnicodeDecodeError", &["UnicodeError"]),
    ("UnicodeTranslateError", &["UnicodeError"]),
    ("MemoryError", &["Exception"]),
    ("OSError", &["Exception"]),
    ("FileNotFoundError", &["OSError"]),
    ("FileExistsError", &["OSError"]),
    ("PermissionError", &["OSError"]),
    ("NotADirectoryError", &["OSError"]),
    ("IsADirectoryError", &["OSError"]),
    ("InterruptedError", &["OSError"]),
    ("TimeoutError", &["OSError"]),
    ("BlockingIOError", &["OSError"]),
    ("ChildProcessError", &["OSError"]),
    ("ProcessLookupError", &["OSError"]),
    ("ConnectionError", &["OSError"]),
    ("BrokenPipeError", &["ConnectionError"]),
    ("ConnectionAbortedError", &["ConnectionError"]),
    ("ConnectionRefusedError", &["ConnectionError"]),
    ("ConnectionResetError", &["ConnectionError"]),
    ("ReferenceError", &["Exception"]),
    ("StopAsyncIteration", &["Exception"]),
    ("BufferError", &["Exception"]),
    ("EOFError", &["Exception"]),
    ("ImportError", &["Exception"]),
    ("ModuleNotFoundError", &["ImportError"]),
    ("SyntaxError", &["Exception"]),
    ("IndentationError", &["SyntaxError"]),
    ("TabError", &["IndentationError"]),
    ("SystemError", &["Exception"]),
    ("Warning", &["Exception"]),
    ("UserWarning", &["Warning"]),
    ("RuntimeWarning", &["Warning"]),
    ("DeprecationWarning", &["Warning"]),
    ("PendingDeprecationWarning", &["Warning"]),
    ("FutureWarning", &["Warning"]),
    ("SyntaxWarning", &["Warning"]),
    ("ImportWarning", &["Warning"]),
    ("UnicodeWarning", &["Warning"]),
    ("BytesWarning", &["Warning"]),
    ("ResourceWarning", &["Warning"]),
    ("EncodingWarning", &["Warning"]),
    ("AxisError", &["ValueError", "IndexError"]),
    ("ComplexWarning", &["RuntimeWarning"]),
    ("DTypePromotionError", &["TypeError"]),
    ("ModuleDeprecationWarning", &["DeprecationWarning"]),
    ("RankWarning", &["RuntimeWarning"]),
    ("VisibleDeprecationWarning", &["UserWarning"]),
    ("LinAlgError", &["ValueError"]),
    ("TooHardError", &["RuntimeError"]),
    ("MaskError", &["Exception"]),
    ("BadZipFile", &["Exception"]),
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
        "MaskError" => "Exception",
        "BadZipFile" => "Exception",
        other => other,
    }
}

/// The Python or NumPy class an error is an instance of: its own class,
/// or for an instance of a learner's exception class the builtin class it
/// derives from (`class E(ValueError)` gives `ValueError`).
pub fn builtin_kind(err: &PyError) -> &str {
    err.object
        .as_ref()
        .and_then(|o| crate::eval::classes::type_of(&o.0))
        .and_then(|c| crate::eval::classes::exception_base(&c))
        .unwrap_or(&err.kind)
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
        Value::Type(TypeObj::Builtin(n)) if is_exception_class(n) => {
            Ok(is_subclass(builtin_kind(err), n))
        }
        Value::Object(o) if matches!(o.as_ref(), Obj::Class(_)) => {
            if crate::eval::classes::exception_base(class).is_none() {
                return Err(PyError::type_error(
                    "catching classes that do not inherit from BaseException is not allowed",
                ));
            }
            Ok(err
                .object
                .as_ref()
                .and_then(|o| crate::eval::classes::isinstance(&o.0, class))
                .unwrap_or(false))
        }
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
pub fn instantiate(kind: &str, args: &[Value], opts: &PrintOptions) -> Value {
    // `OSError(2, 'text')` is made a `FileNotFoundError`, as CPython's
    // `OSError.__new__` picks the subclass for the errno.
    let kind = match (kind, super::os_error::OsFields::of(args)) {
        ("OSError", Some(f)) => match f.errno {
            Value::Int(n) => super::os_error::class_for_errno(*n).unwrap_or(kind),
            _ => kind,
        },
        _ => kind,
    };
    let message = args_str(kind, args, opts);
    object(Obj::Exc(
        PyError::new(kind, message),
        ExcState::made(kind, args.to_vec()),
    ))
}

/// What `raise X` raises for NumPy's and Python's own classes: an
/// instance as it is, a class instantiated (`None`: a learner's class or
/// instance, which the session raises).
pub fn to_raise(v: &Value) -> Option<PyResult<PyError>> {
    Some(match v {
        Value::Object(o) => match o.as_ref() {
            Obj::Exc(e, _) => Ok(PyError {
                object: Some(ExcObject(v.clone())),
                ..e.clone()
            }),
            Obj::Class(_) | Obj::Instance(_) => return None,
            _ => Err(not_an_exception()),
        },
        Value::Type(TypeObj::Builtin(n)) if is_exception_class(n) => {
            return to_raise(&instantiate(n, &[], &PrintOptions::default()));
        }
        _ => Err(not_an_exception()),
    })
}

/// `raise 5`.
pub fn not_an_exception() -> PyError {
    PyError::type_error("exceptions must derive from BaseException")
}

/// An attribute of a builtin exception object: `OSError`'s fields, then
/// what every exception has.
pub fn exc_attr(kind: &str, state: &ExcState, name: &str) -> Option<PyResult<Value>> {
    if is_subclass(kind, "OSError") {
        // `ExcState::made` keeps the arguments of every OSError given its
        // fields; any other (a caught error's message) has none.
        let fields = super::os_error::OsFields::of(&state.given);
        if let Some(v) = super::os_error::OsFields::attr(fields.as_ref(), name) {
            return Some(Ok(v));
        }
    }
    state.attr(name)
}

#[cfg(test)]
mod numpy_exceptions_tests {
    /// Every class `numpy.exceptions` names is one `except` can match,
    /// with NumPy's bases.
    #[test]
    fn every_numpy_exception_is_a_known_class() {
        for n in super::super::np_exceptions::NAMES {
            assert!(super::is_exception_class(n), "{n}");
        }
        assert!(super::is_subclass("DTypePromotionError", "TypeError"));
        assert!(super::is_subclass(
            "VisibleDeprecationWarning",
            "UserWarning"
        ));
    }
}
