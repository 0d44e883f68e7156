//! Python's `datetime.date`, `datetime.datetime` and `datetime.timedelta`
//! values, as `.item()` and `.tolist()` of datetime64/timedelta64 make
//! them (NumPy's `convert_datetime_to_pyobject` and
//! `convert_timedelta_to_pyobject` in `numpy/_core/src/multiarray/datetime.c`):
//! NaT is `None`; units finer than microseconds, generic timedeltas,
//! year/month timedeltas, years outside 1..=9999, leap seconds and
//! timedeltas beyond 999999999 days stay Python ints. Their reprs and
//! `str` follow CPython's `datetime.py`.

use super::object::PyTime;
use crate::engine::datetime::{self as dtm, Base, NAT, TimeUnit};
use crate::engine::{DType, Scalar};

use super::error::{PyError, PyResult};
use super::object::{Obj, object};
use super::value::Value;

impl PyTime {
    /// The class, as `type()` and messages name it.
    pub fn type_path(&self) -> &'static str {
        match self {
            PyTime::Date(..) => "datetime.date",
            PyTime::DateTime(_) => "datetime.datetime",
            PyTime::Delta(..) => "datetime.timedelta",
        }
    }

    /// `repr(x)`.
    pub fn repr(&self) -> String {
        match self {
            PyTime::Date(y, m, d) => format!("datetime.date({y}, {m}, {d})"),
            PyTime::DateTime(f) => {
                let mut n = 7;
                for _ in 0..2 {
                    if f[n - 1] == 0 {
                        n -= 1;
                    }
                }
                let parts: Vec<String> = f[..n].iter().map(|x| x.to_string()).collect();
                format!("datetime.datetime({})", parts.join(", "))
            }
            PyTime::Delta(d, s, us) => {
                let mut args = Vec::new();
                if *d != 0 {
                    args.push(format!("days={d}"));
                }
                if *s != 0 {
                    args.push(format!("seconds={s}"));
                }
                if *us != 0 {
                    args.push(format!("microseconds={us}"));
                }
                if args.is_empty() {
                    args.push("0".into());
                }
                format!("datetime.timedelta({})", args.join(", "))
            }
        }
    }

    /// `str(x)`.
    pub fn str(&self) -> String {
        match self {
            PyTime::Date(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
            PyTime::DateTime(f) => {
                let mut s = format!(
                    "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
                    f[0], f[1], f[2], f[3], f[4], f[5]
                );
                if f[6] != 0 {
                    s += &format!(".{:06}", f[6]);
                }
                s
            }
            PyTime::Delta(d, secs, us) => {
                let (hh, mm, ss) = (secs / 3600, secs / 60 % 60, secs % 60);
                let mut s = format!("{hh}:{mm:02}:{ss:02}");
                if *d != 0 {
                    let plural = if d.abs() != 1 { "s" } else { "" };
                    s = format!("{d} day{plural}, {s}");
                }
                if *us != 0 {
                    s += &format!(".{us:06}");
                }
                s
            }
        }
    }
}

fn err((kind, msg): (&'static str, String)) -> PyError {
    PyError::new(kind, msg)
}

/// The Python object NumPy's `item()` makes of one datetime element.
pub fn to_python(dt: &DType, s: &Scalar) -> PyResult<Value> {
    let DType::Time(u, delta) = dt.native() else {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab: not a datetime64/timedelta64 element",
        ));
    };
    let v = if let Scalar::Int(i) = s { *i } else { NAT };
    Ok(if delta {
        timedelta(u, v)
    } else {
        datetime(u, v)?
    })
}

fn datetime(u: TimeUnit, v: i64) -> PyResult<Value> {
    if v == NAT || u.is_generic() {
        return Ok(Value::None);
    }
    if u.base > Base::Us {
        return Ok(Value::Int(v as i128));
    }
    let Some(t) = dtm::to_struct(u, v).map_err(err)? else {
        return Ok(Value::None);
    };
    if t.year < 1 || t.year > 9999 || t.sec == 60 {
        return Ok(Value::Int(v as i128));
    }
    Ok(object(Obj::PyTime(if u.base > Base::D {
        PyTime::DateTime([
            t.year,
            i64::from(t.month),
            i64::from(t.day),
            i64::from(t.hour),
            i64::from(t.min),
            i64::from(t.sec),
            i64::from(t.us),
        ])
    } else {
        PyTime::Date(t.year, t.month, t.day)
    })))
}

fn timedelta(u: TimeUnit, v: i64) -> Value {
    if v == NAT {
        return Value::None;
    }
    if u.base > Base::Us || matches!(u.base, Base::Y | Base::M | Base::Generic) {
        return Value::Int(v as i128);
    }
    // `convert_timedelta_to_timedeltastruct`: the multiplier wraps as C's
    // int64 does; days and seconds taken by floor division.
    let td = v.wrapping_mul(u.num as i64);
    let per_day: i64 = match u.base {
        Base::W | Base::D => 1,
        Base::H => 24,
        Base::Min => 24 * 60,
        Base::S => 86_400,
        Base::Ms => 86_400_000,
        _ => 86_400_000_000,
    };
    let (days, rest) = if u.base == Base::W {
        (td.wrapping_mul(7), 0)
    } else {
        (td.div_euclid(per_day), td.rem_euclid(per_day))
    };
    let (secs, us) = match u.base {
        Base::H => (rest * 3600, 0),
        Base::Min => (rest * 60, 0),
        Base::S => (rest, 0),
        Base::Ms => (rest / 1000, rest % 1000 * 1000),
        Base::Us => (rest / 1_000_000, rest % 1_000_000),
        _ => (0, 0),
    };
    if !(-999_999_999..=999_999_999).contains(&days) {
        return Value::Int(v as i128);
    }
    object(Obj::PyTime(PyTime::Delta(days, secs, us)))
}

/// `a.item()` / `a.tolist()` of a datetime array or scalar (no arguments).
pub fn item_or_list(
    a: &crate::engine::ArrayRef,
    name: &str,
    args: &crate::eval::args::Args,
) -> PyResult<Value> {
    if !args.pos.is_empty() || !args.kw.is_empty() {
        return Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab does not implement .{name}() with arguments for datetime64/timedelta64 values yet"
            ),
        ));
    }
    let dt = a.dtype().native();
    let vals = a.to_scalars();
    if name == "item" || a.ndim() == 0 {
        if vals.len() != 1 {
            return Err(PyError::value(
                "can only convert an array of size 1 to a Python scalar",
            ));
        }
        return to_python(&dt, &vals[0]);
    }
    if vals.is_empty() && a.ndim() > 1 {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement .tolist() of an empty n-d datetime array yet",
        ));
    }
    let mut items = Vec::with_capacity(vals.len());
    for (k, s) in vals.iter().enumerate() {
        if k.is_multiple_of(4096) {
            crate::engine::interrupt::check()?;
        }
        items.push(to_python(&dt, s)?);
    }
    // Nest from the last axis out.
    let shape = a.shape();
    for &n in shape[1..].iter().rev() {
        items = items
            .chunks(n.max(1))
            .map(|c| Value::list(c.to_vec()))
            .collect();
        if n == 0 {
            break;
        }
    }
    Ok(Value::list(items))
}
