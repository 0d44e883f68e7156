//! A cheap left-to-right pre-scan that runs before pest.
//!
//! It does two jobs. First, robustness: pest and the AST builder recurse once
//! per bracket level, so the scan refuses deep nesting, long unary chains and
//! huge lines before any recursion starts. Second, messages: CPython reports
//! bracket and string problems from its tokenizer with precise wording
//! (`'(' was never closed`, `unmatched ')'`, ...), and a token-level view is
//! the natural place to reproduce that and to name unsupported statements.

use super::SyntaxError;

/// CPython's limit on bracket nesting (`MAXLEVEL` in its tokenizer).
pub(crate) const MAX_NESTING: usize = 200;
/// Longest run of prefix operators (`- - ~ not ...`) we accept.
pub(crate) const MAX_UNARY_CHAIN: usize = 1000;
/// Longest line we accept, in chars.
pub(crate) const MAX_LINE_CHARS: usize = 100_000;

/// Keywords that start statements slicelab does not run, with the words
/// used in the message.
const UNSUPPORTED_STATEMENTS: &[(&str, &str)] = &[("async", "'async' statements are")];

/// Keywords that can never appear in a slicelab line, wherever they stand.
const UNSUPPORTED_ANYWHERE: &[(&str, &str)] = &[("await", "'await' is not supported")];

/// Checks the line's tokens for problems pest would report badly or could
/// not survive. `Ok` means the line is safe to hand to pest, and carries the
/// deepest bracket nesting seen (the caller sizes its stack by it).
pub(crate) fn prescan(line: &str) -> Result<usize, SyntaxError> {
    if line.len() > MAX_LINE_CHARS
        && let Some((offset, _)) = line.char_indices().nth(MAX_LINE_CHARS)
    {
        return Err(SyntaxError::new(
            format!("line is too long (more than {MAX_LINE_CHARS} characters)"),
            offset,
        ));
    }
    Scanner {
        line,
        bytes: line.as_bytes(),
        pos: 0,
        brackets: Vec::new(),
        unary_run: 0,
        tokens_seen: 0,
        max_depth: 0,
        lambdas: 0,
    }
    .run()
}

struct Scanner<'a> {
    line: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Open brackets: the char and its offset.
    brackets: Vec<(u8, usize)>,
    /// Prefix-operator tokens seen in a row.
    unary_run: usize,
    /// Tokens seen so far (to know whether a keyword starts the statement).
    tokens_seen: usize,
    /// Deepest bracket nesting so far (lambdas count as a level).
    max_depth: usize,
    /// `lambda` keywords seen.
    lambdas: usize,
}

impl Scanner<'_> {
    fn run(mut self) -> Result<usize, SyntaxError> {
        while let Some(c) = self.peek_char() {
            let start = self.pos;
            match c {
                ' ' | '\t' | '\x0C' => {
                    self.pos += 1;
                    continue;
                }
                '#' => break,
                '\'' | '"' => self.string(start, start)?,
                c if c == '_' || unicode_ident_start(c) => self.word(start)?,
                '0'..='9' => self.number(start)?,
                '.' if self.byte_at(start + 1).is_some_and(|b| b.is_ascii_digit()) => {
                    self.number(start)?
                }
                '(' | '[' | '{' => {
                    if self.brackets.len() >= MAX_NESTING {
                        return Err(SyntaxError::new("too many nested parentheses", start));
                    }
                    self.brackets.push((c as u8, start));
                    self.max_depth = self.max_depth.max(self.brackets.len());
                    self.pos += 1;
                    self.token(false)?;
                }
                ')' | ']' | '}' => {
                    match self.brackets.pop() {
                        None => {
                            return Err(SyntaxError::new(format!("unmatched '{c}'"), start));
                        }
                        Some((open, _)) if closer(open) != c as u8 => {
                            return Err(SyntaxError::new(
                                format!(
                                    "closing parenthesis '{c}' does not match opening parenthesis '{}'",
                                    open as char
                                ),
                                start,
                            ));
                        }
                        Some(_) => {}
                    }
                    self.pos += 1;
                    self.token(false)?;
                }
                ':' if self.byte_at(start + 1) == Some(b'=') => {
                    if let Some(what) = walrus_target_kind(&self.line[..start]) {
                        return Err(SyntaxError::new(
                            format!("cannot use assignment expressions with {what}"),
                            start,
                        ));
                    }
                    self.pos += 2;
                    self.token(false)?;
                }
                '-' | '+' | '~' => {
                    // `-=`, `+=`, `->` are not prefix operators.
                    let next = self.byte_at(start + 1);
                    self.pos += 1;
                    let prefix = !matches!(next, Some(b'=' | b'>'));
                    if !prefix {
                        self.pos += 1;
                    }
                    self.token(prefix)?;
                }
                _ => {
                    // Any other operator or stray character: pest judges it.
                    self.pos += c.len_utf8();
                    self.token(false)?;
                }
            }
        }
        if let Some(&(open, offset)) = self.brackets.last() {
            return Err(SyntaxError::new(
                format!("'{}' was never closed", open as char),
                offset,
            ));
        }
        Ok(self.max_depth)
    }

    fn peek_char(&self) -> Option<char> {
        self.line[self.pos..].chars().next()
    }

    fn byte_at(&self, i: usize) -> Option<u8> {
        self.bytes.get(i).copied()
    }

    /// Records one token; `prefix` says whether it can be a prefix operator.
    fn token(&mut self, prefix: bool) -> Result<(), SyntaxError> {
        self.tokens_seen += 1;
        if prefix {
            self.unary_run += 1;
            if self.unary_run > MAX_UNARY_CHAIN {
                return Err(SyntaxError::new(
                    format!("too many unary operators in a row (the limit is {MAX_UNARY_CHAIN})"),
                    self.pos.saturating_sub(1),
                ));
            }
        } else {
            self.unary_run = 0;
        }
        Ok(())
    }

    /// A string literal whose quote is at `self.pos`; `start` includes any prefix.
    fn string(&mut self, start: usize, quote_at: usize) -> Result<(), SyntaxError> {
        let quote = self.bytes[quote_at];
        let triple = self.bytes.get(quote_at..quote_at + 3) == Some(&[quote; 3][..]);
        let width = if triple { 3 } else { 1 };
        let mut i = quote_at + width;
        loop {
            match self.bytes.get(i) {
                None if triple => {
                    return Err(SyntaxError::new(
                        "unterminated triple-quoted string literal",
                        start,
                    ));
                }
                None => {
                    return Err(SyntaxError::new("unterminated string literal", start));
                }
                Some(b'\\') => i += 2,
                Some(&b)
                    if b == quote
                        && (!triple || self.bytes.get(i..i + 3) == Some(&[quote; 3][..])) =>
                {
                    break;
                }
                Some(_) => i += 1,
            }
        }
        self.pos = i + width;
        self.token(false)
    }

    /// A name or keyword, or the prefix of a string literal.
    fn word(&mut self, start: usize) -> Result<(), SyntaxError> {
        let end = self.line[start..]
            .char_indices()
            .find(|&(_, c)| !(c == '_' || unicode_ident_continue(c)))
            .map_or(self.line.len(), |(i, _)| start + i);
        let word = &self.line[start..end];
        if matches!(self.byte_at(end), Some(b'\'' | b'"')) {
            let lower = word.to_ascii_lowercase();
            if matches!(
                lower.as_str(),
                "r" | "b" | "u" | "rb" | "br" | "f" | "rf" | "fr"
            ) {
                return self.string(start, end);
            }
        }
        self.pos = end;
        if self.tokens_seen == 0
            && let Some((_, what)) = UNSUPPORTED_STATEMENTS.iter().find(|(k, _)| *k == word)
        {
            return Err(SyntaxError::new(
                format!("slicelab: {what} not supported"),
                start,
            ));
        }
        if word == "lambda" {
            // A lambda's body is parsed by recursion, like a bracket.
            self.lambdas += 1;
            if self.lambdas > MAX_NESTING {
                return Err(SyntaxError::new("too many nested lambdas", start));
            }
            self.max_depth = self.max_depth.max(self.brackets.len() + self.lambdas);
        }
        if let Some((_, msg)) = UNSUPPORTED_ANYWHERE.iter().find(|(k, _)| *k == word) {
            return Err(SyntaxError::new(*msg, start));
        }
        self.token(word == "not")
    }

    /// A number starting at `start`. Mirrors the grammar's number rules so
    /// that what follows can be checked: CPython refuses `1abc`, `1_`, `0777`.
    fn number(&mut self, start: usize) -> Result<(), SyntaxError> {
        let b = self.bytes;
        let mut i = start;
        let digits = |i: &mut usize, ok: fn(u8) -> bool| {
            // digits with single underscores between them
            while *i < b.len() && ok(b[*i]) {
                *i += 1;
                if *i + 1 < b.len() && b[*i] == b'_' && ok(b[*i + 1]) {
                    *i += 1;
                }
            }
        };
        let radix = if b[i] == b'0' {
            match b.get(i + 1).map(u8::to_ascii_lowercase) {
                Some(b'x') => Some((
                    "hexadecimal",
                    (|c: u8| c.is_ascii_hexdigit()) as fn(u8) -> bool,
                )),
                Some(b'o') => Some((
                    "octal",
                    (|c: u8| (b'0'..=b'7').contains(&c)) as fn(u8) -> bool,
                )),
                Some(b'b') => Some(("binary", (|c: u8| c == b'0' || c == b'1') as fn(u8) -> bool)),
                _ => None,
            }
        } else {
            None
        };
        let kind = if let Some((kind, ok)) = radix {
            i += 2;
            if i < b.len() && b[i] == b'_' {
                i += 1;
            }
            let digits_start = i;
            digits(&mut i, ok);
            if i == digits_start {
                return Err(SyntaxError::new(format!("invalid {kind} literal"), start));
            }
            kind
        } else {
            let int_start = i;
            digits(&mut i, |c| c.is_ascii_digit());
            let int_part = &self.line[int_start..i];
            let mut is_float = false;
            if i < b.len() && b[i] == b'.' {
                is_float = true;
                i += 1;
                digits(&mut i, |c| c.is_ascii_digit());
            }
            if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
                let mut j = i + 1;
                if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
                    j += 1;
                }
                if j < b.len() && b[j].is_ascii_digit() {
                    is_float = true;
                    i = j;
                    digits(&mut i, |c| c.is_ascii_digit());
                }
            }
            if i < b.len() && (b[i] == b'j' || b[i] == b'J') {
                i += 1;
            } else if !is_float
                && int_part.len() > 1
                && int_part.starts_with('0')
                && int_part.bytes().any(|c| c != b'0' && c != b'_')
            {
                return Err(SyntaxError::new(
                    "leading zeros in decimal integer literals are not permitted; \
                     use an 0o prefix for octal integers",
                    start,
                ));
            }
            "decimal"
        };
        if self.line[i..]
            .chars()
            .next()
            .is_some_and(|c| c == '_' || unicode_ident_continue(c))
        {
            return Err(SyntaxError::new(format!("invalid {kind} literal"), start));
        }
        self.pos = i;
        self.token(false)
    }
}

fn closer(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

/// Close enough to Python's `XID_Start` for tokenizing: pest's grammar makes
/// the exact decision; this only has to find where a word ends.
fn unicode_ident_start(c: char) -> bool {
    c.is_alphabetic()
}

fn unicode_ident_continue(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// What stands before a `:=` when it is not a name CPython accepts as
/// the target: its word for it (`attribute`, `subscript`, `literal`, ...),
/// as in "cannot use assignment expressions with subscript".
fn walrus_target_kind(before: &str) -> Option<&'static str> {
    let t = before.trim_end();
    let last = t.chars().last()?;
    if last == ']' {
        return Some("subscript");
    }
    if last == '\'' || last == '"' {
        return Some("literal");
    }
    if last == ')' {
        // `f(x) := 1` is a call; `(a, b) := 1` a tuple.
        let mut depth = 0usize;
        let mut open = None;
        for (i, c) in t.char_indices().rev() {
            match c {
                ')' | ']' | '}' => depth += 1,
                '(' | '[' | '{' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        open = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let open = open?;
        let head = t[..open].trim_end();
        let called = head
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ')' || c == ']');
        return Some(if called {
            "function call"
        } else if t[open..].contains(',') {
            "tuple"
        } else {
            "expression"
        });
    }
    let word_start = t
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '_')
        .last()
        .map(|(i, _)| i)?;
    let word = &t[word_start..];
    match word {
        "True" => return Some("True"),
        "False" => return Some("False"),
        "None" => return Some("None"),
        _ => {}
    }
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        return Some("literal");
    }
    if t[..word_start].trim_end().ends_with('.') {
        return Some("attribute");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(line: &str) -> (String, usize) {
        let e = prescan(line).expect_err(line);
        (e.message, e.offset)
    }

    #[test]
    fn accepts_plain_lines() {
        for line in [
            "a[1:2, ::3]",
            "x = 'a(b' + \"]\"",
            "f(*args)  # )",
            "0x1f + 0o17 + 0b101 + 1_000 + 1.5e-3 + .5 + 15. + 2j",
            "- - - x",
            "a -= 1",
            "0 + 00 + 0_0",
        ] {
            assert!(prescan(line).is_ok(), "{line}");
        }
    }

    #[test]
    fn reports_nesting_depth() {
        assert_eq!(prescan("a"), Ok(0));
        assert_eq!(prescan("f(a[1], [(2)])"), Ok(3));
        assert_eq!(prescan("'((('"), Ok(0));
    }

    #[test]
    fn bracket_problems() {
        assert_eq!(err("a["), ("'[' was never closed".into(), 1));
        assert_eq!(err("a)"), ("unmatched ')'".into(), 1));
        assert_eq!(
            err("(a]"),
            (
                "closing parenthesis ']' does not match opening parenthesis '('".into(),
                2
            )
        );
        let deep = "[".repeat(201);
        assert_eq!(err(&deep), ("too many nested parentheses".into(), 200));
    }

    #[test]
    fn literal_problems() {
        assert_eq!(err("'abc"), ("unterminated string literal".into(), 0));
        assert_eq!(err("x = r'\\'"), ("unterminated string literal".into(), 4));
        assert_eq!(err("1abc"), ("invalid decimal literal".into(), 0));
        assert_eq!(err("x = 1_"), ("invalid decimal literal".into(), 4));
        assert_eq!(err("0x"), ("invalid hexadecimal literal".into(), 0));
        assert!(err("0777").0.starts_with("leading zeros"));
    }

    #[test]
    fn unary_chain_limit() {
        assert!(prescan(&format!("{}x", "-".repeat(1000))).is_ok());
        assert!(err(&format!("{}x", "-".repeat(1001))).0.contains("unary"));
        assert!(
            err(&format!("{}x", "not ".repeat(1001)))
                .0
                .contains("unary")
        );
    }
}
