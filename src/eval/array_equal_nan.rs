//! `np.array_equal(a1, a2, equal_nan=True)` as `numpy/_core/numeric.py`
//! writes it: the same object is equal to itself; types that cannot hold
//! NaN (bool and the signed integers — NumPy's `_no_nan_types`) compare
//! plainly; otherwise the NaN positions must agree (through `np.isnan`,
//! whose `TypeError` a string array gets) and the other elements be equal.

use crate::engine::ArrayRef;
use crate::engine::dtype::DType;

use super::error::PyResult;
use super::session::Session;
use super::value::Value;

/// The `equal_nan=True` branch, for two arrays of the same shape.
pub fn array_equal_nan(s: &mut Session, a: &ArrayRef, b: &ArrayRef) -> PyResult<Value> {
    if std::rc::Rc::ptr_eq(a, b) {
        return Ok(Value::Bool(true));
    }
    let (x, y) = (Value::Array(a.clone()), Value::Array(b.clone()));
    if cannot_hold_nan(a.dtype()) && cannot_hold_nan(b.dtype()) {
        return all_equal(s, x, y);
    }
    let xn = s.np("isnan", vec![x.clone()], vec![])?;
    let yn = s.np("isnan", vec![y.clone()], vec![])?;
    let same_places = s.np("equal", vec![xn.clone(), yn], vec![])?;
    let same_places = s.np("all", vec![same_places], vec![])?;
    if !s.truth_of(&same_places)? {
        return Ok(Value::Bool(false));
    }
    // `a1[~a1nan]` and `a2[~a1nan]`: the non-NaN elements, flattened.
    let keep = s.np("logical_not", vec![xn], vec![])?;
    let keep = s.np("ravel", vec![keep], vec![])?;
    let xs = s.np("compress", vec![keep.clone(), x], vec![])?;
    let ys = s.np("compress", vec![keep, y], vec![])?;
    all_equal(s, xs, ys)
}

/// `bool((a1 == a2).all())`.
fn all_equal(s: &mut Session, x: Value, y: Value) -> PyResult<Value> {
    let eq = s.np("equal", vec![x, y], vec![])?;
    let all = s.np("all", vec![eq], vec![])?;
    Ok(Value::Bool(s.truth_of(&all)?))
}

fn cannot_hold_nan(dt: &DType) -> bool {
    matches!(
        dt.native(),
        DType::Bool | DType::Int8 | DType::Int16 | DType::Int32 | DType::Int64
    )
}
