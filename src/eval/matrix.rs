//! `np.matrix`, `np.asmatrix` and `np.bmat`, after NumPy's
//! `numpy/matrixlib/defmatrix.py`.
//!
//! A matrix is a 2-D array that stays 2-D: `__array_finalize__` makes a
//! 1-D result a row and squeezes extra length-1 axes away, and indexing
//! turns a 1-D selection back into a row (or a column, for `m[:, 0]`).
//! Its operators are linear algebra's (`*` is `np.dot`, `**` is
//! `matrix_power`) and its reductions keep two axes, or collapse to a
//! scalar with `axis=None`. The operators, methods and NumPy functions
//! live in `matrix_ops.rs`; this file builds matrices, indexes them and
//! answers their attributes.
//!
//! Which object `.base` answers follows NumPy: a view taken from a matrix
//! is based on the first matrix up its chain that owns its data or whose
//! base is not a matrix (`m[0].base is m`); a ufunc's result is a matrix
//! view of the fresh ndarray the ufunc made.

use std::rc::Rc;

use crate::engine::{ArrayRef, NdArray};

use super::args::Args;
use super::error::{PyError, PyResult};
use super::object::{as_matrix, new_matrix};
use super::registry::{Entry, Writes, func};
use super::session::Session;
use super::signature::Style;
use super::value::Value;
use crate::eval::binding::prepare;

/// This module's registry entries (`registry::tables`).
pub const ENTRIES: &[Entry] = &[
    func(
        "asmatrix(data, dtype=None)",
        Style::Python,
        "data dtype",
        Writes::Nothing,
    ),
    func(
        "bmat(obj, ldict=None, gdict=None)",
        Style::Python,
        "obj ldict gdict",
        Writes::Nothing,
    ),
];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// The signature `np.matrix(...)` binds against.
const CONSTRUCTOR: Entry = func(
    "matrix(data, dtype=None, copy=True)",
    Style::Python,
    "data dtype copy",
    Writes::Nothing,
);

/// Does this module answer `np.NAME`?
pub fn answers(name: &str) -> bool {
    ENTRIES.iter().any(|e| e.name() == name)
}

/// Positional arguments only.
pub fn args_of(pos: Vec<Value>) -> Args {
    Args { pos, kw: vec![] }
}

/// A refusal naming what slicelab's matrix does not do.
pub fn refuse(what: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("slicelab's np.matrix does not implement {what}"),
    )
}

/// `np.asmatrix(...)` / `np.bmat(...)`.
pub fn call(s: &mut Session, name: &str, args: Args) -> PyResult<Value> {
    // The registry has bound `args` against ENTRIES already.
    match name {
        "asmatrix" => {
            let data = args.req(0, "data", name)?.clone();
            let dtype = args.get(1, "dtype").cloned().unwrap_or(Value::None);
            make(s, &data, &dtype, false)
        }
        _ => {
            let obj = args.req(0, "obj", name)?.clone();
            let ldict = args.get(1, "ldict").cloned().unwrap_or(Value::None);
            let gdict = args.get(2, "gdict").cloned().unwrap_or(Value::None);
            bmat(s, &obj, &ldict, &gdict)
        }
    }
}

/// `np.matrix(data, dtype=None, copy=True)`.
pub fn construct(s: &mut Session, args: Args) -> PyResult<Value> {
    let args = prepare(&CONSTRUCTOR, &args)?;
    let data = args.req(0, "data", "matrix")?.clone();
    let dtype = args.get(1, "dtype").cloned().unwrap_or(Value::None);
    let copy = match args.get(2, "copy") {
        Some(v) => s.truth_of(v)?,
        None => true,
    };
    make(s, &data, &dtype, copy)
}

/// `matrix.__new__`.
fn make(s: &mut Session, data: &Value, dtype: &Value, copy: bool) -> PyResult<Value> {
    if let Some(m) = as_matrix(data) {
        let same = match dtype {
            Value::None => true,
            d => crate::eval::dtype_arg::dtype_arg(d)? == *m.arr.dtype(),
        };
        if same && !copy {
            return Ok(data.clone());
        }
        let dt = match dtype {
            Value::None => Value::DType(m.arr.dtype().clone()),
            d => d.clone(),
        };
        return super::matrix_ops::method(s, data, "astype", args_of(vec![dt]));
    }
    if let Value::Array(a) = data {
        // `data.view(matrix)`, then a cast or a copy when asked.
        let view = NdArray::view_with(a, a.layout());
        let new = wrap_view_of_array(view, data.clone())?;
        let cast = match dtype {
            Value::None => None,
            d => Some(crate::eval::dtype_arg::dtype_arg(d)?).filter(|dt| dt != a.dtype()),
        };
        if let Some(dt) = cast {
            return super::matrix_ops::method(s, &new, "astype", args_of(vec![Value::DType(dt)]));
        }
        if copy {
            return super::matrix_ops::method(s, &new, "copy", args_of(vec![]));
        }
        return Ok(new);
    }
    let data = match data {
        Value::Str(t) => rows_from_string(t)?,
        other => other.clone(),
    };
    let mut kw = vec![];
    if !matches!(dtype, Value::None) {
        kw.push(("dtype", dtype.clone()));
    }
    if !copy {
        kw.push(("copy", Value::None));
    }
    let arr = match s.np("array", vec![data], kw)? {
        Value::Array(a) => a,
        other => {
            return Err(refuse(&format!(
                "a matrix of a {} value",
                other.type_name()
            )));
        }
    };
    let shape = match arr.ndim() {
        0 => vec![1, 1],
        1 => vec![1, arr.shape()[0]],
        2 => arr.shape(),
        _ => return Err(PyError::value("matrix must be 2-dimensional")),
    };
    // `ndarray.__new__(matrix, shape, buffer=arr)`: based on `arr`.
    let layout = if arr.ndim() == 2 {
        arr.layout()
    } else {
        crate::engine::layout::Layout::c_order(&shape, arr.dtype().itemsize())
    };
    let view = NdArray::view_with(&arr, layout);
    Ok(new_matrix(view, Some(Value::Array(arr))))
}

/// `_convert_from_string`: `'1 2; 3 4'` as nested lists, each entry a
/// Python literal.
fn rows_from_string(text: &str) -> PyResult<Value> {
    let cleaned: String = text.chars().filter(|c| *c != '[' && *c != ']').collect();
    let mut rows = Vec::new();
    let mut ncols = 0;
    for (count, row) in cleaned.split(';').enumerate() {
        let mut items = Vec::new();
        for col in row.split(',') {
            for tok in col.split_whitespace() {
                items.push(literal(tok)?);
            }
        }
        if count == 0 {
            ncols = items.len();
        } else if items.len() != ncols {
            return Err(PyError::value("Rows not the same size."));
        }
        rows.push(Value::list(items));
    }
    Ok(Value::list(rows))
}

/// `ast.literal_eval` of one whitespace-free token: numbers and bools.
fn literal(tok: &str) -> PyResult<Value> {
    let (sign, body) = match tok.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, tok.strip_prefix('+').unwrap_or(tok)),
    };
    let plain = body.replace('_', "");
    let underscores_ok = !body.starts_with('_') && !body.ends_with('_') && !body.contains("__");
    match body {
        "True" if sign > 0.0 && tok == "True" => return Ok(Value::Bool(true)),
        "False" if sign > 0.0 && tok == "False" => return Ok(Value::Bool(false)),
        _ => {}
    }
    if underscores_ok && !plain.is_empty() && plain.bytes().all(|b| b.is_ascii_digit()) {
        return match plain.parse::<i128>() {
            Ok(i) => Ok(Value::Int(if sign < 0.0 { -i } else { i })),
            Err(_) => Err(refuse("a matrix string with an int beyond 128 bits")),
        };
    }
    if underscores_ok
        && let Some(imag) = plain.strip_suffix(['j', 'J'])
        && let Some(x) = float_text(imag)
    {
        return Ok(Value::Complex(0.0, sign * x));
    }
    if underscores_ok && let Some(x) = float_text(&plain) {
        return Ok(Value::Float(sign * x));
    }
    Err(PyError::value(format!(
        "malformed node or string: {}",
        crate::render::scalar_repr::py_str_repr(tok)
    )))
}

/// A Python float literal's value (digits, a point, an exponent).
fn float_text(t: &str) -> Option<f64> {
    let ok = !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
        && t.bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || b == b'.');
    if !ok {
        return None;
    }
    t.parse::<f64>().ok()
}

/// `np.bmat(obj, ldict=None, gdict=None)`.
fn bmat(s: &mut Session, obj: &Value, ldict: &Value, gdict: &Value) -> PyResult<Value> {
    if let Value::Str(text) = obj {
        let mut rows = Vec::new();
        for row in text.split(';') {
            let mut cols = Vec::new();
            for col in row.split(',').flat_map(|c| c.split_whitespace()) {
                cols.push(bmat_name(s, col, ldict, gdict)?);
            }
            rows.push(concatenate(s, Value::list(cols), -1)?);
        }
        let whole = concatenate(s, Value::list(rows), 0)?;
        return make(s, &whole, &Value::None, true);
    }
    if let Value::List(_) | Value::Tuple(_) = obj {
        let rows = s.iterate_all(obj)?;
        let mut arr_rows = Vec::new();
        for row in &rows {
            if matches!(row, Value::Array(_)) || as_matrix(row).is_some() {
                let whole = concatenate(s, obj.clone(), -1)?;
                return make(s, &whole, &Value::None, true);
            }
            arr_rows.push(concatenate(s, row.clone(), -1)?);
        }
        let whole = concatenate(s, Value::list(arr_rows), 0)?;
        return make(s, &whole, &Value::None, true);
    }
    if matches!(obj, Value::Array(_)) || as_matrix(obj).is_some() {
        return make(s, obj, &Value::None, true);
    }
    // NumPy falls off the end of `bmat` and returns None.
    Ok(Value::None)
}

/// `np.concatenate(arrays, axis=axis)`, as `bmat` joins its blocks.
fn concatenate(s: &mut Session, arrays: Value, axis: i128) -> PyResult<Value> {
    s.np(
        "concatenate",
        vec![arrays],
        vec![("axis", Value::Int(axis))],
    )
}

/// A name in a `bmat` string: `ldict`, then `gdict`, else the session's.
fn bmat_name(s: &mut Session, name: &str, ldict: &Value, gdict: &Value) -> PyResult<Value> {
    if matches!(gdict, Value::None) {
        return s
            .lookup_name(name)
            .map_err(|_| PyError::new("NameError", format!("name '{name}' is not defined")));
    }
    for d in [ldict, gdict] {
        if let Value::Dict(d) = d
            && let Some((_, v)) = d
                .borrow()
                .iter()
                .find(|(k, _)| matches!(k, Value::Str(t) if t.as_ref() == name))
        {
            return Ok(v.clone());
        }
    }
    Err(PyError::new(
        "NameError",
        format!(
            "name {} is not defined",
            crate::render::scalar_repr::py_str_repr(name)
        ),
    ))
}

/// `__array_finalize__`'s shape for an array of `shape` seen as a matrix.
pub fn finalized_shape(shape: &[usize]) -> PyResult<Vec<usize>> {
    let new: Vec<usize> = match shape.len() {
        2 => return Ok(shape.to_vec()),
        0 | 1 => shape.to_vec(),
        _ => {
            let kept: Vec<usize> = shape.iter().copied().filter(|&n| n > 1).collect();
            if kept.len() > 2 {
                return Err(PyError::value("shape too large to be a matrix."));
            }
            kept
        }
    };
    Ok(match new.len() {
        0 => vec![1, 1],
        1 => vec![1, new[0]],
        _ => new,
    })
}

/// `a` with `shape` (same elements, a no-copy reshape), as `_set_shape`
/// does it: the same kind of object, no new level of `.base`.
pub fn reshaped(a: &ArrayRef, shape: &[usize]) -> PyResult<ArrayRef> {
    if shape == a.shape().as_slice() {
        return Ok(a.clone());
    }
    let size: usize = shape.iter().product();
    let layout = a
        .layout()
        .reshaped_c(shape, a.dtype().itemsize())
        .filter(|_| size == a.size())
        .ok_or_else(|| {
            PyError::value(format!(
                "cannot reshape array of size {} into shape {}",
                a.size(),
                crate::engine::error::shape_tuple(shape)
            ))
        })?;
    Ok(a.relaid(layout))
}

/// A fresh array that nobody else holds, as a matrix owning its data.
pub fn owner(a: ArrayRef) -> PyResult<Value> {
    let shape = finalized_shape(&a.shape())?;
    Ok(new_matrix(reshaped(&a, &shape)?, None))
}

/// A fresh ndarray a ufunc (or `__array_wrap__`) made, seen as a matrix:
/// the matrix is a view of it, so it is the matrix's `.base`.
pub fn wrapped(a: ArrayRef) -> PyResult<Value> {
    let shape = finalized_shape(&a.shape())?;
    wrapped_as(a, &shape)
}

/// [`wrapped`] with the shape given (indexing's row or column).
fn wrapped_as(a: ArrayRef, shape: &[usize]) -> PyResult<Value> {
    let view = reshaped(&NdArray::view_with(&a, a.layout()), shape)?;
    Ok(new_matrix(view, Some(Value::Array(a))))
}

/// The object a view taken from the matrix `parent` is based on: the
/// first matrix up the chain that owns its data or whose base is not a
/// matrix (NumPy stops collapsing `.base` where the type changes).
fn collapsed_base(parent: &Value) -> Value {
    let mut obj = parent.clone();
    loop {
        match as_matrix(&obj).and_then(|m| m.base.clone()) {
            Some(b) if as_matrix(&b).is_some() => obj = b,
            _ => return obj,
        }
    }
}

/// `view`, a view of the matrix `parent`'s memory, as a matrix.
pub fn view_of(parent: &Value, view: ArrayRef) -> PyResult<Value> {
    let shape = finalized_shape(&view.shape())?;
    Ok(new_matrix(
        reshaped(&view, &shape)?,
        Some(collapsed_base(parent)),
    ))
}

/// `a.view(np.matrix)`: a matrix over the ndarray `a` (the value `me`).
pub fn view_of_array(a: &ArrayRef, me: &Value) -> PyResult<Value> {
    wrap_view_of_array(NdArray::view_with(a, a.layout()), me.clone())
}

/// `view`, a view of the ndarray `parent`, as a matrix (`asmatrix(a)`).
fn wrap_view_of_array(view: ArrayRef, parent: Value) -> PyResult<Value> {
    let shape = finalized_shape(&view.shape())?;
    Ok(new_matrix(reshaped(&view, &shape)?, Some(parent)))
}

/// A result of an operation on matrices: a view of `parent` stays one,
/// anything else is a fresh matrix owning its data.
pub fn result_of(parent: &Value, r: Value) -> PyResult<Value> {
    let Value::Array(a) = r else {
        return Ok(r);
    };
    let m = as_matrix(parent).expect("a matrix");
    if Rc::ptr_eq(a.buffer(), m.arr.buffer()) {
        view_of(parent, a)
    } else {
        owner(a)
    }
}

/// The ndarray a matrix argument stands for in NumPy's own code
/// (`ndarray.__array__`: a new view); other values unchanged.
pub fn unwrap(v: &Value) -> Value {
    unwrap_within(v, MAX_NESTING)
}

/// How deep [`involves`] and [`unwrap`] look into nested lists: NumPy's
/// 64 dimensions, and a bound for a list that contains itself.
const MAX_NESTING: usize = 64;

fn unwrap_within(v: &Value, depth: usize) -> Value {
    match as_matrix(v) {
        Some(m) => Value::Array(NdArray::view_with(&m.arr, m.arr.layout())),
        None if depth == 0 => v.clone(),
        None => {
            let inner = |x: &Value| unwrap_within(x, depth - 1);
            match v {
                Value::List(l) if involves_within(v, depth) => {
                    Value::list(l.borrow().iter().map(inner).collect())
                }
                Value::Tuple(t) if involves_within(v, depth) => {
                    Value::tuple(t.iter().map(inner).collect())
                }
                other => other.clone(),
            }
        }
    }
}

/// Call arguments with every matrix unwrapped ([`unwrap`]).
pub fn unwrap_args(args: &Args) -> Args {
    args.map_values(unwrap)
}

/// Does any argument hold a matrix?
pub fn in_args(args: &Args) -> bool {
    args.any_value(involves)
}

/// Does `v` hold a matrix (itself, or inside nested lists and tuples)?
pub fn involves(v: &Value) -> bool {
    involves_within(v, MAX_NESTING)
}

fn involves_within(v: &Value, depth: usize) -> bool {
    as_matrix(v).is_some()
        || depth > 0
            && match v {
                Value::List(l) => l.borrow().iter().any(|x| involves_within(x, depth - 1)),
                Value::Tuple(t) => t.iter().any(|x| involves_within(x, depth - 1)),
                _ => false,
            }
}

/// `matrix.__getitem__`: the ndarray's selection, a scalar for a 0-d
/// result, and a 1-D result made a row, or a column when the index's
/// second entry is a scalar (`m[:, 0]`).
pub fn getitem(s: &mut Session, obj: &Value, idx: &Value) -> PyResult<Value> {
    let m = as_matrix(obj).expect("a matrix");
    let index = unwrap(idx);
    let out = s.getitem(&Value::Array(m.arr.clone()), &index)?;
    let Value::Array(a) = out else {
        return Ok(out);
    };
    if a.ndim() == 0 {
        return s.getitem(&Value::Array(a), &Value::tuple(vec![]));
    }
    let shape = if a.ndim() == 1 {
        let n = a.shape()[0];
        let second = match idx {
            Value::Tuple(t) if t.len() > 1 => Some(super::np_odds::isscalar(&t[1])),
            Value::List(l) if l.borrow().len() > 1 => {
                Some(super::np_odds::isscalar(&l.borrow()[1]))
            }
            Value::Array(x) if x.ndim() == 1 && x.shape()[0] > 1 => Some(true),
            _ => None,
        };
        if second == Some(true) {
            vec![n, 1]
        } else {
            vec![1, n]
        }
    } else {
        a.shape()
    };
    if Rc::ptr_eq(a.buffer(), m.arr.buffer()) {
        let view = reshaped(&a, &shape)?;
        Ok(new_matrix(view, Some(collapsed_base(obj))))
    } else {
        wrapped_as(a, &shape)
    }
}

/// `m[idx] = value`: ndarray's assignment into the matrix's memory.
pub fn setitem(s: &mut Session, obj: &Value, idx: &Value, value: &Value) -> PyResult<()> {
    let m = as_matrix(obj).expect("a matrix");
    let arr = Value::Array(m.arr.clone());
    let index = unwrap(idx);
    // A basic index writes through the view `m[idx]` is, with the matrix's
    // shape (`m[:, 1]` is a column, so a column fits it and a row does
    // not); a fancy one is ndarray's assignment.
    if let Value::Array(sel) = s.getitem(&arr, &index)?
        && Rc::ptr_eq(sel.buffer(), m.arr.buffer())
        && let Some(target) = as_matrix(&getitem(s, obj, idx)?)
    {
        let whole = Value::Ellipsis;
        return s.setitem(&Value::Array(target.arr.clone()), &whole, &unwrap(value));
    }
    s.setitem(&arr, &index, &unwrap(value))
}

/// `m.NAME = value`: a 2-D `shape` is set on the matrix's array (every
/// name bound to it sees it); other attributes are refused.
pub fn setattr(s: &mut Session, obj: &Value, name: &str, value: &Value) -> PyResult<()> {
    let m = as_matrix(obj).expect("a matrix");
    if name == "shape" {
        let two = match value {
            Value::Tuple(t) => t.len() == 2,
            Value::List(l) => l.borrow().len() == 2,
            _ => false,
        };
        if !two {
            // NumPy would leave a matrix of another rank; slicelab's are 2-D.
            return Err(refuse("setting a shape that is not 2-D"));
        }
        return s.setattr(&Value::Array(m.arr.clone()), name, value);
    }
    if ARRAY_ATTRS.contains(&name) || matches!(name, "T" | "A" | "A1" | "H" | "I" | "base") {
        return Err(refuse(&format!("setting matrix.{name}")));
    }
    Err(refuse(&format!("setting the attribute {name} of a matrix")))
}

/// ndarray attributes a matrix answers as its array does.
const ARRAY_ATTRS: &[&str] = &[
    "shape", "ndim", "size", "dtype", "itemsize", "nbytes", "strides", "flags",
];

/// `m.NAME`.
pub fn attr(s: &mut Session, obj: &Value, name: &str) -> PyResult<Value> {
    let m = as_matrix(obj).expect("a matrix");
    if ARRAY_ATTRS.contains(&name) {
        return super::array_attrs::array_attr(&m.arr, &Value::Array(m.arr.clone()), name);
    }
    match name {
        "base" => Ok(m.base.clone().unwrap_or(Value::None)),
        "__array_priority__" => Ok(Value::Float(10.0)),
        "T" => super::matrix_ops::method(s, obj, "transpose", args_of(vec![])),
        "A" => Ok(unwrap(obj)),
        "A1" => s.call_method_registered(&unwrap(obj), "ravel", args_of(vec![])),
        "H" | "I" => super::matrix_ops::method(s, obj, &format!("get{name}"), args_of(vec![])),
        "real" | "imag" => {
            let part = super::array_attrs::array_attr(&m.arr, &Value::Array(m.arr.clone()), name)?;
            match part {
                Value::Array(p)
                    if Rc::ptr_eq(p.buffer(), m.arr.buffer()) && !Rc::ptr_eq(&p, &m.arr) =>
                {
                    view_of(obj, p)
                }
                Value::Array(_) if name == "real" => Ok(obj.clone()),
                Value::Array(p) => owner(p),
                other => Ok(other),
            }
        }
        n if super::matrix_ops::has_method(n) => {
            Ok(Value::Method(Rc::new(obj.clone()), Rc::from(n)))
        }
        "flat" | "data" | "ctypes" | "__array_interface__" | "mT" | "device" => {
            Err(refuse(&format!("matrix.{name}")))
        }
        other => Err(PyError::attribute("matrix", other)),
    }
}
