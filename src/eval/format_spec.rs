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
use super::value::Value;

/// A parsed format spec: `[[fill]align][sign][z][#][0][width][,_][.precision][type]`.
#[derive(Debug, Default, Clone)]
pub(super) struct Spec {
    pub(super) fill: Option<char>,
    pub(super) align: Option<char>,
    pub(super) sign: Option<char>,
    /// `z`: a negative zero shows as zero.
    pub(super) no_neg_zero: bool,
    pub(super) alt: bool,
    /// `0` before the width (only when no fill was given).
    pub(super) zero: bool,
    pub(super) width: usize,
    pub(super) grouping: Option<char>,
    pub(super) precision: Option<usize>,
    pub(super) kind: Option<char>,
}

impl Spec {
    /// The fill and alignment in force: `0` fills with zeros and, for a
    /// type that aligns right by default (numbers), pads after the sign.
    pub(super) fn fill_align(&self, default: char) -> (char, char) {
        let fill = self.fill.unwrap_or(if self.zero { '0' } else { ' ' });
        let align = self.align.unwrap_or(if self.zero && default == '>' {
            '='
        } else {
            default
        });
        (fill, align)
    }
}

/// `spec` parsed for an object of type `what` whose type defaults to
/// `default_kind`, as CPython's `parse_internal_render_format_spec`.
pub(super) fn parse_spec(spec: &str, what: &str, default_kind: Option<char>) -> PyResult<Spec> {
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
        s.no_neg_zero = true;
        i += 1;
    }
    if cs.get(i) == Some(&'#') {
        s.alt = true;
        i += 1;
    }
    if s.fill.is_none() && cs.get(i) == Some(&'0') {
        s.zero = true;
        i += 1;
    }
    s.width = read_count(&cs, &mut i)?.unwrap_or(0);
    if let Some(&c) = cs.get(i)
        && matches!(c, ',' | '_')
    {
        s.grouping = Some(c);
        i += 1;
        if let Some(&d) = cs.get(i).filter(|d| matches!(d, ',' | '_')) {
            return Err(PyError::value(if d == c {
                format!("Cannot specify '{c}' with '{c}'.")
            } else {
                "Cannot specify both ',' and '_'.".to_string()
            }));
        }
    }
    if cs.get(i) == Some(&'.') {
        i += 1;
        s.precision = read_count(&cs, &mut i)?;
        if s.precision.is_none() {
            return Err(PyError::value("Format specifier missing precision"));
        }
    }
    if cs.len() > i + 1 {
        return Err(PyError::value(format!(
            "Invalid format specifier '{spec}' for object of type '{what}'"
        )));
    }
    s.kind = cs.get(i).copied();
    if let Some(sep) = s.grouping {
        let kind = s.kind.or(default_kind);
        let allowed = match kind {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
            Some('b' | 'o' | 'x' | 'X') => sep == '_',
            _ => false,
        };
        if !allowed {
            let k = kind.unwrap_or_default();
            return Err(PyError::value(format!(
                "Cannot specify '{sep}' with '{k}'."
            )));
        }
    }
    if s.width > 10_000 || s.precision.is_some_and(|p| p > 10_000) {
        return Err(PyError::value("Too many decimal digits in format string"));
    }
    Ok(s)
}

/// A width or precision; past a C `Py_ssize_t` it is CPython's error.
fn read_count(cs: &[char], i: &mut usize) -> PyResult<Option<usize>> {
    let mut n: Option<u64> = None;
    while let Some(d) = cs.get(*i).and_then(|c| c.to_digit(10)) {
        n = Some(
            n.unwrap_or(0)
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(d)))
                .filter(|v| *v <= i64::MAX as u64)
                .ok_or_else(|| PyError::value("Too many decimal digits in format string"))?,
        );
        *i += 1;
    }
    Ok(n.map(|v| usize::try_from(v).unwrap_or(usize::MAX)))
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
    // `ndarray.__format__`: a 0-d array formats as its element; any other
    // array only with an empty spec (`object.__format__`).
    if let Value::Array(a) = v {
        if a.ndim() == 0 {
            return format_value(&super::coerce::scalarize(a.clone()), spec, opts);
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
    let c = match n {
        Num::Int(i) => u32::try_from(*i).ok().and_then(char::from_u32),
        _ => None,
    }
    .ok_or_else(|| PyError::overflow("%c arg not in range(0x110000)"))?;
    Ok(pad(&c.to_string(), s, '>', ""))
}

/// A number's sign, `+`/space as the spec asks for a non-negative one.
pub(super) fn sign_of(negative: bool, sign: Option<char>) -> String {
    match (negative, sign) {
        (true, _) => "-".into(),
        (false, Some('+')) => "+".into(),
        (false, Some(' ')) => " ".into(),
        _ => String::new(),
    }
}

/// A number laid out: sign, `0x`-like prefix, integer digits grouped,
/// then `rest` (fraction, exponent, `%`, `j`), padded to the width. With
/// zero padding after the sign the zeros are digits, grouped with them
/// (`format(1234, "09,")` is `'0,001,234'`), as CPython's
/// `_PyUnicode_InsertThousandsGrouping` writes them.
pub(super) fn layout_number(
    sign: &str,
    prefix: &str,
    int_digits: &str,
    rest: &str,
    s: &Spec,
    every: usize,
) -> String {
    let lead = format!("{sign}{prefix}");
    let int_part = match s.grouping {
        Some(sep) if s.fill_align('>') == ('0', '=') => {
            let room = s
                .width
                .saturating_sub(lead.chars().count() + rest.chars().count());
            group_to_width(int_digits, sep, every, room)
        }
        sep => group(int_digits, sep, every),
    };
    pad(&format!("{int_part}{rest}"), s, '>', &lead)
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

/// Groups `digits`, widened with leading zeros until the text is at least
/// `min_width` long, never starting with a separator.
fn group_to_width(digits: &str, sep: char, every: usize, min_width: usize) -> String {
    let chars: Vec<char> = digits.chars().collect();
    let mut remaining = chars.len();
    let mut min_width = min_width as isize;
    let mut groups: Vec<String> = Vec::new();
    loop {
        let size = every.min(remaining.max(min_width.max(1) as usize));
        let taken = remaining.min(size);
        let mut g = "0".repeat(size - taken);
        g.extend(&chars[remaining - taken..remaining]);
        groups.push(g);
        remaining -= taken;
        min_width -= size as isize;
        if remaining == 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    groups.reverse();
    groups.join(&sep.to_string())
}

/// Pads to the spec's width; `default` is the type's natural alignment,
/// `sign` what goes before the fill under `=` alignment.
pub(super) fn pad(body: &str, s: &Spec, default: char, sign: &str) -> String {
    let (fill, align) = s.fill_align(default);
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
