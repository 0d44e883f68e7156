//! NumPy's "indexing routines" that are not plain subscripts: index
//! arithmetic (`ravel_multi_index`, `unravel_index`, `diag_indices`,
//! `tril_indices`...), gathers and scatters along an axis, masked puts,
//! `choose`/`select`/`compress`, diagonals, `ufunc.at`, and `np.r_`/`np.c_`.
//! Behaviour and error texts follow `numpy/lib/_index_tricks_impl.py`,
//! `_shape_base_impl.py`, `fromnumeric.py` and `multiarray/item_selection.c`.

use crate::engine::dtype::{DType, Kind};
use crate::engine::index::{self, IndexItem};
use crate::engine::kernels::{self, BinaryOp};
use crate::engine::layout::Layout;
use crate::engine::promote::{PyScalarKind, weak_result_type};
use crate::engine::reduce::normalize_axis;
use crate::engine::{ArrayRef, EngineError, NdArray, Order, Scalar};

use super::error::{PyError, PyResult};
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::{float_arg, int_arg, scalarize};
use crate::eval::convert::as_array;
use crate::eval::protocol::{iterate, truthy, wrap_indexed};
use crate::eval::reshaping::{concatenate, reshape, transpose};

/// The `np.*` names this module answers.
pub const NAMES: &[&str] = &[
    "ravel_multi_index",
    "unravel_index",
    "diag_indices",
    "diag_indices_from",
    "tril_indices",
    "triu_indices",
    "tril_indices_from",
    "triu_indices_from",
    "take_along_axis",
    "put_along_axis",
    "putmask",
    "place",
    "compress",
    "choose",
    "select",
    "diag",
    "fill_diagonal",
    "indices",
    "iterable",
    "trace",
];

/// Call one of [`NAMES`].
pub fn call(name: &str, args: &Args) -> PyResult<Value> {
    match name {
        "ravel_multi_index" => ravel_multi_index(args),
        "unravel_index" => unravel_index(args),
        "diag_indices" => {
            let n = int_arg(args.req(0, "n", name)?, "")?.max(0) as usize;
            room_for(&[n], &DType::Int64)?;
            let nd = match args.get(1, "ndim") {
                Some(v) => int_arg(v, "")?.max(0) as usize,
                None => 2,
            };
            let idx = Value::Array(int_array(&[n], (0..n as i64).collect())?);
            Ok(Value::tuple(vec![idx; nd]))
        }
        "diag_indices_from" => {
            let a = as_array(args.req(0, "arr", name)?)?;
            if a.ndim() < 2 {
                return Err(PyError::value("input array must be at least 2-d"));
            }
            let s = a.shape();
            if s.iter().any(|&d| d != s[0]) {
                return Err(PyError::value(
                    "All dimensions of input must be of equal length",
                ));
            }
            let idx = Value::Array(int_array(&[s[0]], (0..s[0] as i64).collect())?);
            Ok(Value::tuple(vec![idx; s.len()]))
        }
        "tril_indices" | "triu_indices" => {
            let n = int_arg(args.req(0, "n", name)?, "")?.max(0) as usize;
            let k = opt_int(args.get(1, "k"))?.unwrap_or(0);
            let m = opt_int(args.get(2, "m"))?.map_or(n, |m| m.max(0) as usize);
            tri_indices(n, m, k, name == "tril_indices")
        }
        "tril_indices_from" | "triu_indices_from" => {
            let a = as_array(args.req(0, "arr", name)?)?;
            if a.ndim() != 2 {
                return Err(PyError::value("input array must be 2-d"));
            }
            let k = opt_int(args.get(1, "k"))?.unwrap_or(0);
            let s = a.shape();
            tri_indices(s[0], s[1], k, name == "tril_indices_from")
        }
        "take_along_axis" => {
            let a = as_array(args.req(0, "arr", name)?)?;
            let ix = as_array(args.req(1, "indices", name)?)?;
            let axis = args.get(2, "axis").cloned().unwrap_or(Value::Int(-1));
            let (src, items) = along_axis(&a, &ix, &axis)?;
            Ok(wrap_indexed(&src, index::get(&src, &items)?))
        }
        "put_along_axis" => {
            let a = as_array(args.req(0, "arr", name)?)?;
            let ix = as_array(args.req(1, "indices", name)?)?;
            let vals = args.req(2, "values", name)?;
            let axis = args.req(3, "axis", name)?;
            let (dst, items) = along_axis(&a, &ix, axis)?;
            dst.check_writeable()?;
            let v = kernels::cast(&as_array(vals)?, a.dtype())?;
            index::set(&dst, &items, &v)?;
            Ok(Value::None)
        }
        "putmask" | "place" => masked_put(name, args),
        "compress" => compress(args),
        "choose" => choose(args),
        "select" => select(args),
        "diag" => diag(args),
        "fill_diagonal" => fill_diagonal(args),
        "indices" => indices(args),
        "trace" => {
            let a = as_array(args.req(0, "a", name)?)?;
            let get = |i: usize, n: &str, d: i64| -> PyResult<i64> {
                opt_int(args.get(i, n)).map(|v| v.unwrap_or(d))
            };
            let d = diagonal(
                &a,
                get(1, "offset", 0)?,
                get(2, "axis1", 0)?,
                get(3, "axis2", 1)?,
            )?;
            let last = d.ndim() - 1;
            let sum = crate::engine::reduce::reduce(
                &d,
                crate::engine::reduce::Reduction::Sum,
                Some(&[last]),
                false,
            )?;
            Ok(scalarize(sum))
        }
        "iterable" => Ok(Value::Bool(iterate(args.req(0, "y", name)?).is_ok())),
        other => Err(crate::eval::error::missing_module_attribute("numpy", other)),
    }
}

fn opt_int(v: Option<&Value>) -> PyResult<Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(x) => Ok(Some(int_arg(x, "")?)),
    }
}

/// Fail with NumPy's `MemoryError` before building a result that cannot
/// be held (the values are collected in memory first).
pub fn room_for(shape: &[usize], dt: &DType) -> PyResult<()> {
    drop(NdArray::zeros(shape, dt.clone())?);
    Ok(())
}

/// A new int64 (intp) array.
fn int_array(shape: &[usize], vals: Vec<i64>) -> PyResult<ArrayRef> {
    let s: Vec<Scalar> = vals.into_iter().map(Scalar::Int).collect();
    Ok(NdArray::from_scalars(shape, DType::Int64, &s)?)
}

/// Integer values of an index-like argument with its shape; floats are
/// refused as NumPy's index arithmetic refuses them.
fn int_values(v: &Value) -> PyResult<(Vec<i64>, Vec<usize>)> {
    let a = as_array(v)?;
    if a.size() == 0 && a.dtype().kind() == Kind::Float && !matches!(v, Value::Array(_)) {
        return Err(PyError::type_error(
            "indices must be integral: the provided empty sequence was inferred as float. Wrap it with 'np.array(indices, dtype=np.intp)'",
        ));
    }
    if !matches!(a.dtype().kind(), Kind::Int | Kind::UInt | Kind::Bool) {
        return Err(PyError::type_error("only int indices permitted"));
    }
    let vals = a
        .to_scalars()
        .iter()
        .map(|s| match s {
            Scalar::Int(i) => *i,
            Scalar::UInt(u) => *u as i64,
            Scalar::Bool(b) => *b as i64,
            _ => 0,
        })
        .collect();
    Ok((vals, a.shape()))
}

/// A result of index arithmetic: a scalar for 0-d input, else an array.
fn int_result(shape: &[usize], vals: Vec<i64>) -> PyResult<Value> {
    if shape.is_empty() {
        return Ok(Value::NpScalar(DType::Int64, Scalar::Int(vals[0])));
    }
    Ok(Value::Array(int_array(shape, vals)?))
}

/// Element strides (in elements) of a C- or F-ordered shape.
fn elem_strides(dims: &[usize], order: Order) -> Vec<i64> {
    let mut st = vec![1i64; dims.len()];
    match order {
        Order::C => {
            for k in (0..dims.len().saturating_sub(1)).rev() {
                st[k] = st[k + 1] * dims[k + 1] as i64;
            }
        }
        Order::F => {
            for k in 1..dims.len() {
                st[k] = st[k - 1] * dims[k - 1] as i64;
            }
        }
    }
    st
}

fn order_of(args: &Args, pos: usize) -> PyResult<Order> {
    match args.get(pos, "order") {
        None | Some(Value::None) => Ok(Order::C),
        Some(Value::Str(s)) if s.as_ref() == "C" => Ok(Order::C),
        Some(Value::Str(s)) if s.as_ref() == "F" => Ok(Order::F),
        Some(_) => Err(PyError::value("only 'C' or 'F' order is permitted")),
    }
}

/// How an out-of-range index is treated (`mode=`).
#[derive(Clone, Copy, PartialEq)]
enum ClipMode {
    Raise,
    Wrap,
    Clip,
}

fn clip_mode(v: Option<&Value>) -> PyResult<ClipMode> {
    match v {
        None => Ok(ClipMode::Raise),
        Some(Value::Str(s)) => match s.as_ref() {
            "raise" => Ok(ClipMode::Raise),
            "wrap" => Ok(ClipMode::Wrap),
            "clip" => Ok(ClipMode::Clip),
            other => Err(PyError::value(format!(
                "clipmode must be one of 'clip', 'raise', or 'wrap' (got '{other}')"
            ))),
        },
        Some(_) => Err(PyError::type_error("clipmode not understood")),
    }
}

/// Apply a clip mode; `None` when `raise` meets an out-of-range value.
fn apply_mode(i: i64, n: usize, mode: ClipMode) -> Option<i64> {
    let n = n as i64;
    match mode {
        ClipMode::Raise => (0..n).contains(&i).then_some(i),
        // In range needs no division (most indices are).
        ClipMode::Wrap if (0..n).contains(&i) => Some(i),
        ClipMode::Wrap if n > 0 => Some(i.rem_euclid(n)),
        ClipMode::Clip if n > 0 => Some(i.clamp(0, n - 1)),
        _ => None,
    }
}

/// Broadcast several value lists (with shapes) to one shape.
fn broadcast_all(parts: &[(Vec<i64>, Vec<usize>)]) -> PyResult<(Vec<Vec<i64>>, Vec<usize>)> {
    let shapes: Vec<&[usize]> = parts.iter().map(|(_, s)| s.as_slice()).collect();
    let shape = crate::engine::broadcast::broadcast_shapes(&shapes).ok_or_else(|| {
        let text: Vec<String> = parts
            .iter()
            .map(|(_, s)| crate::engine::error::shape_tuple(s))
            .collect();
        PyError::value(format!(
            "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape {} and arg 1 with shape {}.",
            text.first().cloned().unwrap_or_default(),
            text.get(1).cloned().unwrap_or_default()
        ))
    })?;
    let out = parts
        .iter()
        .map(|(v, s)| {
            let a = int_array(s, v.clone())?;
            let l = crate::engine::broadcast::broadcast_layout(&a.layout(), &shape);
            Ok(a.to_scalars_layout(&l)
                .into_iter()
                .map(|x| if let Scalar::Int(i) = x { i } else { 0 })
                .collect())
        })
        .collect::<PyResult<_>>()?;
    Ok((out, shape))
}

fn ravel_multi_index(args: &Args) -> PyResult<Value> {
    let name = "ravel_multi_index";
    let multi = iterate(args.req(0, "multi_index", name)?)?;
    let dims: Vec<usize> = iterate(args.req(1, "dims", name)?)?
        .iter()
        .map(|d| Ok(int_arg(d, "")?.max(0) as usize))
        .collect::<PyResult<_>>()?;
    if multi.len() != dims.len() {
        return Err(PyError::value(format!(
            "parameter multi_index must be a sequence of length {}",
            dims.len()
        )));
    }
    let modes: Vec<ClipMode> = match args.get(2, "mode") {
        Some(Value::Tuple(t)) => t
            .iter()
            .map(|m| clip_mode(Some(m)))
            .collect::<PyResult<_>>()?,
        other => vec![clip_mode(other)?; dims.len()],
    };
    let order = order_of(args, 3)?;
    if dims
        .iter()
        .try_fold(1i64, |acc, &d| acc.checked_mul(d as i64))
        .is_none()
    {
        return Err(PyError::value(
            "invalid dims: array size defined by dims is larger than the maximum possible size.",
        ));
    }
    let parts: Vec<(Vec<i64>, Vec<usize>)> =
        multi.iter().map(int_values).collect::<PyResult<_>>()?;
    let (cols, shape) = broadcast_all(&parts)?;
    let st = elem_strides(&dims, order);
    let n: usize = shape.iter().product();
    let mut out = vec![0i64; n];
    for (d, col) in cols.iter().enumerate() {
        let mode = modes.get(d).copied().unwrap_or(ClipMode::Raise);
        for (o, &i) in out.iter_mut().zip(col) {
            let j = apply_mode(i, dims[d], mode)
                .ok_or_else(|| PyError::value("invalid entry in coordinates array"))?;
            *o += j * st[d];
        }
    }
    int_result(&shape, out)
}

fn unravel_index(args: &Args) -> PyResult<Value> {
    let name = "unravel_index";
    let (vals, shape) = int_values(args.req(0, "indices", name)?)?;
    let dims_v = args.req(1, "shape", name)?;
    let dims: Vec<usize> = match dims_v {
        Value::Tuple(_) | Value::List(_) => iterate(dims_v)?
            .iter()
            .map(|d| Ok(int_arg(d, "")?.max(0) as usize))
            .collect::<PyResult<_>>()?,
        d => vec![int_arg(d, "")?.max(0) as usize],
    };
    let order = order_of(args, 2)?;
    let size = dims
        .iter()
        .try_fold(1i64, |acc, &d| acc.checked_mul(d as i64))
        .ok_or_else(|| {
            PyError::value(
                "dimensions are too large; arrays and shapes with a total size greater than 'intp' are not supported.",
            )
        })? as usize;
    for &i in &vals {
        if i < 0 || i >= size as i64 {
            return Err(PyError::value(format!(
                "index {i} is out of bounds for array with size {size}"
            )));
        }
    }
    if dims.is_empty() && !shape.is_empty() {
        return Err(PyError::value(
            "multiple indices are not supported for 0d arrays",
        ));
    }
    let st = elem_strides(&dims, order);
    let out = dims
        .iter()
        .enumerate()
        .map(|(d, &n)| {
            let col: Vec<i64> = vals
                .iter()
                .map(|&i| (i / st[d]) % n.max(1) as i64)
                .collect();
            int_result(&shape, col)
        })
        .collect::<PyResult<_>>()?;
    Ok(Value::tuple(out))
}

fn tri_indices(n: usize, m: usize, k: i64, lower: bool) -> PyResult<Value> {
    // NumPy builds an (n, m) boolean mask first.
    room_for(&[n, m], &DType::Bool)?;
    let (mut rows, mut cols) = (vec![], vec![]);
    for i in 0..n as i64 {
        for j in 0..m as i64 {
            if (lower && j - i <= k) || (!lower && j - i >= k) {
                rows.push(i);
                cols.push(j);
            }
        }
    }
    let len = rows.len();
    Ok(Value::tuple(vec![
        Value::Array(int_array(&[len], rows)?),
        Value::Array(int_array(&[len], cols)?),
    ]))
}

/// The array and index items that `take_along_axis`/`put_along_axis` use:
/// the indices on `axis`, and on every other axis an `arange` shaped to
/// broadcast against them.
fn along_axis(a: &ArrayRef, ix: &ArrayRef, axis: &Value) -> PyResult<(ArrayRef, Vec<IndexItem>)> {
    if !matches!(ix.dtype().kind(), Kind::Int | Kind::UInt) {
        return Err(PyError::index("`indices` must be an integer array"));
    }
    let (src, axis) = match axis {
        Value::None => {
            if ix.ndim() != 1 {
                return Err(PyError::value(
                    "when axis=None, `indices` must have a single dimension.",
                ));
            }
            (reshape(a, &Value::Int(-1), Order::C)?, 0)
        }
        v => (a.clone(), normalize_axis(int_arg(v, "")?, a.ndim())?),
    };
    if ix.ndim() != src.ndim() {
        return Err(PyError::value(
            "`indices` and `arr` must have the same number of dimensions",
        ));
    }
    let nd = src.ndim();
    let shape = src.shape();
    let mut items = Vec::with_capacity(nd);
    for (d, &n) in shape.iter().enumerate() {
        if d == axis {
            items.push(IndexItem::IntArray(ix.clone()));
        } else {
            let mut s = vec![1usize; nd];
            s[d] = n;
            items.push(IndexItem::IntArray(int_array(&s, (0..n as i64).collect())?));
        }
    }
    Ok((src, items))
}

/// Positions (C order) where a mask the size of `a` is true.
fn mask_positions(a: &ArrayRef, mask: &Value, what: &str) -> PyResult<Vec<usize>> {
    let m = as_array(mask)?;
    if m.size() != a.size() {
        return Err(PyError::value(format!(
            "{what}: mask and data must be the same size"
        )));
    }
    Ok(m.to_scalars()
        .iter()
        .enumerate()
        .filter(|(_, s)| crate::engine::element::scalar_as_f64(s) != 0.0)
        .map(|(k, _)| k)
        .collect())
}

/// `np.putmask` (values repeat by position) and `np.place` (values are
/// used in order).
fn masked_put(name: &str, args: &Args) -> PyResult<Value> {
    let a = match args.req(0, "a", name)? {
        Value::Array(a) => a.clone(),
        _ if name == "putmask" => {
            return Err(PyError::type_error(
                "putmask: first argument must be an array",
            ));
        }
        other => {
            return Err(PyError::type_error(format!(
                "place() argument 1 must be numpy.ndarray, not {}",
                other.type_name()
            )));
        }
    };
    let pos = mask_positions(&a, args.req(1, "mask", name)?, name)?;
    if !a.writeable() {
        return Err(PyError::value(if name == "putmask" {
            "putmask: output array is read-only"
        } else {
            "WRITEBACKIFCOPY base is read-only"
        }));
    }
    let vals = values_as(args.req(2, "values", name)?, a.dtype())?.to_scalars();
    if vals.is_empty() {
        if name == "place" && !pos.is_empty() {
            return Err(PyError::value("Cannot insert from an empty array!"));
        }
        return Ok(Value::None);
    }
    let picked: Vec<Scalar> = pos
        .iter()
        .enumerate()
        .map(|(k, &p)| {
            let at = if name == "putmask" { p } else { k };
            vals[at % vals.len()].clone()
        })
        .collect();
    super::flatiter::write_positions(&a, &pos, &picked);
    Ok(Value::None)
}

/// `np.put(a, ind, v, mode=)` and `a.put(ind, v, mode=)`.
pub fn put(a: &ArrayRef, ind: &Value, v: &Value, mode: Option<&Value>) -> PyResult<Value> {
    let mode = clip_mode(mode)?;
    let (idx, _) = int_values(ind)?;
    let n = a.size();
    if n == 0 && !idx.is_empty() {
        return Err(PyError::index("cannot replace elements of an empty array"));
    }
    let pos: Vec<usize> = idx
        .iter()
        .map(|&i| {
            let j = if mode == ClipMode::Raise && i < 0 {
                i + n as i64
            } else {
                i
            };
            apply_mode(j, n, mode).map(|j| j as usize).ok_or_else(|| {
                PyError::index(format!(
                    "index {i} is out of bounds for axis 0 with size {n}"
                ))
            })
        })
        .collect::<PyResult<_>>()?;
    if !a.writeable() {
        return Err(PyError::value("put: output array is read-only"));
    }
    let vals = values_as(v, a.dtype())?.to_scalars();
    if vals.is_empty() {
        return Ok(Value::None);
    }
    let picked: Vec<Scalar> = (0..pos.len())
        .map(|k| vals[k % vals.len()].clone())
        .collect();
    super::flatiter::write_positions(a, &pos, &picked);
    Ok(Value::None)
}

fn compress(args: &Args) -> PyResult<Value> {
    let cond = as_array(args.req(0, "condition", "compress")?)?;
    if cond.ndim() != 1 {
        return Err(PyError::value("condition must be a 1-d array"));
    }
    let a = as_array(args.req(1, "a", "compress")?)?;
    let (src, axis) = match args.get(2, "axis") {
        None | Some(Value::None) => (reshape(&a, &Value::Int(-1), Order::C)?, 0),
        Some(v) => (a.clone(), normalize_axis(int_arg(v, "")?, a.ndim())?),
    };
    let picked: Vec<i64> = cond
        .to_scalars()
        .iter()
        .enumerate()
        .filter(|(_, s)| crate::engine::element::scalar_as_f64(s) != 0.0)
        .map(|(k, _)| k as i64)
        .collect();
    let mut items = vec![IndexItem::Slice(None, None, None); axis];
    items.push(IndexItem::IntArray(int_array(&[picked.len()], picked)?));
    Ok(wrap_indexed(&src, index::get(&src, &items)?))
}

/// The dtype NumPy's `result_type` gives a mix of arrays, NumPy scalars and
/// Python scalars (ints, floats and complexes are weak, NEP 50; a bool is
/// `np.bool_`). A weak scalar beside a dtype it has nothing in common with
/// (`np.result_type('U3', 1)`) is NumPy's `DTypePromotionError`.
pub fn common_dtype(values: &[Value]) -> PyResult<DType> {
    let mut strong: Option<DType> = None;
    let mut weak: Vec<PyScalarKind> = vec![];
    // Each input's DType class in order, for NumPy's message.
    let mut classes: Vec<String> = vec![];
    for v in values {
        let kind = match v {
            Value::Int(_) | Value::BigInt(_) => Some(PyScalarKind::Int),
            Value::Float(_) => Some(PyScalarKind::Float),
            Value::Complex(..) => Some(PyScalarKind::Complex),
            _ => None,
        };
        match kind {
            Some(k) => {
                weak.push(k);
                classes.push(super::dtype_classes::input_class_repr(v, &DType::Object));
            }
            None => {
                let d = match v {
                    Value::DType(d) => d.clone(),
                    _ => as_array(v)?.dtype().clone(),
                };
                classes.push(super::dtype_classes::input_class_repr(v, &d));
                strong = Some(match strong {
                    None => d,
                    Some(s) => super::record_promote::promote_or_error(&s, &d)?,
                });
            }
        }
    }
    let rank = |k: &PyScalarKind| match k {
        PyScalarKind::Bool => 0,
        PyScalarKind::Int => 1,
        PyScalarKind::Float => 2,
        PyScalarKind::Complex => 3,
    };
    let Some(dt) = strong else {
        let top = weak.iter().copied().max_by_key(rank);
        return Ok(match top {
            Some(PyScalarKind::Bool) => DType::Bool,
            Some(PyScalarKind::Int) | None => DType::Int64,
            Some(PyScalarKind::Float) => DType::Float64,
            Some(PyScalarKind::Complex) => DType::Complex128,
        });
    };
    // NumPy first promotes the Python scalars among themselves (an int and
    // a float are a float), then that with the rest.
    match weak.iter().copied().max_by_key(rank) {
        Some(k) => weak_result_type(&dt, k).ok_or_else(|| no_common_weak(&dt, k, &classes)),
        None => Ok(dt),
    }
}

/// NumPy's `DTypePromotionError` when a weak Python scalar of `kind` has
/// nothing in common with `dt`: the list names every input's DType, the
/// array's first.
fn no_common_weak(dt: &DType, kind: PyScalarKind, classes: &[String]) -> PyError {
    let main = super::dtype_classes::input_class_repr(&Value::None, dt);
    let by = super::dtype_classes::input_class_repr(
        &match kind {
            PyScalarKind::Int => Value::Int(0),
            PyScalarKind::Float => Value::Float(0.0),
            _ => Value::Complex(0.0, 0.0),
        },
        &DType::Object,
    );
    let mut all = vec![main.clone()];
    let mut rest = classes.to_vec();
    if let Some(k) = rest.iter().position(|c| *c == main) {
        rest.remove(k);
    }
    all.extend(rest);
    PyError::new(
        "DTypePromotionError",
        format!(
            "The DType {main} could not be promoted by {by}. This means that no common DType exists for the given inputs. For example they cannot be stored in a single array unless the dtype is `object`. The full list of DTypes is: ({})",
            all.join(", ")
        ),
    )
}

/// A value as an array of `dt` the way `np.where`, `np.select` and
/// `np.choose` convert their operands: a Python int through a C long (an
/// unsigned one past it, "too large" past that), then cast unsafely, so
/// `np.where(c, int8_array, 300)` holds 44 as NumPy's does.
pub(super) fn typed(v: &Value, dt: &DType) -> PyResult<ArrayRef> {
    // Past both, NumPy holds the int as an object, which casts to a
    // float (or complex) by value and to nothing else.
    let as_object = |big: &num_bigint::BigInt| -> PyResult<ArrayRef> {
        if matches!(dt.kind(), Kind::Float | Kind::Complex) {
            let x = super::bigint::to_f64(big)?;
            return Ok(NdArray::from_scalars(
                &[],
                DType::Float64,
                &[Scalar::Float(x)],
            )?);
        }
        Err(PyError::overflow(
            "Python int too large to convert to C long",
        ))
    };
    // Into an object result a Python value goes as itself (`np.where(c,
    // 1, None)` holds the int 1 and None).
    if *dt == DType::Object && !matches!(v, Value::Array(_)) {
        return super::convert::to_array(v, Some(dt));
    }
    let a = match v {
        Value::Int(i) => {
            if let Ok(x) = i64::try_from(*i) {
                NdArray::from_scalars(&[], DType::Int64, &[Scalar::Int(x)])?
            } else if let Ok(x) = u64::try_from(*i) {
                NdArray::from_scalars(&[], DType::UInt64, &[Scalar::UInt(x)])?
            } else {
                as_object(&num_bigint::BigInt::from(*i))?
            }
        }
        Value::BigInt(b) => as_object(b)?,
        other => as_array(other)?,
    };
    // Times change unit (or refuse) as `astype` does.
    if matches!(dt, DType::Time(..)) || matches!(a.dtype(), DType::Time(..)) {
        return super::datetime_convert::cast(&a, dt);
    }
    Ok(kernels::cast(&a, dt)?)
}

/// The values `np.put`/`putmask`/`place` write, as NumPy's
/// `PyArray_FromAny` with `FORCECAST` makes them: arrays and NumPy scalars
/// cast unsafely, Python values stored as the dtype stores them, so a
/// Python int out of its range is refused (`np.put(uint8_arr, 0, -1)`).
fn values_as(v: &Value, dt: &DType) -> PyResult<ArrayRef> {
    match v {
        Value::Array(_) | Value::NpScalar(..) => Ok(kernels::cast(&as_array(v)?, dt)?),
        other => super::convert::to_array(other, Some(dt)),
    }
}

/// Values of arrays broadcast to one shape, as scalars.
pub(super) fn broadcast_scalars(arrays: &[ArrayRef]) -> PyResult<(Vec<Vec<Scalar>>, Vec<usize>)> {
    let shapes: Vec<Vec<usize>> = arrays.iter().map(|a| a.shape()).collect();
    let refs: Vec<&[usize]> = shapes.iter().map(|s| s.as_slice()).collect();
    let shape = crate::engine::broadcast::broadcast_shapes_or_err(&refs)?;
    let vals = arrays
        .iter()
        .map(|a| {
            let l = crate::engine::broadcast::broadcast_layout(&a.layout(), &shape);
            a.to_scalars_layout(&l)
        })
        .collect();
    Ok((vals, shape))
}

fn choose(args: &Args) -> PyResult<Value> {
    let a = as_array(args.req(0, "a", "choose")?)?;
    if !matches!(a.dtype().kind(), Kind::Int | Kind::UInt | Kind::Bool) {
        return Err(PyError::type_error(format!(
            "Cannot cast array data from {} to dtype('int64') according to the rule 'safe'",
            crate::render::dtype_repr(a.dtype())
        )));
    }
    let choices = iterate(args.req(1, "choices", "choose")?)?;
    let mode = clip_mode(args.get(3, "mode"))?;
    let dt = common_dtype(&choices)?;
    let mut arrays = vec![kernels::cast(&a, &DType::Int64)?];
    for c in &choices {
        arrays.push(typed(c, &dt)?);
    }
    let (vals, shape) = broadcast_scalars(&arrays)?;
    let n = choices.len();
    let out: Vec<Scalar> = (0..shape.iter().product::<usize>())
        .map(|k| {
            let i = if let Scalar::Int(i) = vals[0][k] {
                i
            } else {
                0
            };
            let j = apply_mode(i, n, mode)
                .ok_or_else(|| PyError::value("invalid entry in choice array"))?;
            Ok(vals[1 + j as usize][k].clone())
        })
        .collect::<PyResult<_>>()?;
    Ok(scalarize(NdArray::from_scalars(&shape, dt, &out)?))
}

fn select(args: &Args) -> PyResult<Value> {
    let conds = iterate(args.req(0, "condlist", "select")?)?;
    let choices = iterate(args.req(1, "choicelist", "select")?)?;
    let default = args.get(2, "default").cloned().unwrap_or(Value::Int(0));
    if conds.len() != choices.len() {
        return Err(PyError::value(
            "list of cases must be same length as list of conditions",
        ));
    }
    if conds.is_empty() {
        return Err(PyError::value(
            "select with an empty condition list is not possible",
        ));
    }
    let mut all = choices.clone();
    all.push(default.clone());
    // NumPy re-raises a promotion failure with the choices named.
    let dt = common_dtype(&all).map_err(|e| match e.kind.as_str() {
        "DTypePromotionError" => PyError::type_error(format!(
            "Choicelist and default value do not have a common dtype: {}",
            e.message
        )),
        _ => e,
    })?;
    let mut arrays = vec![];
    for (k, c) in conds.iter().enumerate() {
        let c = as_array(c)?;
        if *c.dtype() != DType::Bool {
            return Err(PyError::type_error(format!(
                "invalid entry {k} in condlist: should be boolean ndarray"
            )));
        }
        arrays.push(c);
    }
    for c in &choices {
        arrays.push(typed(c, &dt)?);
    }
    arrays.push(typed(&default, &dt)?);
    let (vals, shape) = broadcast_scalars(&arrays)?;
    let n = conds.len();
    let out: Vec<Scalar> = (0..shape.iter().product::<usize>())
        .map(|k| {
            let pick = (0..n)
                .find(|&c| vals[c][k] == Scalar::Bool(true))
                .unwrap_or(n);
            vals[n + pick][k].clone()
        })
        .collect();
    Ok(Value::Array(NdArray::from_scalars(&shape, dt, &out)?))
}

/// `a.diagonal(offset, axis1, axis2)`: a read-only view whose last axis
/// walks the diagonal, as NumPy's `PyArray_Diagonal`.
pub fn diagonal(a: &ArrayRef, offset: i64, axis1: i64, axis2: i64) -> PyResult<ArrayRef> {
    let l = a.layout();
    let nd = l.ndim();
    if nd < 2 {
        return Err(PyError::value(
            "diag requires an array of at least two dimensions",
        ));
    }
    let ax1 = normalize_axis(axis1, nd).map_err(|e| axis_named(e, "axis1"))?;
    let ax2 = normalize_axis(axis2, nd).map_err(|e| axis_named(e, "axis2"))?;
    if ax1 == ax2 {
        return Err(PyError::value("axis1 and axis2 cannot be the same"));
    }
    let (r, c) = (l.shape[ax1] as i64, l.shape[ax2] as i64);
    let (r0, c0) = if offset >= 0 {
        (0, offset)
    } else {
        (-offset, 0)
    };
    let n = (r - r0).min(c - c0).max(0) as usize;
    let mut out = Layout {
        shape: vec![],
        strides: vec![],
        offset: l.offset,
    };
    for k in (0..nd).filter(|&k| k != ax1 && k != ax2) {
        out.shape.push(l.shape[k]);
        out.strides.push(l.strides[k]);
    }
    if n > 0 {
        out.offset = (l.offset as isize
            + r0 as isize * l.strides[ax1]
            + c0 as isize * l.strides[ax2]) as usize;
    }
    out.shape.push(n);
    out.strides.push(l.strides[ax1] + l.strides[ax2]);
    let v = NdArray::view_with(a, out);
    v.set_writeable(false)?;
    Ok(v)
}

/// An axis error whose message names the argument (`axis2: axis 2 is ...`).
fn axis_named(e: EngineError, what: &str) -> PyError {
    let mut p: PyError = e.into();
    p.message = format!("{what}: {}", p.message);
    p
}

fn diag(args: &Args) -> PyResult<Value> {
    let v = as_array(args.req(0, "v", "diag")?)?;
    let k = opt_int(args.get(1, "k"))?.unwrap_or(0);
    match v.ndim() {
        1 => {
            let n = v.size() + k.unsigned_abs() as usize;
            let out = NdArray::zeros(&[n, n], v.dtype().clone())?;
            let pos: Vec<usize> = (0..v.size())
                .map(|i| {
                    let (r, c) = if k >= 0 {
                        (i, i + k as usize)
                    } else {
                        (i + k.unsigned_abs() as usize, i)
                    };
                    r * n + c
                })
                .collect();
            super::flatiter::write_positions(&out, &pos, &v.to_scalars());
            Ok(Value::Array(out))
        }
        2 => Ok(Value::Array(diagonal(&v, k, 0, 1)?)),
        _ => Err(PyError::value("Input must be 1- or 2-d.")),
    }
}

fn fill_diagonal(args: &Args) -> PyResult<Value> {
    let a = as_array(args.req(0, "a", "fill_diagonal")?)?;
    let val = args.req(1, "val", "fill_diagonal")?;
    let wrap = match args.get(2, "wrap") {
        Some(v) => truthy(v)?,
        None => false,
    };
    if a.ndim() < 2 {
        return Err(PyError::value("array must be at least 2-d"));
    }
    let s = a.shape();
    let (step, end) = if a.ndim() == 2 {
        let step = s[1] as i64 + 1;
        (
            step,
            if wrap {
                None
            } else {
                Some(s[1] as i64 * s[1] as i64)
            },
        )
    } else {
        if s.iter().any(|&d| d != s[0]) {
            return Err(PyError::value(
                "All dimensions of input must be of equal length",
            ));
        }
        let mut acc = 1i64;
        let mut step = 1i64;
        for &d in &s[..s.len() - 1] {
            acc *= d as i64;
            step += acc;
        }
        (step, None)
    };
    let stop = end.map_or(Value::None, |e| Value::Int(e as i128));
    let sl = Value::Slice(std::rc::Rc::new([
        Value::None,
        stop,
        Value::Int(step as i128),
    ]));
    super::flatiter::setitem(&a, &sl, val)?;
    Ok(Value::None)
}

/// The ufunc methods slicelab computes (`np.add.at`) for the ufuncs
/// [`ufunc_op`] knows; help covers each.
pub const UFUNC_METHODS: &[&str] = &["at", "reduce", "accumulate", "outer", "reduceat"];

/// The binary operation behind `np.NAME.at`, for the ufuncs that have one.
pub fn ufunc_op(name: &str) -> Option<BinaryOp> {
    Some(match name {
        "add" => BinaryOp::Add,
        "subtract" => BinaryOp::Sub,
        "multiply" => BinaryOp::Mul,
        "divide" | "true_divide" => BinaryOp::Div,
        "floor_divide" => BinaryOp::FloorDiv,
        "power" => BinaryOp::Pow,
        "mod" | "remainder" => BinaryOp::Mod,
        "maximum" => BinaryOp::Maximum,
        "minimum" => BinaryOp::Minimum,
        _ => return None,
    })
}

/// `np.add.at(a, indices, b)`: unbuffered, so an index named twice is
/// applied twice. `indices` is any index `a[indices]` accepts; `b`
/// broadcasts to the shape of `a[indices]`.
pub fn ufunc_at(op: BinaryOp, args: &Args, name: &str) -> PyResult<Value> {
    let (a, picked) = at_positions(args, name)?;
    let shape = picked.shape();
    let b = match args.get(2, "b") {
        // A Python int against a float array: its value as a float,
        // however large (NumPy's object loop for `2**100` gives the same).
        Some(Value::Int(i)) if a.dtype().is_inexact() => as_array(&Value::Float(*i as f64))?,
        Some(v) => as_array(v)?,
        None => return Err(PyError::value("second operand needed for ufunc")),
    };
    if !crate::engine::broadcast::broadcasts_to(&b.shape(), &shape) {
        return Err(PyError::value(
            "array is not broadcastable to correct shape",
        ));
    }
    let bl = crate::engine::broadcast::broadcast_layout(&b.layout(), &shape);
    let bvals = b.to_scalars_layout(&bl);
    let dt = a.dtype().clone();
    let positions: Vec<usize> = picked
        .to_scalars()
        .iter()
        .map(|p| {
            if let Scalar::Int(p) = p {
                *p as usize
            } else {
                0
            }
        })
        .collect();
    if let Some(done) = ufunc_at_fast(op, &a, &positions, &bvals, b.dtype(), args.get(2, "b")) {
        return done.map(|_| Value::None);
    }
    // Unbuffered semantics in vectorised rounds: round r applies the r-th
    // occurrence of every position, so repeats accumulate in order.
    let mut seen: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut rounds: Vec<Vec<usize>> = vec![];
    for (k, &p) in positions.iter().enumerate() {
        let r = seen.entry(p).or_insert(0);
        if rounds.len() <= *r {
            rounds.push(vec![]);
        }
        rounds[*r].push(k);
        *r += 1;
    }
    for round in rounds {
        let pos: Vec<usize> = round.iter().map(|&k| positions[k]).collect();
        let cur: Vec<Scalar> = pos
            .iter()
            .map(|&p| super::flatiter::read_position(&a, p))
            .collect();
        let bs: Vec<Scalar> = round.iter().map(|&k| bvals[k].clone()).collect();
        let x = NdArray::from_scalars(&[pos.len()], dt.clone(), &cur)?;
        // NumPy 2.4's `ufunc.at` takes a Python number as an array
        // (`np.asarray(b)`: int64, float64), not as a weak scalar, so
        // `uint64 + 1` runs the float64 loop.
        let y = Value::Array(NdArray::from_scalars(&[pos.len()], b.dtype().clone(), &bs)?);
        let r = super::ops::numpy_binary(op, &Value::Array(x), &y)?;
        let r = kernels::cast(&as_array(&r)?, &dt)?;
        super::flatiter::write_positions(&a, &pos, &r.to_scalars());
    }
    Ok(Value::None)
}

/// `ufunc.at(a, indices, b=None, /)`: positional only, as its C parser
/// takes them.
pub fn at_arity(args: &Args) -> PyResult<()> {
    if !args.kw.is_empty() {
        return Err(PyError::type_error("ufunc.at() takes no keyword arguments"));
    }
    match args.pos.len() {
        2 | 3 => Ok(()),
        n => Err(PyError::type_error(format!(
            "at() takes at {} {} arguments ({n} given)",
            if n < 2 { "least" } else { "most" },
            if n < 2 { 2 } else { 3 },
        ))),
    }
}

/// The array `ufunc.at` writes into, and the C-order position of each
/// element `a[indices]` names (an int64 array shaped like `a[indices]`).
pub fn at_positions(args: &Args, name: &str) -> PyResult<(ArrayRef, ArrayRef)> {
    at_arity(args)?;
    let a = match args.req(0, "a", name)? {
        Value::Array(a) => a.clone(),
        other => as_array(other)?,
    };
    let items = super::convert::to_index_items(args.req(1, "indices", name)?)?;
    // NumPy checks `writeable` only on the iterator over the axes the
    // index leaves whole (`PyArray_MapIterNew`'s subspace): an index made
    // only of integers and integer or boolean arrays that uses every axis
    // writes into a read-only array (`np.add.at(np.diagonal(m), [0], 1)`).
    if !a.writeable() && index_leaves_axes(&items, a.ndim()) {
        return Err(PyError::value(
            "operand array with iterator write flag set is read-only",
        ));
    }
    // Element positions in C order, laid out like `a`, so that indexing
    // them with `indices` names the elements `a[indices]` would.
    let n = Value::Int(a.size() as i128);
    let flat = as_array(&crate::eval::arange::arange(&Args {
        pos: vec![n],
        kw: vec![],
    })?)?;
    let shape = Value::tuple(a.shape().iter().map(|&d| Value::Int(d as i128)).collect());
    let positions = reshape(&flat, &shape, Order::C)?;
    let picked = match index::get(&positions, &items)? {
        index::Indexed::Scalar(s) => NdArray::from_scalars(&[], DType::Int64, &[s])?,
        index::Indexed::Array(x) => x,
    };
    Ok((a, picked))
}

/// Whether `a[items]` keeps some axis of `a` whole: a slice, `...` over
/// axes, or axes no index item reaches.
fn index_leaves_axes(items: &[crate::engine::index::IndexItem], ndim: usize) -> bool {
    use crate::engine::index::IndexItem;
    let mut used = 0usize;
    for item in items {
        match item {
            IndexItem::Int(_) | IndexItem::IntArray(_) => used += 1,
            IndexItem::BoolArray(m) => used += m.ndim(),
            IndexItem::Slice(..) => return true,
            IndexItem::NewAxis | IndexItem::Ellipsis => {}
        }
    }
    used < ndim
}

/// `ufunc.at` for int64 and float64 arrays with operands of the same kind:
/// a plain in-order loop, whatever the number of repeats. `None` when the
/// general path must run.
fn ufunc_at_fast(
    op: BinaryOp,
    a: &ArrayRef,
    positions: &[usize],
    bvals: &[Scalar],
    bdt: &DType,
    b: Option<&Value>,
) -> Option<PyResult<()>> {
    let python = matches!(b, Some(Value::Int(_) | Value::Float(_)));
    let same = bdt == a.dtype()
        || (python && !(matches!(b, Some(Value::Float(_))) && *a.dtype() == DType::Int64));
    if !same || !matches!(a.dtype(), DType::Int64 | DType::Float64 | DType::Float32) {
        return None;
    }
    let mut vals: Vec<Scalar> = positions
        .iter()
        .map(|&p| super::flatiter::read_position(a, p))
        .collect();
    let mut latest: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for k in 0..positions.len() {
        let cur = match latest.get(&positions[k]) {
            Some(&j) => vals[j].clone(),
            None => vals[k].clone(),
        };
        let y = &bvals[k];
        let r = match (cur, a.dtype()) {
            (Scalar::Int(x), DType::Int64) => {
                let y = match y {
                    Scalar::Int(v) => *v,
                    other => crate::engine::element::scalar_as_f64(other) as i64,
                };
                Scalar::Int(match op {
                    BinaryOp::Add => x.wrapping_add(y),
                    BinaryOp::Sub => x.wrapping_sub(y),
                    BinaryOp::Mul => x.wrapping_mul(y),
                    BinaryOp::Maximum => x.max(y),
                    BinaryOp::Minimum => x.min(y),
                    _ => return None,
                })
            }
            (Scalar::Float(x), DType::Float32) if *bdt == DType::Float32 => {
                // float32 arithmetic, as NumPy's float loops.
                let (x, y) = (x as f32, crate::engine::element::scalar_as_f64(y) as f32);
                Scalar::Float(f64::from(match op {
                    BinaryOp::Add => x + y,
                    BinaryOp::Sub => x - y,
                    BinaryOp::Mul => x * y,
                    BinaryOp::Div => x / y,
                    _ => return None,
                }))
            }
            // float64 arrays, and float32 ones meeting a Python number (a
            // float64 or int64 array here): the float64 loop, then for
            // float32 the cast back.
            (Scalar::Float(x), dt) => {
                let y = crate::engine::element::scalar_as_f64(y);
                let r = match op {
                    BinaryOp::Add => x + y,
                    BinaryOp::Sub => x - y,
                    BinaryOp::Mul => x * y,
                    BinaryOp::Div => x / y,
                    BinaryOp::Maximum if x.is_nan() || y.is_nan() => f64::NAN,
                    BinaryOp::Maximum => x.max(y),
                    BinaryOp::Minimum if x.is_nan() || y.is_nan() => f64::NAN,
                    BinaryOp::Minimum => x.min(y),
                    _ => return None,
                };
                Scalar::Float(if *dt == DType::Float32 {
                    f64::from(r as f32)
                } else {
                    r
                })
            }
            _ => return None,
        };
        vals[k] = r;
        latest.insert(positions[k], k);
    }
    let mut last: Vec<(usize, usize)> = latest.into_iter().collect();
    last.sort_unstable();
    let pos: Vec<usize> = last.iter().map(|&(p, _)| p).collect();
    let out: Vec<Scalar> = last.iter().map(|&(_, k)| vals[k].clone()).collect();
    super::flatiter::write_positions(a, &pos, &out);
    Some(Ok(()))
}

/// `np.r_[...]` and `np.c_[...]`: translate slices to ranges, apply the
/// optional leading directive (`'axis,ndmin,trans1d'`) and concatenate.
pub fn concat_trick(columns: bool, idx: &Value) -> PyResult<Value> {
    let items = match idx {
        Value::Tuple(t) => t.as_ref().clone(),
        other => vec![other.clone()],
    };
    let (mut axis, mut ndmin, mut trans1d) = if columns {
        (-1i64, 2usize, 0i64)
    } else {
        (0, 1, -1)
    };
    let mut arrays: Vec<ArrayRef> = vec![];
    let mut values: Vec<Value> = vec![];
    for (k, item) in items.iter().enumerate() {
        let arr = match item {
            Value::Str(s) => {
                if k != 0 {
                    return Err(PyError::value(
                        "special directives must be the first entry.",
                    ));
                }
                if matches!(s.as_ref(), "r" | "c") {
                    return Err(PyError::value(
                        "slicelab does not support np.matrix directives",
                    ));
                }
                let parts: Vec<&str> = s.split(',').collect();
                let num = |t: &str| {
                    t.trim()
                        .parse::<i64>()
                        .map_err(|_| PyError::value("unknown special directive"))
                };
                if parts.len() > 3 {
                    return Err(PyError::value("unknown special directive"));
                }
                axis = num(parts[0])?;
                if let Some(t) = parts.get(1) {
                    ndmin = num(t)?.max(0) as usize;
                }
                if let Some(t) = parts.get(2) {
                    trans1d = num(t)?;
                }
                continue;
            }
            Value::Slice(p) => {
                let a = slice_range(p)?;
                values.push(Value::Array(a.clone()));
                with_ndmin(a, ndmin, trans1d)?
            }
            Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::Complex(..) => {
                values.push(item.clone());
                with_ndmin(as_array(item)?, ndmin, trans1d)?
            }
            other => {
                let a = as_array(other)?;
                values.push(Value::Array(a.clone()));
                with_ndmin(a, ndmin, trans1d)?
            }
        };
        arrays.push(arr);
    }
    let dt = common_dtype(&values)?;
    let arrays: Vec<ArrayRef> = arrays
        .iter()
        .zip(&values)
        .map(|(a, v)| {
            if let Value::Int(i) = v {
                super::convert::check_int_fits(*i, &dt)?;
            }
            Ok(kernels::cast(a, &dt)?)
        })
        .collect::<PyResult<_>>()?;
    if arrays.is_empty() {
        return Err(PyError::value("need at least one array to concatenate"));
    }
    let nd = arrays[0].ndim();
    let ax = if axis < 0 { axis + nd as i64 } else { axis };
    let ax = normalize_axis(ax, nd.max(1)).map_err(PyError::from)?;
    Ok(Value::Array(concatenate(&arrays, Some(ax))?))
}

/// A slice inside `np.r_`: `arange(start, stop, step)`, or with an
/// imaginary step `linspace(start, stop, num)`.
fn slice_range(p: &[Value; 3]) -> PyResult<ArrayRef> {
    let start = match &p[0] {
        Value::None => Value::Int(0),
        v => v.clone(),
    };
    let step = match &p[2] {
        Value::None => Value::Int(1),
        v => v.clone(),
    };
    if let Value::Complex(_, im) = step {
        let num = im.abs() as usize;
        room_for(&[num], &DType::Float64)?;
        let (s0, s1) = (float_arg(&start)?, float_arg(&p[1])?);
        let vals: Vec<Scalar> = (0..num)
            .map(|i| {
                if num == 1 {
                    Scalar::Float(s0)
                } else if i == num - 1 {
                    Scalar::Float(s1)
                } else {
                    Scalar::Float(s0 + i as f64 * ((s1 - s0) / (num - 1) as f64))
                }
            })
            .collect();
        return Ok(NdArray::from_scalars(&[num], DType::Float64, &vals)?);
    }
    let all_int = [&start, &p[1], &step]
        .iter()
        .all(|v| matches!(v, Value::Int(_) | Value::Bool(_)));
    let (s0, s1, st) = (float_arg(&start)?, float_arg(&p[1])?, float_arg(&step)?);
    if st == 0.0 {
        return Err(PyError::new("ZeroDivisionError", "division by zero"));
    }
    let n = ((s1 - s0) / st).ceil().max(0.0) as usize;
    room_for(
        &[n],
        if all_int {
            &DType::Int64
        } else {
            &DType::Float64
        },
    )?;
    if all_int {
        let (a, d) = (s0 as i64, st as i64);
        return int_array(&[n], (0..n as i64).map(|i| a + i * d).collect());
    }
    let vals: Vec<Scalar> = (0..n).map(|i| Scalar::Float(s0 + i as f64 * st)).collect();
    Ok(NdArray::from_scalars(&[n], DType::Float64, &vals)?)
}

/// `array(x, ndmin=ndmin)` then NumPy's `trans1d` axis shuffle.
fn with_ndmin(a: ArrayRef, ndmin: usize, trans1d: i64) -> PyResult<ArrayRef> {
    let nd = a.ndim();
    if nd >= ndmin {
        return Ok(a);
    }
    let mut shape = vec![1usize; ndmin - nd];
    shape.extend(a.shape());
    let shape_v = Value::tuple(shape.iter().map(|&d| Value::Int(d as i128)).collect());
    let b = reshape(&a, &shape_v, Order::C)?;
    if trans1d == -1 {
        // NumPy's default puts the new axes first: nothing to move.
        return Ok(b);
    }
    let k2 = (ndmin - nd) as i64;
    let mut k1 = trans1d;
    if k1 < 0 {
        k1 += k2 + 1;
    }
    let k1 = k1.clamp(0, ndmin as i64) as usize;
    let k2 = k2 as usize;
    let def: Vec<i64> = (0..ndmin as i64).collect();
    let mut axes: Vec<i64> = def[..k1.min(def.len())].to_vec();
    axes.extend(&def[k2..]);
    if k1 < k2 {
        axes.extend(&def[k1..k2]);
    }
    transpose(&b, Some(axes))
}

/// `np.argsort(a, axis=-1)`: positions that sort each lane along `axis`
/// (NaN last; ties keep their order).
pub fn argsort(a: &ArrayRef, axis: &Value) -> PyResult<ArrayRef> {
    let (src, axis) = match axis {
        Value::None => (reshape(a, &Value::Int(-1), Order::C)?, 0),
        v => {
            if a.ndim() == 0 {
                // NumPy sorts a 0-d array as one of shape (1,), the axis
                // checked against that one dimension.
                normalize_axis(int_arg(v, "")?, 1)?;
                (reshape(a, &Value::Int(1), Order::C)?, 0)
            } else {
                (a.clone(), normalize_axis(int_arg(v, "")?, a.ndim())?)
            }
        }
    };
    if let Some(order) = crate::engine::sort::argsort(&src, axis)? {
        return Ok(order);
    }
    let nd = src.ndim();
    // Move the axis last, sort each contiguous lane, move it back.
    let mut perm: Vec<i64> = (0..nd as i64).filter(|&k| k != axis as i64).collect();
    perm.push(axis as i64);
    let moved = transpose(&src, Some(perm.clone()))?;
    let vals = moved.to_scalars();
    let n = moved.shape().last().copied().unwrap_or(1).max(1);
    let dtype = moved.dtype();
    let mut out = Vec::with_capacity(vals.len());
    for lane in vals.chunks(n) {
        let mut order: Vec<usize> = (0..lane.len()).collect();
        // Stable: NumPy's introsort is an insertion sort on the short
        // lanes tutorials print.
        order.sort_by(|&i, &j| crate::engine::sort::scalar_order(dtype, &lane[i], &lane[j]));
        out.extend(order.into_iter().map(|i| i as i64));
    }
    let sorted = int_array(&moved.shape(), out)?;
    // Undo the permutation.
    let mut back = vec![0i64; nd];
    for (k, &p) in perm.iter().enumerate() {
        back[p as usize] = k as i64;
    }
    Ok(transpose(&sorted, Some(back))?.copy(Order::C)?)
}

/// Index values brought into `[0, n)` by `mode='wrap'`/`'clip'`
/// (`np.take`); `raise` leaves them for the indexing bounds check.
pub fn moded_indices(ix: ArrayRef, n: usize, mode: Option<&Value>) -> PyResult<ArrayRef> {
    let mode = clip_mode(mode)?;
    if mode == ClipMode::Raise {
        return Ok(ix);
    }
    if ix.size() == 0 {
        // An empty list is float64 to NumPy, and takes nothing.
        return Ok(crate::engine::kernels::cast(&ix, &DType::Int64)?);
    }
    if !matches!(ix.dtype().kind(), Kind::Int | Kind::UInt | Kind::Bool) {
        // `int_values`' errors for what is no integer index.
        let (vals, shape) = int_values(&Value::Array(ix))?;
        return int_array(&shape, vals);
    }
    if n == 0 {
        return Err(PyError::index(
            "cannot do a non-empty take from an empty axes.",
        ));
    }
    // One typed pass over the indices as int64 (a uint64 above int64's
    // range wraps, as the C cast does).
    let ix = NdArray::c_run(&crate::engine::kernels::cast(&ix, &DType::Int64)?)?;
    let (size, shape) = (ix.size(), ix.shape());
    let bytes = ix.buffer().bytes();
    let off = ix.layout().offset / 8;
    let xs = crate::engine::typed::elems::<i64>(&bytes).map_or(&[][..], |e| &e[off..off + size]);
    let fixed =
        crate::engine::fill::from_index_fn(size, |k| apply_mode(xs[k], n, mode).unwrap_or(0))?;
    let layout = crate::engine::layout::Layout::c_order(&shape, 8);
    Ok(NdArray::view_with(&fixed, layout))
}

/// One axis of `np.mgrid`/`np.ogrid`: its length and `start + i * step`.
struct GridAxis {
    start: f64,
    step: f64,
    len: usize,
}

fn grid_axis(p: &[Value; 3]) -> PyResult<(GridAxis, bool)> {
    let start = match &p[0] {
        Value::None => 0.0,
        v => float_arg(v)?,
    };
    let is_float = |v: &Value| {
        matches!(v, Value::Float(_) | Value::Complex(..))
            || matches!(v, Value::NpScalar(dt, _) if dt.is_inexact())
    };
    let float = p.iter().any(is_float);
    let complex_step = match &p[2] {
        Value::Complex(re, im) | Value::NpScalar(_, Scalar::Complex(re, im)) => Some(re.hypot(*im)),
        _ => None,
    };
    if let Some(magnitude) = complex_step {
        let len = magnitude as usize;
        let step = if len != 1 {
            (float_arg(&p[1])? - start) / (len as f64 - 1.0)
        } else {
            1.0
        };
        return Ok((GridAxis { start, step, len }, true));
    }
    let step = match &p[2] {
        Value::None => 1.0,
        v => float_arg(v)?,
    };
    let stop = float_arg(&p[1])?;
    if step == 0.0 {
        return Err(PyError::new("ZeroDivisionError", "float division by zero"));
    }
    let len = ((stop - start) / step).ceil().max(0.0) as usize;
    Ok((GridAxis { start, step, len }, float))
}

/// `np.mgrid[...]` (dense) and `np.ogrid[...]` (open).
pub fn grid_trick(open: bool, idx: &Value) -> PyResult<Value> {
    // One bare slice without a complex step is `np.arange(start, stop,
    // step)` itself in NumPy's `nd_grid`, with its rounding.
    if let Value::Slice(p) = idx
        && !matches!(p[1], Value::None)
        && !matches!(
            p[2],
            Value::Complex(..) | Value::NpScalar(_, Scalar::Complex(..))
        )
    {
        let start = match &p[0] {
            Value::None => Value::Int(0),
            v => v.clone(),
        };
        return super::arange::arange(&Args {
            pos: vec![start, p[1].clone(), p[2].clone()],
            kw: vec![],
        });
    }
    let slices: Vec<[Value; 3]> = match idx {
        Value::Slice(p) => vec![p.as_ref().clone()],
        Value::Tuple(items) => items
            .iter()
            .map(|it| match it {
                Value::Slice(p) => Ok(p.as_ref().clone()),
                other => Err(PyError::new(
                    "AttributeError",
                    format!("'{}' object has no attribute 'step'", other.type_name()),
                )),
            })
            .collect::<PyResult<_>>()?,
        other => {
            return Err(PyError::new(
                "AttributeError",
                format!("'{}' object has no attribute 'step'", other.type_name()),
            ));
        }
    };
    let mut axes = vec![];
    let mut float = false;
    for p in &slices {
        let (ax, f) = grid_axis(p)?;
        float |= f;
        axes.push(ax);
    }
    // NumPy's `result_type(0, start, stop, step, ...)` over every slice
    // (a complex step counts as its magnitude); one bare slice is
    // `np.arange`, float64 for any float.
    let dt = match idx {
        Value::Tuple(_) => {
            let mut parts = vec![Value::Int(0)];
            for p in &slices {
                for v in p.iter() {
                    parts.push(match v {
                        Value::Complex(re, im) => Value::Float(re.hypot(*im)),
                        // `abs(np.complex64(5j))` is a float32.
                        Value::NpScalar(dt, Scalar::Complex(re, im)) => Value::NpScalar(
                            if *dt == DType::Complex64 {
                                DType::Float32
                            } else {
                                DType::Float64
                            },
                            Scalar::Float(re.hypot(*im)),
                        ),
                        other => other.clone(),
                    });
                }
            }
            parts.retain(|v| !matches!(v, Value::None));
            match common_dtype(&parts)? {
                d if d.is_inexact() || d.is_integer() => d,
                _ => DType::Int64,
            }
        }
        _ if float => DType::Float64,
        _ => DType::Int64,
    };
    let single = dt == DType::Float32;
    let value = |ax: &GridAxis, i: usize| {
        if single {
            // `indices * step + start` in float32, each step rounded.
            Scalar::Float(f64::from(i as f32 * ax.step as f32 + ax.start as f32))
        } else if float {
            Scalar::Float(i as f64 * ax.step + ax.start)
        } else {
            Scalar::Int(i as i64 * ax.step as i64 + ax.start as i64)
        }
    };
    let sizes: Vec<usize> = axes.iter().map(|a| a.len).collect();
    if let Value::Slice(_) = idx {
        room_for(&sizes, &dt)?;
        let vals: Vec<Scalar> = (0..sizes[0]).map(|i| value(&axes[0], i)).collect();
        return Ok(Value::Array(NdArray::from_scalars(&sizes, dt, &vals)?));
    }
    let nd = axes.len();
    if open {
        let parts = axes
            .iter()
            .enumerate()
            .map(|(k, ax)| {
                let mut shape = vec![1usize; nd];
                shape[k] = ax.len;
                room_for(&shape, &dt)?;
                let vals: Vec<Scalar> = (0..ax.len).map(|i| value(ax, i)).collect();
                Ok(Value::Array(NdArray::from_scalars(
                    &shape,
                    dt.clone(),
                    &vals,
                )?))
            })
            .collect::<PyResult<_>>()?;
        return Ok(Value::tuple(parts));
    }
    let mut full = vec![nd];
    full.extend(&sizes);
    room_for(&full, &dt)?;
    let total: usize = sizes.iter().product();
    let mut vals = Vec::with_capacity(total * nd);
    for (k, ax) in axes.iter().enumerate() {
        let inner: usize = sizes[k + 1..].iter().product();
        for flat in 0..total {
            vals.push(value(ax, (flat / inner.max(1)) % ax.len.max(1)));
        }
    }
    let mut shape = vec![nd];
    shape.extend(&sizes);
    Ok(Value::Array(NdArray::from_scalars(&shape, dt, &vals)?))
}

/// `np.indices(dimensions, dtype=int, sparse=False)`.
pub fn indices(args: &Args) -> PyResult<Value> {
    let dims: Vec<usize> = iterate(args.req(0, "dimensions", "indices")?)?
        .iter()
        .map(|d| Ok(int_arg(d, "")?.max(0) as usize))
        .collect::<PyResult<_>>()?;
    let dt = match args.get(1, "dtype") {
        Some(v) => crate::eval::dtype_arg::dtype_arg(v)?,
        None => DType::Int64,
    };
    let sparse = match args.get(2, "sparse") {
        Some(v) => truthy(v)?,
        None => false,
    };
    let slices: Vec<Value> = dims
        .iter()
        .map(|&n| {
            Value::Slice(std::rc::Rc::new([
                Value::Int(0),
                Value::Int(n as i128),
                Value::None,
            ]))
        })
        .collect();
    if dims.is_empty() {
        return Ok(Value::Array(NdArray::zeros(&[0], dt)?));
    }
    let grid = grid_trick(sparse, &Value::tuple(slices))?;
    Ok(match grid {
        Value::Array(a) => Value::Array(kernels::cast(&a, &dt)?),
        Value::Tuple(parts) => Value::tuple(
            parts
                .iter()
                .map(|p| Ok(Value::Array(kernels::cast(&as_array(p)?, &dt)?)))
                .collect::<PyResult<_>>()?,
        ),
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_modes_bring_indices_into_range() {
        assert_eq!(apply_mode(5, 3, ClipMode::Raise), None);
        assert_eq!(apply_mode(-1, 3, ClipMode::Wrap), Some(2));
        assert_eq!(apply_mode(7, 3, ClipMode::Clip), Some(2));
        assert_eq!(apply_mode(0, 0, ClipMode::Wrap), None);
    }

    #[test]
    fn element_strides_in_both_orders() {
        assert_eq!(elem_strides(&[3, 4, 5], Order::C), vec![20, 5, 1]);
        assert_eq!(elem_strides(&[3, 4, 5], Order::F), vec![1, 3, 12]);
    }

    #[test]
    fn common_dtype_keeps_python_scalars_weak() {
        let i8 = Value::Array(NdArray::zeros(&[1], DType::Int8).unwrap());
        assert_eq!(
            common_dtype(&[i8.clone(), Value::Int(300)]).unwrap(),
            DType::Int8
        );
        assert_eq!(
            common_dtype(&[i8, Value::Float(0.5)]).unwrap(),
            DType::Float64
        );
        assert_eq!(
            common_dtype(&[Value::Int(1), Value::Bool(true)]).unwrap(),
            DType::Int64
        );
    }
}
