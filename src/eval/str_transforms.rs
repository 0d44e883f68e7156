//! More of `str`'s methods, on CPython's rules: `splitlines` (every line
//! boundary Python knows, `keepends`), `partition`/`rpartition`,
//! `expandtabs`, `casefold`, `removeprefix`/`removesuffix`,
//! `isprintable`, `istitle` and `translate`. `pymethods.rs` hands them
//! here.

use super::args::Args;
use super::error::{PyError, PyResult};
use super::value::Value;
use crate::eval::session::Session;

/// `text.name(*args)` for the methods above; `None` for any other name.
pub fn method(s: &mut Session, text: &str, name: &str, args: &Args) -> PyResult<Option<Value>> {
    Ok(Some(match name {
        "splitlines" => {
            let keepends = match args.get(0, "keepends") {
                Some(v) => int_flag(v)?,
                None => false,
            };
            Value::list(
                splitlines(text, keepends)
                    .into_iter()
                    .map(Value::str)
                    .collect(),
            )
        }
        "partition" | "rpartition" => {
            let sep = match args.req(0, "sep", name)? {
                Value::Str(sep) => sep.clone(),
                other => {
                    return Err(PyError::type_error(format!(
                        "must be str, not {}",
                        other.type_name()
                    )));
                }
            };
            if sep.is_empty() {
                return Err(PyError::value("empty separator"));
            }
            let parts = |a: &str, sep: &str, b: &str| {
                Value::tuple(vec![Value::str(a), Value::str(sep), Value::str(b)])
            };
            match (name, text.split_once(&*sep), text.rsplit_once(&*sep)) {
                ("partition", Some((a, b)), _) | ("rpartition", _, Some((a, b))) => {
                    parts(a, &sep, b)
                }
                ("partition", ..) => parts(text, "", ""),
                _ => parts("", "", text),
            }
        }
        "expandtabs" => {
            let size = match args.get(0, "tabsize") {
                Some(v) => int_of(v)?,
                None => 8,
            };
            Value::str(&expandtabs(text, size))
        }
        "casefold" => Value::str(&super::casefold::casefold(text)),
        "removeprefix" | "removesuffix" => {
            let affix = match args.req(0, "prefix", name)? {
                Value::Str(a) => a.clone(),
                other => {
                    return Err(PyError::type_error(format!(
                        "{name}() argument must be str, not {}",
                        argument_type(other)
                    )));
                }
            };
            let rest = if name == "removeprefix" {
                text.strip_prefix(&*affix)
            } else {
                text.strip_suffix(&*affix)
            };
            Value::str(rest.unwrap_or(text))
        }
        "isprintable" => Value::Bool(text.chars().all(is_printable)),
        "istitle" => Value::Bool(is_title(text)),
        "translate" => Value::str(&translate(s, text, args.req(0, "table", name)?)?),
        _ => return Ok(None),
    }))
}

/// How Argument Clinic names an argument's type: `None` for None.
fn argument_type(v: &Value) -> String {
    match v {
        Value::None => "None".into(),
        other => other.type_name(),
    }
}

/// An argument CPython reads as a C int (`keepends`).
fn int_flag(v: &Value) -> PyResult<bool> {
    Ok(int_of(v)? != 0)
}

fn int_of(v: &Value) -> PyResult<i128> {
    match super::seq_index::operator_index(v) {
        Some(Value::Int(i)) if i32::try_from(i).is_ok() => Ok(i),
        Some(_) => Err(PyError::overflow(
            "Python int too large to convert to C int",
        )),
        None => Err(PyError::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            v.type_name()
        ))),
    }
}

/// Python's line boundaries: `\n`, `\r`, `\r\n`, `\v`, `\f`, the file,
/// group and record separators, NEL and the Unicode line and paragraph
/// separators.
fn splitlines(text: &str, keepends: bool) -> Vec<&str> {
    let is_break = |c: char| {
        matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        )
    };
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if !is_break(c) {
            continue;
        }
        let mut end = at + c.len_utf8();
        if c == '\r' && chars.peek().is_some_and(|(_, n)| *n == '\n') {
            chars.next();
            end += 1;
        }
        lines.push(&text[start..if keepends { end } else { at }]);
        start = end;
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

/// Tabs to spaces up to the next multiple of `size` (a line break
/// restarts the column; a size of 0 or less drops tabs).
fn expandtabs(text: &str, size: i128) -> String {
    let mut out = String::with_capacity(text.len());
    let mut column: i128 = 0;
    for c in text.chars() {
        match c {
            '\t' => {
                if size > 0 {
                    let n = size - column % size;
                    out.extend(std::iter::repeat_n(' ', n as usize));
                    column += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}

/// `str.isprintable` per character: not a control, format, separator
/// (but the ASCII space), private-use or unassigned code point.
fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    let code = c as u32;
    !c.is_control()
        && !NOT_PRINTABLE
            .iter()
            .any(|(lo, hi)| (*lo..=*hi).contains(&code))
        && unicode_names2::name(c).is_some()
}

/// The non-ASCII code points that are assigned but not printable: the
/// format characters, separators and private-use areas.
const NOT_PRINTABLE: &[(u32, u32)] = &[
    (0xa0, 0xa0),
    (0xad, 0xad),
    (0x600, 0x605),
    (0x61c, 0x61c),
    (0x6dd, 0x6dd),
    (0x70f, 0x70f),
    (0x890, 0x891),
    (0x8e2, 0x8e2),
    (0x1680, 0x1680),
    (0x180e, 0x180e),
    (0x2000, 0x200f),
    (0x2028, 0x202f),
    (0x205f, 0x2064),
    (0x2066, 0x206f),
    (0x3000, 0x3000),
    (0xe000, 0xf8ff),
    (0xfeff, 0xfeff),
    (0xfff9, 0xfffb),
    (0x110bd, 0x110bd),
    (0x110cd, 0x110cd),
    (0x13430, 0x13438),
    (0x1bca0, 0x1bca3),
    (0x1d173, 0x1d17a),
    (0xe0001, 0xe0001),
    (0xe0020, 0xe007f),
    (0xf0000, 0xffffd),
    (0x100000, 0x10fffd),
];

/// `str.istitle`: upper- and titlecase letters only after uncased
/// characters, lowercase only after cased ones, and at least one cased.
fn is_title(text: &str) -> bool {
    let (mut previous_cased, mut cased) = (false, false);
    for c in text.chars() {
        if c.is_uppercase() || is_titlecase(c) {
            if previous_cased {
                return false;
            }
            previous_cased = true;
            cased = true;
        } else if c.is_lowercase() {
            if !previous_cased {
                return false;
            }
            previous_cased = true;
            cased = true;
        } else {
            previous_cased = false;
        }
    }
    cased
}

/// Unicode's titlecase letters (category Lt): `ǅ`, `ǈ`, `ǋ`, `ǲ` and the
/// Greek capitals with prosgegrammeni.
fn is_titlecase(c: char) -> bool {
    matches!(c as u32,
        0x1c5 | 0x1c8 | 0x1cb | 0x1f2 | 0x1f88..=0x1f8f | 0x1f98..=0x1f9f | 0x1fa8..=0x1faf
            | 0x1fbc | 0x1fcc | 0x1ffc)
}

/// `text.translate(table)`: each character looked up by its code point
/// (`table[ord(c)]`); a missing key (`LookupError`) keeps it, `None`
/// deletes it, an int or str replaces it.
fn translate(s: &mut Session, text: &str, table: &Value) -> PyResult<String> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match s.getitem(table, &Value::Int(i128::from(c as u32))) {
            Ok(Value::None) => {}
            Ok(Value::Str(t)) => out.push_str(&t),
            Ok(v) => {
                match super::seq_index::operator_index(&v) {
                    Some(Value::Int(i)) => {
                        out.push(u32::try_from(i).ok().and_then(char::from_u32).ok_or_else(
                            || PyError::value("character mapping must be in range(0x110000)"),
                        )?)
                    }
                    _ => {
                        return Err(PyError::type_error(
                            "character mapping must return integer, None or str",
                        ));
                    }
                }
            }
            Err(e) if matches!(e.kind.as_str(), "KeyError" | "IndexError" | "LookupError") => {
                out.push(c);
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}
