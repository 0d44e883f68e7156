//! `np.float32(x)`, `np.int8(x)`, `np.complex128(re, im)`: the arguments
//! NumPy's number types read the way Python's `int`, `float` and
//! `complex` do (text and bytes parsed, `None` a NaN for the inexact
//! types), before the value is cast to the type. Arrays, lists and plain
//! numbers are left to the caller's general path.

use crate::engine::Scalar;
use crate::engine::dtype::{DType, Kind};

use super::args::Args;
use super::error::{PyError, PyResult};
use super::session::Session;
use super::value::{TypeObj, Value};

/// The scalar `np.DT(args)` makes when its arguments need Python's own
/// reading first; `None` when the general path takes them as they are.
pub fn special(s: &mut Session, dt: &DType, args: &Args) -> PyResult<Option<Value>> {
    let first = args.pos.first();
    let second = args.pos.get(1);
    if dt.kind() == Kind::Complex
        && let (Some(re), Some(im)) = (first, second)
    {
        let part = |v: &Value| real_part(v, first, second);
        let z = Value::Complex(part(re)?, part(im)?);
        return scalar(dt, &z).map(Some);
    }
    let Some(first) = first else {
        return Ok(None);
    };
    let made = match (dt.kind(), first) {
        (Kind::Float, Value::None) => Value::Float(f64::NAN),
        (Kind::Complex, Value::None) => Value::Complex(f64::NAN, f64::NAN),
        (Kind::Bool, Value::None) => Value::Bool(false),
        (Kind::Bool, v @ (Value::Str(_) | Value::Bytes(_))) => Value::Bool(s.truth_of(v)?),
        (kind, v) => match text_of(v) {
            Some((text, shown)) => match kind {
                Kind::Int | Kind::UInt => super::int_parse::parse_in(&text, 10).map_err(|e| {
                    PyError::new(
                        &e.kind,
                        e.message
                            .replace(&crate::render::scalar_repr::py_str_repr(&text), &shown),
                    )
                })?,
                Kind::Float => {
                    Value::Float(super::numpy::float_from_text(&text, || shown.clone())?)
                }
                Kind::Complex => {
                    let (re, im) = super::py_complex::parse(&text)?;
                    Value::Complex(re, im)
                }
                _ => return Ok(None),
            },
            None => return Ok(None),
        },
    };
    if matches!(made, Value::Int(_)) {
        // Integers go through the general path's range check.
        let t = TypeObj::NpScalar(dt.clone());
        let args = Args {
            pos: vec![made],
            kw: vec![],
        };
        return super::numpy::construct(s, &t, args).map(Some);
    }
    scalar(dt, &made).map(Some)
}

/// `(text, its repr)` of a str or bytes argument (NumPy's own string
/// scalars too); bytes are read as Latin-1, as CPython's parsers see them.
fn text_of(v: &Value) -> Option<(String, String)> {
    use crate::render::scalar_repr::{py_bytes_repr, py_str_repr};
    match v {
        Value::Str(t) => Some((t.to_string(), py_str_repr(t))),
        Value::NpScalar(_, Scalar::Str(t)) => Some((t.clone(), py_str_repr(t))),
        Value::Bytes(b) => Some((crate::engine::element::latin1_text(b), py_bytes_repr(b))),
        Value::NpScalar(_, Scalar::Bytes(b)) => {
            Some((crate::engine::element::latin1_text(b), py_bytes_repr(b)))
        }
        _ => None,
    }
}

/// One part of `np.complex128(re, im)`: a real number, or a 0-d array
/// holding one; anything else is NumPy's refusal naming both arguments.
fn real_part(v: &Value, re: Option<&Value>, im: Option<&Value>) -> PyResult<f64> {
    let refuse = || {
        let pair = Value::tuple(vec![
            re.cloned().unwrap_or(Value::None),
            im.cloned().unwrap_or(Value::None),
        ]);
        PyError::type_error(format!(
            "Could not convert arguments into a complex scalar. '{}' given.",
            super::display::repr(&pair, &Default::default())
        ))
    };
    match v {
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => super::coerce::float_arg(v),
        Value::NpScalar(dt, _) if dt.is_numeric() && dt.kind() != Kind::Complex => {
            super::coerce::float_arg(v)
        }
        Value::Array(a) if a.ndim() > 0 => Err(PyError::type_error(
            "only 0-dimensional arrays can be converted to Python scalars",
        )),
        Value::Array(a) if a.dtype().is_numeric() && a.dtype().kind() != Kind::Complex => {
            Ok(crate::engine::element::scalar_as_f64(&a.first()))
        }
        _ => Err(refuse()),
    }
}

/// `v` (a Python number) cast to scalar type `dt`.
fn scalar(dt: &DType, v: &Value) -> PyResult<Value> {
    let sc = super::convert::to_scalar_for(v, dt)?;
    let arr = crate::engine::NdArray::from_scalars(&[], dt.clone(), &[sc])?;
    Ok(Value::NpScalar(dt.clone(), arr.first()))
}
