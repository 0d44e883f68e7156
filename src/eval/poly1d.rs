//! `np.poly1d`, the legacy one-variable polynomial class of
//! `numpy/lib/_polynomial_impl.py`, replayed method by method.
//!
//! A `poly1d` holds its coefficient array (highest power first) and the
//! name of its variable. As in NumPy the coefficients are whatever
//! `trim_zeros(atleast_1d(c_or_r), 'f')` returned: a *view* of an array the
//! learner passed, so `p[0] = 5` writes into that array (through the
//! session's ordinary, logged setitem). Arithmetic calls the legacy
//! functions of `poly.rs` on the coefficients and wraps the result, so
//! dtypes and digits are theirs; `__str__` builds NumPy's two lines with
//! `_raise_power`'s wrapping at 70 columns. An operand NumPy would turn
//! into an array first (`ndarray + poly1d`, `np.sum(p)`) is the
//! coefficient array; NumPy functions other than the polynomial ones and
//! the array constructors are refused rather than guessed.

use super::object::{Poly1d, as_poly, is_poly};
use super::object_repr::nonzero;
use std::cell::RefCell;
use std::rc::Rc;

use crate::engine::dtype::{DType, Kind};
use crate::engine::element::scalar_as_f64;
use crate::engine::index::{self, IndexItem, Indexed};
use crate::engine::{ArrayRef, NdArray, Scalar};
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};

use super::error::{PyError, PyResult};
use super::object::{Obj, object};
use super::value::{TypeObj, Value};
use crate::eval::args::Args;
use crate::eval::convert::as_array;
use crate::eval::reshaping::concatenate;
use crate::eval::session::Session;

impl Poly1d {
    /// The coefficient array itself (`p.coeffs`).
    pub fn coeffs(&self) -> ArrayRef {
        self.coeffs.borrow().clone()
    }
    pub(super) fn order(&self) -> i64 {
        self.coeffs.borrow().shape().first().copied().unwrap_or(1) as i64 - 1
    }
}

fn not_impl(what: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("slicelab does not implement {what} yet"),
    )
}

fn wrap(coeffs: ArrayRef, variable: Rc<str>) -> Value {
    object(Obj::Poly1d(Poly1d {
        coeffs: RefCell::new(coeffs),
        variable,
    }))
}

/// `atleast_1d(c)`: an array of at least one dimension is itself.
fn atleast_1d(v: &Value) -> PyResult<ArrayRef> {
    let a = as_array(v)?;
    Ok(if a.ndim() == 0 {
        NdArray::from_scalars(&[1], a.dtype().clone(), &[a.first()])?
    } else {
        a
    })
}

/// `poly1d(c)` from anything but a poly1d: `atleast_1d`, 1-d check,
/// `trim_zeros(c, 'f')` (a slice, so a view of an array argument), `[0]`
/// of the same dtype when nothing is left.
fn from_coeffs(v: &Value, variable: Rc<str>) -> PyResult<Value> {
    let a = atleast_1d(v)?;
    if a.ndim() > 1 {
        return Err(PyError::value("Polynomial must be 1d only."));
    }
    if !matches!(
        a.dtype().native().kind(),
        Kind::Bool | Kind::Int | Kind::UInt | Kind::Float | Kind::Complex
    ) {
        return Err(not_impl(&format!(
            "np.poly1d of {} coefficients",
            a.dtype().name()
        )));
    }
    let vals = a.to_scalars();
    let first = vals.iter().position(nonzero);
    let trimmed = match first {
        Some(k) => match index::get(&a, &[IndexItem::Slice(Some(k as i64), None, None)])? {
            Indexed::Array(v) => v,
            Indexed::Scalar(_) => return Err(not_impl("this poly1d")),
        },
        None => {
            let dt = a.dtype().native();
            NdArray::zeros(&[1], dt)?
        }
    };
    Ok(wrap(trimmed, variable))
}

fn is_true(s: &mut Session, v: Option<&Value>) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(v) => s.truth_of(v),
    }
}

/// Bind `args` against a Python method's parameters with CPython's
/// messages (`poly1d.__init__() got an unexpected keyword argument 'x'`).
/// `required` counts the leading parameters without defaults.
fn bind<'a>(
    func: &str,
    params: &[&str],
    required: usize,
    args: &'a Args,
) -> PyResult<Vec<Option<&'a Value>>> {
    if args.pos.len() > params.len() {
        let (lo, hi) = (required + 1, params.len() + 1);
        let takes = if lo == hi {
            format!("{lo} positional argument{}", if lo == 1 { "" } else { "s" })
        } else {
            format!("from {lo} to {hi} positional arguments")
        };
        return Err(PyError::type_error(format!(
            "{func}() takes {takes} but {} were given",
            args.pos.len() + 1
        )));
    }
    let mut out: Vec<Option<&Value>> = params.iter().map(|_| None).collect();
    for (k, v) in args.pos.iter().enumerate() {
        out[k] = Some(v);
    }
    for (name, v) in &args.kw {
        let Some(k) = params.iter().position(|p| p == name) else {
            return Err(PyError::type_error(format!(
                "{func}() got an unexpected keyword argument '{name}'"
            )));
        };
        if out[k].is_some() {
            return Err(PyError::type_error(format!(
                "{func}() got multiple values for argument '{name}'"
            )));
        }
        out[k] = Some(v);
    }
    let missing: Vec<&str> = (0..required)
        .filter(|&k| out[k].is_none())
        .map(|k| params[k])
        .collect();
    if let Some(first) = missing.first() {
        if missing.len() == 1 {
            return Err(PyError::type_error(format!(
                "{func}() missing 1 required positional argument: '{first}'"
            )));
        }
        return Err(not_impl("this call with several missing arguments"));
    }
    Ok(out)
}

/// `np.poly1d(c_or_r, r=False, variable=None)`.
pub fn construct(s: &mut Session, args: Args) -> PyResult<Value> {
    let got = bind("poly1d.__init__", &["c_or_r", "r", "variable"], 1, &args)?;
    let c = got[0].cloned().unwrap_or(Value::None);
    let variable: Option<Rc<str>> = match got[2] {
        None | Some(Value::None) => None,
        Some(Value::Str(t)) => Some(Rc::from(t.as_ref())),
        Some(_) => return Err(not_impl("a poly1d variable that is not a str")),
    };
    if let Some(p) = as_poly(&c) {
        return Ok(wrap(
            p.coeffs(),
            variable.unwrap_or_else(|| p.variable.clone()),
        ));
    }
    let var = variable.unwrap_or_else(|| Rc::from("x"));
    let c = if is_true(s, got[1])? {
        poly_call("poly", vec![c])?
    } else {
        c
    };
    from_coeffs(&c, var)
}

fn poly_call(name: &str, pos: Vec<Value>) -> PyResult<Value> {
    super::poly::call(name, &Args { pos, kw: vec![] })
}

/// `poly1d(v)` for an operand: a poly1d stays itself.
fn coerce(v: &Value) -> PyResult<Value> {
    if is_poly(v) {
        return Ok(v.clone());
    }
    from_coeffs(v, Rc::from("x"))
}

fn coeffs_of(v: &Value) -> PyResult<Value> {
    match as_poly(v) {
        Some(p) => Ok(Value::Array(p.coeffs())),
        None => Err(PyError::type_error("not a poly1d")),
    }
}

/// The value unchanged, or the coefficient array of a poly1d (what
/// NumPy's `__array__` gives every array-taking routine).
pub fn unwrap(v: &Value) -> Value {
    match as_poly(v) {
        Some(p) => Value::Array(p.coeffs()),
        None => v.clone(),
    }
}

/// `len(p)`: its order.
pub fn len(p: &Poly1d) -> i64 {
    p.order()
}

/// `p.NAME`.
pub fn attr(s: &mut Session, obj: &Value, name: &str) -> PyResult<Value> {
    let Some(p) = as_poly(obj) else {
        return Err(PyError::type_error("not a poly1d"));
    };
    match name {
        "coeffs" | "c" | "coef" | "coefficients" | "_coeffs" => Ok(Value::Array(p.coeffs())),
        "variable" | "_variable" => Ok(Value::str(&p.variable)),
        "order" | "o" => Ok(Value::Int(p.order() as i128)),
        "roots" | "r" => s.call(
            &Value::func("np.roots"),
            Args {
                pos: vec![Value::Array(p.coeffs())],
                kw: vec![],
            },
        ),
        "deriv" | "integ" | "__call__" | "__len__" | "__getitem__" | "__setitem__" | "__iter__" => {
            Ok(Value::Method(Rc::new(obj.clone()), Rc::from(name)))
        }
        "__class__" => Ok(Value::Type(TypeObj::Builtin(crate::eval::types::POLY1D))),
        "__hash__" => Ok(Value::None),
        _ if name.starts_with("__") => Err(not_impl(&format!("poly1d.{name}"))),
        _ => Err(PyError::attribute("poly1d", name)),
    }
}

/// `p.NAME = value`: only `coeffs` may be "set", to itself (so that
/// `p.coeffs *= 2` works); other attributes are refused.
pub fn setattr(obj: &Value, name: &str, value: &Value) -> PyResult<()> {
    let Some(p) = as_poly(obj) else {
        return Err(PyError::type_error("not a poly1d"));
    };
    match (name, value) {
        ("coeffs" | "c" | "coef" | "coefficients", Value::Array(a))
            if Rc::ptr_eq(a, &p.coeffs()) =>
        {
            Ok(())
        }
        ("coeffs" | "c" | "coef" | "coefficients", _) => {
            Err(PyError::new("AttributeError", "Cannot set attribute"))
        }
        ("variable" | "order" | "o" | "roots" | "r", _) => Err(PyError::new(
            "AttributeError",
            format!("property '{name}' of 'poly1d' object has no setter"),
        )),
        _ => Err(not_impl(&format!("setting poly1d.{name}"))),
    }
}

/// `p.deriv(...)`, `p.integ(...)`, `p(...)` and the dunders as methods.
pub fn call_method(s: &mut Session, obj: &Value, name: &str, args: Args) -> PyResult<Value> {
    let Some(p) = as_poly(obj) else {
        return Err(PyError::type_error("not a poly1d"));
    };
    let coeffs = Value::Array(p.coeffs());
    match name {
        "deriv" => {
            let got = bind("poly1d.deriv", &["m"], 0, &args)?;
            let m = got[0].cloned().unwrap_or(Value::Int(1));
            from_coeffs(&poly_call("polyder", vec![coeffs, m])?, Rc::from("x"))
        }
        "integ" => {
            let got = bind("poly1d.integ", &["m", "k"], 0, &args)?;
            let m = got[0].cloned().unwrap_or(Value::Int(1));
            let k = got[1].cloned().unwrap_or(Value::Int(0));
            from_coeffs(&poly_call("polyint", vec![coeffs, m, k])?, Rc::from("x"))
        }
        "__call__" => call(s, obj, args),
        "__len__" => {
            bind("poly1d.__len__", &[], 0, &args)?;
            Ok(Value::Int(p.order() as i128))
        }
        "__getitem__" => {
            let got = bind("poly1d.__getitem__", &["val"], 1, &args)?;
            getitem(obj, got[0].unwrap_or(&Value::None))
        }
        "__setitem__" => {
            let got = bind("poly1d.__setitem__", &["key", "val"], 2, &args)?;
            setitem(
                s,
                obj,
                got[0].unwrap_or(&Value::None),
                got[1].unwrap_or(&Value::None),
            )?;
            Ok(Value::None)
        }
        "__iter__" => {
            bind("poly1d.__iter__", &[], 0, &args)?;
            s.iter_value(&coeffs)
        }
        _ => Err(PyError::attribute("poly1d", name)),
    }
}

/// `p(val)`: `polyval(p.coeffs, val)`.
pub fn call(s: &mut Session, obj: &Value, args: Args) -> PyResult<Value> {
    let got = bind("poly1d.__call__", &["val"], 1, &args)?;
    let coeffs = coeffs_of(obj)?;
    polyval(s, &coeffs, got[0].unwrap_or(&Value::None))
}

/// `np.polyval(p, x)`; a poly1d `x` runs Horner's loop through the
/// operators (`y = 0`, then `y * x + pv`), as NumPy's Python does.
fn polyval(s: &mut Session, p: &Value, x: &Value) -> PyResult<Value> {
    if !is_poly(x) {
        return poly_call("polyval", vec![unwrap(p), x.clone()]);
    }
    let p = as_array(&unwrap(p))?;
    if p.ndim() == 0 {
        return Err(PyError::type_error("iteration over a 0-d array"));
    }
    let mut y = Value::Int(0);
    for k in 0..p.shape()[0] {
        crate::engine::interrupt::check()?;
        let pv = match index::get(&p, &[IndexItem::Int(k as i64)])? {
            Indexed::Array(v) => Value::Array(v),
            Indexed::Scalar(sc) => Value::NpScalar(p.dtype().native(), sc),
        };
        let yx = s.binary(BinOp::Mul, &y, x)?;
        y = s.binary(BinOp::Add, &yx, &pv)?;
    }
    Ok(y)
}

/// `p[val]`: the coefficient of `x**val`, zero of the dtype outside.
pub fn getitem(obj: &Value, idx: &Value) -> PyResult<Value> {
    let Some(p) = as_poly(obj) else {
        return Err(PyError::type_error("not a poly1d"));
    };
    let Some(val) = int_index(idx) else {
        return Err(not_impl(&format!(
            "indexing a poly1d with {}",
            idx.type_name()
        )));
    };
    let c = p.coeffs();
    let order = p.order() as i128;
    if val > order || val < 0 {
        let dt = c.dtype().native();
        let zero = NdArray::zeros(&[], dt.clone())?.first();
        return Ok(Value::NpScalar(dt, zero));
    }
    match index::get(&c, &[IndexItem::Int((order - val) as i64)])? {
        Indexed::Array(v) => Ok(Value::Array(v)),
        Indexed::Scalar(sc) => Ok(Value::NpScalar(c.dtype().native(), sc)),
    }
}

fn int_index(v: &Value) -> Option<i128> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i128),
        Value::NpScalar(dt, Scalar::Int(i)) if dt.is_integer() => Some(*i as i128),
        Value::NpScalar(dt, Scalar::UInt(u)) if dt.is_integer() => Some(*u as i128),
        _ => None,
    }
}

/// `p[key] = val`: past the order the coefficients become a new array
/// with leading zeros; the write itself is an ordinary array setitem.
pub fn setitem(s: &mut Session, obj: &Value, key: &Value, val: &Value) -> PyResult<()> {
    let Some(p) = as_poly(obj) else {
        return Err(PyError::type_error("not a poly1d"));
    };
    let Some(key) = int_index(key) else {
        return Err(not_impl(&format!(
            "assigning to a poly1d item with a {} key",
            key.type_name()
        )));
    };
    let order = p.order() as i128;
    let mut ind = order - key;
    if key < 0 {
        return Err(PyError::value("Does not support negative powers."));
    }
    if key > order {
        let extra = usize::try_from(key - order).map_err(|_| PyError::new("MemoryError", ""))?;
        let c = p.coeffs();
        let zr = NdArray::zeros(&[extra], c.dtype().native())?;
        let joined = concatenate(&[zr, c], Some(0))?;
        *p.coeffs.borrow_mut() = joined;
        ind = 0;
    }
    s.setitem(&Value::Array(p.coeffs()), &Value::Int(ind), val)
}

/// Is `v` a scalar to `np.isscalar`?
fn isscalar(v: &Value) -> bool {
    matches!(
        v,
        Value::Int(_) | Value::Float(_) | Value::Complex(..) | Value::Bool(_) | Value::Str(_)
    ) || matches!(v, Value::NpScalar(..))
}

/// `l OP r` when either side is a poly1d (None otherwise).
pub fn binary(s: &mut Session, op: BinOp, l: &Value, r: &Value) -> Option<PyResult<Value>> {
    let (lp, rp) = (is_poly(l), is_poly(r));
    if !lp && !rp {
        return None;
    }
    Some(binary_poly(s, op, l, r, lp))
}

fn binary_poly(s: &mut Session, op: BinOp, l: &Value, r: &Value, lp: bool) -> PyResult<Value> {
    let x = Rc::from("x");
    let unsupported = || {
        PyError::type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op.error_symbol(),
            l.type_name(),
            r.type_name()
        ))
    };
    if !lp {
        // `ndarray OP poly1d`: NumPy's operator takes the poly1d as the
        // array its `__array__` gives.
        if super::ops::is_numpy(l) {
            return s.binary(op, l, &unwrap(r));
        }
        let other = l;
        let me = coeffs_of(r)?;
        return match op {
            BinOp::Add => {
                let o = coeffs_of(&coerce(other)?)?;
                from_coeffs(&poly_call("polyadd", vec![me, o])?, x)
            }
            BinOp::Sub => {
                let o = coeffs_of(&coerce(other)?)?;
                from_coeffs(&poly_call("polysub", vec![o, me])?, x)
            }
            BinOp::Mul => {
                if isscalar(other) {
                    from_coeffs(&s.binary(BinOp::Mul, other, &me)?, x)
                } else {
                    let o = coeffs_of(&coerce(other)?)?;
                    from_coeffs(&poly_call("polymul", vec![me, o])?, x)
                }
            }
            BinOp::Div => {
                if isscalar(other) {
                    from_coeffs(&s.binary(BinOp::Div, other, &me)?, x)
                } else {
                    polydiv(&coerce(other)?, r)
                }
            }
            _ => Err(unsupported()),
        };
    }
    let me = coeffs_of(l)?;
    let other = r;
    match op {
        BinOp::Add => {
            let o = coeffs_of(&coerce(other)?)?;
            from_coeffs(&poly_call("polyadd", vec![me, o])?, x)
        }
        BinOp::Sub => {
            let o = coeffs_of(&coerce(other)?)?;
            from_coeffs(&poly_call("polysub", vec![me, o])?, x)
        }
        BinOp::Mul => {
            if isscalar(other) {
                from_coeffs(&s.binary(BinOp::Mul, &me, other)?, x)
            } else {
                let o = coeffs_of(&coerce(other)?)?;
                from_coeffs(&poly_call("polymul", vec![me, o])?, x)
            }
        }
        BinOp::Div => {
            if isscalar(other) {
                from_coeffs(&s.binary(BinOp::Div, &me, other)?, x)
            } else {
                polydiv(l, &coerce(other)?)
            }
        }
        BinOp::Pow => power(s, &me, other),
        _ if super::ops::is_numpy(other) => Err(not_impl(&format!(
            "poly1d {} {}",
            op.error_symbol(),
            other.type_name()
        ))),
        _ => Err(unsupported()),
    }
}

/// `np.polydiv(u, v)` of poly1d operands: a tuple of two poly1d.
fn polydiv(u: &Value, v: &Value) -> PyResult<Value> {
    let out = poly_call("polydiv", vec![unwrap(u), unwrap(v)])?;
    let Value::Tuple(qr) = out else {
        return Ok(out);
    };
    let parts = qr
        .iter()
        .map(|a| from_coeffs(a, Rc::from("x")))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(Value::tuple(parts))
}

/// `p ** val`: `polymul` `val` times from `[1]`.
fn power(s: &mut Session, me: &Value, val: &Value) -> PyResult<Value> {
    let bad = || PyError::value("Power to non-negative integers only.");
    if !isscalar(val) {
        return Err(bad());
    }
    let f = match val {
        Value::Int(i) => *i as f64,
        Value::Bool(b) => *b as i64 as f64,
        Value::Float(f) => *f,
        Value::NpScalar(_, sc @ (Scalar::Int(_) | Scalar::UInt(_) | Scalar::Bool(_))) => {
            scalar_as_f64(sc)
        }
        Value::NpScalar(_, Scalar::Float(f)) => *f,
        _ => return Err(not_impl(&format!("poly1d ** {}", val.type_name()))),
    };
    if f.trunc() != f || f < 0.0 {
        return Err(bad());
    }
    // `range(val)`: a float is refused even when integral.
    let n = match val {
        Value::Float(_) | Value::NpScalar(_, Scalar::Float(_)) => {
            return Err(PyError::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                val.type_name()
            )));
        }
        _ => f as u64,
    };
    let mut res = Value::list(vec![Value::Int(1)]);
    for _ in 0..n {
        crate::engine::interrupt::check()?;
        res = poly_call("polymul", vec![me.clone(), res])?;
    }
    let _ = s;
    from_coeffs(&res, Rc::from("x"))
}

/// `-p`, `+p`, `~p`.
pub fn unary(op: UnaryOp, v: &Value) -> Option<PyResult<Value>> {
    let p = as_poly(v)?;
    Some(match op {
        UnaryOp::Neg => (|| {
            let neg =
                crate::engine::kernels::unary(crate::engine::kernels::UnaryOp::Neg, &p.coeffs())?;
            from_coeffs(&Value::Array(neg), Rc::from("x"))
        })(),
        UnaryOp::Pos => Ok(v.clone()),
        UnaryOp::Invert => Err(PyError::type_error(
            "bad operand type for unary ~: 'poly1d'",
        )),
        UnaryOp::Not => return None,
    })
}

/// `l == r`, `l != r` with a poly1d on either side.
pub fn compare(s: &mut Session, op: CmpOp, l: &Value, r: &Value) -> Option<PyResult<Value>> {
    let (lp, rp) = (as_poly(l), as_poly(r));
    if lp.is_none() && rp.is_none() {
        return None;
    }
    Some((|| {
        if let (Some(a), Some(b)) = (lp, rp) {
            if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                return Err(order_error(op, l, r));
            }
            let (ca, cb) = (a.coeffs(), b.coeffs());
            let eq = if ca.shape() != cb.shape() {
                Value::Bool(false)
            } else {
                let same = s.compare(CmpOp::Eq, &Value::Array(ca), &Value::Array(cb))?;
                let all = as_array(&same)?.to_scalars().iter().all(nonzero);
                Value::NpScalar(DType::Bool, Scalar::Bool(all))
            };
            return match op {
                CmpOp::Eq => Ok(eq),
                _ => Ok(Value::Bool(!s.truth_of(&eq)?)),
            };
        }
        // NotImplemented from poly1d; an ndarray or NumPy scalar on the
        // other side compares with the coefficient array.
        let (other, _) = if lp.is_some() { (r, l) } else { (l, r) };
        if super::ops::is_numpy(other) {
            return s.compare(op, &unwrap(l), &unwrap(r));
        }
        match op {
            CmpOp::Eq => Ok(Value::Bool(l.is(r))),
            CmpOp::Ne => Ok(Value::Bool(!l.is(r))),
            _ => Err(order_error(op, l, r)),
        }
    })())
}

fn order_error(op: CmpOp, l: &Value, r: &Value) -> PyError {
    let sym = match op {
        CmpOp::Lt => "<",
        CmpOp::Le => "<=",
        CmpOp::Gt => ">",
        _ => ">=",
    };
    PyError::type_error(format!(
        "'{sym}' not supported between instances of '{}' and '{}'",
        l.type_name(),
        r.type_name()
    ))
}

/// The NumPy functions that take poly1d arguments: the legacy polynomial
/// functions (a poly1d in gives a poly1d out, `truepoly`), the array
/// constructors and memory queries (through `__array__`). Others refused.
pub fn np_function(s: &mut Session, name: &str, args: Args) -> Result<PyResult<Value>, Args> {
    if !args.any_value(is_poly) {
        return Err(args);
    }
    let unwrapped = args.map_values(unwrap);
    let x = || Rc::from("x");
    Ok(match name {
        "polyval" => {
            let x_is_poly = args.get(1, "x").is_some_and(is_poly);
            if x_is_poly {
                let p = args.get(0, "p").cloned().unwrap_or(Value::None);
                let xv = args.get(1, "x").cloned().unwrap_or(Value::None);
                polyval(s, &p, &xv)
            } else {
                s.call_registered("np.polyval", unwrapped)
            }
        }
        "polyadd" | "polysub" | "polymul" | "polyder" | "polyint" => s
            .call_registered(&format!("np.{name}"), unwrapped)
            .and_then(|v| from_coeffs(&v, x())),
        "polydiv" => s
            .call_registered("np.polydiv", unwrapped)
            .and_then(|v| match v {
                Value::Tuple(qr) => Ok(Value::tuple(
                    qr.iter()
                        .map(|a| from_coeffs(a, x()))
                        .collect::<PyResult<Vec<_>>>()?,
                )),
                other => Ok(other),
            }),
        "array" | "asarray" | "asanyarray" | "shares_memory" | "may_share_memory" | "roots"
        | "poly" => s.call_registered(&format!("np.{name}"), unwrapped),
        _ => Err(not_impl(&format!("np.{name} of a poly1d"))),
    })
}

#[cfg(test)]
mod tests {
    use crate::eval::object_repr::raise_power;

    #[test]
    fn powers_move_up() {
        assert_eq!(raise_power("1 x**2 + 2 x + 3", 70), "   2\n1 x + 2 x + 3");
        assert_eq!(raise_power("0", 70), " \n0");
    }
}
