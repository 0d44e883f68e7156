//! Teaching text: the summary line under a result, its diagram, and the
//! mutation alerts. Pure functions of the analysis and a [`Palette`].

use crate::engine::{ArrayRef, DType};
use crate::eval::{Bindings, Value};
use crate::style::Palette;

use super::buffer_numbers::BufferNumbers;
use super::render_diagram::{Layer, diagram, fit};
use super::verdict::{Kind, Source, Verdict};
use super::{Annotated, Report};

/// The whole teaching view of one statement.
pub fn report(
    report: &Report,
    names: &Bindings,
    numbers: &BufferNumbers,
    palette: &Palette,
    width: usize,
) -> String {
    let mut out = String::new();
    for a in &report.results {
        out.push_str(&summary(a, palette, width));
        out.push_str(&picture(a, names, numbers, palette, width));
    }
    out.push_str(&super::render_effects::effects(report, palette, width));
    if let Some(note) = &report.note {
        out.push_str(&palette.dim(&fit(note, width)));
        out.push('\n');
    }
    out
}

/// `v: (2, 2) int64 · VIEW of a · basic slicing → view`, then strides and
/// offset when they teach something.
pub fn summary(a: &Annotated, palette: &Palette, width: usize) -> String {
    let arr = &a.array;
    let v = &a.verdict;
    let of = match (&v.source, v.kind) {
        (_, Kind::New) => String::new(),
        (Source::Named(n), Kind::Alias) => format!(" of {n}"),
        (Source::Named(n), Kind::Copy) => format!(" from {n}"),
        (Source::Named(n), _) => format!(" of {n}"),
        (Source::Unnamed, Kind::Copy) => " from an unnamed array".into(),
        (Source::Unnamed, _) => " of an unnamed array".into(),
        (Source::Nothing, _) => String::new(),
    };
    let head = format!(
        "{}: {} {}",
        a.label,
        shape_text(&arr.shape()),
        arr.dtype().name()
    );
    let plain = format!("{head} · {}{of} · {}", v.kind.word(), v.rule);
    let mut out = if plain.chars().count() <= width {
        format!(
            "{} · {}{of} · {}\n",
            palette.strong(&head),
            palette.verdict(v.kind.word()),
            v.rule
        )
    } else {
        format!(
            "{} · {}{of}\n  {}\n",
            palette.strong(&fit(&head, width)),
            palette.verdict(v.kind.word()),
            fit(&v.rule, width.saturating_sub(2))
        )
    };
    if let Some(lines) = strides_line(arr, v.kind) {
        for line in lines.lines() {
            out.push_str(&palette.dim(&fit(line, width)));
            out.push('\n');
        }
    }
    out
}

/// `(3, 4)`, `(5,)`, `()`.
pub fn shape_text(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Strides and offset in bytes and elements, shown for views whose layout
/// is not the plain C order of a fresh array (a step, a negative step, a
/// stride of 0, an offset).
pub fn strides_line(arr: &ArrayRef, kind: Kind) -> Option<String> {
    if !matches!(kind, Kind::View) {
        return None;
    }
    let l = arr.layout();
    let item = arr.dtype().itemsize() as isize;
    let plain = l.offset == 0 && arr.is_c_contiguous();
    if plain || item == 0 {
        return None;
    }
    let owner_item = arr
        .base()
        .map_or(item, |b| b.dtype().itemsize() as isize)
        .max(1);
    let elems: Vec<String> = l
        .strides
        .iter()
        .map(|s| {
            if s % owner_item == 0 {
                (s / owner_item).to_string()
            } else {
                format!("{s}/{owner_item}")
            }
        })
        .collect();
    let bytes: Vec<String> = l.strides.iter().map(isize::to_string).collect();
    let tuple = |v: &[String]| {
        if v.len() == 1 {
            format!("({},)", v[0])
        } else {
            format!("({})", v.join(", "))
        }
    };
    let mut notes = Vec::new();
    if l.strides
        .iter()
        .zip(&l.shape)
        .any(|(&s, &n)| s < 0 && n > 1)
    {
        notes.push("negative: walks memory backwards");
    }
    if l.strides
        .iter()
        .zip(&l.shape)
        .any(|(&s, &n)| s == 0 && n > 1)
    {
        notes.push("0: repeats the same cells");
    }
    let unit = if owner_item == item {
        "elements"
    } else {
        "cells"
    };
    let mut text = format!(
        "  strides {} bytes = {} {unit} · offset {} bytes = cell {}",
        tuple(&bytes),
        tuple(&elems),
        l.offset,
        l.offset as isize / owner_item
    );
    for n in notes {
        text.push_str(&format!("\n  stride {n}"));
    }
    Some(text)
}

/// The diagram for one result: its owner's buffer with every name on it,
/// or for a copy the source it was gathered from.
pub fn picture(
    a: &Annotated,
    names: &Bindings,
    numbers: &BufferNumbers,
    palette: &Palette,
    width: usize,
) -> String {
    let arr = &a.array;
    match a.verdict.kind {
        Kind::View | Kind::Alias | Kind::Empty => {
            let owner = drawn_owner(arr, names);
            let layers = layers_on(arr, &a.label, &owner, names, "this result");
            diagram(
                &frame_of(&owner, names),
                &owner_name(&owner, names),
                &layers,
                numbers,
                palette,
                width,
            )
        }
        Kind::Copy => {
            let mut out = String::new();
            if let Some(src) = &a.source_array {
                let owner = drawn_owner(src, names);
                let label = match &a.verdict.source {
                    Source::Named(n) => n.clone(),
                    _ => "source".into(),
                };
                let frame = frame_of(&owner, names);
                let mut layers = Vec::new();
                if let Some(cells) = &a.gathered {
                    layers.push(Layer {
                        name: a.label.clone(),
                        array: src.clone(),
                        note: "took its values from these cells".into(),
                        cells: Some(cells.clone()),
                    });
                }
                layers.push(Layer {
                    name: label,
                    array: src.clone(),
                    note: "the source".into(),
                    cells: None,
                });
                let skip: Vec<&str> = layers.iter().map(|l| l.name.as_str()).collect();
                let more = others(&owner, names, &skip);
                layers.extend(more);
                out.push_str(&diagram(
                    &frame,
                    &owner_name(&owner, names),
                    &layers,
                    numbers,
                    palette,
                    width,
                ));
                if a.gathered.is_some() && arr.size() <= 64 {
                    let mine = vec![Layer {
                        name: a.label.clone(),
                        array: arr.clone(),
                        note: "the copy, in its own buffer".into(),
                        cells: None,
                    }];
                    let own = drawn_owner(arr, names);
                    out.push_str(&diagram(
                        &own,
                        &owner_name(&own, names),
                        &mine,
                        numbers,
                        palette,
                        width,
                    ));
                }
            }
            out.push_str(&palette.dim(&fit(
                &format!(
                    "{} has its own new buffer #{}: writes to it never reach the source",
                    a.label,
                    numbers.of(arr.buffer())
                ),
                width,
            )));
            out.push('\n');
            out
        }
        Kind::New => {
            let mut text = format!(
                "{} has its own new buffer #{}, shared with nothing",
                a.label,
                numbers.of(arr.buffer())
            );
            if arr.base().is_some() {
                text.push_str(" (a view of a fresh array)");
            }
            format!("{}\n", palette.dim(&fit(&text, width)))
        }
    }
}

/// Layer 0 is `arr`; then every other name on the same buffer.
pub fn layers_on(
    arr: &ArrayRef,
    label: &str,
    owner: &ArrayRef,
    names: &Bindings,
    note: &str,
) -> Vec<Layer> {
    let mut layers = vec![Layer {
        name: label.to_string(),
        array: arr.clone(),
        note: note.to_string(),
        cells: None,
    }];
    layers.extend(others(owner, names, &[label]));
    layers
}

fn others(owner: &ArrayRef, names: &Bindings, skip: &[&str]) -> Vec<Layer> {
    let mut v: Vec<(String, ArrayRef)> = names
        .iter()
        .filter_map(|(k, v)| match crate::eval::array_held(v) {
            Some(a) if a.same_buffer(owner) && !skip.contains(&k.as_str()) => {
                Some((k.clone(), a.clone()))
            }
            _ => None,
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v.into_iter()
        .map(|(name, array)| {
            let note = if array.owndata() {
                "owns the buffer".to_string()
            } else {
                format!(
                    "{} {}",
                    shape_text(&array.shape()),
                    dtype_word(array.dtype())
                )
            };
            Layer {
                name,
                array,
                note,
                cells: None,
            }
        })
        .collect()
}

fn dtype_word(dt: &DType) -> String {
    dt.name()
}

/// The array whose buffer a diagram draws: `arr`'s base, or for an array
/// over memory another object exports (`np.asarray(x.data)`, whose base
/// is a memoryview) the named array that owns that buffer, if any.
pub fn drawn_owner(arr: &ArrayRef, names: &Bindings) -> ArrayRef {
    let candidate = arr.base().cloned().unwrap_or_else(|| arr.clone());
    if candidate.owndata() {
        return candidate;
    }
    if let Some(named) = first_named(names, |a| a.owndata() && a.same_buffer(arr)) {
        return named;
    }
    if covers_its_buffer(&candidate) {
        return candidate;
    }
    // An array over memory another object exports may see it in any
    // shape (`as_strided`'s result): the buffer is drawn as a plain run
    // of its elements.
    let nbytes = candidate.buffer().nbytes();
    let item = candidate.dtype().itemsize();
    let (dtype, item) = if item > 0 && nbytes.is_multiple_of(item) {
        (candidate.dtype().clone(), item)
    } else {
        (DType::UInt8, 1)
    };
    let whole = crate::engine::layout::Layout::c_order(&[nbytes / item], item);
    crate::engine::NdArray::view(&candidate, dtype, whole)
}

/// Whether `a` lays its elements over all of its buffer, one each, in C
/// or Fortran order: then it can stand for the buffer in a diagram.
fn covers_its_buffer(a: &ArrayRef) -> bool {
    let l = a.layout_ref();
    l.offset == 0
        && a.size() * a.dtype().itemsize() == a.buffer().nbytes()
        && (a.is_c_contiguous() || a.is_f_contiguous())
}

/// The array of the alphabetically first name whose array passes `keep`.
fn first_named(names: &Bindings, keep: impl Fn(&ArrayRef) -> bool) -> Option<ArrayRef> {
    let mut found: Vec<(&String, &ArrayRef)> = names
        .iter()
        .filter_map(|(k, v)| {
            crate::eval::array_held(v)
                .filter(|a| keep(a))
                .map(|a| (k, a))
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(b.0));
    found.first().map(|(_, a)| (*a).clone())
}

/// The name bound to the owner itself, or "an unnamed array".
pub fn owner_name(owner: &ArrayRef, names: &Bindings) -> String {
    let mut found: Vec<&String> = names
        .iter()
        .filter(|(_, v)| matches!(v, Value::Array(a) if std::rc::Rc::ptr_eq(a, owner)))
        .map(|(k, _)| k)
        .collect();
    found.sort();
    match found.first() {
        Some(n) => (*n).clone(),
        None => "an unnamed array".into(),
    }
}

/// One verdict at length, for `:explain`.
pub fn explain(a: &Annotated, palette: &Palette, width: usize) -> String {
    let v: &Verdict = &a.verdict;
    format!(
        "{} is {} — {}\n{}",
        palette.strong(&a.label),
        palette.verdict(v.kind.word()),
        v.rule,
        wrap(&v.explanation, width)
    )
}

/// `text` with its spacing collapsed, in lines of at most `width`
/// characters, each ending in a newline.
pub fn wrap(text: &str, width: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return String::new();
    }
    format!("{}\n", crate::style::wrap(&words.join(" "), width))
}

/// The array whose shape frames the drawing of `owner`'s buffer: the owner
/// itself, unless nobody named it and a named array spans the whole buffer
/// in order (`a = np.arange(12).reshape(3, 4)` is drawn as a 3 × 4 grid).
pub fn frame_of(owner: &ArrayRef, names: &Bindings) -> ArrayRef {
    if owner_name(owner, names) != "an unnamed array" {
        return owner.clone();
    }
    first_named(names, |a| {
        a.same_buffer(owner)
            && a.dtype() == owner.dtype()
            && a.size() == owner.size()
            && a.layout().offset == 0
            && a.is_c_contiguous()
    })
    .unwrap_or_else(|| owner.clone())
}
