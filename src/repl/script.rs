//! `slicelab FILE`: run a file of statements as if typed at the prompt.

use std::io::{self, Write};
use std::path::Path;

use super::{Palette, render_outcome};
use crate::eval::Session;

/// How a file run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScriptEnd {
    /// Every statement ran without error (or errors were passed over).
    Ok,
    /// A statement raised an error (the run stopped there unless
    /// `keep_going`).
    Failed,
}

/// Run each statement in `source` (lines grouped into statements as the
/// prompt groups them, `syntax::group`; blank lines and `#` lines skipped),
/// writing `>>> FIRST LINE`, `... LINE` for the rest, and then what the
/// prompt would print. Stops at the first error unless `keep_going`.
pub fn run_source(
    source: &str,
    keep_going: bool,
    palette: &Palette,
    mut out: impl Write,
) -> io::Result<ScriptEnd> {
    let mut session = Session::new();
    let mut teacher = crate::teach::Teacher::new();
    let mut end = ScriptEnd::Ok;
    let mut grouper = crate::syntax::group::Grouper::file();
    let mut statements: Vec<Vec<String>> = source
        .lines()
        .filter_map(|l| grouper.push(l.strip_suffix('\r').unwrap_or(l)))
        .collect();
    statements.extend(grouper.finish());
    for lines in statements {
        for (i, l) in lines.iter().enumerate() {
            let prompt = if i == 0 { ">>> " } else { "... " };
            writeln!(out, "{}{l}", palette.prompt(prompt))?;
        }
        let joined = lines.join("\n");
        let line = joined.as_str();
        let width = crate::teach::terminal_width();
        if let Some(text) = teacher.command(line, &mut session, palette, width) {
            out.write_all(text.as_bytes())?;
            continue;
        }
        let (outcome, teaching) = teacher.run_and_render(&mut session, line, palette, width);
        out.write_all(render_outcome(line, &outcome, palette).as_bytes())?;
        out.write_all(teaching.as_bytes())?;
        if outcome.error.is_some() {
            end = ScriptEnd::Failed;
            if !keep_going {
                break;
            }
        }
    }
    out.flush()?;
    Ok(end)
}

/// Read `path` and [`run_source`] it to stdout. A file that cannot be read
/// is an `Err` from reading; errors writing stdout come back the same way.
pub fn run_file(path: &Path, keep_going: bool, palette: &Palette) -> Result<ScriptEnd, ReadError> {
    let source = std::fs::read_to_string(path).map_err(ReadError::Read)?;
    let stdout = io::stdout();
    run_source(&source, keep_going, palette, stdout.lock()).map_err(ReadError::Write)
}

/// Why [`run_file`] could not finish.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be read.
    Read(io::Error),
    /// Standard output could not be written.
    Write(io::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(src: &str, keep_going: bool) -> (String, ScriptEnd) {
        let mut out = Vec::new();
        let end = run_source(src, keep_going, &Palette::new(false), &mut out).unwrap();
        (String::from_utf8(out).unwrap(), end)
    }

    #[test]
    fn stops_at_first_error() {
        let (out, end) = run("# c\n\na = np.arange(3)\nb\na\n", false);
        assert_eq!(end, ScriptEnd::Failed);
        assert!(
            out.starts_with(">>> a = np.arange(3)\na: (3,) int64 · NEW"),
            "{out}"
        );
        assert!(
            out.ends_with(">>> b\nNameError: name 'b' is not defined\n"),
            "{out}"
        );
    }

    #[test]
    fn keep_going_runs_everything() {
        let (out, end) = run("a = np.arange(3)\na)\na[1:]\n", true);
        assert_eq!(end, ScriptEnd::Failed);
        assert!(out.contains("    a)\n"), "{out}");
        assert!(
            out.contains(">>> a[1:]\narray([1, 2])\na[1:]: (2,) int64 · VIEW of a"),
            "{out}"
        );
    }
}
