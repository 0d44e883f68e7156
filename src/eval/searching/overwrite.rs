//! `overwrite_input=True` of `np.median`, `np.percentile` and
//! `np.quantile`: NumPy then partitions the caller's own array (or its
//! flat view) instead of a copy, and a learner looking at the input
//! afterwards sees it rearranged. The answer does not depend on it, so
//! the routines compute as usual and this replays, through the in-place
//! `partition`, exactly the partition NumPy's `_median` and `_quantile`
//! perform: the same `kth` along the same axis, so the input ends as
//! NumPy leaves it (and the write is the engine's, seen by the teaching
//! view).

use crate::engine::ArrayRef;
use crate::engine::dtype::Kind;

use crate::engine::reduce::normalize_axis;
use crate::eval::coerce::int_arg;
use crate::eval::error::{PyError, PyResult};
use crate::eval::value::Value;

/// Partition `input` in place as NumPy's reduction does along `axis`
/// (`None`: its flat view, which only a C-contiguous array has; any other
/// array is flattened into a copy and left alone). `kth` gives the
/// indices to partition at for a lane of `n` values and the input's
/// dtype, or `None` when no partition happens.
pub fn partition_input(
    input: &Value,
    axis: Option<&Value>,
    kth: impl Fn(usize, &crate::engine::DType) -> Option<Vec<i64>>,
) -> PyResult<()> {
    // A list or scalar becomes a new array: nothing the caller holds changes.
    let Value::Array(a) = input else {
        return Ok(());
    };
    let (target, axis): (ArrayRef, usize) = match axis {
        None | Some(Value::None) => {
            if !a.is_c_contiguous() {
                return Ok(());
            }
            let flat = crate::engine::Layout {
                shape: vec![a.size()],
                strides: vec![a.dtype().itemsize() as isize],
                offset: a.layout().offset,
            };
            (crate::engine::NdArray::view_with(a, flat), 0)
        }
        Some(v) => {
            let items = match v {
                Value::Tuple(t) => t.to_vec(),
                Value::List(l) => l.borrow().clone(),
                other => vec![other.clone()],
            };
            match items.as_slice() {
                [one] => (a.clone(), normalize_axis(int_arg(one, "")?, a.ndim())?),
                _ => match merged_axes(a, &items)? {
                    Some(view) => {
                        let last = view.ndim() - 1;
                        (view, last)
                    }
                    None => return Ok(()),
                },
            }
        }
    };
    let n = target.shape().get(axis).copied().unwrap_or(0);
    if target.size() == 0 {
        return Ok(());
    }
    let Some(kth) = kth(n, a.dtype()) else {
        return Ok(());
    };
    // `target.partition(kth, axis=axis)`: the arrangement, written back.
    let kth = Value::list(kth.into_iter().map(|k| Value::Int(k as i128)).collect());
    let axis = Value::Int(axis as i128);
    let done =
        super::partition::partition(&Value::Array(target.clone()), &kth, Some(&axis), false)?;
    crate::engine::index::set(&target, &[crate::engine::index::IndexItem::Ellipsis], &done)?;
    Ok(())
}

/// NumPy's `_ureduce` for several axes: the kept axes moved to the front
/// (`np.moveaxis`, the reduced ones keeping their order), then the reduced
/// axes merged into the last by a reshape. `None` when
/// that reshape has to copy: the partition then rearranges the copy only.
fn merged_axes(a: &ArrayRef, items: &[Value]) -> PyResult<Option<ArrayRef>> {
    let nd = a.ndim();
    let mut axes = Vec::with_capacity(items.len());
    for v in items {
        let k = normalize_axis(int_arg(v, "")?, nd)?;
        if axes.contains(&k) {
            return Err(PyError::value("repeated axis"));
        }
        axes.push(k);
    }
    let keep: Vec<usize> = (0..nd).filter(|k| !axes.contains(k)).collect();
    let order: Vec<usize> = keep
        .iter()
        .copied()
        .chain((0..nd).filter(|k| axes.contains(k)))
        .collect();
    let moved = crate::engine::NdArray::view_with(a, a.layout().permuted(&order));
    let shape = moved.shape();
    let mut dims: Vec<Value> = shape[..keep.len()]
        .iter()
        .map(|&n| Value::Int(n as i128))
        .collect();
    dims.push(Value::Int(-1));
    let merged =
        crate::eval::reshaping::reshape(&moved, &Value::tuple(dims), crate::engine::Order::C)?;
    Ok(merged.same_buffer(a).then_some(merged))
}

/// Whether NumPy's NaN check applies (`supports_nans`): the last element
/// of each lane is also put in place, where a NaN would sort.
pub fn supports_nans(dtype: &crate::engine::DType) -> bool {
    matches!(
        dtype.kind(),
        Kind::Float | Kind::Complex | Kind::DateTime | Kind::TimeDelta
    )
}

/// `_median`'s kth: the middle element (both middles for an even count),
/// and the last when NaNs may occur.
pub fn median_kth(n: usize, dtype: &crate::engine::DType) -> Option<Vec<i64>> {
    let n = n as i64;
    let mut kth = if n % 2 == 0 {
        vec![n / 2 - 1, n / 2]
    } else {
        vec![(n - 1) / 2]
    };
    if supports_nans(dtype) {
        kth.push(-1);
    }
    Some(kth)
}
