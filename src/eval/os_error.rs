//! Python's `OSError` family for a failed file operation: the errno's
//! class (`FileNotFoundError`, `PermissionError`, ...), CPython's
//! `[Errno N] text: 'path'` message, and the exception object with its
//! `errno`, `strerror` and `filename` (CPython's `oserror_init` reading
//! of the constructor's arguments). Shared by every routine that touches
//! files, and by `OSError(...)` itself.

use std::io;

use super::error::{ExcObject, PyError};
use super::npy::literal::str_repr;
use super::object::{ExcState, Obj, object};
use super::value::Value;

/// Python's `OSError` subclass and message for a failed file operation:
/// `FileNotFoundError: [Errno 2] No such file or directory: 'x.npy'`.
pub(crate) fn os_error(e: &io::Error, path: &str) -> PyError {
    let Some(code) = e.raw_os_error() else {
        return PyError::new("OSError", format!("{e}: {}", str_repr(path)));
    };
    let kind = class_for_errno(i128::from(code)).unwrap_or("OSError");
    let text = e.to_string();
    let strerror = text
        .strip_suffix(&format!(" (os error {code})"))
        .unwrap_or(&text);
    // The object `except OSError as e` binds: errno, strerror, filename.
    let args = vec![
        Value::Int(i128::from(code)),
        Value::str(strerror),
        Value::str(path),
    ];
    let err = PyError::new(
        kind,
        format!("[Errno {code}] {strerror}: {}", str_repr(path)),
    );
    let object = object(Obj::Exc(err.clone(), ExcState::made(kind, args)));
    PyError {
        object: Some(ExcObject(object)),
        ..err
    }
}

/// The `OSError` subclass CPython makes for an errno (`OSError(2, ...)`
/// is a `FileNotFoundError`), `None` for plain `OSError`.
pub fn class_for_errno(errno: i128) -> Option<&'static str> {
    Some(match errno {
        2 => "FileNotFoundError",
        13 | 1 => "PermissionError",
        17 => "FileExistsError",
        20 => "NotADirectoryError",
        21 => "IsADirectoryError",
        4 => "InterruptedError",
        110 => "TimeoutError",
        11 | 114 | 115 => "BlockingIOError",
        10 => "ChildProcessError",
        32 | 108 => "BrokenPipeError",
        103 => "ConnectionAbortedError",
        111 => "ConnectionRefusedError",
        104 => "ConnectionResetError",
        3 => "ProcessLookupError",
        _ => return None,
    })
}

/// `OSError`'s fields from its constructor arguments, as CPython's
/// `oserror_init` reads them: with two to five arguments, `errno`,
/// `strerror`, `filename` (the third) and `filename2` (the fifth); with
/// any other number, none.
pub struct OsFields<'a> {
    pub errno: &'a Value,
    pub strerror: &'a Value,
    pub filename: Option<&'a Value>,
    pub filename2: Option<&'a Value>,
}

impl<'a> OsFields<'a> {
    /// The fields, when the arguments give them.
    pub fn of(args: &'a [Value]) -> Option<OsFields<'a>> {
        if !(2..=5).contains(&args.len()) {
            return None;
        }
        let given = |k: usize| args.get(k).filter(|v| !matches!(v, Value::None));
        Some(OsFields {
            errno: &args[0],
            strerror: &args[1],
            filename: given(2),
            filename2: if args.len() == 5 { given(4) } else { None },
        })
    }

    /// `e.errno`, `e.strerror`, `e.filename`, `e.filename2` (`None`: not
    /// one of them).
    pub fn attr(fields: Option<&OsFields>, name: &str) -> Option<Value> {
        let none = Value::None;
        Some(match (fields, name) {
            (Some(f), "errno") => f.errno.clone(),
            (Some(f), "strerror") => f.strerror.clone(),
            (Some(f), "filename") => f.filename.unwrap_or(&none).clone(),
            (Some(f), "filename2") => f.filename2.unwrap_or(&none).clone(),
            (None, "errno" | "strerror" | "filename" | "filename2") => none,
            _ => return None,
        })
    }
}
