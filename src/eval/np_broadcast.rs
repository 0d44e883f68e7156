//! `np.broadcast(*arrays)`: the object that broadcasts its arguments
//! against each other (`PyArray_Broadcast`'s rule and message) and
//! iterates over the broadcast shape in C order, yielding a tuple with
//! one NumPy scalar per argument. `.shape`, `.nd`, `.ndim`, `.size`,
//! `.numiter`, `.index`, `reset()` as `iterators.c` has them; `.iters`
//! (flat iterators sharing the object's position) is not modelled.

use std::cell::Cell;

use crate::engine::broadcast::broadcast_layout;
use crate::engine::{ArrayRef, NdArray};
use crate::eval::args::Args;
use crate::eval::convert::as_array;
use crate::eval::error::{PyError, PyResult};
use crate::eval::object::{NpIterState, Obj, object};
use crate::eval::registry::{Entry, Writes, func};
use crate::eval::signature::Style;
use crate::eval::value::Value;

/// The functions of this module. Keywords reach [`call`], which refuses
/// them with the C constructor's own `ValueError`.
pub const ENTRIES: &[Entry] = &[func(
    "broadcast(*arrays, **kwargs)",
    Style::Python,
    "arrays kwargs",
    Writes::Nothing,
)];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// Is `np.NAME` one of this module's?
pub fn answers(name: &str) -> bool {
    ENTRIES.iter().any(|e| e.name() == name)
}

/// A `numpy.broadcast` object.
#[derive(Debug)]
pub struct Broadcast {
    /// Each argument, viewed with the broadcast shape.
    views: Vec<ArrayRef>,
    /// The broadcast shape.
    shape: Vec<usize>,
    /// The flat position of the next element.
    index: Cell<usize>,
}

impl NpIterState for Broadcast {
    fn type_path(&self) -> &'static str {
        "numpy.broadcast"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn next_item(&self) -> PyResult<Option<Value>> {
        next(self)
    }
}

/// The `np.broadcast` object a value holds, if it is one.
pub fn of(v: &Value) -> Option<&Broadcast> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::NpIter(n) => n.as_any().downcast_ref::<Broadcast>(),
            _ => None,
        },
        _ => None,
    }
}

/// Call `np.broadcast(*arrays)`.
pub fn call(args: &Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(PyError::value("keyword arguments not accepted."));
    }
    if args.pos.len() > 64 {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.broadcast takes at most 64 arguments",
        ));
    }
    let mut arrays = Vec::with_capacity(args.pos.len());
    for v in &args.pos {
        if of(v).is_some() {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab's np.broadcast does not take broadcast objects yet",
            ));
        }
        arrays.push(as_array(v)?);
    }
    let shapes: Vec<Vec<usize>> = arrays.iter().map(|a| a.shape()).collect();
    let refs: Vec<&[usize]> = shapes.iter().map(Vec::as_slice).collect();
    let shape = crate::eval::random::broadcast::broadcast(&refs)?;
    let views = arrays
        .iter()
        .map(|a| NdArray::view_with(a, broadcast_layout(&a.layout(), &shape)))
        .collect();
    Ok(object(Obj::NpIter(Box::new(Broadcast {
        views,
        shape,
        index: Cell::new(0),
    }))))
}

impl Broadcast {
    fn size(&self) -> usize {
        self.shape.iter().product()
    }
}

/// `b.NAME`.
pub fn attr(b: &Broadcast, obj: &Value, name: &str) -> PyResult<Value> {
    let int = |n: usize| Value::Int(n as i128);
    Ok(match name {
        "shape" => Value::tuple(b.shape.iter().map(|&d| int(d)).collect()),
        "nd" | "ndim" => int(b.shape.len()),
        "size" => int(b.size()),
        "numiter" => int(b.views.len()),
        "index" => int(b.index.get()),
        "reset" => Value::Method(std::rc::Rc::new(obj.clone()), name.into()),
        "iters" => {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab does not implement numpy.broadcast.iters yet",
            ));
        }
        _ => return Err(PyError::attribute("numpy.broadcast", name)),
    })
}

/// `b.reset()`.
pub fn method(b: &Broadcast, name: &str, args: &Args) -> PyResult<Value> {
    match name {
        "reset" => {
            if !args.pos.is_empty() || !args.kw.is_empty() {
                return Err(PyError::type_error(
                    "numpy.broadcast.reset() takes no arguments",
                ));
            }
            b.index.set(0);
            Ok(Value::None)
        }
        _ => Err(PyError::attribute("numpy.broadcast", name)),
    }
}

/// `next(b)`: each argument's element at the next position, as scalars.
fn next(b: &Broadcast) -> PyResult<Option<Value>> {
    let i = b.index.get();
    if i >= b.size() {
        return Ok(None);
    }
    let mut at = vec![0usize; b.shape.len()];
    let mut rest = i;
    for k in (0..b.shape.len()).rev() {
        at[k] = rest % b.shape[k];
        rest /= b.shape[k];
    }
    b.index.set(i + 1);
    let items = b
        .views
        .iter()
        .map(|v| {
            crate::eval::protocol::wrap_indexed(
                v,
                crate::engine::index::Indexed::Scalar(v.get(&at)),
            )
        })
        .collect();
    Ok(Some(Value::tuple(items)))
}
