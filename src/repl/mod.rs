//! The interactive front end: a line editor over a [`Session`], and the
//! runner for a file of statements. Thin by design: every line goes to
//! [`Session::run`] and this module only prints the [`Outcome`].

pub mod commands;
pub mod complete;
pub mod helper;
pub mod highlight;
mod history_file;
pub mod input;
pub mod lesson;
mod lesson_cli;
mod lesson_list;
pub mod predict_mode;
pub mod script;
mod sigint;
pub mod teaching;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use rustyline::Editor;
use rustyline::config::{ColorMode, Config};

use crate::eval::{Outcome, Session};
use crate::syntax::SyntaxError;

pub use crate::style::Palette;
pub use helper::ReplHelper;
use input::{LineEditor, Read, Styled};
pub use lesson_cli::{LessonArgs, lesson_command};

/// The commands the prompt understands besides statements, each with its
/// help line: `:help` and completion both read this table (the teaching
/// view's commands are in `teach::commands::COMMANDS`).
pub const PROMPT_COMMANDS: &[(&str, &str)] = &[
    (":help", "this list"),
    (":names", "the names you have bound"),
    (":history [N]", "the last N lines you typed (20 by default)"),
    (
        ":save FILE",
        "write this session as a doctest (FILE.py: a doctest module)",
    ),
    (
        ":predict on|off",
        "guess shape and VIEW/COPY before each array statement; :predict scores",
    ),
    ("%timeit STMT", "time a statement, as IPython does"),
    (
        "NAME?",
        "help on a function, method or attribute, e.g. np.ix_?",
    ),
    (":lesson [NAME]", "list the lessons, or start/resume one"),
    (":quit, exit()", "leave (or Ctrl-D); Ctrl-C clears the line"),
];

/// `:help`'s text for the prompt's own commands.
pub fn help_text() -> String {
    let mut text = String::from(
        "Type a NumPy statement, e.g. `a = np.arange(12).reshape(3, 4)` then `a[1:, ::2]`.\n\
         An open ( [ or { continues on a `... ` line.\n",
    );
    for (usage, what) in PROMPT_COMMANDS {
        text.push_str(&format!("  {usage:<17}{what}\n"));
    }
    text
}

/// What the prompt prints for one statement: the output as the evaluator
/// gave it, then the error if any — the caret display for a syntax error,
/// else `Kind: message`. Newline-terminated unless empty.
pub fn render_outcome(line: &str, outcome: &Outcome, palette: &Palette) -> String {
    // Python writes warnings to stderr as they happen: before the value.
    let mut text = String::new();
    for w in &outcome.warnings {
        text.push_str(&palette.alert(w));
        text.push('\n');
    }
    text.push_str(&outcome.output);
    if let Some(err) = &outcome.error {
        match outcome.syntax_error_at {
            Some(at) if matches!(err.kind.as_str(), "SyntaxError" | "IndentationError") => {
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
    Lesson(Option<String>),
    Unknown,
    /// A teaching command's text (`:vars`, `:undo`, ...).
    Taught(String),
}

fn command(line: &str) -> Option<Command> {
    match line.trim() {
        ":quit" | ":q" | "exit()" | "quit()" => Some(Command::Quit),
        ":help" | ":h" | ":?" => Some(Command::Help),
        ":names" => Some(Command::Names),
        l if l == ":lesson" || l.starts_with(":lesson ") => Some(Command::Lesson(
            l[":lesson".len()..]
                .split_whitespace()
                .next()
                .map(String::from),
        )),
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
/// Entries are appended (`history_file.rs`); the file is trimmed to the
/// editor's last entries by an atomic rewrite when it has grown to twice
/// that, checked at start and every [`TRIM_EVERY`] statements.
pub(crate) struct History {
    path: Option<PathBuf>,
    added: usize,
}

/// Statements between two looks at the history file's length.
const TRIM_EVERY: usize = 500;

impl History {
    pub(crate) fn open(editor: &mut LineEditor, palette: &Palette) -> History {
        let path = history_file().and_then(|p| {
            history_file::check_regular(&p)?;
            crate::lesson::progress::remove_stale_temporaries(&p);
            editor
                .load_history(&p)
                .map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            Ok(p)
        });
        match path {
            Ok(p) => {
                let mut h = History {
                    path: Some(p),
                    added: 0,
                };
                h.trim(editor, palette);
                h
            }
            Err(e) => {
                warn(palette, &e);
                History {
                    path: None,
                    added: 0,
                }
            }
        }
    }

    pub(crate) fn add(&mut self, editor: &mut LineEditor, line: &str, palette: &Palette) {
        // Lines rustyline ignores (duplicates, leading space) are not kept.
        let kept = editor.add_history_entry(line).unwrap_or(false);
        if let Some(p) = &self.path
            && kept
            && let Err(e) = history_file::append(p, line)
        {
            warn(palette, &format!("cannot write {}: {e}", p.display()));
            self.path = None;
        }
        self.added += 1;
        if self.added.is_multiple_of(TRIM_EVERY) {
            self.trim(editor, palette);
        }
    }

    /// Rewrite the file with the editor's entries once it holds twice as
    /// many: a temporary file renamed over it.
    fn trim(&mut self, editor: &mut LineEditor, palette: &Palette) {
        let Some(p) = &self.path else { return };
        if history_file::entries(p) <= 2 * MAX_HISTORY {
            return;
        }
        let tmp = history_file::temporary(p);
        let saved = editor
            .save_history(&tmp)
            .map_err(|e| e.to_string())
            .and_then(|()| std::fs::rename(&tmp, p).map_err(|e| e.to_string()));
        if let Err(e) = saved {
            let _ = std::fs::remove_file(&tmp);
            warn(palette, &format!("cannot write {}: {e}", p.display()));
            self.path = None;
        }
    }
}

/// Entries the prompt keeps (and the history file is trimmed to).
const MAX_HISTORY: usize = 2000;

fn warn(palette: &Palette, message: &str) {
    eprintln!(
        "{}",
        palette.dim(&format!(
            "slicelab: warning: {message}; history is not kept"
        ))
    );
}

/// Run the interactive prompt until `:quit`, `exit()` or Ctrl-D.
pub fn run(palette: Palette) -> io::Result<()> {
    run_with(palette, Session::new())
}

/// The interactive prompt over `session`'s names (a finished lesson hands
/// its names on).
pub fn run_with(palette: Palette, mut session: Session) -> io::Result<()> {
    let mut editor = new_editor(&palette)?;
    let scope = editor.helper().map(|h| h.scope()).unwrap_or_default();
    let mut history = History::open(&mut editor, &palette);
    let prompt = Styled::new(">>> ", &palette);
    let continued = Styled::new("... ", &palette);
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
        let store = crate::lesson::progress::Store::open(crate::lesson::progress::default_path());
        if store.progress.lessons.is_empty() {
            writeln!(
                stdout,
                "{}",
                palette.dim("New here? `:lesson views` starts the first lesson.")
            )?;
        }
    }
    scope.borrow_mut().set_names(&session);
    let mut transcript = commands::Transcript::default();
    let mut teacher = crate::teach::Teacher::new();
    let mut predicting = predict_mode::PredictMode::default();
    sigint::install();
    let mut reader = input::Reader::default();
    loop {
        let (line, at_eof) = match reader
            .statement(&mut editor, &prompt, &continued, None)
            .map_err(io::Error::other)?
        {
            Read::Line(line) => (line, false),
            Read::Interrupted => {
                // ^C landed between two statements of a paste: Python's
                // word for it, and the rest of the paste is dropped.
                if crate::engine::interrupt::requested() {
                    crate::engine::interrupt::clear();
                    let text = format!("\n{}\n", palette.error("KeyboardInterrupt"));
                    stdout.write_all(text.as_bytes())?;
                }
                continue;
            }
            Read::NotUtf8 => {
                let msg = "SyntaxError: (unicode error) the line is not valid UTF-8\n";
                stdout.write_all(palette.error(msg).as_bytes())?;
                continue;
            }
            Read::Eof(Some(line)) => (line, true),
            Read::Eof(None) => break,
        };
        if line.trim().is_empty() {
            continue;
        }
        history.add(&mut editor, &line, &palette);
        let line = commands::help_query(&line).unwrap_or(line);
        let width = crate::teach::terminal_width();
        if let Some(text) = predicting.command(&line, &palette) {
            stdout.write_all(text.as_bytes())?;
            stdout.flush()?;
            continue;
        }
        let taught = teacher.command(&line, &mut session, &palette, width);
        let text = match taught.map_or_else(|| command(&line), |t| Some(Command::Taught(t))) {
            Some(Command::Taught(t)) => {
                if let Some(undone) = teacher.take_undone() {
                    transcript.forget(&undone);
                }
                t
            }
            Some(Command::Quit) => break,
            Some(Command::Help) => format!(
                "{}{}{}",
                help_text(),
                crate::teach::commands::help(),
                commands::function_list()
            ),
            Some(Command::Names) => names(&session),
            Some(Command::Lesson(name)) => {
                if let Some(learned) =
                    lesson::from_prompt(&mut editor, &mut history, name, &palette)?
                {
                    // A finished lesson's names join the prompt's.
                    for (name, value) in learned.names() {
                        session.bind(&name, value);
                    }
                }
                String::new()
            }
            Some(Command::Unknown) => {
                extra_command(&line, &mut session, &transcript, &editor, &palette).unwrap_or_else(
                    || palette.error(&format!("unknown command {}; type :help\n", line.trim())),
                )
            }
            None if matches!(line.trim(), "exit" | "quit") => {
                "Use exit() or Ctrl-D (i.e. EOF) to exit\n".to_string()
            }
            None if line.split_whitespace().next() == Some("%timeit") => {
                extra_command(&line, &mut session, &transcript, &editor, &palette)
                    .unwrap_or_default()
            }
            None => {
                let predicted = predicting.run(
                    &line,
                    &mut session,
                    &mut teacher,
                    &mut editor,
                    &mut reader,
                    &palette,
                )?;
                let (outcome, text) = predicted.unwrap_or_else(|| {
                    teaching::run_statement(&mut teacher, &mut session, &line, &palette)
                });
                transcript.record(&line, &outcome);
                // The terminal echoed `^C`; Python's word goes on a line of
                // its own. The rest of a paste is dropped with the statement.
                match &outcome.error {
                    Some(e) if e.kind == "KeyboardInterrupt" => {
                        reader.drop_pending();
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
        scope.borrow_mut().set_names(&session);
        stdout.write_all(text.as_bytes())?;
        stdout.flush()?;
        if at_eof {
            break;
        }
    }
    Ok(())
}

/// `:history`, `:save FILE` and `%timeit STATEMENT` (see `commands.rs`).
fn extra_command(
    line: &str,
    session: &mut Session,
    transcript: &commands::Transcript,
    editor: &LineEditor,
    palette: &Palette,
) -> Option<String> {
    let t = line.trim();
    let (word, arg) = t.split_once(' ').unwrap_or((t, ""));
    Some(match word {
        ":history" => {
            let entries: Vec<String> = editor.history().iter().cloned().collect();
            commands::history(arg, &entries)
        }
        ":save" => transcript.save(arg, palette),
        "%timeit" => commands::timeit(arg, session, palette),
        _ => return None,
    })
}

/// The line editor with slicelab's settings.
pub(crate) fn new_editor(palette: &Palette) -> io::Result<LineEditor> {
    let config = Config::builder()
        .auto_add_history(false)
        .max_history_size(MAX_HISTORY)
        .map_err(io::Error::other)?
        .history_ignore_dups(true)
        .map_err(io::Error::other)?
        .history_ignore_space(true)
        .completion_type(rustyline::CompletionType::List)
        .color_mode(if palette.enabled() {
            ColorMode::Enabled
        } else {
            ColorMode::Disabled
        })
        .build();
    let mut editor: LineEditor = Editor::with_config(config).map_err(io::Error::other)?;
    let helper = ReplHelper::new(*palette);
    helper.set_lesson_names(crate::lesson::names());
    editor.set_helper(Some(helper));
    Ok(editor)
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
