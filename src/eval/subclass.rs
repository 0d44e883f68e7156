//! The learner's subclasses of `np.ndarray` (`class C(np.ndarray): ...`),
//! after NumPy's "Subclassing ndarray" rules.
//!
//! An instance is a learner's [`Instance`] carrying an [`ArrayPart`]: its
//! own `__dict__` and class first, ndarray's attributes and methods after.
//! Every ndarray operation runs on the plain array inside and its result
//! comes back in one of three ways NumPy's C code uses:
//! - a **view** of the instance's memory is of the instance's class, based
//!   on it (`.base` collapsing along views of the same class), and
//!   `__array_finalize__` sees the instance (`c[1:]`, `c.T`, `c.reshape`);
//! - a **fresh** array a method allocated as the instance's class owns its
//!   data, and `__array_finalize__` sees the instance (`c.copy()`,
//!   `c.astype(int)`, `c.argsort()`);
//! - a ufunc's (or a reduction's) result is a plain array **wrapped** by
//!   `ndarray.__array_wrap__`: an instance viewing it (so it is the
//!   `.base`), `__array_finalize__` seeing the input that wrapped it, and
//!   a 0-d result stays a 0-d instance (`c.sum()` is `C(15)`).
//!
//! Which way each method and NumPy function goes was read off NumPy 2.4
//! (tables below); a function not in the tables, and the override hooks
//! `__array_ufunc__`, `__array_function__` and `__array_wrap__`, are
//! refused with NotImplementedError rather than answered as a plain array.

use std::cell::RefCell;
use std::rc::Rc;

use crate::engine::{ArrayRef, DType, NdArray};

use super::args::Args;
use super::array_subclass::{
    derives_ndarray, in_args, involves, is_sub, len, part, refuse, unwrap,
};
use super::classes::{instance_of, lookup};
use super::error::{PyError, PyResult};
use super::object::{ArrayPart, Instance, Obj};
use super::registry::Entry;
use super::session::Session;
use super::value::{TypeObj, Value};

fn class(v: &Value) -> Value {
    instance_of(v).expect("an instance").class.clone()
}

fn unwrap_args(args: &Args) -> Args {
    args.map_values(unwrap)
}

/// A new instance of `class` over `arr`, before `__array_finalize__`.
fn instance(class: &Value, arr: ArrayRef, base: Option<Value>) -> PyResult<Value> {
    if *arr.dtype() == DType::Object {
        return Err(refuse("object arrays (dtype=object)"));
    }
    let obj = Rc::new(Obj::Instance(Instance {
        class: class.clone(),
        attrs: RefCell::new(Vec::new()),
        exc: None,
        array: Some(ArrayPart {
            arr: arr.clone(),
            base,
        }),
    }));
    super::object::register_array_owner(&arr, &obj);
    Ok(Value::Object(obj))
}

/// Runs the class's `__array_finalize__(obj)`, if it defines one
/// (ndarray's own does nothing).
fn finalize(s: &mut Session, new: &Value, obj: &Value) -> PyResult<()> {
    if let Some(r) = s.dunder(new, "__array_finalize__", vec![obj.clone()]) {
        r?;
    }
    Ok(())
}

/// Hooks slicelab does not call: a class defining one is refused where
/// NumPy would call it, never answered as if it were absent.
fn check_hooks(v: &Value, hooks: &[&str], what: &str) -> PyResult<()> {
    if let Some(i) = instance_of(v)
        && let Some(h) = hooks.iter().find(|h| lookup(&i.class, h).is_some())
    {
        return Err(PyError::new(
            "NotImplementedError",
            format!("slicelab does not call a subclass's {h} yet ({what})"),
        ));
    }
    Ok(())
}

const UFUNC_HOOKS: &[&str] = &["__array_ufunc__", "__array_wrap__"];

/// The object a new view of class `class` taken from `parent` is based
/// on: NumPy collapses `.base` along arrays that do not own their data
/// while the type stays the same.
fn collapsed_base(parent: &Value, class: &Value) -> Value {
    let mut obj = parent.clone();
    while let Some(p) = part(&obj) {
        match &p.base {
            Some(b) if instance_of(b).is_some_and(|i| i.class.is(class)) => obj = b.clone(),
            _ => break,
        }
    }
    obj
}

/// `view`, a view of `parent`'s memory, as an instance of `class`.
fn view_as(s: &mut Session, parent: &Value, class: &Value, view: ArrayRef) -> PyResult<Value> {
    let base = collapsed_base(parent, class);
    let v = instance(class, view, Some(base))?;
    finalize(s, &v, parent)?;
    Ok(v)
}

/// A view of the instance `me`'s memory, of its class.
pub fn view_of(s: &mut Session, me: &Value, view: ArrayRef) -> PyResult<Value> {
    view_as(s, me, &class(me), view)
}

/// An array a method of `me` allocated, of `me`'s class, owning its data.
fn fresh_of(s: &mut Session, me: &Value, arr: ArrayRef) -> PyResult<Value> {
    let v = instance(&class(me), arr, None)?;
    finalize(s, &v, me)?;
    Ok(v)
}

/// A ufunc's plain result wrapped by `wrapper`'s class: a view of it.
fn wrapped(s: &mut Session, wrapper: &Value, fresh: ArrayRef) -> PyResult<Value> {
    let view = NdArray::view_with(&fresh, fresh.layout());
    let v = instance(&class(wrapper), view, Some(Value::Array(fresh)))?;
    finalize(s, &v, wrapper)?;
    Ok(v)
}

/// A result that NumPy wraps: arrays and the 0-d results slicelab gives
/// as scalars become instances; tuples (two-output ufuncs) item by item.
fn wrap_result(s: &mut Session, wrapper: &Value, r: Value) -> PyResult<Value> {
    match r {
        Value::Array(a) => wrapped(s, wrapper, a),
        Value::NpScalar(dt, sc) => {
            let a = NdArray::from_scalars(&[], dt, &[sc])?;
            wrapped(s, wrapper, a)
        }
        Value::Tuple(t) => {
            let items = t
                .iter()
                .map(|x| wrap_result(s, wrapper, x.clone()))
                .collect::<PyResult<Vec<_>>>()?;
            Ok(Value::tuple(items))
        }
        other => Ok(other),
    }
}

/// A method's or function's array result: `me` itself when NumPy hands
/// back the same object, a view of its class when it shares `me`'s memory,
/// else a fresh array of its class.
fn kept(s: &mut Session, me: &Value, r: Value) -> PyResult<Value> {
    let same = part(me).expect("an instance").arr.clone();
    kept_as(s, me, &same, r)
}

/// [`kept`], `same` being the plain array that stood for `me` in the call.
fn kept_as(s: &mut Session, me: &Value, same: &ArrayRef, r: Value) -> PyResult<Value> {
    let p = part(me).expect("an instance");
    match r {
        Value::Array(a) if Rc::ptr_eq(&a, same) => Ok(me.clone()),
        Value::Array(a) if Rc::ptr_eq(a.buffer(), p.arr.buffer()) => view_of(s, me, a),
        Value::Array(a) => fresh_of(s, me, a),
        other => Ok(other),
    }
}

/// `__array_priority__` of a value (ndarray's is 0.0).
fn priority(s: &mut Session, v: &Value) -> PyResult<f64> {
    let Some(i) = instance_of(v) else {
        return Ok(0.0);
    };
    match lookup(&i.class, "__array_priority__") {
        None => Ok(0.0),
        Some((_, p)) => super::coerce::float_arg(&p).map_err(|_| {
            PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab reads __array_priority__ as a number, not {}",
                    s.py_repr(&p).unwrap_or_default()
                ),
            )
        }),
    }
}

/// The input whose class wraps a ufunc's result: the first of the highest
/// `__array_priority__` (`npy_find_array_wrap`).
fn wrapper_of(s: &mut Session, inputs: &[Value]) -> PyResult<Option<Value>> {
    let mut best: Option<(Value, f64)> = None;
    for v in inputs.iter().filter(|v| is_sub(v)) {
        check_hooks(v, UFUNC_HOOKS, "a ufunc")?;
        let p = priority(s, v)?;
        if best.as_ref().is_none_or(|(_, b)| p > *b) {
            best = Some((v.clone(), p));
        }
    }
    Ok(best.map(|(v, _)| v))
}

/// A ufunc-like operation on `inputs` (already run on their plain arrays
/// as `r`), wrapped as NumPy's default `__array_wrap__` wraps it.
fn ufunc_result(s: &mut Session, inputs: &[Value], r: Value) -> PyResult<Value> {
    match wrapper_of(s, inputs)? {
        Some(w) => wrap_result(s, &w, r),
        None => Ok(r),
    }
}

/// `np.UFUNC.METHOD(...)` (`reduce`, `accumulate`, `outer`, ...) with an
/// instance among the arguments: run on the plain arrays (`plain`), the
/// result wrapped by the inputs' class; an instance as `out=` is refused.
pub fn ufunc_method(
    s: &mut Session,
    name: &str,
    args: &Args,
    plain: fn(&mut Session, &str, &Args) -> PyResult<Value>,
) -> PyResult<Value> {
    if args.kw("out").is_some_and(involves) || name.ends_with(".at") {
        return Err(refuse(&format!("np.{name}'s out= (or ufunc.at)")));
    }
    let r = plain(s, name, &unwrap_args(args))?;
    if args.kw("out").is_some_and(|o| !matches!(o, Value::None)) {
        return Ok(r);
    }
    let inputs: Vec<Value> = args.pos.iter().take(2).cloned().collect();
    ufunc_result(s, &inputs, r)
}

/// `np.linalg.NAME(...)` with an instance among the arguments: NumPy's
/// `_makearray` runs on plain arrays and hands the result to the
/// argument's `__array_wrap__` (ndarray's: a view of the class, which
/// `__array_finalize__` sees made from the plain result).
pub fn linalg(
    s: &mut Session,
    name: &str,
    args: &Args,
    plain: fn(&mut Session, &str, Args) -> PyResult<Value>,
) -> PyResult<Value> {
    let wrapper = match name {
        "inv" | "pinv" | "matrix_power" | "cholesky" => args.get(0, "a"),
        "solve" => args.get(1, "b"),
        "det" | "norm" | "matrix_rank" => None,
        _ => return Err(refuse(&format!("np.linalg.{name}"))),
    }
    .filter(|v| is_sub(v))
    .cloned();
    if let Some(w) = &wrapper {
        check_hooks(w, &["__array_wrap__"], &format!("np.linalg.{name}"))?;
    }
    let r = plain(s, name, unwrap_args(args))?;
    match (wrapper, r) {
        (Some(w), Value::Array(a)) => {
            let view = NdArray::view_with(&a, a.layout());
            let fresh = Value::Array(a);
            let v = instance(&class(&w), view, Some(fresh.clone()))?;
            finalize(s, &v, &fresh)?;
            Ok(v)
        }
        (_, r) => Ok(r),
    }
}

/// An operator on `inputs`, at least one an instance: `run` on their
/// plain arrays, the result wrapped as a ufunc's (`None`: no instance).
fn operator(
    s: &mut Session,
    inputs: &[&Value],
    run: impl FnOnce(&mut Session, &[Value]) -> PyResult<Value>,
) -> Option<PyResult<Value>> {
    if !inputs.iter().any(|v| is_sub(v)) {
        return None;
    }
    let plain: Vec<Value> = inputs.iter().map(|v| unwrap(v)).collect();
    let owned: Vec<Value> = inputs.iter().map(|v| (*v).clone()).collect();
    Some(run(s, &plain).and_then(|out| ufunc_result(s, &owned, out)))
}

/// `l OP r` with an instance on either side.
pub fn binary(
    s: &mut Session,
    op: crate::syntax::ast::BinOp,
    l: &Value,
    r: &Value,
) -> Option<PyResult<Value>> {
    operator(s, &[l, r], |s, p| s.binary(op, &p[0], &p[1]))
}

/// A comparison with an instance on either side (identity and
/// membership are Python's own).
pub fn compare(
    s: &mut Session,
    op: crate::syntax::ast::CmpOp,
    l: &Value,
    r: &Value,
) -> Option<PyResult<Value>> {
    use crate::syntax::ast::CmpOp as C;
    if matches!(op, C::Is | C::IsNot | C::In | C::NotIn) {
        return None;
    }
    operator(s, &[l, r], |s, p| s.compare(op, &p[0], &p[1]))
}

/// `-c`, `+c`, `~c` (`not c` is truth, not a ufunc).
pub fn unary(
    s: &mut Session,
    op: crate::syntax::ast::UnaryOp,
    v: &Value,
) -> Option<PyResult<Value>> {
    if op == crate::syntax::ast::UnaryOp::Not {
        return None;
    }
    operator(s, &[v], |s, p| s.unary(op, &p[0]))
}

/// `c OP= x`: the ufunc writes into the instance's memory; the name keeps
/// the instance.
pub fn inplace(
    s: &mut Session,
    op: crate::syntax::ast::BinOp,
    cur: &Value,
    rhs: &Value,
) -> Option<PyResult<Value>> {
    if !is_sub(cur) {
        if is_sub(rhs) {
            return Some(s.inplace(op, cur.clone(), &unwrap(rhs)));
        }
        return None;
    }
    if let Err(e) = check_hooks(cur, UFUNC_HOOKS, "an in-place operator") {
        return Some(Err(e));
    }
    let p = part(cur).expect("an instance");
    Some(
        s.inplace(op, Value::Array(p.arr.clone()), &unwrap(rhs))
            .map(|_| cur.clone()),
    )
}

/// `c[idx]`: a view of `c`'s class for a basic index, a wrapped copy for
/// an advanced one, a scalar for a single element.
pub fn getitem(s: &mut Session, me: &Value, idx: &Value) -> PyResult<Value> {
    let p = part(me).expect("an instance");
    let arr = p.arr.clone();
    match s.getitem(&Value::Array(arr.clone()), &unwrap(idx))? {
        Value::Array(a) if Rc::ptr_eq(a.buffer(), arr.buffer()) => view_of(s, me, a),
        Value::Array(a) => wrapped(s, me, a),
        other => Ok(other),
    }
}

/// `c[idx] = value`, written into the instance's memory.
pub fn setitem(s: &mut Session, me: &Value, idx: &Value, value: &Value) -> PyResult<()> {
    let arr = Value::Array(part(me).expect("an instance").arr.clone());
    s.setitem(&arr, &unwrap(idx), &unwrap(value))
}

/// The rows `iter(c)` yields: `c[0]`, `c[1]`, ...
pub fn items(s: &mut Session, me: &Value) -> PyResult<Vec<Value>> {
    let n = match part(me).expect("an instance").arr.shape().first() {
        Some(&n) => n,
        None => return Err(PyError::type_error("iteration over a 0-d array")),
    };
    (0..n)
        .map(|i| getitem(s, me, &Value::Int(i as i128)))
        .collect()
}

/// `c.NAME` when neither the instance nor its class has it: ndarray's.
pub fn attr(s: &mut Session, me: &Value, name: &str) -> PyResult<Value> {
    let p = part(me).expect("an instance");
    let arr = p.arr.clone();
    match name {
        "base" => Ok(p.base.clone().unwrap_or(Value::None)),
        "T" | "mT" => {
            let plain = super::array_attrs::array_attr(&arr, &Value::Array(arr.clone()), name)?;
            kept(s, me, plain)
        }
        // A real array's `.real` is itself; `.imag` fresh zeros.
        "real" | "imag" => {
            let plain = super::array_attrs::array_attr(&arr, &Value::Array(arr.clone()), name)?;
            if name == "real" && arr.dtype().kind() != crate::engine::dtype::Kind::Complex {
                return Ok(me.clone());
            }
            kept(s, me, plain)
        }
        "flat" => Err(refuse("ndarray.flat")),
        "__array_finalize__" => Ok(Value::Method(Rc::new(me.clone()), Rc::from(name))),
        _ => super::array_attrs::array_attr(&arr, me, name).or_else(|e| {
            if super::dunder_names::has(name) {
                Ok(Value::Method(Rc::new(me.clone()), Rc::from(name)))
            } else {
                Err(match e.kind.as_str() {
                    "AttributeError" => PyError::attribute(&me.type_name(), name),
                    _ => e,
                })
            }
        }),
    }
}

/// `c.NAME = value` for ndarray's own attributes (`shape`, `dtype`, ...);
/// `None` for a name the instance's `__dict__` takes.
pub fn setattr(s: &mut Session, me: &Value, name: &str, value: &Value) -> Option<PyResult<()>> {
    let p = part(me)?;
    let arr = Value::Array(p.arr.clone());
    if name == "base" || super::array_attrs::array_attr(&p.arr, &arr, name).is_err() {
        return None;
    }
    Some(s.setattr(&arr, name, &unwrap(value)))
}

/// How a method's result comes back.
#[derive(Clone, Copy)]
enum Outcome {
    /// The same object, a view of the class, or a fresh array of the class.
    Kept,
    /// A ufunc's or reduction's result, wrapped.
    Wrapped,
    /// As the plain array's method answers (scalars, lists, index arrays,
    /// `None` from in-place methods).
    Plain,
}

/// ndarray's methods and what NumPy 2.4 hands back for an instance.
const METHODS: &[(&str, Outcome)] = &[
    ("reshape", Outcome::Kept),
    ("transpose", Outcome::Kept),
    ("swapaxes", Outcome::Kept),
    ("squeeze", Outcome::Kept),
    ("ravel", Outcome::Kept),
    ("diagonal", Outcome::Kept),
    ("getfield", Outcome::Kept),
    ("copy", Outcome::Kept),
    ("astype", Outcome::Kept),
    ("flatten", Outcome::Kept),
    ("byteswap", Outcome::Kept),
    ("compress", Outcome::Kept),
    ("argsort", Outcome::Kept),
    ("argpartition", Outcome::Kept),
    ("repeat", Outcome::Kept),
    ("take", Outcome::Kept),
    ("dot", Outcome::Kept),
    ("choose", Outcome::Kept),
    ("sum", Outcome::Wrapped),
    ("prod", Outcome::Wrapped),
    ("mean", Outcome::Wrapped),
    ("max", Outcome::Wrapped),
    ("min", Outcome::Wrapped),
    ("all", Outcome::Wrapped),
    ("any", Outcome::Wrapped),
    ("std", Outcome::Wrapped),
    ("var", Outcome::Wrapped),
    ("cumsum", Outcome::Wrapped),
    ("cumprod", Outcome::Wrapped),
    ("clip", Outcome::Wrapped),
    ("tolist", Outcome::Plain),
    ("item", Outcome::Plain),
    ("fill", Outcome::Plain),
    ("sort", Outcome::Plain),
    ("partition", Outcome::Plain),
    ("put", Outcome::Plain),
    ("tobytes", Outcome::Plain),
    ("nonzero", Outcome::Plain),
    ("searchsorted", Outcome::Plain),
    ("trace", Outcome::Plain),
    ("setfield", Outcome::Plain),
    ("setflags", Outcome::Plain),
];

/// The refusal for a method NumPy runs through hidden instances of a
/// class that defines `__array_finalize__` (which would see them).
fn hidden_instances(me: &Value, name: &str) -> PyResult<()> {
    match instance_of(me) {
        Some(i) if lookup(&i.class, "__array_finalize__").is_some() => Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab does not replay the hidden instances NumPy's ndarray.{name} makes, which this class's __array_finalize__ would see"
            ),
        )),
        _ => Ok(()),
    }
}

fn arr_buffer(me: &Value) -> &Rc<crate::engine::buffer::Buffer> {
    part(me).expect("an instance").arr.buffer()
}

/// Methods NumPy runs through hidden instances of the class (read off
/// NumPy 2.4's `__array_finalize__` calls).
const MANY_FINALIZES: &[&str] = &[
    "take", "repeat", "cumsum", "cumprod", "std", "var", "argmax", "argmin", "trace", "choose",
];

/// `c.NAME(args)` as ndarray's method (the class's own were found first,
/// when the attribute was read).
pub fn method(s: &mut Session, me: &Value, name: &str, args: Args) -> PyResult<Value> {
    let arr = Value::Array(part(me).expect("an instance").arr.clone());
    match name {
        "__getitem__" => {
            let idx = args.req(0, "key", name)?.clone();
            return getitem(s, me, &idx);
        }
        "__setitem__" => {
            let idx = args.req(0, "key", name)?.clone();
            let v = args.req(1, "value", name)?.clone();
            return setitem(s, me, &idx, &v).map(|()| Value::None);
        }
        "__array_finalize__" => return Ok(Value::None),
        "__len__" => return len(me).map(|n| Value::Int(n as i128)),
        "__repr__" => return Ok(Value::str(&super::display::repr(me, &s.print_options))),
        "__str__" => return Ok(Value::str(&super::display::str_of(&arr, &s.print_options))),
        "view" => {
            return match view_call(s, me, &args) {
                Some(r) => r,
                None => view_method(s, me, args),
            };
        }
        _ => {}
    }
    // `conj` of a real array is the array itself; of a complex one, a ufunc.
    let outcome = match name {
        "conj" | "conjugate"
            if part(me).expect("an instance").arr.dtype().kind()
                == crate::engine::dtype::Kind::Complex =>
        {
            Outcome::Wrapped
        }
        "conj" | "conjugate" => return Ok(me.clone()),
        // `round` to other decimals takes NumPy's plain-array path.
        "round" => match args.get(0, "decimals") {
            None | Some(Value::Int(0)) => Outcome::Wrapped,
            Some(_) => Outcome::Plain,
        },
        // `astype(subok=False)` hands back a plain ndarray.
        "astype"
            if args
                .kw("subok")
                .is_some_and(|v| !super::protocol::truthy(v).unwrap_or(true)) =>
        {
            Outcome::Plain
        }
        // `argmax`/`argmin` along an axis allocate an array of the class;
        // over the whole array they give a scalar.
        "argmax" | "argmin" => Outcome::Kept,
        _ => match METHODS.iter().find(|(n, _)| *n == name) {
            Some((_, o)) => *o,
            None => return Err(refuse(&format!("ndarray.{name}"))),
        },
    };
    if args.kw("out").is_some_and(involves) {
        return Err(refuse(&format!("ndarray.{name}'s out=")));
    }
    let args = unwrap_args(&args);
    if matches!(outcome, Outcome::Wrapped) {
        check_hooks(me, UFUNC_HOOKS, &format!("ndarray.{name}"))?;
    }
    // NumPy makes hidden instances of the class inside these (so the
    // class's `__array_finalize__` runs more often, on other objects);
    // slicelab answers them only for a class that does not watch.
    if MANY_FINALIZES.contains(&name) {
        hidden_instances(me, name)?;
    }
    let r = s.call_method_registered(&arr, name, args)?;
    // `ravel` copies a non-contiguous array through a hidden instance.
    if name == "ravel" && matches!(&r, Value::Array(a) if !Rc::ptr_eq(a.buffer(), arr_buffer(me))) {
        hidden_instances(me, "ravel")?;
    }
    match outcome {
        Outcome::Kept => kept(s, me, r),
        Outcome::Wrapped => wrap_result(s, me, r),
        // A plain result is never the instance's own array object.
        Outcome::Plain => Ok(match r {
            Value::Array(a) if Rc::ptr_eq(&a, &part(me).expect("an instance").arr) => {
                Value::Array(NdArray::view_with(&a, a.layout()))
            }
            other => other,
        }),
    }
}

/// Is `v` the class `np.ndarray` or a learner's subclass of it?
fn array_class(v: &Value) -> Option<Value> {
    match v {
        Value::Type(TypeObj::NdArray) => Some(v.clone()),
        _ if derives_ndarray(v) => Some(v.clone()),
        _ => None,
    }
}

/// `x.view(...)` naming a learner's subclass, with `x` a plain array or an
/// instance (`None`: no class of the learner's is involved).
pub fn view_call(s: &mut Session, me: &Value, args: &Args) -> Option<PyResult<Value>> {
    let names_class = |v: Option<&Value>| v.is_some_and(|v| array_class(v).is_some());
    if !is_sub(me) && !names_class(args.get(0, "dtype")) && !names_class(args.get(1, "type")) {
        return None;
    }
    let bound = match super::registry::method_entry("view") {
        Some(e) => super::binding::prepare(e, args),
        None => Ok(args.map_values(Value::clone)),
    };
    Some(bound.and_then(|args| view_method(s, me, args)))
}

/// `view(dtype=None, type=None)` of a plain array or an instance: a
/// positional class is the type (NumPy tries it as a dtype first).
fn view_method(s: &mut Session, me: &Value, args: Args) -> PyResult<Value> {
    let mut dtype = args
        .get(0, "dtype")
        .cloned()
        .filter(|v| !matches!(v, Value::None));
    let mut class = args
        .get(1, "type")
        .cloned()
        .filter(|v| !matches!(v, Value::None));
    if let Some(c) = dtype.as_ref().and_then(array_class)
        && class.is_none()
    {
        class = Some(c);
        dtype = None;
    }
    let class = match class {
        None => None,
        Some(c) => Some(
            array_class(&c)
                .ok_or_else(|| PyError::type_error("Type must be a sub-type of ndarray type"))?,
        ),
    };
    let plain = match part(me) {
        Some(p) => Value::Array(p.arr.clone()),
        None if matches!(me, Value::Array(_)) => me.clone(),
        None => return Err(refuse("view")),
    };
    let pos = dtype.into_iter().collect();
    let r = s.call_method_registered(&plain, "view", Args { pos, kw: vec![] })?;
    let Value::Array(view) = r else {
        return Ok(r);
    };
    let class = class.unwrap_or_else(|| match instance_of(me) {
        Some(i) => i.class.clone(),
        None => Value::Type(TypeObj::NdArray),
    });
    if matches!(class, Value::Type(TypeObj::NdArray)) {
        return Ok(Value::Array(view));
    }
    view_as(s, me, &class, view)
}

/// `ndarray.__new__(cls, shape, dtype=float, buffer=None, offset=0,
/// strides=None, order=None)`, and calling a subclass that does not
/// define `__new__`.
pub fn new(s: &mut Session, args: Args) -> PyResult<Value> {
    let Some(cls) = args.pos.first().cloned() else {
        return Err(PyError::type_error(
            "ndarray.__new__(): not enough arguments",
        ));
    };
    // The class is checked first, as NumPy's `array_new` does.
    let name = match &cls {
        Value::Type(TypeObj::NdArray) => None,
        c if derives_ndarray(c) => None,
        c => Some(match super::object::class_of(c) {
            Some(k) => k.name.clone(),
            None if matches!(c, Value::Type(_)) => super::display::repr(c, &s.print_options)
                .trim_start_matches("<class '")
                .trim_end_matches("'>")
                .rsplit('.')
                .next()
                .unwrap_or_default()
                .to_string(),
            None => {
                return Err(PyError::type_error(format!(
                    "numpy.ndarray.__new__(X): X is not a type object ({})",
                    c.type_name()
                )));
            }
        }),
    };
    if let Some(n) = name {
        return Err(PyError::type_error(format!(
            "numpy.ndarray.__new__({n}): {n} is not a subtype of numpy.ndarray"
        )));
    }
    let rest = Args {
        pos: args.pos[1..].to_vec(),
        kw: args.kw.clone(),
    };
    let plain = s.call(&Value::Type(TypeObj::NdArray), rest)?;
    if matches!(cls, Value::Type(TypeObj::NdArray)) {
        return Ok(plain);
    }
    let Value::Array(a) = plain else {
        return Err(refuse("ndarray.__new__"));
    };
    let base = match super::array_attrs::array_attr(&a, &Value::Array(a.clone()), "base")? {
        Value::None => None,
        b => Some(b),
    };
    let v = instance(&cls, a, base)?;
    finalize(s, &v, &Value::None)?;
    Ok(v)
}

/// How `np.NAME` treats an instance among its arguments.
#[derive(Clone, Copy)]
enum Route {
    /// The first argument's method of that name.
    Method(&'static str),
    /// Run on plain arrays, answered as NumPy's plain result.
    Plain,
    /// A fresh array of the first argument's class when `subok` (its
    /// default given) is true, else plain: `np.array`/`np.copy` (false),
    /// `np.*_like` (true).
    SubOk(bool),
    /// A generalized ufunc: wrapped by its inputs' class, as a ufunc's.
    Wrapped,
    /// The first argument itself, a view of its class or a fresh array
    /// of its class, as the result is (`np.expand_dims`, `np.atleast_2d`).
    Kept,
}

/// NumPy functions an instance may reach, and how (read off NumPy 2.4).
const FUNCTIONS: &[(&str, Route)] = &[
    ("sum", Route::Method("sum")),
    ("prod", Route::Method("prod")),
    ("mean", Route::Method("mean")),
    ("max", Route::Method("max")),
    ("amax", Route::Method("max")),
    ("min", Route::Method("min")),
    ("amin", Route::Method("min")),
    ("all", Route::Method("all")),
    ("any", Route::Method("any")),
    ("std", Route::Method("std")),
    ("var", Route::Method("var")),
    ("cumsum", Route::Method("cumsum")),
    ("cumprod", Route::Method("cumprod")),
    ("clip", Route::Method("clip")),
    ("round", Route::Method("round")),
    ("around", Route::Method("round")),
    ("reshape", Route::Method("reshape")),
    ("transpose", Route::Method("transpose")),
    ("ravel", Route::Method("ravel")),
    ("squeeze", Route::Method("squeeze")),
    ("swapaxes", Route::Method("swapaxes")),
    ("diagonal", Route::Method("diagonal")),
    ("sort", Route::Method("copy")),
    ("argsort", Route::Method("argsort")),
    ("argmax", Route::Method("argmax")),
    ("argmin", Route::Method("argmin")),
    ("take", Route::Method("take")),
    ("trace", Route::Method("trace")),
    ("dot", Route::Method("dot")),
    ("nonzero", Route::Method("nonzero")),
    ("matmul", Route::Wrapped),
    ("vecdot", Route::Wrapped),
    ("asanyarray", Route::Kept),
    ("atleast_1d", Route::Kept),
    ("atleast_2d", Route::Kept),
    ("atleast_3d", Route::Kept),
    ("expand_dims", Route::Kept),
    ("moveaxis", Route::Kept),
    ("flip", Route::Kept),
    ("fliplr", Route::Kept),
    ("flipud", Route::Kept),
    ("broadcast_to", Route::Plain),
    ("where", Route::Plain),
    ("asarray", Route::Plain),
    ("concatenate", Route::Plain),
    ("stack", Route::Plain),
    ("hstack", Route::Plain),
    ("vstack", Route::Plain),
    ("outer", Route::Plain),
    ("append", Route::Plain),
    ("shape", Route::Plain),
    ("ndim", Route::Plain),
    ("size", Route::Plain),
    ("array_equal", Route::Plain),
    ("allclose", Route::Plain),
    ("array", Route::SubOk(false)),
    ("copy", Route::SubOk(false)),
    ("zeros_like", Route::SubOk(true)),
    ("ones_like", Route::SubOk(true)),
    ("empty_like", Route::SubOk(true)),
    ("full_like", Route::SubOk(true)),
];

/// `np.NAME(...)` with an instance among the arguments, or the arguments
/// back when there is none.
pub fn np_function(s: &mut Session, entry: &Entry, args: Args) -> Result<PyResult<Value>, Args> {
    if !in_args(&args) {
        return Err(args);
    }
    Ok(np_call(s, entry, args))
}

fn np_call(s: &mut Session, entry: &Entry, args: Args) -> PyResult<Value> {
    let name = entry.name();
    for v in args.pos.iter().chain(args.kw.iter().map(|(_, v)| v)) {
        check_hooks(v, &["__array_function__"], &format!("np.{name}"))?;
    }
    let call = |s: &mut Session, a: Args| s.call_registered(&format!("np.{name}"), a);
    let first = args.pos.first().filter(|v| is_sub(v)).cloned();
    if let Some((nin, _)) = entry.ufunc {
        let inputs: Vec<Value> = args.pos.iter().take(nin).cloned().collect();
        let out = args.kw("out").or_else(|| args.pos.get(nin)).cloned();
        if out.as_ref().is_some_and(involves) {
            return Err(refuse(&format!("np.{name}'s out=")));
        }
        let r = call(s, unwrap_args(&args))?;
        if out.is_some_and(|o| !matches!(o, Value::None)) {
            return Ok(r);
        }
        return ufunc_result(s, &inputs, r);
    }
    // `np.testing` compares values, whatever the class.
    if name.starts_with("testing.") {
        return call(s, unwrap_args(&args));
    }
    let Some(route) = FUNCTIONS.iter().find(|(n, _)| *n == name).map(|(_, r)| *r) else {
        return Err(refuse(&format!("np.{name}")));
    };
    match route {
        Route::Method(m) => {
            let Some(me) = first else {
                return Err(refuse(&format!("np.{name} (not as its first argument)")));
            };
            let rest = Args {
                pos: args.pos[1..].to_vec(),
                kw: args.kw.clone(),
            };
            if name == "sort" {
                // `np.sort(c)` sorts a copy of the class.
                let none = || Args {
                    pos: vec![],
                    kw: vec![],
                };
                let c = method(s, &me, "copy", none())?;
                method(s, &c, "sort", rest)?;
                return Ok(c);
            }
            method(s, &me, m, rest)
        }
        Route::Plain => call(s, unwrap_args(&args)),
        Route::Wrapped => {
            if args.kw("out").is_some_and(|o| !matches!(o, Value::None)) {
                return Err(refuse(&format!("np.{name}'s out=")));
            }
            let inputs: Vec<Value> = args.pos.iter().take(2).cloned().collect();
            let r = call(s, unwrap_args(&args))?;
            ufunc_result(s, &inputs, r)
        }
        Route::Kept => {
            let others = args.pos[1..].iter().chain(args.kw.iter().map(|(_, v)| v));
            let (Some(me), false) = (first, others.into_iter().any(involves)) else {
                return Err(refuse(&format!("np.{name} (with more than one array)")));
            };
            let same = match unwrap(&me) {
                Value::Array(a) => a,
                _ => return Err(refuse(&format!("np.{name}"))),
            };
            let mut plain = unwrap_args(&args);
            plain.pos[0] = Value::Array(same.clone());
            let r = call(s, plain)?;
            kept_as(s, &me, &same, r)
        }
        Route::SubOk(default) => {
            let subok = match args.kw("subok") {
                Some(v) => super::protocol::truthy(v)?,
                None => default,
            };
            let mut plain = unwrap_args(&args);
            plain.kw.retain(|(k, _)| k != "subok");
            let r = call(s, plain)?;
            match (subok, first, r) {
                (true, Some(me), Value::Array(a)) => fresh_of(s, &me, a),
                (_, _, r) => Ok(r),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::eval::session::Session;

    /// What slicelab does not model for a subclass is refused, never
    /// answered as if the instance were a plain array.
    #[test]
    fn unmodelled_paths_refuse() {
        let mut s = Session::new();
        s.run("class C(np.ndarray): pass");
        s.run("class U(np.ndarray):\n    def __array_ufunc__(self, ufunc, method, *inputs, **kw):\n        return 0\n");
        s.run("class F(np.ndarray):\n    def __array_function__(self, func, types, args, kwargs):\n        return 0\n");
        s.run("class W(np.ndarray):\n    def __array_wrap__(self, arr, context=None, return_scalar=False):\n        return 0\n");
        s.run("c = np.arange(4.).view(C)");
        s.run("class L(np.ndarray):\n    def __array_finalize__(self, obj):\n        pass\n");
        s.run("u = np.arange(4.).view(U)");
        s.run("f = np.arange(4.).view(F)");
        s.run("w = np.arange(4.).view(W)");
        for line in [
            "np.median(c)",
            "np.ma.array(c)",
            "c.flat",
            "u + 1",
            "np.sin(u)",
            "u.sum()",
            "np.sum(f)",
            "w * 2",
            "np.linalg.eig(c.reshape(2, 2))",
            "np.add(c, 1, out=c)",
            "c.sum(out=c[:1])",
            "np.add.at(c, [0], 1)",
            "np.arange(4).view(C).astype(object)",
            "np.arange(4).view(L).argmax()",
            "np.arange(4).view(L).take([0, 1])",
            "np.cumsum(np.arange(4).view(L))",
            "np.arange(4).view(L).reshape(2, 2).T.ravel()",
        ] {
            let out = s.run(line);
            let kind = out.error.as_ref().map(|e| e.kind.as_str());
            assert_eq!(kind, Some("NotImplementedError"), "{line} gave {out:?}");
        }
    }

    /// The class's `__array_finalize__` sees what NumPy shows it: the
    /// instance for views and methods, the input for a ufunc, `None` when
    /// the class is called.
    #[test]
    fn finalize_sees_numpys_objects() {
        let mut s = Session::new();
        s.run("seen = []");
        s.run("class L(np.ndarray):\n    def __array_finalize__(self, obj):\n        seen.append(obj is None or type(obj).__name__)\n");
        s.run("x = np.arange(3).view(L)");
        s.run("y = x[1:]; z = x + 1; t = x.copy(); n = L((2,))");
        assert_eq!(
            s.run("seen").output.trim(),
            "['ndarray', 'L', 'L', 'L', True]"
        );
    }
}
