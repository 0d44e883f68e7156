//! `np.ma`: masked arrays as NumPy's `numpy/ma/core.py` builds them.
//!
//! A masked array is a data array (an engine `NdArray`, often a view of
//! the learner's array), a mask (a bool array, or `nomask`, NumPy's
//! `np.False_`) and a fill value that NumPy creates lazily (printing an
//! array or reading `.fill_value` sets it, and results of arithmetic
//! inherit it, so the laziness is visible and kept here). Every function
//! follows core.py's Python code step by step, calling slicelab's own
//! `np.` functions through the registry where core.py calls NumPy's, so
//! values, dtypes, messages and view/copy outcomes are NumPy's.
//!
//! Files: `build.rs` (constructors and the `masked_*` family), `print.rs`
//! (repr/str with `--`), `attrs.rs` (attributes, methods, indexing),
//! `reduce.rs` (sum/mean/min/... skipping masked values), `ops.rs`
//! (operators, comparisons, ufuncs and their domains), `put.rs`
//! (in-place writes: put, putmask, `.shape =`, the shifts), `masks.rs`
//! (making masks, `masked_all`), `extras.rs` (compress, edges, runs,
//! `diff`), `allclose.rs`, `average.rs`, `sets.rs` (argsort/sort, unique
//! and the set routines, correlate/convolve), `median.rs`, `rowcols.rs`
//! (`mask_rowcols`), `dotdiag.rs` (`dot`, `diag`, `ediff1d`).

mod allclose;
mod attrs;
mod average;
mod build;
mod core;
mod dotdiag;
mod extras;
pub mod join;
mod masks;
mod median;
mod more;
mod ops;
pub(super) mod print;
mod put;
mod reduce;
mod rowcols;
mod sets;
mod sort;

use super::object::{as_masked, is_ma, is_masked_constant};

use crate::engine::{DType, Scalar};

use super::error::{PyError, PyResult};
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::session::Session;

pub use attrs::{attr, call_method, getitem, setattr, setitem};
pub use core::{default_fill, getdata, getmask, getmaskarray, masked, unsupported_dtype};
pub use ops::{binary, compare, inplace, items, ufunc, unary};

/// The module's name as `Value::Module` holds it.
pub const MODULE: &str = "numpy.ma";

/// `np.ma`'s functions with NumPy 2.4's signatures and the parameters
/// slicelab reads.
pub const ENTRIES: &[Entry] = &[
    func(
        "array(data, dtype=None, copy=False, order=None, mask=np.False_, fill_value=None, keep_mask=True, hard_mask=False, shrink=True, subok=True, ndmin=0)",
        Style::Python,
        "data dtype copy mask fill_value hard_mask keep_mask shrink subok",
        Writes::Nothing,
    ),
    func(
        "masked_array(data=None, mask=np.False_, dtype=None, copy=False, subok=True, ndmin=0, fill_value=None, keep_mask=True, hard_mask=None, shrink=True, order=None)",
        Style::Python,
        "data dtype copy mask fill_value hard_mask keep_mask shrink subok",
        Writes::Nothing,
    ),
    func(
        "masked_where(condition, a, copy=True)",
        Style::Python,
        "condition a copy",
        Writes::Nothing,
    ),
    func(
        "masked_equal(x, value, copy=True)",
        Style::Python,
        "x value copy",
        Writes::Nothing,
    ),
    func(
        "masked_not_equal(x, value, copy=True)",
        Style::Python,
        "x value copy",
        Writes::Nothing,
    ),
    func(
        "masked_greater(x, value, copy=True)",
        Style::Python,
        "x value copy",
        Writes::Nothing,
    ),
    func(
        "masked_greater_equal(x, value, copy=True)",
        Style::Python,
        "x value copy",
        Writes::Nothing,
    ),
    func(
        "masked_less(x, value, copy=True)",
        Style::Python,
        "x value copy",
        Writes::Nothing,
    ),
    func(
        "masked_less_equal(x, value, copy=True)",
        Style::Python,
        "x value copy",
        Writes::Nothing,
    ),
    func(
        "masked_inside(x, v1, v2, copy=True)",
        Style::Python,
        "x v1 v2 copy",
        Writes::Nothing,
    ),
    func(
        "masked_outside(x, v1, v2, copy=True)",
        Style::Python,
        "x v1 v2 copy",
        Writes::Nothing,
    ),
    func(
        "masked_invalid(a, copy=True)",
        Style::Python,
        "a copy",
        Writes::Nothing,
    ),
    func(
        "masked_values(x, value, rtol=1e-05, atol=1e-08, copy=True, shrink=True)",
        Style::Python,
        "x value rtol atol copy shrink",
        Writes::Nothing,
    ),
    func("getmask(a)", Style::Python, "a", Writes::Nothing),
    func("getmaskarray(arr)", Style::Python, "arr", Writes::Nothing),
    func(
        "getdata(a, subok=True)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func("is_masked(x)", Style::Python, "x", Writes::Nothing),
    func("isMaskedArray(x)", Style::Python, "x", Writes::Nothing),
    func("isMA(x)", Style::Python, "x", Writes::Nothing),
    func("isarray(x)", Style::Python, "x", Writes::Nothing),
    func("is_mask(m)", Style::Python, "m", Writes::Nothing),
    func("shape(obj)", Style::Python, "obj", Writes::Nothing),
    func(
        "size(obj, axis=None)",
        Style::Python,
        "obj axis",
        Writes::Nothing,
    ),
    func("ndim(obj)", Style::Python, "obj", Writes::Nothing),
    func(
        "count_masked(arr, axis=None)",
        Style::Python,
        "arr axis",
        Writes::Nothing,
    ),
    func(
        "default_fill_value(obj)",
        Style::Python,
        "obj",
        Writes::Nothing,
    ),
    func(
        "filled(a, fill_value=None)",
        Style::Python,
        "a fill_value",
        Writes::Nothing,
    ),
    func("compressed(x)", Style::Python, "x", Writes::Nothing),
    func(
        "count(a, axis=None, keepdims=<no value>)",
        Style::Python,
        "a axis keepdims",
        Writes::Nothing,
    ),
    func(
        "sum(a, axis=None, dtype=None, out=None, keepdims=<no value>)",
        Style::Python,
        "a axis dtype keepdims",
        Writes::Nothing,
    ),
    func(
        "prod(a, axis=None, dtype=None, out=None, keepdims=<no value>)",
        Style::Python,
        "a axis dtype keepdims",
        Writes::Nothing,
    ),
    func(
        "mean(a, axis=None, dtype=None, out=None, keepdims=<no value>)",
        Style::Python,
        "a axis dtype keepdims",
        Writes::Nothing,
    ),
    func(
        "min(obj, axis=None, out=None, fill_value=None, keepdims=<no value>)",
        Style::Python,
        "obj axis fill_value keepdims",
        Writes::Nothing,
    ),
    func(
        "max(obj, axis=None, out=None, fill_value=None, keepdims=<no value>)",
        Style::Python,
        "obj axis fill_value keepdims",
        Writes::Nothing,
    ),
    func(
        "zeros(shape, dtype=None, order='C', *, device=None, like=None, fill_value=None, hardmask=False)",
        Style::Python,
        "shape dtype",
        Writes::Nothing,
    ),
    func(
        "ones(shape, dtype=None, order='C', *, device=None, like=None, fill_value=None, hardmask=False)",
        Style::Python,
        "shape dtype",
        Writes::Nothing,
    ),
    func(
        "arange(start_or_stop, /, stop=None, step=1, *, dtype=None, device=None, like=None, fill_value=None, hardmask=False)",
        Style::Python,
        "start_or_stop stop step dtype",
        Writes::Nothing,
    ),
    func(
        "power(a, b, third=None)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "log(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "log2(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "log10(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "sqrt(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "exp(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "sin(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "cos(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "abs(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "absolute(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "negative(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "add(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "subtract(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "multiply(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "divide(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "true_divide(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "floor_divide(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "arctan(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "arcsinh(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "sinh(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "cosh(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "tanh(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "fabs(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "floor(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "ceil(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "logical_not(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "conjugate(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "tan(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "arcsin(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "arccos(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "arccosh(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "arctanh(a, *args, **kwargs)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "hypot(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "arctan2(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "equal(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "not_equal(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "less(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "less_equal(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "greater(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "greater_equal(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "logical_and(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "logical_or(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "logical_xor(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "bitwise_and(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "bitwise_or(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "bitwise_xor(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func("left_shift(a, n)", Style::Python, "a n", Writes::Nothing),
    func("right_shift(a, n)", Style::Python, "a n", Writes::Nothing),
    func(
        "fmod(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "mod(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "remainder(a, b, *args, **kwargs)",
        Style::Python,
        "a b",
        Writes::Nothing,
    ),
    func(
        "argmin(a, axis=None, fill_value=None, out=None, *, keepdims=<no value>)",
        Style::Python,
        "a axis fill_value keepdims",
        Writes::Nothing,
    ),
    func(
        "argmax(a, axis=None, fill_value=None, out=None, *, keepdims=<no value>)",
        Style::Python,
        "a axis fill_value keepdims",
        Writes::Nothing,
    ),
    func(
        "cumsum(a, axis=None, dtype=None, out=None)",
        Style::Python,
        "a axis dtype",
        Writes::Nothing,
    ),
    func(
        "cumprod(a, axis=None, dtype=None, out=None)",
        Style::Python,
        "a axis dtype",
        Writes::Nothing,
    ),
    func(
        "std(a, axis=None, dtype=None, out=None, ddof=0, keepdims=<no value>, mean=<no value>)",
        Style::Python,
        "a axis dtype ddof keepdims mean",
        Writes::Nothing,
    ),
    func(
        "var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=<no value>, mean=<no value>)",
        Style::Python,
        "a axis dtype ddof keepdims mean",
        Writes::Nothing,
    ),
    func(
        "concatenate(arrays, axis=0)",
        Style::Python,
        "arrays axis",
        Writes::Nothing,
    ),
    func(
        "stack(arrays, axis=0, out=None, *, dtype=None, casting='same_kind')",
        Style::Python,
        "arrays axis dtype casting",
        Writes::Nothing,
    ),
    func(
        "vstack(tup, *, dtype=None, casting='same_kind')",
        Style::Python,
        "tup dtype casting",
        Writes::Nothing,
    ),
    func(
        "row_stack(tup, *, dtype=None, casting='same_kind')",
        Style::Python,
        "tup dtype casting",
        Writes::Nothing,
    ),
    func(
        "hstack(tup, *, dtype=None, casting='same_kind')",
        Style::Python,
        "tup dtype casting",
        Writes::Nothing,
    ),
    func("column_stack(tup)", Style::Python, "tup", Writes::Nothing),
    func("dstack(tup)", Style::Python, "tup", Writes::Nothing),
    func(
        "where(condition, x=<no value>, y=<no value>)",
        Style::Python,
        "condition x y",
        Writes::Nothing,
    ),
    func(
        "sort(a, axis=-1, kind=None, order=None, endwith=True, fill_value=None, *, stable=None)",
        Style::Python,
        "a axis kind endwith fill_value stable",
        Writes::Nothing,
    ),
    func(
        "MaskedArray(data=None, mask=np.False_, dtype=None, copy=False, subok=True, ndmin=0, fill_value=None, keep_mask=True, hard_mask=None, shrink=True, order=None)",
        Style::Python,
        "data dtype copy mask fill_value hard_mask keep_mask shrink subok",
        Writes::Nothing,
    ),
    func(
        "put(a, indices, values, mode='raise')",
        Style::Python,
        "a indices values mode",
        Writes::Arg("a"),
    ),
    func(
        "putmask(a, mask, values)",
        Style::Python,
        "a mask values",
        Writes::Arg("a"),
    ),
    func(
        "masked_all(shape, dtype=float)",
        Style::Python,
        "shape dtype",
        Writes::Nothing,
    ),
    func(
        "masked_all_like(arr)",
        Style::Python,
        "arr",
        Writes::Nothing,
    ),
    func(
        "make_mask(m, copy=False, shrink=True, dtype=<class 'numpy.bool'>)",
        Style::Python,
        "m copy shrink",
        Writes::Nothing,
    ),
    func(
        "make_mask_none(newshape, dtype=None)",
        Style::Python,
        "newshape",
        Writes::Nothing,
    ),
    func(
        "mask_or(m1, m2, copy=False, shrink=True)",
        Style::Python,
        "m1 m2 copy shrink",
        Writes::Nothing,
    ),
    func("flatten_mask(mask)", Style::Python, "mask", Writes::Nothing),
    func(
        "fix_invalid(a, mask=np.False_, copy=True, fill_value=None)",
        Style::Python,
        "a mask copy fill_value",
        Writes::Nothing,
    ),
    func(
        "compress_nd(x, axis=None)",
        Style::Python,
        "x axis",
        Writes::Nothing,
    ),
    func(
        "compress_rowcols(x, axis=None)",
        Style::Python,
        "x axis",
        Writes::Nothing,
    ),
    func("compress_rows(a)", Style::Python, "a", Writes::Nothing),
    func("compress_cols(a)", Style::Python, "a", Writes::Nothing),
    func(
        "flatnotmasked_edges(a)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "notmasked_edges(a, axis=None)",
        Style::Python,
        "a axis",
        Writes::Nothing,
    ),
    func(
        "flatnotmasked_contiguous(a)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "notmasked_contiguous(a, axis=None)",
        Style::Python,
        "a axis",
        Writes::Nothing,
    ),
    func("clump_masked(a)", Style::Python, "a", Writes::Nothing),
    func("clump_unmasked(a)", Style::Python, "a", Writes::Nothing),
    func(
        "diff(a, /, n=1, axis=-1, prepend=<no value>, append=<no value>)",
        Style::Python,
        "a n axis",
        Writes::Nothing,
    ),
    func(
        "reshape(a, new_shape, order='C')",
        Style::Python,
        "a new_shape order",
        Writes::Nothing,
    ),
    func(
        "allequal(a, b, fill_value=True)",
        Style::Python,
        "a b fill_value",
        Writes::Nothing,
    ),
    func(
        "allclose(a, b, masked_equal=True, rtol=1e-05, atol=1e-08)",
        Style::Python,
        "a b masked_equal rtol atol",
        Writes::Nothing,
    ),
    func(
        "average(a, axis=None, weights=None, returned=False, *, keepdims=<no value>)",
        Style::Python,
        "a axis weights returned keepdims",
        Writes::Nothing,
    ),
    func(
        "ptp(obj, axis=None, out=None, fill_value=None, keepdims=<no value>)",
        Style::Python,
        "obj axis fill_value keepdims",
        Writes::Nothing,
    ),
    func(
        "unique(ar1, return_index=False, return_inverse=False)",
        Style::Python,
        "ar1 return_index return_inverse",
        Writes::Nothing,
    ),
    func(
        "intersect1d(ar1, ar2, assume_unique=False)",
        Style::Python,
        "ar1 ar2 assume_unique",
        Writes::Nothing,
    ),
    func(
        "setxor1d(ar1, ar2, assume_unique=False)",
        Style::Python,
        "ar1 ar2 assume_unique",
        Writes::Nothing,
    ),
    func(
        "in1d(ar1, ar2, assume_unique=False, invert=False)",
        Style::Python,
        "ar1 ar2 assume_unique invert",
        Writes::Nothing,
    ),
    func(
        "isin(element, test_elements, assume_unique=False, invert=False)",
        Style::Python,
        "element test_elements assume_unique invert",
        Writes::Nothing,
    ),
    func(
        "median(a, axis=None, out=None, overwrite_input=False, keepdims=False)",
        Style::Python,
        "a axis overwrite_input keepdims",
        Writes::Nothing,
    ),
    func(
        "correlate(a, v, mode='valid', propagate_mask=True)",
        Style::Python,
        "a v mode propagate_mask",
        Writes::Nothing,
    ),
    func(
        "convolve(a, v, mode='full', propagate_mask=True)",
        Style::Python,
        "a v mode propagate_mask",
        Writes::Nothing,
    ),
    func("diag(v, k=0)", Style::Python, "v k", Writes::Nothing),
    func(
        "dot(a, b, strict=False, out=None)",
        Style::Python,
        "a b strict",
        Writes::Nothing,
    ),
    func(
        "ediff1d(arr, to_end=None, to_begin=None)",
        Style::Python,
        "arr to_end to_begin",
        Writes::Nothing,
    ),
    func(
        "mask_rowcols(a, axis=None)",
        Style::Python,
        "a axis",
        Writes::Nothing,
    ),
    func(
        "mask_rows(a, axis=<no value>)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "mask_cols(a, axis=<no value>)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "union1d(ar1, ar2)",
        Style::Python,
        "ar1 ar2",
        Writes::Nothing,
    ),
    func(
        "setdiff1d(ar1, ar2, assume_unique=False)",
        Style::Python,
        "ar1 ar2 assume_unique",
        Writes::Nothing,
    ),
    func(
        "asarray(a, dtype=None, order=None)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
    func(
        "asanyarray(a, dtype=None, order=None)",
        Style::Python,
        "a",
        Writes::Nothing,
    ),
];

/// NumPy's public `numpy.ma` names slicelab does not have yet: they
/// raise `NotImplementedError` naming themselves, never a false
/// `AttributeError`.
const MISSING: &[&str] = &[
    "set_fill_value",
    "anom",
    "anomalies",
    "masked_object",
    "empty",
    "empty_like",
    "zeros_like",
    "ones_like",
    "argsort",
    "ravel",
    "transpose",
    "clip",
    "round",
    "around",
    "maximum",
    "minimum",
    "MaskType",
    "polyfit",
    "corrcoef",
    "cov",
    "all",
    "alltrue",
    "amax",
    "amin",
    "angle",
    "any",
    "append",
    "apply_along_axis",
    "apply_over_axes",
    "atleast_1d",
    "atleast_2d",
    "atleast_3d",
    "choose",
    "common_fill_value",
    "compress",
    "copy",
    "diagflat",
    "diagonal",
    "expand_dims",
    "flatten_structured_array",
    "frombuffer",
    "fromflex",
    "fromfunction",
    "harden_mask",
    "hsplit",
    "identity",
    "ids",
    "indices",
    "inner",
    "innerproduct",
    "make_mask_descr",
    "maximum_fill_value",
    "minimum_fill_value",
    "ndenumerate",
    "nonzero",
    "outer",
    "outerproduct",
    "product",
    "repeat",
    "resize",
    "round_",
    "soften_mask",
    "sometrue",
    "squeeze",
    "swapaxes",
    "take",
    "trace",
    "vander",
];

fn entry(name: &str) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.name() == name)
}

/// `np.ma.NAME`.
pub fn module_attr(name: &str) -> PyResult<Value> {
    match name {
        "masked" => return Ok(masked()),
        "nomask" => return Ok(Value::NpScalar(DType::Bool, Scalar::Bool(false))),
        // `MaskType = np.bool`, the class itself.
        "MaskType" => {
            return Ok(Value::Type(crate::eval::value::TypeObj::NpScalar(
                DType::Bool,
            )));
        }
        // One class under two names, so `isinstance` and `type(m) is`
        // work and calling it constructs.
        "MaskedArray" | "masked_array" => {
            return Ok(Value::Type(crate::eval::value::TypeObj::Builtin(
                crate::eval::types::MASKED_ARRAY,
            )));
        }
        _ => {}
    }
    if entry(name).is_some() || MISSING.contains(&name) {
        return Ok(Value::func(&format!("np.ma.{name}")));
    }
    if name == "MaskError" {
        return super::exceptions::class("MaskError")
            .ok_or_else(|| PyError::new("SystemError", "MaskError is not registered"));
    }
    Err(crate::eval::error::missing_module_attribute(MODULE, name))
}

/// Call `np.ma.NAME(...)`: bound against its entry, then computed.
pub fn call(s: &mut Session, name: &str, args: Args) -> PyResult<Value> {
    // A masked matrix keeps the matrix class (`_baseclass`), which
    // slicelab's masked arrays do not model.
    if crate::eval::matrix::in_args(&args) {
        return Err(crate::eval::matrix::refuse(&format!(
            "np.ma.{name} of a matrix"
        )));
    }
    // Likewise a masked array of the learner's ndarray subclass.
    if crate::eval::array_subclass::in_args(&args) {
        return Err(crate::eval::array_subclass::refuse(&format!(
            "np.ma.{name}"
        )));
    }
    let Some(e) = entry(name) else {
        return Err(PyError::new(
            "NotImplementedError",
            format!("slicelab does not have np.ma.{name} yet"),
        ));
    };
    let args = crate::eval::binding::prepare(e, &args)?;
    let a0 = || args.pos.first().cloned().unwrap_or(Value::None);
    match name {
        // `np.ma.array` defaults `hard_mask` to False, the class to None
        // (the source's hardness).
        "array" => build::array(s, &args, false),
        "masked_array" | "MaskedArray" => build::array(s, &args, true),
        "put" => put::put_function(s, &args),
        "putmask" => put::putmask(s, &args),
        "left_shift" | "right_shift" => put::shift(s, name, &args),
        "masked_all" => masks::masked_all(s, &args),
        "masked_all_like" => masks::masked_all_like(s, &args),
        "make_mask" => masks::make_mask_call(s, &args),
        "make_mask_none" => masks::make_mask_none(s, &args),
        "mask_or" => masks::mask_or(s, &args),
        "flatten_mask" => masks::flatten_mask(s, &args),
        "fix_invalid" => masks::fix_invalid(s, &args),
        "compress_nd" => {
            let x = args.kw("x").cloned().unwrap_or(Value::None);
            extras::compress_nd(s, &x, args.kw("axis"))
        }
        "compress_rowcols" | "compress_rows" | "compress_cols" => {
            extras::compress_2d(s, name, &args)
        }
        "flatnotmasked_edges" => extras::flatnotmasked_edges(s, &a0()),
        "notmasked_edges" => extras::notmasked_edges(s, &args),
        "flatnotmasked_contiguous" => extras::flatnotmasked_contiguous(s, &a0()),
        "notmasked_contiguous" => extras::notmasked_contiguous(s, &args),
        "clump_masked" => extras::clump(s, true, &a0()),
        "clump_unmasked" => extras::clump(s, false, &a0()),
        "diff" => extras::diff(s, &args),
        "reshape" => {
            let a = a0();
            let shape = args.kw("new_shape").cloned().unwrap_or(Value::None);
            let kw: Vec<(String, Value)> = args
                .kw
                .iter()
                .filter(|(k, _)| k == "order")
                .cloned()
                .collect();
            // `a.reshape(...)`: an ndarray stays one; what has no
            // `reshape` goes through `np.asarray` and becomes masked.
            let args = Args {
                pos: vec![shape],
                kw,
            };
            match a {
                Value::Array(_) => s.call_method_registered(&a, "reshape", args),
                a if is_ma(&a) => attrs::call_method(s, &a, "reshape", args),
                a => {
                    let d = s.np("asarray", vec![a], vec![])?;
                    let r = s.call_method_registered(&d, "reshape", args)?;
                    core::plain(s, r)
                }
            }
        }
        "average" => average::average(s, &args),
        "allequal" => allclose::allequal(s, &args),
        "allclose" => allclose::allclose(s, &args),
        "ptp" => more::from_method(s, name, &args),
        "masked_where" => {
            let copy = args.kw("copy").cloned().unwrap_or(Value::Bool(true));
            let cond = args.get(0, "condition").cloned().unwrap_or(Value::None);
            let a = args.get(1, "a").cloned().unwrap_or(Value::None);
            build::masked_where(s, &cond, &a, &copy)
        }
        "masked_equal"
        | "masked_not_equal"
        | "masked_greater"
        | "masked_greater_equal"
        | "masked_less"
        | "masked_less_equal" => build::masked_compare(s, name, &args),
        "masked_inside" | "masked_outside" => build::masked_range(s, name, &args),
        "masked_invalid" => build::masked_invalid(s, &args),
        "masked_values" => build::masked_values(s, &args),
        "getmask" => Ok(match getmask(&a0()) {
            Some(m) => Value::Array(m),
            None => Value::NpScalar(DType::Bool, Scalar::Bool(false)),
        }),
        "getmaskarray" => Ok(Value::Array(getmaskarray(s, &a0())?)),
        "getdata" => Ok(Value::Array(getdata(&a0())?)),
        "is_masked" => build::is_masked(&a0()),
        "isMaskedArray" | "isMA" | "isarray" => Ok(Value::Bool(is_ma(&a0()))),
        // `m.dtype.type is MaskType`; no `.dtype` is False.
        "is_mask" => Ok(Value::Bool(match a0() {
            Value::Array(a) => a.dtype().native() == DType::Bool,
            Value::NpScalar(dt, _) => dt == DType::Bool,
            v => as_masked(&v).is_some_and(|m| m.data.dtype().native() == DType::Bool),
        })),
        // `np.shape(getdata(obj))` and friends.
        "shape" | "ndim" => s.np(name, vec![Value::Array(getdata(&a0())?)], vec![]),
        "size" => {
            let axis = args.get(1, "axis").cloned().unwrap_or(Value::None);
            s.np("size", vec![Value::Array(getdata(&a0())?), axis], vec![])
        }
        // `getmaskarray(arr).sum(axis)`.
        "count_masked" => {
            let m = getmaskarray(s, &a0())?;
            let axis = args.get(1, "axis").cloned().unwrap_or(Value::None);
            s.np("sum", vec![Value::Array(m), axis], vec![])
        }
        "default_fill_value" => build::default_fill_value(s, &a0()),
        "filled" => {
            let a = a0();
            let fill = args.get(1, "fill_value").cloned();
            match as_masked(&a) {
                Some(m) => Ok(Value::Array(core::filled(s, m, fill)?)),
                None if is_masked_constant(&a) => attrs::call_method(s, &a, "filled", args),
                None => match a {
                    Value::Array(x) => Ok(Value::Array(x)),
                    other => s.np("array", vec![other], vec![]),
                },
            }
        }
        "compressed" | "count" | "sum" | "prod" | "mean" | "min" | "max" => {
            let a = a0();
            let a = if is_ma(&a) { a } else { core::plain(s, a)? };
            let rest = Args {
                pos: vec![],
                kw: args
                    .kw
                    .iter()
                    .filter(|(k, _)| k != "a" && k != "obj" && k != "x")
                    .cloned()
                    .collect(),
            };
            attrs::call_method(s, &a, name, rest)
        }
        "zeros" | "ones" => {
            let v = s.call_registered(
                &format!("np.{name}"),
                Args {
                    pos: vec![],
                    kw: args.kw.clone(),
                },
            )?;
            core::plain(s, v)
        }
        "arange" => {
            let mut pos = vec![a0()];
            let stop = args.kw("stop").cloned();
            let step = args.kw("step").cloned();
            if let Some(v) = &stop {
                pos.push(v.clone());
            }
            if let Some(v) = step {
                if stop.is_none() {
                    pos.push(Value::None);
                }
                pos.push(v);
            }
            let kw = args
                .kw
                .iter()
                .filter(|(k, _)| k == "dtype")
                .cloned()
                .collect();
            let v = s.call_registered("np.arange", Args { pos, kw })?;
            core::plain(s, v)
        }
        "argmin" | "argmax" | "cumsum" | "cumprod" | "std" | "var" => {
            more::from_method(s, name, &args)
        }
        "concatenate" => more::concatenate(s, &args),
        n if more::SEQ_JOINS.contains(&n) => more::seq_join(s, n, &args),
        "where" => more::where_(s, &args),
        "sort" => more::sort(s, &args),
        "unique" => sets::unique(s, &args),
        "median" => median::median(s, &args),
        "diag" => dotdiag::diag(s, &args),
        "dot" => dotdiag::dot(s, &args),
        "ediff1d" => dotdiag::ediff1d(s, &args),
        "mask_rowcols" | "mask_rows" | "mask_cols" => rowcols::mask_rowcols(s, name, &args),
        "correlate" | "convolve" => sets::convolve_or_correlate(s, name, &args),
        "intersect1d" => sets::intersect1d(s, &args),
        "union1d" => sets::union1d(s, &args),
        "setdiff1d" => sets::setdiff1d(s, &args),
        "setxor1d" => sets::setxor1d(s, &args),
        "in1d" => sets::in1d(s, &args),
        "isin" => sets::isin(s, &args),
        "asarray" | "asanyarray" => extras::asarray(s, &a0()),
        _ => ops::call_named(s, name, &args),
    }
}

/// `np.NAME(...)` with a masked argument: a ufunc goes through
/// `__array_wrap__` (`ops::ufunc`); `np.sum`/`mean`/`min`/... call the
/// masked array's method, as NumPy's `_wrapreduction` does; anything
/// else is refused rather than computed on the bare data.
pub fn np_function(s: &mut Session, e: &Entry, args: Args) -> PyResult<Value> {
    let name = e.name();
    if let Some((nin, nout)) = e.ufunc {
        return ufunc(s, name, nin, nout, args);
    }
    if matches!(name, "array" | "asarray" | "asanyarray") {
        let first = args
            .pos
            .first()
            .or_else(|| args.kw("object"))
            .or_else(|| args.kw("a"))
            .cloned()
            .unwrap_or(Value::None);
        let others_masked = args.pos.iter().skip(1).any(is_ma)
            || args
                .kw
                .iter()
                .any(|(k, v)| k != "object" && k != "a" && is_ma(v));
        if name == "asanyarray" && args.pos.len() + args.kw.len() == 1 && is_ma(&first) {
            return Ok(first);
        }
        // `np.array(m)` / `np.asarray(m)` read the data (`__array__`);
        // only the first argument can be masked here.
        if is_ma(&first) && !others_masked {
            let d = Value::Array(getdata(&first)?);
            let mut pos = args.pos.clone();
            let mut kw = args.kw.clone();
            match pos.first_mut() {
                Some(p) => *p = d,
                None => {
                    for (_, v) in kw.iter_mut().filter(|(k, _)| k == "object" || k == "a") {
                        *v = d.clone();
                    }
                }
            }
            return s.call_registered(&format!("np.{name}"), Args { pos, kw });
        }
    }
    let method = match name {
        "sum" | "prod" | "mean" | "min" | "max" => name,
        "amin" => "min",
        "amax" => "max",
        _ => {
            return Err(PyError::new(
                "NotImplementedError",
                format!("slicelab does not implement np.{name} of a masked array yet"),
            ));
        }
    };
    let bound = crate::eval::binding::prepare(e, &args)?;
    let a = bound.pos.first().cloned().unwrap_or(Value::None);
    let rest = Args {
        pos: vec![],
        kw: bound.kw.into_iter().filter(|(k, _)| k != "a").collect(),
    };
    attrs::call_method(s, &a, method, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_signature_parses_and_names_what_it_honours() {
        for e in ENTRIES {
            let sig = super::super::signature::parse(e.signature)
                .unwrap_or_else(|m| panic!("{}: {m}", e.signature));
            for h in e.honours.split_whitespace() {
                assert!(sig.params.iter().any(|p| p.name == h), "{} {h}", e.name());
            }
            assert!(!MISSING.contains(&e.name()), "{} is both", e.name());
        }
    }
}
