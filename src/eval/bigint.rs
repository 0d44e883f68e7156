//! Python ints beyond i128 (`2**200`, `math.factorial(50)`): the big form
//! `Value::BigInt` and the arithmetic CPython's longobject does on it.
//! `Value::Int` stays the common case; every result here goes back
//! through [`value`], so a big int that shrinks is an `Int` again.
//! Conversions to float round once, to nearest with ties to even, as
//! `PyLong_AsDouble` and `long_true_divide` do; comparisons with floats
//! are exact, as `float_richcompare`'s are.

use std::cmp::Ordering;
use std::rc::Rc;

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{FromPrimitive, Signed, ToPrimitive, Zero};

use super::error::{PyError, PyResult};
use super::value::Value;
use crate::syntax::ast::BinOp;

/// CPython 3.11's default `sys.get_int_max_str_digits()`.
pub const MAX_STR_DIGITS: usize = 4300;

/// The Python int `b` is: `Int` when it fits i128, else `BigInt`.
pub fn value(b: BigInt) -> Value {
    match b.to_i128() {
        Some(i) => Value::Int(i),
        None => Value::BigInt(Rc::new(b)),
    }
}

/// A Python int (or bool) as a big integer; `None` for anything else.
pub fn of(v: &Value) -> Option<BigInt> {
    match v {
        Value::Bool(b) => Some(BigInt::from(*b as u8)),
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::BigInt(b) => Some(b.as_ref().clone()),
        _ => None,
    }
}

/// `float(b)`, correctly rounded; CPython's OverflowError past float range.
pub fn to_f64(b: &BigInt) -> PyResult<f64> {
    let q = rounded_quotient(b.magnitude(), &BigUint::from(1u8))
        .ok_or_else(|| PyError::overflow("int too large to convert to float"))?;
    Ok(if b.sign() == Sign::Minus { -q } else { q })
}

/// `a / b` for ints, the exact quotient rounded once (`long_true_divide`).
pub fn true_div(a: &BigInt, b: &BigInt) -> PyResult<f64> {
    if b.is_zero() {
        return Err(PyError::new("ZeroDivisionError", "division by zero"));
    }
    let q = rounded_quotient(a.magnitude(), b.magnitude())
        .ok_or_else(|| PyError::overflow("integer division result too large for a float"))?;
    Ok(if (a.sign() == Sign::Minus) != (b.sign() == Sign::Minus) {
        -q
    } else {
        q
    })
}

/// `a / b` (`b > 0`) rounded to the nearest double, ties to even, also
/// into the subnormal range; `None` when it is past the largest double.
fn rounded_quotient(a: &BigUint, b: &BigUint) -> Option<f64> {
    if a.is_zero() {
        return Some(0.0);
    }
    // The quotient lies in [2**(guess-1), 2**(guess+1)). Scaling by 2**-k
    // keeps at least two bits below the last one the result can hold.
    let guess = a.bits() as i64 - b.bits() as i64;
    let k = (guess - 55).max(-1076);
    let (num, den) = if k >= 0 {
        (a.clone(), b << (k as u64))
    } else {
        (a << ((-k) as u64), b.clone())
    };
    let (n, r) = num.div_rem(&den);
    // n < 2**56 by the choice of k.
    let n = n.to_u64()?;
    let top = 63 - n.leading_zeros() as i64 + k;
    let mut unit = (top - 52).max(-1074);
    let drop = (unit - k) as u32;
    let mut m = n >> drop;
    let low = n & ((1u64 << drop) - 1);
    let half = 1u64 << (drop - 1);
    if low > half || (low == half && (!r.is_zero() || m & 1 == 1)) {
        m += 1;
    }
    if m == 1 << 53 {
        m >>= 1;
        unit += 1;
    }
    if m != 0 && 63 - m.leading_zeros() as i64 + unit > 1023 {
        return None;
    }
    // Two exact power-of-two steps: 2**unit alone may not be a double.
    let first = unit / 2;
    Some(m as f64 * 2f64.powi(first as i32) * 2f64.powi((unit - first) as i32))
}

/// An int compared with a float, exactly (`float_richcompare`): `None`
/// against NaN.
pub fn cmp_float(i: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let whole = f.trunc();
    let w = BigInt::from_f64(whole)?;
    Some(match i.cmp(&w) {
        Ordering::Equal if f > whole => Ordering::Less,
        Ordering::Equal if f < whole => Ordering::Greater,
        other => other,
    })
}

/// Two real Python numbers (bools, ints, floats) compared exactly, as
/// CPython compares them; the inner `None` is NaN's "unordered", the outer
/// `None` says one of them is not such a number.
pub fn compare(a: &Value, b: &Value) -> Option<Option<Ordering>> {
    let small = |v: &Value| match v {
        Value::Bool(x) => Some(*x as i128),
        Value::Int(i) => Some(*i),
        _ => None,
    };
    Some(match (a, b) {
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y),
        (Value::Float(_), _) => compare(b, a)?.map(Ordering::reverse),
        (_, Value::Float(f)) => match small(a) {
            // Ints up to 2**53 are exact as floats.
            Some(i) if i.unsigned_abs() <= 1 << 53 => (i as f64).partial_cmp(f),
            _ => cmp_float(&of(a)?, *f),
        },
        _ => match (small(a), small(b)) {
            (Some(i), Some(j)) => Some(i.cmp(&j)),
            _ => Some(of(a)?.cmp(&of(b)?)),
        },
    })
}

/// CPython's `hash(int)`: the value modulo 2**61 - 1, keeping the sign.
pub fn hash(b: &BigInt) -> i64 {
    const MODULUS: u64 = (1 << 61) - 1;
    let m = (b.magnitude() % MODULUS).to_i64().unwrap_or(0);
    let h = if b.sign() == Sign::Minus { -m } else { m };
    if h == -1 { -2 } else { h }
}

/// The limit error `str(int)` raises past 4300 digits.
pub fn str_limit_error() -> PyError {
    PyError::value(format!(
        "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
    ))
}

/// Whether `b`'s decimal text has more digits than CPython converts.
pub fn too_many_digits(b: &BigInt) -> bool {
    // A number of `bits` bits has at most bits * log10(2) + 1 digits.
    let bits = b.bits();
    if (bits as f64) * std::f64::consts::LOG10_2 + 1.0 < MAX_STR_DIGITS as f64 {
        return false;
    }
    b.magnitude().to_str_radix(10).len() > MAX_STR_DIGITS
}

/// Whether `v` is, or holds inside lists, tuples and dicts, an int whose
/// decimal text CPython refuses to make (`repr` raises then).
pub fn holds_unprintable(v: &Value, depth: usize) -> bool {
    if depth > 20 {
        return false;
    }
    match v {
        Value::BigInt(b) => too_many_digits(b),
        Value::List(l) => l.borrow().iter().any(|x| holds_unprintable(x, depth + 1)),
        Value::Tuple(t) => t.iter().any(|x| holds_unprintable(x, depth + 1)),
        Value::Dict(d) => d
            .borrow()
            .iter()
            .any(|(k, x)| holds_unprintable(k, depth + 1) || holds_unprintable(x, depth + 1)),
        _ => false,
    }
}

/// The result of `bits` bits, or Python's bare MemoryError when no
/// allocation could hold it.
fn room_for(bits: u128) -> PyResult<()> {
    let bytes = usize::try_from(bits / 8 + 1).ok();
    if bytes.is_some_and(crate::engine::buffer::may_allocate) {
        Ok(())
    } else {
        Err(PyError::new("MemoryError", ""))
    }
}

/// An int operator on two ints, at least one of them past i128 or the
/// i128 result overflowing (`int_op` in `ops.rs` calls this then).
pub fn binary(op: BinOp, x: &BigInt, y: &BigInt) -> PyResult<Value> {
    use BinOp as B;
    Ok(match op {
        B::Add => value(x + y),
        B::Sub => value(x - y),
        B::Mul => {
            room_for(x.bits() as u128 + y.bits() as u128)?;
            value(x * y)
        }
        B::Div => Value::Float(true_div(x, y)?),
        B::FloorDiv | B::Mod => {
            if y.is_zero() {
                return Err(int_zero_division(op));
            }
            let (q, r) = x.div_mod_floor(y);
            value(if op == B::Mod { r } else { q })
        }
        B::Pow => pow(x, y)?,
        B::LShift => {
            if y.is_negative() {
                return Err(PyError::value("negative shift count"));
            }
            if x.is_zero() {
                return Ok(Value::Int(0));
            }
            let s = y
                .to_i64()
                .ok_or_else(|| PyError::overflow("too many digits in integer"))?;
            room_for(x.bits() as u128 + s as u128)?;
            value(x << (s as u64))
        }
        B::RShift => {
            if y.is_negative() {
                return Err(PyError::value("negative shift count"));
            }
            match y.to_u64().filter(|&s| s <= x.bits()) {
                // BigInt's `>>` rounds toward minus infinity, as Python's does.
                Some(s) => value(x >> s),
                None => Value::Int(if x.is_negative() { -1 } else { 0 }),
            }
        }
        B::BitAnd => value(x & y),
        B::BitOr => value(x | y),
        B::BitXor => value(x ^ y),
        B::MatMul => unreachable!("ops.rs refuses int @ int before"),
    })
}

/// CPython's error for `//` or `%` by an int zero.
pub fn int_zero_division(op: BinOp) -> PyError {
    PyError::new(
        "ZeroDivisionError",
        if op == BinOp::Mod {
            "integer modulo by zero"
        } else {
            "integer division or modulo by zero"
        },
    )
}

/// `x ** y` for ints: a float for a negative exponent (`long_pow` hands
/// it to `float_pow`), else exact.
fn pow(x: &BigInt, y: &BigInt) -> PyResult<Value> {
    if y.is_negative() {
        use super::py_complex::FloatPow;
        // An integral exponent keeps the power real.
        return Ok(
            match super::py_complex::float_pow(to_f64(x)?, to_f64(y)?)? {
                FloatPow::Real(r) => Value::Float(r),
                FloatPow::Complex((re, im)) => Value::Complex(re, im),
            },
        );
    }
    // 0, 1 and -1 stay small whatever the exponent.
    if x.is_zero() || x.magnitude() == &BigUint::from(1u8) {
        let odd = y.is_odd();
        return Ok(Value::Int(match x.to_i8() {
            Some(0) if y.is_zero() => 1,
            Some(0) => 0,
            Some(-1) if odd => -1,
            _ => 1,
        }));
    }
    let e = y.to_u64().ok_or_else(|| PyError::new("MemoryError", ""))?;
    room_for((x.bits() as u128).saturating_mul(e as u128))?;
    let e = u32::try_from(e).map_err(|_| PyError::new("MemoryError", ""))?;
    Ok(value(num_traits::pow::Pow::pow(x, e)))
}

/// `pow(x, y, m)`: CPython's three-argument pow, with a modular inverse
/// for a negative exponent.
pub fn pow_mod(x: &BigInt, y: &BigInt, m: &BigInt) -> PyResult<Value> {
    if m.is_zero() {
        return Err(PyError::value("pow() 3rd argument cannot be 0"));
    }
    let modulus = m.abs();
    let base = if y.is_negative() {
        inverse(&x.mod_floor(&modulus), &modulus)
            .ok_or_else(|| PyError::value("base is not invertible for the given modulus"))?
    } else {
        x.mod_floor(&modulus)
    };
    let r = base.modpow(&y.abs(), &modulus);
    // The result takes the modulus's sign, as `%` does.
    Ok(value(if m.is_negative() && !r.is_zero() {
        r + m
    } else {
        r
    }))
}

/// The inverse of `a` modulo `m` (`m > 0`), when `gcd(a, m) == 1`.
fn inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let e = a.extended_gcd(m);
    (e.gcd == BigInt::from(1)).then(|| e.x.mod_floor(m))
}

/// `round(x, ndigits)` for an int: itself for `ndigits >= 0`, else to the
/// nearest multiple of `10**-ndigits`, ties to even (`long_round`).
pub fn round_decimal(x: &BigInt, ndigits: &BigInt) -> Value {
    if !ndigits.is_negative() {
        return value(x.clone());
    }
    // Past x's digit count the power only grows: the result is 0.
    let places = (-ndigits).to_u64().filter(|&p| p <= x.bits() / 3 + 2);
    let Some(places) = places else {
        return Value::Int(0);
    };
    let unit = num_traits::pow(BigInt::from(10), places as usize);
    let (q, r) = x.div_mod_floor(&unit);
    let twice: BigInt = &r * 2;
    let up = twice > unit || (twice == unit && q.is_odd());
    value((q + BigInt::from(up as u8)) * unit)
}

/// An int literal past i128, as the parser hands it over: decimal digits.
pub fn literal(digits: &str) -> PyResult<Value> {
    digits.parse::<BigInt>().map(value).map_err(|_| {
        PyError::new(
            "SystemError",
            format!("slicelab's parser gave a malformed int literal {digits:?}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(s: &str) -> BigInt {
        s.parse().unwrap()
    }

    #[test]
    fn float_conversion_rounds_once_to_even() {
        let two = BigInt::from(2);
        assert_eq!(
            to_f64(&num_traits::pow(two.clone(), 200)).unwrap(),
            2f64.powi(200)
        );
        // 2**53 + 1 is a tie: rounds to the even 2**53.
        assert_eq!(
            to_f64(&big("9007199254740993")).unwrap(),
            9007199254740992.0
        );
        assert_eq!(
            to_f64(&big("9007199254740995")).unwrap(),
            9007199254740996.0
        );
        assert_eq!(
            to_f64(&-big("9007199254740993")).unwrap(),
            -9007199254740992.0
        );
        let max = BigInt::from_f64(f64::MAX).unwrap();
        assert_eq!(to_f64(&max).unwrap(), f64::MAX);
        // Past halfway to 2**1024 rounds up, which overflows.
        let past = num_traits::pow(two.clone(), 1024) - num_traits::pow(two.clone(), 970);
        assert!(to_f64(&past).is_err());
        let below = &past - 1;
        assert_eq!(to_f64(&below).unwrap(), f64::MAX);
    }

    #[test]
    fn true_division_as_long_true_divide() {
        let ten = BigInt::from(10);
        let a = num_traits::pow(ten.clone(), 400);
        let b = num_traits::pow(ten.clone(), 399);
        assert_eq!(true_div(&a, &b).unwrap(), 10.0);
        assert_eq!(true_div(&BigInt::from(1), &a).unwrap(), 0.0);
        assert!(true_div(&a, &BigInt::from(3)).is_err());
        // The smallest subnormal, and ties at the bottom of the range.
        let two = BigInt::from(2);
        let p1074 = num_traits::pow(two.clone(), 1074);
        assert_eq!(true_div(&BigInt::from(1), &p1074).unwrap(), 5e-324);
        assert_eq!(true_div(&BigInt::from(1), &(&p1074 * 2)).unwrap(), 0.0);
        assert_eq!(true_div(&BigInt::from(3), &(&p1074 * 2)).unwrap(), 1e-323);
        assert_eq!(
            true_div(&BigInt::from(1), &BigInt::from(3)).unwrap(),
            1.0 / 3.0
        );
    }

    #[test]
    fn exact_comparison_with_floats() {
        let n = big("9007199254740993");
        assert_eq!(cmp_float(&n, 9007199254740992.0), Some(Ordering::Greater));
        assert_eq!(cmp_float(&BigInt::from(2), 2.5), Some(Ordering::Less));
        assert_eq!(cmp_float(&BigInt::from(-3), -2.5), Some(Ordering::Less));
        assert_eq!(cmp_float(&BigInt::from(2), f64::NAN), None);
        let huge = big(&"9".repeat(400));
        assert_eq!(cmp_float(&huge, f64::INFINITY), Some(Ordering::Less));
        assert_eq!(cmp_float(&huge, f64::MAX), Some(Ordering::Greater));
    }

    #[test]
    fn hashes_as_cpython() {
        let two = BigInt::from(2);
        assert_eq!(hash(&num_traits::pow(two.clone(), 200)), 131072);
        assert_eq!(hash(&-num_traits::pow(two.clone(), 200)), -131072);
        assert_eq!(hash(&(num_traits::pow(two.clone(), 61) - 1)), 0);
        assert_eq!(hash(&BigInt::from(-1)), -2);
    }

    #[test]
    fn shifts_and_modular_power() {
        let two = BigInt::from(2);
        let p = num_traits::pow(two.clone(), 200);
        let r = binary(BinOp::RShift, &-p.clone(), &BigInt::from(190)).unwrap();
        assert!(matches!(r, Value::Int(-1024)));
        let r = binary(BinOp::RShift, &-p.clone(), &BigInt::from(1000)).unwrap();
        assert!(matches!(r, Value::Int(-1)));
        let r = pow_mod(&p, &BigInt::from(-1), &BigInt::from(1_000_000_007)).unwrap();
        assert!(matches!(r, Value::Int(824010717)));
        assert!(pow_mod(&two, &BigInt::from(-1), &BigInt::from(4)).is_err());
        let r = pow_mod(&BigInt::from(3), &BigInt::from(2), &BigInt::from(-7)).unwrap();
        assert!(matches!(r, Value::Int(-5)));
    }
}
