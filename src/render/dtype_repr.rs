//! `repr(dtype)` and `str(dtype)` as NumPy prints them.

use crate::engine::dtype::{DType, Field, RecordType};

use super::scalar_repr::py_str_repr;

pub use crate::engine::error::shape_tuple;

/// The type string of a field inside a structured dtype: `'<i4'`, `'?'`,
/// `'i1'`, `'S3'`, `'V4'`, or a nested list/dict for record fields.
pub fn field_format(dt: &DType) -> String {
    match dt {
        DType::Record(r) if !r.fields().is_empty() => record_str(r, false),
        _ => {
            let d = match dt {
                DType::Bool => "?".to_string(),
                other => other.descr(),
            };
            py_str_repr(d.strip_prefix('|').unwrap_or(&d))
        }
    }
}

/// A field's format with its sub-array shape, as the dict form lists it:
/// `'<i4'` or `('<f4', (2,))`.
fn format_with_shape(f: &Field) -> String {
    if f.shape.is_empty() {
        field_format(&f.dtype)
    } else {
        format!("({}, {})", field_format(&f.dtype), shape_tuple(&f.shape))
    }
}

/// NumPy's `_struct_str`: the list of `(name, format[, shape])` tuples
/// when the fields sit where that form puts them, else the
/// `{'names': …, 'formats': …, 'offsets': …}` dict. `with_align` is
/// `str(dtype)`'s choice: an aligned struct then always takes the dict,
/// which alone can say `'aligned': True`.
fn record_str(r: &RecordType, with_align: bool) -> String {
    if r.is_packed() && !(with_align && r.aligned) {
        let parts: Vec<String> = r
            .fields()
            .iter()
            .map(|f| {
                let name = match &f.title {
                    Some(t) => format!("({}, {})", py_str_repr(t), py_str_repr(&f.name)),
                    None => py_str_repr(&f.name),
                };
                let fmt = field_format(&f.dtype);
                if f.shape.is_empty() {
                    format!("({name}, {fmt})")
                } else {
                    format!("({name}, {fmt}, {})", shape_tuple(&f.shape))
                }
            })
            .collect();
        return format!("[{}]", parts.join(", "));
    }
    // NumPy 1.21 and before wrote the dict without spaces after `:` and
    // inside its lists (`_struct_dict_str` reads the global legacy mode).
    let (colon, sep) = if super::legacy::global() <= 121 {
        (":", ",")
    } else {
        (": ", ", ")
    };
    let list =
        |item: &dyn Fn(&Field) -> String| r.fields().iter().map(item).collect::<Vec<_>>().join(sep);
    let mut out = format!(
        "{{'names'{colon}[{}], 'formats'{colon}[{}], 'offsets'{colon}[{}]",
        list(&|f| py_str_repr(&f.name)),
        list(&format_with_shape),
        list(&|f| f.offset.to_string()),
    );
    if r.has_titles() {
        let titles = list(&|f| f.title.as_deref().map_or("None".into(), py_str_repr));
        out += &format!(", 'titles'{colon}[{titles}]");
    }
    out += &format!(", 'itemsize'{colon}{}", r.itemsize);
    if with_align && r.aligned {
        out += &format!(", 'aligned'{colon}True");
    }
    out + "}"
}

/// `str(dtype)` / `print(dtype)`: `int64`, `<U10`, `|S3`, `|V16`,
/// `[('x', '<i8'), ('y', '<f8')]`, or the dict form for non-packed records.
pub fn dtype_str(dt: &DType) -> String {
    match dt {
        DType::Record(r) if !r.fields().is_empty() => record_str(r, true),
        DType::Str(_) | DType::Bytes(_) | DType::Record(_) | DType::Ordered(..) => dt.descr(),
        other => other.name(),
    }
}

/// `repr(dtype)`: `dtype('int64')`, `dtype('<U10')`, `dtype('S3')`,
/// `dtype([('name', '<U10'), ...])`, `dtype({'names': ...})`.
pub fn dtype_repr(dt: &DType) -> String {
    match dt {
        // Unsized text types print without a size (`np.dtype('U')`).
        DType::Str(0) => "dtype('<U')".into(),
        DType::Bytes(0) => "dtype('S')".into(),
        // A byte order written on unsized text is kept and shown (`'>U'`).
        DType::Ordered(inner, order) if matches!(**inner, DType::Str(0)) => {
            let mark = match order {
                crate::engine::dtype::Endian::Big => '>',
                _ => '<',
            };
            format!("dtype('{mark}U')")
        }
        DType::Record(r) if r.fields().is_empty() && r.itemsize == 0 => "dtype('V')".into(),
        DType::Record(r) if !r.fields().is_empty() => {
            let align = if r.aligned { ", align=True" } else { "" };
            format!("dtype({}{align})", record_str(r, false))
        }
        DType::Bytes(_) | DType::Record(_) => {
            let d = dt.descr();
            format!("dtype('{}')", d.strip_prefix('|').unwrap_or(&d))
        }
        DType::Time(..) => format!("dtype('{}')", dt.descr()),
        DType::Object => "dtype('O')".into(),
        other => format!("dtype('{}')", dtype_str(other)),
    }
}

/// NumPy's `dtype_short_repr`, used in `array(..., dtype=...)`.
pub fn dtype_short_repr(dt: &DType) -> String {
    match dt {
        DType::Record(r) if !r.fields().is_empty() => record_str(r, true),
        DType::Str(_) | DType::Bytes(_) | DType::Record(_) => format!("'{}'", dt.descr()),
        // NumPy writes the order out only where it is not native.
        DType::Ordered(_, crate::engine::dtype::Endian::Big) => format!("'{}'", dt.descr()),
        DType::Ordered(inner, _) => dtype_short_repr(inner),
        // NumPy quotes a name that is not a plain word (`'datetime64[D]'`).
        DType::Time(u, _) if !u.is_generic() => format!("'{}'", dt.name()),
        other => other.name(),
    }
}
