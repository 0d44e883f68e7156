//! The methods every binary ufunc has — `np.add.reduce`, `.accumulate`,
//! `.outer`, `.reduceat` (in `ufunc_reduceat.rs`) — and `np.cumulative_sum`/`np.cumulative_prod`.
//!
//! `add`/`multiply`/`maximum`/`minimum` reductions are `np.sum`/`np.prod`/
//! `np.max`/`np.min` (NumPy's own functions are these methods), so floats
//! are added in NumPy's pairwise order and small integers widen as there.
//! Every other binary ufunc is folded along the axis one slice at a time
//! through the ufunc itself, `((a0 op a1) op a2) ...`, which is the order
//! NumPy's reduction loop applies a non-reorderable operation in; the
//! inputs are first cast to the ufunc's loop type, as NumPy's reduce does
//! (`np.divide.reduce([1, 2, 4])` divides floats).
//! The method values themselves are function values named `np.add.reduce`.

use crate::engine::dtype::DType;
use crate::engine::index::{self, IndexItem};
use crate::engine::reduce::normalize_axis;
use crate::engine::{ArrayRef, NdArray, Order, kernels};

use super::error::{PyError, PyResult};
use super::registry::{Entry, Writes, func, np_entry};
use super::signature::{Bound, Style, bind, not_implemented_argument};
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::scalarize;
use crate::eval::convert::as_array;
use crate::eval::dtype_arg::dtype_arg;
use crate::eval::protocol::truthy;
use crate::eval::reshaping::{concatenate, reshape};
use crate::eval::session::Session;

/// This module's registry entries (`registry::tables`).
pub const ENTRIES: &[Entry] = &[
    func(
        "cumulative_sum(x, /, *, axis=None, dtype=None, out=None, include_initial=False)",
        Style::Python,
        "x axis dtype out include_initial",
        Writes::Out,
    ),
    func(
        "cumulative_prod(x, /, *, axis=None, dtype=None, out=None, include_initial=False)",
        Style::Python,
        "x axis dtype out include_initial",
        Writes::Out,
    ),
];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// The ufunc methods slicelab computes, with NumPy's signatures (the
/// registry binds `np.` functions, not methods, so they are bound here).
const METHODS: &[(&str, &str)] = &[
    (
        "reduce",
        "reduce(array, axis=0, dtype=None, out=None, keepdims=False, initial=<no value>, where=True)",
    ),
    (
        "accumulate",
        "accumulate(array, axis=0, dtype=None, out=None)",
    ),
    ("outer", "outer(A, B, /, **kwargs)"),
    (
        "reduceat",
        "reduceat(array, indices, axis=0, dtype=None, out=None)",
    ),
];

/// Binary ufuncs whose reduction NumPy may reorder (several axes at once).
const REORDERABLE: &[&str] = &[
    "add",
    "multiply",
    "maximum",
    "minimum",
    "fmax",
    "fmin",
    "logical_and",
    "logical_or",
    "logical_xor",
    "bitwise_and",
    "bitwise_or",
    "bitwise_xor",
];

/// Comparisons give bools, which a reduction cannot feed back into a
/// numeric loop: NumPy finds no loop unless the input is bool already
/// (the logical ufuncs and `isnan`-like ones reduce anything).
fn is_comparison(ufunc: &str) -> bool {
    super::ufunc_args::BOOLEAN_RESULT.contains(&ufunc)
        && !ufunc.starts_with("logical_")
        && !ufunc.starts_with("is")
        && ufunc != "signbit"
}

/// `(inputs, outputs)` of the registered ufunc `np.NAME`.
fn ufunc_arity(name: &str) -> Option<(usize, usize)> {
    np_entry(name).and_then(|e| e.ufunc)
}

/// Is `np.NAME` one of ours (`cumulative_sum`, or a method as `add.reduce`)?
pub fn answers(name: &str) -> bool {
    ENTRIES.iter().any(|e| e.name() == name)
        || name
            .rsplit_once('.')
            .is_some_and(|(u, m)| ufunc_arity(u).is_some() && METHODS.iter().any(|(k, _)| *k == m))
}

/// The attribute `np.UFUNC.NAME` of a registered ufunc, if this module
/// has it (`reduce`, `accumulate`, `outer`).
pub fn method_value(ufunc: &str, name: &str) -> Option<Value> {
    (ufunc_arity(ufunc).is_some() && METHODS.iter().any(|(k, _)| *k == name))
        .then(|| Value::func(&format!("np.{ufunc}.{name}")))
}

/// Call `np.UFUNC.METHOD` (`name` is `UFUNC.METHOD`).
pub fn call(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    if crate::eval::array_subclass::in_args(args) {
        return crate::eval::subclass::ufunc_method(s, name, args, call);
    }
    if matches!(name, "cumulative_sum" | "cumulative_prod") {
        return cumulative(s, name, args);
    }
    let Some((ufunc, method)) = name.rsplit_once('.') else {
        return Err(PyError::type_error(format!("unknown ufunc method {name}")));
    };
    let sig = METHODS
        .iter()
        .find(|(k, _)| *k == method)
        .map(|(_, sig)| *sig)
        .ok_or_else(|| PyError::type_error(format!("unknown ufunc method {name}")))?;
    let binary = ufunc_arity(ufunc) == Some((2, 1));
    if method == "outer" {
        // `ufunc_outer` checks the arity, then counts positional arguments
        // (`np.divmod.outer` gives its two outputs).
        if ufunc_arity(ufunc).map(|(nin, _)| nin) != Some(2) {
            return Err(PyError::value(
                "outer product only supported for binary functions",
            ));
        }
        if args.pos.len() != 2 {
            return Err(PyError::type_error("exactly two arguments expected"));
        }
    }
    let b = bind(sig, Style::NumpyC, args)?;
    match method {
        "outer" => outer(s, ufunc, &b, args),
        _ => {
            if !binary {
                let several_out = matches!(ufunc_arity(ufunc), Some((2, n)) if n > 1);
                return Err(PyError::value(if several_out {
                    format!("{method} only supported for functions returning a single value")
                } else {
                    format!("{method} only supported for binary functions")
                }));
            }
            for p in ["out", "where"] {
                // `where=` of a reduce is passed to NumPy's reduction
                // function (`np.sum(..., where=)`) where there is one,
                // and refused by `reduce` with NumPy's message when the
                // ufunc has no identity and no `initial=` is given.
                // `out=` of reduce and accumulate is written below.
                let passed = (p == "out" && method != "reduceat")
                    || p == "where"
                        && method == "reduce"
                        && (reduction_function(ufunc, method).is_some()
                            || (b.get_some("initial").is_none()
                                && super::ufunc_info::row(ufunc).is_some_and(|r| r.4 == "None")));
                if b.get_some(p).is_some()
                    && !matches!(b.get(p), Some(Value::Bool(true)))
                    && !passed
                {
                    return Err(not_implemented_argument(method, p));
                }
            }
            resolved_compatible(s, ufunc, method, &b)?;
            if method == "reduceat" {
                let a = as_array(b.get("array").unwrap_or(&Value::None))?;
                if is_comparison(ufunc)
                    && *a.dtype() != DType::Bool
                    && b.get_some("dtype").is_none()
                {
                    return Err(PyError::type_error(format!(
                        "No loop matching the specified signature and casting was found for ufunc {ufunc}"
                    )));
                }
                return super::ufunc_reduceat::reduceat(s, ufunc, &b, &|s, d| {
                    loop_dtype(s, ufunc, d)
                });
            }
            let out = out_operand(b.get("out"))?;
            if method == "reduce" {
                reduce(s, ufunc, &b, out)
            } else {
                accumulate(s, ufunc, &b, out)
            }
        }
    }
}

/// `reducelike_promote_and_resolve`'s check for a datetime operand: a
/// reduction needs a loop whose output is its input's type, and
/// `subtract` of two datetimes gives a timedelta.
fn resolved_compatible(s: &mut Session, ufunc: &str, method: &str, b: &Bound) -> PyResult<()> {
    let Some(Value::Array(a)) = b.get("array") else {
        return Ok(());
    };
    let dt = a.dtype().clone();
    let time = matches!(
        dt.kind(),
        crate::engine::dtype::Kind::DateTime | crate::engine::dtype::Kind::TimeDelta
    );
    if !time || b.get_some("dtype").is_some() {
        return Ok(());
    }
    let Ok(out) = loop_dtype(s, ufunc, &dt) else {
        return Ok(());
    };
    let out_time = matches!(
        out.kind(),
        crate::engine::dtype::Kind::DateTime | crate::engine::dtype::Kind::TimeDelta
    );
    if out.kind() == dt.kind() || !out_time {
        return Ok(());
    }
    let show = |d: &DType| super::display::repr(&Value::DType(d.clone()), &Default::default());
    Err(PyError::type_error(format!(
        "the resolved dtypes are not compatible with {ufunc}.{method}. Resolved ({}, {}, {})",
        show(&dt),
        show(&dt),
        show(&out)
    )))
}

/// A ufunc's `__name__` (`np.true_divide` is `divide`), as its errors
/// name it.
fn ufunc_title(ufunc: &str) -> &str {
    super::fp_errors::message_name(ufunc)
}

/// Call the ufunc `np.NAME` on two values (bound by the registry).
fn apply(s: &mut Session, ufunc: &str, x: Value, y: Value) -> PyResult<Value> {
    s.call_registered(
        &format!("np.{ufunc}"),
        Args {
            pos: vec![x, y],
            kw: vec![],
        },
    )
}

/// `ufunc.outer(A, B, **kwargs)`: `ufunc(A[..., None, ...], B, **kwargs)`.
fn outer(s: &mut Session, ufunc: &str, b: &Bound, args: &Args) -> PyResult<Value> {
    let (Some(x), Some(y)) = (b.get("A"), b.get("B")) else {
        return Err(PyError::type_error("exactly two arguments expected"));
    };
    let (x, y) = (as_array(x)?, as_array(y)?);
    let mut shape = x.shape();
    shape.extend(std::iter::repeat_n(1, y.ndim()));
    let x = reshape(&x, &shape_value(&shape), Order::C)?;
    s.call_registered(
        &format!("np.{ufunc}"),
        Args {
            pos: vec![Value::Array(x), Value::Array(y)],
            kw: args.kw.clone(),
        },
    )
}

fn shape_value(shape: &[usize]) -> Value {
    Value::tuple(shape.iter().map(|&d| Value::Int(d as i128)).collect())
}

/// The axes an `axis=` names (`None`: every axis), each normalised.
fn axes(v: Option<&Value>, nd: usize) -> PyResult<Vec<usize>> {
    let one = |v: &Value| -> PyResult<usize> {
        let i = crate::eval::coerce::int_arg(v, "")?;
        normalize_axis(i, nd).map_err(|e| PyError::new("AxisError", e.to_string()))
    };
    match v {
        Some(Value::None) => Ok((0..nd).collect()),
        None => Ok(if nd == 0 { vec![] } else { vec![0] }),
        Some(Value::Tuple(t)) => {
            let mut out = Vec::new();
            for item in t.iter() {
                let k = one(item)?;
                if out.contains(&k) {
                    return Err(PyError::value("duplicate value in 'axis'"));
                }
                out.push(k);
            }
            Ok(out)
        }
        Some(v) => Ok(vec![one(v)?]),
    }
}

/// `a[:, ..., i]` with the integer at `axis`.
fn slice_at(a: &ArrayRef, axis: usize, i: usize) -> PyResult<Value> {
    let mut items = vec![IndexItem::Slice(None, None, None); axis];
    items.push(IndexItem::Int(i as i64));
    Ok(match index::get(a, &items)? {
        index::Indexed::Array(x) => Value::Array(x),
        index::Indexed::Scalar(x) => Value::NpScalar(a.dtype().native(), x),
    })
}

/// The dtype the ufunc's loop gives for two inputs of `dt` (probed on
/// empty arrays, so no value is computed).
fn loop_dtype(s: &mut Session, ufunc: &str, dt: &DType) -> PyResult<DType> {
    loop_dtype_of(s, ufunc, dt, dt)
}

/// The dtype the ufunc's loop gives for inputs of `x` and `y`.
fn loop_dtype_of(s: &mut Session, ufunc: &str, x: &DType, y: &DType) -> PyResult<DType> {
    let empty =
        |dt: &DType| Value::Array(NdArray::from_scalars(&[0], dt.clone(), &[]).expect("empty"));
    let r = apply(s, ufunc, empty(x), empty(y))?;
    Ok(as_array(&r)?.dtype().clone())
}

/// `out=` of `reduce`/`accumulate`: an array, or a tuple of exactly one
/// (NumPy's messages for anything else).
fn out_operand(v: Option<&Value>) -> PyResult<Option<ArrayRef>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Array(a)) => Ok(Some(a.clone())),
        Some(Value::Tuple(t)) if t.len() == 1 => match &t[0] {
            Value::Array(a) => Ok(Some(a.clone())),
            _ => Err(PyError::type_error("return arrays must be of ArrayType")),
        },
        Some(Value::Tuple(_)) => Err(PyError::value(
            "The 'out' tuple must have exactly one entry per ufunc output",
        )),
        Some(_) => Err(PyError::type_error("return arrays must be of ArrayType")),
    }
}

/// The loop type a reduction into `out` runs in when no `dtype=` is
/// given: NumPy resolves it from `out` and the operand together (an int8
/// sum into int8 wraps; float32 into float64 adds in float64).
fn out_loop(s: &mut Session, ufunc: &str, b: &Bound, out: &ArrayRef) -> PyResult<Option<DType>> {
    if b.get_some("dtype").is_some() {
        return Ok(None);
    }
    let a = as_array(b.get("array").unwrap_or(&Value::None))?;
    if is_comparison(ufunc) {
        if *a.dtype() == DType::Bool {
            return Ok(None);
        }
        // The comparison's loops give bools, so none takes `out`'s type
        // and the operand's and gives `out`'s back.
        let class = |d: &DType| {
            format!(
                "<class 'numpy.dtypes.{}'>",
                super::dtype_class_names::class_name(d)
            )
        };
        return Err(PyError::type_error(format!(
            "ufunc '{ufunc}' did not contain a loop with signature matching types ({}, {}) -> None",
            class(out.dtype()),
            class(a.dtype())
        )));
    }
    loop_dtype_of(s, ufunc, out.dtype(), a.dtype()).map(Some)
}

/// The input cast to the reduction's type: `dtype=` if given, else
/// `resolved` (from `out=`), else the ufunc's loop type for the input's
/// dtype.
fn reduction_input(
    s: &mut Session,
    ufunc: &str,
    b: &Bound,
    resolved: Option<DType>,
) -> PyResult<ArrayRef> {
    let a = as_array(b.get("array").unwrap_or(&Value::None))?;
    let dt = match (b.get_some("dtype"), resolved) {
        (Some(d), _) => dtype_arg(d)?,
        (None, Some(d)) => d,
        (None, None) => {
            if is_comparison(ufunc) && *a.dtype() != DType::Bool {
                return Err(PyError::type_error(format!(
                    "No loop matching the specified signature and casting was found for ufunc {ufunc}"
                )));
            }
            loop_dtype(s, ufunc, a.dtype())?
        }
    };
    Ok(if *a.dtype() == dt {
        a
    } else {
        kernels::cast(&a, &dt)?
    })
}

/// The fast path: NumPy's reduction function for this ufunc, if it has one.
fn reduction_function(ufunc: &str, method: &str) -> Option<&'static str> {
    Some(match (ufunc, method) {
        ("add", "reduce") => "sum",
        ("multiply", "reduce") => "prod",
        ("maximum", "reduce") => "max",
        ("minimum", "reduce") => "min",
        ("add", "accumulate") => "cumsum",
        ("multiply", "accumulate") => "cumprod",
        _ => return None,
    })
}

/// Whether NumPy's AVX-512 loop for `power`/`arctan2` on float32/float64
/// meets this reduction. When the reduced axis is the innermost one the
/// loop sees the accumulator as both first input and output with stride
/// 0, takes its vectorised path, and every lane reads the same
/// accumulator (`np.power.reduce([2., 3, 2])` is `4.0` there, not
/// `64.0`). NumPy takes that path only on CPUs with AVX-512 (its
/// `AVX512_SKX` target), so the answer depends on the machine: on one
/// without, the fold in order is NumPy's answer; on one with, the
/// vectorised result (SVML's `pow` in lanes of 8 or 16) is not modelled
/// and the reduction is refused, not guessed.
pub(super) fn unordered_simd_fold(ufunc: &str, a: &ArrayRef, axis: usize) -> bool {
    if !matches!(ufunc, "power" | "arctan2")
        || !matches!(a.dtype(), DType::Float32 | DType::Float64)
        || !numpy_uses_avx512()
    {
        return false;
    }
    let (shape, strides) = (a.shape(), a.strides());
    // A reversed axis is not loaded by the vectorised path.
    let Ok(step) = usize::try_from(strides[axis]) else {
        return false;
    };
    (0..shape.len()).all(|k| k == axis || shape[k] < 2 || strides[k].unsigned_abs() >= step)
}

/// Whether NumPy's `AVX512_SKX` loops run on this CPU (the features that
/// target requires).
fn numpy_uses_avx512() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::is_x86_feature_detected!("avx512f")
            && std::is_x86_feature_detected!("avx512cd")
            && std::is_x86_feature_detected!("avx512bw")
            && std::is_x86_feature_detected!("avx512dq")
            && std::is_x86_feature_detected!("avx512vl")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Keyword arguments passed on as given.
fn pass_on(b: &Bound, names: &[&str]) -> Vec<(String, Value)> {
    names
        .iter()
        .filter_map(|n| b.get(n).map(|v| (n.to_string(), v.clone())))
        .collect()
}

fn reduce(s: &mut Session, ufunc: &str, b: &Bound, out: Option<ArrayRef>) -> PyResult<Value> {
    let raw = as_array(b.get("array").unwrap_or(&Value::None))?;
    let nd = raw.ndim();
    let axis_given = b.get("axis").cloned();
    let chosen = match crate::eval::coerce::reduce_axes_arg(axis_given.as_ref(), nd) {
        Ok(Some(none)) if none.is_empty() => none,
        _ => axes(axis_given.as_ref(), nd)?,
    };
    if chosen.len() > 1 && !REORDERABLE.contains(&ufunc) {
        return Err(PyError::value(format!(
            "reduction operation '{ufunc}' is not reorderable, so at most one axis may be specified"
        )));
    }
    let keepdims = match b.get("keepdims") {
        Some(v) => truthy(v)?,
        None => false,
    };
    let initial = b.get("initial").cloned();
    let masked =
        b.get_some("where").is_some() && !matches!(b.get("where"), Some(Value::Bool(true)));
    if masked && initial.is_none() && super::ufunc_info::row(ufunc).is_some_and(|r| r.4 == "None") {
        return Err(PyError::value(format!(
            "reduction operation '{ufunc}' does not have an identity, so to use a where mask one has to specify 'initial'"
        )));
    }
    if let Some(f) = reduction_function(ufunc, "reduce")
        && (initial.is_none() || masked)
        && !(b.get_some("dtype").is_some() && matches!(f, "max" | "min"))
    {
        let axis = Value::tuple(chosen.iter().map(|&k| Value::Int(k as i128)).collect());
        let mut kw = vec![("axis".to_string(), axis)];
        kw.extend(pass_on(b, &["dtype", "keepdims", "initial", "where"]));
        // NumPy's reduction functions resolve the loop with `out` and
        // write into it as this method does.
        kw.extend(out.map(|o| ("out".to_string(), Value::Array(o))));
        return s.call_registered(
            &format!("np.{f}"),
            Args {
                pos: vec![Value::Array(raw)],
                kw,
            },
        );
    }
    if masked {
        return Err(not_implemented_argument("reduce", "where"));
    }
    let resolved = match &out {
        Some(o) => out_loop(s, ufunc, b, o)?,
        None => None,
    };
    let result = reduced(s, ufunc, b, &raw, &chosen, keepdims, resolved)?;
    match out {
        None => Ok(result),
        Some(o) => {
            let r = as_array(&result)?;
            super::reduce_args::write_reduced(ufunc, &raw.shape(), &chosen, keepdims, &r, &o)?;
            Ok(Value::Array(o))
        }
    }
}

/// `ufunc.reduce` past NumPy's reduction functions: `add` with
/// `initial=`, and every other ufunc folded slice by slice, in the loop
/// type `resolved` (from `out=`) when given.
fn reduced(
    s: &mut Session,
    ufunc: &str,
    b: &Bound,
    raw: &ArrayRef,
    chosen: &[usize],
    keepdims: bool,
    resolved: Option<DType>,
) -> PyResult<Value> {
    let nd = raw.ndim();
    let initial = b.get("initial").cloned();
    if ufunc == "add"
        && let Some(init) = &initial
    {
        // NumPy adds the pairwise sum of the elements into `initial`.
        let axis = Value::tuple(chosen.iter().map(|&k| Value::Int(k as i128)).collect());
        let mut kw = vec![("axis".to_string(), axis)];
        kw.extend(pass_on(b, &["dtype", "keepdims"]));
        if let Some(d) = &resolved {
            kw.push(("dtype".to_string(), Value::DType(d.clone())));
        }
        let total = as_array(&s.call_registered(
            "np.sum",
            Args {
                pos: vec![Value::Array(raw.clone())],
                kw,
            },
        )?)?;
        let init = kernels::cast(&as_array(init)?, total.dtype())?;
        return apply(s, ufunc, Value::Array(total), Value::Array(init));
    }
    let a = reduction_input(s, ufunc, b, resolved)?;
    // Several axes of a reorderable ufunc: gather them into the last axis.
    let (a, axis) = match chosen {
        [k] => (a, *k),
        _ => {
            let keep: Vec<usize> = (0..nd).filter(|k| !chosen.contains(k)).collect();
            let mut perm = keep.clone();
            perm.extend(chosen);
            let moved = crate::eval::reshaping::transpose(
                &a,
                Some(perm.iter().map(|&k| k as i64).collect()),
            )?;
            let shape = a.shape();
            let mut merged: Vec<usize> = keep.iter().map(|&k| shape[k]).collect();
            let n = keep.len();
            merged.push(chosen.iter().map(|&k| shape[k]).product());
            (reshape(&moved, &shape_value(&merged), Order::C)?, n)
        }
    };
    if a.ndim() == 0 {
        return Ok(scalarize(a));
    }
    let n = a.shape()[axis];
    if n > 2 && unordered_simd_fold(ufunc, &a, axis) {
        return Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab does not model np.{ufunc}.reduce of {} along the array's innermost axis (NumPy's vectorised loop does not fold it in order there)",
                a.dtype().name()
            ),
        ));
    }
    let mut out_shape = a.shape();
    out_shape.remove(axis);
    let mut acc = match initial {
        Some(v) => {
            let first = as_array(&v)?;
            let filled = kernels::cast(&first, a.dtype())?;
            let spread = crate::engine::broadcast::broadcast_layout(&filled.layout(), &out_shape);
            Value::Array(NdArray::view_with(&filled, spread))
        }
        // NumPy starts an empty reduction from the ufunc's identity cast
        // (unsafely) to the loop's dtype: `bitwise_and` of no uint8 is 255.
        None if n == 0
            && let Some(ident) = super::ufunc_info::identity_of(ufunc) =>
        {
            let filled = kernels::cast(&as_array(&ident)?, a.dtype())?;
            let spread = crate::engine::broadcast::broadcast_layout(&filled.layout(), &out_shape);
            Value::Array(NdArray::view_with(&filled, spread))
        }
        // An empty reduced axis fails even when the result is empty too.
        None if n == 0 => {
            return Err(PyError::value(format!(
                "zero-size array to reduction operation {} which has no identity",
                ufunc_title(ufunc)
            )));
        }
        None => slice_at(&a, axis, 0)?,
    };
    let start = usize::from(b.get("initial").is_none() && n > 0);
    for i in start..n {
        let next = slice_at(&a, axis, i)?;
        acc = apply(s, ufunc, acc, next)?;
    }
    let mut result = as_array(&acc)?;
    if result.dtype() != a.dtype() {
        result = kernels::cast(&result, a.dtype())?;
    }
    if result.shape() != out_shape || n == 0 {
        // An `initial=` or identity alone (no element) leaves a broadcast view.
        result = result.copy(Order::C)?;
    }
    if keepdims {
        let mut kept = raw.shape();
        for &k in chosen {
            kept[k] = 1;
        }
        result = reshape(&result, &shape_value(&kept), Order::C)?;
    }
    Ok(scalarize(result))
}

fn accumulate(s: &mut Session, ufunc: &str, b: &Bound, out: Option<ArrayRef>) -> PyResult<Value> {
    let Some(out) = out else {
        return accumulated(s, ufunc, b, None);
    };
    let raw = as_array(b.get("array").unwrap_or(&Value::None))?;
    let (have, want) = (out.shape(), raw.shape());
    if have != want {
        // NumPy's iterator broadcasts a 1-D `out` against a 1-D operand
        // (other shapes meet its axis remapping, not modelled here).
        if let ([h], [w]) = (&have[..], &want[..])
            && *h != 1
        {
            return Err(PyError::value(format!(
                "operands could not be broadcast together with remapped shapes [original->remapped]: ({h},)->({h},) ({w},)->({w},) "
            )));
        }
        if want.is_empty() {
            return Err(PyError::type_error("cannot accumulate on a scalar"));
        }
        return Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab's {ufunc}.accumulate takes an out= of the operand's shape {}, not {}",
                super::ufunc_args::tight_shape(&want),
                super::ufunc_args::tight_shape(&have)
            ),
        ));
    }
    let resolved = out_loop(s, ufunc, b, &out)?;
    let result = as_array(&accumulated(s, ufunc, b, resolved)?)?;
    if !out.writeable() {
        return Err(PyError::value("output array is read-only"));
    }
    crate::engine::array::copy_elements(&*kernels::cast(&result, out.dtype())?, &out)?;
    Ok(Value::Array(out))
}

/// `ufunc.accumulate`'s running result, in the loop type `resolved`
/// (from `out=`) when given.
fn accumulated(
    s: &mut Session,
    ufunc: &str,
    b: &Bound,
    resolved: Option<DType>,
) -> PyResult<Value> {
    let raw = as_array(b.get("array").unwrap_or(&Value::None))?;
    if raw.ndim() == 0 {
        return Err(PyError::type_error("cannot accumulate on a scalar"));
    }
    let axis = match b.get("axis") {
        Some(Value::None) | Some(Value::Tuple(_)) => {
            return Err(PyError::value("accumulate does not allow multiple axes"));
        }
        v => axes(v, raw.ndim())?[0],
    };
    if let Some(f) = reduction_function(ufunc, "accumulate") {
        let mut kw = vec![("axis".to_string(), Value::Int(axis as i128))];
        kw.extend(pass_on(b, &["dtype"]));
        if let Some(d) = &resolved {
            kw.push(("dtype".to_string(), Value::DType(d.clone())));
        }
        return s.call_registered(
            &format!("np.{f}"),
            Args {
                pos: vec![Value::Array(raw)],
                kw,
            },
        );
    }
    let a = reduction_input(s, ufunc, b, resolved)?;
    let n = a.shape()[axis];
    if n == 0 {
        return Ok(Value::Array(NdArray::from_scalars(
            &a.shape(),
            a.dtype().clone(),
            &[],
        )?));
    }
    let mut one = a.shape();
    one[axis] = 1;
    let mut acc = slice_at(&a, axis, 0)?;
    let mut pieces = Vec::with_capacity(n);
    for i in 0..n {
        if i > 0 {
            let next = slice_at(&a, axis, i)?;
            acc = apply(s, ufunc, acc, next)?;
        }
        let piece = kernels::cast(&as_array(&acc)?, a.dtype())?;
        pieces.push(reshape(&piece, &shape_value(&one), Order::C)?);
    }
    Ok(Value::Array(concatenate(&pieces, Some(axis))?))
}

/// `np.cumulative_sum(..., out=out)` as NumPy's `_cumulative_func` writes
/// it: the accumulation goes to `out` (with `include_initial`, to
/// `out[..., 1:, ...]` along the axis, then the identity to the first
/// slice), and `out` is returned.
fn cumulative_into(
    s: &mut Session,
    cum: &str,
    x: ArrayRef,
    axis: Value,
    mut kw: Vec<(String, Value)>,
    include: bool,
    out: &Value,
) -> PyResult<Value> {
    let k = normalize_axis(crate::eval::coerce::int_arg(&axis, "")?, x.ndim())
        .map_err(|e| PyError::new("AxisError", e.to_string()))?;
    let all = || Value::Slice(std::rc::Rc::new([Value::None, Value::None, Value::None]));
    let mut item: Vec<Value> = (0..x.ndim()).map(|_| all()).collect();
    let target = if include {
        item[k] = Value::Slice(std::rc::Rc::new([Value::Int(1), Value::None, Value::None]));
        s.getitem(out, &Value::tuple(item.clone()))?
    } else {
        out.clone()
    };
    kw.push(("out".to_string(), target));
    s.call_registered(
        &format!("np.{cum}"),
        Args {
            pos: vec![Value::Array(x)],
            kw,
        },
    )?;
    if include {
        item[k] = Value::Int(0);
        let identity = Value::Int(i128::from(cum == "cumprod"));
        s.setitem(out, &Value::tuple(item), &identity)?;
    }
    Ok(out.clone())
}

/// `np.cumulative_sum`/`np.cumulative_prod` (the array API's cumsum):
/// `axis` required past one dimension, a 0-d input taken as 1-d, and
/// `include_initial=True` starting with the identity.
fn cumulative(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    let x = as_array(args.req(0, "x", name)?)?;
    let x = if x.ndim() == 0 {
        reshape(&x, &Value::Int(1), Order::C)?
    } else {
        x
    };
    let axis = match args.kw("axis") {
        None | Some(Value::None) if x.ndim() > 1 => {
            return Err(PyError::value(
                "For arrays which have more than one dimension ``axis`` argument is required.",
            ));
        }
        None | Some(Value::None) => Value::Int(0),
        Some(v) => v.clone(),
    };
    let f = if name == "cumulative_sum" {
        "cumsum"
    } else {
        "cumprod"
    };
    let mut kw = vec![("axis".to_string(), axis.clone())];
    if let Some(d) = args.kw("dtype") {
        kw.push(("dtype".to_string(), d.clone()));
    }
    let include = match args.kw("include_initial") {
        Some(v) => truthy(v)?,
        None => false,
    };
    if let Some(out) = args.kw("out").filter(|v| !matches!(v, Value::None)) {
        return cumulative_into(s, f, x, axis, kw, include, out);
    }
    let r = as_array(&s.call_registered(
        &format!("np.{f}"),
        Args {
            pos: vec![Value::Array(x.clone())],
            kw,
        },
    )?)?;
    if !include {
        return Ok(Value::Array(r));
    }
    let k = normalize_axis(crate::eval::coerce::int_arg(&axis, "")?, r.ndim())
        .map_err(|e| PyError::new("AxisError", e.to_string()))?;
    let mut shape = r.shape();
    shape[k] = 1;
    let start = i64::from(name == "cumulative_prod");
    let first = kernels::cast(
        &NdArray::from_scalars(&[], DType::Int64, &[crate::engine::Scalar::Int(start)])?,
        r.dtype(),
    )?;
    let spread = crate::engine::broadcast::broadcast_layout(&first.layout(), &shape);
    let first = NdArray::view_with(&first, spread).copy(Order::C)?;
    Ok(Value::Array(concatenate(&[first, r], Some(k))?))
}
