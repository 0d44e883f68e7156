//! Typed slices over a buffer's bytes, for kernels that index elements
//! rather than bytes. Buffers are 8-byte aligned, so any element type up to
//! 8 bytes can view them; a layout converts to element units when its
//! offset and strides are whole multiples of the item size (field views of
//! records may not be, and keep the byte-wise loops).

use bytemuck::Pod;

use super::layout::Layout;

/// The buffer as `&[T]` (a trailing partial element is left out).
pub fn elems<T: Pod>(bytes: &[u8]) -> Option<&[T]> {
    let n = bytes.len() - bytes.len() % std::mem::size_of::<T>();
    bytemuck::try_cast_slice(&bytes[..n]).ok()
}

/// The buffer as `&mut [T]`.
pub fn elems_mut<T: Pod>(bytes: &mut [u8]) -> Option<&mut [T]> {
    let n = bytes.len() - bytes.len() % std::mem::size_of::<T>();
    bytemuck::try_cast_slice_mut(&mut bytes[..n]).ok()
}

/// A layout in element units: (offset, strides), when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElemLayout {
    /// Index of element `[0, 0, ...]`.
    pub offset: usize,
    /// Elements to step along each axis.
    pub strides: Vec<isize>,
}

/// `l` in units of `item` bytes, or `None` when a byte offset or stride is
/// not a whole number of items.
pub fn elem_layout(l: &Layout, item: usize) -> Option<ElemLayout> {
    let it = item as isize;
    if item == 0 || !l.offset.is_multiple_of(item) || l.strides.iter().any(|s| s % it != 0) {
        return None;
    }
    Some(ElemLayout {
        offset: l.offset / item,
        strides: l.strides.iter().map(|s| s / it).collect(),
    })
}

/// The elements `src[start + k*step]` for k in `0..dst.len()` into `dst`:
/// the row copy every strided kernel reduces to.
#[inline]
pub fn copy_row<T: Copy>(src: &[T], start: usize, step: isize, dst: &mut [T]) {
    let n = dst.len();
    if n == 0 {
        return;
    }
    match step {
        1 => dst.copy_from_slice(&src[start..start + n]),
        0 => dst.fill(src[start]),
        s if s > 0 => {
            let s = s as usize;
            let from = &src[start..start + (n - 1) * s + 1];
            for (d, x) in dst.iter_mut().zip(from.iter().step_by(s)) {
                *d = *x;
            }
        }
        s => {
            let s = (-s) as usize;
            let lo = start - (n - 1) * s;
            let from = &src[lo..=start];
            for (d, x) in dst.iter_mut().zip(from.iter().rev().step_by(s)) {
                *d = *x;
            }
        }
    }
}

/// `f` of the elements of `a` cast to `T`'s dtype (as `astype` casts),
/// in C order: for routines that work on a plain slice of numbers. An
/// array already of that dtype in one C-ordered run is read where it
/// lies; any other is cast or copied once.
pub fn with_elems<T: super::element::Element, R>(
    a: &super::array::ArrayRef,
    f: impl FnOnce(&[T]) -> R,
) -> Result<R, super::error::EngineError> {
    use super::array::NdArray;
    use super::kernels;
    let c = NdArray::c_run(&kernels::cast(&kernels::to_native(a)?, &T::dtype())?)?;
    let bytes = c.buffer().bytes();
    let start = c.layout().offset / std::mem::size_of::<T>();
    let xs = elems::<T>(&bytes).unwrap_or_default();
    Ok(f(xs.get(start..start + c.size()).unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_copy_at_any_step() {
        let src: Vec<u32> = (0..10).collect();
        let mut d = [0u32; 3];
        copy_row(&src, 1, 3, &mut d);
        assert_eq!(d, [1, 4, 7]);
        copy_row(&src, 9, -4, &mut d);
        assert_eq!(d, [9, 5, 1]);
        copy_row(&src, 2, 0, &mut d);
        assert_eq!(d, [2, 2, 2]);
        copy_row(&src, 5, 1, &mut d);
        assert_eq!(d, [5, 6, 7]);
    }

    #[test]
    fn odd_byte_layouts_have_no_element_form() {
        let l = Layout {
            shape: vec![2],
            strides: vec![12],
            offset: 4,
        };
        assert!(elem_layout(&l, 8).is_none());
        assert_eq!(elem_layout(&l, 4).unwrap().strides, vec![3]);
    }
}
