//! `numpy.lib.array_utils`: the axis checks NumPy's own routines and tests
//! call (`normalize_axis_index`, C in NumPy; `normalize_axis_tuple`), the
//! same objects as `numpy._core.multiarray.normalize_axis_index` and
//! `numpy._core.numeric.normalize_axis_tuple`. `byte_bounds` (memory
//! addresses) is missing by name.

use super::args::Args;
use super::axis_tuple::{axes_of, normalize_axis_index};
use super::error::{PyError, PyResult};
use super::signature::{Bound, Style, bind};
use super::value::Value;

/// The module's name, as `import` and attribute chains spell it.
pub const MODULE: &str = "numpy.lib.array_utils";

/// Each function's NumPy signature; the name is the text before `(`.
const SIGNATURES: &[&str] = &[
    "normalize_axis_index(axis, ndim, msg_prefix=None)",
    "normalize_axis_tuple(axis, ndim, argname=None, allow_duplicate=False)",
];

fn name_of(sig: &str) -> &str {
    sig.split('(').next().unwrap_or(sig)
}

/// `numpy.lib.array_utils` as an attribute of `numpy.lib`, and its
/// functions as attributes of it.
pub fn module_attr(module: &str, name: &str) -> Option<Value> {
    match (module, name) {
        ("numpy.lib", "array_utils") => Some(Value::Module(MODULE.into())),
        (MODULE, f) if SIGNATURES.iter().any(|s| name_of(s) == f) => {
            Some(Value::func(&format!("np.lib.array_utils.{f}")))
        }
        _ => super::recfunctions::module_attr(module, name),
    }
}

/// The function `name` of this module, if it is one, for the private
/// modules that hold the same object.
pub fn function(name: &str) -> Option<Value> {
    module_attr(MODULE, name)
}

/// Call `numpy.lib.array_utils.NAME`, bound against NumPy's signature.
pub fn call(name: &str, args: &Args) -> PyResult<Value> {
    let sig = SIGNATURES
        .iter()
        .find(|s| name_of(s) == name)
        .ok_or_else(|| crate::eval::error::missing_module_attribute(MODULE, name))?;
    let b = bind(sig, Style::Python, args)?;
    let ndim = ndim_arg(b.required("ndim"))?;
    let text = |b: &Bound, p: &str| -> PyResult<Option<String>> {
        match b.get(p) {
            None | Some(Value::None) => Ok(None),
            Some(Value::Str(s)) => Ok(Some(s.to_string())),
            Some(other) => Ok(Some(crate::eval::display::str_of(
                other,
                &Default::default(),
            ))),
        }
    };
    match name {
        "normalize_axis_index" => {
            let prefix = text(&b, "msg_prefix")?;
            let ax = normalize_axis_index(b.required("axis"), ndim, prefix.as_deref())?;
            Ok(Value::Int(ax as i128))
        }
        _ => {
            let argname = text(&b, "argname")?;
            let allow = match b.get("allow_duplicate") {
                Some(v) => crate::eval::protocol::truthy(v)?,
                None => false,
            };
            let axes = axes_of(b.required("axis"), ndim, argname.as_deref(), allow)?;
            Ok(Value::tuple(
                axes.into_iter().map(|a| Value::Int(a as i128)).collect(),
            ))
        }
    }
}

/// `ndim` as the C parser reads an int.
fn ndim_arg(v: &Value) -> PyResult<i64> {
    if matches!(v, Value::Float(_)) {
        return Err(PyError::type_error("integer argument expected, got float"));
    }
    let n = crate::eval::coerce::int_arg(v, "")?;
    i32::try_from(n)
        .map(i64::from)
        .map_err(|_| PyError::new("OverflowError", "Python int too large to convert to C int"))
}
