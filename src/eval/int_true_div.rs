//! `int / int` as CPython computes it: the exact quotient rounded once to
//! the nearest float (ties to even), also when the operands have more bits
//! than a float holds (`(2**60 + 1) / 3`). Dividing the two rounded floats
//! would round twice.

/// `x / y` for `y != 0`, correctly rounded.
pub fn int_true_div(x: i128, y: i128) -> f64 {
    const EXACT: u128 = 1 << 53;
    let (a, b) = (x.unsigned_abs(), y.unsigned_abs());
    let negative = (x < 0) != (y < 0);
    let q = if a <= EXACT && b <= EXACT {
        a as f64 / b as f64
    } else {
        rounded_quotient(a, b)
    };
    if negative { -q } else { q }
}

/// `a / b` for `b > 0`, `b <= 2**127`: at least 55 quotient bits by long
/// division, then one rounding with the remainder as the sticky bit.
fn rounded_quotient(a: u128, b: u128) -> f64 {
    let mut q = a / b;
    let mut r = a % b;
    let mut exp: i32 = 0;
    while bit_length(q) < 55 {
        // r < b <= 2**127, so r << 1 fits.
        r <<= 1;
        q <<= 1;
        if r >= b {
            r -= b;
            q |= 1;
        }
        exp -= 1;
    }
    let extra = bit_length(q) - 53;
    let mut mantissa = q >> extra;
    let low = q & ((1u128 << extra) - 1);
    let half = 1u128 << (extra - 1);
    if low > half || (low == half && (r != 0 || mantissa & 1 == 1)) {
        mantissa += 1;
    }
    // A mantissa of 2**53 after rounding up is still exact as a float.
    mantissa as f64 * 2f64.powi(exp + extra as i32)
}

fn bit_length(v: u128) -> u32 {
    128 - v.leading_zeros()
}

#[cfg(test)]
mod tests {
    use super::int_true_div;

    #[test]
    fn rounds_once_as_cpython() {
        assert_eq!(int_true_div((1 << 60) + 1, 3), 3.843071682022823e17);
        assert_eq!(
            int_true_div((1 << 100) + 12345, (1 << 53) + 7),
            140737488355327.89
        );
        assert_eq!(int_true_div(-(1i128 << 64) - 1, 3), -6.148914691236517e18);
        assert_eq!(int_true_div(i128::MAX, i128::MAX - 2), 1.0);
        assert_eq!(int_true_div(7, 1 << 120), 5.266214691683848e-36);
        assert_eq!(int_true_div(i128::MIN, 1), -1.7014118346046923e38);
        assert_eq!(int_true_div(1, 3), 1.0 / 3.0);
    }
}
