//! The value model's objects: every kind of Python object slicelab has
//! beyond the plain values of [`super::value::Value`]: functions, exception
//! instances, iterators, ranges, sets, classes and instances, NumPy's
//! masked arrays, record arrays, result namedtuples, `.npz` archives,
//! `frompyfunc`/`vectorize` objects and `np.random`'s objects.
//!
//! This file holds their *data* only. Each kind's behaviour lives in the
//! module that owns it (named above each group), as inherent `impl`
//! blocks there. So the floor of `src/eval` — `value.rs`, this file and
//! `error.rs` — imports nothing above it, and any module may hold or match
//! any object without an import circle.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;
use std::sync::Arc;

use crate::engine::random::legacy::LegacyState;
use crate::engine::random::{AnyBitGen, SeedSequence};
use crate::engine::{ArrayRef, DType, Scalar};
use crate::syntax::ast::FuncDef;

use super::error::{PyError, PyResult};
use super::value::Value;

/// A suspended generator's state, which `generator.rs` owns and alone
/// reads (its frame and statement stack): the value model holds it without
/// knowing its shape, and the owner downcasts it back.
pub trait Suspended: std::any::Any + std::fmt::Debug {
    /// The name its repr shows (`f`, `<genexpr>`).
    fn name(&self) -> Rc<str>;
    /// What the body returned, taken once, when it has just ended (the
    /// value of the `StopIteration` that ends it).
    fn take_return(&mut self) -> Option<Value> {
        None
    }
}

/// An object made by Python code rather than by NumPy.
#[derive(Debug)]
pub enum Obj {
    /// A user-defined function or lambda.
    Func(UserFunc),
    /// An exception instance of a builtin class (`ValueError('bad')`, or
    /// a caught error): the error it raises, and its `args`.
    Exc(PyError, ExcState),
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
    Class(ClassObj),
    /// An instance of one.
    Instance(Instance),
    /// A method bound to its instance: self, the function, the class it
    /// was found on.
    BoundMethod(Value, Value, Value),
    /// `super()`: the class to look past, and self.
    Super(Value, Value),
    /// `property(fget, fset)`.
    Property(Property),
    /// `staticmethod(f)`.
    StaticMethod(Value),
    /// `classmethod(f)`.
    ClassMethod(Value),
    /// A namedtuple: one of NumPy's results (`UniqueCountsResult`,
    /// `SlogdetResult`) or an instance of a `collections.namedtuple` class.
    NamedTuple(NamedTuple),
    /// A class `collections.namedtuple` made (`Point`).
    TupleClass(Rc<TupleClass>),
    /// A file object: `open(...)`, `io.StringIO`, `io.BytesIO`.
    File(FileObj),
    /// A type hint (`type_hints.rs`).
    Hint(Hint),
    /// A `numpy.ma.MaskedArray`.
    Masked(Masked),
    /// A `numpy.rec.recarray` over a structured array.
    RecArray(ArrayRef),
    /// A `numpy.matrix` (behaviour in `matrix.rs`).
    Matrix(Matrix),
    /// A `numpy.record`: a 0-d view of one record.
    Record(ArrayRef),
    /// `np.ma.masked`, the one `MaskedConstant`.
    MaskedConstant,
    /// The object `as_strided` hands `np.asarray`: its result's `.base`,
    /// whose own `base` is the array whose memory it exposes.
    DummyArray(DummyArray),
    /// Python's `NotImplemented`, which a binary dunder returns to let
    /// the other operand try (every copy is the same object to `is`).
    NotImplemented,
    /// What a top-level `from M import X` binds when Python's module has
    /// `X` and slicelab lacks it (`from zoneinfo import ZoneInfo`): the
    /// import succeeds, as Python's does, and reading the name raises this
    /// refusal (`unless_refused`), so no use of it can pass unnoticed.
    Refused(PyError),
    /// An open `.npz` archive (`np.load` of a zip file).
    Npz(NpzFile),
    /// `f.keys()` / `f.values()` / `f.items()` of an `NpzFile` (the
    /// `Mapping` views): the archive, and `"keys"`, `"values"` or `"items"`.
    NpzView(Value, &'static str),
    /// `d.keys()`, `d.values()` or `d.items()`: a live view of the dict
    /// (behaviour in `dict_view.rs`).
    DictView(DictView),
    /// A ufunc made by `np.frompyfunc`.
    PyUfunc(PyUfunc),
    /// A `numpy.vectorize` object.
    Vectorize(Vectorize),
    /// A `numpy.poly1d`.
    Poly1d(Poly1d),
    /// A sub-array dtype, `np.dtype((np.int32, (2, 2)))`: base type and
    /// shape (never empty). Behaviour in `subarray_dtype.rs`.
    SubArrayDType(crate::engine::DType, Vec<usize>),
    /// A recarray's dtype, `dtype((numpy.record, [...]))`: the structured
    /// type whose scalar type is `numpy.record`. Behaviour in
    /// `record_dtype.rs`.
    RecordDType(crate::engine::DType),
    /// A Python `datetime.date` / `datetime` / `timedelta` (from `.item()`).
    PyTime(PyTime),
    /// A `numpy.busdaycalendar`.
    BusDayCal(crate::engine::busday::Calendar),
    /// A NumPy iterator object (`np.nditer`, `np.broadcast`): its state
    /// belongs to the module that made it (`nditer/`, `np_broadcast.rs`),
    /// which downcasts it.
    NpIter(Box<dyn NpIterState>),
    /// A Python `bytearray` (`bytearray.rs`).
    ByteArray(super::bytearray_state::ByteArray),
    /// A `memoryview` of an object's buffer (`a.data`, and what
    /// `np.frombuffer` keeps as its array's `.base`); behaviour in
    /// `memview.rs`.
    MemoryView(MemView),
}

/// The state of a NumPy iterator object, owned by its module.
pub trait NpIterState: std::any::Any + std::fmt::Debug {
    /// Its class, as `type()` shows it (`numpy.nditer`).
    fn type_path(&self) -> &'static str;
    /// For the owner's downcast.
    fn as_any(&self) -> &dyn std::any::Any;
    /// Python's `next()`: the next item, `None` at the end.
    fn next_item(&self) -> PyResult<Option<Value>>;
}

/// NumPy's `DummyArray` (`numpy/lib/_stride_tricks_impl.py`): the array
/// interface `as_strided` built (the source's, with the new shape and
/// strides) and the source it keeps alive.
#[derive(Debug)]
pub struct DummyArray {
    /// Its `__array_interface__` dict.
    pub interface: Value,
    /// Its `base`: the array `as_strided` was given.
    pub base: Value,
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
    /// Defaults of keyword-only parameters: the storage of the dict
    /// `__kwdefaults__` hands out, so a change made through it is the
    /// default the next call sees, as in CPython.
    pub kwdefaults: Rc<RefCell<Vec<(Value, Value)>>>,
    /// The enclosing function's frame (`None` at top level).
    pub closure: Option<Rc<Frame>>,
    /// `__annotations__`: the dict the annotations were evaluated into
    /// when `def` ran, or (`Err`) the refusal to raise when it is read,
    /// when slicelab could not evaluate one of them.
    pub annotations: Result<Value, String>,
}

/// What `with np.testing.assert_raises(...) as cm:` holds (its check is
/// `np_testing/raises.rs`).
#[derive(Debug)]
pub struct RaisesContext {
    /// The class, or tuple of classes, the block must raise.
    pub expected: Value,
    /// `assert_raises_regex`'s pattern.
    pub regex: Option<Value>,
    /// The caught exception, once the block has raised it
    /// (`cm.exception`).
    pub exception: std::cell::RefCell<Option<Value>>,
}

/// What a `with` statement enters.
#[derive(Debug)]
pub enum Context {
    /// `np.testing.assert_raises(cls)`: the block must raise `cls`.
    Raises(RaisesContext),
    /// `np.testing.temppath(...)` / `tempdir(...)`: a temporary file or
    /// directory made on entering and removed on leaving.
    Temp(TempSpec),
    /// `np.printoptions(...)`: the options to set while inside.
    PrintOptions(Vec<(String, Value)>),
    /// `np.errstate(...)`: the error modes to set while inside (checked
    /// on entering, as NumPy checks them).
    ErrState {
        /// `all=`.
        all: Option<Value>,
        /// `call=`: the `np.seterrcall` callback while inside.
        call: Option<Value>,
        /// `divide=`, `over=`, `under=`, `invalid=` as given.
        kinds: Vec<(&'static str, Value)>,
    },
}

/// What `np.testing.temppath`/`tempdir` will make: `tempfile`'s
/// `suffix`, `prefix` and `dir`.
#[derive(Debug, Clone)]
pub struct TempSpec {
    /// A directory (`tempdir`) rather than a file (`temppath`).
    pub directory: bool,
    /// Text after the random part of the name.
    pub suffix: String,
    /// Text before it (`tmp` unless given).
    pub prefix: String,
    /// The directory to make it in (the system's temporary one if `None`).
    pub parent: Option<String>,
}

/// A `memoryview`: the object whose buffer it reads (`m.obj`), an array
/// over that buffer with the view's shape, strides and element type, and
/// whether it may be written through.
#[derive(Debug, Clone)]
pub struct MemView {
    /// The exporting object.
    pub obj: Value,
    /// The memory it sees, as an array.
    pub view: crate::engine::ArrayRef,
    /// `m.readonly`.
    pub readonly: bool,
}

/// A view of a dict (`d.keys()`): the dict it looks at, and which view.
#[derive(Debug, Clone)]
pub struct DictView {
    /// The dict itself, shared, so the view sees every change.
    pub dict: Rc<RefCell<Vec<(Value, Value)>>>,
    /// Keys, values or items.
    pub kind: ViewKind,
}

/// Which view of its dict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewKind {
    /// `d.keys()`.
    Keys,
    /// `d.values()`.
    Values,
    /// `d.items()`.
    Items,
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
            Obj::Context(Context::PrintOptions(_) | Context::Temp(_)) => {
                "contextlib._GeneratorContextManager".into()
            }
            Obj::Context(Context::ErrState { .. }) => "numpy.errstate".into(),
            Obj::Context(Context::Raises(_)) => "unittest.case._AssertRaisesContext".into(),
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
            Obj::NamedTuple(t) => t.class.name.clone(),
            Obj::TupleClass(_) => "type".into(),
            Obj::File(f) => f.type_path().trim_start_matches("_io.").into(),
            Obj::Masked(_) => "MaskedArray".into(),
            Obj::Hint(h) => h.type_name().into(),
            Obj::RecArray(_) => "recarray".into(),
            Obj::Matrix(_) => "matrix".into(),
            Obj::Record(_) => "record".into(),
            Obj::MaskedConstant => "MaskedConstant".into(),
            Obj::NotImplemented => "NotImplementedType".into(),
            Obj::Refused(_) => "slicelab.refused".into(),
            Obj::Npz(_) => "NpzFile".into(),
            Obj::NpIter(n) => n.type_path().into(),
            Obj::NpzView(_, "keys") => "KeysView".into(),
            Obj::NpzView(_, "values") => "ValuesView".into(),
            Obj::NpzView(..) => "ItemsView".into(),
            Obj::DictView(v) => v.kind.type_name().into(),
            Obj::PyUfunc(_) => "numpy.ufunc".into(),
            Obj::Vectorize(_) => "vectorize".into(),
            Obj::Poly1d(_) => "poly1d".into(),
            Obj::SubArrayDType(..) | Obj::RecordDType(_) => "numpy.dtypes.VoidDType".into(),
            Obj::BusDayCal(_) => "numpy.busdaycalendar".into(),
            Obj::ByteArray(_) => "bytearray".into(),
            Obj::MemoryView(_) => "memoryview".into(),
            Obj::DummyArray(_) => "DummyArray".into(),
            Obj::PyTime(t) => t.type_path().into(),
        }
    }
}

/// A session's paused runs of dropped generators, waiting to be closed
/// (`gen_close.rs`): CPython closes a generator when its last reference
/// goes, and a Rust `Drop` cannot run the learner's code.
pub type Dying = Rc<RefCell<VecDeque<Box<dyn Suspended>>>>;
/// A generator's way to its session's queue.
pub type DyingRef = std::rc::Weak<RefCell<VecDeque<Box<dyn Suspended>>>>;

impl IterState {
    /// The name a generator object's repr shows (`None`: not a generator).
    pub fn generator_name(&self) -> Option<Rc<str>> {
        match self {
            IterState::Gen(g) | IterState::GenExpr(g) => Some(g.name()),
            IterState::Running(name) => name.clone(),
            _ => None,
        }
    }
}

/// The class a value holds, if it is one of the learner's classes.
pub fn class_of(v: &Value) -> Option<&ClassObj> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::Class(c) => Some(c),
            _ => None,
        },
        _ => None,
    }
}

/// The masked array a value holds.
pub fn as_masked(v: &Value) -> Option<&Masked> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::Masked(m) => Some(m),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `v` is `np.ma.masked`.
pub fn is_masked_constant(v: &Value) -> bool {
    matches!(v, Value::Object(o) if matches!(o.as_ref(), Obj::MaskedConstant))
}

/// Whether `v` is Python's `NotImplemented`.
pub fn is_not_implemented(v: &Value) -> bool {
    matches!(v, Value::Object(o) if matches!(o.as_ref(), Obj::NotImplemented))
}

/// Whether `v` is any masked value (array or the constant).
pub fn is_ma(v: &Value) -> bool {
    as_masked(v).is_some() || is_masked_constant(v)
}

/// A range as the list NumPy reads it as (`np.array(range(4))`).
pub fn range_list(v: &Value) -> PyResult<Option<Value>> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::Range(r) => Ok(Some(Value::list(range_items(r)?))),
            _ => Ok(None),
        },
        _ => Ok(None),
    }
}

/// The items of a range, refused when they could not be held.
pub fn range_items(r: &PyRange) -> PyResult<Vec<Value>> {
    let n = r.len();
    let n = usize::try_from(n).map_err(|_| PyError::new("MemoryError", ""))?;
    crate::engine::buffer::python_room(n, std::mem::size_of::<Value>())?;
    Ok((0..n as i128).map(|k| Value::Int(r.at(k))).collect())
}

/// The value the generator `it` returned when it just ended, taken once
/// (`StopIteration`'s value; `None` when it returned None or is no
/// generator).
pub fn take_return(it: &Value) -> Option<Value> {
    let Value::Object(o) = it else { return None };
    let Obj::Iter(cell, _) = o.as_ref() else {
        return None;
    };
    match &mut *cell.try_borrow_mut().ok()? {
        IterState::Gen(g) => g.take_return(),
        _ => None,
    }
}

/// A `numpy.matrix`: a 2-D array whose operators are linear algebra's.
/// `base` is the Python object its `.base` answers, kept here because
/// NumPy stops collapsing a chain of views where the type changes
/// (`m[0].base is m`, while `(m + 1).base` is a hidden ndarray), which
/// the engine's owner-collapsing `.base` does not model.
#[derive(Debug)]
pub struct Matrix {
    /// The elements.
    pub arr: ArrayRef,
    /// What `.base` answers (`None` when the matrix owns its data).
    pub base: Option<Value>,
}

thread_local! {
    /// Each live matrix's (or learner's ndarray subclass instance's)
    /// array and the object holding it, so that an ndarray view whose
    /// owner is that array answers the object as its `.base`
    /// (`m.copy().A.base is ...`, `np.asarray(c.copy()).base`), as
    /// NumPy's do.
    static ARRAY_OWNERS: RefCell<Vec<(std::rc::Weak<crate::engine::NdArray>, std::rc::Weak<Obj>)>> =
        const { RefCell::new(Vec::new()) };
}

/// A new `numpy.matrix` value, noted so that views of its array find it.
pub fn new_matrix(arr: ArrayRef, base: Option<Value>) -> Value {
    let obj = Rc::new(Obj::Matrix(Matrix {
        arr: arr.clone(),
        base,
    }));
    register_array_owner(&arr, &obj);
    Value::Object(obj)
}

/// Remembers that `obj` (a matrix, or an instance of a learner's subclass
/// of `np.ndarray`) holds `arr`, so that a plain view of `arr` answers
/// `obj` as its `.base` ([`array_owner_object`]).
pub fn register_array_owner(arr: &ArrayRef, obj: &Rc<Obj>) {
    ARRAY_OWNERS.with(|m| {
        let mut m = m.borrow_mut();
        m.retain(|(a, o)| a.strong_count() > 0 && o.strong_count() > 0);
        m.push((Rc::downgrade(arr), Rc::downgrade(obj)));
    });
}

/// The live matrix or subclass instance whose array is `arr`, if any.
pub fn array_owner_object(arr: &ArrayRef) -> Option<Value> {
    ARRAY_OWNERS.with(|m| {
        m.borrow().iter().find_map(|(a, o)| {
            let a = a.upgrade()?;
            if Rc::ptr_eq(&a, arr) {
                o.upgrade().map(Value::Object)
            } else {
                None
            }
        })
    })
}

/// The matrix a value holds, if it is one.
pub fn as_matrix(v: &Value) -> Option<&Matrix> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::Matrix(m) => Some(m),
            _ => None,
        },
        _ => None,
    }
}

/// The `poly1d` a value holds, if it is one.
pub fn as_poly(v: &Value) -> Option<&Poly1d> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::Poly1d(p) => Some(p),
            _ => None,
        },
        _ => None,
    }
}

/// Is this value a `poly1d`?
pub fn is_poly(v: &Value) -> bool {
    as_poly(v).is_some()
}

/// The Python value an object element holds.
pub fn element(id: u64) -> Value {
    crate::engine::object::lookup(id)
        .and_then(|h| h.downcast_ref::<Value>().cloned())
        .unwrap_or(Value::None)
}

/// The id to store for a Python value (a reference to it: a list stored
/// is the same list, as in NumPy).
pub fn store(v: &Value) -> u64 {
    match v {
        Value::None => crate::engine::object::NONE_ID,
        other => crate::engine::object::intern(Rc::new(other.clone())),
    }
}

/// A name's value as reading the name gives it: a refusal bound by a
/// `from` import ([`Obj::Refused`]) is raised instead.
pub fn unless_refused(v: &Value) -> PyResult<Value> {
    match v {
        Value::Object(o) if let Obj::Refused(e) = o.as_ref() => Err(e.clone()),
        other => Ok(other.clone()),
    }
}

/// An object value.
pub fn object(o: Obj) -> Value {
    Value::Object(Rc::new(o))
}

// ---- Type hints (behaviour: type_hints.rs) ----

/// A type hint: what it prints is all it is.
#[derive(Debug)]
pub enum Hint {
    /// A bare `typing` form: `typing.Any`, `typing.List`.
    Form(&'static str),
    /// A subscripted generic: `list[int]`, `typing.Optional[int]`,
    /// `numpy.ndarray[...]`.
    Alias {
        /// What is subscripted, as printed (`list`, `typing.Optional`).
        origin: String,
        /// The subscript's items.
        args: Vec<Value>,
    },
    /// `int | None`.
    Union(Vec<Value>),
    /// A hint shown by fixed text: a `TypeVar` (`~T`), `numpy.dtype[...]`.
    Text(String),
    /// `numpy.typing.ArrayLike`/`DTypeLike`, whose long unions are not
    /// spelled out.
    Opaque(&'static str),
}

impl Hint {
    /// Python's type for a hint (`type(list[int])`).
    pub fn type_name(&self) -> &'static str {
        match self {
            Hint::Form(_) | Hint::Opaque(_) => "typing._SpecialForm",
            Hint::Alias { origin, .. } if origin.starts_with("typing.") => "typing._GenericAlias",
            Hint::Alias { .. } => "types.GenericAlias",
            Hint::Union(_) => "types.UnionType",
            Hint::Text(t) if t.starts_with('~') => "typing.TypeVar",
            Hint::Text(_) => "types.GenericAlias",
        }
    }
}

// ---- Frames (behaviour: scope.rs) ----

/// One function call's (or comprehension's) names.
#[derive(Debug, Default)]
pub struct Frame {
    /// The bound local names.
    pub vars: RefCell<HashMap<String, Value>>,
    /// Names local to this frame, bound or not yet.
    pub locals: Vec<String>,
    /// Names declared `global`.
    pub globals: Vec<String>,
    /// The frame the function was defined in.
    pub parent: Option<Rc<Frame>>,
    /// A class body's namespace: functions defined in it close over its
    /// parent instead, as Python's do.
    pub class_body: bool,
    /// In a method: the class it was found on (`__class__`, for `super()`).
    pub class: Option<Value>,
    /// In a method: its first argument (`self`, for `super()`).
    pub first_arg: Option<Value>,
    /// A comprehension's frame, which `:=` binds past.
    pub comprehension: bool,
}

// ---- Iterators and ranges (behaviour: pyiter.rs, generator.rs) ----

/// What an iterator object has left to yield.
#[derive(Debug)]
pub enum IterState {
    /// Items taken from a sequence when the iterator was made.
    Items(VecDeque<Value>),
    /// A list read live, as CPython's list iterator does: items appended
    /// before the iterator gets there are seen.
    List(std::rc::Rc<RefCell<Vec<Value>>>, usize),
    /// A dict (or one of its views) read live, as CPython's dict
    /// iterators do: a change of its size while iterating is a
    /// RuntimeError.
    Dict {
        /// The dict.
        dict: std::rc::Rc<RefCell<Vec<(Value, Value)>>>,
        /// Keys, values or items.
        kind: ViewKind,
        /// The next entry's position.
        next: usize,
        /// The dict's size when the iterator was made (`di_used`).
        used: usize,
    },
    /// A range being counted.
    Count {
        /// The value `next()` gives.
        next: i128,
        /// How many values are left.
        left: i128,
        /// The step.
        step: i128,
    },
    /// `map(f, *iterators)`.
    Map(Value, Vec<Value>),
    /// `filter(f, iterator)` (`f` None keeps truthy items).
    Filter(Value, Value),
    /// `zip(*iterators)`.
    Zip(Vec<Value>),
    /// `enumerate(iterator, start)`.
    Enumerate(Value, i128),
    /// A generator function's run.
    Gen(Box<dyn Suspended>),
    /// A generator expression's run.
    GenExpr(Box<dyn Suspended>),
    /// A learner's iterator, read through its `__next__`.
    User(Value),
    /// The old sequence protocol: an object whose class has `__getitem__`
    /// but no `__iter__`, read at 0, 1, 2, ... until `IndexError` or
    /// `StopIteration` (CPython's `seqiter`); the index is `usize::MAX`
    /// once it has ended, and it stays ended.
    Sequence(Value, usize),
    /// `reversed()` of an object with `__len__` and `__getitem__` but no
    /// `__reversed__`: `__getitem__` at `n - 1` down to 0, the count of
    /// items left held here (CPython's `reversed` object).
    SequenceBack(Value, usize),
    /// Taken out while its `next` runs (a re-entrant `next` finds this);
    /// a generator keeps its name for the repr.
    Running(Option<std::rc::Rc<str>>),
}

/// A `range` object.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PyRange {
    /// First value.
    pub start: i128,
    /// Bound (not included).
    pub stop: i128,
    /// Step (never 0).
    pub step: i128,
}

impl PyRange {
    /// Whether the range holds no value.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many values (Python's `len(range)`).
    pub fn len(&self) -> i128 {
        let (a, b, c) = (self.start, self.stop, self.step);
        if (c > 0 && a >= b) || (c < 0 && a <= b) {
            0
        } else {
            (b - a).abs().saturating_add(c.abs() - 1) / c.abs()
        }
    }

    /// The k-th value (0 <= k < len).
    pub fn at(&self, k: i128) -> i128 {
        self.start + k * self.step
    }

    /// Python's repr: `range(0, 5)`, `range(0, 10, 2)`.
    pub fn repr(&self) -> String {
        if self.step == 1 {
            format!("range({}, {})", self.start, self.stop)
        } else {
            format!("range({}, {}, {})", self.start, self.stop, self.step)
        }
    }

    /// `x in r` for an integral `x`.
    pub fn contains(&self, x: i128) -> bool {
        let n = self.len();
        if n == 0 {
            return false;
        }
        let off = x - self.start;
        off % self.step == 0 && (0..n).contains(&(off / self.step))
    }
}

// ---- Sets (behaviour: set_table.rs) ----

/// One slot of a set's table, as CPython's `setentry`.
#[derive(Debug, Clone)]
pub enum SetSlot {
    /// Never used.
    Empty,
    /// Once used, now deleted (probing goes on past it).
    Dummy,
    /// An item and its hash.
    Full(i64, Value),
}

/// A set's table: slots in CPython's layout.
#[derive(Debug, Clone)]
pub struct SetTable {
    pub(super) slots: Vec<SetSlot>,
    pub(super) used: usize,
    pub(super) fill: usize,
    pub(super) finger: usize,
}

// ---- Classes and instances (behaviour: pyclass.rs, decorators.rs, exceptions.rs) ----

/// A class object.
#[derive(Debug)]
pub struct ClassObj {
    /// `__name__`.
    pub name: String,
    /// The base classes (learner classes only; `object` is implied).
    pub bases: Vec<Value>,
    /// The class namespace, in definition order.
    pub attrs: RefCell<Vec<(String, Value)>>,
}

/// An instance of a learner's class.
#[derive(Debug)]
pub struct Instance {
    /// Its class (a `Value::Object` holding `Obj::Class`).
    pub class: Value,
    /// Its `__dict__`, in assignment order.
    pub attrs: RefCell<Vec<(String, Value)>>,
    /// `args` and `__cause__` when the class derives from an exception
    /// class.
    pub exc: Option<ExcState>,
    /// The array when the class derives from `np.ndarray`
    /// (`subclass.rs`).
    pub array: Option<ArrayPart>,
}

/// The ndarray inside an instance of a learner's subclass of `np.ndarray`.
#[derive(Debug)]
pub struct ArrayPart {
    /// The elements (an engine array over the shared buffer).
    pub arr: ArrayRef,
    /// What `.base` answers (`None` when the instance owns its data).
    pub base: Option<Value>,
}

/// A `property`: its getter and setter (`None` when absent).
#[derive(Debug)]
pub struct Property {
    /// `fget`.
    pub fget: Value,
    /// `fset`.
    pub fset: Value,
}

/// What every exception object holds beyond its class: `args`,
/// `__cause__` and `__suppress_context__` (set by `raise ... from ...`).
#[derive(Debug, Default)]
pub struct ExcState {
    /// `e.args`.
    pub args: RefCell<Vec<Value>>,
    /// The constructor's arguments where `args` keeps fewer of them: an
    /// `OSError`'s `filename` (and `filename2`) beyond `(errno,
    /// strerror)`. Empty otherwise.
    pub given: Vec<Value>,
    /// `e.__cause__` (`None` when unset).
    pub cause: RefCell<Option<Value>>,
    /// `e.__suppress_context__`.
    pub suppress_context: Cell<bool>,
}

// ---- NumPy's objects (behaviour: named_tuple.rs, ma/, npy/npz.rs, vectorize.rs, random/, dtype_info.rs) ----

/// A namedtuple class NumPy defines: its name, its module and its fields.
#[derive(Debug, PartialEq)]
pub struct NamedTupleClass {
    /// The class name (`UniqueCountsResult`).
    pub name: &'static str,
    /// Its qualified name, as `type(x)` prints it
    /// (`numpy.lib._arraysetops_impl.UniqueCountsResult`).
    pub path: &'static str,
    /// `_fields`, in order.
    pub fields: &'static [&'static str],
}

/// A namedtuple class as its instances hold it: NumPy's (from a
/// [`NamedTupleClass`]) or one the learner made with
/// `collections.namedtuple` (behaviour: named_tuple.rs).
#[derive(Debug)]
pub struct TupleClass {
    /// `__name__` (`Point`).
    pub name: String,
    /// `__module__` (`__session__` for the learner's).
    pub module: String,
    /// `_fields`, in order.
    pub fields: Vec<String>,
    /// The defaults of the last `defaults.len()` fields.
    pub defaults: Vec<Value>,
    /// NumPy's static class, when this is one: `type(x)` is then the
    /// builtin type it names rather than a class object.
    pub builtin: Option<&'static NamedTupleClass>,
}

/// Where a file object's content lives.
#[derive(Debug)]
pub enum FileKind {
    /// A file on disk, by the name it was opened with.
    Disk(String),
    /// `io.StringIO`.
    StringIo,
    /// `io.BytesIO`.
    BytesIo,
}

/// A file object's state (behaviour: pyfile.rs): its whole content while
/// it is open, and the position in it.
#[derive(Debug)]
pub struct FileObj {
    /// Disk or memory.
    pub kind: FileKind,
    /// The mode as written (`'r'`, `'wb'`); empty for memory files.
    pub mode: String,
    /// Text (str) or binary (bytes).
    pub text: bool,
    /// Whether reading is allowed.
    pub readable: bool,
    /// Whether writing is allowed.
    pub writable: bool,
    /// 'a': every write goes to the end.
    pub append: bool,
    /// `f.encoding` as Python shows it (`'UTF-8'` by default).
    pub encoding: String,
    /// The codec text is read and written in: utf-8, latin-1 or ascii.
    pub codec: super::codecs::Codec,
    /// The content: UTF-8 text in text mode, the bytes otherwise.
    pub data: RefCell<Vec<u8>>,
    /// The position in `data`, in bytes.
    pub pos: Cell<usize>,
    /// `f.closed`.
    pub closed: Cell<bool>,
    /// Written since the disk file was last written.
    pub dirty: Cell<bool>,
    /// A decoding error found when the file was opened, raised by the
    /// first read as Python raises it.
    pub pending: RefCell<Option<PyError>>,
}

/// `io.StringIO`'s type path.
pub const STRING_IO: &str = "_io.StringIO";
/// `io.BytesIO`'s type path.
pub const BYTES_IO: &str = "_io.BytesIO";

impl FileObj {
    /// The class path `type(f)` and messages give (`_io.TextIOWrapper`).
    pub fn type_path(&self) -> &'static str {
        match (&self.kind, self.text) {
            (FileKind::StringIo, _) => STRING_IO,
            (FileKind::BytesIo, _) => BYTES_IO,
            (FileKind::Disk(_), true) => "_io.TextIOWrapper",
            (FileKind::Disk(_), false) if self.readable && self.writable => "_io.BufferedRandom",
            (FileKind::Disk(_), false) if self.readable => "_io.BufferedReader",
            (FileKind::Disk(_), false) => "_io.BufferedWriter",
        }
    }
}

/// `is` between two record dtype values (`record_dtype.rs`): the same
/// when they wrap the one record type (`r.dtype is r.dtype`, as NumPy
/// keeps one dtype object). Here, beside the data, so `Value::is` needs no
/// routine module.
pub fn same_record_dtype(a: &Obj, b: &Obj) -> bool {
    match (a, b) {
        (
            Obj::RecordDType(crate::engine::DType::Record(x)),
            Obj::RecordDType(crate::engine::DType::Record(y)),
        ) => Rc::ptr_eq(x, y),
        _ => false,
    }
}

/// Whether two objects are one namedtuple class: `type(p)` hands out a
/// new object for the class `p` holds, and `type(p) is Point` must hold.
pub fn same_tuple_class(a: &Obj, b: &Obj) -> bool {
    matches!((a, b), (Obj::TupleClass(x), Obj::TupleClass(y)) if Rc::ptr_eq(x, y))
}

/// One namedtuple instance: its class and the plain tuple of its items.
#[derive(Debug)]
pub struct NamedTuple {
    /// The class (shared by every instance of a learner's class, so
    /// `type(p) is Point`).
    pub class: Rc<TupleClass>,
    /// A `Value::Tuple` with one item per field.
    pub items: Value,
}

/// One masked array.
#[derive(Debug)]
pub struct Masked {
    /// The data (`._data`): shares memory with what it was made from
    /// when NumPy's does.
    pub data: ArrayRef,
    /// The mask; `None` is `nomask`.
    pub mask: RefCell<Option<ArrayRef>>,
    /// `._fill_value`: `None` until NumPy would have created it.
    pub fill: RefCell<Option<(DType, Scalar)>>,
    /// `hard_mask`.
    pub hard: Cell<bool>,
    /// `_sharedmask`.
    pub shared: Cell<bool>,
}

/// An open `.npz` archive (`numpy.lib.npyio.NpzFile`).
pub struct NpzFile {
    /// The file name as given (`None` once closed: NumPy then shows
    /// `'object'`).
    pub(super) name: RefCell<Option<String>>,
    /// The member names without `.npy`, in archive order (`f.files`).
    pub files: Vec<String>,
    /// The member names as stored.
    pub(super) members: Vec<String>,
    /// The open archive; `None` after `close()`.
    pub(super) zip: RefCell<Option<zip::ZipArchive<std::fs::File>>>,
}

/// The ufunc `np.frompyfunc` makes: all its loops are `O->O`.
#[derive(Debug)]
pub struct PyUfunc {
    /// The Python function called per element.
    pub func: Value,
    /// Number of inputs.
    pub nin: i64,
    /// Number of outputs.
    pub nout: i64,
    /// `identity=` (None unless given).
    pub identity: Value,
    /// `f.__name__ + ' (vectorized)'`.
    pub name: String,
}

/// One output type of a `vectorize`: a dtype, or the unsized `'U'` whose
/// length the results decide.
#[derive(Debug, Clone)]
pub enum OType {
    /// A sized dtype.
    Dtype(DType),
    /// `'U'`: text as long as the longest result.
    Text,
    /// `'O'`, `'S'`, `'V'`, `'M'`, `'m'`: refused when used.
    Other(char),
}

/// A `numpy.vectorize` object's state (mutable: the decorator form sets
/// the function on its first call).
#[derive(Debug)]
pub struct VecState {
    pub(super) pyfunc: Option<Value>,
    pub(super) otypes: Option<Vec<OType>>,
    pub(super) otypes_value: Value,
    pub(super) excluded: Vec<Value>,
    pub(super) cache: bool,
    pub(super) doc: Value,
    pub(super) name: Option<String>,
}

/// A `numpy.vectorize` object.
#[derive(Debug)]
pub struct Vectorize(pub(super) RefCell<VecState>);

/// A `SeedSequence` with the entropy value it was made from (its repr
/// shows that value as given).
#[derive(Debug, Clone)]
pub struct SeqObj {
    /// The mixed sequence.
    pub seq: SeedSequence,
    /// `entropy` as given (an int or a list of ints).
    pub entropy: Value,
}

/// A bit generator object and the seed sequence that seeded it.
#[derive(Debug)]
pub struct BitGenObj {
    /// The generator state.
    pub state: RefCell<AnyBitGen>,
    /// `_seed_seq` (what `spawn` extends); `None` after legacy seeding.
    pub seed_seq: Option<Rc<RandomObj>>,
}

/// One `np.random` object.
#[derive(Debug)]
pub enum RandomObj {
    /// `Generator(bit_generator)`; `bit_generator` is a `BitGenerator`.
    Generator {
        /// The shared bit generator object (`rng.bit_generator`).
        bit_generator: Rc<RandomObj>,
    },
    /// `RandomState`: MT19937 with the Gaussian cache.
    RandomState(RefCell<LegacyState>),
    /// `PCG64(...)` / `MT19937(...)`.
    BitGenerator(BitGenObj),
    /// `SeedSequence(...)`.
    SeedSequence(RefCell<SeqObj>),
}

/// `np.iinfo(t)` / `np.finfo(t)`: limits of one integer or float type.
#[derive(Debug, Clone, PartialEq)]
pub enum MachInfo {
    /// `np.iinfo` of an integer dtype.
    Int(DType),
    /// `np.finfo` of a float dtype (complex types give their float part).
    Float(DType),
}

// ---- np.poly1d (behaviour: poly1d.rs) ----

/// One `poly1d`: the coefficient array (replaced by `p[k] = v` past the
/// order) and the variable's name.
#[derive(Debug)]
pub struct Poly1d {
    pub(super) coeffs: RefCell<ArrayRef>,
    pub(super) variable: Rc<str>,
}

// ---- Python datetime values (behaviour: pydatetime.rs) ----

/// One Python datetime value.
#[derive(Debug, Clone, PartialEq)]
pub enum PyTime {
    /// `datetime.date(y, m, d)`.
    Date(i64, i32, i32),
    /// `datetime.datetime(y, m, d, h, mi, s, us)`.
    DateTime([i64; 7]),
    /// `datetime.timedelta(days, seconds, microseconds)`, normalised.
    Delta(i64, i64, i64),
}
