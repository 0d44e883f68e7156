//! `np.histogram` and `np.histogram_bin_edges`, step for step as
//! `numpy/lib/_histograms_impl.py` (NumPy 2.4.6) does them: the outer
//! edges, `_unsigned_subtract`, the bin-width estimators, the edges from
//! `np.linspace`, then either the uniform-bin fast path (index arithmetic
//! corrected against the edges, `np.bincount`) or the sorted
//! `searchsorted` path. Every step is the same `np.` call NumPy makes, so
//! a value on an edge lands in NumPy's bin and the digits are NumPy's.

use crate::engine::dtype::DType;
use crate::syntax::ast::BinOp;

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::py::{arr, dt, dtype, float, int, ndim, sl, tup, unsupported};
use crate::eval::args::Args;
use crate::eval::session::Session;

/// NumPy's `BLOCK`: the fast paths work on this many values at a time.
const BLOCK: usize = 65536;

const ESTIMATORS: &[&str] = &[
    "stone", "auto", "doane", "fd", "rice", "scott", "sqrt", "sturges",
];

/// `np.histogram(...)` (or only its edges for `histogram_bin_edges`).
pub fn histogram(s: &mut Session, args: &Args, edges_only: bool) -> PyResult<Value> {
    let name = if edges_only {
        "histogram_bin_edges"
    } else {
        "histogram"
    };
    let a = args.req(0, "a", name)?.clone();
    let bins = args.kw("bins").cloned().unwrap_or(Value::Int(10));
    let range = args
        .kw("range")
        .cloned()
        .filter(|v| !matches!(v, Value::None));
    let weights = args
        .kw("weights")
        .cloned()
        .filter(|v| !matches!(v, Value::None));
    let density = match args.kw("density") {
        Some(v) => s.truth_of(v)?,
        None => false,
    };
    let (a, weights) = ravel_and_check_weights(s, &a, weights)?;
    let (edges, uniform) = bin_edges(s, &a, &bins, range.as_ref(), weights.as_ref())?;
    if edges_only {
        return Ok(edges);
    }
    let ntype = match &weights {
        None => DType::Int64,
        Some(w) => dtype(w)?,
    };
    if !ntype.is_numeric() {
        return Err(unsupported(format!(
            "slicelab's np.histogram does not take weights of dtype {}",
            ntype.name()
        )));
    }
    let len = arr(&a)?.size();
    let n = match uniform {
        Some((first, last, nbins)) => {
            if ntype.kind() == crate::engine::dtype::Kind::Complex {
                return Err(unsupported(
                    "slicelab's np.histogram does not take complex weights with equal-width bins",
                ));
            }
            let mut n = s.npc("zeros", vec![int(nbins), dt(ntype.clone())])?;
            let denom = unsigned_subtract(s, &last, &first)?;
            let edt = dtype(&edges)?;
            for i in (0..len).step_by(BLOCK) {
                let block = sl(Some(i as i64), Some((i + BLOCK) as i64));
                let mut ta = s.at(&a, block.clone())?;
                let mut tw = match &weights {
                    Some(w) => Some(s.at(w, block)?),
                    None => None,
                };
                let lo = s.npc("greater_equal", vec![ta.clone(), first.clone()])?;
                let hi = s.npc("less_equal", vec![ta.clone(), last.clone()])?;
                let keep = s.op(BinOp::BitAnd, &lo, &hi)?;
                let every = s.npc("all", vec![keep.clone()])?;
                if !s.truth_of(&every)? {
                    ta = s.at(&ta, keep.clone())?;
                    if let Some(w) = tw {
                        tw = Some(s.at(&w, keep)?);
                    }
                }
                let ta = s.mcall(
                    &ta,
                    "astype",
                    vec![dt(edt.clone())],
                    &[("copy", Value::Bool(false))],
                )?;
                let shifted = unsigned_subtract(s, &ta, &first)?;
                let scaled = s.div(&shifted, &denom)?;
                let f = s.mul(&scaled, &int(nbins))?;
                let idx = s.mcall(&f, "astype", vec![dt(DType::Int64)], &[])?;
                let top = s.npc("equal", vec![idx.clone(), int(nbins)])?;
                step(s, &idx, &top, -1)?;
                let at_edges = s.at(&edges, idx.clone())?;
                let dec = s.npc("less", vec![ta.clone(), at_edges])?;
                step(s, &idx, &dec, -1)?;
                let next = s.add(&idx, &int(1))?;
                let at_next = s.at(&edges, next)?;
                let ge = s.npc("greater_equal", vec![ta.clone(), at_next])?;
                let not_last = s.npc("not_equal", vec![idx.clone(), int(nbins - 1)])?;
                let inc = s.op(BinOp::BitAnd, &ge, &not_last)?;
                step(s, &idx, &inc, 1)?;
                let mut kw = vec![("minlength", int(nbins))];
                if let Some(w) = tw {
                    kw.push(("weights", w));
                }
                let counts = s.npk("bincount", vec![idx], &kw)?;
                let counts = s.mcall(&counts, "astype", vec![dt(ntype.clone())], &[])?;
                n = s.add(&n, &counts)?;
            }
            n
        }
        None => {
            let shape = Value::tuple(vec![int(arr(&edges)?.size() as i64)]);
            let mut cum = s.npc("zeros", vec![shape, dt(ntype.clone())])?;
            for i in (0..len).step_by(BLOCK) {
                let block = sl(Some(i as i64), Some((i + BLOCK) as i64));
                let ta = s.at(&a, block.clone())?;
                let add = match &weights {
                    None => {
                        let sa = s.npc("sort", vec![ta])?;
                        search_sorted_inclusive(s, &sa, &edges)?
                    }
                    Some(w) => {
                        let zero = s.npc("zeros", vec![int(1), dt(ntype.clone())])?;
                        let tw = s.at(w, block)?;
                        let order = s.npc("argsort", vec![ta.clone()])?;
                        let sa = s.at(&ta, order.clone())?;
                        let sw = s.at(&tw, order)?;
                        let cs = s.mcall(&sw, "cumsum", vec![], &[])?;
                        let cw = s.npc("concatenate", vec![tup(vec![zero, cs])])?;
                        let bi = search_sorted_inclusive(s, &sa, &edges)?;
                        s.at(&cw, bi)?
                    }
                };
                cum = s.npk("add", vec![cum.clone(), add], &[("out", cum.clone())])?;
            }
            s.npc("diff", vec![cum])?
        }
    };
    if density {
        let d = s.npc("diff", vec![edges.clone()])?;
        let db = s.npc(
            "array",
            vec![
                d,
                Value::Type(super::super::value::TypeObj::Builtin("float")),
            ],
        )?;
        let total = s.mcall(&n, "sum", vec![], &[])?;
        let q = s.div(&n, &db)?;
        let q = s.div(&q, &total)?;
        return Ok(tup(vec![q, edges]));
    }
    Ok(tup(vec![n, edges]))
}

/// `idx[mask] += by` (Python's augmented assignment on a subscript).
fn step(s: &mut Session, idx: &Value, mask: &Value, by: i64) -> PyResult<()> {
    let cur = s.at(idx, mask.clone())?;
    let new = s.add(&cur, &int(by))?;
    s.set_at(idx, mask.clone(), &new)
}

/// `_ravel_and_check_weights`: `a` as a flat array (bool data as uint8),
/// the weights flat after a shape check.
fn ravel_and_check_weights(
    s: &mut Session,
    a: &Value,
    weights: Option<Value>,
) -> PyResult<(Value, Option<Value>)> {
    let mut a = s.npc("asarray", vec![a.clone()])?;
    if dtype(&a)? == DType::Bool {
        // NumPy warns (RuntimeWarning) and converts; the transcript shows
        // no warnings.
        a = s.mcall(&a, "astype", vec![dt(DType::UInt8)], &[])?;
    }
    let weights = match weights {
        Some(w) => {
            let w = s.npc("asarray", vec![w])?;
            if arr(&w)?.shape() != arr(&a)?.shape() {
                return Err(PyError::value("weights should have the same shape as a."));
            }
            Some(s.mcall(&w, "ravel", vec![], &[])?)
        }
        None => None,
    };
    let a = s.mcall(&a, "ravel", vec![], &[])?;
    Ok((a, weights))
}

/// `_get_outer_edges(a, range)`.
fn outer_edges(s: &mut Session, a: &Value, range: Option<&Value>) -> PyResult<(Value, Value)> {
    let (mut first, mut last) = match range {
        Some(r) => {
            let items = unpack2(s, r)?;
            let (f, l) = (items[0].clone(), items[1].clone());
            let gt = s.npc("greater", vec![f.clone(), l.clone()])?;
            if s.truth_of(&gt)? {
                return Err(PyError::value(
                    "max must be larger than min in range parameter.",
                ));
            }
            if !finite_pair(s, &f, &l)? {
                let (fs, ls) = (s.py_str(&f)?, s.py_str(&l)?);
                return Err(PyError::value(format!(
                    "supplied range of [{fs}, {ls}] is not finite"
                )));
            }
            (f, l)
        }
        None if arr(a)?.size() == 0 => (int(0), int(1)),
        None => {
            let f = s.mcall(a, "min", vec![], &[])?;
            let l = s.mcall(a, "max", vec![], &[])?;
            if !finite_pair(s, &f, &l)? {
                let (fs, ls) = (s.py_str(&f)?, s.py_str(&l)?);
                return Err(PyError::value(format!(
                    "autodetected range of [{fs}, {ls}] is not finite"
                )));
            }
            (f, l)
        }
    };
    let eq = s.npc("equal", vec![first.clone(), last.clone()])?;
    if s.truth_of(&eq)? {
        first = s.sub(&first, &float(0.5))?;
        last = s.add(&last, &float(0.5))?;
    }
    Ok((first, last))
}

/// `_get_outer_edges(a, range)` for `histogramdd`.
pub fn outer_edges_of(
    s: &mut Session,
    a: &Value,
    range: Option<&Value>,
) -> PyResult<(Value, Value)> {
    outer_edges(s, a, range)
}

/// `first_edge, last_edge = range` with Python's unpacking messages.
fn unpack2(s: &mut Session, r: &Value) -> PyResult<Vec<Value>> {
    let items = match r {
        Value::Tuple(_) | Value::List(_) | Value::Array(_) => s.iterate_all(r)?,
        other => {
            return Err(PyError::type_error(format!(
                "cannot unpack non-iterable {} object",
                other.type_name()
            )));
        }
    };
    match items.len() {
        2 => Ok(items),
        n if n > 2 => Err(PyError::value("too many values to unpack (expected 2)")),
        n => Err(PyError::value(format!(
            "not enough values to unpack (expected 2, got {n})"
        ))),
    }
}

/// `np.isfinite(f) and np.isfinite(l)`.
fn finite_pair(s: &mut Session, f: &Value, l: &Value) -> PyResult<bool> {
    let ff = s.npc("isfinite", vec![f.clone()])?;
    if !s.truth_of(&ff)? {
        return Ok(false);
    }
    let lf = s.npc("isfinite", vec![l.clone()])?;
    s.truth_of(&lf)
}

/// `_unsigned_subtract(a, b)`: `a - b` in the unsigned partner of a
/// signed integer result type, so an int8 range of 255 does not wrap.
pub fn unsigned_subtract(s: &mut Session, a: &Value, b: &Value) -> PyResult<Value> {
    let rt = s.npc("result_type", vec![a.clone(), b.clone()])?;
    let unsigned = match &rt {
        Value::DType(DType::Int8) => Some(DType::UInt8),
        Value::DType(DType::Int16) => Some(DType::UInt16),
        Value::DType(DType::Int32) => Some(DType::UInt32),
        Value::DType(DType::Int64) => Some(DType::UInt64),
        _ => None,
    };
    match unsigned {
        None => s.npk("subtract", vec![a.clone(), b.clone()], &[("dtype", rt)]),
        Some(u) => {
            let x = s.npc("asarray", vec![a.clone(), rt.clone()])?;
            let y = s.npc("asarray", vec![b.clone(), rt])?;
            s.npk(
                "subtract",
                vec![x, y],
                &[("casting", Value::str("unsafe")), ("dtype", dt(u))],
            )
        }
    }
}

/// `_ptp(x)`.
fn ptp(s: &mut Session, x: &Value) -> PyResult<Value> {
    let hi = s.mcall(x, "max", vec![], &[])?;
    let lo = s.mcall(x, "min", vec![], &[])?;
    unsigned_subtract(s, &hi, &lo)
}

fn size(x: &Value) -> PyResult<i64> {
    Ok(arr(x)?.size() as i64)
}

/// Python's `min(a, b)`: `b` only when `b < a`.
fn py_min(s: &mut Session, a: Value, b: Value) -> PyResult<Value> {
    let lt = s.npc("less", vec![b.clone(), a.clone()])?;
    Ok(if s.truth_of(&lt)? { b } else { a })
}

/// Python's `max(a, b)`: `b` only when `b > a`.
fn py_max(s: &mut Session, a: Value, b: Value) -> PyResult<Value> {
    let gt = s.npc("greater", vec![b.clone(), a.clone()])?;
    Ok(if s.truth_of(&gt)? { b } else { a })
}

/// The bin width `_hist_bin_<name>` estimates.
fn estimate(s: &mut Session, name: &str, x: &Value, range: &(Value, Value)) -> PyResult<Value> {
    let n = size(x)?;
    Ok(match name {
        "sqrt" => {
            let p = ptp(s, x)?;
            let r = s.npc("sqrt", vec![int(n)])?;
            s.div(&p, &r)?
        }
        "sturges" => {
            let p = ptp(s, x)?;
            let l = s.npc("log2", vec![int(n)])?;
            let d = s.add(&l, &float(1.0))?;
            s.div(&p, &d)?
        }
        "rice" => {
            let p = ptp(s, x)?;
            s.div(&p, &float(2.0 * (n as f64).powf(1.0 / 3.0)))?
        }
        "scott" => {
            let f = (24.0 * std::f64::consts::PI.powf(0.5) / n as f64).powf(1.0 / 3.0);
            let sd = s.npc("std", vec![x.clone()])?;
            s.mul(&float(f), &sd)?
        }
        "fd" => {
            let q = Value::list(vec![int(75), int(25)]);
            let p = s.npc("percentile", vec![x.clone(), q])?;
            let hi = s.at(&p, int(0))?;
            let lo = s.at(&p, int(1))?;
            let iqr = s.npc("subtract", vec![hi, lo])?;
            let t = s.mul(&float(2.0), &iqr)?;
            s.mul(&t, &float((n as f64).powf(-1.0 / 3.0)))?
        }
        "auto" => {
            let fd = estimate(s, "fd", x, range)?;
            let sturges = estimate(s, "sturges", x, range)?;
            let sqrt = estimate(s, "sqrt", x, range)?;
            let half = s.div(&sqrt, &int(2))?;
            let fd = py_max(s, fd, half)?;
            py_min(s, fd, sturges)?
        }
        "doane" => {
            if n > 2 {
                let nf = n as f64;
                let sg1 = (6.0 * (n - 2) as f64 / ((nf + 1.0) * (n + 3) as f64)).sqrt();
                let sigma = s.npc("std", vec![x.clone()])?;
                let pos = s.npc("greater", vec![sigma.clone(), float(0.0)])?;
                if s.truth_of(&pos)? {
                    let m = s.npc("mean", vec![x.clone()])?;
                    let t = s.sub(x, &m)?;
                    let t = s.npc("true_divide", vec![t, sigma])?;
                    let t = s.npc("power", vec![t, int(3)])?;
                    let g1 = s.npc("mean", vec![t])?;
                    let p = ptp(s, x)?;
                    let l = s.npc("log2", vec![int(n)])?;
                    let d = s.add(&float(1.0), &l)?;
                    let ag = s.npc("absolute", vec![g1])?;
                    let r = s.div(&ag, &float(sg1))?;
                    let r = s.add(&float(1.0), &r)?;
                    let l2 = s.npc("log2", vec![r])?;
                    let d = s.add(&d, &l2)?;
                    return s.div(&p, &d);
                }
            }
            float(0.0)
        }
        _ => stone(s, x, range)?,
    })
}

/// `_hist_bin_stone`: the number of bins (1..=max(100, sqrt n)) whose
/// cross-validated ISE estimate is least, the first on ties.
fn stone(s: &mut Session, x: &Value, range: &(Value, Value)) -> PyResult<Value> {
    let n = size(x)?;
    let p = ptp(s, x)?;
    let zero = s.npc("equal", vec![p.clone(), int(0)])?;
    if n <= 1 || s.truth_of(&zero)? {
        return Ok(int(0));
    }
    let upper = 100.max((n as f64).sqrt() as i64);
    let r = tup(vec![range.0.clone(), range.1.clone()]);
    let mut best: Option<(i64, Value)> = None;
    for nbins in 1..=upper {
        crate::engine::interrupt::check().map_err(PyError::from)?;
        let hh = s.div(&p, &int(nbins))?;
        let h = s.npk(
            "histogram",
            vec![x.clone()],
            &[("bins", int(nbins)), ("range", r.clone())],
        )?;
        let counts = s.at(&h, int(0))?;
        let pk = s.div(&counts, &int(n))?;
        let dot = s.mcall(&pk, "dot", vec![pk.clone()], &[])?;
        let t = s.mul(&int(n + 1), &dot)?;
        let t = s.sub(&int(2), &t)?;
        let j = s.div(&t, &hh)?;
        let better = match &best {
            None => true,
            Some((_, bj)) => {
                let lt = s.npc("less", vec![j.clone(), bj.clone()])?;
                s.truth_of(&lt)?
            }
        };
        if better {
            best = Some((nbins, j));
        }
    }
    let nbins = best.map_or(1, |(k, _)| k);
    s.div(&p, &int(nbins))
}

/// `_get_bin_edges(a, bins, range, weights)`: the edges, and for equal
/// bins `(first_edge, last_edge, n_equal_bins)`.
#[allow(clippy::type_complexity)]
fn bin_edges(
    s: &mut Session,
    a: &Value,
    bins: &Value,
    range: Option<&Value>,
    weights: Option<&Value>,
) -> PyResult<(Value, Option<(Value, Value, i64)>)> {
    let (first, last, nbins) = match bins {
        Value::Str(name) => {
            if !ESTIMATORS.contains(&name.as_ref()) {
                let r = s.py_repr(bins)?;
                return Err(PyError::value(format!(
                    "{r} is not a valid estimator for `bins`"
                )));
            }
            if weights.is_some() {
                return Err(PyError::type_error(
                    "Automated estimation of the number of bins is not supported for weighted data",
                ));
            }
            let (first, last) = outer_edges(s, a, range)?;
            let mut a = a.clone();
            if range.is_some() {
                let lo = s.npc("greater_equal", vec![a.clone(), first.clone()])?;
                let hi = s.npc("less_equal", vec![a.clone(), last.clone()])?;
                let keep = s.op(BinOp::BitAnd, &lo, &hi)?;
                let every = s.npc("all", vec![keep.clone()])?;
                if !s.truth_of(&every)? {
                    a = s.at(&a, keep)?;
                }
            }
            let nbins = if arr(&a)?.size() == 0 {
                1
            } else {
                let mut width = estimate(s, name, &a, &(first.clone(), last.clone()))?;
                if s.truth_of(&width)? {
                    if dtype(&a)?.is_integer() {
                        let small = s.npc("less", vec![width.clone(), int(1)])?;
                        if s.truth_of(&small)? {
                            width = int(1);
                        }
                    }
                    let delta = unsigned_subtract(s, &last, &first)?;
                    let q = s.div(&delta, &width)?;
                    let c = s.npc("ceil", vec![q])?;
                    python_int(&c)?
                } else {
                    1
                }
            };
            (first, last, nbins)
        }
        // `np.ndim(None)` is 0 (an object array), so None fails as an index.
        Value::None => {
            return Err(PyError::type_error(
                "`bins` must be an integer, a string, or an array",
            ));
        }
        _ if ndim(bins)? == 0 => {
            let n = bins_index(bins)?;
            if n < 1 {
                return Err(PyError::value("`bins` must be positive, when an integer"));
            }
            let (first, last) = outer_edges(s, a, range)?;
            (first, last, n)
        }
        _ if ndim(bins)? == 1 => {
            let edges = s.npc("asarray", vec![bins.clone()])?;
            let lo = s.at(&edges, sl(None, Some(-1)))?;
            let hi = s.at(&edges, sl(Some(1), None))?;
            let gt = s.npc("greater", vec![lo, hi])?;
            let any = s.npc("any", vec![gt])?;
            if s.truth_of(&any)? {
                return Err(PyError::value(
                    "`bins` must increase monotonically, when an array",
                ));
            }
            return Ok((edges, None));
        }
        _ => return Err(PyError::value("`bins` must be 1d, when an array")),
    };
    let bt = s.npc("result_type", vec![first.clone(), last.clone(), a.clone()])?;
    let bt = match bt {
        Value::DType(d) if d.is_integer() || d == DType::Bool => dt(DType::Float64),
        other => other,
    };
    let edges = s.npk(
        "linspace",
        vec![first.clone(), last.clone(), int(nbins.saturating_add(1))],
        &[("endpoint", Value::Bool(true)), ("dtype", bt)],
    )?;
    let lo = s.at(&edges, sl(None, Some(-1)))?;
    let hi = s.at(&edges, sl(Some(1), None))?;
    let ge = s.npc("greater_equal", vec![lo, hi])?;
    let any = s.npc("any", vec![ge])?;
    if s.truth_of(&any)? {
        return Err(PyError::value(format!(
            "Too many bins for data range. Cannot create {nbins} finite-sized bins."
        )));
    }
    Ok((edges, Some((first, last, nbins))))
}

/// `int(x)` of a float result (`int(np.ceil(delta / width))`).
fn python_int(v: &Value) -> PyResult<i64> {
    let f = crate::eval::coerce::float_arg(v)?;
    if f.is_nan() {
        return Err(PyError::value("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(PyError::new(
            "OverflowError",
            "cannot convert float infinity to integer",
        ));
    }
    Ok(f as i64)
}

/// `operator.index(bins)` with histogram's message.
fn bins_index(bins: &Value) -> PyResult<i64> {
    let bad = || PyError::type_error("`bins` must be an integer, a string, or an array");
    match bins {
        Value::Int(i) => Ok((*i).clamp(i64::MIN as i128, i64::MAX as i128) as i64),
        Value::Bool(b) => Ok(*b as i64),
        Value::NpScalar(..) | Value::Array(_) => {
            let d = dtype(bins)?;
            if d.is_integer() || d == DType::Bool {
                crate::eval::coerce::int_arg(bins, "").map_err(|_| bad())
            } else {
                Err(bad())
            }
        }
        _ => Err(bad()),
    }
}

/// `_search_sorted_inclusive(a, v)`: the last edge placed on the right.
fn search_sorted_inclusive(s: &mut Session, a: &Value, v: &Value) -> PyResult<Value> {
    let head = s.at(v, sl(None, Some(-1)))?;
    let tail = s.at(v, sl(Some(-1), None))?;
    let l = s.mcall(a, "searchsorted", vec![head, Value::str("left")], &[])?;
    let r = s.mcall(a, "searchsorted", vec![tail, Value::str("right")], &[])?;
    s.npc("concatenate", vec![tup(vec![l, r])])
}
