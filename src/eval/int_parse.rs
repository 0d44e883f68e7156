//! `int(text, base)`: CPython's `PyLong_FromString` rules for a numeral —
//! surrounding whitespace, one sign, a `0x`/`0o`/`0b` prefix (required to
//! match `base`, or choosing it when `base` is 0), single underscores
//! between digits (and after a prefix), and no leading zeros under base 0
//! unless the number is zero. Past i128 the value is a big int; more
//! than 4300 decimal digits (in a base that is not a power of two) are
//! refused as CPython 3.11's `sys.get_int_max_str_digits()` refuses them.

use super::error::{PyError, PyResult};
use super::value::Value;

/// Why a numeral did not parse.
#[derive(Debug, PartialEq, Eq)]
pub enum IntParseError {
    /// Not a numeral in this base (CPython's `ValueError`).
    Invalid,
    /// More digits than CPython converts (the count is in the message).
    TooManyDigits(usize),
    /// Digits of another script (`'٣'`): Python reads them, slicelab
    /// does not know their values.
    OtherScript,
}

/// The integer `text` spells in `base` (0, or 2 to 36; 0 reads the base
/// from the prefix). Base 0's refusal of `010` is [`parse_in`]'s.
pub fn parse(text: &str, base: u32) -> Result<Value, IntParseError> {
    let t = text.trim_matches(|c: char| c.is_whitespace());
    let (negative, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = t.to_ascii_lowercase();
    let prefix_base = match lower.get(..2) {
        Some("0x") => Some(16),
        Some("0o") => Some(8),
        Some("0b") => Some(2),
        _ => None,
    };
    let (base, digits, after_prefix) = match (base, prefix_base) {
        (0, Some(b)) => (b, &t[2..], true),
        (0, None) => (10, t, false),
        (b, Some(p)) if b == p => (b, &t[2..], true),
        (b, _) => (b, t, false),
    };
    // After a prefix one underscore may come first (`0x_ff`).
    let digits = match (after_prefix, digits.strip_prefix('_')) {
        (true, Some(rest)) => rest,
        _ => digits,
    };
    if digits.is_empty() || digits.starts_with('_') || digits.ends_with('_') {
        return Err(IntParseError::Invalid);
    }
    if digits.contains("__") {
        return Err(IntParseError::Invalid);
    }
    if digits.chars().any(|c| !c.is_ascii() && c.is_numeric()) {
        return Err(IntParseError::OtherScript);
    }
    let plain: String = digits.chars().filter(|&c| c != '_').collect();
    if plain.chars().any(|c| c.to_digit(base).is_none()) {
        return Err(IntParseError::Invalid);
    }
    let count = plain.len();
    if !base.is_power_of_two() && count > super::bigint::MAX_STR_DIGITS {
        return Err(IntParseError::TooManyDigits(count));
    }
    let small = i128::from_str_radix(&plain, base)
        .ok()
        .and_then(|v| if negative { v.checked_neg() } else { Some(v) });
    Ok(match small {
        Some(v) => Value::Int(v),
        None => {
            let big = num_bigint::BigInt::parse_bytes(plain.as_bytes(), base)
                .ok_or(IntParseError::Invalid)?;
            super::bigint::value(if negative { -big } else { big })
        }
    })
}

/// `int(text, base)` with CPython's messages: `base` checked, the
/// `ValueError` quoting the text as given.
pub fn parse_in(text: &str, base: i128) -> PyResult<Value> {
    if base != 0 && !(2..=36).contains(&base) {
        return Err(PyError::value("int() base must be >= 2 and <= 36, or 0"));
    }
    let result = parse(text, base as u32).and_then(|v| {
        if base == 0 && leading_zero_numeral(text) && !matches!(v, Value::Int(0)) {
            Err(IntParseError::Invalid)
        } else {
            Ok(v)
        }
    });
    result.map_err(|e| match e {
        IntParseError::Invalid => PyError::value(format!(
            "invalid literal for int() with base {base}: {}",
            crate::render::scalar_repr::py_str_repr(text)
        )),
        IntParseError::TooManyDigits(n) => PyError::value(format!(
            "Exceeds the limit ({} digits) for integer string conversion: value has {n} digits; use sys.set_int_max_str_digits() to increase the limit",
            super::bigint::MAX_STR_DIGITS
        )),
        IntParseError::OtherScript => PyError::new(
            "NotImplementedError",
            "slicelab reads int() digits in ASCII only",
        ),
    })
}

/// Whether `text` is a decimal numeral (no prefix) starting with `0` and
/// more digits: base 0 refuses it unless it is zero.
fn leading_zero_numeral(text: &str) -> bool {
    let t = text.trim_matches(|c: char| c.is_whitespace());
    let t = t.strip_prefix(['+', '-']).unwrap_or(t);
    let lower = t.to_ascii_lowercase();
    t.starts_with('0')
        && t.len() > 1
        && !(lower.starts_with("0x") || lower.starts_with("0o") || lower.starts_with("0b"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(text: &str, base: u32) -> Result<String, IntParseError> {
        parse(text, base).map(|v| super::super::display::repr(&v, &Default::default()))
    }

    #[test]
    fn numerals_as_cpython_reads_them() {
        let ok = |s: &str| Ok(s.to_string());
        assert_eq!(int(" 1_000 ", 10), ok("1000"));
        assert_eq!(int("-ff", 16), ok("-255"));
        assert_eq!(int("0xff", 16), ok("255"));
        assert_eq!(int("0x_f", 0), ok("15"));
        assert_eq!(int("0b101", 0), ok("5"));
        assert_eq!(int("0o17", 8), ok("15"));
        assert_eq!(int("z", 36), ok("35"));
        assert_eq!(int("0x1", 10), Err(IntParseError::Invalid));
        assert_eq!(int("1__0", 10), Err(IntParseError::Invalid));
        assert_eq!(int("_1", 10), Err(IntParseError::Invalid));
        assert_eq!(int("1_", 10), Err(IntParseError::Invalid));
        assert_eq!(int("", 10), Err(IntParseError::Invalid));
        assert_eq!(int("+", 10), Err(IntParseError::Invalid));
        assert_eq!(int("2", 2), Err(IntParseError::Invalid));
        assert_eq!(int(&"9".repeat(40), 10), ok(&"9".repeat(40)));
        assert_eq!(
            int(&format!("-{}", "9".repeat(40)), 10),
            ok(&format!("-{}", "9".repeat(40)))
        );
        assert_eq!(
            int("-170141183460469231731687303715884105728", 10),
            ok("-170141183460469231731687303715884105728")
        );
        assert_eq!(int(&"1".repeat(4300), 10), ok(&"1".repeat(4300)));
        assert_eq!(
            int(&"1".repeat(4301), 10),
            Err(IntParseError::TooManyDigits(4301))
        );
        assert!(int(&"f".repeat(5000), 16).is_ok());
        assert!(parse_in("010", 0).is_err());
        assert!(matches!(parse_in("000", 0), Ok(Value::Int(0))));
        assert!(matches!(parse_in("010", 10), Ok(Value::Int(10))));
        assert!(parse_in("1", 1).is_err());
    }
}
