//! `numpy.exceptions`: NumPy's public exception and warning classes. The
//! class objects are the ones `except` clauses and `raise` already know
//! (`exceptions.rs` holds their bases); this module only names which of
//! them live in `numpy.exceptions`, so `import numpy.exceptions`,
//! `from numpy.exceptions import AxisError` and their reprs
//! (`<class 'numpy.exceptions.AxisError'>`) all read this one list.

use super::value::Value;

/// The module's name as `Value::Module` holds it.
pub const MODULE: &str = "numpy.exceptions";

/// The classes `numpy.exceptions` defines (its `__all__`).
pub const NAMES: &[&str] = &[
    "AxisError",
    "ComplexWarning",
    "DTypePromotionError",
    "ModuleDeprecationWarning",
    "RankWarning",
    "TooHardError",
    "VisibleDeprecationWarning",
];

/// `numpy.exceptions.NAME`: the class object (a leaf, so that printing,
/// which names these classes, imports nothing above the value model).
pub fn module_attr(name: &str) -> Option<Value> {
    NAMES
        .iter()
        .find(|n| **n == name)
        .map(|n| Value::Type(super::value::TypeObj::Builtin(n)))
}
