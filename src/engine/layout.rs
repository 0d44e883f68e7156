//! Shape, byte strides and byte offset: where each element of an array sits
//! in its buffer. Pure functions; no element is read here.
//!
//! Invariants (kept by every constructor and by basic indexing):
//! 1. `shape.len() == strides.len()`.
//! 2. Every element address `offset + Σ i_k·strides[k]` (0 ≤ i_k < shape[k])
//!    lies inside the buffer, with room for one item.
//! 3. Strides are in bytes and may be negative or zero.

/// Where an array's elements are in its buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Length of each axis.
    pub shape: Vec<usize>,
    /// Bytes to step along each axis.
    pub strides: Vec<isize>,
    /// Byte offset of element `[0, 0, ...]`.
    pub offset: usize,
}

/// C-order (row-major) strides for a shape.
pub fn c_strides(shape: &[usize], itemsize: usize) -> Vec<isize> {
    let mut strides = vec![0isize; shape.len()];
    let mut step = itemsize as isize;
    for k in (0..shape.len()).rev() {
        strides[k] = step;
        step *= shape[k].max(1) as isize;
    }
    strides
}

/// Fortran-order (column-major) strides for a shape.
pub fn f_strides(shape: &[usize], itemsize: usize) -> Vec<isize> {
    let mut strides = vec![0isize; shape.len()];
    let mut step = itemsize as isize;
    for k in 0..shape.len() {
        strides[k] = step;
        step *= shape[k].max(1) as isize;
    }
    strides
}

/// The number of elements of a shape, or `None` on overflow.
pub fn checked_size(shape: &[usize]) -> Option<usize> {
    shape.iter().try_fold(1usize, |acc, &n| acc.checked_mul(n))
}

impl Layout {
    /// A C-contiguous layout starting at byte 0.
    pub fn c_order(shape: &[usize], itemsize: usize) -> Layout {
        Layout {
            shape: shape.to_vec(),
            strides: c_strides(shape, itemsize),
            offset: 0,
        }
    }

    /// Number of axes.
    pub fn ndim(&self) -> usize {
        self.shape.len()
    }

    /// Number of elements.
    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }

    /// NumPy's C_CONTIGUOUS flag: axes of length 1 do not count, and an
    /// empty array is contiguous.
    pub fn is_c_contiguous(&self, itemsize: usize) -> bool {
        self.is_packed_along((0..self.ndim()).rev(), itemsize)
    }

    /// NumPy's F_CONTIGUOUS flag.
    pub fn is_f_contiguous(&self, itemsize: usize) -> bool {
        self.is_packed_along(0..self.ndim(), itemsize)
    }

    /// Do the axes, fastest first, step through memory with no gaps?
    fn is_packed_along(&self, axes: impl Iterator<Item = usize>, itemsize: usize) -> bool {
        if self.shape.contains(&0) {
            return true;
        }
        let mut expected = itemsize as isize;
        for k in axes {
            if self.shape[k] == 1 {
                continue;
            }
            if self.strides[k] != expected {
                return false;
            }
            expected *= self.shape[k] as isize;
        }
        true
    }

    /// The byte range `[lo, hi)` the elements touch (each item `itemsize`
    /// bytes), or `None` for an empty array.
    pub fn byte_extent(&self, itemsize: usize) -> Option<(isize, isize)> {
        if self.shape.contains(&0) {
            return None;
        }
        let mut lo = self.offset as isize;
        let mut hi = self.offset as isize;
        for (&n, &s) in self.shape.iter().zip(&self.strides) {
            let reach = (n as isize - 1) * s;
            if reach < 0 {
                lo += reach;
            } else {
                hi += reach;
            }
        }
        Some((lo, hi + itemsize as isize))
    }

    /// Byte offset of the element at a full index.
    pub fn offset_of(&self, index: &[usize]) -> isize {
        let mut at = self.offset as isize;
        for (&i, &s) in index.iter().zip(&self.strides) {
            at += i as isize * s;
        }
        at
    }

    /// The same elements with axes in the order `axes` (a permutation).
    pub fn permuted(&self, axes: &[usize]) -> Layout {
        Layout {
            shape: axes.iter().map(|&a| self.shape[a]).collect(),
            strides: axes.iter().map(|&a| self.strides[a]).collect(),
            offset: self.offset,
        }
    }

    /// The view a reshape to `new_shape` can give without copying, or `None`
    /// when the elements cannot be walked in C order with fixed strides
    /// (NumPy's `_attempt_nocopy_reshape`).
    pub fn reshaped_c(&self, new_shape: &[usize], itemsize: usize) -> Option<Layout> {
        let size = self.size();
        if size == 0 || self.is_c_contiguous(itemsize) {
            // Every C-contiguous (or empty) array reshapes with C strides.
            let mut l = Layout::c_order(new_shape, itemsize);
            l.offset = self.offset;
            return Some(l);
        }
        // Drop length-1 axes, then match groups of old axes to new axes.
        let (old_shape, old_strides): (Vec<usize>, Vec<isize>) = self
            .shape
            .iter()
            .zip(&self.strides)
            .filter(|(n, _)| **n != 1)
            .map(|(n, s)| (*n, *s))
            .unzip();
        let mut new_strides = vec![0isize; new_shape.len()];
        let (mut oi, mut oj) = (0usize, 1usize);
        let (mut ni, mut nj) = (0usize, 1usize);
        let (old_n, new_n) = (old_shape.len(), new_shape.len());
        while ni < new_n && oi < old_n {
            let mut np_ = new_shape[ni];
            let mut op = old_shape[oi];
            while np_ != op {
                if np_ < op {
                    np_ *= new_shape[nj];
                    nj += 1;
                } else {
                    op *= old_shape[oj];
                    oj += 1;
                }
            }
            // The old axes oi..oj must be walkable as one C-ordered block.
            for ok in oi..oj - 1 {
                if old_strides[ok] != old_strides[ok + 1] * old_shape[ok + 1] as isize {
                    return None;
                }
            }
            new_strides[nj - 1] = old_strides[oj - 1];
            for nk in (ni + 1..nj).rev() {
                new_strides[nk - 1] = new_strides[nk] * new_shape[nk] as isize;
            }
            ni = nj;
            nj += 1;
            oi = oj;
            oj += 1;
        }
        // Trailing length-1 axes take any stride; NumPy uses the item size
        // times the following extent, which is what C order would give.
        for k in ni..new_n {
            new_strides[k] = if k > 0 {
                new_strides[k - 1]
            } else {
                itemsize as isize
            };
        }
        // Length-1 new axes: NumPy gives them the stride C order would.
        for k in (0..new_n).rev() {
            if new_shape[k] == 1 {
                new_strides[k] = if k + 1 < new_n {
                    new_strides[k + 1] * new_shape[k + 1] as isize
                } else {
                    itemsize as isize
                };
            }
        }
        Some(Layout {
            shape: new_shape.to_vec(),
            strides: new_strides,
            offset: self.offset,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c_and_f_strides() {
        assert_eq!(c_strides(&[3, 4], 8), vec![32, 8]);
        assert_eq!(f_strides(&[3, 4], 8), vec![8, 24]);
    }

    #[test]
    fn contiguity_ignores_unit_axes() {
        let l = Layout {
            shape: vec![3, 1],
            strides: vec![8, 0],
            offset: 0,
        };
        assert!(l.is_c_contiguous(8));
        assert!(l.is_f_contiguous(8));
    }

    #[test]
    fn transposed_reshape_needs_a_copy() {
        let t = Layout::c_order(&[2, 3], 8).permuted(&[1, 0]);
        assert!(t.reshaped_c(&[6], 8).is_none());
        assert!(t.reshaped_c(&[3, 2], 8).is_some());
    }

    #[test]
    fn strided_reshape_splits_an_axis() {
        // a[::2] of arange(12) reshaped to (2, 3): strides (48, 16).
        let l = Layout {
            shape: vec![6],
            strides: vec![16],
            offset: 0,
        };
        assert_eq!(l.reshaped_c(&[2, 3], 8).unwrap().strides, vec![48, 16]);
    }

    #[test]
    fn extent_of_reversed_axis() {
        let l = Layout {
            shape: vec![4],
            strides: vec![-8],
            offset: 24,
        };
        assert_eq!(l.byte_extent(8), Some((0, 32)));
    }
}
