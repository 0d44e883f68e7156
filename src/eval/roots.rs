//! `np.roots` (`numpy/lib/_polynomial_impl.py`): leading zeros dropped,
//! trailing zeros counted as zero roots, the rest the eigenvalues of the
//! companion matrix (`diag(ones(N-2), -1)` with `-p[1:] / p[0]` as its
//! first row) through `eigvals`, which is LAPACK's `dgeev` — replayed in
//! `np_linalg::geev`. Complex and float16 coefficients, and matrices the
//! replay does not model, are refused rather than approximated.

use crate::engine::dtype::{DType, Kind};
use crate::engine::element::scalar_as_f64;
use crate::engine::kernels::{self, BinaryOp};
use crate::engine::{NdArray, Scalar};

use super::error::{PyError, PyResult};
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::convert::as_array;

/// This module's registry entries (`registry::tables`).
pub const ENTRIES: &[Entry] = &[func("roots(p)", Style::Python, "p", Writes::Nothing)];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// Does this module answer `np.NAME`?
pub fn answers(name: &str) -> bool {
    ENTRIES.iter().any(|e| e.name() == name)
}

fn refuse(what: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("slicelab does not implement {what} yet"),
    )
}

/// Call `np.roots` (the registry has bound `args`).
pub fn call(_name: &str, args: &Args) -> PyResult<Value> {
    roots(args.req(0, "p", "roots")?)
}

fn roots(p: &Value) -> PyResult<Value> {
    // The `__array_function__` dispatcher returns `p` itself, which must
    // be iterable.
    let iterable = match p {
        Value::List(_) | Value::Tuple(_) => true,
        Value::Array(a) => a.ndim() > 0,
        _ => false,
    };
    if !iterable {
        return Err(PyError::type_error(
            "dispatcher for __array_function__ did not return an iterable",
        ));
    }
    let a = as_array(p)?;
    let a = if a.ndim() == 0 {
        NdArray::from_scalars(&[1], a.dtype().clone(), &[a.first()])?
    } else {
        a
    };
    if a.ndim() != 1 {
        return Err(PyError::value("Input must be a rank-1 array."));
    }
    let dt = a.dtype().native();
    let work_dt = match dt.kind() {
        Kind::Bool | Kind::Int | Kind::UInt => DType::Float64,
        Kind::Float if dt == DType::Float64 || dt == DType::Float32 => dt.clone(),
        _ => {
            return Err(refuse(&format!("np.roots of {} coefficients", dt.name())));
        }
    };
    let vals = kernels::cast(&a, &DType::Float64)?.to_scalars();
    let nz: Vec<usize> = a
        .to_scalars()
        .iter()
        .enumerate()
        .filter(|(_, s)| match s {
            Scalar::Bool(b) => *b,
            other => scalar_as_f64(other) != 0.0,
        })
        .map(|(k, _)| k)
        .collect();
    let (Some(&first), Some(&last)) = (nz.first(), nz.last()) else {
        return Ok(Value::Array(NdArray::zeros(&[0], DType::Float64)?));
    };
    let trailing = vals.len() - last - 1;
    // p[first:last+1] in the working dtype.
    let coeffs: Vec<Scalar> = a.to_scalars()[first..=last].to_vec();
    let p = kernels::cast(
        &NdArray::from_scalars(&[coeffs.len()], dt.clone(), &coeffs)?,
        &work_dt,
    )?;
    let n = p.size();
    let single = work_dt == DType::Float32;
    let zeros_tail = |dtype: DType| NdArray::zeros(&[trailing], dtype);
    if n <= 1 {
        return Ok(Value::Array(zeros_tail(DType::Float64)?));
    }
    // A[0, :] = -p[1:] / p[0], in the coefficients' dtype.
    let head = NdArray::from_scalars(&[1], work_dt.clone(), &[p.to_scalars()[0].clone()])?;
    let rest = NdArray::from_scalars(&[n - 1], work_dt.clone(), &p.to_scalars()[1..])?;
    let neg = kernels::unary(kernels::UnaryOp::Neg, &rest)?;
    let row = kernels::binary(BinaryOp::Div, &neg, &head)?;
    let row: Vec<f64> = kernels::cast(&row, &DType::Float64)?
        .to_scalars()
        .iter()
        .map(scalar_as_f64)
        .collect();
    let m = n - 1;
    if row.iter().any(|v| !v.is_finite()) {
        return Err(PyError::new(
            "LinAlgError",
            "Array must not contain infs or NaNs",
        ));
    }
    let mut mat = vec![0.0f64; m * m];
    mat[..m].copy_from_slice(&row);
    for i in 1..m {
        mat[i * m + i - 1] = 1.0;
    }
    let Some((wr, wi)) = super::np_linalg::geev::eigvals_rows(m, &mat) else {
        return Err(refuse(
            "np.roots of a polynomial of degree above 75 (LAPACK's dhseqr hands its companion matrix to dlaqr0, which slicelab does not replay)",
        ));
    };
    let complex = wi.iter().any(|&v| v != 0.0);
    let (out_dt, mut out): (DType, Vec<Scalar>) = if complex {
        (
            if single {
                DType::Complex64
            } else {
                DType::Complex128
            },
            wr.iter()
                .zip(&wi)
                .map(|(&r, &i)| Scalar::Complex(r, i))
                .collect(),
        )
    } else {
        (
            if single {
                DType::Float32
            } else {
                DType::Float64
            },
            wr.iter().map(|&r| Scalar::Float(r)).collect(),
        )
    };
    let zero = if complex {
        Scalar::Complex(0.0, 0.0)
    } else {
        Scalar::Float(0.0)
    };
    out.extend(std::iter::repeat_n(zero, trailing));
    let wide = NdArray::from_scalars(
        &[out.len()],
        if complex {
            DType::Complex128
        } else {
            DType::Float64
        },
        &out,
    )?;
    Ok(Value::Array(kernels::cast(&wide, &out_dt)?))
}
