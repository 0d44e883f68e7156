//! `np.linalg.det`, `inv`, `solve` and `matrix_power` over stacks of
//! float64 matrices, through the `getf2`/`getrs` replica in `lu.rs`, with
//! NumPy's checks in NumPy's order (dimensions, squareness, then dtype).

use crate::engine::dtype::{DType, Kind};
use crate::engine::typed::{elems, elems_mut};
use crate::engine::{ArrayRef, NdArray, Order, kernels};

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::common::linalg_error;
use super::lu::{self, Lu};
use crate::eval::args::Args;
use crate::eval::coerce::{int_arg, scalarize};
use crate::eval::convert::as_array;

/// `_assert_stacked_2d` and `_assert_stacked_square`.
pub(super) fn stacked_square(a: &ArrayRef) -> PyResult<()> {
    if a.ndim() < 2 {
        return Err(linalg_error(&format!(
            "{}-dimensional array given. Array must be at least two-dimensional",
            a.ndim()
        )));
    }
    let s = a.shape();
    if s[s.len() - 1] != s[s.len() - 2] {
        return Err(linalg_error(
            "Last 2 dimensions of the array must be square",
        ));
    }
    Ok(())
}

/// `_commonType` for the dtypes the replica covers: integers and bools
/// are computed as float64; float16 is NumPy's `TypeError`; float32 and
/// complex go to LAPACK's other kernels, which slicelab does not replay.
fn float64(a: &ArrayRef, func: &str) -> PyResult<ArrayRef> {
    let dt = a.dtype();
    match dt.kind() {
        Kind::Bool | Kind::Int | Kind::UInt => {}
        _ if *dt == DType::Float64 => {}
        _ if *dt == DType::Float16 => {
            return Err(PyError::type_error(
                "array type float16 is unsupported in linalg",
            ));
        }
        Kind::Float | Kind::Complex => {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab's np.linalg computes in float64 only, not {}",
                    crate::render::dtype_repr(dt)
                ),
            ));
        }
        // `_commonType` lets other dtypes through as float64; the gufunc
        // then refuses to cast them.
        _ => {
            return Err(PyError::type_error(format!(
                "Cannot cast ufunc '{func}' input from {} to dtype('float64') with casting rule 'same_kind'",
                crate::render::dtype_repr(dt)
            )));
        }
    }
    Ok(kernels::cast(a, &DType::Float64)?.copy(Order::C)?)
}

/// The C-ordered float64 values of `a`.
fn values(a: &ArrayRef) -> Vec<f64> {
    let bytes = a.buffer().bytes();
    let all = elems::<f64>(&bytes).unwrap_or(&[]);
    let off = a.layout().offset / 8;
    all[off..off + a.size()].to_vec()
}

/// An array of `shape` filled from C-ordered `vals`.
fn array_of(shape: &[usize], vals: &[f64]) -> PyResult<ArrayRef> {
    let out = NdArray::for_overwrite(shape, DType::Float64)?;
    {
        let mut b = out.buffer().bytes_mut();
        if let Some(o) = elems_mut::<f64>(&mut b) {
            o[..vals.len()].copy_from_slice(vals);
        }
    }
    Ok(out)
}

/// Row-major `rows x cols` block to column-major, and back.
fn to_columns(m: &[f64], rows: usize, cols: usize) -> Vec<f64> {
    let mut out = vec![0.0; m.len()];
    for i in 0..rows {
        for j in 0..cols {
            out[i + j * rows] = m[i * cols + j];
        }
    }
    out
}

fn to_rows(m: &[f64], rows: usize, cols: usize) -> Vec<f64> {
    let mut out = vec![0.0; m.len()];
    for i in 0..rows {
        for j in 0..cols {
            out[i * cols + j] = m[i + j * rows];
        }
    }
    out
}

/// The LU factorisation of every matrix in a stack, refusing orders
/// past the unblocked path.
fn factorise(a: &ArrayRef, func: &str) -> PyResult<Vec<Lu>> {
    let n = a.shape()[a.ndim() - 1];
    if n > lu::MAX_N {
        return Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab's np.linalg.{func} reproduces LAPACK's digits for matrices up to {0}x{0}; this one is {n}x{n}",
                lu::MAX_N
            ),
        ));
    }
    let vals = values(&float64(a, func)?);
    let count = a.size() / (n * n).max(1);
    Ok((0..if n == 0 { a.size() } else { count })
        .map(|k| lu::getf2(n, to_columns(&vals[k * n * n..(k + 1) * n * n], n, n)))
        .collect())
}

/// The stack's shape and one (sign, log |det|) per matrix.
type SignLogdets = (Vec<usize>, Vec<(f64, f64)>);

/// The sign and log-determinant of every matrix in `a`'s stack (the
/// `slogdet` gufunc both `det` and `slogdet` call), and the stack's shape.
fn sign_logdets(a: &ArrayRef, func: &str) -> PyResult<SignLogdets> {
    stacked_square(a)?;
    let shape = a.shape();
    let batch = shape[..shape.len() - 2].to_vec();
    let count: usize = batch.iter().product();
    let lus = if shape[shape.len() - 1] == 0 {
        float64(a, func)?;
        (0..count).map(|_| lu::getf2(0, Vec::new())).collect()
    } else {
        factorise(a, func)?
    };
    Ok((batch, lus.iter().map(Lu::sign_logdet).collect()))
}

/// `np.linalg.det(a)`: NumPy takes `sign * exp(logdet)` of `slogdet`.
pub fn det(args: &Args) -> PyResult<Value> {
    let a = as_array(args.req(0, "a", "det")?)?;
    let (batch, pairs) = sign_logdets(&a, "det")?;
    let vals: Vec<f64> = pairs
        .iter()
        .map(|(sign, logdet)| sign * logdet.exp())
        .collect();
    Ok(scalarize(array_of(&batch, &vals)?))
}

/// `np.linalg.slogdet(a)`: `SlogdetResult(sign, logabsdet)`, scalars for
/// one matrix and arrays of the stack's shape for several.
pub fn slogdet(args: &Args) -> PyResult<Value> {
    let a = as_array(args.req(0, "a", "slogdet")?)?;
    let (batch, pairs) = sign_logdets(&a, "slogdet")?;
    let signs: Vec<f64> = pairs.iter().map(|p| p.0).collect();
    let logs: Vec<f64> = pairs.iter().map(|p| p.1).collect();
    Ok(super::super::named_tuple::make(
        &super::super::named_tuple::SLOGDET,
        vec![
            scalarize(array_of(&batch, &signs)?),
            scalarize(array_of(&batch, &logs)?),
        ],
    ))
}

/// `np.linalg.inv(a)`: `gesv` against the identity.
pub fn inv(args: &Args) -> PyResult<Value> {
    let a = as_array(args.req(0, "a", "inv")?)?;
    stacked_square(&a)?;
    let shape = a.shape();
    let n = shape[shape.len() - 1];
    if n == 0 || a.size() == 0 {
        float64(&a, "inv")?;
        return Ok(Value::Array(array_of(&shape, &[])?));
    }
    let mut out = Vec::with_capacity(a.size());
    for lu in factorise(&a, "inv")? {
        if lu.info > 0 {
            return Err(linalg_error("Singular matrix"));
        }
        let mut b = vec![0.0; n * n];
        for i in 0..n {
            b[i + i * n] = 1.0;
        }
        lu.solve(&mut b, n);
        out.extend(to_rows(&b, n, n));
    }
    Ok(Value::Array(array_of(&shape, &out)?))
}

fn shape_text(s: &[usize]) -> String {
    crate::engine::error::shape_compact(s)
}

/// `np.linalg.solve(a, b)`: `b` is one vector per matrix when it is 1-d
/// (`solve1`), otherwise a stack of `m x k` right-hand sides.
pub fn solve(args: &Args) -> PyResult<Value> {
    let a = as_array(args.req(0, "a", "solve")?)?;
    stacked_square(&a)?;
    let b = as_array(args.req(1, "b", "solve")?)?;
    let (ash, bsh) = (a.shape(), b.shape());
    let m = ash[ash.len() - 1];
    let vector = b.ndim() == 1;
    let (name, sig, core) = if vector {
        ("solve1", "(m,m),(m)->(m)", 1)
    } else {
        ("solve", "(m,m),(m,n)->(m,n)", 2)
    };
    if b.ndim() < core {
        return Err(PyError::value(format!(
            "{name}: Input operand 1 does not have enough dimensions (has {}, gufunc core with signature {sig} requires {core})",
            b.ndim()
        )));
    }
    let bm = bsh[bsh.len() - core];
    if bm != m {
        return Err(PyError::value(format!(
            "{name}: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {sig} (size {bm} is different from {m})"
        )));
    }
    float64(&a, name)?;
    float64(&b, name)?;
    let k = if vector { 1 } else { bsh[bsh.len() - 1] };
    let (abatch, bbatch) = (&ash[..ash.len() - 2], &bsh[..bsh.len() - core]);
    let batch = crate::engine::broadcast::broadcast_shapes(&[abatch, bbatch]).ok_or_else(|| {
        PyError::new(
            "NotImplementedError",
            format!(
                "slicelab's np.linalg.solve does not word the broadcast error for shapes {} and {}",
                shape_text(&ash),
                shape_text(&bsh)
            ),
        )
    })?;
    let mut shape = batch.clone();
    shape.push(m);
    if !vector {
        shape.push(k);
    }
    let full = |arr: &ArrayRef, core: &[usize]| -> PyResult<ArrayRef> {
        let mut s = batch.clone();
        s.extend_from_slice(core);
        crate::eval::reshaping::broadcast_to(arr, &s)
    };
    let bcore: Vec<usize> = if vector { vec![m] } else { vec![m, k] };
    let a_full = full(&a, &[m, m])?;
    let b_full = float64(&full(&b, &bcore)?, "solve")?;
    if m == 0 || k == 0 || a_full.size() == 0 {
        float64(&a, "solve")?;
        let size: usize = shape.iter().product();
        return Ok(Value::Array(array_of(&shape, &vec![0.0; size])?));
    }
    let lus = factorise(&a_full, "solve")?;
    let bv = values(&b_full);
    let mut out = Vec::with_capacity(bv.len());
    for (i, lu) in lus.iter().enumerate() {
        if lu.info > 0 {
            return Err(linalg_error("Singular matrix"));
        }
        let mut cols = to_columns(&bv[i * m * k..(i + 1) * m * k], m, k);
        lu.solve(&mut cols, k);
        out.extend(to_rows(&cols, m, k));
    }
    Ok(Value::Array(array_of(&shape, &out)?))
}

/// `np.linalg.matrix_power(a, n)`: the identity for 0, `inv` first for a
/// negative power, `a` itself for 1, then NumPy's products (`a @ a`,
/// `(a @ a) @ a`, or squarings over the bits of `n` from the lowest).
pub fn matrix_power(args: &Args) -> PyResult<Value> {
    let a = as_array(args.req(0, "a", "matrix_power")?)?;
    stacked_square(&a)?;
    // `operator.index(n)`; anything without `__index__` is NumPy's
    // TypeError, a Python int past int64 CPython's OverflowError.
    let n = int_arg(args.req(1, "n", "matrix_power")?, "").map_err(|e| {
        if e.kind == "OverflowError" {
            e
        } else {
            PyError::type_error("exponent must be an integer")
        }
    })?;
    let mut x = Value::Array(a.clone());
    if n == 0 {
        let shape = a.shape();
        let m = shape[shape.len() - 1];
        let count = a.size() / (m * m).max(1);
        let mut vals = Vec::with_capacity(a.size());
        for _ in 0..count {
            for i in 0..m {
                for j in 0..m {
                    vals.push(crate::engine::Scalar::Int((i == j) as i64));
                }
            }
        }
        let eye = NdArray::from_scalars(&shape, DType::Int64, &vals)?;
        return Ok(Value::Array(kernels::cast(&eye, a.dtype())?));
    }
    if n < 0 {
        x = inv(&Args {
            pos: vec![x.clone()],
            kw: vec![("a".into(), x)],
        })?;
    }
    let mm = |p: &Value, q: &Value| super::super::linalg::matmul(p, q);
    let mut n = n.unsigned_abs();
    match n {
        1 => return Ok(x),
        2 => return mm(&x, &x),
        3 => return mm(&mm(&x, &x)?, &x),
        _ => {}
    }
    let (mut z, mut result): (Option<Value>, Option<Value>) = (None, None);
    while n > 0 {
        z = Some(match z {
            None => x.clone(),
            Some(z) => mm(&z, &z)?,
        });
        let bit = n % 2;
        n /= 2;
        if bit == 1 {
            let zv = z.clone().unwrap_or(Value::None);
            result = Some(match result {
                None => zv,
                Some(r) => mm(&r, &zv)?,
            });
        }
    }
    Ok(result.unwrap_or(Value::None))
}
