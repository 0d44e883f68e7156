//! `np.ma.allequal` and `np.ma.allclose` (core.py, NumPy 2.4.6): the
//! comparison of the data where neither side is masked, the masked
//! places counting as `fill_value` / `masked_equal`. Worked on the data
//! and the OR of the masks, which is what core.py's masked operations
//! reduce to once `filled` has replaced every masked slot.

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::core::{any, array_of, getdata, getmask};
use super::masks::{is_nomask, make_mask};
use crate::eval::args::Args;
use crate::eval::protocol::truthy;
use crate::eval::session::Session;

/// `mask_or(getmask(a), getmask(b))` as an array, or `None` (`nomask`).
fn joint_mask(s: &mut Session, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    let m = match (getmask(a), getmask(b)) {
        (None, None) => return Ok(None),
        (Some(x), None) | (None, Some(x)) => make_mask(s, &Value::Array(x), false, true)?,
        (Some(x), Some(y)) => {
            let or = s.np("logical_or", vec![Value::Array(x), Value::Array(y)], vec![])?;
            make_mask(s, &or, false, true)?
        }
    };
    Ok(if is_nomask(&m) { None } else { Some(m) })
}

/// `np.ma.allequal(a, b, fill_value=True)`.
pub fn allequal(s: &mut Session, args: &Args) -> PyResult<Value> {
    let a = args.kw("a").cloned().unwrap_or(Value::None);
    let b = args.kw("b").cloned().unwrap_or(Value::None);
    let fill = match args.kw("fill_value") {
        Some(v) => truthy(v)?,
        None => true,
    };
    let m = joint_mask(s, &a, &b)?;
    let (x, y) = (Value::Array(getdata(&a)?), Value::Array(getdata(&b)?));
    match m {
        None => {
            let d = s.np("equal", vec![x, y], vec![])?;
            s.np("all", vec![d], vec![])
        }
        Some(m) if fill => {
            let d = s.np("equal", vec![x, y], vec![])?;
            // `array(d, mask=m).filled(True).all(None)`.
            let d = s.np("logical_or", vec![d, m], vec![])?;
            s.np("all", vec![d], vec![])
        }
        Some(_) => Ok(Value::Bool(false)),
    }
}

fn all(s: &mut Session, v: Value) -> PyResult<bool> {
    let r = s.np("all", vec![v], vec![])?;
    truthy(&r)
}

/// `filled(less_equal(absolute(x - y), atol + rtol * absolute(y)),
/// masked_equal)` then `np.all`.
fn close(
    s: &mut Session,
    x: Value,
    y: Value,
    m: &Option<Value>,
    masked_equal: bool,
    rtol: &Value,
    atol: &Value,
) -> PyResult<Value> {
    let d = super::ops::ignoring(true, || {
        let diff = s.np("subtract", vec![x, y.clone()], vec![])?;
        let lhs = s.np("absolute", vec![diff], vec![])?;
        let ay = s.np("absolute", vec![y], vec![])?;
        let t = s.np("multiply", vec![rtol.clone(), ay], vec![])?;
        let rhs = s.np("add", vec![atol.clone(), t], vec![])?;
        s.np("less_equal", vec![lhs, rhs], vec![])
    })?;
    let d = match m {
        None => d,
        Some(k) => s.np(
            "where",
            vec![k.clone(), Value::Bool(masked_equal), d],
            vec![],
        )?,
    };
    s.np("all", vec![d], vec![])
}

/// `np.ma.allclose(a, b, masked_equal=True, rtol=1e-05, atol=1e-08)`.
pub fn allclose(s: &mut Session, args: &Args) -> PyResult<Value> {
    let a = args.kw("a").cloned().unwrap_or(Value::None);
    let b = args.kw("b").cloned().unwrap_or(Value::None);
    let masked_equal = match args.kw("masked_equal") {
        Some(v) => truthy(v)?,
        None => true,
    };
    let rtol = args.kw("rtol").cloned().unwrap_or(Value::Float(1e-5));
    let atol = args.kw("atol").cloned().unwrap_or(Value::Float(1e-8));
    let xd = getdata(&a)?;
    let mut yd = getdata(&b)?;
    for d in [&xd, &yd] {
        super::core::default_fill(d.dtype())?;
    }
    // `y` made inexact: `np.result_type(y, 1.)`.
    let dt = s.np(
        "result_type",
        vec![Value::Array(yd.clone()), Value::Float(1.0)],
        vec![],
    )?;
    if let Value::DType(d) = &dt
        && d != yd.dtype()
    {
        yd = array_of(s.np("asarray", vec![Value::Array(yd)], vec![("dtype", dt)])?)?;
    }
    let m = joint_mask(s, &a, &b)?;
    let not_m = match &m {
        Some(k) => Some(s.np("logical_not", vec![k.clone()], vec![])?),
        None => None,
    };
    let ym = getmask(&b);
    let mut xinf = s.np("isinf", vec![Value::Array(xd.clone())], vec![])?;
    if let Some(nm) = &not_m {
        xinf = s.np("logical_and", vec![xinf, nm.clone()], vec![])?;
    }
    let mut yinf = s.np("isinf", vec![Value::Array(yd.clone())], vec![])?;
    if let Some(k) = ym {
        let nk = s.np("logical_not", vec![Value::Array(k)], vec![])?;
        yinf = s.np("logical_and", vec![yinf, nk], vec![])?;
    }
    let same = s.np("equal", vec![xinf.clone(), yinf], vec![])?;
    if !all(s, same)? {
        return Ok(Value::Bool(false));
    }
    let xinf_a = array_of(xinf.clone())?;
    if !any(&xinf_a) {
        return close(
            s,
            Value::Array(xd),
            Value::Array(yd),
            &m,
            masked_equal,
            &rtol,
            &atol,
        );
    }
    if xd.shape() != yd.shape()
        || m.as_ref()
            .is_some_and(|k| !matches!(k, Value::Array(a) if a.shape() == xd.shape()))
    {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement np.ma.allclose with infinities and broadcasting yet",
        ));
    }
    let (x, y) = (Value::Array(xd), Value::Array(yd));
    let xi = s.getitem(&x, &xinf)?;
    let yi = s.getitem(&y, &xinf)?;
    let eq = s.np("equal", vec![xi, yi], vec![])?;
    if !all(s, eq)? {
        return Ok(Value::Bool(false));
    }
    let keep = s.np("logical_not", vec![xinf], vec![])?;
    let x = s.getitem(&x, &keep)?;
    let y = s.getitem(&y, &keep)?;
    let m = match m {
        Some(k) => Some(s.getitem(&k, &keep)?),
        None => None,
    };
    close(s, x, y, &m, masked_equal, &rtol, &atol)
}
