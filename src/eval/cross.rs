//! `np.cross` and `np.tensordot` (issue 17 item 3), step for step as
//! NumPy 2.4's Python code in `numpy/_core/numeric.py` does them, so the
//! values, the result's layout (`cross` returns `moveaxis` of its output,
//! a view) and the first error raised are NumPy's.

use crate::engine::dtype::DType;
use crate::engine::kernels::{self, BinaryOp, UnaryOp};
use crate::engine::{ArrayRef, NdArray, Order};

use super::cast_rules::promote_types_full;
use super::error::{PyError, PyResult};
use super::ops::numpy_binary;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::int_arg;
use crate::eval::convert::as_array;
use crate::eval::protocol::iterate;
use crate::eval::reshaping::{reshape, transpose};

/// `normalize_axis_index(axis, ndim, msg_prefix=which)`.
fn axis_index(v: &Value, ndim: usize, which: &str) -> PyResult<usize> {
    Ok(crate::eval::axis_tuple::normalize_axis_index(v, ndim as i64, Some(which))? as usize)
}

/// `a[..., k]`: a view of element `k` along the last axis.
fn last(a: &ArrayRef, k: usize) -> ArrayRef {
    let mut l = a.layout();
    let stride = l.strides.pop().unwrap_or(0);
    l.shape.pop();
    l.offset = (l.offset as isize + k as isize * stride) as usize;
    NdArray::view_with(a, l)
}

/// `moveaxis(a, src, dst)` for normalized axes: a view.
fn moveaxis(a: &ArrayRef, src: usize, dst: usize) -> ArrayRef {
    let mut order: Vec<usize> = (0..a.ndim()).filter(|&k| k != src).collect();
    order.insert(dst, src);
    NdArray::view_with(a, a.layout().permuted(&order))
}

fn mul(x: &ArrayRef, y: &ArrayRef) -> PyResult<ArrayRef> {
    as_array(&numpy_binary(
        BinaryOp::Mul,
        &Value::Array(x.clone()),
        &Value::Array(y.clone()),
    )?)
}

fn sub(x: &ArrayRef, y: &ArrayRef) -> PyResult<ArrayRef> {
    as_array(&numpy_binary(
        BinaryOp::Sub,
        &Value::Array(x.clone()),
        &Value::Array(y.clone()),
    )?)
}

fn neg(x: &ArrayRef) -> PyResult<ArrayRef> {
    Ok(kernels::unary(UnaryOp::Neg, x)?)
}

/// `np.cross(a, b, axisa, axisb, axisc, axis)`.
pub fn cross(a: &Value, b: &Value, args: &Args) -> PyResult<Value> {
    let axis = args.get(5, "axis").filter(|v| !matches!(v, Value::None));
    let pick = |i: usize, name: &str| -> Value {
        match axis {
            Some(v) => v.clone(),
            None => args.get(i, name).cloned().unwrap_or(Value::Int(-1)),
        }
    };
    let (axisa, axisb, axisc) = (pick(2, "axisa"), pick(3, "axisb"), pick(4, "axisc"));
    let (a, b) = (as_array(a)?, as_array(b)?);
    if a.ndim() < 1 || b.ndim() < 1 {
        return Err(PyError::value("At least one array has zero dimension"));
    }
    let ia = axis_index(&axisa, a.ndim(), "axisa")?;
    let ib = axis_index(&axisb, b.ndim(), "axisb")?;
    let a = moveaxis(&a, ia, a.ndim() - 1);
    let b = moveaxis(&b, ib, b.ndim() - 1);
    let (na, nb) = (a.shape()[a.ndim() - 1], b.shape()[b.ndim() - 1]);
    if !matches!(na, 2 | 3) || !matches!(nb, 2 | 3) {
        return Err(PyError::value(
            "incompatible dimensions for cross product\n(dimension must be 2 or 3)",
        ));
    }
    let (sa, sb) = (last(&a, 0).shape(), last(&b, 0).shape());
    let mut shape = crate::engine::broadcast::broadcast_objects(&[&sa, &sb])?;
    let three = na == 3 || nb == 3;
    let mut ic = 0;
    if three {
        shape.push(3);
        ic = axis_index(&axisc, shape.len(), "axisc")?;
    }
    let dt = promote_types_full(a.dtype(), b.dtype()).ok_or_else(|| {
        PyError::new(
            "NotImplementedError",
            format!(
                "slicelab's np.cross does not promote {} with {}",
                crate::render::dtype_repr(a.dtype()),
                crate::render::dtype_repr(b.dtype())
            ),
        )
    })?;
    if !dt.is_numeric() && dt != DType::Bool {
        let d = crate::render::dtype_repr(&dt);
        return Err(PyError::type_error(format!(
            "ufunc 'multiply' did not contain a loop with signature matching types ({d}, {d}) -> None"
        )));
    }
    let a = kernels::cast(&a, &dt)?;
    let b = kernels::cast(&b, &dt)?;
    let (a0, a1, b0, b1) = (last(&a, 0), last(&a, 1), last(&b, 0), last(&b, 1));
    // Each component in the order NumPy's code computes it, so the first
    // error (a boolean negative or subtract) is the one NumPy raises.
    let comps: [ArrayRef; 3] = match (na, nb) {
        (2, 2) => {
            return Ok(Value::Array(sub(&mul(&a0, &b1)?, &mul(&a1, &b0)?)?));
        }
        (2, _) => {
            let b2 = last(&b, 2);
            let c0 = mul(&a1, &b2)?;
            let c1 = neg(&mul(&a0, &b2)?)?;
            let c2 = sub(&mul(&a0, &b1)?, &mul(&a1, &b0)?)?;
            [c0, c1, c2]
        }
        (_, 3) => {
            let (a2, b2) = (last(&a, 2), last(&b, 2));
            let c0 = sub(&mul(&a1, &b2)?, &mul(&a2, &b1)?)?;
            let c1 = sub(&mul(&a2, &b0)?, &mul(&a0, &b2)?)?;
            let c2 = sub(&mul(&a0, &b1)?, &mul(&a1, &b0)?)?;
            [c0, c1, c2]
        }
        _ => {
            let a2 = last(&a, 2);
            let c0 = neg(&mul(&a2, &b1)?)?;
            let c1 = mul(&a2, &b0)?;
            let c2 = sub(&mul(&a0, &b1)?, &mul(&a1, &b0)?)?;
            [c0, c1, c2]
        }
    };
    let cp = NdArray::zeros(&shape, dt)?;
    for (k, c) in comps.iter().enumerate() {
        let dst = last(&cp, k);
        let src = crate::eval::reshaping::broadcast_to(c, &dst.shape())?;
        crate::engine::array::copy_elements(&src, &dst)?;
    }
    Ok(Value::Array(moveaxis(&cp, shape.len() - 1, ic)))
}

/// One entry of tensordot's axis lists as Python's tuple indexing takes
/// it (`shape[axes_a[k]]`).
fn tuple_index(v: &Value) -> PyResult<i64> {
    match v {
        Value::Float(_) | Value::Str(_) | Value::None | Value::Tuple(_) | Value::List(_) => {
            Err(PyError::type_error(format!(
                "tuple indices must be integers or slices, not {}",
                v.type_name()
            )))
        }
        other => int_arg(other, ""),
    }
}

/// `len(x)` then `list(x)`, or `[x]` when `x` has no length.
fn axis_list(v: &Value) -> PyResult<Vec<Value>> {
    match v {
        Value::Tuple(_) | Value::List(_) | Value::Str(_) => iterate(v),
        Value::Array(a) if a.ndim() > 0 => iterate(v),
        other => Ok(vec![other.clone()]),
    }
}

/// Python's `len(set(xs)) != len(xs)` for numbers (`0 == 0.0 == False`).
fn has_duplicates(xs: &[Value]) -> PyResult<bool> {
    let mut seen: Vec<f64> = vec![];
    for x in xs {
        let f = match x {
            Value::List(_) => return Err(PyError::type_error("unhashable type: 'list'")),
            Value::Array(_) => return Err(PyError::type_error("unhashable type: 'numpy.ndarray'")),
            Value::Int(i) => *i as f64,
            Value::Bool(b) => *b as u8 as f64,
            Value::Float(f) => *f,
            Value::NpScalar(_, s) => crate::engine::element::scalar_as_f64(s),
            // Other hashables equal no number; they fail as indices later.
            _ => continue,
        };
        if seen.contains(&f) {
            return Ok(true);
        }
        seen.push(f);
    }
    Ok(false)
}

/// `shape[i]` as Python indexes a tuple.
fn shape_at(shape: &[usize], i: i64) -> PyResult<usize> {
    let n = shape.len() as i64;
    let k = if i < 0 { i + n } else { i };
    if k < 0 || k >= n {
        return Err(PyError::new("IndexError", "tuple index out of range"));
    }
    Ok(shape[k as usize])
}

fn ints(v: &[usize]) -> Value {
    Value::tuple(v.iter().map(|&d| Value::Int(d as i128)).collect())
}

/// `np.tensordot(a, b, axes)`: the summed axes moved to the end of `a`
/// and the front of `b`, both reshaped to matrices, one `np.dot`, then
/// the reshape (a view of the product) to the free axes.
pub fn tensordot(a: &Value, b: &Value, axes: Option<&Value>) -> PyResult<Value> {
    let axes = axes.cloned().unwrap_or(Value::Int(2));
    let iterable = match &axes {
        Value::Tuple(_) | Value::List(_) | Value::Str(_) => true,
        Value::Array(x) => x.ndim() > 0,
        _ => false,
    };
    let (list_a, list_b) = if iterable {
        let items = iterate(&axes)?;
        match items.len() {
            2 => (axis_list(&items[0])?, axis_list(&items[1])?),
            n if n > 2 => {
                return Err(PyError::value("too many values to unpack (expected 2)"));
            }
            n => {
                return Err(PyError::value(format!(
                    "not enough values to unpack (expected 2, got {n})"
                )));
            }
        }
    } else {
        // `range(-n, 0)`: past 64 entries the first one is already out
        // of range for any array, so longer lists fail the same way.
        let n = int_arg(&axes, "")?.min(65);
        let a: Vec<Value> = (-n..0).map(|k| Value::Int(k as i128)).collect();
        let b: Vec<Value> = (0..n.max(0)).map(|k| Value::Int(k as i128)).collect();
        (a, b)
    };
    for list in [&list_a, &list_b] {
        if has_duplicates(list)? {
            return Err(PyError::value(
                "duplicate axes are not allowed in tensordot",
            ));
        }
    }
    let (a, b) = (as_array(a)?, as_array(b)?);
    let (sa, sb) = (a.shape(), b.shape());
    let (nda, ndb) = (sa.len() as i64, sb.len() as i64);
    let mut axes_a = vec![];
    let mut axes_b = vec![];
    let mut equal = list_a.len() == list_b.len();
    if equal {
        for (x, y) in list_a.iter().zip(&list_b) {
            let (i, j) = (tuple_index(x)?, tuple_index(y)?);
            if shape_at(&sa, i)? != shape_at(&sb, j)? {
                equal = false;
                break;
            }
            axes_a.push(if i < 0 { i + nda } else { i });
            axes_b.push(if j < 0 { j + ndb } else { j });
        }
    }
    if !equal {
        return Err(PyError::value("shape-mismatch for sum"));
    }
    let notin_a: Vec<i64> = (0..nda).filter(|k| !axes_a.contains(k)).collect();
    let notin_b: Vec<i64> = (0..ndb).filter(|k| !axes_b.contains(k)).collect();
    let dims =
        |s: &[usize], ax: &[i64]| -> Vec<usize> { ax.iter().map(|&k| s[k as usize]).collect() };
    let (olda, oldb) = (dims(&sa, &notin_a), dims(&sb, &notin_b));
    let n2: usize = dims(&sa, &axes_a).iter().product();
    let m2: usize = dims(&sb, &axes_b).iter().product();
    let perm_a: Vec<i64> = notin_a.iter().chain(&axes_a).copied().collect();
    let perm_b: Vec<i64> = axes_b.iter().chain(&notin_b).copied().collect();
    let at = reshape(
        &transpose(&a, Some(perm_a))?,
        &ints(&[olda.iter().product(), n2]),
        Order::C,
    )?;
    let bt = reshape(
        &transpose(&b, Some(perm_b))?,
        &ints(&[m2, oldb.iter().product()]),
        Order::C,
    )?;
    let res = as_array(&super::linalg::dot(&Value::Array(at), &Value::Array(bt))?)?;
    let shape: Vec<usize> = olda.into_iter().chain(oldb).collect();
    Ok(Value::Array(reshape(&res, &ints(&shape), Order::C)?))
}
