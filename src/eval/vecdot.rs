//! `np.vecdot` (issue 17 item 1): the gufunc `(n),(n)->()` — the core
//! axis (`axis=`, default last) moved to the end, the loop axes
//! broadcast, then one dot per loop index. NumPy's loop calls the
//! dtype's `dot` (`DOUBLE_dot`: BLAS `ddot` for float64, a plain running
//! sum for integers and bools), which is what `np.dot` of two vectors
//! calls, so each element is computed as slicelab's `np.dot` of the two
//! rows. Complex (`dotc`), float32 and float16 sums are refused: their
//! BLAS orders are not replayed here. `out=` receives the results as a
//! ufunc's output does (its loop axes may be wider than the inputs').

use crate::engine::dtype::{DType, Kind};
use crate::engine::error::shape_compact;
use crate::engine::{ArrayRef, NdArray, Scalar};

use super::error::{PyError, PyResult};
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::{int_arg, scalarize};
use crate::eval::convert::as_array;

const SIGNATURE: &str = "(n),(n)->()";

/// This module's registry entries (`registry::tables`).
pub const ENTRIES: &[Entry] = &[func(
    "vecdot(x1, x2, /, out=None, *, axes=<no value>, axis=<no value>, keepdims=False, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
    Style::Ufunc,
    "x1 x2 out axis",
    Writes::Nothing,
)];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// Does this module answer `np.NAME`?
pub fn answers(name: &str) -> bool {
    name == "vecdot"
}

/// `a` with axis `k` moved to the end (a view).
fn axis_last(a: &ArrayRef, k: usize) -> ArrayRef {
    let mut order: Vec<usize> = (0..a.ndim()).filter(|&i| i != k).collect();
    order.push(k);
    NdArray::view_with(a, a.layout().permuted(&order))
}

/// `np.vecdot(x1, x2, axis=...)`.
pub fn call(args: &Args) -> PyResult<Value> {
    let x = as_array(args.req(0, "x1", "vecdot")?)?;
    let y = as_array(args.req(1, "x2", "vecdot")?)?;
    for (k, a) in [&x, &y].iter().enumerate() {
        if a.ndim() == 0 {
            return Err(PyError::value(format!(
                "vecdot: Input operand {k} does not have enough dimensions (has 0, gufunc core with signature {SIGNATURE} requires 1)"
            )));
        }
    }
    let axis = match args.kw("axis") {
        None => -1,
        Some(Value::Float(_)) => {
            return Err(PyError::type_error(
                "'float' object cannot be interpreted as an integer",
            ));
        }
        Some(v) => int_arg(v, "")?,
    };
    // NumPy applies `axis` to each operand in turn (and to no output axis).
    let mut moved = Vec::new();
    for a in [&x, &y] {
        let k = crate::engine::reduce::normalize_axis(axis, a.ndim())
            .map_err(|e| PyError::new("AxisError", e.to_string()))?;
        moved.push(axis_last(a, k));
    }
    let (x, y) = (moved[0].clone(), moved[1].clone());
    let (xs, ys) = (x.shape(), y.shape());
    let (n, ny) = (xs[xs.len() - 1], ys[ys.len() - 1]);
    if n != ny {
        return Err(PyError::value(format!(
            "vecdot: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {SIGNATURE} (size {ny} is different from {n})"
        )));
    }
    let (lx, ly) = (&xs[..xs.len() - 1], &ys[..ys.len() - 1]);
    let Some(loop_shape) = crate::engine::broadcast::broadcast_shapes(&[lx, ly]) else {
        return Err(PyError::value(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {}->{} {}->{}  and requested shape ()",
            shape_compact(&xs),
            shape_compact(lx),
            shape_compact(&ys),
            shape_compact(ly)
        )));
    };
    let dt =
        super::index_routines::common_dtype(&[Value::Array(x.clone()), Value::Array(y.clone())])?;
    if !(matches!(dt.kind(), Kind::Int | Kind::UInt | Kind::Bool) || dt == DType::Float64) {
        return Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab's np.vecdot sums float64, integers and bools only, not {}",
                crate::render::dtype_repr(&dt)
            ),
        ));
    }
    let mut full_x = loop_shape.clone();
    full_x.push(n);
    let bx = crate::eval::reshaping::broadcast_to(&x, &full_x)?;
    let by = crate::eval::reshaping::broadcast_to(&y, &full_x)?;
    let count: usize = loop_shape.iter().product();
    let mut out: Vec<Scalar> = crate::engine::buffer::try_vec(count);
    let row = |a: &ArrayRef, i: usize| -> ArrayRef {
        // Row `i` (C order over the loop axes) of a broadcast view.
        let mut l = a.layout();
        let mut rest = i;
        let mut offset = l.offset as isize;
        for d in (0..loop_shape.len()).rev() {
            let idx = rest % loop_shape[d];
            rest /= loop_shape[d];
            offset += idx as isize * l.strides[d];
        }
        l.offset = offset as usize;
        l.shape = vec![n];
        l.strides = vec![l.strides[loop_shape.len()]];
        NdArray::view_with(a, l)
    };
    for i in 0..count {
        crate::engine::interrupt::check()?;
        let (rx, ry) = (row(&bx, i), row(&by, i));
        // Only a cast copies: a float64 row keeps its stride for ddot.
        let cast = |r: ArrayRef| -> PyResult<ArrayRef> {
            Ok(if *r.dtype() == dt {
                r
            } else {
                crate::engine::kernels::cast(&r, &dt)?
            })
        };
        let (rx, ry) = (cast(rx)?, cast(ry)?);
        let v = super::linalg::dot(&Value::Array(rx), &Value::Array(ry))?;
        out.push(match v {
            Value::NpScalar(_, s) => s,
            Value::Array(a) => a.first(),
            _ => Scalar::Int(0),
        });
    }
    let r = NdArray::from_scalars(&loop_shape, dt.clone(), &out)?;
    match out_array(args.kw("out"))? {
        None => Ok(scalarize(r)),
        // The loop axes broadcast against the output's: the results are
        // cast (same_kind) and spread over it, and `out` is returned.
        Some(target) => {
            let ts = target.shape();
            if crate::engine::broadcast::broadcast_shapes(&[&loop_shape, &ts]).is_none() {
                return Err(PyError::value(format!(
                    "operands could not be broadcast together with remapped shapes [original->remapped]: {}->{} {}->{} {}->{}  and requested shape ()",
                    shape_compact(&xs),
                    shape_compact(lx),
                    shape_compact(&ys),
                    shape_compact(ly),
                    shape_compact(&ts),
                    shape_compact(&ts)
                )));
            }
            super::ufunc_args::write_out("vecdot", &r, &target, "same_kind", None, &[])?;
            Ok(Value::Array(target))
        }
    }
}

/// The `out=` of a one-output ufunc: an array, or a 1-tuple of one.
fn out_array(v: Option<&Value>) -> PyResult<Option<ArrayRef>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Array(a)) => Ok(Some(a.clone())),
        Some(Value::Tuple(t)) if t.len() == 1 => out_array(t.first()),
        Some(Value::Tuple(_)) => Err(PyError::value(
            "The 'out' tuple must have exactly one entry per ufunc output",
        )),
        Some(_) => Err(PyError::type_error("return arrays must be of ArrayType")),
    }
}
