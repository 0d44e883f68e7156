//! A ufunc given a structured or raw `void` input (`np.log(records)`,
//! `records + 1`): NumPy has no loop for them, and the error it raises
//! depends on how the ufunc finds its loop. Read off NumPy 2.4 for every
//! ufunc with structured and `V4` inputs:
//! - ufuncs dispatched through promoters name the inputs' DType classes;
//! - ufuncs with their own legacy type resolver name the inputs' dtypes;
//! - `logical_and`/`or`/`xor` cannot cast a structure to bool;
//! - `isnat` says what it is defined for;
//! - every other ufunc finds no loop it could safely cast to.
//!
//! Without this check, kernels read the records' bytes as numbers, so
//! `np.log(records)` printed values where NumPy raises.

use super::args::Args;
use super::error::{PyError, PyResult};
use super::value::Value;
use crate::engine::DType;
use crate::engine::kernels::CompareOp;

/// Ufuncs whose loop is found by promoters, so the message names
/// classes: these four and the comparisons ([`CompareOp::of_ufunc`]).
const BY_CLASS: &[&str] = &["absolute", "negative", "positive", "sign"];

/// Ufuncs with a type resolver of their own: the message names dtypes.
const BY_DTYPE: &[&str] = &[
    "add", "subtract", "multiply", "maximum", "minimum", "fmax", "fmin", "gcd", "lcm", "matmul",
    "vecdot", "matvec", "vecmat",
];

/// Whether `v` is an array or scalar of a structured or raw void dtype.
pub fn is_void(v: &Value) -> bool {
    match v {
        Value::Void(_) => true,
        Value::Array(a) => matches!(a.dtype(), DType::Record(_)),
        _ => false,
    }
}

/// NumPy's error for ufunc `name` (its `__name__`) on `inputs` when one
/// of them is void; `Ok` when none is.
pub fn check(name: &str, inputs: &[Value]) -> PyResult<()> {
    if !inputs.iter().any(is_void) {
        return Ok(());
    }
    Err(no_loop(name, inputs))
}

/// Reductions and routines (and the methods that forward to them) with
/// the ufunc NumPy reduces a void array with: its message names the
/// array's dtype twice.
const REDUCTIONS: &[(&str, &str)] = &[
    ("sum", "add"),
    ("nansum", "add"),
    ("mean", "add"),
    ("nanmean", "add"),
    ("std", "add"),
    ("var", "add"),
    ("median", "add"),
    ("average", "add"),
    ("cumsum", "add"),
    ("cumulative_sum", "add"),
    ("prod", "multiply"),
    ("nanprod", "multiply"),
    ("cumprod", "multiply"),
    ("cumulative_prod", "multiply"),
    ("max", "maximum"),
    ("amax", "maximum"),
    ("ptp", "maximum"),
    ("min", "minimum"),
    ("amin", "minimum"),
    ("nanmax", "fmax"),
    ("nanmin", "fmin"),
    ("diff", "subtract"),
];

/// [`check`] for a call `np.NAME(args)`: a ufunc's first `nin` positional
/// arguments are its inputs; a reduction's first is the array.
pub fn check_call(name: &str, args: &Args) -> PyResult<()> {
    if let Some(row) = super::ufunc_info::row(name) {
        let inputs = &args.pos[..row.2.min(args.pos.len())];
        return check(row.1, inputs);
    }
    let Some(a) = args.pos.first().filter(|v| is_void(v)) else {
        return Ok(());
    };
    let dtype = || super::convert::as_array(a).map(|a| crate::render::dtype_repr(a.dtype()));
    if let Some(&(_, ufunc)) = REDUCTIONS.iter().find(|(n, _)| *n == name) {
        if let Some(to) = args
            .kw
            .iter()
            .find(|(k, v)| k == "dtype" && !matches!(v, Value::None))
        {
            let to = super::dtype_arg::dtype_arg(&to.1)?;
            return Err(PyError::type_error(format!(
                "Cannot cast ufunc '{ufunc}' input 0 from {} to {} with casting rule 'unsafe'",
                dtype()?,
                crate::render::dtype_repr(&to)
            )));
        }
        return check(ufunc, &[a.clone(), a.clone()]);
    }
    match name {
        "any" | "all" => Err(PyError::type_error(format!(
            "Iterator operand 1 dtype could not be cast from {} to dtype('bool') according to the rule 'unsafe'",
            dtype()?
        ))),
        "argmax" | "argmin" | "nanargmax" | "nanargmin" => {
            Err(PyError::type_error("data type not ordered"))
        }
        _ => Ok(()),
    }
}

/// The ufunc `a ** b` calls: NumPy's fast path squares for a Python `2`.
pub fn power_name(b: &Value) -> &'static str {
    if matches!(b, Value::Int(2)) {
        "square"
    } else {
        "power"
    }
}

/// NumPy's error for ufunc `name` on `inputs`, one of them void.
pub fn no_loop(name: &str, inputs: &[Value]) -> PyError {
    let dtype_of = |v: &Value| super::convert::as_array(v).map(|a| a.dtype().clone()).ok();
    if BY_CLASS.contains(&name) || CompareOp::of_ufunc(name).is_some() {
        let classes: Vec<String> = inputs
            .iter()
            .map(|v| {
                let dt = dtype_of(v).unwrap_or(DType::Float64);
                super::dtype_classes::input_class_repr(v, &dt.native())
            })
            .collect();
        return PyError::type_error(format!(
            "ufunc '{name}' did not contain a loop with signature matching types {} -> None",
            joined(&classes)
        ));
    }
    if BY_DTYPE.contains(&name) {
        let dtypes: Vec<String> = inputs
            .iter()
            .map(|v| dtype_of(v).map_or_else(|| "None".into(), |d| crate::render::dtype_repr(&d)))
            .collect();
        return PyError::type_error(format!(
            "ufunc '{name}' did not contain a loop with signature matching types {} -> None",
            joined(&dtypes)
        ));
    }
    if matches!(name, "logical_and" | "logical_or" | "logical_xor")
        && let Some(structured) = inputs
            .iter()
            .filter_map(dtype_of)
            .find(|d| matches!(d, DType::Record(r) if !r.fields().is_empty()))
    {
        return no_bool_cast(&structured);
    }
    if matches!(name, "logical_and" | "logical_or" | "logical_xor") {
        // NumPy answers for raw void bytes here, through a cast slicelab
        // does not model.
        return PyError::new(
            "NotImplementedError",
            format!("slicelab does not implement np.{name} of raw void data"),
        );
    }
    if name == "isnat" {
        return PyError::type_error(
            "ufunc 'isnat' is only defined for np.datetime64 and np.timedelta64.",
        );
    }
    PyError::type_error(format!(
        "ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
    ))
}

/// NumPy's error for a structure cast to bool (`logical_and`,
/// `count_nonzero(axis=)` through `astype(bool)`).
pub fn no_bool_cast(structured: &DType) -> PyError {
    PyError::type_error(format!(
        "Cannot cast array data from {} to dtype('bool') according to the rule 'unsafe'",
        crate::render::dtype_repr(structured)
    ))
}

/// One type as is, several as a tuple, as `_UFuncNoLoopError` prints them.
fn joined(names: &[String]) -> String {
    if names.len() == 1 {
        names[0].clone()
    } else {
        format!("({})", names.join(", "))
    }
}
