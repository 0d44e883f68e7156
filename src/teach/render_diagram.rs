//! The memory diagram: the owning buffer drawn as cells (a grid when the
//! owner is 2-D, a strip otherwise), each name on that buffer as a layer in
//! its own colour and bracket. Large buffers are drawn to scale as bins, and
//! which bins a layer touches comes from a bounded sample of its elements
//! ([`Footprint::visit`]), so drawing costs the same for 10 elements and
//! 10⁸.

use crate::engine::element::read_scalar;
use crate::engine::{ArrayRef, NdArray};
use crate::render::scalar_str;
use crate::style::Palette;

use super::footprint::{self, Footprint};

/// Brackets per layer when cells show values: the result, then others.
const BRACKETS: [(char, char); 6] = [
    ('[', ']'),
    ('(', ')'),
    ('{', '}'),
    ('<', '>'),
    ('|', '|'),
    (':', ':'),
];

/// Marks per layer when cells are bins.
const MARKS: [char; 6] = ['#', 'o', 'x', '+', '%', '='];

/// Rows a grid may show cell by cell.
const MAX_ROWS: usize = 10;

/// Cells a strip may show one by one.
const MAX_STRIP_CELLS: usize = 48;

/// Rows of bins when drawn to scale.
const BIN_ROWS: usize = 8;

/// One name drawn on the buffer.
#[derive(Debug, Clone)]
pub struct Layer {
    /// The name (or a label like `result`).
    pub name: String,
    /// Its array.
    pub array: ArrayRef,
    /// What the legend says after the name.
    pub note: String,
    /// Explicit buffer cells in reading order, instead of the array's own
    /// elements (the cells a copy gathered its values from).
    pub cells: Option<Vec<usize>>,
}

/// What one board shows: cells (or bins) and which layer marks each.
struct Board {
    rows: usize,
    cols: usize,
    /// Elements per bin along rows and columns (1 and 1: cell by cell).
    per_row_bin: usize,
    per_col_bin: usize,
    /// Per bin: the first layer touching it.
    marks: Vec<Option<usize>>,
    /// Per bin: the reading order of layer 0's element there (cells only).
    order: Vec<Option<usize>>,
    /// Whether layer 0 reads cells out of buffer order.
    reordered: bool,
    /// Per bin, in cell mode: the value text.
    values: Vec<String>,
    /// Cells, or bins drawn to scale.
    exact: bool,
    /// 2-D grid (true) or strip (false).
    grid: bool,
    /// Elements in the buffer.
    cells: usize,
}

/// Draw `owner`'s buffer with `layers` on it (layer 0 is the result),
/// fitted to `width` columns.
pub fn diagram(
    owner: &ArrayRef,
    owner_name: &str,
    layers: &[Layer],
    palette: &Palette,
    width: usize,
) -> String {
    let board = board(owner, layers, width);
    let mut out = String::new();
    let item = owner.dtype().itemsize();
    let heading = format!(
        "buffer #{} · {} × {} · {} bytes · owned by {}",
        owner.buffer().id(),
        group(board.cells),
        owner.dtype().name(),
        group(board.cells * item),
        owner_name,
    );
    out.push_str(&palette.dim(&fit(&heading, width)));
    out.push('\n');
    draw(&board, palette, &mut out, false);
    if board.exact && board.reordered {
        out.push_str(&palette.dim(&fit(
            &format!("order in which {} reads these cells:", layers[0].name),
            width,
        )));
        out.push('\n');
        draw(&board, palette, &mut out, true);
    }
    if !board.exact {
        let scale = if board.grid {
            format!(
                "to scale: each mark = {} × {} elements",
                group(board.per_row_bin),
                group(board.per_col_bin)
            )
        } else {
            format!(
                "to scale: each mark = {} elements",
                group(board.per_col_bin)
            )
        };
        out.push_str(&palette.dim(&fit(&scale, width)));
        out.push('\n');
    }
    for (k, layer) in layers.iter().enumerate().take(BRACKETS.len()) {
        let key = if board.exact {
            let (o, c) = BRACKETS[k];
            format!("{o} {c}")
        } else {
            MARKS[k].to_string().repeat(2)
        };
        let mut note = layer.note.clone();
        if k > 0 && layer.cells.is_none() && covers_everything(&layer.array, board.cells, item) {
            note = format!("{note} · every cell")
                .trim_start_matches(" · ")
                .to_string();
        }
        let text = format!(
            "  {} {}{}",
            palette.layer(&key, k),
            palette.strong(&layer.name),
            fit_note(&note, width, layer.name.len() + key.len() + 4)
        );
        out.push_str(&text);
        out.push('\n');
    }
    out
}

fn fit_note(note: &str, width: usize, used: usize) -> String {
    if note.is_empty() {
        return String::new();
    }
    format!(" {}", fit(note, width.saturating_sub(used + 1)))
}

/// Cut `text` to `width` characters, ending in `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut s: String = text.chars().take(width.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// `100,000,000`.
pub fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn board(owner: &ArrayRef, layers: &[Layer], width: usize) -> Board {
    let oshape = owner.shape();
    let cells = owner.size();
    let item = owner.dtype().itemsize().max(1);
    let grid = oshape.len() == 2;
    let (nrows, ncols) = if grid {
        (oshape[0], oshape[1])
    } else {
        (1, cells)
    };
    // Cell by cell when the values fit the width.
    let values_w = if cells <= MAX_ROWS * 16 {
        value_width(owner)
    } else {
        0
    };
    let cell_w = values_w + 3;
    let label_w = if grid { digits(nrows) + 1 } else { 0 };
    let usable = width.saturating_sub(label_w + 2).max(8);
    let exact = cells > 0
        && if grid {
            nrows <= MAX_ROWS && ncols * cell_w <= usable
        } else {
            cells <= MAX_STRIP_CELLS && values_w > 0
        };
    let (rows, cols, per_row_bin, per_col_bin) = if exact {
        if grid {
            (nrows, ncols, 1, 1)
        } else {
            let per_line = (usable / cell_w).max(1);
            (cells.div_ceil(per_line), per_line.min(cells), 1, 1)
        }
    } else if grid {
        let r = nrows.clamp(1, BIN_ROWS);
        let c = ncols.clamp(1, (usable / 2).max(1));
        (r, c, nrows.div_ceil(r).max(1), ncols.div_ceil(c).max(1))
    } else {
        let per_line = (usable / 2).clamp(1, 64);
        let bins = cells.clamp(1, per_line * 3);
        let per = cells.div_ceil(bins).max(1);
        let bins = cells.div_ceil(per).max(1);
        (bins.div_ceil(per_line), per_line.min(bins), 1, per)
    };
    let nbins = rows * cols;
    let mut b = Board {
        rows,
        cols,
        per_row_bin,
        per_col_bin,
        marks: vec![None; nbins],
        order: vec![None; nbins],
        reordered: false,
        values: Vec::new(),
        exact,
        grid,
        cells,
    };
    if exact {
        let bytes = owner.buffer().bytes();
        b.values = (0..nbins)
            .map(|k| {
                if k >= cells {
                    return String::new();
                }
                let at = if grid {
                    owner.layout_ref().offset_of(&[k / ncols, k % ncols])
                } else {
                    (k * item) as isize
                };
                let v = read_scalar(&bytes, at, owner.dtype());
                let t = scalar_str(owner.dtype(), &v);
                fit(&t, values_w)
            })
            .collect();
    }
    let ofp = Footprint::new(owner.layout(), item);
    // Which bin a byte offset falls in.
    let bin_of = |at: isize| -> Option<usize> {
        if grid {
            let idx = ofp.index_covering(at)?;
            Some((idx[0] / per_row_bin) * cols + idx[1] / per_col_bin)
        } else {
            let cell = (at.max(0) as usize) / item;
            (cell < cells).then(|| if exact { cell } else { cell / per_col_bin })
        }
    };
    // Neighbouring samples may be at most one bin apart in memory.
    let gap = per_col_bin * item;
    for (slot, layer) in layers.iter().enumerate().rev() {
        if let Some(cells_of) = &layer.cells {
            for (order, &cell) in cells_of.iter().enumerate().take(footprint::BUDGET) {
                let at = ofp.layout.offset as isize + owner_offset_of(&ofp, cell);
                if let Some(bin) = bin_of(at)
                    && bin < nbins
                {
                    b.marks[bin] = Some(slot);
                    if slot == 0 && b.order[bin].is_none() {
                        b.order[bin] = Some(order);
                    }
                }
            }
            if slot == 0 {
                b.reordered = cells_of.windows(2).any(|w| w[1] <= w[0]);
            }
            continue;
        }
        if covers_everything(&layer.array, cells, item) && slot > 0 {
            continue;
        }
        let fp = Footprint::new(layer.array.layout(), layer.array.dtype().itemsize());
        let mut last: Option<isize> = None;
        let mut reordered = false;
        fp.visit(gap, |at, order| {
            if let Some(bin) = bin_of(at)
                && bin < nbins
            {
                b.marks[bin] = Some(slot);
                if slot == 0 && b.order[bin].is_none() {
                    b.order[bin] = Some(order);
                }
            }
            if last.is_some_and(|l| at <= l) {
                reordered = true;
            }
            last = Some(at);
        });
        if slot == 0 {
            b.reordered = reordered;
        }
    }
    b
}

fn draw(b: &Board, palette: &Palette, out: &mut String, order: bool) {
    let w = b
        .values
        .iter()
        .map(|v| v.chars().count())
        .max()
        .unwrap_or(1)
        .max(digits(b.order.len()));
    let label_w = if b.grid && b.exact {
        digits(b.rows) + 1
    } else {
        0
    };
    for r in 0..b.rows {
        let mut line = String::from("  ");
        if label_w > 0 {
            line.push_str(&palette.dim(&format!("{r:>width$} ", width = label_w - 1)));
        }
        for c in 0..b.cols {
            let k = r * b.cols + c;
            if !b.grid
                && k >= b
                    .marks
                    .len()
                    .min(if b.exact { b.cells } else { usize::MAX })
            {
                break;
            }
            let mark = b.marks.get(k).copied().flatten();
            if b.exact {
                let text = if order {
                    match (mark, b.order[k]) {
                        (Some(0), Some(n)) => n.to_string(),
                        _ => "·".to_string(),
                    }
                } else {
                    b.values[k].clone()
                };
                let text = format!("{text:>w$}");
                let cell = match mark {
                    Some(s) if !(order && s != 0) => {
                        let (o, cl) = BRACKETS[s.min(BRACKETS.len() - 1)];
                        palette.layer(&format!("{o}{text}{cl}"), s)
                    }
                    _ => format!(" {} ", palette.dim(&text)),
                };
                line.push_str(&cell);
                line.push(' ');
            } else {
                match mark {
                    Some(s) => line.push_str(
                        &palette.layer(&MARKS[s.min(MARKS.len() - 1)].to_string().repeat(2), s),
                    ),
                    None => line.push_str(&palette.dim("··")),
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

fn digits(n: usize) -> usize {
    n.max(1).to_string().len()
}

/// The widest value text among the owner's cells (capped at 8).
fn value_width(owner: &NdArray) -> usize {
    let bytes = owner.buffer().bytes();
    let item = owner.dtype().itemsize().max(1);
    (0..owner.size())
        .map(|k| {
            let v = read_scalar(&bytes, (k * item) as isize, owner.dtype());
            scalar_str(owner.dtype(), &v).chars().count()
        })
        .max()
        .unwrap_or(1)
        .min(8)
}

/// The byte offset (from the owner's start) of buffer cell `cell`.
fn owner_offset_of(owner: &Footprint, cell: usize) -> isize {
    (cell * owner.itemsize) as isize - owner.layout.offset as isize
}

/// Whether a layer reaches every cell of the buffer (then marking it would
/// only paint the whole board; the legend says so instead).
pub fn covers_everything(arr: &NdArray, cells: usize, item: usize) -> bool {
    arr.dtype().itemsize() == item
        && arr.size() >= cells
        && arr
            .layout()
            .byte_extent(item)
            .is_some_and(|(lo, hi)| lo == 0 && (hi - lo) as usize == cells * item)
        && arr.size() == cells
}
