//! Small NumPy namespace functions written in Python in NumPy
//! (issue 17 item 3): `isscalar`, `array_equiv`, `diagflat`, `nanprod`,
//! `isfortran`, `asarray_chkfinite`, `common_type`, `mintypecode`,
//! `typename`, and the window functions `hanning`, `hamming`,
//! `blackman`, `bartlett`, `kaiser`.
//!
//! Each replays NumPy's Python (`numpy/_core/numeric.py`,
//! `numpy/lib/_twodim_base_impl.py`, `_nanfunctions_impl.py`,
//! `_type_check_impl.py`, `_function_base_impl.py`) statement for
//! statement through slicelab's own `np.` functions and operators, so
//! dtypes, promotion, the digits of every float and the first error are
//! NumPy's.

use crate::engine::NdArray;
use crate::engine::dtype::{DType, Kind};
use crate::engine::kernels::{BinaryOp, CompareOp};

use super::error::{PyError, PyResult};
use super::ops::{numpy_binary, numpy_compare};
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::{TypeObj, Value};
use crate::eval::args::Args;
use crate::eval::convert::as_array;
use crate::eval::protocol::{iterate, truthy};
use crate::eval::session::Session;

/// This module's registry entries (`registry::tables`).
pub const ENTRIES: &[Entry] = &[
    func(
        "isscalar(element)",
        Style::Python,
        "element",
        Writes::Nothing,
    ),
    func(
        "array_equiv(a1, a2)",
        Style::Python,
        "a1 a2",
        Writes::Nothing,
    ),
    func("diagflat(v, k=0)", Style::Python, "v k", Writes::Nothing),
    func(
        "nanprod(a, axis=None, dtype=None, out=None, keepdims=<no value>, initial=<no value>, where=<no value>)",
        Style::Python,
        "a axis dtype out keepdims initial where",
        Writes::Out,
    ),
    func("isfortran(a)", Style::Python, "a", Writes::Nothing),
    func(
        "asarray_chkfinite(a, dtype=None, order=None)",
        Style::Python,
        "a dtype order",
        Writes::Nothing,
    ),
    func(
        "common_type(*arrays)",
        Style::Python,
        "arrays",
        Writes::Nothing,
    ),
    func(
        "mintypecode(typechars, typeset='GDFgdf', default='d')",
        Style::Python,
        "typechars typeset default",
        Writes::Nothing,
    ),
    func("typename(char)", Style::Python, "char", Writes::Nothing),
    func("hanning(M)", Style::Python, "M", Writes::Nothing),
    func("hamming(M)", Style::Python, "M", Writes::Nothing),
    func("blackman(M)", Style::Python, "M", Writes::Nothing),
    func("bartlett(M)", Style::Python, "M", Writes::Nothing),
    func("kaiser(M, beta)", Style::Python, "M beta", Writes::Nothing),
];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// Does this module answer `np.NAME`?
pub fn answers(name: &str) -> bool {
    ENTRIES.iter().any(|e| e.name() == name)
}

fn bin(op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    numpy_binary(op, a, b)
}

fn f(x: f64) -> Value {
    Value::Float(x)
}

/// Call one of this module's functions (the registry has bound `args`).
pub fn call(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    let arg = |k: usize, n: &str| args.req(k, n, name);
    match name {
        "isscalar" => Ok(Value::Bool(isscalar(arg(0, "element")?))),
        "array_equiv" => array_equiv(s, arg(0, "a1")?, arg(1, "a2")?),
        "diagflat" => diagflat(s, arg(0, "v")?, args.get(1, "k")),
        "nanprod" => nanprod(s, args),
        "isfortran" => match arg(0, "a")? {
            Value::Array(a) => Ok(Value::Bool(a.is_f_contiguous() && !a.is_c_contiguous())),
            other => Err(PyError::attribute(&other.type_name(), "flags")),
        },
        "asarray_chkfinite" => asarray_chkfinite(s, args),
        "common_type" => common_type(&args.pos),
        "mintypecode" => mintypecode(
            arg(0, "typechars")?,
            args.get(1, "typeset"),
            args.get(2, "default"),
        ),
        "typename" => typename(arg(0, "char")?),
        "kaiser" => kaiser(s, arg(0, "M")?, arg(1, "beta")?),
        _ => window(s, name, arg(0, "M")?),
    }
}

/// `np.isscalar`: NumPy scalars, and Python's numbers, str and bytes.
pub fn isscalar(v: &Value) -> bool {
    matches!(
        v,
        Value::Int(_)
            | Value::Float(_)
            | Value::Complex(..)
            | Value::Bool(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::NpScalar(..)
            | Value::Void(_)
    )
}

/// `array_equiv`: shapes that do not broadcast are not equivalent.
fn array_equiv(s: &mut Session, a1: &Value, a2: &Value) -> PyResult<Value> {
    let a1 = Value::Array(as_array(a1)?);
    let a2 = Value::Array(as_array(a2)?);
    if s.np("broadcast_shapes", vec![shape(&a1), shape(&a2)], vec![])
        .is_err()
    {
        return Ok(Value::Bool(false));
    }
    let eq = numpy_compare(CompareOp::Eq, &a1, &a2)?;
    let all = s.np("all", vec![eq], vec![])?;
    Ok(Value::Bool(truthy(&all)?))
}

fn shape(a: &Value) -> Value {
    match a {
        Value::Array(a) => Value::tuple(a.shape().iter().map(|&n| Value::Int(n as i128)).collect()),
        _ => Value::tuple(vec![]),
    }
}

/// `diagflat`: `v` flattened onto the `k`-th diagonal of a new square array.
fn diagflat(s: &mut Session, v: &Value, k: Option<&Value>) -> PyResult<Value> {
    let v = as_array(v)?;
    let k = match k {
        None => 0,
        Some(k) => crate::eval::coerce::int_arg(k, "")?,
    };
    let flat = crate::eval::reshaping::ravel(&v, crate::engine::Order::C)?;
    let n = flat.size();
    let side = (n as i64).saturating_add(k.saturating_abs());
    let dt = Value::DType(v.dtype().clone());
    let res = s.np(
        "zeros",
        vec![Value::tuple(vec![
            Value::Int(side.into()),
            Value::Int(side.into()),
        ])],
        vec![("dtype", dt)],
    )?;
    let Value::Array(res) = res else {
        return Ok(res);
    };
    let side = side as usize;
    let vals = flat.to_scalars();
    let mut out = res.to_scalars();
    for (i, x) in vals.into_iter().enumerate() {
        let (r, c) = if k >= 0 {
            (i, i + k as usize)
        } else {
            (i + k.unsigned_abs() as usize, i)
        };
        out[r * side + c] = x;
    }
    Ok(Value::Array(NdArray::from_scalars(
        &[side, side],
        v.dtype().clone(),
        &out,
    )?))
}

/// `nanprod`: NaNs replaced by one in a copy (`_replace_nan`), then `np.prod`.
fn nanprod(s: &mut Session, args: &Args) -> PyResult<Value> {
    let a = as_array(args.req(0, "a", "nanprod")?)?;
    let mut a = Value::Array(a.clone());
    if let Value::Array(arr) = &a
        && matches!(arr.dtype().kind(), Kind::Float | Kind::Complex)
    {
        let mask = s.np("isnan", vec![a.clone()], vec![])?;
        a = s.np("array", vec![a.clone()], vec![("copy", Value::Bool(true))])?;
        s.np(
            "copyto",
            vec![a.clone(), Value::Int(1)],
            vec![("where", mask)],
        )?;
    }
    let mut kw = Vec::new();
    for (i, n) in ["axis", "dtype", "out", "keepdims", "initial", "where"]
        .into_iter()
        .enumerate()
    {
        if let Some(v) = args.get(i + 1, n) {
            kw.push((n, v.clone()));
        }
    }
    s.np("prod", vec![a], kw)
}

/// `asarray_chkfinite`: `asarray`, then no inf or NaN in a float array.
fn asarray_chkfinite(s: &mut Session, args: &Args) -> PyResult<Value> {
    let mut kw = Vec::new();
    if let Some(d) = args.get(1, "dtype") {
        kw.push(("dtype", d.clone()));
    }
    if let Some(o) = args.get(2, "order") {
        kw.push(("order", o.clone()));
    }
    let a = s.np(
        "asarray",
        vec![args.req(0, "a", "asarray_chkfinite")?.clone()],
        kw,
    )?;
    if let Value::Array(arr) = &a
        && matches!(arr.dtype().kind(), Kind::Float | Kind::Complex)
    {
        let fin = s.np("isfinite", vec![a.clone()], vec![])?;
        if !truthy(&s.np("all", vec![fin], vec![])?)? {
            return Err(PyError::value("array must not contain infs or NaNs"));
        }
    }
    Ok(a)
}

fn type_value(dt: DType) -> Value {
    Value::Type(TypeObj::NpScalar(dt))
}

/// `common_type`: the float (or complex) type of the widest input;
/// integers count as float64.
fn common_type(arrays: &[Value]) -> PyResult<Value> {
    let mut complex = false;
    let mut precision = 0;
    for v in arrays {
        let a = match v {
            Value::Array(a) => a.clone(),
            // NumPy reads `a.dtype`: other objects are not arrays.
            other => return Err(PyError::attribute(&other.type_name(), "dtype")),
        };
        let dt = a.dtype().native();
        let p = match &dt {
            DType::Float16 => 0,
            DType::Float32 | DType::Complex64 => 1,
            DType::Float64 | DType::Complex128 => 2,
            d if matches!(d.kind(), Kind::Int | Kind::UInt) => 2,
            _ => {
                return Err(PyError::type_error(
                    "can't get common type for non-numeric array",
                ));
            }
        };
        complex |= dt.kind() == Kind::Complex;
        precision = precision.max(p);
    }
    Ok(type_value(match (complex, precision) {
        (false, 0) => DType::Float16,
        (false, 1) => DType::Float32,
        (false, _) => DType::Float64,
        (true, 1) => DType::Complex64,
        // `array_type[1][0]` is None: complex with half precision cannot
        // happen (complex inputs are at least single).
        (true, _) => DType::Complex128,
    }))
}

/// A value's `dtype.char` as `asarray(t).dtype.char` gives it.
fn type_char(v: &Value) -> PyResult<String> {
    let a = as_array(v)?;
    match crate::eval::dtype_attrs::dtype_attr(a.dtype(), "char")? {
        Value::Str(c) => Ok(c.to_string()),
        _ => Ok(String::new()),
    }
}

/// `mintypecode`: the smallest of `typeset`'s type codes every code given
/// casts to.
fn mintypecode(tc: &Value, typeset: Option<&Value>, default: Option<&Value>) -> PyResult<Value> {
    let items = match tc {
        Value::Str(s) => s.chars().map(|c| Value::str(&c.to_string())).collect(),
        other => iterate(other)?,
    };
    let mut codes = Vec::new();
    for t in &items {
        codes.push(match t {
            Value::Str(s) if !s.is_empty() => s.to_string(),
            other => type_char(other)?,
        });
    }
    let in_set = |c: &str| -> PyResult<bool> {
        Ok(match typeset {
            None => "GDFgdf".contains(c),
            Some(Value::Str(s)) => s.contains(c),
            Some(other) => iterate(other)?
                .iter()
                .any(|v| matches!(v, Value::Str(s) if s.as_ref() == c)),
        })
    };
    let mut inter: Vec<String> = Vec::new();
    for c in codes {
        if in_set(&c)? && !inter.contains(&c) {
            inter.push(c);
        }
    }
    if inter.is_empty() {
        return Ok(default.cloned().unwrap_or_else(|| Value::str("d")));
    }
    if inter.iter().any(|c| c == "F") && inter.iter().any(|c| c == "d") {
        return Ok(Value::str("D"));
    }
    const BY_SIZE: &str = "GDFgdfQqLlIiHhBb?";
    let mut best: Option<(usize, &String)> = None;
    for c in &inter {
        let i = BY_SIZE
            .find(c.as_str())
            .ok_or_else(|| PyError::value("substring not found"))?;
        if best.is_none_or(|(b, _)| i < b) {
            best = Some((i, c));
        }
    }
    Ok(Value::str(best.map(|(_, c)| c.as_str()).unwrap_or("d")))
}

/// `typename`: NumPy's description of a type code.
fn typename(c: &Value) -> PyResult<Value> {
    const NAMES: &[(&str, &str)] = &[
        ("S1", "character"),
        ("?", "bool"),
        ("b", "signed char"),
        ("B", "unsigned char"),
        ("h", "short"),
        ("H", "unsigned short"),
        ("i", "integer"),
        ("I", "unsigned integer"),
        ("l", "long integer"),
        ("L", "unsigned long integer"),
        ("q", "long long integer"),
        ("Q", "unsigned long long integer"),
        ("f", "single precision"),
        ("d", "double precision"),
        ("g", "long precision"),
        ("F", "complex single precision"),
        ("D", "complex double precision"),
        ("G", "complex long double precision"),
        ("S", "string"),
        ("U", "unicode"),
        ("V", "void"),
        ("O", "object"),
    ];
    match c {
        Value::Str(s) => match NAMES.iter().find(|(k, _)| *k == s.as_ref()) {
            Some((_, n)) => Ok(Value::str(n)),
            None => Err(PyError::new(
                "KeyError",
                crate::render::scalar_repr::py_str_repr(s),
            )),
        },
        Value::Int(i) => Err(PyError::new("KeyError", i.to_string())),
        _ => Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.typename takes a type code str",
        )),
    }
}

/// `values = np.array([0.0, *params])`: the parameters as float64 (or
/// complex) NumPy scalars.
fn params(s: &mut Session, ps: &[&Value]) -> PyResult<Vec<Value>> {
    let mut items = vec![f(0.0)];
    items.extend(ps.iter().map(|v| (*v).clone()));
    let values = s.np("array", vec![Value::list(items)], vec![])?;
    let a = as_array(&values)?;
    if !matches!(a.dtype().kind(), Kind::Float | Kind::Complex) {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's window functions take numbers",
        ));
    }
    let dt = a.dtype().native();
    Ok(a.to_scalars()
        .into_iter()
        .skip(1)
        .map(|sc| Value::NpScalar(dt.clone(), sc))
        .collect())
}

/// `hanning`, `hamming`, `blackman`, `bartlett`.
fn window(s: &mut Session, name: &str, m: &Value) -> PyResult<Value> {
    let m = params(s, &[m])?.remove(0);
    let dt = match &m {
        Value::NpScalar(dt, _) => Value::DType(dt.clone()),
        _ => Value::DType(DType::Float64),
    };
    if truthy(&numpy_compare(CompareOp::Lt, &m, &Value::Int(1))?)? {
        return s.np("array", vec![Value::list(vec![])], vec![("dtype", dt)]);
    }
    if truthy(&numpy_compare(CompareOp::Eq, &m, &Value::Int(1))?)? {
        return s.np("ones", vec![Value::Int(1)], vec![("dtype", dt)]);
    }
    let start = bin(BinaryOp::Sub, &Value::Int(1), &m)?;
    let n = s.np("arange", vec![start, m.clone(), Value::Int(2)], vec![])?;
    let m1 = bin(BinaryOp::Sub, &m, &Value::Int(1))?;
    let pi = f(std::f64::consts::PI);
    // cos(c * pi * n / (M - 1)), left to right as Python evaluates it.
    let cos_of = |s: &mut Session, c: Option<f64>| -> PyResult<Value> {
        let x = match c {
            Some(c) => bin(BinaryOp::Mul, &f(c), &pi)?,
            None => pi.clone(),
        };
        let x = bin(BinaryOp::Mul, &x, &n)?;
        let x = bin(BinaryOp::Div, &x, &m1)?;
        s.np("cos", vec![x], vec![])
    };
    match name {
        "hanning" | "hamming" => {
            let (a, b) = if name == "hanning" {
                (0.5, 0.5)
            } else {
                (0.54, 0.46)
            };
            let c = cos_of(s, None)?;
            bin(BinaryOp::Add, &f(a), &bin(BinaryOp::Mul, &f(b), &c)?)
        }
        "blackman" => {
            let c1 = cos_of(s, None)?;
            let c2 = cos_of(s, Some(2.0))?;
            let t = bin(BinaryOp::Add, &f(0.42), &bin(BinaryOp::Mul, &f(0.5), &c1)?)?;
            bin(BinaryOp::Add, &t, &bin(BinaryOp::Mul, &f(0.08), &c2)?)
        }
        _ => {
            let le = s.np("less_equal", vec![n.clone(), Value::Int(0)], vec![])?;
            let r = bin(BinaryOp::Div, &n, &m1)?;
            let up = bin(BinaryOp::Add, &Value::Int(1), &r)?;
            let down = bin(BinaryOp::Sub, &Value::Int(1), &r)?;
            s.np("where", vec![le, up, down], vec![])
        }
    }
}

/// `kaiser`: `i0(beta * sqrt(1 - ((n - alpha) / alpha)**2.0)) / i0(beta)`.
fn kaiser(s: &mut Session, m: &Value, beta: &Value) -> PyResult<Value> {
    let mut p = params(s, &[m, beta])?;
    let beta = p.remove(1);
    let m = p.remove(0);
    if truthy(&numpy_compare(CompareOp::Eq, &m, &Value::Int(1))?)? {
        let dt = match &m {
            Value::NpScalar(dt, _) => Value::DType(dt.clone()),
            _ => Value::DType(DType::Float64),
        };
        return s.np("ones", vec![Value::Int(1)], vec![("dtype", dt)]);
    }
    let n = s.np("arange", vec![Value::Int(0), m.clone()], vec![])?;
    let alpha = bin(
        BinaryOp::Div,
        &bin(BinaryOp::Sub, &m, &Value::Int(1))?,
        &f(2.0),
    )?;
    let r = bin(BinaryOp::Div, &bin(BinaryOp::Sub, &n, &alpha)?, &alpha)?;
    let r = bin(BinaryOp::Pow, &r, &f(2.0))?;
    let r = bin(BinaryOp::Sub, &Value::Int(1), &r)?;
    let r = s.np("sqrt", vec![r], vec![])?;
    let r = bin(BinaryOp::Mul, &beta, &r)?;
    let top = s.np("i0", vec![r], vec![])?;
    let bottom = s.np("i0", vec![beta], vec![])?;
    bin(BinaryOp::Div, &top, &bottom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_numbers_and_text() {
        assert!(isscalar(&Value::Int(1)));
        assert!(isscalar(&Value::str("a")));
        assert!(!isscalar(&Value::None));
    }
}
