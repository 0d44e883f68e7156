//! An ndarray's data attributes (`a.shape`, `a.T`, `a.real`, …) and the
//! names of its methods: what `a.NAME` gives before any call.

use std::rc::Rc;

use crate::engine::{ArrayRef, NdArray};

use super::error::{PyError, PyResult};
use super::reshaping::transpose;
use super::value::Value;

/// A tuple of Python ints (`a.shape`, `a.strides`).
pub fn ints(v: &[usize]) -> Value {
    Value::tuple(v.iter().map(|&n| Value::Int(n as i128)).collect())
}

/// `a.NAME` for an array.
pub fn array_attr(a: &ArrayRef, me: &Value, name: &str) -> PyResult<Value> {
    if *a.dtype() == crate::engine::DType::Object
        && matches!(name, "real" | "imag" | "flat" | "__array_interface__")
    {
        return Err(PyError::new(
            "NotImplementedError",
            format!("ndarray.{name} on object arrays (dtype=object) is not supported in slicelab"),
        ));
    }
    Ok(match name {
        "shape" => ints(&a.shape()),
        "ndim" => Value::Int(a.ndim() as i128),
        "size" => Value::Int(a.size() as i128),
        "dtype" => Value::DType(a.dtype().clone()),
        "strides" => Value::tuple(a.strides().iter().map(|&s| Value::Int(s as i128)).collect()),
        "itemsize" => Value::Int(a.dtype().itemsize() as i128),
        "nbytes" => Value::Int((a.size() * a.dtype().itemsize()) as i128),
        "base" => match a.base() {
            // A view of a matrix's array is based on the matrix object.
            Some(b) => {
                super::object::array_owner_object(b).unwrap_or_else(|| Value::Array(b.clone()))
            }
            None => match a.exporter().and_then(|e| e.downcast_ref::<Value>()) {
                Some(v) => v.clone(),
                None => Value::None,
            },
        },
        "flags" => Value::Flags(a.clone()),
        "__array_interface__" => super::array_interface::interface(a),
        "T" => Value::Array(transpose(a, None)?),
        "mT" => super::array_api::matrix_transpose_attr(a)?,
        "real" if a.dtype().kind() == crate::engine::dtype::Kind::Complex => {
            Value::Array(super::complex_fns::part_view(a, false))
        }
        "real" => me.clone(),
        "imag" if a.dtype().kind() == crate::engine::dtype::Kind::Complex => {
            Value::Array(super::complex_fns::part_view(a, true))
        }
        "imag" => {
            let z = NdArray::zeros(&a.shape(), a.dtype().clone())?;
            z.set_writeable(false)?;
            Value::Array(z)
        }
        "flat" => Value::FlatIter(a.clone(), Default::default()),
        "data" => super::object::MemView::make(me)?,
        "device" => Value::str("cpu"),
        m if ARRAY_METHODS.contains(&m) => Value::Method(Rc::new(me.clone()), Rc::from(m)),
        other => return Err(PyError::attribute("numpy.ndarray", other)),
    })
}

/// Data attributes an ndarray has (`a.shape`); [`array_attr`] answers each.
pub const ARRAY_ATTRIBUTES: &[&str] = &[
    "shape", "ndim", "size", "dtype", "strides", "itemsize", "nbytes", "base", "flags", "T",
    "real", "imag", "flat", "mT", "device",
];

/// Methods an ndarray has: every one is bound against its signature in
/// the registry, which is where each is written.
pub static ARRAY_METHODS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| super::registry::METHODS.iter().map(|(m, _)| *m).collect());
