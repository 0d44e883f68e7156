//! `np.unique` (with `axis=`, `equal_nan=`, `sorted=`) and the array-API
//! family `unique_values`, `unique_counts`, `unique_inverse`,
//! `unique_all`, as `numpy/lib/_arraysetops_impl.py` computes them: the
//! hash path (`_unique_hash`) when only the values are wanted and the
//! dtype has one, otherwise a sort, a mask of first-of-a-run elements,
//! and indices, inverse and counts read off the permutation.

use std::cmp::Ordering;

use crate::engine::{ArrayRef, DType, NdArray, Order, Scalar};

use super::super::error::{PyError, PyResult};
use super::super::named_tuple;
use super::super::value::Value;
use super::hash_order;
use super::order::{cmp, eq, is_nan};
use crate::eval::args::Args;
use crate::eval::coerce::int_arg;
use crate::eval::convert::as_array;
use crate::eval::object::NamedTupleClass;
use crate::eval::protocol::truthy;

/// What one call asks for.
#[derive(Clone, Copy)]
struct Want {
    index: bool,
    inverse: bool,
    counts: bool,
    equal_nan: bool,
    sorted: bool,
}

/// `np.unique(ar, return_index, return_inverse, return_counts, axis, *,
/// equal_nan, sorted)`.
pub fn unique(args: &Args) -> PyResult<Value> {
    let flag = |k: &str, default: bool| args.kw(k).map_or(Ok(default), truthy);
    let want = Want {
        index: flag("return_index", false)?,
        inverse: flag("return_inverse", false)?,
        counts: flag("return_counts", false)?,
        equal_nan: flag("equal_nan", true)?,
        sorted: flag("sorted", true)?,
    };
    let a = as_array(&args.pos[0])?;
    let out = match args.kw("axis") {
        None | Some(Value::None) => unique1d(&a, want)?,
        Some(axis) => unique_axis(&a, axis, want)?,
    };
    Ok(if out.len() == 1 {
        out.into_iter().next().unwrap_or(Value::None)
    } else {
        Value::tuple(out)
    })
}

/// `unique_values(x)`, `unique_counts(x)`, `unique_inverse(x)`,
/// `unique_all(x)`: `unique` with `equal_nan=False`, the last three as
/// namedtuples.
pub fn array_api(name: &str, args: &Args) -> PyResult<Value> {
    let a = as_array(&args.pos[0])?;
    let all = name == "unique_all";
    let want = Want {
        index: all,
        inverse: all || name == "unique_inverse",
        counts: all || name == "unique_counts",
        equal_nan: false,
        // `unique_values` asks for `sorted=False`; the others cannot take
        // the hash path, so they are sorted whatever they ask.
        sorted: name != "unique_values",
    };
    let out = unique1d(&a, want)?;
    let class: &'static NamedTupleClass = match name {
        "unique_all" => &named_tuple::UNIQUE_ALL,
        "unique_counts" => &named_tuple::UNIQUE_COUNTS,
        "unique_inverse" => &named_tuple::UNIQUE_INVERSE,
        _ => return Ok(out.into_iter().next().unwrap_or(Value::None)),
    };
    Ok(named_tuple::make(class, out))
}

/// The `axis=` path: the subarrays along `axis` are the elements, compared
/// field by field as the structured view NumPy makes of them.
fn unique_axis(a: &ArrayRef, axis: &Value, want: Want) -> PyResult<Vec<Value>> {
    if a.ndim() == 1 {
        // `normalize_axis_index(axis, 1)`, then the flat path.
        let k = int_arg(axis, "")?;
        crate::engine::reduce::normalize_axis(k, 1)?;
        return unique1d(a, want);
    }
    // `np.moveaxis(ar, axis, 0)`, whose AxisError NumPy re-raises plainly.
    let k = match axis {
        Value::Tuple(_) | Value::List(_) => {
            let items = crate::eval::protocol::iterate(axis)?;
            if items.len() != 1 {
                return Err(PyError::value(
                    "`source` and `destination` arguments must have the same number of elements",
                ));
            }
            // `moveaxis` takes a one-axis sequence, then NumPy indexes
            // its `inverse_shape` list with it.
            let k = int_arg(&items[0], "")?;
            crate::engine::reduce::normalize_axis(k, a.ndim())?;
            return Err(PyError::type_error(format!(
                "list indices must be integers or slices, not {}",
                axis.type_name()
            )));
        }
        Value::Int(_) | Value::Bool(_) => int_arg(axis, "")?,
        Value::NpScalar(dt, _) if dt.is_integer() => int_arg(axis, "")?,
        Value::Array(x) if x.ndim() == 0 && x.dtype().is_integer() => int_arg(axis, "")?,
        other => {
            return Err(PyError::type_error(format!(
                "'{}' object is not iterable",
                other.type_name()
            )));
        }
    };
    let ax = crate::engine::reduce::normalize_axis(k, a.ndim())?;
    if matches!(a.dtype(), DType::Record(_)) {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.unique does not take axis= for structured arrays yet",
        ));
    }
    let mut perm: Vec<usize> = (0..a.ndim()).filter(|&d| d != ax).collect();
    perm.insert(0, ax);
    let moved = NdArray::view_with(a, a.layout().permuted(&perm));
    let shape = moved.shape();
    let n = shape[0];
    let m: usize = shape[1..].iter().product();
    let flat = moved.to_scalars();
    let rows: Vec<&[Scalar]> = (0..n).map(|r| &flat[r * m..(r + 1) * m]).collect();
    // Records sort field by field (NaN last) and compare with `!=`, so a
    // row holding a NaN is never equal to another.
    let order_rows = |i: usize, j: usize| -> Ordering {
        rows[i]
            .iter()
            .zip(rows[j])
            .map(|(x, y)| cmp(x, y))
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    };
    let same_rows =
        |i: usize, j: usize| -> bool { rows[i].iter().zip(rows[j]).all(|(x, y)| eq(x, y)) };
    let mut perm_rows: Vec<usize> = (0..n).collect();
    perm_rows.sort_by(|&i, &j| order_rows(i, j));
    let starts: Vec<bool> = (0..n)
        .map(|k| k == 0 || !same_rows(perm_rows[k], perm_rows[k - 1]))
        .collect();
    let kept: Vec<usize> = (0..n)
        .filter(|&k| starts[k])
        .map(|k| perm_rows[k])
        .collect();
    // The unique rows, C-ordered as (count, rest...), then moved back:
    // NumPy's result is that view, not a copy.
    let mut values = Vec::with_capacity(kept.len() * m);
    for &r in &kept {
        values.extend_from_slice(rows[r]);
    }
    let mut ushape = shape.clone();
    ushape[0] = kept.len();
    let block = NdArray::from_scalars(&ushape, a.dtype().clone(), &values)?;
    let mut back: Vec<usize> = (1..a.ndim()).collect();
    back.insert(ax, 0);
    let uniq = NdArray::view_with(&block, block.layout().permuted(&back));
    let mut out = vec![Value::Array(uniq)];
    out.extend(extras(&perm_rows, &starts, want, &[n])?);
    Ok(out)
}

/// `_unique1d` on the flattened array (the inverse takes `a`'s shape).
fn unique1d(a: &ArrayRef, want: Want) -> PyResult<Vec<Value>> {
    // Sorted integers and floats (values and counts only) need no
    // positions: NumPy's hash order (integers) is sorted away, and equal
    // values are interchangeable (`sorted_distinct` declines mixed zeros).
    if !want.index
        && !want.inverse
        && (want.sorted || want.counts)
        && let Some((u, counts)) =
            crate::engine::distinct::sorted_distinct(a, want.counts, want.equal_nan)?
    {
        return Ok(std::iter::once(u).chain(counts).map(Value::Array).collect());
    }
    // With positions: one typed sort of (value, position) pairs.
    if (want.index || want.inverse)
        && let Some(d) = crate::engine::distinct::distinct_positions(
            a,
            crate::engine::distinct::Wanted {
                index: want.index,
                inverse: want.inverse,
                counts: want.counts,
                equal_nan: want.equal_nan,
            },
            &a.shape(),
        )?
    {
        return Ok(std::iter::once(d.values)
            .chain(d.index)
            .chain(d.inverse)
            .chain(d.counts)
            .map(Value::Array)
            .collect());
    }
    let flat = a.to_scalars();
    let dt = a.dtype().clone();
    let nan_kind = matches!(dt, DType::Float16 | DType::Float32 | DType::Float64)
        || matches!(dt, DType::Complex64 | DType::Complex128);
    if !(want.index || want.inverse || want.counts)
        && let Some(v) = hash_unique(a, &flat, want)?
    {
        return Ok(vec![v]);
    }
    let n = flat.len();
    let mut perm: Vec<usize> = (0..n).collect();
    // A stable sort: with `return_index` NumPy's mergesort is; its
    // quicksort only differs among elements that compare equal.
    // Records sort field by field in each field's own order (a NaT
    // last), as `np.sort` sorts them.
    if matches!(dt, DType::Record(_)) {
        perm.sort_by(|&i, &j| crate::engine::sort::scalar_order(&dt, &flat[i], &flat[j]));
    } else {
        perm.sort_by(|&i, &j| cmp(&flat[i], &flat[j]));
    }
    let collapse_nans = want.equal_nan && nan_kind;
    let starts: Vec<bool> = (0..n)
        .map(|k| {
            if k == 0 {
                return true;
            }
            let (x, y) = (&flat[perm[k]], &flat[perm[k - 1]]);
            if collapse_nans && is_nan(x) {
                // Every NaN after the first is the first's.
                return !is_nan(y);
            }
            !eq(x, y)
        })
        .collect();
    let values: Vec<Scalar> = (0..n)
        .filter(|&k| starts[k])
        .map(|k| flat[perm[k]].clone())
        .collect();
    let u = NdArray::from_scalars(&[values.len()], dt, &values)?;
    let mut out = vec![Value::Array(u)];
    out.extend(extras(&perm, &starts, want, &a.shape())?);
    Ok(out)
}

/// Index, inverse and counts (those wanted) from the sort permutation and
/// the mask of run starts.
fn extras(
    perm: &[usize],
    starts: &[bool],
    want: Want,
    inv_shape: &[usize],
) -> PyResult<Vec<Value>> {
    let ints = |v: Vec<i64>, shape: &[usize]| -> PyResult<Value> {
        let s: Vec<Scalar> = v.into_iter().map(Scalar::Int).collect();
        Ok(Value::Array(NdArray::from_scalars(
            shape,
            DType::Int64,
            &s,
        )?))
    };
    let n = perm.len();
    let mut out = vec![];
    if want.index {
        let first: Vec<i64> = (0..n)
            .filter(|&k| starts[k])
            .map(|k| perm[k] as i64)
            .collect();
        let len = first.len();
        out.push(ints(first, &[len])?);
    }
    if want.inverse {
        let mut inv = vec![0i64; n];
        let mut group = -1i64;
        for (&p, &start) in perm.iter().zip(starts) {
            if start {
                group += 1;
            }
            inv[p] = group;
        }
        out.push(ints(inv, inv_shape)?);
    }
    if want.counts {
        let mut counts: Vec<i64> = vec![];
        for &s in starts {
            if s {
                counts.push(0);
            }
            if let Some(c) = counts.last_mut() {
                *c += 1;
            }
        }
        let len = counts.len();
        out.push(ints(counts, &[len])?);
    }
    Ok(out)
}

/// `_unique_hash`: integer, complex and string dtypes keep the first of
/// each group of equal elements, in the hash set's order (then sorted if
/// asked). Other dtypes (bool, floats, records) answer `None`: NumPy sorts
/// them.
fn hash_unique(a: &ArrayRef, flat: &[Scalar], want: Want) -> PyResult<Option<Value>> {
    let dt = a.dtype().clone();
    let item = dt.itemsize();
    let hashable = dt.is_integer()
        || matches!(
            dt,
            DType::Complex64 | DType::Complex128 | DType::Str(_) | DType::Bytes(_)
        );
    if !hashable || matches!(dt, DType::Bool) {
        return Ok(None);
    }
    let complex = matches!(dt, DType::Complex64 | DType::Complex128);
    let c = a.copy(Order::C)?;
    let bytes = c.buffer().bytes();
    let base = c.layout().offset;
    let key = |k: usize| -> Vec<u8> {
        let mut b = bytes[base + k * item..base + (k + 1) * item].to_vec();
        if complex {
            // `hash_complex`: -0.0 hashes as 0.0.
            let half = item / 2;
            for part in 0..2 {
                let zero = match &flat[k] {
                    Scalar::Complex(re, im) => [*re, *im][part] == 0.0,
                    _ => false,
                };
                if zero {
                    b[part * half..(part + 1) * half].fill(0);
                }
            }
        }
        b
    };
    let hashes: Vec<u64> = (0..flat.len())
        .map(|k| {
            if complex && want.equal_nan && is_nan(&flat[k]) {
                0
            } else {
                hash_order::fnv1a(&key(k))
            }
        })
        .collect();
    let same = |i: usize, j: usize| -> bool {
        let (x, y) = (&flat[i], &flat[j]);
        if complex && is_nan(x) && is_nan(y) {
            return want.equal_nan;
        }
        match (x, y) {
            // Strings compare all their bytes, trailing NULs included.
            (Scalar::Str(_), _) | (Scalar::Bytes(_), _) => key(i) == key(j),
            _ => eq(x, y),
        }
    };
    let Some(mut order) = hash_order::set_order(&hashes, same) else {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.unique does not replay NumPy's hash table past 2**33 buckets",
        ));
    };
    if want.sorted {
        order.sort_by(|&i, &j| cmp(&flat[i], &flat[j]));
    }
    let values: Vec<Scalar> = order.iter().map(|&k| flat[k].clone()).collect();
    let u = NdArray::from_scalars(&[values.len()], dt, &values)?;
    Ok(Some(Value::Array(u)))
}
