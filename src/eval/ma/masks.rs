//! Making and combining masks, and arrays that are all mask:
//! `make_mask`, `make_mask_none`, `mask_or`, `flatten_mask` (core.py)
//! and `masked_all`, `masked_all_like` (extras.py), NumPy 2.4.6's
//! Python replayed. Structured masks are refused.

use crate::engine::{DType, Scalar};

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::core::{any, array_of};
use crate::eval::args::Args;
use crate::eval::object::{Masked, as_masked, is_masked_constant};
use crate::eval::protocol::truthy;
use crate::eval::session::Session;

/// `nomask` (`np.False_`).
pub fn nomask() -> Value {
    Value::NpScalar(DType::Bool, Scalar::Bool(false))
}

/// Whether `v` is `nomask` itself (`v is nomask`).
pub fn is_nomask(v: &Value) -> bool {
    matches!(v, Value::NpScalar(DType::Bool, Scalar::Bool(false)))
}

fn no_structured(v: &Value) -> PyResult<()> {
    if let Value::Array(a) = v
        && matches!(a.dtype().native(), DType::Record(..))
    {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.ma does not implement structured masks",
        ));
    }
    Ok(())
}

/// `make_mask(m, copy, shrink)` with the bool dtype: `filled(m, True)`
/// as a bool array, `nomask` when shrunk and nothing is set.
pub fn make_mask(s: &mut Session, m: &Value, copy: bool, shrink: bool) -> PyResult<Value> {
    if is_nomask(m) {
        return Ok(nomask());
    }
    no_structured(m)?;
    let filled = match as_masked(m) {
        Some(x) => Value::Array(super::core::filled(s, x, Some(Value::Bool(true)))?),
        None if is_masked_constant(m) => Value::Bool(true),
        None => m.clone(),
    };
    let c = if copy { Value::Bool(true) } else { Value::None };
    let r = array_of(s.np(
        "array",
        vec![filled],
        vec![("copy", c), ("dtype", Value::DType(DType::Bool))],
    )?)?;
    if shrink && !any(&r) {
        return Ok(nomask());
    }
    Ok(Value::Array(r))
}

fn flag(args: &Args, name: &str, default: bool) -> PyResult<bool> {
    match args.kw(name) {
        Some(v) => truthy(v),
        None => Ok(default),
    }
}

/// `np.ma.make_mask(m, copy=False, shrink=True, dtype=MaskType)`.
pub fn make_mask_call(s: &mut Session, args: &Args) -> PyResult<Value> {
    let m = args.kw("m").cloned().unwrap_or(Value::None);
    make_mask(
        s,
        &m,
        flag(args, "copy", false)?,
        flag(args, "shrink", true)?,
    )
}

/// `np.ma.make_mask_none(newshape, dtype=None)`.
pub fn make_mask_none(s: &mut Session, args: &Args) -> PyResult<Value> {
    let shape = args.kw("newshape").cloned().unwrap_or(Value::None);
    s.np(
        "zeros",
        vec![shape],
        vec![("dtype", Value::DType(DType::Bool))],
    )
}

/// `getattr(m, 'dtype', None)` as NumPy would print it in the message.
fn dtype_text(v: &Value) -> Option<String> {
    match v {
        Value::Array(a) => Some(a.dtype().name()),
        Value::NpScalar(d, _) => Some(d.name()),
        other => as_masked(other).map(|m| m.data.dtype().name()),
    }
}

/// `np.ma.mask_or(m1, m2, copy=False, shrink=True)`.
pub fn mask_or(s: &mut Session, args: &Args) -> PyResult<Value> {
    let m1 = args.kw("m1").cloned().unwrap_or(Value::None);
    let m2 = args.kw("m2").cloned().unwrap_or(Value::None);
    let copy = flag(args, "copy", false)?;
    let shrink = flag(args, "shrink", true)?;
    // `m is nomask or m is False`.
    let off = |v: &Value| is_nomask(v) || matches!(v, Value::Bool(false));
    if off(&m1) {
        return make_mask(s, &m2, copy, shrink);
    }
    if off(&m2) {
        return make_mask(s, &m1, copy, shrink);
    }
    if let (Value::Array(a), Value::Array(b)) = (&m1, &m2)
        && std::rc::Rc::ptr_eq(a, b)
        && a.dtype().native() == DType::Bool
    {
        return Ok(if shrink && !any(a) { nomask() } else { m1 });
    }
    let (d1, d2) = (dtype_text(&m1), dtype_text(&m2));
    if d1 != d2 {
        let show = |d: Option<String>| d.unwrap_or_else(|| "None".into());
        return Err(PyError::value(format!(
            "Incompatible dtypes '{}'<>'{}'",
            show(d1),
            show(d2)
        )));
    }
    if d1.is_none() {
        return Err(PyError::attribute("NoneType", "names"));
    }
    no_structured(&m1)?;
    let or = s.np("logical_or", vec![m1, m2], vec![])?;
    make_mask(s, &or, copy, shrink)
}

/// `np.ma.flatten_mask(mask)` for a plain (not structured) mask: the
/// values as a flat bool array.
pub fn flatten_mask(s: &mut Session, args: &Args) -> PyResult<Value> {
    let mask = args.kw("mask").cloned().unwrap_or(Value::None);
    let a = s.np("asarray", vec![mask], vec![])?;
    no_structured(&a)?;
    let flat = s.np("ravel", vec![a], vec![])?;
    s.np(
        "array",
        vec![flat],
        vec![("dtype", Value::DType(DType::Bool))],
    )
}

/// `np.ma.masked_all(shape, dtype=float)`: every element masked.
pub fn masked_all(s: &mut Session, args: &Args) -> PyResult<Value> {
    let shape = args.kw("shape").cloned().unwrap_or(Value::None);
    let dtype = args
        .kw("dtype")
        .cloned()
        .unwrap_or(Value::DType(DType::Float64));
    let data = s.np("empty", vec![shape.clone(), dtype], vec![])?;
    let mask = s.np(
        "ones",
        vec![shape],
        vec![("dtype", Value::DType(DType::Bool))],
    )?;
    no_structured(&data)?;
    s.call_registered(
        "np.ma.array",
        Args {
            pos: vec![data],
            kw: vec![("mask".into(), mask)],
        },
    )
}

/// `np.ma.masked_all_like(arr)`: `np.empty_like(arr)` viewed as a
/// masked array, with a full mask.
pub fn masked_all_like(s: &mut Session, args: &Args) -> PyResult<Value> {
    let arr = args.kw("arr").cloned().unwrap_or(Value::None);
    if as_masked(&arr).is_some() {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement masked_all_like of a masked array yet",
        ));
    }
    let data = array_of(s.np("empty_like", vec![arr], vec![])?)?;
    no_structured(&Value::Array(data.clone()))?;
    super::core::default_fill(data.dtype())?;
    let shape = Value::tuple(
        data.shape()
            .iter()
            .map(|&n| Value::Int(n as i128))
            .collect(),
    );
    let mask = array_of(s.np(
        "ones",
        vec![shape],
        vec![("dtype", Value::DType(DType::Bool))],
    )?)?;
    Ok(Masked::new(data, Some(mask)).into_value())
}

/// `np.ma.fix_invalid(a, mask=nomask, copy=True, fill_value=None)`: NaN
/// and infinities masked (`a._mask |= invalid`, in place) and their data
/// set to the fill value.
pub fn fix_invalid(s: &mut Session, args: &Args) -> PyResult<Value> {
    let a = args.kw("a").cloned().unwrap_or(Value::None);
    let copy = flag(args, "copy", true)?;
    let out = match as_masked(&a) {
        Some(m) => {
            if args.kw("mask").is_some() {
                return Err(PyError::new(
                    "NotImplementedError",
                    "slicelab does not implement fix_invalid(mask=...) of a masked array yet",
                ));
            }
            let (data, mask) = if copy {
                let k = match m.mask() {
                    Some(k) => Some(k.copy_kept()?),
                    None => None,
                };
                (m.data.copy_kept()?, k)
            } else {
                (super::core::view(&m.data), m.mask())
            };
            Masked::new(data, mask).update_from(m).into_value()
        }
        None => {
            let mut kw = vec![("copy".to_string(), Value::Bool(copy))];
            if let Some(k) = args.kw("mask") {
                kw.push(("mask".into(), k.clone()));
            }
            s.call_registered("np.ma.array", Args { pos: vec![a], kw })?
        }
    };
    let Some(m) = as_masked(&out) else {
        return Ok(out);
    };
    let fin = s.np("isfinite", vec![Value::Array(m.data.clone())], vec![])?;
    let invalid = array_of(s.np("logical_not", vec![fin], vec![])?)?;
    if !any(&invalid) {
        return Ok(out);
    }
    match m.mask() {
        None => *m.mask.borrow_mut() = Some(invalid.clone()),
        Some(k) => {
            s.np(
                "logical_or",
                vec![Value::Array(k.clone()), Value::Array(invalid.clone())],
                vec![("out", Value::Array(k))],
            )?;
        }
    }
    let fill = match args.kw("fill_value") {
        Some(v) if !matches!(v, Value::None) => v.clone(),
        _ => {
            let (dt, v) = m.fill_value()?;
            Value::NpScalar(dt, v)
        }
    };
    s.setitem(&Value::Array(m.data.clone()), &Value::Array(invalid), &fill)?;
    Ok(out)
}
