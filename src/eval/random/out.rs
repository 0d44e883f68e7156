//! `out=` of the Generator's samplers that take it (`random`,
//! `standard_normal`, `standard_exponential`, `standard_gamma`) and
//! `standard_gamma(dtype=np.float32)`: NumPy's `check_output` (contiguous,
//! writable, the right dtype, `size` equal to `out.shape`), then the draws
//! written into `out`'s memory in memory order through the engine's write
//! path, so the write log (and the teaching view) sees the write.

use bytemuck::Pod;

use crate::engine::random::{AnyBitGen, continuous as c};
use crate::engine::typed::elems_mut;
use crate::engine::{ArrayRef, DType};

use super::super::error::{PyError, PyResult};
use super::super::signature::Bound;
use super::super::value::Value;
use super::args::{filled, size_arg};
use super::broadcast::{Cons, Kind, broadcast, check, convert, each};
use crate::eval::coerce::float_arg;
use crate::eval::protocol::iterate;

/// `check_output(out, dtype, size, require_c_array)`.
pub fn check_output(
    out: &Value,
    dtype: &DType,
    size: Option<&Value>,
    require_c: bool,
) -> PyResult<ArrayRef> {
    let contiguous_msg = || {
        let req = if require_c { "C-" } else { "" };
        PyError::value(format!(
            "Supplied output array must be {req}contiguous, writable, aligned, and in machine byte-order."
        ))
    };
    let Value::Array(o) = out else {
        return Err(contiguous_msg());
    };
    let layout_ok = o.is_c_contiguous() || (!require_c && o.is_f_contiguous());
    if !layout_ok || !o.writeable() {
        return Err(contiguous_msg());
    }
    if o.dtype() != dtype {
        return Err(PyError::type_error(format!(
            "Supplied output array has the wrong type. Expected {}, got {}",
            dtype.name(),
            o.dtype().name()
        )));
    }
    if let Some(size) = size.filter(|v| !matches!(v, Value::None)) {
        // `tuple(size)`, or `(size,)` when it is not iterable; compared
        // with `==`, so `(2.0, 3)` matches a (2, 3) array.
        let items = match size {
            Value::Tuple(_) | Value::List(_) | Value::Array(_) => iterate(size)?,
            one => vec![one.clone()],
        };
        let shape = o.shape();
        let same = items.len() == shape.len()
            && items
                .iter()
                .zip(&shape)
                .all(|(v, &d)| float_arg(v).is_ok_and(|f| f == d as f64));
        if !same {
            return Err(PyError::value(
                "size must match out.shape when used together",
            ));
        }
    }
    Ok(o.clone())
}

/// Write `draw()` into every element of the contiguous `o`, in memory
/// order.
pub fn write_all<T: Pod>(o: &ArrayRef, mut draw: impl FnMut(usize) -> T) -> PyResult<()> {
    let Some((lo, hi)) = o.layout_ref().byte_extent(o.dtype().itemsize()) else {
        return Ok(());
    };
    let mut bytes = o.bytes_mut();
    let elems = elems_mut::<T>(&mut bytes[lo as usize..hi as usize]).ok_or_else(|| {
        PyError::value(
            "Supplied output array must be contiguous, writable, aligned, and in machine byte-order.",
        )
    })?;
    for (i, e) in elems.iter_mut().enumerate() {
        *e = draw(i);
    }
    Ok(())
}

/// A fill sampler (`double_fill`/`float_fill`) writing into `out`.
pub fn fill_out<T: Pod>(
    out: &Value,
    dtype: DType,
    size: Option<&Value>,
    mut draw: impl FnMut() -> T,
) -> PyResult<Value> {
    let o = check_output(out, &dtype, size, false)?;
    write_all(&o, |_| draw())?;
    Ok(Value::Array(o))
}

/// `Generator.standard_gamma(shape, size=None, dtype=np.float64,
/// out=None)`: NumPy's `cont` (float64) or `cont_f` (float32), each with
/// `out=`.
pub fn standard_gamma(g: &mut AnyBitGen, b: &Bound) -> PyResult<Value> {
    let dtype = match b.get("dtype") {
        None => DType::Float64,
        Some(v) => crate::eval::dtype_arg::dtype_arg(v)?,
    };
    if !matches!(dtype, DType::Float64 | DType::Float32) {
        return Err(PyError::type_error(format!(
            "Unsupported dtype dtype('{}') for standard_gamma",
            dtype.name()
        )));
    }
    let f32s = dtype == DType::Float32;
    let size = b.get("size").filter(|v| !matches!(v, Value::None));
    let out = b.get("out").filter(|v| !matches!(v, Value::None));
    let target = out
        .map(|o| check_output(o, &dtype, size, true))
        .transpose()?;
    let mut shape = convert(b.get("shape"), 0.0, Kind::Double)?;
    if f32s {
        // `PyArray_FROMANY(a, NPY_FLOAT32)` / `<float>PyFloat_AsDouble(a)`.
        shape.vals.iter_mut().for_each(|p| p.f = p.f as f32 as f64);
    }
    check(&shape, "shape", Cons::NonNegative)?;
    let mut one = |a: f64| -> f64 {
        if f32s {
            c::standard_gamma_f32(g, a as f32) as f64
        } else {
            c::standard_gamma(g, a)
        }
    };
    if shape.is_scalar() {
        let a = shape.first().f;
        let Some(o) = target else {
            let Some(dims) = size_arg(size)? else {
                return Ok(Value::Float(one(a)));
            };
            return if f32s {
                filled::<f32>(&dims, dtype, |v| {
                    v.iter_mut().for_each(|x| *x = one(a) as f32)
                })
            } else {
                filled::<f64>(&dims, dtype, |v| v.iter_mut().for_each(|x| *x = one(a)))
            };
        };
        write_typed(&o, f32s, |_| one(a))?;
        return Ok(Value::Array(o));
    }
    // Array `shape`: one draw per element of the output, reading `shape`
    // at its broadcast position.
    let out_shape = match (&target, size_arg(size)?) {
        (Some(o), _) => o.shape(),
        (None, Some(dims)) => dims,
        (None, None) => shape.shape.clone(),
    };
    let it = broadcast(&[&out_shape, &shape.shape])?;
    if it != out_shape {
        return Err(PyError::value(format!(
            "Output size {} is not compatible with broadcast dimensions of inputs {}.",
            crate::engine::error::shape_tuple(&out_shape),
            crate::engine::error::shape_tuple(&it)
        )));
    }
    // The output NumPy allocates, and the draws held beside it.
    let item = dtype.itemsize();
    crate::engine::buffer::ensure_room(&it, item, &dtype.name(), item + 8)?;
    let mut vals = Vec::with_capacity(it.iter().product());
    each(std::slice::from_ref(&shape), &it, |ps| {
        vals.push(one(ps[0].f))
    });
    match target {
        Some(o) => {
            write_typed(&o, f32s, |i| vals[i])?;
            Ok(Value::Array(o))
        }
        None if f32s => filled::<f32>(&it, dtype, |v| {
            v.iter_mut().zip(&vals).for_each(|(x, &d)| *x = d as f32)
        }),
        None => filled::<f64>(&it, dtype, |v| v.copy_from_slice(&vals)),
    }
}

/// Write doubles (narrowed to float32 for a float32 `o`).
fn write_typed(o: &ArrayRef, f32s: bool, mut draw: impl FnMut(usize) -> f64) -> PyResult<()> {
    if f32s {
        write_all::<f32>(o, |i| draw(i) as f32)
    } else {
        write_all::<f64>(o, draw)
    }
}
