//! `np.histogramdd` and `np.histogram2d`, as `_histograms_impl.py` and
//! `_twodim_base_impl.py` compute them: edges per dimension (`linspace`
//! over the outer edges, or the given edges), `searchsorted(side='right')`
//! with values on the last edge moved into the last bin, one
//! `ravel_multi_index` and `bincount`, then the core (outlier bins cut
//! off, a view of the counts) and, for `density=True`, the divisions by
//! each dimension's bin widths and the total.

use super::super::error::{PyError, PyResult};
use super::super::value::{TypeObj, Value};
use super::histogram::outer_edges_of;
use super::py::{all, arr, int, ndim, sl, tup};
use crate::eval::args::Args;
use crate::eval::session::Session;

/// Python's `len(v)`, or `None` where `len` raises TypeError.
fn py_len(s: &mut Session, v: &Value) -> PyResult<Option<usize>> {
    Ok(match v {
        Value::List(_) | Value::Tuple(_) | Value::Str(_) => Some(s.iterate_all(v)?.len()),
        Value::Array(a) if a.ndim() > 0 => Some(a.shape()[0]),
        _ => None,
    })
}

/// `np.histogramdd(sample, bins=10, range=None, density=None, weights=None)`.
pub fn histogramdd(s: &mut Session, args: &Args) -> PyResult<Value> {
    let sample = args.req(0, "sample", "histogramdd")?.clone();
    dd(
        s,
        sample,
        args.kw("bins").cloned().unwrap_or(int(10)),
        args.kw("range").cloned().unwrap_or(Value::None),
        args.kw("density").cloned().unwrap_or(Value::None),
        args.kw("weights").cloned().unwrap_or(Value::None),
    )
}

fn dd(
    s: &mut Session,
    sample: Value,
    bins: Value,
    range: Value,
    density: Value,
    weights: Value,
) -> PyResult<Value> {
    let sample = match &sample {
        Value::Array(a) if a.ndim() == 2 => sample.clone(),
        _ => {
            let t = s.npc("atleast_2d", vec![sample.clone()])?;
            s.getattr(&t, "T")?
        }
    };
    let shape = arr(&sample)?.shape();
    if shape.len() != 2 {
        return Err(PyError::value("too many values to unpack (expected 2)"));
    }
    let d = shape[1];
    let weights = match weights {
        Value::None => Value::None,
        w => s.npc("asarray", vec![w])?,
    };
    let bins: Vec<Value> = match py_len(s, &bins)? {
        Some(m) => {
            if m != d {
                return Err(PyError::value(
                    "The dimension of bins must be equal to the dimension of the sample x.",
                ));
            }
            (0..d)
                .map(|i| s.at(&bins, int(i as i64)))
                .collect::<PyResult<_>>()?
        }
        None => vec![bins; d],
    };
    let ranges: Vec<Value> = match &range {
        Value::None => vec![Value::None; d],
        r => {
            if py_len(s, r)? != Some(d) {
                return Err(PyError::value(
                    "range argument must have one entry per dimension",
                ));
            }
            s.iterate_all(r)?
        }
    };
    let mut edges: Vec<Value> = Vec::with_capacity(d);
    let mut dedges: Vec<Value> = Vec::with_capacity(d);
    let mut nbin: Vec<i64> = Vec::with_capacity(d);
    for i in 0..d {
        let b = &bins[i];
        let column = s.at(&sample, tup(vec![all(), int(i as i64)]))?;
        let e = match ndim(b)? {
            0 => {
                let lt = s.npc("less", vec![b.clone(), int(1)])?;
                if s.truth_of(&lt)? {
                    return Err(PyError::value(format!(
                        "`bins[{i}]` must be positive, when an integer"
                    )));
                }
                let r = match &ranges[i] {
                    Value::None => None,
                    r => Some(r.clone()),
                };
                let (lo, hi) = outer_edges_of(s, &column, r.as_ref())?;
                let n = match b {
                    Value::Int(_) | Value::Bool(_) => crate::eval::coerce::int_arg(b, "")?,
                    Value::NpScalar(dt, _) if dt.is_integer() => {
                        crate::eval::coerce::int_arg(b, "")?
                    }
                    _ => {
                        return Err(PyError::type_error(format!(
                            "`bins[{i}]` must be an integer, when a scalar"
                        )));
                    }
                };
                s.npc("linspace", vec![lo, hi, int(n.saturating_add(1))])?
            }
            1 => {
                let e = s.npc("asarray", vec![b.clone()])?;
                let lo = s.at(&e, sl(None, Some(-1)))?;
                let hi = s.at(&e, sl(Some(1), None))?;
                let gt = s.npc("greater", vec![lo, hi])?;
                let any = s.npc("any", vec![gt])?;
                if s.truth_of(&any)? {
                    return Err(PyError::value(format!(
                        "`bins[{i}]` must be monotonically increasing, when an array"
                    )));
                }
                e
            }
            _ => {
                return Err(PyError::value(format!(
                    "`bins[{i}]` must be a scalar or 1d array"
                )));
            }
        };
        nbin.push(arr(&e)?.shape()[0] as i64 + 1);
        dedges.push(s.npc("diff", vec![e.clone()])?);
        edges.push(e);
    }
    let mut counts = Vec::with_capacity(d);
    for (i, e) in edges.iter().enumerate() {
        let column = s.at(&sample, tup(vec![all(), int(i as i64)]))?;
        counts.push(s.npk(
            "searchsorted",
            vec![e.clone(), column],
            &[("side", Value::str("right"))],
        )?);
    }
    for (i, e) in edges.iter().enumerate() {
        let column = s.at(&sample, tup(vec![all(), int(i as i64)]))?;
        let last = s.at(e, int(-1))?;
        let on_edge = s.npc("equal", vec![column, last])?;
        let cur = s.at(&counts[i], on_edge.clone())?;
        let new = s.sub(&cur, &int(1))?;
        s.set_at(&counts[i], on_edge, &new)?;
    }
    let dims = tup(nbin.iter().map(|&n| int(n)).collect());
    let xy = s.npc("ravel_multi_index", vec![tup(counts), dims.clone()])?;
    let total: i64 = nbin.iter().fold(1i64, |a, &n| a.saturating_mul(n));
    let hist = s.npk("bincount", vec![xy, weights], &[("minlength", int(total))])?;
    let hist = s.mcall(&hist, "reshape", vec![dims], &[])?;
    let hist = s.mcall(
        &hist,
        "astype",
        vec![Value::Type(TypeObj::Builtin("float"))],
        &[("casting", Value::str("safe"))],
    )?;
    let core = tup(vec![sl(Some(1), Some(-1)); d]);
    let mut hist = s.at(&hist, core)?;
    if s.truth_of(&density)? {
        let total = s.mcall(&hist, "sum", vec![], &[])?;
        for (i, de) in dedges.iter().enumerate() {
            let mut shape = vec![int(1); d];
            shape[i] = int(nbin[i] - 2);
            let w = s.mcall(de, "reshape", vec![tup(shape)], &[])?;
            hist = s.div(&hist, &w)?;
        }
        hist = s.npk(
            "true_divide",
            vec![hist.clone(), total],
            &[("out", hist.clone())],
        )?;
    }
    Ok(tup(vec![hist, Value::list(edges)]))
}

/// `np.histogram2d(x, y, bins=10, range=None, density=None, weights=None)`.
pub fn histogram2d(s: &mut Session, args: &Args) -> PyResult<Value> {
    let x = args.req(0, "x", "histogram2d")?.clone();
    let y = args.req(1, "y", "histogram2d")?.clone();
    let (lx, ly) = (py_len(s, &x)?, py_len(s, &y)?);
    let (Some(lx), Some(ly)) = (lx, ly) else {
        let which = if lx.is_none() { &x } else { &y };
        return Err(PyError::type_error(format!(
            "object of type '{}' has no len()",
            which.type_name()
        )));
    };
    if lx != ly {
        return Err(PyError::value("x and y must have the same length."));
    }
    let mut bins = args.kw("bins").cloned().unwrap_or(int(10));
    let n = py_len(s, &bins)?.unwrap_or(1);
    if n != 1 && n != 2 {
        let e = s.npc("asarray", vec![bins])?;
        bins = Value::list(vec![e.clone(), e]);
    }
    let r = dd(
        s,
        Value::list(vec![x, y]),
        bins,
        args.kw("range").cloned().unwrap_or(Value::None),
        args.kw("density").cloned().unwrap_or(Value::None),
        args.kw("weights").cloned().unwrap_or(Value::None),
    )?;
    let hist = s.at(&r, int(0))?;
    let edges = s.at(&r, int(1))?;
    let ex = s.at(&edges, int(0))?;
    let ey = s.at(&edges, int(1))?;
    Ok(tup(vec![hist, ex, ey]))
}
