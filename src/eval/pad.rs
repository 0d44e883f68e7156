//! `np.pad`: NumPy's `numpy/lib/_arraypad_impl.py` step by step — the
//! `pad_width` forms (int, `(before, after)`, per axis) through `_as_pairs`,
//! the keyword check per mode, a new array (F-ordered when the input is
//! only F-contiguous) holding the input in its middle, then each axis's
//! pad areas filled in axis order, so corners come out as NumPy's.
//! Modes: `constant` (`constant_values`), `empty`, `edge`, `reflect`,
//! `symmetric`, `wrap` (the last three are periodic index maps, which is
//! what NumPy's repeated reflection amounts to for any width).

use super::error::{PyError, PyResult};
use super::shapes::slice_view;
use super::value::Value;
use crate::engine::dtype::{DType, Kind};
use crate::engine::index::{self, IndexItem};
use crate::engine::{ArrayRef, NdArray, Order, Scalar, buffer};
use crate::eval::args::Args;
use crate::eval::coerce::int_arg;
use crate::eval::convert::as_array;
use crate::eval::reshaping::{broadcast_to, fill_array};

/// Each mode NumPy knows, with the keywords it accepts.
const MODES: &[(&str, &[&str])] = &[
    ("empty", &[]),
    ("edge", &[]),
    ("wrap", &[]),
    ("constant", &["constant_values"]),
    ("linear_ramp", &["end_values"]),
    ("maximum", &["stat_length"]),
    ("mean", &["stat_length"]),
    ("median", &["stat_length"]),
    ("minimum", &["stat_length"]),
    ("reflect", &["reflect_type"]),
    ("symmetric", &["reflect_type"]),
];

/// The parameters of `pad` itself (everything else came in `**kwargs`).
const OWN: &[&str] = &["array", "pad_width", "mode"];

/// `np.pad(array, pad_width, mode='constant', **kwargs)`.
pub fn pad(args: &Args) -> PyResult<ArrayRef> {
    let a = as_array(args.req(0, "array", "pad")?)?;
    let widths = as_array(args.req(1, "pad_width", "pad")?)?;
    if !matches!(widths.dtype().kind(), Kind::Int) {
        return Err(PyError::type_error("`pad_width` must be of integral type."));
    }
    let nd = a.ndim();
    let pairs: Vec<(usize, usize)> = as_pairs(&widths, nd)?
        .into_iter()
        .map(|(l, r)| {
            let l = int_of(&l);
            let r = int_of(&r);
            if l < 0 || r < 0 {
                Err(PyError::value("index can't contain negative values"))
            } else {
                Ok((l as usize, r as usize))
            }
        })
        .collect::<PyResult<_>>()?;
    let mode = match args.kw("mode") {
        None => "constant".to_string(),
        Some(Value::Str(s)) => s.to_string(),
        Some(_) => {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab's np.pad does not take a function as mode",
            ));
        }
    };
    let Some((_, allowed)) = MODES.iter().find(|(m, _)| *m == mode) else {
        return Err(PyError::value(format!("mode '{mode}' is not supported")));
    };
    let extra: Vec<&(String, Value)> = args
        .kw
        .iter()
        .filter(|(k, _)| !OWN.contains(&k.as_str()))
        .collect();
    let unsupported: Vec<String> = extra
        .iter()
        .filter(|(k, _)| !allowed.contains(&k.as_str()))
        .map(|(k, _)| format!("'{k}'"))
        .collect();
    if !unsupported.is_empty() {
        return Err(PyError::value(format!(
            "unsupported keyword arguments for mode '{mode}': {{{}}}",
            unsupported.join(", ")
        )));
    }
    if let Some(rt) = args.kw("reflect_type")
        && !matches!(rt, Value::Str(s) if s.as_ref() == "even")
    {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.pad implements reflect_type='even' only",
        ));
    }
    if !matches!(
        mode.as_str(),
        "constant" | "empty" | "edge" | "reflect" | "symmetric" | "wrap"
    ) {
        return Err(PyError::new(
            "NotImplementedError",
            format!("slicelab's np.pad does not implement mode '{mode}'"),
        ));
    }

    let shape = a.shape();
    let new_shape: Vec<usize> = shape
        .iter()
        .zip(&pairs)
        .map(|(&n, &(l, r))| n.checked_add(l).and_then(|x| x.checked_add(r)))
        .collect::<Option<_>>()
        .ok_or(crate::engine::EngineError::ArrayTooBig)?;
    let dt = a.dtype().clone();
    buffer::ensure_room(&new_shape, dt.itemsize(), &dt.name(), 0)?;
    let order = if a.is_f_contiguous() && !a.is_c_contiguous() {
        Order::F
    } else {
        Order::C
    };
    let padded = NdArray::zeros_ordered(&new_shape, dt, order)?;
    let middle: Vec<IndexItem> = shape
        .iter()
        .zip(&pairs)
        .map(|(&n, &(l, _))| IndexItem::Slice(Some(l as i64), Some((l + n) as i64), None))
        .collect();
    index::set(&padded, &middle, &a)?;

    match mode.as_str() {
        "empty" => {}
        "constant" => {
            let values = args.kw("constant_values").cloned().unwrap_or(Value::Int(0));
            let fills = as_pairs(&as_array(&values)?, nd)?;
            for axis in 0..nd {
                let roi = roi(&padded, &shape, &pairs, axis)?;
                let (l, r) = pairs[axis];
                let len = roi.shape()[axis];
                fill_array(&slice_view(&roi, axis, 0, l)?, &fills[axis].0)?;
                fill_array(&slice_view(&roi, axis, len - r, len)?, &fills[axis].1)?;
            }
        }
        _ if a.size() == 0 => {
            for (axis, &(l, r)) in pairs.iter().enumerate() {
                if shape[axis] == 0 && (l > 0 || r > 0) {
                    return Err(PyError::value(format!(
                        "can't extend empty axis {axis} using modes other than 'constant' or 'empty'"
                    )));
                }
            }
        }
        m => {
            for axis in 0..nd {
                let roi = roi(&padded, &shape, &pairs, axis)?;
                let (l, r) = pairs[axis];
                let n = shape[axis];
                let len = roi.shape()[axis];
                let left: Vec<i64> = (0..l).map(|k| k as i64 - l as i64).collect();
                let right: Vec<i64> = (0..r).map(|k| (n + k) as i64).collect();
                for (positions, lo) in [(left, 0), (right, len - r)] {
                    if positions.is_empty() {
                        continue;
                    }
                    let src: Vec<Scalar> = positions
                        .iter()
                        .map(|&p| Scalar::Int((source_index(m, p, n) + l) as i64))
                        .collect();
                    let idx = NdArray::from_scalars(&[src.len()], DType::Int64, &src)?;
                    let mut items = vec![IndexItem::Slice(None, None, None); nd];
                    items[axis] = IndexItem::IntArray(idx);
                    let index::Indexed::Array(part) = index::get(&roi, &items)? else {
                        unreachable!("an index array gives an array")
                    };
                    let dest = slice_view(&roi, axis, lo, lo + positions.len())?;
                    index::set(&dest, &[IndexItem::Ellipsis], &part)?;
                }
            }
        }
    }
    Ok(padded)
}

/// Where position `p` (relative to the original start along an axis of
/// length `n`, possibly outside `0..n`) reads from under `mode`.
fn source_index(mode: &str, p: i64, n: usize) -> usize {
    let n = n as i64;
    let q = match mode {
        "edge" => p.clamp(0, n - 1),
        "wrap" => p.rem_euclid(n),
        "reflect" if n == 1 => 0,
        "reflect" => {
            let period = 2 * (n - 1);
            let q = p.rem_euclid(period);
            if q < n { q } else { period - q }
        }
        _ => {
            // symmetric: the edge element repeats.
            let period = 2 * n;
            let q = p.rem_euclid(period);
            if q < n { q } else { period - 1 - q }
        }
    };
    q as usize
}

/// NumPy's `_view_roi`: the part of `padded` the pads of `axis` are
/// filled in — axes before it whole, axes after it only their middle.
fn roi(
    padded: &ArrayRef,
    shape: &[usize],
    pairs: &[(usize, usize)],
    axis: usize,
) -> PyResult<ArrayRef> {
    let mut v = padded.clone();
    for later in axis + 1..shape.len() {
        let l = pairs[later].0;
        v = slice_view(&v, later, l, l + shape[later])?;
    }
    Ok(v)
}

/// NumPy's `_as_pairs(x, ndim)`: one `(before, after)` per axis, from a
/// scalar, a pair, or one pair per axis (broadcast to `(ndim, 2)`). Pairs
/// read from a scalar or a single pair stay NumPy scalars; the per-axis
/// form goes through `tolist()` and gives Python numbers, as NumPy's does.
fn as_pairs(x: &ArrayRef, ndim: usize) -> PyResult<Vec<(Value, Value)>> {
    let np_scalar = |s: Scalar| Value::NpScalar(x.dtype().native(), s);
    if x.ndim() < 3 {
        let flat = x.to_scalars();
        if flat.len() == 1 {
            let v = np_scalar(flat[0].clone());
            return Ok(vec![(v.clone(), v); ndim]);
        }
        if flat.len() == 2 && x.shape() != [2, 1] {
            let pair = (np_scalar(flat[0].clone()), np_scalar(flat[1].clone()));
            return Ok(vec![pair; ndim]);
        }
    }
    let full = broadcast_to(x, &[ndim, 2])?;
    let flat = full.to_scalars();
    Ok(flat
        .chunks(2)
        .map(|p| {
            (
                python_number(&p[0], x.dtype()),
                python_number(&p[1], x.dtype()),
            )
        })
        .collect())
}

/// `tolist()` of one element: a Python number where there is one.
fn python_number(s: &Scalar, dt: &DType) -> Value {
    match s {
        Scalar::Bool(b) => Value::Bool(*b),
        Scalar::Int(i) => Value::Int(*i as i128),
        Scalar::UInt(u) => Value::Int(*u as i128),
        Scalar::Float(f) if *dt == DType::Float64 => Value::Float(*f),
        other => Value::NpScalar(dt.clone(), other.clone()),
    }
}

/// A pad width (already checked integral).
fn int_of(v: &Value) -> i64 {
    int_arg(v, "").unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::source_index;

    #[test]
    fn periodic_maps_match_numpys_modes() {
        // np.pad(np.arange(4), 3, mode=...) left pads.
        let left = |m| (-3..0).map(|p| source_index(m, p, 4)).collect::<Vec<_>>();
        assert_eq!(left("reflect"), [3, 2, 1]);
        assert_eq!(left("symmetric"), [2, 1, 0]);
        assert_eq!(left("wrap"), [1, 2, 3]);
        assert_eq!(left("edge"), [0, 0, 0]);
    }
}
