//! `MaskedArray.argsort` and `.sort` (`numpy/ma/core.py`): the data filled
//! so masked values sort to the end, then sorted as an ndarray. Apart from
//! the set routines: the methods are reached from `attrs.rs`, and sorting
//! in place writes back through its `setitem`.

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::core::array_of;
use crate::eval::args::Args;
use crate::eval::object::Masked;
use crate::eval::protocol::truthy;
use crate::eval::session::Session;

fn refuse_stable(a: &Args) -> PyResult<()> {
    if let Some(st) = a.kw("stable")
        && truthy(st)?
    {
        return Err(PyError::value(
            "`stable` parameter is not supported for masked arrays.",
        ));
    }
    Ok(())
}

/// `MaskedArray.argsort(axis, kind, order, endwith, fill_value)`: the data
/// filled (NaN for floats sorted last, else the dtype's extreme) and
/// argsorted as an ndarray.
pub fn argsort(s: &mut Session, m: &Masked, a: &Args) -> PyResult<Value> {
    refuse_stable(a)?;
    let axis = match a.kw("axis") {
        Some(v) => v.clone(),
        None if m.data.ndim() <= 1 => Value::Int(-1),
        None => {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab does not implement MaskedArray.argsort() of a 2-d or larger array without axis= (NumPy warns and sorts the flattened array)",
            ));
        }
    };
    let endwith = match a.kw("endwith") {
        Some(v) => truthy(v)?,
        None => true,
    };
    let fill = super::more::sort_fill(m.data.dtype(), endwith, a.kw("fill_value"))?;
    let filled = super::core::filled(s, m, Some(fill))?;
    let mut kw = vec![("axis".to_string(), axis)];
    for k in ["kind", "order"] {
        if let Some(v) = a.kw(k) {
            kw.push((k.to_string(), v.clone()));
        }
    }
    s.call_method_registered(&Value::Array(filled), "argsort", Args { pos: vec![], kw })
}

/// `MaskedArray.sort(...)` in place: without a mask the data sorts as an
/// ndarray; otherwise `self[...] = take_along_axis(self, argsort(...))`.
pub fn sort_in_place(s: &mut Session, obj: &Value, m: &Masked, a: &Args) -> PyResult<Value> {
    refuse_stable(a)?;
    let axis = a.kw("axis").cloned().unwrap_or(Value::Int(-1));
    let Some(k) = m.mask() else {
        let mut kw = vec![("axis".to_string(), axis)];
        for key in ["kind", "order"] {
            if let Some(v) = a.kw(key) {
                kw.push((key.to_string(), v.clone()));
            }
        }
        s.call_method_registered(
            &Value::Array(m.data.clone()),
            "sort",
            Args { pos: vec![], kw },
        )?;
        return Ok(Value::None);
    };
    let mut kw = a.kw.clone();
    kw.retain(|(k, _)| k != "axis");
    kw.push(("axis".into(), axis.clone()));
    let sidx = argsort(s, m, &Args { pos: vec![], kw })?;
    let (d, km, axis) = if matches!(axis, Value::None) {
        (
            s.np("ravel", vec![Value::Array(m.data.clone())], vec![])?,
            s.np("ravel", vec![Value::Array(k)], vec![])?,
            Value::Int(0),
        )
    } else {
        (Value::Array(m.data.clone()), Value::Array(k), axis)
    };
    let d = s.np(
        "take_along_axis",
        vec![d, sidx.clone(), axis.clone()],
        vec![],
    )?;
    let km = s.np("take_along_axis", vec![km, sidx, axis], vec![])?;
    let sorted = Masked::new(array_of(d)?, Some(array_of(km)?)).into_value();
    super::attrs::setitem(s, obj, &Value::Ellipsis, &sorted)?;
    Ok(Value::None)
}
