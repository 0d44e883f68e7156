//! Bits and number formatting: `np.packbits`/`np.unpackbits` (as
//! `compiled_base.c`'s `pack_bits`/`unpack_bits`: nonzero elements become
//! 1 bits, the packed axis padded with zero bits to whole bytes, `count`
//! cutting or zero-padding the unpacked axis), `np.binary_repr` and
//! `np.base_repr` (step for step as `numeric.py`), and
//! `np.format_float_positional`/`np.format_float_scientific` (the checks
//! of `arrayprint.py`, then the Dragon4 formatting `render::floatfmt`
//! already does for array printing).

use crate::engine::dtype::{DType, Kind};
use crate::engine::element::scalar_as_f64;
use crate::engine::reduce::normalize_axis;
use crate::engine::{ArrayRef, NdArray, Scalar};
use crate::render::floatfmt::{self, Dragon, FloatKind, Trim};

use super::error::{PyError, PyResult};
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::scalarize;
use crate::eval::convert::as_array;
use crate::eval::protocol::truthy;

/// This module's registry entries (`registry::tables`).
pub const ENTRIES: &[Entry] = &[
    func(
        "packbits(a, /, axis=None, bitorder='big')",
        Style::Python,
        "a axis bitorder",
        Writes::Nothing,
    ),
    func(
        "unpackbits(a, /, axis=None, count=None, bitorder='big')",
        Style::Python,
        "a axis count bitorder",
        Writes::Nothing,
    ),
    func(
        "binary_repr(num, width=None)",
        Style::Python,
        "num width",
        Writes::Nothing,
    ),
    func(
        "base_repr(number, base=2, padding=0)",
        Style::Python,
        "number base padding",
        Writes::Nothing,
    ),
    func(
        "format_float_positional(x, precision=None, unique=True, fractional=True, trim='k', sign=False, pad_left=None, pad_right=None, min_digits=None)",
        Style::Python,
        "x precision unique fractional trim sign pad_left pad_right min_digits",
        Writes::Nothing,
    ),
    func(
        "format_float_scientific(x, precision=None, unique=True, trim='k', sign=False, pad_left=None, exp_digits=None, min_digits=None)",
        Style::Python,
        "x precision unique trim sign pad_left exp_digits min_digits",
        Writes::Nothing,
    ),
];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// Does this module answer `np.NAME`?
pub fn answers(name: &str) -> bool {
    ENTRIES.iter().any(|e| e.name() == name)
}

/// Call one of this module's functions (the registry has bound `args`).
pub fn call(name: &str, args: &Args) -> PyResult<Value> {
    match name {
        "packbits" => packbits(args),
        "unpackbits" => unpackbits(args),
        "binary_repr" => binary_repr(args),
        "base_repr" => base_repr(args),
        "format_float_positional" => format_float(args, true),
        _ => format_float(args, false),
    }
}

/// `operator.index(v)`: Python and NumPy integers, 0-d integer arrays.
fn index_value(v: &Value) -> PyResult<i128> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(i128::from(*b)),
        Value::NpScalar(_, Scalar::Int(i)) => Ok(i128::from(*i)),
        Value::NpScalar(_, Scalar::UInt(u)) => Ok(i128::from(*u)),
        Value::NpScalar(DType::Bool, Scalar::Bool(b)) => Ok(i128::from(*b)),
        Value::Array(a) if matches!(a.dtype().kind(), Kind::Int | Kind::UInt) => {
            if a.ndim() == 0 {
                index_value(&scalarize(a.clone()))
            } else {
                Err(PyError::type_error(
                    "only integer scalar arrays can be converted to a scalar index",
                ))
            }
        }
        other => Err(PyError::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

/// The `axis` of `packbits`/`unpackbits`: `None` flattens first.
fn pack_axis(a: &ArrayRef, axis: Option<&Value>) -> PyResult<(ArrayRef, usize)> {
    match axis {
        None | Some(Value::None) => {
            let flat = NdArray::from_scalars(&[a.size()], a.dtype().clone(), &a.to_scalars())?;
            Ok((flat, 0))
        }
        Some(v) => {
            let k = crate::eval::coerce::int_arg(v, "")?;
            let ax = normalize_axis(k, a.ndim())
                .map_err(|e| PyError::new("AxisError", e.to_string()))?;
            Ok((a.clone(), ax))
        }
    }
}

/// `bitorder`: `'big'` or `'little'` by first letter, as NumPy reads it.
fn little_endian(v: Option<&Value>, func: &str) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(Value::Str(s)) => match s.as_ref() {
            "little" => Ok(true),
            "big" => Ok(false),
            _ => Err(PyError::value("'order' must be either 'little' or 'big'")),
        },
        Some(other) => Err(PyError::type_error(format!(
            "{func}() argument 3 must be str, not {}",
            other.type_name()
        ))),
    }
}

/// The element shape with `axis` resized to `n`, and the walk over it:
/// (outer count, axis length, inner count) of a C-ordered array.
fn split_at_axis(shape: &[usize], axis: usize) -> (usize, usize, usize) {
    let outer = shape[..axis].iter().product();
    let inner = shape[axis + 1..].iter().product();
    (outer, shape[axis], inner)
}

fn packbits(args: &Args) -> PyResult<Value> {
    let a = as_array(args.req(0, "a", "packbits")?)?;
    if !matches!(a.dtype().kind(), Kind::Bool | Kind::Int | Kind::UInt) {
        return Err(PyError::type_error(
            "Expected an input array of integer or boolean data type",
        ));
    }
    let little = little_endian(args.get(2, "bitorder"), "pack")?;
    let (a, axis) = pack_axis(&a, args.get(1, "axis"))?;
    let shape = a.shape();
    let (outer, n, inner) = split_at_axis(&shape, axis);
    let nbytes = n.div_ceil(8);
    let vals = a.to_scalars();
    let mut out_shape = shape.clone();
    out_shape[axis] = nbytes;
    let mut out = vec![0u64; outer * nbytes * inner];
    for o in 0..outer {
        crate::engine::interrupt::check()?;
        for k in 0..n {
            for i in 0..inner {
                if scalar_as_f64(&vals[(o * n + k) * inner + i]) != 0.0 {
                    let bit = if little { k % 8 } else { 7 - k % 8 };
                    out[(o * nbytes + k / 8) * inner + i] |= 1 << bit;
                }
            }
        }
    }
    let out: Vec<Scalar> = out.into_iter().map(Scalar::UInt).collect();
    Ok(Value::Array(NdArray::from_scalars(
        &out_shape,
        DType::UInt8,
        &out,
    )?))
}

fn unpackbits(args: &Args) -> PyResult<Value> {
    let a = as_array(args.req(0, "a", "unpackbits")?)?;
    if a.dtype().native() != DType::UInt8 {
        return Err(PyError::type_error(
            "Expected an input array of unsigned byte data type",
        ));
    }
    let count = match args.get(2, "count") {
        None | Some(Value::None) => None,
        Some(v) => Some(index_value(v)?),
    };
    let little = little_endian(args.get(3, "bitorder"), "unpack")?;
    let a = if a.ndim() == 0 {
        NdArray::from_scalars(&[1], DType::UInt8, &[a.first()])?
    } else {
        a
    };
    let (a, axis) = pack_axis(&a, args.get(1, "axis"))?;
    let shape = a.shape();
    let (outer, n, inner) = split_at_axis(&shape, axis);
    let bits = n * 8;
    let len = match count {
        None => bits,
        Some(c) if c >= 0 => usize::try_from(c).unwrap_or(usize::MAX),
        Some(c) => {
            let cut = usize::try_from(-c).unwrap_or(usize::MAX);
            if cut > bits {
                return Err(PyError::value("-count larger than number of elements"));
            }
            bits - cut
        }
    };
    let vals = a.to_scalars();
    let mut out_shape = shape.clone();
    out_shape[axis] = len;
    let total = out_shape
        .iter()
        .try_fold(1usize, |acc, &d| acc.checked_mul(d));
    let Some(total) = total else {
        return Err(PyError::new("MemoryError", ""));
    };
    crate::engine::buffer::python_room(total, std::mem::size_of::<Scalar>())?;
    let mut out = Vec::with_capacity(total);
    for o in 0..outer {
        crate::engine::interrupt::check()?;
        for k in 0..len {
            for i in 0..inner {
                let bit = if k < bits {
                    let byte = match &vals[(o * n + k / 8) * inner + i] {
                        Scalar::UInt(b) => *b,
                        other => scalar_as_f64(other) as u64,
                    };
                    let shift = if little { k % 8 } else { 7 - k % 8 };
                    (byte >> shift) & 1
                } else {
                    0
                };
                out.push(Scalar::UInt(bit));
            }
        }
    }
    Ok(Value::Array(NdArray::from_scalars(
        &out_shape,
        DType::UInt8,
        &out,
    )?))
}

/// Python's `f'{n:b}'` of a non-negative number.
fn bin(n: u128) -> String {
    format!("{n:b}")
}

/// `np.binary_repr(num, width=None)` as `numeric.py`.
fn binary_repr(args: &Args) -> PyResult<Value> {
    let num = index_value(args.req(0, "num", "binary_repr")?)?;
    let width = match args.get(1, "width") {
        None | Some(Value::None) => None,
        Some(v) => Some(index_value(v)?),
    };
    let insufficient = |binwidth: usize| -> PyResult<()> {
        match width {
            Some(w) if w < binwidth as i128 => Err(PyError::value(format!(
                "Insufficient bit width={w} provided for binwidth={binwidth}"
            ))),
            _ => Ok(()),
        }
    };
    let pad = |w: i128, len: usize| usize::try_from(w).unwrap_or(0).saturating_sub(len);
    let text = if num == 0 {
        let w = match width {
            Some(w) if w != 0 => w,
            _ => 1,
        };
        "0".repeat(usize::try_from(w).unwrap_or(0))
    } else if num > 0 {
        let binary = bin(num.unsigned_abs());
        insufficient(binary.len())?;
        let zeros = width.map_or(0, |w| pad(w, binary.len()));
        format!("{}{binary}", "0".repeat(zeros))
    } else {
        match width {
            None => format!("-{}", bin(num.unsigned_abs())),
            Some(w) => {
                let mag = num.unsigned_abs();
                let mut poswidth = bin(mag).len() as u32;
                if poswidth >= 1 && 1u128.checked_shl(poswidth - 1) == Some(mag) {
                    poswidth -= 1;
                }
                let twocomp = 1u128
                    .checked_shl(poswidth + 1)
                    .and_then(|p| p.checked_sub(mag))
                    .ok_or_else(|| {
                        PyError::new(
                            "NotImplementedError",
                            "slicelab's np.binary_repr takes numbers below 2**126",
                        )
                    })?;
                let binary = bin(twocomp);
                insufficient(binary.len())?;
                format!("{}{binary}", "1".repeat(pad(w, binary.len())))
            }
        }
    };
    Ok(Value::str(&text))
}

/// `int(number)` as `base_repr` takes it (floats truncate toward zero).
fn int_of(v: &Value) -> PyResult<i128> {
    match v {
        Value::Float(f) => Ok(f.trunc() as i128),
        Value::NpScalar(_, Scalar::Float(f)) => Ok(f.trunc() as i128),
        Value::Str(s) => match s.trim().parse::<i128>() {
            // `int('10')` succeeds; the comparison `number < 0` fails.
            Ok(_) => Err(PyError::type_error(
                "'<' not supported between instances of 'str' and 'int'",
            )),
            Err(_) => Err(PyError::value(format!(
                "invalid literal for int() with base 10: {}",
                super::display::repr(v, &Default::default())
            ))),
        },
        other => index_value(other),
    }
}

/// `np.base_repr(number, base=2, padding=0)` as `numeric.py`.
fn base_repr(args: &Args) -> PyResult<Value> {
    const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let number = args.req(0, "number", "base_repr")?;
    let base = match args.get(1, "base") {
        None => 2,
        Some(v) => index_value(v)?,
    };
    if base > 36 {
        return Err(PyError::value(
            "Bases greater than 36 not handled in base_repr.",
        ));
    }
    if base < 2 {
        return Err(PyError::value(
            "Bases less than 2 not handled in base_repr.",
        ));
    }
    let padding = match args.get(2, "padding") {
        None => 0,
        Some(v) => index_value(v)?,
    };
    let n = int_of(number)?;
    let mut num = n.unsigned_abs();
    let base = base as u128;
    let mut res = Vec::new();
    while num != 0 {
        res.push(DIGITS[(num % base) as usize]);
        num /= base;
    }
    if padding > 0 {
        let p = usize::try_from(padding).unwrap_or(usize::MAX);
        crate::engine::buffer::python_room(p, 1)?;
        res.extend(std::iter::repeat_n(b'0', p));
    }
    if n < 0 {
        res.push(b'-');
    }
    if res.is_empty() {
        res.push(b'0');
    }
    res.reverse();
    Ok(Value::str(&String::from_utf8_lossy(&res)))
}

/// `_none_or_positive_arg`: `None` is -1 (no value), a negative is an error.
fn none_or_positive(v: Option<&Value>, name: &str) -> PyResult<Option<usize>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let n = index_value(v).map_err(|_| {
                PyError::new(
                    "NotImplementedError",
                    format!("slicelab takes an integer {name}"),
                )
            })?;
            if n < 0 {
                return Err(PyError::value(format!("{name} must be >= 0")));
            }
            Ok(Some(usize::try_from(n).unwrap_or(usize::MAX)))
        }
    }
}

/// The float Dragon4 formats, and which type's digits: a NumPy float
/// scalar keeps its own, anything else is `PyFloat_AsDouble`'s double.
fn float_value(x: &Value) -> PyResult<(f64, FloatKind)> {
    let not_real = |t: &str| PyError::type_error(format!("must be real number, not {t}"));
    Ok(match x {
        Value::NpScalar(DType::Float16, s) => (scalar_as_f64(s), FloatKind::F16),
        Value::NpScalar(DType::Float32, s) => (scalar_as_f64(s), FloatKind::F32),
        Value::NpScalar(dt, s) if dt.kind() != Kind::Complex && dt.is_numeric() => {
            (scalar_as_f64(s), FloatKind::F64)
        }
        Value::Float(f) => (*f, FloatKind::F64),
        Value::Int(i) => (*i as f64, FloatKind::F64),
        Value::Bool(b) => (f64::from(u8::from(*b)), FloatKind::F64),
        Value::Array(a) if a.ndim() > 0 => {
            return Err(PyError::type_error(
                "only 0-dimensional arrays can be converted to Python scalars",
            ));
        }
        Value::Array(a) if a.dtype().kind() != Kind::Complex && a.dtype().is_numeric() => {
            (scalar_as_f64(&a.first()), FloatKind::F64)
        }
        Value::Str(_) => return Err(not_real("str")),
        Value::Complex(..) => return Err(not_real("complex")),
        Value::List(_) => return Err(not_real("list")),
        Value::Tuple(_) => return Err(not_real("tuple")),
        Value::None => return Err(not_real("NoneType")),
        other => {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab does not format a '{}' as a float",
                    other.type_name()
                ),
            ));
        }
    })
}

/// `np.format_float_positional` / `np.format_float_scientific`.
fn format_float(args: &Args, positional: bool) -> PyResult<Value> {
    let name = if positional {
        "format_float_positional"
    } else {
        "format_float_scientific"
    };
    // Positions: x, precision, unique, [fractional], trim, sign, pad_left,
    // then pad_right or exp_digits, min_digits.
    let at = |k: usize| {
        if positional {
            k
        } else {
            k - usize::from(k > 3)
        }
    };
    let x = args.req(0, "x", name)?;
    let precision = none_or_positive(args.get(1, "precision"), "precision")?;
    let pad_left = none_or_positive(args.get(at(6), "pad_left"), "pad_left")?;
    let (pad_right, exp_digits) = if positional {
        (
            none_or_positive(args.get(7, "pad_right"), "pad_right")?,
            None,
        )
    } else {
        (
            None,
            none_or_positive(args.get(6, "exp_digits"), "exp_digits")?,
        )
    };
    let min_digits = none_or_positive(args.get(at(8), "min_digits"), "min_digits")?;
    let fractional = if positional {
        match args.get(3, "fractional") {
            Some(v) => truthy(v)?,
            None => true,
        }
    } else {
        true
    };
    if !fractional && precision == Some(0) {
        return Err(PyError::value(
            "precision must be greater than 0 if fractional=False",
        ));
    }
    if let (Some(m), Some(p)) = (min_digits, precision)
        && m > 0
        && p > 0
        && m > p
    {
        return Err(PyError::value(
            "min_digits must be less than or equal to precision",
        ));
    }
    let unique = match args.get(2, "unique") {
        Some(v) => truthy(v)?,
        None => true,
    };
    let trim = match args.get(at(4), "trim") {
        None => Trim::Keep,
        Some(Value::Str(t)) => match t.as_ref() {
            "k" => Trim::Keep,
            "." => Trim::Dot,
            "0" => Trim::Zero,
            "-" => Trim::Dash,
            _ => {
                return Err(PyError::new(
                    "NotImplementedError",
                    "slicelab does not reproduce NumPy's message for a bad trim=",
                ));
            }
        },
        Some(_) => {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab takes trim= as one of 'k', '.', '0', '-'",
            ));
        }
    };
    let sign = match args.get(at(5), "sign") {
        Some(v) => truthy(v)?,
        None => false,
    };
    let (v, kind) = float_value(x)?;
    if !unique && precision.is_none() {
        return Err(PyError::new(
            "NotImplementedError",
            format!("slicelab does not implement {name} with unique=False and no precision"),
        ));
    }
    if !v.is_finite() {
        let text = if v.is_nan() {
            "nan".to_string()
        } else if v < 0.0 {
            "-inf".to_string()
        } else if sign {
            "+inf".to_string()
        } else {
            "inf".to_string()
        };
        return Ok(Value::str(&text));
    }
    let opts = Dragon {
        kind,
        precision,
        min_digits,
        fractional,
        unique,
        trim,
        sign,
        pad_left,
        pad_right,
        exp_digits,
    };
    let text = if positional {
        floatfmt::positional(v, &opts)
    } else {
        floatfmt::scientific(v, &opts)
    };
    Ok(Value::str(&text))
}
