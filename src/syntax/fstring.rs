//! f-strings: the text between the quotes cut into literal text and
//! replacement fields `{expr!conv:spec}` / `{expr=}`, each expression parsed
//! by the statement grammar.

use super::SyntaxError;
use super::ast::FPart;

/// The parts of one f-literal's body (which starts at byte `at`).
pub(crate) fn parse_fstring(body: &str, raw: bool, at: usize) -> Result<Vec<FPart>, SyntaxError> {
    parse_parts(body, raw, at, 0)
}

fn parse_parts(
    body: &str,
    raw: bool,
    at: usize,
    nesting: usize,
) -> Result<Vec<FPart>, SyntaxError> {
    if nesting > 2 {
        return Err(SyntaxError::new(
            "f-string: expressions nested too deeply",
            at,
        ));
    }
    let bytes = body.as_bytes();
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    let flush = |lit: &mut String, parts: &mut Vec<FPart>| -> Result<(), SyntaxError> {
        if !lit.is_empty() {
            let text = std::mem::take(lit);
            let text = if raw {
                text
            } else {
                super::strings::decode_str(&text, at)?
            };
            parts.push(FPart::Lit(text));
        }
        Ok(())
    };
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => {
                lit.push('{');
                i += 2;
            }
            b'}' if bytes.get(i + 1) == Some(&b'}') => {
                lit.push('}');
                i += 2;
            }
            b'}' => {
                return Err(SyntaxError::new(
                    "f-string: single '}' is not allowed",
                    at + i,
                ));
            }
            b'{' => {
                flush(&mut lit, &mut parts)?;
                let (field, end) = parse_field(body, i + 1, raw, at, nesting)?;
                parts.push(field);
                i = end;
            }
            // `\N{EM DASH}` is an escape, not a replacement field.
            b'\\' if !raw && body[i + 1..].starts_with("N{") && body[i..].contains('}') => {
                let end = i + body[i..].find('}').unwrap_or(0) + 1;
                lit.push_str(&body[i..end]);
                i = end;
            }
            b'\\' if !raw && i + 1 < bytes.len() => {
                let n = body[i + 1..].chars().next().map_or(1, char::len_utf8);
                lit.push_str(&body[i..i + 1 + n]);
                i += 1 + n;
            }
            _ => {
                let n = body[i..].chars().next().map_or(1, char::len_utf8);
                lit.push_str(&body[i..i + n]);
                i += n;
            }
        }
    }
    flush(&mut lit, &mut parts)?;
    Ok(parts)
}

/// The field whose text starts at `start` (after `{`); returns it and the
/// index after its closing `}`.
fn parse_field(
    body: &str,
    start: usize,
    raw: bool,
    at: usize,
    nesting: usize,
) -> Result<(FPart, usize), SyntaxError> {
    let bytes = body.as_bytes();
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut i = start;
    // End of the expression: `!` (not `!=`), `:` or `}` at depth 0, or `=`
    // that is not part of `==`, `!=`, `<=`, `>=` and ends the expression.
    let expr_end = loop {
        let Some(&c) = bytes.get(i) else {
            return Err(SyntaxError::new("f-string: expecting '}'", at + start));
        };
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        match c {
            b'\'' | b'"' => quote = Some(c),
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            b'}' if depth > 0 => depth -= 1,
            b'}' | b':' if depth == 0 => break i,
            b'!' if depth == 0 && bytes.get(i + 1) != Some(&b'=') => break i,
            _ => {}
        }
        i += 1;
    };
    let mut text = &body[start..expr_end];
    let mut debug = None;
    let trimmed = text.trim_end();
    if trimmed.ends_with('=')
        && !trimmed.ends_with("==")
        && !trimmed.ends_with("!=")
        && !trimmed.ends_with("<=")
        && !trimmed.ends_with(">=")
    {
        debug = Some(text.to_string());
        text = &trimmed[..trimmed.len() - 1];
    }
    if text.trim().is_empty() {
        return Err(SyntaxError::new(
            "f-string: valid expression required before '}'",
            at + start,
        ));
    }
    let expr =
        super::parse_fexpr(text).map_err(|e| SyntaxError::new(e.message, at + start + e.offset))?;
    let mut i = expr_end;
    let mut conv = None;
    if bytes.get(i) == Some(&b'!') {
        conv = body[i + 1..].chars().next();
        if !matches!(conv, Some('r' | 's' | 'a')) {
            return Err(SyntaxError::new(
                "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                at + i,
            ));
        }
        i += 2;
    }
    let mut spec = Vec::new();
    if bytes.get(i) == Some(&b':') {
        let spec_start = i + 1;
        let mut d = 0usize;
        let mut j = spec_start;
        loop {
            match bytes.get(j) {
                None => return Err(SyntaxError::new("f-string: expecting '}'", at + start)),
                Some(b'{') => d += 1,
                Some(b'}') if d > 0 => d -= 1,
                Some(b'}') => break,
                _ => {}
            }
            j += 1;
        }
        spec = parse_parts(&body[spec_start..j], raw, at + spec_start, nesting + 1)?;
        i = j;
    }
    if bytes.get(i) != Some(&b'}') {
        return Err(SyntaxError::new("f-string: expecting '}'", at + i));
    }
    if debug.is_some() && conv.is_none() && spec.is_empty() {
        conv = Some('r');
    }
    Ok((
        FPart::Field {
            expr: Box::new(expr),
            conv,
            spec,
            debug,
        },
        i + 1,
    ))
}
