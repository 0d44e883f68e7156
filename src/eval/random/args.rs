//! Arguments and results shared by every sampler: `size=` as a shape,
//! float parameters, output arrays filled in draw order, and the bounds
//! checks of the integer samplers with NumPy's messages.

use crate::engine::typed::elems_mut;
use crate::engine::{DType, NdArray, Scalar};

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use crate::eval::coerce::shape_arg;

/// `size=`: `None` (one scalar draw) or a shape.
pub fn size_arg(v: Option<&Value>) -> PyResult<Option<Vec<usize>>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => Ok(Some(shape_arg(v, None)?)),
    }
}

/// `np.asarray(size).sum()` for a non-negative int or sequence of ints
/// (`random_raw(size, output=False)` draws that many).
pub fn shape_sum(v: &Value) -> PyResult<u64> {
    let dims: Vec<Value> = match v {
        Value::List(_) | Value::Tuple(_) | Value::Array(_) => crate::eval::protocol::iterate(v)?,
        one => vec![one.clone()],
    };
    let mut n: i128 = 0;
    for d in &dims {
        n += int_param(d)?;
    }
    Ok(n.max(0) as u64)
}

/// An array of `shape` and `dtype` whose elements (type `T`) are written
/// in order by `draw`.
pub fn filled<T: bytemuck::Pod>(
    shape: &[usize],
    dtype: DType,
    draw: impl FnOnce(&mut [T]),
) -> PyResult<Value> {
    let a = NdArray::for_overwrite(shape, dtype)?;
    {
        let mut bytes = a.buffer().bytes_mut();
        let out = elems_mut::<T>(&mut bytes).expect("a new buffer is aligned");
        draw(out);
    }
    Ok(Value::Array(a))
}

/// Doubles: one Python float for `size=None`, else an array of `size`.
pub fn doubles(size: Option<Vec<usize>>, mut draw: impl FnMut() -> f64) -> PyResult<Value> {
    match size {
        None => Ok(Value::Float(draw())),
        Some(shape) => filled::<f64>(&shape, DType::Float64, |out| {
            crate::engine::random::fill::serial(out, &mut draw)
        }),
    }
}

/// A `uint32` array of `words` (`SeedSequence.pool`, `generate_state`).
pub fn u32_array(words: &[u32]) -> PyResult<Value> {
    filled::<u32>(&[words.len()], DType::UInt32, |out| {
        out.copy_from_slice(words)
    })
}

/// A `uint64` array of `words`.
pub fn u64_array(words: &[u64]) -> PyResult<Value> {
    filled::<u64>(&[words.len()], DType::UInt64, |out| {
        out.copy_from_slice(words)
    })
}

/// An integer argument as a Python int (`low`, `high`), as `int()`
/// makes it.
pub fn int_param(v: &Value) -> PyResult<i128> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i128),
        Value::NpScalar(_, Scalar::Int(i)) => Ok(*i as i128),
        Value::NpScalar(_, Scalar::UInt(u)) => Ok(*u as i128),
        Value::NpScalar(_, Scalar::Bool(b)) => Ok(*b as i128),
        // Python's `int()`: toward zero.
        Value::Float(f) if f.is_finite() => Ok(f.trunc() as i128),
        Value::NpScalar(_, Scalar::Float(f)) if f.is_finite() => Ok(f.trunc() as i128),
        Value::Array(a) if a.ndim() == 0 => {
            int_param(&Value::NpScalar(a.dtype().native(), a.first()))
        }
        other => Err(PyError::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

/// The integer dtypes the bounded samplers produce, with their ranges.
pub fn int_bounds(dt: &DType) -> Option<(i128, i128)> {
    match dt {
        DType::Bool => Some((0, 1)),
        other => other.int_range(),
    }
}

/// `_rand_<type>`'s first step: a `size` with no elements gives an empty
/// array of the dtype before `low` and `high` are read
/// (`integers(0, 0, size=0)` is `array([], dtype=int64)`).
pub fn empty_draw(size: Option<&Value>, dt: &DType) -> PyResult<Option<Value>> {
    match size_arg(size)? {
        Some(shape) if shape.iter().product::<usize>() == 0 => Ok(Some(Value::Array(
            crate::engine::NdArray::zeros(&shape, dt.clone())?,
        ))),
        _ => Ok(None),
    }
}

/// `low`/`high` checked as NumPy's `_bounded_integers` checks them; the
/// result is (offset, inclusive range).
pub fn bounded_range(
    low: Option<&Value>,
    high: Option<&Value>,
    dt: &DType,
    endpoint: bool,
) -> PyResult<(i128, u64)> {
    let name = dt.name();
    let (lowbnd, highbnd) = int_bounds(dt).expect("checked by the caller");
    let (lo, hi) = match high {
        None | Some(Value::None) => (0, int_param(low.expect("required"))?),
        Some(h) => (int_param(low.expect("required"))?, int_param(h)?),
    };
    let hi_incl = if endpoint { hi } else { hi - 1 };
    if lo < lowbnd {
        return Err(PyError::value(format!("low is out of bounds for {name}")));
    }
    if hi_incl > highbnd {
        return Err(PyError::value(format!("high is out of bounds for {name}")));
    }
    if lo > hi_incl {
        // `format_bounds_error`: worded by whether low is 0, however given.
        return Err(PyError::value(match (lo == 0, endpoint) {
            (true, false) => "high <= 0",
            (true, true) => "high < 0",
            (false, false) => "low >= high",
            (false, true) => "low > high",
        }));
    }
    Ok((lo, (hi_incl - lo) as u64))
}
