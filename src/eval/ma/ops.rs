//! Arithmetic on masked arrays, three ways as NumPy has them:
//! `_MaskedBinaryOperation` (`+ - *`, the masked slots keep the first
//! operand's data), `_DomainedBinaryOperation` (`/ //`: non-finite
//! results and `|a| * tiny >= |b|` masked, masked slots hold the first
//! operand's data where it casts safely, else 0), `MaskedArray._comparison`
//! (`== != < ...`), and `__array_wrap__` for NumPy's ufuncs called on
//! masked arrays and the operators `MaskedArray` does not override (`%`,
//! `&`, unary `-`): the ufunc over the raw data, mask = OR of the inputs'
//! masks, and each ufunc's domain filled with its fill value. `np.ma.log`
//! and friends are `_MaskedUnaryOperation`.

use crate::engine::{DType, Scalar};
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};

use super::super::error::{PyError, PyResult};
use super::super::fp_errors;
use super::super::value::Value;
use super::core::{array_of, getmask, getmaskarray, masked, view};
use crate::eval::args::Args;
use crate::eval::object::Masked;
use crate::eval::object::{as_masked, is_ma, is_masked_constant};
use crate::eval::protocol::truthy;
use crate::eval::session::Session;

/// Run `f` with `divide` and `invalid` (or every kind) ignored, as
/// core.py's `np.errstate` blocks do.
pub(super) fn ignoring<T>(all: bool, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    let saved = fp_errors::modes();
    let ignore = Value::str("ignore");
    let new = if all {
        saved.with(Some(&ignore), &[])?
    } else {
        saved.with(
            None,
            &[("divide", Some(&ignore)), ("invalid", Some(&ignore))],
        )?
    };
    fp_errors::set_modes(new);
    let r = f();
    fp_errors::set_modes(saved);
    r
}

/// `getdata(v)`: a masked array's data, anything else through
/// `np.array` (so a Python scalar becomes a strongly typed 0-d array, as
/// NumPy's result dtypes show: int8 data + 1 is int64).
fn getdata_value(s: &mut Session, v: &Value) -> PyResult<Value> {
    raw(v)?;
    match as_masked(v) {
        Some(m) => Ok(Value::Array(view(&m.data))),
        None => match v {
            Value::Array(_) => Ok(v.clone()),
            other => Ok(Value::Array(array_of(s.np(
                "array",
                vec![other.clone()],
                vec![("copy", Value::None)],
            )?)?)),
        },
    }
}

/// An operand's data for a NumPy ufunc: a masked array's data, anything
/// else as it is (the ufunc itself sees Python scalars as weak).
fn raw(v: &Value) -> PyResult<Value> {
    if is_masked_constant(v) {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement arithmetic with np.ma.masked yet",
        ));
    }
    Ok(match as_masked(v) {
        Some(m) => Value::Array(view(&m.data)),
        None => v.clone(),
    })
}

/// `getdata(v)` as an array (for `np.copyto`'s source).
fn data_array(s: &mut Session, v: &Value) -> PyResult<Value> {
    Ok(match as_masked(v) {
        Some(m) => Value::Array(view(&m.data)),
        None => match v {
            Value::Array(_) => v.clone(),
            // `masked._data`: a 0-d float64 zero.
            _ if crate::eval::object::is_masked_constant(v) => {
                Value::Array(super::core::getdata(v)?)
            }
            other => s.np("array", vec![other.clone()], vec![])?,
        },
    })
}

/// The masked array among `a`, `b` whose attributes the result takes.
fn template<'a>(a: &'a Value, b: &'a Value) -> Option<&'a Masked> {
    as_masked(a).or_else(|| as_masked(b))
}

fn ndim(v: &Value) -> usize {
    match v {
        Value::Array(a) => a.ndim(),
        _ => 0,
    }
}

/// `_MaskedBinaryOperation(ufunc)(a, b)`.
pub fn masked_binary(s: &mut Session, ufunc: &str, a: &Value, b: &Value) -> PyResult<Value> {
    let (da, db) = (getdata_value(s, a)?, getdata_value(s, b)?);
    let result = ignoring(false, || s.np(ufunc, vec![da, db], vec![]))?;
    let (ma, mb) = (getmask(a), getmask(b));
    let m = match (ma, mb) {
        (None, None) => None,
        (None, Some(mb)) => {
            let ga = getmaskarray(s, a)?;
            Some(s.np(
                "logical_or",
                vec![Value::Array(ga), Value::Array(mb)],
                vec![],
            )?)
        }
        (Some(ma), None) => {
            let gb = getmaskarray(s, b)?;
            Some(s.np(
                "logical_or",
                vec![Value::Array(ma), Value::Array(gb)],
                vec![],
            )?)
        }
        (Some(ma), Some(mb)) => Some(s.np(
            "logical_or",
            vec![Value::Array(ma), Value::Array(mb)],
            vec![],
        )?),
    };
    if ndim(&result) == 0 {
        return match m {
            Some(k) if truthy(&k)? => Ok(masked()),
            _ => Ok(result),
        };
    }
    let r = array_of(result)?;
    let m = match m {
        Some(k) => Some(array_of(k)?),
        None => None,
    };
    if let Some(k) = &m
        && super::core::any(k)
    {
        let src = data_array(s, a)?;
        // core.py ignores any failure here.
        let _ = s.np(
            "copyto",
            vec![Value::Array(r.clone()), src],
            vec![
                ("casting", Value::str("unsafe")),
                ("where", Value::Array(k.clone())),
            ],
        );
    }
    let out = Masked::new(r, m);
    let out = match template(a, b) {
        Some(t) => out.update_from(t),
        None => out,
    };
    Ok(out.into_value())
}

/// `_DomainSafeDivide()(a, b)`: `|a| * tiny >= |b|`.
fn safe_divide_domain(s: &mut Session, da: &Value, db: &Value) -> PyResult<Value> {
    ignoring(true, || {
        let xa = s.np("asarray", vec![da.clone()], vec![])?;
        let aa = s.np("absolute", vec![xa], vec![])?;
        let t = s.np(
            "multiply",
            vec![aa, Value::Float(f64::MIN_POSITIVE)],
            vec![],
        )?;
        let xb = s.np("asarray", vec![db.clone()], vec![])?;
        let ab = s.np("absolute", vec![xb], vec![])?;
        s.np("greater_equal", vec![t, ab], vec![])
    })
}

/// `_DomainedBinaryOperation(ufunc, _DomainSafeDivide())(a, b)`.
pub fn domained_binary(s: &mut Session, ufunc: &str, a: &Value, b: &Value) -> PyResult<Value> {
    let (da, db) = (getdata_value(s, a)?, getdata_value(s, b)?);
    let result = ignoring(false, || s.np(ufunc, vec![da.clone(), db.clone()], vec![]))?;
    let fin = s.np("isfinite", vec![result.clone()], vec![])?;
    let mut m = s.np("logical_not", vec![fin], vec![])?;
    for k in [getmask(a), getmask(b)].into_iter().flatten() {
        m = s.np("logical_or", vec![m, Value::Array(k)], vec![])?;
    }
    let d = safe_divide_domain(s, &da, &db)?;
    m = s.np("logical_or", vec![m, d], vec![])?;
    if ndim(&m) == 0 {
        return if truthy(&m)? {
            Ok(masked())
        } else {
            Ok(result)
        };
    }
    let r = array_of(result)?;
    s.np(
        "copyto",
        vec![Value::Array(r.clone()), Value::Int(0)],
        vec![("casting", Value::str("unsafe")), ("where", m.clone())],
    )?;
    let src = data_array(s, a)?;
    let masked_da = array_of(s.np("multiply", vec![m.clone(), src], vec![])?)?;
    let safe = s.np(
        "can_cast",
        vec![
            Value::DType(masked_da.dtype().clone()),
            Value::DType(r.dtype().clone()),
        ],
        vec![("casting", Value::str("safe"))],
    )?;
    if truthy(&safe)? {
        s.np(
            "add",
            vec![Value::Array(r.clone()), Value::Array(masked_da)],
            vec![("out", Value::Array(r.clone()))],
        )?;
    }
    let out = Masked::new(r, Some(array_of(m)?));
    let out = match template(a, b) {
        Some(t) => out.update_from(t),
        None => out,
    };
    Ok(out.into_value())
}

/// `make_mask(x, shrink=True)` of a computed mask: `None` when nothing
/// is set.
fn shrink(v: Value) -> PyResult<Option<Value>> {
    let any = match &v {
        Value::Array(a) => super::core::any(a),
        other => truthy(other)?,
    };
    Ok(if any { Some(v) } else { None })
}

/// `mask_or(m1, m2)` of two full masks.
fn mask_or(s: &mut Session, a: Value, b: Value) -> PyResult<Option<Value>> {
    let r = s.np("logical_or", vec![a, b], vec![])?;
    shrink(r)
}

/// Unary domains of `__array_wrap__`: name, fill value, and the test
/// that is True where the input is outside the domain.
fn unary_domain(s: &mut Session, name: &str, x: &Value) -> PyResult<Option<(f64, Value)>> {
    let (fill, d) = match name {
        "sqrt" => (
            0.0,
            s.np("less", vec![x.clone(), Value::Float(0.0)], vec![])?,
        ),
        "log" | "log2" | "log10" => (
            1.0,
            s.np("less_equal", vec![x.clone(), Value::Float(0.0)], vec![])?,
        ),
        "arccosh" => (
            1.0,
            s.np("less", vec![x.clone(), Value::Float(1.0)], vec![])?,
        ),
        "arcsin" | "arccos" | "arctanh" => {
            let (lo, hi) = if name == "arctanh" {
                (-1.0 + 1e-15, 1.0 - 1e-15)
            } else {
                (-1.0, 1.0)
            };
            let g = s.np("greater", vec![x.clone(), Value::Float(hi)], vec![])?;
            let l = s.np("less", vec![x.clone(), Value::Float(lo)], vec![])?;
            (0.0, s.np("logical_or", vec![g, l], vec![])?)
        }
        "tan" => {
            let c = s.np("cos", vec![x.clone()], vec![])?;
            let a = s.np("absolute", vec![c], vec![])?;
            (0.0, s.np("less", vec![a, Value::Float(1e-35)], vec![])?)
        }
        _ => return Ok(None),
    };
    Ok(Some((fill, d)))
}

fn binary_domain(name: &str) -> bool {
    matches!(
        name,
        "divide" | "true_divide" | "floor_divide" | "remainder" | "mod" | "fmod"
    )
}

/// A NumPy ufunc called with masked arguments (`np.sqrt(m)`, `m % 2`,
/// `-m`): NumPy's ufunc over the data, then `MaskedArray.__array_wrap__`.
pub fn ufunc(s: &mut Session, name: &str, nin: usize, nout: usize, args: Args) -> PyResult<Value> {
    if nout != 1 || !args.kw.is_empty() || args.pos.len() != nin || !(1..=2).contains(&nin) {
        return Err(PyError::new(
            "NotImplementedError",
            format!("slicelab does not implement np.{name} of a masked array with these arguments"),
        ));
    }
    let inputs = args.pos.clone();
    let raws: Vec<Value> = inputs.iter().map(raw).collect::<PyResult<_>>()?;
    let result = apply(s, name, &raws)?;
    // `self`: the first masked input, whose `__array_wrap__` NumPy calls.
    let me = inputs.iter().find_map(as_masked);
    let mut m: Option<Value> = if nin == 1 {
        Some(Value::Array(getmaskarray(s, &inputs[0])?))
    } else {
        let a = getmaskarray(s, &inputs[0])?;
        let b = getmaskarray(s, &inputs[1])?;
        mask_or(s, Value::Array(a), Value::Array(b))?
    };
    let mut result = Value::Array(array_of(result)?);
    let domain = if nin == 1 {
        match unary_domain(s, name, &raws[0])? {
            Some((fill, d)) => {
                // `filled(domain(m), True)`: the input's masked slots count.
                let d = match getmask(&inputs[0]) {
                    Some(k) => mask_or(s, d, Value::Array(k))?,
                    None => shrink(d)?,
                };
                d.map(|d| (Value::Float(fill), d))
            }
            None => None,
        }
    } else if binary_domain(name) {
        shrink(safe_divide_domain(s, &raws[0], &raws[1])?)?.map(|d| (Value::Int(1), d))
    } else {
        None
    };
    if let Some((fill, d)) = domain {
        s.np(
            "copyto",
            vec![result.clone(), fill],
            vec![("where", d.clone())],
        )?;
        m = Some(match m {
            None => d,
            Some(k) => s.np("logical_or", vec![k, d], vec![])?,
        });
    }
    let Value::Array(r) = std::mem::replace(&mut result, Value::None) else {
        unreachable!("an array was put there")
    };
    if r.ndim() == 0
        && let Some(k) = &m
        && truthy(k)?
    {
        return Ok(masked());
    }
    let mask = match m {
        Some(k) => Some(array_of(k)?),
        None => None,
    };
    let out = Masked::new(r, mask);
    let out = match me {
        Some(t) => out.update_from(t),
        None => out,
    };
    Ok(out.into_value())
}

/// The ufunc `name` over plain operands; the bitwise ufuncs and
/// `positive` slicelab has as operators only.
fn apply(s: &mut Session, name: &str, raws: &[Value]) -> PyResult<Value> {
    match (name, raws) {
        ("bitwise_and", [a, b]) => s.binary(BinOp::BitAnd, a, b),
        ("bitwise_or", [a, b]) => s.binary(BinOp::BitOr, a, b),
        ("bitwise_xor", [a, b]) => s.binary(BinOp::BitXor, a, b),
        ("invert", [a]) => s.unary(UnaryOp::Invert, a),
        ("positive", [a]) => s.unary(UnaryOp::Pos, a),
        _ => s.np(name, raws.to_vec(), vec![]),
    }
}

/// `_MaskedUnaryOperation(ufunc, fill, domain)(a)` for `np.ma.NAME`.
fn masked_unary(s: &mut Session, name: &str, a: &Value) -> PyResult<Value> {
    let d = data_array(s, a)?;
    let result = ignoring(false, || s.np(name, vec![d.clone()], vec![]))?;
    let m = match name {
        "sqrt" | "log" | "log2" | "log10" | "tan" | "arcsin" | "arccos" | "arccosh" | "arctanh" => {
            let fin = s.np("isfinite", vec![result.clone()], vec![])?;
            let mut m = s.np("logical_not", vec![fin], vec![])?;
            let dom = ignoring(false, || unary_domain(s, name, &d))?
                .map(|(_, m)| m)
                .unwrap_or(Value::Bool(false));
            m = s.np("logical_or", vec![m, dom], vec![])?;
            if let Some(k) = getmask(a) {
                m = s.np("logical_or", vec![m, Value::Array(k)], vec![])?;
            }
            Some(m)
        }
        _ => getmask(a).map(Value::Array),
    };
    if ndim(&result) == 0 {
        return match m {
            Some(k) if truthy(&k)? => Ok(masked()),
            _ => Ok(result),
        };
    }
    let r = array_of(result)?;
    if let Some(k) = &m {
        // core.py passes over a TypeError (a cast copyto refuses).
        match s.np(
            "copyto",
            vec![Value::Array(r.clone()), d],
            vec![("where", k.clone())],
        ) {
            Err(e) if e.kind == "TypeError" => {}
            other => {
                other?;
            }
        }
    }
    let mask = match m {
        Some(k) => Some(array_of(k)?),
        None => None,
    };
    let out = Masked::new(r, mask);
    let out = match as_masked(a) {
        Some(t) => out.update_from(t),
        None => out,
    };
    Ok(out.into_value())
}

/// `np.ma.NAME(...)` for the arithmetic functions.
pub fn call_named(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    let a = args.kw("a").cloned().unwrap_or(Value::None);
    match name {
        "add" | "subtract" | "multiply" => {
            let b = args.kw("b").cloned().unwrap_or(Value::None);
            masked_binary(s, name, &a, &b)
        }
        "hypot" | "arctan2" | "equal" | "not_equal" | "less" | "less_equal" | "greater"
        | "greater_equal" | "logical_and" | "logical_or" | "logical_xor" | "bitwise_and"
        | "bitwise_or" | "bitwise_xor" | "left_shift" | "right_shift" => {
            let b = args.kw("b").cloned().unwrap_or(Value::None);
            masked_binary(s, name, &a, &b)
        }
        "fmod" | "mod" | "remainder" => {
            let b = args.kw("b").cloned().unwrap_or(Value::None);
            domained_binary(s, name, &a, &b)
        }
        "divide" | "true_divide" | "floor_divide" => {
            let b = args.kw("b").cloned().unwrap_or(Value::None);
            let f = if name == "floor_divide" {
                "floor_divide"
            } else {
                "divide"
            };
            domained_binary(s, f, &a, &b)
        }
        "abs" => masked_unary(s, "absolute", &a),
        "power" => {
            let b = args.kw("b").cloned().unwrap_or(Value::None);
            power(s, &a, &b)
        }
        other => masked_unary(s, other, &a),
    }
}

/// `a OP b` when either side is a masked array; `None` otherwise.
pub fn binary(s: &mut Session, op: BinOp, l: &Value, r: &Value) -> Option<PyResult<Value>> {
    if !is_ma(l) && !is_ma(r) {
        return None;
    }
    Some(match op {
        BinOp::Add => masked_binary(s, "add", l, r),
        BinOp::Sub => masked_binary(s, "subtract", l, r),
        BinOp::Mul => masked_binary(s, "multiply", l, r),
        BinOp::Div => domained_binary(s, "divide", l, r),
        BinOp::FloorDiv => domained_binary(s, "floor_divide", l, r),
        BinOp::Pow => power(s, l, r),
        BinOp::Mod => ufunc_op(s, "remainder", l, r),
        BinOp::BitAnd => ufunc_op(s, "bitwise_and", l, r),
        BinOp::BitOr => ufunc_op(s, "bitwise_or", l, r),
        BinOp::BitXor => ufunc_op(s, "bitwise_xor", l, r),
        _ => Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement this operator on masked arrays yet",
        )),
    })
}

fn ufunc_op(s: &mut Session, name: &str, l: &Value, r: &Value) -> PyResult<Value> {
    ufunc(
        s,
        name,
        2,
        1,
        Args {
            pos: vec![l.clone(), r.clone()],
            kw: vec![],
        },
    )
}

/// `-m`, `+m`, `~m`; `None` when `v` is not masked.
pub fn unary(s: &mut Session, op: UnaryOp, v: &Value) -> Option<PyResult<Value>> {
    if !is_ma(v) {
        return None;
    }
    let name = match op {
        UnaryOp::Neg => "negative",
        UnaryOp::Pos => "positive",
        UnaryOp::Invert => "invert",
        UnaryOp::Not => return None,
    };
    Some(ufunc(
        s,
        name,
        1,
        1,
        Args {
            pos: vec![v.clone()],
            kw: vec![],
        },
    ))
}

fn cmp_ufunc(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "equal",
        CmpOp::Ne => "not_equal",
        CmpOp::Lt => "less",
        CmpOp::Le => "less_equal",
        CmpOp::Gt => "greater",
        _ => "greater_equal",
    }
}

fn swapped(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
        other => other,
    }
}

/// A comparison with a masked array on either side; `None` otherwise.
pub fn compare(s: &mut Session, op: CmpOp, l: &Value, r: &Value) -> Option<PyResult<Value>> {
    if !matches!(
        op,
        CmpOp::Eq | CmpOp::Ne | CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge
    ) {
        return None;
    }
    if let Some(m) = as_masked(l) {
        return Some(comparison(s, m, r, op));
    }
    if let Some(m) = as_masked(r) {
        return Some(comparison(s, m, l, swapped(op)));
    }
    if is_masked_constant(l) || is_masked_constant(r) {
        return Some(Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement comparisons with np.ma.masked yet",
        )));
    }
    None
}

/// `MaskedArray._comparison(other, compare)`.
fn comparison(s: &mut Session, me: &Masked, other: &Value, op: CmpOp) -> PyResult<Value> {
    if is_masked_constant(other) {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement comparisons with np.ma.masked yet",
        ));
    }
    if matches!(other, Value::None | Value::Str(_) | Value::Object(_)) && as_masked(other).is_none()
    {
        return Err(PyError::new(
            "NotImplementedError",
            format!(
                "slicelab does not implement comparing a masked array with a {}",
                other.type_name()
            ),
        ));
    }
    let omask = getmask(other);
    let smask = me.mask();
    let mask: Option<Value> = match (&smask, &omask) {
        (None, None) => None,
        (None, Some(o)) => shrink(Value::Array(o.copy_kept()?))?,
        (Some(k), None) => shrink(Value::Array(k.copy_kept()?))?,
        (Some(k), Some(o)) => mask_or(s, Value::Array(k.clone()), Value::Array(o.clone()))?,
    };
    let odata = getdata_value(s, other)?;
    let sdata = Value::Array(view(&me.data));
    let f = cmp_ufunc(op);
    let mut check = s.np(f, vec![sdata, odata], vec![])?;
    if !matches!(check, Value::Array(_)) {
        return match mask {
            Some(k) if truthy(&k)? => Ok(masked()),
            _ => Ok(check),
        };
    }
    let mut mask = mask;
    if let Some(k) = mask.clone() {
        if matches!(op, CmpOp::Eq | CmpOp::Ne) {
            let as_val = |m: &Option<crate::engine::ArrayRef>| match m {
                Some(a) => Value::Array(a.clone()),
                None => Value::NpScalar(DType::Bool, Scalar::Bool(false)),
            };
            let both = s.np(f, vec![as_val(&smask), as_val(&omask)], vec![])?;
            check = s.np("where", vec![k.clone(), both, check], vec![])?;
        }
        let ka = array_of(k)?;
        let cshape = array_of(check.clone())?.shape();
        if ka.shape() != cshape {
            let shape = Value::tuple(cshape.iter().map(|&n| Value::Int(n as i128)).collect());
            let b = s.np("broadcast_to", vec![Value::Array(ka), shape], vec![])?;
            mask = Some(Value::Array(array_of(b)?.copy_kept()?));
        } else {
            mask = Some(Value::Array(ka));
        }
    }
    let mask = match mask {
        Some(k) => Some(array_of(k)?),
        None => None,
    };
    let out = Masked::new(array_of(check)?, mask).update_from(me);
    let fill = out.fill.borrow().clone();
    if let Some((dt, v)) = fill {
        let f = super::core::check_fill(s, &Value::NpScalar(dt, v), &DType::Bool)
            .or_else(|_| super::core::default_fill(&DType::Bool))?;
        *out.fill.borrow_mut() = Some(f);
    }
    Ok(out.into_value())
}

/// `np.ma.power(a, b)` (`a ** b`): the masked slots keep `a`'s data,
/// non-finite results are masked and set to the fill value.
pub fn power(s: &mut Session, a: &Value, b: &Value) -> PyResult<Value> {
    let m = match (getmask(a), getmask(b)) {
        (None, None) => None,
        (Some(x), None) | (None, Some(x)) => shrink(Value::Array(x))?,
        (Some(x), Some(y)) => mask_or(s, Value::Array(x), Value::Array(y))?,
    };
    let (fa, fb) = (getdata_value(s, a)?, getdata_value(s, b)?);
    let p = ignoring(false, || s.np("power", vec![fa.clone(), fb], vec![]))?;
    let cond = m
        .clone()
        .unwrap_or(Value::NpScalar(DType::Bool, Scalar::Bool(false)));
    let r = array_of(s.np("where", vec![cond, fa, p], vec![])?)?;
    let fin = s.np("isfinite", vec![Value::Array(r.clone())], vec![])?;
    let invalid = array_of(s.np("logical_not", vec![fin], vec![])?)?;
    let out = Masked::new(r.clone(), None);
    let out = match as_masked(a) {
        Some(t) => out.update_from(t),
        None => out,
    };
    if let Some(k) = m {
        if r.ndim() == 0 {
            return Ok(masked());
        }
        let k = s.np("logical_or", vec![k, Value::Array(invalid.clone())], vec![])?;
        *out.mask.borrow_mut() = Some(array_of(k)?);
    }
    if super::core::any(&invalid) {
        if r.ndim() == 0 {
            return Ok(masked());
        }
        if out.mask().is_none() {
            *out.mask.borrow_mut() = Some(invalid.clone());
        }
        let (dt, v) = out.fill_value()?;
        s.setitem(
            &Value::Array(r),
            &Value::Array(invalid),
            &Value::NpScalar(dt, v),
        )?;
    }
    Ok(out.into_value())
}

/// `m += x`, `m -= x`, `m *= x` as `MaskedArray.__iadd__` and friends:
/// the masks OR-ed into `m`'s (in place), the data changed in place
/// where `m` is not masked (`np.where(mask, 0, other)` added).
pub fn inplace(s: &mut Session, op: BinOp, cur: &Value, rhs: &Value) -> PyResult<Value> {
    let refuse = || {
        PyError::new(
            "NotImplementedError",
            "slicelab does not implement this in-place operator on masked arrays yet",
        )
    };
    let Some(me) = as_masked(cur) else {
        return Err(refuse());
    };
    let eop = match op {
        BinOp::Add => crate::engine::kernels::BinaryOp::Add,
        BinOp::Sub => crate::engine::kernels::BinaryOp::Sub,
        BinOp::Mul => crate::engine::kernels::BinaryOp::Mul,
        _ => return Err(refuse()),
    };
    if is_masked_constant(rhs) {
        return Err(refuse());
    }
    let om = getmask(rhs);
    match (me.mask(), om) {
        (None, Some(o)) if super::core::any(&o) => {
            let k = super::core::zeros_mask(s, &me.data.shape())?;
            s.np(
                "logical_or",
                vec![Value::Array(k.clone()), Value::Array(o)],
                vec![("out", Value::Array(k.clone()))],
            )?;
            *me.mask.borrow_mut() = Some(k);
        }
        (Some(k), Some(o)) => {
            s.np(
                "logical_or",
                vec![Value::Array(k.clone()), Value::Array(o)],
                vec![("out", Value::Array(k))],
            )?;
        }
        _ => {}
    }
    let od = array_of(getdata_value(s, rhs)?)?;
    let cond = match me.mask() {
        Some(k) => Value::Array(k),
        None => Value::NpScalar(DType::Bool, Scalar::Bool(false)),
    };
    // `other_data.dtype.type(0)` for += and -=, `type(1)` for *=.
    let neutral = if op == BinOp::Mul {
        one_of(od.dtype())
    } else {
        zero_of(od.dtype())
    };
    let zero = Value::NpScalar(od.dtype().native(), neutral);
    let other = s.np("where", vec![cond, zero, Value::Array(od)], vec![])?;
    super::super::ops::numpy_inplace(eop, &me.data, &other)?;
    Ok(cur.clone())
}

/// `dtype.type(1)`.
fn one_of(dt: &DType) -> Scalar {
    match dt.native() {
        DType::Bool => Scalar::Bool(true),
        DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64 => Scalar::UInt(1),
        d if d.is_integer() => Scalar::Int(1),
        DType::Complex64 | DType::Complex128 => Scalar::Complex(1.0, 0.0),
        _ => Scalar::Float(1.0),
    }
}

/// `dtype.type(0)`.
fn zero_of(dt: &DType) -> Scalar {
    match dt.native() {
        DType::Bool => Scalar::Bool(false),
        DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64 => Scalar::UInt(0),
        d if d.is_integer() => Scalar::Int(0),
        DType::Complex64 | DType::Complex128 => Scalar::Complex(0.0, 0.0),
        _ => Scalar::Float(0.0),
    }
}

/// The elements of `m` one by one (`for x in m`, `list(m)`): `m[i]`.
pub fn items(s: &mut Session, v: &Value) -> PyResult<Vec<Value>> {
    let Some(m) = as_masked(v) else {
        return Err(PyError::type_error("iteration over a 0-d array"));
    };
    let shape = m.data.shape();
    let Some(&n) = shape.first() else {
        return Err(PyError::type_error("iteration over a 0-d array"));
    };
    (0..n)
        .map(|i| super::attrs::getitem(s, v, &Value::Int(i as i128)))
        .collect()
}
