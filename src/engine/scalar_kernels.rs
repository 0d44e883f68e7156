//! Elementwise arithmetic for the dtypes Rust has no native type for:
//! complex64/complex128 and float16. Values go through `Scalar`s (these
//! dtypes are rare at the prompt, so clarity wins over speed), with the
//! formulas of NumPy's own loops: Smith's division and repeated
//! multiplication for small integer powers (`loops.c.src`, `npy_math`),
//! and float16 computed in float32 then rounded, as NumPy's half loops do.

use super::array::{ArrayRef, NdArray};
use super::dtype::DType;
use super::element::{f16_to_f64, f64_to_f16, write_scalar};
use super::error::EngineError;
use super::iter::for_each_offset;
use super::kernels::{BinaryOp, UnaryOp};
use super::layout::Layout;
use super::scalar::Scalar;

/// True for the dtypes this module computes.
pub fn handles(dt: &DType) -> bool {
    matches!(dt, DType::Complex64 | DType::Complex128 | DType::Float16)
}

fn unsupported(op: &str) -> EngineError {
    EngineError::Other(
        "TypeError",
        format!(
            "ufunc '{op}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
        ),
    )
}

/// Write values in C order over `out`'s layout.
fn store_all(out: &NdArray, vals: &[Scalar]) {
    let l = out.layout();
    let dt = out.dtype().clone();
    let mut bytes = out.bytes_mut();
    let mut k = 0;
    for_each_offset(&l.shape, &l.strides, l.offset as isize, |o| {
        write_scalar(&mut bytes, o, &dt, &vals[k]);
        k += 1;
    });
}

fn parts(s: &Scalar) -> (f64, f64) {
    match s {
        Scalar::Complex(r, i) => (*r, *i),
        other => (super::element::scalar_as_f64(other), 0.0),
    }
}

/// `out[...] = op(a, b)` for complex or float16 operands already of the
/// compute dtype, with broadcast layouts.
pub fn binary_into(
    op: BinaryOp,
    a: &NdArray,
    la: &Layout,
    b: &NdArray,
    lb: &Layout,
    out: &NdArray,
) -> Result<(), EngineError> {
    let dt = a.dtype().clone();
    let xs = a.to_scalars_layout(la);
    let ys = b.to_scalars_layout(lb);
    let vals: Vec<Scalar> = match dt {
        DType::Float16 => {
            let f = half_op(op).ok_or_else(|| unsupported(op.ufunc_name()))?;
            xs.iter()
                .zip(&ys)
                .map(|(x, y)| {
                    let r = f(
                        super::element::scalar_as_f64(x) as f32,
                        super::element::scalar_as_f64(y) as f32,
                    );
                    Scalar::Float(f16_to_f64(f64_to_f16(r as f64)))
                })
                .collect()
        }
        DType::Complex64 | DType::Complex128 => {
            let single = dt == DType::Complex64;
            let mut out = Vec::with_capacity(xs.len());
            let fused = op == BinaryOp::Mul && numpy_fuses_complex_multiply();
            for (x, y) in xs.iter().zip(&ys) {
                let (r, i) = match (fused, single) {
                    (true, false) => cmul_fused(parts(x), parts(y)),
                    (true, true) => cmul_fused_f32(parts(x), parts(y)),
                    (false, _) => complex_op(op, parts(x), parts(y))
                        .ok_or_else(|| unsupported(op.ufunc_name()))?,
                };
                out.push(if single {
                    Scalar::Complex(r as f32 as f64, i as f32 as f64)
                } else {
                    Scalar::Complex(r, i)
                });
            }
            out
        }
        _ => return Err(unsupported(op.ufunc_name())),
    };
    store_all(out, &vals);
    Ok(())
}

/// float16 arithmetic, computed in float32 as NumPy's half loops do.
fn half_op(op: BinaryOp) -> Option<fn(f32, f32) -> f32> {
    Some(match op {
        BinaryOp::Add => |x, y| x + y,
        BinaryOp::Sub => |x, y| x - y,
        BinaryOp::Mul => |x, y| x * y,
        BinaryOp::Div => |x, y| x / y,
        BinaryOp::FloorDiv => floor_divide_f32,
        BinaryOp::Mod => remainder_f32,
        BinaryOp::Pow => f32::powf,
        BinaryOp::Maximum => |x, y| if x.is_nan() || x >= y { x } else { y },
        BinaryOp::Minimum => |x, y| if x.is_nan() || x <= y { x } else { y },
        _ => return None,
    })
}

/// NumPy's `npy_floor_divide` (float32).
fn floor_divide_f32(a: f32, b: f32) -> f32 {
    if b == 0.0 {
        return a / b;
    }
    let m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        (0.0f32).copysign(a / b)
    }
}

/// NumPy's `npy_remainder` (float32).
fn remainder_f32(a: f32, b: f32) -> f32 {
    if b == 0.0 {
        return a % b;
    }
    let m = a % b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) { m + b } else { m }
    } else {
        (0.0f32).copysign(b)
    }
}

type C = (f64, f64);

fn cmul(a: C, b: C) -> C {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// NumPy's vectorised complex multiply (`simd_cmul` in
/// `loops_arithm_fp.dispatch.c.src`): `muladdsub` fuses each part's
/// second product into one rounding, `re = fma(ar, br, -(ai*bi))`,
/// `im = fma(ar, bi, ai*br)`. So `(0.3+0.7j)**2`'s real part is
/// `-0.39999999999999997`, not `-0.3999999999999999`, and
/// `(1e200+1e200j)**2` is `-inf+infj`.
fn cmul_fused(a: C, b: C) -> C {
    (a.0.mul_add(b.0, -(a.1 * b.1)), a.0.mul_add(b.1, a.1 * b.0))
}

/// [`cmul_fused`] in complex64's float32 lanes.
fn cmul_fused_f32(a: C, b: C) -> C {
    let (ar, ai, br, bi) = (a.0 as f32, a.1 as f32, b.0 as f32, b.1 as f32);
    (
        ar.mul_add(br, -(ai * bi)) as f64,
        ar.mul_add(bi, ai * br) as f64,
    )
}

/// Whether NumPy's complex multiply runs its fused SIMD loop on this CPU:
/// x86-64 with AVX2 and FMA (NumPy's `AVX2`/`AVX512F` targets; without
/// them its baseline loop rounds each product), and AArch64, whose NEON
/// multiply-add is fused.
pub fn numpy_fuses_complex_multiply() -> bool {
    static FUSED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *FUSED.get_or_init(|| {
        #[cfg(target_arch = "x86_64")]
        {
            std::is_x86_feature_detected!("fma") && std::is_x86_feature_detected!("avx2")
        }
        #[cfg(target_arch = "aarch64")]
        {
            true
        }
        #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
        {
            false
        }
    })
}

/// Smith's algorithm, as NumPy's complex divide loop.
fn cdiv(a: C, b: C) -> C {
    let (ar, ai) = a;
    let (br, bi) = b;
    let (abs_r, abs_i) = (br.abs(), bi.abs());
    if abs_r >= abs_i {
        if abs_r == 0.0 && abs_i == 0.0 {
            (ar / abs_r, ai / abs_r)
        } else {
            let rat = bi / br;
            let scl = 1.0 / (br + bi * rat);
            ((ar + ai * rat) * scl, (ai - ar * rat) * scl)
        }
    } else {
        let rat = br / bi;
        let scl = 1.0 / (bi + br * rat);
        ((ar * rat + ai) * scl, (ai * rat - ar) * scl)
    }
}

use super::cmath::{cexp, clog};

/// NumPy's `nc_pow`: exact products for small integer exponents.
fn cpow(a: C, b: C) -> C {
    let (br, bi) = b;
    if br == 0.0 && bi == 0.0 {
        return (1.0, 0.0);
    }
    if a.0 == 0.0 && a.1 == 0.0 {
        return if br > 0.0 && bi == 0.0 {
            (0.0, 0.0)
        } else {
            (f64::NAN, f64::NAN)
        };
    }
    if bi == 0.0 && br.fract() == 0.0 && br.abs() < 100.0 {
        let n = br as i64;
        match n {
            1 => return a,
            2 => return cmul(a, a),
            3 => return cmul(a, cmul(a, a)),
            _ => {
                let mut m = n.unsigned_abs();
                let (mut p, mut aa) = ((1.0, 0.0), a);
                loop {
                    if m & 1 == 1 {
                        p = cmul(aa, p);
                    }
                    m >>= 1;
                    if m == 0 {
                        break;
                    }
                    aa = cmul(aa, aa);
                }
                return if n < 0 { cdiv((1.0, 0.0), p) } else { p };
            }
        }
    }
    cexp(cmul(b, clog(a)))
}

/// Lexicographic order with NaN propagating, as NumPy's complex maximum.
fn cmax(a: C, b: C, max: bool) -> C {
    if a.0.is_nan() || a.1.is_nan() {
        return a;
    }
    if b.0.is_nan() || b.1.is_nan() {
        return b;
    }
    let greater = a.0 > b.0 || (a.0 == b.0 && a.1 >= b.1);
    let less = a.0 < b.0 || (a.0 == b.0 && a.1 <= b.1);
    if (max && greater) || (!max && less) {
        a
    } else {
        b
    }
}

fn complex_op(op: BinaryOp, a: C, b: C) -> Option<C> {
    Some(match op {
        BinaryOp::Add => (a.0 + b.0, a.1 + b.1),
        BinaryOp::Sub => (a.0 - b.0, a.1 - b.1),
        BinaryOp::Mul => cmul(a, b),
        BinaryOp::Div => cdiv(a, b),
        BinaryOp::Pow => cpow(a, b),
        BinaryOp::Maximum => cmax(a, b, true),
        BinaryOp::Minimum => cmax(a, b, false),
        _ => return None,
    })
}

/// The element-wise complex functions NumPy's `np.sqrt`, `np.exp`...
/// apply to complex input.
pub fn complex_math(name: &str, z: (f64, f64)) -> Option<(f64, f64)> {
    Some(match name {
        "sqrt" => {
            let (x, y) = z;
            if x == 0.0 && y == 0.0 {
                (0.0, y)
            } else {
                let t = ((x.abs() + x.hypot(y)) / 2.0).sqrt();
                if x >= 0.0 {
                    (t, y / (2.0 * t))
                } else {
                    (y.abs() / (2.0 * t), t.copysign(y))
                }
            }
        }
        "exp" => cexp(z),
        "log" => clog(z),
        "square" => cmul(z, z),
        "sin" => (z.0.sin() * z.1.cosh(), z.0.cos() * z.1.sinh()),
        "cos" => (z.0.cos() * z.1.cosh(), -(z.0.sin() * z.1.sinh())),
        "conjugate" => (z.0, -z.1),
        _ => return None,
    })
}

/// `op(a)` for complex or float16 input. `abs` of a complex array is real.
pub fn unary(op: UnaryOp, a: &NdArray) -> Result<ArrayRef, EngineError> {
    let dt = a.dtype().clone();
    let xs = a.to_scalars();
    let (out_dt, vals): (DType, Vec<Scalar>) = match (op, &dt) {
        (UnaryOp::Invert, _) => {
            return Err(EngineError::type_error(
                "ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
            ));
        }
        (UnaryOp::Neg, _) => (
            dt.clone(),
            xs.iter()
                .map(|x| match x {
                    Scalar::Complex(r, i) => Scalar::Complex(-r, -i),
                    Scalar::Float(f) => Scalar::Float(-f),
                    other => other.clone(),
                })
                .collect(),
        ),
        (UnaryOp::Abs, DType::Float16) => (
            dt.clone(),
            xs.iter()
                .map(|x| match x {
                    Scalar::Float(f) => Scalar::Float(f.abs()),
                    other => other.clone(),
                })
                .collect(),
        ),
        (UnaryOp::Abs, _) => {
            let single = dt == DType::Complex64;
            (
                if single {
                    DType::Float32
                } else {
                    DType::Float64
                },
                xs.iter()
                    .map(|x| {
                        let (r, i) = parts(x);
                        let h = r.hypot(i);
                        Scalar::Float(if single { h as f32 as f64 } else { h })
                    })
                    .collect(),
            )
        }
    };
    NdArray::from_scalars(&a.shape(), out_dt, &vals)
}

/// `sum`/`mean`/`prod`/`max`/`min` of a complex array. Sums add the real
/// and imaginary parts separately (NumPy's pairwise loops do too); the
/// others fold each lane in order.
pub fn complex_reduce(
    a: &ArrayRef,
    op: super::reduce::Reduction,
    axes: &[usize],
    keepdims: bool,
) -> Result<ArrayRef, EngineError> {
    use super::reduce::{Reduction, reduce};
    let dt = a.dtype().clone();
    let single = dt == DType::Complex64;
    let part = if single {
        DType::Float32
    } else {
        DType::Float64
    };
    let mut out_shape: Vec<usize> = vec![];
    for (k, &n) in a.shape().iter().enumerate() {
        if !axes.contains(&k) {
            out_shape.push(n);
        } else if keepdims {
            out_shape.push(1);
        }
    }
    let combine = |re: &ArrayRef, im: &ArrayRef, scale: f64| -> Result<ArrayRef, EngineError> {
        let vals: Vec<Scalar> = re
            .to_scalars()
            .iter()
            .zip(im.to_scalars())
            .map(|(r, i)| {
                let (r, i) = (
                    super::element::scalar_as_f64(r) / scale,
                    super::element::scalar_as_f64(&i) / scale,
                );
                if single {
                    Scalar::Complex(r as f32 as f64, i as f32 as f64)
                } else {
                    Scalar::Complex(r, i)
                }
            })
            .collect();
        NdArray::from_scalars(&out_shape, dt.clone(), &vals)
    };
    let view = |imag: bool| {
        let mut l = a.layout();
        if imag {
            l.offset += part.itemsize();
        }
        NdArray::view(a, part.clone(), l)
    };
    match op {
        Reduction::Sum | Reduction::Mean => {
            let re = reduce(&view(false), Reduction::Sum, Some(axes), keepdims)?;
            let im = reduce(&view(true), Reduction::Sum, Some(axes), keepdims)?;
            let n: usize = axes.iter().map(|&k| a.shape()[k]).product();
            let scale = if op == Reduction::Mean { n as f64 } else { 1.0 };
            combine(&re, &im, scale)
        }
        Reduction::Prod | Reduction::Max | Reduction::Min => {
            // Kept axes first, reduced axes last, in C order: each lane is
            // a contiguous run of the scalars.
            let nd = a.ndim();
            let mut perm: Vec<usize> = (0..nd).filter(|k| !axes.contains(k)).collect();
            perm.extend(axes.iter().copied());
            let moved = NdArray::view_with(a, a.layout().permuted(&perm));
            let xs = moved.to_scalars();
            let lane: usize = axes.iter().map(|&k| a.shape()[k]).product();
            let name = if op == Reduction::Max {
                "maximum"
            } else {
                "minimum"
            };
            if lane == 0 && op != Reduction::Prod {
                return Err(EngineError::value(format!(
                    "zero-size array to reduction operation {name} which has no identity"
                )));
            }
            let lanes: usize = out_shape.iter().product();
            let mut vals = Vec::with_capacity(lanes);
            for k in 0..lanes {
                let items = &xs[k * lane..(k + 1) * lane];
                let mut acc = if op == Reduction::Prod {
                    (1.0, 0.0)
                } else {
                    parts(&items[0])
                };
                for x in items.iter().skip((op != Reduction::Prod) as usize) {
                    let z = parts(x);
                    acc = match op {
                        Reduction::Prod => cmul(acc, z),
                        Reduction::Max => cmax(acc, z, true),
                        _ => cmax(acc, z, false),
                    };
                }
                vals.push(if single {
                    Scalar::Complex(acc.0 as f32 as f64, acc.1 as f32 as f64)
                } else {
                    Scalar::Complex(acc.0, acc.1)
                });
            }
            NdArray::from_scalars(&out_shape, dt, &vals)
        }
        Reduction::Any | Reduction::All => {
            let mask = super::index::truth_mask(a)?;
            reduce(&mask, op, Some(axes), keepdims)
        }
        Reduction::ArgMin | Reduction::ArgMax => {
            // One axis (or the flattened array): the first extreme element.
            let nd = a.ndim();
            let flat;
            let (src, axis) = if axes.len() == 1 && nd > 0 {
                (a, axes[0])
            } else {
                let vals = a.to_scalars();
                flat = NdArray::from_scalars(&[vals.len()], dt.clone(), &vals)?;
                (&flat, 0)
            };
            let n = src.shape().get(axis).copied().unwrap_or(1);
            if n == 0 {
                return Err(super::reduce::empty_arg_error(op));
            }
            let snd = src.ndim();
            let mut perm: Vec<usize> = (0..snd).filter(|&k| k != axis).collect();
            perm.push(axis);
            let moved = NdArray::view_with(src, src.layout().permuted(&perm));
            let xs = moved.to_scalars();
            let mut idx = vec![];
            for lane in xs.chunks(n) {
                let mut best = 0usize;
                for (k, x) in lane.iter().enumerate().skip(1) {
                    let (z, b) = (parts(x), parts(&lane[best]));
                    let b_nan = b.0.is_nan() || b.1.is_nan();
                    if b_nan {
                        break;
                    }
                    let z_nan = z.0.is_nan() || z.1.is_nan();
                    let better = if op == Reduction::ArgMax {
                        lex_gt(z, b)
                    } else {
                        lex_gt(b, z)
                    };
                    if z_nan || better {
                        best = k;
                    }
                }
                idx.push(Scalar::Int(best as i64));
            }
            let mut shape: Vec<usize> = moved.shape();
            shape.pop();
            if keepdims && src.ndim() == a.ndim() {
                shape.insert(axis, 1);
            }
            NdArray::from_scalars(&shape, DType::Int64, &idx)
        }
        Reduction::Var(ddof) | Reduction::Std(ddof) => {
            // NumPy: mean, deviations, x * conj(x) real parts, pairwise sum.
            let mean = complex_reduce(a, Reduction::Mean, axes, true)?;
            let (shape, la, lm) = {
                let s = a.shape();
                let lm = super::broadcast::broadcast_layout(&mean.layout(), &s);
                (s, a.layout(), lm)
            };
            let dev = NdArray::zeros(&shape, dt.clone())?;
            binary_into(BinaryOp::Sub, a, &la, &mean, &lm, &dev)?;
            let sq: Vec<Scalar> = dev
                .to_scalars()
                .iter()
                .map(|x| {
                    let (r, i) = parts(x);
                    Scalar::Float(r * r + i * i)
                })
                .collect();
            let sq = NdArray::from_scalars(&shape, DType::Float64, &sq)?;
            let sq = super::kernels::cast(&sq, &part)?;
            let total = reduce(&sq, Reduction::Sum, Some(axes), keepdims)?;
            let n: usize = axes.iter().map(|&k| a.shape()[k]).product();
            let denom = (n as f64 - ddof).max(0.0);
            let vals: Vec<Scalar> = total
                .to_scalars()
                .iter()
                .map(|t| {
                    let v = super::element::scalar_as_f64(t) / denom;
                    Scalar::Float(if matches!(op, Reduction::Std(_)) {
                        v.sqrt()
                    } else {
                        v
                    })
                })
                .collect();
            let out = NdArray::from_scalars(&total.shape(), DType::Float64, &vals)?;
            super::kernels::cast(&out, &part)
        }
    }
}

/// Lexicographic "greater" for complex arg reductions, NaN winning as in
/// NumPy's complex `argmax` (the first NaN is returned).
fn lex_gt(a: C, b: C) -> bool {
    a.0 > b.0 || (a.0 == b.0 && a.1 > b.1)
}

/// Run `step` along each lane of `axis` (None: the flattened array),
/// writing the running value of every position: the frame of `cumsum` and
/// `cumprod` for the dtypes of this module.
fn scan_lanes(
    a: &ArrayRef,
    axis: Option<usize>,
    mut scan: impl FnMut(&[Scalar], &mut Vec<Scalar>),
) -> Result<ArrayRef, EngineError> {
    let dt = a.dtype().clone();
    let (src, axis) = match axis {
        None => {
            let vals = a.to_scalars();
            (NdArray::from_scalars(&[vals.len()], dt.clone(), &vals)?, 0)
        }
        Some(k) => (a.clone(), k),
    };
    let nd = src.ndim();
    let mut perm: Vec<usize> = (0..nd).filter(|&k| k != axis).collect();
    perm.push(axis);
    let moved = NdArray::view_with(&src, src.layout().permuted(&perm));
    let xs = moved.to_scalars();
    let n = moved.shape().last().copied().unwrap_or(1).max(1);
    let mut out = Vec::with_capacity(xs.len());
    for lane in xs.chunks(n) {
        scan(lane, &mut out);
    }
    let tmp = NdArray::from_scalars(&moved.shape(), dt, &out)?;
    let mut inv = vec![0usize; nd];
    for (k, &p) in perm.iter().enumerate() {
        inv[p] = k;
    }
    NdArray::view_with(&tmp, tmp.layout().permuted(&inv)).copy(super::array::Order::C)
}

/// `cumsum`/`cumprod` of a complex array along `axis` (None: flattened).
pub fn complex_accumulate(
    a: &ArrayRef,
    product: bool,
    axis: Option<usize>,
) -> Result<ArrayRef, EngineError> {
    let single = *a.dtype() == DType::Complex64;
    scan_lanes(a, axis, |lane, out| {
        let mut acc = if product { (1.0, 0.0) } else { (0.0, 0.0) };
        for x in lane {
            let z = parts(x);
            acc = if product {
                cmul(acc, z)
            } else {
                (acc.0 + z.0, acc.1 + z.1)
            };
            if single {
                acc = (acc.0 as f32 as f64, acc.1 as f32 as f64);
            }
            out.push(Scalar::Complex(acc.0, acc.1));
        }
    })
}

/// The reduced lanes of `a` over `axes` (C order of the kept axes), each a
/// run of scalars in C order of the reduced axes.
fn lanes_of(a: &NdArray, axes: &[usize]) -> (Vec<Scalar>, usize) {
    let nd = a.ndim();
    let mut perm: Vec<usize> = (0..nd).filter(|k| !axes.contains(k)).collect();
    perm.extend(axes.iter().copied());
    let l = a.layout().permuted(&perm);
    let lane: usize = axes.iter().map(|&k| a.layout().shape[k]).product();
    (a.to_scalars_layout(&l), lane)
}

/// `x` rounded to the nearest float16: a half loop's float32 result as
/// NumPy stores it.
pub fn half(x: f32) -> f32 {
    f16_to_f64(f64_to_f16(x as f64)) as f32
}

/// `var`/`std` of a float16 array as NumPy computes them: every step
/// (mean, deviations, squares, sum, quotient) is rounded to half.
pub fn half_var(
    a: &NdArray,
    axes: &[usize],
    keepdims: bool,
    ddof: f64,
    std: bool,
) -> Result<ArrayRef, EngineError> {
    let (xs, lane) = lanes_of(a, axes);
    let f = |s: &Scalar| super::element::scalar_as_f64(s) as f32;
    let mut out = vec![];
    for chunk in xs.chunks(lane.max(1)) {
        let n = chunk.len() as f32;
        let mean = half(half(chunk.iter().map(f).sum::<f32>()) / n);
        let total: f32 = chunk
            .iter()
            .map(|x| {
                let d = half(f(x) - mean);
                half(d * d)
            })
            .sum();
        let var = half(half(total) / (n - ddof as f32).max(0.0));
        out.push(Scalar::Float(
            if std { half(var.sqrt()) } else { var } as f64
        ));
    }
    let mut shape = vec![];
    for (k, &d) in a.shape().iter().enumerate() {
        if !axes.contains(&k) {
            shape.push(d);
        } else if keepdims {
            shape.push(1);
        }
    }
    NdArray::from_scalars(&shape, DType::Float16, &out)
}

/// `cumsum`/`cumprod` of a float16 array: float32 steps, each rounded to
/// half, as NumPy's half add/multiply loops accumulate.
pub fn half_accumulate(
    a: &ArrayRef,
    product: bool,
    axis: Option<usize>,
) -> Result<ArrayRef, EngineError> {
    scan_lanes(a, axis, |lane, out| {
        let mut acc: Option<f32> = None;
        for x in lane {
            let v = super::element::scalar_as_f64(x) as f32;
            let next = match acc {
                None => v,
                Some(p) if product => half(p * v),
                Some(p) => half(p + v),
            };
            acc = Some(next);
            out.push(Scalar::Float(next as f64));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_rounding_ties_to_even_from_doubles() {
        // 0.29992676 lies exactly between two halves; the even one wins.
        let tie = 0.2999267578125;
        assert_eq!(f16_to_f64(f64_to_f16(tie)), 0.2998046875);
        // Subnormal quantum 2^-24: 1.5 quanta round to 2, 2.5 to 2.
        assert_eq!(f64_to_f16(1.5 * 2f64.powi(-24)), 2);
        assert_eq!(f64_to_f16(2.5 * 2f64.powi(-24)), 2);
        assert_eq!(f64_to_f16(65520.0), 0x7c00);
        assert_eq!(f16_to_f64(f64_to_f16(65519.0)), 65504.0);
    }

    #[test]
    fn complex_division_and_small_integer_powers() {
        assert_eq!(cdiv((1.0, 2.0), (1.0, 1.0)), (1.5, 0.5));
        // Dividing by zero gives NumPy's inf/nan parts, not a panic.
        let (r, i) = cdiv((1.0, 0.0), (0.0, 0.0));
        assert!(r.is_infinite() && i.is_nan());
        assert_eq!(cpow((0.0, 2.0), (-2.0, 0.0)), (-0.25, 0.0));
        assert_eq!(cpow((1.0, 2.0), (2.0, 0.0)), (-3.0, 4.0));
        assert_eq!(cpow((0.0, 0.0), (0.0, 0.0)), (1.0, 0.0));
    }

    #[test]
    fn half_floor_divide_and_remainder_follow_python_signs() {
        assert_eq!(floor_divide_f32(-7.0, 2.0), -4.0);
        assert_eq!(remainder_f32(-7.0, 2.0), 1.0);
        assert_eq!(remainder_f32(7.0, -2.0), -1.0);
        assert!(floor_divide_f32(1.0, 0.0).is_infinite());
    }
}

#[cfg(test)]
mod fused_multiply_tests {
    use super::*;

    /// NumPy's fused complex multiply, checked against NumPy 2.4.6 on an
    /// AVX2/FMA machine: `(0.3+0.7j)**2` and `(1e200+1e200j)**2`.
    #[test]
    fn fused_products_round_once() {
        assert_eq!(
            cmul_fused((0.3, 0.7), (0.3, 0.7)),
            (-0.39999999999999997, 0.42)
        );
        assert_eq!(cmul((0.3, 0.7), (0.3, 0.7)).0, -0.3999999999999999);
        let (r, i) = cmul_fused((1e200, 1e200), (1e200, 1e200));
        assert_eq!((r, i), (f64::NEG_INFINITY, f64::INFINITY));
    }
}
