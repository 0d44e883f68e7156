//! `np.linalg.multi_dot(arrays, *, out=None)`, as `_linalg.multi_dot`
//! does it: two arrays are one `np.dot`; a 1-d first (last) array
//! becomes a row (column); three use `_multi_dot_three`'s cost test;
//! more use the matrix-chain order (`_multi_dot_matrix_chain_order`,
//! first minimum wins); the products are `np.dot`s through the registry,
//! so their digits are `np.dot`'s.

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::common::linalg_error;
use crate::eval::args::Args;
use crate::eval::coerce::scalarize;
use crate::eval::convert::as_array;
use crate::eval::session::Session;

fn dot(s: &mut Session, a: &Value, b: &Value) -> PyResult<Value> {
    s.np("dot", vec![a.clone(), b.clone()], vec![])
}

/// The items of `arrays` (any iterable NumPy's `len` and indexing take).
fn items(v: &Value) -> PyResult<Vec<Value>> {
    match v {
        Value::List(l) => Ok(l.borrow().clone()),
        Value::Tuple(t) => Ok(t.to_vec()),
        Value::Array(_) => Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.linalg.multi_dot takes its arrays as a list or tuple",
        )),
        other => Err(PyError::type_error(format!(
            "object of type '{}' has no len()",
            other.type_name()
        ))),
    }
}

/// `_multi_dot(arrays, order, i, j)`.
fn chain(
    s: &mut Session,
    arrays: &[Value],
    order: &[Vec<usize>],
    i: usize,
    j: usize,
) -> PyResult<Value> {
    if i == j {
        return Ok(arrays[i].clone());
    }
    let k = order[i][j];
    let left = chain(s, arrays, order, i, k)?;
    let right = chain(s, arrays, order, k + 1, j)?;
    dot(s, &left, &right)
}

pub fn multi_dot(s: &mut Session, args: &Args) -> PyResult<Value> {
    let given = items(args.req(0, "arrays", "multi_dot")?)?;
    let n = given.len();
    if n < 2 {
        return Err(PyError::value("Expecting at least two arrays."));
    }
    if n == 2 {
        return dot(s, &given[0], &given[1]);
    }
    let mut arrays = Vec::with_capacity(n);
    for v in &given {
        arrays.push(as_array(v)?);
    }
    let (nd_first, nd_last) = (arrays[0].ndim(), arrays[n - 1].ndim());
    if nd_first == 1 {
        let len = arrays[0].shape()[0];
        arrays[0] = crate::eval::reshaping::reshape(
            &arrays[0],
            &Value::tuple(vec![Value::Int(1), Value::Int(len as i128)]),
            crate::engine::Order::C,
        )?;
    }
    if nd_last == 1 {
        let len = arrays[n - 1].shape()[0];
        arrays[n - 1] = crate::eval::reshaping::reshape(
            &arrays[n - 1],
            &Value::tuple(vec![Value::Int(len as i128), Value::Int(1)]),
            crate::engine::Order::C,
        )?;
    }
    for a in &arrays {
        if a.ndim() != 2 {
            return Err(linalg_error(&format!(
                "{}-dimensional array given. Array must be two-dimensional",
                a.ndim()
            )));
        }
    }
    let vals: Vec<Value> = arrays.iter().cloned().map(Value::Array).collect();
    let result = if n == 3 {
        let (a0, a1b0) = (arrays[0].shape()[0], arrays[0].shape()[1]);
        let (b1c0, c1) = (arrays[2].shape()[0], arrays[2].shape()[1]);
        let cost1 = (a0 as u128) * (b1c0 as u128) * (a1b0 as u128 + c1 as u128);
        let cost2 = (a1b0 as u128) * (c1 as u128) * (a0 as u128 + b1c0 as u128);
        if cost1 < cost2 {
            let ab = dot(s, &vals[0], &vals[1])?;
            dot(s, &ab, &vals[2])?
        } else {
            let bc = dot(s, &vals[1], &vals[2])?;
            dot(s, &vals[0], &bc)?
        }
    } else {
        let mut p: Vec<f64> = arrays.iter().map(|a| a.shape()[0] as f64).collect();
        p.push(arrays[n - 1].shape()[1] as f64);
        let mut m = vec![vec![0.0f64; n]; n];
        let mut order = vec![vec![0usize; n]; n];
        for l in 1..n {
            for i in 0..n - l {
                let j = i + l;
                m[i][j] = f64::INFINITY;
                for k in i..j {
                    let q = m[i][k] + m[k + 1][j] + p[i] * p[k + 1] * p[j + 1];
                    if q < m[i][j] {
                        m[i][j] = q;
                        order[i][j] = k;
                    }
                }
            }
        }
        chain(s, &vals, &order, 0, n - 1)?
    };
    let r = as_array(&result)?;
    if nd_first == 1 && nd_last == 1 {
        let flat = crate::eval::reshaping::ravel(&r, crate::engine::Order::C)?;
        let one =
            crate::eval::reshaping::reshape(&flat, &Value::tuple(vec![]), crate::engine::Order::C)?;
        return Ok(scalarize(one));
    }
    if nd_first == 1 || nd_last == 1 {
        return Ok(Value::Array(crate::eval::reshaping::ravel(
            &r,
            crate::engine::Order::C,
        )?));
    }
    Ok(result)
}
