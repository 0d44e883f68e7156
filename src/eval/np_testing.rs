//! `np.testing`'s comparison asserts: `assert_equal`,
//! `assert_array_equal`, `assert_allclose`, `assert_almost_equal`,
//! `assert_array_almost_equal`. Silent (`None`) when the values agree,
//! `AssertionError` when not, with the rules of `numpy/testing/_private/
//! utils.py`: shapes must match unless one side is a scalar, NaNs in the
//! same places agree (infinities must sit at the same places with the
//! same sign), then `==`, `|x - y| <= atol + rtol * |y|` or
//! `|x - y| < 1.5 * 10**-decimal`. NumPy's failure message starts with a
//! blank line (so a transcript shows the bare `AssertionError`); slicelab
//! writes its scalar form (`Items are not equal`) and, for arrays, the
//! heading without NumPy's mismatch summary. Complex and text values are
//! refused.

use crate::engine::dtype::Kind;
use crate::engine::element::scalar_as_f64;
use crate::engine::{ArrayRef, broadcast};

use super::error::{PyError, PyResult};
use super::signature::{Style, bind};
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::convert::as_array;

/// The module's name as `Value::Module` holds it.
pub const MODULE: &str = "numpy.testing";

const SIGNATURES: &[&str] = &[
    "assert_equal(actual, desired, err_msg='', verbose=True, *, strict=False)",
    "assert_array_equal(actual, desired, err_msg='', verbose=True, *, strict=False)",
    "assert_allclose(actual, desired, rtol=1e-07, atol=0, equal_nan=True, err_msg='', verbose=True, *, strict=False)",
    "assert_almost_equal(actual, desired, decimal=7, err_msg='', verbose=True)",
    "assert_array_almost_equal(actual, desired, decimal=6, err_msg='', verbose=True)",
];

fn name_of(sig: &str) -> &str {
    sig.split('(').next().unwrap_or(sig)
}

/// `np.testing.NAME` as a value.
pub fn module_attr(module: &str, name: &str) -> Option<Value> {
    match (module, name) {
        (MODULE, f) if SIGNATURES.iter().any(|s| name_of(s) == f) => {
            Some(Value::func(&format!("np.testing.{f}")))
        }
        _ => super::strings::module_attr(module, name),
    }
}

/// How two elements must agree.
enum Rule {
    Equal,
    Close {
        rtol: f64,
        atol: f64,
        equal_nan: bool,
    },
    Decimal(f64),
}

/// Call `np.testing.NAME`, bound here against NumPy's signature.
pub fn call(name: &str, args: &Args) -> PyResult<Value> {
    let sig = SIGNATURES
        .iter()
        .find(|s| name_of(s) == name)
        .ok_or_else(|| crate::eval::error::missing_module_attribute(MODULE, name))?;
    let b = bind(sig, Style::Python, args)?;
    for p in ["err_msg", "verbose", "strict"] {
        let default = match p {
            "err_msg" => match b.get(p) {
                None => true,
                Some(Value::Str(s)) => s.is_empty(),
                Some(_) => false,
            },
            "verbose" => matches!(b.get(p), None | Some(Value::Bool(true))),
            _ => matches!(b.get(p), None | Some(Value::Bool(false))),
        };
        if !default {
            return Err(super::signature::not_implemented_argument(name, p));
        }
    }
    let num = |p: &str, default: f64| -> PyResult<f64> {
        match b.get(p) {
            None => Ok(default),
            Some(v) => crate::eval::coerce::float_arg(v),
        }
    };
    let rule = match name {
        "assert_allclose" => Rule::Close {
            rtol: num("rtol", 1e-7)?,
            atol: num("atol", 0.0)?,
            equal_nan: match b.get("equal_nan") {
                None => true,
                Some(v) => crate::eval::protocol::truthy(v)?,
            },
        },
        "assert_almost_equal" => Rule::Decimal(num("decimal", 7.0)?),
        "assert_array_almost_equal" => Rule::Decimal(num("decimal", 6.0)?),
        _ => Rule::Equal,
    };
    let (x, y) = (b.required("actual"), b.required("desired"));
    let scalars = !matches!(x, Value::Array(_) | Value::List(_) | Value::Tuple(_))
        && !matches!(y, Value::Array(_) | Value::List(_) | Value::Tuple(_));
    let (xa, ya) = (as_array(x)?, as_array(y)?);
    let mut agree = compare(&xa, &ya, &rule)?;
    if agree && scalars && name == "assert_equal" {
        // Scalars equal to zero must also agree in sign (0.0 vs -0.0).
        let (a, b) = (scalar_as_f64(&xa.first()), scalar_as_f64(&ya.first()));
        if a == 0.0 && b == 0.0 {
            agree = a.is_sign_negative() == b.is_sign_negative();
        }
    }
    if agree {
        return Ok(Value::None);
    }
    let message = if scalars && !matches!(name, "assert_array_equal" | "assert_array_almost_equal")
    {
        let opts = Default::default();
        let heading = match rule {
            Rule::Decimal(d) => format!("Arrays are not almost equal to {d} decimals"),
            Rule::Close { .. } => "Not equal to tolerance".to_string(),
            Rule::Equal => "Items are not equal:".to_string(),
        };
        format!(
            "\n{heading}\n ACTUAL: {}\n DESIRED: {}",
            super::display::repr(x, &opts),
            super::display::repr(y, &opts)
        )
    } else {
        "\nArrays are not equal\n(slicelab does not print NumPy's mismatch summary)".to_string()
    };
    Err(PyError::new("AssertionError", message))
}

/// Do the two arrays agree under `rule`?
fn compare(x: &ArrayRef, y: &ArrayRef, rule: &Rule) -> PyResult<bool> {
    for a in [x, y] {
        if !matches!(
            a.dtype().kind(),
            Kind::Bool | Kind::Int | Kind::UInt | Kind::Float
        ) {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab's np.testing compares real numbers, not {}",
                    a.dtype().name()
                ),
            ));
        }
    }
    let (xs, ys) = (x.shape(), y.shape());
    if !(xs.is_empty() || ys.is_empty() || xs == ys) {
        return Ok(false);
    }
    let shape = match broadcast::broadcast_shapes(&[&xs, &ys]) {
        Some(s) => s,
        None => return Ok(false),
    };
    let xv = x.to_scalars_layout(&broadcast::broadcast_layout(&x.layout(), &shape));
    let yv = y.to_scalars_layout(&broadcast::broadcast_layout(&y.layout(), &shape));
    for (p, q) in xv.iter().zip(&yv) {
        let (a, b) = (scalar_as_f64(p), scalar_as_f64(q));
        let ok = if a.is_nan() || b.is_nan() {
            a.is_nan()
                && b.is_nan()
                && !matches!(
                    rule,
                    Rule::Close {
                        equal_nan: false,
                        ..
                    }
                )
        } else if a.is_infinite() || b.is_infinite() {
            a == b
        } else {
            match rule {
                Rule::Equal => int_eq(p, q),
                Rule::Close { rtol, atol, .. } => (a - b).abs() <= atol + rtol * b.abs(),
                Rule::Decimal(d) => (a - b).abs() < 1.5 * 10f64.powf(-d),
            }
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Exact equality of two integers (or an integer and a float) as NumPy's
/// `==` compares them.
fn int_eq(p: &crate::engine::Scalar, q: &crate::engine::Scalar) -> bool {
    use crate::engine::Scalar::{Bool, Float, Int, UInt};
    let wide = |s: &crate::engine::Scalar| match s {
        Int(i) => Some(i128::from(*i)),
        UInt(u) => Some(i128::from(*u)),
        Bool(b) => Some(i128::from(*b)),
        _ => None,
    };
    match (wide(p), wide(q)) {
        (Some(a), Some(b)) => a == b,
        _ => {
            matches!((p, q), (Float(a), Float(b)) if a == b) || scalar_as_f64(p) == scalar_as_f64(q)
        }
    }
}
