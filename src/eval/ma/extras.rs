//! `numpy/ma/extras.py`'s functions on where the mask is (NumPy 2.4.6's
//! Python replayed): `compress_nd` and its 2-D forms, the edges and
//! contiguous runs of unmasked data (`flatnotmasked_edges`,
//! `notmasked_edges`, `flatnotmasked_contiguous`, `notmasked_contiguous`,
//! `clump_masked`, `clump_unmasked`), and `diff`.

use std::rc::Rc;

use crate::engine::{ArrayRef, DType, Scalar};
use crate::syntax::ast::BinOp;

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::core::{any, getmask, getmaskarray, view};
use crate::eval::args::Args;
use crate::eval::object::{Masked, as_masked};
use crate::eval::session::Session;

/// `np.ma.asarray(a)`: a masked array (the same data and mask) for
/// anything array-like.
pub fn asarray(s: &mut Session, a: &Value) -> PyResult<Value> {
    match as_masked(a) {
        Some(m) => Ok(Masked::new(view(&m.data), m.mask())
            .update_from(m)
            .into_value()),
        None => {
            let d = s.np("asarray", vec![a.clone()], vec![])?;
            super::core::plain(s, d)
        }
    }
}

fn masked_of(v: &Value) -> &Masked {
    as_masked(v).expect("asarray makes a masked array")
}

fn bools(a: &ArrayRef) -> Vec<bool> {
    let n = a.size();
    let shape = a.shape();
    let mut out = Vec::with_capacity(n);
    let mut idx = vec![0usize; shape.len()];
    for _ in 0..n {
        out.push(matches!(a.get(&idx), Scalar::Bool(true)));
        for d in (0..shape.len()).rev() {
            idx[d] += 1;
            if idx[d] < shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    out
}

fn slice(start: Value, stop: Value) -> Value {
    Value::Slice(Rc::new([start, stop, Value::None]))
}

fn int(n: usize) -> Value {
    Value::Int(n as i128)
}

fn npint(n: usize) -> Value {
    Value::NpScalar(DType::Int64, Scalar::Int(n as i64))
}

/// `normalize_axis_tuple(axis, ndim)`.
fn axis_tuple(axis: Option<&Value>, ndim: usize) -> PyResult<Vec<usize>> {
    match axis {
        None | Some(Value::None) => Ok((0..ndim).collect()),
        Some(v) => crate::eval::axis_tuple::normalize_axis_tuple(v, ndim, None, false),
    }
}

/// `compress_nd(x, axis)`: the data without every row/column/... (along
/// `axis`) that holds a masked value.
pub fn compress_nd(s: &mut Session, x: &Value, axis: Option<&Value>) -> PyResult<Value> {
    let xv = asarray(s, x)?;
    let xm = masked_of(&xv);
    let ndim = xm.data.ndim();
    let axes = match axis {
        None | Some(Value::None) => (0..ndim).collect(),
        Some(_) => axis_tuple(axis, ndim)?,
    };
    let data = Value::Array(view(&xm.data));
    let Some(m) = xm.mask().filter(any) else {
        return Ok(data);
    };
    if crate::engine::index::count_nonzero(&m) == m.size() {
        return s.np("array", vec![Value::list(vec![])], vec![]);
    }
    let mut data = data;
    for ax in axes {
        let others: Vec<Value> = (0..ndim).filter(|&d| d != ax).map(int).collect();
        let hit = s.np(
            "any",
            vec![Value::Array(m.clone())],
            vec![("axis", Value::tuple(others))],
        )?;
        let keep = s.np("logical_not", vec![hit], vec![])?;
        let mut idx: Vec<Value> = (0..ax).map(|_| slice(Value::None, Value::None)).collect();
        idx.push(keep);
        data = s.getitem(&data, &Value::tuple(idx))?;
    }
    Ok(data)
}

/// `compress_rowcols` / `compress_rows` / `compress_cols`: `compress_nd`
/// of a 2-D array.
pub fn compress_2d(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    let (x, axis) = match name {
        "compress_rowcols" => (
            args.kw("x").cloned().unwrap_or(Value::None),
            args.kw("axis").cloned(),
        ),
        "compress_rows" => (args.kw("a").cloned().unwrap_or(Value::None), Some(int(0))),
        _ => (args.kw("a").cloned().unwrap_or(Value::None), Some(int(1))),
    };
    let xv = asarray(s, &x)?;
    if masked_of(&xv).data.ndim() != 2 {
        return Err(PyError::new(
            "NotImplementedError",
            format!("{name} works for 2D arrays only."),
        ));
    }
    compress_nd(s, &xv, axis.as_ref())
}

/// `flatnotmasked_edges(a)`: the first and last unmasked flat index, or
/// `None` when all is masked.
pub fn flatnotmasked_edges(s: &mut Session, a: &Value) -> PyResult<Value> {
    let m = getmask(a).filter(any);
    let Some(m) = m else {
        let size = s.getattr(a, "size")?;
        let last = s.binary(BinOp::Sub, &size, &Value::Int(1))?;
        return s.np(
            "array",
            vec![Value::list(vec![Value::Int(0), last])],
            vec![],
        );
    };
    let unmasked: Vec<usize> = bools(&m)
        .iter()
        .enumerate()
        .filter(|(_, b)| !**b)
        .map(|(i, _)| i)
        .collect();
    match (unmasked.first(), unmasked.last()) {
        (Some(&f), Some(&l)) => s.np("array", vec![Value::list(vec![int(f), int(l)])], vec![]),
        _ => Ok(Value::None),
    }
}

/// `notmasked_edges(a, axis=None)`.
pub fn notmasked_edges(s: &mut Session, args: &Args) -> PyResult<Value> {
    let a = args.kw("a").cloned().unwrap_or(Value::None);
    let axis = args.kw("axis").cloned().unwrap_or(Value::None);
    let av = asarray(s, &a)?;
    let ndim = masked_of(&av).data.ndim();
    if matches!(axis, Value::None) || ndim == 1 {
        return flatnotmasked_edges(s, &av);
    }
    let m = getmaskarray(s, &av)?;
    let shape = masked_of(&av).data.shape();
    let idx = s.np(
        "indices",
        vec![Value::tuple(shape.iter().map(|&n| int(n)).collect())],
        vec![],
    )?;
    let masks = Value::list((0..ndim).map(|_| Value::Array(m.clone())).collect());
    let masks = s.np("asarray", vec![masks], vec![])?;
    let idx = s.call_registered(
        "np.ma.array",
        Args {
            pos: vec![idx],
            kw: vec![("mask".into(), masks)],
        },
    )?;
    let mut out = vec![];
    for which in ["min", "max"] {
        let mut items = vec![];
        for i in 0..ndim {
            let row = s.getitem(&idx, &int(i))?;
            let r = s.call_method_registered(
                &row,
                which,
                Args {
                    pos: vec![axis.clone()],
                    kw: vec![],
                },
            )?;
            items.push(s.call_method_registered(&r, "compressed", Args::empty())?);
        }
        out.push(Value::tuple(items));
    }
    Ok(Value::list(out))
}

/// `flatnotmasked_contiguous(a)`: the slices of the unmasked runs.
pub fn flatnotmasked_contiguous(s: &mut Session, a: &Value) -> PyResult<Value> {
    let Some(m) = getmask(a) else {
        let size = s.getattr(a, "size")?;
        return Ok(Value::list(vec![slice(Value::Int(0), size)]));
    };
    let flags = bools(&m);
    let mut out = vec![];
    let mut i = 0;
    for run in flags.chunk_by(|x, y| x == y) {
        if !run[0] {
            out.push(slice(int(i), int(i + run.len())));
        }
        i += run.len();
    }
    Ok(Value::list(out))
}

/// `notmasked_contiguous(a, axis=None)` (at most 2-D).
pub fn notmasked_contiguous(s: &mut Session, args: &Args) -> PyResult<Value> {
    let a = args.kw("a").cloned().unwrap_or(Value::None);
    let av = asarray(s, &a)?;
    let shape = masked_of(&av).data.shape();
    let nd = shape.len();
    if nd > 2 {
        return Err(PyError::new(
            "NotImplementedError",
            "Currently limited to at most 2D array.",
        ));
    }
    let axis = match args.kw("axis") {
        None | Some(Value::None) => return flatnotmasked_contiguous(s, &av),
        Some(_) if nd == 1 => return flatnotmasked_contiguous(s, &av),
        Some(v) => crate::eval::coerce::int_arg(v, "")?,
    };
    // `idx = [0, 0]; idx[axis] = slice(None)`: a list of two.
    if !(-2..=1).contains(&axis) {
        return Err(PyError::index("list assignment index out of range"));
    }
    let other = (axis + 1).rem_euclid(2) as usize;
    let at = axis.rem_euclid(2) as usize;
    let mut result = vec![];
    for i in 0..shape[other] {
        let mut idx = vec![int(0), int(0)];
        idx[at] = slice(Value::None, Value::None);
        idx[other] = int(i);
        let row = s.getitem(&av, &Value::tuple(idx))?;
        result.push(flatnotmasked_contiguous(s, &row)?);
    }
    Ok(Value::list(result))
}

/// `_ezclump(mask)`: the slices of the True runs of a flat mask; the
/// bounds found by `nonzero` are NumPy integers.
fn ezclump(flags: &[bool]) -> PyResult<Value> {
    let n = flags.len();
    let (Some(&first), Some(&last)) = (flags.first(), flags.last()) else {
        return Err(PyError::index(
            "index 0 is out of bounds for axis 0 with size 0",
        ));
    };
    let idx: Vec<usize> = (1..n).filter(|&i| flags[i] != flags[i - 1]).collect();
    let mut r = vec![];
    if first {
        let Some(&i0) = idx.first() else {
            return Ok(Value::list(vec![slice(int(0), int(n))]));
        };
        r.push(slice(int(0), npint(i0)));
        let tail = &idx[1..];
        // zip(idx[1:-1:2], idx[2::2])
        for pair in tail.chunks(2) {
            if let [l, rr] = pair {
                r.push(slice(npint(*l), npint(*rr)));
            }
        }
    } else {
        if idx.is_empty() {
            return Ok(Value::list(vec![]));
        }
        for pair in idx.chunks(2) {
            if let [l, rr] = pair {
                r.push(slice(npint(*l), npint(*rr)));
            }
        }
    }
    if last && let Some(&l) = idx.last() {
        r.push(slice(npint(l), int(n)));
    }
    Ok(Value::list(r))
}

/// `clump_masked(a)` / `clump_unmasked(a)`.
pub fn clump(s: &mut Session, masked_runs: bool, a: &Value) -> PyResult<Value> {
    match getmask(a) {
        None if masked_runs => Ok(Value::list(vec![])),
        None => {
            let size = s.getattr(a, "size")?;
            Ok(Value::list(vec![slice(Value::Int(0), size)]))
        }
        Some(m) => {
            let flags: Vec<bool> = bools(&m).into_iter().map(|b| b ^ !masked_runs).collect();
            ezclump(&flags)
        }
    }
}

/// `np.ma.diff(a, /, n=1, axis=-1)`: `n` times the masked difference of
/// neighbours (`not_equal` for bools), so a masked element masks both
/// differences it takes part in.
pub fn diff(s: &mut Session, args: &Args) -> PyResult<Value> {
    let a = args.get(0, "a").cloned().unwrap_or(Value::None);
    if args.kw("prepend").is_some() || args.kw("append").is_some() {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement np.ma.diff(prepend=, append=) yet",
        ));
    }
    let n = match args.kw("n") {
        Some(v) => crate::eval::coerce::int_arg(v, "")?,
        None => 1,
    };
    if n == 0 {
        return Ok(a);
    }
    if n < 0 {
        return Err(PyError::value(format!(
            "order must be non-negative but got {n}"
        )));
    }
    let mut cur = if as_masked(&a).is_some() {
        a
    } else {
        let d = s.np("asanyarray", vec![a], vec![])?;
        super::core::plain(s, d)?
    };
    let ndim = masked_of(&cur).data.ndim();
    if ndim == 0 {
        return Err(PyError::value(
            "diff requires input that is at least one dimensional",
        ));
    }
    let axis = match args.kw("axis") {
        Some(v) => crate::eval::coerce::int_arg(v, "")?,
        None => -1,
    };
    let ax = crate::engine::reduce::normalize_axis(axis, ndim)?;
    let is_bool = masked_of(&cur).data.dtype().native() == DType::Bool;
    for _ in 0..n {
        let full = || slice(Value::None, Value::None);
        let mut hi: Vec<Value> = (0..ndim).map(|_| full()).collect();
        let mut lo = hi.clone();
        hi[ax] = slice(Value::Int(1), Value::None);
        lo[ax] = slice(Value::None, Value::Int(-1));
        let x = s.getitem(&cur, &Value::tuple(hi))?;
        let y = s.getitem(&cur, &Value::tuple(lo))?;
        // `np.diff` calls the ufunc, so `__array_wrap__` makes the mask
        // and the data under it is the raw difference.
        let op = if is_bool { "not_equal" } else { "subtract" };
        cur = super::ops::ufunc(
            s,
            op,
            2,
            1,
            Args {
                pos: vec![x, y],
                kw: vec![],
            },
        )?;
    }
    Ok(cur)
}
