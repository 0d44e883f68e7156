//! Sub-array dtypes outside a structured dtype: `np.dtype((np.int32, (2, 2)))`,
//! `np.dtype('(2,3)f8')`, and what `dt['grades']` gives for a field with a
//! shape. NumPy never makes an array of such a type: an array built with one
//! takes its base type and gets the sub-array shape appended to its own
//! (`np.zeros(3, dtype=(float, (2,)))` has shape `(3, 2)`), so the value
//! lives in `eval` as `Obj::SubArrayDType` and never reaches the engine as an
//! element type. Its attributes follow NumPy's `VoidDType` with a
//! `subarray` (`descriptor.c`), its repr `_subarray_str` of
//! `numpy/_core/_dtype.py`.

use crate::engine::dtype::DType;
use crate::engine::error::shape_tuple;

use super::object::Obj;
use super::value::Value;

/// A dtype value: the plain type when `shape` is empty, else a sub-array
/// dtype of `base` repeated `shape` times.
pub fn make(base: DType, shape: Vec<usize>) -> Value {
    if shape.is_empty() {
        Value::DType(base)
    } else {
        super::object::object(Obj::SubArrayDType(base, shape))
    }
}

/// The base type and shape of a sub-array dtype value, if `v` is one.
pub fn as_subarray(v: &Value) -> Option<(&DType, &[usize])> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::SubArrayDType(base, shape) => Some((base, shape)),
            _ => None,
        },
        _ => None,
    }
}

/// `(base, shape)` as NumPy prints it inside `dtype(...)` and for `str()`:
/// `('<f8', (2,))`, with a record base in its list or dict form.
pub fn construction_str(base: &DType, shape: &[usize]) -> String {
    format!(
        "({}, {})",
        crate::render::dtype_repr::field_format(base),
        shape_tuple(shape)
    )
}

/// `repr(dt)`: `dtype(('<f8', (2,)))`.
pub fn repr(base: &DType, shape: &[usize]) -> String {
    format!("dtype({})", construction_str(base, shape))
}

/// `==` between a sub-array dtype and another value: equal only to a
/// sub-array dtype of an equal base and the same shape.
pub fn eq(a: &Value, b: &Value) -> Option<bool> {
    match (as_subarray(a), as_subarray(b)) {
        (Some((b1, s1)), Some((b2, s2))) => Some(s1 == s2 && b1.equivalent(b2)),
        (Some(_), None) | (None, Some(_)) => Some(false),
        (None, None) => None,
    }
}

/// The shape an array made with `dtype=(base, sub)` has: its own shape
/// followed by the sub-array's.
pub fn appended(shape: &[usize], sub: &[usize]) -> Vec<usize> {
    shape.iter().chain(sub.iter()).copied().collect()
}
