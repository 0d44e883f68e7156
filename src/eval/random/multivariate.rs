//! The vector-valued samplers' arguments and results: `multinomial`
//! (Generator: `n` and the rows of `pvals` broadcast; legacy: one `n`, a
//! 1-d `pvals`), `dirichlet` and the Generator's
//! `multivariate_hypergeometric`, with the conversions, checks, shapes
//! (`size` + the variate's length) and messages of `_generator.pyx` and
//! `mtrand.pyx`. The draws themselves are `engine::random::multivariate`.

use crate::engine::error::shape_tuple;
use crate::engine::random::legacy::LegacyState;
use crate::engine::random::{AnyBitGen, multivariate as mv};
use crate::engine::{DType, Scalar};

use super::super::error::{PyError, PyResult};
use super::super::signature::Bound;
use super::super::value::Value;
use super::args::filled;
use super::broadcast::{Arg, Cons, Kind, broadcast, check, convert, each};
use crate::eval::coerce::shape_arg;
use crate::eval::convert::as_array;
use crate::eval::protocol::iterate;

/// Which API is drawing (their checks and conversions differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Api {
    Generator,
    Legacy,
}

/// The names this module draws for.
pub const NAMES: &[&str] = &[
    "multinomial",
    "dirichlet",
    "multivariate_hypergeometric",
    "multivariate_normal",
];

/// `Generator.NAME`.
pub fn generator(g: &mut AnyBitGen, name: &str, b: &Bound) -> PyResult<Value> {
    match name {
        "multinomial" => generator_multinomial(g, b),
        "dirichlet" => {
            let alpha = alpha_arg(b.required("alpha"), Api::Generator)?;
            let shape = variate_shape(b.get("size"), alpha.len(), SizeRule::Index)?;
            filled::<f64>(&shape, DType::Float64, |out| {
                out.fill(0.0);
                mv::dirichlet(g, &alpha, out)
            })
        }
        "multivariate_hypergeometric" => mvhg(g, b),
        "multivariate_normal" => super::mvnormal::multivariate_normal(b, "Generator", || {
            crate::engine::random::ziggurat::standard_normal(g)
        }),
        _ => unreachable!("{name} is in NAMES"),
    }
}

/// `RandomState.NAME` (and `np.random.NAME`).
pub fn legacy(st: &mut LegacyState, name: &str, b: &Bound) -> PyResult<Value> {
    match name {
        "multinomial" => {
            let n = c_long(b.required("n"))?;
            let p = vector_1d(b.required("pvals"), Some("pvals must be a 1-d sequence"))?;
            check(&p, "pvals", Cons::Bounded01)?;
            let pvals: Vec<f64> = p.vals.iter().map(|v| v.f).collect();
            let d = pvals.len();
            if d > 0 {
                check_sum(&pvals, d, b.required("pvals"), false)?;
            }
            let shape = variate_shape(b.get("size"), d, SizeRule::Index)?;
            if n < 0 {
                return Err(PyError::value("n < 0"));
            }
            filled::<i64>(&shape, DType::Int64, |out| {
                out.fill(0);
                if d > 0 {
                    for row in out.chunks_exact_mut(d) {
                        mv::multinomial(&mut st.mt, n, &pvals, row);
                    }
                }
            })
        }
        "dirichlet" => {
            let alpha = alpha_arg(b.required("alpha"), Api::Legacy)?;
            let shape = variate_shape(b.get("size"), alpha.len(), SizeRule::Index)?;
            filled::<f64>(&shape, DType::Float64, |out| {
                out.fill(0.0);
                mv::legacy_dirichlet(st, &alpha, out)
            })
        }
        "multivariate_normal" => {
            super::mvnormal::multivariate_normal(b, "RandomState", || st.gauss())
        }
        _ => unreachable!("{name} is a RandomState method"),
    }
}

/// How `size` becomes the leading dimensions.
#[derive(Clone, Copy)]
enum SizeRule {
    /// `(operator.index(size), d)`, else `tuple(size) + (d,)`.
    Index,
    /// `(size, d)` when `np.isscalar(size)`, else `tuple(size) + (d,)`.
    IsScalar,
}

/// The result's shape: `size` then the variate's length `d`.
fn variate_shape(size: Option<&Value>, d: usize, rule: SizeRule) -> PyResult<Vec<usize>> {
    let Some(size) = size.filter(|v| !matches!(v, Value::None)) else {
        return Ok(vec![d]);
    };
    let is_index = match size {
        Value::Int(_) | Value::Bool(_) => true,
        Value::NpScalar(dt, _) => dt.is_integer() || *dt == DType::Bool,
        Value::Array(a) => {
            a.ndim() == 0 && matches!(rule, SizeRule::Index) && a.dtype().is_integer()
        }
        _ => false,
    };
    let is_scalar = matches!(
        size,
        Value::Int(_)
            | Value::Bool(_)
            | Value::Float(_)
            | Value::Str(_)
            | Value::Complex(..)
            | Value::NpScalar(..)
    );
    let mut dims = match rule {
        SizeRule::Index if is_index => vec![size.clone()],
        SizeRule::IsScalar if is_scalar => vec![size.clone()],
        _ => iterate(size)?,
    };
    dims.push(Value::Int(d as i128));
    shape_arg(&Value::tuple(dims), None)
}

/// Cython's conversion of an argument declared `long` (legacy
/// `multinomial`'s `n`): ints, floats (truncated) and numbers with
/// `__int__`; anything else is 'an integer is required'.
fn c_long(v: &Value) -> PyResult<i64> {
    let from_int = |i: i128| {
        i64::try_from(i).map_err(|_| PyError::overflow("Python int too large to convert to C long"))
    };
    let from_float = |f: f64| {
        if f.is_nan() {
            Err(PyError::value("cannot convert float NaN to integer"))
        } else if f.is_infinite() {
            Err(PyError::overflow(
                "cannot convert float infinity to integer",
            ))
        } else {
            from_int(f.trunc() as i128)
        }
    };
    match v {
        Value::Int(i) => from_int(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Float(f) => from_float(*f),
        Value::NpScalar(_, Scalar::Int(i)) => Ok(*i),
        Value::NpScalar(_, Scalar::UInt(u)) => from_int(*u as i128),
        Value::NpScalar(_, Scalar::Bool(b)) => Ok(*b as i64),
        Value::NpScalar(_, Scalar::Float(f)) => from_float(*f),
        Value::Array(a) if a.ndim() == 0 => c_long(&Value::NpScalar(a.dtype().native(), a.first())),
        _ => Err(PyError::type_error("an integer is required")),
    }
}

/// `PyArray_FROMANY(v, NPY_DOUBLE, 1, 1)` (0 to 1 dimensions when a
/// message for 0-d is given): the depth errors, then the values.
fn vector_1d(v: &Value, zero_d: Option<&str>) -> PyResult<Arg> {
    let ndim = match v {
        Value::Array(a) => a.ndim(),
        Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::NpScalar(..) => 0,
        other => as_array(other)?.ndim(),
    };
    if ndim > 1 {
        return Err(PyError::value(match v {
            Value::Array(_) => "object too deep for desired array",
            _ => {
                "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 1."
            }
        }));
    }
    if ndim == 0 {
        return Err(match zero_d {
            Some(msg) => PyError::type_error(msg),
            None => PyError::value("object of too small depth for desired array"),
        });
    }
    convert(Some(v), 0.0, Kind::Double)
}

/// `len(v)` as Python computes it, for the samplers that take it first.
fn py_len(v: &Value) -> PyResult<usize> {
    match v {
        Value::Array(a) if a.ndim() == 0 => Err(PyError::type_error("len() of unsized object")),
        Value::Array(a) => Ok(a.shape()[0]),
        Value::Str(s) => Ok(s.chars().count()),
        Value::List(_) | Value::Tuple(_) => Ok(iterate(v)?.len()),
        other => Err(PyError::type_error(format!(
            "object of type '{}' has no len()",
            other.type_name()
        ))),
    }
}

/// `alpha` of `dirichlet`: `len`, the 1-d conversion, then the sign check
/// (`alpha < 0` for the Generator, `alpha <= 0` for the legacy sampler).
fn alpha_arg(v: &Value, api: Api) -> PyResult<Vec<f64>> {
    py_len(v)?;
    let a = vector_1d(v, None)?;
    let alpha: Vec<f64> = a.vals.iter().map(|p| p.f).collect();
    match api {
        Api::Generator if alpha.iter().any(|&x| x < 0.0) => Err(PyError::value("alpha < 0")),
        Api::Legacy if alpha.iter().any(|&x| x <= 0.0) => Err(PyError::value("alpha <= 0")),
        _ => Ok(alpha),
    }
}

/// NumPy's `kahan_sum` (`_common.pyx`), which also checks that
/// `choice`'s `p` sums to 1.
pub(super) fn kahan_sum(x: &[f64]) -> f64 {
    let Some((&first, rest)) = x.split_first() else {
        return 0.0;
    };
    let (mut sum, mut c) = (first, 0.0);
    for &v in rest {
        let y = v - c;
        let t = sum + y;
        c = (t - sum) - y;
        sum = t;
    }
    sum
}

/// Each row's first `d - 1` probabilities must not sum past 1 (+1e-12).
fn check_sum(pvals: &[f64], d: usize, given: &Value, many_rows: bool) -> PyResult<()> {
    let d = d.max(1);
    let over = pvals
        .chunks(d)
        .any(|row| kahan_sum(&row[..row.len() - 1]) > 1.0 + 1e-12);
    if !over {
        return Ok(());
    }
    let slice = if many_rows { "[...,:-1]" } else { "[:-1]" };
    // A float16/float32 array whose own sum is below 1.0001 gets the
    // longer message about the cast to float64.
    if let Value::Array(a) = given
        && matches!(a.dtype(), DType::Float16 | DType::Float32)
        && narrow_sum(a) < 1.0001
    {
        return Err(PyError::value(format!(
            "sum(pvals{slice}.astype(np.float64)) > 1.0. The pvals array is cast to 64-bit floating point prior to checking the sum. Precision changes when casting may cause problems even if the sum of the original pvals is valid."
        )));
    }
    Err(PyError::value(format!("sum(pvals{slice}) > 1.0")))
}

/// `pvals.sum()` of a float16/float32 array, in its own precision.
fn narrow_sum(a: &crate::engine::ArrayRef) -> f64 {
    use crate::engine::reduce::{Reduction, reduce};
    match reduce(a, Reduction::Sum, None, false) {
        Ok(s) => crate::engine::element::scalar_as_f64(&s.first()),
        Err(_) => f64::INFINITY,
    }
}

/// `Generator.multinomial(n, pvals, size=None)`.
fn generator_multinomial(g: &mut AnyBitGen, b: &Bound) -> PyResult<Value> {
    let n_given = b.required("n");
    let on = convert(Some(n_given), 0.0, Kind::Int64)?;
    let parr = convert(Some(b.required("pvals")), 0.0, Kind::Double)?;
    let ndim = parr.shape.len();
    let d = parr.shape.last().copied().unwrap_or(0);
    if d == 0 {
        return Err(PyError::value(
            "pvals must have at least 1 dimension and the last dimension of pvals must be greater than 0.",
        ));
    }
    check(&parr, "pvals", Cons::Bounded01)?;
    let pix: Vec<f64> = parr.vals.iter().map(|p| p.f).collect();
    check_sum(&pix, d, b.required("pvals"), ndim > 1)?;
    if !on.is_scalar() || ndim > 1 {
        check(&on, "n", Cons::NonNegative)?;
        // The rows of `pvals` as one broadcast operand of their offsets.
        let rows_shape = parr.shape[..ndim - 1].to_vec();
        let rows = Arg {
            vals: (0..pix.len() / d)
                .map(|r| super::broadcast::P {
                    f: 0.0,
                    i: r as i64,
                })
                .collect(),
            shape: rows_shape,
        };
        let it_shape = match b.get("size").filter(|v| !matches!(v, Value::None)) {
            None => broadcast(&[&on.shape, &rows.shape])?,
            Some(size) => {
                let size_shape = super::args::size_arg(Some(size))?.unwrap_or_default();
                let it = broadcast(&[&on.shape, &rows.shape, &size_shape])?;
                if it != size_shape {
                    return Err(PyError::value(format!(
                        "Output size {} is not compatible with broadcast dimensions of inputs {}.",
                        shape_tuple(&size_shape),
                        shape_tuple(&it)
                    )));
                }
                it
            }
        };
        let mut shape = it_shape.clone();
        shape.push(d);
        return filled::<i64>(&shape, DType::Int64, |out| {
            out.fill(0);
            let mut rows_out = out.chunks_exact_mut(d);
            each(&[on, rows], &it_shape, |ps| {
                let row = rows_out.next().expect("one row per element");
                let r = ps[1].i as usize * d;
                mv::multinomial(g, ps[0].i, &pix[r..r + d], row);
            });
        });
    }
    let shape = variate_shape(b.get("size"), d, SizeRule::Index)?;
    let n = on.first().i;
    if n < 0 {
        return Err(PyError::value("n < 0"));
    }
    filled::<i64>(&shape, DType::Int64, |out| {
        out.fill(0);
        for row in out.chunks_exact_mut(d) {
            mv::multinomial(g, n, &pix, row);
        }
    })
}

/// `Generator.multivariate_hypergeometric(colors, nsample, size=None,
/// method='marginals')`.
fn mvhg(g: &mut AnyBitGen, b: &Bound) -> PyResult<Value> {
    const INT64_MAX: i128 = i64::MAX as i128;
    let count = match b.get("method") {
        None => false,
        Some(Value::Str(m)) if m.as_ref() == "count" => true,
        Some(Value::Str(m)) if m.as_ref() == "marginals" => false,
        Some(_) => return Err(PyError::value("method must be \"count\" or \"marginals\".")),
    };
    let nsample: i128 = match b.required("nsample") {
        Value::Int(i) => *i,
        Value::Bool(v) => *v as i128,
        Value::NpScalar(_, Scalar::Int(i)) => *i as i128,
        Value::NpScalar(_, Scalar::UInt(u)) => *u as i128,
        Value::Array(a) if a.ndim() == 0 && a.dtype().is_integer() => {
            super::args::int_param(b.required("nsample"))?
        }
        _ => return Err(PyError::value("nsample must be an integer")),
    };
    if nsample < 0 {
        return Err(PyError::value("nsample must be nonnegative."));
    }
    if nsample > INT64_MAX {
        return Err(PyError::value(format!(
            "nsample must not exceed {INT64_MAX}"
        )));
    }
    let colors = colors_arg(b.required("colors")).ok_or_else(|| {
        PyError::value(format!(
            "colors must be a one-dimensional sequence of nonnegative integers not exceeding {INT64_MAX}."
        ))
    })?;
    let mut total: i64 = 0;
    for &c in &colors {
        total = total.checked_add(c).ok_or_else(|| {
            PyError::value(format!(
                "sum(colors) must not exceed the maximum value of a 64 bit signed integer ({INT64_MAX})"
            ))
        })?;
    }
    if !count && total >= 1_000_000_000 {
        return Err(PyError::value(
            "When method is \"marginals\", sum(colors) must be less than 1000000000.",
        ));
    }
    let max_index = i64::MAX / 8;
    if count && total > max_index {
        return Err(PyError::value(format!(
            "When method is 'count', sum(colors) must not exceed {max_index}"
        )));
    }
    let nsample = nsample as i64;
    if nsample > total {
        return Err(PyError::value("nsample > sum(colors)"));
    }
    let shape = variate_shape(b.get("size"), colors.len(), SizeRule::IsScalar)?;
    let mut failed = false;
    let v = filled::<i64>(&shape, DType::Int64, |out| {
        out.fill(0);
        if count {
            failed = mv::mvhg_count(g, total, &colors, nsample, out).is_err();
        } else {
            mv::mvhg_marginals(g, total, &colors, nsample, out);
        }
    })?;
    if failed {
        return Err(PyError::new(
            "MemoryError",
            format!(
                "Insufficient memory for multivariate_hypergeometric with method='count' and sum(colors)={total}"
            ),
        ));
    }
    Ok(v)
}

/// `colors` as NumPy validates it: a 1-d array of an integer dtype (or
/// empty), every value in `0..=i64::MAX`.
fn colors_arg(v: &Value) -> Option<Vec<i64>> {
    let a = as_array(v).ok()?;
    if a.ndim() != 1 {
        return None;
    }
    if a.size() == 0 {
        return Some(vec![]);
    }
    if !a.dtype().is_integer() || *a.dtype() == DType::Bool {
        return None;
    }
    a.to_scalars()
        .into_iter()
        .map(|s| match s {
            Scalar::Int(i) if i >= 0 => Some(i),
            Scalar::UInt(u) => i64::try_from(u).ok(),
            _ => None,
        })
        .collect()
}
