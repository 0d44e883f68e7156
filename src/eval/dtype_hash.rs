//! `hash()` of a dtype and of a `np.void` scalar, built as NumPy builds
//! them (`hashdescr.c`, `void_arrtype_hash`), so that two dtypes NumPy
//! hashes alike hash alike here and two it tells apart differ. A dtype's
//! hash is a tuple hash over one-character bytes (the kind, the byte
//! order) and field names, which CPython salts per process: the number
//! itself is this process's, as any Python's is; equal dtypes share it.

use crate::engine::dtype::{DType, Endian};

use super::error::{PyError, PyResult};
use super::set_table::py_hash;
use super::value::Value;

/// `hash(dt)`: the tuple of everything `_array_descr_walk` lists, hashed.
pub fn dtype(dt: &DType) -> i64 {
    let mut items = vec![];
    walk(dt, &mut items);
    py_hash(&Value::tuple(items))
}

/// `_array_descr_walk`: a plain type lists its kind, byte order (native
/// written as `'<'`), flags, itemsize and alignment; a structured one its
/// fields' names, types (walked) and offsets, with titles; a sub-array
/// type its shape, then its base walked. Datetime units are not listed.
fn walk(dt: &DType, out: &mut Vec<Value>) {
    match dt {
        DType::Record(r) if !r.fields().is_empty() => {
            for f in r.fields().iter() {
                out.push(Value::str(&f.name));
                if f.shape.is_empty() {
                    walk(&f.dtype, out);
                } else {
                    out.extend(f.shape.iter().map(|&d| Value::Int(d as i128)));
                    walk(&f.dtype, out);
                }
                out.push(Value::Int(f.offset as i128));
                if let Some(t) = &f.title {
                    out.push(Value::str(t));
                }
            }
        }
        _ => {
            let order = match dt {
                DType::Ordered(_, Endian::Big) => b'>',
                _ if dt.has_byte_order() => b'<',
                _ => b'|',
            };
            let flags = if *dt == DType::Object { 63 } else { 0 };
            out.extend([
                Value::Bytes(vec![dt.kind_char() as u8].into()),
                Value::Bytes(vec![order].into()),
                Value::Int(flags),
                Value::Int(dt.itemsize() as i128),
                Value::Int(dt.alignment() as i128),
            ]);
        }
    }
}

/// `hash(v)` of a `np.void` taken from a structured array: refused while
/// the array it views is writeable (NumPy's message), else the old tuple
/// hash of its fields as `void_arrtype_hash` combines them.
pub fn void(a: &crate::engine::ArrayRef) -> PyResult<i64> {
    if a.writeable() {
        return Err(PyError::type_error(
            "unhashable type: 'writeable void-scalar'",
        ));
    }
    let DType::Record(r) = a.dtype().native() else {
        return Ok(py_hash(&super::convert::scalar_to_py(
            a.dtype(),
            &a.first(),
        )));
    };
    if r.fields().iter().any(|f| !f.shape.is_empty()) {
        return Err(PyError::type_error("unhashable type: 'numpy.ndarray'"));
    }
    let items = match super::convert::scalar_to_py(a.dtype(), &a.first()) {
        Value::Tuple(t) => t.as_ref().clone(),
        other => vec![other],
    };
    let len = items.len() as i64;
    let (mut x, mut mult): (i64, i64) = (0x345678, 1_000_003);
    for it in &items {
        let y = py_hash(it);
        x = (x ^ y).wrapping_mul(mult);
        mult = mult.wrapping_add(82_520 + len + len);
    }
    x = x.wrapping_add(97_531);
    Ok(if x == -1 { -2 } else { x })
}
