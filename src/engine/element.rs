//! Typed element access. `Element` is implemented by the Rust type behind each
//! numeric dtype; `dispatch_numeric!` picks it from a `DType` once per
//! kernel, so inner loops run on concrete types with no per-element dispatch.
//! Casts between element types follow NumPy's `unsafe` casting (C casts):
//! floats truncate toward zero, integers wrap.

use bytemuck::{Pod, Zeroable};

use super::dtype::DType;
use super::scalar::Scalar;

/// NumPy's bool: one byte, 0 or 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Pod, Zeroable)]
#[repr(transparent)]
pub struct Bool8(pub u8);

/// Which C value a cast reads an element as: a constant per type, so the
/// choice in [`Element::cast_from`] is made at compile time (matching on
/// `S::dtype()` built and dropped a `DType` per element).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CastSource {
    /// float32, float64: read as a double
    Float,
    /// int64: read as itself
    Int64,
    /// uint64: read as itself
    UInt64,
    /// bool and the narrower integers: exact as an int64
    Narrow,
}

/// A numeric element type.
pub trait Element: Pod + Copy + Send + Sync + PartialOrd + PartialEq + Default + 'static {
    /// How casts from this type read it.
    const SOURCE: CastSource;
    /// The dtype it stands for.
    fn dtype() -> DType;
    /// Value as f64 (exact for every type but large 64-bit ints).
    fn to_f64(self) -> f64;
    /// Value as i64 (C cast).
    fn to_i64(self) -> i64;
    /// Value as u64 (C cast).
    fn to_u64(self) -> u64;
    /// Nonzero?
    fn to_bool(self) -> bool;
    /// C cast from f64.
    fn from_f64(v: f64) -> Self;
    /// C cast from i64 (wrapping).
    fn from_i64(v: i64) -> Self;
    /// C cast from u64 (wrapping).
    fn from_u64(v: u64) -> Self;
    /// From a bool.
    fn from_bool(v: bool) -> Self;
    /// The element as a detached scalar.
    fn to_scalar(self) -> Scalar;
    /// A cast from another element type, as NumPy's `astype` does it.
    fn cast_from<S: Element>(v: S) -> Self;
}

/// C's `(int32_t)` of a double on x86-64 (`cvttsd2si`): truncation, and
/// the "integer indefinite" `i32::MIN` for NaN and anything out of range.
fn trunc_i32(v: f64) -> i32 {
    if v > -2_147_483_649.0 && v < 2_147_483_648.0 {
        v as i32
    } else {
        i32::MIN
    }
}

/// The same for `(int64_t)`.
fn trunc_i64(v: f64) -> i64 {
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&v) {
        v as i64
    } else {
        i64::MIN
    }
}

/// How NumPy 2.4's float casts (x86-64, SIMD) turn a double into each
/// integer type, out-of-range values and NaN included (measured against
/// `astype`): types narrower than 32 bits keep the low bits of the int32
/// conversion (`300.0` → uint8 44), unsigned 32 and 64 bits shift values
/// of the upper half down first (so `2.0**63` → uint64 is exact). (NaN to
/// uint32 depends on where NumPy's SIMD loop meets it; this is its
/// scalar result.)
mod float_to_int {
    use super::{trunc_i32, trunc_i64};
    pub fn i8(v: f64) -> i8 {
        trunc_i32(v) as i8
    }
    pub fn i16(v: f64) -> i16 {
        trunc_i32(v) as i16
    }
    pub fn i32(v: f64) -> i32 {
        trunc_i32(v)
    }
    pub fn i64(v: f64) -> i64 {
        trunc_i64(v)
    }
    pub fn u8(v: f64) -> u8 {
        trunc_i32(v) as u8
    }
    pub fn u16(v: f64) -> u16 {
        trunc_i32(v) as u16
    }
    pub fn u32(v: f64) -> u32 {
        if v >= 2_147_483_648.0 {
            (trunc_i32(v - 2_147_483_648.0) as u32) ^ 0x8000_0000
        } else {
            trunc_i32(v) as u32
        }
    }
    pub fn u64(v: f64) -> u64 {
        if v >= 9_223_372_036_854_775_808.0 {
            (trunc_i64(v - 9_223_372_036_854_775_808.0) as u64) ^ (1 << 63)
        } else {
            trunc_i64(v) as u64
        }
    }
}

macro_rules! int_element {
    ($t:ty, $dt:ident, $variant:ident, $wide:ty, $conv:ident, $source:ident) => {
        impl Element for $t {
            const SOURCE: CastSource = CastSource::$source;
            fn dtype() -> DType {
                DType::$dt
            }
            fn to_f64(self) -> f64 {
                self as f64
            }
            fn to_i64(self) -> i64 {
                self as i64
            }
            fn to_u64(self) -> u64 {
                self as u64
            }
            fn to_bool(self) -> bool {
                self != 0
            }
            fn from_f64(v: f64) -> Self {
                float_to_int::$conv(v)
            }
            fn from_i64(v: i64) -> Self {
                v as $t
            }
            fn from_u64(v: u64) -> Self {
                v as $t
            }
            fn from_bool(v: bool) -> Self {
                v as $t
            }
            fn to_scalar(self) -> Scalar {
                Scalar::$variant(self as $wide)
            }
            fn cast_from<S: Element>(v: S) -> Self {
                match S::SOURCE {
                    CastSource::Float => Self::from_f64(v.to_f64()),
                    CastSource::UInt64 => Self::from_u64(v.to_u64()),
                    CastSource::Int64 | CastSource::Narrow => Self::from_i64(v.to_i64()),
                }
            }
        }
    };
}

int_element!(i8, Int8, Int, i64, i8, Narrow);
int_element!(i16, Int16, Int, i64, i16, Narrow);
int_element!(i32, Int32, Int, i64, i32, Narrow);
int_element!(i64, Int64, Int, i64, i64, Int64);
int_element!(u8, UInt8, UInt, u64, u8, Narrow);
int_element!(u16, UInt16, UInt, u64, u16, Narrow);
int_element!(u32, UInt32, UInt, u64, u32, Narrow);
int_element!(u64, UInt64, UInt, u64, u64, UInt64);

macro_rules! float_element {
    ($t:ty, $dt:ident) => {
        impl Element for $t {
            const SOURCE: CastSource = CastSource::Float;
            fn dtype() -> DType {
                DType::$dt
            }
            fn to_f64(self) -> f64 {
                self as f64
            }
            fn to_i64(self) -> i64 {
                if self.is_nan() { i64::MIN } else { self as i64 }
            }
            fn to_u64(self) -> u64 {
                if self < 0.0 {
                    (self as i64) as u64
                } else {
                    self as u64
                }
            }
            fn to_bool(self) -> bool {
                self != 0.0
            }
            fn from_f64(v: f64) -> Self {
                v as $t
            }
            fn from_i64(v: i64) -> Self {
                v as $t
            }
            fn from_u64(v: u64) -> Self {
                v as $t
            }
            fn from_bool(v: bool) -> Self {
                if v { 1.0 } else { 0.0 }
            }
            fn to_scalar(self) -> Scalar {
                Scalar::Float(self as f64)
            }
            fn cast_from<S: Element>(v: S) -> Self {
                match S::SOURCE {
                    CastSource::UInt64 => v.to_u64() as $t,
                    CastSource::Int64 => v.to_i64() as $t,
                    CastSource::Float | CastSource::Narrow => v.to_f64() as $t,
                }
            }
        }
    };
}

float_element!(f32, Float32);
float_element!(f64, Float64);

impl Element for Bool8 {
    const SOURCE: CastSource = CastSource::Narrow;
    fn dtype() -> DType {
        DType::Bool
    }
    fn to_f64(self) -> f64 {
        (self.0 != 0) as u8 as f64
    }
    fn to_i64(self) -> i64 {
        (self.0 != 0) as i64
    }
    fn to_u64(self) -> u64 {
        (self.0 != 0) as u64
    }
    fn to_bool(self) -> bool {
        self.0 != 0
    }
    fn from_f64(v: f64) -> Self {
        Bool8((v != 0.0) as u8)
    }
    fn from_i64(v: i64) -> Self {
        Bool8((v != 0) as u8)
    }
    fn from_u64(v: u64) -> Self {
        Bool8((v != 0) as u8)
    }
    fn from_bool(v: bool) -> Self {
        Bool8(v as u8)
    }
    fn to_scalar(self) -> Scalar {
        Scalar::Bool(self.0 != 0)
    }
    fn cast_from<S: Element>(v: S) -> Self {
        Bool8(v.to_bool() as u8)
    }
}

/// Run `$body` with `$T` bound to the element type of a numeric `$dtype`;
/// evaluate `$other` for non-numeric dtypes (strings, records, complex, f16).
#[macro_export]
macro_rules! dispatch_numeric {
    ($dtype:expr, $T:ident => $body:expr, _ => $other:expr) => {{
        use $crate::engine::dtype::DType as __D;
        match $dtype {
            __D::Bool => {
                type $T = $crate::engine::element::Bool8;
                $body
            }
            __D::Int8 => {
                type $T = i8;
                $body
            }
            __D::Int16 => {
                type $T = i16;
                $body
            }
            __D::Int32 => {
                type $T = i32;
                $body
            }
            __D::Int64 => {
                type $T = i64;
                $body
            }
            __D::UInt8 => {
                type $T = u8;
                $body
            }
            __D::UInt16 => {
                type $T = u16;
                $body
            }
            __D::UInt32 => {
                type $T = u32;
                $body
            }
            __D::UInt64 => {
                type $T = u64;
                $body
            }
            __D::Float32 => {
                type $T = f32;
                $body
            }
            __D::Float64 => {
                type $T = f64;
                $body
            }
            _ => $other,
        }
    }};
}

/// Read a `T` at a byte offset (unaligned reads are fine: field views of
/// records can be unaligned).
#[inline(always)]
pub fn load<T: Pod>(bytes: &[u8], at: isize) -> T {
    let at = at as usize;
    bytemuck::pod_read_unaligned(&bytes[at..at + std::mem::size_of::<T>()])
}

/// Write a `T` at a byte offset.
#[inline(always)]
pub fn store<T: Pod>(bytes: &mut [u8], at: isize, v: T) {
    let at = at as usize;
    bytes[at..at + std::mem::size_of::<T>()].copy_from_slice(bytemuck::bytes_of(&v));
}

/// Read one element of any dtype as a detached scalar.
pub fn read_scalar(bytes: &[u8], at: isize, dtype: &DType) -> Scalar {
    dispatch_numeric!(dtype, T => load::<T>(bytes, at).to_scalar(), _ => match dtype {
        DType::Float16 => Scalar::Float(f16_to_f64(load::<u16>(bytes, at))),
        DType::Complex64 => Scalar::Complex(
            load::<f32>(bytes, at) as f64,
            load::<f32>(bytes, at + 4) as f64,
        ),
        DType::Complex128 => Scalar::Complex(load::<f64>(bytes, at), load::<f64>(bytes, at + 8)),
        DType::Time(..) => Scalar::Int(load::<i64>(bytes, at)),
        DType::Object => Scalar::Object(load::<u64>(bytes, at)),
        DType::Str(n) => {
            // Only trailing NULs are padding: `'\x00b'` keeps its NUL.
            let len = (0..*n)
                .rposition(|k| load::<u32>(bytes, at + 4 * k as isize) != 0)
                .map_or(0, |k| k + 1);
            let s = (0..len)
                .map(|k| {
                    char::from_u32(load::<u32>(bytes, at + 4 * k as isize)).unwrap_or('\u{fffd}')
                })
                .collect();
            Scalar::Str(s)
        }
        DType::Bytes(n) => {
            let at = at as usize;
            let raw = &bytes[at..at + n];
            let end = raw.iter().rposition(|&b| b != 0).map_or(0, |p| p + 1);
            Scalar::Bytes(raw[..end].to_vec())
        }
        // Unstructured `V n`: its bytes as they are, NULs included.
        DType::Record(rec) if rec.fields().is_empty() => {
            let at = at as usize;
            Scalar::Bytes(bytes[at..at + rec.itemsize].to_vec())
        }
        DType::Ordered(inner, endian) => match endian {
            super::dtype::Endian::Little => read_scalar(bytes, at, inner),
            super::dtype::Endian::Big => {
                let mut item = element_bytes(bytes, at, dtype);
                swap_in_place(&mut item, dtype);
                read_scalar(&item, 0, inner)
            }
        },
        DType::Record(rec) => {
            let mut values = Vec::new();
            for f in rec.fields().iter() {
                let count: usize = f.shape.iter().product();
                if f.shape.is_empty() {
                    values.push(read_scalar(bytes, at + f.offset as isize, &f.dtype));
                } else {
                    let items = (0..count)
                        .map(|k| {
                            read_scalar(
                                bytes,
                                at + (f.offset + k * f.dtype.itemsize()) as isize,
                                &f.dtype,
                            )
                        })
                        .collect();
                    values.push(Scalar::Record(items));
                }
            }
            Scalar::Record(values)
        }
        _ => unreachable!("numeric dtypes are dispatched above"),
    })
}

/// Write a scalar into one element, casting as NumPy's setitem does for
/// values already checked by the caller (range checks of Python ints happen
/// in the evaluator, which knows whether the value was a Python int).
pub fn write_scalar(bytes: &mut [u8], at: isize, dtype: &DType, v: &Scalar) {
    dispatch_numeric!(dtype, T => store::<T>(bytes, at, scalar_to::<T>(v)), _ => match dtype {
        DType::Float16 => store::<u16>(bytes, at, f64_to_f16(scalar_as_f64(v))),
        DType::Complex64 => {
            let (re, im) = scalar_as_complex(v);
            store::<f32>(bytes, at, re as f32);
            store::<f32>(bytes, at + 4, im as f32);
        }
        DType::Complex128 => {
            let (re, im) = scalar_as_complex(v);
            store::<f64>(bytes, at, re);
            store::<f64>(bytes, at + 8, im);
        }
        DType::Time(..) => store::<i64>(bytes, at, match v {
            Scalar::Int(i) => *i,
            Scalar::UInt(u) => *u as i64,
            Scalar::Bool(b) => *b as i64,
            _ => super::datetime::NAT,
        }),
        // Only a reference is ever stored in an object element; `eval`
        // turns every other value into one first (anything else reaching
        // here stores `None`, never a number's bits as an id).
        DType::Object => store::<u64>(bytes, at, match v {
            Scalar::Object(id) => *id,
            _ => super::object::NONE_ID,
        }),
        DType::Str(n) => {
            let text = scalar_as_text(v);
            for (k, slot) in (0..*n).zip(text.chars().map(|c| c as u32).chain(std::iter::repeat(0))) {
                store::<u32>(bytes, at + 4 * k as isize, slot);
            }
        }
        DType::Bytes(n) => {
            let raw: Vec<u8> = match v {
                Scalar::Bytes(b) => b.clone(),
                other => scalar_as_text(other).into_bytes(),
            };
            let at = at as usize;
            for k in 0..*n {
                bytes[at + k] = raw.get(k).copied().unwrap_or(0);
            }
        }
        DType::Ordered(inner, endian) => {
            let n = dtype.itemsize();
            let mut item = vec![0u8; n];
            write_scalar(&mut item, 0, inner, v);
            if *endian == super::dtype::Endian::Big {
                swap_in_place(&mut item, dtype);
            }
            let at = at as usize;
            bytes[at..at + n].copy_from_slice(&item);
        }
        DType::Record(rec) if rec.fields().is_empty() => {
            if let Scalar::Bytes(raw) = v {
                let at = at as usize;
                for k in 0..rec.itemsize {
                    bytes[at + k] = raw.get(k).copied().unwrap_or(0);
                }
            }
        }
        DType::Record(rec) => {
            if let Scalar::Record(values) = v {
                for (f, val) in rec.fields().iter().zip(values) {
                    if f.shape.is_empty() {
                        write_scalar(bytes, at + f.offset as isize, &f.dtype, val);
                    } else {
                        let count: usize = f.shape.iter().product();
                        for k in 0..count {
                            let item = match val {
                                Scalar::Record(items) => items.get(k).unwrap_or(&items[0]).clone(),
                                other => other.clone(),
                            };
                            write_scalar(bytes, at + (f.offset + k * f.dtype.itemsize()) as isize, &f.dtype, &item);
                        }
                    }
                }
            } else {
                for f in rec.fields().iter() {
                    let count: usize = f.shape.iter().product::<usize>().max(1);
                    for k in 0..count {
                        write_scalar(bytes, at + (f.offset + k * f.dtype.itemsize()) as isize, &f.dtype, v);
                    }
                }
            }
        }
        _ => unreachable!("numeric dtypes are dispatched above"),
    })
}

/// The bytes of the element at `at` (8 bytes kept inline for numbers).
fn element_bytes(bytes: &[u8], at: isize, dtype: &DType) -> Vec<u8> {
    let at = at as usize;
    bytes[at..at + dtype.itemsize()].to_vec()
}

/// Reverse the bytes of every value in `item`, a whole number of elements
/// of `dtype`: each number, each part of a complex number, each code
/// point of text, each field of a record (NumPy's `byteswap`). Order-free
/// types (bytes, one-byte numbers) are left alone.
pub fn swap_in_place(item: &mut [u8], dtype: &DType) {
    if let DType::Record(rec) = dtype {
        let size = rec.itemsize;
        if size == 0 {
            return;
        }
        for record in item.chunks_exact_mut(size) {
            for f in rec.fields().iter() {
                let n = f.nbytes();
                swap_in_place(&mut record[f.offset..f.offset + n], &f.dtype);
            }
        }
        return;
    }
    if let Some(unit) = dtype.swap_unit() {
        for piece in item.chunks_exact_mut(unit) {
            piece.reverse();
        }
    }
}

/// A scalar converted to an element type with C-cast semantics.
pub fn scalar_to<T: Element>(v: &Scalar) -> T {
    match v {
        Scalar::Bool(b) => T::from_bool(*b),
        Scalar::Int(i) => T::from_i64(*i),
        Scalar::UInt(u) => T::from_u64(*u),
        Scalar::Float(f) => T::from_f64(super::nan_tag::canonical(*f)),
        Scalar::Complex(re, _) => T::from_f64(super::nan_tag::canonical(*re)),
        // NumPy 2 casts text to bool by length: any non-empty string
        // (trailing NULs are not part of it) is True, "0" and "False" too.
        Scalar::Str(s) if T::dtype() == DType::Bool => T::from_bool(!s.is_empty()),
        Scalar::Bytes(b) if T::dtype() == DType::Bool => T::from_bool(!b.is_empty()),
        Scalar::Str(s) => T::from_f64(s.trim().parse::<f64>().unwrap_or(0.0)),
        Scalar::Bytes(_) | Scalar::Record(_) | Scalar::Object(_) => T::default(),
    }
}

/// A numeric scalar as f64.
pub fn scalar_as_f64(v: &Scalar) -> f64 {
    match v {
        Scalar::Bool(b) => *b as u8 as f64,
        Scalar::Int(i) => *i as f64,
        Scalar::UInt(u) => *u as f64,
        Scalar::Float(f) => super::nan_tag::canonical(*f),
        Scalar::Complex(re, _) => super::nan_tag::canonical(*re),
        _ => f64::NAN,
    }
}

fn scalar_as_complex(v: &Scalar) -> (f64, f64) {
    match v {
        Scalar::Complex(re, im) => (
            super::nan_tag::canonical(*re),
            super::nan_tag::canonical(*im),
        ),
        other => (scalar_as_f64(other), 0.0),
    }
}

/// Bytes read as Latin-1: each byte the character of the same number,
/// as NumPy reads `S` data as a datetime string or an object's text, and
/// as Python's `latin-1` codec decodes.
pub fn latin1_text(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// How a scalar reads when stored into a string element (`str(x)`).
pub fn scalar_as_text(v: &Scalar) -> String {
    match v {
        Scalar::Str(s) => s.clone(),
        Scalar::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        Scalar::Bool(b) => if *b { "True" } else { "False" }.into(),
        Scalar::Int(i) => i.to_string(),
        Scalar::UInt(u) => u.to_string(),
        Scalar::Float(f) => py_float_text(*f),
        Scalar::Complex(re, im) => py_complex_text(*re, *im),
        Scalar::Record(_) | Scalar::Object(_) => String::new(),
    }
}

/// Python's `repr(float)`: the shortest digits that read back, fixed
/// notation for exponents -4..16, else `1e+16` / `1.5e-07`.
fn py_float_text(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    if (-4..16).contains(&exp) {
        let point = exp + 1;
        let text = if point <= 0 {
            format!("0.{}{digits}", "0".repeat((-point) as usize))
        } else if point as usize >= digits.len() {
            format!("{digits}{}.0", "0".repeat(point as usize - digits.len()))
        } else {
            format!(
                "{}.{}",
                &digits[..point as usize],
                &digits[point as usize..]
            )
        };
        format!("{sign}{text}")
    } else {
        let m = if digits.len() > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{m}e{esign}{:02}", exp.abs())
    }
}

/// Python's `repr(complex)`: `2j`, `(1+2j)`, `(-0-1.5j)`, `(nan+infj)`.
fn py_complex_text(re: f64, im: f64) -> String {
    let part = |x: f64| {
        let t = py_float_text(x);
        t.strip_suffix(".0").map(str::to_string).unwrap_or(t)
    };
    if re == 0.0 && re.is_sign_positive() {
        return format!("{}j", part(im));
    }
    // A negative part carries its own '-'; NaN always shows '+'.
    let sign = if !im.is_nan() && im.is_sign_negative() {
        ""
    } else {
        "+"
    };
    format!("({}{sign}{}j)", part(re), part(im))
}

#[cfg(test)]
mod py_text_tests {
    use super::{py_complex_text, py_float_text};

    #[test]
    fn floats_and_complexes_read_as_python_writes_them() {
        assert_eq!(py_float_text(1e16), "1e+16");
        assert_eq!(py_float_text(1.5e-7), "1.5e-07");
        assert_eq!(py_float_text(0.0001), "0.0001");
        assert_eq!(py_float_text(123456789012345.6), "123456789012345.6");
        assert_eq!(py_float_text(-0.0), "-0.0");
        assert_eq!(py_float_text(2.0), "2.0");
        assert_eq!(py_complex_text(0.0, 2.0), "2j");
        assert_eq!(py_complex_text(0.0, -2.0), "-2j");
        assert_eq!(py_complex_text(-0.0, 2.0), "(-0+2j)");
        assert_eq!(py_complex_text(1.0, f64::NAN), "(1+nanj)");
        assert_eq!(py_complex_text(1e16, 1e-7), "(1e+16+1e-07j)");
        assert_eq!(py_complex_text(1.0, -0.0), "(1-0j)");
    }
}

/// IEEE half to f64.
pub fn f16_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = ((h >> 10) & 0x1f) as i32;
    let frac = (h & 0x3ff) as f64;
    match exp {
        0 => sign * frac * 2f64.powi(-24),
        31 => {
            if frac == 0.0 {
                sign * f64::INFINITY
            } else {
                f64::NAN
            }
        }
        e => sign * (1.0 + frac / 1024.0) * 2f64.powi(e - 15),
    }
}

/// f64 to IEEE half, rounding to nearest with ties to even straight from
/// the double (as NumPy's `npy_double_to_half`; no detour through f32).
pub fn f64_to_f16(v: f64) -> u16 {
    let sign = if v.is_sign_negative() { 0x8000u16 } else { 0 };
    if v.is_nan() {
        return sign | 0x7e00;
    }
    let a = v.abs();
    if a.is_infinite() || a >= 65520.0 {
        return sign | 0x7c00;
    }
    if a == 0.0 {
        return sign;
    }
    // Unbiased exponent of a (f64 subnormals are far below half's range).
    let e = ((a.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    if e < -14 {
        // Half subnormals (and the smallest normal after rounding): a
        // multiple of 2^-24.
        let r = (a * 2f64.powi(24)).round_ties_even() as u16;
        return sign | r;
    }
    let mut e = e;
    let mut r = (a * 2f64.powi(10 - e)).round_ties_even() as u32;
    if r == 2048 {
        r = 1024;
        e += 1;
    }
    sign | (((e + 15) as u16) << 10) | (r - 1024) as u16
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::dtype::Endian;

    #[test]
    fn big_endian_elements_read_and_write_swapped() {
        let big = DType::ordered(DType::Int32, Endian::Big);
        let mut bytes = vec![0u8; 8];
        write_scalar(&mut bytes, 4, &big, &Scalar::Int(258));
        assert_eq!(bytes[4..], [0, 0, 1, 2]);
        assert_eq!(read_scalar(&bytes, 4, &big), Scalar::Int(258));
        let c = DType::ordered(DType::Complex64, Endian::Big);
        let mut z = vec![0u8; 8];
        write_scalar(&mut z, 0, &c, &Scalar::Complex(1.0, -2.0));
        assert_eq!(z[..4], 1.0f32.to_be_bytes());
        assert_eq!(read_scalar(&z, 0, &c), Scalar::Complex(1.0, -2.0));
        let mut swapped = z.clone();
        swap_in_place(&mut swapped, &c);
        assert_eq!(
            read_scalar(&swapped, 0, &DType::Complex64),
            Scalar::Complex(1.0, -2.0)
        );
    }
}
