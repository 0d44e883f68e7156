//! `np.repeat` and `np.tile` as byte copies. Both only rearrange whole
//! items, so they copy bytes whatever the dtype (an object element's bytes
//! are its reference, a record's bytes its fields): no element is read as a
//! value. The source is read once as a C-ordered run and the result is
//! written in order, as NumPy's `PyArray_Repeat` and `tile` write it.

use super::array::{ArrayRef, NdArray};
use super::error::EngineError;
use super::interrupt;

/// `a` with the `k`-th slice along `axis` repeated `counts[k]` times, or
/// each `counts[0]` times when only one count is given (NumPy's
/// broadcast repeats): a new C-ordered array.
pub fn repeat(a: &ArrayRef, axis: usize, counts: &[usize]) -> Result<ArrayRef, EngineError> {
    let shape = a.shape();
    let n = shape[axis];
    let uniform = match counts {
        [c] => Some(*c),
        _ if counts.windows(2).all(|w| w[0] == w[1]) => counts.first().copied(),
        _ => None,
    };
    let total = match uniform {
        Some(c) => n.checked_mul(c),
        None => counts.iter().try_fold(0usize, |t, &c| t.checked_add(c)),
    }
    .ok_or(EngineError::ArrayTooBig)?;
    let mut out_shape = shape.clone();
    out_shape[axis] = total;
    let out = NdArray::for_overwrite(&out_shape, a.dtype().clone())?;
    if out.size() == 0 {
        return Ok(out);
    }
    let src = NdArray::c_run(a)?;
    let item = a.dtype().itemsize();
    let outer: usize = shape[..axis].iter().product();
    let inner: usize = shape[axis + 1..].iter().product::<usize>() * item;
    let sbytes = src.buffer().bytes();
    let start = src.layout().offset;
    let from = &sbytes[start..start + a.size() * item];
    let mut dbytes = out.bytes_mut();
    let mut pos = 0;
    for block in from.chunks_exact(n * inner).take(outer) {
        interrupt::check()?;
        match uniform {
            Some(c) => {
                let dst = &mut dbytes[pos..pos + block.len() * c];
                match inner {
                    1 => repeat_items::<1>(block, dst, c),
                    2 => repeat_items::<2>(block, dst, c),
                    4 => repeat_items::<4>(block, dst, c),
                    8 => repeat_items::<8>(block, dst, c),
                    16 => repeat_items::<16>(block, dst, c),
                    _ => {
                        for (k, slice) in block.chunks_exact(inner).enumerate() {
                            fill_copies(slice, &mut dst[k * inner * c..(k + 1) * inner * c]);
                        }
                    }
                }
                pos += block.len() * c;
            }
            None => {
                for (slice, &c) in block.chunks_exact(inner).zip(counts) {
                    fill_copies(slice, &mut dbytes[pos..pos + inner * c]);
                    pos += inner * c;
                }
            }
        }
    }
    drop(dbytes);
    Ok(out)
}

/// Each `N`-byte item of `src` written `c` times in a row into `dst`.
/// Items as `[u8; N]` (alignment one, so any offset) copy as whole words.
fn repeat_items<const N: usize>(src: &[u8], dst: &mut [u8], c: usize) {
    if c == 0 {
        return;
    }
    let src: &[[u8; N]] = bytemuck::cast_slice(src);
    let dst: &mut [[u8; N]] = bytemuck::cast_slice_mut(dst);
    if c == 2 {
        for (x, d) in src.iter().zip(dst.chunks_exact_mut(2)) {
            d[0] = *x;
            d[1] = *x;
        }
    } else {
        for (x, d) in src.iter().zip(dst.chunks_exact_mut(c)) {
            d.fill(*x);
        }
    }
}

/// `dst` filled with copies of `piece` (its length a multiple of
/// `piece.len()`): one copy, then doubling copies of what is written.
fn fill_copies(piece: &[u8], dst: &mut [u8]) {
    if dst.is_empty() {
        return;
    }
    dst[..piece.len()].copy_from_slice(piece);
    fill_copies_within(dst, 0, piece.len(), dst.len() / piece.len());
}

/// `np.tile` of `a` already given `reps.len()` dimensions (`a.ndim() ==
/// reps.len()`): a new C-ordered array of shape `shape[k] * reps[k]`.
pub fn tile(a: &ArrayRef, reps: &[usize]) -> Result<ArrayRef, EngineError> {
    let shape = a.shape();
    debug_assert_eq!(shape.len(), reps.len());
    let out_shape = shape
        .iter()
        .zip(reps)
        .map(|(&s, &r)| s.checked_mul(r))
        .collect::<Option<Vec<usize>>>()
        .ok_or(EngineError::ArrayTooBig)?;
    let out = NdArray::for_overwrite(&out_shape, a.dtype().clone())?;
    if out.size() == 0 {
        return Ok(out);
    }
    let src = NdArray::c_run(a)?;
    let item = a.dtype().itemsize();
    let sbytes = src.buffer().bytes();
    let start = src.layout().offset;
    let from = &sbytes[start..start + a.size() * item];
    let mut dbytes = out.bytes_mut();
    let written = tile_into(from, &shape, reps, &mut dbytes, 0)?;
    debug_assert_eq!(written, dbytes.len().min(out.size() * item));
    drop(dbytes);
    Ok(out)
}

/// Write the tiling of the C-ordered block `src` (of `shape`) at `pos`;
/// returns the position after it. Each sub-block is written once and then
/// copied from where it lies, so the work is one pass over the output.
fn tile_into(
    src: &[u8],
    shape: &[usize],
    reps: &[usize],
    out: &mut [u8],
    pos: usize,
) -> Result<usize, EngineError> {
    if reps.iter().all(|&r| r == 1) {
        out[pos..pos + src.len()].copy_from_slice(src);
        return Ok(pos + src.len());
    }
    interrupt::check()?;
    let mut end = pos;
    if reps[1..].iter().all(|&r| r == 1) {
        // The block's rows are not tiled: it is copied whole.
        out[pos..pos + src.len()].copy_from_slice(src);
        end += src.len();
    } else {
        let sub = src.len() / shape[0];
        for row in src.chunks_exact(sub) {
            end = tile_into(row, &shape[1..], &reps[1..], out, end)?;
        }
    }
    let block = end - pos;
    fill_copies_within(out, pos, block, reps[0]);
    Ok(pos + block * reps[0])
}

/// `out[pos..pos + block]` copied after itself until it appears `times`
/// times in a row.
fn fill_copies_within(out: &mut [u8], pos: usize, block: usize, times: usize) {
    let total = block * times;
    let mut done = block;
    while done < total {
        let n = done.min(total - done);
        out.copy_within(pos..pos + n, pos + done);
        done += n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::dtype::DType;
    use crate::engine::scalar::Scalar;

    fn ints(shape: &[usize], v: &[i64]) -> ArrayRef {
        let s: Vec<Scalar> = v.iter().map(|&i| Scalar::Int(i)).collect();
        NdArray::from_scalars(shape, DType::Int64, &s).unwrap()
    }

    fn values(a: &ArrayRef) -> Vec<i64> {
        a.to_scalars()
            .iter()
            .map(|s| match s {
                Scalar::Int(i) => *i,
                _ => panic!("int"),
            })
            .collect()
    }

    #[test]
    fn repeat_counts_per_slice_along_an_axis() {
        let a = ints(&[2, 3], &[1, 2, 3, 4, 5, 6]);
        let r = repeat(&a, 1, &[0, 2, 1]).unwrap();
        assert_eq!(r.shape(), vec![2, 3]);
        assert_eq!(values(&r), vec![2, 2, 3, 5, 5, 6]);
        let r = repeat(&a, 0, &[2, 2]).unwrap();
        assert_eq!(values(&r), vec![1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6]);
        let mut l = a.layout();
        l.shape.reverse();
        l.strides.reverse();
        let t = NdArray::view_with(&a, l);
        let r = repeat(&t, 1, &[3, 3]).unwrap();
        assert_eq!(
            values(&r),
            vec![1, 1, 1, 4, 4, 4, 2, 2, 2, 5, 5, 5, 3, 3, 3, 6, 6, 6]
        );
    }

    #[test]
    fn tile_repeats_blocks_in_order() {
        let a = ints(&[2, 2], &[1, 2, 3, 4]);
        let t = tile(&a, &[2, 3]).unwrap();
        assert_eq!(t.shape(), vec![4, 6]);
        assert_eq!(
            values(&t),
            vec![
                1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4, 1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4
            ]
        );
        assert_eq!(tile(&a, &[0, 2]).unwrap().shape(), vec![0, 4]);
    }
}
