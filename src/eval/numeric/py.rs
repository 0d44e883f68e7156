//! NumPy's Python-level routines are written in Python on top of ufuncs,
//! indexing and other `np.` functions; the order of those calls fixes the
//! values' last digits and which error comes first. These helpers let the
//! routines in this module say the same calls in Rust, each going through
//! the registry (so a call binds, promotes and rounds exactly as the
//! learner's own `np.subtract(...)` or `a[1:]` would).

use std::rc::Rc;

use crate::engine::ArrayRef;
use crate::engine::dtype::DType;
use crate::syntax::ast::BinOp;

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use crate::eval::args::Args;
use crate::eval::convert::as_array;
use crate::eval::session::Session;

fn args(pos: Vec<Value>, kw: &[(&str, Value)]) -> Args {
    Args {
        pos,
        kw: kw.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
    }
}

impl Session {
    /// `np.NAME(*pos, **kw)` through the registry.
    pub(in crate::eval) fn npk(
        &mut self,
        name: &str,
        pos: Vec<Value>,
        kw: &[(&str, Value)],
    ) -> PyResult<Value> {
        self.call_registered(&format!("np.{name}"), args(pos, kw))
    }

    /// `np.NAME(*pos)`.
    pub(in crate::eval) fn npc(&mut self, name: &str, pos: Vec<Value>) -> PyResult<Value> {
        self.npk(name, pos, &[])
    }

    /// `obj.NAME(*pos, **kw)`.
    pub(in crate::eval) fn mcall(
        &mut self,
        obj: &Value,
        name: &str,
        pos: Vec<Value>,
        kw: &[(&str, Value)],
    ) -> PyResult<Value> {
        let m = self.getattr(obj, name)?;
        self.call(&m, args(pos, kw))
    }

    /// `l OP r` as Python evaluates it.
    pub(in crate::eval) fn op(&mut self, op: BinOp, l: &Value, r: &Value) -> PyResult<Value> {
        self.binary(op, l, r)
    }

    pub(in crate::eval) fn add(&mut self, l: &Value, r: &Value) -> PyResult<Value> {
        self.binary(BinOp::Add, l, r)
    }
    pub(in crate::eval) fn sub(&mut self, l: &Value, r: &Value) -> PyResult<Value> {
        self.binary(BinOp::Sub, l, r)
    }
    pub(in crate::eval) fn mul(&mut self, l: &Value, r: &Value) -> PyResult<Value> {
        self.binary(BinOp::Mul, l, r)
    }
    pub(in crate::eval) fn div(&mut self, l: &Value, r: &Value) -> PyResult<Value> {
        self.binary(BinOp::Div, l, r)
    }
    pub(in crate::eval) fn neg(&mut self, v: &Value) -> PyResult<Value> {
        self.unary(crate::syntax::ast::UnaryOp::Neg, v)
    }

    /// `obj[idx]`.
    pub(in crate::eval) fn at(&mut self, obj: &Value, idx: Value) -> PyResult<Value> {
        self.getitem(obj, &idx)
    }

    /// `obj[idx] = v`.
    pub(in crate::eval) fn set_at(&mut self, obj: &Value, idx: Value, v: &Value) -> PyResult<()> {
        self.setitem(obj, &idx, v)
    }
}

/// `slice(start, stop)`.
pub fn sl(start: Option<i64>, stop: Option<i64>) -> Value {
    let f = |x: Option<i64>| x.map_or(Value::None, |i| Value::Int(i as i128));
    Value::Slice(Rc::new([f(start), f(stop), Value::None]))
}

/// `slice(None)`.
pub fn all() -> Value {
    sl(None, None)
}

pub fn int(i: i64) -> Value {
    Value::Int(i as i128)
}

pub fn float(x: f64) -> Value {
    Value::Float(x)
}

pub fn tup(items: Vec<Value>) -> Value {
    Value::tuple(items)
}

/// A value as an array (for its dtype, shape, ndim).
pub fn arr(v: &Value) -> PyResult<ArrayRef> {
    as_array(v)
}

/// `v.dtype` (of the value as NumPy would make an array of it).
pub fn dtype(v: &Value) -> PyResult<DType> {
    Ok(as_array(v)?.dtype().clone())
}

/// `np.ndim(v)`.
pub fn ndim(v: &Value) -> PyResult<usize> {
    Ok(as_array(v)?.ndim())
}

/// `np.dtype(x)` as a value.
pub fn dt(d: DType) -> Value {
    Value::DType(d)
}

/// A `NotImplementedError` naming what slicelab leaves out.
pub fn unsupported(what: impl Into<String>) -> PyError {
    PyError::new("NotImplementedError", what.into())
}
