//! NumPy functions beyond indexing that learners reach for next:
//! `fmod`/`divmod`/`round`, `median`/`ptp`/`nan*` reductions, `diff`,
//! `rot90`, `tile`, `column_stack`, `allclose`/`isclose`, `isin`,
//! `result_type` with Python scalars, `np.size(a, axis)`, and the products
//! of `linalg.rs`.

use crate::engine::dtype::{DType, Kind};
use crate::engine::element::scalar_as_f64;
use crate::engine::kernels::{self, BinaryOp};
use crate::engine::reduce::normalize_axis;
use crate::engine::{ArrayRef, NdArray, Order, Scalar};

use super::error::{PyError, PyResult};
use super::index_routines::common_dtype;
use super::ops::numpy_binary;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::{int_arg, scalarize, shape_arg};
use crate::eval::convert::as_array;
use crate::eval::protocol::{iterate, truthy};
use crate::eval::reshaping::{concatenate, flip, reshape, transpose};

/// The `np.*` names this module answers.
pub const NAMES: &[&str] = &[
    "fmod",
    "divmod",
    "round",
    "around",
    "rot90",
    "median",
    "ptp",
    "nanmax",
    "nanmin",
    "nansum",
    "nanmean",
    "column_stack",
    "diff",
    "dot",
    "matmul",
    "outer",
    "allclose",
    "isclose",
    "isin",
];

/// Keywords each function understands; any other is Python's TypeError,
/// so an option slicelab does not model is never silently ignored.
fn keywords(name: &str) -> &'static [&'static str] {
    match name {
        "fmod" | "divmod" | "dot" | "matmul" | "outer" => &["x1", "x2", "a", "b"],
        "round" | "around" => &["a", "decimals"],
        "rot90" => &["m", "k", "axes"],
        "median" => &["a", "axis", "out", "overwrite_input", "keepdims"],
        "ptp" => &["a", "axis", "keepdims"],
        "nanmax" | "nanmin" | "nansum" | "nanmean" => &["a", "axis"],
        "column_stack" => &["tup"],
        "diff" => &["a", "n", "axis", "prepend", "append"],
        "allclose" | "isclose" => &["a", "b", "rtol", "atol", "equal_nan"],
        "isin" => &[
            "element",
            "test_elements",
            "assume_unique",
            "invert",
            "kind",
        ],
        _ => &[],
    }
}

/// Call one of [`NAMES`].
pub fn call(name: &str, args: &Args) -> PyResult<Value> {
    if let Some((k, _)) = args
        .kw
        .iter()
        .find(|(k, _)| !keywords(name).contains(&k.as_str()))
    {
        if matches!(
            k.as_str(),
            "out" | "dtype" | "overwrite_input" | "where" | "initial" | "method" | "equal_nan"
        ) {
            return Err(PyError::new(
                "NotImplementedError",
                format!("slicelab does not support {k}= in np.{name}"),
            ));
        }
        return Err(PyError::type_error(format!(
            "{name}() got an unexpected keyword argument '{k}'"
        )));
    }
    // `np.median` writes `out` through `np.mean`'s reduction.
    if name == "median"
        && let Some(out) = args.get(2, "out").filter(|v| !matches!(v, Value::None))
    {
        let mut pos = args.pos.clone();
        if let Some(p) = pos.get_mut(2) {
            *p = Value::None;
        }
        let kw = args
            .kw
            .iter()
            .filter(|(k, _)| k != "out")
            .cloned()
            .collect();
        let result = call(name, &Args { pos, kw })?;
        return super::out_param::write(super::out_param::OutWrite::Reduction, &result, out);
    }
    let x0 = || args.req(0, "a", name);
    match name {
        "fmod" => fmod(args.req(0, "x1", name)?, args.req(1, "x2", name)?),
        "divmod" => {
            let (a, b) = (args.req(0, "x1", name)?, args.req(1, "x2", name)?);
            Ok(Value::tuple(vec![
                numpy_binary(BinaryOp::FloorDiv, a, b)?,
                numpy_binary(BinaryOp::Mod, a, b)?,
            ]))
        }
        "round" | "around" => {
            let a = as_array(x0()?)?;
            let d = match args.get(1, "decimals") {
                Some(v) => int_arg(v, "")?,
                None => 0,
            };
            Ok(scalarize(round(&a, d)?))
        }
        "rot90" => rot90(args),
        "median" => {
            if args.kw("overwrite_input").map_or(Ok(false), truthy)? {
                super::searching::partition_input(
                    x0()?,
                    args.get(1, "axis"),
                    super::searching::median_kth,
                )?;
            }
            let a = crate::engine::kernels::to_native(&as_array(x0()?)?)?;
            let m = match args.get(1, "axis") {
                // NumPy's `_ureduce`: several axes are moved last and
                // flattened into one (the median does not depend on order).
                Some(v @ (Value::Tuple(_) | Value::List(_))) => {
                    let axes = super::axis_tuple::normalize_axis_tuple(v, a.ndim(), None, false)?;
                    let shape = a.shape();
                    let kept: Vec<usize> = (0..a.ndim()).filter(|k| !axes.contains(k)).collect();
                    let perm: Vec<i64> = kept.iter().chain(&axes).map(|&k| k as i64).collect();
                    let moved = super::reshaping::transpose(&a, Some(perm))?;
                    let mut dims: Vec<Value> =
                        kept.iter().map(|&k| Value::Int(shape[k] as i128)).collect();
                    dims.push(Value::Int(-1));
                    let flat = reshape(&moved, &Value::tuple(dims), Order::C)?;
                    median(&flat, Some(&Value::Int(-1)))?
                }
                other => median(&a, other)?,
            };
            let keep = match args.get(3, "keepdims") {
                Some(v) => truthy(v)?,
                None => false,
            };
            if !keep {
                return Ok(m);
            }
            // The reduced axis (or every axis) stays with length 1.
            let mut shape = a.shape();
            match args.get(1, "axis") {
                None | Some(Value::None) => shape.iter_mut().for_each(|d| *d = 1),
                Some(v) => {
                    for k in super::axis_tuple::normalize_axis_tuple(v, a.ndim(), None, false)? {
                        shape[k] = 1;
                    }
                }
            }
            let dims = Value::tuple(shape.iter().map(|&d| Value::Int(d as i128)).collect());
            Ok(Value::Array(reshape(&as_array(&m)?, &dims, Order::C)?))
        }
        "ptp" => {
            let a = as_array(x0()?)?;
            let axes = crate::eval::coerce::reduce_axes_arg(args.get(1, "axis"), a.ndim())?;
            let keep = match args.kw("keepdims") {
                Some(v) => truthy(v)?,
                None => false,
            };
            use crate::engine::reduce::{Reduction, reduce};
            let hi = reduce(&a, Reduction::Max, axes.as_deref(), keep)?;
            let lo = reduce(&a, Reduction::Min, axes.as_deref(), keep)?;
            Ok(scalarize(kernels::binary(BinaryOp::Sub, &hi, &lo)?))
        }
        "nanmax" | "nanmin" | "nansum" | "nanmean" => nan_reduce(name, &as_array(x0()?)?, args),
        "column_stack" => {
            let items = iterate(args.req(0, "tup", name)?)?;
            let cols: Vec<ArrayRef> = items
                .iter()
                .map(|v| {
                    let a = as_array(v)?;
                    if a.ndim() < 2 {
                        let n = a.size() as i128;
                        let col = Value::tuple(vec![Value::Int(n), Value::Int(1)]);
                        Ok(reshape(&a.copy(Order::C)?, &col, Order::C)?)
                    } else {
                        Ok(a)
                    }
                })
                .collect::<PyResult<_>>()?;
            Ok(Value::Array(concatenate(&cols, Some(1))?))
        }
        "diff" => diff(args),
        "dot" => super::linalg::dot(args.req(0, "a", name)?, args.req(1, "b", name)?),
        "matmul" => super::linalg::matmul(args.req(0, "x1", name)?, args.req(1, "x2", name)?),
        "outer" => super::linalg::outer(args.req(0, "a", name)?, args.req(1, "b", name)?),
        "isin" => isin(args),
        other => Err(PyError::attribute("module", other)),
    }
}

/// `np.fmod`: the remainder with the sign of the dividend (C's `fmod`).
fn fmod(a: &Value, b: &Value) -> PyResult<Value> {
    let dt = common_dtype(&[a.clone(), b.clone()])?;
    let dt = if dt == DType::Bool { DType::Int8 } else { dt };
    let x = kernels::cast(&as_array(a)?, &dt)?;
    let y = kernels::cast(&as_array(b)?, &dt)?;
    let shape = crate::engine::broadcast::broadcast_shapes_or_err(&[&x.shape(), &y.shape()])?;
    let xs = x.to_scalars_layout(&crate::engine::broadcast::broadcast_layout(
        &x.layout(),
        &shape,
    ));
    let ys = y.to_scalars_layout(&crate::engine::broadcast::broadcast_layout(
        &y.layout(),
        &shape,
    ));
    let vals: Vec<Scalar> = xs
        .iter()
        .zip(&ys)
        .map(|(p, q)| match (p, q) {
            (Scalar::Int(p), Scalar::Int(q)) => {
                Scalar::Int(if *q == 0 { 0 } else { p.wrapping_rem(*q) })
            }
            (Scalar::UInt(p), Scalar::UInt(q)) => Scalar::UInt(if *q == 0 { 0 } else { p % q }),
            _ => Scalar::Float(scalar_as_f64(p) % scalar_as_f64(q)),
        })
        .collect();
    let out = NdArray::from_scalars(&shape, dt.clone(), &vals)?;
    Ok(scalarize(out))
}

/// `np.round(a, decimals)`: half to even after scaling, as NumPy, laid
/// out as `PyArray_Round` (calculation.c) allocates it: a copy in K order
/// for complex data and for integers kept as they are, `rint`'s K order
/// for `decimals=0`, else C order unless `a` is Fortran-ordered only.
pub fn round(a: &ArrayRef, decimals: i64) -> PyResult<ArrayRef> {
    // Booleans round through `rint`, whose smallest float loop is
    // float16; with decimals NumPy's float64 scaling cannot go back into
    // the bool array it writes.
    if *a.dtype() == DType::Bool {
        if decimals != 0 {
            let op = if decimals > 0 { "multiply" } else { "divide" };
            return Err(PyError::type_error(format!(
                "Cannot cast ufunc '{op}' output from dtype('float64') to dtype('bool') with casting rule 'same_kind'"
            )));
        }
        return Ok(kernels::cast(a, &DType::Float16)?);
    }
    let out = round_values(a, decimals)?;
    let kind = a.dtype().kind();
    let keep = kind == Kind::Complex || (matches!(kind, Kind::Int | Kind::UInt) && decimals >= 0);
    if keep {
        let kept = a.zeros_kept(out.dtype().clone())?;
        crate::engine::array::copy_elements(&out, &kept)?;
        Ok(kept)
    } else if decimals == 0 {
        Ok(crate::engine::kept_order::kept_like(out, &[&**a])?)
    } else if a.is_f_contiguous() && !a.is_c_contiguous() {
        Ok(out.copy(Order::F)?)
    } else {
        Ok(out)
    }
}

fn round_values(a: &ArrayRef, decimals: i64) -> PyResult<ArrayRef> {
    if matches!(a.dtype().kind(), Kind::Int | Kind::UInt | Kind::Bool) {
        if decimals >= 0 {
            return Ok(a.copy(Order::C)?);
        }
        let p = 10f64.powi((-decimals) as i32);
        let f = crate::eval::complex_fns::unary_float(a, move |x| (x / p).round_ties_even() * p)?;
        return Ok(kernels::cast(&f, a.dtype())?);
    }
    if matches!(a.dtype(), DType::Ordered(..)) {
        // Computed in native order. With decimals NumPy's `PyArray_Round`
        // writes into an array of the input's own dtype; without, `rint`
        // gives a native one.
        let out = round_values(&kernels::to_native(a)?, decimals)?;
        return Ok(if decimals == 0 {
            out
        } else {
            kernels::cast(&out, a.dtype())?
        });
    }
    let d = decimals as i32;
    if *a.dtype() == DType::Float32 {
        // NumPy scales and rounds in float32 arithmetic.
        let p = 10f32.powi(d.abs());
        return Ok(if d >= 0 {
            kernels::map_f32(a, move |x| (x * p).round_ties_even() / p)?
        } else {
            kernels::map_f32(a, move |x| (x / p).round_ties_even() * p)?
        });
    }
    if *a.dtype() == DType::Float16 && d != 0 {
        // NumPy scales and rounds in float16: each step is float32's,
        // rounded to half (so `1000.5` scaled by 100 overflows to inf).
        use crate::engine::scalar_kernels::half;
        let p = half(10f32.powi(d.abs()));
        let wide = kernels::cast(a, &DType::Float32)?;
        let out = kernels::map_f32(&wide, move |x| {
            if d >= 0 {
                half(half(half(x * p).round_ties_even()) / p)
            } else {
                half(half(half(x / p).round_ties_even()) * p)
            }
        })?;
        return Ok(kernels::cast(&out, &DType::Float16)?);
    }
    let p = 10f64.powi(d.abs());
    let f = move |x: f64| {
        if d >= 0 {
            (x * p).round_ties_even() / p
        } else {
            (x / p).round_ties_even() * p
        }
    };
    if a.dtype().kind() == Kind::Complex {
        let vals: Vec<Scalar> = a
            .to_scalars()
            .iter()
            .map(|s| match s {
                Scalar::Complex(r, i) => Scalar::Complex(f(*r), f(*i)),
                other => other.clone(),
            })
            .collect();
        return Ok(NdArray::from_scalars(&a.shape(), a.dtype().clone(), &vals)?);
    }
    let out = crate::eval::complex_fns::unary_float(a, f)?;
    Ok(kernels::cast(&out, a.dtype())?)
}

fn rot90(args: &Args) -> PyResult<Value> {
    let m = as_array(args.req(0, "m", "rot90")?)?;
    // `k % 4` is taken on the Python int, so any size of k works.
    let k = match args.get(1, "k") {
        Some(Value::Int(i)) => i.rem_euclid(4) as i64,
        Some(v) => int_arg(v, "")?,
        None => 1,
    };
    let axes: Vec<i64> = match args.get(2, "axes") {
        Some(v) => iterate(v)?
            .iter()
            .map(|x| int_arg(x, ""))
            .collect::<PyResult<_>>()?,
        None => vec![0, 1],
    };
    let nd = m.ndim() as i64;
    if axes.len() != 2 {
        return Err(PyError::value("len(axes) must be 2."));
    }
    if axes[0] == axes[1] || (axes[0] - axes[1]).abs() == nd {
        return Err(PyError::value("Axes must be different."));
    }
    if axes.iter().any(|&x| x >= nd || x < -nd) {
        return Err(PyError::value(format!(
            "Axes=({}, {}) out of range for array of ndim={nd}.",
            axes[0], axes[1]
        )));
    }
    let (a0, a1) = (
        normalize_axis(axes[0], nd as usize)?,
        normalize_axis(axes[1], nd as usize)?,
    );
    let k = k.rem_euclid(4);
    let mut perm: Vec<i64> = (0..nd).collect();
    perm.swap(a0, a1);
    Ok(Value::Array(match k {
        0 => NdArray::view_with(&m, m.layout()),
        2 => flip(&flip(&m, Some(vec![a0]))?, Some(vec![a1]))?,
        1 => transpose(&flip(&m, Some(vec![a1]))?, Some(perm))?,
        _ => flip(&transpose(&m, Some(perm))?, Some(vec![a1]))?,
    }))
}

/// The lanes along `axis` (all elements for None), with the shape the
/// reduced result has.
fn lanes(a: &ArrayRef, axis: Option<&Value>) -> PyResult<(Vec<Vec<Scalar>>, Vec<usize>)> {
    match axis {
        None | Some(Value::None) => Ok((vec![a.to_scalars()], vec![])),
        Some(v) => {
            let ax = normalize_axis(int_arg(v, "")?, a.ndim())?;
            let nd = a.ndim();
            let mut perm: Vec<i64> = (0..nd as i64).filter(|&k| k != ax as i64).collect();
            perm.push(ax as i64);
            let moved = transpose(a, Some(perm))?;
            let n = a.shape()[ax];
            let mut shape = a.shape();
            shape.remove(ax);
            if n == 0 {
                let count: usize = shape.iter().product();
                return Ok((vec![vec![]; count], shape));
            }
            let vals = moved.to_scalars();
            Ok((vals.chunks(n).map(|c| c.to_vec()).collect(), shape))
        }
    }
}

/// `_median`: the lanes partitioned at NumPy's kth (so the same middle
/// elements, signed zeros included), the mean of the middle one or two
/// (NumPy's `np.mean`, with its dtype rules and errors), and NaN where a
/// lane's last element is NaN. Numeric lanes are partitioned typed; the
/// others (float16, complex, strings) through the boxed partition.
fn median(a: &ArrayRef, axis: Option<&Value>) -> PyResult<Value> {
    let (a, ax) = match axis {
        None | Some(Value::None) => (reshape(a, &Value::Int(-1), Order::C)?, 0),
        Some(v) => (a.clone(), normalize_axis(int_arg(v, "")?, a.ndim())?),
    };
    if a.dtype().kind() == Kind::DateTime || a.dtype().kind() == Kind::TimeDelta {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement np.median for datetime64/timedelta64 values yet",
        ));
    }
    let n = a.shape()[ax];
    if n == 0 || a.size() == 0 {
        return empty_median(&a, ax);
    }
    let mut kth: Vec<usize> = super::searching::median_kth(n, a.dtype())
        .unwrap_or_default()
        .into_iter()
        .map(|k| k.rem_euclid(n as i64) as usize)
        .collect();
    kth.sort_unstable();
    let (part, typed) = match crate::engine::select::partitioned(&a, ax, &kth)? {
        Some(part) => (part, true),
        None => {
            let nd = a.ndim() as i64;
            let perm: Vec<i64> = (0..nd)
                .filter(|&k| k != ax as i64)
                .chain([ax as i64])
                .collect();
            let moved = transpose(&a, Some(perm))?;
            let kth_v = Value::list(kth.iter().map(|&k| Value::Int(k as i128)).collect());
            let part = super::searching::partition(
                &Value::Array(moved),
                &kth_v,
                Some(&Value::Int(-1)),
                false,
            )?;
            (part, false)
        }
    };
    let last = part.ndim() - 1;
    let mut middle = part.layout();
    middle.offset += (n - 1) / 2 * part.layout().strides[last] as usize;
    middle.shape[last] = 2 - n % 2;
    let middle = NdArray::view_with(&part, middle);
    let mean_args = Args {
        pos: vec![Value::Array(middle.clone()), Value::Int(last as i128)],
        kw: vec![],
    };
    let m = super::reduce_args::reduction(
        &middle,
        crate::engine::reduce::Reduction::Mean,
        &mean_args,
        1,
    )?;
    if !super::searching::supports_nans(a.dtype()) {
        return Ok(m);
    }
    let m = as_array(&m)?;
    if typed {
        crate::engine::select::nan_lanes_into(&part, &m);
        return Ok(scalarize(m));
    }
    // `_median_nancheck` element by element.
    let lasts = part.to_scalars();
    let mut vals = m.to_scalars();
    for (v, lane) in vals.iter_mut().zip(lasts.chunks_exact(n)) {
        if super::searching::is_nan(&lane[n - 1]) {
            *v = lane[n - 1].clone();
        }
    }
    Ok(scalarize(NdArray::from_scalars(
        &m.shape(),
        m.dtype().clone(),
        &vals,
    )?))
}

/// The median of each lane of an empty axis: NaN, as the mean of nothing
/// (in the mean's dtype: float16 and float32 keep theirs).
fn empty_median(a: &ArrayRef, axis: usize) -> PyResult<Value> {
    let mut shape = a.shape();
    shape.remove(axis);
    let dt = match a.dtype() {
        DType::Float16 | DType::Float32 => a.dtype().clone(),
        _ => DType::Float64,
    };
    let nans = vec![Scalar::Float(f64::NAN); shape.iter().product()];
    Ok(scalarize(NdArray::from_scalars(&shape, dt, &nans)?))
}

fn nan_reduce(name: &str, a: &ArrayRef, args: &Args) -> PyResult<Value> {
    if a.dtype().kind() != Kind::Float {
        // Without NaNs these are the plain reductions.
        let plain = &name[3..];
        let op = match plain {
            "max" => crate::engine::reduce::Reduction::Max,
            "min" => crate::engine::reduce::Reduction::Min,
            "sum" => crate::engine::reduce::Reduction::Sum,
            _ => crate::engine::reduce::Reduction::Mean,
        };
        return super::reduce_args::reduction(a, op, args, 1);
    }
    if let Some(v) = nan_reduce_typed(name, a, args.get(1, "axis"))? {
        return Ok(v);
    }
    let (lanes, shape) = lanes(a, args.get(1, "axis"))?;
    let vals: Vec<Scalar> = lanes
        .iter()
        .map(|lane| {
            let xs: Vec<f64> = lane
                .iter()
                .map(scalar_as_f64)
                .filter(|x| !x.is_nan())
                .collect();
            Scalar::Float(match name {
                "nansum" => xs.iter().fold(0.0, |acc, x| acc + x),
                "nanmean" if xs.is_empty() => f64::NAN,
                "nanmean" => xs.iter().fold(0.0, |acc, x| acc + x) / xs.len() as f64,
                _ if xs.is_empty() => f64::NAN,
                "nanmax" => xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                _ => xs.iter().copied().fold(f64::INFINITY, f64::min),
            })
        })
        .collect();
    if lanes.iter().any(|l| l.is_empty()) && matches!(name, "nanmax" | "nanmin") {
        // `np.fmax.reduce` for an ndarray; anything else has its NaNs
        // replaced and goes through `np.amax`/`np.amin`.
        let ndarray_in = matches!(args.pos.first(), Some(Value::Array(_)));
        let op = match (name == "nanmax", ndarray_in) {
            (true, true) => "fmax",
            (false, true) => "fmin",
            (true, false) => "maximum",
            (false, false) => "minimum",
        };
        return Err(PyError::value(format!(
            "zero-size array to reduction operation {op} which has no identity"
        )));
    }
    let out = NdArray::from_scalars(&shape, DType::Float64, &vals)?;
    Ok(scalarize(kernels::cast(&out, a.dtype())?))
}

/// `nansum`/`nanmean`/`nanmax`/`nanmin` of a float64 or float32 array as
/// `numpy/lib/_nanfunctions_impl.py` computes them: `nansum` is `np.sum`
/// of the array with its NaNs replaced by 0 (pairwise, in the array's own
/// type), `nanmean` that sum over the count of non-NaNs, and `nanmax` of
/// an array without NaNs is its `max`. `None`: the lane-by-lane path
/// (other dtypes, `nanmax` where a NaN is present, empty arrays).
fn nan_reduce_typed(name: &str, a: &ArrayRef, axis: Option<&Value>) -> PyResult<Option<Value>> {
    use crate::engine::element::Bool8;
    use crate::engine::reduce::Reduction;
    // float16 sums as NumPy's do (in float32, rounded once): zeroing its
    // NaNs in float32 and casting back is exact.
    if *a.dtype() == DType::Float16 && matches!(name, "nansum" | "nanmean") && a.size() > 0 {
        let wide = kernels::cast(a, &DType::Float32)?;
        let zeroed = kernels::cast(
            &kernels::map_f32(&wide, |x| if x.is_nan() { 0.0 } else { x })?,
            &DType::Float16,
        )?;
        let present = kernels::map_to::<f32, Bool8>(&wide, |x| Bool8(!x.is_nan() as u8))?;
        return nan_sum_mean(name, a, &zeroed, &present, axis);
    }
    let double = match a.dtype() {
        DType::Float64 => true,
        DType::Float32 => false,
        _ => return Ok(None),
    };
    if a.size() == 0 {
        return Ok(None);
    }
    let axes = match axis {
        None | Some(Value::None) => None,
        Some(v) => Some(vec![normalize_axis(int_arg(v, "")?, a.ndim())?]),
    };
    let axes = axes.as_deref();
    let zeroed = || -> PyResult<ArrayRef> {
        Ok(if double {
            kernels::map_f64(a, |x| if x.is_nan() { 0.0 } else { x })?
        } else {
            kernels::map_f32(a, |x| if x.is_nan() { 0.0 } else { x })?
        })
    };
    Ok(Some(match name {
        "nansum" | "nanmean" => {
            let present = if double {
                kernels::map_to::<f64, Bool8>(a, |x| Bool8(!x.is_nan() as u8))?
            } else {
                kernels::map_to::<f32, Bool8>(a, |x| Bool8(!x.is_nan() as u8))?
            };
            return nan_sum_mean(name, a, &zeroed()?, &present, axis);
        }
        _ => {
            let op = if name == "nanmax" {
                Reduction::Max
            } else {
                Reduction::Min
            };
            // `np.fmax.reduce`: its scalar steps (C's `fmax`) keep the first
            // of equal values, as the scans do, but a run of more than one
            // vector also folds vector lanes, which keep the second: which
            // zero comes out there is not modelled.
            let r = crate::engine::reduce::reduce_native(a, op, axes, false)?;
            let vals = r.to_scalars();
            if vals.iter().any(|x| scalar_as_f64(x).is_nan()) {
                return Ok(None);
            }
            let lanes = 32 / a.dtype().itemsize();
            let zero_result = vals.iter().any(|x| scalar_as_f64(x) == 0.0);
            if zero_result && a.size() > lanes + 1 && both_zeros(a) {
                return Err(PyError::new(
                    "NotImplementedError",
                    format!(
                        "slicelab does not model which zero (0.0 or -0.0) NumPy's np.{name} returns here"
                    ),
                ));
            }
            scalarize(r)
        }
    }))
}

/// `nansum` (`np.sum` of the array with NaNs as 0, in its own type) or
/// `nanmean` (that sum over the count of `present`, `_divide_by_count`:
/// the division in float64, rounded to the sum's type).
fn nan_sum_mean(
    name: &str,
    a: &ArrayRef,
    zeroed: &ArrayRef,
    present: &ArrayRef,
    axis: Option<&Value>,
) -> PyResult<Option<Value>> {
    use crate::engine::reduce::{Reduction, reduce};
    let axes = match axis {
        None | Some(Value::None) => None,
        Some(v) => Some(vec![normalize_axis(int_arg(v, "")?, a.ndim())?]),
    };
    let tot = reduce(zeroed, Reduction::Sum, axes.as_deref(), false)?;
    if name == "nansum" {
        return Ok(Some(scalarize(tot)));
    }
    let cnt = reduce(present, Reduction::Sum, axes.as_deref(), false)?;
    let avg: Vec<Scalar> = tot
        .to_scalars()
        .iter()
        .zip(cnt.to_scalars())
        .map(|(t, c)| Scalar::Float(scalar_as_f64(t) / scalar_as_f64(&c)))
        .collect();
    Ok(Some(scalarize(NdArray::from_scalars(
        &tot.shape(),
        a.dtype().clone(),
        &avg,
    )?)))
}

/// Whether a float array holds both `0.0` and `-0.0`.
fn both_zeros(a: &ArrayRef) -> bool {
    let zeros: Vec<bool> = a
        .to_scalars()
        .iter()
        .map(scalar_as_f64)
        .filter(|x| *x == 0.0)
        .map(f64::is_sign_negative)
        .collect();
    zeros.contains(&true) && zeros.contains(&false)
}

fn diff(args: &Args) -> PyResult<Value> {
    let given = args.req(0, "a", "diff")?;
    let n = match args.get(1, "n") {
        Some(v) => int_arg(v, "")?,
        None => 1,
    };
    // NumPy hands `a` back untouched, whatever it is (`np.diff(x, n=0) is x`).
    if n == 0 {
        return Ok(given.clone());
    }
    let mut a = as_array(given)?;
    if n < 0 {
        return Err(PyError::value(format!(
            "order must be non-negative but got {n}"
        )));
    }
    if a.ndim() == 0 {
        return Err(PyError::value(
            "diff requires input that is at least one dimensional",
        ));
    }
    let axis = match args.get(2, "axis") {
        Some(v) => normalize_axis(int_arg(v, "")?, a.ndim())?,
        None => a.ndim() - 1,
    };
    // `prepend`/`append` join the axis first; scalars stretch to one slice.
    let edge = |v: &Value| -> PyResult<ArrayRef> {
        let e = as_array(v)?;
        if e.ndim() == 0 {
            let mut shape = a.shape();
            shape[axis] = 1;
            return Ok(crate::eval::reshaping::broadcast_to(&e, &shape)?.copy(Order::C)?);
        }
        Ok(e)
    };
    let mut parts = vec![];
    if let Some(v) = args.kw("prepend") {
        parts.push(edge(v)?);
    }
    parts.push(a.clone());
    if let Some(v) = args.kw("append") {
        parts.push(edge(v)?);
    }
    if parts.len() > 1 {
        a = concatenate(&parts, Some(axis))?;
    }
    use crate::engine::index::{IndexItem, get};
    for _ in 0..n {
        if a.shape()[axis] == 0 {
            // Differences of an empty axis stay empty.
            break;
        }
        let mut hi = vec![IndexItem::Slice(None, None, None); axis];
        let mut lo = hi.clone();
        hi.push(IndexItem::Slice(Some(1), None, None));
        lo.push(IndexItem::Slice(None, Some(-1), None));
        let view = |items: &[IndexItem]| -> PyResult<Value> {
            Ok(crate::eval::protocol::wrap_indexed(&a, get(&a, items)?))
        };
        let (h, l) = (view(&hi)?, view(&lo)?);
        let r = if *a.dtype() == DType::Bool {
            super::ops::numpy_compare(crate::engine::kernels::CompareOp::Ne, &h, &l)?
        } else {
            numpy_binary(BinaryOp::Sub, &h, &l)?
        };
        a = as_array(&r)?;
    }
    Ok(Value::Array(a))
}

/// `_isin`'s check for `kind='table'`: the range of `ar2` must fit
/// `ar2`'s own integer type (bools count as uint8), else NumPy's
/// RuntimeError.
fn table_fits(t: &ArrayRef) -> PyResult<()> {
    if t.size() == 0 {
        return Ok(());
    }
    let vals: Vec<i128> = t
        .to_scalars()
        .iter()
        .map(|s| match s {
            Scalar::Int(i) => i128::from(*i),
            Scalar::UInt(u) => i128::from(*u),
            Scalar::Bool(b) => i128::from(*b),
            _ => 0,
        })
        .collect();
    let range = vals.iter().max().unwrap_or(&0) - vals.iter().min().unwrap_or(&0);
    let bits = 8 * t.dtype().itemsize() as u32;
    let max = match t.dtype().kind() {
        Kind::Int => (1i128 << (bits - 1)) - 1,
        Kind::UInt => (1i128 << bits) - 1,
        _ => 255,
    };
    if range <= max {
        return Ok(());
    }
    Err(PyError::new(
        "RuntimeError",
        "You have specified kind='table', but the range of values in `ar2` or `ar1` exceed the maximum integer of the datatype. Please set `kind` to None or 'sort'.",
    ))
}

fn isin(args: &Args) -> PyResult<Value> {
    let a = as_array(args.req(0, "element", "isin")?)?;
    let t = as_array(args.req(1, "test_elements", "isin")?)?;
    let invert = match args.get(3, "invert") {
        Some(v) => truthy(v)?,
        None => false,
    };
    // `kind=` picks an algorithm; every kind gives the same answer, so
    // only its checks are NumPy's (`_isin` in `_arraysetops_impl.py`).
    match args.kw("kind") {
        None | Some(Value::None) => {}
        Some(Value::Str(k)) if &**k == "sort" => {}
        Some(Value::Str(k)) if &**k == "table" => {
            let int_like = |d: &DType| matches!(d.kind(), Kind::Bool | Kind::Int | Kind::UInt);
            if !int_like(a.dtype()) || !int_like(t.dtype()) {
                return Err(PyError::value(
                    "The 'table' method is only supported for boolean or integer arrays. Please select 'sort' or None for kind.",
                ));
            }
            table_fits(&t)?;
        }
        Some(k) => {
            return Err(PyError::value(format!(
                "Invalid kind: '{}'. Please use None, 'sort' or 'table'.",
                super::display::str_of(k, &Default::default())
            )));
        }
    }
    if let Some(found) = crate::engine::member::isin(&a, &t, invert)? {
        return Ok(Value::Array(found));
    }
    let tests = t.to_scalars();
    let same = |x: &Scalar, y: &Scalar| match (x, y) {
        (Scalar::Str(p), Scalar::Str(q)) => p == q,
        (Scalar::Bytes(p), Scalar::Bytes(q)) => p == q,
        (Scalar::Complex(a, b), Scalar::Complex(c, d)) => a == c && b == d,
        (Scalar::Int(p), Scalar::Int(q)) => p == q,
        // Records: every field `==` (what NumPy's sort-based `isin` tests).
        (Scalar::Record(_), Scalar::Record(_)) => super::searching::order::eq(x, y),
        _ => scalar_as_f64(x) == scalar_as_f64(y),
    };
    let vals: Vec<Scalar> = a
        .to_scalars()
        .iter()
        .map(|x| Scalar::Bool(tests.iter().any(|y| same(x, y)) != invert))
        .collect();
    Ok(Value::Array(NdArray::from_scalars(
        &a.shape(),
        DType::Bool,
        &vals,
    )?))
}

/// `np.result_type(*arrays_and_dtypes)`: dtypes and arrays are strong,
/// Python scalars weak (NEP 50).
pub fn result_type(args: &Args) -> PyResult<Value> {
    if args.pos.is_empty() {
        return Err(PyError::value("at least one array or dtype is required"));
    }
    let vals: Vec<Value> = args
        .pos
        .iter()
        .map(|v| match v {
            Value::Type(_) | Value::DType(_) | Value::Str(_) => {
                Ok(Value::DType(super::dtype_arg::dtype_value(v)?))
            }
            other => Ok(other.clone()),
        })
        .collect::<PyResult<_>>()?;
    // Structured dtypes promote by their own rules (`record_promote.rs`).
    let arrays: Vec<Option<DType>> = vals
        .iter()
        .map(|v| match v {
            Value::Array(a) => Some(a.dtype().clone()),
            Value::DType(d) => Some(d.clone()),
            _ => None,
        })
        .collect();
    if arrays.iter().flatten().any(super::record_promote::is_void)
        && let Some(dts) = arrays.into_iter().collect::<Option<Vec<DType>>>()
    {
        return Ok(Value::DType(super::record_promote::result_type(&dts)?));
    }
    // NumPy's result is canonical: native byte order (`'>i4'` → int32).
    Ok(Value::DType(common_dtype(&vals)?.native()))
}

/// `np.size(a, axis)`.
pub fn size(args: &Args) -> PyResult<Value> {
    let a = as_array(args.req(0, "a", "size")?)?;
    Ok(Value::Int(match args.get(1, "axis") {
        None | Some(Value::None) => a.size() as i128,
        Some(v) => {
            let shape = a.shape();
            super::axis_tuple::normalize_axis_tuple(v, a.ndim(), None, false)?
                .iter()
                .map(|&k| shape[k] as i128)
                .product()
        }
    }))
}

/// `np.tile(a, reps)` with an int or a tuple of repetitions.
pub fn tile(a: &ArrayRef, reps: &Value) -> PyResult<Value> {
    let reps: Vec<usize> = shape_arg(reps, None)?;
    let d = reps.len().max(a.ndim());
    let mut shape = vec![1usize; d - a.ndim()];
    shape.extend(a.shape());
    let mut r = vec![1usize; d - reps.len()];
    r.extend(&reps);
    // NumPy repeats row blocks axis by axis; fail as its first allocation
    // that cannot be met would.
    let mut n = a.size();
    let mut cur = a.size();
    for (&dim_in, &nrep) in shape.iter().zip(&r) {
        if nrep != 1 {
            let rows = cur.checked_div(n).unwrap_or(0);
            let rows = rows.checked_mul(nrep).ok_or_else(|| {
                PyError::value("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.")
            })?;
            super::index_routines::room_for(&[rows, n], a.dtype())?;
            cur = rows * n;
        }
        n /= dim_in.max(1);
    }
    // `np.array(A, ndmin=d)`: leading axes of length one.
    let c = NdArray::view_with(a, {
        let mut l = a.layout();
        let pad = d - l.shape.len();
        l.shape.splice(0..0, std::iter::repeat_n(1, pad));
        l.strides.splice(0..0, std::iter::repeat_n(0, pad));
        l
    });
    if r.iter().all(|&k| k == 1) {
        // NumPy's explicit copy, in the array's own memory order.
        return Ok(Value::Array(c.copy_kept()?));
    }
    if a.size() == 0 {
        // NumPy reshapes the empty array itself: a view of it.
        let out_shape: Vec<Value> = shape
            .iter()
            .zip(&r)
            .map(|(s, k)| Value::Int((s * k) as i128))
            .collect();
        return Ok(Value::Array(reshape(
            a,
            &Value::Tuple(out_shape.into()),
            Order::C,
        )?));
    }
    Ok(Value::Array(crate::engine::replicate::tile(&c, &r)?))
}

/// `a.view(dt)`; bytes newly read as text must hold only characters
/// slicelab's strings can (`text_words`).
pub fn view_as(a: &ArrayRef, dt: DType) -> PyResult<Value> {
    let text = crate::engine::text_points::has_text(&dt) && a.dtype() != &dt;
    let v = view_bytes_as(a, dt)?;
    if text {
        return super::text_words::checked(v);
    }
    Ok(v)
}

/// `a.view(dtype)` with another item size: the last axis is reinterpreted,
/// as NumPy allows when it is contiguous.
fn view_bytes_as(a: &ArrayRef, dt: DType) -> PyResult<Value> {
    let old = a.dtype().itemsize();
    let new = dt.itemsize();
    if old == new {
        return Ok(Value::Array(NdArray::view(a, dt, a.layout())));
    }
    let mut l = a.layout();
    if l.ndim() == 0 {
        return Err(PyError::value(
            "Changing the dtype of a 0d array is only supported if the itemsize is unchanged",
        ));
    }
    let last = l.ndim() - 1;
    // An empty array's strides say nothing, so NumPy does not check them.
    if l.shape[last] != 1 && l.size() != 0 && l.strides[last] != old as isize {
        return Err(PyError::value(
            "To change to a dtype of a different size, the last axis must be contiguous",
        ));
    }
    let bytes = l.shape[last] * old;
    if new < old && !old.is_multiple_of(new) {
        return Err(PyError::value(
            "When changing to a smaller dtype, its size must be a divisor of the size of original dtype",
        ));
    }
    if new > old && !bytes.is_multiple_of(new) {
        return Err(PyError::value(
            "When changing to a larger dtype, its size must be a divisor of the total size in bytes of the last axis of the array.",
        ));
    }
    l.shape[last] = bytes / new;
    l.strides[last] = new as isize;
    Ok(Value::Array(NdArray::view(a, dt, l)))
}
