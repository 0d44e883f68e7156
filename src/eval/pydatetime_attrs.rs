//! Attributes and methods of Python's `datetime.date`, `datetime.datetime`
//! and `datetime.timedelta` values (`d.year`, `d.weekday()`,
//! `dt.isoformat(sep=' ')`, `d.strftime('%Y-%m-%d')`, `td.total_seconds()`),
//! and CPython's argument parsing (`PyArg_ParseTupleAndKeywords`) with its
//! messages, which the constructors (`stdlib/datetime_mod.rs`) share.

use std::rc::Rc;

use super::args::Args;
use super::error::{PyError, PyResult};
use super::object::PyTime;
use super::pydatetime_format::{DAYS, MONTHS, strftime, time_fields, ymd};
use super::pydatetime_ops::{self as ops, wrap};
use super::value::Value;

/// CPython's `vgetargskeywords`: binds `args` to `names` (the first
/// `required` required, at most `max_pos` positional), with its messages
/// (`fname` `None` for a format without a name: "function").
pub fn parse(
    fname: Option<&str>,
    names: &[&str],
    required: usize,
    max_pos: usize,
    args: &Args,
) -> PyResult<Vec<Option<Value>>> {
    let f = fname.map_or_else(|| "function".to_string(), |n| format!("{n}()"));
    let (nargs, nkw) = (args.pos.len(), args.kw.len());
    let len = names.len();
    if nargs + nkw > len {
        return Err(PyError::type_error(format!(
            "{f} takes at most {len} {}argument{} ({} given)",
            if nargs == 0 { "keyword " } else { "" },
            if len == 1 { "" } else { "s" },
            nargs + nkw
        )));
    }
    if nargs > max_pos {
        return Err(PyError::type_error(format!(
            "{f} takes {} {max_pos} positional argument{} ({nargs} given)",
            if required < max_pos {
                "at most"
            } else {
                "exactly"
            },
            if max_pos == 1 { "" } else { "s" },
        )));
    }
    let mut out = Vec::with_capacity(len);
    for (i, name) in names.iter().enumerate() {
        let v = if i < nargs {
            Some(args.pos[i].clone())
        } else {
            args.kw(name).cloned()
        };
        if v.is_none() && i < required {
            return Err(PyError::type_error(format!(
                "{f} missing required argument '{name}' (pos {})",
                i + 1
            )));
        }
        out.push(v);
    }
    for (k, _) in &args.kw {
        if let Some(i) = names.iter().position(|n| n == k) {
            if i < nargs {
                return Err(PyError::type_error(format!(
                    "argument for {f} given by name ('{k}') and position ({})",
                    i + 1
                )));
            }
        } else {
            return Err(PyError::type_error(format!(
                "'{k}' is an invalid keyword argument for {}",
                fname.map_or_else(|| "this function".to_string(), |n| format!("{n}()"))
            )));
        }
    }
    Ok(out)
}

/// The `i` format: a C int through `__index__`.
pub fn c_int(v: &Value) -> PyResult<i64> {
    let i = super::pyiter::index_int(v).map_err(|e| {
        if e.kind == "OverflowError" {
            PyError::overflow("Python int too large to convert to C long")
        } else {
            e
        }
    })?;
    if i > i32::MAX as i128 {
        if i > i64::MAX as i128 {
            return Err(PyError::overflow(
                "Python int too large to convert to C long",
            ));
        }
        return Err(PyError::overflow("signed integer is greater than maximum"));
    }
    if i < i32::MIN as i128 {
        if i < i64::MIN as i128 {
            return Err(PyError::overflow(
                "Python int too large to convert to C long",
            ));
        }
        return Err(PyError::overflow("signed integer is less than minimum"));
    }
    Ok(i as i64)
}

/// CPython's `check_date_args`.
pub fn check_date(y: i64, m: i64, d: i64) -> PyResult<()> {
    if !(ops::MINYEAR..=ops::MAXYEAR).contains(&y) {
        return Err(PyError::value(format!("year {y} is out of range")));
    }
    if !(1..=12).contains(&m) {
        return Err(PyError::value("month must be in 1..12"));
    }
    if d < 1 || d > ops::days_in_month(y, m) {
        return Err(PyError::value("day is out of range for month"));
    }
    Ok(())
}

/// CPython's `check_time_args` (and the fold check).
pub fn check_time(h: i64, mi: i64, s: i64, us: i64, fold: i64) -> PyResult<()> {
    for (v, name, hi) in [
        (h, "hour", 23),
        (mi, "minute", 59),
        (s, "second", 59),
        (us, "microsecond", 999_999),
    ] {
        if !(0..=hi).contains(&v) {
            return Err(PyError::value(format!("{name} must be in 0..{hi}")));
        }
    }
    if fold != 0 && fold != 1 {
        return Err(PyError::value("fold must be either 0 or 1"));
    }
    Ok(())
}

/// A datetime's fields after binding `vals` (year, month, day, hour,
/// minute, second, microsecond, tzinfo, fold), each defaulting to
/// `base`'s.
pub fn datetime_fields(vals: &[Option<Value>], base: [i64; 7]) -> PyResult<PyTime> {
    let mut f = base;
    for (k, slot) in f.iter_mut().enumerate() {
        if let Some(v) = &vals[k] {
            *slot = c_int(v)?;
        }
    }
    let tz = vals.get(7).cloned().flatten();
    let fold = match vals.get(8).cloned().flatten() {
        Some(v) => c_int(&v)?,
        None => 0,
    };
    if let Some(tz) = &tz
        && !matches!(tz, Value::None)
    {
        return Err(PyError::type_error(format!(
            "tzinfo argument must be None or of a tzinfo subclass, not type '{}'",
            tz.type_name()
        )));
    }
    check_date(f[0], f[1], f[2])?;
    check_time(f[3], f[4], f[5], f[6], fold)?;
    if fold == 1 {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement datetime's fold=1 yet",
        ));
    }
    Ok(PyTime::DateTime(f))
}

/// Names CPython's classes have that slicelab refuses.
const REFUSED: &[&str] = &[
    "isocalendar",
    "timetuple",
    "utctimetuple",
    "time",
    "timetz",
    "timestamp",
    "astimezone",
    "fromtimestamp",
    "utcfromtimestamp",
    "fromisocalendar",
    "strptime",
    "combine",
];

/// `datetime.datetime(...)`'s parameters in order, which `replace` takes
/// too (all optional there).
pub const DATETIME_PARAMS: &[&str] = &[
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "microsecond",
    "tzinfo",
    "fold",
];

const DATE_METHODS: &[&str] = &[
    "weekday",
    "isoweekday",
    "isoformat",
    "toordinal",
    "replace",
    "strftime",
    "ctime",
    "__format__",
];
const DATETIME_METHODS: &[&str] = &["date", "utcoffset", "dst", "tzname"];
/// Class methods, read from an instance too.
pub const DATE_CLASS_METHODS: &[&str] = &["today", "fromisoformat", "fromordinal"];

fn method(obj: &Value, name: &str) -> Value {
    Value::Method(Rc::new(obj.clone()), Rc::from(name))
}

/// `x.name` for a datetime value.
pub fn attr(t: &PyTime, obj: &Value, name: &str) -> PyResult<Value> {
    let class = t.type_path();
    if let Some(v) = class_constant(class, name) {
        return Ok(v);
    }
    match (t, name) {
        (PyTime::Date(y, ..), "year") => return Ok(Value::Int(*y as i128)),
        (PyTime::Date(_, m, _), "month") => return Ok(Value::Int(*m as i128)),
        (PyTime::Date(_, _, d), "day") => return Ok(Value::Int(*d as i128)),
        (PyTime::DateTime(f), _) if let Some(k) = FIELDS.iter().position(|n| *n == name) => {
            return Ok(Value::Int(f[k] as i128));
        }
        (PyTime::DateTime(_), "fold") => return Ok(Value::Int(0)),
        (PyTime::DateTime(_), "tzinfo") => return Ok(Value::None),
        (PyTime::Delta(d, ..), "days") => return Ok(Value::Int(*d as i128)),
        (PyTime::Delta(_, s, _), "seconds") => return Ok(Value::Int(*s as i128)),
        (PyTime::Delta(_, _, us), "microseconds") => return Ok(Value::Int(*us as i128)),
        (PyTime::Delta(..), "total_seconds") => return Ok(method(obj, name)),
        (PyTime::Date(..) | PyTime::DateTime(_), m)
            if DATE_METHODS.contains(&m)
                || (class == "datetime.datetime" && DATETIME_METHODS.contains(&m)) =>
        {
            return Ok(method(obj, name));
        }
        (PyTime::Date(..) | PyTime::DateTime(_), m) if DATE_CLASS_METHODS.contains(&m) => {
            return Ok(Value::func(&format!("{class}.{m}")));
        }
        (PyTime::DateTime(_), "now" | "utcnow") => {
            return Ok(Value::func(&format!("{class}.{name}")));
        }
        _ => {}
    }
    if !matches!(t, PyTime::Delta(..)) && REFUSED.contains(&name) {
        return Err(refused(class, name));
    }
    Err(PyError::attribute(class, name))
}

/// `x.name = v`: CPython's classes have no settable attribute (their
/// fields are getters of the class that defines them; a timedelta's are
/// read-only members).
pub fn setattr_error(t: &PyTime, obj: &Value, name: &str) -> PyError {
    let class = t.type_path();
    let message = match attr(t, obj, name) {
        Err(_) => format!("'{class}' object has no attribute '{name}'"),
        Ok(_)
            if matches!(t, PyTime::Delta(..))
                && matches!(name, "days" | "seconds" | "microseconds") =>
        {
            "readonly attribute".to_string()
        }
        Ok(Value::Method(..) | Value::Function(_)) => {
            format!("'{class}' object attribute '{name}' is read-only")
        }
        Ok(_) => {
            let owner = if matches!(name, "year" | "month" | "day") {
                "datetime.date"
            } else {
                class
            };
            format!("attribute '{name}' of '{owner}' objects is not writable")
        }
    };
    PyError::new("AttributeError", message)
}

/// The refusal of a name CPython's class has and slicelab lacks.
pub fn refused(class: &str, name: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("slicelab does not implement {class}.{name} yet"),
    )
}

/// A datetime's fields: its parameters up to `microsecond`.
const FIELDS: &[&str] = DATETIME_PARAMS.split_at(7).0;

/// `min`, `max`, `resolution` of a class.
pub fn class_constant(class: &str, name: &str) -> Option<Value> {
    Some(wrap(match (class, name) {
        ("datetime.date", "min") => PyTime::Date(1, 1, 1),
        ("datetime.date", "max") => PyTime::Date(9999, 12, 31),
        ("datetime.date", "resolution") => PyTime::Delta(1, 0, 0),
        ("datetime.datetime", "min") => PyTime::DateTime([1, 1, 1, 0, 0, 0, 0]),
        ("datetime.datetime", "max") => PyTime::DateTime([9999, 12, 31, 23, 59, 59, 999_999]),
        ("datetime.datetime" | "datetime.timedelta", "resolution") => PyTime::Delta(0, 0, 1),
        ("datetime.timedelta", "min") => PyTime::Delta(-ops::MAX_DELTA_DAYS, 0, 0),
        ("datetime.timedelta", "max") => PyTime::Delta(ops::MAX_DELTA_DAYS, 86_399, 999_999),
        _ => return None,
    }))
}

fn no_args(t: &PyTime, name: &str, args: &Args) -> PyResult<()> {
    let n = args.pos.len() + args.kw.len();
    if !args.kw.is_empty() && args.pos.is_empty() {
        return Err(PyError::type_error(format!(
            "{}.{name}() takes no keyword arguments",
            short(t)
        )));
    }
    if n > 0 {
        return Err(PyError::type_error(format!(
            "{}.{name}() takes no arguments ({n} given)",
            short(t)
        )));
    }
    Ok(())
}

/// The class that defines the method, as CPython names it in messages.
fn short(t: &PyTime) -> &'static str {
    match t {
        PyTime::Delta(..) => "timedelta",
        _ => "date",
    }
}

/// `x.name(*args)` for a datetime value; `None` if it has no such method.
pub fn call_method(t: &PyTime, name: &str, args: &Args) -> PyResult<Option<Value>> {
    let (y, m, d) = ymd(t);
    let ord = ops::ymd_to_ord(y, m, d);
    Ok(Some(match (t, name) {
        (PyTime::Delta(d, s, us), "total_seconds") => {
            no_args(t, name, args)?;
            Value::Float(ops::delta_us(*d, *s, *us) as f64 / 1e6)
        }
        (PyTime::Delta(..), _) => return Ok(None),
        (_, "weekday") => {
            no_args(t, name, args)?;
            Value::Int(((ord + 6) % 7) as i128)
        }
        (_, "isoweekday") => {
            no_args(t, name, args)?;
            Value::Int(((ord + 6) % 7 + 1) as i128)
        }
        (_, "toordinal") => {
            no_args(t, name, args)?;
            Value::Int(ord as i128)
        }
        (_, "ctime") => {
            no_args(t, name, args)?;
            let [h, mi, s, _] = time_fields(t);
            Value::str(&format!(
                "{} {} {d:2} {h:02}:{mi:02}:{s:02} {y:04}",
                &DAYS[((ord + 6) % 7) as usize][..3],
                &MONTHS[(m - 1) as usize][..3],
            ))
        }
        (PyTime::Date(..), "isoformat") => {
            if !args.pos.is_empty() || !args.kw.is_empty() {
                no_args(t, name, args)?;
            }
            Value::str(&t.str())
        }
        (PyTime::DateTime(f), "isoformat") => {
            let vals = parse(Some("isoformat"), &["sep", "timespec"], 0, 2, args)?;
            let sep = match &vals[0] {
                None => 'T',
                Some(Value::Str(s)) if s.chars().count() == 1 => s.chars().next().unwrap_or('T'),
                Some(other) => {
                    return Err(PyError::type_error(format!(
                        "isoformat() argument 1 must be a unicode character, not {}",
                        other.type_name()
                    )));
                }
            };
            let spec = match &vals[1] {
                None => "auto".to_string(),
                Some(Value::Str(s)) => s.to_string(),
                Some(other) => {
                    return Err(PyError::type_error(format!(
                        "isoformat() argument 2 must be str, not {}",
                        other.type_name()
                    )));
                }
            };
            let time = match spec.as_str() {
                "auto" if f[6] != 0 => format!("{:02}:{:02}:{:02}.{:06}", f[3], f[4], f[5], f[6]),
                "auto" | "seconds" => format!("{:02}:{:02}:{:02}", f[3], f[4], f[5]),
                "hours" => format!("{:02}", f[3]),
                "minutes" => format!("{:02}:{:02}", f[3], f[4]),
                "milliseconds" => {
                    format!("{:02}:{:02}:{:02}.{:03}", f[3], f[4], f[5], f[6] / 1000)
                }
                "microseconds" => format!("{:02}:{:02}:{:02}.{:06}", f[3], f[4], f[5], f[6]),
                _ => return Err(PyError::value("Unknown timespec value")),
            };
            Value::str(&format!("{y:04}-{m:02}-{d:02}{sep}{time}"))
        }
        (PyTime::Date(..), "replace") => {
            let vals = parse(Some("replace"), &["year", "month", "day"], 0, 3, args)?;
            let mut out = [y, m, d];
            for (k, v) in vals.iter().enumerate() {
                if let Some(v) = v {
                    out[k] = c_int(v)?;
                }
            }
            check_date(out[0], out[1], out[2])?;
            wrap(PyTime::Date(out[0], out[1] as i32, out[2] as i32))
        }
        (PyTime::DateTime(f), "replace") => {
            let vals = parse(Some("replace"), DATETIME_PARAMS, 0, 8, args)?;
            wrap(datetime_fields(&vals, *f)?)
        }
        // `format(d, '')` is `str(d)`; any other spec is a strftime format.
        (_, method @ ("strftime" | "__format__")) => {
            let param = if method == "strftime" {
                "format"
            } else {
                "format_spec"
            };
            let vals = parse(Some(method), &[param], 1, 1, args)?;
            match &vals[0] {
                Some(Value::Str(s)) if s.is_empty() && method == "__format__" => {
                    Value::str(&t.str())
                }
                Some(Value::Str(s)) => Value::str(&strftime(t, s)?),
                Some(other) => {
                    return Err(PyError::type_error(format!(
                        "{method}() argument 1 must be str, not {}",
                        other.type_name()
                    )));
                }
                None => unreachable!("required"),
            }
        }
        (PyTime::DateTime(_), "date") => {
            no_args(t, name, args)?;
            wrap(PyTime::Date(y, m as i32, d as i32))
        }
        (PyTime::DateTime(_), "utcoffset" | "dst" | "tzname") => {
            if !args.pos.is_empty() || !args.kw.is_empty() {
                return Err(PyError::type_error(format!(
                    "datetime.{name}() takes no arguments ({} given)",
                    args.pos.len() + args.kw.len()
                )));
            }
            Value::None
        }
        _ => return Ok(None),
    }))
}
