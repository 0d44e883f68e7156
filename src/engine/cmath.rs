//! Complex elementary functions as NumPy's complex128 loops compute them.
//!
//! NumPy's `nc_*` loops (`umath/funcs.inc.src`) call `npy_csinh`,
//! `npy_clog`... which, on a glibc system, are glibc's own `csinh`,
//! `clog`... (`npy_math_complex.c.src` only supplies fallbacks for a libc
//! without them). These are ports of glibc's `math/s_c*_template.c` for
//! double precision, calling the same real functions (Rust's `f64`
//! methods call glibc's libm), so results match bit for bit, including
//! the overflow-avoiding branches and the signed zeros of the special
//! cases. `log2`/`log10`/`exp2`/`expm1`/`log1p`, `sign` and `reciprocal`
//! follow NumPy's own formulas in `funcs.inc.src` and `loops.c.src`.

// glibc's `x - x` (NaN for an infinite or NaN x, with the invalid flag)
// is kept as written.
#![allow(clippy::eq_op)]

/// A complex number as (real, imaginary).
pub type C = (f64, f64);

/// `(int)((DBL_MAX_EXP - 1) * M_LN2)`: beyond it `exp` overflows.
const T_EXP: f64 = 709.0;
/// `(int)((DBL_MAX_EXP - 1) * M_LN2 / 2)`, glibc's `ctan`/`ctanh` limit.
const T_HALF: f64 = 354.0;

fn is_finite_class(x: f64) -> bool {
    x.is_finite()
}

/// glibc's `M_SINCOS` guard: a tiny argument is its own sine.
fn sincos(x: f64) -> (f64, f64) {
    if x.abs() > f64::MIN_POSITIVE {
        (x.sin(), x.cos())
    } else {
        (x, 1.0)
    }
}

/// glibc `__cexp`.
pub fn cexp(z: C) -> C {
    let (mut rx, ix) = z;
    if is_finite_class(rx) {
        if ix.is_finite() {
            let (mut sinix, mut cosix) = sincos(ix);
            if rx > T_EXP {
                let exp_t = T_EXP.exp();
                rx -= T_EXP;
                sinix *= exp_t;
                cosix *= exp_t;
                if rx > T_EXP {
                    rx -= T_EXP;
                    sinix *= exp_t;
                    cosix *= exp_t;
                }
            }
            if rx > T_EXP {
                (f64::MAX * cosix, f64::MAX * sinix)
            } else {
                let e = rx.exp();
                (e * cosix, e * sinix)
            }
        } else {
            (f64::NAN, f64::NAN)
        }
    } else if rx.is_infinite() {
        if ix.is_finite() {
            let value = if rx.is_sign_negative() {
                0.0
            } else {
                f64::INFINITY
            };
            if ix == 0.0 {
                (value, ix)
            } else {
                let (s, c) = sincos(ix);
                (value.copysign(c), value.copysign(s))
            }
        } else if !rx.is_sign_negative() {
            (f64::INFINITY, ix - ix)
        } else {
            (0.0, 0.0f64.copysign(ix))
        }
    } else if ix == 0.0 {
        (f64::NAN, ix)
    } else {
        (f64::NAN, f64::NAN)
    }
}

/// glibc `__csinh`.
pub fn csinh(z: C) -> C {
    let negate = z.0.is_sign_negative();
    let rx = z.0.abs();
    let ix = z.1;
    if rx.is_finite() {
        if ix.is_finite() {
            let (mut sinix, mut cosix) = sincos(ix);
            if negate {
                cosix = -cosix;
            }
            if rx > T_EXP {
                let exp_t = T_EXP.exp();
                let mut r = rx - T_EXP;
                sinix *= exp_t / 2.0;
                cosix *= exp_t / 2.0;
                if r > T_EXP {
                    r -= T_EXP;
                    sinix *= exp_t;
                    cosix *= exp_t;
                }
                if r > T_EXP {
                    (f64::MAX * cosix, f64::MAX * sinix)
                } else {
                    let e = r.exp();
                    (e * cosix, e * sinix)
                }
            } else {
                (rx.sinh() * cosix, rx.cosh() * sinix)
            }
        } else if rx == 0.0 {
            (0.0f64.copysign(if negate { -1.0 } else { 1.0 }), ix - ix)
        } else {
            (f64::NAN, f64::NAN)
        }
    } else if rx.is_infinite() {
        if ix.is_finite() && ix != 0.0 {
            let (s, c) = sincos(ix);
            let re = f64::INFINITY.copysign(c);
            (if negate { -re } else { re }, f64::INFINITY.copysign(s))
        } else if ix == 0.0 {
            (
                if negate {
                    f64::NEG_INFINITY
                } else {
                    f64::INFINITY
                },
                ix,
            )
        } else {
            (f64::INFINITY, ix - ix)
        }
    } else {
        (f64::NAN, if ix == 0.0 { ix } else { f64::NAN })
    }
}

/// glibc `__ccosh`.
pub fn ccosh(z: C) -> C {
    let (rx, ix) = z;
    if rx.is_finite() {
        if ix.is_finite() {
            let (mut sinix, mut cosix) = sincos(ix);
            if rx.abs() > T_EXP {
                let exp_t = T_EXP.exp();
                let mut r = rx.abs();
                if rx.is_sign_negative() {
                    sinix = -sinix;
                }
                r -= T_EXP;
                sinix *= exp_t / 2.0;
                cosix *= exp_t / 2.0;
                if r > T_EXP {
                    r -= T_EXP;
                    sinix *= exp_t;
                    cosix *= exp_t;
                }
                if r > T_EXP {
                    (f64::MAX * cosix, f64::MAX * sinix)
                } else {
                    let e = r.exp();
                    (e * cosix, e * sinix)
                }
            } else {
                (rx.cosh() * cosix, rx.sinh() * sinix)
            }
        } else {
            (ix - ix, if rx == 0.0 { 0.0 } else { f64::NAN })
        }
    } else if rx.is_infinite() {
        if ix.is_finite() && ix != 0.0 {
            let (s, c) = sincos(ix);
            (
                f64::INFINITY.copysign(c),
                f64::INFINITY.copysign(s) * 1.0f64.copysign(rx),
            )
        } else if ix == 0.0 {
            (f64::INFINITY, ix * 1.0f64.copysign(rx))
        } else {
            (f64::INFINITY, ix - ix)
        }
    } else {
        (f64::NAN, if ix == 0.0 { ix } else { f64::NAN })
    }
}

/// glibc `__ctanh`.
pub fn ctanh(z: C) -> C {
    let (rx, ix) = z;
    if !rx.is_finite() || !ix.is_finite() {
        if rx.is_infinite() {
            let im = if ix.is_finite() && ix.abs() > 1.0 {
                let (s, c) = (ix.sin(), ix.cos());
                0.0f64.copysign(s * c)
            } else {
                0.0f64.copysign(ix)
            };
            (1.0f64.copysign(rx), im)
        } else if ix == 0.0 {
            z
        } else {
            (if rx == 0.0 { rx } else { f64::NAN }, f64::NAN)
        }
    } else {
        let (sinix, cosix) = sincos(ix);
        if rx.abs() > T_HALF {
            let exp_2t = (2.0 * T_HALF).exp();
            let mut im = 4.0 * sinix * cosix;
            let r = rx.abs() - T_HALF;
            im /= exp_2t;
            if r > T_HALF {
                im /= exp_2t;
            } else {
                im /= (2.0 * r).exp();
            }
            (1.0f64.copysign(rx), im)
        } else {
            let (sinhrx, coshrx) = if rx.abs() > f64::MIN_POSITIVE {
                (rx.sinh(), rx.cosh())
            } else {
                (rx, 1.0)
            };
            let den = if sinhrx.abs() > cosix.abs() * f64::EPSILON {
                sinhrx * sinhrx + cosix * cosix
            } else {
                cosix * cosix
            };
            (sinhrx * coshrx / den, sinix * cosix / den)
        }
    }
}

/// glibc `__ctan`.
pub fn ctan(z: C) -> C {
    let (rx, ix) = z;
    if !rx.is_finite() || !ix.is_finite() {
        if ix.is_infinite() {
            let re = if rx.is_finite() && rx.abs() > 1.0 {
                let (s, c) = (rx.sin(), rx.cos());
                0.0f64.copysign(s * c)
            } else {
                0.0f64.copysign(rx)
            };
            (re, 1.0f64.copysign(ix))
        } else if rx == 0.0 {
            z
        } else {
            (f64::NAN, if ix == 0.0 { ix } else { f64::NAN })
        }
    } else {
        let (sinrx, cosrx) = sincos(rx);
        if ix.abs() > T_HALF {
            let exp_2t = (2.0 * T_HALF).exp();
            let mut re = 4.0 * sinrx * cosrx;
            let i = ix.abs() - T_HALF;
            re /= exp_2t;
            if i > T_HALF {
                re /= exp_2t;
            } else {
                re /= (2.0 * i).exp();
            }
            (re, 1.0f64.copysign(ix))
        } else {
            let (sinhix, coshix) = if ix.abs() > f64::MIN_POSITIVE {
                (ix.sinh(), ix.cosh())
            } else {
                (ix, 1.0)
            };
            let den = if sinhix.abs() > cosrx.abs() * f64::EPSILON {
                cosrx * cosrx + sinhix * sinhix
            } else {
                cosrx * cosrx
            };
            (sinrx * cosrx / den, sinhix * coshix / den)
        }
    }
}

/// glibc's `__x2y2m1`: `x² + y² − 1` without cancellation, from exact
/// products summed smallest first (1 > x >= y >= eps/2).
fn x2y2m1(x: f64, y: f64) -> f64 {
    fn mul_split(a: f64, b: f64) -> (f64, f64) {
        let hi = a * b;
        (hi, a.mul_add(b, -hi))
    }
    fn by_abs(v: &mut [f64]) {
        // glibc 2.36's qsort is a merge sort: stable, as `sort_by` is.
        v.sort_by(|p, q| {
            p.abs()
                .partial_cmp(&q.abs())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    }
    let (xh, xl) = mul_split(x, x);
    let (yh, yl) = mul_split(y, y);
    let mut vals = [xl, xh, yl, yh, -1.0];
    by_abs(&mut vals);
    for i in 0..=3usize {
        let (a, b) = (vals[i + 1], vals[i]);
        let hi = a + b;
        vals[i + 1] = hi;
        vals[i] = (a - hi) + b;
        by_abs(&mut vals[i + 1..]);
    }
    vals[4] + vals[3] + vals[2] + vals[1] + vals[0]
}

/// glibc `__clog`.
pub fn clog(z: C) -> C {
    let (rx, ix) = z;
    if rx == 0.0 && ix == 0.0 {
        let im = if rx.is_sign_negative() {
            std::f64::consts::PI
        } else {
            0.0
        };
        return (-1.0 / rx.abs(), im.copysign(ix));
    }
    if rx.is_nan() || ix.is_nan() {
        let re = if rx.is_infinite() || ix.is_infinite() {
            f64::INFINITY
        } else {
            f64::NAN
        };
        return (re, f64::NAN);
    }
    let (mut absx, mut absy) = (rx.abs(), ix.abs());
    if absx < absy {
        std::mem::swap(&mut absx, &mut absy);
    }
    let mut scale = 0i32;
    if absx > f64::MAX / 2.0 {
        scale = -1;
        absx *= 0.5;
        absy = if absy >= f64::MIN_POSITIVE * 2.0 {
            absy * 0.5
        } else {
            0.0
        };
    } else if absx < f64::MIN_POSITIVE && absy < f64::MIN_POSITIVE {
        scale = 53;
        let two53 = 9007199254740992.0;
        absx *= two53;
        absy *= two53;
    }
    let re = if absx == 1.0 && scale == 0 {
        (absy * absy).ln_1p() / 2.0
    } else if absx > 1.0 && absx < 2.0 && absy < 1.0 && scale == 0 {
        let mut d2m1 = (absx - 1.0) * (absx + 1.0);
        if absy >= f64::EPSILON {
            d2m1 += absy * absy;
        }
        d2m1.ln_1p() / 2.0
    } else if (0.5..1.0).contains(&absx) && absy < f64::EPSILON / 2.0 && scale == 0 {
        ((absx - 1.0) * (absx + 1.0)).ln_1p() / 2.0
    } else if (0.5..1.0).contains(&absx) && scale == 0 && absx * absx + absy * absy >= 0.5 {
        x2y2m1(absx, absy).ln_1p() / 2.0
    } else {
        absx.hypot(absy).ln() - f64::from(scale) * std::f64::consts::LN_2
    };
    (re, ix.atan2(rx))
}

/// NumPy's `nc_log2`/`nc_log10`: `clog` scaled part by part.
pub fn clog_scaled(z: C, k: f64) -> C {
    let (r, i) = clog(z);
    (r * k, i * k)
}

/// NumPy's `nc_exp2`: `cexp(z * ln 2)` part by part.
pub fn cexp2(z: C) -> C {
    cexp((z.0 * std::f64::consts::LN_2, z.1 * std::f64::consts::LN_2))
}

/// NumPy's `nc_expm1`.
pub fn cexpm1(z: C) -> C {
    let a = (z.1 / 2.0).sin();
    (
        z.0.exp_m1() * z.1.cos() - 2.0 * a * a,
        z.0.exp() * z.1.sin(),
    )
}

/// NumPy's `nc_log1p`.
pub fn clog1p(z: C) -> C {
    let l = (z.0 + 1.0).hypot(z.1);
    (l.ln(), z.1.atan2(z.0 + 1.0))
}

/// The float operations `sign` and `reciprocal` need, in the loop's
/// precision (complex64 loops compute in float32).
pub trait Part: Copy + PartialOrd + std::ops::Div<Output = Self> {
    /// 0.
    const ZERO: Self;
    /// 1.
    const ONE: Self;
    /// A quiet NaN.
    const NAN: Self;
    /// C's `hypot`/`hypotf`.
    fn hypot(self, o: Self) -> Self;
    /// `fabs`.
    fn abs(self) -> Self;
    /// `isnan`.
    fn is_nan(self) -> bool;
    /// `isinf`.
    fn is_infinite(self) -> bool;
    /// `self * o`, rounded once.
    fn times(self, o: Self) -> Self;
    /// `self + o`, rounded once.
    fn plus(self, o: Self) -> Self;
    /// `-self`.
    fn negated(self) -> Self;
}

macro_rules! part {
    ($t:ty) => {
        impl Part for $t {
            const ZERO: Self = 0.0;
            const ONE: Self = 1.0;
            const NAN: Self = <$t>::NAN;
            fn hypot(self, o: Self) -> Self {
                <$t>::hypot(self, o)
            }
            fn abs(self) -> Self {
                <$t>::abs(self)
            }
            fn is_nan(self) -> bool {
                <$t>::is_nan(self)
            }
            fn is_infinite(self) -> bool {
                <$t>::is_infinite(self)
            }
            fn times(self, o: Self) -> Self {
                self * o
            }
            fn plus(self, o: Self) -> Self {
                self + o
            }
            fn negated(self) -> Self {
                -self
            }
        }
    };
}
part!(f64);
part!(f32);

/// NumPy 2's complex `sign`: `z / |z|` (`loops.c.src` `@TYPE@_sign`).
pub fn csign<F: Part>(r: F, i: F) -> (F, F) {
    let a = r.hypot(i);
    if a.is_nan() {
        (F::NAN, F::NAN)
    } else if a.is_infinite() {
        if r.is_infinite() {
            if i.is_infinite() {
                (F::NAN, F::NAN)
            } else {
                (
                    if r > F::ZERO {
                        F::ONE
                    } else {
                        F::ONE.negated()
                    },
                    F::ZERO,
                )
            }
        } else {
            (
                F::ZERO,
                if i > F::ZERO {
                    F::ONE
                } else {
                    F::ONE.negated()
                },
            )
        }
    } else if a == F::ZERO {
        (F::ZERO, F::ZERO)
    } else {
        (r / a, i / a)
    }
}

/// NumPy's complex `reciprocal` (`loops.c.src`): Smith's division of 1.
pub fn creciprocal<F: Part>(r: F, i: F) -> (F, F) {
    if i.abs() <= r.abs() {
        let q = i / r;
        let d = r.plus(i.times(q));
        (F::ONE / d, q.negated() / d)
    } else {
        let q = r / i;
        let d = r.times(q).plus(i);
        (q / d, F::ONE.negated() / d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_values() {
        let (r, i) = csinh((0.0, std::f64::consts::PI));
        assert_eq!(r, -0.0);
        assert!(r.is_sign_negative());
        assert_eq!(i, 1.2246467991473532e-16);
        assert_eq!(clog((0.0, 0.0)).0, f64::NEG_INFINITY);
        assert_eq!(csign(3.0f64, -4.0), (0.6, -0.8));
        assert_eq!(creciprocal(0.0f64, 2.0), (0.0, -0.5));
    }

    #[test]
    fn x2y2m1_is_small_near_the_unit_circle() {
        let v = x2y2m1(0.6, 0.8);
        assert!(v.abs() < 1e-15);
    }
}
