//! Text from outside (lesson files, file names) made safe for a terminal:
//! every character Python's `repr` would escape is written as that escape
//! (`\x1b`, `\u202e`), so only slicelab's own styling ever emits escape
//! sequences. Newlines and tabs in prose stay as they are.

use super::scalar_repr::{escape_char, is_printable};

/// `text` with non-printable characters escaped; line breaks and tabs kept.
pub fn visible(text: &str) -> String {
    escaped(text, |c| c == '\n' || c == '\t')
}

/// `text` as one line: every non-printable character escaped, newlines too.
pub fn visible_line(text: &str) -> String {
    escaped(text, |_| false)
}

fn escaped(text: &str, keep: impl Fn(char) -> bool) -> String {
    if text.chars().all(|c| is_printable(c) || keep(c)) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_printable(c) || keep(c) {
            out.push(c);
        } else {
            out.push_str(&escape_char(c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_reaches_the_terminal() {
        assert_eq!(visible("a\x1b[2Jb\nc\td"), "a\\x1b[2Jb\nc\td");
        assert_eq!(visible_line("x\ny\u{9b}1m\u{202e}"), "x\\ny\\x9b1m\\u202e");
        assert_eq!(visible("plain — text"), "plain — text");
    }
}
