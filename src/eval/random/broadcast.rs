//! Distribution parameters as NumPy's `cont`/`disc` take them
//! (`numpy/random/_common.pyx`): each parameter converted to a double or
//! `int64` array, checked against its constraint with the scalar or the
//! array message (they differ: `is NaN` / `contains NaNs`), and, when any
//! of them has a dimension, broadcast against each other and against
//! `size=` — one draw per element of the result, in C order, reading each
//! parameter at its broadcast position. One helper for every sampler, so
//! the order of draws and the messages are written once.

use crate::engine::element::scalar_as_f64;
use crate::engine::error::shape_tuple;
use crate::engine::{DType, Scalar};

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::args::{filled, size_arg};
use crate::eval::coerce::float_arg;
use crate::eval::convert::as_array;

/// What a parameter must satisfy (`CONS_*` in `_common.pxd`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cons {
    /// No check.
    None,
    /// `>= 0` by sign bit (`-0.0` fails), NaN passes.
    NonNegative,
    /// `> 0` (NaN passes).
    Positive,
    /// `> 0` and not NaN.
    PositiveNotNan,
    /// `0 <= x <= 1`.
    Bounded01,
    /// `0 < x <= 1`.
    BoundedGt01,
    /// `0 <= x < 1`.
    BoundedLt01,
    /// `x > 1`.
    Gt1,
    /// `x >= 1`.
    Gte1,
    /// `0 <= lam <= max` (the Poisson's bound).
    Poisson,
}

/// How a parameter is converted: NumPy's `NPY_DOUBLE` or `NPY_INT64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A double.
    Double,
    /// An `int64` (floats truncate).
    Int64,
}

/// One parameter's value at one draw, in both readings (`i` is 0 for a
/// double parameter; `f` is `i as f64` for an integer one).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct P {
    /// As a double.
    pub f: f64,
    /// As an `int64`.
    pub i: i64,
}

/// A converted parameter: its shape and values in C order, and whether
/// it was a scalar (0-d), which decides NumPy's path.
#[derive(Debug, Clone)]
pub struct Arg {
    /// The array's shape (empty for a scalar).
    pub shape: Vec<usize>,
    /// The values in C order.
    pub vals: Vec<P>,
}

impl Arg {
    /// A scalar parameter.
    pub fn scalar(p: P) -> Arg {
        Arg {
            shape: vec![],
            vals: vec![p],
        }
    }

    /// Whether NumPy takes the scalar path for this parameter.
    pub fn is_scalar(&self) -> bool {
        self.shape.is_empty()
    }

    /// The scalar value (the first element).
    pub fn first(&self) -> P {
        self.vals.first().copied().unwrap_or_default()
    }
}

/// The largest Poisson mean NumPy accepts: `int64 max - 10 sqrt(int64 max)`.
pub fn poisson_lam_max() -> f64 {
    let max = i64::MAX as f64;
    max - max.sqrt() * 10.0
}

/// `PyArray_FROM_OTF(v, NPY_DOUBLE or NPY_INT64)`; `None` is the default.
pub fn convert(v: Option<&Value>, default: f64, kind: Kind) -> PyResult<Arg> {
    let Some(v) = v else {
        return Ok(Arg::scalar(P {
            f: default,
            i: default as i64,
        }));
    };
    if let Value::None = v {
        return Err(PyError::type_error(match kind {
            Kind::Double => "must be real number, not NoneType",
            Kind::Int64 => {
                "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'"
            }
        }));
    }
    match v {
        Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::NpScalar(..) => {
            return Ok(Arg::scalar(scalar_param(v, kind)?));
        }
        _ => {}
    }
    let a = as_array(v)?;
    let dt = a.dtype().clone();
    let vals = a
        .to_scalars()
        .into_iter()
        .map(|s| element(&s, &dt, kind))
        .collect::<PyResult<Vec<P>>>()?;
    Ok(Arg {
        shape: a.shape().to_vec(),
        vals,
    })
}

/// A Python number as NumPy reads a scalar parameter (`PyFloat_AsDouble`,
/// or `<int64_t>` which truncates a float).
fn scalar_param(v: &Value, kind: Kind) -> PyResult<P> {
    if let Value::NpScalar(dt, s) = v {
        return element(s, dt, kind);
    }
    let f = float_arg(v)?;
    Ok(match (kind, v) {
        (Kind::Double, _) => P { f, i: 0 },
        (Kind::Int64, Value::Int(i)) => {
            let i = i64::try_from(*i)
                .map_err(|_| PyError::overflow("Python int too large to convert to C long"))?;
            P { f: i as f64, i }
        }
        (Kind::Int64, _) => int_from_float(f)?,
    })
}

fn int_from_float(f: f64) -> PyResult<P> {
    if f.is_nan() {
        return Err(PyError::value("cannot convert float NaN to integer"));
    }
    let i = f.trunc() as i64;
    Ok(P { f: i as f64, i })
}

/// One array element converted to the parameter's kind.
fn element(s: &Scalar, dt: &DType, kind: Kind) -> PyResult<P> {
    match s {
        Scalar::Complex(..) => Err(PyError::type_error(
            "float() argument must be a string or a real number, not 'complex'",
        )),
        Scalar::Str(text) => {
            let t = text.trim();
            match (kind, t.parse::<f64>(), t.parse::<i64>()) {
                (Kind::Double, Ok(f), _) => Ok(P { f, i: 0 }),
                (Kind::Int64, _, Ok(i)) => Ok(P { f: i as f64, i }),
                (Kind::Double, Err(_), _) => Err(PyError::value(format!(
                    "could not convert string to float: '{text}'"
                ))),
                (Kind::Int64, _, Err(_)) => Err(PyError::value(format!(
                    "invalid literal for int() with base 10: '{text}'"
                ))),
            }
        }
        Scalar::Int(i) if kind == Kind::Int64 => Ok(P {
            f: *i as f64,
            i: *i,
        }),
        Scalar::UInt(u) if kind == Kind::Int64 => Ok(P {
            f: *u as i64 as f64,
            i: *u as i64,
        }),
        Scalar::Bool(_) | Scalar::Int(_) | Scalar::UInt(_) | Scalar::Float(_) => {
            let f = scalar_as_f64(s);
            Ok(match kind {
                Kind::Double => P { f, i: 0 },
                // NumPy's unsafe cast: truncation (NaN is int64's minimum).
                Kind::Int64 if f.is_nan() => P {
                    f: i64::MIN as f64,
                    i: i64::MIN,
                },
                Kind::Int64 => {
                    let i = f as i64;
                    P { f: i as f64, i }
                }
            })
        }
        _ => Err(PyError::type_error(format!(
            "float() argument must be a string or a real number, not '{}'",
            dt.name()
        ))),
    }
}

/// `check_constraint` (a scalar) or `check_array_constraint` (an array).
pub fn check(arg: &Arg, name: &str, cons: Cons) -> PyResult<()> {
    let vals = arg.vals.iter().map(|p| p.f);
    let scalar = arg.is_scalar();
    let fail = |msg: String| Err(PyError::value(msg));
    let nan = if scalar { "is NaN" } else { "contains NaNs" };
    let all = |ok: &dyn Fn(f64) -> bool| vals.clone().all(ok);
    match cons {
        Cons::None => Ok(()),
        Cons::NonNegative => {
            if all(&|v| v.is_nan() || !v.is_sign_negative()) {
                Ok(())
            } else {
                fail(format!("{name} < 0"))
            }
        }
        Cons::Positive | Cons::PositiveNotNan => {
            if cons == Cons::PositiveNotNan && !all(&|v| !v.is_nan()) {
                fail(format!("{name} must not be NaN"))
            } else if !all(&|v| v.is_nan() || v > 0.0) {
                fail(format!("{name} <= 0"))
            } else {
                Ok(())
            }
        }
        Cons::Bounded01 => ok_or(
            all(&|v| (0.0..=1.0).contains(&v)),
            format!("{name} < 0, {name} > 1 or {name} {nan}"),
        ),
        Cons::BoundedGt01 => ok_or(
            all(&|v| v > 0.0 && v <= 1.0),
            format!("{name} <= 0, {name} > 1 or {name} contains NaNs"),
        ),
        Cons::BoundedLt01 => ok_or(
            all(&|v| (0.0..1.0).contains(&v)),
            format!("{name} < 0, {name} >= 1 or {name} {nan}"),
        ),
        Cons::Gt1 => ok_or(all(&|v| v > 1.0), format!("{name} <= 1 or {name} {nan}")),
        Cons::Gte1 => ok_or(all(&|v| v >= 1.0), format!("{name} < 1 or {name} {nan}")),
        Cons::Poisson => {
            let max = poisson_lam_max();
            let neg = format!("{name} < 0 or {name} {nan}");
            let big = format!("{name} value too large");
            // The scalar check tests the sign first, the array check the bound.
            let (first, second) = if scalar {
                ((all(&|v| v >= 0.0), neg), (all(&|v| v <= max), big))
            } else {
                ((all(&|v| v <= max), big), (all(&|v| v >= 0.0), neg))
            };
            ok_or(first.0, first.1)?;
            ok_or(second.0, second.1)
        }
    }
}

fn ok_or(ok: bool, msg: String) -> PyResult<()> {
    if ok { Ok(()) } else { Err(PyError::value(msg)) }
}

/// NumPy's multi-iterator broadcast of `shapes`, naming the first pair
/// that disagrees as `PyArray_Broadcast` does.
pub fn broadcast(shapes: &[&[usize]]) -> PyResult<Vec<usize>> {
    Ok(crate::engine::broadcast::broadcast_objects(shapes)?)
}

/// The result's shape (`None`: every parameter is a scalar and no `size`).
fn out_shape(args: &[Arg], size: &Option<Vec<usize>>) -> PyResult<Option<Vec<usize>>> {
    if args.iter().all(Arg::is_scalar) {
        return Ok(size.clone());
    }
    let mut shapes: Vec<&[usize]> = args.iter().map(|a| a.shape.as_slice()).collect();
    let Some(size) = size else {
        return Ok(Some(broadcast(&shapes)?));
    };
    shapes.insert(0, size);
    let it = broadcast(&shapes)?;
    if &it != size {
        return Err(PyError::value(format!(
            "Output size {} is not compatible with broadcast dimensions of inputs {}.",
            shape_tuple(size),
            shape_tuple(&it)
        )));
    }
    Ok(Some(it))
}

/// Each output element's parameter values, in C order, handed to `f`.
pub fn each(args: &[Arg], shape: &[usize], mut f: impl FnMut(&[P])) {
    let nd = shape.len();
    // Element strides of each argument over the output's axes (0 where it
    // broadcasts).
    let strides: Vec<Vec<usize>> = args
        .iter()
        .map(|a| {
            let mut st = vec![0; nd];
            let mut step = 1;
            for (k, &d) in a.shape.iter().enumerate().rev() {
                let axis = nd - a.shape.len() + k;
                if d != 1 {
                    st[axis] = step;
                }
                step *= d;
            }
            st
        })
        .collect();
    let total: usize = shape.iter().product();
    let mut idx = vec![0usize; nd];
    let mut pos = vec![0usize; args.len()];
    let mut cur: Vec<P> = args.iter().map(Arg::first).collect();
    for _ in 0..total {
        for (c, (a, &p)) in cur.iter_mut().zip(args.iter().zip(&pos)) {
            *c = a.vals[p];
        }
        f(&cur);
        for axis in (0..nd).rev() {
            idx[axis] += 1;
            for (p, st) in pos.iter_mut().zip(&strides) {
                *p += st[axis];
            }
            if idx[axis] < shape[axis] {
                break;
            }
            for (p, st) in pos.iter_mut().zip(&strides) {
                *p -= st[axis] * shape[axis];
            }
            idx[axis] = 0;
        }
    }
}

/// `cont`: doubles, one Python float when every parameter is a scalar and
/// `size` is None.
pub fn cont(args: &[Arg], size: Option<&Value>, mut f: impl FnMut(&[P]) -> f64) -> PyResult<Value> {
    let size = size_arg(size)?;
    match out_shape(args, &size)? {
        None => {
            let ps: Vec<P> = args.iter().map(Arg::first).collect();
            Ok(Value::Float(f(&ps)))
        }
        Some(shape) => filled::<f64>(&shape, DType::Float64, |out| {
            let mut k = 0;
            each(args, &shape, |ps| {
                out[k] = f(ps);
                k += 1;
            });
        }),
    }
}

/// `disc`: `int64`s, one Python int when every parameter is a scalar and
/// `size` is None.
pub fn disc(args: &[Arg], size: Option<&Value>, mut f: impl FnMut(&[P]) -> i64) -> PyResult<Value> {
    let size = size_arg(size)?;
    match out_shape(args, &size)? {
        None => {
            let ps: Vec<P> = args.iter().map(Arg::first).collect();
            Ok(Value::Int(f(&ps) as i128))
        }
        Some(shape) => filled::<i64>(&shape, DType::Int64, |out| {
            let mut k = 0;
            each(args, &shape, |ps| {
                out[k] = f(ps);
                k += 1;
            });
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broadcast_names_the_first_disagreeing_pair() {
        assert_eq!(broadcast(&[&[2, 1], &[3]]).unwrap(), vec![2, 3]);
        let e = broadcast(&[&[3], &[2]]).unwrap_err();
        assert!(
            e.to_string()
                .contains("arg 0 with shape (3,) and arg 1 with shape (2,)")
        );
    }

    #[test]
    fn each_walks_the_broadcast_in_c_order() {
        let a = Arg {
            shape: vec![2, 1],
            vals: vec![P { f: 0.0, i: 0 }, P { f: 10.0, i: 0 }],
        };
        let b = Arg {
            shape: vec![3],
            vals: (1..=3).map(|k| P { f: k as f64, i: 0 }).collect(),
        };
        let mut seen = vec![];
        each(&[a, b], &[2, 3], |ps| seen.push(ps[0].f + ps[1].f));
        assert_eq!(seen, vec![1.0, 2.0, 3.0, 11.0, 12.0, 13.0]);
    }
}
