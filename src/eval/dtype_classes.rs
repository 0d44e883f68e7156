//! NumPy 2's DType classes, `numpy.dtypes`: `type(np.dtype('f8'))` is
//! `numpy.dtypes.Float64DType`, a subclass of `np.dtype`.
//!
//! Each class is a row of [`CLASSES`]; the module's other names are
//! [`ALIASES`] of those (`LongDType` is `Int64DType` on Linux). A class is
//! a `TypeObj::DTypeKind` holding its row's name, so `type()`, `isinstance`,
//! calls and the module's attributes all read this one table.

use crate::engine::DType;

use super::args::Args;
use super::error::{PyError, PyResult};
use super::value::{TypeObj, Value};

/// The module's name.
pub const MODULE: &str = "numpy.dtypes";

/// What calling a class with no arguments does.
enum Make {
    /// Gives this dtype (`Float64DType()` is `dtype('float64')`).
    Plain(DType),
    /// A sized text type: one integer argument, its length (`StrDType(3)`).
    Sized(fn(usize) -> DType),
    /// A legacy parametric type NumPy makes only through `np.dtype(...)`.
    Legacy,
    /// A class slicelab has no dtype for (`LongDoubleDType`, `StringDType`).
    Missing,
}

/// NumPy's DType classes, in `dir(numpy.dtypes)` order.
const CLASSES: &[(&str, Make)] = &[
    ("BoolDType", Make::Plain(DType::Bool)),
    ("BytesDType", Make::Sized(DType::Bytes)),
    ("CLongDoubleDType", Make::Missing),
    ("Complex128DType", Make::Plain(DType::Complex128)),
    ("Complex64DType", Make::Plain(DType::Complex64)),
    ("DateTime64DType", Make::Legacy),
    ("Float16DType", Make::Plain(DType::Float16)),
    ("Float32DType", Make::Plain(DType::Float32)),
    ("Float64DType", Make::Plain(DType::Float64)),
    ("Int16DType", Make::Plain(DType::Int16)),
    ("Int32DType", Make::Plain(DType::Int32)),
    ("Int64DType", Make::Plain(DType::Int64)),
    ("Int8DType", Make::Plain(DType::Int8)),
    ("LongDoubleDType", Make::Missing),
    ("LongLongDType", Make::Missing),
    ("ObjectDType", Make::Plain(DType::Object)),
    ("StrDType", Make::Sized(DType::Str)),
    ("StringDType", Make::Missing),
    ("TimeDelta64DType", Make::Legacy),
    ("UInt16DType", Make::Plain(DType::UInt16)),
    ("UInt32DType", Make::Plain(DType::UInt32)),
    ("UInt64DType", Make::Plain(DType::UInt64)),
    ("UInt8DType", Make::Plain(DType::UInt8)),
    ("ULongLongDType", Make::Missing),
    ("VoidDType", Make::Legacy),
];

/// The C-named classes, which on Linux are the sized ones.
const ALIASES: &[(&str, &str)] = &[
    ("ByteDType", "Int8DType"),
    ("IntDType", "Int32DType"),
    ("LongDType", "Int64DType"),
    ("ShortDType", "Int16DType"),
    ("UByteDType", "UInt8DType"),
    ("UIntDType", "UInt32DType"),
    ("ULongDType", "UInt64DType"),
    ("UShortDType", "UInt16DType"),
];

/// The class of a dtype (`Int64DType`, `StrDType`, `VoidDType`).
pub fn class_name(dt: &DType) -> &'static str {
    match dt {
        DType::Str(_) => "StrDType",
        DType::Bytes(_) => "BytesDType",
        DType::Record(_) => "VoidDType",
        DType::Time(_, false) => "DateTime64DType",
        DType::Time(_, true) => "TimeDelta64DType",
        DType::Ordered(inner, _) => class_name(inner),
        plain => CLASSES
            .iter()
            .find(|(_, make)| matches!(make, Make::Plain(d) if d == plain))
            .map_or("VoidDType", |(name, _)| name),
    }
}

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
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map_or(name, |(_, target)| target);
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
            matches!(o.as_ref(), super::object::Obj::SubArrayDType(..)) && class == "VoidDType"
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_plain_dtype_names_its_own_class() {
        for (name, make) in CLASSES {
            if let Make::Plain(dt) = make {
                assert_eq!(class_name(dt), *name);
            }
        }
        assert_eq!(class_name(&DType::UInt8), "UInt8DType");
        assert_eq!(class_name(&DType::Str(3)), "StrDType");
    }

    #[test]
    fn aliases_name_classes_that_exist() {
        for (_, target) in ALIASES {
            assert!(module_attr(target).is_some());
        }
    }
}
