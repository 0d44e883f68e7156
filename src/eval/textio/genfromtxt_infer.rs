//! `np.genfromtxt(..., dtype=None)`: each column's type found as NumPy's
//! `StringConverter.iterupgrade` finds it, then the rows converted and
//! handed to `np.array` with the dtype genfromtxt builds from those types.
//!
//! A column starts as bool (`str2bool`) and moves up NumPy's mapper —
//! int (Python's `int()`, and it must fit int64), float, complex, str —
//! until every value passes or is one of the column's missing values
//! (`''`, plus `missing_values=`). The mapper's longdouble and abstract
//! entries sit between complex and str, but a text they read `complex()`
//! reads too, so they never end a search. Values are then converted
//! loosely (a value the type refuses becomes the default: the column's
//! filling value, else False, -1, NaN, NaN+0j). Without names, columns of
//! one type (those that met a missing value while still bool do not
//! count) give a plain 2-D array of it; otherwise a structured array of
//! fields `f0, f1, ...` (or the names), str fields as wide as their
//! longest value.

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use crate::engine::ArrayRef;
use crate::engine::dtype::DType;
use crate::eval::convert::to_array;
use crate::eval::dtype_arg::dtype_arg;
use crate::eval::int_parse::{IntParseError, parse as parse_int};
use crate::eval::protocol::truthy;

/// The mapper's entries a column can end on, in upgrade order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Status {
    Bool,
    Int,
    Float,
    Complex,
    Str,
}

impl Status {
    fn next(self) -> Status {
        match self {
            Status::Bool => Status::Int,
            Status::Int => Status::Float,
            Status::Float => Status::Complex,
            Status::Complex | Status::Str => Status::Str,
        }
    }

    /// The type as `np.array` takes it; a str column `width` wide.
    fn dtype(self, width: usize) -> DType {
        match self {
            Status::Bool => DType::Bool,
            Status::Int => DType::Int64,
            Status::Float => DType::Float64,
            Status::Complex => DType::Complex128,
            Status::Str => DType::Str(width),
        }
    }

    /// The mapper's default for a value the type refuses.
    fn default(self) -> Value {
        match self {
            Status::Bool => Value::Bool(false),
            Status::Int => Value::Int(-1),
            Status::Float => Value::Float(f64::NAN),
            Status::Complex => Value::Complex(f64::NAN, 0.0),
            Status::Str => Value::Str("???".into()),
        }
    }

    /// The converter's function on `text`: `None` where it raises
    /// `ValueError`. `strict` adds `_strict_call`'s check that an int
    /// fits int64.
    fn call(self, text: &str, strict: bool) -> PyResult<Option<Value>> {
        match self {
            // The mapper's int entry is Python's `int`, not `np.int64`.
            Status::Int => Ok(match parse_int(text, 10) {
                Ok(v @ Value::Int(i)) if !strict || i64::try_from(i).is_ok() => Some(v),
                Ok(Value::Int(_)) => None,
                Ok(big) if !strict => Some(big),
                Ok(_) | Err(IntParseError::Invalid | IntParseError::TooManyDigits(_)) => None,
                Err(IntParseError::OtherScript) => {
                    return Err(PyError::new(
                        "NotImplementedError",
                        format!("slicelab's np.genfromtxt does not read the digits of '{text}'"),
                    ));
                }
            }),
            other => super::genfromtxt_fields::call(text, &other.dtype(0)),
        }
    }
}

/// One column's converter after `iterupgrade`.
pub(super) struct Column {
    status: Status,
    /// `_checked`: False when the column met a missing value while bool,
    /// so it does not vote on the uniform type.
    checked: bool,
}

fn is_missing_in(missing: &[String]) -> impl Fn(&str) -> bool + '_ {
    move |text| missing.iter().any(|m| m == text.trim())
}

/// A column past complex meets the mapper's `(np.integer, int)` entry,
/// whose strict call checks `np.array(text, dtype=np.integer)`: the first
/// text `int()` reads there raises NumPy's TypeError, unless a text that
/// is neither an int nor missing comes first and moves the column on.
fn abstract_int_entry(values: &[&str], is_missing: &dyn Fn(&str) -> bool) -> PyResult<()> {
    for text in values {
        if Status::Int.call(text, false)?.is_some() {
            return Err(PyError::type_error(
                "Converting 'np.integer' or 'np.signedinteger' to a dtype is not allowed",
            ));
        }
        if !is_missing(text) {
            return Ok(());
        }
    }
    Ok(())
}

/// `iterupgrade` over one column's values.
fn upgrade(values: &[&str], missing: &[String]) -> PyResult<Column> {
    let is_missing = is_missing_in(missing);
    let mut status = Status::Bool;
    'search: loop {
        let mut checked = true;
        for text in values {
            if status.call(text, true)?.is_none() {
                if !is_missing(text) {
                    if status == Status::Complex {
                        abstract_int_entry(values, &is_missing)?;
                    }
                    status = status.next();
                    continue 'search;
                }
                if status == Status::Bool {
                    checked = false;
                }
            }
        }
        return Ok(Column { status, checked });
    }
}

/// Each column's converter after `iterupgrade` over `rows` (split,
/// `usecols` applied, the footer not yet dropped), with the column's
/// missing values.
pub(super) fn infer_columns(
    rows: &[Vec<String>],
    missing: &[Vec<String>],
) -> PyResult<Vec<Column>> {
    (0..missing.len())
        .map(|col| {
            let values: Vec<&str> = rows.iter().map(|r| r[col].as_str()).collect();
            upgrade(&values, &missing[col])
        })
        .collect()
}

/// The array `genfromtxt(..., dtype=None)` returns for `rows` (the
/// footer dropped) converted by `columns`, each with its filling value
/// (`None`: the mapper's default); `field_name` is `defaultfmt % i`.
pub(super) fn inferred_array(
    columns: &[Column],
    rows: &[Vec<String>],
    names: Option<&[String]>,
    fill: &[Option<Value>],
    field_name: impl Fn(usize) -> PyResult<String>,
) -> PyResult<ArrayRef> {
    let nbcols = columns.len();
    // The loose call, column by column.
    let mut data: Vec<Vec<Value>> = vec![Vec::with_capacity(nbcols); rows.len()];
    for (col, c) in columns.iter().enumerate() {
        let default = match &fill[col] {
            // `StringConverter(None, default=fill)` keeps `fill or False`
            // until it upgrades, then the fill itself.
            Some(f) if c.status == Status::Bool => {
                if truthy(f)? {
                    f.clone()
                } else {
                    Value::Bool(false)
                }
            }
            Some(f) => f.clone(),
            None => c.status.default(),
        };
        for (r, row) in rows.iter().enumerate() {
            let v = c.status.call(&row[col], false)?;
            data[r].push(v.unwrap_or_else(|| default.clone()));
        }
    }
    let widths: Vec<usize> = (0..nbcols)
        .map(|col| {
            data.iter()
                .map(|row| match &row[col] {
                    Value::Str(s) => s.chars().count(),
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        })
        .collect();
    let field = |name: String, col: usize| {
        Value::tuple(vec![
            Value::Str(name.into()),
            Value::DType(columns[col].status.dtype(widths[col])),
        ])
    };
    let fields = |name: &dyn Fn(usize) -> PyResult<String>| -> PyResult<Value> {
        Ok(Value::list(
            (0..nbcols)
                .map(|c| name(c).map(|n| field(n, c)))
                .collect::<PyResult<_>>()?,
        ))
    };
    let dtype = match names {
        None => {
            let mut voters = columns.iter().filter(|c| c.checked).map(|c| c.status);
            match voters.next() {
                Some(first) if voters.all(|s| s == first) => first.dtype(0),
                _ => dtype_arg(&fields(&field_name)?)?,
            }
        }
        // `zip(names, types)`: the shorter decides.
        Some(names) => dtype_arg(&Value::list(
            names
                .iter()
                .take(nbcols)
                .enumerate()
                .map(|(c, n)| field(n.clone(), c))
                .collect(),
        ))?,
    };
    let data = Value::list(data.into_iter().map(Value::tuple).collect());
    to_array(&data, Some(&dtype))
}

/// The column a per-column option's key points at, as genfromtxt finds
/// it: a name's place in `names` (`None`, skipped, when it is not
/// there) or the number itself, then its place in `usecols` when it is
/// one of them; a negative number counts from the end, as a list index.
fn column_of(
    key: &Value,
    names: Option<&[String]>,
    usecols: Option<&[usize]>,
    nbcols: usize,
) -> PyResult<Option<usize>> {
    let k = match key {
        Value::Str(k) => {
            let names = names.ok_or_else(|| {
                PyError::new(
                    "AttributeError",
                    "'NoneType' object has no attribute 'index'",
                )
            })?;
            match names.iter().position(|n| **n == **k) {
                Some(i) => i as i64,
                None => return Ok(None),
            }
        }
        k => crate::eval::coerce::int_arg(k, "")?,
    };
    let k = usecols
        .filter(|u| !u.is_empty())
        .and_then(|u| u.iter().position(|&c| c as i64 == k))
        .map_or(k, |i| i as i64);
    let at = if k < 0 { k + nbcols as i64 } else { k };
    usize::try_from(at)
        .ok()
        .filter(|&i| i < nbcols)
        .map(Some)
        .ok_or_else(out_of_range)
}

fn out_of_range() -> PyError {
    PyError::new("IndexError", "list index out of range")
}

/// `missing_values=`, as genfromtxt spreads it over the columns: each
/// column's list starts with `''`; a dict adds by name or number (key
/// `None`: every column), a sequence one each, a str its comma-split
/// parts to every column, anything else its `str()` to every column.
pub(super) fn missing_per_column(
    given: Option<&Value>,
    names: Option<&[String]>,
    usecols: Option<&[usize]>,
    nbcols: usize,
) -> PyResult<Vec<Vec<String>>> {
    let mut out = vec![vec![String::new()]; nbcols];
    let text = |v: &Value| super::super::display::str_of(v, &Default::default());
    let given = match given {
        None => return Ok(out),
        Some(v) if !truthy(v)? => return Ok(out),
        Some(v) => v,
    };
    match given {
        Value::Dict(d) => {
            for (key, val) in d.borrow().iter() {
                let vals: Vec<String> = match val {
                    Value::List(_) | Value::Tuple(_) => crate::eval::protocol::iterate(val)?
                        .iter()
                        .map(text)
                        .collect(),
                    v => vec![text(v)],
                };
                if matches!(key, Value::None) {
                    for m in out.iter_mut() {
                        m.extend(vals.iter().cloned());
                    }
                    continue;
                }
                if let Some(col) = column_of(key, names, usecols, nbcols)? {
                    out[col].extend(vals);
                }
            }
        }
        Value::List(_) | Value::Tuple(_) => {
            for (v, entry) in crate::eval::protocol::iterate(given)?
                .iter()
                .zip(out.iter_mut())
            {
                let v = text(v);
                if !entry.contains(&v) {
                    entry.push(v);
                }
            }
        }
        Value::Str(s) => {
            for entry in out.iter_mut() {
                entry.extend(s.split(',').map(str::to_string));
            }
        }
        Value::Bytes(b) => {
            let s = crate::engine::element::latin1_text(b);
            for entry in out.iter_mut() {
                entry.extend(s.split(',').map(str::to_string));
            }
        }
        v => {
            let v = text(v);
            for entry in out.iter_mut() {
                entry.push(v.clone());
            }
        }
    }
    Ok(out)
}

/// `filling_values=`, as genfromtxt spreads it: a dict by name or
/// number, a sequence one each (a longer one cut), anything else to
/// every column.
pub(super) fn fill_per_column(
    given: Option<&Value>,
    names: Option<&[String]>,
    usecols: Option<&[usize]>,
    nbcols: usize,
) -> PyResult<Vec<Option<Value>>> {
    let mut out: Vec<Option<Value>> = vec![None; nbcols];
    match given {
        None | Some(Value::None) => {}
        Some(Value::Dict(d)) => {
            for (key, val) in d.borrow().iter() {
                if let Some(col) = column_of(key, names, usecols, nbcols)? {
                    out[col] = Some(val.clone());
                }
            }
        }
        Some(v @ (Value::List(_) | Value::Tuple(_))) => {
            // A shorter sequence fills the first columns, a longer one
            // is cut; `None` keeps a column's default.
            for (slot, item) in out.iter_mut().zip(crate::eval::protocol::iterate(v)?) {
                *slot = Some(item).filter(|i| !matches!(i, Value::None));
            }
        }
        Some(v) => out = vec![Some(v.clone()); nbcols],
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status_of(values: &[&str]) -> Status {
        upgrade(values, &[String::new()]).unwrap().status
    }

    #[test]
    fn columns_move_up_the_mapper_until_every_value_reads() {
        assert_eq!(status_of(&["True", "false"]), Status::Bool);
        assert_eq!(status_of(&["1", " 2", "1_000"]), Status::Int);
        assert_eq!(status_of(&["1", "99999999999999999999"]), Status::Float);
        assert_eq!(status_of(&["1", "2.5", "nan"]), Status::Float);
        assert_eq!(status_of(&["1", "1+2j"]), Status::Complex);
        assert_eq!(status_of(&["x", "1"]), Status::Str);
        assert_eq!(status_of(&["1.5", "x", "1"]), Status::Str);
    }

    #[test]
    fn an_int_before_any_other_text_meets_numpys_abstract_int_entry() {
        let err = upgrade(&["", "1", "x"], &[String::new()]).err().unwrap();
        assert_eq!(err.kind, "TypeError");
    }

    #[test]
    fn missing_values_pass_and_uncheck_a_bool_column() {
        let c = upgrade(&["", ""], &[String::new()]).unwrap();
        assert_eq!((c.status, c.checked), (Status::Bool, false));
        let c = upgrade(&["1", ""], &[String::new()]).unwrap();
        assert_eq!((c.status, c.checked), (Status::Int, true));
        let miss = [String::new(), "N/A".to_string()];
        assert_eq!(upgrade(&["1", "N/A"], &miss).unwrap().status, Status::Int);
    }
}
