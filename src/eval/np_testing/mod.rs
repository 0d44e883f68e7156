//! `np.testing`: the asserts NumPy's own tests and many tutorials use.
//!
//! Each assert follows `numpy/testing/_private/utils.py` step by step, and
//! every step is an operation the session already knows (`==`, `np.isnan`,
//! `np.isclose`, indexing, truth values), so an assert agrees with what
//! the same comparison typed at the prompt gives, for every dtype the
//! session has (complex, text, datetimes, records) rather than for a list
//! kept here. Silent (`None`) when the values agree, `AssertionError` when
//! not. NumPy's failure messages start with a blank line (so a transcript
//! shows the bare `AssertionError`); the rest of the message (header,
//! `ACTUAL:`/`DESIRED:` reprs, the count of mismatched elements) is there
//! for the prompt, without NumPy's largest-difference remarks.

mod compare;
mod equal;
mod raises;
pub(super) mod temp;

use super::args::Args;
use super::error::{PyError, PyResult};
use super::session::Session;
use super::signature::{Bound, Style, bind};
use super::value::Value;

pub(super) use raises::exit_raises;

/// The module's name as `Value::Module` holds it.
pub const MODULE: &str = "numpy.testing";

/// The asserts, with NumPy's signatures (`assert_raises` and
/// `assert_raises_regex` take `*args, **kwargs` and bind themselves).
const SIGNATURES: &[&str] = &[
    "assert_(val, msg='')",
    "assert_equal(actual, desired, err_msg='', verbose=True, *, strict=False)",
    "assert_array_equal(actual, desired, err_msg='', verbose=True, *, strict=False)",
    "assert_allclose(actual, desired, rtol=1e-07, atol=0, equal_nan=True, err_msg='', verbose=True, *, strict=False)",
    "assert_almost_equal(actual, desired, decimal=7, err_msg='', verbose=True)",
    "assert_array_almost_equal(actual, desired, decimal=6, err_msg='', verbose=True)",
    "assert_approx_equal(actual, desired, significant=7, err_msg='', verbose=True)",
    "assert_array_less(x, y, err_msg='', verbose=True, *, strict=False)",
    "assert_string_equal(actual, desired)",
    "assert_array_almost_equal_nulp(x, y, nulp=1)",
    "assert_array_max_ulp(a, b, maxulp=1, dtype=None)",
    "assert_array_compare(comparison, x, y, err_msg='', verbose=True, header='', precision=6, equal_nan=True, equal_inf=True, *, strict=False, names=('ACTUAL', 'DESIRED'))",
    "build_err_msg(arrays, err_msg, header='Items are not equal:', verbose=True, names=('ACTUAL', 'DESIRED'), precision=8)",
    "assert_raises(*args, **kwargs)",
    "assert_raises_regex(exception_class, expected_regexp, *args, **kwargs)",
    "temppath(*args, **kwargs)",
    "tempdir(*args, **kwargs)",
];

/// The module's constants, as NumPy 2.4 on 64-bit Linux (CPython, the
/// wheel's ILP64 OpenBLAS) has them.
const CONSTANTS: &[(&str, bool)] = &[
    ("BLAS_SUPPORTS_FPE", true),
    ("HAS_LAPACK64", true),
    ("HAS_REFCOUNT", true),
    ("IS_64BIT", true),
    ("IS_EDITABLE", false),
    ("IS_INSTALLED", true),
    ("IS_MUSL", false),
    ("IS_PYPY", false),
    ("IS_PYSTON", false),
    ("IS_WASM", false),
    ("NOGIL_BUILD", false),
];

fn name_of(sig: &str) -> &str {
    sig.split('(').next().unwrap_or(sig)
}

/// `np.testing.NAME` as a value.
pub fn module_attr(name: &str) -> Option<Value> {
    if SIGNATURES.iter().any(|s| name_of(s) == name) {
        return Some(Value::func(&format!("np.testing.{name}")));
    }
    if name == "verbose" {
        return Some(Value::Int(0));
    }
    CONSTANTS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, b)| Value::Bool(*b))
}

/// Call `np.testing.NAME`, bound here against NumPy's signature.
pub fn call(s: &mut Session, name: &str, args: Args) -> PyResult<Value> {
    let sig = SIGNATURES
        .iter()
        .find(|sig| name_of(sig) == name)
        .ok_or_else(|| crate::eval::error::missing_module_attribute(MODULE, name))?;
    let b = bind(sig, Style::Python, &args)?;
    match name {
        "assert_" => assert_(s, &b),
        "assert_raises" => raises::assert_raises(s, b.var_pos, b.var_kw, None),
        "assert_raises_regex" => {
            let pattern = b.required("expected_regexp").clone();
            let mut pos = vec![b.required("exception_class").clone()];
            pos.extend(b.var_pos);
            raises::assert_raises(s, pos, b.var_kw, Some(pattern))
        }
        "assert_string_equal" => assert_string_equal(b.required("actual"), b.required("desired")),
        "temppath" | "tempdir" => temp::call(name, b.var_pos, b.var_kw),
        "assert_array_almost_equal_nulp" | "assert_array_max_ulp" => compare::ulp(s, name, &b),
        "assert_array_compare" => compare::general(s, &b).map(|()| Value::None),
        "build_err_msg" => build_err_msg_call(s, &b),
        "assert_equal" | "assert_almost_equal" | "assert_approx_equal" => {
            equal::call(s, name, &b).map(|()| Value::None)
        }
        _ => compare::call(s, name, &b).map(|()| Value::None),
    }
}

/// `assert_(val, msg='')`: `AssertionError(msg)` when `val` is false; a
/// callable `msg` is called for the message.
fn assert_(s: &mut Session, b: &Bound) -> PyResult<Value> {
    if s.truth_of(b.required("val"))? {
        return Ok(Value::None);
    }
    let msg = b.get("msg").cloned().unwrap_or_else(|| Value::str(""));
    let no_args = Args {
        pos: vec![],
        kw: vec![],
    };
    let msg = match s.call(&msg, no_args) {
        Ok(v) => v,
        Err(e) if e.kind == "TypeError" => msg,
        Err(e) => return Err(e),
    };
    Err(PyError::new("AssertionError", s.py_str(&msg)?))
}

/// `build_err_msg(arrays, err_msg, ...)` called directly: the message
/// text NumPy's asserts raise, as a `str`.
fn build_err_msg_call(s: &mut Session, b: &Bound) -> PyResult<Value> {
    let arrays = super::protocol::iterate(b.required("arrays"))?;
    let err_msg = s.py_str(b.required("err_msg"))?;
    let header = match b.get("header") {
        Some(v) => s.py_str(v)?,
        None => "Items are not equal:".to_string(),
    };
    let report = Report {
        err_msg: String::new(),
        verbose: match b.get("verbose") {
            Some(v) => s.truth_of(v)?,
            None => true,
        },
    };
    let names = match b.get("names") {
        Some(v) => {
            let mut texts = Vec::new();
            for item in super::protocol::iterate(v)? {
                texts.push(s.py_str(&item)?);
            }
            texts
        }
        None => vec!["ACTUAL".into(), "DESIRED".into()],
    };
    let precision = match b.get("precision") {
        Some(v) => super::coerce::int_arg(v, "precision")?.max(0) as usize,
        None => 8,
    };
    // NumPy zips the values with the names: the shorter list decides.
    let n = arrays.len().min(names.len());
    let values: Vec<&Value> = arrays.iter().take(n).collect();
    let names: Vec<&str> = names.iter().take(n).map(String::as_str).collect();
    Ok(Value::str(&build_err_msg(
        s,
        &values,
        &err_msg,
        &header,
        &report,
        &names,
        Some(precision),
    )))
}

/// `assert_string_equal`: both must be `str`; equal strings pass. NumPy
/// words a difference with `difflib`'s line diff, which slicelab has for
/// one-line strings only.
fn assert_string_equal(actual: &Value, desired: &Value) -> PyResult<Value> {
    // `str` instances, `np.str_` among them.
    let text = |v: &Value| match v {
        Value::Str(s) => Some(s.to_string()),
        Value::NpScalar(_, crate::engine::Scalar::Str(s)) => Some(s.to_string()),
        _ => None,
    };
    let (a, d) = match (text(actual), text(desired)) {
        (Some(a), Some(d)) => (a, d),
        (None, _) => return Err(PyError::new("AssertionError", type_repr(actual))),
        (_, None) => return Err(PyError::new("AssertionError", type_repr(desired))),
    };
    if a == d {
        return Ok(Value::None);
    }
    if a.contains('\n') || d.contains('\n') {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's assert_string_equal compares one-line strings only \
             (NumPy words differences between lines with difflib)",
        ));
    }
    Err(PyError::new(
        "AssertionError",
        format!("Differences in strings:\n- {a}\n+ {d}"),
    ))
}

/// `repr(type(v))`.
fn type_repr(v: &Value) -> String {
    let t =
        crate::eval::classes::type_of(v).unwrap_or_else(|| Value::Type(super::types::type_of(v)));
    super::display::repr(&t, &Default::default())
}

/// Whether NumPy's `isinstance(v, ndarray)` holds.
fn is_ndarray(v: &Value) -> bool {
    super::isinstance::isinstance(v, &Value::Type(super::value::TypeObj::NdArray))
}

/// The `err_msg`/`verbose` arguments every comparison takes.
struct Report {
    err_msg: String,
    verbose: bool,
}

impl Report {
    fn of(s: &mut Session, b: &Bound) -> PyResult<Report> {
        Ok(Report {
            err_msg: match b.get("err_msg") {
                Some(v) => s.py_str(v)?,
                None => String::new(),
            },
            verbose: match b.get("verbose") {
                Some(v) => s.truth_of(v)?,
                None => true,
            },
        })
    }

    /// No message of the caller's: what NumPy's inner asserts of complex
    /// parts get (their failure is reported as the outer one's).
    fn quiet() -> Report {
        Report {
            err_msg: String::new(),
            verbose: true,
        }
    }

    /// The same report with `prefix` before the message (`item=0\n`).
    fn within(&self, prefix: String) -> Report {
        Report {
            err_msg: prefix + &self.err_msg,
            verbose: self.verbose,
        }
    }
}

/// NumPy's `build_err_msg`: a blank line, the header (with a short
/// `err_msg` on the same line, a long one below it), then each value's
/// repr cut to three lines.
fn build_err_msg(
    s: &mut Session,
    values: &[&Value],
    err_msg: &str,
    header: &str,
    report: &Report,
    names: &[&str],
    precision: Option<usize>,
) -> String {
    let mut msg = vec![format!("\n{header}")];
    if !err_msg.is_empty() {
        if !err_msg.contains('\n') && err_msg.chars().count() + header.chars().count() < 79 {
            msg[0] = format!("{} {err_msg}", msg[0]);
        } else {
            msg.push(err_msg.to_string());
        }
    }
    if report.verbose {
        for (v, name) in values.iter().zip(names) {
            let r = if is_ndarray(v) {
                let kw = vec![("precision", Value::Int(precision.unwrap_or(8) as i128))];
                s.np("array_repr", vec![(*v).clone()], kw)
                    .and_then(|r| s.py_str(&r))
            } else {
                s.py_repr(v)
            };
            let mut r = r.unwrap_or_else(|e| format!("[repr failed: {}]", e.message));
            if r.matches('\n').count() > 3 {
                r = r.lines().take(3).collect::<Vec<_>>().join("\n") + "...";
            }
            msg.push(format!(" {name}: {r}"));
        }
    }
    msg.join("\n")
}

fn assertion(msg: String) -> PyError {
    PyError::new("AssertionError", msg)
}
