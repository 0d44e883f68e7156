//! `np.arange`: NumPy's length rule (`ceil((stop - start) / step)`), its
//! dtype choice and its messages.

use crate::engine::dtype::{DType, Kind};
use crate::engine::{NdArray, kernels};

use super::args::Args;
use super::coerce::{float_arg, int_arg};
use super::dtype_arg::dtype_arg;
use super::error::{PyError, PyResult};
use super::value::Value;

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
    let is_float = |v: &Value| {
        matches!(v, Value::Float(_))
            || matches!(v, Value::NpScalar(d, _) if d.kind() == Kind::Float)
    };
    let float = is_float(&start) || is_float(&stop) || is_float(&step);
    let dtype = match args.kw("dtype") {
        Some(d) => dtype_arg(d)?,
        None => {
            if float {
                DType::Float64
            } else {
                DType::Int64
            }
        }
    };
    let (s0, s1, st) = (float_arg(&start)?, float_arg(&stop)?, float_arg(&step)?);
    if st == 0.0 {
        return Err(PyError::new("ZeroDivisionError", "division by zero"));
    }
    let n = ((s1 - s0) / st).ceil();
    if n.is_nan() {
        return Err(PyError::value("arange: cannot compute length"));
    }
    if n >= i64::MAX as f64 {
        return Err(PyError::value("Maximum allowed size exceeded"));
    }
    let n = if n < 0.0 { 0usize } else { n as usize };
    if float || dtype.kind() == Kind::Float {
        let out = NdArray::zeros(&[n], DType::Float64)?;
        {
            let mut b = out.buffer().bytes_mut();
            let xs: &mut [f64] = bytemuck::cast_slice_mut(&mut b[..n * 8]);
            // NumPy computes start + i*delta where delta = (start+step) - start.
            let delta = (s0 + st) - s0;
            crate::engine::fill::arange_f64(xs, s0, delta);
        }
        return Ok(Value::Array(kernels::cast(&out, &dtype)?));
    }
    let (i0, ist) = (int_arg(&start, "")?, int_arg(&step, "")?);
    let out = NdArray::zeros(&[n], DType::Int64)?;
    {
        let mut b = out.buffer().bytes_mut();
        let xs: &mut [i64] = bytemuck::cast_slice_mut(&mut b[..n * 8]);
        // A value past int64 would make NumPy fall back to object arrays.
        let last = i0 as i128 + n.saturating_sub(1) as i128 * ist as i128;
        if i64::try_from(last).is_err() {
            return Err(PyError::overflow(
                "Python int too large to convert to C long",
            ));
        }
        crate::engine::fill::arange_i64(xs, i0, ist);
    }
    Ok(Value::Array(kernels::cast(&out, &dtype)?))
}
