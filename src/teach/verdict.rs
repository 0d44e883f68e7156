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
use crate::eval::{Bindings, Value, shares_memory};
use crate::syntax::ast::{Arg, Expr, ExprKind, UnaryOp};

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
enum Item {
    Int,
    Slice { step: Step },
    NewAxis,
    Ellipsis,
    Field,
    MultiField,
    IntArray,
    Mask,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    One,
    Positive,
    Negative,
}

/// The operation at the top of an expression, as the rule names it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Op {
    Name,
    Index(Vec<Item>),
    Attr(String),
    Method(String),
    Function(String),
    Arithmetic,
    Other,
}

/// Judge `result`, the value of `expr`, against the names bound before the
/// statement ran.
pub fn judge(expr: &Expr, result: &ArrayRef, before: &Bindings) -> Verdict {
    let op = operation(expr, before);
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
    let from = match (&named_source, source) {
        (Some((n, _)), _) => Source::Named(n.clone()),
        (None, Some(_)) => Source::Unnamed,
        (None, None) => Source::Nothing,
    };
    let advanced = matches!(&op, Op::Index(items) if items.iter().any(|i| matches!(i, Item::IntArray | Item::Mask)));
    if from == Source::Unnamed && result.base().is_some() && !advanced {
        return verdict(Kind::View, Source::Unnamed, &op, result);
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

/// The rule in short and at length.
fn words(kind: Kind, op: &Op) -> (String, String) {
    let copy_or_view = if kind == Kind::View { "view" } else { "copy" };
    let (short, long): (String, &str) = match (op, kind) {
        (_, Kind::Empty) => (
            "empty selection → shares no memory".into(),
            "The selection has no elements, so it touches no byte of the buffer: \
             np.shares_memory says False even though no data was copied.",
        ),
        (Op::Index(items), _) => index_words(items, kind),
        (Op::Attr(a), _) if a == "T" => (
            "transpose → view".into(),
            ".T reverses the axes by reversing the strides; no element moves.",
        ),
        (Op::Attr(a), _) => (
            format!(".{a} → {copy_or_view}"),
            "An attribute that describes the same memory in another way.",
        ),
        (Op::Method(m) | Op::Function(m), _) => call_words(m, kind),
        (Op::Arithmetic, _) => (
            "arithmetic → new array".into(),
            "Arithmetic and comparisons compute every element into a new buffer; the \
             operands are only read.",
        ),
        (Op::Name, _) => ("a name is a label".into(), "Binding a name copies nothing."),
        (Op::Other, Kind::View) => (
            "shares memory → view".into(),
            "The result lives in the same buffer as its source.",
        ),
        (Op::Other, Kind::Copy) => (
            "new buffer → copy".into(),
            "The values were copied into a new buffer.",
        ),
        (Op::Other, _) => (
            "new buffer → new array".into(),
            "A fresh array with its own buffer.",
        ),
    };
    (short, long.to_string())
}

fn index_words(items: &[Item], kind: Kind) -> (String, &'static str) {
    let has = |f: fn(&Item) -> bool| items.iter().any(f);
    let basic_too = has(|i| {
        matches!(
            i,
            Item::Int | Item::Slice { .. } | Item::NewAxis | Item::Ellipsis
        )
    });
    if has(|i| *i == Item::Mask) {
        return (
            "boolean mask → copy".into(),
            "A boolean mask picks the elements where it is True. They can sit anywhere in \
             memory, so NumPy gathers them into a new buffer: writing to the result never \
             reaches the source. (Writing through the mask, `a[mask] = x`, does.)",
        );
    }
    if has(|i| *i == Item::IntArray) {
        if basic_too {
            return (
                "mixed index (slice + integer array) → copy".into(),
                "One integer array (or list) among the indices makes the whole index \
                 advanced: the result is a copy, even where a slice alone would give a view. \
                 The advanced axes also move: their shape comes first unless they are \
                 adjacent.",
            );
        }
        return (
            "integer-array index → copy".into(),
            "An integer array or list of positions gathers those elements into a new \
             buffer, even when the positions are in order. Writing to the result never \
             reaches the source; `a[[0, 1]] = x` writes the source directly.",
        );
    }
    if has(|i| *i == Item::MultiField) {
        return (
            "multi-field index → view".into(),
            "Since NumPy 1.16 a list of field names gives a view whose dtype keeps the \
             other fields' bytes as padding: it shares memory with the records.",
        );
    }
    if has(|i| *i == Item::Field) {
        return (
            "field access → view".into(),
            "A field of a structured array is a view: its stride is the size of one whole \
             record, its offset the field's place inside the record.",
        );
    }
    if kind != Kind::View {
        return (
            "index → copy".into(),
            "The values were copied into a new buffer.",
        );
    }
    if has(|i| *i == Item::NewAxis) {
        return (
            "newaxis → view".into(),
            "None (np.newaxis) inserts an axis of length 1; it has stride 0 because moving \
             along it never moves in memory. Everything else is basic slicing: a view.",
        );
    }
    if has(|i| {
        matches!(
            i,
            Item::Slice {
                step: Step::Negative
            }
        )
    }) {
        return (
            "basic slicing, negative step → view".into(),
            "A negative step gives a negative stride: the view starts at the far end \
             (the offset) and walks memory backwards. Still no copy.",
        );
    }
    if has(|i| {
        matches!(
            i,
            Item::Slice {
                step: Step::Positive
            }
        )
    }) {
        return (
            "basic slicing with a step → view".into(),
            "A step multiplies the stride: the view skips elements in memory, nothing is \
             copied.",
        );
    }
    if items.iter().all(|i| *i == Item::Ellipsis) {
        return (
            "a[...] → view of everything".into(),
            "`a[...]` is a new array object (`a[...] is a` is False) over all of a's memory.",
        );
    }
    if !has(|i| matches!(i, Item::Slice { .. })) && has(|i| *i == Item::Int) {
        return (
            "integer index → view (drops an axis)".into(),
            "An integer picks one position on its axis and removes that axis; the rest is \
             a view with a new offset.",
        );
    }
    (
        "basic slicing → view".into(),
        "Integers, slices, None and ... only change the offset, shape and strides of a new \
         array object over the same buffer: O(1), nothing copied, and writes through it \
         change the source.",
    )
}

fn call_words(name: &str, kind: Kind) -> (String, &'static str) {
    let view = kind == Kind::View;
    match name {
        "reshape" | "ravel" if view => (
            format!("{name} of a contiguous array → view"),
            "When the elements can keep their memory order under the new shape, NumPy only \
             changes shape and strides: a view.",
        ),
        "reshape" | "ravel" => (
            format!("{name} of a non-contiguous array → copy"),
            "The elements are not laid out in the order the new shape reads them, so no \
             strides can describe the result: NumPy copies. (`copy=False` would raise.)",
        ),
        "flatten" => (
            "flatten() always copies".into(),
            "flatten() returns a copy even when ravel() could have returned a view.",
        ),
        "copy" => (
            "copy() → copy".into(),
            "An explicit copy owns a new buffer: the safe way to decouple from the source.",
        ),
        "array" => (
            "np.array copies its input".into(),
            "np.array(x) copies by default (copy=True); np.asarray(x) would not.",
        ),
        "broadcast_to" => (
            "broadcast_to → read-only view (stride 0)".into(),
            "Broadcasting repeats elements without copying them: the repeated axis has \
             stride 0, so every step along it reads the same memory. NumPy makes the view \
             read-only, because a write would land on many cells at once.",
        ),
        "transpose" | "swapaxes" | "moveaxis" => (
            format!("{name} → view"),
            "Reordering axes only permutes the strides.",
        ),
        "diagonal" => (
            "diagonal → read-only view".into(),
            "The diagonal is a view with stride row+column; NumPy makes it read-only.",
        ),
        "astype" => (
            "astype → copy".into(),
            "astype converts every element into a new buffer (copy=True by default).",
        ),
        "arange" | "zeros" | "ones" | "empty" | "full" | "linspace" | "eye" | "identity"
        | "zeros_like" | "ones_like" | "empty_like" | "full_like" => (
            format!("np.{name} → new array"),
            "A constructor allocates a fresh buffer that no other array shares.",
        ),
        "concatenate" | "stack" | "vstack" | "hstack" | "column_stack" => (
            format!("np.{name} → copy"),
            "Joining arrays always copies their values into one new buffer.",
        ),
        _ if view => (
            format!("{name} → view"),
            "The result lives in the same buffer as its source.",
        ),
        _ if kind == Kind::Copy => (
            format!("{name} → copy"),
            "The values were copied into a new buffer.",
        ),
        _ => (
            format!("{name} → new array"),
            "A fresh array with its own buffer.",
        ),
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
            Some(Value::Array(_) | Value::List(_)) => Item::IntArray,
            _ => Item::Unknown,
        },
        _ => Item::Unknown,
    }
}
