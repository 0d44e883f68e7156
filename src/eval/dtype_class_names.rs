//! The names of NumPy 2's DType classes (`numpy.dtypes`), one table:
//! which class a dtype belongs to (`Float64DType`), what a call of the
//! class makes, and the C-named aliases. A leaf over the engine's
//! `DType`, since `type()` and reprs read it; the classes as values, their
//! calls and `isinstance` are `dtype_classes.rs`.

use crate::engine::DType;

/// What calling a class with no arguments does.
pub enum Make {
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
pub const CLASSES: &[(&str, Make)] = &[
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
pub const ALIASES: &[(&str, &str)] = &[
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

/// The class an alias names (`LongDType` is `Int64DType`), or `name`.
pub fn canonical(name: &str) -> &str {
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map_or(name, |(_, target)| target)
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
            assert!(CLASSES.iter().any(|(n, _)| n == target));
        }
    }
}
