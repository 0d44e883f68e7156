//! Same-dtype copies between arbitrary layouts, on typed slices. A C-ordered
//! destination is filled row by row; when the source's rows run across
//! memory (a transpose), the copy goes in square tiles so both sides stay in
//! cache (NumPy walks the destination in order and misses cache on every
//! source read). Large copies split the destination's rows between threads.

use bytemuck::Pod;
use rayon::prelude::*;

use super::element::{load, store};
use super::iter::{for_each_offset, for_each_offset2};
use super::layout::Layout;
use super::par::{CHUNK, worth_parallel};
use super::typed::{ElemLayout, copy_row, elem_layout, elems, elems_mut};

/// Destination rows per tile. The tile's source reads are runs of `TILE`
/// consecutive elements (1 KiB of 8-byte items, long enough for the
/// prefetcher) and its `TILE` destination cache lines stay in the first-level
/// cache while a source run is scattered over them.
const TILE: usize = 128;

/// Copy `T`-sized items from `sl` to `dl` (equal shapes).
pub fn copy_strided<T: Pod + Send + Sync>(
    sbytes: &[u8],
    sl: &Layout,
    dbytes: &mut [u8],
    dl: &Layout,
) {
    let item = std::mem::size_of::<T>();
    if let (Some(se), Some(de)) = (elem_layout(sl, item), elem_layout(dl, item))
        && let Some(src) = elems::<T>(sbytes)
        && let Some(dst) = elems_mut::<T>(dbytes)
    {
        copy_elems(src, &se, dst, &de, &dl.shape, dl.is_c_contiguous(item));
        return;
    }
    for_each_offset2(
        &dl.shape,
        [&sl.strides, &dl.strides],
        [sl.offset as isize, dl.offset as isize],
        |s, d| store::<T>(dbytes, d, load::<T>(sbytes, s)),
    );
}

/// The copy in element units.
fn copy_elems<T: Pod + Send + Sync>(
    src: &[T],
    se: &ElemLayout,
    dst: &mut [T],
    de: &ElemLayout,
    shape: &[usize],
    dst_c_order: bool,
) {
    let size: usize = shape.iter().product();
    if size == 0 {
        return;
    }
    let nd = shape.len();
    if nd == 0 {
        dst[de.offset] = src[se.offset];
        return;
    }
    if !dst_c_order || de.strides.iter().any(|&s| s < 0) {
        for_each_offset2(
            shape,
            [&se.strides, &de.strides],
            [se.offset as isize, de.offset as isize],
            |s, d| dst[d as usize] = src[s as usize],
        );
        return;
    }
    let dst = &mut dst[de.offset..de.offset + size];
    if nd == 1 {
        copy_1d(src, se.offset, se.strides[0], dst);
        return;
    }
    let (rows, cols) = (shape[nd - 2], shape[nd - 1]);
    let (srs, scs) = (se.strides[nd - 2], se.strides[nd - 1]);
    let mut blocks = dst.chunks_mut(rows * cols);
    for_each_offset(
        &shape[..nd - 2],
        &se.strides[..nd - 2],
        se.offset as isize,
        |s0| {
            if let Some(block) = blocks.next() {
                copy_2d(src, s0, srs, scs, block, cols);
            }
        },
    );
}

/// `dst[k] = src[start + k*step]`, split between threads when long.
fn copy_1d<T: Pod + Send + Sync>(src: &[T], start: usize, step: isize, dst: &mut [T]) {
    let run = |c: usize, o: &mut [T]| {
        let first = start as isize + (c * CHUNK) as isize * step;
        copy_row(src, first as usize, step, o);
    };
    if worth_parallel(dst.len()) {
        dst.par_chunks_mut(CHUNK).enumerate().for_each(|(c, o)| {
            super::interrupt::poll();
            run(c, o)
        });
    } else {
        for (c, o) in dst.chunks_mut(CHUNK).enumerate() {
            super::interrupt::poll();
            run(c, o);
        }
    }
}

/// One 2-d block: `dst` is C-ordered `rows × cols`; the source starts at
/// `s0` with row stride `srs` and column stride `scs` (elements).
fn copy_2d<T: Pod + Send + Sync>(
    src: &[T],
    s0: isize,
    srs: isize,
    scs: isize,
    dst: &mut [T],
    cols: usize,
) {
    let rows = dst.len() / cols;
    // Tiling pays when the source's rows are closer together than its
    // columns: reading along a destination row would jump through memory.
    let tiled = scs.abs() > 1 && srs.abs() < scs.abs() && rows >= TILE && cols >= TILE;
    let rows_per_task = if tiled {
        TILE
    } else {
        (CHUNK / cols.max(1)).max(1)
    };
    let run = |task: usize, part: &mut [T]| {
        let r0 = task * rows_per_task;
        if tiled {
            copy_tiles(src, s0 + r0 as isize * srs, srs, scs, part, cols);
        } else {
            for (i, row) in part.chunks_mut(cols).enumerate() {
                let start = s0 + (r0 + i) as isize * srs;
                copy_row(src, start as usize, scs, row);
            }
        }
    };
    if worth_parallel(rows * cols) {
        dst.par_chunks_mut(rows_per_task * cols)
            .enumerate()
            .for_each(|(t, p)| {
                super::interrupt::poll();
                run(t, p)
            });
    } else {
        for (t, p) in dst.chunks_mut(rows_per_task * cols).enumerate() {
            super::interrupt::poll();
            run(t, p);
        }
    }
}

/// Up to `TILE` destination rows, filled one column at a time: each column
/// is a short run along the source's fast axis.
fn copy_tiles<T: Pod>(src: &[T], s0: isize, srs: isize, scs: isize, dst: &mut [T], cols: usize) {
    let rows = dst.len() / cols;
    for j in 0..cols {
        let sj = s0 + j as isize * scs;
        for i in 0..rows {
            dst[i * cols + j] = src[(sj + i as isize * srs) as usize];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(src: &[u64], sl: &Layout, shape: &[usize]) -> Vec<u64> {
        let mut out = vec![];
        for_each_offset(shape, &sl.strides, sl.offset as isize, |o| {
            out.push(src[o as usize / 8])
        });
        out
    }

    #[test]
    fn transposes_and_strides_copy_like_a_naive_walk() {
        let (r, c) = (70usize, 45usize);
        let src: Vec<u64> = (0..(r * c) as u64).collect();
        let sbytes: &[u8] = bytemuck::cast_slice(&src);
        let cases = [
            // transpose
            Layout {
                shape: vec![c, r],
                strides: vec![8, 8 * c as isize],
                offset: 0,
            },
            // every other row and column
            Layout {
                shape: vec![r / 2, c / 2],
                strides: vec![16 * c as isize, 16],
                offset: 0,
            },
            // reversed transpose
            Layout {
                shape: vec![c, r],
                strides: vec![-8, -8 * c as isize],
                offset: 8 * (r * c - 1),
            },
            // 3-d with a transposed tail
            Layout {
                shape: vec![2, c, r / 2],
                strides: vec![8 * (c * r / 2) as isize, 8, 8 * c as isize],
                offset: 0,
            },
        ];
        for sl in cases {
            let n: usize = sl.shape.iter().product();
            let mut dst = vec![0u64; n];
            let dl = Layout::c_order(&sl.shape, 8);
            copy_strided::<u64>(sbytes, &sl, bytemuck::cast_slice_mut(&mut dst), &dl);
            assert_eq!(dst, naive(&src, &sl, &sl.shape), "{sl:?}");
        }
    }
}
