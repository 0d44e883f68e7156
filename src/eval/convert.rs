//! Python objects to arrays (`np.array`'s shape and dtype discovery, object
//! arrays from ragged or mixed lists, `as_array` without a copy), array
//! elements back to Python values (`scalar_to_py`), casts' record rules,
//! and Python objects to index items (what may stand inside `[]`).

use super::object::{element, store};
use crate::engine::dtype::{DType, Kind};
use crate::engine::index::IndexItem;
use crate::engine::promote::promote_types;
use crate::engine::void_cast::is_plain_void;
use crate::engine::{ArrayRef, NdArray, Scalar};

use super::error::{PyError, PyResult};
use super::value::Value;

/// Deepest list nesting `np.array` will follow (NumPy's limit is 64 dims).
const MAX_DIMS: usize = 64;

/// A leaf's contribution to dtype discovery.
fn leaf_dtype(v: &Value) -> Option<DType> {
    Some(match v {
        Value::Bool(_) => DType::Bool,
        Value::Int(i) => {
            if *i > i64::MAX as i128 && *i <= u64::MAX as i128 {
                DType::UInt64
            } else {
                DType::Int64
            }
        }
        // Held as a Python object (`wants_object`), as an int past u64 is.
        Value::BigInt(_) => DType::Int64,
        Value::Float(_) => DType::Float64,
        Value::Complex(..) => DType::Complex128,
        Value::Str(s) => DType::Str(s.chars().count().max(1)),
        Value::Bytes(b) => DType::Bytes(b.len().max(1)),
        Value::NpScalar(dt, _) => dt.clone(),
        Value::Array(a) => a.dtype().clone(),
        Value::Void(a) => a.dtype().clone(),
        _ => return None,
    })
}

fn is_sequence(v: &Value, record: bool) -> bool {
    match super::named_tuple::plain(v) {
        Value::List(_) => true,
        Value::Tuple(_) => !record,
        _ => false,
    }
}

fn items_of(v: &Value) -> Vec<Value> {
    match super::named_tuple::plain(v) {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.as_ref().clone(),
        _ => vec![],
    }
}

/// Discover the shape of nested sequences; arrays inside contribute theirs.
fn discover_shape(v: &Value, record: bool, depth: usize) -> PyResult<Option<Vec<usize>>> {
    if depth > MAX_DIMS {
        return Err(PyError::value(
            "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 64.",
        ));
    }
    if let Value::Array(a) = v {
        return Ok(Some(a.shape()));
    }
    if !is_sequence(v, record) {
        return Ok(Some(vec![]));
    }
    let items = items_of(v);
    let mut inner: Option<Vec<usize>> = None;
    for it in &items {
        let s = discover_shape(it, record, depth + 1)?;
        match (&inner, s) {
            (_, None) => return Ok(None),
            (None, Some(s)) => inner = Some(s),
            (Some(a), Some(s)) if *a == s => {}
            _ => return Ok(None),
        }
    }
    let mut shape = vec![items.len()];
    shape.extend(inner.unwrap_or_default());
    Ok(Some(shape))
}

/// How many leading dims are consistent (for NumPy's inhomogeneous message).
fn consistent_prefix(v: &Value, record: bool) -> Vec<usize> {
    let mut out = vec![];
    let mut level = vec![v.clone()];
    loop {
        if !level.iter().all(|x| is_sequence(x, record)) {
            return out;
        }
        let lens: Vec<usize> = level.iter().map(|x| items_of(x).len()).collect();
        if lens.windows(2).any(|w| w[0] != w[1]) || lens.is_empty() {
            return out;
        }
        out.push(lens[0]);
        level = level.iter().flat_map(items_of).collect();
        if level.is_empty() {
            return out;
        }
    }
}

fn flatten_into(v: &Value, record: bool, out: &mut Vec<Value>) {
    match v {
        Value::Array(a) => {
            let dt = a.dtype().clone();
            out.extend(
                a.to_scalars()
                    .into_iter()
                    .map(|s| Value::NpScalar(dt.clone(), s)),
            );
        }
        _ if is_sequence(v, record) => {
            for it in items_of(v) {
                flatten_into(&it, record, out);
            }
        }
        other => out.push(other.clone()),
    }
}

/// A Python value as an element scalar for `dtype`, checking what NumPy
/// checks when it stores a Python object: ints must fit, strings must parse.
pub fn to_scalar_for(v: &Value, dtype: &DType) -> PyResult<Scalar> {
    if *dtype == DType::Object {
        return Ok(Scalar::Object(crate::eval::object::store(v)));
    }
    if let DType::Time(u, delta) = dtype.native() {
        return crate::eval::datetime_convert::element(v, u, delta);
    }
    // A void stores bytes: a NumPy scalar's own, never a Python number's.
    // (An empty tuple is the record of `dtype([])`, which slicelab does not
    // tell from `V0`.)
    if is_plain_void(dtype) && !matches!(v, Value::Tuple(t) if t.is_empty()) {
        return match v {
            Value::Bytes(b) => Ok(Scalar::Bytes(b.to_vec())),
            Value::NpScalar(dt, s) if !matches!(dt, DType::Record(_)) => {
                Ok(crate::engine::void_cast::scalar_bytes(dt, s))
            }
            Value::NpScalar(_, s) => Ok(s.clone()),
            Value::Void(a) => Ok(a.first()),
            other => Err(PyError::type_error(format!(
                "a bytes-like object is required, not '{}'",
                other.type_name()
            ))),
        };
    }
    let k = dtype.kind();
    Ok(match v {
        // NumPy's float setitem reads `None` as NaN (`MyPyFloat_AsDouble`).
        Value::None if k == Kind::Float => Scalar::Float(f64::NAN),
        Value::None if k == Kind::Complex => Scalar::Complex(f64::NAN, f64::NAN),
        // Text types store `str(None)`.
        Value::None if k == Kind::Str => Scalar::Str("None".into()),
        Value::None if k == Kind::Bytes => Scalar::Bytes(b"None".to_vec()),
        Value::Bool(b) => Scalar::Bool(*b),
        Value::Int(i) => {
            if matches!(k, Kind::Int | Kind::UInt) {
                check_int_fits(*i, dtype)?;
            }
            int_scalar(*i, k)
        }
        Value::BigInt(b) => {
            if matches!(k, Kind::Int | Kind::UInt) && dtype.int_range().is_some() {
                return Err(PyError::overflow(
                    "Python int too large to convert to C long",
                ));
            }
            big_scalar(b, k)?
        }
        // A Python float goes through int() on its way into an int array,
        // and the int it truncates to must fit as a Python int must.
        Value::Float(f) if matches!(k, Kind::Int | Kind::UInt) => {
            let whole = float_as_int(*f)?;
            check_int_fits(whole, dtype)?;
            int_scalar(whole, k)
        }
        Value::Float(f) => Scalar::Float(*f),
        // Python's own words: float() does not mention bytes; a bool
        // element is the complex number's truth.
        Value::Complex(re, im) => match k {
            Kind::Bool => Scalar::Bool(*re != 0.0 || *im != 0.0),
            Kind::Float => {
                return Err(PyError::type_error(
                    "float() argument must be a string or a real number, not 'complex'",
                ));
            }
            Kind::Int | Kind::UInt => {
                return Err(PyError::type_error(
                    "int() argument must be a string, a bytes-like object or a real number, not 'complex'",
                ));
            }
            _ => Scalar::Complex(*re, *im),
        },
        // Text goes through Python's int()/float()/complex() into a number.
        Value::Str(s) if k.is_number() => {
            crate::engine::text_cast::number(&Scalar::Str(s.to_string()), dtype, true)?
        }
        // Text into bytes is encoded as ASCII, refused as Python's codec
        // refuses (`S` setitem calls `str.encode('ascii')`).
        Value::Str(s) if k == Kind::Bytes => {
            if let Some(message) = crate::engine::array::ascii_encode_error(s) {
                return Err(PyError::new("UnicodeEncodeError", message));
            }
            Scalar::Bytes(s.as_bytes().to_vec())
        }
        Value::Str(s) => Scalar::Str(s.to_string()),
        Value::Bytes(b) if k.is_number() => {
            crate::engine::text_cast::number(&Scalar::Bytes(b.to_vec()), dtype, true)?
        }
        Value::Bytes(b) => Scalar::Bytes(b.to_vec()),
        Value::NpScalar(_, s @ (Scalar::Str(_) | Scalar::Bytes(_))) if k.is_number() => {
            crate::engine::text_cast::number(s, dtype, false)?
        }
        // A signed integer type knows every NumPy scalar: it stores
        // `int(value)` with a Python int's checks (NumPy's `@TYPE@_setitem`
        // after `signed_integers_is_known_scalar_types`), so
        // `int8_arr[0] = np.int64(1000)` is an OverflowError and a float NaN
        // a ValueError. Any other type casts the scalar from its own dtype.
        Value::NpScalar(dt, s) if k == Kind::Int => {
            let i = scalar_as_python_int(dt, s)?;
            check_int_fits(i, dtype)?;
            int_scalar(i, k)
        }
        Value::NpScalar(_, s) => s.clone(),
        Value::Void(a) => a.first(),
        Value::Tuple(t) if matches!(dtype, DType::Record(_)) => {
            let DType::Record(rec) = dtype else {
                unreachable!()
            };
            if t.len() != rec.fields().len() {
                return Err(PyError::value(format!(
                    "could not assign tuple of length {} to structure with {} fields.",
                    t.len(),
                    rec.fields().len()
                )));
            }
            let mut vals = vec![];
            for (f, x) in rec.fields().iter().zip(t.iter()) {
                vals.push(if f.shape.is_empty() {
                    to_scalar_for(x, &f.dtype)?
                } else {
                    subarray_field(x, &f.dtype, &f.shape)?
                });
            }
            Scalar::Record(vals)
        }
        Value::Array(a) if a.ndim() == 0 => a.first(),
        other => {
            return Err(PyError::type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                other.type_name()
            )));
        }
    })
}

/// `int(x)` of a NumPy scalar, as CPython's `PyNumber_Long` gives it:
/// floats truncated (NaN and infinity refused with Python's words), a
/// complex number's real part, a datetime's `.item()` when that is an int.
fn scalar_as_python_int(dt: &DType, s: &Scalar) -> PyResult<i128> {
    if matches!(dt.native(), DType::Time(..)) {
        return match super::pydatetime::to_python(dt, s)? {
            Value::Int(i) => Ok(i),
            other => Err(int_argument_error(other.type_name())),
        };
    }
    Ok(match s {
        Scalar::Int(i) => i128::from(*i),
        Scalar::UInt(u) => i128::from(*u),
        Scalar::Bool(b) => i128::from(*b),
        Scalar::Float(f) | Scalar::Complex(f, _) => float_as_int(*f)?,
        _ => {
            return Err(int_argument_error(
                Value::NpScalar(dt.clone(), s.clone()).type_name(),
            ));
        }
    })
}

/// `int(f)` for storing into an integer type: NaN and infinity refused in
/// Python's words, and an int past 127 bits (which no integer type holds)
/// refused as CPython's C long conversion refuses it.
fn float_as_int(f: f64) -> PyResult<i128> {
    if f.is_nan() {
        return Err(PyError::value("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(PyError::overflow(
            "cannot convert float infinity to integer",
        ));
    }
    let whole = f.trunc();
    if whole.abs() >= 2f64.powi(127) {
        return Err(PyError::overflow(
            "Python int too large to convert to C long",
        ));
    }
    Ok(whole as i128)
}

fn int_argument_error(type_name: impl std::fmt::Display) -> PyError {
    PyError::type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{type_name}'"
    ))
}

/// A Python int as the element NumPy stores for a dtype of kind `k`. An
/// int beyond 64 bits (already refused for integer dtypes) is converted
/// the way Python converts it: to the nearest float, to its truth, or to
/// its decimal text — never wrapped to 64 bits.
pub fn int_scalar(i: i128, k: Kind) -> Scalar {
    if let Ok(v) = i64::try_from(i) {
        return Scalar::Int(v);
    }
    if let Ok(v) = u64::try_from(i) {
        return Scalar::UInt(v);
    }
    match k {
        Kind::Bool => Scalar::Bool(i != 0),
        Kind::Str => Scalar::Str(i.to_string()),
        Kind::Bytes => Scalar::Bytes(i.to_string().into_bytes()),
        Kind::Complex => Scalar::Complex(i as f64, 0.0),
        _ => Scalar::Float(i as f64),
    }
}

/// A big Python int as the element NumPy stores for a dtype of kind `k`
/// (integer kinds refused before): as [`int_scalar`] converts an int past
/// 64 bits, the float conversion raising past float range.
fn big_scalar(b: &num_bigint::BigInt, k: Kind) -> PyResult<Scalar> {
    Ok(match k {
        Kind::Bool => Scalar::Bool(true),
        Kind::Str => Scalar::Str(b.to_string()),
        Kind::Bytes => Scalar::Bytes(b.to_string().into_bytes()),
        Kind::Complex => Scalar::Complex(super::bigint::to_f64(b)?, 0.0),
        _ => Scalar::Float(super::bigint::to_f64(b)?),
    })
}

/// The value of a sub-array field (`('b', 'f4', 2)`) inside a record tuple:
/// its elements in C order, as the engine stores them (`Scalar::Record` of
/// the items). A scalar or a smaller shape broadcasts, as NumPy's setitem does.
fn subarray_field(x: &Value, dtype: &DType, shape: &[usize]) -> PyResult<Scalar> {
    let given = to_array(x, Some(dtype))?;
    let from = given.shape();
    if from.len() > shape.len() {
        return Err(PyError::value(format!(
            "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of {}.",
            shape.len()
        )));
    }
    if !crate::engine::broadcast::broadcasts_to(&from, shape) {
        return Err(PyError::value(format!(
            "could not broadcast input array from shape {} into shape {}",
            crate::engine::error::shape_tuple(&from),
            crate::engine::error::shape_tuple(shape)
        )));
    }
    let layout = crate::engine::broadcast::broadcast_layout(&given.layout(), shape);
    let spread = NdArray::view(&given, dtype.clone(), layout);
    Ok(Scalar::Record(spread.to_scalars()))
}

/// NumPy 2 refuses Python ints that do not fit the target integer type.
pub fn check_int_fits(i: i128, dtype: &DType) -> PyResult<()> {
    let Some((lo, hi)) = dtype.int_range() else {
        return Ok(());
    };
    // Past a C long NumPy reads the int as an unsigned long long only for
    // uint64; elsewhere CPython's conversion refuses first.
    let fits_c = i64::try_from(i).is_ok() || *dtype == DType::UInt64 && u64::try_from(i).is_ok();
    if !fits_c {
        return Err(PyError::overflow(
            "Python int too large to convert to C long",
        ));
    }
    if i < lo || i > hi {
        return Err(PyError::overflow(format!(
            "Python integer {i} out of bounds for {}",
            dtype.name()
        )));
    }
    Ok(())
}

/// `np.array(value, dtype=...)`: always a new array.
pub fn to_array(v: &Value, dtype: Option<&DType>) -> PyResult<ArrayRef> {
    let native = dtype.map(DType::unsized_text_native);
    let dtype = native.as_ref();
    if let Some(items) = crate::eval::object::range_list(v)? {
        return to_array(&items, dtype);
    }
    // A bytearray exports its buffer as unsigned bytes (format 'B').
    if let Some(b) = super::bytearray::of(v) {
        let bytes = NdArray::from_scalars(
            &[b.len()],
            DType::UInt8,
            &b.to_vec()
                .into_iter()
                .map(|x| crate::engine::Scalar::UInt(x as u64))
                .collect::<Vec<_>>(),
        )?;
        return match dtype {
            Some(dt) => Ok(crate::engine::kernels::cast(&bytes, dt)?),
            None => Ok(bytes),
        };
    }
    if let Value::FlatIter(a, _) = v {
        return to_array(&Value::Array(super::flatiter::to_array(a)?), dtype);
    }
    // A NumPy number standing alone is an array of its own dtype, cast
    // (`np.array(np.int64(1000), dtype=np.int8)` wraps); only inside a
    // sequence is it packed element by element with `int()`'s checks.
    if let Value::NpScalar(sdt, _) = v
        && dtype.is_some_and(|d| d.kind() == Kind::Int)
        && sdt.kind().is_number()
    {
        return to_array(&Value::Array(as_array(v)?), dtype);
    }
    // A memoryview's elements, read in its format (`array_from` shares
    // the memory where no copy is asked for).
    if let Some(m) = super::object::MemView::of(v) {
        return to_array(&Value::Array(m.view.copy(crate::engine::Order::C)?), dtype);
    }
    if let Value::Array(a) = v
        && (crate::eval::datetime_convert::is_time_dtype(a.dtype())
            || dtype.is_some_and(crate::eval::datetime_convert::is_time_dtype))
        && !dtype.is_some_and(is_plain_void)
    {
        return crate::eval::datetime_convert::cast(a, dtype.unwrap_or(a.dtype()));
    }
    if dtype == Some(&DType::Object) {
        return crate::eval::convert::from_nested(v, MAX_DIMS);
    }
    if let Value::Array(a) = v {
        let dt = match dtype {
            Some(d) => sized_for(d, a.dtype()),
            None => a.dtype().clone(),
        };
        crate::eval::convert::check_record_cast(a.dtype(), &dt)?;
        let out = NdArray::zeros(&a.shape(), dt)?;
        crate::engine::array::copy_elements(a, &out)?;
        return Ok(out);
    }
    let record = matches!(dtype, Some(DType::Record(_)));
    let shape = match discover_shape(v, record, 0)? {
        Some(s) => s,
        None => {
            let prefix = consistent_prefix(v, record);
            return Err(PyError::value(format!(
                "setting an array element with a sequence. The requested array has an inhomogeneous shape after {} dimensions. The detected shape was {} + inhomogeneous part.",
                prefix.len(),
                crate::engine::error::shape_tuple(&prefix)
            )));
        }
    };
    let mut leaves = vec![];
    flatten_into(v, record, &mut leaves);
    if dtype.is_none() && leaves.iter().any(crate::eval::convert::is_object_leaf) {
        return crate::eval::convert::from_nested(v, shape.len());
    }
    let dt = match dtype {
        // `dtype=str` sizes Python values by their own text, and NumPy
        // values (scalars, array elements) by their type's width.
        Some(DType::Str(0)) => DType::Str(
            leaves
                .iter()
                .map(|l| match l {
                    Value::NpScalar(dt, _) if !matches!(dt, DType::Str(_)) => {
                        super::cast_rules::str_width(dt)
                    }
                    _ => {
                        let s =
                            to_scalar_for(l, &DType::Str(1)).unwrap_or(Scalar::Str(String::new()));
                        crate::engine::element::scalar_as_text(&s).chars().count()
                    }
                })
                .max()
                .unwrap_or(1)
                .max(1),
        ),
        Some(DType::Time(u, delta)) if u.is_generic() => DType::Time(
            crate::eval::datetime_convert::resolve_unit(&leaves, *delta)?,
            *delta,
        ),
        // `dtype='S'` (or `np.bytes_`) likewise: bytes by their length,
        // text and numbers by their printed length.
        Some(DType::Bytes(0)) => DType::Bytes(
            leaves
                .iter()
                .map(|l| match l {
                    Value::Bytes(b) => b.len(),
                    Value::NpScalar(_, Scalar::Bytes(b)) => b.len(),
                    Value::NpScalar(dt, _) if !matches!(dt, DType::Str(_)) => {
                        super::cast_rules::str_width(dt)
                    }
                    _ => {
                        let s =
                            to_scalar_for(l, &DType::Str(1)).unwrap_or(Scalar::Str(String::new()));
                        crate::engine::element::scalar_as_text(&s).chars().count()
                    }
                })
                .max()
                .unwrap_or(1)
                .max(1),
        ),
        Some(d) if is_plain_void(d) && d.itemsize() == 0 => void_of_leaves(&leaves)?,
        Some(d) => d.clone(),
        None => infer_dtype(&leaves)?,
    };
    let mut scalars = Vec::with_capacity(leaves.len());
    for l in &leaves {
        // Text stored as `S` is encoded as ASCII, failing as Python does.
        if let (DType::Bytes(_), Value::Str(t)) = (&dt, l)
            && let Some(message) = crate::engine::array::ascii_encode_error(t)
        {
            return Err(PyError::new("UnicodeEncodeError", message));
        }
        scalars.push(to_scalar_for(l, &dt)?);
    }
    Ok(NdArray::from_scalars(&shape, dt, &scalars)?)
}

/// The dtype NumPy discovers for a flat list of leaves.
pub fn infer_dtype(leaves: &[Value]) -> PyResult<DType> {
    if leaves.is_empty() {
        return Ok(DType::Float64);
    }
    let mut dt: Option<DType> = None;
    for l in leaves {
        let Some(d) = leaf_dtype(l) else {
            if crate::eval::object::is_ma(l) {
                return Err(PyError::new(
                    "NotImplementedError",
                    "slicelab does not implement masked arrays inside NumPy's array arguments yet",
                ));
            }
            return Err(PyError::type_error(format!(
                "unsupported value in an array: {}",
                l.type_name()
            )));
        };
        dt = Some(match dt {
            None => d,
            Some(prev) => match promote_types(&prev, &d) {
                Some(p) => p,
                None if crate::eval::datetime_convert::is_time_dtype(&prev)
                    || crate::eval::datetime_convert::is_time_dtype(&d) =>
                {
                    return Err(PyError::new(
                        "NotImplementedError",
                        "slicelab does not implement arrays mixing datetime64/timedelta64 with other values yet",
                    ));
                }
                // Mixing strings and numbers gives strings wide enough
                // for the numbers' text, as NumPy does: `str` when any
                // leaf is `str`, else bytes.
                None if matches!(prev.kind(), Kind::Str) || matches!(d.kind(), Kind::Str) => {
                    DType::Str(str_width_of(leaves))
                }
                None => DType::Bytes(str_width_of(leaves)),
            },
        });
    }
    Ok(dt.unwrap_or(DType::Float64))
}

/// `target` with the size NumPy gives an unsized flexible type when an
/// array of `source` is cast to it: `U`/`S` take the width of the source
/// type's text, `np.void` its item size (a structured source keeps its
/// own dtype).
pub fn sized_for(target: &DType, source: &DType) -> DType {
    match &target.unsized_text_native() {
        DType::Str(0) => DType::Str(super::cast_rules::str_width(source)),
        DType::Bytes(0) => DType::Bytes(super::cast_rules::str_width(source)),
        DType::Record(r) if r.fields().is_empty() && r.itemsize == 0 => match source {
            DType::Record(_) => source.clone(),
            _ => DType::plain_void(source.itemsize()),
        },
        other => other.clone(),
    }
}

/// `dtype='V'` sized by the values it will hold: every bytes value (or
/// NumPy scalar) must have the same length, as NumPy's promotion of
/// voids demands.
fn void_of_leaves(leaves: &[Value]) -> PyResult<DType> {
    let mut size = None;
    for l in leaves {
        let n = match l {
            Value::Bytes(b) => b.len(),
            Value::NpScalar(dt, _) => dt.itemsize(),
            _ => continue,
        };
        match size {
            Some(m) if m != n => {
                return Err(PyError::new(
                    "DTypePromotionError",
                    "Invalid type promotion with void datatypes of different lengths. Use the `np.bytes_` datatype instead to pad the shorter value with trailing zero bytes.",
                ));
            }
            _ => size = Some(n),
        }
    }
    Ok(DType::plain_void(size.unwrap_or(0)))
}

/// The widest `str_width` among leaves (at least 1).
fn str_width_of(leaves: &[Value]) -> usize {
    leaves
        .iter()
        .filter_map(leaf_dtype)
        .map(|d| super::cast_rules::str_width(&d))
        .max()
        .unwrap_or(1)
        .max(1)
}

/// An index (the whole subscript) as engine index items.
pub fn to_index_items(index: &Value) -> PyResult<Vec<IndexItem>> {
    match index {
        Value::Tuple(items) => {
            // NumPy checks every item's type before it reads any slice's
            // bounds: `a[0.0:, 0.0]` is the float index's IndexError.
            let mut slice_error = None;
            let mut out = Vec::with_capacity(items.len());
            for v in items.iter() {
                match to_index_item(v) {
                    Ok(item) => out.push(item),
                    Err(e) if matches!(v, Value::Slice(_)) => {
                        slice_error.get_or_insert(e);
                    }
                    Err(e) => return Err(e),
                }
            }
            slice_error.map_or(Ok(out), Err)
        }
        other => Ok(vec![to_index_item(other)?]),
    }
}

fn slice_part(v: &Value) -> PyResult<Option<i64>> {
    match v {
        Value::None => Ok(None),
        Value::Int(i) => Ok(Some((*i).clamp(i64::MIN as i128, i64::MAX as i128) as i64)),
        Value::BigInt(b) => Ok(Some(if num_traits::Signed::is_negative(b.as_ref()) {
            i64::MIN
        } else {
            i64::MAX
        })),
        Value::Bool(b) => Ok(Some(*b as i64)),
        Value::NpScalar(dt, Scalar::Int(i)) if dt.is_integer() => Ok(Some(*i)),
        Value::NpScalar(dt, Scalar::UInt(u)) if dt.is_integer() => Ok(Some(*u as i64)),
        _ => Err(PyError::type_error(
            "slice indices must be integers or None or have an __index__ method",
        )),
    }
}

fn to_index_item(v: &Value) -> PyResult<IndexItem> {
    if let Some(items) = crate::eval::object::range_list(v)? {
        return to_index_item(&items);
    }
    Ok(match v {
        // An int beyond int64 cannot be an index; NumPy says so in its
        // general wording.
        Value::Int(i) => IndexItem::Int(i64::try_from(*i).map_err(|_| {
            PyError::index(crate::engine::EngineError::InvalidIndexType.to_string())
        })?),
        Value::Bool(b) => IndexItem::BoolArray(NdArray::from_scalars(
            &[],
            DType::Bool,
            &[Scalar::Bool(*b)],
        )?),
        Value::NpScalar(DType::Bool, s) => IndexItem::BoolArray(NdArray::from_scalars(
            &[],
            DType::Bool,
            std::slice::from_ref(s),
        )?),
        Value::NpScalar(dt, Scalar::Int(i)) if dt.is_integer() => IndexItem::Int(*i),
        Value::NpScalar(dt, Scalar::UInt(u)) if dt.is_integer() => IndexItem::Int(*u as i64),
        Value::None => IndexItem::NewAxis,
        Value::Ellipsis => IndexItem::Ellipsis,
        Value::Slice(parts) => IndexItem::Slice(
            slice_part(&parts[0])?,
            slice_part(&parts[1])?,
            slice_part(&parts[2])?,
        ),
        Value::Array(a) => array_index(a)?,
        Value::List(_) | Value::Tuple(_) => {
            let arr = to_array(v, None).map_err(|_| {
                PyError::index(crate::engine::EngineError::InvalidIndexType.to_string())
            })?;
            match arr.dtype().kind() {
                Kind::Bool => IndexItem::BoolArray(arr),
                Kind::Int | Kind::UInt => IndexItem::IntArray(arr),
                // An empty list is an empty integer index.
                Kind::Float if arr.size() == 0 => {
                    IndexItem::IntArray(crate::engine::kernels::cast(&arr, &DType::Int64)?)
                }
                _ => {
                    return Err(PyError::index(
                        crate::engine::EngineError::InvalidIndexType.to_string(),
                    ));
                }
            }
        }
        _ => {
            return Err(PyError::index(
                crate::engine::EngineError::InvalidIndexType.to_string(),
            ));
        }
    })
}

fn array_index(a: &ArrayRef) -> PyResult<IndexItem> {
    Ok(match a.dtype().kind() {
        Kind::Bool => IndexItem::BoolArray(a.clone()),
        // A 0-d one too: the engine reads it as an integer but copies
        // where NumPy does.
        Kind::Int | Kind::UInt => IndexItem::IntArray(a.clone()),
        _ => {
            return Err(PyError::index(
                crate::engine::EngineError::NonIntegerIndexArray.to_string(),
            ));
        }
    })
}
/// An array's Python value for `.tolist()` / `.item()`.
pub fn scalar_to_py(dt: &DType, s: &Scalar) -> Value {
    match s {
        Scalar::Bool(b) => Value::Bool(*b),
        Scalar::Int(i) => Value::Int(*i as i128),
        Scalar::UInt(u) => Value::Int(*u as i128),
        Scalar::Float(f) => Value::Float(*f),
        Scalar::Complex(r, i) => Value::Complex(*r, *i),
        Scalar::Str(t) => Value::str(t),
        Scalar::Bytes(b) => Value::Bytes(std::rc::Rc::from(b.as_slice())),
        Scalar::Object(id) => element(*id),
        Scalar::Record(items) => {
            let DType::Record(rec) = dt else {
                return Value::None;
            };
            Value::tuple(
                rec.fields()
                    .iter()
                    .zip(items)
                    .map(|(f, x)| match x {
                        // A sub-array field comes back as an ndarray of its shape.
                        Scalar::Record(items) if !f.shape.is_empty() => {
                            NdArray::from_scalars(&f.shape, f.dtype.clone(), items)
                                .map_or(Value::None, Value::Array)
                        }
                        _ => scalar_to_py(&f.dtype, x),
                    })
                    .collect(),
            )
        }
    }
}

/// Python value to array, without copying an array (`np.asarray`).
pub fn as_array(v: &Value) -> PyResult<ArrayRef> {
    match v {
        Value::Array(a) => Ok(a.clone()),
        Value::Void(a) => Ok(a.clone()),
        Value::FlatIter(a, _) => super::flatiter::to_array(a),
        other if let Some(p) = super::object::as_poly(other) => Ok(p.coeffs()),
        other if let Some(m) = super::object::MemView::of(other) => Ok(m.array(other)),
        Value::NpScalar(dt, s) => Ok(NdArray::from_scalars(
            &[],
            dt.clone(),
            std::slice::from_ref(s),
        )?),
        other => to_array(other, None),
    }
}
/// NumPy casts a structured array to a plain type only when it has one
/// field (nested records of one field too), whose values it takes, and to
/// another record only with as many fields; anything else is its
/// TypeError. A sub-array field on the way is not
/// modelled.
pub fn check_record_cast(from: &DType, to: &DType) -> PyResult<()> {
    let structured = |d: &DType| matches!(d, DType::Record(r) if !r.fields().is_empty());
    if structured(from) && is_plain_void(to) {
        return Err(crate::eval::cast_rules::cast_refused(from, to, "unsafe"));
    }
    // Records pair their fields by position: a different count (here or
    // in a nested record) is no cast at all.
    if structured(from)
        && structured(to)
        && crate::eval::cast_rules::cast_allowed(from, to, "unsafe") == Some(false)
    {
        return Err(crate::eval::cast_rules::cast_refused(from, to, "unsafe"));
    }
    if matches!(to, DType::Record(_)) {
        return Ok(());
    }
    let mut level = from.clone();
    while let DType::Record(r) = &level {
        let next = match r.fields().as_slice() {
            [] => return Ok(()),
            [f] if f.shape.is_empty() => f.dtype.clone(),
            [_] => {
                return Err(PyError::new(
                    "NotImplementedError",
                    "slicelab does not cast a sub-array field to a plain type",
                ));
            }
            _ => {
                return Err(crate::eval::cast_rules::cast_refused(from, to, "unsafe"));
            }
        };
        level = next;
    }
    Ok(())
}
/// An object array of `shape` holding `values` in C order.
pub fn from_values(shape: &[usize], values: &[Value]) -> PyResult<ArrayRef> {
    let ids: Vec<Scalar> = values.iter().map(|v| Scalar::Object(store(v))).collect();
    Ok(NdArray::from_scalars(shape, DType::Object, &ids)?)
}

/// The elements of any array in C order as Python values: an object
/// array's references, another array's elements as `.item()` gives them
/// (NumPy's cast to object).
pub fn values(a: &NdArray) -> Vec<Value> {
    let dt = a.dtype().clone();
    a.to_scalars()
        .iter()
        .map(|s| crate::eval::convert::scalar_to_py(&dt, s))
        .collect()
}

pub(super) fn has_object_leaf(v: &Value, depth: usize) -> bool {
    if depth > 64 {
        return false;
    }
    if is_nested_sequence(v) {
        return items(v).iter().any(|x| has_object_leaf(x, depth + 1));
    }
    is_object_leaf(v)
}

pub(super) fn is_nested_sequence(v: &Value) -> bool {
    matches!(
        super::named_tuple::plain(v),
        Value::List(_) | Value::Tuple(_)
    )
}

pub(super) fn items(v: &Value) -> Vec<Value> {
    match super::named_tuple::plain(v) {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.as_ref().clone(),
        _ => vec![],
    }
}

/// NumPy's shape discovery for `dtype=object` (`update_shape` in
/// `array_coercion.c`): the shape is what every sequence agrees on; a
/// scalar or a length mismatch at depth `d` cuts the shape to `d` dims,
/// and whatever sits there becomes an element.
pub(super) fn discover(v: &Value, depth: usize, shape: &mut Vec<usize>, max: &mut usize) {
    if depth >= *max {
        return;
    }
    let (n, children): (usize, Vec<Value>) = match v {
        Value::Array(a) if a.ndim() > 0 => {
            // An array contributes its whole shape at once.
            let s = a.shape();
            for (k, &len) in s.iter().enumerate() {
                let d = depth + k;
                if d >= *max {
                    return;
                }
                if d < shape.len() {
                    if shape[d] != len {
                        *max = d;
                        shape.truncate(d);
                        return;
                    }
                } else {
                    shape.push(len);
                }
            }
            if depth + s.len() < *max {
                *max = depth + s.len();
                shape.truncate(*max);
            }
            return;
        }
        _ if is_nested_sequence(v) => {
            let it = items(v);
            (it.len(), it)
        }
        _ => {
            *max = depth;
            shape.truncate(depth);
            return;
        }
    };
    if depth < shape.len() {
        if shape[depth] != n {
            *max = depth;
            shape.truncate(depth);
            return;
        }
    } else {
        shape.push(n);
    }
    for c in &children {
        discover(c, depth + 1, shape, max);
    }
}

/// The elements at depth `dims` of nested sequences, in C order.
pub(super) fn gather(v: &Value, depth: usize, dims: usize, out: &mut Vec<Value>) -> PyResult<()> {
    if depth == dims {
        out.push(v.clone());
        return Ok(());
    }
    match v {
        Value::Array(a) => {
            if a.ndim() + depth != dims {
                return Err(not_supported("an ndarray cut by a ragged object array"));
            }
            out.extend(values(a));
        }
        _ => {
            for c in items(v) {
                gather(&c, depth + 1, dims, out)?;
            }
        }
    }
    Ok(())
}

/// `np.array(v, dtype=object)` with at most `max_dims` dimensions.
pub fn from_nested(v: &Value, max_dims: usize) -> PyResult<ArrayRef> {
    if let Some(items) = crate::eval::object::range_list(v)? {
        return from_nested(&items, max_dims);
    }
    if let Value::Array(a) = v {
        if *a.dtype() == DType::Object {
            return Ok(a.copy(crate::engine::Order::C)?);
        }
        return to_object(a);
    }
    let mut shape = Vec::new();
    let mut max = max_dims.min(64);
    discover(v, 0, &mut shape, &mut max);
    shape.truncate(max);
    let mut out = Vec::new();
    gather(v, 0, shape.len(), &mut out)?;
    from_values(&shape, &out)
}

/// True when a value inside a list makes NumPy choose dtype object.
pub fn is_object_leaf(v: &Value) -> bool {
    match v {
        Value::None
        | Value::Dict(_)
        | Value::Slice(_)
        | Value::Ellipsis
        | Value::Type(_)
        | Value::Function(_)
        | Value::Method(..)
        | Value::Module(_)
        | Value::DType(_) => true,
        Value::Object(o) => !matches!(o.as_ref(), super::object::Obj::NamedTuple(_)),
        Value::Array(a) => *a.dtype() == DType::Object,
        // No C integer holds it, so NumPy keeps the Python int itself.
        Value::Int(i) => *i < i64::MIN as i128 || *i > u64::MAX as i128,
        Value::BigInt(_) => true,
        _ => false,
    }
}

/// `a.astype(object)`: a new object array.
pub fn to_object(a: &NdArray) -> PyResult<ArrayRef> {
    if matches!(a.dtype(), DType::Record(_) | DType::Time(..)) {
        return Err(not_supported(
            "casting structured or datetime arrays to object",
        ));
    }
    from_values(&a.shape(), &values(a))
}

pub(super) fn not_supported(what: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("{what} on object arrays (dtype=object) is not supported in slicelab"),
    )
}
/// An operand as an object array (a Python scalar as a 0-d one, a list
/// through `np.asarray`, then cast to object as NumPy's ufunc does).
pub(super) fn object_operand(v: &Value) -> PyResult<ArrayRef> {
    match v {
        Value::Array(a) if *a.dtype() == DType::Object => Ok(a.clone()),
        Value::Array(a) => to_object(a),
        Value::List(_) | Value::Tuple(_) => {
            let a = super::convert::to_array(v, None)?;
            if *a.dtype() == DType::Object {
                Ok(a)
            } else {
                to_object(&a)
            }
        }
        // A NumPy scalar is cast to object as its `.item()`.
        Value::NpScalar(dt, s) => from_values(&[], &[crate::eval::convert::scalar_to_py(dt, s)]),
        other => from_values(&[], std::slice::from_ref(other)),
    }
}

/// Both operands' elements, broadcast against each other, in C order of
/// the result, with the result's shape.
/// A result shape and the element pairs that meet at each position.
pub(super) type Pairs = (Vec<usize>, Vec<(Value, Value)>);

pub(super) fn broadcast_pair(a: &Value, b: &Value) -> PyResult<Pairs> {
    let (x, y) = (object_operand(a)?, object_operand(b)?);
    let (xs, ys) = (x.shape(), y.shape());
    let shape = crate::engine::broadcast::broadcast_shapes_or_err(&[&xs, &ys])?;
    let view = |a: &ArrayRef| {
        let l = crate::engine::broadcast::broadcast_layout(&a.layout(), &shape);
        NdArray::view_with(a, l)
    };
    let (xv, yv) = (view(&x), view(&y));
    let pairs = values(&xv).into_iter().zip(values(&yv)).collect();
    Ok((shape, pairs))
}
