//! NumPy's floating-point error handling: `np.seterr`, `np.geterr`,
//! `np.errstate`, and what happens when a computation raises one of the
//! four exceptions (`engine::fp_flags`): nothing, a `RuntimeWarning`, or a
//! `FloatingPointError` with NumPy's message.
//!
//! The modes belong to the session; while it runs a statement they are
//! installed here, where the ufunc paths can read them without a session
//! at hand ([`install`] … [`take`]). Flags are worked out only when
//! something could come of them: a mode is `raise`, or a mode is `warn`
//! and the front end shows warnings (`--transcript` does not: NumPy's
//! oracle transcript has none).

use std::cell::RefCell;

use crate::engine::fp_flags::{self, FpFlags, Pole, Tiny};
use crate::engine::{DType, NdArray};

use super::error::{PyError, PyResult};
use super::value::Value;

/// What happens when one kind of exception is raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Nothing.
    Ignore,
    /// A `RuntimeWarning`.
    Warn,
    /// A `FloatingPointError`.
    Raise,
    /// Call the function given to `np.seterrcall`.
    Call,
    /// Print `Warning: …` to stdout.
    Print,
    /// Write to the object given to `np.seterrcall`.
    Log,
}

impl Mode {
    /// NumPy's name for the mode.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Ignore => "ignore",
            Mode::Warn => "warn",
            Mode::Raise => "raise",
            Mode::Call => "call",
            Mode::Print => "print",
            Mode::Log => "log",
        }
    }

    /// Whether the mode does something even where warnings are not shown:
    /// it raises, or it runs the learner's callback.
    fn acts(self) -> bool {
        matches!(self, Mode::Raise | Mode::Call | Mode::Log)
    }

    fn parse(v: &Value) -> PyResult<Mode> {
        if let Value::Str(s) = v {
            for m in [
                Mode::Ignore,
                Mode::Warn,
                Mode::Raise,
                Mode::Call,
                Mode::Print,
                Mode::Log,
            ] {
                if m.name() == s.as_ref() {
                    return Ok(m);
                }
            }
            return Err(PyError::value(format!("invalid error mode '{s}'")));
        }
        Err(PyError::value(format!(
            "invalid error mode {}",
            super::display::repr(v, &Default::default())
        )))
    }
}

/// The four modes, in `np.geterr`'s key order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrState {
    /// `divide`.
    pub divide: Mode,
    /// `over`.
    pub over: Mode,
    /// `under`.
    pub under: Mode,
    /// `invalid`.
    pub invalid: Mode,
}

impl Default for ErrState {
    /// NumPy's defaults: warn, except for underflow.
    fn default() -> Self {
        ErrState {
            divide: Mode::Warn,
            over: Mode::Warn,
            under: Mode::Ignore,
            invalid: Mode::Warn,
        }
    }
}

/// The keys of `np.geterr()`, in its order.
pub const KINDS: [&str; 4] = ["divide", "over", "under", "invalid"];

impl ErrState {
    fn get(&self, kind: &str) -> Mode {
        match kind {
            "divide" => self.divide,
            "over" => self.over,
            "under" => self.under,
            _ => self.invalid,
        }
    }

    fn set(&mut self, kind: &str, mode: Mode) {
        match kind {
            "divide" => self.divide = mode,
            "over" => self.over = mode,
            "under" => self.under = mode,
            _ => self.invalid = mode,
        }
    }

    /// `np.geterr()`'s dict.
    pub fn to_dict(self) -> Value {
        Value::Dict(std::rc::Rc::new(RefCell::new(
            KINDS
                .iter()
                .map(|k| (Value::str(k), Value::str(self.get(k).name())))
                .collect(),
        )))
    }

    /// This state changed by `seterr`'s keywords (`all` first, then each
    /// named kind); `None` values leave a kind as it is.
    pub fn with(&self, all: Option<&Value>, kinds: &[(&str, Option<&Value>)]) -> PyResult<Self> {
        let mut new = *self;
        if let Some(v) = all.filter(|v| !matches!(v, Value::None)) {
            let m = Mode::parse(v)?;
            for k in KINDS {
                new.set(k, m);
            }
        }
        for (k, v) in kinds {
            if let Some(v) = v.filter(|v| !matches!(v, Value::None)) {
                new.set(k, Mode::parse(v)?);
            }
        }
        Ok(new)
    }
}

/// The state of the statement being run.
#[derive(Debug, Default)]
struct Current {
    modes: ErrState,
    /// The function or log object of `np.seterrcall` (`None` when unset;
    /// an `Option` only so the state has a default).
    call: Option<Value>,
    /// Whether `warn` shows anything (the front end displays warnings).
    show: bool,
    /// Whether `RuntimeWarning`s are left out (the learner's `warnings`
    /// filters ignore them).
    quiet_runtime: bool,
    /// Warnings raised so far, as `RuntimeWarning: message`.
    warnings: Vec<String>,
    /// `call`/`log` errors raised but not yet handed to the callback.
    pending: Vec<Pending>,
}

/// One floating-point error for the `np.seterrcall` callback, which needs
/// the session to run: NumPy calls it from inside the ufunc, slicelab as
/// soon as the operation returns to the evaluator ([`take_pending`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// `mode='call'`: `callback(errtype, status)`, `status` the bits of
    /// every exception the operation raised (divide 1, over 2, under 4,
    /// invalid 8).
    Call { errtype: &'static str, status: i64 },
    /// `mode='log'`: `callback.write(message)`.
    Log(String),
}

thread_local! {
    static CURRENT: RefCell<Current> = RefCell::new(Current::default());
}

/// Make `modes` the state for the statement about to run; `show` says
/// whether warnings are collected for display.
pub fn install(modes: ErrState, call: Value, show: bool) {
    CURRENT.with(|c| {
        *c.borrow_mut() = Current {
            modes,
            call: Some(call),
            show,
            quiet_runtime: false,
            warnings: Vec::new(),
            pending: Vec::new(),
        }
    });
}

/// The `np.seterrcall` callback now (`np.geterrcall`).
pub fn callback() -> Value {
    CURRENT.with(|c| c.borrow().call.clone().unwrap_or(Value::None))
}

/// `np.seterrcall(func)` after NumPy's check: None, a callable, or an
/// object with a callable `write`; `callable` says which the session
/// found. Returns the callback before.
pub fn set_callback(func: Value, callable: bool) -> PyResult<Value> {
    if !callable && !matches!(func, Value::None) {
        return Err(PyError::type_error(
            "python object must be callable or have a callable write method",
        ));
    }
    let old = CURRENT.with(|c| c.borrow_mut().call.replace(func));
    Ok(old.unwrap_or(Value::None))
}

/// Whether errors are waiting for the callback (checked after every
/// expression, so it must be cheap).
pub fn has_pending() -> bool {
    CURRENT.with(|c| !c.borrow().pending.is_empty())
}

/// The errors waiting for the callback, leaving none.
pub fn take_pending() -> Vec<Pending> {
    CURRENT.with(|c| std::mem::take(&mut c.borrow_mut().pending))
}

/// The state now (`np.geterr`, and to keep after the statement).
pub fn modes() -> ErrState {
    CURRENT.with(|c| c.borrow().modes)
}

/// Replace the modes (`np.seterr`, entering and leaving `np.errstate`).
pub fn set_modes(modes: ErrState) {
    CURRENT.with(|c| c.borrow_mut().modes = modes);
}

/// Record a warning other than a floating-point one (`RankWarning`,
/// `DeprecationWarning`), `text` as Python shows it (`Class: message`),
/// when the front end shows warnings.
pub fn warn(text: String) {
    CURRENT.with(|c| {
        let mut c = c.borrow_mut();
        if c.show && !(c.quiet_runtime && text.starts_with("RuntimeWarning:")) {
            c.warnings.push(text);
        }
    });
}

/// Leave `RuntimeWarning`s out of what is shown, or not.
pub fn set_quiet_runtime(quiet: bool) {
    CURRENT.with(|c| c.borrow_mut().quiet_runtime = quiet);
}

/// The warnings the statement raised, leaving none.
pub fn take_warnings() -> Vec<String> {
    CURRENT.with(|c| std::mem::take(&mut c.borrow_mut().warnings))
}

/// Whether flags are worth working out: something would come of them.
pub fn wanted() -> bool {
    CURRENT.with(|c| {
        let c = c.borrow();
        let m = c.modes;
        [m.divide, m.over, m.under, m.invalid]
            .iter()
            .any(|&m| m.acts() || (c.show && matches!(m, Mode::Warn | Mode::Print)))
    })
}

fn underflow_wanted() -> bool {
    CURRENT.with(|c| {
        let c = c.borrow();
        c.modes.under.acts() || (c.show && c.modes.under != Mode::Ignore)
    })
}

/// Act on `flags` raised in `what` (`divide`, `scalar add`, `reduce`,
/// `cast`) as the modes say, in NumPy's order: divide, over, under,
/// invalid. The first `raise` stops with a `FloatingPointError`.
pub fn report(flags: FpFlags, what: &str) -> PyResult<()> {
    if flags.is_clear() {
        return Ok(());
    }
    let raised = [
        (flags.divide, "divide", "divide by zero"),
        (flags.overflow, "over", "overflow"),
        (flags.underflow, "under", "underflow"),
        (flags.invalid, "invalid", "invalid value"),
    ];
    // NumPy's `retstatus`: every exception raised, one bit each.
    let status = raised
        .iter()
        .enumerate()
        .filter(|(_, r)| r.0)
        .map(|(i, _)| 1i64 << i)
        .sum();
    for (on, kind, errtype) in raised {
        if !on {
            continue;
        }
        let message = format!("{errtype} encountered in {what}");
        let mode = modes().get(kind);
        match mode {
            Mode::Ignore => {}
            Mode::Raise => return Err(PyError::new("FloatingPointError", message)),
            Mode::Warn | Mode::Print => CURRENT.with(|c| {
                let mut c = c.borrow_mut();
                if c.show && !(mode == Mode::Warn && c.quiet_runtime) {
                    let text = if mode == Mode::Warn {
                        format!("RuntimeWarning: {message}")
                    } else {
                        format!("Warning: {message}")
                    };
                    c.warnings.push(text);
                }
            }),
            Mode::Call | Mode::Log => CURRENT.with(|c| {
                let mut c = c.borrow_mut();
                if matches!(c.call, None | Some(Value::None)) {
                    // NumPy's own words, the double space included.
                    return Err(PyError::new(
                        "NameError",
                        if mode == Mode::Call {
                            format!(
                                "python callback specified for {errtype} (in  {what}) \
                                 but no function found."
                            )
                        } else {
                            format!(
                                "log specified for {errtype} (in {what}) but no object \
                                 with write method found."
                            )
                        },
                    ));
                }
                c.pending.push(if mode == Mode::Call {
                    Pending::Call { errtype, status }
                } else {
                    Pending::Log(format!("Warning: {message}\n"))
                });
                Ok(())
            })?,
        }
    }
    Ok(())
}

/// The name NumPy's messages give a ufunc called by one of its aliases.
pub fn message_name(name: &str) -> &str {
    match name {
        "mod" => "remainder",
        "true_divide" => "divide",
        "abs" => "absolute",
        "conj" => "conjugate",
        "bitwise_not" => "invert",
        "acos" => "arccos",
        "asin" => "arcsin",
        "atan" => "arctan",
        "acosh" => "arccosh",
        "asinh" => "arcsinh",
        "atanh" => "arctanh",
        "atan2" => "arctan2",
        "pow" => "power",
        other => other,
    }
}

/// Where an elementwise ufunc has a pole, and whether it can underflow.
fn rules(name: &str) -> (Pole, Tiny) {
    let pole = match name {
        "divide" | "true_divide" | "floor_divide" | "divmod" | "remainder" | "mod" | "fmod" => {
            Pole::Divisor
        }
        "power" | "float_power" => Pole::Base,
        "log" | "log2" | "log10" | "log1p" | "arctanh" | "reciprocal" => Pole::Argument,
        _ => Pole::None,
    };
    let tiny = match name {
        "multiply" | "divide" | "true_divide" | "power" | "float_power" | "square" | "exp"
        | "exp2" | "expm1" | "ldexp" => Tiny::Rounds,
        _ => Tiny::Exact,
    };
    (pole, tiny)
}

/// Check an elementwise ufunc's result; `what` is the name NumPy's message
/// uses (`divide`, or `scalar divide` for Python-level scalar operators).
pub fn after_elementwise(
    name: &str,
    what: &str,
    inputs: &[&NdArray],
    out: &NdArray,
) -> PyResult<()> {
    if !wanted() {
        return Ok(());
    }
    let (pole, tiny) = rules(name);
    let flags = fp_flags::elementwise(inputs, out, pole, tiny, underflow_wanted());
    report(flags, what)
}

/// Check a reduction's (`reduce`) or accumulation's result.
pub fn after_reduction(what: &str, input: &NdArray, out: &NdArray) -> PyResult<()> {
    if !wanted() {
        return Ok(());
    }
    report(fp_flags::reduction(input, out), what)
}

/// Check a cast of `src` to `to` (`astype`, assignment across types).
pub fn before_cast(src: &NdArray, to: &DType) -> PyResult<()> {
    if !wanted() {
        return Ok(());
    }
    report(fp_flags::cast(src, to), "cast")
}

/// Check a scalar integer operation NumPy's scalar math checks for
/// overflow (`np.int8(127) + np.int8(1)`): `exact` is the true result,
/// `dt` the result type.
pub fn scalar_int_overflow(what: &str, exact: i128, dt: &DType) -> PyResult<()> {
    if !wanted() {
        return Ok(());
    }
    let Some((lo, hi)) = dt.int_range() else {
        return Ok(());
    };
    if exact < lo || exact > hi {
        return report(
            FpFlags {
                overflow: true,
                ..FpFlags::default()
            },
            what,
        );
    }
    Ok(())
}

/// The ufunc NumPy runs for `x ** p` with a Python scalar exponent: its
/// fast paths use `square`, `sqrt` and `reciprocal` (and their names in
/// messages).
pub fn power_name(exponent: &Value) -> &'static str {
    match exponent {
        Value::Int(2) => "square",
        Value::Int(-1) => "reciprocal",
        Value::Float(f) if *f == 0.5 => "sqrt",
        _ => "power",
    }
}

/// `np.errstate(**kwargs)`: a context manager holding the modes to set
/// while inside (validated on entering, as NumPy does).
pub fn errstate(args: &crate::eval::args::Args) -> PyResult<Value> {
    if !args.pos.is_empty() {
        return Err(PyError::type_error(format!(
            "errstate.__init__() takes 1 positional argument but {} were given",
            args.pos.len() + 1
        )));
    }
    let mut all = None;
    let mut call = None;
    let mut kinds = Vec::new();
    for (k, v) in &args.kw {
        match k.as_str() {
            "all" => all = Some(v.clone()),
            "call" => call = Some(v.clone()),
            _ => match KINDS.iter().find(|&&kind| kind == k) {
                Some(kind) => kinds.push((*kind, v.clone())),
                None => {
                    return Err(PyError::type_error(format!(
                        "errstate.__init__() got an unexpected keyword argument '{k}'"
                    )));
                }
            },
        }
    }
    Ok(super::object::object(super::object::Obj::Context(
        super::object::Context::ErrState { all, call, kinds },
    )))
}

/// `np.seterr(all=None, divide=None, over=None, under=None, invalid=None)`
/// on bound arguments: sets the modes and returns the old ones as a dict.
pub fn seterr(args: &crate::eval::args::Args) -> PyResult<Value> {
    let old = modes();
    let get = |k: &str, pos: usize| args.get(pos, k);
    let kinds: Vec<(&str, Option<&Value>)> = KINDS
        .iter()
        .enumerate()
        .map(|(i, k)| (*k, get(k, i + 1)))
        .collect();
    set_modes(old.with(get("all", 0), &kinds)?);
    Ok(old.to_dict())
}
