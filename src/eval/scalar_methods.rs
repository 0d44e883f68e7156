//! Methods of NumPy scalars beyond the array ones: `round`, and the
//! Python number methods NumPy's float and integer scalars carry
//! (`is_integer`, `as_integer_ratio`, `bit_count`), computed exactly as
//! CPython's `float`/`int` methods (NumPy's scalars defer to them on the
//! value widened to a double).

use crate::engine::dtype::{DType, Kind};
use crate::engine::element::scalar_as_f64;
use crate::engine::{NdArray, Scalar};

use super::error::{PyError, PyResult};
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::scalarize;

/// The methods this module answers, by scalar kind.
pub fn has(dt: &DType, name: &str) -> bool {
    match dt.kind() {
        Kind::Float => matches!(name, "round" | "is_integer" | "as_integer_ratio"),
        Kind::Int | Kind::UInt => matches!(name, "round" | "is_integer" | "bit_count"),
        Kind::Bool | Kind::Complex => name == "round",
        _ => false,
    }
}

/// Call `x.NAME(...)` on the NumPy scalar `x` of type `dt`.
pub fn call(dt: &DType, sc: &Scalar, name: &str, args: &Args) -> PyResult<Value> {
    let no_args = || -> PyResult<()> {
        if args.pos.is_empty() && args.kw.is_empty() {
            Ok(())
        } else {
            Err(PyError::type_error(format!(
                "{}.{name}() takes no arguments ({} given)",
                dt.name(),
                args.pos.len() + args.kw.len()
            )))
        }
    };
    match name {
        "round" => {
            let d = match args.get(0, "decimals") {
                None | Some(Value::None) => 0,
                Some(v) => crate::eval::coerce::int_arg(v, "")?,
            };
            let a = NdArray::from_scalars(&[], dt.clone(), std::slice::from_ref(sc))?;
            Ok(scalarize(super::math_routines::round(&a, d)?))
        }
        "is_integer" => {
            no_args()?;
            let v = scalar_as_f64(sc);
            Ok(Value::Bool(
                dt.kind() != Kind::Float || (v.is_finite() && v == v.trunc()),
            ))
        }
        "bit_count" => {
            no_args()?;
            let n = match sc {
                Scalar::Int(i) => i.unsigned_abs().count_ones(),
                Scalar::UInt(u) => u.count_ones(),
                _ => 0,
            };
            Ok(Value::Int(i128::from(n)))
        }
        _ => {
            no_args()?;
            as_integer_ratio(scalar_as_f64(sc))
        }
    }
}

/// CPython's `float.as_integer_ratio`: the exact value as a reduced
/// fraction with a positive power-of-two denominator.
pub(super) fn as_integer_ratio(v: f64) -> PyResult<Value> {
    if v.is_nan() {
        return Err(PyError::value("cannot convert NaN to integer ratio"));
    }
    if v.is_infinite() {
        return Err(PyError::new(
            "OverflowError",
            "cannot convert Infinity to integer ratio",
        ));
    }
    if v == 0.0 {
        return Ok(Value::tuple(vec![Value::Int(0), Value::Int(1)]));
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let mut mant = i128::from(bits & ((1u64 << 52) - 1));
    let mut e = if exp == 0 {
        -1074
    } else {
        mant |= 1 << 52;
        exp - 1075
    };
    while mant & 1 == 0 && e < 0 {
        mant >>= 1;
        e += 1;
    }
    let sign = if v < 0.0 { -1 } else { 1 };
    if e >= 0 {
        let num = mant.checked_shl(e as u32).filter(|n| n >> e == mant);
        return match num {
            Some(n) => Ok(Value::tuple(vec![Value::Int(sign * n), Value::Int(1)])),
            None => Err(PyError::new(
                "NotImplementedError",
                "slicelab's integers stop at 2**127",
            )),
        };
    }
    if -e >= 127 {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's integers stop at 2**127",
        ));
    }
    Ok(Value::tuple(vec![
        Value::Int(sign * mant),
        Value::Int(1i128 << (-e)),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_are_exact_and_reduced() {
        let r = |v: f64| match as_integer_ratio(v) {
            Ok(Value::Tuple(t)) => match (&t[0], &t[1]) {
                (Value::Int(n), Value::Int(d)) => (*n, *d),
                _ => (0, 0),
            },
            _ => (0, 0),
        };
        assert_eq!(r(1.5), (3, 2));
        assert_eq!(r(-0.25), (-1, 4));
        assert_eq!(r(8.0), (8, 1));
    }
}
