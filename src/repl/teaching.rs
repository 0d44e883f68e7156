//! The prompt's and the file runner's use of the teaching view: NumPy's
//! output for a statement, then what it did to memory.

use super::{Palette, render_outcome};
use crate::eval::{Outcome, Session};
use crate::teach::{self, Teacher};

/// Run `line` with teaching on: its outcome and everything to print for it.
pub fn run_statement(
    teacher: &mut Teacher,
    session: &mut Session,
    line: &str,
    palette: &Palette,
) -> (Outcome, String) {
    let (outcome, teaching) =
        teacher.run_and_render(session, line, palette, teach::terminal_width());
    let mut text = render_outcome(line, &outcome, palette);
    text.push_str(&teaching);
    (outcome, text)
}
