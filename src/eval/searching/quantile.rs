//! `np.quantile`/`np.percentile` and their NaN-skipping forms, following
//! `_quantile` in `numpy/lib/_function_base_impl.py`: each method's
//! virtual index, the floor/ceil neighbours clipped to the lane, NumPy's
//! `_lerp` (from the upper neighbour when gamma >= 0.5), the result dtype
//! (the input's float type only for a Python-number `q`) and rounding to
//! it after every step, and NaN lanes giving NaN.

use crate::engine::dtype::{DType, Kind};
use crate::engine::element::Element;
use crate::engine::element::{f16_to_f64, f64_to_f16};
use crate::engine::reduce::normalize_axis;
use crate::engine::select::{Lane, numpy_less};
use crate::engine::{ArrayRef, NdArray, Order, Scalar};

use super::order::{is_nan, lt};
use crate::eval::args::Args;
use crate::eval::coerce::{int_arg, scalarize};
use crate::eval::convert::as_array;
use crate::eval::error::{PyError, PyResult};
use crate::eval::out_param::OutWrite;
use crate::eval::protocol::{iterate, truthy};
use crate::eval::value::Value;

/// The methods NumPy lists, in its order (for the error message).
const METHODS: &[&str] = &[
    "inverted_cdf",
    "averaged_inverted_cdf",
    "closest_observation",
    "interpolated_inverted_cdf",
    "hazen",
    "weibull",
    "linear",
    "median_unbiased",
    "normal_unbiased",
    "lower",
    "higher",
    "midpoint",
    "nearest",
];

/// Where one quantile falls in a sorted lane of `n` values.
enum Virtual {
    /// An index taken as is (discrete methods; `linear` with an integer q).
    Exact(i64),
    /// A fractional index and the interpolation weight of its upper side.
    Between(f64, f64),
}

/// Round half to even, as `np.around`.
fn round_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        r
    }
}

/// `_discrete_interpolation_to_boundaries`: the lower index where `pick`
/// says so, else the upper one, never below 0.
fn boundary(index: f64, pick: impl Fn(f64, f64) -> bool) -> i64 {
    let prev = index.floor();
    let gamma = index - prev;
    let i = if pick(gamma, index) { prev } else { prev + 1.0 };
    (i as i64).max(0)
}

/// The virtual index of quantile `q` in a lane of `n`, each step rounded
/// by `r` to q's own float type (a float32 q computes in float32, as
/// NumPy's array arithmetic with the Python int `n` does).
fn virtual_index(method: &str, n: usize, q: f64, int_q: Option<i64>, r: fn(f64) -> f64) -> Virtual {
    let nf = n as f64;
    let hf = |alpha: f64, beta: f64| {
        let tail = r(alpha + r(q * (1.0 - alpha - beta)));
        r(r(r(nf * q) + tail) - 1.0)
    };
    let between = |v: f64| Virtual::Between(v, r(v - v.floor()));
    let scaled = r((nf - 1.0) * q);
    match method {
        "linear" => match int_q {
            Some(k) => Virtual::Exact((n as i64 - 1) * k),
            None => between(scaled),
        },
        "inverted_cdf" => Virtual::Exact(boundary(r(r(nf * q) - 1.0), |g, _| g == 0.0)),
        "closest_observation" => Virtual::Exact(boundary(r(r(r(nf * q) - 1.0) - 0.5), |g, i| {
            g == 0.0 && i.floor().rem_euclid(2.0) == 1.0
        })),
        "averaged_inverted_cdf" => {
            let v = r(r(nf * q) - 1.0);
            let g = if v - v.floor() == 0.0 { 0.5 } else { 1.0 };
            Virtual::Between(v, g)
        }
        "interpolated_inverted_cdf" => between(hf(0.0, 1.0)),
        "hazen" => between(hf(0.5, 0.5)),
        "weibull" => between(hf(0.0, 0.0)),
        "median_unbiased" => between(hf(1.0 / 3.0, 1.0 / 3.0)),
        "normal_unbiased" => between(hf(3.0 / 8.0, 3.0 / 8.0)),
        "lower" => Virtual::Exact(scaled.floor() as i64),
        "higher" => Virtual::Exact(scaled.ceil() as i64),
        "nearest" => Virtual::Exact(round_even(scaled) as i64),
        _ => {
            // midpoint
            let v = r(0.5 * r(scaled.floor() + scaled.ceil()));
            let g = if v % 1.0 == 0.0 { 0.0 } else { 0.5 };
            Virtual::Between(v, g)
        }
    }
}

/// The `kth` NumPy's `_quantile` partitions a lane of `n` values at: the
/// taken indices themselves for the discrete methods (and the last element
/// when NaNs may occur), or, for an interpolation, both neighbours of
/// every virtual index with the first and last element (`_get_indexes`,
/// then `np.unique`).
fn quantile_kth(
    method: &str,
    n: usize,
    qs: &[f64],
    q_ints: Option<&[i64]>,
    r: fn(f64) -> f64,
    dtype: &DType,
) -> Vec<i64> {
    let last = n as f64 - 1.0;
    let virtual_of = |i: usize, q: f64| virtual_index(method, n, q, q_ints.map(|k| k[i]), r);
    let exact: Option<Vec<i64>> = qs
        .iter()
        .enumerate()
        .map(|(i, &q)| match virtual_of(i, q) {
            Virtual::Exact(k) => Some(k),
            Virtual::Between(..) => None,
        })
        .collect();
    if let Some(mut kth) = exact {
        if super::overwrite::supports_nans(dtype) {
            kth.push(-1);
        }
        return kth;
    }
    let mut kth = vec![0, -1];
    for (i, &q) in qs.iter().enumerate() {
        let v = match virtual_of(i, q) {
            Virtual::Between(v, _) => v,
            Virtual::Exact(k) => k as f64,
        };
        let (lo, hi) = if v >= last || (v.is_nan() && super::overwrite::supports_nans(dtype)) {
            (-1, -1)
        } else if v < 0.0 {
            (0, 0)
        } else {
            (v.floor() as i64, v.floor() as i64 + 1)
        };
        kth.extend([lo, hi]);
    }
    kth.sort_unstable();
    kth.dedup();
    kth
}

/// Rounds an f64 to the result's float type after each step.
fn rounder(dt: &DType) -> fn(f64) -> f64 {
    match dt {
        DType::Float32 => |x| x as f32 as f64,
        DType::Float16 => |x| f16_to_f64(f64_to_f16(x)),
        _ => |x| x,
    }
}

/// `b - a` in the input's own type (integers wrap at its width, as
/// NumPy's do).
fn diff(b: &Scalar, a: &Scalar, dt: &DType) -> f64 {
    let bits = 8 * dt.itemsize() as u32;
    match (b, a) {
        (Scalar::Int(x), Scalar::Int(y)) => {
            let d = x.wrapping_sub(*y);
            // Sign-extend the low `bits` bits.
            ((d << (64 - bits)) >> (64 - bits)) as f64
        }
        (Scalar::UInt(x), Scalar::UInt(y)) => {
            let d = x.wrapping_sub(*y);
            (if bits == 64 {
                d
            } else {
                d & ((1u64 << bits) - 1)
            }) as f64
        }
        _ => rounder(dt)(as_f64(b) - as_f64(a)),
    }
}

fn as_f64(s: &Scalar) -> f64 {
    crate::engine::element::scalar_as_f64(s)
}

/// The flat C-order positions of each lane reduced over `axes`, lanes in
/// C order of the kept axes.
pub(super) fn reduced_lanes(shape: &[usize], axes: &[usize]) -> Vec<Vec<usize>> {
    let kept: Vec<usize> = (0..shape.len()).filter(|a| !axes.contains(a)).collect();
    let strides: Vec<usize> = (0..shape.len())
        .map(|i| shape[i + 1..].iter().product())
        .collect();
    let walk = |dims: &[usize]| -> Vec<usize> {
        let mut offs = vec![0usize];
        for &d in dims {
            let step = strides[d];
            offs = offs
                .iter()
                .flat_map(|&o| (0..shape[d]).map(move |k| o + k * step))
                .collect();
        }
        offs
    };
    let inner = walk(axes);
    walk(&kept)
        .into_iter()
        .map(|o| inner.iter().map(|i| o + i).collect())
        .collect()
}

/// `_remove_nan_1d`: the NaNs of a lane dropped NumPy's way, each NaN
/// slot (in order) filled by the non-NaN values of the lane's last
/// `#NaN` elements; the lane is then its first (returned) length. The arrangement
/// decides which equal value (`0.0` or `-0.0`) the partition puts where.
fn remove_nan_1d<T: Clone>(lane: &mut [T], is_nan: impl Fn(&T) -> bool) -> usize {
    let slots: Vec<usize> = (0..lane.len()).filter(|&i| is_nan(&lane[i])).collect();
    let keep = lane.len() - slots.len();
    if slots.is_empty() {
        return keep;
    }
    let tail: Vec<T> = lane[keep..]
        .iter()
        .filter(|x| !is_nan(x))
        .cloned()
        .collect();
    for (&slot, x) in slots.iter().zip(tail) {
        lane[slot] = x;
    }
    keep
}

/// `_remove_nan_1d` of a 1-d numeric array: a new array of its non-NaN
/// values in the order NumPy leaves them (which fixes where the median's
/// partition puts each signed zero); `None` for dtypes without a typed
/// loop here (float16, complex).
pub fn nan_free_1d(a: &ArrayRef) -> PyResult<Option<ArrayRef>> {
    crate::dispatch_numeric!(a.dtype(), T => {
        #[allow(clippy::eq_op)]
        let nan = |x: &T| x != x;
        crate::engine::typed::with_elems::<T, _>(a, |xs| {
            if !xs.iter().any(nan) {
                // NumPy hands on the array itself.
                return Ok(a.clone());
            }
            let mut lane = xs.to_vec();
            let n = remove_nan_1d(&mut lane, nan);
            crate::engine::reduce_stream::array_of(&[n], &lane[..n])
        })?
        .map(Some)
        .map_err(Into::into)
    }, _ => Ok(None))
}

/// `a` arranged as NumPy's `_ureduce` arranges it for a reduction over
/// `axes`, copied C-ordered: the kept axes first, the reduced ones last
/// (one axis moved to the end; several brought there by its sequence of
/// `swapaxes`, which fixes the order of their elements in a lane).
pub(super) fn ureduce_lanes(a: &ArrayRef, axes: &[usize]) -> PyResult<ArrayRef> {
    let nd = a.ndim();
    let order = ureduce_order(nd, axes);
    let moved = NdArray::view_with(a, a.layout().permuted(&order));
    Ok(moved.copy(Order::C)?)
}

/// The axis order `_ureduce` leaves before merging the reduced axes.
pub(super) fn ureduce_order(nd: usize, axes: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..nd).collect();
    match axes {
        [one] => {
            // `_quantile`'s moveaxis(axis, -1) (it reads lanes along it).
            order.retain(|k| k != one);
            order.push(*one);
        }
        _ => {
            let mut keep: Vec<usize> = (0..nd).filter(|k| !axes.contains(k)).collect();
            keep.sort_unstable();
            for (i, &s) in keep.iter().enumerate() {
                order.swap(i, s);
            }
        }
    }
    order
}

/// `np.quantile`, `np.percentile`, `np.nanquantile`, `np.nanpercentile`.
pub fn quantile(name: &str, args: &Args) -> PyResult<Value> {
    let a = crate::engine::kernels::to_native(&as_array(&args.pos[0])?)?;
    let percent = name.ends_with("percentile");
    let skip_nan = name.starts_with("nan");
    if a.dtype().kind() == Kind::Complex {
        return Err(PyError::type_error("a must be an array of real numbers"));
    }
    let q_v = &args.pos[1];
    let weak = matches!(q_v, Value::Int(_) | Value::Float(_));
    let q_arr = as_array(q_v)?;
    let int_q = !percent && q_arr.dtype().is_integer();
    let q_round = match q_arr.dtype() {
        d @ (DType::Float32 | DType::Float16) => rounder(d),
        _ => rounder(&DType::Float64),
    };
    let qs: Vec<f64> = q_arr
        .to_scalars()
        .iter()
        .map(|s| {
            if percent {
                q_round(as_f64(s) / 100.0)
            } else {
                as_f64(s)
            }
        })
        .collect();
    if qs.iter().any(|q| !(0.0..=1.0).contains(q)) {
        return Err(PyError::value(if percent {
            "Percentiles must be in the range [0, 100]"
        } else {
            "Quantiles must be in the range [0, 1]"
        }));
    }
    if q_arr.ndim() > 2 {
        return Err(PyError::value("q must be a scalar or 1d"));
    }
    let weights = args.kw("weights").filter(|w| !matches!(w, Value::None));
    if weights.is_some() {
        let given = match args.kw("method") {
            None => "linear".to_string(),
            Some(m) => crate::eval::display::str_of(m, &Default::default()),
        };
        if given != "inverted_cdf" {
            return Err(PyError::value(format!(
                "Only method 'inverted_cdf' supports weights. Got: {given}."
            )));
        }
    }
    let method = match args.kw("method") {
        None => "linear".to_string(),
        Some(Value::Str(m)) if METHODS.contains(&&**m) => m.to_string(),
        Some(m) => {
            let listed: Vec<String> = METHODS.iter().map(|m| format!("'{m}'")).collect();
            return Err(PyError::value(format!(
                "{} is not a valid method. Use one of: dict_keys([{}])",
                crate::eval::display::repr(m, &Default::default()),
                listed.join(", ")
            )));
        }
    };
    let keepdims = args.kw("keepdims").map_or(Ok(false), truthy)?;
    let shape = a.shape();
    let axes: Vec<usize> = match args.kw("axis") {
        None | Some(Value::None) => (0..shape.len()).collect(),
        Some(v @ (Value::Tuple(_) | Value::List(_))) => {
            let mut ax = vec![];
            for x in iterate(v)? {
                let k = normalize_axis(int_arg(&x, "")?, shape.len())?;
                if ax.contains(&k) {
                    return Err(PyError::value("repeated axis"));
                }
                ax.push(k);
            }
            ax
        }
        Some(v) => vec![normalize_axis(int_arg(v, "")?, shape.len())?],
    };
    if let Some(w) = weights {
        let given_axes = matches!(args.kw("axis"), Some(v) if !matches!(v, Value::None));
        let per =
            super::weighted_quantile::weights_per_element(w, &a, given_axes.then_some(&axes[..]))?;
        let result = super::weighted_quantile::weighted_quantile(
            &a,
            &qs,
            &q_arr.shape(),
            &axes,
            &per,
            keepdims,
            q_round,
        )?;
        return into_out(args, OutWrite::Weighted, result);
    }
    let q_ints: Vec<i64> = q_arr
        .to_scalars()
        .iter()
        .map(|s| as_f64(s) as i64)
        .collect();
    if args.kw("overwrite_input").map_or(Ok(false), truthy)? {
        super::overwrite::partition_input(&args.pos[0], args.kw("axis"), |n, dt| {
            Some(quantile_kth(
                &method,
                n,
                &qs,
                int_q.then_some(&q_ints[..]),
                q_round,
                dt,
            ))
        })?;
    }
    let float_in = a.dtype().kind() == Kind::Float;
    let discrete = qs.iter().all(|&q| {
        matches!(
            virtual_index(&method, 2, q, int_q.then_some(0), q_round),
            Virtual::Exact(_)
        )
    });
    // The result's dtype: the input's for a taken element; for an
    // interpolation `_lerp`'s `a + (b - a) * gamma`, gamma having the
    // virtual indexes' dtype (`n * q + ...`: q's own float type, float64
    // for integer q) — or a Python float when q was a Python number (NEP
    // 50's weak scalar: a float input keeps its type).
    let gamma_dt = match q_arr.dtype() {
        d @ (DType::Float16 | DType::Float32) if !weak => d.clone(),
        _ => DType::Float64,
    };
    let out_dt = if discrete || (weak && float_in) {
        a.dtype().clone()
    } else if weak {
        DType::Float64
    } else {
        crate::engine::promote::promote_types(a.dtype(), &gamma_dt).unwrap_or(DType::Float64)
    };
    if !discrete && a.dtype().kind() == Kind::Bool {
        return Err(PyError::type_error(
            "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
        ));
    }
    let round = rounder(&out_dt);
    // NumPy's `_ureduce` brings the reduced axes together last; each lane
    // is then one run of the C-ordered copy.
    let lanes_arr = ureduce_lanes(&a, &axes)?;
    let n_all = axes.iter().map(|&k| shape[k]).product::<usize>();
    let n_lanes: usize = shape
        .iter()
        .enumerate()
        .filter(|(i, _)| !axes.contains(i))
        .map(|(_, &d)| d)
        .product();
    let mut out = vec![Scalar::Float(0.0); qs.len() * n_lanes];
    // The values at positions of one lane partitioned as NumPy partitions
    // it (its own kth for the lane's length after NaNs are dropped).
    let mut emit = |li: usize, n: usize, pick: &dyn Fn(usize) -> Scalar, has_nan: bool| {
        for (qi, &q) in qs.iter().enumerate() {
            let slot = qi * n_lanes + li;
            if n == 0 {
                if skip_nan {
                    out[slot] = Scalar::Float(f64::NAN);
                    continue;
                }
                return Err(PyError::index(
                    "index -1 is out of bounds for axis 0 with size 0",
                ));
            }
            if has_nan {
                out[slot] = Scalar::Float(f64::NAN);
                continue;
            }
            let last = n as i64 - 1;
            out[slot] = match virtual_index(&method, n, q, int_q.then(|| q_ints[qi]), q_round) {
                Virtual::Exact(i) => pick(i.clamp(0, last) as usize),
                Virtual::Between(v, gamma) => {
                    let (lo, hi) = if v >= last as f64 {
                        (last, last)
                    } else if v < 0.0 {
                        (0, 0)
                    } else {
                        (v.floor() as i64, v.floor() as i64 + 1)
                    };
                    let (pa, pb) = (pick(lo as usize), pick(hi as usize));
                    let d = round(diff(&pb, &pa, a.dtype()));
                    let (fa, fb) = (round(as_f64(&pa)), round(as_f64(&pb)));
                    let t = round(gamma);
                    let r = if gamma >= 0.5 {
                        round(fb - round(d * round(1.0 - gamma)))
                    } else {
                        round(fa + round(d * t))
                    };
                    Scalar::Float(r)
                }
            };
        }
        Ok(())
    };
    let kth_for = |n: usize| -> Vec<usize> {
        let mut k: Vec<usize> = quantile_kth(
            &method,
            n,
            &qs,
            int_q.then_some(&q_ints[..]),
            q_round,
            a.dtype(),
        )
        .into_iter()
        .map(|k| k.rem_euclid(n.max(1) as i64) as usize)
        .collect();
        k.sort_unstable();
        k
    };
    let inexact = matches!(a.dtype().kind(), Kind::Float | Kind::Complex);
    if n_lanes > 0 && n_all > 0 {
        crate::dispatch_numeric!(a.dtype(), T => {
            // `lanes_arr` is this call's own copy: lanes are partitioned
            // where they lie.
            let total = lanes_arr.size();
            let mut bytes = lanes_arr.bytes_mut();
            let all = crate::engine::typed::elems_mut::<T>(&mut bytes)
                .map(|xs| &mut xs[..total])
                .unwrap_or_default();
            #[allow(clippy::eq_op)]
            let nan = |x: &T| x != x;
            for (li, chunk) in all.chunks_exact_mut(n_all).enumerate() {
                let n = if skip_nan {
                    remove_nan_1d(chunk, nan)
                } else {
                    n_all
                };
                let lane = &mut chunk[..n];
                if n > 0 {
                    Lane::new(lane, None, &numpy_less::<T>).select_all(&kth_for(n), inexact);
                }
                let has_nan = float_in && lane.last().is_some_and(nan);
                emit(li, n, &|i| lane[i].to_scalar(), has_nan)?;
            }
        }, _ => {
            let vals = lanes_arr.to_scalars();
            for (li, chunk) in vals.chunks_exact(n_all).enumerate() {
                let mut lane = chunk.to_vec();
                if skip_nan {
                    let kept = remove_nan_1d(&mut lane, is_nan);
                    lane.truncate(kept);
                }
                let n = lane.len();
                if n > 0 {
                    Lane::new(&mut lane, None, &lt).select_all(&kth_for(n), inexact);
                }
                let has_nan = float_in && lane.last().is_some_and(is_nan);
                emit(li, n, &|i| lane[i].clone(), has_nan)?;
            }
        });
    } else {
        for li in 0..n_lanes {
            emit(li, 0, &|_| Scalar::Float(f64::NAN), false)?;
        }
    }
    let mut out_shape = q_arr.shape();
    if keepdims {
        out_shape.extend(
            shape
                .iter()
                .enumerate()
                .map(|(i, &s)| if axes.contains(&i) { 1 } else { s }),
        );
    } else {
        out_shape.extend(
            shape
                .iter()
                .enumerate()
                .filter(|(i, _)| !axes.contains(i))
                .map(|(_, &s)| s),
        );
    }
    let arr = NdArray::from_scalars(&out_shape, out_dt, &out)?;
    // `_quantile` takes the elements into `out` when every virtual index
    // is an integer, and adds the interpolation into it otherwise; the
    // `nan*` functions assign their result, whatever the method.
    let how = if skip_nan {
        OutWrite::Assign
    } else if discrete {
        OutWrite::Take
    } else {
        OutWrite::Ufunc("add")
    };
    into_out(args, how, scalarize(arr))
}

/// The result written into `out=` as NumPy writes it there (and `out`
/// returned), or the result itself when there is no `out`.
fn into_out(args: &Args, how: OutWrite, result: Value) -> PyResult<Value> {
    match args.kw("out") {
        Some(out) if !matches!(out, Value::None) => {
            crate::eval::out_param::write(how, &result, out)
        }
        _ => Ok(result),
    }
}
