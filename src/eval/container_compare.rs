//! `==`, `!=`, `<`, ... between two tuples, two lists or two dicts whose
//! items need the session to compare: NumPy arrays and scalars and the
//! learner's instances. CPython compares such containers item by item
//! with `PyObject_RichCompareBool` — identity first, then the item's own
//! `==`, whose truth is taken — so an array item raises NumPy's ambiguity
//! error and a learner's `__eq__` runs. Containers of plain values keep the
//! value comparison of `ops::python_eq`/`python_order`.

use super::error::PyResult;
use super::object::Obj;
use super::value::Value;
use crate::eval::session::Session;
use crate::syntax::ast::CmpOp;

/// How deep [`holds_rich_items`] looks into nested containers.
const MAX_DEPTH: usize = 32;

/// Whether `v` is, or holds at any depth, a value whose comparison the
/// plain value comparison cannot answer: an array, a NumPy scalar, a
/// learner's instance, a masked array, a matrix or a polynomial.
pub fn holds_rich_items(v: &Value) -> bool {
    fn walk(v: &Value, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        match super::named_tuple::plain(v) {
            Value::Array(_) | Value::NpScalar(..) => true,
            Value::Tuple(t) => t.iter().any(|x| walk(x, depth + 1)),
            Value::List(l) => l.borrow().iter().any(|x| walk(x, depth + 1)),
            Value::Dict(d) => d.borrow().iter().any(|(_, x)| walk(x, depth + 1)),
            Value::Object(o) => matches!(
                o.as_ref(),
                Obj::Instance(_) | Obj::Masked(_) | Obj::Matrix(_) | Obj::Poly1d(_)
            ),
            _ => false,
        }
    }
    walk(v, 0)
}

impl Session {
    /// `l OP r` for two tuples, two lists or two dicts (`==`/`!=` only)
    /// that hold rich items; `None` for any other pair, which the plain
    /// comparison answers.
    pub(super) fn compare_containers(
        &mut self,
        op: CmpOp,
        l: &Value,
        r: &Value,
    ) -> Option<PyResult<Value>> {
        let (l, r) = (super::named_tuple::plain(l), super::named_tuple::plain(r));
        let (x, y, is_list) = match (l, r) {
            (Value::Tuple(x), Value::Tuple(y)) => (x.to_vec(), y.to_vec(), false),
            (Value::List(x), Value::List(y)) => (x.borrow().clone(), y.borrow().clone(), true),
            (Value::Dict(_), Value::Dict(_)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                if !holds_rich_items(l) && !holds_rich_items(r) {
                    return None;
                }
                return Some(
                    self.dicts_equal(l, r)
                        .map(|eq| Value::Bool(eq == (op == CmpOp::Eq))),
                );
            }
            _ => return None,
        };
        if !holds_rich_items(l) && !holds_rich_items(r) {
            return None;
        }
        Some(super::ops::compare_nested(|| {
            self.compare_sequences(op, &x, &y, is_list)
        }))
    }

    /// `PyObject_RichCompareBool(a, b, Py_EQ)`: identity, else the truth
    /// of `a == b`.
    pub(super) fn items_equal(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if a.is(b) {
            return Ok(true);
        }
        let eq = self.compare(CmpOp::Eq, a, b)?;
        self.truth_of(&eq)
    }

    /// CPython's `list_richcompare`/`tuplerichcompare`: lists of different
    /// lengths are unequal before any item is compared (tuples compare
    /// their common items first); the first item that differs decides an
    /// ordering with its own `<` (whatever that gives back).
    fn compare_sequences(
        &mut self,
        op: CmpOp,
        x: &[Value],
        y: &[Value],
        is_list: bool,
    ) -> PyResult<Value> {
        if is_list && x.len() != y.len() && matches!(op, CmpOp::Eq | CmpOp::Ne) {
            return Ok(Value::Bool(op == CmpOp::Ne));
        }
        for (a, b) in x.iter().zip(y) {
            if self.items_equal(a, b)? {
                continue;
            }
            return match op {
                CmpOp::Eq => Ok(Value::Bool(false)),
                CmpOp::Ne => Ok(Value::Bool(true)),
                _ => self.compare(op, a, b),
            };
        }
        let (n, m) = (x.len(), y.len());
        Ok(Value::Bool(match op {
            CmpOp::Eq => n == m,
            CmpOp::Ne => n != m,
            CmpOp::Lt => n < m,
            CmpOp::Le => n <= m,
            CmpOp::Gt => n > m,
            _ => n >= m,
        }))
    }

    /// CPython's `dict_equal`: the same size, and every key of `l` in `r`
    /// with an equal value (identity first), in `l`'s order.
    fn dicts_equal(&mut self, l: &Value, r: &Value) -> PyResult<bool> {
        let (Value::Dict(a), Value::Dict(b)) = (l, r) else {
            return Ok(false);
        };
        if a.borrow().len() != b.borrow().len() {
            return Ok(false);
        }
        let entries = a.borrow().clone();
        for (k, av) in entries {
            let bv = b
                .borrow()
                .iter()
                .find(|(k2, _)| super::ops::lookup_eq(&k, k2))
                .map(|(_, v)| v.clone());
            let Some(bv) = bv else {
                return Ok(false);
            };
            if !super::ops::compare_nested(|| self.items_equal(&av, &bv))? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}
