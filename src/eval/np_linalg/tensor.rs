//! `np.linalg.tensorinv`, `np.linalg.tensorsolve` and `np.linalg.vecdot`:
//! the Python functions of `numpy/linalg/_linalg.py`, step for step —
//! reshape to a square matrix, `inv`/`solve`, reshape back — so values
//! and errors are those of `inv`, `solve` and `np.vecdot`.

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::common::linalg_error;
use crate::engine::Order;
use crate::eval::args::Args;
use crate::eval::coerce::int_arg;
use crate::eval::convert::as_array;
use crate::eval::reshaping::{reshape, transpose};
use crate::eval::session::Session;

fn ints(v: &[i64]) -> Value {
    Value::tuple(v.iter().map(|&d| Value::Int(i128::from(d))).collect())
}

fn one(v: Value) -> Args {
    Args {
        pos: vec![v],
        kw: vec![],
    }
}

/// `tensorinv(a, ind=2)`.
pub fn tensorinv(args: &Args) -> PyResult<Value> {
    let a = as_array(args.req(0, "a", "tensorinv")?)?;
    let ind = match args.get(1, "ind") {
        Some(v) => int_arg(v, "")?,
        None => 2,
    };
    if ind <= 0 {
        return Err(PyError::value("Invalid ind argument."));
    }
    let old: Vec<i64> = a.shape().iter().map(|&d| d as i64).collect();
    let cut = (ind as usize).min(old.len());
    let inv_shape: Vec<i64> = old[cut..].iter().chain(&old[..cut]).copied().collect();
    let prod: i64 = old[cut..].iter().product();
    let square = reshape(&a, &ints(&[prod, -1]), Order::C)?;
    let ia = as_array(&super::solve::inv(&one(Value::Array(square)))?)?;
    Ok(Value::Array(reshape(&ia, &ints(&inv_shape), Order::C)?))
}

/// `tensorsolve(a, b, axes=None)`.
pub fn tensorsolve(args: &Args) -> PyResult<Value> {
    let mut a = as_array(args.req(0, "a", "tensorsolve")?)?;
    let b = as_array(args.req(1, "b", "tensorsolve")?)?;
    let an = a.ndim() as i64;
    if let Some(axes) = args.get(2, "axes").filter(|v| !matches!(v, Value::None)) {
        let mut all: Vec<i64> = (0..an).collect();
        for k in crate::eval::protocol::iterate(axes)? {
            let k = int_arg(&k, "")?;
            let Some(at) = all.iter().position(|&x| x == k) else {
                return Err(PyError::value("list.remove(x): x not in list"));
            };
            all.remove(at);
            all.push(k);
        }
        a = transpose(&a, Some(all))?;
    }
    let shape: Vec<i64> = a.shape().iter().map(|&d| d as i64).collect();
    // `a.shape[-(an - b.ndim):]`: Python's `-0` slices the whole tuple.
    let d = an - b.ndim() as i64;
    let start = match d {
        0 => 0,
        d if d > 0 => an - d,
        d => (-d).min(an),
    } as usize;
    let old: Vec<i64> = shape[start..].to_vec();
    let prod: i64 = old.iter().product();
    if a.size() as i128 != i128::from(prod) * i128::from(prod) {
        return Err(linalg_error(
            "Input arrays must satisfy the requirement             prod(a.shape[b.ndim:]) == prod(a.shape[:b.ndim])",
        ));
    }
    let square = reshape(&a, &ints(&[prod, prod]), Order::C)?;
    let flat = crate::eval::reshaping::ravel(&b, Order::C)?;
    let res = super::solve::solve(&Args {
        pos: vec![Value::Array(square), Value::Array(flat)],
        kw: vec![],
    })?;
    Ok(Value::Array(reshape(
        &as_array(&res)?,
        &ints(&old),
        Order::C,
    )?))
}

/// `np.linalg.vecdot(x1, x2, /, *, axis=-1)`: `np.vecdot` with `axis`.
pub fn vecdot(s: &mut Session, args: &Args) -> PyResult<Value> {
    let x1 = args.req(0, "x1", "vecdot")?.clone();
    let x2 = args.req(1, "x2", "vecdot")?.clone();
    let axis = args.kw("axis").cloned().unwrap_or(Value::Int(-1));
    s.np("vecdot", vec![x1, x2], vec![("axis", axis)])
}
