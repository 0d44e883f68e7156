//! Python's `bytearray`, the mutable byte buffer (CPython's
//! `Objects/bytearrayobject.c`): construction, `len`, indexing, item and
//! slice assignment, `del`, `+`/`*`/`==`/`in`, a few methods, and its
//! repr. Its bytes live in an engine `Buffer`, so an array NumPy makes over
//! it (`np.frombuffer(ba)`, `np.ndarray(..., buffer=ba)`) shares them:
//! writes through either show in the other. As in CPython, a bytearray
//! whose buffer is exported (an array still looks at it) cannot change
//! size (`BufferError`). `bytes` methods belong to `pybytes`-side code.

use std::rc::Rc;

use crate::engine::dtype::DType;
use crate::engine::layout::Layout;
use crate::engine::{ArrayRef, NdArray};
use crate::syntax::ast;

use super::error::{PyError, PyResult};
use super::object::{Obj, object};
use super::value::Value;

pub use super::bytearray_state::ByteArray;

/// An array over `b`'s buffer, recorded as an export; its `.base` is `me`,
/// the bytearray object.
pub fn export(b: &ByteArray, dtype: DType, layout: Layout, me: &Value) -> ArrayRef {
    b.export(dtype, layout, Rc::new(me.clone()))
}

/// Replace the contents with bytes of another length; refused while an
/// array made over the buffer lives, as CPython refuses to resize an
/// exported buffer.
pub(super) fn resize_to(b: &ByteArray, bytes: &[u8]) -> PyResult<()> {
    if b.is_exported() {
        return Err(PyError::new(
            "BufferError",
            "Existing exports of data: object cannot be re-sized",
        ));
    }
    Ok(b.resize(bytes)?)
}

/// A new bytearray holding `bytes`.
pub fn make(bytes: &[u8]) -> PyResult<Value> {
    Ok(object(Obj::ByteArray(ByteArray::new(bytes)?)))
}

/// The bytearray a value is, if it is one.
pub fn of(v: &Value) -> Option<&ByteArray> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::ByteArray(b) => Some(b),
            _ => None,
        },
        _ => None,
    }
}

/// The bytes of a bytes-like object (`bytes` or `bytearray`).
pub fn bytes_like(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::Bytes(b) => Some(b.to_vec()),
        other => of(other).map(ByteArray::to_vec),
    }
}

/// `arr` again, its `.base` now the Python object it reads (a `bytes`
/// object: slicelab copied its bytes, which no one can change) and
/// read-only, as NumPy's array over an immutable buffer is.
pub fn exported_by(arr: &ArrayRef, source: &Value) -> PyResult<ArrayRef> {
    let out = NdArray::over_exported(
        arr.buffer().clone(),
        arr.dtype().clone(),
        arr.layout(),
        Rc::new(source.clone()),
    );
    out.set_writeable(false)?;
    Ok(out)
}

/// `repr(ba)`: `bytearray(b'...')`.
pub fn repr(b: &ByteArray) -> String {
    format!(
        "bytearray({})",
        crate::render::scalar_repr::py_bytes_repr(&b.to_vec())
    )
}

/// One byte value, with CPython's messages for a non-integer and for one
/// out of range.
pub(super) fn byte_of(v: &Value) -> PyResult<u8> {
    let i = int_of(v).ok_or_else(|| {
        PyError::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            v.type_name()
        ))
    })?;
    u8::try_from(i).map_err(|_| PyError::value("byte must be in range(0, 256)"))
}

pub(super) fn int_of(v: &Value) -> Option<i128> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i128),
        Value::NpScalar(dt, crate::engine::Scalar::Int(i)) if dt.is_integer() => Some(*i as i128),
        Value::NpScalar(dt, crate::engine::Scalar::UInt(u)) if dt.is_integer() => Some(*u as i128),
        _ => None,
    }
}

/// `ba[i]` (an int) and `ba[a:b:c]` (a new bytearray).
pub fn getitem(b: &ByteArray, idx: &Value) -> PyResult<Value> {
    let bytes = b.to_vec();
    if let Value::Slice(parts) = idx {
        let picked: Vec<u8> = super::seq_index::slice_positions(parts, bytes.len() as i128)?
            .into_iter()
            .map(|p| bytes[p])
            .collect();
        return make(&picked);
    }
    let i = position(idx, bytes.len())?;
    Ok(Value::Int(bytes[i] as i128))
}

/// An integer index, checked against the length.
pub(super) fn position(idx: &Value, len: usize) -> PyResult<usize> {
    let i = int_of(idx).ok_or_else(|| {
        PyError::type_error(format!(
            "bytearray indices must be integers or slices, not {}",
            idx.type_name()
        ))
    })?;
    let j = if i < 0 { i + len as i128 } else { i };
    if j < 0 || j >= len as i128 {
        return Err(PyError::index("bytearray index out of range"));
    }
    Ok(j as usize)
}

/// `del ba[i]` and `del ba[a:b:c]`.
pub fn delitem(b: &ByteArray, idx: &Value) -> PyResult<()> {
    let old = b.to_vec();
    let gone: Vec<usize> = match idx {
        Value::Slice(parts) => super::seq_index::slice_positions(parts, old.len() as i128)?,
        other => vec![position(other, old.len())?],
    };
    if gone.is_empty() {
        return Ok(());
    }
    let keep: Vec<u8> = old
        .iter()
        .enumerate()
        .filter(|(k, _)| !gone.contains(k))
        .map(|(_, &x)| x)
        .collect();
    resize_to(b, &keep)
}

/// `x in ba`: a byte value, or a bytes-like run of bytes.
pub fn contains(b: &ByteArray, item: &Value) -> PyResult<bool> {
    contains_in(&b.to_vec(), item)
}

/// `x in seq` for the bytes `hay` of a `bytes` or `bytearray`.
pub fn contains_in(hay: &[u8], item: &Value) -> PyResult<bool> {
    if let Some(needle) = bytes_like(item) {
        return Ok(needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle));
    }
    let v = byte_of(item).map_err(|e| {
        if e.kind == "TypeError" {
            PyError::type_error(format!(
                "a bytes-like object is required, not '{}'",
                item.type_name()
            ))
        } else {
            e
        }
    })?;
    Ok(hay.contains(&v))
}

/// `ba == other`: equal to bytes and bytearrays of the same bytes.
pub fn equal(a: &Value, b: &Value) -> Option<bool> {
    if of(a).is_none() && of(b).is_none() {
        return None;
    }
    Some(match (bytes_like(a), bytes_like(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    })
}

/// `+` and `*` when a bytearray takes part: `ba + b'..'` is a bytearray,
/// `b'..' + ba` bytes, `ba * n` a bytearray. `None`: not a bytearray case.
pub fn binary(op: ast::BinOp, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    if of(a).is_none() && of(b).is_none() {
        return None;
    }
    match op {
        ast::BinOp::Add => {
            let (Some(x), Some(y)) = (bytes_like(a), bytes_like(b)) else {
                // CPython's `bytearray_concat` names the operand it refused;
                // `1 + ba` is the generic unsupported-operand error.
                return of(a).map(|_| {
                    Err(PyError::type_error(format!(
                        "can't concat {} to bytearray",
                        b.type_name()
                    )))
                });
            };
            let mut out = x;
            out.extend_from_slice(&y);
            Some(match a {
                Value::Bytes(_) => Ok(Value::Bytes(Rc::from(out.as_slice()))),
                _ => make(&out),
            })
        }
        ast::BinOp::Mul => {
            let (seq, n) = match (of(a), of(b)) {
                (Some(x), _) => (x, int_of(b)?),
                (_, Some(y)) => (y, int_of(a)?),
                _ => return None,
            };
            let bytes = seq.to_vec();
            let n = n.max(0) as usize;
            if let Err(e) = crate::engine::buffer::python_room(bytes.len(), n) {
                return Some(Err(e.into()));
            }
            Some(make(&bytes.repeat(n)))
        }
        _ => None,
    }
}

/// Methods of a bytearray object.
pub const METHODS: &[&str] = &["append", "extend", "hex", "decode", "copy", "clear", "pop"];
