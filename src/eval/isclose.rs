//! `np.isclose` and `np.allclose`, written as NumPy writes them
//! (`numpy/_core/numeric.py`): `abs(x - y) <= atol + rtol * abs(y)` where
//! `y` is finite, or `x == y`, in the session's own ufuncs. So the
//! arithmetic happens in the arrays' dtype under NEP 50 (float32 stays
//! float32 against a Python float), complex numbers compare by modulus,
//! timedeltas work, and `rtol`/`atol` may be arrays.

use crate::syntax::ast::{BinOp, CmpOp};

use super::args::Args;
use super::error::PyResult;
use super::session::Session;
use super::value::Value;

/// `np.isclose(...)` or `np.allclose(...)`, bound by the registry.
pub(super) fn call(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    let get = |i: usize, p: &str, default: Value| args.get(i, p).cloned().unwrap_or(default);
    let (a, y) = (
        args.req(0, "a", name)?.clone(),
        args.req(1, "b", name)?.clone(),
    );
    let rtol = get(2, "rtol", Value::Float(1e-5));
    let atol = get(3, "atol", Value::Float(1e-8));
    let equal_nan = match args.get(4, "equal_nan") {
        Some(v) => s.truth_of(v)?,
        None => false,
    };
    let saved = super::fp_errors::modes();
    // `with errstate(invalid='ignore')`: `inf - inf` says nothing.
    let quiet = saved.with(None, &[("invalid", Some(&Value::str("ignore")))])?;
    super::fp_errors::set_modes(quiet);
    let result = isclose(s, a, y, rtol, atol, equal_nan);
    super::fp_errors::set_modes(saved);
    let result = result?;
    if name == "isclose" {
        return Ok(result);
    }
    // `bool(all(isclose(...)))`.
    let all = s.np("all", vec![result], vec![])?;
    Ok(Value::Bool(s.truth_of(&all)?))
}

/// Python's own numbers stay as they are (weak under NEP 50), anything
/// else becomes an array.
fn operand(s: &mut Session, v: Value) -> PyResult<Value> {
    let python_number = matches!(
        v,
        Value::Int(_) | Value::Bool(_) | Value::Float(_) | Value::Complex(..)
    ) || super::isinstance::isinstance(
        &v,
        &Value::Type(super::value::TypeObj::Builtin("float")),
    ) || super::isinstance::isinstance(
        &v,
        &Value::Type(super::value::TypeObj::Builtin("complex")),
    );
    if python_number {
        return Ok(v);
    }
    s.np("asanyarray", vec![v], vec![])
}

fn isclose(
    s: &mut Session,
    a: Value,
    b: Value,
    rtol: Value,
    atol: Value,
    equal_nan: bool,
) -> PyResult<Value> {
    let x = operand(s, a)?;
    let mut y = operand(s, b)?;
    let atol = operand(s, atol)?;
    let rtol = operand(s, rtol)?;
    // `y` made inexact (not a timedelta), so `abs(y)` cannot overflow.
    let timedelta = |v: &Value| {
        matches!(v, Value::Array(a) if matches!(a.dtype(), crate::engine::DType::Time(_, true)))
            || matches!(v, Value::NpScalar(crate::engine::DType::Time(_, true), _))
    };
    match &y {
        Value::Int(i) => y = Value::Float(*i as f64),
        Value::Bool(b) => y = Value::Float(f64::from(u8::from(*b))),
        Value::Array(_) | Value::NpScalar(..) if !timedelta(&y) => {
            let dt = s.np("result_type", vec![y.clone(), Value::Float(1.0)], vec![])?;
            y = s.np("asanyarray", vec![y], vec![("dtype", dt)])?;
        }
        _ => {}
    }
    // Python's `abs`: a Python number stays one (weak under NEP 50, so
    // `rtol * abs(2.0)` does not turn a float32 comparison into float64).
    let abs = |s: &mut Session, v: Value| match v {
        Value::Float(f) => Ok(Value::Float(f.abs())),
        Value::Int(i) => Ok(Value::Int(i.abs())),
        Value::Bool(b) => Ok(Value::Int(i128::from(b))),
        Value::Complex(re, im) => Ok(Value::Float(re.hypot(im))),
        other => s.np("absolute", vec![other], vec![]),
    };
    let diff = s.binary(BinOp::Sub, &x, &y)?;
    let lhs = abs(s, diff)?;
    let ay = abs(s, y.clone())?;
    let scaled = s.binary(BinOp::Mul, &rtol, &ay)?;
    let rhs = s.binary(BinOp::Add, &atol, &scaled)?;
    let within = s.np("less_equal", vec![lhs, rhs], vec![])?;
    let finite = s.np("isfinite", vec![y.clone()], vec![])?;
    let near = s.binary(BinOp::BitAnd, &within, &finite)?;
    let same = s.compare(CmpOp::Eq, &x, &y)?;
    let mut result = s.binary(BinOp::BitOr, &near, &same)?;
    if equal_nan {
        let xn = s.np("isnan", vec![x], vec![])?;
        let yn = s.np("isnan", vec![y], vec![])?;
        let both = s.binary(BinOp::BitAnd, &xn, &yn)?;
        result = s.binary(BinOp::BitOr, &result, &both)?;
    }
    // `result[()]`: a 0-d result becomes a scalar.
    s.getitem(&result, &Value::tuple(vec![]))
}
