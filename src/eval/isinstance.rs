//! `isinstance(v, t)` for every type slicelab knows: the learner's classes,
//! Python's builtins, NumPy's array, scalar and abstract types. A leaf
//! below `pybuiltins.rs` and `numpy.rs`, which both answer `isinstance`.

use crate::engine::DType;

use super::value::{TypeObj, Value};

/// Whether `v` is an instance of the type `t` (`t` one type, not a tuple).
pub fn isinstance(v: &Value, t: &Value) -> bool {
    if let Some(b) = crate::eval::classes::isinstance(v, t) {
        return b;
    }
    match t {
        Value::Type(TypeObj::NdArray) => {
            matches!(v, Value::Array(_))
                || super::recarray::as_recarray(v).is_some()
                || crate::eval::object::is_ma(v)
                || crate::eval::object::as_matrix(v).is_some()
                || super::array_subclass::is_sub(v)
        }
        Value::Type(TypeObj::Builtin(name)) => match *name {
            "int" => matches!(v, Value::Int(_) | Value::BigInt(_) | Value::Bool(_)),
            "float" => {
                matches!(v, Value::Float(_)) || matches!(v, Value::NpScalar(DType::Float64, _))
            }
            "bool" => matches!(v, Value::Bool(_)),
            "str" => matches!(v, Value::Str(_)) || matches!(v, Value::NpScalar(DType::Str(_), _)),
            "tuple" => matches!(super::named_tuple::plain(v), Value::Tuple(_)),
            "list" => matches!(v, Value::List(_)),
            "bytes" => matches!(v, Value::Bytes(_) | Value::NpScalar(DType::Bytes(_), _)),
            "dict" => matches!(v, Value::Dict(_)),
            "slice" => matches!(v, Value::Slice(_)),
            "complex" => {
                matches!(v, Value::Complex(..))
                    || matches!(v, Value::NpScalar(DType::Complex128, _))
            }
            "object" => true,
            // Classes: Python's, NumPy's and the learner's.
            "type" => matches!(v, Value::Type(_)) || crate::eval::object::class_of(v).is_some(),
            "numpy.flatiter" => matches!(v, Value::FlatIter(..)),
            crate::eval::types::RECARRAY => super::recarray::as_recarray(v).is_some(),
            crate::eval::types::RECORD => super::recarray::as_record(v).is_some(),
            crate::eval::types::POLY1D => crate::eval::object::is_poly(v),
            crate::eval::types::MATRIX => crate::eval::object::as_matrix(v).is_some(),
            crate::eval::types::MASKED_ARRAY => crate::eval::object::is_ma(v),
            "datetime.date" => matches!(
                super::pydatetime_ops::of(v),
                Some(super::object::PyTime::Date(..) | super::object::PyTime::DateTime(_))
            ),
            "datetime.datetime" => matches!(
                super::pydatetime_ops::of(v),
                Some(super::object::PyTime::DateTime(_))
            ),
            "datetime.timedelta" => matches!(
                super::pydatetime_ops::of(v),
                Some(super::object::PyTime::Delta(..))
            ),
            other if other.starts_with("numpy.random.") => super::random::isinstance(v, other),
            other => super::dtype_info::isinstance_abstract(v, other),
        },
        Value::Type(TypeObj::NpScalar(DType::Time(_, delta))) => {
            matches!(v, Value::NpScalar(DType::Time(_, d), _) if d == delta)
        }
        Value::Type(TypeObj::NpScalar(DType::Bytes(_))) => {
            matches!(v, Value::NpScalar(DType::Bytes(_), _))
        }
        Value::Type(TypeObj::NpScalar(dt)) => matches!(v, Value::NpScalar(d, _) if d == dt),
        Value::Type(TypeObj::Void) => matches!(v, Value::Void(_)),
        Value::Type(TypeObj::DTypeClass) => matches!(v, Value::DType(_)),
        Value::Type(TypeObj::DTypeKind(class)) => super::dtype_classes::is_instance(v, class),
        Value::Type(TypeObj::NpStr) => matches!(v, Value::NpScalar(DType::Str(_), _)),
        // `super` is a type, though slicelab holds it as its constructor.
        Value::Function(n) if &**n == "super" => matches!(
            v,
            Value::Object(o) if matches!(o.as_ref(), super::object::Obj::Super(..))
        ),
        _ => false,
    }
}
