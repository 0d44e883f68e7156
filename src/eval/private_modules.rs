//! NumPy's private modules that its tests and older code import
//! (`import numpy._core.umath as ncu`, `from numpy._core.numeric import
//! normalize_axis_tuple`, `numpy.ma.core`). Each holds the same objects as
//! a public namespace, so a name is read there (`ncu.add is np.add`, as in
//! NumPy); a name the public namespace lacks is not implemented here, not
//! missing from NumPy.

use super::args::Args;
use super::error::{PyError, PyResult};
use super::value::Value;

/// Each private module and the public namespace its names are read from,
/// sorted by the private name. (Those with private helpers of their own
/// are Python bodies in `stdlib/`, reading the rest the same way.)
const ALIASES: &[(&str, &str)] = &[
    ("numpy._core", "numpy"),
    ("numpy._core._multiarray_umath", "numpy"),
    ("numpy._core.fromnumeric", "numpy"),
    ("numpy._core.function_base", "numpy"),
    ("numpy._core.multiarray", "numpy"),
    ("numpy._core.numeric", "numpy"),
    ("numpy._core.numerictypes", "numpy"),
    ("numpy._core.shape_base", "numpy"),
    ("numpy._core.umath", "numpy"),
    ("numpy.fft._pocketfft", "numpy.fft"),
    ("numpy.lib._array_utils_impl", "numpy.lib.array_utils"),
    ("numpy.lib._arraysetops_impl", "numpy"),
    ("numpy.lib._function_base_impl", "numpy"),
    ("numpy.lib._histograms_impl", "numpy"),
    ("numpy.lib._index_tricks_impl", "numpy"),
    ("numpy.lib._nanfunctions_impl", "numpy"),
    ("numpy.lib._polynomial_impl", "numpy"),
    ("numpy.lib._shape_base_impl", "numpy"),
    ("numpy.lib._twodim_base_impl", "numpy"),
    ("numpy.lib._type_check_impl", "numpy"),
    ("numpy.lib._ufunclike_impl", "numpy"),
    ("numpy.ma.core", "numpy.ma"),
    ("numpy.ma.extras", "numpy.ma"),
];

/// The private modules that import `numpy.lib.array_utils`'s axis checks
/// into their own namespace, as NumPy 2.4's do (`normalize_axis_index`,
/// `normalize_axis_tuple`), and which of the two each holds.
const AXIS_CHECKS: &[(&str, bool, bool)] = &[
    // (module, has normalize_axis_index, has normalize_axis_tuple)
    ("numpy._core._multiarray_umath", true, false),
    ("numpy._core.multiarray", true, false),
    ("numpy._core.numeric", true, true),
    ("numpy._core.shape_base", true, false),
    ("numpy._core.umath", true, false),
    ("numpy.fft._pocketfft", true, false),
    ("numpy.lib._arraysetops_impl", true, false),
    ("numpy.lib._function_base_impl", true, false),
    ("numpy.lib._shape_base_impl", true, true),
    ("numpy.lib._stride_tricks_impl", false, true),
    ("numpy.linalg._linalg", true, true),
    ("numpy.ma.core", false, true),
    ("numpy.ma.extras", true, true),
];

/// Whether the private module `module` holds `numpy.lib.array_utils`'s
/// function `name` under that name.
pub fn holds_axis_check(module: &str, name: &str) -> bool {
    AXIS_CHECKS.iter().any(|(m, index, tuple)| {
        *m == module
            && match name {
                "normalize_axis_index" => *index,
                "normalize_axis_tuple" => *tuple,
                _ => false,
            }
    })
}

/// The modules that hold `_get_ndarray_c_version`, the version of NumPy's
/// C API (its `NPY_ABI_VERSION`): `numpy._core.multiarray` imports it from
/// `_multiarray_umath`.
const C_VERSION_HOLDERS: &[&str] = &["numpy._core._multiarray_umath", "numpy._core.multiarray"];

/// NumPy 2's C ABI version, `0x02000000`.
const NDARRAY_C_VERSION: i128 = 0x0200_0000;

/// A private function the private module `module` holds itself, rather
/// than a public namespace's.
pub fn own_function(module: &str, name: &str) -> Option<Value> {
    (name == "_get_ndarray_c_version" && C_VERSION_HOLDERS.contains(&module))
        .then(|| Value::func("np._core._get_ndarray_c_version"))
}

/// Calls one of the functions [`own_function`] gives.
pub fn call(name: &str, args: &Args) -> PyResult<Value> {
    match name {
        "_get_ndarray_c_version" => {
            let qualified = "numpy._core._multiarray_umath._get_ndarray_c_version()";
            if !args.kw.is_empty() {
                return Err(PyError::type_error(format!(
                    "{qualified} takes no keyword arguments"
                )));
            }
            if !args.pos.is_empty() {
                return Err(PyError::type_error(format!(
                    "{qualified} takes no arguments ({} given)",
                    args.pos.len()
                )));
            }
            Ok(Value::Int(NDARRAY_C_VERSION))
        }
        _ => Err(PyError::attribute("module", name)),
    }
}

/// The public namespace whose names the private module `module` holds.
pub fn public_of(module: &str) -> Option<&'static str> {
    ALIASES
        .binary_search_by(|(p, _)| p.cmp(&module))
        .ok()
        .map(|i| ALIASES[i].1)
}

/// `module.name` when that is one of these private modules.
pub fn submodule(module: &str, name: &str) -> Option<&'static str> {
    let path = format!("{module}.{name}");
    ALIASES
        .binary_search_by(|(p, _)| p.cmp(&path.as_str()))
        .ok()
        .map(|i| ALIASES[i].0)
}

#[cfg(test)]
mod tests {
    /// Searched by bisection.
    #[test]
    fn aliases_are_sorted() {
        assert!(super::ALIASES.is_sorted_by_key(|(p, _)| *p));
        assert_eq!(super::public_of("numpy._core.umath"), Some("numpy"));
        assert_eq!(super::submodule("numpy", "_core"), Some("numpy._core"));
        assert_eq!(super::public_of("numpy.lib"), None);
    }
}
