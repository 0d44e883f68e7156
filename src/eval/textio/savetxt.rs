//! `np.savetxt`, step for step as `numpy/lib/_npyio_impl.py`'s: the file is
//! created first (so a bad `X` still leaves it empty, as NumPy's
//! `open(fname, 'wt').close()` does), one `%`-format built from `fmt` and
//! `delimiter`, then each row is `format % tuple(row)` through the
//! session's own Python `%` operator on NumPy scalars, so every digit is
//! Python's.

use std::io::Write;

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::files::{create_file, path_of, refuse_compressed};
use crate::engine::dtype::{DType, Kind};
use crate::engine::scalar::Scalar;
use crate::engine::{ArrayRef, interrupt};
use crate::eval::args::Args;
use crate::eval::convert::as_array;
use crate::eval::session::Session;

/// A str parameter, with its default.
fn str_param(args: &Args, i: usize, name: &str, default: &str) -> PyResult<String> {
    match args.get(i, name) {
        None => Ok(default.to_string()),
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(other) => Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab's np.savetxt takes {name} as a str, not '{}'",
                other.type_name()
            ),
        )),
    }
}

pub fn savetxt(s: &mut Session, args: &Args) -> PyResult<Value> {
    let fname = args.get(0, "fname");
    // A file object (`open(...)`, `io.StringIO`) is written as NumPy
    // writes a handle: the text, through its `write`.
    let handle = fname.and_then(crate::eval::file_state::of);
    let path = match (handle, fname.and_then(path_of)) {
        (Some(_), _) => String::new(),
        (None, Some(p)) => p,
        (None, None) => return Err(PyError::value("fname must be a string or file handle")),
    };
    if handle.is_none() {
        refuse_compressed(&path, "savetxt")?;
    }
    let delimiter = str_param(args, 3, "delimiter", " ")?;
    let newline = str_param(args, 4, "newline", "\n")?;
    let header = str_param(args, 5, "header", "")?;
    let footer = str_param(args, 6, "footer", "")?;
    let comments = str_param(args, 7, "comments", "# ")?;
    let latin1 = match args.get(8, "encoding") {
        None | Some(Value::None) => false,
        Some(Value::Str(e))
            if matches!(e.to_ascii_lowercase().as_str(), "utf-8" | "utf8" | "utf_8") =>
        {
            false
        }
        Some(Value::Str(e))
            if matches!(
                e.to_ascii_lowercase().as_str(),
                "latin1" | "latin-1" | "iso-8859-1"
            ) =>
        {
            true
        }
        Some(other) => {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab's np.savetxt writes utf-8 or latin-1, not {}",
                    super::super::display::repr(other, &s.print_options)
                ),
            ));
        }
    };
    // NumPy opens (and so empties) a named file before it looks at `X`.
    let file = match handle {
        Some(_) => None,
        None => Some(create_file(&path)?),
    };
    let x = as_array(args.req(1, "X", "savetxt")?)?;
    let text = render(
        s,
        &x,
        args.get(2, "fmt"),
        &delimiter,
        &newline,
        &header,
        &footer,
        &comments,
    )?;
    let Some(mut file) = file else {
        if let Some(f) = handle {
            f.write_text(&text)?;
        }
        return Ok(Value::None);
    };
    let bytes: Vec<u8> = if latin1 {
        match text.chars().map(|c| u8::try_from(c as u32).ok()).collect() {
            Some(b) => b,
            None => {
                return Err(PyError::new(
                    "UnicodeEncodeError",
                    "'latin-1' codec can't encode characters: ordinal not in range(256)",
                ));
            }
        }
    } else {
        text.into_bytes()
    };
    file.write_all(&bytes)
        .map_err(|e| super::files::os_error(&e, &path))?;
    Ok(Value::None)
}

/// The rows of `x` as NumPy's `for row in X` gives them: tuples of NumPy
/// scalars (the fields of a record for a 1-D structured array).
fn rows(x: &ArrayRef) -> PyResult<Vec<Vec<Value>>> {
    let shape = x.shape();
    let scalar = |dt: &DType, v: Scalar| Value::NpScalar(dt.native(), v);
    if let DType::Record(r) = x.dtype() {
        if shape.len() != 1 || r.fields().iter().any(|f| !f.shape.is_empty()) {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab's np.savetxt writes 1-D structured arrays of scalar fields only",
            ));
        }
        let mut out = Vec::new();
        for i in 0..shape[0] {
            interrupt::check()?;
            let Scalar::Record(vals) = x.get(&[i]) else {
                continue;
            };
            out.push(
                r.fields()
                    .iter()
                    .zip(vals)
                    .map(|(f, v)| scalar(&f.dtype, v))
                    .collect(),
            );
        }
        return Ok(out);
    }
    let (n, m) = match shape.as_slice() {
        [n] => (*n, 1),
        [n, m] => (*n, *m),
        _ => return Err(PyError::value("Expected 1D or 2D array")),
    };
    crate::engine::buffer::python_room(n.saturating_mul(m), 64)?;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        interrupt::check()?;
        out.push(
            (0..m)
                .map(|j| {
                    let at = if shape.len() == 1 {
                        vec![i]
                    } else {
                        vec![i, j]
                    };
                    scalar(x.dtype(), x.get(&at))
                })
                .collect(),
        );
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn render(
    s: &mut Session,
    x: &ArrayRef,
    fmt: Option<&Value>,
    delimiter: &str,
    newline: &str,
    header: &str,
    footer: &str,
    comments: &str,
) -> PyResult<String> {
    let ndim = x.ndim();
    if ndim == 0 || ndim > 2 {
        return Err(PyError::value(format!(
            "Expected 1D or 2D array, got {ndim}D array instead"
        )));
    }
    let ncol = match (x.dtype(), ndim) {
        (DType::Record(r), 1) => r.fields().len(),
        (_, 1) => 1,
        _ => x.shape()[1],
    };
    let complex = x.dtype().kind() == Kind::Complex;
    let dtype_str =
        super::super::display::str_of(&Value::DType(x.dtype().clone()), &s.print_options);
    let format = match fmt {
        None => {
            let f = "%.18e";
            one_format(f, ncol, complex, delimiter)
        }
        Some(Value::List(_)) | Some(Value::Tuple(_)) => {
            let items = crate::eval::protocol::iterate(fmt.unwrap_or(&Value::None))?;
            if items.len() != ncol {
                let shown =
                    super::super::display::str_of(fmt.unwrap_or(&Value::None), &s.print_options);
                return Err(PyError::new(
                    "AttributeError",
                    format!("fmt has wrong shape.  {shown}"),
                ));
            }
            let mut parts = Vec::new();
            for (k, it) in items.iter().enumerate() {
                match it {
                    Value::Str(t) => parts.push(t.to_string()),
                    other => {
                        return Err(PyError::type_error(format!(
                            "sequence item {k}: expected str instance, {} found",
                            other.type_name()
                        )));
                    }
                }
            }
            parts.join(delimiter)
        }
        Some(Value::Str(f)) => {
            let n = f.matches('%').count();
            let error = || PyError::value(format!("fmt has wrong number of % formats:  {f}"));
            if n == 1 {
                one_format(f, ncol, complex, delimiter)
            } else if (complex && n != 2 * ncol) || (!complex && n != ncol) {
                return Err(error());
            } else {
                f.to_string()
            }
        }
        Some(other) => {
            let shown = super::super::display::repr(other, &s.print_options);
            return Err(PyError::value(format!("invalid fmt: {shown}")));
        }
    };
    let mut out = String::new();
    if !header.is_empty() {
        out.push_str(comments);
        out.push_str(&header.replace('\n', &format!("\n{comments}")));
        out.push_str(newline);
    }
    for row in rows(x)? {
        if complex {
            let mut parts = Vec::with_capacity(row.len() * 2);
            for v in row {
                let (re, im, dt) = match v {
                    Value::NpScalar(dt, Scalar::Complex(re, im)) => (
                        re,
                        im,
                        if dt == DType::Complex64 {
                            DType::Float32
                        } else {
                            DType::Float64
                        },
                    ),
                    _ => (0.0, 0.0, DType::Float64),
                };
                parts.push(Value::NpScalar(dt.clone(), Scalar::Float(re)));
                parts.push(Value::NpScalar(dt, Scalar::Float(im)));
            }
            let line = s.percent_format(&format, &Value::tuple(parts))?;
            out.push_str(&format!("{line}{newline}").replace("+-", "-"));
        } else {
            let line = s.percent_format(&format, &Value::tuple(row)).map_err(|e| {
                if e.kind == "TypeError" {
                    PyError::type_error(format!(
                        "Mismatch between array dtype ('{}') and format specifier ('{format}')",
                        dtype_str
                    ))
                } else {
                    e
                }
            })?;
            out.push_str(&line);
            out.push_str(newline);
        }
    }
    if !footer.is_empty() {
        out.push_str(comments);
        out.push_str(&footer.replace('\n', &format!("\n{comments}")));
        out.push_str(newline);
    }
    Ok(out)
}

/// One `%` format repeated for every column (as ` (f+fj)` for complex).
fn one_format(f: &str, ncol: usize, complex: bool, delimiter: &str) -> String {
    let one = if complex {
        format!(" ({f}+{f}j)")
    } else {
        f.to_string()
    };
    vec![one; ncol].join(delimiter)
}
