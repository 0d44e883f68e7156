//! NumPy's `assert_array_compare` and the asserts built on it
//! (`assert_array_equal`, `assert_array_almost_equal`, `assert_array_less`,
//! `assert_allclose`), and the ULP asserts. Shapes must match unless one
//! side is 0-d; NaNs (NaTs for datetimes) and infinities must sit at the
//! same places and are then left out of the comparison.

use crate::engine::DType;
use crate::engine::dtype::Kind;
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};

use super::super::args::Args;
use super::super::error::{PyError, PyResult};
use super::super::session::Session;
use super::super::signature::Bound;
use super::super::value::Value;
use super::{Report, assertion, build_err_msg};

/// How two arrays' elements must agree.
enum Comparison {
    /// `x == y`.
    Equal,
    /// `x < y`.
    Less,
    /// `abs(x - y) < 1.5 * 10**-decimal`, `y` made inexact first.
    Almost(f64),
    /// `np.isclose(x, y, rtol=, atol=, equal_nan=)`.
    Close {
        rtol: Value,
        atol: Value,
        equal_nan: Value,
    },
    /// `comparison(x, y)`: the function a caller of
    /// `assert_array_compare` gives (`numpy.ma.testutils` passes its own).
    Callable(Value),
}

/// The parameters of one `assert_array_compare` call.
struct Spec<'a> {
    comparison: Comparison,
    header: String,
    precision: usize,
    equal_nan: bool,
    equal_inf: bool,
    strict: bool,
    names: [&'a str; 2],
    report: &'a Report,
}

/// `assert_array_equal`, `assert_array_almost_equal`, `assert_array_less`
/// or `assert_allclose`, bound.
pub(super) fn call(s: &mut Session, name: &str, b: &Bound) -> PyResult<()> {
    let report = Report::of(s, b)?;
    let flag = |s: &mut Session, p: &str, default: bool| -> PyResult<bool> {
        match b.get(p) {
            Some(v) => s.truth_of(v),
            None => Ok(default),
        }
    };
    let strict = flag(s, "strict", false)?;
    match name {
        "assert_array_equal" => array_equal(
            s,
            b.required("actual"),
            b.required("desired"),
            &report,
            strict,
        ),
        "assert_array_almost_equal" => {
            let decimal = match b.get("decimal") {
                Some(v) => crate::eval::coerce::float_arg(v)?,
                None => 6.0,
            };
            array_almost_equal(
                s,
                b.required("actual"),
                b.required("desired"),
                decimal,
                &report,
            )
        }
        "assert_array_less" => {
            let spec = Spec {
                comparison: Comparison::Less,
                header: "Arrays are not strictly ordered `x < y`".into(),
                precision: 6,
                equal_nan: true,
                equal_inf: false,
                strict,
                names: ["x", "y"],
                report: &report,
            };
            array_compare(s, b.required("x"), b.required("y"), &spec)
        }
        _ => {
            let rtol = b.get("rtol").cloned().unwrap_or(Value::Float(1e-7));
            let atol = b.get("atol").cloned().unwrap_or(Value::Int(0));
            let equal_nan = flag(s, "equal_nan", true)?;
            let opts = s.print_options.clone();
            let g = |v: &Value| super::super::format_spec::format_value(v, "g", &opts);
            let header = format!(
                "Not equal to tolerance rtol={}, atol={}",
                g(&rtol)?,
                g(&atol)?
            );
            let actual = s.np("asanyarray", vec![b.required("actual").clone()], vec![])?;
            let desired = s.np("asanyarray", vec![b.required("desired").clone()], vec![])?;
            let spec = Spec {
                comparison: Comparison::Close {
                    rtol,
                    atol,
                    equal_nan: Value::Bool(equal_nan),
                },
                header,
                precision: 6,
                equal_nan,
                equal_inf: true,
                strict,
                names: ["ACTUAL", "DESIRED"],
                report: &report,
            };
            array_compare(s, &actual, &desired, &spec)
        }
    }
}

/// `assert_array_compare(comparison, x, y, ...)` itself: NumPy's helper
/// with the caller's comparison function, header, precision and names.
pub(super) fn general(s: &mut Session, b: &Bound) -> PyResult<()> {
    let report = Report::of(s, b)?;
    let flag = |s: &mut Session, p: &str, default: bool| -> PyResult<bool> {
        match b.get(p) {
            Some(v) => s.truth_of(v),
            None => Ok(default),
        }
    };
    let header = match b.get("header") {
        Some(v) => s.py_str(v)?,
        None => String::new(),
    };
    let precision = match b.get("precision") {
        Some(v) => crate::eval::coerce::int_arg(v, "precision")?.max(0) as usize,
        None => 6,
    };
    let names = match b.get("names") {
        Some(v) => {
            let items = crate::eval::protocol::iterate(v)?;
            let mut texts = Vec::with_capacity(items.len());
            for item in &items {
                texts.push(s.py_str(item)?);
            }
            texts
        }
        None => vec!["ACTUAL".into(), "DESIRED".into()],
    };
    if names.len() < 2 {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's assert_array_compare takes two names (NumPy's zip would drop a value)",
        ));
    }
    let spec = Spec {
        comparison: Comparison::Callable(b.required("comparison").clone()),
        header,
        precision,
        equal_nan: flag(s, "equal_nan", true)?,
        equal_inf: flag(s, "equal_inf", true)?,
        strict: flag(s, "strict", false)?,
        names: [&names[0], &names[1]],
        report: &report,
    };
    array_compare(s, b.required("x"), b.required("y"), &spec)
}

/// `assert_array_equal` (also what `assert_equal` does with arrays).
pub(super) fn array_equal(
    s: &mut Session,
    x: &Value,
    y: &Value,
    report: &Report,
    strict: bool,
) -> PyResult<()> {
    let spec = Spec {
        comparison: Comparison::Equal,
        header: "Arrays are not equal".into(),
        precision: 6,
        equal_nan: true,
        equal_inf: true,
        strict,
        names: ["ACTUAL", "DESIRED"],
        report,
    };
    array_compare(s, x, y, &spec)
}

/// `assert_array_almost_equal` (also `assert_almost_equal` on arrays,
/// lists and tuples).
pub(super) fn array_almost_equal(
    s: &mut Session,
    x: &Value,
    y: &Value,
    decimal: f64,
    report: &Report,
) -> PyResult<()> {
    let spec = Spec {
        comparison: Comparison::Almost(decimal),
        header: format!("Arrays are not almost equal to {} decimals", decimal as i64),
        precision: decimal.max(0.0) as usize,
        equal_nan: true,
        equal_inf: true,
        strict: false,
        names: ["ACTUAL", "DESIRED"],
        report,
    };
    array_compare(s, x, y, &spec)
}

/// NumPy's `assert_array_compare`. A `ValueError` on the way (values that
/// cannot be compared) becomes NumPy's `ValueError` "error during
/// assertion".
fn array_compare(s: &mut Session, x: &Value, y: &Value, spec: &Spec) -> PyResult<()> {
    let x = s.np("asanyarray", vec![x.clone()], vec![])?;
    let y = s.np("asanyarray", vec![y.clone()], vec![])?;
    match compare_arrays(s, &x, &y, spec) {
        Err(e)
            if super::super::exceptions::is_subclass(
                super::super::exceptions::builtin_kind(&e),
                "ValueError",
            ) =>
        {
            let header = format!(
                "error during assertion:\n\n{}: {}\n\n{}",
                super::super::exceptions::transcript_name(&e.kind),
                e.message,
                spec.header
            );
            let msg = build_err_msg(
                s,
                &[&x, &y],
                &spec.report.err_msg,
                &header,
                spec.report,
                &spec.names,
                Some(spec.precision),
            );
            Err(PyError::new("ValueError", msg))
        }
        other => other,
    }
}

fn dtype_of(s: &mut Session, v: &Value) -> PyResult<DType> {
    match s.getattr(v, "dtype")? {
        Value::DType(dt) => Ok(dt),
        other => Err(PyError::type_error(format!(
            "unexpected dtype {}",
            other.type_name()
        ))),
    }
}

fn ndim(s: &mut Session, v: &Value) -> PyResult<usize> {
    if matches!(v, Value::Bool(_)) {
        return Ok(0);
    }
    match s.getattr(v, "ndim")? {
        Value::Int(n) => Ok(n as usize),
        _ => Ok(0),
    }
}

fn np_bool(b: bool) -> Value {
    Value::NpScalar(DType::Bool, crate::engine::Scalar::Bool(b))
}

fn method(s: &mut Session, v: &Value, name: &str) -> PyResult<Value> {
    let m = s.getattr(v, name)?;
    s.call(
        &m,
        Args {
            pos: vec![],
            kw: vec![],
        },
    )
}

/// NumPy's `robust_any_difference`: `(x == y).all() != True`.
fn any_difference(s: &mut Session, x: &Value, y: &Value) -> PyResult<bool> {
    let eq = s.compare(CmpOp::Eq, x, y)?;
    let all = match eq {
        Value::Bool(b) => np_bool(b),
        other => method(s, &other, "all")?,
    };
    let ne = s.compare(CmpOp::Ne, &all, &Value::Bool(true))?;
    s.truth_of(&ne)
}

fn shape_text(s: &mut Session, v: &Value) -> PyResult<(Value, String)> {
    let shape = s.getattr(v, "shape")?;
    let text = s.py_repr(&shape)?;
    Ok((shape, text))
}

fn compare_arrays(s: &mut Session, x: &Value, y: &Value, spec: &Spec) -> PyResult<()> {
    let report = spec.report;
    let fail = |s: &mut Session, x: &Value, y: &Value, err_msg: String| {
        assertion(build_err_msg(
            s,
            &[x, y],
            &err_msg,
            &spec.header,
            report,
            &spec.names,
            Some(spec.precision),
        ))
    };
    let ((xs, xs_text), (ys, ys_text)) = (shape_text(s, x)?, shape_text(s, y)?);
    let (xd, yd) = (dtype_of(s, x)?, dtype_of(s, y)?);
    let same_shape = xs_text == ys_text;
    let cond = if spec.strict {
        same_shape && xd == yd
    } else {
        xs_text == "()" || ys_text == "()" || same_shape
    };
    if !cond {
        let reason = if !same_shape {
            format!("\n(shapes {xs_text}, {ys_text} mismatch)")
        } else {
            format!("\n(dtypes {}, {} mismatch)", xd.name(), yd.name())
        };
        return Err(fail(s, x, y, report.err_msg.clone() + &reason));
    }
    let _ = (xs, ys);
    let number = |d: &DType| {
        matches!(
            d.kind(),
            Kind::Bool | Kind::Int | Kind::UInt | Kind::Float | Kind::Complex
        )
    };
    let mut flagged = np_bool(false);
    if number(&xd) && number(&yd) {
        if spec.equal_nan {
            let isnan = |s: &mut Session, v: &Value| s.np("isnan", vec![v.clone()], vec![]);
            flagged = same_position(s, x, y, &isnan, "nan", spec)?;
        }
        if spec.equal_inf {
            let not_flagged = s.unary(UnaryOp::Invert, &flagged)?;
            let isinf = |s: &mut Session, v: &Value| {
                let inf = s.np("isinf", vec![v.clone()], vec![])?;
                s.np("logical_and", vec![inf, not_flagged.clone()], vec![])
            };
            let infs = same_position(s, x, y, &isinf, "inf", spec)?;
            same_inf_values(s, x, y, &infs, spec)?;
            flagged = s.binary(BinOp::BitOr, &flagged, &infs)?;
        }
    } else if let (DType::Time(_, xdelta), DType::Time(_, ydelta)) = (&xd, &yd)
        && spec.equal_nan
        && xdelta == ydelta
    {
        let isnat = |s: &mut Session, v: &Value| s.np("isnat", vec![v.clone()], vec![]);
        flagged = same_position(s, x, y, &isnat, "NaT", spec)?;
    }
    let (mut x, mut y) = (x.clone(), y.clone());
    if ndim(s, &flagged)? > 0 {
        let keep = s.unary(UnaryOp::Invert, &flagged)?;
        x = s.getitem(&x, &keep)?;
        y = s.getitem(&y, &keep)?;
        if matches!(s.getattr(&x, "size")?, Value::Int(0)) {
            return Ok(());
        }
    } else if s.truth_of(&flagged)? {
        return Ok(());
    }
    let val = compare_values(s, &x, &y, &spec.comparison)?;
    let (cond, reduced) = match &val {
        // A Python bool (NumPy: `reduced = array([val])`).
        Value::Bool(b) => {
            let one = Value::list(vec![Value::Bool(*b)]);
            (np_bool(*b), Some(s.np("array", vec![one], vec![])?))
        }
        v => {
            let r = method(s, v, "ravel")?;
            (method(s, &r, "all")?, Some(r))
        }
    };
    let ne = s.compare(CmpOp::Ne, &cond, &Value::Bool(true))?;
    if !s.truth_of(&ne)? {
        return Ok(());
    }
    let mut err_msg = report.err_msg.clone();
    if let Some(remark) = mismatch_remark(s, reduced.as_ref(), &flagged)? {
        err_msg = format!("{err_msg}\n{remark}");
    }
    let (ox, oy) = (
        s.np("asanyarray", vec![x.clone()], vec![])?,
        s.np("asanyarray", vec![y.clone()], vec![])?,
    );
    Err(fail(s, &ox, &oy, err_msg))
}

/// NumPy's first remark: `Mismatched elements: 1 / 3 (33.3%)`.
fn mismatch_remark(
    s: &mut Session,
    reduced: Option<&Value>,
    flagged: &Value,
) -> PyResult<Option<String>> {
    let Some(Value::Array(r)) = reduced else {
        return Ok(None);
    };
    let size = r.size();
    let agree = r
        .to_scalars()
        .iter()
        .filter(|v| crate::engine::element::scalar_as_f64(v) != 0.0)
        .count();
    let n = if ndim(s, flagged)? != 0 {
        match s.getattr(flagged, "size")? {
            Value::Int(n) => n as usize,
            _ => size,
        }
    } else {
        size
    };
    let mismatch = size - agree;
    let percent = 100.0 * mismatch as f64 / n as f64;
    let opts = s.print_options.clone();
    let p = super::super::format_spec::format_value(&Value::Float(percent), ".3g", &opts)?;
    Ok(Some(format!(
        "Mismatched elements: {mismatch} / {n} ({p}%)"
    )))
}

/// NumPy's `func_assert_same_pos`: `func` must flag the same places in
/// both; the flags come back (as one `np.bool` when either side is 0-d).
fn same_position(
    s: &mut Session,
    x: &Value,
    y: &Value,
    func: &dyn Fn(&mut Session, &Value) -> PyResult<Value>,
    hasval: &str,
    spec: &Spec,
) -> PyResult<Value> {
    let (x_id, y_id) = (func(s, x)?, func(s, y)?);
    if any_difference(s, &x_id, &y_id)? {
        let err_msg = format!("{}\n{hasval} location mismatch:", spec.report.err_msg);
        return Err(assertion(build_err_msg(
            s,
            &[x, y],
            &err_msg,
            &spec.header,
            spec.report,
            &spec.names,
            Some(spec.precision),
        )));
    }
    if ndim(s, &x_id)? == 0 {
        return Ok(np_bool(s.truth_of(&x_id)?));
    }
    if ndim(s, &y_id)? == 0 {
        return Ok(np_bool(s.truth_of(&y_id)?));
    }
    Ok(y_id)
}

/// NumPy's `assert_same_inf_values`: where both are infinite, the signs
/// must agree.
fn same_inf_values(
    s: &mut Session,
    x: &Value,
    y: &Value,
    mask: &Value,
    spec: &Spec,
) -> PyResult<()> {
    let any = method(s, mask, "any")?;
    if !s.truth_of(&any)? {
        return Ok(());
    }
    let (x, y) = if ndim(s, x)? > 0 && ndim(s, y)? > 0 {
        (s.getitem(x, mask)?, s.getitem(y, mask)?)
    } else {
        let all = method(s, mask, "all")?;
        if !s.truth_of(&all)? {
            return Err(assertion(String::new()));
        }
        (x.clone(), y.clone())
    };
    if any_difference(s, &x, &y)? {
        let err_msg = format!("{}\ninf values mismatch:", spec.report.err_msg);
        return Err(assertion(build_err_msg(
            s,
            &[&x, &y],
            &err_msg,
            &spec.header,
            spec.report,
            &spec.names,
            Some(spec.precision),
        )));
    }
    Ok(())
}

/// The element comparison of one assert.
fn compare_values(s: &mut Session, x: &Value, y: &Value, c: &Comparison) -> PyResult<Value> {
    match c {
        Comparison::Equal => s.compare(CmpOp::Eq, x, y),
        Comparison::Less => s.compare(CmpOp::Lt, x, y),
        Comparison::Callable(f) => s.call(
            f,
            Args {
                pos: vec![x.clone(), y.clone()],
                kw: vec![],
            },
        ),
        Comparison::Close {
            rtol,
            atol,
            equal_nan,
        } => s.np(
            "isclose",
            vec![x.clone(), y.clone()],
            vec![
                ("rtol", rtol.clone()),
                ("atol", atol.clone()),
                ("equal_nan", equal_nan.clone()),
            ],
        ),
        Comparison::Almost(decimal) => {
            let dt = s.np("result_type", vec![y.clone(), Value::Float(1.0)], vec![])?;
            let y = s.np("asanyarray", vec![y.clone()], vec![("dtype", dt)])?;
            let diff = s.binary(BinOp::Sub, x, &y)?;
            let mut z = s.call(
                &Value::func("abs"),
                Args {
                    pos: vec![diff],
                    kw: vec![],
                },
            )?;
            let numeric = |d: &DType| {
                matches!(
                    d.kind(),
                    Kind::Bool | Kind::Int | Kind::UInt | Kind::Float | Kind::Complex
                )
            };
            if !numeric(&dtype_of(s, &z)?) {
                let astype = s.getattr(&z, "astype")?;
                z = s.call(
                    &astype,
                    Args {
                        pos: vec![Value::DType(DType::Float64)],
                        kw: vec![],
                    },
                )?;
            }
            s.compare(CmpOp::Lt, &z, &Value::Float(1.5 * 10f64.powf(-decimal)))
        }
    }
}

/// `assert_array_almost_equal_nulp` and `assert_array_max_ulp`.
pub(super) fn ulp(s: &mut Session, name: &str, b: &Bound) -> PyResult<Value> {
    let opts = s.print_options.clone();
    let g = |v: &Value| super::super::format_spec::format_value(v, "g", &opts);
    if name == "assert_array_max_ulp" {
        let (a, bb) = (b.required("a"), b.required("b"));
        let maxulp = b.get("maxulp").cloned().unwrap_or(Value::Int(1));
        let ret = nulp_diff(s, a, bb, b.get_some("dtype"))?;
        let within = s.compare(CmpOp::Le, &ret, &maxulp)?;
        let all = s.np("all", vec![within], vec![])?;
        if !s.truth_of(&all)? {
            let max = s.np("max", vec![ret], vec![])?;
            return Err(assertion(format!(
                "Arrays are not almost equal up to {} ULP (max difference is {} ULP)",
                g(&maxulp)?,
                g(&max)?
            )));
        }
        return Ok(ret);
    }
    let (x, y) = (b.required("x"), b.required("y"));
    let nulp = b.get("nulp").cloned().unwrap_or(Value::Int(1));
    let ax = s.np("abs", vec![x.clone()], vec![])?;
    let ay = s.np("abs", vec![y.clone()], vec![])?;
    let bigger = s.compare(CmpOp::Gt, &ax, &ay)?;
    let larger = s.np("where", vec![bigger, ax, ay], vec![])?;
    let spacing = s.np("spacing", vec![larger], vec![])?;
    let reference = s.binary(BinOp::Mul, &nulp, &spacing)?;
    let diff = s.binary(BinOp::Sub, x, y)?;
    let diff = s.np("abs", vec![diff], vec![])?;
    let within = s.compare(CmpOp::Le, &diff, &reference)?;
    let all = s.np("all", vec![within], vec![])?;
    if s.truth_of(&all)? {
        return Ok(Value::None);
    }
    let complex = |s: &mut Session, v: &Value| -> PyResult<bool> {
        let r = s.np("iscomplexobj", vec![v.clone()], vec![])?;
        s.truth_of(&r)
    };
    let nulp_text = s.py_str(&nulp)?;
    if complex(s, x)? || complex(s, y)? {
        return Err(assertion(format!(
            "Arrays are not equal to {nulp_text} ULP"
        )));
    }
    let d = nulp_diff(s, x, y, None)?;
    let max = s.np("max", vec![d], vec![])?;
    Err(assertion(format!(
        "Arrays are not equal to {nulp_text} ULP (max is {})",
        g(&max)?
    )))
}

/// NumPy's `nulp_diff`: how many representable floats lie between each
/// pair, from the floats' bits read as sign-magnitude integers.
fn nulp_diff(s: &mut Session, x: &Value, y: &Value, dtype: Option<&Value>) -> PyResult<Value> {
    let kw = |d: Option<&Value>| d.map(|d| vec![("dtype", d.clone())]).unwrap_or_default();
    let x = s.np("asarray", vec![x.clone()], kw(dtype))?;
    let y = s.np("asarray", vec![y.clone()], kw(dtype))?;
    let t = s.np("common_type", vec![x.clone(), y.clone()], vec![])?;
    let complex = |s: &mut Session, v: &Value| -> PyResult<bool> {
        let r = s.np("iscomplexobj", vec![v.clone()], vec![])?;
        s.truth_of(&r)
    };
    if complex(s, &x)? || complex(s, &y)? {
        return Err(PyError::new(
            "NotImplementedError",
            "_nulp not implemented for complex array",
        ));
    }
    let x = s.np(
        "array",
        vec![Value::list(vec![x])],
        vec![("dtype", t.clone())],
    )?;
    let y = s.np(
        "array",
        vec![Value::list(vec![y])],
        vec![("dtype", t.clone())],
    )?;
    for v in [&x, &y] {
        let nan = s.np("isnan", vec![v.clone()], vec![])?;
        s.setitem(v, &nan, &Value::Float(f64::NAN))?;
    }
    let ((_, xs), (_, ys)) = (shape_text(s, &x)?, shape_text(s, &y)?);
    if xs != ys {
        return Err(PyError::value(format!(
            "Arrays do not have the same shape: {xs} - {ys}"
        )));
    }
    let rx = integer_repr(s, &x)?;
    let ry = integer_repr(s, &y)?;
    let diff = s.binary(BinOp::Sub, &rx, &ry)?;
    let diff = s.np("asarray", vec![diff], vec![("dtype", t)])?;
    s.np("abs", vec![diff], vec![])
}

/// NumPy's `integer_repr`: a float array's bits as sign-magnitude
/// integers of the same width.
fn integer_repr(s: &mut Session, x: &Value) -> PyResult<Value> {
    let (int, bits) = match dtype_of(s, x)? {
        DType::Float16 => (DType::Int16, 15),
        DType::Float32 => (DType::Int32, 31),
        DType::Float64 => (DType::Int64, 63),
        other => {
            return Err(PyError::value(format!(
                "Unsupported dtype {}",
                other.name()
            )));
        }
    };
    let comp = Value::NpScalar(
        int.clone(),
        crate::engine::Scalar::Int(-(1i64 << (bits - 1)) * 2),
    );
    let view = s.getattr(x, "view")?;
    let rx = s.call(
        &view,
        Args {
            pos: vec![Value::DType(int)],
            kw: vec![],
        },
    )?;
    let negative = s.compare(CmpOp::Lt, &rx, &Value::Int(0))?;
    let neg = s.getitem(&rx, &negative)?;
    let flipped = s.binary(BinOp::Sub, &comp, &neg)?;
    s.setitem(&rx, &negative, &flipped)?;
    Ok(rx)
}
