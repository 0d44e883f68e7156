//! Decorators and the descriptors they usually make: `@decorator` lines run
//! as CPython does (evaluated top first before the definition, applied
//! bottom first after it), and `property` (with `.setter`), `staticmethod`
//! and `classmethod` change what reading an attribute of a learner's class
//! or instance gives. The class machinery itself is in `pyclass.rs`.

use super::object::Property;
use std::rc::Rc;

use crate::syntax::ast::{Expr, Stmt};

use super::error::{PyError, PyResult};
use super::object::{Obj, object};
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::session::Session;

/// The builtin names this file adds.
pub const NAMES: &[&str] = &["property", "staticmethod", "classmethod"];

impl Session {
    /// Runs `@d1 @d2 def f(...)` (or `class`): the decorators first, then
    /// the definition, then the name rebound to `d1(d2(f))`.
    pub(super) fn exec_decorated(&mut self, decorators: &[Expr], def: &Stmt) -> PyResult<()> {
        let mut decos = Vec::with_capacity(decorators.len());
        for d in decorators {
            decos.push(self.eval(d)?);
        }
        let name = match def {
            Stmt::FunctionDef(f) => f.name.clone(),
            Stmt::ClassDef(c) => c.def.name.clone(),
            _ => return Err(PyError::new("SyntaxError", "invalid syntax")),
        };
        let mut v = match def {
            Stmt::FunctionDef(f) => self.make_function(f)?,
            _ => {
                self.exec_stmt(def)?;
                self.lookup_name(&name)?
            }
        };
        for d in decos.iter().rev() {
            v = self.call(
                d,
                Args {
                    pos: vec![v],
                    kw: vec![],
                },
            )?;
        }
        self.bind_name(&name, v);
        Ok(())
    }

    /// `obj.name` when a learner's instance's class defines `name` as a
    /// property: the getter's result (`None`: not a property).
    pub(super) fn property_get(&mut self, obj: &Value, name: &str) -> Option<PyResult<Value>> {
        // `super().name`: a property found after the start class, read
        // with the instance `super` is bound to.
        let (obj, prop) = match obj {
            Value::Object(o) if let Obj::Super(after, me) = o.as_ref() => {
                let (_, found) = crate::eval::classes::super_lookup(after, me, name)?;
                crate::eval::classes::instance_of(me)?;
                (me, found?.1)
            }
            _ => {
                let class = crate::eval::classes::type_of(obj)?;
                (obj, crate::eval::classes::class_attr(&class, name)?)
            }
        };
        let Value::Object(po) = &prop else {
            return None;
        };
        let Obj::Property(p) = po.as_ref() else {
            return None;
        };
        if matches!(p.fget, Value::None) {
            return Some(Err(PyError::new(
                "AttributeError",
                format!(
                    "property '{name}' of '{}' object has no getter",
                    obj.type_name()
                ),
            )));
        }
        Some(self.call(
            &p.fget,
            Args {
                pos: vec![obj.clone()],
                kw: vec![],
            },
        ))
    }

    /// `obj.name = value` through a property's setter (`None`: `name` is
    /// not a property of the instance's class).
    pub(super) fn property_set(
        &mut self,
        obj: &Value,
        name: &str,
        value: &Value,
    ) -> Option<PyResult<()>> {
        let class = crate::eval::classes::type_of(obj)?;
        let prop = crate::eval::classes::class_attr(&class, name)?;
        let Value::Object(po) = &prop else {
            return None;
        };
        let Obj::Property(p) = po.as_ref() else {
            return None;
        };
        if matches!(p.fset, Value::None) {
            return Some(Err(PyError::new(
                "AttributeError",
                format!(
                    "property '{name}' of '{}' object has no setter",
                    obj.type_name()
                ),
            )));
        }
        Some(
            self.call(
                &p.fset,
                Args {
                    pos: vec![obj.clone(), value.clone()],
                    kw: vec![],
                },
            )
            .map(|_| ()),
        )
    }
}

/// `property(fget, fset)`, `staticmethod(f)`, `classmethod(f)` (`None`:
/// another name).
pub fn call(name: &str, args: &Args) -> Option<PyResult<Value>> {
    Some(match name {
        "property" => make_property(args),
        "staticmethod" => one_function(name, args).map(|f| object(Obj::StaticMethod(f))),
        "classmethod" => one_function(name, args).map(|f| object(Obj::ClassMethod(f))),
        _ => return None,
    })
}

fn make_property(args: &Args) -> PyResult<Value> {
    if args.pos.len() > 4 {
        return Err(PyError::type_error(format!(
            "property() takes at most 4 arguments ({} given)",
            args.pos.len()
        )));
    }
    let mut slots = [Value::None, Value::None];
    for (i, v) in args.pos.iter().enumerate().take(2) {
        slots[i] = v.clone();
    }
    for (k, v) in &args.kw {
        match k.as_str() {
            "fget" => slots[0] = v.clone(),
            "fset" => slots[1] = v.clone(),
            "fdel" | "doc" => {
                return Err(PyError::new(
                    "NotImplementedError",
                    format!("slicelab does not implement property({k}=...) yet"),
                ));
            }
            other => {
                return Err(PyError::type_error(format!(
                    "property() got an unexpected keyword argument '{other}'"
                )));
            }
        }
    }
    if args.pos.len() > 2 {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement property(fdel, doc) yet",
        ));
    }
    let [fget, fset] = slots;
    Ok(object(Obj::Property(Property { fget, fset })))
}

fn one_function(name: &str, args: &Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(PyError::type_error(format!(
            "{name}() takes no keyword arguments"
        )));
    }
    match args.pos.as_slice() {
        [f] => Ok(f.clone()),
        other => Err(PyError::type_error(format!(
            "{name} expected 1 argument, got {}",
            other.len()
        ))),
    }
}

/// `prop.setter` and `prop.getter` (bound, to be called with a function),
/// `prop.fget` and `prop.fset` (`None`: another attribute).
pub fn property_attr(o: &Rc<Obj>, obj: &Value, name: &str) -> Option<PyResult<Value>> {
    let Obj::Property(p) = o.as_ref() else {
        return None;
    };
    Some(Ok(match name {
        "fget" => p.fget.clone(),
        "fset" => p.fset.clone(),
        "setter" | "getter" => Value::Method(Rc::new(obj.clone()), Rc::from(name)),
        _ => return None,
    }))
}

/// `prop.setter(f)`: a copy of the property with `f` as its setter
/// (`getter`: as its getter). `None`: not a property method.
pub fn property_method(obj: &Value, name: &str, args: &Args) -> Option<PyResult<Value>> {
    let Value::Object(o) = obj else {
        return None;
    };
    let Obj::Property(p) = o.as_ref() else {
        return None;
    };
    if !matches!(name, "setter" | "getter") {
        return None;
    }
    let f = match one_function(name, args) {
        Ok(f) => f,
        Err(e) => return Some(Err(e)),
    };
    let (fget, fset) = if name == "setter" {
        (p.fget.clone(), f)
    } else {
        (f, p.fset.clone())
    };
    Some(Ok(object(Obj::Property(Property { fget, fset }))))
}
