//! The checkable front end: statements in, NumPy's prompt text out.
//! Each statement is echoed as `>>> STATEMENT`; then comes what Python's
//! prompt would print, and an error as one line `Kind: message`. A syntax
//! error is the bare word `SyntaxError`, as the conformance oracle writes it.

use std::io::{BufRead, Write};

use crate::eval::Session;

/// Run every line of `input` and write the transcript.
pub fn run(input: impl BufRead, mut out: impl Write) -> std::io::Result<()> {
    let mut session = Session::new();
    for line in input.split(b'\n') {
        // Bytes that are not UTF-8 become U+FFFD: the parser then says
        // SyntaxError, and the transcript goes on.
        let line = String::from_utf8_lossy(&line?).into_owned();
        let line = line.strip_suffix('\r').unwrap_or(&line);
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        writeln!(out, ">>> {line}")?;
        let outcome = session.run(line);
        out.write_all(outcome.output.as_bytes())?;
        if let Some(e) = outcome.error {
            if e.kind == "SyntaxError" {
                writeln!(out, "SyntaxError")?;
            } else {
                writeln!(out, "{e}")?;
            }
        }
    }
    out.flush()
}
