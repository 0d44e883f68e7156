//! Python's `datetime` module: the classes `date`, `datetime` and
//! `timedelta` (`Obj::PyTime` values; their methods are
//! `pydatetime_attrs.rs`, their arithmetic `pydatetime_ops.rs`), their
//! constructors with CPython's argument binding and messages, and the
//! class methods `today`, `now`, `fromisoformat`, `fromordinal`. Time
//! zones (`time`, `timezone`, `tzinfo`) are refused.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::eval::args::Args;
use crate::eval::error::{PyError, PyResult};
use crate::eval::object::PyTime;
use crate::eval::pydatetime_attrs::{self as attrs, c_int, check_date, parse};
use crate::eval::pydatetime_ops::{self as ops, wrap};
use crate::eval::value::{TypeObj, Value};

pub const DATE: &str = "datetime.date";
pub const DATETIME: &str = "datetime.datetime";
pub const TIMEDELTA: &str = "datetime.timedelta";

/// Whether `path` is one of the three classes.
pub fn is_class(path: &str) -> bool {
    matches!(path, DATE | DATETIME | TIMEDELTA)
}

/// `datetime.NAME`.
pub fn attr(name: &str) -> Option<Value> {
    Some(match name {
        "date" => Value::Type(TypeObj::Builtin(DATE)),
        "datetime" => Value::Type(TypeObj::Builtin(DATETIME)),
        "timedelta" => Value::Type(TypeObj::Builtin(TIMEDELTA)),
        "MINYEAR" => Value::Int(ops::MINYEAR as i128),
        "MAXYEAR" => Value::Int(ops::MAXYEAR as i128),
        _ => return None,
    })
}

/// The module's names slicelab refuses (CPython's `dir(datetime)`).
pub fn refused(name: &str) -> Option<PyError> {
    matches!(
        name,
        "time" | "timezone" | "tzinfo" | "UTC" | "datetime_CAPI" | "sys"
    )
    .then(|| {
        PyError::new(
            "NotImplementedError",
            format!(
                "slicelab does not implement datetime.{name} yet (time zones and times of day)"
            ),
        )
    })
}

/// `CLASS.NAME` for one of the three classes (`date.today`, `date.max`).
pub fn class_attr(class: &str, name: &str) -> Option<PyResult<Value>> {
    if !is_class(class) {
        return None;
    }
    if let Some(v) = attrs::class_constant(class, name) {
        return Some(Ok(v));
    }
    let is_date = class != TIMEDELTA;
    if (is_date && attrs::DATE_CLASS_METHODS.contains(&name))
        || (class == DATETIME && matches!(name, "now" | "utcnow"))
    {
        return Some(Ok(Value::func(&format!("{class}.{name}"))));
    }
    Some(Err(match name {
        "__name__" | "__qualname__" | "__module__" => return None,
        _ if name.starts_with("__") => return None,
        _ => {
            // A method read from the class (`date.weekday`) exists in
            // CPython; slicelab has only the bound form.
            let probe = match class {
                DATE => PyTime::Date(1, 1, 1),
                DATETIME => PyTime::DateTime([1, 1, 1, 0, 0, 0, 0]),
                _ => PyTime::Delta(0, 0, 0),
            };
            match attrs::attr(&probe, &wrap(probe.clone()), name) {
                Ok(_) => attrs::refused(class, name),
                Err(e) if e.kind == "NotImplementedError" => e,
                Err(_) => PyError::new(
                    "AttributeError",
                    format!("type object '{class}' has no attribute '{name}'"),
                ),
            }
        }
    }))
}

/// Calls `datetime.CLASS(...)`.
pub fn construct(class: &str, args: &Args) -> PyResult<Value> {
    match class {
        DATE => {
            let vals = parse(None, &["year", "month", "day"], 3, 3, args)?;
            let mut f = [0i64; 3];
            for (k, v) in vals.iter().enumerate() {
                f[k] = c_int(v.as_ref().unwrap_or(&Value::Int(0)))?;
            }
            check_date(f[0], f[1], f[2])?;
            Ok(wrap(PyTime::Date(f[0], f[1] as i32, f[2] as i32)))
        }
        DATETIME => {
            let vals = parse(None, attrs::DATETIME_PARAMS, 3, 8, args)?;
            Ok(wrap(attrs::datetime_fields(&vals, [0, 0, 0, 0, 0, 0, 0])?))
        }
        _ => timedelta(args),
    }
}

/// `timedelta(days, seconds, microseconds, milliseconds, minutes, hours,
/// weeks)`: CPython's `delta_new`, which sums whole microseconds exactly
/// and the fractions of float arguments apart, rounding those once, half
/// to even.
fn timedelta(args: &Args) -> PyResult<Value> {
    const NAMES: [&str; 7] = [
        "days",
        "seconds",
        "microseconds",
        "milliseconds",
        "minutes",
        "hours",
        "weeks",
    ];
    let vals = parse(Some("__new__"), &NAMES, 0, 7, args)?;
    // Accumulated in CPython's order, with each unit's factor.
    const ORDER: [(usize, i128); 7] = [
        (2, 1),
        (3, 1_000),
        (1, 1_000_000),
        (4, 60_000_000),
        (5, 3_600_000_000),
        (0, 86_400_000_000),
        (6, 604_800_000_000),
    ];
    let mut x: i128 = 0;
    let mut leftover = 0.0f64;
    let mut any = false;
    for (k, factor) in ORDER {
        let Some(v) = &vals[k] else { continue };
        any = true;
        let f = match v {
            Value::Int(i) => {
                x = i
                    .checked_mul(factor)
                    .and_then(|p| x.checked_add(p))
                    .ok_or_else(too_large)?;
                continue;
            }
            Value::Bool(b) => {
                x += *b as i128 * factor;
                continue;
            }
            Value::BigInt(_) => return Err(too_large()),
            Value::Float(f) => *f,
            Value::NpScalar(crate::engine::DType::Float64, crate::engine::Scalar::Float(f)) => *f,
            other => {
                return Err(PyError::type_error(format!(
                    "unsupported type for timedelta {} component: {}",
                    NAMES[k],
                    other.type_name()
                )));
            }
        };
        crate::eval::bigint_math::check_int_convertible(f)?;
        let int_part = f.trunc();
        let frac = f - int_part;
        if int_part.abs() >= 1e36 {
            return Err(too_large());
        }
        x = (int_part as i128)
            .checked_mul(factor)
            .and_then(|p| x.checked_add(p))
            .ok_or_else(too_large)?;
        if frac == 0.0 {
            continue;
        }
        let scaled = factor as f64 * frac;
        let whole = scaled.trunc();
        x += whole as i128;
        leftover += scaled - whole;
    }
    let _ = any;
    if leftover != 0.0 {
        let mut whole = leftover.round();
        if (whole - leftover).abs() == 0.5 {
            let odd = (x & 1) as f64;
            whole = 2.0 * ((leftover + odd) * 0.5).round() - odd;
        }
        x += whole as i128;
    }
    ops::delta_value(x)
}

fn too_large() -> PyError {
    PyError::overflow("Python int too large to convert to C int")
}

/// Calls `datetime.CLASS.METHOD(...)` (`name` is the full path).
pub fn call(name: &str, args: Args) -> PyResult<Result<Value, Args>> {
    let Some((class, method)) = name.rsplit_once('.') else {
        return Ok(Err(args));
    };
    if !is_class(class) {
        return Ok(Err(args));
    }
    let is_dt = class == DATETIME;
    Ok(Ok(match method {
        "today" | "now" | "utcnow" => {
            if method == "now" {
                let vals = parse(Some("now"), &["tz"], 0, 1, &args)?;
                if let Some(tz) = &vals[0]
                    && !matches!(tz, Value::None)
                {
                    return Err(PyError::new(
                        "NotImplementedError",
                        "slicelab does not implement time zones (tz=) yet",
                    ));
                }
            } else if !args.pos.is_empty() || !args.kw.is_empty() {
                return Err(PyError::type_error(format!(
                    "{}.{method}() takes no arguments ({} given)",
                    &class["datetime.".len()..],
                    args.pos.len() + args.kw.len()
                )));
            }
            if method != "utcnow" {
                local_is_utc()?;
            }
            let since = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default();
            let us =
                since.as_micros() as i128 + (ops::ymd_to_ord(1970, 1, 1) as i128) * ops::US_PER_DAY;
            let v = ops::datetime_value(us)?;
            match (is_dt, ops::of(&v)) {
                (false, Some(PyTime::DateTime(f))) => {
                    wrap(PyTime::Date(f[0], f[1] as i32, f[2] as i32))
                }
                _ => v,
            }
        }
        "fromordinal" => {
            let vals = parse(Some("fromordinal"), &["ordinal"], 1, 1, &args)?;
            let n = c_int(vals[0].as_ref().unwrap_or(&Value::Int(0)))?;
            if n < 1 {
                return Err(PyError::value("ordinal must be >= 1"));
            }
            if n > ops::MAX_ORDINAL {
                return Err(PyError::value(format!(
                    "year {} is out of range",
                    ops::ord_to_ymd(n).0
                )));
            }
            let (y, m, d) = ops::ord_to_ymd(n);
            if is_dt {
                wrap(PyTime::DateTime([y, m, d, 0, 0, 0, 0]))
            } else {
                wrap(PyTime::Date(y, m as i32, d as i32))
            }
        }
        "fromisoformat" => {
            if args.pos.len() + args.kw.len() != 1 || !args.kw.is_empty() {
                return Err(PyError::type_error(format!(
                    "{}.fromisoformat() takes exactly one argument ({} given)",
                    &class["datetime.".len()..],
                    args.pos.len() + args.kw.len()
                )));
            }
            let Value::Str(s) = &args.pos[0] else {
                return Err(PyError::type_error("fromisoformat: argument must be str"));
            };
            from_iso(s, is_dt)?
        }
        _ => return Ok(Err(args)),
    }))
}

/// The clocks read UTC; a machine whose local zone is another is refused
/// rather than answered in the wrong zone.
fn local_is_utc() -> PyResult<()> {
    let utc = |z: &str| {
        let z = z.trim_start_matches(':');
        let z = z.rsplit('/').next().unwrap_or(z);
        matches!(
            z,
            "UTC" | "UCT" | "GMT" | "Zulu" | "Universal" | "UTC0" | "GMT0"
        )
    };
    let ok = match std::env::var("TZ") {
        Ok(tz) if !tz.is_empty() => utc(&tz),
        _ => match std::fs::read_link("/etc/localtime") {
            Ok(p) => utc(&p.to_string_lossy()),
            Err(_) => !std::path::Path::new("/etc/localtime").exists(),
        },
    };
    if ok {
        Ok(())
    } else {
        Err(PyError::new(
            "NotImplementedError",
            "slicelab reads the clock in UTC only, and this machine's local time zone is another",
        ))
    }
}

fn digits(s: &str) -> Option<i64> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `YYYY-MM-DD` or `YYYYMMDD`; the ISO week forms are refused.
fn iso_date(s: &str) -> PyResult<Option<(i64, i64, i64)>> {
    if s.contains('W') {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement ISO week dates in fromisoformat yet",
        ));
    }
    let parts = match s.len() {
        10 if s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' => {
            (s.get(0..4), s.get(5..7), s.get(8..10))
        }
        8 => (s.get(0..4), s.get(4..6), s.get(6..8)),
        _ => return Ok(None),
    };
    let (Some(y), Some(m), Some(d)) = parts else {
        return Ok(None);
    };
    Ok(match (digits(y), digits(m), digits(d)) {
        (Some(y), Some(m), Some(d)) => Some((y, m, d)),
        _ => None,
    })
}

fn from_iso(s: &str, is_dt: bool) -> PyResult<Value> {
    let invalid = || {
        PyError::value(format!(
            "Invalid isoformat string: {}",
            crate::eval::display::repr(&Value::str(s), &Default::default())
        ))
    };
    if !s.is_ascii() {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement fromisoformat of non-ASCII text yet",
        ));
    }
    if !is_dt {
        let (y, m, d) = iso_date(s)?.ok_or_else(invalid)?;
        check_date(y, m, d)?;
        return Ok(wrap(PyTime::Date(y, m as i32, d as i32)));
    }
    let date_len = if s.len() >= 5 && s.as_bytes()[4] == b'-' {
        10
    } else {
        8
    };
    let (date, rest) = if s.len() > date_len {
        (&s[..date_len], &s[date_len + 1..])
    } else {
        (s, "")
    };
    let (y, m, d) = iso_date(date)?.ok_or_else(invalid)?;
    if s.len() == date_len + 1 {
        return Err(invalid());
    }
    if rest.contains(['+', '-', 'Z', 'z']) {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement time zones in fromisoformat yet",
        ));
    }
    let (clock, frac) = match rest.find(['.', ',']) {
        Some(k) => (&rest[..k], Some(&rest[k + 1..])),
        None => (rest, None),
    };
    let fields: Vec<&str> = if clock.contains(':') {
        clock.split(':').collect()
    } else {
        (0..clock.len())
            .step_by(2)
            .map(|k| clock.get(k..k + 2).unwrap_or("x"))
            .collect()
    };
    let mut f = [y, m, d, 0, 0, 0, 0];
    if !rest.is_empty() {
        if fields.len() > 3 || (frac.is_some() && fields.len() != 3) {
            return Err(invalid());
        }
        for (k, part) in fields.iter().enumerate() {
            if part.len() != 2 {
                return Err(invalid());
            }
            f[3 + k] = digits(part).ok_or_else(invalid)?;
        }
        if let Some(frac) = frac {
            let ds: String = frac.chars().take(6).collect();
            if ds.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid());
            }
            f[6] = digits(&ds).ok_or_else(invalid)? * 10i64.pow(6 - ds.len() as u32);
        }
    }
    check_date(f[0], f[1], f[2])?;
    attrs::check_time(f[3], f[4], f[5], f[6], 0)?;
    Ok(wrap(PyTime::DateTime(f)))
}
