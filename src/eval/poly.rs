//! The legacy polynomial functions of `numpy/lib/_polynomial_impl.py` on
//! coefficient arrays (highest power first): `polyval`, `polyadd`,
//! `polysub`, `polymul`, `polydiv`, `polyder`, `polyint`, `poly`.
//!
//! Each follows NumPy's Python step for step through slicelab's own array
//! operations, so dtypes, NEP 50 promotion and rounding come out as there
//! (`polyval` is Horner's `y = y * x + pv`, `polyint` divides by
//! `arange(len(p), 0, -1)`). `polymul` and `poly` convolve as
//! `_pyarray_correlate` does: the middle outputs summed in order from 0
//! (`small_correlate`, kernels of up to 11 taps), the partial overlaps at
//! both ends through the dtype's dot (`ddot`'s order for float64).
//! `np.poly1d` objects are not modelled (`np.poly1d` stays refused), and
//! what would need them or `linalg.eigvals` is refused.

use crate::engine::dtype::{DType, Kind};
use crate::engine::element::scalar_as_f64;
use crate::engine::index::{self, IndexItem, Indexed};
use crate::engine::kernels::{self, BinaryOp};
use crate::engine::promote::promote_types;
use crate::engine::{ArrayRef, NdArray, Scalar};

use super::error::{PyError, PyResult};
use super::ops::numpy_binary;
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::{int_arg, scalarize};
use crate::eval::convert::as_array;
use crate::eval::reshaping::concatenate;

/// This module's registry entries (`registry::tables`).
pub const ENTRIES: &[Entry] = &[
    func("polyval(p, x)", Style::Python, "p x", Writes::Nothing),
    func("polyadd(a1, a2)", Style::Python, "a1 a2", Writes::Nothing),
    func("polysub(a1, a2)", Style::Python, "a1 a2", Writes::Nothing),
    func("polymul(a1, a2)", Style::Python, "a1 a2", Writes::Nothing),
    func("polydiv(u, v)", Style::Python, "u v", Writes::Nothing),
    func("polyder(p, m=1)", Style::Python, "p m", Writes::Nothing),
    func(
        "polyint(p, m=1, k=None)",
        Style::Python,
        "p m k",
        Writes::Nothing,
    ),
    func(
        "poly(seq_of_zeros)",
        Style::Python,
        "seq_of_zeros",
        Writes::Nothing,
    ),
];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// Does this module answer `np.NAME`?
pub fn answers(name: &str) -> bool {
    ENTRIES.iter().any(|e| e.name() == name)
}

/// Call one of this module's functions (the registry has bound `args`).
pub fn call(name: &str, args: &Args) -> PyResult<Value> {
    let arg = |k: usize, n: &str| args.req(k, n, name);
    match name {
        "polyval" => polyval(arg(0, "p")?, arg(1, "x")?),
        "polyadd" => add_sub(arg(0, "a1")?, arg(1, "a2")?, BinaryOp::Add),
        "polysub" => add_sub(arg(0, "a1")?, arg(1, "a2")?, BinaryOp::Sub),
        "polymul" => polymul(arg(0, "a1")?, arg(1, "a2")?),
        "polydiv" => polydiv(arg(0, "u")?, arg(1, "v")?),
        "polyder" => {
            let m = order(args.get(1, "m"))?;
            if m < 0 {
                return Err(PyError::value(
                    "Order of derivative must be positive (see polyint)",
                ));
            }
            polyder(arg(0, "p")?, m)
        }
        "polyint" => polyint_call(arg(0, "p")?, args.get(1, "m"), args.get(2, "k")),
        _ => poly(arg(0, "seq_of_zeros")?),
    }
}

/// `int(m)`: floats truncate toward zero.
fn order(v: Option<&Value>) -> PyResult<i64> {
    match v {
        None => Ok(1),
        Some(Value::Float(f)) => Ok(f.trunc() as i64),
        Some(Value::NpScalar(_, Scalar::Float(f))) => Ok(f.trunc() as i64),
        Some(v) => int_arg(v, ""),
    }
}

/// `atleast_1d(v)`.
fn atleast_1d(v: &Value) -> PyResult<ArrayRef> {
    let a = as_array(v)?;
    Ok(if a.ndim() == 0 {
        NdArray::from_scalars(&[1], a.dtype().clone(), &[a.first()])?
    } else {
        a
    })
}

/// `a[k]` along the first axis: a NumPy scalar or a view.
fn item(a: &ArrayRef, k: usize) -> PyResult<Value> {
    Ok(match index::get(a, &[IndexItem::Int(k as i64)])? {
        Indexed::Array(v) => Value::Array(v),
        Indexed::Scalar(s) => Value::NpScalar(a.dtype().native(), s),
    })
}

/// `a[start:stop]` along the first axis (a view).
fn slice(a: &ArrayRef, start: Option<i64>, stop: Option<i64>) -> PyResult<ArrayRef> {
    match index::get(a, &[IndexItem::Slice(start, stop, None)])? {
        Indexed::Array(v) => Ok(v),
        Indexed::Scalar(_) => Err(PyError::type_error("a slice gave one element")),
    }
}

fn len_of(a: &ArrayRef) -> PyResult<usize> {
    a.shape()
        .first()
        .copied()
        .ok_or_else(|| PyError::type_error("len() of unsized object"))
}

/// `NX.arange(n, 0, -1)` as int64.
fn countdown(n: usize) -> PyResult<ArrayRef> {
    let vals: Vec<Scalar> = (1..=n).rev().map(|k| Scalar::Int(k as i64)).collect();
    Ok(NdArray::from_scalars(&[n], DType::Int64, &vals)?)
}

/// `np.polyval(p, x)`: Horner's scheme on `zeros_like(x)`.
fn polyval(p: &Value, x: &Value) -> PyResult<Value> {
    let p = as_array(p)?;
    let x = match x {
        Value::Array(a) => a.clone(),
        other => as_array(other)?,
    };
    if p.ndim() == 0 {
        return Err(PyError::type_error("iteration over a 0-d array"));
    }
    let mut y = Value::Array(NdArray::zeros(&x.shape(), x.dtype().native())?);
    let xv = Value::Array(x);
    for k in 0..p.shape()[0] {
        crate::engine::interrupt::check()?;
        let pv = item(&p, k)?;
        y = numpy_binary(BinaryOp::Add, &numpy_binary(BinaryOp::Mul, &y, &xv)?, &pv)?;
    }
    Ok(y)
}

/// `polyadd`/`polysub`: the shorter one padded with leading zeros.
fn add_sub(a1: &Value, a2: &Value, op: BinaryOp) -> PyResult<Value> {
    let (a1, a2) = (atleast_1d(a1)?, atleast_1d(a2)?);
    let (n1, n2) = (len_of(&a1)?, len_of(&a2)?);
    let pad = |a: &ArrayRef, n: usize| -> PyResult<ArrayRef> {
        let zr = NdArray::zeros(&[n], a.dtype().native())?;
        concatenate(&[zr, a.clone()], Some(0))
    };
    let (a1, a2) = match n2.cmp(&n1) {
        std::cmp::Ordering::Equal => (a1, a2),
        std::cmp::Ordering::Greater => (pad(&a1, n2 - n1)?, a2),
        std::cmp::Ordering::Less => {
            let p = pad(&a2, n1 - n2)?;
            (a1, p)
        }
    };
    numpy_binary(op, &Value::Array(a1), &Value::Array(a2))
}

/// `poly1d(a).coeffs`: 1-d, leading zeros trimmed, `[0]` if nothing is left.
fn coeffs(v: &Value) -> PyResult<ArrayRef> {
    let a = atleast_1d(v)?;
    if a.ndim() > 1 {
        return Err(PyError::value("Polynomial must be 1d only."));
    }
    let vals = a.to_scalars();
    let first = vals
        .iter()
        .position(|s| match s {
            Scalar::Complex(r, i) => *r != 0.0 || *i != 0.0,
            other => scalar_as_f64(other) != 0.0,
        })
        .unwrap_or(vals.len());
    let dt = a.dtype().native();
    if first == vals.len() {
        return Ok(NdArray::from_scalars(&[1], dt.clone(), &[zero(&dt)])?);
    }
    Ok(NdArray::from_scalars(
        &[vals.len() - first],
        dt,
        &vals[first..],
    )?)
}

fn zero(dt: &DType) -> Scalar {
    match dt.kind() {
        Kind::Bool => Scalar::Bool(false),
        Kind::Int => Scalar::Int(0),
        Kind::UInt => Scalar::UInt(0),
        Kind::Complex => Scalar::Complex(0.0, 0.0),
        _ => Scalar::Float(0.0),
    }
}

/// `np.polymul(a1, a2)`: `convolve(poly1d(a1), poly1d(a2))`.
fn polymul(a1: &Value, a2: &Value) -> PyResult<Value> {
    let (a, v) = (coeffs(a1)?, coeffs(a2)?);
    Ok(Value::Array(convolve(&a, &v)?))
}

/// `np.convolve(a, v)` (mode `'full'`) of two non-empty 1-d arrays.
fn convolve(a: &ArrayRef, v: &ArrayRef) -> PyResult<ArrayRef> {
    let dt = promote_types(&a.dtype().native(), &v.dtype().native())
        .ok_or_else(|| PyError::type_error("no common dtype for convolve"))?;
    let (a, v) = if v.size() > a.size() { (v, a) } else { (a, v) };
    let (n1, n2) = (a.size(), v.size());
    let n = n1 + n2 - 1;
    match dt.kind() {
        Kind::Int | Kind::UInt | Kind::Bool => {
            let x = kernels::cast(a, &DType::Int64)?.to_scalars();
            let k = kernels::cast(v, &DType::Int64)?.to_scalars();
            let int = |s: &Scalar| match s {
                Scalar::Int(i) => *i,
                other => scalar_as_f64(other) as i64,
            };
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                let mut sum = 0i64;
                for j in 0..n2 {
                    if i >= j && i - j < n1 {
                        sum = sum.wrapping_add(int(&x[i - j]).wrapping_mul(int(&k[j])));
                    }
                }
                out.push(Scalar::Int(sum));
            }
            let wide = NdArray::from_scalars(&[n], DType::Int64, &out)?;
            if dt == DType::Bool {
                return Err(PyError::new(
                    "NotImplementedError",
                    "slicelab does not implement np.polymul of bool coefficients",
                ));
            }
            Ok(kernels::cast(&wide, &dt)?)
        }
        Kind::Float if dt == DType::Float64 => {
            let f = |arr: &ArrayRef| -> PyResult<Vec<f64>> {
                Ok(kernels::cast(arr, &DType::Float64)?
                    .to_scalars()
                    .iter()
                    .map(scalar_as_f64)
                    .collect())
            };
            let x = f(a)?;
            // correlate(a, v[::-1]): the kernel reversed, contiguous.
            let mut k = f(v)?;
            k.reverse();
            let dot = |xs: &[f64], ks: &[f64]| -> PyResult<f64> {
                let xa = NdArray::from_scalars(
                    &[xs.len()],
                    DType::Float64,
                    &xs.iter().map(|&v| Scalar::Float(v)).collect::<Vec<_>>(),
                )?;
                let ka = NdArray::from_scalars(
                    &[ks.len()],
                    DType::Float64,
                    &ks.iter().map(|&v| Scalar::Float(v)).collect::<Vec<_>>(),
                )?;
                Ok(0.0 + super::products::float_dot(&xa, &ka)?)
            };
            let n_left = n2 - 1;
            let mut out = Vec::with_capacity(n);
            // Left edge: a[..m] against the kernel's last m taps.
            for m in 1..=n_left {
                out.push(dot(&x[..m], &k[n2 - m..])?);
            }
            for i in 0..=(n1 - n2) {
                crate::engine::interrupt::check()?;
                if n2 <= 11 {
                    let mut sum = 0.0;
                    for j in 0..n2 {
                        sum += x[i + j] * k[j];
                    }
                    out.push(sum);
                } else {
                    out.push(dot(&x[i..i + n2], &k)?);
                }
            }
            // Right edge: the last m elements of a against the first taps.
            for m in (1..n2).rev() {
                out.push(dot(&x[n1 - m..], &k[..m])?);
            }
            let vals: Vec<Scalar> = out.into_iter().map(Scalar::Float).collect();
            Ok(NdArray::from_scalars(&[n], DType::Float64, &vals)?)
        }
        _ => Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab convolves only integer and float64 coefficients, not {}",
                dt.name()
            ),
        )),
    }
}

/// `np.polydiv(u, v)` on float64 coefficients, as `_polynomial_impl.py`.
fn polydiv(u: &Value, v: &Value) -> PyResult<Value> {
    let as_f64 = |x: &Value| -> PyResult<Vec<f64>> {
        let a = atleast_1d(x)?;
        if !matches!(a.dtype().kind(), Kind::Bool | Kind::Int | Kind::UInt)
            && a.dtype().native() != DType::Float64
        {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab's np.polydiv takes integer or float64 coefficients, not {}",
                    a.dtype().name()
                ),
            ));
        }
        if a.ndim() != 1 {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab's np.polydiv takes 1-d coefficients",
            ));
        }
        Ok(kernels::cast(&a, &DType::Float64)?
            .to_scalars()
            .iter()
            .map(scalar_as_f64)
            .collect())
    };
    let (u, v) = (as_f64(u)?, as_f64(v)?);
    let (m, n) = (u.len() as i64 - 1, v.len() as i64 - 1);
    if m < 0 || n < 0 {
        return Err(PyError::new(
            "IndexError",
            "index 0 is out of bounds for axis 0 with size 0",
        ));
    }
    let scale = 1.0 / v[0];
    let steps = (m - n + 1).max(0) as usize;
    let mut q = vec![0.0; steps.max(1)];
    let mut r = u;
    for k in 0..steps {
        let d = scale * r[k];
        q[k] = d;
        for (j, vj) in v.iter().enumerate() {
            r[k + j] -= d * vj;
        }
    }
    // allclose(r[0], 0, rtol=1e-14): |r0| <= 1e-8 (NaN is never close).
    let mut start = 0;
    while r.len() - start > 1 && r[start].abs() <= 1e-8 {
        start += 1;
    }
    let arr = |xs: &[f64]| -> PyResult<Value> {
        let vals: Vec<Scalar> = xs.iter().map(|&x| Scalar::Float(x)).collect();
        Ok(Value::Array(NdArray::from_scalars(
            &[xs.len()],
            DType::Float64,
            &vals,
        )?))
    };
    Ok(Value::tuple(vec![arr(&q)?, arr(&r[start..])?]))
}

/// `np.polyder(p, m)`: `p[:-1] * arange(n, 0, -1)`, `m` times.
fn polyder(p: &Value, m: i64) -> PyResult<Value> {
    let a = match p {
        Value::Array(a) => a.clone(),
        other => as_array(other)?,
    };
    if m == 0 {
        return Ok(match p {
            Value::Array(_) => p.clone(),
            _ => Value::Array(a),
        });
    }
    let n = len_of(&a)?;
    let head = slice(&a, None, Some(-1))?;
    let y = numpy_binary(
        BinaryOp::Mul,
        &Value::Array(head),
        &Value::Array(countdown(n.saturating_sub(1))?),
    )?;
    polyder(&y, m - 1)
}

fn polyint_call(p: &Value, m: Option<&Value>, k: Option<&Value>) -> PyResult<Value> {
    let m = order(m)?;
    if m < 0 {
        return Err(PyError::value(
            "Order of integral must be positive (see polyder)",
        ));
    }
    let mu = m as usize;
    let k = match k {
        None | Some(Value::None) => NdArray::zeros(&[mu], DType::Float64)?,
        Some(v) => atleast_1d(v)?,
    };
    let k = if k.ndim() == 1 && k.size() == 1 && m > 1 {
        let k0 = Value::NpScalar(k.dtype().native(), k.first());
        as_array(&numpy_binary(
            BinaryOp::Mul,
            &k0,
            &Value::Array(NdArray::from_scalars(
                &[mu],
                DType::Float64,
                &vec![Scalar::Float(1.0); mu],
            )?),
        )?)?
    } else {
        k
    };
    if len_of(&k)? < mu {
        return Err(PyError::value(
            "k must be a scalar or a rank-1 array of length 1 or >m.",
        ));
    }
    polyint(p, m, &k)
}

/// `np.polyint(p, m, k)` once `k` is an array of at least `m` constants.
fn polyint(p: &Value, m: i64, k: &ArrayRef) -> PyResult<Value> {
    let a = match p {
        Value::Array(a) => a.clone(),
        other => as_array(other)?,
    };
    if m == 0 {
        return Ok(match p {
            Value::Array(_) => p.clone(),
            _ => Value::Array(a),
        });
    }
    let n = len_of(&a)?;
    let divided = as_array(&numpy_binary(
        BinaryOp::Div,
        &Value::Array(a),
        &Value::Array(countdown(n)?),
    )?)?;
    let k0 = atleast_1d(&item(k, 0)?)?;
    let k0 = NdArray::from_scalars(&[1], k0.dtype().native(), &[k0.first()])?;
    let y = concatenate(&[divided, k0], Some(0))?;
    let rest = slice(k, Some(1), None)?;
    polyint(&Value::Array(y), m - 1, &rest)
}

/// `np.poly(seq_of_zeros)` from 1-d roots or a matrix's eigenvalues.
fn poly(seq: &Value) -> PyResult<Value> {
    let iterable = match seq {
        Value::List(_) | Value::Tuple(_) => true,
        Value::Array(a) => a.ndim() > 0,
        _ => false,
    };
    if !iterable {
        return Err(PyError::type_error(
            "dispatcher for __array_function__ did not return an iterable",
        ));
    }
    let mut a = atleast_1d(seq)?;
    let sh = a.shape();
    if sh.len() == 2 && sh[0] == sh[1] && sh[0] != 0 {
        // The characteristic polynomial: the matrix's eigenvalues as roots.
        let w = super::np_linalg::eigvals_of(Value::Array(a))?;
        a = atleast_1d(&w)?;
    }
    let sh = a.shape();
    if sh.len() != 1 {
        return Err(PyError::value(
            "input must be 1d or non-empty square 2d array.",
        ));
    }
    // mintypecode: float32/complex keep their type, everything else is
    // float64; slicelab convolves float64 only.
    let dt = a.dtype().native();
    if matches!(dt, DType::Float32 | DType::Complex64 | DType::Complex128) {
        return Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab's np.poly takes real roots computed in float64, not {}",
                dt.name()
            ),
        ));
    }
    if sh[0] == 0 {
        return Ok(Value::Float(1.0));
    }
    let roots = kernels::cast(&a, &DType::Float64)?.to_scalars();
    let mut acc = NdArray::from_scalars(&[1], DType::Float64, &[Scalar::Float(1.0)])?;
    for z in &roots {
        let factor = NdArray::from_scalars(
            &[2],
            DType::Float64,
            &[Scalar::Float(1.0), Scalar::Float(-scalar_as_f64(z))],
        )?;
        acc = convolve(&acc, &factor)?;
    }
    Ok(scalarize(acc))
}
