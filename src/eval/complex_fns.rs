//! Complex numbers at the NumPy level: `np.conj`, `np.real`, `np.imag`,
//! `np.angle`, the `iscomplex` family, `a.real = v` / `a.imag = v`, and the
//! dtype rules of float-valued ufuncs (`np.sqrt` of int8 is float16, of a
//! complex array is complex).

use crate::engine::dtype::{DType, Kind};
use crate::engine::scalar_kernels::complex_math;
use crate::engine::{ArrayRef, NdArray, Scalar, kernels};

use super::error::{PyError, PyResult};
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::scalarize;
use crate::eval::convert::as_array;

/// The `np.*` names this module answers.
pub const NAMES: &[&str] = &[
    "conj",
    "conjugate",
    "real",
    "imag",
    "angle",
    "iscomplexobj",
    "isrealobj",
    "iscomplex",
    "isreal",
];

fn is_complex(dt: &DType) -> bool {
    dt.kind() == Kind::Complex
}

/// The float dtype of a complex dtype's parts.
fn part_dtype(dt: &DType) -> DType {
    let part = if dt.native() == DType::Complex64 {
        DType::Float32
    } else {
        DType::Float64
    };
    // A part of a big-endian complex number is a big-endian float.
    match dt {
        DType::Ordered(_, endian) => DType::ordered(part, *endian),
        _ => part,
    }
}

/// `a.real` / `a.imag` of a complex array: a view of one part.
pub fn part_view(a: &ArrayRef, imag: bool) -> ArrayRef {
    let mut l = a.layout();
    let part = part_dtype(a.dtype());
    if imag {
        l.offset += part.itemsize();
    }
    NdArray::view(a, part, l)
}

/// `a.real = v` and `a.imag = v`.
pub fn set_part(a: &ArrayRef, imag: bool, value: &Value) -> PyResult<()> {
    let target = if is_complex(a.dtype()) {
        part_view(a, imag)
    } else if imag {
        return Err(PyError::type_error(
            "array does not have imaginary part to set",
        ));
    } else {
        a.clone()
    };
    target.check_writeable()?;
    let src = as_array(value)?;
    crate::engine::index::set(&target, &[crate::engine::index::IndexItem::Ellipsis], &src)?;
    Ok(())
}

/// Call one of [`NAMES`].
pub fn call(name: &str, args: &Args) -> PyResult<Value> {
    let v = args.req(0, if name == "angle" { "z" } else { "x" }, name)?;
    let python = !matches!(v, Value::Array(_) | Value::NpScalar(..));
    let a = as_array(v)?;
    let cplx = is_complex(a.dtype());
    Ok(match name {
        "conj" | "conjugate" => {
            if !cplx {
                return Ok(scalarize(a.copy(crate::engine::Order::C)?));
            }
            scalarize(map_complex(&a, "conjugate")?)
        }
        "real" | "imag" => {
            let out = if cplx {
                part_view(&a, name == "imag")
            } else if name == "real" {
                a.clone()
            } else {
                NdArray::zeros(&a.shape(), a.dtype().clone())?
            };
            if a.ndim() == 0 {
                // NumPy hands back the scalar type of the input's parts.
                return Ok(match (v, out.first()) {
                    (Value::Int(_), Scalar::Int(i)) => Value::Int(i as i128),
                    (Value::Float(_) | Value::Complex(..), Scalar::Float(f)) if python => {
                        Value::Float(f)
                    }
                    _ => scalarize(out),
                });
            }
            Value::Array(out)
        }
        "angle" => {
            let deg = match args.get(1, "deg") {
                Some(d) => crate::eval::protocol::truthy(d)?,
                None => false,
            };
            let vals: Vec<Scalar> = a
                .to_scalars()
                .iter()
                .map(|s| {
                    let (re, im) = match s {
                        Scalar::Complex(r, i) => (*r, *i),
                        other => (crate::engine::element::scalar_as_f64(other), 0.0),
                    };
                    let t = im.atan2(re);
                    Scalar::Float(if deg {
                        t * 180.0 / std::f64::consts::PI
                    } else {
                        t
                    })
                })
                .collect();
            let dt = if *a.dtype() == DType::Complex64 || *a.dtype() == DType::Float32 {
                DType::Float32
            } else {
                DType::Float64
            };
            let out = NdArray::from_scalars(&a.shape(), DType::Float64, &vals)?;
            scalarize(kernels::cast(&out, &dt)?)
        }
        "iscomplexobj" => Value::Bool(cplx),
        "isrealobj" => Value::Bool(!cplx),
        // `isreal` is `imag(x) == 0`; a Python number has `.imag`, so the
        // comparison is Python's.
        "isreal"
            if matches!(
                v,
                Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::Complex(..)
            ) =>
        {
            Value::Bool(!matches!(v, Value::Complex(_, im) if *im != 0.0))
        }
        // A string array's imag is empty
        // strings, which never equal 0.
        "isreal" if matches!(a.dtype().native(), DType::Str(_) | DType::Bytes(_)) => {
            let vals = vec![Scalar::Bool(false); a.size()];
            scalarize(NdArray::from_scalars(&a.shape(), DType::Bool, &vals)?)
        }
        "iscomplex" | "isreal" => {
            let want_complex = name == "iscomplex";
            let vals: Vec<Scalar> = a
                .to_scalars()
                .iter()
                .map(|s| {
                    let im = matches!(s, Scalar::Complex(_, i) if *i != 0.0);
                    Scalar::Bool(im == want_complex)
                })
                .collect();
            scalarize(NdArray::from_scalars(&a.shape(), DType::Bool, &vals)?)
        }
        other => return Err(PyError::attribute("module", other)),
    })
}

/// Apply a complex function element by element, keeping the dtype.
fn map_complex(a: &ArrayRef, name: &str) -> PyResult<ArrayRef> {
    let single = *a.dtype() == DType::Complex64;
    let vals: Vec<Scalar> = a
        .to_scalars()
        .iter()
        .map(|s| {
            let z = match s {
                Scalar::Complex(r, i) => (*r, *i),
                other => (crate::engine::element::scalar_as_f64(other), 0.0),
            };
            let (r, i) = complex_math(name, z).unwrap_or((f64::NAN, f64::NAN));
            if single {
                Scalar::Complex(r as f32 as f64, i as f32 as f64)
            } else {
                Scalar::Complex(r, i)
            }
        })
        .collect();
    Ok(NdArray::from_scalars(&a.shape(), a.dtype().clone(), &vals)?)
}

/// The float dtype NumPy's float ufuncs (`sqrt`, `exp`...) give an input
/// dtype: small ints and bools go to float16, 16-bit ints to float32.
pub fn float_ufunc_dtype(dt: &DType) -> DType {
    match dt {
        DType::Bool | DType::Int8 | DType::UInt8 | DType::Float16 => DType::Float16,
        DType::Int16 | DType::UInt16 | DType::Float32 => DType::Float32,
        DType::Complex64 => DType::Complex64,
        DType::Complex128 => DType::Complex128,
        _ => DType::Float64,
    }
}

/// `np.sqrt`/`exp`/`log`/`sin`/`cos` of a complex array, if it is one.
pub fn complex_ufunc(a: &ArrayRef, name: &str) -> Option<PyResult<ArrayRef>> {
    is_complex(a.dtype()).then(|| {
        if complex_math(name, (0.0, 0.0)).is_none() {
            return Err(PyError::type_error(format!(
                "ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
            )));
        }
        map_complex(a, name)
    })
}
/// Apply an f64 function elementwise; float32 stays float32, ints become float64.
pub fn unary_float(a: &ArrayRef, f: impl Fn(f64) -> f64 + Sync + Send) -> PyResult<ArrayRef> {
    let dt = super::complex_fns::float_ufunc_dtype(a.dtype());
    let src = kernels::cast(a, &DType::Float64)?;
    let out = kernels::map_f64(&src, f)?;
    Ok(kernels::cast(&out, &dt)?)
}

/// `np.sqrt`/`exp`/`log`/`sin`/`cos` of a float32 array in float32, as
/// NumPy's float32 loops compute them (`engine::simd_f32`; `sqrt` is
/// correctly rounded either way).
pub fn unary_f32(a: &ArrayRef, name: &str) -> PyResult<ArrayRef> {
    use crate::engine::simd_f32::{Func, map_slice};
    let kept = |out| crate::engine::kept_order::kept_like(out, &[a]);
    let f = match name {
        "sqrt" => return Ok(kept(kernels::map_f32(a, f32::sqrt)?)?),
        "exp" => Func::Exp,
        "log" => Func::Log,
        "sin" => Func::Sin,
        _ => Func::Cos,
    };
    Ok(kept(kernels::map_f32_runs(a, |xs, zs| {
        map_slice(f, xs, zs)
    })?)?)
}
