//! `numpy.version`: the release slicelab answers as (`np.__version__`
//! reads `VERSION` too), with the git revision NumPy 2.4.6 was built from.

use super::value::Value;

/// The module's name as `Value::Module` holds it.
pub const MODULE: &str = "numpy.version";

/// The NumPy release whose behaviour slicelab reproduces.
pub const VERSION: &str = "2.4.6";

/// The commit NumPy 2.4.6 was built from (`numpy.version.git_revision`).
const GIT_REVISION: &str = "b832a09cf2a169c833dd2371e7c07aa00b293242";

/// `numpy.version.NAME`.
pub fn module_attr(name: &str) -> Option<Value> {
    Some(match name {
        "version" | "short_version" | "full_version" => Value::str(VERSION),
        "git_revision" => Value::str(GIT_REVISION),
        "release" => Value::Bool(true),
        _ => return None,
    })
}
