//! NumPy's `introselect` (`numpy/_core/src/npysort/selection.cpp`),
//! replayed step for step so a partition comes out arranged exactly as
//! NumPy arranges it: median-of-3 quickselect falling back to
//! median-of-medians-of-5, a stack of pivots shared by successive kth, a
//! selection sort for kth near the low end, and a max scan for
//! `kth == n - 1` on inexact types.
//!
//! The arrangement matters beyond `np.partition` itself: `np.median` and
//! `np.quantile` partition a copy with several kth (so NumPy takes this
//! path, not its SIMD selector) and read neighbours from it, and which of
//! `0.0` and `-0.0` lands at a kth decides the sign of the answer.
//!
//! One generic routine serves every element type: typed slices for the
//! numeric dtypes, and boxed values for the rest, with NumPy's `LT` for the
//! type passed in. Positions can ride along (`argpartition`).

use super::array::ArrayRef;
use super::dtype::DType;
use super::element::Element;
use super::error::EngineError;
use super::interrupt;
use super::typed::{elems, elems_mut};

/// NumPy's `NPY_MAX_PIVOT_STACK`.
const MAX_PIVOTS: usize = 50;

/// NumPy's `LT` for a numeric type: `a < b || (b != b && a == a)`, so NaN
/// is after every number (for integers it is `a < b`).
#[inline]
#[allow(clippy::eq_op)]
pub fn numpy_less<T: Element>(a: &T, b: &T) -> bool {
    a < b || (b != b && a == a)
}

/// A lane being selected: its values, optionally the original positions
/// moved with them, and the order.
pub struct Lane<'a, T, F> {
    v: &'a mut [T],
    idx: Option<&'a mut [i64]>,
    less: &'a F,
}

impl<'a, T: Clone, F: Fn(&T, &T) -> bool> Lane<'a, T, F> {
    /// A lane over `v` (and `idx`, the same length, when positions are
    /// wanted).
    pub fn new(v: &'a mut [T], idx: Option<&'a mut [i64]>, less: &'a F) -> Self {
        Lane { v, idx, less }
    }

    #[inline]
    fn swap(&mut self, i: usize, j: usize) {
        self.v.swap(i, j);
        if let Some(idx) = self.idx.as_deref_mut() {
            idx.swap(i, j);
        }
    }

    #[inline]
    fn lt(&self, i: usize, j: usize) -> bool {
        (self.less)(&self.v[i], &self.v[j])
    }

    /// The lane from position `o` on.
    fn tail(&mut self, o: usize) -> Lane<'_, T, F> {
        Lane {
            v: &mut self.v[o..],
            idx: self.idx.as_deref_mut().map(|x| &mut x[o..]),
            less: self.less,
        }
    }

    /// Partition at every kth of `kths` (in range and sorted), sharing the
    /// pivot stack between them as `PyArray_Partition` does.
    pub fn select_all(&mut self, kths: &[usize], inexact: bool) {
        let n = self.v.len();
        let mut pivots = Vec::new();
        for &k in kths {
            introselect(self, n, k, Some(&mut pivots), inexact);
        }
    }
}

/// `npy_get_msb`: the index of the highest set bit.
fn msb(n: usize) -> i64 {
    (usize::BITS - 1 - n.max(1).leading_zeros()) as i64
}

fn store_pivot(pivot: usize, kth: usize, pivots: &mut Option<&mut Vec<usize>>) {
    let Some(p) = pivots else { return };
    if pivot == kth && p.len() == MAX_PIVOTS {
        *p.last_mut().expect("full stack") = pivot;
    } else if pivot >= kth && p.len() < MAX_PIVOTS {
        p.push(pivot);
    }
}

fn median3_swap<T: Clone, F: Fn(&T, &T) -> bool>(
    l: &mut Lane<T, F>,
    low: usize,
    mid: usize,
    high: usize,
) {
    if l.lt(high, mid) {
        l.swap(high, mid);
    }
    if l.lt(high, low) {
        l.swap(high, low);
    }
    if l.lt(low, mid) {
        l.swap(low, mid);
    }
    l.swap(mid, low + 1);
}

/// `median5_` on the five elements from `o`.
fn median5<T: Clone, F: Fn(&T, &T) -> bool>(l: &mut Lane<T, F>, o: usize) -> usize {
    for (x, y) in [(1, 0), (4, 3), (3, 0), (4, 1), (2, 1)] {
        if l.lt(o + x, o + y) {
            l.swap(o + x, o + y);
        }
    }
    if l.lt(o + 3, o + 2) {
        if l.lt(o + 3, o + 1) { 1 } else { 3 }
    } else {
        2
    }
}

/// `median_of_median5_` on `num` elements from `o`.
fn median_of_median5<T: Clone, F: Fn(&T, &T) -> bool>(
    l: &mut Lane<T, F>,
    o: usize,
    num: usize,
    inexact: bool,
) -> usize {
    let nmed = num / 5;
    for i in 0..nmed {
        let m = median5(l, o + 5 * i);
        l.swap(o + 5 * i + m, o + i);
    }
    if nmed > 2 {
        introselect(&mut l.tail(o), nmed, nmed / 2, None, inexact);
    }
    nmed / 2
}

/// `introselect_` on the first `num` elements of `l`.
fn introselect<T: Clone, F: Fn(&T, &T) -> bool>(
    l: &mut Lane<T, F>,
    num: usize,
    kth: usize,
    mut pivots: Option<&mut Vec<usize>>,
    inexact: bool,
) {
    let mut low = 0usize;
    let mut high = num as i64 - 1;
    if let Some(p) = pivots.as_deref_mut() {
        while let Some(&top) = p.last() {
            if top > kth {
                high = top as i64 - 1;
                break;
            } else if top == kth {
                return;
            }
            low = top + 1;
            p.pop();
        }
    }
    if kth - low < 3 {
        // dumb_select_ on [low, high].
        let n = (high + 1 - low as i64).max(0) as usize;
        for i in 0..=(kth - low) {
            let mut min = i;
            for k in i + 1..n {
                if l.lt(low + k, low + min) {
                    min = k;
                }
            }
            l.swap(low + i, low + min);
        }
        store_pivot(kth, kth, &mut pivots);
        return;
    } else if inexact && kth == num - 1 {
        let mut max = low;
        for k in low + 1..num {
            if !l.lt(k, max) {
                max = k;
            }
        }
        l.swap(kth, max);
        return;
    }
    let mut depth = msb(num) * 2;
    let mut low = low as i64;
    while low + 1 < high {
        interrupt::poll();
        let mut ll = low + 1;
        let mut hh = high;
        if depth > 0 || hh - ll < 5 {
            let mid = low + (high - low) / 2;
            median3_swap(l, low as usize, mid as usize, high as usize);
        } else {
            let mid = ll + median_of_median5(l, ll as usize, (hh - ll) as usize, inexact) as i64;
            l.swap(mid as usize, low as usize);
            ll -= 1;
            hh += 1;
        }
        depth -= 1;
        let pivot = l.v[low as usize].clone();
        let less = l.less;
        loop {
            ll += 1;
            while less(&l.v[ll as usize], &pivot) {
                ll += 1;
            }
            hh -= 1;
            while less(&pivot, &l.v[hh as usize]) {
                hh -= 1;
            }
            if hh < ll {
                break;
            }
            l.swap(ll as usize, hh as usize);
        }
        l.swap(low as usize, hh as usize);
        if hh as usize != kth {
            store_pivot(hh as usize, kth, &mut pivots);
        }
        if hh >= kth as i64 {
            high = hh - 1;
        }
        if hh <= kth as i64 {
            low = ll;
        }
    }
    if high == low + 1 && l.lt(high as usize, low as usize) {
        l.swap(high as usize, low as usize);
    }
    store_pivot(kth, kth, &mut pivots);
}

/// Every lane of `n` consecutive values in `all` partitioned at `kths`
/// (in range, sorted), with NumPy's `LT` for `T`.
pub fn select_lanes<T: Element>(all: &mut [T], n: usize, kths: &[usize]) {
    let inexact = T::dtype().kind() == super::dtype::Kind::Float;
    if n == 0 {
        return;
    }
    for lane in all.chunks_exact_mut(n) {
        Lane::new(lane, None, &numpy_less::<T>).select_all(kths, inexact);
    }
}

/// `a` with `axis` moved last, copied C-ordered, and each lane partitioned
/// at `kths` (in range, sorted): the `part` NumPy's `_median` and
/// `_quantile` read their neighbours from. `None` for the dtypes without
/// a typed order here (float16, complex, strings, records).
pub fn partitioned(
    a: &ArrayRef,
    axis: usize,
    kths: &[usize],
) -> Result<Option<ArrayRef>, EngineError> {
    let a = &super::kernels::to_native(a)?;
    if a.ndim() == 0 {
        return Ok(None);
    }
    let n = a.shape()[axis];
    crate::dispatch_numeric!(a.dtype(), T => {
        let (part, _) = super::sort::axis_last(a, axis)?;
        if n > 1 && !kths.is_empty() {
            let total = part.size();
            let mut bytes = part.buffer().bytes_mut();
            if let Some(all) = elems_mut::<T>(&mut bytes) {
                select_lanes(&mut all[..total], n, kths);
            }
        }
        Ok(Some(part))
    }, _ => Ok(None))
}

/// NumPy's `_median_nancheck` on a float `part` from [`partitioned`]:
/// where a lane's last element is NaN (a NaN sorts there), that NaN is the
/// lane's result in `out` (C-ordered, one element per lane, `part`'s dtype).
pub fn nan_lanes_into(part: &ArrayRef, out: &ArrayRef) {
    fn run<T: Element>(part: &[T], n: usize, out: &mut [T]) {
        for (lane, o) in part.chunks_exact(n).zip(out.iter_mut()) {
            let last = lane[n - 1];
            #[allow(clippy::eq_op)]
            if last != last {
                *o = last;
            }
        }
    }
    let Some(&n) = part.shape().last() else {
        return;
    };
    if n == 0 || part.size() == 0 || part.dtype() != out.dtype() {
        return;
    }
    let total = part.size();
    let lanes = total / n;
    let src = part.buffer().bytes();
    let mut dst = out.bytes_mut();
    match part.dtype() {
        DType::Float64 => {
            if let (Some(p), Some(o)) = (elems::<f64>(&src), elems_mut::<f64>(&mut dst)) {
                run(&p[..total], n, &mut o[..lanes]);
            }
        }
        DType::Float32 => {
            if let (Some(p), Some(o)) = (elems::<f32>(&src), elems_mut::<f32>(&mut dst)) {
                run(&p[..total], n, &mut o[..lanes]);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(v: &[f64]) -> Vec<f64> {
        let mut s = v.to_vec();
        s.sort_by(|a, b| a.total_cmp(b));
        s
    }

    #[test]
    fn every_kth_holds_its_sorted_value() {
        let v: Vec<f64> = (0..200).map(|i| ((i * 7919) % 211) as f64).collect();
        for kths in [vec![0], vec![5, 100], vec![3, 99, 199], vec![199]] {
            let mut w = v.clone();
            let n = w.len();
            select_lanes(&mut w, n, &kths);
            let s = sorted(&v);
            for &k in &kths {
                assert_eq!(w[k], s[k]);
                assert!(w[..k].iter().all(|x| *x <= w[k]));
                assert!(w[k..].iter().all(|x| *x >= w[k]));
            }
        }
    }

    #[test]
    fn nan_is_partitioned_last() {
        let mut w = vec![3.0, f64::NAN, 1.0, 2.0, 0.5, 7.0];
        select_lanes(&mut w, 6, &[2, 5]);
        assert!(w[5].is_nan());
        assert_eq!(w[2], 2.0);
    }

    #[test]
    fn positions_move_with_values() {
        let mut v = vec![5i64, 1, 4, 2, 3, 0, 9, 8, 7, 6];
        let orig = v.clone();
        let mut idx: Vec<i64> = (0..10).collect();
        Lane::new(&mut v, Some(&mut idx), &numpy_less::<i64>).select_all(&[4], false);
        assert_eq!(v[4], 4);
        for (x, i) in v.iter().zip(&idx) {
            assert_eq!(*x, orig[*i as usize]);
        }
    }
}
