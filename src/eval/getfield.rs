//! `ndarray.getfield(dtype, offset=0)` and `ndarray.setfield(val, dtype,
//! offset=0)`: a view of each element's bytes at `offset` read as
//! `dtype`, after `PyArray_GetField`/`PyArray_SetField` in NumPy's
//! `multiarray/methods.c`. The view shares the array's buffer and strides;
//! `setfield` assigns into that view through the ordinary (logged)
//! assignment path.

use crate::engine::{ArrayRef, NdArray};
use crate::eval::args::Args;

use super::error::{PyError, PyResult};
use super::session::Session;
use super::value::Value;

/// The view `getfield` returns: same shape and strides, `offset` bytes
/// further in, elements of `dtype`.
fn field_of(a: &ArrayRef, dtype: &Value, offset: Option<&Value>) -> PyResult<ArrayRef> {
    let dt = crate::eval::dtype_arg::dtype_arg(dtype)?;
    let offset = match offset {
        None => 0,
        Some(v) => crate::eval::coerce::int_arg(v, "")?,
    };
    if offset < 0 {
        return Err(PyError::value("offset is negative"));
    }
    let offset = offset as usize;
    if offset.saturating_add(dt.itemsize()) > a.dtype().itemsize() {
        return Err(PyError::value(
            "new type plus offset is larger than original type",
        ));
    }
    if *a.dtype() == crate::engine::DType::Object || dt == crate::engine::DType::Object {
        return Err(PyError::new(
            "NotImplementedError",
            "getfield and setfield with object dtypes are not supported in slicelab",
        ));
    }
    let mut layout = a.layout();
    layout.offset += offset;
    Ok(NdArray::view(a, dt, layout))
}

/// `a.getfield(dtype, offset=0)`.
pub fn getfield(a: &ArrayRef, args: &Args) -> PyResult<Value> {
    let dtype = args.req(0, "dtype", "getfield")?;
    super::text_words::checked(Value::Array(field_of(a, dtype, args.get(1, "offset"))?))
}

/// `a.setfield(val, dtype, offset=0)`: `a.getfield(dtype, offset)[...] = val`.
pub fn setfield(s: &mut Session, a: &ArrayRef, args: &Args) -> PyResult<Value> {
    let val = args.req(0, "val", "setfield")?.clone();
    let dtype = args.req(1, "dtype", "setfield")?;
    a.check_writeable()?;
    let view = field_of(a, dtype, args.get(2, "offset"))?;
    s.setitem(&Value::Array(view), &Value::Ellipsis, &val)?;
    Ok(Value::None)
}
