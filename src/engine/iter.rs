//! Walking an N-d layout in C order as byte offsets, for one, two or three
//! operands at once. The innermost axis runs as a tight loop; outer axes are
//! counted with an odometer. Kernels pass closures that are monomorphised per
//! element type. Walks stop for Ctrl-C between chunks ([`interrupt`]).

use super::interrupt;

/// Call `f` with the byte offset of every element, in C order.
#[inline]
pub fn for_each_offset(shape: &[usize], strides: &[isize], start: isize, mut f: impl FnMut(isize)) {
    walk::<1>(shape, [strides], [start], |o| f(o[0]));
}

/// Two operands over one shape (each with its own strides).
#[inline]
pub fn for_each_offset2(
    shape: &[usize],
    strides: [&[isize]; 2],
    start: [isize; 2],
    mut f: impl FnMut(isize, isize),
) {
    walk::<2>(shape, strides, start, |o| f(o[0], o[1]));
}

/// Three operands over one shape.
#[inline]
pub fn for_each_offset3(
    shape: &[usize],
    strides: [&[isize]; 3],
    start: [isize; 3],
    mut f: impl FnMut(isize, isize, isize),
) {
    walk::<3>(shape, strides, start, |o| f(o[0], o[1], o[2]));
}

/// Four operands over one shape.
#[inline]
pub fn for_each_offset4(
    shape: &[usize],
    strides: [&[isize]; 4],
    start: [isize; 4],
    mut f: impl FnMut(isize, isize, isize, isize),
) {
    walk::<4>(shape, strides, start, |o| f(o[0], o[1], o[2], o[3]));
}

#[inline]
fn walk<const N: usize>(
    shape: &[usize],
    strides: [&[isize]; N],
    start: [isize; N],
    mut f: impl FnMut([isize; N]),
) {
    if shape.contains(&0) {
        return;
    }
    let nd = shape.len();
    if nd == 0 {
        f(start);
        return;
    }
    let inner_n = shape[nd - 1];
    let inner: [isize; N] = std::array::from_fn(|k| strides[k][nd - 1]);
    let mut counter = vec![0usize; nd - 1];
    let mut base = start;
    loop {
        let mut at = base;
        // Look for Ctrl-C once a row, and every CHUNK elements of a long row.
        let mut left = inner_n;
        while left > 0 {
            interrupt::poll();
            let run = left.min(interrupt::CHUNK);
            for _ in 0..run {
                f(at);
                for k in 0..N {
                    at[k] += inner[k];
                }
            }
            left -= run;
        }
        // Advance the odometer over the outer axes.
        let mut axis = nd - 1;
        loop {
            if axis == 0 {
                return;
            }
            axis -= 1;
            counter[axis] += 1;
            for k in 0..N {
                base[k] += strides[k][axis];
            }
            if counter[axis] < shape[axis] {
                break;
            }
            for k in 0..N {
                base[k] -= strides[k][axis] * shape[axis] as isize;
            }
            counter[axis] = 0;
        }
    }
}

/// The C-order multi-index of flat position `flat` in `shape`.
pub fn unravel(mut flat: usize, shape: &[usize]) -> Vec<usize> {
    let mut idx = vec![0; shape.len()];
    for k in (0..shape.len()).rev() {
        let n = shape[k].max(1);
        idx[k] = flat % n;
        flat /= n;
    }
    idx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_in_c_order() {
        let mut seen = vec![];
        for_each_offset(&[2, 3], &[24, 8], 0, |o| seen.push(o));
        assert_eq!(seen, vec![0, 8, 16, 24, 32, 40]);
    }

    #[test]
    fn walks_transposed() {
        let mut seen = vec![];
        for_each_offset(&[3, 2], &[8, 24], 0, |o| seen.push(o / 8));
        assert_eq!(seen, vec![0, 3, 1, 4, 2, 5]);
    }

    #[test]
    fn zero_d_visits_once() {
        let mut n = 0;
        for_each_offset(&[], &[], 16, |o| {
            assert_eq!(o, 16);
            n += 1
        });
        assert_eq!(n, 1);
    }
}
