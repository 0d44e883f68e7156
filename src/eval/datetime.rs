//! datetime64/timedelta64 at the prompt: the scalar constructors
//! (`np.datetime64('2024-01-01')`, `np.timedelta64(720, 'm')`), values
//! converted into datetime elements, the arithmetic and comparisons NumPy's
//! time loops define (`numpy/_core/src/umath/loops.c.src`, the type
//! resolvers in `ufunc_type_resolution.c`), and the few routines on them
//! (`np.isnat`, `np.datetime_data`, `np.datetime_as_string`, `np.arange`).
//!
//! Every other NumPy function or method given a datetime value is routed
//! here and refused with NotImplementedError unless it is on the short
//! lists below of ones checked against NumPy: the engine's typed kernels
//! know nothing of units or NaT, so nothing else may reach them.

use crate::engine::datetime::{self as dtm, NAT, TimeUnit};
use crate::engine::dtype::Kind;
use crate::engine::kernels::{BinaryOp, CompareOp};
use crate::engine::{ArrayRef, DType, NdArray, Scalar};

use super::datetime_convert::{
    check_timedelta_cast, element, err, int_of, is_time_dtype, kind_word, refuse, resolve_unit,
};
use super::error::{PyError, PyResult};
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::{TypeObj, Value};
use crate::eval::args::Args;
use crate::eval::session::Session;

/// This module's registry entries (`registry::tables`).
pub const ENTRIES: &[Entry] = &[
    func(
        "datetime_as_string(arr, unit=None, timezone='naive', casting='same_kind')",
        Style::NumpyC,
        "arr unit timezone casting",
        Writes::Nothing,
    ),
    func(
        "datetime_data(dtype, /)",
        Style::CVarArgs { named: true },
        "dtype",
        Writes::Nothing,
    ),
];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// Does this module answer `np.NAME`?
pub fn answers(name: &str) -> bool {
    ENTRIES.iter().any(|e| e.name() == name)
}

fn unit_arg(v: Option<&Value>) -> PyResult<Option<TimeUnit>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => TimeUnit::parse(s).map(Some).map_err(err),
        Some(Value::Tuple(t)) => unit_tuple(t).map(Some),
        Some(other) => Err(PyError::type_error(format!(
            "Could not convert object to NumPy datetime metadata: {}",
            other.type_name()
        ))),
    }
}

/// A unit given as `(unit, count)`, as `np.datetime_data` returns it
/// (NumPy's `convert_datetime_metadata_tuple_to_datetime_metadata`).
fn unit_tuple(t: &[Value]) -> PyResult<TimeUnit> {
    if !(2..=4).contains(&t.len()) {
        return Err(PyError::type_error(
            "Require tuple of size 2 to 4 for tuple to NumPy datetime metadata conversion",
        ));
    }
    if t.len() > 2 {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not read the old (unit, num, den, event) datetime metadata tuples",
        ));
    }
    let name = match &t[0] {
        Value::Str(s) => s.to_string(),
        Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        _ => {
            return Err(PyError::type_error(
                "bad argument type for built-in operation",
            ));
        }
    };
    let base = dtm::Base::parse(&name).ok_or_else(|| {
        PyError::type_error(format!("Invalid datetime unit \"{name}\" in metadata"))
    })?;
    let num = crate::eval::coerce::int_arg(&t[1], "")?;
    match u32::try_from(num) {
        Ok(num) if num > 0 => Ok(TimeUnit { base, num }),
        _ => Err(PyError::type_error(
            "Invalid tuple values for tuple to NumPy datetime metadata conversion",
        )),
    }
}

/// `np.datetime64(value, unit)` / `np.timedelta64(value, unit)`.
pub fn construct(delta: bool, args: &Args) -> PyResult<Value> {
    if let Some((k, _)) = args.kw.first() {
        return Err(PyError::type_error(format!(
            "'{k}' is an invalid keyword argument for this function"
        )));
    }
    if args.pos.len() > 2 {
        return Err(PyError::type_error(format!(
            "function takes at most 2 arguments ({} given)",
            args.pos.len()
        )));
    }
    let unit = unit_arg(args.pos.get(1))?;
    let cannot = || {
        PyError::value(format!(
            "Could not convert object to NumPy {}",
            kind_word(delta)
        ))
    };
    let (value, u) = match args.pos.first() {
        None | Some(Value::None) => {
            let v = if delta && args.pos.is_empty() { 0 } else { NAT };
            (v, unit.unwrap_or(TimeUnit::GENERIC))
        }
        // A unit given as generic is kept: only NaT can have it.
        Some(Value::Str(s)) if !delta && unit.is_some_and(|u| u.is_generic()) => {
            match dtm::parse_datetime(s, unit).map_err(err)? {
                (NAT, u) => (NAT, u),
                _ => {
                    return Err(PyError::value(
                        "Cannot create a NumPy datetime other than NaT with generic units",
                    ));
                }
            }
        }
        Some(Value::Str(s)) if !delta => dtm::parse_datetime(s, unit).map_err(err)?,
        Some(Value::Str(s)) => (
            dtm::parse_timedelta_text(s).ok_or_else(cannot)?,
            unit.unwrap_or(TimeUnit::GENERIC),
        ),
        // Bytes are read as their characters, one per byte.
        Some(Value::Bytes(b)) => {
            let text = crate::engine::element::latin1_text(b);
            let mut pos = args.pos.clone();
            pos[0] = Value::str(&text);
            return construct(delta, &Args { pos, kw: vec![] });
        }
        Some(v @ (Value::Int(_) | Value::Bool(_))) => {
            let i = match v {
                Value::Int(i) => int_of(*i)?,
                Value::Bool(b) => *b as i64,
                _ => 0,
            };
            let u = unit.unwrap_or(TimeUnit::GENERIC);
            if !delta && u.is_generic() {
                return Err(PyError::value(
                    "Converting an integer to a NumPy datetime requires a specified unit",
                ));
            }
            (i, u)
        }
        Some(Value::NpScalar(DType::Time(from, d), Scalar::Int(i))) if *d == delta => {
            let to = unit.unwrap_or(*from);
            if delta {
                check_timedelta_cast(*from, to)?;
            }
            (dtm::convert(*i, *from, to, delta).map_err(err)?, to)
        }
        Some(Value::NpScalar(DType::Time(..), _)) => {
            return Err(refuse("converting between datetime64 and timedelta64"));
        }
        // A Python date, datetime or timedelta, as NumPy reads it.
        Some(v) if let Some(np) = super::pydatetime_ops::to_numpy(v, delta) => {
            let mut pos = args.pos.clone();
            pos[0] = np;
            return construct(delta, &Args { pos, kw: vec![] });
        }
        Some(_) => return Err(cannot()),
    };
    Ok(Value::NpScalar(DType::Time(u, delta), Scalar::Int(value)))
}

/// An operand of an arithmetic operation or comparison.
enum Operand {
    Time(TimeUnit, bool, Vec<i64>),
    Int(Vec<i64>),
    Float(Vec<f64>),
}

struct Operands {
    shape: Vec<usize>,
    scalar: bool,
    dtypes: [DType; 2],
    ops: [Operand; 2],
}

fn as_array(v: &Value) -> PyResult<(ArrayRef, bool)> {
    Ok(match v {
        Value::Array(a) => (a.clone(), a.ndim() == 0),
        Value::NpScalar(d, s) => (
            NdArray::from_scalars(&[], d.clone(), std::slice::from_ref(s))?,
            true,
        ),
        Value::Int(i) => (
            NdArray::from_scalars(&[], DType::Int64, &[Scalar::Int(int_of(*i)?)])?,
            true,
        ),
        Value::Float(f) => (
            NdArray::from_scalars(&[], DType::Float64, &[Scalar::Float(*f)])?,
            true,
        ),
        Value::List(_) | Value::Tuple(_) => (super::convert::to_array(v, None)?, false),
        other => {
            return Err(refuse(format!("operations with {}", other.type_name())));
        }
    })
}

fn operands(a: &Value, b: &Value) -> PyResult<Operands> {
    let (x, sx) = as_array(a)?;
    let (y, sy) = as_array(b)?;
    let shape = crate::engine::broadcast::broadcast_shapes_or_err(&[&x.shape(), &y.shape()])?;
    let spread = |arr: &ArrayRef| -> PyResult<Operand> {
        let layout = crate::engine::broadcast::broadcast_layout(&arr.layout(), &shape);
        let view = NdArray::view(arr, arr.dtype().clone(), layout);
        let vals = view.to_scalars();
        let dt = arr.dtype().native();
        Ok(match dt {
            DType::Time(u, d) => Operand::Time(
                u,
                d,
                vals.iter()
                    .map(|s| if let Scalar::Int(i) = s { *i } else { NAT })
                    .collect(),
            ),
            d if d.kind() == crate::engine::dtype::Kind::Int || d == DType::Bool => Operand::Int(
                vals.iter()
                    .map(|s| match s {
                        Scalar::Int(i) => *i,
                        Scalar::Bool(b) => *b as i64,
                        _ => 0,
                    })
                    .collect(),
            ),
            d if d.kind() == crate::engine::dtype::Kind::Float => Operand::Float(
                vals.iter()
                    .map(crate::engine::element::scalar_as_f64)
                    .collect(),
            ),
            _ => Operand::Float(vec![]),
        })
    };
    let (ox, oy) = (spread(&x)?, spread(&y)?);
    Ok(Operands {
        shape,
        scalar: sx && sy,
        dtypes: [x.dtype().native(), y.dtype().native()],
        ops: [ox, oy],
    })
}

fn no_loop(ufunc: &str, o: &Operands) -> PyError {
    PyError::type_error(format!(
        "ufunc '{ufunc}' cannot use operands with types {} and {}",
        crate::render::dtype_repr::dtype_repr(&o.dtypes[0]),
        crate::render::dtype_repr::dtype_repr(&o.dtypes[1])
    ))
}

fn finish(o: &Operands, dtype: DType, vals: Vec<Scalar>) -> PyResult<Value> {
    let out = NdArray::from_scalars(&o.shape, dtype.clone(), &vals)?;
    Ok(if o.scalar && out.ndim() == 0 {
        Value::NpScalar(dtype, out.first())
    } else {
        Value::Array(out)
    })
}

fn to_unit(v: &[i64], from: TimeUnit, to: TimeUnit, delta: bool) -> PyResult<Vec<i64>> {
    v.iter()
        .map(|&i| dtm::convert(i, from, to, delta).map_err(err))
        .collect()
}

fn ints(vals: impl Iterator<Item = i64>) -> Vec<Scalar> {
    vals.map(Scalar::Int).collect()
}

/// `a op b` where either side is a datetime64/timedelta64.
pub fn binary(op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    let o = operands(a, b)?;
    let name = op.ufunc_name();
    let nat2 = |x: i64, y: i64, f: &dyn Fn(i64, i64) -> i64| {
        if x == NAT || y == NAT { NAT } else { f(x, y) }
    };
    use Operand as O;
    match (op, &o.ops[0], &o.ops[1]) {
        // td ± td, dt ± td, td + dt, dt - dt.
        (BinaryOp::Add | BinaryOp::Sub, O::Time(u1, d1, x), O::Time(u2, d2, y)) => {
            let (rd, ok) = match (op, d1, d2) {
                (BinaryOp::Add, false, false) => (false, false),
                (BinaryOp::Sub, false, false) => (true, true),
                (BinaryOp::Sub, true, false) => (false, false),
                (_, true, true) => (true, true),
                _ => (false, true),
            };
            if !ok {
                return Err(no_loop(name, &o));
            }
            // NumPy promotes a datetime with a timedelta as two datetimes
            // (Y/M mix with days), then casts the timedelta operand to the
            // result's unit under `same_kind`, which Y/M ↔ days fails.
            let u = dtm::common_unit(*u1, *u2, *d1 && *d2, *d1 && *d2).map_err(err)?;
            for (k, (from, d)) in [(*u1, *d1), (*u2, *d2)].into_iter().enumerate() {
                if d && !(*d1 && *d2) && check_timedelta_cast(from, u).is_err() {
                    return Err(PyError::type_error(format!(
                        "Cannot cast ufunc '{name}' input {k} from dtype('{}') to dtype('{}') with casting rule 'same_kind'",
                        dtm::dtype_str(from, true),
                        dtm::dtype_str(u, true)
                    )));
                }
            }
            let x = to_unit(x, *u1, u, *d1)?;
            let y = to_unit(y, *u2, u, *d2)?;
            let f: &dyn Fn(i64, i64) -> i64 = if op == BinaryOp::Add {
                &|p: i64, q: i64| p.wrapping_add(q)
            } else {
                &|p: i64, q: i64| p.wrapping_sub(q)
            };
            let vals = ints(x.iter().zip(&y).map(|(&p, &q)| nat2(p, q, f)));
            finish(&o, DType::Time(u, rd), vals)
        }
        // dt ± int, td ± int, int + dt, int ± td: the int is a count of the
        // time operand's unit.
        (BinaryOp::Add | BinaryOp::Sub, O::Time(u, d, x), O::Int(y))
        | (BinaryOp::Add, O::Int(y), O::Time(u, d, x))
        | (BinaryOp::Sub, O::Int(y), O::Time(u, d @ true, x)) => {
            let time_first = matches!(o.ops[0], O::Time(..));
            let vals = ints(x.iter().zip(y).map(|(&p, &q)| {
                if p == NAT {
                    NAT
                } else if op == BinaryOp::Add {
                    p.wrapping_add(q)
                } else if time_first {
                    p.wrapping_sub(q)
                } else {
                    q.wrapping_sub(p)
                }
            }));
            finish(&o, DType::Time(*u, *d), vals)
        }
        // td * int, td * float (NaT, or a non-finite product, gives NaT).
        (BinaryOp::Mul, O::Time(u, true, x), other)
        | (BinaryOp::Mul, other, O::Time(u, true, x)) => {
            let vals = match other {
                O::Int(y) => ints(
                    x.iter()
                        .zip(y)
                        .map(|(&p, &q)| if p == NAT { NAT } else { p.wrapping_mul(q) }),
                ),
                O::Float(y) => ints(x.iter().zip(y).map(|(&p, &q)| {
                    let r = p as f64 * q;
                    if p == NAT || !r.is_finite() {
                        NAT
                    } else {
                        r as i64
                    }
                })),
                O::Time(..) => return Err(no_loop(name, &o)),
            };
            finish(&o, DType::Time(*u, true), vals)
        }
        // td / td → float64; td / int and td / float → td.
        (BinaryOp::Div, O::Time(u1, true, x), O::Time(u2, true, y)) => {
            let u = dtm::common_unit(*u1, *u2, true, true).map_err(err)?;
            let x = to_unit(x, *u1, u, true)?;
            let y = to_unit(y, *u2, u, true)?;
            if y.contains(&0) {
                return Err(refuse("division by a zero timedelta"));
            }
            let vals = x
                .iter()
                .zip(&y)
                .map(|(&p, &q)| {
                    Scalar::Float(if p == NAT || q == NAT {
                        f64::NAN
                    } else {
                        p as f64 / q as f64
                    })
                })
                .collect();
            finish(&o, DType::Float64, vals)
        }
        (BinaryOp::Div, O::Time(u, true, x), O::Int(y)) => {
            if y.contains(&0) {
                return Err(refuse("division of a timedelta by zero"));
            }
            let vals = ints(
                x.iter()
                    .zip(y)
                    .map(|(&p, &q)| if p == NAT { NAT } else { p.wrapping_div(q) }),
            );
            finish(&o, DType::Time(*u, true), vals)
        }
        (BinaryOp::Div, O::Time(u, true, x), O::Float(y)) => {
            let vals = ints(x.iter().zip(y).map(|(&p, &q)| {
                let r = p as f64 / q;
                if p == NAT || !r.is_finite() {
                    NAT
                } else {
                    r as i64
                }
            }));
            finish(&o, DType::Time(*u, true), vals)
        }
        // td // td → int64 (floored); td % td → td (Python's sign rule).
        (BinaryOp::FloorDiv | BinaryOp::Mod, O::Time(u1, true, x), O::Time(u2, true, y)) => {
            let u = dtm::common_unit(*u1, *u2, true, true).map_err(err)?;
            let x = to_unit(x, *u1, u, true)?;
            let y = to_unit(y, *u2, u, true)?;
            if y.contains(&0) {
                return Err(refuse("division by a zero timedelta"));
            }
            if op == BinaryOp::FloorDiv {
                let vals = ints(x.iter().zip(&y).map(|(&p, &q)| {
                    if p == NAT || q == NAT {
                        return 0;
                    }
                    let d = p.wrapping_div(q);
                    if ((p > 0) != (q > 0)) && d.wrapping_mul(q) != p {
                        d - 1
                    } else {
                        d
                    }
                }));
                finish(&o, DType::Int64, vals)
            } else {
                let vals = ints(x.iter().zip(&y).map(|(&p, &q)| {
                    if p == NAT || q == NAT {
                        return NAT;
                    }
                    let r = p.wrapping_rem(q);
                    if (p > 0) == (q > 0) || r == 0 {
                        r
                    } else {
                        r + q
                    }
                }));
                finish(&o, DType::Time(u, true), vals)
            }
        }
        // NumPy has loops for td // int and td // float that slicelab
        // does not run yet.
        (BinaryOp::FloorDiv, O::Time(_, true, _), O::Int(_) | O::Float(_))
        | (BinaryOp::Mod, O::Time(_, true, _), O::Float(_)) => Err(refuse(format!("np.{name}"))),
        (
            BinaryOp::Add
            | BinaryOp::Sub
            | BinaryOp::Mul
            | BinaryOp::Div
            | BinaryOp::FloorDiv
            | BinaryOp::Mod,
            O::Time(..),
            _,
        )
        | (
            BinaryOp::Add
            | BinaryOp::Sub
            | BinaryOp::Mul
            | BinaryOp::Div
            | BinaryOp::FloorDiv
            | BinaryOp::Mod,
            _,
            O::Time(..),
        ) if !matches!((&o.ops[0], &o.ops[1]), (O::Float(v), _) | (_, O::Float(v)) if v.is_empty()) => {
            Err(no_loop(name, &o))
        }
        _ => Err(refuse(format!("np.{name}"))),
    }
}

/// A comparison where either side is a datetime64/timedelta64: values in
/// their common unit; NaT compares unequal to everything, itself included.
pub fn compare(op: CompareOp, a: &Value, b: &Value) -> PyResult<Value> {
    let o = operands(a, b)?;
    let (x, y, _) = aligned(&o).ok_or_else(|| refuse("comparing a datetime with this type"))??;
    let vals = x
        .iter()
        .zip(&y)
        .map(|(&p, &q)| {
            Scalar::Bool(if p == NAT || q == NAT {
                op == CompareOp::Ne
            } else {
                match op {
                    CompareOp::Eq => p == q,
                    CompareOp::Ne => p != q,
                    CompareOp::Lt => p < q,
                    CompareOp::Le => p <= q,
                    CompareOp::Gt => p > q,
                    CompareOp::Ge => p >= q,
                }
            })
        })
        .collect();
    finish(&o, DType::Bool, vals)
}

/// Two operands' values in their common type, and that type.
type Aligned = (Vec<i64>, Vec<i64>, DType);

/// Both operands' values in their common type, and that type: two
/// datetimes or two timedeltas in their common unit, or a timedelta with
/// an integer read as a count of its unit (NumPy promotes int with m8[u]
/// to m8[u]). `None` for other pairs.
fn aligned(o: &Operands) -> Option<PyResult<Aligned>> {
    Some(match (&o.ops[0], &o.ops[1]) {
        (Operand::Time(u1, d1, x), Operand::Time(u2, d2, y)) if d1 == d2 => (|| {
            let u = dtm::common_unit(*u1, *u2, *d1, *d2).map_err(err)?;
            Ok((
                to_unit(x, *u1, u, *d1)?,
                to_unit(y, *u2, u, *d2)?,
                DType::Time(u, *d1),
            ))
        })(),
        (Operand::Time(u, true, x), Operand::Int(y))
        | (Operand::Int(x), Operand::Time(u, true, y))
            if !o
                .dtypes
                .iter()
                .any(|d| *d == DType::Bool || d.kind() == crate::engine::dtype::Kind::UInt) =>
        {
            Ok((x.clone(), y.clone(), DType::Time(*u, true)))
        }
        _ => return None,
    })
}

/// `np.maximum`/`np.minimum` (NaT wins, as NaN does) and `np.fmax`/
/// `np.fmin` (NaT loses) of datetimes or timedeltas.
pub fn extremum(name: &str, a: &Value, b: &Value) -> PyResult<Value> {
    let o = operands(a, b)?;
    let (x, y, dt) = aligned(&o).ok_or_else(|| refuse(format!("np.{name} of these types")))??;
    let max = name.ends_with("max") || name == "maximum";
    let nat_wins = !name.starts_with('f');
    let vals = x
        .iter()
        .zip(&y)
        .map(|(&p, &q)| {
            Scalar::Int(match (p == NAT, q == NAT) {
                (true, _) | (_, true) if nat_wins => NAT,
                (true, _) => q,
                (_, true) => p,
                _ if max => p.max(q),
                _ => p.min(q),
            })
        })
        .collect();
    finish(&o, dt, vals)
}

/// `-td`, `+td`, `abs(td)` (NaT stays NaT); anything else is refused.
pub fn unary(op: &str, v: &Value) -> PyResult<Value> {
    let (a, scalar) = as_array(v)?;
    let DType::Time(u, true) = a.dtype().native() else {
        if is_time_dtype(a.dtype()) && op != "positive" {
            return Err(PyError::type_error(format!(
                "ufunc '{op}' did not contain a loop with signature matching types <class 'numpy.dtypes.DateTime64DType'> -> None"
            )));
        }
        return Err(refuse(format!("np.{op}")));
    };
    let vals: Vec<Scalar> = a
        .to_scalars()
        .into_iter()
        .map(|s| {
            let i = if let Scalar::Int(i) = s { i } else { NAT };
            Scalar::Int(match op {
                // `sign` reads NaT as the int64 it is: -1.
                "sign" => i.signum(),
                _ if i == NAT => NAT,
                "negative" => i.wrapping_neg(),
                "absolute" => i.wrapping_abs(),
                _ => i,
            })
        })
        .collect();
    let out = NdArray::from_scalars(&a.shape(), DType::Time(u, true), &vals)?;
    Ok(if scalar && out.ndim() == 0 {
        Value::NpScalar(DType::Time(u, true), out.first())
    } else {
        Value::Array(out)
    })
}

/// Functions that only move bytes (their result keeps the dtype and
/// copies or views elements), checked with datetime arrays.
const STRUCTURAL: &[&str] = &[
    "can_cast",
    "array",
    "asarray",
    "asanyarray",
    "zeros",
    "empty",
    "ones",
    "full",
    "ones_like",
    "full_like",
    "shape",
    "ndim",
    "size",
    "reshape",
    "ravel",
    "transpose",
    "copy",
    "empty_like",
    "zeros_like",
    "shares_memory",
    "may_share_memory",
    "iscomplexobj",
    "isrealobj",
    "isscalar",
    "isclose",
    "allclose",
    // These promote through `engine::promote` (which knows units, and that
    // a timedelta holds small integers) and cast through `datetime_convert`.
    "where",
    "select",
    "choose",
    "promote_types",
    "result_type",
    // These read each element's truth, which for a time is `!= 0`
    // (NaT included), as the engine reads it.
    "count_nonzero",
    "nonzero",
    "flatnonzero",
    "argwhere",
];

/// `np.NAME(...)` with a datetime value among the arguments.
pub fn np_function(s: &mut Session, e: &Entry, args: Args) -> PyResult<Value> {
    let name = e.name();
    match name {
        n if super::busday::answers(n) => super::busday::call(n, &args),
        "isnat" => {
            let bound = crate::eval::binding::prepare(e, &args)?;
            let x = bound.pos.first().cloned().unwrap_or(Value::None);
            isnat(&x)
        }
        "isnan" | "isinf" | "isfinite"
            if args.pos.len() == 1
                && args.kw.is_empty()
                && super::datetime_convert::involves_time(&args.pos[0]) =>
        {
            nat_test(name, &args.pos[0])
        }
        "arange" => {
            let bound = crate::eval::binding::prepare(e, &args)?;
            arange(&bound)
        }
        // Uninitialised or zero generic datetimes cannot even print in NumPy.
        "zeros" | "empty" | "zeros_like" | "empty_like" | "ones" | "full" | "ones_like"
        | "full_like"
            if args
                .pos
                .iter()
                .chain(args.kw.iter().map(|(_, v)| v))
                .any(generic_datetime_dtype) =>
        {
            Err(refuse(format!("np.{name} with a generic datetime64 dtype")))
        }
        n if STRUCTURAL.contains(&n) || answers(n) => s.call_function(&format!("np.{name}"), args),
        "concatenate" | "stack" | "hstack" | "vstack" | "column_stack" | "row_stack" => {
            joined(s, name, args)
        }
        n if super::datetime_routines::answers(n) => {
            let bound = crate::eval::binding::prepare(e, &args)?;
            let a = match bound.pos.first() {
                Some(Value::Array(a)) => a.clone(),
                Some(v @ (Value::List(_) | Value::Tuple(_))) => super::convert::to_array(v, None)?,
                _ => return Err(refuse(format!("np.{name} of this value"))),
            };
            super::datetime_routines::call(name, &a, &bound, false)
        }
        "sort" | "argsort" | "min" | "max" | "amin" | "amax" | "nanmin" | "nanmax" | "diff"
        | "unique"
            if args.pos.len() == 1 && args.kw.is_empty() =>
        {
            ordered(name, &args.pos[0])
        }
        "add" | "subtract" | "multiply" | "true_divide" | "divide" | "floor_divide"
        | "remainder" | "mod"
            if args.pos.len() == 2 && args.kw.is_empty() =>
        {
            let op = match name {
                "add" => BinaryOp::Add,
                "subtract" => BinaryOp::Sub,
                "multiply" => BinaryOp::Mul,
                "floor_divide" => BinaryOp::FloorDiv,
                "remainder" | "mod" => BinaryOp::Mod,
                _ => BinaryOp::Div,
            };
            binary(op, &args.pos[0], &args.pos[1])
        }
        n if let Some(op) = CompareOp::of_ufunc(n)
            && args.pos.len() == 2
            && args.kw.is_empty() =>
        {
            compare(op, &args.pos[0], &args.pos[1])
        }
        "maximum" | "minimum" | "fmax" | "fmin" if args.pos.len() == 2 && args.kw.is_empty() => {
            extremum(name, &args.pos[0], &args.pos[1])
        }
        "negative" | "absolute" | "abs" | "positive" | "sign"
            if args.pos.len() == 1 && args.kw.is_empty() =>
        {
            unary(if name == "abs" { "absolute" } else { name }, &args.pos[0])
        }
        _ => Err(refuse(format!("np.{name}"))),
    }
}

/// A dtype argument naming `datetime64` with no unit.
fn generic_datetime_dtype(v: &Value) -> bool {
    let d = match v {
        Value::DType(d) | Value::Type(TypeObj::NpScalar(d)) => Some(d.clone()),
        Value::Str(s) => match dtm::parse_dtype(s) {
            Some(Ok((u, delta))) => Some(DType::Time(u, delta)),
            _ => None,
        },
        _ => None,
    };
    matches!(d, Some(DType::Time(u, false)) if u.is_generic())
}

/// Methods of datetime arrays and scalars checked against NumPy.
pub fn method_allowed(name: &str) -> bool {
    matches!(
        name,
        "copy" | "reshape" | "ravel" | "flatten" | "transpose" | "swapaxes" | "squeeze"
    )
}

/// `np.isnat(x)`.
pub fn isnat(x: &Value) -> PyResult<Value> {
    nat_test("isnat", x)
}

/// `np.isnat`, and `np.isnan`, `np.isinf`, `np.isfinite` of datetimes and
/// timedeltas (NaT is their NaN; nothing is infinite).
fn nat_test(name: &str, x: &Value) -> PyResult<Value> {
    let (a, scalar) = as_array(x)?;
    if !is_time_dtype(a.dtype()) {
        return Err(PyError::type_error(
            "ufunc 'isnat' is only defined for np.datetime64 and np.timedelta64.",
        ));
    }
    let vals: Vec<Scalar> = a
        .to_scalars()
        .into_iter()
        .map(|s| {
            let nat = s == Scalar::Int(NAT);
            Scalar::Bool(match name {
                "isinf" => false,
                "isfinite" => !nat,
                _ => nat,
            })
        })
        .collect();
    let out = NdArray::from_scalars(&a.shape(), DType::Bool, &vals)?;
    Ok(if scalar {
        Value::NpScalar(DType::Bool, out.first())
    } else {
        Value::Array(out)
    })
}

/// Call one of this module's own functions (the registry has bound `args`).
pub fn call(name: &str, args: &Args) -> PyResult<Value> {
    match name {
        "datetime_data" => {
            let d = super::dtype_arg::dtype_arg(args.req(0, "dtype", name)?)?;
            let DType::Time(u, _) = d.native() else {
                return Err(PyError::type_error(
                    "cannot get datetime metadata from non-datetime type",
                ));
            };
            Ok(Value::tuple(vec![
                Value::str(u.base.name()),
                Value::Int(u.num as i128),
            ]))
        }
        _ => datetime_as_string(args),
    }
}

/// `np.datetime_as_string(arr, unit=None, timezone='naive',
/// casting='same_kind')`, after `array_datetime_as_string` and
/// `NpyDatetime_MakeISO8601Datetime` in NumPy's `datetime_strings.c`:
/// `unit='auto'` picks each value's lossless unit (at least days, minutes
/// rather than bare hours); `timezone='UTC'` appends `Z` to times; the
/// width is that of the unit (62 for `'auto'`). A local time zone (the
/// string `'local'` or a tzinfo object) is refused.
fn datetime_as_string(args: &Args) -> PyResult<Value> {
    let x = args.req(0, "arr", "datetime_as_string")?;
    let utc = match args.get(2, "timezone") {
        None => false,
        Some(Value::Str(t)) if t.as_ref() == "naive" => false,
        Some(Value::Str(t)) if t.as_ref() == "UTC" => true,
        Some(Value::Str(t)) if t.as_ref() == "local" => {
            return Err(refuse("np.datetime_as_string with timezone='local'"));
        }
        Some(Value::Str(t)) => {
            return Err(PyError::value(format!(
                "Unsupported timezone input string \"{t}\""
            )));
        }
        Some(_) => return Err(refuse("np.datetime_as_string with a tzinfo object")),
    };
    let casting = match args.get(3, "casting") {
        None => "same_kind".to_string(),
        Some(Value::Str(c))
            if matches!(c.as_ref(), "no" | "equiv" | "safe" | "same_kind" | "unsafe") =>
        {
            c.to_string()
        }
        Some(Value::Str(c)) => {
            return Err(PyError::value(format!(
                "casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe' (got '{c}')"
            )));
        }
        Some(_) => return Err(refuse("np.datetime_as_string with this casting")),
    };
    let (a, scalar) = as_array(x)?;
    let DType::Time(u, false) = a.dtype().native() else {
        return Err(PyError::type_error("input must have type NumPy datetime"));
    };
    let auto = matches!(args.get(1, "unit"), Some(Value::Str(s)) if s.as_ref() == "auto");
    let unit = if auto {
        None
    } else {
        unit_arg(args.get(1, "unit"))?
    };
    let to = match unit {
        None => u,
        Some(t) if t.num == 1 && !t.is_generic() => t,
        Some(_) => return Err(refuse("np.datetime_as_string with this unit")),
    };
    if !auto && !units_cast(u.base, to.base, &casting) {
        return Err(PyError::type_error(format!(
            "Cannot create a datetime string as units '{}' from a NumPy datetime with units '{}' according to the rule '{casting}'",
            to.base.name(),
            u.base.name()
        )));
    }
    // A week is written as its day: NumPy checks the casting to weeks,
    // then prints days, the dates unmoved (`'2020-01-15'`, not the
    // Thursday that starts its week).
    let to = if to.base == dtm::Base::W {
        dtm::TimeUnit {
            base: dtm::Base::D,
            num: 1,
        }
    } else {
        to
    };
    let mut texts = Vec::new();
    for s in a.to_scalars() {
        crate::engine::interrupt::check().map_err(PyError::from)?;
        let i = if let Scalar::Int(i) = s { i } else { NAT };
        let broken = if u.is_generic() || i == NAT {
            None
        } else {
            dtm::to_struct(u, i).map_err(err)?
        };
        let base = match (&broken, auto) {
            (Some(d), true) => auto_unit(d),
            _ => to.base,
        };
        let mut text = match &broken {
            None => "NaT".to_string(),
            // NumPy breaks the value down in its own unit and writes the
            // fields down to the unit asked for (`make_iso_8601_datetime`),
            // never converting it: attoseconds of a date in 2032 would
            // not fit 64 bits.
            Some(_) => dtm::format_iso(broken.as_ref(), base),
        };
        if utc && broken.is_some() && base >= dtm::Base::H && base != dtm::Base::Generic {
            text.push('Z');
        }
        texts.push(Scalar::Str(text));
    }
    // NumPy's `NPY_DATETIME_MAX_ISO8601_STRLEN` when the unit is 'auto'.
    let width = if auto { 62 } else { dtm::iso_strlen(to.base) };
    let dt = DType::Str(width);
    if scalar {
        return Ok(Value::NpScalar(
            DType::Str(texts.first().map_or(0, |t| match t {
                Scalar::Str(s) => s.chars().count(),
                _ => 0,
            })),
            texts
                .into_iter()
                .next()
                .unwrap_or(Scalar::Str(String::new())),
        ));
    }
    Ok(Value::Array(NdArray::from_scalars(&a.shape(), dt, &texts)?))
}

/// NumPy's `can_cast_datetime64_units`: any unit under `unsafe` and
/// `same_kind`, only towards finer units under `safe`, the same unit under
/// `no`/`equiv`; a generic unit casts only from itself.
fn units_cast(from: dtm::Base, to: dtm::Base, casting: &str) -> bool {
    let generic = from == dtm::Base::Generic || to == dtm::Base::Generic;
    match casting {
        "unsafe" => true,
        "same_kind" if generic => from == dtm::Base::Generic,
        "same_kind" => true,
        "safe" if generic => from == dtm::Base::Generic,
        "safe" => from <= to,
        _ => from == to,
    }
}

/// The unit `unit='auto'` prints a value in: `lossless_unit_from_datetimestruct`,
/// then at least days, and minutes rather than bare hours.
fn auto_unit(d: &dtm::DateTimeStruct) -> dtm::Base {
    use dtm::Base;
    let lossless = if d.as_ % 1000 != 0 {
        Base::As
    } else if d.as_ != 0 {
        Base::Fs
    } else if d.ps % 1000 != 0 {
        Base::Ps
    } else if d.ps != 0 {
        Base::Ns
    } else if d.us % 1000 != 0 {
        Base::Us
    } else if d.us != 0 {
        Base::Ms
    } else if d.sec != 0 {
        Base::S
    } else if d.min != 0 {
        Base::Min
    } else if d.hour != 0 {
        Base::H
    } else if d.day != 1 {
        Base::D
    } else if d.month != 1 {
        Base::M
    } else {
        Base::Y
    };
    match lossless {
        Base::H => Base::Min,
        Base::Y | Base::M => Base::D,
        other => other,
    }
}

/// A datetime `np.arange(start, stop, step, dtype=)`: NumPy's
/// `datetime_arange` for the common forms (strings or datetime scalars as
/// bounds, an int or timedelta64 step).
fn arange(args: &Args) -> PyResult<Value> {
    let start = args.get(0, "start").cloned().unwrap_or(Value::None);
    let stop = args.get(1, "stop").cloned().unwrap_or(Value::None);
    let step = args.get(2, "step").cloned().unwrap_or(Value::None);
    let dtype = match args.get(3, "dtype") {
        None | Some(Value::None) => None,
        Some(d) => Some(super::dtype_arg::dtype_arg(d)?),
    };
    if matches!(stop, Value::None) {
        return Err(refuse("np.arange with one datetime bound"));
    }
    let (unit0, delta) = match &dtype {
        Some(DType::Time(u, d)) => (*u, *d),
        Some(_) => return Err(refuse("np.arange of datetimes to this dtype")),
        None => match (&start, &stop) {
            (Value::NpScalar(DType::Time(_, d), _), _)
            | (_, Value::NpScalar(DType::Time(_, d), _)) => (TimeUnit::GENERIC, *d),
            _ => return Err(refuse("np.arange with these datetime arguments")),
        },
    };
    if delta {
        return Err(refuse("np.arange of timedelta64"));
    }
    // The unit: the dtype's, else the common one of the bounds and step.
    // An integer or timedelta stop counts from the start
    // (`datetime_arange` adds the start to it).
    let relative = match &stop {
        Value::Int(_) | Value::NpScalar(DType::Time(_, true), _) => true,
        Value::NpScalar(dt, _) => matches!(dt.kind(), Kind::Int | Kind::UInt),
        _ => false,
    };
    let absolute: Vec<Value> = if relative {
        vec![start.clone()]
    } else {
        vec![start.clone(), stop.clone()]
    };
    let mut unit = if unit0.is_generic() {
        resolve_unit(&absolute, false)?
    } else {
        unit0
    };
    // NumPy folds each timedelta into the unit found so far, the new
    // one first (its message names them in that order).
    for v in [&stop, &step] {
        if let Value::NpScalar(DType::Time(su, true), _) = v
            && unit0.is_generic()
        {
            unit = dtm::common_unit(*su, unit, true, false).map_err(err)?;
        }
    }
    if unit.is_generic() {
        return Err(refuse("np.arange of generic datetimes"));
    }
    let bound = |v: &Value| -> PyResult<i64> {
        match v {
            Value::Str(_) | Value::NpScalar(DType::Time(_, false), _) => {
                match element(v, unit, false)? {
                    Scalar::Int(i) => Ok(i),
                    _ => Ok(NAT),
                }
            }
            Value::Float(_) => Err(PyError::value("Could not convert object to NumPy datetime")),
            _ => Err(refuse("np.arange with this datetime bound")),
        }
    };
    // A step, or a stop counted from the start: an int in the unit, or a
    // timedelta converted to it.
    let delta = |v: &Value| -> PyResult<Option<i64>> {
        Ok(Some(match v {
            Value::Int(i) => int_of(*i)?,
            Value::NpScalar(DType::Time(su, true), Scalar::Int(i)) => {
                check_timedelta_cast(*su, unit)?;
                dtm::convert(*i, *su, unit, true).map_err(err)?
            }
            Value::NpScalar(dt, Scalar::Int(i)) if matches!(dt.kind(), Kind::Int | Kind::UInt) => {
                *i
            }
            _ => return Ok(None),
        }))
    };
    let a = bound(&start)?;
    let b = if relative {
        match delta(&stop)? {
            Some(d) if a != NAT && d != NAT => a.checked_add(d).ok_or_else(|| {
                PyError::new("OverflowError", "Python int too large to convert to C long")
            })?,
            Some(_) => NAT,
            None => return Err(refuse("np.arange with this datetime stop")),
        }
    } else {
        bound(&stop)?
    };
    let st = match &step {
        Value::None => 1,
        v => delta(v)?.ok_or_else(|| refuse("np.arange with this step"))?,
    };
    if a == NAT || b == NAT || st == NAT {
        return Err(PyError::value(
            "arange: cannot use NaT (not-a-time) datetime values",
        ));
    }
    if st == 0 {
        return Err(PyError::value("arange: step cannot be zero"));
    }
    let span = (b as i128) - (a as i128);
    let mut n = span / st as i128;
    if span % st as i128 != 0 && (span > 0) == (st > 0) {
        n += 1;
    }
    let n = n.max(0);
    if n > i64::MAX as i128 || !crate::engine::buffer::may_allocate((n as usize).saturating_mul(8))
    {
        return Err(PyError::new("MemoryError", "Maximum allowed size exceeded"));
    }
    let vals: Vec<Scalar> = (0..n as i64)
        .map(|k| Scalar::Int(a.wrapping_add(k.wrapping_mul(st))))
        .collect();
    Ok(Value::Array(NdArray::from_scalars(
        &[n as usize],
        DType::Time(unit, false),
        &vals,
    )?))
}

/// The order NumPy sorts datetimes in: by value, NaT last.
fn sort_key(i: i64) -> (bool, i64) {
    (i == NAT, i)
}

/// `np.sort`, `np.argsort`, `np.min`/`np.max`, `np.diff` and `np.unique` of
/// a 1-d datetime array with no other arguments (NaT sorts last, a
/// min/max with a NaT is NaT, `unique` keeps one NaT, as NumPy 2 does).
pub fn ordered(name: &str, x: &Value) -> PyResult<Value> {
    let (a, _) = as_array(x)?;
    let dt = a.dtype().native();
    if !is_time_dtype(&dt) {
        return Err(refuse(format!("np.{name} with mixed arguments")));
    }
    let vals: Vec<i64> = a
        .to_scalars()
        .into_iter()
        .map(|s| if let Scalar::Int(i) = s { i } else { NAT })
        .collect();
    let scalar = |i: i64| Value::NpScalar(dt.clone(), Scalar::Int(i));
    match name {
        // NaT is skipped, as NaN is; all NaT warns in NumPy (not modelled).
        "nanmin" | "nanmax" => {
            let kept = vals.iter().copied().filter(|&i| i != NAT);
            let v = if name == "nanmin" {
                kept.min()
            } else {
                kept.max()
            };
            match v {
                Some(v) => Ok(scalar(v)),
                None => Err(refuse(format!("np.{name} of no datetime but NaT"))),
            }
        }
        "min" | "max" | "amin" | "amax" => {
            if vals.is_empty() {
                let which = if name.ends_with("min") {
                    "minimum"
                } else {
                    "maximum"
                };
                return Err(PyError::value(format!(
                    "zero-size array to reduction operation {which} which has no identity"
                )));
            }
            if vals.contains(&NAT) {
                return Ok(scalar(NAT));
            }
            let v = if name.ends_with("min") {
                vals.iter().min()
            } else {
                vals.iter().max()
            };
            Ok(scalar(*v.unwrap_or(&NAT)))
        }
        _ if a.ndim() != 1 => Err(refuse(format!(
            "np.{name} of a datetime array that is not 1-d"
        ))),
        "sort" => {
            let mut v = vals;
            v.sort_by_key(|&i| sort_key(i));
            Ok(Value::Array(NdArray::from_scalars(
                &[v.len()],
                dt,
                &ints(v.into_iter()),
            )?))
        }
        "argsort" => {
            let mut idx: Vec<usize> = (0..vals.len()).collect();
            idx.sort_by_key(|&k| sort_key(vals[k]));
            let out: Vec<Scalar> = idx.into_iter().map(|k| Scalar::Int(k as i64)).collect();
            Ok(Value::Array(NdArray::from_scalars(
                &[out.len()],
                DType::Int64,
                &out,
            )?))
        }
        "unique" => {
            let mut v = vals;
            v.sort_by_key(|&i| sort_key(i));
            v.dedup();
            Ok(Value::Array(NdArray::from_scalars(
                &[v.len()],
                dt,
                &ints(v.into_iter()),
            )?))
        }
        _ => {
            // diff: a[1:] - a[:-1].
            if vals.is_empty() {
                return Err(refuse("np.diff of an empty datetime array"));
            }
            let n = vals.len();
            let head =
                NdArray::from_scalars(&[n - 1], dt.clone(), &ints(vals[1..].iter().copied()))?;
            let tail =
                NdArray::from_scalars(&[n - 1], dt.clone(), &ints(vals[..n - 1].iter().copied()))?;
            binary(BinaryOp::Sub, &Value::Array(head), &Value::Array(tail))
        }
    }
}

/// `np.concatenate` of datetime64 (or of timedelta64) arrays: each is cast
/// to the common unit of them all (NumPy's `PyArray_ResultType` over the
/// inputs), then joined as any arrays are. Mixing datetimes with
/// timedeltas or other types is refused.
/// The datetime (or timedelta) type every one of `arrays` casts to: their
/// common unit; mixing datetimes with timedeltas or other types is refused.
fn common_time(arrays: &[ArrayRef], name: &str) -> PyResult<DType> {
    let mut common: Option<(TimeUnit, bool)> = None;
    for a in arrays {
        let DType::Time(u, d) = a.dtype().native() else {
            return Err(refuse(format!("np.{name} of datetimes with other types")));
        };
        common = Some(match common {
            None => (u, d),
            Some((cu, cd)) if cd == d => (dtm::common_unit(cu, u, d, d).map_err(err)?, d),
            Some(_) => return Err(refuse(format!("np.{name} of datetimes with timedeltas"))),
        });
    }
    let Some((unit, delta)) = common else {
        return Err(refuse(format!("np.{name} without arrays")));
    };
    Ok(DType::Time(unit, delta))
}

/// `np.concatenate`/`stack`/`hstack`/`vstack`/`column_stack` of datetime
/// arrays: each cast to the common unit, then joined as they are (the
/// joins only move elements).
fn joined(s: &mut Session, name: &str, args: Args) -> PyResult<Value> {
    let Some(first) = args.pos.first() else {
        return Err(refuse(format!("np.{name} without arrays")));
    };
    if args.pos.len() > 2 || args.kw.iter().any(|(k, _)| k != "axis") {
        return Err(refuse(format!("np.{name} with these arguments")));
    }
    let items = super::protocol::iterate(first)?;
    let mut arrays = Vec::with_capacity(items.len());
    for it in &items {
        arrays.push(match it {
            Value::Array(a) => a.clone(),
            _ => return Err(refuse(format!("np.{name} of datetimes with other values"))),
        });
    }
    let target = common_time(&arrays, name)?;
    let cast: Vec<Value> = arrays
        .iter()
        .map(|a| super::datetime_convert::cast(a, &target).map(Value::Array))
        .collect::<PyResult<_>>()?;
    let mut pos = vec![Value::list(cast)];
    pos.extend(args.pos.iter().skip(1).cloned());
    s.call_function(
        &format!("np.{name}"),
        Args {
            pos,
            kw: args.kw.clone(),
        },
    )
}
