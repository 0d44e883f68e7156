//! Statistics (issue 17 item 3): `np.cov` and `np.corrcoef` as
//! `_function_base_impl.py` computes them (demeaned data, one `np.dot`,
//! `true_divide`, corrcoef's divisions and clip), and the NaN-skipping
//! `nancumsum`, `nancumprod`, `nanvar`, `nanstd` and `nanmedian` of
//! `_nanfunctions_impl.py`, each as NumPy's sequence of `np.` calls.

use crate::engine::dtype::{DType, Kind};

use super::super::error::{PyError, PyResult};
use super::super::value::{TypeObj, Value};
use super::py::{all, arr, dt, dtype, float, int, ndim, tup, unsupported};
use crate::eval::args::Args;
use crate::eval::session::Session;

pub fn call(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    match name {
        "cov" => cov(
            s,
            args.req(0, "m", name)?,
            args.kw("y"),
            args.kw("rowvar"),
            args,
        ),
        "corrcoef" => corrcoef(s, args),
        "nancumsum" | "nancumprod" => nancum(s, name, args),
        "nanvar" => nanvar(s, args),
        "nanstd" => {
            let var = nanvar(s, args)?;
            match &var {
                Value::Array(_) => s.npk("sqrt", vec![var.clone()], &[("out", var.clone())]),
                _ => {
                    let r = s.npc("sqrt", vec![var.clone()])?;
                    cast_scalar(s, &r, &dtype(&var)?)
                }
            }
        }
        _ => nanmedian(s, args),
    }
}

fn given<'a>(args: &'a Args, name: &str) -> Option<&'a Value> {
    args.kw(name).filter(|v| !matches!(v, Value::None))
}

/// `np.float64(x)` etc.: a scalar of `d`.
fn cast_scalar(s: &mut Session, v: &Value, d: &DType) -> PyResult<Value> {
    s.call(
        &Value::Type(TypeObj::NpScalar(d.clone())),
        Args {
            pos: vec![v.clone()],
            kw: vec![],
        },
    )
}

/// `np.cov(m, y, rowvar, bias, ddof, fweights, aweights, dtype=)`.
fn cov(
    s: &mut Session,
    m: &Value,
    y: Option<&Value>,
    rowvar: Option<&Value>,
    args: &Args,
) -> PyResult<Value> {
    let y = y.filter(|v| !matches!(v, Value::None));
    let ddof = given(args, "ddof").cloned();
    if let Some(d) = &ddof {
        let f = crate::eval::coerce::float_arg(d)?;
        if f != f.trunc() {
            return Err(PyError::value("ddof must be integer"));
        }
    }
    let rowvar = match rowvar {
        Some(v) => s.truth_of(v)?,
        None => true,
    };
    let m = s.npc("asarray", vec![m.clone()])?;
    if ndim(&m)? > 2 {
        return Err(PyError::value("m has more than 2 dimensions"));
    }
    let y = match y {
        Some(y) => {
            let y = s.npc("asarray", vec![y.clone()])?;
            if ndim(&y)? > 2 {
                return Err(PyError::value("y has more than 2 dimensions"));
            }
            Some(y)
        }
        None => None,
    };
    let want = match given(args, "dtype") {
        Some(d) => d.clone(),
        None => {
            let mut v = vec![m.clone()];
            if let Some(y) = &y {
                v.push(y.clone());
            }
            v.push(dt(DType::Float64));
            s.npc("result_type", v)?
        }
    };
    let mut x = s.npk(
        "array",
        vec![m.clone()],
        &[("ndmin", int(2)), ("dtype", want.clone())],
    )?;
    if !rowvar && ndim(&m)? != 1 {
        x = s.getattr(&x, "T")?;
    }
    if arr(&x)?.shape()[0] == 0 {
        let e = s.npc("array", vec![Value::list(vec![])])?;
        return s.mcall(&e, "reshape", vec![int(0), int(0)], &[]);
    }
    if let Some(y) = y {
        let mut y = s.npk(
            "array",
            vec![y],
            &[("copy", Value::None), ("ndmin", int(2)), ("dtype", want)],
        )?;
        if !rowvar && arr(&y)?.shape()[0] != 1 {
            y = s.getattr(&y, "T")?;
        }
        x = s.npk("concatenate", vec![tup(vec![x, y])], &[("axis", int(0))])?;
    }
    let bias = match given(args, "bias") {
        Some(b) => s.truth_of(b)?,
        None => false,
    };
    let ddof = ddof.unwrap_or(int(if bias { 0 } else { 1 }));
    let nobs = arr(&x)?.shape()[1];
    let mut w: Option<Value> = None;
    if let Some(f) = given(args, "fweights") {
        let f = s.npk(
            "asarray",
            vec![f.clone()],
            &[("dtype", Value::Type(TypeObj::Builtin("float")))],
        )?;
        let r = s.npc("around", vec![f.clone()])?;
        let eq = s.npc("equal", vec![f.clone(), r])?;
        let ok = s.npc("all", vec![eq])?;
        if !s.truth_of(&ok)? {
            return Err(PyError::type_error("fweights must be integer"));
        }
        if ndim(&f)? > 1 {
            return Err(PyError::new(
                "RuntimeError",
                "cannot handle multidimensional fweights",
            ));
        }
        if ndim(&f)? == 0 {
            return Err(PyError::new("IndexError", "tuple index out of range"));
        }
        if arr(&f)?.shape()[0] != nobs {
            return Err(PyError::new(
                "RuntimeError",
                "incompatible numbers of samples and fweights",
            ));
        }
        let neg = s.npc("less", vec![f.clone(), int(0)])?;
        let any = s.npc("any", vec![neg])?;
        if s.truth_of(&any)? {
            return Err(PyError::value("fweights cannot be negative"));
        }
        w = Some(f);
    }
    let mut aw: Option<Value> = None;
    if let Some(a) = given(args, "aweights") {
        let a = s.npk(
            "asarray",
            vec![a.clone()],
            &[("dtype", Value::Type(TypeObj::Builtin("float")))],
        )?;
        if ndim(&a)? > 1 {
            return Err(PyError::new(
                "RuntimeError",
                "cannot handle multidimensional aweights",
            ));
        }
        if ndim(&a)? == 0 {
            return Err(PyError::new("IndexError", "tuple index out of range"));
        }
        if arr(&a)?.shape()[0] != nobs {
            return Err(PyError::new(
                "RuntimeError",
                "incompatible numbers of samples and aweights",
            ));
        }
        let neg = s.npc("less", vec![a.clone(), int(0)])?;
        let any = s.npc("any", vec![neg])?;
        if s.truth_of(&any)? {
            return Err(PyError::value("aweights cannot be negative"));
        }
        w = Some(match w {
            None => a.clone(),
            Some(f) => s.npk("multiply", vec![f.clone(), a.clone()], &[("out", f)])?,
        });
        aw = Some(a);
    }
    let mut kw = vec![("axis", int(1)), ("returned", Value::Bool(true))];
    if let Some(w) = &w {
        kw.push(("weights", w.clone()));
    }
    let r = s.npk("average", vec![x.clone()], &kw)?;
    let avg = s.at(&r, int(0))?;
    let wsum = s.at(&r, int(1))?;
    let wsum = s.at(&wsum, int(0))?;
    let ddof_zero = {
        let z = s.npc("equal", vec![ddof.clone(), int(0)])?;
        s.truth_of(&z)?
    };
    let mut fact = match (&w, &aw) {
        (None, _) => s.sub(&int(nobs as i64), &ddof)?,
        _ if ddof_zero => wsum.clone(),
        (Some(_), None) => s.sub(&wsum, &ddof)?,
        (Some(w), Some(a)) => {
            // Python's builtin sum over the 1-d product, left to right.
            let p = s.mul(w, a)?;
            let mut total = int(0);
            for k in 0..arr(&p)?.size() {
                let e = s.at(&p, int(k as i64))?;
                total = s.add(&total, &e)?;
            }
            let t = s.mul(&ddof, &total)?;
            let t = s.div(&t, &wsum)?;
            s.sub(&wsum, &t)?
        }
    };
    let le = s.npc("less_equal", vec![fact.clone(), int(0)])?;
    if s.truth_of(&le)? {
        fact = float(0.0);
    }
    let col = s.at(&avg, tup(vec![all(), Value::None]))?;
    s.npk("subtract", vec![x.clone(), col], &[("out", x.clone())])?;
    let xt = match &w {
        None => s.getattr(&x, "T")?,
        Some(w) => {
            let p = s.mul(&x, w)?;
            s.getattr(&p, "T")?
        }
    };
    let xt = if dtype(&xt)?.kind() == Kind::Complex {
        s.mcall(&xt, "conj", vec![], &[])?
    } else {
        xt
    };
    let c = s.npc("dot", vec![x, xt])?;
    let f = s.npc("true_divide", vec![int(1), fact])?;
    let c = s.npk("multiply", vec![c.clone(), f], &[("out", c)])?;
    s.mcall(&c, "squeeze", vec![], &[])
}

/// `np.corrcoef(x, y=None, rowvar=True, *, dtype=None)`.
fn corrcoef(s: &mut Session, args: &Args) -> PyResult<Value> {
    let x = args.req(0, "x", "corrcoef")?;
    let c = cov(s, x, args.kw("y"), args.kw("rowvar"), args)?;
    if ndim(&c)? == 0 {
        return s.div(&c, &c);
    }
    let d = s.npc("diag", vec![c.clone()])?;
    let re = s.getattr(&d, "real")?;
    let sd = s.npc("sqrt", vec![re])?;
    let col = s.at(&sd, tup(vec![all(), Value::None]))?;
    s.npk("true_divide", vec![c.clone(), col], &[("out", c.clone())])?;
    let row = s.at(&sd, tup(vec![Value::None, all()]))?;
    s.npk("true_divide", vec![c.clone(), row], &[("out", c.clone())])?;
    let cr = s.getattr(&c, "real")?;
    s.npk("clip", vec![cr.clone(), int(-1), int(1)], &[("out", cr)])?;
    if dtype(&c)?.kind() == Kind::Complex {
        let ci = s.getattr(&c, "imag")?;
        s.npk("clip", vec![ci.clone(), int(-1), int(1)], &[("out", ci)])?;
    }
    Ok(c)
}

/// `_replace_nan(a, val)`: a copy with NaNs set to `val` (inexact
/// input), and the NaN mask; other input as it is, without a mask.
fn replace_nan(s: &mut Session, a: &Value, val: i64) -> PyResult<(Value, Option<Value>)> {
    let a = s.npc("asanyarray", vec![a.clone()])?;
    let d = dtype(&a)?;
    if !matches!(d.kind(), Kind::Float | Kind::Complex) {
        if !d.is_numeric() {
            return Err(unsupported(format!(
                "slicelab's NaN functions do not take {} arrays",
                d.name()
            )));
        }
        return Ok((a, None));
    }
    let mask = s.npc("isnan", vec![a.clone()])?;
    let a = s.npk("array", vec![a], &[("copy", Value::Bool(true))])?;
    s.npk(
        "copyto",
        vec![a.clone(), int(val)],
        &[("where", mask.clone())],
    )?;
    Ok((a, Some(mask)))
}

/// `np.nancumsum` / `np.nancumprod`: NaN replaced by 0 / 1, then
/// `np.cumsum` / `np.cumprod` with the same arguments.
fn nancum(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    let sum = name == "nancumsum";
    let (a, _) = replace_nan(s, args.req(0, "a", name)?, if sum { 0 } else { 1 })?;
    let mut kw = vec![];
    for k in ["axis", "dtype", "out"] {
        if let Some(v) = args.kw(k) {
            kw.push((k, v.clone()));
        }
    }
    s.npk(if sum { "cumsum" } else { "cumprod" }, vec![a], &kw)
}

/// `np.nanvar(a, axis, dtype, out, ddof, keepdims)`.
fn nanvar(s: &mut Session, args: &Args) -> PyResult<Value> {
    let (a, mask) = replace_nan(s, args.req(0, "a", "nanvar")?, 0)?;
    let axis = args.kw("axis").cloned().unwrap_or(Value::None);
    let dtv = given(args, "dtype").cloned();
    let ddof = args.kw("ddof").cloned().unwrap_or(int(0));
    let keep = args.kw("keepdims").cloned();
    let Some(mask) = mask else {
        let mut kw = vec![("axis", axis), ("ddof", ddof)];
        if let Some(d) = dtv {
            kw.push(("dtype", d));
        }
        if let Some(k) = keep {
            kw.push(("keepdims", k));
        }
        return s.npk("var", vec![a], &kw);
    };
    if let Some(d) = &dtv {
        let d = super::super::dtype_arg::dtype_arg(d)?;
        if !matches!(d.kind(), Kind::Float | Kind::Complex) {
            return Err(PyError::type_error(
                "If a is inexact, then dtype must be inexact",
            ));
        }
    }
    let notm = s.npc("logical_not", vec![mask.clone()])?;
    let cnt = s.npk(
        "sum",
        vec![notm],
        &[
            ("axis", axis.clone()),
            ("dtype", dt(DType::Int64)),
            ("keepdims", Value::Bool(true)),
        ],
    )?;
    let mut kw = vec![("axis", axis.clone()), ("keepdims", Value::Bool(true))];
    if let Some(d) = &dtv {
        kw.push(("dtype", d.clone()));
    }
    let avg = s.npk("sum", vec![a.clone()], &kw)?;
    let avg = s.npk(
        "divide",
        vec![avg.clone(), cnt.clone()],
        &[("out", avg), ("casting", Value::str("unsafe"))],
    )?;
    s.npk(
        "subtract",
        vec![a.clone(), avg],
        &[("out", a.clone()), ("casting", Value::str("unsafe"))],
    )?;
    s.npk("copyto", vec![a.clone(), int(0)], &[("where", mask)])?;
    let sqr = if dtype(&a)?.kind() == Kind::Complex {
        let cj = s.mcall(&a, "conj", vec![], &[])?;
        let p = s.npk("multiply", vec![a.clone(), cj], &[("out", a.clone())])?;
        s.getattr(&p, "real")?
    } else {
        s.npk(
            "multiply",
            vec![a.clone(), a.clone()],
            &[("out", a.clone())],
        )?
    };
    let mut kw = vec![("axis", axis.clone())];
    if let Some(d) = &dtv {
        kw.push(("dtype", d.clone()));
    }
    if let Some(k) = &keep {
        kw.push(("keepdims", k.clone()));
    }
    let var = s.npk("sum", vec![sqr], &kw)?;
    let mut cnt = cnt;
    if ndim(&var)? < ndim(&cnt)? {
        cnt = s.mcall(&cnt, "squeeze", vec![axis], &[])?;
    }
    let dof = s.sub(&cnt, &ddof)?;
    let var = match &var {
        Value::Array(_) => s.npk(
            "divide",
            vec![var.clone(), dof.clone()],
            &[("out", var.clone()), ("casting", Value::str("unsafe"))],
        )?,
        _ => {
            let q = s.div(&var, &dof)?;
            cast_scalar(s, &q, &dtype(&var)?)?
        }
    };
    let bad = s.npc("less_equal", vec![dof, int(0)])?;
    let any = s.npc("any", vec![bad.clone()])?;
    if s.truth_of(&any)? {
        return match &var {
            Value::Array(_) => {
                s.npk(
                    "copyto",
                    vec![var.clone(), float(f64::NAN)],
                    &[("where", bad)],
                )?;
                Ok(var)
            }
            _ => cast_scalar(s, &float(f64::NAN), &dtype(&var)?),
        };
    }
    Ok(var)
}

/// `np.nanmedian(a, axis=None, keepdims=...)`: per lane, the NaNs
/// dropped and the mean of the two middle values of the sorted rest
/// (`(low + high) / 2`, as both `np.median` and `np.ma.median` compute
/// it), NaN for a lane with no numbers.
fn nanmedian(s: &mut Session, args: &Args) -> PyResult<Value> {
    let a = s.npc("asanyarray", vec![args.req(0, "a", "nanmedian")?.clone()])?;
    let axis = given(args, "axis").cloned();
    let keep = match args.kw("keepdims") {
        Some(k) => s.truth_of(k)?,
        None => false,
    };
    if arr(&a)?.size() == 0 {
        let mut kw = vec![("axis", axis.unwrap_or(Value::None))];
        if let Some(k) = args.kw("keepdims") {
            kw.push(("keepdims", k.clone()));
        }
        return s.npk("nanmean", vec![a], &kw);
    }
    let d = dtype(&a)?;
    let work = match d.kind() {
        Kind::Float if d != DType::Float16 => a.clone(),
        Kind::Int | Kind::UInt | Kind::Bool => {
            s.mcall(&a, "astype", vec![dt(DType::Float64)], &[])?
        }
        _ => {
            return Err(unsupported(format!(
                "slicelab's np.nanmedian does not take {} arrays",
                d.name()
            )));
        }
    };
    let nd = ndim(&a)?;
    let ax = match &axis {
        None => None,
        Some(Value::Tuple(_) | Value::List(_)) => {
            return Err(unsupported(
                "slicelab's np.nanmedian takes one axis, not a tuple",
            ));
        }
        Some(v) => {
            let i = crate::eval::coerce::int_arg(v, "")?;
            Some(
                crate::engine::reduce::normalize_axis(i, nd)
                    .map_err(|e| PyError::new("AxisError", e.to_string()))?,
            )
        }
    };
    // `_nanmedian1d` (no axis, or one dimension): NaNs removed as
    // `_remove_nan_1d` moves them, then `np.median` of the rest; an
    // all-NaN array gives its last element.
    if ax.is_none() || nd == 1 {
        let flat = arr(&s.mcall(&a, "ravel", vec![], &[])?)?;
        if let Some(kept) = crate::eval::searching::nan_free_1d(&flat)? {
            let med = if kept.size() == 0 {
                s.at(&Value::Array(flat.clone()), int(-1))?
            } else {
                s.npc("median", vec![Value::Array(kept)])?
            };
            return if keep {
                let m = s.npc("asarray", vec![med])?;
                s.mcall(&m, "reshape", vec![tup(vec![int(1); nd])], &[])
            } else {
                Ok(med)
            };
        }
    }
    let lanes = match ax {
        None => s.mcall(&work, "ravel", vec![], &[])?,
        Some(k) => s.npc("moveaxis", vec![work, int(k as i64), int(-1)])?,
    };
    let srt = s.npk("sort", vec![lanes], &[("axis", int(-1))])?;
    let isn = s.npc("isnan", vec![srt.clone()])?;
    let ok = s.npc("logical_not", vec![isn])?;
    let cnt = s.npk(
        "sum",
        vec![ok],
        &[("axis", int(-1)), ("keepdims", Value::Bool(true))],
    )?;
    let c1 = s.sub(&cnt, &int(1))?;
    let lo = s.op(crate::syntax::ast::BinOp::FloorDiv, &c1, &int(2))?;
    let lo = s.npc("maximum", vec![lo, int(0)])?;
    let hi = s.op(crate::syntax::ast::BinOp::FloorDiv, &cnt, &int(2))?;
    let low = s.npc("take_along_axis", vec![srt.clone(), lo, int(-1)])?;
    let high = s.npc("take_along_axis", vec![srt, hi, int(-1)])?;
    let sum = s.add(&low, &high)?;
    let med = s.div(&sum, &int(2))?;
    let none = s.npc("equal", vec![cnt, int(0)])?;
    let med = s.npc("where", vec![none, float(f64::NAN), med])?;
    let med = s.at(&med, tup(vec![Value::Ellipsis, int(0)]))?;
    // One lane: NumPy's median of it is a scalar.
    let med = if ndim(&med)? == 0 {
        s.at(&med, tup(vec![]))?
    } else {
        med
    };
    match ax {
        None if keep => {
            let shape = tup(vec![int(1); nd]);
            let m = s.npc("asarray", vec![med])?;
            s.mcall(&m, "reshape", vec![shape], &[])
        }
        None => Ok(med),
        Some(k) if keep => s.npc("expand_dims", vec![med, int(k as i64)]),
        Some(_) => Ok(med),
    }
}
