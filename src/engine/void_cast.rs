//! Casts into and out of the unstructured void type `V<n>`.
//!
//! NumPy copies an element's bytes into a void as they are in memory, in
//! native order, cut or zero-padded to the void's size (`1.5` becomes
//! `b'\x00\x00\x00\x00\x00\x00\xF8\x3F'`). The other way has no byte
//! meaning: NumPy hands each void to the target type as the Python `bytes`
//! of its contents, so `int(b'12')` gives 12 and `b'\x01'` fails as
//! `int()` or `float()` fails on it. Without this module both directions
//! went through the scalar path and silently gave zeros.

use super::array::NdArray;
use super::dtype::{DType, Kind};
use super::element::write_scalar;
use super::error::EngineError;
use super::iter::for_each_offset2;
use super::scalar::Scalar;

/// `V<n>` without fields (what `np.void` and `'V8'` name).
pub fn is_plain_void(dtype: &DType) -> bool {
    matches!(dtype, DType::Record(r) if r.fields().is_empty())
}

/// Copy `src` into `dst` when one of them is a plain void and the other
/// has no fields: `None` when this cast is not about voids (or is
/// void-to-void, which the record copy already cuts and pads).
pub fn copy(src: &NdArray, dst: &NdArray) -> Option<Result<(), EngineError>> {
    let (from_void, to_void) = (is_plain_void(src.dtype()), is_plain_void(dst.dtype()));
    let plain = |d: &DType| !matches!(d, DType::Record(_) | DType::Object);
    if to_void && plain(src.dtype()) {
        return Some(copy_into_void(src, dst));
    }
    if from_void && plain(dst.dtype()) {
        return Some(copy_out_of_void(src, dst));
    }
    if from_void && !to_void && matches!(dst.dtype(), DType::Record(_)) {
        return Some(Err(EngineError::other(
            "NotImplementedError",
            "slicelab does not cast unstructured void to a structured dtype",
        )));
    }
    None
}

/// The native-order bytes of one `dtype` element holding `v`: what a
/// NumPy scalar gives a void it is stored into.
pub fn scalar_bytes(dtype: &DType, v: &Scalar) -> Scalar {
    let native = dtype.native();
    let mut buf = vec![0u8; native.itemsize()];
    write_scalar(&mut buf, 0, &native, v);
    Scalar::Bytes(buf)
}

fn copy_into_void(src: &NdArray, dst: &NdArray) -> Result<(), EngineError> {
    // The bytes NumPy copies are the value's in native order.
    let native;
    let src = if src.dtype().native() != *src.dtype() {
        native = NdArray::zeros(&src.shape(), src.dtype().native())?;
        super::array::copy_elements(src, &native)?;
        &*native
    } else {
        src
    };
    let (si, di) = (src.dtype().itemsize(), dst.dtype().itemsize());
    let n = si.min(di);
    let sl = src.layout_ref();
    let dl = dst.layout_ref();
    let sbytes = src.buffer().bytes();
    let mut dbytes = dst.bytes_mut();
    for_each_offset2(
        &dl.shape,
        [&sl.strides, &dl.strides],
        [sl.offset as isize, dl.offset as isize],
        |s, d| {
            let (s, d) = (s as usize, d as usize);
            dbytes[d..d + n].copy_from_slice(&sbytes[s..s + n]);
            dbytes[d + n..d + di].fill(0);
        },
    );
    Ok(())
}

fn copy_out_of_void(src: &NdArray, dst: &NdArray) -> Result<(), EngineError> {
    let item = src.dtype().itemsize();
    let target = dst.dtype().native();
    let mut values = Vec::with_capacity(src.size());
    {
        let sl = src.layout_ref();
        let sbytes = src.buffer().bytes();
        let mut err = None;
        super::iter::for_each_offset(&sl.shape, &sl.strides, sl.offset as isize, |s| {
            if err.is_some() {
                return;
            }
            let s = s as usize;
            match from_bytes(&sbytes[s..s + item], &target) {
                Ok(v) => values.push(v),
                Err(e) => err = Some(e),
            }
        });
        if let Some(e) = err {
            return Err(e);
        }
    }
    let dl = dst.layout_ref();
    let mut dbytes = dst.bytes_mut();
    let mut values = values.into_iter();
    super::iter::for_each_offset(&dl.shape, &dl.strides, dl.offset as isize, |d| {
        if let Some(v) = values.next() {
            write_scalar(&mut dbytes, d, dst.dtype(), &v);
        }
    });
    Ok(())
}

/// One void's bytes as a value of `target`, as NumPy's setitem of a Python
/// `bytes` object gives it.
fn from_bytes(b: &[u8], target: &DType) -> Result<Scalar, EngineError> {
    let text = std::str::from_utf8(b).ok();
    match target.kind() {
        // NumPy's truth of a void: any byte set.
        Kind::Bool => Ok(Scalar::Bool(b.iter().any(|&c| c != 0))),
        Kind::Int | Kind::UInt => {
            let v = text.and_then(parse_int).ok_or_else(|| {
                EngineError::value(format!(
                    "invalid literal for int() with base 10: {}",
                    super::error::bytes_literal(b)
                ))
            })?;
            let (lo, hi) = target.int_range().unwrap_or((i128::MIN, i128::MAX));
            if v < lo || v > hi {
                return Err(EngineError::other(
                    "OverflowError",
                    format!("Python integer {v} out of bounds for {}", target.name()),
                ));
            }
            Ok(if target.kind() == Kind::Int {
                Scalar::Int(v as i64)
            } else {
                Scalar::UInt(v as u64)
            })
        }
        Kind::Float => text
            .and_then(parse_float)
            .map(Scalar::Float)
            .ok_or_else(|| EngineError::value("setting an array element with a sequence.")),
        Kind::Complex => text
            .and_then(parse_float)
            .map(|x| Scalar::Complex(x, 0.0))
            .ok_or_else(|| {
                EngineError::value(format!(
                    "could not convert string to float: {}",
                    super::error::bytes_literal(b)
                ))
            }),
        Kind::DateTime => Err(EngineError::value(
            "Could not convert object to NumPy datetime",
        )),
        Kind::TimeDelta => Err(EngineError::value(
            "Could not convert object to NumPy timedelta",
        )),
        _ => Err(EngineError::value(
            "setting an array element with a sequence",
        )),
    }
}

/// Python's `int(text)` for base 10: surrounding whitespace, a sign, and
/// digits with single underscores between them.
fn parse_int(text: &str) -> Option<i128> {
    let t = text.trim_matches(|c: char| c.is_ascii_whitespace());
    let (neg, digits) = match t.as_bytes().first()? {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.bytes().all(|c| c.is_ascii_digit() || c == b'_')
    {
        return None;
    }
    let v: i128 = digits.replace('_', "").parse().ok()?;
    Some(if neg { -v } else { v })
}

/// Python's `float(text)`: a decimal or exponent literal, `inf`,
/// `infinity` or `nan` in any case, with surrounding whitespace.
fn parse_float(text: &str) -> Option<f64> {
    let t = text.trim_matches(|c: char| c.is_ascii_whitespace());
    let body = t.trim_start_matches(['+', '-']);
    let word = body.to_ascii_lowercase();
    let is_word = matches!(word.as_str(), "inf" | "infinity" | "nan");
    if t.len() - body.len() > 1
        || (!is_word
            && !body
                .bytes()
                .all(|c| c.is_ascii_digit() || b".eE+-_".contains(&c)))
    {
        return None;
    }
    if body.contains('_') {
        // Underscores only between digits, as in Python literals.
        let b = body.as_bytes();
        let ok = b.iter().enumerate().all(|(i, &c)| {
            c != b'_'
                || (i > 0
                    && i + 1 < b.len()
                    && b[i - 1].is_ascii_digit()
                    && b[i + 1].is_ascii_digit())
        });
        if !ok {
            return None;
        }
    }
    t.replace('_', "").parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_int_and_float_literals() {
        assert_eq!(parse_int(" -1_000 "), Some(-1000));
        assert_eq!(parse_int("1__0"), None);
        assert_eq!(parse_int("\u{1}\u{2}"), None);
        assert_eq!(parse_float("1.5e3"), Some(1500.0));
        assert!(parse_float("-Infinity").is_some_and(|x| x == f64::NEG_INFINITY));
        assert_eq!(parse_float("1_0.5"), Some(10.5));
        assert_eq!(parse_float("_1"), None);
        assert_eq!(parse_float("--1"), None);
    }
}
