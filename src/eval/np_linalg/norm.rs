//! `np.linalg.norm`, following `numpy/linalg/_linalg.py` step by step:
//! the default 2-norm of the whole array is `sqrt(x.dot(x))` over the
//! array read in memory order (`ravel('K')`), summed in OpenBLAS's `ddot`
//! order (`blas.rs`); every other form is the same ufuncs and reductions
//! NumPy's Python code calls, called here through the registry so their
//! digits are those functions' digits.

use crate::engine::dtype::{DType, Kind};
use crate::engine::typed::elems;
use crate::engine::{ArrayRef, Order, kernels};

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::blas::{dot_contiguous, dot_strided, dot_threaded};
use crate::eval::args::Args;
use crate::eval::coerce::{int_arg, scalarize};
use crate::eval::convert::as_array;
use crate::eval::reshaping::reshape;
use crate::eval::session::Session;

/// The `ord=` argument.
#[derive(Clone, PartialEq)]
enum Ord {
    Default,
    Num(f64),
    Text(String),
}

fn ord_arg(v: Option<&Value>) -> PyResult<Ord> {
    Ok(match v {
        None | Some(Value::None) => Ord::Default,
        Some(Value::Str(s)) => Ord::Text(s.to_string()),
        Some(v) => Ord::Num(crate::eval::coerce::float_arg(v)?),
    })
}

/// `a` laid out in memory order: axes by decreasing stride magnitude,
/// negative strides read backwards (NumPy's `order='K'`), as one C copy.
fn memory_order(a: &ArrayRef) -> PyResult<ArrayRef> {
    let mut l = a.layout();
    let mut axes: Vec<usize> = (0..l.shape.len()).collect();
    axes.sort_by_key(|&k| std::cmp::Reverse(l.strides[k].unsigned_abs()));
    for k in 0..l.shape.len() {
        if l.strides[k] < 0 && l.shape[k] > 0 {
            l.offset = (l.offset as isize + l.strides[k] * (l.shape[k] as isize - 1)) as usize;
            l.strides[k] = -l.strides[k];
        }
    }
    let (shape, strides) = (
        axes.iter().map(|&k| l.shape[k]).collect(),
        axes.iter().map(|&k| l.strides[k]).collect(),
    );
    l.shape = shape;
    l.strides = strides;
    let v = crate::engine::NdArray::view_with(a, l);
    Ok(crate::engine::NdArray::c_run(&v)?)
}

/// The float64 words of a C-contiguous float64 or complex128 array
/// (a complex element is two words, real then imaginary).
fn f64_values(a: &ArrayRef) -> Vec<f64> {
    let bytes = a.buffer().bytes();
    let off = a.layout().offset / 8;
    let words = a.size() * a.dtype().itemsize() / 8;
    elems::<f64>(&bytes).map_or_else(Vec::new, |e| e[off..off + words].to_vec())
}

/// `sqrt(x.dot(x))` (real and imaginary parts separately for complex).
fn dot_norm(x: &ArrayRef) -> PyResult<f64> {
    let flat = memory_order(x)?;
    match x.dtype() {
        DType::Float64 => {
            let bytes = flat.buffer().bytes();
            let (off, n) = (flat.layout().offset / 8, flat.size());
            let v = elems::<f64>(&bytes).map_or(&[][..], |e| &e[off..off + n]);
            Ok(dot_threaded(v.len(), |r| dot_contiguous(&v[r.clone()], &v[r])).sqrt())
        }
        DType::Complex128 => {
            let v = f64_values(&kernels::cast(&flat, &DType::Complex128)?.copy(Order::C)?);
            let n = flat.size();
            // Interleaved (re, im): each part is a stride-2 vector.
            let part = |p: usize| {
                dot_threaded(n, |r| {
                    let at = |i: usize| v[2 * (r.start + i) + p];
                    dot_strided(at, at, r.len())
                })
            };
            Ok((part(0) + part(1)).sqrt())
        }
        other => Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab's np.linalg.norm sums {} with BLAS kernels it does not replay",
                crate::render::dtype_repr(other)
            ),
        )),
    }
}

/// `np.linalg.norm(x, ord=None, axis=None, keepdims=False)`.
pub fn norm(s: &mut Session, args: &Args) -> PyResult<Value> {
    let mut x = as_array(args.req(0, "x", "norm")?)?;
    if !x.dtype().is_inexact() {
        x = kernels::cast(&x, &DType::Float64)?;
    }
    let ord = ord_arg(args.kw("ord"))?;
    let keepdims = match args.kw("keepdims") {
        Some(v) => crate::eval::protocol::truthy(v)?,
        None => false,
    };
    let nd = x.ndim();
    let axis_v = args.kw("axis").filter(|v| !matches!(v, Value::None));
    if axis_v.is_none() {
        let fro = matches!(&ord, Ord::Text(t) if t == "f" || t == "fro");
        if ord == Ord::Default || (fro && nd == 2) || (ord == Ord::Num(2.0) && nd == 1) {
            let r = dot_norm(&x)?;
            let out = crate::engine::NdArray::from_scalars(
                &[],
                DType::Float64,
                &[crate::engine::Scalar::Float(r)],
            )?;
            let out = kernels::cast(&out, &real_dtype(x.dtype()))?;
            if keepdims {
                let ones = Value::tuple(vec![Value::Int(1); nd]);
                return Ok(Value::Array(reshape(&out, &ones, Order::C)?));
            }
            return Ok(scalarize(out));
        }
    }
    let axes: Vec<i64> = match axis_v {
        None => (0..nd as i64).collect(),
        Some(Value::Tuple(t)) => t.iter().map(|v| int_arg(v, "")).collect::<PyResult<_>>()?,
        Some(v) => vec![python_int(v).map_err(|_| {
            PyError::type_error("'axis' must be None, an integer or a tuple of integers")
        })?],
    };
    let xv = Value::Array(x.clone());
    let int = |i: i64| Value::Int(i as i128);
    let keep = || ("keepdims", Value::Bool(keepdims));
    match axes.as_slice() {
        [axis] => {
            let ax = || ("axis", int(*axis));
            match &ord {
                Ord::Num(o) if *o == f64::INFINITY => {
                    let absx = s.np("absolute", vec![xv], vec![])?;
                    max_from_zero(s, absx, *axis, keepdims)
                }
                Ord::Num(o) if *o == f64::NEG_INFINITY => {
                    let absx = s.np("absolute", vec![xv], vec![])?;
                    s.np("min", vec![absx], vec![ax(), keep()])
                }
                Ord::Num(o) if *o == 0.0 => {
                    let nz = s.np("not_equal", vec![xv, Value::Int(0)], vec![])?;
                    let nz = kernels::cast(&as_array(&nz)?, &real_dtype(x.dtype()))?;
                    s.np("sum", vec![Value::Array(nz)], vec![ax(), keep()])
                }
                Ord::Num(o) if *o == 1.0 => {
                    let absx = s.np("absolute", vec![xv], vec![])?;
                    s.np("sum", vec![absx], vec![ax(), keep()])
                }
                Ord::Default | Ord::Num(2.0) => {
                    let sq = conj_times(s, xv)?;
                    let sum = s.np("sum", vec![sq], vec![ax(), keep()])?;
                    s.np("sqrt", vec![sum], vec![])
                }
                Ord::Text(t) => Err(PyError::value(format!(
                    "Invalid norm order '{t}' for vectors"
                ))),
                Ord::Num(o) => {
                    let absx = s.np("absolute", vec![xv], vec![])?;
                    let p = s.np("power", vec![absx, Value::Float(*o)], vec![])?;
                    let sum = s.np("sum", vec![p], vec![ax(), keep()])?;
                    let dt = as_array(&sum)?.dtype().clone();
                    let recip = reciprocal(*o, &dt)?;
                    s.np("power", vec![sum, recip], vec![])
                }
            }
        }
        [r, c] => {
            let norm_axis = |a: i64| {
                crate::engine::reduce::normalize_axis(a, nd)
                    .map(|k| k as i64)
                    .map_err(PyError::from)
            };
            let (mut row, mut col) = (norm_axis(*r)?, norm_axis(*c)?);
            if row == col {
                return Err(PyError::value("Duplicate axes given."));
            }
            let sum_abs = |s: &mut Session, axis: i64| -> PyResult<Value> {
                let absx = s.np("absolute", vec![xv.clone()], vec![])?;
                s.np("sum", vec![absx], vec![("axis", int(axis))])
            };
            let ret = match &ord {
                Ord::Num(o) if *o == 2.0 => {
                    let sv = singular_values(s, &xv, row, col)?;
                    max_from_zero(s, sv, -1, false)?
                }
                Ord::Num(o) if *o == -2.0 => {
                    let sv = singular_values(s, &xv, row, col)?;
                    s.np("min", vec![sv], vec![("axis", int(-1))])?
                }
                Ord::Text(t) if t == "nuc" => {
                    let sv = singular_values(s, &xv, row, col)?;
                    s.np("sum", vec![sv], vec![("axis", int(-1))])?
                }
                Ord::Num(o) if *o == 1.0 || *o == -1.0 => {
                    if col > row {
                        col -= 1;
                    }
                    let sa = sum_abs(s, row)?;
                    if *o == 1.0 {
                        max_from_zero(s, sa, col, false)?
                    } else {
                        s.np("min", vec![sa], vec![("axis", int(col))])?
                    }
                }
                Ord::Num(o) if o.is_infinite() => {
                    if row > col {
                        row -= 1;
                    }
                    let sa = sum_abs(s, col)?;
                    if *o > 0.0 {
                        max_from_zero(s, sa, row, false)?
                    } else {
                        s.np("min", vec![sa], vec![("axis", int(row))])?
                    }
                }
                Ord::Default => fro(s, xv, r, c)?,
                Ord::Text(t) if t == "fro" || t == "f" => fro(s, xv, r, c)?,
                _ => return Err(PyError::value("Invalid norm order for matrices.")),
            };
            if keepdims {
                let mut shape: Vec<Value> = x.shape().iter().map(|&d| int(d as i64)).collect();
                for a in [*r, *c] {
                    let k = crate::engine::reduce::normalize_axis(a, nd)?;
                    shape[k] = Value::Int(1);
                }
                let arr = as_array(&ret)?;
                return Ok(Value::Array(reshape(&arr, &Value::tuple(shape), Order::C)?));
            }
            Ok(ret)
        }
        _ => Err(PyError::value("Improper number of dimensions to norm.")),
    }
}

/// `int(axis)` as `norm` calls it: a float is truncated.
fn python_int(v: &Value) -> PyResult<i64> {
    match v {
        Value::Float(f) if f.is_finite() => Ok(f.trunc() as i64),
        Value::NpScalar(dt, sc) if dt.kind() == Kind::Float => {
            Ok(crate::engine::element::scalar_as_f64(sc).trunc() as i64)
        }
        other => int_arg(other, ""),
    }
}

/// The real dtype of `dt` (`x.real.dtype`).
fn real_dtype(dt: &DType) -> DType {
    match dt {
        DType::Complex64 => DType::Float32,
        DType::Complex128 => DType::Float64,
        other => other.clone(),
    }
}

/// `reciprocal(ord, dtype=dt)` as a scalar of `dt`.
fn reciprocal(o: f64, dt: &DType) -> PyResult<Value> {
    let r = match dt {
        DType::Float32 => f64::from(1.0f32 / o as f32),
        _ => 1.0 / o,
    };
    let one = crate::engine::NdArray::from_scalars(
        &[],
        DType::Float64,
        &[crate::engine::Scalar::Float(r)],
    )?;
    Ok(scalarize(kernels::cast(&one, dt)?))
}

/// `(x.conj() * x).real`.
fn conj_times(s: &mut Session, xv: Value) -> PyResult<Value> {
    let c = s.np("conjugate", vec![xv.clone()], vec![])?;
    let p = s.np("multiply", vec![c, xv], vec![])?;
    s.np("real", vec![p], vec![])
}

/// The Frobenius norm over two axes.
fn fro(s: &mut Session, xv: Value, r: &i64, c: &i64) -> PyResult<Value> {
    let sq = conj_times(s, xv)?;
    let axes = Value::tuple(vec![Value::Int(*r as i128), Value::Int(*c as i128)]);
    let sum = s.np("sum", vec![sq], vec![("axis", axes)])?;
    s.np("sqrt", vec![sum], vec![])
}

/// `a.max(axis=axis, keepdims=keepdims, initial=0)`: an empty axis
/// gives zeros rather than an error.
fn max_from_zero(s: &mut Session, a: Value, axis: i64, keepdims: bool) -> PyResult<Value> {
    let arr = as_array(&a)?;
    let k = crate::engine::reduce::normalize_axis(axis, arr.ndim())?;
    let kw = vec![
        ("axis", Value::Int(axis as i128)),
        ("keepdims", Value::Bool(keepdims)),
    ];
    if arr.shape()[k] == 0 {
        return s.np("sum", vec![a], kw);
    }
    // Otherwise `initial=0` changes nothing: the values are absolute.
    s.np("max", vec![a], kw)
}

/// `_multi_svd_norm`'s singular values: `svd(moveaxis(x, (row, col),
/// (-2, -1)), compute_uv=False)`.
fn singular_values(s: &mut Session, x: &Value, row: i64, col: i64) -> PyResult<Value> {
    let pair = |a: i64, b: i64| Value::tuple(vec![Value::Int(a as i128), Value::Int(b as i128)]);
    let y = s.np(
        "moveaxis",
        vec![x.clone(), pair(row, col), pair(-2, -1)],
        vec![],
    )?;
    s.np(
        "linalg.svd",
        vec![y],
        vec![("compute_uv", Value::Bool(false))],
    )
}
