//! Python's numerals, as `int(text)`, `float(text)` and `complex(text)`
//! read them: what NumPy's casts of text elements to numbers call (the
//! messages quote the element as `np.str_('…')`).
//!
//! The rules are CPython's: non-ASCII white space becomes a space and
//! non-ASCII decimal digits (`'٣'`) their ASCII digit
//! (`_PyUnicode_TransformDecimalAndSpaceToASCII`; bytes are not
//! transformed); surrounding ASCII white space is dropped; a single
//! underscore may stand between two digits (`_Py_string_to_number_with_underscores`);
//! a float is `[sign] (inf | infinity | nan | digits [. digits] [e [sign] digits])`
//! in any case; a complex number is `<float>`, `<float>j`,
//! `<float><signed float>j`, `<float><sign>j`, `<sign>j` or `j`, in
//! optional parentheses.

/// The zero of every run of ten non-ASCII decimal digits (Unicode's `Nd`
/// as Python 3.11's `unicodedata.decimal` knows it).
const DECIMAL_ZEROS: [u32; 65] = [
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
    0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// The value of a decimal digit of any script (`'٣'` is 3).
pub fn decimal_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return c.to_digit(10);
    }
    let n = c as u32;
    let k = DECIMAL_ZEROS.partition_point(|&z| z <= n);
    let zero = *DECIMAL_ZEROS.get(k.checked_sub(1)?)?;
    (n - zero < 10).then_some(n - zero)
}

/// Why a text is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumeralError {
    /// Not a numeral of the kind asked for.
    Malformed,
    /// Underscores where Python allows none (`complex('1__0')` says so
    /// in other words than a malformed string).
    Underscores,
}

/// A Python int read from text: in range of i128, or beyond it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PyInt {
    /// The value.
    Small(i128),
    /// More than i128 holds (every cast refuses it).
    Huge,
}

/// The ASCII text Python parses: non-ASCII spaces and digits transformed
/// (for `str` only), surrounding white space dropped, underscores checked
/// and removed. A character Python cannot transform makes it malformed.
fn normalized(text: &str, unicode: bool) -> Result<String, NumeralError> {
    let mut ascii = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else if !unicode {
            return Err(NumeralError::Malformed);
        } else if c.is_whitespace() {
            ascii.push(' ');
        } else if let Some(d) = decimal_value(c) {
            ascii.push(char::from(b'0' + d as u8));
        } else {
            return Err(NumeralError::Malformed);
        }
    }
    let t = ascii.trim_matches(|c: char| c.is_ascii_whitespace() || c == '\x0b');
    without_underscores(t).ok_or(NumeralError::Underscores)
}

/// `t` with its underscores removed, when each stands between two digits.
fn without_underscores(t: &str) -> Option<String> {
    let b = t.as_bytes();
    let ok = b.iter().enumerate().all(|(k, &c)| {
        c != b'_'
            || (k > 0 && k + 1 < b.len() && b[k - 1].is_ascii_digit() && b[k + 1].is_ascii_digit())
    });
    ok.then(|| t.replace('_', ""))
}

/// `int(text)` in base 10.
pub fn python_int(text: &str, unicode: bool) -> Result<PyInt, NumeralError> {
    let t = normalized(text, unicode).map_err(|_| NumeralError::Malformed)?;
    let (negative, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, &t[..]),
    };
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return Err(NumeralError::Malformed);
    }
    let mut v: i128 = 0;
    for c in digits.bytes() {
        let d = i128::from(c - b'0');
        match v.checked_mul(10).and_then(|x| x.checked_add(d)) {
            Some(x) => v = x,
            None => return Ok(PyInt::Huge),
        }
    }
    Ok(PyInt::Small(if negative { -v } else { v }))
}

/// The length of the float at the start of `b` (CPython's
/// `PyOS_string_to_double` with an end pointer), if one starts there.
fn float_prefix(b: &[u8]) -> Option<usize> {
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let rest = &b[i..];
    for word in [&b"infinity"[..], b"inf", b"nan"] {
        if rest.len() >= word.len() && rest[..word.len()].eq_ignore_ascii_case(word) {
            return Some(i + word.len());
        }
    }
    let digits =
        |b: &[u8], from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let whole = digits(b, i);
    i += whole;
    let mut fraction = 0;
    if b.get(i) == Some(&b'.') {
        fraction = digits(b, i + 1);
        if whole + fraction > 0 {
            i += 1 + fraction;
        }
    }
    if whole + fraction == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(b.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let exp = digits(b, j);
        if exp > 0 {
            i = j + exp;
        }
    }
    Some(i)
}

/// The float a complete float numeral spells (correctly rounded).
fn float_value(numeral: &str) -> f64 {
    // Rust's parser reads every form `float_prefix` accepts.
    numeral.parse().unwrap_or(f64::NAN)
}

/// `float(text)`.
pub fn python_float(text: &str, unicode: bool) -> Result<f64, NumeralError> {
    let t = normalized(text, unicode).map_err(|_| NumeralError::Malformed)?;
    match float_prefix(t.as_bytes()) {
        Some(end) if end == t.len() => Ok(float_value(&t)),
        _ => Err(NumeralError::Malformed),
    }
}

/// `complex(text)`: (real, imaginary).
pub fn python_complex(text: &str, unicode: bool) -> Result<(f64, f64), NumeralError> {
    let t = normalized(text, unicode)?;
    let b = t.as_bytes();
    let mut s = 0;
    let bracket = b.first() == Some(&b'(');
    if bracket {
        s = 1;
        while b.get(s).is_some_and(u8::is_ascii_whitespace) {
            s += 1;
        }
    }
    let sign_at = |k: usize| match b.get(k) {
        Some(b'+') => Some(1.0),
        Some(b'-') => Some(-1.0),
        _ => None,
    };
    let is_j = |k: usize| matches!(b.get(k), Some(b'j' | b'J'));
    let (re, im);
    if let Some(n) = float_prefix(&b[s..]) {
        let z = float_value(&t[s..s + n]);
        s += n;
        if let Some(sign) = sign_at(s) {
            re = z;
            match float_prefix(&b[s..]) {
                Some(m) => {
                    im = float_value(&t[s..s + m]);
                    s += m;
                }
                None => {
                    im = sign;
                    s += 1;
                }
            }
            if !is_j(s) {
                return Err(NumeralError::Malformed);
            }
            s += 1;
        } else if is_j(s) {
            (re, im) = (0.0, z);
            s += 1;
        } else {
            (re, im) = (z, 0.0);
        }
    } else {
        im = match sign_at(s) {
            Some(sign) => {
                s += 1;
                sign
            }
            None => 1.0,
        };
        re = 0.0;
        if !is_j(s) {
            return Err(NumeralError::Malformed);
        }
        s += 1;
    }
    while b.get(s).is_some_and(u8::is_ascii_whitespace) {
        s += 1;
    }
    if bracket {
        if b.get(s) != Some(&b')') {
            return Err(NumeralError::Malformed);
        }
        s += 1;
        while b.get(s).is_some_and(u8::is_ascii_whitespace) {
            s += 1;
        }
    }
    if s != b.len() {
        return Err(NumeralError::Malformed);
    }
    Ok((re, im))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_as_python_reads_them() {
        assert_eq!(python_int(" +00012 ", true), Ok(PyInt::Small(12)));
        assert_eq!(python_int("1_000", true), Ok(PyInt::Small(1000)));
        assert_eq!(python_int("١٢", true), Ok(PyInt::Small(12)));
        assert_eq!(python_int("١٢", false), Err(NumeralError::Malformed));
        for bad in ["", "2.5", "0x10", "1e3", "1__0", "_1", "1_", "- 1", "\x1c1"] {
            assert_eq!(
                python_int(bad, true),
                Err(NumeralError::Malformed),
                "{bad:?}"
            );
        }
        assert_eq!(python_int(&"9".repeat(60), true), Ok(PyInt::Huge));
    }

    #[test]
    fn floats_as_python_reads_them() {
        assert_eq!(python_float("\u{2007}1_0.5_5e1_0 ", true), Ok(1.055e11));
        assert_eq!(python_float("٣.٥e١", true), Ok(35.0));
        assert_eq!(python_float("-Infinity", true), Ok(f64::NEG_INFINITY));
        assert_eq!(python_float("1e5000", true), Ok(f64::INFINITY));
        assert_eq!(python_float(".5", true), Ok(0.5));
        assert_eq!(python_float("5.", true), Ok(5.0));
        assert!(python_float("-nan", true).unwrap().is_nan());
        for bad in [
            ".",
            "1e",
            "1e+",
            "",
            "1 000",
            "0x1",
            "infinite",
            "1_.5",
            "\x1c1\x1f",
        ] {
            assert_eq!(
                python_float(bad, true),
                Err(NumeralError::Malformed),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn complex_numbers_as_python_reads_them() {
        let ok = |t: &str| python_complex(t, true).unwrap();
        assert_eq!(ok("1+j"), (1.0, 1.0));
        assert_eq!(ok("j"), (0.0, 1.0));
        assert_eq!(ok("-j"), (0.0, -1.0));
        assert_eq!(ok(" ( 1+2j ) "), (1.0, 2.0));
        assert_eq!(ok("1e+2j"), (0.0, 100.0));
        assert_eq!(ok("1_0+2_0j"), (10.0, 20.0));
        assert_eq!(ok("+1.5e-3-4J"), (0.0015, -4.0));
        assert_eq!(ok("1.+.5j"), (1.0, 0.5));
        assert_eq!(ok("infinity"), (f64::INFINITY, 0.0));
        for bad in ["1 +2j", "(1+2j", "1+2j)", "", "0x1", "1+2i", "."] {
            assert_eq!(
                python_complex(bad, true),
                Err(NumeralError::Malformed),
                "{bad:?}"
            );
        }
        assert_eq!(python_complex("1__0", true), Err(NumeralError::Underscores));
    }

    #[test]
    fn digits_of_every_script() {
        assert_eq!(decimal_value('7'), Some(7));
        assert_eq!(decimal_value('\u{669}'), Some(9));
        assert_eq!(decimal_value('\u{1FBF9}'), Some(9));
        assert_eq!(decimal_value('\u{65F}'), None);
        assert_eq!(decimal_value('x'), None);
    }
}
