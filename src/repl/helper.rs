//! Bracket continuation: whether a statement still has an open `(`, `[` or
//! `{` (so the prompt asks for a `... ` line), and the joining of those
//! lines into the one-line statement the evaluator reads.
//!
//! The prompt loop asks for each `... ` line itself rather than returning
//! `Incomplete` from a rustyline `Validator`: rustyline 19 has no
//! continuation prompt, so a validator would leave the second line bare. The
//! [`ReplHelper`] validator therefore accepts every line.

use rustyline::Helper;
use rustyline::completion::Completer;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;

/// Line-editor helper. Completion, hints, highlighting and validation are
/// rustyline's defaults (none); continuation is done by the prompt loop.
#[derive(Debug, Default)]
pub struct ReplHelper;

impl Helper for ReplHelper {}

impl Completer for ReplHelper {
    type Candidate = String;
}

impl Hinter for ReplHelper {
    type Hint = String;
}

impl Highlighter for ReplHelper {}

impl Validator for ReplHelper {}

/// The result of scanning one physical line.
struct Scan {
    /// The line without its comment.
    code_end: usize,
    /// An unterminated string literal runs to the end of the line.
    open_string: bool,
}

/// Scan one physical line, updating the stack of open brackets. Returns
/// `None` on a closing bracket that does not match (the parser will say so).
fn scan_line(line: &str, stack: &mut Vec<char>) -> Option<Scan> {
    let mut chars = line.char_indices();
    let mut quote: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        match quote {
            Some(q) => {
                if c == '\\' {
                    chars.next();
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '\'' | '"' => quote = Some(c),
                '#' => {
                    return Some(Scan {
                        code_end: i,
                        open_string: false,
                    });
                }
                '(' | '[' | '{' => stack.push(c),
                ')' | ']' | '}' => {
                    let want = match c {
                        ')' => '(',
                        ']' => '[',
                        _ => '{',
                    };
                    if stack.pop() != Some(want) {
                        return None;
                    }
                }
                _ => {}
            },
        }
    }
    Some(Scan {
        code_end: line.len(),
        open_string: quote.is_some(),
    })
}

/// Whether `input` (possibly several physical lines) still has an open
/// bracket and so needs a continuation line. Brackets inside string
/// literals and comments do not count; an unterminated string, or a closing
/// bracket that matches nothing, ends the input so the parser can report it.
pub fn needs_more(input: &str) -> bool {
    let mut stack = Vec::new();
    for line in input.split('\n') {
        match scan_line(line, &mut stack) {
            None => return false,
            Some(s) if s.open_string => return false,
            Some(_) => {}
        }
    }
    !stack.is_empty()
}

/// Join the physical lines of a bracket-continued statement into one line,
/// as Python's implicit line joining does: comments are dropped and each
/// line break becomes a space. A single line comes back unchanged.
pub fn join_lines(input: &str) -> String {
    if !input.contains('\n') {
        return input.to_string();
    }
    let mut stack = Vec::new();
    let mut joined = String::new();
    for line in input.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let end = scan_line(line, &mut stack).map_or(line.len(), |s| s.code_end);
        let code = line[..end].trim_end();
        if joined.is_empty() {
            joined.push_str(code);
            continue;
        }
        let code = code.trim_start();
        if code.is_empty() {
            continue;
        }
        // A space where the break was, except just inside a bracket.
        if !joined.ends_with(['(', '[', '{']) && !code.starts_with([')', ']', '}']) {
            joined.push(' ');
        }
        joined.push_str(code);
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_brackets_need_more() {
        assert!(needs_more("b = np.arange(5"));
        assert!(needs_more("a[[1, 2"));
        assert!(needs_more("d = {'a': (1,\n 2"));
        assert!(!needs_more("b = np.arange(5)"));
        assert!(!needs_more("b = np.arange(5\n)"));
        assert!(!needs_more(""));
    }

    #[test]
    fn strings_and_comments_do_not_count() {
        assert!(!needs_more("x = '(['"));
        assert!(!needs_more(r#"x = "\"(""#));
        assert!(!needs_more("a = 1  # (unclosed"));
        assert!(needs_more("a = (1,  # ) not a close"));
    }

    #[test]
    fn errors_end_the_input() {
        assert!(!needs_more("a[1)"));
        assert!(!needs_more("a = ('unterminated"));
        assert!(!needs_more(")"));
    }

    #[test]
    fn joining_drops_comments_and_breaks() {
        assert_eq!(join_lines("b = np.arange(5\n)"), "b = np.arange(5)");
        assert_eq!(join_lines("a = (1,  # one\n   2)"), "a = (1, 2)");
        assert_eq!(join_lines("x = 1  # c"), "x = 1  # c");
        assert_eq!(join_lines("f(\n\n  '#(',\n)"), "f('#(',)");
        assert_eq!(join_lines("a[1,\n 2]"), "a[1, 2]");
    }
}
