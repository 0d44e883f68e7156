//! Bracket continuation: whether a statement still has an open `(`, `[` or
//! `{` (so the prompt asks for a `... ` line), and the joining of those
//! lines into the one-line statement the evaluator reads.
//!
//! The prompt loop asks for each `... ` line itself rather than returning
//! `Incomplete` from a rustyline `Validator`: rustyline 19 has no
//! continuation prompt, so a validator would leave the second line bare. The
//! [`ReplHelper`] validator therefore accepts every line; the helper's other
//! jobs (completion, highlighting, hints) live in `complete.rs` and
//! `highlight.rs`.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use rustyline::Context;
use rustyline::Helper;
use rustyline::completion::Completer;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::validate::Validator;

use super::Palette;
use super::complete::{Scope, complete};
use super::highlight::highlight;

/// Line-editor helper: Tab completion over the session's names
/// ([`complete`]), highlighting as you type ([`highlight`]) and hints from
/// history. Validation accepts every line; continuation is done by the
/// prompt loop.
pub struct ReplHelper {
    scope: Rc<RefCell<Scope>>,
    palette: Palette,
    hinter: HistoryHinter,
    /// Whether the next highlight marks the bracket pair at the cursor (not
    /// on the final refresh when Enter is pressed).
    show_match: Cell<bool>,
}

impl ReplHelper {
    /// A helper colouring with `palette`, with an empty scope.
    pub fn new(palette: Palette) -> ReplHelper {
        ReplHelper {
            scope: Rc::default(),
            palette,
            hinter: HistoryHinter::new(),
            show_match: Cell::new(true),
        }
    }

    /// The scope the completer reads; the prompt loop updates its names
    /// after each statement.
    pub fn scope(&self) -> Rc<RefCell<Scope>> {
        Rc::clone(&self.scope)
    }

    /// The words completed after `:lesson `.
    pub fn set_lesson_names(&self, names: Vec<String>) {
        self.scope.borrow_mut().lessons = names;
    }
}

impl Helper for ReplHelper {}

impl Completer for ReplHelper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        Ok(complete(line, pos, &self.scope.borrow()))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        // Without colour a hint would look like typed text, so none is shown.
        if line.trim().is_empty() || !self.palette.enabled() {
            return None;
        }
        self.hinter.hint(line, pos, ctx)
    }
}

impl Highlighter for ReplHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if !self.palette.enabled() {
            return Cow::Borrowed(line);
        }
        let scope = self.scope.borrow();
        Cow::Owned(highlight(
            line,
            pos,
            &scope,
            &self.palette,
            self.show_match.get(),
        ))
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        Cow::Owned(self.palette.dim(hint))
    }

    fn highlight_char(&self, _line: &str, _pos: usize, kind: CmdKind) -> bool {
        // Every keystroke and cursor move re-highlights (the bracket mark
        // follows the cursor); the final refresh drops the mark.
        self.show_match.set(kind != CmdKind::ForcedRefresh);
        self.palette.enabled()
    }
}

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
