//! The write log: what one statement did to memory, recorded where the
//! engine does it.
//!
//! Every write to a buffer goes through [`Buffer::bytes_mut`] (the whole
//! buffer) or [`NdArray::bytes_mut`] (one array's own byte extent), and
//! every change to an array object's state (`a.shape = …`,
//! `flags.writeable`) through its setters. While a front end has a log
//! open ([`start`] … [`finish`]), each of those first saves the old
//! contents: the bytes of the range about to be written (once per byte per
//! statement) and the array's old layout and flag. Buffers made during the
//! statement are not saved: nobody saw them before it.
//!
//! The teaching view reads this record and nothing else to say which names
//! a statement changed and to take it back (`:undo`). When no log is open
//! the cost is one thread-local flag read per write call, so
//! `--transcript` does not pay for it. Saved bytes are bounded by the
//! budget given to [`start`]; a write past it is listed in
//! [`WriteLog::unrecorded`] (the statement cannot be undone).
//!
//! [`Buffer::bytes_mut`]: super::buffer::Buffer::bytes_mut
//! [`NdArray::bytes_mut`]: super::array::NdArray::bytes_mut

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use super::array::ArrayRef;
use super::buffer::Buffer;
use super::dtype::DType;
use super::layout::Layout;

/// Buffers up to this size are saved whole at their first write, so a loop
/// of many small writes costs one lookup each.
const SAVE_WHOLE_BELOW: usize = 1 << 16;

/// The old bytes of one range of one buffer.
#[derive(Debug, Clone)]
pub struct SavedBytes {
    /// The buffer written.
    pub buffer: Rc<Buffer>,
    /// First byte of the range.
    pub lo: usize,
    /// The bytes before the statement wrote them.
    pub old: Vec<u8>,
}

/// One array object's state before the statement changed it.
#[derive(Debug, Clone)]
pub struct SavedState {
    /// The array object.
    pub array: ArrayRef,
    /// Its dtype before (`a.dtype = …` replaces it).
    pub dtype: DType,
    /// Its layout before (`a.shape = …` replaces it).
    pub layout: Layout,
    /// Its `flags.writeable` before.
    pub writeable: bool,
    /// Its `flags.aligned` before.
    pub aligned: bool,
}

/// Everything one statement wrote, with the old contents.
#[derive(Debug, Clone, Default)]
pub struct WriteLog {
    /// Saved byte ranges (disjoint per buffer), in the order first written.
    pub bytes: Vec<SavedBytes>,
    /// Array objects whose layout or flags a setter was about to change.
    pub states: Vec<SavedState>,
    /// Ranges `[lo, hi)` written past the budget: not saved.
    pub unrecorded: Vec<(Rc<Buffer>, usize, usize)>,
    /// Buffers `ndarray.resize` reallocated, with their whole contents
    /// before (so their length is the old size).
    pub resized: Vec<(Rc<Buffer>, Vec<u8>)>,
}

/// The log being filled, with its bookkeeping.
#[derive(Debug, Default)]
struct Open {
    log: WriteLog,
    /// Buffers with an id at or past this were made during the statement.
    first_new_id: u64,
    /// Writes into buffers older than the log (memory a name could hold
    /// before the statement), saved or not.
    old_writes: u64,
    /// Bytes that may still be saved.
    budget_left: usize,
    /// Per buffer id: saved ranges by first byte → index into `log.bytes`.
    covered: HashMap<u64, BTreeMap<usize, usize>>,
}

thread_local! {
    static ACTIVE: Cell<bool> = const { Cell::new(false) };
    /// Writes noted since the log opened (saved or not), so the evaluator
    /// can tell which of a statement's calls wrote.
    static WRITES: Cell<u64> = const { Cell::new(0) };
    static OPEN: RefCell<Option<Open>> = const { RefCell::new(None) };
}

/// Open a log for one statement, saving at most `budget` bytes.
pub fn start(budget: usize) {
    OPEN.with(|o| {
        *o.borrow_mut() = Some(Open {
            first_new_id: super::buffer::next_id(),
            budget_left: budget,
            ..Open::default()
        })
    });
    WRITES.with(|w| w.set(0));
    ACTIVE.with(|a| a.set(true));
}

/// How many writes the open log has been told of so far.
pub fn writes_noted() -> u64 {
    WRITES.with(Cell::get)
}

/// How many writes into memory older than the open log (not into arrays
/// the statement made) it has been told of so far: the teaching view
/// counts a loop's passes that wrote with it.
pub fn old_writes_noted() -> u64 {
    OPEN.with(|o| {
        o.try_borrow()
            .ok()
            .and_then(|open| open.as_ref().map(|open| open.old_writes))
            .unwrap_or(0)
    })
}

/// Close the log and hand back what the statement wrote.
pub fn finish() -> WriteLog {
    ACTIVE.with(|a| a.set(false));
    OPEN.with(|o| o.borrow_mut().take())
        .map(|open| open.log)
        .unwrap_or_default()
}

/// Whether a log is open (one flag read).
#[inline]
pub fn active() -> bool {
    ACTIVE.with(Cell::get)
}

/// Save the bytes `[lo, hi)` of `buffer` before they are written.
pub(super) fn note_bytes(buffer: &Rc<Buffer>, lo: usize, hi: usize) {
    if !active() {
        return;
    }
    WRITES.with(|w| w.set(w.get() + 1));
    OPEN.with(|o| {
        if let Ok(mut open) = o.try_borrow_mut()
            && let Some(open) = open.as_mut()
        {
            open.save(buffer, lo, hi);
        }
    });
}

/// Save a buffer's whole contents (and so its size) before
/// `Buffer::resize` reallocates it.
pub(super) fn note_resize(buffer: &Rc<Buffer>) {
    if !active() {
        return;
    }
    WRITES.with(|w| w.set(w.get() + 1));
    OPEN.with(|o| {
        if let Ok(mut open) = o.try_borrow_mut()
            && let Some(open) = open.as_mut()
        {
            let n = buffer.nbytes();
            if buffer.id() >= open.first_new_id
                || open.log.resized.iter().any(|(b, _)| Rc::ptr_eq(b, buffer))
            {
                return;
            }
            if n > open.budget_left {
                open.log.unrecorded.push((buffer.clone(), 0, n));
                return;
            }
            if let Some(old) = buffer.try_read(0, n) {
                open.budget_left -= n;
                open.log.resized.push((buffer.clone(), old));
            }
        }
    });
}

/// Save `array`'s layout and flags before a setter changes them.
pub(super) fn note_state(array: &ArrayRef) {
    if !active() {
        return;
    }
    OPEN.with(|o| {
        if let Ok(mut open) = o.try_borrow_mut()
            && let Some(open) = open.as_mut()
            && !open.log.states.iter().any(|s| Rc::ptr_eq(&s.array, array))
        {
            open.log.states.push(SavedState {
                array: array.clone(),
                dtype: array.dtype().clone(),
                layout: array.layout(),
                writeable: array.writeable(),
                aligned: array.aligned_flag(),
            });
        }
    });
}

impl Open {
    fn save(&mut self, buffer: &Rc<Buffer>, lo: usize, hi: usize) {
        if buffer.id() >= self.first_new_id {
            return;
        }
        self.old_writes += 1;
        let n = buffer.nbytes();
        let (lo, hi) = if n <= SAVE_WHOLE_BELOW {
            (0, n)
        } else {
            (lo.min(n), hi.min(n))
        };
        if lo >= hi {
            return;
        }
        for (a, b) in self.gaps(buffer.id(), lo, hi) {
            self.save_range(buffer, a, b);
        }
    }

    /// The parts of `[lo, hi)` not saved yet.
    fn gaps(&self, id: u64, lo: usize, hi: usize) -> Vec<(usize, usize)> {
        let Some(ranges) = self.covered.get(&id) else {
            return vec![(lo, hi)];
        };
        let mut out = Vec::new();
        let mut at = lo;
        // The range starting at or before `lo` may reach into it.
        let first = ranges.range(..=lo).next_back().map_or(lo, |(&k, _)| k);
        for (&start, &i) in ranges.range(first..hi) {
            let end = start + self.log.bytes[i].old.len();
            if start > at {
                out.push((at, start.min(hi)));
            }
            at = at.max(end);
            if at >= hi {
                break;
            }
        }
        if at < hi {
            out.push((at, hi));
        }
        out
    }

    fn save_range(&mut self, buffer: &Rc<Buffer>, lo: usize, hi: usize) {
        if hi - lo > self.budget_left {
            self.log.unrecorded.push((buffer.clone(), lo, hi));
            return;
        }
        // A buffer already borrowed for writing cannot be read; the caller
        // would fail on it anyway, so there is nothing to save.
        let Some(old) = buffer.try_read(lo, hi) else {
            return;
        };
        self.budget_left -= hi - lo;
        self.covered
            .entry(buffer.id())
            .or_default()
            .insert(lo, self.log.bytes.len());
        self.log.bytes.push(SavedBytes {
            buffer: buffer.clone(),
            lo,
            old,
        });
    }
}

impl WriteLog {
    /// Whether all it wrote was saved (so it can be undone).
    pub fn complete(&self) -> bool {
        self.unrecorded.is_empty()
    }

    /// Put every saved byte and state back.
    pub fn restore(&self) {
        // Sizes first: ranges saved before a resize are then in range
        // again; ones saved after it past the old end are skipped.
        for (b, old) in self.resized.iter().rev() {
            b.restore_whole(old);
        }
        for s in self.bytes.iter().rev() {
            s.buffer.restore(s.lo, &s.old);
        }
        for s in self.states.iter().rev() {
            s.array
                .restore_state(&s.dtype, s.layout.clone(), s.writeable, s.aligned);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{DType, NdArray};

    #[test]
    fn writes_are_saved_once_and_new_buffers_not_at_all() {
        let a = NdArray::zeros(&[4], DType::Int64).unwrap();
        start(1 << 20);
        a.bytes_mut()[8] = 5;
        a.bytes_mut()[8] = 6;
        let fresh = NdArray::zeros(&[4], DType::Int64).unwrap();
        fresh.bytes_mut()[0] = 1;
        let log = finish();
        assert_eq!(log.bytes.len(), 1);
        assert!(Rc::ptr_eq(&log.bytes[0].buffer, a.buffer()));
        assert!(log.bytes[0].old.iter().all(|&b| b == 0));
        log.restore();
        assert_eq!(a.buffer().bytes()[8], 0);
    }

    #[test]
    fn a_resize_is_undone_to_the_old_size_and_contents() {
        let a = NdArray::zeros(&[2], DType::Int64).unwrap();
        a.bytes_mut()[0] = 7;
        start(1 << 20);
        a.buffer().resize(32, &[4], "int64").unwrap();
        a.buffer().bytes_mut_within(16, 32)[16] = 9;
        assert_eq!(a.buffer().nbytes(), 32);
        assert_eq!(a.buffer().bytes()[0], 7);
        let log = finish();
        assert_eq!(log.resized.len(), 1);
        log.restore();
        assert_eq!(a.buffer().nbytes(), 16);
        assert_eq!(a.buffer().bytes()[0], 7);
    }

    #[test]
    fn large_buffers_save_only_the_written_extent() {
        let n = SAVE_WHOLE_BELOW;
        let a = NdArray::zeros(&[n], DType::Int64).unwrap();
        let part = NdArray::view_with(
            &a,
            Layout {
                shape: vec![2],
                strides: vec![8],
                offset: 16,
            },
        );
        start(1 << 30);
        part.bytes_mut()[20] = 1;
        part.bytes_mut()[16] = 1;
        a.buffer().bytes_mut_within(8, 32)[9] = 1;
        let log = finish();
        let saved: usize = log.bytes.iter().map(|s| s.old.len()).sum();
        assert_eq!(saved, 24);
        assert!(log.complete());
    }

    #[test]
    fn past_the_budget_a_write_is_unrecorded() {
        let a = NdArray::zeros(&[SAVE_WHOLE_BELOW], DType::Int64).unwrap();
        start(16);
        a.bytes_mut()[0] = 1;
        let log = finish();
        assert!(!log.complete());
        assert!(log.bytes.is_empty());
    }

    #[test]
    fn nothing_is_recorded_without_a_log() {
        let a = NdArray::zeros(&[2], DType::Int64).unwrap();
        a.bytes_mut()[0] = 1;
        start(1 << 20);
        let log = finish();
        assert!(log.bytes.is_empty() && log.states.is_empty());
    }
}
