//! `np.ma.mask_rowcols`, `mask_rows` and `mask_cols` (`numpy/ma/extras.py`):
//! a 2-d masked array with every row and/or column that holds a masked
//! value masked whole, on a copy of the mask (the data stays shared).

use crate::syntax::ast::BinOp;

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::core::array_of;
use crate::eval::args::Args;
use crate::eval::object::{Masked, as_masked};
use crate::eval::session::Session;

/// `mask_rowcols(a, axis)`; `mask_rows` is axis 0 and `mask_cols` axis 1.
pub fn mask_rowcols(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    let a = args.get(0, "a").cloned().unwrap_or(Value::None);
    let axis = match name {
        "mask_rows" => Value::Int(0),
        "mask_cols" => Value::Int(1),
        _ => args.get(1, "axis").cloned().unwrap_or(Value::None),
    };
    if name != "mask_rowcols" && args.kw("axis").is_some() {
        return Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab does not implement np.ma.{name}(..., axis=...) (NumPy warns that it is deprecated)"
            ),
        ));
    }
    let a = s.call_registered(
        "np.ma.array",
        Args {
            pos: vec![a],
            kw: vec![],
        },
    )?;
    let m = as_masked(&a).ok_or_else(|| {
        PyError::new(
            "NotImplementedError",
            "slicelab's np.ma.array did not make a masked array",
        )
    })?;
    if m.data.ndim() != 2 {
        return Err(PyError::new(
            "NotImplementedError",
            "mask_rowcols works for 2D arrays only.",
        ));
    }
    let Some(k) = m.mask().filter(super::core::any) else {
        return Ok(a);
    };
    let ax = match &axis {
        Value::None => None,
        Value::Bool(b) => Some(*b as i128),
        Value::Int(i) => Some(*i),
        Value::NpScalar(_, crate::engine::Scalar::Int(i)) => Some(*i as i128),
        other => {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab does not implement np.ma.mask_rowcols(axis={})",
                    other.type_name()
                ),
            ));
        }
    };
    let any_along = |s: &mut Session, axis: i128| {
        s.np(
            "any",
            vec![Value::Array(k.clone())],
            vec![("axis", Value::Int(axis)), ("keepdims", Value::Bool(true))],
        )
    };
    let mut newk = s.np("copy", vec![Value::Array(k.clone())], vec![])?;
    // `if not axis:` masks rows; `if axis in [None, 1, -1]:` columns.
    if matches!(ax, None | Some(0)) {
        let rows = any_along(s, 1)?;
        newk = s.binary(BinOp::BitOr, &newk, &rows)?;
    }
    if matches!(ax, None | Some(1) | Some(-1)) {
        let cols = any_along(s, 0)?;
        newk = s.binary(BinOp::BitOr, &newk, &cols)?;
    }
    Ok(
        Masked::new(super::core::view(&m.data), Some(array_of(newk)?))
            .update_from(m)
            .into_value(),
    )
}
