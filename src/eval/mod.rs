//! The evaluator: a `Session` holds the learner's names and runs one
//! statement at a time, returning an `Outcome` that front ends render.
//! Nothing here prints.

mod arange;
mod args;
mod array_api;
mod array_attrs;
mod array_dunders;
mod array_flags;
mod array_interface;
mod array_protocol;
mod array_utils;
mod ascii_repr;
mod bigint;
mod bigint_math;
mod binding;
pub mod bindings;
mod bit_ufuncs;
mod bits_format;
mod block;
mod block_arrays;
mod builtin_signatures;
mod busday;
mod bytearray;
mod bytearray_calls;
mod bytearray_state;
mod callable_kinds;
mod casefold;
mod cast_rules;
mod class_annotations;
mod class_methods;
mod classes;
mod codecs;
mod coerce;
mod complex_fns;
mod complex_ufuncs;
mod comprehension;
mod container_compare;
pub mod convert;
mod copyto;
pub mod datetime;
mod datetime_convert;
mod datetime_routines;
mod decorators;
mod descriptor_names;
mod descriptors;
pub mod dict_view;
mod dispatch;
pub mod display;
mod dot_nd;
mod dtype_arg;
mod dtype_attrs;
mod dtype_class_names;
mod dtype_classes;
mod dtype_info;
mod dtype_names;
mod dtype_order;
mod dunder_names;
pub mod error;
mod exceptions;
mod fdlibm;
mod flatiter;
mod float_identity;
mod format;
mod format_float;
mod format_spec;
mod fp_callback;
mod fp_errors;
mod function;
mod gen_close;
mod generator;
mod help;
mod index_protocol;
mod index_routines;
mod int_parse;
mod int_true_div;
mod interp;
mod isinstance;
mod iter_builtins;
mod join_split;
mod lazy_module;
mod linalg;
pub mod ma;
mod math_ieee;
mod math_norm;
mod math_prod;
mod math_routines;
mod math_ufuncs;
mod memory_order;
mod memview;
mod methods;
pub mod named_tuple;
mod ndindex;
mod nditer;
mod np_broadcast;
mod np_fft;
mod np_linalg;
mod npy;
mod numeric;
mod object_array;
mod out_param;
mod pad;
mod pattern_match;
mod percent_format;
mod pydatetime;
pub mod pydatetime_attrs;
pub mod pydatetime_format;
pub mod pydatetime_ops;
mod shapes;
mod textio;
/// Lesson lines run with file writing refused (issue 19).
pub use npy::{WritesRefused, refuse_file_writes};
mod array_equal_nan;
mod array_resize;
mod array_subclass;
mod axis_tuple;
mod cross;
mod dtype_hash;
mod einsum;
mod emath;
mod eval_exec;
mod file_state;
mod fspath;
mod getfield;
mod isclose;
mod linspace_nd;
mod matrix;
mod matrix_ops;
mod matvec;
mod ndarray_new;
mod np_exceptions;
mod np_misc;
mod np_odds;
mod np_testing;
mod np_version;
mod numpy;
mod numpy_names;
pub mod object;
mod object_loops;
mod object_repr;
mod object_ufunc;
pub mod ops;
mod os_error;
mod poly;
mod poly1d;
mod print_formatter;
mod printopts;
mod private_modules;
mod products;
mod protocol;
pub mod provenance;
mod py_attr_names;
mod py_complex;
mod pybuiltins;
mod pybytes;
mod pyclass;
mod pycollections;
mod pyfile;
mod pyiter;
mod pymath;
mod pymethods;
mod pysets;
mod random;
mod reach;
mod recarray;
mod recfunctions;
mod recfunctions_join;
mod record_compare;
mod record_dtype;
mod record_dtype_attrs;
mod record_fields;
mod record_promote;
mod record_sort;
mod reduce_args;
mod registry;
mod removed_names;
mod reshaping;
mod roots;
mod same_value;
mod scalar_construct;
mod scalar_generic;
mod scalar_methods;
mod scalar_signatures;
mod scope;
mod searching;
mod seq_alloc;
mod seq_index;
mod seq_protocol;
mod session;
mod set_table;
pub mod signature;
mod spec_layout;
mod stdlib;
mod str_transforms;
mod stride_tricks;
mod strings;
mod subarray_dtype;
mod subclass;
mod svml_tanh;
mod text_scalar;
mod text_words;
mod type_hints;
mod types;
mod ufunc_args;
mod ufunc_at_unary;
mod ufunc_info;
mod ufunc_methods;
mod ufunc_reduceat;
mod ufunc_table;
pub mod value;
mod vecdot;
mod vectorize;
mod void_ufuncs;
mod with_context;

use std::collections::HashMap;

use crate::render::PrintOptions;
use crate::syntax::{self, ast::Stmt};

pub use array_attrs::{ARRAY_ATTRIBUTES, ARRAY_METHODS};
pub use array_subclass::array_held;
pub use bindings::Bindings;
pub use dtype_attrs::DTYPE_ATTRIBUTES;
pub use error::{PyError, PyResult};
pub use exceptions::{builtin_kind, transcript_name};
pub use index_routines::UFUNC_METHODS;
pub use methods::SCALAR_ATTRIBUTES;
pub use numpy::shares_memory;
pub use numpy::{NP_CONSTANTS, NP_FUNCTIONS};
pub use reach::reaches_buffer;
pub use session::{Session, WriteTarget};
pub use value::Value;

/// What one statement did.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Everything the Python prompt would show, newline-terminated: what
    /// `print` wrote, then the repr of an expression's value.
    pub output: String,
    /// The error, if the statement raised one (shown after `output`).
    pub error: Option<PyError>,
    /// Where in the line a syntax error is (byte offset).
    pub syntax_error_at: Option<usize>,
    /// The value of an expression statement.
    pub value: Option<Value>,
    /// The parsed statement, when it parsed.
    pub stmt: Option<Stmt>,
    /// The arrays its assignments wrote into.
    pub targets: Vec<WriteTarget>,
    /// The copies it made, and how (recorded while the teaching view is on).
    pub made: Vec<provenance::Made>,
    /// What its array-valued subscripts and calls were applied to
    /// (teaching view only).
    pub produced: Vec<provenance::Producer>,
    /// Byte ranges of the calls of learner-defined functions that wrote
    /// into arrays, each with how many of its runs wrote (a call inside a
    /// loop runs once a pass; teaching view only).
    pub writing_calls: Vec<((usize, usize), usize)>,
    /// For a statement that runs a `for` loop: the passes of its
    /// outermost loop, and how many of them wrote into arrays (teaching
    /// view only).
    pub loop_passes: Option<(usize, usize)>,
    /// The warnings Python would print on stderr while it ran
    /// (`<stdin>:1: RuntimeWarning: divide by zero encountered in divide`),
    /// when the session shows warnings.
    pub warnings: Vec<String>,
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

impl Session {
    /// A new session with `np` bound.
    pub fn new() -> Session {
        crate::engine::text_cast::install_float_str(crate::render::scalar_repr::scalar_str);
        let mut names = HashMap::new();
        names.insert("np".to_string(), Value::Module("numpy".into()));
        Session {
            names,
            dying: Default::default(),
            print_options: PrintOptions::default(),
            print_formatter: None,
            printed: String::new(),
            scope: None,
            depth: 0,
            last_shown: None,
            display_exprs: true,
            handling: Vec::new(),
            random_state: None,
            targets: Vec::new(),
            made: Vec::new(),
            produced: Vec::new(),
            writing_calls: Vec::new(),
            loop_passes: None,
            err_state: Default::default(),
            err_call: Value::None,
            show_warnings: false,
            quiet_runtime: false,
            warned: Default::default(),
            stdlib: HashMap::new(),
            py_random: None,
        }
    }

    /// Collect NumPy's `RuntimeWarning`s for display (they are left out of
    /// `--transcript`, as NumPy's oracle transcript leaves them out).
    pub fn show_warnings(&mut self, on: bool) {
        self.show_warnings = on;
    }

    /// Quiet NumPy's `RuntimeWarning`s from now on, or not (the learner's
    /// `warnings` filters decide).
    pub(crate) fn set_quiet_runtime(&mut self, quiet: bool) {
        self.quiet_runtime = quiet;
        fp_errors::set_quiet_runtime(quiet);
    }

    /// Every bound name, sorted.
    pub fn names(&self) -> Vec<(String, Value)> {
        let mut v: Vec<(String, Value)> = self
            .names
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    }

    /// Remember that an assignment writes into `obj`, the value of the
    /// expression spanning `span` (of the statement itself: spans inside a
    /// function body are another text's).
    fn note_target(&mut self, span: crate::syntax::ast::Span, obj: &Value) {
        if let Value::Array(a) = obj
            && self.depth == 0
            && self.targets.len() < session::MAX_TARGETS
        {
            self.targets.push(WriteTarget {
                span: (span.start, span.end),
                array: a.clone(),
            });
        }
    }

    /// Run an already parsed statement for its effect only: no repr is
    /// made and `print` output is dropped (`%timeit` runs a statement many
    /// times this way). Panics become a `SystemError` as in [`Session::run`].
    pub fn exec_quietly(&mut self, stmt: &Stmt) -> PyResult<()> {
        fp_errors::install(self.err_state, self.err_call.clone(), false);
        crate::render::legacy::publish(self.print_options.legacy);
        let result = guarded(|| self.exec(stmt));
        self.err_state = fp_errors::modes();
        self.err_call = fp_errors::callback();
        self.printed.clear();
        result.map(|_| ())
    }

    /// Run `expr` and take its Python truth value: how a lesson's check is
    /// judged. An error (a name not yet bound, an ambiguous array) is `Err`.
    pub fn truth(&mut self, expr: &str) -> Result<bool, PyError> {
        let outcome = self.run(expr);
        if let Some(e) = outcome.error {
            return Err(e);
        }
        match outcome.value {
            Some(v) => protocol::truthy(&v),
            None => Err(PyError::new("SyntaxError", "a check must be an expression")),
        }
    }

    /// Parse and run one line. Never panics into the caller: an internal
    /// failure becomes a `SystemError` and the names are kept.
    pub fn run(&mut self, line: &str) -> Outcome {
        let mut out = Outcome::default();
        let stmt = match syntax::parse_stmt(line) {
            Ok(s) => s,
            Err(e) => {
                out.syntax_error_at = Some(e.offset);
                out.error = Some(PyError::new(e.kind(), e.message.clone()));
                return out;
            }
        };
        out.stmt = Some(stmt.clone());
        self.printed.clear();
        self.targets.clear();
        self.made.clear();
        self.produced.clear();
        self.writing_calls.clear();
        self.loop_passes = None;
        // A Ctrl-C pressed before this statement began is not for it.
        crate::engine::interrupt::clear();
        fp_errors::install(self.err_state, self.err_call.clone(), self.show_warnings);
        fp_errors::set_quiet_runtime(self.quiet_runtime);
        // NumPy's scalar reprs read the legacy print mode from the global
        // options; this session's are the global ones while it runs.
        crate::render::legacy::publish(self.print_options.legacy);
        // The repr is made inside the guard too: printing a value can be
        // long (Ctrl-C) and must not take the session down either.
        let result = guarded(|| {
            let value = self.exec(&stmt)?;
            let shown = match &value {
                Some(v) if !matches!(v, Value::None) => Some(self.py_repr(v)?),
                _ => None,
            };
            Ok((value, shown))
        });
        crate::engine::interrupt::clear();
        // An error may have left a function's frame in place.
        self.scope = None;
        self.depth = 0;
        self.display_exprs = true;
        self.handling.clear();
        out.output = std::mem::take(&mut self.printed);
        out.targets = std::mem::take(&mut self.targets);
        out.made = std::mem::take(&mut self.made);
        out.produced = std::mem::take(&mut self.produced);
        out.writing_calls = std::mem::take(&mut self.writing_calls);
        out.loop_passes = self.loop_passes.take();
        self.err_state = fp_errors::modes();
        self.err_call = fp_errors::callback();
        for w in fp_errors::take_warnings() {
            // Every statement is line 1 of `<stdin>` to Python's registry.
            let line = format!("<stdin>:1: {w}");
            if self.warned.insert(line.clone()) {
                out.warnings.push(line);
            }
        }
        match result {
            Ok((value, shown)) => {
                if let Some(text) = shown {
                    out.output.push_str(&text);
                    out.output.push('\n');
                }
                if let Some(v) = &value
                    && !matches!(v, Value::None)
                {
                    self.last_shown = Some(v.clone());
                }
                out.value = value;
            }
            Err(e) => out.error = Some(e),
        }
        out
    }
}

/// Run `f`, turning an unwind into the error it stands for: Ctrl-C's
/// `KeyboardInterrupt`, a `MemoryError` raised from deep in a kernel, or
/// else the `SystemError` of an internal failure. One place for both
/// [`Session::run`] and [`Session::exec_quietly`].
fn guarded<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) if crate::engine::interrupt::is_interrupt(payload.as_ref()) => {
            crate::engine::interrupt::clear();
            Err(PyError::new("KeyboardInterrupt", ""))
        }
        Err(payload) => match payload.downcast::<crate::engine::buffer::Unwound>() {
            Ok(unwound) => Err(unwound.0.into()),
            Err(_) => Err(PyError::new("SystemError", INTERNAL_ERROR)),
        },
    }
}

/// The message of the `SystemError` that stands for a panic caught in
/// [`Session::run`]: a bug in slicelab, never a Python error.
pub const INTERNAL_ERROR: &str =
    "slicelab hit an internal error on this statement; your names are unchanged";

impl Outcome {
    /// Whether the statement crashed slicelab (a caught panic) rather than
    /// raising a Python error: what the fuzz test counts as a crash.
    pub fn is_internal_error(&self) -> bool {
        self.error
            .as_ref()
            .is_some_and(|e| e.kind == "SystemError" && e.message == INTERNAL_ERROR)
    }
}
