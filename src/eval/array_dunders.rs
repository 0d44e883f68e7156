//! The special methods of an ndarray (or a NumPy number) called by name: `a.__getitem__(i)`,
//! `a.__add__(1)`, `a.__radd__(1)`, `a.__len__()`, `a.__array__()`.
//! NumPy's own tests (and code that passes `a.__setitem__` around, as
//! `assert_raises(IndexError, a.__getitem__, i)` does) reach the array's
//! operations this way. Each one runs exactly what the operator or
//! builtin it stands for runs, so there is one implementation of every
//! operation; this module only maps names onto them.

use super::args::Args;
use super::dunder_names::{Special, special};
use super::error::{PyError, PyResult};
use super::session::Session;
use super::value::Value;

/// `a.NAME(*args)` for a special method NAME of the array `a`.
pub fn call(s: &mut Session, a: &Value, name: &str, args: Args) -> PyResult<Value> {
    let Some(which) = special(name) else {
        return Err(PyError::attribute("numpy.ndarray", name));
    };
    if let Some((k, _)) = args.kw.first() {
        if !matches!(which, Special::Method(_)) {
            return Err(PyError::type_error(format!(
                "wrapper {name}() takes no keyword arguments"
            )));
        }
        if !matches!(which, Special::Method("__array__")) {
            return Err(PyError::type_error(format!(
                "{name}() got an unexpected keyword argument '{k}'"
            )));
        }
    }
    let wanted = match which {
        Special::Unary(_) | Special::Builtin(_) => 0,
        Special::SetItem => 2,
        Special::Method(_) => args.pos.len().min(1),
        _ => 1,
    };
    if args.pos.len() != wanted {
        // CPython's `__setitem__` wrapper words it with a leading space.
        let lead = if matches!(which, Special::SetItem) {
            " "
        } else {
            ""
        };
        return Err(PyError::type_error(format!(
            "{lead}expected {wanted} argument{}, got {}",
            if wanted == 1 { "" } else { "s" },
            args.pos.len()
        )));
    }
    let arg = |k: usize| args.pos[k].clone();
    match which {
        Special::Binary(op) => s.binary(op, a, &arg(0)),
        Special::Reflected(op) => s.binary(op, &arg(0), a),
        Special::InPlace(op) => s.inplace(op, a.clone(), &arg(0)),
        Special::Compare(op) => s.compare(op, a, &arg(0)),
        Special::Unary(op) => s.unary(op, a),
        Special::Builtin(f) => {
            let function = super::pybuiltins::builtin(f)
                .ok_or_else(|| PyError::attribute("numpy.ndarray", name))?;
            s.call(
                &function,
                Args {
                    pos: vec![a.clone()],
                    kw: vec![],
                },
            )
        }
        Special::GetItem => s.getitem(a, &arg(0)),
        Special::SetItem => {
            s.setitem(a, &arg(0), &arg(1))?;
            Ok(Value::None)
        }
        Special::DelItem => Err(PyError::value("cannot delete array elements")),
        Special::Contains => Ok(Value::Bool(s.contains(a, &arg(0))?)),
        // A scalar's `__array__` is the 0-d array of it.
        Special::Method("__array__") if matches!(a, Value::NpScalar(..)) => {
            let kw = args
                .kw
                .iter()
                .map(|(k, v)| (k.as_str(), v.clone()))
                .collect();
            let mut pos = vec![a.clone()];
            pos.extend(args.pos.iter().cloned());
            s.np("asarray", pos, kw)
        }
        Special::Method("__array__") => match (args.pos.first(), args.kw.is_empty()) {
            (None, true) | (Some(Value::None), true) => Ok(a.clone()),
            _ => s.call_method_registered(a, "astype", args),
        },
        // `copy.copy` and `copy.deepcopy` of an array: a C-ordered copy
        // (the memo of `__deepcopy__` is not needed for numbers).
        Special::Method(_) => s.call_method_registered(
            a,
            "copy",
            Args {
                pos: vec![],
                kw: vec![],
            },
        ),
    }
}
