//! `x % d` and `x // d` for an int64 array and one integer `d >= 2`, by
//! multiplying with a precomputed reciprocal instead of dividing (the
//! method libdivide and NumPy use): a hardware 64-bit division costs tens
//! of cycles per element. Negative elements take the ordinary path, so
//! results are exactly those of `Arith::rem` / `Arith::floordiv`.

use super::kernels::Arith;

/// Unsigned division by a fixed `d >= 2` (Granlund–Montgomery, round-up
/// variant): `n / d == (t + ((n - t) >> 1)) >> (l - 1)` with
/// `t = mulhi(m, n)`, `l = ceil(log2 d)`, `m = floor(2^64 (2^l - d) / d) + 1`.
#[derive(Debug, Clone, Copy)]
pub struct Divisor {
    d: u64,
    m: u64,
    shift: u32,
}

impl Divisor {
    /// The reciprocal of `d`; `None` for `d < 2`.
    pub fn new(d: u64) -> Option<Divisor> {
        if d < 2 {
            return None;
        }
        let l = 64 - (d - 1).leading_zeros();
        let two_l = 1u128 << l;
        let m = (((two_l - d as u128) << 64) / d as u128 + 1) as u64;
        Some(Divisor { d, m, shift: l - 1 })
    }

    /// `n / d`.
    #[inline(always)]
    pub fn quotient(self, n: u64) -> u64 {
        let t = ((self.m as u128 * n as u128) >> 64) as u64;
        (t + ((n - t) >> 1)) >> self.shift
    }
}

/// `out[k] = xs[k] % d` (floor semantics, `d >= 2`).
pub fn rem_i64(xs: &[i64], d: Divisor, out: &mut [i64]) {
    super::par::for_each_rows(out, 1, |start, part| {
        for (z, &x) in part.iter_mut().zip(&xs[start..]) {
            *z = if x >= 0 {
                let n = x as u64;
                (n - d.quotient(n) * d.d) as i64
            } else {
                <i64 as Arith>::rem(x, d.d as i64)
            };
        }
    });
}

/// `out[k] = xs[k] // d` (floor semantics, `d >= 2`).
pub fn floordiv_i64(xs: &[i64], d: Divisor, out: &mut [i64]) {
    super::par::for_each_rows(out, 1, |start, part| {
        for (z, &x) in part.iter_mut().zip(&xs[start..]) {
            *z = if x >= 0 {
                d.quotient(x as u64) as i64
            } else {
                <i64 as Arith>::floordiv(x, d.d as i64)
            };
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_hardware_division() {
        let ds = [
            2u64,
            3,
            7,
            10,
            1000,
            7919,
            20_000_000,
            1 << 20,
            (1 << 63) - 1,
            1 << 63,
            u64::MAX,
        ];
        let ns = [
            0u64,
            1,
            2,
            999,
            1000,
            1001,
            123_456_789,
            1 << 40,
            (1 << 63) - 1,
            1 << 63,
            u64::MAX,
        ];
        for &d in &ds {
            let div = Divisor::new(d).unwrap();
            for &n in &ns {
                assert_eq!(div.quotient(n), n / d, "{n} / {d}");
            }
            for n in 0..5000u64 {
                assert_eq!(div.quotient(n), n / d, "{n} / {d}");
            }
        }
    }

    #[test]
    fn int64_kernels_match_arith() {
        let xs: Vec<i64> = (-3000..3000)
            .chain([i64::MAX, i64::MIN, i64::MIN + 1])
            .collect();
        for d in [2i64, 3, 1000, 7919] {
            let div = Divisor::new(d as u64).unwrap();
            let mut r = vec![0; xs.len()];
            let mut q = vec![0; xs.len()];
            rem_i64(&xs, div, &mut r);
            floordiv_i64(&xs, div, &mut q);
            for (k, &x) in xs.iter().enumerate() {
                assert_eq!(r[k], <i64 as Arith>::rem(x, d));
                assert_eq!(q[k], <i64 as Arith>::floordiv(x, d));
            }
        }
    }
}
