//! `np.genfromtxt` with a dtype of text, complex or uint64 values, or a
//! structured dtype of fields: one `StringConverter` per column (or per
//! field), each value through its type's function with `loose=True`'s
//! fallback to the default, then `np.array` of the rows — for a record,
//! with the fields packed and named `f0, f1, ...` and viewed as the
//! dtype asked for, as genfromtxt does.

use std::rc::Rc;

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use crate::engine::ArrayRef;
use crate::engine::dtype::{DType, Field, Kind, RecordType};
use crate::eval::convert::to_array;
use crate::eval::int_parse::{IntParseError, parse as parse_int};

/// Whether genfromtxt here converts values of `dt` (as a plain dtype or
/// a field's).
pub(super) fn converts(dt: &DType) -> bool {
    matches!(
        dt.kind(),
        Kind::Bool | Kind::Int | Kind::UInt | Kind::Float | Kind::Complex
    ) || matches!(dt, DType::Str(_) | DType::Bytes(_))
}

/// The mapper's default for a value `dt`'s function refuses.
fn mapper_default(dt: &DType) -> Value {
    match dt.kind() {
        Kind::Bool => Value::Bool(false),
        Kind::Int | Kind::UInt => Value::Int(-1),
        Kind::Float => Value::Float(f64::NAN),
        Kind::Complex => Value::Complex(f64::NAN, 0.0),
        _ => Value::Str("???".into()),
    }
}

fn refused(text: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("slicelab's np.genfromtxt does not read the digits of '{text}'"),
    )
}

/// `StringConverter(dt)._loose_call(text)`: [`call`], a `ValueError`
/// giving `default`.
pub(super) fn loose_value(text: &str, dt: &DType, default: &Value) -> PyResult<Value> {
    Ok(call(text, dt)?.unwrap_or_else(|| default.clone()))
}

/// The converter's function for `dt` on `text`: `str2bool`, `np.int64`,
/// `np.uint64`, `int(float())` for the other ints, `float`, `complex`,
/// the text itself, or its latin-1 bytes; `None` where it raises
/// `ValueError` (a `UnicodeEncodeError` among them).
pub(super) fn call(text: &str, dt: &DType) -> PyResult<Option<Value>> {
    Ok(match dt.kind() {
        Kind::Bool => match text.to_uppercase().as_str() {
            "TRUE" => Some(Value::Bool(true)),
            "FALSE" => Some(Value::Bool(false)),
            _ => None,
        },
        Kind::Int | Kind::UInt if matches!(dt, DType::Int64 | DType::UInt64) => {
            match parse_int(text, 10) {
                Ok(Value::Int(i)) if *dt == DType::Int64 && i64::try_from(i).is_err() => {
                    return Err(PyError::new(
                        "OverflowError",
                        "Python int too large to convert to C long",
                    ));
                }
                Ok(Value::Int(i)) if *dt == DType::UInt64 && i < 0 => {
                    return Err(PyError::new(
                        "OverflowError",
                        format!("Python integer {i} out of bounds for uint64"),
                    ));
                }
                Ok(Value::Int(i)) if *dt == DType::UInt64 && u64::try_from(i).is_err() => {
                    return Err(PyError::new(
                        "OverflowError",
                        "Python int too large to convert to C long",
                    ));
                }
                Ok(v @ Value::Int(_)) => Some(v),
                Ok(_) => {
                    return Err(PyError::new(
                        "OverflowError",
                        "Python int too large to convert to C long",
                    ));
                }
                Err(IntParseError::OtherScript) => return Err(refused(text)),
                Err(_) => None,
            }
        }
        Kind::Int | Kind::UInt => {
            match crate::engine::text_numbers::python_float(text, true) {
                Err(_) => None,
                // `int(nan)` raises ValueError: the default.
                Ok(f) if f.is_nan() => None,
                Ok(f) if f.is_infinite() => {
                    return Err(PyError::new(
                        "OverflowError",
                        "cannot convert float infinity to integer",
                    ));
                }
                Ok(f) if f.trunc().abs() < 1e38 => Some(Value::Int(f.trunc() as i128)),
                Ok(_) => return Err(refused(text)),
            }
        }
        Kind::Float => crate::engine::text_numbers::python_float(text, true)
            .ok()
            .map(Value::Float),
        Kind::Complex => crate::eval::py_complex::parse(text)
            .ok()
            .map(|(re, im)| Value::Complex(re, im)),
        _ if matches!(dt, DType::Bytes(_)) => text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).ok())
            .collect::<Option<Vec<u8>>>()
            .map(|b| Value::Bytes(b.into())),
        _ => Some(Value::Str(text.into())),
    })
}

/// Each value of `rows` converted for its column's type (`types[c]`,
/// taking the first `types.len()` columns), with the column's filling
/// value or the mapper's default.
fn converted(rows: &[Vec<String>], types: &[DType], fill: &[Option<Value>]) -> PyResult<Value> {
    let defaults: Vec<Value> = types
        .iter()
        .enumerate()
        .map(|(c, t)| {
            fill.get(c)
                .cloned()
                .flatten()
                .unwrap_or_else(|| mapper_default(t))
        })
        .collect();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let values = types
            .iter()
            .zip(&defaults)
            .enumerate()
            .map(|(c, (t, d))| loose_value(&row[c], t, d))
            .collect::<PyResult<Vec<Value>>>()?;
        out.push(Value::tuple(values));
    }
    Ok(Value::list(out))
}

/// The rows as a plain array of `dt`: `np.array(data, dtype)`.
pub(super) fn plain_array(
    rows: &[Vec<String>],
    nbcols: usize,
    dt: &DType,
    fill: &[Option<Value>],
) -> PyResult<ArrayRef> {
    let data = converted(rows, &vec![dt.clone(); nbcols], fill)?;
    to_array(&data, Some(dt))
}

/// `flatten_dtype(dtype, flatten_base=True)`: the record's leaf types in
/// order, nested records opened and subarray fields repeated (a
/// subarray of records stays one record, as NumPy keeps its base).
pub(super) fn flat_types(record: &RecordType) -> Vec<DType> {
    let mut out = Vec::new();
    for f in record.fields().iter() {
        match &f.dtype {
            DType::Record(inner) if f.shape.is_empty() => out.extend(flat_types(inner)),
            dt => out.extend(std::iter::repeat_n(dt.clone(), f.shape.iter().product())),
        }
    }
    out
}

/// The rows as a structured array of `record` (its leaf types ones
/// [`converts`] reads): the first columns through each leaf's
/// converter, `np.array` with the leaves packed as `f0, f1, ...`, then
/// `.view(record)`.
pub(super) fn record_array(
    rows: &[Vec<String>],
    record: &Rc<RecordType>,
    fill: &[Option<Value>],
) -> PyResult<ArrayRef> {
    let types = flat_types(record);
    let data = converted(rows, &types, fill)?;
    let mut at = 0;
    let packed: Vec<Field> = types
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let f = Field {
                name: format!("f{k}"),
                dtype: t.clone(),
                offset: at,
                shape: Vec::new(),
                title: None,
            };
            at += t.itemsize();
            f
        })
        .collect();
    let flat = DType::Record(Rc::new(RecordType::new(packed, at, false)));
    let flat_rows = to_array(&data, Some(&flat))?;
    match crate::eval::math_routines::view_as(&flat_rows, DType::Record(record.clone()))? {
        Value::Array(a) => Ok(a),
        _ => Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.genfromtxt could not view the rows as this dtype",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loose(text: &str, dt: &DType) -> Value {
        loose_value(text, dt, &mapper_default(dt)).unwrap()
    }

    #[test]
    fn each_type_reads_its_text_or_gives_the_default() {
        assert!(matches!(loose(" 7", &DType::UInt64), Value::Int(7)));
        assert!(matches!(loose("2.9", &DType::Int8), Value::Int(2)));
        assert!(matches!(loose("x", &DType::Int32), Value::Int(-1)));
        assert!(matches!(
            loose("1+2j", &DType::Complex128),
            Value::Complex(1.0, 2.0)
        ));
        assert!(matches!(loose("€", &DType::Bytes(3)), Value::Str(s) if &*s == "???"));
        assert!(matches!(loose("ab", &DType::Bytes(3)), Value::Bytes(b) if &*b == b"ab"));
        assert!(loose_value("-1", &DType::UInt64, &Value::Int(-1)).is_err());
    }
}
