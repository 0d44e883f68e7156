//! Writing into a masked array in place: `MaskedArray.put` (and
//! `np.ma.put`), `np.ma.putmask`, `m.shape = ...`, and the shifts
//! `np.ma.left_shift` / `right_shift`, each replaying
//! `numpy/ma/core.py` (2.4.6) line by line. Every write goes through
//! slicelab's own `ndarray.put` / `np.copyto`, so the write log sees it.

use crate::engine::{ArrayRef, DType, Scalar};

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::core::{any, array_of, getdata, getmask, getmaskarray};
use crate::eval::args::Args;
use crate::eval::object::{Masked, as_masked};
use crate::eval::session::Session;

fn false_() -> Value {
    Value::NpScalar(DType::Bool, Scalar::Bool(false))
}

fn with_mode(mut pos: Vec<Value>, mode: &Option<Value>) -> Args {
    let kw = match mode {
        Some(m) => vec![("mode".to_string(), m.clone())],
        None => vec![],
    };
    Args {
        pos: std::mem::take(&mut pos),
        kw,
    }
}

/// `MaskedArray.put(indices, values, mode='raise')`.
pub fn put(
    s: &mut Session,
    obj: &Value,
    m: &Masked,
    indices: Value,
    values: Value,
    mode: Option<Value>,
) -> PyResult<()> {
    let (mut indices, mut values) = (indices, values);
    // Hard mask: the indices (and values) that fall on masked data go.
    if m.hard.get()
        && let Some(k) = m.mask()
    {
        if as_masked(&values).is_some() {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab does not implement put of masked values into a hard mask yet",
            ));
        }
        let hit = s.getitem(&Value::Array(k), &indices)?;
        let idx = array_of(s.np("array", vec![indices], vec![("copy", Value::None)])?)?;
        let vals = array_of(s.np("array", vec![values], vec![("copy", Value::None)])?)?;
        if vals.size() != idx.size() {
            // `values.resize(indices.shape)` pads with zeros in place.
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab does not implement put into a hard mask with as many values as indices only",
            ));
        }
        let shape = Value::tuple(idx.shape().iter().map(|&n| Value::Int(n as i128)).collect());
        let vals = s.np("reshape", vec![Value::Array(vals), shape], vec![])?;
        let keep = s.np("logical_not", vec![hit], vec![])?;
        indices = s.getitem(&Value::Array(idx), &keep)?;
        values = s.getitem(&vals, &keep)?;
    }
    let vdata = match as_masked(&values) {
        Some(v) => Value::Array(super::core::view(&v.data)),
        None => values.clone(),
    };
    s.call_method_registered(
        &Value::Array(m.data.clone()),
        "put",
        with_mode(vec![indices.clone(), vdata], &mode),
    )?;
    let vmask = getmask(&values);
    if m.mask().is_none() && vmask.is_none() {
        return Ok(());
    }
    let k = getmaskarray(s, obj)?;
    let put_in = match vmask {
        None => false_(),
        Some(vm) => Value::Array(vm),
    };
    s.call_method_registered(
        &Value::Array(k.clone()),
        "put",
        with_mode(vec![indices, put_in], &mode),
    )?;
    // `make_mask(m, copy=False, shrink=True)`.
    *m.mask.borrow_mut() = if any(&k) { Some(k) } else { None };
    Ok(())
}

/// `np.ma.put(a, indices, values, mode='raise')`: the method, or
/// `np.asarray(a).put(...)` for what has none.
pub fn put_function(s: &mut Session, args: &Args) -> PyResult<Value> {
    let a = args.kw("a").cloned().unwrap_or(Value::None);
    let indices = args.kw("indices").cloned().unwrap_or(Value::None);
    let values = args.kw("values").cloned().unwrap_or(Value::None);
    let mode = args.kw("mode").cloned();
    if let Some(m) = as_masked(&a) {
        put(s, &a, m, indices, values, mode)?;
        return Ok(Value::None);
    }
    if let Value::Array(_) = a {
        return s.call_method_registered(&a, "put", with_mode(vec![indices, values], &mode));
    }
    Err(PyError::new(
        "NotImplementedError",
        format!(
            "slicelab does not implement np.ma.put into a {}",
            a.type_name()
        ),
    ))
}

/// `np.ma.putmask(a, mask, values)`.
pub fn putmask(s: &mut Session, args: &Args) -> PyResult<Value> {
    let a = args.kw("a").cloned().unwrap_or(Value::None);
    let mask = args.kw("mask").cloned().unwrap_or(Value::None);
    let values = args.kw("values").cloned().unwrap_or(Value::None);
    // `a.view(MaskedArray)` for a plain array: its data is written, the
    // mask made on the way is lost with the view.
    let holder;
    let m = match as_masked(&a) {
        Some(m) => m,
        None => match &a {
            Value::Array(x) => {
                holder = Masked::new(super::core::view(x), None);
                &holder
            }
            other => {
                return Err(PyError::attribute(&other.type_name(), "view"));
            }
        },
    };
    // `np.copyto(..., where=mask)` reads a masked condition's data.
    let where_ = Value::Array(getdata(&mask)?);
    let valdata = Value::Array(getdata(&values)?);
    let valmask = getmask(&values);
    match (m.mask(), valmask) {
        (None, None) => {}
        (None, Some(vm)) => {
            m.shared.set(true);
            let k = super::core::zeros_mask(s, &m.data.shape())?;
            *m.mask.borrow_mut() = Some(k.clone());
            copyto(s, &k, Value::Array(vm), where_.clone())?;
        }
        (Some(k), vm) if m.hard.get() => {
            if let Some(vm) = vm {
                let c = k.copy_kept()?;
                copyto(s, &c, Value::Array(vm), where_.clone())?;
                // `a.mask |= m`: a hard mask ORs what is set into itself.
                let or = s.np("logical_or", vec![Value::Array(k), Value::Array(c)], vec![])?;
                super::core::set_mask(s, m, &or)?;
            }
        }
        (Some(k), vm) => {
            let vm = match vm {
                Some(vm) => vm,
                None => getmaskarray(s, &values)?,
            };
            copyto(s, &k, Value::Array(vm), where_.clone())?;
        }
    }
    copyto(s, &m.data, valdata, where_)?;
    Ok(Value::None)
}

fn copyto(s: &mut Session, dst: &ArrayRef, src: Value, where_: Value) -> PyResult<()> {
    s.np(
        "copyto",
        vec![Value::Array(dst.clone()), src],
        vec![("where", where_)],
    )?;
    Ok(())
}

/// `m.shape = shape`: the data's shape set in place (a view that
/// cannot be reshaped without a copy refuses, as ndarray's does), then
/// the mask's (`self._mask.shape = self.shape`).
pub fn set_shape(m: &Masked, value: &Value) -> PyResult<()> {
    let shape = crate::eval::coerce::shape_arg(value, Some(m.data.size()))?;
    let incompatible = || {
        PyError::new(
            "AttributeError",
            "Incompatible shape for in-place modification. Use `.reshape()` to make a copy with the desired shape.",
        )
    };
    let data_layout = m
        .data
        .layout()
        .reshaped_c(&shape, m.data.dtype().itemsize())
        .ok_or_else(incompatible)?;
    let mask_layout = match m.mask() {
        Some(k) => Some((
            k.layout()
                .reshaped_c(&shape, k.dtype().itemsize())
                .ok_or_else(incompatible)?,
            k,
        )),
        None => None,
    };
    m.data.set_layout(data_layout);
    if let Some((l, k)) = mask_layout {
        k.set_layout(l);
    }
    Ok(())
}

/// `np.ma.left_shift(a, n)` / `right_shift(a, n)`: the shift of
/// `filled(a)` (0 under the mask), made a masked array with `a`'s mask.
pub fn shift(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    let a = args.kw("a").cloned().unwrap_or(Value::None);
    let n = args.kw("n").cloned().unwrap_or(Value::None);
    let mask = getmask(&a);
    let filled = match as_masked(&a) {
        Some(m) => {
            let fill = mask.as_ref().map(|_| Value::Int(0));
            Value::Array(super::core::filled(s, m, fill)?)
        }
        None => match a {
            Value::Array(_) => a.clone(),
            other => s.np("array", vec![other], vec![])?,
        },
    };
    let d = s.np(name, vec![filled, n], vec![])?;
    match (as_masked(&d).is_some(), mask) {
        (true, None) => Ok(d),
        // `masked_array(d, mask=m)` keeps `d`'s mask (`keep_mask`): OR-ed.
        (true, Some(k)) => {
            let Some(dm) = as_masked(&d) else {
                return Ok(d);
            };
            let mask = match dm.mask() {
                Some(x) => {
                    array_of(s.np("logical_or", vec![Value::Array(x), Value::Array(k)], vec![])?)?
                }
                None => k.copy_kept()?,
            };
            Ok(Masked::new(super::core::view(&dm.data), Some(mask))
                .update_from(dm)
                .into_value())
        }
        (false, mask) => {
            let mut kw = vec![];
            if let Some(k) = mask {
                kw.push(("mask".to_string(), Value::Array(k)));
            }
            s.call_registered("np.ma.array", Args { pos: vec![d], kw })
        }
    }
}
