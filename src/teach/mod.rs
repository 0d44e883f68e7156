//! The teaching view: what each statement did to memory.
//!
//! A [`Teacher`] runs statements on a [`Session`] and, besides NumPy's own
//! output, works out for every array a statement yields or binds its
//! verdict (VIEW, COPY, NEW, ALIAS; [`verdict`]), reads the engine's
//! record of the bytes a statement wrote so that it can name every other
//! array a write changed ([`journal`], [`alerts`]) and take the statement
//! back (`:undo`). It never evaluates any part of the learner's statement. Analysis never prints; the `render*` files turn it into text
//! for a [`Palette`], and the REPL, `slicelab FILE` and lessons show it.
//!
//! Cost: verdicts are O(ndim) plus NumPy's bounded overlap test; drawing
//! visits at most [`footprint::BUDGET`] elements; the write record copies
//! only the byte ranges written, up to [`journal::SNAPSHOT_LIMIT`].

pub mod alerts;
pub mod buffer_numbers;
pub mod commands;
pub mod effects;
pub mod footprint;
mod gather;
pub mod journal;
mod loops;
pub mod render;
pub mod render_diagram;
pub mod render_effects;
pub mod render_table;
mod rules;
pub mod verdict;

use std::rc::Rc;

use crate::engine::ArrayRef;
use crate::engine::held::Held;
use crate::eval::{Outcome, Session, Value};
use crate::style::Palette;
use crate::syntax::{ast::Expr, ast::ExprKind, ast::Stmt};

pub use alerts::Alert;
pub use verdict::{Kind, Source, Verdict, judge};

/// One array a statement produced, with its verdict.
#[derive(Debug, Clone)]
pub struct Annotated {
    /// The name it was bound to, or the expression's text.
    pub label: String,
    /// The array.
    pub array: ArrayRef,
    /// VIEW/COPY/NEW/ALIAS and the rule.
    pub verdict: Verdict,
    /// The array it was taken from, when that was a named array.
    pub source_array: Option<ArrayRef>,
    /// For a copy taken from a small buffer: the buffer cell each of its
    /// elements was gathered from, in reading order (from the evaluator's
    /// record of how it made the copy).
    pub gathered: Option<Vec<usize>>,
    /// Byte range of the expression that produced it.
    pub span: (usize, usize),
}

/// What one statement did to memory.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The arrays it yielded or bound.
    pub results: Vec<Annotated>,
    /// Other names whose values its writes changed.
    pub alerts: Vec<Alert>,
    /// The names it wrote through, with the cells it changed in them.
    pub wrote: Vec<Alert>,
    /// Writes that landed in a temporary array nobody can see.
    pub temporaries: Vec<effects::Temporary>,
    /// Names whose array object's shape or flags changed (`a.shape = …`).
    pub state_changes: Vec<String>,
    /// Names that used to hold an array and were rebound to a non-array
    /// (`e = 0`, where `e[...] = 0` would have written).
    pub rebound: Vec<effects::Rebinding>,
    /// The names it wrote through.
    pub through: Vec<String>,
    /// Its calls of functions the learner defined that wrote in place
    /// (`normalize(train)`), as written, each once with the number of
    /// times it wrote (a call in a loop writes once a pass).
    pub calls: Vec<(String, usize)>,
    /// Those calls wrote only into arrays made during the statement (a
    /// copy they were handed, `f(b[[1, 5]])`): no memory anyone had.
    pub calls_wrote_only_new: bool,
    /// A remark (e.g. that this statement cannot be undone).
    pub note: Option<String>,
    /// A `for` loop's variable, bound anew on every pass: its writes are
    /// the loop's, not one array's.
    pub loop_var: Option<String>,
    /// A `for` loop's passes, and how many of them wrote.
    pub loop_passes: Option<(usize, usize)>,
}

/// One statement run with teaching on.
#[derive(Debug, Clone)]
pub struct Step {
    /// What NumPy's prompt would show.
    pub outcome: Outcome,
    /// What it did to memory.
    pub report: Report,
}

/// Runs statements with the teaching view: keeps the write journal, the
/// last verdict (`:explain`), and whether annotations are on.
#[derive(Debug)]
pub struct Teacher {
    journal: journal::Journal,
    last: Option<Annotated>,
    /// `last`'s arrays marked as the teaching view's (`engine::held`).
    last_held: Vec<Held>,
    annotate: bool,
    verdicts: std::collections::HashMap<String, Verdict>,
    /// The statement the last `:undo` took back, until the front end
    /// asks (`:save` leaves it out).
    undone: Option<String>,
    /// The learner's numbers for the buffers shown so far.
    numbers: buffer_numbers::BufferNumbers,
}

impl Default for Teacher {
    fn default() -> Self {
        Self::new()
    }
}

impl Teacher {
    /// A teacher with annotations on and nothing recorded.
    pub fn new() -> Teacher {
        Teacher {
            journal: journal::Journal::default(),
            last: None,
            last_held: Vec::new(),
            annotate: true,
            verdicts: Default::default(),
            undone: None,
            numbers: Default::default(),
        }
    }

    /// Forget every recorded write, verdict and the last result, keeping
    /// the `:annotate` choice: for when the session is replaced wholesale
    /// (a lesson's `:back` or `:reset`), so `:undo` cannot reach into names
    /// that are gone.
    pub fn forget(&mut self) {
        let annotate = self.annotate;
        *self = Teacher::new();
        self.annotate = annotate;
    }

    /// The statement the last `:undo` took back, once: the prompt's
    /// transcript forgets it so `:save` does not run it.
    pub fn take_undone(&mut self) -> Option<String> {
        self.undone.take()
    }

    /// The learner's numbers for buffers (`buffer #2`), in the order they
    /// were first shown.
    pub fn numbers(&self) -> &buffer_numbers::BufferNumbers {
        &self.numbers
    }

    /// Whether the teaching view is shown (`:annotate on|off`).
    pub fn annotating(&self) -> bool {
        self.annotate
    }

    /// Whether the last statement changed anything: wrote a cell, changed
    /// an array's shape or flags, or bound, rebound or deleted a name (a
    /// `def` too). What a lesson counts as a try at its task.
    pub fn last_changed(&self, session: &Session) -> bool {
        let Some(entry) = self.journal.last() else {
            return false;
        };
        let now = session.bindings();
        entry.writes.any()
            || entry.writes.changed_state()
            || now.len() != entry.bindings.len()
            || now
                .iter()
                .any(|(k, v)| !entry.bindings.get(k).is_some_and(|old| same(old, v)))
    }

    /// The verdict recorded when `name` was last bound, if any.
    pub fn verdict_of(&self, name: &str) -> Option<&Verdict> {
        self.verdicts.get(name)
    }

    /// Run one statement: record its writes, run it, judge what it made.
    pub fn run(&mut self, session: &mut Session, line: &str) -> Step {
        // Every front end that teaches (the prompt, `slicelab FILE`,
        // lessons) shows NumPy's warnings as Python's prompt does.
        session.show_warnings(true);
        let before = session.bindings();
        // Our copy of the names must not keep a deleted array's buffer
        // exported (`del g; f.append(1)`).
        let before_held = journal::hold(&before);
        journal::start();
        let outcome = session.run(line);
        let writes = journal::finish(&before);
        // The statement as the session parsed it: parsed once, run once.
        let Some(stmt) = outcome.stmt.clone() else {
            return Step {
                outcome,
                report: Report::default(),
            };
        };
        let through = written_through(&stmt);
        let after = session.bindings();
        let through = effects::through_names(through, &outcome.targets, &after);
        let (wrote, others): (Vec<Alert>, Vec<Alert>) = alerts::alerts(&writes, &after)
            .into_iter()
            .partition(|a| through.contains(&a.name));
        // "Also changed" is said of names that held the same array before
        // the statement: a name it bound (`t = normalize(train)`) is new.
        let others = others
            .into_iter()
            .filter(|a| {
                let held = |b: &crate::eval::Bindings| b.get(&a.name).and_then(crate::eval::array_held).cloned();
                matches!((held(&before), held(&after)), (Some(old), Some(new)) if Rc::ptr_eq(&old, &new))
            })
            .collect();
        let mut report = Report {
            alerts: others,
            wrote,
            temporaries: effects::temporaries(&stmt, line, &outcome.targets, &before, &after),
            state_changes: effects::state_changes(&writes, &before, &after),
            rebound: effects::rebound(&stmt, line, &before, &after, &writes),
            through,
            calls: {
                // A loop that calls `f(x)` on every pass names it once,
                // with the number of times it wrote.
                let mut calls: Vec<(String, usize)> = Vec::new();
                for &((lo, hi), times) in &outcome.writing_calls {
                    let Some(c) = line.get(lo..hi).map(|s| s.trim().to_string()) else {
                        continue;
                    };
                    match calls.iter_mut().find(|(seen, _)| *seen == c) {
                        Some(seen) => seen.1 += times,
                        None => calls.push((c, times)),
                    }
                }
                calls
            },
            loop_var: loops::loop_variable(&stmt),
            loop_passes: outcome.loop_passes,
            calls_wrote_only_new: writes.log.bytes.is_empty()
                && writes.log.unrecorded.is_empty()
                && writes.log.resized.is_empty(),
            ..Report::default()
        };
        if outcome.error.is_none() {
            report.results = results(&stmt, line, &outcome, session, &before);
            report
                .results
                .extend(loops::loop_view(&stmt, line, &before, &after));
            for r in &mut report.results {
                // The evaluator recorded the operand the copy read (the
                // view `X[:300]` in `X[:300].copy()`): draw its cells, not
                // every cell of the name it came from.
                let operand = outcome.made.iter().rev().find(|m| m.span == r.span);
                if let (Some(m), Some(root)) = (operand, &r.source_array)
                    && m.source.same_buffer(root)
                {
                    r.source_array = Some(m.source.clone());
                }
                if r.verdict.kind == Kind::Copy && r.source_array.is_some() {
                    r.gathered = gather::cells(session, &outcome.made, r.span);
                }
            }
        }
        for r in &report.results {
            if !matches!(stmt, Stmt::Expr(_)) {
                self.verdicts.insert(r.label.clone(), r.verdict.clone());
            }
        }
        if let Some(last) = report.results.last() {
            self.last_held = [Some(&last.array), last.source_array.as_ref()]
                .into_iter()
                .flatten()
                .map(Held::new)
                .collect();
            self.last = Some(last.clone());
        }
        if !writes.complete() {
            report.note =
                Some("(too much memory written to record it: :undo cannot take this back)".into());
        }
        // Every statement that ran is one step back for `:undo`, even one
        // that changed nothing.
        drop(before_held);
        self.journal
            .push(journal::Entry::new(line.to_string(), before, writes));
        Step { outcome, report }
    }

    /// Run one statement and render its teaching view (empty when
    /// annotations are off): the API lessons use.
    pub fn run_and_render(
        &mut self,
        session: &mut Session,
        line: &str,
        palette: &Palette,
        width: usize,
    ) -> (Outcome, String) {
        let step = self.run(session, line);
        let text = if self.annotate {
            render::report(
                &step.report,
                &session.bindings(),
                &self.numbers,
                palette,
                width,
            )
        } else {
            String::new()
        };
        (step.outcome, text)
    }
}

/// The terminal's width, or 80 when unknown (and at least 40).
pub fn terminal_width() -> usize {
    let from_env = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    comfy_table::Table::new()
        .width()
        .map(usize::from)
        .or(from_env)
        .unwrap_or(80)
        .max(40)
}

/// Whether a name still holds what it held: the same object, or an equal
/// plain value (a Python int is copied, not shared, between statements).
fn same(old: &Value, new: &Value) -> bool {
    let plain = |v: &Value| {
        matches!(
            v,
            Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Str(_)
        )
    };
    old.is(new) || plain(old) && plain(new) && format!("{old:?}") == format!("{new:?}")
}

/// The arrays a statement yielded or bound, each judged.
fn results(
    stmt: &Stmt,
    line: &str,
    outcome: &Outcome,
    session: &Session,
    before: &crate::eval::Bindings,
) -> Vec<Annotated> {
    let mut judged: Vec<(String, &Expr, ArrayRef)> = Vec::new();
    let expr_result = |e: &Expr| match &outcome.value {
        Some(Value::Array(a)) if !matches!(e.kind, ExprKind::Name(_)) => {
            Some((text_of(e, line), a.clone()))
        }
        _ => None,
    };
    let mut known = None;
    match stmt {
        Stmt::Expr(e) => judged.extend(expr_result(e).map(|(l, a)| (l, e, a))),
        Stmt::Assign { targets, value } => judged.extend(bound(targets, value, session)),
        // `a = X[1:]; b = a[::2]`: each assignment judged, with the names
        // bound earlier on the line as sources; a name bound twice on the
        // line is left out (its array is the last one's).
        Stmt::Seq(items) => {
            let names: Vec<&str> = items.iter().flat_map(assigned_names).collect();
            let once = |n: &str| names.iter().filter(|m| **m == n).count() == 1;
            for (i, item) in items.iter().enumerate() {
                match item {
                    Stmt::Assign { targets, value } => judged.extend(
                        bound(targets, value, session)
                            .into_iter()
                            .filter(|(n, _, _)| once(n)),
                    ),
                    Stmt::Expr(e) if i + 1 == items.len() => {
                        judged.extend(expr_result(e).map(|(l, a)| (l, e, a)))
                    }
                    _ => {}
                }
            }
            let mut with_new = before.clone();
            for (k, v) in session.bindings() {
                with_new.entry(k).or_insert(v);
            }
            known = Some(with_new);
        }
        _ => {}
    }
    let original = before;
    judged
        .into_iter()
        .map(|(label, expr, arr)| {
            // The name being judged is as it was before the line.
            let own;
            let before = match &known {
                Some(k) => {
                    let mut k = k.clone();
                    match original.get(&label) {
                        Some(v) => k.insert(label.clone(), v.clone()),
                        None => k.remove(&label),
                    };
                    own = k;
                    &own
                }
                None => original,
            };
            let span = (expr.span.start, expr.span.end);
            let producer = outcome.produced.iter().rev().find(|p| p.span == span);
            let verdict = judge(expr, &arr, before, producer);
            let source_array = verdict::source_expr(expr)
                .and_then(verdict::root_name)
                .and_then(|n| before.get(n).and_then(crate::eval::array_held).cloned());
            Annotated {
                label,
                array: arr,
                verdict,
                source_array,
                gathered: None,
                span,
            }
        })
        .collect()
}

/// The arrays an assignment bound to plain names, with the expression each
/// came from (`a = b = X[1:]`, `a, b = X[0], X[1]`).
fn bound<'e>(
    targets: &'e [Expr],
    value: &'e Expr,
    session: &Session,
) -> Vec<(String, &'e Expr, ArrayRef)> {
    let array = |n: &str| {
        session
            .binding(n)
            .and_then(crate::eval::array_held)
            .cloned()
    };
    let mut out = Vec::new();
    for t in targets {
        match (&t.kind, &value.kind) {
            (ExprKind::Name(n), _) => out.extend(array(n).map(|a| (n.clone(), value, a))),
            (ExprKind::Tuple(ts), ExprKind::Tuple(vs)) if ts.len() == vs.len() => {
                for (t, v) in ts.iter().zip(vs) {
                    if let ExprKind::Name(n) = &t.kind {
                        out.extend(array(n).map(|a| (n.clone(), v, a)));
                    }
                }
            }
            // `top, bottom = np.split(a, 2)`: each piece judged against
            // the call that made them all (memory decides which source it
            // shares, if any).
            (ExprKind::Tuple(ts) | ExprKind::List(ts), _) => {
                for t in ts {
                    if let ExprKind::Name(n) = &t.kind {
                        out.extend(array(n).map(|a| (n.clone(), value, a)));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The plain names an assignment binds.
fn assigned_names(stmt: &Stmt) -> Vec<&str> {
    let Stmt::Assign { targets, .. } = stmt else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for t in targets {
        match &t.kind {
            ExprKind::Name(n) => out.push(n.as_str()),
            ExprKind::Tuple(ts) | ExprKind::List(ts) => {
                out.extend(ts.iter().filter_map(|t| match &t.kind {
                    ExprKind::Name(n) => Some(n.as_str()),
                    _ => None,
                }))
            }
            _ => {}
        }
    }
    out
}

/// A short label for an expression statement's result.
fn text_of(e: &Expr, line: &str) -> String {
    line.get(e.span.start..e.span.end)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or("result")
        .to_string()
}

/// The names a statement writes through (the root of each target).
fn written_through(stmt: &Stmt) -> Vec<String> {
    let mut v: Vec<String> = match stmt {
        Stmt::Assign { targets, .. } => targets
            .iter()
            .filter(|t| !matches!(t.kind, ExprKind::Name(_)))
            .filter_map(|t| target_root(t).map(str::to_string))
            .collect(),
        Stmt::AugAssign { target, .. } => target_root(target)
            .map(str::to_string)
            .into_iter()
            .collect(),
        Stmt::Expr(e) => verdict::source_expr(e)
            .and_then(verdict::root_name)
            .map(str::to_string)
            .into_iter()
            .collect(),
        _ => Vec::new(),
    };
    v.dedup();
    v
}

fn target_root(t: &Expr) -> Option<&str> {
    match &t.kind {
        ExprKind::Name(n) => Some(n),
        ExprKind::Subscript { value, .. } | ExprKind::Attribute { value, .. } => target_root(value),
        _ => None,
    }
}
