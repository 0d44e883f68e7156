//! The shape routines every family builds on: `reshape`, `ravel`,
//! `transpose`, `flip`, `expand_dims`, `broadcast_to`, `concatenate` and
//! filling an array with one value. Views where NumPy makes views.

use crate::engine::dtype::{DType, Kind};
use crate::engine::index::{self, IndexItem};
use crate::engine::layout::Layout;
use crate::engine::reduce::normalize_axis;
use crate::engine::{ArrayRef, NdArray, Order, Scalar};

use super::coerce::{check_ndim, shape_arg};
use super::convert::to_scalar_for;
use super::error::{PyError, PyResult};
use super::value::Value;

/// `a.reshape(shape)`: a view when the layout allows, else a copy (whose
/// base is the hidden copy, as NumPy's).
pub fn reshape(a: &ArrayRef, shape_v: &Value, order: Order) -> PyResult<ArrayRef> {
    let shape = shape_arg(shape_v, Some(a.size()))?;
    check_ndim(shape.len())?;
    let item = a.dtype().itemsize();
    let layout = a.layout();
    match order {
        Order::C => {
            if let Some(l) = layout.reshaped_c(&shape, item) {
                return Ok(NdArray::view_with(a, l));
            }
            let c = a.copy(Order::C)?;
            let mut l = Layout::c_order(&shape, item);
            l.offset = 0;
            Ok(NdArray::view_with(&c, l))
        }
        Order::F => {
            // Reverse axes, reshape in C order, reverse back.
            let rev: Vec<usize> = (0..layout.ndim()).rev().collect();
            let t = layout.permuted(&rev);
            let rshape: Vec<usize> = shape.iter().rev().copied().collect();
            let back: Vec<usize> = (0..shape.len()).rev().collect();
            if let Some(l) = t.reshaped_c(&rshape, item) {
                return Ok(NdArray::view_with(a, l.permuted(&back)));
            }
            let c = a.copy(Order::F)?;
            let l = Layout {
                shape: shape.clone(),
                strides: crate::engine::layout::f_strides(&shape, item),
                offset: 0,
            };
            Ok(NdArray::view_with(&c, l))
        }
    }
}

/// `a.ravel()`: a view when the layout allows; otherwise a fresh array
/// that owns its data (NumPy flattens into a new buffer, so `.base` is None).
pub fn ravel(a: &ArrayRef, order: Order) -> PyResult<ArrayRef> {
    // NumPy's PyArray_Ravel returns a view only for an array contiguous in
    // the requested order; anything else is flattened into a copy, even
    // when strides could describe it (`a[:, ::2].ravel()`).
    let contiguous = match order {
        Order::C => a.is_c_contiguous(),
        Order::F => a.is_f_contiguous(),
    };
    let r = reshape(a, &Value::Int(-1), order)?;
    if contiguous && r.same_buffer(a) {
        return Ok(r);
    }
    Ok(r.copy(Order::C)?)
}

/// `ravel`/`flatten` with `order='A'` or `order='K'` (any other order is
/// `other`). Follows NumPy's `PyArray_Ravel`: 'A' is F for an array that
/// is F-contiguous and not C-contiguous; 'K' is a view when the axes,
/// sorted by the size of their strides, lie contiguously with positive
/// strides (`a.T.ravel('K')`), else a copy in the order NumPy's iterator
/// walks memory (`PyArray_CopyAsFlat`, which keeps negative strides).
pub fn ravel_named(a: &ArrayRef, order: Option<&Value>, other: Order) -> PyResult<ArrayRef> {
    let f_only = a.is_f_contiguous() && !a.is_c_contiguous();
    match order {
        Some(Value::Str(o)) if o.as_ref() == "A" => {
            ravel(a, if f_only { Order::F } else { Order::C })
        }
        Some(Value::Str(o)) if o.as_ref() == "K" => ravel_keep(a),
        _ => ravel(a, other),
    }
}

/// Whether `order=` is 'A' or 'K', the orders [`ravel_named`] decides.
pub fn names_kept_order(order: Option<&Value>) -> bool {
    matches!(order, Some(Value::Str(o)) if matches!(o.as_ref(), "A" | "K"))
}

/// `a.ravel(order='K')` (see [`ravel_named`]).
fn ravel_keep(a: &ArrayRef) -> PyResult<ArrayRef> {
    if a.is_c_contiguous() {
        return ravel(a, Order::C);
    }
    if a.is_f_contiguous() {
        return ravel(a, Order::F);
    }
    let shape = a.shape();
    let strides = a.strides();
    let item = a.dtype().itemsize() as isize;
    // PyArray_CreateSortedStridePerm: |stride| descending, ties in axis
    // order (a stable sort).
    let mut perm: Vec<usize> = (0..shape.len()).collect();
    perm.sort_by_key(|&k| std::cmp::Reverse(strides[k].unsigned_abs()));
    let mut stride = item;
    let mut contiguous = true;
    for &k in perm.iter().rev() {
        if shape[k] == 1 {
            continue;
        }
        if strides[k] != stride {
            contiguous = false;
            break;
        }
        stride *= shape[k] as isize;
    }
    if contiguous {
        let l = Layout {
            shape: vec![a.size()],
            strides: vec![item],
            offset: a.layout().offset,
        };
        return Ok(NdArray::view_with(a, l));
    }
    let walk = crate::engine::kept_order::operands_order(&shape, &[a]);
    let p = NdArray::view_with(a, a.layout().permuted(&walk));
    ravel(&p, Order::C)
}

/// `np.transpose(a, axes)`.
pub fn transpose(a: &ArrayRef, axes: Option<Vec<i64>>) -> PyResult<ArrayRef> {
    let nd = a.ndim();
    let perm: Vec<usize> = match axes {
        None => (0..nd).rev().collect(),
        Some(ax) => {
            if ax.len() != nd {
                return Err(PyError::value("axes don't match array"));
            }
            let mut p = vec![];
            for x in ax {
                let k = normalize_axis(x, nd)?;
                if p.contains(&k) {
                    return Err(PyError::value("repeated axis in transpose"));
                }
                p.push(k);
            }
            p
        }
    };
    Ok(NdArray::view_with(a, a.layout().permuted(&perm)))
}

/// `np.flip(a, axis)`: a view with negated strides.
pub fn flip(a: &ArrayRef, axes: Option<Vec<usize>>) -> PyResult<ArrayRef> {
    let mut l = a.layout();
    let axes = axes.unwrap_or_else(|| (0..l.ndim()).collect());
    for k in axes {
        if l.shape[k] > 0 {
            l.offset = (l.offset as isize + (l.shape[k] as isize - 1) * l.strides[k]) as usize;
        }
        l.strides[k] = -l.strides[k];
    }
    Ok(NdArray::view_with(a, l))
}

pub fn expand_dims(a: &ArrayRef, axis: i64) -> PyResult<ArrayRef> {
    let nd = a.ndim() + 1;
    check_ndim(nd)?;
    let ax = normalize_axis(axis, nd)?;
    let mut l = a.layout();
    l.shape.insert(ax, 1);
    let stride = if ax < l.strides.len() {
        l.strides[ax] * l.shape[ax + 1] as isize
    } else {
        a.dtype().itemsize() as isize
    };
    l.strides.insert(ax, stride);
    Ok(NdArray::view_with(a, l))
}

/// `np.broadcast_to`: a read-only view with stride 0 on stretched axes.
pub fn broadcast_to(a: &ArrayRef, shape: &[usize]) -> PyResult<ArrayRef> {
    check_ndim(shape.len())?;
    let s = a.shape();
    // `_broadcast_to`'s own checks, then `nditer(itershape=shape)`'s.
    if shape.is_empty() && !s.is_empty() {
        return Err(PyError::value(
            "cannot broadcast a non-scalar to a scalar array",
        ));
    }
    if s.len() > shape.len() {
        return Err(PyError::value(
            "input operand has more dimensions than allowed by the axis remapping",
        ));
    }
    if !crate::engine::broadcast::broadcasts_to(&s, shape) {
        return Err(PyError::value(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {}  and requested shape {}",
            crate::engine::error::shape_compact(&s),
            crate::engine::error::shape_compact(shape)
        )));
    }
    let l = crate::engine::broadcast::broadcast_layout(&a.layout(), shape);
    let v = NdArray::view_with(a, l);
    v.set_writeable(false)?;
    Ok(v)
}

pub fn concatenate(arrays: &[ArrayRef], axis: Option<usize>) -> PyResult<ArrayRef> {
    if arrays.is_empty() {
        return Err(PyError::value("need at least one array to concatenate"));
    }
    let arrays: Vec<ArrayRef> = match axis {
        None => arrays
            .iter()
            .map(|a| reshape(a, &Value::Int(-1), Order::C))
            .collect::<PyResult<_>>()?,
        Some(_) => arrays.to_vec(),
    };
    let axis = axis.unwrap_or(0);
    let nd = arrays[0].ndim();
    for (k, a) in arrays.iter().enumerate() {
        if a.ndim() != nd {
            return Err(PyError::value(format!(
                "all the input arrays must have same number of dimensions, but the array at index 0 has {nd} dimension(s) and the array at index {k} has {} dimension(s)",
                a.ndim()
            )));
        }
    }
    if nd == 0 {
        return Err(PyError::value(
            "zero-dimensional arrays cannot be concatenated",
        ));
    }
    let axis = normalize_axis(axis as i64, nd)?;
    let mut dt = arrays[0].dtype().clone();
    for a in &arrays[1..] {
        dt = super::record_promote::promote_or_error(&dt, a.dtype())?;
    }
    let mut shape = arrays[0].shape();
    shape[axis] = 0;
    for (k, a) in arrays.iter().enumerate() {
        let s = a.shape();
        for d in 0..nd {
            if d != axis && s[d] != shape[d] {
                return Err(PyError::value(format!(
                    "all the input array dimensions except for the concatenation axis must match exactly, but along dimension {d}, the array at index 0 has size {} and the array at index {k} has size {}",
                    shape[d], s[d]
                )));
            }
        }
        shape[axis] += s[axis];
    }
    // NumPy lays the result out like its inputs (`PyArray_ConcatenateArrays`).
    let refs: Vec<&NdArray> = arrays.iter().map(|a| &**a).collect();
    let perm = crate::engine::kept_order::multi_sorted_stride_perm(&refs);
    let out = NdArray::zeros_permuted(&shape, dt, &perm)?;
    let mut at = 0i64;
    for a in &arrays {
        let n = a.shape()[axis] as i64;
        let mut items = vec![IndexItem::Slice(None, None, None); nd];
        items[axis] = IndexItem::Slice(Some(at), Some(at + n), None);
        index::set(&out, &items, a)?;
        at += n;
    }
    Ok(out)
}

/// `np.full`/`np.full_like`'s `copyto(out, fill_value, casting='unsafe')`:
/// a list or tuple is an array broadcast over `out` (`np.full((2, 2),
/// [1, 2])` repeats the row), anything else one value for every element.
pub fn fill_broadcast(out: &ArrayRef, v: &Value) -> PyResult<()> {
    if *out.dtype() == DType::Object && !matches!(v, Value::List(_) | Value::Tuple(_)) {
        return fill_array(out, v);
    }
    // `np.full`/`full_like` are `copyto(out, value, casting='unsafe')`.
    let object = (*out.dtype() == DType::Object).then_some(DType::Object);
    let src = match v {
        Value::List(_) | Value::Tuple(_) => super::convert::to_array(v, object.as_ref())?,
        _ => super::copyto::source(v, out.dtype(), "unsafe")?,
    };
    index::set(out, &[IndexItem::Ellipsis], &src)?;
    Ok(())
}

/// Set every element to a Python value (with NumPy's casts).
pub fn fill_array(out: &ArrayRef, v: &Value) -> PyResult<()> {
    let src = match v {
        // `PyArray_FillWithScalar` stores the object itself in an object
        // array, whatever it is (an array, a list).
        _ if *out.dtype() == DType::Object => NdArray::from_scalars(
            &[],
            DType::Object,
            &[Scalar::Object(crate::eval::object::store(v))],
        )?,
        // Anything else is packed into one element as NumPy's setitem packs
        // it (`PyArray_Pack`): a 0-d array cast, a Python or NumPy scalar
        // converted with its checks (`fill(np.nan)` on ints is a
        // ValueError), an array or a sequence refused.
        Value::Array(a) if a.ndim() == 0 => a.clone(),
        Value::Array(_)
            if matches!(
                out.dtype().kind(),
                Kind::Int | Kind::UInt | Kind::Float | Kind::Complex
            ) =>
        {
            return Err(PyError::value("setting an array element with a sequence."));
        }
        Value::List(_) | Value::Tuple(_)
            if matches!(out.dtype().kind(), Kind::Float | Kind::Complex) =>
        {
            return Err(PyError::value("setting an array element with a sequence."));
        }
        other => NdArray::from_scalars(
            &[],
            out.dtype().clone(),
            &[to_scalar_for(other, out.dtype())?],
        )?,
    };
    index::set(out, &[IndexItem::Ellipsis], &src)?;
    Ok(())
}

/// Prepend length-1 axes until `a` has `n` dimensions (`ndmin=`): a view
/// of the new array, so `.base` is it, as in NumPy.
pub fn with_ndmin(a: ArrayRef, n: usize) -> PyResult<ArrayRef> {
    if a.ndim() >= n {
        return Ok(a);
    }
    let mut shape = vec![Value::Int(1); n - a.ndim()];
    shape.extend(a.shape().iter().map(|&d| Value::Int(d as i128)));
    reshape(&a, &Value::tuple(shape), Order::C)
}
