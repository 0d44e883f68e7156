//! Python's own `complex` arithmetic, step for step as CPython 3.11's
//! `complexobject.c` does it, so the last digits agree: division scales by
//! the larger part of the divisor (no overflow or underflow where the
//! naive formula has one), and powers with a small integer exponent
//! multiply by repeated squaring while others go through polar form.
//! Negative floats raised to fractional powers come here too, as in
//! CPython's `float_pow`.

use super::error::{PyError, PyResult};

/// A Python complex number as (real, imag).
pub type C = (f64, f64);

fn prod(a: C, b: C) -> C {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// `_Py_c_quot`; `None` for a zero divisor (CPython's `EDOM`).
fn quot(a: C, b: C) -> Option<C> {
    let (abs_re, abs_im) = (b.0.abs(), b.1.abs());
    if abs_re >= abs_im {
        if abs_re == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_im >= abs_re {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Some((f64::NAN, f64::NAN))
    }
}

/// `a / b`.
pub fn div(a: C, b: C) -> PyResult<C> {
    quot(a, b).ok_or_else(|| PyError::new("ZeroDivisionError", "complex division by zero"))
}

/// `_Py_c_pow`: polar form; `None` for zero to a negative or complex power.
fn pow_polar(a: C, b: C) -> Option<C> {
    if b == (0.0, 0.0) {
        return Some((1.0, 0.0));
    }
    if a == (0.0, 0.0) {
        return (b.1 == 0.0 && b.0 >= 0.0).then_some((0.0, 0.0));
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    Some((len * phase.cos(), len * phase.sin()))
}

/// `c_powu`: repeated squaring for a positive integer exponent.
fn pow_unsigned(x: C, n: i64) -> C {
    let (mut r, mut p, mut mask) = ((1.0, 0.0), x, 1i64);
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = prod(r, p);
        }
        mask <<= 1;
        p = prod(p, p);
    }
    r
}

/// `a ** b` as CPython's `complex_pow`.
pub fn pow(a: C, b: C) -> PyResult<C> {
    let int_exponent = b.0 as i64;
    let r = if b.1 == 0.0 && b.0 == int_exponent as f64 {
        match int_exponent {
            n if !(-100..=100).contains(&n) => pow_polar(a, b),
            n if n > 0 => Some(pow_unsigned(a, n)),
            n => quot((1.0, 0.0), pow_unsigned(a, -n)),
        }
    } else {
        pow_polar(a, b)
    };
    let r =
        r.ok_or_else(|| PyError::new("ZeroDivisionError", "0.0 to a negative or complex power"))?;
    if r.0.is_infinite() || r.1.is_infinite() {
        return Err(PyError::overflow("complex exponentiation"));
    }
    Ok(r)
}

/// What `float ** float` gives.
pub enum FloatPow {
    /// A float.
    Real(f64),
    /// A complex: a negative base to a fractional power.
    Complex(C),
}

/// Python's `float ** float` (`float_pow`): a complex result for a
/// negative base and a fractional exponent, `OverflowError` where the
/// result overflows, the special cases of C99's `pow` otherwise.
pub fn float_pow(x: f64, y: f64) -> PyResult<FloatPow> {
    if y == 0.0 {
        return Ok(FloatPow::Real(1.0));
    }
    if x.is_nan() || y.is_nan() || x.is_infinite() || y.is_infinite() {
        return Ok(FloatPow::Real(x.powf(y)));
    }
    if x == 0.0 {
        if y < 0.0 {
            return Err(PyError::new(
                "ZeroDivisionError",
                "0.0 cannot be raised to a negative power",
            ));
        }
        return Ok(FloatPow::Real(x.powf(y)));
    }
    if x < 0.0 && y != y.floor() {
        return pow((x, 0.0), (y, 0.0)).map(FloatPow::Complex);
    }
    let r = x.powf(y);
    if r.is_infinite() {
        return Err(PyError::overflow("(34, 'Numerical result out of range')"));
    }
    Ok(FloatPow::Real(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn division_scales_by_the_larger_part() {
        assert_eq!(div((1.0, 2.0), (3.0, 4.0)).unwrap(), (0.44, 0.08));
        // The naive formula squares 1e-300 to zero and divides by it.
        assert_eq!(
            div((0.0, 1.0), (1e-300, 0.0)).unwrap().1,
            9.999999999999999e299
        );
        assert!(div((1.0, 0.0), (0.0, 0.0)).is_err());
    }

    #[test]
    fn powers_as_cpython() {
        assert_eq!(pow((1.0, 2.0), (2.0, 0.0)).unwrap(), (-3.0, 4.0));
        assert_eq!(pow((0.0, 0.0), (0.0, 0.0)).unwrap(), (1.0, 0.0));
        assert!(pow((0.0, 0.0), (-1.0, 0.0)).is_err());
        assert!(pow((0.0, 0.0), (0.0, 1.0)).is_err());
        match float_pow(-8.0, 1.0 / 3.0).unwrap() {
            FloatPow::Complex(c) => assert_eq!(c, (1.0000000000000002, 1.7320508075688772)),
            FloatPow::Real(_) => panic!("a negative base to a fractional power is complex"),
        }
        assert!(float_pow(10.0, 400.0).is_err());
    }
}

/// `complex(text)`: CPython's `complex_from_string`. Surrounding space and
/// one pair of parentheses are allowed, then a real part, a real part and
/// an imaginary part, or an imaginary part alone (`j`, `-j`, `2.5J`);
/// underscores only between digits.
pub fn parse(text: &str) -> PyResult<C> {
    parse_parts(text).ok_or_else(|| PyError::value("complex() arg is a malformed string"))
}

fn parse_parts(text: &str) -> Option<C> {
    let mut s = text.trim();
    if let Some(inner) = s.strip_prefix('(') {
        s = inner.strip_suffix(')')?.trim();
    }
    if s.contains('_') {
        let b = s.as_bytes();
        let between_digits = |k: usize| {
            k > 0 && k + 1 < b.len() && b[k - 1].is_ascii_digit() && b[k + 1].is_ascii_digit()
        };
        if (0..b.len()).any(|k| b[k] == b'_' && !between_digits(k)) {
            return None;
        }
    }
    let owned = s.replace('_', "");
    let s = owned.as_str();
    let is_j = |r: &str| r.starts_with(['j', 'J']);
    let (z, rest) = match float_prefix(s) {
        Some((x, rest)) if rest.starts_with(['+', '-']) => {
            let (y, after) = match float_prefix(rest) {
                Some((y, after)) => (y, after),
                None => (if rest.starts_with('+') { 1.0 } else { -1.0 }, &rest[1..]),
            };
            if !is_j(after) {
                return None;
            }
            ((x, y), &after[1..])
        }
        Some((x, rest)) if is_j(rest) => ((0.0, x), &rest[1..]),
        Some((x, rest)) => ((x, 0.0), rest),
        None => {
            let (y, rest) = match s.strip_prefix('-') {
                Some(r) => (-1.0, r),
                None => (1.0, s.strip_prefix('+').unwrap_or(s)),
            };
            if !is_j(rest) {
                return None;
            }
            ((0.0, y), &rest[1..])
        }
    };
    rest.is_empty().then_some(z)
}

/// The longest prefix of `s` that is a float literal (sign, digits with
/// an optional point and exponent, or `inf`/`infinity`/`nan`), its value
/// and the rest.
fn float_prefix(s: &str) -> Option<(f64, &str)> {
    let b = s.as_bytes();
    let mut k = usize::from(b.first().is_some_and(|c| matches!(c, b'+' | b'-')));
    let lower = s[k..].to_ascii_lowercase();
    for word in ["infinity", "inf", "nan"] {
        if lower.starts_with(word) {
            let end = k + word.len();
            return Some((s[..end].parse().ok()?, &s[end..]));
        }
    }
    let digits = |k: &mut usize| {
        let start = *k;
        while *k < b.len() && b[*k].is_ascii_digit() {
            *k += 1;
        }
        *k - start
    };
    let mut n = digits(&mut k);
    if k < b.len() && b[k] == b'.' {
        k += 1;
        n += digits(&mut k);
    }
    if n == 0 {
        return None;
    }
    if k < b.len() && matches!(b[k], b'e' | b'E') {
        let mut e = k + 1;
        if e < b.len() && matches!(b[e], b'+' | b'-') {
            e += 1;
        }
        if digits(&mut e) > 0 {
            k = e;
        }
    }
    Some((s[..k].parse().ok()?, &s[k..]))
}

#[cfg(test)]
mod parse_tests {
    use super::parse;

    #[test]
    fn complex_strings_read_as_cpython_reads_them() {
        let ok = |t: &str| parse(t).unwrap();
        assert_eq!(ok("1+2j"), (1.0, 2.0));
        assert_eq!(ok(" (1-2.5j) "), (1.0, -2.5));
        assert_eq!(ok("j"), (0.0, 1.0));
        assert_eq!(ok("-J"), (0.0, -1.0));
        assert_eq!(ok("1e3-J"), (1000.0, -1.0));
        assert_eq!(ok("-1.5"), (-1.5, 0.0));
        assert_eq!(ok("1_0j"), (0.0, 10.0));
        assert_eq!(ok(".5e-1j"), (0.0, 0.05));
        let inf_nan = ok("inf+nanj");
        assert!(inf_nan.0.is_infinite() && inf_nan.1.is_nan());
        for bad in [
            "", "(1+2j", "1 + 2j", "1+2", "_1j", "1__0", "j1", "1e", "++1j",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }
}
