//! NumPy's joining functions (`np.concatenate`, `np.stack`, `np.hstack`,
//! ...) given masked arrays inside their sequence. They are not `np.ma`'s:
//! they join the data, and the result is a `MaskedArray` only because a
//! masked input makes it one (`__array_finalize__`), so it has no mask
//! (`mask=False`) and the default fill value, whatever the inputs were.
//! NumPy drops the masks here; `np.ma.concatenate` keeps them.

use crate::eval::args::Args;
use crate::eval::error::PyResult;
use crate::eval::object::{Masked, as_masked, is_masked_constant};
use crate::eval::session::Session;
use crate::eval::value::Value;

use super::core::getdata;

/// The joining functions, and the parameter holding their arrays.
const JOINERS: &[(&str, &[&str])] = &[
    ("concatenate", &["arrays"]),
    ("concat", &["arrays"]),
    ("stack", &["arrays"]),
    ("vstack", &["tup"]),
    ("hstack", &["tup"]),
    ("dstack", &["tup"]),
    ("column_stack", &["tup"]),
    ("block", &["arrays"]),
    ("append", &["arr", "values"]),
];

/// How deep `np.block`'s nesting is looked into.
const MAX_DEPTH: usize = 32;

/// Whether `np.NAME(args)` is a joining function given a masked array
/// among its arrays (directly, or in its list or tuple at any depth).
pub fn applies(name: &str, args: &Args) -> bool {
    let Some((_, params)) = JOINERS.iter().find(|(n, _)| *n == name) else {
        return false;
    };
    let given = args
        .pos
        .iter()
        .take(params.len())
        .chain(params.iter().filter_map(|p| args.kw(p)));
    given.into_iter().any(|v| holds_masked(v, 0))
}

fn holds_masked(v: &Value, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match v {
        Value::List(items) => items.borrow().iter().any(|x| holds_masked(x, depth + 1)),
        Value::Tuple(items) => items.iter().any(|x| holds_masked(x, depth + 1)),
        other => as_masked(other).is_some() || is_masked_constant(other),
    }
}

/// The masked arrays replaced by their data, the function called, and an
/// array result made a `MaskedArray` with no mask (an `out=` array is
/// returned as it is, as NumPy does).
pub fn call(s: &mut Session, name: &str, args: Args) -> PyResult<Value> {
    let has_out = args.kw("out").is_some_and(|o| !matches!(o, Value::None));
    let args = Args {
        pos: args
            .pos
            .iter()
            .map(|v| unwrap(v, 0))
            .collect::<PyResult<_>>()?,
        kw: args
            .kw
            .iter()
            .map(|(k, v)| Ok((k.clone(), unwrap(v, 0)?)))
            .collect::<PyResult<_>>()?,
    };
    let out = s.call_registered(&format!("np.{name}"), args)?;
    match out {
        Value::Array(a) if !has_out => Ok(Masked::new(a, None).into_value()),
        other => Ok(other),
    }
}

fn unwrap(v: &Value, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Ok(v.clone());
    }
    Ok(match v {
        Value::List(items) => Value::list(
            items
                .borrow()
                .iter()
                .map(|x| unwrap(x, depth + 1))
                .collect::<PyResult<_>>()?,
        ),
        Value::Tuple(items) => Value::tuple(
            items
                .iter()
                .map(|x| unwrap(x, depth + 1))
                .collect::<PyResult<_>>()?,
        ),
        // `np.ma.masked` is a 0-d array of 0.0 to them.
        other if as_masked(other).is_some() || is_masked_constant(other) => {
            Value::Array(getdata(other)?)
        }
        other => other.clone(),
    })
}
