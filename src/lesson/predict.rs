//! Predict, then reveal: what a statement's result truly is (shape, VIEW
//! or COPY, values) and how a learner's typed guess is scored against it.
//!
//! VIEW means what `np.shares_memory` means: the result shares at least one
//! element's memory with an array the statement reads. (The teaching view
//! gives the full verdict with its reason; this is the yes/no a guess needs.)

use super::model::Guess;
use crate::eval::{Outcome, Session, Value, shares_memory};
use crate::syntax::{self, ast::Stmt};

/// What a predicted statement produced.
#[derive(Debug, Clone, Default)]
pub struct Truth {
    /// The result's shape; `Some(vec![])` for a scalar, `None` when the
    /// result is neither an array nor a number.
    pub shape: Option<Vec<usize>>,
    /// The names of arrays the statement reads whose memory the result
    /// shares; empty means COPY.
    pub shares_with: Vec<String>,
    /// The result itself.
    pub value: Option<Value>,
    /// The name bound, for `name = expression`.
    pub target: Option<String>,
}

impl Truth {
    /// `VIEW` or `COPY`.
    pub fn verdict(&self) -> &'static str {
        if self.shares_with.is_empty() {
            "COPY"
        } else {
            "VIEW"
        }
    }
}

/// Python words that are not names.
const KEYWORDS: &[&str] = &[
    "and", "or", "not", "is", "in", "if", "else", "for", "lambda", "None", "True", "False",
];

/// Python identifiers in `text` that are not attribute names (`a.T` reads
/// `a`, not `T`), keywords, keyword-argument names (`axis=0`) or inside
/// string literals.
pub fn read_names(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut quote: Option<char> = None;
    while i < chars.len() {
        let c = chars[i];
        if let Some(q) = quote {
            if c == '\\' {
                i += 1;
            } else if c == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        if c == '\'' || c == '"' {
            quote = Some(c);
            i += 1;
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let after_dot = chars[..start].iter().rev().find(|c| !c.is_whitespace()) == Some(&'.');
            let mut rest = chars[i..].iter().skip_while(|c| c.is_whitespace());
            let keyword_arg = rest.next() == Some(&'=') && rest.next() != Some(&'=');
            if !after_dot
                && !keyword_arg
                && !KEYWORDS.contains(&word.as_str())
                && !names.contains(&word)
            {
                names.push(word);
            }
            continue;
        }
        i += 1;
    }
    names
}

/// Whether `name` is called somewhere in `text` (`classify(v, c)`): such a
/// name stands for a function, whose repr (an address) is nothing to show.
pub fn is_called(text: &str, name: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].trim_start();
        !before.is_some_and(ident) && after.starts_with('(')
    })
}

/// The name `statement` binds, when it is `name = expression`.
pub fn assigned_name(statement: &str) -> Option<String> {
    match syntax::parse_stmt(statement) {
        Ok(Stmt::Assign { targets, .. }) => match targets.first().map(|t| &t.kind) {
            Some(syntax::ast::ExprKind::Name(n)) if targets.len() == 1 => Some(n.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// Run `statement` (an expression, or `name = expression`) on the learner's
/// session and say what it gave.
pub fn reveal(session: &mut Session, statement: &str) -> (Outcome, Truth) {
    reveal_with(session, statement, |s, line| s.run(line))
}

/// [`reveal`], running the statement through `run` (the lesson prompt runs
/// it through the teaching view, so the reveal shows the diagram too).
pub fn reveal_with(
    session: &mut Session,
    statement: &str,
    run: impl FnOnce(&mut Session, &str) -> Outcome,
) -> (Outcome, Truth) {
    // The statement is the lesson file's, not the learner's.
    let _no_writes = crate::eval::refuse_file_writes();
    let target = assigned_name(statement);
    let reads = match syntax::parse_stmt(statement) {
        Ok(Stmt::Assign { value, .. }) => read_names(
            statement
                .get(value.span.start..value.span.end)
                .unwrap_or(statement),
        ),
        _ => read_names(statement),
    };
    // The arrays read, captured before the statement may rebind their names.
    let sources: Vec<(String, Value)> = reads
        .iter()
        .filter_map(|n| session.binding(n).map(|v| (n.clone(), v.clone())))
        .filter(|(_, v)| matches!(v, Value::Array(_)))
        .collect();
    let outcome = run(session, statement);
    let value = match (&outcome.error, &target) {
        // (The name is looked up after the statement bound it.)
        (Some(_), _) => None,
        (None, Some(name)) => session.binding(name).cloned(),
        (None, None) => outcome.value.clone(),
    };
    let mut truth = Truth {
        value: value.clone(),
        target: target.clone(),
        ..Truth::default()
    };
    match &value {
        Some(Value::Array(r)) => {
            truth.shape = Some(r.shape());
            truth.shares_with = sources
                .iter()
                .filter(|(_, v)| matches!(v, Value::Array(s) if shares_memory(r, s, true)))
                .map(|(n, _)| n.clone())
                .collect();
        }
        Some(Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::NpScalar(..)) => {
            truth.shape = Some(Vec::new());
        }
        _ => {}
    }
    (outcome, truth)
}

/// A shape guess: the integers typed, in order (`(2, 6)`, `2, 6`, `2x6`,
/// `()` for a scalar). `None` when the text holds anything else.
pub fn parse_shape(guess: &str) -> Option<Vec<usize>> {
    let cleaned: String = guess
        .chars()
        .map(|c| if "(),x×".contains(c) { ' ' } else { c })
        .collect();
    cleaned.split_whitespace().map(|w| w.parse().ok()).collect()
}

/// A VIEW/COPY guess: `view`, `v`, `copy`, `c` in any case; `Some(true)` is VIEW.
pub fn parse_verdict(guess: &str) -> Option<bool> {
    match guess.trim().to_ascii_lowercase().as_str() {
        "view" | "v" => Some(true),
        "copy" | "c" => Some(false),
        _ => None,
    }
}

/// A learner's typed answer to one question, once it reads as one.
#[derive(Debug, Clone)]
pub enum Answer {
    /// The integers of a shape.
    Shape(Vec<usize>),
    /// `true` for VIEW.
    View(bool),
    /// The value the typed expression evaluated to.
    Values(Value),
}

/// Read `text` as an answer to `question` about `statement`, or say how
/// to type one (the question is then asked again).
///
/// A values answer is a Python expression (`[0, 2]`, `7`, `True`, NumPy's
/// own `array([0, 2])`) evaluated in a scratch session: it may read the
/// learner's arrays and numbers, as copies, so `a[1:3]` is an answer, but
/// nothing a guess does can change the lesson's names (`a.sort()` as a
/// guess sorts a copy). A guess may not read a name the statement itself
/// reads: typing the statement back would always be right.
pub fn read_answer(
    session: &mut Session,
    question: Guess,
    text: &str,
    statement: &str,
) -> Result<Answer, String> {
    match question {
        Guess::Shape => parse_shape(text).map(Answer::Shape).ok_or_else(|| {
            "type a shape as whole numbers, e.g. (2, 3), 4, or () for a scalar".to_string()
        }),
        Guess::View => parse_verdict(text)
            .map(Answer::View)
            .ok_or_else(|| "type VIEW or COPY (v or c will do)".to_string()),
        Guess::Values => read_values(session, text, statement),
    }
}

/// A values guess, evaluated on copies of the names it reads.
fn read_values(session: &Session, text: &str, statement: &str) -> Result<Answer, String> {
    match syntax::parse_stmt(text) {
        Ok(Stmt::Expr(_)) => {}
        Ok(_) => return Err("type the values as an expression, e.g. [1, 2]".into()),
        Err(e) => return Err(format!("that does not read as Python: {}", e.message)),
    }
    let read_by_statement = read_names(statement);
    let mut scratch = Session::new();
    scratch.run("from numpy import array");
    for name in read_names(text) {
        if name == "np" || name == "numpy" || name == "array" {
            continue;
        }
        let Some(value) = session.binding(&name) else {
            continue;
        };
        if read_by_statement.contains(&name) {
            return Err(format!(
                "say what you expect it to give, written out (e.g. [1, 2], 7 or True): \
                 the statement reads `{name}` itself"
            ));
        }
        let copy = match value {
            Value::Array(a) => a
                .copy(crate::engine::Order::C)
                .map(Value::Array)
                .map_err(|e| e.to_string())?,
            Value::Int(_)
            | Value::Float(_)
            | Value::Complex(..)
            | Value::Bool(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::NpScalar(..)
            | Value::DType(_)
            | Value::None => value.clone(),
            _ => {
                return Err(format!(
                    "a guess can read the lesson's arrays and numbers, not `{name}`; \
                     type the values, e.g. [1, 2]"
                ));
            }
        };
        scratch.bind(&name, copy);
    }
    let outcome = scratch.run(text);
    if let Some(e) = outcome.error {
        // "yes" to `w.base is a` means True; only when it is not a name.
        if let Some(b) = yes_or_no(text).filter(|_| e.kind == "NameError") {
            return Ok(Answer::Values(Value::Bool(b)));
        }
        return Err(format!("that raised {e}; type the values, e.g. [1, 2]"));
    }
    match outcome.value {
        Some(v) => Ok(Answer::Values(v)),
        None => Err("type the values as an expression, e.g. [1, 2]".into()),
    }
}

/// A truth value typed in words (`yes`, `no`, `true`, `false`, any case).
fn yes_or_no(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" => Some(true),
        "no" | "n" | "false" => Some(false),
        _ => None,
    }
}

/// Whether an answer is right.
pub fn answer_is_right(answer: &Answer, truth: &Truth) -> bool {
    match answer {
        Answer::Shape(s) => truth.shape.as_ref() == Some(s),
        Answer::View(v) => *v != truth.shares_with.is_empty(),
        Answer::Values(v) => values_match(v, truth),
    }
}

/// Score a values guess: equal to the result elementwise with the same
/// shape (`np.array_equal`), judged in a scratch session.
pub fn values_match(guess: &Value, truth: &Truth) -> bool {
    let Some(value) = &truth.value else {
        return false;
    };
    let mut scratch = Session::new();
    scratch.bind("result", value.clone());
    scratch.bind("guess", guess.clone());
    scratch
        .truth("np.array_equal(result, guess)")
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_names_skips_attributes_and_strings() {
        assert_eq!(
            read_names("np.shares_memory(a.T, b['x'])"),
            vec!["np", "a", "b"]
        );
    }

    #[test]
    fn fancy_indexing_is_a_copy_and_slicing_a_view() {
        let mut s = Session::new();
        s.run("a = np.arange(6)");
        let (_, t) = reveal(&mut s, "a[[1, 2]]");
        assert_eq!((t.shape.clone(), t.verdict()), (Some(vec![2]), "COPY"));
        let (_, t) = reveal(&mut s, "b = a[::2]");
        assert_eq!((t.shape.clone(), t.verdict()), (Some(vec![3]), "VIEW"));
        assert_eq!(t.shares_with, vec!["a"]);
        let answer =
            |s: &mut Session, text| read_answer(s, Guess::Values, text, "b = a[::2]").unwrap();
        assert!(answer_is_right(&answer(&mut s, "[0, 2, 4]"), &t));
        assert!(!answer_is_right(&answer(&mut s, "[0, 2]"), &t));
        assert!(answer_is_right(&answer(&mut s, "array([0, 2, 4])"), &t));
        // Guesses may read the learner's names, but not the statement's own.
        s.run("c = a.copy()");
        assert!(answer_is_right(&answer(&mut s, "c[::2]"), &t));
        assert!(read_answer(&mut s, Guess::Values, "a[::2]", "b = a[::2]").is_err());
        let (_, t) = reveal(&mut s, "a[0]");
        assert_eq!((t.shape.clone(), t.verdict()), (Some(vec![]), "COPY"));
    }

    #[test]
    fn guesses_parse_leniently() {
        assert_eq!(parse_shape("(2, 6)"), Some(vec![2, 6]));
        assert_eq!(parse_shape("2x6"), Some(vec![2, 6]));
        assert_eq!(parse_shape("()"), Some(vec![]));
        assert_eq!(parse_shape("two"), None);
        assert_eq!(parse_verdict(" View "), Some(true));
        assert_eq!(parse_verdict("c"), Some(false));
        assert_eq!(parse_verdict("maybe"), None);
    }

    #[test]
    fn malformed_answers_are_refused_with_a_reason() {
        let mut s = Session::new();
        assert!(read_answer(&mut s, Guess::View, "maybe", "a").is_err());
        assert!(read_answer(&mut s, Guess::Shape, "two", "a").is_err());
        assert!(read_answer(&mut s, Guess::Values, "x = 1", "a").is_err());
        assert!(read_answer(&mut s, Guess::Values, "undefined_name", "a").is_err());
        assert!(s.binding("x").is_none());
    }

    #[test]
    fn a_guess_cannot_change_the_lessons_names() {
        let mut s = Session::new();
        s.run("a = np.array([3, 1, 2]); l = [1, 2]");
        let _ = read_answer(&mut s, Guess::Values, "a.sort()", "b");
        let _ = read_answer(&mut s, Guess::Values, "a.fill(0) or a", "b");
        assert!(read_answer(&mut s, Guess::Values, "l.pop()", "b").is_err());
        assert!(s.truth("a.tolist() == [3, 1, 2] and l == [1, 2]").unwrap());
    }

    #[test]
    fn yes_and_no_are_truth_values_unless_they_are_names() {
        let mut s = Session::new();
        s.run("a = np.arange(6)");
        let (_, t) = reveal(&mut s, "a[1:].base is a");
        let answer =
            |s: &mut Session, text| read_answer(s, Guess::Values, text, "a[1:].base is a").unwrap();
        assert!(answer_is_right(&answer(&mut s, "yes"), &t));
        assert!(answer_is_right(&answer(&mut s, "True"), &t));
        assert!(!answer_is_right(&answer(&mut s, "No"), &t));
        s.run("y = False");
        assert!(!answer_is_right(&answer(&mut s, "y"), &t));
    }
}
