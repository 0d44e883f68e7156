//! Filling a new array from a formula of the position (`np.arange`): each
//! element depends only on its index, so large fills split between threads
//! and give the same values as one.

use super::array::{ArrayRef, NdArray};
use super::element::Element;
use super::error::EngineError;
use super::par::for_each_rows;

/// A new 1-d array whose element `i` is `f(i)`, written in place (on both
/// cores when it is large): no boxed value per element.
pub fn from_index_fn<T: Element>(
    n: usize,
    f: impl Fn(usize) -> T + Sync + Send,
) -> Result<ArrayRef, EngineError> {
    let out = NdArray::for_overwrite(&[n], T::dtype())?;
    {
        let mut b = out.buffer().bytes_mut();
        let xs: &mut [T] = bytemuck::cast_slice_mut(&mut b[..n * std::mem::size_of::<T>()]);
        for_each_rows(xs, 1, |first, part| {
            for (i, x) in part.iter_mut().enumerate() {
                *x = f(first + i);
            }
        });
    }
    Ok(out)
}

/// `xs[i] = start + i*delta`, as NumPy's float arange computes it.
pub fn arange_f64(xs: &mut [f64], start: f64, delta: f64) {
    for_each_rows(xs, 1, |first, part| {
        for (i, x) in part.iter_mut().enumerate() {
            *x = start + (first + i) as f64 * delta;
        }
    });
}

/// `xs[i] = start + i*step` in the element's integer type, as its C `fill`
/// computes it: arithmetic modulo 2^64 then truncated to the type is
/// arithmetic modulo the type's width, so one formula serves every width.
pub fn arange_int<T: Element>(xs: &mut [T], start: u64, step: u64) {
    for_each_rows(xs, 1, |first, part| {
        for (i, x) in part.iter_mut().enumerate() {
            *x = T::from_u64(start.wrapping_add(((first + i) as u64).wrapping_mul(step)));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_match_the_formula() {
        let mut f = vec![0.0; 5];
        arange_f64(&mut f, 0.5, 0.25);
        assert_eq!(f, [0.5, 0.75, 1.0, 1.25, 1.5]);
        let mut i = vec![0i64; 4];
        arange_int(&mut i, 10, -3i64 as u64);
        assert_eq!(i, [10, 7, 4, 1]);
        let mut b = vec![0i8; 3];
        arange_int(&mut b, 126, 1);
        assert_eq!(b, [126, 127, -128]);
    }
}
