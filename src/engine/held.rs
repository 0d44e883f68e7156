//! Arrays held by the teaching view only: the last result it drew and the
//! names and array states `:undo` may put back. Python has no such holders,
//! so they must not keep a buffer *exported*: a `bytearray` whose last
//! array the learner deleted can grow again (`del g; f.append(1)`) even
//! while the journal could restore `g`. A holder registers each array it
//! keeps with a [`Held`]; [`learner_holds`] subtracts those references.
//!
//! An array the teaching view holds only through a view of it (the view's
//! base) still counts as exported: the count sees direct holders only.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::array::{ArrayRef, NdArray};

thread_local! {
    /// Per array (by address): how many of its strong references are held
    /// only for the teaching view.
    static HELD: RefCell<HashMap<usize, usize>> = RefCell::new(HashMap::new());
}

fn key(a: &NdArray) -> usize {
    a as *const NdArray as usize
}

/// A mark that one strong reference to an array, kept next to this mark by
/// its owner, is the teaching view's. It must live no longer than that
/// reference (keep both in one struct).
#[derive(Debug)]
pub struct Held(usize);

impl Held {
    /// Mark one reference to `a` as the teaching view's.
    pub fn new(a: &ArrayRef) -> Held {
        let k = key(a);
        HELD.with(|h| *h.borrow_mut().entry(k).or_default() += 1);
        Held(k)
    }
}

impl Clone for Held {
    fn clone(&self) -> Held {
        HELD.with(|h| *h.borrow_mut().entry(self.0).or_default() += 1);
        Held(self.0)
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        HELD.with(|h| {
            let mut h = h.borrow_mut();
            if let Some(n) = h.get_mut(&self.0) {
                *n -= 1;
                if *n == 0 {
                    h.remove(&self.0);
                }
            }
        });
    }
}

/// Whether anything but the teaching view holds `a` (the caller's own
/// reference, `a` itself, not counted).
pub fn learner_holds(a: &ArrayRef) -> bool {
    let held = HELD.with(|h| h.borrow().get(&key(a)).copied().unwrap_or(0));
    Rc::strong_count(a) - 1 > held
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::dtype::DType;

    #[test]
    fn a_reference_marked_held_does_not_count() {
        let a = NdArray::zeros(&[2], DType::UInt8).unwrap();
        // The teaching view's copy: a reference and its mark, together.
        let kept = (a.clone(), Held::new(&a));
        assert!(!learner_holds(&a), "only the teaching view holds it");
        let kept_twice = kept.clone();
        assert!(!learner_holds(&a), "a clone of a held pair is held");
        let learners = a.clone();
        assert!(learner_holds(&a));
        drop(learners);
        drop((kept, kept_twice));
        assert!(!learner_holds(&a));
        let learners = a.clone();
        assert!(learner_holds(&a));
        drop(learners);
    }
}
