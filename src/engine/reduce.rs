//! Reductions along axes (`sum`, `mean`, `min`, `argmax`, `any`, ...) and
//! cumulative sums. Float sums use NumPy's pairwise summation when the
//! reduced axis is the innermost one, so results agree to the last bit.

use super::array::{ArrayRef, NdArray};
use super::dtype::DType;
use super::element::{Bool8, Element, load};
use super::error::EngineError;
use super::iter::for_each_offset;
use super::kernels::Arith;
use super::layout::Layout;
use super::scalar::Scalar;

/// A reduction.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reduction {
    /// `sum`
    Sum,
    /// `prod`
    Prod,
    /// `min`
    Min,
    /// `max`
    Max,
    /// `argmin`
    ArgMin,
    /// `argmax`
    ArgMax,
    /// `any`
    Any,
    /// `all`
    All,
    /// `mean`
    Mean,
    /// `var` with ddof
    Var(f64),
    /// `std` with ddof
    Std(f64),
}

impl Reduction {
    fn ufunc_name(self) -> &'static str {
        match self {
            Reduction::Min | Reduction::ArgMin => "minimum",
            Reduction::Max | Reduction::ArgMax => "maximum",
            _ => "add",
        }
    }
}

/// The dtype `sum`/`prod`/`cumsum` give for an input dtype.
pub fn sum_dtype(dt: &DType) -> DType {
    match dt {
        DType::Bool | DType::Int8 | DType::Int16 | DType::Int32 | DType::Int64 => DType::Int64,
        DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64 => DType::UInt64,
        other => other.clone(),
    }
}

/// The dtype `mean`/`var`/`std` give.
pub fn mean_dtype(dt: &DType) -> DType {
    match dt {
        DType::Float32 => DType::Float32,
        _ => DType::Float64,
    }
}

/// Normalise an axis argument (negative counts from the end).
pub fn normalize_axis(axis: i64, ndim: usize) -> Result<usize, EngineError> {
    let n = ndim as i64;
    if axis < -n || axis >= n {
        return Err(EngineError::AxisOutOfBounds { axis, ndim });
    }
    Ok(if axis < 0 {
        (axis + n) as usize
    } else {
        axis as usize
    })
}

/// NumPy's pairwise sum over a gathered group.
fn pairwise<T: Arith>(xs: &[T]) -> T {
    super::reduce_stream::pairwise_by(xs.len(), &|i| xs[i])
}

fn split_layout(l: &Layout, axes: &[usize]) -> (Layout, Layout) {
    let keep: Vec<usize> = (0..l.ndim()).filter(|k| !axes.contains(k)).collect();
    let outer = Layout {
        shape: keep.iter().map(|&k| l.shape[k]).collect(),
        strides: keep.iter().map(|&k| l.strides[k]).collect(),
        offset: l.offset,
    };
    let inner = Layout {
        shape: axes.iter().map(|&k| l.shape[k]).collect(),
        strides: axes.iter().map(|&k| l.strides[k]).collect(),
        offset: 0,
    };
    (outer, inner)
}

fn out_shape(shape: &[usize], axes: &[usize], keepdims: bool) -> Vec<usize> {
    (0..shape.len())
        .filter_map(|k| {
            if axes.contains(&k) {
                keepdims.then_some(1)
            } else {
                Some(shape[k])
            }
        })
        .collect()
}

fn groups<T: Element>(
    a: &NdArray,
    axes: &[usize],
    mut f: impl FnMut(&[T]),
) -> Result<(), EngineError> {
    let l = a.layout();
    let (outer, inner) = split_layout(&l, axes);
    // One group is gathered whole; a broadcast view can make it larger than
    // memory (`np.broadcast_to(1, (10**5, 10**5)).sum()`).
    let itemsize = std::mem::size_of::<T>();
    // The fold keeps up to three copies of it (values, cast, deviations).
    super::buffer::ensure_room(&inner.shape, itemsize, &a.dtype().name(), 3 * 16)?;
    let bytes = a.buffer().bytes();
    let mut buf: Vec<T> = Vec::with_capacity(inner.size());
    for_each_offset(&outer.shape, &outer.strides, outer.offset as isize, |o| {
        buf.clear();
        for_each_offset(&inner.shape, &inner.strides, o, |p| {
            buf.push(load::<T>(&bytes, p))
        });
        f(&buf);
    });
    Ok(())
}

fn fold_typed<T: Arith, O: Arith>(
    a: &NdArray,
    axes: &[usize],
    op: Reduction,
    innermost: bool,
) -> Result<Vec<Scalar>, EngineError> {
    let mut out = vec![];
    let mut err = None;
    groups::<T>(a, axes, |xs| {
        let n = xs.len();
        let cast: Vec<O> = xs.iter().map(|&x| O::cast_from(x)).collect();
        let sum = |v: &[O]| -> O {
            if innermost && matches!(O::dtype(), DType::Float32 | DType::Float64) {
                pairwise(v)
            } else {
                v.iter().fold(O::from_f64(0.0), |acc, &x| O::add(acc, x))
            }
        };
        let value = match op {
            Reduction::Sum => sum(&cast).to_scalar(),
            Reduction::Prod => cast
                .iter()
                .fold(O::from_i64(1), |acc, &x| O::mul(acc, x))
                .to_scalar(),
            Reduction::Mean => O::div(sum(&cast), O::from_i64(n as i64)).to_scalar(),
            Reduction::Var(ddof) | Reduction::Std(ddof) => {
                let mean = O::div(sum(&cast), O::from_i64(n as i64));
                let dev: Vec<O> = cast
                    .iter()
                    .map(|&x| {
                        let d = O::sub(x, mean);
                        O::mul(d, d)
                    })
                    .collect();
                let v = O::div(sum(&dev), O::from_f64((n as f64 - ddof).max(0.0)));
                if matches!(op, Reduction::Std(_)) {
                    O::from_f64(v.to_f64().sqrt()).to_scalar()
                } else {
                    v.to_scalar()
                }
            }
            Reduction::Any => Scalar::Bool(xs.iter().any(|x| x.to_bool())),
            Reduction::All => Scalar::Bool(xs.iter().all(|x| x.to_bool())),
            Reduction::Min | Reduction::Max | Reduction::ArgMin | Reduction::ArgMax => {
                if n == 0 {
                    err = Some(if matches!(op, Reduction::ArgMin | Reduction::ArgMax) {
                        empty_arg_error(op)
                    } else {
                        EngineError::value(format!(
                            "zero-size array to reduction operation {} which has no identity",
                            op.ufunc_name()
                        ))
                    });
                    return;
                }
                let want_max = matches!(op, Reduction::Max | Reduction::ArgMax);
                let mut best = 0usize;
                for k in 1..n {
                    if T::is_nan(xs[best]) {
                        break;
                    }
                    let better = if T::is_nan(xs[k]) {
                        true
                    } else if want_max {
                        xs[k] > xs[best]
                    } else {
                        xs[k] < xs[best]
                    };
                    if better {
                        best = k;
                    }
                }
                if matches!(op, Reduction::ArgMin | Reduction::ArgMax) {
                    Scalar::Int(best as i64)
                } else {
                    xs[best].to_scalar()
                }
            }
        };
        out.push(value);
    })?;
    match err {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// Reduce `a` over `axes` (`None` = all axes). The result is an array (0-d
/// when every axis is reduced without keepdims).
pub fn reduce(
    a: &ArrayRef,
    op: Reduction,
    axes: Option<&[usize]>,
    keepdims: bool,
) -> Result<ArrayRef, EngineError> {
    let a = &super::kernels::to_native(a)?;
    let r = reduce_native(a, op, axes, keepdims)?;
    let max = match op {
        Reduction::Max => true,
        Reduction::Min => false,
        _ => return Ok(r),
    };
    if !super::minmax_zero::applies(a.dtype()) || a.size() == 0 {
        return Ok(r);
    }
    // The scans keep the first of equal values; NumPy's loops do not, which
    // shows only in the sign of a zero extreme.
    let mut sorted: Vec<usize> = axes.map_or_else(|| (0..a.ndim()).collect(), <[usize]>::to_vec);
    sorted.sort_unstable();
    match a.dtype() {
        DType::Float32 => super::minmax_zero::settle::<f32>(a, &sorted, r, max),
        _ => super::minmax_zero::settle::<f64>(a, &sorted, r, max),
    }
}

/// `reduce` of a native-order array, ties of max/min kept as the scans
/// find them: the first of equal values, as float16's loop and the scalar
/// `fmax`/`fmin` keep (float16 widens and comes back here).
pub fn reduce_native(
    a: &ArrayRef,
    op: Reduction,
    axes: Option<&[usize]>,
    keepdims: bool,
) -> Result<ArrayRef, EngineError> {
    let shape = a.shape();
    let all: Vec<usize> = (0..shape.len()).collect();
    let axes: Vec<usize> = axes.map(|x| x.to_vec()).unwrap_or(all);
    let mut sorted = axes.clone();
    sorted.sort();
    sorted.dedup();
    if sorted.len() != axes.len() {
        return Err(EngineError::value("duplicate value in 'axis'"));
    }
    if a.dtype().kind() == super::dtype::Kind::Complex {
        return super::scalar_kernels::complex_reduce(a, op, &sorted, keepdims);
    }
    if matches!(a.dtype(), DType::Str(_) | DType::Bytes(_)) {
        return text_reduce(a, op, &sorted, keepdims);
    }
    // A reduction without an identity over an empty axis fails even when
    // the result itself is empty (`np.max(np.zeros((0, 0)), axis=0)`).
    if sorted.iter().any(|&k| shape[k] == 0) {
        match op {
            Reduction::ArgMin | Reduction::ArgMax => return Err(empty_arg_error(op)),
            Reduction::Min | Reduction::Max => {
                return Err(EngineError::value(format!(
                    "zero-size array to reduction operation {} which has no identity",
                    op.ufunc_name()
                )));
            }
            _ => {}
        }
    }
    if *a.dtype() == DType::Float16
        && let Reduction::Var(ddof) | Reduction::Std(ddof) = op
    {
        let std = matches!(op, Reduction::Std(_));
        return super::scalar_kernels::half_var(a, &sorted, keepdims, ddof, std);
    }
    if *a.dtype() == DType::Float16 {
        // NumPy reduces half floats in float32 and rounds the result back.
        let wide = super::kernels::cast(a, &DType::Float32)?;
        let r = reduce_native(&wide, op, Some(&sorted), keepdims)?;
        return match op {
            Reduction::ArgMin | Reduction::ArgMax | Reduction::Any | Reduction::All => Ok(r),
            _ => super::kernels::cast(&r, &DType::Float16),
        };
    }
    let oshape = out_shape(&shape, &sorted, keepdims);
    if let Some(r) = super::reduce_stream::try_spread(a, op, &sorted, &oshape)? {
        return Ok(r);
    }
    if let Some(r) = super::reduce_stream::try_reduce(a, op, &sorted, &oshape)? {
        return Ok(r);
    }
    let innermost = sorted.last() == Some(&(shape.len().saturating_sub(1))) || shape.is_empty();
    // argmin/argmax over several axes index the flattened C order.
    let source = if matches!(op, Reduction::ArgMin | Reduction::ArgMax) && sorted.len() > 1 {
        let c = a.copy(super::array::Order::C)?;
        NdArray::view_with(&c, Layout::c_order(&[c.size()], c.dtype().itemsize()))
    } else {
        a.clone()
    };
    let red_axes: Vec<usize> = if source.ndim() != a.ndim() {
        vec![0]
    } else {
        sorted.clone()
    };
    let (values, dtype) = match op {
        Reduction::Sum | Reduction::Prod => {
            let o = sum_dtype(a.dtype());
            (with_out(&source, &red_axes, op, innermost, &o)?, o)
        }
        Reduction::Mean | Reduction::Var(_) | Reduction::Std(_) => {
            let o = mean_dtype(a.dtype());
            (with_out(&source, &red_axes, op, innermost, &o)?, o)
        }
        Reduction::Any | Reduction::All => (
            with_out(&source, &red_axes, op, innermost, &DType::Bool)?,
            DType::Bool,
        ),
        Reduction::Min | Reduction::Max => (
            with_out(&source, &red_axes, op, innermost, a.dtype())?,
            a.dtype().clone(),
        ),
        Reduction::ArgMin | Reduction::ArgMax => (
            with_out(&source, &red_axes, op, innermost, &DType::Int64)?,
            DType::Int64,
        ),
    };
    NdArray::from_scalars(&oshape, dtype, &values)
}

fn with_out(
    a: &NdArray,
    axes: &[usize],
    op: Reduction,
    innermost: bool,
    o: &DType,
) -> Result<Vec<Scalar>, EngineError> {
    macro_rules! inner {
        ($T:ty) => {
            match o {
                DType::Int64 => fold_typed::<$T, i64>(a, axes, op, innermost),
                DType::UInt64 => fold_typed::<$T, u64>(a, axes, op, innermost),
                DType::Float32 => fold_typed::<$T, f32>(a, axes, op, innermost),
                DType::Float64 => fold_typed::<$T, f64>(a, axes, op, innermost),
                _ => fold_typed::<$T, $T>(a, axes, op, innermost),
            }
        };
    }
    match a.dtype() {
        DType::Bool => inner!(Bool8),
        DType::Int8 => inner!(i8),
        DType::Int16 => inner!(i16),
        DType::Int32 => inner!(i32),
        DType::Int64 => inner!(i64),
        DType::UInt8 => inner!(u8),
        DType::UInt16 => inner!(u16),
        DType::UInt32 => inner!(u32),
        DType::UInt64 => inner!(u64),
        DType::Float32 => inner!(f32),
        DType::Float64 => inner!(f64),
        other => Err(EngineError::type_error(format!(
            "the reduction is not supported for dtype {}",
            other.name()
        ))),
    }
}

/// Reductions of strings as NumPy 2 has them: truth by length
/// (`any`/`all`), the first largest or smallest (`argmax`/`argmin`), and
/// NumPy's errors for the arithmetic ones (its string `add` makes a
/// longer string than the operands, which a reduction cannot hold; there
/// is no string `multiply`, `maximum` or `minimum` loop).
fn text_reduce(
    a: &ArrayRef,
    op: Reduction,
    axes: &[usize],
    keepdims: bool,
) -> Result<ArrayRef, EngineError> {
    match op {
        Reduction::Any | Reduction::All => reduce(
            &super::kernels::cast(a, &DType::Bool)?,
            op,
            Some(axes),
            keepdims,
        ),
        Reduction::ArgMin | Reduction::ArgMax => text_arg(a, op, axes, keepdims),
        Reduction::Sum | Reduction::Mean | Reduction::Var(_) | Reduction::Std(_) => {
            Err(text_add_error(a.dtype(), "reduce"))
        }
        Reduction::Prod => Err(text_no_loop("multiply", a.dtype())),
        Reduction::Min | Reduction::Max => Err(text_no_loop(op.ufunc_name(), a.dtype())),
    }
}

/// `repr` of a text dtype, as NumPy's messages print it.
fn text_dtype_repr(dt: &DType, chars: usize) -> String {
    match dt {
        DType::Bytes(_) => format!("dtype('S{chars}')"),
        _ => format!("dtype('<U{chars}')"),
    }
}

fn text_chars(dt: &DType) -> usize {
    match dt {
        DType::Str(n) | DType::Bytes(n) => *n,
        _ => 0,
    }
}

/// `add.reduce`/`add.accumulate` of strings: the loop resolves to a result
/// twice as long as its operands, which NumPy refuses.
fn text_add_error(dt: &DType, method: &str) -> EngineError {
    let n = text_chars(dt);
    EngineError::type_error(format!(
        "the resolved dtypes are not compatible with add.{method}. Resolved ({}, {}, {})",
        text_dtype_repr(dt, n),
        text_dtype_repr(dt, n),
        text_dtype_repr(dt, 2 * n)
    ))
}

fn text_no_loop(ufunc: &str, dt: &DType) -> EngineError {
    let d = text_dtype_repr(dt, text_chars(dt));
    EngineError::type_error(format!(
        "ufunc '{ufunc}' did not contain a loop with signature matching types ({d}, {d}) -> None"
    ))
}

/// `argmax`/`argmin` of strings along one axis (or over the flattened
/// array): the first position holding the extreme, by code point.
fn text_arg(
    a: &ArrayRef,
    op: Reduction,
    axes: &[usize],
    keepdims: bool,
) -> Result<ArrayRef, EngineError> {
    let shape = a.shape();
    let oshape = out_shape(&shape, axes, keepdims);
    let (src, n) = match axes {
        [axis] if shape.len() > 1 => {
            let (moved, _) = super::sort::axis_last(a, *axis)?;
            (moved, shape[*axis])
        }
        _ => (a.copy(super::array::Order::C)?, a.size()),
    };
    if n == 0 {
        return Err(empty_arg_error(op));
    }
    let vals = src.to_scalars();
    let better = |x: &Scalar, y: &Scalar| match (x, y) {
        (Scalar::Str(p), Scalar::Str(q)) => {
            (op == Reduction::ArgMax && p > q) || (op == Reduction::ArgMin && p < q)
        }
        (Scalar::Bytes(p), Scalar::Bytes(q)) => {
            (op == Reduction::ArgMax && p > q) || (op == Reduction::ArgMin && p < q)
        }
        _ => false,
    };
    let picks: Vec<Scalar> = vals
        .chunks(n)
        .map(|lane| {
            let mut best = 0;
            for (i, x) in lane.iter().enumerate().skip(1) {
                if better(x, &lane[best]) {
                    best = i;
                }
            }
            Scalar::Int(best as i64)
        })
        .collect();
    NdArray::from_scalars(&oshape, DType::Int64, &picks)
}

/// NumPy's error for `argmax`/`argmin` of an empty lane.
pub(super) fn empty_arg_error(op: Reduction) -> EngineError {
    let name = if op == Reduction::ArgMax {
        "argmax"
    } else {
        "argmin"
    };
    EngineError::value(format!("attempt to get {name} of an empty sequence"))
}

/// `cumsum` / `cumprod` along one axis (`None`: over the flattened array).
pub fn accumulate(
    a: &ArrayRef,
    product: bool,
    axis: Option<usize>,
) -> Result<ArrayRef, EngineError> {
    let a = &super::kernels::to_native(a)?;
    if matches!(a.dtype(), DType::Str(_) | DType::Bytes(_)) {
        return Err(if product {
            text_no_loop("multiply", a.dtype())
        } else {
            text_add_error(a.dtype(), "accumulate")
        });
    }
    if a.dtype().kind() == super::dtype::Kind::Complex {
        return super::scalar_kernels::complex_accumulate(a, product, axis);
    }
    if *a.dtype() == DType::Float16 {
        return super::scalar_kernels::half_accumulate(a, product, axis);
    }
    let src = match axis {
        None => {
            let c = a.copy(super::array::Order::C)?;
            NdArray::view_with(&c, Layout::c_order(&[c.size()], c.dtype().itemsize()))
        }
        Some(_) => a.clone(),
    };
    let axis = axis.unwrap_or(0);
    let o = sum_dtype(a.dtype());
    let casted = super::kernels::cast(&src, &o)?;
    let out = casted.copy(super::array::Order::C)?;
    let l = out.layout();
    let (outer, inner) = split_layout(&l, &[axis]);
    let step = inner.strides[0];
    let n = inner.shape[0];
    if n == 0 {
        return Ok(out);
    }
    let mut bytes = out.buffer().bytes_mut();
    crate::dispatch_numeric!(&o, T => {
        for_each_offset(&outer.shape, &outer.strides, outer.offset as isize, |off| {
            let mut acc: T = load::<T>(&bytes, off);
            for k in 1..n {
                let at = off + k as isize * step;
                let x: T = load::<T>(&bytes, at);
                acc = if product { <T as Arith>::mul(acc, x) } else { <T as Arith>::add(acc, x) };
                super::element::store::<T>(&mut bytes, at, acc);
            }
        });
    }, _ => {});
    drop(bytes);
    Ok(out)
}
