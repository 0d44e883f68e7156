//! `int(text, base)`: CPython's `PyLong_FromString` rules for a numeral —
//! surrounding whitespace, one sign, a `0x`/`0o`/`0b` prefix (required to
//! match `base`, or choosing it when `base` is 0), single underscores
//! between digits (and after a prefix), and no leading zeros under base 0
//! unless the number is zero. A value past slicelab's 128-bit ints is
//! refused with `OverflowError`, never wrapped.

use super::error::{PyError, PyResult};

/// Why a numeral did not parse.
#[derive(Debug, PartialEq, Eq)]
pub enum IntParseError {
    /// Not a numeral in this base (CPython's `ValueError`).
    Invalid,
    /// A numeral past 128 bits.
    TooLarge,
    /// Digits of another script (`'٣'`): Python reads them, slicelab
    /// does not know their values.
    OtherScript,
}

/// The integer `text` spells in `base` (0, or 2 to 36; 0 reads the base
/// from the prefix). Base 0's refusal of `010` is [`parse_in`]'s.
pub fn parse(text: &str, base: u32) -> Result<i128, IntParseError> {
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
    let mut value: i128 = 0;
    for c in digits.chars().filter(|&c| c != '_') {
        let d = c.to_digit(base).ok_or(IntParseError::Invalid)? as i128;
        value = value
            .checked_mul(base as i128)
            .and_then(|v| {
                if negative {
                    v.checked_sub(d)
                } else {
                    v.checked_add(d)
                }
            })
            .ok_or(IntParseError::TooLarge)?;
    }
    Ok(value)
}

/// `int(text, base)` with CPython's messages: `base` checked, the
/// `ValueError` quoting the text as given.
pub fn parse_in(text: &str, base: i128) -> PyResult<i128> {
    if base != 0 && !(2..=36).contains(&base) {
        return Err(PyError::value("int() base must be >= 2 and <= 36, or 0"));
    }
    let result = parse(text, base as u32).and_then(|v| {
        if base == 0 && leading_zero_numeral(text) && v != 0 {
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
        IntParseError::TooLarge => {
            PyError::overflow("Python int too large for slicelab (beyond 128 bits)")
        }
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

    #[test]
    fn numerals_as_cpython_reads_them() {
        assert_eq!(parse(" 1_000 ", 10), Ok(1000));
        assert_eq!(parse("-ff", 16), Ok(-255));
        assert_eq!(parse("0xff", 16), Ok(255));
        assert_eq!(parse("0x_f", 0), Ok(15));
        assert_eq!(parse("0b101", 0), Ok(5));
        assert_eq!(parse("0o17", 8), Ok(15));
        assert_eq!(parse("z", 36), Ok(35));
        assert_eq!(parse("0x1", 10), Err(IntParseError::Invalid));
        assert_eq!(parse("1__0", 10), Err(IntParseError::Invalid));
        assert_eq!(parse("_1", 10), Err(IntParseError::Invalid));
        assert_eq!(parse("1_", 10), Err(IntParseError::Invalid));
        assert_eq!(parse("", 10), Err(IntParseError::Invalid));
        assert_eq!(parse("+", 10), Err(IntParseError::Invalid));
        assert_eq!(parse("2", 2), Err(IntParseError::Invalid));
        assert_eq!(parse(&"9".repeat(40), 10), Err(IntParseError::TooLarge));
        assert_eq!(
            parse("-170141183460469231731687303715884105728", 10),
            Ok(i128::MIN)
        );
        assert!(parse_in("010", 0).is_err());
        assert_eq!(parse_in("000", 0), Ok(0));
        assert_eq!(parse_in("010", 10), Ok(10));
        assert!(parse_in("1", 1).is_err());
    }
}
