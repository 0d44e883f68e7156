//! The verdict on one array a statement produced: VIEW, COPY, NEW, ALIAS
//! or EMPTY, the source it was taken from, and the rule that decided it.
//!
//! Truth comes from memory, never from the syntax: the verdict is VIEW
//! exactly when the result shares memory with its source (as
//! `np.shares_memory` says), ALIAS when it is the very same object. The
//! syntax only picks the words of the rule. Cost: O(ndim) plus the bounded
//! overlap test of [`shares_memory`].

use std::rc::Rc;

use crate::engine::ArrayRef;
use crate::eval::provenance::Producer;
use crate::eval::{Bindings, Value, shares_memory};
use crate::syntax::ast::{Arg, Expr, ExprKind, UnaryOp};

use super::rules::words;

/// What a result is, memory-wise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Shares memory with its source.
    View,
    /// A new buffer holding values taken from its source.
    Copy,
    /// A fresh array, not taken from another.
    New,
    /// The same object under another name.
    Alias,
    /// A view with no elements: it shares no memory at all.
    Empty,
}

impl Kind {
    /// The word the summary shows, in capitals.
    pub fn word(self) -> &'static str {
        match self {
            Kind::View => "VIEW",
            Kind::Copy => "COPY",
            Kind::New => "NEW",
            Kind::Alias => "ALIAS",
            Kind::Empty => "EMPTY",
        }
    }

    /// Whether NumPy's `np.shares_memory(result, source)` is True.
    pub fn shares_memory(self) -> bool {
        matches!(self, Kind::View | Kind::Alias)
    }
}

/// Where a result came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A named array (`a` in `a[1:]`).
    Named(String),
    /// An array nobody named (`np.arange(12)` in `np.arange(12).reshape(3, 4)`).
    Unnamed,
    /// Nothing: the array was built from scratch.
    Nothing,
}

/// The verdict on one result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// VIEW, COPY, NEW, ALIAS or EMPTY.
    pub kind: Kind,
    /// What it was taken from.
    pub source: Source,
    /// The rule in a few plain words ("basic slicing → view").
    pub rule: String,
    /// The rule at length, with NumPy's quirks (`:explain`).
    pub explanation: String,
}

/// How one index item reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Item {
    Int,
    Slice {
        step: Step,
    },
    NewAxis,
    Ellipsis,
    Field,
    MultiField,
    IntArray,
    /// A 0-d integer array: an integer that makes the result a copy.
    ScalarArray,
    Mask,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    One,
    Positive,
    Negative,
}

/// The operation at the top of an expression, as the rule names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Op {
    Name,
    Index(Vec<Item>),
    Attr(String),
    Method(String),
    Function(String),
    Arithmetic,
    Other,
}

/// Judge `result`, the value of `expr`, against the names bound before the
/// statement ran, with the evaluator's record of what `expr` was applied to
/// (`producer`; absent for a name or an operator).
pub fn judge(
    expr: &Expr,
    result: &ArrayRef,
    before: &Bindings,
    producer: Option<&Producer>,
) -> Verdict {
    let mut op = operation(expr, before);
    if let (Op::Index(_), Some(idx)) = (&op, producer.and_then(|p| p.index.as_ref())) {
        op = Op::Index(items_of_value(idx));
    }
    // ALIAS: the very object some name already held.
    if let Some(name) = named_as(result, before) {
        let rule = match &op {
            Op::Name => "a name is a label, nothing is copied".to_string(),
            Op::Attr(a) if a == "base" => ".base is the array that owns the memory".to_string(),
            Op::Function(f) => format!("np.{f} returned its argument itself"),
            _ => "the same object, not a new one".to_string(),
        };
        return Verdict {
            kind: Kind::Alias,
            source: Source::Named(name.clone()),
            explanation: format!(
                "This is the same array object as `{name}` (`is` is True): two names, one \
                 object. A write through either name is a write to the other."
            ),
            rule,
        };
    }
    // An array a tuple (or NumPy's result namedtuple) already holds:
    // `r.values`, `t[0]` hand back that very object.
    if let Some(holder) = held_by(result, before) {
        return Verdict {
            kind: Kind::Alias,
            source: Source::Named(holder.clone()),
            explanation: format!(
                "This is the array object `{holder}` holds (`is` is True): reading an item of \
                 a tuple copies nothing. A write through this name is a write to the array \
                 inside `{holder}`."
            ),
            rule: format!("an item of {holder}, the array itself"),
        };
    }
    let source = source_expr(expr);
    let named_source = source
        .and_then(root_name)
        .and_then(|n| array_named(n, before).map(|a| (n.to_string(), a)));
    // Memory decides; the syntax only names the rule.
    if let Some((name, src)) = named_source
        .clone()
        .or_else(|| sharing_name(result, before))
    {
        if shares_memory(result, &src, true) {
            return verdict(Kind::View, Source::Named(name), &op, result);
        }
        if result.same_buffer(&src) {
            return verdict(Kind::Empty, Source::Named(name), &op, result);
        }
    }
    // A function applied to no array at all (`np.array([1, 2, 3])`) made
    // its values itself.
    if matches!(op, Op::Function(_)) && producer.is_some_and(|p| !p.from_array) {
        return verdict(Kind::New, Source::Nothing, &op, result);
    }
    let from = match (&named_source, source) {
        (Some((n, _)), _) => Source::Named(n.clone()),
        (None, Some(_)) => Source::Unnamed,
        (None, None) => Source::Nothing,
    };
    let advanced = matches!(&op, Op::Index(items) if items.iter().any(|i| matches!(i, Item::IntArray | Item::Mask)));
    if from == Source::Unnamed && result.base().is_some() && !advanced {
        return verdict(Kind::View, Source::Unnamed, &op, result);
    }
    // `X.copy()[:300]`, `X[[0, 1]].T`: a view, but of a new array the
    // expression made from `X`, so no memory of `X`'s.
    if let (Some((name, _)), true, false, Op::Index(_) | Op::Attr(_)) =
        (&named_source, result.base().is_some(), advanced, &op)
    {
        return Verdict {
            kind: Kind::Copy,
            source: Source::Named(name.clone()),
            rule: format!("a view of a new array made from {name}"),
            explanation: format!(
                "The expression first made a new array from `{name}` (a copy), then took a \
                 view of that: the result shares no memory with `{name}`, so writing to it \
                 never reaches `{name}`."
            ),
        };
    }
    let kind = if copies(&op) || from != Source::Nothing && !constructs(&op) {
        Kind::Copy
    } else {
        Kind::New
    };
    let from = if kind == Kind::New {
        Source::Nothing
    } else {
        from
    };
    verdict(kind, from, &op, result)
}

fn verdict(kind: Kind, source: Source, op: &Op, result: &ArrayRef) -> Verdict {
    let (rule, mut explanation) = words(kind, op);
    if kind == Kind::Copy && result.base().is_some() {
        explanation.push_str(
            " NumPy quirk: this result's `.base` is not None, yet it shares no memory with \
             its source. Advanced indexing gathered the values into a fresh buffer and then \
             handed back a transposed view of that buffer, so `.base` points at the hidden \
             gathered array. `np.shares_memory` is the honest test, not `.base`.",
        );
    }
    if kind == Kind::View && source == Source::Unnamed {
        explanation.push_str(
            " The array it views was never given a name (for example the result of \
             `np.arange(12)` before `.reshape`): it lives on as this array's `.base`, which is \
             why `a.base` is not None even though you never wrote a slice.",
        );
    }
    Verdict {
        kind,
        source,
        rule,
        explanation,
    }
}

/// Operations whose new buffer holds the source's values.
fn copies(op: &Op) -> bool {
    match op {
        Op::Index(_) => true,
        Op::Method(m) | Op::Function(m) => matches!(
            m.as_str(),
            "copy"
                | "flatten"
                | "reshape"
                | "ravel"
                | "array"
                | "astype"
                | "take"
                | "repeat"
                | "compress"
                | "ascontiguousarray"
                | "asfortranarray"
                | "concatenate"
                | "stack"
                | "vstack"
                | "hstack"
                | "column_stack"
                | "tile"
                | "sort"
                | "flip"
        ),
        _ => false,
    }
}

/// Operations that build a fresh array whatever their arguments.
fn constructs(op: &Op) -> bool {
    match op {
        Op::Arithmetic => true,
        Op::Method(m) | Op::Function(m) => !copies(op) && !m.is_empty(),
        _ => false,
    }
}

/// The name a result is already bound to (ALIAS), if any.
fn named_as<'a>(result: &ArrayRef, before: &'a Bindings) -> Option<&'a String> {
    let mut names: Vec<&String> = before
        .iter()
        .filter(|(_, v)| matches!(v, Value::Array(a) if Rc::ptr_eq(a, result)))
        .map(|(k, _)| k)
        .collect();
    names.sort();
    names.into_iter().next()
}

/// The name of a tuple, list or result namedtuple that holds `result`
/// itself as one of its items (the alphabetically first).
fn held_by<'a>(result: &ArrayRef, before: &'a Bindings) -> Option<&'a String> {
    let holds = |v: &Value| -> bool {
        let v = crate::eval::named_tuple::plain(v);
        let items: Vec<Value> = match v {
            Value::Tuple(t) => t.as_ref().clone(),
            Value::List(l) => l.borrow().clone(),
            _ => return false,
        };
        items
            .iter()
            .any(|x| matches!(x, Value::Array(a) if Rc::ptr_eq(a, result)))
    };
    let mut names: Vec<&String> = before
        .iter()
        .filter(|(_, v)| holds(v))
        .map(|(k, _)| k)
        .collect();
    names.sort();
    names.into_iter().next()
}

/// A named array sharing memory with `result` (the alphabetically first).
fn sharing_name(result: &ArrayRef, before: &Bindings) -> Option<(String, ArrayRef)> {
    let mut found: Vec<(String, ArrayRef)> = before
        .iter()
        .filter_map(|(k, v)| match v {
            Value::Array(a) if a.same_buffer(result) => Some((k.clone(), a.clone())),
            _ => None,
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
        .iter()
        .find(|(_, a)| shares_memory(result, a, true))
        .cloned()
}

fn array_named(name: &str, before: &Bindings) -> Option<ArrayRef> {
    match before.get(name) {
        Some(Value::Array(a)) => Some(a.clone()),
        _ => None,
    }
}

/// The operand a result is taken from: the indexed object, the receiver of
/// a method, the first argument of an `np.` function.
pub fn source_expr(expr: &Expr) -> Option<&Expr> {
    match &expr.kind {
        ExprKind::Subscript { value, .. } => Some(value),
        ExprKind::Attribute { value, .. } if !is_np(value) => Some(value),
        ExprKind::Call { func, args } => match &func.kind {
            ExprKind::Attribute { value, .. } if is_np(value) => first_arg(args),
            ExprKind::Attribute { value, .. } => Some(value),
            _ => None,
        },
        _ => None,
    }
}

fn first_arg(args: &[Arg]) -> Option<&Expr> {
    args.iter().find_map(|a| match a {
        Arg::Positional(e) => Some(e),
        Arg::Keyword(k, e) if k == "a" => Some(e),
        Arg::Keyword(..) => None,
    })
}

fn is_np(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Name(n) if n == "np" || n == "numpy")
}

/// The name at the bottom of a chain of subscripts, attributes and method
/// calls (`a` in `a.T[1:].reshape(2, 3)`).
pub fn root_name(expr: &Expr) -> Option<&str> {
    match &expr.kind {
        ExprKind::Name(n) if n != "np" => Some(n),
        _ => source_expr(expr).and_then(root_name),
    }
}

fn operation(expr: &Expr, before: &Bindings) -> Op {
    match &expr.kind {
        ExprKind::Name(_) => Op::Name,
        ExprKind::Subscript { index, .. } => Op::Index(items(index, before)),
        ExprKind::Attribute { name, .. } => Op::Attr(name.clone()),
        ExprKind::Call { func, .. } => match &func.kind {
            ExprKind::Attribute { value, name } if is_np(value) => Op::Function(name.clone()),
            ExprKind::Attribute { name, .. } => Op::Method(name.clone()),
            _ => Op::Other,
        },
        ExprKind::Binary { .. } | ExprKind::Unary { .. } | ExprKind::Compare { .. } => {
            Op::Arithmetic
        }
        _ => Op::Other,
    }
}

/// The index items of an evaluated index: kinds by the values' types and
/// dtypes, as NumPy decides them.
fn items_of_value(index: &Value) -> Vec<Item> {
    match index {
        Value::Tuple(parts) => parts.iter().map(item_of_value).collect(),
        other => vec![item_of_value(other)],
    }
}

fn item_of_value(v: &Value) -> Item {
    match v {
        Value::Bool(_) | Value::NpScalar(crate::engine::DType::Bool, _) => Item::Mask,
        Value::Int(_) | Value::NpScalar(..) => Item::Int,
        Value::Slice(s) => Item::Slice {
            step: match &s[2] {
                Value::None => Step::One,
                Value::Int(1) => Step::One,
                Value::Int(n) if *n < 0 => Step::Negative,
                _ => Step::Positive,
            },
        },
        Value::None => Item::NewAxis,
        Value::Ellipsis => Item::Ellipsis,
        Value::Str(_) => Item::Field,
        Value::Array(a) if matches!(a.dtype(), crate::engine::DType::Bool) => Item::Mask,
        Value::Array(a) if a.ndim() == 0 => Item::ScalarArray,
        // An array, or an object NumPy reads as one (`range(2, 5)`).
        Value::Array(_) | Value::Object(_) => Item::IntArray,
        Value::List(xs) => {
            let xs = xs.borrow();
            if !xs.is_empty() && xs.iter().all(|x| matches!(x, Value::Str(_))) {
                Item::MultiField
            } else if !xs.is_empty() && xs.iter().all(|x| matches!(x, Value::Bool(_))) {
                Item::Mask
            } else {
                Item::IntArray
            }
        }
        _ => Item::Unknown,
    }
}

fn items(index: &Expr, before: &Bindings) -> Vec<Item> {
    match &index.kind {
        ExprKind::Tuple(parts) => parts.iter().map(|p| item(p, before)).collect(),
        _ => vec![item(index, before)],
    }
}

fn item(e: &Expr, before: &Bindings) -> Item {
    match &e.kind {
        ExprKind::Int(_) | ExprKind::BigInt(_) => Item::Int,
        ExprKind::Unary {
            op: UnaryOp::Neg | UnaryOp::Pos,
            operand,
        } if matches!(operand.kind, ExprKind::Int(_)) => Item::Int,
        ExprKind::Unary {
            op: UnaryOp::Invert,
            ..
        }
        | ExprKind::Compare { .. }
        | ExprKind::Bool(_) => Item::Mask,
        ExprKind::Binary { .. } => Item::Mask,
        ExprKind::Slice { step, .. } => Item::Slice {
            step: match step.as_deref().map(|s| &s.kind) {
                None => Step::One,
                Some(ExprKind::Int(1)) => Step::One,
                Some(ExprKind::Unary {
                    op: UnaryOp::Neg, ..
                }) => Step::Negative,
                Some(_) => Step::Positive,
            },
        },
        ExprKind::NoneLit => Item::NewAxis,
        ExprKind::Attribute { name, .. } if name == "newaxis" => Item::NewAxis,
        ExprKind::Ellipsis => Item::Ellipsis,
        ExprKind::Str(_) => Item::Field,
        ExprKind::List(xs)
            if !xs.is_empty() && xs.iter().all(|x| matches!(x.kind, ExprKind::Str(_))) =>
        {
            Item::MultiField
        }
        ExprKind::List(xs) if xs.iter().any(|x| matches!(x.kind, ExprKind::Bool(_))) => Item::Mask,
        ExprKind::List(_) | ExprKind::Call { .. } => Item::IntArray,
        ExprKind::Name(n) => match before.get(n) {
            Some(Value::Int(_) | Value::NpScalar(..)) => Item::Int,
            Some(Value::Slice(_)) => Item::Slice { step: Step::One },
            Some(Value::None) => Item::NewAxis,
            Some(Value::Ellipsis) => Item::Ellipsis,
            Some(Value::Str(_)) => Item::Field,
            Some(Value::Array(a)) if matches!(a.dtype(), crate::engine::DType::Bool) => Item::Mask,
            Some(Value::Array(a)) if a.ndim() == 0 => Item::ScalarArray,
            Some(Value::Array(_) | Value::List(_)) => Item::IntArray,
            _ => Item::Unknown,
        },
        _ => Item::Unknown,
    }
}
