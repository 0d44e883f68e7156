//! Ctrl-C while a statement runs. A front end's SIGINT handler sets one
//! atomic flag; long loops look at it between chunks of work (never per
//! element) and stop with Python's `KeyboardInterrupt`. The session and its
//! names stay as they were; an in-place write stopped half-way stays
//! half-done, as NumPy would leave it.
//!
//! Two ways to stop: [`check`] returns the error where a loop already
//! returns `Result`; [`poll`] unwinds out of loops whose closures cannot
//! return one (the layout walks of `iter.rs`). `Session::run` turns that
//! unwind into the same `KeyboardInterrupt`. `resume_unwind` runs no panic
//! hook, so nothing is printed on the way.

use std::sync::atomic::{AtomicBool, Ordering};

use super::error::EngineError;

/// Set by the SIGINT handler; cleared when a statement starts and ends.
static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Elements a loop may process between two looks at the flag.
pub const CHUNK: usize = 1 << 16;

/// The payload of the unwind that [`poll`] starts.
#[derive(Debug)]
pub struct Interrupted;

/// The flag, for a signal handler to set (`signal_hook::flag::register`).
pub fn flag() -> &'static AtomicBool {
    &REQUESTED
}

/// Ask the running statement to stop (what the SIGINT handler does).
pub fn request() {
    REQUESTED.store(true, Ordering::Relaxed);
}

/// Forget any request: a Ctrl-C from before a statement is not for it.
pub fn clear() {
    REQUESTED.store(false, Ordering::Relaxed);
}

/// Whether Ctrl-C was pressed since the statement began.
#[inline]
pub fn requested() -> bool {
    REQUESTED.load(Ordering::Relaxed)
}

/// `Err(KeyboardInterrupt)` once Ctrl-C was pressed.
#[inline]
pub fn check() -> Result<(), EngineError> {
    check_flag(&REQUESTED)
}

/// Unwind to `Session::run` once Ctrl-C was pressed; for loops that cannot
/// return an error.
#[inline]
pub fn poll() {
    poll_flag(&REQUESTED)
}

/// [`check`] against a given flag (tests use their own, so they never
/// stop a walk that another test runs at the same time).
#[inline]
fn check_flag(flag: &AtomicBool) -> Result<(), EngineError> {
    if flag.load(Ordering::Relaxed) {
        Err(EngineError::other("KeyboardInterrupt", ""))
    } else {
        Ok(())
    }
}

/// [`poll`] against a given flag.
#[inline]
fn poll_flag(flag: &AtomicBool) {
    if flag.load(Ordering::Relaxed) {
        std::panic::resume_unwind(Box::new(Interrupted));
    }
}

/// Whether a caught unwind is [`poll`]'s.
pub fn is_interrupt(payload: &(dyn std::any::Any + Send)) -> bool {
    payload.is::<Interrupted>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_reports_keyboard_interrupt_until_cleared() {
        let flag = AtomicBool::new(false);
        assert!(check_flag(&flag).is_ok());
        flag.store(true, Ordering::Relaxed);
        let e = check_flag(&flag).unwrap_err();
        assert_eq!(e.kind(), "KeyboardInterrupt");
        assert_eq!(e.to_string(), "");
        let caught = std::panic::catch_unwind(|| poll_flag(&flag)).unwrap_err();
        assert!(is_interrupt(caught.as_ref()));
        flag.store(false, Ordering::Relaxed);
        assert!(check_flag(&flag).is_ok());
    }
}
