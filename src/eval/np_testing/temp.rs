//! `np.testing.temppath` and `np.testing.tempdir`: context managers over
//! a fresh temporary file (`tempfile.mkstemp`, removed on leaving) or
//! directory (`tempfile.TemporaryDirectory`, removed with its contents).
//! NumPy's own tests save and load through them. The file or directory
//! is made on entering, with a name no other has (created exclusively,
//! as `mkstemp` does), and a lesson's own lines may not make one.

use std::path::{Path, PathBuf};

use crate::eval::args::Args;
use crate::eval::error::{PyError, PyResult};
use crate::eval::object::{Context, Obj, TempSpec};
use crate::eval::signature::{Style, bind};
use crate::eval::value::Value;

/// `tempfile.mkstemp`'s and `tempfile.TemporaryDirectory`'s parameters,
/// which `temppath(*args, **kwargs)` and `tempdir(*args, **kwargs)` pass on.
const MKSTEMP: &str = "mkstemp(suffix=None, prefix=None, dir=None, text=False)";
const TEMPORARY_DIRECTORY: &str =
    "TemporaryDirectory(suffix=None, prefix=None, dir=None, ignore_cleanup_errors=False)";

/// `temppath(...)` or `tempdir(...)`: the context manager, not yet entered.
pub fn call(name: &str, pos: Vec<Value>, kw: Vec<(String, Value)>) -> PyResult<Value> {
    let directory = name == "tempdir";
    let sig = if directory {
        TEMPORARY_DIRECTORY
    } else {
        MKSTEMP
    };
    let b = bind(sig, Style::Python, &Args { pos, kw })?;
    let text = |p: &str, default: &str| -> PyResult<String> {
        match b.get(p) {
            None | Some(Value::None) => Ok(default.to_string()),
            Some(Value::Str(s)) => Ok(s.to_string()),
            Some(other) => Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab's np.testing.{name} takes {p}= as a str, not {}",
                    other.type_name()
                ),
            )),
        }
    };
    let spec = TempSpec {
        directory,
        suffix: text("suffix", "")?,
        prefix: text("prefix", "tmp")?,
        parent: match b.get("dir") {
            None | Some(Value::None) => None,
            Some(_) => Some(text("dir", "")?),
        },
    };
    Ok(crate::eval::object::object(Obj::Context(Context::Temp(
        spec,
    ))))
}

/// `tempfile.gettempdir()`: the first of `$TMPDIR`, `$TEMP`, `$TMP` that
/// is set, else `/tmp`.
fn temp_root() -> String {
    ["TMPDIR", "TEMP", "TMP"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "/tmp".to_string())
}

/// Eight characters from `tempfile`'s alphabet, different on every call.
fn random_name() -> String {
    use std::hash::{BuildHasher, Hasher};
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789_";
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    let mut bits = h.finish();
    (0..8)
        .map(|_| {
            let c = LETTERS[(bits % LETTERS.len() as u64) as usize];
            bits /= LETTERS.len() as u64;
            char::from(c)
        })
        .collect()
}

/// Entering: make the file or directory and give its path.
pub fn enter(spec: &TempSpec) -> PyResult<(Value, PathBuf)> {
    let parent = spec.parent.clone().unwrap_or_else(temp_root);
    crate::eval::npy::check_writes_allowed(&parent)?;
    let mut last = None;
    // `tempfile` tries this many names before giving up.
    for _ in 0..10_000 {
        let name = format!("{}{}{}", spec.prefix, random_name(), spec.suffix);
        let path = Path::new(&parent).join(name);
        let shown = path.to_string_lossy().to_string();
        let made = if spec.directory {
            std::fs::create_dir(&path)
        } else {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .map(|_| ())
        };
        match made {
            Ok(()) => return Ok((Value::str(&shown), path)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some((e, shown)),
            Err(e) => return Err(crate::eval::os_error::os_error(&e, &shown)),
        }
    }
    let (e, shown) = last.expect("every try found the name taken");
    Err(crate::eval::os_error::os_error(&e, &shown))
}

/// Leaving: remove what entering made (`os.remove`, or the directory's
/// tree), with Python's error when it is already gone.
pub fn leave(path: &Path, directory: bool) -> PyResult<()> {
    let done = if directory {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    };
    done.map_err(|e| crate::eval::os_error::os_error(&e, &path.to_string_lossy()))
}

#[cfg(test)]
mod tests {
    use crate::eval::Session;

    /// The file exists inside the block and is gone after it.
    #[test]
    fn the_file_lives_for_the_block() {
        let mut s = Session::new();
        s.run("from numpy.testing import temppath");
        s.run("with temppath(suffix='.txt') as p:\n    q = p\n    f = open(p, 'w')\n    n = f.write('x')\n    f.close()");
        let path = s.run("q").output;
        let path = path.trim().trim_matches('\'');
        assert!(path.ends_with(".txt"), "{path}");
        assert!(
            !std::path::Path::new(path).exists(),
            "{path} was left behind"
        );
    }

    /// A lesson's own lines may not make files, temporary ones included.
    #[test]
    fn a_lesson_line_makes_no_file() {
        let mut s = Session::new();
        s.run("from numpy.testing import tempdir");
        let _refused = crate::eval::refuse_file_writes();
        let out = s.run("with tempdir() as d:\n    pass");
        assert_eq!(
            out.error.map(|e| e.kind).as_deref(),
            Some("PermissionError")
        );
    }
}
