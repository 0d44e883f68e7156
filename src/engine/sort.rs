//! Typed `sort` and `argsort` along one axis. Each numeric dtype is sorted
//! as its own Rust type, so int64 values above 2**53 keep their integer
//! order (comparing them as floats would merge neighbours), and no element
//! is boxed. NaNs go last, as NumPy orders them. `argsort` is stable (ties
//! keep their positions), which is what NumPy's introsort gives on the small
//! lanes tutorials print.

use std::cmp::Ordering;

use super::array::{ArrayRef, NdArray, Order};
use super::dtype::DType;
use super::element::Element;
use super::error::EngineError;
use super::scalar::Scalar;
use super::typed::{elems, elems_mut};

/// NumPy's sort order for one element type: NaN (a value unequal to
/// itself) after everything else, -0.0 equal to 0.0.
/// Two records field by field in the dtype's field order, each field by
/// its own type's order (NumPy's `VOID_compare`); a sub-array's items (a
/// `Scalar::Record` under a plain dtype) one by one.
fn record_order(dtype: &DType, p: &[Scalar], q: &[Scalar]) -> Ordering {
    let native = dtype.native();
    p.iter()
        .zip(q)
        .enumerate()
        .map(|(k, (x, y))| match &native {
            DType::Record(r) => match r.fields().get(k) {
                Some(f) => scalar_order(&f.dtype, x, y),
                None => Ordering::Equal,
            },
            plain => scalar_order(plain, x, y),
        })
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

#[inline]
pub(super) fn order<T: Element>(x: &T, y: &T) -> Ordering {
    match x.partial_cmp(y) {
        Some(o) => o,
        None => is_nan(x).cmp(&is_nan(y)),
    }
}

/// NumPy's sort order for one element of `dtype` as a boxed scalar, for
/// the dtypes sorted by value (text, bytes, complex, half floats,
/// datetimes): text by code point and bytes by byte value (as `memcmp`);
/// complex numbers lexicographically with `R+Rj < R+nanj < nan+Rj <
/// nan+nanj`; NaN and NaT last.
pub fn scalar_order(dtype: &DType, x: &Scalar, y: &Scalar) -> Ordering {
    let float = |p: f64, q: f64| {
        p.partial_cmp(&q)
            .unwrap_or_else(|| p.is_nan().cmp(&q.is_nan()))
    };
    match (x, y) {
        (Scalar::Str(p), Scalar::Str(q)) => p.cmp(q),
        (Scalar::Bytes(p), Scalar::Bytes(q)) => p.cmp(q),
        (Scalar::Complex(a, b), Scalar::Complex(c, d)) => {
            let class = |r: f64, i: f64| (r.is_nan(), i.is_nan());
            class(*a, *b)
                .cmp(&class(*c, *d))
                .then_with(|| {
                    if a.is_nan() {
                        Ordering::Equal
                    } else {
                        float(*a, *c)
                    }
                })
                .then_with(|| {
                    if b.is_nan() {
                        Ordering::Equal
                    } else {
                        float(*b, *d)
                    }
                })
        }
        (Scalar::Record(p), Scalar::Record(q)) => record_order(dtype, p, q),
        (Scalar::Int(p), Scalar::Int(q)) if matches!(dtype.native(), DType::Time(..)) => {
            (*p == super::datetime::NAT, p).cmp(&(*q == super::datetime::NAT, q))
        }
        (Scalar::Int(p), Scalar::Int(q)) => p.cmp(q),
        (Scalar::UInt(p), Scalar::UInt(q)) => p.cmp(q),
        (Scalar::Bool(p), Scalar::Bool(q)) => p.cmp(q),
        _ => float(
            super::element::scalar_as_f64(x),
            super::element::scalar_as_f64(y),
        ),
    }
}

#[inline]
#[allow(clippy::eq_op)]
fn is_nan<T: Element>(x: &T) -> bool {
    x != x
}

/// Sort one lane in place: NaNs are moved to the end first, so the rest
/// sorts under a cheap total order.
fn sort_lane<T: Element>(lane: &mut [T]) {
    let mut end = lane.len();
    let mut k = 0;
    while k < end {
        if is_nan(&lane[k]) {
            end -= 1;
            lane.swap(k, end);
        } else {
            k += 1;
        }
    }
    lane[..end].sort_unstable_by(|x, y| x.partial_cmp(y).unwrap_or(Ordering::Equal));
}

/// The positions that sort one lane, stably, into `out`. `pairs` is scratch
/// of the lane's length: sorting (value, position) pairs together keeps the
/// comparisons in cache, and the position breaks ties so an unstable sort
/// gives the stable order.
fn argsort_lane<T: Element>(lane: &[T], pairs: &mut Vec<(T, i64)>, out: &mut [i64]) {
    pairs.clear();
    pairs.extend(lane.iter().enumerate().map(|(i, &x)| (x, i as i64)));
    pairs.sort_unstable_by(|p, q| order(&p.0, &q.0).then(p.1.cmp(&q.1)));
    for (o, p) in out.iter_mut().zip(pairs.iter()) {
        *o = p.1;
    }
}

/// `a` with `axis` moved last, copied into a fresh C-ordered array, and the
/// permutation that undoes the move.
pub(super) fn axis_last(a: &ArrayRef, axis: usize) -> Result<(ArrayRef, Vec<usize>), EngineError> {
    let nd = a.ndim();
    let perm: Vec<usize> = (0..nd).filter(|&k| k != axis).chain([axis]).collect();
    let moved = NdArray::view_with(a, a.layout().permuted(&perm));
    let inv: Vec<usize> = (0..nd)
        .map(|k| perm.iter().position(|&p| p == k).unwrap_or(k))
        .collect();
    Ok((moved.copy(Order::C)?, inv))
}

/// `tmp` (axis moved last) back in the original axis order, C-ordered.
fn restore(tmp: &ArrayRef, inv: &[usize], last: bool) -> Result<ArrayRef, EngineError> {
    if last {
        return Ok(tmp.clone());
    }
    let back = NdArray::view_with(tmp, tmp.layout().permuted(inv));
    back.copy(Order::C)
}

/// Whether `axis` is already last, and the lane length; `None` for 0-d.
fn lanes(a: &ArrayRef, axis: usize) -> Option<(bool, usize)> {
    (a.ndim() > 0).then(|| (axis + 1 == a.ndim(), a.shape()[axis]))
}

/// `np.sort(a, axis)` for numeric dtypes (a new C-ordered array); `None`
/// for the dtypes the caller sorts by value (strings, complex, half floats).
pub fn sort(a: &ArrayRef, axis: usize) -> Result<Option<ArrayRef>, EngineError> {
    if matches!(a.dtype(), super::dtype::DType::Ordered(..)) {
        // Sorted in native order; the result keeps `a`'s dtype, as NumPy's.
        let sorted = sort(&super::kernels::to_native(a)?, axis)?;
        return sorted
            .map(|s| super::kernels::cast(&s, a.dtype()))
            .transpose();
    }
    let Some((last, n)) = lanes(a, axis) else {
        return Ok(None);
    };
    crate::dispatch_numeric!(a.dtype(), T => {
        let (tmp, inv) = axis_last(a, axis)?;
        if n > 1 {
            let mut bytes = tmp.buffer().bytes_mut();
            if let Some(all) = elems_mut::<T>(&mut bytes) {
                let total = tmp.size();
                all[..total].chunks_mut(n).for_each(sort_lane::<T>);
            }
        }
        Ok(Some(restore(&tmp, &inv, last)?))
    }, _ => Ok(None))
}

/// `np.argsort(a, axis)` for numeric dtypes: int64 positions, C-ordered
/// in `a`'s shape; `None` for other dtypes.
pub fn argsort(a: &ArrayRef, axis: usize) -> Result<Option<ArrayRef>, EngineError> {
    let a = &super::kernels::to_native(a)?;
    let Some((last, n)) = lanes(a, axis) else {
        return Ok(None);
    };
    crate::dispatch_numeric!(a.dtype(), T => {
        let (tmp, inv) = axis_last(a, axis)?;
        let shape = tmp.shape();
        let out = NdArray::for_overwrite(&shape, super::dtype::DType::Int64)?;
        let total = tmp.size();
        if total > 0 {
            let src = tmp.buffer().bytes();
            let mut dst = out.buffer().bytes_mut();
            if let (Some(xs), Some(os)) = (elems::<T>(&src), elems_mut::<i64>(&mut dst)) {
                let mut pairs = Vec::with_capacity(n);
                for (lane, o) in xs[..total].chunks(n).zip(os[..total].chunks_mut(n)) {
                    argsort_lane(lane, &mut pairs, o);
                }
            }
        }
        Ok(Some(restore(&out, &inv, last)?))
    }, _ => Ok(None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int64_above_2_53_sorts_as_integers() {
        let mut v = vec![(1i64 << 53) + 1, 1i64 << 53, (1i64 << 53) + 3, i64::MIN];
        sort_lane(&mut v);
        assert_eq!(v, vec![i64::MIN, 1 << 53, (1 << 53) + 1, (1 << 53) + 3]);
    }

    #[test]
    fn nans_go_last_and_argsort_is_stable() {
        let mut v = vec![f64::NAN, 2.0, -1.0, f64::NAN, 2.0];
        sort_lane(&mut v);
        assert_eq!(&v[..3], &[-1.0, 2.0, 2.0]);
        assert!(v[3].is_nan() && v[4].is_nan());
        let lane = [f64::NAN, 2.0, -1.0, f64::NAN, 2.0];
        let mut out = [0i64; 5];
        argsort_lane(&lane, &mut Vec::new(), &mut out);
        assert_eq!(out, [2, 1, 4, 0, 3]);
    }
}
