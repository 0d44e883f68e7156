//! `np.isin` on numbers without boxing an element. NumPy compares each
//! element with the test values under its promotion rules; here both sides
//! are cast once to the type NumPy would compare them in (int64 for signed
//! integers, uint64 for unsigned ones, float64 once a float is involved)
//! and each element is looked up: in a table of the test values' range
//! when it is small (NumPy's `kind='table'` criterion), else by binary
//! search in the sorted test values. The answer is the same whichever way
//! it is found.

use super::array::{ArrayRef, NdArray};
use super::dtype::{DType, Kind};
use super::error::EngineError;
use super::interrupt;
use super::typed::with_elems;

/// `np.isin(a, tests, invert=invert)` for real numbers and booleans, a
/// new C-ordered bool array of `a`'s shape; `None` for other dtypes and
/// for mixing uint64 with signed integers (compared exactly elsewhere).
pub fn isin(a: &ArrayRef, tests: &ArrayRef, invert: bool) -> Result<Option<ArrayRef>, EngineError> {
    let kind = |d: &DType| d.kind();
    let int_like = |k: Kind| matches!(k, Kind::Bool | Kind::Int | Kind::UInt);
    let (ka, kt) = (kind(a.dtype()), kind(tests.dtype()));
    let real = |k: Kind| int_like(k) || k == Kind::Float;
    if !real(ka) || !real(kt) {
        return Ok(None);
    }
    let unsigned = |d: &DType, k: Kind| k == Kind::UInt || (k == Kind::Bool && d.itemsize() == 1);
    let found: Vec<bool> = if int_like(ka) && int_like(kt) {
        let wide_u = |d: &DType| *d == DType::UInt64;
        let (ua, ut) = (unsigned(a.dtype(), ka), unsigned(tests.dtype(), kt));
        if ua && ut {
            with_elems::<u64, _>(tests, |ts| {
                with_elems::<u64, _>(a, |xs| lookup_ints(xs, ts))
            })???
        } else if wide_u(a.dtype()) || wide_u(tests.dtype()) {
            return Ok(None);
        } else {
            with_elems::<i64, _>(tests, |ts| {
                with_elems::<i64, _>(a, |xs| lookup_ints(xs, ts))
            })???
        }
    } else {
        with_elems::<f64, _>(tests, |ts| {
            with_elems::<f64, _>(a, |xs| lookup_floats(xs, ts))
        })???
    };
    let out = NdArray::for_overwrite(&a.shape(), DType::Bool)?;
    {
        let mut bytes = out.bytes_mut();
        for (o, f) in bytes.iter_mut().zip(&found) {
            *o = u8::from(*f != invert);
        }
    }
    Ok(Some(out))
}

/// Each integer of `xs` found among `ts`?
fn lookup_ints<T: Copy + Ord + Into<i128>>(xs: &[T], ts: &[T]) -> Result<Vec<bool>, EngineError> {
    let wide = |v: T| -> i128 { v.into() };
    let (Some(&lo), Some(&hi)) = (ts.iter().min(), ts.iter().max()) else {
        return Ok(vec![false; xs.len()]);
    };
    let range = (wide(hi) - wide(lo)) as u128;
    let mut out = Vec::with_capacity(xs.len());
    if range <= 6 * (xs.len() + ts.len()) as u128 {
        let mut table = vec![false; range as usize + 1];
        for &t in ts {
            table[(wide(t) - wide(lo)) as usize] = true;
        }
        for chunk in xs.chunks(1 << 16) {
            interrupt::check()?;
            out.extend(chunk.iter().map(|&x| {
                let d = wide(x) - wide(lo);
                d >= 0 && (d as u128) <= range && table[d as usize]
            }));
        }
    } else {
        let mut sorted = ts.to_vec();
        sorted.sort_unstable();
        for chunk in xs.chunks(1 << 16) {
            interrupt::check()?;
            out.extend(chunk.iter().map(|x| sorted.binary_search(x).is_ok()));
        }
    }
    Ok(out)
}

/// Each float of `xs` equal (`==`: NaN never, `-0.0` to `0.0`) to one of
/// `ts`?
fn lookup_floats(xs: &[f64], ts: &[f64]) -> Result<Vec<bool>, EngineError> {
    // Zero's two signs are one key; NaNs match nothing.
    let key = |v: f64| if v == 0.0 { 0.0 } else { v };
    let mut sorted: Vec<f64> = ts.iter().filter(|v| !v.is_nan()).map(|&v| key(v)).collect();
    sorted.sort_unstable_by(f64::total_cmp);
    let mut out = Vec::with_capacity(xs.len());
    for chunk in xs.chunks(1 << 16) {
        interrupt::check()?;
        out.extend(
            chunk
                .iter()
                .map(|&x| !x.is_nan() && sorted.binary_search_by(|t| t.total_cmp(&key(x))).is_ok()),
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_and_searches_agree() {
        let xs: Vec<i64> = (-50..50).collect();
        let near: Vec<i64> = vec![-3, 0, 7, 7, 49];
        let far: Vec<i64> = vec![-3, 0, 7, 1 << 40];
        let a = lookup_ints(&xs, &near).unwrap();
        let b = lookup_ints(&xs, &far).unwrap();
        for (k, &x) in xs.iter().enumerate() {
            assert_eq!(a[k], near.contains(&x));
            assert_eq!(b[k], far.contains(&x));
        }
    }

    #[test]
    fn floats_compare_as_equality_does() {
        let r = lookup_floats(&[0.0, -0.0, f64::NAN, 1.5, 2.0], &[-0.0, f64::NAN, 1.5]).unwrap();
        assert_eq!(r, vec![true, true, false, true, false]);
    }
}
