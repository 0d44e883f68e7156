//! `numpy/fft/_helper.py`: `fftfreq`/`rfftfreq` (`results * val` with
//! `val = 1.0 / (n * d)` as Python computes it) and `fftshift`/
//! `ifftshift` (one `np.roll` by half of each axis).

use crate::engine::dtype::DType;
use crate::engine::{NdArray, Scalar};
use crate::syntax::ast::BinOp;

use super::super::error::{PyError, PyResult};
use super::super::signature::Bound;
use super::super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::int_arg;
use crate::eval::convert::as_array;
use crate::eval::protocol::iterate;
use crate::eval::session::Session;

/// `isinstance(n, (int, np.integer))`, as an integer.
fn integer(v: &Value) -> Option<i128> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i128),
        Value::NpScalar(dt, Scalar::Int(i)) if dt.is_integer() => Some(*i as i128),
        Value::NpScalar(dt, Scalar::UInt(u)) if dt.is_integer() => Some(*u as i128),
        _ => None,
    }
}

/// `fftfreq(n, d)` / `rfftfreq(n, d)`.
pub fn freq(s: &mut Session, b: &Bound, real: bool) -> PyResult<Value> {
    let nv = b.required("n");
    let Some(n) = integer(nv) else {
        return Err(PyError::value("n should be an integer"));
    };
    if let Some(dev) = b.get_some("device")
        && !matches!(dev, Value::Str(d) if d.as_ref() == "cpu")
    {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.fft.fftfreq takes device='cpu' or None",
        ));
    }
    let one = Value::Float(1.0);
    let d = b.get("d").unwrap_or(&one);
    let nd = s.binary(BinOp::Mul, nv, d)?;
    let val = s.binary(BinOp::Div, &Value::Float(1.0), &nd)?;
    let len = if real {
        (n.div_euclid(2) + 1).max(0)
    } else {
        n
    };
    if len < 0 {
        return Err(PyError::value("negative dimensions are not allowed"));
    }
    // `empty(n, int)` first: a huge n is NumPy's MemoryError.
    let len = usize::try_from(len).map_err(|_| PyError::new("MemoryError", ""))?;
    drop(NdArray::zeros(&[len], DType::Int64)?);
    let mut values: Vec<Scalar> = crate::engine::buffer::try_vec(len);
    if real {
        values.extend((0..len as i128).map(|k| Scalar::Int(k as i64)));
    } else {
        let big_n = (n - 1).div_euclid(2) + 1;
        values.extend(
            (0..big_n)
                .chain(-n.div_euclid(2)..0)
                .map(|k| Scalar::Int(k as i64)),
        );
    }
    let results = NdArray::from_scalars(&[values.len()], DType::Int64, &values)?;
    s.binary(BinOp::Mul, &Value::Array(results), &val)
}

/// `fftshift(x, axes)` / `ifftshift(x, axes)`.
pub fn shift(s: &mut Session, b: &Bound, inverse: bool) -> PyResult<Value> {
    let x = as_array(b.required("x"))?;
    let shape = x.shape();
    let nd = shape.len() as i64;
    let half = |ax: i64| -> PyResult<Value> {
        if ax < -nd || ax >= nd {
            return Err(PyError::new("IndexError", "tuple index out of range"));
        }
        let h = (shape[ax.rem_euclid(nd) as usize] / 2) as i128;
        Ok(Value::Int(if inverse { -h } else { h }))
    };
    let (shift, axes) = match b.get_some("axes") {
        None => (
            Value::list((0..nd).map(&half).collect::<PyResult<_>>()?),
            Value::tuple((0..nd).map(|i| Value::Int(i as i128)).collect()),
        ),
        Some(v) if integer(v).is_some() => (half(int_arg(v, "")?)?, v.clone()),
        Some(v) => {
            let axes = iterate(v)?;
            let shift = axes
                .iter()
                .map(|a| {
                    let ax = int_arg(a, "").map_err(|_| {
                        PyError::type_error("tuple indices must be integers or slices, not float")
                    })?;
                    half(ax)
                })
                .collect::<PyResult<_>>()?;
            (Value::list(shift), v.clone())
        }
    };
    s.call_registered(
        "np.roll",
        Args {
            pos: vec![Value::Array(x), shift, axes],
            kw: vec![],
        },
    )
}
