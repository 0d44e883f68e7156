//! Python's `set` and `frozenset` at the prompt: the operators (`|`, `&`,
//! `-`, `^`, comparisons as subset tests), the methods (`add`, `discard`,
//! `update`, `union`, ...), equality that ignores order, and the
//! constructors. The table itself, and so the printed order, is
//! `set_table.rs`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::engine::kernels::CompareOp;
use crate::syntax::ast::{BinOp, Expr, ExprKind, UnaryOp};

use super::error::{PyError, PyResult};
use super::object::{Obj, object};
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::object::SetTable;
use crate::eval::session::Session;

/// The table of a set or frozenset value (a copy), if it is one.
pub fn table_of(v: &Value) -> Option<SetTable> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::Set(t) => Some(t.borrow().clone()),
            Obj::FrozenSet(t) => Some(t.clone()),
            _ => None,
        },
        _ => None,
    }
}

fn is_frozen(v: &Value) -> bool {
    matches!(v, Value::Object(o) if matches!(o.as_ref(), Obj::FrozenSet(_)))
}

/// A set (or frozenset, like `like`) holding `t`.
fn wrap(t: SetTable, frozen: bool) -> Value {
    if frozen {
        object(Obj::FrozenSet(t))
    } else {
        object(Obj::Set(RefCell::new(t)))
    }
}

/// `a OP b` when both are sets; `None` when this file does not apply.
pub fn binary(op: BinOp, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    let (x, y) = (table_of(a)?, table_of(b)?);
    let t = match op {
        BinOp::BitOr => x.union(&y),
        BinOp::BitAnd => x.intersection(&y),
        BinOp::Sub => x.difference(&y),
        BinOp::BitXor => x.symmetric_difference(&y),
        _ => return None,
    };
    Some(Ok(wrap(t, is_frozen(a))))
}

/// `a == b` for sets and ranges (`None`: not this file's values).
pub fn object_eq(a: &Rc<Obj>, b: &Rc<Obj>) -> Option<bool> {
    match (a.as_ref(), b.as_ref()) {
        (Obj::Range(x), Obj::Range(y)) => {
            let (n, m) = (x.len(), y.len());
            Some(n == m && (n == 0 || (x.start == y.start && (n == 1 || x.step == y.step))))
        }
        _ => {
            let x = table_of(&Value::Object(a.clone()))?;
            let y = table_of(&Value::Object(b.clone()))?;
            Some(x.len() == y.len() && x.is_subset(&y))
        }
    }
}

/// `<`, `<=`, `>`, `>=` between sets: subset tests.
pub fn order(op: CompareOp, a: &Value, b: &Value) -> Option<bool> {
    let (x, y) = (table_of(a)?, table_of(b)?);
    Some(match op {
        CompareOp::Le => x.is_subset(&y),
        CompareOp::Lt => x.len() < y.len() && x.is_subset(&y),
        CompareOp::Ge => y.is_subset(&x),
        CompareOp::Gt => y.len() < x.len() && y.is_subset(&x),
        _ => return None,
    })
}

/// Whether a set display is built from a constant: CPython folds a display
/// of three or more constants into a frozenset first, which can change
/// the order it prints in.
pub fn display_is_constant(items: &[Expr]) -> bool {
    fn constant(e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Str(_)
            | ExprKind::Bool(_)
            | ExprKind::NoneLit => true,
            ExprKind::Unary {
                op: UnaryOp::Neg | UnaryOp::Pos,
                operand,
            } => constant(operand),
            ExprKind::Tuple(items) => items.iter().all(constant),
            _ => false,
        }
    }
    items.len() > 2 && items.iter().all(constant)
}

/// A set display `{a, b, c}` from its evaluated items.
pub fn display(items: Vec<Value>, constant: bool) -> PyResult<Value> {
    let t = SetTable::from_items(items)?;
    let t = if constant {
        // The folded frozenset is built again from its own order, then
        // merged into the new set.
        let mut out = SetTable::default();
        out.merge(&SetTable::from_items(t.items())?);
        out
    } else {
        t
    };
    Ok(wrap(t, false))
}

/// `set(x)` / `frozenset(x)`.
pub fn construct(s: &mut Session, frozen: bool, args: &Args) -> PyResult<Value> {
    let t = match args.pos.first() {
        None => SetTable::default(),
        Some(v) => match table_of(v) {
            Some(other) => other.copy(),
            None if let Value::Dict(d) = v => {
                let mut t = SetTable::default();
                t.update_from_dict(&d.borrow())?;
                t
            }
            None => SetTable::from_items(s.iterate_all(v)?)?,
        },
    };
    Ok(wrap(t, frozen))
}

/// A method of a set; `None` when the name is not one.
pub fn method(s: &mut Session, obj: &Value, name: &str, args: &Args) -> PyResult<Option<Value>> {
    let Value::Object(o) = obj else {
        return Ok(None);
    };
    let mutable = match o.as_ref() {
        Obj::Set(t) => Some(t),
        Obj::FrozenSet(_) => None,
        _ => return Ok(None),
    };
    let Some(me) = table_of(obj) else {
        return Ok(None);
    };
    let type_name = o.type_name();
    // Arguments of the many-operand methods as tables.
    let mut others = Vec::new();
    if matches!(
        name,
        "union"
            | "intersection"
            | "difference"
            | "symmetric_difference"
            | "update"
            | "issubset"
            | "issuperset"
            | "isdisjoint"
            | "intersection_update"
            | "difference_update"
            | "symmetric_difference_update"
    ) {
        for a in &args.pos {
            others.push(match table_of(a) {
                Some(t) => t,
                None => SetTable::from_items(s.iterate_all(a)?)?,
            });
        }
    }
    let frozen = mutable.is_none();
    let pure = match name {
        "union" => Some(others.iter().fold(me.copy(), |t, o| t.union(o))),
        "intersection" => Some(others.iter().fold(me.copy(), |t, o| t.intersection(o))),
        "difference" => Some(others.iter().fold(me.copy(), |t, o| t.difference(o))),
        "symmetric_difference" => Some(
            others
                .iter()
                .fold(me.copy(), |t, o| t.symmetric_difference(o)),
        ),
        "copy" => Some(me.copy()),
        _ => None,
    };
    if let Some(t) = pure {
        return Ok(Some(wrap(t, frozen)));
    }
    let one = |what: &str| args.req(0, what, name).cloned();
    match name {
        "issubset" => return Ok(Some(Value::Bool(me.is_subset(&others[0])))),
        "issuperset" => return Ok(Some(Value::Bool(others[0].is_subset(&me)))),
        "isdisjoint" => return Ok(Some(Value::Bool(me.intersection(&others[0]).is_empty()))),
        _ => {}
    }
    let Some(cell) = mutable else {
        return Ok(None);
    };
    let out = match name {
        "add" => {
            cell.borrow_mut().add(one("object")?)?;
            Value::None
        }
        "discard" => {
            cell.borrow_mut().discard(&one("object")?)?;
            Value::None
        }
        "remove" => {
            let v = one("object")?;
            if !cell.borrow_mut().discard(&v)? {
                return Err(PyError::new(
                    "KeyError",
                    super::display::repr(&v, &s.print_options),
                ));
            }
            Value::None
        }
        "pop" => match cell.borrow_mut().pop() {
            Some(v) => v,
            None => return Err(PyError::new("KeyError", "'pop from an empty set'")),
        },
        "clear" => {
            *cell.borrow_mut() = SetTable::default();
            Value::None
        }
        "update" => {
            let mut t = cell.borrow_mut();
            for o in &others {
                t.merge(o);
            }
            Value::None
        }
        "intersection_update" | "difference_update" | "symmetric_difference_update" => {
            let mut t = cell.borrow().clone();
            for o in &others {
                t = match name {
                    "intersection_update" => t.intersection(o),
                    "difference_update" => t.difference(o),
                    _ => t.symmetric_difference(o),
                };
            }
            *cell.borrow_mut() = t;
            Value::None
        }
        _ => {
            return Err(PyError::attribute(&type_name, name));
        }
    };
    Ok(Some(out))
}

/// Public methods of `frozenset`.
pub const FROZENSET_METHODS: &[&str] = &[
    "copy",
    "difference",
    "intersection",
    "isdisjoint",
    "issubset",
    "issuperset",
    "symmetric_difference",
    "union",
];

/// Public methods of `set`.
pub const SET_METHODS: &[&str] = &[
    "add",
    "clear",
    "copy",
    "difference",
    "difference_update",
    "discard",
    "intersection",
    "intersection_update",
    "isdisjoint",
    "issubset",
    "issuperset",
    "pop",
    "remove",
    "symmetric_difference",
    "symmetric_difference_update",
    "union",
    "update",
];
