//! The native core of Python's `random` module (CPython's `_random`): one
//! Mersenne Twister per session, seeded as `random_seed` in
//! `Modules/_randommodule.c` does it, with `random()` (53 bits from two
//! words) and `getrandbits(k)`. The twister itself is the engine's, the
//! one `np.random.RandomState` runs. Everything above these primitives —
//! `randrange`, `choice`, `shuffle`, `sample`, `gauss` — is `py/random.py`.

use crate::engine::random::BitGen;
use crate::engine::random::mt19937::Mt19937;
use crate::eval::args::Args;
use crate::eval::error::{PyError, PyResult};
use crate::eval::session::Session;
use crate::eval::value::Value;

/// The native names the Python body reaches through its module object,
/// and the `math` functions it needs (CPython's `random.py` imports them).
pub fn attr(name: &str) -> Option<Value> {
    let math = match name {
        "_log" => "math.log",
        "_exp" => "math.exp",
        "_sqrt" => "math.sqrt",
        "_cos" => "math.cos",
        "_sin" => "math.sin",
        "_floor" => "math.floor",
        "_ceil" => "math.ceil",
        "_isfinite" => "math.isfinite",
        "_acos" => "math.acos",
        _ => "",
    };
    if !math.is_empty() {
        return Some(Value::func(math));
    }
    matches!(
        name,
        "_seed_int" | "_seed_os" | "_random" | "_getrandbits" | "_index" | "_randbelow"
    )
    .then(|| Value::func(&format!("random.{name}")))
}

/// Calls a native `random._NAME`.
pub fn call(s: &mut Session, full: &str, args: Args) -> PyResult<Result<Value, Args>> {
    let name = &full["random.".len()..];
    let arg = |i: usize| args.pos.get(i).cloned().unwrap_or(Value::None);
    Ok(Ok(match name {
        "_seed_int" => {
            // `random_seed`: the absolute value's 32-bit words, least
            // significant first (one zero word for 0).
            let n = crate::eval::pyiter::index_int(&arg(0))?.unsigned_abs();
            let mut words = Vec::new();
            let mut m = n;
            while m > 0 {
                words.push(m as u32);
                m >>= 32;
            }
            if words.is_empty() {
                words.push(0);
            }
            s.py_random = Some(Box::new(Mt19937::from_array(&words)));
            Value::None
        }
        "_seed_os" => {
            s.py_random = Some(Box::new(Mt19937::from_array(&os_words())));
            Value::None
        }
        "_random" => {
            if !args.pos.is_empty() {
                return Err(PyError::type_error(format!(
                    "Random.random() takes no arguments ({} given)",
                    args.pos.len()
                )));
            }
            Value::Float(twister(s).next_double())
        }
        "_getrandbits" => getrandbits(s, &arg(0))?,
        "_index" => Value::Int(crate::eval::pyiter::index_int(&arg(0))?),
        "_randbelow" => {
            // `_randbelow_with_getrandbits`: k = n.bit_length() bits,
            // drawn again while the value is n or more.
            let n = crate::eval::pyiter::index_int(&arg(0))?;
            if n <= 0 {
                return Err(PyError::value("empty range for randrange()"));
            }
            let k = Value::Int(128 - n.leading_zeros() as i128);
            loop {
                let Value::Int(r) = getrandbits(s, &k)? else {
                    unreachable!("getrandbits gives an int")
                };
                if r < n {
                    break Value::Int(r);
                }
            }
        }
        _ => return Ok(Err(args)),
    }))
}

/// The session's twister, seeded from the OS on first use (as importing
/// `random` does in CPython).
fn twister(s: &mut Session) -> &mut Mt19937 {
    s.py_random
        .get_or_insert_with(|| Box::new(Mt19937::from_array(&os_words())))
}

/// `getrandbits(k)`: words least significant first, the last one cut to
/// its top bits. Python's ints are unbounded, slicelab's stop at 127 bits.
fn getrandbits(s: &mut Session, k: &Value) -> PyResult<Value> {
    let k = crate::eval::pyiter::index_int(k)?;
    if k < 0 {
        return Err(PyError::value("number of bits must be non-negative"));
    }
    if k > 127 {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's ints hold at most 127 bits: getrandbits(k) for k > 127",
        ));
    }
    let g = twister(s);
    let mut out: u128 = 0;
    let mut left = k as u32;
    let mut shift = 0;
    while left > 0 {
        let mut r = g.next_u32();
        if left < 32 {
            r >>= 32 - left;
        }
        out |= (r as u128) << shift;
        shift += 32;
        left = left.saturating_sub(32);
    }
    Ok(Value::Int(out as i128))
}

/// 624 words of OS randomness, as `random_seed_urandom` reads them; the
/// clock and the process id where `/dev/urandom` cannot be read.
fn os_words() -> Vec<u32> {
    use std::io::Read;
    let mut bytes = vec![0u8; 624 * 4];
    let ok = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .is_ok();
    if !ok {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        return vec![t.as_secs() as u32, t.subsec_nanos(), std::process::id()];
    }
    bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}
