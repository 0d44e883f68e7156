//! Same-dtype copies between arbitrary layouts. A transposed source is
//! copied in square tiles so both sides stay in cache (NumPy walks the
//! destination in order and misses cache on every source read).

use super::element::{load, store};
use super::iter::for_each_offset2;
use super::layout::Layout;

const TILE: usize = 64;

/// Copy `T`-sized items from `sl` to `dl` (equal shapes).
pub fn copy_strided<T: bytemuck::Pod>(sbytes: &[u8], sl: &Layout, dbytes: &mut [u8], dl: &Layout) {
    let nd = dl.shape.len();
    if nd >= 2 {
        let (r, c) = (nd - 2, nd - 1);
        let item = std::mem::size_of::<T>() as isize;
        // Tiling pays when the source's last axis is not its fastest one.
        if sl.strides[c].abs() != item
            && sl.strides[r].abs() == item
            && dl.shape[r] * dl.shape[c] >= TILE * TILE
        {
            let outer_shape = &dl.shape[..r];
            let zero_s: Vec<isize> = sl.strides[..r].to_vec();
            let zero_d: Vec<isize> = dl.strides[..r].to_vec();
            let (rows, cols) = (dl.shape[r], dl.shape[c]);
            for_each_offset2(
                outer_shape,
                [&zero_s, &zero_d],
                [sl.offset as isize, dl.offset as isize],
                |s0, d0| {
                    for i0 in (0..rows).step_by(TILE) {
                        super::interrupt::poll();
                        for j0 in (0..cols).step_by(TILE) {
                            for i in i0..(i0 + TILE).min(rows) {
                                let srow = s0 + i as isize * sl.strides[r];
                                let drow = d0 + i as isize * dl.strides[r];
                                for j in j0..(j0 + TILE).min(cols) {
                                    let v: T = load(sbytes, srow + j as isize * sl.strides[c]);
                                    store(dbytes, drow + j as isize * dl.strides[c], v);
                                }
                            }
                        }
                    }
                },
            );
            return;
        }
    }
    for_each_offset2(
        &dl.shape,
        [&sl.strides, &dl.strides],
        [sl.offset as isize, dl.offset as isize],
        |s, d| store::<T>(dbytes, d, load::<T>(sbytes, s)),
    );
}
