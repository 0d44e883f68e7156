//! The `.npy` header checked as `numpy.lib.format._read_array_header` and
//! `read_array` check it, before a byte of data is allocated: the dict's
//! keys, `shape` (Python ints, whose product NumPy takes in wrapping int64
//! arithmetic), `fortran_order`, and `descr` as `descr_to_dtype` turns it
//! into a dtype, with the item sizes NumPy refuses refused. Each hostile
//! header gets NumPy's exception class and message.

use std::rc::Rc;

use super::literal::{self, Lit, py_sorted, str_repr};
use crate::engine::dtype::{DType, Field, RecordType};
use crate::eval::error::{PyError, PyResult};

/// NumPy refuses longer headers unless told to trust the file.
pub const MAX_HEADER_SIZE: usize = 10_000;

/// What a header promises.
pub struct Header {
    pub file_type: FileType,
    pub fortran: bool,
    /// `shape` as written (for messages).
    pub shape_lit: Lit,
    /// The dimensions as Python ints.
    pub dims: Vec<i128>,
    /// NumPy's element count: the product in wrapping int64 arithmetic
    /// (negative or wrapped for hostile shapes, as NumPy computes it).
    pub count: i64,
}

/// A dtype read from a header (a big-endian one as `DType::Ordered`, its
/// bytes loaded as they are).
pub struct FileType {
    pub dtype: DType,
    /// An object field: NumPy needs pickle for it.
    pub has_object: bool,
}

/// Check the header text of a file of format `major`.
pub fn read_header(text: &str, major: u8) -> PyResult<Header> {
    let chars = text.chars().count();
    if chars > MAX_HEADER_SIZE {
        return Err(PyError::value(format!(
            "Header info length ({chars}) is large and may not be safe to load securely.\n\
             To allow loading, adjust `max_header_size` or fully trust the `.npy` file using `allow_pickle=True`.\n\
             For safety against large resource use or crashes, sandboxing may be necessary."
        )));
    }
    let parsed = literal::parse(text).or_else(|| {
        (major <= 2)
            .then(|| literal::parse(&literal::drop_long_suffixes(text)))
            .flatten()
    });
    let d = parsed.ok_or_else(|| {
        let shown = if major <= 2 {
            literal::drop_long_suffixes(text)
        } else {
            text.to_string()
        };
        PyError::value(format!("Cannot parse header: {}", str_repr(&shown)))
    })?;
    let Lit::Dict(items) = &d else {
        return Err(PyError::value(format!(
            "Header is not a dictionary: {}",
            d.repr()
        )));
    };
    let get = |k: &str| {
        items
            .iter()
            .find(|(key, _)| *key == Lit::Str(k.into()))
            .map(|(_, v)| v)
    };
    const EXPECTED: [&str; 3] = ["descr", "fortran_order", "shape"];
    let (Some(descr), Some(fortran), Some(shape), 3) = (
        get(EXPECTED[0]),
        get(EXPECTED[1]),
        get(EXPECTED[2]),
        items.len(),
    ) else {
        let keys = py_sorted(items.iter().map(|(k, _)| k.clone()).collect())
            .map_err(PyError::type_error)?;
        return Err(PyError::value(format!(
            "Header does not contain the correct keys: {}",
            Lit::List(keys).repr()
        )));
    };
    let invalid_shape = || PyError::value(format!("shape is not valid: {}", shape.repr()));
    let Lit::Tuple(dim_lits) = shape else {
        return Err(invalid_shape());
    };
    if dim_lits.iter().any(|d| d.as_int().is_none()) {
        return Err(invalid_shape());
    }
    let Lit::Bool(fortran) = *fortran else {
        return Err(PyError::value(format!(
            "fortran_order is not a valid bool: {}",
            fortran.repr()
        )));
    };
    let file_type = descr_to_dtype(descr)?.ok_or_else(|| {
        PyError::value(format!(
            "descr is not a valid dtype descriptor: {}",
            descr.repr()
        ))
    })?;
    let (dims, count) = element_count(dim_lits)?;
    if file_type.has_object {
        return Err(PyError::value(
            "Object arrays cannot be loaded when allow_pickle=False",
        ));
    }
    Ok(Header {
        file_type,
        fortran,
        shape_lit: shape.clone(),
        dims,
        count,
    })
}

/// `numpy.multiply.reduce(shape, dtype=numpy.int64)`: each dimension
/// must fit a C long (or an unsigned one when none is negative), and the
/// product wraps.
fn element_count(dim_lits: &[Lit]) -> PyResult<(Vec<i128>, i64)> {
    let too_large = || PyError::new("OverflowError", "Python int too large to convert to C long");
    let dims: Vec<i128> = dim_lits
        .iter()
        .map(|d| d.as_int().and_then(Result::ok).ok_or_else(too_large))
        .collect::<PyResult<_>>()?;
    let any_negative = dims.iter().any(|&d| d < 0);
    let max = if any_negative {
        i128::from(i64::MAX)
    } else {
        i128::from(u64::MAX)
    };
    if dims.iter().any(|&d| d < i128::from(i64::MIN) || d > max) {
        return Err(too_large());
    }
    if let [Lit::Bool(false)] = dim_lits {
        return Err(PyError::type_error("an integer is required"));
    }
    let count = dims
        .iter()
        .fold(1i64, |acc, &d| acc.wrapping_mul(d as u64 as i64));
    Ok((dims, count))
}

/// `array.shape = shape` once `count` elements were read: the shape in
/// `usize`, or NumPy's reshape error.
pub fn final_shape(dims: &[i128], count: i64) -> PyResult<Vec<usize>> {
    if dims.iter().any(|&d| d > i128::from(i64::MAX)) {
        return Err(PyError::value("Maximum allowed dimension exceeded"));
    }
    let unknown: Vec<usize> = (0..dims.len()).filter(|&i| dims[i] < 0).collect();
    if unknown.len() > 1 {
        return Err(PyError::value("can only specify one unknown dimension"));
    }
    let shown: Vec<String> = dims.iter().map(i128::to_string).collect();
    let mismatch = || {
        let inner = if shown.len() == 1 {
            format!("{},", shown[0])
        } else {
            shown.join(",")
        };
        PyError::value(format!(
            "cannot reshape array of size {count} into shape ({inner})"
        ))
    };
    let known = dims
        .iter()
        .filter(|&&d| d >= 0)
        .try_fold(1i128, |a, &d| a.checked_mul(d))
        .ok_or_else(mismatch)?;
    let count = i128::from(count);
    let mut out: Vec<i128> = dims.to_vec();
    match unknown.first() {
        Some(&i) => {
            if known == 0 || count % known != 0 {
                return Err(mismatch());
            }
            out[i] = count / known;
        }
        None if known != count => return Err(mismatch()),
        None => {}
    }
    Ok(out.into_iter().map(|d| d as usize).collect())
}

/// NumPy's `descr_to_dtype`: `Ok(None)` where NumPy raises the
/// `TypeError` that becomes "descr is not a valid dtype descriptor";
/// its other errors as NumPy words them.
fn descr_to_dtype(descr: &Lit) -> PyResult<Option<FileType>> {
    match descr {
        Lit::Str(s) => Ok(plain_dtype(s)),
        Lit::List(items) => record_dtype(items),
        Lit::Tuple(_) => Err(PyError::new(
            "NotImplementedError",
            "slicelab cannot load a file whose descr is a sub-array dtype",
        )),
        _ => Ok(None),
    }
}

/// The largest item NumPy allows (its itemsize is a C int).
const MAX_ITEMSIZE: usize = i32::MAX as usize;

/// `numpy.dtype(text)` for a type string; a big-endian one keeps its
/// order, as NumPy's loaded array does.
fn plain_dtype(s: &str) -> Option<FileType> {
    let object = matches!(
        s.trim_start_matches(['<', '>', '|', '=']),
        "O" | "O8" | "object"
    );
    if object {
        return Some(FileType {
            dtype: DType::Bool,
            has_object: true,
        });
    }
    let big = s.starts_with('>');
    let dtype = DType::parse(if big { &s[1..] } else { s })?;
    let huge = match &dtype {
        DType::Str(n) => n.checked_mul(4).is_none_or(|b| b > MAX_ITEMSIZE),
        other => other.itemsize() > MAX_ITEMSIZE,
    };
    if huge {
        return None;
    }
    let dtype = if big {
        DType::ordered(dtype, crate::engine::dtype::Endian::Big)
    } else {
        dtype
    };
    Some(FileType {
        dtype,
        has_object: false,
    })
}

/// A field list `[('x', '<i4'), ('y', '<f8', (2,))]`.
fn record_dtype(items: &[Lit]) -> PyResult<Option<FileType>> {
    let mut fields: Vec<Field> = Vec::new();
    let mut has_object = false;
    let mut at = 0usize;
    for item in items {
        let parts: &[Lit] = match item {
            Lit::Tuple(p) | Lit::List(p) => p,
            Lit::Str(s) => {
                return Err(PyError::value(format!(
                    "{} values to unpack (expected 3, got {})",
                    if s.chars().count() > 3 {
                        "too many"
                    } else {
                        "not enough"
                    },
                    s.chars().count()
                )));
            }
            _ => return Ok(None),
        };
        let (name, ty, shape) = match parts {
            [n, t] => (n, t, None),
            [n, t, s] => (n, t, Some(s)),
            _ if parts.len() > 3 => {
                return Err(PyError::value("too many values to unpack (expected 3)"));
            }
            _ => {
                return Err(PyError::value(format!(
                    "not enough values to unpack (expected 3, got {})",
                    parts.len()
                )));
            }
        };
        let Some(ft) = descr_to_dtype(ty)? else {
            return Ok(None);
        };
        has_object |= ft.has_object;
        let shape = match shape {
            None => vec![],
            Some(s) => subarray_shape(s, ft.dtype.itemsize())?,
        };
        let count: usize = shape.iter().product();
        let width = ft.dtype.itemsize() * count;
        let name = match name {
            Lit::Str(n) => n.clone(),
            Lit::Tuple(t) if t.len() == 2 => match &t[1] {
                Lit::Str(n) => n.clone(),
                _ => return Ok(None),
            },
            _ => return Ok(None),
        };
        let padding =
            name.is_empty() && matches!(&ft.dtype, DType::Record(r) if r.fields().is_empty());
        if !padding {
            if fields.iter().any(|f| f.name == name) {
                return Err(PyError::value("name already used as a name or title"));
            }
            fields.push(Field {
                name,
                dtype: ft.dtype,
                offset: at,
                shape,
                title: None,
            });
        }
        at = at.saturating_add(width);
        if at > MAX_ITEMSIZE {
            return Ok(None);
        }
    }
    Ok(Some(FileType {
        dtype: DType::Record(Rc::new(RecordType {
            cells: std::cell::RefCell::new(fields),
            itemsize: at,
            aligned: false,
        })),
        has_object,
    }))
}

/// A field's sub-array shape (`3` or `(2, 3)`), with NumPy's checks.
fn subarray_shape(shape: &Lit, itemsize: usize) -> PyResult<Vec<usize>> {
    let invalid = |why: &str| PyError::value(format!("invalid shape in fixed-type tuple: {why}"));
    let dims: Vec<&Lit> = match shape {
        Lit::Tuple(d) | Lit::List(d) => d.iter().collect(),
        other => vec![other],
    };
    let mut out = Vec::new();
    for d in dims {
        let n = match d.as_int() {
            Some(Ok(n)) => n,
            Some(Err(())) => return Err(invalid("dimension does not fit into a C int.")),
            None => {
                return Err(PyError::type_error(
                    "'float' object cannot be interpreted as an integer",
                ));
            }
        };
        if n < 0 {
            return Err(invalid("dimension smaller then zero."));
        }
        if n > i128::from(i32::MAX) {
            return Err(invalid("dimension does not fit into a C int."));
        }
        out.push(n as usize);
    }
    let bytes = out
        .iter()
        .try_fold(itemsize, |a, &d| a.checked_mul(d))
        .filter(|&b| b <= MAX_ITEMSIZE);
    if bytes.is_none() {
        return Err(invalid("dtype size in bytes must fit into a C int."));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(header: &str) -> String {
        match read_header(header, 1) {
            Ok(_) => "ok".into(),
            Err(e) => e.to_string(),
        }
    }

    fn h(descr: &str, shape: &str) -> String {
        format!("{{'descr': {descr}, 'fortran_order': False, 'shape': {shape}, }}")
    }

    #[test]
    fn refusals_match_numpy() {
        assert_eq!(
            err(&h("'<U536870912'", "(1,)")),
            "ValueError: descr is not a valid dtype descriptor: '<U536870912'"
        );
        assert_eq!(err(&h("'<U536870911'", "(1,)")), "ok");
        assert_eq!(
            err(&h("[('a', '<f8', (2147483648,))]", "(1,)")),
            "ValueError: invalid shape in fixed-type tuple: dimension does not fit into a C int."
        );
        assert_eq!(
            err(&h("[('a', '<f8', (-1,))]", "(1,)")),
            "ValueError: invalid shape in fixed-type tuple: dimension smaller then zero."
        );
        assert_eq!(
            err(&h("[('a', '<f8'), ('a', '<f8')]", "(1,)")),
            "ValueError: name already used as a name or title"
        );
        assert_eq!(
            err(&h("[('a', '|O')]", "(1,)")),
            "ValueError: Object arrays cannot be loaded when allow_pickle=False"
        );
        assert_eq!(
            err(&h("'<f8'", "(18446744073709551616,)")),
            "OverflowError: Python int too large to convert to C long"
        );
        assert_eq!(
            err(&h("'<f8'", "(1.0,)")),
            "ValueError: shape is not valid: (1.0,)"
        );
        assert_eq!(err(&h("'<f8'", "(3L,)")), "ok");
        assert_eq!(
            err("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), (1, 2): 3}"),
            "TypeError: '<' not supported between instances of 'tuple' and 'str'"
        );
    }

    #[test]
    fn counts_wrap_as_numpys_int64() {
        let count = |shape: &str| read_header(&h("'<f8'", shape), 1).ok().map(|h| h.count);
        assert_eq!(count("(4294967296, 4294967296, 16)"), Some(0));
        assert_eq!(count("(9223372036854775808,)"), Some(i64::MIN));
        assert_eq!(count("(3, -1)"), Some(-3));
        assert_eq!(count("()"), Some(1));
        assert_eq!(
            final_shape(&[4294967296, 4294967296, 16], 0)
                .unwrap_err()
                .to_string(),
            "ValueError: cannot reshape array of size 0 into shape (4294967296,4294967296,16)"
        );
        assert_eq!(
            final_shape(&[0, 10_000_000_000_000_000_000], 0)
                .unwrap_err()
                .to_string(),
            "ValueError: Maximum allowed dimension exceeded"
        );
        assert_eq!(final_shape(&[2, 3], 6).unwrap(), vec![2, 3]);
    }
}
