//! What an instance of a learner's subclass of `np.ndarray` is, as data:
//! the array it holds, whether arguments hold one, the plain array it
//! stands for, its repr and length. A floor below the evaluator's
//! routines, so that the builtins, the printer and the teaching view ask
//! these questions without reaching `subclass.rs`, which runs the
//! learner's `__array_finalize__` and so stands above them.

use crate::engine::{ArrayRef, NdArray};

use super::args::Args;
use super::error::{PyError, PyResult};
use super::value::Value;

pub use super::classes::{array_part as part, derives_ndarray};

/// The refusal for a path that does not model a subclass instance.
pub fn refuse(what: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("slicelab does not pass a subclass of np.ndarray to {what} yet"),
    )
}

/// The engine array a value is, or an instance of a learner's ndarray
/// subclass holds: what the teaching view draws and watches for it.
pub fn array_held(v: &Value) -> Option<&ArrayRef> {
    match v {
        Value::Array(a) => Some(a),
        other => part(other).map(|p| &p.arr),
    }
}

/// Is `v` an instance of a learner's subclass of `np.ndarray`?
pub fn is_sub(v: &Value) -> bool {
    part(v).is_some()
}

/// How deep [`involves`] looks into nested lists: NumPy's 64 dimensions.
const MAX_NESTING: usize = 64;

/// Does `v` hold an instance (itself, or inside nested lists and tuples)?
pub fn involves(v: &Value) -> bool {
    fn within(v: &Value, depth: usize) -> bool {
        is_sub(v)
            || depth > 0
                && match v {
                    Value::List(l) => l.borrow().iter().any(|x| within(x, depth - 1)),
                    Value::Tuple(t) => t.iter().any(|x| within(x, depth - 1)),
                    _ => false,
                }
    }
    within(v, MAX_NESTING)
}

/// Does any argument hold an instance?
pub fn in_args(args: &Args) -> bool {
    args.any_value(involves)
}

/// The plain ndarray an instance stands for in NumPy's own code (a new
/// view, as `np.asarray` makes); other values unchanged, lists and tuples
/// looked into.
pub fn unwrap(v: &Value) -> Value {
    fn within(v: &Value, depth: usize) -> Value {
        if let Some(p) = part(v) {
            return Value::Array(NdArray::view_with(&p.arr, p.arr.layout()));
        }
        if depth == 0 || !involves(v) {
            return v.clone();
        }
        match v {
            Value::List(l) => {
                Value::list(l.borrow().iter().map(|x| within(x, depth - 1)).collect())
            }
            Value::Tuple(t) => Value::tuple(t.iter().map(|x| within(x, depth - 1)).collect()),
            other => other.clone(),
        }
    }
    within(v, MAX_NESTING)
}

/// `len(c)`.
pub fn len(me: &Value) -> PyResult<usize> {
    match part(me).expect("an instance").arr.shape().first() {
        Some(&n) => Ok(n),
        None => Err(PyError::type_error("len() of unsized object")),
    }
}
