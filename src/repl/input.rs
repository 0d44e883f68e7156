//! Reading one statement from the line editor: a bracketed paste is split
//! into lines run one at a time, and an open bracket asks for `... ` lines.
//! Shared by the plain prompt and the lesson prompt.

use std::collections::VecDeque;

use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::{Editor, Prompt};

use super::{Palette, ReplHelper, helper};

/// The line editor every prompt uses.
pub type LineEditor = Editor<ReplHelper, FileHistory>;

/// A prompt whose plain text tells the editor its width.
pub struct Styled {
    raw: String,
    styled: String,
}

impl Styled {
    /// `text` as a prompt, coloured by `palette`.
    pub fn new(text: &str, palette: &Palette) -> Styled {
        Styled {
            raw: text.to_string(),
            styled: palette.prompt(text),
        }
    }
}

impl Prompt for Styled {
    fn raw(&self) -> &str {
        &self.raw
    }
    fn styled(&self) -> &str {
        &self.styled
    }
}

/// What one read gave.
pub enum Read {
    /// A whole statement (continuation lines joined).
    Line(String),
    /// Ctrl-C: the line is dropped.
    Interrupted,
    /// Ctrl-D. `Some` holds an unfinished statement to run first.
    Eof(Option<String>),
    /// A line that is not UTF-8 (a binary paste, a piped file): it is
    /// dropped and the front end says so in one line.
    NotUtf8,
}

/// How many undecodable lines in a row end the session: past this the
/// input is not text at all.
const MAX_BAD_LINES: usize = 1000;

/// Lines of a paste still to run.
#[derive(Default)]
pub struct Reader {
    pending: VecDeque<String>,
    bad_lines: usize,
}

impl Reader {
    /// Drop what is left of a paste (after ^C stopped one of its
    /// statements).
    pub fn drop_pending(&mut self) {
        self.pending.clear();
    }

    fn next_line(
        &mut self,
        editor: &mut LineEditor,
        prompt: &Styled,
        initial: Option<&str>,
    ) -> Result<String, ReadlineError> {
        if let Some(l) = self.pending.pop_front() {
            // ^C between two pasted statements stops the rest of the paste.
            if crate::engine::interrupt::requested() {
                self.pending.clear();
                return Err(ReadlineError::Interrupted);
            }
            return Ok(l);
        }
        let text = match initial {
            Some(init) => editor.readline_with_initial(prompt, (init, "")),
            None => editor.readline(prompt),
        }?;
        let mut lines = text
            .split('\n')
            .map(|l| l.trim_end_matches('\r').to_string());
        let first = lines.next().unwrap_or_default();
        self.pending.extend(lines);
        Ok(first)
    }

    /// Read a statement at `prompt`, with `initial` already on the line to
    /// edit (`:solution`), asking for `... ` lines while a bracket is open.
    pub fn statement(
        &mut self,
        editor: &mut LineEditor,
        prompt: &Styled,
        continued: &Styled,
        initial: Option<&str>,
    ) -> Result<Read, ReadlineError> {
        let mut input = match self.next_line(editor, prompt, initial) {
            Ok(input) => input,
            Err(ReadlineError::Interrupted) => {
                self.pending.clear();
                return Ok(Read::Interrupted);
            }
            Err(ReadlineError::Eof) => return Ok(Read::Eof(None)),
            Err(ReadlineError::Io(e)) if e.kind() == std::io::ErrorKind::InvalidData => {
                self.bad_lines += 1;
                if self.bad_lines > MAX_BAD_LINES {
                    return Err(ReadlineError::Io(e));
                }
                return Ok(Read::NotUtf8);
            }
            Err(e) => return Err(e),
        };
        self.bad_lines = 0;
        // A compound statement (`for ...:`, `def ...:`) goes on until a
        // blank line, as at Python's prompt; in a paste, also until a line
        // back at the left margin that is not an `else:`-like clause.
        let block = starts_block(&input);
        while helper::needs_more(&input) || block {
            if block
                && !helper::needs_more(&input)
                && let Some(next) = self.pending.front()
                && !next.trim().is_empty()
                && !crate::syntax::group::continues(&input, next)
                && !crate::syntax::group::after_decorator(&input)
            {
                break;
            }
            match self.next_line(editor, continued, None) {
                Ok(more) => {
                    if block && more.trim().is_empty() && !helper::needs_more(&input) {
                        break;
                    }
                    input.push('\n');
                    input.push_str(&more);
                }
                Err(ReadlineError::Interrupted) => {
                    self.pending.clear();
                    return Ok(Read::Interrupted);
                }
                // Run what there is, so the parser says what is unclosed.
                Err(ReadlineError::Eof) => return Ok(Read::Eof(Some(helper::join_lines(&input)))),
                Err(e) => return Err(e),
            }
        }
        if block {
            return Ok(Read::Line(input));
        }
        Ok(Read::Line(helper::join_lines(&input)))
    }
}

/// Whether the first line opens a compound statement's indented body
/// (`for x in xs:`, `def f():`, `try:`), so that more lines follow.
fn starts_block(input: &str) -> bool {
    let first = input.lines().next().unwrap_or("");
    let code = first.split('#').next().unwrap_or("").trim_end();
    let word = code.split([' ', ':', '(']).next().unwrap_or("");
    if code.starts_with('@') {
        return true;
    }
    code.ends_with(':')
        && matches!(
            word,
            "if" | "for"
                | "while"
                | "def"
                | "try"
                | "with"
                | "class"
                | "elif"
                | "else"
                | "except"
                | "finally"
        )
}
