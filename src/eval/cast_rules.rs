//! NumPy's casting rules as data about dtypes: which casts each rule
//! (`no` … `unsafe`) allows, the promotion of numbers with text, the
//! width of a type's text, and the refusal's wording. `np.can_cast`,
//! `astype(casting=)` and `np.promote_types` all read them here, so the
//! rules are written once. A leaf: it reads the engine and nothing of the
//! evaluator.

use crate::engine::dtype::{DType, Kind, RecordType};
use crate::engine::promote::{can_cast_same_kind, promote_types};

use super::error::PyError;

/// NumPy's casting rules, from the strictest: a rule's place in this list
/// is its rank (a cast allowed under one rule is allowed under later ones).
pub(super) const RULES: [&str; 5] = ["no", "equiv", "safe", "same_kind", "unsafe"];

/// The `U` width NumPy gives a value of `dtype` turned into text when no
/// width is asked for: enough for any int64 (21), any float (32), `False` (5).
pub fn str_width(dtype: &DType) -> usize {
    match dtype.kind() {
        Kind::Bool => 5,
        // NumPy's `REQUIRED_STR_LEN`: the digits of the widest value, and
        // a sign for signed types.
        Kind::Int | Kind::UInt => match dtype.native() {
            DType::Int8 => 4,
            DType::UInt8 => 3,
            DType::Int16 => 6,
            DType::UInt16 => 5,
            DType::Int32 => 11,
            DType::UInt32 => 10,
            DType::UInt64 => 20,
            _ => 21,
        },
        Kind::Str => dtype.itemsize() / 4,
        Kind::Bytes | Kind::Void => dtype.itemsize(),
        Kind::Float => 32,
        Kind::Complex => 64,
        Kind::TimeDelta => 21,
        // Never asked of object arrays (their casts go through
        // `object_array.rs`); the widest text any element could need.
        Kind::Object => 64,
        Kind::DateTime => match dtype.native() {
            DType::Time(u, _) => crate::engine::datetime::iso_strlen(u.base),
            _ => 32,
        },
    }
}

/// `np.promote_types(a, b)`: the engine's table, plus NumPy's rule for
/// text: a number promotes with a string to a string long enough to print
/// it (`int32` → 11 characters), and bytes with str to str.
pub fn promote_types_full(a: &DType, b: &DType) -> Option<DType> {
    if let Some(p) = promote_types(a, b) {
        return Some(p);
    }
    let text_len = |d: &DType| -> Option<usize> {
        match d.native() {
            DType::Record(_) | DType::Time(..) | DType::Object => None,
            n => Some(str_width(&n)),
        }
    };
    let n = text_len(a)?.max(text_len(b)?);
    // Byte order does not matter to text promotion (`'>U3'` is `U`).
    match (&a.native(), &b.native()) {
        (DType::Str(_), _) | (_, DType::Str(_)) => Some(DType::Str(n)),
        (DType::Bytes(_), _) | (_, DType::Bytes(_)) => Some(DType::Bytes(n)),
        _ => None,
    }
}

/// NumPy's casting rules between two dtypes (`np.can_cast`, and the
/// `casting=` of `astype`): `None` for a rule NumPy does not know.
pub fn cast_allowed(from: &DType, to: &DType, casting: &str) -> Option<bool> {
    use crate::engine::void_cast::is_plain_void;
    RULES.contains(&casting).then_some(())?;
    // An unsized `V` takes any record's own dtype: nothing is cast.
    if is_plain_void(to) && to.itemsize() == 0 && matches!(from, DType::Record(_)) {
        return Some(true);
    }
    let fields = |d: &DType| match d {
        DType::Record(r) => Some(r.fields().len()),
        _ => None,
    };
    if let (DType::Record(f), DType::Record(t)) = (from, to)
        && !f.fields().is_empty()
        && !t.fields().is_empty()
    {
        let rank = RULES.iter().position(|r| *r == casting)?;
        return Some(fields_cast_level(f, t).is_some_and(|level| level <= rank));
    }
    let safe = || {
        // Anything is safely an object; an object is safely nothing else.
        if *to == DType::Object || *from == DType::Object {
            return *to == DType::Object;
        }
        // Any plain value (or void) fits a void at least its size; a void
        // becomes nothing else safely.
        if is_plain_void(to) {
            return to.itemsize() == 0 || to.itemsize() >= from.itemsize();
        }
        if is_plain_void(from) {
            return false;
        }
        let unsized_text = matches!(to, DType::Str(0) | DType::Bytes(0));
        if unsized_text && (from.is_numeric() || from.kind() == to.kind()) {
            return !(from.kind() == Kind::Str && to.kind() == Kind::Bytes);
        }
        match promote_types_full(from, to) {
            Some(p) if matches!(p.kind(), Kind::Str | Kind::Bytes) => {
                p.kind() == to.kind() && p.itemsize() <= to.itemsize()
            }
            // A byte order written out does not matter to `safe`.
            Some(p) => p == to.native(),
            None => false,
        }
    };
    let time = |d: &DType| matches!(d.native(), DType::Time(..));
    if (time(from) || time(to))
        && !matches!(to, DType::Object | DType::Record(_))
        && !matches!(from, DType::Object)
    {
        let rank = |rule: &str| RULES.iter().position(|r| *r == rule);
        return Some(time_cast_level(from, to) <= rank(casting)?);
    }
    // A record of several fields becomes no plain value, whatever the
    // rule, nor an unstructured void; one of a single field casts as that
    // field's type would (NumPy's `structured_to_nonstructured`).
    if fields(to).is_none_or(|n| n == 0) && !single_field_chain(from) {
        return Some(false);
    }
    Some(match casting {
        "no" => from == to,
        // `equiv` allows a change of byte order only.
        "equiv" => from.native() == to.native(),
        "safe" => safe(),
        "same_kind" => {
            // Kinds order numbers only: voids and objects are the safe cases.
            let opaque = |d: &DType| is_plain_void(d) || *d == DType::Object;
            // Text too short for what it receives is a same-kind cast:
            // numbers and bytes into any text, str into str (never str
            // into bytes).
            let into_text = match (from.kind(), to.kind()) {
                (Kind::Bool | Kind::Int | Kind::UInt | Kind::Float | Kind::Complex, k) => {
                    matches!(k, Kind::Str | Kind::Bytes)
                }
                (Kind::Bytes, Kind::Str | Kind::Bytes) | (Kind::Str, Kind::Str) => true,
                _ => false,
            };
            safe() || into_text || (!opaque(from) && !opaque(to) && can_cast_same_kind(from, to))
        }
        "unsafe" => true,
        _ => return None,
    })
}

/// The least rule (0 `no` … 4 `unsafe`) that casts one record to another,
/// `None` when none does: NumPy's `can_cast_fields_safety`. Fields pair by
/// position; a name or title that differs makes the cast at best `safe`,
/// each pair's own cast counts, and the cast is at best `equiv` unless
/// every field keeps its bytes in place in a record of the same size.
fn fields_cast_level(from: &RecordType, to: &RecordType) -> Option<usize> {
    const NO: usize = 0;
    const EQUIV: usize = 1;
    const SAFE: usize = 2;
    if from.fields().len() != to.fields().len() {
        return None;
    }
    let mut level = NO;
    // Where the fields' bytes move by one offset, that offset; else None.
    let mut shift: Option<Option<isize>> = None;
    for (f, t) in from.fields().iter().zip(to.fields().iter()) {
        if f.name != t.name {
            level = level.max(SAFE);
        }
        let title = |x: &crate::engine::dtype::Field| x.title.clone().unwrap_or(x.name.clone());
        if title(f) != title(t) {
            level = level.max(SAFE);
        }
        let field_level = if f.shape == t.shape {
            least_rule(&f.dtype, &t.dtype)?
        } else {
            // Sub-arrays of other shapes are cast element by element
            // with broadcasting, which no rule but `unsafe` allows.
            RULES.len() - 1
        };
        level = level.max(field_level);
        let moved = (field_level == NO && f.shape == t.shape)
            .then(|| f.offset as isize - t.offset as isize);
        shift = Some(match shift {
            None => moved,
            Some(s) if s == moved => s,
            Some(_) => None,
        });
    }
    if shift.flatten() != Some(0) || from.itemsize != to.itemsize {
        level = level.max(EQUIV);
    }
    Some(level)
}

/// The least of the five rules that allows the cast, `None` for none.
fn least_rule(from: &DType, to: &DType) -> Option<usize> {
    RULES
        .iter()
        .position(|rule| cast_allowed(from, to, rule) == Some(true))
}

/// True unless `dtype` is a record that no plain value can come from: a
/// record of several fields, or of one field whose type (a sub-array's
/// element type included) is such a record.
fn single_field_chain(dtype: &DType) -> bool {
    match dtype {
        DType::Record(r) if r.fields().len() > 1 => false,
        DType::Record(r) => r
            .fields()
            .first()
            .is_none_or(|f| single_field_chain(&f.dtype)),
        _ => true,
    }
}

/// NumPy's refusal of an array cast under `rule`.
pub fn cast_refused(from: &DType, to: &DType, rule: &str) -> PyError {
    PyError::type_error(format!(
        "Cannot cast array data from {} to {} according to the rule '{rule}'",
        crate::render::dtype_repr(from),
        crate::render::dtype_repr(to)
    ))
}

/// The least casting rule (0 `no` … 4 `unsafe`) under which NumPy 2
/// casts between `from` and `to` when one is a datetime64/timedelta64:
/// `time_to_time_resolve_descriptors` between times (finer units are
/// safe when the coarser one divides them, date and time units never mix
/// safely for timedeltas, generic units cast only outward), integers that
/// fit int64 are safely timedeltas, everything else unsafe.
fn time_cast_level(from: &DType, to: &DType) -> usize {
    use crate::engine::datetime::Base;
    const NO: usize = 0;
    const EQUIV: usize = 1;
    const SAFE: usize = 2;
    const SAME_KIND: usize = 3;
    const UNSAFE: usize = 4;
    match (from.native(), to.native()) {
        (DType::Time(u1, d1), DType::Time(u2, d2)) if d1 == d2 => {
            if u1.same_span_as(u2) {
                // The same bytes in either order need no cast at all.
                return if from.is_swapped() == to.is_swapped() {
                    NO
                } else {
                    EQUIV
                };
            }
            if u1.is_generic() {
                return SAFE;
            }
            if u2.is_generic() {
                return UNSAFE;
            }
            let date = |b: Base| b <= Base::M;
            if d1 && date(u1.base) != date(u2.base) {
                return UNSAFE;
            }
            if u1.base <= u2.base && crate::engine::datetime::metadata_divides(u1, u2, d1) {
                SAFE
            } else {
                SAME_KIND
            }
        }
        (DType::Bool, DType::Time(_, true)) => SAFE,
        (f, DType::Time(_, true)) if f.is_integer() => {
            if crate::engine::promote::can_cast_safe(&f, &DType::Int64) {
                SAFE
            } else {
                SAME_KIND
            }
        }
        _ => UNSAFE,
    }
}
