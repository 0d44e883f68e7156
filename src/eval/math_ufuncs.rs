//! Elementwise math ufuncs beyond arithmetic — `rint`, `trunc`, `sign`,
//! `log2`/`log10`/`log1p`/`expm1`/`exp2`, `cbrt`, `hypot`, `arctan2`,
//! `degrees`/`radians`, `fmax`/`fmin`, `reciprocal`, `logaddexp`,
//! `copysign`, `heaviside`, `signbit`, `float_power`, `modf`/`frexp`/
//! `ldexp`, the inverse and hyperbolic trigonometric functions — and the
//! Python functions NumPy builds on them: `fix`, `isposinf`/`isneginf`,
//! `nan_to_num`.
//!
//! Each ufunc carries NumPy's loop list (`np.NAME.types`, in order): the
//! loop is the first whose type the inputs' promoted dtype (NEP 50: a
//! Python scalar is weak) casts to safely, which is why `np.log2(np.int8(8))`
//! is a float16 and `np.rint(3)` a float64. Values are computed in the
//! loop's own precision with the C library NumPy calls (Rust's `f64`/`f32`
//! methods call the same glibc functions; `asinh`/`acosh`/`atanh`, which
//! Rust computes itself, follow glibc's fdlibm code). float16 loops compute
//! in float32 and round, as NumPy's half loops do. What slicelab cannot
//! reproduce digit for digit (complex inputs of most of these, float32
//! `arcsinh`/`arccosh`/`arctanh`) is refused with `NotImplementedError`.
//! `out=`, `dtype=`, `where=` and `casting=` are the ufunc layer's
//! (`ufunc_args.rs`).

use crate::engine::dtype::{DType, Kind};
use crate::engine::element::scalar_as_f64;
use crate::engine::promote::can_cast_safe;
use crate::engine::{ArrayRef, NdArray, Scalar, kernels};

use super::convert::check_int_fits;
use super::error::{PyError, PyResult};
use super::index_routines::broadcast_scalars as broadcast;
use super::index_routines::common_dtype;
use super::registry::{Entry, Writes, func, ufunc};
use super::signature::Style;
use super::ufunc_args::input_dtype;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::scalarize;
use crate::eval::convert::as_array;
use crate::eval::protocol::truthy;
use crate::eval::session::Session;

/// The keyword part every ufunc signature shares.
macro_rules! ufunc_sig {
    ($name:literal, $params:literal) => {
        concat!(
            $name,
            "(",
            $params,
            ", /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)"
        )
    };
}

/// A one-input, one-output ufunc's entry.
macro_rules! unary {
    ($name:literal) => {
        ufunc(ufunc_sig!($name, "x"), 1, 1)
    };
}

/// A two-input, one-output ufunc's entry.
macro_rules! binary {
    ($name:literal) => {
        ufunc(ufunc_sig!($name, "x1, x2"), 2, 1)
    };
}

pub(super) use {binary, ufunc_sig, unary};

/// A one-input, two-output ufunc's entry (outputs by position as `divmod`'s).
macro_rules! unary2 {
    ($name:literal) => {
        ufunc(
            concat!(
                $name,
                "(x, out1=None, out2=None, /, *, out=(None, None), where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)"
            ),
            1,
            2,
        )
    };
}

/// This module's registry entries (`registry::tables`).
pub const ENTRIES: &[Entry] = &[
    unary!("rint"),
    unary!("trunc"),
    unary!("floor"),
    unary!("ceil"),
    unary!("sign"),
    unary!("signbit"),
    unary!("log2"),
    unary!("log10"),
    unary!("log1p"),
    unary!("expm1"),
    unary!("exp2"),
    unary!("cbrt"),
    unary!("reciprocal"),
    unary!("degrees"),
    unary!("radians"),
    unary!("deg2rad"),
    unary!("rad2deg"),
    unary!("tan"),
    unary!("arcsin"),
    unary!("arccos"),
    unary!("arctan"),
    unary!("sinh"),
    unary!("cosh"),
    unary!("tanh"),
    unary!("arcsinh"),
    unary!("arccosh"),
    unary!("arctanh"),
    binary!("hypot"),
    binary!("arctan2"),
    binary!("fmax"),
    binary!("fmin"),
    binary!("logaddexp"),
    binary!("logaddexp2"),
    binary!("copysign"),
    binary!("heaviside"),
    binary!("float_power"),
    binary!("ldexp"),
    unary2!("modf"),
    unary2!("frexp"),
    func("fix(x, out=None)", Style::Python, "x out", Writes::Out),
    func("isposinf(x, out=None)", Style::Python, "x out", Writes::Out),
    func("isneginf(x, out=None)", Style::Python, "x out", Writes::Out),
    func(
        "nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None)",
        Style::Python,
        "x copy nan posinf neginf",
        Writes::Arg("x"),
    ),
];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// Does this module answer `np.NAME`?
pub fn answers(name: &str) -> bool {
    ENTRIES.iter().any(|e| e.name() == name)
}

/// The precision a float loop computes in: float16 loops compute in float32.
#[derive(Clone, Copy, PartialEq)]
enum Prec {
    Double,
    Single,
}

/// How one element is computed.
enum Kernel {
    /// A float function of one input: the double and the single version
    /// (`None`: slicelab has no digit-exact single version).
    F1(fn(f64) -> f64, Option<fn(f32) -> f32>),
    /// A float function of two inputs.
    F2(fn(f64, f64) -> f64, fn(f32, f32) -> f32),
    /// Any loop type: the loop's scalars in, one scalar out.
    Elem(fn(&[Scalar], &DType) -> Scalar),
}

/// NumPy's loops for `name` as type characters, in `np.NAME.types` order
/// (long double and object loops left out), and whether the result is a
/// bool (`signbit`).
fn loops(name: &str) -> &'static str {
    match name {
        "trunc" | "floor" | "ceil" => "?bBhHiIlLefd",
        "fmax" | "fmin" => "?bBhHiIlLefdFD",
        "sign" | "reciprocal" => "bBhHiIlLefdFD",
        "float_power" => "dD",
        "hypot" | "arctan2" | "degrees" | "radians" | "deg2rad" | "rad2deg" | "cbrt"
        | "logaddexp" | "logaddexp2" | "copysign" | "heaviside" | "signbit" | "modf" | "frexp" => {
            "efd"
        }
        _ => "efdFD",
    }
}

fn loop_dtype(c: char) -> DType {
    match c {
        '?' => DType::Bool,
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

fn kernel(name: &str) -> Kernel {
    use Kernel::{Elem, F1, F2};
    match name {
        "rint" => Elem(rint),
        "trunc" => Elem(trunc),
        "floor" => Elem(floor),
        "ceil" => Elem(ceil),
        "sign" => Elem(sign),
        "signbit" => Elem(|x, _| Scalar::Bool(scalar_as_f64(&x[0]).is_sign_negative())),
        "reciprocal" => Elem(reciprocal),
        "fmax" => Elem(|x, _| pick_f(x, true)),
        "fmin" => Elem(|x, _| pick_f(x, false)),
        "log2" => F1(f64::log2, Some(f32::log2)),
        "log10" => F1(f64::log10, Some(f32::log10)),
        "log1p" => F1(f64::ln_1p, Some(f32::ln_1p)),
        "expm1" => F1(f64::exp_m1, Some(f32::exp_m1)),
        "exp2" => F1(f64::exp2, Some(f32::exp2)),
        "cbrt" => F1(super::fdlibm::cbrt, Some(super::fdlibm::cbrtf)),
        "tan" => F1(f64::tan, Some(f32::tan)),
        "arcsin" => F1(f64::asin, Some(f32::asin)),
        "arccos" => F1(f64::acos, Some(f32::acos)),
        "arctan" => F1(f64::atan, Some(f32::atan)),
        "sinh" => F1(f64::sinh, Some(f32::sinh)),
        "cosh" => F1(f64::cosh, Some(f32::cosh)),
        "tanh" => F1(super::svml_tanh::tanh, Some(super::svml_tanh::tanhf)),
        "arcsinh" => F1(super::fdlibm::asinh, None),
        "arccosh" => F1(super::fdlibm::acosh, None),
        "arctanh" => F1(super::fdlibm::atanh, None),
        // NumPy's npy_degrees: x * (180/pi), the constant folded in the
        // loop's own precision.
        "degrees" | "rad2deg" => F1(
            |x| x * (180.0 / std::f64::consts::PI),
            Some(|x| x * (180.0f32 / std::f32::consts::PI)),
        ),
        "radians" | "deg2rad" => F1(
            |x| x * (std::f64::consts::PI / 180.0),
            Some(|x| x * (std::f32::consts::PI / 180.0f32)),
        ),
        "hypot" => F2(f64::hypot, f32::hypot),
        "arctan2" => F2(f64::atan2, f32::atan2),
        "copysign" => F2(f64::copysign, f32::copysign),
        "float_power" => F2(f64::powf, f32::powf),
        "heaviside" => F2(heaviside, heaviside),
        "logaddexp" => F2(super::fdlibm::logaddexp, super::fdlibm::logaddexpf),
        _ => F2(super::fdlibm::logaddexp2, super::fdlibm::logaddexp2f),
    }
}

/// NumPy's `npy_heaviside`: NaN stays, 0 takes `h0`.
fn heaviside<T: Copy + PartialOrd + From<u8>>(x: T, h0: T) -> T {
    if x.partial_cmp(&x).is_none() {
        x
    } else if x == T::from(0) {
        h0
    } else if x < T::from(0) {
        T::from(0)
    } else {
        T::from(1)
    }
}

fn rint(x: &[Scalar], _: &DType) -> Scalar {
    match &x[0] {
        Scalar::Complex(r, i) => Scalar::Complex(r.round_ties_even(), i.round_ties_even()),
        other => Scalar::Float(scalar_as_f64(other).round_ties_even()),
    }
}

/// `trunc`, `floor`, `ceil`: integers and bools pass through unchanged
/// (NumPy 2.x has integer loops for them), floats are rounded.
fn round_float(x: &Scalar, op: fn(f64) -> f64) -> Scalar {
    match x {
        Scalar::Float(v) => Scalar::Float(op(*v)),
        other => other.clone(),
    }
}

fn trunc(x: &[Scalar], _: &DType) -> Scalar {
    round_float(&x[0], f64::trunc)
}

fn floor(x: &[Scalar], _: &DType) -> Scalar {
    round_float(&x[0], f64::floor)
}

fn ceil(x: &[Scalar], _: &DType) -> Scalar {
    round_float(&x[0], f64::ceil)
}

fn sign(x: &[Scalar], _: &DType) -> Scalar {
    match &x[0] {
        Scalar::Int(v) => Scalar::Int(v.signum()),
        Scalar::UInt(v) => Scalar::UInt(u64::from(*v > 0)),
        other => Scalar::Float(float_sign(scalar_as_f64(other))),
    }
}

/// `npy_sign` of a float: NaN stays, both zeros give 0.
#[inline]
fn float_sign(v: f64) -> f64 {
    if v > 0.0 {
        1.0
    } else if v < 0.0 {
        -1.0
    } else if v == 0.0 {
        0.0
    } else {
        v
    }
}

/// NumPy's integer reciprocal is `(type)(1.0 / x)`: 0 becomes what x86
/// makes of infinity (the minimum of int32/int64, 0 for narrower types).
fn reciprocal(x: &[Scalar], dt: &DType) -> Scalar {
    match &x[0] {
        Scalar::Int(0) => Scalar::Int(match dt {
            DType::Int32 => i64::from(i32::MIN),
            DType::Int64 => i64::MIN,
            _ => 0,
        }),
        Scalar::Int(v) => Scalar::Int(if v.abs() == 1 { *v } else { 0 }),
        Scalar::UInt(v) => Scalar::UInt(u64::from(*v == 1)),
        other => {
            let v = scalar_as_f64(other);
            Scalar::Float(match dt {
                DType::Float64 => 1.0 / v,
                _ => f64::from(1.0f32 / v as f32),
            })
        }
    }
}

/// `fmax`/`fmin`: NumPy's `(a >= b || isnan(b)) ? a : b` (`<=` for fmin),
/// complex compared lexicographically.
fn pick_f(x: &[Scalar], max: bool) -> Scalar {
    let (a, b) = (&x[0], &x[1]);
    let first = match (a, b) {
        (Scalar::Int(p), Scalar::Int(q)) => (p >= q) == max || p == q,
        (Scalar::UInt(p), Scalar::UInt(q)) => (p >= q) == max || p == q,
        (Scalar::Bool(p), Scalar::Bool(q)) => (p >= q) == max || p == q,
        (Scalar::Complex(ar, ai), Scalar::Complex(br, bi)) => {
            let ge = ar > br || (ar == br && ai >= bi);
            let le = ar < br || (ar == br && ai <= bi);
            (if max { ge } else { le }) || br.is_nan() || bi.is_nan()
        }
        _ => {
            let (p, q) = (scalar_as_f64(a), scalar_as_f64(b));
            (if max { p >= q } else { p <= q }) || q.is_nan()
        }
    };
    if first { a.clone() } else { b.clone() }
}

/// The class NumPy names in the one missing-loop message that names a
/// dtype class (`np.sign(True)`).
const BOOL_DTYPE_CLASS: &str = "<class 'numpy.dtypes.BoolDType'>";

fn no_loop(name: &str) -> PyError {
    PyError::type_error(format!(
        "ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
    ))
}

fn no_complex(name: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("slicelab does not implement np.{name} for complex input"),
    )
}

/// An input as an array of the loop's type (a Python int is checked to
/// fit an integer loop first, as NumPy does).
fn loop_input(v: &Value, dt: &DType) -> PyResult<ArrayRef> {
    if let Value::Int(i) = v
        && matches!(dt.kind(), Kind::Int | Kind::UInt)
    {
        check_int_fits(*i, dt)?;
    }
    Ok(kernels::cast(&as_array(v)?, dt)?)
}

/// The first of `codes` whose type `dt` casts to safely.
fn first_loop(codes: &str, dt: &DType) -> Option<DType> {
    codes.chars().map(loop_dtype).find(|l| can_cast_safe(dt, l))
}

/// Call one of this module's functions (the registry has bound `args`).
pub fn call(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    if matches!(name, "fix" | "isposinf" | "isneginf")
        && let Some(out) = args.get(1, "out").filter(|v| !matches!(v, Value::None))
    {
        return with_out(s, name, args.req(0, "x", name)?, out.clone());
    }
    match name {
        "fix" => fix(args.req(0, "x", name)?),
        "isposinf" | "isneginf" => signed_inf(args.req(0, "x", name)?, name == "isposinf"),
        "nan_to_num" => nan_to_num(args),
        "modf" | "frexp" => split_float(name, args.req(0, "x", name)?),
        "ldexp" => ldexp(args.req(0, "x1", name)?, args.req(1, "x2", name)?),
        _ => {
            let nin = ENTRIES
                .iter()
                .find(|e| e.name() == name)
                .and_then(|e| e.ufunc)
                .map_or(1, |(n, _)| n);
            let inputs: Vec<Value> = (0..nin)
                .map(|k| args.pos.get(k).cloned().unwrap_or(Value::None))
                .collect();
            elementwise(name, &inputs)
        }
    }
}

/// A one-output ufunc of [`ENTRIES`] on its inputs.
fn elementwise(name: &str, inputs: &[Value]) -> PyResult<Value> {
    let own: Vec<DType> = inputs.iter().map(input_dtype).collect::<PyResult<_>>()?;
    if name == "sign" && own.contains(&DType::Bool) {
        return Err(PyError::type_error(format!(
            "ufunc 'sign' did not contain a loop with signature matching types {} -> None",
            BOOL_DTYPE_CLASS
        )));
    }
    let promoted = common_dtype(inputs).map_err(|_| no_loop(name))?;
    let lt = first_loop(loops(name), &promoted).ok_or_else(|| no_loop(name))?;
    let k = kernel(name);
    let prec = if lt == DType::Float64 {
        Prec::Double
    } else {
        Prec::Single
    };
    if lt.kind() == Kind::Complex && !matches!(name, "rint" | "fmax" | "fmin") {
        return super::complex_ufuncs::elementwise(name, inputs, &lt)
            .unwrap_or_else(|| Err(no_complex(name)));
    }
    if let Kernel::F1(_, None) = k
        && prec == Prec::Single
    {
        return Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab does not implement np.{name} for {} input (only float64 matches NumPy's digits)",
                lt.name()
            ),
        ));
    }
    let arrays: Vec<ArrayRef> = inputs
        .iter()
        .map(|v| loop_input(v, &lt))
        .collect::<PyResult<_>>()?;
    // NumPy lays the result out in its operands' memory order (NPY_KEEPORDER).
    let operands: Vec<&NdArray> = arrays.iter().map(|a| &**a).collect();
    let kept = |out: ArrayRef| crate::engine::kept_order::kept_like(out, &operands);
    if let Some(out) = typed(name, &k, &lt, &arrays)? {
        return Ok(scalarize(kept(out)?));
    }
    let (vals, shape) = broadcast(&arrays)?;
    let n = vals.first().map_or(0, Vec::len);
    let mut out = Vec::with_capacity(n);
    let mut row = Vec::with_capacity(vals.len());
    for i in 0..n {
        row.clear();
        row.extend(vals.iter().map(|v| v[i].clone()));
        let f = |k: usize| scalar_as_f64(&row[k]);
        out.push(match &k {
            Kernel::F1(d, s) => Scalar::Float(match (prec, s) {
                (Prec::Single, Some(s)) => f64::from(s(f(0) as f32)),
                _ => d(f(0)),
            }),
            Kernel::F2(d, s) => Scalar::Float(match prec {
                Prec::Double => d(f(0), f(1)),
                Prec::Single => f64::from(s(f(0) as f32, f(1) as f32)),
            }),
            Kernel::Elem(e) => e(&row, &lt),
        });
    }
    let out_dt = if name == "signbit" { DType::Bool } else { lt };
    Ok(scalarize(kept(NdArray::from_scalars(
        &shape, out_dt, &out,
    )?)?))
}

/// The float64 and float32 loops as typed maps over the arrays: the same
/// functions as the scalar loop in [`elementwise`] (which computes a
/// float32 loop's values in float32 too), without a boxed element. `None`:
/// the scalar loop (float16, integer and complex loops, `signbit`, shapes
/// that do not broadcast).
fn typed(name: &str, k: &Kernel, lt: &DType, arrays: &[ArrayRef]) -> PyResult<Option<ArrayRef>> {
    let double = match lt {
        DType::Float64 => true,
        DType::Float32 => false,
        _ => return Ok(None),
    };
    // Each arm names its functions, so the loops inline them (the cheap
    // ones vectorise); the library functions of `kernel` are called
    // through their pointers.
    macro_rules! one {
        ($d:expr, $s:expr) => {
            match arrays {
                [a] if double => Some(kernels::map_f64(a, $d)?),
                [a] => Some(kernels::map_f32(a, $s)?),
                _ => None,
            }
        };
    }
    macro_rules! two {
        ($d:expr, $s:expr) => {
            match arrays {
                [a, b] if double => kernels::map2::<f64>(a, b, $d)?,
                [a, b] => kernels::map2::<f32>(a, b, $s)?,
                _ => None,
            }
        };
    }
    Ok(match (name, k) {
        ("floor", _) => one!(f64::floor, f32::floor),
        ("ceil", _) => one!(f64::ceil, f32::ceil),
        ("trunc", _) => one!(f64::trunc, f32::trunc),
        ("rint", _) => one!(f64::round_ties_even, f32::round_ties_even),
        ("reciprocal", _) => one!(|x| 1.0 / x, |x| 1.0 / x),
        ("sign", _) => one!(float_sign, |v| float_sign(f64::from(v)) as f32),
        // `(a >= b || isnan(b)) ? a : b`, `<=` for fmin.
        ("fmax", _) => two!(
            |p, q| if p >= q || q.is_nan() { p } else { q },
            |p, q| if p >= q || q.is_nan() { p } else { q }
        ),
        ("fmin", _) => two!(
            |p, q| if p <= q || q.is_nan() { p } else { q },
            |p, q| if p <= q || q.is_nan() { p } else { q }
        ),
        ("copysign", _) => two!(f64::copysign, f32::copysign),
        ("tanh", _) => one!(super::svml_tanh::tanh, super::svml_tanh::tanhf),
        (_, Kernel::F1(d, Some(s))) => one!(d, s),
        // No single version: `elementwise` refused a float32 loop already.
        (_, Kernel::F1(d, None)) if double => one!(d, |x| x),
        (_, Kernel::F2(d, s)) => two!(d, s),
        _ => None,
    })
}

/// `np.modf` (fraction and integral part, both with x's sign) and
/// `np.frexp` (mantissa in [0.5, 1) and an int32 exponent).
fn split_float(name: &str, x: &Value) -> PyResult<Value> {
    let own = input_dtype(x)?;
    let lt = first_loop(loops(name), &own).ok_or_else(|| no_loop(name))?;
    let a = kernels::cast(&as_array(x)?, &lt)?;
    let vals = a.to_scalars();
    let mut first = Vec::with_capacity(vals.len());
    let mut second = Vec::with_capacity(vals.len());
    for v in &vals {
        let v = scalar_as_f64(v);
        if name == "modf" {
            let whole = v.trunc();
            let frac = if v.is_infinite() { 0.0 } else { v - whole };
            first.push(Scalar::Float(frac.copysign(v)));
            second.push(Scalar::Float(whole));
        } else {
            let (m, e) = super::fdlibm::frexp(v);
            first.push(Scalar::Float(m));
            second.push(Scalar::Int(i64::from(e)));
        }
    }
    let shape = a.shape();
    let second_dt = if name == "modf" {
        lt.clone()
    } else {
        DType::Int32
    };
    Ok(Value::tuple(vec![
        scalarize(NdArray::from_scalars(&shape, lt, &first)?),
        scalarize(NdArray::from_scalars(&shape, second_dt, &second)?),
    ]))
}

/// `np.ldexp(x1, x2)`: `x1 * 2**x2` rounded once, in x1's float loop; the
/// exponent must be an integer type that casts safely to int64.
fn ldexp(x1: &Value, x2: &Value) -> PyResult<Value> {
    let (d1, d2) = (input_dtype(x1)?, input_dtype(x2)?);
    let fail = || no_loop("ldexp");
    // The loops are `ei fi el fl di dl gi gl`. A Python int mantissa
    // beside a NumPy exponent is weak and casts to every float, so the
    // first loop whose exponent fits wins (`ldexp(5, arange(4))` is
    // float16); a Python float stays float64; two Python scalars are
    // int64/float64.
    let py = |v: &Value| matches!(v, Value::Int(_) | Value::Bool(_) | Value::Float(_));
    let mantissa = match x1 {
        Value::Int(_) | Value::Bool(_) if !py(x2) => DType::Float16,
        Value::Float(_) => DType::Float64,
        _ => d1.clone(),
    };
    let lt = first_loop("efd", &mantissa).ok_or_else(fail)?;
    // A Python int exponent goes straight into the loop's C long.
    if let Value::Int(i) = x2 {
        super::convert::check_int_fits(*i, &DType::Int64)?;
    }
    if !can_cast_safe(&d2, &DType::Int64) {
        return Err(fail());
    }
    let arrays = [
        kernels::cast(&as_array(x1)?, &lt)?,
        kernels::cast(&as_array(x2)?, &DType::Int64)?,
    ];
    let (vals, shape) = broadcast(&arrays)?;
    let out: Vec<Scalar> = vals[0]
        .iter()
        .zip(&vals[1])
        .map(|(m, e)| {
            let e = match e {
                Scalar::Int(e) => *e,
                other => scalar_as_f64(other) as i64,
            };
            Scalar::Float(super::fdlibm::ldexp(scalar_as_f64(m), e))
        })
        .collect();
    Ok(scalarize(NdArray::from_scalars(&shape, lt, &out)?))
}

/// `np.fix`: rounds toward zero, keeping integer and bool types (NumPy
/// builds it on `trunc`, so complex input is `trunc`'s error).
fn fix(x: &Value) -> PyResult<Value> {
    elementwise("trunc", std::slice::from_ref(x))
}

/// `fix`/`isposinf`/`isneginf` with `out` (by position or keyword), as
/// NumPy 2.4's `_ufunclike_impl.py` writes them: `fix` is
/// `trunc(x, out=out)`; `isposinf` is `logical_and(isinf(x), ~signbit(x),
/// out)`, so `out`'s casting checks and its return are the ufunc layer's.
fn with_out(s: &mut Session, name: &str, x: &Value, out: Value) -> PyResult<Value> {
    if name == "fix" {
        return s.np("trunc", vec![x.clone()], vec![("out", out)]);
    }
    // `signed_inf` refuses complex input with NumPy's message first. Its
    // result passed twice keeps NumPy's operand shapes in a broadcast error.
    let both = signed_inf(x, name == "isposinf")?;
    s.np("logical_and", vec![both.clone(), both, out], vec![])
}

/// `np.isposinf`/`np.isneginf`: `isinf(x) & ~signbit(x)` (or `& signbit`).
fn signed_inf(x: &Value, positive: bool) -> PyResult<Value> {
    let a = as_array(x)?;
    let dt = a.dtype().clone();
    if dt.kind() == Kind::Complex {
        return Err(PyError::type_error(format!(
            "This operation is not supported for {} values because it would be ambiguous.",
            dt.name()
        )));
    }
    if !matches!(dt.kind(), Kind::Bool | Kind::Int | Kind::UInt | Kind::Float) {
        return Err(no_loop("isinf"));
    }
    let vals: Vec<Scalar> = a
        .to_scalars()
        .iter()
        .map(|s| {
            let v = scalar_as_f64(s);
            Scalar::Bool(dt.kind() == Kind::Float && v.is_infinite() && (v > 0.0) == positive)
        })
        .collect();
    Ok(scalarize(NdArray::from_scalars(
        &a.shape(),
        DType::Bool,
        &vals,
    )?))
}

/// A `nan=`/`posinf=`/`neginf=` value as a float.
fn fill_value(v: &Value, dt: &DType) -> PyResult<f64> {
    match v {
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        Value::Int(i) => Ok(*i as f64),
        Value::Float(f) => Ok(*f),
        Value::NpScalar(_, s) if !matches!(s, Scalar::Complex(..)) => Ok(scalar_as_f64(s)),
        Value::Str(s) => Err(PyError::type_error(format!(
            "Cannot cast scalar from dtype('<U{}') to dtype('{}') according to the rule 'same_kind'",
            s.chars().count(),
            dt.name()
        ))),
        other => Err(PyError::type_error(format!(
            "slicelab's np.nan_to_num takes numbers for nan=/posinf=/neginf=, not '{}'",
            other.type_name()
        ))),
    }
}

/// A replacement value of `nan_to_num`: one number, or an array
/// `copyto` broadcasts over `x` (one value per element, in C order).
enum Fill {
    One(f64),
    Each(Vec<f64>),
}

impl Fill {
    fn at(&self, k: usize) -> f64 {
        match self {
            Fill::One(v) => *v,
            Fill::Each(vs) => vs[k],
        }
    }
}

/// An array-like replacement, checked as `np.copyto(d, values, where=...)`
/// checks it: `same_kind` casting to the float part type, then broadcast.
fn fill_values(v: &Value, dt: &DType, shape: &[usize]) -> PyResult<Fill> {
    let arr = as_array(v)?;
    if !matches!(
        arr.dtype().kind(),
        Kind::Bool | Kind::Int | Kind::UInt | Kind::Float
    ) {
        return Err(crate::eval::cast_rules::cast_refused(
            arr.dtype(),
            dt,
            "same_kind",
        ));
    }
    if !crate::engine::broadcast::broadcasts_to(&arr.shape(), shape) {
        return Err(PyError::value(format!(
            "could not broadcast input array from shape {} into shape {}",
            super::ufunc_args::tight_shape(&arr.shape()),
            super::ufunc_args::tight_shape(shape)
        )));
    }
    let layout = crate::engine::broadcast::broadcast_layout(&arr.layout(), shape);
    let spread = NdArray::view(&arr, arr.dtype().clone(), layout);
    Ok(Fill::Each(
        spread.to_scalars().iter().map(scalar_as_f64).collect(),
    ))
}

/// `np.nan_to_num`: NaN and infinities replaced in a float or complex
/// array (each part of a complex); other dtypes come back unchanged. With
/// `copy=False` an array is written in place and returned.
fn nan_to_num(args: &Args) -> PyResult<Value> {
    let x = args.req(0, "x", "nan_to_num")?;
    let copy = match args.get(1, "copy") {
        Some(v) => truthy(v)?,
        None => true,
    };
    let src = as_array(x)?;
    let in_place = !copy && matches!(x, Value::Array(_));
    let a = if in_place {
        src.clone()
    } else {
        src.copy(crate::engine::Order::C)?
    };
    let dt = a.dtype().clone();
    let part_dt = match dt {
        DType::Complex64 => DType::Float32,
        DType::Complex128 => DType::Float64,
        ref d => d.clone(),
    };
    if part_dt.kind() != Kind::Float {
        return Ok(if a.ndim() == 0 {
            scalarize(a)
        } else {
            Value::Array(a)
        });
    }
    let (lo, hi) = match part_dt {
        DType::Float16 => (-65504.0, 65504.0),
        DType::Float32 => (f64::from(f32::MIN), f64::from(f32::MAX)),
        _ => (f64::MIN, f64::MAX),
    };
    let shape = a.shape();
    let pick = |k: usize, name: &str, default: f64| -> PyResult<Fill> {
        match args.get(k, name) {
            None | Some(Value::None) => Ok(Fill::One(default)),
            Some(v @ (Value::Array(_) | Value::List(_) | Value::Tuple(_))) => {
                fill_values(v, &part_dt, &shape)
            }
            Some(v) => Ok(Fill::One(fill_value(v, &part_dt)?)),
        }
    };
    let nan = pick(2, "nan", 0.0)?;
    let posinf = pick(3, "posinf", hi)?;
    let neginf = pick(4, "neginf", lo)?;
    let fix = |v: f64, k: usize| {
        if v.is_nan() {
            nan.at(k)
        } else if v == f64::INFINITY {
            posinf.at(k)
        } else if v == f64::NEG_INFINITY {
            neginf.at(k)
        } else {
            v
        }
    };
    let vals: Vec<Scalar> = a
        .to_scalars()
        .iter()
        .enumerate()
        .map(|(k, s)| match s {
            Scalar::Complex(r, i) => Scalar::Complex(fix(*r, k), fix(*i, k)),
            other => Scalar::Float(fix(scalar_as_f64(other), k)),
        })
        .collect();
    if !a.writeable() {
        return Err(PyError::value("assignment destination is read-only"));
    }
    let fixed = NdArray::from_scalars(&a.shape(), dt, &vals)?;
    crate::engine::array::copy_elements(&fixed, &a)?;
    Ok(if a.ndim() == 0 {
        scalarize(a)
    } else if in_place {
        x.clone()
    } else {
        Value::Array(a)
    })
}
