//! Reductions that skip masked values, as `MaskedArray.count`, `.sum`,
//! `.prod`, `.mean`, `.min`, `.max` do it: the data filled with the
//! operation's neutral value, NumPy's reduction, and a mask that is the
//! `all` of the mask along the same axes (`masked` when a scalar result
//! has nothing unmasked).

use crate::engine::{DType, Scalar};

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::core::{array_of, masked, view};
use crate::eval::args::Args;
use crate::eval::object::Masked;
use crate::eval::protocol::truthy;
use crate::eval::session::Session;

/// `axis=` and `keepdims=` as given (keepdims only when given).
fn axis_kw(a: &Args) -> Vec<(&'static str, Value)> {
    let mut kw = vec![("axis", a.kw("axis").cloned().unwrap_or(Value::None))];
    if let Some(k) = a.kw("keepdims") {
        kw.push(("keepdims", k.clone()));
    }
    kw
}

/// `_check_mask_axis(mask, axis, keepdims)`: `mask.all(axis)`.
fn newmask(s: &mut Session, m: &Masked, a: &Args) -> PyResult<Option<Value>> {
    match m.mask() {
        None => Ok(None),
        Some(k) => Ok(Some(s.np("all", vec![Value::Array(k)], axis_kw(a))?)),
    }
}

/// A reduction's result `d` with `newmask`: an array result becomes a
/// masked array (mask values copied in), a scalar one `masked` when its
/// mask is set.
fn finish(s: &mut Session, d: Value, newmask: Option<Value>) -> PyResult<Value> {
    match d {
        Value::Array(r) if r.ndim() > 0 => {
            let out = Masked::new(r, None);
            if let Some(k) = newmask {
                super::core::set_mask(s, &out, &k)?;
            }
            Ok(out.into_value())
        }
        other => match newmask {
            Some(k) if truthy(&k)? => Ok(masked()),
            _ => Ok(match other {
                Value::Array(r) => super::core::scalar_of(&r),
                v => v,
            }),
        },
    }
}

/// `m.count(axis, keepdims)`.
pub fn count(s: &mut Session, m: &Masked, a: &Args) -> PyResult<Value> {
    let axis = a.kw("axis").cloned().unwrap_or(Value::None);
    let keep = match a.kw("keepdims") {
        Some(k) => truthy(k)?,
        None => false,
    };
    match m.mask() {
        Some(k) => {
            let not = s.np("logical_not", vec![Value::Array(k)], vec![])?;
            let mut kw = axis_kw(a);
            kw.push(("dtype", Value::DType(DType::Int64)));
            s.np("sum", vec![not], kw)
        }
        None => {
            let shape = m.data.shape();
            if shape.is_empty() {
                if !matches!(axis, Value::None | Value::Int(0)) {
                    return Err(PyError::new(
                        "NotImplementedError",
                        "slicelab does not implement count(axis=...) of a 0-d masked array",
                    ));
                }
                return Ok(Value::Int(1));
            }
            if matches!(axis, Value::None) {
                if keep {
                    return s.np(
                        "array",
                        vec![Value::Int(m.data.size() as i128)],
                        vec![
                            ("dtype", Value::DType(DType::Int64)),
                            ("ndmin", Value::Int(shape.len() as i128)),
                        ],
                    );
                }
                return Ok(Value::Int(m.data.size() as i128));
            }
            // `np.full(out_dims, items, dtype=intp)`: the count of items
            // along the axes, always an array.
            let shape_v = Value::tuple(shape.iter().map(|&n| Value::Int(n as i128)).collect());
            let ones = s.np(
                "ones",
                vec![shape_v],
                vec![("dtype", Value::DType(DType::Int64))],
            )?;
            let r = s.np("sum", vec![ones], axis_kw(a))?;
            Ok(Value::Array(array_of(r)?))
        }
    }
}

/// `m.sum(...)` / `m.prod(...)`: the data filled with 0 / 1.
pub fn sum_prod(s: &mut Session, m: &Masked, which: &str, a: &Args) -> PyResult<Value> {
    let nm = newmask(s, m, a)?;
    let neutral = Value::Int(if which == "sum" { 0 } else { 1 });
    let f = super::core::filled(s, m, Some(neutral))?;
    let mut kw = axis_kw(a);
    if let Some(dt) = a.kw("dtype") {
        kw.push(("dtype", dt.clone()));
    }
    let d = s.np(which, vec![Value::Array(f)], kw)?;
    finish(s, d, nm)
}

/// `m.mean(...)`: `sum / count` with float64 for integers and bools.
pub fn mean(s: &mut Session, m: &Masked, a: &Args) -> PyResult<Value> {
    let Some(_) = m.mask() else {
        let mut kw = axis_kw(a);
        if let Some(dt) = a.kw("dtype") {
            kw.push(("dtype", dt.clone()));
        }
        let r = s.np("mean", vec![Value::Array(view(&m.data))], kw)?;
        return Ok(match r {
            Value::Array(x) if x.ndim() > 0 => Masked::new(x, None).update_from(m).into_value(),
            Value::Array(x) => super::core::scalar_of(&x),
            other => other,
        });
    };
    let mut dtype = a.kw("dtype").cloned().filter(|d| !matches!(d, Value::None));
    if dtype.is_none() {
        let dt = m.data.dtype().native();
        if dt == DType::Float16 {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab does not implement mean of a float16 masked array yet",
            ));
        }
        if dt.is_integer() || dt == DType::Bool {
            dtype = Some(Value::DType(DType::Float64));
        }
    }
    let mut sa = Args {
        pos: vec![],
        kw: a.kw.clone(),
    };
    sa.kw.retain(|(k, _)| k != "dtype");
    if let Some(d) = dtype {
        sa.kw.push(("dtype".into(), d));
    }
    let dsum = sum_prod(s, m, "sum", &sa)?;
    let cnt = count(s, m, a)?;
    let cnt_scalar = match &cnt {
        Value::Array(c) => c.ndim() == 0,
        _ => true,
    };
    if cnt_scalar {
        let zero = match &cnt {
            Value::Array(c) => matches!(c.first(), Scalar::Int(0)),
            Value::NpScalar(_, Scalar::Int(0)) | Value::Int(0) => true,
            _ => false,
        };
        if zero {
            return Ok(masked());
        }
    }
    use crate::syntax::ast::BinOp;
    let t = s.binary(BinOp::Mul, &dsum, &Value::Float(1.0))?;
    s.binary(BinOp::Div, &t, &cnt)
}

/// `minimum_fill_value` / `maximum_fill_value`: the dtype's largest
/// (for `min`) or smallest (for `max`) value.
pub(super) fn extreme_fill(dt: &DType, for_min: bool) -> PyResult<Value> {
    let dt = dt.native();
    let v = match dt.clone() {
        DType::Bool => Scalar::Bool(for_min),
        DType::Float16 | DType::Float32 | DType::Float64 => Scalar::Float(if for_min {
            f64::INFINITY
        } else {
            f64::NEG_INFINITY
        }),
        d if d.is_integer() => {
            let (lo, hi) = d
                .int_range()
                .ok_or_else(|| super::core::unsupported_dtype(&d))?;
            let x = if for_min { hi } else { lo };
            if x < 0 || matches!(d, DType::Int8 | DType::Int16 | DType::Int32 | DType::Int64) {
                Scalar::Int(x as i64)
            } else {
                Scalar::UInt(x as u64)
            }
        }
        other => {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab does not implement min/max of a {} masked array yet",
                    other.name()
                ),
            ));
        }
    };
    Ok(Value::NpScalar(dt, v))
}

/// `m.min(...)` / `m.max(...)`.
pub fn min_max(s: &mut Session, m: &Masked, which: &str, a: &Args) -> PyResult<Value> {
    let nm = newmask(s, m, a)?;
    let fill = match a.kw("fill_value") {
        Some(v) if !matches!(v, Value::None) => v.clone(),
        _ => extreme_fill(m.data.dtype(), which == "min")?,
    };
    let f = super::core::filled(s, m, Some(fill))?;
    let r = s.np(which, vec![Value::Array(f)], axis_kw(a))?;
    match r {
        Value::Array(res) if res.ndim() > 0 => {
            let out = Masked::new(res.clone(), None);
            if let Some(k) = nm {
                super::core::set_mask(s, &out, &k)?;
                if let Value::Array(ka) = &k
                    && ka.ndim() > 0
                {
                    let (dt, v) = out.fill_value()?;
                    s.np(
                        "copyto",
                        vec![Value::Array(res), Value::NpScalar(dt, v)],
                        vec![("where", k.clone())],
                    )?;
                }
            }
            Ok(out.into_value())
        }
        other => finish(s, other, nm),
    }
}

/// `m.all(axis, keepdims)` / `m.any(...)`: the data filled with True /
/// False, NumPy's `all`/`any`, and `_check_mask_axis`'s mask.
pub fn all_any(s: &mut Session, m: &Masked, which: &str, a: &Args) -> PyResult<Value> {
    let nm = newmask(s, m, a)?;
    let f = super::core::filled(s, m, Some(Value::Bool(which == "all")))?;
    let d = s.np(which, vec![Value::Array(f)], axis_kw(a))?;
    finish(s, d, nm)
}
