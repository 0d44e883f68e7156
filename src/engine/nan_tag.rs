//! NaN payloads that carry a Python float's identity.
//!
//! Python's floats are objects: `np.nan in [np.nan]` is True because a
//! list lookup tries identity before `==`, and `float('nan') in
//! [float('nan')]` is False because the two are different objects. An
//! `f64` has no identity, so the evaluator writes one into the payload of
//! the NaNs it hands out as distinct objects (`np.nan`, `math.nan`, each
//! `float('nan')`, each arithmetic result): a quiet NaN whose payload is
//! [`MARK`] plus an object number. The engine keeps those payloads out of
//! buffers: where a scalar becomes an element, [`canonical`] turns a
//! tagged NaN back into the quiet NaN NumPy stores (sign kept), so no
//! array, `tobytes` or `view` ever shows a tag.

/// Exponent, quiet bit and the mark of a tagged NaN (the sign bit and the
/// low 32 bits, the object number, are free).
pub const MARK: u64 = 0x7ffc_51ce_0000_0000;
/// The bits [`MARK`] is compared under.
const MARK_MASK: u64 = 0x7fff_ffff_0000_0000;
/// The quiet NaN NumPy's `np.nan` is.
const QUIET: u64 = 0x7ff8_0000_0000_0000;
const SIGN: u64 = 0x8000_0000_0000_0000;

/// The NaN with object number `id` and `x`'s sign.
pub fn tagged(id: u32, negative: bool) -> f64 {
    f64::from_bits(MARK | id as u64 | if negative { SIGN } else { 0 })
}

/// True when `x` is a NaN carrying an object number.
pub fn is_tagged(x: f64) -> bool {
    x.to_bits() & MARK_MASK == MARK
}

/// `x` as it is stored in an array: a tagged NaN becomes the plain quiet
/// NaN of its sign, every other value is itself.
#[inline]
pub fn canonical(x: f64) -> f64 {
    if x.is_nan() && is_tagged(x) {
        f64::from_bits(QUIET | (x.to_bits() & SIGN))
    } else {
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_is_a_nan_and_canonical_drops_it_keeping_the_sign() {
        let t = tagged(7, false);
        assert!(t.is_nan() && is_tagged(t));
        assert_eq!(canonical(t).to_bits(), QUIET);
        assert_eq!(canonical(tagged(7, true)).to_bits(), QUIET | SIGN);
        assert!(!is_tagged(f64::NAN));
        assert_eq!(canonical(1.5), 1.5);
    }
}
