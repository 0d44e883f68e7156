//! The record of writes, read from the engine's write log: the engine
//! saves the old bytes of every range it writes and the old state of every
//! array object it changes (`crate::engine::write_log`), and this file
//! compares them with memory afterwards to find the bytes that changed.
//! The same record drives the mutation alerts and `:undo`. Nothing here
//! looks at the statement's syntax or evaluates any part of it.
//!
//! One statement may save at most [`SNAPSHOT_LIMIT`] bytes, so a write to
//! 10⁸ elements cannot double the memory in use; past it the statement
//! cannot be undone and alerts can only say "may have changed".

use std::rc::Rc;

use crate::engine::buffer::Buffer;
use crate::engine::held::Held;
use crate::engine::write_log::{self, WriteLog};
use crate::eval::{Bindings, Session};

/// The most bytes one statement's snapshots may hold.
pub const SNAPSHOT_LIMIT: usize = 256 << 20;

/// The most bytes all kept statements' snapshots may hold together.
pub const JOURNAL_LIMIT: usize = 512 << 20;

/// What one statement wrote: the engine's log and, per saved range, the
/// runs `[start, end)` of bytes that changed.
#[derive(Debug, Clone, Default)]
pub struct Writes {
    /// The old bytes and states the engine saved.
    pub log: WriteLog,
    /// Changed byte runs, parallel to `log.bytes`.
    pub changed: Vec<Vec<(usize, usize)>>,
    /// Bytes per element of the arrays on each saved range's buffer (for
    /// counting cells), parallel to `log.bytes`.
    pub itemsize: Vec<usize>,
}

/// Marks for the arrays bound to names in `names`, a copy the teaching view
/// keeps: they stay the learner's only while the session holds them too.
pub fn hold(names: &Bindings) -> Vec<Held> {
    names
        .values()
        .filter_map(|v| match v {
            crate::eval::Value::Array(a) => Some(Held::new(a)),
            _ => None,
        })
        .collect()
}

/// Open the engine's write log for one statement.
pub fn start() {
    write_log::start(SNAPSHOT_LIMIT);
}

/// Close the log and find the changed bytes. `names` (the names before the
/// statement) give each buffer's element size.
pub fn finish(names: &Bindings) -> Writes {
    let log = write_log::finish();
    let changed = log
        .bytes
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
    let itemsize = log
        .bytes
        .iter()
        .map(|s| itemsize_on(&s.buffer, names))
        .collect();
    Writes {
        log,
        changed,
        itemsize,
    }
}

/// The element size of a named array on `buffer` (1 when none is).
fn itemsize_on(buffer: &Rc<Buffer>, names: &Bindings) -> usize {
    let mut sizes: Vec<usize> = names
        .values()
        .filter_map(|v| match v {
            crate::eval::Value::Array(a) if Rc::ptr_eq(a.buffer(), buffer) => {
                Some(a.dtype().itemsize())
            }
            _ => None,
        })
        .filter(|&n| n > 0)
        .collect();
    sizes.sort_unstable();
    sizes.first().copied().unwrap_or(1)
}

impl Writes {
    /// Whether every write was saved (so the statement can be undone).
    pub fn complete(&self) -> bool {
        self.log.complete()
    }

    /// How many elements changed (counted in the element size of the
    /// arrays on each buffer).
    pub fn changed_cells(&self) -> usize {
        let mut total = 0;
        for (runs, &item) in self.changed.iter().zip(&self.itemsize) {
            let mut last: Option<usize> = None;
            for &(a, b) in runs {
                let first = a / item;
                let end = (b - 1) / item;
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

    /// Whether an array object's shape or flags changed.
    pub fn changed_state(&self) -> bool {
        self.log
            .states
            .iter()
            .any(|s| s.array.layout() != s.layout || s.array.writeable() != s.writeable)
    }

    /// The bytes `[at, at + len)` of `buffer` as they were before the
    /// statement: today's bytes with the recorded old bytes laid over them
    /// (bytes outside every saved range were not written).
    pub fn old_bytes(&self, buffer: &Rc<Buffer>, at: usize, len: usize) -> Vec<u8> {
        let mut out = buffer.bytes()[at..at + len].to_vec();
        for s in &self.log.bytes {
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

    /// Whether any byte in `[at, at + len)` of `buffer` changed. A
    /// segment's runs are sorted and disjoint, so one binary search finds
    /// the only run that can overlap (a strided write leaves one run per
    /// element, and alerts ask once per element).
    pub fn touched(&self, buffer: &Rc<Buffer>, at: usize, len: usize) -> bool {
        self.log.bytes.iter().zip(&self.changed).any(|(s, runs)| {
            if !Rc::ptr_eq(&s.buffer, buffer) {
                return false;
            }
            let first = runs.partition_point(|&(_, end)| end <= at);
            runs.get(first).is_some_and(|&(start, _)| start < at + len)
        })
    }

    /// Whether bytes `[lo, hi)` of `buffer` were written past the budget
    /// (they may have changed; nobody knows their old values).
    pub fn unrecorded(&self, buffer: &Rc<Buffer>, lo: usize, hi: usize) -> bool {
        self.log
            .unrecorded
            .iter()
            .any(|(b, a, z)| Rc::ptr_eq(b, buffer) && *a < hi && lo < *z)
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
    /// The arrays above marked as the teaching view's (not the learner's);
    /// kept only for their `Drop`.
    _held: Vec<Held>,
}

impl Entry {
    /// The record of one statement.
    pub fn new(line: String, bindings: Bindings, writes: Writes) -> Entry {
        let mut held = hold(&bindings);
        held.extend(writes.log.states.iter().map(|s| Held::new(&s.array)));
        Entry {
            line,
            bindings,
            writes,
            _held: held,
        }
    }

    fn bytes(&self) -> usize {
        self.writes.log.bytes.iter().map(|s| s.old.len()).sum()
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
    /// The newest statement remembered.
    pub fn last(&self) -> Option<&Entry> {
        self.entries.last()
    }

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
        if !entry.writes.complete() {
            return Err(UndoError::TooLarge(entry.line.clone()));
        }
        let entry = self.entries.pop().ok_or(UndoError::Nothing)?;
        entry.writes.log.restore();
        session.restore_bindings(entry.bindings.clone());
        Ok(entry)
    }
}
