//! `PyError`: the one error a learner sees, as Python would name it.

use std::fmt;

use crate::engine::EngineError;

/// A Python exception: its class name and message.
#[derive(Debug, Clone, PartialEq)]
pub struct PyError {
    /// `IndexError`, `ValueError`, ...
    pub kind: String,
    /// The first line of the message (may be empty).
    pub message: String,
    /// The exception object `raise` raised, when there was one: what
    /// `except ... as e` binds, so `e` keeps its class, `args`, attributes
    /// and `__cause__` (errors slicelab raises itself have none).
    pub object: Option<ExcObject>,
}

/// The exception object carried by a raised [`PyError`]. It takes no part
/// in comparing errors: two errors are equal when their class and message
/// are (the same statement run in two sessions raises equal errors).
#[derive(Debug, Clone)]
pub struct ExcObject(pub super::value::Value);

impl PartialEq for ExcObject {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl PyError {
    /// An error of any class.
    pub fn new(kind: &str, message: impl Into<String>) -> PyError {
        PyError {
            kind: kind.to_string(),
            message: message.into(),
            object: None,
        }
    }
    /// `TypeError`
    pub fn type_error(message: impl Into<String>) -> PyError {
        Self::new("TypeError", message)
    }
    /// `ValueError`
    pub fn value(message: impl Into<String>) -> PyError {
        Self::new("ValueError", message)
    }
    /// `IndexError`
    pub fn index(message: impl Into<String>) -> PyError {
        Self::new("IndexError", message)
    }
    /// `NameError`
    pub fn name(name: &str) -> PyError {
        Self::new("NameError", format!("name '{name}' is not defined"))
    }
    /// `AttributeError` for a missing attribute of a type.
    /// (or an honest `NotImplementedError` when NumPy's `type_name` has
    /// `attr` and slicelab does not: see `numpy_names.rs`)
    pub fn attribute(type_name: &str, attr: &str) -> PyError {
        if let Some(e) = missing_attribute(type_name, attr) {
            return e;
        }
        Self::new(
            "AttributeError",
            format!("'{type_name}' object has no attribute '{attr}'"),
        )
    }
    /// `OverflowError`
    pub fn overflow(message: impl Into<String>) -> PyError {
        Self::new("OverflowError", message)
    }
    /// CPython's `PyLong_AsSsize_t` failing: an int past a C `Py_ssize_t`.
    pub fn ssize_overflow() -> PyError {
        Self::overflow("Python int too large to convert to C ssize_t")
    }
}

impl fmt::Display for PyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "{}: {}", self.kind, self.message)
        }
    }
}

impl From<EngineError> for PyError {
    fn from(e: EngineError) -> PyError {
        PyError::new(e.kind(), e.to_string())
    }
}

impl From<super::codecs::CodecError> for PyError {
    fn from(e: super::codecs::CodecError) -> PyError {
        PyError::new(e.kind, e.message)
    }
}

/// Result of evaluating anything.
pub type PyResult<T> = Result<T, PyError>;

/// NumPy has `owner.name` and slicelab does not (yet).
fn not_implemented(owner: &str, name: &str) -> PyError {
    // Modules as a learner writes them (`np.random.gamma`), types by
    // their class name (`ndarray.tofile`, `Generator.multinomial`).
    let shown: String = match owner {
        "numpy" => "np".into(),
        "numpy.random" | "numpy.linalg" | "numpy.fft" | "numpy.testing" | "numpy.strings"
        | "numpy.char" => owner.replacen("numpy", "np", 1),
        // The polynomial package, np.ma's modules and private modules, by
        // their full path.
        other
            if other.starts_with("numpy.polynomial")
                || other.starts_with("numpy.ma.")
                || other.starts_with("numpy.lib") =>
        {
            other.replacen("numpy", "np", 1)
        }
        "numpy._utils" => owner.into(),
        other => other.rsplit('.').next().unwrap_or(other).into(),
    };
    PyError::new(
        "NotImplementedError",
        format!("slicelab does not implement {shown}.{name} yet"),
    )
}

/// The error for `module.name` that slicelab cannot answer: Python's
/// `AttributeError` when NumPy has no such name either.
pub fn missing_module_attribute(module: &str, name: &str) -> PyError {
    if super::numpy_names::numpy_has(module, name) {
        return not_implemented(module, name);
    }
    PyError::new(
        "AttributeError",
        format!("module '{module}' has no attribute '{name}'"),
    )
}

/// The error for `obj.name` on an object of NumPy's type `type_name`
/// that slicelab cannot answer.
pub fn missing_attribute(type_name: &str, name: &str) -> Option<PyError> {
    super::numpy_names::numpy_has(type_name, name).then(|| not_implemented(type_name, name))
}
