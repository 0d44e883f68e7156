//! `np.random`: the Python-facing objects over the engine's bit
//! generators and samplers (`engine::random`). `Generator`, `RandomState`,
//! the bit generators and `SeedSequence` are one `Value::Random` variant
//! wrapping a [`RandomObj`]; the legacy module functions (`np.random.rand`)
//! draw from the session's global `RandomState`, created from OS entropy
//! on first use as NumPy's is.
//!
//! Files: `objects.rs` (the objects, their reprs and attributes),
//! `seeding.rs` (seeds, `SeedSequence`, `default_rng`), `args.rs` (sizes,
//! dtypes, bounds, output arrays), `int_broadcast.rs` (array bounds of
//! `integers`/`randint`), `legacy.rs` (`RandomState` methods and
//! the module functions), `generator.rs` (`Generator` methods),
//! `permute.rs` (permutation, shuffle, permuted), `choice.rs`, `dists.rs` (every
//! distribution, both APIs) over `broadcast.rs` (array parameters
//! broadcast as NumPy's `cont`/`disc` do), `multivariate.rs` (multinomial, dirichlet,
//! multivariate_hypergeometric), `out.rs` (`out=` and the float32
//! `standard_gamma`), `sigs.rs` (every signature,
//! written once).

mod args;
pub(crate) mod broadcast;
mod choice;
mod dists;
mod generator;
mod int_broadcast;
mod ints;
mod legacy;
mod multivariate;
mod mvnormal;
mod objects;
mod out;
mod permute;
mod seeding;
pub mod sigs;
mod state;

use std::rc::Rc;

pub use objects::RandomObj;

use super::error::PyResult;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::session::Session;

/// The module's name as `Value::Module` holds it.
pub const MODULE: &str = "numpy.random";

/// `np.random.NAME`.
pub fn module_attr(name: &str) -> PyResult<Value> {
    if let Some(t) = objects::class_path(name) {
        return Ok(Value::Type(super::value::TypeObj::Builtin(t)));
    }
    if sigs::legacy(name).is_some() || sigs::find(sigs::CONSTRUCTORS, name).is_some() {
        return Ok(Value::func(&format!("np.random.{name}")));
    }
    Err(crate::eval::error::missing_module_attribute(MODULE, name))
}

/// Call `np.random.NAME(...)`.
pub fn call_function(s: &mut Session, name: &str, args: Args) -> PyResult<Value> {
    if sigs::find(sigs::CONSTRUCTORS, name).is_some() {
        return seeding::construct(s, name, args);
    }
    let state = global_state(s)?;
    legacy::call(s, &state, name, args)
}

pub use objects::{class_name_of, isinstance, issubclass};
pub use seeding::construct;

/// The attribute `name` of a random object.
pub fn attr(obj: &Rc<RandomObj>, value: &Value, name: &str) -> PyResult<Value> {
    objects::attr(obj, value, name)
}

/// `obj.state = value` on a bit generator.
pub fn set_state(obj: &Rc<RandomObj>, value: &Value) -> PyResult<()> {
    state::set(obj, value)
}

/// Call method `name` of a random object.
pub fn call_method(
    s: &mut Session,
    obj: &Rc<RandomObj>,
    name: &str,
    args: Args,
) -> PyResult<Value> {
    match obj.as_ref() {
        RandomObj::Generator { .. } => generator::call(s, obj, name, args),
        RandomObj::RandomState(_) => legacy::call(s, obj, name, args),
        RandomObj::BitGenerator(_) | RandomObj::SeedSequence(_) => {
            seeding::call_method(s, obj, name, args)
        }
    }
}

/// The session's global `RandomState` (`np.random.mtrand._rand`), made
/// from fresh OS entropy the first time it is needed.
fn global_state(s: &mut Session) -> PyResult<Rc<RandomObj>> {
    if let Some(r) = &s.random_state {
        return Ok(r.clone());
    }
    let r = Rc::new(RandomObj::RandomState(std::cell::RefCell::new(
        seeding::legacy_from_entropy()?,
    )));
    s.random_state = Some(r.clone());
    Ok(r)
}
