//! `repr(dtype)` and `str(dtype)` as NumPy prints them.

use crate::engine::dtype::{DType, RecordType};

use super::scalar_repr::py_str_repr;

pub use crate::engine::error::shape_tuple;

/// The type string of a field inside a structured dtype: `'<i4'`, `'?'`,
/// `'i1'`, `'S3'`, `'V4'`, or a nested list/dict for record fields.
fn field_format(dt: &DType) -> String {
    match dt {
        DType::Record(r) if !r.fields.is_empty() => record_str(r),
        _ => {
            let d = match dt {
                DType::Bool => "?".to_string(),
                other => other.descr(),
            };
            py_str_repr(d.strip_prefix('|').unwrap_or(&d))
        }
    }
}

fn record_str(r: &RecordType) -> String {
    if r.is_packed() {
        let parts: Vec<String> = r
            .fields
            .iter()
            .map(|f| {
                let name = py_str_repr(&f.name);
                let fmt = field_format(&f.dtype);
                if f.shape.is_empty() {
                    format!("({name}, {fmt})")
                } else {
                    format!("({name}, {fmt}, {})", shape_tuple(&f.shape))
                }
            })
            .collect();
        format!("[{}]", parts.join(", "))
    } else {
        let names: Vec<String> = r.fields.iter().map(|f| py_str_repr(&f.name)).collect();
        let formats: Vec<String> = r
            .fields
            .iter()
            .map(|f| {
                if f.shape.is_empty() {
                    field_format(&f.dtype)
                } else {
                    format!("({}, {})", field_format(&f.dtype), shape_tuple(&f.shape))
                }
            })
            .collect();
        let offsets: Vec<String> = r.fields.iter().map(|f| f.offset.to_string()).collect();
        format!(
            "{{'names': [{}], 'formats': [{}], 'offsets': [{}], 'itemsize': {}}}",
            names.join(", "),
            formats.join(", "),
            offsets.join(", "),
            r.itemsize
        )
    }
}

/// `str(dtype)` / `print(dtype)`: `int64`, `<U10`, `|S3`, `|V16`,
/// `[('x', '<i8'), ('y', '<f8')]`, or the dict form for non-packed records.
pub fn dtype_str(dt: &DType) -> String {
    match dt {
        DType::Record(r) if !r.fields.is_empty() => record_str(r),
        DType::Str(_) | DType::Bytes(_) | DType::Record(_) => dt.descr(),
        other => other.name(),
    }
}

/// `repr(dtype)`: `dtype('int64')`, `dtype('<U10')`, `dtype('S3')`,
/// `dtype([('name', '<U10'), ...])`, `dtype({'names': ...})`.
pub fn dtype_repr(dt: &DType) -> String {
    match dt {
        DType::Record(r) if !r.fields.is_empty() => format!("dtype({})", record_str(r)),
        DType::Bytes(_) | DType::Record(_) => {
            let d = dt.descr();
            format!("dtype('{}')", d.strip_prefix('|').unwrap_or(&d))
        }
        other => format!("dtype('{}')", dtype_str(other)),
    }
}

/// NumPy's `dtype_short_repr`, used in `array(..., dtype=...)`.
pub fn dtype_short_repr(dt: &DType) -> String {
    match dt {
        DType::Record(r) if !r.fields.is_empty() => record_str(r),
        DType::Str(_) | DType::Bytes(_) | DType::Record(_) => format!("'{}'", dt.descr()),
        other => other.name(),
    }
}
