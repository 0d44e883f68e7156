//! `os.fspath` where NumPy and Python apply it: a file argument that is an
//! `os.PathLike` object (a `pathlib.Path`, or a learner's class with
//! `__fspath__`) names the file its `__fspath__()` returns. The
//! parameters NumPy treats so are found by name in each signature, so a
//! routine that takes a file takes a path object with no list to keep.

use super::args::Args;
use super::classes::instance_of;
use super::error::{PyError, PyResult};
use super::session::Session;
use super::value::Value;

/// The parameter names through which NumPy's routines take a file.
const FILE_PARAMS: &[&str] = &["file", "fname"];

impl Session {
    /// `os.fspath(v)` for an object with `__fspath__`; any other value as
    /// it is (the routine words its own refusal).
    pub(super) fn fspath(&mut self, v: &Value) -> PyResult<Value> {
        if instance_of(v).is_none() {
            return Ok(v.clone());
        }
        match self.dunder(v, "__fspath__", vec![]) {
            None => Ok(v.clone()),
            Some(r) => match r? {
                s @ (Value::Str(_) | Value::Bytes(_)) => Ok(s),
                other => Err(PyError::type_error(format!(
                    "expected {}.__fspath__() to return str or bytes, not {}",
                    v.type_name(),
                    other.type_name()
                ))),
            },
        }
    }

    /// `args` with the file argument of the routine whose signature is
    /// `signature` (a parameter named in [`FILE_PARAMS`], given by
    /// position or keyword) passed through [`Session::fspath`].
    pub(super) fn fspath_args(
        &mut self,
        signature: &'static str,
        mut args: Args,
    ) -> PyResult<Args> {
        // Only an instance can have `__fspath__`: most calls (every NumPy
        // routine passes here) end at this look, before the signature.
        let mut given = args.pos.iter().chain(args.kw.iter().map(|(_, v)| v));
        if !given.any(|v| instance_of(v).is_some()) {
            return Ok(args);
        }
        let sig = super::signature::signature(signature);
        for (i, p) in sig.params.iter().enumerate() {
            if !FILE_PARAMS.contains(&p.name.as_str()) {
                continue;
            }
            if let Some(v) = args.pos.get(i).cloned() {
                args.pos[i] = self.fspath(&v)?;
            }
            for k in 0..args.kw.len() {
                if args.kw[k].0 == p.name {
                    let v = args.kw[k].1.clone();
                    args.kw[k].1 = self.fspath(&v)?;
                }
            }
        }
        Ok(args)
    }
}
