//! The `math` functions that work on a double's bits: `nextafter`, `ulp`
//! and `remainder` (IEEE 754's, as CPython's own `m_remainder` computes
//! it rather than the C library's). Argument reading and CPython's
//! domain errors stay in `pymath.rs`.

/// The next double after `x` towards `y` (C's `nextafter`).
pub fn nextafter(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return x + y;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let bits = x.to_bits();
    // Away from zero when moving in the direction of x's sign.
    let away = (y > x) == (x > 0.0);
    f64::from_bits(if away { bits + 1 } else { bits - 1 })
}

/// The value of the least significant bit of `x` (CPython's `math.ulp`).
pub fn ulp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let x = x.abs();
    if x.is_infinite() {
        return x;
    }
    let up = nextafter(x, f64::INFINITY);
    if up.is_infinite() {
        // The largest double: measure the step below it instead.
        return x - nextafter(x, f64::NEG_INFINITY);
    }
    up - x
}

/// IEEE 754's remainder `x - n*y`, `n` the integer nearest `x/y` (ties to
/// even): CPython's `m_remainder`, step for step. NaN for `y == 0` or an
/// infinite `x`, which the caller reports as a domain error.
pub fn remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let (absx, absy) = (x.abs(), y.abs());
        let m = absx % absy;
        let c = absy - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            // Halfway: the even multiple.
            m - 2.0 * ((0.5 * (absx - m)) % absy)
        };
        return 1.0f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_steps() {
        assert_eq!(nextafter(1.0, 2.0), 1.0000000000000002);
        assert_eq!(nextafter(0.0, -1.0), -5e-324);
        assert_eq!(nextafter(f64::INFINITY, 0.0), f64::MAX);
        assert_eq!(ulp(f64::MAX), 1.99584030953472e292);
        assert_eq!(ulp(0.0), 5e-324);
        assert_eq!(remainder(5.0, 3.0), -1.0);
        assert_eq!(remainder(7.0, 2.0), -1.0);
        assert_eq!(remainder(-5.5, 2.0), 0.5);
    }
}
