//! Casting text elements (`U`, `S`) to numbers, as NumPy 2 does: each
//! element goes through Python's `int()`, `float()` or `complex()` of the
//! `np.str_`/`np.bytes_` scalar, then into the target type — so `'2.5'`
//! to an integer type, `'abc'` anywhere and `'300'` to `int8` raise
//! Python's and NumPy's errors instead of becoming a plausible number.
//! (Text to `bool` goes by length and to datetimes by their own parser;
//! neither comes here.)

use super::array::{ArrayRef, NdArray};
use super::dtype::{DType, Kind};
use super::error::{EngineError, bytes_literal, str_literal};
use super::scalar::Scalar;
use super::text_numbers::{NumeralError, PyInt, python_complex, python_float, python_int};

/// Whether a cast from `from` to `to` reads text as numbers.
pub fn reads_numbers(from: &DType, to: &DType) -> bool {
    matches!(from.native(), DType::Str(_) | DType::Bytes(_)) && to.native().kind().is_number()
}

/// The numbers `src`'s text elements spell, in an array of dtype `to`
/// (C order), or the first element's error.
pub fn numbers(src: &NdArray, to: &DType) -> Result<ArrayRef, EngineError> {
    let values = src
        .to_scalars()
        .iter()
        .map(|item| number(item, to, false))
        .collect::<Result<Vec<_>, _>>()?;
    // Python's number first, then NumPy's cast of it into the target (a
    // float32 is the float64 rounded again, as NumPy rounds it).
    let wide = match to.native().kind() {
        Kind::Int | Kind::UInt if to.native() == DType::UInt64 => DType::UInt64,
        Kind::Int | Kind::UInt => DType::Int64,
        Kind::Float => DType::Float64,
        _ => DType::Complex128,
    };
    let parsed = NdArray::from_scalars(&src.shape(), wide, &values)?;
    super::kernels::cast(&parsed, to)
}

/// The number one text element (`Scalar::Str` or `Scalar::Bytes`) spells
/// for a numeric dtype `to`: an integer in its range, a float64 or a
/// complex128 (the caller casts the last two into `to`). Messages quote
/// the text as Python's `str`/`bytes` when `python` (a value the learner
/// wrote), else as NumPy's scalar (an array's element).
pub fn number(item: &Scalar, to: &DType, python: bool) -> Result<Scalar, EngineError> {
    let (text, unicode) = match item {
        Scalar::Str(s) => (s.clone(), true),
        Scalar::Bytes(b) => (super::element::latin1_text(b), false),
        other => return Ok(other.clone()),
    };
    Ok(match to.native().kind() {
        Kind::Int | Kind::UInt => int_element(item, &text, unicode, to, python)?,
        Kind::Float => Scalar::Float(python_float(&text, unicode).map_err(|_| {
            EngineError::value(format!(
                "could not convert string to float: {}",
                quoted(item, python)
            ))
        })?),
        _ => {
            let (re, im) = python_complex(&text, unicode).map_err(|e| match e {
                NumeralError::Malformed => {
                    EngineError::value("complex() arg is a malformed string")
                }
                NumeralError::Underscores => EngineError::value(format!(
                    "could not convert string to complex: {}",
                    quoted(item, python)
                )),
            })?;
            Scalar::Complex(re, im)
        }
    })
}

/// `int(text)` stored into an integer type: NumPy's range check of a
/// Python int.
fn int_element(
    item: &Scalar,
    text: &str,
    unicode: bool,
    to: &DType,
    python: bool,
) -> Result<Scalar, EngineError> {
    let too_large =
        || EngineError::other("OverflowError", "Python int too large to convert to C long");
    let v = match python_int(text, unicode) {
        Ok(PyInt::Small(v)) => v,
        Ok(PyInt::Huge) => return Err(too_large()),
        Err(_) => {
            // Python quotes a bytes argument as itself, a str as NumPy's scalar.
            let shown = match item {
                Scalar::Bytes(b) => bytes_literal(b),
                _ => quoted(item, python),
            };
            return Err(EngineError::value(format!(
                "invalid literal for int() with base 10: {shown}"
            )));
        }
    };
    let to = to.native();
    if i64::try_from(v).is_err() {
        return match u64::try_from(v) {
            Ok(u) if to == DType::UInt64 => Ok(Scalar::UInt(u)),
            _ => Err(too_large()),
        };
    }
    let (lo, hi) = to.int_range().unwrap_or((i128::MIN, i128::MAX));
    if v < lo || v > hi {
        return Err(EngineError::other(
            "OverflowError",
            format!("Python integer {v} out of bounds for {}", to.name()),
        ));
    }
    Ok(if to == DType::UInt64 {
        Scalar::UInt(v as u64)
    } else {
        Scalar::Int(v as i64)
    })
}

/// The text as a message quotes it: Python's `'a'`/`b'a'`, or NumPy's
/// scalar repr `np.str_('a')`/`np.bytes_(b'a')` for an array's element.
fn quoted(item: &Scalar, python: bool) -> String {
    let literal = match item {
        Scalar::Bytes(b) => bytes_literal(b),
        Scalar::Str(s) => str_literal(s),
        _ => String::new(),
    };
    match item {
        _ if python => literal,
        Scalar::Bytes(_) => format!("np.bytes_({literal})"),
        _ => format!("np.str_({literal})"),
    }
}

/// `str()` of a NumPy float or complex scalar, which NumPy's cast of a
/// float to a string type calls (`np.float32(0.1)` reads `'0.1'`, its own
/// shortest digits, `np.float16(65504)` `'6.55e+04'`). Printing owns those
/// rules and the printing mode they follow (`render::scalar_repr::
/// scalar_str`); the evaluator installs that function here when it starts,
/// so the engine does not print. Until then a float64 is Python's repr.
static FLOAT_STR: std::sync::OnceLock<fn(&DType, &Scalar) -> String> = std::sync::OnceLock::new();

/// Install `str()` of float scalars for casts to text (once per process).
pub fn install_float_str(f: fn(&DType, &Scalar) -> String) {
    let _ = FLOAT_STR.set(f);
}

/// Whether a cast from `from` to `to` writes floats as text (through
/// [`float_texts`], never element by element).
pub fn writes_float_text(from: &DType, to: &DType) -> bool {
    matches!(from.native().kind(), Kind::Float | Kind::Complex)
        && matches!(to.native(), DType::Str(_) | DType::Bytes(_))
}

/// `src`'s floats as the text NumPy's cast to `to` stores (C order, in a
/// `U` array as wide as the longest), or `None` when the cast is not from
/// a float or complex type to a text type.
pub fn float_texts(src: &NdArray, to: &DType) -> Option<Result<ArrayRef, EngineError>> {
    if !writes_float_text(src.dtype(), to) {
        return None;
    }
    let from = src.dtype().native();
    let str_of = FLOAT_STR.get()?;
    let texts: Vec<Scalar> = src
        .to_scalars()
        .iter()
        .map(|s| Scalar::Str(str_of(&from, s)))
        .collect();
    let width = texts
        .iter()
        .map(|t| match t {
            Scalar::Str(s) => s.chars().count(),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
        .max(1);
    Some(NdArray::from_scalars(
        &src.shape(),
        DType::Str(width),
        &texts,
    ))
}
