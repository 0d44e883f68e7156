//! Filling a new array from a formula of the position (`np.arange`): each
//! element depends only on its index, so large fills split between threads
//! and give the same values as one.

use super::par::for_each_rows;

/// `xs[i] = start + i*delta`, as NumPy's float arange computes it.
pub fn arange_f64(xs: &mut [f64], start: f64, delta: f64) {
    for_each_rows(xs, 1, |first, part| {
        for (i, x) in part.iter_mut().enumerate() {
            *x = start + (first + i) as f64 * delta;
        }
    });
}

/// `xs[i] = start + i*step` (wrapping, as int64 arithmetic in C).
pub fn arange_i64(xs: &mut [i64], start: i64, step: i64) {
    for_each_rows(xs, 1, |first, part| {
        for (i, x) in part.iter_mut().enumerate() {
            *x = start.wrapping_add(((first + i) as i64).wrapping_mul(step));
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
        let mut i = vec![0; 4];
        arange_i64(&mut i, 10, -3);
        assert_eq!(i, [10, 7, 4, 1]);
    }
}
