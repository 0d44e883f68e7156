//! `numpy.lib.recfunctions.merge_arrays` and `append_fields`: records
//! built from several arrays side by side, after NumPy's `recfunctions.py`
//! (`_zip_dtype`, the `fromiter` over `_izip_records` with `fill_value` in
//! the short inputs' missing rows, and `append_fields`' `masked_all` +
//! `recursive_fill_fields` + `filled()`, whose missing rows get each
//! field's default fill value). Masked results (`usemask=True`) and record
//! arrays (`asrecarray=True`) are refused.

use crate::engine::dtype::DType;
use crate::engine::{ArrayRef, NdArray, Order};

use super::error::{PyError, PyResult};
use super::recfunctions::{Spec, flag, packed};
use super::record_fields::field_view;
use super::signature::Bound;
use super::value::Value;
use crate::eval::convert::as_array;

/// Refuse what has no unmasked, plain-ndarray form here.
fn plain_only(b: &Bound, usemask_default: bool) -> PyResult<()> {
    let usemask = match b.get("usemask") {
        None => usemask_default,
        Some(v) => crate::eval::protocol::truthy(v)?,
    };
    if usemask || flag(b, "asrecarray")? {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's recfunctions return plain arrays only (pass usemask=False, asrecarray=False)",
        ));
    }
    Ok(())
}

/// One output column: its spec and the source view it is filled from.
type Column = (Spec, ArrayRef);

fn spec(name: &str, title: Option<String>, dtype: &DType, shape: &[usize]) -> Spec {
    (name.to_string(), title, dtype.clone(), shape.to_vec())
}

/// `_zip_dtype` for one raveled input: its leaves (`flatten`, as
/// `flatten_descr`), a one-field record's field, or the whole type as one
/// unnamed field; each with the view of `a` that fills it.
fn columns(a: &ArrayRef, flatten: bool) -> PyResult<Vec<Column>> {
    let DType::Record(r) = a.dtype() else {
        return Ok(vec![(spec("", None, a.dtype(), &[]), a.clone())]);
    };
    if r.fields().is_empty() || (!flatten && r.fields().len() > 1) {
        return Ok(vec![(spec("", None, a.dtype(), &[]), a.clone())]);
    }
    let mut out = vec![];
    for f in r.fields().iter() {
        let v = field_view(a, &f.name)?;
        match &f.dtype {
            DType::Record(sub) if flatten && !sub.fields().is_empty() && f.shape.is_empty() => {
                out.extend(columns(&v, true)?);
            }
            _ => {
                let title = if flatten { None } else { f.title.clone() };
                out.push((spec(&f.name, title, &f.dtype, &f.shape), v));
            }
        }
    }
    Ok(out)
}

/// `np.dtype(list)`'s naming: an empty name is `f` and its position.
fn named(cols: &mut [Column]) {
    for (k, (s, _)) in cols.iter_mut().enumerate() {
        if s.0.is_empty() {
            s.0 = format!("f{k}");
        }
    }
}

/// The first `n` rows (`head`) or the rows from `n` on of a 1-d record
/// array's field view.
fn rows(a: &ArrayRef, n: usize, head: bool) -> ArrayRef {
    let mut l = a.layout();
    let len = l.shape[0];
    if head {
        l.shape[0] = n;
    } else {
        l.offset = (l.offset as isize + n as isize * l.strides[0]) as usize;
        l.shape[0] = len - n;
    }
    NdArray::view_with(a, l)
}

/// A fresh 1-d record array of `len` rows holding the columns, the rows a
/// short column lacks left for `fill`.
fn zipped(
    mut cols: Vec<Column>,
    len: usize,
    fill: &dyn Fn(&ArrayRef, &DType) -> PyResult<()>,
) -> PyResult<ArrayRef> {
    named(&mut cols);
    let rec = packed(cols.iter().map(|(s, _)| s.clone()).collect())?;
    let out = NdArray::zeros(&[len], DType::Record(rec))?;
    for ((name, _, dtype, _), src) in &cols {
        let dst = field_view(&out, name)?;
        let n = src.shape()[0];
        crate::engine::array::copy_elements(src, &rows(&dst, n, true))?;
        if n < len {
            fill(&rows(&dst, n, false), dtype)?;
        }
    }
    Ok(out)
}

/// The inputs of `merge_arrays`: one array, or a sequence of them.
fn inputs(v: &Value) -> PyResult<Vec<ArrayRef>> {
    match v {
        Value::Tuple(_) | Value::List(_) => crate::eval::protocol::iterate(v)?
            .iter()
            .map(as_array)
            .collect(),
        other => Ok(vec![as_array(other)?]),
    }
}

/// `merge_arrays(seqarrays, fill_value=-1, flatten=False, usemask=False,
/// asrecarray=False)`.
pub fn merge_arrays(b: &Bound) -> PyResult<Value> {
    plain_only(b, false)?;
    let flatten = flag(b, "flatten")?;
    let arrays = inputs(b.required("seqarrays"))?;
    if arrays.is_empty() {
        return Err(PyError::value("max() arg is an empty sequence"));
    }
    let raveled = arrays
        .iter()
        .map(|a| super::reshaping::ravel(a, Order::C))
        .collect::<PyResult<Vec<_>>>()?;
    if let [one] = raveled.as_slice() {
        // A single array whose type needs no flattening comes back as a
        // view of its records (a plain type as the one field `f0`).
        let flat_already = match one.dtype() {
            DType::Record(r) => r
                .fields()
                .iter()
                .all(|f| !matches!(&f.dtype, DType::Record(s) if !s.fields().is_empty())),
            _ => true,
        };
        if !flatten || flat_already {
            let dt = match one.dtype() {
                DType::Record(r) if !r.fields().is_empty() => one.dtype().clone(),
                other => DType::Record(packed(vec![spec("f0", None, other, &[])])?),
            };
            return Ok(Value::Array(NdArray::view(one, dt, one.layout())));
        }
    }
    let len = raveled.iter().map(|a| a.size()).max().unwrap_or(0);
    let mut cols = vec![];
    for a in &raveled {
        cols.extend(columns(a, flatten)?);
    }
    let fill_value = b.get("fill_value").cloned().unwrap_or(Value::Int(-1));
    let fill = |tail: &ArrayRef, dt: &DType| -> PyResult<()> {
        if matches!(dt, DType::Record(_)) {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab's merge_arrays does not pad a structured column (pass flatten=True)",
            ));
        }
        super::reshaping::fill_array(tail, &fill_value).map_err(|e| {
            if matches!(e.kind.as_str(), "OverflowError" | "ValueError") {
                PyError::type_error(format!(
                    "Cannot convert fill_value {} to dtype {}",
                    super::display::repr(&fill_value, &Default::default()),
                    crate::render::dtype_repr::dtype_str(dt)
                ))
            } else {
                e
            }
        })
    };
    Ok(Value::Array(zipped(cols, len, &fill)?))
}

/// `append_fields(base, names, data, dtypes=None, fill_value=-1,
/// usemask=True, asrecarray=False)`, with `usemask=False`.
pub fn append_fields(b: &Bound) -> PyResult<Value> {
    plain_only(b, true)?;
    let (names, data): (Vec<Value>, Vec<Value>) = match b.required("names") {
        Value::Str(_) => (
            vec![b.required("names").clone()],
            vec![b.required("data").clone()],
        ),
        n @ (Value::Tuple(_) | Value::List(_)) => {
            let names = crate::eval::protocol::iterate(n)?;
            let data = crate::eval::protocol::iterate(b.required("data"))?;
            if names.len() != data.len() {
                return Err(PyError::value(
                    "The number of arrays does not match the number of names",
                ));
            }
            (names, data)
        }
        _ => {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab's append_fields takes names as a str, list or tuple",
            ));
        }
    };
    let dtypes: Option<Vec<DType>> = match b.get("dtypes") {
        None | Some(Value::None) => None,
        Some(v @ (Value::Tuple(_) | Value::List(_))) => Some(
            crate::eval::protocol::iterate(v)?
                .iter()
                .map(super::dtype_arg::dtype_arg)
                .collect::<PyResult<_>>()?,
        ),
        Some(v) => Some(vec![super::dtype_arg::dtype_arg(v)?]),
    };
    let dtypes = match dtypes {
        Some(d) if d.len() != data.len() && d.len() == 1 => Some(vec![d[0].clone(); data.len()]),
        Some(d) if d.len() != data.len() => {
            return Err(PyError::value(
                "The dtypes argument must be None, a dtype, or a list.",
            ));
        }
        other => other,
    };
    let base = super::reshaping::ravel(&as_array(b.required("base"))?, Order::C)?;
    // `merge_arrays(base)` keeps the base's own fields (a plain type is
    // the one field `f0`).
    let mut cols: Vec<Column> = match base.dtype() {
        DType::Record(r) if !r.fields().is_empty() => r
            .fields()
            .iter()
            .map(|f| {
                Ok((
                    spec(&f.name, f.title.clone(), &f.dtype, &f.shape),
                    field_view(&base, &f.name)?,
                ))
            })
            .collect::<PyResult<_>>()?,
        other => vec![(spec("", None, other, &[]), base.clone())],
    };
    for (k, (name, d)) in names.iter().zip(&data).enumerate() {
        let Value::Str(name) = name else {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab's append_fields takes field names as str",
            ));
        };
        let arr = match &dtypes {
            Some(dts) => crate::eval::convert::to_array(d, Some(&dts[k]))?,
            None => crate::eval::convert::to_array(d, None)?,
        };
        let arr = super::reshaping::ravel(&arr, Order::C)?;
        cols.push((spec(name, None, arr.dtype(), &[]), arr));
    }
    let len = cols.iter().map(|(_, a)| a.shape()[0]).max().unwrap_or(0);
    let fill = |tail: &ArrayRef, dt: &DType| -> PyResult<()> {
        let (fdt, s) = crate::eval::ma::default_fill(dt)?;
        super::reshaping::fill_array(tail, &Value::NpScalar(fdt, s))
    };
    let out = zipped(cols, len, &fill)?;
    Ok(Value::Array(out))
}
