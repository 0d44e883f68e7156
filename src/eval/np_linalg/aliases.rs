//! The array-API names `np.linalg` shares with the main namespace, with
//! the last two axes fixed: `trace`, `diagonal`, `outer` (1-d only),
//! `matmul`, `matrix_transpose`; and `cross` (3-vectors only) and
//! `tensordot`, which call the `np.` functions; `vector_norm` and
//! `matrix_norm`, which call `norm` as `_linalg.py` does. Each forwards to the `np.` function
//! through the registry, so its values and errors are that function's.

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use crate::eval::args::Args;
use crate::eval::convert::as_array;
use crate::eval::session::Session;

/// The keyword arguments `args` holds among `names`.
fn given(args: &Args, names: &[&'static str]) -> Vec<(&'static str, Value)> {
    names
        .iter()
        .filter_map(|n| args.kw(n).map(|v| (*n, v.clone())))
        .collect()
}

pub fn call(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    let last_two = || vec![("axis1", Value::Int(-2)), ("axis2", Value::Int(-1))];
    match name {
        "trace" | "diagonal" => {
            let x = args.req(0, "x", name)?.clone();
            let mut kw = given(args, &["offset", "dtype"]);
            kw.extend(last_two());
            s.np(name, vec![x], kw)
        }
        "matmul" => {
            super::super::linalg::matmul(args.req(0, "x1", name)?, args.req(1, "x2", name)?)
        }
        "outer" => {
            let (x1, x2) = (args.req(0, "x1", name)?, args.req(1, "x2", name)?);
            let (a, b) = (as_array(x1)?, as_array(x2)?);
            if a.ndim() != 1 || b.ndim() != 1 {
                return Err(PyError::value(format!(
                    "Input arrays must be one-dimensional, but they are x1.ndim={} and x2.ndim={}.",
                    a.ndim(),
                    b.ndim()
                )));
            }
            super::super::linalg::outer(x1, x2)
        }
        "cross" => {
            let (x1, x2) = (args.req(0, "x1", name)?, args.req(1, "x2", name)?);
            let (a, b) = (as_array(x1)?, as_array(x2)?);
            let axis = args.kw("axis").cloned().unwrap_or(Value::Int(-1));
            // `x.shape[axis]`: Python's tuple indexing.
            let at = |s: Vec<usize>| -> PyResult<usize> {
                let i = crate::eval::coerce::int_arg(&axis, "")?;
                let n = s.len() as i64;
                let k = if i < 0 { i + n } else { i };
                if k < 0 || k >= n {
                    return Err(PyError::new("IndexError", "tuple index out of range"));
                }
                Ok(s[k as usize])
            };
            let (da, db) = (at(a.shape())?, at(b.shape())?);
            if da != 3 || db != 3 {
                return Err(PyError::value(format!(
                    "Both input arrays must be (arrays of) 3-dimensional vectors, but they are {da} and {db} dimensional instead."
                )));
            }
            s.np(
                "cross",
                vec![Value::Array(a), Value::Array(b)],
                vec![("axis", axis)],
            )
        }
        "tensordot" => {
            let (x1, x2) = (
                args.req(0, "x1", name)?.clone(),
                args.req(1, "x2", name)?.clone(),
            );
            s.np("tensordot", vec![x1, x2], given(args, &["axes"]))
        }
        "matrix_transpose" => {
            let x = args.req(0, "x", name)?;
            let a = as_array(x)?;
            if a.ndim() < 2 {
                return Err(PyError::value(format!(
                    "Input array must be at least 2-dimensional, but it is {}",
                    a.ndim()
                )));
            }
            s.np(
                "swapaxes",
                vec![Value::Array(a), Value::Int(-1), Value::Int(-2)],
                vec![],
            )
        }
        "matrix_norm" => {
            let x = args.req(0, "x", name)?.clone();
            let mut kw = given(args, &["keepdims"]);
            kw.push(("ord", args.kw("ord").cloned().unwrap_or(Value::str("fro"))));
            kw.push(("axis", Value::tuple(vec![Value::Int(-2), Value::Int(-1)])));
            norm(s, x, kw)
        }
        "vector_norm" => vector_norm(s, args),
        _ => Err(PyError::new(
            "NotImplementedError",
            format!("slicelab does not have np.linalg.{name} yet"),
        )),
    }
}

/// `np.linalg.norm(x, **kw)` through its entry.
fn norm(s: &mut Session, x: Value, kw: Vec<(&'static str, Value)>) -> PyResult<Value> {
    let kw = kw.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    super::call(s, "norm", Args { pos: vec![x], kw })
}

/// `np.linalg.vector_norm(x, /, *, axis=None, keepdims=False, ord=2)`:
/// `norm` along one axis of `x` flattened (no axis) or with the named
/// axes moved to the front and merged, reshaped for `keepdims` after.
fn vector_norm(s: &mut Session, args: &Args) -> PyResult<Value> {
    let x = s.np(
        "asanyarray",
        vec![args.req(0, "x", "vector_norm")?.clone()],
        vec![],
    )?;
    let a = as_array(&x)?;
    let shape = a.shape();
    let nd = shape.len();
    let ord = args.kw("ord").cloned().unwrap_or(Value::Int(2));
    let axis = args.kw("axis").cloned().unwrap_or(Value::None);
    let (x, axes) = match &axis {
        Value::None => (s.np("ravel", vec![x], vec![])?, (0..nd).collect::<Vec<_>>()),
        Value::Tuple(t) => {
            let axes = crate::eval::axis_tuple::normalize_axis_tuple(&axis, nd, None, false)?;
            let rest: Vec<usize> = (0..nd).filter(|i| !axes.contains(i)).collect();
            // `axis + rest` as given (negative axes stay negative).
            let order: Vec<Value> = t
                .iter()
                .cloned()
                .chain(rest.iter().map(|&i| Value::Int(i as i128)))
                .collect();
            let moved = s.np("transpose", vec![x, Value::tuple(order)], vec![])?;
            let lead: usize = axes.iter().map(|&i| shape[i]).product();
            let new: Vec<Value> = std::iter::once(lead)
                .chain(rest.iter().map(|&i| shape[i]))
                .map(|d| Value::Int(d as i128))
                .collect();
            (
                s.np("reshape", vec![moved, Value::tuple(new)], vec![])?,
                axes,
            )
        }
        other => {
            let axes = crate::eval::axis_tuple::normalize_axis_tuple(other, nd, None, false)?;
            (x, axes)
        }
    };
    let ax = match &axis {
        Value::None | Value::Tuple(_) => Value::Int(0),
        other => other.clone(),
    };
    let res = norm(s, x, vec![("axis", ax), ("ord", ord)])?;
    let keep = match args.kw("keepdims") {
        Some(k) => crate::eval::protocol::truthy(k)?,
        None => false,
    };
    if !keep {
        return Ok(res);
    }
    let new: Vec<Value> = (0..nd)
        .map(|i| {
            Value::Int(if axes.contains(&i) {
                1
            } else {
                shape[i] as i128
            })
        })
        .collect();
    s.np("reshape", vec![res, Value::tuple(new)], vec![])
}
