//! What `np.matrix` does differently from ndarray (`defmatrix.py`): `*`
//! is `np.dot` and `**` is `matrix_power`; reductions keep two axes
//! (`m.sum(axis=0)` is a row, `m.sum(axis=1)` a column) or collapse to a
//! scalar; `flatten`/`ravel` give rows; `.T`, `.H`, `.I`, `.A`, `.A1`.
//! Other ndarray methods and NumPy functions run on the matrix's array
//! and hand back a matrix where NumPy's subclass wrapping does; NumPy
//! functions slicelab has not checked against a matrix are refused, never
//! answered as if it were a plain array.

use std::rc::Rc;

use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};

use super::args::Args;
use super::error::{PyError, PyResult};
use super::matrix::{args_of, owner, refuse, result_of, unwrap, wrapped};
use super::object::as_matrix;
use super::registry::{Entry, Writes, func};
use super::session::Session;
use super::signature::Style;
use super::value::Value;
use crate::eval::binding::prepare;

/// The methods `matrix` defines itself, with their signatures.
const METHODS: &[Entry] = &[
    func(
        "matrix.sum(axis=None, dtype=None, out=None)",
        Style::Python,
        "axis dtype",
        Writes::Nothing,
    ),
    func(
        "matrix.mean(axis=None, dtype=None, out=None)",
        Style::Python,
        "axis dtype",
        Writes::Nothing,
    ),
    func(
        "matrix.prod(axis=None, dtype=None, out=None)",
        Style::Python,
        "axis dtype",
        Writes::Nothing,
    ),
    func(
        "matrix.std(axis=None, dtype=None, out=None, ddof=0)",
        Style::Python,
        "axis dtype ddof",
        Writes::Nothing,
    ),
    func(
        "matrix.var(axis=None, dtype=None, out=None, ddof=0)",
        Style::Python,
        "axis dtype ddof",
        Writes::Nothing,
    ),
    func(
        "matrix.any(axis=None, out=None)",
        Style::Python,
        "axis",
        Writes::Nothing,
    ),
    func(
        "matrix.all(axis=None, out=None)",
        Style::Python,
        "axis",
        Writes::Nothing,
    ),
    func(
        "matrix.max(axis=None, out=None)",
        Style::Python,
        "axis",
        Writes::Nothing,
    ),
    func(
        "matrix.min(axis=None, out=None)",
        Style::Python,
        "axis",
        Writes::Nothing,
    ),
    func(
        "matrix.argmax(axis=None, out=None)",
        Style::Python,
        "axis",
        Writes::Nothing,
    ),
    func(
        "matrix.argmin(axis=None, out=None)",
        Style::Python,
        "axis",
        Writes::Nothing,
    ),
    func(
        "matrix.ptp(axis=None, out=None)",
        Style::Python,
        "axis",
        Writes::Nothing,
    ),
    func(
        "matrix.squeeze(axis=None)",
        Style::Python,
        "axis",
        Writes::Nothing,
    ),
    func(
        "matrix.flatten(order='C')",
        Style::Python,
        "order",
        Writes::Nothing,
    ),
    func(
        "matrix.ravel(order='C')",
        Style::Python,
        "order",
        Writes::Nothing,
    ),
    func("matrix.tolist()", Style::Python, "", Writes::Nothing),
    func("matrix.getT()", Style::Python, "", Writes::Nothing),
    func("matrix.getA()", Style::Python, "", Writes::Nothing),
    func("matrix.getA1()", Style::Python, "", Writes::Nothing),
    func("matrix.getH()", Style::Python, "", Writes::Nothing),
    func("matrix.getI()", Style::Python, "", Writes::Nothing),
];

/// ndarray methods a matrix inherits, by what their result is: a view
/// (a matrix based on this one), a fresh matrix owning its data, a
/// ufunc's result (a matrix view of a fresh ndarray), or no array.
const VIEWS: &[&str] = &["reshape", "transpose", "swapaxes", "diagonal", "view"];
const OWNERS: &[&str] = &[
    "copy", "astype", "argsort", "take", "repeat", "dot", "compress",
];
const UFUNCS: &[&str] = &[
    "cumsum",
    "cumprod",
    "round",
    "clip",
    "conj",
    "conjugate",
    "trace",
];
const PLAIN: &[&str] = &[
    "fill",
    "sort",
    "put",
    "item",
    "nonzero",
    "tobytes",
    "__array__",
];

/// Does a matrix have method `name`?
pub fn has_method(name: &str) -> bool {
    own_method(name).is_some()
        || [VIEWS, OWNERS, UFUNCS, PLAIN]
            .iter()
            .any(|t| t.contains(&name))
}

fn own_method(name: &str) -> Option<&'static Entry> {
    METHODS
        .iter()
        .find(|e| e.name().strip_prefix("matrix.") == Some(name))
}

fn is_none(v: Option<&Value>) -> bool {
    matches!(v, None | Some(Value::None))
}

/// Keyword arguments with `None` left out.
fn given(pairs: &[(&str, Option<&Value>)]) -> Vec<(String, Value)> {
    pairs
        .iter()
        .filter(|(_, v)| !is_none(*v))
        .map(|(k, v)| (k.to_string(), v.cloned().unwrap_or(Value::None)))
        .collect()
}

/// `m.NAME(args)`.
pub fn method(s: &mut Session, obj: &Value, name: &str, args: Args) -> PyResult<Value> {
    let m = as_matrix(obj).expect("a matrix");
    let arr = Value::Array(m.arr.clone());
    let Some(entry) = own_method(name) else {
        return inherited(s, obj, name, args);
    };
    let args = prepare(entry, &args)?;
    let axis = args.get(0, "axis").cloned().unwrap_or(Value::None);
    let axis_kw = ("axis", Some(&axis));
    match name {
        "sum" | "mean" | "prod" | "std" | "var" | "any" | "all" | "max" | "min" => {
            let dtype = args.get(1, "dtype").cloned();
            let ddof = args.kw("ddof").or_else(|| args.pos.get(3)).cloned();
            let mut kw = given(&[axis_kw, ("dtype", dtype.as_ref()), ("ddof", ddof.as_ref())]);
            kw.push(("keepdims".into(), Value::Bool(true)));
            let r = s.call_method_registered(&arr, name, Args { pos: vec![], kw })?;
            collapse(s, r, &axis)
        }
        "argmax" | "argmin" | "ptp" => {
            let r = if name == "ptp" {
                s.np("ptp", vec![arr], vec![("axis", axis.clone())])?
            } else {
                let kw = given(&[axis_kw]);
                s.call_method_registered(&arr, name, Args { pos: vec![], kw })?
            };
            let Value::Array(r) = r else {
                return Ok(r);
            };
            let r = if name == "ptp" {
                wrapped(r)?
            } else {
                owner(r)?
            };
            align(s, r, &axis)
        }
        "squeeze" => {
            let kw = given(&[axis_kw]);
            let r = s.call_method_registered(&arr, "squeeze", Args { pos: vec![], kw })?;
            result_of(obj, r)
        }
        "flatten" | "ravel" => {
            let order = args.get(0, "order").cloned().unwrap_or(Value::str("C"));
            let r = s.call_method_registered(&arr, name, args_of(vec![order]))?;
            match name {
                "flatten" => match r {
                    Value::Array(a) => owner(a),
                    other => Ok(other),
                },
                _ => result_of(obj, r),
            }
        }
        "tolist" => s.call_method_registered(&arr, "tolist", args_of(vec![])),
        "getT" => inherited(s, obj, "transpose", args_of(vec![])),
        "getA" => Ok(unwrap(obj)),
        "getA1" => s.call_method_registered(&unwrap(obj), "ravel", args_of(vec![])),
        "getH" => {
            let t = inherited(s, obj, "transpose", args_of(vec![]))?;
            if m.arr.dtype().kind() == crate::engine::dtype::Kind::Complex {
                inherited(s, &t, "conjugate", args_of(vec![]))
            } else {
                Ok(t)
            }
        }
        _ => {
            // getI: `inv` of a square matrix, `pinv` otherwise.
            let shape = m.arr.shape();
            let f = if shape[0] == shape[1] {
                "linalg.inv"
            } else {
                "linalg.pinv"
            };
            match s.np(f, vec![unwrap(obj)], vec![])? {
                Value::Array(a) => wrapped(a),
                other => Ok(other),
            }
        }
    }
}

/// `_collapse`: a scalar for `axis=None`, else the kept-dims result.
fn collapse(s: &mut Session, r: Value, axis: &Value) -> PyResult<Value> {
    let Value::Array(r) = r else {
        return Ok(r);
    };
    if matches!(axis, Value::None) {
        return s.getitem(
            &Value::Array(r),
            &Value::tuple(vec![Value::Int(0), Value::Int(0)]),
        );
    }
    wrapped(r)
}

/// `_align`: a scalar for `axis=None`, the row for 0, a column for 1.
fn align(s: &mut Session, r: Value, axis: &Value) -> PyResult<Value> {
    match axis {
        Value::None => s.getitem(&r, &Value::tuple(vec![Value::Int(0), Value::Int(0)])),
        Value::Int(0) => Ok(r),
        Value::Int(1) => inherited(s, &r, "transpose", args_of(vec![])),
        _ => Err(PyError::value("unsupported axis")),
    }
}

/// An ndarray method run on the matrix's array, its result wrapped as
/// NumPy's subclass handling wraps it.
fn inherited(s: &mut Session, obj: &Value, name: &str, args: Args) -> PyResult<Value> {
    let m = as_matrix(obj).expect("a matrix");
    if name == "view" && !(args.pos.is_empty() && args.kw.is_empty()) {
        return Err(refuse("matrix.view with arguments"));
    }
    let args = super::matrix::unwrap_args(&args);
    // `round` to decimals other than 0 goes through NumPy's plain-array
    // path and comes back an ndarray.
    let decimals = args_decimals(name, &args);
    let plain_result = name == "astype"
        && args
            .kw("subok")
            .is_some_and(|v| matches!(v, Value::Bool(false)));
    let arr = Value::Array(m.arr.clone());
    let r = s.call_method_registered(&arr, name, args)?;
    if plain_result {
        // `astype(subok=False)`: an ndarray, never the matrix itself.
        return Ok(match r {
            Value::Array(a) if Rc::ptr_eq(&a, &m.arr) => unwrap(obj),
            other => other,
        });
    }
    if PLAIN.contains(&name) || decimals {
        return Ok(match name {
            "__array__" => unwrap(obj),
            _ => r,
        });
    }
    let r = match r {
        // `m.trace()` is a 0-d matrix, which a matrix makes 1×1.
        Value::NpScalar(dt, x) if name == "trace" => {
            Value::Array(crate::engine::NdArray::from_scalars(&[], dt, &[x])?)
        }
        other => other,
    };
    let Value::Array(a) = r else {
        return Ok(r);
    };
    if name == "astype" && Rc::ptr_eq(&a, &m.arr) {
        // `astype(copy=False)` to the same dtype: the matrix itself.
        return Ok(obj.clone());
    }
    if VIEWS.contains(&name) {
        result_of(obj, Value::Array(a))
    } else if UFUNCS.contains(&name) {
        wrapped(a)
    } else if OWNERS.contains(&name) {
        owner(a)
    } else {
        Err(refuse(&format!("matrix.{name}")))
    }
}

/// Is this `round` to a number of decimals other than 0?
fn args_decimals(name: &str, args: &Args) -> bool {
    matches!(name, "round" | "around")
        && args
            .get(0, "decimals")
            .is_some_and(|d| !matches!(d, Value::Int(0) | Value::Bool(false)))
}

/// Is `v` a number `np.isscalar` accepts (for `m * 2`)?
fn number(v: &Value) -> bool {
    matches!(
        v,
        Value::Int(_) | Value::Float(_) | Value::Complex(..) | Value::Bool(_) | Value::NpScalar(..)
    )
}

/// `np.dot(a, b)` with matrices unwrapped, the result a matrix.
fn dot(s: &mut Session, a: &Value, b: &Value) -> PyResult<Value> {
    match s.np("dot", vec![unwrap(a), unwrap(b)], vec![])? {
        Value::Array(r) => owner(r),
        other => Ok(other),
    }
}

/// `asmatrix(v)` for `matrix.__mul__`.
fn as_matrix_value(s: &mut Session, v: &Value) -> PyResult<Value> {
    if as_matrix(v).is_some() {
        return Ok(v.clone());
    }
    s.call_registered("np.asmatrix", args_of(vec![v.clone()]))
}

/// A binary operator with a matrix on either side.
pub fn binary(s: &mut Session, op: BinOp, l: &Value, r: &Value) -> Option<PyResult<Value>> {
    let (lm, rm) = (as_matrix(l).is_some(), as_matrix(r).is_some());
    if !lm && !rm {
        return None;
    }
    if crate::eval::object::is_ma(l) || crate::eval::object::is_ma(r) {
        return Some(Err(refuse("operators between a matrix and a masked array")));
    }
    Some(match op {
        BinOp::Mul if lm => {
            if matches!(r, Value::Array(_) | Value::List(_) | Value::Tuple(_)) || rm {
                as_matrix_value(s, r).and_then(|rm| dot(s, l, &rm))
            } else if number(r) {
                dot(s, l, r)
            } else {
                Err(PyError::type_error(format!(
                    "unsupported operand type(s) for *: 'matrix' and '{}'",
                    r.type_name()
                )))
            }
        }
        // `x * m` is `m.__rmul__(x)`, before any ndarray's `__mul__`.
        BinOp::Mul => dot(s, l, r),
        BinOp::Pow if lm => match s.np("linalg.matrix_power", vec![unwrap(l), r.clone()], vec![]) {
            Ok(Value::Array(a)) => wrapped(a),
            other => other,
        },
        BinOp::Pow if !matches!(l, Value::Array(_)) => Err(PyError::type_error(format!(
            "unsupported operand type(s) for ** or pow(): '{}' and 'matrix'",
            l.type_name()
        ))),
        BinOp::MatMul => match s.np("matmul", vec![unwrap(l), unwrap(r)], vec![]) {
            Ok(Value::Array(a)) => owner(a),
            other => other,
        },
        _ => match s.binary(op, &unwrap(l), &unwrap(r)) {
            Ok(Value::Array(a)) => wrapped(a),
            other => other,
        },
    })
}

/// `m OP= x`: `*=` and `**=` assign the product into the matrix, the
/// others are ndarray's in-place ufuncs on its memory.
pub fn inplace(s: &mut Session, op: BinOp, cur: &Value, rhs: &Value) -> Option<PyResult<Value>> {
    let Some(m) = as_matrix(cur) else {
        return as_matrix(rhs).map(|_| s.inplace(op, cur.clone(), &unwrap(rhs)));
    };
    let arr = Value::Array(m.arr.clone());
    Some(match op {
        BinOp::Mul | BinOp::Pow => binary(s, op, cur, rhs)
            .expect("a matrix operand")
            .and_then(|r| {
                let all = Value::Slice(Rc::new([Value::None, Value::None, Value::None]));
                s.setitem(&arr, &all, &unwrap(&r))
            })
            .map(|()| cur.clone()),
        _ => s.inplace(op, arr, &unwrap(rhs)).map(|_| cur.clone()),
    })
}

/// A comparison with a matrix on either side: a matrix of bools.
pub fn compare(s: &mut Session, op: CmpOp, l: &Value, r: &Value) -> Option<PyResult<Value>> {
    if as_matrix(l).is_none() && as_matrix(r).is_none() {
        return None;
    }
    if crate::eval::object::is_ma(l) || crate::eval::object::is_ma(r) {
        return Some(Err(refuse(
            "comparisons between a matrix and a masked array",
        )));
    }
    Some(match s.compare(op, &unwrap(l), &unwrap(r)) {
        Ok(Value::Array(a)) => wrapped(a),
        other => other,
    })
}

/// `-m`, `+m`, `~m`.
pub fn unary(s: &mut Session, op: UnaryOp, v: &Value) -> Option<PyResult<Value>> {
    as_matrix(v)?;
    if op == UnaryOp::Not {
        return None;
    }
    Some(match s.unary(op, &unwrap(v)) {
        Ok(Value::Array(a)) => wrapped(a),
        other => other,
    })
}

/// NumPy functions whose answer for a matrix is its array's (memory
/// queries, copies to ndarray, comparisons to a bool, shapes).
const AS_ARRAY: &[&str] = &[
    "asarray",
    "copy",
    "ascontiguousarray",
    "asfortranarray",
    "shape",
    "ndim",
    "size",
    "shares_memory",
    "may_share_memory",
    "allclose",
    "array_equal",
    "array_equiv",
    "ravel",
    "diag",
    "diagonal",
    "triu",
    "tril",
    "outer",
    "unique",
    "nonzero",
    "count_nonzero",
    "trace",
    "result_type",
    "iscomplexobj",
    "isrealobj",
    "isscalar",
    "ndim",
];

/// NumPy functions that call the matrix's own method.
const BY_METHOD: &[&str] = &[
    "sum",
    "mean",
    "std",
    "var",
    "prod",
    "max",
    "amax",
    "min",
    "amin",
    "argmax",
    "argmin",
    "any",
    "all",
    "transpose",
    "reshape",
    "squeeze",
];

/// NumPy functions whose result comes out a fresh matrix.
const FRESH: &[&str] = &[
    "dot",
    "matmul",
    "inner",
    "concatenate",
    "hstack",
    "vstack",
    "sort",
    "argsort",
    "zeros_like",
    "ones_like",
    "empty_like",
    "full_like",
    "kron",
    "repeat",
    "tile",
    "take",
];

/// NumPy functions whose result is wrapped as a ufunc's is.
const WRAPPED: &[&str] = &["round", "around", "clip", "isclose", "cumsum", "cumprod"];

/// `np.linalg.NAME(...)` with a matrix among the arguments, or the
/// arguments back when there is none: the results that are arrays come
/// back wrapped as matrices (`_makearray`'s wrap), the scalars as they are.
pub fn linalg(s: &mut Session, name: &str, args: Args) -> Result<PyResult<Value>, Args> {
    if !super::matrix::in_args(&args) {
        return Err(args);
    }
    let unwrapped = super::matrix::unwrap_args(&args);
    let full = format!("np.linalg.{name}");
    Ok(match name {
        // `_makearray`'s wrap comes from `a`, and for `solve` from `b`.
        "inv" | "pinv" | "solve" | "matrix_power" => {
            let wraps = match name {
                "solve" => args.get(1, "b"),
                _ => args.get(0, "a"),
            }
            .is_some_and(|v| as_matrix(v).is_some());
            match s.call_registered(&full, unwrapped) {
                Ok(Value::Array(a)) if wraps => wrapped(a),
                other => other,
            }
        }
        "det" | "matrix_rank" | "eigvals" | "eigvalsh" | "svdvals" => {
            s.call_registered(&full, unwrapped)
        }
        // `wrap` applied to the arrays `_linalg.py` wraps: the factor, the
        // eigenvectors, `svd`'s U and Vh, every array `qr` returns.
        "cholesky" | "eig" | "eigh" | "svd" | "qr" => {
            let wraps = |name: &str, i: usize| match name {
                "eig" | "eigh" => i == 1,
                "svd" => i != 1,
                _ => true,
            };
            let wrap = |v: &Value| match v {
                Value::Array(a) => wrapped(a.clone()),
                other => Ok(other.clone()),
            };
            match s.call_registered(&full, unwrapped) {
                // `svd(compute_uv=False)`'s values are not wrapped.
                Ok(Value::Array(a)) if name != "svd" => wrapped(a),
                Ok(v) => match super::named_tuple::map_items(&v, |i, x| {
                    if wraps(name, i) {
                        wrap(x)
                    } else {
                        Ok(x.clone())
                    }
                }) {
                    Some(out) => out,
                    // `qr(mode='raw')`: `(wrap(h), tau)`.
                    None => match &v {
                        Value::Tuple(items) if !items.is_empty() => {
                            let mut out = items.to_vec();
                            wrap(&items[0]).map(|h| {
                                out[0] = h;
                                Value::tuple(out)
                            })
                        }
                        _ => Ok(v),
                    },
                },
                err => err,
            }
        }
        "norm" if args.kw("axis").is_none() && args.pos.len() <= 2 => {
            s.call_registered(&full, unwrapped)
        }
        _ => Err(refuse(&format!("np.linalg.{name} of a matrix"))),
    })
}

/// `np.NAME(...)` with a matrix among the arguments, or the arguments
/// back when there is none.
pub fn np_function(s: &mut Session, entry: &Entry, args: Args) -> Result<PyResult<Value>, Args> {
    if !super::matrix::in_args(&args) {
        return Err(args);
    }
    let name = entry.name();
    let unwrapped = || super::matrix::unwrap_args(&args);
    let call = |s: &mut Session, a: Args| s.call_registered(&format!("np.{name}"), a);
    let first = args.pos.first().filter(|v| as_matrix(v).is_some()).cloned();
    Ok(match name {
        "array"
            if args
                .kw("subok")
                .is_some_and(|v| !matches!(v, Value::Bool(false))) =>
        {
            Err(refuse("np.array(subok=True) of a matrix"))
        }
        "array" => call(s, unwrapped()),
        // Bound against this module's own signatures.
        "asmatrix" | "bmat" => return Err(args),
        "atleast_2d" if args.pos.len() == 1 && args.kw.is_empty() && first.is_some() => {
            Ok(args.pos[0].clone())
        }
        "asanyarray" if first.is_some() && args.pos.len() == 1 => {
            // A matrix stays itself unless a dtype asks for a cast.
            let obj = first.clone().expect("a matrix");
            match args.kw("dtype") {
                None | Some(Value::None) => Ok(obj),
                Some(d) => {
                    let kw = vec![("copy".to_string(), Value::Bool(false))];
                    method(
                        s,
                        &obj,
                        "astype",
                        Args {
                            pos: vec![d.clone()],
                            kw,
                        },
                    )
                }
            }
        }
        n if n.starts_with("testing.") || AS_ARRAY.contains(&n) => call(s, unwrapped()),
        n if BY_METHOD.contains(&n) && first.is_some() => {
            let method = match n {
                "amax" => "max",
                "amin" => "min",
                other => other,
            };
            let rest = Args {
                pos: args.pos[1..].to_vec(),
                kw: args.kw.clone(),
            };
            let obj = first.clone().expect("a matrix");
            s.call_method_registered(&obj, method, rest)
        }
        // `round` to decimals other than 0 takes NumPy's plain-array path.
        "round" | "around"
            if args
                .get(1, "decimals")
                .is_some_and(|d| !matches!(d, Value::Int(0))) =>
        {
            call(s, unwrapped())
        }
        n if entry.ufunc.is_some() || WRAPPED.contains(&n) => {
            // A ufunc writing into a matrix (`out=m`, or `out=(m,)`, or
            // positionally after its inputs) returns that matrix.
            let nin = entry.ufunc.map_or(usize::MAX, |(nin, _)| nin);
            let out = args
                .kw("out")
                .or_else(|| args.pos.get(nin))
                .map(|v| match v {
                    Value::Tuple(t) if t.len() == 1 => t[0].clone(),
                    other => other.clone(),
                });
            match (call(s, unwrapped()), out) {
                (Ok(_), Some(o)) if as_matrix(&o).is_some() => Ok(o),
                (Ok(Value::Array(a)), _) => wrapped(a),
                (other, _) => other,
            }
        }
        n if FRESH.contains(&n) => match call(s, unwrapped()) {
            Ok(Value::Array(a)) => owner(a),
            other => other,
        },
        n => Err(refuse(&format!("np.{n} of a matrix"))),
    })
}
