//! A lesson as plain data: what the parser builds from a lesson file and
//! what the checker and the lesson prompt walk. Nothing here runs anything.

/// A statement or expression from a lesson file, with the line it came
/// from so every later complaint can name it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sourced {
    /// The text after the directive (`b = a[:3]`).
    pub text: String,
    /// 1-based line number in the lesson file.
    pub line: usize,
    /// The words after a `#` on the line: for a check, what it asks in the
    /// lesson's own words, shown when it does not hold yet.
    pub note: Option<String>,
}

/// What a predict step asks the learner to guess before the statement runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guess {
    /// The result's shape, e.g. `(2, 6)`.
    Shape,
    /// Whether the result shares memory with the arrays it reads.
    View,
    /// The result's values, typed as a Python literal.
    Values,
}

impl Guess {
    /// The word a lesson file uses after `ask:`.
    pub fn word(self) -> &'static str {
        match self {
            Guess::Shape => "shape",
            Guess::View => "view",
            Guess::Values => "values",
        }
    }
}

/// A predict-then-reveal step: the learner guesses, slicelab runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Predict {
    /// The statement whose result is predicted (an expression, or an
    /// assignment to one name).
    pub statement: Sourced,
    /// What is asked, in order.
    pub ask: Vec<Guess>,
}

/// One step of a lesson.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Step {
    /// The `## ` heading.
    pub title: String,
    /// Line of the heading.
    pub line: usize,
    /// Prose shown when the step starts (blank lines kept).
    pub text: String,
    /// Statements slicelab runs, echoed with their output, as the step starts.
    pub runs: Vec<Sourced>,
    /// What the learner is asked to do (task steps).
    pub task: Option<String>,
    /// Expressions that must all be true of the learner's state.
    pub checks: Vec<Sourced>,
    /// Hints in the order `:hint` reveals them: nudge, rule, worked example.
    pub hints: Vec<String>,
    /// Statements that complete the step, run in order.
    pub solutions: Vec<Sourced>,
    /// Present for predict-then-reveal steps.
    pub predict: Option<Predict>,
    /// Prose shown once the learner has answered (after a predict step's
    /// reveal, or when a task is done): the explanation that must not come
    /// before the guess.
    pub explain: String,
}

impl Step {
    /// The trailing solution lines that only show a value (`solution: a`
    /// after `solution: w[0] = 100`): the "then look at" part of a task,
    /// which the learner is given the chance to type after the checks hold.
    pub fn looks(&self) -> &[Sourced] {
        let k = self
            .solutions
            .iter()
            .rposition(|s| !is_expression(&s.text))
            .map_or(0, |i| i + 1);
        &self.solutions[k..]
    }

    /// The statements that complete this step from its starting state: the
    /// predicted statement, or the solutions.
    pub fn answer(&self) -> Vec<&Sourced> {
        match &self.predict {
            Some(p) => vec![&p.statement],
            None => self.solutions.iter().collect(),
        }
    }
}

/// A parsed lesson.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lesson {
    /// The NAME that starts it (the file name without `.lesson`).
    pub name: String,
    /// Where it came from, for error messages (`lessons/views.lesson`).
    pub origin: String,
    /// The `# ` title.
    pub title: String,
    /// One line for the lesson list.
    pub summary: String,
    /// Prose shown before the first step.
    pub intro: String,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// Whether `text` is an expression statement (it shows a value, changes nothing
/// by its form).
pub fn is_expression(text: &str) -> bool {
    matches!(
        crate::syntax::parse_stmt(text),
        Ok(crate::syntax::ast::Stmt::Expr(_))
    )
}
