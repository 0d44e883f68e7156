//! The array-API functions NumPy 2 added as plain Python functions:
//! `np.matrix_transpose` (and `ndarray.mT`), `np.unstack`, `np.astype`,
//! `np.isdtype`, each step for step as `numpy/_core/fromnumeric.py`,
//! `shape_base.py`, `numeric.py` and `numerictypes.py` have them.
//! (`np.concat` and `np.permute_dims` are `concatenate` and `transpose`
//! themselves: see `bit_ufuncs::ALIASES`.)

use crate::engine::dtype::DType;
use crate::engine::index::{self, IndexItem, Indexed};
use crate::engine::reduce::normalize_axis;
use crate::engine::{ArrayRef, NdArray};

use super::error::{PyError, PyResult};
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::{TypeObj, Value};
use crate::eval::args::Args;
use crate::eval::coerce::int_arg;
use crate::eval::convert::as_array;
use crate::eval::session::Session;
use crate::eval::types::type_of;

/// This module's registry entries (`registry::tables`).
pub const ENTRIES: &[Entry] = &[
    func(
        "matrix_transpose(x, /)",
        Style::Python,
        "x",
        Writes::Nothing,
    ),
    func(
        "unstack(x, /, *, axis=0)",
        Style::Python,
        "x axis",
        Writes::Nothing,
    ),
    func(
        "astype(x, dtype, /, *, copy=True, device=None)",
        Style::Python,
        "x dtype copy device",
        Writes::Nothing,
    ),
    func(
        "isdtype(dtype, kind)",
        Style::Python,
        "dtype kind",
        Writes::Nothing,
    ),
];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// Does this module answer `np.NAME`?
pub fn answers(name: &str) -> bool {
    ENTRIES.iter().any(|e| e.name() == name)
}

/// Call one of this module's functions (the registry has bound `args`).
pub fn call(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    match name {
        "matrix_transpose" => {
            let a = as_array(args.req(0, "x", name)?)?;
            if a.ndim() < 2 {
                return Err(PyError::value(format!(
                    "Input array must be at least 2-dimensional, but it is {}",
                    a.ndim()
                )));
            }
            Ok(Value::Array(swap_last_two(&a)))
        }
        "unstack" => unstack(args),
        "astype" => astype(s, args),
        _ => isdtype(args.req(0, "dtype", name)?, args.req(1, "kind", name)?),
    }
}

/// A view with the last two axes swapped (`swapaxes(x, -1, -2)`).
pub fn swap_last_two(a: &ArrayRef) -> ArrayRef {
    let nd = a.ndim();
    let mut perm: Vec<usize> = (0..nd).collect();
    perm.swap(nd - 1, nd - 2);
    NdArray::view_with(a, a.layout().permuted(&perm))
}

/// `ndarray.mT`: the C attribute's own message for fewer than 2 axes.
pub fn matrix_transpose_attr(a: &ArrayRef) -> PyResult<Value> {
    if a.ndim() < 2 {
        return Err(PyError::value(
            "matrix transpose with ndim < 2 is undefined",
        ));
    }
    Ok(Value::Array(swap_last_two(a)))
}

/// `tuple(np.moveaxis(x, axis, 0))`: views, or scalars of a 1-d array.
fn unstack(args: &Args) -> PyResult<Value> {
    let x = args.req(0, "x", "unstack")?;
    let a = match x {
        Value::Array(a) => a.clone(),
        // A NumPy scalar's `ndim` is 0.
        Value::NpScalar(..) => return Err(PyError::value("Input array must be at least 1-d.")),
        other => {
            return Err(PyError::attribute(&other.type_name(), "ndim"));
        }
    };
    let nd = a.ndim();
    if nd == 0 {
        return Err(PyError::value("Input array must be at least 1-d."));
    }
    let axis = match args.get(1, "axis") {
        Some(v) => int_arg(v, "")?,
        None => 0,
    };
    let src =
        normalize_axis(axis, nd).map_err(|e| PyError::new("AxisError", format!("source: {e}")))?;
    let mut order: Vec<usize> = (0..nd).filter(|&k| k != src).collect();
    order.insert(0, src);
    let moved = NdArray::view_with(&a, a.layout().permuted(&order));
    let n = moved.shape()[0];
    let mut items = Vec::with_capacity(n);
    for i in 0..n {
        items.push(match index::get(&moved, &[IndexItem::Int(i as i64)])? {
            Indexed::Array(v) => Value::Array(v),
            Indexed::Scalar(sc) => Value::NpScalar(moved.dtype().native(), sc),
        });
    }
    Ok(Value::tuple(items))
}

/// `np.astype`: an array or NumPy scalar's own `astype`.
fn astype(s: &mut Session, args: &Args) -> PyResult<Value> {
    let x = args.req(0, "x", "astype")?;
    if !matches!(x, Value::Array(_) | Value::NpScalar(..)) && !is_python_scalar(x) {
        return Err(PyError::type_error(format!(
            "Input should be a NumPy array or scalar. It is a {} instead.",
            type_repr(x)
        )));
    }
    match args.get(3, "device") {
        None | Some(Value::None) => {}
        Some(Value::Str(d)) if d.as_ref() == "cpu" => {}
        Some(d) => {
            return Err(PyError::value(format!(
                "Device not understood. Only \"cpu\" is allowed, but received: {}",
                super::display::str_of(d, &Default::default())
            )));
        }
    }
    if is_python_scalar(x) {
        // `isscalar` lets a Python number through to its missing method.
        return Err(PyError::attribute(&x.type_name(), "astype"));
    }
    let mut kw = Vec::new();
    if let Some(c) = args.get(2, "copy") {
        kw.push(("copy".to_string(), c.clone()));
    }
    let dtype = args.req(1, "dtype", "astype")?.clone();
    s.call_method_registered(
        x,
        "astype",
        Args {
            pos: vec![dtype],
            kw,
        },
    )
}

fn is_python_scalar(v: &Value) -> bool {
    matches!(
        v,
        Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::Complex(..) | Value::Str(_)
    )
}

/// `<class 'list'>`: how `f"{type(x)}"` reads.
fn type_repr(v: &Value) -> String {
    super::display::repr(&Value::Type(type_of(v)), &Default::default())
}

/// The NumPy scalar type a dtype argument names (`_preprocess_dtype`): a
/// dtype object or a NumPy scalar class; anything else is `None`.
fn scalar_type(v: &Value) -> Option<String> {
    let key = |dt: &DType| match dt.native() {
        DType::Str(_) => "str_".to_string(),
        DType::Bytes(_) => "bytes_".to_string(),
        DType::Record(_) => "void".to_string(),
        other => other.name(),
    };
    match v {
        Value::DType(dt) | Value::Type(TypeObj::NpScalar(dt)) => Some(key(dt)),
        Value::Type(TypeObj::NpStr) => Some("str_".into()),
        Value::Type(TypeObj::Void) => Some("void".into()),
        _ => None,
    }
}

/// The scalar types of one of `isdtype`'s kind names.
fn kind_types(kind: &str) -> Option<&'static [&'static str]> {
    const INT: &[&str] = &["int8", "int16", "int32", "int64"];
    const UINT: &[&str] = &["uint8", "uint16", "uint32", "uint64"];
    const INTEGRAL: &[&str] = &[
        "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    ];
    const FLOAT: &[&str] = &["float16", "float32", "float64", "longdouble"];
    const COMPLEX: &[&str] = &["complex64", "complex128", "clongdouble"];
    const NUMERIC: &[&str] = &[
        "int8",
        "int16",
        "int32",
        "int64",
        "uint8",
        "uint16",
        "uint32",
        "uint64",
        "float16",
        "float32",
        "float64",
        "longdouble",
        "complex64",
        "complex128",
        "clongdouble",
    ];
    Some(match kind {
        "bool" => &["bool"],
        "signed integer" => INT,
        "unsigned integer" => UINT,
        "integral" => INTEGRAL,
        "real floating" => FLOAT,
        "complex floating" => COMPLEX,
        "numeric" => NUMERIC,
        _ => return None,
    })
}

/// `np.isdtype(dtype, kind)` as `numerictypes.isdtype`.
fn isdtype(dtype: &Value, kind: &Value) -> PyResult<Value> {
    let Some(dt) = scalar_type(dtype) else {
        return Err(PyError::type_error(format!(
            "dtype argument must be a NumPy dtype, but it is a {}.",
            type_repr(dtype)
        )));
    };
    let kinds: Vec<Value> = match kind {
        Value::Tuple(t) => t.to_vec(),
        other => vec![other.clone()],
    };
    let mut found = false;
    for k in &kinds {
        match k {
            Value::Str(name) => match kind_types(name) {
                Some(types) => found |= types.contains(&dt.as_str()),
                None => {
                    return Err(PyError::value(format!(
                        "kind argument is a string, but {} is not a known kind name.",
                        super::display::repr(k, &Default::default())
                    )));
                }
            },
            other => match scalar_type(other) {
                Some(t) => found |= t == dt,
                None => {
                    return Err(PyError::type_error(format!(
                        "kind argument must be comprised of NumPy dtypes or strings only, but is a {}.",
                        type_repr(other)
                    )));
                }
            },
        }
    }
    Ok(Value::Bool(found))
}
