//! Python's `OSError` family for a failed file operation: the errno's
//! class (`FileNotFoundError`, `PermissionError`, ...) and CPython's
//! `[Errno N] text: 'path'` message. A leaf, shared by every routine that
//! touches files.

use std::io;

use super::error::PyError;
use super::npy::literal::str_repr;

/// Python's `OSError` subclass and message for a failed file operation:
/// `FileNotFoundError: [Errno 2] No such file or directory: 'x.npy'`.
pub(crate) fn os_error(e: &io::Error, path: &str) -> PyError {
    let Some(code) = e.raw_os_error() else {
        return PyError::new("OSError", format!("{e}: {}", str_repr(path)));
    };
    let kind = match code {
        2 => "FileNotFoundError",
        13 | 1 => "PermissionError",
        17 => "FileExistsError",
        20 => "NotADirectoryError",
        21 => "IsADirectoryError",
        _ => "OSError",
    };
    let text = e.to_string();
    let strerror = text
        .strip_suffix(&format!(" (os error {code})"))
        .unwrap_or(&text);
    PyError::new(
        kind,
        format!("[Errno {code}] {strerror}: {}", str_repr(path)),
    )
}
