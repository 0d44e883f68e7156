//! String and bytes literals: prefixes, escapes, adjacent concatenation.

use pest::iterators::Pair;

use super::SyntaxError;
use super::ast::{ExprKind, FPart};
use super::grammar::Rule;

/// Builds `'a' "b" r'c'` (one `strings` pair) into one `Str` or `Bytes`.
pub(crate) fn build_strings(pair: Pair<'_, Rule>) -> Result<ExprKind, SyntaxError> {
    let mut text = String::new();
    let mut bytes = Vec::new();
    let mut kind_bytes: Option<bool> = None;
    // f-string parts so far, once an f-literal was seen.
    let mut fparts: Option<Vec<FPart>> = None;
    for lit in pair.into_inner() {
        let at = lit.as_span().start();
        let mut prefix = "";
        let mut body = None;
        for p in lit.into_inner() {
            match p.as_rule() {
                Rule::str_prefix => prefix = p.as_str(),
                _ => body = Some(p),
            }
        }
        let Some(body) = body else {
            return Err(SyntaxError::new("invalid string literal", at));
        };
        let prefix = prefix.to_ascii_lowercase();
        let is_bytes = prefix.contains('b');
        let raw = prefix.contains('r');
        if *kind_bytes.get_or_insert(is_bytes) != is_bytes {
            return Err(SyntaxError::new(
                "cannot mix bytes and nonbytes literals",
                at,
            ));
        }
        let body_at = body.as_span().start();
        let body = body.as_str();
        if prefix.contains('f') {
            let parts = fparts.get_or_insert_with(|| vec![FPart::Lit(std::mem::take(&mut text))]);
            parts.extend(super::fstring::parse_fstring(body, raw, body_at)?);
            continue;
        }
        if let Some(parts) = &mut fparts {
            let piece = if raw {
                body.to_string()
            } else {
                decode_str(body, body_at)?
            };
            parts.push(FPart::Lit(piece));
            continue;
        }
        if is_bytes {
            bytes.extend(decode_bytes(body, raw, body_at)?);
        } else if raw {
            text.push_str(body);
        } else {
            text.push_str(&decode_str(body, body_at)?);
        }
    }
    if let Some(parts) = fparts {
        return Ok(ExprKind::FString(parts));
    }
    Ok(if kind_bytes == Some(true) {
        ExprKind::Bytes(bytes)
    } else {
        ExprKind::Str(text)
    })
}

/// The value of one escape after the backslash, shared by str and bytes.
enum Escape {
    /// A code point (`\n`, `\x41`, `\u00e9`, octal).
    Code(u32),
    /// Not an escape: CPython keeps the backslash and the character.
    Keep(char),
}

/// Reads the escape whose backslash is at byte `i` of `body`; returns it and
/// the byte index after it. `unicode` enables `\u`, `\U` (str only).
fn escape(body: &str, i: usize, unicode: bool, at: usize) -> Result<(Escape, usize), SyntaxError> {
    let rest = &body[i + 1..];
    let Some(c) = rest.chars().next() else {
        return Err(SyntaxError::new("unterminated string literal", at + i));
    };
    let next = i + 1 + c.len_utf8();
    let simple = |v: u8| Ok((Escape::Code(u32::from(v)), next));
    match c {
        '\\' => simple(b'\\'),
        '\'' => simple(b'\''),
        '"' => simple(b'"'),
        'a' => simple(7),
        'b' => simple(8),
        'f' => simple(12),
        'n' => simple(b'\n'),
        'r' => simple(b'\r'),
        't' => simple(b'\t'),
        'v' => simple(11),
        '0'..='7' => {
            let digits: String = rest.chars().take(3).take_while(|d| d.is_digit(8)).collect();
            let value = u32::from_str_radix(&digits, 8).unwrap_or(0);
            Ok((Escape::Code(value), i + 1 + digits.len()))
        }
        'x' => hex_escape(rest, 2, i, at, "\\xXX"),
        'u' if unicode => hex_escape(rest, 4, i, at, "\\uXXXX"),
        'U' if unicode => hex_escape(rest, 8, i, at, "\\UXXXXXXXX"),
        'N' if unicode => named_escape(rest, i, at),
        other => Ok((Escape::Keep(other), next)),
    }
}

/// `\N{EM DASH}`: a character by its Unicode name, any case, or one of
/// its formal aliases (`\N{LINE FEED}`), as CPython's `unicodedata`
/// lookup takes them; the `unicode_names2` crate holds the names.
fn named_escape(rest: &str, i: usize, at: usize) -> Result<(Escape, usize), SyntaxError> {
    let malformed = || SyntaxError::new("malformed \\N character escape", at + i);
    let inner = rest.strip_prefix("N{").ok_or_else(malformed)?;
    let end = inner.find('}').ok_or_else(malformed)?;
    let name = &inner[..end];
    // The crate also matches names without their spaces or with
    // underscores, which Python does not: a name must be the character's
    // own, or an alias written in words.
    let spelled = |c: char| {
        let own = unicode_names2::name(c).map(|n| n.to_string());
        own.as_deref() == Some(name.to_uppercase().as_str())
            || (name.contains(' ')
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b' ' || b == b'-'))
    };
    match unicode_names2::character(name).filter(|&c| spelled(c)) {
        Some(c) => Ok((Escape::Code(u32::from(c)), i + 1 + 2 + end + 1)),
        None => Err(SyntaxError::new("unknown Unicode character name", at + i)),
    }
}

fn hex_escape(
    rest: &str,
    len: usize,
    i: usize,
    at: usize,
    form: &str,
) -> Result<(Escape, usize), SyntaxError> {
    let digits = rest
        .get(1..1 + len)
        .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
    match digits.and_then(|d| u32::from_str_radix(d, 16).ok()) {
        Some(v) => Ok((Escape::Code(v), i + 2 + len)),
        None => Err(SyntaxError::new(format!("truncated {form} escape"), at + i)),
    }
}

/// Resolves escapes in a non-raw str body starting at byte `at` of the line.
pub(super) fn decode_str(body: &str, at: usize) -> Result<String, SyntaxError> {
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    while let Some(c) = body[i..].chars().next() {
        if c != '\\' {
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        let (esc, next) = escape(body, i, true, at)?;
        match esc {
            Escape::Code(v) => match char::from_u32(v) {
                Some(ch) => out.push(ch),
                None => {
                    return Err(SyntaxError::new(
                        format!("invalid character U+{v:X} in escape"),
                        at + i,
                    ));
                }
            },
            Escape::Keep(k) => {
                out.push('\\');
                out.push(k);
            }
        }
        i = next;
    }
    Ok(out)
}

/// Resolves a bytes body (raw or not); only ASCII characters may appear.
fn decode_bytes(body: &str, raw: bool, at: usize) -> Result<Vec<u8>, SyntaxError> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while let Some(c) = body[i..].chars().next() {
        if !c.is_ascii() {
            return Err(SyntaxError::new(
                "bytes can only contain ASCII literal characters",
                at + i,
            ));
        }
        if c != '\\' || raw {
            out.push(c as u8);
            i += 1;
            continue;
        }
        let (esc, next) = escape(body, i, false, at)?;
        match esc {
            // Octal escapes above 0o377 wrap, as CPython's do.
            Escape::Code(v) => out.push((v & 0xFF) as u8),
            Escape::Keep(k) => {
                out.push(b'\\');
                if !k.is_ascii() {
                    return Err(SyntaxError::new(
                        "bytes can only contain ASCII literal characters",
                        at + i + 1,
                    ));
                }
                out.push(k as u8);
            }
        }
        i = next;
    }
    Ok(out)
}
