//! `np.emath` (`numpy.lib.scimath`): the square root, logarithms, power
//! and inverse trigonometric functions whose result turns complex where
//! the real one would be NaN. As `_scimath_impl.py`: the input is made an
//! array; if any real element is out of the real domain (`x < 0`, or
//! `|x| > 1` for `arccos`/`arcsin`/`arctanh`) the array is cast to complex
//! (complex64 for float32 and the integers up to 16 bits, else
//! complex128) and the plain ufunc does the rest, with its own digits
//! (and refusals, where slicelab's complex version is not digit-exact).

use crate::engine::dtype::{DType, Kind};
use crate::engine::element::scalar_as_f64;
use crate::engine::{ArrayRef, Scalar, kernels};

use super::error::{PyError, PyResult};
use super::ops::numpy_binary;
use super::signature::{Style, bind};
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::convert::as_array;
use crate::eval::session::Session;

/// The module's name as `Value::Module` holds it.
pub const MODULE: &str = "numpy.lib.scimath";

/// The functions of [`MODULE`] with NumPy's signatures.
const SIGNATURES: &[&str] = &[
    "sqrt(x)",
    "log(x)",
    "log2(x)",
    "log10(x)",
    "logn(n, x)",
    "power(x, p)",
    "arccos(x)",
    "arcsin(x)",
    "arctanh(x)",
];

fn name_of(sig: &str) -> &str {
    sig.split('(').next().unwrap_or(sig)
}

/// `np.emath`, `np.lib.scimath` and their functions as attributes.
pub fn module_attr(module: &str, name: &str) -> Option<Value> {
    match (module, name) {
        ("numpy.lib", "scimath") => Some(Value::Module(MODULE.into())),
        (MODULE, f) if SIGNATURES.iter().any(|s| name_of(s) == f) => {
            Some(Value::func(&format!("np.emath.{f}")))
        }
        _ => super::strings::module_attr(module, name),
    }
}

/// Call `np.emath.NAME`, bound here against NumPy's signature.
pub fn call(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    let sig = SIGNATURES
        .iter()
        .find(|sig| name_of(sig) == name)
        .ok_or_else(|| crate::eval::error::missing_module_attribute(MODULE, name))?;
    let b = bind(sig, Style::Python, args)?;
    let ufunc = |s: &mut Session, f: &str, xs: Vec<Value>| {
        s.call_registered(
            &format!("np.{f}"),
            Args {
                pos: xs,
                kw: vec![],
            },
        )
    };
    match name {
        "logn" => {
            let x = fix_real_lt_zero(b.required("x"))?;
            let n = fix_real_lt_zero(b.required("n"))?;
            let top = ufunc(s, "log", vec![x])?;
            let bottom = ufunc(s, "log", vec![n])?;
            numpy_binary(crate::engine::kernels::BinaryOp::Div, &top, &bottom)
        }
        "power" => {
            let x = fix_real_lt_zero(b.required("x"))?;
            let p = fix_int_lt_zero(b.required("p"))?;
            ufunc(s, "power", vec![x, p])
        }
        "arccos" | "arcsin" | "arctanh" => {
            let x = fix(b.required("x"), |v| v.abs() > 1.0)?;
            ufunc(s, name, vec![x])
        }
        _ => {
            let x = fix_real_lt_zero(b.required("x"))?;
            ufunc(s, name, vec![x])
        }
    }
}

/// Is any element real (a real dtype, or a zero imaginary part) and `out`?
fn any_real(a: &ArrayRef, out: impl Fn(f64) -> bool) -> bool {
    a.to_scalars().iter().any(|s| match s {
        Scalar::Complex(r, i) => *i == 0.0 && out(*r),
        other => out(scalar_as_f64(other)),
    })
}

/// `_tocomplex`: complex64 for the small types, complex128 otherwise.
fn to_complex(a: &ArrayRef) -> PyResult<ArrayRef> {
    let to = match a.dtype().native() {
        DType::Float32
        | DType::Int8
        | DType::Int16
        | DType::UInt8
        | DType::UInt16
        | DType::Complex64 => DType::Complex64,
        _ => DType::Complex128,
    };
    Ok(kernels::cast(a, &to)?)
}

fn numeric(x: &Value) -> PyResult<ArrayRef> {
    let a = as_array(x)?;
    if matches!(a.dtype().native(), DType::Str(_)) {
        // NumPy's `x < 0` finds no loop for strings.
        return Err(PyError::type_error(
            "ufunc 'less' did not contain a loop with signature matching types (<class 'numpy.dtypes.StrDType'>, <class 'numpy.dtypes._PyLongDType'>) -> None",
        ));
    }
    if !a.dtype().is_numeric() && a.dtype().kind() != Kind::Bool {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.emath takes numbers",
        ));
    }
    Ok(a)
}

fn fix(x: &Value, out: impl Fn(f64) -> bool) -> PyResult<Value> {
    let a = numeric(x)?;
    Ok(Value::Array(if any_real(&a, out) {
        to_complex(&a)?
    } else {
        a
    }))
}

fn fix_real_lt_zero(x: &Value) -> PyResult<Value> {
    fix(x, |v| v < 0.0)
}

/// `_fix_int_lt_zero`: a negative exponent makes the exponents floats.
fn fix_int_lt_zero(x: &Value) -> PyResult<Value> {
    let a = numeric(x)?;
    if any_real(&a, |v| v < 0.0) {
        return numpy_binary(
            crate::engine::kernels::BinaryOp::Mul,
            &Value::Array(a),
            &Value::Float(1.0),
        );
    }
    Ok(Value::Array(a))
}
