//! `np.average`, following `numpy/lib/_function_base_impl.py`: the plain
//! mean without weights; with weights, `sum(a * w) / sum(w)` in the dtype
//! `result_type(a, w)` (at least float64 for integer input), weights of
//! the reduced axes' shape broadcast along them, and NumPy's messages.

use crate::engine::Order;
use crate::engine::dtype::{DType, Kind};
use crate::engine::kernels::{self, BinaryOp};
use crate::engine::reduce::{self, Reduction, normalize_axis};

use super::search::common;
use crate::eval::args::Args;
use crate::eval::coerce::{int_arg, scalarize};
use crate::eval::convert::as_array;
use crate::eval::error::{PyError, PyResult};
use crate::eval::ops::numpy_binary;
use crate::eval::protocol::{iterate, truthy};
use crate::eval::reshaping::{reshape, transpose};
use crate::eval::value::Value;

/// The axes argument as NumPy's `normalize_axis_tuple` reads it.
fn axes_of(v: Option<&Value>, ndim: usize) -> PyResult<Option<Vec<usize>>> {
    let items = match v {
        None | Some(Value::None) => return Ok(None),
        Some(v @ (Value::Tuple(_) | Value::List(_))) => iterate(v)?,
        Some(v) => vec![v.clone()],
    };
    let mut out = vec![];
    for x in &items {
        let axis = int_arg(x, "")?;
        let k = normalize_axis(axis, ndim).map_err(|_| {
            PyError::new(
                "AxisError",
                format!("axis: axis {axis} is out of bounds for array of dimension {ndim}"),
            )
        })?;
        if out.contains(&k) {
            return Err(PyError::value("repeated axis in `axis` argument"));
        }
        out.push(k);
    }
    Ok(Some(out))
}

fn array_of(v: Value) -> PyResult<crate::engine::ArrayRef> {
    as_array(&v)
}

/// `np.average(a, axis, weights, returned, keepdims)`.
pub fn average(args: &Args) -> PyResult<Value> {
    let a = as_array(&args.pos[0])?;
    let axes = axes_of(args.kw("axis"), a.ndim())?;
    let keepdims = args.kw("keepdims").map_or(Ok(false), truthy)?;
    let returned = args.kw("returned").map_or(Ok(false), truthy)?;
    let (avg, scl) = match args.kw("weights") {
        None | Some(Value::None) => {
            let avg = reduce::reduce(&a, Reduction::Mean, axes.as_deref(), keepdims)?;
            let count = a.size() as f64 / avg.size() as f64;
            let scl = crate::engine::NdArray::from_scalars(
                &[],
                avg.dtype().clone(),
                &[crate::engine::Scalar::Float(count)],
            )?;
            (avg, scl)
        }
        Some(w) => {
            let mut wgt = as_array(w)?;
            let floor = match a.dtype().kind() {
                Kind::Bool | Kind::Int | Kind::UInt => DType::Float64,
                _ => a.dtype().clone(),
            };
            let dt = common(&common(a.dtype(), wgt.dtype())?, &floor)?;
            if a.shape() != wgt.shape() {
                let Some(ax) = &axes else {
                    return Err(PyError::type_error(
                        "Axis must be specified when shapes of a and weights differ.",
                    ));
                };
                let want: Vec<usize> = ax.iter().map(|&k| a.shape()[k]).collect();
                if wgt.shape() != want {
                    return Err(PyError::value(
                        "Shape of weights must be consistent with shape of a along specified axis.",
                    ));
                }
                let mut perm: Vec<i64> = (0..ax.len() as i64).collect();
                perm.sort_by_key(|&i| ax[i as usize]);
                wgt = transpose(&wgt, Some(perm))?;
                let shape: Vec<Value> = a
                    .shape()
                    .iter()
                    .enumerate()
                    .map(|(k, &s)| Value::Int(if ax.contains(&k) { s as i128 } else { 1 }))
                    .collect();
                wgt = reshape(&wgt, &Value::tuple(shape), Order::C)?;
            }
            let wc = kernels::cast(&wgt, &dt)?;
            let scl = reduce::reduce(&wc, Reduction::Sum, axes.as_deref(), keepdims)?;
            if scl
                .to_scalars()
                .iter()
                .any(|s| crate::engine::element::scalar_as_f64(s) == 0.0)
            {
                return Err(PyError::new(
                    "ZeroDivisionError",
                    "Weights sum to zero, can't be normalized",
                ));
            }
            let prod = array_of(numpy_binary(
                BinaryOp::Mul,
                &Value::Array(kernels::cast(&a, &dt)?),
                &Value::Array(wc),
            )?)?;
            let total = reduce::reduce(&prod, Reduction::Sum, axes.as_deref(), keepdims)?;
            let avg = array_of(numpy_binary(
                BinaryOp::Div,
                &Value::Array(total),
                &Value::Array(scl.clone()),
            )?)?;
            (avg, scl)
        }
    };
    if !returned {
        return Ok(scalarize(avg));
    }
    let scl = if scl.shape() != avg.shape() {
        crate::eval::reshaping::broadcast_to(&scl, &avg.shape())?.copy(Order::C)?
    } else {
        scl
    };
    Ok(Value::tuple(vec![scalarize(avg), scalarize(scl)]))
}
