//! The names of the standard modules slicelab has (`stdlib/mod.rs` holds
//! their bodies, in the same order), of every module Python could import
//! beside them, and what their reprs say. A leaf, so printing can name a
//! module without depending on the modules themselves.
//!
//! Paths are the reference installation's (`module_lists.rs`): slicelab
//! answers as the Python with NumPy 2.4 it is checked against would, so
//! `<module 'json' from '…/json/__init__.py'>` and an `ImportError`'s
//! file name read as they read there.

use super::module_lists::{
    CPYTHON_STDLIB, EXTENSION_SUFFIX, NUMPY_MODULES, SITE_PACKAGES, STDLIB_DIR, STDLIB_SUBMODULES,
    Source,
};

/// Each module slicelab has a body or native attributes for.
pub const MODULE_NAMES: &[&str] = &[
    "time",
    "random",
    "collections",
    "itertools",
    "functools",
    "operator",
    "copy",
    "sys",
    "string",
    "json",
    "statistics",
    "pathlib",
    "contextlib",
    "dataclasses",
    "warnings",
    "io",
    "typing",
    "builtins",
    "datetime",
    "numpy.testing._private.utils",
    "numpy.polynomial.polyutils",
    "numpy.polynomial._polybase",
    "numpy.polynomial.polynomial",
    "numpy.polynomial.legendre",
    "numpy.polynomial.chebyshev",
    "numpy.polynomial.hermite",
    "numpy.polynomial.hermite_e",
    "numpy.polynomial.laguerre",
    "numpy.polynomial",
    "numpy._utils",
    "numpy.ma.testutils",
    "numpy._core._internal",
    "numpy.lib._arraypad_impl",
    "numpy.lib._stride_tricks_impl",
    "numpy.lib._version",
    "numpy.linalg._linalg",
    "numpy._core.arrayprint",
];

/// Whether `name` is one of these modules.
pub fn is_module(name: &str) -> bool {
    MODULE_NAMES.contains(&name)
}

/// `is_module("{parent}.{name}")` without building the name: it is asked
/// on every attribute read of a module.
pub fn is_submodule(parent: &str, name: &str) -> bool {
    MODULE_NAMES.iter().any(|m| {
        m.strip_prefix(parent)
            .and_then(|rest| rest.strip_prefix('.'))
            .is_some_and(|rest| rest == name)
    })
}

/// What the module `path` is made of, if Python with NumPy 2.4 has it: a
/// standard module, a public submodule of one (`collections.abc`), or one
/// of the modules NumPy ships (`numpy._core._internal`).
fn source(path: &str) -> Option<Source> {
    let list = if path == "numpy" || path.starts_with("numpy.") {
        NUMPY_MODULES
    } else if path.contains('.') {
        STDLIB_SUBMODULES
    } else {
        CPYTHON_STDLIB
    };
    list.binary_search_by(|(m, _)| m.cmp(&path))
        .ok()
        .map(|i| list[i].1)
}

/// The file the reference installation loads the module `path` from, if
/// it is read from one.
pub fn module_file(path: &str) -> Option<String> {
    let numpy = path == "numpy" || path.starts_with("numpy.");
    let root = if numpy { SITE_PACKAGES } else { STDLIB_DIR };
    let rel = path.replace('.', "/");
    Some(match source(path)? {
        Source::Package => format!("{root}/{rel}/__init__.py"),
        Source::Module => format!("{root}/{rel}.py"),
        Source::Extension if numpy => format!("{root}/{rel}{EXTENSION_SUFFIX}"),
        Source::Extension => format!("{root}/lib-dynload/{rel}{EXTENSION_SUFFIX}"),
        Source::BuiltIn | Source::Frozen | Source::Elsewhere => return None,
    })
}

/// The module attributes every module object has that say where it comes
/// from: `__name__`, `__package__`, `__file__` (none for built-in and
/// frozen modules) and a package's `__path__`, as the reference
/// installation has them. `None` for other names and unknown modules.
pub fn module_dunder(path: &str, name: &str) -> Option<crate::eval::value::Value> {
    use crate::eval::value::Value;
    // `os.path` is the module `posixpath` under another name.
    let path = if path == "os.path" { "posixpath" } else { path };
    let kind = source(path)?;
    let package = matches!(kind, Source::Package);
    Some(match name {
        "__name__" => Value::str(path),
        "__package__" if package => Value::str(path),
        "__package__" => Value::str(path.rsplit_once('.').map_or("", |(p, _)| p)),
        "__file__" => Value::str(&module_file(path)?),
        "__path__" if package => {
            let file = module_file(path)?;
            let dir = file.strip_suffix("/__init__.py")?;
            Value::list(vec![Value::str(dir)])
        }
        _ => return None,
    })
}

/// The repr of the module object `name`: `<module 'time' (built-in)>`,
/// `<module 'os' (frozen)>`, or the file it is read from.
pub fn module_repr(name: &str) -> Option<String> {
    Some(match source(name)? {
        Source::BuiltIn => format!("<module '{name}' (built-in)>"),
        Source::Frozen => format!("<module '{name}' (frozen)>"),
        _ => format!("<module '{name}' from '{}'>", module_file(name)?),
    })
}

/// Python's `ImportError` for `from module import name` when the module
/// lacks the name: it ends with the module's file, where it has one.
pub fn cannot_import(module: &str, name: &str) -> String {
    match module_file(module) {
        Some(file) => format!("cannot import name '{name}' from '{module}' ({file})"),
        None => format!("cannot import name '{name}' from '{module}' (unknown location)"),
    }
}

/// Whether `path` names a module Python with NumPy 2.4 imports.
pub fn exists(path: &str) -> bool {
    source(path).is_some()
}

/// Python's `ModuleNotFoundError` message for `import path` when Python
/// lacks the module: it names the first part it could not find, and says
/// so when that part's parent is no package (`'time' is not a package`).
/// `None` when the lists cannot tell: a package whose submodules they do
/// not record (`tkinter`), or a module Python has.
pub fn not_found_message(path: &str) -> Option<String> {
    let mut end = 0;
    let missing = loop {
        end = path[end..].find('.').map_or(path.len(), |i| end + i);
        let prefix = &path[..end];
        if !exists(prefix) {
            break prefix;
        }
        if end == path.len() {
            return None;
        }
        end += 1;
    };
    let Some((parent, _)) = missing.rsplit_once('.') else {
        return Some(format!("No module named '{missing}'"));
    };
    let listed = |list: &[(&str, Source)]| {
        list.iter()
            .any(|(m, _)| m.strip_prefix(parent).is_some_and(|r| r.starts_with('.')))
    };
    Some(match source(parent) {
        Some(Source::Package) if !listed(STDLIB_SUBMODULES) && !listed(NUMPY_MODULES) => {
            return None;
        }
        // A package found elsewhere (setuptools' `distutils`): unknown.
        Some(Source::Elsewhere) => return None,
        Some(Source::Package) => format!("No module named '{missing}'"),
        _ => format!("No module named '{missing}'; '{parent}' is not a package"),
    })
}

/// Whether `import path` of a module slicelab lacks may bind a module whose
/// names are refused one by one when read (`zoneinfo.ZoneInfo`): true of every
/// module Python has, except those whose import itself does something a
/// learner sees (`this` prints the Zen of Python).
pub fn imports_lazily(path: &str) -> bool {
    exists(path) && !matches!(path, "this" | "antigravity" | "__hello__")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lists are searched by bisection.
    #[test]
    fn module_lists_are_sorted() {
        for list in [CPYTHON_STDLIB, STDLIB_SUBMODULES, NUMPY_MODULES] {
            assert!(list.is_sorted_by_key(|(m, _)| *m));
        }
        assert!(exists("os") && !exists("torch"));
        assert!(exists("numpy.dtypes") && exists("numpy._core.numerictypes"));
        assert!(!exists("numpy.bogus") && !exists("numpy._bogus"));
        assert!(exists("collections.abc") && exists("os.path") && exists("pathlib"));
        assert!(!exists("collections.bogus") && !exists("winreg"));
        assert!(imports_lazily("tracemalloc") && !imports_lazily("this"));
        let message = |p| not_found_message(p).unwrap();
        assert_eq!(
            message("time.bogus"),
            "No module named 'time.bogus'; 'time' is not a package"
        );
        assert_eq!(message("xml.bogus.x"), "No module named 'xml.bogus'");
        assert_eq!(message("torch.nn"), "No module named 'torch'");
        assert_eq!(message("numpy.bogus.x"), "No module named 'numpy.bogus'");
        assert_eq!(not_found_message("tkinter.ttk"), None);
        assert_eq!(not_found_message("distutils.bogus"), None);
        assert_eq!(not_found_message("collections.abc"), None);
        assert_eq!(module_repr("sys").unwrap(), "<module 'sys' (built-in)>");
        assert_eq!(module_repr("os").unwrap(), "<module 'os' (frozen)>");
        assert!(
            module_file("numpy._core._multiarray_umath")
                .unwrap()
                .ends_with(
                    "site-packages/numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so"
                )
        );
        assert!(
            module_file("math")
                .unwrap()
                .ends_with("lib-dynload/math.cpython-311-x86_64-linux-gnu.so")
        );
    }
}
