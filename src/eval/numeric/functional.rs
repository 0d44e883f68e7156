//! Routines that call the learner's functions (issue 17 item 4):
//! `np.piecewise`, `np.apply_along_axis` and `np.apply_over_axes`, as
//! `_function_base_impl.py` and `_shape_base_impl.py` run them: the same
//! calls of the function, on the same pieces, in the same order, and the
//! result assembled the same way (`apply_along_axis` returns a transposed
//! view of its buffer, as NumPy's does).

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::py::{arr, dt, dtype, int, ndim, tup};
use crate::eval::args::Args;
use crate::eval::session::Session;

/// The extra positional and keyword arguments passed on to the function.
fn extras(args: &Args, npos: usize, named: &[&str]) -> (Vec<Value>, Vec<(String, Value)>) {
    let pos = args.pos.iter().skip(npos).cloned().collect();
    let kw = args
        .kw
        .iter()
        .filter(|(k, _)| !named.contains(&k.as_str()))
        .cloned()
        .collect();
    (pos, kw)
}

/// Python's `callable(f)` for the values slicelab has.
fn callable(f: &Value) -> bool {
    matches!(
        f,
        Value::Function(_) | Value::Method(..) | Value::Type(_) | Value::Object(_)
    )
}

/// `np.piecewise(x, condlist, funclist, *args, **kw)`.
pub fn piecewise(s: &mut Session, args: &Args) -> PyResult<Value> {
    let x = s.npc("asanyarray", vec![args.req(0, "x", "piecewise")?.clone()])?;
    let condlist = args.req(1, "condlist", "piecewise")?.clone();
    let funclist = args.req(2, "funclist", "piecewise")?.clone();
    let (fpos, fkw) = extras(args, 3, &["x", "condlist", "funclist"]);
    let funcs = s.iterate_all(&funclist)?;
    let n2 = funcs.len();
    let scalar = matches!(condlist, Value::Bool(_))
        || matches!(&condlist, Value::NpScalar(d, _) if *d == crate::engine::dtype::DType::Bool);
    let wrap = scalar || {
        let first = s.at(&condlist, int(0))?;
        !matches!(first, Value::List(_) | Value::Array(_)) && ndim(&x)? != 0
    };
    let condlist = if wrap {
        Value::list(vec![condlist])
    } else {
        condlist
    };
    let mut conds = s.npk(
        "asarray",
        vec![condlist],
        &[("dtype", dt(crate::engine::dtype::DType::Bool))],
    )?;
    let mut n = arr(&conds)?.shape().first().copied().unwrap_or(0);
    if arr(&conds)?.ndim() == 0 {
        return Err(PyError::type_error("len() of unsized object"));
    }
    if n + 1 == n2 {
        let any = s.npk(
            "any",
            vec![conds.clone()],
            &[("axis", int(0)), ("keepdims", Value::Bool(true))],
        )?;
        let other = s.npc("logical_not", vec![any])?;
        conds = s.npk(
            "concatenate",
            vec![Value::list(vec![conds, other])],
            &[("axis", int(0))],
        )?;
        n += 1;
    } else if n != n2 {
        return Err(PyError::value(format!(
            "with {n} condition(s), either {n} or {} functions are expected",
            n + 1
        )));
    }
    let y = s.npc("zeros_like", vec![x.clone()])?;
    for (k, func) in funcs.iter().enumerate().take(n) {
        let cond = s.at(&conds, int(k as i64))?;
        if !callable(func) {
            s.set_at(&y, cond, func)?;
        } else {
            let vals = s.at(&x, cond.clone())?;
            if arr(&vals)?.size() > 0 {
                let mut pos = vec![vals];
                pos.extend(fpos.iter().cloned());
                let r = s.call(
                    func,
                    Args {
                        pos,
                        kw: fkw.clone(),
                    },
                )?;
                s.set_at(&y, cond, &r)?;
            }
        }
    }
    Ok(y)
}

/// `np.apply_along_axis(func1d, axis, arr, *args, **kwargs)`.
pub fn apply_along_axis(s: &mut Session, args: &Args) -> PyResult<Value> {
    let func = args.req(0, "func1d", "apply_along_axis")?.clone();
    let axis_v = args.req(1, "axis", "apply_along_axis")?.clone();
    let a = s.npc(
        "asanyarray",
        vec![args.req(2, "arr", "apply_along_axis")?.clone()],
    )?;
    let (fpos, fkw) = extras(args, 3, &["func1d", "axis", "arr"]);
    let nd = ndim(&a)?;
    let i = crate::eval::coerce::int_arg(&axis_v, "")?;
    let axis = crate::engine::reduce::normalize_axis(i, nd)
        .map_err(|e| PyError::new("AxisError", e.to_string()))?;
    let mut perm: Vec<Value> = (0..nd)
        .filter(|&k| k != axis)
        .map(|k| int(k as i64))
        .collect();
    perm.push(int(axis as i64));
    let view = s.npc("transpose", vec![a, tup(perm)])?;
    let outer: Vec<usize> = {
        let sh = arr(&view)?.shape();
        sh[..sh.len() - 1].to_vec()
    };
    let count: usize = outer.iter().product();
    if count == 0 {
        return Err(PyError::value(
            "Cannot apply_along_axis when any iteration dimensions are 0",
        ));
    }
    let index_of = |flat: usize| -> Value {
        let mut rem = flat;
        let mut idx = vec![Value::None; outer.len()];
        for d in (0..outer.len()).rev() {
            idx[d] = int((rem % outer[d]) as i64);
            rem /= outer[d];
        }
        idx.push(Value::Ellipsis);
        tup(idx)
    };
    let call = |s: &mut Session, flat: usize| -> PyResult<Value> {
        let lane = s.at(&view, index_of(flat))?;
        let mut pos = vec![lane];
        pos.extend(fpos.iter().cloned());
        let r = s.call(
            &func,
            Args {
                pos,
                kw: fkw.clone(),
            },
        )?;
        s.npc("asanyarray", vec![r])
    };
    let res = call(s, 0)?;
    let rshape = arr(&res)?.shape();
    let mut bshape: Vec<Value> = outer.iter().map(|&d| int(d as i64)).collect();
    bshape.extend(rshape.iter().map(|&d| int(d as i64)));
    let buff = s.npc("zeros", vec![tup(bshape.clone()), dt(dtype(&res)?)])?;
    s.set_at(&buff, index_of(0), &res)?;
    for flat in 1..count {
        crate::engine::interrupt::check().map_err(PyError::from)?;
        let r = call(s, flat)?;
        s.set_at(&buff, index_of(flat), &r)?;
    }
    let bnd = bshape.len();
    let rnd = rshape.len();
    let mut permute: Vec<usize> = (0..axis).collect();
    permute.extend(bnd - rnd..bnd);
    permute.extend(axis..bnd - rnd);
    let permute = tup(permute.into_iter().map(|k| int(k as i64)).collect());
    s.npc("transpose", vec![buff, permute])
}

/// `np.apply_over_axes(func, a, axes)`.
pub fn apply_over_axes(s: &mut Session, args: &Args) -> PyResult<Value> {
    let func = args.req(0, "func", "apply_over_axes")?.clone();
    let a0 = args.req(1, "a", "apply_over_axes")?.clone();
    let axes_v = args.req(2, "axes", "apply_over_axes")?.clone();
    let mut val = s.npc("asarray", vec![a0.clone()])?;
    let nd_v = s.getattr(&a0, "ndim")?;
    let nd = crate::eval::coerce::int_arg(&nd_v, "")?;
    let axes = if ndim(&axes_v)? == 0 {
        vec![axes_v]
    } else {
        s.iterate_all(&axes_v)?
    };
    for axis in axes {
        let neg = s.npc("less", vec![axis.clone(), int(0)])?;
        let axis = if s.truth_of(&neg)? {
            s.add(&int(nd), &axis)?
        } else {
            axis
        };
        let res = s.call(
            &func,
            Args {
                pos: vec![val.clone(), axis.clone()],
                kw: vec![],
            },
        )?;
        let rn = s.getattr(&res, "ndim")?;
        let vn = s.getattr(&val, "ndim")?;
        let same = s.npc("equal", vec![rn, vn.clone()])?;
        if s.truth_of(&same)? {
            val = res;
        } else {
            let res = s.npc("expand_dims", vec![res, axis])?;
            let rn = s.getattr(&res, "ndim")?;
            let same = s.npc("equal", vec![rn, vn])?;
            if s.truth_of(&same)? {
                val = res;
            } else {
                return Err(PyError::value(
                    "function is not returning an array of the correct shape",
                ));
            }
        }
    }
    Ok(val)
}
