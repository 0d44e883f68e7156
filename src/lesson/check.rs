//! Running a lesson's statements on a [`Session`]: rebuilding the state a
//! step starts from, judging a step's checks on the learner's state, and
//! verifying a whole lesson for its author (`slicelab lesson --check`).
//! Checks are expressions evaluated by slicelab's own evaluator, so any
//! statement that reaches the wanted state passes — typed text is never
//! compared.

use super::model::{Guess, Lesson, Predict, Sourced, Step};
use super::predict::{self, Truth};
use crate::eval::{Outcome, PyError, Session, refuse_file_writes};

/// A check and what it gave on the learner's state.
#[derive(Debug)]
pub struct Judged<'a> {
    /// The check from the lesson file.
    pub check: &'a Sourced,
    /// Its truth, or the error evaluating it raised (e.g. a name not yet bound).
    pub result: Result<bool, PyError>,
}

impl Judged<'_> {
    /// True when the check evaluated to a true value.
    pub fn passed(&self) -> bool {
        matches!(self.result, Ok(true))
    }
}

/// Evaluate every check of `step` on `session`.
pub fn judge<'a>(session: &mut Session, step: &'a Step) -> Vec<Judged<'a>> {
    let _no_writes = refuse_file_writes();
    step.checks
        .iter()
        .map(|check| Judged {
            check,
            result: session.truth(&check.text),
        })
        .collect()
}

/// Whether every check of `step` holds (a step without checks holds).
pub fn step_done(session: &mut Session, step: &Step) -> bool {
    judge(session, step).iter().all(Judged::passed)
}

/// Run the statements a step shows as it starts, returning each with its outcome.
pub fn run_intro(session: &mut Session, step: &Step) -> Vec<(String, Outcome)> {
    let _no_writes = refuse_file_writes();
    step.runs
        .iter()
        .map(|r| (r.text.clone(), session.run(&r.text)))
        .collect()
}

/// A fresh session in the state step `upto` starts from: every earlier
/// step's `run:` statements and answers, run silently in order.
pub fn replay(lesson: &Lesson, upto: usize) -> Session {
    let _no_writes = refuse_file_writes();
    let mut session = Session::new();
    for step in lesson.steps.iter().take(upto) {
        run_intro(&mut session, step);
        for s in step.answer() {
            session.run(&s.text);
        }
    }
    session
}

/// A problem `--check` found by running a lesson.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The line of the statement or check at fault.
    pub line: usize,
    /// What went wrong.
    pub message: String,
}

/// Run every step's solutions in order and test every check: each
/// solution must run without error, each check must be false before
/// the solution (else the step completes itself) and true after it.
pub fn verify(lesson: &Lesson) -> Vec<Problem> {
    // A lesson file's lines may not write files, under `--check` too.
    let _no_writes = refuse_file_writes();
    let mut problems = Vec::new();
    let mut session = Session::new();
    for step in &lesson.steps {
        // A `run:` line may raise on purpose (the `and` error is taught so).
        run_intro(&mut session, step);
        if !step.checks.is_empty() && step_done(&mut session, step) {
            problems.push(Problem {
                line: step.line,
                message: format!(
                    "step \"{}\": its checks already hold before the solution runs",
                    step.title
                ),
            });
        }
        for s in &step.solutions {
            let outcome = session.run(&s.text);
            if let Some(e) = &outcome.error {
                problems.push(Problem {
                    line: s.line,
                    message: format!("`solution: {}` raised {e}", s.text),
                });
            }
        }
        if let Some(p) = &step.predict {
            let (outcome, truth) = predict::reveal(&mut session, &p.statement.text);
            let line = p.statement.line;
            if step.explain.trim().is_empty() {
                problems.push(Problem {
                    line,
                    message: format!(
                        "step \"{}\" predicts without `explain:`, so a wrong guess gets no why",
                        step.title
                    ),
                });
            }
            if let Some(e) = &outcome.error {
                problems.push(Problem {
                    line,
                    message: format!("`predict: {}` raised {e}", p.statement.text),
                });
            } else if let Some(message) = giveaway(step, p, &truth) {
                problems.push(Problem { line, message });
            } else if truth.shape.is_none() && p.ask.iter().any(|g| *g != Guess::Values) {
                problems.push(Problem {
                    line,
                    message: format!(
                        "`predict: {}` gives no array or scalar, so shape and view cannot be asked",
                        p.statement.text
                    ),
                });
            }
        }
        for j in judge(&mut session, step) {
            match j.result {
                Ok(true) => {}
                Ok(false) => problems.push(Problem {
                    line: j.check.line,
                    message: format!("`check: {}` is false after the solution", j.check.text),
                }),
                Err(e) => problems.push(Problem {
                    line: j.check.line,
                    message: format!("`check: {}` raised {e} after the solution", j.check.text),
                }),
            }
        }
    }
    problems
}

/// Whether the prose shown before a predict step already tells its answer:
/// a sentence that names the verdict (`a view`, `copies`...) and quotes code
/// from the predicted statement, or the shape or values written out. The
/// explanation belongs in `explain:`, shown after the guess.
pub fn giveaway(step: &Step, p: &Predict, truth: &Truth) -> Option<String> {
    let prose = &step.text;
    let statement = &p.statement.text;
    let quoted_code = |sentence: &str| {
        sentence
            .split('`')
            .skip(1)
            .step_by(2)
            .any(|code| !code.trim().is_empty() && statement.contains(code.trim()))
    };
    for g in &p.ask {
        let told = match g {
            Guess::View => {
                let words: &[&str] = if truth.shares_with.is_empty() {
                    &["a copy", "copies", "copied", "new memory"]
                } else {
                    &["a view", "views", "same memory", "shares memory"]
                };
                prose
                    .split(['.', '!', '?', ';'])
                    .find(|s| {
                        let lower = s.to_lowercase();
                        quoted_code(s) && words.iter().any(|w| lower.contains(w))
                    })
                    .map(|s| format!("the prose says it ({:?})", s.trim()))
            }
            Guess::Shape => truth.shape.as_ref().and_then(|shape| {
                let text = crate::engine::error::shape_tuple(shape);
                (!shape.is_empty() && prose.contains(&text))
                    .then(|| format!("the prose writes the shape {text}"))
            }),
            Guess::Values => truth
                .value
                .as_ref()
                .and_then(|v| {
                    let shown = crate::eval::display::str_of(v, &Default::default());
                    (shown.len() > 4 && prose.contains(&shown))
                        .then(|| format!("the prose writes the values {shown}"))
                })
                .or_else(|| {
                    attribute_words(statement)
                        .into_iter()
                        .find(|w| names_word(prose, w))
                        .map(|w| format!("the prose explains `.{w}`, which the guess is about"))
                }),
        };
        if let Some(how) = told {
            return Some(format!(
                "step \"{}\" gives its answer away before the guess: {how}; move the explanation to `explain:`",
                step.title
            ));
        }
    }
    None
}

/// The attributes a statement reads with a dot (`base` in `w.base is a`,
/// `owndata` in `s.flags.owndata`), not the functions it calls: prose
/// before the guess that talks about them is explaining the answer, while
/// naming the function a step is about is only saying what it uses.
fn attribute_words(statement: &str) -> Vec<&str> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    statement
        .match_indices('.')
        .filter_map(|(at, _)| {
            let rest = &statement[at + 1..];
            let end = rest.find(|c: char| !is_word(c)).unwrap_or(rest.len());
            let word = &rest[..end];
            let called = rest[end..].starts_with('(');
            (word.len() > 1 && !called && !word.starts_with(|c: char| c.is_ascii_digit()))
                .then_some(word)
        })
        .collect()
}

/// Whether `text` has `word` as a whole word (not inside a longer name).
fn names_word(text: &str, word: &str) -> bool {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

/// Every statement whose output a learner following the lesson sees, in
/// order: each step's `run:` lines and answers (and the name a predicted
/// assignment binds, shown at the reveal), then each name its checks read
/// (what `:goal` shows). Tests hold slicelab's transcript of these
/// against NumPy's (`tests/lessons/NAME.expected`).
pub fn shown_statements(lesson: &Lesson) -> Vec<String> {
    let mut lines = Vec::new();
    for step in &lesson.steps {
        lines.extend(step.runs.iter().map(|r| r.text.clone()));
        lines.extend(step.answer().iter().map(|s| s.text.clone()));
        // A predicted `name = expression` is revealed by showing `name`.
        if let Some(name) = step
            .predict
            .as_ref()
            .and_then(|p| predict::assigned_name(&p.statement.text))
        {
            lines.push(name);
        }
        let mut names: Vec<String> = Vec::new();
        for c in &step.checks {
            for n in predict::read_names(&c.text) {
                if !names.contains(&n) && n != "np" && !predict::is_called(&c.text, &n) {
                    names.push(n);
                }
            }
        }
        lines.extend(names);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::{attribute_words, names_word};

    #[test]
    fn attribute_words_are_what_a_dot_reaches() {
        assert_eq!(attribute_words("w.base is a"), ["base"]);
        assert_eq!(
            attribute_words("np.shares_memory(a[::2], a[1::2])"),
            Vec::<&str>::new()
        );
        assert_eq!(
            attribute_words("m[..., np.newaxis].shape"),
            ["newaxis", "shape"]
        );
        assert_eq!(attribute_words("a[1] + 2.5"), Vec::<&str>::new());
        assert_eq!(attribute_words("s.flags.owndata"), ["flags", "owndata"]);
    }

    #[test]
    fn names_word_needs_whole_words() {
        assert!(names_word("its `.base` is None", "base"));
        assert!(!names_word("a database", "base"));
        assert!(!names_word("np.may_share_memory", "share"));
    }
}
