//! The refusal for bytes reinterpreted as text that slicelab's strings
//! cannot hold (`engine::text_points`): NumPy keeps such UCS-4 words and
//! Python prints them as `'\U61000000'`; slicelab says so instead of
//! printing U+FFFD.

use crate::engine::NdArray;
use crate::engine::text_points::bad_code_point;

use super::value::Value;

use super::error::{PyError, PyResult};

/// `Ok` when every `U` element of `a` holds only Unicode characters.
pub fn refuse_bad_text(a: &NdArray) -> PyResult<()> {
    match bad_code_point(a) {
        None => Ok(()),
        Some(c) => Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab does not implement text holding the code point {c:#x} \
                 (past U+10FFFF or a surrogate), which NumPy keeps as Python's str does"
            ),
        )),
    }
}

/// `v` as it is when it is no array, or an array whose text slicelab holds.
pub fn checked(v: Value) -> PyResult<Value> {
    if let Value::Array(a) = &v {
        refuse_bad_text(a)?;
    }
    Ok(v)
}
