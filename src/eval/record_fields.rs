//! Fields of structured arrays as views: `a['name']`, `a[['x', 'y']]`,
//! and a record's `r[0]`/`r['name']`.

use std::rc::Rc;

use crate::engine::dtype::DType;
use crate::engine::{ArrayRef, NdArray};

use super::error::{PyError, PyResult};
use super::value::Value;

/// A field of a structured array as a view.
pub fn field_view(a: &ArrayRef, name: &str) -> PyResult<ArrayRef> {
    let DType::Record(rec) = a.dtype() else {
        return Err(PyError::index(
            crate::engine::EngineError::InvalidIndexType.to_string(),
        ));
    };
    let f = rec
        .field(name)
        .ok_or_else(|| PyError::value(format!("no field of name {name}")))?;
    let mut l = a.layout();
    l.offset += f.offset;
    l.shape.extend(&f.shape);
    l.strides.extend(crate::engine::layout::c_strides(
        &f.shape,
        f.dtype.itemsize(),
    ));
    Ok(NdArray::view(a, f.dtype.clone(), l))
}

/// A multi-field index: a view whose dtype keeps the chosen fields at their
/// original offsets (NumPy ≥ 1.16).
pub(super) fn multi_field_view(a: &ArrayRef, names: &[Value]) -> PyResult<ArrayRef> {
    let DType::Record(rec) = a.dtype() else {
        return Err(PyError::index(
            crate::engine::EngineError::InvalidIndexType.to_string(),
        ));
    };
    let mut fields = vec![];
    for n in names {
        let Value::Str(s) = n else { unreachable!() };
        let f = rec
            .field(s)
            .ok_or_else(|| PyError::new("KeyError", crate::render::scalar_repr::py_str_repr(s)))?;
        if fields
            .iter()
            .any(|x: &crate::engine::dtype::Field| x.name == f.name)
        {
            return Err(PyError::value(format!(
                "duplicate field of name {}",
                crate::render::scalar_repr::py_str_repr(s)
            )));
        }
        fields.push(f.clone());
    }
    let dt = DType::Record(Rc::new(crate::engine::dtype::RecordType {
        cells: std::cell::RefCell::new(fields),
        itemsize: rec.itemsize,
        aligned: false,
    }));
    Ok(NdArray::view(a, dt, a.layout()))
}

pub(super) fn void_getitem(a: &ArrayRef, idx: &Value) -> PyResult<Value> {
    let DType::Record(rec) = a.dtype() else {
        unreachable!()
    };
    let name = match idx {
        Value::Str(s) => s.to_string(),
        Value::Int(i) => {
            let n = rec.fields().len() as i128;
            let j = if *i < 0 { i + n } else { *i };
            // NumPy names the index after adding the field count.
            usize::try_from(j)
                .ok()
                .and_then(|j| rec.fields().get(j).map(|f| f.name.clone()))
                .ok_or_else(|| PyError::index(format!("invalid index ({j})")))?
        }
        Value::List(_) if is_str_list(idx).is_some() => {
            let names = is_str_list(idx).unwrap_or_default();
            return Ok(Value::Void(multi_field_view(a, &names)?));
        }
        _ => {
            return Err(PyError::index(
                "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
            ));
        }
    };
    let v = field_view(a, &name)?;
    // A nested record stays a view of its bytes, as NumPy's void does:
    // `rec['pos']['y'] = 7` writes through to the array.
    if v.ndim() == 0 && matches!(v.dtype(), DType::Record(r) if !r.fields().is_empty()) {
        return Ok(Value::Void(v));
    }
    if v.ndim() == 0 {
        return Ok(Value::NpScalar(v.dtype().native(), v.first()));
    }
    Ok(Value::Array(v))
}

pub(super) fn is_str_list(v: &Value) -> Option<Vec<Value>> {
    if let Value::List(l) = v {
        let items = l.borrow();
        if !items.is_empty() && items.iter().all(|x| matches!(x, Value::Str(_))) {
            return Some(items.clone());
        }
    }
    None
}
