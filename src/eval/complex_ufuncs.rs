//! The complex loops (`F`, `D`) of the math ufuncs in `math_ufuncs.rs`:
//! `sinh`, `cosh`, `tanh`, `tan`, `log2`, `log10`, `log1p`, `expm1`,
//! `exp2`, `sign`, `reciprocal`.
//!
//! complex128 goes through the glibc ports of `engine::cmath` (NumPy's
//! `nc_*` loops call glibc's `csinh`, `clog`...). complex64 loops call
//! the single-precision glibc functions (`csinhf`...), which slicelab has
//! not ported: those are refused, except `sign` and `reciprocal`, which
//! NumPy computes inline in the loop's own precision.

use crate::engine::cmath::{self, C};
use crate::engine::dtype::DType;
use crate::engine::{NdArray, Scalar, kernels};

use super::error::PyResult;
use super::index_routines::broadcast_scalars as broadcast;
use super::value::Value;
use crate::eval::coerce::scalarize;
use crate::eval::convert::as_array;

/// The complex128 function NumPy's loop for `name` computes.
fn double(name: &str) -> Option<fn(C) -> C> {
    Some(match name {
        "sinh" => cmath::csinh,
        "cosh" => cmath::ccosh,
        "tanh" => cmath::ctanh,
        "tan" => cmath::ctan,
        "log2" => |z| cmath::clog_scaled(z, std::f64::consts::LOG2_E),
        "log10" => |z| cmath::clog_scaled(z, std::f64::consts::LOG10_E),
        "log1p" => cmath::clog1p,
        "expm1" => cmath::cexpm1,
        "exp2" => cmath::cexp2,
        "sign" => |(r, i)| cmath::csign(r, i),
        "reciprocal" => |(r, i)| cmath::creciprocal(r, i),
        _ => return None,
    })
}

/// The complex64 loops slicelab reproduces (inline float32 arithmetic).
/// A complex64 loop on (real, imaginary) float32 parts.
type Single = fn(f32, f32) -> (f32, f32);

fn single(name: &str) -> Option<Single> {
    Some(match name {
        "sign" => cmath::csign::<f32>,
        "reciprocal" => cmath::creciprocal::<f32>,
        _ => return None,
    })
}

/// `name` applied to one input through the complex loop `lt`; `None`
/// when slicelab has no bit-exact kernel for it (the caller refuses).
pub fn elementwise(name: &str, inputs: &[Value], lt: &DType) -> Option<PyResult<Value>> {
    if inputs.len() != 1 {
        return None;
    }
    let f: Box<dyn Fn(f64, f64) -> (f64, f64)> = if *lt == DType::Complex128 {
        let d = double(name)?;
        Box::new(move |r, i| d((r, i)))
    } else {
        let s = single(name)?;
        Box::new(move |r, i| {
            let (a, b) = s(r as f32, i as f32);
            (f64::from(a), f64::from(b))
        })
    };
    Some(apply(&inputs[0], lt, &*f))
}

/// `f` on every element of `v` cast to the complex loop type `lt`.
fn apply(v: &Value, lt: &DType, f: &dyn Fn(f64, f64) -> (f64, f64)) -> PyResult<Value> {
    let a = kernels::cast(&as_array(v)?, lt)?;
    let (vals, shape) = broadcast(&[a])?;
    let out: Vec<Scalar> = vals[0]
        .iter()
        .map(|s| {
            let (r, i) = match s {
                Scalar::Complex(r, i) => (*r, *i),
                other => (crate::engine::element::scalar_as_f64(other), 0.0),
            };
            let (x, y) = f(r, i);
            Scalar::Complex(x, y)
        })
        .collect();
    Ok(scalarize(NdArray::from_scalars(&shape, lt.clone(), &out)?))
}
