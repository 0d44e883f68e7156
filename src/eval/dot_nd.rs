//! `np.dot` beyond BLAS's matrix product: operands above two dimensions
//! and object arrays at any rank (hence `np.inner` of N-d operands and
//! `np.tensordot`/`np.inner` of object arrays).
//!
//! NumPy's `PyArray_MatrixProduct2` (`multiarraymodule.c`) sends float
//! and complex operands of at most two dimensions to `cblas_matrixproduct`
//! (`linalg::dot` and `matmul` replay that); everything else walks every
//! row of `a` (all but its last axis) against every column of `b` (all
//! but its second-to-last axis, its only axis if 1-d), in C order, and
//! calls the dtype's `dot` function (`arraytypes.c.src`) on each pair:
//! `DOUBLE_dot` sums `0.0 + cblas_ddot(...)` when both strides are
//! positive whole elements and a plain `sum += x*y` loop otherwise, the
//! integer dots a wrapping 64-bit sum cast back, `BOOL_dot` an "any",
//! `OBJECT_dot` the Python `*` then `+` of the elements in order (`0` for
//! an empty sum: the output buffer is zero-filled). float32 and complex
//! (`cblas_sdot`/`zdotu`) are refused: their order is not replayed here.

use crate::engine::dtype::DType;
use crate::engine::kernels::BinaryOp;
use crate::engine::{ArrayRef, NdArray, Scalar, kernels};

use super::error::{PyError, PyResult};
use super::np_linalg::blas::{dot_contiguous, dot_strided, dot_threaded};
use super::value::Value;
use crate::eval::coerce::scalarize;

/// The shape of `dot(x, y)` and the sizes of its loops: rows of `x`,
/// the length summed, and (outer, last) extents of `y`'s columns.
struct Plan {
    shape: Vec<usize>,
    rows: usize,
    k: usize,
    y_outer: usize,
    y_last: usize,
}

fn plan(xs: &[usize], ys: &[usize]) -> PyResult<Plan> {
    let k = xs[xs.len() - 1];
    let match_dim = ys.len().saturating_sub(2);
    let ky = ys[match_dim];
    if k != ky {
        return Err(PyError::value(format!(
            "shapes {} and {} not aligned: {k} (dim {}) != {ky} (dim {match_dim})",
            crate::engine::error::shape_compact(xs),
            crate::engine::error::shape_compact(ys),
            xs.len() - 1
        )));
    }
    let y_last = if ys.len() >= 2 { ys[ys.len() - 1] } else { 1 };
    let y_outer: usize = ys[..match_dim].iter().product();
    let mut shape: Vec<usize> = xs[..xs.len() - 1].to_vec();
    shape.extend_from_slice(&ys[..match_dim]);
    if ys.len() >= 2 {
        shape.push(y_last);
    }
    Ok(Plan {
        rows: xs[..xs.len() - 1].iter().product(),
        k,
        y_outer,
        y_last,
        shape,
    })
}

/// Whether `dot_nd` computes this pair (else the caller refuses).
pub fn handles(dt: &DType) -> bool {
    matches!(
        dt,
        DType::Float64
            | DType::Bool
            | DType::Object
            | DType::Int8
            | DType::Int16
            | DType::Int32
            | DType::Int64
            | DType::UInt8
            | DType::UInt16
            | DType::UInt32
            | DType::UInt64
    )
}

/// `np.dot(x, y)` by NumPy's generic walk, in dtype `dt` (both operands
/// at least 1-d).
pub fn dot_nd(x: &ArrayRef, y: &ArrayRef, dt: &DType) -> PyResult<Value> {
    let p = plan(&x.shape(), &y.shape())?;
    let n_out: usize = p.shape.iter().product();
    crate::engine::buffer::python_room(n_out, 16)?;
    if *dt == DType::Object {
        return object_dot(x, y, &p);
    }
    let (xc, yc) = (kernels::cast(x, dt)?, kernels::cast(y, dt)?);
    let match_dim = yc.ndim().saturating_sub(2);
    // Element strides as NumPy's loop sees them (a cast made a C copy).
    let sx = xc.strides()[xc.ndim() - 1];
    let sy = yc.strides()[match_dim];
    let xv = xc.to_scalars();
    let yv = yc.to_scalars();
    let mut out = Vec::with_capacity(n_out);
    let col = |o: usize, m: usize, j: usize| (o * p.k + j) * p.y_last + m;
    for i in 0..p.rows {
        crate::engine::interrupt::check()?;
        let row = &xv[i * p.k..(i + 1) * p.k];
        for o in 0..p.y_outer {
            for m in 0..p.y_last {
                let c = |j: usize| &yv[col(o, m, j)];
                out.push(match dt {
                    DType::Float64 => Scalar::Float(float_sum(row, &c, p.k, sx, sy)),
                    DType::Bool => Scalar::Bool((0..p.k).any(|j| truth(&row[j]) && truth(c(j)))),
                    _ => int_sum(row, &c, p.k),
                });
            }
        }
    }
    Ok(scalarize(NdArray::from_scalars(
        &p.shape,
        dt.clone(),
        &out,
    )?))
}

fn truth(s: &Scalar) -> bool {
    !matches!(s, Scalar::Bool(false) | Scalar::Int(0) | Scalar::UInt(0))
}

fn f(s: &Scalar) -> f64 {
    crate::engine::element::scalar_as_f64(s)
}

/// `DOUBLE_dot`: `0.0 + ddot` for BLAS-able strides, else a plain loop.
fn float_sum<'a>(
    row: &'a [Scalar],
    col: &impl Fn(usize) -> &'a Scalar,
    k: usize,
    sx: isize,
    sy: isize,
) -> f64 {
    let blas = |s: isize| s > 0 && s % 8 == 0;
    if !(blas(sx) && blas(sy)) {
        let mut sum = 0.0;
        for (j, a) in row.iter().enumerate().take(k) {
            sum += f(a) * f(col(j));
        }
        return sum;
    }
    let xv: Vec<f64> = row.iter().map(f).collect();
    let yv: Vec<f64> = (0..k).map(|j| f(col(j))).collect();
    let unit = k == 1 || (sx == 8 && sy == 8);
    let d = if k == 0 {
        0.0
    } else if unit {
        dot_threaded(k, |r| dot_contiguous(&xv[r.clone()], &yv[r]))
    } else {
        dot_threaded(k, |r| {
            dot_strided(|i| xv[r.start + i], |i| yv[r.start + i], r.len())
        })
    };
    0.0 + d
}

/// The integer dots: a wrapping sum in 64 bits, cast back by the caller.
fn int_sum<'a>(row: &'a [Scalar], col: &impl Fn(usize) -> &'a Scalar, k: usize) -> Scalar {
    match row.first() {
        Some(Scalar::UInt(_)) => {
            let mut t = 0u64;
            for (j, a) in row.iter().enumerate().take(k) {
                if let (Scalar::UInt(a), Scalar::UInt(b)) = (a, col(j)) {
                    t = t.wrapping_add(a.wrapping_mul(*b));
                }
            }
            Scalar::UInt(t)
        }
        _ => {
            let mut t = 0i64;
            for (j, a) in row.iter().enumerate().take(k) {
                let (a, b) = (int_of(a), int_of(col(j)));
                t = t.wrapping_add(a.wrapping_mul(b));
            }
            Scalar::Int(t)
        }
    }
}

fn int_of(s: &Scalar) -> i64 {
    match s {
        Scalar::Int(v) => *v,
        Scalar::UInt(v) => *v as i64,
        Scalar::Bool(b) => i64::from(*b),
        other => f(other) as i64,
    }
}

/// `OBJECT_dot` on every (row, column) pair.
fn object_dot(x: &ArrayRef, y: &ArrayRef, p: &Plan) -> PyResult<Value> {
    let xv = super::convert::values(x);
    let yv = super::convert::values(y);
    let mut out = Vec::with_capacity(p.shape.iter().product());
    for i in 0..p.rows {
        for o in 0..p.y_outer {
            for m in 0..p.y_last {
                crate::engine::interrupt::check()?;
                let mut acc: Option<Value> = None;
                for j in 0..p.k {
                    let a = &xv[i * p.k + j];
                    let b = &yv[(o * p.k + j) * p.y_last + m];
                    let prod = super::object_array::binary_elements_op(BinaryOp::Mul, a, b)?;
                    acc = Some(match acc {
                        None => prod,
                        Some(t) => {
                            super::object_array::binary_elements_op(BinaryOp::Add, &t, &prod)?
                        }
                    });
                }
                out.push(acc.unwrap_or(Value::Int(0)));
            }
        }
    }
    if p.shape.is_empty() {
        return Ok(out.into_iter().next().unwrap_or(Value::Int(0)));
    }
    Ok(Value::Array(super::convert::from_values(&p.shape, &out)?))
}
