//! `SyntaxError`: what went wrong in a line, where, and how to show it.

use std::fmt;

/// A line that is not a slicelab statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// What is wrong, in plain words (`invalid syntax`, `'(' was never closed`).
    pub message: String,
    /// Byte offset in the line of the character the caret points at.
    pub offset: usize,
}

impl SyntaxError {
    /// An error with `message` at byte `offset`.
    pub fn new(message: impl Into<String>, offset: usize) -> Self {
        SyntaxError {
            message: message.into(),
            offset,
        }
    }

    /// The class CPython raises: `IndentationError` (a `SyntaxError`) for
    /// the indentation messages its tokenizer and parser give, else
    /// `SyntaxError`.
    pub fn kind(&self) -> &'static str {
        const INDENTATION: &[&str] = &[
            "expected an indented block",
            "unexpected indent",
            "unindent does not match any outer indentation level",
            "too many levels of indentation",
        ];
        if INDENTATION.iter().any(|m| self.message.starts_with(m)) {
            "IndentationError"
        } else {
            "SyntaxError"
        }
    }

    /// Three lines in CPython's style: the line indented by four spaces, a
    /// caret under the offending character, and `SyntaxError: message`.
    ///
    /// The caret column is counted in chars, not bytes, so it sits under the
    /// right character when the line has non-ASCII text before the error.
    pub fn render(&self, line: &str) -> String {
        let line = line.trim_end_matches(['\n', '\r']);
        let mut offset = self.offset.min(line.len());
        // An offset from outside (or a stale one) may fall inside a char.
        while !line.is_char_boundary(offset) {
            offset -= 1;
        }
        let column = line[..offset].chars().count();
        format!("    {line}\n    {}^\n{self}", " ".repeat(column))
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind(), self.message)
    }
}

impl std::error::Error for SyntaxError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_puts_caret_under_column() {
        let e = SyntaxError::new("invalid syntax", 4);
        assert_eq!(
            e.render("a[1,,2]"),
            "    a[1,,2]\n        ^\nSyntaxError: invalid syntax"
        );
    }

    #[test]
    fn render_counts_chars_not_bytes() {
        // 'é' is two bytes; the caret must still sit under the `)`.
        let line = "'é')";
        let e = SyntaxError::new("unmatched ')'", 4);
        assert_eq!(
            e.render(line),
            "    'é')\n       ^\nSyntaxError: unmatched ')'"
        );
    }

    #[test]
    fn render_clamps_bad_offsets() {
        let e = SyntaxError::new("x", 99);
        assert_eq!(e.render("ab"), "    ab\n      ^\nSyntaxError: x");
        let e = SyntaxError::new("x", 2);
        assert_eq!(e.render("é"), "    é\n     ^\nSyntaxError: x");
    }
}
