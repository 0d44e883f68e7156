//! Making masked arrays: `MaskedArray.__new__` (`np.ma.array`,
//! `np.ma.masked_array`), `masked_where` and the `masked_*` shortcuts
//! built on it, `masked_invalid`, `masked_values`, `is_masked`,
//! `default_fill_value`, as `numpy/ma/core.py` writes them.

use super::core::check_fill;
use crate::engine::{ArrayRef, DType, Scalar};

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::core::{array_of, default_fill, getmask, view};
use crate::eval::args::Args;
use crate::eval::object::Masked;
use crate::eval::object::{as_masked, is_ma};
use crate::eval::protocol::truthy;
use crate::eval::session::Session;

fn bool_dtype() -> Value {
    Value::DType(DType::Bool)
}

fn shape_value(shape: &[usize]) -> Value {
    Value::tuple(shape.iter().map(|&n| Value::Int(n as i128)).collect())
}

/// Whether a nested list/tuple holds a masked value (core.py's list
/// branch, which slicelab does not replay).
fn holds_masked(v: &Value) -> bool {
    match v {
        Value::List(l) => l.borrow().iter().any(holds_masked),
        Value::Tuple(t) => t.iter().any(holds_masked),
        other => is_ma(other),
    }
}

/// `MaskedArray.__new__` (`np.ma.array`, `np.ma.masked_array`).
///
/// A masked source keeps its mask as NumPy's `__array_finalize__` hands
/// it on: shared (a view of it) when no copy of the data was made, copied
/// otherwise; a `mask=` argument then replaces it (`keep_mask=False`) or
/// is OR-ed into a new mask. The fill value and hardness travel unless
/// given (`hard_mask=None`, which `inherit_hardness` says is the default).
pub fn array(s: &mut Session, args: &Args, inherit_hardness: bool) -> PyResult<Value> {
    let data = args.kw("data").cloned().unwrap_or(Value::None);
    let source = as_masked(&data);
    if source.is_none() && holds_masked(&data) {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement np.ma.array of masked values yet",
        ));
    }
    let flag = |name: &str, default: bool| -> PyResult<bool> {
        match args.kw(name) {
            Some(v) => truthy(v),
            None => Ok(default),
        }
    };
    let copy = flag("copy", false)?;
    let keep_mask = flag("keep_mask", true)?;
    let shrink = flag("shrink", true)?;
    let mut kw = vec![("copy", if copy { Value::Bool(true) } else { Value::None })];
    if let Some(dt) = args.kw("dtype") {
        kw.push(("dtype", dt.clone()));
    }
    let data_in = match source {
        Some(m) => Value::Array(view(&m.data)),
        None => data.clone(),
    };
    let d = array_of(s.np("array", vec![data_in], kw)?)?;
    default_fill(d.dtype())?;
    let data = view(&d);
    let shape = data.shape();
    // `__array_finalize__`: the source's mask, a view of it while both
    // look at the same data, a copy once the data was copied.
    let inherited = match source.and_then(|m| m.mask().map(|mk| (m, mk))) {
        None => None,
        Some((m, mk)) if data.same_buffer(&m.data) => Some(view(&mk)),
        Some((_, mk)) => Some(mk.copy_kept()?),
    };
    let mut shared = source.is_some_and(|m| m.shared.get());
    let given = match args.kw("mask") {
        // `nomask` is `np.False_`; a Python `False` is a mask of zeros.
        None | Some(Value::NpScalar(DType::Bool, Scalar::Bool(false))) => None,
        Some(m) => Some(m.clone()),
    };
    let mask = match given {
        None if !keep_mask => {
            if shrink {
                None
            } else {
                shared = false;
                Some(array_of(s.np(
                    "zeros",
                    vec![shape_value(&shape)],
                    vec![("dtype", bool_dtype())],
                )?)?)
            }
        }
        None => {
            if source.is_some() {
                shared = !copy;
            }
            inherited
        }
        Some(m) => {
            let (mask, copied) = read_mask(s, m, &shape, copy)?;
            match inherited {
                Some(old) if keep_mask => {
                    shared = false;
                    Some(array_of(s.np(
                        "logical_or",
                        vec![Value::Array(mask), Value::Array(old)],
                        vec![],
                    )?)?)
                }
                _ => {
                    shared = !copied;
                    Some(mask)
                }
            }
        }
    };
    let out = Masked::new(data, mask);
    out.shared.set(shared);
    let fill = match args.kw("fill_value") {
        Some(f) if !matches!(f, Value::None) => Some(f.clone()),
        _ => None,
    };
    if let Some(f) = fill {
        let dt = out.data.dtype().clone();
        *out.fill.borrow_mut() = Some(check_fill(s, &f, &dt)?);
    } else if let Some((old_dt, old)) = source.and_then(|m| m.fill.borrow().clone()) {
        let dt = out.data.dtype().clone();
        *out.fill.borrow_mut() = Some(check_fill(s, &Value::NpScalar(old_dt, old), &dt)?);
    }
    match args.kw("hard_mask") {
        Some(h) if !matches!(h, Value::None) => out.hard.set(truthy(h)?),
        Some(_) => out.hard.set(source.is_some_and(|m| m.hard.get())),
        None => out
            .hard
            .set(inherit_hardness && source.is_some_and(|m| m.hard.get())),
    }
    Ok(out.into_value())
}

/// A `mask=` argument read as a bool array of the data's `shape` (a
/// single value repeated, or the same number of values reshaped), and
/// whether it is a copy of what was given.
fn read_mask(s: &mut Session, m: Value, shape: &[usize], copy: bool) -> PyResult<(ArrayRef, bool)> {
    let m = match m {
        Value::None => Value::Bool(false),
        other => other,
    };
    let filled = |s: &mut Session, name: &str| {
        array_of(s.np(
            name,
            vec![shape_value(shape)],
            vec![("dtype", bool_dtype())],
        )?)
    };
    match m {
        Value::Bool(true) => Ok((filled(s, "ones")?, copy)),
        Value::Bool(false) => Ok((filled(s, "zeros")?, copy)),
        other => {
            let c = if copy { Value::Bool(true) } else { Value::None };
            let mk = array_of(s.np(
                "array",
                vec![other],
                vec![("copy", c), ("dtype", bool_dtype())],
            )?)?;
            if mk.shape() == shape {
                return Ok((mk, copy));
            }
            let (nd, nm) = (shape.iter().product::<usize>(), mk.size());
            let resized = if nm == 1 {
                s.np("resize", vec![Value::Array(mk), shape_value(shape)], vec![])?
            } else if nm == nd {
                s.np(
                    "reshape",
                    vec![Value::Array(mk), shape_value(shape)],
                    vec![],
                )?
            } else {
                return Err(PyError::new(
                    "MaskError",
                    format!("Mask and data not compatible: data size is {nd}, mask size is {nm}."),
                ));
            };
            Ok((array_of(resized)?, true))
        }
    }
}

/// `make_mask(condition, shrink=False)`: the condition as a bool array,
/// masked entries counting as True.
fn make_mask(s: &mut Session, cond: &Value) -> PyResult<ArrayRef> {
    let filled = match as_masked(cond) {
        Some(m) => Value::Array(super::core::filled(s, m, Some(Value::Bool(true)))?),
        None => cond.clone(),
    };
    array_of(s.np(
        "array",
        vec![filled],
        vec![("copy", Value::None), ("dtype", bool_dtype())],
    )?)
}

/// `masked_where(condition, a, copy)`.
pub fn masked_where(s: &mut Session, cond: &Value, a: &Value, copy: &Value) -> PyResult<Value> {
    let mut cond = make_mask(s, cond)?;
    let copy = truthy(copy)?;
    let source = as_masked(a);
    let data_in = match source {
        Some(m) => Value::Array(view(&m.data)),
        None => a.clone(),
    };
    let c = if copy { Value::Bool(true) } else { Value::None };
    let data = array_of(s.np("array", vec![data_in], vec![("copy", c)])?)?;
    default_fill(data.dtype())?;
    let (cshape, ashape) = (cond.shape(), data.shape());
    if !cshape.is_empty() && cshape != ashape {
        return Err(PyError::index(format!(
            "Inconsistent shape between the condition and the input (got {} and {})",
            crate::engine::error::shape_tuple(&cshape),
            crate::engine::error::shape_tuple(&ashape)
        )));
    }
    if let Some(m) = source.and_then(|m| m.mask()) {
        cond = array_of(s.np(
            "logical_or",
            vec![Value::Array(cond), Value::Array(m)],
            vec![],
        )?)?;
    }
    if let Some(src) = source
        && !copy
    {
        return masked_where_in_place(s, src, &data, &cond);
    }
    let out = Masked::new(view(&data), None);
    if let Some(m) = source {
        *out.fill.borrow_mut() = m.fill.borrow().clone();
        out.hard.set(m.hard.get());
    }
    // `result.mask = _shrink_mask(cond)`: nothing set keeps nomask;
    // otherwise a new mask receives the condition's values.
    if super::core::any(&cond) {
        super::core::set_mask(s, &out, &Value::Array(cond))?;
    }
    Ok(out.into_value())
}

/// `masked_where(cond, a, copy=False)` of a masked `a`: the result views
/// `a`'s data (`a.view(MaskedArray)`) and so shares `a`'s mask, and
/// setting its mask to `cond` (which already holds `a`'s mask, OR-ed in)
/// writes into that shared mask; an `a` without a mask is given a view of
/// the result's new one. Either way `a.mask` shows the condition after.
fn masked_where_in_place(
    s: &mut Session,
    src: &Masked,
    data: &ArrayRef,
    cond: &ArrayRef,
) -> PyResult<Value> {
    let out = Masked::new(view(data), None).update_from(src);
    let shape = shape_value(&data.shape());
    // The condition spread over the data's shape (a 0-d one fills it).
    let spread = |s: &mut Session| -> PyResult<ArrayRef> {
        let b = s.np(
            "broadcast_to",
            vec![Value::Array(cond.clone()), shape.clone()],
            vec![],
        )?;
        array_of(s.np("array", vec![b], vec![("dtype", bool_dtype())])?)
    };
    match src.mask() {
        Some(mask) => {
            let values = spread(s)?;
            crate::engine::array::copy_elements(&values, &mask)?;
            *out.mask.borrow_mut() = Some(view(&mask));
        }
        // `_shrink_mask(cond)`: a condition with nothing set leaves both
        // without a mask.
        None if !super::core::any(cond) => {}
        None => {
            let mask = spread(s)?;
            *src.mask.borrow_mut() = Some(view(&mask));
            *out.mask.borrow_mut() = Some(mask);
        }
    }
    Ok(out.into_value())
}

/// `masked_equal`, `masked_greater`, ...: `masked_where(op(x, value), x)`
/// with the masked comparison; `masked_equal` also sets the fill value.
pub fn masked_compare(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    let x = args.kw("x").cloned().unwrap_or(Value::None);
    let value = args.kw("value").cloned().unwrap_or(Value::None);
    let copy = args.kw("copy").cloned().unwrap_or(Value::Bool(true));
    let ufunc = match name {
        "masked_equal" => "equal",
        "masked_not_equal" => "not_equal",
        "masked_greater" => "greater",
        "masked_greater_equal" => "greater_equal",
        "masked_less" => "less",
        _ => "less_equal",
    };
    let cond = super::ops::masked_binary(s, ufunc, &x, &value)?;
    let out = masked_where(s, &cond, &x, &copy)?;
    if name == "masked_equal"
        && let Some(m) = as_masked(&out)
    {
        let dt = m.data.dtype().clone();
        *m.fill.borrow_mut() = Some(check_fill(s, &value, &dt)?);
    }
    Ok(out)
}

/// `masked_inside` / `masked_outside`: the bounds ordered, then a
/// condition on `filled(x)`.
pub fn masked_range(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    let x = args.kw("x").cloned().unwrap_or(Value::None);
    let mut v1 = args.kw("v1").cloned().unwrap_or(Value::None);
    let mut v2 = args.kw("v2").cloned().unwrap_or(Value::None);
    let copy = args.kw("copy").cloned().unwrap_or(Value::Bool(true));
    let lt = s.call_registered(
        "np.less",
        Args {
            pos: vec![v2.clone(), v1.clone()],
            kw: vec![],
        },
    )?;
    if truthy(&lt)? {
        std::mem::swap(&mut v1, &mut v2);
    }
    let xf = match as_masked(&x) {
        Some(m) => Value::Array(super::core::filled(s, m, None)?),
        None => Value::Array(array_of(s.np("array", vec![x.clone()], vec![])?)?),
    };
    let cond = if name == "masked_inside" {
        let a = s.np("greater_equal", vec![xf.clone(), v1], vec![])?;
        let b = s.np("less_equal", vec![xf, v2], vec![])?;
        s.binary(crate::syntax::ast::BinOp::BitAnd, &a, &b)?
    } else {
        let a = s.np("less", vec![xf.clone(), v1], vec![])?;
        let b = s.np("greater", vec![xf, v2], vec![])?;
        s.binary(crate::syntax::ast::BinOp::BitOr, &a, &b)?
    };
    masked_where(s, &cond, &x, &copy)
}

/// `masked_invalid(a)`: NaN and infinities masked; never `nomask`.
pub fn masked_invalid(s: &mut Session, args: &Args) -> PyResult<Value> {
    let a = args.kw("a").cloned().unwrap_or(Value::None);
    let copy = args.kw("copy").cloned().unwrap_or(Value::Bool(true));
    let data = match as_masked(&a) {
        Some(m) => Value::Array(view(&m.data)),
        None => Value::Array(array_of(s.np(
            "array",
            vec![a.clone()],
            vec![("copy", Value::None)],
        )?)?),
    };
    let finite = s.np("isfinite", vec![data], vec![])?;
    let cond = s.np("logical_not", vec![finite], vec![])?;
    let res = masked_where(s, &cond, &a, &copy)?;
    if let Some(m) = as_masked(&res)
        && m.mask().is_none()
    {
        let z = array_of(s.np(
            "zeros",
            vec![shape_value(&m.data.shape())],
            vec![("dtype", bool_dtype())],
        )?)?;
        *m.mask.borrow_mut() = Some(z);
    }
    Ok(res)
}

/// `masked_values(x, value, rtol, atol, copy, shrink)`.
pub fn masked_values(s: &mut Session, args: &Args) -> PyResult<Value> {
    let x = args.kw("x").cloned().unwrap_or(Value::None);
    let value = args.kw("value").cloned().unwrap_or(Value::None);
    let rtol = args.kw("rtol").cloned().unwrap_or(Value::Float(1e-5));
    let atol = args.kw("atol").cloned().unwrap_or(Value::Float(1e-8));
    let copy = args.kw("copy").cloned().unwrap_or(Value::Bool(true));
    let shrink = match args.kw("shrink") {
        Some(v) => truthy(v)?,
        None => true,
    };
    let xnew = match as_masked(&x) {
        Some(m) => super::core::filled(s, m, Some(value.clone()))?,
        None => array_of(s.np("array", vec![x.clone()], vec![])?)?,
    };
    let mask = if matches!(
        xnew.dtype().native(),
        DType::Float16 | DType::Float32 | DType::Float64
    ) {
        s.np(
            "isclose",
            vec![Value::Array(xnew.clone()), value.clone()],
            vec![("atol", atol), ("rtol", rtol)],
        )?
    } else {
        s.np(
            "equal",
            vec![Value::Array(xnew.clone()), value.clone()],
            vec![],
        )?
    };
    let ret = array(
        s,
        &Args {
            pos: vec![],
            kw: vec![
                ("data".into(), Value::Array(xnew)),
                ("mask".into(), mask),
                ("copy".into(), copy),
                ("fill_value".into(), value),
            ],
        },
        true,
    )?;
    if shrink
        && let Some(m) = as_masked(&ret)
        && let Some(mk) = m.mask()
        && !super::core::any(&mk)
    {
        *m.mask.borrow_mut() = None;
    }
    Ok(ret)
}

/// `is_masked(x)`: whether `x` has masked values.
pub fn is_masked(x: &Value) -> PyResult<Value> {
    if crate::eval::object::is_masked_constant(x) {
        return Ok(Value::Bool(true));
    }
    Ok(Value::Bool(match getmask(x) {
        Some(m) => super::core::any(&m),
        None => false,
    }))
}

/// `default_fill_value(obj)`: by the dtype of an array, a dtype, or a
/// Python scalar's type.
pub fn default_fill_value(_s: &mut Session, obj: &Value) -> PyResult<Value> {
    let dt = match obj {
        Value::DType(d) => d.clone(),
        Value::Array(a) => a.dtype().clone(),
        Value::NpScalar(d, _) => d.clone(),
        Value::Bool(_) => return Ok(Value::Bool(true)),
        Value::Int(_) => return Ok(Value::Int(999_999)),
        Value::Float(_) => return Ok(Value::Float(1e20)),
        Value::Complex(..) => return Ok(Value::Complex(1e20, 0.0)),
        other => match as_masked(other) {
            Some(m) => m.data.dtype().clone(),
            None => {
                return Err(PyError::new(
                    "NotImplementedError",
                    format!(
                        "slicelab does not implement default_fill_value of a {}",
                        other.type_name()
                    ),
                ));
            }
        },
    };
    // core.py returns the Python scalar of `default_filler` here.
    Ok(match default_fill(&dt)? {
        (_, Scalar::Bool(b)) => Value::Bool(b),
        (_, Scalar::Int(i)) => Value::Int(i as i128),
        (_, Scalar::UInt(u)) => Value::Int(u as i128),
        (_, Scalar::Float(f)) => Value::Float(f),
        (_, Scalar::Complex(r, i)) => Value::Complex(r, i),
        _ => Value::None,
    })
}
