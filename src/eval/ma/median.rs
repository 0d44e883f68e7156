//! `np.ma.median` as `numpy/ma/extras.py` computes it: a plain array goes
//! to `np.median`; a masked one is sorted with masked slots last (filled
//! with inf for inexact dtypes, so an unmasked NaN sorts behind them), then
//! the middle unmasked values are summed (halved for inexact dtypes) or
//! averaged, and `_median_nancheck` puts NaN back where a lane held one.

use crate::engine::{DType, Scalar};
use crate::syntax::ast::BinOp;

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::core::{array_of, getdata, getmaskarray};
use crate::eval::args::Args;
use crate::eval::object::{Masked, as_masked, is_ma};
use crate::eval::protocol::truthy;
use crate::eval::session::Session;

fn slice(start: Option<i128>, stop: Option<i128>) -> Value {
    let b = |x: Option<i128>| x.map(Value::Int).unwrap_or(Value::None);
    Value::Slice(std::rc::Rc::new([b(start), b(stop), Value::None]))
}

fn kw(pairs: Vec<(&str, Value)>) -> Args {
    Args {
        pos: vec![],
        kw: pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
    }
}

fn invert(s: &mut Session, v: &Value) -> PyResult<Value> {
    s.unary(crate::syntax::ast::UnaryOp::Invert, v)
}

/// `np.ma.median(a, axis=None, out=None, overwrite_input=False,
/// keepdims=False)`.
pub fn median(s: &mut Session, a: &Args) -> PyResult<Value> {
    let x = a.get(0, "a").cloned().unwrap_or(Value::None);
    let axis = a.get(1, "axis").cloned().unwrap_or(Value::None);
    let overwrite = match a.get(3, "overwrite_input") {
        Some(v) => truthy(v)?,
        None => false,
    };
    let keepdims = match a.get(4, "keepdims") {
        Some(v) => truthy(v)?,
        None => false,
    };
    if !is_ma(&x) {
        // `np.median(getdata(a))`, made masked when it is an array.
        let d = Value::Array(getdata(&x)?);
        let mut k = vec![("axis", axis)];
        if overwrite {
            k.push(("overwrite_input", Value::Bool(true)));
        }
        if keepdims {
            k.push(("keepdims", Value::Bool(true)));
        }
        let r = s.np("median", vec![d], k)?;
        return match r {
            Value::Array(r) if r.ndim() >= 1 => Ok(Masked::new(r, None).into_value()),
            r => Ok(r),
        };
    }
    if keepdims {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement np.ma.median(..., keepdims=True) of a masked array yet",
        ));
    }
    let Some(m) = as_masked(&x) else {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement np.ma.median(np.ma.masked)",
        ));
    };
    let nd = m.data.ndim();
    let axes = match &axis {
        Value::None => None,
        v => Some(crate::eval::coerce::axes_arg(Some(v), nd)?.unwrap_or_default()),
    };
    match axes {
        None => median_axis(s, &x, m, None, overwrite),
        Some(axes) if axes.len() == 1 => median_axis(s, &x, m, Some(axes[0]), overwrite),
        Some(axes) => {
            // _ureduce: the kept axes swapped to the front, the reduced
            // ones merged into one last axis.
            let keep: Vec<usize> = (0..nd).filter(|i| !axes.contains(i)).collect();
            let mut cur = x.clone();
            for (i, &k) in keep.iter().enumerate() {
                cur = s.call_method_registered(
                    &cur,
                    "swapaxes",
                    Args {
                        pos: vec![Value::Int(i as i128), Value::Int(k as i128)],
                        kw: vec![],
                    },
                )?;
            }
            let shape = getdata(&cur)?.shape().to_vec();
            let mut new: Vec<Value> = shape[..keep.len()]
                .iter()
                .map(|&d| Value::Int(d as i128))
                .collect();
            new.push(Value::Int(-1));
            let cur = s.call_method_registered(
                &cur,
                "reshape",
                Args {
                    pos: vec![Value::Tuple(std::rc::Rc::new(new))],
                    kw: vec![],
                },
            )?;
            let cm = as_masked(&cur).ok_or_else(|| {
                PyError::new(
                    "NotImplementedError",
                    "slicelab's np.ma.median lost its masked array",
                )
            })?;
            median_axis(s, &cur, cm, Some(keep.len()), overwrite)
        }
    }
}

/// `_median(a, axis, overwrite_input)` with `axis` normalized.
fn median_axis(
    s: &mut Session,
    x: &Value,
    m: &Masked,
    axis: Option<usize>,
    overwrite: bool,
) -> PyResult<Value> {
    let dt = m.data.dtype().clone();
    let fill = if dt.is_inexact() {
        Value::Float(f64::INFINITY)
    } else {
        Value::None
    };
    let ax_val = axis.map(|a| Value::Int(a as i128)).unwrap_or(Value::None);
    let asorted = if overwrite {
        let target = match axis {
            None => s.call_method_registered(x, "ravel", Args::empty())?,
            Some(_) => x.clone(),
        };
        let mut k = vec![("fill_value", fill)];
        if axis.is_some() {
            k.push(("axis", ax_val.clone()));
        }
        s.call_method_registered(&target, "sort", kw(k))?;
        target
    } else {
        s.call_registered(
            "np.ma.sort",
            Args {
                pos: vec![x.clone()],
                kw: vec![("axis".into(), ax_val), ("fill_value".into(), fill)],
            },
        )?
    };
    let sm = as_masked(&asorted).ok_or_else(|| {
        PyError::new(
            "NotImplementedError",
            "slicelab's np.ma.median lost its masked array",
        )
    })?;
    let axis = axis.unwrap_or(0);
    let nd = sm.data.ndim();
    if sm.data.shape()[axis] == 0 {
        let idx: Vec<Value> = (0..nd)
            .map(|i| {
                if i == axis {
                    slice(Some(0), Some(0))
                } else {
                    slice(None, None)
                }
            })
            .collect();
        let part = s.getitem(&asorted, &Value::Tuple(std::rc::Rc::new(idx)))?;
        return s.call_method_registered(
            &part,
            "mean",
            kw(vec![("axis", Value::Int(axis as i128))]),
        );
    }
    if nd == 1 {
        return median_1d(s, &asorted, sm, &dt);
    }
    let counts = s.call_method_registered(
        &asorted,
        "count",
        kw(vec![
            ("axis", Value::Int(axis as i128)),
            ("keepdims", Value::Bool(true)),
        ]),
    )?;
    let h = s.binary(BinOp::FloorDiv, &counts, &Value::Int(2))?;
    let rem = s.binary(BinOp::Mod, &counts, &Value::Int(2))?;
    let odd = s.compare(crate::syntax::ast::CmpOp::Eq, &rem, &Value::Int(1))?;
    let hm1 = s.binary(BinOp::Sub, &h, &Value::Int(1))?;
    let l = s.np("where", vec![odd, h.clone(), hm1], vec![])?;
    let ax = Value::Int(axis as i128);
    let lh = s.np(
        "concatenate",
        vec![Value::List(std::rc::Rc::new(std::cell::RefCell::new(
            vec![l, h],
        )))],
        vec![("axis", ax.clone())],
    )?;
    let data = s.np(
        "take_along_axis",
        vec![Value::Array(sm.data.clone()), lh.clone(), ax.clone()],
        vec![],
    )?;
    let low_high = match sm.mask() {
        None => Masked::new(array_of(data)?, None),
        Some(k) => {
            let km = s.np(
                "take_along_axis",
                vec![Value::Array(k.clone()), lh, ax.clone()],
                vec![],
            )?;
            let km = array_of(km)?;
            let (data, km) = if super::core::any(&km) {
                // replace_masked: a masked pick in a lane that is not all
                // masked becomes minimum_fill_value, unmasked.
                let all = s.np(
                    "all",
                    vec![Value::Array(k)],
                    vec![("axis", ax.clone()), ("keepdims", Value::Bool(true))],
                )?;
                let not_all = invert(s, &all)?;
                let rep = s.binary(BinOp::BitAnd, &not_all, &Value::Array(km.clone()))?;
                let mfv = super::reduce::extreme_fill(&dt, true)?;
                let d2 = s.np("where", vec![rep.clone(), mfv, data.clone()], vec![])?;
                let d2 = s.np(
                    "asarray",
                    vec![d2],
                    vec![("dtype", Value::DType(array_of(data)?.dtype().clone()))],
                )?;
                let inv_rep = invert(s, &rep)?;
                let k2 = s.binary(BinOp::BitAnd, &Value::Array(km), &inv_rep)?;
                (array_of(d2)?, Some(array_of(k2)?))
            } else {
                (array_of(data)?, Some(km))
            };
            Masked::new(data, km)
        }
    }
    .update_from(sm)
    .into_value();
    if !dt.is_inexact() {
        return s.call_method_registered(&low_high, "mean", kw(vec![("axis", ax)]));
    }
    let sum = s.call_method_registered(&low_high, "sum", kw(vec![("axis", ax)]))?;
    let out = match as_masked(&sum) {
        Some(r) => r.data.clone(),
        None => {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab's np.ma.median: the sum was not a masked array",
            ));
        }
    };
    let half = s.binary(BinOp::Div, &Value::Array(out.clone()), &Value::Float(2.0))?;
    s.np(
        "copyto",
        vec![Value::Array(out.clone()), half],
        vec![("casting", Value::Str("unsafe".into()))],
    )?;
    // _median_nancheck: NaN where the lane's last sorted value is an
    // unmasked NaN.
    let last = s.np(
        "take",
        vec![Value::Array(sm.data.clone()), Value::Int(-1)],
        vec![("axis", Value::Int(axis as i128))],
    )?;
    let lastk = getmaskarray(s, &asorted)?;
    let lastk = s.np(
        "take",
        vec![Value::Array(lastk), Value::Int(-1)],
        vec![("axis", Value::Int(axis as i128))],
    )?;
    let n = s.np("isnan", vec![last.clone()], vec![])?;
    let notk = invert(s, &lastk)?;
    let n = s.binary(BinOp::BitAnd, &n, &notk)?;
    if super::core::any(&array_of(n.clone())?) {
        s.np("copyto", vec![Value::Array(out), last], vec![("where", n)])?;
    }
    Ok(sum)
}

/// `_median`'s 1-d branch: the middle one or two sorted unmasked values.
fn median_1d(s: &mut Session, asorted: &Value, sm: &Masked, dt: &DType) -> PyResult<Value> {
    let count = s.call_method_registered(asorted, "count", Args::empty())?;
    let c = match count {
        Value::Int(c) => c,
        Value::NpScalar(_, Scalar::Int(c)) => c as i128,
        Value::NpScalar(_, Scalar::UInt(c)) => c as i128,
        _ => 0,
    };
    let (idx, odd) = (c / 2, c % 2);
    let mid = s.getitem(asorted, &slice(Some(idx + odd - 1), Some(idx + 1)))?;
    let mut r = if dt.is_inexact() && sm.data.size() > 0 {
        let sum = s.call_method_registered(&mid, "sum", Args::empty())?;
        let sum = if odd == 0 && !crate::eval::object::is_masked_constant(&sum) {
            s.np(
                "true_divide",
                vec![sum, Value::Float(2.0)],
                vec![("casting", Value::Str("safe".into()))],
            )?
        } else {
            sum
        };
        // _median_nancheck: the last sorted value, when an unmasked NaN.
        let last = s.getitem(asorted, &Value::Int(-1))?;
        let nan = match &last {
            Value::NpScalar(_, Scalar::Float(f)) => f.is_nan(),
            Value::Float(f) => f.is_nan(),
            _ => false,
        };
        if nan { last } else { sum }
    } else {
        s.call_method_registered(&mid, "mean", Args::empty())?
    };
    let all_masked = match sm.mask() {
        Some(k) => truthy(&s.np("all", vec![Value::Array(k)], vec![])?)?,
        None => false,
    };
    if crate::eval::object::is_masked_constant(&r) && !all_masked {
        r = super::reduce::extreme_fill(dt, true)?;
    }
    Ok(r)
}
