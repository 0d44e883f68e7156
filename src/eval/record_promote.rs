//! Promotion of structured dtypes (`np.result_type`, `np.promote_types`):
//! NumPy's `void_ensure_canonical` (fields in native order, packed, or
//! laid out again as an aligned struct) and `void_common_instance` with
//! `_promote_fields` from `numpy/_core/_internal.py` (same names in the
//! same order, each field promoted, titles equal, aligned if either is).

use std::rc::Rc;

use crate::engine::dtype::{DType, Field, RecordType};

use super::error::{PyError, PyResult};

/// True for a void dtype, structured or not.
pub fn is_void(dt: &DType) -> bool {
    matches!(dt, DType::Record(_))
}

fn promotion_error(msg: String) -> PyError {
    PyError::new("DTypePromotionError", msg)
}

/// `np.promote_types(a, b)` of any two dtypes, or NumPy's
/// `DTypePromotionError` when they have no common dtype (what
/// `np.concatenate` of a number and a datetime array raises).
pub fn promote_or_error(a: &DType, b: &DType) -> PyResult<DType> {
    if is_void(a) || is_void(b) {
        return promote(a, b);
    }
    time_units_agree(a, b)?;
    super::cast_rules::promote_types_full(a, b).ok_or_else(|| no_common_dtype(a, b))
}

/// Two time types promote only when their units have a common divisor;
/// NumPy's own error says why not (`[Y]` and `[D]` of timedeltas).
fn time_units_agree(a: &DType, b: &DType) -> PyResult<()> {
    if let (DType::Time(ua, da), DType::Time(ub, db)) = (a, b) {
        crate::engine::datetime::common_unit(*ua, *ub, *da, *db)
            .map_err(super::datetime_convert::err)?;
    }
    Ok(())
}

/// NumPy's message when `a` and `b` have no common dtype.
fn no_common_dtype(a: &DType, b: &DType) -> PyError {
    promotion_error(format!(
        "The DType {} could not be promoted by {}. This means that no common DType exists for the given inputs. For example they cannot be stored in a single array unless the dtype is `object`. The full list of DTypes is: ({}, {})",
        class(a),
        class(b),
        class(a),
        class(b)
    ))
}

fn class(dt: &DType) -> String {
    format!(
        "<class 'numpy.dtypes.{}'>",
        super::dtype_class_names::class_name(dt)
    )
}

/// NumPy's canonical form of a dtype: native byte order; for a record,
/// fields (canonical too) packed end to end, or at their alignment for an
/// aligned struct, with no trailing space beyond that.
pub fn canonical(dt: &DType) -> PyResult<DType> {
    let DType::Record(r) = dt else {
        return Ok(dt.native());
    };
    if r.fields().is_empty() {
        return Ok(dt.clone());
    }
    let (mut at, mut widest) = (0usize, 1usize);
    let mut fields = Vec::with_capacity(r.fields().len());
    for f in r.fields().iter() {
        let dtype = canonical(&f.dtype)?;
        if r.aligned {
            let a = dtype.alignment();
            at = at.next_multiple_of(a);
            widest = widest.max(a);
        }
        let field = Field {
            name: f.name.clone(),
            dtype,
            offset: at,
            shape: f.shape.clone(),
            title: f.title.clone(),
        };
        at += field.nbytes();
        fields.push(field);
    }
    if r.aligned {
        at = at.next_multiple_of(widest);
    }
    Ok(DType::Record(Rc::new(RecordType {
        cells: std::cell::RefCell::new(fields),
        itemsize: at,
        aligned: r.aligned,
    })))
}

/// The names of a record as Python prints the tuple (`('a',)`).
fn names_tuple(r: &RecordType) -> String {
    let names: Vec<String> = r
        .fields()
        .iter()
        .map(|f| crate::render::scalar_repr::py_str_repr(&f.name))
        .collect();
    if names.len() == 1 {
        format!("({},)", names[0])
    } else {
        format!("({})", names.join(", "))
    }
}

/// The common instance of two void dtypes (both already canonical).
fn common_void(a: &DType, b: &DType) -> PyResult<DType> {
    let (DType::Record(ra), DType::Record(rb)) = (a, b) else {
        return Err(promotion_error(
            "invalid type promotion with structured datatype(s).".into(),
        ));
    };
    match (ra.fields().is_empty(), rb.fields().is_empty()) {
        (true, true) => {
            if ra.itemsize != rb.itemsize {
                return Err(promotion_error(
                    "Invalid type promotion with void datatypes of different lengths. Use the `np.bytes_` datatype instead to pad the shorter value with trailing zero bytes.".into(),
                ));
            }
            return Ok(a.clone());
        }
        (false, false) => {}
        _ => {
            return Err(promotion_error(
                "invalid type promotion with structured datatype(s).".into(),
            ));
        }
    }
    let same_names = ra.fields().len() == rb.fields().len()
        && ra
            .fields()
            .iter()
            .zip(rb.fields().iter())
            .all(|(x, y)| x.name == y.name);
    if !same_names {
        return Err(promotion_error(format!(
            "field names `{}` and `{}` mismatch.",
            names_tuple(ra),
            names_tuple(rb)
        )));
    }
    let mut fields = Vec::with_capacity(ra.fields().len());
    let mut at = 0usize;
    for (x, y) in ra.fields().iter().zip(rb.fields().iter()) {
        if !x.shape.is_empty() || !y.shape.is_empty() {
            return Err(PyError::new(
                "NotImplementedError",
                "promoting structured dtypes with sub-array fields is not supported in slicelab",
            ));
        }
        let dtype = promote(&x.dtype, &y.dtype)?;
        if x.title != y.title {
            return Err(promotion_error(format!(
                "field titles of field '{}' mismatch",
                x.name
            )));
        }
        let field = Field {
            name: x.name.clone(),
            dtype,
            offset: at,
            shape: vec![],
            title: x.title.clone(),
        };
        at += field.nbytes();
        fields.push(field);
    }
    let packed = DType::Record(Rc::new(RecordType {
        cells: std::cell::RefCell::new(fields),
        itemsize: at,
        aligned: false,
    }));
    Ok(if ra.aligned || rb.aligned {
        super::dtype_arg::aligned(&packed)
    } else {
        packed
    })
}

/// `np.promote_types(a, b)`: NumPy's `PyArray_CommonDType`, whose
/// refusal names the two DType classes.
pub fn promote(a: &DType, b: &DType) -> PyResult<DType> {
    if is_void(a) && is_void(b) {
        return common_void(&canonical(a)?, &canonical(b)?);
    }
    time_units_agree(a, b)?;
    let common = if is_void(a) || is_void(b) {
        None
    } else {
        super::cast_rules::promote_types_full(a, b)
    };
    common.ok_or_else(|| {
        promotion_error(format!(
            "The DTypes {} and {} do not have a common DType. For example they cannot be stored in a single array unless the dtype is `object`.",
            class(a),
            class(b)
        ))
    })
}

/// `np.result_type(*dtypes)` when a void dtype is among them: one gives
/// its canonical form; several promote pairwise (all must be void).
pub fn result_type(dts: &[DType]) -> PyResult<DType> {
    if dts.iter().all(is_void) {
        let mut acc = canonical(&dts[0])?;
        for d in &dts[1..] {
            acc = common_void(&acc, &canonical(d)?)?;
        }
        return Ok(acc);
    }
    if let [a, b] = dts {
        return Err(no_common_dtype(a, b));
    }
    Err(PyError::new(
        "NotImplementedError",
        "np.result_type of a structured dtype with several other types is not supported in slicelab",
    ))
}
