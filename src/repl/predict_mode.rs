//! `:predict on` at the prompt: before each of the learner's own
//! statements that yields an array, ask its shape and VIEW or COPY, then run
//! it through the teaching view, reveal, and keep score. The questions and
//! their scoring are the lessons' (`lesson::predict`); this is the free-play
//! front end to them.

use std::io::{self, Write};

use super::input::{LineEditor, Read, Reader, Styled};
use super::{Palette, render_outcome};
use crate::eval::{Outcome, Session, Value};
use crate::lesson::Guess;
use crate::lesson::predict::{self, Answer};
use crate::syntax::ast::{Expr, ExprKind, Stmt};
use crate::teach::{Teacher, terminal_width};

/// Whether predict mode is on, and the score so far.
#[derive(Debug, Default)]
pub struct PredictMode {
    on: bool,
    asked: usize,
    right: usize,
}

/// What the learner did at a question.
enum Asked {
    Answer(Answer),
    /// `:skip` (or an empty line twice): run without guessing.
    Skip,
    /// `:predict off` at a question: mode off, then run.
    Off,
}

impl PredictMode {
    /// Whether statements are being asked about.
    pub fn on(&self) -> bool {
        self.on
    }

    /// `:predict [on|off]`; `None` when `line` is not that command.
    pub fn command(&mut self, line: &str, palette: &Palette) -> Option<String> {
        let t = line.trim();
        let arg = t.strip_prefix(":predict")?;
        if !(arg.is_empty() || arg.starts_with(' ')) {
            return None;
        }
        Some(match arg.trim() {
            "on" => {
                self.on = true;
                "predict mode on: before each statement that gives an array, guess its \
                 shape and VIEW or COPY (:skip runs it without guessing; :predict off ends)\n"
                    .to_string()
            }
            "off" => {
                self.on = false;
                format!("predict mode off. {}", self.score())
            }
            "" => self.score(),
            _ => palette.error("usage: :predict [on|off]\n"),
        })
    }

    /// The score, in a line.
    pub fn score(&self) -> String {
        if self.asked == 0 {
            let state = if self.on { "on" } else { "off" };
            return format!("predict mode is {state}; no guesses yet (:predict on starts)\n");
        }
        format!(
            "predictions right: {} of {} ({}%)\n",
            self.right,
            self.asked,
            self.right * 100 / self.asked
        )
    }

    /// Ask about `line`, run it through the teaching view and reveal;
    /// `None` when the statement yields no array to ask about (the caller
    /// runs it as usual). The outcome and all there is to print otherwise.
    pub fn run(
        &mut self,
        line: &str,
        session: &mut Session,
        teacher: &mut Teacher,
        editor: &mut LineEditor,
        reader: &mut Reader,
        palette: &Palette,
    ) -> io::Result<Option<(Outcome, String)>> {
        if !self.on || !yields_array(line, session) {
            return Ok(None);
        }
        let mut answers = Vec::new();
        for g in [Guess::Shape, Guess::View] {
            match ask(g, session, editor, reader, palette)? {
                Asked::Answer(a) => answers.push((g, a)),
                Asked::Skip => break,
                Asked::Off => {
                    self.on = false;
                    answers.clear();
                    break;
                }
            }
        }
        let mut teaching = String::new();
        let (outcome, truth) = predict::reveal_with(session, line, |s, l| {
            let (outcome, text) = teacher.run_and_render(s, l, palette, terminal_width());
            teaching = text;
            outcome
        });
        let mut text = render_outcome(line, &outcome, palette);
        if let Some(name) = &truth.target
            && outcome.error.is_none()
        {
            // `v = a[1:]` prints nothing; the reveal shows what was bound.
            let shown = session.run(name);
            text.push_str(&render_outcome(name, &shown, palette));
        }
        text.push_str(&teaching);
        if truth.shape.is_none() {
            if !answers.is_empty() {
                text.push_str(&palette.dim("(it gave no array: not scored)\n"));
            }
            return Ok(Some((outcome, text)));
        }
        let mut right = 0;
        for (g, a) in &answers {
            let ok = predict::answer_is_right(a, &truth);
            right += usize::from(ok);
            let mark = if ok {
                palette.prompt("✓")
            } else {
                palette.error("✗")
            };
            let line = match g {
                Guess::Shape => format!(
                    "shape {}",
                    crate::engine::error::shape_tuple(truth.shape.as_deref().unwrap_or(&[]))
                ),
                _ if truth.shares_with.is_empty() => {
                    "COPY: it shares no memory with what it reads".to_string()
                }
                _ => format!(
                    "VIEW: it shares memory with {}",
                    truth.shares_with.join(", ")
                ),
            };
            text.push_str(&format!("  {mark} {line}\n"));
        }
        if !answers.is_empty() {
            self.asked += answers.len();
            self.right += right;
            text.push_str(&palette.dim(&self.score()));
        }
        Ok(Some((outcome, text)))
    }
}

/// Ask one question until it gets an answer of its kind.
fn ask(
    g: Guess,
    session: &mut Session,
    editor: &mut LineEditor,
    reader: &mut Reader,
    palette: &Palette,
) -> io::Result<Asked> {
    let question = match g {
        Guess::Shape => "  shape? ",
        _ => "  VIEW or COPY? ",
    };
    let prompt = Styled::new(question, palette);
    let plain = Styled::new("", palette);
    loop {
        let line = match reader
            .statement(editor, &prompt, &plain, None)
            .map_err(io::Error::other)?
        {
            Read::Line(l) => l,
            Read::Interrupted | Read::NotUtf8 => continue,
            Read::Eof(_) => return Ok(Asked::Skip),
        };
        match line.trim() {
            "" => continue,
            ":skip" => return Ok(Asked::Skip),
            ":predict off" => return Ok(Asked::Off),
            _ => {}
        }
        // Only shapes and verdicts are asked here, never values.
        match predict::read_answer(session, g, &line, "") {
            Ok(a) => return Ok(Asked::Answer(a)),
            Err(why) => {
                let mut out = io::stdout();
                out.write_all(palette.dim(&format!("{why}\n")).as_bytes())?;
                out.flush()?;
            }
        }
    }
}

/// Whether `line` is worth asking about: an expression, or `name =
/// expression`, that indexes, slices or calls something on an array name
/// or `np` (the statements that give arrays), reading at least one array.
fn yields_array(line: &str, session: &Session) -> bool {
    let expr = match crate::syntax::parse_stmt(line) {
        Ok(Stmt::Expr(e)) => e,
        Ok(Stmt::Assign { targets, value }) if targets.len() == 1 => {
            if !matches!(targets[0].kind, ExprKind::Name(_)) {
                return false;
            }
            value
        }
        _ => return false,
    };
    let root_is_array_or_np = |e: &Expr| match root(e) {
        Some("np") => true,
        Some(n) => matches!(session.binding(n), Some(Value::Array(_))),
        None => false,
    };
    let reads_array = predict::read_names(line)
        .iter()
        .any(|n| matches!(session.binding(n), Some(Value::Array(_))));
    let shaped = matches!(
        expr.kind,
        ExprKind::Subscript { .. } | ExprKind::Attribute { .. } | ExprKind::Call { .. }
    );
    shaped && reads_array && root_is_array_or_np(&expr)
}

/// The name at the root of `a[1:].T.reshape(2, 3)` or `np.flip(a)`.
fn root(e: &Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::Name(n) => Some(n),
        ExprKind::Subscript { value, .. } | ExprKind::Attribute { value, .. } => root(value),
        ExprKind::Call { func, .. } => root(func),
        _ => None,
    }
}
