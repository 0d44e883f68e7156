//! The checkable front end: statements in, NumPy's prompt text out.
//! Lines are grouped into statements as Python's prompt groups them
//! (`syntax::group`): each statement is echoed as `>>> FIRST LINE` and
//! `... LINE` for each further line; then comes what Python's prompt would
//! print, and an error as one line `Kind: message` (the message's first line). A syntax error is the
//! bare word `SyntaxError`, as the conformance oracle writes it.

use std::io::{BufRead, Write};

use crate::eval::Session;
use crate::syntax::group::Grouper;

/// Run every statement of `input` and write the transcript.
pub fn run(input: impl BufRead, mut out: impl Write) -> std::io::Result<()> {
    let mut session = Session::new();
    let mut grouper = Grouper::new();
    for line in input.split(b'\n') {
        // Bytes that are not UTF-8 become U+FFFD: the parser then says
        // SyntaxError, and the transcript goes on.
        let line = String::from_utf8_lossy(&line?).into_owned();
        let line = line.strip_suffix('\r').unwrap_or(&line);
        if let Some(stmt) = grouper.push(line) {
            run_one(&mut session, &stmt, &mut out)?;
        }
    }
    if let Some(stmt) = grouper.finish() {
        run_one(&mut session, &stmt, &mut out)?;
    }
    out.flush()
}

/// Echo one statement's lines and write what running it printed.
fn run_one(session: &mut Session, lines: &[String], out: &mut impl Write) -> std::io::Result<()> {
    for (i, l) in lines.iter().enumerate() {
        let prompt = if i == 0 { ">>>" } else { "..." };
        writeln!(out, "{prompt} {l}")?;
    }
    let outcome = session.run(&lines.join("\n"));
    out.write_all(outcome.output.as_bytes())?;
    if let Some(e) = outcome.error {
        // The format names every syntax error (`IndentationError` too) by
        // the one word.
        if matches!(e.kind.as_str(), "SyntaxError" | "IndentationError") {
            writeln!(out, "SyntaxError")?;
        } else if e.message.lines().next().unwrap_or("").is_empty() {
            // Python's `splitlines()[0]` of a message opening with a newline
            // (`np.testing`'s) is empty: the oracle prints the bare name.
            writeln!(
                out,
                "{}",
                crate::eval::transcript_name(crate::eval::builtin_kind(&e))
            )?;
        } else {
            // The oracle keeps a message's first line (`str(e).splitlines()[0]`),
            // as NumPy's two-line messages (`np.cross`) would otherwise
            // print a line no transcript line stands for.
            writeln!(
                out,
                "{}: {}",
                crate::eval::transcript_name(crate::eval::builtin_kind(&e)),
                e.message.lines().next().unwrap_or("")
            )?;
        }
    }
    Ok(())
}
