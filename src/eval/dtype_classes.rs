//! NumPy 2's DType classes, `numpy.dtypes`: `type(np.dtype('f8'))` is
//! `numpy.dtypes.Float64DType`, a subclass of `np.dtype`.
//!
//! Each class is a row of `dtype_class_names::CLASSES`; the module's other
//! names are aliases of those (`LongDType` is `Int64DType` on Linux). A
//! class is a `TypeObj::DTypeKind` holding its row's name, so `type()`,
//! `isinstance`, calls and the module's attributes all read that one table.

use crate::engine::DType;

use super::args::Args;
use super::dtype_class_names::{CLASSES, Make, canonical, class_name};
use super::error::{PyError, PyResult};
use super::value::{TypeObj, Value};

/// The module's name.
pub const MODULE: &str = "numpy.dtypes";

/// The repr of the DType class NumPy's "no loop" messages name for an
/// input of dtype `dt`: a Python number has its own abstract class
/// (`<class 'numpy.dtypes._PyLongDType'>`).
pub fn input_class_repr(v: &Value, dt: &DType) -> String {
    let class = match v {
        Value::Int(_) => "_PyLongDType",
        Value::Float(_) => "_PyFloatDType",
        Value::Complex(..) => "_PyComplexDType",
        _ => class_name(dt),
    };
    format!("<class 'numpy.dtypes.{class}'>")
}

/// `numpy.dtypes.NAME`: a class, by its own name or an alias.
pub fn module_attr(name: &str) -> Option<Value> {
    let name = canonical(name);
    CLASSES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, _)| Value::Type(TypeObj::DTypeKind(n)))
}

/// `isinstance(v, CLASS)`.
pub fn is_instance(v: &Value, class: &str) -> bool {
    match v {
        Value::DType(dt) => class_name(dt) == class,
        Value::Object(o) => {
            matches!(
                o.as_ref(),
                super::object::Obj::SubArrayDType(..) | super::object::Obj::RecordDType(_)
            ) && class == "VoidDType"
        }
        _ => false,
    }
}

/// `issubclass(cls, class)` when either is `np.dtype` or one of its
/// classes: each derives from `np.dtype` alone (and `object`).
pub fn issubclass(cls: &Value, class: &Value) -> Option<bool> {
    let dtype_class = |v: &Value| match v {
        Value::Type(TypeObj::DTypeKind(n)) => Some(Some(*n)),
        Value::Type(TypeObj::DTypeClass) => Some(None),
        _ => None,
    };
    match (dtype_class(cls), dtype_class(class)) {
        (Some(a), Some(b)) => Some(a == b || b.is_none()),
        (None, None) => None,
        _ => Some(false),
    }
}

/// `CLASS(...)`: NumPy instantiates only the plain classes, with no
/// arguments, and the sized text classes with their length.
pub fn call(class: &'static str, args: &Args) -> PyResult<Value> {
    let make = CLASSES
        .iter()
        .find(|(n, _)| *n == class)
        .map_or(&Make::Missing, |(_, m)| m);
    let only_no_args = || {
        PyError::type_error(
            "currently only the no-argument instantiation is supported; use `np.dtype` instead.",
        )
    };
    match make {
        Make::Plain(dt) if args.pos.is_empty() && args.kw.is_empty() => {
            Ok(Value::DType(dt.clone()))
        }
        Make::Plain(_) => Err(only_no_args()),
        Make::Sized(make) => {
            if !args.kw.is_empty() {
                return Err(only_no_args());
            }
            let [n] = args.pos.as_slice() else {
                return Err(PyError::type_error(format!(
                    "function takes exactly 1 positional argument ({} given)",
                    args.pos.len()
                )));
            };
            if matches!(n, Value::Bool(_)) {
                return Err(PyError::type_error("an integer is required"));
            }
            let n = super::coerce::int_arg(n, "")?;
            if n < 0 {
                return Err(PyError::new(
                    "ValueError",
                    format!("Strings cannot have a negative size but a size of {n} was given"),
                ));
            }
            // NumPy's limit: the item size in bytes must fit a C int.
            let width = if class == "StrDType" { 4 } else { 1 };
            match usize::try_from(n)
                .ok()
                .filter(|n| n * width <= i32::MAX as usize)
            {
                Some(n) => Ok(Value::DType(make(n))),
                None => Err(PyError::type_error(
                    "Strings too large to store inside array.",
                )),
            }
        }
        Make::Legacy => Err(PyError::type_error(format!(
            "Preliminary-API: Flexible/Parametric legacy DType '<class 'numpy.dtypes.{class}'>' can only be instantiated using `np.dtype(...)`"
        ))),
        Make::Missing => Err(PyError::new(
            "NotImplementedError",
            format!("slicelab has no numpy.dtypes.{class} dtype"),
        )),
    }
}
