//! Python's format-spec mini-language (`[[fill]align][sign][#][0][width]
//! [,_][.precision][type]`) applied to one value: what `format()`,
//! f-strings and `str.format` do to each field. NumPy scalars format as the
//! Python int or float they stand for; an empty spec is `str()`. The
//! statements that use it (f-strings, `str.format`, `%`) are `format.rs`'s.

use crate::engine::{DType, Scalar};
use crate::render::PrintOptions;

use super::display::str_of;
use super::error::{PyError, PyResult};
use super::format_float::{format_complex, format_float};
use super::spec_layout::{Spec, layout_number, pad, parse_spec, sign_of};
use super::value::Value;

/// What a value formats as.
pub(super) enum Num {
    Int(i128),
    /// An int past i128.
    Big(std::rc::Rc<num_bigint::BigInt>),
    Float(f64),
}

pub(super) fn as_number(v: &Value) -> Option<Num> {
    Some(match v {
        Value::Int(i) => Num::Int(*i),
        Value::BigInt(b) => Num::Big(b.clone()),
        Value::Bool(b) => Num::Int(*b as i128),
        Value::Float(f) => Num::Float(*f),
        Value::NpScalar(_, Scalar::Int(i)) => Num::Int(*i as i128),
        Value::NpScalar(_, Scalar::UInt(u)) => Num::Int(*u as i128),
        Value::NpScalar(_, Scalar::Bool(b)) => Num::Int(*b as i128),
        Value::NpScalar(_, Scalar::Float(f)) => Num::Float(*f),
        _ => return None,
    })
}

/// `format(value, spec)`.
pub fn format_value(v: &Value, spec: &str, opts: &PrintOptions) -> PyResult<String> {
    // `ndarray.__format__`: a 0-d array formats as its element; any other
    // array only with an empty spec (`object.__format__`).
    if let Value::Array(a) = v {
        if a.ndim() == 0 {
            let item = match a.first() {
                crate::engine::Scalar::Object(id) => super::object::element(id),
                s => Value::NpScalar(a.dtype().native(), s),
            };
            return format_value(&item, spec, opts);
        }
        if !spec.is_empty() {
            return Err(unsupported(v));
        }
    }
    if let Value::BigInt(b) = v
        && spec.is_empty()
        && super::bigint::too_many_digits(b)
    {
        return Err(super::bigint::str_limit_error());
    }
    if spec.is_empty() {
        // NumPy's smaller floats format as the Python float they convert
        // to (`f"{np.float32(0.1)}"` is '0.10000000149011612'); float64 is
        // a float subclass and formats as its str. A complex64 likewise.
        match v {
            Value::NpScalar(DType::Float32 | DType::Float16, Scalar::Float(f)) => {
                return Ok(crate::render::py_float_repr(*f));
            }
            Value::NpScalar(DType::Complex64, Scalar::Complex(re, im)) => {
                return format_complex(*re, *im, &Spec::default());
            }
            _ => return Ok(str_of(v, opts)),
        }
    }
    // A date formats with `strftime`; a timedelta is `object.__format__`.
    if let Some(t) = super::pydatetime_ops::of(v) {
        return match t {
            super::object::PyTime::Delta(..) => Err(PyError::type_error(format!(
                "unsupported format string passed to {}.__format__",
                t.type_path()
            ))),
            _ => super::pydatetime_format::strftime(t, spec),
        };
    }
    match v {
        // `np.str_` is a str subclass, refused under its own name.
        Value::Str(_) => format_str(
            &str_of(v, opts),
            &parse_spec(spec, "str", Some('s'))?,
            "str",
        ),
        Value::NpScalar(_, Scalar::Str(_)) => {
            let what = "numpy.str_";
            format_str(&str_of(v, opts), &parse_spec(spec, what, Some('s'))?, what)
        }
        Value::Complex(re, im) | Value::NpScalar(_, Scalar::Complex(re, im)) => {
            format_complex(*re, *im, &parse_spec(spec, "complex", None)?)
        }
        _ => match as_number(v) {
            Some(Num::Float(x)) => format_float(x, &parse_spec(spec, "float", None)?),
            Some(n) => {
                // NumPy's bool formats as Python's bool, its ints as int.
                let what = match v {
                    Value::Bool(_) | Value::NpScalar(_, Scalar::Bool(_)) => "bool",
                    _ => "int",
                };
                format_int(&n, &parse_spec(spec, what, Some('d'))?, what)
            }
            None => Err(unsupported(v)),
        },
    }
}

/// `object.__format__` refusing a non-empty spec.
fn unsupported(v: &Value) -> PyError {
    PyError::type_error(format!(
        "unsupported format string passed to {}.__format__",
        v.type_name()
    ))
}

fn unknown_code(kind: char, what: &str) -> PyError {
    PyError::value(format!(
        "Unknown format code '{kind}' for object of type '{what}'"
    ))
}

/// `str.__format__`: precision cuts, no sign, `#`, `z` or `=`.
fn format_str(text: &str, s: &Spec, what: &str) -> PyResult<String> {
    if let Some(k) = s.kind.filter(|k| *k != 's') {
        return Err(unknown_code(k, what));
    }
    let refuse = |what: &str| {
        Err(PyError::value(format!(
            "{what} not allowed in string format specifier"
        )))
    };
    match s.sign {
        Some(' ') => return refuse("Space"),
        Some(_) => return refuse("Sign"),
        None => {}
    }
    if s.no_neg_zero {
        return refuse("Negative zero coercion (z)");
    }
    if s.alt {
        return refuse("Alternate form (#)");
    }
    if s.align == Some('=') {
        return refuse("'=' alignment");
    }
    let text: String = match s.precision {
        Some(p) => text.chars().take(p).collect(),
        None => text.to_string(),
    };
    Ok(pad(&text, s, '<', ""))
}

/// `int.__format__` (a bool's too); the float types convert to float.
fn format_int(n: &Num, s: &Spec, what: &str) -> PyResult<String> {
    match s.kind {
        None | Some('d' | 'n' | 'b' | 'o' | 'x' | 'X' | 'c') => {}
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            let x = match n {
                Num::Int(i) => *i as f64,
                Num::Big(b) => super::bigint::to_f64(b)?,
                Num::Float(f) => *f,
            };
            return format_float(x, s);
        }
        Some(k) => return Err(unknown_code(k, what)),
    }
    if s.precision.is_some() {
        return Err(PyError::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if s.no_neg_zero {
        return Err(PyError::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    let (negative, m) = match n {
        Num::Int(i) => (*i < 0, num_bigint::BigUint::from(i.unsigned_abs())),
        Num::Big(b) => (b.sign() == num_bigint::Sign::Minus, b.magnitude().clone()),
        Num::Float(_) => unreachable!("an int"),
    };
    let (digits, every) = match s.kind {
        None | Some('d' | 'n') => {
            if let Num::Big(b) = n
                && super::bigint::too_many_digits(b)
            {
                return Err(super::bigint::str_limit_error());
            }
            (m.to_string(), 3)
        }
        Some('x') => (format!("{m:x}"), 4),
        Some('X') => (format!("{m:X}"), 4),
        Some('o') => (format!("{m:o}"), 4),
        Some('b') => (format!("{m:b}"), 4),
        _ => return format_char(n, s),
    };
    let prefix = match (s.alt, s.kind) {
        (true, Some('x')) => "0x",
        (true, Some('X')) => "0X",
        (true, Some('o')) => "0o",
        (true, Some('b')) => "0b",
        _ => "",
    };
    Ok(layout_number(
        &sign_of(negative, s.sign),
        prefix,
        &digits,
        "",
        s,
        every,
    ))
}

/// `format(65, "c")`: the character with that code point.
fn format_char(n: &Num, s: &Spec) -> PyResult<String> {
    if s.sign.is_some() {
        return Err(PyError::value(
            "Sign not allowed with integer format specifier 'c'",
        ));
    }
    if s.alt {
        return Err(PyError::value(
            "Alternate form (#) not allowed with integer format specifier 'c'",
        ));
    }
    // CPython reads the int as a C long first.
    let too_large = || PyError::overflow("Python int too large to convert to C long");
    let c = match n {
        Num::Int(i) if i64::try_from(*i).is_err() => return Err(too_large()),
        Num::Big(_) => return Err(too_large()),
        Num::Int(i) => u32::try_from(*i).ok().and_then(char::from_u32),
        Num::Float(_) => None,
    }
    .ok_or_else(|| PyError::overflow("%c arg not in range(0x110000)"))?;
    Ok(pad(&c.to_string(), s, '>', ""))
}
