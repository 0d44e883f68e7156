//! NumPy's legacy print modes (`np.set_printoptions(legacy='1.25')`).
//!
//! NumPy keeps the mode as a number (113, 121, 125, 201, 202, or
//! `sys.maxsize` when off) and compares it with `<=` wherever an older
//! style differs. Array printing reads it from the options it was given
//! (`PrintOptions::legacy`, so `np.array2string(..., legacy=)` applies to
//! that call alone), but NumPy's C scalar reprs and `_struct_dict_str`
//! read the *global* options; this module holds that global for them, as
//! NumPy's `format_options` context variable does. The evaluator
//! publishes its session's mode here before each statement and whenever
//! the options change.

use std::cell::Cell;

/// Legacy printing off (NumPy's `sys.maxsize`).
pub const OFF: u32 = u32::MAX;

/// Each mode's name, as `legacy=` takes it and `get_printoptions` gives it.
/// `'1.13'` is left out: its float formatting is a different printer.
const MODES: &[(&str, u32)] = &[("1.21", 121), ("1.25", 125), ("2.1", 201), ("2.2", 202)];

thread_local! {
    static GLOBAL: Cell<u32> = const { Cell::new(OFF) };
}

/// The mode named `text`, if slicelab prints it.
pub fn parse(text: &str) -> Option<u32> {
    MODES.iter().find(|(n, _)| *n == text).map(|&(_, m)| m)
}

/// The name of `mode` (`None` when legacy printing is off).
pub fn name(mode: u32) -> Option<&'static str> {
    MODES.iter().find(|(_, m)| *m == mode).map(|&(n, _)| n)
}

/// Make `mode` the global mode the scalar reprs read.
pub fn publish(mode: u32) {
    GLOBAL.with(|g| g.set(mode));
}

/// The global mode.
pub fn global() -> u32 {
    GLOBAL.with(|g| g.get())
}

/// NumPy 1.25 and before printed scalars as their `str` (`3.0`, not
/// `np.float64(3.0)`).
pub fn plain_scalars() -> bool {
    global() <= 125
}

/// NumPy 2.2 and before switched floats to scientific notation at 1e8 in
/// arrays and 1e16 in scalars whatever their precision.
pub fn old_float_cutoffs(mode: u32) -> bool {
    mode <= 202
}
