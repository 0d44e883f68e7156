//! NumPy's element order for searching and sets: `a < b` as NumPy's sort
//! and binary search define it (NaN after every number; complex compared
//! by real part, then imaginary, with NaNs last), and the C-order lanes of
//! an array along one axis.

use std::cmp::Ordering;

use crate::engine::Scalar;

/// NumPy's `LT` for one type: `a < b || (b != b && a == a)` for floats.
pub fn lt(x: &Scalar, y: &Scalar) -> bool {
    fn flt(a: f64, b: f64) -> bool {
        a < b || (b.is_nan() && !a.is_nan())
    }
    match (x, y) {
        (Scalar::Float(a), Scalar::Float(b)) => flt(*a, *b),
        (Scalar::Complex(ar, ai), Scalar::Complex(br, bi)) => {
            let (ar, ai, br, bi) = (*ar, *ai, *br, *bi);
            if ar < br {
                !ai.is_nan() || bi.is_nan()
            } else if ar > br {
                bi.is_nan() && !ai.is_nan()
            } else if ar == br || (ar.is_nan() && br.is_nan()) {
                flt(ai, bi)
            } else {
                br.is_nan()
            }
        }
        (Scalar::Int(a), Scalar::Int(b)) => a < b,
        (Scalar::UInt(a), Scalar::UInt(b)) => a < b,
        (Scalar::Int(a), Scalar::UInt(b)) => (*a as i128) < (*b as i128),
        (Scalar::UInt(a), Scalar::Int(b)) => (*a as i128) < (*b as i128),
        (Scalar::Bool(a), Scalar::Bool(b)) => !a & b,
        (Scalar::Str(a), Scalar::Str(b)) => a < b,
        (Scalar::Bytes(a), Scalar::Bytes(b)) => a < b,
        // Records (and sub-arrays) field by field: the first field that
        // differs decides (NumPy's `VOID_compare`).
        (Scalar::Record(p), Scalar::Record(q)) => p
            .iter()
            .zip(q)
            .find(|(a, b)| lt(a, b) || lt(b, a))
            .is_some_and(|(a, b)| lt(a, b)),
        _ => false,
    }
}

/// The total order a stable sort uses, derived from [`lt`].
pub fn cmp(x: &Scalar, y: &Scalar) -> Ordering {
    if lt(x, y) {
        Ordering::Less
    } else if lt(y, x) {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

/// `x == y` as NumPy's `==` answers it (NaN is unequal to itself).
pub fn eq(x: &Scalar, y: &Scalar) -> bool {
    match (x, y) {
        (Scalar::Float(a), Scalar::Float(b)) => a == b,
        (Scalar::Complex(ar, ai), Scalar::Complex(br, bi)) => ar == br && ai == bi,
        // `==` of records: every field equal (a NaN field never is).
        (Scalar::Record(p), Scalar::Record(q)) => {
            p.len() == q.len() && p.iter().zip(q).all(|(a, b)| eq(a, b))
        }
        _ => !lt(x, y) && !lt(y, x),
    }
}

/// Is `x` a NaN (a complex with a NaN part counts)?
pub fn is_nan(x: &Scalar) -> bool {
    match x {
        Scalar::Float(f) => f.is_nan(),
        Scalar::Complex(r, i) => r.is_nan() || i.is_nan(),
        _ => false,
    }
}

/// The lanes of an array of `shape` (C order) along `axis`: each lane is
/// the flat C-order positions of its elements, lanes in C order of the
/// other axes.
pub fn lanes(shape: &[usize], axis: usize) -> Vec<Vec<usize>> {
    let n = shape[axis];
    let inner: usize = shape[axis + 1..].iter().product();
    let outer: usize = shape[..axis].iter().product();
    let mut out = Vec::with_capacity(outer * inner);
    for o in 0..outer {
        for i in 0..inner {
            out.push((0..n).map(|k| (o * n + k) * inner + i).collect());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nan_sorts_last_and_is_unequal() {
        let (one, nan) = (Scalar::Float(1.0), Scalar::Float(f64::NAN));
        assert!(lt(&one, &nan));
        assert!(!lt(&nan, &one));
        assert_eq!(cmp(&nan, &nan), Ordering::Equal);
        assert!(!eq(&nan, &nan));
        assert!(eq(&Scalar::Float(0.0), &Scalar::Float(-0.0)));
    }

    #[test]
    fn lanes_walk_the_other_axes_in_c_order() {
        assert_eq!(lanes(&[2, 3], 0), vec![vec![0, 3], vec![1, 4], vec![2, 5]]);
        assert_eq!(lanes(&[2, 3], 1), vec![vec![0, 1, 2], vec![3, 4, 5]]);
    }
}
