//! Reordering data: `permutation`, `shuffle` and `permuted`, for the
//! legacy module and the Generator (which differ in their messages and in
//! the dtype of a permuted range); `choice` is in `choice.rs`.
//!
//! Every shuffle is NumPy's Fisher–Yates: for `i` from `n - 1` down to 1,
//! swap `i` with `random_interval(i)`. The swaps are replayed on an int64
//! index array, and the array is then written once through the engine's
//! indexed assignment (`x[...] = x[perm]`): the same bytes as NumPy's
//! swaps in place, and an ordinary write the teaching view can see.
//! `permutation` copies; `shuffle` writes into its argument (a view
//! included). The index array is an ordinary array allocated as
//! `np.arange(n)` is, so a huge `n` is NumPy's `MemoryError` for it, not
//! an abort.

use crate::engine::index::{self, IndexItem};
use crate::engine::random::{BitGen, SwapDraw};
use crate::engine::typed::{elems, elems_mut};
use crate::engine::{ArrayRef, DType, NdArray};

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use crate::engine::reduce::normalize_axis;
use crate::eval::convert::as_array;

pub use crate::engine::random::Flavor;

/// `np.arange(n)` as int64: NumPy's `MemoryError` naming that array when
/// it cannot be held.
pub fn arange_i64(n: usize) -> PyResult<ArrayRef> {
    let a = NdArray::for_overwrite(&[n], DType::Int64)?;
    {
        let mut bytes = a.buffer().bytes_mut();
        let out = elems_mut::<i64>(&mut bytes).expect("a new buffer is aligned");
        out.iter_mut().enumerate().for_each(|(i, v)| *v = i as i64);
    }
    Ok(a)
}

/// `f` over the elements of a new (contiguous, int64) array.
pub fn with_i64s_mut<R>(a: &ArrayRef, f: impl FnOnce(&mut [i64]) -> R) -> R {
    let mut bytes = a.buffer().bytes_mut();
    f(elems_mut::<i64>(&mut bytes).expect("a new buffer is aligned"))
}

/// The elements of a new (contiguous, int64) array.
pub fn i64s(a: &ArrayRef) -> Vec<i64> {
    elems::<i64>(&a.buffer().bytes())
        .expect("a new buffer is aligned")
        .to_vec()
}

/// The Fisher–Yates permutation of `0..n` (`arr = np.arange(n);
/// shuffle(arr)`), as an int64 array.
pub fn fisher_yates<G: BitGen>(g: &mut G, n: usize) -> PyResult<ArrayRef> {
    let perm = arange_i64(n)?;
    with_i64s_mut(&perm, |p| g.fisher_yates(p, 1, SwapDraw::Interval));
    Ok(perm)
}

/// `x` reordered along `axis` by the int64 index array `perm` (a copy).
pub fn take_along(x: &ArrayRef, perm: &ArrayRef, axis: usize) -> PyResult<ArrayRef> {
    let mut items = vec![IndexItem::Slice(None, None, None); axis];
    items.push(IndexItem::IntArray(perm.clone()));
    match index::get(x, &items)? {
        index::Indexed::Array(a) => Ok(a),
        index::Indexed::Scalar(_) => unreachable!("an index array gives an array"),
    }
}

/// Write `x[..., perm, ...] ` back into `x` along `axis`: the in-place shuffle.
fn permute_in_place(x: &ArrayRef, perm: &ArrayRef, axis: usize) -> PyResult<()> {
    let taken = take_along(x, perm, axis)?;
    index::set(x, &[IndexItem::Ellipsis], &taken)?;
    Ok(())
}

/// `shuffle(x)` / `shuffle(x, axis)`, in NumPy's order: `len(x)` first
/// (so a 0-d array is `len() of unsized object` in both APIs), then the
/// array checks, then the swaps.
pub fn shuffle<G: BitGen>(g: &mut G, x: &Value, axis: i64, flavor: Flavor) -> PyResult<Value> {
    match x {
        Value::Array(a) => {
            if a.ndim() == 0 {
                return Err(PyError::type_error("len() of unsized object"));
            }
            if !a.writeable() {
                return Err(PyError::value("array is read-only"));
            }
            let ax = match flavor {
                Flavor::Generator => normalize_axis(axis, a.ndim())?,
                Flavor::Legacy => 0,
            };
            if a.size() == 0 {
                return Ok(Value::None);
            }
            let perm = fisher_yates(g, a.shape()[ax])?;
            permute_in_place(a, &perm, ax)?;
            Ok(Value::None)
        }
        other => shuffle_sequence(g, other, axis, flavor),
    }
}

/// The untyped path: `x[i], x[j] = x[j], x[i]` for `i` from `len(x) - 1`
/// down to 1. A list is shuffled; an immutable sequence fails at its
/// first assignment, after the first partner was drawn.
fn shuffle_sequence<G: BitGen>(g: &mut G, x: &Value, axis: i64, flavor: Flavor) -> PyResult<Value> {
    let n = match x {
        Value::List(l) => l.borrow().len(),
        Value::Tuple(t) => t.len(),
        Value::Str(s) => s.chars().count(),
        Value::Bytes(b) => b.len(),
        other => {
            return Err(PyError::type_error(format!(
                "object of type '{}' has no len()",
                other.type_name()
            )));
        }
    };
    if flavor == Flavor::Generator && axis != 0 {
        return Err(PyError::new(
            "NotImplementedError",
            "Axis argument is only supported on ndarray objects",
        ));
    }
    let Value::List(l) = x else {
        if n > 1 {
            crate::engine::random::bounded::random_interval(g, (n - 1) as u64);
            return Err(PyError::type_error(format!(
                "'{}' object does not support item assignment",
                x.type_name()
            )));
        }
        return Ok(Value::None);
    };
    let perm = i64s(&fisher_yates(g, n)?);
    let old = l.borrow().clone();
    *l.borrow_mut() = perm.iter().map(|&i| old[i as usize].clone()).collect();
    Ok(Value::None)
}

/// `permutation(x)`: a shuffled `arange(x)` for an int (empty when `x`
/// is negative, as `np.arange` is), else a shuffled copy.
pub fn permutation<G: BitGen>(g: &mut G, x: &Value, axis: i64, flavor: Flavor) -> PyResult<Value> {
    if let Value::Int(_) | Value::NpScalar(..) | Value::Bool(_) = x
        && let Ok(n) = super::args::int_param(x)
        && !matches!(x, Value::NpScalar(_, crate::engine::Scalar::Float(_)))
    {
        let n = usize::try_from(n.max(0)).map_err(|_| PyError::new("MemoryError", ""))?;
        let perm = fisher_yates(g, n)?;
        // The legacy API makes `np.arange(x, dtype=np.result_type(x,
        // np.long))`: a uint64 scalar gives float64.
        if flavor == Flavor::Legacy && matches!(x, Value::NpScalar(DType::UInt64, _)) {
            return Ok(Value::Array(crate::engine::kernels::cast(
                &perm,
                &DType::Float64,
            )?));
        }
        return Ok(Value::Array(perm));
    }
    let a = as_array(x)?;
    if a.ndim() == 0 {
        return Err(match flavor {
            Flavor::Legacy => PyError::index("x must be an integer or at least 1-dimensional"),
            Flavor::Generator => PyError::new(
                "AxisError",
                format!("axis {axis} is out of bounds for array of dimension 0"),
            ),
        });
    }
    let ax = normalize_axis(axis, a.ndim())?;
    let perm = fisher_yates(g, a.shape()[ax])?;
    Ok(Value::Array(take_along(&a, &perm, ax)?))
}

/// `Generator.permuted(x, axis=None, out=None)`.
pub fn permuted<G: BitGen>(
    g: &mut G,
    x: &Value,
    axis: Option<&Value>,
    out: Option<&Value>,
) -> PyResult<Value> {
    let xa = as_array(x)?;
    let target = match out {
        None => xa.copy(crate::engine::Order::C)?,
        Some(Value::Array(o)) => {
            o.check_writeable()?;
            if o.shape() != xa.shape() {
                return Err(PyError::value("out must have the same shape as x"));
            }
            index::set(o, &[IndexItem::Ellipsis], &xa)?;
            o.clone()
        }
        Some(_) => return Err(PyError::type_error("out must be a numpy array")),
    };
    match axis {
        None | Some(Value::None) => {
            // NumPy shuffles `out` itself when it has at most one
            // dimension: `len()` of a 0-d array fails there.
            if target.ndim() == 0 {
                return Err(PyError::type_error("len() of unsized object"));
            }
            let n = target.size();
            let perm = fisher_yates(g, n)?;
            let flat = crate::eval::reshaping::ravel(&target, crate::engine::Order::C)?;
            let taken = take_along(&flat, &perm, 0)?;
            let reshaped = crate::eval::reshaping::reshape(
                &taken,
                &Value::tuple(
                    target
                        .shape()
                        .iter()
                        .map(|&d| Value::Int(d as i128))
                        .collect(),
                ),
                crate::engine::Order::C,
            )?;
            index::set(&target, &[IndexItem::Ellipsis], &reshaped)?;
        }
        Some(v) => {
            let ax = normalize_axis(super::args::int_param(v)? as i64, target.ndim())?;
            let shape = target.shape();
            let others: Vec<usize> = (0..shape.len()).filter(|&d| d != ax).collect();
            let lanes: usize = others.iter().map(|&d| shape[d]).product();
            for lane in 0..lanes {
                let mut rest = lane;
                let mut items = vec![IndexItem::Slice(None, None, None); shape.len()];
                for &d in others.iter().rev() {
                    items[d] = IndexItem::Int((rest % shape[d]) as i64);
                    rest /= shape[d];
                }
                let index::Indexed::Array(view) = index::get(&target, &items)? else {
                    unreachable!()
                };
                let perm = fisher_yates(g, shape[ax])?;
                permute_in_place(&view, &perm, 0)?;
            }
        }
    }
    Ok(Value::Array(target))
}
