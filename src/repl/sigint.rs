//! Ctrl-C at the prompt. While rustyline reads a line the terminal is raw
//! and ^C is a key it handles itself (the line is dropped); while a
//! statement runs, ^C is SIGINT. The handler only sets the engine's
//! interrupt flag (an atomic store: all a signal handler may safely do);
//! the running loop sees it and the statement ends in `KeyboardInterrupt`.
//!
//! signal-hook rather than ctrlc: it sets a flag from the handler itself
//! (no extra thread, no pipe), offers exactly the "second ^C quits" escape
//! hatch below, and needs only libc, already in the build.

use signal_hook::consts::SIGINT;
use signal_hook::flag;

use crate::engine::interrupt;

/// The exit status of a process ended by SIGINT (128 + 2), as shells use.
const EXIT_ON_SECOND_CTRL_C: i32 = 130;

/// Route SIGINT to the interrupt flag. A second ^C arriving while the first
/// is still unanswered (a loop that does not look at the flag) ends the
/// process, so slicelab can always be stopped. Failure to install leaves
/// the default (^C ends slicelab) and is not worth stopping for.
pub fn install() {
    let _ = flag::register_conditional_shutdown(SIGINT, EXIT_ON_SECOND_CTRL_C, interrupt::flag());
    let _ = flag::register(SIGINT, interrupt::flag());
}
