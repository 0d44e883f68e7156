//! The calls of a Python `bytearray` that run the learner's code or read
//! arguments: the constructor (it iterates any iterable), slice assignment
//! and the methods. Kept apart from `bytearray.rs`, which the object model
//! and operators use, because these need the `Session`.

use super::args::Args;
use super::bytearray::{ByteArray, byte_of, bytes_like, int_of, make, position, resize_to};
use super::error::{PyError, PyResult};
use super::session::Session;
use super::value::Value;

/// The bytes an iterable of integers (or a bytes-like object) gives.
fn bytes_from(s: &mut Session, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_like(v) {
        return Ok(b);
    }
    // Python reads a NumPy array's or scalar's buffer (its raw bytes in
    // C order), not its items.
    if let Value::Array(_) | Value::NpScalar(..) = v {
        let m = super::object::MemView::make(v)?;
        return super::object::MemView::of(&m).map_or(Ok(vec![]), |m| m.to_bytes(false));
    }
    if let Some(m) = super::object::MemView::of(v) {
        return m.to_bytes(false);
    }
    s.iterate_all(v)?.iter().map(byte_of).collect()
}

/// `bytearray()`, `bytearray(n)`, `bytearray(b'..')`, `bytearray(iterable)`
/// and `bytearray(text, encoding)`.
pub fn construct(s: &mut Session, args: &Args) -> PyResult<Value> {
    make(&source_bytes(s, args, "bytearray")?)
}

/// The bytes `bytes(...)` or `bytearray(...)` (`what`, for the messages)
/// makes of its arguments: nothing, a count of zeros, a bytes-like object,
/// an iterable of ints, or text with its encoding.
pub fn source_bytes(s: &mut Session, args: &Args, what: &str) -> PyResult<Vec<u8>> {
    let first = args.pos.first().or_else(|| args.kw("source"));
    let encoding = args.pos.get(1).or_else(|| args.kw("encoding"));
    let Some(first) = first else {
        return Ok(vec![]);
    };
    match (first, encoding) {
        (Value::Str(t), Some(Value::Str(e))) => {
            let e = e.to_lowercase().replace('_', "-");
            match e.as_str() {
                "utf-8" | "utf8" => Ok(t.as_bytes().to_vec()),
                "ascii" | "latin-1" | "latin1" if t.is_ascii() => Ok(t.as_bytes().to_vec()),
                _ => Err(PyError::new(
                    "NotImplementedError",
                    format!("{what}() with encoding {e:?} is not supported in slicelab"),
                )),
            }
        }
        (Value::Str(_), None) => Err(PyError::type_error("string argument without an encoding")),
        (_, Some(_)) => Err(PyError::type_error("encoding without a string argument")),
        // An integer NumPy scalar is a count (`__index__` is asked before
        // the buffer); other NumPy values give their buffer's bytes.
        (Value::Array(_) | Value::NpScalar(..), None) if int_of(first).is_none() => {
            bytes_from(s, first)
        }
        // Either sign is past ssize_t, which CPython checks before the sign.
        (Value::BigInt(_), None) => Err(PyError::overflow(
            "cannot fit 'int' into an index-sized integer",
        )),
        (v, None) if int_of(v).is_some() => {
            let n = int_of(v).unwrap_or_default();
            if n < 0 {
                return Err(PyError::value("negative count"));
            }
            let n = usize::try_from(n).map_err(|_| {
                PyError::new(
                    "OverflowError",
                    "cannot fit 'int' into an index-sized integer",
                )
            })?;
            crate::engine::buffer::python_room(n, 1)?;
            Ok(vec![0; n])
        }
        (Value::Float(_) | Value::Complex(..) | Value::None, None) => Err(PyError::type_error(
            format!("cannot convert '{}' object to {what}", first.type_name()),
        )),
        // CPython's `bytes` names itself in the range error.
        (v, None) => bytes_from(s, v).map_err(|e| match what {
            "bytes" if e.message == "byte must be in range(0, 256)" => {
                PyError::value("bytes must be in range(0, 256)")
            }
            _ => e,
        }),
    }
}

/// `ba[i] = n` and `ba[a:b:c] = bytes`.
pub fn setitem(s: &mut Session, b: &ByteArray, idx: &Value, value: &Value) -> PyResult<()> {
    let Value::Slice(parts) = idx else {
        let i = position(idx, b.len())?;
        let v = byte_of(value)?;
        b.write_at(&[i], &[v]);
        return Ok(());
    };
    if int_of(value).is_some() {
        return Err(PyError::type_error(
            "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
        ));
    }
    let new = bytes_from(s, value)?;
    let old = b.to_vec();
    let step = match &parts[2] {
        Value::None => 1,
        v => int_of(v).unwrap_or(1),
    };
    let positions = super::seq_index::slice_positions(parts, old.len() as i128)?;
    if step != 1 {
        if positions.len() != new.len() {
            return Err(PyError::value(format!(
                "attempt to assign bytes of size {} to extended slice of size {}",
                new.len(),
                positions.len()
            )));
        }
        b.write_at(&positions, &new);
        return Ok(());
    }
    if positions.len() == new.len() {
        b.write_at(&positions, &new);
        return Ok(());
    }
    let (start, _, _) = super::seq_index::slice_adjusted(parts, old.len() as i128)?;
    let start = start as usize;
    let mut out = old[..start].to_vec();
    out.extend_from_slice(&new);
    out.extend_from_slice(&old[start + positions.len()..]);
    resize_to(b, &out)
}

/// `ba.method(...)`.
pub fn call_method(s: &mut Session, b: &ByteArray, name: &str, args: &Args) -> PyResult<Value> {
    let mut bytes = b.to_vec();
    match name {
        "append" => {
            bytes.push(byte_of(args.req(0, "item", "append")?)?);
            resize_to(b, &bytes)?;
            Ok(Value::None)
        }
        "extend" => {
            let more = bytes_from(s, args.req(0, "iterable_of_ints", "extend")?)?;
            bytes.extend_from_slice(&more);
            resize_to(b, &bytes)?;
            Ok(Value::None)
        }
        "clear" => {
            resize_to(b, &[])?;
            Ok(Value::None)
        }
        "pop" => {
            let i = match args.pos.first() {
                None => -1,
                Some(v) => int_of(v).ok_or_else(|| {
                    PyError::type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        v.type_name()
                    ))
                })?,
            };
            if bytes.is_empty() {
                return Err(PyError::index("pop from empty bytearray"));
            }
            let n = bytes.len() as i128;
            let j = if i < 0 { i + n } else { i };
            if j < 0 || j >= n {
                return Err(PyError::index("pop index out of range"));
            }
            let v = bytes.remove(j as usize);
            resize_to(b, &bytes)?;
            Ok(Value::Int(v as i128))
        }
        "copy" => make(&bytes),
        "hex" if args.pos.is_empty() && args.kw.is_empty() => Ok(Value::str(
            &bytes.iter().map(|x| format!("{x:02x}")).collect::<String>(),
        )),
        "decode" => super::pybytes::decode(&bytes, args),
        _ => Err(PyError::new(
            "NotImplementedError",
            format!("bytearray.{name} with these arguments is not supported in slicelab"),
        )),
    }
}
