//! Type promotion: NumPy's `np.promote_types` for two dtypes, and the NEP 50
//! rule for Python scalars, which are "weak": they take the array's dtype
//! when their kind is no higher (`int8_array + 1` stays int8).

use super::dtype::{DType, Kind};

fn int_of(bits: usize, signed: bool) -> DType {
    match (bits, signed) {
        (8, true) => DType::Int8,
        (16, true) => DType::Int16,
        (32, true) => DType::Int32,
        (64, true) => DType::Int64,
        (8, false) => DType::UInt8,
        (16, false) => DType::UInt16,
        (32, false) => DType::UInt32,
        (_, false) => DType::UInt64,
        _ => DType::Float64,
    }
}

fn float_of_bytes(bytes: usize) -> DType {
    match bytes {
        0..=2 => DType::Float16,
        3..=4 => DType::Float32,
        _ => DType::Float64,
    }
}

/// `np.promote_types(a, b)` for numeric dtypes; strings promote to the
/// longer string. Returns `None` when NumPy has no common type.
pub fn promote_types(a: &DType, b: &DType) -> Option<DType> {
    use Kind::*;
    // A written-out byte order never survives promotion (NumPy's
    // `result_type('>i4', '>i4')` is `int32`).
    let (a, b) = (&a.native(), &b.native());
    if a == b {
        return Some(a.clone());
    }
    let (ka, kb) = (a.kind(), b.kind());
    if let (DType::Time(ua, da), DType::Time(ub, db)) = (a, b) {
        // A datetime beside a timedelta is a datetime (`M8[D]` with `m8[s]`
        // is `M8[s]`); only a timedelta's unit is strict.
        return super::datetime::common_unit(*ua, *ub, *da, *db)
            .ok()
            .map(|u| DType::Time(u, *da && *db));
    }
    // Anything is an object.
    if ka == Object || kb == Object {
        return Some(DType::Object);
    }
    // A timedelta holds any integer that casts safely to int64.
    let int64_safe = |k: Kind, d: &DType| matches!(k, Bool | Int) || k == UInt && d.itemsize() < 8;
    if ka == TimeDelta && int64_safe(kb, b) {
        return Some(a.clone());
    }
    if kb == TimeDelta && int64_safe(ka, a) {
        return Some(b.clone());
    }
    if matches!(ka, DateTime | TimeDelta) || matches!(kb, DateTime | TimeDelta) {
        return None;
    }
    match (ka, kb) {
        (Str, Str) => return Some(DType::Str(a.itemsize().max(b.itemsize()) / 4)),
        (Bytes, Bytes) => return Some(DType::Bytes(a.itemsize().max(b.itemsize()))),
        (Str, _) | (_, Str) | (Bytes, _) | (_, Bytes) | (Void, _) | (_, Void) => return None,
        _ => {}
    }
    if ka == Bool {
        return Some(b.clone());
    }
    if kb == Bool {
        return Some(a.clone());
    }
    let (sa, sb) = (a.itemsize(), b.itemsize());
    Some(match (ka, kb) {
        (Int, Int) | (UInt, UInt) => {
            if sa >= sb {
                a.clone()
            } else {
                b.clone()
            }
        }
        (Int, UInt) | (UInt, Int) => {
            let (si, su) = if ka == Int { (sa, sb) } else { (sb, sa) };
            if si > su {
                int_of(8 * si, true)
            } else if su < 8 {
                int_of(16 * su, true)
            } else {
                DType::Float64
            }
        }
        (Float, Float) => float_of_bytes(sa.max(sb)),
        (Float, Int) | (Float, UInt) | (Int, Float) | (UInt, Float) => {
            let (sf, si) = if ka == Float { (sa, sb) } else { (sb, sa) };
            // An integer needs a float with more mantissa than its bits.
            let need = match si {
                1 => 2,
                2 => 4,
                _ => 8,
            };
            float_of_bytes(sf.max(need))
        }
        (Complex, _) | (_, Complex) => {
            let other = if ka == Complex { b } else { a };
            let cs = if ka == Complex { sa } else { sb };
            let part = match other.kind() {
                Float => other.itemsize(),
                Int | UInt if other.itemsize() <= 2 => 4,
                Int | UInt => 8,
                _ => 8,
            };
            if (cs / 2).max(part) > 4 {
                DType::Complex128
            } else {
                DType::Complex64
            }
        }
        _ => return None,
    })
}

/// The kind of a Python scalar operand, for NEP 50.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PyScalarKind {
    /// `True`/`False`.
    Bool,
    /// A Python int.
    Int,
    /// A Python float.
    Float,
    /// A Python complex.
    Complex,
}

/// The result dtype of an array of `dtype` combined with a Python scalar of
/// `kind` (NEP 50: the scalar is weak).
pub fn promote_with_py_scalar(dtype: &DType, kind: PyScalarKind) -> DType {
    let dtype = &dtype.native();
    let k = dtype.kind();
    match kind {
        PyScalarKind::Bool => dtype.clone(),
        PyScalarKind::Int => match k {
            Kind::Bool => DType::Int64,
            _ => dtype.clone(),
        },
        PyScalarKind::Float => match k {
            Kind::Bool | Kind::Int | Kind::UInt => DType::Float64,
            _ => dtype.clone(),
        },
        PyScalarKind::Complex => match dtype {
            DType::Float32 | DType::Float16 | DType::Complex64 => DType::Complex64,
            _ => DType::Complex128,
        },
    }
}

/// `np.result_type` of a dtype and a Python scalar of `kind` (NEP 50), or
/// `None` where NumPy finds no common DType: a string, bytes, void or
/// datetime beside a Python number, a timedelta beside a float or complex.
/// A Python bool is not weak: it promotes as `np.bool_`.
pub fn weak_result_type(dtype: &DType, kind: PyScalarKind) -> Option<DType> {
    let k = dtype.kind();
    match kind {
        PyScalarKind::Bool => promote_types(dtype, &DType::Bool),
        _ if k == Kind::Object => Some(dtype.native()),
        _ if matches!(k, Kind::Str | Kind::Bytes | Kind::Void | Kind::DateTime) => None,
        PyScalarKind::Int if k == Kind::TimeDelta => Some(dtype.native()),
        _ if k == Kind::TimeDelta => None,
        _ => Some(promote_with_py_scalar(dtype, kind)),
    }
}

/// Can `from` be cast to `to` under NumPy's `same_kind` rule: a safe cast,
/// or one to an equal or later kind in NumPy's order b < u < i < f < c
/// (so uint8 → int8 is allowed and int64 → uint8 is not).
pub fn can_cast_same_kind(from: &DType, to: &DType) -> bool {
    use Kind::*;
    let rank = |k: Kind| match k {
        Bool => Some(0),
        UInt => Some(1),
        Int => Some(2),
        Float => Some(3),
        Complex => Some(4),
        _ => None,
    };
    let (kf, kt) = (from.kind(), to.kind());
    if kf == kt || can_cast_safe(from, to) {
        return true;
    }
    matches!((rank(kf), rank(kt)), (Some(a), Some(b)) if a <= b)
}

/// Can `from` be cast to `to` under the `safe` rule?
pub fn can_cast_safe(from: &DType, to: &DType) -> bool {
    promote_types(from, to).as_ref() == Some(&to.native())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_matches_numpy() {
        assert_eq!(
            promote_types(&DType::Int8, &DType::UInt8),
            Some(DType::Int16)
        );
        assert_eq!(
            promote_types(&DType::Int64, &DType::Float32),
            Some(DType::Float64)
        );
        assert_eq!(
            promote_types(&DType::Int16, &DType::Float32),
            Some(DType::Float32)
        );
        assert_eq!(
            promote_types(&DType::UInt64, &DType::Int64),
            Some(DType::Float64)
        );
        assert_eq!(promote_types(&DType::Bool, &DType::Int8), Some(DType::Int8));
    }

    #[test]
    fn python_scalars_are_weak() {
        assert_eq!(
            promote_with_py_scalar(&DType::Int32, PyScalarKind::Int),
            DType::Int32
        );
        assert_eq!(
            promote_with_py_scalar(&DType::Float32, PyScalarKind::Float),
            DType::Float32
        );
        assert_eq!(
            promote_with_py_scalar(&DType::Int8, PyScalarKind::Float),
            DType::Float64
        );
    }
}
