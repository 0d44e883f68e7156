//! Seeds: `SeedSequence` from a Python int or sequence of ints, OS entropy
//! for unseeded use, the legacy `seed()` rules, `default_rng`, the bit
//! generator and `Generator`/`RandomState` constructors, and the methods
//! of bit generators and seed sequences.

use std::cell::RefCell;
use std::rc::Rc;

use crate::engine::random::legacy::LegacyState;
use crate::engine::random::seed_sequence::{DEFAULT_POOL_SIZE, int_words};
use crate::engine::random::{AnyBitGen, Mt19937, Pcg64, Pcg64Dxsm, Philox, SeedSequence, Sfc64};
use crate::engine::{DType, Scalar};

use super::super::error::{PyError, PyResult};
use super::super::signature::{Style, bind};
use super::super::value::Value;
use super::sigs;
use crate::eval::args::Args;
use crate::eval::dtype_arg::dtype_arg;
use crate::eval::object::{BitGenObj, RandomObj, SeqObj};
use crate::eval::protocol::iterate;
use crate::eval::session::Session;

/// `n` bytes of fresh OS entropy.
fn os_entropy(n: usize) -> PyResult<Vec<u8>> {
    use std::io::Read;
    let mut buf = vec![0u8; n];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(|e| PyError::new("OSError", format!("cannot read OS entropy: {e}")))?;
    Ok(buf)
}

/// A 128-bit entropy value, as `secrets.randbits(128)` gives.
fn fresh_entropy() -> PyResult<u128> {
    let b = os_entropy(16)?;
    // A Python int: kept below 2**127 so it fits slicelab's ints.
    Ok(u128::from_le_bytes(b.try_into().expect("16 bytes")) >> 1)
}

/// The global or a new `RandomState` from OS entropy (NumPy seeds the
/// twister's words from a fresh `SeedSequence`).
pub fn legacy_from_entropy() -> PyResult<LegacyState> {
    let seq = SeedSequence::new(int_words(fresh_entropy()?), vec![], DEFAULT_POOL_SIZE);
    let mut mt = Mt19937::from_seed_sequence(&seq);
    mt.pos = crate::engine::random::mt19937::N;
    Ok(LegacyState::new(mt))
}

/// `RandomState.seed(seed)` / `np.random.seed(seed)`: MT19937's
/// `_legacy_seeding`. An array or NumPy scalar is squeezed first; what
/// `operator.index` takes seeds `mt19937_seed`; anything else becomes
/// `np.asarray(seed).astype(np.int64, casting='safe')`, which must be
/// non-empty, 1-d and within `[0, 2**32)`, and seeds `init_by_array`.
pub fn legacy_seed(seed: Option<&Value>) -> PyResult<LegacyState> {
    let out_of_range = || PyError::value("Seed must be between 0 and 2**32 - 1");
    let Some(seed) = seed.filter(|v| !matches!(v, Value::None)) else {
        return legacy_from_entropy();
    };
    let squeezed = match seed {
        Value::Array(a) => Some(Value::Array(squeeze(a)?)),
        _ => None,
    };
    let seed = squeezed.as_ref().unwrap_or(seed);
    if let Value::Random(r) = seed
        && let RandomObj::BitGenerator(_) = r.as_ref()
    {
        // NumPy's RandomState then draws from that object itself.
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement RandomState(bit_generator) yet",
        ));
    }
    if let Some(i) = operator_index(seed) {
        let word = i
            .and_then(|i| u32::try_from(i).ok())
            .ok_or_else(out_of_range)?;
        return Ok(LegacyState::new(Mt19937::from_u32(word)));
    }
    let obj = crate::eval::convert::as_array(seed)?;
    if obj.size() == 0 {
        return Err(PyError::value("Seed must be non-empty"));
    }
    if crate::eval::cast_rules::cast_allowed(obj.dtype(), &DType::Int64, "safe") != Some(true) {
        let what = if obj.ndim() == 0 {
            "scalar"
        } else {
            "array data"
        };
        return Err(PyError::type_error(format!(
            "Cannot cast {what} from {} to dtype('int64') according to the rule 'safe'",
            crate::render::dtype_repr(obj.dtype())
        )));
    }
    if obj.ndim() != 1 {
        return Err(PyError::value("Seed array must be 1-d"));
    }
    let ints = crate::engine::kernels::cast(&obj, &DType::Int64)?;
    let words = ints
        .to_scalars()
        .iter()
        .map(|x| match x {
            Scalar::Int(i) => u32::try_from(*i).ok(),
            _ => None,
        })
        .collect::<Option<Vec<u32>>>()
        .ok_or_else(out_of_range)?;
    Ok(LegacyState::new(Mt19937::from_array(&words)))
}

/// `a.squeeze()`: the same elements without the length-1 axes.
fn squeeze(a: &crate::engine::ArrayRef) -> PyResult<crate::engine::ArrayRef> {
    let dims: Vec<Value> = a
        .shape()
        .iter()
        .filter(|&&d| d != 1)
        .map(|&d| Value::Int(d as i128))
        .collect();
    crate::eval::reshaping::reshape(a, &Value::tuple(dims), crate::engine::Order::C)
}

/// `operator.index(v)`: `None` when it raises TypeError, else the
/// integer (`Some(None)` for one beyond `i128`, out of any seed's range).
/// NumPy's bools have no `__index__`; Python's `True` does.
fn operator_index(v: &Value) -> Option<Option<i128>> {
    match v {
        Value::Int(i) => Some(Some(*i)),
        Value::Bool(b) => Some(Some(*b as i128)),
        Value::BigInt(_) => Some(None),
        Value::NpScalar(_, Scalar::Int(i)) => Some(Some(*i as i128)),
        Value::NpScalar(_, Scalar::UInt(u)) => Some(Some(*u as i128)),
        Value::Array(a) if a.ndim() == 0 => match a.first() {
            Scalar::Int(i) => Some(Some(i as i128)),
            Scalar::UInt(u) => Some(Some(u as i128)),
            _ => None,
        },
        _ => None,
    }
}

/// One entropy integer as 32-bit words.
fn entropy_int(v: &Value) -> PyResult<Vec<u32>> {
    let i = match v {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i128,
        Value::NpScalar(_, Scalar::Int(i)) => *i as i128,
        Value::NpScalar(_, Scalar::UInt(u)) => *u as i128,
        Value::Float(_) | Value::NpScalar(_, Scalar::Float(_)) => {
            return Err(PyError::type_error("seed must be integer"));
        }
        other => {
            return Err(PyError::type_error(format!(
                "unrecognized seed {}",
                other.type_name()
            )));
        }
    };
    if i < 0 {
        return Err(PyError::value("expected non-negative integer"));
    }
    Ok(int_words(i as u128))
}

/// A `SeedSequence` from `entropy` (None draws OS entropy).
pub fn seed_sequence(
    entropy: Option<&Value>,
    spawn_key: Vec<u128>,
    pool_size: usize,
) -> PyResult<SeqObj> {
    // A `range` is a `Sequence` of ints to NumPy, kept as given.
    if let Some(v) = entropy
        && let Some(list) = crate::eval::object::range_list(v)?
    {
        let mut words = vec![];
        for x in iterate(&list)? {
            words.extend(entropy_int(&x)?);
        }
        return Ok(SeqObj {
            seq: SeedSequence::new(words, spawn_key, pool_size),
            entropy: v.clone(),
        });
    }
    let (words, shown) = match entropy {
        None | Some(Value::None) => {
            let e = fresh_entropy()?;
            (int_words(e), Value::Int(e as i128))
        }
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::NpScalar(..))) => {
            (entropy_int(v)?, v.clone())
        }
        Some(v @ (Value::List(_) | Value::Tuple(_) | Value::Array(_))) => {
            let mut words = vec![];
            for x in iterate(v)? {
                if matches!(x, Value::List(_) | Value::Tuple(_) | Value::Array(_)) {
                    return Err(PyError::type_error(
                        "SeedSequence does not accept nested sequences.",
                    ));
                }
                words.extend(entropy_int(&x)?);
            }
            (words, v.clone())
        }
        Some(other) => {
            return Err(PyError::type_error(format!(
                "SeedSequence expects int or sequence of ints for entropy not {}",
                super::super::display::str_of(other, &Default::default())
            )));
        }
    };
    Ok(SeqObj {
        seq: SeedSequence::new(words, spawn_key, pool_size),
        entropy: shown,
    })
}

fn seq_value(seq: SeqObj) -> Rc<RandomObj> {
    Rc::new(RandomObj::SeedSequence(RefCell::new(seq)))
}

/// The seed sequence to seed a bit generator from: a given `SeedSequence`
/// object, or a new one from `seed`.
fn seq_for(seed: Option<&Value>) -> PyResult<Rc<RandomObj>> {
    match seed {
        Some(Value::Random(r)) if matches!(r.as_ref(), RandomObj::SeedSequence(_)) => Ok(r.clone()),
        Some(Value::Random(r)) => Err(PyError::type_error(format!(
            "SeedSequence expects int or sequence of ints for entropy not {}",
            super::super::object_repr::random_repr(r)
        ))),
        _ => Ok(seq_value(seed_sequence(seed, vec![], DEFAULT_POOL_SIZE)?)),
    }
}

/// A bit generator object of kind `name` seeded from `seed`.
fn bit_generator(name: &str, seed: Option<&Value>) -> PyResult<Rc<RandomObj>> {
    let seq_obj = seq_for(seed)?;
    let state = {
        let RandomObj::SeedSequence(s) = seq_obj.as_ref() else {
            unreachable!()
        };
        let s = s.borrow();
        match name {
            "MT19937" => AnyBitGen::Mt19937(Mt19937::from_seed_sequence(&s.seq)),
            "PCG64DXSM" => AnyBitGen::Pcg64Dxsm(Pcg64Dxsm::from_seed_sequence(&s.seq)),
            "SFC64" => AnyBitGen::Sfc64(Sfc64::from_seed_sequence(&s.seq)),
            "Philox" => AnyBitGen::Philox(Philox::from_seed_sequence(&s.seq, [0; 4])),
            _ => AnyBitGen::Pcg64(Pcg64::from_seed_sequence(&s.seq)),
        }
    };
    Ok(Rc::new(RandomObj::BitGenerator(BitGenObj {
        state: RefCell::new(state),
        seed_seq: Some(seq_obj),
    })))
}

fn generator(bit_generator: Rc<RandomObj>) -> Value {
    Value::Random(Rc::new(RandomObj::Generator { bit_generator }))
}

/// Constructors: `default_rng`, `Generator`, `RandomState`, `PCG64`,
/// `MT19937`, `SeedSequence`.
pub fn construct(_s: &mut Session, name: &str, args: Args) -> PyResult<Value> {
    let Some(sig) = sigs::find(sigs::CONSTRUCTORS, name) else {
        // `BitGenerator` is the abstract base: NumPy builds one that
        // cannot draw.
        return Err(PyError::new(
            "NotImplementedError",
            format!("slicelab does not implement np.random.{name}() yet"),
        ));
    };
    // `default_rng` is a Cython function; the classes' messages name
    // `__init__`, which slicelab's signatures do not.
    let style = if name == "default_rng" {
        Style::Cython
    } else {
        Style::Python
    };
    let b = bind(sig, style, &args)?;
    match name {
        "default_rng" => match b.get("seed") {
            Some(Value::Random(r)) => match r.as_ref() {
                RandomObj::Generator { .. } => Ok(Value::Random(r.clone())),
                RandomObj::BitGenerator(_) => Ok(generator(r.clone())),
                RandomObj::SeedSequence(_) => Ok(generator(bit_generator("PCG64", b.get("seed"))?)),
                RandomObj::RandomState(_) => Err(PyError::new(
                    "NotImplementedError",
                    "slicelab does not implement default_rng(RandomState) yet",
                )),
            },
            seed => Ok(generator(bit_generator("PCG64", seed)?)),
        },
        "Generator" => match b.required("bit_generator") {
            Value::Random(r) if matches!(r.as_ref(), RandomObj::BitGenerator(_)) => {
                Ok(generator(r.clone()))
            }
            // `Generator.__init__` reads `bit_generator.capsule`: a bit
            // generator class has the property itself, not a capsule.
            Value::Type(t)
                if super::objects::issubclass(
                    &crate::eval::display::type_path(t),
                    super::objects::BIT_GENERATOR,
                ) == Some(true) =>
            {
                Err(PyError::value(
                    "Invalid bit generator. The bit generator must be instantiated.",
                ))
            }
            Value::Type(t) => Err(PyError::new(
                "AttributeError",
                format!(
                    "type object '{}' has no attribute 'capsule'",
                    crate::eval::display::type_path(t)
                ),
            )),
            other => Err(PyError::attribute(&other.type_name(), "capsule")),
        },
        "PCG64" | "MT19937" | "PCG64DXSM" | "SFC64" => {
            Ok(Value::Random(bit_generator(name, b.get("seed"))?))
        }
        "Philox" => philox(b.get("seed"), b.get("counter"), b.get("key")),
        "RandomState" => Ok(Value::Random(Rc::new(RandomObj::RandomState(
            RefCell::new(legacy_seed(b.get("seed"))?),
        )))),
        _ => {
            let pool_size = match b.get("pool_size") {
                Some(v) => super::args::int_param(v)?,
                None => DEFAULT_POOL_SIZE as i128,
            };
            if pool_size < DEFAULT_POOL_SIZE as i128 {
                return Err(PyError::value(format!(
                    "The size of the entropy pool should be at least {DEFAULT_POOL_SIZE}"
                )));
            }
            let spawn_key = match b.get("spawn_key") {
                Some(v) => iterate(v)?
                    .iter()
                    .map(|x| super::args::int_param(x).map(|i| i as u128))
                    .collect::<PyResult<Vec<u128>>>()?,
                None => vec![],
            };
            let mut seq = seed_sequence(b.get("entropy"), spawn_key, pool_size as usize)?;
            if let Some(n) = b.get("n_children_spawned") {
                seq.seq.n_children_spawned = super::args::int_param(n)? as usize;
            }
            Ok(Value::Random(seq_value(seq)))
        }
    }
}

/// `Philox(seed=None, counter=None, key=None)`: the key from the seed
/// sequence unless given (then there is no seed sequence), the counter
/// zero unless given.
fn philox(seed: Option<&Value>, counter: Option<&Value>, key: Option<&Value>) -> PyResult<Value> {
    let given = |v: Option<&Value>| v.filter(|v| !matches!(v, Value::None)).cloned();
    let (seed, counter, key) = (given(seed), given(counter), given(key));
    if seed.is_some() && key.is_some() {
        return Err(PyError::value("seed and key cannot be both used"));
    }
    let counter = match &counter {
        Some(c) => int_to_words::<4>(c, "counter", 256)?,
        None => [0; 4],
    };
    let (state, seed_seq) = match &key {
        Some(k) => {
            let k = int_to_words::<2>(k, "key", 128)?;
            (Philox::new(counter, k), None)
        }
        None => {
            let seq_obj = seq_for(seed.as_ref())?;
            let RandomObj::SeedSequence(sq) = seq_obj.as_ref() else {
                unreachable!()
            };
            let g = Philox::from_seed_sequence(&sq.borrow().seq, counter);
            (g, Some(seq_obj))
        }
    };
    Ok(Value::Random(Rc::new(RandomObj::BitGenerator(BitGenObj {
        state: RefCell::new(AnyBitGen::Philox(state)),
        seed_seq,
    }))))
}

/// NumPy's `int_to_array(value, name, bits, 64)`: an int in `[0,
/// 2**bits)` as `N` 64-bit words, least significant first, or an array
/// of exactly `N` words.
fn int_to_words<const N: usize>(v: &Value, name: &str, bits: u32) -> PyResult<[u64; N]> {
    let mut out = [0u64; N];
    match v {
        Value::Int(_) | Value::Bool(_) | Value::NpScalar(..) => {
            let i = super::args::int_param(v)?;
            if i < 0 {
                return Err(PyError::value(format!(
                    "{name} must be positive and less than 2**{bits}."
                )));
            }
            out[0] = i as u64;
            if N > 1 {
                out[1] = (i >> 64) as u64;
            }
        }
        _ => {
            let items = iterate(v)?;
            if items.len() != N {
                return Err(PyError::value(format!(
                    "{name} must have {N} elements when using array form"
                )));
            }
            for (o, item) in out.iter_mut().zip(&items) {
                *o = super::args::int_param(item)? as u64;
            }
        }
    }
    Ok(out)
}

/// `advance(delta)`'s 256-bit step for Philox: `delta` modulo `2**256`,
/// least significant word first.
fn step_words(delta: i128) -> [u64; 4] {
    let high = if delta < 0 { u64::MAX } else { 0 };
    [delta as u64, (delta >> 64) as u64, high, high]
}

/// `jumped(jumps)`: a new bit generator of the same kind (seeded afresh,
/// as NumPy's `self.__class__()` is) with this one's state, advanced by
/// `jumps` times the generator's jump size.
fn jumped(obj: &Rc<RandomObj>, jumps: i128) -> PyResult<Value> {
    let b = obj.bitgen().expect("a bit generator");
    let mut state = b.state.borrow().clone();
    // PCG64's jump is phi-1 times 2**128; Philox's is 2**128.
    const PCG_JUMP: u128 = 0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835;
    match &mut state {
        AnyBitGen::Pcg64(p) => p.advance(PCG_JUMP.wrapping_mul(jumps as u128)),
        AnyBitGen::Pcg64Dxsm(p) => p.advance(PCG_JUMP.wrapping_mul(jumps as u128)),
        AnyBitGen::Philox(p) => {
            let j = jumps as u128;
            p.advance([0, 0, j as u64, (j >> 64) as u64]);
        }
        AnyBitGen::Mt19937(_) => {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab does not implement MT19937.jumped yet",
            ));
        }
        AnyBitGen::Sfc64(_) => return Err(PyError::attribute(obj.type_path(), "jumped")),
    }
    Ok(Value::Random(Rc::new(RandomObj::BitGenerator(BitGenObj {
        state: RefCell::new(state),
        seed_seq: Some(seq_for(None)?),
    }))))
}

/// `spawn(n)` of a seed sequence object: the children objects.
pub fn spawn_sequences(seq: &Rc<RandomObj>, n: &Value) -> PyResult<Vec<Rc<RandomObj>>> {
    let RandomObj::SeedSequence(s) = seq.as_ref() else {
        unreachable!()
    };
    let n = super::args::int_param(n)?;
    // Cython's conversion to the `uint32_t` loop counter.
    if n < 0 {
        return Err(PyError::new(
            "OverflowError",
            "can't convert negative value to uint32_t",
        ));
    }
    let mut s = s.borrow_mut();
    let entropy = s.entropy.clone();
    Ok(s.seq
        .spawn(n as usize)
        .into_iter()
        .map(|seq| {
            seq_value(SeqObj {
                seq,
                entropy: entropy.clone(),
            })
        })
        .collect())
}

/// `bit_generator.spawn(n)`: new bit generators of the same kind.
pub fn spawn_bit_generators(bg: &Rc<RandomObj>, n: &Value) -> PyResult<Vec<Rc<RandomObj>>> {
    let b = bg.bitgen().expect("a bit generator");
    let Some(seq) = &b.seed_seq else {
        return Err(PyError::type_error(
            "The underlying SeedSequence does not implement spawning.",
        ));
    };
    let name = b.state.borrow().name();
    spawn_sequences(seq, n)?
        .into_iter()
        .map(|child| bit_generator(name, Some(&Value::Random(child))))
        .collect()
}

/// Methods of `SeedSequence` and bit generator objects.
pub fn call_method(
    _s: &mut Session,
    obj: &Rc<RandomObj>,
    name: &str,
    args: Args,
) -> PyResult<Value> {
    let sig = sigs::find(sigs::SEEDING_METHODS, name)
        .ok_or_else(|| PyError::attribute(obj.type_path(), name))?;
    let b = bind(sig, Style::Cython, &args)?;
    match (obj.as_ref(), name) {
        (RandomObj::SeedSequence(s), "generate_state") => {
            let n = super::args::int_param(b.required("n_words"))?.max(0) as usize;
            let dt = match b.get("dtype") {
                Some(v) => dtype_arg(v)?,
                None => DType::UInt32,
            };
            let s = s.borrow();
            match dt {
                DType::UInt32 => super::args::u32_array(&s.seq.generate_state_u32(n)),
                DType::UInt64 => super::args::u64_array(&s.seq.generate_state_u64(n)),
                _ => Err(PyError::value("only support uint32 or uint64")),
            }
        }
        (RandomObj::SeedSequence(_), "spawn") => Ok(Value::list(
            spawn_sequences(obj, b.required("n_children"))?
                .into_iter()
                .map(Value::Random)
                .collect(),
        )),
        (RandomObj::BitGenerator(_), "spawn") => Ok(Value::list(
            spawn_bit_generators(obj, b.required("n_children"))?
                .into_iter()
                .map(Value::Random)
                .collect(),
        )),
        (RandomObj::BitGenerator(bg), "random_raw") => {
            let output = b
                .get("output")
                .map_or(Ok(true), crate::eval::protocol::truthy)?;
            let size = b.get("size").filter(|v| !matches!(v, Value::None));
            let mut g = bg.state.borrow_mut();
            if !output {
                // `_common.random_raw`: `np.asarray(size).sum()` draws, the
                // sum of a shape's dimensions rather than their product.
                let n = match size {
                    None => 1,
                    Some(v) => super::args::shape_sum(v)?,
                };
                for k in 0..n {
                    if k % (1 << 16) == 0 {
                        crate::engine::interrupt::check()?;
                    }
                    g.next_raw();
                }
                return Ok(Value::None);
            }
            match super::args::size_arg(size)? {
                None => Ok(Value::Int(g.next_raw() as i128)),
                Some(shape) => super::args::filled::<u64>(&shape, DType::UInt64, |o| {
                    crate::engine::random::fill::serial(o, || g.next_raw())
                }),
            }
        }
        (RandomObj::BitGenerator(_), "jumped") => {
            let jumps = match b.get("jumps") {
                Some(v) => super::args::int_param(v)?,
                None => 1,
            };
            jumped(obj, jumps)
        }
        (RandomObj::BitGenerator(bg), "advance") => {
            let delta = super::args::int_param(b.required("delta"))?;
            match &mut *bg.state.borrow_mut() {
                AnyBitGen::Pcg64(p) => p.advance(delta as u128),
                AnyBitGen::Pcg64Dxsm(p) => p.advance(delta as u128),
                AnyBitGen::Philox(p) => p.advance(step_words(delta)),
                AnyBitGen::Mt19937(_) | AnyBitGen::Sfc64(_) => {
                    return Err(PyError::attribute(obj.type_path(), name));
                }
            }
            Ok(Value::Random(obj.clone()))
        }
        _ => Err(PyError::attribute(obj.type_path(), name)),
    }
}
