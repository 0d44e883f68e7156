//! The learner's own classes: `class P(Base):` runs its body in a namespace
//! of its own, calling the class makes an instance and runs `__init__`,
//! attribute lookup goes instance → class → bases (depth first, left to
//! right), functions found on the class come back bound to the instance,
//! and `super()` reads the `__class__` and `self` of the method running, as
//! CPython's does. `__repr__`, `__str__`, `__len__`, `__eq__`, `__getitem__`,
//! `__contains__`, `__call__` and the arithmetic dunders are used by the
//! prompt, `print`, the builtins and the operators.

use super::classes::{exc_state, exc_state_any, exception_base, instance_of, lookup};
use super::object::{ClassObj, Instance, class_of};
use crate::engine::DType;
use std::cell::RefCell;
use std::rc::Rc;

use crate::syntax::ast::{BinOp, ClassDef, CmpOp};

use super::error::{ExcObject, PyError, PyResult};
use super::object::{Obj, object};
use super::value::{TypeObj, Value};
use crate::eval::args::Args;
use crate::eval::object::ExcState;
use crate::eval::object::Frame;
use crate::eval::session::Session;

impl Session {
    /// Runs a `class` statement and binds the class.
    pub(super) fn exec_class(&mut self, def: &ClassDef) -> PyResult<()> {
        let mut bases = Vec::new();
        for b in &def.bases {
            let v = self.eval(b)?;
            match &v {
                Value::Type(TypeObj::Builtin("object")) => {}
                Value::Type(TypeObj::Builtin(n)) if super::exceptions::is_exception_class(n) => {
                    bases.push(v)
                }
                _ if class_of(&v).is_some() => bases.push(v),
                Value::Type(TypeObj::NdArray) => bases.push(v),
                other => {
                    return Err(PyError::new(
                        "NotImplementedError",
                        format!(
                            "slicelab's classes derive from the learner's own classes and exception classes only, not {}",
                            super::display::repr(other, &self.print_options)
                        ),
                    ));
                }
            }
        }
        let frame = Rc::new(Frame {
            locals: def.def.locals.clone(),
            globals: def.def.globals.clone(),
            parent: self.scope.clone(),
            class_body: true,
            ..Frame::default()
        });
        let body = def.def.body.clone();
        self.in_frame(frame.clone(), false, |s| s.exec_suite(&body))?;
        let vars = frame.vars.borrow();
        let mut attrs: Vec<(String, Value)> = vec![(
            "__doc__".into(),
            def.def.doc.as_deref().map_or(Value::None, Value::str),
        )];
        if let Some(notes) = vars.get(super::class_annotations::ANNOTATIONS)
            && !def
                .def
                .locals
                .iter()
                .any(|n| n == super::class_annotations::ANNOTATIONS)
        {
            attrs.push((super::class_annotations::ANNOTATIONS.into(), notes.clone()));
        }
        for n in &def.def.locals {
            if let Some(v) = vars.get(n) {
                attrs.push((n.clone(), v.clone()));
            }
        }
        drop(vars);
        let class = object(Obj::Class(ClassObj {
            name: def.def.name.clone(),
            bases,
            attrs: RefCell::new(attrs),
        }));
        super::classes::c3_mro(&class).map_err(PyError::type_error)?;
        self.bind_name(&def.def.name, class);
        Ok(())
    }

    /// Calls a class (a new instance), a bound method or an instance with
    /// `__call__` (`None`: not one of these).
    pub(super) fn call_class_object(
        &mut self,
        o: &Rc<Obj>,
        f: &Value,
        args: Args,
    ) -> Option<PyResult<Value>> {
        Some(match o.as_ref() {
            Obj::TupleClass(c) => super::named_tuple::construct(c, args),
            Obj::Class(c) => {
                let is_exc = exception_base(f).is_some();
                // A `__new__` of the learner's makes the object (a static
                // method: the class comes first); `__init__` then runs only
                // on an instance of this class, as `type.__call__` does.
                let custom_new = lookup(f, "__new__");
                let inst = match &custom_new {
                    Some((owner, new)) => {
                        let mut pos = Vec::with_capacity(args.pos.len() + 1);
                        pos.push(f.clone());
                        pos.extend(args.pos.iter().cloned());
                        let made = match self.call_in_class(
                            new,
                            Args {
                                pos,
                                kw: args.kw.clone(),
                            },
                            owner,
                        ) {
                            Ok(v) => v,
                            Err(e) => return Some(Err(e)),
                        };
                        if !super::classes::isinstance(&made, f).unwrap_or(false) {
                            return Some(Ok(made));
                        }
                        made
                    }
                    None if super::array_subclass::derives_ndarray(f) => {
                        let mut pos = Vec::with_capacity(args.pos.len() + 1);
                        pos.push(f.clone());
                        pos.extend(args.pos.iter().cloned());
                        let kw = args.kw.clone();
                        match super::subclass::new(self, Args { pos, kw }) {
                            Ok(v) => v,
                            Err(e) => return Some(Err(e)),
                        }
                    }
                    None => new_instance(f, &args.pos),
                };
                match lookup(f, "__init__") {
                    Some((owner, init)) => match self.call_bound(&inst, &init, &owner, args) {
                        Ok(Value::None) => Ok(inst),
                        Ok(other) => Err(PyError::type_error(format!(
                            "__init__() should return None, not '{}'",
                            other.type_name()
                        ))),
                        Err(e) => Err(e),
                    },
                    None if is_exc && !args.kw.is_empty() => Err(PyError::type_error(format!(
                        "{}() takes no keyword arguments",
                        c.name
                    ))),
                    None if !is_exc
                        && custom_new.is_none()
                        && !super::array_subclass::derives_ndarray(f)
                        && (!args.pos.is_empty() || !args.kw.is_empty()) =>
                    {
                        Err(PyError::type_error(format!(
                            "{}() takes no arguments",
                            c.name
                        )))
                    }
                    None => Ok(inst),
                }
            }
            Obj::BoundMethod(me, func, owner) => self.call_bound(me, func, owner, args),
            Obj::Instance(_) => match self.dunder(f, "__call__", args.pos.clone()) {
                Some(r) => r,
                None => Err(PyError::type_error(format!(
                    "'{}' object is not callable",
                    f.type_name()
                ))),
            },
            _ => return None,
        })
    }

    /// Calls a function found on class `owner` as it is (a static method:
    /// `__new__`), `__class__` being `owner` for `super()`.
    fn call_in_class(&mut self, func: &Value, args: Args, owner: &Value) -> PyResult<Value> {
        match func {
            Value::Object(fo) => match fo.as_ref() {
                Obj::Func(uf) => self.call_user_in_class(uf, args, owner.clone()),
                Obj::StaticMethod(inner) => self.call_in_class(&inner.clone(), args, owner),
                _ => self.call(func, args),
            },
            _ => self.call(func, args),
        }
    }

    /// Calls `func` with `me` first, `__class__` being `owner` (for `super()`).
    fn call_bound(
        &mut self,
        me: &Value,
        func: &Value,
        owner: &Value,
        args: Args,
    ) -> PyResult<Value> {
        if let Value::Function(name) = func
            && name.as_ref() == "BaseException.__init__"
            && let Some(state) = exc_state(me)
        {
            if !args.kw.is_empty() {
                return Err(PyError::type_error(format!(
                    "{}() takes no keyword arguments",
                    me.type_name()
                )));
            }
            *state.args.borrow_mut() = args.pos;
            return Ok(Value::None);
        }
        // `object`'s attribute slots bound by `super()` take the instance.
        if let Value::Function(name) = func
            && matches!(name.as_ref(), "object.__setattr__" | "object.__delattr__")
        {
            let mut pos = vec![me.clone()];
            pos.extend(args.pos);
            return self.call(func, Args { pos, kw: args.kw });
        }
        let Value::Object(fo) = func else {
            return self.call(func, args);
        };
        let Obj::Func(uf) = fo.as_ref() else {
            return self.call(func, args);
        };
        let mut pos = Vec::with_capacity(args.pos.len() + 1);
        pos.push(me.clone());
        pos.extend(args.pos);
        self.call_user_in_class(uf, Args { pos, kw: args.kw }, owner.clone())
    }

    /// What `raise v` raises, and `raise v from cause` with the cause
    /// attached to the exception object.
    pub(super) fn raise_value(&mut self, v: &Value, cause: Option<&Value>) -> PyResult<PyError> {
        let err = match super::exceptions::to_raise(v) {
            Some(r) => r?,
            None if class_of(v).is_some_and(|_| exception_base(v).is_some()) => {
                let inst = self.call(
                    v,
                    Args {
                        pos: vec![],
                        kw: vec![],
                    },
                )?;
                return self.raise_value(&inst, cause);
            }
            None if exc_state(v).is_some() => PyError {
                object: Some(ExcObject(v.clone())),
                ..PyError::new(&v.type_name(), self.py_str(v)?)
            },
            None => return Err(super::exceptions::not_an_exception()),
        };
        if let Some(c) = cause {
            let cause = match c {
                Value::None => None,
                other => {
                    let raised = self.raise_value(other, None).map_err(|_| {
                        PyError::type_error("exception causes must derive from BaseException")
                    })?;
                    raised.object.map(|o| o.0)
                }
            };
            if let Some(ExcObject(o)) = &err.object
                && let Some(state) = exc_state_any(o)
            {
                *state.cause.borrow_mut() = cause;
                state.suppress_context.set(true);
            }
        }
        Ok(err)
    }

    /// Python's truth of `v`: a learner's instance asks its `__bool__`,
    /// else its `__len__`, else is true; anything else as [`truthy`].
    ///
    /// [`truthy`]: crate::eval::protocol::truthy
    pub(super) fn truth_of(&mut self, v: &Value) -> PyResult<bool> {
        if instance_of(v).is_none() {
            return crate::eval::protocol::truthy(v);
        }
        if let Some(p) = super::array_subclass::part(v)
            && super::classes::lookup(&instance_of(v).expect("an instance").class, "__bool__")
                .is_none()
        {
            return crate::eval::protocol::truthy(&Value::Array(p.arr.clone()));
        }
        if let Some(r) = self.dunder(v, "__bool__", vec![]) {
            return match r? {
                Value::Bool(b) => Ok(b),
                other => Err(PyError::type_error(format!(
                    "__bool__ should return bool, returned {}",
                    other.type_name()
                ))),
            };
        }
        if let Some(r) = self.dunder(v, "__len__", vec![]) {
            return match r? {
                Value::Int(n) if n < 0 => Err(PyError::value("__len__() should return >= 0")),
                Value::Int(n) => Ok(n != 0),
                Value::Bool(b) => Ok(b),
                other => Err(PyError::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    other.type_name()
                ))),
            };
        }
        Ok(true)
    }

    /// `super()` inside a method: the method's class and its first argument.
    pub(super) fn zero_arg_super(&mut self) -> PyResult<Value> {
        let missing = || PyError::new("RuntimeError", "super(): no arguments");
        let frame = self.scope.clone().ok_or_else(missing)?;
        let class = frame
            .class
            .clone()
            .ok_or_else(|| PyError::new("RuntimeError", "super(): __class__ cell not found"))?;
        let me = frame.first_arg.clone().ok_or_else(missing)?;
        Ok(object(Obj::Super(class, me)))
    }

    /// `super(type, obj)`: `obj` an instance of `type` or a subclass of
    /// it, checked with CPython's messages; the lookup then starts after
    /// `type` in the MRO of `obj`'s class, as `super()` does.
    pub(super) fn explicit_super(&mut self, args: &Args) -> PyResult<Value> {
        if !args.kw.is_empty() {
            return Err(PyError::type_error("super() takes no keyword arguments"));
        }
        let (class, me) = match args.pos.as_slice() {
            [class, me] => (class, me),
            [_] => {
                return Err(PyError::new(
                    "NotImplementedError",
                    "slicelab does not implement unbound super objects (super(type)) yet",
                ));
            }
            more => {
                return Err(PyError::type_error(format!(
                    "super() expected at most 2 arguments, got {}",
                    more.len()
                )));
            }
        };
        if class_of(class).is_none() {
            if let Value::Type(_) = class {
                return Err(PyError::new(
                    "NotImplementedError",
                    format!(
                        "slicelab's super(type, obj) takes the learner's own classes, not {}",
                        super::display::repr(class, &self.print_options)
                    ),
                ));
            }
            return Err(PyError::type_error(format!(
                "super() argument 1 must be a type, not {}",
                class.type_name()
            )));
        }
        let owner = match instance_of(me) {
            Some(i) => i.class.clone(),
            None if class_of(me).is_some() => me.clone(),
            None => Value::None,
        };
        if !super::classes::mro(&owner).iter().any(|c| c.is(class)) {
            return Err(PyError::type_error(
                "super(type, obj): obj must be an instance or subtype of type",
            ));
        }
        Ok(object(Obj::Super(class.clone(), me.clone())))
    }

    /// `obj.NAME(*args)` if the instance's class defines it.
    pub(super) fn dunder(
        &mut self,
        obj: &Value,
        name: &str,
        pos: Vec<Value>,
    ) -> Option<PyResult<Value>> {
        let inst = instance_of(obj)?;
        let (owner, f) = lookup(&inst.class, name)?;
        Some(self.call_bound(obj, &f, &owner, Args { pos, kw: vec![] }))
    }

    /// `repr(v)`, calling `__repr__` of the learner's instances, also
    /// inside lists, tuples and dicts.
    pub(super) fn py_repr(&mut self, v: &Value) -> PyResult<String> {
        if super::bigint::holds_unprintable(v, 0) {
            return Err(super::bigint::str_limit_error());
        }
        let formatting = self.formatter_applies(v);
        if !formatting && !holds_instance(v, 0) {
            return Ok(super::display::repr(v, &self.print_options));
        }
        if formatting {
            use super::print_formatter::Style;
            if let Some(text) = self.formatted(v, Style::Repr)? {
                return Ok(text);
            }
        }
        match v {
            Value::List(l) => {
                let items = l.borrow().clone();
                Ok(format!("[{}]", self.reprs(&items)?.join(", ")))
            }
            Value::Tuple(t) => {
                let parts = self.reprs(t)?;
                Ok(if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                })
            }
            Value::Dict(d) => {
                let items = d.borrow().clone();
                let mut parts = Vec::new();
                for (k, x) in &items {
                    parts.push(format!("{}: {}", self.py_repr(k)?, self.py_repr(x)?));
                }
                Ok(format!("{{{}}}", parts.join(", ")))
            }
            Value::Array(a) if *a.dtype() == DType::Object => {
                let opts = self.print_options.clone();
                self.with_element_reprs(|repr_of| {
                    super::object_repr::object_array_repr_with(a, &opts, repr_of)
                })
            }
            _ => match self.dunder(v, "__repr__", vec![]) {
                Some(r) => text_result(r?, "__repr__"),
                None => Ok(super::display::repr(v, &self.print_options)),
            },
        }
    }

    fn reprs(&mut self, items: &[Value]) -> PyResult<Vec<String>> {
        items.iter().map(|x| self.py_repr(x)).collect()
    }

    /// `print` run with a function giving each element's repr through
    /// this session (a learner's `__repr__` is Python the printer cannot
    /// call); the first exception a `__repr__` raises stops the calls and
    /// is the result.
    pub(super) fn with_element_reprs(
        &mut self,
        print: impl FnOnce(super::object_repr::ReprOf) -> String,
    ) -> PyResult<String> {
        let session = RefCell::new(self);
        let error = RefCell::new(None);
        let repr_of = |v: &Value| {
            if error.borrow().is_some() {
                return String::new();
            }
            match session.borrow_mut().py_repr(v) {
                Ok(text) => text,
                Err(e) => {
                    *error.borrow_mut() = Some(e);
                    String::new()
                }
            }
        };
        let text = print(&repr_of);
        match error.into_inner() {
            Some(e) => Err(e),
            None => Ok(text),
        }
    }

    /// `format(v, spec)` of a learner's instance: its class's
    /// `__format__`, else `object.__format__` (`str(v)`, and no spec);
    /// `None` for any other value.
    pub(super) fn format_instance(&mut self, v: &Value, spec: &str) -> Option<PyResult<String>> {
        instance_of(v)?;
        if let Some(r) = self.dunder(v, "__format__", vec![Value::str(spec)]) {
            return Some(r.and_then(|r| match r {
                Value::Str(s) => Ok(s.to_string()),
                other => Err(PyError::type_error(format!(
                    "__format__ must return a str, not {}",
                    other.type_name()
                ))),
            }));
        }
        if !spec.is_empty() {
            return Some(Err(PyError::type_error(format!(
                "unsupported format string passed to {}.__format__",
                v.type_name()
            ))));
        }
        Some(self.py_str(v))
    }

    /// `str(v)`: `__str__`, else `__repr__`, for the learner's instances.
    pub(super) fn py_str(&mut self, v: &Value) -> PyResult<String> {
        if super::bigint::holds_unprintable(v, 0) {
            return Err(super::bigint::str_limit_error());
        }
        if let Some(inst) = instance_of(v) {
            if let Some(r) = self.dunder(v, "__str__", vec![]) {
                return text_result(r?, "__str__");
            }
            // ndarray's own `__str__`, not the class's `__repr__`.
            if let Some(p) = &inst.array {
                return Ok(super::display::str_of(
                    &Value::Array(p.arr.clone()),
                    &self.print_options,
                ));
            }
            if let Some(state) = &inst.exc {
                let kind = exception_base(&inst.class).unwrap_or("Exception");
                return Ok(super::exceptions::args_str(
                    kind,
                    &state.args.borrow(),
                    &self.print_options,
                ));
            }
            return self.py_repr(v);
        }
        if self.formatter_applies(v) {
            use super::print_formatter::Style;
            if let Some(text) = self.formatted(v, Style::Str)? {
                return Ok(text);
            }
            // `str()` of a container is its repr, items through `repr`.
            if matches!(v, Value::List(_) | Value::Tuple(_) | Value::Dict(_)) {
                return self.py_repr(v);
            }
        }
        if let Value::Array(a) = v
            && *a.dtype() == DType::Object
            && holds_instance(v, 0)
        {
            if a.ndim() == 0 {
                let element = super::convert::values(a).into_iter().next();
                return self.py_str(&element.unwrap_or(Value::None));
            }
            let opts = self.print_options.clone();
            return self.with_element_reprs(|repr_of| {
                super::object_repr::object_array_str_with(a, &opts, repr_of)
            });
        }
        if holds_instance(v, 0) {
            return self.py_repr(v);
        }
        Ok(super::display::str_of(v, &self.print_options))
    }

    /// The operators and builtins a learner's class can define: `None`
    /// when neither operand is an instance with the method.
    pub(super) fn binary_dunder(
        &mut self,
        op: BinOp,
        l: &Value,
        r: &Value,
    ) -> Option<PyResult<Value>> {
        if instance_of(l).is_none() && instance_of(r).is_none() {
            return None;
        }
        let name = match op {
            BinOp::Add => "add",
            BinOp::Sub => "sub",
            BinOp::Mul => "mul",
            BinOp::MatMul => "matmul",
            BinOp::Div => "truediv",
            BinOp::FloorDiv => "floordiv",
            BinOp::Mod => "mod",
            BinOp::Pow => "pow",
            BinOp::LShift => "lshift",
            BinOp::RShift => "rshift",
            BinOp::BitAnd => "and",
            BinOp::BitOr => "or",
            BinOp::BitXor => "xor",
        };
        for (me, other, form) in [(l, r, "__{}__"), (r, l, "__r{}__")] {
            let method = form.replace("{}", name);
            if let Some(result) = self.dunder(me, &method, vec![other.clone()]) {
                match result {
                    Ok(v) if super::object::is_not_implemented(&v) => continue,
                    other => return Some(other),
                }
            }
        }
        None
    }
}

impl Session {
    /// `==`, `<`, ... when an operand's class defines the comparison
    /// (`None`: fall back to identity and Python's own rules).
    pub(super) fn compare_dunder(
        &mut self,
        op: CmpOp,
        l: &Value,
        r: &Value,
    ) -> Option<PyResult<Value>> {
        if instance_of(l).is_none() && instance_of(r).is_none() {
            return None;
        }
        let (name, reflected) = match op {
            CmpOp::Eq => ("__eq__", "__eq__"),
            CmpOp::Ne => ("__ne__", "__ne__"),
            CmpOp::Lt => ("__lt__", "__gt__"),
            CmpOp::Le => ("__le__", "__ge__"),
            CmpOp::Gt => ("__gt__", "__lt__"),
            CmpOp::Ge => ("__ge__", "__le__"),
            _ => return None,
        };
        for (me, other, method) in [(l, r, name), (r, l, reflected)] {
            if let Some(result) = self.dunder(me, method, vec![other.clone()]) {
                match result {
                    Ok(v) if super::object::is_not_implemented(&v) => continue,
                    other => return Some(other),
                }
            }
        }
        // `!=` is the negation of a defined `__eq__`.
        if op == CmpOp::Ne
            && let Some(r) = self.compare_dunder(CmpOp::Eq, l, r)
        {
            return Some(r.and_then(|v| Ok(Value::Bool(!self.truth_of(&v)?))));
        }
        None
    }
}

/// Whether `v` is, or holds within a few levels of lists, tuples, dicts
/// and object arrays, an instance of a learner's class.
pub(super) fn holds_instance(v: &Value, depth: usize) -> bool {
    holds(v, depth, &|x| match x {
        Value::Object(o) => matches!(o.as_ref(), Obj::Instance(_)),
        Value::Array(a) if *a.dtype() == DType::Object && depth < 20 => super::convert::values(a)
            .iter()
            .any(|x| holds_instance(x, depth + 1)),
        _ => false,
    })
}

/// Whether `v` is, or holds within 20 levels of lists, tuples and dicts
/// (keys too), a value `leaf` accepts: what decides whether printing
/// needs the session (a learner's `__repr__`, a `formatter=`).
pub(super) fn holds(v: &Value, depth: usize, leaf: &dyn Fn(&Value) -> bool) -> bool {
    if depth > 20 {
        return false;
    }
    match v {
        Value::List(l) => l.borrow().iter().any(|x| holds(x, depth + 1, leaf)),
        Value::Tuple(t) => t.iter().any(|x| holds(x, depth + 1, leaf)),
        Value::Dict(d) => d
            .borrow()
            .iter()
            .any(|(k, x)| holds(k, depth + 1, leaf) || holds(x, depth + 1, leaf)),
        other => leaf(other),
    }
}

fn text_result(v: Value, method: &str) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(PyError::type_error(format!(
            "{method} returned non-string (type {})",
            other.type_name()
        ))),
    }
}

/// A fresh instance of the learner's class `class` (`object.__new__`):
/// an exception class keeps `pos` as its `args`, as
/// `BaseException.__new__` does whatever `__init__` does with them.
pub(super) fn new_instance(class: &Value, pos: &[Value]) -> Value {
    let exc = exception_base(class).map(|_| ExcState::new(pos.to_vec()));
    object(Obj::Instance(Instance {
        class: class.clone(),
        attrs: RefCell::new(Vec::new()),
        exc,
        array: None,
    }))
}
