//! `ndarray.tofile` and `np.fromfile` (NumPy's `PyArray_ToFile` and
//! `PyArray_FromFile`): raw bytes in C order without a header, or text
//! with a separator, each element the Python scalar `item()` gives, put
//! through `str` (`format='%s'`) or `format % item`.

use std::io::Write;

use super::super::dtype_arg::dtype_arg;
use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::files::{create_file, os_error, read_regular_file};
use super::loadtxt::convert;
use crate::engine::dtype::DType;
use crate::engine::scalar::Scalar;
use crate::engine::{ArrayRef, NdArray, Order, interrupt};
use crate::eval::args::Args;
use crate::eval::coerce::int_arg;
use crate::eval::convert::scalar_to_py;
use crate::eval::session::Session;

fn str_arg(args: &Args, i: usize, name: &str, default: &str, func: &str) -> PyResult<String> {
    match args.get(i, name) {
        None => Ok(default.to_string()),
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(other) => Err(PyError::type_error(format!(
            "{func}() argument {} must be str, not {}",
            i + 1,
            other.type_name()
        ))),
    }
}

fn file_arg(args: &Args, func: &str) -> PyResult<String> {
    match args.req(0, "file", func)? {
        Value::Str(p) => Ok(p.to_string()),
        other => Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab's {func} takes a file name as a str, not '{}'",
                other.type_name()
            ),
        )),
    }
}

/// `a.tofile(file, sep='', format='%s')`.
pub fn tofile(s: &mut Session, a: &ArrayRef, args: &Args) -> PyResult<Value> {
    let path = file_arg(args, "tofile")?;
    let sep = str_arg(args, 1, "sep", "", "tofile")?;
    let format = str_arg(args, 2, "format", "%s", "tofile")?;
    let c = if a.is_c_contiguous() {
        a.clone()
    } else {
        a.copy(Order::C)?
    };
    let mut file = create_file(&path)?;
    let werr = |e: std::io::Error| os_error(&e, &path);
    if sep.is_empty() {
        let nbytes = c.size() * c.dtype().itemsize();
        let offset = c.layout().offset;
        let bytes = c.buffer().bytes();
        for chunk in bytes[offset..offset + nbytes].chunks(8 << 20) {
            interrupt::check()?;
            file.write_all(chunk).map_err(werr)?;
        }
        return Ok(Value::None);
    }
    if matches!(c.dtype(), DType::Record(_)) {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's tofile writes structured arrays in binary mode (sep='') only",
        ));
    }
    let n = c.size();
    let shape = c.shape();
    let mut out = String::new();
    for k in 0..n {
        if k.is_multiple_of(4096) {
            interrupt::check()?;
        }
        let mut idx = vec![0usize; shape.len()];
        let mut rest = k;
        for ax in (0..shape.len()).rev() {
            idx[ax] = rest % shape[ax];
            rest /= shape[ax];
        }
        let item = scalar_to_py(c.dtype(), &c.get(&idx));
        let text = if format == "%s" {
            super::super::display::str_of(&item, &s.print_options)
        } else {
            s.percent_format(&format, &item)?
        };
        out.push_str(&text);
        if k + 1 < n {
            out.push_str(&sep);
        }
    }
    file.write_all(out.as_bytes()).map_err(werr)?;
    Ok(Value::None)
}

/// Up to `count` (all when negative) elements of `dtype` from `bytes`
/// after `offset`, and the bytes read up to the last of them.
fn read_binary(bytes: &[u8], dtype: DType, count: i64, offset: i64) -> PyResult<(ArrayRef, usize)> {
    let item = dtype.itemsize();
    if item == 0 {
        return Err(PyError::value("The elements are 0-sized."));
    }
    // NumPy's C: (size - offset) / itemsize, truncated toward zero; only a
    // negative count is an error (an offset just past the end reads
    // nothing).
    let avail = bytes.len() as i128 - offset as i128;
    let n_signed = avail / item as i128;
    if n_signed < 0 {
        return Err(PyError::value("negative dimensions are not allowed"));
    }
    let start = usize::try_from(offset.max(0))
        .unwrap_or(usize::MAX)
        .min(bytes.len());
    let mut n = n_signed as usize;
    if count >= 0 {
        n = n.min(count as usize);
    }
    let arr = NdArray::for_overwrite(&[n], dtype)?;
    arr.bytes_mut()[..n * item].copy_from_slice(&bytes[start..start + n * item]);
    Ok((arr, start + n * item))
}

/// `np.fromfile(f, ...)` of an open disk file: NumPy reads the raw bytes
/// from the file's position (its descriptor's, so a text file's bytes
/// too) and leaves the position after the last element read.
fn fromfile_object(
    f: &crate::eval::object::FileObj,
    dtype: DType,
    count: i64,
    sep: &str,
    offset: i64,
) -> PyResult<Value> {
    use crate::eval::object::FileKind;
    if f.closed.get() {
        return Err(PyError::value("I/O operation on closed file."));
    }
    if !matches!(f.kind, FileKind::Disk(_)) {
        return Err(PyError::new("OSError", "fileno"));
    }
    let plain = !f.text || matches!(f.codec, crate::eval::codecs::Codec::Utf8);
    if !plain || !sep.is_empty() || !f.readable {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.fromfile reads an open file in binary mode (sep='') only; give the file name",
        ));
    }
    let pos = f.pos.get();
    let (arr, read) = {
        let data = f.data.borrow();
        let rest = data.get(pos..).unwrap_or(&[]);
        read_binary(rest, dtype, count, offset)?
    };
    f.pos.set(pos + read);
    Ok(Value::Array(arr))
}

/// `np.fromfile(file, dtype=None, count=-1, sep='', offset=0)`.
pub fn fromfile(args: &Args) -> PyResult<Value> {
    let file = args.get(0, "file").and_then(crate::eval::file_state::of);
    let path = match file {
        Some(_) => String::new(),
        None => file_arg(args, "fromfile")?,
    };
    let dtype = match args.get(1, "dtype") {
        None | Some(Value::None) => DType::Float64,
        Some(d) => dtype_arg(d)?,
    };
    let count = match args.get(2, "count") {
        None => -1,
        Some(v) => int_arg(v, "")?,
    };
    let sep = str_arg(args, 3, "sep", "", "fromfile")?;
    let offset = match args.get(4, "offset") {
        None => 0,
        Some(v) => int_arg(v, "")?,
    };
    if let Some(f) = file {
        return fromfile_object(f, dtype, count, &sep, offset);
    }
    if !sep.is_empty() && offset != 0 {
        return Err(PyError::type_error(
            "'offset' argument only permitted for binary files",
        ));
    }
    let bytes = read_regular_file(&path)?;
    if sep.is_empty() {
        return Ok(Value::Array(read_binary(&bytes, dtype, count, offset)?.0));
    }
    if matches!(dtype, DType::Record(_) | DType::Str(_) | DType::Bytes(_)) {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.fromfile reads numbers only in text mode",
        ));
    }
    let text = String::from_utf8_lossy(&bytes);
    let glue = sep.trim();
    let tokens: Vec<&str> = if glue.is_empty() {
        text.split_whitespace().collect()
    } else {
        text.split(glue).map(str::trim).collect()
    };
    let mut values: Vec<Scalar> = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        if count >= 0 && values.len() as i64 >= count {
            break;
        }
        if k.is_multiple_of(4096) {
            interrupt::check()?;
        }
        // The reader stops at the first text it cannot read (NumPy warns
        // and returns what it read; a trailing separator ends the data).
        match convert(t, &dtype) {
            Ok(v) => values.push(v),
            Err(()) => break,
        }
    }
    Ok(Value::Array(NdArray::from_scalars(
        &[values.len()],
        dtype,
        &values,
    )?))
}
