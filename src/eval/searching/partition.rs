//! `np.partition`/`np.argpartition` (and the methods) with NumPy's own
//! arrangement, not just a valid one. NumPy 2.4 has two engines:
//! - `introselect` (`numpy/_core/src/npysort/selection.hpp`), replayed
//!   step for step by `engine::select`, moving (value, index) pairs
//!   together, for several kth and for the types without a SIMD selector
//!   (bool, 8/16-bit, float16, complex, strings).
//! - x86-simd-sort's vectorised `qselect` for ONE kth on 32/64-bit
//!   numbers on an AVX2 machine such as the oracle's. Its sorting network
//!   sorts a lane outright up to 64 (8-byte) / 256 (4-byte) elements, and
//!   its arg form sorts up to 256; slicelab gives that result where it is
//!   determined (for indices: distinct values, no NaN) and refuses the
//!   rest with `NotImplementedError` rather than print a different valid
//!   arrangement.

use crate::engine::dtype::{DType, Kind};
use crate::engine::kernels;
use crate::engine::reduce::normalize_axis;
use crate::engine::select::Lane;
use crate::engine::{ArrayRef, NdArray, Order, Scalar};

use super::order::{cmp, is_nan, lanes, lt};
use super::search::intp;
use crate::eval::coerce::int_arg;
use crate::eval::convert::as_array;
use crate::eval::error::{PyError, PyResult};
use crate::eval::reshaping::ravel;
use crate::eval::value::Value;

/// The lane's arrangement after partitioning at the (normalized, sorted)
/// `kths`: the values and the original index of each.
pub fn select(
    vals: Vec<Scalar>,
    kths: &[usize],
    dtype: &DType,
    want_indices: bool,
) -> PyResult<(Vec<Scalar>, Vec<i64>)> {
    let n = vals.len();
    let mut v = vals;
    let mut idx: Vec<i64> = (0..n as i64).collect();
    if let (1, Some(width)) = (kths.len(), simd_width(dtype)) {
        return simd_select(v, dtype, width, want_indices);
    }
    if matches!(dtype, DType::Str(_) | DType::Bytes(_)) {
        return full_sort(v, want_indices);
    }
    let inexact = matches!(dtype.kind(), Kind::Float | Kind::Complex);
    Lane::new(&mut v, Some(&mut idx), &lt).select_all(kths, inexact);
    Ok((v, idx))
}

/// A lane of a type NumPy has no selector for (strings, bytes): NumPy's
/// `PyArray_ArgPartition` sorts it outright with the type's quicksort
/// (`npy_aquicksort`), an insertion sort, so stable, up to 16 elements;
/// past that, equal elements' order is its introsort's, which slicelab
/// does not replay: refused.
fn full_sort(v: Vec<Scalar>, want_indices: bool) -> PyResult<(Vec<Scalar>, Vec<i64>)> {
    let mut idx: Vec<i64> = (0..v.len() as i64).collect();
    idx.sort_by(|&i, &j| cmp(&v[i as usize], &v[j as usize]));
    let sorted: Vec<Scalar> = idx.iter().map(|&i| v[i as usize].clone()).collect();
    if want_indices && sorted.len() > 16 && sorted.windows(2).any(|w| cmp(&w[0], &w[1]).is_eq()) {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not replay NumPy's introsort, which orders the indices of equal \
             strings in np.argpartition of more than 16 elements",
        ));
    }
    Ok((sorted, idx))
}

/// The element width x86-simd-sort's `qselect` handles, for the dtypes it
/// takes (one kth only).
fn simd_width(dtype: &DType) -> Option<usize> {
    match dtype {
        DType::Int32 | DType::UInt32 | DType::Float32 => Some(4),
        DType::Int64 | DType::UInt64 | DType::Float64 => Some(8),
        _ => None,
    }
}

/// The longest lane the SIMD selector sorts outright (its sorting network).
fn network(width: usize, want_indices: bool) -> usize {
    if want_indices || width == 4 { 256 } else { 64 }
}

fn refusal(want_indices: bool, why: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!(
            "slicelab cannot reproduce NumPy's SIMD arrangement for {} with one kth on {why}; \
             np.sort gives the same values in full order",
            if want_indices {
                "argpartition"
            } else {
                "partition"
            },
        ),
    )
}

/// The SIMD selector's result where it is known: a sorted lane.
fn simd_select(
    vals: Vec<Scalar>,
    dtype: &DType,
    width: usize,
    want_indices: bool,
) -> PyResult<(Vec<Scalar>, Vec<i64>)> {
    let n = vals.len();
    let refuse = |why: &str| Err(refusal(want_indices, why));
    if n > network(width, want_indices) {
        return refuse(&format!("{n} {} elements", dtype.name()));
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| cmp(&vals[i], &vals[j]));
    if want_indices {
        let tie = order
            .windows(2)
            .any(|w| cmp(&vals[w[0]], &vals[w[1]]).is_eq());
        if tie || vals.iter().any(is_nan) {
            return refuse("equal values or NaN");
        }
    } else if vals
        .iter()
        .any(|x| matches!(x, Scalar::Float(f) if *f == 0.0 && f.is_sign_negative()))
    {
        return refuse("-0.0");
    }
    let v = order.iter().map(|&i| vals[i].clone()).collect();
    Ok((v, order.into_iter().map(|i| i as i64).collect()))
}

/// The kth argument as NumPy reads it: sorted, negatives counted from the
/// end of a lane of `n`, each checked unless the array is empty (NumPy
/// then partitions nothing and checks only the type).
fn kth_list(kth: &Value, n: usize, empty: bool) -> PyResult<Vec<usize>> {
    let arr = as_array(kth)?;
    if !matches!(arr.dtype().kind(), Kind::Int | Kind::UInt | Kind::Bool) {
        return Err(PyError::type_error("Partition index must be integer"));
    }
    if arr.ndim() > 1 {
        return Err(PyError::value(
            "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 1.",
        ));
    }
    let mut out = Vec::new();
    for s in kernels::cast(&arr, &DType::Int64)?.to_scalars() {
        let Scalar::Int(mut k) = s else { continue };
        if empty {
            continue;
        }
        if k < 0 {
            k += n as i64;
        }
        if k < 0 || k >= n as i64 {
            return Err(PyError::value(format!("kth(={k}) out of bounds ({n})")));
        }
        out.push(k as usize);
    }
    out.sort_unstable();
    Ok(out)
}

/// `np.partition`/`np.argpartition(a, kth, axis)`: the partitioned copy,
/// or the indices that partition `a`.
pub fn partition(
    a: &Value,
    kth: &Value,
    axis: Option<&Value>,
    want_indices: bool,
) -> PyResult<ArrayRef> {
    let mut a = as_array(a)?;
    // NumPy's argpartition sees a 0-d array as one element.
    if want_indices && a.ndim() == 0 {
        a = ravel(&a, Order::C)?;
    }
    let axis = match axis {
        Some(Value::None) => {
            a = ravel(&a, Order::C)?;
            0
        }
        Some(v) => int_arg(v, "")?,
        None => -1,
    };
    let shape = a.shape();
    let axis = normalize_axis(axis, shape.len())?;
    let kths = kth_list(kth, shape[axis], shape.contains(&0))?;
    let dtype = a.dtype().clone();
    // A lane longer than the SIMD selector's network is refused before
    // any element is read.
    if let (1, Some(width)) = (kths.len(), simd_width(&dtype))
        && shape[axis] > network(width, want_indices)
        && shape.iter().product::<usize>() > 0
    {
        return Err(refusal(
            want_indices,
            &format!("{} {} elements", shape[axis], dtype.name()),
        ));
    }
    let vals = a.to_scalars();
    let mut out_vals = vals.clone();
    let mut out_idx = vec![0i64; vals.len()];
    if shape.iter().product::<usize>() > 0 {
        for lane in lanes(&shape, axis) {
            let lane_vals: Vec<Scalar> = lane.iter().map(|&i| vals[i].clone()).collect();
            let (v, idx) = select(lane_vals, &kths, &dtype, want_indices)?;
            for ((&slot, v), i) in lane.iter().zip(v).zip(idx) {
                out_vals[slot] = v;
                out_idx[slot] = i;
            }
        }
    }
    if want_indices {
        intp(out_idx, &shape)
    } else {
        Ok(NdArray::from_scalars(&shape, dtype, &out_vals)?)
    }
}

/// `order=` names fields of a structured array; on any other array it is
/// NumPy's error (slicelab does not partition records by field).
pub fn refuse_order(a: &Value) -> PyResult<Value> {
    if matches!(as_array(a)?.dtype(), DType::Record(..)) {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's partition does not take order= on structured arrays",
        ));
    }
    Err(PyError::value(
        "Cannot specify order when the array has no fields.",
    ))
}
