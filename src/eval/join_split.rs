//! Joining, splitting and rearranging along an axis: `split` and its
//! `array_split`/`hsplit`/`vsplit`/`dsplit` forms (pieces are views, as
//! NumPy's are: basic slices of the input), `insert`/`delete` (always
//! copies), `roll`, `rollaxis`, `dstack`/`row_stack`, `atleast_3d`.
//! Each function follows the Python source of `numpy.lib` step by step, so
//! views, copies, dtypes and error messages come out as NumPy's do.

use super::registry::{Entry, Writes, func};
use crate::engine::dtype::DType;
use crate::engine::index::{self, IndexItem};
use crate::engine::reduce::normalize_axis;
use crate::engine::{ArrayRef, NdArray, Order, Scalar};

use super::convert::to_array;
use super::error::{PyError, PyResult};
use super::signature::{Bound, Style, bind};
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::int_arg;
use crate::eval::convert::as_array;
use crate::eval::protocol::{iterate, wrap_indexed};
use crate::eval::reshaping::{concatenate, reshape};

/// Each function's NumPy signature, written once: the name it answers to
/// is the text before `(`.
const SIGNATURES: &[&str] = &[
    "split(ary, indices_or_sections, axis=0)",
    "array_split(ary, indices_or_sections, axis=0)",
    "hsplit(ary, indices_or_sections)",
    "vsplit(ary, indices_or_sections)",
    "dsplit(ary, indices_or_sections)",
    "insert(arr, obj, values, axis=None)",
    "delete(arr, obj, axis=None)",
    "roll(a, shift, axis=None)",
    "rollaxis(a, axis, start=0)",
    "dstack(tup)",
    "row_stack(tup, *, dtype=None, casting='same_kind')",
    "atleast_3d(*arys)",
];

/// This module's registry entries (`registry::tables`): every parameter is
/// read here (or refused here with its own message).
pub const ENTRIES: &[Entry] = &[
    func(
        "split(ary, indices_or_sections, axis=0)",
        Style::Python,
        "ary indices_or_sections axis",
        Writes::Nothing,
    ),
    func(
        "array_split(ary, indices_or_sections, axis=0)",
        Style::Python,
        "ary indices_or_sections axis",
        Writes::Nothing,
    ),
    func(
        "hsplit(ary, indices_or_sections)",
        Style::Python,
        "ary indices_or_sections",
        Writes::Nothing,
    ),
    func(
        "vsplit(ary, indices_or_sections)",
        Style::Python,
        "ary indices_or_sections",
        Writes::Nothing,
    ),
    func(
        "dsplit(ary, indices_or_sections)",
        Style::Python,
        "ary indices_or_sections",
        Writes::Nothing,
    ),
    func(
        "insert(arr, obj, values, axis=None)",
        Style::Python,
        "arr obj values axis",
        Writes::Nothing,
    ),
    func(
        "delete(arr, obj, axis=None)",
        Style::Python,
        "arr obj axis",
        Writes::Nothing,
    ),
    func(
        "roll(a, shift, axis=None)",
        Style::Python,
        "a shift axis",
        Writes::Nothing,
    ),
    func(
        "rollaxis(a, axis, start=0)",
        Style::Python,
        "a axis start",
        Writes::Nothing,
    ),
    func("dstack(tup)", Style::Python, "tup", Writes::Nothing),
    func(
        "row_stack(tup, *, dtype=None, casting='same_kind')",
        Style::Python,
        "tup dtype casting",
        Writes::Nothing,
    ),
    func("atleast_3d(*arys)", Style::Python, "arys", Writes::Nothing),
];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// The `np.*` names this module answers (each has one entry in [`SIGNATURES`]).
pub const NAMES: &[&str] = &[
    "split",
    "array_split",
    "hsplit",
    "vsplit",
    "dsplit",
    "insert",
    "delete",
    "roll",
    "rollaxis",
    "dstack",
    "row_stack",
    "atleast_3d",
];

/// Call one of [`NAMES`].
pub fn call(name: &str, args: &Args) -> PyResult<Value> {
    let sig = SIGNATURES
        .iter()
        .find(|s| s.split('(').next() == Some(name))
        .expect("every name has a signature");
    let b = bind(sig, Style::Python, args)?;
    match name {
        "split" | "array_split" => {
            let a = as_array(b.required("ary"))?;
            let axis = b.get("axis").map(|v| int_arg(v, "")).transpose()?;
            split(
                &a,
                b.required("indices_or_sections"),
                axis.unwrap_or(0),
                name == "split",
            )
        }
        "hsplit" | "vsplit" | "dsplit" => directional_split(name, &b),
        "insert" => insert(&b),
        "delete" => delete(&b),
        "roll" => roll(&b),
        "rollaxis" => rollaxis(&b),
        "dstack" | "row_stack" => {
            if name == "row_stack" {
                b.refuse("dtype")?;
                if b.get("casting").is_some() {
                    return Err(super::signature::not_implemented_argument(name, "casting"));
                }
            }
            let arrays: Vec<ArrayRef> = iterate(b.required("tup"))?
                .iter()
                .map(|v| {
                    let a = as_array(v)?;
                    if name == "dstack" {
                        atleast_3d(&a)
                    } else {
                        atleast_2d(&a)
                    }
                })
                .collect::<PyResult<_>>()?;
            let axis = if name == "dstack" { 2 } else { 0 };
            Ok(Value::Array(concatenate(&arrays, Some(axis))?))
        }
        "atleast_3d" => {
            let out: Vec<Value> = b
                .var_pos
                .iter()
                .map(|v| Ok(Value::Array(atleast_3d(&as_array(v)?)?)))
                .collect::<PyResult<_>>()?;
            Ok(match out.len() {
                1 => out.into_iter().next().expect("one"),
                _ => Value::tuple(out),
            })
        }
        _ => unreachable!("np.{name} is not in join_split::NAMES"),
    }
}

/// A shape as a Python tuple value (for [`reshape`]).
fn shape_value(shape: &[usize]) -> Value {
    Value::tuple(shape.iter().map(|&n| Value::Int(n as i128)).collect())
}

/// `np.atleast_2d` of one array: `(n,)` becomes `(1, n)`, a view made as
/// NumPy makes it, `a[np.newaxis, :]` (so the new axis has stride 0).
pub(super) fn atleast_2d(a: &ArrayRef) -> PyResult<ArrayRef> {
    let all = || IndexItem::Slice(None, None, None);
    match a.ndim() {
        0 => reshape(a, &shape_value(&[1, 1]), Order::C),
        1 => index_view(a, &[IndexItem::NewAxis, all()]),
        _ => Ok(a.clone()),
    }
}

/// `np.atleast_3d` of one array: `(n,)` becomes `(1, n, 1)` and `(m, n)`
/// becomes `(m, n, 1)`, views made by indexing with `np.newaxis` as
/// NumPy's are.
fn atleast_3d(a: &ArrayRef) -> PyResult<ArrayRef> {
    let s = a.shape();
    match s.len() {
        0 => reshape(a, &shape_value(&[1, 1, 1]), Order::C),
        1 => index_view(
            a,
            &[
                IndexItem::NewAxis,
                IndexItem::Slice(None, None, None),
                IndexItem::NewAxis,
            ],
        ),
        2 => index_view(
            a,
            &[
                IndexItem::Slice(None, None, None),
                IndexItem::Slice(None, None, None),
                IndexItem::NewAxis,
            ],
        ),
        _ => Ok(a.clone()),
    }
}

/// `a[items]` for basic items: a view.
fn index_view(a: &ArrayRef, items: &[IndexItem]) -> PyResult<ArrayRef> {
    match wrap_indexed(a, index::get(a, items)?) {
        Value::Array(v) => Ok(v),
        _ => unreachable!("basic slices give an array"),
    }
}

/// Index items selecting `item` on `axis` and everything on the others.
fn along(ndim: usize, axis: usize, item: IndexItem) -> Vec<IndexItem> {
    let mut items = vec![IndexItem::Slice(None, None, None); ndim];
    items[axis] = item;
    items
}

/// `a[..., start:stop, ...]` on `axis` with Python's slice rules (negative
/// bounds count from the end, out-of-range bounds clamp): a view.
fn slice_along(
    a: &ArrayRef,
    axis: usize,
    start: Option<i64>,
    stop: Option<i64>,
) -> PyResult<ArrayRef> {
    index_view(
        a,
        &along(a.ndim(), axis, IndexItem::Slice(start, stop, None)),
    )
}

/// A new int64 (intp) array of shape `(n,)`.
fn intp_array(vals: &[i64]) -> PyResult<ArrayRef> {
    let s: Vec<Scalar> = vals.iter().map(|&v| Scalar::Int(v)).collect();
    Ok(NdArray::from_scalars(&[vals.len()], DType::Int64, &s)?)
}

/// `ary.shape[axis]` as Python evaluates it in `array_split`: a tuple index,
/// so an axis out of range is `IndexError: tuple index out of range`.
fn axis_length(a: &ArrayRef, axis: i64) -> PyResult<(usize, usize)> {
    let nd = a.ndim() as i64;
    let k = if axis < 0 { axis + nd } else { axis };
    if k < 0 || k >= nd {
        return Err(PyError::index("tuple index out of range"));
    }
    Ok((k as usize, a.shape()[k as usize]))
}

/// `np.split` (`equal` true) and `np.array_split`: a list of views.
fn split(a: &ArrayRef, how: &Value, axis: i64, equal: bool) -> PyResult<Value> {
    let points: Vec<Option<i64>> = match how {
        Value::List(_) | Value::Tuple(_) | Value::Array(_) => {
            // Each point bounds a slice `sary[st:end]`.
            let idx = iterate(how)?
                .iter()
                .map(|v| int_arg(v, "").map(Some).map_err(|_| slice_index_error()))
                .collect::<PyResult<Vec<_>>>()?;
            let (_, _) = axis_length(a, axis)?;
            let mut p = vec![Some(0)];
            p.extend(idx);
            p.push(None);
            p
        }
        // `split` tests `N % sections` with Python's `%`, then
        // `array_split` takes `int(sections)`: a float divides as a float.
        Value::Float(f) => {
            let (_, total) = axis_length(a, axis)?;
            if equal {
                if *f == 0.0 {
                    return Err(PyError::new("ZeroDivisionError", "float modulo"));
                }
                if (total as f64) % f != 0.0 {
                    return Err(PyError::value(
                        "array split does not result in an equal division",
                    ));
                }
            }
            return split(a, &Value::Int(float_to_int(*f)?), axis, false);
        }
        _ => {
            let sections = int_arg(how, "")?;
            let (_, total) = axis_length(a, axis)?;
            if equal && sections == 0 {
                return Err(PyError::new("ZeroDivisionError", "integer modulo by zero"));
            }
            if equal && total as i64 % sections != 0 {
                return Err(PyError::value(
                    "array split does not result in an equal division",
                ));
            }
            if sections <= 0 {
                return Err(PyError::value("number sections must be larger than 0."));
            }
            let (each, extras) = (total as i64 / sections, total as i64 % sections);
            let mut p = vec![Some(0)];
            let mut at = 0;
            for k in 0..sections {
                at += each + i64::from(k < extras);
                p.push(Some(at));
            }
            p
        }
    };
    let (axis, _) = axis_length(a, axis)?;
    let pieces = points
        .windows(2)
        .map(|w| Ok(Value::Array(slice_along(a, axis, w[0], w[1])?)))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(Value::list(pieces))
}

/// `np.hsplit`, `np.vsplit`, `np.dsplit`: `split` on axis 1 (0 for 1-d), 0, 2.
fn directional_split(name: &str, b: &Bound) -> PyResult<Value> {
    let a = as_array(b.required("ary"))?;
    let (min, what, axis) = match name {
        "hsplit" => (1, "1 or more", if a.ndim() > 1 { 1 } else { 0 }),
        "vsplit" => (2, "2 or more", 0),
        _ => (3, "3 or more", 2),
    };
    if a.ndim() < min {
        return Err(PyError::value(format!(
            "{name} only works on arrays of {what} dimensions"
        )));
    }
    split(&a, b.required("indices_or_sections"), axis, true)
}

/// The array `insert`/`delete` work on and the axis: the flattened array
/// and its only axis when `axis` is None.
fn array_and_axis(b: &Bound, arr: &str) -> PyResult<(ArrayRef, usize)> {
    let a = as_array(b.required(arr))?;
    match b.get_some("axis") {
        None => {
            let flat = if a.ndim() == 1 {
                a
            } else {
                reshape(&a, &Value::Int(-1), Order::C)?
            };
            Ok((flat, 0))
        }
        Some(v) => {
            let axis = normalize_axis(int_arg(v, "")?, a.ndim())?;
            Ok((a, axis))
        }
    }
}

/// The positions a slice object selects on an axis of length `n`.
fn slice_positions(v: &Value, n: usize) -> PyResult<Option<Vec<i64>>> {
    let Value::Slice(s) = v else { return Ok(None) };
    let part = |x: &Value| match x {
        Value::None => Ok(None),
        other => int_arg(other, "").map(Some),
    };
    let (start, stop, step) = (part(&s[0])?, part(&s[1])?, part(&s[2])?);
    let (first, len, step) = index::adjust_slice(start, stop, step, n)?;
    Ok(Some((0..len as i64).map(|k| first + k * step).collect()))
}

/// An index argument of `insert`/`delete` as an array: ints stay ints,
/// a list of Python ints is int64, an empty list is int64 too.
fn index_array(v: &Value) -> PyResult<ArrayRef> {
    let a = as_array(v)?;
    if a.size() == 0 && !matches!(v, Value::Array(_)) {
        return Ok(crate::engine::kernels::cast(&a, &DType::Int64)?);
    }
    Ok(a)
}

/// Python's `int()` of a float: truncation, and its errors for NaN and
/// the infinities.
fn float_to_int(f: f64) -> PyResult<i128> {
    if f.is_nan() {
        return Err(PyError::value("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(PyError::new(
            "OverflowError",
            "cannot convert float infinity to integer",
        ));
    }
    Ok(f.trunc() as i128)
}

/// Python's error for a slice bound that is not an integer
/// (`sary[st:end]` in `array_split`, `new[:index]` in `insert`).
fn slice_index_error() -> PyError {
    PyError::type_error("slice indices must be integers or None or have an __index__ method")
}

/// Integer values of an index array (NumPy refuses float indices here).
fn integer_values(a: &ArrayRef) -> PyResult<Vec<i64>> {
    if !a.dtype().is_integer() {
        return Err(PyError::index(
            "arrays used as indices must be of integer (or boolean) type",
        ));
    }
    Ok(a.to_scalars()
        .iter()
        .map(|s| match s {
            Scalar::Int(i) => *i,
            Scalar::UInt(u) => *u as i64,
            _ => 0,
        })
        .collect())
}

/// `np.delete`: always a new array without the selected positions.
fn delete(b: &Bound) -> PyResult<Value> {
    let (a, axis) = array_and_axis(b, "arr")?;
    let n = a.shape()[axis];
    let obj = b.required("obj");
    let mut keep = vec![true; n];
    if let Some(pos) = slice_positions(obj, n)? {
        for p in pos {
            keep[p as usize] = false;
        }
    } else {
        let ix = index_array(obj)?;
        if *ix.dtype() == DType::Bool {
            if ix.shape() != [n] {
                return Err(PyError::value(format!(
                    "boolean array argument obj to delete must be one dimensional and match the axis length of {n}"
                )));
            }
            for (k, s) in ix.to_scalars().iter().enumerate() {
                keep[k] = !matches!(s, Scalar::Bool(true));
            }
        } else {
            for i in integer_values(&ix)? {
                if i < -(n as i64) || i >= n as i64 {
                    return Err(PyError::index(format!(
                        "index {i} is out of bounds for axis {axis} with size {n}"
                    )));
                }
                keep[(if i < 0 { i + n as i64 } else { i }) as usize] = false;
            }
        }
    }
    let kept: Vec<i64> = (0..n as i64).filter(|&k| keep[k as usize]).collect();
    let items = along(a.ndim(), axis, IndexItem::IntArray(intp_array(&kept)?));
    match index::get(&a, &items)? {
        index::Indexed::Array(out) => Ok(Value::Array(out.copy(arr_order(&a))?)),
        index::Indexed::Scalar(_) => unreachable!("an index array gives an array"),
    }
}

/// `values` as an array of `dtype` with at least `ndim` dimensions (leading
/// ones added), as `np.array(values, ndmin=ndim, dtype=dtype)`.
fn values_as(values: &Value, dtype: &DType, ndim: usize) -> PyResult<ArrayRef> {
    let v = match values {
        Value::Array(a) => crate::engine::kernels::cast(a, dtype)?,
        other => to_array(other, Some(dtype))?,
    };
    if v.ndim() >= ndim {
        return Ok(v);
    }
    let mut shape = vec![1; ndim - v.ndim()];
    shape.extend(v.shape());
    reshape(&v, &shape_value(&shape), Order::C)
}

/// `np.insert`: a new array with `values` placed before the given positions.
fn insert(b: &Bound) -> PyResult<Value> {
    let (a, axis) = array_and_axis(b, "arr")?;
    let nd = a.ndim();
    let n = a.shape()[axis] as i64;
    let obj = b.required("obj");
    let values = b.required("values");
    let (indices, scalar_obj) = match slice_positions(obj, n as usize)? {
        Some(p) => (p, false),
        None => {
            let ix = index_array(obj)?;
            if *ix.dtype() == DType::Bool {
                if ix.ndim() != 1 {
                    return Err(PyError::value(
                        "boolean array argument obj to insert must be one dimensional",
                    ));
                }
                let p = ix
                    .to_scalars()
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| matches!(s, Scalar::Bool(true)))
                    .map(|(k, _)| k as i64)
                    .collect();
                (p, false)
            } else {
                if ix.ndim() > 1 {
                    return Err(PyError::value(
                        "index array argument obj to insert must be one dimensional or scalar",
                    ));
                }
                if ix.size() == 1 && !ix.dtype().is_integer() {
                    // One position is `ix.item()`, used as a slice bound.
                    return Err(slice_index_error());
                }
                (integer_values(&ix)?, ix.ndim() == 0)
            }
        }
    };
    let dt = a.dtype().clone();
    let mut shape = a.shape();
    if indices.len() == 1 {
        let mut index = indices[0];
        if index < -n || index > n {
            // NumPy formats `obj` itself: `5`, or `[5]` for a one-element list.
            let shown = if scalar_obj {
                format!("{index}")
            } else {
                format!("[{index}]")
            };
            return Err(PyError::index(format!(
                "index {shown} is out of bounds for axis {axis} with size {n}"
            )));
        }
        if index < 0 {
            index += n;
        }
        let mut vals = values_as(values, &dt, nd)?;
        if scalar_obj {
            let mut order: Vec<usize> = (1..vals.ndim()).collect();
            order.insert(axis, 0);
            vals = NdArray::view_with(&vals, vals.layout().permuted(&order));
        }
        let numnew = vals.shape()[axis] as i64;
        shape[axis] += numnew as usize;
        let out = NdArray::zeros(&shape, dt)?;
        let put = |from: Option<i64>, to: Option<i64>, src: &ArrayRef| -> PyResult<()> {
            index::set(
                &out,
                &along(nd, axis, IndexItem::Slice(from, to, None)),
                src,
            )?;
            Ok(())
        };
        put(
            None,
            Some(index),
            &slice_along(&a, axis, None, Some(index))?,
        )?;
        put(Some(index), Some(index + numnew), &vals)?;
        put(
            Some(index + numnew),
            None,
            &slice_along(&a, axis, Some(index), None)?,
        )?;
        return Ok(Value::Array(out.copy(arr_order(&a))?));
    }
    let mut indices: Vec<i64> = indices
        .iter()
        .map(|&i| if i < 0 { i + n } else { i })
        .collect();
    let mut order: Vec<usize> = (0..indices.len()).collect();
    order.sort_by_key(|&k| indices[k]);
    for (rank, &k) in order.iter().enumerate() {
        indices[k] += rank as i64;
    }
    let total = n + indices.len() as i64;
    let mut old = vec![true; total as usize];
    for &i in &indices {
        if i < -total || i >= total {
            return Err(PyError::index(format!(
                "index {i} is out of bounds for axis 0 with size {total}"
            )));
        }
        old[(if i < 0 { i + total } else { i }) as usize] = false;
    }
    shape[axis] = total as usize;
    let out = NdArray::zeros(&shape, dt.clone())?;
    let vals = values_as(values, &dt, 0)?;
    index::set(
        &out,
        &along(nd, axis, IndexItem::IntArray(intp_array(&indices)?)),
        &vals,
    )?;
    let kept: Vec<i64> = (0..total).filter(|&k| old[k as usize]).collect();
    index::set(
        &out,
        &along(nd, axis, IndexItem::IntArray(intp_array(&kept)?)),
        &a,
    )?;
    Ok(Value::Array(out.copy(arr_order(&a))?))
}

/// The order `np.delete`/`np.insert` make their new array in: NumPy's
/// `arrorder`, Fortran when the input is Fortran- and not C-contiguous.
fn arr_order(a: &ArrayRef) -> Order {
    if a.is_f_contiguous() && !a.is_c_contiguous() {
        Order::F
    } else {
        Order::C
    }
}

/// Integers from an int or a sequence of ints (`shift`, `axis` of `roll`).
fn int_list(v: &Value) -> PyResult<(Vec<i64>, bool)> {
    match v {
        Value::List(_) | Value::Tuple(_) | Value::Array(_) => Ok((
            iterate(v)?
                .iter()
                .map(|x| int_arg(x, ""))
                .collect::<PyResult<_>>()?,
            true,
        )),
        other => Ok((vec![int_arg(other, "")?], false)),
    }
}

/// roll's shifts: each element of `np.broadcast(shift, axis)` through
/// Python's `int()` (floats truncated, a complex's real part, digits in a
/// string parsed).
fn shift_list(v: &Value) -> PyResult<Vec<i64>> {
    let arr = as_array(v)?;
    if arr.ndim() > 1 {
        return Err(PyError::value(
            "'shift' and 'axis' should be scalars or 1D sequences",
        ));
    }
    let float_int = |f: f64| -> PyResult<i64> {
        if f.is_nan() {
            Err(PyError::value("cannot convert float NaN to integer"))
        } else if f.is_infinite() {
            Err(PyError::overflow(
                "cannot convert float infinity to integer",
            ))
        } else {
            Ok(f.trunc() as i64)
        }
    };
    arr.to_scalars()
        .iter()
        .map(|x| match x {
            Scalar::Float(f) | Scalar::Complex(f, _) => float_int(*f),
            Scalar::Str(t) => t.trim().parse::<i64>().map_err(|_| {
                PyError::value(format!(
                    "invalid literal for int() with base 10: np.str_({})",
                    crate::render::scalar_repr::py_str_repr(t)
                ))
            }),
            Scalar::Int(i) => Ok(*i),
            Scalar::UInt(u) => Ok(*u as i64),
            Scalar::Bool(b) => Ok(i64::from(*b)),
            Scalar::Object(o) if matches!(crate::eval::object::element(*o), Value::None) => {
                Err(PyError::type_error(
                    "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'",
                ))
            }
            _ => Err(PyError::new(
                "NotImplementedError",
                format!("slicelab's np.roll takes numeric shifts, not {}", arr.dtype().name()),
            )),
        })
        .collect()
}

/// `np.roll`: a copy with elements shifted (cyclically) along the axes.
fn roll(b: &Bound) -> PyResult<Value> {
    let a = as_array(b.required("a"))?;
    let shifts = shift_list(b.required("shift"))?;
    let Some(axis_v) = b.get_some("axis") else {
        let flat = reshape(&a, &Value::Int(-1), Order::C)?;
        let total = shifts.iter().fold(0i64, |t, &s| t.wrapping_add(s));
        let rolled = roll_axes(&flat, &[(0, total)])?;
        return Ok(Value::Array(reshape(
            &rolled,
            &shape_value(&a.shape()),
            Order::C,
        )?));
    };
    let (axes, _) = int_list(axis_v)?;
    let pairs: Vec<(i64, i64)> = match (shifts.len(), axes.len()) {
        (s, x) if s == x => axes.into_iter().zip(shifts).collect(),
        (1, _) => axes.into_iter().map(|x| (x, shifts[0])).collect(),
        (_, 1) => shifts.into_iter().map(|s| (axes[0], s)).collect(),
        _ => {
            return Err(PyError::value(
                "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape ("
                    .to_string()
                    + &format!("{},) and arg 1 with shape ({},).", shifts.len(), axes.len()),
            ));
        }
    };
    let mut total = vec![0i64; a.ndim()];
    for (x, s) in pairs {
        total[normalize_axis(x, a.ndim())?] += s;
    }
    let pairs: Vec<(usize, i64)> = total.into_iter().enumerate().collect();
    Ok(Value::Array(roll_axes(&a, &pairs)?))
}

/// `a` rolled by `shift` on each listed axis, into a new C-ordered array.
fn roll_axes(a: &ArrayRef, shifts: &[(usize, i64)]) -> PyResult<ArrayRef> {
    let mut cur = a.copy(Order::C)?;
    for &(axis, shift) in shifts {
        let n = cur.shape()[axis] as i64;
        if n == 0 {
            continue;
        }
        let s = shift.rem_euclid(n);
        if s == 0 {
            continue;
        }
        let out = NdArray::zeros(&cur.shape(), cur.dtype().clone())?;
        let nd = cur.ndim();
        index::set(
            &out,
            &along(nd, axis, IndexItem::Slice(Some(s), None, None)),
            &slice_along(&cur, axis, None, Some(n - s))?,
        )?;
        index::set(
            &out,
            &along(nd, axis, IndexItem::Slice(None, Some(s), None)),
            &slice_along(&cur, axis, Some(n - s), None)?,
        )?;
        cur = out;
    }
    Ok(cur)
}

/// `np.rollaxis`: a view with `axis` moved to before position `start`.
fn rollaxis(b: &Bound) -> PyResult<Value> {
    let a = as_array(b.required("a"))?;
    let nd = a.ndim();
    let axis = normalize_axis(int_arg(b.required("axis"), "")?, nd)?;
    let mut start = match b.get("start") {
        Some(v) => int_arg(v, "")?,
        None => 0,
    };
    if start < 0 {
        start += nd as i64;
    }
    if !(0 <= start && start < nd as i64 + 1) {
        return Err(PyError::new(
            "AxisError",
            format!(
                "'start' arg requires {} <= start < {}, but {} was passed in",
                -(nd as i64),
                nd + 1,
                int_arg(b.required("start"), "")?
            ),
        ));
    }
    let mut start = start as usize;
    if axis < start {
        start -= 1;
    }
    if axis == start {
        return Ok(Value::Array(NdArray::view_with(&a, a.layout())));
    }
    let mut order: Vec<usize> = (0..nd).filter(|&k| k != axis).collect();
    order.insert(start, axis);
    Ok(Value::Array(NdArray::view_with(
        &a,
        a.layout().permuted(&order),
    )))
}

#[cfg(test)]
mod tests {
    use super::{NAMES, SIGNATURES};

    #[test]
    fn every_name_has_one_signature() {
        let named: Vec<&str> = SIGNATURES
            .iter()
            .map(|s| s.split('(').next().unwrap())
            .collect();
        assert_eq!(named, NAMES);
    }
}
