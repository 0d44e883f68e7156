//! The words of each rule: a short line for the summary ("basic slicing →
//! view") and a paragraph for `:explain`, chosen from the operation at the
//! top of the statement once memory has decided the verdict.

use super::verdict::{Item, Kind, Op, Step};

/// The rule in short and at length.
pub(super) fn words(kind: Kind, op: &Op) -> (String, String) {
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
    if kind == Kind::Copy && has(|i| *i == Item::ScalarArray) {
        return (
            "0-d array index → copy".into(),
            "A 0-d integer array picks a position as an integer would, but it is still an \
             array in the index: unless the index picks out one element, NumPy copies the \
             result. `a[int(k)]` gives the view.",
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
    if items.contains(&Item::Slice {
        step: Step::Negative,
    }) {
        return (
            "basic slicing, negative step → view".into(),
            "A negative step gives a negative stride: the view starts at the far end \
             (the offset) and walks memory backwards. Still no copy.",
        );
    }
    if items.contains(&Item::Slice {
        step: Step::Positive,
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
