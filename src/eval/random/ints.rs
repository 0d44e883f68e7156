//! Bounded integer draws for both `Generator.integers` (Lemire) and the
//! legacy `randint` (masked), in the width of the requested dtype: 8- and
//! 16-bit dtypes take pieces of one 32-bit word, as NumPy's buffered
//! samplers do, and signed dtypes reinterpret the unsigned draws.

use crate::engine::random::BitGen;
use crate::engine::random::bounded::{Method, fill_bool, fill_small, fill_u32, fill_u64};
use crate::engine::{DType, Scalar};

use super::super::error::PyResult;
use super::super::value::Value;
use super::args::filled;

/// Draw `shape` (or one scalar) integers in `off ..= off + rng` of `dt`.
pub fn draw<G: BitGen>(
    g: &mut G,
    shape: Option<&[usize]>,
    dt: &DType,
    off: i128,
    rng: u64,
    method: Method,
) -> PyResult<Value> {
    let shape_of = shape.unwrap_or(&[]);
    let arr = match dt {
        DType::Int64 | DType::UInt64 => filled::<u64>(shape_of, dt.clone(), |o| {
            fill_u64(g, off as u64, rng, method, o)
        })?,
        DType::Int32 | DType::UInt32 => filled::<u32>(shape_of, dt.clone(), |o| {
            fill_u32(g, off as u32, rng as u32, method, o)
        })?,
        DType::Int16 | DType::UInt16 => filled::<u16>(shape_of, dt.clone(), |o| {
            fill_small::<G, 16, u16>(g, off as u16 as u32, rng as u32, method, o)
        })?,
        DType::Int8 | DType::UInt8 => filled::<u8>(shape_of, dt.clone(), |o| {
            fill_small::<G, 8, u8>(g, off as u8 as u32, rng as u32, method, o)
        })?,
        _ => filled::<u8>(shape_of, DType::Bool, |o| {
            fill_bool(g, off != 0, rng != 0, o)
        })?,
    };
    if shape.is_some() {
        return Ok(arr);
    }
    let Value::Array(a) = arr else { unreachable!() };
    Ok(Value::NpScalar(dt.clone(), a.first()))
}

/// A scalar draw as the legacy `randint` returns it for `dtype=int`/`bool`:
/// a Python int or bool.
pub fn python_scalar(v: Value) -> Value {
    match v {
        Value::NpScalar(_, Scalar::Int(i)) => Value::Int(i as i128),
        Value::NpScalar(_, Scalar::UInt(u)) => Value::Int(u as i128),
        Value::NpScalar(_, Scalar::Bool(b)) => Value::Bool(b),
        other => other,
    }
}
