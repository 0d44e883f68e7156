//! Python objects the learner's own code makes: functions (`def`, `lambda`),
//! exception instances, iterators (generators, `map`, `iter`), sets and the
//! context managers of `with`. One `Value::Object` variant holds them all.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use crate::render::PrintOptions;
use crate::syntax::ast::FuncDef;

use super::error::PyError;
use super::pyiter::{IterState, PyRange};
use super::scope::Frame;
use super::set_table::SetTable;
use super::value::{TypeObj, Value};

/// An object made by Python code rather than by NumPy.
#[derive(Debug)]
pub enum Obj {
    /// A user-defined function or lambda.
    Func(UserFunc),
    /// An exception instance of a builtin class (`ValueError('bad')`, or
    /// a caught error): the error it raises, and its `args`.
    Exc(PyError, super::exceptions::ExcState),
    /// An iterator: what is left to yield, and its type name.
    Iter(RefCell<IterState>, &'static str),
    /// A `range` object.
    Range(PyRange),
    /// A set, in CPython's table order.
    Set(RefCell<SetTable>),
    /// A frozenset.
    FrozenSet(SetTable),
    /// A context manager for `with`.
    Context(Context),
    /// A read-only view of a dict (`dtype.fields`): reads like the dict,
    /// prints as `mappingproxy({...})`.
    MappingProxy(Value),
    /// A class the learner defined.
    Class(super::pyclass::ClassObj),
    /// An instance of one.
    Instance(super::pyclass::Instance),
    /// A method bound to its instance: self, the function, the class it
    /// was found on.
    BoundMethod(Value, Value, Value),
    /// `super()`: the class to look past, and self.
    Super(Value, Value),
    /// `property(fget, fset)`.
    Property(super::decorators::Property),
    /// `staticmethod(f)`.
    StaticMethod(Value),
    /// `classmethod(f)`.
    ClassMethod(Value),
    /// A NumPy result namedtuple (`UniqueCountsResult`, `SlogdetResult`).
    NamedTuple(super::named_tuple::NamedTuple),
    /// A `numpy.ma.MaskedArray`.
    Masked(super::ma::Masked),
    /// A `numpy.rec.recarray` over a structured array.
    RecArray(crate::engine::ArrayRef),
    /// A `numpy.record`: a 0-d view of one record.
    Record(crate::engine::ArrayRef),
    /// `np.ma.masked`, the one `MaskedConstant`.
    MaskedConstant,
    /// An open `.npz` archive (`np.load` of a zip file).
    Npz(super::npy::npz::NpzFile),
    /// `f.keys()` / `f.values()` / `f.items()` of an `NpzFile` (the
    /// `Mapping` views): the archive, and `"keys"`, `"values"` or `"items"`.
    NpzView(Value, &'static str),
    /// A ufunc made by `np.frompyfunc`.
    PyUfunc(super::vectorize::PyUfunc),
    /// A `numpy.vectorize` object.
    Vectorize(super::vectorize::Vectorize),
    /// A Python `datetime.date` / `datetime` / `timedelta` (from `.item()`).
    PyTime(super::pydatetime::PyTime),
    /// A `numpy.busdaycalendar`.
    BusDayCal(crate::engine::busday::Calendar),
}

/// The `NpzFile` an object value holds, if it is one.
pub fn npz_of(v: &Value) -> Option<&super::npy::npz::NpzFile> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::Npz(n) => Some(n),
            _ => None,
        },
        _ => None,
    }
}

/// The names, arrays or `(name, array)` pairs an `NpzFile` or one of its
/// views iterates over, read now.
pub fn npz_items(o: &Obj) -> Option<super::PyResult<Vec<Value>>> {
    let (v, kind) = match o {
        Obj::Npz(n) => return Some(Ok(n.files.iter().map(|f| Value::str(f)).collect())),
        Obj::NpzView(v, kind) => (v, *kind),
        _ => return None,
    };
    let n = npz_of(v)?;
    let keys = n.files.iter().map(|f| Value::str(f));
    Some(match kind {
        "keys" => Ok(keys.collect()),
        "values" => keys.map(|k| n.get(&k)).collect(),
        _ => keys
            .map(|k| Ok(Value::tuple(vec![k.clone(), n.get(&k)?])))
            .collect(),
    })
}

/// The dict behind a `mappingproxy`, for the places that read one.
pub fn proxied(v: &Value) -> Option<&Value> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::MappingProxy(d) => Some(d),
            _ => None,
        },
        _ => None,
    }
}

/// A function value: its definition, the defaults evaluated when `def` ran,
/// and the frame it closes over.
#[derive(Debug)]
pub struct UserFunc {
    /// The code.
    pub def: Arc<FuncDef>,
    /// Defaults of the positional parameters, aligned to the last ones.
    pub defaults: Vec<Value>,
    /// Defaults of keyword-only parameters.
    pub kwdefaults: Vec<(String, Value)>,
    /// The enclosing function's frame (`None` at top level).
    pub closure: Option<Rc<Frame>>,
}

/// What a `with` statement enters.
#[derive(Debug)]
pub enum Context {
    /// `np.printoptions(...)`: the options to set while inside.
    PrintOptions(Vec<(String, Value)>),
    /// `np.errstate(...)`: the error modes to set while inside (checked
    /// on entering, as NumPy checks them).
    ErrState {
        /// `all=`.
        all: Option<Value>,
        /// `divide=`, `over=`, `under=`, `invalid=` as given.
        kinds: Vec<(&'static str, Value)>,
    },
}

impl Obj {
    /// Python's type name.
    pub fn type_name(&self) -> String {
        match self {
            Obj::Func(_) => "function".into(),
            Obj::Exc(e, _) => e.kind.clone(),
            Obj::Iter(_, kind) => (*kind).into(),
            Obj::Range(_) => "range".into(),
            Obj::Set(_) => "set".into(),
            Obj::MappingProxy(_) => "mappingproxy".into(),
            Obj::FrozenSet(_) => "frozenset".into(),
            Obj::Context(Context::PrintOptions(_)) => "contextlib._GeneratorContextManager".into(),
            Obj::Context(Context::ErrState { .. }) => "numpy.errstate".into(),
            Obj::Class(_) => "type".into(),
            Obj::Instance(i) => match &i.class {
                Value::Object(c) => match c.as_ref() {
                    Obj::Class(c) => c.name.clone(),
                    _ => "object".into(),
                },
                _ => "object".into(),
            },
            Obj::BoundMethod(..) => "method".into(),
            Obj::Super(..) => "super".into(),
            Obj::Property(_) => "property".into(),
            Obj::StaticMethod(_) => "staticmethod".into(),
            Obj::ClassMethod(_) => "classmethod".into(),
            Obj::NamedTuple(t) => t.class.name.into(),
            Obj::Masked(_) => "MaskedArray".into(),
            Obj::RecArray(_) => "recarray".into(),
            Obj::Record(_) => "record".into(),
            Obj::MaskedConstant => "MaskedConstant".into(),
            Obj::Npz(_) => "NpzFile".into(),
            Obj::NpzView(_, "keys") => "KeysView".into(),
            Obj::NpzView(_, "values") => "ValuesView".into(),
            Obj::NpzView(..) => "ItemsView".into(),
            Obj::PyUfunc(_) => "numpy.ufunc".into(),
            Obj::Vectorize(_) => "vectorize".into(),
            Obj::BusDayCal(_) => "numpy.busdaycalendar".into(),
            Obj::PyTime(t) => t.type_path().into(),
        }
    }
}

/// `type(o)`.
pub fn type_obj(o: &Obj) -> TypeObj {
    TypeObj::Builtin(match o {
        Obj::NamedTuple(t) => t.class.path,
        Obj::Npz(_) => "numpy.lib.npyio.NpzFile",
        Obj::NpzView(_, "keys") => "collections.abc.KeysView",
        Obj::NpzView(_, "values") => "collections.abc.ValuesView",
        Obj::NpzView(..) => "collections.abc.ItemsView",
        Obj::Func(_) => "function",
        Obj::Exc(e, _) => super::exceptions::static_name(&e.kind),
        Obj::Iter(_, kind) => kind,
        Obj::Range(_) => "range",
        Obj::Set(_) => "set",
        Obj::MappingProxy(_) => "mappingproxy",
        Obj::FrozenSet(_) => "frozenset",
        Obj::Context(_) | Obj::Instance(_) => "object",
        Obj::Class(_) => "type",
        Obj::BoundMethod(..) => "method",
        Obj::Super(..) => "super",
        Obj::Property(_) => "property",
        Obj::StaticMethod(_) => "staticmethod",
        Obj::ClassMethod(_) => "classmethod",
        Obj::Masked(_) => "numpy.ma.MaskedArray",
        Obj::RecArray(_) => super::recarray::RECARRAY,
        Obj::Record(_) => super::recarray::RECORD,
        Obj::MaskedConstant => "numpy.ma.core.MaskedConstant",
        Obj::PyUfunc(_) => "numpy.ufunc",
        Obj::Vectorize(_) => "numpy.vectorize",
        Obj::BusDayCal(_) => "numpy.busdaycalendar",
        Obj::PyTime(t) => t.type_path(),
    })
}

/// An object value.
pub fn object(o: Obj) -> Value {
    Value::Object(Rc::new(o))
}

/// A set value from items added in order (duplicates dropped, first kept).
pub fn set_of(items: Vec<Value>) -> super::PyResult<Value> {
    Ok(object(Obj::Set(RefCell::new(SetTable::from_items(items)?))))
}

/// `TypeError: unhashable type` for what cannot be a set item or dict key.
pub fn check_hashable(v: &Value) -> super::PyResult<()> {
    match v {
        Value::List(_) | Value::Dict(_) | Value::Array(_) => Err(PyError::type_error(format!(
            "unhashable type: '{}'",
            v.type_name()
        ))),
        Value::Object(o) if matches!(o.as_ref(), Obj::Set(_)) => {
            Err(PyError::type_error("unhashable type: 'set'"))
        }
        Value::Object(o) if matches!(o.as_ref(), Obj::Range(_)) => Ok(()),
        // Python sets `__hash__` to None in a class that defines `__eq__`
        // only.
        Value::Object(o) if matches!(o.as_ref(), Obj::Instance(_)) => {
            let eq = super::pyclass::has_method(v, "__eq__");
            match (eq, super::pyclass::has_method(v, "__hash__")) {
                (true, false) => Err(PyError::type_error(format!(
                    "unhashable type: '{}'",
                    v.type_name()
                ))),
                (true, true) => Err(PyError::new(
                    "NotImplementedError",
                    "slicelab does not implement dict keys and set items of a class that defines __eq__ yet",
                )),
                _ => Ok(()),
            }
        }
        Value::Tuple(items) => items.iter().try_for_each(check_hashable),
        Value::Object(o) if let Obj::NamedTuple(t) = o.as_ref() => check_hashable(&t.items),
        _ => Ok(()),
    }
}

/// An iterator over the given items.
pub fn iterator(items: Vec<Value>, kind: &'static str) -> Value {
    super::pyiter::iter_object(IterState::Items(items.into()), kind)
}

/// `repr()` of an object.
pub fn repr(o: &Rc<Obj>, opts: &PrintOptions) -> String {
    let addr = Rc::as_ptr(o) as usize;
    match o.as_ref() {
        Obj::Func(f) => {
            let name = &f.def.qualname;
            format!("<function {name} at {addr:#x}>")
        }
        Obj::Exc(e, state) => super::exceptions::args_repr(&e.kind, &state.args.borrow(), opts),
        Obj::Iter(state, kind) => {
            match state
                .try_borrow()
                .ok()
                .and_then(|s| super::generator::generator_name(&s))
            {
                Some(name) => format!("<generator object {name} at {addr:#x}>"),
                None => format!("<{kind} object at {addr:#x}>"),
            }
        }
        Obj::MappingProxy(d) => format!("mappingproxy({})", super::display::repr(d, opts)),
        Obj::Range(r) => r.repr(),
        Obj::Set(t) => set_repr(&t.borrow().items(), "set()", "", opts),
        Obj::FrozenSet(t) => set_repr(&t.items(), "frozenset()", "frozenset", opts),
        Obj::Context(_) => format!("<{} object at {addr:#x}>", o.type_name()),
        Obj::Class(_) | Obj::Instance(_) | Obj::BoundMethod(..) | Obj::Super(..) => {
            super::pyclass::default_repr(o, opts).unwrap_or_default()
        }
        Obj::NamedTuple(t) => super::named_tuple::repr(t, opts),
        Obj::Masked(_) | Obj::MaskedConstant => super::ma::repr(o, opts),
        Obj::RecArray(_) | Obj::Record(_) => super::recarray::repr(o, opts),
        Obj::Npz(n) => n.repr(),
        Obj::NpzView(v, _) => format!("{}({})", o.type_name(), super::display::repr(v, opts)),
        Obj::Property(_) => format!("<property object at {addr:#x}>"),
        Obj::PyUfunc(u) => format!("<ufunc '{}'>", u.name),
        Obj::Vectorize(_) => super::vectorize::vectorize_repr(o),
        Obj::BusDayCal(_) => super::busday::calendar_repr(o),
        Obj::PyTime(t) => t.repr(),
        Obj::StaticMethod(f) | Obj::ClassMethod(f) => {
            format!("<{}({})>", o.type_name(), super::display::repr(f, opts))
        }
    }
}

/// `{1, 2}`, `frozenset({1, 2})`, or the empty form.
fn set_repr(items: &[Value], empty: &str, name: &str, opts: &PrintOptions) -> String {
    if items.is_empty() {
        return empty.into();
    }
    let parts: Vec<String> = items
        .iter()
        .map(|v| super::display::repr(v, opts))
        .collect();
    if name.is_empty() {
        format!("{{{}}}", parts.join(", "))
    } else {
        format!("{name}({{{}}})", parts.join(", "))
    }
}

/// `str()` of an object.
pub fn str_of(o: &Rc<Obj>, opts: &PrintOptions) -> String {
    match o.as_ref() {
        Obj::Exc(e, _) => e.message.clone(),
        Obj::Masked(_) | Obj::MaskedConstant => super::ma::str_of(o, opts),
        Obj::RecArray(_) | Obj::Record(_) => super::recarray::str_of(o, opts),
        Obj::PyTime(t) => t.str(),
        _ => repr(o, opts),
    }
}
