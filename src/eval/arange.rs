//! `np.arange`, as `PyArray_ArangeObj` (`numpy/_core/src/multiarray/ctors.c`)
//! does it: the length comes from the Python objects
//! (`ceil((stop - start) / step)`), then `start` and `start + step` are
//! stored into the requested type and the type's `fill` function
//! (`arraytypes.c.src`) steps by *their difference in that type*:
//! `np.arange(0, 5, 0.5, dtype=int)` stores 0 and 0, so every element is 0.

use crate::engine::dtype::{DType, Kind};
use crate::engine::scalar::Scalar;
use crate::engine::{NdArray, kernels};

use super::args::Args;
use super::coerce::float_arg;
use super::convert::to_scalar_for;
use super::dtype_arg::dtype_arg;
use super::error::{PyError, PyResult};
use super::value::Value;
use crate::syntax::ast::BinOp;

pub fn arange(args: &Args) -> PyResult<Value> {
    let vals: Vec<&Value> = args.pos.iter().collect();
    let get = |k: &str, i: usize| args.kw(k).or(vals.get(i).copied());
    let (start, stop, step) = match vals.len() {
        0 => (
            args.kw("start").cloned().unwrap_or(Value::Int(0)),
            args.kw("stop")
                .cloned()
                .ok_or_else(|| PyError::type_error("arange() requires stop to be specified."))?,
            args.kw("step").cloned().unwrap_or(Value::Int(1)),
        ),
        1 => (
            Value::Int(0),
            vals[0].clone(),
            get("step", 9).cloned().unwrap_or(Value::Int(1)),
        ),
        2 => (
            vals[0].clone(),
            vals[1].clone(),
            get("step", 9).cloned().unwrap_or(Value::Int(1)),
        ),
        _ => (vals[0].clone(), vals[1].clone(), vals[2].clone()),
    };
    let step = if matches!(step, Value::None) {
        Value::Int(1)
    } else {
        step
    };
    // A 0-d array counts as its element (NumPy does the arithmetic on the
    // objects); a larger one cannot be one number.
    let (start, stop, step) = (element(start)?, element(stop)?, element(step)?);
    let dtype = match args.kw("dtype") {
        Some(d) if super::dtype_arg::wants_object(d) => DType::Object,
        Some(d) if !matches!(d, Value::None) => dtype_arg(d)?,
        _ => default_dtype(&[&start, &stop, &step]),
    };
    // Text bounds: NumPy finds their DType and has no arange for it.
    if args.kw("dtype").is_none_or(|d| matches!(d, Value::None)) {
        for v in [&start, &stop, &step] {
            let dtype_class = match v {
                Value::Str(_) => "StrDType",
                Value::Bytes(_) => "BytesDType",
                _ => continue,
            };
            return Err(PyError::type_error(format!(
                "arange() not supported for inputs with DType <class 'numpy.dtypes.{dtype_class}'>."
            )));
        }
    }
    let (s0, s1, st) = (float_arg(&start)?, float_arg(&stop)?, float_arg(&step)?);
    if st == 0.0 {
        return Err(PyError::new("ZeroDivisionError", "division by zero"));
    }
    // `(stop - start) / step` with the Python objects: ints subtract
    // exactly before the one rounding of true division.
    let quotient = match (&start, &stop, &step) {
        (Value::Int(a), Value::Int(b), Value::Int(c)) => match b.checked_sub(*a) {
            Some(d) => super::int_true_div::int_true_div(d, *c),
            None => (s1 - s0) / st,
        },
        _ => (s1 - s0) / st,
    };
    // NumPy's underflow and divide-by-inf check: a quotient of zero from
    // different ends is one element (`arange(0, 1, np.inf)`), or none
    // when the zero is negative.
    let n = if quotient == 0.0 && s1 != s0 {
        if quotient.is_sign_negative() {
            0.0
        } else {
            1.0
        }
    } else {
        quotient.ceil()
    };
    if n.is_nan() {
        return Err(PyError::value("arange: cannot compute length"));
    }
    if n >= i64::MAX as f64 {
        return Err(PyError::value("Maximum allowed size exceeded"));
    }
    let n = if n < 0.0 { 0usize } else { n as usize };
    if !supports_fill(&dtype) {
        return Err(PyError::type_error(format!(
            "arange() not supported for inputs with DType <class 'numpy.dtypes.{}'>.",
            super::dtype_class_names::class_name(&dtype)
        )));
    }
    if n == 0 {
        return Ok(Value::Array(NdArray::zeros(&[0], dtype)?));
    }
    // `start + step` with Python's or NumPy's addition, as the objects are.
    let next = if n > 1 {
        Some(
            if super::ops::is_numpy(&start) || super::ops::is_numpy(&step) {
                super::ops::numpy_operator(crate::engine::kernels::BinaryOp::Add, &start, &step)?
            } else {
                super::ops::python_binary(BinOp::Add, &start, &step)?
            },
        )
    } else {
        None
    };
    if dtype == DType::Object {
        return object_arange(n, &start, next.as_ref());
    }
    // The first two elements, stored as NumPy's setitem stores them.
    let mut firsts = vec![to_scalar_for(&start, &dtype)?];
    if let Some(next) = &next {
        firsts.push(to_scalar_for(next, &dtype)?);
    }
    let two = NdArray::from_scalars(&[firsts.len()], dtype.clone(), &firsts)?;
    let two = two.to_scalars();
    if n <= 2 {
        return Ok(Value::Array(NdArray::from_scalars(&[n], dtype, &two)?));
    }
    if dtype.kind() == Kind::Bool {
        return Err(PyError::type_error(
            "arange() is only supported for booleans when the result has at most length 2.",
        ));
    }
    let (b0, b1) = (&two[0], &two[1]);
    let out = match dtype.native() {
        DType::Float64 => {
            let (s, e1) = (as_f64(b0), as_f64(b1));
            let d = e1 - s;
            fill_f64(n, |i| if i == 1 { e1 } else { s + i as f64 * d })?
        }
        // float32 steps in float32; float16 in float32 rounded to half
        // (`HALF_fill`): both are exact in float64 until the final cast.
        DType::Float32 | DType::Float16 => {
            let (s, e1) = (as_f64(b0) as f32, as_f64(b1) as f32);
            let d = e1 - s;
            fill_f64(n, |i| {
                if i == 1 {
                    e1 as f64
                } else {
                    (s + i as f32 * d) as f64
                }
            })?
        }
        DType::Complex128 | DType::Complex64 => {
            let single = dtype.native() == DType::Complex64;
            let ((r0, i0), (r1, i1)) = (as_c(b0), as_c(b1));
            let out = NdArray::zeros(&[n], DType::Complex128)?;
            {
                let mut b = out.buffer().bytes_mut();
                let xs: &mut [f64] = bytemuck::cast_slice_mut(&mut b[..n * 16]);
                for (i, x) in xs.chunks_exact_mut(2).enumerate() {
                    if i % 65536 == 0 {
                        crate::engine::interrupt::check()?;
                    }
                    let (re, im) = if single {
                        let (s, d) = (r0 as f32, r1 as f32 - r0 as f32);
                        let (t, e) = (i0 as f32, i1 as f32 - i0 as f32);
                        ((s + i as f32 * d) as f64, (t + i as f32 * e) as f64)
                    } else {
                        (r0 + i as f64 * (r1 - r0), i0 + i as f64 * (i1 - i0))
                    };
                    x[0] = if i == 1 { r1 } else { re };
                    x[1] = if i == 1 { i1 } else { im };
                }
            }
            out
        }
        // Integers: C arithmetic in the type, which wraps, written straight
        // into the result (no uint64 temporary of the whole length).
        native => {
            let (s, d) = (as_u64(b0), as_u64(b1).wrapping_sub(as_u64(b0)));
            let out = NdArray::for_overwrite(&[n], native.clone())?;
            {
                let mut b = out.buffer().bytes_mut();
                let bytes = &mut b[..n * native.itemsize()];
                crate::dispatch_numeric!(&native, T => {
                    crate::engine::fill::arange_int::<T>(bytemuck::cast_slice_mut(bytes), s, d)
                }, _ => return Err(PyError::type_error(format!(
                    "arange() not supported for inputs with DType {}", native.name()
                ))))
            }
            out
        }
    };
    Ok(Value::Array(kernels::cast(&out, &dtype)?))
}

/// `v`, or the element of a 0-d array as a NumPy scalar.
fn element(v: Value) -> PyResult<Value> {
    match v {
        Value::Array(a) if a.ndim() == 0 => Ok(super::coerce::scalarize(a)),
        Value::Array(_) => Err(PyError::type_error(
            "only 0-dimensional arrays can be converted to Python scalars",
        )),
        other => Ok(other),
    }
}

/// `PyArray_DescrFromObject` of each argument, starting from `intp`.
fn default_dtype(vals: &[&Value]) -> DType {
    let mut dt = DType::Int64;
    for v in vals {
        let other = match v {
            // An int no int64 holds is uint64 while it fits, else an object.
            Value::Int(i) if i64::try_from(*i).is_ok() => continue,
            Value::Int(i) if u64::try_from(*i).is_ok() => DType::UInt64,
            Value::Int(_) => return DType::Object,
            Value::Float(_) => DType::Float64,
            Value::Complex(..) => DType::Complex128,
            Value::NpScalar(d, _) => d.clone(),
            Value::Array(a) => a.dtype().clone(),
            _ => continue,
        };
        dt = crate::engine::promote::promote_types(&dt, &other).unwrap_or(dt);
    }
    dt
}

/// Which types have a `fill` function (strings, bytes, records do not).
fn supports_fill(dt: &DType) -> bool {
    matches!(
        dt.kind(),
        Kind::Bool | Kind::Int | Kind::UInt | Kind::Float | Kind::Complex
    ) || *dt == DType::Object
}

fn fill_f64(n: usize, f: impl Fn(usize) -> f64 + Sync + Send) -> PyResult<crate::engine::ArrayRef> {
    Ok(crate::engine::fill::from_index_fn(n, f)?)
}

/// `OBJECT_fill`: Python additions of `delta = next - start`, from
/// `start + delta` on, so the second element stays `start + step`.
fn object_arange(n: usize, start: &Value, next: Option<&Value>) -> PyResult<Value> {
    use super::ops::python_binary;
    let mut items = vec![Scalar::Object(super::object::store(start))];
    if let Some(next) = next {
        items.push(Scalar::Object(super::object::store(next)));
        let delta = python_binary(BinOp::Sub, next, start)?;
        let mut cur = python_binary(BinOp::Add, start, &delta)?;
        for _ in 2..n {
            crate::engine::interrupt::check()?;
            cur = python_binary(BinOp::Add, &cur, &delta)?;
            items.push(Scalar::Object(super::object::store(&cur)));
        }
    }
    Ok(Value::Array(NdArray::from_scalars(
        &[n],
        DType::Object,
        &items,
    )?))
}

fn as_f64(s: &Scalar) -> f64 {
    crate::engine::element::scalar_as_f64(s)
}

fn as_c(s: &Scalar) -> (f64, f64) {
    match s {
        Scalar::Complex(r, i) => (*r, *i),
        other => (as_f64(other), 0.0),
    }
}

fn as_u64(s: &Scalar) -> u64 {
    match s {
        Scalar::Int(i) => *i as u64,
        Scalar::UInt(u) => *u,
        Scalar::Bool(b) => *b as u64,
        other => as_f64(other) as i64 as u64,
    }
}
