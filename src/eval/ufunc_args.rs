//! The arguments every ufunc shares, around its kernel: `out=` (by
//! position or keyword, a tuple for two-output ufuncs), `dtype=`, `where=`,
//! `casting=`, `order=` and `subok=`. The kernel computes into a fresh
//! array; this layer checks NumPy's casting rules and writes the result
//! into `out`, so `np.add(a, 1, out=a)` writes `a` and returns it. What
//! slicelab cannot do exactly (`where=` without `out=`, a casting rule
//! stricter than `same_kind` on a call that needs a cast) is refused.

use crate::engine::dtype::DType;
use crate::engine::index::{self, IndexItem};
use crate::engine::promote::{can_cast_safe, can_cast_same_kind};
use crate::engine::{ArrayRef, NdArray, kernels};
use crate::render::dtype_repr;

use super::convert::to_array;
use super::error::{PyError, PyResult};
use super::registry::Entry;
use super::signature::not_implemented_argument;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::scalarize;
use crate::eval::convert::as_array;
use crate::eval::dtype_arg::dtype_arg;
use crate::eval::session::Session;

/// Does `rule` allow casting `from` to `to`? (`same_kind` never takes a
/// signed integer to an unsigned one, as NumPy's `np.can_cast` says.)
pub fn can_cast(from: &DType, to: &DType, rule: &str) -> bool {
    use crate::engine::dtype::Kind;
    match rule {
        "no" => from == to,
        // `equiv` allows a change of byte order only.
        "equiv" => from.native() == to.native(),
        "safe" => can_cast_safe(from, to),
        "unsafe" => true,
        _ => can_cast_same_kind(from, to) && !(from.kind() == Kind::Int && to.kind() == Kind::UInt),
    }
}

fn cast_error(ufunc: &str, what: &str, from: &DType, to: &DType, rule: &str) -> PyError {
    PyError::type_error(format!(
        "Cannot cast ufunc '{ufunc}' {what} from {} to {} with casting rule '{rule}'",
        dtype_repr(from),
        dtype_repr(to)
    ))
}

/// Binary ufuncs whose loops take both inputs in the result's type
/// (`dd->d`), so the result's dtype is the one `casting=` checks the
/// inputs against.
const SAME_TYPE_LOOPS: &[&str] = &[
    "add",
    "subtract",
    "multiply",
    "divide",
    "floor_divide",
    "remainder",
    "fmod",
    "power",
    "float_power",
    "maximum",
    "minimum",
    "fmax",
    "fmin",
    "hypot",
    "arctan2",
    "copysign",
    "logaddexp",
    "logaddexp2",
];

/// The dtype an input has before any cast (a Python scalar's default).
pub(super) fn input_dtype(v: &Value) -> PyResult<DType> {
    Ok(match v {
        Value::Bool(_) => DType::Bool,
        Value::Int(_) => DType::Int64,
        Value::Float(_) => DType::Float64,
        Value::Complex(..) => DType::Complex128,
        other => as_array(other)?.dtype().clone(),
    })
}

/// The output arrays a call names: one slot per output, `None` where the
/// ufunc allocates.
fn outputs(nin: usize, nout: usize, args: &Args) -> PyResult<Vec<Option<Value>>> {
    // `out1`/`out2` of a two-output ufunc are positional-only: they stay
    // in `pos`, after the inputs.
    let out_k = |k: usize| {
        args.kw(&format!("out{k}"))
            .or_else(|| args.pos.get(nin + k - 1).filter(|_| nout > 1))
    };
    let as_out = |v: &Value| -> PyResult<Option<Value>> {
        match v {
            Value::None => Ok(None),
            Value::Array(_) => Ok(Some(v.clone())),
            _ => Err(PyError::type_error("return arrays must be of ArrayType")),
        }
    };
    let positional: Vec<&Value> = (1..=nout).filter_map(out_k).collect();
    match (args.kw("out"), nout) {
        (Some(_), _) if !positional.is_empty() => Err(PyError::type_error(
            "cannot specify 'out' as both a positional and keyword argument",
        )),
        (Some(Value::Tuple(t)), _) => {
            if t.len() != nout {
                return Err(PyError::value(
                    "The 'out' tuple must have exactly one entry per ufunc output",
                ));
            }
            t.iter().map(as_out).collect()
        }
        (Some(v), 1) => Ok(vec![as_out(v)?]),
        (Some(_), _) => Err(PyError::type_error("'out' must be a tuple of arrays")),
        (None, 1) => Ok(vec![None]),
        (None, _) => {
            let mut outs: Vec<Option<Value>> = (1..=nout)
                .map(|k| out_k(k).map(as_out).transpose())
                .collect::<PyResult<Vec<_>>>()?
                .into_iter()
                .map(Option::flatten)
                .collect();
            outs.resize(nout, None);
            Ok(outs)
        }
    }
}

/// Ufuncs whose loops all give booleans (but the object loop): `dtype=`
/// fixes a loop's output, so only `bool` (and `object`) name one.
pub(super) const BOOLEAN_RESULT: &[&str] = &[
    "equal",
    "not_equal",
    "less",
    "less_equal",
    "greater",
    "greater_equal",
    "logical_and",
    "logical_or",
    "logical_xor",
    "logical_not",
    "isnan",
    "isinf",
    "isfinite",
    "isnat",
    "signbit",
];

/// A shape as NumPy's iterator messages print it: `(2,3)`, `(3,)`.
pub(super) fn tight_shape(shape: &[usize]) -> String {
    match shape {
        [one] => format!("({one},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(usize::to_string).collect();
            format!("({})", parts.join(","))
        }
    }
}

/// Run ufunc `entry` on canonical arguments (see `registry::prepare`).
pub fn call(
    s: &mut Session,
    entry: &Entry,
    nin: usize,
    nout: usize,
    args: Args,
) -> PyResult<Value> {
    let name = entry.name();
    // A ufunc computes in native byte order (its loops are native): an
    // input with an order written out (`'>f4'`) is cast to its native
    // type first, so loop selection sees `float32`, as NumPy's does.
    let inputs: Vec<Value> = args
        .pos
        .iter()
        .take(nin)
        .map(|v| match v {
            Value::Array(a) if matches!(a.dtype(), DType::Ordered(..)) => {
                Ok(Value::Array(crate::engine::kernels::to_native(a)?))
            }
            other => Ok(other.clone()),
        })
        .collect::<PyResult<_>>()?;
    let outs = outputs(nin, nout, &args)?;
    let rule = match args.kw("casting") {
        Some(Value::Str(r)) => r.to_string(),
        _ => "same_kind".to_string(),
    };
    let mut dtype = match args.kw("dtype") {
        Some(d) => Some(general_dtype(dtype_arg(d)?)?),
        None => None,
    };
    let mask = args.kw("where").cloned();
    if mask.is_some() && outs.iter().all(Option::is_none) {
        return Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab does not implement where= without out= in {name}() (NumPy leaves the other elements uninitialised)"
            ),
        ));
    }
    // `dtype=` fixes the output's type. Every loop of a boolean ufunc
    // gives `bool` but the object loop: `bool` is the loop it would pick
    // anyway, any other type has no loop.
    if BOOLEAN_RESULT.contains(&name) {
        match dtype.take() {
            None | Some(DType::Bool) => {}
            Some(DType::Object) => return Err(not_implemented_argument(name, "dtype")),
            Some(_) => {
                return Err(PyError::type_error(format!(
                    "No loop matching the specified signature and casting was found for ufunc {name}"
                )));
            }
        }
    }
    let in_shapes: Vec<Vec<usize>> = inputs
        .iter()
        .map(|v| Ok(as_array(v).map(|a| a.shape()).unwrap_or_default()))
        .collect::<PyResult<_>>()?;
    // `dtype=` picks the loop: every input is cast to it under `casting`.
    let inputs = match &dtype {
        None => inputs,
        Some(dt) => {
            let mut cast = Vec::new();
            for (k, v) in inputs.iter().enumerate() {
                let from = input_dtype(v)?;
                if !can_cast(&from, dt, &rule) {
                    let what = if nin == 1 {
                        "input".to_string()
                    } else {
                        format!("input {k}")
                    };
                    return Err(cast_error(name, &what, &from, dt, &rule));
                }
                cast.push(Value::Array(match v {
                    Value::Array(a) => kernels::cast(a, dt)?,
                    other => to_array(other, Some(dt))?,
                }));
            }
            cast
        }
    };
    let kernel_args = Args {
        pos: inputs.clone(),
        kw: Vec::new(),
    };
    let result = match s.call_function(&format!("np.{name}"), kernel_args) {
        // With `dtype=` the loop is looked up by signature, and NumPy's
        // message for finding none says so.
        Err(e)
            if dtype.is_some()
                && e.kind == "TypeError"
                && e.message.contains("not supported for the input types") =>
        {
            return Err(PyError::type_error(format!(
                "No loop matching the specified signature and casting was found for ufunc {name}"
            )));
        }
        // The inputs do not broadcast: NumPy's iterator lists the outputs
        // given with them (`(3,) (4,) (3,) `).
        Err(e)
            if e.message
                .starts_with("operands could not be broadcast together with shapes")
                && outs.iter().any(Option::is_some) =>
        {
            let mut shapes: Vec<Vec<usize>> = in_shapes.clone();
            for o in outs.iter().flatten() {
                shapes.push(as_array(o)?.shape());
            }
            let refs: Vec<&[usize]> = shapes.iter().map(Vec::as_slice).collect();
            crate::engine::broadcast::broadcast_shapes_or_err(&refs)?;
            return Err(e);
        }
        other => other?,
    };
    let results: Vec<Value> = match (&result, nout) {
        (Value::Tuple(t), n) if n > 1 => t.to_vec(),
        _ => vec![result.clone()],
    };
    let arrays: Vec<ArrayRef> = results.iter().map(as_array).collect::<PyResult<_>>()?;
    if super::fp_errors::wanted() {
        let ins: Vec<ArrayRef> = inputs
            .iter()
            .map(|v| match v {
                Value::Array(a) => Ok(a.clone()),
                other => to_array(other, None),
            })
            .collect::<PyResult<_>>()?;
        let refs: Vec<&crate::engine::NdArray> = ins.iter().map(|a| a.as_ref()).collect();
        let what = super::fp_errors::message_name(name);
        for r in &arrays {
            super::fp_errors::after_elementwise(what, what, &refs, r)?;
        }
    }
    if let Some(dt) = &dtype
        && arrays.iter().any(|a| a.dtype() != dt)
    {
        return Err(PyError::type_error(format!(
            "No loop matching the specified signature and casting was found for ufunc {name}"
        )));
    }
    if !matches!(rule.as_str(), "same_kind" | "unsafe") && dtype.is_none() {
        // The loop's type is the result's for arithmetic: an input of any
        // other type is cast to it under the stricter rule. A Python
        // scalar is weak (NEP 50) and takes the loop's type unchecked.
        // Checked against the inputs as given (before the native-order
        // copy above), so `casting='no'` sees a `'>f8'` input.
        let given = &args.pos[..nin.min(args.pos.len())];
        if let [r] = arrays.as_slice()
            && SAME_TYPE_LOOPS.contains(&super::fp_errors::message_name(name))
            && !matches!(r.dtype(), DType::Time(..))
            && !given
                .iter()
                .any(|v| matches!(input_dtype(v), Ok(DType::Time(..))))
        {
            for (k, v) in given.iter().enumerate() {
                let from = input_dtype(v)?;
                if super::ops::is_numpy(v) && !can_cast(&from, r.dtype(), &rule) {
                    return Err(cast_error(
                        super::fp_errors::message_name(name),
                        &format!("input {k}"),
                        &from,
                        r.dtype(),
                        &rule,
                    ));
                }
            }
        } else {
            for v in &inputs {
                let from = input_dtype(v)?;
                if arrays.iter().any(|a| a.dtype() != &from) || !super::ops::is_numpy(v) {
                    return Err(not_implemented_argument(name, "casting"));
                }
            }
        }
    }
    if let Some(Value::Str(o)) = args.kw("order")
        && o.as_ref() != "K"
        && arrays
            .iter()
            .any(|a| a.ndim() > 1 && !(o.as_ref() == "C" && a.is_c_contiguous()))
    {
        return Err(not_implemented_argument(name, "order"));
    }
    if outs.iter().all(Option::is_none) {
        return Ok(result);
    }
    let mut returned = Vec::new();
    for (out, r) in outs.iter().zip(&arrays) {
        match out {
            None => returned.push(scalarize(r.clone())),
            Some(v) => {
                let target = as_array(v)?;
                write_out(name, r, &target, &rule, mask.as_ref(), &in_shapes)?;
                returned.push(v.clone());
            }
        }
    }
    Ok(if nout == 1 {
        returned.remove(0)
    } else {
        Value::tuple(returned)
    })
}

/// Write one result into its `out` array, as NumPy's output cast does.
pub(super) fn write_out(
    name: &str,
    r: &ArrayRef,
    target: &ArrayRef,
    rule: &str,
    mask: Option<&Value>,
    in_shapes: &[Vec<usize>],
) -> PyResult<()> {
    if !can_cast(r.dtype(), target.dtype(), rule) {
        return Err(cast_error(name, "output", r.dtype(), target.dtype(), rule));
    }
    let shape = target.shape();
    let mut inputs: Vec<&[usize]> = in_shapes.iter().map(Vec::as_slice).collect();
    let r_shape = r.shape();
    if inputs.is_empty() {
        inputs.push(&r_shape);
    }
    crate::engine::broadcast::check_operands(&inputs, Some(&shape))?;
    if !target.writeable() {
        return Err(PyError::value("output array is read-only"));
    }
    let spread = |a: &ArrayRef| -> ArrayRef {
        let l = crate::engine::broadcast::broadcast_layout(&a.layout(), &shape);
        NdArray::view_with(a, l)
    };
    let src = spread(&kernels::cast(r, target.dtype())?);
    match mask {
        None => crate::engine::array::write_back(&src, target)?,
        Some(m) => {
            let m = kernels::cast(&as_array(&to_mask(m)?)?, &DType::Bool)?;
            if crate::engine::broadcast::broadcast_shapes(&[&shape, &m.shape()]).as_deref()
                != Some(&shape[..])
            {
                return Err(crate::engine::EngineError::BroadcastMismatch {
                    shapes: vec![shape.clone(), m.shape()],
                }
                .into());
            }
            let m = spread(&m);
            let picked = match index::get(&src, &[IndexItem::BoolArray(m.clone())])? {
                index::Indexed::Array(a) => a,
                index::Indexed::Scalar(x) => {
                    NdArray::from_scalars(&[], target.dtype().clone(), &[x])?
                }
            };
            index::set(target, &[IndexItem::BoolArray(m)], &picked)?;
        }
    }
    Ok(())
}

/// A `where=` value as an array (a Python bool or list becomes one).
fn to_mask(v: &Value) -> PyResult<Value> {
    Ok(match v {
        Value::Array(_) => v.clone(),
        other => Value::Array(to_array(other, None)?),
    })
}

/// A ufunc's `dtype=` names a general DType, not an instance: NumPy's
/// `_get_dtype` refuses a dtype that is not equivalent to its kind's
/// default one (a byte order, a string size, a time unit), before any
/// loop is looked for.
pub fn general_dtype(dt: DType) -> PyResult<DType> {
    use crate::engine::datetime::Base;
    let detailed = match &dt {
        DType::Ordered(_, crate::engine::dtype::Endian::Big) => true,
        DType::Str(n) | DType::Bytes(n) => *n > 0,
        DType::Time(unit, _) => unit.base != Base::Generic,
        _ => false,
    };
    if detailed {
        return Err(PyError::type_error(
            "The `dtype` and `signature` arguments to ufuncs only select the general DType \
             and not details such as the byte order or time unit. You can avoid this error \
             by using the scalar types `np.float64` or the dtype string notation.",
        ));
    }
    Ok(dt)
}
