//! NumPy's text and raw file routines (issue 17 item 5): `np.savetxt`
//! (`savetxt.rs`), `np.loadtxt` (`loadtxt.rs`, the C text reader's
//! tokenizer, conversions and messages), `np.genfromtxt` for bool, int
//! and float data (`genfromtxt.rs`) or each column's inferred type
//! (`genfromtxt_infer.rs`), `ndarray.tofile` and `np.fromfile` (`rawfile.rs`),
//! `np.savez`/`np.savez_compressed` (the archive itself is `npy/npz.rs`)
//! and `np.info` (`array_interface.rs`).
//!
//! Files are hostile input (issue 19): a path is read only when it is a
//! regular file whose size the allocator allows, so `/dev/zero`, a FIFO
//! or a directory is a one-line error at once; writes go only to the path
//! given, and not at all while a lesson's own lines run.

mod files;
mod genfromtxt;
mod genfromtxt_fields;
mod genfromtxt_infer;
mod genfromtxt_split;
mod loadtxt;
mod rawfile;
mod savetxt;

use super::error::{PyError, PyResult};
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::session::Session;

pub(super) use files::read_regular_file as read_whole_file;
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
        "fname dtype comments delimiter skip_header skip_footer missing_values filling_values usecols names defaultfmt autostrip unpack invalid_raise max_rows ndmin",
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
