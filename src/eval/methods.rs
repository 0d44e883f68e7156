//! ndarray methods, NumPy scalar attributes, and the few methods of Python
//! lists and dicts a learner uses. (An array's data attributes are
//! `array_attrs.rs`'s, a dtype's `dtype_attrs.rs`'s.)

use super::convert::scalar_to_py;
use std::rc::Rc;

use crate::engine::dtype::DType;
use crate::engine::index::IndexItem;
use crate::engine::reduce::Reduction;
use crate::engine::{ArrayRef, NdArray, Order, Scalar};

use super::error::{PyError, PyResult};
use super::reduce_args::reduction;
use super::value::{TypeObj, Value};
use crate::eval::args::Args;
use crate::eval::coerce::scalarize;
use crate::eval::dtype_arg::dtype_arg;
use crate::eval::protocol::{iterate, truthy};
use crate::eval::reshaping::{reshape, transpose};
use crate::eval::session::Session;

pub(super) fn tolist(a: &ArrayRef) -> Value {
    let shape = a.shape();
    // Every element and every inner list is a Python object: Python's
    // bare MemoryError when they cannot exist (`np.zeros((2**40, 0))`
    // has no elements but 2**40 lists).
    let lists = (1..shape.len()).fold(0usize, |total, k| {
        total.saturating_add(shape[..k].iter().fold(1usize, |p, &d| p.saturating_mul(d)))
    });
    let objects = lists.saturating_add(a.size());
    if let Err(e) = crate::engine::buffer::python_room(objects, 2 * std::mem::size_of::<Value>()) {
        std::panic::resume_unwind(Box::new(crate::engine::buffer::Unwound(e)));
    }
    let vals = a.to_scalars();
    if shape.is_empty() {
        return scalar_to_py(a.dtype(), &vals[0]);
    }
    fn build(dt: &DType, vals: &[Scalar], shape: &[usize]) -> Value {
        if shape.len() == 1 {
            return Value::list(vals.iter().map(|s| scalar_to_py(dt, s)).collect());
        }
        let step: usize = shape[1..].iter().product();
        Value::list(
            (0..shape[0])
                .map(|i| build(dt, &vals[i * step..(i + 1) * step], &shape[1..]))
                .collect(),
        )
    }
    build(a.dtype(), &vals, &shape)
}

/// Call a bound method. A method Python's type has and slicelab lacks is
/// a `NotImplementedError`, not a claim that Python lacks it.
pub fn call_method(s: &mut Session, obj: &Value, name: &str, args: Args) -> PyResult<Value> {
    let python_type = match obj {
        Value::List(_)
        | Value::Dict(_)
        | Value::Tuple(_)
        | Value::Str(_)
        | Value::Bytes(_)
        | Value::Float(_)
        | Value::Int(_) => Some(obj.type_name()),
        _ => None,
    };
    match call_method_of(s, obj, name, args) {
        Err(e)
            if python_type.as_deref().is_some_and(|t| {
                super::py_attr_names::has(t, name)
                    && e.message == format!("'{t}' object has no attribute '{name}'")
            }) =>
        {
            Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab does not implement {}.{name}() yet",
                    python_type.unwrap_or_default()
                ),
            ))
        }
        other => other,
    }
}

/// Methods of datetime arrays and scalars (and `astype` to a datetime
/// type): `astype` casts through `datetime::cast`; the structural ones
/// go on as for any dtype; every other one is refused, since the typed
/// kernels know nothing of units or NaT.
fn time_method(obj: &Value, name: &str, args: &Args) -> Option<PyResult<Value>> {
    let arr = match obj {
        Value::Array(a) => a.clone(),
        Value::NpScalar(dt, sc) if crate::eval::datetime_convert::is_time_dtype(dt) => {
            match NdArray::from_scalars(&[], dt.clone(), std::slice::from_ref(sc)) {
                Ok(a) => a,
                Err(e) => return Some(Err(e.into())),
            }
        }
        _ => return None,
    };
    let time = crate::eval::datetime_convert::is_time_dtype(arr.dtype());
    if name == "astype" {
        let to = match args.get(0, "dtype") {
            Some(v) if crate::eval::dtype_arg::wants_object(v) => DType::Object,
            Some(v) => match dtype_arg(v) {
                // `np.void` takes the item size; text sizes are the cast's.
                Ok(d) if crate::engine::void_cast::is_plain_void(&d) => {
                    crate::eval::convert::sized_for(&d, arr.dtype())
                }
                Ok(d) => d,
                Err(e) => return Some(Err(e)),
            },
            None => return None,
        };
        if !time && !crate::eval::datetime_convert::is_time_dtype(&to) {
            return None;
        }
        let is = |i: usize, n: &str, ok: &dyn Fn(&Value) -> bool| args.get(i, n).is_none_or(ok);
        let defaults = is(
            1,
            "order",
            &|v| matches!(v, Value::Str(s) if s.as_ref() == "K"),
        ) && is(
            2,
            "casting",
            &|v| matches!(v, Value::Str(s) if crate::eval::cast_rules::cast_allowed(arr.dtype(), &to, s).is_some()),
        ) && is(3, "subok", &|v| matches!(v, Value::Bool(true)))
            && is(4, "copy", &|v| matches!(v, Value::Bool(true)));
        if !defaults {
            return Some(Err(PyError::new(
                "NotImplementedError",
                "slicelab does not implement astype options for datetime64/timedelta64 yet",
            )));
        }
        if let Some(Value::Str(rule)) = args.get(2, "casting")
            && crate::eval::cast_rules::cast_allowed(arr.dtype(), &to, rule) == Some(false)
        {
            return Some(Err(crate::eval::cast_rules::cast_refused(
                arr.dtype(),
                &to,
                rule,
            )));
        }
        let scalar = matches!(obj, Value::NpScalar(..));
        return Some(crate::eval::datetime_convert::cast(&arr, &to).map(|out| {
            if scalar {
                scalarize(out)
            } else {
                Value::Array(out)
            }
        }));
    }
    if time && matches!(name, "item" | "tolist") {
        return Some(super::pydatetime::item_or_list(&arr, name, args));
    }
    if time && matches!(obj, Value::Array(_)) && super::datetime_routines::answers(name) {
        return Some(super::datetime_routines::call(name, &arr, args, true));
    }
    if !time || super::datetime::method_allowed(name) {
        return None;
    }
    Some(Err(PyError::new(
        "NotImplementedError",
        format!("slicelab does not implement .{name}() for datetime64/timedelta64 values yet"),
    )))
}

fn call_method_of(s: &mut Session, obj: &Value, name: &str, args: Args) -> PyResult<Value> {
    if let Some(r) = super::decorators::property_method(obj, name, &args) {
        return r;
    }
    if let Some(d) = super::object::proxied(obj) {
        // `dtype.fields.keys()`: the read methods answer from the dict.
        if !matches!(name, "keys" | "items" | "values" | "get" | "copy") {
            return Err(PyError::attribute("mappingproxy", name));
        }
        return call_method_of(s, d, name, args);
    }
    if let Some(it) = super::nditer::of(obj) {
        return super::nditer::method(it, obj, name, &args);
    }
    if name == "field" && super::recarray::as_recarray(obj).is_some() {
        return super::recarray::field(s, obj, &args);
    }
    if let Some(b) = super::np_broadcast::of(obj) {
        return super::np_broadcast::method(b, name, &args);
    }
    if let Some(n) = crate::eval::npy::npz::npz_of(obj) {
        return match name {
            "keys" | "values" | "items" => {
                let kind = match name {
                    "keys" => "keys",
                    "values" => "values",
                    _ => "items",
                };
                Ok(super::object::object(super::object::Obj::NpzView(
                    obj.clone(),
                    kind,
                )))
            }
            "get" => {
                let key = args.req(0, "key", "get")?;
                if n.contains(key) {
                    n.get(key)
                } else {
                    Ok(args.get(1, "default").cloned().unwrap_or(Value::None))
                }
            }
            "close" | "__exit__" => {
                n.close();
                Ok(Value::None)
            }
            "__enter__" => Ok(obj.clone()),
            _ => Err(PyError::attribute("NpzFile", name)),
        };
    }
    let args = match super::pymethods::call(s, obj, name, args)? {
        Ok(v) => return Ok(v),
        Err(args) => args,
    };
    if let Some(r) = time_method(obj, name, &args) {
        return r;
    }
    match obj {
        Value::Array(a) => call_array_method(s, a, name, args),
        Value::NpScalar(dt, sc) => match name {
            "item" | "tolist" => Ok(scalar_to_py(dt, sc)),
            // An object scalar is the Python object itself.
            "astype"
                if args
                    .get(0, "dtype")
                    .is_some_and(super::dtype_arg::wants_object) =>
            {
                Ok(scalar_to_py(dt, sc))
            }
            "copy" => Ok(obj.clone()),
            m if super::scalar_methods::has(dt, m) => super::scalar_methods::call(dt, sc, m, &args),
            m if super::scalar_generic::has_method(dt, m) => {
                super::scalar_generic::call(s, dt, sc, m, args)
            }
            "astype" => {
                let to = dtype_arg(args.req(0, "dtype", name)?)?;
                let arr = NdArray::from_scalars(&[], dt.clone(), std::slice::from_ref(sc))?;
                super::fp_errors::before_cast(&arr, &to)?;
                Ok(scalarize(crate::engine::kernels::cast(&arr, &to)?))
            }
            _ => Err(PyError::attribute(&obj.type_name(), name)),
        },
        Value::DType(dt) if name == "newbyteorder" => {
            if !args.kw.is_empty() {
                return Err(PyError::type_error(
                    "dtype.newbyteorder() takes no keyword arguments",
                ));
            }
            if args.pos.len() > 1 {
                return Err(PyError::type_error(format!(
                    "newbyteorder() takes at most 1 argument ({} given)",
                    args.pos.len()
                )));
            }
            Ok(Value::DType(super::dtype_attrs::newbyteorder(
                dt,
                args.pos.first(),
            )?))
        }
        Value::FlatIter(a, _) => Ok(Value::Array(super::flatiter::to_array(a)?)),
        Value::Random(r) => super::random::call_method(s, r, name, args),
        Value::Void(a) => match name {
            "item" | "tolist" => Ok(scalar_to_py(a.dtype(), &a.first())),
            "tobytes" => super::dtype_info::tobytes(a, &args),
            _ => Err(PyError::attribute("numpy.void", name)),
        },
        Value::List(l) => {
            match name {
                "append" => l.borrow_mut().push(args.req(0, "object", name)?.clone()),
                "extend" => {
                    let arg = args.req(0, "iterable", name)?;
                    // Room first: `l.extend(l)` copies `l`.
                    super::seq_alloc::extend_room(l.borrow().len(), arg)?;
                    let more = s.iterate_all(arg)?;
                    super::seq_alloc::extend(&mut l.borrow_mut(), more)?;
                }
                "pop" => {
                    let mut l = l.borrow_mut();
                    return l.pop().ok_or_else(|| PyError::index("pop from empty list"));
                }
                "copy" => return Ok(Value::list(l.borrow().clone())),
                "index" => {
                    let x = args.req(0, "value", name)?;
                    let pos = l.borrow().iter().position(|v| super::ops::lookup_eq(v, x));
                    return match pos {
                        Some(p) => Ok(Value::Int(p as i128)),
                        None => Err(PyError::value(format!("{} is not in list", s.py_repr(x)?))),
                    };
                }
                "reverse" => l.borrow_mut().reverse(),
                _ => return Err(PyError::attribute("list", name)),
            }
            Ok(Value::None)
        }
        Value::Dict(d) => match name {
            "keys" | "values" | "items" => {
                if !args.pos.is_empty() || !args.kw.is_empty() {
                    let n = args.pos.len() + args.kw.len();
                    return Err(PyError::type_error(if args.kw.is_empty() {
                        format!("dict.{name}() takes no arguments ({n} given)")
                    } else {
                        format!("dict.{name}() takes no keyword arguments")
                    }));
                }
                let kind = super::object::ViewKind::from_method(name).expect("a view method");
                Ok(super::object::DictView::make(d, kind))
            }
            "get" => {
                let k = args.req(0, "key", name)?;
                Ok(d.borrow()
                    .iter()
                    .find(|(x, _)| super::ops::lookup_eq(x, k))
                    .map(|(_, v)| v.clone())
                    .unwrap_or_else(|| args.pos.get(1).cloned().unwrap_or(Value::None)))
            }
            _ => Err(PyError::attribute("dict", name)),
        },
        Value::Str(t) => match name {
            "format" => Ok(Value::str(&s.str_format(t, &args)?)),
            "upper" => Ok(Value::str(&t.to_uppercase())),
            "lower" => Ok(Value::str(&t.to_lowercase())),
            "strip" => Ok(Value::str(t.trim())),
            "join" => {
                let items = s.iterate_all(args.req(0, "iterable", name)?)?;
                let parts: Vec<String> = items
                    .iter()
                    .map(|v| super::display::str_of(v, &s.print_options))
                    .collect();
                Ok(Value::str(&parts.join(t)))
            }
            _ => Err(PyError::attribute("str", name)),
        },
        Value::Slice(parts) if name == "indices" => {
            let n = match args.req(0, "len", name)? {
                Value::Int(i) if *i >= 0 => *i as usize,
                _ => return Err(PyError::value("length should not be negative")),
            };
            let part = |v: &Value| -> PyResult<Option<i64>> {
                match v {
                    Value::None => Ok(None),
                    Value::Int(i) => Ok(Some(*i as i64)),
                    _ => Err(PyError::type_error(
                        "slice indices must be integers or None or have an __index__ method",
                    )),
                }
            };
            let (start, _, step) = crate::engine::index::adjust_slice(
                part(&parts[0])?,
                part(&parts[1])?,
                part(&parts[2])?,
                n,
            )?;
            Ok(Value::tuple(vec![
                Value::Int(start as i128),
                Value::Int(stop_of(&parts[1], step, n) as i128),
                Value::Int(step as i128),
            ]))
        }
        Value::Complex(re, im) if name == "conjugate" => Ok(Value::Complex(*re, -im)),
        Value::Float(f) => match name {
            "is_integer" => Ok(Value::Bool(f.fract() == 0.0)),
            "conjugate" => Ok(Value::Float(*f)),
            "as_integer_ratio" => super::scalar_methods::as_integer_ratio(*f),
            _ => Err(PyError::attribute("float", name)),
        },
        Value::BigInt(b) => match name {
            "bit_length" => Ok(Value::Int(b.bits() as i128)),
            "bit_count" => Ok(Value::Int(
                b.magnitude()
                    .iter_u64_digits()
                    .map(|d| d.count_ones() as i128)
                    .sum(),
            )),
            "is_integer" => Ok(Value::Bool(true)),
            "as_integer_ratio" => Ok(Value::tuple(vec![obj.clone(), Value::Int(1)])),
            "conjugate" => Ok(obj.clone()),
            _ => Err(PyError::attribute("int", name)),
        },
        Value::Int(i) => match name {
            "bit_length" => Ok(Value::Int(
                (u128::BITS - i.unsigned_abs().leading_zeros()) as i128,
            )),
            "bit_count" => Ok(Value::Int(i.unsigned_abs().count_ones() as i128)),
            "is_integer" => Ok(Value::Bool(true)),
            "as_integer_ratio" => Ok(Value::tuple(vec![Value::Int(*i), Value::Int(1)])),
            "conjugate" => Ok(Value::Int(*i)),
            _ => Err(PyError::attribute("int", name)),
        },
        other => Err(PyError::attribute(&other.type_name(), name)),
    }
}

fn shape_from_args(args: &Args) -> Value {
    if args.pos.len() == 1 {
        args.pos[0].clone()
    } else if args.pos.is_empty() {
        args.kw("shape").cloned().unwrap_or(Value::tuple(vec![]))
    } else {
        Value::tuple(args.pos.clone())
    }
}

/// `a.NAME(...)` as NumPy implements it, by calling `np.NAME` on the
/// array: the method's arguments, bound already, go by keyword, so the
/// function's own registry entry decides what it implements. The array
/// goes first, or by keyword as `array_param` (`np.compress(condition, a)`).
fn forward(
    s: &mut Session,
    np_name: &str,
    array_param: Option<&str>,
    a: &ArrayRef,
    args: Args,
) -> PyResult<Value> {
    let me = Value::Array(a.clone());
    let mut kw = args.kw;
    let mut pos = Vec::new();
    match array_param {
        Some(p) => kw.push((p.to_string(), me)),
        None => pos.push(me),
    }
    // `a.choose(*choices)`, the one variadic method forwarded: one
    // sequence of choices, or several arrays making it.
    if np_name == "np.choose" {
        pos.push(match args.pos.len() {
            0 => {
                return Err(PyError::type_error(
                    "choose() takes exactly 1 argument (0 given)",
                ));
            }
            1 => args.pos[0].clone(),
            _ => Value::tuple(args.pos),
        });
    }
    s.call_registered(np_name, Args { pos, kw })
}

/// Call `a.NAME(...)`.
pub fn call_array_method(s: &mut Session, a: &ArrayRef, name: &str, args: Args) -> PyResult<Value> {
    if matches!(a.dtype(), DType::Record(_)) {
        // A record array's reductions fail as NumPy's ufuncs do.
        let mut pos = vec![Value::Array(a.clone())];
        pos.extend(args.pos.iter().cloned());
        let with_self = Args {
            pos,
            kw: args.kw.clone(),
        };
        super::void_ufuncs::check_call(name, &with_self)?;
    }
    let ddof = match args.kw("ddof") {
        Some(Value::Int(i)) => *i as f64,
        Some(Value::Float(f)) => *f,
        _ => 0.0,
    };
    Ok(match name {
        "reshape" => {
            if args.pos.is_empty() {
                return Err(PyError::type_error(
                    "reshape() takes exactly 1 argument (0 given)",
                ));
            }
            let shape = shape_from_args(&Args {
                pos: args.pos.clone(),
                kw: vec![],
            });
            let order = super::memory_order::reshape_order(a, args.kw("order"))?;
            let out = reshape(a, &shape, order)?;
            if let Some(Value::Bool(false)) = args.kw("copy")
                && !out.same_buffer(a)
            {
                return Err(PyError::value(
                    "Unable to avoid creating a copy while reshaping.",
                ));
            }
            Value::Array(out)
        }
        "copy" => {
            use super::memory_order::{MemoryOrder, copy_as};
            let order = MemoryOrder::parse(args.get(0, "order"), MemoryOrder::C)?;
            Value::Array(copy_as(a, a.dtype().clone(), order)?)
        }
        "transpose" => {
            let axes = match args.pos.len() {
                0 => None,
                1 => match &args.pos[0] {
                    Value::None => None,
                    Value::Tuple(_) | Value::List(_) => Some(
                        iterate(&args.pos[0])?
                            .iter()
                            .map(|v| match v {
                                Value::Int(i) => Ok(*i as i64),
                                _ => Err(PyError::type_error("an integer is required")),
                            })
                            .collect::<PyResult<_>>()?,
                    ),
                    Value::Int(i) => Some(vec![*i as i64]),
                    _ => return Err(PyError::type_error("an integer is required")),
                },
                _ => Some(
                    args.pos
                        .iter()
                        .map(|v| match v {
                            Value::Int(i) => Ok(*i as i64),
                            _ => Err(PyError::type_error("an integer is required")),
                        })
                        .collect::<PyResult<_>>()?,
                ),
            };
            Value::Array(transpose(a, axes)?)
        }
        "swapaxes" => forward(s, "np.swapaxes", None, a, args)?,
        "ravel" => {
            use crate::eval::reshaping::{names_kept_order, ravel, ravel_named};
            let v = args.get(0, "order");
            if names_kept_order(v) {
                Value::Array(ravel_named(a, v, Order::C)?)
            } else {
                Value::Array(ravel(a, super::memory_order::element_order(a, v, name)?)?)
            }
        }
        "flatten"
            if args
                .get(0, "order")
                .is_some_and(|v| matches!(v, Value::Str(o) if o.as_ref() == "K")) =>
        {
            // A copy in the order ravel('K') reads (PyArray_Flatten).
            let r = crate::eval::reshaping::ravel_named(a, args.get(0, "order"), Order::C)?;
            Value::Array(if r.same_buffer(a) {
                r.copy(Order::C)?
            } else {
                r
            })
        }
        "flatten" => {
            let order = super::memory_order::element_order(a, args.get(0, "order"), name)?;
            let c = a.copy(order)?;
            let r = reshape(&c, &Value::Int(-1), order)?;
            if r.same_buffer(&c) {
                // A fresh owner, not a view of the intermediate.
                Value::Array(r.copy(Order::C)?)
            } else {
                Value::Array(r)
            }
        }
        "tobytes" => super::dtype_info::tobytes(a, &args)?,
        "getfield" => super::getfield::getfield(a, &args)?,
        "setfield" => super::getfield::setfield(s, a, &args)?,
        "tofile" => super::textio::tofile(s, a, &args)?,
        "byteswap" => {
            let inplace = match args.get(0, "inplace") {
                Some(v) => truthy(v)?,
                None => false,
            };
            byteswap(a, inplace)?
        }
        "view" => match args.get(0, "dtype") {
            Some(Value::Type(TypeObj::Builtin(crate::eval::types::RECARRAY)))
                if args.get(1, "type").is_none() =>
            {
                return super::recarray::recarray_of(a.clone());
            }
            Some(Value::Type(TypeObj::Builtin(crate::eval::types::MATRIX)))
                if args.get(1, "type").is_none() =>
            {
                return super::matrix::view_of_array(a, &Value::Array(a.clone()));
            }
            None if matches!(
                args.get(1, "type"),
                Some(Value::Type(TypeObj::Builtin(crate::eval::types::MATRIX)))
            ) =>
            {
                return super::matrix::view_of_array(a, &Value::Array(a.clone()));
            }
            // `type=` may only name ndarray (or matrix) itself.
            _ if args
                .get(1, "type")
                .is_some_and(|t| !matches!(t, Value::Type(TypeObj::NdArray))) =>
            {
                return Err(super::signature::not_implemented_argument("view", "type"));
            }
            None | Some(Value::None) => Value::Array(NdArray::view_with(a, a.layout())),
            // NumPy never reads numbers' bytes as object pointers.
            Some(d) if crate::eval::dtype_arg::wants_object(d) && *a.dtype() != DType::Object => {
                return Err(PyError::type_error(
                    "Cannot change data-type for array of references.",
                ));
            }
            Some(d) => super::math_routines::view_as(a, dtype_arg(d)?)?,
        },
        "astype" if crate::eval::dtype_arg::wants_object(args.req(0, "dtype", name)?) => {
            // Only `dtype` (and the defaults) reach here for now.
            if args.kw.iter().any(|(k, _)| k != "dtype") || args.pos.len() > 1 {
                return Err(PyError::new(
                    "NotImplementedError",
                    "astype(object) with order=, casting=, subok= or copy= is not supported in slicelab",
                ));
            }
            Value::Array(crate::eval::convert::to_object(a)?)
        }
        "astype" => {
            // An unsized `U`, `S` or `V` takes its size from the source type.
            let dt = super::convert::sized_for(&dtype_arg(args.req(0, "dtype", name)?)?, a.dtype());
            crate::eval::convert::check_record_cast(a.dtype(), &dt)?;
            let copy = match args.kw("copy") {
                Some(v) => truthy(v)?,
                None => true,
            };
            if let Some(Value::Str(rule)) = args.kw("casting")
                && rule.as_ref() == "same_value"
            {
                super::same_value::check(a, &dt)?;
            } else if let Some(Value::Str(rule)) = args.kw("casting")
                && super::cast_rules::cast_allowed(a.dtype(), &dt, rule) == Some(false)
            {
                return Err(crate::eval::cast_rules::cast_refused(a.dtype(), &dt, rule));
            }
            let order = super::memory_order::MemoryOrder::parse(
                args.get(1, "order"),
                super::memory_order::MemoryOrder::K,
            )?;
            if !copy && &dt == a.dtype() && order.holds(a) {
                Value::Array(a.clone())
            } else {
                Value::Array(super::memory_order::copy_as(a, dt, order)?)
            }
        }
        "sum" => reduction(a, Reduction::Sum, &args, 0)?,
        "mean" => reduction(a, Reduction::Mean, &args, 0)?,
        "min" => reduction(a, Reduction::Min, &args, 0)?,
        "max" => reduction(a, Reduction::Max, &args, 0)?,
        "argmin" => reduction(a, Reduction::ArgMin, &args, 0)?,
        "argmax" => reduction(a, Reduction::ArgMax, &args, 0)?,
        "any" => reduction(a, Reduction::Any, &args, 0)?,
        "all" => reduction(a, Reduction::All, &args, 0)?,
        "std" => reduction(a, Reduction::Std(ddof), &args, 0)?,
        "var" => reduction(a, Reduction::Var(ddof), &args, 0)?,
        "prod" => reduction(a, Reduction::Prod, &args, 0)?,
        "cumsum" | "cumprod" => forward(s, &format!("np.{name}"), None, a, args)?,
        // NumPy 2 refuses a 0-d array here.
        "nonzero" if a.ndim() == 0 => {
            return Err(nonzero_0d());
        }
        "nonzero" => Value::tuple(
            crate::engine::index::nonzero(a)?
                .into_iter()
                .map(Value::Array)
                .collect(),
        ),
        "compress" => forward(s, "np.compress", Some("a"), a, args)?,
        "squeeze" | "take" | "clip" | "repeat" | "argsort" | "choose" | "trace" => {
            forward(s, &format!("np.{name}"), None, a, args)?
        }
        "searchsorted" | "partition" | "argpartition" => {
            super::searching::call_method(a, name, &args)?
        }
        "sort" => {
            // `ndarray.sort` reads `axis` as a C int (`np.sort` flattens
            // for None; the method has no such meaning).
            match args.get(0, "axis") {
                Some(Value::None) => {
                    return Err(PyError::type_error(
                        "'NoneType' object cannot be interpreted as an integer",
                    ));
                }
                Some(Value::Float(_)) => {
                    return Err(PyError::type_error("integer argument expected, got float"));
                }
                _ => {}
            }
            if let Value::Array(x) = forward(s, "np.sort", None, a, args)? {
                crate::engine::index::set(a, &[IndexItem::Ellipsis], &x)?;
            }
            Value::None
        }
        "diagonal" => {
            let get = |i: usize, n: &str, d: i64| -> PyResult<i64> {
                match args.get(i, n) {
                    Some(v) => crate::eval::coerce::int_arg(v, ""),
                    None => Ok(d),
                }
            };
            Value::Array(super::index_routines::diagonal(
                a,
                get(0, "offset", 0)?,
                get(1, "axis1", 0)?,
                get(2, "axis2", 1)?,
            )?)
        }
        // `ndarray.conjugate` of a non-complex array is the array itself
        // (`PyArray_Conjugate` hands back `self`); `np.conj` is a ufunc
        // and always makes a new one.
        "conj" | "conjugate" if a.dtype().kind() != crate::engine::dtype::Kind::Complex => {
            Value::Array(a.clone())
        }
        "conj" | "conjugate" => s.call_function(
            "np.conj",
            Args {
                pos: vec![Value::Array(a.clone())],
                kw: vec![],
            },
        )?,
        "put" => super::index_routines::put(
            a,
            args.req(0, "indices", name)?,
            args.req(1, "values", name)?,
            args.get(2, "mode"),
        )?,
        "tolist" => tolist(a),
        "item" => {
            if args.pos.is_empty() {
                if a.size() != 1 {
                    return Err(PyError::value(
                        "can only convert an array of size 1 to a Python scalar",
                    ));
                }
                scalar_to_py(a.dtype(), &a.first())
            } else {
                // `a.item((i, j))` is `a.item(i, j)`.
                let pos = match args.pos.as_slice() {
                    [Value::Tuple(t)] => t.as_ref().clone(),
                    other => other.to_vec(),
                };
                if pos
                    .iter()
                    .any(|p| matches!(p, Value::Int(i) if i64::try_from(*i).is_err()))
                {
                    return Err(PyError::overflow(
                        "Python int too large to convert to C long",
                    ));
                }
                if pos.len() == 1 && a.ndim() != 1 {
                    // One index counts in C order, as `a.flat[i]`.
                    return match super::flatiter::getitem(a, &pos[0])? {
                        Value::NpScalar(dt, sc) => Ok(scalar_to_py(&dt, &sc)),
                        _ => Err(PyError::type_error("an integer is required")),
                    };
                }
                if pos.len() != a.ndim() {
                    return Err(PyError::value("incorrect number of indices for array"));
                }
                let idx = super::convert::to_index_items(&Value::tuple(pos))?;
                match crate::engine::index::get(a, &idx)? {
                    crate::engine::index::Indexed::Scalar(sc) => scalar_to_py(a.dtype(), &sc),
                    _ => return Err(PyError::value("incorrect number of indices for array")),
                }
            }
        }
        "fill" => {
            crate::eval::reshaping::fill_array(a, args.req(0, "value", name)?)?;
            Value::None
        }
        "round" => {
            let d = match args.get(0, "decimals") {
                Some(v) => crate::eval::coerce::int_arg(v, "")?,
                None => 0,
            };
            Value::Array(super::math_routines::round(a, d)?)
        }
        "dot" => super::linalg::dot(&Value::Array(a.clone()), args.req(0, "b", name)?)?,
        "resize" => super::array_resize::resize(s, a, &args)?,
        "setflags" => {
            // NumPy's array_setflags: write= through the WRITEABLE rules,
            // align= clears the flag or sets it on aligned data, uic=True
            // refused as NumPy refuses it for an array that is no copy.
            if let Some(w) = args.get(0, "write").filter(|v| !matches!(v, Value::None)) {
                a.set_writeable(truthy(w)?)?;
            }
            if let Some(al) = args.get(1, "align").filter(|v| !matches!(v, Value::None)) {
                a.set_aligned(truthy(al)?)?;
            }
            if let Some(u) = args.get(2, "uic").filter(|v| !matches!(v, Value::None))
                && truthy(u)?
            {
                return Err(PyError::value("cannot set WRITEBACKIFCOPY flag to True"));
            }
            Value::None
        }
        "to_device" => {
            match args.req(0, "device", name)? {
                Value::Str(d) if d.as_ref() == "cpu" => {}
                Value::Str(d) => {
                    return Err(PyError::value(format!(
                        "Unsupported device: {d}. Only 'cpu' is accepted."
                    )));
                }
                Value::Int(d) => {
                    return Err(PyError::value(format!(
                        "Unsupported device: {d}. Only 'cpu' is accepted."
                    )));
                }
                _ => {
                    return Err(PyError::new(
                        "NotImplementedError",
                        "slicelab's to_device() takes the device as a str",
                    ));
                }
            }
            if args.kw("stream").is_some_and(|v| !matches!(v, Value::None)) {
                return Err(PyError::value(
                    "The stream argument in to_device() is not supported",
                ));
            }
            Value::Array(a.clone())
        }
        _ => return Err(PyError::attribute("numpy.ndarray", name)),
    })
}

/// Python's normalised stop for `slice.indices(n)`.
fn stop_of(stop: &Value, step: i64, n: usize) -> i64 {
    let n = n as i64;
    match stop {
        Value::Int(v) => {
            let v = *v as i64;
            let v = if v < 0 { v + n } else { v };
            if step > 0 {
                v.clamp(0, n)
            } else {
                v.clamp(-1, n - 1)
            }
        }
        _ => {
            if step > 0 {
                n
            } else {
                -1
            }
        }
    }
}

/// `a.byteswap(inplace=False)`: every value's bytes reversed (each part of
/// a complex number, each code point, each field), the dtype unchanged.
/// A copy keeps `a`'s memory order as `order='A'` does; in place, each
/// element is rewritten through `a`'s own write path, so the teaching view
/// sees the write and `:undo` takes it back.
fn byteswap(a: &ArrayRef, inplace: bool) -> PyResult<Value> {
    use crate::engine::element::swap_in_place;
    let dt = a.dtype().clone();
    let item = dt.itemsize();
    if !inplace {
        let order = super::memory_order::element_order(a, Some(&Value::str("A")), "byteswap")?;
        let out = a.copy(order)?;
        swap_in_place(&mut out.buffer().bytes_mut(), &dt);
        super::text_words::refuse_bad_text(&out)?;
        return Ok(Value::Array(out));
    }
    if !a.writeable() {
        return Err(PyError::value("array to be byte-swapped is read-only"));
    }
    // Swapped text must still be text slicelab holds: tried on a copy
    // before the array itself is touched.
    if crate::engine::text_points::has_text(&dt) {
        byteswap(a, false)?;
    }
    let l = a.layout();
    let mut bytes = a.bytes_mut();
    crate::engine::iter::for_each_offset(&l.shape, &l.strides, l.offset as isize, |o| {
        let o = o as usize;
        swap_in_place(&mut bytes[o..o + item], &dt);
    });
    Ok(Value::Array(a.clone()))
}

/// Attributes of NumPy scalars (`np.int64(5).dtype`); [`scalar_attr`] answers each.
pub const SCALAR_ATTRIBUTES: &[&str] = &[
    "dtype", "shape", "ndim", "size", "itemsize", "real", "base", "item", "tolist", "astype",
    "copy",
];

/// Attributes of NumPy scalars.
pub fn scalar_attr(me: &Value, name: &str) -> PyResult<Value> {
    let dt = match me {
        Value::NpScalar(dt, _) => dt.clone(),
        Value::Void(a) => a.dtype().clone(),
        _ => unreachable!("scalar_attr is called on NumPy scalars only"),
    };
    Ok(match name {
        "dtype" => Value::DType(dt),
        "shape" => Value::tuple(vec![]),
        "ndim" => Value::Int(0),
        "size" => Value::Int(1),
        "itemsize" => Value::Int(dt.itemsize() as i128),
        // A scalar holds one element (`gentype.nbytes`).
        "nbytes" if matches!(me, Value::Void(_)) => Value::Int(dt.itemsize() as i128),
        "real" => match me {
            Value::NpScalar(_, sc) if dt.kind() == crate::engine::dtype::Kind::Complex => {
                super::scalar_generic::part(&dt, sc, "real")?
            }
            _ => me.clone(),
        },
        "item" | "tolist" | "astype" | "copy" => Value::Method(Rc::new(me.clone()), Rc::from(name)),
        "tobytes" if matches!(me, Value::Void(_)) => {
            Value::Method(Rc::new(me.clone()), Rc::from(name))
        }
        "base" => Value::None,
        m if super::scalar_methods::has(&dt, m) => Value::Method(Rc::new(me.clone()), Rc::from(m)),
        other => match me {
            Value::NpScalar(_, sc) => match super::scalar_generic::attr(me, &dt, sc, other)? {
                Some(v) => v,
                None => return Err(PyError::attribute(&me.type_name(), other)),
            },
            _ => return Err(PyError::attribute(&me.type_name(), other)),
        },
    })
}

/// NumPy's refusal of `nonzero` on a 0-d array (`np.nonzero`, `.nonzero()`).
pub(super) fn nonzero_0d() -> PyError {
    PyError::value(
        "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.",
    )
}
