//! `np.ndarray(shape, dtype=float, buffer=None, offset=0, strides=None,
//! order=None)`: the low-level constructor, as `array_new` in NumPy's
//! `multiarray/arrayobject.c` reads it. With a `bytes` buffer the array
//! looks at those bytes through the given dtype (a byte order included:
//! `np.ndarray((2,), '>i2', buffer=b)`), offset and strides, read-only
//! since bytes are immutable; without one it is a new array, as
//! `np.empty` (slicelab zero-fills it).

use std::rc::Rc;

use crate::engine::NdArray;
use crate::engine::buffer::Buffer;
use crate::engine::dtype::DType;
use crate::engine::layout::{Layout, c_strides, f_strides};
use crate::eval::args::Args;
use crate::eval::registry::{Entry, Writes};
use crate::eval::signature::Style;

use super::error::{PyError, PyResult};
use super::value::Value;

/// The constructor's signature; CPython's keyword parser binds it.
const ENTRY: Entry = Entry {
    signature: "ndarray(shape, dtype=float, buffer=None, offset=0, strides=None, order=None)",
    style: Style::CArgs { named: true },
    honours: "shape dtype buffer offset strides order",
    writes: Writes::Nothing,
    ufunc: None,
};

/// `np.ndarray(...)`.
pub fn call(args: &Args) -> PyResult<Value> {
    // Bytes read as text must be text slicelab holds (`text_words`).
    super::text_words::checked(over_memory(args)?)
}

/// `np.ndarray(...)` itself.
fn over_memory(args: &Args) -> PyResult<Value> {
    let args = crate::eval::binding::prepare(&ENTRY, args)?;
    let shape = crate::eval::coerce::creation_shape(args.req(0, "shape", "ndarray")?)?;
    let (dtype, sub) = match args.get(1, "dtype") {
        None | Some(Value::None) => (DType::Float64, vec![]),
        Some(d) => crate::eval::dtype_arg::dtype_arg_sub(d)?,
    };
    let shape = super::subarray_dtype::appended(&shape, &sub);
    let fortran = match args.get(5, "order") {
        None | Some(Value::None) => false,
        Some(Value::Str(o)) if matches!(o.as_ref(), "C" | "A" | "K") => false,
        Some(Value::Str(o)) if o.as_ref() == "F" => true,
        Some(_) => return Err(PyError::value("order must be one of 'C', 'F', 'A', or 'K'")),
    };
    let item = dtype.itemsize();
    let source = args.get(2, "buffer").cloned().unwrap_or(Value::None);
    let buffer = match &source {
        Value::None => None,
        // An array exports its own memory: the new array is a view of it.
        Value::Array(a) => Some(Memory::Array(exported_array(a)?)),
        Value::Bytes(b) => Some(Memory::Bytes(b.clone())),
        // A NumPy scalar exports its bytes, read-only.
        Value::NpScalar(dt, sc) if !matches!(dt, DType::Object) => {
            let arr = NdArray::from_scalars(&[], dt.clone(), std::slice::from_ref(sc))?;
            let bytes = arr.buffer().bytes().to_vec();
            Some(Memory::Bytes(Rc::from(bytes)))
        }
        other if let Some(b) = super::bytearray::bytes_like(other) => {
            Some(Memory::Bytes(Rc::from(b)))
        }
        other => {
            return Err(PyError::type_error(format!(
                "a bytes-like object is required, not '{}'",
                other.type_name()
            )));
        }
    };
    let Some(data) = buffer else {
        if args.get(3, "offset").is_some() || args.get(4, "strides").is_some() {
            return Err(PyError::new(
                "NotImplementedError",
                "np.ndarray offset= or strides= without a buffer are not supported in slicelab",
            ));
        }
        let order = if fortran {
            crate::engine::Order::F
        } else {
            crate::engine::Order::C
        };
        return Ok(Value::Array(NdArray::zeros_ordered(&shape, dtype, order)?));
    };
    let data_len = match &data {
        Memory::Array(exported) => exported.len,
        Memory::Bytes(b) => b.len(),
    };
    let offset = match args.get(3, "offset") {
        None => 0,
        Some(v) => crate::eval::coerce::int_arg(v, "")?,
    };
    // NumPy reads memory before the buffer for a negative offset.
    let Ok(offset) = usize::try_from(offset) else {
        return Err(PyError::new(
            "NotImplementedError",
            "np.ndarray with a negative offset is not supported in slicelab",
        ));
    };
    let count = crate::engine::layout::checked_size(&shape)
        .ok_or_else(|| PyError::value("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size."))?;
    let too_small = || PyError::type_error("buffer is too small for requested array");
    let strides = match args.get(4, "strides") {
        None | Some(Value::None) => None,
        Some(v) => Some(strides_arg(v, shape.len())?),
    };
    let strides = match strides {
        None => {
            let need = count
                .checked_mul(item)
                .and_then(|n| n.checked_add(offset))
                .ok_or_else(too_small)?;
            if need > data_len {
                return Err(too_small());
            }
            if fortran {
                f_strides(&shape, item)
            } else {
                c_strides(&shape, item)
            }
        }
        Some(strides) => {
            // NumPy's `PyArray_CheckStrides`: every element inside the
            // buffer past `offset`.
            let fits = extent_fits(&shape, &strides, offset, item, data_len);
            if offset > data_len || !fits {
                return Err(PyError::value(
                    "strides is incompatible with shape of requested array and size of buffer",
                ));
            }
            strides
        }
    };
    if offset > data_len {
        return Err(too_small());
    }
    let data = match data {
        Memory::Array(exported) => {
            let layout = Layout {
                shape,
                strides,
                offset: exported.start + offset,
            };
            return Ok(Value::Array(NdArray::view(&exported.array, dtype, layout)));
        }
        Memory::Bytes(b) => b,
    };
    let layout = Layout {
        shape,
        strides,
        offset,
    };
    // A bytearray's bytes are shared (writes show both ways); a bytes
    // object's are copied, which no one can tell since neither side may
    // write.
    if let Some(b) = super::bytearray::of(&source) {
        return Ok(Value::Array(super::bytearray::export(
            b, dtype, layout, &source,
        )));
    }
    let buffer = Buffer::zeroed(data.len(), &[data.len()], "uint8")?;
    let arr = NdArray::from_buffer(buffer, dtype, layout);
    arr.buffer().bytes_mut().copy_from_slice(&data);
    Ok(Value::Array(super::bytearray::exported_by(&arr, &source)?))
}

/// `strides=`: one integer per axis.
fn strides_arg(v: &Value, ndim: usize) -> PyResult<Vec<isize>> {
    let items = crate::eval::protocol::iterate(v)?;
    if items.len() != ndim {
        return Err(PyError::value(
            "strides, if given, must be the same length as shape",
        ));
    }
    items
        .iter()
        .map(|s| Ok(crate::eval::coerce::int_arg(s, "")? as isize))
        .collect()
}

/// NumPy's `PyArray_CheckStrides`: every byte an element touches lies in
/// the buffer (counted in `i128`, so no stride overflows).
fn extent_fits(shape: &[usize], strides: &[isize], offset: usize, item: usize, len: usize) -> bool {
    if shape.contains(&0) {
        return true;
    }
    let (mut lo, mut hi) = (offset as i128, offset as i128);
    for (&n, &s) in shape.iter().zip(strides) {
        let reach = (n as i128 - 1) * s as i128;
        if reach < 0 {
            lo += reach;
        } else {
            hi += reach;
        }
    }
    lo >= 0 && hi + item as i128 <= len as i128
}

/// The memory `buffer=` gives: bytes (copied, or a bytearray's, shared),
/// or an array's own buffer.
enum Memory {
    Bytes(Rc<[u8]>),
    Array(Exported),
}

/// An array's memory as the buffer protocol exports it: the array, where
/// its bytes start in its buffer, and how many there are.
struct Exported {
    array: crate::engine::ArrayRef,
    start: usize,
    len: usize,
}

/// An array given as `buffer=`: NumPy takes its memory through the buffer
/// protocol, which only a C- or Fortran-contiguous array exports.
fn exported_array(a: &crate::engine::ArrayRef) -> PyResult<Exported> {
    if *a.dtype() == DType::Object {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement np.ndarray over the memory of an object array",
        ));
    }
    if !a.is_c_contiguous() && !a.is_f_contiguous() {
        return Err(PyError::value("ndarray is not contiguous"));
    }
    let start = a
        .layout_ref()
        .byte_extent(a.dtype().itemsize())
        .map_or(a.layout_ref().offset, |(lo, _)| lo.max(0) as usize);
    Ok(Exported {
        array: a.clone(),
        start,
        len: a.size() * a.dtype().itemsize(),
    })
}
