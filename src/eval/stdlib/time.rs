//! Python's `time` module: the clocks tutorials time NumPy code with, and
//! `sleep`, which Ctrl-C interrupts. The values are this machine's clocks,
//! so they can never match another run; what matters is that the lines
//! around them run, with CPython's argument errors.

use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::eval::args::Args;
use crate::eval::error::{PyError, PyResult};
use crate::eval::value::Value;

/// The functions that take no argument.
const CLOCKS: &[&str] = &[
    "time",
    "time_ns",
    "perf_counter",
    "perf_counter_ns",
    "monotonic",
    "monotonic_ns",
    "process_time",
    "process_time_ns",
];

/// `time.NAME`.
pub fn attr(name: &str) -> Option<Value> {
    (CLOCKS.contains(&name) || name == "sleep").then(|| Value::func(&format!("time.{name}")))
}

/// Calls `time.NAME(...)`.
pub fn call(full: &str, args: Args) -> PyResult<Result<Value, Args>> {
    let name = &full["time.".len()..];
    if !CLOCKS.contains(&name) && name != "sleep" {
        return Ok(Err(args));
    }
    if !args.kw.is_empty() {
        return Err(PyError::type_error(format!(
            "{full}() takes no keyword arguments"
        )));
    }
    if name == "sleep" {
        if args.pos.len() != 1 {
            return Err(PyError::type_error(format!(
                "time.sleep() takes exactly one argument ({} given)",
                args.pos.len()
            )));
        }
        return sleep(&args.pos[0]).map(Ok);
    }
    if !args.pos.is_empty() {
        return Err(PyError::type_error(format!(
            "{full}() takes no arguments ({} given)",
            args.pos.len()
        )));
    }
    let (secs, nanos) = match name.trim_end_matches("_ns") {
        "time" => {
            let d = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default();
            (d.as_secs_f64(), d.as_nanos())
        }
        "process_time" => {
            let ns = process_nanos();
            (ns as f64 * 1e-9, ns)
        }
        _ => {
            let d = since_start();
            (d.as_secs_f64(), d.as_nanos())
        }
    };
    Ok(Ok(if name.ends_with("_ns") {
        Value::Int(nanos as i128)
    } else {
        Value::Float(secs)
    }))
}

/// A monotonic clock: time since the first reading in this process.
fn since_start() -> Duration {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// CPU time of this process in nanoseconds, from Linux's
/// `/proc/self/schedstat` (its first field); where that cannot be read,
/// the monotonic clock stands in.
fn process_nanos() -> u128 {
    std::fs::read_to_string("/proc/self/schedstat")
        .ok()
        .and_then(|t| t.split_whitespace().next()?.parse::<u128>().ok())
        .unwrap_or_else(|| since_start().as_nanos())
}

/// `time.sleep(secs)`: in short naps, so Ctrl-C ends it as
/// `KeyboardInterrupt`.
fn sleep(v: &Value) -> PyResult<Value> {
    let (secs, is_float) = match v {
        Value::Float(f) => (*f, true),
        Value::NpScalar(_, s @ crate::engine::Scalar::Float(_)) => {
            (crate::engine::element::scalar_as_f64(s), true)
        }
        other => (crate::eval::pyiter::index_int(other)? as f64, false),
    };
    if secs.is_nan() {
        return Err(PyError::value("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(PyError::value("sleep length must be non-negative"));
    }
    if secs >= 9.2e9 {
        return Err(PyError::new(
            "OverflowError",
            if is_float {
                "timestamp out of range for platform time_t"
            } else {
                "timestamp too large to convert to C _PyTime_t"
            },
        ));
    }
    let end = Instant::now() + Duration::from_secs_f64(secs);
    loop {
        crate::engine::interrupt::check()?;
        let now = Instant::now();
        if now >= end {
            return Ok(Value::None);
        }
        std::thread::sleep((end - now).min(Duration::from_millis(20)));
    }
}
