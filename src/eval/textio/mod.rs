//! NumPy's text and raw file routines (issue 17 item 5): `np.savetxt`
//! (`savetxt.rs`), `np.loadtxt` (`loadtxt.rs`, the C text reader's
//! tokenizer, conversions and messages), `np.genfromtxt` for float data
//! (`genfromtxt.rs`), `ndarray.tofile` and `np.fromfile` (`rawfile.rs`),
//! `np.savez`/`np.savez_compressed` (the archive itself is `npy/npz.rs`)
//! and `np.info` (`array_interface.rs`).
//!
//! Files are hostile input (issue 19): a path is read only when it is a
//! regular file whose size the allocator allows, so `/dev/zero`, a FIFO
//! or a directory is a one-line error at once; writes go only to the path
//! given, and not at all while a lesson's own lines run.

mod genfromtxt;
mod loadtxt;
mod rawfile;
mod savetxt;

use std::io::Read;

use super::error::{PyError, PyResult};
use super::npy::literal::str_repr;
use super::npy::os_error;
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::Value;
use crate::engine::{buffer, interrupt};
use crate::eval::args::Args;
use crate::eval::session::Session;

pub(super) use rawfile::tofile;

/// The file routines' registry entries.
pub const ENTRIES: &[Entry] = &[
    func(
        "savetxt(fname, X, fmt='%.18e', delimiter=' ', newline='\\n', header='', footer='', comments='# ', encoding=None)",
        Style::Python,
        "fname X fmt delimiter newline header footer comments encoding",
        Writes::Nothing,
    ),
    func(
        "loadtxt(fname, dtype=<class 'float'>, comments='#', delimiter=None, converters=None, skiprows=0, usecols=None, unpack=False, ndmin=0, encoding=None, max_rows=None, *, quotechar=None, like=None)",
        Style::Python,
        "fname dtype comments delimiter skiprows usecols unpack ndmin encoding max_rows quotechar",
        Writes::Nothing,
    ),
    func(
        "fromfile(file, dtype=None, count=-1, sep='', offset=0, *, like=None)",
        Style::CArgs { named: true },
        "file dtype count sep offset",
        Writes::Nothing,
    ),
    func(
        "savez(file, *args, allow_pickle=True, **kwds)",
        Style::Python,
        "file args allow_pickle kwds",
        Writes::Nothing,
    ),
    func(
        "savez_compressed(file, *args, allow_pickle=True, **kwds)",
        Style::Python,
        "file args allow_pickle kwds",
        Writes::Nothing,
    ),
    func(
        r#"genfromtxt(fname, dtype=<class 'float'>, comments='#', delimiter=None, skip_header=0, skip_footer=0, converters=None, missing_values=None, filling_values=None, usecols=None, names=None, excludelist=None, deletechars=" !#$%&'()*+,-./:;<=>?@[\]^{|}~", replace_space='_', autostrip=False, case_sensitive=True, defaultfmt='f%i', unpack=None, usemask=False, loose=True, invalid_raise=True, max_rows=None, encoding=None, *, ndmin=0, like=None)"#,
        Style::Python,
        "fname dtype comments delimiter skip_header skip_footer filling_values usecols names autostrip unpack max_rows ndmin",
        Writes::Nothing,
    ),
    func(
        "info(object=None, maxwidth=76, output=None, toplevel='numpy')",
        Style::Python,
        "object",
        Writes::Nothing,
    ),
];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// The names this module answers.
pub const NAMES: &[&str] = &[
    "savetxt",
    "loadtxt",
    "fromfile",
    "savez",
    "savez_compressed",
    "info",
    "genfromtxt",
];

pub fn call(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    match name {
        "savetxt" => savetxt::savetxt(s, args),
        "loadtxt" => loadtxt::loadtxt(s, args),
        "savez" | "savez_compressed" => savez(name, args),
        "info" => super::array_interface::info(s, args),
        "genfromtxt" => genfromtxt::genfromtxt(s, args),
        _ => rawfile::fromfile(args),
    }
}

/// `np.savez`/`np.savez_compressed`: the keyword arrays in the order
/// given, then the positional ones as `arr_0`, `arr_1`, ... (`_savez`).
fn savez(name: &str, args: &Args) -> PyResult<Value> {
    let path = match args.req(0, "file", name)? {
        Value::Str(p) => p.to_string(),
        other => {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab's np.{name} takes a file name as a str, not '{}'",
                    other.type_name()
                ),
            ));
        }
    };
    let mut named: Vec<(String, crate::engine::ArrayRef)> = Vec::new();
    for (k, v) in &args.kw {
        if k == "file" || k == "allow_pickle" {
            continue;
        }
        named.push((k.clone(), crate::eval::convert::as_array(v)?));
    }
    for (i, v) in args.pos.iter().skip(1).enumerate() {
        let key = format!("arr_{i}");
        if named.iter().any(|(k, _)| *k == key) {
            return Err(PyError::value(format!(
                "Cannot use un-named variables and keyword {key}"
            )));
        }
        named.push((key, crate::eval::convert::as_array(v)?));
    }
    super::npy::npz::savez(&path, named, name == "savez_compressed")?;
    Ok(Value::None)
}

/// A str argument (`fname`), or `None` when the value is not a str.
fn path_of(v: &Value) -> Option<String> {
    match v {
        Value::Str(p) => Some(p.to_string()),
        _ => None,
    }
}

/// NumPy's `_datasource` opens `.gz`/`.bz2`/`.xz`/`.zip` paths through a
/// decompressor; slicelab does not, and says so rather than read the
/// compressed bytes as text.
fn refuse_compressed(path: &str, func: &str) -> PyResult<()> {
    for ext in [".gz", ".bz2", ".xz", ".lzma", ".zip"] {
        if path.ends_with(ext) {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab's np.{func} does not decompress {ext} files: {}",
                    str_repr(path)
                ),
            ));
        }
    }
    Ok(())
}

/// The whole of a regular file, read in chunks with Ctrl-C between them.
/// Anything else (a directory, a device such as `/dev/zero`, a FIFO) is
/// refused before a byte is read, and a file larger than the allocator
/// allows is `MemoryError`.
pub(super) fn read_regular_file(path: &str) -> PyResult<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| os_error(&e, path))?;
    if meta.is_dir() {
        return Err(os_error(&std::io::Error::from_raw_os_error(21), path));
    }
    if !meta.is_file() {
        return Err(PyError::new(
            "OSError",
            format!(
                "slicelab reads only regular files, not a device, FIFO or socket: {}",
                str_repr(path)
            ),
        ));
    }
    let size = usize::try_from(meta.len()).unwrap_or(usize::MAX);
    buffer::python_room(size, 1)?;
    let mut file = std::fs::File::open(path).map_err(|e| os_error(&e, path))?;
    let mut out = Vec::new();
    out.try_reserve_exact(size)
        .map_err(|_| PyError::new("MemoryError", ""))?;
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        interrupt::check()?;
        let n = file.read(&mut chunk).map_err(|e| os_error(&e, path))?;
        if n == 0 {
            break;
        }
        // A file that grows while it is read is cut at its size when
        // opened: the allocation was sized for that.
        let room = size.saturating_sub(out.len());
        out.extend_from_slice(&chunk[..n.min(room)]);
        if n > room {
            break;
        }
    }
    Ok(out)
}

/// Create (truncate) `path` for writing, as Python's `open(path, 'w')`.
pub(super) fn create_file(path: &str) -> PyResult<std::fs::File> {
    super::npy::check_writes_allowed(path)?;
    std::fs::File::create(path).map_err(|e| os_error(&e, path))
}
