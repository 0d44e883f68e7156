//! Names NumPy 2.0 removed from its main namespace, with the advice
//! NumPy 2.4 gives when one is used (`np.NaN` → "Use `np.nan` instead.").
//! Taken from NumPy's own `numpy/_expired_attrs_2_0.py`, so `np.NaN` raises
//! the same `AttributeError` rather than answering as NumPy 1 did.

use super::error::PyError;

/// Each removed name and NumPy's advice for it.
pub const REMOVED_IN_2_0: &[(&str, &str)] = &[
    (
        "DataSource",
        r#"It's still available as `np.lib.npyio.DataSource`."#,
    ),
    ("Inf", "Use `np.inf` instead."),
    ("Infinity", "Use `np.inf` instead."),
    ("NINF", "Use `-np.inf` instead."),
    ("NZERO", "Use `-0.0` instead."),
    ("NaN", "Use `np.nan` instead."),
    ("PINF", "Use `np.inf` instead."),
    ("PZERO", "Use `0.0` instead."),
    (
        "add_docstring",
        r#"It's still available as `np.lib.add_docstring`."#,
    ),
    (
        "add_newdoc",
        r#"It's still available as `np.lib.add_newdoc`."#,
    ),
    (
        "add_newdoc_ufunc",
        r#"It's an internal function and doesn't have a replacement."#,
    ),
    ("alltrue", "Use `np.all` instead."),
    ("asfarray", "Use `np.asarray` with a proper dtype instead."),
    (
        "byte_bounds",
        r#"Now it's available under `np.lib.array_utils.byte_bounds`"#,
    ),
    ("cast", "Use `np.asarray(arr, dtype=dtype)` instead."),
    ("cfloat", "Use `np.complex128` instead."),
    ("clongfloat", "Use `np.clongdouble` instead."),
    (
        "compare_chararrays",
        r#"It's still available as `np.char.compare_chararrays`."#,
    ),
    ("complex_", "Use `np.complex128` instead."),
    (
        "deprecate",
        "Emit `DeprecationWarning` with `warnings.warn` directly, or use `typing.deprecated`.",
    ),
    (
        "deprecate_with_doc",
        "Emit `DeprecationWarning` with `warnings.warn` directly, or use `typing.deprecated`.",
    ),
    ("fastCopyAndTranspose", "Use `arr.T.copy()` instead."),
    (
        "find_common_type",
        "Use `numpy.promote_types` or `numpy.result_type` instead. To achieve semantics for the `scalar_types` argument, use `numpy.result_type` and pass the Python values `0`, `0.0`, or `0j`.",
    ),
    ("float_", "Use `np.float64` instead."),
    (
        "format_parser",
        r#"It's still available as `np.rec.format_parser`."#,
    ),
    ("get_array_wrap", ""),
    ("geterrobj", "Use the np.errstate context manager instead."),
    ("infty", "Use `np.inf` instead."),
    ("issctype", "Use `issubclass(rep, np.generic)` instead."),
    ("issubclass_", "Use `issubclass` builtin instead."),
    ("issubsctype", "Use `np.issubdtype` instead."),
    ("longcomplex", "Use `np.clongdouble` instead."),
    ("longfloat", "Use `np.longdouble` instead."),
    ("lookfor", r#"Search NumPy's documentation directly."#),
    ("mat", "Use `np.asmatrix` instead."),
    (
        "maximum_sctype",
        "Use a specific dtype instead. You should avoid relying on any implicit mechanism and select the largest dtype of a kind explicitly in the code.",
    ),
    ("nbytes", "Use `np.dtype(<dtype>).itemsize` instead."),
    ("obj2sctype", "Use `np.dtype(obj).type` instead."),
    (
        "recfromcsv",
        "Use `np.genfromtxt` with comma delimiter instead.",
    ),
    ("recfromtxt", "Use `np.genfromtxt` instead."),
    ("round_", "Use `np.round` instead."),
    ("safe_eval", "Use `ast.literal_eval` instead."),
    ("sctype2char", "Use `np.dtype(obj).char` instead."),
    ("sctypes", "Access dtypes explicitly instead."),
    (
        "set_numeric_ops",
        "For the general case, use `PyUFunc_ReplaceLoopBySignature`. For ndarray subclasses, define the ``__array_ufunc__`` method and override the relevant ufunc.",
    ),
    (
        "set_string_function",
        "Use `np.set_printoptions` instead with a formatter for custom printing of NumPy objects.",
    ),
    ("seterrobj", "Use the np.errstate context manager instead."),
    ("singlecomplex", "Use `np.complex64` instead."),
    ("sometrue", "Use `np.any` instead."),
    ("source", "Use `inspect.getsource` instead."),
    ("string_", "Use `np.bytes_` instead."),
    ("tracemalloc_domain", r#"It's now available from `np.lib`."#),
    ("unicode_", "Use `np.str_` instead."),
    ("who", "Use an IDE variable explorer or `locals()` instead."),
];

/// The `AttributeError` for `np.NAME` when NumPy 2.0 removed `NAME`.
pub fn removed(name: &str) -> Option<PyError> {
    let (_, advice) = REMOVED_IN_2_0.iter().find(|(n, _)| *n == name)?;
    Some(PyError::new(
        "AttributeError",
        format!("`np.{name}` was removed in the NumPy 2.0 release. {advice}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advice_is_numpys_text() {
        assert_eq!(
            removed("NaN").unwrap().message,
            "`np.NaN` was removed in the NumPy 2.0 release. Use `np.nan` instead."
        );
        assert!(removed("nan").is_none());
    }
}
