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

use super::Session;
use super::interp::Args;
use super::value::Value;

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
        if !crate::engine::write_log::active() || self.made.len() >= MAX_MADE {
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
            How::Method(name, pos, kw) => super::methods::call_method(
                self,
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
