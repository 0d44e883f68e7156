//! Reductions, scans, sorts and in-place operators on datetime64 /
//! timedelta64 arrays, with `axis=`: what NumPy's time loops do
//! (`numpy/_core/src/umath/loops.c.src`: `TIMEDELTA_add` makes NaT when
//! either side is NaT, `minimum`/`maximum` propagate NaT, `argmin`/`argmax`
//! stop at the first NaT, sorts put NaT last; `np.ptp` is
//! `maximum.reduce - minimum.reduce` as `_methods._ptp` computes it).
//!
//! Each works lane by lane on the int64 values, in the order NumPy's
//! reduction visits them. Only `a` and `axis` are read; any other argument
//! is refused with NotImplementedError.

use crate::engine::datetime::{self as dtm, NAT};
use crate::engine::index::{self, IndexItem};
use crate::engine::kernels::BinaryOp;
use crate::engine::reduce::normalize_axis;
use crate::engine::{ArrayRef, DType, NdArray, Scalar};

use super::error::{PyError, PyResult};
use super::value::Value;
use crate::eval::args::Args;

/// The `np.` names (and array methods) this module answers.
const NAMES: &[&str] = &[
    "sum", "cumsum", "min", "max", "amin", "amax", "argmin", "argmax", "ptp", "sort", "argsort",
    "mean",
];

/// Does this module answer `np.NAME` / `a.NAME()`?
pub fn answers(name: &str) -> bool {
    NAMES.contains(&name)
}

fn refuse(what: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("slicelab does not implement {what} for datetime64/timedelta64 values yet"),
    )
}

/// `np.NAME(a, axis)` or `a.NAME(axis)`, arguments as written.
pub fn call(name: &str, a: &ArrayRef, args: &Args, method: bool) -> PyResult<Value> {
    let skip = usize::from(!method);
    // The registry's canonical arguments name each one given (positionals
    // are listed twice, by place and by name).
    let axis_given = args.get(skip, "axis").cloned();
    let extra_kw = args.kw.iter().any(|(k, _)| k != "a" && k != "axis");
    if extra_kw || args.pos.len() > skip + usize::from(axis_given.is_some()) {
        return Err(refuse(&format!("np.{name} with these arguments")));
    }
    let sorting = matches!(name, "sort" | "argsort");
    // Sorts default to the last axis; everything else to all of them.
    let axis = match axis_given {
        None if sorting => Some(-1),
        None | Some(Value::None) => None,
        Some(Value::Int(i)) => Some(i as i64),
        Some(Value::NpScalar(d, Scalar::Int(i))) if d.is_integer() => Some(i),
        // A tuple of one axis is that axis; one naming every axis is all
        // of them (`ufunc.reduce` passes its axis on as a tuple).
        Some(Value::Tuple(t)) if t.len() == 1 && !sorting => match &t[0] {
            Value::Int(i) => Some(*i as i64),
            _ => return Err(refuse(&format!("np.{name} with this axis"))),
        },
        Some(Value::Tuple(t))
            if !sorting
                && t.len() == a.ndim()
                && crate::eval::coerce::axes_arg(Some(&Value::Tuple(t.clone())), a.ndim())
                    .is_ok() =>
        {
            None
        }
        Some(_) => return Err(refuse(&format!("np.{name} with this axis"))),
    };
    if method && name == "sort" {
        return Err(refuse("a.sort() in place"));
    }
    let dt = a.dtype().native();
    let DType::Time(unit, delta) = dt else {
        return Err(refuse(&format!("np.{name} of mixed arguments")));
    };
    // Axis None: the flattened array along its one axis.
    let (shape, axis) = match axis {
        None => (vec![a.size()], 0),
        Some(ax) => {
            if a.ndim() == 0 {
                return Err(refuse(&format!("np.{name} of a 0-d datetime with an axis")));
            }
            (a.shape().to_vec(), normalize_axis(ax, a.ndim())?)
        }
    };
    let vals: Vec<i64> = a
        .to_scalars()
        .into_iter()
        .map(|s| if let Scalar::Int(i) = s { i } else { NAT })
        .collect();
    let n = shape[axis];
    let outer: usize = shape[..axis].iter().product();
    let inner: usize = shape[axis + 1..].iter().product();
    let lane = |o: usize, i: usize| -> Vec<i64> {
        (0..n).map(|k| vals[(o * n + k) * inner + i]).collect()
    };
    let mut reduced_shape = shape.clone();
    reduced_shape.remove(axis);
    let reduce = |f: &dyn Fn(&[i64]) -> PyResult<i64>, out_dt: DType| -> PyResult<Value> {
        let mut out = Vec::with_capacity(outer * inner);
        for o in 0..outer {
            crate::engine::interrupt::check()?;
            for i in 0..inner {
                out.push(Scalar::Int(f(&lane(o, i))?));
            }
        }
        let arr = NdArray::from_scalars(&reduced_shape, out_dt.clone(), &out)?;
        Ok(if arr.ndim() == 0 {
            Value::NpScalar(out_dt, arr.first())
        } else {
            Value::Array(arr)
        })
    };
    let empty = |which: &str| {
        PyError::value(format!(
            "zero-size array to reduction operation {which} which has no identity"
        ))
    };
    let td = DType::Time(unit, true);
    match name {
        "sum" | "cumsum" | "mean" if !delta => Err(PyError::type_error(format!(
            "ufunc 'add' cannot use operands with types {0} and {0}",
            crate::render::dtype_repr::dtype_repr(&dt)
        ))),
        "sum" => reduce(&|l| Ok(l.iter().fold(0, |acc, &x| add(acc, x))), dt.clone()),
        // `_methods._mean`: the sum, then `TIMEDELTA_mq_m_divide` by the
        // count (C division, truncating; NaT, or no items, give NaT).
        "mean" => reduce(
            &|l| {
                let total = l.iter().fold(0, |acc, &x| add(acc, x));
                Ok(if total == NAT || l.is_empty() {
                    NAT
                } else {
                    total / l.len() as i64
                })
            },
            dt.clone(),
        ),
        "min" | "amin" | "max" | "amax" | "ptp" if n == 0 && outer * inner > 0 => {
            Err(empty(if name.contains("min") {
                "minimum"
            } else {
                "maximum"
            }))
        }
        "min" | "amin" => reduce(&|l| Ok(extreme(l, true)), dt.clone()),
        "max" | "amax" => reduce(&|l| Ok(extreme(l, false)), dt.clone()),
        "ptp" => reduce(
            &|l| {
                let (hi, lo) = (extreme(l, false), extreme(l, true));
                Ok(if hi == NAT || lo == NAT {
                    NAT
                } else {
                    hi.wrapping_sub(lo)
                })
            },
            td,
        ),
        "argmin" | "argmax" if n == 0 => Err(PyError::value(format!(
            "attempt to get {name} of an empty sequence"
        ))),
        "argmin" | "argmax" => reduce(
            &|l| Ok(arg_extreme(l, name == "argmin") as i64),
            DType::Int64,
        ),
        _ => {
            // cumsum / sort / argsort keep the lane's shape.
            let out_dt = if name == "argsort" {
                DType::Int64
            } else {
                dt.clone()
            };
            let mut out = vec![Scalar::Int(0); outer * n * inner];
            for o in 0..outer {
                crate::engine::interrupt::check()?;
                for i in 0..inner {
                    let l = lane(o, i);
                    let done: Vec<i64> = match name {
                        "cumsum" => {
                            let mut acc = 0;
                            l.iter()
                                .enumerate()
                                .map(|(k, &x)| {
                                    acc = if k == 0 { x } else { add(acc, x) };
                                    acc
                                })
                                .collect()
                        }
                        "sort" => {
                            let mut v = l.clone();
                            v.sort_by_key(|&x| (x == NAT, x));
                            v
                        }
                        _ => {
                            let mut idx: Vec<usize> = (0..n).collect();
                            idx.sort_by_key(|&k| (l[k] == NAT, l[k]));
                            idx.into_iter().map(|k| k as i64).collect()
                        }
                    };
                    for (k, x) in done.into_iter().enumerate() {
                        out[(o * n + k) * inner + i] = Scalar::Int(x);
                    }
                }
            }
            Ok(Value::Array(NdArray::from_scalars(&shape, out_dt, &out)?))
        }
    }
}

/// `TIMEDELTA_add`: NaT on either side is NaT.
fn add(a: i64, b: i64) -> i64 {
    if a == NAT || b == NAT {
        NAT
    } else {
        a.wrapping_add(b)
    }
}

/// `minimum`/`maximum` over a lane: NaT wins.
fn extreme(l: &[i64], min: bool) -> i64 {
    let mut best = l[0];
    for &x in l {
        if best == NAT || x == NAT {
            return NAT;
        }
        if (min && x < best) || (!min && x > best) {
            best = x;
        }
    }
    best
}

/// `argmin`/`argmax`: the first NaT, else the first extreme.
fn arg_extreme(l: &[i64], min: bool) -> usize {
    let mut best = 0;
    for (k, &x) in l.iter().enumerate() {
        if x == NAT {
            return k;
        }
        if (min && x < l[best]) || (!min && x > l[best]) {
            best = k;
        }
    }
    best
}

/// `target op= value` on a datetime array: the operation as NumPy's time
/// loops compute it, the result cast back to the target's unit
/// (`same_kind`) and written through the logged write path.
pub fn inplace(op: BinaryOp, target: &ArrayRef, value: &Value) -> PyResult<()> {
    let res = super::datetime::binary(op, &Value::Array(target.clone()), value)?;
    let res = match res {
        Value::Array(a) => a,
        Value::NpScalar(d, s) => NdArray::from_scalars(&[], d, &[s])?,
        _ => return Err(refuse("this in-place operator")),
    };
    let (DType::Time(tu, td), DType::Time(ru, rd)) =
        (target.dtype().native(), res.dtype().native())
    else {
        return Err(refuse(
            "an in-place operator whose result is not a datetime",
        ));
    };
    if td != rd || res.shape() != target.shape() {
        return Err(refuse("this in-place operator"));
    }
    // Timedeltas cannot cross between years/months and the other units.
    let nonlinear = |u: dtm::TimeUnit| u.base <= dtm::Base::M;
    if td && nonlinear(tu) != nonlinear(ru) {
        return Err(refuse("this in-place timedelta unit change"));
    }
    let vals: Vec<Scalar> = res
        .to_scalars()
        .into_iter()
        .map(|s| {
            let i = if let Scalar::Int(i) = s { i } else { NAT };
            dtm::convert(i, ru, tu, td)
                .map(Scalar::Int)
                .map_err(|(k, m)| PyError::new(k, m))
        })
        .collect::<PyResult<_>>()?;
    let out = NdArray::from_scalars(&target.shape(), target.dtype().native(), &vals)?;
    index::set(target, &[IndexItem::Ellipsis], &out)?;
    Ok(())
}
