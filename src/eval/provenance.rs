//! How the evaluator made the copies a statement produced: for every
//! subscript and every value-moving method call whose result is an array in
//! a new buffer (`a[a % 3 == 0]`, `a[[2, 0]]`, `a.T.reshape(12)`), the
//! array it was taken from and the index or arguments *as already
//! evaluated*. The teaching view replays that one step on an array of cell
//! numbers to show which cells a copy took ([`Session::replay`]): the
//! learner's expressions are never evaluated again (`a[[l.pop()]]` pops
//! once), only the recorded values are applied.
//!
//! Recorded only while the engine's write log is open (the teaching view
//! is on), so `--transcript` pays one flag read per subscript or call.

use std::rc::Rc;

use crate::engine::ArrayRef;
use crate::syntax::ast::Span;

use super::value::Value;
use crate::eval::args::Args;
use crate::eval::session::Session;

/// The most records one statement keeps (a loop may index often).
const MAX_MADE: usize = 16;

/// Methods that only move or copy values, so applying them to cell numbers
/// says where each value came from (sorting and casting depend on values
/// and are left out).
const MOVERS: &[&str] = &[
    "reshape",
    "ravel",
    "flatten",
    "copy",
    "transpose",
    "swapaxes",
    "squeeze",
    "repeat",
    "take",
    "compress",
];

/// What one array-valued subscript or call was applied to, as evaluated:
/// the teaching view's verdict reads the index kinds from the index's
/// values (a mask built by `np.logical_and` is a mask, whatever its
/// spelling) and tells a copy from a new array by whether the operand held
/// an array at all (`np.array([1, 2, 3])` is NEW, `np.array(a)` a COPY).
#[derive(Debug, Clone)]
pub struct Producer {
    /// Byte range of the expression.
    pub span: (usize, usize),
    /// The indexed object, the receiver, or a function's first argument
    /// held an array (itself, or inside a list or tuple).
    pub from_array: bool,
    /// The index as evaluated, for a subscript.
    pub index: Option<Value>,
}

/// Does `v` hold an array, itself or inside (nested) lists and tuples?
fn holds_array(v: &Value, depth: usize) -> bool {
    match v {
        Value::Array(_) => true,
        Value::List(items) if depth > 0 => items.borrow().iter().any(|x| holds_array(x, depth - 1)),
        Value::Tuple(items) if depth > 0 => items.iter().any(|x| holds_array(x, depth - 1)),
        _ => false,
    }
}

/// One copy the evaluator made and how.
#[derive(Debug, Clone)]
pub struct Made {
    /// Byte range of the expression that made it.
    pub span: (usize, usize),
    /// The array its values were taken from.
    pub source: ArrayRef,
    /// The step, with its evaluated operands.
    pub how: How,
}

/// The one step that made a copy.
#[derive(Debug, Clone)]
pub enum How {
    /// `source[index]`.
    Index(Value),
    /// `source.method(*pos, **kw)`.
    Method(Rc<str>, Vec<Value>, Vec<(String, Value)>),
}

impl Session {
    /// Remember that `span` made `result` from `source` by `how`, when the
    /// teaching view is on and `result` is an array in a buffer of its own.
    pub(super) fn note_made(&mut self, span: Span, source: &Value, how: How, result: &Value) {
        // Spans inside a function body are not the statement's.
        if !crate::engine::write_log::active() || self.made.len() >= MAX_MADE || self.depth > 0 {
            return;
        }
        if let (Value::Array(src), Value::Array(out)) = (source, result)
            && !out.same_buffer(src)
        {
            self.made.push(Made {
                span: (span.start, span.end),
                source: src.clone(),
                how,
            });
        }
    }

    /// Remember what the array-valued `result` of the expression at `span`
    /// was applied to (teaching view only).
    pub(super) fn note_producer(
        &mut self,
        span: Span,
        operand: Option<&Value>,
        index: Option<&Value>,
        result: &Value,
    ) {
        if !crate::engine::write_log::active()
            || self.produced.len() >= MAX_MADE
            || self.depth > 0
            || !matches!(result, Value::Array(_))
        {
            return;
        }
        self.produced.push(Producer {
            span: (span.start, span.end),
            from_array: operand.is_some_and(|v| holds_array(v, 4)),
            index: index.cloned(),
        });
    }

    /// The operand a call is applied to: a method's receiver, or an `np.`
    /// function's first argument (cloned before the call takes it).
    pub(super) fn call_operand(f: &Value, a: &Args) -> Option<Value> {
        if !crate::engine::write_log::active() {
            return None;
        }
        match f {
            Value::Method(recv, _) => Some((**recv).clone()),
            Value::Function(_) => a
                .pos
                .first()
                .or_else(|| a.kw.first().map(|(_, v)| v))
                .cloned(),
            _ => None,
        }
    }

    /// The write count before a top-level call of a function the learner
    /// defined, when the teaching view is on: see [`Session::note_call`].
    pub(super) fn writes_before_call(&self, f: &Value) -> Option<u64> {
        let user_fn =
            matches!(f, Value::Object(o) if matches!(o.as_ref(), super::object::Obj::Func(_)));
        (user_fn && self.depth == 0 && crate::engine::write_log::active())
            .then(crate::engine::write_log::writes_noted)
    }

    /// Remember the call at `span` if it wrote since `before`: the
    /// teaching view names it (`normalize(train) wrote in place`), once,
    /// with the number of times it wrote (once a pass inside a loop).
    pub(super) fn note_call(&mut self, span: Span, before: Option<u64>) {
        let Some(n) = before else {
            return;
        };
        if crate::engine::write_log::writes_noted() <= n {
            return;
        }
        let at = (span.start, span.end);
        if let Some(seen) = self.writing_calls.iter_mut().find(|(s, _)| *s == at) {
            seen.1 += 1;
        } else if self.writing_calls.len() < MAX_MADE {
            self.writing_calls.push((at, 1));
        }
    }

    /// Whether a call of `f` is one [`Session::note_made`] wants, and if so
    /// its receiver, name and arguments (cloned before the call takes them).
    pub(super) fn movable_call(f: &Value, a: &Args) -> Option<(Value, How)> {
        if !crate::engine::write_log::active() {
            return None;
        }
        match f {
            Value::Method(recv, name)
                if matches!(**recv, Value::Array(_)) && MOVERS.contains(&&**name) =>
            {
                Some((
                    (**recv).clone(),
                    How::Method(name.clone(), a.pos.clone(), a.kw.clone()),
                ))
            }
            _ => None,
        }
    }

    /// The recorded step applied to `on` instead of its source: what the
    /// same index or method gives for other values laid out the same way.
    /// `None` if it fails (it should not: it succeeded once).
    pub fn replay(&mut self, made: &Made, on: &ArrayRef) -> Option<Value> {
        let on = Value::Array(on.clone());
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match &made.how {
            How::Index(idx) => self.getitem(&on, idx),
            How::Method(name, pos, kw) => self.call_method_registered(
                &on,
                name,
                Args {
                    pos: pos.clone(),
                    kw: kw.clone(),
                },
            ),
        }));
        self.printed.clear();
        result.ok().and_then(Result::ok)
    }
}
