//! Reading a `dtype=` argument: every form NumPy's `np.dtype(...)` accepts
//! (types, dtypes, type strings, lists of field tuples) becomes an engine
//! `DType`. Kept apart from `numpy.rs` so dtype parsing has one home.

use std::rc::Rc;

use crate::engine::dtype::{DType, Field, RecordType};

use super::display::repr;
use super::error::{PyError, PyResult};
use super::interp::iterate;
use super::numpy::shape_arg;
use super::value::{TypeObj, Value};

/// A dtype from a `dtype=` argument: a type, a dtype, a string, a list of
/// field tuples.
pub fn dtype_arg(v: &Value) -> PyResult<DType> {
    Ok(match v {
        Value::DType(d) => d.clone(),
        Value::Type(TypeObj::NpScalar(d)) => d.clone(),
        Value::Type(TypeObj::NpStr) => DType::Str(0),
        Value::Type(TypeObj::Builtin("int")) => DType::Int64,
        Value::Type(TypeObj::Builtin("float")) => DType::Float64,
        Value::Type(TypeObj::Builtin("bool")) => DType::Bool,
        Value::Type(TypeObj::Builtin("complex")) => DType::Complex128,
        Value::Type(TypeObj::Builtin("str")) => DType::Str(0),
        Value::Str(s) => DType::parse(s).ok_or_else(|| {
            PyError::type_error(format!(
                "data type {} not understood",
                crate::render::scalar_repr::py_str_repr(s)
            ))
        })?,
        Value::List(items) => {
            let mut fields = vec![];
            let mut offset = 0;
            for it in items.borrow().iter() {
                let parts = iterate(it)?;
                if parts.len() < 2 {
                    return Err(PyError::type_error("data type not understood"));
                }
                let Value::Str(name) = &parts[0] else {
                    return Err(PyError::type_error("data type not understood"));
                };
                let dt = dtype_arg(&parts[1])?;
                let shape = match parts.get(2) {
                    Some(s) => shape_arg(s, None)?,
                    None => vec![],
                };
                let f = Field {
                    name: name.to_string(),
                    dtype: dt,
                    offset,
                    shape,
                };
                offset += f.nbytes();
                fields.push(f);
            }
            DType::Record(Rc::new(RecordType {
                fields,
                itemsize: offset,
            }))
        }
        Value::None => DType::Float64,
        other => {
            return Err(PyError::type_error(format!(
                "Cannot interpret '{}' as a data type",
                repr(other, &Default::default())
            )));
        }
    })
}
