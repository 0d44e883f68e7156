//! Frames of the learner's functions: the names a call binds, and the chain
//! of enclosing frames a closure reads through. Top-level names stay in the
//! `Session`'s map (Python's globals).

use super::object::Frame;
use std::rc::Rc;

use super::value::Value;

/// Where a name is found from a frame.
pub enum Found {
    /// Bound in some frame of the chain.
    Value(Value),
    /// Local to the innermost frame but not bound yet.
    UnboundLocal,
    /// Local to an enclosing frame but not bound yet.
    UnboundFree,
    /// Not a name of any frame: look in globals, then builtins.
    Global,
}

impl Frame {
    /// Whether `name` is local here.
    pub fn is_local(&self, name: &str) -> bool {
        self.locals.iter().any(|n| n == name)
    }

    /// Looks `name` up from this frame outwards.
    pub fn find(self: &Rc<Frame>, name: &str) -> Found {
        let mut cur = Some(self.clone());
        let mut innermost = true;
        while let Some(f) = cur {
            if f.globals.iter().any(|n| n == name) {
                return Found::Global;
            }
            if f.is_local(name) {
                return match f.vars.borrow().get(name) {
                    Some(v) => Found::Value(v.clone()),
                    None if innermost => Found::UnboundLocal,
                    None => Found::UnboundFree,
                };
            }
            innermost = false;
            cur = f.parent.clone();
        }
        Found::Global
    }

    /// The frame a write of `name` goes to (`None`: globals).
    pub fn owner(self: &Rc<Frame>, name: &str) -> Option<Rc<Frame>> {
        if self.globals.iter().any(|n| n == name) {
            return None;
        }
        if self.is_local(name) {
            return Some(self.clone());
        }
        // `nonlocal`: the nearest enclosing frame where it is local.
        let mut cur = self.parent.clone();
        while let Some(f) = cur {
            if f.is_local(name) {
                return Some(f);
            }
            cur = f.parent.clone();
        }
        None
    }
}
