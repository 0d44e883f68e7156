//! `a.flags`: NumPy's `flagsobj`, read by attribute (`a.flags.writeable`)
//! or by key (`a.flags['WRITEABLE']`, `a.flags['W']`), and the writeable
//! flag set either way. Every name is written once, in [`FLAGS`].

use crate::engine::{ArrayRef, NdArray};

use super::error::{PyError, PyResult};
use super::value::Value;

/// One flag: its attribute, the keys `flags[...]` takes for it, and how
/// it is read from the array.
struct Flag {
    attr: &'static str,
    keys: &'static [&'static str],
    get: fn(&NdArray) -> bool,
}

fn behaved(a: &NdArray) -> bool {
    a.aligned() && a.writeable()
}

/// The flags NumPy 2.4's `flagsobj` answers, in its own order.
const FLAGS: &[Flag] = &[
    Flag {
        attr: "c_contiguous",
        keys: &["C_CONTIGUOUS", "C", "CONTIGUOUS"],
        get: |a| a.is_c_contiguous(),
    },
    Flag {
        attr: "f_contiguous",
        keys: &["F_CONTIGUOUS", "F", "FORTRAN"],
        get: |a| a.is_f_contiguous(),
    },
    Flag {
        attr: "owndata",
        keys: &["OWNDATA", "O"],
        get: |a| a.owndata(),
    },
    Flag {
        attr: "writeable",
        keys: &["WRITEABLE", "W"],
        get: |a| a.writeable(),
    },
    Flag {
        attr: "aligned",
        keys: &["ALIGNED", "A"],
        get: |a| a.aligned(),
    },
    Flag {
        attr: "writebackifcopy",
        keys: &["WRITEBACKIFCOPY", "X"],
        get: |_| false,
    },
    Flag {
        attr: "fnc",
        keys: &["FNC"],
        get: |a| a.is_f_contiguous() && !a.is_c_contiguous(),
    },
    Flag {
        attr: "forc",
        keys: &["FORC"],
        get: |a| a.is_f_contiguous() || a.is_c_contiguous(),
    },
    Flag {
        attr: "behaved",
        keys: &["BEHAVED", "B"],
        get: behaved,
    },
    Flag {
        attr: "carray",
        keys: &["CARRAY", "CA"],
        get: |a| behaved(a) && a.is_c_contiguous(),
    },
    Flag {
        attr: "farray",
        keys: &["FARRAY", "FA"],
        get: |a| behaved(a) && a.is_f_contiguous() && !a.is_c_contiguous(),
    },
];

/// The aliases attributes also answer to.
fn attr_name(name: &str) -> &str {
    match name {
        "contiguous" => "c_contiguous",
        "fortran" => "f_contiguous",
        other => other,
    }
}

fn value(a: &NdArray, attr: &str) -> Option<bool> {
    FLAGS.iter().find(|f| f.attr == attr).map(|f| (f.get)(a))
}

/// `a.flags.NAME`.
pub fn attr(a: &NdArray, name: &str) -> PyResult<Value> {
    value(a, attr_name(name))
        .map(Value::Bool)
        .ok_or_else(|| PyError::attribute("numpy._core.multiarray.flagsobj", name))
}

/// The attribute `flags[key]` names, or NumPy's `KeyError`.
fn keyed(key: &Value) -> PyResult<&'static str> {
    let unknown = || PyError::new("KeyError", "'Unknown flag'");
    let Value::Str(k) = key else {
        return Err(unknown());
    };
    FLAGS
        .iter()
        .find(|f| f.keys.contains(&k.as_ref()))
        .map(|f| f.attr)
        .ok_or_else(unknown)
}

/// `a.flags[key]`.
pub fn item(a: &NdArray, key: &Value) -> PyResult<Value> {
    attr(a, keyed(key)?)
}

/// `a.flags.NAME = v` and `a.flags[key] = v`: only the writeable flag is
/// modelled; NumPy's other settable flags are refused honestly.
pub fn set(a: &ArrayRef, attr: &str, v: bool) -> PyResult<()> {
    match attr_name(attr) {
        "writeable" => a.set_writeable(v).map_err(PyError::from),
        "aligned" | "writebackifcopy" => Err(PyError::new(
            "NotImplementedError",
            format!("slicelab does not set the {attr} flag"),
        )),
        _ if value(a, attr_name(attr)).is_some() => Err(PyError::new(
            "AttributeError",
            format!(
                "attribute '{attr}' of 'numpy._core.multiarray.flagsobj' objects is not writable"
            ),
        )),
        _ => Err(PyError::attribute("numpy._core.multiarray.flagsobj", attr)),
    }
}

/// `a.flags[key] = v`.
pub fn set_item(a: &ArrayRef, key: &Value, v: bool) -> PyResult<()> {
    let attr = keyed(key)?;
    if !matches!(attr, "writeable" | "aligned" | "writebackifcopy") {
        return Err(PyError::new("KeyError", "'Unknown flag'"));
    }
    set(a, attr, v)
}
