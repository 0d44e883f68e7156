//! `RandomState` methods, which are also the `np.random.*` module
//! functions (they draw from the session's global `RandomState`): MT19937
//! with masked bounded integers, the polar Gaussian and `-log(1 - U)`.

use std::rc::Rc;

use crate::engine::DType;
use crate::engine::random::BitGen;
use crate::engine::random::bounded::Method;
use crate::engine::random::legacy::LegacyState;

use super::super::error::{PyError, PyResult};
use super::super::signature::{Bound, Style, bind};
use super::super::value::{TypeObj, Value};
use super::args::{bounded_range, doubles, int_bounds, size_arg};
use super::{ints, permute, sigs};
use crate::eval::args::Args;
use crate::eval::coerce::shape_arg;
use crate::eval::dtype_arg::dtype_arg;
use crate::eval::object::RandomObj;
use crate::eval::protocol::iterate;
use crate::eval::session::Session;

/// Call `RandomState.NAME` on `obj` (or `np.random.NAME` on the global one).
pub fn call(s: &mut Session, obj: &Rc<RandomObj>, name: &str, args: Args) -> PyResult<Value> {
    let RandomObj::RandomState(cell) = obj.as_ref() else {
        unreachable!("legacy::call on a RandomState")
    };
    let sig = sigs::state_method(name).ok_or_else(|| PyError::attribute(obj.type_path(), name))?;
    let b = bind(sig, Style::Cython, &args)?;
    let _ = s;
    if name == "seed" {
        *cell.borrow_mut() = super::seeding::legacy_seed(b.get("seed"))?;
        return Ok(Value::None);
    }
    if name == "set_state" {
        set_state(&mut cell.borrow_mut(), b.required("state"))?;
        return Ok(Value::None);
    }
    let mut st = cell.borrow_mut();
    draw(&mut st, name, &b)
}

fn shape_from_varargs(b: &Bound) -> PyResult<Option<Vec<usize>>> {
    if b.var_pos.is_empty() {
        return Ok(None);
    }
    Ok(Some(shape_arg(&Value::tuple(b.var_pos.clone()), None)?))
}

fn draw(st: &mut LegacyState, name: &str, b: &Bound) -> PyResult<Value> {
    if super::dists::NAMES.contains(&name) {
        return super::dists::legacy(st, name, b);
    }
    if super::multivariate::NAMES.contains(&name) {
        return super::multivariate::legacy(st, name, b);
    }
    let size = || size_arg(b.get("size"));
    match name {
        "get_state" => get_state(
            st,
            b.get("legacy")
                .is_none_or(|v| crate::eval::protocol::truthy(v).unwrap_or(true)),
        ),
        "rand" => doubles(shape_from_varargs(b)?, || st.mt.next_double()),
        "randn" => doubles(shape_from_varargs(b)?, || st.gauss()),
        "random_sample" | "random" | "ranf" | "sample" => doubles(size()?, || st.mt.next_double()),
        "standard_normal" => doubles(size()?, || st.gauss()),
        "standard_exponential" => doubles(size()?, || st.standard_exponential()),
        "randint" => randint(st, b),
        "random_integers" => random_integers(st, b),
        "tomaxint" => {
            // `random_positive_int`: a 64-bit word shifted right once.
            let mut next = || (st.mt.next_u64() >> 1) as i64;
            match size()? {
                None => Ok(Value::Int(i128::from(next()))),
                Some(shape) => super::args::filled::<i64>(&shape, DType::Int64, |o| {
                    o.iter_mut().for_each(|x| *x = next())
                }),
            }
        }
        "bytes" => {
            let n = super::args::int_param(b.required("length"))?;
            Ok(Value::Bytes(Rc::from(bytes(
                &mut st.mt,
                n,
                Method::Masked,
            )?)))
        }
        "choice" => super::choice::choice(&mut st.mt, permute::Flavor::Legacy, b),
        "permutation" => {
            permute::permutation(&mut st.mt, b.required("x"), 0, permute::Flavor::Legacy)
        }
        "shuffle" => permute::shuffle(&mut st.mt, b.required("x"), 0, permute::Flavor::Legacy),
        _ => Err(PyError::attribute("numpy.random.mtrand.RandomState", name)),
    }
}

/// The deprecated `random_integers(low, high=None, size=None)`: NumPy's
/// DeprecationWarning, then `randint(low, int(high) + 1, size=size,
/// dtype='l')` (`high` alone counts from 1).
fn random_integers(st: &mut LegacyState, b: &Bound) -> PyResult<Value> {
    let opts = crate::render::PrintOptions::default();
    let text = |v: &Value| crate::eval::display::str_of(v, &opts);
    let given = b.required("low").clone();
    let (low, high) = match b.get("high").filter(|h| !matches!(h, Value::None)) {
        None => (Value::Int(1), given),
        Some(high) => (given, high.clone()),
    };
    super::super::fp_errors::warn(format!(
        "DeprecationWarning: This function is deprecated. Please call randint({}, {} + 1) instead",
        text(&low),
        text(&high)
    ));
    let high = super::args::int_param(&high)?;
    let mut kw = vec![("dtype".to_string(), Value::str("l"))];
    if let Some(size) = b.get("size") {
        kw.push(("size".to_string(), size.clone()));
    }
    let args = Args {
        pos: vec![low, Value::Int(high + 1)],
        kw,
    };
    let sig = sigs::legacy("randint").expect("randint's signature");
    randint(st, &bind(sig, Style::Cython, &args)?)
}

/// `bytes(length)`: 32-bit words drawn as `uint32` integers, little-endian,
/// cut to `length`.
pub fn bytes<G: BitGen>(g: &mut G, length: i128, method: Method) -> PyResult<Vec<u8>> {
    // `n_uint32 = ((length - 1) // 4 + 1)` on C integers (NumPy's random
    // modules compile with `cdivision`): truncation, so `bytes(0)` still
    // draws one word and `bytes(-1)` gives three bytes, then `[:length]`.
    let words = (length - 1) / 4 + 1;
    if words < 0 {
        return Err(PyError::value("negative dimensions are not allowed"));
    }
    let mut out = vec![0u32; words as usize];
    crate::engine::random::bounded::fill_u32(g, 0, u32::MAX, method, &mut out);
    let mut bytes: Vec<u8> = out.iter().flat_map(|w| w.to_le_bytes()).collect();
    let total = bytes.len() as i128;
    let keep = if length >= 0 {
        length.min(total)
    } else {
        (total + length).max(0)
    };
    bytes.truncate(keep as usize);
    Ok(bytes)
}

fn randint(st: &mut LegacyState, b: &Bound) -> PyResult<Value> {
    let (dt, python_type) = match b.get("dtype") {
        None => (DType::Int64, true),
        Some(Value::Type(TypeObj::Builtin("int" | "bool"))) => {
            (dtype_arg(b.get("dtype").unwrap())?, true)
        }
        Some(v) => (dtype_arg(v)?, false),
    };
    if int_bounds(&dt).is_none() {
        return Err(PyError::type_error(format!(
            "Unsupported dtype dtype('{}') for randint",
            dt.name()
        )));
    }
    if let Some(empty) = super::args::empty_draw(b.get("size"), &dt)? {
        return Ok(empty);
    }
    if super::int_broadcast::is_array(b.required("low"), b.get("high")) {
        return super::int_broadcast::draw(
            &mut st.mt,
            b.required("low"),
            b.get("high"),
            b.get("size"),
            &dt,
            false,
            Method::Masked,
        );
    }
    let (off, rng) = bounded_range(Some(b.required("low")), b.get("high"), &dt, false)?;
    let size = size_arg(b.get("size"))?;
    let v = ints::draw(&mut st.mt, size.as_deref(), &dt, off, rng, Method::Masked)?;
    Ok(if python_type {
        ints::python_scalar(v)
    } else {
        v
    })
}

fn get_state(st: &LegacyState, legacy: bool) -> PyResult<Value> {
    let key = super::args::u32_array(&st.mt.key[..])?;
    let pos = Value::Int(st.mt.pos as i128);
    if legacy {
        return Ok(Value::tuple(vec![
            Value::str("MT19937"),
            key,
            pos,
            Value::Int(st.has_gauss as i128),
            Value::Float(st.gauss),
        ]));
    }
    let inner = Value::Dict(Rc::new(std::cell::RefCell::new(vec![
        (Value::str("key"), key),
        (Value::str("pos"), pos),
    ])));
    Ok(Value::Dict(Rc::new(std::cell::RefCell::new(vec![
        (Value::str("bit_generator"), Value::str("MT19937")),
        (Value::str("state"), inner),
        (Value::str("has_gauss"), Value::Int(st.has_gauss as i128)),
        (Value::str("gauss"), Value::Float(st.gauss)),
    ]))))
}

/// Whether the dict `d` has the string key `key`.
fn dict_has(d: &Value, key: &str) -> bool {
    matches!(d, Value::Dict(items) if items
        .borrow()
        .iter()
        .any(|(k, _)| matches!(k, Value::Str(s) if s.as_ref() == key)))
}

/// `st.get(key, default)` of a dict.
fn dict_get_or(d: &Value, key: &str, default: Value) -> Value {
    match d {
        Value::Dict(items) => items
            .borrow()
            .iter()
            .find(|(k, _)| matches!(k, Value::Str(s) if s.as_ref() == key))
            .map_or(default, |(_, v)| v.clone()),
        _ => default,
    }
}

/// `set_state(state)` as `mtrand.pyx` runs it: a dict needs its two keys;
/// a tuple or list becomes such a dict; the Gaussian cache is set, then
/// the bit generator's own setter runs (so a failing one leaves the cache
/// and the key words it wrote).
fn set_state(st: &mut LegacyState, state: &Value) -> PyResult<()> {
    let dict = |items: Vec<(&str, Value)>| {
        Value::Dict(Rc::new(std::cell::RefCell::new(
            items.into_iter().map(|(k, v)| (Value::str(k), v)).collect(),
        )))
    };
    let st_dict = match state {
        Value::Dict(_) => {
            if !dict_has(state, "bit_generator") || !dict_has(state, "state") {
                return Err(PyError::value("state dictionary is not valid."));
            }
            state.clone()
        }
        Value::Tuple(_) | Value::List(_) => {
            let t = iterate(state)?;
            let at = |i: usize| {
                t.get(i).cloned().ok_or_else(|| {
                    PyError::index(format!("{} index out of range", state.type_name()))
                })
            };
            if !matches!(at(0)?, Value::Str(s) if s.as_ref() == "MT19937") {
                return Err(PyError::value(
                    "set_state can only be used with legacy MT19937 state instances.",
                ));
            }
            let mut items = vec![
                ("bit_generator", at(0)?),
                ("state", dict(vec![("key", at(1)?), ("pos", at(2)?)])),
            ];
            if t.len() > 3 {
                items.push(("has_gauss", at(3)?));
                items.push(("gauss", at(4)?));
            }
            dict(items)
        }
        _ => return Err(PyError::type_error("state must be a dict or a tuple.")),
    };
    let gauss = crate::eval::coerce::float_arg(&dict_get_or(&st_dict, "gauss", Value::Float(0.0)))?;
    let has_gauss = super::args::int_param(&dict_get_or(&st_dict, "has_gauss", Value::Int(0)))?;
    st.gauss = gauss;
    st.has_gauss = has_gauss != 0;
    super::state::set_mt19937(&mut st.mt, &st_dict)
}
