//! Generators: a `def` whose body holds `yield` makes, when called, a
//! generator object that runs the body one `next()` at a time, and
//! generator expressions `(x*x for x in xs)` made lazily. Nothing runs on
//! another thread: a suspended generator is its frame plus a stack of
//! [`Slot`]s saying where, in each compound statement it is inside, it
//! stopped (the statement index of each suite, a loop's iterator, which
//! part of a `try` runs). Resuming walks the same statements down that
//! stack; a statement with no `yield` in it runs through the ordinary
//! interpreter. Dropping the object drops the frame and the stack, and a
//! runaway body is stopped by Ctrl-C like any loop.
//!
//! `yield` is a statement here (`yield x`, `y = yield x`, `yield from it`,
//! also in the body of any `if`/`for`/`while`/`try`/`with`); a `yield`
//! inside a larger expression is refused with `NotImplementedError`.
//! `gen.throw(...)` and `gen.close()` resume the paused `yield` with an
//! exception instead of a value ([`Resume::Throw`]), so the body's
//! `except`/`finally` and a `with`'s exit run as in Python; a paused
//! generator dropped inside a `try` or `with` is closed at the next safe
//! point (`gen_close.rs`), as CPython closes it when its last reference goes.

use super::object::take_return;
use super::protocol::stop_iteration;
use std::any::Any;
use std::rc::Rc;
use std::sync::Arc;

use crate::syntax::ast::{CompFor, Expr, ExprKind, FuncDef, Handler, Stmt};

use super::block::{Flow, LoopItems};
use super::error::{PyError, PyResult};
use super::object::{Obj, Suspended};
use super::pyiter::{iter_object, next_item};
use super::value::Value;
use super::with_context::WithExit;
use crate::eval::object::Frame;
use crate::eval::object::IterState;
use crate::eval::session::Session;

/// What a paused `yield` is resumed with: the value `send()` gives it
/// (None for `next()`), or the exception `throw()`/`close()` raises there.
#[derive(Debug)]
pub(super) enum Resume {
    Send(Value),
    Throw(PyError),
}

impl Default for Resume {
    fn default() -> Self {
        Resume::Send(Value::None)
    }
}

/// A generator made by calling a function with `yield`.
#[derive(Debug)]
pub struct Generator {
    /// `__qualname__` of the function, for the repr.
    pub name: Rc<str>,
    frame: Rc<Frame>,
    def: Arc<FuncDef>,
    stack: Vec<Slot>,
    started: bool,
    done: bool,
    /// What the body returned, until `next()` reports it in `StopIteration`.
    ret: Option<Value>,
    /// Closed once already on being dropped (CPython finalizes a
    /// generator once, even when its `finally` yields again).
    pub(super) finalized: bool,
    /// Where its session closes dropped generators (gone with the session).
    pub(super) dying: super::object::DyingRef,
}

impl Generator {
    /// Whether closing the paused generator runs code of the body: an
    /// `except`, `finally` or a `with`'s exit it is paused inside.
    pub(super) fn needs_close(&self) -> bool {
        self.started
            && !self.done
            && self.stack.iter().any(|s| {
                matches!(
                    s,
                    Slot::Try { .. } | Slot::With(Some(_)) | Slot::YieldFrom(_)
                )
            })
    }

    /// Moves the paused run out of a generator being dropped.
    pub(super) fn take_paused(&mut self) -> Generator {
        Generator {
            name: self.name.clone(),
            frame: self.frame.clone(),
            def: self.def.clone(),
            stack: std::mem::take(&mut self.stack),
            started: true,
            done: false,
            ret: None,
            finalized: true,
            dying: self.dying.clone(),
        }
    }

    /// Whether the body has not run yet or has ended.
    pub(super) fn is_idle(&self) -> bool {
        !self.started || self.done
    }

    /// Ends the generator without running its body (close of a generator
    /// not started or ended).
    pub(super) fn mark_done(&mut self) {
        self.done = true;
        self.started = true;
        self.stack.clear();
        self.ret = None;
    }
}

/// A lazily evaluated generator expression.
#[derive(Debug)]
pub struct GenExpr {
    frame: Rc<Frame>,
    elt: Expr,
    clauses: Vec<CompFor>,
    /// One iterator per clause entered so far, outermost first.
    iters: Vec<Value>,
}

impl GenExpr {
    /// `close()`: the expression is exhausted from now on.
    pub(super) fn close(&mut self) {
        self.iters.clear();
    }
}

/// Where a suspended generator stands inside one statement.
#[derive(Debug)]
enum Slot {
    /// The index of the statement running in a suite.
    Suite(usize),
    /// Stopped at a `yield`; resuming finishes that statement.
    Yielded,
    /// Inside `yield from`: the iterator it delegates to.
    YieldFrom(Value),
    /// Inside a `with`: what its exit undoes (taken when it runs).
    With(Option<WithExit>),
    /// The `if` branch taken (`branches.len()` for `else`), or the `match`
    /// case (`cases.len()` for none).
    If(usize),
    /// A `while` loop: in its body, or in its `else`.
    While { in_body: bool, orelse: bool },
    /// A `for` loop: its items, and whether it is in its body or `else`.
    For {
        items: LoopItems,
        in_body: bool,
        orelse: bool,
    },
    /// A `try` statement: which part runs, and how the statement ends once
    /// `finally` has run.
    Try {
        phase: TryPhase,
        pending: Option<PyResult<Flow>>,
    },
}

#[derive(Debug)]
enum TryPhase {
    Body,
    Handler(usize, PyError),
    Else,
    Finally,
}

/// How a statement run by the generator stopped.
enum Step {
    /// It finished, with this flow.
    Done(Flow),
    /// It yielded this value and waits to be resumed.
    Yield(Value),
}

impl std::fmt::Debug for Flow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Flow::Normal => write!(f, "Normal"),
            Flow::Break => write!(f, "Break"),
            Flow::Continue => write!(f, "Continue"),
            Flow::Return(v) => write!(f, "Return({v:?})"),
        }
    }
}

/// A new generator object for a call of `def` whose frame is bound.
pub(super) fn new_generator(
    def: Arc<FuncDef>,
    frame: Rc<Frame>,
    dying: super::object::DyingRef,
) -> Value {
    iter_object(
        IterState::Gen(Box::new(Generator {
            name: Rc::from(def.qualname.as_str()),
            frame,
            def,
            stack: Vec::new(),
            started: false,
            done: false,
            ret: None,
            finalized: false,
            dying,
        })),
        "generator",
    )
}

impl Suspended for Generator {
    fn name(&self) -> Rc<str> {
        self.name.clone()
    }
    fn take_return(&mut self) -> Option<Value> {
        self.ret.take()
    }
}

impl Suspended for GenExpr {
    fn name(&self) -> Rc<str> {
        Rc::from("<genexpr>")
    }
}

impl Session {
    /// `next()`/`send()` on a generator's state as an iterator holds it.
    pub(super) fn resume_suspended(
        &mut self,
        g: &mut dyn Suspended,
        sent: Value,
    ) -> PyResult<Option<Value>> {
        let g = generator_of(g)?;
        self.resume(g, Resume::Send(sent))
    }

    /// `next()` on a generator expression's state.
    pub(super) fn genexpr_next_suspended(
        &mut self,
        g: &mut dyn Suspended,
    ) -> PyResult<Option<Value>> {
        let g = genexpr_of(g)?;
        self.genexpr_next(g)
    }
}

/// The generator a `Gen` state holds (this module alone makes them).
pub(super) fn generator_of(g: &mut dyn Suspended) -> PyResult<&mut Generator> {
    (g as &mut dyn Any).downcast_mut().ok_or_else(internal)
}

/// The generator expression a `GenExpr` state holds.
pub(super) fn genexpr_of(g: &mut dyn Suspended) -> PyResult<&mut GenExpr> {
    (g as &mut dyn Any).downcast_mut().ok_or_else(internal)
}

impl Session {
    /// The next value of a generator (`None`: it has ended). `sent` is the
    /// value the paused `yield` evaluates to (`send`; None for `next`).
    pub(super) fn resume(&mut self, g: &mut Generator, sent: Resume) -> PyResult<Option<Value>> {
        if g.done {
            // The return value went with the first `StopIteration` only.
            g.ret = None;
            return match sent {
                Resume::Throw(e) => Err(e),
                Resume::Send(_) => Ok(None),
            };
        }
        if !g.started {
            match sent {
                Resume::Send(Value::None) => {}
                Resume::Send(_) => {
                    return Err(PyError::type_error(
                        "can't send non-None value to a just-started generator",
                    ));
                }
                // Thrown before the body began: it ends without running.
                Resume::Throw(e) => {
                    g.mark_done();
                    return Err(e);
                }
            }
        }
        g.started = true;
        if self.depth + 1 >= super::function::RECURSION_LIMIT {
            return Err(PyError::new(
                "RecursionError",
                "maximum recursion depth exceeded",
            ));
        }
        self.depth += 1;
        let def = g.def.clone();
        let frame = g.frame.clone();
        let stack = &mut g.stack;
        let result = super::function::on_big_stack(|| {
            self.in_frame(frame, false, |s| s.gen_suite(stack, &def.body, 0, sent))
        });
        self.depth -= 1;
        match result {
            Ok(Step::Yield(v)) => Ok(Some(v)),
            Ok(Step::Done(flow)) => {
                g.done = true;
                g.stack.clear();
                if let Flow::Return(v) = flow
                    && !matches!(v, Value::None)
                {
                    g.ret = Some(v);
                }
                Ok(None)
            }
            Err(e) => {
                g.done = true;
                g.stack.clear();
                if e.kind == "StopIteration" {
                    return Err(PyError::new(
                        "RuntimeError",
                        "generator raised StopIteration",
                    ));
                }
                Err(e)
            }
        }
    }

    /// `(elt for ...)`: the first iterable is evaluated now, outside the
    /// expression's frame, as Python does; the rest waits for `next()`.
    pub(super) fn make_genexpr(&mut self, elt: &Expr, clauses: &[CompFor]) -> PyResult<Value> {
        let Some(first) = clauses.first() else {
            return Ok(crate::eval::pyiter::iterator(Vec::new(), "generator"));
        };
        let v = self.eval(&first.iter)?;
        let it = self.iter_value(&v)?;
        let mut locals = Vec::new();
        for c in clauses {
            crate::syntax::scope_names::target_names(&c.target, &mut locals);
        }
        let frame = Rc::new(Frame {
            locals,
            parent: self.scope.clone(),
            comprehension: true,
            ..Frame::default()
        });
        Ok(iter_object(
            IterState::GenExpr(Box::new(GenExpr {
                frame,
                elt: elt.clone(),
                clauses: clauses.to_vec(),
                iters: vec![it],
            })),
            "generator",
        ))
    }

    /// The next value of a generator expression.
    pub(super) fn genexpr_next(&mut self, g: &mut GenExpr) -> PyResult<Option<Value>> {
        let frame = g.frame.clone();
        let result = self.in_frame(frame, false, |s| {
            loop {
                crate::engine::interrupt::check()?;
                let level = match g.iters.len() {
                    0 => return Ok(None),
                    n => n - 1,
                };
                let Some(item) = next_item(Some(&mut *s), &g.iters[level])? else {
                    g.iters.pop();
                    continue;
                };
                let clause = &g.clauses[level];
                s.assign(&clause.target, item)?;
                let mut keep = true;
                for cond in &clause.ifs {
                    let t = s.eval(cond)?;
                    if !s.truth_of(&t)? {
                        keep = false;
                        break;
                    }
                }
                if !keep {
                    continue;
                }
                if let Some(inner) = g.clauses.get(level + 1) {
                    let v = s.eval(&inner.iter)?;
                    let it = s.iter_value(&v)?;
                    g.iters.push(it);
                    continue;
                }
                return s.eval(&g.elt).map(Some);
            }
        });
        if result.is_err() {
            g.iters.clear();
        }
        result
    }

    /// `iter(v)` with the session at hand.
    /// A learner's instance iterates through its `__iter__`, whose result
    /// is read by its `__next__` when it is not one of Python's iterators.
    pub(super) fn iter_value(&mut self, v: &Value) -> PyResult<Value> {
        // An `nditer` is its own iterator; `np.broadcast` too.
        if let Value::Object(o) = v
            && matches!(o.as_ref(), Obj::NpIter(_))
        {
            return Ok(v.clone());
        }
        if let Some(p) = crate::eval::object::as_poly(v) {
            return self.iter_value(&Value::Array(p.coeffs()));
        }
        if (crate::eval::object::is_ma(v)
            || crate::eval::object::as_matrix(v).is_some()
            || super::array_subclass::is_sub(v))
            && super::classes::lookup(
                &super::classes::type_of(v).unwrap_or(Value::None),
                "__iter__",
            )
            .is_none()
        {
            let items = self.iterate_all(v)?;
            return Ok(super::pyiter::iter_object(
                IterState::Items(items.into()),
                "iterator",
            ));
        }
        if crate::eval::classes::is_instance(v) {
            let not_iterable =
                || PyError::type_error(format!("'{}' object is not iterable", v.type_name()));
            let class = super::classes::type_of(v).unwrap_or(Value::None);
            let it = match super::classes::lookup(&class, "__iter__") {
                // `__iter__ = None` declares the class not iterable.
                Some((_, Value::None)) => return Err(not_iterable()),
                Some(_) => self
                    .dunder(v, "__iter__", vec![])
                    .ok_or_else(not_iterable)?,
                None if super::classes::lookup(&class, "__getitem__").is_some() => {
                    return Ok(super::pyiter::iter_object(
                        IterState::Sequence(v.clone(), 0),
                        "iterator",
                    ));
                }
                None => return Err(not_iterable()),
            };
            let it = it?;
            if crate::eval::classes::is_instance(&it)
                && crate::eval::classes::has_method(&it, "__next__")
            {
                return Ok(super::pyiter::iter_object(IterState::User(it), "iterator"));
            }
            return match &it {
                Value::Object(o) if matches!(o.as_ref(), Obj::Iter(..)) => Ok(it),
                other => Err(PyError::type_error(format!(
                    "iter() returned non-iterator of type '{}'",
                    other.type_name()
                ))),
            };
        }
        super::pyiter::iter_of(v)
    }

    /// Runs (or resumes, when `stack` reaches deeper than `d`) a suite.
    fn gen_suite(
        &mut self,
        stack: &mut Vec<Slot>,
        body: &[Stmt],
        d: usize,
        sent: Resume,
    ) -> PyResult<Step> {
        if stack.len() <= d {
            stack.push(Slot::Suite(0));
        }
        let mut sent = Some(sent);
        loop {
            let Slot::Suite(i) = stack[d] else {
                return Err(internal());
            };
            let Some(stmt) = body.get(i) else {
                stack.truncate(d);
                return Ok(Step::Done(Flow::Normal));
            };
            let resuming = stack.len() > d + 1;
            let step = if resuming || crate::syntax::scope_names::stmt_yields(stmt) {
                self.gen_stmt(stack, stmt, d + 1, sent.take().unwrap_or_default())?
            } else {
                Step::Done(self.exec_stmt(stmt)?)
            };
            match step {
                Step::Yield(v) => return Ok(Step::Yield(v)),
                Step::Done(Flow::Normal) => {
                    stack.truncate(d + 1);
                    stack[d] = Slot::Suite(i + 1);
                }
                Step::Done(other) => {
                    stack.truncate(d);
                    return Ok(Step::Done(other));
                }
            }
        }
    }

    /// One statement that holds a `yield` (or is being resumed); its own
    /// slot is `stack[d]`, its suites' slots come after.
    fn gen_stmt(
        &mut self,
        stack: &mut Vec<Slot>,
        stmt: &Stmt,
        d: usize,
        sent: Resume,
    ) -> PyResult<Step> {
        let resuming = stack.len() > d;
        match stmt {
            Stmt::Expr(e) => self.gen_yield(stack, e, None, d, sent),
            Stmt::Assign { targets, value } => self.gen_yield(stack, value, Some(targets), d, sent),
            Stmt::Seq(ss) => self.gen_suite(stack, ss, d, sent),
            Stmt::If { branches, orelse } => {
                if !resuming {
                    let mut k = branches.len();
                    for (i, (test, _)) in branches.iter().enumerate() {
                        let t = self.eval(test)?;
                        if self.truth_of(&t)? {
                            k = i;
                            break;
                        }
                    }
                    stack.push(Slot::If(k));
                }
                let Slot::If(k) = stack[d] else {
                    return Err(internal());
                };
                let body = branches.get(k).map_or(orelse.as_slice(), |(_, b)| b);
                let step = self.gen_suite(stack, body, d + 1, sent)?;
                if let Step::Done(_) = step {
                    stack.truncate(d);
                }
                Ok(step)
            }
            Stmt::Match { subject, cases } => {
                if !resuming {
                    let k = self.select_case(subject, cases)?;
                    stack.push(Slot::If(k.unwrap_or(cases.len())));
                }
                let Slot::If(k) = stack[d] else {
                    return Err(internal());
                };
                let Some(case) = cases.get(k) else {
                    stack.truncate(d);
                    return Ok(Step::Done(Flow::Normal));
                };
                let step = self.gen_suite(stack, &case.body, d + 1, sent)?;
                if let Step::Done(_) = step {
                    stack.truncate(d);
                }
                Ok(step)
            }
            Stmt::While { test, body, orelse } => {
                if !resuming {
                    stack.push(Slot::While {
                        in_body: false,
                        orelse: false,
                    });
                }
                let mut sent = Some(sent);
                loop {
                    let Slot::While {
                        in_body,
                        orelse: in_else,
                    } = stack[d]
                    else {
                        return Err(internal());
                    };
                    let value = sent.take().unwrap_or_default();
                    if in_else {
                        let step = self.gen_suite(stack, orelse, d + 1, value)?;
                        return Ok(finish(stack, d, step));
                    }
                    if !in_body {
                        crate::engine::interrupt::check()?;
                        let t = self.eval(test)?;
                        let go = self.truth_of(&t)?;
                        stack[d] = Slot::While {
                            in_body: go,
                            orelse: !go,
                        };
                        continue;
                    }
                    let step = self.gen_suite(stack, body, d + 1, value)?;
                    if let Some(done) = after_loop_body(stack, d, step) {
                        return Ok(done);
                    }
                    stack[d] = Slot::While {
                        in_body: false,
                        orelse: false,
                    };
                }
            }
            Stmt::For {
                target,
                iter,
                body,
                orelse,
            } => {
                if !resuming {
                    let items = self.loop_items(iter)?;
                    stack.push(Slot::For {
                        items,
                        in_body: false,
                        orelse: false,
                    });
                }
                let mut sent = Some(sent);
                loop {
                    let value = sent.take().unwrap_or_default();
                    let (in_body, in_else) = match &stack[d] {
                        Slot::For {
                            in_body, orelse, ..
                        } => (*in_body, *orelse),
                        _ => return Err(internal()),
                    };
                    if in_else {
                        let step = self.gen_suite(stack, orelse, d + 1, value)?;
                        return Ok(finish(stack, d, step));
                    }
                    if !in_body {
                        crate::engine::interrupt::check()?;
                        let Slot::For { items, .. } = &mut stack[d] else {
                            return Err(internal());
                        };
                        let next = self.loop_next(items)?;
                        let Slot::For {
                            in_body, orelse, ..
                        } = &mut stack[d]
                        else {
                            return Err(internal());
                        };
                        match next {
                            Some(item) => {
                                *in_body = true;
                                self.assign(target, item)?;
                            }
                            None => *orelse = true,
                        }
                        continue;
                    }
                    let step = self.gen_suite(stack, body, d + 1, value)?;
                    if let Some(done) = after_loop_body(stack, d, step) {
                        return Ok(done);
                    }
                    if let Slot::For { in_body, .. } = &mut stack[d] {
                        *in_body = false;
                    }
                }
            }
            Stmt::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                if !resuming {
                    stack.push(Slot::Try {
                        phase: TryPhase::Body,
                        pending: None,
                    });
                }
                self.gen_try(stack, d, sent, body, handlers, orelse, finalbody)
            }
            Stmt::With { items, body } => self.gen_with(stack, items, body, d, sent),
            // Anything else holds its `yield` inside an expression, which
            // the ordinary interpreter refuses honestly.
            other => Ok(Step::Done(self.exec_stmt(other)?)),
        }
    }

    /// `with` holding a `yield`: each context manager takes one slot (its
    /// exit), the next item or the body the slot after. While paused, what
    /// it entered stays in force; its exit runs when the body ends, raises,
    /// or the generator is closed.
    fn gen_with(
        &mut self,
        stack: &mut Vec<Slot>,
        items: &[(Expr, Option<Expr>)],
        body: &[Stmt],
        d: usize,
        sent: Resume,
    ) -> PyResult<Step> {
        let Some(((ctx, target), rest)) = items.split_first() else {
            return self.gen_suite(stack, body, d, sent);
        };
        if stack.len() <= d {
            let v = self.eval(ctx)?;
            let (entered, exit) = self.enter_context(&v)?;
            if matches!(exit, super::with_context::WithExit::Raises(_)) {
                return Err(PyError::new(
                    "NotImplementedError",
                    "slicelab does not run `with assert_raises(...)` around a yield",
                ));
            }
            if let super::with_context::WithExit::Protocol(_) = exit {
                // Its `__exit__` would need the outcome of the paused block.
                self.exit_context(exit);
                return Err(PyError::new(
                    "NotImplementedError",
                    "slicelab does not run a `with` block of a class's context manager around a yield",
                ));
            }
            stack.push(Slot::With(Some(exit)));
            if let Some(t) = target
                && let Err(e) = self.assign(t, entered)
            {
                self.leave_with(stack, d);
                return Err(e);
            }
        }
        let step = if rest.is_empty() {
            self.gen_suite(stack, body, d + 1, sent)
        } else {
            self.gen_with(stack, rest, body, d + 1, sent)
        };
        if let Ok(Step::Yield(v)) = step {
            return Ok(Step::Yield(v));
        }
        self.leave_with(stack, d);
        step
    }

    /// Runs the exit of the `with` whose slot is `stack[d]` and pops it.
    fn leave_with(&mut self, stack: &mut Vec<Slot>, d: usize) {
        if let Some(Slot::With(exit)) = stack.get_mut(d)
            && let Some(exit) = exit.take()
        {
            self.exit_context(exit);
        }
        stack.truncate(d);
    }

    /// `yield`, `x = yield v` and `yield from it` as statements.
    fn gen_yield(
        &mut self,
        stack: &mut Vec<Slot>,
        e: &Expr,
        targets: Option<&Vec<Expr>>,
        d: usize,
        sent: Resume,
    ) -> PyResult<Step> {
        let resuming = stack.len() > d;
        let result = match &e.kind {
            ExprKind::Yield(value) => {
                if resuming {
                    stack.truncate(d);
                    match sent {
                        Resume::Send(v) => v,
                        Resume::Throw(e) => return Err(e),
                    }
                } else {
                    let v = match value {
                        Some(v) => self.eval(v)?,
                        None => Value::None,
                    };
                    stack.push(Slot::Yielded);
                    return Ok(Step::Yield(v));
                }
            }
            ExprKind::YieldFrom(it) => {
                if !resuming {
                    let v = self.eval(it)?;
                    let it = self.iter_value(&v)?;
                    stack.push(Slot::YieldFrom(it));
                }
                let Slot::YieldFrom(it) = &stack[d] else {
                    return Err(internal());
                };
                let it = it.clone();
                let next = match sent {
                    Resume::Send(Value::None) => next_item(Some(self), &it),
                    Resume::Send(v) => self.send(&it, v),
                    // PEP 380: close the delegate, then raise here.
                    Resume::Throw(e) if e.kind == "GeneratorExit" => {
                        self.close_gen(&it).and(Err(e))
                    }
                    Resume::Throw(e) => self.throw_into(&it, e),
                };
                match next {
                    Ok(Some(v)) => return Ok(Step::Yield(v)),
                    Ok(None) => {
                        stack.truncate(d);
                        take_return(&it).unwrap_or(Value::None)
                    }
                    Err(err) => {
                        stack.truncate(d);
                        return Err(err);
                    }
                }
            }
            // A `yield` deeper inside the statement: the interpreter
            // refuses it when it gets there.
            _ => {
                let stmt = match targets {
                    Some(t) => Stmt::Assign {
                        targets: t.clone(),
                        value: e.clone(),
                    },
                    None => Stmt::Expr(e.clone()),
                };
                return Ok(Step::Done(self.exec_stmt(&stmt)?));
            }
        };
        if let Some(targets) = targets {
            for t in targets {
                self.assign(t, result.clone())?;
            }
        }
        Ok(Step::Done(Flow::Normal))
    }

    #[allow(clippy::too_many_arguments)]
    fn gen_try(
        &mut self,
        stack: &mut Vec<Slot>,
        d: usize,
        sent: Resume,
        body: &[Stmt],
        handlers: &[Handler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> PyResult<Step> {
        let mut sent = Some(sent);
        loop {
            let value = sent.take().unwrap_or_default();
            let Slot::Try { phase, .. } = &stack[d] else {
                return Err(internal());
            };
            let phase = match phase {
                TryPhase::Body => 0,
                TryPhase::Handler(..) => 1,
                TryPhase::Else => 2,
                TryPhase::Finally => 3,
            };
            let set = |stack: &mut Vec<Slot>, p: TryPhase, pending: Option<PyResult<Flow>>| {
                stack.truncate(d + 1);
                stack[d] = Slot::Try { phase: p, pending };
            };
            match phase {
                0 => match self.gen_suite(stack, body, d + 1, value) {
                    Ok(Step::Yield(v)) => return Ok(Step::Yield(v)),
                    Ok(Step::Done(Flow::Normal)) => set(stack, TryPhase::Else, None),
                    Ok(Step::Done(flow)) => set(stack, TryPhase::Finally, Some(Ok(flow))),
                    Err(err) => {
                        stack.truncate(d + 1);
                        let mut caught = None;
                        for (i, h) in handlers.iter().enumerate() {
                            let hit = match &h.class {
                                None => true,
                                Some(c) => match self
                                    .eval(c)
                                    .and_then(|class| super::exceptions::matches(&err, &class))
                                {
                                    Ok(hit) => hit,
                                    Err(e) => {
                                        set(stack, TryPhase::Finally, Some(Err(e)));
                                        caught = Some(usize::MAX);
                                        break;
                                    }
                                },
                            };
                            if hit {
                                caught = Some(i);
                                break;
                            }
                        }
                        match caught {
                            Some(usize::MAX) => {}
                            Some(i) => {
                                if let Some(name) = &handlers[i].name {
                                    self.bind_name(name, super::exceptions::caught_value(&err));
                                }
                                set(stack, TryPhase::Handler(i, err), None);
                            }
                            None => set(stack, TryPhase::Finally, Some(Err(err))),
                        }
                    }
                },
                1 => {
                    let (i, err) = match &stack[d] {
                        Slot::Try {
                            phase: TryPhase::Handler(i, err),
                            ..
                        } => (*i, err.clone()),
                        _ => return Err(internal()),
                    };
                    let h = &handlers[i];
                    self.handling.push(err);
                    let r = self.gen_suite(stack, &h.body, d + 1, value);
                    self.handling.pop();
                    if let Ok(Step::Yield(v)) = r {
                        return Ok(Step::Yield(v));
                    }
                    if let Some(name) = &h.name {
                        let _ = self.unbind_name(name);
                    }
                    let pending = match r {
                        Ok(Step::Done(flow)) => Ok(flow),
                        Ok(Step::Yield(_)) => return Err(internal()),
                        Err(e) => Err(e),
                    };
                    set(stack, TryPhase::Finally, Some(pending));
                }
                2 => {
                    let pending = match self.gen_suite(stack, orelse, d + 1, value) {
                        Ok(Step::Yield(v)) => return Ok(Step::Yield(v)),
                        Ok(Step::Done(flow)) => Ok(flow),
                        Err(e) => Err(e),
                    };
                    set(stack, TryPhase::Finally, Some(pending));
                }
                _ => {
                    let step = self.gen_suite(stack, finalbody, d + 1, value);
                    if let Ok(Step::Yield(v)) = step {
                        return Ok(Step::Yield(v));
                    }
                    let pending = match stack.get_mut(d) {
                        Some(Slot::Try { pending, .. }) => pending.take(),
                        _ => None,
                    };
                    stack.truncate(d);
                    return match step? {
                        Step::Done(Flow::Normal) => match pending {
                            Some(Ok(flow)) => Ok(Step::Done(flow)),
                            Some(Err(e)) => Err(e),
                            None => Ok(Step::Done(Flow::Normal)),
                        },
                        // `return`/`break` in `finally` replaces what was under way.
                        other => Ok(other),
                    };
                }
            }
        }
    }

    /// `gen.send(value)`.
    pub(super) fn send(&mut self, it: &Value, value: Value) -> PyResult<Option<Value>> {
        self.resume_object(it, Resume::Send(value))
    }

    /// Resumes the generator object `it` with a value or an exception.
    pub(super) fn resume_object(&mut self, it: &Value, how: Resume) -> PyResult<Option<Value>> {
        let Value::Object(o) = it else {
            return Err(internal());
        };
        let Obj::Iter(cell, _) = o.as_ref() else {
            return Err(internal());
        };
        let name = cell.borrow().generator_name();
        let mut state = std::mem::replace(&mut *cell.borrow_mut(), IterState::Running(name));
        let out = match (&mut state, how) {
            (IterState::Gen(g), how) => generator_of(g.as_mut()).and_then(|g| self.resume(g, how)),
            (IterState::Running(_), _) => Err(PyError::value("generator already executing")),
            (IterState::GenExpr(g), Resume::Throw(e)) => {
                // A generator expression has no `try`: the exception ends it.
                if let Ok(g) = genexpr_of(g.as_mut()) {
                    g.iters.clear();
                }
                Err(e)
            }
            (_, Resume::Throw(e)) => Err(e),
            (_, Resume::Send(Value::None)) => {
                *cell.borrow_mut() = state;
                return next_item(Some(self), it);
            }
            _ => Err(PyError::new(
                "NotImplementedError",
                "slicelab does not implement send() on a generator expression yet",
            )),
        };
        *cell.borrow_mut() = state;
        out
    }
}

/// A compound statement's last suite ended: pop its slot.
fn finish(stack: &mut Vec<Slot>, d: usize, step: Step) -> Step {
    if let Step::Done(_) = step {
        stack.truncate(d);
    }
    step
}

fn internal() -> PyError {
    PyError::new(
        "SystemError",
        "slicelab lost its place in a generator (a bug: please report it)",
    )
}

/// `it.__next__()`, `it.__iter__()`, `gen.send(v)`, `gen.close()`, `gen.throw(e)`
/// (`None`: not one of these).
pub(super) fn iterator_method(
    s: &mut Session,
    it: &Value,
    name: &str,
    args: &crate::eval::args::Args,
) -> PyResult<Option<Value>> {
    // CPython's words: slot wrappers for the dunders, `generator.NAME()`
    // for the methods.
    let arity = |n: usize| -> PyResult<()> {
        let given = args.pos.len();
        let dunder = name.starts_with("__");
        if !args.kw.is_empty() {
            return Err(PyError::type_error(if dunder {
                format!("wrapper {name}() takes no keyword arguments")
            } else {
                format!("generator.{name}() takes no keyword arguments")
            }));
        }
        if given != n {
            return Err(PyError::type_error(match (dunder, n) {
                (true, _) => format!("expected {n} arguments, got {given}"),
                (false, 0) => format!("generator.{name}() takes no arguments ({given} given)"),
                (false, _) => {
                    format!("generator.{name}() takes exactly one argument ({given} given)")
                }
            }));
        }
        Ok(())
    };
    Ok(Some(match name {
        "__next__" => {
            arity(0)?;
            match next_item(Some(s), it)? {
                Some(v) => v,
                None => return Err(stop_iteration(take_return(it))),
            }
        }
        "__iter__" => {
            arity(0)?;
            it.clone()
        }
        "send" => {
            arity(1)?;
            match s.send(it, args.pos[0].clone())? {
                Some(v) => v,
                None => return Err(stop_iteration(take_return(it))),
            }
        }
        "close" => {
            arity(0)?;
            s.close_gen(it)?
        }
        "throw" => s.throw_method(it, args)?,
        _ => return Ok(None),
    }))
}

/// What a `while`/`for` at depth `d` does after one pass of its body: a
/// yield or a `return` leaves the loop's statement, `break` ends the loop;
/// otherwise (`None`) the body's slots are dropped and the loop goes on.
fn after_loop_body(stack: &mut Vec<Slot>, d: usize, step: Step) -> Option<Step> {
    match step {
        Step::Yield(v) => Some(Step::Yield(v)),
        Step::Done(Flow::Break) => {
            stack.truncate(d);
            Some(Step::Done(Flow::Normal))
        }
        Step::Done(Flow::Return(v)) => {
            stack.truncate(d);
            Some(Step::Done(Flow::Return(v)))
        }
        Step::Done(Flow::Normal | Flow::Continue) => {
            stack.truncate(d + 1);
            None
        }
    }
}
