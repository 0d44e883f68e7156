//! Arithmetic and comparisons of Python's `datetime.date`,
//! `datetime.datetime` and `datetime.timedelta` values (`Obj::PyTime`), as
//! CPython's `_datetimemodule.c` computes them: dates through their
//! proleptic Gregorian ordinals, timedeltas as whole microseconds
//! (normalised to days, seconds in 0..86400 and microseconds in
//! 0..1000000), float factors through their exact integer ratio with
//! round-half-even. Also the calendar helpers the constructors and the
//! methods share.

use crate::engine::kernels::CompareOp;
use crate::syntax::ast::{BinOp, UnaryOp};

use super::error::{PyError, PyResult};
use super::object::{Obj, PyTime, object};
use super::value::Value;

/// `datetime.MINYEAR`.
pub const MINYEAR: i64 = 1;
/// `datetime.MAXYEAR`.
pub const MAXYEAR: i64 = 9999;
/// `date.max.toordinal()`.
pub const MAX_ORDINAL: i64 = 3_652_059;
/// The largest magnitude of a timedelta's days.
pub const MAX_DELTA_DAYS: i64 = 999_999_999;
/// Microseconds in a second.
pub const US_PER_SECOND: i128 = 1_000_000;
/// Microseconds in a day.
pub const US_PER_DAY: i128 = 86_400 * US_PER_SECOND;

/// A Gregorian leap year.
pub fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// Days in month `m` of year `y`.
pub fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn days_before_year(y: i64) -> i64 {
    let y = y - 1;
    y * 365 + y / 4 - y / 100 + y / 400
}

/// Days in year `y` before month `m`.
pub fn days_before_month(y: i64, m: i64) -> i64 {
    (1..m).map(|k| days_in_month(y, k)).sum()
}

/// The proleptic Gregorian ordinal (1 is 0001-01-01).
pub fn ymd_to_ord(y: i64, m: i64, d: i64) -> i64 {
    days_before_year(y) + days_before_month(y, m) + d
}

/// CPython's `ord_to_ymd`.
pub fn ord_to_ymd(n: i64) -> (i64, i64, i64) {
    let mut n = n - 1;
    let n400 = n.div_euclid(146_097);
    n = n.rem_euclid(146_097);
    let mut year = n400 * 400 + 1;
    let n100 = n / 36_524;
    n %= 36_524;
    let n4 = n / 1_461;
    n %= 1_461;
    let n1 = n / 365;
    n %= 365;
    year += n100 * 100 + n4 * 4 + n1;
    if n1 == 4 || n100 == 4 {
        return (year - 1, 12, 31);
    }
    let mut month = 1;
    while n >= days_in_month(year, month) {
        n -= days_in_month(year, month);
        month += 1;
    }
    (year, month, n + 1)
}

/// Which of the three values `v` is.
pub fn of(v: &Value) -> Option<&PyTime> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::PyTime(t) => Some(t),
            _ => None,
        },
        _ => None,
    }
}

/// The Python object holding `t`.
pub fn wrap(t: PyTime) -> Value {
    object(Obj::PyTime(t))
}

/// The date of ordinal `ord`, or CPython's OverflowError.
pub fn date_value(ord: i64) -> PyResult<Value> {
    if !(1..=MAX_ORDINAL).contains(&ord) {
        return Err(PyError::overflow("date value out of range"));
    }
    let (y, m, d) = ord_to_ymd(ord);
    Ok(wrap(PyTime::Date(y, m as i32, d as i32)))
}

/// A datetime from microseconds since 0001-01-01T00:00 minus one day
/// (ordinal days).
pub fn datetime_value(total: i128) -> PyResult<Value> {
    let ord = total.div_euclid(US_PER_DAY);
    let rest = total.rem_euclid(US_PER_DAY) as i64;
    if !(1..=MAX_ORDINAL as i128).contains(&ord) {
        return Err(PyError::overflow("date value out of range"));
    }
    let (y, m, d) = ord_to_ymd(ord as i64);
    let secs = rest / 1_000_000;
    Ok(wrap(PyTime::DateTime([
        y,
        m,
        d,
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        rest % 1_000_000,
    ])))
}

/// A datetime's microseconds on the scale of [`datetime_value`].
pub fn datetime_us(f: &[i64; 7]) -> i128 {
    let ord = ymd_to_ord(f[0], f[1], f[2]) as i128;
    ord * US_PER_DAY + ((f[3] * 3600 + f[4] * 60 + f[5]) as i128) * US_PER_SECOND + f[6] as i128
}

/// A timedelta's total microseconds.
pub fn delta_us(d: i64, s: i64, us: i64) -> i128 {
    d as i128 * US_PER_DAY + s as i128 * US_PER_SECOND + us as i128
}

fn too_large() -> PyError {
    PyError::overflow("Python int too large to convert to C int")
}

/// CPython's `microseconds_to_delta`: normalised, or its OverflowError.
pub fn delta_value(us: i128) -> PyResult<Value> {
    let days = us.div_euclid(US_PER_DAY);
    let rest = us.rem_euclid(US_PER_DAY) as i64;
    if days.unsigned_abs() > i32::MAX as u128 {
        return Err(too_large());
    }
    if days.unsigned_abs() > MAX_DELTA_DAYS as u128 {
        return Err(PyError::overflow(format!(
            "days={days}; must have magnitude <= 999999999"
        )));
    }
    Ok(wrap(PyTime::Delta(
        days as i64,
        rest / 1_000_000,
        rest % 1_000_000,
    )))
}

/// Python's `a // b` (floor); `b != 0`.
pub fn floor_div(a: i128, b: i128) -> i128 {
    let q = a / b;
    if a % b != 0 && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

/// `a / b` rounded half to even (CPython's `divide_nearest`); `b != 0`.
pub fn divide_nearest(a: i128, b: i128) -> i128 {
    let q = floor_div(a, b);
    // The remainder has the sign of `b`: the quotient rounds up past half.
    let (twice, babs) = (2 * (a - q * b).abs(), b.abs());
    if twice > babs || (twice == babs && q.rem_euclid(2) == 1) {
        q + 1
    } else {
        q
    }
}

/// A float's exact ratio (`float.as_integer_ratio`) when both parts fit:
/// `Ok(None)` stands for a ratio whose denominator is past 2**121 (any
/// timedelta times it rounds to zero).
fn ratio(f: f64) -> PyResult<Option<(i128, i128)>> {
    if f.is_nan() {
        return Err(PyError::value("cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(PyError::overflow(
            "cannot convert Infinity to integer ratio",
        ));
    }
    if f == 0.0 {
        return Ok(Some((0, 1)));
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = (bits & ((1 << 52) - 1)) as i128;
    let (mut m, mut e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), exp - 1075)
    };
    while m & 1 == 0 && e < 0 {
        m >>= 1;
        e += 1;
    }
    if f < 0.0 {
        m = -m;
    }
    if e >= 0 {
        if e > 70 {
            return Err(too_large());
        }
        Ok(Some((m << e, 1)))
    } else if -e > 121 {
        Ok(None)
    } else {
        Ok(Some((m, 1i128 << -e)))
    }
}

fn float_of(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(*f),
        Value::NpScalar(crate::engine::DType::Float64, crate::engine::Scalar::Float(f)) => Some(*f),
        _ => None,
    }
}

fn int_of(v: &Value) -> Option<i128> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i128),
        _ => None,
    }
}

fn mul_float(us: i128, f: f64) -> PyResult<Value> {
    if us == 0 && f.is_finite() {
        return delta_value(0);
    }
    match ratio(f)? {
        None => delta_value(0),
        Some((n, d)) => delta_value(divide_nearest(us.checked_mul(n).ok_or_else(too_large)?, d)),
    }
}

fn unsupported(op: BinOp, a: &Value, b: &Value) -> PyError {
    PyError::type_error(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        op.error_symbol(),
        a.type_name(),
        b.type_name()
    ))
}

/// `a OP b` when either operand is a Python datetime value and neither is
/// NumPy's; `None` when this file does not apply.
pub fn binary(op: BinOp, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    let (x, y) = (of(a), of(b));
    if x.is_none() && y.is_none() {
        return None;
    }
    // A sequence repeated by a timedelta is the sequence's own error,
    // naming the timedelta's type.
    let sequence = |v: &Value| {
        matches!(
            v,
            Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_)
        )
    };
    let repeat_by = match (&x, &y) {
        (Some(PyTime::Delta(..)), _) if sequence(b) => Some(a),
        (_, Some(PyTime::Delta(..))) if sequence(a) => Some(b),
        _ => None,
    };
    if let (BinOp::Mul, Some(delta)) = (op, repeat_by) {
        return Some(Err(PyError::type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            delta.type_name()
        ))));
    }
    Some(compute(op, a, b, x, y).unwrap_or_else(|| Err(unsupported(op, a, b))))
}

fn compute(
    op: BinOp,
    a: &Value,
    b: &Value,
    x: Option<&PyTime>,
    y: Option<&PyTime>,
) -> Option<PyResult<Value>> {
    use PyTime::{Date, DateTime, Delta};
    let ord = |y: &i64, m: &i32, d: &i32| ymd_to_ord(*y, i64::from(*m), i64::from(*d));
    Some(match (op, x, y) {
        (BinOp::Add, Some(Date(yy, m, d)), Some(Delta(days, ..)))
        | (BinOp::Add, Some(Delta(days, ..)), Some(Date(yy, m, d))) => {
            date_value(ord(yy, m, d) + days)
        }
        (BinOp::Sub, Some(Date(yy, m, d)), Some(Delta(days, ..))) => {
            date_value(ord(yy, m, d) - days)
        }
        (BinOp::Sub, Some(Date(y1, m1, d1)), Some(Date(y2, m2, d2))) => {
            delta_value((ord(y1, m1, d1) - ord(y2, m2, d2)) as i128 * US_PER_DAY)
        }
        (BinOp::Add, Some(DateTime(f)), Some(Delta(d, s, us)))
        | (BinOp::Add, Some(Delta(d, s, us)), Some(DateTime(f))) => {
            datetime_value(datetime_us(f) + delta_us(*d, *s, *us))
        }
        (BinOp::Sub, Some(DateTime(f)), Some(Delta(d, s, us))) => {
            datetime_value(datetime_us(f) - delta_us(*d, *s, *us))
        }
        (BinOp::Sub, Some(DateTime(f)), Some(DateTime(g))) => {
            delta_value(datetime_us(f) - datetime_us(g))
        }
        (_, Some(Delta(d1, s1, u1)), Some(Delta(d2, s2, u2))) => {
            let (p, q) = (delta_us(*d1, *s1, *u1), delta_us(*d2, *s2, *u2));
            match op {
                BinOp::Add => delta_value(p + q),
                BinOp::Sub => delta_value(p - q),
                BinOp::Div if q == 0 => Err(PyError::new("ZeroDivisionError", "division by zero")),
                BinOp::Div => Ok(Value::Float(super::int_true_div::int_true_div(p, q))),
                BinOp::FloorDiv | BinOp::Mod if q == 0 => Err(PyError::new(
                    "ZeroDivisionError",
                    if op == BinOp::Mod {
                        "integer modulo by zero"
                    } else {
                        "integer division or modulo by zero"
                    },
                )),
                BinOp::FloorDiv => Ok(Value::Int(floor_div(p, q))),
                BinOp::Mod => delta_value(p - q * floor_div(p, q)),
                _ => return None,
            }
        }
        (BinOp::Mul, Some(Delta(d, s, us)), None) | (BinOp::Mul, None, Some(Delta(d, s, us))) => {
            let other = if x.is_some() { b } else { a };
            let total = delta_us(*d, *s, *us);
            if let Some(n) = int_of(other) {
                total
                    .checked_mul(n)
                    .map_or_else(|| Err(too_large()), delta_value)
            } else if let Value::BigInt(_) = other {
                if total == 0 {
                    delta_value(0)
                } else {
                    Err(too_large())
                }
            } else if let Some(f) = float_of(other) {
                mul_float(total, f)
            } else {
                return None;
            }
        }
        (BinOp::Div | BinOp::FloorDiv, Some(Delta(d, s, us)), None) => {
            let total = delta_us(*d, *s, *us);
            if let Some(n) = int_of(b) {
                if n == 0 {
                    Err(PyError::new(
                        "ZeroDivisionError",
                        "integer division or modulo by zero",
                    ))
                } else if op == BinOp::Div {
                    delta_value(divide_nearest(total, n))
                } else {
                    delta_value(floor_div(total, n))
                }
            } else if let (BinOp::Div, Some(f)) = (op, float_of(b)) {
                match ratio(f) {
                    Err(e) => Err(e),
                    Ok(Some((0, _))) => Err(PyError::new(
                        "ZeroDivisionError",
                        "integer division or modulo by zero",
                    )),
                    Ok(Some((n, den))) => match total.checked_mul(den) {
                        Some(p) => delta_value(divide_nearest(p, n)),
                        None => Err(too_large()),
                    },
                    Ok(None) => Err(too_large()),
                }
            } else {
                return None;
            }
        }
        _ => return None,
    })
}

/// `-td`, `+td` (and `+`/`-`/`~` refused on dates as Python refuses them).
pub fn unary(op: UnaryOp, v: &Value) -> Option<PyResult<Value>> {
    let t = of(v)?;
    Some(match (op, t) {
        (UnaryOp::Neg, PyTime::Delta(d, s, us)) => delta_value(-delta_us(*d, *s, *us)),
        (UnaryOp::Pos, PyTime::Delta(..)) => Ok(v.clone()),
        (UnaryOp::Not, _) => return None,
        _ => Err(PyError::type_error(format!(
            "bad operand type for unary {}: '{}'",
            match op {
                UnaryOp::Neg => "-",
                UnaryOp::Pos => "+",
                _ => "~",
            },
            v.type_name()
        ))),
    })
}

/// `abs(td)`; `None` for other values.
pub fn abs(v: &Value) -> Option<PyResult<Value>> {
    Some(match of(v)? {
        PyTime::Delta(d, s, us) => delta_value(delta_us(*d, *s, *us).abs()),
        _ => Err(PyError::type_error(format!(
            "bad operand type for abs(): '{}'",
            v.type_name()
        ))),
    })
}

/// The NumPy scalar NumPy makes of a Python datetime value (a date as
/// `datetime64[D]`, a datetime as `datetime64[us]`, a timedelta as
/// `timedelta64[us]`), when it is of the kind asked for (`delta`).
pub fn to_numpy(v: &Value, delta: bool) -> Option<Value> {
    use crate::engine::datetime::{Base, TimeUnit};
    const EPOCH: i64 = 719_163;
    let (base, n) = match (of(v)?, delta) {
        (PyTime::Date(y, m, d), false) => (
            Base::D,
            ymd_to_ord(*y, i64::from(*m), i64::from(*d)) - EPOCH,
        ),
        (PyTime::DateTime(f), false) => (
            Base::Us,
            (datetime_us(f) - EPOCH as i128 * US_PER_DAY) as i64,
        ),
        (PyTime::Delta(d, s, us), true) => (Base::Us, delta_us(*d, *s, *us) as i64),
        _ => return None,
    };
    Some(Value::NpScalar(
        crate::engine::DType::Time(TimeUnit::of(base), delta),
        crate::engine::Scalar::Int(n),
    ))
}

/// Microseconds on one scale per kind, for ordering.
fn key(t: &PyTime) -> i128 {
    match t {
        PyTime::Date(y, m, d) => ymd_to_ord(*y, i64::from(*m), i64::from(*d)) as i128,
        PyTime::DateTime(f) => datetime_us(f),
        PyTime::Delta(d, s, us) => delta_us(*d, *s, *us),
    }
}

fn kind(t: &PyTime) -> u8 {
    match t {
        PyTime::Date(..) => 0,
        PyTime::DateTime(_) => 1,
        PyTime::Delta(..) => 2,
    }
}

/// `a == b` when either is a datetime value.
pub fn equal(a: &Value, b: &Value) -> Option<bool> {
    let (x, y) = (of(a), of(b));
    match (x, y) {
        (Some(x), Some(y)) => Some(kind(x) == kind(y) && key(x) == key(y)),
        (Some(_), None) | (None, Some(_)) => Some(false),
        _ => None,
    }
}

/// `<`, `<=`, `>`, `>=` between two datetime values; `None` when this
/// file does not apply (the caller's TypeError names the types).
pub fn order(op: CompareOp, a: &Value, b: &Value) -> Option<PyResult<bool>> {
    let (x, y) = (of(a)?, of(b)?);
    let (kx, ky) = (kind(x), kind(y));
    if kx != ky {
        if kx + ky == 1 {
            return Some(Err(PyError::type_error(
                "can't compare datetime.datetime to datetime.date",
            )));
        }
        return None;
    }
    let o = key(x).cmp(&key(y));
    use std::cmp::Ordering::*;
    Some(Ok(match op {
        CompareOp::Lt => o == Less,
        CompareOp::Le => o != Greater,
        CompareOp::Gt => o == Greater,
        CompareOp::Ge => o != Less,
        CompareOp::Eq => o == Equal,
        CompareOp::Ne => o != Equal,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_round_trip() {
        for n in [1, 2, 365, 366, 730_120, 738_946, MAX_ORDINAL] {
            let (y, m, d) = ord_to_ymd(n);
            assert_eq!(ymd_to_ord(y, m, d), n);
        }
        assert_eq!(ymd_to_ord(2024, 3, 1), 738_946);
    }

    #[test]
    fn nearest_is_half_even() {
        assert_eq!(divide_nearest(5, 2), 2);
        assert_eq!(divide_nearest(7, 2), 4);
        assert_eq!(divide_nearest(-5, 2), -2);
        assert_eq!(divide_nearest(-7, 2), -4);
        assert_eq!(divide_nearest(5, -2), -2);
        assert_eq!(divide_nearest(7, -2), -4);
        assert_eq!(divide_nearest(8, 3), 3);
    }
}
