//! NumPy's `__array__` protocol for the learner's classes: an object whose
//! class defines `__array__` converts to the array that method returns
//! (`np.asarray(obj)`, `np.sum(obj)`, `np.array([obj, obj])`). Without it
//! such an object became a 0-d object array: a wrong shape, silently.

use super::args::Args;
use super::error::{PyError, PyResult};
use super::session::Session;
use super::value::Value;

/// Whether `v` is, or a list or tuple holds, an object with `__array__`.
/// Nesting deeper than NumPy's 64 dimensions is not searched (a list
/// that contains itself would never end).
pub fn mentions(v: &Value) -> bool {
    mentions_within(v, MAX_DIMS)
}

const MAX_DIMS: usize = 64;

fn mentions_within(v: &Value, depth: usize) -> bool {
    match v {
        _ if depth == 0 => false,
        Value::List(l) => l.borrow().iter().any(|x| mentions_within(x, depth - 1)),
        Value::Tuple(t) => t.iter().any(|x| mentions_within(x, depth - 1)),
        _ => super::classes::has_method(v, "__array__"),
    }
}

/// `v` with every object that defines `__array__` replaced by the array
/// it returns; lists and tuples without one are kept as they are.
pub fn resolve(s: &mut Session, v: Value) -> PyResult<Value> {
    resolve_within(s, v, MAX_DIMS)
}

fn resolve_within(s: &mut Session, v: Value, depth: usize) -> PyResult<Value> {
    if !mentions_within(&v, depth) {
        return Ok(v);
    }
    match &v {
        Value::List(l) => {
            let items = l.borrow().clone();
            let mut out = Vec::with_capacity(items.len());
            for it in items {
                out.push(resolve_within(s, it, depth - 1)?);
            }
            Ok(Value::list(out))
        }
        Value::Tuple(t) => {
            let mut out = Vec::with_capacity(t.len());
            for it in t.iter() {
                out.push(resolve_within(s, it.clone(), depth - 1)?);
            }
            Ok(Value::tuple(out))
        }
        _ => match s.dunder(&v, "__array__", vec![]) {
            Some(Ok(a @ Value::Array(_))) => Ok(a),
            Some(Ok(_)) => Err(not_an_array()),
            Some(Err(e)) => Err(e),
            None => Ok(v),
        },
    }
}

/// The array constructors NumPy hands their `dtype` (and `copy`) to
/// `__array__`; every other function asks for the array as it is.
const CONSTRUCTORS: &[&str] = &[
    "array",
    "asarray",
    "asanyarray",
    "ascontiguousarray",
    "asfortranarray",
];

/// `np.NAME(args)`'s arguments with `__array__` objects resolved as
/// NumPy's `PyArray_FromArrayAttr_int` calls them: a constructor's object
/// gets `__array__(dtype)` when a dtype is asked for and `copy=` when it is
/// not `None`; a method without `copy` is called again without it, and
/// then `copy=False` cannot be honoured. When `__array__` took
/// `copy=True` its array counts as the copy already.
pub fn resolve_call(s: &mut Session, name: &str, args: Args) -> PyResult<Args> {
    let wants = args
        .pos
        .iter()
        .chain(args.kw.iter().map(|(_, v)| v))
        .any(mentions);
    if !wants {
        return Ok(args);
    }
    let Args { mut pos, mut kw } = args;
    if CONSTRUCTORS.contains(&name)
        && let Some(obj) = pos.first().cloned()
        && super::classes::has_method(&obj, "__array__")
    {
        let dtype = pos
            .get(1)
            .or_else(|| kw.iter().find(|(k, _)| k == "dtype").map(|(_, v)| v))
            .filter(|v| !matches!(v, Value::None))
            .map(|v| super::dtype_arg::dtype_arg(v).map(Value::DType))
            .transpose()?;
        let copy_at = kw.iter().position(|(k, _)| k == "copy");
        let copy = match copy_at.map(|i| &kw[i].1) {
            Some(Value::None) => None,
            Some(v) => Some(super::protocol::truthy(v)?),
            None if name == "array" => Some(true),
            None => None,
        };
        let call_pos: Vec<Value> = dtype.into_iter().collect();
        let mut call_kw = vec![];
        if let Some(c) = copy {
            call_kw.push(("copy".to_string(), Value::Bool(c)));
        }
        let first = call_array_method(s, &obj, call_pos.clone(), call_kw);
        let (made, copy_done) = match first {
            Err(e)
                if copy.is_some()
                    && e.kind == "TypeError"
                    && e.message.contains("unexpected keyword argument 'copy'") =>
            {
                if copy == Some(false) {
                    return Err(super::memory_order::copy_refused());
                }
                (call_array_method(s, &obj, call_pos, vec![])?, false)
            }
            other => (other?, copy == Some(true)),
        };
        if !matches!(made, Value::Array(_)) {
            return Err(not_an_array());
        }
        pos[0] = made;
        if copy_done {
            match copy_at {
                Some(i) => kw[i].1 = Value::None,
                None => kw.push(("copy".to_string(), Value::None)),
            }
        }
    }
    let mut out = Vec::with_capacity(pos.len());
    for v in pos {
        out.push(resolve(s, v)?);
    }
    let mut out_kw = Vec::with_capacity(kw.len());
    for (k, v) in kw {
        out_kw.push((k, resolve(s, v)?));
    }
    Ok(Args {
        pos: out,
        kw: out_kw,
    })
}

fn call_array_method(
    s: &mut Session,
    obj: &Value,
    pos: Vec<Value>,
    kw: Vec<(String, Value)>,
) -> PyResult<Value> {
    let method = s.getattr(obj, "__array__")?;
    s.call(&method, Args { pos, kw })
}

fn not_an_array() -> PyError {
    PyError::value("object __array__ method not producing an array")
}
