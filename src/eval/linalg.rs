//! Products: `np.dot`, `a.dot(b)`, `np.matmul` / `@`, `np.outer`, with
//! NumPy's shape rules and error texts for 0-, 1- and 2-d operands (and
//! stacks of matrices for `@`).

use crate::engine::dtype::{DType, Kind};
use crate::engine::layout::Layout;
use crate::engine::{ArrayRef, NdArray, Order, Scalar, kernels};

use super::error::{PyError, PyResult};
use super::index_routines::common_dtype;
use super::ops::numpy_binary;
use super::value::Value;
use crate::eval::coerce::scalarize;
use crate::eval::convert::as_array;
use crate::eval::reshaping::reshape;

/// One accumulator for the dtype family being multiplied.
#[derive(Clone, Copy)]
enum Acc {
    Int(i64),
    UInt(u64),
    Float(f64),
    Complex(f64, f64),
    Bool(bool),
}

impl Acc {
    fn zero(dt: &DType) -> Acc {
        match dt.kind() {
            Kind::Bool => Acc::Bool(false),
            Kind::Int => Acc::Int(0),
            Kind::UInt => Acc::UInt(0),
            Kind::Complex => Acc::Complex(0.0, 0.0),
            _ => Acc::Float(0.0),
        }
    }

    /// `self += x * y` with the dtype's wrapping rules.
    fn add_product(self, x: &Scalar, y: &Scalar) -> Acc {
        let f = crate::engine::element::scalar_as_f64;
        match self {
            Acc::Bool(b) => Acc::Bool(b || (f(x) != 0.0 && f(y) != 0.0)),
            Acc::Int(s) => {
                let (Scalar::Int(p), Scalar::Int(q)) = (x, y) else {
                    return self;
                };
                Acc::Int(s.wrapping_add(p.wrapping_mul(*q)))
            }
            Acc::UInt(s) => {
                let (Scalar::UInt(p), Scalar::UInt(q)) = (x, y) else {
                    return self;
                };
                Acc::UInt(s.wrapping_add(p.wrapping_mul(*q)))
            }
            Acc::Float(s) => Acc::Float(s + f(x) * f(y)),
            Acc::Complex(sr, si) => {
                let parts = |v: &Scalar| match v {
                    Scalar::Complex(r, i) => (*r, *i),
                    other => (f(other), 0.0),
                };
                let ((a, b), (c, d)) = (parts(x), parts(y));
                Acc::Complex(sr + a * c - b * d, si + a * d + b * c)
            }
        }
    }

    fn scalar(self) -> Scalar {
        match self {
            Acc::Bool(b) => Scalar::Bool(b),
            Acc::Int(i) => Scalar::Int(i),
            Acc::UInt(u) => Scalar::UInt(u),
            Acc::Float(x) => Scalar::Float(x),
            Acc::Complex(r, i) => Scalar::Complex(r, i),
        }
    }
}

/// Both operands cast to their common dtype.
fn operands(a: &Value, b: &Value) -> PyResult<(ArrayRef, ArrayRef, DType)> {
    let dt = common_dtype(&[a.clone(), b.clone()])?;
    if dt == DType::Object {
        // NumPy has an object loop for matmul; slicelab's is for np.dot.
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement matmul (@) of object arrays yet (np.dot does it)",
        ));
    }
    super::void_ufuncs::check("matmul", &[a.clone(), b.clone()])?;
    if !dt.is_numeric() && dt != DType::Bool {
        return Err(PyError::type_error(
            "ufunc 'matmul' did not contain a loop with signature matching types",
        ));
    }
    let x = kernels::cast(&as_array(a)?, &dt)?;
    let y = kernels::cast(&as_array(b)?, &dt)?;
    Ok((x, y, dt))
}

/// `(n, k) x (k, m)` on C-ordered scalars.
fn matrix_product(
    x: &[Scalar],
    y: &[Scalar],
    n: usize,
    k: usize,
    m: usize,
    dt: &DType,
) -> Vec<Scalar> {
    let mut out = Vec::with_capacity(n * m);
    for i in 0..n {
        for j in 0..m {
            let mut acc = Acc::zero(dt);
            for t in 0..k {
                acc = acc.add_product(&x[i * k + t], &y[t * m + j]);
            }
            out.push(acc.scalar());
        }
    }
    out
}

fn finish(shape: &[usize], dt: DType, vals: &[Scalar]) -> PyResult<Value> {
    let out = NdArray::from_scalars(shape, dt.clone(), vals)?;
    // float32 products are summed in f64 here; round back to the dtype.
    Ok(scalarize(kernels::cast(&out, &dt)?))
}

const SIGNATURE: &str = "(n?,k),(k,m?)->(n?,m?)";

/// `a @ b` (`np.matmul`).
pub fn matmul(a: &Value, b: &Value) -> PyResult<Value> {
    let (x, y, dt) = operands(a, b)?;
    for (k, arr) in [&x, &y].iter().enumerate() {
        if arr.ndim() == 0 {
            return Err(PyError::value(format!(
                "matmul: Input operand {k} does not have enough dimensions (has 0, gufunc core with signature {SIGNATURE} requires 1)"
            )));
        }
    }
    let (xs, ys) = (x.shape(), y.shape());
    // Promote 1-d operands to matrices, remembering to drop the axis.
    let (n, kx) = if xs.len() == 1 {
        (1, xs[0])
    } else {
        (xs[xs.len() - 2], xs[xs.len() - 1])
    };
    let (ky, m) = if ys.len() == 1 {
        (ys[0], 1)
    } else {
        (ys[ys.len() - 2], ys[ys.len() - 1])
    };
    if kx != ky {
        return Err(PyError::value(format!(
            "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {SIGNATURE} (size {ky} is different from {kx})"
        )));
    }
    // Two float64 vectors: NumPy's matmul loop calls `DOUBLE_dot` for a
    // 1x1 result, which is ddot (as np.dot) when both strides suit BLAS (a
    // cast operand is a contiguous copy), else a plain loop, below.
    let ddot_ok = super::products::ddot_stride_ok;
    if xs.len() == 1 && ys.len() == 1 && dt == DType::Float64 && ddot_ok(&x) && ddot_ok(&y) {
        let r = super::products::float_dot(&x, &y)?;
        return Ok(Value::NpScalar(DType::Float64, Scalar::Float(r)));
    }
    // A float64 matrix times a vector: NumPy's matmul loop calls gemv,
    // as np.dot does (`products::matvec_dot` replays it).
    if xs.len() == 2
        && ys.len() == 1
        && dt == DType::Float64
        && let Some(r) = super::products::matvec_dot(&x, &y)?
    {
        return Ok(Value::Array(r));
    }
    let bx: Vec<usize> = if xs.len() > 2 {
        xs[..xs.len() - 2].to_vec()
    } else {
        vec![]
    };
    let by: Vec<usize> = if ys.len() > 2 {
        ys[..ys.len() - 2].to_vec()
    } else {
        vec![]
    };
    // The iterator's view of an operand: its loop dimensions, and its two
    // core dimensions as `newaxis` (a failing operand is never 1-d).
    let remapped = |loop_dims: &[usize]| {
        let mut parts: Vec<String> = loop_dims.iter().map(usize::to_string).collect();
        parts.extend(["newaxis".to_string(), "newaxis".to_string()]);
        format!("({})", parts.join(","))
    };
    let batch = crate::engine::broadcast::broadcast_shapes(&[&bx, &by]).ok_or_else(|| {
        PyError::value(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {}->{} {}->{}  and requested shape ({n},{m})",
            crate::engine::error::shape_compact(&xs),
            remapped(&bx),
            crate::engine::error::shape_compact(&ys),
            remapped(&by),
        ))
    })?;
    // A 1-d operand is a row (left) or a column (right) matrix.
    let expanded = |arr: &ArrayRef, core: [usize; 2], left: bool| -> Layout {
        let mut full = batch.clone();
        full.extend(core);
        let mut l = arr.layout();
        if arr.ndim() == 1 {
            let item = arr.dtype().itemsize() as isize;
            if left {
                l.shape.insert(0, 1);
                l.strides.insert(0, item);
            } else {
                l.shape.push(1);
                l.strides.push(item);
            }
        }
        crate::engine::broadcast::broadcast_layout(&l, &full)
    };
    let mut shape = batch.clone();
    if xs.len() > 1 {
        shape.push(n);
    }
    if ys.len() > 1 {
        shape.push(m);
    }
    let (lx, ly) = (expanded(&x, [n, kx], true), expanded(&y, [ky, m], false));
    // Typed kernels first (integers, float matrices), then the typed
    // float loop for a side of one; the boxed loop takes what remains.
    for kernel in [typed_matmul, float_loop] {
        let operands = [(&x, lx.clone()), (&y, ly.clone())];
        if let Some(v) = kernel(operands, &shape, [n, kx, m], &dt)? {
            return Ok(v);
        }
    }
    let xv = x.to_scalars_layout(&lx);
    let yv = y.to_scalars_layout(&ly);
    let count: usize = batch.iter().product();
    let mut vals = Vec::with_capacity(count * n * m);
    for b_i in 0..count {
        vals.extend(matrix_product(
            &xv[b_i * n * kx..(b_i + 1) * n * kx],
            &yv[b_i * ky * m..(b_i + 1) * ky * m],
            n,
            kx,
            m,
            &dt,
        ));
    }
    finish(&shape, dt, &vals)
}

/// `x @ y` through `engine::gemm`'s typed kernels: integers always (exact,
/// wrapping), floats when both sides are matrices (NumPy hands those to
/// BLAS's gemm, whose summation order `engine::gemm` reproduces; a
/// float64 matrix times a vector is gemv, replayed before this, and the
/// other products with a side of one take `float_loop`). `None` for
/// everything else.
fn typed_matmul(
    operands: [(&ArrayRef, Layout); 2],
    shape: &[usize],
    [n, k, m]: [usize; 3],
    dt: &DType,
) -> PyResult<Option<Value>> {
    use crate::engine::gemm::{float_product, int_product};
    use crate::engine::typed::{elems, elems_mut};
    let float = matches!(dt, DType::Float64 | DType::Float32);
    let int = matches!(dt.kind(), Kind::Int | Kind::UInt);
    if !(int || (float && n >= 2 && m >= 2)) {
        return Ok(None);
    }
    let [(x, lx), (y, ly)] = operands;
    let xc = NdArray::view_with(x, lx).copy(Order::C)?;
    let yc = NdArray::view_with(y, ly).copy(Order::C)?;
    let out = NdArray::for_overwrite(shape, dt.clone())?;
    let count = out.size() / (n * m).max(1);
    {
        let (xb, yb) = (xc.buffer().bytes(), yc.buffer().bytes());
        let mut ob = out.buffer().bytes_mut();
        crate::dispatch_numeric!(dt, T => {
            if let (Some(xv), Some(yv), Some(ov)) =
                (elems::<T>(&xb), elems::<T>(&yb), elems_mut::<T>(&mut ob))
            {
                for b in 0..count {
                    let (xs, ys) = (&xv[b * n * k..(b + 1) * n * k], &yv[b * k * m..(b + 1) * k * m]);
                    let os = &mut ov[b * n * m..(b + 1) * n * m];
                    match dt {
                        DType::Float64 => float_product(
                            bytemuck::cast_slice(xs),
                            bytemuck::cast_slice(ys),
                            bytemuck::cast_slice_mut::<T, f64>(os),
                            n, k, m,
                        ),
                        DType::Float32 => float_product(
                            bytemuck::cast_slice(xs),
                            bytemuck::cast_slice(ys),
                            bytemuck::cast_slice_mut::<T, f32>(os),
                            n, k, m,
                        ),
                        _ => int_product(xs, ys, os, n, k, m),
                    }
                }
            }
        }, _ => {});
    }
    Ok(Some(scalarize(out)))
}

/// The float products `typed_matmul` leaves (a side of one: vector times
/// matrix and the like): each output a sequential float64 sum over `k`,
/// rounded once to the dtype, as `matrix_product` adds them, run on typed
/// slices. The loop goes down `k` and across the outputs of a row, so each
/// output still adds its terms in order of `k` (the same bits) while the
/// right operand streams by rows.
fn float_loop(
    operands: [(&ArrayRef, Layout); 2],
    shape: &[usize],
    [n, k, m]: [usize; 3],
    dt: &DType,
) -> PyResult<Option<Value>> {
    use crate::engine::element::Element;
    use crate::engine::typed::elems;
    fn run<T: Element>(xv: &[T], yv: &[T], ov: &mut [T], [n, k, m]: [usize; 3]) {
        let count = ov.len() / (n * m).max(1);
        let mut acc = vec![0.0f64; m];
        for b in 0..count {
            let (xs, ys) = (
                &xv[b * n * k..(b + 1) * n * k],
                &yv[b * k * m..(b + 1) * k * m],
            );
            for i in 0..n {
                acc.iter_mut().for_each(|a| *a = 0.0);
                for t in 0..k {
                    let p = xs[i * k + t].to_f64();
                    for (a, q) in acc.iter_mut().zip(&ys[t * m..(t + 1) * m]) {
                        *a += p * q.to_f64();
                    }
                }
                for (o, a) in ov[b * n * m + i * m..][..m].iter_mut().zip(&acc) {
                    *o = T::from_f64(*a);
                }
            }
        }
    }
    fn typed<T: Element>(
        xb: &[u8],
        yb: &[u8],
        ob: &mut [u8],
        size: usize,
        dims: [usize; 3],
    ) -> bool {
        let (Some(xv), Some(yv)) = (elems::<T>(xb), elems::<T>(yb)) else {
            return false;
        };
        let os = bytemuck::cast_slice_mut(&mut ob[..size * std::mem::size_of::<T>()]);
        run(xv, yv, os, dims);
        true
    }
    if !matches!(dt, DType::Float64 | DType::Float32) {
        return Ok(None);
    }
    let [(x, lx), (y, ly)] = operands;
    let xc = NdArray::view_with(x, lx).copy(Order::C)?;
    let yc = NdArray::view_with(y, ly).copy(Order::C)?;
    let out = NdArray::for_overwrite(shape, dt.clone())?;
    {
        let (xb, yb) = (xc.buffer().bytes(), yc.buffer().bytes());
        let mut ob = out.buffer().bytes_mut();
        let dims = [n, k, m];
        let done = if *dt == DType::Float64 {
            typed::<f64>(&xb, &yb, &mut ob, out.size(), dims)
        } else {
            typed::<f32>(&xb, &yb, &mut ob, out.size(), dims)
        };
        if !done {
            return Ok(None);
        }
    }
    Ok(Some(scalarize(out)))
}

/// `np.dot(a, b)` for 0-, 1- and 2-d operands.
pub fn dot(a: &Value, b: &Value) -> PyResult<Value> {
    let (x, y) = (as_array(a)?, as_array(b)?);
    if x.ndim() == 0 || y.ndim() == 0 {
        return numpy_binary(crate::engine::kernels::BinaryOp::Mul, a, b);
    }
    let (xs, ys) = (x.shape(), y.shape());
    let object = *x.dtype() == DType::Object || *y.dtype() == DType::Object;
    if object || xs.len() > 2 || ys.len() > 2 {
        let dt = if object {
            DType::Object
        } else {
            common_dtype(&[a.clone(), b.clone()])?
        };
        if !super::dot_nd::handles(&dt) {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab's np.dot of arrays above 2 dimensions sums float64, integers, bools and objects only, not {}",
                    crate::render::dtype_repr(&dt)
                ),
            ));
        }
        return super::dot_nd::dot_nd(&x, &y, &dt);
    }
    let kx = xs[xs.len() - 1];
    let ky = ys[0];
    // Two float64 vectors go to BLAS's ddot, with its summation order.
    if xs.len() == 1
        && ys.len() == 1
        && kx == ky
        && common_dtype(&[a.clone(), b.clone()])? == DType::Float64
    {
        let r = super::products::float_dot(&x, &y)?;
        return Ok(Value::NpScalar(DType::Float64, Scalar::Float(r)));
    }
    if let Some(r) = super::products::matvec_dot(&x, &y)? {
        return Ok(Value::Array(r));
    }
    if kx != ky {
        return Err(PyError::value(format!(
            "shapes {} and {} not aligned: {kx} (dim {}) != {ky} (dim 0)",
            crate::engine::error::shape_compact(&xs),
            crate::engine::error::shape_compact(&ys),
            xs.len() - 1
        )));
    }
    matmul(a, b)
}

/// `np.outer(a, b)`: every product of the flattened inputs.
pub fn outer(a: &Value, b: &Value) -> PyResult<Value> {
    let x = reshape(
        &as_array(a)?,
        &Value::tuple(vec![Value::Int(-1), Value::Int(1)]),
        Order::C,
    )?;
    let y = reshape(
        &as_array(b)?,
        &Value::tuple(vec![Value::Int(1), Value::Int(-1)]),
        Order::C,
    )?;
    numpy_binary(
        crate::engine::kernels::BinaryOp::Mul,
        &Value::Array(x),
        &Value::Array(y),
    )
}

/// `a @= b`: the product must keep `a`'s shape and cast back under
/// `same_kind`, as NumPy's `matmul(a, b, out=a)`.
pub fn matmul_inplace(a: &ArrayRef, rhs: &Value) -> PyResult<()> {
    let r = as_array(&matmul(&Value::Array(a.clone()), rhs)?)?;
    if !crate::engine::promote::can_cast_same_kind(r.dtype(), a.dtype()) {
        return Err(PyError::type_error(format!(
            "Cannot cast ufunc 'matmul' output from {} to {} with casting rule 'same_kind'",
            crate::render::dtype_repr(r.dtype()),
            crate::render::dtype_repr(a.dtype())
        )));
    }
    let (rs, us) = (r.shape(), a.shape());
    if rs != us {
        let core = us.len().min(2);
        for k in 0..core {
            let (mine, got) = (
                us[us.len() - core + k],
                rs.get(rs.len().wrapping_sub(core) + k),
            );
            if got != Some(&mine) {
                return Err(PyError::value(format!(
                    "matmul: Output operand 0 has a mismatch in its core dimension {k}, with gufunc signature {SIGNATURE} (size {mine} is different from {})",
                    got.copied().unwrap_or(0)
                )));
            }
        }
        return Err(
            crate::engine::EngineError::NonBroadcastableOutput { out: us, want: rs }.into(),
        );
    }
    a.check_writeable()?;
    crate::engine::index::set(a, &[crate::engine::index::IndexItem::Ellipsis], &r)?;
    Ok(())
}
