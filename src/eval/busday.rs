//! `np.busday_offset`, `np.busday_count`, `np.is_busday` and
//! `np.busdaycalendar`: the Python side of NumPy's
//! `numpy/_core/src/multiarray/datetime_busday.c` (argument conversion in
//! NumPy's order, its messages, broadcasting, `out=`) over the calendar
//! arithmetic in `engine::busday`.
//!
//! The C parser sees every argument given, defaults included (an explicit
//! `holidays=None` is an error in NumPy), so this module binds its calls
//! itself rather than through `registry::prepare`, which drops arguments
//! equal to their defaults. Inputs it has not checked against NumPy
//! (float offsets, dates finer than days in `is_busday`, timedeltas) are
//! refused with NotImplementedError.

use crate::engine::busday::{self as bd, Calendar, Roll};
use crate::engine::datetime::{self as dtm, Base, NAT, TimeUnit};
use crate::engine::index::{self, IndexItem};
use crate::engine::{ArrayRef, DType, NdArray, Scalar};

use super::error::{PyError, PyResult};
use super::object::{Obj, object};
use super::registry::{Entry, Writes, func};
use super::signature::{self, Style};
use super::value::Value;
use crate::eval::args::Args;

/// This module's registry entries (`registry::tables`).
pub const ENTRIES: &[Entry] = &[
    func(
        "busday_offset(dates, offsets, roll='raise', weekmask='1111100', holidays=None, busdaycal=None, out=None)",
        Style::Python,
        "dates offsets roll weekmask holidays busdaycal out",
        Writes::Out,
    ),
    func(
        "busday_count(begindates, enddates, weekmask='1111100', holidays=(), busdaycal=None, out=None)",
        Style::Python,
        "begindates enddates weekmask holidays busdaycal out",
        Writes::Out,
    ),
    func(
        "is_busday(dates, weekmask='1111100', holidays=None, busdaycal=None, out=None)",
        Style::Python,
        "dates weekmask holidays busdaycal out",
        Writes::Out,
    ),
    func(
        "busdaycalendar(weekmask='1111100', holidays=None)",
        Style::CArgs { named: true },
        "weekmask holidays",
        Writes::Nothing,
    ),
];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// The C parser's view of `np.busdaycalendar(...)` (it calls itself
/// `busdaycal` in its messages).
const CALENDAR_SIG: &str = "busdaycal(weekmask='1111100', holidays=None)";

/// Does this module answer `np.NAME`?
pub fn answers(name: &str) -> bool {
    ENTRIES.iter().any(|e| e.name() == name)
}

fn err((kind, msg): (&'static str, String)) -> PyError {
    PyError::new(kind, msg)
}

fn refuse(what: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("slicelab does not implement {what} yet"),
    )
}

const DAY: TimeUnit = TimeUnit::of(Base::D);

/// `np.NAME(...)` with the arguments as the learner wrote them.
pub fn call(name: &str, args: &Args) -> PyResult<Value> {
    let Some(entry) = ENTRIES.iter().find(|e| e.name() == name) else {
        return Err(refuse(&format!("np.{name}")));
    };
    if name == "busdaycalendar" {
        let b = signature::bind(CALENDAR_SIG, Style::CArgs { named: true }, args)?;
        let weekmask = match b.get("weekmask") {
            Some(w) => weekmask_of(w)?,
            None => [true, true, true, true, true, false, false],
        };
        let holidays = match b.get("holidays") {
            Some(h) => holidays_of(h)?,
            None => Vec::new(),
        };
        if !weekmask.contains(&true) {
            return Err(PyError::value(
                "Cannot construct a numpy.busdaycal with a weekmask of all zeros",
            ));
        }
        return Ok(object(Obj::BusDayCal(Calendar::new(weekmask, holidays))));
    }
    let b = signature::bind(entry.signature, entry.style, args)?;
    // The C parser converts the optional arguments in order.
    let roll = match b.get("roll") {
        Some(r) => roll_of(r)?,
        None => Roll::Raise,
    };
    let weekmask = b.get("weekmask").map(weekmask_of).transpose()?;
    let holidays = b.get("holidays").map(holidays_of).transpose()?;
    let cal_pos = match name {
        "busday_offset" => 6,
        "busday_count" => 5,
        _ => 4,
    };
    let given_cal = match b.get("busdaycal") {
        None => None,
        Some(Value::Object(o)) if matches!(o.as_ref(), Obj::BusDayCal(_)) => match o.as_ref() {
            Obj::BusDayCal(c) => Some(c.clone()),
            _ => None,
        },
        Some(other) => {
            let tn = match other {
                Value::None => "None".to_string(),
                v => v.type_name(),
            };
            return Err(PyError::type_error(format!(
                "{name}() argument {cal_pos} must be numpy.busdaycalendar, not {tn}"
            )));
        }
    };
    let cal = match given_cal {
        Some(c) => {
            if weekmask.is_some() || holidays.is_some() {
                return Err(PyError::value(format!(
                    "Cannot supply both the weekmask/holidays and the busdaycal parameters to {name}()"
                )));
            }
            c
        }
        None => Calendar::new(
            weekmask.unwrap_or([true, true, true, true, true, false, false]),
            holidays.unwrap_or_default(),
        ),
    };
    let out = match b.get("out") {
        None => None,
        Some(Value::Array(a)) => Some(a.clone()),
        Some(_) => {
            return Err(PyError::value(
                "busday_offset: must provide a NumPy array for 'out'",
            ));
        }
    };
    let first = b.values[0].clone().unwrap_or(Value::None);
    match name {
        "busday_offset" => {
            let dates = dates_of(&first, 0, true)?;
            let offsets = offsets_of(b.values[1].as_ref().unwrap_or(&Value::None))?;
            cal.check().map_err(err)?;
            let (shape, vals) = spread(&[&dates, &offsets])?;
            let mut res = Vec::new();
            for (k, (&d, &o)) in vals[0].iter().zip(&vals[1]).enumerate() {
                poll(k)?;
                res.push(Scalar::Int(cal.offset(d, o, roll).map_err(err)?));
            }
            finish(&shape, DType::Time(DAY, false), &res, out)
        }
        "busday_count" => {
            let begin = dates_of(&first, 0, true)?;
            let end = dates_of(b.values[1].as_ref().unwrap_or(&Value::None), 1, true)?;
            cal.check().map_err(err)?;
            let (shape, vals) = spread(&[&begin, &end])?;
            let mut res = Vec::new();
            for (k, (&x, &y)) in vals[0].iter().zip(&vals[1]).enumerate() {
                poll(k)?;
                res.push(Scalar::Int(cal.count(x, y).map_err(err)?));
            }
            finish(&shape, DType::Int64, &res, out)
        }
        _ => {
            let dates = dates_of(&first, 0, false)?;
            cal.check().map_err(err)?;
            let (shape, vals) = spread(&[&dates])?;
            let mut res = Vec::new();
            for (k, &d) in vals[0].iter().enumerate() {
                poll(k)?;
                res.push(Scalar::Bool(cal.is_busday(d)));
            }
            finish(&shape, DType::Bool, &res, out)
        }
    }
}

/// Ctrl-C is polled every 4096 elements.
fn poll(k: usize) -> PyResult<()> {
    if k.is_multiple_of(4096) {
        crate::engine::interrupt::check()?;
    }
    Ok(())
}

/// `PyArray_BusDayRollConverter`.
fn roll_of(v: &Value) -> PyResult<Roll> {
    let s = match v {
        Value::Str(s) => s.to_string(),
        Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        _ => {
            return Err(PyError::type_error(
                "bad argument type for built-in operation",
            ));
        }
    };
    Roll::parse(&s)
        .ok_or_else(|| PyError::value(format!("Invalid business day roll parameter \"{s}\"")))
}

/// Python truth of one weekmask entry.
fn truth(v: &Value) -> PyResult<bool> {
    Ok(match v {
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::Float(f) => *f != 0.0,
        Value::NpScalar(_, Scalar::Bool(b)) => *b,
        Value::NpScalar(_, Scalar::Int(i)) => *i != 0,
        Value::NpScalar(_, Scalar::UInt(i)) => *i != 0,
        Value::NpScalar(_, Scalar::Float(f)) => *f != 0.0,
        _ => return Err(refuse("this weekmask entry")),
    })
}

/// `PyArray_WeekMaskConverter`.
fn weekmask_of(v: &Value) -> PyResult<[bool; 7]> {
    let items: Vec<Value> = match v {
        Value::Str(s) => return bd::parse_weekmask(s).map_err(err),
        Value::Bytes(b) => {
            let s = std::str::from_utf8(b).map_err(|_| refuse("a non-UTF-8 weekmask"))?;
            return bd::parse_weekmask(s).map_err(err);
        }
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.as_ref().clone(),
        Value::Array(a) => {
            if a.ndim() != 1 || a.shape()[0] != 7 {
                return Err(PyError::value(
                    "A business day weekmask array must have length 7",
                ));
            }
            a.to_scalars()
                .into_iter()
                .map(|s| Value::NpScalar(a.dtype().native(), s))
                .collect()
        }
        _ => {
            return Err(PyError::value(
                "Couldn't convert object into a business day weekmask",
            ));
        }
    };
    if items.len() != 7 {
        return Err(PyError::value(
            "A business day weekmask array must have length 7",
        ));
    }
    let mut m = [false; 7];
    for (slot, x) in m.iter_mut().zip(&items) {
        *slot = truth(x)?;
    }
    Ok(m)
}

/// Can values of unit `u` be cast to days safely (NumPy's
/// `can_cast_datetime64_metadata` with `'safe'`)? `None`: not checked.
fn safe_to_days(u: TimeUnit) -> Option<bool> {
    if u.is_generic() {
        return Some(true);
    }
    if u.base > Base::D {
        return Some(false);
    }
    (u.num == 1).then_some(true)
}

/// A datetime array's values in days (NaT stays NaT).
fn days(a: &ArrayRef, u: TimeUnit) -> PyResult<ArrayRef> {
    let vals: Vec<Scalar> = a
        .to_scalars()
        .into_iter()
        .map(|s| match s {
            Scalar::Int(i) => dtm::convert(i, u, DAY, false).map(Scalar::Int).map_err(err),
            _ => Ok(Scalar::Int(NAT)),
        })
        .collect::<PyResult<_>>()?;
    Ok(NdArray::from_scalars(&a.shape(), DType::Int64, &vals)?)
}

/// `PyArray_HolidaysConverter`: the holiday dates, unsorted.
fn holidays_of(v: &Value) -> PyResult<Vec<i64>> {
    let arr = match v {
        Value::Array(a) => a.clone(),
        // NumPy finds the list's own dtype first: ints have no unit.
        other if has_int(other, 0) => {
            return Err(PyError::value(
                "Converting an integer to a NumPy datetime requires a specified unit",
            ));
        }
        other => super::convert::to_array(other, Some(&DType::Time(DAY, false)))?,
    };
    let unsafe_cast =
        || PyError::value("Cannot safely convert provided holidays input into an array of dates");
    let u = match arr.dtype().native() {
        DType::Time(u, false) => u,
        DType::Time(_, true) => return Err(refuse("timedelta64 holidays")),
        _ => return Err(unsafe_cast()),
    };
    match safe_to_days(u) {
        Some(true) => {}
        Some(false) => return Err(unsafe_cast()),
        None => return Err(refuse("holidays in this datetime unit")),
    }
    if arr.ndim() != 1 {
        return Err(PyError::value(
            "holidays must be a provided as a one-dimensional array",
        ));
    }
    Ok(int_values(&days(&arr, u)?))
}

/// Does a list or tuple hold a Python int (bounded at NumPy's 64 levels)?
fn has_int(v: &Value, depth: usize) -> bool {
    match v {
        Value::Int(_) => depth > 0,
        Value::List(l) if depth < 65 => l.borrow().iter().any(|x| has_int(x, depth + 1)),
        Value::Tuple(t) if depth < 65 => t.iter().any(|x| has_int(x, depth + 1)),
        _ => false,
    }
}

fn int_values(a: &ArrayRef) -> Vec<i64> {
    a.to_scalars()
        .into_iter()
        .map(|s| match s {
            Scalar::Int(i) => i,
            Scalar::Bool(b) => b as i64,
            Scalar::UInt(u) => u as i64,
            _ => NAT,
        })
        .collect()
}

/// Dates as an int64 array of days: non-arrays go through a generic
/// `datetime64` (`busday_offset`, `busday_count`) or `datetime64[D]`
/// (`is_busday`) array as NumPy converts them; the iterator then needs a
/// safe cast to days (operand `k` in its message).
fn dates_of(v: &Value, k: usize, generic: bool) -> PyResult<ArrayRef> {
    let arr = match v {
        Value::Array(a) => a.clone(),
        Value::NpScalar(d, _) if !matches!(d, DType::Time(..)) => {
            return Err(refuse("a non-datetime NumPy scalar as a business day date"));
        }
        other => {
            let to = DType::Time(if generic { TimeUnit::GENERIC } else { DAY }, false);
            if !generic
                && let Value::NpScalar(DType::Time(u, false), _) = other
                && safe_to_days(*u) != Some(true)
            {
                return Err(refuse("np.is_busday of a datetime64 finer than days"));
            }
            super::convert::to_array(other, Some(&to))?
        }
    };
    let dt = arr.dtype().native();
    let u = match dt {
        DType::Time(u, false) => u,
        _ => return Err(refuse("business day dates that are not datetime64")),
    };
    match safe_to_days(u) {
        Some(true) => days(&arr, u),
        Some(false) => Err(PyError::type_error(format!(
            "Iterator operand {k} dtype could not be cast from {} to {} according to the rule 'safe'",
            crate::render::dtype_repr::dtype_repr(&dt),
            crate::render::dtype_repr::dtype_repr(&DType::Time(DAY, false))
        ))),
        None => Err(refuse("business day dates in this datetime unit")),
    }
}

/// Offsets as an int64 array (`PyArray_FromAny(offsets, int64)`).
fn offsets_of(v: &Value) -> PyResult<ArrayRef> {
    let int = |i: i64| NdArray::from_scalars(&[], DType::Int64, &[Scalar::Int(i)]);
    let arr = match v {
        Value::Int(i) => int(i64::try_from(*i)
            .map_err(|_| PyError::overflow("Python int too large to convert to C long"))?)?,
        Value::Bool(b) => int(*b as i64)?,
        Value::NpScalar(d, Scalar::Int(i)) if d.is_integer() => int(*i)?,
        Value::NpScalar(d, Scalar::UInt(i)) if d.is_integer() => {
            int(i64::try_from(*i).map_err(|_| refuse("a uint64 offset above 2**63"))?)?
        }
        Value::NpScalar(DType::Bool, Scalar::Bool(b)) => int(*b as i64)?,
        Value::Array(a) => a.clone(),
        Value::List(_) | Value::Tuple(_) => {
            let a = super::convert::to_array(v, None)?;
            if a.size() == 0 {
                NdArray::from_scalars(&a.shape(), DType::Int64, &[])?
            } else {
                a
            }
        }
        _ => return Err(refuse("business day offsets of this type")),
    };
    let dt = arr.dtype().native();
    match dt {
        DType::Bool | DType::Int8 | DType::Int16 | DType::Int32 | DType::Int64 => {}
        DType::UInt8 | DType::UInt16 | DType::UInt32 => {}
        DType::Float16 | DType::Float32 | DType::Float64 if matches!(v, Value::Array(_)) => {
            return Err(PyError::type_error(format!(
                "Cannot cast array data from {} to dtype('int64') according to the rule 'safe'",
                crate::render::dtype_repr::dtype_repr(&dt)
            )));
        }
        _ => return Err(refuse("business day offsets of this dtype")),
    }
    let vals: Vec<Scalar> = int_values(&arr).into_iter().map(Scalar::Int).collect();
    Ok(NdArray::from_scalars(&arr.shape(), DType::Int64, &vals)?)
}

/// The operands broadcast together, as int64 values in C order.
fn spread(ops: &[&ArrayRef]) -> PyResult<(Vec<usize>, Vec<Vec<i64>>)> {
    let shapes: Vec<Vec<usize>> = ops.iter().map(|a| a.shape().to_vec()).collect();
    let refs: Vec<&[usize]> = shapes.iter().map(|s| s.as_slice()).collect();
    let shape = crate::engine::broadcast::broadcast_shapes_or_err(&refs)?;
    let vals = ops
        .iter()
        .map(|a| {
            let layout = crate::engine::broadcast::broadcast_layout(&a.layout(), &shape);
            int_values(&NdArray::view(a, a.dtype().clone(), layout))
        })
        .collect();
    Ok((shape, vals))
}

/// The result: a new array (a NumPy scalar when 0-d), or written into `out`.
fn finish(shape: &[usize], dt: DType, vals: &[Scalar], out: Option<ArrayRef>) -> PyResult<Value> {
    let res = NdArray::from_scalars(shape, dt.clone(), vals)?;
    match out {
        None if res.ndim() == 0 => Ok(Value::NpScalar(dt, res.first())),
        None => Ok(Value::Array(res)),
        Some(o) => {
            if o.dtype() != &dt || o.shape() != shape {
                return Err(refuse(
                    "out= of another dtype or shape for business day functions",
                ));
            }
            index::set(&o, &[IndexItem::Ellipsis], &res)?;
            Ok(Value::Array(o))
        }
    }
}

/// `cal.weekmask` / `cal.holidays` (new arrays each time, as NumPy's getters).
pub fn calendar_attr(c: &Calendar, name: &str) -> PyResult<Value> {
    match name {
        "weekmask" => {
            let v: Vec<Scalar> = c.weekmask.iter().map(|&b| Scalar::Bool(b)).collect();
            Ok(Value::Array(NdArray::from_scalars(&[7], DType::Bool, &v)?))
        }
        "holidays" => {
            let v: Vec<Scalar> = c.holidays.iter().map(|&d| Scalar::Int(d)).collect();
            Ok(Value::Array(NdArray::from_scalars(
                &[v.len()],
                DType::Time(DAY, false),
                &v,
            )?))
        }
        _ => Err(PyError::attribute("numpy.busdaycalendar", name)),
    }
}
