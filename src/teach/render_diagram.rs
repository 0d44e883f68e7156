//! The memory diagram: the owning buffer drawn as cells (a grid when the
//! owner is 2-D, its 2-D slabs when it has more axes, a strip otherwise), each name on that buffer as a layer in
//! its own colour and bracket. Large buffers are drawn to scale as bins, and
//! which bins a layer touches comes from a bounded sample of its elements
//! ([`Footprint::visit`]), so drawing costs the same for 10 elements and
//! 10⁸.

use crate::engine::element::read_scalar;
use crate::engine::{ArrayRef, NdArray};
use crate::render::scalar_str;
use crate::style::Palette;

use super::buffer_numbers::BufferNumbers;
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

/// Rows (all slabs together) a 3-D or higher owner may show cell by cell.
const MAX_SLAB_ROWS: usize = 16;

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
    /// Per bin, in cell mode: how many of layer 0's elements read it.
    reads: Vec<usize>,
    /// Whether some cell is read by more than one of layer 0's elements
    /// (overlapping windows, stride-0 axes).
    overlapping: bool,
    /// Per bin, in cell mode: the value text.
    values: Vec<String>,
    /// Cells, or bins drawn to scale.
    exact: bool,
    /// 2-D grid (true) or strip (false).
    grid: bool,
    /// Rows per 2-D slab of a 3-D or higher owner drawn cell by cell (0:
    /// no slabs).
    slab_rows: usize,
    /// The owner's leading axes, which number the slabs.
    slab_shape: Vec<usize>,
    /// Whether each slab is a run of consecutive buffer cells (a
    /// C-ordered owner), so its heading can name them.
    slab_cells: bool,
    /// Elements in the buffer.
    cells: usize,
}

/// Draw `owner`'s buffer with `layers` on it (layer 0 is the result),
/// fitted to `width` columns.
pub fn diagram(
    owner: &ArrayRef,
    owner_name: &str,
    layers: &[Layer],
    numbers: &BufferNumbers,
    palette: &Palette,
    width: usize,
) -> String {
    let board = board(owner, layers, width);
    let mut out = String::new();
    let item = owner.dtype().itemsize();
    let heading = format!(
        "buffer #{} · {} × {} · {} bytes · owned by {}",
        numbers.of(owner.buffer()),
        group(board.cells),
        owner.dtype().name(),
        group(board.cells * item),
        owner_name,
    );
    out.push_str(&palette.dim(&fit(&heading, width)));
    out.push('\n');
    draw(&board, palette, &mut out, Show::Values);
    if board.exact && board.overlapping {
        out.push_str(&palette.dim(&fit(
            &format!(
                "{} reads some cells more than once: how many of its elements read each",
                layers[0].name
            ),
            width,
        )));
        out.push('\n');
        draw(&board, palette, &mut out, Show::Reads);
    } else if board.exact && board.reordered {
        out.push_str(&palette.dim(&fit(
            &format!("order in which {} reads these cells:", layers[0].name),
            width,
        )));
        out.push('\n');
        draw(&board, palette, &mut out, Show::Order);
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
    let nd = oshape.len();
    let cells = owner.size();
    let item = owner.dtype().itemsize().max(1);
    // A 2-D owner is a grid; a 3-D or higher one is its 2-D slabs stacked
    // (rows are the leading axes flattened), headed by their index.
    let grid = nd >= 2;
    let (nrows, ncols) = if grid {
        (oshape[..nd - 1].iter().product(), oshape[nd - 1])
    } else {
        (1, cells)
    };
    let slab_rows = if nd >= 3 { oshape[nd - 2] } else { 0 };
    let max_rows = if nd >= 3 { MAX_SLAB_ROWS } else { MAX_ROWS };
    // Cell by cell when the values fit the width.
    let values_w = if cells <= max_rows * 16 {
        value_width(owner)
    } else {
        0
    };
    let cell_w = values_w + 3;
    let label_w = if grid {
        digits(if slab_rows > 0 { slab_rows } else { nrows }) + 1
    } else {
        0
    };
    let usable = width.saturating_sub(label_w + 2).max(8);
    let exact = cells > 0
        && if grid {
            nrows <= max_rows && ncols * cell_w <= usable
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
        reads: vec![0; nbins],
        overlapping: false,
        values: Vec::new(),
        exact,
        grid,
        slab_rows: if exact { slab_rows } else { 0 },
        slab_shape: oshape[..nd.saturating_sub(2)].to_vec(),
        slab_cells: owner.is_c_contiguous() && owner.layout_ref().offset == 0,
        cells,
    };
    // The owner's index of grid row `row`, column `col`.
    let index_at = |row: usize, col: usize| -> Vec<usize> {
        let mut idx = vec![0; nd];
        let mut rest = row;
        for k in (0..nd - 1).rev() {
            idx[k] = rest % oshape[k].max(1);
            rest /= oshape[k].max(1);
        }
        idx[nd - 1] = col;
        idx
    };
    if exact {
        let bytes = owner.buffer().bytes();
        b.values = (0..nbins)
            .map(|k| {
                if k >= cells {
                    return String::new();
                }
                let at = if grid {
                    owner
                        .layout_ref()
                        .offset_of(&index_at(k / ncols, k % ncols))
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
            let row = idx[..nd - 1]
                .iter()
                .zip(&oshape)
                .fold(0, |r, (&i, &n)| r * n + i);
            Some((row / per_row_bin) * cols + idx[nd - 1] / per_col_bin)
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
        let litem = layer.array.dtype().itemsize().max(1);
        // Every element is visited (not sampled), so read counts are true.
        let counted = slot == 0 && exact && layer.array.size() <= footprint::EXACT_LIMIT;
        let fp = Footprint::new(layer.array.layout(), litem);
        let mut last: Option<isize> = None;
        let mut reordered = false;
        // Where each element starts, to tell elements that share bytes
        // from narrower elements that merely share a cell
        // (`view(np.int32)` of int64 data reads no byte twice).
        let mut starts: Vec<isize> = Vec::new();
        fp.visit(gap, |at, order| {
            if counted {
                starts.push(at);
            }
            // An element wider than the buffer's cells covers several.
            let mut hit: Vec<usize> = Vec::new();
            let mut off = 0;
            while off < litem {
                hit.extend(bin_of(at + off as isize));
                off += item;
            }
            hit.extend(bin_of(at + litem as isize - 1));
            hit.dedup();
            for bin in hit.into_iter().filter(|&bin| bin < nbins) {
                b.marks[bin] = Some(slot);
                if slot == 0 && b.order[bin].is_none() {
                    b.order[bin] = Some(order);
                }
                if counted {
                    b.reads[bin] += 1;
                }
            }
            if last.is_some_and(|l| at <= l) {
                reordered = true;
            }
            last = Some(at);
        });
        if slot == 0 {
            b.reordered = reordered;
            starts.sort_unstable();
            b.overlapping = counted && starts.windows(2).any(|w| w[1] < w[0] + litem as isize);
        }
    }
    b
}

/// What the cells of a drawn board show.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Show {
    /// The buffer's values.
    Values,
    /// Layer 0's reading order.
    Order,
    /// How many of layer 0's elements read each cell.
    Reads,
}

fn draw(b: &Board, palette: &Palette, out: &mut String, show: Show) {
    let w = b
        .values
        .iter()
        .map(|v| v.chars().count())
        .max()
        .unwrap_or(1)
        .max(digits(b.order.len()));
    let label_rows = if b.slab_rows > 0 { b.slab_rows } else { b.rows };
    let label_w = if b.grid && b.exact {
        digits(label_rows) + 1
    } else {
        0
    };
    for r in 0..b.rows {
        if b.slab_rows > 0 && r % b.slab_rows == 0 {
            out.push_str(&palette.dim(&slab_heading(b, r / b.slab_rows)));
            out.push('\n');
        }
        let mut line = String::from("  ");
        if label_w > 0 {
            let label = if b.slab_rows > 0 { r % b.slab_rows } else { r };
            line.push_str(&palette.dim(&format!("{label:>width$} ", width = label_w - 1)));
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
                let text = match (show, mark) {
                    (Show::Values, _) => b.values[k].clone(),
                    (Show::Order, Some(0)) => b.order[k].map_or("·".into(), |n| n.to_string()),
                    (Show::Reads, Some(0)) => b.reads[k].to_string(),
                    _ => "·".to_string(),
                };
                let text = format!("{text:>w$}");
                let cell = match mark {
                    Some(s) if !(show != Show::Values && s != 0) => {
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

/// `  [1] · cells 12–23`: which slab of a 3-D or higher owner follows (the
/// cells when the slab is a run of them).
fn slab_heading(b: &Board, slab: usize) -> String {
    let mut idx = vec![0; b.slab_shape.len()];
    let mut rest = slab;
    for k in (0..idx.len()).rev() {
        idx[k] = rest % b.slab_shape[k].max(1);
        rest /= b.slab_shape[k].max(1);
    }
    let idx: Vec<String> = idx.iter().map(|i| i.to_string()).collect();
    let per = b.slab_rows * b.cols;
    if b.slab_cells && per > 0 {
        format!(
            "  [{}] · cells {}–{}",
            idx.join(", "),
            slab * per,
            (slab + 1) * per - 1
        )
    } else {
        format!("  [{}]", idx.join(", "))
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
