//! `reversed()` of the learner's instances, as CPython's `reversed_new`
//! decides it: the class's `__reversed__` (`None` refuses), else an object
//! with `__getitem__` read from `len(obj) - 1` down to 0. Forward
//! iteration by `__getitem__` alone is `Session::iter_value`'s.

use super::error::{PyError, PyResult};
use super::object::IterState;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::session::Session;

impl Session {
    /// `reversed(obj)` for a learner's instance (`None`: not one).
    pub(super) fn reversed_instance(&mut self, v: &Value) -> Option<PyResult<Value>> {
        let class = super::classes::type_of(v)?;
        super::classes::instance_of(v)?;
        let not_reversible =
            || PyError::type_error(format!("'{}' object is not reversible", v.type_name()));
        Some(match super::classes::lookup(&class, "__reversed__") {
            Some((_, Value::None)) => Err(not_reversible()),
            Some(_) => self.dunder(v, "__reversed__", vec![])?,
            None if super::classes::lookup(&class, "__getitem__").is_none() => {
                Err(not_reversible())
            }
            None => self
                .call(
                    &Value::func("len"),
                    Args {
                        pos: vec![v.clone()],
                        kw: vec![],
                    },
                )
                .and_then(|n| match n {
                    Value::Int(n) => Ok(super::pyiter::iter_object(
                        IterState::SequenceBack(v.clone(), n.max(0) as usize),
                        "reversed",
                    )),
                    _ => Err(PyError::type_error("an integer is required")),
                }),
        })
    }
}
