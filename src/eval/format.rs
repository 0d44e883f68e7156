//! Python's string formatting: the format-spec mini-language (`format()`,
//! f-strings, `str.format`) and printf-style `%`. NumPy scalars format as
//! the Python int or float they stand for; an empty spec is `str()`.

use crate::engine::Scalar;
use crate::render::PrintOptions;
use crate::syntax::ast::FPart;

use super::display::{repr, str_of};
use super::error::{PyError, PyResult};
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::session::Session;

/// A parsed format spec: `[[fill]align][sign][#][0][width][,_][.precision][type]`.
#[derive(Debug, Default, Clone)]
struct Spec {
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

fn parse_spec(spec: &str) -> PyResult<Spec> {
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
enum Num {
    Int(i128),
    Float(f64),
}

fn as_number(v: &Value) -> Option<Num> {
    Some(match v {
        Value::Int(i) => Num::Int(*i),
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
        (_, Some(Num::Int(i)))
            if !matches!(s.kind, Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%')) =>
        {
            if s.precision.is_some() {
                return Err(PyError::value(
                    "Precision not allowed in integer format specifier",
                ));
            }
            let digits = match s.kind {
                None | Some('d') | Some('n') => group(&i.unsigned_abs().to_string(), s.grouping, 3),
                Some('x') => group(&format!("{:x}", i.unsigned_abs()), s.grouping, 4),
                Some('X') => group(&format!("{:X}", i.unsigned_abs()), s.grouping, 4),
                Some('o') => group(&format!("{:o}", i.unsigned_abs()), s.grouping, 4),
                Some('b') => group(&format!("{:b}", i.unsigned_abs()), s.grouping, 4),
                Some('c') => char::from_u32(i as u32)
                    .map(String::from)
                    .unwrap_or_default(),
                Some(k) => return Err(bad(k, "int")),
            };
            let prefix = match (s.alt, s.kind) {
                (true, Some('x')) => "0x",
                (true, Some('X')) => "0X",
                (true, Some('o')) => "0o",
                (true, Some('b')) => "0b",
                _ => "",
            };
            let sign = sign_of(i < 0, s.sign);
            Ok(pad(&format!("{prefix}{digits}"), &s, '>', &sign))
        }
        (_, Some(n)) => {
            let x = match n {
                Num::Int(i) => i as f64,
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

fn sign_of(negative: bool, sign: Option<char>) -> String {
    match (negative, sign) {
        (true, _) => "-".into(),
        (false, Some('+')) => "+".into(),
        (false, Some(' ')) => " ".into(),
        _ => String::new(),
    }
}

/// Digits of a non-negative float under a spec (no sign, no padding).
fn float_body(x: f64, s: &Spec) -> PyResult<String> {
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

fn fixed(x: f64, p: usize, alt: bool) -> String {
    let t = format!("{x:.p$}");
    if alt && p == 0 { format!("{t}.") } else { t }
}

/// `1.234500e+00`: Rust's `{:e}` with Python's exponent (sign, two digits).
fn sci(x: f64, p: usize, alt: bool) -> String {
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
fn general(x: f64, p: usize, alt: bool, repr_like: bool) -> String {
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
fn group(digits: &str, sep: Option<char>, every: usize) -> String {
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
fn pad(body: &str, s: &Spec, default: char, sign: &str) -> String {
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

impl Session {
    /// The text of an f-string.
    pub(super) fn eval_fstring(&mut self, parts: &[FPart]) -> PyResult<String> {
        let mut out = String::new();
        for p in parts {
            match p {
                FPart::Lit(t) => out.push_str(t),
                FPart::Field {
                    expr,
                    conv,
                    spec,
                    debug,
                } => {
                    if let Some(d) = debug {
                        out.push_str(d);
                    }
                    let v = self.eval(expr)?;
                    let spec = self.eval_fstring(spec)?;
                    let v = match conv {
                        Some('r') | Some('a') => Value::str(&self.py_repr(&v)?),
                        Some(_) => Value::str(&self.py_str(&v)?),
                        None if matches!(&v, Value::Object(o)
                            if matches!(o.as_ref(), super::object::Obj::Instance(_))) =>
                        {
                            Value::str(&self.py_str(&v)?)
                        }
                        None => v,
                    };
                    out.push_str(&format_value(&v, &spec, &self.print_options)?);
                }
            }
        }
        Ok(out)
    }

    /// `template.format(*args, **kwargs)`.
    pub(super) fn str_format(&mut self, template: &str, args: &Args) -> PyResult<String> {
        let cs: Vec<char> = template.chars().collect();
        let mut out = String::new();
        let mut auto = 0usize;
        let mut i = 0;
        while i < cs.len() {
            match cs[i] {
                '{' if cs.get(i + 1) == Some(&'{') => {
                    out.push('{');
                    i += 2;
                }
                '}' if cs.get(i + 1) == Some(&'}') => {
                    out.push('}');
                    i += 2;
                }
                '}' => {
                    return Err(PyError::value("Single '}' encountered in format string"));
                }
                '{' => {
                    let mut depth = 1;
                    let mut j = i + 1;
                    while j < cs.len() && depth > 0 {
                        match cs[j] {
                            '{' => depth += 1,
                            '}' => depth -= 1,
                            _ => {}
                        }
                        j += 1;
                    }
                    if depth > 0 {
                        return Err(PyError::value("expected '}' before end of string"));
                    }
                    let field: String = cs[i + 1..j - 1].iter().collect();
                    out.push_str(&self.format_field(&field, args, &mut auto)?);
                    i = j;
                }
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
        Ok(out)
    }

    fn format_field(&mut self, field: &str, args: &Args, auto: &mut usize) -> PyResult<String> {
        let (head, spec) = match field.find(':') {
            Some(p) => (&field[..p], &field[p + 1..]),
            None => (field, ""),
        };
        let (name, conv) = match head.rfind('!') {
            Some(p) => (&head[..p], head[p + 1..].chars().next()),
            None => (head, None),
        };
        let split = name.find(['.', '[']).unwrap_or(name.len());
        let (first, mut rest) = name.split_at(split);
        let mut v = if first.is_empty() {
            let k = *auto;
            *auto += 1;
            args.pos.get(k).cloned().ok_or_else(|| {
                PyError::index(format!(
                    "Replacement index {k} out of range for positional args tuple"
                ))
            })?
        } else if let Ok(k) = first.parse::<usize>() {
            args.pos.get(k).cloned().ok_or_else(|| {
                PyError::index(format!(
                    "Replacement index {k} out of range for positional args tuple"
                ))
            })?
        } else {
            args.kw(first)
                .cloned()
                .ok_or_else(|| PyError::new("KeyError", format!("'{first}'")))?
        };
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                v = self.getattr(&v, &r[..end])?;
                rest = &r[end..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let end = r
                    .find(']')
                    .ok_or_else(|| PyError::value("Missing ']' in format string"))?;
                let key = &r[..end];
                let idx = match key.parse::<i128>() {
                    Ok(n) => Value::Int(n),
                    Err(_) => Value::str(key),
                };
                v = self.getitem(&v, &idx)?;
                rest = &r[end + 1..];
            } else {
                break;
            }
        }
        let spec = if spec.contains('{') {
            self.str_format(spec, args)?
        } else {
            spec.to_string()
        };
        let v = match conv {
            Some('r') | Some('a') => Value::str(&repr(&v, &self.print_options)),
            Some('s') => Value::str(&str_of(&v, &self.print_options)),
            Some(c) => {
                return Err(PyError::value(format!("Unknown conversion specifier {c}")));
            }
            None => v,
        };
        format_value(&v, &spec, &self.print_options)
    }

    /// `template % values`.
    pub(super) fn percent_format(&mut self, template: &str, values: &Value) -> PyResult<String> {
        let opts = self.print_options.clone();
        let (items, mapping) = match values {
            Value::Tuple(t) => (t.as_ref().clone(), None),
            Value::Dict(_) => (vec![], Some(values.clone())),
            other => (vec![other.clone()], None),
        };
        let cs: Vec<char> = template.chars().collect();
        let mut out = String::new();
        let mut next = 0usize;
        let mut i = 0;
        while i < cs.len() {
            if cs[i] != '%' {
                out.push(cs[i]);
                i += 1;
                continue;
            }
            i += 1;
            let mut v: Option<Value> = None;
            if cs.get(i) == Some(&'(') {
                let end = cs[i..]
                    .iter()
                    .position(|c| *c == ')')
                    .ok_or_else(|| PyError::value("incomplete format key"))?;
                let key: String = cs[i + 1..i + end].iter().collect();
                let Some(m) = &mapping else {
                    return Err(PyError::type_error("format requires a mapping"));
                };
                v = Some(self.getitem(m, &Value::str(&key))?);
                i += end + 1;
            }
            let mut flags = String::new();
            while let Some(&c) = cs
                .get(i)
                .filter(|c| matches!(c, '-' | '+' | ' ' | '#' | '0'))
            {
                flags.push(c);
                i += 1;
            }
            let mut width = String::new();
            while let Some(&c) = cs.get(i).filter(|c| c.is_ascii_digit() || **c == '*') {
                width.push(c);
                i += 1;
            }
            let mut precision = None;
            if cs.get(i) == Some(&'.') {
                i += 1;
                let mut p = String::new();
                while let Some(&c) = cs.get(i).filter(|c| c.is_ascii_digit()) {
                    p.push(c);
                    i += 1;
                }
                precision = Some(p.parse::<usize>().unwrap_or(0));
            }
            let Some(&kind) = cs.get(i) else {
                return Err(PyError::value("incomplete format"));
            };
            i += 1;
            if kind == '%' {
                out.push('%');
                continue;
            }
            let v = match v {
                Some(v) => v,
                None => {
                    let v = items.get(next).cloned().ok_or_else(|| {
                        PyError::type_error("not enough arguments for format string")
                    })?;
                    next += 1;
                    v
                }
            };
            let align = if flags.contains('-') { "<" } else { "" };
            let sign = if flags.contains('+') {
                "+"
            } else if flags.contains(' ') {
                " "
            } else {
                ""
            };
            let zero = if flags.contains('0') && !flags.contains('-') {
                "0"
            } else {
                ""
            };
            let alt = if flags.contains('#') { "#" } else { "" };
            let prec = precision.map(|p| format!(".{p}")).unwrap_or_default();
            let text = match kind {
                's' | 'r' | 'a' => {
                    let t = if kind == 's' {
                        str_of(&v, &opts)
                    } else {
                        repr(&v, &opts)
                    };
                    format_value(&Value::str(&t), &format!("{align}{width}{prec}"), &opts)?
                }
                'd' | 'i' | 'u' => {
                    let n = match as_number(&v) {
                        Some(Num::Int(n)) => n,
                        Some(Num::Float(f)) => f.trunc() as i128,
                        None => {
                            return Err(PyError::type_error(format!(
                                "%{kind} format: a real number is required, not {}",
                                v.type_name()
                            )));
                        }
                    };
                    format_value(
                        &Value::Int(n),
                        &format!("{align}{sign}{zero}{width}d"),
                        &opts,
                    )?
                }
                'x' | 'X' | 'o' | 'c' => {
                    format_value(&v, &format!("{align}{sign}{alt}{zero}{width}{kind}"), &opts)?
                }
                'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                    if as_number(&v).is_none() {
                        return Err(PyError::type_error(format!(
                            "must be real number, not {}",
                            v.type_name()
                        )));
                    }
                    let prec = if prec.is_empty() {
                        ".6".to_string()
                    } else {
                        prec
                    };
                    format_value(
                        &v,
                        &format!("{align}{sign}{alt}{zero}{width}{prec}{kind}"),
                        &opts,
                    )?
                }
                other => {
                    return Err(PyError::value(format!(
                        "unsupported format character '{other}' (0x{:x}) at index {}",
                        other as u32,
                        i - 1
                    )));
                }
            };
            out.push_str(&text);
        }
        if mapping.is_none() && next < items.len() {
            return Err(PyError::type_error(
                "not all arguments converted during string formatting",
            ));
        }
        Ok(out)
    }
}
