//! The arguments every reduction shares, around the engine's reduction:
//! `out=`, `initial=`, `where=`, and for `var`/`std` `correction=` and
//! `mean=`. NumPy's `sum`, `mean`, `max`, … are `ufunc.reduce` calls
//! (`_methods.py`), so each argument means what it means there: `out` is
//! written with an unsafe cast (the result is computed in its own dtype
//! first), `initial` starts the accumulator, and `where` hands the add
//! loop each run of unmasked elements.
//!
//! Integer, bool, `max`/`min` and `any`/`all` results do not depend on the
//! order of the elements, so a mask is applied by filling the skipped
//! elements with the identity. A float sum does: NumPy's masked loop adds
//! the pairwise sum of each run of unmasked elements into the accumulator.
//! The layouts whose order is modelled here (all axes of a contiguous
//! array, the last axis, axis 0 of a C-ordered matrix) were held against
//! NumPy on random data; any other float layout is refused, never guessed.

use crate::engine::array::Order;
use crate::engine::dtype::{DType, Kind};
use crate::engine::kernels::{self, Arith, BinaryOp};
use crate::engine::reduce::{self, Reduction, mean_dtype, sum_dtype};
use crate::engine::typed::elems;
use crate::engine::{ArrayRef, NdArray, Scalar};

use super::convert::to_array;
use super::error::{PyError, PyResult};
use super::ufunc_args::tight_shape;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::{axes_arg, float_arg, reduce_axes_arg, scalarize};
use crate::eval::dtype_arg::dtype_arg;
use crate::eval::protocol::truthy;

/// NumPy's `NPY_BUFSIZE`: a cast input is handed over in chunks this long.
const BUFSIZE: usize = 8192;

/// What one reduction call asked for.
#[derive(Clone)]
struct Call {
    op: Reduction,
    axes: Vec<usize>,
    keepdims: bool,
    /// The accumulator's dtype from `dtype=`, if given.
    dtype: Option<DType>,
    /// The mask, broadcast to the operand's shape, and whether it needed
    /// broadcasting (NumPy's iteration order differs then).
    mask: Option<(ArrayRef, bool)>,
    initial: Option<Value>,
}

/// `np.sum(a, ...)`, `a.sum(...)` and the other reductions, with every
/// argument `_methods.py` passes on. `args` is the registry's canonical
/// call (each argument also by name); `axis_pos` is where `axis` sits.
pub fn reduction(a: &ArrayRef, op: Reduction, args: &Args, axis_pos: usize) -> PyResult<Value> {
    // Reductions compute, and answer, in native byte order.
    let a = &crate::engine::kernels::to_native(a)?;
    let op = with_correction(op, args)?;
    let out = match args.kw("out") {
        None | Some(Value::None) => None,
        Some(Value::Array(o)) => Some(o.clone()),
        Some(_) if matches!(op, Reduction::ArgMax | Reduction::ArgMin) => {
            return Err(PyError::type_error("output must be an array"));
        }
        Some(_) => return Err(PyError::type_error("return arrays must be of ArrayType")),
    };
    let axis = args.get(axis_pos, "axis");
    // `argmax`/`argmin` check their one axis as `PyArray_CheckAxis` does,
    // viewing a 0-d operand as one element first.
    let viewed;
    let a = match (op, axis) {
        (Reduction::ArgMax | Reduction::ArgMin, Some(v))
            if a.ndim() == 0 && !matches!(v, Value::None | Value::Tuple(_)) =>
        {
            viewed = super::coerce::checked_axis(a, v)?.0;
            &viewed
        }
        _ => a,
    };
    let axes = match op {
        // `_mean`/`_var` count the reduced items with `normalize_axis_tuple`
        // first, which keeps no exception for a 0-d operand.
        Reduction::Mean | Reduction::Var(_) | Reduction::Std(_) => axes_arg(axis, a.ndim())?,
        _ => reduce_axes_arg(axis, a.ndim())?,
    }
    .unwrap_or_else(|| (0..a.ndim()).collect());
    let keepdims = match args.kw("keepdims") {
        Some(v) => truthy(v)?,
        None => false,
    };
    let dtype = match args.kw("dtype") {
        Some(d) if !matches!(d, Value::None) => Some(dtype_arg(d)?),
        // `add.reduce` and `multiply.reduce` resolve their loop from the
        // operand and `out` together: a float32 sum into a float64 `out`
        // adds in float64, an int8 sum into an int8 `out` wraps in int8.
        _ => match (&out, op) {
            (Some(o), Reduction::Sum | Reduction::Prod) => {
                Some(out_loop_dtype(a.dtype(), o.dtype()))
            }
            _ => None,
        },
    };
    let mask = match args.kw("where") {
        None => None,
        Some(w) => mask_for(a, w)?,
    };
    let initial = args
        .kw("initial")
        .filter(|v| !matches!(v, Value::None))
        .cloned();
    let call = Call {
        op,
        axes,
        keepdims,
        dtype,
        mask,
        initial,
    };
    if let (Reduction::Mean, Some(o)) = (op, &out) {
        // `_mean` sums into `out`, then divides it there.
        // A float32 operand is summed without `dtype=`, so `out` takes
        // part in choosing the loop (float32 into float64 adds in float64).
        let acc = match (&call.dtype, a.dtype()) {
            (Some(d), _) => d.clone(),
            (None, DType::Float32) => out_loop_dtype(a.dtype(), o.dtype()),
            (None, dt) => mean_dtype(dt),
        };
        // A cast input is summed in NumPy's buffered chunks.
        let cast = *a.dtype() != acc;
        let total = match call.mask.is_some() || call.initial.is_some() || cast {
            true => accumulate(a, &call, &acc, false, call.keepdims)?,
            false => plain(
                a,
                &Call {
                    op: Reduction::Sum,
                    dtype: Some(acc.clone()),
                    ..call.clone()
                },
            )?,
        };
        let held = kernels::cast(&kernels::cast(&total, o.dtype())?, &DType::Float64)?;
        let count = kernels::cast(&counts(a, &call, call.keepdims)?, &DType::Float64)?;
        let mean = kernels::binary(BinaryOp::Div, &held, &count)?;
        write_out(&call, a, &mean, o)?;
        return Ok(Value::Array(o.clone()));
    }
    let result = match (op, args.kw("mean")) {
        (Reduction::Var(_) | Reduction::Std(_), Some(m)) if !matches!(m, Value::None) => {
            spread(a, &call, Some(m))?
        }
        (Reduction::Var(_) | Reduction::Std(_), _) if call.mask.is_some() => {
            spread(a, &call, None)?
        }
        _ if call.mask.is_some() || call.initial.is_some() => extended(a, &call)?,
        _ => plain(a, &call)?,
    };
    // `add.reduce` and `multiply.reduce` report their floating-point
    // errors as `reduce` (a mean of nothing is `_mean`'s own warning).
    if matches!(op, Reduction::Sum | Reduction::Prod)
        || (op == Reduction::Mean && call.axes.iter().all(|&k| a.shape()[k] > 0))
    {
        super::fp_errors::after_reduction("reduce", a, &result)?;
    }
    match out {
        None => Ok(scalarize(result)),
        Some(o) => {
            write_out(&call, a, &result, &o)?;
            Ok(Value::Array(o))
        }
    }
}

/// `correction=` is `ddof=` by its array-API name; both at once is refused.
fn with_correction(op: Reduction, args: &Args) -> PyResult<Reduction> {
    let Some(c) = args.kw("correction") else {
        return Ok(op);
    };
    if args
        .kw("ddof")
        .is_some_and(|d| float_arg(d).is_ok_and(|d| d != 0.0))
    {
        return Err(PyError::value(
            "ddof and correction can't be provided simultaneously.",
        ));
    }
    let c = float_arg(c)?;
    Ok(match op {
        Reduction::Var(_) => Reduction::Var(c),
        Reduction::Std(_) => Reduction::Std(c),
        other => other,
    })
}

/// The `where=` mask as a bool array of `a`'s shape (`None` for `True`),
/// and whether it needed broadcasting.
fn mask_for(a: &ArrayRef, w: &Value) -> PyResult<Option<(ArrayRef, bool)>> {
    // `where=True` is no mask; any other value is one, even if it keeps
    // everything (NumPy then still asks `max` for an initial value).
    let m = match w {
        Value::Bool(true) => return Ok(None),
        Value::Array(m) => m.clone(),
        other => to_array(other, None)?,
    };
    let m = kernels::cast(&m, &DType::Bool)?;
    let shape = a.shape();
    if crate::engine::broadcast::broadcast_shapes(&[&shape, &m.shape()]).as_deref()
        != Some(&shape[..])
    {
        return Err(PyError::value(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {} {} ",
            tight_shape(&shape),
            tight_shape(&m.shape())
        )));
    }
    let broadcast = m.shape() != shape;
    let layout = crate::engine::broadcast::broadcast_layout(&m.layout(), &shape);
    let m = NdArray::view_with(&m, layout);
    Ok(Some((m, broadcast)))
}

/// The reduction with no extra argument: the engine's, in NumPy's order.
fn plain(a: &ArrayRef, call: &Call) -> PyResult<ArrayRef> {
    let src = match (&call.dtype, call.op) {
        (
            Some(d),
            Reduction::Sum
            | Reduction::Prod
            | Reduction::Mean
            | Reduction::Var(_)
            | Reduction::Std(_),
        ) => kernels::cast(a, d)?,
        _ => a.clone(),
    };
    let out = reduce::reduce(&src, call.op, Some(&call.axes), call.keepdims)?;
    Ok(match &call.dtype {
        Some(d) => kernels::cast(&out, d)?,
        None => out,
    })
}

/// The shape of the result, with or without the reduced axes kept.
fn result_shape(a: &ArrayRef, call: &Call, keepdims: bool) -> Vec<usize> {
    let shape = a.shape();
    (0..shape.len())
        .filter_map(|k| match call.axes.contains(&k) {
            true => keepdims.then_some(1),
            false => Some(shape[k]),
        })
        .collect()
}

/// The loop `add`/`multiply` take for an operand of `dt` reduced into an
/// `out` of `out`: the promotion of the two, where two booleans stay
/// boolean (logical or/and), as NumPy's reduction resolves it.
pub fn out_loop_dtype(dt: &DType, out: &DType) -> DType {
    crate::engine::promote::promote_types(out, dt).unwrap_or_else(|| out.clone())
}

/// The name NumPy's messages give the reduction's ufunc.
fn ufunc_name(op: Reduction) -> &'static str {
    match op {
        Reduction::Prod => "multiply",
        Reduction::Max => "maximum",
        Reduction::Min => "minimum",
        Reduction::Any => "logical_or",
        Reduction::All => "logical_and",
        _ => "add",
    }
}

/// `initial=` and/or `where=` on sum, prod, max, min, any, all and mean.
fn extended(a: &ArrayRef, call: &Call) -> PyResult<ArrayRef> {
    let op = call.op;
    if matches!(op, Reduction::Max | Reduction::Min) && call.initial.is_none() {
        return Err(PyError::value(format!(
            "reduction operation '{}' does not have an identity, so to use a where mask one has to specify 'initial'",
            ufunc_name(op)
        )));
    }
    match op {
        Reduction::Sum | Reduction::Prod => {
            let acc = call.dtype.clone().unwrap_or_else(|| sum_dtype(a.dtype()));
            let r = accumulate(a, call, &acc, op == Reduction::Prod, call.keepdims)?;
            Ok(r)
        }
        Reduction::Mean => {
            let acc = call.dtype.clone().unwrap_or_else(|| mean_dtype(a.dtype()));
            let total = accumulate(a, call, &acc, false, call.keepdims)?;
            let count = counts(a, call, call.keepdims)?;
            Ok(kernels::binary(
                BinaryOp::Div,
                &total,
                &*kernels::cast(&count, total.dtype())?,
            )?)
        }
        Reduction::Max | Reduction::Min => extreme(a, call),
        Reduction::Any | Reduction::All => {
            let keep_all = op == Reduction::All;
            let b = kernels::cast(a, &DType::Bool)?;
            let b = fill_skipped(&b, call, Scalar::Bool(keep_all))?;
            Ok(reduce::reduce(&b, op, Some(&call.axes), call.keepdims)?)
        }
        _ => Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement this argument for this reduction yet",
        )),
    }
}

/// `a` copied with the elements the mask skips set to `fill`.
fn fill_skipped(a: &ArrayRef, call: &Call, fill: Scalar) -> PyResult<ArrayRef> {
    let Some((mask, _)) = &call.mask else {
        return Ok(a.clone());
    };
    let keep = mask.to_scalars();
    let vals: Vec<Scalar> = a
        .to_scalars()
        .into_iter()
        .zip(&keep)
        .map(|(v, k)| match k {
            Scalar::Bool(true) => v,
            _ => fill.clone(),
        })
        .collect();
    Ok(NdArray::from_scalars(&a.shape(), a.dtype().clone(), &vals)?)
}

/// The number of elements each output reduces (the mask's count).
fn counts(a: &ArrayRef, call: &Call, keepdims: bool) -> PyResult<ArrayRef> {
    match &call.mask {
        Some((m, _)) => Ok(reduce::reduce(
            &kernels::cast(m, &DType::Int64)?,
            Reduction::Sum,
            Some(&call.axes),
            keepdims,
        )?),
        None => {
            let shape = a.shape();
            let n: usize = call.axes.iter().map(|&k| shape[k]).product();
            let out = result_shape(a, call, keepdims);
            let size = out.iter().product::<usize>();
            Ok(NdArray::from_scalars(
                &out,
                DType::Int64,
                &vec![Scalar::Int(n as i64); size],
            )?)
        }
    }
}

/// `max`/`min` with `initial=` (required with a mask): the order does not
/// matter, so skipped elements take the initial value.
fn extreme(a: &ArrayRef, call: &Call) -> PyResult<ArrayRef> {
    let init = call.initial.as_ref().expect("checked by the caller");
    let init = scalar_of(init, a.dtype())?;
    let shape = result_shape(a, call, call.keepdims);
    let size: usize = shape.iter().product();
    let n: usize = call.axes.iter().map(|&k| a.shape()[k]).product();
    if n == 0 {
        return Ok(NdArray::from_scalars(
            &shape,
            a.dtype().clone(),
            &vec![init; size],
        )?);
    }
    let filled = fill_skipped(a, call, init.clone())?;
    let r = reduce::reduce(&filled, call.op, Some(&call.axes), call.keepdims)?;
    let other = NdArray::from_scalars(&shape, a.dtype().clone(), &vec![init; size])?;
    let op = if call.op == Reduction::Max {
        BinaryOp::Maximum
    } else {
        BinaryOp::Minimum
    };
    Ok(kernels::binary(op, &r, &other)?)
}

/// A Python or NumPy value as one element of `dtype` (`initial=`).
fn scalar_of(v: &Value, dtype: &DType) -> PyResult<Scalar> {
    let arr = match v {
        Value::Array(x) => x.clone(),
        other => to_array(other, None)?,
    };
    if arr.ndim() != 0 {
        return Err(PyError::value("setting an array element with a sequence."));
    }
    Ok(kernels::cast(&arr, dtype)?.first())
}

/// A sum (or product) under `initial=`/`where=`, accumulated in `acc`.
fn accumulate(
    a: &ArrayRef,
    call: &Call,
    acc: &DType,
    product: bool,
    keepdims: bool,
) -> PyResult<ArrayRef> {
    let identity = Scalar::Float(if product { 1.0 } else { 0.0 });
    let src = kernels::cast(a, acc)?;
    let exact = matches!(acc.kind(), Kind::Bool | Kind::Int | Kind::UInt);
    if exact || product {
        // Integers wrap the same in any order; a float product is a plain
        // sequence of multiplications, and multiplying by 1 is exact.
        let fill = kernels::cast(
            &NdArray::from_scalars(&[], DType::Float64, &[identity])?,
            acc,
        )?
        .first();
        let filled = fill_skipped(&src, call, fill)?;
        let op = if product {
            Reduction::Prod
        } else {
            Reduction::Sum
        };
        let r = reduce::reduce(&filled, op, Some(&call.axes), keepdims)?;
        let r = kernels::cast(&r, acc)?;
        return match &call.initial {
            None => Ok(r),
            Some(init) if exact => {
                let init = NdArray::from_scalars(&[], acc.clone(), &[scalar_of(init, acc)?])?;
                let bop = if product {
                    BinaryOp::Mul
                } else {
                    BinaryOp::Add
                };
                Ok(kernels::binary(bop, &r, &init)?)
            }
            Some(_) => float_runs(&src, call, acc, a.dtype() != acc, keepdims, true),
        };
    }
    float_runs(&src, call, acc, a.dtype() != acc, keepdims, false)
}

/// A float sum (or, with `product`, product) in NumPy's masked order.
fn float_runs(
    src: &ArrayRef,
    call: &Call,
    acc: &DType,
    cast: bool,
    keepdims: bool,
    product: bool,
) -> PyResult<ArrayRef> {
    let refuse = || {
        PyError::new(
            "NotImplementedError",
            "slicelab does not implement initial=/where= on a float reduction over this layout yet (NumPy's summation order there is not modelled)",
        )
    };
    let nd = src.ndim();
    let shape = src.shape();
    let strides = src.strides();
    let positive = strides.iter().all(|&s| s >= 0);
    let init = match &call.initial {
        Some(v) => scalar_of(v, acc)?,
        None => Scalar::Float(if product { 1.0 } else { 0.0 }),
    };
    let keep: Vec<bool>;
    let (rows, len, chunk): (usize, usize, usize);
    let values: ArrayRef;
    let broadcast_mask = call.mask.as_ref().is_some_and(|(_, b)| *b);
    let all_axes = call.axes.len() == nd;
    if all_axes && !broadcast_mask && (nd <= 1 && positive || src.is_c_contiguous()) {
        values = src.copy(Order::C)?;
        keep = mask_bools(call, src.size());
        (rows, len) = (1, src.size());
        chunk = if cast { BUFSIZE } else { len.max(1) };
    } else if all_axes && !broadcast_mask && src.is_f_contiguous() {
        // Memory order: the reversed axes, read in C order.
        let rev: Vec<usize> = (0..nd).rev().collect();
        let flip = |x: &ArrayRef| NdArray::view_with(x, x.layout().permuted(&rev));
        values = flip(src).copy(Order::C)?;
        keep = match &call.mask {
            None => vec![true; src.size()],
            Some((m, _)) => bools(&flip(m)),
        };
        (rows, len) = (1, src.size());
        chunk = if cast { BUFSIZE } else { len.max(1) };
    } else if nd >= 2
        && call.axes == [nd - 1]
        && positive
        && strides[..nd - 1].iter().all(|&s| s > strides[nd - 1])
        && !(cast && shape[nd - 1] > BUFSIZE)
    {
        values = src.copy(Order::C)?;
        keep = mask_bools(call, src.size());
        (rows, len) = (src.size() / shape[nd - 1].max(1), shape[nd - 1]);
        chunk = len.max(1);
    } else if nd == 2 && call.axes == [0] && src.is_c_contiguous() {
        // Axis 0 of a C matrix: each column accumulates row by row, so a
        // skipped element is an exact `+ -0.0` (`* 1.0`) and `initial` is
        // a first row.
        let fill = Scalar::Float(if product { 1.0 } else { -0.0 });
        let filled = fill_skipped(src, call, fill)?;
        let first = NdArray::from_scalars(&[1, shape[1]], acc.clone(), &vec![init; shape[1]])?;
        let stacked = crate::eval::reshaping::concatenate(&[first, filled], Some(0))?;
        let op = if product {
            Reduction::Prod
        } else {
            Reduction::Sum
        };
        return Ok(kernels::cast(
            &reduce::reduce(&stacked, op, Some(&[0]), keepdims)?,
            acc,
        )?);
    } else {
        return Err(refuse());
    }
    let out_shape = result_shape(src, call, keepdims);
    let sums: Vec<Scalar> = match acc {
        DType::Float64 => runs::<f64>(&values, &keep, rows, len, chunk, &init, product)?,
        DType::Float32 => runs::<f32>(&values, &keep, rows, len, chunk, &init, product)?,
        _ => return Err(refuse()),
    };
    Ok(NdArray::from_scalars(&out_shape, acc.clone(), &sums)?)
}

/// The mask in C order (all true without one).
fn mask_bools(call: &Call, n: usize) -> Vec<bool> {
    match &call.mask {
        None => vec![true; n],
        Some((m, _)) => bools(m),
    }
}

/// A bool array's elements in C order.
fn bools(m: &ArrayRef) -> Vec<bool> {
    m.to_scalars()
        .iter()
        .map(|s| matches!(s, Scalar::Bool(true)))
        .collect()
}

/// Each row's accumulation, as NumPy's masked loop makes it: the
/// accumulator starts at `init`, and each run of kept elements (runs end
/// at a chunk's end) is added as its pairwise sum, or multiplied in.
fn runs<O: Arith>(
    values: &ArrayRef,
    keep: &[bool],
    rows: usize,
    len: usize,
    chunk: usize,
    init: &Scalar,
    product: bool,
) -> PyResult<Vec<Scalar>> {
    let bytes = values.buffer().bytes();
    let item = values.dtype().itemsize();
    let start = values.layout().offset;
    let xs: &[O] = elems(&bytes[start..start + values.size() * item])
        .ok_or_else(|| PyError::value("unaligned reduction buffer"))?;
    let init = O::from_f64(crate::engine::element::scalar_as_f64(init));
    let mut out = Vec::with_capacity(rows);
    for r in 0..rows {
        let row = &xs[r * len..(r + 1) * len];
        let kept = &keep[r * len..(r + 1) * len];
        let mut acc = init;
        let mut i = 0;
        while i < len {
            let end = (i / chunk + 1) * chunk;
            let end = end.min(len);
            while i < end && !kept[i] {
                i += 1;
            }
            let j = (i..end).find(|&j| !kept[j]).unwrap_or(end);
            if j > i {
                acc = if product {
                    row[i..j].iter().fold(acc, |p, &x| O::mul(p, x))
                } else {
                    O::add(
                        acc,
                        crate::engine::reduce_stream::pairwise_by(j - i, &|k| row[i + k]),
                    )
                };
            }
            i = j;
        }
        out.push(Scalar::Float(acc.to_f64()));
    }
    Ok(out)
}

/// `var`/`std` as `_methods._var` computes them when `where=` or `mean=`
/// is given: the mean (masked sum over count, or the one given), the
/// squared deviations, their masked sum over `max(count - ddof, 0)`.
fn spread(a: &ArrayRef, call: &Call, mean: Option<&Value>) -> PyResult<ArrayRef> {
    let (ddof, std) = match call.op {
        Reduction::Var(d) => (d, false),
        Reduction::Std(d) => (d, true),
        _ => unreachable!("spread is for var and std"),
    };
    if a.dtype().kind() == Kind::Complex || *a.dtype() == DType::Float16 {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement where=/mean= in var/std of complex or float16 arrays yet",
        ));
    }
    let acc = call.dtype.clone().unwrap_or_else(|| mean_dtype(a.dtype()));
    let count = counts(a, call, true)?;
    let centre = match mean {
        Some(m) => {
            let m = match m {
                Value::Array(x) => x.clone(),
                other => to_array(other, None)?,
            };
            let shape = a.shape();
            if crate::engine::broadcast::broadcast_shapes(&[&shape, &m.shape()]).as_deref()
                != Some(&shape[..])
            {
                return Err(PyError::value(format!(
                    "operands could not be broadcast together with shapes {} {} ",
                    tight_shape(&shape),
                    tight_shape(&m.shape())
                )));
            }
            kernels::cast(&m, &acc)?
        }
        None => {
            let total = accumulate(a, call, &acc, false, true)?;
            kernels::binary(BinaryOp::Div, &total, &*kernels::cast(&count, &acc)?)?
        }
    };
    // `arr - arrmean` keeps the operand's memory order (order='K').
    let order = if !a.is_c_contiguous() && a.is_f_contiguous() {
        Order::F
    } else {
        Order::C
    };
    let wide = kernels::cast(a, &acc)?.copy(order)?;
    let dev = kernels::binary(BinaryOp::Sub, &wide, &centre)?.copy(order)?;
    let sq = kernels::binary(BinaryOp::Mul, &dev, &dev)?.copy(order)?;
    let inner = Call {
        op: Reduction::Sum,
        axes: call.axes.clone(),
        keepdims: call.keepdims,
        dtype: Some(acc.clone()),
        mask: call.mask.clone(),
        initial: None,
    };
    let total = if inner.mask.is_some() {
        accumulate(&sq, &inner, &acc, false, call.keepdims)?
    } else {
        plain(&sq, &inner)?
    };
    let count = counts(a, call, call.keepdims)?;
    let dof: Vec<Scalar> = count
        .to_scalars()
        .iter()
        .map(|c| Scalar::Float((crate::engine::element::scalar_as_f64(c) - ddof).max(0.0)))
        .collect();
    let dof = NdArray::from_scalars(&count.shape(), acc.clone(), &dof)?;
    let var = kernels::binary(BinaryOp::Div, &total, &dof)?;
    if !std {
        return Ok(var);
    }
    // IEEE square roots are correctly rounded, in float32 as in float64.
    let single = *var.dtype() == DType::Float32;
    let roots: Vec<Scalar> = var
        .to_scalars()
        .iter()
        .map(|v| {
            let x = crate::engine::element::scalar_as_f64(v);
            Scalar::Float(if single {
                f64::from((x as f32).sqrt())
            } else {
                x.sqrt()
            })
        })
        .collect();
    Ok(NdArray::from_scalars(
        &var.shape(),
        var.dtype().clone(),
        &roots,
    )?)
}

/// Write a reduction's result into `out=` as NumPy does: the shape must
/// match (NumPy's two messages), and the value is cast unsafely.
fn write_out(call: &Call, a: &ArrayRef, result: &ArrayRef, out: &ArrayRef) -> PyResult<()> {
    if matches!(call.op, Reduction::ArgMax | Reduction::ArgMin)
        && out.shape() != result_shape(a, call, call.keepdims)
    {
        let name = if call.op == Reduction::ArgMax {
            "argmax"
        } else {
            "argmin"
        };
        return Err(PyError::value(format!(
            "output array does not match result of np.{name}."
        )));
    }
    write_reduced(
        ufunc_name(call.op),
        &a.shape(),
        &call.axes,
        call.keepdims,
        result,
        out,
    )
}

/// `ufunc.reduce(..., out=out)`'s write: `out` must have the result's
/// shape (NumPy's messages for each way it can differ), and the result is
/// cast into it unsafely. `operand` is the reduced array's shape, `axes`
/// the reduced axes.
pub fn write_reduced(
    ufunc: &str,
    operand: &[usize],
    axes: &[usize],
    keepdims: bool,
    result: &ArrayRef,
    out: &ArrayRef,
) -> PyResult<()> {
    let want: Vec<usize> = (0..operand.len())
        .filter_map(|k| match axes.contains(&k) {
            true => keepdims.then_some(1),
            false => Some(operand[k]),
        })
        .collect();
    let have = out.shape();
    if have.len() != want.len() {
        let tail = if keepdims {
            " (must match the operand's when keepdims=True)"
        } else {
            ""
        };
        return Err(PyError::value(format!(
            "output parameter for reduction operation {ufunc} has the wrong number of dimensions: Found {} but expected {}{tail}",
            have.len(),
            want.len()
        )));
    } else if have != want {
        if let ([1], [w]) = (&have[..], &want[..])
            && *w != 1
        {
            return Err(PyError::value(
                "output operand requires a reduction along dimension 0, but the reduction is not enabled. The dimension size of 1 does not match the expected output shape.",
            ));
        }
        if have.iter().zip(&want).any(|(h, w)| h != w && *h == 1) {
            // NumPy's iterator names a broadcastable `out` by the axis
            // it would reduce, in its own axis order (not modelled).
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab's {ufunc}.reduce takes an out= of the result's shape {}, not {}",
                    tight_shape(&want),
                    tight_shape(&have)
                ),
            ));
        }
        // NumPy names the output remapped onto the operand's axes.
        let mut dims = have.iter().map(usize::to_string);
        let mut remapped: Vec<String> = (0..operand.len())
            .map(|k| match axes.contains(&k) && !keepdims {
                true => "newaxis".to_string(),
                false => dims.next().unwrap_or_default(),
            })
            .collect();
        while remapped.first().is_some_and(|d| d == "newaxis") {
            remapped.remove(0);
        }
        return Err(PyError::value(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {}->({}) {} ",
            tight_shape(&have),
            remapped.join(","),
            tight_shape(operand)
        )));
    }
    if !out.writeable() {
        return Err(PyError::value("output array is read-only"));
    }
    let src = kernels::cast(result, out.dtype())?;
    let layout = crate::engine::layout::Layout::c_order(&have, src.dtype().itemsize());
    let src = NdArray::view_with(&src.copy(Order::C)?, layout);
    crate::engine::array::copy_elements(&src, out)?;
    Ok(())
}

/// `np.cumsum(..., out=)`: the running result, cast unsafely into `out`,
/// which must have its size (NumPy's `accumulate` checks only that).
pub fn accumulated_into(result: ArrayRef, out: Option<&Value>) -> PyResult<Value> {
    let o = match out {
        None | Some(Value::None) => return Ok(Value::Array(result)),
        Some(Value::Array(o)) => o.clone(),
        Some(_) => return Err(PyError::type_error("output must be an array")),
    };
    if o.shape() != result.shape() {
        return Err(PyError::value(
            "provided out is the wrong size for the accumulation.",
        ));
    }
    if !o.writeable() {
        return Err(PyError::value("output array is read-only"));
    }
    crate::engine::array::copy_elements(&*kernels::cast(&result, o.dtype())?, &o)?;
    Ok(Value::Array(o))
}
