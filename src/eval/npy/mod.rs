//! `np.save` and `np.load` of `.npy` files (format versions 1.0, 2.0 and
//! 3.0), byte-compatible with NumPy's `numpy.lib.format`: the same header
//! text and padding, so a saved file is identical to NumPy's for the same
//! array, and NumPy's error messages for bad files.
//!
//! A big-endian file (`'>i4'`) loads with its own dtype and bytes, as
//! NumPy's does, and saves back the same.

mod header;
pub(crate) mod literal;
pub(crate) mod npz;
pub(crate) mod read;

use std::io::{self, Write};

use literal::{Lit, str_repr};

use super::error::{PyError, PyResult};
pub(crate) use super::os_error::os_error;
use crate::engine::dtype::DType;
use crate::engine::{ArrayRef, Order, interrupt};

pub(crate) const MAGIC: &[u8] = b"\x93NUMPY";
const ALIGN: usize = 64;
/// NumPy leaves room in the header for the growing axis to reach this many
/// digits.
const GROWTH_AXIS_MAX_DIGITS: usize = 21;

thread_local! {
    /// Set while a lesson's own lines run: they may not write files.
    static WRITES_REFUSED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// While the returned guard lives, `np.save` on this thread raises
/// `PermissionError` (lesson `run:` and `check:` lines run under it, so a
/// lesson file cannot write outside).
pub fn refuse_file_writes() -> WritesRefused {
    let before = WRITES_REFUSED.with(|w| w.replace(true));
    WritesRefused { before }
}

/// Restores file writing when dropped; see [`refuse_file_writes`].
pub struct WritesRefused {
    before: bool,
}

impl Drop for WritesRefused {
    fn drop(&mut self) {
        WRITES_REFUSED.with(|w| w.set(self.before));
    }
}

/// `PermissionError` while a lesson's own lines run (they may not write
/// files); every routine that writes a file asks this first.
pub(crate) fn check_writes_allowed(path: &str) -> PyResult<()> {
    if WRITES_REFUSED.with(|w| w.get()) {
        return Err(PyError::new(
            "PermissionError",
            format!(
                "a lesson's own lines may not write files: {}",
                str_repr(path)
            ),
        ));
    }
    Ok(())
}

/// Write `a` to `path` as NumPy's `np.save` does (`.npy` is appended when
/// the name lacks it, as NumPy does for a str path). The data goes out in
/// chunks straight from the array's buffer, with Ctrl-C honoured between
/// them.
pub fn save(path: &str, a: &ArrayRef) -> PyResult<()> {
    let path = if path.ends_with(".npy") {
        path.to_string()
    } else {
        format!("{path}.npy")
    };
    check_writes_allowed(&path)?;
    let (head, data) = encode_parts(a)?;
    let mut file = std::fs::File::create(&path).map_err(|e| os_error(&e, &path))?;
    file.write_all(&head).map_err(|e| os_error(&e, &path))?;
    let nbytes = data.size() * data.dtype().itemsize();
    let offset = data.layout().offset;
    let bytes = data.buffer().bytes();
    for chunk in bytes[offset..offset + nbytes].chunks(8 << 20) {
        interrupt::check()?;
        file.write_all(chunk).map_err(|e| os_error(&e, &path))?;
    }
    Ok(())
}

/// Read an `.npy` file as NumPy's `np.load` does: the array is a view of a
/// flat owner (NumPy reshapes what it read), F-ordered when the header says
/// `fortran_order: True`. A FIFO or socket is refused (opening one would
/// wait for a writer); a device is read only as far as its header allows.
pub fn load(path: &str) -> PyResult<super::value::Value> {
    use std::os::unix::fs::FileTypeExt;
    let meta = std::fs::metadata(path).map_err(|e| os_error(&e, path))?;
    let kind = meta.file_type();
    if kind.is_fifo() || kind.is_socket() {
        return Err(PyError::new(
            "OSError",
            format!(
                "slicelab does not read from a FIFO or socket: {}",
                str_repr(path)
            ),
        ));
    }
    let mut file = std::fs::File::open(path).map_err(|e| os_error(&e, path))?;
    if kind.is_dir() {
        return Err(os_error(&io::Error::from_raw_os_error(21), path));
    }
    // A zip archive (NumPy's `_ZIP_PREFIX`, or `_ZIP_SUFFIX` for an empty
    // one) is an `.npz`: an `NpzFile` that reads members when asked.
    if kind.is_file() {
        use std::io::{Read, Seek};
        let mut prefix = Vec::new();
        (&mut file)
            .take(4)
            .read_to_end(&mut prefix)
            .map_err(|e| os_error(&e, path))?;
        if prefix == b"PK\x03\x04" || prefix == b"PK\x05\x06" {
            let npz = super::object::NpzFile::open(path, file)?;
            return Ok(super::object::object(super::object::Obj::Npz(npz)));
        }
        file.seek(io::SeekFrom::Start(0))
            .map_err(|e| os_error(&e, path))?;
    }
    let remaining = kind.is_file().then_some(meta.len());
    let mut src = read::Source {
        reader: io::BufReader::with_capacity(1 << 16, file),
        remaining,
    };
    read::read_npy(&mut src).map(super::value::Value::Array)
}

/// Parse a whole `.npy` file held in memory.
#[cfg(test)]
pub fn decode(bytes: &[u8]) -> PyResult<ArrayRef> {
    decode_prefix(bytes).map(|(a, _)| a)
}

/// Parse the `.npy` data at the start of `bytes` (an open file's content
/// from its position, as `np.load(f)` reads a handle): the array, and how
/// many bytes it took, so a second `np.load(f)` reads the next one.
pub(crate) fn decode_prefix(bytes: &[u8]) -> PyResult<(ArrayRef, usize)> {
    let mut src = read::Source {
        reader: bytes,
        remaining: Some(bytes.len() as u64),
    };
    let a = read::read_npy(&mut src)?;
    Ok((a, bytes.len() - src.reader.len()))
}

/// The whole file for `a`: magic, version, header, data (what `np.save`
/// writes to an open file).
pub fn encode(a: &ArrayRef) -> PyResult<Vec<u8>> {
    let (mut out, data) = encode_parts(a)?;
    let nbytes = data.size() * data.dtype().itemsize();
    let offset = data.layout().offset;
    out.extend_from_slice(&data.buffer().bytes()[offset..offset + nbytes]);
    Ok(out)
}

/// Magic, version and header for `a`, and the array whose buffer holds
/// the data contiguously from its offset (`a` itself, or a C copy).
pub(crate) fn encode_parts(a: &ArrayRef) -> PyResult<(Vec<u8>, ArrayRef)> {
    let descr = descr_of(a.dtype())?;
    let fortran = a.is_f_contiguous() && !a.is_c_contiguous();
    let shape = Lit::Tuple(a.shape().iter().map(|&n| Lit::Int(n as i128)).collect());
    let mut header = format!(
        "{{'descr': {}, 'fortran_order': {}, 'shape': {}, }}",
        descr.repr(),
        if fortran { "True" } else { "False" },
        shape.repr()
    );
    let growth_axis = if fortran {
        a.shape().last().copied()
    } else {
        a.shape().first().copied()
    };
    if let Some(n) = growth_axis {
        header.push_str(&" ".repeat(GROWTH_AXIS_MAX_DIGITS.saturating_sub(n.to_string().len())));
    }
    let data = if a.is_c_contiguous() || fortran {
        a.clone()
    } else {
        a.copy(Order::C)?
    };
    Ok((wrap_header(&header), data))
}

/// Magic, version, length and the header padded so the data starts at a
/// multiple of 64 bytes. Version 1.0 when the header fits in 65535 bytes of
/// latin-1, 2.0 when it is longer, 3.0 when it needs UTF-8.
fn wrap_header(header: &str) -> Vec<u8> {
    let latin1: Option<Vec<u8>> = header
        .chars()
        .map(|c| u8::try_from(c as u32).ok())
        .collect();
    let (encoded, utf8) = match latin1 {
        Some(b) => (b, false),
        None => (header.as_bytes().to_vec(), true),
    };
    let hlen = encoded.len() + 1;
    let padding = |len_bytes: usize| ALIGN - ((MAGIC.len() + 2 + len_bytes + hlen) % ALIGN);
    let fits_v1 = !utf8 && hlen + padding(2) <= usize::from(u16::MAX);
    let padlen = padding(if fits_v1 { 2 } else { 4 });
    let total = hlen + padlen;
    let mut out = MAGIC.to_vec();
    match (fits_v1, utf8) {
        (true, _) => {
            out.extend_from_slice(&[1, 0]);
            out.extend_from_slice(&(total as u16).to_le_bytes());
        }
        (false, utf8) => {
            out.extend_from_slice(&[if utf8 { 3 } else { 2 }, 0]);
            out.extend_from_slice(&(total as u32).to_le_bytes());
        }
    }
    out.extend_from_slice(&encoded);
    out.extend(std::iter::repeat_n(b' ', padlen));
    out.push(b'\n');
    out
}

/// NumPy's `dtype_to_descr`: `'<i8'` for a plain type, the field list for
/// a structured one, with `('', '|V n')` entries for gaps.
fn descr_of(dt: &DType) -> PyResult<Lit> {
    let DType::Record(r) = dt else {
        return Ok(Lit::Str(dt.descr()));
    };
    if r.fields().is_empty() {
        return Ok(Lit::Str(dt.descr()));
    }
    let mut items = Vec::new();
    let mut at = 0;
    for f in r.fields().iter() {
        if f.offset < at {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab cannot save a structured dtype whose fields overlap or are out of order; save a copy made with np.array(a.tolist(), dtype=...)",
            ));
        }
        if f.offset > at {
            items.push(Lit::Tuple(vec![
                Lit::Str(String::new()),
                Lit::Str(format!("|V{}", f.offset - at)),
            ]));
        }
        let mut entry = vec![Lit::Str(f.name.clone()), descr_of(&f.dtype)?];
        if !f.shape.is_empty() {
            entry.push(Lit::Tuple(
                f.shape.iter().map(|&n| Lit::Int(n as i128)).collect(),
            ));
        }
        items.push(Lit::Tuple(entry));
        at = f.offset + f.nbytes();
    }
    if r.itemsize > at {
        items.push(Lit::Tuple(vec![
            Lit::Str(String::new()),
            Lit::Str(format!("|V{}", r.itemsize - at)),
        ]));
    }
    Ok(Lit::List(items))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::NdArray;

    #[test]
    fn header_is_numpys() {
        let a = NdArray::zeros(&[3], DType::Int64).unwrap();
        let bytes = encode(&a).unwrap();
        let head = &bytes[..128];
        let want =
            b"\x93NUMPY\x01\x00v\x00{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }";
        assert_eq!(&head[..want.len()], want);
        assert_eq!(head[127], b'\n');
        assert_eq!(bytes.len(), 128 + 24);
    }

    #[test]
    fn round_trip_in_memory() {
        let a = NdArray::zeros(&[2, 3], DType::Float32).unwrap();
        let b = decode(&encode(&a).unwrap()).unwrap();
        assert_eq!(b.shape(), vec![2, 3]);
        assert_eq!(*b.dtype(), DType::Float32);
        assert!(
            b.base().is_some(),
            "a view of the flat array read, as NumPy"
        );
    }

    #[test]
    fn bad_files_give_numpys_errors() {
        let msg = |b: &[u8]| decode(b).unwrap_err().to_string();
        assert_eq!(msg(b""), "EOFError: No data left in file");
        assert!(msg(b"hello\n").starts_with("ValueError: This file contains pickled"));
        assert_eq!(
            msg(b"\x93NUMPY\x04\x00"),
            "ValueError: we only support format version (1,0), (2,0), and (3,0), not (4, 0)"
        );
        assert_eq!(
            msg(b"\x93NUMPY\x01\x00\x10\x00{bad header}   \n"),
            "ValueError: Cannot parse header: '{bad header}   \\n'"
        );
        assert_eq!(
            msg(b"\x93NUMPY\x01\x00\x09\x00{'a': 1}\n"),
            "ValueError: Header does not contain the correct keys: ['a']"
        );
        let a = NdArray::zeros(&[3], DType::Int64).unwrap();
        let bytes = encode(&a).unwrap();
        assert_eq!(
            msg(&bytes[..140]),
            "ValueError: Failed to read all data for array. Expected (3,) = 3 elements, could only read 1 elements. (file seems not fully written?)"
        );
    }

    #[test]
    fn missing_file_is_file_not_found() {
        let e = load("/nonexistent-dir/x.npy").unwrap_err();
        assert_eq!(
            e.to_string(),
            "FileNotFoundError: [Errno 2] No such file or directory: '/nonexistent-dir/x.npy'"
        );
    }
}
