//! `ufunc.at(a, indices)` of a unary ufunc (`np.negative.at(a, [0, 1])`):
//! NumPy's unbuffered loop — each element `a[indices]` names, in order, a
//! repeated position taking the value the last application wrote — with
//! the ufunc's own loop for `a`'s dtype and the result cast back into `a`.

use crate::engine::{NdArray, Scalar, kernels};

use super::error::{PyError, PyResult};
use super::session::Session;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::convert::as_array;

fn arity(ufunc: &str) -> Option<(usize, usize)> {
    super::registry::np_entry(ufunc).and_then(|e| e.ufunc)
}

/// Whether this module answers `np.UFUNC.at`: unary ufuncs, and those
/// of several outputs (which NumPy refuses).
pub fn answers(ufunc: &str) -> bool {
    matches!(arity(ufunc), Some((1, 1))) || matches!(arity(ufunc), Some((_, n)) if n > 1)
}

/// `np.UFUNC.at(a, indices)`.
pub fn call(s: &mut Session, ufunc: &str, args: &Args) -> PyResult<Value> {
    match arity(ufunc) {
        Some((1, 1)) => unary_at(s, ufunc, args),
        _ => Err(PyError::value(
            "Only single output ufuncs supported at this time",
        )),
    }
}

fn unary_at(s: &mut Session, ufunc: &str, args: &Args) -> PyResult<Value> {
    super::index_routines::at_arity(args)?;
    if args.pos.len() == 3 {
        return Err(PyError::value(
            "second operand provided when ufunc is unary",
        ));
    }
    let name = format!("{ufunc}.at");
    let (a, picked) = super::index_routines::at_positions(args, &name)?;
    let dt = a.dtype().clone();
    for p in picked.to_scalars() {
        let Scalar::Int(p) = p else { continue };
        let p = p as usize;
        let x = NdArray::from_scalars(&[], dt.clone(), &[super::flatiter::read_position(&a, p)])?;
        let r = s.call_registered(
            &format!("np.{ufunc}"),
            Args {
                pos: vec![Value::Array(x)],
                kw: vec![],
            },
        )?;
        let r = kernels::cast(&as_array(&r)?, &dt)?;
        super::flatiter::write_positions(&a, &[p], &r.to_scalars());
    }
    Ok(Value::None)
}
