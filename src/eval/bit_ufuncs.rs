//! The ufuncs on integer bits and on a float's representation —
//! `bitwise_and`/`or`/`xor`, `left_shift`/`right_shift`, `invert`,
//! `bitwise_count`, `gcd`/`lcm`, `positive`, `fabs`, `spacing`,
//! `nextafter` — and `isnat`, which slicelab can only refuse (it has no
//! datetime dtypes, so every input is NumPy's own TypeError).
//!
//! The bitwise ones are the engine's operator kernels (`a & b`, `a << b`,
//! `~a`: the same loops, promotion and messages as the operators). The
//! others pick NumPy's loop as `math_ufuncs` does: the first type of
//! `np.NAME.types` the promoted input type casts to safely (NEP 50 weak
//! Python scalars), then compute each element in that type: `gcd`/`lcm`
//! on magnitudes in the unsigned type of the loop's width (`npy_gcd`'s
//! `a < 0 ? -a : a`), `bitwise_count` on the magnitude of a signed value,
//! `spacing` as `npy_spacing` (`_next(x, 1) - x`: one unit away from zero,
//! the smallest subnormal at ±0, NaN at ±inf; float16's
//! `npy_half_spacing` gives a positive distance), `nextafter` as C's (and
//! `npy_half_nextafter`, which keeps `x` when `x == y`).

use crate::engine::dtype::{DType, Kind};
use crate::engine::element::{f16_to_f64, f64_to_f16, scalar_as_f64};
use crate::engine::kernels::{self, BinaryOp, UnaryOp};
use crate::engine::promote::can_cast_safe;
use crate::engine::{ArrayRef, NdArray, Scalar};

use super::convert::check_int_fits;
use super::error::{PyError, PyResult};
use super::index_routines::broadcast_scalars as broadcast;
use super::index_routines::common_dtype;
use super::math_ufuncs::{binary, ufunc_sig, unary};
use super::ops::numpy_binary;
use super::registry::{Entry, ufunc};
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::scalarize;
use crate::eval::convert::as_array;

/// This module's registry entries (`registry::tables`).
pub const ENTRIES: &[Entry] = &[
    binary!("bitwise_and"),
    binary!("bitwise_or"),
    binary!("bitwise_xor"),
    binary!("left_shift"),
    binary!("right_shift"),
    unary!("invert"),
    unary!("positive"),
    unary!("fabs"),
    unary!("bitwise_count"),
    binary!("gcd"),
    binary!("lcm"),
    unary!("spacing"),
    binary!("nextafter"),
    unary!("isnat"),
];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// NumPy 2's other names for these and other ufuncs: the same objects
/// (`np.bitwise_not is np.invert`), so they print the first name.
pub const ALIASES: &[(&str, &str)] = &[
    ("bitwise_not", "invert"),
    ("bitwise_invert", "invert"),
    ("bitwise_left_shift", "left_shift"),
    ("bitwise_right_shift", "right_shift"),
    ("acos", "arccos"),
    ("asin", "arcsin"),
    ("atan", "arctan"),
    ("acosh", "arccosh"),
    ("asinh", "arcsinh"),
    ("atanh", "arctanh"),
    ("atan2", "arctan2"),
    ("pow", "power"),
    ("concat", "concatenate"),
    ("permute_dims", "transpose"),
];

/// The name `np.NAME` stands for.
pub fn canonical(name: &str) -> &str {
    ALIASES
        .iter()
        .find(|(a, _)| *a == name)
        .map_or(name, |(_, c)| c)
}

/// Does this module answer `np.NAME`?
pub fn answers(name: &str) -> bool {
    ENTRIES.iter().any(|e| e.name() == name)
}

/// Call one of this module's ufuncs (the registry has bound `args`).
pub fn call(name: &str, args: &Args) -> PyResult<Value> {
    let x = |k: usize| -> PyResult<&Value> {
        args.pos.get(k).ok_or_else(|| {
            PyError::type_error(format!("{name}() missing required argument (pos {k})"))
        })
    };
    let op = match name {
        "bitwise_and" => Some(BinaryOp::And),
        "bitwise_or" => Some(BinaryOp::Or),
        "bitwise_xor" => Some(BinaryOp::Xor),
        "left_shift" => Some(BinaryOp::LShift),
        "right_shift" => Some(BinaryOp::RShift),
        _ => None,
    };
    if let Some(op) = op {
        return numpy_binary(op, x(0)?, x(1)?);
    }
    match name {
        "invert" => {
            let a = as_array(x(0)?)?;
            if a.dtype().kind() == Kind::Complex {
                return Err(no_loop(name));
            }
            Ok(scalarize(kernels::unary(UnaryOp::Invert, &a)?))
        }
        "isnat" => Err(PyError::type_error(
            "ufunc 'isnat' is only defined for np.datetime64 and np.timedelta64.",
        )),
        "positive" | "fabs" | "bitwise_count" | "spacing" => elementwise(name, &[x(0)?.clone()]),
        _ => elementwise(name, &[x(0)?.clone(), x(1)?.clone()]),
    }
}

/// NumPy's loops for `name` as type characters, in `np.NAME.types` order
/// (long double, timedelta and object loops left out).
fn loops(name: &str) -> &'static str {
    match name {
        "positive" => "bBhHiIlLefdFD",
        "gcd" | "lcm" | "bitwise_count" => "bBhHiIlL",
        _ => "efd",
    }
}

fn loop_dtype(c: char) -> DType {
    match c {
        'b' => DType::Int8,
        'B' => DType::UInt8,
        'h' => DType::Int16,
        'H' => DType::UInt16,
        'i' => DType::Int32,
        'I' => DType::UInt32,
        'l' => DType::Int64,
        'L' => DType::UInt64,
        'e' => DType::Float16,
        'f' => DType::Float32,
        'd' => DType::Float64,
        'F' => DType::Complex64,
        _ => DType::Complex128,
    }
}

fn no_loop(name: &str) -> PyError {
    PyError::type_error(format!(
        "ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
    ))
}

/// NumPy's message when its type resolver finds no loop before trying
/// casts (`gcd`/`lcm` on anything but integers, `positive` on bools):
/// the inputs' DType classes (a Python scalar's own `_PyLongDType`...).
fn no_matching_loop(name: &str, inputs: &[Value], own: &[DType]) -> PyError {
    let names: Vec<String> = inputs
        .iter()
        .zip(own)
        .map(|(v, d)| super::dtype_classes::input_class_repr(v, d))
        .collect();
    let types = if names.len() == 1 {
        names[0].clone()
    } else {
        format!("({})", names.join(", "))
    };
    PyError::type_error(format!(
        "ufunc '{name}' did not contain a loop with signature matching types {types} -> None"
    ))
}

/// A one-output ufunc of this module computed element by element.
fn elementwise(name: &str, inputs: &[Value]) -> PyResult<Value> {
    let own: Vec<DType> = inputs
        .iter()
        .map(super::ufunc_args::input_dtype)
        .collect::<PyResult<_>>()?;
    let strict = matches!(name, "gcd" | "lcm");
    let fail = || {
        if strict {
            no_matching_loop(name, inputs, &own)
        } else {
            no_loop(name)
        }
    };
    let promoted = common_dtype(inputs).map_err(|_| fail())?;
    if own.iter().all(|d| *d == DType::Bool) && matches!(name, "positive" | "gcd" | "lcm") {
        return Err(no_matching_loop(name, inputs, &own));
    }
    let lt = loops(name)
        .chars()
        .map(loop_dtype)
        .find(|l| can_cast_safe(&promoted, l))
        .ok_or_else(fail)?;
    let arrays: Vec<ArrayRef> = inputs
        .iter()
        .map(|v| {
            if let Value::Int(i) = v
                && matches!(lt.kind(), Kind::Int | Kind::UInt)
            {
                check_int_fits(*i, &lt)?;
            }
            Ok(kernels::cast(&as_array(v)?, &lt)?)
        })
        .collect::<PyResult<_>>()?;
    let (vals, shape) = broadcast(&arrays)?;
    let n = vals.first().map_or(0, Vec::len);
    let second = vals.get(1);
    // The second input's element `i` (binary ufuncs only reach for it).
    let b = |i: usize| second.map_or(Scalar::Float(f64::NAN), |v| v[i].clone());
    let mut out = Vec::with_capacity(n);
    for (i, a) in vals[0].iter().enumerate() {
        if i % 4096 == 0 {
            crate::engine::interrupt::check()?;
        }
        out.push(match name {
            "positive" => a.clone(),
            "fabs" => Scalar::Float(scalar_as_f64(a).abs()),
            "bitwise_count" => Scalar::UInt(u64::from(magnitude(a).count_ones())),
            "gcd" => from_bits(gcd(magnitude(a), magnitude(&b(i))), &lt),
            "lcm" => {
                let (p, q) = (magnitude(a), magnitude(&b(i)));
                // npy_lcm: 0 when the gcd is 0, else a / gcd * b.
                let l = p.checked_div(gcd(p, q)).map_or(0, |r| r.wrapping_mul(q));
                from_bits(l, &lt)
            }
            "spacing" => Scalar::Float(spacing(scalar_as_f64(a), &lt)),
            _ => Scalar::Float(nextafter(scalar_as_f64(a), scalar_as_f64(&b(i)), &lt)),
        });
    }
    let out_dt = if name == "bitwise_count" {
        DType::UInt8
    } else {
        lt
    };
    Ok(scalarize(NdArray::from_scalars(&shape, out_dt, &out)?))
}

/// An integer's magnitude as an unsigned number (`-(-128)` is 128 for
/// int8, `-i64::MIN` is 2**63: C's `-a` read in the unsigned type).
fn magnitude(s: &Scalar) -> u64 {
    match s {
        Scalar::Int(v) => v.unsigned_abs(),
        Scalar::UInt(v) => *v,
        Scalar::Bool(b) => u64::from(*b),
        other => scalar_as_f64(other) as u64,
    }
}

/// Euclid's algorithm as `npy_gcdu`.
fn gcd(mut a: u64, mut b: u64) -> u64 {
    while a != 0 {
        let c = a;
        a = b % a;
        b = c;
    }
    b
}

/// An unsigned result stored in the loop's integer type (wrapping, as
/// C's conversion of the unsigned result back to the signed type does).
fn from_bits(v: u64, dt: &DType) -> Scalar {
    let bits = 8 * dt.itemsize() as u32;
    let v = if bits == 64 {
        v
    } else {
        v & ((1u64 << bits) - 1)
    };
    if dt.kind() == Kind::UInt {
        return Scalar::UInt(v);
    }
    let shift = 64 - bits;
    Scalar::Int(((v << shift) as i64) >> shift)
}

/// `npy_spacing` in the loop's precision.
fn spacing(x: f64, dt: &DType) -> f64 {
    match dt {
        DType::Float16 => half_spacing(f64_to_f16(x)),
        DType::Float32 => {
            let x = x as f32;
            f64::from(if x.is_nan() || x.is_infinite() {
                f32::NAN
            } else if x == 0.0 {
                f32::from_bits(1) - x
            } else {
                f32::from_bits(x.to_bits() + 1) - x
            })
        }
        _ => {
            if x.is_nan() || x.is_infinite() {
                f64::NAN
            } else if x == 0.0 {
                f64::from_bits(1) - x
            } else {
                f64::from_bits(x.to_bits() + 1) - x
            }
        }
    }
}

/// `npy_half_spacing`: the distance to the next half away from zero
/// (towards zero for a negative power of two), always positive.
fn half_spacing(h: u16) -> f64 {
    let exp = h & 0x7c00;
    let sig = h & 0x03ff;
    let bits = if exp == 0x7c00 {
        0x7e00
    } else if h == 0x7bff {
        0x7c00
    } else if h & 0x8000 != 0 && sig == 0 {
        if exp > 0x2c00 {
            exp - 0x2c00
        } else if exp > 0x0400 {
            1 << ((exp >> 10) - 2)
        } else {
            1
        }
    } else if exp > 0x2800 {
        exp - 0x2800
    } else if exp > 0x0400 {
        1 << ((exp >> 10) - 1)
    } else {
        1
    };
    f16_to_f64(bits)
}

/// C's `nextafter` in the loop's precision (`npy_half_nextafter` for
/// float16).
fn nextafter(x: f64, y: f64, dt: &DType) -> f64 {
    match dt {
        DType::Float16 => f16_to_f64(half_nextafter(f64_to_f16(x), f64_to_f16(y))),
        DType::Float32 => {
            let (x, y) = (x as f32, y as f32);
            f64::from(if x.is_nan() || y.is_nan() {
                x + y
            } else if x == y {
                y
            } else if x == 0.0 {
                f32::from_bits(1).copysign(y)
            } else if (x < y) == (x > 0.0) {
                f32::from_bits(x.to_bits() + 1)
            } else {
                f32::from_bits(x.to_bits() - 1)
            })
        }
        _ => {
            if x.is_nan() || y.is_nan() {
                x + y
            } else if x == y {
                y
            } else if x == 0.0 {
                f64::from_bits(1).copysign(y)
            } else if (x < y) == (x > 0.0) {
                f64::from_bits(x.to_bits() + 1)
            } else {
                f64::from_bits(x.to_bits() - 1)
            }
        }
    }
}

fn half_nextafter(x: u16, y: u16) -> u16 {
    let nan = |h: u16| h & 0x7c00 == 0x7c00 && h & 0x03ff != 0;
    let zero = |h: u16| h & 0x7fff == 0;
    if nan(x) || nan(y) {
        0x7e00
    } else if x == y || (zero(x) && zero(y)) {
        x
    } else if zero(x) {
        (y & 0x8000) + 1
    } else if x & 0x8000 == 0 {
        if (x as i16) > (y as i16) {
            x - 1
        } else {
            x + 1
        }
    } else if y & 0x8000 == 0 || (x & 0x7fff) > (y & 0x7fff) {
        x - 1
    } else {
        x + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gcd_and_lcm_work_on_magnitudes_in_the_loop_width() {
        assert_eq!(gcd(12, 8), 4);
        assert_eq!(gcd(0, 0), 0);
        assert_eq!(from_bits(128, &DType::Int8), Scalar::Int(-128));
        assert_eq!(from_bits(300, &DType::Int8), Scalar::Int(44));
    }

    #[test]
    fn spacing_steps_away_from_zero() {
        assert_eq!(spacing(1.0, &DType::Float64), f64::EPSILON);
        assert_eq!(spacing(-1.0, &DType::Float64), -f64::EPSILON);
        assert_eq!(spacing(-0.0, &DType::Float64), f64::from_bits(1));
        assert_eq!(half_spacing(0xbc00), 2f64.powi(-11));
    }

    #[test]
    fn nextafter_moves_one_unit_towards_y() {
        assert_eq!(nextafter(0.0, -1.0, &DType::Float64), -f64::from_bits(1));
        assert_eq!(nextafter(1.0, 2.0, &DType::Float64), 1.0 + f64::EPSILON);
        assert_eq!(half_nextafter(0x3c00, 0x4000), 0x3c01);
    }
}
