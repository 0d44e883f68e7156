//! Floating-point exceptions a computation raised, as NumPy's ufunc loops
//! report them: divide by zero, overflow, underflow, invalid value.
//!
//! NumPy reads the processor's status flags after each loop. Rust gives no
//! reliable access to them (the optimiser may move float operations across
//! a flag read), so the flags are worked out from the operands and the
//! result instead, which the IEEE rules fix: a NaN result from operands
//! that hold no NaN came from an invalid operation; an infinite result
//! from finite operands is a division by zero at a pole (`x / 0`,
//! `log(0)`, `0 ** -1`) or else an overflow; a tiny result of a
//! multiplication, division or exponential of normal operands underflowed.
//!
//! Finding nothing costs one pass over the result (a vectorised
//! `is_finite` test on typed elements); only results that hold a
//! non-finite value are examined element by element. The evaluator asks
//! only when a warning could be shown or an error raised.

use super::array::NdArray;
use super::broadcast;
use super::dtype::DType;
use super::element::read_scalar;
use super::iter::for_each_offset;
use super::scalar::Scalar;
use super::typed::elems;

/// The four exceptions, as NumPy's `np.seterr` names them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FpFlags {
    /// `divide`: an exact infinity from finite operands (a pole).
    pub divide: bool,
    /// `over`: a finite result too large to represent.
    pub overflow: bool,
    /// `under`: a nonzero result too small to represent normally.
    pub underflow: bool,
    /// `invalid`: a result with no meaningful value (NaN from non-NaN).
    pub invalid: bool,
}

impl FpFlags {
    /// Whether nothing was raised.
    pub fn is_clear(self) -> bool {
        self == FpFlags::default()
    }

    /// Both sets of flags.
    pub fn or(self, other: FpFlags) -> FpFlags {
        FpFlags {
            divide: self.divide || other.divide,
            overflow: self.overflow || other.overflow,
            underflow: self.underflow || other.underflow,
            invalid: self.invalid || other.invalid,
        }
    }
}

/// Where a function has a pole: which operand being zero makes an exact
/// infinity (NumPy's "divide by zero").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pole {
    /// No pole: an infinity from finite operands is an overflow.
    None,
    /// The second operand (`x / 0`, `x // 0`, `divmod(x, 0)`).
    Divisor,
    /// The first operand with a negative exponent (`0.0 ** -1`).
    Base,
    /// The only operand (`log(0)`, `arctanh(1)`, `reciprocal(0)`).
    Argument,
}

/// Whether a function can underflow from normal operands (then a tiny
/// result means it did).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tiny {
    /// Addition and the like: tiny results are exact, no underflow.
    Exact,
    /// Multiplication, division, exponentials.
    Rounds,
}

/// The flags an elementwise function raised computing `out` from
/// `inputs` (each broadcastable to `out`'s shape). `want_underflow` asks
/// for the (costlier) underflow test too.
pub fn elementwise(
    inputs: &[&NdArray],
    out: &NdArray,
    pole: Pole,
    tiny: Tiny,
    want_underflow: bool,
) -> FpFlags {
    let mut flags = FpFlags::default();
    let Some(width) = float_width(out.dtype()) else {
        // Integer results: only division by zero can be raised, and the
        // one overflow of a division, `MIN // -1` (which gives MIN).
        if pole == Pole::Divisor && out.dtype().is_integer() && inputs.len() == 2 {
            flags.divide = any_zero(inputs[1]);
            flags.overflow =
                out.dtype().kind() == super::dtype::Kind::Int && min_over_minus_one(inputs[1], out);
        }
        return flags;
    };
    let check_tiny = want_underflow && tiny == Tiny::Rounds;
    if all_finite(out, width) && !check_tiny {
        return flags;
    }
    let shape = out.shape();
    let views: Vec<(Vec<isize>, isize)> = inputs
        .iter()
        .map(|a| {
            let l = broadcast::broadcast_layout(&a.layout(), &shape);
            (l.strides, l.offset as isize)
        })
        .collect();
    let out_l = out.layout();
    let out_bytes = out.buffer().bytes();
    let in_bytes: Vec<_> = inputs.iter().map(|a| a.buffer().bytes()).collect();
    let mut k = 0usize;
    let mut operands: Vec<f64> = vec![0.0; inputs.len()];
    let index_strides = c_strides(&shape);
    for_each_offset(&shape, &out_l.strides, out_l.offset as isize, |at| {
        let r = as_f64(read_scalar(&out_bytes, at, out.dtype()));
        let flat = k;
        k += 1;
        let interesting = !r.is_finite() || (check_tiny && is_tiny(r));
        if !interesting {
            return;
        }
        // The operands of this element.
        for (j, (strides, offset)) in views.iter().enumerate() {
            let mut pos = *offset;
            let mut rest = flat;
            for (d, &s) in index_strides.iter().enumerate() {
                let i = rest / s;
                rest %= s;
                pos += i as isize * strides[d];
            }
            operands[j] = as_f64(read_scalar(&in_bytes[j], pos, inputs[j].dtype()));
        }
        if operands.iter().any(|x| x.is_nan()) {
            return;
        }
        if r.is_nan() {
            flags.invalid = true;
        } else if r.is_infinite() {
            if operands.iter().any(|x| x.is_infinite()) {
                return;
            }
            let at_pole = match pole {
                Pole::None => false,
                Pole::Divisor => operands.get(1).is_some_and(|&b| b == 0.0),
                Pole::Base => operands.first().is_some_and(|&a| a == 0.0),
                Pole::Argument => true,
            };
            if at_pole {
                flags.divide = true;
            } else {
                flags.overflow = true;
            }
        } else if operands
            .iter()
            .all(|x| x.is_finite() && !is_tiny(*x) && *x != 0.0)
        {
            flags.underflow = true;
        }
    });
    flags
}

/// The flags a reduction raised making `out` from `input`: a NaN where the
/// input held none is invalid, an infinity where it held none an overflow.
/// (When the input holds infinities or NaNs, only those two sure cases are
/// reported.)
pub fn reduction(input: &NdArray, out: &NdArray) -> FpFlags {
    let mut flags = FpFlags::default();
    let Some(width) = float_width(out.dtype()) else {
        return flags;
    };
    if all_finite(out, width) {
        return flags;
    }
    let (mut out_nan, mut out_inf) = (false, false);
    scan(out, |x| {
        out_nan |= x.is_nan();
        out_inf |= x.is_infinite();
    });
    let (mut in_nan, mut in_inf) = (false, false);
    if float_width(input.dtype()).is_some() {
        scan(input, |x| {
            in_nan |= x.is_nan();
            in_inf |= x.is_infinite();
        });
    }
    flags.invalid = out_nan && !in_nan;
    flags.overflow = out_inf && !in_inf && !in_nan;
    flags
}

/// The flags a cast of `src` to `to` raised: NaN or infinity or a value out
/// of range into an integer type is invalid; a finite value too large for a
/// narrower float is an overflow.
pub fn cast(src: &NdArray, to: &DType) -> FpFlags {
    let mut flags = FpFlags::default();
    let Some(width) = float_width(src.dtype()) else {
        return flags;
    };
    if to.is_integer() {
        let (lo, hi) = int_range(to);
        scan(src, |x| {
            if !x.is_finite() || x < lo || x >= hi {
                flags.invalid = true;
            }
        });
    } else if let Some(to_width) = float_width(to)
        && to_width < width
    {
        let max = if to_width == 2 {
            65504.0
        } else {
            f32::MAX as f64
        };
        scan(src, |x| {
            let y = narrow(x, to_width);
            // Values that round to the largest finite do not overflow.
            if x.is_finite() && x.abs() > max && y.is_infinite() {
                flags.overflow = true;
            }
            // A nonzero value that lands below the narrower type's normal
            // range and is not exact there underflowed.
            if x != 0.0 && y != x && y.abs() < min_normal(to_width) {
                flags.underflow = true;
            }
        });
    }
    flags
}

/// The half-open range of floats NumPy converts to integer type `dt`
/// without raising "invalid": its loops convert through the machine's
/// `int32` (types up to 32 bits, except `uint32`) or `int64` conversion,
/// and `uint64` through an unsigned one that also takes negative values
/// down to `int64`'s minimum. (Values inside the range but outside the
/// type wrap silently: `np.array([300.0]).astype(np.uint8)` is 44.)
fn int_range(dt: &DType) -> (f64, f64) {
    match dt {
        DType::UInt64 => (-(2f64.powi(63)), 2f64.powi(64)),
        DType::UInt32 | DType::Int64 => (-(2f64.powi(63)), 2f64.powi(63)),
        _ => (-(2f64.powi(31)), 2f64.powi(31)),
    }
}

/// The smallest normal float of `width` bytes.
fn min_normal(width: usize) -> f64 {
    if width == 2 {
        2f64.powi(-14)
    } else {
        f32::MIN_POSITIVE as f64
    }
}

/// `x` rounded to a float of `width` bytes, back as f64.
fn narrow(x: f64, width: usize) -> f64 {
    if width == 2 {
        super::element::f16_to_f64(super::element::f64_to_f16(x))
    } else {
        x as f32 as f64
    }
}

/// Bytes per element of a real float dtype, else `None`.
fn float_width(dt: &DType) -> Option<usize> {
    match dt {
        DType::Float16 => Some(2),
        DType::Float32 => Some(4),
        DType::Float64 => Some(8),
        _ => None,
    }
}

fn as_f64(s: Scalar) -> f64 {
    match s {
        Scalar::Float(x) => x,
        Scalar::Int(i) => i as f64,
        Scalar::UInt(u) => u as f64,
        Scalar::Bool(b) => f64::from(u8::from(b)),
        _ => 0.0,
    }
}

fn is_tiny(x: f64) -> bool {
    x == 0.0 || x.is_subnormal()
}

/// C-order element counts per axis step (`[12, 4, 1]` for `(2, 3, 4)`).
fn c_strides(shape: &[usize]) -> Vec<usize> {
    let mut s = vec![1usize; shape.len()];
    for d in (0..shape.len().saturating_sub(1)).rev() {
        s[d] = s[d + 1] * shape[d + 1].max(1);
    }
    s
}

/// Every element of a float array finite: typed and vectorised when the
/// array is contiguous, element by element otherwise.
fn all_finite(a: &NdArray, width: usize) -> bool {
    if a.is_c_contiguous() && width == 8 {
        let bytes = a.buffer().bytes();
        let lo = a.layout_ref().offset;
        let hi = lo + a.size() * 8;
        if let Some(xs) = bytes.get(lo..hi).and_then(elems::<f64>) {
            return xs.iter().all(|x| x.is_finite());
        }
    }
    if a.is_c_contiguous() && width == 4 {
        let bytes = a.buffer().bytes();
        let lo = a.layout_ref().offset;
        let hi = lo + a.size() * 4;
        if let Some(xs) = bytes.get(lo..hi).and_then(elems::<f32>) {
            return xs.iter().all(|x| x.is_finite());
        }
    }
    let mut finite = true;
    scan(a, |x| finite &= x.is_finite());
    finite
}

/// Call `f` with every element of a numeric array as f64.
fn scan(a: &NdArray, mut f: impl FnMut(f64)) {
    let l = a.layout();
    let bytes = a.buffer().bytes();
    for_each_offset(&l.shape, &l.strides, l.offset as isize, |at| {
        f(as_f64(read_scalar(&bytes, at, a.dtype())));
    });
}

/// Whether a signed integer division gave the type's minimum where the
/// divisor was -1: only `MIN // -1` does.
fn min_over_minus_one(divisor: &NdArray, out: &NdArray) -> bool {
    let Some((lo, _)) = out.dtype().int_range() else {
        return false;
    };
    let shape = out.shape();
    let b = broadcast::broadcast_layout(&divisor.layout(), &shape);
    let o = out.layout();
    let (bb, ob) = (divisor.buffer().bytes(), out.buffer().bytes());
    let mut found = false;
    super::iter::for_each_offset2(
        &shape,
        [&o.strides, &b.strides],
        [o.offset as isize, b.offset as isize],
        |at_o, at_b| {
            found |= matches!(read_scalar(&ob, at_o, out.dtype()), Scalar::Int(v) if v as i128 == lo)
                && matches!(read_scalar(&bb, at_b, divisor.dtype()), Scalar::Int(-1));
        },
    );
    found
}

/// Whether a numeric array holds a zero.
fn any_zero(a: &NdArray) -> bool {
    let mut zero = false;
    scan(a, |x| zero |= x == 0.0);
    zero
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{ArrayRef, Scalar};

    fn floats(v: &[f64]) -> ArrayRef {
        let s: Vec<Scalar> = v.iter().map(|&x| Scalar::Float(x)).collect();
        NdArray::from_scalars(&[v.len()], DType::Float64, &s).unwrap()
    }

    #[test]
    fn division_by_zero_and_invalid_are_told_apart() {
        let a = floats(&[1.0, 0.0, 2.0]);
        let b = floats(&[0.0, 0.0, 4.0]);
        let out = floats(&[f64::INFINITY, f64::NAN, 0.5]);
        let f = elementwise(&[&a, &b], &out, Pole::Divisor, Tiny::Rounds, false);
        assert!(f.divide && f.invalid && !f.overflow);
    }

    #[test]
    fn nan_operands_raise_nothing_and_big_results_overflow() {
        let a = floats(&[f64::NAN, 1e308]);
        let b = floats(&[1.0, 10.0]);
        let out = floats(&[f64::NAN, f64::INFINITY]);
        let f = elementwise(&[&a, &b], &out, Pole::None, Tiny::Rounds, false);
        assert_eq!(
            f,
            FpFlags {
                overflow: true,
                ..FpFlags::default()
            }
        );
    }

    #[test]
    fn casts_of_nan_to_integers_are_invalid() {
        let a = floats(&[1.0, f64::NAN]);
        assert!(cast(&a, &DType::Int64).invalid);
        assert!(!cast(&floats(&[1.0, -5.0]), &DType::Int64).invalid);
        assert!(!cast(&floats(&[-1.0, 300.0]), &DType::UInt8).invalid);
        assert!(cast(&floats(&[1e10]), &DType::Int16).invalid);
        assert!(cast(&floats(&[1e300]), &DType::Float32).overflow);
    }
}
