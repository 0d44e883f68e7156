//! Which lines make one statement: the rule every front end shares
//! (`--transcript`, `slicelab FILE`, the REPL, the conformance harness) and
//! that `shared/conformance/oracle.py` uses. A line goes on the statement
//! above it when it is indented (a block's body), when it is a dedented
//! `else:`/`elif`/`except`/`finally:` clause, or when the text so far stops
//! inside a bracket, a triple-quoted string or after a trailing backslash.

/// Clause keywords that continue the compound statement above them.
pub const CLAUSES: &[&str] = &["else:", "elif ", "except:", "except ", "finally:"];

/// Whether `text` stops inside a bracket, inside a triple-quoted string, or
/// after a trailing backslash, so that the next line must go on it.
pub fn is_open(text: &str) -> bool {
    if text.trim_end().ends_with('\\') {
        return true;
    }
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            q @ (b'\'' | b'"') => {
                let triple = b.get(i..i + 3) == Some(&[q; 3][..]);
                let width = if triple { 3 } else { 1 };
                i += width;
                loop {
                    match b.get(i) {
                        None => return triple,
                        Some(b'\\') => i += 2,
                        Some(b'\n') if !triple => break,
                        Some(&c) if c == q && (!triple || b.get(i..i + 3) == Some(&[q; 3][..])) => {
                            i += width - 1;
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    depth > 0
}

/// Whether the last line of `so_far` is a decorator (`@name`), which the
/// next line goes on from.
pub fn after_decorator(so_far: &str) -> bool {
    so_far
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.trim_start().starts_with('@'))
}

/// Whether `line` continues the statement `so_far` (non-empty).
pub fn continues(so_far: &str, line: &str) -> bool {
    line.starts_with([' ', '\t']) || CLAUSES.iter().any(|c| line.starts_with(c)) || is_open(so_far)
}

/// Groups lines into statements, one line at a time.
#[derive(Debug, Default)]
pub struct Grouper {
    buf: Vec<String>,
    /// A blank line ends a block (the interactive prompt), instead of being
    /// skipped (files and transcripts, like the oracle).
    blank_ends: bool,
    /// A decorator line goes on to the `def` below it (files and the
    /// prompt; not transcripts, whose format keeps them apart).
    decorators: bool,
}

impl Grouper {
    /// A grouper for files and transcripts: blank lines are skipped.
    pub fn new() -> Grouper {
        Grouper::default()
    }

    /// A grouper for the interactive prompt: a blank line ends a block.
    pub fn interactive() -> Grouper {
        Grouper {
            buf: Vec::new(),
            blank_ends: true,
            decorators: true,
        }
    }

    /// Grouping as Python reads a file: a decorator line (`@property`)
    /// and the `def` or `class` it decorates are one statement. (The
    /// conformance format keeps them apart, as `oracle.py` does.)
    pub fn file() -> Grouper {
        Grouper {
            decorators: true,
            ..Grouper::default()
        }
    }

    /// Feeds one line (without its newline); returns the statement it
    /// completed, if any: the one before it, or (at a blank line at the
    /// prompt) the block it ends.
    pub fn push(&mut self, line: &str) -> Option<Vec<String>> {
        let so_far = self.buf.join("\n");
        let open = !self.buf.is_empty() && is_open(&so_far);
        let trimmed = line.trim();
        if trimmed.is_empty() && !open {
            if self.blank_ends && !self.buf.is_empty() {
                return Some(std::mem::take(&mut self.buf));
            }
            return None;
        }
        if trimmed.starts_with('#') && !open {
            return None;
        }
        if !self.buf.is_empty()
            && (continues(&so_far, line) || (self.decorators && after_decorator(&so_far)))
        {
            self.buf.push(line.to_string());
            return None;
        }
        let done = std::mem::replace(&mut self.buf, vec![line.to_string()]);
        (!done.is_empty()).then_some(done)
    }

    /// Whether a statement is under way and needs more lines to be whole:
    /// a block's header or body, or an open bracket. One complete line is
    /// not pending (it can run at once).
    pub fn pending(&self) -> bool {
        match self.buf.as_slice() {
            [] => false,
            [one] => is_open(one) || one.trim_end().ends_with(':'),
            _ => true,
        }
    }

    /// The statement left at the end of the input.
    pub fn finish(&mut self) -> Option<Vec<String>> {
        let done = std::mem::take(&mut self.buf);
        (!done.is_empty()).then_some(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(text: &str) -> Vec<String> {
        let mut g = Grouper::new();
        let mut out: Vec<String> = text
            .lines()
            .filter_map(|l| g.push(l))
            .map(|s| s.join("\n"))
            .collect();
        out.extend(g.finish().map(|s| s.join("\n")));
        out
    }

    #[test]
    fn blocks_brackets_and_clauses() {
        assert_eq!(
            group("a = [1,\n  2]\nif a:\n    x = 1\n\nelse:\n    x = 2\nx\n# c\nf(\n# inside\n)"),
            vec![
                "a = [1,\n  2]",
                "if a:\n    x = 1\nelse:\n    x = 2",
                "x",
                "f(\n# inside\n)"
            ]
        );
        assert!(is_open("x = '''abc"));
        assert!(!is_open("x = '(' # ("));
        assert!(is_open("x = 1 + \\"));
    }

    #[test]
    fn a_blank_line_ends_a_block_at_the_prompt() {
        let mut g = Grouper::interactive();
        assert_eq!(g.push("for i in x:"), None);
        assert!(g.pending());
        assert_eq!(g.push("    print(i)"), None);
        assert_eq!(
            g.push(""),
            Some(vec!["for i in x:".to_string(), "    print(i)".to_string()])
        );
        assert!(!g.pending());
    }
}
