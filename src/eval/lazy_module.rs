//! Modules Python has and slicelab lacks (`zoneinfo`, `tracemalloc`,
//! `numpy.linalg._umath_linalg`). Importing one binds a module object, as
//! Python's import does, and each name read from it is refused then:
//! `import zoneinfo` shows nothing, `zoneinfo.ZoneInfo` is an honest
//! `NotImplementedError`. So a snippet that imports a module for one line
//! runs the rest of its lines, where refusing the import left every later
//! use of the module a misleading `NameError`.

use super::error::{PyError, PyResult};
use super::stdlib::names;
use super::value::Value;

/// `module.name` read from a module no other namespace answered for: a
/// submodule Python has (`collections.abc`), a refusal when slicelab does
/// not know the module's names, else Python's `AttributeError` (or
/// NumPy's own name, refused, from the names table).
pub fn attr(module: &str, name: &str) -> PyResult<Value> {
    let full = format!("{module}.{name}");
    if names::imports_lazily(&full) {
        return Ok(Value::Module(full.into()));
    }
    // A module slicelab lacks, or one of NumPy's whose body slicelab has
    // only in part, may have any name: refused, unless the names table
    // says which NumPy's module has.
    let partial = names::is_module(module) && module.starts_with("numpy.");
    if names::exists(module)
        && (partial || !names::is_module(module))
        && !super::numpy_names::is_owner(module)
    {
        return Err(PyError::new(
            "NotImplementedError",
            format!("slicelab does not implement {full} yet"),
        ));
    }
    Err(super::error::missing_module_attribute(module, name))
}
