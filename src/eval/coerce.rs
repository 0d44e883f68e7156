//! Argument values turned into what implementations need: arrays, ints,
//! floats, shapes and axes, with CPython's and NumPy's messages; and a
//! 0-d result turned back into a scalar.
//!
//! Every routine family imports these; this module imports no routine.

use crate::engine::index;
use crate::engine::reduce::normalize_axis;
use crate::engine::{ArrayRef, Scalar};

use super::error::{PyError, PyResult};
use super::protocol::iterate;
use super::value::Value;

pub fn int_arg(v: &Value, what: &str) -> PyResult<i64> {
    // A Python int past a C long is refused as CPython refuses it, never
    // wrapped into a plausible wrong number (`axis=2**64`).
    let too_large = || PyError::new("OverflowError", "Python int too large to convert to C long");
    match v {
        Value::Int(i) => i64::try_from(*i).map_err(|_| too_large()),
        Value::BigInt(_) => Err(too_large()),
        Value::Bool(b) => Ok(*b as i64),
        Value::NpScalar(dt, Scalar::Int(i)) if dt.is_integer() => Ok(*i),
        Value::NpScalar(dt, Scalar::UInt(u)) if dt.is_integer() => {
            i64::try_from(*u).map_err(|_| too_large())
        }
        // A 0-d integer array has `__index__`, as a NumPy integer has.
        Value::Array(a) if a.ndim() == 0 && a.dtype().is_integer() => {
            int_arg(&scalarize(a.clone()), what)
        }
        other => Err(not_an_index(other, what)),
    }
}

/// The `TypeError` of a value with no `__index__` where an integer is
/// needed. An array has one, which refuses in NumPy's words anything but a
/// 0-d integer array (`np.sum(a, a)`, `range(np.arange(3))`).
pub fn not_an_index(v: &Value, what: &str) -> PyError {
    match v {
        Value::Array(_) => {
            PyError::type_error("only integer scalar arrays can be converted to a scalar index")
        }
        other => PyError::type_error(format!(
            "'{}' object cannot be interpreted as an integer{what}",
            other.type_name()
        )),
    }
}

pub fn float_arg(v: &Value) -> PyResult<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::BigInt(b) => super::bigint::to_f64(b),
        Value::Float(f) => Ok(*f),
        Value::Bool(b) => Ok(*b as u8 as f64),
        Value::NpScalar(_, s) => Ok(crate::engine::element::scalar_as_f64(s)),
        other => Err(PyError::type_error(format!(
            "must be real number, not {}",
            other.type_name()
        ))),
    }
}

/// A ufunc reduction's `axis=`: as [`axes_arg`], except that a 0-d
/// operand takes a plain `0` or `-1` as no axis at all, the backwards
/// compatible exception `PyUFunc_GenericReduction` keeps for `np.sum(3,
/// axis=0)` (a tuple gets no exception).
pub fn reduce_axes_arg(v: Option<&Value>, ndim: usize) -> PyResult<Option<Vec<usize>>> {
    if ndim == 0
        && let Some(one) = v
        && !matches!(one, Value::None | Value::Tuple(_))
        && matches!(int_arg(one, ""), Ok(0 | -1))
    {
        return Ok(Some(vec![]));
    }
    axes_arg(v, ndim)
}

/// `PyArray_CheckAxis` for one given `axis` (not None): a 0-d operand
/// is first viewed as one element in one dimension, so `np.cumsum(3,
/// axis=0)` is `array([3])` and `axis=1` is out of bounds "for array of
/// dimension 1", as in `take`, `repeat`, `cumsum`, `argmax`.
pub fn checked_axis(a: &ArrayRef, axis: &Value) -> PyResult<(ArrayRef, usize)> {
    let a = if a.ndim() == 0 {
        let layout = a.layout().reshaped_c(&[1], a.dtype().itemsize());
        crate::engine::NdArray::view_with(a, layout.expect("one element reshapes"))
    } else {
        a.clone()
    };
    let k = normalize_axis(int_arg(axis, "")?, a.ndim())?;
    Ok((a, k))
}

/// An `axis=` argument: None, an int or a tuple of ints.
pub fn axes_arg(v: Option<&Value>, ndim: usize) -> PyResult<Option<Vec<usize>>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Tuple(t)) => {
            let axes: Vec<usize> = t
                .iter()
                .map(|x| Ok(normalize_axis(int_arg(x, "")?, ndim)?))
                .collect::<PyResult<_>>()?;
            // NumPy's `PyArray_ConvertMultiAxis` refuses an axis twice.
            if axes.iter().enumerate().any(|(k, x)| axes[..k].contains(x)) {
                return Err(PyError::value("duplicate value in 'axis'"));
            }
            Ok(Some(axes))
        }
        Some(x) => Ok(Some(vec![normalize_axis(int_arg(x, "")?, ndim)?])),
    }
}

/// A 0-d result as NumPy's ufuncs and reductions return it: a scalar,
/// whatever the inputs were.
pub fn scalarize(a: ArrayRef) -> Value {
    if a.ndim() == 0
        && let Scalar::Object(id) = a.first()
    {
        // An object array's element is the Python object it holds.
        super::object::element(id)
    } else if a.ndim() == 0 {
        Value::NpScalar(a.dtype().native(), a.first())
    } else {
        Value::Array(a)
    }
}

/// A shape argument: an int or a sequence of ints. With `size` (a reshape)
/// one entry may be -1 and the shape must hold exactly `size` elements;
/// without it (a new array) every entry must be non-negative.
pub fn shape_arg(v: &Value, size: Option<usize>) -> PyResult<Vec<usize>> {
    let raw: Vec<i128> = match v {
        Value::Tuple(_) | Value::List(_) => {
            iterate(v)?.iter().map(dimension).collect::<PyResult<_>>()?
        }
        Value::Array(a) if a.ndim() == 1 => {
            iterate(v)?.iter().map(dimension).collect::<PyResult<_>>()?
        }
        // `PyArray_IntpConverter`: what is not a sequence must be an
        // integer, and a failure names the object by its repr (a string
        // is a sequence, so its message is the element's).
        Value::Str(_) => iterate(v)?.iter().map(dimension).collect::<PyResult<_>>()?,
        Value::None => return Err(PyError::type_error("Use () not None as shape arguments")),
        one => vec![dimension(one).map_err(|e| {
            if e.kind == "TypeError" {
                PyError::type_error(format!(
                    "expected a sequence of integers or a single integer, got '{}'",
                    super::display::repr(one, &Default::default())
                ))
            } else {
                e
            }
        })?],
    };
    if raw.len() > index::MAX_DIMS {
        return Err(PyError::value(format!(
            "maximum supported dimension for an ndarray is currently {}, found {}",
            index::MAX_DIMS,
            raw.len()
        )));
    }
    resolve_shape(&raw, size)
}

/// One dimension of a shape: a Python int, a NumPy integer, a 0-d integer
/// array (what NumPy takes by `__index__`).
pub(crate) fn dimension(x: &Value) -> PyResult<i128> {
    match x {
        Value::Int(i) => Ok(*i),
        // Either sign is past a C ssize_t: NumPy says the dimension is too large.
        Value::BigInt(_) => Ok(i128::MAX),
        Value::NpScalar(dt, Scalar::Int(i)) if dt.is_integer() => Ok(i128::from(*i)),
        Value::NpScalar(dt, Scalar::UInt(u)) if dt.is_integer() => Ok(i128::from(*u)),
        Value::Array(a) if a.ndim() == 0 && a.dtype().is_integer() => {
            dimension(&scalarize(a.clone()))
        }
        other => Err(not_an_index(other, "")),
    }
}

fn resolve_shape(raw: &[i128], size: Option<usize>) -> PyResult<Vec<usize>> {
    // NumPy 2.4 takes any negative size in a new shape as the one unknown
    // dimension (`reshape(-2, 6)` is `reshape(-1, 6)`); a shape that makes
    // an array has none.
    let unknown = raw.iter().filter(|&&d| d < 0).count();
    if unknown > 0 && size.is_none() {
        return Err(PyError::value("negative dimensions are not allowed"));
    }
    if unknown > 1 {
        return Err(PyError::value("can only specify one unknown dimension"));
    }
    if raw.iter().any(|&d| d > isize::MAX as i128) {
        return Err(PyError::value("Maximum allowed dimension exceeded"));
    }
    let known: usize = raw.iter().filter(|&&d| d >= 0).map(|&d| d as usize).try_fold(1usize, |a, d| a.checked_mul(d)).ok_or_else(|| PyError::value("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size."))?;
    let Some(size) = size else {
        return Ok(raw.iter().map(|&d| d as usize).collect());
    };
    let mismatch = || crate::engine::EngineError::CannotReshape {
        size,
        shape: raw
            .iter()
            .map(|&d| if d < 0 { None } else { Some(d as usize) })
            .collect(),
    };
    if unknown == 0 {
        return if known == size {
            Ok(raw.iter().map(|&d| d as usize).collect())
        } else {
            Err(mismatch().into())
        };
    }
    if known == 0 || !size.is_multiple_of(known) {
        return Err(mismatch().into());
    }
    Ok(raw
        .iter()
        .map(|&d| if d < 0 { size / known } else { d as usize })
        .collect())
}

/// NumPy's limit on dimensions (`NPY_MAXDIMS`).
pub fn check_ndim(n: usize) -> PyResult<()> {
    if n > 64 {
        return Err(PyError::value(format!(
            "maximum supported dimension for an ndarray is currently 64, found {n}"
        )));
    }
    Ok(())
}
pub(super) fn creation_shape(v: &Value) -> PyResult<Vec<usize>> {
    let shape = shape_arg(v, None)?;
    check_ndim(shape.len())?;
    Ok(shape)
}
