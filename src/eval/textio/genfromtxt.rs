//! `np.genfromtxt`, step for step as `numpy/lib/_npyio_impl.py`'s:
//! `skip_header` raw lines, the first non-empty line (the names with
//! `names=True`, a comment prefix removed), `LineSplitter` (comment cut,
//! `strip(" \r\n")`, split), rows of the wrong width collected as
//! `Line #N` errors (with `skip_footer`'s adjustment), the last
//! `skip_footer` rows dropped. `names=` is True, a comma-separated str or
//! a sequence of str, run through `NameValidator` twice (genfromtxt's
//! own call and `easy_dtype`'s); `usecols=` takes ints and field names
//! (a sequence, or one str split at commas). The dtype is one plain type
//! (repeated over the fields when there are names): bool, int8 to int64,
//! uint8 to uint32, float16 to float64, each value through
//! `StringConverter`'s loose call (`float()`, `np.int64()`, or
//! `int(float())` for the other ints, `str2bool`), anything it refuses
//! becoming the filling value (NaN, -1, False by default), then NumPy's
//! cast with its OverflowError; `dtype=None` infers each column's type
//! (`genfromtxt_infer.rs`); str, bytes, complex and uint64 dtypes and
//! structured ones go through `genfromtxt_fields.rs`, as does a list of
//! formats `np.dtype` refuses and a plain dtype with names and filling
//! values by column; `genfromtxt_split.rs` cuts the lines (field widths
//! too). Still refused: one-value records, object and datetime fields,
//! `usecols` picking a dtype's fields, `converters=`, `usemask=`, and a
//! text field cut past a line's end.

use super::super::dtype_arg::dtype_arg;
use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::files::{path_of, read_regular_file, refuse_compressed};
use super::genfromtxt_fields::{converts, plain_array, record_array};
use super::genfromtxt_infer::{fill_per_column, infer_columns, inferred_array, missing_per_column};
use super::genfromtxt_split::Splitter;
use super::loadtxt::{decode, ensure_ndmin, split_lines};
use crate::engine::dtype::{DType, Field, Kind, RecordType};
use crate::engine::scalar::Scalar;
use crate::engine::{NdArray, buffer, interrupt};
use crate::eval::args::Args;
use crate::eval::coerce::int_arg;
use crate::eval::protocol::{iterate, truthy};
use crate::eval::session::Session;

/// `NameValidator`'s defaults as `genfromtxt` passes them.
const DELETECHARS: &str = " !#$%&'()*+,-./:;<=>?@[\\]^{|}~";
const EXCLUDELIST: &[&str] = &["return", "file", "print"];

/// One entry of `usecols`: a column number or a field name.
enum UseCol {
    Index(i64),
    Name(String),
}

fn nonneg_count(v: Option<&Value>) -> PyResult<usize> {
    match v {
        None => Ok(0),
        Some(v) => Ok(int_arg(v, "")?.max(0) as usize),
    }
}

/// `defaultfmt % i`, for the formats a learner writes: one `%i`, `%d` or
/// `%s`, with a `0` or `-` flag and a width (`var_%02i`), and `%%`;
/// Python's errors for none or more.
fn field_name(fmt: &str, i: usize) -> PyResult<String> {
    let mut out = String::new();
    let mut used = false;
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            out.push('%');
            continue;
        }
        let mut flag = None;
        if let Some(&f @ ('0' | '-')) = chars.peek() {
            flag = Some(f);
            chars.next();
        }
        let mut width = 0usize;
        while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
            width = width
                .saturating_mul(10)
                .saturating_add(d as usize)
                .min(1000);
            chars.next();
        }
        match chars.next() {
            Some('i' | 'd' | 's') if !used => {
                let n = i.to_string();
                out.push_str(&match flag {
                    Some('0') => format!("{n:0>width$}"),
                    Some(_) => format!("{n:<width$}"),
                    None => format!("{n:>width$}"),
                });
                used = true;
            }
            Some('i' | 'd' | 's') => {
                return Err(PyError::type_error(
                    "not enough arguments for format string",
                ));
            }
            _ => {
                return Err(PyError::new(
                    "NotImplementedError",
                    format!("slicelab's np.genfromtxt takes defaultfmt with one %i, not {fmt:?}"),
                ));
            }
        }
    }
    if !used {
        return Err(PyError::type_error(
            "not all arguments converted during string formatting",
        ));
    }
    Ok(out)
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

/// `filling_values` as the default of every converter (`None`: the
/// mapper's default, NaN for floats, -1 for ints, False for bool).
fn fill_value(v: Option<&Value>, elem: &DType) -> PyResult<Scalar> {
    let refuse = || {
        PyError::new(
            "NotImplementedError",
            format!(
                "slicelab's np.genfromtxt takes one number as filling_values (an int or bool for {} data)",
                elem.name()
            ),
        )
    };
    let as_f64 = match v {
        None | Some(Value::None) => None,
        Some(Value::Int(i)) => Some(*i as f64),
        Some(Value::Float(f)) => Some(*f),
        Some(Value::Bool(b)) => Some(f64::from(u8::from(*b))),
        Some(_) => return Err(refuse()),
    };
    Ok(match elem.kind() {
        Kind::Bool => Scalar::Bool(as_f64.is_some_and(|f| f != 0.0)),
        Kind::Int | Kind::UInt => match v {
            None | Some(Value::None) => Scalar::Int(-1),
            Some(Value::Int(i)) => Scalar::Int(i64::try_from(*i).map_err(|_| refuse())?),
            Some(Value::Bool(b)) => Scalar::Int(i64::from(*b)),
            Some(Value::Float(f)) => Scalar::Float(*f),
            _ => return Err(refuse()),
        },
        _ => Scalar::Float(as_f64.unwrap_or(f64::NAN)),
    })
}

/// Python's `int()` of a str in base 10: `Err` when it is too large for
/// int64 (`np.int64` overflows), `Ok(None)` when it is no int at all.
fn py_int(text: &str) -> PyResult<Option<i64>> {
    let t = text.trim();
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let b = digits.as_bytes();
    if b.is_empty() || !b[0].is_ascii_digit() || !b[b.len() - 1].is_ascii_digit() {
        return Ok(None);
    }
    let mut value: i128 = 0;
    let mut big = false;
    for (i, &c) in b.iter().enumerate() {
        if c == b'_' {
            if b[i + 1] == b'_' {
                return Ok(None);
            }
            continue;
        }
        if !c.is_ascii_digit() {
            return Ok(None);
        }
        value = value * 10 + i128::from(c - b'0');
        if value > i128::from(u64::MAX) {
            big = true;
            value = 0;
        }
    }
    let value = if neg { -value } else { value };
    match i64::try_from(value) {
        Ok(v) if !big => Ok(Some(v)),
        _ => Err(PyError::new(
            "OverflowError",
            "Python int too large to convert to C long",
        )),
    }
}

/// `StringConverter._loose_call` for one field of type `elem`: int64
/// through `np.int64(text)`, the other ints through `int(float(text))`,
/// floats through `float(text)`, bool through `str2bool`; a `ValueError`
/// gives the default.
fn convert(text: &str, elem: &DType, default: &Scalar) -> PyResult<Scalar> {
    Ok(match elem.kind() {
        Kind::Bool => match text.to_uppercase().as_str() {
            "TRUE" => Scalar::Bool(true),
            "FALSE" => Scalar::Bool(false),
            _ => default.clone(),
        },
        Kind::Int | Kind::UInt if *elem == DType::Int64 => {
            py_int(text)?.map_or_else(|| default.clone(), Scalar::Int)
        }
        Kind::Int | Kind::UInt => match py_float(text) {
            None => default.clone(),
            Some(f) if f.is_nan() => default.clone(),
            Some(f) if f.is_infinite() => {
                return Err(PyError::new(
                    "OverflowError",
                    "cannot convert float infinity to integer",
                ));
            }
            Some(f) if f.trunc().abs() >= 9.2e18 => {
                return Err(PyError::new(
                    "NotImplementedError",
                    format!(
                        "slicelab's np.genfromtxt does not read '{text}' as an integer this large"
                    ),
                ));
            }
            Some(f) => Scalar::Int(f.trunc() as i64),
        },
        _ => py_float(text).map_or_else(|| default.clone(), Scalar::Float),
    })
}

/// The plain types the loop of `genfromtxt` converts itself.
fn numeric(dt: &DType) -> bool {
    matches!(
        dt,
        DType::Bool
            | DType::Int8
            | DType::Int16
            | DType::Int32
            | DType::Int64
            | DType::UInt8
            | DType::UInt16
            | DType::UInt32
            | DType::Float16
            | DType::Float32
            | DType::Float64
    )
}

/// Refuse what `genfromtxt_fields` does not read: records of one leaf
/// (NumPy reads those through bytes), leaves of other types, tuple
/// dtypes.
fn general_supported(dt: &DType) -> PyResult<()> {
    let refuse = |what: &str| {
        Err(PyError::new(
            "NotImplementedError",
            format!("slicelab's np.genfromtxt does not read into {what} yet"),
        ))
    };
    match dt {
        DType::Record(r) => {
            let leaves = super::genfromtxt_fields::flat_types(r);
            if leaves.len() < 2 {
                return refuse("a structured dtype of one value");
            }
            match leaves.iter().find(|t| !converts(t)) {
                Some(t) => refuse(&format!("{} fields", t.name())),
                None => Ok(()),
            }
        }
        dt if converts(dt) => Ok(()),
        dt => refuse(&format!("{} data", dt.name())),
    }
}

/// The names as genfromtxt keeps them: validated, and with a dtype
/// given validated again by `easy_dtype`.
fn validated(raw: &[String], with_dtype: bool) -> Vec<String> {
    let once = validate_names(raw);
    if with_dtype {
        validate_names(&once)
    } else {
        once
    }
}

/// `NameValidator.validate` with genfromtxt's defaults.
fn validate_names(raw: &[String]) -> Vec<String> {
    validate_names_with(raw, &|k| Ok(format!("f{k}"))).unwrap_or_default()
}

/// `NameValidator.validate`, an empty name made `defaultfmt % k`.
fn validate_names_with(
    raw: &[String],
    namer: &dyn Fn(usize) -> PyResult<String>,
) -> PyResult<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: Vec<(String, usize)> = Vec::new();
    let mut nbempty = 0;
    for item in raw {
        let mut item: String = item
            .trim()
            .replace(' ', "_")
            .chars()
            .filter(|c| !DELETECHARS.contains(*c))
            .collect();
        if item.is_empty() {
            item = namer(nbempty)?;
            while raw.contains(&item) {
                nbempty += 1;
                item = namer(nbempty)?;
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
    Ok(out)
}

pub fn genfromtxt(_s: &mut Session, args: &Args) -> PyResult<Value> {
    // `dtype=None`: each column's type inferred (`genfromtxt_infer`).
    // A sequence `np.dtype` refuses with a TypeError is a list of the
    // fields' formats (`easy_dtype`), named once the names are known.
    let mut formats: Option<Vec<Value>> = None;
    let mut elem = match args.get(1, "dtype") {
        None => Some(DType::Float64),
        Some(Value::None) => None,
        Some(d @ (Value::List(_) | Value::Tuple(_))) => match dtype_arg(d) {
            Ok(t) => Some(t),
            Err(e) if e.kind == "TypeError" => {
                formats = Some(iterate(d)?);
                None
            }
            Err(e) => return Err(e),
        },
        Some(d) => Some(dtype_arg(d)?),
    };
    // A dtype the loop below does not convert: text, complex, uint64, or
    // a record of fields (`genfromtxt_fields`).
    let mut general = elem.as_ref().filter(|e| !numeric(e)).cloned();
    if let Some(dt) = &general {
        general_supported(dt)?;
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
    let text_fields = match &elem {
        None => true,
        Some(DType::Record(r)) => super::genfromtxt_fields::flat_types(r)
            .iter()
            .any(|t| matches!(t, DType::Str(_) | DType::Bytes(_) | DType::Bool)),
        Some(t) => matches!(t, DType::Str(_) | DType::Bytes(_) | DType::Bool),
    };
    let splitter = Splitter::new(args.get(3, "delimiter"), text_fields || formats.is_some())?;
    let skip_header = nonneg_count(args.get(4, "skip_header"))?;
    let mut skip_footer = nonneg_count(args.get(5, "skip_footer"))?;
    let autostrip = match args.get(14, "autostrip") {
        None => false,
        Some(v) => truthy(v)?,
    };
    let invalid_raise = match args.get(20, "invalid_raise") {
        None => true,
        Some(v) => truthy(v)?,
    };
    let defaultfmt = match args.get(16, "defaultfmt") {
        None => "f%i".to_string(),
        Some(Value::Str(f)) => f.to_string(),
        Some(other) => {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab's np.genfromtxt takes defaultfmt as a str, not '{}'",
                    other.type_name()
                ),
            ));
        }
    };
    // `usecols` made a list: a str split at commas, a sequence listed,
    // anything else one entry; each an index or a field name.
    let usecols: Option<Vec<UseCol>> = match args.get(9, "usecols") {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) => Some(
            s.split(',')
                .map(|c| UseCol::Name(c.trim().to_string()))
                .collect(),
        ),
        Some(v @ (Value::List(_) | Value::Tuple(_))) => Some(
            iterate(v)?
                .iter()
                .map(|c| match c {
                    Value::Str(s) => Ok(UseCol::Name(s.to_string())),
                    c => int_arg(c, "").map(UseCol::Index),
                })
                .collect::<PyResult<_>>()?,
        ),
        Some(c) => Some(vec![UseCol::Index(int_arg(c, "")?)]),
    };
    // `names`: True (the first line), a str split at commas, or a
    // sequence of str.
    let given_names: Option<Vec<String>> = match args.get(10, "names") {
        Some(Value::Str(s)) => Some(s.split(',').map(|n| n.trim().to_string()).collect()),
        Some(v @ (Value::List(_) | Value::Tuple(_))) => {
            let items = iterate(v)?;
            if items.is_empty() {
                return Err(PyError::new(
                    "NotImplementedError",
                    "slicelab's np.genfromtxt does not take an empty sequence as names",
                ));
            }
            Some(
                items
                    .iter()
                    .map(|n| match n {
                        Value::Str(s) => Ok(s.to_string()),
                        other => Err(PyError::new(
                            "NotImplementedError",
                            format!(
                                "slicelab's np.genfromtxt takes names as str, not '{}'",
                                other.type_name()
                            ),
                        )),
                    })
                    .collect::<PyResult<_>>()?,
            )
        }
        _ => None,
    };
    let names_true = match args.get(10, "names") {
        None | Some(Value::None) | Some(Value::Bool(false)) => false,
        Some(Value::Bool(true)) => true,
        Some(Value::Str(_) | Value::List(_) | Value::Tuple(_)) => false,
        Some(_) => {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab's np.genfromtxt takes names as True, None, a str or a sequence of str",
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
    let split = |l: &str| splitter.split(l, comments, autostrip);
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
        first_values = split(&l)?;
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
    // `validate_names` in genfromtxt, and again in `easy_dtype`.
    let mut names: Option<Vec<String>> = None;
    // A plain dtype's names are validated again by `easy_dtype`; a
    // record's by the renaming below.
    let twice = elem.is_some() && general.is_none();
    if names_true {
        let raw: Vec<String> = first_values.iter().map(|v| v.trim().to_string()).collect();
        names = Some(validated(&raw, twice));
        first_line = String::new();
    } else if let Some(raw) = given_names {
        names = Some(validated(&raw, twice));
    }
    if let Some(formats) = formats {
        // `NameValidator(nbfields=...)`: the names padded or cut to the
        // formats, empty ones made by `defaultfmt`.
        let n = formats.len();
        let raw: Vec<String> = (0..n)
            .map(|k| {
                names
                    .as_ref()
                    .and_then(|ns| ns.get(k).cloned())
                    .unwrap_or_default()
            })
            .collect();
        let field_names = validate_names_with(&raw, &|k| field_name(&defaultfmt, k))?;
        let spec = Value::Dict(std::rc::Rc::new(std::cell::RefCell::new(vec![
            (Value::Str("formats".into()), Value::list(formats)),
            (
                Value::Str("names".into()),
                Value::list(
                    field_names
                        .into_iter()
                        .map(|f| Value::Str(f.into()))
                        .collect(),
                ),
            ),
        ])));
        let dt = dtype_arg(&spec)?;
        general_supported(&dt)?;
        elem = Some(dt.clone());
        general = Some(dt);
    }
    // Filling values by column for a plain dtype with names: the record
    // `easy_dtype` makes of it, read field by field.
    if general.is_none()
        && let (Some(e), Some(ns)) = (&elem, &names)
        && ns.len() >= 2
        && matches!(
            args.get(8, "filling_values"),
            Some(Value::Dict(_) | Value::List(_) | Value::Tuple(_))
        )
    {
        let fields = ns
            .iter()
            .map(|n| Value::tuple(vec![Value::Str(n.as_str().into()), Value::DType(e.clone())]))
            .collect();
        let dt = dtype_arg(&Value::list(fields))?;
        elem = Some(dt.clone());
        general = Some(dt);
    }
    let filling = match (&elem, &general) {
        (Some(elem), None) => fill_value(args.get(8, "filling_values"), elem)?,
        _ => Scalar::Bool(false),
    };
    let usecols: Option<Vec<usize>> = match usecols {
        None => None,
        Some(cols) => Some(
            cols.iter()
                .map(|c| match c {
                    UseCol::Name(nm) => match &names {
                        None => Err(PyError::new(
                            "AttributeError",
                            "'NoneType' object has no attribute 'index'",
                        )),
                        Some(ns) => ns
                            .iter()
                            .position(|n| n == nm)
                            .ok_or_else(|| PyError::value(format!("'{nm}' is not in list"))),
                    },
                    &UseCol::Index(c) if c < 0 => {
                        Ok((c + first_values.len() as i64).max(0) as usize)
                    }
                    &UseCol::Index(c) => Ok(c as usize),
                })
                .collect::<PyResult<_>>()?,
        ),
    };
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
        let values = split(line)?;
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
    // `dtype=None` upgrades its converters on every row, the footer's too.
    let inferred = match elem {
        None => {
            let missing = args.get(7, "missing_values");
            let missing =
                missing_per_column(missing, names.as_deref(), usecols.as_deref(), nbcols)?;
            Some(infer_columns(&rows, &missing)?)
        }
        Some(_) => None,
    };
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
            if invalid_raise {
                return Err(PyError::value(msg.join("\n")));
            }
            crate::eval::fp_errors::warn(format!("ConversionWarning: {}", msg.join("\n")));
        }
    }
    if skip_footer > 0 {
        rows.truncate(rows.len().saturating_sub(skip_footer));
    }
    if let Some(dt) = general {
        let fill_for = |names: Option<&[String]>| {
            fill_per_column(
                args.get(8, "filling_values"),
                names,
                usecols.as_deref(),
                nbcols,
            )
        };
        let arr = match &dt {
            DType::Record(r) => {
                let nf = r.fields().len();
                let leaves = super::genfromtxt_fields::flat_types(r).len();
                if usecols.is_some() && nf > nbcols {
                    return Err(PyError::new(
                        "NotImplementedError",
                        "slicelab's np.genfromtxt does not pick a dtype's fields by usecols yet",
                    ));
                }
                if leaves > nbcols && !rows.is_empty() {
                    return Err(PyError::value(format!(
                        "could not assign tuple of length {nbcols} to structure with {leaves} fields."
                    )));
                }
                // `easy_dtype`: the record's names replaced by the given
                // ones (padded or cut to its fields), else its own
                // validated; renumbered when they are `f0, f1, ...` and
                // `defaultfmt` is another.
                let numbered = r
                    .fields()
                    .iter()
                    .enumerate()
                    .all(|(k, f)| f.name == format!("f{k}"));
                let raw: Vec<String> = match &names {
                    Some(given) => (0..nf)
                        .map(|k| given.get(k).cloned().unwrap_or_default())
                        .collect(),
                    None if numbered && defaultfmt != "f%i" => vec![String::new(); nf],
                    None => r.fields().iter().map(|f| f.name.clone()).collect(),
                };
                let renamed = validate_names_with(&raw, &|k| field_name(&defaultfmt, k))?;
                r.rename(renamed.clone());
                let names_now = names.as_ref().map(|_| renamed);
                record_array(&rows, r, &fill_for(names_now.as_deref())?)?
            }
            _ if names.is_some() => {
                return Err(PyError::new(
                    "NotImplementedError",
                    format!(
                        "slicelab's np.genfromtxt does not give names to {} data",
                        dt.name()
                    ),
                ));
            }
            _ => plain_array(&rows, nbcols, &dt, &fill_for(None)?)?,
        };
        return finish(ensure_ndmin(arr, ndmin)?, unpack);
    }
    let Some(elem) = elem else {
        let fill = fill_per_column(
            args.get(8, "filling_values"),
            names.as_deref(),
            usecols.as_deref(),
            nbcols,
        )?;
        let columns = inferred.unwrap_or_default();
        let arr = inferred_array(&columns, &rows, names.as_deref(), &fill, |i| {
            field_name(&defaultfmt, i)
        })?;
        return finish(ensure_ndmin(arr, ndmin)?, unpack);
    };
    // A structured dtype of more fields than columns cannot take the
    // rows' tuples; one of fewer (but more than one) takes the first
    // columns, as `zip` stops at the shorter list of converters.
    if let Some(ns) = &names
        && !rows.is_empty()
    {
        let nf = ns.len();
        if nf > nbcols || (nf == 1 && nbcols != 1) {
            return Err(PyError::value(format!(
                "could not assign tuple of length {nbcols} to structure with {nf} fields."
            )));
        }
    }
    let width = names.as_ref().map_or(nbcols, Vec::len);
    let n = rows.len();
    // Column by column, as NumPy's converters run; then the cast into
    // the dtype, row by row.
    let mut values: Vec<Scalar> = vec![Scalar::Bool(false); n * width];
    for col in 0..width {
        for (r, row) in rows.iter().enumerate() {
            values[r * width + col] = convert(&row[col], &elem, &filling)?;
        }
    }
    if let Some((lo, hi)) = elem.int_range() {
        // A float filling value is cut to an int by the cast.
        for v in values.iter_mut() {
            if let Scalar::Float(f) = *v {
                if !f.is_finite() || f.abs() >= 9.2e18 {
                    return Err(PyError::new(
                        "NotImplementedError",
                        format!(
                            "slicelab's np.genfromtxt does not cast the filling value {f} to {}",
                            elem.name()
                        ),
                    ));
                }
                *v = Scalar::Int(f.trunc() as i64);
            }
        }
        for v in &values {
            if let Scalar::Int(i) = v
                && !(lo..=hi).contains(&i128::from(*i))
            {
                return Err(PyError::new(
                    "OverflowError",
                    format!("Python integer {i} out of bounds for {}", elem.name()),
                ));
            }
        }
    }
    let size = elem.itemsize();
    let arr = match &names {
        Some(names) if names.len() > 1 => {
            // `np.array(data, dtype=[('', t)...]).view(dtype)`.
            let fields = |named: bool| -> Vec<Field> {
                names
                    .iter()
                    .enumerate()
                    .map(|(k, nm)| Field {
                        name: if named { nm.clone() } else { format!("f{k}") },
                        dtype: elem.clone(),
                        offset: size * k,
                        shape: Vec::new(),
                        title: None,
                    })
                    .collect()
            };
            let record = |named| {
                DType::Record(std::rc::Rc::new(RecordType {
                    cells: std::cell::RefCell::new(fields(named)),
                    itemsize: size * names.len(),
                    aligned: false,
                }))
            };
            let recs: Vec<Scalar> = values
                .chunks(names.len())
                .map(|c| Scalar::Record(c.to_vec()))
                .collect();
            let rows_arr = NdArray::from_scalars(&[n], record(false), &recs)?;
            NdArray::view(&rows_arr, record(true), rows_arr.layout())
        }
        Some(names) => {
            let record = DType::Record(std::rc::Rc::new(RecordType::new(
                vec![Field {
                    name: names.first().cloned().unwrap_or_default(),
                    dtype: elem.clone(),
                    offset: 0,
                    shape: Vec::new(),
                    title: None,
                }],
                size,
                false,
            )));
            let recs: Vec<Scalar> = values
                .into_iter()
                .map(|v| Scalar::Record(vec![v]))
                .collect();
            NdArray::from_scalars(&[n], record, &recs)?
        }
        None => {
            let shape = if n == 0 { vec![0] } else { vec![n, nbcols] };
            NdArray::from_scalars(&shape, elem.clone(), &values)?
        }
    };
    finish(ensure_ndmin(arr, ndmin)?, unpack)
}

/// The array, or with `unpack` its columns: the transpose of a plain
/// array, one field's view for a single field, else a list of the
/// fields' views.
fn finish(out: crate::engine::ArrayRef, unpack: bool) -> PyResult<Value> {
    if !unpack {
        return Ok(Value::Array(out));
    }
    let names: Option<Vec<String>> = match out.dtype() {
        DType::Record(r) => Some(r.fields().iter().map(|f| f.name.clone()).collect()),
        _ => None,
    };
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
