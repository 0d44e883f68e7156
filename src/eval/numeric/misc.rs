//! Small array routines of `_function_base_impl.py` and
//! `_type_check_impl.py` (issue 17 item 5): `np.trim_zeros` (a slice of
//! its input, so a view of an array and a list of a list, as NumPy's),
//! `np.sort_complex` and `np.real_if_close` (`a.real`, a view, when the
//! imaginary parts are within `tol` machine epsilons of zero).

use crate::engine::dtype::{DType, Kind};

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::py::{arr, dt, dtype, int, ndim, tup};
use crate::eval::args::Args;
use crate::eval::session::Session;

/// `np.trim_zeros(filt, trim='fb', axis=None)`.
pub fn trim_zeros(s: &mut Session, args: &Args) -> PyResult<Value> {
    let filt = args.req(0, "filt", "trim_zeros")?.clone();
    let f = s.npc("asarray", vec![filt.clone()])?;
    let trim = args.kw("trim").cloned().unwrap_or(Value::str("fb"));
    let trim = s.mcall(&trim, "lower", vec![], &[])?;
    let t = match &trim {
        Value::Str(t) => t.to_string(),
        _ => String::new(),
    };
    if !matches!(t.as_str(), "fb" | "bf" | "f" | "b") {
        let r = s.py_repr(&trim)?;
        return Err(PyError::value(format!(
            "unexpected character(s) in `trim`: {r}"
        )));
    }
    let nd = ndim(&f)?;
    let axes: Vec<usize> = match args.kw("axis").filter(|v| !matches!(v, Value::None)) {
        None => (0..nd).collect(),
        Some(a) => {
            let items = match a {
                Value::Tuple(t) => t.as_ref().clone(),
                Value::List(l) => l.borrow().clone(),
                other => vec![other.clone()],
            };
            let mut out = Vec::new();
            for it in &items {
                let i = crate::eval::coerce::int_arg(it, "")?;
                let k = crate::engine::reduce::normalize_axis(i, nd)
                    .map_err(|e| PyError::new("AxisError", format!("axis: {e}")))?;
                if out.contains(&k) {
                    return Err(PyError::value("repeated axis in `axis` argument"));
                }
                out.push(k);
            }
            out
        }
    };
    if axes.is_empty() {
        return Ok(filt);
    }
    let nz = s.npc("argwhere", vec![f.clone()])?;
    let bounds: Option<(Vec<i64>, Vec<i64>)> = if arr(&nz)?.size() == 0 {
        None
    } else {
        let lo = s.mcall(&nz, "min", vec![], &[("axis", int(0))])?;
        let hi = s.mcall(&nz, "max", vec![], &[("axis", int(0))])?;
        let read = |v: &Value| -> PyResult<Vec<i64>> {
            Ok(arr(v)?
                .to_scalars()
                .iter()
                .map(|x| crate::engine::element::scalar_as_f64(x) as i64)
                .collect())
        };
        Some((read(&lo)?, read(&hi)?.iter().map(|h| h + 1).collect()))
    };
    let front = t.contains('f');
    let back = t.contains('b');
    let items: Vec<Value> = (0..nd)
        .map(|ax| {
            if !axes.contains(&ax) {
                return Value::Slice(std::rc::Rc::new([Value::None, Value::None, Value::None]));
            }
            let (start, stop) = match &bounds {
                None => (int(0), int(0)),
                Some((lo, hi)) => (
                    if front { int(lo[ax]) } else { Value::None },
                    if back { int(hi[ax]) } else { Value::None },
                ),
            };
            Value::Slice(std::rc::Rc::new([start, stop, Value::None]))
        })
        .collect();
    if items.len() == 1 {
        return s.at(&filt, items[0].clone());
    }
    s.at(&filt, tup(items))
}

/// `np.sort_complex(a)`: a sorted copy as complex (complex64 for small
/// integers, complex128 otherwise).
pub fn sort_complex(s: &mut Session, args: &Args) -> PyResult<Value> {
    let a = args.req(0, "a", "sort_complex")?.clone();
    let b = s.npk("array", vec![a], &[("copy", Value::Bool(true))])?;
    s.mcall(&b, "sort", vec![], &[])?;
    let d = dtype(&b)?;
    if d.kind() == Kind::Complex {
        return Ok(b);
    }
    let to = match d {
        DType::Int8 | DType::Int16 | DType::UInt8 | DType::UInt16 => DType::Complex64,
        _ => DType::Complex128,
    };
    s.mcall(&b, "astype", vec![dt(to)], &[])
}

/// `np.real_if_close(a, tol=100)`.
pub fn real_if_close(s: &mut Session, args: &Args) -> PyResult<Value> {
    let a = s.npc(
        "asanyarray",
        vec![args.req(0, "a", "real_if_close")?.clone()],
    )?;
    let d = dtype(&a)?;
    if d.kind() != Kind::Complex {
        return Ok(a);
    }
    let mut tol = args.kw("tol").cloned().unwrap_or(int(100));
    let big = s.npc("greater", vec![tol.clone(), int(1)])?;
    if s.truth_of(&big)? {
        let fi = s.npc("finfo", vec![dt(d)])?;
        let eps = s.getattr(&fi, "eps")?;
        tol = s.mul(&eps, &tol)?;
    }
    let im = s.getattr(&a, "imag")?;
    let ab = s.npc("absolute", vec![im])?;
    let lt = s.npc("less", vec![ab, tol])?;
    let ok = s.npc("all", vec![lt])?;
    if s.truth_of(&ok)? {
        return s.getattr(&a, "real");
    }
    Ok(a)
}
