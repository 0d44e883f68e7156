//! `np.nditer` (issue 17): NumPy's multi-operand iterator object.
//! `build.rs` turns the arguments into a [`state::Cursor`] as
//! `NpyIter_AdvancedNew` would (axis order from `engine::iter_plan`);
//! `state.rs` steps it and makes the element views. This file is the
//! Python face: the registry entry, attributes, methods, `it[i]`,
//! iteration and `with`.

mod build;
mod state;

use crate::eval::args::Args;
use crate::eval::error::{PyError, PyResult};
use crate::eval::object::Obj;
use crate::eval::registry::{Entry, Writes, func};
use crate::eval::session::Session;
use crate::eval::signature::Style;
use crate::eval::value::Value;

pub use state::NdIter;

/// The functions of this module.
pub const ENTRIES: &[Entry] = &[func(
    "nditer(op, flags=None, op_flags=None, op_dtypes=None, order='K', casting='safe', op_axes=None, itershape=None, buffersize=0)",
    Style::CArgs { named: true },
    "op flags op_flags op_dtypes order casting op_axes buffersize",
    Writes::Nothing,
)];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// Is `np.NAME` one of this module's?
pub fn answers(name: &str) -> bool {
    ENTRIES.iter().any(|e| e.name() == name)
}

/// Call `np.nditer`.
pub fn call(_name: &str, args: &Args) -> PyResult<Value> {
    build::build(args)
}

/// The `nditer` a value holds, if it is one.
pub fn of(v: &Value) -> Option<&NdIter> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::NpIter(n) => n.as_any().downcast_ref::<NdIter>(),
            _ => None,
        },
        _ => None,
    }
}

const METHODS: &[&str] = &["iternext", "reset", "close", "__enter__", "__exit__"];

const UNMODELLED: &[&str] = &[
    "copy",
    "debug_print",
    "enable_external_loop",
    "remove_axis",
    "remove_multi_index",
    "itviews",
    "iterrange",
    "iterationneedsapi",
    "value_setter",
];

/// `it.NAME`.
pub fn attr(it: &NdIter, obj: &Value, name: &str) -> PyResult<Value> {
    if METHODS.contains(&name) {
        return Ok(Value::Method(std::rc::Rc::new(obj.clone()), name.into()));
    }
    let c = it.c.borrow();
    let valid = || {
        if c.closed {
            Err(state::invalid())
        } else {
            Ok(())
        }
    };
    let int = |n: usize| Value::Int(n as i128);
    Ok(match name {
        "operands" => {
            valid()?;
            Value::tuple(c.operands.iter().cloned().map(Value::Array).collect())
        }
        "value" => c.value()?,
        "finished" => Value::Bool(c.finished && !c.closed),
        "multi_index" => c.multi_index()?,
        "index" => c.index()?,
        "shape" => c.shape()?,
        "iterindex" => {
            if c.closed || c.finished {
                return Err(state::past_end());
            }
            int(c.iterindex)
        }
        "itersize" => {
            valid()?;
            int(c.itersize)
        }
        "ndim" => {
            valid()?;
            int(if c.multi_index {
                c.shape_c.len()
            } else {
                c.plan.axes.len()
            })
        }
        "nop" => {
            valid()?;
            int(c.nop_count())
        }
        "dtypes" => {
            valid()?;
            Value::tuple(
                c.walked
                    .iter()
                    .map(|a| Value::DType(a.dtype().clone()))
                    .collect(),
            )
        }
        "has_multi_index" => {
            valid()?;
            Value::Bool(c.multi_index)
        }
        "has_index" => {
            valid()?;
            Value::Bool(c.has_index)
        }
        "has_delayed_bufalloc" => {
            valid()?;
            Value::Bool(c.delayed)
        }
        n if UNMODELLED.contains(&n) => {
            return Err(PyError::new(
                "NotImplementedError",
                format!("slicelab does not implement nditer.{n} yet"),
            ));
        }
        _ => return Err(PyError::attribute("numpy.nditer", name)),
    })
}

/// `it.METHOD(...)`.
pub fn method(it: &NdIter, obj: &Value, name: &str, args: &Args) -> PyResult<Value> {
    let no_args = |n: &str| -> PyResult<()> {
        if !args.pos.is_empty() || !args.kw.is_empty() {
            return Err(PyError::type_error(format!(
                "nditer.{n}() takes no arguments"
            )));
        }
        Ok(())
    };
    let mut c = it.c.borrow_mut();
    match name {
        "iternext" => {
            no_args(name)?;
            Ok(Value::Bool(c.iternext()?))
        }
        "reset" => {
            no_args(name)?;
            c.reset()?;
            Ok(Value::None)
        }
        "close" | "__exit__" => {
            if name == "close" {
                no_args(name)?;
            }
            c.close()?;
            Ok(Value::None)
        }
        "__enter__" => {
            if c.closed {
                return Err(PyError::value("cannot enter context of closed iterator"));
            }
            Ok(obj.clone())
        }
        _ => Err(PyError::attribute("numpy.nditer", name)),
    }
}

/// `it[key]`: an operand's current element, or a tuple for a slice.
pub fn getitem(it: &NdIter, key: &Value) -> PyResult<Value> {
    let c = it.c.borrow();
    c.check_readable()?;
    match key {
        Value::Slice(parts) => {
            let (start, stop) = slice_range(parts, c.nop_count())?;
            let items = (start..stop.max(start))
                .map(|op| c.element(op).map(Value::Array))
                .collect::<PyResult<Vec<_>>>()?;
            Ok(Value::tuple(items))
        }
        k => {
            let i = crate::eval::pyiter::index_int(k)
                .map_err(|_| PyError::type_error("invalid index type for iterator indexing"))?;
            let op = c.operand_number(i)?;
            Ok(Value::Array(c.element(op)?))
        }
    }
}

fn slice_range(parts: &[Value; 3], n: usize) -> PyResult<(usize, usize)> {
    let step = match &parts[2] {
        Value::None => 1,
        v => crate::eval::pyiter::index_int(v)?,
    };
    if step != 1 {
        return Err(PyError::value("Iterator slicing only supports a step of 1"));
    }
    let n = n as i128;
    let clamp = |v: &Value, default: i128| -> PyResult<usize> {
        let i = match v {
            Value::None => default,
            v => crate::eval::pyiter::index_int(v)?,
        };
        let i = if i < 0 { i + n } else { i };
        Ok(i.clamp(0, n) as usize)
    };
    Ok((clamp(&parts[0], 0)?, clamp(&parts[1], n)?))
}

/// `it[key] = value`: assign into an operand's current element.
pub fn setitem(s: &mut Session, it: &NdIter, key: &Value, value: &Value) -> PyResult<()> {
    let targets: Vec<(usize, Value)> = {
        let c = it.c.borrow();
        c.check_readable()?;
        match key {
            Value::Slice(parts) => {
                let (start, stop) = slice_range(parts, c.nop_count())?;
                let values = crate::eval::protocol::iterate(value)
                    .ok()
                    .filter(|v| v.len() == stop.saturating_sub(start))
                    .ok_or_else(|| PyError::value("Wrong size to assign to iterator slice"))?;
                (start..stop).zip(values).collect()
            }
            k => {
                let i = crate::eval::pyiter::index_int(k)
                    .map_err(|_| PyError::type_error("invalid index type for iterator indexing"))?;
                vec![(c.operand_number(i)?, value.clone())]
            }
        }
    };
    for (op, v) in targets {
        let view = {
            let c = it.c.borrow();
            c.check_writable(op)?;
            c.element(op)?
        };
        s.setitem(&Value::Array(view), &Value::Ellipsis, &v)?;
    }
    Ok(())
}

/// `len(it)`: the number of operands.
pub fn len(it: &NdIter) -> usize {
    it.c.borrow().nop_count()
}
