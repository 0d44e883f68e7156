//! Which ufuncs have a loop for an object or text operand, read from
//! NumPy's own type table (`ufunc_table.rs`), and NumPy's errors where
//! they have none: `np.isnan(None)` is NumPy's TypeError (no `O` loop),
//! never a float conversion of `None` to NaN; `np.sqrt(None)` runs the
//! `O` loop, which calls the element's `sqrt()` method — a method no
//! Python number has — and fails as it does.

use super::error::{PyError, PyResult};
use super::value::Value;
use crate::engine::dtype::{DType, Kind};

/// The ufuncs whose object loop calls a method of the element named as
/// the ufunc's C function (`TD(P, f=...)` in NumPy's
/// `generate_umath.py`), with that method's name.
const METHOD_LOOPS: &[(&str, &str)] = &[
    ("arccos", "arccos"),
    ("arccosh", "arccosh"),
    ("arcsin", "arcsin"),
    ("arcsinh", "arcsinh"),
    ("arctan", "arctan"),
    ("arctanh", "arctanh"),
    ("cos", "cos"),
    ("sin", "sin"),
    ("tan", "tan"),
    ("cosh", "cosh"),
    ("sinh", "sinh"),
    ("tanh", "tanh"),
    ("exp", "exp"),
    ("exp2", "exp2"),
    ("expm1", "expm1"),
    ("log", "log"),
    ("log2", "log2"),
    ("log10", "log10"),
    ("log1p", "log1p"),
    ("sqrt", "sqrt"),
    ("cbrt", "cbrt"),
    ("fabs", "fabs"),
    ("rint", "rint"),
];

/// The type char of an operand's dtype when it is one the check is about
/// (object, text), or `None`. Python numbers and numeric arrays pass.
fn operand_char(v: &Value) -> PyResult<Option<(char, Value)>> {
    let object_first = |a: &crate::engine::NdArray| {
        super::convert::values(a)
            .into_iter()
            .next()
            .unwrap_or(Value::None)
    };
    Ok(match v {
        Value::None => Some(('O', Value::None)),
        Value::Str(_) => Some(('U', Value::None)),
        Value::Bytes(_) => Some(('S', Value::None)),
        Value::Array(a) => array_char(a.dtype()).map(|c| (c, first_if_object(c, a, object_first))),
        Value::List(_) | Value::Tuple(_) => {
            let a = super::convert::as_array(v)?;
            array_char(a.dtype()).map(|c| (c, first_if_object(c, &a, object_first)))
        }
        _ => None,
    })
}

fn first_if_object(
    c: char,
    a: &crate::engine::NdArray,
    first: impl Fn(&crate::engine::NdArray) -> Value,
) -> Value {
    if c == 'O' && a.size() > 0 {
        first(a)
    } else {
        Value::None
    }
}

fn array_char(dtype: &DType) -> Option<char> {
    match dtype.native().kind() {
        Kind::Object => Some('O'),
        Kind::Str => Some('U'),
        Kind::Bytes => Some('S'),
        _ => None,
    }
}

/// NumPy's refusal of `np.NAME(*inputs)` when no loop of the ufunc takes
/// an object operand, or (for one input) a text one; and the object
/// loop's own failure when it calls a method Python's values lack.
pub fn check(name: &str, inputs: &[Value]) -> PyResult<()> {
    let Some(&(_, _, nin, _, _, _, types)) = super::ufunc_info::row(name) else {
        return Ok(());
    };
    let loops: Vec<&str> = types.split_whitespace().collect();
    for (k, v) in inputs.iter().take(nin).enumerate() {
        let Some((c, first)) = operand_char(v)? else {
            continue;
        };
        // Text has loops outside this table for binary ufuncs (`add`,
        // comparisons); only a one-input ufunc is decided here.
        if c != 'O' && nin > 1 {
            continue;
        }
        let has_loop = loops.iter().any(|l| l.chars().nth(k) == Some(c));
        if !has_loop {
            return Err(PyError::type_error(format!(
                "ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
            )));
        }
        let method = METHOD_LOOPS.iter().find(|(u, _)| *u == name);
        if let (Some((_, method)), 'O', 1) = (method, c, nin)
            && (matches!(v, Value::None) || !matches!(v, Value::Array(a) if a.size() == 0))
        {
            return Err(PyError::type_error(format!(
                "loop of ufunc does not support argument 0 of type {} which has no callable {method} method",
                first.type_name()
            )));
        }
    }
    Ok(())
}
