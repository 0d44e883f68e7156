//! Python-level values: what a name can be bound to. Arrays are shared
//! handles, so `b = a` binds the same object and `is` compares identity.

use std::cell::RefCell;
use std::rc::Rc;

use crate::engine::{ArrayRef, DType, Scalar};

/// A Python value at the prompt.
#[derive(Debug, Clone)]
pub enum Value {
    /// `None`
    None,
    /// `True`/`False`
    Bool(bool),
    /// A Python int that fits i128: the common case, computed natively.
    Int(i128),
    /// A Python int beyond i128 (`2**200`). Never holds a value that fits
    /// i128: every result is normalised back to `Int` (`bigint::value`).
    BigInt(Rc<num_bigint::BigInt>),
    /// A Python float.
    Float(f64),
    /// A Python complex.
    Complex(f64, f64),
    /// A Python str.
    Str(Rc<str>),
    /// A Python bytes.
    Bytes(Rc<[u8]>),
    /// A tuple.
    Tuple(Rc<Vec<Value>>),
    /// A list (mutable, shared).
    List(Rc<RefCell<Vec<Value>>>),
    /// A dict (insertion ordered).
    Dict(Rc<RefCell<Vec<(Value, Value)>>>),
    /// A slice object.
    Slice(Rc<[Value; 3]>),
    /// `...`
    Ellipsis,
    /// An ndarray.
    Array(ArrayRef),
    /// A NumPy scalar (`np.int64(5)`).
    NpScalar(DType, Scalar),
    /// A `np.void` taken from a structured array: a 0-d view, so writing
    /// its fields writes the array (as NumPy's void scalars do).
    Void(ArrayRef),
    /// A dtype object.
    DType(DType),
    /// A type/class object (`int`, `np.int64`, `np.ndarray`).
    Type(TypeObj),
    /// A builtin or NumPy function, by qualified name (`print`, `np.arange`).
    Function(Rc<str>),
    /// A method bound to its object.
    Method(Rc<Value>, Rc<str>),
    /// A module (`np`).
    Module(Rc<str>),
    /// `a.flags`.
    Flags(ArrayRef),
    /// `a.flat`: a `numpy.flatiter` over the array, and the C-order
    /// position `next()` reads (shared by every handle on this iterator).
    FlatIter(ArrayRef, Rc<std::cell::Cell<usize>>),
    /// What Python code makes: functions, exceptions, iterators, sets.
    Object(Rc<super::object::Obj>),
    /// An `np.random` object (`Generator`, `RandomState`, a bit generator,
    /// `SeedSequence`).
    Random(Rc<crate::eval::object::RandomObj>),
    /// `np.iinfo(t)` / `np.finfo(t)`.
    MachInfo(crate::eval::object::MachInfo),
}

/// Type objects a learner meets.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeObj {
    /// A builtin class (`int`, `float`, `tuple`...).
    Builtin(&'static str),
    /// A NumPy scalar class for a dtype (`np.int64`, `np.float32`, `np.bool`).
    NpScalar(DType),
    /// `np.ndarray`
    NdArray,
    /// `np.void`
    Void,
    /// `np.dtype`
    DTypeClass,
    /// One of NumPy 2's DType classes (`numpy.dtypes.Float64DType`), by
    /// its name in `dtype_class_names::CLASSES`.
    DTypeKind(&'static str),
    /// `np.str_`
    NpStr,
}

impl Value {
    /// A `str` value.
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    /// A tuple value.
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(items))
    }

    /// A list value.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    /// A function value.
    pub fn func(name: &str) -> Value {
        Value::Function(Rc::from(name))
    }

    /// Python's type name, as in error messages (`'numpy.ndarray'`).
    pub fn type_name(&self) -> String {
        match self {
            Value::None => "NoneType".into(),
            Value::Bool(_) => "bool".into(),
            Value::Int(_) | Value::BigInt(_) => "int".into(),
            Value::Float(_) => "float".into(),
            Value::Complex(..) => "complex".into(),
            Value::Str(_) => "str".into(),
            Value::Bytes(_) => "bytes".into(),
            Value::Tuple(_) => "tuple".into(),
            Value::List(_) => "list".into(),
            Value::Dict(_) => "dict".into(),
            Value::Slice(_) => "slice".into(),
            Value::Ellipsis => "ellipsis".into(),
            Value::Array(_) => "numpy.ndarray".into(),
            Value::NpScalar(dt, _) => format!("numpy.{}", np_scalar_class(dt)),
            Value::Void(_) => "numpy.void".into(),
            Value::DType(dt) => {
                format!("numpy.dtypes.{}", super::dtype_class_names::class_name(dt))
            }
            Value::Type(_) => "type".into(),
            Value::Function(f) => super::callable_kinds::of(f)
                .map_or("builtin_function_or_method", |k| k.type_path)
                .into(),
            Value::Method(..) => "builtin_function_or_method".into(),
            Value::Module(_) => "module".into(),
            Value::Flags(_) => "numpy._core.multiarray.flagsobj".into(),
            Value::FlatIter(..) => "numpy.flatiter".into(),
            Value::Object(o) => o.type_name(),
            Value::Random(r) => r.type_path().into(),
            Value::MachInfo(super::object::MachInfo::Int(_)) => "iinfo".into(),
            Value::MachInfo(super::object::MachInfo::Float(_)) => "finfo".into(),
        }
    }

    /// Python's `is`.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) | (Value::Ellipsis, Value::Ellipsis) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b && (-5..=256).contains(a),
            (Value::BigInt(a), Value::BigInt(b)) => Rc::ptr_eq(a, b),
            (Value::Array(a), Value::Array(b)) => Rc::ptr_eq(a, b),
            (Value::Void(a), Value::Void(b)) => Rc::ptr_eq(a, b),
            (Value::Str(a), Value::Str(b)) => Rc::ptr_eq(a, b),
            (Value::Bytes(a), Value::Bytes(b)) => Rc::ptr_eq(a, b),
            (Value::Slice(a), Value::Slice(b)) => Rc::ptr_eq(a, b),
            (Value::Tuple(a), Value::Tuple(b)) => Rc::ptr_eq(a, b),
            (Value::List(a), Value::List(b)) => Rc::ptr_eq(a, b),
            (Value::Dict(a), Value::Dict(b)) => Rc::ptr_eq(a, b),
            (Value::Type(a), Value::Type(b)) => a == b,
            (Value::Function(a), Value::Function(b)) => {
                a == b || same_np_object(a).is_some_and(|c| same_np_object(b) == Some(c))
            }
            (Value::Module(a), Value::Module(b)) => a == b,
            (Value::Object(a), Value::Object(b)) => {
                Rc::ptr_eq(a, b)
                    || super::object::same_record_dtype(a, b)
                    || super::object::same_tuple_class(a, b)
                    || (super::object::is_not_implemented(self)
                        && super::object::is_not_implemented(other))
            }
            (Value::Random(a), Value::Random(b)) => Rc::ptr_eq(a, b),
            // A structured dtype is one object shared by every array made
            // with it (`z.copy().dtype is z.dtype`), as its `Rc` is.
            (Value::DType(DType::Record(a)), Value::DType(DType::Record(b))) => Rc::ptr_eq(a, b),
            (Value::DType(a), Value::DType(b)) => a == b && !matches!(a, DType::Record(_)),
            (Value::NpScalar(DType::Bool, a), Value::NpScalar(DType::Bool, b)) => a == b,
            (Value::Float(a), Value::Float(b)) => super::float_identity::same_object(*a, *b),
            _ => false,
        }
    }
}

/// The `np.` names that are one object in NumPy 2.4.6 (`np.conj is
/// np.conjugate`), found by grouping `dir(np)` by `id`: each alias maps to
/// the group's first name. (`np.round` and `np.around` are two functions.)
const NP_ALIASES: &[(&str, &str)] = &[
    ("np.absolute", "np.abs"),
    ("np.arccos", "np.acos"),
    ("np.arccosh", "np.acosh"),
    ("np.asin", "np.arcsin"),
    ("np.asinh", "np.arcsinh"),
    ("np.atan", "np.arctan"),
    ("np.atan2", "np.arctan2"),
    ("np.atanh", "np.arctanh"),
    ("np.bitwise_not", "np.bitwise_invert"),
    ("np.invert", "np.bitwise_invert"),
    ("np.left_shift", "np.bitwise_left_shift"),
    ("np.right_shift", "np.bitwise_right_shift"),
    ("np.concatenate", "np.concat"),
    ("np.conjugate", "np.conj"),
    ("np.true_divide", "np.divide"),
    ("np.remainder", "np.mod"),
    ("np.transpose", "np.permute_dims"),
    ("np.power", "np.pow"),
];

/// The name identifying the NumPy object `name` is, when it has aliases.
fn same_np_object(name: &str) -> Option<&str> {
    NP_ALIASES
        .iter()
        .find_map(|&(alias, first)| (alias == name || first == name).then_some(first))
}

/// NumPy's scalar class name for a dtype (`int64`, `float32`, `bool`, `str_`).
pub fn np_scalar_class(dt: &DType) -> String {
    match dt {
        DType::Str(_) => "str_".into(),
        DType::Bytes(_) => "bytes_".into(),
        DType::Record(_) => "void".into(),
        DType::Time(..) | DType::Object => dt.scalar_type_name(),
        other => other.name(),
    }
}
