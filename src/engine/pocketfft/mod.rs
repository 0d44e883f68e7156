//! NumPy 2.4's FFTs: a port of the C++ pocketfft NumPy vendors
//! (`pocketfft_hdronly.h`, mreineck/pocketfft at 33ae5dc) and of the
//! gufunc loops of `numpy/fft/_pocketfft_umath.cpp`, in both precisions
//! NumPy has loops for (`Dd->D` and `Ff->F`; which one runs is the
//! caller's choice, see `eval::np_fft`).
//!
//! Files: `twiddle.rs` (`sincos_2pibyn`, always in double), and four
//! files included once per precision into [`double`] and [`single`]
//! (C++ templates on `T0`, here a `Real` alias): `common.rs` (the complex
//! type, the plans `pocketfft_c`/`pocketfft_r` and the three loops NumPy
//! calls — `fft_loop`, `rfft_impl`, `irfft_loop` — on one lane),
//! `cfftp.rs` (complex passes), `rfftp.rs` (real passes), `blue.rs`
//! (Bluestein). This file holds the plan-choice arithmetic both share.

// A transliteration: pocketfft's index loops, `% 2 == 0` tests and
// long-double literals (which equal std's constants) are kept as written
// so the two can be read side by side.
#![allow(
    clippy::manual_is_multiple_of,
    clippy::approx_constant,
    clippy::needless_range_loop
)]

mod twiddle;

/// pocketfft in double precision (`T0 = double`).
#[allow(clippy::excessive_precision, clippy::unnecessary_cast)]
pub mod double {
    /// The precision of this instance.
    pub type Real = f64;
    include!("common.rs");
    include!("cfftp.rs");
    include!("rfftp.rs");
    include!("blue.rs");
}

/// pocketfft in single precision (`T0 = float`; twiddles still computed
/// in double and rounded, as `sincos_2pibyn<float>` does).
#[allow(clippy::excessive_precision, clippy::unnecessary_cast)]
pub mod single {
    /// The precision of this instance.
    pub type Real = f32;
    include!("common.rs");
    include!("cfftp.rs");
    include!("rfftp.rs");
    include!("blue.rs");
}

fn largest_prime_factor(mut n: usize) -> usize {
    let mut res = 1;
    while n & 1 == 0 {
        res = 2;
        n >>= 1;
    }
    let mut x = 3;
    while x * x <= n {
        while n % x == 0 {
            res = x;
            n /= x;
        }
        x += 2;
    }
    if n > 1 {
        res = n;
    }
    res
}

fn cost_guess(mut n: usize) -> f64 {
    let lfp = 1.1;
    let ni = n;
    let mut result = 0.0;
    while n & 1 == 0 {
        result += 2.0;
        n >>= 1;
    }
    let mut x = 3;
    while x * x <= n {
        while n % x == 0 {
            result += if x <= 5 { x as f64 } else { lfp * x as f64 };
            n /= x;
        }
        x += 2;
    }
    if n > 1 {
        result += if n <= 5 { n as f64 } else { lfp * n as f64 };
    }
    result * ni as f64
}

/// The smallest product of 2, 3, 5, 7 and 11 that is >= n.
pub(crate) fn good_size_cmplx(n: usize) -> usize {
    if n <= 12 {
        return n;
    }
    let mut bestfac = 2 * n;
    let mut f11 = 1;
    while f11 < bestfac {
        let mut f117 = f11;
        while f117 < bestfac {
            let mut f1175 = f117;
            while f1175 < bestfac {
                let mut x = f1175;
                while x < n {
                    x *= 2;
                }
                loop {
                    if x < n {
                        x *= 3;
                    } else if x > n {
                        if x < bestfac {
                            bestfac = x;
                        }
                        if x & 1 == 1 {
                            break;
                        }
                        x >>= 1;
                    } else {
                        return n;
                    }
                }
                f1175 *= 5;
            }
            f117 *= 7;
        }
        f11 *= 11;
    }
    bestfac
}

/// Does `pocketfft_c`/`pocketfft_r` pick Bluestein for this length?
pub(crate) fn use_bluestein(length: usize, real: bool) -> bool {
    let tmp = if length < 50 {
        0
    } else {
        largest_prime_factor(length)
    };
    if tmp * tmp <= length {
        return false;
    }
    let comp1 = if real { 0.5 } else { 1.0 } * cost_guess(length);
    let mut comp2 = 2.0 * cost_guess(good_size_cmplx(2 * length - 1));
    comp2 *= 1.5;
    comp2 < comp1
}

#[cfg(test)]
mod tests {
    use super::double::*;
    use super::*;

    #[test]
    fn plan_choice_follows_pocketfft() {
        assert_eq!(good_size_cmplx(13), 14);
        assert_eq!(largest_prime_factor(97 * 4), 97);
    }

    #[test]
    fn small_transforms_are_exact() {
        let plan = PlanC::new(4);
        let x = [1.0, 2.0, 3.0, 4.0].map(|r| Cx { r, i: 0.0 });
        let y = c2c_lane(&plan, &x, 4, 1.0, true);
        assert_eq!(y[0], Cx { r: 10.0, i: 0.0 });
        assert_eq!(y[1], Cx { r: -2.0, i: 2.0 });
        let rp = PlanR::new(4);
        let z = r2c_lane(&rp, &[1.0, 2.0, 3.0, 4.0], 4, 1.0);
        assert_eq!(z[1], Cx { r: -2.0, i: 2.0 });
        let back = c2r_lane(&rp, &z, 4, 0.25);
        assert_eq!(back, vec![1.0, 2.0, 3.0, 4.0]);
    }
}
