//! The few libm functions Rust's standard library does not take from the
//! C library NumPy links (glibc), written on glibc's own algorithms so the
//! last digit is the same: `asinh`/`acosh`/`atanh` (Rust computes these
//! itself, differently), NumPy's `npy_logaddexp`/`npy_logaddexp2` (its
//! formulas over libm's `log1p`/`exp`/`exp2`), and the exact bit
//! operations `frexp` and `ldexp` (musl's `scalbn` steps: one rounding).

use std::f64::consts::{LN_2, LOG2_E};

/// glibc's `asinh` (fdlibm `s_asinh.c`).
pub fn asinh(x: f64) -> f64 {
    let ix = (x.to_bits() >> 32) as u32 & 0x7fff_ffff;
    if ix < 0x3e30_0000 {
        // |x| < 2**-28: asinh(x) rounds to x.
        return x;
    }
    let xa = x.abs();
    let w = if ix > 0x41b0_0000 {
        if ix >= 0x7ff0_0000 {
            return x + x;
        }
        xa.ln() + LN_2
    } else if ix > 0x4000_0000 {
        (2.0 * xa + 1.0 / ((xa * xa + 1.0).sqrt() + xa)).ln()
    } else {
        let t = xa * xa;
        (xa + t / (1.0 + (1.0 + t).sqrt())).ln_1p()
    };
    w.copysign(x)
}

/// glibc's `acosh` (fdlibm `e_acosh.c`).
pub fn acosh(x: f64) -> f64 {
    let bits = x.to_bits();
    let hx = (bits >> 32) as u32 as i32;
    let lx = bits as u32;
    if hx < 0x3ff0_0000 {
        f64::NAN
    } else if hx >= 0x41b0_0000 {
        if hx >= 0x7ff0_0000 {
            x + x
        } else {
            x.ln() + LN_2
        }
    } else if ((hx - 0x3ff0_0000) as u32 | lx) == 0 {
        0.0
    } else if hx > 0x4000_0000 {
        let t = x * x;
        (2.0 * x - 1.0 / (x + (t - 1.0).sqrt())).ln()
    } else {
        let t = x - 1.0;
        (t + (2.0 * t + t * t).sqrt()).ln_1p()
    }
}

/// glibc's `atanh` (`e_atanh.c`).
pub fn atanh(x: f64) -> f64 {
    let xa = x.abs();
    let t = if xa < 0.5 {
        if xa < f64::from_bits(0x3e30_0000_0000_0000) {
            return x;
        }
        let t = xa + xa;
        0.5 * (t + t * xa / (1.0 - xa)).ln_1p()
    } else if xa < 1.0 {
        0.5 * ((xa + xa) / (1.0 - xa)).ln_1p()
    } else if xa > 1.0 {
        return f64::NAN;
    } else if xa == 1.0 {
        return x / 0.0;
    } else {
        return x;
    };
    t.copysign(x)
}

/// glibc's `cbrt` (`s_cbrt.c`: a polynomial guess, one rational step,
/// the exponent put back by `ldexp`) — not correctly rounded, so
/// `cbrt(-27.0)` is `-3.0000000000000004` as NumPy prints it.
#[allow(clippy::excessive_precision, clippy::unreadable_literal)]
pub fn cbrt(x: f64) -> f64 {
    const CBRT2: f64 = 1.2599210498948731648;
    const SQR_CBRT2: f64 = 1.5874010519681994748;
    const FACTOR: [f64; 5] = [1.0 / SQR_CBRT2, 1.0 / CBRT2, 1.0, CBRT2, SQR_CBRT2];
    let (xm, xe) = frexp(x.abs());
    if xe == 0 && (x == 0.0 || !x.is_finite()) {
        return x + x;
    }
    let u = 0.354895765043919860
        + (1.50819193781584896
            + (-2.11499494167371287
                + (2.44693122563534430
                    + (-1.83469277483613086
                        + (0.784932344976639262 - 0.145263899385486377 * xm) * xm)
                        * xm)
                    * xm)
                * xm)
            * xm;
    let t2 = u * u * u;
    let ym = u * (t2 + 2.0 * xm) / (2.0 * t2 + xm) * FACTOR[(2 + xe % 3) as usize];
    ldexp(if x > 0.0 { ym } else { -ym }, i64::from(xe / 3))
}

/// glibc's `cbrtf`: [`cbrt`]'s steps with a shorter polynomial, its terms
/// rounded to float where the C code stores them in floats.
#[allow(clippy::excessive_precision, clippy::unreadable_literal)]
pub fn cbrtf(x: f32) -> f32 {
    const CBRT2: f64 = 1.2599210498948731648;
    const SQR_CBRT2: f64 = 1.5874010519681994748;
    const FACTOR: [f64; 5] = [1.0 / SQR_CBRT2, 1.0 / CBRT2, 1.0, CBRT2, SQR_CBRT2];
    let (xm, xe) = frexp(f64::from(x.abs()));
    if xe == 0 && (x == 0.0 || !x.is_finite()) {
        return x + x;
    }
    let u = (0.492659620528969547 + (0.697570460207922770 - 0.191502161678719066 * xm) * xm) as f32;
    let t2 = u * u * u;
    let (u, t2) = (f64::from(u), f64::from(t2));
    let ym = (u * (t2 + 2.0 * xm) / (2.0 * t2 + xm) * FACTOR[(2 + xe % 3) as usize]) as f32;
    let signed = if x > 0.0 { ym } else { -ym };
    ldexp(f64::from(signed), i64::from(xe / 3)) as f32
}

/// NumPy's `npy_logaddexp`/`npy_logaddexp2` and their single-precision
/// forms: `x == y` answered first (equal infinities), then the larger
/// plus `log1p` of the smaller's share; NaN falls through as `x - y`.
macro_rules! log_add_exp {
    ($name:ident, $t:ty, $same:expr, |$d:ident| $share:expr) => {
        pub fn $name(x: $t, y: $t) -> $t {
            if x == y {
                return x + $same;
            }
            let tmp = x - y;
            let share = |$d: $t| -> $t { $share };
            if tmp > 0.0 {
                x + share(-tmp)
            } else if tmp <= 0.0 {
                y + share(tmp)
            } else {
                tmp
            }
        }
    };
}

log_add_exp!(logaddexp, f64, LN_2, |d| d.exp().ln_1p());
log_add_exp!(logaddexpf, f32, std::f32::consts::LN_2, |d| d.exp().ln_1p());
log_add_exp!(logaddexp2, f64, 1.0, |d| LOG2_E * d.exp2().ln_1p());
log_add_exp!(logaddexp2f, f32, 1.0, |d| std::f32::consts::LOG2_E
    * d.exp2().ln_1p());

/// `frexp`: `x = m * 2**e` with `0.5 <= |m| < 1`; zero, infinities and
/// NaN come back as they are with exponent 0.
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, shift) = if x.abs() < f64::MIN_POSITIVE {
        (x * f64::from_bits(0x4350_0000_0000_0000), 54) // 2**54
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (0x3fe << 52));
    (m, exp - 1022 - shift)
}

/// `ldexp`: `x * 2**n`, rounded once (musl's `scalbn`).
pub fn ldexp(x: f64, n: i64) -> f64 {
    let (mut y, mut n) = (x, n);
    let big = f64::from_bits(0x7fe0_0000_0000_0000); // 2**1023
    let small = f64::from_bits(0x0360_0000_0000_0000); // 2**-969
    if n > 1023 {
        y *= big;
        n -= 1023;
        if n > 1023 {
            y *= big;
            n = (n - 1023).min(1023);
        }
    } else if n < -1022 {
        y *= small;
        n += 969;
        if n < -1022 {
            y *= small;
            n = (n + 969).max(-1022);
        }
    }
    y * f64::from_bits(((0x3ff + n) as u64) << 52)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frexp_and_ldexp_invert_each_other() {
        for x in [1.0, 8.0, 0.3, -5e-324, 1e308, -2.5] {
            let (m, e) = frexp(x);
            assert!((0.5..1.0).contains(&m.abs()), "{x}");
            assert_eq!(ldexp(m, e.into()), x);
        }
        assert_eq!(frexp(5e-324), (0.5, -1073));
        assert_eq!(ldexp(1.0, 2000), f64::INFINITY);
        assert_eq!(ldexp(1.0, -1075), 0.0);
        assert_eq!(ldexp(1.0, -1074), 5e-324);
    }

    #[test]
    fn inverse_hyperbolics_at_their_branch_points() {
        assert_eq!(acosh(1.0), 0.0);
        assert!(acosh(0.5).is_nan());
        assert_eq!(atanh(1.0), f64::INFINITY);
        assert_eq!(atanh(-1.0), f64::NEG_INFINITY);
        assert!(atanh(2.0).is_nan());
        assert_eq!(asinh(-0.0).to_bits(), (-0.0f64).to_bits());
        assert_eq!(asinh(1.0), 0.881373587019543);
        assert_eq!(cbrt(-27.0), -3.0000000000000004);
        assert_eq!(cbrt(8.0), 2.0);
    }
}
