//! The teaching view of a `for` loop over an array: `for row in m:` binds
//! `row` to `m[0]`, `m[1]`, … in turn, each a view of `m`, so a write
//! through `row` writes `m`. The loop's writes are reported once for the
//! whole statement (the journal records the statement, not a pass), and
//! the loop variable is judged as what it names when the loop ends: a view
//! of the array the loop went over. Nothing here evaluates: it reads the
//! statement's syntax and the names bound before and after it.

use std::rc::Rc;

use crate::eval::{Bindings, Value, shares_memory};
use crate::syntax::ast::{ExprKind, Stmt};

use super::verdict::{Kind, Source, Verdict, root_name};
use super::{Annotated, text_of};

/// `for NAME in EXPR:` where EXPR reads a named array and NAME ends bound
/// to an array sharing its memory: NAME judged as a view of that array.
pub(super) fn loop_view(
    stmt: &Stmt,
    line: &str,
    before: &Bindings,
    after: &Bindings,
) -> Option<Annotated> {
    let Stmt::For { target, iter, .. } = stmt else {
        return None;
    };
    let ExprKind::Name(var) = &target.kind else {
        return None;
    };
    let source = root_name(iter)?;
    let (Some(Value::Array(m)), Some(Value::Array(m_now)), Some(Value::Array(item))) =
        (before.get(source), after.get(source), after.get(var))
    else {
        return None;
    };
    if !Rc::ptr_eq(m, m_now) || !shares_memory(item, m, false) {
        return None;
    }
    let over = text_of(iter, line);
    let rule = format!("for over {over} → each pass a view {over}[i]");
    let explanation = format!(
        "Iterating over an array steps along its first axis: each pass binds \
         {var} to {over}[0], {over}[1], …, a view that shares {source}'s memory, \
         so a write through {var} ({var}[...] = …) writes {source}. After the \
         loop {var} names the last item."
    );
    Some(Annotated {
        label: var.clone(),
        array: item.clone(),
        verdict: Verdict {
            kind: Kind::View,
            source: Source::Named(source.to_string()),
            rule,
            explanation,
        },
        source_array: Some(m.clone()),
        gathered: None,
        span: (iter.span.start, iter.span.end),
    })
}

/// The loop variable rebound on every pass, when `stmt` is a `for` loop.
pub(super) fn loop_variable(stmt: &Stmt) -> Option<String> {
    match stmt {
        Stmt::For { target, .. } => match &target.kind {
            ExprKind::Name(n) => Some(n.clone()),
            _ => None,
        },
        _ => None,
    }
}
