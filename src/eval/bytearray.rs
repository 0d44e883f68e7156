//! Python's `bytearray`, the mutable byte buffer (CPython's
//! `Objects/bytearrayobject.c`): construction, `len`, indexing, item and
//! slice assignment, `del`, `+`/`*`/`==`/`in`, a few methods, and its
//! repr. Its bytes live in an engine `Buffer`, so an array NumPy makes over
//! it (`np.frombuffer(ba)`, `np.ndarray(..., buffer=ba)`) shares them:
//! writes through either show in the other. As in CPython, a bytearray
//! whose buffer is exported (an array still looks at it) cannot change
//! size (`BufferError`). `bytes` methods belong to `pybytes`-side code.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use crate::engine::buffer::Buffer;
use crate::engine::dtype::DType;
use crate::engine::layout::Layout;
use crate::engine::{ArrayRef, NdArray};
use crate::syntax::ast;

use super::error::{PyError, PyResult};
use super::object::{Obj, object};
use super::value::Value;

/// The object's state: its bytes, in a buffer arrays may share, and the
/// arrays made over it (weakly: an export lasts while its array lives).
#[derive(Debug)]
pub struct ByteArray {
    buf: Rc<Buffer>,
    exports: RefCell<Vec<Weak<NdArray>>>,
}

impl ByteArray {
    /// The bytes, copied out.
    pub fn to_vec(&self) -> Vec<u8> {
        self.buf.bytes().to_vec()
    }

    /// `len()`.
    pub fn len(&self) -> usize {
        self.buf.nbytes()
    }

    /// `not ba`.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The buffer, for an array made over it; the array is recorded as an
    /// export.
    pub fn export(&self, dtype: DType, layout: Layout, me: &Value) -> ArrayRef {
        let exporter: Rc<dyn std::any::Any> = Rc::new(me.clone());
        let arr = NdArray::over_exported(self.buf.clone(), dtype, layout, exporter);
        self.exports.borrow_mut().push(Rc::downgrade(&arr));
        arr
    }

    /// Replace the contents with bytes of another length; refused while an
    /// array made over the buffer lives, as CPython refuses to resize an
    /// exported buffer. The buffer is resized in place (logged, so `:undo`
    /// puts the old size back).
    fn resize_to(&self, bytes: &[u8]) -> PyResult<()> {
        if self.exports.borrow().iter().any(|w| w.strong_count() > 0) {
            return Err(PyError::new(
                "BufferError",
                "Existing exports of data: object cannot be re-sized",
            ));
        }
        self.buf.resize(bytes.len(), &[bytes.len()], "uint8")?;
        self.buf.bytes_mut().copy_from_slice(bytes);
        Ok(())
    }

    /// Overwrite bytes in place (same length), through the logged write
    /// path, so arrays sharing the buffer see it.
    fn write_at(&self, positions: &[usize], bytes: &[u8]) {
        let mut dst = self.buf.bytes_mut();
        for (&p, &b) in positions.iter().zip(bytes) {
            dst[p] = b;
        }
    }
}

/// A new bytearray holding `bytes`.
pub fn make(bytes: &[u8]) -> PyResult<Value> {
    let buf = Rc::new(Buffer::zeroed(bytes.len(), &[bytes.len()], "uint8")?);
    buf.bytes_mut().copy_from_slice(bytes);
    Ok(object(Obj::ByteArray(ByteArray {
        buf,
        exports: RefCell::new(vec![]),
    })))
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
fn byte_of(v: &Value) -> PyResult<u8> {
    let i = int_of(v).ok_or_else(|| {
        PyError::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            v.type_name()
        ))
    })?;
    u8::try_from(i).map_err(|_| PyError::value("byte must be in range(0, 256)"))
}

fn int_of(v: &Value) -> Option<i128> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i128),
        Value::NpScalar(dt, crate::engine::Scalar::Int(i)) if dt.is_integer() => Some(*i as i128),
        Value::NpScalar(dt, crate::engine::Scalar::UInt(u)) if dt.is_integer() => Some(*u as i128),
        _ => None,
    }
}

/// The bytes an iterable of integers (or a bytes-like object) gives.
fn bytes_from(s: &mut super::session::Session, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_like(v) {
        return Ok(b);
    }
    s.iterate_all(v)?.iter().map(byte_of).collect()
}

/// `bytearray()`, `bytearray(n)`, `bytearray(b'..')`, `bytearray(iterable)`
/// and `bytearray(text, encoding)`.
pub fn construct(s: &mut super::session::Session, args: &super::args::Args) -> PyResult<Value> {
    let first = args.pos.first().or_else(|| args.kw("source"));
    let encoding = args.pos.get(1).or_else(|| args.kw("encoding"));
    let Some(first) = first else {
        return make(&[]);
    };
    match (first, encoding) {
        (Value::Str(t), Some(Value::Str(e))) => {
            let e = e.to_lowercase().replace('_', "-");
            match e.as_str() {
                "utf-8" | "utf8" => make(t.as_bytes()),
                "ascii" | "latin-1" | "latin1" if t.is_ascii() => make(t.as_bytes()),
                _ => Err(PyError::new(
                    "NotImplementedError",
                    format!("bytearray() with encoding {e:?} is not supported in slicelab"),
                )),
            }
        }
        (Value::Str(_), None) => Err(PyError::type_error("string argument without an encoding")),
        (_, Some(_)) => Err(PyError::type_error("encoding without a string argument")),
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
            make(&vec![0; n])
        }
        (Value::Float(_) | Value::Complex(..) | Value::None, None) => Err(PyError::type_error(
            format!("cannot convert '{}' object to bytearray", first.type_name()),
        )),
        (v, None) => make(&bytes_from(s, v)?),
    }
}

/// `ba[i]` (an int) and `ba[a:b:c]` (a new bytearray).
pub fn getitem(b: &ByteArray, idx: &Value) -> PyResult<Value> {
    let bytes = b.to_vec();
    if let Value::Slice(parts) = idx {
        let picked: Vec<u8> = super::pycollections::slice_positions(parts, bytes.len() as i128)?
            .into_iter()
            .map(|p| bytes[p])
            .collect();
        return make(&picked);
    }
    let i = position(idx, bytes.len())?;
    Ok(Value::Int(bytes[i] as i128))
}

/// An integer index, checked against the length.
fn position(idx: &Value, len: usize) -> PyResult<usize> {
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

/// `ba[i] = n` and `ba[a:b:c] = bytes`.
pub fn setitem(
    s: &mut super::session::Session,
    b: &ByteArray,
    idx: &Value,
    value: &Value,
) -> PyResult<()> {
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
    let positions = super::pycollections::slice_positions(parts, old.len() as i128)?;
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
    let start = match positions.first() {
        Some(&p) => p,
        None => slice_start(parts, old.len())?,
    };
    let mut out = old[..start].to_vec();
    out.extend_from_slice(&new);
    out.extend_from_slice(&old[start + positions.len()..]);
    b.resize_to(&out)
}

/// Where an empty `a:b` slice inserts: its clamped start.
fn slice_start(parts: &[Value; 3], len: usize) -> PyResult<usize> {
    let i = match &parts[0] {
        Value::None => 0,
        v => int_of(v).ok_or_else(|| {
            PyError::type_error(
                "slice indices must be integers or None or have an __index__ method",
            )
        })?,
    };
    let n = len as i128;
    Ok((if i < 0 { (i + n).max(0) } else { i.min(n) }) as usize)
}

/// `del ba[i]` and `del ba[a:b:c]`.
pub fn delitem(b: &ByteArray, idx: &Value) -> PyResult<()> {
    let old = b.to_vec();
    let gone: Vec<usize> = match idx {
        Value::Slice(parts) => super::pycollections::slice_positions(parts, old.len() as i128)?,
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
    b.resize_to(&keep)
}

/// `x in ba`: a byte value, or a bytes-like run of bytes.
pub fn contains(b: &ByteArray, item: &Value) -> PyResult<bool> {
    let hay = b.to_vec();
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

/// `ba.method(...)`.
pub fn call_method(
    s: &mut super::session::Session,
    b: &ByteArray,
    name: &str,
    args: &super::args::Args,
) -> PyResult<Value> {
    let mut bytes = b.to_vec();
    match name {
        "append" => {
            bytes.push(byte_of(args.req(0, "item", "append")?)?);
            b.resize_to(&bytes)?;
            Ok(Value::None)
        }
        "extend" => {
            let more = bytes_from(s, args.req(0, "iterable_of_ints", "extend")?)?;
            bytes.extend_from_slice(&more);
            b.resize_to(&bytes)?;
            Ok(Value::None)
        }
        "clear" => {
            b.resize_to(&[])?;
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
            b.resize_to(&bytes)?;
            Ok(Value::Int(v as i128))
        }
        "copy" => make(&bytes),
        "hex" if args.pos.is_empty() && args.kw.is_empty() => Ok(Value::str(
            &bytes.iter().map(|x| format!("{x:02x}")).collect::<String>(),
        )),
        "decode" if args.pos.is_empty() && args.kw.is_empty() => match String::from_utf8(bytes) {
            Ok(t) => Ok(Value::str(&t)),
            Err(_) => Err(PyError::new(
                "NotImplementedError",
                "bytearray.decode of bytes that are not UTF-8 is not supported in slicelab",
            )),
        },
        _ => Err(PyError::new(
            "NotImplementedError",
            format!("bytearray.{name} with these arguments is not supported in slicelab"),
        )),
    }
}
