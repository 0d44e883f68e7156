//! Fast paths for the commonest advanced indices: one integer array or one
//! boolean mask over the leading axes (`a[idx]`, `a[mask]`, `a[idx] = v`,
//! `a[mask] = v`). They read the index array where it lies and write the
//! result directly: no index lists, offset tables or per-element layouts,
//! so a gather of 10^7 elements allocates only its result.
//!
//! Each entry point answers `None` when its case does not apply — including
//! every error (out-of-bounds index, mismatched mask) — and the general path
//! in `index.rs` then does the work and words NumPy's message. Data moves as
//! unsigned words of the widest size that divides the element block, offset
//! and stride, so one kernel serves every dtype.

use bytemuck::Pod;
use rayon::prelude::*;

use super::array::{ArrayRef, NdArray};
use super::element::Element;
use super::error::EngineError;
use super::index::IndexItem;
use super::layout::Layout;
use super::par::{self, CHUNK, worth_parallel};
use super::typed::{elems, elems_mut};
use crate::dispatch_numeric;

/// The leading `k` axes of an array seen as one axis of `n` positions:
/// position `f` starts at word `base + f*stride` and is a C-contiguous
/// block of `len` words. `unit` is the word size in bytes.
#[derive(Debug, Clone, Copy)]
struct Rows {
    n: usize,
    base: usize,
    stride: isize,
    len: usize,
    unit: usize,
}

/// `Rows` for the first `k` axes of `l`, or `None` when they do not
/// flatten to one stride or the rest is not one C-ordered block.
fn rows_of(l: &Layout, k: usize, item: usize) -> Option<(Rows, Vec<usize>)> {
    if k == 0 || k > l.ndim() {
        return None;
    }
    let flattens = (0..k - 1).all(|i| l.strides[i] == l.strides[i + 1] * l.shape[i + 1] as isize);
    let rest = Layout {
        shape: l.shape[k..].to_vec(),
        strides: l.strides[k..].to_vec(),
        offset: 0,
    };
    let block = rest.size() * item;
    if !flattens || block == 0 || !rest.is_c_contiguous(item) {
        return None;
    }
    let stride = l.strides[k - 1];
    let unit = [8usize, 4, 2, 1].into_iter().find(|&u| {
        block.is_multiple_of(u) && l.offset.is_multiple_of(u) && stride % u as isize == 0
    })?;
    let rows = Rows {
        n: l.shape[..k].iter().product(),
        base: l.offset / unit,
        stride: stride / unit as isize,
        len: block / unit,
        unit,
    };
    Some((rows, rest.shape))
}

/// Run `$body` with `$W` bound to the unsigned word of `$unit` bytes.
macro_rules! with_word {
    ($unit:expr, $W:ident => $body:expr) => {
        match $unit {
            8 => {
                type $W = u64;
                $body
            }
            4 => {
                type $W = u32;
                $body
            }
            2 => {
                type $W = u16;
                $body
            }
            _ => {
                type $W = u8;
                $body
            }
        }
    };
}

/// The elements of a C-contiguous array as a typed slice.
fn dense<'b, T: Pod>(bytes: &'b [u8], a: &NdArray) -> Option<&'b [T]> {
    let l = a.layout_ref();
    let size = std::mem::size_of::<T>();
    if !l.is_c_contiguous(size) || !l.offset.is_multiple_of(size) {
        return None;
    }
    let start = l.offset / size;
    elems::<T>(bytes)?.get(start..start + l.size())
}

/// Normalise index `v` for an axis of length `n`; `None` when out of bounds.
#[inline(always)]
fn position(v: i64, n: usize) -> Option<usize> {
    let j = if v < 0 { v.wrapping_add(n as i64) } else { v };
    (j >= 0 && (j as u64) < n as u64).then_some(j as usize)
}

/// Word index of block `f`.
#[inline(always)]
fn at(r: &Rows, f: usize) -> usize {
    (r.base as isize + f as isize * r.stride) as usize
}

/// `source[items]` for one integer array or one mask, or `None`.
pub fn try_get(source: &ArrayRef, items: &[IndexItem]) -> Result<Option<ArrayRef>, EngineError> {
    match items {
        [IndexItem::IntArray(ix)] if ix.ndim() >= 1 => take(source, ix),
        [IndexItem::BoolArray(m)] if m.ndim() >= 1 => compress(source, m),
        _ => Ok(None),
    }
}

/// `dest[items] = value` for one integer array or one mask; `false` when
/// the general path must do it. The caller has checked writeability.
pub fn try_set(
    dest: &ArrayRef,
    items: &[IndexItem],
    value: &ArrayRef,
) -> Result<bool, EngineError> {
    if !dest.dtype().is_gapless() {
        // Whole-item byte copies would overwrite the other fields in the gaps.
        return Ok(false);
    }
    match items {
        [IndexItem::IntArray(ix)] if ix.ndim() >= 1 => put(dest, ix, value),
        [IndexItem::BoolArray(m)] if m.ndim() >= 1 => put_masked(dest, m, value),
        _ => Ok(false),
    }
}

/// `source[ix]`: rows picked by an integer array, into a new owner.
fn take(source: &ArrayRef, ix: &NdArray) -> Result<Option<ArrayRef>, EngineError> {
    let item = source.dtype().itemsize();
    let Some((rows, rest)) = rows_of(&source.layout_ref(), 1, item) else {
        return Ok(None);
    };
    if matches!(ix.dtype(), super::dtype::DType::UInt64) {
        return Ok(None);
    }
    let mut shape = ix.shape();
    shape.extend(rest);
    let out = NdArray::for_overwrite(&shape, source.dtype().clone())?;
    let done = {
        let ib = ix.buffer().bytes();
        let sb = source.buffer().bytes();
        let mut db = out.buffer().bytes_mut();
        dispatch_numeric!(ix.dtype(), I => with_word!(rows.unit, W => {
            match (dense::<I>(&ib, ix), elems::<W>(&sb), elems_mut::<W>(&mut db)) {
                (Some(ix), Some(src), Some(dst)) => take_words(ix, &rows, src, dst),
                _ => false,
            }
        }), _ => false)
    };
    Ok(done.then_some(out))
}

/// The gather loop; `false` at the first index out of bounds.
fn take_words<I: Element, W: Pod + Send + Sync>(
    ix: &[I],
    r: &Rows,
    src: &[W],
    dst: &mut [W],
) -> bool {
    par::try_for_each_rows(dst, r.len, |r0, out| {
        let picks = &ix[r0..r0 + out.len() / r.len];
        if r.len == 1 {
            for (o, &v) in out.iter_mut().zip(picks) {
                *o = src[at(r, position(v.to_i64(), r.n).ok_or(())?)];
            }
        } else {
            for (o, &v) in out.chunks_mut(r.len).zip(picks) {
                let s = at(r, position(v.to_i64(), r.n).ok_or(())?);
                o.copy_from_slice(&src[s..s + r.len]);
            }
        }
        Ok::<(), ()>(())
    })
    .is_ok()
}

/// A C-contiguous mask whose shape is the leading shape of `a`, as bytes.
fn mask_bytes<'b>(bytes: &'b [u8], m: &NdArray, a_shape: &[usize]) -> Option<&'b [u8]> {
    let ms = m.shape();
    if ms.len() > a_shape.len() || ms[..] != a_shape[..ms.len()] {
        return None;
    }
    dense::<u8>(bytes, m)
}

/// True entries in each `CHUNK` of the mask.
fn chunk_counts(mask: &[u8]) -> Vec<usize> {
    par::map_chunks(mask.len(), |a, b| {
        mask[a..b].iter().filter(|&&x| x != 0).count()
    })
}

/// Split `out` into consecutive pieces of `counts[c] * len` words.
fn pieces<'o, W>(mut out: &'o mut [W], counts: &[usize], len: usize) -> Vec<&'o mut [W]> {
    let mut v = Vec::with_capacity(counts.len());
    for &c in counts {
        let (a, b) = std::mem::take(&mut out).split_at_mut(c * len);
        v.push(a);
        out = b;
    }
    v
}

/// Run `f(chunk, piece)` over mask chunks and their output pieces.
fn over_pieces<W: Send>(
    n: usize,
    pieces: Vec<&mut [W]>,
    f: impl Fn(usize, &mut [W]) + Sync + Send,
) {
    if worth_parallel(n) {
        pieces.into_par_iter().enumerate().for_each(|(c, p)| {
            super::interrupt::poll();
            f(c, p)
        });
    } else {
        for (c, p) in pieces.into_iter().enumerate() {
            super::interrupt::poll();
            f(c, p);
        }
    }
}

/// `source[mask]`: the blocks where the mask is true, into a new owner.
fn compress(source: &ArrayRef, m: &NdArray) -> Result<Option<ArrayRef>, EngineError> {
    let item = source.dtype().itemsize();
    let shape = source.shape();
    let Some((rows, rest)) = rows_of(&source.layout_ref(), m.ndim(), item) else {
        return Ok(None);
    };
    let mb = m.buffer().bytes();
    let Some(mask) = mask_bytes(&mb, m, &shape) else {
        return Ok(None);
    };
    let counts = chunk_counts(mask);
    let mut out_shape = vec![counts.iter().sum::<usize>()];
    out_shape.extend(rest);
    let out = NdArray::for_overwrite(&out_shape, source.dtype().clone())?;
    let done = {
        let sb = source.buffer().bytes();
        let mut db = out.buffer().bytes_mut();
        with_word!(rows.unit, W => match (elems::<W>(&sb), elems_mut::<W>(&mut db)) {
            (Some(src), Some(dst)) => {
                compress_words(mask, &counts, &rows, src, dst);
                true
            }
            _ => false,
        })
    };
    Ok(done.then_some(out))
}

fn compress_words<W: Pod + Send + Sync>(
    mask: &[u8],
    counts: &[usize],
    r: &Rows,
    src: &[W],
    dst: &mut [W],
) {
    let parts = pieces(dst, counts, r.len);
    over_pieces(mask.len(), parts, |c, piece| {
        let f0 = c * CHUNK;
        let chunk = &mask[f0..(f0 + CHUNK).min(mask.len())];
        let mut j = 0;
        for (k, &on) in chunk.iter().enumerate() {
            if on != 0 {
                let s = at(r, f0 + k);
                if r.len == 1 {
                    piece[j] = src[s];
                } else {
                    piece[j * r.len..(j + 1) * r.len].copy_from_slice(&src[s..s + r.len]);
                }
                j += 1;
            }
        }
    });
}

/// What a set writes: one block repeated, or one block per position.
enum Source<'v, W> {
    Repeat(Vec<W>),
    Each(&'v [W]),
}

/// The value as words for `count` blocks of `r.len` words: a size-1 value
/// repeated, or a C-contiguous value of exactly the result's shape.
fn source_words<'v, W: Pod>(
    vb: &'v [u8],
    value: &NdArray,
    shown: &[usize],
    r: &Rows,
) -> Option<Source<'v, W>> {
    if value.size() == 1 {
        let l = value.layout_ref();
        let item = value.dtype().itemsize();
        let one = &vb[l.offset..l.offset + item];
        let block: Vec<u8> = one.iter().copied().cycle().take(r.len * r.unit).collect();
        let words = block
            .chunks_exact(r.unit)
            .map(bytemuck::pod_read_unaligned)
            .collect();
        return Some(Source::Repeat(words));
    }
    if value.shape() != shown {
        return None;
    }
    dense::<W>(vb, value).map(Source::Each)
}

/// The value in `dest`'s dtype (cast when it differs) and off `dest`'s
/// buffer; `None` for a larger value on that buffer (the general path
/// copies it out first).
fn prepared_value(dest: &NdArray, value: &ArrayRef) -> Result<Option<ArrayRef>, EngineError> {
    if value.same_buffer(dest) {
        if value.size() != 1 {
            return Ok(None);
        }
        // One element of dest itself: take it out before writing.
        let own = value.copy(super::array::Order::C)?;
        return Ok(Some(super::kernels::cast(&own, dest.dtype())?));
    }
    Ok(Some(super::kernels::cast(value, dest.dtype())?))
}

/// `dest[ix] = value`. Bounds are checked before any write, as NumPy does;
/// positions are written in index order, so a repeated index keeps the
/// last value.
fn put(dest: &ArrayRef, ix: &NdArray, value: &ArrayRef) -> Result<bool, EngineError> {
    let item = dest.dtype().itemsize();
    let Some((rows, rest)) = rows_of(&dest.layout_ref(), 1, item) else {
        return Ok(false);
    };
    if matches!(ix.dtype(), super::dtype::DType::UInt64) || ix.same_buffer(dest) {
        return Ok(false);
    }
    let Some(value) = prepared_value(dest, value)? else {
        return Ok(false);
    };
    let mut shown = ix.shape();
    shown.extend(rest);
    let ib = ix.buffer().bytes();
    let vb = value.buffer().bytes();
    let mut db = dest.bytes_mut();
    let done = dispatch_numeric!(ix.dtype(), I => with_word!(rows.unit, W => {
        match (dense::<I>(&ib, ix), source_words::<W>(&vb, &value, &shown, &rows)) {
            (Some(ix), Some(src)) if ix.iter().all(|&v| position(v.to_i64(), rows.n).is_some()) => {
                match elems_mut::<W>(&mut db) {
                    Some(dst) => {
                        put_words(ix, &rows, &src, dst);
                        true
                    }
                    None => false,
                }
            }
            _ => false,
        }
    }), _ => false);
    Ok(done)
}

fn put_words<I: Element, W: Pod>(ix: &[I], r: &Rows, src: &Source<'_, W>, dst: &mut [W]) {
    for (k, &v) in ix.iter().enumerate() {
        let Some(f) = position(v.to_i64(), r.n) else {
            continue;
        };
        let d = at(r, f);
        match src {
            Source::Repeat(w) => dst[d..d + r.len].copy_from_slice(w),
            Source::Each(w) => dst[d..d + r.len].copy_from_slice(&w[k * r.len..(k + 1) * r.len]),
        }
    }
}

/// `dest[mask] = value`.
fn put_masked(dest: &ArrayRef, m: &NdArray, value: &ArrayRef) -> Result<bool, EngineError> {
    let item = dest.dtype().itemsize();
    let shape = dest.shape();
    let Some((rows, rest)) = rows_of(&dest.layout_ref(), m.ndim(), item) else {
        return Ok(false);
    };
    if m.same_buffer(dest) {
        return Ok(false);
    }
    let Some(value) = prepared_value(dest, value)? else {
        return Ok(false);
    };
    let mb = m.buffer().bytes();
    let Some(mask) = mask_bytes(&mb, m, &shape) else {
        return Ok(false);
    };
    let counts = chunk_counts(mask);
    let mut shown = vec![counts.iter().sum::<usize>()];
    shown.extend(rest);
    let vb = value.buffer().bytes();
    let mut db = dest.bytes_mut();
    let done = with_word!(rows.unit, W => {
        match (source_words::<W>(&vb, &value, &shown, &rows), elems_mut::<W>(&mut db)) {
            (Some(src), Some(dst)) => {
                put_masked_words(mask, &counts, &rows, &src, dst);
                true
            }
            _ => false,
        }
    });
    Ok(done)
}

fn put_masked_words<W: Pod + Send + Sync>(
    mask: &[u8],
    counts: &[usize],
    r: &Rows,
    src: &Source<'_, W>,
    dst: &mut [W],
) {
    // Where the rows lie back to back, each mask chunk owns its stretch of
    // the destination and chunks can run in parallel.
    if r.stride == r.len as isize {
        let region = &mut dst[r.base..r.base + r.n * r.len];
        let mut firsts = Vec::with_capacity(counts.len());
        let mut acc = 0;
        for &c in counts {
            firsts.push(acc);
            acc += c;
        }
        par::for_each_rows(region, CHUNK * r.len, |c, part| {
            let f0 = c * CHUNK;
            let chunk = &mask[f0..f0 + part.len() / r.len];
            match src {
                Source::Repeat(w) if r.len == 1 => {
                    let v = w[0];
                    for (d, &on) in part.iter_mut().zip(chunk) {
                        if on != 0 {
                            *d = v;
                        }
                    }
                }
                _ => {
                    let mut j = firsts[c];
                    for (k, &on) in chunk.iter().enumerate() {
                        if on != 0 {
                            let d = &mut part[k * r.len..(k + 1) * r.len];
                            match src {
                                Source::Repeat(w) => d.copy_from_slice(w),
                                Source::Each(w) => {
                                    d.copy_from_slice(&w[j * r.len..(j + 1) * r.len])
                                }
                            }
                            j += 1;
                        }
                    }
                }
            }
        });
        return;
    }
    let mut j = 0;
    for (f, &on) in mask.iter().enumerate() {
        if on != 0 {
            let d = at(r, f);
            match src {
                Source::Repeat(w) => dst[d..d + r.len].copy_from_slice(w),
                Source::Each(w) => {
                    dst[d..d + r.len].copy_from_slice(&w[j * r.len..(j + 1) * r.len])
                }
            }
            j += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::dtype::DType;
    use super::super::index::{Indexed, get, set};
    use super::super::scalar::Scalar;
    use super::*;

    fn ints(shape: &[usize], dtype: DType, vals: impl IntoIterator<Item = i64>) -> ArrayRef {
        let v: Vec<Scalar> = vals.into_iter().map(Scalar::Int).collect();
        NdArray::from_scalars(shape, dtype, &v).unwrap()
    }

    fn bools(shape: &[usize], vals: impl IntoIterator<Item = bool>) -> ArrayRef {
        let v: Vec<Scalar> = vals.into_iter().map(Scalar::Bool).collect();
        NdArray::from_scalars(shape, DType::Bool, &v).unwrap()
    }

    fn contents(r: Indexed) -> (Vec<usize>, Vec<Scalar>) {
        match r {
            Indexed::Array(a) => (a.shape(), a.to_scalars()),
            Indexed::Scalar(s) => (vec![], vec![s]),
        }
    }

    /// The fast path against the general one (an extra `...` skips the
    /// fast path and means the same index).
    fn same_as_general(a: &ArrayRef, item: IndexItem) {
        let fast = try_get(a, std::slice::from_ref(&item)).unwrap();
        assert!(fast.is_some(), "fast path taken for {item:?}");
        let general = get(a, &[item, IndexItem::Ellipsis]).unwrap();
        assert_eq!(contents(Indexed::Array(fast.unwrap())), contents(general));
    }

    #[test]
    fn gathers_match_the_general_path() {
        let a = ints(&[10], DType::Int64, 0..10);
        same_as_general(
            &a,
            IndexItem::IntArray(ints(&[4], DType::Int64, [3, -1, 0, 3])),
        );
        same_as_general(
            &a,
            IndexItem::IntArray(ints(&[2, 2], DType::Int32, [9, 8, -10, 1])),
        );
        let m = ints(&[4, 3], DType::Int16, 0..12);
        same_as_general(&m, IndexItem::IntArray(ints(&[3], DType::Int64, [2, 0, 2])));
        // A strided source: every other element.
        let Indexed::Array(odd) = get(&a, &[IndexItem::Slice(Some(1), None, Some(2))]).unwrap()
        else {
            panic!("a view")
        };
        same_as_general(
            &odd,
            IndexItem::IntArray(ints(&[3], DType::Int8, [4, 0, -2])),
        );
    }

    #[test]
    fn masks_match_the_general_path() {
        let a = ints(&[7], DType::UInt8, 0..7);
        same_as_general(
            &a,
            IndexItem::BoolArray(bools(&[7], (0..7).map(|i| i % 3 == 0))),
        );
        let m = ints(&[3, 4], DType::Float64, 0..12);
        same_as_general(
            &m,
            IndexItem::BoolArray(bools(&[3, 4], (0..12).map(|i| i > 4))),
        );
        same_as_general(&m, IndexItem::BoolArray(bools(&[3], [true, false, true])));
    }

    #[test]
    fn errors_are_left_to_the_general_path() {
        let a = ints(&[3], DType::Int64, 0..3);
        let far = [IndexItem::IntArray(ints(&[1], DType::Int64, [3]))];
        assert!(try_get(&a, &far).unwrap().is_none());
        let short = [IndexItem::BoolArray(bools(&[2], [true, true]))];
        assert!(try_get(&a, &short).unwrap().is_none());
        let seven = ints(&[], DType::Int64, [7]);
        assert!(!try_set(&a, &far, &seven).unwrap());
        assert_eq!(a.to_scalars(), ints(&[3], DType::Int64, 0..3).to_scalars());
    }

    #[test]
    fn sets_match_the_general_path() {
        let cases: Vec<(IndexItem, ArrayRef)> = vec![
            // repeated index: the last value wins
            (
                IndexItem::IntArray(ints(&[3], DType::Int64, [1, -5, 1])),
                ints(&[3], DType::Int64, [10, 20, 30]),
            ),
            (
                IndexItem::IntArray(ints(&[2], DType::Int32, [0, 4])),
                ints(&[], DType::Int64, [-1]),
            ),
            (
                IndexItem::BoolArray(bools(&[6], (0..6).map(|i| i % 2 == 1))),
                ints(&[], DType::Int8, [9]),
            ),
            (
                IndexItem::BoolArray(bools(&[6], (0..6).map(|i| i < 2))),
                ints(&[2], DType::Int64, [7, 8]),
            ),
        ];
        for (item, value) in cases {
            let fast = ints(&[6], DType::Int64, 0..6);
            let general = ints(&[6], DType::Int64, 0..6);
            assert!(try_set(&fast, std::slice::from_ref(&item), &value).unwrap());
            set(&general, &[item, IndexItem::Ellipsis], &value).unwrap();
            assert_eq!(fast.to_scalars(), general.to_scalars());
        }
        // A one-element value that is part of the destination.
        let a = ints(&[6], DType::Int64, 0..6);
        let Indexed::Array(last) = get(&a, &[IndexItem::Slice(Some(5), None, None)]).unwrap()
        else {
            panic!("a view")
        };
        let mask = IndexItem::BoolArray(bools(&[6], (0..6).map(|i| i < 3)));
        assert!(try_set(&a, &[mask], &last).unwrap());
        assert_eq!(
            a.to_scalars(),
            ints(&[6], DType::Int64, [5, 5, 5, 3, 4, 5]).to_scalars()
        );
        // Rows of a 2-d array.
        let fast = ints(&[3, 2], DType::Float32, 0..6);
        let general = ints(&[3, 2], DType::Float32, 0..6);
        let mask = IndexItem::BoolArray(bools(&[3], [true, false, true]));
        let row = ints(&[], DType::Int64, [5]);
        assert!(try_set(&fast, std::slice::from_ref(&mask), &row).unwrap());
        set(&general, &[mask, IndexItem::Ellipsis], &row).unwrap();
        assert_eq!(fast.to_scalars(), general.to_scalars());
    }
}
