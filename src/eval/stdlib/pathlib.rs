//! The natives under `pathlib` (its Python body is `py/pathlib.py`): the
//! file-system questions and changes a path object asks for. Every one
//! takes a path as a str and raises CPython's `OSError` subclass and
//! words; changes obey the session's rule on writing files.

use crate::eval::args::Args;
use crate::eval::error::{PyError, PyResult};
use crate::eval::os_error::os_error;
use crate::eval::value::Value;

/// The natives' names, as the Python body reads them off its module.
const NATIVES: &[&str] = &["_kind", "_unlink", "_mkdir", "_rmdir", "_cwd", "_home"];

/// `pathlib.NAME` for a native.
pub fn attr(name: &str) -> Option<Value> {
    NATIVES
        .contains(&name)
        .then(|| Value::func(&format!("pathlib.{name}")))
}

/// Calls a native of `pathlib`; other names hand the arguments back.
pub fn call(full: &str, args: Args) -> PyResult<Result<Value, Args>> {
    let Some(name) = full
        .strip_prefix("pathlib.")
        .filter(|n| NATIVES.contains(n))
    else {
        return Ok(Err(args));
    };
    if matches!(name, "_cwd" | "_home") {
        let dir = if name == "_cwd" {
            std::env::current_dir().map_err(|e| os_error(&e, "."))?
        } else {
            std::env::var_os("HOME")
                .map(std::path::PathBuf::from)
                .ok_or_else(|| {
                    PyError::new("RuntimeError", "Could not determine home directory.")
                })?
        };
        return Ok(Ok(Value::str(&dir.to_string_lossy())));
    }
    let path = match args.pos.first() {
        Some(Value::Str(p)) => p.to_string(),
        _ => return Err(PyError::type_error(format!("pathlib.{name} takes a str"))),
    };
    Ok(Ok(match name {
        "_kind" => match std::fs::metadata(&path) {
            Ok(m) if m.is_file() => Value::str("file"),
            Ok(m) if m.is_dir() => Value::str("dir"),
            Ok(_) => Value::str("other"),
            Err(_) => Value::None,
        },
        _ => {
            crate::eval::npy::check_writes_allowed(&path)?;
            match name {
                "_unlink" => std::fs::remove_file(&path),
                "_mkdir" => std::fs::create_dir(&path),
                _ => std::fs::remove_dir(&path),
            }
            .map_err(|e| os_error(&e, &path))?;
            Value::None
        }
    }))
}
