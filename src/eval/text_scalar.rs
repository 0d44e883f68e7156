//! `np.str_` and `np.bytes_` as the Python `str` and `bytes` they
//! subclass. Indexing, slicing, iterating and `in` are `str`'s and
//! `bytes`' own (`np.array(['hello'])[0][:3]` is `'hel'`, a plain `str`;
//! `np.bytes_(b'ab')[0]` is `97`), and so is repeating by a Python value
//! (NumPy's scalar multiply defers to the sequence: `np.str_('ab') * 2`
//! is `'abab'`, `* 2.0` `str`'s TypeError); a NumPy number on the other
//! side goes to NumPy's string ufuncs instead.

use crate::engine::Scalar;

use super::value::Value;

/// The plain `str`/`bytes` a NumPy text scalar is, or `None` for any
/// other value.
pub fn as_python(v: &Value) -> Option<Value> {
    match v {
        Value::NpScalar(_, Scalar::Str(s)) => Some(Value::str(s)),
        Value::NpScalar(_, Scalar::Bytes(b)) => Some(Value::Bytes(b.as_slice().into())),
        _ => None,
    }
}

/// `l * r` when one side is a NumPy text scalar and the other a Python
/// value: the operands as `str`/`bytes`' repeat sees them.
pub fn repeat_operands(l: &Value, r: &Value) -> Option<(Value, Value)> {
    let numpy = |v: &Value| matches!(v, Value::Array(_) | Value::NpScalar(..) | Value::Void(_));
    match (as_python(l), as_python(r)) {
        (Some(t), None) if !numpy(r) => Some((t, r.clone())),
        (None, Some(t)) if !numpy(l) => Some((l.clone(), t)),
        _ => None,
    }
}
