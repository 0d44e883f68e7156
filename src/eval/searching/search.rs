//! Index searches: `searchsorted` (NumPy's binary search step for step,
//! including its reuse of the previous key's bounds, so even an unsorted
//! `a` gives NumPy's answer), `digitize`, `bincount`, `lexsort`,
//! `extract` and `nanargmin`/`nanargmax`.

use crate::engine::dtype::{DType, Kind};
use crate::engine::kernels;
use crate::engine::promote::promote_types;
use crate::engine::reduce::normalize_axis;
use crate::engine::{ArrayRef, NdArray, Scalar};

use super::order::{cmp, is_nan, lanes, lt};
use crate::eval::args::Args;
use crate::eval::coerce::{int_arg, scalarize};
use crate::eval::convert::as_array;
use crate::eval::error::{PyError, PyResult};
use crate::eval::protocol::{iterate, truthy};
use crate::eval::value::Value;

/// A new int64 (intp) array of `shape`.
pub fn intp(vals: Vec<i64>, shape: &[usize]) -> PyResult<ArrayRef> {
    Ok(crate::engine::reduce_stream::array_of(shape, &vals)?)
}

/// NumPy's check that an argument converts to a 1-d array.
pub fn one_dim(a: &ArrayRef) -> PyResult<()> {
    match a.ndim() {
        0 => Err(PyError::value(
            "object of too small depth for desired array",
        )),
        1 => Ok(()),
        _ => Err(PyError::value("object too deep for desired array")),
    }
}

/// The dtype both `a` and `b` are compared in.
pub fn common(a: &DType, b: &DType) -> PyResult<DType> {
    promote_types(a, b).ok_or_else(|| {
        PyError::new(
            "numpy.exceptions.DTypePromotionError",
            format!(
                "The DType {} could not be promoted by {}.",
                a.name(),
                b.name()
            ),
        )
    })
}

/// `a`'s elements as `dt`.
pub fn scalars_as(a: &ArrayRef, dt: &DType) -> PyResult<Vec<Scalar>> {
    Ok(kernels::cast(a, dt)?.to_scalars())
}

/// Is the search side `'right'`? (`side=` checked with NumPy's messages.)
fn side_right(side: Option<&Value>) -> PyResult<bool> {
    match side {
        None => Ok(false),
        Some(Value::Str(s)) if &**s == "left" => Ok(false),
        Some(Value::Str(s)) if &**s == "right" => Ok(true),
        Some(v @ Value::Str(_)) => Err(PyError::value(format!(
            "search side must be 'left' or 'right' (got {})",
            crate::eval::display::repr(v, &Default::default())
        ))),
        Some(other) => Err(PyError::type_error(format!(
            "search side must be str, not {}",
            other.type_name()
        ))),
    }
}

/// NumPy's `binsearch`/`argbinsearch`: each key starts from the previous
/// key's bounds when keys increase. `at(i)` reads the i-th element of the
/// (possibly sorter-permuted) array and may fail.
fn binsearch(
    len: usize,
    keys: &[Scalar],
    right: bool,
    at: impl Fn(usize) -> PyResult<Scalar>,
) -> PyResult<Vec<i64>> {
    let (mut lo, mut hi) = (0usize, len);
    let mut out = Vec::with_capacity(keys.len());
    let Some(mut last) = keys.first() else {
        return Ok(out);
    };
    for key in keys {
        if lt(last, key) {
            hi = len;
        } else {
            lo = 0;
            hi = if hi < len { hi + 1 } else { len };
        }
        last = key;
        while lo < hi {
            let mid = lo + ((hi - lo) >> 1);
            let m = at(mid)?;
            let go_right = if right { !lt(key, &m) } else { lt(&m, key) };
            if go_right {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        out.push(lo as i64);
    }
    Ok(out)
}

/// `np.searchsorted(a, v, side, sorter)`: int64 indices of `v`'s shape.
pub fn searchsorted(
    a: &Value,
    v: &Value,
    side: Option<&Value>,
    sorter: Option<&Value>,
) -> PyResult<Value> {
    let a = as_array(a)?;
    let right = side_right(side)?;
    one_dim(&a)?;
    let v = as_array(v)?;
    let dt = common(a.dtype(), v.dtype())?;
    let hay = scalars_as(&a, &dt)?;
    let keys = scalars_as(&v, &dt)?;
    let found = match sorter {
        None | Some(Value::None) => binsearch(hay.len(), &keys, right, |i| Ok(hay[i].clone()))?,
        Some(s) => {
            let s = as_array(s)?;
            if !s.dtype().is_integer() {
                return Err(PyError::type_error("sorter must only contain integers"));
            }
            if s.size() != a.size() {
                return Err(PyError::value("sorter.size must equal a.size"));
            }
            let perm = scalars_as(&s, &DType::Int64)?;
            binsearch(hay.len(), &keys, right, |i| match perm[i] {
                Scalar::Int(j) if j >= 0 && (j as usize) < hay.len() => Ok(hay[j as usize].clone()),
                _ => Err(PyError::value("Sorter index out of range.")),
            })?
        }
    };
    Ok(scalarize(intp(found, &v.shape())?))
}

/// `np.digitize(x, bins, right)`: `searchsorted` on increasing bins, and
/// `len(bins) - searchsorted(bins[::-1], ...)` on decreasing ones.
pub fn digitize(x: &Value, bins: &Value, right: bool) -> PyResult<Value> {
    let xa = as_array(x)?;
    if xa.dtype().kind() == Kind::Complex {
        return Err(PyError::type_error("x may not be complex"));
    }
    let b = as_array(bins)?;
    // `_monotonicity` reads the bins as float64 with a safe cast.
    if !crate::eval::cast_rules::cast_allowed(b.dtype(), &DType::Float64, "safe").unwrap_or(true) {
        return Err(PyError::type_error(format!(
            "Cannot cast array data from {} to dtype('float64') according to the rule 'safe'",
            crate::eval::display::repr(&Value::DType(b.dtype().clone()), &Default::default())
        )));
    }
    one_dim(&b)?;
    let dt = common(xa.dtype(), b.dtype())?;
    let mut edges = scalars_as(&b, &dt)?;
    let keys = scalars_as(&xa, &dt)?;
    let increasing = edges.windows(2).all(|w| !lt(&w[1], &w[0]));
    let decreasing = edges.windows(2).all(|w| !lt(&w[0], &w[1]));
    let n = edges.len() as i64;
    // NumPy's searchsorted side is the opposite of `right`.
    let found = if increasing {
        binsearch(edges.len(), &keys, !right, |i| Ok(edges[i].clone()))?
    } else if decreasing {
        edges.reverse();
        binsearch(edges.len(), &keys, !right, |i| Ok(edges[i].clone()))?
            .into_iter()
            .map(|i| n - i)
            .collect()
    } else {
        return Err(PyError::value(
            "bins must be monotonically increasing or decreasing",
        ));
    };
    Ok(scalarize(intp(found, &xa.shape())?))
}

/// `np.bincount(x, weights, minlength)`.
pub fn bincount(args: &Args) -> PyResult<Value> {
    let minlength = match args.kw("minlength") {
        None => 0,
        Some(Value::None) => {
            return Err(PyError::type_error("use 0 instead of None for minlength"));
        }
        Some(v) => int_arg(v, "")?,
    };
    let x = as_array(&args.pos[0])?;
    match x.ndim() {
        0 => {
            return Err(PyError::value(
                "object of too small depth for desired array",
            ));
        }
        1 => {}
        // `PyArray_ContiguousFromAny(x, NPY_INTP, 1, 1)`: an array is too
        // deep; a nested list fails while being read into one dimension.
        _ if matches!(args.pos[0], Value::Array(_)) => {
            return Err(PyError::value("object too deep for desired array"));
        }
        _ => {
            return Err(PyError::value(
                "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 1.",
            ));
        }
    }
    // A list of floats is cast (NumPy warns that this is deprecated); a
    // float array is refused by the 'safe' cast.
    let listed_floats = !matches!(args.pos[0], Value::Array(_)) && x.dtype().kind() == Kind::Float;
    if x.size() == 0 {
        let n = minlength.max(0) as usize;
        if minlength < 0 {
            return Err(PyError::value("'minlength' must not be negative"));
        }
        return Ok(Value::Array(intp(vec![0; n], &[n])?));
    }
    if !listed_floats && !matches!(x.dtype().kind(), Kind::Bool | Kind::Int | Kind::UInt) {
        return Err(PyError::type_error(format!(
            "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'safe'",
            x.dtype().name()
        )));
    }
    crate::engine::typed::with_elems::<i64, _>(&x, |xs| count_bins(xs, minlength, args))?
}

/// `bincount` of the values `xs` (already int64).
fn count_bins(xs: &[i64], minlength: i64, args: &Args) -> PyResult<Value> {
    let (mut lo, mut hi) = (0i64, -1i64);
    for &i in xs {
        lo = lo.min(i);
        hi = hi.max(i);
    }
    if lo < 0 {
        return Err(PyError::value(
            "'list' argument must have no negative elements",
        ));
    }
    if minlength < 0 {
        return Err(PyError::value("'minlength' must not be negative"));
    }
    let len = ((hi + 1) as usize).max(minlength as usize);
    crate::engine::buffer::python_room(len, 8)?;
    match args.kw("weights") {
        None | Some(Value::None) => {
            let mut counts = vec![0i64; len];
            for &i in xs {
                counts[i as usize] += 1;
            }
            Ok(Value::Array(intp(counts, &[len])?))
        }
        Some(w) => {
            let w = weights_as_double(w)?;
            crate::engine::typed::with_elems::<f64, _>(&w, |ws| {
                if ws.len() != xs.len() {
                    return Err(PyError::value(
                        "The weights and list don't have the same length.",
                    ));
                }
                let mut sums = vec![0f64; len];
                for (&i, &f) in xs.iter().zip(ws) {
                    sums[i as usize] += f;
                }
                Ok(Value::Array(crate::engine::reduce_stream::array_of(
                    &[len],
                    &sums,
                )?))
            })?
        }
    }
}

/// bincount's `PyArray_ContiguousFromAny(weights, NPY_DOUBLE, 1, 1)`: a
/// sequence converted as `float()` converts each item, an array cast
/// under the 'safe' rule, either of exactly one dimension.
fn weights_as_double(w: &Value) -> PyResult<ArrayRef> {
    let listed = !matches!(w, Value::Array(_));
    let w = match w {
        Value::Array(a) => {
            if !crate::engine::promote::can_cast_safe(a.dtype(), &DType::Float64) {
                return Err(PyError::type_error(format!(
                    "Cannot cast array data from {} to dtype('float64') according to the rule 'safe'",
                    crate::render::dtype_repr(a.dtype())
                )));
            }
            a.clone()
        }
        other => crate::eval::convert::to_array(other, Some(&DType::Float64))?,
    };
    match w.ndim() {
        0 => Err(PyError::value(
            "object of too small depth for desired array",
        )),
        1 => Ok(w),
        _ if listed => Err(PyError::value(
            "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 1.",
        )),
        _ => Err(PyError::value("object too deep for desired array")),
    }
}

/// `np.lexsort(keys, axis)`: a stable sort by the last key, then the one
/// before it, and so on.
pub fn lexsort(args: &Args) -> PyResult<Value> {
    let keys_v = &args.pos[0];
    let need = || PyError::type_error("need sequence of keys with len > 0 in lexsort");
    let items = match keys_v {
        Value::Array(a) if a.ndim() == 0 => return Err(need()),
        Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::NpScalar(..) => {
            return Err(need());
        }
        v => iterate(v)?,
    };
    if items.is_empty() {
        return Err(need());
    }
    let keys: Vec<ArrayRef> = items.iter().map(as_array).collect::<PyResult<_>>()?;
    let shape = keys[0].shape();
    if keys.iter().any(|k| k.shape() != shape) {
        return Err(PyError::value("all keys need to be the same shape"));
    }
    let vals: Vec<Vec<Scalar>> = keys.iter().map(|k| k.to_scalars()).collect();
    let axis = match args.kw("axis") {
        Some(v) => int_arg(v, "")?,
        None => -1,
    };
    if shape.is_empty() {
        // NumPy lets axis 0 and -1 through for 0-d keys, and checks any
        // other against no dimensions.
        if axis != 0 && axis != -1 {
            normalize_axis(axis, 0)?;
        }
        return Ok(scalarize(intp(vec![0], &[])?));
    }
    let axis = normalize_axis(axis, shape.len())?;
    let mut out = vec![0i64; vals[0].len()];
    for lane in lanes(&shape, axis) {
        let mut order: Vec<usize> = (0..lane.len()).collect();
        order.sort_by(|&i, &j| {
            vals.iter()
                .rev()
                .map(|k| cmp(&k[lane[i]], &k[lane[j]]))
                .find(|o| o.is_ne())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        for (slot, &pos) in lane.iter().zip(&order) {
            out[*slot] = pos as i64;
        }
    }
    Ok(Value::Array(intp(out, &shape)?))
}

/// `np.extract(condition, arr)`: the elements of `arr.ravel()` where
/// `condition.ravel()` is true (a new 1-d array).
pub fn extract(condition: &Value, arr: &Value) -> PyResult<Value> {
    let c_arr = as_array(condition)?;
    let c = c_arr.to_scalars();
    let a = as_array(arr)?;
    let vals = a.to_scalars();
    let mut picked = vec![];
    for (i, s) in c.iter().enumerate() {
        if truthy(&Value::NpScalar(c_arr.dtype().native(), s.clone()))? {
            let Some(v) = vals.get(i) else {
                return Err(PyError::index(format!(
                    "index {i} is out of bounds for axis 0 with size {}",
                    vals.len()
                )));
            };
            picked.push(v.clone());
        }
    }
    Ok(Value::Array(NdArray::from_scalars(
        &[picked.len()],
        a.dtype().clone(),
        &picked,
    )?))
}

/// `np.nanargmin`/`np.nanargmax`: NaNs are replaced by +inf (-inf for
/// max), as NumPy does, and an all-NaN lane is an error.
pub fn nanarg(name: &str, args: &Args) -> PyResult<Value> {
    let a = as_array(&args.pos[0])?;
    let is_max = name == "nanargmax";
    let what = if is_max { "argmax" } else { "argmin" };
    let keepdims = match args.kw("keepdims") {
        Some(v) => truthy(v)?,
        None => false,
    };
    let vals = a.to_scalars();
    let (lanes_, mut shape) = match args.kw("axis") {
        None | Some(Value::None) => (vec![(0..vals.len()).collect::<Vec<_>>()], vec![]),
        Some(v) => {
            let ax = normalize_axis(int_arg(v, "")?, a.ndim())?;
            let mut shape = a.shape();
            shape.remove(ax);
            if a.shape()[ax] == 0 {
                return Err(empty(what));
            }
            if shape.iter().product::<usize>() == 0 {
                (vec![], shape)
            } else {
                (lanes(&a.shape(), ax), shape)
            }
        }
    };
    let floaty = matches!(a.dtype().kind(), Kind::Float | Kind::Complex);
    let mut out = Vec::with_capacity(lanes_.len());
    for lane in &lanes_ {
        if lane.is_empty() {
            return Err(empty(what));
        }
        if floaty && lane.iter().all(|&i| is_nan(&vals[i])) {
            return Err(PyError::value("All-NaN slice encountered"));
        }
        let fill = Scalar::Float(if is_max {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
        let val = |i: usize| {
            if is_nan(&vals[i]) {
                fill.clone()
            } else {
                vals[i].clone()
            }
        };
        let mut best = 0;
        for k in 1..lane.len() {
            let (x, b) = (val(lane[k]), val(lane[best]));
            if (is_max && lt(&b, &x)) || (!is_max && lt(&x, &b)) {
                best = k;
            }
        }
        out.push(best as i64);
    }
    if keepdims {
        shape = match args.kw("axis") {
            None | Some(Value::None) => vec![1; a.ndim()],
            Some(v) => {
                let mut s = a.shape();
                s[normalize_axis(int_arg(v, "")?, a.ndim())?] = 1;
                s
            }
        };
    }
    Ok(scalarize(intp(out, &shape)?))
}

fn empty(what: &str) -> PyError {
    PyError::value(format!("attempt to get {what} of an empty sequence"))
}
