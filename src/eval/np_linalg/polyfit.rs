//! `np.polyfit(x, y, deg, rcond=None, full=False, w=None, cov=False)`,
//! step by step as `numpy/lib/_polynomial_impl.py` does it: the
//! Vandermonde matrix by repeated products (`np.vander`'s
//! `multiply.accumulate`), the weights, each column scaled by its 2-norm
//! (`sqrt((lhs*lhs).sum(axis=0))`, a row-by-row sum), `lstsq`, the
//! coefficients unscaled; `full=True` returns lstsq's extras and `rcond`,
//! `cov=True` the covariance `inv(lhs.T @ lhs) / outer(scale, scale)`
//! times `resids / (len(x) - order)` (through the registry's `dot`,
//! `inv`, `outer`, so their digits are NumPy's).

use crate::engine::{DType, Scalar};

use super::super::error::{PyError, PyResult};
use super::super::registry::{Entry, Writes, func};
use super::super::signature::Style;
use super::super::value::Value;
use super::dense::{self, array};
use crate::eval::args::Args;
use crate::eval::convert::as_array;
use crate::eval::protocol::truthy;
use crate::eval::session::Session;

/// The registry entry.
pub const ENTRIES: &[Entry] = &[func(
    "polyfit(x, y, deg, rcond=None, full=False, w=None, cov=False)",
    Style::Python,
    "x y deg rcond full w cov",
    Writes::Nothing,
)];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// The names this module answers.
pub const NAMES: &[&str] = &["polyfit"];

/// `asarray(v) + 0.0` for the dtypes computed here (float64 results).
fn float_input(v: &Value) -> PyResult<(Vec<usize>, Vec<f64>)> {
    let a = as_array(v)?;
    let dt = dense::result_dtype(&a, "polyfit", "add")?;
    if dt != DType::Float64 {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.polyfit computes float64 input only, not float32",
        ));
    }
    Ok((a.shape(), dense::float_values(&a)?))
}

fn number(v: &Value, what: &str) -> PyResult<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        Value::Float(f) => Ok(*f),
        Value::NpScalar(_, Scalar::Int(i)) => Ok(*i as f64),
        Value::NpScalar(_, Scalar::Float(f)) => Ok(*f),
        _ => Err(PyError::new(
            "NotImplementedError",
            format!("slicelab's np.polyfit takes {what} as a number"),
        )),
    }
}

pub fn polyfit(s: &mut Session, args: &Args) -> PyResult<Value> {
    let deg = number(args.req(2, "deg", "polyfit")?, "deg")?;
    // `int(deg) + 1`
    let order_i = deg.trunc() as i64 + 1;
    let (xs, x) = float_input(args.req(0, "x", "polyfit")?)?;
    let (ys, y) = float_input(args.req(1, "y", "polyfit")?)?;
    if deg < 0.0 {
        return Err(PyError::value("expected deg >= 0"));
    }
    if xs.len() != 1 {
        return Err(PyError::type_error("expected 1D vector for x"));
    }
    if x.is_empty() {
        return Err(PyError::type_error("expected non-empty vector for x"));
    }
    if ys.is_empty() || ys.len() > 2 {
        return Err(PyError::type_error("expected 1D or 2D array for y"));
    }
    if xs[0] != ys[0] {
        return Err(PyError::type_error("expected x and y to have same length"));
    }
    let order = order_i.max(1) as usize;
    let m = x.len();
    let k = if ys.len() == 2 { ys[1] } else { 1 };
    let rcond_given = args
        .kw("rcond")
        .filter(|v| !matches!(v, Value::None))
        .cloned();
    let rcond = match &rcond_given {
        Some(v) => number(v, "rcond")?,
        None => m as f64 * f64::EPSILON,
    };
    // `vander(x, order)`: column order-1-j holds x**j by repeated products.
    let mut lhs = dense::work(m * order)?;
    for (i, &xi) in x.iter().enumerate() {
        let row = &mut lhs[i * order..(i + 1) * order];
        row[order - 1] = 1.0;
        let mut p = 1.0;
        for j in 1..order {
            p = if j == 1 { xi } else { p * xi };
            row[order - 1 - j] = p;
        }
    }
    let mut rhs = y;
    if let Some(wv) = args.kw("w").filter(|v| !matches!(v, Value::None)) {
        let (wsh, w) = float_input(wv)?;
        if wsh.len() != 1 {
            return Err(PyError::type_error("expected a 1-d array for weights"));
        }
        if wsh[0] != ys[0] {
            return Err(PyError::type_error(
                "expected w and y to have the same length",
            ));
        }
        for i in 0..m {
            lhs[i * order..(i + 1) * order]
                .iter_mut()
                .for_each(|v| *v *= w[i]);
            rhs[i * k..(i + 1) * k].iter_mut().for_each(|v| *v *= w[i]);
        }
    }
    let mut scale = vec![0.0; order];
    for i in 0..m {
        for j in 0..order {
            let v = lhs[i * order + j];
            scale[j] += v * v;
        }
    }
    scale.iter_mut().for_each(|v| *v = v.sqrt());
    for i in 0..m {
        for j in 0..order {
            lhs[i * order + j] /= scale[j];
        }
    }
    let fit = super::lstsq::solve(m, order, k, &lhs, &rhs, rcond, true)?;
    let c: Vec<f64> = (0..order * k).map(|i| fit.x[i] / scale[i / k]).collect();
    let c_shape: Vec<usize> = if ys.len() == 2 {
        vec![order, k]
    } else {
        vec![order]
    };
    let c_val = Value::Array(array(&c_shape, &c, &DType::Float64)?);
    let full = args.kw("full").map(truthy).transpose()?.unwrap_or(false);
    if fit.rank != order && !full {
        super::super::fp_errors::warn("RankWarning: Polyfit may be poorly conditioned".into());
    }
    let resids = match &fit.resids {
        Some(r) => r.clone(),
        None => Vec::new(),
    };
    if full {
        let rc = rcond_given.unwrap_or(Value::NpScalar(DType::Float64, Scalar::Float(rcond)));
        return Ok(Value::tuple(vec![
            c_val,
            Value::Array(array(&[resids.len()], &resids, &DType::Float64)?),
            Value::NpScalar(DType::Int32, Scalar::Int(fit.rank as i64)),
            Value::Array(array(&[fit.s.len()], &fit.s, &DType::Float64)?),
            rc,
        ]));
    }
    let cov = match args.kw("cov") {
        None => return Ok(c_val),
        Some(v) => v.clone(),
    };
    let unscaled = matches!(&cov, Value::Str(t) if &**t == "unscaled");
    if !unscaled && !truthy(&cov)? {
        return Ok(c_val);
    }
    let lhs_arr = Value::Array(array(&[m, order], &lhs, &DType::Float64)?);
    let lhs_t = s.np("transpose", vec![lhs_arr.clone()], vec![])?;
    let gram = s.np("dot", vec![lhs_t, lhs_arr], vec![])?;
    let vbase = s.np("linalg.inv", vec![gram], vec![])?;
    let sc = Value::Array(array(&[order], &scale, &DType::Float64)?);
    let outer = s.np("outer", vec![sc.clone(), sc], vec![])?;
    let vbase = s.np("divide", vec![vbase, outer], vec![])?;
    let fac = if unscaled {
        Value::Int(1)
    } else {
        if m <= order {
            return Err(PyError::value(
                "the number of data points must exceed order to scale the covariance matrix",
            ));
        }
        let r = Value::Array(array(&[resids.len()], &resids, &DType::Float64)?);
        s.np("divide", vec![r, Value::Int((m - order) as i128)], vec![])?
    };
    let v = if ys.len() == 1 {
        vbase
    } else {
        s.np("expand_dims", vec![vbase, Value::Int(2)], vec![])?
    };
    let out = s.np("multiply", vec![v, fac], vec![])?;
    Ok(Value::tuple(vec![c_val, out]))
}
