//! The interactive front end: a line editor over a [`Session`], and the
//! runner for a file of statements. Thin by design: every line goes to
//! [`Session::run`] and this module only prints the [`Outcome`].

pub mod helper;
pub mod script;
mod sigint;
pub mod style;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use rustyline::config::{ColorMode, Config};
use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::{Editor, Prompt};

use crate::eval::{Outcome, Session};
use crate::syntax::SyntaxError;

pub use helper::ReplHelper;
pub use style::Palette;

/// The commands the prompt understands besides statements.
pub const HELP: &str = "\
Type a NumPy statement, e.g. `a = np.arange(12).reshape(3, 4)` then `a[1:, ::2]`.
An open ( [ or { continues on a `... ` line.
  :help            this list
  :names           the names you have bound
  :quit, exit()    leave (or Ctrl-D); Ctrl-C clears the line";

/// What the prompt prints for one statement: the output as the evaluator
/// gave it, then the error if any — the caret display for a syntax error,
/// else `Kind: message`. Newline-terminated unless empty.
pub fn render_outcome(line: &str, outcome: &Outcome, palette: &Palette) -> String {
    let mut text = outcome.output.clone();
    if let Some(err) = &outcome.error {
        match outcome.syntax_error_at {
            Some(at) if err.kind == "SyntaxError" => {
                let rendered = SyntaxError::new(err.message.clone(), at).render(line);
                let mut lines = rendered.lines();
                let (src, caret) = (lines.next().unwrap_or(""), lines.next().unwrap_or(""));
                text.push_str(src);
                text.push('\n');
                text.push_str(&palette.caret(caret));
                text.push('\n');
                text.push_str(&palette.error(&err.to_string()));
            }
            _ => text.push_str(&palette.error(&err.to_string())),
        }
        text.push('\n');
    }
    text
}

/// A line typed at the prompt that is not a statement.
enum Command {
    Quit,
    Help,
    Names,
    Unknown,
}

fn command(line: &str) -> Option<Command> {
    match line.trim() {
        ":quit" | ":q" | "exit()" | "quit()" => Some(Command::Quit),
        ":help" | ":h" | ":?" => Some(Command::Help),
        ":names" => Some(Command::Names),
        l if l.starts_with(':') => Some(Command::Unknown),
        _ => None,
    }
}

/// `dirs::data_dir()/slicelab/history.txt`, with the directory and an empty
/// file created if missing.
fn history_file() -> Result<PathBuf, String> {
    let dir = dirs::data_dir()
        .ok_or("no data directory")?
        .join("slicelab");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join("history.txt");
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    Ok(path)
}

/// Line history in a file; any failure is reported once and then ignored.
struct History {
    path: Option<PathBuf>,
}

impl History {
    fn open(editor: &mut Editor<ReplHelper, FileHistory>, palette: &Palette) -> History {
        let path = history_file().and_then(|p| {
            editor
                .load_history(&p)
                .map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            Ok(p)
        });
        match path {
            Ok(p) => History { path: Some(p) },
            Err(e) => {
                warn(palette, &e);
                History { path: None }
            }
        }
    }

    fn add(&mut self, editor: &mut Editor<ReplHelper, FileHistory>, line: &str, palette: &Palette) {
        let _ = editor.add_history_entry(line);
        if let Some(p) = &self.path
            && let Err(e) = editor.append_history(p)
        {
            warn(palette, &format!("cannot write {}: {e}", p.display()));
            self.path = None;
        }
    }
}

fn warn(palette: &Palette, message: &str) {
    eprintln!(
        "{}",
        palette.dim(&format!(
            "slicelab: warning: {message}; history is not kept"
        ))
    );
}

/// A prompt whose plain text tells the editor its width.
struct Styled {
    raw: &'static str,
    styled: String,
}

impl Prompt for Styled {
    fn raw(&self) -> &str {
        self.raw
    }
    fn styled(&self) -> &str {
        &self.styled
    }
}

/// Run the interactive prompt until `:quit`, `exit()` or Ctrl-D.
pub fn run(palette: Palette) -> io::Result<()> {
    let config = Config::builder()
        .auto_add_history(false)
        .max_history_size(2000)
        .map_err(io::Error::other)?
        .history_ignore_dups(true)
        .map_err(io::Error::other)?
        .history_ignore_space(true)
        .color_mode(if palette.enabled() {
            ColorMode::Enabled
        } else {
            ColorMode::Disabled
        })
        .build();
    let mut editor: Editor<ReplHelper, FileHistory> =
        Editor::with_config(config).map_err(io::Error::other)?;
    editor.set_helper(Some(ReplHelper));
    let mut history = History::open(&mut editor, &palette);
    let prompt = Styled {
        raw: ">>> ",
        styled: palette.prompt(">>> "),
    };
    let interactive = io::stdin().is_terminal();
    let mut stdout = io::stdout();
    if interactive {
        writeln!(
            stdout,
            "{}",
            palette.dim(&format!(
                "slicelab {} — NumPy indexing, shown. :help for commands, Ctrl-D to leave.",
                env!("CARGO_PKG_VERSION")
            ))
        )?;
    }
    let mut session = Session::new();
    sigint::install();
    let continued = Styled {
        raw: "... ",
        styled: palette.prompt("... "),
    };
    // A paste arrives as one multi-line string (bracketed paste); its lines
    // are queued and run one statement at a time, as Python's prompt would.
    let mut pending: std::collections::VecDeque<String> = std::collections::VecDeque::new();
    let next_line = |editor: &mut Editor<ReplHelper, FileHistory>,
                     pending: &mut std::collections::VecDeque<String>,
                     prompt: &Styled|
     -> Result<String, ReadlineError> {
        if let Some(l) = pending.pop_front() {
            // ^C between two pasted statements stops the rest of the paste.
            if crate::engine::interrupt::requested() {
                pending.clear();
                return Err(ReadlineError::Interrupted);
            }
            return Ok(l);
        }
        let text = editor.readline(prompt)?;
        let mut lines = text
            .split('\n')
            .map(|l| l.trim_end_matches('\r').to_string());
        let first = lines.next().unwrap_or_default();
        pending.extend(lines);
        Ok(first)
    };
    let mut bad_lines = 0;
    'statements: loop {
        let mut input = match next_line(&mut editor, &mut pending, &prompt) {
            Ok(input) => input,
            Err(ReadlineError::Interrupted) => {
                pending.clear();
                if crate::engine::interrupt::requested() {
                    crate::engine::interrupt::clear();
                    let text = format!("\n{}\n", palette.error("KeyboardInterrupt"));
                    stdout.write_all(text.as_bytes())?;
                }
                continue;
            }
            Err(ReadlineError::Eof) => break,
            // Bytes that are not UTF-8 (a binary paste, a piped file): one
            // error line, as Python's SyntaxError, and the session goes on.
            Err(ReadlineError::Io(e)) if e.kind() == io::ErrorKind::InvalidData => {
                bad_lines += 1;
                if bad_lines > 1000 {
                    return Err(e);
                }
                let msg = "SyntaxError: (unicode error) the line is not valid UTF-8\n";
                stdout.write_all(palette.error(msg).as_bytes())?;
                continue;
            }
            Err(e) => return Err(io::Error::other(e)),
        };
        bad_lines = 0;
        // An open bracket asks for `... ` lines, as Python's prompt does.
        let mut at_eof = false;
        while helper::needs_more(&input) {
            match next_line(&mut editor, &mut pending, &continued) {
                Ok(more) => {
                    input.push('\n');
                    input.push_str(&more);
                }
                Err(ReadlineError::Interrupted) => {
                    pending.clear();
                    continue 'statements;
                }
                // Run what there is, so the parser says what is unclosed.
                Err(ReadlineError::Eof) => {
                    at_eof = true;
                    break;
                }
                Err(e) => return Err(io::Error::other(e)),
            }
        }
        let line = helper::join_lines(&input);
        if line.trim().is_empty() {
            continue;
        }
        history.add(&mut editor, &line, &palette);
        let text = match command(&line) {
            Some(Command::Quit) => break,
            Some(Command::Help) => format!("{HELP}\n"),
            Some(Command::Names) => names(&session),
            Some(Command::Unknown) => {
                palette.error(&format!("unknown command {}; type :help\n", line.trim()))
            }
            None if matches!(line.trim(), "exit" | "quit") => {
                "Use exit() or Ctrl-D (i.e. EOF) to exit\n".to_string()
            }
            None => {
                let outcome = session.run(&line);
                let text = render_outcome(&line, &outcome, &palette);
                // The terminal echoed `^C`; Python's word goes on a line of
                // its own. The rest of a paste is dropped with the statement.
                match &outcome.error {
                    Some(e) if e.kind == "KeyboardInterrupt" => {
                        pending.clear();
                        if interactive {
                            format!("\n{text}")
                        } else {
                            text
                        }
                    }
                    _ => text,
                }
            }
        };
        stdout.write_all(text.as_bytes())?;
        stdout.flush()?;
        if at_eof {
            break;
        }
    }
    Ok(())
}

/// `:names`: each bound name with its type, `np` left out.
fn names(session: &Session) -> String {
    let mut text = String::new();
    for (name, value) in session.names() {
        if name != "np" {
            text.push_str(&format!("{name}: {}\n", value.type_name()));
        }
    }
    if text.is_empty() {
        text.push_str("(no names yet)\n");
    }
    text
}
