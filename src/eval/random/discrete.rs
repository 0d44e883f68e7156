//! `binomial` and `poisson` for both `Generator` and `RandomState`: the
//! arguments checked in NumPy's order with its messages, then the engine's
//! samplers (`engine::random::discrete`) filling an `int64` array in C
//! order, or one Python int for `size=None`.

use crate::engine::DType;
use crate::engine::random::discrete;
use crate::engine::random::{BitGen, Flavor};

use super::super::error::{PyError, PyResult};
use super::super::signature::Bound;
use super::super::value::Value;
use super::args::{filled, param, size_arg};

/// The largest `lam` NumPy accepts: `int64 max - 10 sqrt(int64 max)`.
fn poisson_lam_max() -> f64 {
    let max = i64::MAX as f64;
    max - max.sqrt() * 10.0
}

/// `n` as NumPy converts it to `int64` (a float truncates toward zero).
fn count_param(v: &Value) -> PyResult<i64> {
    match param(Some(v), 0.0, "binomial", "n") {
        Ok(f) if f.is_nan() => Err(PyError::value("cannot convert float NaN to integer")),
        Ok(f) => Ok(f.trunc() as i64),
        Err(e) => Err(e),
    }
}

/// One Python int for `size=None`, else an `int64` array of `size`.
fn ints(size: Option<Vec<usize>>, mut draw: impl FnMut() -> i64) -> PyResult<Value> {
    match size {
        None => Ok(Value::Int(draw() as i128)),
        Some(shape) => filled::<i64>(&shape, DType::Int64, |out| {
            out.iter_mut().for_each(|o| *o = draw())
        }),
    }
}

/// `binomial(n, p, size=None)`.
pub fn binomial<G: BitGen>(g: &mut G, b: &Bound, flavor: Flavor) -> PyResult<Value> {
    let p = param(Some(b.required("p")), 0.0, "binomial", "p")?;
    let n = count_param(b.required("n"))?;
    if !(0.0..=1.0).contains(&p) {
        return Err(PyError::value("p < 0, p > 1 or p is NaN"));
    }
    if n < 0 {
        return Err(PyError::value("n < 0"));
    }
    ints(size_arg(b.get("size"))?, || {
        discrete::binomial(g, n, p, flavor)
    })
}

/// `poisson(lam=1.0, size=None)`.
pub fn poisson<G: BitGen>(g: &mut G, b: &Bound) -> PyResult<Value> {
    let lam = param(b.get("lam"), 1.0, "poisson", "lam")?;
    if lam.is_nan() || lam < 0.0 {
        return Err(PyError::value("lam < 0 or lam is NaN"));
    }
    if lam > poisson_lam_max() {
        return Err(PyError::value("lam value too large"));
    }
    ints(size_arg(b.get("size"))?, || discrete::poisson(g, lam))
}
