//! A file object's state and the operations on it that need nothing
//! but the object (behaviour the evaluator's `pyfile.rs` builds on, and
//! NumPy's readers and writers call): reading lines and items from the
//! position, writing at it, flushing a disk file's content back, closing.
//! A leaf, so the low layers (iteration, `with`) reach a file without the
//! routines that open one.

use super::codecs::Codec;
use super::error::{PyError, PyResult};
use super::object::{FileKind, FileObj, Obj};
use super::value::Value;

/// `io.UnsupportedOperation`, which Python's prompt names by its first
/// builtin base class.
pub(super) fn unsupported(what: &str) -> PyError {
    PyError::new("OSError", what)
}

pub(super) fn closed_error() -> PyError {
    PyError::value("I/O operation on closed file.")
}

/// The file object `v` holds, if it is one.
pub fn of(v: &Value) -> Option<&FileObj> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::File(f) => Some(f),
            _ => None,
        },
        _ => None,
    }
}

/// `text` in the file's codec, with Python's error for a character it
/// lacks.
fn encode(text: &str, codec: Codec) -> PyResult<Vec<u8>> {
    Ok(super::codecs::encode(
        text,
        codec,
        Ok(super::codecs::Errors::Strict),
    )?)
}

/// Room for `extra` more bytes in `v`, or `MemoryError` (never an abort).
pub(super) fn room(v: &mut Vec<u8>, extra: usize) -> PyResult<()> {
    crate::engine::buffer::python_room(v.len().saturating_add(extra), 1)?;
    v.try_reserve(extra)
        .map_err(|_| PyError::new("MemoryError", ""))
}

/// A copy of `bytes`, or `MemoryError`.
pub(super) fn copy_bytes(bytes: &[u8]) -> PyResult<Vec<u8>> {
    let mut out = Vec::new();
    room(&mut out, bytes.len())?;
    out.extend_from_slice(bytes);
    Ok(out)
}

impl FileObj {
    /// `next(f)`: the next line, or `StopIteration` at the end.
    pub fn next_line(&self) -> PyResult<Value> {
        self.check_readable()?;
        let line = self.take(None, Some(b'\n'))?;
        if line.is_empty() {
            return Err(PyError::new("StopIteration", ""));
        }
        Ok(self.item(line))
    }

    pub(crate) fn check_open(&self) -> PyResult<()> {
        if self.closed.get() {
            return Err(closed_error());
        }
        Ok(())
    }

    pub(super) fn check_readable(&self) -> PyResult<()> {
        self.check_open()?;
        if !self.readable {
            return Err(unsupported("not readable"));
        }
        if let Some(e) = self.pending.borrow_mut().take() {
            return Err(e);
        }
        Ok(())
    }

    pub(super) fn check_writable(&self) -> PyResult<()> {
        self.check_open()?;
        if !self.writable {
            return Err(unsupported("not writable"));
        }
        Ok(())
    }

    /// The next `limit` items (characters in text mode, bytes otherwise)
    /// up to and including `stop` when given; the position moves past them.
    pub(super) fn take(&self, limit: Option<usize>, stop: Option<u8>) -> PyResult<Vec<u8>> {
        let data = self.data.borrow();
        let start = self.pos.get().min(data.len());
        let rest = &data[start..];
        let mut end = match stop.and_then(|s| rest.iter().position(|b| *b == s)) {
            Some(k) => k + 1,
            None => rest.len(),
        };
        if let Some(n) = limit {
            end = if self.text {
                // `n` characters: stop before the (n+1)th char start.
                let mut chars = 0;
                let mut at = end;
                for (k, b) in rest[..end].iter().enumerate() {
                    if b & 0xc0 != 0x80 {
                        if chars == n {
                            at = k;
                            break;
                        }
                        chars += 1;
                    }
                }
                at
            } else {
                end.min(n)
            };
        }
        self.pos.set(start + end);
        copy_bytes(&rest[..end])
    }

    pub(super) fn item(&self, bytes: Vec<u8>) -> Value {
        if self.text {
            Value::str(&String::from_utf8_lossy(&bytes))
        } else {
            Value::Bytes(bytes.into())
        }
    }

    /// Every line from the position on (the position moves to the end):
    /// what iterating the file gives.
    pub fn lines(&self) -> PyResult<Vec<Value>> {
        self.check_readable()?;
        let mut out = Vec::new();
        loop {
            crate::engine::interrupt::check()?;
            let line = self.take(None, Some(b'\n'))?;
            if line.is_empty() {
                return Ok(out);
            }
            out.push(self.item(line));
        }
    }

    /// The rest of a text file as text, for NumPy's readers.
    pub fn rest_text(&self) -> PyResult<String> {
        self.check_readable()?;
        let bytes = self.take(None, None)?;
        if self.text {
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        } else {
            // NumPy reads a binary handle as latin-1 text.
            Ok(crate::engine::element::latin1_text(&bytes))
        }
    }

    /// Writes `bytes` at the position (at the end in append mode); past
    /// the end, the gap is zeros, as Python's files leave it.
    pub(super) fn put(&self, bytes: &[u8]) -> PyResult<()> {
        let mut data = self.data.borrow_mut();
        let at = if self.append {
            data.len()
        } else {
            self.pos.get()
        };
        let grow = (at.saturating_add(bytes.len())).saturating_sub(data.len());
        room(&mut data, grow)?;
        if at > data.len() {
            data.resize(at, 0);
        }
        let end = at + bytes.len();
        let overlap = end.min(data.len());
        data[at..overlap].copy_from_slice(&bytes[..overlap - at]);
        data.extend_from_slice(&bytes[overlap - at..]);
        self.pos.set(end);
        self.dirty.set(true);
        Ok(())
    }

    /// `f.write(text)` of a text file, as NumPy's `savetxt` calls it.
    pub fn write_text(&self, text: &str) -> PyResult<()> {
        self.check_writable()?;
        if self.text {
            encode(text, self.codec)?;
            self.put(text.as_bytes())?;
        } else {
            self.put(text.as_bytes())?;
        }
        Ok(())
    }

    /// `f.write(data)` of bytes, as `np.save(f, a)` calls it.
    pub fn write_bytes(&self, bytes: &[u8]) -> PyResult<()> {
        self.check_writable()?;
        if self.text {
            return Err(self.not_str("bytes"));
        }
        self.put(bytes)
    }

    /// The error of a text file's `write` given something not a str.
    pub(super) fn not_str(&self, got: &str) -> PyError {
        PyError::type_error(if matches!(self.kind, FileKind::StringIo) {
            format!("string argument expected, got '{got}'")
        } else {
            format!("write() argument must be str, not {got}")
        })
    }

    /// Writes the content back to the disk file, if it changed.
    pub(super) fn flush_to_disk(&self) -> PyResult<()> {
        let FileKind::Disk(path) = &self.kind else {
            return Ok(());
        };
        if !self.dirty.get() {
            return Ok(());
        }
        let data = self.data.borrow();
        let bytes = if self.text && self.codec != Codec::Utf8 {
            encode(&String::from_utf8_lossy(&data), self.codec)?
        } else {
            data.clone()
        };
        std::fs::write(path, bytes).map_err(|e| super::os_error::os_error(&e, path))?;
        self.dirty.set(false);
        Ok(())
    }

    /// `f.close()`: flushes, then refuses further use.
    pub fn close(&self) -> PyResult<()> {
        if self.closed.get() {
            return Ok(());
        }
        let r = self.flush_to_disk();
        self.closed.set(true);
        r
    }

    /// A character offset of a `StringIO` as a byte offset.
    pub(super) fn char_to_byte(&self, chars: usize) -> usize {
        let data = self.data.borrow();
        let mut seen = 0;
        for (k, b) in data.iter().enumerate() {
            if b & 0xc0 != 0x80 {
                if seen == chars {
                    return k;
                }
                seen += 1;
            }
        }
        data.len() + (chars - seen)
    }

    /// A byte offset as a `StringIO` counts it (characters); other
    /// files count bytes.
    pub(super) fn byte_to_char(&self, at: usize) -> usize {
        if !matches!(self.kind, FileKind::StringIo) {
            return at;
        }
        let data = self.data.borrow();
        let end = at.min(data.len());
        data[..end].iter().filter(|b| *b & 0xc0 != 0x80).count() + (at - end)
    }

    pub(super) fn tell(&self) -> usize {
        self.byte_to_char(self.pos.get())
    }
}

impl Drop for FileObj {
    /// A file dropped unclosed is flushed, as CPython's finaliser does
    /// (`open('t.txt', 'w').write('1 2')` writes the file).
    fn drop(&mut self) {
        if !self.closed.get() {
            // Nowhere to report a failure from a finaliser.
            let _ = self.flush_to_disk();
        }
    }
}
