//! The builtin types' class and static methods — `dict.fromkeys`,
//! `float.fromhex`, `int.from_bytes`, `str.maketrans` — which bind the
//! class, not an instance: read off the class (`dict.fromkeys("ab", 0)`)
//! or off an instance (`{}.fromkeys(...)`) they are the same function.
//! They travel as a `Value::Function` named `type.method`.

use num_bigint::{BigInt, BigUint, Sign};

use super::args::Args;
use super::error::{PyError, PyResult};
use super::value::Value;
use crate::eval::session::Session;

/// Each builtin type's class and static methods.
const CLASS_METHODS: &[(&str, &str)] = &[
    ("dict", "fromkeys"),
    ("float", "fromhex"),
    ("int", "from_bytes"),
    ("bool", "from_bytes"),
    ("str", "maketrans"),
];

/// `type.method` when `method` is one of `type`'s class methods, as the
/// function name a call dispatches on.
pub fn function_name(type_name: &str, method: &str) -> Option<String> {
    CLASS_METHODS
        .iter()
        .any(|(t, m)| *t == type_name && *m == method)
        .then(|| format!("{type_name}.{method}"))
}

/// Calls the class method `name` (`"dict.fromkeys"`); `None` for any other
/// function.
pub fn call(s: &mut Session, name: &str, args: &Args) -> PyResult<Option<Value>> {
    Ok(Some(match name {
        "dict.fromkeys" => {
            let keys = s.iterate_all(args.req(0, "iterable", "fromkeys")?)?;
            let value = args.get(1, "value").cloned().unwrap_or(Value::None);
            let mut entries = Vec::new();
            for k in keys {
                super::pycollections::dict_set(&mut entries, k, value.clone())?;
            }
            Value::Dict(std::rc::Rc::new(std::cell::RefCell::new(entries)))
        }
        "float.fromhex" => match args.req(0, "string", "fromhex")? {
            Value::Str(t) => Value::Float(float_fromhex(t)?),
            _ => {
                return Err(PyError::type_error(
                    "bad argument type for built-in operation",
                ));
            }
        },
        "int.from_bytes" => int_from_bytes(s, args)?,
        // `bool(int.from_bytes(...))`, as `cls(value)` makes it.
        "bool.from_bytes" => {
            let n = int_from_bytes(s, args)?;
            Value::Bool(crate::eval::protocol::truthy(&n)?)
        }
        "str.maketrans" => maketrans(args)?,
        _ => return Ok(None),
    }))
}

/// `float.fromhex(text)`: `[sign]['0x']digits['.'digits]['p'exponent]`,
/// `inf`/`infinity`/`nan`, rounded half to even like any float literal.
fn float_fromhex(text: &str) -> PyResult<f64> {
    let invalid = || PyError::value("invalid hexadecimal floating-point string");
    let t = text.trim();
    let (negative, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let signed = |x: f64| if negative { -x } else { x };
    match t.to_ascii_lowercase().as_str() {
        "inf" | "infinity" => return Ok(signed(f64::INFINITY)),
        "nan" => return Ok(f64::NAN),
        _ => {}
    }
    let t = t
        .strip_prefix("0x")
        .or_else(|| t.strip_prefix("0X"))
        .unwrap_or(t);
    let (mantissa, exponent) = match t.find(['p', 'P']) {
        Some(at) => {
            let e = &t[at + 1..];
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid());
            }
            // An exponent past any float's range saturates.
            (
                &t[..at],
                e.parse::<i64>().unwrap_or(if e.starts_with('-') {
                    -1 << 40
                } else {
                    1 << 40
                }),
            )
        }
        None => (t, 0),
    };
    let (int_digits, frac_digits) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int_digits}{frac_digits}");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(invalid());
    }
    let m = BigUint::parse_bytes(digits.as_bytes(), 16).ok_or_else(invalid)?;
    let e = exponent.saturating_sub(4 * frac_digits.len() as i64);
    Ok(signed(scale_exact(&m, e)?))
}

/// `m * 2**e` rounded half to even to the nearest float (subnormals
/// included); past the largest float CPython's OverflowError.
fn scale_exact(m: &BigUint, e: i64) -> PyResult<f64> {
    let bits = m.bits() as i64;
    if bits == 0 {
        return Ok(0.0);
    }
    let too_large = || PyError::overflow("hexadecimal value too large to represent as a float");
    let top = bits.saturating_add(e);
    if top > 1024 {
        return Err(too_large());
    }
    // The value's last kept bit: 53 below its top, never below 2**-1074.
    let q = (top - 53).max(-1074);
    let kept: u64 = if q > e {
        let shift = (q - e) as u64;
        let r = m >> shift;
        let rest = m - (&r << shift);
        let half = BigUint::from(1u8) << (shift - 1);
        let up = rest > half || (rest == half && r.bit(0));
        u64::try_from(r).unwrap_or(u64::MAX) + u64::from(up)
    } else {
        u64::try_from(m << (e - q) as u64).unwrap_or(u64::MAX)
    };
    // Two exact power-of-two steps keep every intermediate normal.
    let (q1, q2) = (q / 2, q - q / 2);
    let x = kept as f64 * 2f64.powi(q1 as i32) * 2f64.powi(q2 as i32);
    if x.is_infinite() {
        return Err(too_large());
    }
    Ok(x)
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`.
fn int_from_bytes(s: &mut Session, args: &Args) -> PyResult<Value> {
    let data: Vec<u8> = match args.req(0, "bytes", "from_bytes")? {
        Value::Bytes(b) => b.to_vec(),
        Value::Str(_) => {
            return Err(PyError::type_error("cannot convert 'str' object to bytes"));
        }
        other => {
            s.iterate_all(other)?
                .iter()
                .map(|v| match super::seq_index::operator_index(v) {
                    Some(Value::Int(i)) => u8::try_from(i)
                        .map_err(|_| PyError::value("bytes must be in range(0, 256)")),
                    _ => Err(PyError::type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        v.type_name()
                    ))),
                })
                .collect::<PyResult<_>>()?
        }
    };
    let little = match args.get(1, "byteorder") {
        None => false,
        Some(Value::Str(o)) if &**o == "big" => false,
        Some(Value::Str(o)) if &**o == "little" => true,
        Some(Value::Str(_)) => {
            return Err(PyError::value("byteorder must be either 'little' or 'big'"));
        }
        Some(other) => {
            return Err(PyError::type_error(format!(
                "from_bytes() argument 'byteorder' must be str, not {}",
                other.type_name()
            )));
        }
    };
    let signed = args
        .kw("signed")
        .map(crate::eval::protocol::truthy)
        .transpose()?
        .unwrap_or(false);
    let n = if little {
        BigInt::from_signed_bytes_le(&data)
    } else {
        BigInt::from_signed_bytes_be(&data)
    };
    let n = if signed || data.is_empty() {
        n
    } else if little {
        BigInt::from_bytes_le(Sign::Plus, &data)
    } else {
        BigInt::from_bytes_be(Sign::Plus, &data)
    };
    Ok(super::bigint::value(n))
}

/// `str.maketrans(x[, y[, z]])`: a dict from code points to what
/// `translate` puts in their place.
fn maketrans(args: &Args) -> PyResult<Value> {
    let code = |c: char| Value::Int(i128::from(c as u32));
    let mut entries = Vec::new();
    match (args.pos.first(), args.pos.get(1), args.pos.get(2)) {
        (Some(Value::Dict(d)), None, None) => {
            for (k, v) in d.borrow().iter() {
                let key = match k {
                    Value::Str(t) => {
                        let mut cs = t.chars();
                        match (cs.next(), cs.next()) {
                            (Some(c), None) => code(c),
                            _ => {
                                return Err(PyError::value(
                                    "string keys in translate table must be of length 1",
                                ));
                            }
                        }
                    }
                    Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => k.clone(),
                    _ => {
                        return Err(PyError::type_error(
                            "keys in translate table must be strings or integers",
                        ));
                    }
                };
                super::pycollections::dict_set(&mut entries, key, v.clone())?;
            }
        }
        (Some(_), None, None) => {
            return Err(PyError::type_error(
                "if you give only one argument to maketrans it must be a dict",
            ));
        }
        (Some(x), Some(y), z) => {
            let text = |v: &Value, i: usize| match v {
                Value::Str(t) => Ok(t.clone()),
                other => Err(PyError::type_error(format!(
                    "maketrans() argument {i} must be str, not {}",
                    other.type_name()
                ))),
            };
            let y = text(y, 2)?;
            let z = z.map(|z| text(z, 3)).transpose()?;
            let Value::Str(x) = x else {
                return Err(PyError::type_error(
                    "first maketrans argument must be a string if there is a second argument",
                ));
            };
            if x.chars().count() != y.chars().count() {
                return Err(PyError::value(
                    "the first two maketrans arguments must have equal length",
                ));
            }
            for (a, b) in x.chars().zip(y.chars()) {
                super::pycollections::dict_set(&mut entries, code(a), code(b))?;
            }
            if let Some(z) = z {
                for c in z.chars() {
                    super::pycollections::dict_set(&mut entries, code(c), Value::None)?;
                }
            }
        }
        _ => {
            return Err(PyError::type_error(format!(
                "maketrans() takes at least 1 argument ({} given)",
                args.pos.len()
            )));
        }
    }
    Ok(Value::Dict(std::rc::Rc::new(std::cell::RefCell::new(
        entries,
    ))))
}
