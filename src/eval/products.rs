//! Vector and tensor products beyond `dot`/`@` (issue 17 item 3):
//! `np.vdot`, `np.inner`, `np.kron`, and the float64 vector dot NumPy
//! hands to BLAS's `ddot` (used by `np.dot` of two vectors as well), summed
//! in OpenBLAS's order (`np_linalg::blas`) so the last digit is NumPy's.
//! `np.cross` and `np.tensordot` live in `cross.rs`, `np.einsum` in `einsum.rs`.

use crate::engine::dtype::DType;
use crate::engine::typed::elems;
use crate::engine::{ArrayRef, Order, kernels};

use super::error::{PyError, PyResult};
use super::index_routines::common_dtype;
use super::np_linalg::blas::{dot_contiguous, dot_strided, dot_threaded};
use super::ops::numpy_binary;
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::scalarize;
use crate::eval::convert::as_array;
use crate::eval::reshaping::{ravel, reshape};

/// The products' registry entries.
pub const ENTRIES: &[Entry] = &[
    func("vdot(a, b, /)", Style::Python, "a b", Writes::Nothing),
    func("inner(a, b, /)", Style::Python, "a b", Writes::Nothing),
    func("kron(a, b)", Style::Python, "a b", Writes::Nothing),
    func(
        "cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None)",
        Style::Python,
        "a b axisa axisb axisc axis",
        Writes::Nothing,
    ),
    func(
        "tensordot(a, b, axes=2)",
        Style::Python,
        "a b axes",
        Writes::Nothing,
    ),
    func(
        "einsum(*operands, out=None, optimize=False, **kwargs)",
        Style::Python,
        "operands out optimize kwargs",
        Writes::Nothing,
    ),
];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// The names this module answers.
pub const NAMES: &[&str] = &["vdot", "inner", "kron", "cross", "tensordot", "einsum"];

pub fn call(name: &str, args: &Args) -> PyResult<Value> {
    if name == "einsum" {
        return super::einsum::einsum(args);
    }
    let a = args.req(0, "a", name)?;
    let b = args.req(1, "b", name)?;
    match name {
        "vdot" => vdot(a, b),
        "inner" => inner(a, b),
        "cross" => super::cross::cross(a, b, args),
        "tensordot" => super::cross::tensordot(a, b, args.get(2, "axes")),
        _ => kron(a, b),
    }
}

/// The float64 words of a 1-d float64 array at element stride `inc`
/// (positive), from its first element.
/// A float64 vector's words from its first element to its last, read in
/// place from `bytes` (its buffer), and its stride in elements.
fn words<'b>(a: &ArrayRef, bytes: &'b [u8]) -> (&'b [f64], usize) {
    let l = a.layout();
    let all = elems::<f64>(bytes).unwrap_or(&[]);
    let inc = (l.strides[0] / 8) as usize;
    let start = l.offset / 8;
    let n = a.size();
    let end = if n == 0 {
        start
    } else {
        start + (n - 1) * inc + 1
    };
    (&all[start..end], inc)
}

/// Whether a float64 vector goes to `ddot` as it lies (`blas_stride`: a
/// positive whole number of elements); one element always does.
pub fn ddot_stride_ok(a: &ArrayRef) -> bool {
    let s = a.strides()[0];
    a.size() <= 1 || (s > 0 && s % 8 == 0 && a.layout().offset.is_multiple_of(8))
}

/// `x . y` of two float64 vectors as NumPy's BLAS call sums it: strides
/// that are positive whole elements go to `ddot` as they are (unit
/// strides through the fused kernel, others through the two-sum loop);
/// anything else is copied contiguous first.
pub fn float_dot(x: &ArrayRef, y: &ArrayRef) -> PyResult<f64> {
    let prep = |a: &ArrayRef| -> PyResult<ArrayRef> {
        let a = kernels::cast(a, &DType::Float64)?;
        Ok(if ddot_stride_ok(&a) {
            a
        } else {
            a.copy(Order::C)?
        })
    };
    let (x, y) = (prep(x)?, prep(y)?);
    let n = x.size();
    if n == 0 {
        return Ok(0.0);
    }
    let (xb, yb) = (x.buffer().bytes(), y.buffer().bytes());
    let ((xv, xi), (yv, yi)) = (words(&x, &xb), words(&y, &yb));
    let (xi, yi) = if n == 1 { (1, 1) } else { (xi, yi) };
    Ok(if xi == 1 && yi == 1 {
        dot_threaded(n, |r| dot_contiguous(&xv[r.clone()], &yv[r]))
    } else {
        dot_threaded(n, |r| {
            dot_strided(
                |i| xv[(r.start + i) * xi],
                |i| yv[(r.start + i) * yi],
                r.len(),
            )
        })
    })
}

/// `np.dot(A, v)` of a float64 matrix and a float64 vector as NumPy's
/// `cblas_matrixproduct` hands it to BLAS: a C-contiguous matrix (or the
/// C copy NumPy makes of one that is not a single segment) goes to
/// `cblas_dgemv` row-major, which OpenBLAS runs as `dgemv_t` over the
/// transpose (`y = 0`, then `y += 1.0 * A x`). `None` for what this does
/// not replay: other dtypes, a matrix with a side of one or a vector of
/// one element (NumPy's scalar and `ddot` paths), and a Fortran-ordered
/// matrix (`dgemv_n`).
pub fn matvec_dot(a: &ArrayRef, v: &ArrayRef) -> PyResult<Option<ArrayRef>> {
    let float = |x: &ArrayRef| *x.dtype() == DType::Float64;
    let shape = a.shape();
    if a.ndim() != 2 || v.ndim() != 1 || !float(a) || !float(v) {
        return Ok(None);
    }
    let (rows, cols) = (shape[0], shape[1]);
    if rows < 2 || cols < 2 || v.size() != cols {
        return Ok(None);
    }
    if a.is_f_contiguous() && !a.is_c_contiguous() {
        return Ok(None);
    }
    // Read in place when already C-ordered (NumPy copies only otherwise).
    use crate::engine::NdArray;
    let (a, v) = (NdArray::c_run(a)?, NdArray::c_run(v)?);
    let (ab, vb) = (a.buffer().bytes(), v.buffer().bytes());
    let (Some(av), Some(vv)) = (elems::<f64>(&ab), elems::<f64>(&vb)) else {
        return Ok(None);
    };
    let (av, vv) = (
        &av[a.layout().offset / 8..][..rows * cols],
        &vv[v.layout().offset / 8..][..cols],
    );
    let out = crate::engine::NdArray::zeros(&[rows], DType::Float64)?;
    {
        let mut ob = out.buffer().bytes_mut();
        let y: &mut [f64] = bytemuck::cast_slice_mut(&mut ob[..rows * 8]);
        super::np_linalg::blas::gemv_t(|i, c| av[c * cols + i], vv, y, 1.0);
    }
    Ok(Some(out))
}

/// `np.vdot(a, b)`: both flattened; `b` must have `a`'s size.
fn vdot(a: &Value, b: &Value) -> PyResult<Value> {
    let (x, y) = (as_array(a)?, as_array(b)?);
    let x = ravel(&x, Order::C)?;
    let y = reshape(
        &y,
        &Value::tuple(vec![Value::Int(x.size() as i128)]),
        Order::C,
    )?;
    let dt = common_dtype(&[Value::Array(x.clone()), Value::Array(y.clone())])?;
    match dt {
        DType::Float64 => {
            let r = float_dot(&ravel(&x, Order::C)?, &ravel(&y, Order::C)?)?;
            Ok(Value::NpScalar(
                DType::Float64,
                crate::engine::Scalar::Float(r),
            ))
        }
        d if d.is_integer() || d == DType::Bool => {
            super::linalg::dot(&Value::Array(x), &Value::Array(y))
        }
        other => Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab's np.vdot sums float64 and integers only, not {}",
                crate::render::dtype_repr(&other)
            ),
        )),
    }
}

/// `np.inner(a, b)`: a product for scalars, otherwise the sum over the
/// last axes — `dot(a, b.T)` for operands of at most two dimensions.
fn inner(a: &Value, b: &Value) -> PyResult<Value> {
    let (x, y) = (as_array(a)?, as_array(b)?);
    if x.ndim() == 0 || y.ndim() == 0 {
        return numpy_binary(crate::engine::kernels::BinaryOp::Mul, a, b);
    }
    // `PyArray_InnerProduct`: b's last two axes swapped, then `dot`.
    let yt = if y.ndim() >= 2 {
        let n = y.ndim() as i64;
        let mut perm: Vec<i64> = (0..n).collect();
        perm.swap((n - 1) as usize, (n - 2) as usize);
        crate::eval::reshaping::transpose(&y, Some(perm))?
    } else {
        y
    };
    super::linalg::dot(&Value::Array(x), &Value::Array(yt))
}

/// `np.kron(a, b)`: every product `a[i] * b[j]`, laid out block by block:
/// both padded to one rank, `a`'s axes interleaved with `b`'s, one
/// broadcast multiply, then the reshape to the product of the shapes.
fn kron(a: &Value, b: &Value) -> PyResult<Value> {
    let (x, y) = (as_array(a)?, as_array(b)?);
    if x.ndim() == 0 || y.ndim() == 0 {
        return numpy_binary(crate::engine::kernels::BinaryOp::Mul, a, b);
    }
    let nd = x.ndim().max(y.ndim());
    let pad = |s: Vec<usize>| -> Vec<usize> {
        let mut p = vec![1; nd - s.len()];
        p.extend(s);
        p
    };
    let (xs, ys) = (pad(x.shape()), pad(y.shape()));
    let ints = |v: Vec<usize>| Value::tuple(v.into_iter().map(|d| Value::Int(d as i128)).collect());
    let xi: Vec<usize> = xs.iter().flat_map(|&d| [d, 1]).collect();
    let yi: Vec<usize> = ys.iter().flat_map(|&d| [1, d]).collect();
    let xa = reshape(&x, &ints(xi), Order::C)?;
    let ya = reshape(&y, &ints(yi), Order::C)?;
    let prod = numpy_binary(
        crate::engine::kernels::BinaryOp::Mul,
        &Value::Array(xa),
        &Value::Array(ya),
    )?;
    let out: Vec<usize> = xs.iter().zip(&ys).map(|(p, q)| p * q).collect();
    Ok(scalarize(reshape(&as_array(&prod)?, &ints(out), Order::C)?))
}
