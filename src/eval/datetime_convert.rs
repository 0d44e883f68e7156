//! Python values into datetime64/timedelta64 elements and arrays, and
//! casts between time units: what array conversion ([`super::convert`])
//! needs of datetimes. The arithmetic, the scalar constructors and the
//! routines on times are [`super::datetime`]'s.

use crate::engine::datetime::{self as dtm, Base, NAT, TimeUnit};
use crate::engine::{ArrayRef, DType, NdArray, Scalar};

use super::error::{PyError, PyResult};
use super::value::{TypeObj, Value};

pub(super) fn err((kind, msg): (&'static str, String)) -> PyError {
    PyError::new(kind, msg)
}

pub(super) fn refuse(what: impl std::fmt::Display) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("slicelab does not implement {what} for datetime64/timedelta64 values yet"),
    )
}

/// True for a datetime64/timedelta64 dtype.
pub fn is_time_dtype(d: &DType) -> bool {
    matches!(d.native(), DType::Time(..))
}

/// True when `v` holds datetime data or names a datetime dtype: a
/// datetime array or scalar, a list of them, `np.datetime64` itself, a
/// datetime dtype object or string.
pub fn involves_time(v: &Value) -> bool {
    // Nesting past NumPy's 64 dimensions cannot make an array, and a list
    // that contains itself must not recurse forever.
    fn within(v: &Value, depth: usize) -> bool {
        match v {
            Value::Array(a) => is_time_dtype(a.dtype()),
            Value::NpScalar(d, _) | Value::DType(d) | Value::Type(TypeObj::NpScalar(d)) => {
                is_time_dtype(d)
            }
            // Only an argument itself names a dtype: strings inside a
            // list are data (`np.array(['M8'], dtype=object)`).
            Value::Str(s) if depth == 0 => dtm::parse_dtype(s).is_some(),
            Value::List(l) if depth < 65 => l.borrow().iter().any(|x| within(x, depth + 1)),
            Value::Tuple(t) if depth < 65 => t.iter().any(|x| within(x, depth + 1)),
            _ => false,
        }
    }
    within(v, 0)
}

pub(super) fn kind_word(delta: bool) -> &'static str {
    if delta { "timedelta" } else { "datetime" }
}

pub(super) fn int_of(i: i128) -> PyResult<i64> {
    i64::try_from(i).map_err(|_| PyError::overflow("int too big to convert"))
}

/// NumPy's `same_kind` rule for a timedelta scalar changing units.
pub(super) fn check_timedelta_cast(from: TimeUnit, to: TimeUnit) -> PyResult<()> {
    let nonlinear = |b: Base| b <= Base::M;
    let ok = if from.is_generic() || to.is_generic() {
        from.is_generic()
    } else {
        nonlinear(from.base) == nonlinear(to.base)
    };
    if ok {
        Ok(())
    } else {
        Err(PyError::type_error(format!(
            "Cannot cast NumPy timedelta64 scalar from metadata [{}] to [{}] according to the rule 'same_kind'",
            from.text(),
            to.text()
        )))
    }
}

/// One value as an element of a datetime array of unit `u` (not generic
/// for datetimes: `resolve_unit` picks one first).
pub fn element(v: &Value, u: TimeUnit, delta: bool) -> PyResult<Scalar> {
    let cannot = || {
        PyError::value(format!(
            "Could not convert object to NumPy {}",
            kind_word(delta)
        ))
    };
    Ok(Scalar::Int(match v {
        Value::None => NAT,
        Value::Str(s) if !delta => dtm::parse_datetime(s, Some(u)).map_err(err)?.0,
        Value::Str(s) => dtm::parse_timedelta_text(s).ok_or_else(cannot)?,
        // A bytes value is its characters, one per byte.
        Value::Bytes(b) => {
            let text = crate::engine::element::latin1_text(b);
            return element(&Value::str(&text), u, delta);
        }
        Value::Int(i) => {
            if !delta && u.is_generic() {
                return Err(PyError::value(
                    "Converting an integer to a NumPy datetime requires a specified unit",
                ));
            }
            int_of(*i)?
        }
        Value::Bool(b) => *b as i64,
        Value::NpScalar(DType::Time(from, d), Scalar::Int(i)) if *d == delta => {
            dtm::convert(*i, *from, u, delta).map_err(err)?
        }
        Value::NpScalar(d, Scalar::Int(i)) if d.is_integer() => *i,
        Value::Array(a) if a.ndim() == 0 => {
            return element(&Value::NpScalar(a.dtype().native(), a.first()), u, delta);
        }
        other if let Some(np) = super::pydatetime_ops::to_numpy(other, delta) => {
            return element(&np, u, delta);
        }
        _ => return Err(cannot()),
    }))
}

/// The unit a generic datetime dtype takes from the values given
/// (`np.array(['2024-01', '2024-01-05T10'], dtype='M8')` → `[h]`): NumPy's
/// common divisor of each string's and scalar's own unit.
pub fn resolve_unit(leaves: &[Value], delta: bool) -> PyResult<TimeUnit> {
    let mut unit = TimeUnit::GENERIC;
    for l in leaves {
        let own = match l {
            Value::Str(s) if !delta => TimeUnit::of(dtm::parse_iso(s).map_err(err)?.1),
            Value::NpScalar(DType::Time(u, d), _) if *d == delta => *u,
            other => match super::pydatetime_ops::to_numpy(other, delta) {
                Some(Value::NpScalar(DType::Time(u, _), _)) => u,
                _ => continue,
            },
        };
        unit = dtm::common_unit(unit, own, delta, delta).map_err(err)?;
    }
    Ok(unit)
}

/// The elements of a `U` or `S` array as Python strings (bytes read one
/// character each, as NumPy decodes them for a datetime).
fn texts(a: &ArrayRef) -> Vec<Value> {
    a.to_scalars()
        .into_iter()
        .map(|s| match s {
            Scalar::Str(t) => Value::str(&t),
            Scalar::Bytes(b) => Value::str(&crate::engine::element::latin1_text(&b)),
            _ => Value::None,
        })
        .collect()
}

/// `items` (C order) as nested lists of `shape`.
fn nest(items: &[Value], shape: &[usize]) -> Value {
    match shape.split_first() {
        None => items.first().cloned().unwrap_or(Value::None),
        Some((&n, rest)) => {
            let each = rest.iter().product::<usize>();
            Value::list(
                (0..n)
                    .map(|k| nest(&items[k * each..(k + 1) * each], rest))
                    .collect(),
            )
        }
    }
}

/// A datetime array cast to `to` (`astype`), checking what the engine's
/// infallible element copy cannot: strings that do not parse, casts NumPy
/// refuses or slicelab has not checked.
pub fn cast(a: &ArrayRef, to: &DType) -> PyResult<ArrayRef> {
    let from = a.dtype().native();
    // Unsized text is as wide as the longest text of the unit.
    let text_width = |u: &TimeUnit, delta: bool| {
        if delta { 21 } else { dtm::iso_strlen(u.base) }
    };
    let to = match (&from, to) {
        // `astype('M8')` keeps the unit it has.
        (DType::Time(_, d1), DType::Time(u, d2)) if u.is_generic() && d1 == d2 => from.clone(),
        (DType::Time(u, d), DType::Str(0)) => DType::Str(text_width(u, *d)),
        (DType::Time(u, d), DType::Bytes(0)) => DType::Bytes(text_width(u, *d)),
        (DType::Str(_) | DType::Bytes(_), DType::Time(u, delta)) if u.is_generic() => {
            DType::Time(resolve_unit(&texts(a), *delta)?, *delta)
        }
        _ => to.clone(),
    };
    match (&from, &to) {
        (DType::Time(u1, d1), DType::Time(u2, d2)) if d1 == d2 => {
            if u2.is_generic() && !u1.is_generic() {
                return Err(err((
                    "ValueError",
                    "Cannot convert from specific units to generic units in NumPy datetimes or timedeltas".into(),
                )));
            }
            for s in a.to_scalars() {
                if let Scalar::Int(i) = s {
                    dtm::convert(i, *u1, *u2, *d1).map_err(err)?;
                }
            }
        }
        (DType::Time(..), DType::Int64) => {}
        // NumPy writes a date's ISO text in place and stops when the
        // element is too short for it; a timedelta's text is cut short.
        (DType::Time(u, false), DType::Str(n) | DType::Bytes(n)) => {
            for s in a.to_scalars() {
                let count = match s {
                    Scalar::Int(i) => i,
                    _ => NAT,
                };
                let text = dtm::datetime_text(*u, count).map_err(err)?;
                if text.chars().count() > *n {
                    return Err(PyError::new(
                        "RuntimeError",
                        format!(
                            "The string provided for NumPy ISO datetime formatting was too short, with length {n}"
                        ),
                    ));
                }
            }
        }
        (DType::Time(_, true), DType::Str(_) | DType::Bytes(_)) => {}
        // A datetime and a timedelta of one unit share their int64 count.
        (DType::Time(u1, d1), DType::Time(u2, d2)) if u1 == u2 && d1 != d2 => {
            return Ok(crate::engine::kernels::cast(
                &NdArray::view(a, DType::Int64, a.layout()),
                &to,
            )?);
        }
        // Each element as `.item()` gives it (`datetime.date`, an int for
        // units `datetime` cannot hold, `None` for NaT).
        (DType::Time(..), DType::Object) => {
            let items = a
                .to_scalars()
                .iter()
                .map(|s| super::pydatetime::to_python(&from, s))
                .collect::<PyResult<Vec<_>>>()?;
            let shape = a.shape();
            return crate::eval::convert::from_nested(&nest(&items, &shape), shape.len());
        }
        // To any other number (or bool) NumPy casts the int64 count, NaT
        // being int64's minimum (`-9.22337204e+18` as a float).
        (DType::Time(..), other)
            if other.is_integer()
                || matches!(
                    other,
                    DType::Bool | DType::Float16 | DType::Float32 | DType::Float64
                ) =>
        {
            let counts = NdArray::view(a, DType::Int64, a.layout());
            return Ok(crate::engine::kernels::cast(&counts, &to)?);
        }
        // Text parses, or the cast fails as NumPy's does.
        (DType::Str(_) | DType::Bytes(_), DType::Time(u, delta)) => {
            for text in texts(a) {
                let Value::Str(t) = text else { continue };
                if *delta {
                    if dtm::parse_timedelta_text(&t).is_none() {
                        return Err(PyError::value(
                            "Could not convert object to NumPy timedelta",
                        ));
                    }
                } else {
                    dtm::parse_datetime(&t, Some(*u)).map_err(err)?;
                }
            }
        }
        (DType::Int64 | DType::Int32 | DType::Int16 | DType::Int8, DType::Time(u, d)) => {
            if !*d && u.is_generic() {
                return Err(PyError::value(
                    "Cannot convert a NumPy datetime value other than NaT with generic units",
                ));
            }
        }
        // Raw bytes into a void; a void's bytes are no date (engine/void_cast.rs).
        (f, t)
            if crate::engine::void_cast::is_plain_void(f)
                || crate::engine::void_cast::is_plain_void(t) => {}
        _ => {
            return Err(refuse(format!("casting {} to {}", from.name(), to.name())));
        }
    }
    Ok(crate::engine::kernels::cast(a, &to)?)
}
