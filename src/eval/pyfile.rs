//! Python's file objects: `open(...)` of a disk file in text or binary
//! mode, and `io.StringIO`/`io.BytesIO` in memory — the files tutorials
//! write a small CSV into and hand to `np.loadtxt`, `np.genfromtxt` or
//! `np.savetxt`.
//!
//! A file's content is held in memory while it is open (`FileObj::data`):
//! reading reads a regular file whole when it is opened (through the same
//! guard as NumPy's readers, so a device, FIFO or oversized file is a
//! one-line error), and writing writes the content back when the file is
//! flushed, closed or dropped — as CPython's buffered files do for the
//! small files a session writes. Opening for writing truncates or creates
//! the file at once, as Python does, and is refused while a lesson's own
//! lines run. Positions are byte offsets; a `StringIO` counts characters,
//! as Python's does.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::codecs::Errors::Strict;
use super::error::{PyError, PyResult};
use super::file_state::{copy_bytes, unsupported};
use super::npy::literal::str_repr;
use super::object::{FileKind, FileObj, Obj, object};

use super::value::Value;
use crate::eval::args::Args;
use crate::eval::signature::{Style, bind};

/// What `mode` asks for, checked as CPython's `io.open` checks it.
struct Mode {
    text: bool,
    /// 'r' and 'a' keep what the file holds; 'w' and 'x' start empty.
    keeps: bool,
    read: bool,
    write: bool,
    append: bool,
    create: bool,
    update: bool,
}

fn parse_mode(mode: &str) -> PyResult<Mode> {
    let mut seen = String::new();
    for c in mode.chars() {
        if !"axrwb+t".contains(c) || seen.contains(c) {
            return Err(PyError::value(format!("invalid mode: {}", str_repr(mode))));
        }
        seen.push(c);
    }
    let has = |c| seen.contains(c);
    if has('t') && has('b') {
        return Err(PyError::value("can't have text and binary mode at once"));
    }
    let kinds = ['x', 'r', 'w', 'a'].iter().filter(|c| has(**c)).count();
    if kinds != 1 {
        return Err(PyError::value(
            "must have exactly one of create/read/write/append mode",
        ));
    }
    Ok(Mode {
        text: !has('b'),
        keeps: has('r') || has('a'),
        read: has('r') || has('+'),
        write: has('w') || has('a') || has('x') || has('+'),
        append: has('a'),
        create: has('x'),
        update: has('+'),
    })
}

/// Python's universal newlines on reading: `\r\n` and `\r` become `\n`.
fn universal_newlines(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// The builtin `open`'s signature.
pub const OPEN_SIGNATURE: &str = "open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None)";

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None,
/// newline=None, closefd=True, opener=None)`.
pub fn open(args: &Args) -> PyResult<Value> {
    let b = bind(OPEN_SIGNATURE, Style::Python, args)?;
    let path = match b.required("file") {
        Value::Str(p) => p.to_string(),
        Value::Int(_) => {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab opens files by name, not by file descriptor",
            ));
        }
        other => {
            return Err(PyError::type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                other.type_name()
            )));
        }
    };
    let mode_text = match b.get("mode") {
        None => "r".to_string(),
        Some(Value::Str(m)) => m.to_string(),
        Some(other) => {
            return Err(PyError::type_error(format!(
                "open() argument 'mode' must be str, not {}",
                other.type_name()
            )));
        }
    };
    let mode = parse_mode(&mode_text)?;
    let encoding = match b.get_some("encoding") {
        Some(_) if !mode.text => {
            return Err(PyError::value(
                "binary mode doesn't take an encoding argument",
            ));
        }
        Some(Value::Str(e)) => Some(e.to_string()),
        Some(other) => {
            return Err(PyError::type_error(format!(
                "open() argument 'encoding' must be str or None, not {}",
                other.type_name()
            )));
        }
        None => None,
    };
    for name in ["errors", "newline", "opener"] {
        b.refuse(name)?;
    }
    if let Some(Value::Bool(false)) = b.get("closefd") {
        return Err(PyError::value("Cannot use closefd=False with file name"));
    }
    let codec = super::codecs::lookup(encoding.as_deref().unwrap_or("utf-8"))?;
    if mode.write {
        super::npy::check_writes_allowed(&path)?;
        // Opening a FIFO to write waits for a reader: refused, never a hang.
        if let Ok(meta) = std::fs::metadata(&path)
            && !meta.is_file()
            && !meta.is_dir()
        {
            return Err(PyError::new(
                "OSError",
                format!(
                    "slicelab writes only regular files, not a device, FIFO or socket: {}",
                    str_repr(&path)
                ),
            ));
        }
    }
    let existing = if mode.keeps {
        match super::textio::read_whole_file(&path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind == "FileNotFoundError" && mode.append => None,
            Err(e) => return Err(e),
        }
    } else {
        None
    };
    if mode.create {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| super::npy::os_error(&e, &path))?;
    } else if mode.write && !(mode.update && mode_text.contains('r')) {
        // 'w' truncates at once, 'a' creates a missing file; 'r+' needs
        // the file to be there already (it was read above).
        let mut o = std::fs::OpenOptions::new();
        o.write(true).create(true);
        if mode_text.contains('w') {
            o.truncate(true);
        }
        o.open(&path).map_err(|e| super::npy::os_error(&e, &path))?;
    }
    let mut pending = None;
    let data = match existing {
        Some(bytes) if mode.text => {
            match super::codecs::decode(&bytes, codec, Ok(Strict)).map_err(PyError::from) {
                Ok(text) => universal_newlines(text).into_bytes(),
                // Writing rewrites the whole content: text slicelab cannot
                // read back must not be lost, so the error comes at once.
                Err(e) if mode.write => return Err(e),
                Err(e) => {
                    pending = Some(e);
                    Vec::new()
                }
            }
        }
        Some(bytes) => bytes,
        None => Vec::new(),
    };
    let pos = if mode.append { data.len() } else { 0 };
    Ok(object(Obj::File(FileObj {
        kind: FileKind::Disk(path),
        mode: mode_text,
        text: mode.text,
        readable: mode.read,
        writable: mode.write,
        append: mode.append,
        encoding: encoding.unwrap_or_else(|| "UTF-8".into()),
        codec,
        data: RefCell::new(data),
        pos: Cell::new(pos),
        closed: Cell::new(false),
        dirty: Cell::new(false),
        pending: RefCell::new(pending),
    })))
}

/// `io.StringIO(initial_value='', newline='\n')` and
/// `io.BytesIO(initial_bytes=b'')`.
pub fn memory_file(text: bool, args: &Args) -> PyResult<Value> {
    let data = if text {
        let b = bind(
            "StringIO(initial_value='', newline='\\n')",
            Style::CArgs { named: true },
            args,
        )?;
        if b.get("newline")
            .is_some_and(|n| !matches!(n, Value::Str(s) if s.as_ref() == "\n"))
        {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab does not implement the 'newline' argument of StringIO()",
            ));
        }
        match b.get("initial_value") {
            None | Some(Value::None) => Vec::new(),
            Some(Value::Str(s)) => s.as_bytes().to_vec(),
            Some(other) => {
                return Err(PyError::type_error(format!(
                    "initial_value must be str or None, not {}",
                    other.type_name()
                )));
            }
        }
    } else {
        let b = bind(
            "BytesIO(initial_bytes=b'')",
            Style::CArgs { named: true },
            args,
        )?;
        match b.get("initial_bytes") {
            None | Some(Value::None) => Vec::new(),
            Some(v) => bytes_like(v)?,
        }
    };
    Ok(object(Obj::File(FileObj {
        kind: if text {
            FileKind::StringIo
        } else {
            FileKind::BytesIo
        },
        mode: String::new(),
        text,
        readable: true,
        writable: true,
        append: false,
        encoding: String::new(),
        codec: super::codecs::Codec::Utf8,
        data: RefCell::new(data),
        pos: Cell::new(0),
        closed: Cell::new(false),
        dirty: Cell::new(false),
        pending: RefCell::new(None),
    })))
}

/// The bytes of a bytes-like value (`bytes`, `bytearray`).
fn bytes_like(v: &Value) -> PyResult<Vec<u8>> {
    match v {
        Value::Bytes(b) => Ok(b.to_vec()),
        Value::Object(o) if let Obj::ByteArray(b) = o.as_ref() => Ok(b.to_vec()),
        other => Err(PyError::type_error(format!(
            "a bytes-like object is required, not '{}'",
            other.type_name()
        ))),
    }
}

/// `np.load(f)` of an open binary file: the `.npy` array at the position,
/// which moves past it (so several arrays saved to one file load in turn).
pub fn load_npy(f: &FileObj) -> PyResult<Value> {
    f.check_readable()?;
    if f.text {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.load reads a file opened in binary mode ('rb'), not text",
        ));
    }
    let start = f.pos.get().min(f.data.borrow().len());
    let (a, used) = {
        let data = f.data.borrow();
        if data[start..].starts_with(b"PK") {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab's np.load reads an .npz archive by its file name, not from an open file",
            ));
        }
        if data.len() == start {
            return Err(PyError::new("EOFError", "No data left in file"));
        }
        super::npy::decode_prefix(&data[start..])?
    };
    f.pos.set(start + used);
    Ok(Value::Array(a))
}

/// `f.NAME` for a file's attributes; its methods are `Value::Method`s.
pub fn attr(f: &FileObj, obj: &Value, name: &str) -> PyResult<Value> {
    let memory = !matches!(f.kind, FileKind::Disk(_));
    Ok(match name {
        "closed" => Value::Bool(f.closed.get()),
        "name" if let FileKind::Disk(p) = &f.kind => Value::str(p),
        "mode" if !memory => Value::str(&f.mode),
        "encoding" if f.text && !memory => Value::str(&f.encoding),
        "getvalue" if memory => Value::Method(Rc::new(obj.clone()), Rc::from(name)),
        "read" | "readline" | "readlines" | "write" | "writelines" | "seek" | "tell" | "close"
        | "flush" | "readable" | "writable" | "seekable" | "__enter__" | "__exit__"
        | "__iter__" | "__next__" => Value::Method(Rc::new(obj.clone()), Rc::from(name)),
        _ => {
            let t = f.type_path();
            return Err(PyError::attribute(t.trim_start_matches("_io."), name));
        }
    })
}

/// The one positional argument of `f.write(x)` and `f.writelines(x)`.
fn one_arg<'a>(name: &str, args: &'a Args) -> PyResult<&'a Value> {
    match &args.pos[..] {
        [v] => Ok(v),
        _ => Err(PyError::type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            args.pos.len()
        ))),
    }
}

/// A `size`/`hint` argument: an int, or None for "all".
fn size_arg(v: Option<&Value>) -> PyResult<Option<usize>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Int(n)) => Ok(usize::try_from(*n).ok()),
        Some(Value::Bool(b)) => Ok(Some(*b as usize)),
        Some(other) => Err(PyError::type_error(format!(
            "argument should be integer or None, not '{}'",
            other.type_name()
        ))),
    }
}

/// Calls `f.NAME(...)`; `None` when `name` is not a file method.
pub fn method(f: &FileObj, obj: &Value, name: &str, args: &Args) -> PyResult<Option<Value>> {
    let no_args = |n: &str| -> PyResult<()> {
        if !args.pos.is_empty() || !args.kw.is_empty() {
            return Err(PyError::type_error(format!(
                "{n}() takes no arguments ({} given)",
                args.pos.len() + args.kw.len()
            )));
        }
        Ok(())
    };
    Ok(Some(match name {
        "read" => {
            f.check_readable()?;
            let n = size_arg(args.pos.first().or(args.kw.first().map(|(_, v)| v)))?;
            f.item(f.take(n, None)?)
        }
        "readline" => {
            f.check_readable()?;
            let n = size_arg(args.pos.first().or(args.kw.first().map(|(_, v)| v)))?;
            f.item(f.take(n, Some(b'\n'))?)
        }
        "readlines" => {
            let hint = size_arg(args.pos.first().or(args.kw.first().map(|(_, v)| v)))?;
            match hint.filter(|h| *h > 0) {
                None => Value::list(f.lines()?),
                Some(h) => {
                    f.check_readable()?;
                    let mut out = Vec::new();
                    let mut total = 0;
                    while total < h {
                        let line = f.take(None, Some(b'\n'))?;
                        if line.is_empty() {
                            break;
                        }
                        total += line.len();
                        out.push(f.item(line));
                    }
                    Value::list(out)
                }
            }
        }
        "write" => {
            let v = one_arg("write", args)?;
            f.check_writable()?;
            if f.text {
                let Value::Str(s) = v else {
                    return Err(f.not_str(&v.type_name()));
                };
                f.write_text(s)?;
                Value::Int(s.chars().count() as i128)
            } else {
                let bytes = bytes_like(v)?;
                f.put(&bytes)?;
                Value::Int(bytes.len() as i128)
            }
        }
        "writelines" => {
            let v = one_arg("writelines", args)?;
            f.check_writable()?;
            for line in super::protocol::iterate(v)? {
                method(
                    f,
                    obj,
                    "write",
                    &Args {
                        pos: vec![line],
                        kw: vec![],
                    },
                )?;
            }
            Value::None
        }
        "seek" => {
            f.check_open()?;
            let b = bind("seek(pos, whence=0)", Style::CVarArgs { named: true }, args)?;
            let at = match b.required("pos") {
                Value::Int(n) => *n,
                Value::Bool(x) => *x as i128,
                other => {
                    return Err(PyError::type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        other.type_name()
                    )));
                }
            };
            let whence = match b.get("whence") {
                None => 0,
                Some(Value::Int(w)) => *w,
                Some(other) => {
                    return Err(PyError::type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        other.type_name()
                    )));
                }
            };
            // A StringIO counts in characters, other files in bytes.
            let len = f.byte_to_char(f.data.borrow().len()) as i128;
            let target = match (whence, f.text) {
                (0, _) if at < 0 => {
                    return Err(PyError::value(format!("Negative seek position {at}")));
                }
                (0, _) => at,
                (1 | 2, true) if at != 0 => {
                    // StringIO's C code capitalises what TextIOWrapper's does not.
                    let can = if matches!(f.kind, FileKind::StringIo) {
                        "Can't"
                    } else {
                        "can't"
                    };
                    let from = if whence == 1 { "cur" } else { "end" };
                    return Err(unsupported(&format!(
                        "{can} do nonzero {from}-relative seeks"
                    )));
                }
                (1, _) => f.tell() as i128 + at,
                (2, _) => len + at,
                _ => {
                    return Err(PyError::value(format!(
                        "invalid whence ({whence}, should be 0, 1 or 2)"
                    )));
                }
            };
            let target = usize::try_from(target.max(0)).unwrap_or(usize::MAX);
            let byte = match f.kind {
                FileKind::StringIo => f.char_to_byte(target),
                _ => target,
            };
            f.pos.set(byte);
            Value::Int(f.tell() as i128)
        }
        "tell" => {
            no_args("tell")?;
            f.check_open()?;
            Value::Int(f.tell() as i128)
        }
        "getvalue" => {
            no_args("getvalue")?;
            f.check_open()?;
            f.item(copy_bytes(&f.data.borrow())?)
        }
        "flush" => {
            no_args("flush")?;
            f.check_open()?;
            f.flush_to_disk()?;
            Value::None
        }
        "close" => {
            no_args("close")?;
            f.close()?;
            Value::None
        }
        "readable" | "writable" | "seekable" => {
            no_args(name)?;
            f.check_open()?;
            Value::Bool(match name {
                "readable" => f.readable,
                "writable" => f.writable,
                _ => true,
            })
        }
        "__enter__" => {
            f.check_open()?;
            obj.clone()
        }
        "__exit__" => {
            f.close()?;
            Value::None
        }
        "__iter__" => {
            f.check_open()?;
            obj.clone()
        }
        "__next__" => f.next_line()?,
        _ => return Ok(None),
    }))
}
