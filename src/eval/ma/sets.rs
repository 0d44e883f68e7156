//! `np.ma`'s set routines: `extras.py`'s `unique`,
//! `intersect1d`, `union1d`, `setdiff1d`, `setxor1d`, `in1d`, `isin`,
//! each replayed through slicelab's own masked operators, indexing and
//! `np.ma` functions, so masked values count as one element (sorted to
//! the end) exactly as NumPy's Python code makes them.

use crate::engine::DType;
use crate::syntax::ast::{BinOp, CmpOp};

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::core::{array_of, getdata};
use crate::eval::args::Args;
use crate::eval::object::{Masked, as_masked, is_masked_constant};
use crate::eval::protocol::truthy;
use crate::eval::session::Session;

/// The keyword `name` of `a` read as a Python truth value (absent: false).
fn flag(a: &Args, i: usize, name: &str) -> PyResult<bool> {
    match a.get(i, name) {
        Some(v) => truthy(v),
        None => Ok(false),
    }
}

fn slice(start: Option<i128>, stop: Option<i128>) -> Value {
    let b = |x: Option<i128>| x.map(Value::Int).unwrap_or(Value::None);
    Value::Slice(std::rc::Rc::new([b(start), b(stop), Value::None]))
}

fn tuple(items: Vec<Value>) -> Value {
    Value::Tuple(std::rc::Rc::new(items))
}

/// `np.ma.asarray(x)`.
fn ma_asarray(s: &mut Session, x: &Value) -> PyResult<Value> {
    super::extras::asarray(s, x)
}

/// `ma.concatenate((a, b), axis=...)`.
fn concat(s: &mut Session, a: Value, b: Value, axis: Option<Value>) -> PyResult<Value> {
    let kw = axis
        .map(|v| vec![("axis".to_string(), v)])
        .unwrap_or_default();
    s.call_registered(
        "np.ma.concatenate",
        Args {
            pos: vec![tuple(vec![a, b])],
            kw,
        },
    )
}

/// `np.ma.sort(a)` of a 1-d masked array: a sorted copy (what `aux.sort()`
/// leaves in `aux` when `aux` is a fresh array).
fn sorted(s: &mut Session, a: Value) -> PyResult<Value> {
    s.call_registered(
        "np.ma.sort",
        Args {
            pos: vec![a],
            kw: vec![],
        },
    )
}

/// `a[1:] OP a[:-1]` for a 1-d masked array.
fn neighbours(s: &mut Session, a: &Value, op: CmpOp) -> PyResult<Value> {
    let hi = s.getitem(a, &slice(Some(1), None))?;
    let lo = s.getitem(a, &slice(None, Some(-1)))?;
    s.compare(op, &hi, &lo)
}

/// `np.unique(ar, return_index, return_inverse)` as NumPy's `_unique1d`
/// runs it on a masked array, the first result viewed as a MaskedArray.
fn unique_values(s: &mut Session, ar1: &Value, ri: bool, rinv: bool) -> PyResult<Vec<Value>> {
    if is_masked_constant(ar1) {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement np.ma.unique(np.ma.masked)",
        ));
    }
    let src = as_masked(ar1);
    let ar = match src {
        Some(_) => s.call_method_registered(ar1, "flatten", Args::empty())?,
        None => s.np("asarray", vec![ar1.clone()], vec![])?,
    };
    let inverse_shape = match src {
        Some(m) => m.data.shape().to_vec(),
        None => array_of(ar.clone())?.shape().to_vec(),
    };
    let has_masked = as_masked(&ar).is_some_and(|m| m.mask().is_some_and(|k| super::core::any(&k)));
    if !has_masked {
        // Nothing masked: NumPy's result is the ndarray one (the hash path
        // or the sort path give the same values and indices).
        let data = Value::Array(getdata(&ar)?);
        let mut kw = vec![];
        if ri {
            kw.push(("return_index", Value::Bool(true)));
        }
        if rinv {
            kw.push(("return_inverse", Value::Bool(true)));
        }
        let r = s.np("unique", vec![data], kw)?;
        let mut parts = match r {
            Value::Tuple(t) => t.as_ref().clone(),
            v => vec![v],
        };
        let vals = array_of(parts[0].clone())?;
        // With indices asked for, `aux = ar[perm]` keeps a mask array;
        // without, `conv.wrap` leaves none.
        let mask = match as_masked(&ar).and_then(|m| m.mask()) {
            Some(_) if ri || rinv => Some(super::core::zeros_mask(s, &vals.shape())?),
            _ => None,
        };
        let out = Masked::new(vals, mask);
        let out = match as_masked(&ar) {
            Some(m) => out.update_from(m),
            None => out,
        };
        parts[0] = out.into_value();
        return Ok(parts);
    }
    let m = as_masked(&ar).expect("checked above");
    let dt = m.data.dtype().native();
    if matches!(
        dt,
        DType::Float16 | DType::Float32 | DType::Float64 | DType::Complex64 | DType::Complex128
    ) {
        let nan = s.np("isnan", vec![Value::Array(m.data.clone())], vec![])?;
        if super::core::any(&array_of(nan)?) {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab does not implement np.ma.unique of an array with both masked values and NaNs (NumPy's order among them comes from an unstable sort)",
            ));
        }
    }
    let (aux, perm) = if ri || rinv {
        let kind = if ri { "mergesort" } else { "quicksort" };
        let perm = s.call_method_registered(
            &ar,
            "argsort",
            Args {
                pos: vec![],
                kw: vec![("kind".into(), Value::Str(kind.into()))],
            },
        )?;
        (s.getitem(&ar, &perm)?, Some(perm))
    } else {
        (sorted(s, ar.clone())?, None)
    };
    let n = getdata(&aux)?.size();
    let ne = neighbours(s, &aux, CmpOp::Ne)?;
    let ne = getdata(&ne)?;
    let head = s.np(
        "ones",
        vec![Value::Int(n.min(1) as i128)],
        vec![("dtype", Value::DType(DType::Bool))],
    )?;
    let flags = s.np(
        "concatenate",
        vec![tuple(vec![head, Value::Array(ne)])],
        vec![],
    )?;
    let mut out = vec![s.getitem(&aux, &flags)?];
    if let Some(perm) = perm {
        if ri {
            out.push(s.getitem(&perm, &flags)?);
        }
        if rinv {
            let c = s.np("cumsum", vec![flags.clone()], vec![])?;
            let imask = s.binary(BinOp::Sub, &c, &Value::Int(1))?;
            let inv = s.np(
                "empty",
                vec![Value::Int(n as i128)],
                vec![("dtype", Value::DType(DType::Int64))],
            )?;
            s.setitem(&inv, &perm, &imask)?;
            let shape = tuple(
                inverse_shape
                    .iter()
                    .map(|&d| Value::Int(d as i128))
                    .collect(),
            );
            out.push(s.call_method_registered(
                &inv,
                "reshape",
                Args {
                    pos: vec![shape],
                    kw: vec![],
                },
            )?);
        }
    }
    Ok(out)
}

/// `np.ma.unique(ar1, return_index=False, return_inverse=False)`.
pub fn unique(s: &mut Session, a: &Args) -> PyResult<Value> {
    let ar1 = a.get(0, "ar1").cloned().unwrap_or(Value::None);
    let ri = flag(a, 1, "return_index")?;
    let rinv = flag(a, 2, "return_inverse")?;
    let mut parts = unique_values(s, &ar1, ri, rinv)?;
    Ok(if parts.len() == 1 {
        parts.remove(0)
    } else {
        tuple(parts)
    })
}

fn unique1(s: &mut Session, x: &Value) -> PyResult<Value> {
    Ok(unique_values(s, x, false, false)?.remove(0))
}

/// `np.ma.intersect1d(ar1, ar2, assume_unique=False)`.
pub fn intersect1d(s: &mut Session, a: &Args) -> PyResult<Value> {
    let (x, y) = two(a, "ar1", "ar2");
    let aux = if flag(a, 2, "assume_unique")? {
        concat(s, x, y, None)?
    } else {
        let (ux, uy) = (unique1(s, &x)?, unique1(s, &y)?);
        concat(s, ux, uy, None)?
    };
    let aux = sorted(s, aux)?;
    let eq = neighbours(s, &aux, CmpOp::Eq)?;
    let head = s.getitem(&aux, &slice(None, Some(-1)))?;
    s.getitem(&head, &eq)
}

fn two(a: &Args, n0: &str, n1: &str) -> (Value, Value) {
    (
        a.get(0, n0).cloned().unwrap_or(Value::None),
        a.get(1, n1).cloned().unwrap_or(Value::None),
    )
}

/// `np.ma.union1d(ar1, ar2)`: `unique(concatenate((ar1, ar2), axis=None))`.
pub fn union1d(s: &mut Session, a: &Args) -> PyResult<Value> {
    let (x, y) = two(a, "ar1", "ar2");
    let c = concat(s, x, y, Some(Value::None))?;
    unique1(s, &c)
}

/// `np.ma.setxor1d(ar1, ar2, assume_unique=False)`.
pub fn setxor1d(s: &mut Session, a: &Args) -> PyResult<Value> {
    let (mut x, mut y) = two(a, "ar1", "ar2");
    if !flag(a, 2, "assume_unique")? {
        x = unique1(s, &x)?;
        y = unique1(s, &y)?;
    }
    let aux = concat(s, x, y, Some(Value::None))?;
    if getdata(&aux)?.size() == 0 {
        return Ok(aux);
    }
    let aux = sorted(s, aux)?;
    let auxf = s.call_method_registered(&aux, "filled", Args::empty())?;
    let ne = neighbours(s, &auxf, CmpOp::Ne)?;
    let t = Value::List(std::rc::Rc::new(std::cell::RefCell::new(vec![
        Value::Bool(true),
    ])));
    let flag = s.call_registered(
        "np.ma.concatenate",
        Args {
            pos: vec![tuple(vec![t.clone(), ne, t])],
            kw: vec![],
        },
    )?;
    let flag2 = neighbours(s, &flag, CmpOp::Eq)?;
    s.getitem(&aux, &flag2)
}

/// `np.ma.in1d(ar1, ar2, assume_unique=False, invert=False)`.
fn in1d_values(
    s: &mut Session,
    ar1: Value,
    ar2: Value,
    assume_unique: bool,
    invert: bool,
) -> PyResult<Value> {
    let (ar1, ar2, rev_idx) = if assume_unique {
        (ar1, ar2, None)
    } else {
        let mut u = unique_values(s, &ar1, false, true)?;
        let rev = u.pop();
        let u1 = u.remove(0);
        (u1, unique1(s, &ar2)?, rev)
    };
    let n1 = match as_masked(&ar1) {
        Some(m) => m.data.shape().first().copied().unwrap_or(0),
        None => array_of(s.np("asarray", vec![ar1.clone()], vec![])?)?
            .shape()
            .first()
            .copied()
            .unwrap_or(0),
    };
    let ar = concat(s, ar1, ar2, None)?;
    let order = s.call_method_registered(
        &ar,
        "argsort",
        Args {
            pos: vec![],
            kw: vec![("kind".into(), Value::Str("mergesort".into()))],
        },
    )?;
    let sar = s.getitem(&ar, &order)?;
    let bool_ar = neighbours(s, &sar, if invert { CmpOp::Ne } else { CmpOp::Eq })?;
    let tail = Value::List(std::rc::Rc::new(std::cell::RefCell::new(vec![
        Value::Bool(invert),
    ])));
    let flag = concat(s, bool_ar, tail, None)?;
    let back = s.call_method_registered(
        &order,
        "argsort",
        Args {
            pos: vec![],
            kw: vec![("kind".into(), Value::Str("mergesort".into()))],
        },
    )?;
    let indx = s.getitem(&back, &slice(None, Some(n1 as i128)))?;
    let r = s.getitem(&flag, &indx)?;
    match rev_idx {
        Some(rev) => s.getitem(&r, &rev),
        None => Ok(r),
    }
}

/// `np.ma.in1d(ar1, ar2, assume_unique=False, invert=False)`.
pub fn in1d(s: &mut Session, a: &Args) -> PyResult<Value> {
    let (x, y) = two(a, "ar1", "ar2");
    let au = flag(a, 2, "assume_unique")?;
    let inv = flag(a, 3, "invert")?;
    in1d_values(s, x, y, au, inv)
}

/// `np.ma.isin(element, test_elements, ...)`: `in1d` of the flattened
/// element, reshaped back to its shape.
pub fn isin(s: &mut Session, a: &Args) -> PyResult<Value> {
    let (x, y) = two(a, "element", "test_elements");
    let au = flag(a, 2, "assume_unique")?;
    let inv = flag(a, 3, "invert")?;
    let element = ma_asarray(s, &x)?;
    let shape = getdata(&element)?.shape().to_vec();
    let r = in1d_values(s, element, y, au, inv)?;
    let shape = tuple(shape.iter().map(|&d| Value::Int(d as i128)).collect());
    s.call_method_registered(
        &r,
        "reshape",
        Args {
            pos: vec![shape],
            kw: vec![],
        },
    )
}

/// `np.ma.setdiff1d(ar1, ar2, assume_unique=False)`.
pub fn setdiff1d(s: &mut Session, a: &Args) -> PyResult<Value> {
    let (x, y) = two(a, "ar1", "ar2");
    let (x, y) = if flag(a, 2, "assume_unique")? {
        let x = ma_asarray(s, &x)?;
        (s.call_method_registered(&x, "ravel", Args::empty())?, y)
    } else {
        (unique1(s, &x)?, unique1(s, &y)?)
    };
    let keep = in1d_values(s, x.clone(), y, true, true)?;
    s.getitem(&x, &keep)
}

/// `np.ma.correlate(a, v, mode='valid', propagate_mask=True)` and
/// `np.ma.convolve(a, v, mode='full', ...)`: core.py's
/// `_convolve_or_correlate`, the mask made by the same routine run on
/// bool masks.
pub fn convolve_or_correlate(s: &mut Session, which: &str, a: &Args) -> PyResult<Value> {
    let (x, v) = two(a, "a", "v");
    let default_mode = if which == "correlate" {
        "valid"
    } else {
        "full"
    };
    let mode = a
        .get(2, "mode")
        .cloned()
        .unwrap_or_else(|| Value::Str(default_mode.into()));
    let propagate = match a.get(3, "propagate_mask") {
        Some(p) => truthy(p)?,
        None => true,
    };
    let f =
        |s: &mut Session, p: Value, q: Value| s.np(which, vec![p, q], vec![("mode", mode.clone())]);
    let (km_a, km_v) = (
        Value::Array(super::core::getmaskarray(s, &x)?),
        Value::Array(super::core::getmaskarray(s, &v)?),
    );
    let (mask, data) = if propagate {
        let bool_dt = || vec![("dtype", Value::DType(DType::Bool))];
        // `np.shape(v)`, read off the data (the registry refuses `np.`
        // functions of masked arrays).
        let shape_of = |v: &Value| -> PyResult<Value> {
            Ok(tuple(
                getdata(v)?
                    .shape()
                    .iter()
                    .map(|&d| Value::Int(d as i128))
                    .collect(),
            ))
        };
        let sv = shape_of(&v)?;
        let sa = shape_of(&x)?;
        let ones_v = s.np("ones", vec![sv], bool_dt())?;
        let ones_a = s.np("ones", vec![sa], bool_dt())?;
        let m1 = f(s, km_a, ones_v)?;
        let m2 = f(s, ones_a, km_v)?;
        let mask = s.binary(BinOp::BitOr, &m1, &m2)?;
        let (da, dv) = (Value::Array(getdata(&x)?), Value::Array(getdata(&v)?));
        (mask, f(s, da, dv)?)
    } else {
        let na = s.unary(crate::syntax::ast::UnaryOp::Invert, &km_a)?;
        let nv = s.unary(crate::syntax::ast::UnaryOp::Invert, &km_v)?;
        let both = f(s, na, nv)?;
        let mask = s.unary(crate::syntax::ast::UnaryOp::Invert, &both)?;
        let fa = filled_zero(s, &x)?;
        let fv = filled_zero(s, &v)?;
        (mask, f(s, fa, fv)?)
    };
    s.call_registered(
        "np.ma.array",
        Args {
            pos: vec![data],
            kw: vec![("mask".into(), mask)],
        },
    )
}

/// `filled(a, 0)`: a masked array's data with 0 in masked slots, else
/// `np.array(a)`.
fn filled_zero(s: &mut Session, a: &Value) -> PyResult<Value> {
    match as_masked(a) {
        Some(m) => Ok(Value::Array(super::core::filled(
            s,
            m,
            Some(Value::Int(0)),
        )?)),
        None => s.np("array", vec![a.clone()], vec![]),
    }
}
