//! The record of writes: before a statement that can write array memory,
//! the old bytes of each destination's byte range are kept; afterwards the
//! changed bytes are found by comparing. The same record drives the
//! mutation alerts and `:undo`.
//!
//! Which arrays a statement can write is read from its syntax: subscript
//! and attribute targets, augmented assignment, in-place methods (`fill`,
//! `sort`, ...), NumPy functions that write their first argument
//! (`np.copyto`, `np.put`, ...), `ufunc.at` and any `out=` argument. The
//! snapshot covers only the destination's own byte range, and is refused
//! past [`SNAPSHOT_LIMIT`] bytes so a write to 10⁸ elements cannot double
//! the memory in use.

use std::rc::Rc;

use crate::engine::ArrayRef;
use crate::engine::buffer::Buffer;
use crate::eval::{Bindings, Session, Value};
use crate::syntax::ast::{Arg, Expr, ExprKind, Stmt};

/// The most bytes one statement's snapshots may hold.
pub const SNAPSHOT_LIMIT: usize = 256 << 20;

/// The most bytes all kept statements' snapshots may hold together.
pub const JOURNAL_LIMIT: usize = 512 << 20;

/// Methods that write their array.
const WRITING_METHODS: &[&str] = &[
    "fill",
    "sort",
    "put",
    "itemset",
    "partition",
    "setfield",
    "byteswap",
    "resize",
];

/// `np.` functions that write their first argument.
const WRITING_FUNCTIONS: &[&str] = &[
    "copyto",
    "put",
    "place",
    "putmask",
    "fill_diagonal",
    "put_along_axis",
    "shuffle",
];

/// The old bytes of one byte range of one buffer.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The buffer.
    pub buffer: Rc<Buffer>,
    /// First byte of the range.
    pub lo: usize,
    /// The bytes as they were before the statement.
    pub old: Vec<u8>,
    /// Bytes per element of the array written (for counting cells).
    pub itemsize: usize,
}

/// What one statement wrote: per buffer, the old bytes of the range it may
/// have written and the runs `[start, end)` of bytes that changed.
#[derive(Debug, Clone, Default)]
pub struct Writes {
    /// The snapshots, one per destination.
    pub snapshots: Vec<Snapshot>,
    /// Changed byte runs, parallel to `snapshots`.
    pub changed: Vec<Vec<(usize, usize)>>,
    /// False when a destination was too large to record.
    pub complete: bool,
    /// Destinations too large to record (their buffers, for alerts that
    /// can only say "may have changed").
    pub unrecorded: Vec<ArrayRef>,
}

impl Writes {
    /// How many elements of the written arrays changed.
    pub fn changed_cells(&self) -> usize {
        let mut total = 0;
        for (s, runs) in self.snapshots.iter().zip(&self.changed) {
            let mut last: Option<usize> = None;
            for &(a, b) in runs {
                let first = (a - s.lo) / s.itemsize;
                let end = (b - 1 - s.lo) / s.itemsize;
                let from = match last {
                    Some(l) if l >= first => l + 1,
                    _ => first,
                };
                if end >= from {
                    total += end - from + 1;
                }
                last = Some(last.map_or(end, |l| l.max(end)));
            }
        }
        total
    }

    /// Whether any byte changed.
    pub fn any(&self) -> bool {
        self.changed.iter().any(|c| !c.is_empty())
    }

    /// The bytes `[at, at + len)` of `buffer` as they were before the
    /// statement: today's bytes with the recorded old bytes laid over them
    /// (bytes outside every snapshot were not written).
    pub fn old_bytes(&self, buffer: &Rc<Buffer>, at: usize, len: usize) -> Vec<u8> {
        let mut out = buffer.bytes()[at..at + len].to_vec();
        for s in &self.snapshots {
            if !Rc::ptr_eq(&s.buffer, buffer) {
                continue;
            }
            let lo = at.max(s.lo);
            let hi = (at + len).min(s.lo + s.old.len());
            if lo < hi {
                out[lo - at..hi - at].copy_from_slice(&s.old[lo - s.lo..hi - s.lo]);
            }
        }
        out
    }

    /// Whether any byte in `[at, at + len)` of `buffer` changed.
    pub fn touched(&self, buffer: &Rc<Buffer>, at: usize, len: usize) -> bool {
        self.snapshots.iter().zip(&self.changed).any(|(s, runs)| {
            Rc::ptr_eq(&s.buffer, buffer) && runs.iter().any(|&(a, b)| a < at + len && at < b)
        })
    }
}

/// Find the arrays `stmt` may write and keep their old bytes.
pub fn prepare(stmt: &Stmt, session: &mut Session) -> Writes {
    let mut dests = Vec::new();
    collect_destinations(stmt, session, &mut dests);
    let mut writes = Writes {
        complete: true,
        ..Writes::default()
    };
    let mut total = 0usize;
    for d in dests {
        let l = d.layout();
        let Some((lo, hi)) = l.byte_extent(d.dtype().itemsize()) else {
            continue;
        };
        let (lo, hi) = (lo.max(0) as usize, hi.max(0) as usize);
        if writes
            .snapshots
            .iter()
            .any(|s| Rc::ptr_eq(&s.buffer, d.buffer()) && s.lo <= lo && hi <= s.lo + s.old.len())
        {
            continue;
        }
        if total + (hi - lo) > SNAPSHOT_LIMIT {
            writes.complete = false;
            writes.unrecorded.push(d);
            continue;
        }
        total += hi - lo;
        let old = d.buffer().bytes()[lo..hi].to_vec();
        writes.snapshots.push(Snapshot {
            buffer: d.buffer().clone(),
            lo,
            old,
            itemsize: d.dtype().itemsize().max(1),
        });
    }
    writes
}

/// After the statement: find the changed byte runs.
pub fn finish(writes: &mut Writes) {
    writes.changed = writes
        .snapshots
        .iter()
        .map(|s| {
            let now = s.buffer.bytes();
            let now = &now[s.lo..s.lo + s.old.len()];
            let mut runs: Vec<(usize, usize)> = Vec::new();
            for (k, (a, b)) in s.old.iter().zip(now).enumerate() {
                if a != b {
                    let at = s.lo + k;
                    match runs.last_mut() {
                        Some((_, end)) if *end == at => *end = at + 1,
                        _ => runs.push((at, at + 1)),
                    }
                }
            }
            runs
        })
        .collect();
}

/// Put every recorded byte back, newest first.
pub fn restore(writes: &Writes) {
    for s in writes.snapshots.iter().rev() {
        let mut bytes = s.buffer.bytes_mut();
        bytes[s.lo..s.lo + s.old.len()].copy_from_slice(&s.old);
    }
}

/// One statement that `:undo` can take back.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The statement as typed.
    pub line: String,
    /// The names as they were before it.
    pub bindings: Bindings,
    /// What it wrote.
    pub writes: Writes,
}

impl Entry {
    fn bytes(&self) -> usize {
        self.writes.snapshots.iter().map(|s| s.old.len()).sum()
    }
}

/// The statements that can still be undone, newest last, bounded by
/// [`JOURNAL_LIMIT`] bytes of snapshots.
#[derive(Debug, Default)]
pub struct Journal {
    entries: Vec<Entry>,
}

/// Why `:undo` did nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UndoError {
    /// No statement to take back.
    Nothing,
    /// The statement wrote more than the journal could hold.
    TooLarge(String),
}

impl Journal {
    /// Remember a statement; drop the oldest entries past the limit.
    pub fn push(&mut self, entry: Entry) {
        self.entries.push(entry);
        let mut total: usize = self.entries.iter().map(Entry::bytes).sum();
        while total > JOURNAL_LIMIT && self.entries.len() > 1 {
            total -= self.entries[0].bytes();
            self.entries.remove(0);
        }
        if self.entries.len() > 200 {
            self.entries.remove(0);
        }
    }

    /// Take back the newest statement: its cells, then its bindings.
    pub fn undo(&mut self, session: &mut Session) -> Result<Entry, UndoError> {
        let entry = self.entries.last().ok_or(UndoError::Nothing)?;
        if !entry.writes.complete {
            return Err(UndoError::TooLarge(entry.line.clone()));
        }
        let entry = self.entries.pop().ok_or(UndoError::Nothing)?;
        restore(&entry.writes);
        session.restore_bindings(entry.bindings.clone());
        Ok(entry)
    }
}

fn collect_destinations(stmt: &Stmt, session: &mut Session, out: &mut Vec<ArrayRef>) {
    match stmt {
        Stmt::Assign { targets, value } => {
            for t in targets {
                target_destinations(t, session, out);
            }
            expr_destinations(value, session, out);
        }
        Stmt::AugAssign { target, value, .. } => {
            match &target.kind {
                ExprKind::Name(_) => push_array(session.evaluate(target), out),
                _ => target_destinations(target, session, out),
            }
            expr_destinations(value, session, out);
        }
        Stmt::Expr(e) => expr_destinations(e, session, out),
        _ => {}
    }
}

fn target_destinations(target: &Expr, session: &mut Session, out: &mut Vec<ArrayRef>) {
    match &target.kind {
        ExprKind::Subscript { value, index } => {
            // The selected part when the index is basic (`a[1, 2, ...]` is
            // a 0-d view even where `a[1, 2]` is a scalar), else the whole
            // array indexed.
            let whole = session.evaluate(value);
            let probe = with_ellipsis(target, value, index);
            match (session.evaluate(&probe), &whole) {
                (Some(Value::Array(part)), Some(Value::Array(w))) if part.same_buffer(w) => {
                    out.push(part)
                }
                _ => push_array(whole, out),
            }
        }
        ExprKind::Attribute { value, .. } => push_array(session.evaluate(value), out),
        ExprKind::Tuple(parts) | ExprKind::List(parts) => {
            for p in parts {
                target_destinations(p, session, out);
            }
        }
        _ => {}
    }
}

/// `value[index, ...]`: the same selection, as a view even when every axis
/// is given an integer. An index that already holds `...` is kept.
fn with_ellipsis(target: &Expr, value: &Expr, index: &Expr) -> Expr {
    let ellipsis = Expr {
        kind: ExprKind::Ellipsis,
        span: index.span,
    };
    let items = match &index.kind {
        ExprKind::Tuple(parts) if parts.iter().any(|p| p.kind == ExprKind::Ellipsis) => {
            return target.clone();
        }
        ExprKind::Ellipsis => return target.clone(),
        ExprKind::Tuple(parts) => {
            let mut v = parts.clone();
            v.push(ellipsis);
            v
        }
        _ => vec![index.clone(), ellipsis],
    };
    Expr {
        kind: ExprKind::Subscript {
            value: Box::new(value.clone()),
            index: Box::new(Expr {
                kind: ExprKind::Tuple(items),
                span: index.span,
            }),
        },
        span: target.span,
    }
}

fn expr_destinations(e: &Expr, session: &mut Session, out: &mut Vec<ArrayRef>) {
    if let ExprKind::Call { func, args } = &e.kind {
        for a in args {
            if let Arg::Keyword(k, v) = a
                && k == "out"
            {
                push_array(session.evaluate(v), out);
            }
        }
        if let ExprKind::Attribute { value, name } = &func.kind {
            let np_function = matches!(&value.kind, ExprKind::Name(n) if n == "np")
                || matches!(&value.kind, ExprKind::Attribute { value: v, .. }
                    if matches!(&v.kind, ExprKind::Name(n) if n == "np"));
            if np_function && (WRITING_FUNCTIONS.contains(&name.as_str()) || name == "at") {
                if let Some(Arg::Positional(first)) = args.first() {
                    push_array(session.evaluate(first), out);
                }
            } else if !np_function && WRITING_METHODS.contains(&name.as_str()) {
                push_array(session.evaluate(value), out);
            }
        }
    }
    for child in children(e) {
        expr_destinations(child, session, out);
    }
}

fn children(e: &Expr) -> Vec<&Expr> {
    match &e.kind {
        ExprKind::Attribute { value, .. } => vec![value],
        ExprKind::Subscript { value, index } => vec![value, index],
        ExprKind::Call { func, args } => {
            let mut v: Vec<&Expr> = vec![func];
            v.extend(args.iter().map(|a| match a {
                Arg::Positional(x) | Arg::Keyword(_, x) => x,
            }));
            v
        }
        ExprKind::Binary { left, right, .. } => vec![left, right],
        ExprKind::Unary { operand, .. } => vec![operand],
        ExprKind::List(xs) | ExprKind::Tuple(xs) => xs.iter().collect(),
        _ => Vec::new(),
    }
}

/// The array a destination writes: an array itself, or the array behind
/// `a.flat` (`a.flat[::2] = 0` writes `a`).
fn push_array(v: Option<Value>, out: &mut Vec<ArrayRef>) {
    if let Some(Value::Array(a) | Value::FlatIter(a)) = v {
        out.push(a);
    }
}
