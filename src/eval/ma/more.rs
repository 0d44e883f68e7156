//! More of `np.ma` (issue 17): `argmin`/`argmax`, `cumsum`/`cumprod`,
//! `var`/`std` (methods and functions), `concatenate`, the
//! `_fromnxfunction_seq` joins of `numpy/ma/extras.py` (`stack`,
//! `vstack`, `row_stack`, `hstack`, `column_stack`, `dstack`), `where`
//! and `sort`, each replaying `numpy/ma/core.py` through slicelab's own
//! `np.` functions and masked operators.

use crate::engine::{DType, Scalar};
use crate::syntax::ast::BinOp;

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::core::{array_of, getdata, getmaskarray};
use crate::eval::args::Args;
use crate::eval::object::{Masked, as_masked, is_masked_constant};
use crate::eval::protocol::{iterate, truthy};
use crate::eval::session::Session;

/// The joins `extras.py` makes with `_fromnxfunction_seq`.
pub const SEQ_JOINS: &[&str] = &[
    "stack",
    "vstack",
    "row_stack",
    "hstack",
    "column_stack",
    "dstack",
];

/// `masked_array(data, mask=mask)`.
fn masked_array(s: &mut Session, data: Value, mask: Value) -> PyResult<Value> {
    s.call_registered(
        "np.ma.array",
        Args {
            pos: vec![data],
            kw: vec![("mask".into(), mask)],
        },
    )
}

/// The keyword arguments of `a` except `skip`, for passing on.
fn pass_on(a: &Args, skip: &[&str]) -> Vec<(String, Value)> {
    a.kw.iter()
        .filter(|(k, _)| !skip.contains(&k.as_str()))
        .cloned()
        .collect()
}

/// `m.argmin(axis, fill_value, keepdims)` / `m.argmax(...)`: the data
/// filled with the extreme fill value, then NumPy's `argmin`/`argmax`.
pub fn arg_extreme(s: &mut Session, m: &Masked, which: &str, a: &Args) -> PyResult<Value> {
    let fill = match a.kw("fill_value") {
        Some(v) if !matches!(v, Value::None) => v.clone(),
        _ => super::reduce::extreme_fill(m.data.dtype(), which == "argmin")?,
    };
    let d = super::core::filled(s, m, Some(fill))?;
    let mut kw = vec![("axis", a.kw("axis").cloned().unwrap_or(Value::None))];
    if let Some(k) = a.kw("keepdims") {
        kw.push(("keepdims", Value::Bool(truthy(k)?)));
    }
    s.np(which, vec![Value::Array(d)], kw)
}

/// `m.cumsum(axis, dtype)` / `m.cumprod(...)`: the data filled with 0 / 1,
/// NumPy's accumulation, viewed as a masked array with the mask set
/// (`__setmask__` writes it `.flat`, so a flattened result takes the
/// mask flattened).
pub fn cumulate(s: &mut Session, m: &Masked, which: &str, a: &Args) -> PyResult<Value> {
    let neutral = Value::Int(if which == "cumsum" { 0 } else { 1 });
    let f = super::core::filled(s, m, Some(neutral))?;
    let mut kw = vec![("axis", a.kw("axis").cloned().unwrap_or(Value::None))];
    if let Some(dt) = a.kw("dtype") {
        kw.push(("dtype", dt.clone()));
    }
    let r = array_of(s.np(which, vec![Value::Array(f)], kw)?)?;
    let out = Masked::new(r.clone(), None);
    if let Some(k) = m.mask() {
        let k = if k.shape() == r.shape() {
            Value::Array(k)
        } else {
            s.np("ravel", vec![Value::Array(k)], vec![])?
        };
        super::core::set_mask(s, &out, &k)?;
    }
    Ok(out.into_value())
}

/// `m.var(axis, dtype, ddof, keepdims)`.
pub fn var(s: &mut Session, obj: &Value, m: &Masked, a: &Args) -> PyResult<Value> {
    if a.kw("mean").is_some() {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement MaskedArray.var(mean=...) yet",
        ));
    }
    let axis = a.kw("axis").cloned().unwrap_or(Value::None);
    let ddof = a.kw("ddof").cloned().unwrap_or(Value::Int(0));
    let keep: Vec<(&str, Value)> = a
        .kw("keepdims")
        .map(|k| vec![("keepdims", k.clone())])
        .unwrap_or_default();
    let Some(mask) = m.mask() else {
        // `super().var(...)[()]` on the data: an array result stays a
        // masked array without a mask, a 0-d one becomes the scalar.
        let mut kw = vec![("axis", axis), ("ddof", ddof)];
        if let Some(dt) = a.kw("dtype") {
            kw.push(("dtype", dt.clone()));
        }
        kw.extend(keep);
        let r = s.np("var", vec![Value::Array(super::core::view(&m.data))], kw)?;
        return Ok(match r {
            Value::Array(x) if x.ndim() > 0 => Masked::new(x, None).into_value(),
            Value::Array(x) => super::core::scalar_of(&x),
            other => other,
        });
    };
    let mut ckw = vec![("axis".to_string(), axis.clone())];
    ckw.extend(keep.iter().map(|(k, v)| (k.to_string(), v.clone())));
    let cnt = s.call_method_registered(
        obj,
        "count",
        Args {
            pos: vec![],
            kw: ckw,
        },
    )?;
    let cnt = s.binary(BinOp::Sub, &cnt, &ddof)?;
    let mut mkw = vec![
        ("axis".to_string(), axis.clone()),
        ("keepdims".to_string(), Value::Bool(true)),
    ];
    if let Some(dt) = a.kw("dtype") {
        mkw.push(("dtype".to_string(), dt.clone()));
    }
    let mean = s.call_method_registered(
        obj,
        "mean",
        Args {
            pos: vec![],
            kw: mkw,
        },
    )?;
    let mut danom = s.binary(BinOp::Sub, obj, &mean)?;
    if matches!(
        m.data.dtype().native(),
        DType::Complex64 | DType::Complex128
    ) {
        let ab = s.call_registered(
            "np.ma.absolute",
            Args {
                pos: vec![danom],
                kw: vec![],
            },
        )?;
        danom = s.binary(BinOp::Pow, &ab, &Value::Int(2))?;
    } else {
        danom = s.binary(BinOp::Mul, &danom, &danom)?;
    }
    let mut skw = vec![("axis".to_string(), axis.clone())];
    skw.extend(keep.iter().map(|(k, v)| (k.to_string(), v.clone())));
    let sum = s.call_method_registered(
        &danom,
        "sum",
        Args {
            pos: vec![],
            kw: skw,
        },
    )?;
    // `divide(masked, cnt)` is `masked`.
    if is_masked_constant(&sum) {
        return Ok(super::core::masked());
    }
    let dvar = s.call_registered(
        "np.ma.divide",
        Args {
            pos: vec![sum, cnt.clone()],
            kw: vec![],
        },
    )?;
    match as_masked(&dvar) {
        Some(d) if d.data.ndim() > 0 => {
            // `dvar._mask = mask_or(self._mask.all(axis), cnt <= 0)`.
            let mut akw = vec![("axis", axis)];
            akw.extend(keep);
            let all = s.np("all", vec![Value::Array(mask)], akw)?;
            let le = super::super::ops::numpy_compare(
                crate::engine::kernels::CompareOp::Le,
                &cnt,
                &Value::Int(0),
            )?;
            let newmask = array_of(s.np("logical_or", vec![all, le], vec![])?)?;
            // `mask_or` shrinks an all-False mask to `nomask`.
            let keep = super::core::any(&newmask).then_some(newmask);
            Ok(Masked::new(d.data.clone(), keep)
                .update_from(m)
                .into_value())
        }
        Some(_) => Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement a 0-d masked var result yet",
        )),
        None => Ok(dvar),
    }
}

/// `m.std(...)`: `sqrt(var)` unless the variance is `masked`.
pub fn std(s: &mut Session, obj: &Value, m: &Masked, a: &Args) -> PyResult<Value> {
    let dvar = var(s, obj, m, a)?;
    if is_masked_constant(&dvar) {
        return Ok(dvar);
    }
    s.call_registered(
        "np.ma.sqrt",
        Args {
            pos: vec![dvar],
            kw: vec![],
        },
    )
}

/// `np.ma.concatenate(arrays, axis=0)`.
pub fn concatenate(s: &mut Session, args: &Args) -> PyResult<Value> {
    let arrays = iterate(args.kw("arrays").unwrap_or(&Value::None))?;
    let axis = args.kw("axis").cloned().unwrap_or(Value::Int(0));
    let datas = arrays
        .iter()
        .map(|a| getdata(a).map(Value::Array))
        .collect::<PyResult<Vec<_>>>()?;
    let d = array_of(s.np(
        "concatenate",
        vec![Value::list(datas), axis.clone()],
        vec![],
    )?)?;
    if arrays.iter().all(|a| super::core::getmask(a).is_none()) {
        return Ok(Masked::new(d, None).into_value());
    }
    let masks = arrays
        .iter()
        .map(|a| getmaskarray(s, a).map(Value::Array))
        .collect::<PyResult<Vec<_>>>()?;
    let dm = s.np("concatenate", vec![Value::list(masks), axis], vec![])?;
    let shape = Value::tuple(d.shape().iter().map(|&n| Value::Int(n as i128)).collect());
    let dm = array_of(s.np("reshape", vec![dm, shape], vec![])?)?;
    // `_shrink_mask`.
    let mask = if super::core::any(&dm) {
        Some(dm)
    } else {
        None
    };
    Ok(Masked::new(d, mask).into_value())
}

/// `_fromnxfunction_seq`: NumPy's join of the data and of the masks.
pub fn seq_join(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    let first = if matches!(name, "stack") {
        "arrays"
    } else {
        "tup"
    };
    let arys = iterate(args.kw(first).unwrap_or(&Value::None))?;
    let kw: Vec<(String, Value)> = pass_on(args, &[first]);
    let datas = arys
        .iter()
        .map(|a| getdata(a).map(Value::Array))
        .collect::<PyResult<Vec<_>>>()?;
    let masks = arys
        .iter()
        .map(|a| getmaskarray(s, a).map(Value::Array))
        .collect::<PyResult<Vec<_>>>()?;
    let func = if name == "row_stack" { "vstack" } else { name };
    let call = |s: &mut Session, items: Vec<Value>| {
        let pos = vec![Value::tuple(items)];
        s.call_registered(
            &format!("np.{func}"),
            Args {
                pos,
                kw: kw.clone(),
            },
        )
    };
    let d = call(s, datas)?;
    let k = call(s, masks)?;
    masked_array(s, d, k)
}

/// `np.ma.where(condition, x, y)`.
pub fn where_(s: &mut Session, args: &Args) -> PyResult<Value> {
    let cond = args.kw("condition").cloned().unwrap_or(Value::None);
    let x = args.kw("x").cloned();
    let y = args.kw("y").cloned();
    let (x, y) = match (x, y) {
        (None, None) => {
            // `nonzero(condition)`: for a masked array
            // `np.asarray(self.filled(0)).nonzero()`.
            let c = match as_masked(&cond) {
                Some(m) => Value::Array(super::core::filled(s, m, Some(Value::Int(0)))?),
                None if is_masked_constant(&cond) => {
                    return Err(PyError::new(
                        "NotImplementedError",
                        "slicelab does not implement np.ma.where(np.ma.masked)",
                    ));
                }
                None => cond,
            };
            return s.np("nonzero", vec![c], vec![]);
        }
        (Some(x), Some(y)) => (x, y),
        _ => {
            return Err(PyError::value("Must provide both 'x' and 'y' or neither."));
        }
    };
    let cf = s.call_registered(
        "np.ma.filled",
        Args {
            pos: vec![cond.clone(), Value::Bool(false)],
            kw: vec![],
        },
    )?;
    let mut xd = Value::Array(getdata(&x)?);
    let mut yd = Value::Array(getdata(&y)?);
    let cm = Value::Array(getmaskarray(s, &cond)?);
    let mut xm = Value::Array(getmaskarray(s, &x)?);
    let mut ym = Value::Array(getmaskarray(s, &y)?);
    let zero_of = |s: &mut Session, like: &Value, one: bool| -> PyResult<Value> {
        let dt = array_of(like.clone())?.dtype().clone();
        s.np(
            if one { "ones" } else { "zeros" },
            vec![Value::tuple(vec![])],
            vec![("dtype", Value::DType(dt))],
        )
    };
    if is_masked_constant(&x) && !is_masked_constant(&y) {
        xd = zero_of(s, &yd, false)?;
        xm = zero_of(s, &ym, true)?;
    } else if is_masked_constant(&y) && !is_masked_constant(&x) {
        yd = zero_of(s, &xd, false)?;
        ym = zero_of(s, &xm, true)?;
    }
    let data = s.np("where", vec![cf.clone(), xd, yd], vec![])?;
    let mask = s.np("where", vec![cf, xm, ym], vec![])?;
    let ones = zero_of(s, &mask, true)?;
    let mask = array_of(s.np("where", vec![cm, ones, mask], vec![])?)?;
    let mask = if super::core::any(&mask) {
        Value::Array(mask)
    } else {
        Value::NpScalar(DType::Bool, Scalar::Bool(false))
    };
    masked_array(s, data, mask)
}

/// `np.ma.sort(a, axis=-1, kind=None, order=None, endwith=True,
/// fill_value=None)`: a copy sorted with masked values at the end (or
/// the start), through `argsort` of the filled data.
pub fn sort(s: &mut Session, args: &Args) -> PyResult<Value> {
    if let Some(st) = args.kw("stable")
        && truthy(st)?
    {
        return Err(PyError::value(
            "`stable` parameter is not supported for masked arrays.",
        ));
    }
    let a = args.kw("a").cloned().unwrap_or(Value::None);
    let mut axis = args.kw("axis").cloned().unwrap_or(Value::Int(-1));
    let kind = args.kw("kind").cloned().unwrap_or(Value::None);
    let endwith = match args.kw("endwith") {
        Some(v) => truthy(v)?,
        None => true,
    };
    let m = match as_masked(&a) {
        Some(m) => Masked::new(super::core::view(&m.data), m.mask()).update_from(m),
        None if is_masked_constant(&a) => {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab does not implement np.ma.sort(np.ma.masked)",
            ));
        }
        // Not a masked array: `np.array(a, copy=True)` sorted as ndarray.
        None => {
            let mut kw = vec![("kind", args.kw("kind").cloned().unwrap_or(Value::None))];
            let d = s.np("array", vec![a.clone()], vec![("copy", Value::Bool(true))])?;
            let (d, axis) = match args.kw("axis") {
                Some(Value::None) => (s.np("ravel", vec![d], vec![])?, Value::Int(0)),
                Some(ax) => (d, ax.clone()),
                None => (d, Value::Int(-1)),
            };
            kw.push(("axis", axis));
            return s.np("sort", vec![d], kw);
        }
    };
    let mut data = array_of(s.np("copy", vec![Value::Array(m.data.clone())], vec![])?)?;
    let mut mask = match m.mask() {
        Some(k) => Some(array_of(s.np("copy", vec![Value::Array(k)], vec![])?)?),
        None => None,
    };
    if matches!(axis, Value::None) {
        data = array_of(s.np("ravel", vec![Value::Array(data)], vec![])?)?;
        if let Some(k) = mask {
            mask = Some(array_of(s.np("ravel", vec![Value::Array(k)], vec![])?)?);
        }
        axis = Value::Int(0);
    }
    let Some(k) = mask else {
        let sorted = s.np(
            "sort",
            vec![Value::Array(data)],
            vec![("axis", axis), ("kind", kind)],
        )?;
        return Ok(Masked::new(array_of(sorted)?, None)
            .update_from(&m)
            .into_value());
    };
    let work = Masked::new(data.clone(), Some(k.clone())).update_from(&m);
    let fill = sort_fill(data.dtype(), endwith, args.kw("fill_value"))?;
    let filled = super::core::filled(s, &work, Some(fill))?;
    let sidx = s.np(
        "argsort",
        vec![Value::Array(filled)],
        vec![("axis", axis.clone()), ("kind", kind)],
    )?;
    let d = s.np(
        "take_along_axis",
        vec![Value::Array(data), sidx.clone(), axis.clone()],
        vec![],
    )?;
    let km = s.np("take_along_axis", vec![Value::Array(k), sidx, axis], vec![])?;
    Ok(Masked::new(array_of(d)?, Some(array_of(km)?))
        .update_from(&m)
        .into_value())
}

/// The fill value `argsort` sorts masked slots with: the one given, else
/// NaN for floats sorted last (NaN sorts after inf), else the dtype's
/// extreme (`minimum_fill_value` to sort last, `maximum_fill_value` first).
pub fn sort_fill(dt: &DType, endwith: bool, given: Option<&Value>) -> PyResult<Value> {
    match given {
        Some(v) if !matches!(v, Value::None) => Ok(v.clone()),
        _ if endwith
            && matches!(
                dt.native(),
                DType::Float16 | DType::Float32 | DType::Float64
            ) =>
        {
            Ok(Value::Float(f64::NAN))
        }
        _ => super::reduce::extreme_fill(dt, endwith),
    }
}

/// `_frommethod`: `np.ma.NAME(a, *args, **params)` calls the method on
/// `a` (made a masked array when it is not one).
pub fn from_method(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    let a = args
        .get(0, "a")
        .or_else(|| args.kw("obj"))
        .cloned()
        .unwrap_or(Value::None);
    let a = if crate::eval::object::is_ma(&a) {
        a
    } else {
        super::core::plain(s, a)?
    };
    let rest = Args {
        pos: vec![],
        kw: pass_on(args, &["a", "obj"]),
    };
    s.call_method_registered(&a, name, rest)
}
