//! `<`, `<=`, `>`, `>=` between dtypes. NumPy orders dtypes by safe
//! casting, not by size or name (`arraydescr_richcompare` in
//! `descriptor.c`): `a <= b` when `a` casts safely to `b`, `a < b` when it
//! does and the two are not equivalent. The other side goes through
//! `np.dtype(other)` (`np.dtype('i4') < 'i8'`, `< np.int64`, `< None`);
//! one it cannot convert leaves the comparison to Python, which finds no
//! order (`np.dtype('i4') < 5` is a TypeError).

use crate::engine::dtype::DType;

use super::cast_rules::cast_allowed;
use super::dtype_arg::dtype_value;
use super::error::PyResult;
use super::value::Value;
use crate::engine::kernels::CompareOp;

/// The ordering of `a op b` when a side is a dtype and the other converts
/// to one; `None` when neither does (Python's own rules apply then).
pub fn order(op: CompareOp, a: &Value, b: &Value) -> Option<PyResult<bool>> {
    // `dtype < x` asks the dtype first; `x < dtype` comes back to it
    // reflected (`x < d` is `d > x`) after `x` declines.
    let (me, other, op) = match (a, b) {
        (Value::DType(d), other) if let Ok(o) = dtype_value(other) => (d.clone(), o, op),
        (other, Value::DType(d)) if let Ok(o) = dtype_value(other) => {
            (d.clone(), o, reflected(op)?)
        }
        _ => return None,
    };
    let safe = |from: &DType, to: &DType| cast_allowed(from, to, "safe").unwrap_or(false);
    Some(Ok(match op {
        CompareOp::Lt => !me.equivalent(&other) && safe(&me, &other),
        CompareOp::Le => safe(&me, &other),
        CompareOp::Gt => !me.equivalent(&other) && safe(&other, &me),
        CompareOp::Ge => safe(&other, &me),
        _ => return None,
    }))
}

/// The operator Python tries on the right operand: `x < d` is `d > x`.
fn reflected(op: CompareOp) -> Option<CompareOp> {
    Some(match op {
        CompareOp::Lt => CompareOp::Gt,
        CompareOp::Le => CompareOp::Ge,
        CompareOp::Gt => CompareOp::Lt,
        CompareOp::Ge => CompareOp::Le,
        _ => return None,
    })
}
