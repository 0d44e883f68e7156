//! The learner's classes as data: method resolution order, attribute
//! lookup through instance → class → bases with functions bound to their
//! instance, `isinstance`, and which builtin exception class a class
//! derives from. Nothing here runs the learner's code; running a class
//! body, calling a class and the dunders are `pyclass.rs`'s.

use std::cell::RefCell;
use std::rc::Rc;

use super::error::{PyError, PyResult};
use super::object::{ExcState, Instance, Obj, UserFunc, class_of, object};
use super::value::{TypeObj, Value};

/// The builtin exception class a learner's class derives from, first in
/// its method resolution order (`None`: not an exception class).
pub fn exception_base(class: &Value) -> Option<&'static str> {
    class_of(class)?;
    mro(class).iter().find_map(|c| match c {
        Value::Type(TypeObj::Builtin(n)) if super::exceptions::is_exception_class(n) => Some(*n),
        _ => None,
    })
}

/// The method resolution order of a learner's class (`None`: not one).
pub fn class_mro(v: &Value) -> Option<Vec<Value>> {
    class_of(v)?;
    Some(mro(v))
}

/// `name` as the class (or a base) defines it, unbound.
pub fn class_attr(class: &Value, name: &str) -> Option<Value> {
    lookup(class, name).map(|(_, v)| v)
}

/// What a class attribute gives when read through the class or one of its
/// instances (`me`): a function bound to the instance, a classmethod bound
/// to the class, a staticmethod's function, anything else as it is.
pub(super) fn bind_attr(me: Option<&Value>, class: &Value, owner: Value, v: Value) -> Value {
    match &v {
        Value::Object(o) => match o.as_ref() {
            Obj::Func(_) => match me {
                Some(me) => object(Obj::BoundMethod(me.clone(), v, owner)),
                None => v,
            },
            Obj::StaticMethod(f) => f.clone(),
            Obj::ClassMethod(f) => object(Obj::BoundMethod(class.clone(), f.clone(), owner)),
            _ => v,
        },
        _ => v,
    }
}

/// Whether `v` is an instance of a learner's class.
pub fn is_instance(v: &Value) -> bool {
    instance_of(v).is_some()
}

/// Whether `v` is an instance whose class (or a base) defines `name`.
pub fn has_method(v: &Value, name: &str) -> bool {
    instance_of(v).is_some_and(|i| lookup(&i.class, name).is_some())
}

/// The exception state of a learner's exception instance.
pub fn exc_state(v: &Value) -> Option<&ExcState> {
    instance_of(v)?.exc.as_ref()
}

pub(super) fn instance_of(v: &Value) -> Option<&Instance> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::Instance(i) => Some(i),
            _ => None,
        },
        _ => None,
    }
}

/// Does the learner's class derive from `np.ndarray`?
pub fn derives_ndarray(class: &Value) -> bool {
    class_of(class).is_some()
        && mro(class)
            .iter()
            .any(|c| matches!(c, Value::Type(TypeObj::NdArray)))
}

/// The array inside an instance of a subclass of `np.ndarray`.
pub fn array_part(v: &Value) -> Option<&super::object::ArrayPart> {
    instance_of(v)?.array.as_ref()
}

/// The classes searched for an attribute, the class first: the C3
/// linearization CPython computes (`D(B, C)` with `B(A)`, `C(A)` is
/// D, B, C, A). A class whose bases admit none was refused when it was
/// made; depth-first order stands in should one reach here.
pub fn mro(class: &Value) -> Vec<Value> {
    c3_mro(class).unwrap_or_else(|_| {
        let mut out: Vec<Value> = Vec::new();
        fn walk(c: &Value, out: &mut Vec<Value>) {
            if out.iter().any(|x| x.is(c)) {
                return;
            }
            out.push(c.clone());
            if let Some(obj) = class_of(c) {
                for b in &obj.bases {
                    walk(b, out);
                }
            }
        }
        walk(class, &mut out);
        out
    })
}

/// CPython's `mro_implementation`: the class, then the merge of its
/// bases' linearizations and the list of bases; the message of CPython's
/// TypeError when no order exists (a base listed twice, or orders that
/// contradict each other). Builtin bases (exception classes,
/// `np.ndarray`) stand for themselves.
pub fn c3_mro(class: &Value) -> Result<Vec<Value>, String> {
    let Some(obj) = class_of(class) else {
        return Ok(vec![class.clone()]);
    };
    for (i, b) in obj.bases.iter().enumerate() {
        if obj.bases[..i].iter().any(|x| x.is(b)) {
            return Err(format!("duplicate base class {}", class_name(b)));
        }
    }
    let mut seqs: Vec<Vec<Value>> = obj.bases.iter().map(c3_mro).collect::<Result<_, _>>()?;
    seqs.push(obj.bases.clone());
    let mut out = vec![class.clone()];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let head = seqs
            .iter()
            .map(|s| &s[0])
            .find(|h| !seqs.iter().any(|s| s[1..].iter().any(|x| x.is(h))));
        let Some(head) = head.cloned() else {
            let names: Vec<String> = obj.bases.iter().map(class_name).collect();
            return Err(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            ));
        };
        for s in &mut seqs {
            if s[0].is(&head) {
                s.remove(0);
            }
        }
        out.push(head);
    }
}

/// A class's `__name__` for messages: the learner's or a builtin's.
fn class_name(c: &Value) -> String {
    match (class_of(c), c) {
        (Some(obj), _) => obj.name.clone(),
        (None, Value::Type(super::value::TypeObj::Builtin(n))) => {
            n.rsplit('.').next().unwrap_or_default().to_string()
        }
        (None, Value::Type(super::value::TypeObj::NdArray)) => "ndarray".into(),
        _ => "object".into(),
    }
}

/// Whether the class of the learner's instance `v` sets `__hash__` to
/// `None`, which makes its instances unhashable.
pub fn hash_disabled(v: &Value) -> bool {
    instance_of(v).is_some_and(|i| matches!(lookup(&i.class, "__hash__"), Some((_, Value::None))))
}

/// `name` on the class or a base: the class it was found on, and the value.
pub(super) fn lookup(class: &Value, name: &str) -> Option<(Value, Value)> {
    mro(class).into_iter().find_map(|c| {
        let found = class_of(&c)?
            .attrs
            .borrow()
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone());
        found.map(|v| (c, v))
    })
}

/// What `super(after, me).name` finds: the class of `me` (`me` itself
/// inside `__new__` and classmethods), and the attribute from the first
/// class after `after` in that class's MRO that defines it, with that
/// class. `None`: `me` is neither an instance nor a class.
pub(super) fn super_lookup(
    after: &Value,
    me: &Value,
    name: &str,
) -> Option<(Value, Option<(Value, Value)>)> {
    let class = match instance_of(me) {
        Some(i) => i.class.clone(),
        None => {
            class_of(me)?;
            me.clone()
        }
    };
    let order = mro(&class);
    let start = order.iter().position(|c| c.is(after)).map_or(0, |p| p + 1);
    let found = order[start..].iter().find_map(|c| {
        let v = class_of(c)?
            .attrs
            .borrow()
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())?;
        Some((c.clone(), v))
    });
    Some((class, found))
}

/// `obj.name` for classes, instances and `super()` objects (`None`: not one).
pub fn attr(o: &Rc<Obj>, obj: &Value, name: &str) -> Option<PyResult<Value>> {
    Some(match o.as_ref() {
        Obj::Class(c) => match name {
            "__name__" | "__qualname__" => Ok(Value::str(&c.name)),
            "__bases__" => Ok(Value::tuple(c.bases.clone())),
            "__mro__" => class_mro_attr(obj),
            // The class's own annotations, never a base's: made empty and
            // kept on first reading when the body had none (CPython 3.10+).
            "__annotations__" => Ok(own_annotations(c)),
            "__dict__" => Err(PyError::new(
                "NotImplementedError",
                "slicelab does not give a class's __dict__ yet",
            )),
            "__module__" if lookup(obj, name).is_none() => {
                Ok(Value::str(&super::object_repr::class_module(c)))
            }
            _ => lookup(obj, name)
                .map(|(owner, v)| bind_attr(None, obj, owner, v))
                .ok_or_else(|| {
                    PyError::new(
                        "AttributeError",
                        format!("type object '{}' has no attribute '{name}'", c.name),
                    )
                }),
        },
        Obj::Instance(inst) => {
            if name == "__class__" {
                return Some(Ok(inst.class.clone()));
            }
            if name == "__dict__" {
                return Some(Ok(Value::Dict(Rc::new(RefCell::new(
                    inst.attrs
                        .borrow()
                        .iter()
                        .map(|(k, v)| (Value::str(k), v.clone()))
                        .collect(),
                )))));
            }
            let own = inst
                .attrs
                .borrow()
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone());
            match own {
                Some(v) => Ok(v),
                None => match lookup(&inst.class, name) {
                    Some((owner, v)) => Ok(bind_attr(Some(obj), &inst.class, owner, v)),
                    None if let Some(v) = inst.exc.as_ref().and_then(|e| e.attr(name)) => v,
                    None => Err(PyError::new(
                        "AttributeError",
                        format!(
                            "'{}' object has no attribute '{name}'",
                            class_of(&inst.class).map_or("object", |c| c.name.as_str())
                        ),
                    )),
                },
            }
        }
        Obj::Super(after, me) => {
            let (class, found) = super_lookup(after, me, name)?;
            match found {
                // `__new__` is a static method: nothing binds to it.
                Some((_, f)) if name == "__new__" => Ok(f),
                // As the attribute's `__get__` binds it: a function to an
                // instance (a class, `super(C, C).f`, gets the function), a
                // classmethod to the class, a staticmethod not at all.
                Some((owner, v)) => Ok(bind_attr(
                    instance_of(me).is_some().then_some(me),
                    &class,
                    owner,
                    v,
                )),
                // `BaseException.__init__` sets `args`.
                None if name == "__init__" && exc_state(me).is_some() => Ok(object(
                    Obj::BoundMethod(me.clone(), Value::func("BaseException.__init__"), class),
                )),
                // `object.__init__` and friends: accept and do nothing.
                None if name == "__init__" => Ok(Value::func("object.__init__")),
                // The generic attribute rules, bound to the instance.
                None if matches!(name, "__setattr__" | "__delattr__") => Ok(object(
                    Obj::BoundMethod(me.clone(), Value::func(&format!("object.{name}")), class),
                )),
                None if name == "__new__" && derives_ndarray(&class) => {
                    Ok(Value::func("ndarray.__new__"))
                }
                None if name == "__new__" => Ok(Value::func("object.__new__")),
                // ndarray's own method, past the learner's overrides.
                None if array_part(me).is_some() => {
                    Ok(Value::Method(Rc::new(me.clone()), Rc::from(name)))
                }
                None => Err(PyError::new(
                    "AttributeError",
                    format!("'super' object has no attribute '{name}'"),
                )),
            }
        }
        // A bound method reads its function's attributes.
        Obj::BoundMethod(_, Value::Object(fo), _) => match fo.as_ref() {
            Obj::Func(f) => match function_attr(f, name) {
                Some(v) => v,
                None => return Some(Err(PyError::attribute("function", name))),
            },
            _ => return None,
        },
        _ => return None,
    })
}

/// `C.__mro__`: the linearization ending in `object`, when every class in
/// it is the learner's (a builtin base's own chain is not modelled).
fn class_mro_attr(class: &Value) -> PyResult<Value> {
    let mut order = mro(class);
    if order.iter().any(|c| class_of(c).is_none()) {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab gives __mro__ only for classes whose bases are all the learner's own",
        ));
    }
    order.push(Value::Type(super::value::TypeObj::Builtin("object")));
    Ok(Value::tuple(order))
}

/// The class's own `__annotations__` dict, made (and kept) empty if the
/// body annotated nothing.
fn own_annotations(c: &super::object::ClassObj) -> Value {
    let mut attrs = c.attrs.borrow_mut();
    if let Some((_, v)) = attrs.iter().find(|(n, _)| n == "__annotations__") {
        return v.clone();
    }
    let notes = Value::Dict(Rc::new(RefCell::new(Vec::new())));
    attrs.push(("__annotations__".into(), notes.clone()));
    notes
}

/// `obj.name = value` on an instance or class (`None`: not one).
pub fn setattr(obj: &Value, name: &str, value: &Value) -> Option<()> {
    let Value::Object(o) = obj else {
        return None;
    };
    let attrs = match o.as_ref() {
        Obj::Instance(i) => &i.attrs,
        Obj::Class(c) => &c.attrs,
        _ => return None,
    };
    let mut attrs = attrs.borrow_mut();
    match attrs.iter_mut().find(|(n, _)| n == name) {
        Some(slot) => slot.1 = value.clone(),
        None => attrs.push((name.to_string(), value.clone())),
    }
    Some(())
}

/// `del obj.name` on an instance or class (`None`: not one).
pub fn delattr(obj: &Value, name: &str) -> Option<PyResult<()>> {
    let Value::Object(o) = obj else {
        return None;
    };
    let (attrs, missing) = match o.as_ref() {
        Obj::Instance(i) => (
            &i.attrs,
            format!("'{}' object has no attribute '{name}'", obj.type_name()),
        ),
        Obj::Class(c) => (
            &c.attrs,
            format!("type object '{}' has no attribute '{name}'", c.name),
        ),
        _ => return None,
    };
    let mut attrs = attrs.borrow_mut();
    Some(match attrs.iter().position(|(n, _)| n == name) {
        Some(at) => {
            attrs.remove(at);
            Ok(())
        }
        None => Err(PyError::new("AttributeError", missing)),
    })
}

/// The exception state of any exception object, builtin or the learner's.
pub(super) fn exc_state_any(v: &Value) -> Option<&ExcState> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::Exc(_, state) => Some(state),
            Obj::Instance(i) => i.exc.as_ref(),
            _ => None,
        },
        _ => None,
    }
}

/// `isinstance(v, t)` when `t` is a learner's class (`None`: it is not).
pub fn isinstance(v: &Value, t: &Value) -> Option<bool> {
    class_of(t)?;
    Some(instance_of(v).is_some_and(|i| mro(&i.class).iter().any(|c| c.is(t))))
}

/// `type(v)` of an instance of a learner's class (a `namedtuple` one
/// included).
pub fn type_of(v: &Value) -> Option<Value> {
    instance_of(v)
        .map(|i| i.class.clone())
        .or_else(|| super::named_tuple::type_of(v))
}

/// A function's own attributes (`f.__name__`, `__qualname__`, `__module__`,
/// `__doc__`, `__defaults__`, `__kwdefaults__`, `__annotations__`);
/// those slicelab's functions do not have (their code object, closure
/// cells, globals) are refused.
pub fn function_attr(f: &UserFunc, name: &str) -> Option<PyResult<Value>> {
    Some(Ok(match name {
        "__name__" => Value::str(&f.def.name),
        "__qualname__" => Value::str(&f.def.qualname),
        "__module__" => Value::str(super::object_repr::LEARNER_MODULE),
        "__doc__" => f.def.doc.as_deref().map_or(Value::None, Value::str),
        "__defaults__" if f.defaults.is_empty() => Value::None,
        "__defaults__" => Value::tuple(f.defaults.clone()),
        "__kwdefaults__" if f.kwdefaults.borrow().is_empty() => Value::None,
        "__kwdefaults__" => Value::Dict(f.kwdefaults.clone()),
        "__annotations__" => {
            return Some(f.annotations.clone().map_err(|why| {
                PyError::new(
                    "NotImplementedError",
                    format!("slicelab cannot give this function's __annotations__: {why}"),
                )
            }));
        }
        "__code__" | "__closure__" | "__globals__" | "__builtins__" | "__dict__" => {
            return Some(Err(PyError::new(
                "NotImplementedError",
                format!("slicelab's functions have no {name}"),
            )));
        }
        _ => return None,
    }))
}
