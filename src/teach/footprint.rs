//! Where an array's elements sit in its buffer, at a bounded cost.
//!
//! The diagram draws a buffer as at most a few hundred bins; this module
//! answers "which bins does this array touch" by visiting a bounded sample
//! of its elements chosen per axis so that consecutive samples are never
//! more than one bin apart in memory. The answer is exact when the array is
//! small, and never costs more than [`BUDGET`] element visits, whether the
//! array has ten elements or 10⁸.

use crate::engine::Layout;

/// The most element positions one footprint query visits.
pub const BUDGET: usize = 65_536;

/// Arrays up to this size are visited element by element; larger ones are
/// sampled (one position per bin crossed is enough to mark every bin).
pub const EXACT_LIMIT: usize = 4_096;

/// An array's elements as byte offsets into its buffer.
#[derive(Debug, Clone)]
pub struct Footprint {
    /// Shape, byte strides and byte offset.
    pub layout: Layout,
    /// Bytes per element.
    pub itemsize: usize,
}

impl Footprint {
    /// The footprint of a layout with elements of `itemsize` bytes.
    pub fn new(layout: Layout, itemsize: usize) -> Footprint {
        Footprint { layout, itemsize }
    }

    /// Call `visit(byte_offset, reading_order)` for every element when the
    /// array has at most `EXACT_LIMIT` elements, else for a sample in which
    /// consecutive positions along each axis are at most `gap` bytes apart
    /// (or every position, if the axis is short). `reading_order` is the
    /// element's C-order number.
    pub fn visit(&self, gap: usize, mut visit: impl FnMut(isize, usize)) {
        let l = &self.layout;
        if l.shape.contains(&0) {
            return;
        }
        let picks = sample_indices(l, gap);
        let ndim = l.ndim();
        let mut counter = vec![0usize; ndim];
        loop {
            let mut at = l.offset as isize;
            let mut order = 0usize;
            for k in 0..ndim {
                let i = picks[k][counter[k]];
                at += i as isize * l.strides[k];
                order = order * l.shape[k] + i;
            }
            visit(at, order);
            let mut k = ndim;
            loop {
                if k == 0 {
                    return;
                }
                k -= 1;
                counter[k] += 1;
                if counter[k] < picks[k].len() {
                    break;
                }
                counter[k] = 0;
            }
        }
    }

    /// The element at byte `at`: its index, or `None` when no element of
    /// this array starts there. O(ndim log ndim).
    pub fn index_of(&self, at: isize) -> Option<Vec<usize>> {
        let l = &self.layout;
        // Flip negative strides so every stride is positive, then peel
        // the axes off greedily, largest stride first.
        let mut rem = at - l.offset as isize;
        let mut flipped = vec![false; l.ndim()];
        for (k, flip) in flipped.iter_mut().enumerate() {
            if l.strides[k] < 0 && l.shape[k] > 0 {
                rem -= (l.shape[k] as isize - 1) * l.strides[k];
                *flip = true;
            }
        }
        let mut index = vec![0usize; l.ndim()];
        let mut axes: Vec<usize> = (0..l.ndim())
            .filter(|&k| l.shape[k] > 1 && l.strides[k] != 0)
            .collect();
        axes.sort_by_key(|&k| std::cmp::Reverse(l.strides[k].abs()));
        for k in axes {
            let s = l.strides[k].abs();
            let i = rem.div_euclid(s).clamp(0, l.shape[k] as isize - 1);
            rem -= i * s;
            index[k] = if flipped[k] {
                l.shape[k] - 1 - i as usize
            } else {
                i as usize
            };
        }
        (rem == 0).then_some(index)
    }

    /// The element whose bytes cover byte `at`, if any.
    pub fn index_covering(&self, at: isize) -> Option<Vec<usize>> {
        let item = self.itemsize as isize;
        let start = at - (at - self.layout.offset as isize).rem_euclid(item.max(1));
        self.index_of(start).or_else(|| {
            // Records and field views: the element may start a few bytes
            // before `at` without being aligned to the itemsize.
            (1..item).map(|d| at - d).find_map(|s| self.index_of(s))
        })
    }
}

/// Per axis, the indices visited: all of them when the whole array fits the
/// budget; otherwise every `step`-th one (plus the last), with `step` the
/// most that keeps neighbours within `gap` bytes, coarsened until the
/// product of the counts fits the budget.
fn sample_indices(l: &Layout, gap: usize) -> Vec<Vec<usize>> {
    let full: usize = l.shape.iter().product();
    let mut steps: Vec<usize> = if full <= EXACT_LIMIT {
        vec![1; l.ndim()]
    } else {
        l.shape
            .iter()
            .zip(&l.strides)
            .map(|(&n, &s)| {
                if s == 0 {
                    n.max(1)
                } else {
                    (gap / s.unsigned_abs()).clamp(1, n.max(1))
                }
            })
            .collect()
    };
    let count =
        |n: usize, step: usize| n.div_ceil(step) + usize::from(!(n - 1).is_multiple_of(step));
    loop {
        let total: usize = l
            .shape
            .iter()
            .zip(&steps)
            .map(|(&n, &st)| count(n, st))
            .fold(1usize, |a, b| a.saturating_mul(b));
        if total <= BUDGET {
            break;
        }
        // Coarsen the axis with the most samples.
        let k = (0..l.ndim())
            .max_by_key(|&k| count(l.shape[k], steps[k]))
            .unwrap_or(0);
        steps[k] = steps[k].saturating_mul(2).min(l.shape[k].max(1));
    }
    l.shape
        .iter()
        .zip(&steps)
        .map(|(&n, &st)| {
            let mut v: Vec<usize> = (0..n).step_by(st).collect();
            if v.last() != Some(&(n - 1)) {
                v.push(n - 1);
            }
            v
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(shape: &[usize], strides: &[isize], offset: usize) -> Footprint {
        Footprint::new(
            Layout {
                shape: shape.to_vec(),
                strides: strides.to_vec(),
                offset,
            },
            8,
        )
    }

    #[test]
    fn small_arrays_visit_every_element_in_reading_order() {
        let mut seen = Vec::new();
        fp(&[2, 2], &[32, 8], 48).visit(8, |at, o| seen.push((at, o)));
        assert_eq!(seen, vec![(48, 0), (56, 1), (80, 2), (88, 3)]);
    }

    #[test]
    fn huge_arrays_stay_within_budget() {
        let mut n = 0;
        fp(&[100_000_000], &[8], 0).visit(8 * 1_000_000, |_, _| n += 1);
        assert!((100..=BUDGET).contains(&n), "{n}");
        let mut n = 0;
        fp(&[10_000, 10_000], &[80_000, 8], 0).visit(8, |_, _| n += 1);
        assert!(n <= BUDGET, "{n}");
    }

    #[test]
    fn index_of_inverts_offsets() {
        let f = fp(&[2, 3], &[-32, 16], 40);
        assert_eq!(f.index_of(72), Some(vec![0, 2]));
        assert_eq!(f.index_of(8 + 16), Some(vec![1, 1]));
        assert_eq!(f.index_of(16), None);
    }
}
