//! Python's immutable `bytes` as a sequence (CPython's
//! `Objects/bytesobject.c`): the `bytes(...)` constructor, `len`,
//! iteration (ints), indexing and slicing, `in`, `+` and `*`, and the
//! methods `hex` and `decode` (and `str.encode`, its inverse). A `bytes` literal is `Value::Bytes`; arrays
//! made over one copy it (see `bytearray.rs` for the mutable kind).

use std::rc::Rc;

use crate::syntax::ast;

use super::bytearray::{bytes_like, int_of};
use super::error::{PyError, PyResult};
use super::seq_index::slice_positions;
use super::value::Value;

fn bytes(v: Vec<u8>) -> Value {
    Value::Bytes(Rc::from(v.as_slice()))
}

/// The ints a `bytes` iterates over.
pub fn items(b: &[u8]) -> Vec<Value> {
    b.iter().map(|&x| Value::Int(x as i128)).collect()
}

/// `b[i]` (an int) and `b[a:b:c]` (bytes).
pub fn getitem(b: &[u8], idx: &Value) -> PyResult<Value> {
    if let Value::Slice(parts) = idx {
        let picked = slice_positions(parts, b.len() as i128)?
            .into_iter()
            .map(|p| b[p])
            .collect();
        return Ok(bytes(picked));
    }
    let i = int_of(idx).ok_or_else(|| {
        PyError::type_error(format!(
            "byte indices must be integers or slices, not {}",
            idx.type_name()
        ))
    })?;
    let n = b.len() as i128;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(PyError::index("index out of range"));
    }
    Ok(Value::Int(b[j as usize] as i128))
}

/// `+` and `*` of `bytes` with `bytes` and ints (`None`: not a `bytes`
/// case; a `bytearray` operand is `bytearray.rs`'s).
pub fn binary(op: ast::BinOp, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    match (op, a, b) {
        (ast::BinOp::Add, Value::Bytes(x), other) => Some(match bytes_like(other) {
            Some(y) => Ok(bytes([x.as_ref(), y.as_slice()].concat())),
            None => Err(PyError::type_error(format!(
                "can't concat {} to bytes",
                other.type_name()
            ))),
        }),
        (ast::BinOp::Mul, Value::Bytes(x), n) | (ast::BinOp::Mul, n, Value::Bytes(x)) => {
            let n = int_of(n)?;
            let n = n.max(0) as usize;
            if let Err(e) = crate::engine::buffer::python_room(x.len(), n) {
                return Some(Err(e.into()));
            }
            Some(Ok(bytes(x.repeat(n))))
        }
        _ => None,
    }
}

/// `b.method(...)` for the methods above; `None`: not one of them.
pub fn call_method(b: &[u8], name: &str, args: &super::args::Args) -> Option<PyResult<Value>> {
    let no_args = args.pos.is_empty() && args.kw.is_empty();
    Some(match name {
        "hex" if no_args => Ok(Value::str(
            &b.iter().map(|x| format!("{x:02x}")).collect::<String>(),
        )),
        "decode" => decode(b, args),
        "hex" => Err(PyError::new(
            "NotImplementedError",
            format!("bytes.{name} with arguments is not supported in slicelab"),
        )),
        _ => return None,
    })
}

/// `bytes.decode(encoding='utf-8', errors='strict')` (and `bytearray`'s).
pub fn decode(b: &[u8], args: &super::args::Args) -> PyResult<Value> {
    let (codec, errors) = codec_args(args, "decode")?;
    Ok(Value::str(&super::codecs::decode(b, codec, errors)?))
}

/// `str.encode(encoding='utf-8', errors='strict')`.
pub fn encode(t: &str, args: &super::args::Args) -> PyResult<Value> {
    let (codec, errors) = codec_args(args, "encode")?;
    Ok(bytes(super::codecs::encode(t, codec, errors)?))
}

/// The `encoding` and `errors` arguments of `str.encode` and
/// `bytes.decode`, bound as CPython binds them.
fn codec_args(
    args: &super::args::Args,
    method: &str,
) -> PyResult<(super::codecs::Codec, Result<super::codecs::Errors, String>)> {
    const PARAMS: [&str; 2] = ["encoding", "errors"];
    if args.pos.len() > 2 {
        return Err(PyError::type_error(format!(
            "{method}() takes at most 2 arguments ({} given)",
            args.pos.len()
        )));
    }
    let mut given: [Option<&Value>; 2] = [args.pos.first(), args.pos.get(1)];
    for (k, v) in &args.kw {
        let Some(i) = PARAMS.iter().position(|p| p == k) else {
            return Err(PyError::type_error(format!(
                "'{k}' is an invalid keyword argument for {method}()"
            )));
        };
        if given[i].is_some() {
            return Err(PyError::type_error(format!(
                "argument for {method}() given by name ('{k}') and position ({})",
                i + 1
            )));
        }
        given[i] = Some(v);
    }
    let text = |i: usize, default: &str| -> PyResult<String> {
        match given[i] {
            None => Ok(default.to_string()),
            Some(Value::Str(s)) => Ok(s.to_string()),
            Some(other) => Err(PyError::type_error(format!(
                "{method}() argument '{}' must be str, not {}",
                PARAMS[i],
                other.type_name()
            ))),
        }
    };
    let codec = super::codecs::lookup(&text(0, "utf-8")?)?;
    Ok((codec, super::codecs::errors(&text(1, "strict")?)))
}
