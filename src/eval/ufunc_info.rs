//! The data attributes of NumPy's ufunc objects (`np.add.nin`, `.nout`,
//! `.nargs`, `.ntypes`, `.types`, `.identity`, `.signature`, `__name__`),
//! read from one table generated from NumPy itself (`ufunc_table.rs`, by
//! `tools/ufunc_info.py`), so every ufunc slicelab has answers as NumPy's
//! does and no attribute is written by hand.

use super::error::{PyError, PyResult};
use super::ufunc_table::{Row, UFUNCS};
use super::value::Value;

/// The row of `np.NAME`, if `NAME` is a ufunc of NumPy's namespace.
pub fn row(name: &str) -> Option<&'static Row> {
    UFUNCS.iter().find(|r| r.0 == name)
}

/// `np.NAME.identity` as a value, `None` when the ufunc has none: what
/// an empty `reduce` starts from (cast to the loop's dtype).
pub fn identity_of(name: &str) -> Option<Value> {
    identity(row(name)?.4)
        .ok()
        .filter(|v| !matches!(v, Value::None))
}

/// `identity` from its Python repr in the table.
fn identity(text: &str) -> PyResult<Value> {
    Ok(match text {
        "None" => Value::None,
        "True" => Value::Bool(true),
        "False" => Value::Bool(false),
        "-inf" => Value::Float(f64::NEG_INFINITY),
        n => Value::Int(
            n.parse()
                .map_err(|_| PyError::new("SystemError", format!("bad identity {n}")))?,
        ),
    })
}

/// Attribute `attr` of `np.NAME` when it is one of the data attributes
/// above; `None` for anything else (methods, unknown names).
pub fn attr(name: &str, attr: &str) -> Option<PyResult<Value>> {
    let &(_, dunder_name, nin, nout, ident, signature, types) = row(name)?;
    let count = |n: usize| Value::Int(n as i128);
    Some(Ok(match attr {
        "nin" => count(nin),
        "nout" => count(nout),
        "nargs" => count(nin + nout),
        "ntypes" => count(types.split_whitespace().count()),
        "types" => Value::list(types.split_whitespace().map(Value::str).collect()),
        "identity" => return Some(identity(ident)),
        "signature" if signature.is_empty() => Value::None,
        "signature" => Value::str(signature),
        "__name__" | "__qualname__" => Value::str(dunder_name),
        _ => return None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_has_numpys_attributes() {
        assert!(matches!(attr("add", "nargs"), Some(Ok(Value::Int(3)))));
        assert!(matches!(attr("add", "identity"), Some(Ok(Value::Int(0)))));
        assert!(matches!(attr("maximum", "identity"), Some(Ok(Value::None))));
        assert!(matches!(attr("abs", "__name__"), Some(Ok(Value::Str(s))) if &*s == "absolute"));
        assert!(attr("add", "reduce").is_none());
        assert!(row("sum").is_none());
    }

    #[test]
    fn every_identity_parses() {
        for r in UFUNCS {
            assert!(identity(r.4).is_ok(), "{}", r.0);
        }
    }
}
