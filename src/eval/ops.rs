//! Operators: Python's on Python values, NumPy's ufunc rules (NEP 50
//! promotion, broadcasting, 0-d results as scalars) when an array or NumPy
//! scalar takes part.

use crate::engine::dtype::{DType, Kind};
use crate::engine::kernels::{self, BinaryOp, CompareOp};
use crate::engine::promote::{
    PyScalarKind, can_cast_same_kind, promote_types, promote_with_py_scalar,
};
use crate::engine::{ArrayRef, NdArray, Scalar};
use crate::render::dtype_repr;
use crate::syntax::ast;

use super::convert::{check_int_fits, to_array, to_scalar_for};
use super::error::{PyError, PyResult};
use super::value::Value;
use std::rc::Rc;

/// An operand of a NumPy operation.
enum Operand {
    /// An array (NumPy scalars become 0-d arrays): its dtype is strong.
    Strong(ArrayRef, bool),
    /// A Python scalar: weak under NEP 50.
    Weak(PyScalarKind, Value),
}

/// Is this value NumPy's business (so the operator is a ufunc)?
pub fn is_numpy(v: &Value) -> bool {
    matches!(v, Value::Array(_) | Value::NpScalar(..) | Value::Void(_))
}

fn operand(v: &Value) -> PyResult<Operand> {
    Ok(match v {
        Value::Array(a) => Operand::Strong(a.clone(), false),
        Value::NpScalar(dt, s) => Operand::Strong(
            NdArray::from_scalars(&[], dt.clone(), std::slice::from_ref(s))?,
            true,
        ),
        Value::Void(a) => Operand::Strong(a.clone(), true),
        Value::Bool(_) => Operand::Weak(PyScalarKind::Bool, v.clone()),
        Value::Int(_) | Value::BigInt(_) => Operand::Weak(PyScalarKind::Int, v.clone()),
        Value::Float(_) => Operand::Weak(PyScalarKind::Float, v.clone()),
        Value::Complex(..) => Operand::Weak(PyScalarKind::Complex, v.clone()),
        Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) => Operand::Strong(
            to_array(v, None)?,
            matches!(v, Value::Str(_) | Value::Bytes(_)),
        ),
        other if super::pydatetime_ops::of(other).is_some() => {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab does not implement NumPy operations with a {} yet",
                    other.type_name()
                ),
            ));
        }
        other => {
            return Err(PyError::type_error(format!(
                "unsupported operand type: '{}'",
                other.type_name()
            )));
        }
    })
}

fn weak_dtype(kind: PyScalarKind) -> DType {
    match kind {
        PyScalarKind::Bool => DType::Bool,
        PyScalarKind::Int => DType::Int64,
        PyScalarKind::Float => DType::Float64,
        PyScalarKind::Complex => DType::Complex128,
    }
}

/// Materialise an operand as an array of `dtype`.
fn realise(op: &Operand, dtype: &DType) -> PyResult<ArrayRef> {
    match op {
        Operand::Strong(a, _) => Ok(kernels::cast(a, dtype)?),
        Operand::Weak(_, v) => {
            if let Value::Int(i) = v
                && dtype.is_integer()
            {
                check_int_fits(*i, dtype)?;
            }
            if let Value::BigInt(_) = v
                && (dtype.is_integer() || *dtype == DType::Bool)
            {
                return Err(PyError::overflow(
                    "Python int too large to convert to C long",
                ));
            }
            let s = to_scalar_for(v, &DType::Float64).or_else(|_| to_scalar_for(v, dtype))?;
            let s = match v {
                Value::Int(i) => crate::eval::convert::int_scalar(*i, dtype.kind()),
                _ => s,
            };
            Ok(NdArray::from_scalars(&[], dtype.clone(), &[s])?)
        }
    }
}

fn is_scalarish(op: &Operand) -> bool {
    match op {
        Operand::Strong(a, scalar) => *scalar || a.ndim() == 0,
        Operand::Weak(..) => true,
    }
}

/// The common dtype of two operands, NEP 50 style.
fn result_dtype(a: &Operand, b: &Operand, ufunc: &str) -> PyResult<DType> {
    let dt = match (a, b) {
        (Operand::Strong(x, _), Operand::Strong(y, _)) => promote_types(x.dtype(), y.dtype()),
        (Operand::Strong(x, _), Operand::Weak(k, _))
        | (Operand::Weak(k, _), Operand::Strong(x, _)) => {
            if matches!(x.dtype().kind(), Kind::Str | Kind::Bytes | Kind::Void) {
                None
            } else {
                Some(promote_with_py_scalar(x.dtype(), *k))
            }
        }
        (Operand::Weak(k1, _), Operand::Weak(k2, _)) => {
            promote_types(&weak_dtype(*k1), &weak_dtype(*k2))
        }
    };
    dt.ok_or_else(|| {
        let name = |o: &Operand| match o {
            Operand::Strong(x, _) => dtype_repr(x.dtype()),
            Operand::Weak(k, _) => dtype_repr(&weak_dtype(*k)),
        };
        PyError::new(
            "UFuncTypeError",
            format!("ufunc '{ufunc}' did not contain a loop with signature matching types ({}, {}) -> None", name(a), name(b)),
        )
    })
    .map_err(|e| PyError::type_error(e.message))
}

/// A result laid out as NumPy's ufunc allocates it: in the order its
/// iterator walks the array operands as given, before any cast (see
/// `engine::kept_order`).
fn kept_order(out: ArrayRef, x: &Operand, y: &Operand) -> PyResult<ArrayRef> {
    let arrays: Vec<&NdArray> = [x, y]
        .into_iter()
        .filter_map(|o| match o {
            Operand::Strong(a, _) => Some(&**a),
            Operand::Weak(..) => None,
        })
        .collect();
    Ok(crate::engine::kept_order::kept_like(out, &arrays)?)
}

fn wrap_result(out: ArrayRef, scalar: bool) -> Value {
    if scalar && out.ndim() == 0 {
        Value::NpScalar(out.dtype().native(), out.first())
    } else {
        Value::Array(out)
    }
}

fn to_binary_op(op: ast::BinOp) -> Option<BinaryOp> {
    use ast::BinOp as B;
    Some(match op {
        B::Add => BinaryOp::Add,
        B::Sub => BinaryOp::Sub,
        B::Mul => BinaryOp::Mul,
        B::Div => BinaryOp::Div,
        B::FloorDiv => BinaryOp::FloorDiv,
        B::Mod => BinaryOp::Mod,
        B::Pow => BinaryOp::Pow,
        B::BitAnd => BinaryOp::And,
        B::BitOr => BinaryOp::Or,
        B::BitXor => BinaryOp::Xor,
        B::LShift => BinaryOp::LShift,
        B::RShift => BinaryOp::RShift,
        B::MatMul => return None,
    })
}

/// The compute dtype of `op` for operands of dtype `dt`.
fn compute_dtype(op: BinaryOp, dt: DType) -> DType {
    match op {
        BinaryOp::Div if matches!(dt.kind(), Kind::Bool | Kind::Int | Kind::UInt) => DType::Float64,
        // NumPy has no boolean `//`, `%` or `**` loop: two bools take
        // the int8 one (`bb->b`).
        BinaryOp::FloorDiv | BinaryOp::Mod | BinaryOp::Pow if dt == DType::Bool => DType::Int8,
        _ => dt,
    }
}

/// A NumPy binary operation `a op b`, as a new value.
pub fn numpy_binary(op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    if super::object_array::is_object_array(a) || super::object_array::is_object_array(b) {
        return super::object_array::binary(op, a, b);
    }
    if crate::eval::datetime_convert::involves_time(a)
        || crate::eval::datetime_convert::involves_time(b)
    {
        return super::datetime::binary(op, a, b);
    }
    if let Some(r) = super::strings::operator(op, a, b) {
        return r;
    }
    binary_parts(op, a, b, true).map(|(v, _)| v)
}

/// A Python operator between NumPy values (`a / 0`, `np.int8(127) + 1`):
/// the operation, then its floating-point errors under NumPy's names for
/// them. Between scalars (no array on either side) NumPy's scalar math
/// runs, and says so (`scalar divide`) and checks integers for overflow;
/// `array ** 2`, `** -1` and `** 0.5` run `square`, `reciprocal` and
/// `sqrt`.
pub fn numpy_operator(op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    if super::object_array::is_object_array(a) || super::object_array::is_object_array(b) {
        return super::object_array::binary(op, a, b);
    }
    if crate::eval::datetime_convert::involves_time(a)
        || crate::eval::datetime_convert::involves_time(b)
    {
        return super::datetime::binary(op, a, b);
    }
    if let Some(r) = super::strings::operator(op, a, b) {
        return r;
    }
    if super::void_ufuncs::is_void(a) || super::void_ufuncs::is_void(b) {
        return Err(void_operator(op, a, b));
    }
    // NumPy's scalar math runs only between NumPy and Python scalars; a
    // list on either side becomes an array first.
    let scalar = |v: &Value| {
        matches!(
            v,
            Value::NpScalar(..)
                | Value::Int(_)
                | Value::BigInt(_)
                | Value::Float(_)
                | Value::Bool(_)
                | Value::Complex(..)
        )
    };
    let scalar_math = scalar(a) && scalar(b);
    let (value, (xa, ya, out)) = match fast_power(op, a, b)? {
        Some(parts) => parts,
        None => binary_parts(op, a, b, !scalar_math)?,
    };
    if !super::fp_errors::wanted() {
        return Ok(value);
    }
    let name = match (op, a) {
        (BinaryOp::Pow, Value::Array(base)) => {
            let inexact = matches!(base.dtype().kind(), Kind::Float | Kind::Complex);
            match super::fp_errors::power_name(b) {
                "square" => "square",
                fast if inexact => fast,
                _ => "power",
            }
        }
        _ => op.ufunc_name(),
    };
    let what = if scalar_math {
        format!("scalar {name}")
    } else {
        name.to_string()
    };
    super::fp_errors::after_elementwise(name, &what, &[&xa, &ya], &out)?;
    if scalar_math && out.dtype().is_integer() {
        let (Scalar::Int(_) | Scalar::UInt(_), Scalar::Int(_) | Scalar::UInt(_)) =
            (xa.first(), ya.first())
        else {
            return Ok(value);
        };
        let int = |s: Scalar| match s {
            Scalar::Int(i) => i as i128,
            Scalar::UInt(u) => u as i128,
            _ => 0,
        };
        let (p, q) = (int(xa.first()), int(ya.first()));
        let exact = match op {
            BinaryOp::Add => Some(p + q),
            BinaryOp::Sub => Some(p - q),
            BinaryOp::Mul => p.checked_mul(q),
            BinaryOp::FloorDiv if q != 0 => {
                let d = p / q;
                Some(d - i128::from(p % q != 0 && (p < 0) != (q < 0)))
            }
            _ => None,
        };
        if let Some(exact) = exact {
            super::fp_errors::scalar_int_overflow(&what, exact, out.dtype())?;
        }
    }
    Ok(value)
}

/// NumPy's `fast_scalar_power` (`number.c`): an array to the exact
/// Python int `2` is `np.square` of it, whatever its dtype (so a bool
/// array squares in int8), and a float or complex array to the exact
/// Python float `0.5` is `np.sqrt` (so `-0.0 ** 0.5` is `-0.0`, `-inf **
/// 0.5` nan, and `(-4+0j) ** 0.5` exactly `2j`). `** -1` is `reciprocal`,
/// which for floats is `1 / x`, as the power loop computes it already.
/// Gives the operation's parts as `binary_parts` does, or None.
#[allow(clippy::type_complexity)]
fn fast_power(
    op: BinaryOp,
    a: &Value,
    b: &Value,
) -> PyResult<Option<(Value, (ArrayRef, ArrayRef, ArrayRef))>> {
    let Value::Array(base) = a else {
        return Ok(None);
    };
    if op != BinaryOp::Pow || !base.dtype().is_numeric() {
        return Ok(None);
    }
    match (super::fp_errors::power_name(b), base.dtype().native()) {
        ("square", dt) => {
            let x = match dt {
                DType::Bool => Value::Array(kernels::cast(base, &DType::Int8)?),
                _ => a.clone(),
            };
            binary_parts(BinaryOp::Mul, &x, &x, true).map(Some)
        }
        ("sqrt", dt @ (DType::Float64 | DType::Float32 | DType::Complex64 | DType::Complex128)) => {
            let x = kernels::to_native(base)?;
            let out = match super::complex_fns::complex_ufunc(&x, "sqrt") {
                Some(r) => r?,
                None => float_sqrt(&x)?,
            };
            let value = wrap_result(out.clone(), base.ndim() == 0);
            let half = NdArray::from_scalars(&[], dt, &[Scalar::Float(0.5)])?;
            Ok(Some((value, (x, half, out))))
        }
        ("reciprocal", dt @ (DType::Complex64 | DType::Complex128)) => {
            use crate::engine::cmath::creciprocal;
            let x = kernels::to_native(base)?;
            let vals: Vec<Scalar> = x
                .to_scalars()
                .iter()
                .map(|v| {
                    let Scalar::Complex(r, i) = *v else {
                        return v.clone();
                    };
                    let (r, i) = match dt {
                        DType::Complex64 => {
                            let (r, i) = creciprocal(r as f32, i as f32);
                            (f64::from(r), f64::from(i))
                        }
                        _ => creciprocal(r, i),
                    };
                    Scalar::Complex(r, i)
                })
                .collect();
            let out = NdArray::from_scalars(&x.shape(), dt.clone(), &vals)?;
            let value = wrap_result(out.clone(), base.ndim() == 0);
            let one = NdArray::from_scalars(&[], dt, &[Scalar::Float(-1.0)])?;
            Ok(Some((value, (x, one, out))))
        }
        _ => Ok(None),
    }
}

/// `np.sqrt` of a native float16/32/64 array, in its own type (float16
/// through float32's loop, as NumPy's half loops run).
fn float_sqrt(x: &ArrayRef) -> PyResult<ArrayRef> {
    Ok(match x.dtype() {
        // In the input's memory order, as the ufunc allocates it.
        DType::Float64 => crate::engine::kept_order::kept_like(
            super::complex_fns::unary_float(x, f64::sqrt)?,
            &[&**x],
        )?,
        DType::Float32 => super::complex_fns::unary_f32(x, "sqrt")?,
        dt => kernels::cast(
            &super::complex_fns::unary_f32(&kernels::cast(x, &DType::Float32)?, "sqrt")?,
            dt,
        )?,
    })
}

fn negative_int(s: &Scalar) -> bool {
    matches!(s, Scalar::Int(i) if *i < 0)
}

fn negative_power() -> PyError {
    PyError::value("Integers to negative integer powers are not allowed.")
}

/// `a **= e` of integers with a negative exponent: NumPy's power loop
/// raises at the first one, having written every element before it
/// (`a = [2, 3, 4]; a **= [2, -1, 2]` leaves `[4, 3, 4]`). Elements are
/// taken in C order, which is the loop's for a C-contiguous `a`; another
/// layout is refused before any write.
fn negative_power_in_place(target: &ArrayRef, exps: &ArrayRef, dt: &DType) -> PyResult<()> {
    let shape = target.shape();
    let layout = crate::engine::broadcast::broadcast_layout(&exps.layout(), &shape);
    let ys = exps.to_scalars_layout(&layout);
    let Some(k) = ys.iter().position(negative_int) else {
        return Ok(());
    };
    if k > 0 && target.is_c_contiguous() && target.writeable() {
        let xs = kernels::cast(target, dt)?.to_scalars();
        let bases = NdArray::from_scalars(&[k], dt.clone(), &xs[..k])?;
        let powers = NdArray::from_scalars(&[k], dt.clone(), &ys[..k])?;
        let head = kernels::binary(BinaryOp::Pow, &bases, &powers)?;
        let flat = crate::engine::Layout {
            shape: vec![k],
            strides: vec![target.dtype().itemsize() as isize],
            offset: target.layout().offset,
        };
        crate::engine::array::write_back(&head, &NdArray::view_with(target, flat))?;
    }
    Err(negative_power())
}

/// `a op b` with the arrays it was computed from and the result array.
#[allow(clippy::type_complexity)]
fn binary_parts(
    op: BinaryOp,
    a: &Value,
    b: &Value,
    ufunc_loop: bool,
) -> PyResult<(Value, (ArrayRef, ArrayRef, ArrayRef))> {
    let (x, y) = (operand(a)?, operand(b)?);
    let dt = compute_dtype(op, result_dtype(&x, &y, op.ufunc_name())?);
    if op == BinaryOp::Pow && dt.is_integer() {
        let yy = realise(&y, &dt)?;
        if yy.to_scalars().iter().any(negative_int) {
            return Err(negative_power());
        }
    }
    let (xa, ya) = (realise(&x, &dt)?, realise(&y, &dt)?);
    // NumPy's float power loop takes `sqrt` for an exponent of 0.5 that
    // is one value for the whole loop (`x ** np.float64(0.5)`,
    // `np.power(x, 0.5)`): `-0.0` stays `-0.0`, `-inf` gives nan.
    // (float16 runs float32's loop). NumPy's scalar math between two
    // scalars calls `pow` itself, so `np.float64(-0.0) ** 0.5` is `0.0`.
    let out = if op == BinaryOp::Pow
        && ufunc_loop
        && matches!(dt, DType::Float16 | DType::Float32 | DType::Float64)
        && ya.ndim() == 0
        && matches!(ya.first(), Scalar::Float(h) if h == 0.5)
    {
        float_sqrt(&xa)?
    } else {
        kernels::binary(op, &xa, &ya)?
    };
    let out = kept_order(out, &x, &y)?;
    let value = wrap_result(out.clone(), is_scalarish(&x) && is_scalarish(&y));
    Ok((value, (xa, ya, out)))
}

/// A NumPy comparison.
pub fn numpy_compare(op: CompareOp, a: &Value, b: &Value) -> PyResult<Value> {
    if super::object_array::is_object_array(a) || super::object_array::is_object_array(b) {
        return super::object_array::compare(op, a, b);
    }
    if crate::eval::datetime_convert::involves_time(a)
        || crate::eval::datetime_convert::involves_time(b)
    {
        return super::datetime::compare(op, a, b);
    }
    if let Some(r) = super::record_compare::compare(op, a, b) {
        return r;
    }
    // A Python object NumPy has no number for (`...`, a slice, a dict, a
    // function): a NumPy scalar gives up on `==`, so Python falls back to
    // identity; otherwise it is compared as an object element.
    if plain_object(a) || plain_object(b) {
        if matches!(op, CompareOp::Eq | CompareOp::Ne)
            && (matches!(a, Value::NpScalar(..) | Value::Void(_))
                || matches!(b, Value::NpScalar(..) | Value::Void(_)))
        {
            return Ok(Value::Bool(op == CompareOp::Ne));
        }
        return super::object_array::compare(op, a, b);
    }
    if none_operand(a) || none_operand(b) {
        // `None` has no comparison with arrays: Python asks the other
        // side's reflected operator, whose object loop names it first.
        if matches!(a, Value::None) && !matches!(b, Value::None) {
            return numpy_compare(op.reflected(), b, a);
        }
        // A NumPy scalar meets a bare `None` by identity: a Python bool.
        if matches!(op, CompareOp::Eq | CompareOp::Ne)
            && matches!((a, b), (Value::NpScalar(..), Value::None))
        {
            return Ok(Value::Bool(op == CompareOp::Ne));
        }
        return super::object_array::compare(op, a, b);
    }
    let (x, y) = (operand(a)?, operand(b)?);
    let dt = match result_dtype(&x, &y, "equal") {
        Ok(d) => d,
        Err(e) => {
            if matches!(op, CompareOp::Eq | CompareOp::Ne) {
                // NumPy answers == / != between unrelated types elementwise.
                let shape = match (&x, &y) {
                    (Operand::Strong(a, _), _) | (_, Operand::Strong(a, _)) => a.shape(),
                    _ => vec![],
                };
                let arr = NdArray::zeros(&shape, DType::Bool)?;
                if op == CompareOp::Ne {
                    let ones = NdArray::from_scalars(&[], DType::Bool, &[Scalar::Bool(true)])?;
                    crate::engine::index::set(
                        &arr,
                        &[crate::engine::index::IndexItem::Ellipsis],
                        &ones,
                    )?;
                }
                return Ok(wrap_result(arr, is_scalarish(&x) && is_scalarish(&y)));
            }
            return Err(PyError::type_error(
                e.message.replace("'equal'", &format!("'{}'", cmp_name(op))),
            ));
        }
    };
    if let Some(known) = beyond_int_range(op, &x, &y, &dt)? {
        return Ok(known);
    }
    let (xa, ya) = (realise(&x, &dt)?, realise(&y, &dt)?);
    let out = kernels::compare(op, &xa, &ya)?;
    let out = kept_order(out, &x, &y)?;
    Ok(wrap_result(out, is_scalarish(&x) && is_scalarish(&y)))
}

/// An integer array compared with a Python int its dtype cannot hold
/// (`uint8_image < 300`, `a == 2**64`): NumPy 2 answers from the int's
/// side of the range alone — every element is below an int above the
/// maximum — instead of casting it. `None` when that is not the case.
fn beyond_int_range(
    op: CompareOp,
    x: &Operand,
    y: &Operand,
    dt: &DType,
) -> PyResult<Option<Value>> {
    let Some((lo, hi)) = dt.int_range() else {
        return Ok(None);
    };
    let (array, int, int_first) = match (x, y) {
        (Operand::Strong(a, _), Operand::Weak(_, Value::Int(i))) => (a, *i, false),
        (Operand::Weak(_, Value::Int(i)), Operand::Strong(a, _)) => (a, *i, true),
        // Past i128 only the side of the range matters: saturate.
        (Operand::Strong(a, _), Operand::Weak(_, Value::BigInt(b))) => (a, saturated(b), false),
        (Operand::Weak(_, Value::BigInt(b)), Operand::Strong(a, _)) => (a, saturated(b), true),
        _ => return Ok(None),
    };
    // Only an integer array's own loop knows the range (a bool array
    // compares in int64, where the int must fit).
    let integer = matches!(
        array.dtype().native().kind(),
        crate::engine::dtype::Kind::Int | crate::engine::dtype::Kind::UInt
    );
    if !integer || (lo..=hi).contains(&int) {
        return Ok(None);
    }
    let above = int > hi;
    // `array op int`; with the int first the order flips.
    let array_below = |below: bool| if int_first { !below } else { below };
    let answer = match op {
        CompareOp::Eq => false,
        CompareOp::Ne => true,
        CompareOp::Lt | CompareOp::Le => array_below(above),
        CompareOp::Gt | CompareOp::Ge => array_below(!above),
    };
    let out = NdArray::zeros(&array.shape(), DType::Bool)?;
    if answer {
        let yes = NdArray::from_scalars(&[], DType::Bool, &[Scalar::Bool(true)])?;
        crate::engine::index::set(&out, &[crate::engine::index::IndexItem::Ellipsis], &yes)?;
    }
    let out = kept_order(out, x, y)?;
    Ok(Some(wrap_result(out, is_scalarish(x) && is_scalarish(y))))
}

/// A big int as the i128 at the end of the range on its side.
fn saturated(b: &num_bigint::BigInt) -> i128 {
    if b.sign() == num_bigint::Sign::Minus {
        i128::MIN
    } else {
        i128::MAX
    }
}

fn cmp_name(op: CompareOp) -> &'static str {
    match op {
        CompareOp::Eq => "equal",
        CompareOp::Ne => "not_equal",
        CompareOp::Lt => "less",
        CompareOp::Le => "less_equal",
        CompareOp::Gt => "greater",
        CompareOp::Ge => "greater_equal",
    }
}

/// `target op= value` on an array: computed into the array's own memory,
/// refused when the result type cannot be cast back (`same_kind`).
pub fn numpy_inplace(op: BinaryOp, target: &ArrayRef, value: &Value) -> PyResult<()> {
    if *target.dtype() == DType::Object {
        return super::object_array::inplace(op, target, value);
    }
    if super::object_array::is_object_array(value) {
        return Err(PyError::new(
            "NotImplementedError",
            "an in-place operator with an object array operand is not supported in slicelab",
        ));
    }
    if crate::eval::datetime_convert::is_time_dtype(target.dtype())
        || crate::eval::datetime_convert::involves_time(value)
    {
        return super::datetime_routines::inplace(op, target, value);
    }
    if let Some((_, (xa, ya, out))) = fast_power(op, &Value::Array(target.clone()), value)? {
        // `a **= 2` is `np.square(a, out=a)`, `a **= 0.5` `np.sqrt`.
        let name = super::fp_errors::power_name(value);
        if !can_cast_same_kind(out.dtype(), target.dtype()) {
            return Err(PyError::type_error(format!(
                "Cannot cast ufunc '{name}' output from {} to {} with casting rule 'same_kind'",
                dtype_repr(out.dtype()),
                dtype_repr(target.dtype())
            )));
        }
        if !target.writeable() {
            return Err(PyError::value("output array is read-only"));
        }
        // The inputs are read before the write (they may be `target`
        // itself); NumPy writes, then reports.
        let errors = match super::fp_errors::wanted() {
            true => super::fp_errors::after_elementwise(name, name, &[&xa, &ya], &out),
            false => Ok(()),
        };
        crate::engine::array::write_back(&out, target)?;
        return errors;
    }
    let x = Operand::Strong(target.clone(), false);
    let y = operand(value)?;
    let dt = compute_dtype(op, result_dtype(&x, &y, op.ufunc_name())?);
    kernels::has_loop(op, &dt)?;
    if !can_cast_same_kind(&dt, target.dtype()) {
        return Err(PyError::type_error(format!(
            "Cannot cast ufunc '{}' output from {} to {} with casting rule 'same_kind'",
            op.ufunc_name(),
            dtype_repr(&dt),
            dtype_repr(target.dtype())
        )));
    }
    if !target.writeable() {
        return Err(PyError::value("output array is read-only"));
    }
    let ya = realise(&y, &dt)?;
    // The operand as it was, for working out floating-point errors after
    // the loop has written (NumPy checks its flags after writing too).
    let before = if super::fp_errors::wanted() {
        Some(kernels::cast(
            &target.copy(crate::engine::array::Order::C)?,
            &dt,
        )?)
    } else {
        None
    };
    let shape = target.shape();
    // `x op= y` is the ufunc with `out=x`: x, y and x again are its operands.
    crate::engine::broadcast::check_operands(&[&shape, &ya.shape()], Some(&shape))?;
    // Only now is `ya` known to broadcast to the target's shape.
    if op == BinaryOp::Pow && dt.is_integer() {
        negative_power_in_place(target, &ya, &dt)?;
    }
    if crate::engine::array::may_self_overlap(&target.layout(), target.dtype().itemsize()) {
        // Every input is read before any output is written, as NumPy's
        // temporary does.
        let xa = kernels::cast(&target.copy(crate::engine::array::Order::C)?, &dt)?;
        let out = kernels::binary(op, &xa, &ya)?;
        crate::engine::array::write_back(&out, target)?;
    } else if &dt == target.dtype() {
        kernels::binary_into(op, target, &ya, target)?;
    } else {
        let xa = kernels::cast(target, &dt)?;
        let out = kernels::binary(op, &xa, &ya)?;
        crate::engine::array::copy_elements(&out, target)?;
    }
    if let Some(xa) = before {
        let name = op.ufunc_name();
        super::fp_errors::after_elementwise(name, name, &[&xa, &ya], target)?;
    }
    Ok(())
}

/// The engine op for an AST operator (None for `@`).
pub fn engine_op(op: ast::BinOp) -> Option<BinaryOp> {
    to_binary_op(op)
}

/// The engine comparison for an AST comparison (None for is/in).
pub fn engine_cmp(op: ast::CmpOp) -> Option<CompareOp> {
    use ast::CmpOp as C;
    Some(match op {
        C::Eq => CompareOp::Eq,
        C::Ne => CompareOp::Ne,
        C::Lt => CompareOp::Lt,
        C::Le => CompareOp::Le,
        C::Gt => CompareOp::Gt,
        C::Ge => CompareOp::Ge,
        _ => return None,
    })
}

fn as_num(v: &Value) -> Option<f64> {
    match v {
        Value::Bool(b) => Some(*b as u8 as f64),
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

fn as_int(v: &Value) -> Option<i128> {
    match v {
        Value::Bool(b) => Some(*b as i128),
        Value::Int(i) => Some(*i),
        _ => None,
    }
}

fn unsupported(sym: &str, a: &Value, b: &Value) -> PyError {
    if let (Value::Str(_) | Value::List(_) | Value::Tuple(_), "+") = (a, sym) {
        // CPython's sequence concatenation names the operand it refused.
        return PyError::type_error(format!(
            "can only concatenate {} (not \"{}\") to {}",
            a.type_name(),
            b.type_name(),
            a.type_name()
        ));
    }
    if sym == "*" {
        // A sequence repeats by an int only (CPython's `sq_repeat`), and
        // names the other operand's type.
        let sequence = |v: &Value| matches!(v, Value::Str(_) | Value::List(_) | Value::Tuple(_));
        let other = if sequence(a) {
            Some(b)
        } else if sequence(b) {
            Some(a)
        } else {
            None
        };
        if let Some(other) = other {
            return PyError::type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                other.type_name()
            ));
        }
    }
    PyError::type_error(format!(
        "unsupported operand type(s) for {sym}: '{}' and '{}'",
        a.type_name(),
        b.type_name()
    ))
}

/// A binary operator where one operand is a big int (`Value::BigInt`):
/// exact with another int; with a float or complex the big int converts
/// to float first (OverflowError past float range), as CPython's
/// `float_add` and friends convert it. `None` when neither is big.
fn with_big_int(op: ast::BinOp, sym: &str, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    if !matches!(a, Value::BigInt(_)) && !matches!(b, Value::BigInt(_)) {
        return None;
    }
    let as_float = |v: &Value| match v {
        Value::BigInt(x) => super::bigint::to_f64(x).map(Value::Float),
        other => Ok(other.clone()),
    };
    Some(match (super::bigint::of(a), super::bigint::of(b)) {
        (Some(_), Some(_)) if op == ast::BinOp::MatMul => Err(unsupported(sym, a, b)),
        (Some(x), Some(y)) => super::bigint::binary(op, &x, &y),
        _ if matches!(a, Value::Float(_) | Value::Complex(..))
            || matches!(b, Value::Float(_) | Value::Complex(..)) =>
        {
            as_float(a).and_then(|x| as_float(b).and_then(|y| python_binary(op, &x, &y)))
        }
        _ if op == ast::BinOp::Mul
            && [a, b]
                .iter()
                .any(|v| matches!(v, Value::Str(_) | Value::List(_) | Value::Tuple(_))) =>
        {
            Err(PyError::overflow(
                "cannot fit 'int' into an index-sized integer",
            ))
        }
        _ => Err(unsupported(sym, a, b)),
    })
}

/// Python's float floor division and modulo.
fn py_divmod_f(a: f64, b: f64) -> PyResult<(f64, f64)> {
    if b == 0.0 {
        return Err(PyError::new(
            "ZeroDivisionError",
            "float floor division by zero",
        ));
    }
    // CPython's float_divmod, step for step: the signs of zero results
    // follow the divisor (remainder) and the true quotient (floor).
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let floor = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 { f + 1.0 } else { f }
    } else {
        0.0f64.copysign(a / b)
    };
    Ok((floor, m))
}

/// Python's `float ** float` as a value: a float, or a complex for a
/// negative base to a fractional power.
fn float_pow(x: f64, y: f64) -> PyResult<Value> {
    use super::py_complex::FloatPow;
    Ok(match super::py_complex::float_pow(x, y)? {
        FloatPow::Real(r) => Value::Float(r),
        FloatPow::Complex((re, im)) => Value::Complex(re, im),
    })
}

/// A binary operator on Python values (no arrays involved).
pub fn python_binary(op: ast::BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    // Each result is a new float object (see `float_identity`).
    Ok(match python_binary_value(op, a, b)? {
        Value::Float(f) => Value::Float(super::float_identity::fresh(f)),
        other => other,
    })
}

fn python_binary_value(op: ast::BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    use ast::BinOp as B;
    // A namedtuple concatenates and repeats as the tuple it is.
    let (a, b) = (super::named_tuple::plain(a), super::named_tuple::plain(b));
    if let Some(r) = super::bytearray::binary(op, a, b) {
        return r;
    }
    if let Some(r) = super::pydatetime_ops::binary(op, a, b) {
        return r;
    }
    if let Some(r) = super::pybytes::binary(op, a, b) {
        return r;
    }
    let sym = op.error_symbol();
    // Sequences.
    match (op, a, b) {
        (B::Add, Value::Str(x), Value::Str(y)) => {
            return Ok(Value::str(&super::seq_alloc::concat_str(x, y)?));
        }
        (B::Add, Value::List(x), Value::List(y)) => {
            let v = super::seq_alloc::concat(&x.borrow(), &y.borrow())?;
            return Ok(Value::list(v));
        }
        (B::Add, Value::Tuple(x), Value::Tuple(y)) => {
            return Ok(Value::tuple(super::seq_alloc::concat(x, y)?));
        }
        (
            B::Mul,
            Value::Str(_) | Value::List(_) | Value::Tuple(_),
            Value::Int(_) | Value::Bool(_),
        )
        | (
            B::Mul,
            Value::Int(_) | Value::Bool(_),
            Value::Str(_) | Value::List(_) | Value::Tuple(_),
        ) => {
            let (seq, n) = if as_int(a).is_some() {
                (b, as_int(a).unwrap_or(0))
            } else {
                (a, as_int(b).unwrap_or(0))
            };
            if n > isize::MAX as i128 {
                return Err(PyError::new(
                    "OverflowError",
                    "cannot fit 'int' into an index-sized integer",
                ));
            }
            let n = n.max(0) as usize;
            let len = match seq {
                Value::Str(s) => s.len(),
                Value::List(l) => l.borrow().len(),
                Value::Tuple(t) => t.len(),
                _ => 0,
            };
            // Python raises a bare MemoryError when the result cannot exist.
            let each = if matches!(seq, Value::Str(_)) {
                1
            } else {
                std::mem::size_of::<Value>()
            };
            let fits = len
                .checked_mul(n)
                .and_then(|total| total.checked_mul(each))
                .is_some_and(crate::engine::buffer::may_allocate);
            if matches!(seq, Value::Str(_))
                && len.checked_mul(n).is_none_or(|t| t > isize::MAX as usize)
            {
                return Err(PyError::new("OverflowError", "repeated string is too long"));
            }
            if !fits {
                return Err(PyError::new("MemoryError", ""));
            }
            return Ok(match seq {
                Value::Str(s) => Value::str(&s.repeat(n)),
                Value::List(l) => Value::list(
                    l.borrow()
                        .iter()
                        .cloned()
                        .cycle()
                        .take(l.borrow().len() * n)
                        .collect(),
                ),
                Value::Tuple(t) => {
                    Value::tuple(t.iter().cloned().cycle().take(t.len() * n).collect())
                }
                _ => unreachable!(),
            });
        }
        (B::Mod, Value::Str(_), _) => {
            return Err(PyError::type_error(
                "slicelab does not support %-formatting of strings",
            ));
        }
        _ => {}
    }
    if let Some(r) = with_big_int(op, sym, a, b) {
        return r;
    }
    if let (Value::Complex(..), _) | (_, Value::Complex(..)) = (a, b) {
        let c = |v: &Value| match v {
            Value::Complex(r, i) => Some((*r, *i)),
            other => as_num(other).map(|r| (r, 0.0)),
        };
        let (Some((ar, ai)), Some((br, bi))) = (c(a), c(b)) else {
            return Err(unsupported(sym, a, b));
        };
        return Ok(match op {
            B::Add => Value::Complex(ar + br, ai + bi),
            B::Sub => Value::Complex(ar - br, ai - bi),
            B::Mul => Value::Complex(ar * br - ai * bi, ar * bi + ai * br),
            B::Div => {
                let (re, im) = super::py_complex::div((ar, ai), (br, bi))?;
                Value::Complex(re, im)
            }
            B::Pow => {
                let (re, im) = super::py_complex::pow((ar, ai), (br, bi))?;
                Value::Complex(re, im)
            }
            _ => return Err(unsupported(sym, a, b)),
        });
    }
    if let (Some(x), Some(y)) = (as_int(a), as_int(b)) {
        let bothbool = matches!((a, b), (Value::Bool(_), Value::Bool(_)));
        // Past i128 the same operator goes on with big ints.
        let big = || super::bigint::binary(op, &x.into(), &y.into());
        return Ok(match op {
            B::Add => x.checked_add(y).map_or_else(big, |r| Ok(Value::Int(r)))?,
            B::Sub => x.checked_sub(y).map_or_else(big, |r| Ok(Value::Int(r)))?,
            B::Mul => x.checked_mul(y).map_or_else(big, |r| Ok(Value::Int(r)))?,
            B::Div => {
                if y == 0 {
                    return Err(PyError::new("ZeroDivisionError", "division by zero"));
                }
                Value::Float(super::int_true_div::int_true_div(x, y))
            }
            B::FloorDiv | B::Mod => {
                if y == 0 {
                    return Err(super::bigint::int_zero_division(op));
                }
                // `-2**127 // -1` is past i128.
                if x == i128::MIN && y == -1 {
                    return big();
                }
                let q = x.div_euclid(y);
                let r = x.rem_euclid(y);
                let (q, r) = if r != 0 && y < 0 {
                    (q - 1, r + y)
                } else {
                    (q, r)
                };
                if op == B::Mod {
                    Value::Int(r)
                } else {
                    Value::Int(q)
                }
            }
            B::Pow => {
                // A negative exponent makes a float, as CPython's
                // `long_pow` hands over to `float_pow` (`0 ** -1` raises there).
                if y < 0 {
                    float_pow(x as f64, y as f64)?
                } else {
                    u32::try_from(y)
                        .ok()
                        .and_then(|e| x.checked_pow(e))
                        .map_or_else(big, |r| Ok(Value::Int(r)))?
                }
            }
            B::LShift => {
                if y < 0 {
                    return Err(PyError::value("negative shift count"));
                }
                u32::try_from(y)
                    .ok()
                    .and_then(|s| x.checked_shl(s).filter(|r| r >> s == x))
                    .map_or_else(big, |r| Ok(Value::Int(r)))?
            }
            B::RShift => {
                if y < 0 {
                    return Err(PyError::value("negative shift count"));
                }
                Value::Int(x >> y.min(127))
            }
            B::BitAnd => {
                if bothbool {
                    Value::Bool(x & y != 0)
                } else {
                    Value::Int(x & y)
                }
            }
            B::BitOr => {
                if bothbool {
                    Value::Bool((x | y) != 0)
                } else {
                    Value::Int(x | y)
                }
            }
            B::BitXor => {
                if bothbool {
                    Value::Bool((x ^ y) != 0)
                } else {
                    Value::Int(x ^ y)
                }
            }
            B::MatMul => return Err(unsupported(sym, a, b)),
        });
    }
    if let (Some(x), Some(y)) = (as_num(a), as_num(b)) {
        return Ok(match op {
            B::Add => Value::Float(x + y),
            B::Sub => Value::Float(x - y),
            B::Mul => Value::Float(x * y),
            B::Div => {
                if y == 0.0 {
                    return Err(PyError::new("ZeroDivisionError", "float division by zero"));
                }
                Value::Float(x / y)
            }
            B::FloorDiv => Value::Float(py_divmod_f(x, y)?.0),
            B::Mod => {
                if y == 0.0 {
                    return Err(PyError::new("ZeroDivisionError", "float modulo"));
                }
                Value::Float(py_divmod_f(x, y)?.1)
            }
            B::Pow => float_pow(x, y)?,
            _ => return Err(unsupported(sym, a, b)),
        });
    }
    Err(unsupported(sym, a, b))
}

/// Python equality of plain values.
pub fn python_eq(a: &Value, b: &Value) -> bool {
    use super::named_tuple::plain;
    if let Some(eq) = super::bytearray::equal(a, b) {
        return eq;
    }
    if let Some(eq) = super::pydatetime_ops::equal(a, b) {
        return eq;
    }
    match (plain(a), plain(b)) {
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Bytes(x), Value::Bytes(y)) => x == y,
        (Value::None, Value::None) | (Value::Ellipsis, Value::Ellipsis) => true,
        // Items compare by identity first, as CPython's do: `l == l` holds
        // even for a list that contains itself.
        (Value::Tuple(x), Value::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| item_eq(p, q))
        }
        // Slices compare as their `(start, stop, step)` tuples.
        (Value::Slice(x), Value::Slice(y)) => x.iter().zip(y.iter()).all(|(p, q)| item_eq(p, q)),
        (Value::List(x), Value::List(y)) => {
            if Rc::ptr_eq(x, y) {
                return true;
            }
            let (x, y) = (x.borrow(), y.borrow());
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| item_eq(p, q))
        }
        // Dicts are equal when they hold the same keys with equal values,
        // in any order.
        (Value::Dict(x), Value::Dict(y)) => {
            if Rc::ptr_eq(x, y) {
                return true;
            }
            let (x, y) = (x.borrow(), y.borrow());
            x.len() == y.len()
                && x.iter().all(|(k, v)| {
                    y.iter()
                        .find(|(k2, _)| python_eq(k, k2))
                        .is_some_and(|(_, v2)| item_eq(v, v2))
                })
        }
        (Value::Complex(a1, a2), Value::Complex(b1, b2)) => a1 == b1 && a2 == b2,
        (Value::Complex(re, im), other) | (other, Value::Complex(re, im))
            if matches!(
                other,
                Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Bool(_)
            ) =>
        {
            *im == 0.0
                && super::bigint::compare(other, &Value::Float(*re))
                    == Some(Some(std::cmp::Ordering::Equal))
        }
        (Value::DType(x), Value::DType(y)) => x.equivalent(y),
        (x, y) if let Some(eq) = super::record_dtype_attrs::eq(x, y) => eq,
        (x, y) if super::subarray_dtype::eq(x, y).is_some() => {
            super::subarray_dtype::eq(x, y).unwrap_or(false)
        }
        (Value::DType(DType::Object), other) | (other, Value::DType(DType::Object))
            if crate::eval::dtype_arg::wants_object(other) =>
        {
            true
        }
        (Value::DType(x), Value::Str(s)) | (Value::Str(s), Value::DType(x)) => {
            super::dtype_arg::dtype_arg(&Value::Str(s.clone())).is_ok_and(|d| d.equivalent(x))
        }
        // `dtype.__eq__` converts the other side with `np.dtype(other)`:
        // `dtype == float`, `== np.float64`, `== None` (float64) hold, and
        // so does a structured dtype against its list of fields.
        (
            Value::DType(x),
            other @ (Value::Type(_)
            | Value::None
            | Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)),
        )
        | (
            other @ (Value::Type(_)
            | Value::None
            | Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)),
            Value::DType(x),
        ) => super::dtype_arg::dtype_arg(other).is_ok_and(|d| d.equivalent(x)),
        (Value::Type(x), Value::Type(y)) => x == y,
        (x, y) if let Some(eq) = super::object::MemView::equal(x, y) => eq,
        (x, y) if let Some(eq) = super::object::DictView::compare(CompareOp::Eq, x, y) => {
            eq.unwrap_or(false)
        }
        (Value::Object(x), Value::Object(y)) => super::pysets::object_eq(x, y)
            .or_else(|| super::type_hints::eq(x, y))
            .unwrap_or_else(|| Rc::ptr_eq(x, y) || super::object::same_tuple_class(x, y)),
        // A NumPy scalar answers `==` itself (`np.float64(1.0) == 1`), as
        // CPython's item comparison inside tuples and lists asks it to.
        (Value::NpScalar(..), other) | (other, Value::NpScalar(..))
            if !matches!(other, Value::Array(_)) =>
        {
            numpy_compare(CompareOp::Eq, a, b)
                .and_then(|v| crate::eval::protocol::truthy(&v))
                .unwrap_or(false)
        }
        _ => match super::bigint::compare(a, b) {
            Some(ord) => ord == Some(std::cmp::Ordering::Equal),
            None => a.is(b),
        },
    }
}

/// A Python object that is no number, sequence or NumPy value to NumPy.
fn plain_object(v: &Value) -> bool {
    matches!(
        v,
        Value::Ellipsis | Value::Slice(_) | Value::Dict(_) | Value::Function(_) | Value::Module(_)
    )
}

/// `None`, or a list or tuple whose only object elements are `None`:
/// NumPy makes it an object array, so `a == None` compares each element
/// with Python's `==` (all False) and `a < None` raises Python's error.
fn none_operand(v: &Value) -> bool {
    fn leaves(v: &Value, depth: usize, seen_none: &mut bool) -> bool {
        match v {
            Value::None => {
                *seen_none = true;
                true
            }
            Value::List(l) if depth < 32 => {
                l.borrow().iter().all(|x| leaves(x, depth + 1, seen_none))
            }
            Value::Tuple(t) if depth < 32 => t.iter().all(|x| leaves(x, depth + 1, seen_none)),
            other => !super::convert::is_object_leaf(other),
        }
    }
    let mut seen_none = false;
    matches!(v, Value::None | Value::List(_) | Value::Tuple(_))
        && leaves(v, 0, &mut seen_none)
        && seen_none
}

/// NumPy's error for an arithmetic operator with a record on one side.
fn void_operator(op: BinaryOp, a: &Value, b: &Value) -> PyError {
    if op == BinaryOp::Pow && super::void_ufuncs::power_name(b) == "square" {
        return super::void_ufuncs::no_loop("square", std::slice::from_ref(a));
    }
    super::void_ufuncs::no_loop(op.ufunc_name(), &[a.clone(), b.clone()])
}

/// A container's lookup of a plain value (`in`, `list.index`, a dict
/// key): CPython's `PyObject_RichCompareBool`, identity first and then
/// `==`, so `np.nan in [np.nan]` holds while `np.nan == np.nan` does not.
pub fn lookup_eq(a: &Value, b: &Value) -> bool {
    a.is(b) || python_eq(a, b)
}

/// An item of a container compared with `==`: identity first, and a depth
/// bound so that two distinct self-containing lists end (Python raises
/// RecursionError there; this says "not equal").
fn item_eq(a: &Value, b: &Value) -> bool {
    a.is(b) || nested(|| python_eq(a, b)).unwrap_or(false)
}

/// Whether two items of sequences being ordered are equal, as CPython's
/// `PyObject_RichCompareBool` asks: identity first, then `==` and its
/// truth — a NumPy comparison's truth, which fails for arrays of more
/// than one element as it does in Python.
pub(super) fn ordering_item_eq(a: &Value, b: &Value) -> PyResult<bool> {
    if a.is(b) {
        return Ok(true);
    }
    if is_numpy(a) || is_numpy(b) {
        return compare_nested(|| super::protocol::truthy(&numpy_compare(CompareOp::Eq, a, b)?));
    }
    Ok(item_eq(a, b))
}

/// `p OP q` for the first items that differ in two sequences: NumPy values
/// by the truth of NumPy's comparison, others by Python's order.
fn item_order(op: CompareOp, p: &Value, q: &Value) -> PyResult<bool> {
    if is_numpy(p) || is_numpy(q) {
        return super::protocol::truthy(&numpy_compare(op, p, q)?);
    }
    python_order(op, p, q)
}

/// Run `f` one container level deeper; `None` past Python's recursion
/// limit, so comparing self-containing lists cannot overflow the stack.
fn nested<T>(f: impl FnOnce() -> T) -> Option<T> {
    thread_local! {
        static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }
    let depth = DEPTH.with(|d| d.get());
    if depth > 1000 {
        return None;
    }
    DEPTH.with(|d| d.set(depth + 1));
    let out = f();
    DEPTH.with(|d| d.set(depth));
    Some(out)
}

/// Run a comparison `f` one container level deeper, or Python's
/// RecursionError past the recursion limit (self-containing lists and
/// object arrays).
pub(super) fn compare_nested<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    nested(f).ok_or_else(|| {
        PyError::new(
            "RecursionError",
            "maximum recursion depth exceeded in comparison",
        )
    })?
}

/// Python ordering of plain values.
pub fn python_order(op: CompareOp, a: &Value, b: &Value) -> PyResult<bool> {
    use std::cmp::Ordering;
    if let Some(subset) = super::pysets::order(op, a, b) {
        return Ok(subset);
    }
    if let Some(r) = super::pydatetime_ops::order(op, a, b) {
        return r;
    }
    if let Some(subset) = super::object::DictView::compare(op, a, b) {
        return subset;
    }
    if let Some(r) = super::dtype_order::order(op, a, b) {
        return r;
    }
    let ord: Option<Ordering> = match (super::named_tuple::plain(a), super::named_tuple::plain(b)) {
        (Value::Str(x), Value::Str(y)) => Some(x.cmp(y)),
        (Value::Tuple(x), Value::Tuple(y)) => return seq_order(op, x, y),
        (Value::Slice(x), Value::Slice(y)) => return seq_order(op, x.as_ref(), y.as_ref()),
        (Value::List(x), Value::List(y)) => {
            let (x, y) = (x.borrow().clone(), y.borrow().clone());
            return seq_order(op, &x, &y);
        }
        _ => match super::bigint::compare(a, b) {
            Some(ord) => ord,
            None => {
                return Err(PyError::type_error(format!(
                    "'{}' not supported between instances of '{}' and '{}'",
                    op.symbol(),
                    a.type_name(),
                    b.type_name()
                )));
            }
        },
    };
    Ok(match (op, ord) {
        (_, None) => op == CompareOp::Ne,
        (CompareOp::Eq, Some(o)) => o == Ordering::Equal,
        (CompareOp::Ne, Some(o)) => o != Ordering::Equal,
        (CompareOp::Lt, Some(o)) => o == Ordering::Less,
        (CompareOp::Le, Some(o)) => o != Ordering::Greater,
        (CompareOp::Gt, Some(o)) => o == Ordering::Greater,
        (CompareOp::Ge, Some(o)) => o != Ordering::Less,
    })
}

/// CPython's sequence comparison: the first items that differ decide,
/// compared with `op` itself (so its error names `op`, and a partial order
/// answers for itself); equal prefixes compare by length.
fn seq_order(op: CompareOp, x: &[Value], y: &[Value]) -> PyResult<bool> {
    for (p, q) in x.iter().zip(y) {
        if !ordering_item_eq(p, q)? {
            return match op {
                CompareOp::Eq => Ok(false),
                CompareOp::Ne => Ok(true),
                _ => compare_nested(|| item_order(op, p, q)),
            };
        }
    }
    let (n, m) = (x.len(), y.len());
    Ok(match op {
        CompareOp::Eq => n == m,
        CompareOp::Ne => n != m,
        CompareOp::Lt => n < m,
        CompareOp::Le => n <= m,
        CompareOp::Gt => n > m,
        CompareOp::Ge => n >= m,
    })
}
