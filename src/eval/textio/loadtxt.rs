//! `np.loadtxt`: `_npyio_impl._read`'s argument checks, then NumPy's C
//! text reader (`numpy/_core/src/multiarray/textreading/`) as its
//! behaviour shows: `skiprows` raw lines skipped first, comments cut, lines
//! left empty skipped (whitespace-only ones too when splitting on
//! whitespace), quoted fields with doubled quotes, `usecols` (negative
//! ones counted from each row's end), one conversion per field with the C
//! parsers' rules (Python's float syntax, integers without a float
//! fallback, bools through the integer parser), and the reader's messages
//! with their row numbers (0-based for a bad value, 1-based for a bad
//! shape, as NumPy prints them). The result is the reader's fresh array
//! through `_ensure_ndmin_ndarray` (a view when it squeezes) and `unpack`.

use super::super::dtype_arg::dtype_arg;
use super::super::error::{PyError, PyResult};
use super::super::npy::literal::str_repr;
use super::super::value::Value;
use super::files::{path_of, read_regular_file, refuse_compressed};
use crate::engine::dtype::{DType, Kind};
use crate::engine::layout::Layout;
use crate::engine::scalar::Scalar;
use crate::engine::{ArrayRef, NdArray, buffer, interrupt};
use crate::eval::args::Args;
use crate::eval::codecs::Errors::Strict;
use crate::eval::coerce::int_arg;
use crate::eval::protocol::{iterate, truthy};
use crate::eval::reshaping::transpose;
use crate::eval::session::Session;

/// How fields are cut out of a line.
struct Dialect {
    /// `None`: runs of whitespace.
    delimiter: Option<char>,
    /// One comment character the tokenizer stops at.
    comment: Option<char>,
    /// Several or multi-character comments, cut before tokenizing.
    comments: Vec<String>,
    quote: Option<char>,
}

/// `_check_nonneg_int` (it names no argument when `_read` calls it).
fn nonneg(v: &Value) -> PyResult<usize> {
    let n = match v {
        Value::Bool(b) => *b as i64,
        Value::Int(_) | Value::NpScalar(..) => {
            int_arg(v, "").map_err(|_| PyError::type_error("argument must be an integer"))?
        }
        _ => return Err(PyError::type_error("argument must be an integer")),
    };
    usize::try_from(n).map_err(|_| PyError::value("argument must be nonnegative"))
}

/// A control character: one character or `None`.
fn control(v: Option<&Value>) -> PyResult<Option<char>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) if s.chars().count() == 1 => Ok(s.chars().next()),
        Some(other) => {
            let shown = match other {
                Value::Str(s) => str_repr(s),
                _ => other.type_name().to_string(),
            };
            Err(PyError::type_error(format!(
                "Text reading control character must be a single unicode character or None; but got: {shown}"
            )))
        }
    }
}

pub fn loadtxt(_s: &mut Session, args: &Args) -> PyResult<Value> {
    let dtype = match args.get(1, "dtype") {
        None | Some(Value::None) => DType::Float64,
        Some(d) => dtype_arg(d)?,
    };
    let delimiter = control(args.get(3, "delimiter"))?;
    let quote = control(args.kw("quotechar"))?;
    // comments: a str or a sequence of them; `''` is refused.
    let comment_list: Option<Vec<String>> = match args.get(2, "comments") {
        None => Some(vec!["#".to_string()]),
        Some(Value::None) => None,
        Some(Value::Str(c)) => Some(vec![c.to_string()]),
        Some(v) => Some(
            iterate(v)?
                .into_iter()
                .map(|x| match x {
                    Value::Str(c) => Ok(c.to_string()),
                    other => Err(PyError::new(
                        "NotImplementedError",
                        format!(
                            "slicelab's np.loadtxt takes comments as str, not '{}'",
                            other.type_name()
                        ),
                    )),
                })
                .collect::<PyResult<_>>()?,
        ),
    };
    let usecols: Option<Vec<i64>> = match args.get(6, "usecols") {
        None | Some(Value::None) => None,
        Some(v @ (Value::List(_) | Value::Tuple(_) | Value::Array(_))) => Some(
            iterate(v)?
                .iter()
                .map(|c| match c {
                    Value::Float(_) | Value::Str(_) | Value::None | Value::List(_) => {
                        Err(PyError::type_error(format!(
                            "usecols must be an int or a sequence of ints but it contains at least one element of type '{}'",
                            c.type_name()
                        )))
                    }
                    _ => int_arg(c, ""),
                })
                .collect::<PyResult<_>>()?,
        ),
        Some(c @ (Value::Float(_) | Value::Str(_))) => {
            return Err(PyError::type_error(format!(
                "usecols must be an int or a sequence of ints but it contains at least one element of type '{}'",
                c.type_name()
            )));
        }
        Some(c) => Some(vec![int_arg(c, "")?]),
    };
    let ndmin = match args.get(8, "ndmin") {
        None => 0,
        Some(v) => match int_arg(v, "") {
            Ok(n @ 0..=2) => n as usize,
            _ => {
                let shown = super::super::display::repr(v, &Default::default());
                return Err(PyError::value(format!(
                    "Illegal value of ndmin keyword: {shown}"
                )));
            }
        },
    };
    let (comment, comments) = match comment_list {
        None => (None, Vec::new()),
        Some(list) => {
            if list.iter().any(|c| c.is_empty()) {
                return Err(PyError::value(
                    "comments cannot be an empty string. Use comments=None to disable comments.",
                ));
            }
            if list.len() == 1 && list[0].chars().count() == 1 {
                (list[0].chars().next(), Vec::new())
            } else {
                if list.len() > 1
                    && let Some(d) = delimiter
                    && list.iter().any(|c| *c == d.to_string())
                {
                    return Err(PyError::type_error(format!(
                        "Comment characters '{}' cannot include the delimiter '{d}'",
                        super::super::display::repr(
                            &Value::tuple(list.iter().map(|c| Value::str(c)).collect()),
                            &Default::default()
                        )
                    )));
                }
                if quote.is_some() {
                    return Err(PyError::value(
                        "when multiple comments or a multi-character comment is given, quotes are not supported.  In this case quotechar must be set to None.",
                    ));
                }
                (None, list)
            }
        }
    };
    let skiprows = match args.get(5, "skiprows") {
        None => 0,
        Some(v) => nonneg(v)?,
    };
    let max_rows = match args.get(10, "max_rows") {
        None | Some(Value::None) => None,
        Some(v) => Some(nonneg(v)?),
    };
    if let (Some(c), Some(d)) = (comment, delimiter)
        && c == d
    {
        return Err(PyError::type_error(
            "The values for control characters 'comment' and 'delimiter' are incompatible",
        ));
    }
    if let (Some(q), Some(d)) = (quote, delimiter)
        && q == d
    {
        return Err(PyError::type_error(
            "The values for control characters 'quotechar' and 'delimiter' are incompatible",
        ));
    }
    let encoding = match args.get(9, "encoding") {
        None | Some(Value::None) => "utf-8".to_string(),
        Some(Value::Str(e)) => e.to_ascii_lowercase().replace('_', "-"),
        Some(other) => {
            return Err(PyError::type_error(format!(
                "encoding must be str, not {}",
                other.type_name()
            )));
        }
    };
    let unpack = match args.get(7, "unpack") {
        None => false,
        Some(v) => truthy(v)?,
    };
    let dialect = Dialect {
        delimiter,
        comment,
        comments,
        quote,
    };
    let fname = args.req(0, "fname", "loadtxt")?;
    let lines: Vec<String> = match fname {
        Value::Str(_) => {
            let path = path_of(fname).unwrap_or_default();
            refuse_compressed(&path, "loadtxt")?;
            let bytes = read_regular_file(&path).map_err(|e| {
                if e.kind == "FileNotFoundError" {
                    PyError::new("FileNotFoundError", format!("{path} not found."))
                } else {
                    e
                }
            })?;
            let text = decode(&bytes, &encoding)?;
            split_lines(&text)
        }
        // A file object is read from its position on, as NumPy reads a
        // handle line by line.
        v if let Some(f) = crate::eval::file_state::of(v) => split_lines(&f.rest_text()?),
        Value::List(_) | Value::Tuple(_) => iterate(fname)?
            .into_iter()
            .map(|l| match l {
                Value::Str(s) => Ok(s.to_string()),
                Value::Bytes(b) => decode(&b, &encoding),
                other => Err(PyError::type_error(format!(
                    "non-string returned while reading data: {}",
                    other.type_name()
                ))),
            })
            .collect::<PyResult<_>>()?,
        Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::None | Value::Complex(..) => {
            return Err(PyError::value(format!(
                "fname must be a string, filehandle, list of strings,\nor generator. Got <class '{}'> instead.",
                fname.type_name()
            )));
        }
        other => {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab's np.loadtxt reads a file name (str) or a list of lines, not '{}'",
                    other.type_name()
                ),
            ));
        }
    };
    let arr = read(
        &lines,
        &dialect,
        &dtype,
        usecols.as_deref(),
        skiprows,
        max_rows,
    )?;
    let arr = ensure_ndmin(arr, ndmin)?;
    if !unpack {
        return Ok(Value::Array(arr));
    }
    match arr.dtype() {
        DType::Record(r) => Ok(Value::list(
            r.fields()
                .iter()
                .map(|f| crate::eval::record_fields::field_view(&arr, &f.name).map(Value::Array))
                .collect::<PyResult<_>>()?,
        )),
        _ => Ok(Value::Array(transpose(&arr, None)?)),
    }
}

pub(super) fn decode(bytes: &[u8], encoding: &str) -> PyResult<String> {
    match encoding {
        "utf-8" | "utf8" => {
            crate::eval::codecs::decode(bytes, crate::eval::codecs::Codec::Utf8, Ok(Strict))
                .map_err(PyError::from)
        }
        "latin1" | "latin-1" | "iso-8859-1" | "bytes" => {
            Ok(crate::engine::element::latin1_text(bytes))
        }
        other => Err(PyError::new(
            "NotImplementedError",
            format!("slicelab's np.loadtxt reads utf-8 or latin-1 text, not {other:?}"),
        )),
    }
}

/// Python's universal newlines: `\n`, `\r\n` and `\r` each end a line.
pub(super) fn split_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push(std::mem::take(&mut cur)),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(std::mem::take(&mut cur));
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Python's `str.isspace` (the C reader's `Py_UNICODE_ISSPACE`): Rust's
/// whitespace plus the four separator controls `\x1c`-`\x1f`.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// The fields of one line, or `None` for a line the reader skips.
fn tokenize(line: &str, d: &Dialect) -> Option<Vec<String>> {
    let mut line = line.trim_end_matches(['\n', '\r']).to_string();
    for c in &d.comments {
        if let Some(at) = line.find(c.as_str()) {
            line.truncate(at);
        }
    }
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut in_quotes = false;
    let mut started = false; // a field is open (whitespace mode)
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            if Some(c) == d.quote {
                if chars.peek() == Some(&c) {
                    chars.next();
                    cur.push(c);
                } else {
                    in_quotes = false;
                }
            } else {
                cur.push(c);
            }
            continue;
        }
        if Some(c) == d.comment {
            break;
        }
        if Some(c) == d.quote {
            in_quotes = true;
            started = true;
            continue;
        }
        match d.delimiter {
            None if is_space(c) => {
                if started {
                    fields.push(std::mem::take(&mut cur));
                    started = false;
                }
            }
            Some(delim) if c == delim => {
                fields.push(std::mem::take(&mut cur));
                started = true;
            }
            _ => {
                cur.push(c);
                started = true;
            }
        }
    }
    match d.delimiter {
        None => {
            if started {
                fields.push(cur);
            }
            (!fields.is_empty()).then_some(fields)
        }
        Some(_) => {
            if !started {
                return None;
            }
            fields.push(cur);
            Some(fields)
        }
    }
}

/// The C reader: one fresh C-ordered array, `(rows, columns)` for a plain
/// dtype, `(rows,)` for a structured one.
fn read(
    lines: &[String],
    d: &Dialect,
    dtype: &DType,
    usecols: Option<&[i64]>,
    skiprows: usize,
    max_rows: Option<usize>,
) -> PyResult<ArrayRef> {
    // The columns each row fills: one per field (a sub-array field takes
    // as many as it has elements), or the row's width.
    let fields: Option<Vec<(DType, usize)>> = match dtype {
        DType::Record(r) => Some(
            r.fields()
                .iter()
                .map(|f| (f.dtype.clone(), f.shape.iter().product::<usize>()))
                .collect(),
        ),
        _ => None,
    };
    let per_row: Option<usize> = fields.as_ref().map(|f| f.iter().map(|x| x.1).sum());
    let subarray: Vec<bool> = match dtype {
        DType::Record(r) => r.fields().iter().map(|f| !f.shape.is_empty()).collect(),
        _ => Vec::new(),
    };
    if let (Some(need), Some(cols)) = (per_row, usecols)
        && cols.len() != need
    {
        return Err(PyError::type_error(format!(
            "If a structured dtype is used, the number of columns in `usecols` must match the effective number of fields. But {} usecols were given and the number of fields is {need}.",
            cols.len()
        )));
    }
    let mut width: Option<usize> = usecols.map(|c| c.len()).or(per_row);
    let mut cells: Vec<String> = Vec::new();
    let mut rows = 0usize;
    for line in lines.iter().skip(skiprows) {
        if max_rows.is_some_and(|m| rows >= m) {
            break;
        }
        if rows.is_multiple_of(4096) {
            interrupt::check()?;
        }
        let Some(toks) = tokenize(line, d) else {
            continue;
        };
        let n = toks.len();
        let picked: Vec<(usize, String)> = match usecols {
            Some(cols) => cols
                .iter()
                .map(|&c| {
                    let k = if c < 0 { c + n as i64 } else { c };
                    if k < 0 || k >= n as i64 {
                        return Err(PyError::value(format!(
                            "invalid column index {c} at row {} with {n} columns",
                            rows + 1
                        )));
                    }
                    Ok((k as usize, toks[k as usize].clone()))
                })
                .collect::<PyResult<_>>()?,
            None => toks.into_iter().enumerate().collect(),
        };
        match (width, per_row) {
            (Some(need), Some(_)) if picked.len() != need => {
                return Err(PyError::value(format!(
                    "the dtype passed requires {need} columns but {} were found at row {}; use `usecols` to select a subset and avoid this error",
                    picked.len(),
                    rows + 1
                )));
            }
            (Some(w), None) if picked.len() != w => {
                return Err(PyError::value(format!(
                    "the number of columns changed from {w} to {} at row {}; use `usecols` to select a subset and avoid this error",
                    picked.len(),
                    rows + 1
                )));
            }
            _ => width = Some(picked.len()),
        }
        // Convert now, so a bad value is reported in reading order.
        for (k, (col, text)) in picked.into_iter().enumerate() {
            let dt = match &fields {
                Some(f) => {
                    let mut left = k;
                    let mut dt = &f[0].0;
                    for (fd, cnt) in f {
                        if left < *cnt {
                            dt = fd;
                            break;
                        }
                        left -= cnt;
                    }
                    dt.clone()
                }
                None => dtype.clone(),
            };
            convert(&text, &dt).map_err(|()| {
                PyError::value(format!(
                    "could not convert string {} to {} at row {rows}, column {}.",
                    str_repr(&text),
                    dt.name(),
                    col + 1
                ))
            })?;
            buffer::python_room(cells.len() + 1, 32)?;
            cells.push(text);
        }
        rows += 1;
    }
    let width = width.unwrap_or(1);
    // Strings of unspecified size take the longest field's length.
    let dtype = match dtype {
        DType::Str(0) => DType::Str(
            cells
                .iter()
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
                .max(1),
        ),
        DType::Bytes(0) => DType::Bytes(
            cells
                .iter()
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
                .max(1),
        ),
        other => other.clone(),
    };
    let values: Vec<Scalar> = match &fields {
        None => cells
            .iter()
            .map(|c| convert(c, &dtype).unwrap_or(Scalar::Float(0.0)))
            .collect(),
        Some(f) => {
            let mut out = Vec::with_capacity(rows);
            for row in cells.chunks(width.max(1)) {
                let mut vals = Vec::new();
                let mut it = row.iter();
                for ((fd, cnt), sub) in f.iter().zip(&subarray) {
                    let mut one = || {
                        let t = it.next().map(String::as_str).unwrap_or("");
                        convert(t, fd).unwrap_or(Scalar::Float(0.0))
                    };
                    if *sub {
                        // A sub-array field is one value holding its
                        // elements in C order.
                        vals.push(Scalar::Record((0..*cnt).map(|_| one()).collect()));
                    } else {
                        vals.push(one());
                    }
                }
                out.push(Scalar::Record(vals));
            }
            out
        }
    };
    let shape = if fields.is_some() {
        vec![rows]
    } else {
        vec![rows, width]
    };
    Ok(NdArray::from_scalars(&shape, dtype, &values)?)
}

/// One field in a dtype, by the C reader's parsers; `Err` is its
/// "could not convert" case.
pub(super) fn convert(text: &str, dt: &DType) -> Result<Scalar, ()> {
    let dt = dt.native();
    match dt.kind() {
        Kind::Float => parse_float(text).map(Scalar::Float),
        Kind::Complex => parse_complex(text).map(|(r, i)| Scalar::Complex(r, i)),
        Kind::Bool => parse_int(text).map(|v| Scalar::Bool(v != 0)),
        Kind::Int => {
            let v = parse_int(text)?;
            let bits = 8 * dt.itemsize() as u32;
            let (lo, hi) = (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1);
            if v < lo || v > hi {
                return Err(());
            }
            Ok(Scalar::Int(v as i64))
        }
        Kind::UInt => {
            let v = parse_int(text)?;
            let bits = 8 * dt.itemsize() as u32;
            if v < 0 || v > (1i128 << bits) - 1 {
                return Err(());
            }
            Ok(Scalar::UInt(v as u64))
        }
        _ => match dt {
            DType::Str(n) => Ok(Scalar::Str(text.chars().take(n.max(1)).collect())),
            DType::Bytes(n) => {
                let bytes: Option<Vec<u8>> =
                    text.chars().map(|c| u8::try_from(c as u32).ok()).collect();
                let mut b = bytes.ok_or(())?;
                b.truncate(n.max(1));
                Ok(Scalar::Bytes(b))
            }
            _ => Err(()),
        },
    }
}

/// Python's `float()` syntax, whitespace around it allowed.
pub(super) fn parse_float(text: &str) -> Result<f64, ()> {
    let t = text.trim();
    let body = t.trim_start_matches(['+', '-']);
    if t.len() - body.len() > 1 || body.is_empty() {
        return Err(());
    }
    let lower = body.to_ascii_lowercase();
    if matches!(lower.as_str(), "inf" | "infinity" | "nan") {
        return t.parse::<f64>().map_err(|_| ());
    }
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
    {
        return Err(());
    }
    t.parse::<f64>().map_err(|_| ())
}

/// A C integer: sign and digits, whitespace around them allowed.
pub(super) fn parse_int(text: &str) -> Result<i128, ()> {
    let t = text.trim();
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 30 {
        return Err(());
    }
    let v: i128 = digits.parse().map_err(|_| ())?;
    Ok(if neg { -v } else { v })
}

/// `complex()`-like syntax with `j`: `1`, `2j`, `1+2j`, `(1-2j)`; the
/// imaginary part needs its digits (`j` alone is refused, as NumPy's
/// reader refuses it).
fn parse_complex(text: &str) -> Result<(f64, f64), ()> {
    let mut t = text.trim();
    if let Some(inner) = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        t = inner.trim();
    }
    let Some(body) = t.strip_suffix('j') else {
        return parse_float(t).map(|r| (r, 0.0));
    };
    // Split at the last sign that does not follow an exponent marker.
    let bytes = body.as_bytes();
    let mut split = None;
    for i in (1..bytes.len()).rev() {
        if matches!(bytes[i], b'+' | b'-') && !matches!(bytes[i - 1], b'e' | b'E') {
            split = Some(i);
            break;
        }
    }
    match split {
        Some(i) => {
            let re = parse_float(&body[..i])?;
            let im_text = &body[i..];
            if im_text.len() == 1 || im_text.contains(char::is_whitespace) {
                return Err(());
            }
            Ok((re, parse_float(im_text)?))
        }
        None => {
            if body.contains(char::is_whitespace) {
                return Err(());
            }
            Ok((0.0, parse_float(body)?))
        }
    }
}

/// `_ensure_ndmin_ndarray`: squeeze (only when an axis has length one:
/// NumPy's squeeze returns the array itself otherwise), then `atleast_1d`
/// or `atleast_2d(a).T`.
pub(super) fn ensure_ndmin(mut a: ArrayRef, ndmin: usize) -> PyResult<ArrayRef> {
    if a.ndim() > ndmin && a.shape().contains(&1) {
        let l = a.layout();
        let keep: Vec<usize> = (0..l.shape.len()).filter(|&k| l.shape[k] != 1).collect();
        a = NdArray::view_with(
            &a,
            Layout {
                shape: keep.iter().map(|&k| l.shape[k]).collect(),
                strides: keep.iter().map(|&k| l.strides[k]).collect(),
                offset: l.offset,
            },
        );
    }
    if a.ndim() < ndmin {
        let l = a.layout();
        let item = a.dtype().itemsize() as isize;
        a = match (ndmin, a.ndim()) {
            (1, _) | (2, 0) => NdArray::view_with(
                &a,
                Layout {
                    shape: vec![1; ndmin],
                    strides: vec![item; ndmin],
                    offset: l.offset,
                },
            ),
            _ => {
                // atleast_2d: (n,) -> (1, n), then .T: (n, 1).
                NdArray::view_with(
                    &a,
                    Layout {
                        shape: vec![l.shape[0], 1],
                        strides: vec![l.strides[0], 0],
                        offset: l.offset,
                    },
                )
            }
        };
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(delim: Option<char>) -> Dialect {
        Dialect {
            delimiter: delim,
            comment: Some('#'),
            comments: Vec::new(),
            quote: Some('"'),
        }
    }

    #[test]
    fn tokenizer_follows_the_c_reader() {
        assert_eq!(
            tokenize("  1  2 ", &d(None)),
            Some(vec!["1".into(), "2".into()])
        );
        assert_eq!(tokenize("   # c", &d(None)), None);
        assert_eq!(tokenize("", &d(Some(','))), None);
        assert_eq!(tokenize("  ", &d(Some(','))), Some(vec!["  ".into()]));
        assert_eq!(
            tokenize("\"a,b\",\"c\"\"d\"", &d(Some(','))),
            Some(vec!["a,b".into(), "c\"d".into()])
        );
        assert_eq!(tokenize("1,,2", &d(Some(','))).map(|f| f.len()), Some(3));
    }

    #[test]
    fn numbers_parse_as_numpy_reads_them() {
        assert_eq!(parse_float(" 1.5 "), Ok(1.5));
        assert!(parse_float("1_0").is_err());
        assert!(parse_float("0x10").is_err());
        assert!(parse_float("1e").is_err());
        assert_eq!(parse_int("+5"), Ok(5));
        assert!(parse_int("1.0").is_err());
        assert_eq!(parse_complex("2j"), Ok((0.0, 2.0)));
        assert_eq!(parse_complex("-3.5-1e2j"), Ok((-3.5, -100.0)));
        assert_eq!(parse_complex("(1+2j)"), Ok((1.0, 2.0)));
        assert!(parse_complex("j").is_err());
        assert!(parse_complex("1+2i").is_err());
    }
}
