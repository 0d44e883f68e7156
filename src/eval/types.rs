//! `type(x)`: the class of any value, as Python names it.

use crate::engine::DType;

use super::object::Obj;
use super::value::{TypeObj, Value};

/// `type(v)`.
pub fn type_of(v: &Value) -> TypeObj {
    match v {
        Value::Array(_) => TypeObj::NdArray,
        Value::NpScalar(DType::Str(_), _) => TypeObj::NpStr,
        // One class per kind, whatever the unit.
        Value::NpScalar(DType::Time(_, delta), _) => TypeObj::NpScalar(DType::Time(
            crate::engine::datetime::TimeUnit::GENERIC,
            *delta,
        )),
        Value::NpScalar(DType::Bytes(_), _) => TypeObj::NpScalar(DType::Bytes(0)),
        Value::NpScalar(dt, _) => TypeObj::NpScalar(dt.clone()),
        Value::Void(_) => TypeObj::Void,
        Value::DType(dt) => TypeObj::DTypeKind(super::dtype_class_names::class_name(dt)),
        Value::None => TypeObj::Builtin("NoneType"),
        Value::Bool(_) => TypeObj::Builtin("bool"),
        Value::Int(_) | Value::BigInt(_) => TypeObj::Builtin("int"),
        Value::Float(_) => TypeObj::Builtin("float"),
        Value::Complex(..) => TypeObj::Builtin("complex"),
        Value::Str(_) => TypeObj::Builtin("str"),
        Value::Bytes(_) => TypeObj::Builtin("bytes"),
        Value::Tuple(_) => TypeObj::Builtin("tuple"),
        Value::List(_) => TypeObj::Builtin("list"),
        Value::Dict(_) => TypeObj::Builtin("dict"),
        Value::Slice(_) => TypeObj::Builtin("slice"),
        Value::Ellipsis => TypeObj::Builtin("ellipsis"),
        Value::Type(_) => TypeObj::Builtin("type"),
        Value::Function(f)
            if f.strip_prefix("np.").is_some_and(|short| {
                super::registry::np_entry(short).is_some_and(|e| e.ufunc.is_some())
                    || super::ufunc_info::row(short).is_some()
            }) =>
        {
            TypeObj::Builtin("numpy.ufunc")
        }
        Value::Function(f) if let Some(k) = super::callable_kinds::of(f) => {
            TypeObj::Builtin(k.type_path)
        }
        Value::Function(_) | Value::Method(..) => TypeObj::Builtin("builtin_function_or_method"),
        Value::Module(_) => TypeObj::Builtin("module"),
        Value::Flags(_) => TypeObj::Builtin("numpy._core.multiarray.flagsobj"),
        Value::FlatIter(..) => TypeObj::Builtin("numpy.flatiter"),
        Value::Object(o) => type_obj(o),
        Value::Random(r) => TypeObj::Builtin(r.type_path()),
        Value::MachInfo(super::object::MachInfo::Int(_)) => TypeObj::Builtin("numpy.iinfo"),
        Value::MachInfo(super::object::MachInfo::Float(_)) => TypeObj::Builtin("numpy.finfo"),
    }
}

/// `type(o)`.
pub fn type_obj(o: &Obj) -> TypeObj {
    TypeObj::Builtin(match o {
        Obj::NamedTuple(t) => t.class.builtin.map_or("tuple", |c| c.path),
        Obj::TupleClass(_) => "type",
        Obj::File(f) => f.type_path(),
        Obj::Npz(_) => "numpy.lib.npyio.NpzFile",
        Obj::NpIter(n) => n.type_path(),
        Obj::NpzView(_, "keys") => "collections.abc.KeysView",
        Obj::NpzView(_, "values") => "collections.abc.ValuesView",
        Obj::NpzView(..) => "collections.abc.ItemsView",
        Obj::DictView(view) => view.kind.type_name(),
        Obj::Func(_) => "function",
        Obj::Exc(e, _) => super::exceptions::static_name(&e.kind),
        Obj::Iter(_, kind) => kind,
        Obj::Range(_) => "range",
        Obj::Set(_) => "set",
        Obj::MappingProxy(_) => "mappingproxy",
        Obj::FrozenSet(_) => "frozenset",
        Obj::Context(super::object::Context::Raises(_)) => "unittest.case._AssertRaisesContext",
        Obj::Context(super::object::Context::PrintOptions(_) | super::object::Context::Temp(_)) => {
            "contextlib._GeneratorContextManager"
        }
        Obj::Context(super::object::Context::ErrState { .. }) => "numpy.errstate",
        Obj::Instance(_) => "object",
        Obj::Class(_) => "type",
        Obj::BoundMethod(..) => "method",
        Obj::Super(..) => "super",
        Obj::Property(_) => "property",
        Obj::StaticMethod(_) => "staticmethod",
        Obj::ClassMethod(_) => "classmethod",
        Obj::Masked(_) => MASKED_ARRAY,
        Obj::RecArray(_) => RECARRAY,
        Obj::Matrix(_) => MATRIX,
        Obj::Record(_) => RECORD,
        Obj::MaskedConstant => "numpy.ma.core.MaskedConstant",
        Obj::NotImplemented => "NotImplementedType",
        Obj::Refused(_) => "slicelab.refused",
        Obj::PyUfunc(_) => "numpy.ufunc",
        Obj::Vectorize(_) => "numpy.vectorize",
        Obj::Poly1d(_) => POLY1D,
        Obj::SubArrayDType(..) | Obj::RecordDType(_) => return TypeObj::DTypeKind("VoidDType"),
        Obj::BusDayCal(_) => "numpy.busdaycalendar",
        Obj::ByteArray(_) => "bytearray",
        Obj::MemoryView(_) => "memoryview",
        Obj::DummyArray(_) => "numpy.lib._stride_tricks_impl.DummyArray",
        Obj::PyTime(t) => t.type_path(),
        Obj::Hint(h) => h.type_name(),
    })
}
/// `np.recarray`'s qualified name (`type(r)`).
pub const RECARRAY: &str = "numpy.rec.recarray";

/// `np.ma.MaskedArray`'s qualified name (`type(m)`; `np.ma.masked_array`
/// is the same class).
pub const MASKED_ARRAY: &str = "numpy.ma.MaskedArray";

/// `np.record`'s qualified name.
pub const RECORD: &str = "numpy.record";

/// `type(np.poly1d(...))`'s path.
pub const POLY1D: &str = "numpy.poly1d";
/// `np.matrix`.
pub const MATRIX: &str = "numpy.matrix";
