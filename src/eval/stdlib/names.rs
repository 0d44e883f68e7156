//! The names of the standard modules slicelab has (`stdlib/mod.rs` holds
//! their bodies, in the same order), and what their reprs say. A leaf, so
//! printing can name a module without depending on the modules themselves.

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
    ("io", false),
    ("typing", false),
];

/// Whether `name` is one of these modules.
pub fn is_module(name: &str) -> bool {
    MODULE_NAMES.iter().any(|m| m.0 == name)
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
