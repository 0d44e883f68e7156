//! `np.genfromtxt` for float data (the default `dtype=float`), step for
//! step as `numpy/lib/_npyio_impl.py`'s: `skip_header` raw lines, the
//! first non-empty line (the names with `names=True`, a comment prefix
//! removed), `LineSplitter` (comment cut, `strip(" \r\n")`, split),
//! rows of the wrong width collected as `Line #N` errors (with
//! `skip_footer`'s adjustment), the last `skip_footer` rows dropped, and
//! each value through `StringConverter`'s loose float call: Python's
//! `float()`, anything it refuses (an empty field, `x`) becoming the
//! filling value (`nan` by default). `NameValidator` makes the field
//! names. Other dtypes (and `dtype=None` inference) are refused.

use super::super::dtype_arg::dtype_arg;
use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::files::{path_of, read_regular_file, refuse_compressed};
use super::loadtxt::{decode, ensure_ndmin, split_lines};
use crate::engine::dtype::{DType, Field, RecordType};
use crate::engine::scalar::Scalar;
use crate::engine::{NdArray, buffer, interrupt};
use crate::eval::args::Args;
use crate::eval::coerce::int_arg;
use crate::eval::protocol::{iterate, truthy};
use crate::eval::session::Session;

/// `NameValidator`'s defaults as `genfromtxt` passes them.
const DELETECHARS: &str = " !#$%&'()*+,-./:;<=>?@[\\]^{|}~";
const EXCLUDELIST: &[&str] = &["return", "file", "print"];

fn nonneg_count(v: Option<&Value>) -> PyResult<usize> {
    match v {
        None => Ok(0),
        Some(v) => Ok(int_arg(v, "")?.max(0) as usize),
    }
}

/// `LineSplitter` with a delimiter (`None`: whitespace).
fn split_line(line: &str, comments: Option<&str>, delimiter: Option<&str>) -> Vec<String> {
    let mut line = line;
    if let Some(c) = comments
        && let Some(at) = line.find(c)
    {
        line = &line[..at];
    }
    let line = line.trim_matches([' ', '\r', '\n']);
    if line.is_empty() {
        return Vec::new();
    }
    match delimiter {
        None => line.split_whitespace().map(str::to_string).collect(),
        Some(d) => line.split(d).map(str::to_string).collect(),
    }
}

/// Python's `float()`: whitespace around, underscores between digits.
fn py_float(text: &str) -> Option<f64> {
    let t = text.trim();
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' {
            let digit = |j: Option<&char>| j.is_some_and(|c| c.is_ascii_digit());
            if i == 0 || !digit(chars.get(i - 1)) || !digit(chars.get(i + 1)) {
                return None;
            }
        }
    }
    super::loadtxt::parse_float(&t.replace('_', "")).ok()
}

/// `NameValidator.validate` with genfromtxt's defaults.
fn validate_names(raw: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: Vec<(String, usize)> = Vec::new();
    let mut nbempty = 0;
    for item in raw {
        let mut item: String = item
            .replace(' ', "_")
            .chars()
            .filter(|c| !DELETECHARS.contains(*c))
            .collect();
        if item.is_empty() {
            item = format!("f{nbempty}");
            while raw.contains(&item) {
                nbempty += 1;
                item = format!("f{nbempty}");
            }
            nbempty += 1;
        } else if EXCLUDELIST.contains(&item.as_str()) {
            item.push('_');
        }
        let cnt = seen.iter().find(|(n, _)| *n == item).map_or(0, |(_, c)| *c);
        if cnt > 0 {
            out.push(format!("{item}_{cnt}"));
        } else {
            out.push(item.clone());
        }
        match seen.iter_mut().find(|(n, _)| *n == item) {
            Some(e) => e.1 += 1,
            None => seen.push((item, 1)),
        }
    }
    out
}

pub fn genfromtxt(_s: &mut Session, args: &Args) -> PyResult<Value> {
    if let Some(d) = args.get(1, "dtype")
        && !matches!(d, Value::None)
        && dtype_arg(d)? != DType::Float64
    {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.genfromtxt reads float data only (dtype=float); use np.loadtxt for other dtypes",
        ));
    }
    if matches!(args.get(1, "dtype"), Some(Value::None)) {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.genfromtxt does not infer column types (dtype=None) yet; use np.loadtxt with a structured dtype",
        ));
    }
    let comments: Option<String> = match args.get(2, "comments") {
        None => Some("#".into()),
        Some(Value::None) => None,
        Some(Value::Str(c)) => Some(c.to_string()),
        Some(other) => {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab's np.genfromtxt takes comments as a str, not '{}'",
                    other.type_name()
                ),
            ));
        }
    };
    let delimiter: Option<String> = match args.get(3, "delimiter") {
        None | Some(Value::None) => None,
        Some(Value::Str(d)) => Some(d.to_string()),
        Some(other) => {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab's np.genfromtxt takes delimiter as a str, not '{}'",
                    other.type_name()
                ),
            ));
        }
    };
    let skip_header = nonneg_count(args.get(4, "skip_header"))?;
    let mut skip_footer = nonneg_count(args.get(5, "skip_footer"))?;
    let filling = match args.get(8, "filling_values") {
        None | Some(Value::None) => f64::NAN,
        Some(Value::Int(i)) => *i as f64,
        Some(Value::Float(f)) => *f,
        Some(Value::Bool(b)) => f64::from(u8::from(*b)),
        Some(_) => {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab's np.genfromtxt takes one number as filling_values",
            ));
        }
    };
    let usecols: Option<Vec<i64>> = match args.get(9, "usecols") {
        None | Some(Value::None) => None,
        Some(v @ (Value::List(_) | Value::Tuple(_))) => Some(
            iterate(v)?
                .iter()
                .map(|c| int_arg(c, ""))
                .collect::<PyResult<_>>()?,
        ),
        Some(c) => Some(vec![int_arg(c, "")?]),
    };
    let names_true = match args.get(10, "names") {
        None | Some(Value::None) | Some(Value::Bool(false)) => false,
        Some(Value::Bool(true)) => true,
        Some(_) => {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab's np.genfromtxt takes names=True or None",
            ));
        }
    };
    let unpack = match args.get(17, "unpack") {
        None | Some(Value::None) => false,
        Some(v) => truthy(v)?,
    };
    let max_rows = match args.get(21, "max_rows") {
        None | Some(Value::None) => None,
        Some(v) => Some(int_arg(v, "")?),
    };
    let ndmin = match args.kw("ndmin") {
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
    if let Some(m) = max_rows {
        if skip_footer > 0 {
            return Err(PyError::value(
                "The keywords 'skip_footer' and 'max_rows' can not be specified at the same time.",
            ));
        }
        if m < 1 {
            return Err(PyError::value("'max_rows' must be at least 1."));
        }
    }
    let fname = args.req(0, "fname", "genfromtxt")?;
    let lines: Vec<String> = match fname {
        Value::Str(_) => {
            let path = path_of(fname).unwrap_or_default();
            refuse_compressed(&path, "genfromtxt")?;
            let bytes = read_regular_file(&path).map_err(|e| {
                if e.kind == "FileNotFoundError" {
                    PyError::new("FileNotFoundError", format!("{path} not found."))
                } else {
                    e
                }
            })?;
            split_lines(&decode(&bytes, "utf-8")?)
        }
        // A file object is read from its position on, as NumPy reads a
        // handle line by line.
        v if let Some(f) = crate::eval::file_state::of(v) => split_lines(&f.rest_text()?),
        Value::List(_) | Value::Tuple(_) => iterate(fname)?
            .into_iter()
            .map(|l| match l {
                Value::Str(s) => Ok(s.to_string()),
                other => Err(PyError::new(
                    "NotImplementedError",
                    format!(
                        "slicelab's np.genfromtxt reads lines given as str, not '{}'",
                        other.type_name()
                    ),
                )),
            })
            .collect::<PyResult<_>>()?,
        other => {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab's np.genfromtxt reads a file name (str) or a list of lines, not '{}'",
                    other.type_name()
                ),
            ));
        }
    };
    let comments = comments.as_deref();
    let delimiter = delimiter.as_deref();
    let split = |l: &str| split_line(l, comments, delimiter);
    // The first non-empty line (names, or the first row).
    let mut rest = lines.iter().skip(skip_header);
    let mut first_line = String::new();
    let mut first_values: Vec<String> = Vec::new();
    for line in rest.by_ref() {
        let mut l = line.clone();
        if names_true
            && let Some(c) = comments
            && l.contains(c)
        {
            l = l.split(c).skip(1).collect::<Vec<_>>().join("");
        }
        first_values = split(&l);
        first_line = l;
        if !first_values.is_empty() {
            break;
        }
    }
    if names_true
        && let (Some(c), Some(f)) = (comments, first_values.first())
        && c.contains(f.trim())
    {
        first_values.remove(0);
    }
    let nbcols = usecols.as_ref().map_or(first_values.len(), Vec::len);
    let mut names: Option<Vec<String>> = None;
    if names_true {
        let raw: Vec<String> = first_values.iter().map(|v| v.trim().to_string()).collect();
        names = Some(validate_names(&raw));
        first_line = String::new();
    }
    let usecols: Option<Vec<usize>> = usecols.map(|cols| {
        cols.iter()
            .map(|&c| {
                if c < 0 {
                    (c + first_values.len() as i64).max(0) as usize
                } else {
                    c as usize
                }
            })
            .collect()
    });
    if let (Some(cols), Some(n)) = (&usecols, &names)
        && n.len() > nbcols
    {
        let picked: Option<Vec<String>> = cols.iter().map(|&c| n.get(c).cloned()).collect();
        names = Some(picked.ok_or_else(|| PyError::new("IndexError", "list index out of range"))?);
    }
    // The rows, and the lines of the wrong width.
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut invalid: Vec<(usize, usize)> = Vec::new();
    let data_lines = std::iter::once(&first_line).chain(rest);
    for (i, line) in data_lines.enumerate() {
        if i.is_multiple_of(4096) {
            interrupt::check()?;
        }
        let values = split(line);
        let nb = values.len();
        if nb == 0 {
            continue;
        }
        let values = match &usecols {
            Some(cols) => {
                let picked: Option<Vec<String>> =
                    cols.iter().map(|&c| values.get(c).cloned()).collect();
                match picked {
                    Some(p) => p,
                    None => {
                        invalid.push((i + skip_header + 1, nb));
                        continue;
                    }
                }
            }
            None if nb != nbcols => {
                invalid.push((i + skip_header + 1, nb));
                continue;
            }
            None => values,
        };
        buffer::python_room(rows.len() + 1, 64)?;
        rows.push(values);
        if max_rows.is_some_and(|m| rows.len() as i64 == m) {
            break;
        }
    }
    if !invalid.is_empty() {
        let nbrows = (rows.len() + invalid.len()).saturating_sub(skip_footer);
        if skip_footer > 0 {
            let skipped = invalid
                .iter()
                .filter(|(l, _)| *l > nbrows + skip_header)
                .count();
            invalid.truncate(invalid.len() - skipped);
            skip_footer -= skipped;
        }
        if !invalid.is_empty() {
            let mut msg = vec!["Some errors were detected !".to_string()];
            msg.extend(
                invalid
                    .iter()
                    .map(|(l, nb)| format!("    Line #{l} (got {nb} columns instead of {nbcols})")),
            );
            return Err(PyError::value(msg.join("\n")));
        }
    }
    if skip_footer > 0 {
        rows.truncate(rows.len().saturating_sub(skip_footer));
    }
    let values: Vec<f64> = rows
        .iter()
        .flatten()
        .map(|t| py_float(t).unwrap_or(filling))
        .collect();
    let n = rows.len();
    let arr = match &names {
        Some(names) if names.len() > 1 => {
            // `np.array(data, dtype=[('', f8)...]).view(dtype)`.
            let fields = |named: bool| -> Vec<Field> {
                names
                    .iter()
                    .enumerate()
                    .map(|(k, nm)| Field {
                        name: if named { nm.clone() } else { format!("f{k}") },
                        dtype: DType::Float64,
                        offset: 8 * k,
                        shape: Vec::new(),
                        title: None,
                    })
                    .collect()
            };
            let record = |named| {
                DType::Record(std::rc::Rc::new(RecordType {
                    cells: std::cell::RefCell::new(fields(named)),
                    itemsize: 8 * names.len(),
                    aligned: false,
                }))
            };
            let recs: Vec<Scalar> = values
                .chunks(names.len())
                .map(|c| Scalar::Record(c.iter().map(|&v| Scalar::Float(v)).collect()))
                .collect();
            let rows_arr = NdArray::from_scalars(&[n], record(false), &recs)?;
            NdArray::view(&rows_arr, record(true), rows_arr.layout())
        }
        Some(names) => {
            let record = DType::Record(std::rc::Rc::new(RecordType::new(
                vec![Field {
                    name: names.first().cloned().unwrap_or_default(),
                    dtype: DType::Float64,
                    offset: 0,
                    shape: Vec::new(),
                    title: None,
                }],
                8,
                false,
            )));
            let recs: Vec<Scalar> = values
                .iter()
                .map(|&v| Scalar::Record(vec![Scalar::Float(v)]))
                .collect();
            NdArray::from_scalars(&[n], record, &recs)?
        }
        None => {
            let shape = if n == 0 { vec![0] } else { vec![n, nbcols] };
            let vals: Vec<Scalar> = values.into_iter().map(Scalar::Float).collect();
            NdArray::from_scalars(&shape, DType::Float64, &vals)?
        }
    };
    let out = ensure_ndmin(arr, ndmin)?;
    if !unpack {
        return Ok(Value::Array(out));
    }
    match &names {
        None => Ok(Value::Array(crate::eval::reshaping::transpose(&out, None)?)),
        Some(names) if names.len() == 1 => Ok(Value::Array(
            crate::eval::record_fields::field_view(&out, &names[0])?,
        )),
        Some(names) => Ok(Value::list(
            names
                .iter()
                .map(|n| crate::eval::record_fields::field_view(&out, n).map(Value::Array))
                .collect::<PyResult<_>>()?,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_validated_as_numpy_does() {
        let v = |xs: &[&str]| validate_names(&xs.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(v(&["a b", "c"]), ["a_b", "c"]);
        assert_eq!(v(&["a", "a", "print"]), ["a", "a_1", "print_"]);
        assert_eq!(v(&["a", "", ""]), ["a", "f0", "f1"]);
    }

    #[test]
    fn python_float_allows_underscores_between_digits() {
        assert_eq!(py_float("1_0"), Some(10.0));
        assert_eq!(py_float("_1"), None);
        assert_eq!(py_float(" -nan ").map(f64::is_nan), Some(true));
        assert_eq!(py_float(""), None);
    }
}
