//! `np.copyto(dst, src, casting='same_kind', where=True)`: writes `dst` in
//! place through the engine's ordinary indexed assignment (`dst[...] =`
//! or `dst[mask] =`), so the teaching view and `:undo` see the write as any
//! other. The casting check is NumPy's: arrays by their dtype under the
//! rule, Python scalars as "weak" values (an int fits an integer `dst` or
//! raises `OverflowError`; a float never goes into an integer `dst`).
//! Kept in its own module so it can be dropped if another copy lands.

use super::convert::to_scalar_for;
use super::display::repr;
use super::error::{PyError, PyResult};
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::Value;
use crate::engine::dtype::{DType, Kind};
use crate::engine::index::{self, IndexItem, Indexed};
use crate::engine::promote::{PyScalarKind, can_cast_safe, can_cast_same_kind, weak_result_type};
use crate::engine::{ArrayRef, NdArray, Order, kernels};
use crate::eval::args::Args;
use crate::eval::convert::as_array;
use crate::eval::reshaping::{broadcast_to, reshape};
use crate::render::dtype_repr::dtype_repr;

/// This module's registry entry.
pub const ENTRIES: &[Entry] = &[func(
    "copyto(dst, src, casting='same_kind', where=True)",
    Style::Python,
    "dst src casting where",
    Writes::Arg("dst"),
)];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// Does this module implement `np.NAME`?
pub fn handles(name: &str) -> bool {
    ENTRIES.iter().any(|e| e.name() == name)
}

/// `np.copyto` with the registry's canonical args; returns None.
pub fn call(args: &Args) -> PyResult<Value> {
    let dst = match args.req(0, "dst", "copyto")? {
        Value::Array(a) => a.clone(),
        other => {
            return Err(PyError::type_error(format!(
                "copyto() argument 1 must be a numpy.ndarray, not {}",
                other.type_name()
            )));
        }
    };
    let src_v = args.req(1, "src", "copyto")?;
    let casting = match args.kw("casting") {
        Some(Value::Str(c)) => c.to_string(),
        _ => "same_kind".to_string(),
    };
    let src = source(src_v, dst.dtype(), &casting)?;
    let mut src = kernels::cast(&src, dst.dtype())?;
    // Leading length-1 axes beyond dst's go (`copyto(d, [[1, 2, 3]])`), and
    // a source overlapping dst is read in full before dst is written.
    while src.ndim() > dst.ndim() && src.shape()[0] == 1 {
        let rest: Vec<Value> = src.shape()[1..]
            .iter()
            .map(|&n| Value::Int(n as i128))
            .collect();
        src = reshape(&src, &Value::tuple(rest), Order::C)?;
    }
    if src.same_buffer(&dst) {
        src = src.copy(Order::C)?;
    }
    let Some(mask) = args.kw("where") else {
        index::set(&dst, &[IndexItem::Ellipsis], &src)?;
        return Ok(Value::None);
    };
    // A list is read as bools; an array must cast to bool safely.
    let given_array = matches!(mask, Value::Array(_));
    let mask = as_array(mask)?;
    if given_array && !can_cast_safe(mask.dtype(), &DType::Bool) {
        return Err(cast_error("array data", mask.dtype(), &DType::Bool, "safe"));
    }
    let mask = kernels::cast(&mask, &DType::Bool)?;
    let shape = dst.shape();
    if !crate::engine::broadcast::broadcasts_to(&mask.shape(), &shape) {
        return Err(PyError::value(format!(
            "could not broadcast where mask from shape {} into shape {}",
            crate::engine::error::shape_tuple(&mask.shape()),
            crate::engine::error::shape_tuple(&shape)
        )));
    }
    if !crate::engine::broadcast::broadcasts_to(&src.shape(), &shape) {
        return Err(PyError::value(format!(
            "could not broadcast input array from shape {} into shape {}",
            crate::engine::error::shape_tuple(&src.shape()),
            crate::engine::error::shape_tuple(&shape)
        )));
    }
    let mask = broadcast_to(&mask, &shape)?;
    let src = broadcast_to(&src, &shape)?;
    let picked = match index::get(&src, &[IndexItem::BoolArray(mask.clone())])? {
        Indexed::Array(p) => p,
        Indexed::Scalar(_) => unreachable!("a mask gives an array"),
    };
    index::set(&dst, &[IndexItem::BoolArray(mask)], &picked)?;
    Ok(Value::None)
}

/// `src` as an array ready to cast into `dst`'s dtype, after NumPy's check
/// of the casting rule.
pub(super) fn source(src: &Value, dst: &DType, casting: &str) -> PyResult<ArrayRef> {
    let weak = match src {
        Value::Int(_) | Value::BigInt(_) => Some((PyScalarKind::Int, DType::Int64)),
        Value::Float(_) => Some((PyScalarKind::Float, DType::Float64)),
        Value::Complex(..) => Some((PyScalarKind::Complex, DType::Complex128)),
        _ => None,
    };
    if let Some((kind, from)) = weak {
        if casting != "unsafe" && !weak_fits(&from, dst) {
            return Err(cast_error("scalar", &from, dst, casting));
        }
        // NEP 50: the Python scalar is made in the dtype it promotes to
        // beside `dst` (`npy_find_descr_for_scalar`), with that dtype's
        // checks: an int out of int8's range raises, a float into an int
        // array is a float64 cast unsafely (`np.full(3, np.nan, int)`).
        let made = weak_result_type(dst, kind).unwrap_or(from);
        let s = to_scalar_for(src, &made)?;
        return Ok(NdArray::from_scalars(&[], made, &[s])?);
    }
    let a = as_array(src)?;
    let ok = match casting {
        "unsafe" => true,
        "same_kind" => can_cast_same_kind(a.dtype(), dst),
        "safe" => can_cast_safe(a.dtype(), dst),
        _ => a.dtype() == dst,
    };
    if !ok {
        let what = if a.ndim() == 0 {
            "scalar"
        } else {
            "array data"
        };
        return Err(cast_error(what, a.dtype(), dst, casting));
    }
    // Objects are converted one by one as NumPy's cast converts them
    // (`np.full(2, None, dtype=float)` is NaN).
    if *a.dtype() == DType::Object && *dst != DType::Object {
        return super::object_array::cast_values(&a, dst);
    }
    Ok(a)
}

/// May a Python scalar of this kind go into `dst` (NEP 50's weak rule)?
fn weak_fits(from: &DType, dst: &DType) -> bool {
    let rank = |k: Kind| match k {
        Kind::Bool => 0,
        Kind::Int | Kind::UInt => 1,
        Kind::Float => 2,
        Kind::Complex => 3,
        _ => 4,
    };
    rank(from.kind()) <= rank(dst.kind())
}

fn cast_error(what: &str, from: &DType, to: &DType, casting: &str) -> PyError {
    PyError::type_error(format!(
        "Cannot cast {what} from {} to {} according to the rule {}",
        dtype_repr(from),
        dtype_repr(to),
        repr(&Value::str(casting), &Default::default())
    ))
}
