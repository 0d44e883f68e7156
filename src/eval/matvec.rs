//! `np.matvec` and `np.vecmat`: the gufuncs `(m,n),(n)->(m)` and
//! `(n),(n,m)->(m)` (NumPy's `matmul.c.src`, `@TYPE@_matvec` and
//! `@TYPE@_vecmat`). The loop axes broadcast; each output element is one
//! `@TYPE@_dot` of a matrix row (matvec) or column (vecmat) with the
//! vector, which is what slicelab's `np.dot` of two vectors computes
//! (a running sum for integers and bools). For float64 NumPy switches to
//! BLAS `gemv` when both core sizes exceed one, whose summation order is
//! not replayed here, so float64 is computed only when `m` or `n` is at
//! most one; float32, float16 and complex (`vecmat`'s `dotc`/`gemm`) are
//! refused, as `np.vecdot` refuses them.

use crate::engine::dtype::{DType, Kind};
use crate::engine::{ArrayRef, NdArray, Scalar};

use super::error::{PyError, PyResult};
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::scalarize;
use crate::eval::convert::as_array;

/// This module's registry entries (`registry::tables`).
pub const ENTRIES: &[Entry] = &[
    func(
        "matvec(x1, x2, /, out=None, *, axes=<no value>, axis=<no value>, keepdims=False, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        Style::Ufunc,
        "x1 x2",
        Writes::Nothing,
    ),
    func(
        "vecmat(x1, x2, /, out=None, *, axes=<no value>, axis=<no value>, keepdims=False, casting='same_kind', order='K', dtype=None, subok=True, signature=None)",
        Style::Ufunc,
        "x1 x2",
        Writes::Nothing,
    ),
];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// Does this module answer `np.NAME`?
pub fn answers(name: &str) -> bool {
    matches!(name, "matvec" | "vecmat")
}

/// A shape as NumPy's iterator error prints it: `(4,2,newaxis)`, `(5)`.
fn dims_text(dims: &[usize], newaxis: bool) -> String {
    let mut parts: Vec<String> = dims.iter().map(|d| d.to_string()).collect();
    if newaxis {
        parts.push("newaxis".into());
    }
    format!("({})", parts.join(","))
}

/// `np.matvec(x1, x2)` (`name == "matvec"`) or `np.vecmat(x1, x2)`.
pub fn call(name: &str, args: &Args) -> PyResult<Value> {
    let x = as_array(args.req(0, "x1", name)?)?;
    let y = as_array(args.req(1, "x2", name)?)?;
    let matvec = name == "matvec";
    let sig = if matvec {
        "(m,n),(n)->(m)"
    } else {
        "(n),(n,m)->(m)"
    };
    // Core dimensions each operand needs, in operand order.
    let need = if matvec { [2, 1] } else { [1, 2] };
    for (k, (a, req)) in [&x, &y].iter().zip(need).enumerate() {
        if a.ndim() < req {
            return Err(PyError::value(format!(
                "{name}: Input operand {k} does not have enough dimensions (has {}, gufunc core with signature {sig} requires {req})",
                a.ndim()
            )));
        }
    }
    let (xs, ys) = (x.shape(), y.shape());
    // (matrix, vector) and the sizes m, n; the first operand fixes `n`.
    let (mat, vec, ms) = if matvec { (&x, &y, &xs) } else { (&y, &x, &ys) };
    let vs = vec.shape();
    let (m, n) = if matvec {
        (ms[ms.len() - 2], ms[ms.len() - 1])
    } else {
        (ms[ms.len() - 1], ms[ms.len() - 2])
    };
    let (first_n, second_n) = if matvec {
        (n, vs[vs.len() - 1])
    } else {
        (vs[vs.len() - 1], n)
    };
    if first_n != second_n {
        return Err(PyError::value(format!(
            "{name}: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {sig} (size {second_n} is different from {first_n})"
        )));
    }
    let (lx, ly) = (&xs[..xs.len() - need[0]], &ys[..ys.len() - need[1]]);
    let Some(loop_shape) = crate::engine::broadcast::broadcast_shapes(&[lx, ly]) else {
        return Err(PyError::value(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {}->{} {}->{}  and requested shape {}",
            dims_text(&xs, false),
            dims_text(lx, true),
            dims_text(&ys, false),
            dims_text(ly, true),
            dims_text(&[m], false)
        )));
    };
    let dt =
        super::index_routines::common_dtype(&[Value::Array(x.clone()), Value::Array(y.clone())])?;
    let exact = matches!(dt.kind(), Kind::Int | Kind::UInt | Kind::Bool);
    if !(exact || (dt == DType::Float64 && (m <= 1 || n <= 1))) {
        let what = if dt == DType::Float64 {
            "float64 only when a core size is at most 1 (NumPy's BLAS gemv order is not replayed)"
                .to_string()
        } else {
            format!(
                "float64 when a core size is at most 1, not {}",
                crate::render::dtype_repr(&dt)
            )
        };
        return Err(PyError::new(
            "NotImplementedError",
            format!("slicelab's np.{name} sums integers, bools, and {what}"),
        ));
    }
    // Broadcast views: the matrix as loop + (m, n) (vecmat's (n, m)
    // transposed to (m, n)), the vector as loop + (n).
    let mut full_m = loop_shape.clone();
    let mut full_v = loop_shape.clone();
    if matvec {
        full_m.extend([m, n]);
    } else {
        full_m.extend([n, m]);
    }
    full_v.push(n);
    let bm = crate::eval::reshaping::broadcast_to(mat, &full_m)?;
    let bv = crate::eval::reshaping::broadcast_to(vec, &full_v)?;
    let nl = loop_shape.len();
    let (m_axis, n_axis) = if matvec { (nl, nl + 1) } else { (nl + 1, nl) };
    let count: usize = loop_shape.iter().product();
    let mut out: Vec<Scalar> = crate::engine::buffer::try_vec(count.saturating_mul(m));
    // The length-n line of `a` at loop index `i` (C order), moved `j`
    // along `fixed` (the m axis), running along `along`.
    let line = |a: &ArrayRef, i: usize, fixed: Option<(usize, usize)>, along: usize| {
        let mut l = a.layout();
        let mut rest = i;
        let mut offset = l.offset as isize;
        for d in (0..nl).rev() {
            let idx = rest % loop_shape[d];
            rest /= loop_shape[d];
            offset += idx as isize * l.strides[d];
        }
        if let Some((axis, j)) = fixed {
            offset += j as isize * l.strides[axis];
        }
        l.offset = offset as usize;
        l.shape = vec![n];
        l.strides = vec![l.strides[along]];
        NdArray::view_with(a, l)
    };
    let cast = |r: ArrayRef| -> PyResult<ArrayRef> {
        Ok(if *r.dtype() == dt {
            r
        } else {
            crate::engine::kernels::cast(&r, &dt)?
        })
    };
    for i in 0..count {
        let v = cast(line(&bv, i, None, nl))?;
        for j in 0..m {
            crate::engine::interrupt::check()?;
            let row = cast(line(&bm, i, Some((m_axis, j)), n_axis))?;
            // matvec dots row with vector; vecmat vector with column.
            let (p, q) = if matvec {
                (row, v.clone())
            } else {
                (v.clone(), row)
            };
            let d = super::linalg::dot(&Value::Array(p), &Value::Array(q))?;
            out.push(match d {
                Value::NpScalar(_, s) => s,
                Value::Array(a) => a.first(),
                _ => Scalar::Int(0),
            });
        }
    }
    let mut shape = loop_shape;
    shape.push(m);
    let r = NdArray::from_scalars(&shape, dt, &out)?;
    Ok(scalarize(r))
}
