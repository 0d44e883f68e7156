//! The distinct values of a numeric array by one typed sort, the numeric
//! core of `np.unique` (`numpy/lib/_arraysetops_impl.py`'s `_unique1d`):
//! no element is boxed. [`sorted_distinct`] sorts the values alone (values
//! and counts); [`distinct_positions`] sorts (value, position) pairs, for
//! `return_index` and `return_inverse`.

use super::array::{ArrayRef, NdArray, Order};
use super::dtype::DType;
use super::element::Element;
use super::error::EngineError;
use super::par::worth_parallel;
use super::reduce_stream::array_of;
use super::sort::order;
use super::typed::{elems, elems_mut};

/// The distinct values of an integer or float array (flattened) in
/// increasing order, and how often each occurs when `counts`: a typed sort
/// of one copy, on both cores when large (equal values are
/// indistinguishable, so the split cannot show). NaNs sort last, as one
/// value when `equal_nan` (NumPy's `_unique1d` mask), else each alone.
/// `None` for other dtypes, and for a float array holding both `0.0` and
/// `-0.0`: which of the two NumPy keeps depends on its sort's arrangement.
#[allow(clippy::type_complexity)]
pub fn sorted_distinct(
    a: &ArrayRef,
    counts: bool,
    equal_nan: bool,
) -> Result<Option<(ArrayRef, Option<ArrayRef>)>, EngineError> {
    if !a.dtype().is_integer() && !matches!(a.dtype(), DType::Float32 | DType::Float64) {
        return Ok(None);
    }
    crate::dispatch_numeric!(a.dtype(), T => {
        let c = a.copy(Order::C)?;
        let n = c.size();
        let off = c.layout().offset / std::mem::size_of::<T>();
        let mut bytes = c.buffer().bytes_mut();
        let Some(all) = elems_mut::<T>(&mut bytes) else {
            return Ok(None);
        };
        let xs = &mut all[off..off + n];
        let nan = |x: &T| x.to_f64().is_nan();
        let by = order::<T>;
        if worth_parallel(n) {
            use rayon::slice::ParallelSliceMut;
            xs.par_sort_unstable_by(by);
        } else {
            xs.sort_unstable_by(by);
        }
        let same = |x: &T, y: &T| x == y || (equal_nan && nan(x) && nan(y));
        let mut m = 0usize;
        let mut runs: Vec<i64> = vec![];
        for k in 0..n {
            if m == 0 || !same(&xs[k], &xs[m - 1]) {
                xs[m] = xs[k];
                m += 1;
                if counts {
                    runs.push(1);
                }
            } else {
                let (p, q) = (xs[k].to_f64(), xs[m - 1].to_f64());
                if p == 0.0 && p.is_sign_negative() != q.is_sign_negative() {
                    return Ok(None);
                }
                if let Some(r) = runs.last_mut() {
                    *r += 1;
                }
            }
        }
        let values = array_of(&[m], &xs[..m])?;
        let runs = if counts {
            Some(array_of(&[m], &runs)?)
        } else {
            None
        };
        Ok(Some((values, runs)))
    }, _ => Ok(None))
}

/// What `unique` asks for besides the values.
#[derive(Debug, Clone, Copy)]
pub struct Wanted {
    /// `return_index`: the position of each value's first occurrence.
    pub index: bool,
    /// `return_inverse`: each element's value's number.
    pub inverse: bool,
    /// `return_counts`.
    pub counts: bool,
    /// `equal_nan`: all NaNs are one value.
    pub equal_nan: bool,
}

/// The values and the arrays of [`Wanted`] that were asked for (int64).
pub struct Distinct {
    /// The distinct values, increasing, NaNs last.
    pub values: ArrayRef,
    /// First positions.
    pub index: Option<ArrayRef>,
    /// Value numbers, in the shape the caller gave.
    pub inverse: Option<ArrayRef>,
    /// Occurrences.
    pub counts: Option<ArrayRef>,
}

/// `_unique1d` with positions for a bool, integer, float32 or float64
/// array (flattened): (value, position) pairs sorted by value, then
/// position, which is the order of NumPy's stable argsort (`return_index`
/// asks for mergesort), so each run starts at the value's first
/// occurrence. The inverse takes `inv_shape`. Without `return_index`
/// NumPy's argsort is its quicksort, whose arrangement of equal elements
/// only shows in which of `0.0` and `-0.0` a run of zeros keeps: such an
/// array answers `None`, as do other dtypes.
pub fn distinct_positions(
    a: &ArrayRef,
    want: Wanted,
    inv_shape: &[usize],
) -> Result<Option<Distinct>, EngineError> {
    let dt = a.dtype();
    if !(dt.is_integer() || matches!(dt, DType::Bool | DType::Float32 | DType::Float64)) {
        return Ok(None);
    }
    crate::dispatch_numeric!(dt, T => {
        let c = NdArray::c_run(a)?;
        let n = c.size();
        let off = c.layout().offset / std::mem::size_of::<T>();
        let mut pairs: Vec<(T, i64)> = {
            let bytes = c.buffer().bytes();
            let Some(all) = elems::<T>(&bytes) else {
                return Ok(None);
            };
            all[off..off + n]
                .iter()
                .enumerate()
                .map(|(i, &x)| (x, i as i64))
                .collect()
        };
        let by = |p: &(T, i64), q: &(T, i64)| order(&p.0, &q.0).then(p.1.cmp(&q.1));
        if worth_parallel(n) {
            use rayon::slice::ParallelSliceMut;
            pairs.par_sort_unstable_by(by);
        } else {
            pairs.sort_unstable_by(by);
        }
        #[allow(clippy::eq_op)]
        let same = |x: &T, y: &T| x == y || (want.equal_nan && x != x && y != y);
        let inverse = match want.inverse {
            true => Some(NdArray::for_overwrite(inv_shape, DType::Int64)?),
            false => None,
        };
        let mut inv_bytes = inverse.as_ref().map(|i| i.buffer().bytes_mut());
        let mut inv = inv_bytes.as_mut().and_then(|b| elems_mut::<i64>(b));
        let (mut values, mut first, mut counts) = (vec![], vec![], vec![]);
        for (k, &(x, i)) in pairs.iter().enumerate() {
            if k == 0 || !same(&x, &pairs[k - 1].0) {
                values.push(x);
                first.push(i);
                counts.push(1i64);
            } else {
                let (p, q) = (x.to_f64(), values[values.len() - 1].to_f64());
                if !want.index && p == 0.0 && p.is_sign_negative() != q.is_sign_negative() {
                    return Ok(None);
                }
                if let Some(r) = counts.last_mut() {
                    *r += 1;
                }
            }
            if let Some(inv) = inv.as_deref_mut() {
                inv[i as usize] = values.len() as i64 - 1;
            }
        }
        drop(inv_bytes);
        let m = values.len();
        Ok(Some(Distinct {
            values: array_of(&[m], &values)?,
            index: if want.index { Some(array_of(&[m], &first)?) } else { None },
            inverse,
            counts: if want.counts { Some(array_of(&[m], &counts)?) } else { None },
        }))
    }, _ => Ok(None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(a: &ArrayRef) -> Vec<i64> {
        (0..a.size())
            .map(|k| match a.get(&[k]) {
                crate::engine::Scalar::Int(v) => v,
                other => panic!("not an integer: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn positions_are_first_occurrences_and_inverse_numbers_runs() {
        let a = array_of(&[7], &[3i32, 1, 2, 3, 1, 5, 2]).expect("array");
        let want = Wanted {
            index: true,
            inverse: true,
            counts: true,
            equal_nan: true,
        };
        let d = distinct_positions(&a, want, &[7])
            .expect("sorts")
            .expect("int32 is numeric");
        assert_eq!(ints(&d.values), [1, 2, 3, 5]);
        assert_eq!(ints(&d.index.expect("index")), [1, 2, 0, 5]);
        assert_eq!(ints(&d.inverse.expect("inverse")), [2, 0, 1, 2, 0, 3, 1]);
        assert_eq!(ints(&d.counts.expect("counts")), [2, 2, 2, 1]);
    }

    #[test]
    fn mixed_zeros_need_the_index_to_be_decided() {
        let z = array_of(&[3], &[-0.0f64, 0.0, 1.0]).expect("array");
        let inverse = Wanted {
            index: false,
            inverse: true,
            counts: false,
            equal_nan: true,
        };
        assert!(
            distinct_positions(&z, inverse, &[3])
                .expect("sorts")
                .is_none()
        );
        let index = Wanted {
            index: true,
            ..inverse
        };
        let d = distinct_positions(&z, index, &[3])
            .expect("sorts")
            .expect("decided");
        assert!(
            matches!(d.values.get(&[0]), crate::engine::Scalar::Float(v) if v.is_sign_negative())
        );
    }
}
