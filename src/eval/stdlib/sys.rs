//! Python's `sys` module, the parts tutorials print: `sys.getsizeof`
//! (for arrays, NumPy's `ndarray.__sizeof__`), `version_info`, `maxsize`
//! and a few constants of the CPython the oracle runs (3.11).

use crate::eval::args::Args;
use crate::eval::error::{PyError, PyResult};
use crate::eval::object::NamedTupleClass;
use crate::eval::session::Session;
use crate::eval::value::Value;

/// `sys.version_info`'s class.
static VERSION_INFO: NamedTupleClass = NamedTupleClass {
    name: "sys.version_info",
    path: "sys.version_info",
    fields: &["major", "minor", "micro", "releaselevel", "serial"],
};

/// `sys.NAME`.
pub fn attr(name: &str) -> Option<Value> {
    Some(match name {
        "maxsize" => Value::Int(i64::MAX as i128),
        "byteorder" => Value::str("little"),
        "platform" => Value::str("linux"),
        "version_info" => crate::eval::named_tuple::make(
            &VERSION_INFO,
            vec![
                Value::Int(3),
                Value::Int(11),
                Value::Int(7),
                Value::str("final"),
                Value::Int(0),
            ],
        ),
        "getsizeof" | "getrecursionlimit" => Value::func(&format!("sys.{name}")),
        _ => return None,
    })
}

/// Calls `sys.NAME(...)`.
pub fn call(_s: &mut Session, full: &str, args: Args) -> PyResult<Result<Value, Args>> {
    match full {
        "sys.getrecursionlimit" => {
            if !args.pos.is_empty() || !args.kw.is_empty() {
                return Err(PyError::type_error(format!(
                    "sys.getrecursionlimit() takes no arguments ({} given)",
                    args.pos.len()
                )));
            }
            Ok(Ok(Value::Int(1000)))
        }
        "sys.getsizeof" => {
            let n = args.pos.len() + args.kw.len();
            if n > 2 {
                return Err(PyError::type_error(format!(
                    "getsizeof() takes at most 2 arguments ({n} given)"
                )));
            }
            let obj = args.req(0, "object", "getsizeof")?;
            getsizeof(obj).map(|v| Ok(Value::Int(v as i128)))
        }
        _ => Ok(Err(args)),
    }
}

/// `sys.getsizeof(x)` for the objects whose size CPython 3.11 fixes
/// (64-bit build); others are refused rather than guessed (a list's size
/// depends on how it grew).
fn getsizeof(v: &Value) -> PyResult<usize> {
    Ok(match v {
        // `array_sizeof`: the object, two words per axis, and the data
        // when the array owns it.
        Value::Array(a) => {
            let data = if a.owndata() {
                a.size() * a.dtype().itemsize()
            } else {
                0
            };
            96 + 16 * a.ndim() + data
        }
        Value::None => 16,
        Value::Bool(_) => 28,
        Value::Int(i) => {
            // 30-bit digits, at least one.
            let bits = 128 - i.unsigned_abs().leading_zeros() as usize;
            24 + 4 * bits.div_ceil(30).max(1)
        }
        Value::Float(_) => 24,
        Value::Complex(..) => 32,
        Value::Str(s) if s.is_ascii() => 49 + s.len(),
        Value::Tuple(t) => 40 + 8 * t.len(),
        other => {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab does not compute sys.getsizeof of a '{}' object",
                    other.type_name()
                ),
            ));
        }
    })
}
