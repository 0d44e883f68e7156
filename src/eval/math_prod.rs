//! `math.prod(iterable, /, *, start=1)`: Python's own multiplication from
//! `start` through every item, so any operands `*` takes (ints of any
//! size, strings, NumPy scalars and arrays) give what CPython's
//! `PyNumber_Multiply` loop gives. It needs the session, which the rest
//! of `pymath.rs` does not.

use super::error::{PyError, PyResult};
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::session::Session;
use crate::syntax::ast::BinOp;

impl Session {
    /// `math.prod(...)`, its arguments bound as Argument Clinic binds them.
    pub(super) fn math_prod(&mut self, args: &Args) -> PyResult<Value> {
        if args.pos.len() != 1 {
            return Err(PyError::type_error(format!(
                "prod() takes exactly 1 positional argument ({} given)",
                args.pos.len()
            )));
        }
        let mut acc = Value::Int(1);
        for (k, v) in &args.kw {
            if k != "start" {
                return Err(PyError::type_error(format!(
                    "'{k}' is an invalid keyword argument for prod()"
                )));
            }
            acc = v.clone();
        }
        let it = self.iter_value(&args.pos[0])?;
        while let Some(x) = super::pyiter::next_item(Some(self), &it)? {
            crate::engine::interrupt::check()?;
            acc = self.binary(BinOp::Mul, &acc, &x)?;
        }
        Ok(acc)
    }
}
