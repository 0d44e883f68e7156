//! `np.ma.average(a, axis=None, weights=None, returned=False, *,
//! keepdims)` as `numpy/ma/extras.py` (NumPy 2.4.6) computes it: without
//! weights the masked mean; with weights, `wgt` zeroed and masked where
//! `a` is masked, `scl = wgt.sum(axis, dtype=result_dtype)` and
//! `np.multiply(a, wgt, dtype=result_dtype).sum(axis) / scl`.

use crate::engine::DType;
use crate::syntax::ast::BinOp;

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::core::{array_of, view};
use crate::eval::args::Args;
use crate::eval::object::{Masked, as_masked};
use crate::eval::protocol::truthy;
use crate::eval::session::Session;

fn ints(v: &[usize]) -> Value {
    Value::tuple(v.iter().map(|&n| Value::Int(n as i128)).collect())
}

/// `np.ma.average(...)`.
pub fn average(s: &mut Session, args: &Args) -> PyResult<Value> {
    let a = args.kw("a").cloned().unwrap_or(Value::None);
    let returned = match args.kw("returned") {
        Some(v) => truthy(v)?,
        None => false,
    };
    let av = super::extras::asarray(s, &a)?;
    let Some(am) = as_masked(&av) else {
        return Err(PyError::new("SystemError", "asarray made no masked array"));
    };
    let shape = am.data.shape();
    let axis = match args.kw("axis") {
        None | Some(Value::None) => None,
        Some(v) => crate::eval::coerce::axes_arg(Some(v), shape.len())?,
    };
    let mut kd: Vec<(String, Value)> = vec![];
    if let Some(k) = args.kw("keepdims") {
        kd.push(("keepdims".into(), k.clone()));
    }
    let axis_v = match &axis {
        None => Value::None,
        Some(ax) => ints(ax),
    };
    let Some(weights) = args.kw("weights").filter(|w| !matches!(w, Value::None)) else {
        if returned {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab does not implement np.ma.average(returned=True) without weights yet",
            ));
        }
        let mut kw = vec![("axis".to_string(), axis_v)];
        kw.extend(kd);
        return s.call_method_registered(&av, "mean", Args { pos: vec![], kw });
    };
    if as_masked(weights).is_some() {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement masked weights in np.ma.average yet",
        ));
    }
    let mut wgt = array_of(s.np("asarray", vec![weights.clone()], vec![])?)?;
    let adt = am.data.dtype().native();
    let rd = if adt.is_integer() || adt == DType::Bool {
        s.np(
            "result_type",
            vec![
                Value::DType(adt.clone()),
                Value::DType(wgt.dtype().clone()),
                Value::str("f8"),
            ],
            vec![],
        )?
    } else {
        s.np(
            "result_type",
            vec![Value::DType(adt.clone()), Value::DType(wgt.dtype().clone())],
            vec![],
        )?
    };
    if wgt.shape() != shape {
        let Some(ax) = &axis else {
            return Err(PyError::type_error(
                "Axis must be specified when shapes of a and weights differ.",
            ));
        };
        let along: Vec<usize> = ax.iter().map(|&i| shape[i]).collect();
        if wgt.shape() != along {
            return Err(PyError::value(
                "Shape of weights must be consistent with shape of a along specified axis.",
            ));
        }
        // `wgt.transpose(np.argsort(axis))`, then 1 on the other axes.
        let mut order: Vec<usize> = (0..ax.len()).collect();
        order.sort_by_key(|&i| ax[i]);
        let t = s.call_method_registered(
            &Value::Array(wgt),
            "transpose",
            Args {
                pos: vec![ints(&order)],
                kw: vec![],
            },
        )?;
        let new: Vec<usize> = shape
            .iter()
            .enumerate()
            .map(|(d, &n)| if ax.contains(&d) { n } else { 1 })
            .collect();
        wgt = array_of(s.np("reshape", vec![t, ints(&new)], vec![])?)?;
    }
    // `wgt = wgt * (~a.mask); wgt.mask |= a.mask`.
    let (wdata, wmask) = match am.mask() {
        None => (wgt, None),
        Some(k) => {
            let keep = s.np("logical_not", vec![Value::Array(k.clone())], vec![])?;
            let w = array_of(s.np("multiply", vec![Value::Array(wgt), keep], vec![])?)?;
            (w, Some(k))
        }
    };
    let wm = Masked::new(wdata.clone(), wmask.clone()).into_value();
    let mut skw = vec![
        ("axis".to_string(), axis_v.clone()),
        ("dtype".to_string(), rd.clone()),
    ];
    skw.extend(kd.clone());
    let scl = s.call_method_registered(
        &wm,
        "sum",
        Args {
            pos: vec![],
            kw: skw,
        },
    )?;
    // `np.multiply(a, wgt, dtype=result_dtype)`: the product of the
    // data, masked where either is.
    let prod = s.np(
        "multiply",
        vec![Value::Array(view(&am.data)), Value::Array(wdata)],
        vec![("dtype", rd)],
    )?;
    let pmask = match (am.mask(), wmask) {
        (Some(k), _) => Some(k),
        (None, w) => w,
    };
    let prod = match pmask {
        Some(k) => Masked::new(array_of(prod)?, Some(k.copy_kept()?)),
        None => Masked::new(array_of(prod)?, None),
    }
    .update_from(am)
    .into_value();
    let mut pkw = vec![("axis".to_string(), axis_v)];
    pkw.extend(kd);
    let total = s.call_method_registered(
        &prod,
        "sum",
        Args {
            pos: vec![],
            kw: pkw,
        },
    )?;
    let avg = s.binary(BinOp::Div, &total, &scl)?;
    if !returned {
        return Ok(avg);
    }
    let shape_of = |v: &Value| -> Option<Vec<usize>> {
        match v {
            Value::Array(x) => Some(x.shape()),
            other => as_masked(other).map(|m| m.data.shape()),
        }
    };
    let (ss, sa) = (shape_of(&scl), shape_of(&avg));
    // `np.broadcast_to(scl, avg.shape).copy()`: a plain array.
    let scl = match (ss, sa) {
        (x, y) if x == y => scl,
        (_, y) => {
            let y = y.unwrap_or_default();
            let d = Value::Array(super::core::getdata(&scl)?);
            let b = s.np("broadcast_to", vec![d, ints(&y)], vec![])?;
            s.np("copy", vec![b], vec![])?
        }
    };
    Ok(Value::tuple(vec![avg, scl]))
}
