//! float32 `exp`, `log`, `sin` and `cos` as NumPy computes them on an x86
//! machine with AVX2 and FMA3 (`loops_exponent_log.dispatch.c.src` and
//! `loops_trigonometric.dispatch.cpp`): range reduction and rational or
//! polynomial approximations in float32 with fused multiply-adds, not the
//! C library's correctly rounded functions, so their last digits differ
//! from `f64::exp(x) as f32`. Every lane of NumPy's vector loop is computed
//! alone, so one element at a time here gives the same bits.

/// `y * c + x` rounded once, as `_mm256_fmadd_ps`.
///
/// `f32::mul_add` is a call into the runtime's `fmaf` on a build without
/// FMA enabled (two calls per element, half of `np.exp`'s time), so the
/// common case is computed inline in float64: the product of two float32
/// is exact there, the sum rounds once, and rounding that to float32
/// gives the fused result unless the float64 sum landed exactly halfway
/// between two float32 (its low 29 bits `0x1000_0000`), or outside the
/// normal float32 range where the float32 rounding point moves; those
/// rare cases take `mul_add` (musl's `fmaf` makes the same split).
#[inline(always)]
fn fma<const HW: bool>(y: f32, c: f32, x: f32) -> f32 {
    if HW {
        return y.mul_add(c, x);
    }
    let r = y as f64 * c as f64 + x as f64;
    let bits = r.to_bits();
    let normal = (f32::MIN_POSITIVE as f64..=f32::MAX as f64).contains(&r.abs());
    if normal && bits & 0x1fff_ffff != 0x1000_0000 {
        r as f32
    } else {
        y.mul_add(c, x)
    }
}

/// Round to the nearest integer (ties to even) by adding and subtracting
/// 1.5 * 2^23, NumPy's `NPY_RINT_CVT_MAGICf`; valid for |x| <= 2^22.
#[inline(always)]
fn rint_magic(x: f32) -> f32 {
    const MAGIC: f32 = 12_582_912.0;
    (x + MAGIC) - MAGIC
}

/// `poly * 2^quadrant` by adding `quadrant` to the exponent bits, with
/// NumPy's split for results below the normal range (`fma_scalef_ps`).
#[inline(always)]
fn scalef(poly: f32, quadrant: f32) -> f32 {
    const MIN_QUADRANT: f32 = -125.0;
    let add_exponent =
        |p: f32, q: f32| f32::from_bits((p.to_bits() as i32 + ((q as i32) << 23)) as u32);
    if quadrant <= MIN_QUADRANT {
        let diff = -(quadrant - MIN_QUADRANT);
        let two_power_diff = 1i32.checked_shl(diff as u32).unwrap_or(0);
        add_exponent(poly, quadrant.max(MIN_QUADRANT)) / two_power_diff as f32
    } else {
        add_exponent(poly, quadrant)
    }
}

/// `f32::from_bits`, for constants written as NumPy's bit patterns.
const fn b(bits: u32) -> f32 {
    f32::from_bits(bits)
}

/// NumPy's float32 `exp` (`simd_exp_FLOAT`).
#[inline(always)]
fn exp_with<const HW: bool>(x: f32) -> f32 {
    const XMAX: f32 = b(0x42b1_7218);
    const XMIN: f32 = b(0xc2cf_f1b5);
    const LOG2E: f32 = b(0x3fb8_aa3b);
    const C1: f32 = b(0xbf31_7200);
    const C2: f32 = b(0xb5bf_be8e);
    const P: [f32; 6] = [
        b(0x3f80_0000),
        b(0x3f39_cbd5),
        b(0x3e7d_4c58),
        b(0x3d51_7d8c),
        b(0x3bdd_7159),
        b(0x3a05_3dd8),
    ];
    const Q: [f32; 3] = [b(0x3f80_0000), b(0xbe8c_6857), b(0x3cb0_e832)];
    if x.is_nan() {
        return f32::NAN;
    }
    if x >= XMAX {
        return f32::INFINITY;
    }
    if x <= XMIN {
        return 0.0;
    }
    let quadrant = rint_magic(x * LOG2E);
    let r = fma::<HW>(quadrant, C2, fma::<HW>(quadrant, C1, x));
    let r = fma::<HW>(quadrant, 0.0, r);
    let num = horner::<HW>(&P, r);
    let den = horner::<HW>(&Q, r);
    scalef(num / den, quadrant)
}

/// `c[n-1] * r + c[n-2]`, then `* r + c[k]` down to `c[0]`, each step one
/// fused multiply-add.
#[inline(always)]
fn horner<const HW: bool>(c: &[f32], r: f32) -> f32 {
    let n = c.len();
    let mut acc = fma::<HW>(c[n - 1], r, c[n - 2]);
    for &k in c[..n - 2].iter().rev() {
        acc = fma::<HW>(acc, r, k);
    }
    acc
}

/// The unbiased exponent (for a mantissa in [0.5, 1)) and that mantissa of
/// a positive finite `x`, subnormals scaled by 2^100 first
/// (`fma_get_exponent`, `fma_get_mantissa`).
#[inline(always)]
fn split(x: f32) -> (f32, f32) {
    let subnormal = x < f32::MIN_POSITIVE;
    let y = if subnormal { x * b(0x7180_0000) } else { x };
    let exponent = ((y.to_bits() >> 23) as i32 - 0x7E) as f32;
    let mantissa = b((y.to_bits() & 0x7f_ffff) | (126 << 23));
    (
        if subnormal {
            exponent - 100.0
        } else {
            exponent
        },
        mantissa,
    )
}

/// NumPy's float32 `log` (`simd_log_FLOAT`).
#[inline(always)]
fn log_with<const HW: bool>(x: f32) -> f32 {
    const P: [f32; 6] = [
        0.0,
        b(0x3f80_0000),
        b(0x4007_361c),
        b(0x3fbd_70a9),
        b(0x3ec3_0333),
        b(0x3cd4_2bcd),
    ];
    const Q: [f32; 6] = [
        b(0x3f80_0000),
        b(0x4027_361c),
        b(0x401c_fe0d),
        b(0x3f7c_8ae4),
        b(0x3e1e_5bf3),
        b(0x3bc0_83df),
    ];
    if x.is_nan() {
        return f32::NAN;
    }
    if x == 0.0 {
        return f32::NEG_INFINITY;
    }
    if x < 0.0 {
        return -f32::NAN;
    }
    if x == f32::INFINITY {
        return x;
    }
    let (mut exponent, mut m) = split(x);
    if m <= b(0x3f35_04f3) {
        m += m;
        exponent -= 1.0;
    }
    let r = m - 1.0;
    fma::<HW>(
        exponent,
        b(0x3f31_7218),
        horner::<HW>(&P, r) / horner::<HW>(&Q, r),
    )
}

/// NumPy's float32 `sin` (`simd_sincos_f32`): Cody-Waite reduction by
/// pi/2 within |x| <= 117435.992, the C library's `sinf` beyond.
#[inline(always)]
fn sin_with<const HW: bool>(x: f32) -> f32 {
    sincos::<HW>(x, false)
}

/// NumPy's float32 `cos`: as `sin`, within |x| <= 71476.0625.
#[inline(always)]
fn cos_with<const HW: bool>(x: f32) -> f32 {
    sincos::<HW>(x, true)
}

fn sincos<const HW: bool>(x: f32, cosine: bool) -> f32 {
    const COS: [f32; 5] = [
        b(0x3f80_0000),
        b(0xbf00_0000),
        b(0x3d2a_aa9e),
        b(0xbab6_036e),
        b(0x37cc_730b),
    ];
    const SIN: [f32; 5] = [
        0.0,
        b(0xbe2a_aaab),
        b(0x3c08_88cd),
        b(0xb950_35dd),
        b(0x363e_9dde),
    ];
    if x.is_nan() {
        return f32::NAN;
    }
    let max_cody = if cosine {
        b(0x478b_9a08)
    } else {
        b(0x47e5_5dff)
    };
    if x.abs() > max_cody {
        return if cosine { x.cos() } else { x.sin() };
    }
    let quadrant = rint_magic(x * b(0x3f22_f983));
    let r = fma::<HW>(quadrant, b(0xbfc9_0fd8), x);
    let r = fma::<HW>(quadrant, b(0xb4a8_885a), r);
    let r = fma::<HW>(quadrant, b(0xa7c2_34c4), r);
    let r2 = r * r;
    let c = horner::<HW>(&COS, r2);
    let s = fma::<HW>(horner::<HW>(&SIN, r2), r, r);
    let k = quadrant as i32 + i32::from(cosine);
    let v = if k & 1 == 0 { s } else { c };
    if k & 2 == 2 { 0.0 - v } else { v }
}

/// NumPy's float32 `exp` of one value.
pub fn exp(x: f32) -> f32 {
    exp_with::<false>(x)
}

/// NumPy's float32 `log` of one value.
pub fn log(x: f32) -> f32 {
    log_with::<false>(x)
}

/// NumPy's float32 `sin` of one value.
pub fn sin(x: f32) -> f32 {
    sin_with::<false>(x)
}

/// NumPy's float32 `cos` of one value.
pub fn cos(x: f32) -> f32 {
    cos_with::<false>(x)
}

/// The float32 functions NumPy computes with its own loops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    /// `np.exp`
    Exp,
    /// `np.log`
    Log,
    /// `np.sin`
    Sin,
    /// `np.cos`
    Cos,
}

/// `zs[i] = f(xs[i])`. On a CPU with AVX2 and FMA3 (NumPy's own
/// requirement for these loops) the loop is compiled for them through
/// `pulp`'s runtime dispatch, so each fused multiply-add is one
/// instruction and the compiler may vectorise; elsewhere the portable
/// code. Both give the same bits (`fma` is exact either way).
pub fn map_slice(f: Func, xs: &[f32], zs: &mut [f32]) {
    if super::cpu::has_fma() {
        super::cpu::with_fma(
            #[inline(always)]
            || map_with::<true>(f, xs, zs),
        )
    } else {
        map_with::<false>(f, xs, zs)
    }
}

#[inline(always)]
fn map_with<const HW: bool>(f: Func, xs: &[f32], zs: &mut [f32]) {
    let pairs = zs.iter_mut().zip(xs);
    match f {
        Func::Exp => pairs.for_each(|(z, &x)| *z = exp_with::<HW>(x)),
        Func::Log => pairs.for_each(|(z, &x)| *z = log_with::<HW>(x)),
        Func::Sin => pairs.for_each(|(z, &x)| *z = sin_with::<HW>(x)),
        Func::Cos => pairs.for_each(|(z, &x)| *z = cos_with::<HW>(x)),
    }
}

#[cfg(test)]
mod tests {
    use super::{Func, map_slice};

    fn fma(y: f32, c: f32, x: f32) -> f32 {
        super::fma::<false>(y, c, x)
    }
    use proptest::prelude::*;

    /// The inline split is the fused multiply-add bit for bit, also where
    /// double rounding would bite and at the ends of the float32 range.
    #[test]
    fn inline_fma_is_fused() {
        let edges = [
            0.0f32,
            -0.0,
            1.0,
            1.0 + f32::EPSILON,
            1.0 - f32::EPSILON / 2.0,
            f32::MIN_POSITIVE,
            f32::MIN_POSITIVE / 3.0,
            1e-45,
            f32::MAX,
            -f32::MAX,
            f32::INFINITY,
            f32::NAN,
            3.0,
            0.1,
        ];
        for &y in &edges {
            for &c in &edges {
                for &x in &edges {
                    let (a, b) = (fma(y, c, x), y.mul_add(c, x));
                    assert!(a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()));
                }
            }
        }
        // A product whose float64 sum is exactly halfway between floats.
        let y = 1.0 + f32::EPSILON;
        let c = 1.0 + f32::EPSILON;
        let x = -(2.0f32.powi(-47));
        assert_eq!(fma(y, c, x).to_bits(), y.mul_add(c, x).to_bits());
    }

    /// The dispatched slice loop gives the one-value functions' bits.
    #[test]
    fn slice_loop_matches_scalar() {
        let xs: Vec<f32> = (0..20_000)
            .map(|i| f32::from_bits(0x9e37_79b9u32.wrapping_mul(i)))
            .chain([
                0.0,
                -0.0,
                f32::NAN,
                f32::INFINITY,
                88.7,
                -103.9,
                1e-40,
                117_436.0,
            ])
            .collect();
        let mut zs = vec![0.0f32; xs.len()];
        for (f, one) in [
            (Func::Exp, super::exp as fn(f32) -> f32),
            (Func::Log, super::log),
            (Func::Sin, super::sin),
            (Func::Cos, super::cos),
        ] {
            map_slice(f, &xs, &mut zs);
            for (&x, &z) in xs.iter().zip(&zs) {
                let want = one(x);
                assert!(
                    z.to_bits() == want.to_bits() || (z.is_nan() && want.is_nan()),
                    "{f:?}({x:e})"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn inline_fma_matches_mul_add(y in any::<u32>(), c in any::<u32>(), x in any::<u32>()) {
            let (y, c, x) = (f32::from_bits(y), f32::from_bits(c), f32::from_bits(x));
            let (a, b) = (fma(y, c, x), y.mul_add(c, x));
            prop_assert!(a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()));
        }

        #[test]
        fn inline_fma_near_one(y in 0.5f32..2.0, c in 0.5f32..2.0, x in -4.0f32..4.0) {
            let (a, b) = (fma(y, c, x), y.mul_add(c, x));
            prop_assert_eq!(a.to_bits(), b.to_bits());
        }
    }
}
