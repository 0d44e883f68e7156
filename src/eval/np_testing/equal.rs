//! `assert_equal`, `assert_almost_equal` and `assert_approx_equal`: the
//! asserts that take Python objects apart (dicts by key, lists and tuples
//! item by item, complex numbers into real and imaginary parts) before
//! comparing scalars, handing arrays to `compare.rs`.

use crate::syntax::ast::{BinOp, CmpOp};

use super::super::error::{PyError, PyResult};
use super::super::session::Session;
use super::super::signature::Bound;
use super::super::value::Value;
use super::{Report, assertion, build_err_msg, is_ndarray, type_repr};

/// `assert_equal`, `assert_almost_equal` or `assert_approx_equal`, bound.
pub(super) fn call(s: &mut Session, name: &str, b: &Bound) -> PyResult<()> {
    let report = Report::of(s, b)?;
    let (actual, desired) = (b.required("actual"), b.required("desired"));
    match name {
        "assert_equal" => {
            let strict = match b.get("strict") {
                Some(v) => s.truth_of(v)?,
                None => false,
            };
            assert_equal(s, actual, desired, &report, strict)
        }
        "assert_almost_equal" => {
            let decimal = number(b.get("decimal"), 7.0)?;
            assert_almost_equal(s, actual, desired, decimal, &report)
        }
        _ => {
            let significant = number(b.get("significant"), 7.0)?;
            assert_approx_equal(s, actual, desired, significant, &report)
        }
    }
}

fn number(v: Option<&Value>, default: f64) -> PyResult<f64> {
    match v {
        None => Ok(default),
        Some(v) => crate::eval::coerce::float_arg(v),
    }
}

/// Whether `err` is one of the classes NumPy's `try` blocks swallow
/// (`TypeError`, `ValueError` and their subclasses). slicelab's own
/// `NotImplementedError` is not swallowed: it means "not known here", not
/// NumPy's "cannot compare".
fn swallowed(err: &PyError) -> bool {
    let kind = super::super::exceptions::builtin_kind(err);
    ["TypeError", "ValueError"]
        .iter()
        .any(|c| super::super::exceptions::is_subclass(kind, c))
}

fn is_sequence(v: &Value) -> bool {
    matches!(
        super::super::named_tuple::plain(v),
        Value::List(_) | Value::Tuple(_)
    )
}

fn np1(s: &mut Session, name: &str, v: &Value) -> PyResult<Value> {
    s.np(name, vec![v.clone()], vec![])
}

/// The truth of `np.NAME(v)`.
fn test(s: &mut Session, name: &str, v: &Value) -> PyResult<bool> {
    let r = np1(s, name, v)?;
    s.truth_of(&r)
}

/// NumPy's complex step: when either value is complex (`iscomplexobj`;
/// the errors `not_complex` names mean it is not), both as (real,
/// imaginary) parts, a real value's imaginary part 0.
fn complex_parts(
    s: &mut Session,
    actual: &Value,
    desired: &Value,
    not_complex: fn(&PyError) -> bool,
) -> PyResult<Option<[(Value, Value); 2]>> {
    let complex = |s: &mut Session, v: &Value| -> PyResult<bool> {
        match np1(s, "iscomplexobj", v) {
            Ok(r) => s.truth_of(&r),
            Err(e) if not_complex(&e) => Ok(false),
            Err(e) => Err(e),
        }
    };
    let (a, d) = (complex(s, actual)?, complex(s, desired)?);
    if !(a || d) {
        return Ok(None);
    }
    let mut parts = |v: &Value, is_complex: bool| -> PyResult<(Value, Value)> {
        if is_complex {
            Ok((np1(s, "real", v)?, np1(s, "imag", v)?))
        } else {
            Ok((v.clone(), Value::Int(0)))
        }
    };
    Ok(Some([parts(actual, a)?, parts(desired, d)?]))
}

/// NumPy's `assert_equal`.
fn assert_equal(
    s: &mut Session,
    actual: &Value,
    desired: &Value,
    report: &Report,
    strict: bool,
) -> PyResult<()> {
    if let Value::Dict(d) = desired {
        if !matches!(actual, Value::Dict(_)) {
            return Err(assertion(type_repr(actual)));
        }
        let len = |v: &Value| match v {
            Value::Dict(d) => Value::Int(d.borrow().len() as i128),
            _ => Value::Int(0),
        };
        assert_equal(s, &len(actual), &len(desired), report, false)?;
        let items: Vec<(Value, Value)> = d.borrow().iter().cloned().collect();
        for (k, want) in items {
            if !s.contains(actual, &k)? {
                return Err(assertion(s.py_repr(&k)?));
            }
            let got = s.getitem(actual, &k)?;
            let inner = report.within(format!("key={}\n", s.py_repr(&k)?));
            assert_equal(s, &got, &want, &inner, false)?;
        }
        return Ok(());
    }
    if is_sequence(desired) && is_sequence(actual) {
        let items = |v: &Value| match super::super::named_tuple::plain(v) {
            Value::List(l) => l.borrow().clone(),
            Value::Tuple(t) => t.to_vec(),
            _ => vec![],
        };
        let (a, d) = (items(actual), items(desired));
        let n = |x: &[Value]| Value::Int(x.len() as i128);
        assert_equal(s, &n(&a), &n(&d), report, false)?;
        for (k, (x, y)) in a.iter().zip(&d).enumerate() {
            assert_equal(s, x, y, &report.within(format!("item={k}\n")), false)?;
        }
        return Ok(());
    }
    if is_ndarray(actual) || is_ndarray(desired) {
        return super::compare::array_equal(s, actual, desired, report, strict);
    }
    let fail = |s: &mut Session| {
        assertion(build_err_msg(
            s,
            &[actual, desired],
            &report.err_msg,
            "Items are not equal:",
            report,
            &["ACTUAL", "DESIRED"],
            None,
        ))
    };
    // Complex numbers: real and imaginary parts compared apart, so NaNs,
    // infinities and signed zeros in either are handled.
    if let Some([(ar, ai), (dr, di)]) = complex_parts(s, actual, desired, swallowed)? {
        let quiet = Report::quiet();
        match assert_equal(s, &ar, &dr, &quiet, false)
            .and_then(|()| assert_equal(s, &ai, &di, &quiet, false))
        {
            Err(e) if e.kind == "AssertionError" => return Err(fail(s)),
            Err(e) => return Err(e),
            Ok(()) => {}
        }
    }
    // `[np.nan]` against `np.nan`.
    let a_scalar = test(s, "isscalar", actual)?;
    if test(s, "isscalar", desired)? != a_scalar {
        return Err(fail(s));
    }
    // Two NaTs of the same kind agree.
    let nat = (|| -> PyResult<Option<bool>> {
        let d = test(s, "isnat", desired)?;
        let a = test(s, "isnat", actual)?;
        if !(d && a) {
            return Ok(None);
        }
        let kind = |s: &mut Session, v: &Value| -> PyResult<Value> {
            let arr = np1(s, "asarray", v)?;
            let dt = s.getattr(&arr, "dtype")?;
            s.getattr(&dt, "type")
        };
        let (dk, ak) = (kind(s, desired)?, kind(s, actual)?);
        Ok(Some(
            s.compare(CmpOp::Eq, &dk, &ak)
                .and_then(|v| s.truth_of(&v))?,
        ))
    })();
    match nat {
        Ok(Some(true)) => return Ok(()),
        Ok(Some(false)) => return Err(fail(s)),
        Ok(None) => {}
        Err(e) if swallowed(&e) => {}
        Err(e) => return Err(e),
    }
    // NaNs agree; zeros must agree in sign.
    let special = (|| -> PyResult<Option<bool>> {
        let d = test(s, "isnan", desired)?;
        let a = test(s, "isnan", actual)?;
        if d && a {
            return Ok(Some(true));
        }
        for v in [actual, desired] {
            let arr = np1(s, "asarray", v)?;
            if let Value::Array(a) = arr
                && matches!(a.dtype(), crate::engine::DType::Time(..))
            {
                return Ok(None);
            }
        }
        let zero = |s: &mut Session, v: &Value| -> PyResult<bool> {
            let r = s.compare(CmpOp::Eq, v, &Value::Int(0))?;
            s.truth_of(&r)
        };
        if zero(s, desired)? && zero(s, actual)? {
            let sd = np1(s, "signbit", desired)?;
            let sa = np1(s, "signbit", actual)?;
            let same = s.compare(CmpOp::Eq, &sd, &sa)?;
            if !s.truth_of(&same)? {
                return Ok(Some(false));
            }
        }
        Ok(None)
    })();
    match special {
        Ok(Some(true)) => return Ok(()),
        Ok(Some(false)) => return Err(fail(s)),
        Ok(None) => {}
        Err(e) if swallowed(&e) => {}
        Err(e) => return Err(e),
    }
    let same = s.compare(CmpOp::Eq, desired, actual)?;
    if !s.truth_of(&same)? {
        return Err(fail(s));
    }
    Ok(())
}

/// NumPy's `assert_almost_equal`: `abs(desired - actual) < 1.5 *
/// 10**-decimal` for scalars, `assert_array_almost_equal` for arrays,
/// lists and tuples.
fn assert_almost_equal(
    s: &mut Session,
    actual: &Value,
    desired: &Value,
    decimal: f64,
    report: &Report,
) -> PyResult<()> {
    let fail = |s: &mut Session| {
        let header = format!("Arrays are not almost equal to {} decimals", decimal as i64);
        assertion(build_err_msg(
            s,
            &[actual, desired],
            &report.err_msg,
            &header,
            report,
            &["ACTUAL", "DESIRED"],
            None,
        ))
    };
    let value_error = |e: &PyError| super::super::exceptions::is_subclass(&e.kind, "ValueError");
    if let Some([(ar, ai), (dr, di)]) = complex_parts(s, actual, desired, value_error)? {
        let quiet = Report::quiet();
        match assert_almost_equal(s, &ar, &dr, decimal, &quiet)
            .and_then(|()| assert_almost_equal(s, &ai, &di, decimal, &quiet))
        {
            Err(e) if e.kind == "AssertionError" => return Err(fail(s)),
            Err(e) => return Err(e),
            Ok(()) => {}
        }
    }
    let seq_like = |v: &Value| is_ndarray(v) || is_sequence(v);
    if seq_like(actual) || seq_like(desired) {
        return super::compare::array_almost_equal(s, actual, desired, decimal, report);
    }
    if let Some(r) = non_finite(s, actual, desired) {
        return if r? { Ok(()) } else { Err(fail(s)) };
    }
    let diff = s.binary(BinOp::Sub, desired, actual)?;
    let diff = s.call(
        &Value::func("abs"),
        super::super::args::Args {
            pos: vec![diff],
            kw: vec![],
        },
    )?;
    let bound = Value::NpScalar(
        crate::engine::DType::Float64,
        crate::engine::Scalar::Float(1.5 * 10f64.powf(-decimal)),
    );
    let too_far = s.compare(CmpOp::Ge, &diff, &bound)?;
    if s.truth_of(&too_far)? {
        return Err(fail(s));
    }
    Ok(())
}

/// The step `assert_almost_equal` and `assert_approx_equal` share: when
/// either value is not finite, both must be NaN or they must be equal
/// (`Some(agree)`); `None` when both are finite or the test does not
/// apply (a `TypeError` from `isfinite`).
fn non_finite(s: &mut Session, actual: &Value, desired: &Value) -> Option<PyResult<bool>> {
    let r = (|| -> PyResult<Option<bool>> {
        let finite = test(s, "isfinite", desired)? && test(s, "isfinite", actual)?;
        if finite {
            return Ok(None);
        }
        let dn = test(s, "isnan", desired)?;
        let an = test(s, "isnan", actual)?;
        if dn || an {
            return Ok(Some(dn && an));
        }
        let eq = s.compare(CmpOp::Eq, desired, actual)?;
        Ok(Some(s.truth_of(&eq)?))
    })();
    match r {
        Ok(None) => None,
        Ok(Some(b)) => Some(Ok(b)),
        Err(e) if super::super::exceptions::is_subclass(&e.kind, "TypeError") => None,
        Err(e) => Some(Err(e)),
    }
}

/// NumPy's `assert_approx_equal`: both as Python floats, scaled by the
/// power of ten of their mean magnitude, must agree to `significant`
/// digits.
fn assert_approx_equal(
    s: &mut Session,
    actual: &Value,
    desired: &Value,
    significant: f64,
    report: &Report,
) -> PyResult<()> {
    let as_float = |s: &mut Session, v: &Value| -> PyResult<f64> {
        let float = super::super::pybuiltins::builtin("float").expect("float is a builtin");
        match s.call(
            &float,
            super::super::args::Args {
                pos: vec![v.clone()],
                kw: vec![],
            },
        )? {
            Value::Float(f) => Ok(f),
            other => crate::eval::coerce::float_arg(&other),
        }
    };
    let (a, d) = (as_float(s, actual)?, as_float(s, desired)?);
    if a == d {
        return Ok(());
    }
    // `np.power(10, np.floor(np.log10(...)))` is a float64, so the
    // divisions below are NumPy's (no ZeroDivisionError).
    let scale = 10f64.powf((0.5 * (d.abs() + a.abs())).log10().floor());
    let scaled = |x: f64| x / scale;
    let (fa, fd) = (Value::Float(a), Value::Float(d));
    let fail = |s: &mut Session| {
        let header = format!(
            "Items are not equal to {} significant digits:",
            significant as i64
        );
        assertion(build_err_msg(
            s,
            &[&fa, &fd],
            &report.err_msg,
            &header,
            report,
            &["ACTUAL", "DESIRED"],
            None,
        ))
    };
    if !(d.is_finite() && a.is_finite()) {
        let agree = if d.is_nan() || a.is_nan() {
            d.is_nan() && a.is_nan()
        } else {
            d == a
        };
        return if agree { Ok(()) } else { Err(fail(s)) };
    }
    if (scaled(d) - scaled(a)).abs() >= 10f64.powf(-(significant - 1.0)) {
        return Err(fail(s));
    }
    Ok(())
}
