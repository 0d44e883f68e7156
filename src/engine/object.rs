//! The elements of object arrays (`dtype=object`): opaque references.
//!
//! An object buffer holds, for each element, a `u64` id into this
//! thread's arena of `Rc<dyn Any>` handles. The engine never looks inside
//! a handle (it cannot: what a Python value is belongs to `eval`), so
//! copying an element's eight bytes copies the *reference*, which is
//! exactly NumPy's shallow copy of an object array; a view shares the
//! buffer and so shares the references. Ids are handed out by a counter
//! and **never reused**, so an id left in an old buffer (or restored by
//! `:undo`) can never alias another value. Id 0 is `None`, so a freshly
//! zeroed buffer reads as `np.empty(n, dtype=object)` does.
//!
//! Handles are kept for the life of the session (a teaching session makes
//! few objects); dropping them would need reference counting of ids in
//! buffers, which byte copies cannot do.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

/// The id every zeroed object element holds: Python's `None`.
pub const NONE_ID: u64 = 0;

thread_local! {
    static ARENA: RefCell<HashMap<u64, Rc<dyn Any>>> = RefCell::new(HashMap::new());
    static NEXT: Cell<u64> = const { Cell::new(1) };
}

/// Store a handle and give back its fresh id (never one given before).
pub fn intern(value: Rc<dyn Any>) -> u64 {
    let id = NEXT.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1).max(1));
        id
    });
    ARENA.with(|a| a.borrow_mut().insert(id, value));
    id
}

/// The handle an id stands for; `None` for `NONE_ID` or an unknown id
/// (bytes that were never an object element).
pub fn lookup(id: u64) -> Option<Rc<dyn Any>> {
    if id == NONE_ID {
        return None;
    }
    ARENA.with(|a| a.borrow().get(&id).cloned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_never_reused() {
        let a = intern(Rc::new(1i32));
        let b = intern(Rc::new(1i32));
        assert_ne!(a, b);
        assert_ne!(a, NONE_ID);
        assert!(lookup(NONE_ID).is_none());
        assert_eq!(
            lookup(a).and_then(|h| h.downcast_ref::<i32>().copied()),
            Some(1)
        );
    }
}
