//! Bounding the depth of the AST, without recursion.
//!
//! Bracket nesting is bounded by the pre-scan, but flat chains still build
//! deep trees: `x+1+1+...` is a left-leaning `Binary` per `+`, `x[0][0]...`
//! a `Subscript` per trailer. Dropping such a tree (or evaluating it) recurses
//! once per level, so a long enough line would overflow the stack after
//! parsing succeeded. CPython refuses these too ("too complex"). We measure
//! the depth with an explicit stack and, when refusing, take the tree apart
//! with an explicit stack as well, so that its drop stays shallow.

use super::ast::{Arg, Expr, ExprKind, Stmt};

/// Deepest AST accepted. A 1000-long unary chain (the pre-scan's limit)
/// fits; anything a learner types by hand is far below it.
pub(crate) const MAX_AST_DEPTH: usize = 1200;

/// The direct sub-expressions of `e`.
fn children(e: &Expr) -> Vec<&Expr> {
    match &e.kind {
        ExprKind::List(items) | ExprKind::Tuple(items) => items.iter().collect(),
        ExprKind::Dict(kv) => kv.iter().flat_map(|(k, v)| [k, v]).collect(),
        ExprKind::Attribute { value, .. } | ExprKind::Starred(value) => vec![value],
        ExprKind::Subscript { value, index } => vec![value, index],
        ExprKind::Slice { start, stop, step } => [start, stop, step]
            .into_iter()
            .flatten()
            .map(|b| &**b)
            .collect(),
        ExprKind::Call { func, args } => {
            let mut v: Vec<&Expr> = vec![func];
            v.extend(args.iter().map(|a| match a {
                Arg::Positional(e) | Arg::Keyword(_, e) => e,
            }));
            v
        }
        ExprKind::Unary { operand, .. } => vec![operand],
        ExprKind::Binary { left, right, .. } => vec![left, right],
        ExprKind::Compare { left, rest } => {
            let mut v: Vec<&Expr> = vec![left];
            v.extend(rest.iter().map(|(_, e)| e));
            v
        }
        ExprKind::BoolOp { values, .. } => values.iter().collect(),
        ExprKind::IfExp { test, body, orelse } => vec![test, body, orelse],
        ExprKind::Yield(value) => value.iter().map(|b| &**b).collect(),
        ExprKind::YieldFrom(value) => vec![value],
        ExprKind::NamedExpr { value, .. } => vec![value],
        _ => Vec::new(),
    }
}

/// The targets of the `:=` in `root` that bind in the scope `root` is
/// evaluated in: those inside comprehensions too (PEP 572 binds them in
/// the enclosing function), not those inside lambdas.
pub(crate) fn walrus_targets(root: &Expr, out: &mut Vec<String>) {
    let mut stack = vec![root];
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::NamedExpr { target, value } => {
                out.push(target.clone());
                stack.push(value);
            }
            ExprKind::Set(items) => stack.extend(items),
            ExprKind::DoubleStarred(inner) => stack.push(inner),
            ExprKind::Comp { elt, clauses, .. } => {
                stack.push(elt);
                for c in clauses {
                    stack.push(&c.iter);
                    stack.extend(&c.ifs);
                }
            }
            ExprKind::DictComp {
                key,
                value,
                clauses,
            } => {
                stack.push(key);
                stack.push(value);
                for c in clauses {
                    stack.push(&c.iter);
                    stack.extend(&c.ifs);
                }
            }
            ExprKind::FString(_) | ExprKind::Lambda(_) => {}
            _ => stack.extend(children(e)),
        }
    }
}

/// Whether `e` holds a `yield` outside any lambda or comprehension (those
/// are scopes of their own).
pub(crate) fn has_yield(root: &Expr) -> bool {
    let mut stack = vec![root];
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => return true,
            ExprKind::Set(items) => stack.extend(items),
            ExprKind::DoubleStarred(inner) => stack.push(inner),
            _ => stack.extend(children(e)),
        }
    }
    false
}

/// The expression nested deeper than `limit`, if any: its outermost
/// too-deep node, for the caret.
pub(crate) fn too_deep(root: &Expr, limit: usize) -> Option<&Expr> {
    let mut stack = vec![(root, 1)];
    while let Some((e, depth)) = stack.pop() {
        if depth > limit {
            return Some(e);
        }
        stack.extend(children(e).into_iter().map(|c| (c, depth + 1)));
    }
    None
}

/// All top-level expressions of a statement.
pub(crate) fn stmt_exprs(stmt: &Stmt) -> Vec<&Expr> {
    match stmt {
        Stmt::Expr(e) => vec![e],
        Stmt::Assign { targets, value } => targets.iter().chain([value]).collect(),
        Stmt::AugAssign { target, value, .. } => vec![target, value],
        Stmt::AnnAssign {
            target,
            annotation,
            value,
        } => [target, annotation].into_iter().chain(value).collect(),
        _ => Vec::new(),
    }
}

fn placeholder() -> Expr {
    Expr {
        kind: ExprKind::NoneLit,
        span: Default::default(),
    }
}

fn take(b: &mut Expr) -> Expr {
    std::mem::replace(b, placeholder())
}

/// Drops a statement of any depth using a heap stack instead of recursion.
pub(crate) fn dismantle(stmt: Stmt) {
    let mut stack: Vec<Expr> = match stmt {
        Stmt::Expr(e) => vec![e],
        Stmt::Assign { mut targets, value } => {
            targets.push(value);
            targets
        }
        Stmt::AugAssign { target, value, .. } => vec![target, value],
        Stmt::AnnAssign {
            target,
            annotation,
            value,
        } => [target, annotation].into_iter().chain(value).collect(),
        _ => Vec::new(),
    };
    while let Some(mut e) = stack.pop() {
        match &mut e.kind {
            ExprKind::List(items)
            | ExprKind::Tuple(items)
            | ExprKind::BoolOp { values: items, .. } => stack.append(items),
            ExprKind::Dict(kv) => {
                for (k, v) in kv.drain(..) {
                    stack.push(k);
                    stack.push(v);
                }
            }
            ExprKind::Yield(value) => stack.extend(value.take().map(|b| *b)),
            ExprKind::Attribute { value, .. }
            | ExprKind::YieldFrom(value)
            | ExprKind::Starred(value)
            | ExprKind::Unary { operand: value, .. } => stack.push(take(value)),
            ExprKind::Subscript { value, index } => {
                stack.push(take(value));
                stack.push(take(index));
            }
            ExprKind::Slice { start, stop, step } => {
                for part in [start, stop, step] {
                    if let Some(b) = part.take() {
                        stack.push(*b);
                    }
                }
            }
            ExprKind::Call { func, args } => {
                stack.push(take(func));
                for a in args.drain(..) {
                    match a {
                        Arg::Positional(e) | Arg::Keyword(_, e) => stack.push(e),
                    }
                }
            }
            ExprKind::Binary { left, right, .. } => {
                stack.push(take(left));
                stack.push(take(right));
            }
            ExprKind::Compare { left, rest } => {
                stack.push(take(left));
                stack.extend(rest.drain(..).map(|(_, e)| e));
            }
            ExprKind::IfExp { test, body, orelse } => {
                stack.push(take(test));
                stack.push(take(body));
                stack.push(take(orelse));
            }
            _ => {}
        }
        // `e` now holds only placeholders and drops without recursing.
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ast::{Span, UnaryOp};

    fn chain(n: usize) -> Expr {
        let mut e = placeholder();
        for _ in 0..n {
            e = Expr {
                kind: ExprKind::Unary {
                    op: UnaryOp::Neg,
                    operand: Box::new(e),
                },
                span: Span::default(),
            };
        }
        e
    }

    #[test]
    fn measures_and_dismantles_deep_trees() {
        let e = chain(10);
        assert!(too_deep(&e, 11).is_none());
        assert!(too_deep(&e, 10).is_some());
        // A million levels would overflow any stack if dropped recursively.
        let deep = chain(1_000_000);
        assert!(too_deep(&deep, MAX_AST_DEPTH).is_some());
        dismantle(Stmt::Expr(deep));
    }
}
