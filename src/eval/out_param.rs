//! `out=` of the routines NumPy writes in Python over ufuncs, where how
//! the result reaches `out` depends on the ufunc call that writes it:
//! `np.percentile`/`np.quantile` through `add` (so `same_kind` casting and
//! broadcasting into `out`), the `nan*` quantiles by `out[...] = result`,
//! `np.median` through `mean`'s `add.reduce` (same dimensions, any cast),
//! the quantile methods that pick values through `np.take`.
//! The result is computed as without `out`, then written, and `out` is
//! what the call returns.

use crate::engine::ArrayRef;
use crate::engine::error::shape_tuple;
use crate::engine::index::{self, IndexItem};
use crate::engine::promote::can_cast_same_kind;
use crate::render::dtype_repr::dtype_repr;

use super::convert::to_array;
use super::error::{PyError, PyResult};
use super::value::Value;

/// Which of NumPy's writes puts a routine's result into `out`.
#[derive(Clone, Copy, Debug)]
pub enum OutWrite {
    /// `np.add(a, b, out=out)` (`_lerp`): the result must cast
    /// `same_kind` and broadcast to `out`'s shape.
    Ufunc(&'static str),
    /// `out[...] = result`: any cast, broadcast by assignment.
    Assign,
    /// `np.mean(..., out=out)`: `out` has the result's dimensions; any cast.
    Reduction,
    /// `np.take(arr, indices, out=out)` (`_quantile` when every virtual
    /// index is an integer: the picking methods, `linear` with an integer
    /// `q`): `out` has the result's shape
    /// exactly, and its dtype casts safely to the result's, since NumPy
    /// reads `out` as a writeback copy of the data's dtype.
    Take,
    /// The weighted `_quantile`: `out` has the result's shape exactly
    /// (NumPy's own check and words), then `result[...] = value`.
    Weighted,
}

/// Writes `result` into `out` as `how` does, and gives `out` back.
pub fn write(how: OutWrite, result: &Value, out: &Value) -> PyResult<Value> {
    let Value::Array(target) = out else {
        return Err(match (how, out) {
            (OutWrite::Assign, Value::List(_)) => {
                PyError::type_error("list indices must be integers or slices, not ellipsis")
            }
            (OutWrite::Assign, _) => {
                PyError::new("NotImplementedError", "slicelab's out= here takes an array")
            }
            _ => PyError::type_error("return arrays must be of ArrayType"),
        });
    };
    let r = to_array(result, None)?;
    match how {
        OutWrite::Ufunc(ufunc) => {
            if !can_cast_same_kind(r.dtype(), target.dtype()) {
                return Err(PyError::type_error(format!(
                    "Cannot cast ufunc '{ufunc}' output from {} to {} with casting rule 'same_kind'",
                    dtype_repr(r.dtype()),
                    dtype_repr(target.dtype())
                )));
            }
            let (rs, os) = (r.shape(), target.shape());
            // `_lerp` adds the two interpolation ends into `out`.
            crate::engine::broadcast::check_operands(&[&rs, &rs], Some(&os))?;
        }
        OutWrite::Reduction => {
            let (rs, os) = (r.shape(), target.shape());
            if rs.len() != os.len() {
                return Err(PyError::value(format!(
                    "output parameter for reduction operation add has the wrong number of \
                     dimensions: Found {} but expected {}",
                    os.len(),
                    rs.len()
                )));
            }
            if rs != os {
                return Err(PyError::new(
                    "NotImplementedError",
                    "slicelab's median takes an out= of the result's shape",
                ));
            }
        }
        OutWrite::Take => {
            if r.shape() != target.shape() {
                return Err(PyError::value(
                    "output array does not match result of ndarray.take",
                ));
            }
            if !crate::engine::promote::can_cast_safe(target.dtype(), r.dtype()) {
                // NumPy names a 0-d `out` a scalar.
                let what = if target.ndim() == 0 {
                    "scalar"
                } else {
                    "array data"
                };
                return Err(PyError::type_error(format!(
                    "Cannot cast {what} from {} to {} according to the rule 'safe'",
                    dtype_repr(target.dtype()),
                    dtype_repr(r.dtype())
                )));
            }
        }
        OutWrite::Weighted => {
            let (rs, os) = (r.shape(), target.shape());
            if rs != os {
                return Err(PyError::value(format!(
                    "Wrong shape of argument 'out', shape={} is required; got shape={}.",
                    shape_tuple(&rs),
                    shape_tuple(&os)
                )));
            }
        }
        OutWrite::Assign => {}
    }
    store(target, &r)?;
    Ok(out.clone())
}

/// `target[...] = r`, casting as assignment does.
fn store(target: &ArrayRef, r: &ArrayRef) -> PyResult<()> {
    if !target.writeable() {
        return Err(PyError::value("output array is read-only"));
    }
    index::set(target, &[IndexItem::Ellipsis], r)?;
    Ok(())
}
