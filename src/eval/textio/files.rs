//! Files as NumPy's text and archive routines open them: the path a
//! value names, refusing compressed names NumPy would decompress, reading
//! a regular file whole (never a device or FIFO), creating one.

use std::io::Read;

use super::super::error::{PyError, PyResult};
use super::super::npy::literal::str_repr;
use super::super::value::Value;
use crate::engine::{buffer, interrupt};

pub(super) use super::super::npy::os_error;

/// A str argument (`fname`), or `None` when the value is not a str.
pub(super) fn path_of(v: &Value) -> Option<String> {
    match v {
        Value::Str(p) => Some(p.to_string()),
        _ => None,
    }
}

/// NumPy's `_datasource` opens `.gz`/`.bz2`/`.xz`/`.zip` paths through a
/// decompressor; slicelab does not, and says so rather than read the
/// compressed bytes as text.
pub(super) fn refuse_compressed(path: &str, func: &str) -> PyResult<()> {
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
pub(in crate::eval) fn read_regular_file(path: &str) -> PyResult<Vec<u8>> {
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
    super::super::npy::check_writes_allowed(path)?;
    std::fs::File::create(path).map_err(|e| os_error(&e, path))
}
