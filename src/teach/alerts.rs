//! Mutation alerts: after a statement wrote memory, every other name whose
//! values changed, each with one example cell and its old and new value.
//! "Changed" compares element bytes before and after, so writing the value
//! a cell already held alerts nobody.

use std::rc::Rc;

use crate::engine::element::read_scalar;
use crate::engine::{ArrayRef, iter};
use crate::eval::{Bindings, Value, shares_memory};
use crate::render::scalar_str;

use super::footprint::Footprint;
use super::journal::Writes;

/// Element visits one name's check may spend counting changed cells.
const COUNT_BUDGET: usize = 1_000_000;

/// One name whose values a write changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    /// The name.
    pub name: String,
    /// An example cell: `a[1, 2]`.
    pub cell: String,
    /// Its value before, as `str()` shows it.
    pub old: String,
    /// Its value after.
    pub new: String,
    /// How many of the name's cells changed, when counted.
    pub count: Option<usize>,
    /// True when the write was too large to record: the name overlaps it
    /// and may have changed.
    pub unsure: bool,
}

/// The names (other than `through`) whose values `writes` changed, sorted.
pub fn alerts(writes: &Writes, names: &Bindings, through: &[String]) -> Vec<Alert> {
    let mut sorted: Vec<(&String, &ArrayRef)> = names
        .iter()
        .filter_map(|(k, v)| match v {
            Value::Array(a) if !through.contains(k) => Some((k, a)),
            _ => None,
        })
        .collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = Vec::new();
    for (name, arr) in sorted {
        if let Some(alert) = changed_cell(name, arr, writes) {
            out.push(alert);
        } else if writes
            .unrecorded
            .iter()
            .any(|d| shares_memory(d, arr, true))
        {
            out.push(Alert {
                name: name.clone(),
                cell: name.clone(),
                old: String::new(),
                new: String::new(),
                count: None,
                unsure: true,
            });
        }
    }
    out
}

fn changed_cell(name: &str, arr: &ArrayRef, writes: &Writes) -> Option<Alert> {
    let buffer = arr.buffer();
    let runs: Vec<(usize, usize)> = writes
        .snapshots
        .iter()
        .zip(&writes.changed)
        .filter(|(s, _)| Rc::ptr_eq(&s.buffer, buffer))
        .flat_map(|(_, r)| r.iter().copied())
        .collect();
    if runs.is_empty() {
        return None;
    }
    let item = arr.dtype().itemsize();
    let layout = arr.layout();
    let changed_bytes: usize = runs.iter().map(|(a, b)| b - a).sum();
    let hit = |at: isize| at >= 0 && writes.touched(buffer, at as usize, item);
    let mut first: Option<isize> = None;
    let mut count = None;
    if layout.size() <= COUNT_BUDGET || layout.size() <= changed_bytes {
        // Walk the name's own elements.
        let mut n = 0usize;
        iter::for_each_offset(
            &layout.shape,
            &layout.strides,
            layout.offset as isize,
            |o| {
                if hit(o) {
                    n += 1;
                    if first.is_none() {
                        first = Some(o);
                    }
                }
            },
        );
        count = Some(n);
    } else {
        // Walk the changed bytes and ask whether the name has an element there.
        let fp = Footprint::new(layout.clone(), item);
        'runs: for &(a, b) in &runs {
            for at in a..b {
                if let Some(idx) = fp.index_covering(at as isize) {
                    first = Some(layout.offset_of(&idx));
                    break 'runs;
                }
            }
        }
    }
    let at = first?;
    let fp = Footprint::new(layout, item);
    let index = fp.index_of(at)?;
    let old = writes.old_bytes(buffer, at as usize, item);
    let old = read_scalar(&old, 0, arr.dtype());
    let new = read_scalar(&buffer.bytes(), at, arr.dtype());
    Some(Alert {
        name: name.to_string(),
        cell: cell_text(name, &index),
        old: scalar_str(arr.dtype(), &old),
        new: scalar_str(arr.dtype(), &new),
        count,
        unsure: false,
    })
}

/// `a[1, 2]`, `a[3]`, `a[()]`.
pub fn cell_text(name: &str, index: &[usize]) -> String {
    if index.is_empty() {
        return format!("{name}[()]");
    }
    let parts: Vec<String> = index.iter().map(usize::to_string).collect();
    format!("{name}[{}]", parts.join(", "))
}
