//! Set routines on flattened arrays, following `numpy/lib/_arraysetops_impl.py`:
//! `intersect1d` (with `return_indices=`, `assume_unique=`), `union1d`,
//! `setdiff1d`, `setxor1d`. Values are compared in the dtype the inputs
//! concatenate to; NaNs collapse to one in `unique` (its `equal_nan=True`)
//! but never match each other across arrays.

use crate::engine::dtype::DType;
use crate::engine::{ArrayRef, NdArray, Scalar};

use super::order::{cmp, eq, is_nan};
use super::search::{common, intp, scalars_as};
use crate::eval::args::Args;
use crate::eval::convert::as_array;
use crate::eval::error::PyResult;
use crate::eval::protocol::truthy;
use crate::eval::value::Value;

/// The sorted distinct values of `vals` and the position each was first
/// seen at (a stable sort; NaNs collapse to the first one).
pub fn unique_flat(vals: &[Scalar]) -> (Vec<Scalar>, Vec<usize>) {
    let mut order: Vec<usize> = (0..vals.len()).collect();
    order.sort_by(|&i, &j| cmp(&vals[i], &vals[j]));
    let mut out: Vec<Scalar> = vec![];
    let mut first = vec![];
    for i in order {
        let v = &vals[i];
        let dup = out
            .last()
            .is_some_and(|last| eq(last, v) || (is_nan(last) && is_nan(v)));
        if !dup {
            out.push(v.clone());
            first.push(i);
        }
    }
    (out, first)
}

fn flag(args: &Args, name: &str) -> PyResult<bool> {
    args.kw(name).map_or(Ok(false), truthy)
}

/// Both arguments flattened, as scalars of their common dtype.
fn pair(args: &Args) -> PyResult<(ArrayRef, ArrayRef, DType)> {
    let (a, b) = (as_array(&args.pos[0])?, as_array(&args.pos[1])?);
    let dt = common(a.dtype(), b.dtype())?;
    Ok((a, b, dt))
}

fn array_of(vals: &[Scalar], dt: DType) -> PyResult<Value> {
    Ok(Value::Array(NdArray::from_scalars(
        &[vals.len()],
        dt,
        vals,
    )?))
}

/// `unique(x)` unless `assume_unique`, then just the flattened values.
fn distinct(a: &ArrayRef, dt: &DType, assume_unique: bool) -> PyResult<(Vec<Scalar>, Vec<usize>)> {
    let vals = scalars_as(a, dt)?;
    Ok(if assume_unique {
        let n = vals.len();
        (vals, (0..n).collect())
    } else {
        unique_flat(&vals)
    })
}

/// `np.intersect1d(ar1, ar2, assume_unique, return_indices)`.
pub fn intersect1d(args: &Args) -> PyResult<Value> {
    let (a, b, dt) = pair(args)?;
    let assume = flag(args, "assume_unique")?;
    // NumPy takes `unique` of each in its own dtype, then concatenates.
    let (u1, i1) = distinct(&a, &a.dtype().clone(), assume)?;
    let (u2, i2) = distinct(&b, &b.dtype().clone(), assume)?;
    let cast = |v: Vec<Scalar>, from: &DType| -> PyResult<Vec<Scalar>> {
        let arr = NdArray::from_scalars(&[v.len()], from.clone(), &v)?;
        scalars_as(&arr, &dt)
    };
    let n1 = u1.len();
    let aux: Vec<Scalar> = [cast(u1, a.dtype())?, cast(u2, b.dtype())?].concat();
    let mut perm: Vec<usize> = (0..aux.len()).collect();
    perm.sort_by(|&i, &j| cmp(&aux[i], &aux[j]));
    let (mut vals, mut ind1, mut ind2) = (vec![], vec![], vec![]);
    for w in perm.windows(2) {
        if eq(&aux[w[0]], &aux[w[1]]) {
            vals.push(aux[w[0]].clone());
            // With `assume_unique` a value repeated within one array pairs
            // with itself: NumPy's indices then run past `ar1` (or below 0).
            ind1.push(i1.get(w[0]).map_or(w[0] as i64, |&i| i as i64));
            ind2.push(match w[1].checked_sub(n1) {
                Some(k) => i2[k] as i64,
                None => w[1] as i64 - n1 as i64,
            });
        }
    }
    let values = array_of(&vals, dt)?;
    if !flag(args, "return_indices")? {
        return Ok(values);
    }
    let (k1, k2) = (ind1.len(), ind2.len());
    Ok(Value::tuple(vec![
        values,
        Value::Array(intp(ind1, &[k1])?),
        Value::Array(intp(ind2, &[k2])?),
    ]))
}

/// `np.union1d(ar1, ar2)`: `unique` of both, flattened together.
pub fn union1d(args: &Args) -> PyResult<Value> {
    let (a, b, dt) = pair(args)?;
    let all = [scalars_as(&a, &dt)?, scalars_as(&b, &dt)?].concat();
    array_of(&unique_flat(&all).0, dt)
}

/// `np.setdiff1d(ar1, ar2, assume_unique)`: values of `ar1` (in its own
/// dtype) not in `ar2`.
pub fn setdiff1d(args: &Args) -> PyResult<Value> {
    let (a, b, dt) = pair(args)?;
    let assume = flag(args, "assume_unique")?;
    let own = a.dtype().clone();
    let (u1, _) = distinct(&a, &own, assume)?;
    let u1_common = scalars_as(&NdArray::from_scalars(&[u1.len()], own.clone(), &u1)?, &dt)?;
    let (u2, _) = unique_flat(&scalars_as(&b, &dt)?);
    let keep: Vec<Scalar> = u1
        .iter()
        .zip(&u1_common)
        .filter(|(_, c)| !u2.iter().any(|x| eq(x, c)))
        .map(|(v, _)| v.clone())
        .collect();
    array_of(&keep, own)
}

/// `np.setxor1d(ar1, ar2, assume_unique)`: values in exactly one of them.
pub fn setxor1d(args: &Args) -> PyResult<Value> {
    let (a, b, dt) = pair(args)?;
    let assume = flag(args, "assume_unique")?;
    let (u1, _) = distinct(&a, &dt, assume)?;
    let (u2, _) = distinct(&b, &dt, assume)?;
    let mut aux = [u1, u2].concat();
    aux.sort_by(cmp);
    let n = aux.len();
    // flag[i] is "aux[i] differs from its left neighbour" (true at both ends).
    let differs = |i: usize| i == 0 || i == n || !eq(&aux[i], &aux[i - 1]);
    let keep: Vec<Scalar> = (0..n)
        .filter(|&i| differs(i) && differs(i + 1))
        .map(|i| aux[i].clone())
        .collect();
    array_of(&keep, dt)
}
