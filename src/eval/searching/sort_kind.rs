//! `kind=` and `stable=` of `np.sort`/`np.argsort` (and the methods):
//! NumPy 2.4 refuses both together.

use crate::eval::args::Args;
use crate::eval::error::{PyError, PyResult};
use crate::eval::value::Value;

/// NumPy's check of `kind` against `stable`.
pub fn check(args: &Args) -> PyResult<()> {
    let given = |k: &str| args.kw(k).is_some_and(|v| !matches!(v, Value::None));
    if given("kind") && given("stable") {
        return Err(PyError::value(
            "`kind` and keyword parameters can't be provided at the same time. Use only one of them.",
        ));
    }
    Ok(())
}
