//! `np.ma.dot`, `np.ma.diag` and `np.ma.ediff1d` (`numpy/ma/core.py`,
//! `extras.py`): the ndarray routine run on the data (filled with 0 for
//! `dot`), the mask made by the same routine run on the masks.

use crate::syntax::ast::{BinOp, UnaryOp};

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::core::{array_of, getdata, getmaskarray};
use crate::eval::args::Args;
use crate::eval::object::{Masked, as_masked};
use crate::eval::protocol::truthy;
use crate::eval::session::Session;

fn slice(start: Option<i128>, stop: Option<i128>) -> Value {
    let b = |x: Option<i128>| x.map(Value::Int).unwrap_or(Value::None);
    Value::Slice(std::rc::Rc::new([b(start), b(stop), Value::None]))
}

/// `np.ma.diag(v, k=0)`: `np.diag` of the data viewed as a masked array,
/// with `np.diag` of the mask when `v` has one.
pub fn diag(s: &mut Session, args: &Args) -> PyResult<Value> {
    let v = args.get(0, "v").cloned().unwrap_or(Value::None);
    let k = args.get(1, "k").cloned().unwrap_or(Value::Int(0));
    let d = array_of(s.np("diag", vec![Value::Array(getdata(&v)?), k.clone()], vec![])?)?;
    let Some(m) = as_masked(&v) else {
        return Ok(Masked::new(d, None).into_value());
    };
    let mask = match m.mask() {
        Some(km) => Some(array_of(s.np(
            "diag",
            vec![Value::Array(km), k],
            vec![],
        )?)?),
        None => None,
    };
    let out = Masked::new(d, mask);
    // A 2-d `v` goes through `MaskedArray.diagonal`, which keeps its fill
    // value; a 1-d one is written into a fresh ndarray.
    Ok(if m.data.ndim() == 2 {
        out.update_from(m)
    } else {
        out
    }
    .into_value())
}

/// `np.ma.dot(a, b, strict=False, out=None)`: `np.dot` of the data filled
/// with 0, masked where no pair of unmasked values contributed.
pub fn dot(s: &mut Session, args: &Args) -> PyResult<Value> {
    let a = args.get(0, "a").cloned().unwrap_or(Value::None);
    let b = args.get(1, "b").cloned().unwrap_or(Value::None);
    if let Some(st) = args.get(2, "strict")
        && truthy(st)?
    {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement np.ma.dot(..., strict=True) yet",
        ));
    }
    let am = Value::Array(getmaskarray(s, &a)?);
    let bm = Value::Array(getmaskarray(s, &b)?);
    let am = s.unary(UnaryOp::Invert, &am)?;
    let bm = s.unary(UnaryOp::Invert, &bm)?;
    let fa = filled0(s, &a)?;
    let fb = filled0(s, &b)?;
    let d = s.np("dot", vec![fa, fb], vec![])?;
    let d = array_of(s.np("asarray", vec![d], vec![])?)?;
    let mm = s.np("dot", vec![am, bm], vec![])?;
    let mm = s.unary(UnaryOp::Invert, &mm)?;
    let mm = array_of(s.np("asarray", vec![mm], vec![])?)?;
    Ok(Masked::new(d, Some(mm)).into_value())
}

fn filled0(s: &mut Session, a: &Value) -> PyResult<Value> {
    match as_masked(a) {
        Some(m) => Ok(Value::Array(super::core::filled(
            s,
            m,
            Some(Value::Int(0)),
        )?)),
        None => s.np("array", vec![a.clone()], vec![]),
    }
}

/// `np.ma.ediff1d(arr, to_end=None, to_begin=None)`: differences of the
/// flattened masked array, `hstack`ed with the ends when given.
pub fn ediff1d(s: &mut Session, args: &Args) -> PyResult<Value> {
    let arr = args.get(0, "arr").cloned().unwrap_or(Value::None);
    let a = super::extras::asarray(s, &arr)?;
    let flat = s.call_method_registered(&a, "ravel", Args::empty())?;
    let hi = s.getitem(&flat, &slice(Some(1), None))?;
    let lo = s.getitem(&flat, &slice(None, Some(-1)))?;
    let ed = s.binary(BinOp::Sub, &hi, &lo)?;
    let mut parts = vec![ed.clone()];
    if let Some(b) = args
        .get(2, "to_begin")
        .filter(|v| !matches!(v, Value::None))
    {
        parts.insert(0, b.clone());
    }
    if let Some(e) = args.get(1, "to_end").filter(|v| !matches!(v, Value::None)) {
        parts.push(e.clone());
    }
    if parts.len() == 1 {
        return Ok(ed);
    }
    s.call_registered(
        "np.ma.hstack",
        Args {
            pos: vec![Value::List(std::rc::Rc::new(std::cell::RefCell::new(
                parts,
            )))],
            kw: vec![],
        },
    )
}
