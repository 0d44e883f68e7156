//! `np.pad`: NumPy's `numpy/lib/_arraypad_impl.py` step by step — the
//! `pad_width` forms (int, `(before, after)`, per axis) through `_as_pairs`,
//! the keyword check per mode, a new array (F-ordered when the input is
//! only F-contiguous) holding the input in its middle, then each axis's
//! pad areas filled in axis order, so corners come out as NumPy's.
//! Modes: `constant` (`constant_values`), `empty`, `edge`, `wrap` (a
//! periodic index map, which is what NumPy's repeated wrapping amounts to
//! for any width), `reflect`/`symmetric` (`_set_reflect_both`'s chunks,
//! `reflect_type='odd'` included), `linear_ramp` (`end_values`, NumPy's
//! `linspace` steps), `maximum`/`minimum`/`mean`/`median` (`stat_length`),
//! a function as mode, and a dict `pad_width` (`{axis: width}`).

use super::error::{PyError, PyResult};
use super::shapes::slice_view;
use super::value::Value;
use crate::engine::dtype::{DType, Kind};
use crate::engine::index::{self, IndexItem};
use crate::engine::{ArrayRef, NdArray, Order, Scalar, buffer};
use crate::eval::args::Args;
use crate::eval::coerce::int_arg;
use crate::eval::convert::as_array;
use crate::eval::reshaping::{broadcast_to, fill_array};
use crate::eval::session::Session;

/// Each mode NumPy knows, with the keywords it accepts.
const MODES: &[(&str, &[&str])] = &[
    ("empty", &[]),
    ("edge", &[]),
    ("wrap", &[]),
    ("constant", &["constant_values"]),
    ("linear_ramp", &["end_values"]),
    ("maximum", &["stat_length"]),
    ("mean", &["stat_length"]),
    ("median", &["stat_length"]),
    ("minimum", &["stat_length"]),
    ("reflect", &["reflect_type"]),
    ("symmetric", &["reflect_type"]),
];

/// The parameters of `pad` itself (everything else came in `**kwargs`).
const OWN: &[&str] = &["array", "pad_width", "mode"];

/// `np.pad(array, pad_width, mode='constant', **kwargs)`.
pub fn pad(s: &mut Session, args: &Args) -> PyResult<ArrayRef> {
    let a = as_array(args.req(0, "array", "pad")?)?;
    let widths = match args.req(1, "pad_width", "pad")? {
        Value::Dict(d) => dict_widths(&d.borrow(), a.ndim())?,
        other => other.clone(),
    };
    let widths = as_array(&widths)?;
    if !matches!(widths.dtype().kind(), Kind::Int) {
        return Err(PyError::type_error("`pad_width` must be of integral type."));
    }
    let nd = a.ndim();
    let pairs: Vec<(usize, usize)> = as_pairs(&widths, nd)?
        .into_iter()
        .map(|(l, r)| {
            let l = int_of(&l);
            let r = int_of(&r);
            if l < 0 || r < 0 {
                Err(PyError::value("index can't contain negative values"))
            } else {
                Ok((l as usize, r as usize))
            }
        })
        .collect::<PyResult<_>>()?;
    let mode = match args.kw("mode") {
        None => "constant".to_string(),
        Some(Value::Str(s)) => s.to_string(),
        Some(f @ (Value::Function(_) | Value::Method(..) | Value::Object(_))) => {
            return with_function(s, &a, &widths, &pairs, f, args);
        }
        // NumPy looks the mode up in its table of keywords: a missing key
        // is "not supported", written with str().
        Some(Value::Int(i)) => return Err(PyError::value(format!("mode '{i}' is not supported"))),
        Some(Value::Bool(b)) => {
            let b = if *b { "True" } else { "False" };
            return Err(PyError::value(format!("mode '{b}' is not supported")));
        }
        Some(Value::None) => return Err(PyError::value("mode 'None' is not supported")),
        Some(_) => {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab's np.pad takes mode as a str or a function",
            ));
        }
    };
    let Some((_, allowed)) = MODES.iter().find(|(m, _)| *m == mode) else {
        return Err(PyError::value(format!("mode '{mode}' is not supported")));
    };
    let extra: Vec<&(String, Value)> = args
        .kw
        .iter()
        .filter(|(k, _)| !OWN.contains(&k.as_str()))
        .collect();
    let unsupported: Vec<String> = extra
        .iter()
        .filter(|(k, _)| !allowed.contains(&k.as_str()))
        .map(|(k, _)| format!("'{k}'"))
        .collect();
    if !unsupported.is_empty() {
        return Err(PyError::value(format!(
            "unsupported keyword arguments for mode '{mode}': {{{}}}",
            unsupported.join(", ")
        )));
    }
    // NumPy compares `reflect_type == "odd"`: anything else reflects evenly.
    let odd = matches!(args.kw("reflect_type"), Some(Value::Str(t)) if t.as_ref() == "odd");

    let shape = a.shape();
    let new_shape: Vec<usize> = shape
        .iter()
        .zip(&pairs)
        .map(|(&n, &(l, r))| n.checked_add(l).and_then(|x| x.checked_add(r)))
        .collect::<Option<_>>()
        .ok_or(crate::engine::EngineError::ArrayTooBig)?;
    let dt = a.dtype().clone();
    buffer::ensure_room(&new_shape, dt.itemsize(), &dt.name(), 0)?;
    let order = if a.is_f_contiguous() && !a.is_c_contiguous() {
        Order::F
    } else {
        Order::C
    };
    let padded = NdArray::zeros_ordered(&new_shape, dt, order)?;
    let middle: Vec<IndexItem> = shape
        .iter()
        .zip(&pairs)
        .map(|(&n, &(l, _))| IndexItem::Slice(Some(l as i64), Some((l + n) as i64), None))
        .collect();
    index::set(&padded, &middle, &a)?;

    match mode.as_str() {
        "empty" => {}
        "constant" => {
            let values = args.kw("constant_values").cloned().unwrap_or(Value::Int(0));
            let fills = as_pairs(&as_array(&values)?, nd)?;
            for axis in 0..nd {
                let roi = roi(&padded, &shape, &pairs, axis)?;
                let (l, r) = pairs[axis];
                let len = roi.shape()[axis];
                fill_array(&slice_view(&roi, axis, 0, l)?, &fills[axis].0)?;
                fill_array(&slice_view(&roi, axis, len - r, len)?, &fills[axis].1)?;
            }
        }
        _ if a.size() == 0 => {
            for (axis, &(l, r)) in pairs.iter().enumerate() {
                if shape[axis] == 0 && (l > 0 || r > 0) {
                    return Err(PyError::value(format!(
                        "can't extend empty axis {axis} using modes other than 'constant' or 'empty'"
                    )));
                }
            }
        }
        "linear_ramp" => {
            let values = args.kw("end_values").cloned().unwrap_or(Value::Int(0));
            let ends = as_pairs(&as_array(&values)?, nd)?;
            for axis in 0..nd {
                let roi = roi(&padded, &shape, &pairs, axis)?;
                let (l, r) = pairs[axis];
                let (le, re) = edges(&roi, axis, pairs[axis])?;
                let left = linear_ramp(s, &ends[axis].0, &le, l, axis, roi.dtype())?;
                let right = linear_ramp(s, &ends[axis].1, &re, r, axis, roi.dtype())?;
                let right = axis_slice(&right, axis, None, None, Some(-1))?;
                set_pad_area(&roi, axis, (l, r), &left, &right)?;
            }
        }
        "maximum" | "minimum" | "mean" | "median" => {
            let func = match mode.as_str() {
                "maximum" => "amax",
                "minimum" => "amin",
                other => other,
            };
            let lengths = stat_lengths(args.kw("stat_length"), nd)?;
            for axis in 0..nd {
                let roi = roi(&padded, &shape, &pairs, axis)?;
                let (l, r) = pairs[axis];
                let (ls, rs) = stats(s, &roi, axis, (l, r), lengths[axis], func)?;
                set_pad_area(&roi, axis, (l, r), &ls, &rs)?;
            }
        }
        "reflect" | "symmetric" => {
            for axis in 0..nd {
                let (mut l, mut r) = pairs[axis];
                if shape[axis] == 1 && (l > 0 || r > 0) {
                    // NumPy's legacy rule: a length-1 axis repeats its edge.
                    let (le, re) = edges(&padded, axis, (l, r))?;
                    set_pad_area(&padded, axis, (l, r), &le, &re)?;
                    continue;
                }
                let roi = roi(&padded, &shape, &pairs, axis)?;
                while l > 0 || r > 0 {
                    crate::engine::interrupt::check()?;
                    (l, r) =
                        reflect_both(&roi, axis, (l, r), odd, shape[axis], mode == "symmetric")?;
                }
            }
        }
        m => {
            for axis in 0..nd {
                let roi = roi(&padded, &shape, &pairs, axis)?;
                let (l, r) = pairs[axis];
                let n = shape[axis];
                let len = roi.shape()[axis];
                let left: Vec<i64> = (0..l).map(|k| k as i64 - l as i64).collect();
                let right: Vec<i64> = (0..r).map(|k| (n + k) as i64).collect();
                for (positions, lo) in [(left, 0), (right, len - r)] {
                    if positions.is_empty() {
                        continue;
                    }
                    let src: Vec<Scalar> = positions
                        .iter()
                        .map(|&p| Scalar::Int((source_index(m, p, n) + l) as i64))
                        .collect();
                    let idx = NdArray::from_scalars(&[src.len()], DType::Int64, &src)?;
                    let mut items = vec![IndexItem::Slice(None, None, None); nd];
                    items[axis] = IndexItem::IntArray(idx);
                    let index::Indexed::Array(part) = index::get(&roi, &items)? else {
                        unreachable!("an index array gives an array")
                    };
                    let dest = slice_view(&roi, axis, lo, lo + positions.len())?;
                    index::set(&dest, &[IndexItem::Ellipsis], &part)?;
                }
            }
        }
    }
    Ok(padded)
}

/// A dict `pad_width` (`{axis: width}`, new in NumPy 2.4) as the list of
/// pairs NumPy builds from it: `(0, 0)` for axes not named.
fn dict_widths(items: &[(Value, Value)], nd: usize) -> PyResult<Value> {
    let mut seq = vec![(Value::Int(0), Value::Int(0)); nd];
    for (axis, width) in items {
        let Value::Int(k) = axis else {
            return Err(PyError::type_error(format!(
                "list indices must be integers or slices, not {}",
                axis.type_name()
            )));
        };
        let i = if *k < 0 { *k + nd as i128 } else { *k };
        if i < 0 || i >= nd as i128 {
            return Err(PyError::new(
                "IndexError",
                "list assignment index out of range",
            ));
        }
        seq[i as usize] = match width {
            Value::Int(_) | Value::Bool(_) => (width.clone(), width.clone()),
            Value::Tuple(t)
                if t.len() == 2
                    && t.iter()
                        .all(|v| matches!(v, Value::Int(_) | Value::Bool(_))) =>
            {
                (t[0].clone(), t[1].clone())
            }
            _ => {
                return Err(PyError::new(
                    "NotImplementedError",
                    "slicelab's np.pad takes a dict pad_width of ints and (before, after) tuples",
                ));
            }
        };
    }
    Ok(Value::List(std::rc::Rc::new(std::cell::RefCell::new(
        seq.into_iter()
            .map(|(b, a)| Value::tuple(vec![b, a]))
            .collect(),
    ))))
}

/// `a[..., start:stop:step, ...]` at `axis` (Python's slice rules).
fn axis_slice(
    a: &ArrayRef,
    axis: usize,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> PyResult<ArrayRef> {
    let mut items = vec![IndexItem::Slice(None, None, None); a.ndim()];
    items[axis] = IndexItem::Slice(start, stop, step);
    match index::get(a, &items)? {
        index::Indexed::Array(v) => Ok(v),
        index::Indexed::Scalar(_) => unreachable!("a slice keeps its dimensions"),
    }
}

/// `padded[..., start:stop:step, ...] = value` at `axis`.
fn set_axis_slice(
    a: &ArrayRef,
    axis: usize,
    (start, stop, step): (Option<i64>, Option<i64>, Option<i64>),
    value: &ArrayRef,
) -> PyResult<()> {
    let mut items = vec![IndexItem::Slice(None, None, None); a.ndim()];
    items[axis] = IndexItem::Slice(start, stop, step);
    index::set(a, &items, value)?;
    Ok(())
}

/// NumPy's `_get_edges`: the first and last original slab along `axis`.
fn edges(padded: &ArrayRef, axis: usize, (l, r): (usize, usize)) -> PyResult<(ArrayRef, ArrayRef)> {
    let right = padded.shape()[axis] - r;
    Ok((
        slice_view(padded, axis, l, l + 1)?,
        slice_view(padded, axis, right - 1, right)?,
    ))
}

/// NumPy's `_set_pad_area`: both pad areas of `axis` set (broadcasting).
fn set_pad_area(
    padded: &ArrayRef,
    axis: usize,
    (l, r): (usize, usize),
    left: &ArrayRef,
    right: &ArrayRef,
) -> PyResult<()> {
    let len = padded.shape()[axis] as i64;
    set_axis_slice(padded, axis, (None, Some(l as i64), None), left)?;
    set_axis_slice(padded, axis, (Some(len - r as i64), None, None), right)?;
    Ok(())
}

fn array_of(v: Value) -> PyResult<ArrayRef> {
    as_array(&v)
}

/// NumPy's `_get_linear_ramps` for one side: `np.linspace(end_value,
/// edge.squeeze(axis), num=width, endpoint=False, dtype=padded.dtype,
/// axis=axis)`, with `linspace`'s own steps (result type with a Python
/// float, `delta / num`, `y += start`, `floor` for integer types).
fn linear_ramp(
    s: &mut Session,
    end: &Value,
    edge: &ArrayRef,
    num: usize,
    axis: usize,
    dtype: &DType,
) -> PyResult<ArrayRef> {
    // `edge.squeeze(axis)`: a 1-d pad's edge is a 0-d array, which NumPy's
    // arithmetic hands back as a scalar.
    let mut items = vec![IndexItem::Slice(None, None, None); edge.ndim()];
    items[axis] = IndexItem::Int(0);
    let stop = match index::get(edge, &items)? {
        index::Indexed::Array(v) => Value::Array(v),
        index::Indexed::Scalar(x) => Value::NpScalar(edge.dtype().clone(), x),
    };
    let dt = s.np(
        "result_type",
        vec![end.clone(), stop.clone(), Value::Float(1.0)],
        vec![],
    )?;
    let delta = s.np(
        "subtract",
        vec![stop, end.clone()],
        vec![("dtype", dt.clone())],
    )?;
    let y = s.np(
        "arange",
        vec![Value::Int(0), Value::Int(num as i128)],
        vec![("dtype", dt)],
    )?;
    let delta_nd = as_array(&delta)?.ndim();
    let mut shape = vec![Value::Int(-1)];
    shape.extend(std::iter::repeat_n(Value::Int(1), delta_nd));
    let mut y = s.np("reshape", vec![y, Value::tuple(shape)], vec![])?;
    let div = Value::Int(num as i128);
    let in_place = !matches!(delta, Value::Array(_));
    if num > 0 {
        let step = s.np("true_divide", vec![delta.clone(), div.clone()], vec![])?;
        let zero = s.np("equal", vec![step.clone(), Value::Int(0)], vec![])?;
        let zero = s.np("any", vec![zero], vec![])?;
        if crate::eval::protocol::truthy(&zero)? {
            y = s.np("true_divide", vec![y.clone(), div], vec![("out", y)])?;
            y = if in_place {
                s.np("multiply", vec![y.clone(), delta], vec![("out", y)])?
            } else {
                s.np("multiply", vec![y, delta], vec![])?
            };
        } else if in_place {
            y = s.np("multiply", vec![y.clone(), step], vec![("out", y)])?;
        } else {
            y = s.np("multiply", vec![y, step], vec![])?;
        }
    } else {
        y = s.np("multiply", vec![y, delta], vec![])?;
    }
    y = s.np("add", vec![y.clone(), end.clone()], vec![("out", y)])?;
    if axis != 0 {
        y = s.np(
            "moveaxis",
            vec![y, Value::Int(0), Value::Int(axis as i128)],
            vec![],
        )?;
    }
    if matches!(dtype.kind(), Kind::Int | Kind::UInt) {
        y = s.np("floor", vec![y.clone()], vec![("out", y)])?;
    }
    Ok(crate::engine::kernels::cast(&array_of(y)?, dtype)?)
}

/// `stat_length` through `_as_pairs(..., as_index=True)`: rounded to
/// integers, never negative; None is the whole axis.
fn stat_lengths(v: Option<&Value>, nd: usize) -> PyResult<Vec<(Option<usize>, Option<usize>)>> {
    let Some(v) = v.filter(|v| !matches!(v, Value::None)) else {
        return Ok(vec![(None, None); nd]);
    };
    let x = as_array(v)?;
    let rounded = crate::eval::math_routines::round(&x, 0)?;
    let ints = crate::engine::kernels::cast(&rounded, &DType::Int64)?;
    if ints
        .to_scalars()
        .iter()
        .any(|s| matches!(s, Scalar::Int(i) if *i < 0))
    {
        return Err(PyError::value("index can't contain negative values"));
    }
    Ok(as_pairs(&ints, nd)?
        .into_iter()
        .map(|(l, r)| (Some(int_of(&l) as usize), Some(int_of(&r) as usize)))
        .collect())
}

/// NumPy's `_get_stats`: `func(chunk, axis=axis, keepdims=True)` over the
/// first/last `stat_length` original values, rounded for integer types.
fn stats(
    s: &mut Session,
    padded: &ArrayRef,
    axis: usize,
    (l, r): (usize, usize),
    (ll, rl): (Option<usize>, Option<usize>),
    func: &str,
) -> PyResult<(ArrayRef, ArrayRef)> {
    let right_index = padded.shape()[axis] - r;
    let max_length = right_index - l;
    let ll = ll.filter(|&n| n <= max_length).unwrap_or(max_length);
    let rl = rl.filter(|&n| n <= max_length).unwrap_or(max_length);
    if (ll == 0 || rl == 0) && matches!(func, "amax" | "amin") {
        return Err(PyError::value(
            "stat_length of 0 yields no value for padding",
        ));
    }
    let integer = matches!(padded.dtype().kind(), Kind::Int | Kind::UInt);
    let mut stat = |chunk: ArrayRef| -> PyResult<ArrayRef> {
        let v = s.np(
            func,
            vec![Value::Array(chunk)],
            vec![
                ("axis", Value::Int(axis as i128)),
                ("keepdims", Value::Bool(true)),
            ],
        )?;
        let v = if integer {
            s.np("round", vec![v], vec![])?
        } else {
            v
        };
        array_of(v)
    };
    let left = stat(slice_view(padded, axis, l, l + ll)?)?;
    if ll == max_length && rl == max_length {
        return Ok((left.clone(), left));
    }
    let right = stat(slice_view(padded, axis, right_index - rl, right_index)?)?;
    Ok((left, right))
}

/// NumPy's `_set_reflect_both`: one chunk of reflected values on each side
/// (at most the original length), `2 * edge - chunk` for `'odd'`; returns
/// the pad widths still to fill.
fn reflect_both(
    padded: &ArrayRef,
    axis: usize,
    (mut left_pad, mut right_pad): (usize, usize),
    odd: bool,
    period: usize,
    include_edge: bool,
) -> PyResult<(usize, usize)> {
    use crate::engine::kernels::BinaryOp;
    let mut old_length = padded.shape()[axis] - right_pad - left_pad;
    let edge_offset;
    if include_edge {
        old_length = old_length / period * period;
        edge_offset = 1;
    } else {
        old_length = (old_length - 1) / (period - 1) * (period - 1) + 1;
        edge_offset = 0;
        old_length -= 1;
    }
    let odd_of = |chunk: ArrayRef, edge: ArrayRef| -> PyResult<ArrayRef> {
        let two_edge =
            crate::eval::ops::numpy_operator(BinaryOp::Mul, &Value::Int(2), &Value::Array(edge))?;
        array_of(crate::eval::ops::numpy_operator(
            BinaryOp::Sub,
            &two_edge,
            &Value::Array(chunk),
        )?)
    };
    if left_pad > 0 {
        let chunk_length = old_length.min(left_pad);
        let stop = (left_pad - edge_offset) as i64;
        let start = stop + chunk_length as i64;
        let mut chunk = axis_slice(padded, axis, Some(start), Some(stop), Some(-1))?;
        if odd {
            let edge = slice_view(padded, axis, left_pad, left_pad + 1)?;
            chunk = odd_of(chunk, edge)?;
        }
        let area = (
            Some((left_pad - chunk_length) as i64),
            Some(left_pad as i64),
            None,
        );
        set_axis_slice(padded, axis, area, &chunk)?;
        left_pad -= chunk_length;
    }
    if right_pad > 0 {
        let chunk_length = old_length.min(right_pad);
        let start = -(right_pad as i64) + edge_offset as i64 - 2;
        let stop = start - chunk_length as i64;
        let mut chunk = axis_slice(padded, axis, Some(start), Some(stop), Some(-1))?;
        if odd {
            let edge = axis_slice(
                padded,
                axis,
                Some(-(right_pad as i64) - 1),
                Some(-(right_pad as i64)),
                None,
            )?;
            chunk = odd_of(chunk, edge)?;
        }
        let start = padded.shape()[axis] - right_pad;
        let area = (
            Some(start as i64),
            Some((start + chunk_length) as i64),
            None,
        );
        set_axis_slice(padded, axis, area, &chunk)?;
        right_pad -= chunk_length;
    }
    Ok((left_pad, right_pad))
}

/// A function as `mode`: the array zero-padded, then for each axis the
/// function called on every 1-d line along it (a view it writes into),
/// with that axis's pad widths, the axis and the extra keywords as a dict.
fn with_function(
    s: &mut Session,
    a: &ArrayRef,
    widths: &ArrayRef,
    pairs: &[(usize, usize)],
    f: &Value,
    args: &Args,
) -> PyResult<ArrayRef> {
    let shape = a.shape();
    let new_shape: Vec<usize> = shape
        .iter()
        .zip(pairs)
        .map(|(&n, &(l, r))| n.checked_add(l).and_then(|x| x.checked_add(r)))
        .collect::<Option<_>>()
        .ok_or(crate::engine::EngineError::ArrayTooBig)?;
    let dt = a.dtype().clone();
    buffer::ensure_room(&new_shape, dt.itemsize(), &dt.name(), 0)?;
    let order = if a.is_f_contiguous() && !a.is_c_contiguous() {
        Order::F
    } else {
        Order::C
    };
    let padded = NdArray::zeros_ordered(&new_shape, dt, order)?;
    let middle: Vec<IndexItem> = shape
        .iter()
        .zip(pairs)
        .map(|(&n, &(l, _))| IndexItem::Slice(Some(l as i64), Some((l + n) as i64), None))
        .collect();
    index::set(&padded, &middle, a)?;
    let width_values = as_pairs(widths, a.ndim())?;
    let kwargs: Vec<(Value, Value)> = args
        .kw
        .iter()
        .filter(|(k, _)| !OWN.contains(&k.as_str()))
        .map(|(k, v)| (Value::str(k), v.clone()))
        .collect();
    let kwargs = Value::Dict(std::rc::Rc::new(std::cell::RefCell::new(kwargs)));
    // `_as_pairs` gives NumPy-scalar tuples for one or two values, lists
    // (from `tolist()`) otherwise.
    let few = widths.ndim() < 3
        && (widths.size() == 1 || (widths.size() == 2 && widths.shape() != [2, 1]));
    let nd = padded.ndim();
    for (axis, (b, e)) in width_values.into_iter().enumerate() {
        let mut perm: Vec<i64> = (0..nd as i64).filter(|&k| k != axis as i64).collect();
        perm.push(axis as i64);
        let view = crate::eval::reshaping::transpose(&padded, Some(perm))?;
        let outer: Vec<usize> = view.shape()[..nd - 1].to_vec();
        let pair = if few {
            Value::tuple(vec![b, e])
        } else {
            Value::List(std::rc::Rc::new(std::cell::RefCell::new(vec![b, e])))
        };
        let count: usize = outer.iter().product();
        for flat in 0..count {
            crate::engine::interrupt::check()?;
            let mut items = Vec::with_capacity(nd);
            let mut rest = flat;
            let mut idx = vec![0usize; outer.len()];
            for (k, &n) in outer.iter().enumerate().rev() {
                idx[k] = rest % n;
                rest /= n;
            }
            items.extend(idx.iter().map(|&i| IndexItem::Int(i as i64)));
            items.push(IndexItem::Ellipsis);
            let line = match index::get(&view, &items)? {
                index::Indexed::Array(v) => v,
                index::Indexed::Scalar(_) => unreachable!("the last axis stays"),
            };
            s.call(
                f,
                Args {
                    pos: vec![
                        Value::Array(line),
                        pair.clone(),
                        Value::Int(axis as i128),
                        kwargs.clone(),
                    ],
                    kw: vec![],
                },
            )?;
        }
    }
    Ok(padded)
}

/// Where position `p` (relative to the original start along an axis of
/// length `n`, possibly outside `0..n`) reads from under `mode`.
fn source_index(mode: &str, p: i64, n: usize) -> usize {
    let n = n as i64;
    let q = match mode {
        "edge" => p.clamp(0, n - 1),
        "wrap" => p.rem_euclid(n),
        "reflect" if n == 1 => 0,
        "reflect" => {
            let period = 2 * (n - 1);
            let q = p.rem_euclid(period);
            if q < n { q } else { period - q }
        }
        _ => {
            // symmetric: the edge element repeats.
            let period = 2 * n;
            let q = p.rem_euclid(period);
            if q < n { q } else { period - 1 - q }
        }
    };
    q as usize
}

/// NumPy's `_view_roi`: the part of `padded` the pads of `axis` are
/// filled in — axes before it whole, axes after it only their middle.
fn roi(
    padded: &ArrayRef,
    shape: &[usize],
    pairs: &[(usize, usize)],
    axis: usize,
) -> PyResult<ArrayRef> {
    let mut v = padded.clone();
    for later in axis + 1..shape.len() {
        let l = pairs[later].0;
        v = slice_view(&v, later, l, l + shape[later])?;
    }
    Ok(v)
}

/// NumPy's `_as_pairs(x, ndim)`: one `(before, after)` per axis, from a
/// scalar, a pair, or one pair per axis (broadcast to `(ndim, 2)`). Pairs
/// read from a scalar or a single pair stay NumPy scalars; the per-axis
/// form goes through `tolist()` and gives Python numbers, as NumPy's does.
fn as_pairs(x: &ArrayRef, ndim: usize) -> PyResult<Vec<(Value, Value)>> {
    let np_scalar = |s: Scalar| Value::NpScalar(x.dtype().native(), s);
    if x.ndim() < 3 {
        let flat = x.to_scalars();
        if flat.len() == 1 {
            let v = np_scalar(flat[0].clone());
            return Ok(vec![(v.clone(), v); ndim]);
        }
        if flat.len() == 2 && x.shape() != [2, 1] {
            let pair = (np_scalar(flat[0].clone()), np_scalar(flat[1].clone()));
            return Ok(vec![pair; ndim]);
        }
    }
    let full = broadcast_to(x, &[ndim, 2])?;
    let flat = full.to_scalars();
    Ok(flat
        .chunks(2)
        .map(|p| {
            (
                python_number(&p[0], x.dtype()),
                python_number(&p[1], x.dtype()),
            )
        })
        .collect())
}

/// `tolist()` of one element: a Python number where there is one.
fn python_number(s: &Scalar, dt: &DType) -> Value {
    match s {
        Scalar::Bool(b) => Value::Bool(*b),
        Scalar::Int(i) => Value::Int(*i as i128),
        Scalar::UInt(u) => Value::Int(*u as i128),
        Scalar::Float(f) if *dt == DType::Float64 => Value::Float(*f),
        other => Value::NpScalar(dt.clone(), other.clone()),
    }
}

/// A pad width (already checked integral).
fn int_of(v: &Value) -> i64 {
    int_arg(v, "").unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::source_index;

    #[test]
    fn periodic_maps_match_numpys_modes() {
        // np.pad(np.arange(4), 3, mode=...) left pads.
        let left = |m| (-3..0).map(|p| source_index(m, p, 4)).collect::<Vec<_>>();
        assert_eq!(left("reflect"), [3, 2, 1]);
        assert_eq!(left("symmetric"), [2, 1, 0]);
        assert_eq!(left("wrap"), [1, 2, 3]);
        assert_eq!(left("edge"), [0, 0, 0]);
    }
}
