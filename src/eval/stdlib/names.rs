//! The names of the standard modules slicelab has (`stdlib/mod.rs` holds
//! their bodies, in the same order), and what their reprs say. A leaf, so
//! printing can name a module without depending on the modules themselves.

use super::module_lists::{CPYTHON_STDLIB, NUMPY_MODULES, STDLIB_SUBMODULES};

/// Each module's name, and whether CPython's module is built into the
/// interpreter (its repr says `(built-in)`) rather than read from a `.py`
/// file.
pub const MODULE_NAMES: &[(&str, bool)] = &[
    ("time", true),
    ("random", false),
    ("collections", false),
    ("itertools", true),
    ("functools", false),
    ("operator", false),
    ("copy", false),
    ("sys", true),
    ("string", false),
    ("json", false),
    ("statistics", false),
    ("contextlib", false),
    ("io", false),
    ("typing", false),
    ("builtins", true),
    ("numpy.testing._private.utils", false),
    ("numpy.polynomial.polyutils", false),
    ("numpy.polynomial._polybase", false),
    ("numpy.polynomial.polynomial", false),
    ("numpy.polynomial.legendre", false),
    ("numpy.polynomial.chebyshev", false),
    ("numpy.polynomial.hermite", false),
    ("numpy.polynomial.hermite_e", false),
    ("numpy.polynomial.laguerre", false),
    ("numpy.polynomial", false),
    ("numpy._utils", false),
    ("numpy.ma.testutils", false),
];

/// Whether `name` is one of these modules.
pub fn is_module(name: &str) -> bool {
    MODULE_NAMES.iter().any(|m| m.0 == name)
}

/// `is_module("{parent}.{name}")` without building the name: it is asked
/// on every attribute read of a module.
pub fn is_submodule(parent: &str, name: &str) -> bool {
    MODULE_NAMES.iter().any(|m| {
        m.0.strip_prefix(parent)
            .and_then(|rest| rest.strip_prefix('.'))
            .is_some_and(|rest| rest == name)
    })
}

/// The repr of the module object `name`, when it is one of these:
/// `<module 'time' (built-in)>`, or CPython's form for a module read from
/// a file (the path is this machine's Python's, so it is shortened).
pub fn module_repr(name: &str) -> Option<String> {
    let (_, builtin) = MODULE_NAMES.iter().find(|m| m.0 == name)?;
    Some(if *builtin {
        format!("<module '{name}' (built-in)>")
    } else {
        format!("<module '{name}' from '{name}.py'>")
    })
}

/// Whether `name` (a top-level module) is part of CPython's standard library.
pub fn in_cpython_stdlib(name: &str) -> bool {
    CPYTHON_STDLIB.binary_search(&name).is_ok()
}

/// Whether `path` names a module Python with NumPy 2.4 imports: a standard
/// module, a public submodule of one (`collections.abc`), or one of the
/// modules NumPy ships (`numpy._core._internal`).
pub fn exists(path: &str) -> bool {
    let list = if path == "numpy" || path.starts_with("numpy.") {
        NUMPY_MODULES
    } else if path.contains('.') {
        STDLIB_SUBMODULES
    } else {
        CPYTHON_STDLIB
    };
    list.binary_search(&path).is_ok()
}

/// Whether the standard module `top` is a package Python knows all the
/// public submodules of (`collections`, not `time`).
pub fn is_package(top: &str) -> bool {
    let i = STDLIB_SUBMODULES.partition_point(|m| *m < top);
    STDLIB_SUBMODULES
        .get(i..)
        .and_then(|rest| rest.iter().find(|m| m.starts_with(top)))
        .is_some_and(|m| m.as_bytes().get(top.len()) == Some(&b'.'))
}

/// Whether `import path` of a module slicelab lacks may bind a module whose
/// names are refused one by one when read (`pathlib.Path`): true of every
/// module Python has, except those whose import itself does something a
/// learner sees (`this` prints the Zen of Python).
pub fn imports_lazily(path: &str) -> bool {
    exists(path) && !matches!(path, "this" | "antigravity" | "__hello__")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both lists are searched by bisection.
    #[test]
    fn module_lists_are_sorted() {
        assert!(CPYTHON_STDLIB.is_sorted());
        assert!(STDLIB_SUBMODULES.is_sorted());
        assert!(NUMPY_MODULES.is_sorted());
        assert!(in_cpython_stdlib("os") && !in_cpython_stdlib("torch"));
        assert!(exists("numpy.dtypes") && exists("numpy._core.numerictypes"));
        assert!(!exists("numpy.bogus") && !exists("numpy._bogus"));
        assert!(exists("collections.abc") && exists("os.path") && exists("pathlib"));
        assert!(!exists("collections.bogus") && !exists("winreg"));
        assert!(imports_lazily("tracemalloc") && !imports_lazily("this"));
        assert!(is_package("collections") && is_package("xml") && !is_package("time"));
    }
}
