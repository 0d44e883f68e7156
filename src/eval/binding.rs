//! Binding a call against its registry entry, once, before it reaches its
//! implementation: an unknown keyword, a surplus positional or a bad enum
//! value raises NumPy's own error, and a parameter NumPy accepts but
//! slicelab does not implement raises `NotImplementedError` naming it —
//! never ignored. The entries themselves are `registry.rs`'s.

use super::args::Args;
use super::display::repr;
use super::error::{PyError, PyResult};
use super::registry::{Entry, np_entry};
use super::signature::{self, Bound, ParamKind, Style, not_implemented_argument};
use super::value::Value;

/// Is `v` the parameter's default, as written in the signature?
/// Parameters whose documented default is not what passing it does: NumPy's
/// `array` documents `ndmax=0`, yet an explicit 0 allows no dimension at
/// all; `where(condition, x=None, y=None, /)` reads a `None` given for `x`
/// or `y` as a value (`np.where(c, 1, None)` is an object array). Given,
/// they are never the default.
const DOCUMENTED_ONLY: &[(&str, &str)] = &[("array", "ndmax"), ("where", "x"), ("where", "y")];

fn is_default(v: &Value, func: &str, param: &str, default: Option<&str>) -> bool {
    if DOCUMENTED_ONLY.contains(&(func, param)) {
        return false;
    }
    default.is_some_and(|d| repr(v, &Default::default()) == d)
}

/// NumPy's check of an enum-valued argument (`order`, `casting`, `kind`).
pub fn check_enum(func: &str, param: &str, v: &Value) -> PyResult<()> {
    // A sort's `order` names record fields, not a memory order.
    if param == "order" && (func.contains("sort") || func.contains("partition")) {
        return Ok(());
    }
    let (choices, what): (&[&str], &str) = match param {
        "casting" if func == "astype" => (
            &["no", "equiv", "safe", "same_kind", "unsafe", "same_value"],
            "casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe', 'same_value'",
        ),
        "order" => (
            &["C", "F", "A", "K"],
            "order must be one of 'C', 'F', 'A', or 'K'",
        ),
        "casting" => (
            &["no", "equiv", "safe", "same_kind", "unsafe"],
            "casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe'",
        ),
        // Only a sort's `kind` is a sort kind (`isin(kind='table')`).
        "kind" if func.contains("sort") => (
            &["q", "h", "m", "s"],
            "sort kind must be one of 'quick', 'heap', or 'stable'",
        ),
        _ => return Ok(()),
    };
    let text = match v {
        Value::None => return Ok(()),
        Value::Str(s) => s.to_string(),
        other => {
            let param = if param == "kind" { "sort kind" } else { param };
            return Err(PyError::type_error(format!(
                "{param} must be str, not {}",
                other.type_name()
            )));
        }
    };
    let ok = match param {
        // NumPy reads only the first letter of a sort kind, in either case.
        "kind" => text
            .chars()
            .next()
            .is_some_and(|c| choices.contains(&c.to_ascii_lowercase().to_string().as_str())),
        "order" => choices.contains(&text.to_ascii_uppercase().as_str()) && text.len() == 1,
        _ => choices.contains(&text.as_str()),
    };
    if ok {
        Ok(())
    } else {
        Err(PyError::value(format!(
            "{what} (got {})",
            repr(v, &Default::default())
        )))
    }
}

/// Bind a call to `entry`, validate enum values, refuse what slicelab does
/// not implement, and return the arguments in one canonical form for the
/// implementation: every parameter given a non-default value appears by
/// keyword, and the leading run of given positional parameters also by
/// position, so `args.get(i, name)`, `args.kw(name)` and `args.pos[i]` all
/// see it however the caller passed it.
pub fn prepare(entry: &Entry, args: &Args) -> PyResult<Args> {
    let bound = signature::bind(entry.signature, entry.style, args)?;
    canonical(entry, &bound)
}

fn canonical(entry: &Entry, bound: &Bound) -> PyResult<Args> {
    let mut out = Args {
        pos: Vec::new(),
        kw: Vec::new(),
    };
    let mut leading = true;
    for (p, v) in bound.sig.params.iter().zip(&bound.values) {
        let positional = matches!(
            p.kind,
            ParamKind::PositionalOnly | ParamKind::PositionalOrKeyword
        );
        if p.kind == ParamKind::VarPositional {
            if leading {
                out.pos.extend(bound.var_pos.iter().cloned());
            }
            if !bound.var_pos.is_empty() && !entry.honours(&p.name) {
                return Err(not_implemented_argument(entry.name(), &p.name));
            }
            continue;
        }
        let given = v
            .as_ref()
            .filter(|v| !is_default(v, entry.name(), &p.name, p.default.as_deref()));
        let Some(v) = given else {
            leading &= !positional;
            continue;
        };
        check_enum(entry.name(), &p.name, v)?;
        let v = &match (p.name.as_str(), v) {
            ("order", Value::Str(o)) if !entry.name().contains("sort") => {
                Value::str(&o.to_ascii_uppercase())
            }
            _ => v.clone(),
        };
        if !entry.honours(&p.name) {
            return Err(not_implemented_argument(entry.name(), &p.name));
        }
        if positional && leading {
            out.pos.push(v.clone());
        } else {
            leading = false;
        }
        if p.kind != ParamKind::PositionalOnly {
            out.kw.push((p.name.clone(), v.clone()));
        }
    }
    // `**kwargs` pass through when the implementation reads the name or
    // the whole `**kwargs` (it then checks them itself, as `np.pad` does).
    let var_kw = bound
        .sig
        .params
        .iter()
        .find(|p| p.kind == ParamKind::VarKeyword);
    for (k, v) in &bound.var_kw {
        if !entry.honours(k) && !var_kw.is_some_and(|p| entry.honours(&p.name)) {
            return Err(not_implemented_argument(entry.name(), k));
        }
        out.kw.push((k.clone(), v.clone()));
    }
    Ok(out)
}

/// Bind a method call on `me`: `Python`-style entries see the array as
/// their first argument, and it is taken off again for the implementation.
pub fn prepare_method(method: &str, entry: &Entry, me: &Value, args: &Args) -> PyResult<Args> {
    if let (Style::CVarArgs { .. }, false) = (entry.style, args.kw.is_empty()) {
        // CPython names the method by its qualified name here only, and by
        // the name it was called by (`a.conj` shares `conjugate`'s parser).
        return Err(PyError::type_error(format!(
            "ndarray.{method}() takes no keyword arguments"
        )));
    }
    if entry.style != Style::Python {
        return prepare(entry, args);
    }
    // A `_methods.py` function passes `**kwargs` on to its ufunc
    // (`_clip` to `np.clip`), which refuses what it does not know.
    let sig = signature::signature(entry.signature);
    if sig.params.iter().any(|p| p.kind == ParamKind::VarKeyword) {
        let ufunc = entry.name().trim_start_matches('_');
        let known = np_entry(ufunc).map(|u| signature::signature(u.signature));
        for (k, _) in &args.kw {
            let named = sig.params.iter().any(|p| &p.name == k);
            let in_ufunc = known
                .as_ref()
                .is_some_and(|u| u.params.iter().any(|p| &p.name == k));
            if !named && !in_ufunc {
                return Err(PyError::type_error(format!(
                    "{ufunc}() got an unexpected keyword argument '{k}'"
                )));
            }
        }
    }
    let with_self = Args {
        pos: [vec![me.clone()], args.pos.clone()].concat(),
        kw: args.kw.clone(),
    };
    let mut out = prepare(entry, &with_self)?;
    out.pos.remove(0);
    out.kw.retain(|(k, _)| k != "a");
    Ok(out)
}
