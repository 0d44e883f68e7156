//! `choice(a, size=None, replace=True, p=None[, axis=0, shuffle=True])`
//! for the legacy module and the Generator, as `mtrand.pyx` and
//! `_generator.pyx` sample: the checks in their order and wording, then
//! the indices drawn into an int64 array allocated as NumPy allocates it
//! (a huge `size` or population is NumPy's `MemoryError` for that array),
//! then `a` indexed by them.

use crate::engine::index::{self, IndexItem};
use crate::engine::random::bounded::{Method, fill_u64, gen_mask, lemire_one};
use crate::engine::random::{BitGen, SwapDraw};
use crate::engine::{ArrayRef, DType, NdArray};

use super::super::error::{PyError, PyResult};
use super::super::signature::Bound;
use super::super::value::Value;
use super::args::{filled, size_arg};
use super::multivariate::kahan_sum;
use super::permute::{Flavor, arange_i64, fisher_yates, i64s, with_i64s_mut};
use crate::engine::reduce::normalize_axis;
use crate::eval::convert::as_array;
use crate::eval::protocol::{truthy, wrap_indexed};

impl Flavor {
    /// The bounded-integer rejection each API uses.
    fn method(self) -> Method {
        match self {
            Flavor::Legacy => Method::Masked,
            Flavor::Generator => Method::Lemire,
        }
    }
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
    let idx: ArrayRef = if replace {
        match &p {
            // `cdf.searchsorted(self.random(shape), side='right')`: the
            // uniform draws are an array of their own first.
            Some(pv) => {
                let cdf = cdf_of(pv);
                let Value::Array(u) = filled::<f64>(&shape, DType::Float64, |o| {
                    crate::engine::random::fill::serial(o, || g.next_double())
                })?
                else {
                    unreachable!()
                };
                let u_bytes = u.buffer().bytes();
                let u = crate::engine::typed::elems::<f64>(&u_bytes).expect("aligned");
                as_index(filled::<i64>(&shape, DType::Int64, |o| {
                    o.iter_mut()
                        .zip(u)
                        .for_each(|(d, &x)| *d = search_right(&cdf, x))
                })?)
            }
            // `integers(0, pop_size, size=shape, dtype=np.int64)` (the
            // legacy `randint`): below 2**63, so the words are the values.
            None => as_index(filled::<u64>(&shape, DType::Int64, |o| {
                fill_u64(
                    g,
                    0,
                    (pop_size as u64).saturating_sub(1),
                    flavor.method(),
                    o,
                )
            })?),
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
            Some(pv) => without_replacement_p(g, pv.clone(), &shape, n_samples)?,
            // `self.permutation(pop_size)[:size].reshape(shape)`.
            None if flavor == Flavor::Legacy => {
                let perm = fisher_yates(g, pop_size)?;
                tail_of(&perm, 0, n_samples, &shape)?
            }
            None => generator_without_replacement(g, pop_size, n_samples, shuffle, &shape)?,
        }
    };
    if a.ndim() == 0 {
        return match size {
            None => Ok(Value::Int(i64s(&idx)[0] as i128)),
            Some(_) => Ok(Value::Array(idx)),
        };
    }
    match size {
        None => {
            let mut items = vec![IndexItem::Slice(None, None, None); axis];
            items.push(IndexItem::Int(i64s(&idx)[0]));
            Ok(wrap_indexed(&a, index::get(&a, &items)?))
        }
        Some(_) if flavor == Flavor::Legacy => Ok(wrap_indexed(
            &a,
            index::get(&a, &[IndexItem::IntArray(idx)])?,
        )),
        Some(_) => {
            let mut items = vec![IndexItem::Slice(None, None, None); axis];
            items.push(IndexItem::IntArray(idx));
            Ok(wrap_indexed(&a, index::get(&a, &items)?))
        }
    }
}

/// The array `filled` made.
fn as_index(v: Value) -> ArrayRef {
    match v {
        Value::Array(a) => a,
        _ => unreachable!("filled makes an array"),
    }
}

/// A new int64 array of `shape` holding `n` elements of the int64 array
/// `src` from `start` on.
fn tail_of(src: &ArrayRef, start: usize, n: usize, shape: &[usize]) -> PyResult<ArrayRef> {
    let bytes = src.buffer().bytes();
    let from = crate::engine::typed::elems::<i64>(&bytes).expect("a new buffer is aligned");
    Ok(as_index(filled::<i64>(shape, DType::Int64, |o| {
        o.copy_from_slice(&from[start..start + n])
    })?))
}

/// Sampling without replacement with weights: rounds of uniform draws,
/// zeroing the weights already found, keeping first occurrences.
fn without_replacement_p<G: BitGen>(
    g: &mut G,
    mut p: Vec<f64>,
    shape: &[usize],
    size: usize,
) -> PyResult<ArrayRef> {
    if p.iter().filter(|&&x| x > 0.0).count() < size {
        return Err(PyError::value("Fewer non-zero entries in p than size"));
    }
    // `found = np.zeros(shape, dtype=np.int64)`; `size` is at most the
    // number of weights, which are held already.
    let found = NdArray::zeros(shape, DType::Int64)?;
    let mut n_found = 0;
    while n_found < size {
        let xs: Vec<f64> = (0..size - n_found).map(|_| g.next_double()).collect();
        with_i64s_mut(&found, |f| {
            for &k in &f[..n_found] {
                p[k as usize] = 0.0;
            }
            let cdf = cdf_of(&p);
            let mut seen = std::collections::HashSet::new();
            for x in xs {
                let v = search_right(&cdf, x);
                if seen.insert(v) {
                    f[n_found] = v;
                    n_found += 1;
                }
            }
        });
    }
    Ok(found)
}

/// The Generator's sampling without replacement: a tail shuffle of the
/// whole population (`np.arange(pop_size)`) when the sample is a large
/// share of it, else Floyd's algorithm with an open-addressing set, then
/// (with `shuffle`) a shuffle of the sample.
fn generator_without_replacement<G: BitGen>(
    g: &mut G,
    pop: usize,
    size: usize,
    shuffle: bool,
    shape: &[usize],
) -> PyResult<ArrayRef> {
    let cutoff = if shuffle { 50 } else { 20 };
    if pop > 10000 && size > pop / cutoff {
        let all = arange_i64(pop)?;
        with_i64s_mut(&all, |idx| {
            g.fisher_yates(idx, pop.saturating_sub(size), SwapDraw::Lemire)
        });
        return tail_of(&all, pop - size, size, shape);
    }
    // `idx = np.empty(size, dtype=np.int64)`, then the set as
    // `np.full(set_size, -1, np.uint64)`.
    let out = NdArray::for_overwrite(&[size], DType::Int64)?;
    let mask = gen_mask((1.2 * size as f64) as u64);
    let set_len = usize::try_from(mask + 1).map_err(|_| PyError::new("MemoryError", ""))?;
    let set_arr = NdArray::for_overwrite(&[set_len], DType::UInt64)?;
    let mut set_bytes = set_arr.buffer().bytes_mut();
    let set = crate::engine::typed::elems_mut::<u64>(&mut set_bytes).expect("aligned");
    set.fill(u64::MAX);
    with_i64s_mut(&out, |out| {
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
            g.fisher_yates(out, 1, SwapDraw::Lemire);
        }
    });
    tail_of(&out, 0, size, shape)
}
