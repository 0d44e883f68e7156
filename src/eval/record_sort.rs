//! Sorting structured arrays (`np.sort`/`np.argsort`/`a.sort` with and
//! without `order=`): records compare field by field, the `order` fields
//! first and then every other field in the dtype's order to break ties,
//! as NumPy's `npy_quicksort` on void compares them (nested records and
//! sub-array fields element by element, NaN after every number).

use std::cmp::Ordering;

use crate::engine::dtype::{DType, RecordType};
use crate::engine::{ArrayRef, NdArray, Scalar};

use super::display::repr;
use super::error::{PyError, PyResult};
use super::value::Value;

/// The fields a sort compares, in the order it compares them: those named
/// by `order` (a name or a list of names), then the rest.
fn key_fields(rec: &RecordType, order: Option<&Value>) -> PyResult<Vec<usize>> {
    let named: Vec<Value> = match order {
        None | Some(Value::None) => vec![],
        Some(Value::Str(_)) => vec![order.cloned().unwrap_or(Value::None)],
        Some(Value::List(l)) => l.borrow().clone(),
        Some(Value::Tuple(t)) => t.as_ref().clone(),
        Some(other) => {
            return Err(PyError::value(format!(
                "unsupported order value: {}",
                repr(other, &Default::default())
            )));
        }
    };
    let mut keys = vec![];
    for n in &named {
        let Value::Str(name) = n else {
            return Err(PyError::value(format!(
                "unsupported order value: {}",
                repr(n, &Default::default())
            )));
        };
        let k = rec
            .fields()
            .iter()
            .position(|f| f.name == name.as_ref() || f.title.as_deref() == Some(name))
            .ok_or_else(|| PyError::value(format!("unknown field name: {name}")))?;
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    let rest: Vec<usize> = (0..rec.fields().len())
        .filter(|k| !keys.contains(k))
        .collect();
    keys.extend(rest);
    Ok(keys)
}

/// Two records compared on `keys`, each field in its type's sort order
/// (`engine::sort::scalar_order`, the one order every sort uses).
fn compare_records(rec: &RecordType, keys: &[usize], x: &Scalar, y: &Scalar) -> Ordering {
    let (Scalar::Record(p), Scalar::Record(q)) = (x, y) else {
        return Ordering::Equal;
    };
    keys.iter()
        .map(|&k| crate::engine::sort::scalar_order(&rec.fields()[k].dtype, &p[k], &q[k]))
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// `order=` given for an array without fields.
pub fn check_no_order(order: Option<&Value>) -> PyResult<()> {
    match order {
        None | Some(Value::None) => Ok(()),
        Some(_) => Err(PyError::value(
            "Cannot specify order when the array has no fields.",
        )),
    }
}

/// The permutation sorting each lane along `axis` (`None`: the flattened
/// array), with the lanes' shape: the lanes as rows of a C-order array
/// whose last axis is the sorted one.
fn lanes(a: &ArrayRef, axis: Option<usize>, order: Option<&Value>) -> PyResult<Lanes> {
    let DType::Record(rec) = a.dtype() else {
        unreachable!("record_sort is called for structured arrays")
    };
    let keys = key_fields(rec, order)?;
    let (vals, shape, perm) = match axis {
        // The flattened array, in C order.
        None => (a.to_scalars(), vec![a.size()], vec![0]),
        Some(axis) => {
            let nd = a.ndim();
            let perm: Vec<usize> = (0..nd).filter(|&k| k != axis).chain([axis]).collect();
            let layout = a.layout().permuted(&perm);
            (a.to_scalars_layout(&layout), layout.shape, perm)
        }
    };
    let n = shape.last().copied().unwrap_or(1).max(1);
    let mut order_of = Vec::with_capacity(vals.len());
    for (lane, chunk) in vals.chunks(n).enumerate() {
        let mut idx: Vec<usize> = (0..chunk.len()).collect();
        idx.sort_by(|&i, &j| compare_records(rec, &keys, &chunk[i], &chunk[j]));
        order_of.extend(idx.into_iter().map(|i| (lane * n + i, i)));
    }
    Ok(Lanes {
        shape,
        perm,
        vals,
        order_of,
    })
}

/// A sort's result before it is laid back along the original axes.
struct Lanes {
    /// Shape with the sorted axis last.
    shape: Vec<usize>,
    /// The axis permutation that put it there.
    perm: Vec<usize>,
    /// The elements, lane by lane.
    vals: Vec<Scalar>,
    /// For each output position: (source element, its index in its lane).
    order_of: Vec<(usize, usize)>,
}

impl Lanes {
    /// An array of `values` laid out as the lanes, moved back to the
    /// original axis order.
    fn place(&self, dtype: DType, values: &[Scalar]) -> PyResult<ArrayRef> {
        let tmp = NdArray::from_scalars(&self.shape, dtype.clone(), values)?;
        let nd = self.perm.len().min(self.shape.len());
        let inv: Vec<usize> = (0..nd)
            .map(|k| self.perm.iter().position(|&p| p == k).unwrap_or(0))
            .collect();
        let back = NdArray::view_with(&tmp, tmp.layout().permuted(&inv));
        let out = NdArray::zeros(&back.shape(), dtype)?;
        crate::engine::array::copy_elements(&back, &out)?;
        Ok(out)
    }
}

/// `np.sort(a, axis, order=...)` for a structured array: a new array.
pub fn sort(a: &ArrayRef, axis: Option<usize>, order: Option<&Value>) -> PyResult<ArrayRef> {
    if a.ndim() == 0 {
        return Err(PyError::new(
            "AxisError",
            "axis -1 is out of bounds for array of dimension 0",
        ));
    }
    let l = lanes(a, axis, order)?;
    let sorted: Vec<Scalar> = l.order_of.iter().map(|&(s, _)| l.vals[s].clone()).collect();
    l.place(a.dtype().clone(), &sorted)
}

/// `np.argsort(a, axis, order=...)` for any array: structured arrays here,
/// the others by `index_routines::argsort` (which has no `order`).
pub fn argsort_any(a: &ArrayRef, axis: &Value, order: Option<&Value>) -> PyResult<ArrayRef> {
    if !matches!(a.dtype(), DType::Record(r) if !r.fields().is_empty()) {
        check_no_order(order)?;
        return super::index_routines::argsort(a, axis);
    }
    let axis = match axis {
        Value::None => None,
        v if a.ndim() == 0 => {
            crate::eval::coerce::int_arg(v, "")?;
            None
        }
        v => Some(crate::engine::reduce::normalize_axis(
            crate::eval::coerce::int_arg(v, "")?,
            a.ndim(),
        )?),
    };
    argsort(a, axis, order)
}

/// `np.argsort(a, axis, order=...)` for a structured array.
fn argsort(a: &ArrayRef, axis: Option<usize>, order: Option<&Value>) -> PyResult<ArrayRef> {
    let l = lanes(a, axis, order)?;
    let idx: Vec<Scalar> = l
        .order_of
        .iter()
        .map(|&(_, i)| Scalar::Int(i as i64))
        .collect();
    l.place(DType::Int64, &idx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nan_sorts_last_and_records_break_ties() {
        let rec = RecordType::new(
            ["a", "b"]
                .iter()
                .zip([DType::Int64, DType::Float64])
                .enumerate()
                .map(|(k, (name, dtype))| crate::engine::dtype::Field {
                    name: name.to_string(),
                    dtype,
                    offset: 8 * k,
                    shape: vec![],
                    title: None,
                })
                .collect(),
            16,
            false,
        );
        let r = |x: i64, y: f64| Scalar::Record(vec![Scalar::Int(x), Scalar::Float(y)]);
        assert_eq!(
            compare_records(&rec, &[1, 0], &r(2, f64::NAN), &r(3, 1.0)),
            Ordering::Greater
        );
        assert_eq!(
            compare_records(&rec, &[1, 0], &r(2, 1.0), &r(3, 1.0)),
            Ordering::Less
        );
        assert_eq!(
            compare_records(&rec, &[1, 0], &r(1, 2.0), &r(3, 1.0)),
            Ordering::Greater
        );
    }
}
