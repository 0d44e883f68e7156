//! `np.require`, `np.fromstring`, `np.mask_indices` and `np.typecodes`
//! (issue 17): small namespace routines tutorials and NumPy's docs use.
//!
//! `require` and `mask_indices` replay NumPy's Python
//! (`numpy/_core/_asarray.py`, `numpy/lib/_twodim_base_impl.py`) through
//! slicelab's own `np.` functions. `fromstring` is NumPy's C text reader
//! (`array_from_text`, `fromstr_skip_separator`, `swab_separator` in
//! `ctors.c`): each element read as C's `strtod`/`strtol` read it, then
//! the separator, whose spaces match any run of white space.

use crate::engine::NdArray;
use crate::engine::dtype::DType;
use crate::engine::interrupt;
use crate::engine::scalar::Scalar;

use super::error::{PyError, PyResult};
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::protocol::{iterate, truthy};
use crate::eval::session::Session;

/// This module's registry entries (`registry::tables`).
pub const ENTRIES: &[Entry] = &[
    func(
        "require(a, dtype=None, requirements=None, *, like=None)",
        Style::Python,
        "a dtype requirements",
        Writes::Nothing,
    ),
    func(
        "fromstring(string, dtype=float, count=-1, sep='', *, like=None)",
        Style::CArgs { named: true },
        "string dtype count sep",
        Writes::Nothing,
    ),
    func(
        "mask_indices(n, mask_func, k=0)",
        Style::Python,
        "n mask_func k",
        Writes::Nothing,
    ),
];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// Does this module answer `np.NAME`?
pub fn answers(name: &str) -> bool {
    ENTRIES.iter().any(|e| e.name() == name)
}

/// Call one of this module's functions (the registry has bound `args`).
pub fn call(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    match name {
        "require" => require(s, args),
        "fromstring" => fromstring(args),
        _ => mask_indices(s, args),
    }
}

/// `np.typecodes`, NumPy's dict of type-code strings.
pub fn typecodes() -> Value {
    let items = [
        ("Character", "c"),
        ("Integer", "bhilqnp"),
        ("UnsignedInteger", "BHILQNP"),
        ("Float", "efdg"),
        ("Complex", "FDG"),
        ("AllInteger", "bBhHiIlLqQnNpP"),
        ("AllFloat", "efdgFDG"),
        ("Datetime", "Mm"),
        ("All", "?bhilqnpBHILQNPefdgFDGSUVOMm"),
    ];
    Value::Dict(std::rc::Rc::new(std::cell::RefCell::new(
        items
            .iter()
            .map(|(k, v)| (Value::str(k), Value::str(v)))
            .collect(),
    )))
}

/// `POSSIBLE_FLAGS` of `_asarray.py`.
fn flag(name: &str) -> Option<char> {
    Some(match name {
        "C" | "C_CONTIGUOUS" | "CONTIGUOUS" => 'C',
        "F" | "F_CONTIGUOUS" | "FORTRAN" => 'F',
        "A" | "ALIGNED" => 'A',
        "W" | "WRITEABLE" => 'W',
        "O" | "OWNDATA" => 'O',
        "E" | "ENSUREARRAY" => 'E',
        _ => return None,
    })
}

/// `np.require(a, dtype=None, requirements=None)`.
fn require(s: &mut Session, args: &Args) -> PyResult<Value> {
    let a = args.get(0, "a").cloned().unwrap_or(Value::None);
    let dtype = args.get(1, "dtype").cloned().unwrap_or(Value::None);
    let req = args.get(2, "requirements").cloned().unwrap_or(Value::None);
    if crate::eval::object::is_ma(&a) || matches!(&a, Value::Object(_)) {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.require takes arrays and sequences, not array subclasses",
        ));
    }
    if !truthy(&req)? {
        return s.np("asanyarray", vec![a], vec![("dtype", dtype)]);
    }
    // `{POSSIBLE_FLAGS[x.upper()] for x in requirements}`.
    let mut flags: Vec<char> = Vec::new();
    for x in iterate(&req)? {
        let Value::Str(t) = &x else {
            return Err(PyError::attribute(&x.type_name(), "upper"));
        };
        let up = t.to_uppercase();
        let f = flag(&up).ok_or_else(|| {
            PyError::new(
                "KeyError",
                super::display::repr(&Value::str(&up), &Default::default()),
            )
        })?;
        if !flags.contains(&f) {
            flags.push(f);
        }
    }
    flags.retain(|&f| f != 'E');
    let order = if flags.contains(&'C') && flags.contains(&'F') {
        return Err(PyError::value("Cannot specify both \"C\" and \"F\" order"));
    } else if flags.contains(&'F') {
        "F"
    } else if flags.contains(&'C') {
        "C"
    } else {
        "A"
    };
    flags.retain(|&f| f != 'C' && f != 'F');
    let arr = s.np(
        "array",
        vec![a],
        vec![
            ("dtype", dtype),
            ("order", Value::str(order)),
            ("copy", Value::None),
        ],
    )?;
    let Value::Array(x) = &arr else {
        return Ok(arr);
    };
    let fails = flags.iter().any(|f| match f {
        'W' => !x.writeable(),
        'O' => !x.owndata(),
        _ => false,
    });
    if fails {
        return super::methods::call_method(
            s,
            &arr,
            "copy",
            Args {
                pos: vec![Value::str(order)],
                kw: vec![],
            },
        );
    }
    Ok(arr)
}

/// `np.mask_indices(n, mask_func, k=0)`: `nonzero(mask_func(ones((n, n), int), k) != 0)`.
fn mask_indices(s: &mut Session, args: &Args) -> PyResult<Value> {
    let n = args.req(0, "n", "mask_indices")?.clone();
    let f = args.req(1, "mask_func", "mask_indices")?.clone();
    let k = args.get(2, "k").cloned().unwrap_or(Value::Int(0));
    let m = s.np(
        "ones",
        vec![
            Value::tuple(vec![n.clone(), n]),
            Value::Type(super::value::TypeObj::Builtin("int")),
        ],
        vec![],
    )?;
    let a = s.call(
        &f,
        Args {
            pos: vec![m, k],
            kw: vec![],
        },
    )?;
    let ne = super::ops::numpy_compare(crate::engine::kernels::CompareOp::Ne, &a, &Value::Int(0))?;
    s.np("nonzero", vec![ne], vec![])
}

/// The text `np.fromstring` reads: a `str` as UTF-8, or `bytes`.
fn text_bytes(v: &Value) -> PyResult<Vec<u8>> {
    match v {
        Value::Str(t) => Ok(t.as_bytes().to_vec()),
        Value::Bytes(b) => Ok(b.to_vec()),
        other => Err(PyError::type_error(format!(
            "a bytes-like object is required, not '{}'",
            other.type_name()
        ))),
    }
}

/// `np.fromstring(string, dtype=float, count=-1, sep='')`.
fn fromstring(args: &Args) -> PyResult<Value> {
    let data = text_bytes(args.req(0, "string", "fromstring")?)?;
    let dtype = match args.get(1, "dtype") {
        None => DType::Float64,
        Some(d) => super::dtype_arg::dtype_arg(d)?,
    };
    let count = match args.get(2, "count") {
        None => -1,
        Some(v) => crate::eval::coerce::int_arg(v, "")?,
    };
    let sep = match args.get(3, "sep") {
        None => String::new(),
        Some(Value::Str(t)) => t.to_string(),
        Some(other) => {
            return Err(PyError::type_error(format!(
                "fromstring() argument 4 must be str, not {}",
                other.type_name()
            )));
        }
    };
    if sep.is_empty() {
        return Err(PyError::value(
            "The binary mode of fromstring is removed, use frombuffer instead",
        ));
    }
    let kind = match dtype.native() {
        DType::Float16 | DType::Float32 | DType::Float64 => Read::Float,
        DType::Complex64 | DType::Complex128 => Read::Float,
        DType::Bool => Read::Signed,
        d if d.is_integer() && d.int_range().is_some_and(|(lo, _)| lo < 0) => Read::Signed,
        d if d.is_integer() => Read::Unsigned,
        other => {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab's np.fromstring reads numbers only, not {}",
                    other.name()
                ),
            ));
        }
    };
    let sep = swab_separator(sep.as_bytes());
    let mut at = 0usize;
    let mut values: Vec<Scalar> = Vec::new();
    let mut stop = 0i32;
    let mut i: i64 = 0;
    while count < 0 || i < count {
        if values.len().is_multiple_of(4096) {
            interrupt::check()?;
        }
        match read_element(&data, at, kind) {
            Some((v, end)) => {
                values.push(v);
                at = end;
            }
            None => {
                stop = if fully_read(&data, at) { -1 } else { -2 };
                break;
            }
        }
        stop = skip_separator(&data, &mut at, &sep);
        if stop < 0 {
            if count == i + 1 {
                stop = -1;
            }
            break;
        }
        i += 1;
    }
    if stop == -2 {
        return Err(PyError::value(
            "string or file could not be read to its end due to unmatched data",
        ));
    }
    if count >= 0 && (values.len() as i64) < count {
        // NumPy returns `count` elements, the ones not read uninitialised.
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's np.fromstring does not return elements the string does not hold \
             (NumPy leaves them uninitialised)",
        ));
    }
    let values: Vec<Scalar> = values
        .into_iter()
        .map(|v| match (&v, dtype.native()) {
            (Scalar::Int(x), DType::Bool) => Scalar::Bool(*x != 0),
            (Scalar::Float(x), DType::Complex64 | DType::Complex128) => Scalar::Complex(*x, 0.0),
            _ => v,
        })
        .collect();
    // Integers wrap into the dtype as C's assignment does (`300` → 44 for uint8).
    let wide = match kind {
        Read::Float => dtype.native(),
        _ if dtype.native() == DType::Bool => DType::Bool,
        Read::Signed => DType::Int64,
        Read::Unsigned => DType::UInt64,
    };
    let arr = NdArray::from_scalars(&[values.len()], wide.clone(), &values)?;
    if wide == dtype {
        return Ok(Value::Array(arr));
    }
    Ok(Value::Array(crate::engine::kernels::cast(&arr, &dtype)?))
}

/// How one element is read.
#[derive(Clone, Copy)]
enum Read {
    /// `NumPyOS_ascii_strtod`.
    Float,
    /// `PyOS_strtol` (base 10).
    Signed,
    /// `PyOS_strtoul` (base 10, no sign).
    Unsigned,
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// `string_is_fully_read`: at the end of the data.
fn fully_read(data: &[u8], at: usize) -> bool {
    at >= data.len() || data[at] == 0
}

/// `swab_separator`: runs of white space become one space, and the
/// separator starts and ends with one.
fn swab_separator(sep: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(sep.len() + 2);
    if !sep.is_empty() && !is_space(sep[0]) {
        out.push(b' ');
    }
    let mut skip_space = false;
    for &c in sep {
        if is_space(c) {
            if !skip_space {
                out.push(b' ');
                skip_space = true;
            }
        } else {
            out.push(c);
            skip_space = false;
        }
    }
    if out.last() == Some(&b' ') {
        out.push(b' ');
    }
    out
}

/// `fromstr_skip_separator`: 0 matched, -1 end of data, -2 no match.
fn skip_separator(data: &[u8], at: &mut usize, sep: &[u8]) -> i32 {
    let start = *at;
    let mut p = start;
    let mut k = 0usize;
    let result;
    loop {
        if fully_read(data, p) {
            result = -1;
            break;
        }
        let c = data[p];
        if k >= sep.len() {
            result = if p != start { 0 } else { -2 };
            break;
        } else if sep[k] == b' ' {
            if !is_space(c) {
                k += 1;
                continue;
            }
        } else if sep[k] != c {
            result = -2;
            break;
        } else {
            k += 1;
        }
        p += 1;
    }
    *at = p;
    result
}

/// One element at `at`, as C's reader reads it: the value and where it
/// ends, or `None` when nothing could be read.
fn read_element(data: &[u8], at: usize, kind: Read) -> Option<(Scalar, usize)> {
    let mut p = at;
    while p < data.len() && is_space(data[p]) {
        p += 1;
    }
    match kind {
        Read::Float => read_float(data, p),
        Read::Signed | Read::Unsigned => {
            // `PyOS_strtol`: white space, a sign, then `PyOS_strtoul`
            // (white space again, digits); the end is where the scan
            // stopped, so a lone sign or white space reads as 0, as in C.
            let mut q = p;
            let mut neg = false;
            if matches!(kind, Read::Signed) && q < data.len() && matches!(data[q], b'+' | b'-') {
                neg = data[q] == b'-';
                q += 1;
            }
            while q < data.len() && is_space(data[q]) {
                q += 1;
            }
            let digits_start = q;
            while q < data.len() && data[q].is_ascii_digit() {
                q += 1;
            }
            if q == at {
                return None;
            }
            let text = std::str::from_utf8(&data[digits_start..q]).ok()?;
            // On overflow `strtoul` gives its largest value.
            let mag: u64 = if text.is_empty() {
                0
            } else {
                text.parse().unwrap_or(u64::MAX)
            };
            Some(match kind {
                Read::Unsigned => (Scalar::UInt(mag), q),
                _ => {
                    let v = if mag <= i64::MAX as u64 {
                        if neg { -(mag as i64) } else { mag as i64 }
                    } else if neg && mag == 1 << 63 {
                        i64::MIN
                    } else {
                        i64::MAX
                    };
                    (Scalar::Int(v), q)
                }
            })
        }
    }
}

/// `strtod` on the text at `p` (white space already skipped): decimal
/// numbers with an optional exponent, `inf`, `infinity` and `nan`.
fn read_float(data: &[u8], p: usize) -> Option<(Scalar, usize)> {
    let mut q = p;
    let mut neg = false;
    if q < data.len() && matches!(data[q], b'+' | b'-') {
        neg = data[q] == b'-';
        q += 1;
    }
    let rest = &data[q..];
    let lower: Vec<u8> = rest.iter().take(8).map(u8::to_ascii_lowercase).collect();
    let sign = if neg { -1.0 } else { 1.0 };
    if lower.starts_with(b"infinity") {
        return Some((Scalar::Float(sign * f64::INFINITY), q + 8));
    }
    if lower.starts_with(b"inf") {
        return Some((Scalar::Float(sign * f64::INFINITY), q + 3));
    }
    if lower.starts_with(b"nan") {
        return Some((Scalar::Float(f64::NAN), q + 3));
    }
    let mut e = q;
    let int_start = e;
    while e < data.len() && data[e].is_ascii_digit() {
        e += 1;
    }
    let mut digits = e - int_start;
    if e < data.len() && data[e] == b'.' {
        let f = e + 1;
        let mut g = f;
        while g < data.len() && data[g].is_ascii_digit() {
            g += 1;
        }
        digits += g - f;
        if digits > 0 {
            e = g;
        }
    }
    if digits == 0 {
        return None;
    }
    if e < data.len() && matches!(data[e], b'e' | b'E') {
        let mut g = e + 1;
        if g < data.len() && matches!(data[g], b'+' | b'-') {
            g += 1;
        }
        let d0 = g;
        while g < data.len() && data[g].is_ascii_digit() {
            g += 1;
        }
        if g > d0 {
            e = g;
        }
    }
    let text = std::str::from_utf8(&data[p..e]).ok()?;
    let text = text.strip_prefix('+').unwrap_or(text);
    let v: f64 = text.parse().ok()?;
    Some((Scalar::Float(v), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_match_as_numpy_swabs_them() {
        assert_eq!(swab_separator(b","), b" ,");
        assert_eq!(swab_separator(b"  "), b"  ");
        // The C adds a space after a trailing one (its comment says otherwise).
        assert_eq!(swab_separator(b" ; "), b" ;  ");
        let data = b"1 ,  2";
        let mut at = 1;
        assert_eq!(skip_separator(data, &mut at, &swab_separator(b",")), 0);
        // The white space after the separator is left for the number reader.
        assert_eq!(at, 3);
    }

    #[test]
    fn floats_read_as_strtod() {
        assert!(
            matches!(read_element(b" .5x", 0, Read::Float), Some((Scalar::Float(x), 3)) if x == 0.5)
        );
        assert!(read_element(b"x", 0, Read::Float).is_none());
        assert!(read_element(b"-1", 0, Read::Unsigned).is_none());
    }
}
