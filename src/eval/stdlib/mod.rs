//! The Python standard library modules tutorials import beside NumPy
//! (`import time`, `from collections import Counter`, ...).
//!
//! The module list is written once, in [`MODULES`]. A module is made of
//! two parts, either of which may be empty:
//! - native attributes, written in Rust (`time.perf_counter`, the
//!   Mersenne Twister behind `random`, `sys.getsizeof`, `copy.deepcopy`,
//!   `string`'s constants), and
//! - a body of Python source (`py/*.py`), run once per session by the
//!   learner's own interpreter on first import (`prelude.rs`). The pure
//!   Python parts of CPython's library (`random.randrange`, `Counter`,
//!   `itertools.product`) are algorithms over the native primitives; the
//!   interpreter already runs Python exactly, so they are written as
//!   Python, in the order CPython computes them.
//!
//! `math` stays in `pymath.rs`; `numpy` in `numpy.rs`. `numpy.polynomial`
//! is written the same way, as Python bodies over the session's NumPy
//! (`py/np_poly*.py`), since NumPy writes it in Python over its own arrays.

mod copy;
mod dataclasses;
pub mod datetime_mod;
mod module_lists;
pub mod names;
mod pathlib;
mod prelude;
mod pyrandom;
pub mod star_names;
mod string;
mod sys;
mod time;
mod warnings;

use super::args::Args;
use super::error::PyResult;
use super::value::Value;
use crate::eval::session::Session;

pub use names::{is_module, is_submodule};

/// One importable module.
struct Module {
    /// Its name (`import NAME`).
    name: &'static str,
    /// The native attributes: their value, if the module has one by that
    /// name.
    native: fn(&str) -> Option<Value>,
    /// The Python body, if any (a `def _module(native):` returning a dict
    /// of the module's names).
    source: Option<&'static str>,
}

fn no_native(_: &str) -> Option<Value> {
    None
}

/// `io`'s in-memory files (`pyfile.rs`), as the types they are.
fn io_attr(name: &str) -> Option<Value> {
    let path = match name {
        "StringIO" => super::object::STRING_IO,
        "BytesIO" => super::object::BYTES_IO,
        _ => return None,
    };
    Some(Value::Type(super::value::TypeObj::Builtin(path)))
}

/// `builtins`: the names every frame falls back to.
fn builtins_attr(name: &str) -> Option<Value> {
    super::exceptions::class(name).or_else(|| super::pybuiltins::builtin(name))
}

/// `collections`' one native: the class maker behind `namedtuple`.
fn collections_attr(name: &str) -> Option<Value> {
    (name == "_namedtuple_class").then(|| Value::func("collections._namedtuple_class"))
}

/// Every standard module slicelab has, beside `math` and `numpy`, in the
/// order of [`names::MODULE_NAMES`] (a test holds the two together).
const MODULES: &[Module] = &[
    Module {
        name: "time",
        native: time::attr,
        source: None,
    },
    Module {
        name: "random",
        native: pyrandom::attr,
        source: Some(include_str!("py/random.py")),
    },
    Module {
        name: "collections",
        native: collections_attr,
        source: Some(include_str!("py/collections.py")),
    },
    Module {
        name: "itertools",
        native: no_native,
        source: Some(include_str!("py/itertools.py")),
    },
    Module {
        name: "functools",
        native: no_native,
        source: Some(include_str!("py/functools.py")),
    },
    Module {
        name: "operator",
        native: no_native,
        source: Some(include_str!("py/operator.py")),
    },
    Module {
        name: "copy",
        native: copy::attr,
        source: None,
    },
    Module {
        name: "sys",
        native: sys::attr,
        source: None,
    },
    Module {
        name: "string",
        native: string::attr,
        source: None,
    },
    Module {
        name: "json",
        native: no_native,
        source: Some(include_str!("py/json.py")),
    },
    Module {
        name: "statistics",
        native: no_native,
        source: Some(include_str!("py/statistics.py")),
    },
    Module {
        name: "pathlib",
        native: pathlib::attr,
        source: Some(include_str!("py/pathlib.py")),
    },
    Module {
        name: "contextlib",
        native: no_native,
        source: Some(include_str!("py/contextlib.py")),
    },
    Module {
        name: "dataclasses",
        native: dataclasses::attr,
        source: Some(include_str!("py/dataclasses.py")),
    },
    Module {
        name: "warnings",
        native: warnings::attr,
        source: Some(include_str!("py/warnings.py")),
    },
    Module {
        name: "io",
        native: io_attr,
        source: None,
    },
    Module {
        name: "typing",
        native: super::type_hints::typing_attr,
        source: None,
    },
    Module {
        name: "builtins",
        native: builtins_attr,
        source: None,
    },
    Module {
        name: "datetime",
        native: datetime_mod::attr,
        source: None,
    },
    Module {
        name: "numpy.testing._private.utils",
        native: no_native,
        source: Some(include_str!("py/np_testing_utils.py")),
    },
    Module {
        name: "numpy.polynomial.polyutils",
        native: no_native,
        source: Some(include_str!("py/np_polyutils.py")),
    },
    Module {
        name: "numpy.polynomial._polybase",
        native: no_native,
        source: Some(include_str!("py/np_polybase.py")),
    },
    Module {
        name: "numpy.polynomial.polynomial",
        native: no_native,
        source: Some(include_str!("py/np_polynomial.py")),
    },
    Module {
        name: "numpy.polynomial.legendre",
        native: no_native,
        source: Some(include_str!("py/np_legendre.py")),
    },
    Module {
        name: "numpy.polynomial.chebyshev",
        native: no_native,
        source: Some(include_str!("py/np_chebyshev.py")),
    },
    Module {
        name: "numpy.polynomial.hermite",
        native: no_native,
        source: Some(include_str!("py/np_hermite.py")),
    },
    Module {
        name: "numpy.polynomial.hermite_e",
        native: no_native,
        source: Some(include_str!("py/np_hermite_e.py")),
    },
    Module {
        name: "numpy.polynomial.laguerre",
        native: no_native,
        source: Some(include_str!("py/np_laguerre.py")),
    },
    Module {
        name: "numpy.polynomial",
        native: no_native,
        source: Some(include_str!("py/np_polynomial_pkg.py")),
    },
    Module {
        name: "numpy._utils",
        native: no_native,
        source: Some(include_str!("py/np_utils.py")),
    },
    Module {
        name: "numpy.ma.testutils",
        native: no_native,
        source: Some(include_str!("py/np_ma_testutils.py")),
    },
    Module {
        name: "numpy._core._internal",
        native: no_native,
        source: Some(include_str!("py/np_core_internal.py")),
    },
    Module {
        name: "numpy.lib._arraypad_impl",
        native: no_native,
        source: Some(include_str!("py/np_arraypad_impl.py")),
    },
    Module {
        name: "numpy.lib._stride_tricks_impl",
        native: no_native,
        source: Some(include_str!("py/np_stride_tricks_impl.py")),
    },
    Module {
        name: "numpy.lib._version",
        native: no_native,
        source: Some(include_str!("py/np_lib_version.py")),
    },
    Module {
        name: "numpy.linalg._linalg",
        native: no_native,
        source: Some(include_str!("py/np_linalg_impl.py")),
    },
    Module {
        name: "numpy._core.arrayprint",
        native: no_native,
        source: Some(include_str!("py/np_arrayprint.py")),
    },
];

/// Modules whose names, past their own body's, are a public module's:
/// `numpy.testing._private.utils` holds `np.testing`'s asserts. Read
/// through the session's `getattr`, so this module imports neither.
const READS_FROM: &[(&str, &str)] = &[
    ("numpy.testing._private.utils", "numpy.testing"),
    ("numpy.lib._arraypad_impl", "numpy"),
    ("numpy.lib._stride_tricks_impl", "numpy.lib.stride_tricks"),
    ("numpy.linalg._linalg", "numpy.linalg"),
    ("numpy._core.arrayprint", "numpy"),
];

fn find(name: &str) -> Option<&'static Module> {
    MODULES.iter().find(|m| m.name == name)
}

impl Session {
    /// `import NAME` of a standard module: runs its Python body the first
    /// time, and gives the module object.
    pub(super) fn import_stdlib(&mut self, name: &str) -> Option<PyResult<Value>> {
        let m = find(name)?;
        if let Some(src) = m.source
            && !self.stdlib.contains_key(name)
        {
            let ns = match self.run_module_source(m.name, src, m.native) {
                Ok(ns) => ns,
                Err(e) => return Some(Err(e)),
            };
            self.stdlib.insert(name.to_string(), ns);
        }
        Some(Ok(Value::Module(m.name.into())))
    }

    /// `MODULE.NAME` for a standard module.
    pub(super) fn stdlib_attr(&mut self, module: &str, name: &str) -> Option<PyResult<Value>> {
        let m = find(module)?;
        if let Some(Value::Dict(d)) = self.stdlib.get(module) {
            let hit = d.borrow().iter().find_map(|(k, v)| match k {
                Value::Str(k) if k.as_ref() == name => Some(v.clone()),
                _ => None,
            });
            if let Some(v) = hit {
                return Some(Ok(v));
            }
        }
        if let Some((_, public)) = READS_FROM.iter().find(|(m, _)| *m == module) {
            return Some(
                self.getattr(&Value::Module((*public).into()), name)
                    .map_err(|e| match e.kind.as_str() {
                        "AttributeError" => {
                            crate::eval::error::missing_module_attribute(module, name)
                        }
                        _ => e,
                    }),
            );
        }
        // A name NumPy's module has and slicelab's lacks is refused
        // honestly (`np.polynomial.Hermite`), any other is Python's error.
        Some(match (m.native)(name) {
            Some(v) => Ok(v),
            None if module == "datetime"
                && let Some(e) = datetime_mod::refused(name) =>
            {
                Err(e)
            }
            None => super::lazy_module::attr(module, name),
        })
    }
}

/// Calls a native function of a standard module (`time.sleep`), if `name`
/// is one; otherwise hands the arguments back.
pub fn call(s: &mut Session, name: &str, args: Args) -> PyResult<Result<Value, Args>> {
    let Some((module, _)) = name.split_once('.') else {
        return Ok(Err(args));
    };
    match module {
        "time" => time::call(name, args),
        "random" => pyrandom::call(s, name, args),
        "sys" => sys::call(s, name, args),
        "copy" => copy::call(s, name, args),
        "pathlib" => pathlib::call(name, args),
        "datetime" => datetime_mod::call(name, args),
        "typing" => match super::type_hints::call(name, &args) {
            Some(r) => r.map(Ok),
            None => Ok(Err(args)),
        },
        "dataclasses" => dataclasses::call(s, name, args),
        "warnings" => warnings::call(s, name, args),
        "collections" if name == "collections._namedtuple_class" => {
            super::named_tuple::new_class(&args).map(Ok)
        }
        _ => Ok(Err(args)),
    }
}

#[cfg(test)]
mod table_tests {
    #[test]
    fn the_module_table_follows_the_names_list() {
        let table: Vec<&str> = super::MODULES.iter().map(|m| m.name).collect();
        let names: Vec<&str> = super::names::MODULE_NAMES.to_vec();
        assert_eq!(table, names);
    }
}
