//! printf-style `template % values`, on the rules of CPython's
//! `PyUnicode_Format`: a conversion is `%[(key)][flags][width][.precision]
//! [length]type`, `*` takes the width or precision from the arguments, a
//! width right-aligns unless `-` is given, and `0` pads numbers (never
//! text) after their sign and `0x` prefix. Each argument is converted as
//! CPython converts it (`int()` for `%d`, `__index__` for `%x`, `float()`
//! for `%f`), so their refusals read as CPython's.

use super::args::Args;
use super::error::{PyError, PyResult};
use super::format_spec::format_value;
use super::value::{TypeObj, Value};
use crate::eval::session::Session;

/// The flags, width and precision of one conversion.
#[derive(Default)]
struct Conversion {
    left: bool,
    plus: bool,
    blank: bool,
    alt: bool,
    zero: bool,
    width: usize,
    precision: Option<usize>,
}

/// Where the next argument comes from, as CPython's `arglen`/`argidx`:
/// a tuple gives its items in turn, anything else is one argument, and a
/// `%(key)` conversion makes the looked-up value the only one left.
struct Arguments {
    items: Vec<Value>,
    /// Not a tuple: the one argument, given once.
    single: Option<Value>,
    next: usize,
    /// What `%(key)` looks keys up in: any subscriptable non-tuple,
    /// non-str value, as `PyMapping_Check` accepts it.
    mapping: Option<Value>,
}

impl Arguments {
    fn of(values: &Value) -> Arguments {
        let mapping = match values {
            Value::Dict(_) | Value::List(_) | Value::Bytes(_) | Value::Array(_) => {
                Some(values.clone())
            }
            _ => None,
        };
        match values {
            Value::Tuple(t) => Arguments {
                items: t.as_ref().clone(),
                single: None,
                next: 0,
                mapping,
            },
            other => Arguments {
                items: vec![],
                single: Some(other.clone()),
                next: 0,
                mapping,
            },
        }
    }

    fn take(&mut self) -> PyResult<Value> {
        let v = match &self.single {
            Some(v) if self.next == 0 => Some(v.clone()),
            Some(_) => None,
            None => self.items.get(self.next).cloned(),
        };
        self.next += 1;
        v.ok_or_else(|| PyError::type_error("not enough arguments for format string"))
    }

    /// Arguments left over (never an error when a mapping was given).
    fn unused(&self) -> bool {
        let len = if self.single.is_some() {
            1
        } else {
            self.items.len()
        };
        self.mapping.is_none() && self.next < len
    }
}

impl Session {
    /// `template % values`.
    pub(super) fn percent_format(&mut self, template: &str, values: &Value) -> PyResult<String> {
        let cs: Vec<char> = template.chars().collect();
        let mut args = Arguments::of(values);
        let mut out = String::new();
        let mut i = 0;
        while i < cs.len() {
            if cs[i] != '%' {
                out.push(cs[i]);
                i += 1;
                continue;
            }
            i += 1;
            if cs.get(i) == Some(&'%') {
                out.push('%');
                i += 1;
                continue;
            }
            if cs.get(i) == Some(&'(') {
                let key = format_key(&cs, &mut i)?;
                let Some(m) = args.mapping.clone() else {
                    return Err(PyError::type_error("format requires a mapping"));
                };
                let v = self.getitem(&m, &Value::str(&key))?;
                args.items.clear();
                args.single = Some(v);
                args.next = 0;
            }
            let conv = read_conversion(&cs, &mut i, &mut args)?;
            let Some(&kind) = cs.get(i) else {
                return Err(PyError::value("incomplete format"));
            };
            i += 1;
            let v = args.take()?;
            let text = self.convert(&v, kind, &conv, i - 1)?;
            out.push_str(&text);
        }
        if args.unused() {
            return Err(PyError::type_error(
                "not all arguments converted during string formatting",
            ));
        }
        Ok(out)
    }

    /// One conversion's text, padded to its width.
    fn convert(&mut self, v: &Value, kind: char, c: &Conversion, at: usize) -> PyResult<String> {
        match kind {
            's' | 'r' | 'a' => {
                let mut t = match kind {
                    's' => self.py_str(v)?,
                    'r' => self.py_repr(v)?,
                    _ => super::ascii_repr::ascii_escape(&self.py_repr(v)?),
                };
                if let Some(p) = c.precision {
                    t = t.chars().take(p).collect();
                }
                Ok(pad_text(&t, c))
            }
            'c' => Ok(pad_text(&self.percent_char(v)?.to_string(), c)),
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let n = self.percent_int(v, kind)?;
                let digits = format_value(&n, &int_spec(kind), &self.print_options)?;
                Ok(pad_number(&int_with_precision(&digits, kind, c), c))
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let x = self.percent_float(v)?;
                let alt = if c.alt { "#" } else { "" };
                let p = c.precision.unwrap_or(6);
                let body = format_value(
                    &Value::Float(x),
                    &format!("{alt}.{p}{kind}"),
                    &self.print_options,
                )?;
                Ok(pad_number(&body, c))
            }
            other => {
                let shown = if (' '..='\x7e').contains(&other) {
                    other
                } else {
                    '?'
                };
                Err(PyError::value(format!(
                    "unsupported format character '{shown}' (0x{:x}) at index {at}",
                    other as u32
                )))
            }
        }
    }

    /// `%d` takes `int(v)` of any number, `%x`/`%o` only what has
    /// `__index__`; anything else is CPython's "wrong type" message.
    fn percent_int(&mut self, v: &Value, kind: char) -> PyResult<Value> {
        let wrong = || {
            PyError::type_error(if matches!(kind, 'x' | 'X' | 'o') {
                format!(
                    "%{kind} format: an integer is required, not {}",
                    v.type_name()
                )
            } else {
                format!(
                    "%{kind} format: a real number is required, not {}",
                    v.type_name()
                )
            })
        };
        match v {
            Value::Int(_) | Value::BigInt(_) => return Ok(v.clone()),
            Value::Bool(b) => return Ok(Value::Int(i128::from(*b))),
            Value::Str(_) | Value::Bytes(_) | Value::None | Value::Complex(..) => {
                return Err(wrong());
            }
            // NumPy's text and time scalars are no numbers to CPython.
            Value::NpScalar(dt, _) if !dt.is_numeric() => return Err(wrong()),
            _ => {}
        }
        if matches!(kind, 'x' | 'X' | 'o') {
            return super::seq_index::operator_index(v).ok_or_else(wrong);
        }
        let int = Value::Type(TypeObj::Builtin("int"));
        match self.call(&int, Args::positional(vec![v.clone()])) {
            Err(e) if e.kind == "TypeError" => Err(wrong()),
            other => other,
        }
    }

    /// `%f`'s `PyFloat_AsDouble`: `float(v)` of anything with `__float__`.
    fn percent_float(&mut self, v: &Value) -> PyResult<f64> {
        let wrong = || PyError::type_error(format!("must be real number, not {}", v.type_name()));
        match v {
            Value::Float(x) => return Ok(*x),
            Value::Str(_)
            | Value::Bytes(_)
            | Value::None
            | Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)
            | Value::Complex(..) => return Err(wrong()),
            Value::NpScalar(dt, _) if !dt.is_numeric() => return Err(wrong()),
            _ => {}
        }
        let float = Value::Type(TypeObj::Builtin("float"));
        match self.call(&float, Args::positional(vec![v.clone()]))? {
            Value::Float(x) => Ok(x),
            Value::NpScalar(_, crate::engine::Scalar::Float(x)) => Ok(x),
            _ => Err(wrong()),
        }
    }

    /// `%c`: a one-character str, or an int in `range(0x110000)`.
    fn percent_char(&mut self, v: &Value) -> PyResult<char> {
        let wrong = || PyError::type_error("%c requires int or char");
        if let Value::Str(s) = v {
            let mut chars = s.chars();
            return match (chars.next(), chars.next()) {
                (Some(ch), None) => Ok(ch),
                _ => Err(wrong()),
            };
        }
        let out_of_range = || PyError::overflow("%c arg not in range(0x110000)");
        match super::seq_index::operator_index(v).ok_or_else(wrong)? {
            Value::Int(i) => u32::try_from(i)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(out_of_range),
            _ => Err(out_of_range()),
        }
    }
}

/// The key of `%(key)s`: up to the `)` that closes the first `(`, nested
/// parentheses counted as CPython counts them.
fn format_key(cs: &[char], i: &mut usize) -> PyResult<String> {
    let start = *i + 1;
    let mut depth = 1;
    let mut j = start;
    while j < cs.len() && depth > 0 {
        match cs[j] {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        j += 1;
    }
    if depth > 0 {
        return Err(PyError::value("incomplete format key"));
    }
    *i = j;
    Ok(cs[start..j - 1].iter().collect())
}

/// Flags, width, precision and length modifier, `*` read from `args`.
fn read_conversion(cs: &[char], i: &mut usize, args: &mut Arguments) -> PyResult<Conversion> {
    let mut c = Conversion::default();
    while let Some(&f) = cs.get(*i) {
        match f {
            '-' => c.left = true,
            '+' => c.plus = true,
            ' ' => c.blank = true,
            '#' => c.alt = true,
            '0' => c.zero = true,
            _ => break,
        }
        *i += 1;
    }
    if cs.get(*i) == Some(&'*') {
        *i += 1;
        let w = star_argument(args)?;
        if w < 0 {
            c.left = true;
        }
        c.width = usize::try_from(w.unsigned_abs()).unwrap_or(usize::MAX);
    } else {
        c.width = read_digits(cs, i, "width too big")?.unwrap_or(0);
    }
    if cs.get(*i) == Some(&'.') {
        *i += 1;
        c.precision = if cs.get(*i) == Some(&'*') {
            *i += 1;
            Some(usize::try_from(star_argument(args)?.max(0)).unwrap_or(usize::MAX))
        } else {
            Some(read_digits(cs, i, "precision too big")?.unwrap_or(0))
        };
    }
    while matches!(cs.get(*i), Some('h' | 'l' | 'L')) {
        *i += 1;
    }
    Ok(c)
}

/// A width or precision given as `*`: an int argument (a bool is one; a
/// NumPy integer is not, `PyLong_Check` being exact about it).
fn star_argument(args: &mut Arguments) -> PyResult<i128> {
    match args.take()? {
        Value::Int(n) if i32::try_from(n).is_ok() => Ok(n),
        Value::Bool(b) => Ok(i128::from(b)),
        Value::Int(_) | Value::BigInt(_) => Err(PyError::overflow(
            "Python int too large to convert to C int",
        )),
        _ => Err(PyError::type_error("* wants int")),
    }
}

fn read_digits(cs: &[char], i: &mut usize, too_big: &str) -> PyResult<Option<usize>> {
    let mut n: Option<usize> = None;
    while let Some(d) = cs.get(*i).and_then(|c| c.to_digit(10)) {
        let v = n
            .unwrap_or(0)
            .checked_mul(10)
            .and_then(|v| v.checked_add(d as usize))
            .filter(|v| *v <= i32::MAX as usize)
            .ok_or_else(|| PyError::value(too_big))?;
        n = Some(v);
        *i += 1;
    }
    Ok(n)
}

/// The format-spec that gives an int's plain digits for a `%` type.
fn int_spec(kind: char) -> String {
    match kind {
        'x' | 'X' | 'o' => kind.to_string(),
        _ => "d".into(),
    }
}

/// `-ff` → `-0x00ff` for `%#.4x`: the digits widened with zeros to the
/// precision, then the alternate form's prefix after the sign.
fn int_with_precision(signed_digits: &str, kind: char, c: &Conversion) -> String {
    let (sign, digits) = match signed_digits.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", signed_digits),
    };
    let zeros = c
        .precision
        .map_or(0, |p| p.saturating_sub(digits.chars().count()));
    let prefix = match (c.alt, kind) {
        (true, 'x') => "0x",
        (true, 'X') => "0X",
        (true, 'o') => "0o",
        _ => "",
    };
    format!("{sign}{prefix}{}{digits}", "0".repeat(zeros))
}

/// Text (`%s`, `%r`, `%a`, `%c`) pads with spaces, never zeros.
fn pad_text(t: &str, c: &Conversion) -> String {
    let gap = c.width.saturating_sub(t.chars().count());
    if c.left {
        format!("{t}{}", " ".repeat(gap))
    } else {
        format!("{}{t}", " ".repeat(gap))
    }
}

/// A number's text: its sign (`+`/space flags adding one), then padding —
/// zeros after the sign and `0x`/`0o` prefix with `0`, spaces otherwise,
/// on the right with `-`.
fn pad_number(body: &str, c: &Conversion) -> String {
    let (sign, rest) = match body.strip_prefix('-') {
        Some(r) => ("-", r),
        None if c.plus => ("+", body),
        None if c.blank => (" ", body),
        None => ("", body),
    };
    let (prefix, digits) = match rest.get(..2) {
        Some(p @ ("0x" | "0X" | "0o")) if c.alt => (p, &rest[2..]),
        _ => ("", rest),
    };
    let len = sign.len() + prefix.len() + digits.chars().count();
    let gap = c.width.saturating_sub(len);
    if c.left {
        format!("{sign}{prefix}{digits}{}", " ".repeat(gap))
    } else if c.zero {
        format!("{sign}{prefix}{}{digits}", "0".repeat(gap))
    } else {
        format!("{}{sign}{prefix}{digits}", " ".repeat(gap))
    }
}
