//! `integers`/`randint` with array bounds (NumPy's
//! `_rand_{type}_broadcast` in `_bounded_integers.pyx`): `low` and `high`
//! checked against the dtype's range and each other with NumPy's
//! messages, broadcast with the output (`low`, `high`, then the output, in
//! that iterator order), and one bounded draw per element in C order, the
//! small dtypes' 32-bit buffer carrying over between elements.

use crate::engine::random::BitGen;
use crate::engine::random::bounded::{Method, PerElement};
use crate::engine::{DType, Scalar};

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::args::{filled, int_bounds, size_arg};
use super::broadcast::{Arg, P, broadcast, each};
use crate::eval::convert::as_array;

/// Whether the bounds take the broadcast path (either has a dimension).
pub fn is_array(low: &Value, high: Option<&Value>) -> bool {
    let dims = |v: &Value| match v {
        Value::List(_) | Value::Tuple(_) => true,
        Value::Array(a) => a.ndim() > 0,
        _ => false,
    };
    dims(low) || high.is_some_and(dims)
}

/// A bound as Python ints in C order, with its shape.
fn bound(v: &Value) -> PyResult<(Vec<usize>, Vec<i128>)> {
    if let Value::Int(i) = v {
        return Ok((vec![], vec![*i]));
    }
    let a = as_array(v)?;
    let vals = a
        .to_scalars()
        .into_iter()
        .map(|s| match s {
            Scalar::Int(i) => Ok(i as i128),
            Scalar::UInt(u) => Ok(u as i128),
            Scalar::Bool(b) => Ok(b as i128),
            Scalar::Float(f) if f.is_nan() => {
                Err(PyError::value("cannot convert float NaN to integer"))
            }
            Scalar::Float(f) if f.is_infinite() => Err(PyError::overflow(
                "cannot convert float infinity to integer",
            )),
            Scalar::Float(f) => Ok(f.trunc() as i128),
            _ => Err(PyError::type_error(format!(
                "unsupported bound type {}",
                a.dtype().name()
            ))),
        })
        .collect::<PyResult<Vec<i128>>>()?;
    Ok((a.shape().to_vec(), vals))
}

/// `integers(low, high, size, dtype, endpoint)` / `randint` when a bound
/// is an array: always an array of `dt`.
pub fn draw<G: BitGen>(
    g: &mut G,
    low: &Value,
    high: Option<&Value>,
    size: Option<&Value>,
    dt: &DType,
    closed: bool,
    method: Method,
) -> PyResult<Value> {
    let size = size_arg(size)?;
    if let Some(s) = &size
        && s.iter().product::<usize>() == 0
    {
        return empty(s, dt);
    }
    let ((lshape, lows), (hshape, highs)) = match high {
        None | Some(Value::None) => ((vec![], vec![0]), bound(low)?),
        Some(h) => (bound(low)?, bound(h)?),
    };
    let name = dt.name();
    let (lb, ub) = int_bounds(dt).expect("checked by the caller");
    let open = i128::from(!closed);
    if lows.iter().any(|&l| l < lb) {
        return Err(PyError::value(format!("low is out of bounds for {name}")));
    }
    if highs.iter().any(|&h| h - open > ub) {
        return Err(PyError::value(format!("high is out of bounds for {name}")));
    }
    // `np.greater(low, high)` broadcasts first: a mismatch is the ufunc's.
    let pairs = broadcast(&[&lshape, &hshape]).map_err(|_| {
        PyError::from(crate::engine::EngineError::BroadcastMismatch {
            shapes: vec![lshape.clone(), hshape.clone()],
        })
    })?;
    let mut empty_range = false;
    let mut lows_b = Vec::new();
    let mut ranges = Vec::new();
    // The exact values are read by position, through `each`.
    let idx_args = [
        index_arg(&lshape, lows.len()),
        index_arg(&hshape, highs.len()),
    ];
    each(&idx_args, &pairs, |ps| {
        let (l, h) = (lows[ps[0].i as usize], highs[ps[1].i as usize]);
        if l > h - open {
            empty_range = true;
        }
        lows_b.push(l);
        ranges.push((h - open - l) as u64);
    });
    if empty_range {
        let all_zero = lows.iter().all(|&l| l == 0);
        return Err(PyError::value(match (all_zero, closed) {
            (true, true) => "high < 0",
            (true, false) => "high <= 0",
            (false, true) => "low > high",
            (false, false) => "low >= high",
        }));
    }
    let out_shape = match size {
        Some(s) => {
            broadcast(&[&lshape, &hshape, &s])?;
            s
        }
        None => pairs.clone(),
    };
    // The iterator walks the broadcast of bounds and output; the output
    // takes its first `n` positions (they coincide unless `size` is
    // smaller than the bounds, which NumPy allows).
    let walk = broadcast(&[&pairs, &out_shape])?;
    let n: usize = out_shape.iter().product();
    let at = index_arg(&pairs, lows_b.len());
    // The output NumPy allocates, and beside it one position per element:
    // NumPy's `MemoryError` for the output when they cannot be held.
    let item = dt.itemsize();
    crate::engine::buffer::ensure_room(&out_shape, item, &dt.name(), item + 8)?;
    let mut order = Vec::with_capacity(n);
    each(std::slice::from_ref(&at), &walk, |ps| {
        if order.len() < n {
            order.push(ps[0].i as usize);
        }
    });
    let mut pe = PerElement::default();
    let one = |k: usize| (lows_b[k], ranges[k]);
    match dt {
        DType::Int64 | DType::UInt64 | DType::Int32 | DType::UInt32 => {
            let wide = matches!(dt, DType::Int64 | DType::UInt64);
            if wide {
                filled::<u64>(&out_shape, dt.clone(), |o| {
                    for (x, &k) in o.iter_mut().zip(&order) {
                        let (l, r) = one(k);
                        *x = pe.wide(g, l as u64, r, method);
                    }
                })
            } else {
                filled::<u32>(&out_shape, dt.clone(), |o| {
                    for (x, &k) in o.iter_mut().zip(&order) {
                        let (l, r) = one(k);
                        *x = pe.wide(g, l as u32 as u64, r, method) as u32;
                    }
                })
            }
        }
        DType::Int16 | DType::UInt16 => filled::<u16>(&out_shape, dt.clone(), |o| {
            for (x, &k) in o.iter_mut().zip(&order) {
                let (l, r) = one(k);
                *x = pe.u16(g, l as u16 as u32, r as u32, method) as u16;
            }
        }),
        DType::Int8 | DType::UInt8 => filled::<u8>(&out_shape, dt.clone(), |o| {
            for (x, &k) in o.iter_mut().zip(&order) {
                let (l, r) = one(k);
                *x = pe.u8(g, l as u8 as u32, r as u32, method) as u8;
            }
        }),
        _ => filled::<u8>(&out_shape, DType::Bool, |o| {
            for (x, &k) in o.iter_mut().zip(&order) {
                let (l, r) = one(k);
                *x = pe.bool(g, l != 0, r != 0) as u8;
            }
        }),
    }
}

/// An argument whose values are their own flat positions, so `each`
/// yields, per output element, where each bound is read.
fn index_arg(shape: &[usize], len: usize) -> Arg {
    Arg {
        shape: shape.to_vec(),
        vals: (0..len)
            .map(|k| P {
                f: k as f64,
                i: k as i64,
            })
            .collect(),
    }
}

/// An empty array of `shape` and `dt` (a `size` with a zero).
fn empty(shape: &[usize], dt: &DType) -> PyResult<Value> {
    filled::<u8>(shape, dt.clone(), |_| {})
}
