//! The learner's session: the names they bound, print options, the frame
//! running, and what the current statement has done so far (for the
//! teaching view).
//!
//! Only the data is here. The interpreter, the routines and the front-end
//! API each add their methods in their own modules (`interp.rs`,
//! `function.rs`, `mod.rs`, …), so a routine that needs the session (to call
//! the learner's function back) imports this file, not the evaluator's top.

use std::collections::HashMap;

use crate::render::PrintOptions;

use super::error::PyError;
use super::fp_errors;
use super::object;
use super::provenance;
use super::value::Value;

/// The learner's state: names and print options.
pub struct Session {
    pub(super) names: HashMap<String, Value>,
    /// Paused generators dropped inside `try`/`with`, to be closed at the
    /// next safe point (`gen_close.rs`). After `names`, so a session's own
    /// generators, dropped with it, are queued here and never run.
    pub(super) dying: object::Dying,
    /// NumPy's print options (`np.set_printoptions`).
    pub print_options: PrintOptions,
    /// Their `formatter=` dict, which holds Python functions and so lives
    /// here rather than in the render layer's options.
    pub(super) print_formatter: Option<Value>,
    /// Text written by `print` during the current statement.
    pub(super) printed: String,
    /// The frame of the function (or comprehension) running, if any.
    pub(super) scope: Option<std::rc::Rc<object::Frame>>,
    /// How many of the learner's function calls are under way.
    pub(super) depth: usize,
    /// `_`: the last value the prompt showed.
    pub(super) last_shown: Option<Value>,
    /// Whether expression statements show their value (at the prompt, in
    /// blocks too; not inside functions).
    pub(super) display_exprs: bool,
    /// Exceptions being handled by `except` clauses (for a bare `raise`).
    pub(super) handling: Vec<PyError>,
    /// The global `RandomState` of `np.random.*`, made on first use.
    pub(super) random_state: Option<std::rc::Rc<object::RandomObj>>,
    /// Arrays the current statement's subscript and attribute assignments
    /// wrote into (at most [`MAX_TARGETS`]).
    pub(super) targets: Vec<WriteTarget>,
    /// Copies the current statement made, and how (teaching view only).
    pub(super) made: Vec<provenance::Made>,
    /// What its array-valued subscripts and calls were applied to.
    pub(super) produced: Vec<provenance::Producer>,
    /// Byte ranges of its calls of learner-defined functions that wrote,
    /// each with how many of its runs wrote (a loop runs a call often).
    pub(super) writing_calls: Vec<((usize, usize), usize)>,
    /// The passes of its outermost `for` loop and how many of them wrote
    /// (teaching view only).
    pub(super) loop_passes: Option<(usize, usize)>,
    /// NumPy's floating-point error modes (`np.seterr`), kept between
    /// statements.
    pub(super) err_state: fp_errors::ErrState,
    /// The `np.seterrcall` callback, kept between statements as
    /// `err_state` is.
    pub(super) err_call: Value,
    /// Whether `RuntimeWarning`s are collected for the front end to show
    /// (the prompt, `slicelab FILE`, lessons; not `--transcript`).
    pub(super) show_warnings: bool,
    /// Whether the learner's `warnings` filters ignore every
    /// `RuntimeWarning` (`stdlib/warnings.rs`), so NumPy's are not shown.
    pub(super) quiet_runtime: bool,
    /// The warnings already shown: Python shows each one once per line of
    /// `<stdin>` (its warnings registry), so a session does too.
    pub(super) warned: std::collections::HashSet<String>,
    /// The namespaces of the standard modules imported so far (`stdlib/`),
    /// each a dict of the names its Python body made.
    pub(super) stdlib: HashMap<String, Value>,
    /// The Mersenne Twister of Python's `random` module, made (seeded
    /// from the OS) on first use.
    pub(super) py_random: Option<Box<crate::engine::random::mt19937::Mt19937>>,
}

/// The most write targets one statement keeps (a loop may assign often).
pub(super) const MAX_TARGETS: usize = 16;

/// An array a subscript or attribute assignment wrote into, with the byte
/// span of the expression that produced it (`temps[temps > 20]` in
/// `temps[temps > 20][0] = 0`): how the teaching view tells a write into a
/// temporary copy without evaluating anything again.
#[derive(Debug, Clone)]
pub struct WriteTarget {
    /// Byte range of the target's object expression in the statement.
    pub span: (usize, usize),
    /// The array written into.
    pub array: crate::engine::ArrayRef,
}
