//! Compound statements and the simple statements that steer them: `if`,
//! `for`, `while`, `try`, `with`, `def`, `return`, `break`, `continue`,
//! `raise`, `del`, `assert`, `global`/`nonlocal`. Control flow is a value
//! ([`Flow`]), never an unwind.

use std::rc::Rc;
use std::sync::Arc;

use crate::syntax::ast::{Expr, ExprKind, FuncDef, Stmt};

use super::error::{PyError, PyResult};
use super::object::{Frame, Obj, UserFunc, object};
use super::protocol::iterate;
use super::scope::Found;
use super::value::Value;
use crate::eval::session::Session;

/// How a statement ended.
pub(super) enum Flow {
    /// It ran to its end.
    Normal,
    /// `break`.
    Break,
    /// `continue`.
    Continue,
    /// `return value`.
    Return(Value),
}

/// Items of a `for` loop: a `range` counts without making a list.
#[derive(Debug)]
pub(super) enum LoopItems {
    /// A snapshot of a sequence's items.
    Items(std::vec::IntoIter<Value>),
    /// An iterator object (ranges, `zip`, `map`, ...) pulled one item at a
    /// time, so `for i in range(10**9): ... break` ends at once.
    Lazy(Value),
}

impl Session {
    /// Runs a statement that is not a plain expression, assignment or
    /// import at the top level: `break`/`return` escaping it is an error.
    pub(super) fn exec_top(&mut self, stmt: &Stmt) -> PyResult<Option<Value>> {
        match self.exec_stmt(stmt)? {
            Flow::Normal => Ok(None),
            Flow::Break => Err(PyError::new("SyntaxError", "'break' outside loop")),
            Flow::Continue => Err(PyError::new(
                "SyntaxError",
                "'continue' not properly in loop",
            )),
            Flow::Return(_) => Err(PyError::new("SyntaxError", "'return' outside function")),
        }
    }

    /// Runs statements in order until one breaks the flow.
    pub(super) fn exec_suite(&mut self, body: &[Stmt]) -> PyResult<Flow> {
        for s in body {
            match self.exec_stmt(s)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    /// One statement of any kind.
    pub(super) fn exec_stmt(&mut self, stmt: &Stmt) -> PyResult<Flow> {
        let flow = self.exec_stmt_once(stmt);
        // Generators this statement dropped are closed before the next.
        self.run_finalizers();
        flow
    }

    fn exec_stmt_once(&mut self, stmt: &Stmt) -> PyResult<Flow> {
        crate::engine::interrupt::check()?;
        match stmt {
            Stmt::Expr(e) => {
                let v = self.eval(e)?;
                self.run_finalizers();
                if self.display_exprs {
                    self.display(v)?;
                }
            }
            Stmt::Assign { .. }
            | Stmt::AugAssign { .. }
            | Stmt::AnnAssign { .. }
            | Stmt::Import { .. }
            | Stmt::FromImport { .. }
            | Stmt::Pass => {
                self.exec(stmt)?;
            }
            Stmt::Seq(ss) => return self.exec_suite(ss),
            Stmt::If { branches, orelse } => {
                for (test, body) in branches {
                    let t = self.eval(test)?;
                    if self.truth_of(&t)? {
                        return self.exec_suite(body);
                    }
                }
                return self.exec_suite(orelse);
            }
            Stmt::While { test, body, orelse } => {
                loop {
                    crate::engine::interrupt::check()?;
                    let t = self.eval(test)?;
                    if !self.truth_of(&t)? {
                        break;
                    }
                    match self.exec_suite(body)? {
                        Flow::Break => return Ok(Flow::Normal),
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Normal | Flow::Continue => {}
                    }
                }
                return self.exec_suite(orelse);
            }
            Stmt::For {
                target,
                iter,
                body,
                orelse,
            } => {
                let mut items = self.loop_items(iter)?;
                // The teaching view counts the passes of the statement's
                // outermost loop, and those that wrote into memory older
                // than the statement.
                let counted = self.depth == 0
                    && self.loop_passes.is_none()
                    && crate::engine::write_log::active();
                if counted {
                    self.loop_passes = Some((0, 0));
                }
                while let Some(item) = self.loop_next(&mut items)? {
                    crate::engine::interrupt::check()?;
                    let before = counted.then(crate::engine::write_log::old_writes_noted);
                    self.assign(target, item)?;
                    let flow = self.exec_suite(body)?;
                    if let (Some(n), Some(p)) = (before, self.loop_passes.as_mut()) {
                        p.0 += 1;
                        if crate::engine::write_log::old_writes_noted() > n {
                            p.1 += 1;
                        }
                    }
                    match flow {
                        Flow::Break => return Ok(Flow::Normal),
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Normal | Flow::Continue => {}
                    }
                }
                return self.exec_suite(orelse);
            }
            Stmt::ClassDef(def) => self.exec_class(def)?,
            Stmt::Decorated { decorators, def } => self.exec_decorated(decorators, def)?,
            Stmt::FunctionDef(def) => {
                let f = self.make_function(def)?;
                self.bind_name(&def.name, f);
            }
            Stmt::Return(e) => {
                let v = match e {
                    Some(e) => self.eval(e)?,
                    None => Value::None,
                };
                return Ok(Flow::Return(v));
            }
            Stmt::Break => return Ok(Flow::Break),
            Stmt::Continue => return Ok(Flow::Continue),
            Stmt::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => return self.exec_try(body, handlers, orelse, finalbody),
            Stmt::With { items, body } => return self.exec_with(items, body),
            Stmt::Match { subject, cases } => return self.exec_match(subject, cases),
            Stmt::Raise { exc, cause } => {
                let err = match exc {
                    Some(e) => {
                        let v = self.eval(e)?;
                        let cause = match cause {
                            Some(c) => Some(self.eval(c)?),
                            None => None,
                        };
                        self.raise_value(&v, cause.as_ref())?
                    }
                    None => self.handling.last().cloned().ok_or_else(|| {
                        PyError::new("RuntimeError", "No active exception to reraise")
                    })?,
                };
                return Err(err);
            }
            Stmt::Del(targets) => {
                for t in targets {
                    self.delete(t)?;
                }
            }
            Stmt::Assert { test, msg } => {
                let t = self.eval(test)?;
                if !self.truth_of(&t)? {
                    let message = match msg {
                        Some(m) => {
                            let v = self.eval(m)?;
                            super::display::str_of(&v, &self.print_options)
                        }
                        None => String::new(),
                    };
                    return Err(PyError::new("AssertionError", message));
                }
            }
            Stmt::Global(_) => {}
            Stmt::Nonlocal(names) => {
                if self.scope.is_none() {
                    return Err(PyError::new(
                        "SyntaxError",
                        "nonlocal declaration not allowed at module level",
                    ));
                }
                let _ = names;
            }
        }
        Ok(Flow::Normal)
    }

    /// What the prompt does with an expression statement's value: show its
    /// repr and keep it in `_` (None is neither shown nor kept).
    pub(super) fn display(&mut self, v: Value) -> PyResult<()> {
        if matches!(v, Value::None) {
            return Ok(());
        }
        let text = self.py_repr(&v)?;
        self.print_text(&text);
        self.print_text("\n");
        self.last_shown = Some(v);
        Ok(())
    }

    pub(super) fn loop_items(&mut self, iter: &Expr) -> PyResult<LoopItems> {
        let v = self.eval(iter)?;
        Ok(match v {
            // Lists and dicts are read live, as CPython's iterators read
            // them: a loop that removes from its list skips the next item,
            // one that resizes its dict raises.
            Value::Object(_) | Value::List(_) | Value::Dict(_) => {
                LoopItems::Lazy(self.iter_value(&v)?)
            }
            // A flat iterator is its own iterator: the loop moves its index.
            Value::FlatIter(..) => LoopItems::Lazy(v),
            other => LoopItems::Items(iterate(&other)?.into_iter()),
        })
    }

    pub(super) fn loop_next(&mut self, items: &mut LoopItems) -> PyResult<Option<Value>> {
        match items {
            LoopItems::Items(it) => Ok(it.next()),
            LoopItems::Lazy(it) => super::pyiter::next_item(Some(self), it),
        }
    }

    /// `def` and `lambda`: evaluate the defaults now, close over this frame.
    pub(super) fn make_function(&mut self, def: &Arc<FuncDef>) -> PyResult<Value> {
        let mut defaults = Vec::new();
        for (_, d) in &def.params.positional {
            if let Some(d) = d {
                defaults.push(self.eval(d)?);
            }
        }
        let mut kwdefaults = Vec::new();
        for (n, d) in &def.params.kwonly {
            if let Some(d) = d {
                kwdefaults.push((Value::str(n), self.eval(d)?));
            }
        }
        // After the defaults, as CPython's compiler orders them.
        let mut annotations = Ok(Vec::new());
        for (n, e) in &def.params.annotations {
            match (self.eval(e), &mut annotations) {
                (Ok(v), Ok(notes)) => notes.push((Value::str(n), v)),
                (Ok(_), Err(_)) => {}
                (Err(err), _) if err.kind == "NotImplementedError" => {
                    if annotations.is_ok() {
                        annotations = Err(err.message);
                    }
                }
                (Err(err), _) => return Err(err),
            }
        }
        Ok(object(Obj::Func(UserFunc {
            def: def.clone(),
            defaults,
            kwdefaults: Rc::new(std::cell::RefCell::new(kwdefaults)),
            annotations: annotations
                .map(|notes| Value::Dict(Rc::new(std::cell::RefCell::new(notes)))),
            // Functions in a class body do not see the class's names.
            closure: match &self.scope {
                Some(f) if f.class_body => f.parent.clone(),
                other => other.clone(),
            },
        })))
    }

    fn exec_try(
        &mut self,
        body: &[Stmt],
        handlers: &[crate::syntax::ast::Handler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> PyResult<Flow> {
        let result = match self.exec_suite(body) {
            Ok(flow) => match flow {
                Flow::Normal => self.exec_suite(orelse),
                other => Ok(other),
            },
            Err(err) => self.handle(err, handlers),
        };
        if finalbody.is_empty() {
            return result;
        }
        match self.exec_suite(finalbody)? {
            Flow::Normal => result,
            // `return`/`break` in `finally` replaces what was under way.
            other => Ok(other),
        }
    }

    fn handle(&mut self, err: PyError, handlers: &[crate::syntax::ast::Handler]) -> PyResult<Flow> {
        for h in handlers {
            let caught = match &h.class {
                None => true,
                Some(c) => {
                    let class = self.eval(c)?;
                    super::exceptions::matches(&err, &class)?
                }
            };
            if !caught {
                continue;
            }
            if let Some(name) = &h.name {
                self.bind_name(name, super::exceptions::caught_value(&err));
            }
            self.handling.push(err);
            let result = self.exec_suite(&h.body);
            self.handling.pop();
            if let Some(name) = &h.name {
                // Python deletes the `as` name when the clause ends.
                let _ = self.unbind_name(name);
            }
            return result;
        }
        Err(err)
    }

    fn exec_with(&mut self, items: &[(Expr, Option<Expr>)], body: &[Stmt]) -> PyResult<Flow> {
        let Some(((ctx, target), rest)) = items.split_first() else {
            return self.exec_suite(body);
        };
        let v = self.eval(ctx)?;
        let (entered, exit) = self.enter_context(&v)?;
        let result = (|| {
            if let Some(t) = target {
                self.assign(t, entered)?;
            }
            if rest.is_empty() {
                self.exec_suite(body)
            } else {
                self.exec_with(rest, body)
            }
        })();
        self.finish_with(exit, result, Flow::Normal)
    }

    fn delete(&mut self, t: &Expr) -> PyResult<()> {
        match &t.kind {
            ExprKind::Name(n) => self.unbind_name(n),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                items.iter().try_for_each(|i| self.delete(i))
            }
            ExprKind::Subscript { value, index } => {
                let obj = self.eval(value)?;
                let idx = self.eval_index(index)?;
                super::pycollections::delitem(&obj, &idx)
            }
            ExprKind::Attribute { value, name } => {
                let obj = self.eval(value)?;
                self.delattr(&obj, name)
            }
            _ => Err(PyError::new("SyntaxError", "cannot delete expression")),
        }
    }

    /// `del obj.name` / `delattr(obj, name)`: an instance's or a class's
    /// own attribute goes; other objects' attributes cannot be deleted.
    pub(super) fn delattr(&mut self, obj: &Value, name: &str) -> PyResult<()> {
        if let Some(r) = self.dunder(obj, "__delattr__", vec![Value::str(name)]) {
            return r.map(|_| ());
        }
        self.generic_delattr(obj, name)
    }

    /// `object.__delattr__(obj, name)`: the attribute goes from the
    /// instance or class itself; other objects keep theirs.
    pub(super) fn generic_delattr(&mut self, obj: &Value, name: &str) -> PyResult<()> {
        if let Some(found) = crate::eval::classes::delattr(obj, name) {
            return found;
        }
        if name == "names" && super::dtype_names::renamed_dtype(obj).is_some() {
            return Err(PyError::new(
                "AttributeError",
                "Cannot delete dtype names attribute",
            ));
        }
        // Anything else: the attribute exists but cannot go (CPython's
        // and NumPy's messages by its kind), or it does not exist.
        let found = self.getattr(obj, name)?;
        let t = obj.type_name();
        let settable = ["shape", "dtype", "strides", "data", "real", "imag", "flat"];
        let message = match (obj, found) {
            (Value::Array(_), _) if settable.contains(&name) => {
                format!("Cannot delete array {name}")
            }
            (_, Value::Method(..) | Value::Function(_)) => {
                format!("'{t}' object attribute '{name}' is read-only")
            }
            _ => format!("attribute '{name}' of '{t}' objects is not writable"),
        };
        Err(PyError::new("AttributeError", message))
    }

    /// Reads a name: the frames of the running functions, then the
    /// learner's top-level names, then `_` and the builtins.
    pub(super) fn lookup_name(&self, name: &str) -> PyResult<Value> {
        if let Some(frame) = &self.scope {
            match frame.find(name) {
                Found::Value(v) => return Ok(v),
                Found::UnboundLocal => {
                    return Err(PyError::new(
                        "UnboundLocalError",
                        format!(
                            "cannot access local variable '{name}' where it is not associated with a value"
                        ),
                    ));
                }
                Found::UnboundFree => {
                    return Err(PyError::new(
                        "NameError",
                        format!(
                            "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
                        ),
                    ));
                }
                Found::Global => {}
            }
        }
        if let Some(v) = self.names.get(name) {
            return super::object::unless_refused(v);
        }
        if name == "_"
            && let Some(v) = &self.last_shown
        {
            return Ok(v.clone());
        }
        if name == "__name__" {
            return Ok(Value::str(super::object_repr::LEARNER_MODULE));
        }
        if let Some(c) = super::exceptions::class(name) {
            return Ok(c);
        }
        super::pybuiltins::builtin(name).ok_or_else(|| PyError::name(name))
    }

    /// Binds a name where Python's scoping says it goes.
    pub(super) fn bind_name(&mut self, name: &str, v: Value) {
        if let Some(frame) = &self.scope
            && let Some(owner) = frame.owner(name)
        {
            owner.vars.borrow_mut().insert(name.to_string(), v);
            return;
        }
        self.names.insert(name.to_string(), v);
    }

    /// `name := value`: binds past the comprehension frames to the
    /// function (or the globals) the comprehension runs in (PEP 572).
    pub(super) fn bind_walrus(&mut self, name: &str, v: Value) {
        let mut frame = self.scope.clone();
        while let Some(f) = &frame {
            if !f.comprehension {
                break;
            }
            frame = f.parent.clone();
        }
        match frame.and_then(|f| f.owner(name)) {
            Some(owner) => {
                owner.vars.borrow_mut().insert(name.to_string(), v);
            }
            None => {
                self.names.insert(name.to_string(), v);
            }
        }
    }

    /// `del name`.
    pub(super) fn unbind_name(&mut self, name: &str) -> PyResult<()> {
        if let Some(frame) = &self.scope
            && let Some(owner) = frame.owner(name)
        {
            return match owner.vars.borrow_mut().remove(name) {
                Some(_) => Ok(()),
                None => Err(PyError::new(
                    "UnboundLocalError",
                    format!(
                        "cannot access local variable '{name}' where it is not associated with a value"
                    ),
                )),
            };
        }
        match self.names.remove(name) {
            Some(_) => Ok(()),
            None => Err(PyError::name(name)),
        }
    }

    /// Runs `f` with `frame` as the innermost scope, and puts the old one
    /// back however `f` ends.
    pub(super) fn in_frame<T>(
        &mut self,
        frame: Rc<Frame>,
        display: bool,
        f: impl FnOnce(&mut Session) -> PyResult<T>,
    ) -> PyResult<T> {
        let saved = self.scope.replace(frame);
        let saved_display = std::mem::replace(&mut self.display_exprs, display);
        let result = f(self);
        self.scope = saved;
        self.display_exprs = saved_display;
        result
    }
}
