//! The lesson file format: line-oriented text, so every problem can name
//! its line. `lessons/README.md` is the author's description; in short:
//!
//! ```text
//! # Title                       the lesson's title (first non-blank line)
//! summary: one line             shown in `slicelab lesson`
//! prose...                      the introduction
//! ## Step title                 starts a step; prose below it is its text
//! run: a = np.arange(6)         slicelab runs and shows it as the step starts
//! task: what to do              (continued on lines indented by two spaces)
//! check: b.shape == (3,)        must be true of the learner's state
//! hint: a nudge                 first :hint; then the rule; then an example
//! solution: b = a[:3]           runs in order to complete the step
//! predict: a[[1, 2]]            a predict-then-reveal step instead of a task
//! ask: shape, view, values      what the learner guesses first
//! explain: why                  prose shown after the guess (or once the task is done)
//! ```
//!
//! A check may end in `# words`: what it asks, shown when it does not hold.
//!
//! The parser collects every error rather than stopping at the first.

use crate::render::visible::{visible, visible_line};
use std::fmt;

use super::model::{Guess, Lesson, Predict, Sourced, Step};
use crate::syntax::{self, ast::Stmt};

/// A problem in a lesson file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// The file (or embedded name) the lesson came from.
    pub origin: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong, in an author's words.
    pub message: String,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Both may quote the file: nothing in it reaches a terminal raw.
        let (origin, message) = (visible_line(&self.origin), visible(&self.message));
        match self.line {
            // A file that could not be read has no line to name.
            0 => write!(f, "{origin}: {message}"),
            n => write!(f, "{origin}:{n}: {message}"),
        }
    }
}

/// The directives a line may start with.
const DIRECTIVES: &[&str] = &[
    "summary", "run", "task", "check", "hint", "solution", "predict", "ask", "explain",
];

/// A statement and the words of a trailing `# comment`, split at the
/// first `#` outside a string literal.
fn split_note(text: &str) -> (&str, Option<String>) {
    let mut quote = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match quote {
            Some(_) if escaped => escaped = false,
            Some(_) if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '#' => {
                let note = text[i + 1..].trim();
                let note = (!note.is_empty()).then(|| note.to_string());
                return (text[..i].trim(), note);
            }
            None => {}
        }
    }
    (text.trim(), None)
}

/// `word: rest` when the line starts with a lowercase word and a colon.
fn directive(line: &str) -> Option<(&str, &str)> {
    let (word, rest) = line.split_once(':')?;
    let is_word = !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c == '_');
    if !is_word || !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((word, rest.trim()))
}

/// Levenshtein distance, to tell a mistyped directive (`chek:`) from
/// prose that happens to start with a word and a colon.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Which multi-line field an indented line continues.
#[derive(Clone, Copy, PartialEq)]
enum Open {
    None,
    Task,
    Hint,
    Explain,
    /// A `run:` or `solution:` statement over several lines (a `def`, a
    /// `for` loop): its lines are read to the end before it is parsed.
    Statement,
}

/// A `run:` or `solution:` statement still being read, with the line its
/// directive was on.
struct Pending {
    word: &'static str,
    text: String,
    line: usize,
}

struct Parser {
    lesson: Lesson,
    errors: Vec<FormatError>,
    open: Open,
    pending: Option<Pending>,
}

impl Parser {
    fn error(&mut self, line: usize, message: impl Into<String>) {
        self.errors.push(FormatError {
            origin: self.lesson.origin.clone(),
            line,
            message: message.into(),
        });
    }

    /// The step being written, or an error if none has started.
    fn step(&mut self, line: usize, word: &str) -> Option<&mut Step> {
        if self.lesson.steps.is_empty() {
            self.error(
                line,
                format!("`{word}:` belongs to a step; start one with a `## Step title` line"),
            );
            return None;
        }
        self.lesson.steps.last_mut()
    }

    /// Syntax-check a statement (or an expression, for checks).
    fn statement(&mut self, line: usize, word: &str, text: &str) -> Option<Sourced> {
        // A statement over several lines keeps its comments as Python would.
        let (text, note) = if text.contains('\n') {
            (text, None)
        } else {
            split_note(text)
        };
        if text.is_empty() {
            self.error(line, format!("`{word}:` needs a statement after it"));
            return None;
        }
        match syntax::parse_stmt(text) {
            Err(e) => {
                self.error(
                    line,
                    format!(
                        "`{word}: {text}` is not a statement slicelab can read: {}",
                        e.message
                    ),
                );
                None
            }
            Ok(Stmt::Expr(_)) => Some(Sourced {
                text: text.to_string(),
                line,
                note,
            }),
            Ok(Stmt::Assign { targets, .. }) if word == "predict" && targets.len() > 1 => {
                self.error(
                    line,
                    "`predict:` takes an expression or `name = expression`",
                );
                None
            }
            Ok(_) if word == "check" => {
                self.error(
                    line,
                    format!("`check: {text}` must be an expression (a check never changes state)"),
                );
                None
            }
            Ok(_) => Some(Sourced {
                text: text.to_string(),
                line,
                note,
            }),
        }
    }

    fn line(&mut self, n: usize, raw: &str) {
        let line = raw.trim_end();
        // A statement's further lines keep their own indentation past the
        // two spaces that mark them as a continuation (a block's body).
        if self.open == Open::Statement && raw.starts_with("  ") && !line.trim().is_empty() {
            if let Some(p) = &mut self.pending {
                p.text.push('\n');
                p.text.push_str(&line[2..]);
            }
            return;
        }
        self.close_statement();
        // Continuation of a task or hint.
        if self.open != Open::None && raw.starts_with("  ") && !line.trim().is_empty() {
            let more = line.strip_prefix("  ").unwrap_or(line);
            if let Some(step) = self.lesson.steps.last_mut() {
                let field = match self.open {
                    Open::Task => step.task.as_mut(),
                    Open::Explain => Some(&mut step.explain),
                    _ => step.hints.last_mut(),
                };
                if let Some(f) = field {
                    f.push('\n');
                    f.push_str(more);
                }
            }
            return;
        }
        self.open = Open::None;
        if let Some(title) = line.strip_prefix("## ") {
            self.lesson.steps.push(Step {
                title: title.trim().to_string(),
                line: n,
                ..Step::default()
            });
            return;
        }
        if let Some(title) = line.strip_prefix("# ") {
            if self.lesson.title.is_empty() && self.lesson.steps.is_empty() {
                self.lesson.title = title.trim().to_string();
            } else {
                self.error(n, "a second `# ` title; steps start with `## `");
            }
            return;
        }
        let Some((word, rest)) = directive(line) else {
            self.text(n, line);
            return;
        };
        if !DIRECTIVES.contains(&word) {
            // Prose may start with `word:`; only a near-miss is a typo.
            if !DIRECTIVES.iter().any(|d| edit_distance(d, word) <= 2) {
                self.text(n, line);
                return;
            }
            self.error(
                n,
                format!(
                    "unknown directive `{word}:` (known: {})",
                    DIRECTIVES.join(", ")
                ),
            );
            return;
        }
        if word == "summary" {
            if !self.lesson.steps.is_empty() {
                self.error(n, "`summary:` belongs before the first step");
            } else if !self.lesson.summary.is_empty() {
                self.error(n, "a second `summary:`");
            } else {
                self.lesson.summary = rest.to_string();
            }
            return;
        }
        if self.step(n, word).is_none() {
            return;
        }
        match word {
            "run" | "solution" => {
                self.pending = Some(Pending {
                    word: if word == "run" { "run" } else { "solution" },
                    text: rest.to_string(),
                    line: n,
                });
                self.open = Open::Statement;
            }
            "check" | "predict" => {
                let Some(s) = self.statement(n, word, rest) else {
                    return;
                };
                let Some(step) = self.lesson.steps.last_mut() else {
                    return;
                };
                match word {
                    "check" => step.checks.push(s),
                    _ if step.predict.is_some() => self.error(
                        n,
                        "a step predicts one statement; this is a second `predict:`",
                    ),
                    _ => {
                        step.predict = Some(Predict {
                            statement: s,
                            ask: Vec::new(),
                        })
                    }
                }
            }
            "explain" => {
                if let Some(step) = self.lesson.steps.last_mut() {
                    if !step.explain.is_empty() {
                        step.explain.push('\n');
                    }
                    step.explain.push_str(rest);
                    self.open = Open::Explain;
                }
            }
            "task" | "hint" if rest.is_empty() => {
                self.error(n, format!("`{word}:` needs text after it"));
            }
            "task" => {
                let Some(step) = self.lesson.steps.last_mut() else {
                    return;
                };
                if step.task.is_some() {
                    self.error(n, "a second `task:` in this step");
                } else {
                    step.task = Some(rest.to_string());
                    self.open = Open::Task;
                }
            }
            "hint" => {
                if let Some(step) = self.lesson.steps.last_mut() {
                    step.hints.push(rest.to_string());
                    self.open = Open::Hint;
                }
            }
            _ => self.ask(n, rest),
        }
    }

    fn ask(&mut self, n: usize, rest: &str) {
        let mut asked = Vec::new();
        for word in rest.split([',', ' ']).filter(|w| !w.is_empty()) {
            match [Guess::Shape, Guess::View, Guess::Values]
                .into_iter()
                .find(|g| g.word() == word)
            {
                Some(g) if !asked.contains(&g) => asked.push(g),
                Some(_) => self.error(n, format!("`ask:` names `{word}` twice")),
                None => self.error(
                    n,
                    format!("`ask:` takes shape, view and/or values, not `{word}`"),
                ),
            }
        }
        if asked.is_empty() {
            self.error(n, "`ask:` needs at least one of shape, view, values");
        }
        match self.lesson.steps.last_mut().map(|s| &mut s.predict) {
            Some(Some(p)) if p.ask.is_empty() => p.ask = asked,
            Some(Some(_)) => self.error(n, "a second `ask:` in this step"),
            _ => self.error(n, "`ask:` must follow this step's `predict:` line"),
        }
    }

    /// Prose: the lesson's introduction or the current step's text.
    fn text(&mut self, n: usize, line: &str) {
        if self.lesson.title.is_empty() {
            if !line.trim().is_empty() {
                self.error(n, "a lesson starts with a `# Title` line");
            }
            return;
        }
        let target = match self.lesson.steps.last_mut() {
            Some(step) => &mut step.text,
            None => &mut self.lesson.intro,
        };
        if target.is_empty() && line.trim().is_empty() {
            return;
        }
        target.push_str(line);
        target.push('\n');
    }

    /// Parse the `run:` or `solution:` statement read so far, if any, and
    /// add it to its step.
    fn close_statement(&mut self) {
        let Some(p) = self.pending.take() else {
            return;
        };
        self.open = Open::None;
        let Some(s) = self.statement(p.line, p.word, &p.text) else {
            return;
        };
        if let Some(step) = self.lesson.steps.last_mut() {
            match p.word {
                "run" => step.runs.push(s),
                _ => step.solutions.push(s),
            }
        }
    }

    /// Whole-lesson rules, checked once every line is read.
    fn finish(&mut self) {
        self.close_statement();
        if self.lesson.title.is_empty() && self.errors.is_empty() {
            self.error(1, "a lesson starts with a `# Title` line");
        }
        if self.lesson.steps.is_empty() && self.errors.is_empty() {
            self.error(1, "a lesson needs at least one `## ` step");
        }
        let steps = std::mem::take(&mut self.lesson.steps);
        for step in &steps {
            let n = step.line;
            let asked_at = step.predict.as_ref().map(|p| p.statement.line);
            if let Some(r) = step
                .runs
                .iter()
                .find(|r| asked_at.is_some_and(|a| r.line > a))
            {
                self.error(
                    r.line,
                    "`run:` lines run as the step starts, so they go before `predict:`; move it to the next step",
                );
            }
            match (&step.predict, &step.task) {
                (Some(_), Some(_)) => {
                    self.error(n, "a step has either `task:` or `predict:`, not both")
                }
                (None, None) => self.error(n, "this step has neither `task:` nor `predict:`"),
                (Some(p), None) => {
                    if p.ask.is_empty() {
                        self.error(n, "this predict step has no `ask:` line");
                    }
                    if !step.solutions.is_empty() {
                        self.error(n, "a predict step's solution is its `predict:` statement; drop `solution:`");
                    }
                }
                (None, Some(_)) => {
                    if step.checks.is_empty() {
                        self.error(n, "this task step has no `check:` line");
                    }
                    if step.solutions.is_empty() {
                        self.error(n, "this task step has no `solution:` line");
                    }
                    if step.hints.is_empty() {
                        self.error(n, "this task step has no `hint:` line");
                    }
                }
            }
        }
        self.lesson.steps = steps;
        for text in [&mut self.lesson.intro]
            .into_iter()
            .chain(self.lesson.steps.iter_mut().map(|s| &mut s.text))
        {
            while text.ends_with("\n\n") {
                text.pop();
            }
        }
    }
}

/// The lesson with its prose (everything shown but never run) escaped
/// for the terminal; statements stay as written, and are escaped where
/// they are echoed.
fn shown_safely(mut lesson: Lesson) -> Lesson {
    for line in [
        &mut lesson.name,
        &mut lesson.origin,
        &mut lesson.title,
        &mut lesson.summary,
    ] {
        *line = visible_line(line);
    }
    lesson.intro = visible(&lesson.intro);
    for step in &mut lesson.steps {
        step.title = visible_line(&step.title);
        step.text = visible(&step.text);
        if let Some(task) = &mut step.task {
            *task = visible(task);
        }
        for hint in &mut step.hints {
            *hint = visible(hint);
        }
    }
    lesson
}

/// Parse one lesson file. `name` is the NAME that starts it; `origin` names
/// the file in errors. Every error found is returned, in line order.
pub fn parse(name: &str, origin: &str, text: &str) -> Result<Lesson, Vec<FormatError>> {
    let mut p = Parser {
        lesson: Lesson {
            name: name.to_string(),
            origin: origin.to_string(),
            ..Lesson::default()
        },
        errors: Vec::new(),
        open: Open::None,
        pending: None,
    };
    for (i, line) in text.lines().enumerate() {
        p.line(i + 1, line);
    }
    p.finish();
    if p.errors.is_empty() {
        Ok(shown_safely(p.lesson))
    } else {
        p.errors.sort_by_key(|e| e.line);
        Err(p.errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "\
# Slices
summary: a slice shares memory

Intro line.

## First
Some text.
run: a = np.arange(6)
task: Make b.
  Second task line.
check: b.shape == (3,)
hint: nudge
hint: rule
  worked example
solution: b = a[:3]

## Guess
predict: a[[1, 2]]
ask: shape, view
";

    #[test]
    fn a_good_lesson_parses() {
        let l = parse("slices", "slices.lesson", GOOD).unwrap();
        assert_eq!(l.title, "Slices");
        assert_eq!(l.summary, "a slice shares memory");
        assert_eq!(l.intro, "Intro line.\n");
        assert_eq!(l.steps.len(), 2);
        let s = &l.steps[0];
        assert_eq!(s.task.as_deref(), Some("Make b.\nSecond task line."));
        assert_eq!(s.hints, vec!["nudge", "rule\nworked example"]);
        assert_eq!(s.checks[0].line, 11);
        assert_eq!(s.solutions[0].text, "b = a[:3]");
        let p = l.steps[1].predict.as_ref().unwrap();
        assert_eq!(p.ask, vec![Guess::Shape, Guess::View]);
        assert_eq!(l.steps[1].answer()[0].text, "a[[1, 2]]");
    }

    fn errors(text: &str) -> Vec<String> {
        parse("x", "x.lesson", text)
            .unwrap_err()
            .iter()
            .map(|e| e.to_string())
            .collect()
    }

    #[test]
    fn errors_name_file_and_line() {
        let bad = GOOD
            .replace("check: b.shape == (3,)", "chek: b.shape == (3,)")
            .replace("solution: b = a[:3]", "solution: b = a[:3")
            .replace("ask: shape, view", "ask: shape, size");
        let e = errors(&bad);
        assert!(
            e.iter()
                .any(|m| m.starts_with("x.lesson:11: unknown directive `chek:`")),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|m| m.starts_with("x.lesson:15: `solution: b = a[:3`")),
            "{e:?}"
        );
        assert!(
            e.iter().any(|m| m.starts_with("x.lesson:19: `ask:` takes")),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|m| m.starts_with("x.lesson:6: this task step has no `check:`")),
            "{e:?}"
        );
    }

    #[test]
    fn checks_are_expressions_and_steps_need_a_step() {
        let e =
            errors("# T\ncheck: a = 1\n## S\ntask: t\ncheck: b = 2\nhint: h\nsolution: b = 1\n");
        assert!(e[0].contains(":2: `check:` belongs to a step"), "{e:?}");
        assert!(
            e.iter()
                .any(|m| m.contains(":5: `check: b = 2` must be an expression")),
            "{e:?}"
        );
    }

    #[test]
    fn run_after_predict_is_refused() {
        let e = errors("# T\n## S\npredict: 1\nask: values\nrun: 2\n");
        assert!(
            e[0].starts_with("x.lesson:5: `run:` lines run as the step starts"),
            "{e:?}"
        );
    }

    #[test]
    fn prose_may_start_with_a_word_and_a_colon() {
        let l = parse(
            "x",
            "x",
            "# T\ndescription: prose\n## S\npredict: 1\nask: values\n",
        )
        .unwrap();
        assert_eq!(l.intro, "description: prose\n");
        assert_eq!(edit_distance("check", "chek"), 1);
    }

    #[test]
    fn a_file_without_title_or_steps_is_refused() {
        assert_eq!(
            errors(""),
            vec!["x.lesson:1: a lesson starts with a `# Title` line"]
        );
        assert_eq!(
            errors("# T\n"),
            vec!["x.lesson:1: a lesson needs at least one `## ` step"]
        );
        assert!(errors("hello\n# T\n")[0].contains(":1: a lesson starts with"));
    }
}
