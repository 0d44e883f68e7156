//! `.npz` archives: `np.savez`/`np.savez_compressed` and the `NpzFile`
//! that `np.load` returns for a zip file, following
//! `numpy/lib/_npyio_impl.py` (`_savez`, `NpzFile`).
//!
//! The zip container is the `zip` crate's (deflate through `flate2`'s
//! pure-Rust backend): every member is written with zip64 extra fields, as
//! NumPy forces them, so NumPy reads slicelab's archives and slicelab
//! reads NumPy's. The bytes differ only where Python's `zipfile` puts the
//! time of writing and its own deflate stream.
//!
//! An `NpzFile` keeps the archive open and reads a member only when it is
//! asked for (`f['x']`), as NumPy's does, through the `.npy` reader with
//! the member's declared size as the limit, so a crafted archive (a huge
//! declared shape, a truncated or lying member, a bad CRC) is a one-line
//! error and never an allocation the data cannot back.

use super::super::object::NpzFile;
use super::super::object::Obj;
use std::cell::RefCell;
use std::io::{Read, Write};

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::literal::str_repr;
use super::{MAGIC, check_writes_allowed, encode_parts, os_error, read};
use crate::engine::{ArrayRef, buffer, interrupt};

/// How many names NumPy's repr lists before `...`.
const MAX_REPR_ARRAY_COUNT: usize = 5;

impl std::fmt::Debug for NpzFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NpzFile({:?})", self.files)
    }
}

/// `zipfile.BadZipFile` with Python's words.
fn bad_zip(message: impl Into<String>) -> PyError {
    PyError::new("BadZipFile", message)
}

fn zip_error(e: zip::result::ZipError, path: &str) -> PyError {
    use zip::result::ZipError;
    match e {
        ZipError::Io(io) if io.raw_os_error().is_some() => os_error(&io, path),
        ZipError::UnsupportedArchive(what) => PyError::new(
            "NotImplementedError",
            format!("slicelab cannot read this zip archive: {what}"),
        ),
        // Python's zipfile says this for every archive it cannot find
        // its way through (no end record, a cut or garbled directory).
        _ => bad_zip("File is not a zip file"),
    }
}

impl NpzFile {
    /// Open `path` (already known to start with a zip signature).
    pub fn open(path: &str, file: std::fs::File) -> PyResult<NpzFile> {
        let zip = zip::ZipArchive::new(file).map_err(|e| zip_error(e, path))?;
        let members: Vec<String> = zip
            .file_names()
            .map(|n| n.map(|n| n.into_owned()))
            .collect::<Result<_, _>>()
            .map_err(|e| zip_error(e, path))?;
        let files = members
            .iter()
            .map(|m| m.strip_suffix(".npy").unwrap_or(m).to_string())
            .collect();
        Ok(NpzFile {
            name: RefCell::new(Some(path.to_string())),
            files,
            members,
            zip: RefCell::new(Some(zip)),
        })
    }

    /// NumPy's repr: `NpzFile 'x.npz' with keys: a, b`.
    pub fn repr(&self) -> String {
        let name = self
            .name
            .borrow()
            .clone()
            .unwrap_or_else(|| "object".to_string());
        let mut names = self
            .files
            .iter()
            .take(MAX_REPR_ARRAY_COUNT)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if self.files.len() > MAX_REPR_ARRAY_COUNT {
            names.push_str("...");
        }
        format!("NpzFile {} with keys: {names}", str_repr(&name))
    }

    /// The stored member a key names (`'x'` or `'x.npy'`).
    fn member(&self, key: &str) -> Option<&str> {
        self.files
            .iter()
            .zip(&self.members)
            .find(|(f, m)| f.as_str() == key || m.as_str() == key)
            .map(|(_, m)| m.as_str())
    }

    /// `key in f`.
    pub fn contains(&self, key: &Value) -> bool {
        matches!(key, Value::Str(k) if self.member(k).is_some())
    }

    /// `f.close()` (and the end of a `with` block).
    pub fn close(&self) {
        self.zip.borrow_mut().take();
        self.name.borrow_mut().take();
    }

    /// `f[key]`: the member read now, an array when it is a `.npy`
    /// stream and its bytes otherwise.
    pub fn get(&self, key: &Value) -> PyResult<Value> {
        let shown = match key {
            Value::Str(k) => k.to_string(),
            other => super::super::display::str_of(other, &Default::default()),
        };
        let member = match key {
            Value::Str(k) => self.member(k),
            _ => None,
        };
        let Some(member) = member else {
            return Err(PyError::new(
                "KeyError",
                str_repr(&format!("{shown} is not a file in the archive")),
            ));
        };
        let mut guard = self.zip.borrow_mut();
        let Some(zip) = guard.as_mut() else {
            return Err(PyError::attribute("NoneType", "open"));
        };
        let path = self.name.borrow().clone().unwrap_or_default();
        let mut entry = zip.by_name(member).map_err(|e| zip_error(e, &path))?;
        let size = entry.size();
        let mut magic = Vec::with_capacity(MAGIC.len());
        (&mut entry)
            .take(MAGIC.len() as u64)
            .read_to_end(&mut magic)
            .map_err(|e| member_error(&e, member))?;
        if magic == MAGIC {
            let failed = std::rc::Rc::new(RefCell::new(None));
            let mut src = read::Source {
                reader: CrcReader {
                    inner: std::io::Read::chain(&magic[..], entry),
                    member: member.to_string(),
                    failed: failed.clone(),
                },
                remaining: Some(size),
            };
            let got = read::read_npy(&mut src);
            // Read on to the member's end, so its CRC is checked (Python's
            // zipfile checks it as the last byte is read).
            if got.is_ok() {
                let mut rest = vec![0u8; 1 << 16];
                while matches!(src.reader.read(&mut rest), Ok(n) if n > 0) {
                    interrupt::check()?;
                }
            }
            // A zip-level failure (bad CRC, corrupt deflate stream) is
            // the archive's error, not the `.npy` reader's.
            if let Some(e) = failed.borrow_mut().take() {
                return Err(e);
            }
            return got.map(Value::Array);
        }
        // Not an array: NumPy returns the member's bytes.
        let rest = usize::try_from(size).unwrap_or(usize::MAX);
        buffer::python_room(rest, 1)?;
        let mut out = magic;
        let mut chunk = vec![0u8; 1 << 16];
        loop {
            interrupt::check()?;
            let n = entry
                .read(&mut chunk)
                .map_err(|e| member_error(&e, member))?;
            if n == 0 || out.len() + n > rest {
                out.extend_from_slice(&chunk[..n.min(rest.saturating_sub(out.len()))]);
                break;
            }
            out.extend_from_slice(&chunk[..n]);
        }
        Ok(Value::Bytes(out.into()))
    }
}

/// A member's read error as Python's `zipfile` words it.
fn member_error(e: &std::io::Error, member: &str) -> PyError {
    let text = e.to_string();
    if text.to_ascii_lowercase().contains("checksum") || text.contains("CRC") {
        bad_zip(format!("Bad CRC-32 for file {}", str_repr(member)))
    } else {
        bad_zip(format!("Error reading {}: {text}", str_repr(member)))
    }
}

/// Maps the zip reader's errors (a bad CRC at the end of a member) to
/// `BadZipFile` before the `.npy` reader sees them.
struct CrcReader<R: Read> {
    inner: R,
    member: String,
    failed: std::rc::Rc<RefCell<Option<PyError>>>,
}

impl<R: Read> Read for CrcReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.inner.read(buf).inspect_err(|e| {
            *self.failed.borrow_mut() = Some(member_error(e, &self.member));
        })
    }
}

/// `np.savez(file, *args, **kwds)` / `np.savez_compressed`: keyword arrays
/// first, in the order given, then the positional ones as `arr_0`, ...
/// (NumPy adds them to the keywords' dict).
pub fn savez(path: &str, named: Vec<(String, ArrayRef)>, compress: bool) -> PyResult<()> {
    let path = if path.ends_with(".npz") {
        path.to_string()
    } else {
        format!("{path}.npz")
    };
    check_writes_allowed(&path)?;
    let file = std::fs::File::create(&path).map_err(|e| os_error(&e, &path))?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(if compress {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        })
        .large_file(true)
        .unix_permissions(0o600);
    let werr = |e: std::io::Error| os_error(&e, &path);
    for (key, a) in named {
        let (head, data) = encode_parts(&a)?;
        zip.start_file(format!("{key}.npy"), options)
            .map_err(|e| zip_error(e, &path))?;
        zip.write_all(&head).map_err(werr)?;
        let nbytes = data.size() * data.dtype().itemsize();
        let offset = data.layout().offset;
        let bytes = data.buffer().bytes();
        for chunk in bytes[offset..offset + nbytes].chunks(8 << 20) {
            interrupt::check()?;
            zip.write_all(chunk).map_err(werr)?;
        }
    }
    zip.finish().map_err(|e| zip_error(e, &path))?;
    Ok(())
}

/// The `NpzFile` an object value holds, if it is one.
pub fn npz_of(v: &Value) -> Option<&NpzFile> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::Npz(n) => Some(n),
            _ => None,
        },
        _ => None,
    }
}

/// The names, arrays or `(name, array)` pairs an `NpzFile` or one of its
/// views iterates over, read now.
pub fn npz_items(o: &Obj) -> Option<PyResult<Vec<Value>>> {
    let (v, kind) = match o {
        Obj::Npz(n) => return Some(Ok(n.files.iter().map(|f| Value::str(f)).collect())),
        Obj::NpzView(v, kind) => (v, *kind),
        _ => return None,
    };
    let n = npz_of(v)?;
    let keys = n.files.iter().map(|f| Value::str(f));
    Some(match kind {
        "keys" => Ok(keys.collect()),
        "values" => keys.map(|k| n.get(&k)).collect(),
        _ => keys
            .map(|k| Ok(Value::tuple(vec![k.clone(), n.get(&k)?])))
            .collect(),
    })
}
