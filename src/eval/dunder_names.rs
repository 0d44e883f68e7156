//! The names of an ndarray's special methods (`__add__`, `__radd__`,
//! `__getitem__`, `__array__`...) and what each stands for, written once:
//! `array_dunders.rs` calls them, attribute lookup and `repr` ask which
//! exist and which are type slots. A leaf: it imports only the syntax.

use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};

/// What a special method name does.
#[derive(Clone, Copy, Debug)]
pub enum Special {
    /// `a OP x`.
    Binary(BinOp),
    /// `x OP a`.
    Reflected(BinOp),
    /// `a OP= x`.
    InPlace(BinOp),
    /// `a CMP x`.
    Compare(CmpOp),
    /// `OP a`.
    Unary(UnaryOp),
    /// `abs(a)`, `len(a)`, `iter(a)`, `bool(a)`, `int(a)`, `float(a)`,
    /// `complex(a)`, `repr(a)`, `str(a)`: the builtin of that name.
    Builtin(&'static str),
    GetItem,
    SetItem,
    DelItem,
    Contains,
    /// `__array__`, `__copy__`, `__deepcopy__`: a method, not a slot.
    Method(&'static str),
}

/// The binary operators and their names, written once for `__op__`,
/// `__rop__` and `__iop__`.
const OPERATORS: [(&str, BinOp); 13] = [
    ("add", BinOp::Add),
    ("sub", BinOp::Sub),
    ("mul", BinOp::Mul),
    ("matmul", BinOp::MatMul),
    ("truediv", BinOp::Div),
    ("floordiv", BinOp::FloorDiv),
    ("mod", BinOp::Mod),
    ("pow", BinOp::Pow),
    ("lshift", BinOp::LShift),
    ("rshift", BinOp::RShift),
    ("and", BinOp::BitAnd),
    ("or", BinOp::BitOr),
    ("xor", BinOp::BitXor),
];

const COMPARISONS: [(&str, CmpOp); 6] = [
    ("eq", CmpOp::Eq),
    ("ne", CmpOp::Ne),
    ("lt", CmpOp::Lt),
    ("le", CmpOp::Le),
    ("gt", CmpOp::Gt),
    ("ge", CmpOp::Ge),
];

pub fn special(name: &str) -> Option<Special> {
    let inner = name.strip_prefix("__")?.strip_suffix("__")?;
    let op = |n: &str| OPERATORS.iter().find(|(k, _)| *k == n).map(|(_, o)| *o);
    if let Some(o) = op(inner) {
        return Some(Special::Binary(o));
    }
    if let Some(o) = inner.strip_prefix('r').and_then(op) {
        return Some(Special::Reflected(o));
    }
    if let Some(o) = inner.strip_prefix('i').and_then(op) {
        return Some(Special::InPlace(o));
    }
    if let Some((_, c)) = COMPARISONS.iter().find(|(k, _)| *k == inner) {
        return Some(Special::Compare(*c));
    }
    Some(match inner {
        "neg" => Special::Unary(UnaryOp::Neg),
        "pos" => Special::Unary(UnaryOp::Pos),
        "invert" => Special::Unary(UnaryOp::Invert),
        "abs" => Special::Builtin("abs"),
        "len" => Special::Builtin("len"),
        "iter" => Special::Builtin("iter"),
        "bool" => Special::Builtin("bool"),
        "int" => Special::Builtin("int"),
        "float" => Special::Builtin("float"),
        "complex" => Special::Builtin("complex"),
        "repr" => Special::Builtin("repr"),
        "str" => Special::Builtin("str"),
        "getitem" => Special::GetItem,
        "setitem" => Special::SetItem,
        "delitem" => Special::DelItem,
        "contains" => Special::Contains,
        "array" => Special::Method("__array__"),
        "copy" => Special::Method("__copy__"),
        "deepcopy" => Special::Method("__deepcopy__"),
        _ => return None,
    })
}

/// True when `name` is a special method an ndarray has.
pub fn has(name: &str) -> bool {
    special(name).is_some()
}

/// True when `name` is one of the array's type slots, which Python shows
/// as a `method-wrapper` (the others are ordinary built-in methods).
pub fn is_slot(name: &str) -> bool {
    special(name).is_some_and(|s| !matches!(s, Special::Method(_)))
}

/// True when a NumPy number scalar (bool, integer, float or complex) has
/// the special method `name`: the array's, without the in-place
/// operators, `@`, and the container ones; `__complex__` only on a
/// complex scalar.
pub fn scalar_has(name: &str, complex: bool) -> bool {
    match special(name) {
        None
        | Some(Special::InPlace(_))
        | Some(Special::Binary(BinOp::MatMul))
        | Some(Special::Reflected(BinOp::MatMul))
        | Some(Special::SetItem | Special::DelItem | Special::Contains) => false,
        Some(Special::Builtin("len" | "iter")) => false,
        Some(Special::Builtin("complex")) => complex,
        Some(_) => true,
    }
}
