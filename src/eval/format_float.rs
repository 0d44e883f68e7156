//! `float.__format__` and `complex.__format__`: the digits of
//! CPython's `PyOS_double_to_string` for each presentation type, laid out
//! by `format_spec.rs`. A complex with no type is `str()`-like (`(1+2j)`,
//! no `.0`); with a type it has no parentheses and each part is formatted
//! as a float, the imaginary one always signed.

use super::error::{PyError, PyResult};
use super::spec_layout::{Spec, group, layout_number, pad, sign_of};

/// `format(x, spec)` for a float.
pub(super) fn format_float(x: f64, s: &Spec) -> PyResult<String> {
    check_kind(s, "float", "eEfFgGn%")?;
    let body = float_digits(x.abs(), s, true);
    let negative = is_negative(x, &body, s);
    let sign = sign_of(negative, s.sign);
    if !x.is_finite() {
        return Ok(pad(&body, s, '>', &sign));
    }
    let (int_digits, rest) = split_int(&body);
    Ok(layout_number(&sign, "", int_digits, rest, s, 3))
}

/// `format(z, spec)` for a complex.
pub(super) fn format_complex(re: f64, im: f64, s: &Spec) -> PyResult<String> {
    check_kind(s, "complex", "eEfFgGn")?;
    let (fill, align) = s.fill_align('>');
    if fill == '0' {
        return Err(PyError::value(
            "Zero padding is not allowed in complex format specifier",
        ));
    }
    if align == '=' {
        return Err(PyError::value(
            "'=' alignment flag is not allowed in complex format specifier",
        ));
    }
    // With no type, a zero real part (not -0.0) is left out, and anything
    // else is parenthesised, as `str()` shows it.
    let no_type = s.kind.is_none();
    let skip_re = no_type && re == 0.0 && re.is_sign_positive();
    let part = |x: f64, sign: Option<char>| {
        let body = float_digits(x.abs(), s, false);
        let sign = sign_of(is_negative(x, &body, s), sign);
        let (int_digits, rest) = split_int(&body);
        format!("{sign}{}{rest}", group(int_digits, s.grouping, 3))
    };
    let text = if skip_re {
        format!("{}j", part(im, s.sign))
    } else {
        let both = format!("{}{}j", part(re, s.sign), part(im, Some('+')));
        if no_type { format!("({both})") } else { both }
    };
    Ok(pad(&text, s, '>', ""))
}

fn check_kind(s: &Spec, what: &str, allowed: &str) -> PyResult<()> {
    match s.kind {
        Some(k) if !allowed.contains(k) => Err(PyError::value(format!(
            "Unknown format code '{k}' for object of type '{what}'"
        ))),
        _ => Ok(()),
    }
}

/// The minus sign shows unless `z` asked a zero result to drop it.
fn is_negative(x: f64, body: &str, s: &Spec) -> bool {
    let zero = || {
        body.chars()
            .take_while(|c| !matches!(c, 'e' | 'E' | '%'))
            .all(|c| matches!(c, '0' | '.'))
    };
    x.is_sign_negative() && !x.is_nan() && !(s.no_neg_zero && zero())
}

/// `123456.5e+03` → (`123456`, `.5e+03`): the digits grouping applies to.
fn split_int(body: &str) -> (&str, &str) {
    body.split_at(
        body.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(body.len()),
    )
}

/// The digits of a non-negative float under a spec (no sign, no padding,
/// no grouping). `dot0` is float's own no-type form, which keeps a `.0`
/// (`format(1.0, ".3")` is `'1.0'`); complex parts drop it.
fn float_digits(x: f64, s: &Spec, dot0: bool) -> String {
    if x.is_nan() || x.is_infinite() {
        let t = if x.is_nan() { "nan" } else { "inf" };
        let upper = matches!(s.kind, Some('E' | 'F' | 'G'));
        return if upper { t.to_uppercase() } else { t.into() };
    }
    let p = s.precision;
    match s.kind {
        Some('f' | 'F') => fixed(x, p.unwrap_or(6), s.alt),
        Some('%') => format!("{}%", fixed(x * 100.0, p.unwrap_or(6), s.alt)),
        Some('e') => sci(x, p.unwrap_or(6), s.alt),
        Some('E') => sci(x, p.unwrap_or(6), s.alt).to_uppercase(),
        Some('G') => general(x, p.unwrap_or(6), s.alt, false).to_uppercase(),
        Some(_) => general(x, p.unwrap_or(6), s.alt, false),
        None => match p {
            Some(p) => general(x, p, s.alt, dot0),
            None => shortest(x, s.alt, dot0),
        },
    }
}

/// `repr(x)`'s digits; without `dot0` an integral value has no `.0`, and
/// `#` keeps a point in every form (`1.e+20`).
fn shortest(x: f64, alt: bool, dot0: bool) -> String {
    let r = crate::render::py_float_repr(x);
    let r = if dot0 {
        r
    } else {
        r.strip_suffix(".0").map(str::to_string).unwrap_or(r)
    };
    match r.split_once('e') {
        Some((mant, exp)) if alt && !mant.contains('.') => format!("{mant}.e{exp}"),
        _ if alt && !r.contains('.') => format!("{r}."),
        _ => r,
    }
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
        if alt && !s.contains('.') {
            s.push('.');
        }
        s
    } else {
        let s = sci(x, p - 1, alt);
        let (mant, e) = s.split_once('e').unwrap_or((&s, ""));
        let mant = strip(mant.to_string());
        let mant = if alt && !mant.contains('.') {
            format!("{mant}.")
        } else {
            mant
        };
        format!("{mant}e{e}")
    }
}
