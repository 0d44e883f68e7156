//! `ufunc.reduceat(array, indices, axis=0, dtype=None, out=None)` for
//! every binary ufunc, as `PyUFunc_Reduceat` computes it: for each index
//! `i`, the slab `array[indices[i]]` when the next index is not larger,
//! else `array[indices[i]]` combined with the following slabs up to the
//! next index (the last runs to the end) by the ufunc's reduce loop. That
//! loop runs along the axis lane by lane, so an `add` of floats is the
//! first slab plus the pairwise sum of the rest of the lane (not one
//! pairwise sum of the segment, which `np.sum` would give), a `multiply`
//! is a left-to-right product, and any other ufunc is folded left to
//! right. Small integers and bools widen to int64 for `add`/`multiply`
//! as in `PyUFunc_GenericReduction`.

use crate::engine::dtype::{DType, Kind};
use crate::engine::reduce::normalize_axis;
use crate::engine::{ArrayRef, NdArray, Order, kernels};

use super::error::{PyError, PyResult};
use super::signature::{Bound, not_implemented_argument};
use super::value::Value;
use crate::eval::convert::as_array;
use crate::eval::dtype_arg::dtype_arg;
use crate::eval::session::Session;

fn int(i: usize) -> Value {
    Value::Int(i as i128)
}

/// `array[(slice(None),) * axis + (item,)]` as a value.
fn along(s: &mut Session, a: &ArrayRef, axis: usize, item: Value) -> PyResult<Value> {
    let mut idx =
        vec![Value::Slice(std::rc::Rc::new([Value::None, Value::None, Value::None])); axis];
    idx.push(item);
    s.getitem(&Value::Array(a.clone()), &Value::tuple(idx))
}

fn range(lo: usize, hi: usize) -> Value {
    Value::Slice(std::rc::Rc::new([int(lo), int(hi), Value::None]))
}

/// The reduction's dtype: `dtype=`, else int64/uint64 for `add` and
/// `multiply` of bools and integers narrower than 64 bits, else the
/// ufunc's loop type for the input.
fn reduction_dtype(
    s: &mut Session,
    ufunc: &str,
    a: &ArrayRef,
    b: &Bound,
    loop_dtype: &dyn Fn(&mut Session, &DType) -> PyResult<DType>,
) -> PyResult<DType> {
    if let Some(d) = b.get_some("dtype") {
        return dtype_arg(d);
    }
    let d = a.dtype().native();
    if matches!(ufunc, "add" | "multiply") {
        match d.kind() {
            Kind::Bool => return Ok(DType::Int64),
            Kind::Int if d.itemsize() < 8 => return Ok(DType::Int64),
            Kind::UInt if d.itemsize() < 8 => return Ok(DType::UInt64),
            _ => {}
        }
    }
    loop_dtype(s, &d)
}

/// `np.UFUNC.reduceat(...)`, bound already (`b`).
pub fn reduceat(
    s: &mut Session,
    ufunc: &str,
    b: &Bound,
    loop_dtype: &dyn Fn(&mut Session, &DType) -> PyResult<DType>,
) -> PyResult<Value> {
    if b.get_some("out").is_some() {
        return Err(not_implemented_argument("reduceat", "out"));
    }
    let raw = as_array(b.get("array").unwrap_or(&Value::None))?;
    let idx_v = b.get("indices").cloned().unwrap_or(Value::None);
    let idx = as_array(&idx_v)?;
    // NumPy converts the indices with a forced cast (0.5 is index 0).
    if !idx.dtype().is_numeric() || idx.dtype().kind() == Kind::Complex {
        return Err(PyError::type_error(format!(
            "Cannot cast array data from {} to dtype('int64') according to the rule 'safe'",
            crate::render::dtype_repr(idx.dtype())
        )));
    }
    if idx.ndim() != 1 {
        return Err(PyError::value(match (&idx_v, idx.ndim()) {
            (_, 0) => "object of too small depth for desired array",
            (Value::List(_) | Value::Tuple(_), _) => {
                "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 1."
            }
            _ => "object too deep for desired array",
        }));
    }
    if raw.ndim() == 0 {
        return Err(PyError::type_error("cannot reduceat on a scalar"));
    }
    let axis = match b.get("axis") {
        None => 0,
        Some(Value::None) | Some(Value::Tuple(_)) => {
            return Err(PyError::value("reduceat does not allow multiple axes"));
        }
        Some(v) => {
            let i = crate::eval::coerce::int_arg(v, "")?;
            normalize_axis(i, raw.ndim()).map_err(|e| PyError::new("AxisError", e.to_string()))?
        }
    };
    let dt = reduction_dtype(s, ufunc, &raw, b, loop_dtype)?;
    if matches!(dt, DType::Float16) || matches!(dt, DType::Str(_) | DType::Bytes(_)) {
        return Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab's np.{ufunc}.reduceat does not reduce {} arrays",
                dt.name()
            ),
        ));
    }
    let a = kernels::cast(&raw, &dt)?;
    let n = a.shape()[axis];
    let indices: Vec<i64> = idx
        .to_scalars()
        .iter()
        .map(|x| match x {
            crate::engine::Scalar::Int(i) => *i,
            crate::engine::Scalar::UInt(u) => *u as i64,
            crate::engine::Scalar::Bool(b) => *b as i64,
            other => crate::engine::element::scalar_as_f64(other) as i64,
        })
        .collect();
    for &i in &indices {
        if i < 0 || i as usize >= n {
            return Err(PyError::new(
                "IndexError",
                format!("index {i} out-of-bounds in {ufunc}.reduceat [0, {n})"),
            ));
        }
    }
    // Each segment `[start, end)`: up to the next index, or just `start`
    // when the next index is not past it (NumPy's rule).
    let segments: Vec<(usize, usize)> = indices
        .iter()
        .enumerate()
        .map(|(k, &start)| {
            let start = start as usize;
            let end = match indices.get(k + 1) {
                Some(&e) if e as usize > start => e as usize,
                Some(_) => start + 1,
                None => n,
            };
            (start, end)
        })
        .collect();
    let longest = segments.iter().map(|(a, b)| b - a).max().unwrap_or(0);
    if longest > 2 && super::ufunc_methods::unordered_simd_fold(ufunc, &a, axis) {
        return Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab does not model np.{ufunc}.reduceat of {} along the array's innermost axis (NumPy's vectorised loop does not fold it in order there)",
                dt.name()
            ),
        ));
    }
    let mut shape = a.shape();
    shape[axis] = indices.len();
    if indices.is_empty() {
        return Ok(Value::Array(NdArray::from_scalars(&shape, dt, &[])?));
    }
    // Lanes along the last axis, contiguous: the reduce loop's lane order.
    let moved_last = {
        let mut perm: Vec<usize> = (0..a.ndim()).filter(|&k| k != axis).collect();
        perm.push(axis);
        let t =
            crate::eval::reshaping::transpose(&a, Some(perm.iter().map(|&k| k as i64).collect()))?;
        t.copy(Order::C)?
    };
    let last = a.ndim() - 1;
    let mut pieces: Vec<ArrayRef> = Vec::with_capacity(indices.len());
    for &(start, end) in &segments {
        crate::engine::interrupt::check().map_err(PyError::from)?;
        let first = along(s, &a, axis, int(start))?;
        let value = if end - start == 1 {
            first
        } else {
            match (ufunc, dt.kind()) {
                ("add", Kind::Float | Kind::Complex) => {
                    let rest = along(s, &moved_last, last, range(start + 1, end))?;
                    let total = s.npk("sum", vec![rest], &[("axis", Value::Int(-1))])?;
                    s.npk("add", vec![first, total], &[])?
                }
                ("add", _) | ("multiply", _) | ("maximum", _) | ("minimum", _) => {
                    let f = match ufunc {
                        "add" => "sum",
                        "multiply" => "prod",
                        "maximum" => "max",
                        _ => "min",
                    };
                    let seg = along(s, &a, axis, range(start, end))?;
                    s.npk(f, vec![seg], &[("axis", int(axis))])?
                }
                _ => {
                    let mut acc = first;
                    for j in start + 1..end {
                        let next = along(s, &a, axis, int(j))?;
                        acc = s.npk(ufunc, vec![acc, next], &[])?;
                    }
                    acc
                }
            }
        };
        let piece = kernels::cast(&as_array(&value)?, &dt)?;
        pieces.push(crate::eval::reshaping::expand_dims(&piece, axis as i64)?);
    }
    Ok(Value::Array(crate::eval::reshaping::concatenate(
        &pieces,
        Some(axis),
    )?))
}
