//! float32 `exp`, `log`, `sin` and `cos` as NumPy computes them on an x86
//! machine with AVX2 and FMA3 (`loops_exponent_log.dispatch.c.src` and
//! `loops_trigonometric.dispatch.cpp`): range reduction and rational or
//! polynomial approximations in float32 with fused multiply-adds, not the
//! C library's correctly rounded functions, so their last digits differ
//! from `f64::exp(x) as f32`. Every lane of NumPy's vector loop is computed
//! alone, so one element at a time here gives the same bits.

/// `y * c + x` rounded once, as `_mm256_fmadd_ps`.
#[inline(always)]
fn fma(y: f32, c: f32, x: f32) -> f32 {
    y.mul_add(c, x)
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
pub fn exp(x: f32) -> f32 {
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
    let r = fma(quadrant, C2, fma(quadrant, C1, x));
    let r = fma(quadrant, 0.0, r);
    let num = horner(&P, r);
    let den = horner(&Q, r);
    scalef(num / den, quadrant)
}

/// `c[n-1] * r + c[n-2]`, then `* r + c[k]` down to `c[0]`, each step one
/// fused multiply-add.
#[inline(always)]
fn horner(c: &[f32], r: f32) -> f32 {
    let n = c.len();
    let mut acc = fma(c[n - 1], r, c[n - 2]);
    for &k in c[..n - 2].iter().rev() {
        acc = fma(acc, r, k);
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
pub fn log(x: f32) -> f32 {
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
    fma(exponent, b(0x3f31_7218), horner(&P, r) / horner(&Q, r))
}

/// NumPy's float32 `sin` (`simd_sincos_f32`): Cody-Waite reduction by
/// pi/2 within |x| <= 117435.992, the C library's `sinf` beyond.
pub fn sin(x: f32) -> f32 {
    sincos(x, false)
}

/// NumPy's float32 `cos`: as `sin`, within |x| <= 71476.0625.
pub fn cos(x: f32) -> f32 {
    sincos(x, true)
}

fn sincos(x: f32, cosine: bool) -> f32 {
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
    let r = fma(quadrant, b(0xbfc9_0fd8), x);
    let r = fma(quadrant, b(0xb4a8_885a), r);
    let r = fma(quadrant, b(0xa7c2_34c4), r);
    let r2 = r * r;
    let c = horner(&COS, r2);
    let s = fma(horner(&SIN, r2), r, r);
    let k = quadrant as i32 + i32::from(cosine);
    let v = if k & 1 == 0 { s } else { c };
    if k & 2 == 2 { 0.0 - v } else { v }
}
