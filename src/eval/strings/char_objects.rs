//! `np.char.split`, `rsplit`, `splitlines` and `join`: their results are
//! object arrays of Python lists (NumPy's `_vec_string` with an object
//! result), so they call each element's own `str` method.

use crate::engine::dtype::DType;
use crate::engine::{ArrayRef, NdArray};

use super::super::convert::{broadcast_pair, from_values, not_supported, values};
use super::super::error::{PyError, PyResult};
use super::super::value::Value;

/// `np.asarray(v)`, which `_vec_string` needs to be text.
fn text_array(v: &Value) -> PyResult<ArrayRef> {
    let a = crate::eval::convert::as_array(v)?;
    if !matches!(a.dtype().native(), DType::Str(_) | DType::Bytes(_)) {
        return Err(PyError::type_error("string operation on non-string array"));
    }
    Ok(a)
}

/// NumPy's `_clean_args`: the arguments up to the first `None`.
fn clean_args(args: &[Option<&Value>]) -> Vec<Value> {
    args.iter()
        .map_while(|a| a.filter(|v| !matches!(v, Value::None)).cloned())
        .collect()
}

/// `np.char.split`/`rsplit`/`splitlines`/`join` (`numpy/_core/strings.py`:
/// `_vec_string(a, np.object_, NAME, args)` calls the Python string
/// method on every element; `join` then turns the object result back
/// into text with `_to_bytes_or_str_array`).
pub fn char_call(
    s: &mut crate::eval::session::Session,
    name: &str,
    b: &super::super::signature::Bound,
) -> PyResult<Value> {
    if name == "join" {
        return char_join(s, b.required("sep"), b.required("seq"));
    }
    let a = text_array(b.required("a"))?;
    let extra = match name {
        "splitlines" => clean_args(&[b.get("keepends")]),
        _ => {
            let mut v = vec![b.get("sep").cloned().unwrap_or(Value::None)];
            v.extend(clean_args(&[b.get("maxsplit")]));
            v
        }
    };
    if extra.iter().any(|v| {
        !matches!(
            v,
            Value::None | Value::Str(_) | Value::Bytes(_) | Value::Int(_)
        )
    }) {
        return Err(not_supported(&format!(
            "np.char.{name} with these arguments"
        )));
    }
    let elems = values(&a);
    let mut out = Vec::with_capacity(elems.len());
    for (k, e) in elems.iter().enumerate() {
        if k % 4096 == 0 {
            crate::engine::interrupt::check()?;
        }
        out.push(s.mcall(e, name, extra.clone(), &[])?);
    }
    Ok(Value::Array(from_values(&a.shape(), &out)?))
}

fn char_join(s: &mut crate::eval::session::Session, sep: &Value, seq: &Value) -> PyResult<Value> {
    let sep_a = text_array(sep)?;
    let seq_a = crate::eval::convert::as_array(seq)?;
    let (shape, pairs) = broadcast_pair(&Value::Array(sep_a), &Value::Array(seq_a.clone()))?;
    if pairs.is_empty() {
        let out = NdArray::zeros(&shape, seq_a.dtype().clone())?;
        return Ok(Value::Array(out));
    }
    let mut out = Vec::with_capacity(pairs.len());
    for (x, y) in &pairs {
        if !matches!((x, y), (Value::Str(_), Value::Str(_))) {
            return Err(not_supported("np.char.join of bytes or non-text items"));
        }
        out.push(s.mcall(x, "join", vec![y.clone()], &[])?);
    }
    let nested = nest(&shape, &out);
    Ok(Value::Array(super::super::convert::to_array(
        &nested, None,
    )?))
}

/// Flat C-order values as nested lists of `shape` (`result.tolist()`).
fn nest(shape: &[usize], flat: &[Value]) -> Value {
    match shape {
        [] => flat.first().cloned().unwrap_or(Value::None),
        [_] => Value::list(flat.to_vec()),
        [n, rest @ ..] => {
            let step: usize = rest.iter().product();
            Value::list(
                (0..*n)
                    .map(|i| nest(rest, &flat[i * step..(i + 1) * step]))
                    .collect(),
            )
        }
    }
}
