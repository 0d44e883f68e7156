//! Python's format-spec mini-language (`[[fill]align][sign][#][0][width]
//! [,_][.precision][type]`) applied to one value: what `format()`,
//! f-strings and `str.format` do to each field. NumPy scalars format as the
//! Python int or float they stand for; an empty spec is `str()`. The
//! statements that use it (f-strings, `str.format`, `%`) are `format.rs`'s.

use crate::engine::Scalar;
use crate::render::PrintOptions;

use super::display::str_of;
use super::error::{PyError, PyResult};
use super::value::Value;

/// A parsed format spec: `[[fill]align][sign][#][0][width][,_][.precision][type]`.
#[derive(Debug, Default, Clone)]
pub(super) struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    alt: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    kind: Option<char>,
}

pub(super) fn parse_spec(spec: &str) -> PyResult<Spec> {
    let cs: Vec<char> = spec.chars().collect();
    let mut s = Spec::default();
    let mut i = 0;
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if cs.len() >= 2 && is_align(cs[1]) {
        s.fill = Some(cs[0]);
        s.align = Some(cs[1]);
        i = 2;
    } else if !cs.is_empty() && is_align(cs[0]) {
        s.align = Some(cs[0]);
        i = 1;
    }
    if let Some(&c) = cs.get(i)
        && matches!(c, '+' | '-' | ' ')
    {
        s.sign = Some(c);
        i += 1;
    }
    if cs.get(i) == Some(&'z') {
        i += 1;
    }
    if cs.get(i) == Some(&'#') {
        s.alt = true;
        i += 1;
    }
    if cs.get(i) == Some(&'0') {
        s.zero = true;
        i += 1;
    }
    let mut w = String::new();
    while let Some(c) = cs.get(i).filter(|c| c.is_ascii_digit()) {
        w.push(*c);
        i += 1;
    }
    s.width = w.parse().unwrap_or(0);
    if let Some(&c) = cs.get(i)
        && matches!(c, ',' | '_')
    {
        s.grouping = Some(c);
        i += 1;
    }
    if cs.get(i) == Some(&'.') {
        i += 1;
        let mut p = String::new();
        while let Some(c) = cs.get(i).filter(|c| c.is_ascii_digit()) {
            p.push(*c);
            i += 1;
        }
        if p.is_empty() {
            return Err(PyError::value("Format specifier missing precision"));
        }
        s.precision = p.parse().ok();
    }
    if let Some(&c) = cs.get(i) {
        s.kind = Some(c);
        i += 1;
    }
    if i < cs.len() {
        return Err(PyError::value("Invalid format specifier"));
    }
    if s.width > 10_000 || s.precision.is_some_and(|p| p > 10_000) {
        return Err(PyError::value("Too many decimal digits in format string"));
    }
    Ok(s)
}

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
    if let Value::BigInt(b) = v
        && spec.is_empty()
        && super::bigint::too_many_digits(b)
    {
        return Err(super::bigint::str_limit_error());
    }
    if spec.is_empty() {
        // NumPy's smaller floats format as the Python float they convert
        // to (`f"{np.float32(0.1)}"` is '0.10000000149011612'); float64 is
        // a float subclass and formats as its str.
        if let Value::NpScalar(dt, Scalar::Float(f)) = v
            && matches!(
                dt,
                crate::engine::DType::Float32 | crate::engine::DType::Float16
            )
        {
            return Ok(crate::render::py_float_repr(*f));
        }
        return Ok(str_of(v, opts));
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
    let s = parse_spec(spec)?;
    let bad = |kind: char, what: &str| {
        PyError::value(format!(
            "Unknown format code '{kind}' for object of type '{what}'"
        ))
    };
    match (v, as_number(v)) {
        (Value::Str(_) | Value::NpScalar(_, Scalar::Str(_)), _) => {
            if let Some(k) = s.kind.filter(|k| *k != 's') {
                return Err(bad(k, "str"));
            }
            if s.sign.is_some() {
                return Err(PyError::value(
                    "Sign not allowed in string format specifier",
                ));
            }
            let mut text = str_of(v, opts);
            if let Some(p) = s.precision {
                text = text.chars().take(p).collect();
            }
            Ok(pad(&text, &s, '<', ""))
        }
        (_, Some(n @ (Num::Int(_) | Num::Big(_))))
            if !matches!(s.kind, Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%')) =>
        {
            if s.precision.is_some() {
                return Err(PyError::value(
                    "Precision not allowed in integer format specifier",
                ));
            }
            let (negative, m) = match &n {
                Num::Int(i) => (*i < 0, num_bigint::BigUint::from(i.unsigned_abs())),
                Num::Big(b) => (b.sign() == num_bigint::Sign::Minus, b.magnitude().clone()),
                Num::Float(_) => unreachable!("matched an int"),
            };
            let digits = match s.kind {
                None | Some('d') | Some('n') => {
                    if let Num::Big(b) = &n
                        && super::bigint::too_many_digits(b)
                    {
                        return Err(super::bigint::str_limit_error());
                    }
                    group(&m.to_string(), s.grouping, 3)
                }
                Some('x') => group(&format!("{m:x}"), s.grouping, 4),
                Some('X') => group(&format!("{m:X}"), s.grouping, 4),
                Some('o') => group(&format!("{m:o}"), s.grouping, 4),
                Some('b') => group(&format!("{m:b}"), s.grouping, 4),
                Some('c') => match &n {
                    Num::Int(i) => char::from_u32(*i as u32)
                        .map(String::from)
                        .unwrap_or_default(),
                    _ => {
                        return Err(PyError::overflow(
                            "Python int too large to convert to C long",
                        ));
                    }
                },
                Some(k) => return Err(bad(k, "int")),
            };
            let prefix = match (s.alt, s.kind) {
                (true, Some('x')) => "0x",
                (true, Some('X')) => "0X",
                (true, Some('o')) => "0o",
                (true, Some('b')) => "0b",
                _ => "",
            };
            let sign = sign_of(negative, s.sign);
            Ok(pad(&format!("{prefix}{digits}"), &s, '>', &sign))
        }
        (_, Some(n)) => {
            let x = match n {
                Num::Int(i) => i as f64,
                Num::Big(b) => super::bigint::to_f64(&b)?,
                Num::Float(f) => f,
            };
            let body = float_body(x.abs(), &s)?;
            let sign = sign_of(x.is_sign_negative() && !x.is_nan(), s.sign);
            Ok(pad(&body, &s, '>', &sign))
        }
        _ => Err(PyError::type_error(format!(
            "unsupported format string passed to {}.__format__",
            v.type_name()
        ))),
    }
}

pub(super) fn sign_of(negative: bool, sign: Option<char>) -> String {
    match (negative, sign) {
        (true, _) => "-".into(),
        (false, Some('+')) => "+".into(),
        (false, Some(' ')) => " ".into(),
        _ => String::new(),
    }
}

/// Digits of a non-negative float under a spec (no sign, no padding).
pub(super) fn float_body(x: f64, s: &Spec) -> PyResult<String> {
    if x.is_nan() || x.is_infinite() {
        let t = if x.is_nan() { "nan" } else { "inf" };
        let upper = matches!(s.kind, Some('E' | 'F' | 'G'));
        return Ok(if upper { t.to_uppercase() } else { t.into() });
    }
    let out = match s.kind {
        Some('f' | 'F') => fixed(x, s.precision.unwrap_or(6), s.alt),
        Some('%') => format!("{}%", fixed(x * 100.0, s.precision.unwrap_or(6), s.alt)),
        Some(k @ ('e' | 'E')) => {
            let t = sci(x, s.precision.unwrap_or(6), s.alt);
            if k == 'E' { t.to_uppercase() } else { t }
        }
        Some(k @ ('g' | 'G')) => {
            let t = general(x, s.precision.unwrap_or(6), s.alt, false);
            if k == 'G' { t.to_uppercase() } else { t }
        }
        Some('n') => general(x, s.precision.unwrap_or(6), s.alt, false),
        None => match s.precision {
            None => crate::render::py_float_repr(x),
            Some(p) => general(x, p, s.alt, true),
        },
        Some(k) => {
            return Err(PyError::value(format!(
                "Unknown format code '{k}' for object of type 'float'"
            )));
        }
    };
    Ok(match s.grouping {
        Some(g) => {
            let (int, rest) = match out.find(['.', 'e', 'E', '%']) {
                Some(p) => out.split_at(p),
                None => (out.as_str(), ""),
            };
            format!("{}{rest}", group(int, Some(g), 3))
        }
        None => out,
    })
}

pub(super) fn fixed(x: f64, p: usize, alt: bool) -> String {
    let t = format!("{x:.p$}");
    if alt && p == 0 { format!("{t}.") } else { t }
}

/// `1.234500e+00`: Rust's `{:e}` with Python's exponent (sign, two digits).
pub(super) fn sci(x: f64, p: usize, alt: bool) -> String {
    let t = format!("{x:.p$e}");
    let (mant, exp) = t.split_once('e').unwrap_or((&t, "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    let mant = if alt && p == 0 {
        format!("{mant}.")
    } else {
        mant.to_string()
    };
    format!("{mant}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// `g`: fixed or scientific by the exponent, trailing zeros dropped.
/// `repr_like` is the spec with no type: at least one digit after the point.
pub(super) fn general(x: f64, p: usize, alt: bool, repr_like: bool) -> String {
    let p = p.max(1);
    let t = format!("{x:.prec$e}", prec = p - 1);
    let exp: i32 = t
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let strip = |s: String| -> String {
        if alt || !s.contains('.') {
            return s;
        }
        let s = s.trim_end_matches('0');
        s.strip_suffix('.').unwrap_or(s).to_string()
    };
    if -4 <= exp && exp < p as i32 {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        let mut s = strip(format!("{x:.decimals$}"));
        if repr_like && !s.contains('.') {
            s.push_str(".0");
        }
        s
    } else {
        let s = sci(x, p - 1, alt);
        let (mant, e) = s.split_once('e').unwrap_or((&s, ""));
        format!("{}e{e}", strip(mant.to_string()))
    }
}

/// Inserts a separator every `every` digits from the right.
pub(super) fn group(digits: &str, sep: Option<char>, every: usize) -> String {
    let Some(sep) = sep else {
        return digits.to_string();
    };
    let n = digits.chars().count();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Pads to the spec's width; `default` is the type's natural alignment.
pub(super) fn pad(body: &str, s: &Spec, default: char, sign: &str) -> String {
    let (fill, align) = match (s.fill, s.align, s.zero) {
        (f, Some(a), _) => (f.unwrap_or(' '), a),
        (_, None, true) => ('0', '='),
        (_, None, false) => (' ', default),
    };
    let len = sign.chars().count() + body.chars().count();
    if len >= s.width {
        return format!("{sign}{body}");
    }
    let gap = s.width - len;
    let fills = |n: usize| fill.to_string().repeat(n);
    match align {
        '<' => format!("{sign}{body}{}", fills(gap)),
        '^' => format!("{}{sign}{body}{}", fills(gap / 2), fills(gap - gap / 2)),
        '=' => format!("{sign}{}{body}", fills(gap)),
        _ => format!("{}{sign}{body}", fills(gap)),
    }
}
