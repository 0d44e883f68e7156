//! `np.strings` and `np.char` on `U` and `S` arrays (issue 16 items 1
//! and 5), and `+` between string arrays. Each function replays
//! `numpy/_core/strings.py` (or `defchararray.py` for `np.char`'s own
//! versions): the same argument checks in the same order, the same
//! result widths (`buffersizes.max()` for `center`/`multiply`/
//! `replace`..., the input's dtype for `upper`/`strip`/`slice`..., the
//! sum of the widths for `add`), then the element operation of
//! `text.rs` over the broadcast inputs. Ufunc-backed names return a
//! NumPy scalar for 0-d results; the Python wrappers that pass `out=`
//! (or go through `_vec_string`) return a 0-d array, as NumPy does.
//! `np.char.split`/`rsplit`/`splitlines`/`join` go through
//! `object_array.rs` (their results are object arrays); `mod`,
//! `translate` and `chararray` are refused with `NotImplementedError`.

mod char_objects;
mod text;

use crate::engine::broadcast::{broadcast_layout, broadcast_shapes_or_err};
use crate::engine::dtype::{DType, Kind};
use crate::engine::{ArrayRef, NdArray, Scalar};

use super::error::{PyError, PyResult};
use super::signature::{Bound, Style, bind};
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::scalarize;
use crate::eval::convert::as_array;
use crate::eval::session::Session;
use text::{Case, Ends, Just, Pred, Units};

/// `np.strings`'s module name.
pub const STRINGS: &str = "numpy.strings";
/// `np.char`'s module name.
pub const CHAR: &str = "numpy.char";

macro_rules! usig {
    ($name:literal, $params:literal) => {
        concat!(
            $name,
            "(",
            $params,
            ", /, out=None, *, where=True, casting='same_kind', order='K', dtype=None, subok=True, signature=None)"
        )
    };
}

/// `np.strings`'s functions (ufuncs first) with NumPy's signatures.
const SIGNATURES: &[(&str, Style)] = &[
    (usig!("equal", "x1, x2"), Style::Ufunc),
    (usig!("not_equal", "x1, x2"), Style::Ufunc),
    (usig!("less", "x1, x2"), Style::Ufunc),
    (usig!("less_equal", "x1, x2"), Style::Ufunc),
    (usig!("greater", "x1, x2"), Style::Ufunc),
    (usig!("greater_equal", "x1, x2"), Style::Ufunc),
    (usig!("add", "x1, x2"), Style::Ufunc),
    (usig!("isalpha", "x"), Style::Ufunc),
    (usig!("isdigit", "x"), Style::Ufunc),
    (usig!("isspace", "x"), Style::Ufunc),
    (usig!("isalnum", "x"), Style::Ufunc),
    (usig!("islower", "x"), Style::Ufunc),
    (usig!("isupper", "x"), Style::Ufunc),
    (usig!("istitle", "x"), Style::Ufunc),
    (usig!("isdecimal", "x"), Style::Ufunc),
    (usig!("isnumeric", "x"), Style::Ufunc),
    (usig!("str_len", "x"), Style::Ufunc),
    ("multiply(a, i)", Style::Python),
    ("mod(a, values)", Style::Python),
    ("find(a, sub, start=0, end=None)", Style::Python),
    ("rfind(a, sub, start=0, end=None)", Style::Python),
    ("index(a, sub, start=0, end=None)", Style::Python),
    ("rindex(a, sub, start=0, end=None)", Style::Python),
    ("count(a, sub, start=0, end=None)", Style::Python),
    ("startswith(a, prefix, start=0, end=None)", Style::Python),
    ("endswith(a, suffix, start=0, end=None)", Style::Python),
    ("lstrip(a, chars=None)", Style::Python),
    ("rstrip(a, chars=None)", Style::Python),
    ("strip(a, chars=None)", Style::Python),
    ("replace(a, old, new, count=-1)", Style::Python),
    ("expandtabs(a, tabsize=8)", Style::Python),
    ("center(a, width, fillchar=' ')", Style::Python),
    ("ljust(a, width, fillchar=' ')", Style::Python),
    ("rjust(a, width, fillchar=' ')", Style::Python),
    ("zfill(a, width)", Style::Python),
    ("partition(a, sep)", Style::Python),
    ("rpartition(a, sep)", Style::Python),
    (
        "slice(a, start=None, stop=None, step=None, /)",
        Style::Python,
    ),
    ("upper(a)", Style::Python),
    ("lower(a)", Style::Python),
    ("swapcase(a)", Style::Python),
    ("capitalize(a)", Style::Python),
    ("title(a)", Style::Python),
    ("decode(a, encoding=None, errors=None)", Style::Python),
    ("encode(a, encoding=None, errors=None)", Style::Python),
    ("translate(a, table, deletechars=None)", Style::Python),
];

/// `np.char`'s own versions (`defchararray.py`); every other name of
/// `np.char` is `np.strings`'s object.
const CHAR_SIGNATURES: &[(&str, Style)] = &[
    ("equal(x1, x2)", Style::Python),
    ("not_equal(x1, x2)", Style::Python),
    ("less(x1, x2)", Style::Python),
    ("less_equal(x1, x2)", Style::Python),
    ("greater(x1, x2)", Style::Python),
    ("greater_equal(x1, x2)", Style::Python),
    ("multiply(a, i)", Style::Python),
    ("partition(a, sep)", Style::Python),
    ("rpartition(a, sep)", Style::Python),
    ("split(a, sep=None, maxsplit=None)", Style::Python),
    ("rsplit(a, sep=None, maxsplit=None)", Style::Python),
    ("splitlines(a, keepends=None)", Style::Python),
    ("join(sep, seq)", Style::Python),
    (
        "compare_chararrays(a1, a2, cmp, rstrip)",
        Style::CArgs { named: true },
    ),
];

/// `np.char` names that need object arrays or the `chararray` class.
const CHAR_REFUSED: &[&str] = &[
    "split",
    "rsplit",
    "splitlines",
    "join",
    "array",
    "asarray",
    "chararray",
];

fn name_of(sig: &str) -> &str {
    sig.split('(').next().unwrap_or(sig)
}

fn find_sig(table: &'static [(&'static str, Style)], name: &str) -> Option<(&'static str, Style)> {
    table.iter().copied().find(|(s, _)| name_of(s) == name)
}

/// `np.strings.NAME` / `np.char.NAME` as values.
pub fn module_attr(module: &str, name: &str) -> Option<Value> {
    match module {
        STRINGS if find_sig(SIGNATURES, name).is_some() => {
            Some(Value::func(&format!("np.strings.{name}")))
        }
        CHAR if find_sig(CHAR_SIGNATURES, name).is_some() => {
            Some(Value::func(&format!("np.char.{name}")))
        }
        // `np.char.upper is np.strings.upper`.
        CHAR if find_sig(SIGNATURES, name).is_some() && !CHAR_REFUSED.contains(&name) => {
            Some(Value::func(&format!("np.strings.{name}")))
        }
        _ => None,
    }
}

/// Call `np.strings.NAME` (`char == false`) or `np.char.NAME`.
pub fn call(s: &mut Session, char: bool, name: &str, args: &Args) -> PyResult<Value> {
    if char {
        let Some((sig, style)) = find_sig(CHAR_SIGNATURES, name) else {
            return Err(crate::eval::error::missing_module_attribute(CHAR, name));
        };
        let b = bind(sig, style, args)?;
        return call_char(s, name, &b);
    }
    let Some((sig, style)) = find_sig(SIGNATURES, name) else {
        return Err(crate::eval::error::missing_module_attribute(STRINGS, name));
    };
    let b = bind(sig, style, args)?;
    if style == Style::Ufunc {
        refuse_ufunc_extras(name, &b)?;
    }
    let req = |p: &str| b.required(p);
    let opt = |p: &str| b.get(p);
    match name {
        "equal" | "not_equal" | "less" | "less_equal" | "greater" | "greater_equal" => s
            .call_registered(
                &format!("np.{name}"),
                Args {
                    pos: vec![req("x1").clone(), req("x2").clone()],
                    kw: vec![],
                },
            ),
        "add" => add(req("x1"), req("x2")),
        "str_len" => {
            let (x, bytes) = text_or_no_loop(name, req("x"))?;
            let _ = bytes;
            map1(&x, |u| Scalar::Int(u.len() as i64), DType::Int64).map(scalarize)
        }
        n if let Some(p) = Pred::from_name(n) => {
            let (x, bytes) = text_or_no_loop(name, req("x"))?;
            if bytes && matches!(p, Pred::Decimal | Pred::Numeric) {
                return Err(no_loop(name, &[(req("x"), &x)]));
            }
            let mut out = Vec::with_capacity(x.size());
            for e in x.to_scalars() {
                out.push(Scalar::Bool(
                    text::predicate(p, &units(&e), bytes).map_err(unsupported)?,
                ));
            }
            Ok(scalarize(NdArray::from_scalars(
                &x.shape(),
                DType::Bool,
                &out,
            )?))
        }
        "multiply" => multiply(req("a"), req("i")),
        "find" | "rfind" | "index" | "rindex" | "count" | "startswith" | "endswith" => {
            let sub = match name {
                "startswith" => req("prefix"),
                "endswith" => req("suffix"),
                _ => req("sub"),
            };
            search(name, req("a"), sub, opt("start"), opt("end"))
        }
        "lstrip" | "rstrip" | "strip" => {
            let ends = match name {
                "lstrip" => Ends::Left,
                "rstrip" => Ends::Right,
                _ => Ends::Both,
            };
            strip(name, ends, req("a"), b.get_some("chars"))
        }
        "replace" => replace(req("a"), req("old"), req("new"), opt("count")),
        "expandtabs" => expandtabs(req("a"), opt("tabsize")),
        "center" | "ljust" | "rjust" => {
            let pos = match name {
                "center" => Just::Center,
                "ljust" => Just::Left,
                _ => Just::Right,
            };
            justify(pos, req("a"), req("width"), opt("fillchar"))
        }
        "zfill" => zfill(req("a"), req("width")),
        "partition" | "rpartition" => {
            let parts = partition(name == "rpartition", req("a"), req("sep"))?;
            Ok(Value::tuple(parts.into_iter().map(Value::Array).collect()))
        }
        "slice" => slice(req("a"), opt("start"), opt("stop"), opt("step")),
        "upper" | "lower" | "swapcase" | "capitalize" | "title" => {
            let op = match name {
                "upper" => Case::Upper,
                "lower" => Case::Lower,
                "swapcase" => Case::Swap,
                "capitalize" => Case::Capitalize,
                _ => Case::Title,
            };
            case(op, req("a"))
        }
        "encode" | "decode" => codec(name == "encode", req("a"), &b),
        "mod" => modulo(s, req("a"), req("values")),
        _ => Err(PyError::new(
            "NotImplementedError",
            format!("slicelab does not implement np.strings.{name} yet"),
        )),
    }
}

/// Ufunc keywords slicelab's string loops do not take.
fn refuse_ufunc_extras(name: &str, b: &Bound) -> PyResult<()> {
    let given = |p: &str| b.get(p).is_some();
    let default = |p: &str, ok: &dyn Fn(&Value) -> bool| b.get(p).is_none_or(ok);
    let bad = [
        ("out", b.get_some("out").is_none()),
        ("dtype", b.get_some("dtype").is_none()),
        ("signature", b.get_some("signature").is_none()),
        (
            "where",
            default("where", &|v| matches!(v, Value::Bool(true))),
        ),
        (
            "subok",
            default("subok", &|v| matches!(v, Value::Bool(true))),
        ),
        (
            "casting",
            default(
                "casting",
                &|v| matches!(v, Value::Str(s) if s.as_ref() == "same_kind"),
            ),
        ),
        (
            "order",
            default(
                "order",
                &|v| matches!(v, Value::Str(s) if s.as_ref() == "K"),
            ),
        ),
    ];
    let _ = given;
    match bad.iter().find(|(_, ok)| !ok) {
        Some((p, _)) => Err(super::signature::not_implemented_argument(
            &format!("np.strings.{name}"),
            p,
        )),
        None => Ok(()),
    }
}

// ---------------------------------------------------------------- inputs

/// `Some(true)` for an `S` dtype, `Some(false)` for `U`, `None` otherwise.
fn text_kind(dt: &DType) -> Option<bool> {
    match dt.native() {
        DType::Str(_) => Some(false),
        DType::Bytes(_) => Some(true),
        _ => None,
    }
}

/// `np.asanyarray(v)`: a text scalar (`a[0]`) is an array of its own
/// length, as `np.asarray(np.str_('ab'))` is `<U2`, whatever array it
/// came from.
fn arr(v: &Value) -> PyResult<ArrayRef> {
    match v {
        Value::NpScalar(DType::Str(_), sc @ Scalar::Str(t)) => Ok(NdArray::from_scalars(
            &[],
            DType::Str(t.chars().count().max(1)),
            std::slice::from_ref(sc),
        )?),
        Value::NpScalar(DType::Bytes(_), sc @ Scalar::Bytes(b)) => Ok(NdArray::from_scalars(
            &[],
            DType::Bytes(b.len().max(1)),
            std::slice::from_ref(sc),
        )?),
        other => as_array(other),
    }
}

/// Characters per element of a text dtype (`_get_num_chars`).
fn width_of(dt: &DType) -> usize {
    match dt.native() {
        DType::Str(n) | DType::Bytes(n) => n,
        _ => 0,
    }
}

fn text_dtype(bytes: bool, width: usize) -> DType {
    if bytes {
        DType::Bytes(width)
    } else {
        DType::Str(width)
    }
}

/// A text dtype as `repr(dtype)` shows it inside messages.
fn dtype_text(dt: &DType) -> String {
    match dt.native() {
        DType::Str(n) => format!("dtype('<U{n}')"),
        DType::Bytes(n) => format!("dtype('S{n}')"),
        other => crate::render::dtype_repr::dtype_repr(&other),
    }
}

/// The code units of one element.
fn units(s: &Scalar) -> Units {
    match s {
        Scalar::Str(t) => t.chars().map(|c| c as u32).collect(),
        Scalar::Bytes(b) => b.iter().map(|&c| c as u32).collect(),
        _ => vec![],
    }
}

fn element(u: &[u32], bytes: bool) -> Scalar {
    if bytes {
        Scalar::Bytes(u.iter().map(|&c| c as u8).collect())
    } else {
        Scalar::Str(u.iter().filter_map(|&c| char::from_u32(c)).collect())
    }
}

/// The DType class NumPy's "no loop" message names for an input.
fn class_of(v: &Value, a: &ArrayRef) -> String {
    super::dtype_classes::input_class_repr(v, &a.dtype().native())
}

fn no_loop(name: &str, inputs: &[(&Value, &ArrayRef)]) -> PyError {
    // Python scalars stay abstract (`_PyLongDType`) only beside a NumPy
    // value; when every input is one, NumPy converts them all.
    let all_python = inputs
        .iter()
        .all(|(v, _)| !matches!(v, Value::Array(_) | Value::NpScalar(..)));
    let names: Vec<String> = inputs
        .iter()
        .map(|(v, a)| {
            if all_python {
                class_of(&Value::None, a)
            } else {
                class_of(v, a)
            }
        })
        .collect();
    let types = if names.len() == 1 {
        names[0].clone()
    } else {
        format!("({})", names.join(", "))
    };
    PyError::type_error(format!(
        "ufunc '{name}' did not contain a loop with signature matching types {types} -> None"
    ))
}

fn unsupported(u: text::Unsupported) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!(
            "slicelab does not classify the character U+{:04X} as CPython's Unicode database does",
            u.0
        ),
    )
}

/// A ufunc's one text input, or NumPy's "no loop" error naming it.
fn text_or_no_loop(name: &str, v: &Value) -> PyResult<(ArrayRef, bool)> {
    let a = arr(v)?;
    match text_kind(a.dtype()) {
        Some(bytes) => Ok((a, bytes)),
        None => Err(no_loop(name, &[(v, &a)])),
    }
}

/// Is this an integer input a ufunc's `int64` loop takes by a safe cast?
fn int_like(v: &Value, a: &ArrayRef) -> bool {
    if matches!(v, Value::Int(_) | Value::Bool(_)) {
        return true;
    }
    matches!(a.dtype().native().kind(), Kind::Int | Kind::Bool)
        || (a.dtype().native().kind() == Kind::UInt && a.dtype().itemsize() < 8)
}

/// The inputs broadcast together: the shape and each one's elements in C order.
fn spread(arrs: &[&ArrayRef]) -> PyResult<(Vec<usize>, Vec<Vec<Scalar>>)> {
    let shapes: Vec<Vec<usize>> = arrs.iter().map(|a| a.shape()).collect();
    let refs: Vec<&[usize]> = shapes.iter().map(|s| s.as_slice()).collect();
    let shape = broadcast_shapes_or_err(&refs)?;
    crate::engine::buffer::ensure_room(&shape, 1, "object", 32 * arrs.len())?;
    let cols = arrs
        .iter()
        .map(|a| a.to_scalars_layout(&broadcast_layout(&a.layout(), &shape)))
        .collect();
    Ok((shape, cols))
}

fn int_of(s: &Scalar) -> i64 {
    match s {
        Scalar::Int(i) => *i,
        Scalar::UInt(u) => *u as i64,
        Scalar::Bool(b) => i64::from(*b),
        _ => 0,
    }
}

/// `np.issubdtype(x.dtype, np.integer)` or NumPy's message for `operand`.
fn integer_operand(v: &Value, operand: &str) -> PyResult<ArrayRef> {
    let a = arr(v)?;
    if !matches!(a.dtype().native().kind(), Kind::Int | Kind::UInt) {
        return Err(PyError::type_error(format!(
            "unsupported type {} for operand '{operand}'",
            a.dtype().native().name()
        )));
    }
    Ok(a)
}

fn map1(x: &ArrayRef, f: impl Fn(&[u32]) -> Scalar, dt: DType) -> PyResult<ArrayRef> {
    let out: Vec<Scalar> = x.to_scalars().iter().map(|e| f(&units(e))).collect();
    Ok(NdArray::from_scalars(&x.shape(), dt, &out)?)
}

/// An array of text elements; `width` as NumPy sized it.
fn text_result(shape: &[usize], bytes: bool, width: usize, elems: &[Units]) -> PyResult<ArrayRef> {
    let dt = text_dtype(bytes, width);
    let out: Vec<Scalar> = elems.iter().map(|u| element(u, bytes)).collect();
    Ok(NdArray::from_scalars(shape, dt, &out)?)
}

/// `buffersizes.max()`: NumPy's error for an empty array.
fn max_size(sizes: &[i64]) -> PyResult<usize> {
    match sizes.iter().max() {
        Some(m) => Ok((*m).max(0) as usize),
        None => Err(PyError::value(
            "zero-size array to reduction operation maximum which has no identity",
        )),
    }
}

/// Room for an output of `n` elements of `width` units each.
fn ensure_output(n: usize, width: usize, bytes: bool) -> PyResult<()> {
    let dt = text_dtype(bytes, width);
    // The result, and the per-element runs built before it.
    crate::engine::buffer::ensure_room(&[n], dt.itemsize(), &dt.name(), 2 * dt.itemsize() + 64)?;
    Ok(())
}

/// `x.astype(dtype)` for a text value cast to another text dtype (the
/// casts `replace`, `partition` and the justifiers make).
fn cast_text(a: &ArrayRef, to: &DType) -> PyResult<ArrayRef> {
    // A `U` to `S` cast fails on non-ASCII text as NumPy's does.
    Ok(crate::engine::kernels::cast(a, to)?)
}

// ---------------------------------------------------------------- routines

/// `np.add` between text arrays (`StringDType` aside): the widths add up.
pub fn add(x1: &Value, x2: &Value) -> PyResult<Value> {
    let (a, b) = (arr(x1)?, arr(x2)?);
    let (ka, kb) = (text_kind(a.dtype()), text_kind(b.dtype()));
    let bytes = match (ka, kb) {
        (Some(p), Some(q)) if p == q => p,
        (Some(_), Some(_)) => {
            return Err(PyError::type_error(format!(
                "ufunc 'add' cannot use operands with types {} and {}",
                dtype_text(a.dtype()),
                dtype_text(b.dtype())
            )));
        }
        _ => {
            return Err(PyError::type_error(format!(
                "ufunc 'add' did not contain a loop with signature matching types ({}, {}) -> None",
                dtype_text(a.dtype()),
                dtype_text(b.dtype())
            )));
        }
    };
    let width = width_of(a.dtype()) + width_of(b.dtype());
    let (shape, cols) = spread(&[&a, &b])?;
    ensure_output(cols[0].len(), width, bytes)?;
    let elems: Vec<Units> = cols[0]
        .iter()
        .zip(&cols[1])
        .map(|(p, q)| {
            let mut u = units(p);
            u.extend(units(q));
            u
        })
        .collect();
    Ok(scalarize(text_result(&shape, bytes, width, &elems)?))
}

/// Is `v` a text array or NumPy text scalar (not a Python `str`)?
fn is_text_value(v: &Value) -> bool {
    match v {
        Value::Array(a) => text_kind(a.dtype()).is_some(),
        _ => false,
    }
}

/// `+` and `*` with a text array on either side (`None`: not ours).
pub fn operator(
    op: crate::engine::kernels::BinaryOp,
    a: &Value,
    b: &Value,
) -> Option<PyResult<Value>> {
    use crate::engine::kernels::BinaryOp;
    if !(is_text_value(a) || is_text_value(b)) {
        // `np.str_` and `np.bytes_` are `str` and `bytes`: between them
        // and Python text `+` is Python's, giving a plain `str`/`bytes`.
        if op != BinaryOp::Add {
            return None;
        }
        let scalar = |v: &Value| matches!(v, Value::NpScalar(..));
        if !(scalar(a) || scalar(b)) {
            return None;
        }
        let text = |v: &Value| match v {
            Value::NpScalar(_, Scalar::Str(x)) => Some(x.to_string()),
            Value::Str(x) => Some(x.to_string()),
            _ => None,
        };
        let raw = |v: &Value| match v {
            Value::NpScalar(_, Scalar::Bytes(x)) => Some(x.clone()),
            Value::Bytes(x) => Some(x.to_vec()),
            _ => None,
        };
        return match (text(a), text(b), raw(a), raw(b)) {
            (Some(x), Some(y), ..) => Some(Ok(Value::str(&format!("{x}{y}")))),
            (_, _, Some(mut x), Some(y)) => {
                x.extend(y);
                Some(Ok(Value::Bytes(x.into())))
            }
            _ => None,
        };
    }
    match op {
        BinaryOp::Add => Some(add(a, b)),
        BinaryOp::Mul => {
            let int = |v: &Value| match v {
                Value::Int(_) | Value::Bool(_) => true,
                Value::Array(x) => matches!(x.dtype().native().kind(), Kind::Int | Kind::UInt),
                Value::NpScalar(d, _) => matches!(d.kind(), Kind::Int | Kind::UInt),
                _ => false,
            };
            let text = |v: &Value| {
                is_text_value(v)
                    || matches!(
                        v,
                        Value::Str(_)
                            | Value::Bytes(_)
                            | Value::NpScalar(DType::Str(_) | DType::Bytes(_), _)
                    )
            };
            if (text(a) && int(b)) || (int(a) && text(b)) {
                return Some(Err(PyError::type_error(
                    "The 'out' kwarg is necessary when using the string multiply ufunc directly. Use numpy.strings.multiply to multiply strings without specifying 'out'.",
                )));
            }
            let (Ok(x), Ok(y)) = (arr(a), arr(b)) else {
                return None;
            };
            Some(Err(PyError::type_error(format!(
                "ufunc 'multiply' did not contain a loop with signature matching types ({}, {}) -> None",
                dtype_text(x.dtype()),
                dtype_text(y.dtype())
            ))))
        }
        _ => None,
    }
}

/// `np.str_`/`np.bytes_` against Python text (or each other): they are
/// `str` and `bytes`, so Python compares them and answers a plain bool.
pub fn compare_scalars(
    op: crate::engine::kernels::CompareOp,
    a: &Value,
    b: &Value,
) -> Option<Value> {
    use crate::engine::kernels::CompareOp;
    if !(matches!(a, Value::NpScalar(..)) || matches!(b, Value::NpScalar(..))) {
        return None;
    }
    let key = |v: &Value| -> Option<(bool, Vec<u32>)> {
        match v {
            Value::NpScalar(_, Scalar::Str(t)) => {
                Some((false, t.chars().map(|c| c as u32).collect()))
            }
            Value::Str(t) => Some((false, t.chars().map(|c| c as u32).collect())),
            Value::NpScalar(_, Scalar::Bytes(x)) => {
                Some((true, x.iter().map(|&c| c as u32).collect()))
            }
            Value::Bytes(x) => Some((true, x.iter().map(|&c| c as u32).collect())),
            _ => None,
        }
    };
    let ((ka, x), (kb, y)) = (key(a)?, key(b)?);
    if ka != kb {
        return None;
    }
    let o = x.cmp(&y);
    Some(Value::Bool(match op {
        CompareOp::Eq => o.is_eq(),
        CompareOp::Ne => o.is_ne(),
        CompareOp::Lt => o.is_lt(),
        CompareOp::Le => o.is_le(),
        CompareOp::Gt => o.is_gt(),
        CompareOp::Ge => o.is_ge(),
    }))
}

/// `np.strings.multiply(a, i)`.
fn multiply(av: &Value, iv: &Value) -> PyResult<Value> {
    let a = arr(av)?;
    let i = integer_operand(iv, "i")?;
    let Some(bytes) = text_kind(a.dtype()) else {
        return Err(no_loop("str_len", &[(av, &a)]));
    };
    let (shape, cols) = spread(&[&a, &i])?;
    let reps: Vec<i64> = cols[1].iter().map(|s| int_of(s).max(0)).collect();
    let lens: Vec<i64> = cols[0].iter().map(|s| units(s).len() as i64).collect();
    let mut sizes = Vec::with_capacity(lens.len());
    for (l, r) in lens.iter().zip(&reps) {
        if *l > i64::MAX / (*r).max(1) {
            return Err(PyError::overflow("Overflow encountered in string multiply"));
        }
        sizes.push(l * r);
    }
    let width = max_size(&sizes)?;
    ensure_output(sizes.len(), width, bytes)?;
    let elems: Vec<Units> = cols[0]
        .iter()
        .zip(&reps)
        .map(|(s, &r)| units(s).repeat(r as usize))
        .collect();
    Ok(Value::Array(text_result(&shape, bytes, width, &elems)?))
}

/// find / rfind / index / rindex / count / startswith / endswith: the
/// four-input ufuncs `(a, sub, start, end)`.
// The inputs are read side by side by element number.
#[allow(clippy::needless_range_loop)]
fn search(
    name: &str,
    av: &Value,
    subv: &Value,
    start: Option<&Value>,
    end: Option<&Value>,
) -> PyResult<Value> {
    let a = arr(av)?;
    let sub = arr(subv)?;
    let zero = Value::Int(0);
    let max = Value::Int(i64::MAX as i128);
    let startv = start.unwrap_or(&zero);
    let endv = match end {
        None | Some(Value::None) => &max,
        Some(v) => v,
    };
    let st = arr(startv)?;
    let en = arr(endv)?;
    let kinds = (text_kind(a.dtype()), text_kind(sub.dtype()));
    let numberish = |x: &ArrayRef| {
        matches!(
            x.dtype().native().kind(),
            Kind::Int | Kind::UInt | Kind::Bool | Kind::Float | Kind::Complex
        )
    };
    let ok = matches!(kinds, (Some(p), Some(q)) if p == q) && numberish(&st) && numberish(&en);
    if !ok {
        return Err(no_loop(
            name,
            &[(av, &a), (subv, &sub), (startv, &st), (endv, &en)],
        ));
    }
    // A loop exists; a float bound fails the cast to its int64 input.
    for (k, x) in [(2, &st), (3, &en)] {
        if matches!(x.dtype().native().kind(), Kind::Float | Kind::Complex) {
            return Err(PyError::type_error(format!(
                "Cannot cast ufunc '{name}' input {k} from dtype('{}') to dtype('int64') with casting rule 'same_kind'",
                x.dtype().native().name()
            )));
        }
    }
    let (shape, cols) = spread(&[&a, &sub, &st, &en])?;
    let mut out = Vec::with_capacity(cols[0].len());
    for k in 0..cols[0].len() {
        let (s, t) = (units(&cols[0][k]), units(&cols[1][k]));
        let (lo, hi) = (int_of(&cols[2][k]), int_of(&cols[3][k]));
        out.push(match name {
            "count" => Scalar::Int(text::count(&s, &t, lo, hi)),
            "startswith" | "endswith" => {
                Scalar::Bool(text::tailmatch(&s, &t, lo, hi, name == "endswith"))
            }
            _ => {
                let at = text::find(&s, &t, lo, hi, name.starts_with('r'));
                if at < 0 && name.contains("index") {
                    return Err(PyError::value("substring not found"));
                }
                Scalar::Int(at)
            }
        });
    }
    let dt = if name.ends_with("with") {
        DType::Bool
    } else {
        DType::Int64
    };
    Ok(scalarize(NdArray::from_scalars(&shape, dt, &out)?))
}

/// `_strip_whitespace` / `_strip_chars` and their one-sided versions:
/// the result keeps `a`'s dtype.
fn strip(name: &str, ends: Ends, av: &Value, chars: Option<&Value>) -> PyResult<Value> {
    let a = arr(av)?;
    let Some(cv) = chars else {
        let ufunc = format!("_{name}_whitespace");
        let Some(bytes) = text_kind(a.dtype()) else {
            return Err(no_loop(&ufunc, &[(av, &a)]));
        };
        let out: Vec<Units> = a
            .to_scalars()
            .iter()
            .map(|e| text::strip(&units(e), None, ends, bytes))
            .collect();
        let dt = a.dtype().native();
        return Ok(scalarize(text_result(
            &a.shape(),
            bytes,
            width_of(&dt),
            &out,
        )?));
    };
    let c = arr(cv)?;
    let ufunc = format!("_{name}_chars");
    let bytes = match (text_kind(a.dtype()), text_kind(c.dtype())) {
        (Some(p), Some(q)) if p == q => p,
        _ => return Err(no_loop(&ufunc, &[(av, &a), (cv, &c)])),
    };
    let (shape, cols) = spread(&[&a, &c])?;
    let out: Vec<Units> = cols[0]
        .iter()
        .zip(&cols[1])
        .map(|(e, set)| text::strip(&units(e), Some(&units(set)), ends, bytes))
        .collect();
    Ok(scalarize(text_result(
        &shape,
        bytes,
        width_of(&a.dtype().native()),
        &out,
    )?))
}

/// `old`/`new` as `replace` casts them: to `a`'s dtype unless they are
/// NumPy values with a dtype of their own.
fn cast_like_a(v: &Value, a: &ArrayRef) -> PyResult<ArrayRef> {
    let x = arr(v)?;
    match v {
        Value::Array(_) | Value::NpScalar(..) => Ok(x),
        _ => cast_text(&x, &a.dtype().native()),
    }
}

/// `np.strings.replace(a, old, new, count)`.
// The inputs are read side by side by element number.
#[allow(clippy::needless_range_loop)]
fn replace(av: &Value, oldv: &Value, newv: &Value, countv: Option<&Value>) -> PyResult<Value> {
    let minus1 = Value::Int(-1);
    let cv = countv.unwrap_or(&minus1);
    let count = integer_operand(cv, "count")?;
    let a = arr(av)?;
    let Some(bytes) = text_kind(a.dtype()) else {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.strings.replace takes string arrays",
        ));
    };
    let old = cast_like_a(oldv, &a)?;
    let new = cast_like_a(newv, &a)?;
    let max = Value::Int(i64::MAX as i128);
    let maxa = arr(&max)?;
    let zero = Value::Int(0);
    let zeroa = arr(&zero)?;
    if text_kind(old.dtype()) != Some(bytes) {
        return Err(no_loop(
            "count",
            &[(av, &a), (oldv, &old), (&zero, &zeroa), (&max, &maxa)],
        ));
    }
    if text_kind(new.dtype()) != Some(bytes) {
        return Err(no_loop("str_len", &[(newv, &new)]));
    }
    let (shape, cols) = spread(&[&a, &old, &new, &count])?;
    let mut sizes = Vec::with_capacity(cols[0].len());
    let mut parts = Vec::with_capacity(cols[0].len());
    for k in 0..cols[0].len() {
        let (s, o, n) = (units(&cols[0][k]), units(&cols[1][k]), units(&cols[2][k]));
        let found = text::count(&s, &o, 0, i64::MAX);
        let c = int_of(&cols[3][k]);
        let used = if c < 0 { found } else { found.min(c) };
        sizes.push(s.len() as i64 + used * (n.len() as i64 - o.len() as i64));
        parts.push((s, o, n, used));
    }
    let width = max_size(&sizes)?;
    ensure_output(sizes.len(), width, bytes)?;
    let elems: Vec<Units> = parts
        .iter()
        .map(|(s, o, n, used)| text::replace(s, o, n, *used))
        .collect();
    Ok(Value::Array(text_result(&shape, bytes, width, &elems)?))
}

/// `np.strings.expandtabs(a, tabsize)`.
fn expandtabs(av: &Value, tabv: Option<&Value>) -> PyResult<Value> {
    let eight = Value::Int(8);
    let tv = tabv.unwrap_or(&eight);
    let a = arr(av)?;
    let t = arr(tv)?;
    let bytes = match text_kind(a.dtype()) {
        Some(b) if int_like(&Value::None, &t) => b,
        _ => {
            return Err(no_loop(
                "_expandtabs_length",
                &[(&Value::None, &a), (&Value::None, &t)],
            ));
        }
    };
    let (shape, cols) = spread(&[&a, &t])?;
    let unit = if bytes { 1 } else { 4 };
    let sizes: Vec<i64> = cols[0]
        .iter()
        .zip(&cols[1])
        .map(|(e, n)| text::expandtabs_length(&units(e), int_of(n), unit))
        .collect();
    if sizes.iter().any(|&n| n > i64::from(i32::MAX)) {
        return Err(PyError::overflow("new string is too long"));
    }
    let width = max_size(&sizes)?;
    ensure_output(sizes.len(), width, bytes)?;
    let elems: Vec<Units> = cols[0]
        .iter()
        .zip(&cols[1])
        .map(|(e, n)| text::expandtabs(&units(e), int_of(n)))
        .collect();
    Ok(Value::Array(text_result(&shape, bytes, width, &elems)?))
}

/// `center` / `ljust` / `rjust`.
fn justify(pos: Just, av: &Value, widthv: &Value, fillv: Option<&Value>) -> PyResult<Value> {
    let width = integer_operand(widthv, "width")?;
    let a = arr(av)?;
    let space = Value::str(" ");
    let fv = fillv.unwrap_or(&space);
    let fill = arr(fv)?;
    let Some(fbytes) = text_kind(fill.dtype()) else {
        return Err(no_loop("str_len", &[(fv, &fill)]));
    };
    let _ = fbytes;
    if fill.to_scalars().iter().any(|s| units(s).len() != 1) {
        return Err(PyError::type_error(
            "The fill character must be exactly one character long",
        ));
    }
    let Some(bytes) = text_kind(a.dtype()) else {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.strings justifiers take string arrays",
        ));
    };
    let fill = cast_text(&fill, &a.dtype().native())?;
    let (shape, cols) = spread(&[&a, &width, &fill])?;
    let sizes: Vec<i64> = cols[0]
        .iter()
        .zip(&cols[1])
        .map(|(e, w)| (units(e).len() as i64).max(int_of(w)))
        .collect();
    let out_width = max_size(&sizes)?;
    ensure_output(sizes.len(), out_width, bytes)?;
    let elems: Vec<Units> = (0..sizes.len())
        .map(|k| {
            let f = units(&cols[2][k]).first().copied().unwrap_or(0);
            text::pad(&units(&cols[0][k]), sizes[k] as usize, f, pos)
        })
        .collect();
    Ok(Value::Array(text_result(&shape, bytes, out_width, &elems)?))
}

/// `np.strings.zfill(a, width)`.
fn zfill(av: &Value, widthv: &Value) -> PyResult<Value> {
    let width = integer_operand(widthv, "width")?;
    let a = arr(av)?;
    let Some(bytes) = text_kind(a.dtype()) else {
        return Err(no_loop("str_len", &[(av, &a)]));
    };
    let (shape, cols) = spread(&[&a, &width])?;
    let sizes: Vec<i64> = cols[0]
        .iter()
        .zip(&cols[1])
        .map(|(e, w)| (units(e).len() as i64).max(int_of(w)))
        .collect();
    let out_width = max_size(&sizes)?;
    ensure_output(sizes.len(), out_width, bytes)?;
    let elems: Vec<Units> = (0..sizes.len())
        .map(|k| text::zfill(&units(&cols[0][k]), sizes[k] as usize))
        .collect();
    Ok(Value::Array(text_result(&shape, bytes, out_width, &elems)?))
}

/// `partition`/`rpartition`: the three parts with `strings.py`'s widths.
// The inputs are read side by side by element number.
#[allow(clippy::needless_range_loop)]
fn partition(reverse: bool, av: &Value, sepv: &Value) -> PyResult<Vec<ArrayRef>> {
    let a = arr(av)?;
    let Some(bytes) = text_kind(a.dtype()) else {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.strings.partition takes string arrays",
        ));
    };
    let sep = cast_text(&arr(sepv)?, &a.dtype().native())?;
    let (shape, cols) = spread(&[&a, &sep])?;
    let n = cols[0].len();
    let mut parts: [Vec<Units>; 3] = [
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    ];
    let mut all_missing = true;
    let mut sep_max = 0usize;
    for k in 0..n {
        let (s, t) = (units(&cols[0][k]), units(&cols[1][k]));
        sep_max = sep_max.max(t.len());
        let at = text::find(&s, &t, 0, i64::MAX, reverse);
        if t.is_empty() {
            return Err(PyError::value("empty separator"));
        }
        if at < 0 {
            if reverse {
                parts[0].push(vec![]);
                parts[1].push(vec![]);
                parts[2].push(s);
            } else {
                parts[0].push(s);
                parts[1].push(vec![]);
                parts[2].push(vec![]);
            }
        } else {
            all_missing = false;
            let at = at as usize;
            parts[0].push(s[..at].to_vec());
            parts[1].push(t.clone());
            parts[2].push(s[at + t.len()..].to_vec());
        }
    }
    if n == 0 {
        return Err(PyError::value(
            "zero-size array to reduction operation maximum which has no identity",
        ));
    }
    let widths = [
        parts[0].iter().map(Vec::len).max().unwrap_or(0),
        if all_missing { 1 } else { sep_max },
        parts[2].iter().map(Vec::len).max().unwrap_or(0),
    ];
    // NumPy writes the parts into the fields `f0`, `f1`, `f2` of one
    // structured array (`out=(out["f0"], out["f1"], out["f2"])`), so
    // each part is a field view of that record array.
    let mut fields = Vec::with_capacity(3);
    let mut offset = 0;
    for (k, w) in widths.iter().enumerate() {
        let dtype = text_dtype(bytes, *w);
        let size = dtype.itemsize();
        fields.push(crate::engine::dtype::Field {
            name: format!("f{k}"),
            dtype,
            offset,
            shape: vec![],
            title: None,
        });
        offset += size;
    }
    let record = DType::Record(std::rc::Rc::new(crate::engine::dtype::RecordType {
        cells: std::cell::RefCell::new(fields),
        itemsize: offset,
        aligned: false,
    }));
    let owner = NdArray::zeros(&shape, record)?;
    let mut out = Vec::with_capacity(3);
    for (k, (p, w)) in parts.iter().zip(widths).enumerate() {
        let made = text_result(&shape, bytes, w, p)?;
        let view = crate::eval::record_fields::field_view(&owner, &format!("f{k}"))?;
        crate::engine::array::copy_elements(&made, &view)?;
        out.push(view);
    }
    Ok(out)
}

/// `np.strings.slice(a, start, stop, step)`.
fn slice(
    av: &Value,
    start: Option<&Value>,
    stop: Option<&Value>,
    step: Option<&Value>,
) -> PyResult<Value> {
    // One argument after `a` is the stop, as `slice(stop)`.
    let (start, stop) = match (start, stop) {
        (s, None) => (None, s),
        (s, t) => (s, t),
    };
    let one = Value::Int(1);
    let stepv = match step {
        None | Some(Value::None) => &one,
        Some(v) => v,
    };
    let step = integer_operand(stepv, "step")?;
    if step.to_scalars().iter().any(|s| int_of(s) == 0) {
        return Err(PyError::value("slice step cannot be zero"));
    }
    let a = arr(av)?;
    let none = Value::None;
    let startv = start.unwrap_or(&none);
    let stopv = stop.unwrap_or(&none);
    let st = (!matches!(startv, Value::None))
        .then(|| arr(startv))
        .transpose()?;
    let sp = (!matches!(stopv, Value::None))
        .then(|| arr(stopv))
        .transpose()?;
    let Some(bytes) = text_kind(a.dtype()) else {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.strings.slice takes string arrays",
        ));
    };
    for (v, x) in [(startv, &st), (stopv, &sp)] {
        if let Some(x) = x
            && !int_like(v, x)
        {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab's np.strings.slice takes integer bounds",
            ));
        }
    }
    let zero = arr(&Value::Int(0))?;
    let (shape, cols) = spread(&[
        &a,
        st.as_ref().unwrap_or(&zero),
        sp.as_ref().unwrap_or(&zero),
        &step,
    ])?;
    let elems: Vec<Units> = (0..cols[0].len())
        .map(|k| {
            let stp = int_of(&cols[3][k]);
            let lo = if st.is_some() {
                int_of(&cols[1][k])
            } else if stp < 0 {
                i64::MAX
            } else {
                0
            };
            let hi = if sp.is_some() {
                int_of(&cols[2][k])
            } else if stp < 0 {
                i64::MIN
            } else {
                i64::MAX
            };
            text::slice(&units(&cols[0][k]), lo, hi, stp)
        })
        .collect();
    Ok(scalarize(text_result(
        &shape,
        bytes,
        width_of(&a.dtype().native()),
        &elems,
    )?))
}

/// upper / lower / swapcase / capitalize / title (`_vec_string` into
/// `a`'s own dtype, so a longer result is cut to the width).
fn case(op: Case, av: &Value) -> PyResult<Value> {
    let a = arr(av)?;
    let Some(bytes) = text_kind(a.dtype()) else {
        return Err(PyError::type_error("string operation on non-string array"));
    };
    let mut elems = Vec::with_capacity(a.size());
    for e in a.to_scalars() {
        elems.push(text::case(op, &units(&e), bytes).map_err(unsupported)?);
    }
    Ok(Value::Array(text_result(
        &a.shape(),
        bytes,
        width_of(&a.dtype().native()),
        &elems,
    )?))
}

/// `np.strings.mod(a, values)`: `_vec_string(a, object, '__mod__',
/// (values,))` — `values` made an array and broadcast with `a`, each
/// element's `%` applied to the matching value as a Python object, then
/// `_to_bytes_or_str_array` sizes the result by its longest string.
fn modulo(s: &mut Session, av: &Value, vv: &Value) -> PyResult<Value> {
    let a = arr(av)?;
    if text_kind(a.dtype()) != Some(false) {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.strings.mod takes a str array",
        ));
    }
    let v = arr(vv)?;
    let (shape, cols) = spread(&[&a, &v])?;
    if cols[0].is_empty() {
        return Ok(Value::Array(NdArray::zeros(&shape, a.dtype().native())?));
    }
    let vdt = v.dtype().native();
    let mut out = Vec::with_capacity(cols[0].len());
    for (t, x) in cols[0].iter().zip(&cols[1]) {
        let Scalar::Str(template) = t else {
            continue;
        };
        // `_vec_string` hands `__mod__` NumPy scalars (`'%r'` shows
        // `np.str_('a')`).
        let value = Value::NpScalar(vdt.clone(), x.clone());
        let text = s.percent_format(template, &value)?;
        out.push(text.chars().map(|c| c as u32).collect::<Units>());
    }
    let width = out.iter().map(Vec::len).max().unwrap_or(0).max(1);
    Ok(Value::Array(text_result(&shape, false, width, &out)?))
}

/// encode (U to S) / decode (S to U) in UTF-8 (or ASCII), strict.
fn codec(encode: bool, av: &Value, b: &Bound) -> PyResult<Value> {
    let enc = match b.get_some("encoding") {
        None => "utf-8".to_string(),
        Some(Value::Str(s)) => s.to_ascii_lowercase().replace('_', "-"),
        Some(_) => {
            return Err(super::signature::not_implemented_argument(
                if encode { "encode" } else { "decode" },
                "encoding",
            ));
        }
    };
    let ascii = match enc.as_str() {
        "utf-8" | "utf8" => false,
        "ascii" | "us-ascii" => true,
        _ => {
            return Err(super::signature::not_implemented_argument(
                if encode { "encode" } else { "decode" },
                "encoding",
            ));
        }
    };
    b.refuse("errors")?;
    let a = arr(av)?;
    let want = if encode { Some(false) } else { Some(true) };
    if text_kind(a.dtype()) != want {
        return Err(PyError::new(
            "NotImplementedError",
            if encode {
                "slicelab's np.strings.encode takes a str array"
            } else {
                "slicelab's np.strings.decode takes a bytes array"
            },
        ));
    }
    let mut out = Vec::with_capacity(a.size());
    for e in a.to_scalars() {
        match e {
            Scalar::Str(t) => {
                if ascii && let Some(message) = crate::engine::array::ascii_encode_error(&t) {
                    return Err(PyError::new("UnicodeEncodeError", message));
                }
                out.push(t.as_bytes().iter().map(|&c| c as u32).collect::<Units>());
            }
            Scalar::Bytes(raw) => {
                let ok = if ascii {
                    raw.is_ascii()
                } else {
                    std::str::from_utf8(&raw).is_ok()
                };
                if !ok {
                    return Err(PyError::new(
                        "NotImplementedError",
                        "slicelab does not report decoding errors",
                    ));
                }
                out.push(
                    String::from_utf8_lossy(&raw)
                        .chars()
                        .map(|c| c as u32)
                        .collect(),
                );
            }
            _ => out.push(vec![]),
        }
    }
    // `_to_bytes_or_str_array`: `np.asarray(result.tolist())` sizes the
    // result by its longest element (at least one unit).
    let width = out.iter().map(Vec::len).max().unwrap_or(0).max(1);
    Ok(Value::Array(text_result(&a.shape(), encode, width, &out)?))
}

// ---------------------------------------------------------------- np.char

fn call_char(s: &mut Session, name: &str, b: &Bound) -> PyResult<Value> {
    match name {
        "split" | "rsplit" | "splitlines" | "join" => char_objects::char_call(s, name, b),
        "multiply" => match multiply(b.required("a"), b.required("i")) {
            Err(e) if e.kind == "TypeError" => Err(PyError::value("Can only multiply by integers")),
            r => r,
        },
        "partition" | "rpartition" => {
            let parts = partition(name == "rpartition", b.required("a"), b.required("sep"))?;
            stack_parts(s, parts)
        }
        "compare_chararrays" => {
            let cmp = match b.required("cmp") {
                Value::Str(c) => c.to_string(),
                Value::Bytes(c) => String::from_utf8_lossy(c).into_owned(),
                _ => String::new(),
            };
            if !matches!(cmp.as_str(), "==" | "!=" | "<" | ">" | "<=" | ">=") {
                return Err(PyError::value(
                    "comparison must be '==', '!=', '<', '>', '<=', '>='",
                ));
            }
            let rstrip = s.truth_of(b.required("rstrip"))?;
            compare(b.required("a1"), b.required("a2"), &cmp, rstrip)
        }
        _ => {
            let cmp = match name {
                "equal" => "==",
                "not_equal" => "!=",
                "less" => "<",
                "less_equal" => "<=",
                "greater" => ">",
                _ => ">=",
            };
            compare(b.required("x1"), b.required("x2"), cmp, true)
        }
    }
}

/// `np.stack(parts, axis=-1)`: the three parts side by side in one
/// array of their common (widest) dtype.
fn stack_parts(s: &mut Session, parts: Vec<ArrayRef>) -> PyResult<Value> {
    let list = Value::list(parts.into_iter().map(Value::Array).collect());
    s.call_registered(
        "np.stack",
        Args {
            pos: vec![list],
            kw: vec![("axis".into(), Value::Int(-1))],
        },
    )
}

/// `compare_chararrays`: elementwise comparison after dropping trailing
/// whitespace (with `rstrip`); the result is an array even when 0-d.
fn compare(x1: &Value, x2: &Value, cmp: &str, rstrip: bool) -> PyResult<Value> {
    let (a, b) = (arr(x1)?, arr(x2)?);
    let bytes = match (text_kind(a.dtype()), text_kind(b.dtype())) {
        (Some(p), Some(q)) if p == q => p,
        _ => {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab compares only two str or two bytes arrays with np.char",
            ));
        }
    };
    let (shape, cols) = spread(&[&a, &b])?;
    let trim = |s: &Scalar| {
        let u = units(s);
        if rstrip {
            text::strip(&u, None, Ends::Right, bytes)
        } else {
            u
        }
    };
    let out: Vec<Scalar> = cols[0]
        .iter()
        .zip(&cols[1])
        .map(|(p, q)| {
            let o = trim(p).cmp(&trim(q));
            Scalar::Bool(match cmp {
                "==" => o.is_eq(),
                "!=" => o.is_ne(),
                "<" => o.is_lt(),
                "<=" => o.is_le(),
                ">" => o.is_gt(),
                _ => o.is_ge(),
            })
        })
        .collect();
    Ok(Value::Array(NdArray::from_scalars(
        &shape,
        DType::Bool,
        &out,
    )?))
}
