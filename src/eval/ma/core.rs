//! What the files of `np.ma` share: constructing masked arrays, the one
//! `np.ma.masked`, default fill values, reading a value's mask and data,
//! filling, setting a mask, and calling `np.` functions as `numpy/ma/core.py`
//! does.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::engine::{ArrayRef, DType, NdArray, Scalar};

use super::super::error::{PyError, PyResult};
use super::super::object::{Masked, Obj, as_masked, is_masked_constant};
use super::super::session::Session;
use super::super::value::Value;

thread_local! {
    static MASKED: Rc<Obj> = Rc::new(Obj::MaskedConstant);
}

impl Masked {
    /// A masked array over `data` with `mask`, nothing else set.
    pub fn new(data: ArrayRef, mask: Option<ArrayRef>) -> Masked {
        Masked {
            data,
            mask: RefCell::new(mask),
            fill: RefCell::new(None),
            hard: Cell::new(false),
            shared: Cell::new(false),
        }
    }

    /// `_update_from(other)`: the fill value and hardness travel.
    pub fn update_from(self, other: &Masked) -> Masked {
        *self.fill.borrow_mut() = other.fill.borrow().clone();
        self.hard.set(other.hard.get());
        self
    }

    /// The mask now.
    pub fn mask(&self) -> Option<ArrayRef> {
        self.mask.borrow().clone()
    }

    /// `.fill_value`, created from the dtype's default on first use.
    pub fn fill_value(&self) -> PyResult<(DType, Scalar)> {
        if let Some(f) = self.fill.borrow().clone() {
            return Ok(f);
        }
        let f = default_fill(self.data.dtype())?;
        *self.fill.borrow_mut() = Some(f.clone());
        Ok(f)
    }

    /// The value as a Python value.
    pub fn into_value(self) -> Value {
        Value::Object(Rc::new(Obj::Masked(self)))
    }
}

/// `np.ma.masked`, the one `MaskedConstant`.
pub fn masked() -> Value {
    Value::Object(MASKED.with(Rc::clone))
}

/// `default_fill_value(dtype)` as the 0-d value core.py stores.
pub fn default_fill(dt: &DType) -> PyResult<(DType, Scalar)> {
    let dt = dt.native();
    Ok(match dt {
        DType::Bool => (DType::Bool, Scalar::Bool(true)),
        DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64 => {
            (DType::UInt64, Scalar::UInt(999_999))
        }
        d if d.is_integer() => (DType::Int64, Scalar::Int(999_999)),
        DType::Float16 | DType::Float32 | DType::Float64 => (DType::Float64, Scalar::Float(1e20)),
        DType::Complex64 | DType::Complex128 => (DType::Complex128, Scalar::Complex(1e20, 0.0)),
        other => return Err(unsupported_dtype(&other)),
    })
}

/// The refusal for dtypes slicelab's `np.ma` does not handle.
pub fn unsupported_dtype(dt: &DType) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!(
            "slicelab's np.ma handles bool and numeric dtypes only, not {}",
            dt.name()
        ),
    )
}

/// A value NumPy returns as an array, as the engine array.
pub(crate) fn array_of(v: Value) -> PyResult<ArrayRef> {
    match v {
        Value::Array(a) => Ok(a),
        Value::NpScalar(dt, s) => Ok(NdArray::from_scalars(&[], dt, &[s])?),
        other => super::super::convert::to_array(&other, None),
    }
}

/// The 0-d array or NumPy scalar `v` as a Python value NumPy would
/// return from a reduction.
pub(crate) fn scalar_of(a: &ArrayRef) -> Value {
    Value::NpScalar(a.dtype().native(), a.first())
}

/// A fresh view of `a` (`ndarray.view`): same memory, new object.
pub(crate) fn view(a: &ArrayRef) -> ArrayRef {
    NdArray::view_with(a, a.layout())
}

/// Whether any element of a bool array is set.
pub(crate) fn any(a: &ArrayRef) -> bool {
    crate::engine::index::count_nonzero(a) > 0
}

/// `getmask(a)`: the mask, `None` for `nomask`.
pub fn getmask(v: &Value) -> Option<ArrayRef> {
    match v {
        _ if is_masked_constant(v) => {
            NdArray::from_scalars(&[], DType::Bool, &[Scalar::Bool(true)]).ok()
        }
        _ => as_masked(v).and_then(|m| m.mask()),
    }
}

/// `getmaskarray(a)`: the mask, or all-False of the data's shape.
pub fn getmaskarray(s: &mut Session, v: &Value) -> PyResult<ArrayRef> {
    if let Some(m) = getmask(v) {
        return Ok(m);
    }
    let d = getdata(v)?;
    let shape = Value::tuple(d.shape().iter().map(|&n| Value::Int(n as i128)).collect());
    array_of(s.np(
        "zeros",
        vec![shape],
        vec![("dtype", Value::DType(DType::Bool))],
    )?)
}

/// `getdata(a)`: the data array (`np.array(a, copy=False)` for others).
pub fn getdata(v: &Value) -> PyResult<ArrayRef> {
    if is_masked_constant(v) {
        return Ok(NdArray::from_scalars(
            &[],
            DType::Float64,
            &[Scalar::Float(0.0)],
        )?);
    }
    match as_masked(v) {
        Some(m) => Ok(view(&m.data)),
        None => array_of(v.clone()),
    }
}

/// `m.filled(fill_value)`: the data itself (a view) when nothing is
/// masked, else a copy with masked slots set.
pub fn filled(s: &mut Session, m: &Masked, fill: Option<Value>) -> PyResult<ArrayRef> {
    let Some(mask) = m.mask() else {
        return Ok(view(&m.data));
    };
    let dt = m.data.dtype().clone();
    let fv = match fill {
        None | Some(Value::None) => m.fill_value()?,
        Some(v) => check_fill(s, &v, &dt)?,
    };
    if !any(&mask) {
        return Ok(view(&m.data));
    }
    let result = array_of(s.np(
        "copy",
        vec![Value::Array(m.data.clone())],
        vec![("order", Value::str("K"))],
    )?)?;
    s.np(
        "copyto",
        vec![Value::Array(result.clone()), Value::NpScalar(fv.0, fv.1)],
        vec![("where", Value::Array(mask))],
    )?;
    Ok(result)
}

/// `__setmask__(mask)` on an array without a hard mask: a new mask when
/// there was none, then the values copied in.
pub fn set_mask(s: &mut Session, m: &Masked, mask: &Value) -> PyResult<()> {
    let current = match m.mask() {
        Some(k) => k,
        None => {
            let k = zeros_mask(s, &m.data.shape())?;
            *m.mask.borrow_mut() = Some(k.clone());
            k
        }
    };
    if m.hard.get() {
        s.np(
            "logical_or",
            vec![Value::Array(current.clone()), mask.clone()],
            vec![("out", Value::Array(current))],
        )?;
        return Ok(());
    }
    s.np("copyto", vec![Value::Array(current), mask.clone()], vec![])?;
    Ok(())
}

/// `make_mask_none(shape)`.
pub fn zeros_mask(s: &mut Session, shape: &[usize]) -> PyResult<ArrayRef> {
    let shape = Value::tuple(shape.iter().map(|&n| Value::Int(n as i128)).collect());
    array_of(s.np(
        "zeros",
        vec![shape],
        vec![("dtype", Value::DType(DType::Bool))],
    )?)
}

/// `_check_fill_value(fill_value, dtype)`: the value cast to `dtype`.
pub fn check_fill(s: &mut Session, fill: &Value, dt: &DType) -> PyResult<(DType, Scalar)> {
    if matches!(fill, Value::None) {
        return default_fill(dt);
    }
    if let Value::Str(_) = fill {
        return Err(PyError::type_error(format!(
            "Cannot set fill value of string with array of dtype {}",
            dt.name()
        )));
    }
    let a = array_of(s.np(
        "asarray",
        vec![fill.clone()],
        vec![("dtype", Value::DType(dt.clone()))],
    )?)?;
    if a.ndim() != 0 {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement array fill values of np.ma",
        ));
    }
    Ok((a.dtype().native(), a.first()))
}
/// A plain array as a masked array with `nomask` (`.view(MaskedArray)`).
pub fn plain(_s: &mut Session, v: Value) -> PyResult<Value> {
    let a = array_of(v)?;
    default_fill(a.dtype())?;
    Ok(Masked::new(view(&a), None).into_value())
}
