//! Reading an `.npy` stream as NumPy's `np.load` does, defensively: the
//! magic, version and header are read and checked before anything is
//! allocated for the data; the size the header promises is compared with
//! what the file holds before the data is read; the data is read straight
//! into the array's buffer in chunks, looking at Ctrl-C between them. A
//! source of unknown length (a device) is read only as far as the header
//! promises, so `/dev/zero` costs nothing.

use std::io::Read;

use super::MAGIC;
use super::header::{self, Header};
use crate::engine::buffer::may_allocate;
use crate::engine::error::EngineError;
use crate::engine::layout::{Layout, c_strides, f_strides};
use crate::engine::{ArrayRef, NdArray, interrupt};
use crate::eval::error::{PyError, PyResult};

/// Bytes read between two looks at Ctrl-C.
const CHUNK: usize = 8 << 20;

/// A negative element count makes NumPy read to the end of the file; from
/// a source of unknown length slicelab counts at most this many bytes.
const MAX_UNKNOWN_LENGTH: u64 = 1 << 30;

/// The stream being read, with what is left of it when that is known (a
/// regular file).
pub struct Source<R: Read> {
    pub reader: R,
    pub remaining: Option<u64>,
}

impl<R: Read> Source<R> {
    /// Up to `want` bytes (fewer at the end of the stream).
    fn take(&mut self, want: usize) -> PyResult<Vec<u8>> {
        let mut out = Vec::new();
        let n = self.fill(&mut out, want)?;
        out.truncate(n);
        Ok(out)
    }

    /// Append up to `want` bytes to `out`, growing it only as bytes arrive;
    /// how many came.
    fn fill(&mut self, out: &mut Vec<u8>, want: usize) -> PyResult<usize> {
        let got = (&mut self.reader)
            .take(want as u64)
            .read_to_end(out)
            .map_err(|e| PyError::new("OSError", e.to_string()))?;
        self.consumed(got);
        Ok(got)
    }

    fn consumed(&mut self, n: usize) {
        if let Some(r) = &mut self.remaining {
            *r = r.saturating_sub(n as u64);
        }
    }

    /// Read into `dest` until it is full or the stream ends; bytes read.
    fn read_into(&mut self, dest: &mut [u8]) -> PyResult<usize> {
        let mut done = 0;
        while done < dest.len() {
            interrupt::check()?;
            let end = (done + CHUNK).min(dest.len());
            match self.reader.read(&mut dest[done..end]) {
                Ok(0) => break,
                Ok(n) => done += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(PyError::new("OSError", e.to_string())),
            }
        }
        self.consumed(done);
        Ok(done)
    }

    /// Bytes left: known, or counted (without keeping them) up to a limit.
    fn bytes_left(&mut self) -> PyResult<u64> {
        if let Some(r) = self.remaining {
            return Ok(r);
        }
        let mut sink = vec![0u8; 1 << 16];
        let mut total = 0u64;
        while total < MAX_UNKNOWN_LENGTH {
            interrupt::check()?;
            match self.reader.read(&mut sink) {
                Ok(0) => break,
                Ok(n) => total += n as u64,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(PyError::new("OSError", e.to_string())),
            }
        }
        Ok(total)
    }
}

fn eof(what: &str, want: usize, got: usize) -> PyError {
    PyError::value(format!(
        "EOF: reading {what}, expected {want} bytes got {got}"
    ))
}

/// Read one array from `src`.
pub fn read_npy<R: Read>(src: &mut Source<R>) -> PyResult<ArrayRef> {
    let prefix = src.take(MAGIC.len())?;
    if prefix.is_empty() {
        return Err(PyError::new("EOFError", "No data left in file"));
    }
    if prefix.starts_with(b"PK\x03\x04") || prefix.starts_with(b"PK\x05\x06") {
        return Err(PyError::new(
            "NotImplementedError",
            "this is an .npz archive; slicelab reads single-array .npy files only",
        ));
    }
    if prefix != MAGIC {
        return Err(PyError::value(
            "This file contains pickled (object) data. If you trust the file you can load it unsafely using the `allow_pickle=` keyword argument or `pickle.load()`.",
        ));
    }
    let version = src.take(2)?;
    if version.len() < 2 {
        return Err(eof("magic string", 8, MAGIC.len() + version.len()));
    }
    let (major, minor) = (version[0], version[1]);
    let len_bytes = match (major, minor) {
        (1, 0) => 2,
        (2, 0) | (3, 0) => 4,
        _ => {
            return Err(PyError::value(format!(
                "we only support format version (1,0), (2,0), and (3,0), not ({major}, {minor})"
            )));
        }
    };
    let raw_len = src.take(len_bytes)?;
    if raw_len.len() < len_bytes {
        return Err(eof("array header length", len_bytes, raw_len.len()));
    }
    let hlen = if len_bytes == 2 {
        usize::from(u16::from_le_bytes([raw_len[0], raw_len[1]]))
    } else {
        u32::from_le_bytes([raw_len[0], raw_len[1], raw_len[2], raw_len[3]]) as usize
    };
    let text = read_header_text(src, hlen, major)?;
    let header = header::read_header(&text, major)?;
    read_data(src, header)
}

/// The header's text: read whole when it may be short enough to load, and
/// otherwise only counted (NumPy reads it, then refuses its length).
fn read_header_text<R: Read>(src: &mut Source<R>, hlen: usize, major: u8) -> PyResult<String> {
    if let Some(left) = src.remaining
        && (left as usize) < hlen
    {
        return Err(eof("array header", hlen, left as usize));
    }
    let keep = hlen.min(4 * header::MAX_HEADER_SIZE + 4);
    let mut raw = src.take(keep)?;
    let (mut extra_bytes, mut extra_chars) = (0usize, 0usize);
    while raw.len() + extra_bytes < hlen {
        interrupt::check()?;
        let mut chunk = Vec::new();
        let n = src.fill(&mut chunk, (hlen - raw.len() - extra_bytes).min(CHUNK))?;
        if n == 0 {
            break;
        }
        extra_bytes += n;
        extra_chars += if major == 3 {
            chunk.iter().filter(|&&b| b & 0xc0 != 0x80).count()
        } else {
            n
        };
    }
    if raw.len() + extra_bytes < hlen {
        return Err(eof("array header", hlen, raw.len() + extra_bytes));
    }
    let mut text = if major == 3 {
        use crate::eval::codecs::{Codec, Errors, decode};
        decode(&raw, Codec::Utf8, Ok(Errors::Strict))?
    } else {
        raw.drain(..).map(char::from).collect()
    };
    // Past the kept bytes only the length matters: stand-in characters.
    text.extend(std::iter::repeat_n(' ', extra_chars));
    Ok(text)
}

/// NumPy's `read_array` after the header: the size check, then the data.
fn read_data<R: Read>(src: &mut Source<R>, header: Header) -> PyResult<ArrayRef> {
    let Header {
        file_type,
        fortran,
        shape_lit,
        dims,
        count,
    } = header;
    let itemsize = file_type.dtype.itemsize();
    let short = |got: u64| {
        PyError::value(format!(
            "Failed to read all data for array. Expected {} = {count} elements, could only read {got} elements. (file seems not fully written?)",
            shape_lit.repr()
        ))
    };
    if count < 0 {
        // NumPy reads to the end of the file, which never matches.
        let left = src.bytes_left()?;
        return Err(short(left.checked_div(itemsize as u64).unwrap_or(0)));
    }
    let n = count as usize;
    let nbytes = (n as u128) * itemsize as u128;
    if nbytes > isize::MAX as u128 {
        return Err(PyError::value(
            "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
        ));
    }
    if !may_allocate(nbytes as usize) {
        return Err(EngineError::OutOfMemory {
            nbytes,
            shape: vec![n],
            dtype: file_type.dtype.name(),
        }
        .into());
    }
    let nbytes = nbytes as usize;
    if let Some(left) = src.remaining
        && left < nbytes as u64
        && itemsize > 0
    {
        return Err(short(left / itemsize as u64));
    }
    let owner = NdArray::zeros(&[n], file_type.dtype.clone())?;
    {
        let mut buf = owner.buffer().bytes_mut();
        let got = src.read_into(&mut buf[..nbytes])?;
        if got < nbytes {
            return Err(short((got / itemsize.max(1)) as u64));
        }
    }
    let shape = header::final_shape(&dims, count)?;
    let strides = if fortran {
        f_strides(&shape, itemsize)
    } else {
        c_strides(&shape, itemsize)
    };
    Ok(NdArray::view(
        &owner,
        file_type.dtype,
        Layout {
            shape,
            strides,
            offset: 0,
        },
    ))
}
