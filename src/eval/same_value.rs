//! `astype(..., casting='same_value')` (new in NumPy 2.4): any cast between
//! numeric types is allowed as long as every value survives it; the first
//! value that changes is a `ValueError` naming the two C types, as the
//! cast loops of `numpy/_core/src/multiarray/lowlevel_strided_loops.c.src`
//! report it. A value survives when casting it back gives it again (NaN
//! counts as itself); anything cast to bool survives; a complex value cast
//! to a real type must have a zero imaginary part.

use crate::engine::dtype::{DType, Kind};
use crate::engine::scalar::Scalar;
use crate::engine::{ArrayRef, kernels};

use super::error::{PyError, PyResult};

/// Refuse the cast of `a` to `to` under `casting='same_value'` where NumPy
/// does.
pub fn check(a: &ArrayRef, to: &DType) -> PyResult<()> {
    let from = a.dtype().native();
    let to_n = to.native();
    let (Some(src), Some(dst)) = (c_name(&from), c_name(&to_n)) else {
        return Err(crate::eval::cast_rules::cast_refused(
            a.dtype(),
            to,
            "same_value",
        ));
    };
    if to_n.kind() == Kind::Bool || from == to_n {
        return Ok(());
    }
    let there = kernels::cast(a, &to_n)?;
    let back = kernels::cast(&there, &from)?;
    let fail =
        |extra: &str| PyError::value(format!("could not cast 'same_value' {src} to {dst}{extra}"));
    let complex_to_real = from.kind() == Kind::Complex && to_n.kind() != Kind::Complex;
    // Between integer types a wrapped value can come back unchanged
    // (`uint64(2**63)` to int64 and back): compare the values themselves.
    let ints = matches!(from.kind(), Kind::Int | Kind::UInt)
        && matches!(to_n.kind(), Kind::Int | Kind::UInt);
    let as_int = |s: &Scalar| match s {
        Scalar::Int(i) => Some(*i as i128),
        Scalar::UInt(u) => Some(*u as i128),
        _ => None,
    };
    if ints {
        for (k, (x, t)) in a.to_scalars().iter().zip(there.to_scalars()).enumerate() {
            if k % 65536 == 0 {
                crate::engine::interrupt::check()?;
            }
            if as_int(x) != as_int(&t) {
                return Err(fail(""));
            }
        }
        return Ok(());
    }
    for (k, (x, y)) in a.to_scalars().iter().zip(back.to_scalars()).enumerate() {
        if k % 65536 == 0 {
            crate::engine::interrupt::check()?;
        }
        if complex_to_real && matches!(x, Scalar::Complex(_, im) if *im != 0.0) {
            return Err(fail(": imag is not 0"));
        }
        let same = match (x, &y) {
            (Scalar::Float(p), Scalar::Float(q)) => p == q || (p.is_nan() && q.is_nan()),
            (Scalar::Complex(p, i), Scalar::Complex(q, j)) => {
                let eq = |u: f64, v: f64| u == v || (u.is_nan() && v.is_nan());
                eq(*p, *q) && (complex_to_real || eq(*i, *j))
            }
            (p, q) => p == q,
        };
        if !same {
            return Err(fail(""));
        }
    }
    Ok(())
}

/// The C type name NumPy's message uses, for the numeric types.
fn c_name(dt: &DType) -> Option<&'static str> {
    Some(match dt {
        DType::Bool => "bool",
        DType::Int8 => "byte",
        DType::UInt8 => "ubyte",
        DType::Int16 => "short",
        DType::UInt16 => "ushort",
        DType::Int32 => "int",
        DType::UInt32 => "uint",
        DType::Int64 => "long",
        DType::UInt64 => "ulong",
        DType::Float16 => "half",
        DType::Float32 => "float",
        DType::Float64 => "double",
        DType::Complex64 => "cfloat",
        DType::Complex128 => "cdouble",
        _ => return None,
    })
}
