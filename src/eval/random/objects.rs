//! The objects of `np.random`: `Generator`, `RandomState`, the bit
//! generators and `SeedSequence`; their class paths, reprs and attributes.

pub use super::super::object::{BitGenObj, RandomObj};
use std::rc::Rc;

use super::super::error::{PyError, PyResult};
use super::super::value::Value;

/// Class names of the module and the paths Python prints for them.
const CLASSES: [(&str, &str); 9] = [
    ("Generator", "numpy.random._generator.Generator"),
    ("RandomState", "numpy.random.mtrand.RandomState"),
    ("PCG64", "numpy.random._pcg64.PCG64"),
    ("MT19937", "numpy.random._mt19937.MT19937"),
    ("PCG64DXSM", "numpy.random._pcg64.PCG64DXSM"),
    ("SFC64", "numpy.random._sfc64.SFC64"),
    ("Philox", "numpy.random._philox.Philox"),
    ("SeedSequence", "numpy.random.bit_generator.SeedSequence"),
    ("BitGenerator", BIT_GENERATOR),
];

/// The base class of the five bit generators.
pub const BIT_GENERATOR: &str = "numpy.random.bit_generator.BitGenerator";

/// `isinstance(v, cls)` for `cls` one of this module's classes (given by
/// its path): its own class, or `BitGenerator` for any bit generator.
pub fn isinstance(v: &Value, path: &str) -> bool {
    let Value::Random(r) = v else {
        return false;
    };
    r.type_path() == path
        || (path == BIT_GENERATOR && matches!(r.as_ref(), RandomObj::BitGenerator(_)))
}

/// `issubclass(cls, class)` when either is one of this module's classes:
/// a class is its own subclass, the bit generators are `BitGenerator`'s,
/// and no other pair is related.
pub fn issubclass(cls: &str, class: &str) -> Option<bool> {
    let ours = |p: &str| class_name_of(p).is_some();
    if !ours(cls) && !ours(class) {
        return None;
    }
    let bit_generator = |p: &str| {
        matches!(
            class_name_of(p),
            Some("PCG64" | "PCG64DXSM" | "MT19937" | "SFC64" | "Philox")
        )
    };
    Some(cls == class || (class == BIT_GENERATOR && bit_generator(cls)))
}

/// The class path of `np.random.NAME`, if it is a class.
pub fn class_path(name: &str) -> Option<&'static str> {
    CLASSES.iter().find(|(n, _)| *n == name).map(|(_, p)| *p)
}

/// The short name of a class path of this module.
pub fn class_name_of(path: &str) -> Option<&'static str> {
    CLASSES.iter().find(|(_, p)| *p == path).map(|(n, _)| *n)
}

impl RandomObj {
    /// Python's type path (`numpy.random._generator.Generator`).
    pub fn type_path(&self) -> &'static str {
        let short = match self {
            RandomObj::Generator { .. } => "Generator",
            RandomObj::RandomState(_) => "RandomState",
            RandomObj::BitGenerator(b) => b.state.borrow().name(),
            RandomObj::SeedSequence(_) => "SeedSequence",
        };
        class_path(short).unwrap_or("object")
    }

    /// The bit generator of a `Generator` or a bit generator object.
    pub fn bitgen(&self) -> Option<&BitGenObj> {
        match self {
            RandomObj::Generator { bit_generator } => bit_generator.bitgen(),
            RandomObj::BitGenerator(b) => Some(b),
            _ => None,
        }
    }
}

/// `spawn_key` as a Python tuple.
pub fn spawn_key_value(key: &[u128]) -> Value {
    Value::tuple(key.iter().map(|&k| Value::Int(k as i128)).collect())
}

/// Attributes: methods bound to the object, and the data attributes.
pub fn attr(obj: &Rc<RandomObj>, value: &Value, name: &str) -> PyResult<Value> {
    let method = || Ok(Value::Method(Rc::new(value.clone()), Rc::from(name)));
    match obj.as_ref() {
        RandomObj::Generator { bit_generator } => match name {
            "bit_generator" => Ok(Value::Random(bit_generator.clone())),
            _ if super::sigs::generator(name).is_some() => method(),
            _ => Err(PyError::attribute(obj.type_path(), name)),
        },
        RandomObj::RandomState(_) => match name {
            _ if super::sigs::state_method(name).is_some() => method(),
            _ => Err(PyError::attribute(obj.type_path(), name)),
        },
        RandomObj::BitGenerator(b) => match name {
            "seed_seq" => b
                .seed_seq
                .clone()
                .map_or(Ok(Value::None), |s| Ok(Value::Random(s))),
            "spawn" | "random_raw" => method(),
            "state" => super::state::get(obj),
            // SFC64 has neither; MT19937 cannot advance.
            "jumped" if b.state.borrow().name() != "SFC64" => method(),
            "advance" if !matches!(b.state.borrow().name(), "SFC64" | "MT19937") => method(),
            _ => Err(PyError::attribute(obj.type_path(), name)),
        },
        RandomObj::SeedSequence(s) => {
            let s = s.borrow();
            match name {
                "entropy" => Ok(s.entropy.clone()),
                "spawn_key" => Ok(spawn_key_value(&s.seq.spawn_key)),
                "pool_size" => Ok(Value::Int(s.seq.pool_size as i128)),
                "n_children_spawned" => Ok(Value::Int(s.seq.n_children_spawned as i128)),
                "pool" => super::args::u32_array(&s.seq.pool),
                "generate_state" | "spawn" => method(),
                "state" => {
                    drop(s);
                    super::state::get(obj)
                }
                _ => Err(PyError::attribute(obj.type_path(), name)),
            }
        }
    }
}
