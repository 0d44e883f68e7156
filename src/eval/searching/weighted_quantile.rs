//! `np.quantile`/`np.percentile` with `weights=` (method 'inverted_cdf'
//! only), as `_quantile` in `numpy/lib/_function_base_impl.py` computes
//! it: each lane sorted stably with its weights, the weights' running
//! sum in float64 divided by its last value, leading zeros of that cdf
//! set to -1, and for each q the first element whose cdf reaches it.
//! The result is always an array of the input's dtype (NumPy fills an
//! `empty_like`), q's axes first.

use crate::engine::dtype::{DType, Kind};
use crate::engine::{ArrayRef, NdArray, Scalar};

use super::order::{cmp, is_nan};
use super::quantile::reduced_lanes;
use crate::eval::convert::as_array;
use crate::eval::error::{PyError, PyResult};
use crate::eval::value::Value;

fn refuse(what: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("slicelab's weighted quantile does not take {what}"),
    )
}

/// `_weights_are_valid` and the non-negative check: the weight of each
/// element of `a`, in `a`'s C order. `axes` is None for `axis=None`.
pub fn weights_per_element(
    weights: &Value,
    a: &ArrayRef,
    axes: Option<&[usize]>,
) -> PyResult<Vec<f64>> {
    let w = as_array(weights)?;
    if !matches!(
        w.dtype().kind(),
        Kind::Bool | Kind::Int | Kind::UInt | Kind::Float
    ) {
        return Err(refuse(&format!("{} weights", w.dtype().name())));
    }
    let shape = a.shape();
    let ws: Vec<f64> = w
        .to_scalars()
        .iter()
        .map(crate::engine::element::scalar_as_f64)
        .collect();
    let per_element = if w.shape() == shape {
        ws
    } else {
        let Some(axes) = axes else {
            return Err(PyError::type_error(
                "Axis must be specified when shapes of a and weights differ.",
            ));
        };
        let along: Vec<usize> = axes.iter().map(|&ax| shape[ax]).collect();
        if w.shape() != along {
            return Err(PyError::value(
                "Shape of weights must be consistent with shape of a along specified axis.",
            ));
        }
        let [axis] = axes else {
            return Err(refuse("weights along several axes"));
        };
        let inner: usize = shape[axis + 1..].iter().product();
        (0..a.size())
            .map(|i| ws[(i / inner) % shape[*axis]])
            .collect()
    };
    if per_element.iter().any(|&x| x < 0.0) {
        return Err(PyError::value("Weights must be non-negative."));
    }
    Ok(per_element)
}

/// The weighted 'inverted_cdf' quantiles `qs` (already in [0, 1]) of `a`
/// over `axes`, shaped `q_shape + kept`; `q_round` rounds to q's dtype.
pub fn weighted_quantile(
    a: &ArrayRef,
    qs: &[f64],
    q_shape: &[usize],
    axes: &[usize],
    weights: &[f64],
    keepdims: bool,
    q_round: fn(f64) -> f64,
) -> PyResult<Value> {
    let shape = a.shape();
    let vals = a.to_scalars();
    let lanes = reduced_lanes(&shape, axes);
    let mut out = vec![Scalar::Int(0); qs.len() * lanes.len()];
    for (li, lane) in lanes.iter().enumerate() {
        if lane.is_empty() {
            return Err(refuse("empty lanes"));
        }
        let mut order: Vec<usize> = lane.clone();
        order.sort_by(|&i, &j| cmp(&vals[i], &vals[j]));
        if order.iter().any(|&i| is_nan(&vals[i])) {
            return Err(refuse("NaN values"));
        }
        let mut cdf: Vec<f64> = Vec::with_capacity(order.len());
        let mut sum = 0.0;
        for &i in &order {
            sum += weights[i];
            cdf.push(sum);
        }
        let total = sum;
        if total == 0.0 || !total.is_finite() {
            return Err(PyError::value(
                "Weights included NaN, inf or were all zero.",
            ));
        }
        // NumPy casts the cdf to a float q's dtype before searching.
        for c in &mut cdf {
            *c = q_round(*c / total);
        }
        if cdf[0] == 0.0 {
            for c in cdf.iter_mut().filter(|c| **c == 0.0) {
                *c = -1.0;
            }
        }
        for (qi, &q) in qs.iter().enumerate() {
            let k = cdf
                .iter()
                .take_while(|&&c| c < q)
                .count()
                .min(order.len() - 1);
            out[qi * lanes.len() + li] = vals[order[k]].clone();
        }
    }
    let mut out_shape = q_shape.to_vec();
    out_shape.extend(shape.iter().enumerate().filter_map(|(i, &s)| {
        match (axes.contains(&i), keepdims) {
            (false, _) => Some(s),
            (true, true) => Some(1),
            (true, false) => None,
        }
    }));
    let dt: DType = a.dtype().clone();
    Ok(Value::Array(NdArray::from_scalars(&out_shape, dt, &out)?))
}
