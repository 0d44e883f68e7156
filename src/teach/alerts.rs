//! Mutation alerts: after a statement wrote memory, every other name whose
//! values changed, each with one example cell and its old and new value.
//! "Changed" compares element bytes before and after, so writing the value
//! a cell already held alerts nobody.

use std::rc::Rc;

use crate::engine::element::read_scalar;
use crate::engine::{ArrayRef, iter};
use crate::eval::Bindings;
use crate::render::scalar_str;

use super::footprint::Footprint;
use super::journal::Writes;

/// Element visits one name's check may spend counting changed cells.
const COUNT_BUDGET: usize = 1_000_000;

/// Cells an alert lists one by one, old → new.
pub const SHOWN: usize = 6;

/// One name whose values a write changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    /// The name.
    pub name: String,
    /// Changed cells, old → new, in reading order (at most [`SHOWN`]).
    pub cells: Vec<CellChange>,
    /// How many of the name's cells changed, when counted.
    pub count: Option<usize>,
    /// The changed cells as the box of the name they fill, when they are
    /// more than one cell and fill one: `a[1:3, 2:4]`.
    pub region: Option<String>,
    /// True when the write was too large to record: the name overlaps it
    /// and may have changed.
    pub unsure: bool,
}

/// One changed cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellChange {
    /// The cell: `a[1, 2]`.
    pub cell: String,
    /// Its value before, as `str()` shows it.
    pub old: String,
    /// Its value after.
    pub new: String,
}

/// The names whose values `writes` changed, sorted.
pub fn alerts(writes: &Writes, names: &Bindings) -> Vec<Alert> {
    let mut sorted: Vec<(&String, &ArrayRef)> = names
        .iter()
        .filter_map(|(k, v)| crate::eval::array_held(v).map(|a| (k, a)))
        .collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = Vec::new();
    for (name, arr) in sorted {
        if let Some(alert) = changed_cell(name, arr, writes) {
            out.push(alert);
        } else if arr
            .layout()
            .byte_extent(arr.dtype().itemsize())
            .is_some_and(|(lo, hi)| {
                writes.unrecorded(arr.buffer(), lo.max(0) as usize, hi.max(0) as usize)
            })
        {
            out.push(Alert {
                name: name.clone(),
                cells: Vec::new(),
                count: None,
                region: None,
                unsure: true,
            });
        }
    }
    out
}

fn changed_cell(name: &str, arr: &ArrayRef, writes: &Writes) -> Option<Alert> {
    let buffer = arr.buffer();
    let runs: Vec<(usize, usize)> = writes
        .log
        .bytes
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
    let fp = Footprint::new(layout.clone(), item);
    // Each shown element: its byte offset and its index (an array whose
    // elements overlap reaches one cell from several indices).
    let mut shown: Vec<(isize, Vec<usize>)> = Vec::new();
    let mut count = None;
    let mut bounds: Option<Vec<(usize, usize)>> = None;
    if layout.size() <= COUNT_BUDGET || layout.size() <= changed_bytes {
        // Walk the name's own elements, in C order.
        let mut n = 0usize;
        let mut index = vec![0usize; layout.ndim()];
        iter::for_each_offset(
            &layout.shape,
            &layout.strides,
            layout.offset as isize,
            |o| {
                if hit(o) {
                    n += 1;
                    if shown.len() < SHOWN {
                        shown.push((o, index.clone()));
                    }
                    grow(&mut bounds, &index);
                }
                for k in (0..index.len()).rev() {
                    index[k] += 1;
                    if index[k] < layout.shape[k] {
                        break;
                    }
                    index[k] = 0;
                }
            },
        );
        count = Some(n);
    } else {
        // Walk the changed bytes and ask whether the name has an element there.
        'runs: for &(a, b) in &runs {
            for at in a..b {
                if let Some(idx) = fp.index_covering(at as isize) {
                    shown.push((layout.offset_of(&idx), idx));
                    break 'runs;
                }
            }
        }
    }
    if shown.is_empty() {
        return None;
    }
    let cells = shown
        .iter()
        .map(|(at, index)| {
            let at = *at;
            let old = writes.old_bytes(buffer, at as usize, item);
            let old = read_scalar(&old, 0, arr.dtype());
            let new = read_scalar(&buffer.bytes(), at, arr.dtype());
            CellChange {
                cell: cell_text(name, index),
                old: scalar_str(arr.dtype(), &old),
                new: scalar_str(arr.dtype(), &new),
            }
        })
        .collect();
    let region = match (count, &bounds) {
        (Some(n), Some(b))
            if n > 1 && b.iter().map(|(lo, hi)| hi - lo + 1).product::<usize>() == n =>
        {
            Some(region_text(name, b, &layout.shape))
        }
        _ => None,
    };
    Some(Alert {
        name: name.to_string(),
        cells,
        count,
        region,
        unsure: false,
    })
}

/// Widen per-axis `[lo, hi]` bounds to take in `index`.
fn grow(bounds: &mut Option<Vec<(usize, usize)>>, index: &[usize]) {
    match bounds {
        None => *bounds = Some(index.iter().map(|&i| (i, i)).collect()),
        Some(b) => {
            for ((lo, hi), &i) in b.iter_mut().zip(index) {
                *lo = (*lo).min(i);
                *hi = (*hi).max(i);
            }
        }
    }
}

/// `a[1:3, 2:4]`: a box as the slice that selects it (`:` for a whole axis,
/// a bare index for one cell).
pub fn region_text(name: &str, bounds: &[(usize, usize)], shape: &[usize]) -> String {
    let parts: Vec<String> = bounds
        .iter()
        .zip(shape)
        .map(|(&(lo, hi), &n)| {
            if lo == 0 && hi + 1 == n {
                ":".to_string()
            } else if lo == hi {
                lo.to_string()
            } else {
                format!("{lo}:{}", hi + 1)
            }
        })
        .collect();
    format!("{name}[{}]", parts.join(", "))
}

/// `a[1, 2]`, `a[3]`, `a[()]`.
pub fn cell_text(name: &str, index: &[usize]) -> String {
    if index.is_empty() {
        return format!("{name}[()]");
    }
    let parts: Vec<String> = index.iter().map(usize::to_string).collect();
    format!("{name}[{}]", parts.join(", "))
}
