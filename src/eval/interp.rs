//! Walking statements and expressions: names, assignment targets,
//! subscripts, attributes and calls. (Truthiness and iteration are
//! `protocol.rs`'s; argument lists `args.rs`'s.)

use std::rc::Rc;

use crate::engine::dtype::DType;
use crate::engine::index::{self, IndexItem, Indexed};
use crate::engine::{ArrayRef, NdArray, Scalar};
use crate::syntax::ast::{Arg, BoolOpKind, Expr, ExprKind, Stmt, UnaryOp};

use super::args::Args;
use super::convert::{to_array, to_index_items, to_scalar_for};
use super::error::{PyError, PyResult};
use super::ops::{
    engine_cmp, engine_op, is_numpy, lookup_eq, numpy_compare, numpy_inplace, python_binary,
    python_eq, python_order,
};
use super::protocol::{truthy, wrap_indexed};
use super::record_fields::{field_view, is_str_list, multi_field_view, void_getitem};
use super::value::Value;
use crate::eval::session::Session;

impl Session {
    pub(super) fn exec(&mut self, stmt: &Stmt) -> PyResult<Option<Value>> {
        // `a /= 0` raises inside the statement, not inside an expression.
        let out = self.exec_one(stmt);
        let out = self.after_fp_errors(out);
        // Before the value is shown, as CPython's references drop first.
        self.run_finalizers();
        out
    }

    fn exec_one(&mut self, stmt: &Stmt) -> PyResult<Option<Value>> {
        match stmt {
            Stmt::Pass => Ok(None),
            Stmt::Import { modules } => {
                // `import numpy.linalg as la` binds the submodule;
                // `import numpy.linalg` binds `numpy`. With several, each
                // is bound before the next is imported, as in Python.
                for (module, alias) in modules {
                    let v = self.import_module(module)?;
                    match alias {
                        Some(a) => self.bind_name(a, v),
                        None => {
                            let top = module.split('.').next().unwrap_or(module);
                            self.bind_name(top, Value::Module(top.into()))
                        }
                    }
                }
                Ok(None)
            }
            // The prompt is no package: Python refuses every relative import.
            Stmt::FromImport { module, .. } if module.starts_with('.') => Err(PyError::new(
                "ImportError",
                "attempted relative import with no known parent package",
            )),
            Stmt::FromImport { module, names } if matches!(names.as_slice(), [(n, None)] if n == "*") =>
            {
                self.star_import(module)?;
                Ok(None)
            }
            Stmt::FromImport { module, names } if module == super::stride_tricks::MODULE => {
                for (n, alias) in names {
                    let v = super::stride_tricks::module_attr(module, n).ok_or_else(|| {
                        PyError::new(
                            "ImportError",
                            super::stdlib::names::cannot_import(module, n),
                        )
                    })?;
                    self.names
                        .insert(alias.clone().unwrap_or_else(|| n.clone()), v);
                }
                Ok(None)
            }
            Stmt::FromImport { module, names } => {
                let m = self.import_module(module)?;
                // A name Python's module has and slicelab lacks is bound as
                // a refusal at the top level (the import succeeds, as in
                // Python, and reading the name raises it); inside a
                // function it is refused at once, after the statement's
                // other names are bound. A name the module does not have
                // is Python's ImportError, which stops the statement.
                let mut refused = None;
                for (n, alias) in names {
                    let bound = alias.clone().unwrap_or_else(|| n.clone());
                    match self.getattr(&m, n) {
                        Ok(v) => self.bind_name(&bound, v),
                        Err(e) if e.kind == "NotImplementedError" && self.scope.is_none() => {
                            let refusal = super::object::object(super::object::Obj::Refused(e));
                            self.bind_name(&bound, refusal);
                        }
                        Err(e) if e.kind == "NotImplementedError" => {
                            refused.get_or_insert(e);
                        }
                        Err(_) => {
                            return Err(PyError::new(
                                "ImportError",
                                super::stdlib::names::cannot_import(module, n),
                            ));
                        }
                    }
                }
                match refused {
                    Some(e) => Err(e),
                    None => Ok(None),
                }
            }
            Stmt::Expr(e) => Ok(Some(self.eval(e)?)),
            Stmt::Seq(_)
            | Stmt::If { .. }
            | Stmt::While { .. }
            | Stmt::For { .. }
            | Stmt::FunctionDef(_)
            | Stmt::ClassDef(_)
            | Stmt::Decorated { .. }
            | Stmt::Return(_)
            | Stmt::Break
            | Stmt::Continue
            | Stmt::Try { .. }
            | Stmt::With { .. }
            | Stmt::Match { .. }
            | Stmt::Raise { .. }
            | Stmt::Del(_)
            | Stmt::Assert { .. }
            | Stmt::Global(_)
            | Stmt::Nonlocal(_) => self.exec_top(stmt),
            Stmt::Assign { targets, value } => {
                let v = self.eval(value)?;
                for t in targets {
                    self.assign(t, v.clone())?;
                }
                Ok(None)
            }
            Stmt::AugAssign { target, op, value } => {
                let rhs = self.eval(value)?;
                match &target.kind {
                    ExprKind::Name(_) | ExprKind::Attribute { .. } => {
                        let cur = self.eval(target)?;
                        let new = self.inplace(*op, cur, &rhs)?;
                        self.assign(target, new)
                    }
                    ExprKind::Subscript {
                        value: obj_expr,
                        index,
                    } => {
                        let (obj, idx) = self.subscript_target(obj_expr, index)?;
                        let cur = self.getitem(&obj, &idx)?;
                        let new = self.inplace(*op, cur, &rhs)?;
                        self.setitem(&obj, &idx, &new)
                    }
                    _ => Err(PyError::new(
                        "SyntaxError",
                        "illegal expression for augmented assignment",
                    )),
                }?;
                Ok(None)
            }
            Stmt::AnnAssign {
                target,
                annotation,
                value,
            } => {
                if let Some(value) = value {
                    let v = self.eval(value)?;
                    self.assign(target, v)?;
                } else {
                    // CPython still evaluates what the target hangs on.
                    match &target.kind {
                        ExprKind::Attribute { value, .. } => {
                            self.eval(value)?;
                        }
                        ExprKind::Subscript { value, index } => {
                            self.eval(value)?;
                            self.eval(index)?;
                        }
                        _ => {}
                    }
                }
                let in_function = self
                    .scope
                    .as_ref()
                    .is_some_and(|f| !f.class_body && !f.comprehension);
                if !in_function {
                    let note = self.eval(annotation)?;
                    self.note_class_annotation(target, note)?;
                }
                Ok(None)
            }
        }
    }

    pub(super) fn inplace(
        &mut self,
        op: crate::syntax::ast::BinOp,
        cur: Value,
        rhs: &Value,
    ) -> PyResult<Value> {
        if crate::eval::object::is_ma(&cur) {
            return super::ma::inplace(self, op, &cur, rhs);
        }
        if let Some(out) = super::matrix_ops::inplace(self, op, &cur, rhs) {
            return out;
        }
        if let Some(out) = super::subclass::inplace(self, op, &cur, rhs) {
            return out;
        }
        if let Value::Array(a) = &cur {
            if op == crate::syntax::ast::BinOp::MatMul {
                super::linalg::matmul_inplace(a, rhs)?;
                return Ok(cur);
            }
            let eop = engine_op(op)
                .ok_or_else(|| PyError::type_error("slicelab does not support @ (matmul)"))?;
            numpy_inplace(eop, a, rhs)?;
            return Ok(cur);
        }
        // `d |= other` is `d.update(other)`.
        if let Value::Dict(_) = &cur
            && op == crate::syntax::ast::BinOp::BitOr
        {
            let args = Args::positional(vec![rhs.clone()]);
            if let Err(args) = super::pymethods::call(self, &cur, "update", args)? {
                return self
                    .call_method_registered(&cur, "update", args)
                    .map(|_| cur);
            }
            return Ok(cur);
        }
        if let Value::List(l) = &cur
            && op == crate::syntax::ast::BinOp::Add
        {
            // Room first: `l += l` copies its operand.
            super::seq_alloc::extend_room(l.borrow().len(), rhs)?;
            let extra = self.iterate_all(rhs)?;
            super::seq_alloc::extend(&mut l.borrow_mut(), extra)?;
            return Ok(cur);
        }
        self.binary(op, &cur, rhs)
    }

    /// The object and index of a subscript being written (`a[i] = v`,
    /// `a[i] += v`), the object noted for the teaching view.
    fn subscript_target(&mut self, obj_expr: &Expr, index: &Expr) -> PyResult<(Value, Value)> {
        let obj = self.eval(obj_expr)?;
        self.note_target(obj_expr.span, &obj);
        let idx = self.eval_index(index)?;
        Ok((obj, idx))
    }

    pub(super) fn assign(&mut self, target: &Expr, value: Value) -> PyResult<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                self.bind_name(n, value);
                Ok(())
            }
            ExprKind::Tuple(ts) | ExprKind::List(ts)
                if ts.iter().any(|t| matches!(t.kind, ExprKind::Starred(_))) =>
            {
                super::pycollections::assign_starred(self, ts, value)
            }
            ExprKind::Subscript {
                value: obj_expr,
                index,
            } => {
                let (obj, idx) = self.subscript_target(obj_expr, index)?;
                self.setitem(&obj, &idx, &value)
            }
            ExprKind::Attribute {
                value: obj_expr,
                name,
            } => {
                let obj = self.eval(obj_expr)?;
                self.note_target(obj_expr.span, &obj);
                self.setattr(&obj, name, &value)
            }
            ExprKind::Tuple(ts) | ExprKind::List(ts) => {
                let items = self.iterate_all(&value)?;
                if items.len() != ts.len() {
                    return Err(PyError::value(if items.len() > ts.len() {
                        format!("too many values to unpack (expected {})", ts.len())
                    } else {
                        format!(
                            "not enough values to unpack (expected {}, got {})",
                            ts.len(),
                            items.len()
                        )
                    }));
                }
                for (t, v) in ts.iter().zip(items) {
                    self.assign(t, v)?;
                }
                Ok(())
            }
            _ => Err(PyError::new("SyntaxError", "cannot assign to expression")),
        }
    }

    /// Evaluate a subscript's index expression (slices allowed).
    pub(super) fn eval_index(&mut self, e: &Expr) -> PyResult<Value> {
        match &e.kind {
            ExprKind::Tuple(items) => {
                let mut vs = Vec::with_capacity(items.len());
                for it in items {
                    vs.push(self.eval_index_item(it)?);
                }
                Ok(Value::tuple(vs))
            }
            _ => self.eval_index_item(e),
        }
    }

    fn eval_index_item(&mut self, e: &Expr) -> PyResult<Value> {
        if let ExprKind::Slice { start, stop, step } = &e.kind {
            let mut part = |p: &Option<Box<Expr>>| -> PyResult<Value> {
                match p {
                    Some(x) => self.eval(x),
                    None => Ok(Value::None),
                }
            };
            let (a, b, c) = (part(start)?, part(stop)?, part(step)?);
            return Ok(Value::Slice(Rc::new([a, b, c])));
        }
        self.eval(e)
    }

    /// The key/value pairs of a mapping, as CPython's `dict(m)`, `{**m}`
    /// and `f(**m)` read one: a dict, a `mappingproxy`, or any object with
    /// `keys()` (each key and `m[key]`); `None` for anything else.
    fn mapping_pairs(&mut self, m: &Value) -> PyResult<Option<Vec<(Value, Value)>>> {
        if let Value::Dict(d) = m {
            return Ok(Some(d.borrow().clone()));
        }
        if let Some(Value::Dict(d)) = super::object::proxied(m) {
            return Ok(Some(d.borrow().clone()));
        }
        if !crate::eval::classes::has_method(m, "keys") {
            return Ok(None);
        }
        let method = self.getattr(m, "keys")?;
        let keys = self.call(
            &method,
            Args {
                pos: vec![],
                kw: vec![],
            },
        )?;
        let mut pairs = Vec::new();
        for k in self.iterate_all(&keys)? {
            let v = self.getitem(m, &k)?;
            pairs.push((k, v));
        }
        Ok(Some(pairs))
    }

    pub(super) fn eval(&mut self, e: &Expr) -> PyResult<Value> {
        let value = self.eval_node(e);
        self.after_fp_errors(value)
    }

    fn eval_node(&mut self, e: &Expr) -> PyResult<Value> {
        Ok(match &e.kind {
            ExprKind::Name(n) => self.lookup(n)?,
            ExprKind::Int(i) => Value::Int(*i),
            ExprKind::BigInt(digits) => super::bigint::literal(digits)?,
            ExprKind::Float(f) => Value::Float(*f),
            ExprKind::Imag(f) => Value::Complex(0.0, *f),
            ExprKind::Str(s) => Value::str(s),
            ExprKind::Bytes(b) => Value::Bytes(Rc::from(b.as_slice())),
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::NoneLit => Value::None,
            ExprKind::Ellipsis => Value::Ellipsis,
            ExprKind::List(items) => Value::list(self.eval_items(items)?),
            ExprKind::Tuple(items) => Value::tuple(self.eval_items(items)?),
            ExprKind::Dict(pairs) => {
                let mut out: Vec<(Value, Value)> = vec![];
                for (k, v) in pairs {
                    if let ExprKind::DoubleStarred(inner) = &k.kind {
                        let d = self.eval(inner)?;
                        let Some(pairs) = self.mapping_pairs(&d)? else {
                            return Err(PyError::type_error(format!(
                                "'{}' object is not a mapping",
                                d.type_name()
                            )));
                        };
                        for (k, v) in pairs {
                            super::pycollections::dict_set(&mut out, k, v)?;
                        }
                        continue;
                    }
                    let (k, v) = (self.eval(k)?, self.eval(v)?);
                    super::pycollections::dict_set(&mut out, k, v)?;
                }
                Value::Dict(Rc::new(std::cell::RefCell::new(out)))
            }
            ExprKind::Attribute { value, name } => {
                let obj = self.eval(value)?;
                self.getattr(&obj, name)?
            }
            ExprKind::Subscript { value, index } => {
                let obj = self.eval(value)?;
                let idx = self.eval_index(index)?;
                let out = self.getitem(&obj, &idx)?;
                self.note_producer(e.span, Some(&obj), Some(&idx), &out);
                self.note_made(e.span, &obj, super::provenance::How::Index(idx), &out);
                out
            }
            ExprKind::Slice { .. } => {
                return Err(PyError::new(
                    "SyntaxError",
                    "a slice is only allowed inside []",
                ));
            }
            ExprKind::Call { func, args } => {
                if let (ExprKind::Name(n), [] | [Arg::Positional(_)]) = (&func.kind, &args[..])
                    && n == "help"
                    && !self.names.contains_key("help")
                {
                    let arg = args.first().map(|a| match a {
                        Arg::Positional(x) | Arg::Keyword(_, x) => x,
                    });
                    return self.help(arg);
                }
                let f = self.eval(func)?;
                let mut a = Args {
                    pos: vec![],
                    kw: vec![],
                };
                for arg in args {
                    match arg {
                        Arg::Positional(x) => match &x.kind {
                            ExprKind::Starred(inner) => {
                                let v = self.eval(inner)?;
                                let items = self.iterate_all(&v).map_err(|e| {
                                    let what = v.type_name();
                                    if e.kind == "TypeError"
                                        && e.message == format!("'{what}' object is not iterable")
                                    {
                                        PyError::type_error(format!(
                                            "{}argument after * must be an iterable, not {what}",
                                            call_desc(&f)
                                        ))
                                    } else {
                                        e
                                    }
                                })?;
                                a.pos.extend(items);
                            }
                            ExprKind::DoubleStarred(inner) => {
                                let v = self.eval(inner)?;
                                let Some(pairs) = self.mapping_pairs(&v)? else {
                                    return Err(PyError::type_error(format!(
                                        "{}argument after ** must be a mapping, not {}",
                                        call_desc(&f),
                                        v.type_name()
                                    )));
                                };
                                super::pycollections::spread_kwargs(&mut a, pairs)?;
                            }
                            _ => a.pos.push(self.eval(x)?),
                        },
                        Arg::Keyword(k, x) => {
                            let v = self.eval(x)?;
                            a.kw.push((k.clone(), v));
                        }
                    }
                }
                let mover = Session::movable_call(&f, &a);
                let operand = Session::call_operand(&f, &a);
                let writes_before = self.writes_before_call(&f);
                let out = self.call(&f, a);
                // A generator the call let go of is closed now, as CPython
                // does when the arguments' references drop.
                self.run_finalizers();
                self.note_call(e.span, writes_before);
                let out = out?;
                self.note_producer(e.span, operand.as_ref(), None, &out);
                if let Some((recv, how)) = mover {
                    self.note_made(e.span, &recv, how, &out);
                }
                out
            }
            ExprKind::Unary { op, operand } => {
                let v = self.eval(operand)?;
                self.unary(*op, &v)?
            }
            ExprKind::Binary { op, left, right } => {
                let l = self.eval(left)?;
                let r = self.eval(right)?;
                self.binary(*op, &l, &r)?
            }
            ExprKind::Compare { left, rest } => {
                let mut l = self.eval(left)?;
                let mut result = Value::Bool(true);
                for (k, (op, re)) in rest.iter().enumerate() {
                    let r = self.eval(re)?;
                    result = self.compare(*op, &l, &r)?;
                    if k + 1 < rest.len() && !self.truth_of(&result)? {
                        return Ok(result);
                    }
                    l = r;
                }
                result
            }
            ExprKind::BoolOp { op, values } => {
                let mut last = Value::None;
                for (k, x) in values.iter().enumerate() {
                    last = self.eval(x)?;
                    if k + 1 == values.len() {
                        break;
                    }
                    let t = self.truth_of(&last)?;
                    if (*op == BoolOpKind::And && !t) || (*op == BoolOpKind::Or && t) {
                        break;
                    }
                }
                last
            }
            ExprKind::IfExp { test, body, orelse } => {
                let t = self.eval(test)?;
                if self.truth_of(&t)? {
                    self.eval(body)?
                } else {
                    self.eval(orelse)?
                }
            }
            ExprKind::Starred(_) | ExprKind::DoubleStarred(_) => {
                return Err(PyError::new(
                    "SyntaxError",
                    "can't use starred expression here",
                ));
            }
            ExprKind::Set(items) => super::pysets::display(
                self.eval_items(items)?,
                super::pysets::display_is_constant(items),
            )?,
            ExprKind::Lambda(def) => self.make_function(def)?,
            ExprKind::Comp { kind, elt, clauses } => self.eval_comp(*kind, elt, clauses)?,
            ExprKind::DictComp {
                key,
                value,
                clauses,
            } => self.eval_dict_comp(key, value, clauses)?,
            ExprKind::FString(parts) => Value::str(&self.eval_fstring(parts)?),
            ExprKind::NamedExpr { target, value } => {
                let v = self.eval(value)?;
                self.bind_walrus(target, v.clone());
                v
            }
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => {
                return Err(PyError::new(
                    "NotImplementedError",
                    "slicelab does not implement yield inside a larger expression yet; \
                     write it as its own statement or as 'x = yield value'",
                ));
            }
        })
    }

    fn eval_items(&mut self, items: &[Expr]) -> PyResult<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            if let ExprKind::Starred(inner) = &it.kind {
                let v = self.eval(inner)?;
                out.extend(self.iterate_all(&v)?);
            } else {
                out.push(self.eval(it)?);
            }
        }
        Ok(out)
    }

    fn lookup(&self, name: &str) -> PyResult<Value> {
        self.lookup_name(name)
    }

    pub(super) fn unary(&mut self, op: UnaryOp, v: &Value) -> PyResult<Value> {
        use crate::engine::kernels::UnaryOp as K;
        if op == UnaryOp::Not {
            return Ok(Value::Bool(!self.truth_of(v)?));
        }
        // A learner's (or a bodied module's) instance answers with its
        // own `__neg__`/`__pos__`/`__invert__`; without one it falls to
        // the TypeError below, as in Python.
        let method = match op {
            UnaryOp::Neg => "__neg__",
            UnaryOp::Pos => "__pos__",
            _ => "__invert__",
        };
        if let Some(out) = self.dunder(v, method, vec![]) {
            return out;
        }
        if let Some(out) = super::subclass::unary(self, op, v) {
            return out;
        }
        if let Some(out) = super::ma::unary(self, op, v) {
            return out;
        }
        if let Some(out) = super::pydatetime_ops::unary(op, v) {
            return out;
        }
        if let Some(out) = super::poly1d::unary(op, v) {
            return out;
        }
        if let Some(out) = super::matrix_ops::unary(self, op, v) {
            return out;
        }
        if crate::eval::datetime_convert::involves_time(v) {
            return super::datetime::unary(
                match op {
                    UnaryOp::Neg => "negative",
                    UnaryOp::Pos => "positive",
                    _ => "invert",
                },
                v,
            );
        }
        if super::void_ufuncs::is_void(v) {
            let ufunc = match op {
                UnaryOp::Neg => "negative",
                UnaryOp::Pos => "positive",
                _ => "invert",
            };
            super::void_ufuncs::check(ufunc, std::slice::from_ref(v))?;
        }
        if let Value::Array(a) = v
            && *a.dtype() == DType::Object
        {
            // NumPy's object loops call the element's own operator.
            let mut out = Vec::new();
            for x in crate::eval::convert::values(a) {
                out.push(self.unary(op, &x)?);
            }
            if a.ndim() == 0 {
                return Ok(out.into_iter().next().unwrap_or(Value::None));
            }
            return Ok(Value::Array(crate::eval::convert::from_values(
                &a.shape(),
                &out,
            )?));
        }
        if is_numpy(v) {
            let (arr, scalar) = match v {
                Value::Array(a) => (a.clone(), false),
                Value::NpScalar(dt, s) => (
                    NdArray::from_scalars(&[], dt.clone(), std::slice::from_ref(s))?,
                    true,
                ),
                _ => {
                    return Err(PyError::type_error(
                        "bad operand type for unary operator: 'numpy.void'",
                    ));
                }
            };
            let out = match op {
                UnaryOp::Neg => crate::engine::kernels::unary(K::Neg, &arr)?,
                UnaryOp::Invert => crate::engine::kernels::unary(K::Invert, &arr)?,
                UnaryOp::Pos => arr.copy(crate::engine::Order::C)?,
                UnaryOp::Not => unreachable!(),
            };
            return Ok(if scalar {
                Value::NpScalar(out.dtype().native(), out.first())
            } else {
                Value::Array(out)
            });
        }
        Ok(match (op, v) {
            // -i128::MIN is past i128: the big form holds it.
            (UnaryOp::Neg, Value::Int(i)) => i.checked_neg().map_or_else(
                || super::bigint::value(-num_bigint::BigInt::from(*i)),
                Value::Int,
            ),
            (UnaryOp::Neg, Value::BigInt(b)) => super::bigint::value(-b.as_ref()),
            (UnaryOp::Pos, Value::BigInt(_)) => v.clone(),
            (UnaryOp::Invert, Value::BigInt(b)) => super::bigint::value(-b.as_ref() - 1),
            (UnaryOp::Neg, Value::Bool(b)) => Value::Int(-(*b as i128)),
            (UnaryOp::Neg, Value::Float(f)) => Value::Float(-f),
            (UnaryOp::Neg, Value::Complex(r, i)) => Value::Complex(-r, -i),
            (UnaryOp::Pos, Value::Int(_) | Value::Float(_) | Value::Complex(..)) => v.clone(),
            (UnaryOp::Pos, Value::Bool(b)) => Value::Int(*b as i128),
            (UnaryOp::Invert, Value::Int(i)) => Value::Int(!i),
            (UnaryOp::Invert, Value::Bool(b)) => Value::Int(!(*b as i128)),
            (UnaryOp::Neg | UnaryOp::Pos | UnaryOp::Invert, other) => {
                let sym = match op {
                    UnaryOp::Neg => "-",
                    UnaryOp::Pos => "+",
                    _ => "~",
                };
                return Err(PyError::type_error(format!(
                    "bad operand type for unary {sym}: '{}'",
                    other.type_name()
                )));
            }
            (UnaryOp::Not, _) => unreachable!(),
        })
    }

    pub(super) fn binary(
        &mut self,
        op: crate::syntax::ast::BinOp,
        l: &Value,
        r: &Value,
    ) -> PyResult<Value> {
        if let (crate::syntax::ast::BinOp::Mod, Value::Str(t)) = (op, l) {
            return Ok(Value::str(&self.percent_format(t, r)?));
        }
        if let Some(out) = super::pysets::binary(op, l, r) {
            return out;
        }
        if let Some(out) = super::object::DictView::binary(self, op, l, r) {
            return out;
        }
        if op == crate::syntax::ast::BinOp::BitOr
            && let Some(u) = super::type_hints::union(l, r)
        {
            return Ok(u);
        }
        if let Some(out) = super::matrix_ops::binary(self, op, l, r) {
            return out;
        }
        if let Some(out) = super::ma::binary(self, op, l, r) {
            return out;
        }
        if let Some(out) = super::poly1d::binary(self, op, l, r) {
            return out;
        }
        if let Some(out) = self.binary_dunder(op, l, r) {
            return out;
        }
        if let Some(out) = super::subclass::binary(self, op, l, r) {
            return out;
        }
        // `np.str_('ab') * 2`: `str`'s repeat, as NumPy's scalar defers.
        if op == crate::syntax::ast::BinOp::Mul
            && let Some((x, y)) = super::text_scalar::repeat_operands(l, r)
        {
            return self.binary(op, &x, &y);
        }
        // `'a' * np.int64(3)`: a NumPy integer is an index, so a sequence
        // repeats (`str.__mul__` takes it through `__index__`).
        if op == crate::syntax::ast::BinOp::Mul {
            let index = |v: &Value| match v {
                Value::NpScalar(dt, Scalar::Int(i)) if dt.is_integer() => {
                    Some(Value::Int(*i as i128))
                }
                Value::NpScalar(dt, Scalar::UInt(u)) if dt.is_integer() => {
                    Some(Value::Int(*u as i128))
                }
                _ => None,
            };
            let seq = |v: &Value| matches!(v, Value::Str(_) | Value::List(_) | Value::Tuple(_));
            if seq(l)
                && let Some(n) = index(r)
            {
                return python_binary(op, l, &n);
            }
            if seq(r)
                && let Some(n) = index(l)
            {
                return python_binary(op, &n, r);
            }
            // Any other NumPy scalar is no repeat count, either side
            // (NumPy's scalars defer to the sequence's repeat).
            let non_int = match (l, r) {
                (s, n @ Value::NpScalar(..)) | (n @ Value::NpScalar(..), s) if seq(s) => Some(n),
                _ => None,
            };
            if let Some(n) = non_int {
                let t = super::display::type_path(&super::types::type_of(n));
                return Err(PyError::type_error(format!(
                    "can't multiply sequence by non-int of type '{t}'"
                )));
            }
        }
        if let Some(out) = super::pycollections::dict_merge(op, l, r) {
            return out;
        }
        // `str.__add__` takes only a str; NumPy's scalars (but `np.str_`,
        // a str) give the sum back, so CPython words the refusal.
        if op == crate::syntax::ast::BinOp::Add
            && let (Value::Str(_), Value::NpScalar(_, s)) = (l, r)
            && !matches!(s, Scalar::Str(_))
        {
            let t = super::display::type_path(&super::types::type_of(r));
            return Err(PyError::type_error(format!(
                "can only concatenate str (not \"{t}\") to str"
            )));
        }
        let numpy_side = is_numpy(l) || is_numpy(r);
        if numpy_side && op == crate::syntax::ast::BinOp::MatMul {
            return super::linalg::matmul(l, r);
        }
        if numpy_side {
            let eop = engine_op(op)
                .ok_or_else(|| PyError::type_error("slicelab does not support @ (matmul)"))?;
            return super::ops::numpy_operator(eop, l, r);
        }
        python_binary(op, l, r)
    }

    pub(super) fn compare(
        &mut self,
        op: crate::syntax::ast::CmpOp,
        l: &Value,
        r: &Value,
    ) -> PyResult<Value> {
        use crate::syntax::ast::CmpOp as C;
        match op {
            C::Is => return Ok(Value::Bool(l.is(r))),
            C::IsNot => return Ok(Value::Bool(!l.is(r))),
            C::In | C::NotIn => {
                let found = self.contains(r, l)?;
                return Ok(Value::Bool(if op == C::In { found } else { !found }));
            }
            _ => {}
        }
        if let Some(out) = self.compare_dunder(op, l, r) {
            return out;
        }
        if let Some(out) = super::subclass::compare(self, op, l, r) {
            return out;
        }
        if let Some(out) = super::matrix_ops::compare(self, op, l, r) {
            return out;
        }
        if let Some(out) = super::ma::compare(self, op, l, r) {
            return out;
        }
        if let Some(out) = super::poly1d::compare(self, op, l, r) {
            return out;
        }
        if let Some(out) = self.compare_containers(op, l, r) {
            return out;
        }
        if let Some(out) = self.sequence_order(op, l, r) {
            return out;
        }
        let cop = engine_cmp(op).expect("ordering comparison");
        if is_numpy(l) || is_numpy(r) {
            // `np.str_ == 'a'` is `str`'s comparison: a plain bool.
            if let Some(v) = super::strings::compare_scalars(cop, l, r) {
                return Ok(v);
            }
            return numpy_compare(cop, l, r);
        }
        Ok(Value::Bool(match cop {
            crate::engine::kernels::CompareOp::Eq => python_eq(l, r),
            crate::engine::kernels::CompareOp::Ne => !python_eq(l, r),
            _ => python_order(cop, l, r)?,
        }))
    }

    /// `x < y` (`<=`, `>`, `>=`) for two tuples or two lists whose items
    /// differ somewhere: CPython's answer is the comparison of the first
    /// items that differ, returned as it is (`(np.int64(1),) <
    /// (np.int64(2),)` is `np.True_`). `None` leaves equal prefixes (a
    /// length comparison) and everything else to the callers below.
    fn sequence_order(
        &mut self,
        op: crate::syntax::ast::CmpOp,
        l: &Value,
        r: &Value,
    ) -> Option<PyResult<Value>> {
        use crate::syntax::ast::CmpOp as C;
        if !matches!(op, C::Lt | C::Le | C::Gt | C::Ge) {
            return None;
        }
        let (x, y) = match (super::named_tuple::plain(l), super::named_tuple::plain(r)) {
            (Value::Tuple(x), Value::Tuple(y)) => (x.to_vec(), y.to_vec()),
            (Value::List(x), Value::List(y)) => (x.borrow().clone(), y.borrow().clone()),
            _ => return None,
        };
        for (p, q) in x.iter().zip(&y) {
            match super::ops::ordering_item_eq(p, q) {
                Ok(true) => {}
                Ok(false) => {
                    return Some(super::ops::compare_nested(|| self.compare(op, p, q)));
                }
                Err(e) => return Some(Err(e)),
            }
        }
        None
    }

    pub(super) fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        let container = super::named_tuple::plain(container);
        if let Some(d) = super::object::proxied(container) {
            return self.contains(d, item);
        }
        if let Value::Object(o) = container
            && let super::object::Obj::NpzView(f, "keys") = o.as_ref()
        {
            return self.contains(f, item);
        }
        if let Some(n) = crate::eval::npy::npz::npz_of(container) {
            return Ok(n.contains(item));
        }
        if let Some(view) = super::object::DictView::of(container) {
            return view.contains(item);
        }
        if let Some(r) = self.dunder(container, "__contains__", vec![item.clone()]) {
            return self.truth_of(&r?);
        }
        if let Some(b) = super::bytearray::of(container) {
            return super::bytearray::contains(b, item);
        }
        if let Some(text) = super::text_scalar::as_python(container) {
            return self.contains(&text, item);
        }
        if let Value::Bytes(b) = container {
            return super::bytearray::contains_in(b, item);
        }
        match container {
            Value::Str(s) => match item {
                Value::Str(x) => Ok(s.contains(x.as_ref())),
                other => Err(PyError::type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    other.type_name()
                ))),
            },
            Value::Dict(d) => Ok(d.borrow().iter().any(|(k, _)| lookup_eq(k, item))),
            Value::Object(o) if matches!(o.as_ref(), super::object::Obj::Range(_)) => {
                let super::object::Obj::Range(r) = o.as_ref() else {
                    unreachable!()
                };
                Ok(match item {
                    Value::Int(i) => r.contains(*i),
                    Value::Bool(b) => r.contains(*b as i128),
                    other => self
                        .iterate_all(container)?
                        .iter()
                        .any(|x| lookup_eq(x, other)),
                })
            }
            Value::Object(o)
                if matches!(
                    o.as_ref(),
                    super::object::Obj::Set(_) | super::object::Obj::FrozenSet(_)
                ) =>
            {
                super::pysets::table_of(container).map_or(Ok(false), |t| t.contains(item))
            }
            Value::Array(_) => {
                let eq = numpy_compare(crate::engine::kernels::CompareOp::Eq, container, item)?;
                match eq {
                    Value::Array(a) => Ok(crate::engine::index::count_nonzero(&a) > 0),
                    other => truthy(&other),
                }
            }
            other => {
                if let Some(class) = crate::eval::classes::type_of(other)
                    && !matches!(
                        crate::eval::classes::lookup(&class, "__iter__"),
                        Some((_, f)) if !matches!(f, Value::None)
                    )
                    && crate::eval::classes::lookup(&class, "__getitem__").is_none()
                {
                    return Err(PyError::type_error(format!(
                        "argument of type '{}' is not iterable",
                        other.type_name()
                    )));
                }
                for x in self.iterate_all(other)? {
                    if crate::eval::classes::is_instance(&x)
                        || crate::eval::classes::is_instance(item)
                    {
                        // Identity first, then `==`, as CPython's `in` does.
                        if x.is(item) || {
                            let eq = self.compare(crate::syntax::ast::CmpOp::Eq, &x, item)?;
                            self.truth_of(&eq)?
                        } {
                            return Ok(true);
                        }
                    } else if is_numpy(&x) || is_numpy(item) {
                        if truthy(&numpy_compare(
                            crate::engine::kernels::CompareOp::Eq,
                            &x,
                            item,
                        )?)? {
                            return Ok(true);
                        }
                    } else if super::container_compare::holds_rich_items(&x)
                        || super::container_compare::holds_rich_items(item)
                    {
                        if self.items_equal(&x, item)? {
                            return Ok(true);
                        }
                    } else if lookup_eq(&x, item) {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }

    /// `obj[idx]`.
    pub(super) fn getitem(&mut self, obj: &Value, idx: &Value) -> PyResult<Value> {
        if let Some(d) = super::object::proxied(obj) {
            return self.getitem(d, idx);
        }
        if let Some(n) = crate::eval::npy::npz::npz_of(obj) {
            return n.get(idx);
        }
        if let Some(it) = super::nditer::of(obj) {
            return super::nditer::getitem(it, idx);
        }
        if let Some(m) = super::object::MemView::of(obj) {
            return m.getitem(idx);
        }
        if let Some(t) = super::named_tuple::as_tuple(obj) {
            return self.getitem(t, idx);
        }
        if let Some(r) = self.dunder(obj, "__getitem__", vec![idx.clone()]) {
            return r;
        }
        if super::array_subclass::is_sub(obj) {
            return super::subclass::getitem(self, obj, idx);
        }
        if crate::eval::object::is_ma(obj) {
            return super::ma::getitem(self, obj, idx);
        }
        if crate::eval::object::is_poly(obj) {
            return super::poly1d::getitem(obj, idx);
        }
        if super::recarray::is_rec(obj) {
            return super::recarray::getitem(self, obj, idx);
        }
        if crate::eval::object::as_matrix(obj).is_some() {
            return super::matrix::getitem(self, obj, idx);
        }
        if let Some(b) = super::bytearray::of(obj) {
            return super::bytearray::getitem(b, idx);
        }
        if let Value::Bytes(b) = obj {
            return super::pybytes::getitem(b, idx);
        }
        let idx = &*super::index_protocol::for_target(self, obj, idx)?;
        match obj {
            Value::Array(a) => array_getitem(a, idx),
            Value::FlatIter(a, pos) => {
                pos.set(0);
                super::flatiter::getitem(a, idx)
            }
            Value::Void(a) => void_getitem(a, idx),
            Value::DType(dt) => super::dtype_attrs::getitem(dt, idx),
            other if let Some(dt) = super::record_dtype::as_record_dtype(other) => {
                super::dtype_attrs::getitem(dt, idx)
            }
            // `np.str_`/`np.bytes_` index as the `str`/`bytes` they are.
            other if let Some(text) = super::text_scalar::as_python(other) => {
                self.getitem(&text, idx)
            }
            Value::NpScalar(..) => match idx {
                Value::Tuple(t) if t.is_empty() => Ok(obj.clone()),
                Value::Ellipsis => {
                    let Value::NpScalar(dt, s) = obj else {
                        unreachable!()
                    };
                    Ok(Value::Array(NdArray::from_scalars(
                        &[],
                        dt.clone(),
                        std::slice::from_ref(s),
                    )?))
                }
                _ => Err(PyError::index("invalid index to scalar variable.")),
            },
            Value::Object(o) if matches!(o.as_ref(), super::object::Obj::Range(_)) => {
                let super::object::Obj::Range(r) = o.as_ref() else {
                    unreachable!()
                };
                super::pyiter::range_getitem(r, idx)
            }
            Value::Tuple(_) | Value::List(_) | Value::Str(_) => {
                // Read in place: copying a huge list to take one item would
                // cost its whole size (and a str is read as its chars).
                let list_items;
                let chars: Vec<char> = match obj {
                    Value::Str(text) => text.chars().collect(),
                    _ => Vec::new(),
                };
                let items: &[Value] = match obj {
                    Value::List(l) => {
                        list_items = l.borrow();
                        &list_items
                    }
                    Value::Tuple(t) => t,
                    _ => &[],
                };
                let len = if matches!(obj, Value::Str(_)) {
                    chars.len()
                } else {
                    items.len()
                };
                let kind = obj.type_name();
                match idx {
                    Value::Slice(parts) => {
                        let get = |v: &Value| -> PyResult<Option<i64>> {
                            Ok(super::seq_index::slice_bound(v)?.map(|i| i as i64))
                        };
                        let (start, n, step) = index::adjust_slice(
                            get(&parts[0])?,
                            get(&parts[1])?,
                            get(&parts[2])?,
                            len,
                        )?;
                        let at = |k: usize| (start + k as i64 * step) as usize;
                        Ok(match obj {
                            Value::Tuple(_) => {
                                Value::tuple((0..n).map(|k| items[at(k)].clone()).collect())
                            }
                            Value::List(_) => {
                                Value::list((0..n).map(|k| items[at(k)].clone()).collect())
                            }
                            _ => Value::str(&(0..n).map(|k| chars[at(k)]).collect::<String>()),
                        })
                    }
                    _ => {
                        let i = py_index(idx, &kind)?;
                        let n = len as i128;
                        let j = if i < 0 { i + n } else { i };
                        if j < 0 || j >= n {
                            let what = if kind == "str" { "string" } else { &kind };
                            return Err(PyError::index(format!("{what} index out of range")));
                        }
                        Ok(match obj {
                            Value::Str(_) => Value::str(&chars[j as usize].to_string()),
                            _ => items[j as usize].clone(),
                        })
                    }
                }
            }
            Value::Dict(d) => d
                .borrow()
                .iter()
                .find(|(k, _)| lookup_eq(k, idx))
                .map(|(_, v)| v.clone())
                .ok_or_else(|| {
                    PyError::new("KeyError", super::display::repr(idx, &self.print_options))
                }),
            Value::Flags(a) => super::array_flags::item(a, idx),
            Value::Module(_) | Value::Function(_) => super::numpy::index_trick(obj, idx),
            other if let Some(r) = super::type_hints::subscript(other, idx) => r,
            other => Err(PyError::type_error(format!(
                "'{}' object is not subscriptable",
                other.type_name()
            ))),
        }
    }

    /// `obj[idx] = value`.
    pub(super) fn setitem(&mut self, obj: &Value, idx: &Value, value: &Value) -> PyResult<()> {
        if let Some(it) = super::nditer::of(obj) {
            return super::nditer::setitem(self, it, idx, value);
        }
        if let Some(r) = self.dunder(obj, "__setitem__", vec![idx.clone(), value.clone()]) {
            return r.map(|_| ());
        }
        if super::array_subclass::is_sub(obj) {
            return super::subclass::setitem(self, obj, idx, value);
        }
        if crate::eval::object::is_ma(obj) {
            return super::ma::setitem(self, obj, idx, value);
        }
        if crate::eval::object::is_poly(obj) {
            return super::poly1d::setitem(self, obj, idx, value);
        }
        if super::recarray::is_rec(obj) {
            return super::recarray::setitem(self, obj, idx, value);
        }
        if crate::eval::object::as_matrix(obj).is_some() {
            return super::matrix::setitem(self, obj, idx, value);
        }
        if let Some(b) = super::bytearray::of(obj) {
            return super::bytearray_calls::setitem(self, b, idx, value);
        }
        if let Some(m) = super::object::MemView::of(obj) {
            m.check_store(idx, value)?;
            return array_setitem(&m.view, idx, value);
        }
        let idx = &*super::index_protocol::for_target(self, obj, idx)?;
        match obj {
            // A memoryview is read through the buffer protocol: the array
            // over the memory it sees, as `np.asarray(m)` gives it.
            Value::Array(a) if let Some(m) = super::object::MemView::of(value) => {
                array_setitem(a, idx, &Value::Array(m.view.clone()))
            }
            Value::Array(a) => array_setitem(a, idx, value),
            Value::FlatIter(a, pos) => {
                pos.set(0);
                super::flatiter::setitem(a, idx, value)
            }
            Value::Flags(a) => super::array_flags::set_item(a, idx, truthy(value)?),
            Value::Void(a) => {
                let target = match idx {
                    Value::Str(name) => field_view(a, name)?,
                    Value::Int(i) => {
                        let DType::Record(rec) = a.dtype() else {
                            unreachable!()
                        };
                        let n = rec.fields().len() as i128;
                        let j = if *i < 0 { i + n } else { *i };
                        let name = rec
                            .fields()
                            .get(j as usize)
                            .map(|f| f.name.clone())
                            .ok_or_else(|| {
                                PyError::index(format!(
                                    "invalid index ({i}) to structured array with {n} fields"
                                ))
                            })?;
                        field_view(a, &name)?
                    }
                    _ => return Err(PyError::index("invalid index")),
                };
                array_setitem(&target, &Value::Ellipsis, value)
            }
            Value::List(l) => {
                if let Value::Slice(parts) = idx {
                    return super::pycollections::list_set_slice(self, l, parts, value);
                }
                let n = l.borrow().len() as i128;
                let i = py_index(idx, "list")?;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(PyError::index("list assignment index out of range"));
                }
                l.borrow_mut()[j as usize] = value.clone();
                Ok(())
            }
            Value::Dict(d) => {
                crate::eval::set_table::check_hashable(idx)?;
                let mut d = d.borrow_mut();
                if let Some(slot) = d.iter_mut().find(|(k, _)| lookup_eq(k, idx)) {
                    slot.1 = value.clone();
                } else {
                    d.push((idx.clone(), value.clone()));
                }
                Ok(())
            }
            Value::NpScalar(..) => Err(PyError::type_error(
                "'numpy.generic' object does not support item assignment",
            )),
            other => Err(PyError::type_error(format!(
                "'{}' object does not support item assignment",
                other.type_name()
            ))),
        }
    }

    /// `obj.name = value`: through the class's `__setattr__` when the
    /// learner's class defines one, else [`Session::generic_setattr`].
    pub(super) fn setattr(&mut self, obj: &Value, name: &str, value: &Value) -> PyResult<()> {
        if let Some(r) = self.dunder(obj, "__setattr__", vec![Value::str(name), value.clone()]) {
            return r.map(|_| ());
        }
        self.generic_setattr(obj, name, value)
    }

    /// `object.__setattr__(obj, name, value)`: a property's setter, the
    /// instance's own attributes, or the object kind's own rules.
    pub(super) fn generic_setattr(
        &mut self,
        obj: &Value,
        name: &str,
        value: &Value,
    ) -> PyResult<()> {
        if let Some(r) = super::subclass::setattr(self, obj, name, value) {
            return r;
        }
        if name == "names"
            && let Some(dt) = super::dtype_names::renamed_dtype(obj)
        {
            return super::dtype_names::set_names(dt, value);
        }
        if crate::eval::object::is_ma(obj) {
            return super::ma::setattr(self, obj, name, value);
        }
        if crate::eval::object::is_poly(obj) {
            return super::poly1d::setattr(obj, name, value);
        }
        if super::recarray::is_rec(obj) {
            return super::recarray::setattr(self, obj, name, value);
        }
        if crate::eval::object::as_matrix(obj).is_some() {
            return super::matrix::setattr(self, obj, name, value);
        }
        if let Some(r) = self.property_set(obj, name, value) {
            return r;
        }
        if crate::eval::classes::setattr(obj, name, value).is_some() {
            return Ok(());
        }
        if let Value::Object(o) = obj
            && let super::object::Obj::NamedTuple(t) = o.as_ref()
        {
            return Err(super::named_tuple::setattr_error(t, name));
        }
        if let Value::Object(o) = obj
            && let super::object::Obj::PyTime(t) = o.as_ref()
        {
            return Err(super::pydatetime_attrs::setattr_error(t, obj, name));
        }
        if let Value::Array(a) = obj
            && *a.dtype() == DType::Object
            && name != "shape"
        {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "setting ndarray.{name} on object arrays (dtype=object) is not supported in slicelab"
                ),
            ));
        }
        match (obj, name) {
            (Value::Array(a), "shape") => {
                let shape = crate::eval::coerce::shape_arg(value, Some(a.size()))?;
                // In-place reshape only when no copy is needed.
                match a.layout().reshaped_c(&shape, a.dtype().itemsize()) {
                    Some(l) => {
                        a.set_layout(l);
                        Ok(())
                    }
                    None => Err(PyError::new(
                        "AttributeError",
                        "Incompatible shape for in-place modification. Use `.reshape()` to make a copy with the desired shape.",
                    )),
                }
            }
            (Value::Flags(a), _) => super::array_flags::set(a, name, truthy(value)?),
            (Value::Random(r), "state") => super::random::set_state(r, value),
            (Value::Array(a), "flat") => {
                if !a.writeable() {
                    return Err(PyError::value("array is read-only"));
                }
                super::flatiter::setitem(a, &Value::Ellipsis, value)
            }
            (Value::Array(a), "real" | "imag") => {
                super::complex_fns::set_part(a, name == "imag", value)
            }
            // The same object reads its bytes as another dtype, by the
            // rules (and messages) of `a.view(dtype)`, which NumPy's
            // setter is.
            (Value::Array(a), "dtype") => {
                // Any other class is the object dtype to NumPy.
                let references =
                    || PyError::type_error("Cannot change data-type for array of references.");
                if crate::eval::dtype_arg::wants_object(value) {
                    return Err(references());
                }
                let dt = crate::eval::dtype_arg::dtype_arg(value).map_err(|e| {
                    match (e.kind.as_str(), value) {
                        ("TypeError", Value::Type(_)) => references(),
                        ("TypeError", _) => PyError::type_error("invalid data-type for array"),
                        _ => e,
                    }
                })?;
                match super::math_routines::view_as(a, dt)? {
                    Value::Array(v) => {
                        a.retype(v.dtype().clone(), v.layout());
                        Ok(())
                    }
                    _ => Err(PyError::new(
                        "NotImplementedError",
                        "slicelab does not implement setting this dtype in place",
                    )),
                }
            }
            // NumPy 2.4 changes these in place (a deprecated practice);
            // `np.lib.stride_tricks.as_strided` gives the same memory read
            // another way.
            (Value::Array(_), "strides" | "data") => Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab does not implement setting ndarray.{name} in place yet; {}",
                    match name {
                        "strides" =>
                            "np.lib.stride_tricks.as_strided makes a view with other strides",
                        _ => "make a new array over the other buffer instead",
                    }
                ),
            )),
            (Value::Array(_), "T" | "base" | "ndim" | "size" | "itemsize" | "nbytes" | "flags") => {
                Err(PyError::new(
                    "AttributeError",
                    format!("attribute '{name}' of 'numpy.ndarray' objects is not writable"),
                ))
            }
            (Value::Array(_), _) => Err(PyError::new(
                "AttributeError",
                format!("'numpy.ndarray' object has no attribute '{name}'"),
            )),
            // Python's functions take any attribute (`f.__qualname__ = ...`,
            // `f.calls = 0`); slicelab's keep theirs fixed.
            (Value::Object(o), _) if matches!(o.as_ref(), super::object::Obj::Func(_)) => {
                Err(PyError::new(
                    "NotImplementedError",
                    format!("slicelab does not set attributes of functions yet (.{name})"),
                ))
            }
            (other, _) => Err(PyError::new(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", other.type_name()),
            )),
        }
    }

    pub(super) fn getattr(&mut self, obj: &Value, name: &str) -> PyResult<Value> {
        if super::array_subclass::is_sub(obj)
            && let Value::Object(o) = obj
        {
            // The instance's `__dict__` and class first, then ndarray's.
            return match crate::eval::classes::attr(o, obj, name) {
                Some(Err(e)) if e.kind == "AttributeError" => {
                    super::subclass::attr(self, obj, name)
                }
                Some(r) => r,
                None => super::subclass::attr(self, obj, name),
            };
        }
        if name == "__class__" {
            // `x.__class__` is `type(x)` for every value.
            return Ok(crate::eval::classes::type_of(obj)
                .unwrap_or_else(|| Value::Type(super::types::type_of(obj))));
        }
        match obj {
            Value::Module(m) if let Some(v) = super::stdlib::names::module_dunder(m, name) => Ok(v),
            Value::Module(m) if let Some(sub) = super::private_modules::submodule(m, name) => {
                Ok(Value::Module(sub.into()))
            }
            // A submodule written as a Python body (`np.polynomial`): its
            // body runs on first use, as an import would run it.
            Value::Module(m) if super::stdlib::is_submodule(m, name) => {
                let full = format!("{m}.{name}");
                self.import_stdlib(&full)
                    .unwrap_or_else(|| Err(crate::eval::error::missing_module_attribute(m, name)))
            }
            // A private module written as a Python body
            // (`numpy._core._internal`) answers from its body first.
            Value::Module(m)
                if super::stdlib::is_module(m)
                    && super::private_modules::public_of(m).is_some() =>
            {
                let m = m.clone();
                // Its body runs on first use, however it was reached.
                if let Some(Err(e)) = self.import_stdlib(&m) {
                    return Err(e);
                }
                self.stdlib_attr(&m, name)
                    .unwrap_or_else(|| Err(crate::eval::error::missing_module_attribute(&m, name)))
            }
            Value::Module(m) if let Some(f) = super::private_modules::own_function(m, name) => {
                Ok(f)
            }
            Value::Module(m) if super::private_modules::holds_axis_check(m, name) => {
                super::array_utils::function(name)
                    .ok_or_else(|| crate::eval::error::missing_module_attribute(m, name))
            }
            Value::Module(m) if let Some(public) = super::private_modules::public_of(m) => {
                let m = m.clone();
                self.getattr(&Value::Module(public.into()), name)
                    .map_err(|e| match e.kind.as_str() {
                        // A name the private module lacks in NumPy too is
                        // Python's error; one it has is refused.
                        "AttributeError" if !super::numpy_names::numpy_has(&m, name) => {
                            crate::eval::error::missing_module_attribute(&m, name)
                        }
                        "AttributeError" => PyError::new(
                            "NotImplementedError",
                            format!("slicelab does not implement {m}.{name}"),
                        ),
                        _ => e,
                    })
            }
            Value::Module(m) if m.as_ref() == "numpy" => self.np_attr(name),
            Value::Module(m) if m.as_ref() == super::pymath::MODULE => super::pymath::attr(name),
            Value::Module(m) if super::stdlib::is_module(m) => {
                let m = m.clone();
                self.stdlib_attr(&m, name)
                    .unwrap_or_else(|| Err(crate::eval::error::missing_module_attribute(&m, name)))
            }
            Value::Module(m) if m.as_ref() == super::random::MODULE => {
                super::random::module_attr(name)
            }
            Value::Module(m) if m.as_ref() == super::np_linalg::MODULE => {
                super::np_linalg::module_attr(name)
            }
            Value::Module(m) if m.as_ref() == super::np_fft::MODULE => {
                super::np_fft::module_attr(name)
            }
            Value::Module(m) if m.as_ref() == super::ma::MODULE => super::ma::module_attr(name),
            Value::Module(m) if m.as_ref() == super::type_hints::NUMPY_TYPING => {
                super::type_hints::numpy_typing_attr(name).ok_or_else(|| {
                    crate::eval::error::missing_module_attribute(
                        super::type_hints::NUMPY_TYPING,
                        name,
                    )
                })
            }
            Value::Module(m) if m.as_ref() == super::recarray::MODULE => {
                super::recarray::module_attr(name)
            }
            Value::Module(m) if m.as_ref() == super::dtype_classes::MODULE => {
                super::dtype_classes::module_attr(name).ok_or_else(|| {
                    crate::eval::error::missing_module_attribute(super::dtype_classes::MODULE, name)
                })
            }
            Value::Module(m) if m.as_ref() == super::np_version::MODULE => {
                super::np_version::module_attr(name).ok_or_else(|| {
                    crate::eval::error::missing_module_attribute(super::np_version::MODULE, name)
                })
            }
            Value::Module(m) if m.as_ref() == super::np_exceptions::MODULE => {
                super::np_exceptions::module_attr(name).ok_or_else(|| {
                    crate::eval::error::missing_module_attribute(super::np_exceptions::MODULE, name)
                })
            }
            Value::Module(m) if m.as_ref() == super::np_testing::MODULE => {
                super::np_testing::module_attr(name).ok_or_else(|| {
                    crate::eval::error::missing_module_attribute(super::np_testing::MODULE, name)
                })
            }
            Value::Object(o)
                if matches!(
                    o.as_ref(),
                    super::object::Obj::RecArray(_) | super::object::Obj::Record(_)
                ) =>
            {
                super::recarray::attr(self, obj, name)
            }
            Value::Object(o)
                if matches!(
                    o.as_ref(),
                    super::object::Obj::Masked(_) | super::object::Obj::MaskedConstant
                ) =>
            {
                super::ma::attr(self, obj, name)
            }
            Value::Object(o) if matches!(o.as_ref(), super::object::Obj::Poly1d(_)) => {
                super::poly1d::attr(self, obj, name)
            }
            Value::Object(o) if matches!(o.as_ref(), super::object::Obj::Matrix(_)) => {
                super::matrix::attr(self, obj, name)
            }
            Value::Object(o) if let super::object::Obj::RecordDType(dt) = o.as_ref() => {
                super::record_dtype_attrs::attr(obj, dt, name)
            }
            Value::Object(o) if matches!(o.as_ref(), super::object::Obj::SubArrayDType(..)) => {
                match super::subarray_dtype::as_subarray(obj) {
                    Some((base, shape)) => super::dtype_attrs::subarray_attr(base, shape, name),
                    None => Err(PyError::attribute(&obj.type_name(), name)),
                }
            }
            Value::Random(r) => super::random::attr(r, obj, name),
            // `np.lib.NumpyVersion` is the class `numpy.lib._version`
            // defines in Python.
            Value::Module(m) if m.as_ref() == "numpy.lib" && name == "NumpyVersion" => {
                let module = "numpy.lib._version";
                let missing = || crate::eval::error::missing_module_attribute("numpy.lib", name);
                self.import_stdlib(module).ok_or_else(missing)??;
                self.stdlib_attr(module, name).ok_or_else(missing)?
            }
            Value::Module(m) => match super::stride_tricks::module_attr(m, name) {
                Some(v) => Ok(v),
                None => super::lazy_module::attr(m, name),
            },
            Value::Array(a) => crate::eval::array_attrs::array_attr(a, obj, name).or_else(|e| {
                if super::dunder_names::has(name) {
                    Ok(Value::Method(Rc::new(obj.clone()), Rc::from(name)))
                } else {
                    Err(e)
                }
            }),
            Value::FlatIter(a, pos) => super::flatiter::attr(a, pos.get(), obj, name),
            // `np.str_` is a `str`: its methods are `str`'s, returning
            // Python strings (`np.str_('ab').upper()` is `'AB'`).
            Value::NpScalar(DType::Str(_), Scalar::Str(t)) => {
                super::methods::scalar_attr(obj, name).or_else(|e| {
                    if super::py_attr_names::has("str", name) {
                        Ok(Value::Method(Rc::new(Value::str(t)), Rc::from(name)))
                    } else {
                        Err(e)
                    }
                })
            }
            Value::NpScalar(dt, _) => super::methods::scalar_attr(obj, name).or_else(|e| {
                let complex = dt.kind() == crate::engine::dtype::Kind::Complex;
                if super::dispatch::number_scalar(dt)
                    && super::dunder_names::scalar_has(name, complex)
                {
                    Ok(Value::Method(Rc::new(obj.clone()), Rc::from(name)))
                } else {
                    Err(e)
                }
            }),
            Value::Void(_) => super::methods::scalar_attr(obj, name),
            Value::DType(dt) => crate::eval::dtype_attrs::dtype_attr(dt, name),
            Value::MachInfo(m) => m.attr(name),
            Value::Flags(a) => super::array_flags::attr(a, name),
            Value::Function(f)
                if f.strip_prefix("np.").is_some_and(|short| {
                    super::registry::np_entry(short).is_some_and(|e| e.ufunc.is_some())
                        || super::ufunc_info::row(short).is_some()
                }) =>
            {
                match name {
                    "at" if super::index_routines::ufunc_op(&f[3..]).is_some()
                        || super::ufunc_at_unary::answers(&f[3..]) =>
                    {
                        Ok(Value::func(&format!("{f}.{name}")))
                    }
                    m if let Some(v) = super::ufunc_methods::method_value(&f[3..], m) => Ok(v),
                    m if let Some(v) = super::ufunc_info::attr(&f[3..], m) => v,
                    // Real ufunc methods slicelab does not have yet: say so
                    // plainly rather than pretend they are missing from NumPy.
                    "at" | "reduce" | "accumulate" | "outer" | "reduceat" | "resolve_dtypes" => {
                        Err(PyError::new(
                            "NotImplementedError",
                            format!(
                                "slicelab does not implement {f}.{name} yet \
                             (np.sum/np.prod/np.max/np.min with axis=, np.cumsum/np.cumprod \
                             and np.outer cover the common cases)"
                            ),
                        ))
                    }
                    _ => Err(PyError::attribute("numpy.ufunc", name)),
                }
            }
            Value::Slice(parts) => match name {
                "start" => Ok(parts[0].clone()),
                "stop" => Ok(parts[1].clone()),
                "step" => Ok(parts[2].clone()),
                "indices" => Ok(Value::Method(Rc::new(obj.clone()), Rc::from(name))),
                _ => Err(PyError::attribute("slice", name)),
            },
            Value::Complex(re, im) => match name {
                "real" => Ok(Value::Float(*re)),
                "imag" => Ok(Value::Float(*im)),
                "conjugate" => Ok(Value::Method(Rc::new(obj.clone()), Rc::from(name))),
                _ => Err(PyError::attribute("complex", name)),
            },
            Value::Object(o) if let super::object::Obj::NamedTuple(t) = o.as_ref() => {
                super::named_tuple::attr(t, obj, name)
            }
            Value::Object(o) if let super::object::Obj::TupleClass(c) = o.as_ref() => {
                super::named_tuple::class_attr(c, obj, name)
            }
            Value::Object(o) if let super::object::Obj::File(f) = o.as_ref() => {
                super::pyfile::attr(f, obj, name)
            }
            Value::Object(o) if let super::object::Obj::PyTime(t) = o.as_ref() => {
                super::pydatetime_attrs::attr(t, obj, name)
            }
            Value::Object(o) => {
                if let Some(r) = self.property_get(obj, name) {
                    return r;
                }
                super::pycollections::object_attr(o, obj, name)
            }
            Value::Type(t) if let Some(v) = super::descriptors::class_attr(t, name) => Ok(v),
            Value::Type(super::value::TypeObj::Builtin(p))
                if let Some(r) = super::stdlib::datetime_mod::class_attr(p, name) =>
            {
                r
            }
            Value::Function(f) if matches!(name, "__name__" | "__qualname__") => {
                let short = f.rsplit('.').next().unwrap_or(f);
                Ok(Value::str(
                    super::descriptor_names::name(f).unwrap_or(short),
                ))
            }
            // Data attributes of numbers: `(3).real`, `2.5.imag`.
            Value::Int(i) if matches!(name, "real" | "numerator") => Ok(Value::Int(*i)),
            Value::Int(_) if name == "imag" => Ok(Value::Int(0)),
            Value::Int(_) if name == "denominator" => Ok(Value::Int(1)),
            Value::BigInt(_) if matches!(name, "real" | "numerator") => Ok(obj.clone()),
            Value::BigInt(_) if name == "imag" => Ok(Value::Int(0)),
            Value::BigInt(_) if name == "denominator" => Ok(Value::Int(1)),
            Value::Float(f) if name == "real" => Ok(Value::Float(*f)),
            Value::Float(_) if name == "imag" => Ok(Value::Float(0.0)),
            Value::List(_)
            | Value::Dict(_)
            | Value::Tuple(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::Float(_)
            | Value::Int(_)
            | Value::BigInt(_) => {
                let ty = obj.type_name();
                if super::py_attr_names::has(&ty, name) {
                    Ok(Value::Method(Rc::new(obj.clone()), Rc::from(name)))
                } else {
                    Err(PyError::attribute(&ty, name))
                }
            }
            // A bound method's missing attribute is its function's.
            Value::Function(f) if let Some(k) = super::callable_kinds::of(f) => {
                Err(PyError::attribute(k.attr_owner, name))
            }
            other => Err(PyError::attribute(&other.type_name(), name)),
        }
    }

    /// `from module import *` at the top level: every name Python binds
    /// (`__all__`, else the public names). A name slicelab lacks is bound
    /// as a refusal, as a from-import of it binds one.
    fn star_import(&mut self, module: &str) -> PyResult<()> {
        let m = self.import_module(module)?;
        let names = super::stdlib::star_names::star_names(module).ok_or_else(|| {
            PyError::new(
                "NotImplementedError",
                format!("slicelab does not implement 'from {module} import *' yet"),
            )
        })?;
        for n in names {
            let v = match self.getattr(&m, n) {
                Ok(v) => v,
                Err(e) => {
                    let e = if e.kind == "NotImplementedError" {
                        e
                    } else {
                        PyError::new(
                            "NotImplementedError",
                            format!("slicelab does not implement {module}.{n} yet"),
                        )
                    };
                    super::object::object(super::object::Obj::Refused(e))
                }
            };
            self.bind_name(n, v);
        }
        Ok(())
    }

    /// The module a dotted name stands for: `numpy`, or an attribute path
    /// below it that slicelab has.
    fn import_module(&mut self, module: &str) -> PyResult<Value> {
        // A module slicelab has a body for comes first, also one of NumPy's
        // private modules (`numpy._core._internal`).
        if let Some(m) = self.import_stdlib(module) {
            return m;
        }
        if module == super::pymath::MODULE || super::private_modules::public_of(module).is_some() {
            return Ok(Value::Module(module.into()));
        }
        let mut parts = module.split('.');
        let top = parts.next().unwrap_or_default();
        // A module Python has and slicelab lacks imports as a module whose
        // names are each refused when read (`super::lazy_module`): the
        // import itself shows nothing in Python, and the rest of a pasted
        // snippet should not fail for a name it never uses.
        let lazily = super::stdlib::names::imports_lazily(module);
        let not_found = || match super::stdlib::names::not_found_message(module) {
            Some(message) => PyError::new("ModuleNotFoundError", message),
            // A module Python has (`this`, which prints when imported) or
            // may have (a submodule of `tkinter`): refused, not denied.
            None => PyError::new(
                "NotImplementedError",
                format!("slicelab does not have the standard module '{module}' yet"),
            ),
        };
        if top != "numpy" {
            return if lazily {
                Ok(Value::Module(module.into()))
            } else {
                Err(not_found())
            };
        }
        // An attribute that is a module (`np.emath` is `numpy.lib.scimath`)
        // is no module path of its own.
        if !super::stdlib::names::exists(module) {
            return Err(not_found());
        }
        let mut v = Value::Module("numpy".into());
        for p in parts {
            v = match self.getattr(&v, p) {
                Ok(v) => v,
                Err(_) if lazily => return Ok(Value::Module(module.into())),
                Err(_) => return Err(not_found()),
            };
        }
        Ok(v)
    }

    fn np_attr(&self, name: &str) -> PyResult<Value> {
        if matches!(name, "printoptions" | "errstate") {
            return Ok(Value::func(&format!("np.{name}")));
        }
        super::numpy::np_attr(name).ok_or_else(|| {
            super::removed_names::removed(name)
                .unwrap_or_else(|| crate::eval::error::missing_module_attribute("numpy", name))
        })
    }

    pub(super) fn call(&mut self, f: &Value, args: Args) -> PyResult<Value> {
        match f {
            Value::Function(name) if super::descriptor_names::is_descriptor(name) => {
                let mut args = args;
                let (instance, method) = super::descriptors::unbind(name, &mut args.pos)?;
                self.call_method_registered(&instance, &method, args)
            }
            Value::Function(name) => {
                let args = match super::builtin_signatures::builtin_entry(name) {
                    Some(entry) => crate::eval::binding::prepare(entry, &args)?,
                    None => args,
                };
                match super::pybuiltins::call(self, name, args)? {
                    Ok(v) => Ok(v),
                    Err(args) => self.call_registered(name, args),
                }
            }
            Value::Object(o) => match o.as_ref() {
                super::object::Obj::Func(func) => self.call_user(func, args),
                super::object::Obj::PyUfunc(u) => self.call_pyufunc(u, args),
                super::object::Obj::Vectorize(v) => self.call_vectorize(f, v, args),
                super::object::Obj::Poly1d(_) => super::poly1d::call(self, f, args),
                _ => match self.call_class_object(o, f, args) {
                    Some(r) => r,
                    None => Err(PyError::type_error(format!(
                        "'{}' object is not callable",
                        o.type_name()
                    ))),
                },
            },
            Value::Type(super::value::TypeObj::Builtin(n))
                if super::exceptions::is_exception_class(n) =>
            {
                Ok(super::exceptions::instantiate(
                    n,
                    &args.pos,
                    &self.print_options,
                ))
            }
            Value::Type(super::value::TypeObj::Builtin("dict")) if !args.pos.is_empty() => {
                let mut out: Vec<(Value, Value)> = Vec::new();
                let items = match self.mapping_pairs(&args.pos[0])? {
                    Some(pairs) => pairs,
                    None => {
                        let other = &args.pos[0];
                        let mut pairs = Vec::new();
                        for item in self.iterate_all(other)? {
                            let kv = self.iterate_all(&item)?;
                            let [k, v] = &kv[..] else {
                                return Err(PyError::value(format!(
                                    "dictionary update sequence element #{} has length {}; 2 is required",
                                    pairs.len(),
                                    kv.len()
                                )));
                            };
                            pairs.push((k.clone(), v.clone()));
                        }
                        pairs
                    }
                };
                for (k, v) in items
                    .into_iter()
                    .chain(args.kw.iter().map(|(k, v)| (Value::str(k), v.clone())))
                {
                    super::pycollections::dict_set(&mut out, k, v)?;
                }
                Ok(Value::Dict(Rc::new(std::cell::RefCell::new(out))))
            }
            Value::Type(super::value::TypeObj::Builtin(n @ ("set" | "frozenset"))) => {
                super::pysets::construct(self, *n == "frozenset", &args)
            }
            // The number in a 0-d (or one-element) array, as ndarray's
            // own `__float__`, `__int__` and `__complex__` give it.
            Value::Type(t @ super::value::TypeObj::Builtin(n @ ("float" | "int" | "complex")))
                if args.pos.first().is_some_and(|v| {
                    super::array_subclass::is_sub(v)
                        && !super::classes::has_method(v, &format!("__{n}__"))
                }) =>
            {
                let mut args = args;
                args.pos[0] = super::array_subclass::unwrap(&args.pos[0]);
                super::numpy::construct(self, t, args)
            }
            Value::Type(t) => super::numpy::construct(self, t, args),
            Value::Method(obj, name) => self.call_method_registered(obj, name, args),
            other => Err(PyError::type_error(format!(
                "'{}' object is not callable",
                other.type_name()
            ))),
        }
    }

    /// Write `print` output.
    pub(super) fn print_text(&mut self, text: &str) {
        self.printed.push_str(text);
    }
}

/// A Python int-like index, through `__index__`.
fn py_index(v: &Value, kind: &str) -> PyResult<i128> {
    match super::seq_index::operator_index(v) {
        Some(Value::Int(i)) if i64::try_from(i).is_ok() => Ok(i),
        // Past a C ssize_t, as CPython's `PyNumber_AsSsize_t` refuses it.
        Some(_) => Err(PyError::index(
            "cannot fit 'int' into an index-sized integer",
        )),
        None if matches!(v, Value::Array(_)) => Err(super::seq_index::array_index_error()),
        // CPython 3.11 words str's refusal on its own.
        None if kind == "str" => Err(PyError::type_error(format!(
            "string indices must be integers, not '{}'",
            v.type_name()
        ))),
        None => Err(PyError::type_error(format!(
            "{kind} indices must be integers or slices, not {}",
            v.type_name()
        ))),
    }
}

pub(super) fn array_getitem(a: &ArrayRef, idx: &Value) -> PyResult<Value> {
    if let Value::Str(name) = idx {
        return Ok(Value::Array(field_view(a, name)?));
    }
    if let Some(names) = is_str_list(idx) {
        return Ok(Value::Array(multi_field_view(a, &names)?));
    }
    let items = to_index_items(idx)?;
    check_result_ndim(a.ndim(), &items)?;
    let r = index::get(a, &items)?;
    if let Indexed::Scalar(_) = &r
        && let Some(record) = super::protocol::record_element(a, &items)?
    {
        return Ok(record);
    }
    Ok(wrap_indexed(a, r))
}

/// NumPy refuses an index whose result would pass 64 dimensions.
fn check_result_ndim(ndim: usize, items: &[IndexItem]) -> PyResult<()> {
    let (mut add, mut used, mut fancy) = (0usize, 0usize, None::<usize>);
    for it in items {
        match it {
            IndexItem::NewAxis => add += 1,
            IndexItem::Int(_) => used += 1,
            IndexItem::IntArray(x) => {
                used += 1;
                fancy = Some(fancy.unwrap_or(0).max(x.ndim()));
            }
            IndexItem::BoolArray(x) => {
                used += x.ndim();
                fancy = Some(fancy.unwrap_or(0).max(1));
            }
            IndexItem::Slice(..) | IndexItem::Ellipsis => {}
        }
    }
    let result = (ndim + add + fancy.unwrap_or(0)).saturating_sub(used);
    if result > 64 {
        return Err(PyError::index(format!(
            "number of dimensions must be within [0, 64], indexing result would have {result}"
        )));
    }
    Ok(())
}

fn array_setitem(a: &ArrayRef, idx: &Value, value: &Value) -> PyResult<()> {
    if let Value::Str(name) = idx {
        let f = field_view(a, name)?;
        return array_setitem(&f, &Value::Ellipsis, value);
    }
    if let Some(names) = is_str_list(idx) {
        let v = multi_field_view(a, &names)?;
        return array_setitem(&v, &Value::Ellipsis, value);
    }
    a.check_writeable()?;
    let items = to_index_items(idx)?;
    if *a.dtype() == DType::Object {
        return super::object_array::setitem(a, &items, value);
    }
    let dt = a.dtype().clone();
    let src: ArrayRef = match value {
        Value::Array(v) => v.clone(),
        Value::List(_) | Value::Tuple(_)
            if !(matches!(dt, DType::Record(_)) && matches!(value, Value::Tuple(_))) =>
        {
            // One element of an integer type takes `int()` of the value
            // (NumPy's setitem), which a list or tuple has not; a text
            // type refuses a sequence in its own words.
            use crate::engine::dtype::Kind;
            let one_element =
                index::is_basic(&items) && matches!(index::get(a, &items)?, Indexed::Scalar(_));
            if one_element && matches!(dt.kind(), Kind::Int | Kind::UInt) {
                return Err(PyError::type_error(format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                    value.type_name()
                )));
            }
            if one_element && matches!(dt.kind(), Kind::Str | Kind::Bytes) {
                return Err(PyError::value("setting an array element with a sequence"));
            }
            let arr = to_array(value, Some(&dt))?;
            // NumPy converts the value with at most the destination's ndim.
            if index::is_basic(&items)
                && let Indexed::Array(view) = index::get(a, &items)?
                && arr.ndim() > view.ndim()
            {
                return Err(PyError::value(format!(
                    "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of {}.",
                    view.ndim()
                )));
            }
            arr
        }
        // Stored into one element or a basic selection, a NumPy scalar is
        // packed as NumPy packs it (a signed integer type takes `int()` of
        // it, checked); an advanced index takes it as an array and casts.
        Value::NpScalar(..)
            if dt.kind() == crate::engine::dtype::Kind::Int && index::is_basic(&items) =>
        {
            NdArray::from_scalars(&[], dt.clone(), &[to_scalar_for(value, &dt)?])?
        }
        Value::NpScalar(sdt, s) => {
            NdArray::from_scalars(&[], sdt.clone(), std::slice::from_ref(s))?
        }
        Value::Void(v) => v.clone(),
        other => NdArray::from_scalars(&[], dt.clone(), &[to_scalar_for(other, &dt)?])?,
    };
    // Objects into a typed array: each converted as NumPy's cast does.
    let src = if *src.dtype() == DType::Object {
        super::object_array::cast_values(&src, &dt)?
    } else {
        src
    };
    // A record of several fields does not cast to a plain type, even
    // unsafely (`nostruct[:] = twofield`).
    super::convert::check_record_cast(src.dtype(), &dt)?;
    // Text into a datetime array, or datetimes into a text one: parsed or
    // formatted, and checked, as NumPy's cast does (the engine's element
    // copy cannot fail, so it would store NaT or a cut-short date).
    let is_text = |d: &DType| matches!(d.native(), DType::Str(_) | DType::Bytes(_));
    let is_time = super::datetime_convert::is_time_dtype;
    let src = if (is_time(&dt) && is_text(src.dtype())) || (is_time(src.dtype()) && is_text(&dt)) {
        super::datetime_convert::cast(&src, &dt)?
    } else {
        src
    };
    index::set(a, &items, &src)?;
    Ok(())
}

/// How CPython names a callable in the errors of a call's `*`/`**`
/// arguments (`_PyObject_FunctionStr`), with a space after:
/// `__session__.g() `, `numpy.mean() `, `print() `; empty for a callable
/// whose name slicelab does not know in that form.
fn call_desc(f: &Value) -> String {
    let named = match f {
        Value::Function(n) => match n.strip_prefix("np.") {
            // `np.random.rand` is a method of the hidden `RandomState`.
            Some(rest) if super::callable_kinds::of(n).is_some_and(|k| k.type_path == "method") => {
                let short = rest.rsplit('.').next().unwrap_or(rest);
                Some(format!("numpy.random.RandomState.{short}()"))
            }
            Some(rest) => Some(format!("numpy.{rest}()")),
            None if !n.contains('.') => Some(format!("{n}()")),
            None => None,
        },
        Value::Object(o) => match o.as_ref() {
            super::object::Obj::Func(func) => Some(format!(
                "{}.{}()",
                super::object_repr::LEARNER_MODULE,
                func.def.qualname
            )),
            super::object::Obj::BoundMethod(_, func, _) => return call_desc(func),
            _ => None,
        },
        Value::Method(obj, name) if matches!(obj.as_ref(), Value::Array(_)) => {
            Some(format!("ndarray.{name}()"))
        }
        _ => None,
    };
    named.map(|n| format!("{n} ")).unwrap_or_default()
}

#[cfg(test)]
mod from_import_tests {
    use crate::eval::Session;

    /// `from M import a, b, c` where NumPy has `b` and slicelab does not:
    /// at the top level the statement succeeds as in NumPy, and reading
    /// `b` raises the refusal; rebinding `b` ends it.
    #[test]
    fn a_refused_name_is_refused_when_read() {
        let mut s = Session::new();
        let out = s.run("from numpy.testing import assert_equal, run_threaded, assert_array_less");
        assert!(out.error.is_none());
        assert!(s.run("assert_equal(1, 1)").error.is_none());
        assert!(s.run("assert_array_less([1], [2])").error.is_none());
        assert_eq!(
            s.run("run_threaded").error.map(|e| e.kind).as_deref(),
            Some("NotImplementedError")
        );
        assert!(s.run("run_threaded = 3").error.is_none());
        assert!(s.run("run_threaded").error.is_none());
        assert!(s.run("del run_threaded").error.is_none());
        assert_eq!(
            s.run("run_threaded").error.map(|e| e.kind).as_deref(),
            Some("NameError")
        );
    }

    /// Inside a function the refusal comes at once, the statement's other
    /// names bound first.
    #[test]
    fn a_refused_name_in_a_function_is_refused_at_once() {
        let mut s = Session::new();
        let def = "def f():\n    from numpy.testing import assert_equal, run_threaded\n    return assert_equal";
        assert!(s.run(def).error.is_none());
        assert_eq!(
            s.run("f()").error.map(|e| e.kind).as_deref(),
            Some("NotImplementedError")
        );
    }

    /// A name the module does not have is Python's ImportError, and the
    /// names after it stay unbound, as in Python.
    #[test]
    fn a_missing_name_stops_the_statement() {
        let mut s = Session::new();
        let out = s.run("from numpy.ma.testutils import assert_equal, bogus, assert_");
        assert_eq!(out.error.map(|e| e.kind).as_deref(), Some("ImportError"));
        assert!(s.run("assert_equal(1, 1)").error.is_none());
        assert_eq!(
            s.run("assert_").error.map(|e| e.kind).as_deref(),
            Some("NameError")
        );
    }
}
