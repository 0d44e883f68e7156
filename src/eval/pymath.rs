//! Python's `math` module (`import math`): the functions tutorials use
//! beside NumPy, computed with the same C library functions CPython calls
//! (glibc through Rust's `f64` methods, glibc's formulas in `fdlibm.rs`),
//! with CPython's domain/range errors (`ValueError: math domain error`,
//! `OverflowError: math range error`) and its argument messages.

use super::error::{PyError, PyResult};
use super::value::Value;
use crate::engine::Scalar;
use crate::eval::args::Args;

/// The module's name as bound by `import math`.
pub const MODULE: &str = "math";

/// A one-argument float function: name, function, whether an infinite
/// result from a finite argument is an overflow (else a domain error).
type Unary = (&'static str, fn(f64) -> f64, bool);

/// The one-argument float functions.
const UNARY: &[Unary] = &[
    ("sqrt", f64::sqrt, false),
    ("exp", f64::exp, true),
    ("exp2", f64::exp2, true),
    ("expm1", f64::exp_m1, true),
    ("log2", f64::log2, false),
    ("log10", f64::log10, false),
    ("log1p", f64::ln_1p, false),
    ("sin", f64::sin, false),
    ("cos", f64::cos, false),
    ("tan", f64::tan, false),
    ("asin", f64::asin, false),
    ("acos", f64::acos, false),
    ("atan", f64::atan, false),
    ("sinh", f64::sinh, true),
    ("cosh", f64::cosh, true),
    ("tanh", f64::tanh, false),
    ("asinh", super::fdlibm::asinh, false),
    ("acosh", super::fdlibm::acosh, false),
    ("atanh", super::fdlibm::atanh, false),
    ("cbrt", super::fdlibm::cbrt, false),
    ("fabs", f64::abs, false),
    ("degrees", f64::to_degrees, false),
    ("radians", f64::to_radians, false),
];

/// Functions with their own argument rules.
const OTHER: &[&str] = &[
    "log",
    "floor",
    "ceil",
    "trunc",
    "isnan",
    "isinf",
    "isfinite",
    "isclose",
    "atan2",
    "hypot",
    "pow",
    "copysign",
    "fmod",
    "modf",
    "frexp",
    "ldexp",
    "factorial",
    "gcd",
    "lcm",
    "comb",
    "perm",
    "isqrt",
    "prod",
    "fsum",
    "dist",
    "nextafter",
    "ulp",
    "remainder",
];

/// `math.NAME`.
pub fn attr(name: &str) -> PyResult<Value> {
    let constant = match name {
        "pi" => Some(std::f64::consts::PI),
        "e" => Some(std::f64::consts::E),
        "tau" => Some(std::f64::consts::TAU),
        "inf" => Some(f64::INFINITY),
        "nan" => Some(super::float_identity::math_nan()),
        _ => None,
    };
    if let Some(c) = constant {
        return Ok(Value::Float(c));
    }
    if UNARY.iter().any(|(n, ..)| *n == name) || OTHER.contains(&name) {
        return Ok(Value::func(&format!("{MODULE}.{name}")));
    }
    // A function CPython's math has and slicelab lacks is refused.
    Err(super::error::missing_module_attribute(MODULE, name))
}

fn domain() -> PyError {
    PyError::value("math domain error")
}

fn range() -> PyError {
    PyError::new("OverflowError", "math range error")
}

/// A real-number argument as CPython's `PyFloat_AsDouble` reads it.
fn real(v: &Value) -> PyResult<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::BigInt(b) => super::bigint::to_f64(b),
        Value::Bool(b) => Ok(*b as u8 as f64),
        Value::Float(f) => Ok(*f),
        Value::NpScalar(_, Scalar::Complex(..)) | Value::Complex(..) => Err(PyError::type_error(
            format!("must be real number, not {}", v.type_name()),
        )),
        Value::NpScalar(_, s) => Ok(crate::engine::element::scalar_as_f64(s)),
        Value::Array(a) if a.ndim() == 0 => real(&crate::eval::coerce::scalarize(a.clone())),
        Value::Array(_) => Err(PyError::type_error(
            "only 0-dimensional arrays can be converted to Python scalars",
        )),
        other => Err(PyError::type_error(format!(
            "must be real number, not {}",
            other.type_name()
        ))),
    }
}

/// An integer argument (`__index__`): no floats.
fn index(v: &Value) -> PyResult<i128> {
    super::pyiter::index_int(v)
}

/// A float result checked as CPython's `math_1` checks it.
fn checked(x: f64, r: f64, can_overflow: bool) -> PyResult<Value> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range() } else { domain() });
    }
    Ok(Value::Float(r))
}

/// An int result of floor/ceil/trunc.
fn to_int(f: f64) -> PyResult<Value> {
    super::bigint_math::float_to_int(f)
}

fn arity(name: &str, args: &Args, n: usize) -> PyResult<()> {
    if !args.kw.is_empty() {
        return Err(PyError::type_error(format!(
            "math.{name}() takes no keyword arguments"
        )));
    }
    if args.pos.len() == n {
        return Ok(());
    }
    Err(PyError::type_error(if n == 1 {
        format!(
            "math.{name}() takes exactly one argument ({} given)",
            args.pos.len()
        )
    } else {
        format!("{name} expected {n} arguments, got {}", args.pos.len())
    }))
}

/// Calls `math.NAME` (`None`: not a math function).
pub fn call(name: &str, args: &Args) -> PyResult<Option<Value>> {
    let Some(name) = name.strip_prefix("math.") else {
        return Ok(None);
    };
    if let Some((_, f, overflow)) = UNARY.iter().find(|(n, ..)| *n == name) {
        arity(name, args, 1)?;
        // Logarithms of ints take any size (`loghelper`).
        if matches!(name, "log2" | "log10")
            && let Value::Int(_) | Value::BigInt(_) = &args.pos[0]
        {
            let x = super::bigint_math::index(&args.pos[0])?;
            return super::bigint_math::log_of(&x, *f).map(|r| Some(Value::Float(r)));
        }
        let x = real(&args.pos[0])?;
        return checked(x, f(x), *overflow).map(Some);
    }
    let p = &args.pos;
    Ok(Some(match name {
        "floor" | "ceil" | "trunc" => {
            arity(name, args, 1)?;
            if let Value::Int(_) | Value::BigInt(_) | Value::Bool(_) = &p[0] {
                return Ok(Some(super::bigint::value(super::bigint_math::index(
                    &p[0],
                )?)));
            }
            let x = match (name, real(&p[0])) {
                ("trunc", Err(_)) => {
                    return Err(PyError::type_error(format!(
                        "type {} doesn't define __trunc__ method",
                        p[0].type_name()
                    )));
                }
                (_, x) => x?,
            };
            to_int(match name {
                "floor" => x.floor(),
                "ceil" => x.ceil(),
                _ => x.trunc(),
            })?
        }
        "isnan" | "isinf" | "isfinite" => {
            arity(name, args, 1)?;
            let x = real(&p[0])?;
            Value::Bool(match name {
                "isnan" => x.is_nan(),
                "isinf" => x.is_infinite(),
                _ => x.is_finite(),
            })
        }
        "log" => {
            if p.is_empty() || p.len() > 2 || !args.kw.is_empty() {
                return Err(PyError::type_error(format!(
                    "log expected at least 1 argument, got {}",
                    p.len()
                )));
            }
            let ln = |v: &Value| -> PyResult<f64> {
                if let Value::Int(_) | Value::BigInt(_) = v {
                    return super::bigint_math::log_of(&super::bigint_math::index(v)?, f64::ln);
                }
                let x = real(v)?;
                if x <= 0.0 {
                    return Err(domain());
                }
                Ok(x.ln())
            };
            let num = ln(&p[0])?;
            match p.get(1) {
                None => Value::Float(num),
                Some(b) => {
                    let den = ln(b)?;
                    if den == 0.0 {
                        return Err(PyError::new("ZeroDivisionError", "float division by zero"));
                    }
                    Value::Float(num / den)
                }
            }
        }
        "atan2" | "pow" | "copysign" | "fmod" => {
            arity(name, args, 2)?;
            let (x, y) = (real(&p[0])?, real(&p[1])?);
            match name {
                // `atan2(y, x)`: the first argument is the y coordinate.
                "atan2" => Value::Float(x.atan2(y)),
                "copysign" => Value::Float(x.copysign(y)),
                "fmod" => {
                    if y.is_infinite() && x.is_finite() {
                        return Ok(Some(Value::Float(x)));
                    }
                    let r = x % y;
                    if r.is_nan() && !x.is_nan() && !y.is_nan() {
                        return Err(domain());
                    }
                    Value::Float(r)
                }
                _ => {
                    if x == 0.0 && y < 0.0 {
                        return Err(domain());
                    }
                    let r = x.powf(y);
                    if r.is_nan() && !x.is_nan() && !y.is_nan() {
                        return Err(domain());
                    }
                    if r.is_infinite() && x.is_finite() && y.is_finite() {
                        return Err(range());
                    }
                    Value::Float(r)
                }
            }
        }
        "hypot" => {
            if !args.kw.is_empty() {
                return Err(PyError::type_error(
                    "math.hypot() takes no keyword arguments",
                ));
            }
            let xs: Vec<f64> = p.iter().map(real).collect::<PyResult<_>>()?;
            Value::Float(super::math_norm::norm_of(xs))
        }
        "dist" => {
            arity(name, args, 2)?;
            let a = crate::eval::protocol::iterate(&p[0])?;
            let b = crate::eval::protocol::iterate(&p[1])?;
            if a.len() != b.len() {
                return Err(PyError::value(
                    "both points must have the same number of dimensions",
                ));
            }
            let diffs: Vec<f64> = a
                .iter()
                .zip(&b)
                .map(|(x, y)| Ok(real(x)? - real(y)?))
                .collect::<PyResult<_>>()?;
            Value::Float(super::math_norm::norm_of(diffs))
        }
        "nextafter" => {
            arity(name, args, 2)?;
            Value::Float(super::math_ieee::nextafter(real(&p[0])?, real(&p[1])?))
        }
        "ulp" => {
            arity(name, args, 1)?;
            Value::Float(super::math_ieee::ulp(real(&p[0])?))
        }
        "remainder" => {
            arity(name, args, 2)?;
            let (x, y) = (real(&p[0])?, real(&p[1])?);
            let r = super::math_ieee::remainder(x, y);
            // CPython's `math_2`: a NaN from numbers is a domain error.
            if r.is_nan() && !x.is_nan() && !y.is_nan() {
                return Err(domain());
            }
            Value::Float(r)
        }
        "modf" => {
            arity(name, args, 1)?;
            let x = real(&p[0])?;
            let whole = if x.is_infinite() { x } else { x.trunc() };
            let frac = if x.is_infinite() {
                0.0f64.copysign(x)
            } else {
                (x - whole).copysign(x)
            };
            Value::tuple(vec![Value::Float(frac), Value::Float(whole)])
        }
        "frexp" => {
            arity(name, args, 1)?;
            let x = real(&p[0])?;
            if !x.is_finite() || x == 0.0 {
                Value::tuple(vec![Value::Float(x), Value::Int(0)])
            } else {
                let (m, e) = super::fdlibm::frexp(x);
                Value::tuple(vec![Value::Float(m), Value::Int(e as i128)])
            }
        }
        "ldexp" => {
            arity(name, args, 2)?;
            let x = real(&p[0])?;
            let n = index(&p[1])?;
            let r = super::fdlibm::ldexp(x, n.clamp(-100_000, 100_000) as i64);
            if r.is_infinite() && x.is_finite() {
                return Err(range());
            }
            Value::Float(r)
        }
        "isclose" => {
            if p.len() != 2 {
                return Err(PyError::type_error(format!(
                    "isclose() takes exactly 2 positional arguments ({} given)",
                    p.len()
                )));
            }
            let (a, b) = (real(&p[0])?, real(&p[1])?);
            let mut rel = 1e-9;
            let mut abs = 0.0;
            for (k, v) in &args.kw {
                match k.as_str() {
                    "rel_tol" => rel = real(v)?,
                    "abs_tol" => abs = real(v)?,
                    other => {
                        return Err(PyError::type_error(format!(
                            "isclose() got an unexpected keyword argument '{other}'"
                        )));
                    }
                }
            }
            if rel < 0.0 || abs < 0.0 {
                return Err(PyError::value("tolerances must be non-negative"));
            }
            Value::Bool(if a == b {
                true
            } else if a.is_infinite() || b.is_infinite() {
                false
            } else {
                let diff = (b - a).abs();
                (diff <= (rel * b).abs()) || (diff <= (rel * a).abs()) || diff <= abs
            })
        }
        "factorial" => {
            arity(name, args, 1)?;
            super::bigint_math::factorial(&super::bigint_math::index(&p[0])?)?
        }
        "gcd" | "lcm" => {
            let ns: Vec<_> = p
                .iter()
                .map(super::bigint_math::index)
                .collect::<PyResult<_>>()?;
            super::bigint_math::gcd_lcm(name == "gcd", &ns)
        }
        "comb" | "perm" => {
            let n = super::bigint_math::index(p.first().ok_or_else(|| {
                PyError::type_error(format!("{name} expected at least 1 argument, got 0"))
            })?)?;
            let k = match p.get(1) {
                Some(Value::None) | None if name == "perm" => n.clone(),
                Some(v) => super::bigint_math::index(v)?,
                None => {
                    return Err(PyError::type_error("comb expected 2 arguments, got 1"));
                }
            };
            super::bigint_math::comb_perm(name == "comb", &n, &k)?
        }
        "isqrt" => {
            arity(name, args, 1)?;
            super::bigint_math::isqrt(&super::bigint_math::index(&p[0])?)?
        }
        "fsum" => {
            arity(name, args, 1)?;
            let xs: Vec<f64> = crate::eval::protocol::iterate(&p[0])?
                .iter()
                .map(real)
                .collect::<PyResult<_>>()?;
            Value::Float(fsum(&xs)?)
        }
        _ => return Ok(None),
    }))
}

/// Shewchuk's exact summation, as CPython's `math.fsum` does it.
fn fsum(xs: &[f64]) -> PyResult<f64> {
    let mut partials: Vec<f64> = Vec::new();
    let mut special = 0.0;
    let mut inf_sum = 0.0;
    for &x0 in xs {
        let mut x = x0;
        if !x.is_finite() {
            if x.is_infinite() {
                inf_sum += x;
            }
            special += x;
            continue;
        }
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        if !x.is_finite() {
            return Err(PyError::new(
                "OverflowError",
                "intermediate overflow in fsum",
            ));
        }
        partials.truncate(i);
        partials.push(x);
    }
    if special != 0.0 {
        if inf_sum.is_nan() {
            return Err(PyError::value("-inf + inf in fsum"));
        }
        return Ok(special);
    }
    let mut hi = 0.0;
    let mut n = partials.len();
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(hi)
}
