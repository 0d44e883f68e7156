//! Which Python float objects are one object, for `is` and for the
//! lookups that try identity before `==` (`in`, `list.index`, `==`
//! between lists, set and dict keys). Only a NaN can tell: any other
//! float equals itself, so identity never changes a lookup's answer.
//!
//! A float object that is NaN carries an object number in its payload
//! (`engine::nan_tag`, which also keeps it out of arrays): `np.nan` and
//! `math.nan` are one object each, every `float('nan')` and every NaN a
//! Python float operation returns is a new one. A NaN without a number
//! (read out of an array, made by a NumPy routine) is an object nothing
//! else is, which is what NumPy's fresh scalars are.

use std::cell::Cell;

use crate::engine::nan_tag;

/// `np.nan`'s object number.
const NP_NAN: u32 = 0;
/// `math.nan`'s.
const MATH_NAN: u32 = 1;
/// The first number handed to a new object.
const FIRST_FRESH: u32 = 2;

thread_local! {
    static NEXT: Cell<u32> = const { Cell::new(FIRST_FRESH) };
}

/// `np.nan`.
pub fn np_nan() -> f64 {
    nan_tag::tagged(NP_NAN, false)
}

/// `math.nan`.
pub fn math_nan() -> f64 {
    nan_tag::tagged(MATH_NAN, false)
}

/// `x` as a new float object: a NaN gets the next object number (its sign
/// kept), any other value is itself.
pub fn fresh(x: f64) -> f64 {
    if !x.is_nan() {
        return x;
    }
    let id = NEXT.with(|n| {
        let id = n.get();
        n.set(id.checked_add(1).unwrap_or(FIRST_FRESH));
        id
    });
    nan_tag::tagged(id, x.is_sign_negative())
}

/// `a is b` for two float values known to be NaN-tagged objects: the same
/// object number and sign.
pub fn same_object(a: f64, b: f64) -> bool {
    a.is_nan() && nan_tag::is_tagged(a) && a.to_bits() == b.to_bits()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn np_nan_is_itself_and_each_float_nan_is_new() {
        assert!(same_object(np_nan(), np_nan()));
        assert!(!same_object(np_nan(), math_nan()));
        let (x, y) = (fresh(f64::NAN), fresh(f64::NAN));
        assert!(same_object(x, x) && !same_object(x, y));
        assert!(!same_object(f64::NAN, f64::NAN));
        assert_eq!(fresh(2.5), 2.5);
    }
}
