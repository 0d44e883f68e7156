//! `dict.keys()`, `dict.values()` and `dict.items()`: live views of a dict,
//! as CPython's `dictobject.c` has them. A view sees every later change to
//! its dict, prints as `dict_keys([...])`, has a length and membership, is
//! not subscriptable, and the keys and items views are set-like: `&`, `|`,
//! `-`, `^` with any iterable give a `set`, built in the order CPython's
//! `dictviews_*` functions build it (which decides how it prints), and
//! `==`/`<=` compare them as sets. A learner who took `k = d.keys()` and
//! then changed `d` sees `k` change, as in Python.

use std::cell::RefCell;
use std::rc::Rc;

use crate::engine::kernels::CompareOp;
use crate::syntax::ast::BinOp;

use super::error::{PyError, PyResult};
use super::object::{DictView, Obj, SetTable, ViewKind, object};
use super::ops::lookup_eq;
use super::session::Session;
use super::set_table::check_hashable;
use super::value::Value;

impl ViewKind {
    /// The method that makes it (`keys`, `values`, `items`).
    pub fn from_method(name: &str) -> Option<ViewKind> {
        Some(match name {
            "keys" => ViewKind::Keys,
            "values" => ViewKind::Values,
            "items" => ViewKind::Items,
            _ => return None,
        })
    }

    /// Python's type name.
    pub fn type_name(self) -> &'static str {
        match self {
            ViewKind::Keys => "dict_keys",
            ViewKind::Values => "dict_values",
            ViewKind::Items => "dict_items",
        }
    }

    /// The type name of `iter(view)` (and of `reversed(view)`).
    pub fn iterator_name(self, reverse: bool) -> &'static str {
        match (self, reverse) {
            (ViewKind::Keys, false) => "dict_keyiterator",
            (ViewKind::Values, false) => "dict_valueiterator",
            (ViewKind::Items, false) => "dict_itemiterator",
            (ViewKind::Keys, true) => "dict_reversekeyiterator",
            (ViewKind::Values, true) => "dict_reversevalueiterator",
            (ViewKind::Items, true) => "dict_reverseitemiterator",
        }
    }

    /// Whether the view is set-like (keys and items; values are not).
    pub fn set_like(self) -> bool {
        self != ViewKind::Values
    }
}

impl DictView {
    /// `d.keys()` and the like.
    pub fn make(dict: &Rc<RefCell<Vec<(Value, Value)>>>, kind: ViewKind) -> Value {
        object(Obj::DictView(DictView {
            dict: dict.clone(),
            kind,
        }))
    }

    /// The view a value is, if it is one.
    pub fn of(v: &Value) -> Option<&DictView> {
        match v {
            Value::Object(o) => match o.as_ref() {
                Obj::DictView(view) => Some(view),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether a value is a keys or items view.
    fn is_set_like(v: &Value) -> bool {
        DictView::of(v).is_some_and(|view| view.kind.set_like())
    }

    /// How many entries its dict has now.
    pub fn len(&self) -> usize {
        self.dict.borrow().len()
    }

    /// Whether its dict is empty now.
    pub fn is_empty(&self) -> bool {
        self.dict.borrow().is_empty()
    }

    /// What the view holds now, in the dict's order.
    pub fn items(&self) -> Vec<Value> {
        let d = self.dict.borrow();
        match self.kind {
            ViewKind::Keys => d.iter().map(|(k, _)| k.clone()).collect(),
            ViewKind::Values => d.iter().map(|(_, v)| v.clone()).collect(),
            ViewKind::Items => d
                .iter()
                .map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()]))
                .collect(),
        }
    }

    /// `x in view`.
    pub fn contains(&self, x: &Value) -> PyResult<bool> {
        let d = self.dict.borrow();
        match self.kind {
            ViewKind::Keys => {
                check_hashable(x)?;
                Ok(d.iter().any(|(k, _)| lookup_eq(k, x)))
            }
            ViewKind::Values => Ok(d.iter().any(|(_, v)| lookup_eq(v, x))),
            ViewKind::Items => {
                let Value::Tuple(pair) = x else {
                    return Ok(false);
                };
                let [key, value] = pair.as_slice() else {
                    return Ok(false);
                };
                check_hashable(key)?;
                Ok(d.iter()
                    .any(|(k, v)| lookup_eq(k, key) && lookup_eq(v, value)))
            }
        }
    }

    /// `set(view)` as CPython's `dictviews_to_set` makes it: from the dict
    /// itself for a keys view (the table sized for the dict first), else
    /// by iterating.
    fn to_set(&self) -> PyResult<SetTable> {
        let mut t = SetTable::default();
        if self.kind == ViewKind::Keys {
            t.update_from_dict(&self.dict.borrow())?;
        } else {
            for v in self.items() {
                t.add(v)?;
            }
        }
        Ok(t)
    }

    /// `a OP b` where either side is a keys or items view and `OP` is a
    /// set operator; `None` when this does not apply.
    pub fn binary(s: &mut Session, op: BinOp, a: &Value, b: &Value) -> Option<PyResult<Value>> {
        if !matches!(
            op,
            BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor
        ) {
            return None;
        }
        if !DictView::is_set_like(a) && !DictView::is_set_like(b) {
            return None;
        }
        Some(set_operation(s, op, a, b).map(|t| object(Obj::Set(RefCell::new(t)))))
    }

    /// `a OP b` where either side is a view (`dictview_richcompare`):
    /// set-like views compare as sets with sets and each other; a values
    /// view is equal only to itself. `None` when this does not apply.
    pub fn compare(op: CompareOp, a: &Value, b: &Value) -> Option<PyResult<bool>> {
        if DictView::of(a).is_none() && DictView::of(b).is_none() {
            return None;
        }
        let same = matches!((a, b), (Value::Object(x), Value::Object(y)) if Rc::ptr_eq(x, y));
        let (x, y) = match (comparable(a), comparable(b)) {
            (Some(x), Some(y)) => (x, y),
            (Some(Err(e)), _) | (_, Some(Err(e))) => return Some(Err(e)),
            _ => {
                return match op {
                    CompareOp::Eq => Some(Ok(same)),
                    CompareOp::Ne => Some(Ok(!same)),
                    _ => None,
                };
            }
        };
        let (x, y) = match (x, y) {
            (Ok(x), Ok(y)) => (x, y),
            (Err(e), _) | (_, Err(e)) => return Some(Err(e)),
        };
        let equal = x.len() == y.len() && x.is_subset(&y);
        Some(Ok(match op {
            CompareOp::Eq => equal,
            CompareOp::Ne => !equal,
            CompareOp::Le => x.is_subset(&y),
            CompareOp::Lt => x.len() < y.len() && x.is_subset(&y),
            CompareOp::Ge => y.is_subset(&x),
            CompareOp::Gt => y.len() < x.len() && y.is_subset(&x),
        }))
    }

    /// `view.isdisjoint(other)`.
    pub fn method(&self, s: &mut Session, name: &str, args: &super::args::Args) -> PyResult<Value> {
        match name {
            "isdisjoint" if self.kind.set_like() => {
                let other = args.req(0, "other", "isdisjoint")?;
                for v in s.iterate_all(other)? {
                    if self.contains(&v)? {
                        return Ok(Value::Bool(false));
                    }
                }
                Ok(Value::Bool(true))
            }
            _ => Err(PyError::attribute(self.kind.type_name(), name)),
        }
    }

    /// `view.mapping`: a read-only proxy of the dict.
    pub fn mapping(&self) -> Value {
        object(Obj::MappingProxy(Value::Dict(self.dict.clone())))
    }
}

/// `set.update(other)` (`set_update_internal`): another set is merged
/// table to table, a dict added key by key into a table sized for it,
/// anything else added as it iterates.
fn update(s: &mut Session, t: &mut SetTable, other: &Value) -> PyResult<()> {
    if let Some(o) = super::pysets::table_of(other) {
        t.merge(&o);
    } else if let Value::Dict(d) = other {
        t.update_from_dict(&d.borrow())?;
    } else {
        for v in s.iterate_all(other)? {
            t.add(v)?;
        }
    }
    Ok(())
}

/// The items of `other` as a set, as `set(other)` would make them.
fn set_from(s: &mut Session, other: &Value) -> PyResult<SetTable> {
    let mut t = SetTable::default();
    update(s, &mut t, other)?;
    Ok(t)
}

fn set_operation(s: &mut Session, op: BinOp, a: &Value, b: &Value) -> PyResult<SetTable> {
    // Every operator but `&` starts from `set(left)`, whichever side the
    // view is on (CPython's nb slots get the operands in order).
    let start = |s: &mut Session, v: &Value| match DictView::of(v) {
        Some(view) => view.to_set(),
        None => set_from(s, v),
    };
    match op {
        BinOp::BitOr => {
            let mut t = start(s, a)?;
            update(s, &mut t, b)?;
            Ok(t)
        }
        BinOp::Sub => {
            let mut t = start(s, a)?;
            for v in s.iterate_all(b)? {
                t.discard(&v)?;
            }
            Ok(t)
        }
        BinOp::BitXor => {
            let mut t = start(s, a)?;
            let other = match b {
                Value::Dict(d) => d.borrow().iter().map(|(k, _)| k.clone()).collect(),
                other => set_from(s, other)?.items(),
            };
            for v in other {
                if !t.discard(&v)? {
                    t.add(v)?;
                }
            }
            Ok(t)
        }
        _ => intersect(s, a, b),
    }
}

/// `_PyDictView_Intersect`: the view is put first; a set at least as large
/// runs its own `intersection` over the view; of two views the smaller is
/// iterated; otherwise the other operand is iterated and each item the
/// view holds is added.
fn intersect(s: &mut Session, a: &Value, b: &Value) -> PyResult<SetTable> {
    let (mut me, mut other) = if DictView::is_set_like(a) {
        (a, b)
    } else {
        (b, a)
    };
    let len = |v: &Value| DictView::of(v).map(DictView::len);
    let mine = len(me).unwrap_or_default();
    if let Some(t) = super::pysets::table_of(other)
        && matches!(other, Value::Object(o) if matches!(o.as_ref(), Obj::Set(_)))
        && mine <= t.len()
    {
        let mut out = SetTable::default();
        for v in s.iterate_all(me)? {
            if t.contains(&v)? {
                out.add(v)?;
            }
        }
        return Ok(out);
    }
    if let Some(theirs) = len(other)
        && theirs > mine
    {
        std::mem::swap(&mut me, &mut other);
    }
    let view = DictView::of(me).expect("one operand is a view");
    let mut out = SetTable::default();
    for v in s.iterate_all(other)? {
        if view.contains(&v)? {
            out.add(v)?;
        }
    }
    Ok(out)
}

/// The members of a set-like operand of a comparison: a set, a frozenset
/// or a keys/items view (`None` for anything else, which compares unequal).
fn comparable(v: &Value) -> Option<PyResult<SetTable>> {
    if let Some(t) = super::pysets::table_of(v) {
        return Some(Ok(t));
    }
    let view = DictView::of(v)?;
    view.kind
        .set_like()
        .then(|| SetTable::from_items(view.items()))
}
