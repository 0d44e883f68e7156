//! `a.flat`: NumPy's `numpy.flatiter`, a 1-d window onto an array in C
//! order whatever its strides. Indexing it always copies (or gives a
//! scalar); assigning through it writes the array, cycling the values as
//! `iter_ass_subscript` in NumPy's `iterators.c` does.

use crate::engine::dtype::DType;
use crate::engine::element::{read_scalar, write_scalar};
use crate::engine::index::adjust_slice;
use crate::engine::{ArrayRef, NdArray, Scalar, kernels};

use super::error::{PyError, PyResult};
use super::value::Value;
use crate::eval::convert::as_array;

/// The index kinds NumPy names when a flat iterator is given anything else.
const VALID: &str =
    "only integers, slices (`:`), ellipsis (`...`) and integer or boolean arrays are valid indices";

/// Which elements an index selects, as C-order positions, and the shape
/// the selection has (`None` for a single element, read as a scalar).
struct Selection {
    positions: Vec<usize>,
    shape: Option<Vec<usize>>,
}

/// The byte offset of the element at C-order position `pos`.
fn offset_at(a: &NdArray, pos: usize) -> isize {
    let l = a.layout_ref();
    let mut rem = pos;
    let mut at = l.offset as isize;
    for k in (0..l.ndim()).rev() {
        let n = l.shape[k].max(1);
        at += (rem % n) as isize * l.strides[k];
        rem /= n;
    }
    at
}

/// A Python int-like value, if it is one.
fn as_int(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i as i64),
        Value::NpScalar(dt, Scalar::Int(i)) if dt.is_integer() => Some(*i),
        Value::NpScalar(dt, Scalar::UInt(u)) if dt.is_integer() => Some(*u as i64),
        _ => None,
    }
}

fn checked(i: i64, size: usize) -> PyResult<usize> {
    let j = if i < 0 { i + size as i64 } else { i };
    if j < 0 || j >= size as i64 {
        return Err(PyError::index(format!(
            "index {i} is out of bounds for size {size}"
        )));
    }
    Ok(j as usize)
}

/// Resolve a flat-iterator index; `setting` changes the 0-d tuple rule.
fn select(size: usize, idx: &Value, setting: bool) -> PyResult<Selection> {
    let all = || Selection {
        positions: (0..size).collect(),
        shape: Some(vec![size]),
    };
    if let Value::Tuple(t) = idx {
        return match t.len() {
            0 if setting => Err(PyError::index(
                "Assigning to a flat iterator with a 0-D index is not supported",
            )),
            0 => Ok(all()),
            1 => select(size, &t[0], setting),
            _ if t.iter().any(|x| matches!(x, Value::None | Value::Str(_))) => {
                Err(PyError::index(VALID))
            }
            n => Err(PyError::index(format!(
                "too many indices for flat iterator: flat iterator is 1-dimensional, but {n} were indexed"
            ))),
        };
    }
    if let Value::Int(i) = idx
        && i64::try_from(*i).is_err()
    {
        return Err(PyError::overflow(
            "Python int too large to convert to C long",
        ));
    }
    if let Some(i) = as_int(idx) {
        return Ok(Selection {
            positions: vec![checked(i, size)?],
            shape: None,
        });
    }
    match idx {
        Value::Ellipsis => Ok(all()),
        Value::Slice(parts) => {
            let get = |v: &Value| -> PyResult<Option<i64>> {
                match v {
                    Value::None => Ok(None),
                    other => as_int(other).map(Some).ok_or_else(|| {
                        PyError::type_error(
                            "slice indices must be integers or None or have an __index__ method",
                        )
                    }),
                }
            };
            let (start, n, step) =
                adjust_slice(get(&parts[0])?, get(&parts[1])?, get(&parts[2])?, size)?;
            Ok(Selection {
                positions: (0..n).map(|k| (start + k as i64 * step) as usize).collect(),
                shape: Some(vec![n]),
            })
        }
        Value::List(items)
            if !items.borrow().is_empty()
                && items.borrow().iter().all(|x| matches!(x, Value::Bool(_))) =>
        {
            Err(PyError::index(
                "boolean indices for iterators are not supported because of previous behavior that was confusing (valid boolean indices are expected to work in the future)",
            ))
        }
        Value::Array(_) | Value::List(_) | Value::Tuple(_) => {
            let ix = match idx {
                Value::Array(x) => x.clone(),
                other => {
                    let x = as_array(other)?;
                    if x.size() == 0 {
                        kernels::cast(&x, &DType::Int64)?
                    } else {
                        x
                    }
                }
            };
            if *ix.dtype() == DType::Bool {
                if ix.ndim() != 1 {
                    return Err(PyError::index(format!(
                        "too many indices for flat iterator: flat iterator is 1-dimensional, but {} were indexed",
                        ix.ndim().max(1)
                    )));
                }
                if ix.size() != size {
                    return Err(PyError::index(format!(
                        "boolean index did not match indexed flat iterator along axis 0; size of axis is {size} but size of corresponding boolean axis is {}",
                        ix.size()
                    )));
                }
                let positions: Vec<usize> = ix
                    .to_scalars()
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| matches!(s, Scalar::Bool(true)))
                    .map(|(k, _)| k)
                    .collect();
                let n = positions.len();
                return Ok(Selection {
                    positions,
                    shape: Some(vec![n]),
                });
            }
            if !ix.dtype().is_integer() {
                return Err(PyError::index(VALID));
            }
            let mut positions = Vec::with_capacity(ix.size());
            for s in ix.to_scalars() {
                let i = match s {
                    Scalar::Int(i) => i,
                    Scalar::UInt(u) => u as i64,
                    _ => return Err(PyError::index(VALID)),
                };
                positions.push(checked(i, size)?);
            }
            let shape = if ix.ndim() == 0 {
                None
            } else {
                Some(ix.shape())
            };
            Ok(Selection { positions, shape })
        }
        _ => Err(PyError::index(VALID)),
    }
}

/// `a.flat[idx]`: a scalar for one element, else a new array that owns
/// its data.
pub fn getitem(a: &ArrayRef, idx: &Value) -> PyResult<Value> {
    let sel = select(a.size(), idx, false)?;
    let dt = a.dtype().clone();
    let vals: Vec<Scalar> = {
        let bytes = a.buffer().bytes();
        sel.positions
            .iter()
            .map(|&p| read_scalar(&bytes, offset_at(a, p), &dt))
            .collect()
    };
    match sel.shape {
        None => Ok(Value::NpScalar(dt, vals[0].clone())),
        Some(shape) => Ok(Value::Array(NdArray::from_scalars(&shape, dt, &vals)?)),
    }
}

/// `a.flat[idx] = value`: the value is cast to the array's dtype, read in
/// C order and repeated as often as the selection needs.
pub fn setitem(a: &ArrayRef, idx: &Value, value: &Value) -> PyResult<()> {
    if !a.writeable() {
        return Err(PyError::value("underlying array is read-only"));
    }
    let sel = select(a.size(), idx, true)?;
    let dt = a.dtype().clone();
    let src = match value {
        Value::Array(v) => v.clone(),
        // A tuple is one record, a list of tuples several.
        other if matches!(dt, DType::Record(_)) => super::convert::to_array(other, Some(&dt))?,
        other => as_array(other)?,
    };
    let vals = kernels::cast(&src, &dt)?.to_scalars();
    if sel.shape.is_none() && vals.len() > 1 {
        return Err(PyError::value("Error setting single item of array."));
    }
    if vals.is_empty() {
        return Ok(());
    }
    let cycled: Vec<Scalar> = (0..sel.positions.len())
        .map(|k| vals[k % vals.len()].clone())
        .collect();
    write_positions(a, &sel.positions, &cycled);
    Ok(())
}

/// Attributes of a flat iterator whose `next()` would read C-order
/// position `pos`: `index` is it, `coords` its multi-index (the first
/// coordinate runs past its axis once the iterator is exhausted).
pub fn attr(a: &ArrayRef, pos: usize, me: &Value, name: &str) -> PyResult<Value> {
    Ok(match name {
        "base" => Value::Array(a.clone()),
        "index" => Value::Int(pos as i128),
        "coords" => {
            let shape = a.shape();
            let mut coords = vec![0; shape.len()];
            let mut rest = pos;
            for (k, &n) in shape.iter().enumerate().rev() {
                if k == 0 || n == 0 {
                    coords[k] = if n == 0 { 0 } else { rest };
                    break;
                }
                coords[k] = rest % n;
                rest /= n;
            }
            Value::tuple(coords.into_iter().map(|c| Value::Int(c as i128)).collect())
        }
        "copy" | "__array__" => {
            Value::Method(std::rc::Rc::new(me.clone()), std::rc::Rc::from(name))
        }
        _ => return Err(PyError::attribute("numpy.flatiter", name)),
    })
}

/// `next(a.flat)`: the element at `pos`, which then moves on; `None`
/// once every element has been read.
pub fn next(a: &ArrayRef, pos: &std::cell::Cell<usize>) -> Option<Value> {
    let p = pos.get();
    if p >= a.size() {
        return None;
    }
    pos.set(p + 1);
    Some(Value::NpScalar(a.dtype().native(), read_position(a, p)))
}

/// The elements `next()` has not read yet, as NumPy scalars, for
/// `list(a.flat)` and `for`; the iterator is then exhausted.
pub fn rest(a: &ArrayRef, pos: &std::cell::Cell<usize>) -> Vec<Value> {
    let mut out = items(a);
    out.drain(..pos.get().min(out.len()));
    pos.set(a.size());
    out
}

/// The elements in C order, as a new 1-d array (`a.flat.copy()`,
/// `np.array(a.flat)`).
pub fn to_array(a: &ArrayRef) -> PyResult<ArrayRef> {
    let vals = a.to_scalars();
    Ok(NdArray::from_scalars(
        &[vals.len()],
        a.dtype().clone(),
        &vals,
    )?)
}

/// Every element as a NumPy scalar.
fn items(a: &ArrayRef) -> Vec<Value> {
    a.to_scalars()
        .into_iter()
        .map(|s| Value::NpScalar(a.dtype().native(), s))
        .collect()
}

/// The element at C-order position `pos` (caller checks the bound).
pub fn read_position(a: &NdArray, pos: usize) -> Scalar {
    read_scalar(&a.buffer().bytes(), offset_at(a, pos), a.dtype())
}

/// Write `vals[k]` at C-order position `positions[k]` (positions in
/// bounds, values already of the array's dtype).
pub fn write_positions(a: &NdArray, positions: &[usize], vals: &[Scalar]) {
    let offsets: Vec<isize> = positions.iter().map(|&p| offset_at(a, p)).collect();
    let mut bytes = a.bytes_mut();
    for (at, v) in offsets.into_iter().zip(vals) {
        write_scalar(&mut bytes, at, a.dtype(), v);
    }
}
