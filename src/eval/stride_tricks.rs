//! `np.lib.stride_tricks`: `as_strided` and `sliding_window_view`, views
//! whose elements may overlap (a stride smaller than the element, or 0).
//!
//! NumPy's `as_strided` does no bounds check and reads memory it does not
//! own when the strides reach past the buffer; slicelab refuses such a view
//! with a `ValueError` rather than show made-up values.

use crate::engine::reduce::normalize_axis;
use crate::engine::{ArrayRef, Layout, NdArray};

use super::error::{PyError, PyResult};
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::int_arg;
use crate::eval::convert::as_array;
use crate::eval::protocol::iterate;

/// The module path every name here is reached by.
pub const MODULE: &str = "numpy.lib.stride_tricks";

/// NumPy 2.4's signatures of [`MODULE`]'s functions, bound before either
/// is computed. `subok=True` changes nothing for a plain `ndarray`; the
/// subclasses slicelab has (masked and record arrays) are refused there.
const ENTRIES: &[Entry] = &[
    func(
        "as_strided(x, shape=None, strides=None, subok=False, writeable=True)",
        Style::Python,
        "x shape strides subok writeable",
        Writes::Nothing,
    ),
    func(
        "sliding_window_view(x, window_shape, axis=None, *, subok=False, writeable=False)",
        Style::Python,
        "x window_shape axis subok writeable",
        Writes::Nothing,
    ),
];

/// `np.lib` and `np.lib.stride_tricks` as attribute chains: the value of
/// `MODULE_NAME.attr`, if there is one.
pub fn module_attr(module: &str, name: &str) -> Option<Value> {
    match (module, name) {
        ("numpy.lib", "stride_tricks") => Some(Value::Module(MODULE.into())),
        (MODULE, f) if ENTRIES.iter().any(|e| e.name() == f) => {
            Some(Value::func(&format!("np.lib.stride_tricks.{f}")))
        }
        _ => super::array_utils::module_attr(module, name),
    }
}

/// Call `np.lib.stride_tricks.NAME`.
pub fn call(name: &str, args: &Args) -> PyResult<Value> {
    let Some(entry) = ENTRIES.iter().find(|e| e.name() == name) else {
        return Err(PyError::attribute("module", name));
    };
    let args = &crate::eval::binding::prepare(entry, args)?;
    let subok = match args.kw("subok") {
        Some(v) => crate::eval::protocol::truthy(v)?,
        None => false,
    };
    if subok && !matches!(args.req(0, "x", name)?, Value::Array(_)) {
        return Err(PyError::new(
            "NotImplementedError",
            format!("slicelab's {name} does not keep a subclass (subok=True)"),
        ));
    }
    match name {
        "as_strided" => {
            let x = as_array(args.req(0, "x", name)?)?;
            let shape = args
                .get(1, "shape")
                .filter(|v| !matches!(v, Value::None))
                .map(|v| ints(v, "shape"))
                .transpose()?;
            let strides = args
                .get(2, "strides")
                .filter(|v| !matches!(v, Value::None))
                .map(|v| ints(v, "strides"))
                .transpose()?;
            let writeable = match args.get(4, "writeable") {
                Some(v) => crate::eval::protocol::truthy(v)?,
                None => true,
            };
            Ok(Value::Array(as_strided(&x, shape, strides, writeable)?))
        }
        "sliding_window_view" => {
            let x = as_array(args.req(0, "x", name)?)?;
            let window = args.req(1, "window_shape", name)?;
            let window = match window {
                Value::List(_) | Value::Tuple(_) | Value::Array(_) => ints(window, "window_shape")?,
                v => vec![int_arg(v, "")?],
            };
            let axis = args
                .get(2, "axis")
                .filter(|v| !matches!(v, Value::None))
                .map(|v| match v {
                    Value::List(_) | Value::Tuple(_) => ints(v, "axis"),
                    v => Ok(vec![int_arg(v, "")?]),
                })
                .transpose()?;
            let writeable = match args.kw("writeable") {
                Some(v) => crate::eval::protocol::truthy(v)?,
                None => false,
            };
            Ok(Value::Array(sliding_window_view(
                &x, &window, axis, writeable,
            )?))
        }
        _ => Err(PyError::attribute("module", name)),
    }
}

/// A sequence of Python ints (`'int' object is not iterable` otherwise).
fn ints(v: &Value, _what: &str) -> PyResult<Vec<i64>> {
    iterate(v)?.iter().map(|x| int_arg(x, "")).collect()
}

/// A view of `x`'s memory with any shape and byte strides.
pub fn as_strided(
    x: &ArrayRef,
    shape: Option<Vec<i64>>,
    strides: Option<Vec<i64>>,
    writeable: bool,
) -> PyResult<ArrayRef> {
    let l = x.layout();
    let (given_shape, given_strides) = (shape.clone(), strides.clone());
    let shape: Vec<i64> = shape.unwrap_or_else(|| l.shape.iter().map(|&n| n as i64).collect());
    let strides: Vec<i64> =
        strides.unwrap_or_else(|| l.strides.iter().map(|&s| s as i64).collect());
    if shape.len() != strides.len() {
        return Err(PyError::value("mismatch in length of strides and shape"));
    }
    if shape.iter().any(|&n| n < 0) {
        return Err(PyError::value("negative dimensions are not allowed"));
    }
    crate::eval::coerce::check_ndim(shape.len())?;
    let layout = Layout {
        shape: shape.iter().map(|&n| n as usize).collect(),
        strides: strides.iter().map(|&s| s as isize).collect(),
        offset: l.offset,
    };
    let item = x.dtype().itemsize();
    if let Some((lo, hi)) = layout.byte_extent(item)
        && (lo < 0 || hi > x.buffer().nbytes() as isize)
    {
        return Err(PyError::value(format!(
            "slicelab: these strides reach bytes {lo}..{hi} of a {}-byte buffer; NumPy would \
             read memory the array does not own",
            x.buffer().nbytes()
        )));
    }
    // NumPy's result is `np.asarray` of a `DummyArray` carrying `x`'s
    // array interface with the new shape and strides: that object is its
    // `.base` (and the owner its views collapse to), `x` the dummy's.
    let mut interface = match super::array_interface::interface(x) {
        Value::Dict(d) => d.borrow().clone(),
        _ => Vec::new(),
    };
    let ints = |v: &[i64]| Value::tuple(v.iter().map(|&n| Value::Int(n as i128)).collect());
    for (key, given) in [("shape", given_shape), ("strides", given_strides)] {
        if let Some(given) = given
            && let Some(entry) = interface
                .iter_mut()
                .find(|(k, _)| matches!(k, Value::Str(s) if &**s == key))
        {
            entry.1 = ints(&given);
        }
    }
    let dummy = super::object::object(super::object::Obj::DummyArray(super::object::DummyArray {
        interface: Value::Dict(std::rc::Rc::new(std::cell::RefCell::new(interface))),
        base: Value::Array(x.clone()),
    }));
    let view = NdArray::over_exported(
        x.buffer().clone(),
        x.dtype().clone(),
        layout,
        std::rc::Rc::new(dummy),
    );
    if !(writeable && x.writeable()) {
        view.set_writeable(false)?;
    }
    Ok(view)
}

/// Every window of `window` cells along `axis` (all axes by default), as
/// one read-only view (writeable only when asked and `x` is).
pub fn sliding_window_view(
    x: &ArrayRef,
    window: &[i64],
    axis: Option<Vec<i64>>,
    writeable: bool,
) -> PyResult<ArrayRef> {
    if window.iter().any(|&w| w < 0) {
        return Err(PyError::value(
            "`window_shape` cannot contain negative values",
        ));
    }
    let ndim = x.ndim();
    let axes: Vec<usize> = match axis {
        None => {
            if window.len() != ndim {
                return Err(PyError::value(format!(
                    "Since axis is `None`, must provide window_shape for all dimensions of `x`; \
                     got {} window_shape elements and `x.ndim` is {ndim}.",
                    window.len()
                )));
            }
            (0..ndim).collect()
        }
        Some(axes) => {
            let axes = axes
                .iter()
                .map(|&a| normalize_axis(a, ndim))
                .collect::<Result<Vec<_>, _>>()?;
            if window.len() != axes.len() {
                return Err(PyError::value(format!(
                    "Must provide matching length window_shape and axis; got {} window_shape \
                     elements and {} axes elements.",
                    window.len(),
                    axes.len()
                )));
            }
            axes
        }
    };
    let l = x.layout();
    let mut strides: Vec<i64> = l.strides.iter().map(|&s| s as i64).collect();
    strides.extend(axes.iter().map(|&a| l.strides[a] as i64));
    let mut shape: Vec<i64> = l.shape.iter().map(|&n| n as i64).collect();
    for (&a, &w) in axes.iter().zip(window) {
        if shape[a] < w {
            return Err(PyError::value(
                "window shape cannot be larger than input array shape",
            ));
        }
        shape[a] -= w - 1;
    }
    shape.extend(window);
    as_strided(x, Some(shape), Some(strides), writeable)
}
