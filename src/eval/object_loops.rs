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
/// (object, text), or `None` (Python numbers and numeric arrays pass);
/// with an object operand's first element (`None` itself for `None`),
/// whose type an object method loop names when it fails.
fn operand_char(v: &Value) -> PyResult<Option<(char, Option<Value>)>> {
    let of_array = |a: &crate::engine::NdArray| {
        array_char(a.dtype()).map(|c| {
            let first = (c == 'O' && a.size() > 0)
                .then(|| super::convert::scalar_to_py(a.dtype(), &a.first()));
            (c, first)
        })
    };
    Ok(match v {
        Value::None => Some(('O', Some(Value::None))),
        Value::Str(_) => Some(('U', None)),
        Value::Bytes(_) => Some(('S', None)),
        Value::Array(a) => of_array(a),
        Value::List(_) | Value::Tuple(_) => {
            let a: crate::engine::ArrayRef = super::convert::as_array(v)?;
            of_array(&a)
        }
        _ => None,
    })
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
        if let (Some((_, method)), Some(first), 1) = (method, first, nin) {
            return Err(PyError::type_error(format!(
                "loop of ufunc does not support argument 0 of type {} which has no callable {method} method",
                first.type_name()
            )));
        }
    }
    Ok(())
}
