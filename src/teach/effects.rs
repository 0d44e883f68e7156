//! What a statement did besides changing cells, read from what the
//! evaluator and the engine recorded (never by evaluating anything again):
//! writes that landed in a temporary copy, names rebound where a write was
//! maybe meant, and array objects whose shape or flags changed.

use std::rc::Rc;

use crate::engine::ArrayRef;
use crate::eval::{Bindings, Value, WriteTarget};
use crate::syntax::ast::{Expr, ExprKind, Stmt};

use super::journal::Writes;
use super::render::shape_text;

/// A write into an array no name can reach: `temps[temps > 20][0] = 0`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Temporary {
    /// The expression that made the temporary (`temps[temps > 20]`).
    pub made_by: String,
    /// The named array it was taken from, which the write did not reach.
    pub unchanged: Option<String>,
}

/// `e = 0` where `e` held an array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebinding {
    /// The name.
    pub name: String,
    /// The new value's text.
    pub value: String,
    /// The new value is `None` (`train = normalize(train)` with a
    /// function that works in place and returns nothing).
    pub to_none: bool,
    /// The statement wrote into the memory of the array the name held, so
    /// that array is *not* unchanged.
    pub old_written: bool,
}

/// The names a statement wrote through: the roots of its targets (from the
/// syntax, for wording) and every name bound to an array it assigned into.
pub fn through_names(
    mut from_syntax: Vec<String>,
    targets: &[WriteTarget],
    after: &Bindings,
) -> Vec<String> {
    let mut named: Vec<String> = after
        .iter()
        .filter(|(_, v)| matches!(v, Value::Array(a) if targets.iter().any(|t| Rc::ptr_eq(&t.array, a))))
        .map(|(k, _)| k.clone())
        .collect();
    named.sort();
    for n in named {
        if !from_syntax.contains(&n) {
            from_syntax.push(n);
        }
    }
    from_syntax
}

/// The assignments that wrote into an array sharing memory with no name,
/// before or after the statement.
pub fn temporaries(
    stmt: &Stmt,
    line: &str,
    targets: &[WriteTarget],
    before: &Bindings,
    after: &Bindings,
) -> Vec<Temporary> {
    // A name may reach the array inside a container or an object
    // (`lst[0][1] = 5`, `p.x[0] = 7`): that write is not lost.
    let reachable = |a: &ArrayRef| {
        before
            .values()
            .chain(after.values())
            .any(|v| crate::eval::reaches_buffer(v, a))
    };
    let mut out: Vec<Temporary> = Vec::new();
    for t in targets {
        if reachable(&t.array) {
            continue;
        }
        let Some(made_by) = line.get(t.span.0..t.span.1).map(str::trim) else {
            continue;
        };
        let unchanged = target_expr(stmt, t.span)
            .and_then(super::verdict::root_name)
            .filter(|n| matches!(before.get(*n), Some(Value::Array(_))))
            .map(str::to_string);
        let temp = Temporary {
            made_by: made_by.to_string(),
            unchanged,
        };
        if !out.contains(&temp) {
            out.push(temp);
        }
    }
    out
}

/// The object expression of an assignment target spanning `span`.
fn target_expr(stmt: &Stmt, span: (usize, usize)) -> Option<&Expr> {
    fn find(t: &Expr, span: (usize, usize)) -> Option<&Expr> {
        match &t.kind {
            ExprKind::Subscript { value, .. } | ExprKind::Attribute { value, .. }
                if (value.span.start, value.span.end) == span =>
            {
                Some(value)
            }
            ExprKind::Tuple(ts) | ExprKind::List(ts) => ts.iter().find_map(|x| find(x, span)),
            _ => None,
        }
    }
    match stmt {
        Stmt::Assign { targets, .. } => targets.iter().find_map(|t| find(t, span)),
        Stmt::AugAssign { target, .. } | Stmt::AnnAssign { target, .. } => find(target, span),
        _ => None,
    }
}

/// `a.shape (3, 4) → (4, 3)`, `a.dtype uint8 → int16`,
/// `a.flags.writeable True → False`: one line
/// per change to a named array object's state. Only objects a name held
/// before the statement count: setting up an array the statement made
/// (`np.broadcast_to` marking its result read-only) changed nothing anyone
/// had seen.
pub fn state_changes(writes: &Writes, before: &Bindings, after: &Bindings) -> Vec<String> {
    let mut out = Vec::new();
    let seen = |a: &ArrayRef| {
        before
            .values()
            .any(|v| matches!(v, Value::Array(b) if Rc::ptr_eq(a, b)))
    };
    for s in writes.log.states.iter().filter(|s| seen(&s.array)) {
        let mut names: Vec<&String> = after
            .iter()
            .filter(|(_, v)| matches!(v, Value::Array(a) if Rc::ptr_eq(a, &s.array)))
            .map(|(k, _)| k)
            .collect();
        names.sort();
        // Every name of that object changed with it: after `c = a`,
        // `c.shape = (-1,)` reshapes `a` too, so both are listed.
        let now = s.array.layout();
        for name in names {
            if s.array.dtype() != &s.dtype {
                // `a.dtype = …` reads the same bytes another way: no
                // element was written, every one now means something else.
                out.push(format!(
                    "{name}.dtype {} → {} (the same bytes, read as the new type)",
                    s.dtype.name(),
                    s.array.dtype().name()
                ));
            }
            if now.shape != s.layout.shape {
                out.push(format!(
                    "{name}.shape {} → {}",
                    shape_text(&s.layout.shape),
                    shape_text(&now.shape)
                ));
            }
            if s.array.writeable() != s.writeable {
                let word = |b: bool| if b { "True" } else { "False" };
                out.push(format!(
                    "{name}.flags.writeable {} → {}",
                    word(s.writeable),
                    word(s.array.writeable())
                ));
            }
        }
    }
    out
}

/// Names an assignment moved from an array to something that is not one.
pub fn rebound(
    stmt: &Stmt,
    line: &str,
    before: &Bindings,
    after: &Bindings,
    writes: &Writes,
) -> Vec<Rebinding> {
    let Stmt::Assign { targets, value } = stmt else {
        return Vec::new();
    };
    let text = line
        .get(value.span.start..value.span.end)
        .unwrap_or("")
        .trim()
        .to_string();
    targets
        .iter()
        .filter_map(|t| match &t.kind {
            ExprKind::Name(n) => Some(n),
            _ => None,
        })
        .filter(|n| {
            let Some(Value::Array(old)) = before.get(*n) else {
                return false;
            };
            // Only an array whose memory another name still sees: there,
            // `e = 0` where `e[:] = 0` was meant loses a write the learner
            // expected in that other name. Rebinding a name whose array
            // nobody else sees (`acc = (pred == y).mean()`) is ordinary.
            let shared = after.iter().any(|(other, v)| {
                other != *n && matches!(v, Value::Array(b) if b.same_buffer(old))
            });
            shared && !matches!(after.get(*n), Some(Value::Array(_)))
        })
        .map(|n| {
            let old_written = match before.get(n) {
                Some(Value::Array(old)) => writes.touched(old.buffer(), 0, old.buffer().nbytes()),
                _ => false,
            };
            Rebinding {
                name: n.clone(),
                value: text.clone(),
                to_none: matches!(after.get(n), Some(Value::None)),
                old_written,
            }
        })
        .collect()
}
