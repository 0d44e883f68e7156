//! Object arrays (`dtype=object`): Python values as elements.
//!
//! The engine keeps each element as an opaque id (`engine/object.rs`);
//! `object::element`/`object::store` turn ids into `Value`s and back,
//! `convert.rs` builds object arrays from nested lists and broadcasts
//! object operands, and `object_repr.rs` prints them; this module holds
//! their operators, reductions, methods and the refusals.
//! What works follows NumPy: construction (`np.array(..., dtype=object)`,
//! ragged lists, `None` inferring object, `np.empty/zeros/ones/full`),
//! printing (each element's repr, a list as `list([...])`, no padding —
//! `_object_format` in `numpy/_core/arrayprint.py`), indexing (an element
//! comes back as the Python value itself; slices are views sharing the
//! references), assignment of any value, `astype(object)` and back,
//! arithmetic and comparisons through the elements' Python operators
//! (NumPy's `OO->O` loops; comparisons give bool, as the `OO->?` loops),
//! `sum`/`max`/`min` over every axis, `tolist`, `np.concatenate`.
//! Every other NumPy routine or method given an object array is refused
//! with `NotImplementedError` here, before any typed kernel can read ids
//! as numbers.

use super::convert::{broadcast_pair, from_nested, has_object_leaf, not_supported, to_object};
use super::convert::{from_values, values};
use super::dtype_arg::wants_object;
use crate::eval::object::store;

use crate::engine::dtype::DType;
use crate::engine::kernels::{BinaryOp, CompareOp};
use crate::engine::{ArrayRef, NdArray, Scalar};
use crate::syntax::ast;

use super::error::{PyError, PyResult};
use super::registry::Entry;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::protocol::truthy;

/// True for an ndarray of dtype object, or a list/tuple NumPy would
/// turn into one (it holds `None`, a dict, an object array...).
pub fn is_object_array(v: &Value) -> bool {
    match v {
        Value::Array(a) => *a.dtype() == DType::Object,
        Value::List(_) | Value::Tuple(_) => has_object_leaf(v, 0),
        _ => false,
    }
}

fn python_op(op: BinaryOp) -> Option<ast::BinOp> {
    Some(match op {
        BinaryOp::Add => ast::BinOp::Add,
        BinaryOp::Sub => ast::BinOp::Sub,
        BinaryOp::Mul => ast::BinOp::Mul,
        BinaryOp::Div => ast::BinOp::Div,
        BinaryOp::FloorDiv => ast::BinOp::FloorDiv,
        BinaryOp::Mod => ast::BinOp::Mod,
        BinaryOp::Pow => ast::BinOp::Pow,
        BinaryOp::And => ast::BinOp::BitAnd,
        BinaryOp::Or => ast::BinOp::BitOr,
        BinaryOp::Xor => ast::BinOp::BitXor,
        BinaryOp::LShift => ast::BinOp::LShift,
        BinaryOp::RShift => ast::BinOp::RShift,
        BinaryOp::Maximum | BinaryOp::Minimum => return None,
    })
}

fn zero_d_result(shape: &[usize], out: Vec<Value>) -> PyResult<Value> {
    // A ufunc on 0-d inputs returns the element itself (NumPy unwraps
    // object scalars).
    if shape.is_empty() {
        return Ok(out.into_iter().next().unwrap_or(Value::None));
    }
    Ok(Value::Array(from_values(shape, &out)?))
}

/// `a op b` where one side is an object array: the Python operator on
/// each pair of elements (NumPy's `OO->O` loop).
pub fn binary(op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    let Some(pop) = python_op(op) else {
        return Err(not_supported(&format!("np.{}", op.ufunc_name())));
    };
    let (shape, pairs) = broadcast_pair(a, b)?;
    let mut out = Vec::with_capacity(pairs.len());
    for (k, (x, y)) in pairs.iter().enumerate() {
        if k % 4096 == 0 {
            crate::engine::interrupt::check()?;
        }
        out.push(binary_elements(pop, x, y)?);
    }
    zero_d_result(&shape, out)
}

/// One element pair through the Python operator NumPy's `OO->O` loop
/// (and `OBJECT_dot`) calls.
pub fn binary_elements_op(op: BinaryOp, x: &Value, y: &Value) -> PyResult<Value> {
    let Some(pop) = python_op(op) else {
        return Err(not_supported(&format!("np.{}", op.ufunc_name())));
    };
    binary_elements(pop, x, y)
}

fn binary_elements(op: ast::BinOp, x: &Value, y: &Value) -> PyResult<Value> {
    if (matches!(x, Value::Array(_) | Value::NpScalar(..))
        || matches!(y, Value::Array(_) | Value::NpScalar(..)))
        && let Some(eop) = super::ops::engine_op(op)
    {
        return super::ops::numpy_operator(eop, x, y);
    }
    super::ops::python_binary(op, x, y)
}

/// `a cmp b` with an object array on one side: Python's comparison of
/// each pair, as a bool array (NumPy's `OO->?` loop takes the truth of
/// what the comparison returned).
pub fn compare(op: CompareOp, a: &Value, b: &Value) -> PyResult<Value> {
    let (shape, pairs) = broadcast_pair(a, b)?;
    let mut out = Vec::with_capacity(pairs.len());
    for (k, (x, y)) in pairs.iter().enumerate() {
        if k % 4096 == 0 {
            crate::engine::interrupt::check()?;
        }
        out.push(Scalar::Bool(compare_elements(op, x, y)?));
    }
    if shape.is_empty()
        && let Some(Scalar::Bool(b)) = out.first()
    {
        return Ok(Value::NpScalar(DType::Bool, Scalar::Bool(*b)));
    }
    Ok(Value::Array(NdArray::from_scalars(
        &shape,
        DType::Bool,
        &out,
    )?))
}

fn compare_elements(op: CompareOp, x: &Value, y: &Value) -> PyResult<bool> {
    if matches!(x, Value::Array(_)) || matches!(y, Value::Array(_)) {
        // An array that holds itself compares without end in NumPy too,
        // until Python's recursion limit stops it.
        let r = super::ops::compare_nested(|| super::ops::numpy_compare(op, x, y))?;
        return truthy(&r);
    }
    match op {
        CompareOp::Eq => Ok(super::ops::python_eq(x, y)),
        CompareOp::Ne => Ok(!super::ops::python_eq(x, y)),
        _ => super::ops::python_order(op, x, y),
    }
}

/// `target op= value` on an object array: computed, then written back
/// through the engine's logged write path.
pub fn inplace(op: BinaryOp, target: &ArrayRef, value: &Value) -> PyResult<()> {
    target.check_writeable()?;
    let shape = target.shape();
    if let Value::Array(v) = value {
        crate::engine::broadcast::check_operands(&[&shape, &v.shape()], Some(&shape))?;
    }
    let r = binary(op, &Value::Array(target.clone()), value)?;
    let r = match r {
        Value::Array(r) => r,
        v => from_values(&[], std::slice::from_ref(&v))?,
    };
    crate::engine::broadcast::check_operands(&[&shape, &r.shape()], Some(&shape))?;
    crate::engine::array::copy_elements(&r, target)?;
    Ok(())
}

// ---- reductions ---------------------------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum Red {
    Sum,
    Prod,
    Max,
    Min,
    Any,
    All,
}

/// `sum`/`max`/`min` of every element, in C order (NumPy's object
/// loops: `+` from the first element; `max` keeps the accumulator when
/// `acc >= x`, `min` when `acc <= x`, as `npy_ObjectMax`/`Min`).
fn reduce_all(a: &NdArray, red: Red) -> PyResult<Value> {
    if a.ndim() > 1 && !a.is_c_contiguous() {
        return Err(not_supported(
            "a reduction over a non-contiguous multi-dimensional array",
        ));
    }
    let vals = values(a);
    if matches!(red, Red::Any | Red::All) {
        // NumPy 2's `any`/`all` of objects: each element's truth, a bool.
        let want = red == Red::Any;
        for x in &vals {
            if crate::eval::protocol::truthy(x)? == want {
                return Ok(Value::NpScalar(DType::Bool, Scalar::Bool(want)));
            }
        }
        return Ok(Value::NpScalar(DType::Bool, Scalar::Bool(!want)));
    }
    let mut it = vals.into_iter();
    let Some(mut acc) = it.next() else {
        return match red {
            Red::Sum => Ok(Value::Int(0)),
            Red::Prod => Ok(Value::Int(1)),
            Red::Any | Red::All => unreachable!("answered above"),
            Red::Max => Err(PyError::value(
                "zero-size array to reduction operation maximum which has no identity",
            )),
            Red::Min => Err(PyError::value(
                "zero-size array to reduction operation minimum which has no identity",
            )),
        };
    };
    for (k, x) in it.enumerate() {
        if k % 4096 == 0 {
            crate::engine::interrupt::check()?;
        }
        acc = match red {
            Red::Sum => binary_elements(ast::BinOp::Add, &acc, &x)?,
            Red::Prod => binary_elements(ast::BinOp::Mul, &acc, &x)?,
            Red::Any | Red::All => unreachable!("answered above"),
            Red::Max => {
                if compare_elements(CompareOp::Ge, &acc, &x)? {
                    acc
                } else {
                    x
                }
            }
            Red::Min => {
                if compare_elements(CompareOp::Le, &acc, &x)? {
                    acc
                } else {
                    x
                }
            }
        };
    }
    Ok(acc)
}

fn reduction_kind(name: &str) -> Option<Red> {
    Some(match name {
        "sum" => Red::Sum,
        "prod" => Red::Prod,
        "any" => Red::Any,
        "all" => Red::All,
        "max" | "amax" => Red::Max,
        "min" | "amin" => Red::Min,
        _ => return None,
    })
}

/// A reduction called with only the array (`axis=None`, nothing else).
fn reduce_call(a: &NdArray, red: Red, rest: &Args, name: &str) -> PyResult<Value> {
    let extra = rest
        .pos
        .iter()
        .chain(rest.kw.iter().map(|(_, v)| v))
        .any(|v| !matches!(v, Value::None));
    if extra {
        return Err(not_supported(&format!("{name} with arguments")));
    }
    reduce_all(a, red)
}

// ---- routing ------------------------------------------------------------

/// True when any argument of a call is an object array (or a list/tuple
/// of arguments holding one, as `np.concatenate` takes), or names the
/// object dtype.
pub fn involved(args: &Args) -> bool {
    // Only real object ndarrays (shallow): a list of callables, types or
    // `None`s is an ordinary argument of many routines.
    let ndarray = |v: &Value| matches!(v, Value::Array(a) if *a.dtype() == DType::Object);
    let hit = |v: &Value| {
        ndarray(v)
            || match v {
                Value::List(l) => l.borrow().iter().any(ndarray),
                Value::Tuple(t) => t.iter().any(ndarray),
                _ => false,
            }
    };
    args.pos.iter().any(hit)
        || args.kw.iter().any(|(k, v)| {
            hit(v) || ((k == "dtype" || k == "out") && (wants_object(v) || ndarray(v)))
        })
}

/// NumPy routines that only move object elements as bytes (views and
/// same-dtype copies), which are correct for references.
const BYTE_MOVERS: &[&str] = &[
    "shape",
    "ndim",
    "size",
    "reshape",
    "transpose",
    "ravel",
    "copy",
    "squeeze",
    "swapaxes",
    "moveaxis",
    "shares_memory",
    "may_share_memory",
    "atleast_1d",
    "atleast_2d",
    "atleast_3d",
    "expand_dims",
    "flip",
    "fliplr",
    "flipud",
    "repeat",
    "tile",
];

/// True for the NumPy routines `call_np` may run on object arrays.
pub fn passes(name: &str) -> bool {
    matches!(
        name,
        "concatenate"
            | "array"
            | "asarray"
            | "asanyarray"
            | "dot"
            | "inner"
            | "tensordot"
            | "outer"
            | "arange"
    ) || BYTE_MOVERS.contains(&name)
}

/// The refusal for any other routine given an object array.
pub fn refuse_np(name: &str) -> PyError {
    not_supported(&format!("np.{name}"))
}

/// A registered `np.` call with an object array or `dtype=object` in it.
pub fn np_function(
    s: &mut crate::eval::session::Session,
    entry: &Entry,
    args: Args,
) -> PyResult<Value> {
    let name = entry.name();
    let prepared = crate::eval::binding::prepare(entry, &args)?;
    // A ufunc with no loop for objects (or whose loop calls a method no
    // Python value has) refuses them as NumPy does.
    crate::eval::object_loops::check(name, &prepared.pos)?;
    let dtype_obj = prepared.kw("dtype").is_some_and(wants_object);
    match name {
        // `OBJECT_fill` adds Python objects: `arange.rs` does the same.
        "arange" if dtype_obj => s.call_function("np.arange", prepared),
        // Printed through the session: an element may be a learner's
        // instance, whose `__repr__` is Python.
        "array2string" => s.array2string(&prepared),
        "array_repr" | "array_str" => s.array_repr_str(&prepared, name == "array_repr"),
        // `imag(x) == 0`: an object array's `.imag` is all zeros.
        "isreal" => {
            let a = crate::eval::convert::as_array(prepared.req(0, "x", name)?)?;
            let ones = vec![Scalar::Bool(true); a.size()];
            Ok(crate::eval::coerce::scalarize(NdArray::from_scalars(
                &a.shape(),
                DType::Bool,
                &ones,
            )?))
        }
        "array" | "asarray" | "asanyarray" => {
            let v = prepared.req(0, if name == "array" { "object" } else { "a" }, name)?;
            let others = prepared.kw.iter().any(|(k, v)| {
                !matches!(k.as_str(), "dtype" | "object" | "a") && !matches!(v, Value::None)
            });
            if others {
                return Err(not_supported(&format!(
                    "np.{name} with arguments other than dtype"
                )));
            }
            // `asarray` hands an object array back unless a dtype casts it.
            if name != "array"
                && let Value::Array(a) = v
                && *a.dtype() == DType::Object
                && (dtype_obj || prepared.kw("dtype").is_none())
            {
                return Ok(Value::Array(a.clone()));
            }
            let object_in = matches!(v, Value::Array(a) if *a.dtype() == DType::Object);
            if dtype_obj || (object_in && prepared.kw("dtype").is_none()) {
                return Ok(Value::Array(from_nested(v, 64)?));
            }
            if prepared.kw("dtype").is_none() {
                // A list holding objects: NumPy's own discovery (ragged
                // lists are its ValueError), which infers object.
                return s.call_function(&format!("np.{name}"), prepared);
            }
            // To another dtype: the objects NumPy would gather, then each
            // converted (a ragged list is not modelled).
            let dtype = super::dtype_arg::dtype_arg(prepared.kw("dtype").unwrap_or(&Value::None))?;
            let objects = from_nested(v, 64)?;
            if values(&objects)
                .iter()
                .any(|x| matches!(x, Value::List(_) | Value::Tuple(_)))
            {
                return Err(not_supported(&format!("np.{name} to another dtype")));
            }
            Ok(Value::Array(cast_values(&objects, &dtype)?))
        }
        "empty" | "zeros" | "ones" | "full" if dtype_obj => {
            let extra = prepared
                .kw
                .iter()
                .any(|(k, _)| !matches!(k.as_str(), "dtype" | "shape" | "fill_value"));
            if extra {
                return Err(not_supported(&format!("np.{name} with order= or like=")));
            }
            let shape = crate::eval::coerce::creation_shape(prepared.req(0, "shape", name)?)?;
            let n: usize = shape.iter().product();
            let fill = match name {
                "empty" => Value::None,
                "zeros" => Value::Int(0),
                "ones" => Value::Int(1),
                _ => prepared.req(1, "fill_value", name)?.clone(),
            };
            crate::engine::buffer::python_room(n, 8).map_err(PyError::from)?;
            if matches!(fill, Value::List(_) | Value::Tuple(_) | Value::Array(_)) {
                // `np.full` copies an array-like fill value in, broadcast.
                let out = NdArray::zeros(&shape, DType::Object)?;
                let src = from_nested(&fill, shape.len())?;
                crate::engine::index::set(
                    &out,
                    &[crate::engine::index::IndexItem::Ellipsis],
                    &src,
                )?;
                return Ok(Value::Array(out));
            }
            let ids = vec![Scalar::Object(store(&fill)); n];
            Ok(Value::Array(NdArray::from_scalars(
                &shape,
                DType::Object,
                &ids,
            )?))
        }
        "sum" | "prod" | "any" | "all" | "max" | "min" | "amax" | "amin" => {
            let red = reduction_kind(name).unwrap_or(Red::Sum);
            let Some(Value::Array(a)) = prepared.pos.first() else {
                return Err(not_supported(&format!("np.{name}")));
            };
            let rest = Args {
                pos: prepared.pos[1..].to_vec(),
                kw: prepared
                    .kw
                    .iter()
                    .filter(|(k, _)| k != "a")
                    .cloned()
                    .collect(),
            };
            reduce_call(a, red, &rest, name)
        }
        "concatenate" => {
            let all_object = match prepared.pos.first() {
                Some(Value::List(l)) => l.borrow().iter().all(is_object_array),
                Some(Value::Tuple(t)) => t.iter().all(is_object_array),
                _ => false,
            };
            if !all_object
                || prepared
                    .kw
                    .iter()
                    .any(|(k, _)| k != "axis" && k != "arrays")
            {
                return Err(not_supported("np.concatenate mixing dtypes"));
            }
            s.call_function(&format!("np.{name}"), prepared)
        }
        "logical_and" | "logical_or" | "logical_not" if plain_ufunc_call(&prepared) => {
            logical(name, &prepared)
        }
        "dot" | "inner" | "tensordot" | "outer" if !dtype_obj => {
            // `OBJECT_dot` / the `OO->O` multiply: `dot_nd.rs`.
            s.call_function(&format!("np.{name}"), prepared)
        }
        _ if BYTE_MOVERS.contains(&name) && !dtype_obj => {
            s.call_function(&format!("np.{name}"), prepared)
        }
        // The comparison ufuncs' `OO->?` loop: each pair's truth.
        n if let Some(op) = CompareOp::of_ufunc(n)
            && plain_ufunc_call(&prepared)
            && prepared.pos.len() == 2 =>
        {
            compare(op, &prepared.pos[0], &prepared.pos[1])
        }
        _ if let Some(lp) = super::object_ufunc::loop_of(name) => {
            super::object_ufunc::call(s, name, lp, &prepared)
        }
        _ => Err(not_supported(&format!("np.{name}"))),
    }
}

/// A ufunc call given only its operands (no `out=`, `where=`, `dtype=`...).
fn plain_ufunc_call(args: &Args) -> bool {
    args.kw
        .iter()
        .all(|(k, _)| matches!(k.as_str(), "x" | "x1" | "x2"))
}

/// NumPy's object loops for the logical ufuncs (`npy_ObjectLogicalAnd`,
/// `Or`, `Not`): Python's `x and y` / `x or y` pick one of the two
/// elements by the truth of the first; `not x` is a Python bool.
fn logical(name: &str, args: &Args) -> PyResult<Value> {
    if name == "logical_not" {
        let x = args.req(0, "x", name)?;
        let (shape, items) = broadcast_pair(x, &Value::None)?;
        let mut out = Vec::with_capacity(items.len());
        for (k, (x, _)) in items.iter().enumerate() {
            if k % 4096 == 0 {
                crate::engine::interrupt::check()?;
            }
            out.push(Value::Bool(!truthy(x)?));
        }
        return zero_d_result(&shape, out);
    }
    let (a, b) = (args.req(0, "x1", name)?, args.req(1, "x2", name)?);
    let (shape, pairs) = broadcast_pair(a, b)?;
    let mut out = Vec::with_capacity(pairs.len());
    for (k, (x, y)) in pairs.into_iter().enumerate() {
        if k % 4096 == 0 {
            crate::engine::interrupt::check()?;
        }
        let keep_first = truthy(&x)? == (name == "logical_or");
        out.push(if keep_first { x } else { y });
    }
    zero_d_result(&shape, out)
}

/// Array methods that only move bytes or read elements through
/// `scalar_to_py` (correct for references).
const BYTE_METHODS: &[&str] = &[
    "tolist",
    "copy",
    "reshape",
    "ravel",
    "flatten",
    "transpose",
    "swapaxes",
    "squeeze",
    "item",
    "fill",
    "__len__",
    "__getitem__",
    "__setitem__",
    "__array__",
    "repeat",
];

/// A method called on an object array: `None` lets the ordinary method
/// run (it only moves references), else the result or a refusal.
pub fn method(a: &ArrayRef, name: &str, args: &Args) -> Option<PyResult<Value>> {
    if BYTE_METHODS.contains(&name) {
        return None;
    }
    Some(match name {
        "view" if args.pos.is_empty() && args.kw.is_empty() => return None,
        "astype" => astype(a, args),
        "sum" | "prod" | "any" | "all" | "max" | "min" => {
            let red = reduction_kind(name).unwrap_or(Red::Sum);
            reduce_call(a, red, args, name)
        }
        _ => Err(not_supported(&format!("ndarray.{name}"))),
    })
}

/// `astype` from an object array: to object (a copy of the references),
/// or to a number/str dtype through each element's conversion.
fn astype(a: &ArrayRef, args: &Args) -> PyResult<Value> {
    let Some(d) = args.get(0, "dtype") else {
        return Err(PyError::type_error(
            "astype() missing required argument 'dtype' (pos 1)",
        ));
    };
    if args.pos.len() > 1 || args.kw.iter().any(|(k, _)| k != "dtype") {
        return Err(not_supported("astype with order=, casting= or copy="));
    }
    if wants_object(d) {
        return Ok(Value::Array(a.copy(crate::engine::Order::C)?));
    }
    let dt = super::dtype_arg::dtype_arg(d)?;
    Ok(Value::Array(cast_values(a, &dt)?))
}

/// An object array's elements converted to `dtype` one by one, as
/// NumPy's cast from object does: numbers through `int()`/`float()`/
/// `complex()` (a string parses, `None` is NaN as a float, an int must
/// fit), `bool` through Python's truth (`[]` is False; an array of
/// other than one element is refused), text through `str()` (bytes read
/// as ASCII; an unsized `U`/`S` as wide as the longest text, a NumPy
/// scalar counting its type's full width), a list refused as a sequence
/// in each type's words.
pub fn cast_values(a: &NdArray, dtype: &DType) -> PyResult<ArrayRef> {
    use crate::engine::dtype::Kind;
    if matches!(dtype, DType::Record(_)) || crate::engine::void_cast::is_plain_void(dtype) {
        return Err(not_supported(&format!("casting to {}", dtype.name())));
    }
    let vals = values(a);
    let options = crate::render::PrintOptions::default();
    let text = |v: &Value| match v {
        Value::Bytes(b) => crate::engine::element::latin1_text(b),
        other => super::display::str_of(other, &options),
    };
    let width = |v: &Value| match v {
        Value::NpScalar(dt, _) if !matches!(dt.kind(), Kind::Str | Kind::Bytes) => {
            super::cast_rules::str_width(dt)
        }
        other => text(other).chars().count(),
    };
    let dtype = match dtype.unsized_text_native() {
        DType::Str(0) => DType::Str(vals.iter().map(width).max().unwrap_or(1).max(1)),
        DType::Bytes(0) => DType::Bytes(vals.iter().map(width).max().unwrap_or(1).max(1)),
        other => other,
    };
    let kind = dtype.kind();
    let mut out = Vec::with_capacity(vals.len());
    for v in &vals {
        // Truth is Python's (`BOOL_setitem`: `[]` and `''` are False), but
        // an array of other than one element is refused as a sequence.
        if kind == Kind::Bool {
            if matches!(v, Value::Array(x) if x.size() != 1) {
                return Err(PyError::value("setting an array element with a sequence."));
            }
            out.push(Scalar::Bool(truthy(v)?));
            continue;
        }
        // A sequence is refused as each type's setitem refuses it: an int
        // by `int()` (below), a float by `PyArray_Pack`, a complex by
        // `PyComplex_AsCComplex`, text without the period.
        if matches!(v, Value::List(_) | Value::Tuple(_)) {
            match kind {
                Kind::Int | Kind::UInt => {}
                Kind::Float => {
                    return Err(PyError::value("setting an array element with a sequence."));
                }
                Kind::Complex => {
                    return Err(PyError::type_error(format!(
                        "must be real number, not {}",
                        v.type_name()
                    )));
                }
                _ => return Err(PyError::value("setting an array element with a sequence")),
            }
        }
        out.push(match kind {
            Kind::Str => Scalar::Str(text(v)),
            Kind::Bytes => {
                let t = text(v);
                if let Some(message) = crate::engine::array::ascii_encode_error(&t) {
                    return Err(PyError::new("UnicodeEncodeError", message));
                }
                Scalar::Bytes(t.into_bytes())
            }
            _ => super::convert::to_scalar_for(v, &dtype)?,
        });
    }
    Ok(NdArray::from_scalars(&a.shape(), dtype, &out)?)
}

/// Writing `value` into `a[idx]`: one element takes the value itself; a
/// region takes `value` as an object array broadcast over it.
pub fn setitem(
    a: &ArrayRef,
    items: &[crate::engine::index::IndexItem],
    value: &Value,
) -> PyResult<()> {
    use crate::engine::index::{self, Indexed};
    a.check_writeable()?;
    let single = items.len() == a.ndim() && items.iter().all(|i| i.integer().is_some());
    let src = if single {
        from_values(&[], std::slice::from_ref(value))?
    } else {
        let dims = match index::get(a, items)? {
            Indexed::Array(v) => v.ndim(),
            Indexed::Scalar(_) => 0,
        };
        match value {
            Value::Array(v) if *v.dtype() == DType::Object => v.clone(),
            Value::Array(v) => to_object(v)?,
            Value::List(_) | Value::Tuple(_) => from_nested(value, dims)?,
            other => from_values(&[], std::slice::from_ref(other))?,
        }
    };
    index::set(a, items, &src)?;
    Ok(())
}

// ---- np.char.split / rsplit / splitlines / join -------------------------

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_byte_paths_error_instead_of_reading_ids() {
        let a = from_values(&[2], &[Value::Int(1), Value::str("x")]).unwrap();
        let ints = NdArray::zeros(&[2], DType::Int64).unwrap();
        // A cast either way is refused, never a copy of raw ids.
        assert!(crate::engine::array::copy_elements(&a, &ints).is_err());
        assert!(crate::engine::array::copy_elements(&ints, &a).is_err());
        assert!(crate::engine::kernels::cast(&a, &DType::Float64).is_err());
        // Same-dtype copies copy references.
        let b = a.copy(crate::engine::Order::C).unwrap();
        assert!(matches!(values(&b)[1], Value::Str(ref s) if s.as_ref() == "x"));
    }

    /// Every routine that would read an object element's id as a number
    /// (or write a number as an id) is refused, never run.
    #[test]
    fn numeric_paths_refuse_object_arrays() {
        let mut s = super::super::Session::new();
        s.run("a = np.array([3, 1, 'x', None], dtype=object)");
        s.run("b = np.array([3, 1, 2], dtype=object)");
        for line in [
            "np.sort(b)",
            "b.sort()",
            "np.argsort(b)",
            "b.tobytes()",
            "b.view(np.int64)",
            "np.arange(3).view(object)",
            "np.mean(b)",
            "b.mean()",
            "np.cumsum(b)",
            "np.sum(b, axis=0)",
            "np.sqrt(b)",
            "np.where(b == 1, b, 0)",
            "np.unique(b)",
            "np.save('/nonexistent/x.npy', b)",
            "np.frombuffer(b'12345678', dtype=object)",
            "np.zeros_like(b)",
            "b.real",
            "b.flat",
            "b.dtype = np.int64",
            "np.concatenate([b, np.arange(2)])",
            "b @ b",
            "np.object_(3)",
        ] {
            let out = s.run(line);
            let e = out
                .error
                .unwrap_or_else(|| panic!("{line} ran: {}", out.output));
            assert!(
                matches!(e.kind.as_str(), "NotImplementedError" | "TypeError"),
                "{line}: {} {}",
                e.kind,
                e.message
            );
        }
        // The arrays are intact afterwards.
        assert_eq!(s.run("b").output, "array([3, 1, 2], dtype=object)\n");
    }
}
