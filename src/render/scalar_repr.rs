//! NumPy 2 scalar reprs (`np.int64(5)`, `np.True_`, `np.void(...)`) and
//! strs, plus Python's `repr` of `str` and `bytes`.

use crate::engine::dtype::DType;
use crate::engine::element::scalar_as_f64;
use crate::engine::scalar::Scalar;

use super::PrintOptions;
use super::dtype_repr::dtype_str;
use super::elemfmt::ElemFormat;
use super::floatfmt::{FloatKind, Trim, float_scalar_str};

/// Python's `repr(str)`: single quotes unless the text holds `'` and no `"`.
pub fn py_str_repr(s: &str) -> String {
    // Written once, in the engine, whose messages quote text too.
    crate::engine::error::str_literal(s)
}

pub use crate::engine::error::{escape_char, is_printable};

/// An unstructured void's bytes as NumPy prints them: every byte as
/// `\xNN`, `b'\x61\x00'`.
pub fn void_bytes_repr(b: &[u8]) -> String {
    let hex: String = b.iter().map(|x| format!("\\x{x:02X}")).collect();
    format!("b'{hex}'")
}

/// Python's `repr(bytes)`: `b'ab'`, `b'a\x00'`.
pub fn py_bytes_repr(b: &[u8]) -> String {
    // Written once, in the engine, whose messages quote bytes too.
    crate::engine::error::bytes_literal(b)
}

/// The float flavour of a float or complex dtype.
pub(crate) fn float_kind(dt: &DType) -> FloatKind {
    match &dt.native() {
        DType::Float16 => FloatKind::F16,
        DType::Float32 | DType::Complex64 => FloatKind::F32,
        _ => FloatKind::F64,
    }
}

fn complex_str(re: f64, im: f64, kind: FloatKind) -> String {
    let imag = float_scalar_str(im, kind, Trim::Dash, false);
    if re == 0.0 && !re.is_sign_negative() {
        return format!("{imag}j");
    }
    let real = float_scalar_str(re, kind, Trim::Dash, false);
    let imag = float_scalar_str(im, kind, Trim::Dash, true);
    format!("({real}{imag}j)")
}

/// `str()` of one NumPy scalar of type `dtype`: `5`, `2.0`, `True`,
/// `Alice`, `b'ab'`, `(1+2j)`, `('Alice', 31, 75000.0)`.
pub fn scalar_str(dtype: &DType, v: &Scalar) -> String {
    use crate::engine::datetime as dtm;
    if let (DType::Time(u, delta), Scalar::Int(i)) = (dtype.native(), v) {
        return if delta {
            dtm::timedelta_text(u, *i)
        } else {
            dtm::datetime_text(u, *i).unwrap_or_else(|_| "NaT".into())
        };
    }
    match (dtype, v) {
        (_, Scalar::Bool(b)) => if *b { "True" } else { "False" }.into(),
        (_, Scalar::Int(i)) => i.to_string(),
        (_, Scalar::UInt(u)) => u.to_string(),
        (dt, Scalar::Float(x)) => float_scalar_str(*x, float_kind(dt), Trim::Zero, false),
        (dt, Scalar::Complex(r, i)) => complex_str(*r, *i, float_kind(dt)),
        (_, Scalar::Str(s)) => s.trim_end_matches('\0').to_string(),
        (DType::Record(_), Scalar::Bytes(b)) => void_bytes_repr(b),
        (_, Scalar::Bytes(b)) => py_bytes_repr(b),
        (dt @ DType::Record(_), Scalar::Record(_)) => {
            // NumPy 2 prints a record's floats as their `str` (`2.0`);
            // the legacy modes up to 1.25 as an array's column (`2.`).
            let f = ElemFormat::build(
                dt,
                std::slice::from_ref(v),
                true,
                &PrintOptions::default(),
                !super::legacy::plain_scalars(),
            );
            f.format(v)
        }
        (_, Scalar::Record(_)) => format!("{:?}", scalar_as_f64(v)),
        // Object elements are Python values: `eval` prints them itself.
        (_, Scalar::Object(_)) => String::new(),
    }
}

/// `repr()` of one NumPy scalar: `np.int64(5)`, `np.float64(2.5)`,
/// `np.True_`, `np.str_('Alice')`, `np.bytes_(b'ab')`,
/// `np.complex128(1+2j)`, `np.void((...), dtype=[...])`.
pub fn scalar_repr(dtype: &DType, v: &Scalar) -> String {
    if let (DType::Time(u, delta), Scalar::Int(i)) = (dtype.native(), v) {
        let text = time_repr(u, delta, *i);
        // NumPy 1.25 and before named the module in full.
        return match text.strip_prefix("np.") {
            Some(rest) if super::legacy::plain_scalars() => format!("numpy.{rest}"),
            _ => text,
        };
    }
    if super::legacy::plain_scalars() {
        return match v {
            Scalar::Str(s) => py_str_repr(s.trim_end_matches('\0')),
            Scalar::Bytes(b) if matches!(dtype, DType::Record(_)) => {
                format!("void({})", void_bytes_repr(b))
            }
            _ => scalar_str(dtype, v),
        };
    }
    let tn = dtype.scalar_type_name();
    match v {
        Scalar::Bool(b) => if *b { "np.True_" } else { "np.False_" }.into(),
        // NumPy's unicode scalar prints without its trailing NULs (which
        // the str value itself keeps: `len(np.str_('a\x00'))` is 2).
        Scalar::Str(s) => format!("np.str_({})", py_str_repr(s.trim_end_matches('\0'))),
        Scalar::Bytes(b) if matches!(dtype, DType::Record(_)) => {
            format!("np.void({})", void_bytes_repr(b))
        }
        Scalar::Bytes(b) => format!("np.bytes_({})", py_bytes_repr(b)),
        Scalar::Complex(..) => {
            let s = scalar_str(dtype, v);
            let inner = s
                .strip_prefix('(')
                .and_then(|s| s.strip_suffix(')'))
                .unwrap_or(&s);
            format!("np.{tn}({inner})")
        }
        Scalar::Record(_) => format!(
            "np.void({}, dtype={})",
            scalar_str(dtype, v),
            dtype_str(dtype)
        ),
        _ => format!("np.{tn}({})", scalar_str(dtype, v)),
    }
}

/// `repr()` of a datetime64/timedelta64 scalar (NumPy's
/// `datetimetype_repr`/`timedeltatype_repr`): the unit is written out only
/// where the text does not imply it (a multiple, hours, NaT, generic).
fn time_repr(u: crate::engine::datetime::TimeUnit, delta: bool, i: i64) -> String {
    use crate::engine::datetime::{self as dtm, Base, NAT};
    if delta {
        let val = if i == NAT {
            "'NaT'".to_string()
        } else {
            i.to_string()
        };
        return if u.is_generic() {
            format!("np.timedelta64({val})")
        } else {
            format!("np.timedelta64({val},'{}')", u.text())
        };
    }
    let iso = dtm::datetime_text(u, i).unwrap_or_else(|_| "NaT".into());
    if (u.num == 1 && u.base != Base::H) || u.is_generic() {
        if i == NAT {
            format!("np.datetime64('{iso}','{}')", u.text())
        } else {
            format!("np.datetime64('{iso}')")
        }
    } else {
        format!("np.datetime64('{iso}','{}')", u.text())
    }
}
