//! `.state` of the bit generators and of `SeedSequence`: the dicts the
//! `state` properties of `_pcg64.pyx`, `_mt19937.pyx`, `_philox.pyx`,
//! `_sfc64.pyx` and `bit_generator.pyx` build (PCG64's 128-bit words as
//! Python ints, the others' words as uint64/uint32 arrays), and the
//! setters with their checks and messages, each in NumPy's order.
//! MT19937's setter writes the key word by word, so a short key fails
//! with the state half written, as NumPy's loop leaves it;
//! `RandomState.set_state` goes through it.

use std::cell::RefCell;
use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::Integer;

use crate::engine::random::mt19937::{Mt19937, N};
use crate::engine::random::{AnyBitGen, Pcg64, Philox, Sfc64};

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::args::{u32_array, u64_array};
use crate::eval::object::RandomObj;

/// A Python dict of string keys.
fn dict(items: Vec<(&str, Value)>) -> Value {
    Value::Dict(Rc::new(RefCell::new(
        items.into_iter().map(|(k, v)| (Value::str(k), v)).collect(),
    )))
}

/// A Python int of any size.
fn int(v: u128) -> Value {
    crate::eval::bigint::value(BigInt::from(v))
}

/// `obj.state`.
pub fn get(obj: &RandomObj) -> PyResult<Value> {
    match obj {
        RandomObj::BitGenerator(b) => bit_generator_state(&b.state.borrow()),
        RandomObj::SeedSequence(s) => {
            let s = s.borrow();
            Ok(dict(vec![
                ("entropy", s.entropy.clone()),
                (
                    "spawn_key",
                    super::objects::spawn_key_value(&s.seq.spawn_key),
                ),
                ("pool_size", Value::Int(s.seq.pool_size as i128)),
                (
                    "n_children_spawned",
                    Value::Int(s.seq.n_children_spawned as i128),
                ),
            ]))
        }
        _ => Err(PyError::attribute(obj.type_path(), "state")),
    }
}

/// The dict of one bit generator's `state` property.
fn bit_generator_state(g: &AnyBitGen) -> PyResult<Value> {
    let name = Value::str(g.name());
    let half = |has: bool, u: u32| {
        [
            ("has_uint32", Value::Int(has as i128)),
            ("uinteger", Value::Int(u as i128)),
        ]
    };
    Ok(match g {
        AnyBitGen::Pcg64(p) | AnyBitGen::Pcg64Dxsm(crate::engine::random::Pcg64Dxsm(p)) => {
            let mut items = vec![
                ("bit_generator", name),
                (
                    "state",
                    dict(vec![("state", int(p.state)), ("inc", int(p.inc))]),
                ),
            ];
            items.extend(half(p.has_uint32, p.uinteger));
            dict(items)
        }
        AnyBitGen::Mt19937(m) => dict(vec![
            ("bit_generator", name),
            (
                "state",
                dict(vec![
                    ("key", u32_array(&m.key[..])?),
                    ("pos", Value::Int(m.pos as i128)),
                ]),
            ),
        ]),
        AnyBitGen::Sfc64(s) => {
            let mut items = vec![
                ("bit_generator", name),
                ("state", dict(vec![("state", u64_array(&s.s)?)])),
            ];
            items.extend(half(s.has_uint32, s.uinteger));
            dict(items)
        }
        AnyBitGen::Philox(p) => {
            let mut items = vec![
                ("bit_generator", name),
                (
                    "state",
                    dict(vec![
                        ("counter", u64_array(&p.counter)?),
                        ("key", u64_array(&p.key)?),
                    ]),
                ),
                ("buffer", u64_array(&p.buffer)?),
                ("buffer_pos", Value::Int(p.buffer_pos as i128)),
            ];
            items.extend(half(p.has_uint32, p.uinteger));
            dict(items)
        }
    })
}

/// What slicelab does not replay of a setter (a value NumPy converts in
/// ways not modelled here, or a position NumPy would read memory past).
fn refuse(what: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("slicelab does not implement setting the state from {what} yet"),
    )
}

/// `value[key]` of a dict, with Python's KeyError.
fn item(value: &Value, key: &str) -> PyResult<Value> {
    let Value::Dict(d) = value else {
        return Err(refuse(&format!(
            "a '{}' in place of a dict",
            value.type_name()
        )));
    };
    d.borrow()
        .iter()
        .find(|(k, _)| matches!(k, Value::Str(s) if s.as_ref() == key))
        .map(|(_, v)| v.clone())
        .ok_or_else(|| PyError::new("KeyError", format!("'{key}'")))
}

/// `value.get('bit_generator', '')` compared with the class name.
fn check_dict(value: &Value, name: &str, message: &str) -> PyResult<()> {
    if !matches!(value, Value::Dict(_)) {
        return Err(PyError::type_error("state must be a dict"));
    }
    let matches = match item(value, "bit_generator") {
        Ok(Value::Str(s)) => s.as_ref() == name,
        _ => false,
    };
    if matches {
        Ok(())
    } else {
        Err(PyError::value(message.to_string()))
    }
}

/// A Python int (NumPy integers included) as a big integer.
fn big(v: &Value) -> PyResult<BigInt> {
    match v {
        Value::NpScalar(_, crate::engine::Scalar::Int(i)) => Ok(BigInt::from(*i)),
        Value::NpScalar(_, crate::engine::Scalar::UInt(u)) => Ok(BigInt::from(*u)),
        other => crate::eval::bigint::of(other)
            .ok_or_else(|| refuse(&format!("a '{}' in place of an int", other.type_name()))),
    }
}

/// A value stored into a `uint64` array element (`state_vec[0] = v`):
/// NumPy's OverflowError past `2**64`; a negative one is not replayed.
fn uint64(v: &BigInt) -> PyResult<u64> {
    if *v < BigInt::from(0) {
        return Err(refuse("a negative word"));
    }
    u64::try_from(v)
        .map_err(|_| PyError::new("OverflowError", "Python int too large to convert to C long"))
}

/// A word `<uint64_t>`-cast or broadcast into a `uint64` array: in
/// range only (NumPy's conversions of others differ by path).
fn word64(v: &BigInt) -> PyResult<u64> {
    u64::try_from(v).map_err(|_| refuse("a word outside uint64"))
}

/// Cython's conversion of a Python int to a C integer type `c_name`.
fn c_int<T: TryFrom<i128>>(v: &Value, c_name: &str) -> PyResult<T> {
    let b = big(v)?;
    let negative = b < BigInt::from(0);
    i128::try_from(&b)
        .ok()
        .and_then(|i| T::try_from(i).ok())
        .ok_or_else(|| {
            PyError::new(
                "OverflowError",
                if negative && !c_name.starts_with("int") {
                    format!("can't convert negative value to {c_name}")
                } else {
                    format!("value too large to convert to {c_name}")
                },
            )
        })
}

/// A 128-bit word as PCG64's setter splits it (`v // 2**64`, `v % 2**64`).
fn words128(v: &Value) -> PyResult<u128> {
    let (hi, lo) = big(v)?.div_mod_floor(&(BigInt::from(1u8) << 64));
    Ok((u128::from(uint64(&hi)?) << 64) | u128::from(uint64(&lo)?))
}

/// The elements `0..n` of a sequence (`seq[i]` in a loop), each a `u64`
/// as `<uint64_t>` casts it.
fn words<const K: usize>(seq: &Value) -> PyResult<[u64; K]> {
    let items = match seq {
        Value::List(_) | Value::Tuple(_) | Value::Array(_) => crate::eval::protocol::iterate(seq)?,
        other => return Err(refuse(&format!("a '{}' of words", other.type_name()))),
    };
    if items.len() < K {
        return Err(refuse("a sequence too short"));
    }
    let mut out = [0u64; K];
    for (o, x) in out.iter_mut().zip(&items) {
        *o = word64(&big(x)?)?;
    }
    Ok(out)
}

/// `bg.state = value`.
pub fn set(obj: &RandomObj, value: &Value) -> PyResult<()> {
    let RandomObj::BitGenerator(b) = obj else {
        return Err(PyError::new(
            "AttributeError",
            format!(
                "attribute 'state' of '{}' objects is not writable",
                obj.type_path()
            ),
        ));
    };
    let mut g = b.state.borrow_mut();
    let name = g.name();
    match &mut *g {
        AnyBitGen::Pcg64(p) | AnyBitGen::Pcg64Dxsm(crate::engine::random::Pcg64Dxsm(p)) => {
            check_dict(value, name, &format!("state must be for a {name} RNG"))?;
            set_pcg64(p, value)
        }
        AnyBitGen::Mt19937(m) => set_mt19937(m, value),
        AnyBitGen::Sfc64(s) => {
            // NumPy's message here lacks its `f`: the braces are printed.
            check_dict(
                value,
                name,
                "state must be for a {self.__class__.__name__} RNG",
            )?;
            set_sfc64(s, value)
        }
        AnyBitGen::Philox(p) => {
            check_dict(value, name, "state must be for a Philox PRNG")?;
            set_philox(p, value)
        }
    }
}

/// A state's `has_uint32` and `uinteger`: the buffered upper half of a
/// 64-bit draw, which NumPy reads as a C int and a uint32_t.
fn buffered_half(value: &Value) -> PyResult<(bool, u32)> {
    let has_uint32: i32 = c_int(&item(value, "has_uint32")?, "int")?;
    let uinteger: u32 = c_int(&item(value, "uinteger")?, "uint32_t")?;
    if !(0..=1).contains(&has_uint32) {
        return Err(refuse("a has_uint32 other than 0 or 1"));
    }
    Ok((has_uint32 != 0, uinteger))
}

fn set_pcg64(p: &mut Pcg64, value: &Value) -> PyResult<()> {
    let inner = item(value, "state")?;
    let state = words128(&item(&inner, "state")?)?;
    let inc = words128(&item(&inner, "inc")?)?;
    let (has_uint32, uinteger) = buffered_half(value)?;
    p.state = state;
    p.inc = inc;
    p.has_uint32 = has_uint32;
    p.uinteger = uinteger;
    Ok(())
}

fn set_sfc64(s: &mut Sfc64, value: &Value) -> PyResult<()> {
    let words = words::<4>(&item(&item(value, "state")?, "state")?)?;
    let (has_uint32, uinteger) = buffered_half(value)?;
    s.s = words;
    s.has_uint32 = has_uint32;
    s.uinteger = uinteger;
    Ok(())
}

fn set_philox(p: &mut Philox, value: &Value) -> PyResult<()> {
    let inner = item(value, "state")?;
    let counter = words::<4>(&item(&inner, "counter")?)?;
    let key = words::<2>(&item(&inner, "key")?)?;
    let buffer = words::<4>(&item(value, "buffer")?)?;
    let (has_uint32, uinteger) = buffered_half(value)?;
    let buffer_pos: i32 = c_int(&item(value, "buffer_pos")?, "int")?;
    if !(0..=p.buffer.len() as i32).contains(&buffer_pos) {
        // NumPy would read past its four-word buffer.
        return Err(refuse("a buffer_pos outside 0..4"));
    }
    p.counter = counter;
    p.key = key;
    p.buffer = buffer;
    p.buffer_pos = buffer_pos as usize;
    p.has_uint32 = has_uint32;
    p.uinteger = uinteger;
    Ok(())
}

/// MT19937's setter: a legacy tuple is first made a dict; then the key
/// is written word by word (`key[i]`, so a short one fails part way) and
/// `pos` last.
pub fn set_mt19937(m: &mut Mt19937, value: &Value) -> PyResult<()> {
    let dict_value;
    let value = if let Value::Tuple(t) = value {
        let first = t
            .first()
            .ok_or_else(|| PyError::index("tuple index out of range"))?;
        if !matches!(first, Value::Str(s) if s.as_ref() == "MT19937") || !matches!(t.len(), 3 | 5) {
            return Err(PyError::value("state is not a legacy MT19937 state"));
        }
        dict_value = dict(vec![
            ("bit_generator", Value::str("MT19937")),
            (
                "state",
                dict(vec![("key", t[1].clone()), ("pos", t[2].clone())]),
            ),
        ]);
        &dict_value
    } else {
        value
    };
    check_dict(value, "MT19937", "state must be for a MT19937 PRNG")?;
    let inner = item(value, "state")?;
    let key = item(&inner, "key")?;
    let words = match &key {
        Value::Array(a) if a.ndim() == 1 => a.to_scalars().iter().map(word32).collect::<Vec<_>>(),
        Value::List(_) | Value::Tuple(_) => crate::eval::protocol::iterate(&key)?
            .iter()
            .map(|v| big(v).ok().and_then(|b| u32::try_from(b).ok()))
            .collect(),
        other => return Err(refuse(&format!("a '{}' key", other.type_name()))),
    };
    for i in 0..N {
        match words.get(i) {
            Some(Some(w)) => m.key[i] = *w,
            Some(None) => return Err(refuse("a key word outside uint32")),
            None => {
                return Err(PyError::index(match &key {
                    Value::Array(_) => format!(
                        "index {i} is out of bounds for axis 0 with size {}",
                        words.len()
                    ),
                    _ => format!("{} index out of range", key.type_name()),
                }));
            }
        }
    }
    let pos: i32 = c_int(&item(&inner, "pos")?, "int")?;
    if !(0..=N as i32).contains(&pos) {
        // NumPy would read past the 624 words.
        return Err(refuse("a pos outside 0..624"));
    }
    m.pos = pos as usize;
    Ok(())
}

/// One element of a key array as `key[i]` converts it to `uint32_t`
/// (integers in range only).
fn word32(s: &crate::engine::Scalar) -> Option<u32> {
    match s {
        crate::engine::Scalar::Int(i) => u32::try_from(*i).ok(),
        crate::engine::Scalar::UInt(u) => u32::try_from(*u).ok(),
        _ => None,
    }
}
