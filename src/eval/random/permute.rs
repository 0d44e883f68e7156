//! Sampling from and reordering data: `choice`, `permutation`, `shuffle`
//! and `permuted`, for the legacy module and the Generator (which differ
//! in how they draw bounded integers and in their messages).
//!
//! Every shuffle is NumPy's Fisher–Yates: for `i` from `n - 1` down to 1,
//! swap `i` with `random_interval(i)`. The swaps are replayed on an index
//! vector, and the array is then written once through the engine's
//! indexed assignment (`x[...] = x[perm]`): the same bytes as NumPy's
//! swaps in place, and an ordinary write the teaching view can see.
//! `permutation` copies; `shuffle` writes into its argument (a view
//! included); `choice(..., replace=False)` on an array gathers.

use crate::engine::index::{self, IndexItem};
use crate::engine::random::bounded::{Method, fill_u64, lemire_one};
use crate::engine::random::{BitGen, SwapDraw};
use crate::engine::{ArrayRef, DType};

use super::super::error::{PyError, PyResult};
use super::super::signature::Bound;
use super::super::value::Value;
use super::args::{filled, size_arg};
use crate::engine::reduce::normalize_axis;
use crate::eval::convert::as_array;
use crate::eval::protocol::{truthy, wrap_indexed};

pub use crate::engine::random::Flavor;

impl Flavor {
    /// The bounded-integer rejection each API uses.
    fn method(self) -> Method {
        match self {
            Flavor::Legacy => Method::Masked,
            Flavor::Generator => Method::Lemire,
        }
    }
}

/// The Fisher–Yates permutation of `0..n` from `first` (1 for a whole shuffle).
pub fn fisher_yates<G: BitGen>(g: &mut G, n: usize) -> Vec<i64> {
    let mut perm: Vec<i64> = (0..n as i64).collect();
    g.fisher_yates(&mut perm, 1, SwapDraw::Interval);
    perm
}

fn index_array(idx: &[i64], shape: &[usize]) -> PyResult<ArrayRef> {
    let Value::Array(a) = filled::<i64>(shape, DType::Int64, |o| o.copy_from_slice(idx))? else {
        unreachable!()
    };
    Ok(a)
}

/// `x` reordered along `axis` by `perm` (a copy).
fn take_along(x: &ArrayRef, perm: &[i64], axis: usize) -> PyResult<ArrayRef> {
    let mut items = vec![IndexItem::Slice(None, None, None); axis];
    items.push(IndexItem::IntArray(index_array(perm, &[perm.len()])?));
    match index::get(x, &items)? {
        index::Indexed::Array(a) => Ok(a),
        index::Indexed::Scalar(_) => unreachable!("an index array gives an array"),
    }
}

/// Write `x[..., perm, ...] ` back into `x` along `axis`: the in-place shuffle.
fn permute_in_place(x: &ArrayRef, perm: &[i64], axis: usize) -> PyResult<()> {
    let taken = take_along(x, perm, axis)?;
    index::set(x, &[IndexItem::Ellipsis], &taken)?;
    Ok(())
}

/// `shuffle(x)` / `shuffle(x, axis)`.
pub fn shuffle<G: BitGen>(g: &mut G, x: &Value, axis: i64, flavor: Flavor) -> PyResult<Value> {
    match x {
        Value::Array(a) => {
            if a.ndim() == 0 {
                return Err(match flavor {
                    Flavor::Legacy => PyError::type_error("len() of unsized object"),
                    Flavor::Generator => PyError::new(
                        "AxisError",
                        format!("axis {axis} is out of bounds for array of dimension 0"),
                    ),
                });
            }
            if !a.writeable() {
                return Err(PyError::value("array is read-only"));
            }
            let ax = normalize_axis(axis, a.ndim())?;
            let perm = fisher_yates(g, a.shape()[ax]);
            permute_in_place(a, &perm, ax)?;
            Ok(Value::None)
        }
        Value::List(l) => {
            if axis != 0 {
                return Err(PyError::new(
                    "NotImplementedError",
                    "Axis argument is only supported on ndarray objects",
                ));
            }
            let n = l.borrow().len();
            let perm = fisher_yates(g, n);
            let old = l.borrow().clone();
            *l.borrow_mut() = perm.iter().map(|&i| old[i as usize].clone()).collect();
            Ok(Value::None)
        }
        other => Err(PyError::type_error(format!(
            "object of type '{}' has no len()",
            other.type_name()
        ))),
    }
}

/// `permutation(x)`: a shuffled `arange(x)` for an int, else a shuffled copy.
pub fn permutation<G: BitGen>(g: &mut G, x: &Value, axis: i64, flavor: Flavor) -> PyResult<Value> {
    if let Value::Int(_) | Value::NpScalar(..) | Value::Bool(_) = x
        && let Ok(n) = super::args::int_param(x)
        && !matches!(x, Value::NpScalar(_, crate::engine::Scalar::Float(_)))
    {
        if n < 0 {
            return Err(PyError::value("negative dimensions are not allowed"));
        }
        let perm = fisher_yates(g, n as usize);
        return Ok(Value::Array(index_array(&perm, &[perm.len()])?));
    }
    let a = as_array(x)?;
    if a.ndim() == 0 {
        return Err(match flavor {
            Flavor::Legacy => PyError::index("x must be an integer or at least 1-dimensional"),
            Flavor::Generator => PyError::new(
                "AxisError",
                format!("axis {axis} is out of bounds for array of dimension 0"),
            ),
        });
    }
    let ax = normalize_axis(axis, a.ndim())?;
    let perm = fisher_yates(g, a.shape()[ax]);
    Ok(Value::Array(take_along(&a, &perm, ax)?))
}

/// Kahan summation, as NumPy checks that `p` sums to 1.
fn kahan_sum(p: &[f64]) -> f64 {
    let (mut sum, mut c) = (0.0f64, 0.0f64);
    for &x in p {
        let y = x - c;
        let t = sum + y;
        c = (t - sum) - y;
        sum = t;
    }
    sum
}

/// The normalised cumulative sum of `p` (`cdf /= cdf[-1]`).
fn cdf_of(p: &[f64]) -> Vec<f64> {
    let mut acc = 0.0;
    let mut cdf: Vec<f64> = p
        .iter()
        .map(|&x| {
            acc += x;
            acc
        })
        .collect();
    if let Some(&last) = cdf.last() {
        cdf.iter_mut().for_each(|c| *c /= last);
    }
    cdf
}

/// `cdf.searchsorted(u, side='right')`.
fn search_right(cdf: &[f64], u: f64) -> i64 {
    cdf.partition_point(|&c| c <= u) as i64
}

fn msg(flavor: Flavor, legacy: &str, generator: &str) -> PyError {
    PyError::value(match flavor {
        Flavor::Legacy => legacy,
        Flavor::Generator => generator,
    })
}

/// `choice(a, size=None, replace=True, p=None[, axis=0, shuffle=True])`.
pub fn choice<G: BitGen>(g: &mut G, flavor: Flavor, b: &Bound) -> PyResult<Value> {
    let a_val = b.required("a");
    let size = size_arg(b.get("size"))?;
    let replace = b.get("replace").map_or(Ok(true), truthy)?;
    let shuffle = b.get("shuffle").map_or(Ok(true), truthy)?;
    let axis_arg = match b.get("axis") {
        Some(v) => super::args::int_param(v)? as i64,
        None => 0,
    };
    let a = as_array(a_val)?;
    let n_samples: usize = size.as_ref().map_or(1, |s| s.iter().product());
    let (pop_size, axis) = if a.ndim() == 0 {
        let pop = match a.first() {
            crate::engine::Scalar::Int(i) => i as i128,
            crate::engine::Scalar::UInt(u) => u as i128,
            crate::engine::Scalar::Bool(b) => b as i128,
            _ => {
                return Err(PyError::value(match flavor {
                    Flavor::Legacy => "a must be 1-dimensional or an integer".to_string(),
                    Flavor::Generator => {
                        format!(
                            "a must be a sequence or an integer, not <class '{}'>",
                            a_val.type_name()
                        )
                    }
                }));
            }
        };
        if pop <= 0 && n_samples != 0 {
            return Err(msg(
                flavor,
                "a must be greater than 0 unless no samples are taken",
                "a must be a positive integer unless no samples are taken",
            ));
        }
        (pop.max(0) as usize, 0)
    } else {
        if flavor == Flavor::Legacy && a.ndim() != 1 {
            return Err(PyError::value("a must be 1-dimensional"));
        }
        // `pop_size = a.shape[axis]`: a tuple index, so an axis out of
        // range is Python's IndexError, not an AxisError.
        let nd = a.ndim() as i64;
        if axis_arg >= nd || axis_arg < -nd {
            return Err(PyError::new("IndexError", "tuple index out of range"));
        }
        let ax = normalize_axis(axis_arg, a.ndim())?;
        let pop = a.shape()[ax];
        if pop == 0 && n_samples != 0 {
            return Err(msg(
                flavor,
                "'a' cannot be empty unless no samples are taken",
                "a cannot be empty unless no samples are taken",
            ));
        }
        (pop, ax)
    };
    let p = match b.get_some("p") {
        None => None,
        Some(pv) => {
            let pa = as_array(pv)?;
            let pa = crate::engine::kernels::cast(&pa, &DType::Float64)?;
            if pa.ndim() != 1 {
                return Err(msg(
                    flavor,
                    "'p' must be 1-dimensional",
                    "p must be 1-dimensional",
                ));
            }
            if pa.size() != pop_size {
                return Err(msg(
                    flavor,
                    "'a' and 'p' must have same size",
                    "a and p must have same size",
                ));
            }
            let pv: Vec<f64> = pa
                .to_scalars()
                .iter()
                .map(crate::engine::element::scalar_as_f64)
                .collect();
            let sum = kahan_sum(&pv);
            if sum.is_nan() {
                return Err(msg(
                    flavor,
                    "probabilities contain NaN",
                    "Probabilities contain NaN",
                ));
            }
            if pv.iter().any(|&x| x < 0.0) {
                return Err(msg(
                    flavor,
                    "probabilities are not non-negative",
                    "Probabilities are not non-negative",
                ));
            }
            if (sum - 1.0).abs() > f64::EPSILON.sqrt() {
                return Err(msg(
                    flavor,
                    "probabilities do not sum to 1",
                    "Probabilities do not sum to 1. See Notes section of docstring for more information.",
                ));
            }
            Some(pv)
        }
    };
    let shape = size.clone().unwrap_or_default();
    let idx: Vec<i64> = if replace {
        match &p {
            Some(pv) => {
                let cdf = cdf_of(pv);
                (0..n_samples)
                    .map(|_| search_right(&cdf, g.next_double()))
                    .collect()
            }
            None => {
                let mut out = vec![0u64; n_samples];
                fill_u64(
                    g,
                    0,
                    (pop_size as u64).saturating_sub(1),
                    flavor.method(),
                    &mut out,
                );
                out.into_iter().map(|v| v as i64).collect()
            }
        }
    } else {
        if n_samples > pop_size {
            return Err(msg(
                flavor,
                "Cannot take a larger sample than population when 'replace=False'",
                "Cannot take a larger sample than population when replace is False",
            ));
        }
        match &p {
            Some(pv) => without_replacement_p(g, pv.clone(), n_samples)?,
            None if flavor == Flavor::Legacy => fisher_yates(g, pop_size)[..n_samples].to_vec(),
            None => generator_without_replacement(g, pop_size, n_samples, shuffle),
        }
    };
    if a.ndim() == 0 {
        return match size {
            None => Ok(Value::Int(idx[0] as i128)),
            Some(_) => Ok(Value::Array(index_array(&idx, &shape)?)),
        };
    }
    let idx_arr = index_array(&idx, &shape)?;
    match size {
        None => {
            let mut items = vec![IndexItem::Slice(None, None, None); axis];
            items.push(IndexItem::Int(idx[0]));
            Ok(wrap_indexed(&a, index::get(&a, &items)?))
        }
        Some(_) if flavor == Flavor::Legacy => Ok(wrap_indexed(
            &a,
            index::get(&a, &[IndexItem::IntArray(idx_arr)])?,
        )),
        Some(_) => {
            let mut items = vec![IndexItem::Slice(None, None, None); axis];
            items.push(IndexItem::IntArray(idx_arr));
            Ok(wrap_indexed(&a, index::get(&a, &items)?))
        }
    }
}

/// Sampling without replacement with weights: rounds of uniform draws,
/// zeroing the weights already found, keeping first occurrences.
fn without_replacement_p<G: BitGen>(g: &mut G, mut p: Vec<f64>, size: usize) -> PyResult<Vec<i64>> {
    if p.iter().filter(|&&x| x > 0.0).count() < size {
        return Err(PyError::value("Fewer non-zero entries in p than size"));
    }
    let mut found: Vec<i64> = Vec::with_capacity(size);
    while found.len() < size {
        let xs: Vec<f64> = (0..size - found.len()).map(|_| g.next_double()).collect();
        for &f in &found {
            p[f as usize] = 0.0;
        }
        let cdf = cdf_of(&p);
        let mut seen = std::collections::HashSet::new();
        for x in xs {
            let v = search_right(&cdf, x);
            if seen.insert(v) {
                found.push(v);
            }
        }
    }
    Ok(found)
}

/// The Generator's sampling without replacement: a tail shuffle of the
/// whole population when the sample is a large share of it, else Floyd's
/// algorithm with an open-addressing set, then (with `shuffle`) a shuffle
/// of the sample.
fn generator_without_replacement<G: BitGen>(
    g: &mut G,
    pop: usize,
    size: usize,
    shuffle: bool,
) -> Vec<i64> {
    let cutoff = if shuffle { 50 } else { 20 };
    if pop > 10000 && size > pop / cutoff {
        let mut idx: Vec<i64> = (0..pop as i64).collect();
        g.fisher_yates(&mut idx, pop.saturating_sub(size), SwapDraw::Lemire);
        return idx[pop - size..].to_vec();
    }
    let mut out = vec![0i64; size];
    let set_size = (1.2 * size as f64) as u64;
    let mask = crate::engine::random::bounded::gen_mask(set_size);
    let mut set = vec![u64::MAX; (mask + 1) as usize];
    for j in (pop - size)..pop {
        let val = lemire_one(g, j as u64);
        let mut loc = (val & mask) as usize;
        while set[loc] != u64::MAX && set[loc] != val {
            loc = (loc + 1) & mask as usize;
        }
        let slot = j + size - pop;
        if set[loc] == u64::MAX {
            set[loc] = val;
            out[slot] = val as i64;
        } else {
            let mut loc = (j as u64 & mask) as usize;
            while set[loc] != u64::MAX {
                loc = (loc + 1) & mask as usize;
            }
            set[loc] = j as u64;
            out[slot] = j as i64;
        }
    }
    if shuffle {
        g.fisher_yates(&mut out, 1, SwapDraw::Lemire);
    }
    out
}

/// `Generator.permuted(x, axis=None, out=None)`.
pub fn permuted<G: BitGen>(
    g: &mut G,
    x: &Value,
    axis: Option<&Value>,
    out: Option<&Value>,
) -> PyResult<Value> {
    let xa = as_array(x)?;
    let target = match out {
        None => xa.copy(crate::engine::Order::C)?,
        Some(Value::Array(o)) => {
            o.check_writeable()?;
            if o.shape() != xa.shape() {
                return Err(PyError::value("out must have the same shape as x"));
            }
            index::set(o, &[IndexItem::Ellipsis], &xa)?;
            o.clone()
        }
        Some(_) => return Err(PyError::type_error("out must be a numpy array")),
    };
    match axis {
        None | Some(Value::None) => {
            let n = target.size();
            let perm = fisher_yates(g, n);
            let flat = crate::eval::reshaping::ravel(&target, crate::engine::Order::C)?;
            let taken = take_along(&flat, &perm, 0)?;
            let reshaped = crate::eval::reshaping::reshape(
                &taken,
                &Value::tuple(
                    target
                        .shape()
                        .iter()
                        .map(|&d| Value::Int(d as i128))
                        .collect(),
                ),
                crate::engine::Order::C,
            )?;
            index::set(&target, &[IndexItem::Ellipsis], &reshaped)?;
        }
        Some(v) => {
            let ax = normalize_axis(super::args::int_param(v)? as i64, target.ndim())?;
            let shape = target.shape();
            let others: Vec<usize> = (0..shape.len()).filter(|&d| d != ax).collect();
            let lanes: usize = others.iter().map(|&d| shape[d]).product();
            for lane in 0..lanes {
                let mut rest = lane;
                let mut items = vec![IndexItem::Slice(None, None, None); shape.len()];
                for &d in others.iter().rev() {
                    items[d] = IndexItem::Int((rest % shape[d]) as i64);
                    rest /= shape[d];
                }
                let index::Indexed::Array(view) = index::get(&target, &items)? else {
                    unreachable!()
                };
                let perm = fisher_yates(g, shape[ax]);
                permute_in_place(&view, &perm, 0)?;
            }
        }
    }
    Ok(Value::Array(target))
}
