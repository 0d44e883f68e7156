//! `math.hypot` and `math.dist` in any number of dimensions, as CPython's
//! `vector_norm` computes them (power-of-two scaling, exact squares,
//! compensated sums, a corrected square root), so every last digit is
//! CPython's — also for two coordinates, where CPython does not call the C
//! library's `hypot`. Reading the arguments stays in `pymath.rs`.

/// An exact product `hi + lo` of two doubles (CPython's `dl_mul`, with
/// the fused multiply-add it uses where the C library has one).
fn dl_mul(x: f64, y: f64) -> (f64, f64) {
    let z = x * y;
    (z, x.mul_add(y, -z))
}

/// An exact sum `hi + lo` when `|a| >= |b|` (CPython's `dl_fast_sum`).
fn dl_fast_sum(a: f64, b: f64) -> (f64, f64) {
    let x = a + b;
    let z = x - a;
    (x, b - z)
}

/// `sqrt(sum(x * x for x in vec))` for non-negative `vec` whose largest
/// element is `max`; `found_nan` when one of them is a NaN (an infinity
/// still wins over it, as in CPython).
pub fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = super::fdlibm::frexp(max);
    if max_e < -1023 {
        // `ldexp(1.0, -max_e)` would overflow: make subnormals normal first.
        for x in vec.iter_mut() {
            *x /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = super::fdlibm::ldexp(1.0, -i64::from(max_e));
    let (mut csum, mut frac1, mut frac2) = (1.0, 0.0, 0.0);
    for &x in vec.iter() {
        let (hi, lo) = dl_mul(x * scale, x * scale);
        let (s, t) = dl_fast_sum(csum, hi);
        csum = s;
        frac1 += lo;
        frac2 += t;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let (hi, lo) = dl_mul(-h, h);
    let (s, t) = dl_fast_sum(csum, hi);
    csum = s;
    frac1 += lo;
    frac2 += t;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

/// The norm of coordinates already read as doubles: their absolute
/// values, the largest and whether one is a NaN, then [`vector_norm`].
pub fn norm_of(coords: impl IntoIterator<Item = f64>) -> f64 {
    let mut max = 0.0;
    let mut found_nan = false;
    let mut vec: Vec<f64> = Vec::new();
    for x in coords {
        let x = x.abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        vec.push(x);
    }
    vector_norm(&mut vec, max, found_nan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_cpython_digits() {
        assert_eq!(norm_of([1.0, 2.0, 3.0]), 3.7416573867739413);
        assert_eq!(norm_of([0.1, 0.2]), 0.223606797749979);
        assert_eq!(norm_of([1e308, 1e308, 1e308]), 1.7320508075688772e308);
        assert_eq!(norm_of([1e-320, 1e-320, 1e-320]), 1.732e-320);
        assert_eq!(norm_of([f64::NAN, f64::INFINITY]), f64::INFINITY);
        assert_eq!(norm_of([]), 0.0);
    }
}
