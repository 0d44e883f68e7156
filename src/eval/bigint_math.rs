//! The `math` module's integer functions on Python ints of any size
//! (`factorial`, `comb`, `perm`, `gcd`, `lcm`, `isqrt`) and its logarithms
//! of ints past float range, as CPython's `mathmodule.c` computes them.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::error::{PyError, PyResult};
use super::value::Value;

/// A Python int argument (`__index__`) of any size.
pub fn index(v: &Value) -> PyResult<BigInt> {
    match v {
        Value::BigInt(b) => Ok(b.as_ref().clone()),
        other => super::pyiter::index_int(other).map(BigInt::from),
    }
}

/// `math.factorial(n)`.
pub fn factorial(n: &BigInt) -> PyResult<Value> {
    if n.is_negative() {
        return Err(PyError::value(
            "factorial() not defined for negative values",
        ));
    }
    let n = n.to_i64().ok_or_else(|| {
        PyError::overflow("factorial() argument should not exceed 9223372036854775807")
    })?;
    let mut acc = BigInt::one();
    for k in 2..=n {
        acc *= k;
    }
    Ok(super::bigint::value(acc))
}

/// `math.comb(n, k)` and `math.perm(n, k)`.
pub fn comb_perm(comb: bool, n: &BigInt, k: &BigInt) -> PyResult<Value> {
    if n.is_negative() {
        return Err(PyError::value("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(PyError::value("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = if comb {
        k.min(&(n - k)).clone()
    } else {
        k.clone()
    };
    let k = k.to_i64().ok_or_else(|| {
        PyError::overflow(if comb {
            "min(n - k, k) must not exceed 9223372036854775807"
        } else {
            "k must not exceed 9223372036854775807"
        })
    })?;
    let mut acc = BigInt::one();
    for i in 0..k {
        acc *= n - i;
        if comb {
            acc /= i + 1;
        }
    }
    Ok(super::bigint::value(acc))
}

/// `math.gcd(*ints)` and `math.lcm(*ints)`.
pub fn gcd_lcm(gcd: bool, ns: &[BigInt]) -> Value {
    let mut acc = if gcd { BigInt::zero() } else { BigInt::one() };
    for n in ns {
        acc = if gcd {
            acc.gcd(n)
        } else if acc.is_zero() || n.is_zero() {
            BigInt::zero()
        } else {
            acc.lcm(n)
        };
    }
    super::bigint::value(acc)
}

/// `math.isqrt(n)`.
pub fn isqrt(n: &BigInt) -> PyResult<Value> {
    if n.is_negative() {
        return Err(PyError::value("isqrt() argument must be nonnegative"));
    }
    Ok(super::bigint::value(n.sqrt()))
}

/// `f(x)` for a logarithm `f` of a positive int, CPython's `loghelper`:
/// through the float when it converts, else `f(m) + f(2) * e` with
/// `x = m * 2**e`, `m` in [0.5, 1) rounded once.
pub fn log_of(x: &BigInt, f: fn(f64) -> f64) -> PyResult<f64> {
    if !x.is_positive() {
        return Err(PyError::value("math domain error"));
    }
    if let Ok(v) = super::bigint::to_f64(x) {
        return Ok(f(v));
    }
    let e = x.bits() as i64;
    let scale = BigInt::one() << (e as u64);
    let mut m = super::bigint::true_div(x, &scale)?;
    let mut e = e as f64;
    if m == 1.0 {
        m = 0.5;
        e += 1.0;
    }
    Ok(f(m) + f(2.0) * e)
}

/// CPython's errors for making an int of NaN or an infinity.
pub fn check_int_convertible(f: f64) -> PyResult<()> {
    if f.is_nan() {
        return Err(PyError::value("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(PyError::overflow(
            "cannot convert float infinity to integer",
        ));
    }
    Ok(())
}

/// `floor`, `ceil` or `trunc` of a float as a Python int of any size.
pub fn float_to_int(f: f64) -> PyResult<Value> {
    check_int_convertible(f)?;
    let t = f.trunc();
    if t.abs() < 2f64.powi(127) {
        return Ok(Value::Int(t as i128));
    }
    Ok(super::bigint::value(
        num_traits::FromPrimitive::from_f64(t).unwrap_or_default(),
    ))
}
