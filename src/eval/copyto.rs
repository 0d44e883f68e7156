//! `np.copyto(dst, src, casting='same_kind', where=True)`: copy values into
//! an existing array, in place. NumPy's rules, in NumPy's order: `dst` must
//! be an ndarray; a Python scalar `src` is weak (NEP 50: a Python int fits
//! any integer, float or complex `dst` if its value does); everything else
//! is checked with the casting rule ("Cannot cast scalar/array data from
//! … according to the rule …"); `src` and `where` broadcast to `dst`'s
//! shape; `where` must be boolean (a list is read as booleans, an array of
//! another dtype must cast safely to bool).

use super::registry::{Entry, Writes, func};
use crate::engine::broadcast::{broadcast_layout, broadcasts_to};
use crate::engine::dtype::{DType, Kind};
use crate::engine::index::{self, IndexItem, Indexed};
use crate::engine::{ArrayRef, Layout, NdArray};

use super::convert::{to_array, to_scalar_for};
use super::error::{PyError, PyResult};
use super::interp::{Args, truthy};
use super::numpy::as_array;
use super::signature::Style;
use super::value::Value;

/// This module's registry entries (`registry::tables`).
pub const ENTRIES: &[Entry] = &[func(
    "copyto(dst, src, casting='same_kind', where=True)",
    Style::Python,
    "dst src casting where",
    Writes::Arg("dst"),
)];

/// The `np.*` names this module answers.
pub const NAMES: &[&str] = &["copyto"];

/// Call one of [`NAMES`] with the registry's canonical arguments.
pub fn call(_name: &str, args: &Args) -> PyResult<Value> {
    let dst = match args.get(0, "dst") {
        Some(Value::Array(a)) => a.clone(),
        Some(other) => {
            return Err(PyError::type_error(format!(
                "copyto() argument 1 must be a numpy.ndarray, not {}",
                other.type_name()
            )));
        }
        None => {
            return Err(PyError::type_error(
                "copyto() missing required argument 'dst' (pos 1)",
            ));
        }
    };
    let src_value = args
        .get(1, "src")
        .ok_or_else(|| PyError::type_error("copyto() missing required argument 'src' (pos 2)"))?;
    let rule = match args.get(2, "casting") {
        Some(Value::Str(s)) => s.to_string(),
        _ => "same_kind".to_string(),
    };
    let src = source(src_value, dst.dtype(), &rule)?;
    let src = broadcast_into(&src, &dst.shape(), "input array")?;
    dst.check_writeable()?;
    match args.get(3, "where") {
        None => index::set(&dst, &[], &src)?,
        Some(w) => match mask(w)? {
            Mask::All(true) => index::set(&dst, &[], &src)?,
            Mask::All(false) => {}
            Mask::Cells(m) => {
                let m = broadcast_into(&m, &dst.shape(), "where mask")?;
                let picked = [IndexItem::BoolArray(m)];
                if let Indexed::Array(values) = index::get(&src, &picked)? {
                    index::set(&dst, &picked, &values)?;
                }
            }
        },
    }
    Ok(Value::None)
}

/// `src` as an array of values that may be cast to `to` under `rule`.
fn source(v: &Value, to: &DType, rule: &str) -> PyResult<ArrayRef> {
    // A Python scalar takes `dst`'s dtype when its kind allows (NEP 50).
    let weak_fits = match v {
        Value::Int(_) => matches!(
            to.kind(),
            Kind::Int | Kind::UInt | Kind::Float | Kind::Complex
        ),
        Value::Float(_) => matches!(to.kind(), Kind::Float | Kind::Complex),
        Value::Complex(..) => matches!(to.kind(), Kind::Complex),
        _ => false,
    };
    if weak_fits {
        return Ok(NdArray::from_scalars(
            &[],
            to.clone(),
            &[to_scalar_for(v, to)?],
        )?);
    }
    let src = as_array(v)?;
    if !super::ufunc_args::can_cast(src.dtype(), to, rule) {
        let what = if src.ndim() == 0 {
            "scalar"
        } else {
            "array data"
        };
        return Err(PyError::type_error(format!(
            "Cannot cast {what} from {} to {} according to the rule '{rule}'",
            crate::render::dtype_repr(src.dtype()),
            crate::render::dtype_repr(to)
        )));
    }
    Ok(src)
}

/// What `where=` selects.
enum Mask {
    /// Every cell or none (a Python truth value).
    All(bool),
    /// A boolean array to broadcast.
    Cells(ArrayRef),
}

/// `where=` as NumPy reads it.
fn mask(w: &Value) -> PyResult<Mask> {
    match w {
        Value::Array(a) if a.dtype() == &DType::Bool => Ok(Mask::Cells(a.clone())),
        Value::Array(a) => Err(PyError::type_error(format!(
            "Cannot cast array data from {} to dtype('bool') according to the rule 'safe'",
            crate::render::dtype_repr(a.dtype())
        ))),
        Value::List(_) | Value::Tuple(_) => Ok(Mask::Cells(to_array(w, Some(&DType::Bool))?)),
        other => Ok(Mask::All(truthy(other)?)),
    }
}

/// `a` seen with `shape` by broadcasting (leading length-1 axes past
/// `shape`'s rank dropped, as NumPy's assignment does), or NumPy's
/// "could not broadcast {what} from shape … into shape …".
fn broadcast_into(a: &ArrayRef, shape: &[usize], what: &str) -> PyResult<ArrayRef> {
    let l = a.layout();
    let extra = l.shape.len().saturating_sub(shape.len());
    let fits = l.shape[..extra].iter().all(|&n| n == 1) && broadcasts_to(&l.shape[extra..], shape);
    if !fits {
        return Err(PyError::value(format!(
            "could not broadcast {what} from shape {} into shape {}",
            shape_tuple(&l.shape),
            shape_tuple(shape)
        )));
    }
    let trimmed = Layout {
        shape: l.shape[extra..].to_vec(),
        strides: l.strides[extra..].to_vec(),
        offset: l.offset,
    };
    Ok(NdArray::view_with(a, broadcast_layout(&trimmed, shape)))
}

/// `(2,)`, `(2,3)`, `()`: a shape as NumPy's C code writes it in this
/// message (no spaces).
fn shape_tuple(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}
