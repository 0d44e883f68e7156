//! NumPy's datetime64/timedelta64 metadata and calendar arithmetic: units
//! (`[D]`, `[15m]`), conversion between units, the broken-down date of a
//! value, and ISO 8601 parsing and printing. Ported from NumPy's
//! `numpy/_core/src/multiarray/datetime.c` and `datetime_strings.c` (same
//! order of operations, same floor rounding for negative values), so
//! every value and string matches NumPy 2.4.6. Errors carry NumPy's class
//! and message.

use super::dtype::DType;
use super::scalar::Scalar;

/// `NaT`: int64 min, in every unit.
pub const NAT: i64 = i64::MIN;

/// A datetime error: NumPy's exception class and message.
pub type DtResult<T> = Result<T, (&'static str, String)>;

/// A base time unit, in NumPy's enum order (coarse to fine). NumPy's enum
/// has a removed business-day unit between `W` and `D`; the factor table
/// keeps its gap so `get_datetime_units_factor` matches NumPy's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Base {
    /// Years.
    Y,
    /// Months.
    M,
    /// Weeks.
    W,
    /// Days.
    D,
    /// Hours.
    H,
    /// Minutes.
    Min,
    /// Seconds.
    S,
    /// Milliseconds.
    Ms,
    /// Microseconds.
    Us,
    /// Nanoseconds.
    Ns,
    /// Picoseconds.
    Ps,
    /// Femtoseconds.
    Fs,
    /// Attoseconds.
    As,
    /// No unit yet (`M8`, `np.timedelta64(5)`).
    Generic,
}

/// All units with their NumPy names, coarse to fine.
const UNITS: [(Base, &str); 14] = [
    (Base::Y, "Y"),
    (Base::M, "M"),
    (Base::W, "W"),
    (Base::D, "D"),
    (Base::H, "h"),
    (Base::Min, "m"),
    (Base::S, "s"),
    (Base::Ms, "ms"),
    (Base::Us, "us"),
    (Base::Ns, "ns"),
    (Base::Ps, "ps"),
    (Base::Fs, "fs"),
    (Base::As, "as"),
    (Base::Generic, "generic"),
];

impl Base {
    /// NumPy's unit string (`'D'`, `'ms'`, `'generic'`).
    pub fn name(self) -> &'static str {
        UNITS
            .iter()
            .find(|(b, _)| *b == self)
            .map_or("generic", |u| u.1)
    }

    /// The unit a name stands for (`'h'`, `'us'`, `'μs'`).
    pub fn parse(s: &str) -> Option<Base> {
        if s == "μs" {
            return Some(Base::Us);
        }
        UNITS.iter().find(|(_, n)| *n == s).map(|u| u.0)
    }

    /// NumPy's enum number (business days, 3, removed).
    fn index(self) -> usize {
        match self {
            Base::Y => 0,
            Base::M => 1,
            Base::W => 2,
            Base::D => 4,
            Base::H => 5,
            Base::Min => 6,
            Base::S => 7,
            Base::Ms => 8,
            Base::Us => 9,
            Base::Ns => 10,
            Base::Ps => 11,
            Base::Fs => 12,
            Base::As => 13,
            Base::Generic => 14,
        }
    }

    /// The words `str(timedelta64)` uses (`'5 days'`).
    pub fn verbose(self) -> &'static str {
        [
            "years",
            "months",
            "weeks",
            "<invalid>",
            "days",
            "hours",
            "minutes",
            "seconds",
            "milliseconds",
            "microseconds",
            "nanoseconds",
            "picoseconds",
            "femtoseconds",
            "attoseconds",
            "generic time units",
        ][self.index()]
    }
}

/// Datetime metadata: a base unit and a multiple (`[15m]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeUnit {
    /// The base unit.
    pub base: Base,
    /// How many base units one step is (1 unless written `[15m]`).
    pub num: u32,
}

impl TimeUnit {
    /// A plain unit (multiple 1).
    pub const fn of(base: Base) -> TimeUnit {
        TimeUnit { base, num: 1 }
    }

    /// Generic units.
    pub const GENERIC: TimeUnit = TimeUnit::of(Base::Generic);

    /// True for generic units.
    pub fn is_generic(self) -> bool {
        self.base == Base::Generic
    }

    /// NumPy's test that a cast between two units changes no value, so
    /// that the `no` rule allows it: the same unit, or `self` one, two or
    /// three metric prefixes finer than a second-or-finer `to` with a
    /// multiple 1000, 10⁶ or 10⁹ times larger (`7000ms` → `7s`). The
    /// multiples are compared by integer division, as NumPy compares them.
    pub fn same_span_as(self, to: TimeUnit) -> bool {
        if self == to {
            return true;
        }
        let (from_ix, to_ix) = (self.base.index(), to.base.index());
        if to_ix < Base::S.index() || from_ix <= to_ix || from_ix - to_ix > 3 {
            return false;
        }
        let ratio = 1000u32.pow((from_ix - to_ix) as u32);
        self.num / to.num == ratio
    }

    /// The unit as NumPy writes it inside brackets: `D`, `15m`.
    pub fn text(self) -> String {
        if self.num == 1 {
            self.base.name().to_string()
        } else {
            format!("{}{}", self.num, self.base.name())
        }
    }

    /// A unit argument (`np.datetime64(x, '15m')`, `'[15m]'`): NumPy's
    /// `convert_pyobject_to_datetime_metadata`, the bracketed form read as
    /// a dtype's metadata, any other as a bare extended unit.
    pub fn parse(s: &str) -> DtResult<TimeUnit> {
        if s.starts_with('[') {
            return super::datetime_meta::parse_metastr(s);
        }
        super::datetime_meta::parse_bare(s)
    }
}

/// `dtype.name`: `datetime64[D]`, `timedelta64`.
pub fn dtype_name(u: TimeUnit, delta: bool) -> String {
    let head = if delta { "timedelta64" } else { "datetime64" };
    if u.is_generic() {
        head.to_string()
    } else {
        format!("{head}[{}]", u.text())
    }
}

/// `dtype.str`: `<M8[D]`, `<m8`.
pub fn dtype_str(u: TimeUnit, delta: bool) -> String {
    let head = if delta { "<m8" } else { "<M8" };
    if u.is_generic() {
        head.to_string()
    } else {
        format!("{head}[{}]", u.text())
    }
}

/// Parse a datetime dtype string (`'datetime64[ns]'`, `'<M8[D]'`, `'m8'`):
/// `None` when it is no datetime type at all, an error for a bad unit.
pub fn parse_dtype(text: &str) -> Option<DtResult<(TimeUnit, bool)>> {
    let body = text
        .strip_prefix('<')
        .or_else(|| text.strip_prefix('='))
        .unwrap_or(text);
    let (head, rest) = if let Some(r) = body.strip_prefix("datetime64") {
        (false, r)
    } else if let Some(r) = body.strip_prefix("timedelta64") {
        (true, r)
    } else if let Some(r) = body.strip_prefix("M8") {
        (false, r)
    } else if let Some(r) = body.strip_prefix("m8") {
        (true, r)
    } else {
        return None;
    };
    Some(super::datetime_meta::parse_metastr(rest).map(|u| (u, head)))
}

/// A broken-down datetime (NumPy's `npy_datetimestruct`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateTimeStruct {
    /// Year (proleptic Gregorian, year 0 exists).
    pub year: i64,
    /// 1..=12
    pub month: i32,
    /// 1..=31
    pub day: i32,
    /// 0..24
    pub hour: i32,
    /// 0..60
    pub min: i32,
    /// 0..60
    pub sec: i32,
    /// Microseconds.
    pub us: i32,
    /// Picoseconds inside the microsecond.
    pub ps: i32,
    /// Attoseconds inside the picosecond.
    pub as_: i32,
}

/// True for a Gregorian leap year.
pub fn is_leap(year: i64) -> bool {
    (year & 0x3) == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in each month, common and leap years.
const DAYS_PER_MONTH: [[i32; 12]; 2] = [
    [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31],
    [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31],
];

/// Days in `month` (1-based) of `year`.
pub fn days_in_month(year: i64, month: i32) -> i32 {
    DAYS_PER_MONTH[is_leap(year) as usize][(month - 1) as usize]
}

/// Floor division that leaves a non-negative remainder in `d`
/// (NumPy's `extract_unit_64`).
fn extract(d: &mut i64, unit: i64) -> i64 {
    let mut div = *d / unit;
    let mut m = *d % unit;
    if m < 0 {
        m += unit;
        div -= 1;
    }
    *d = m;
    div
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub fn days_from_civil(year: i64, month: i32, day: i32) -> i64 {
    let y = if month <= 2 {
        year.wrapping_sub(1)
    } else {
        year
    };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    // Wrapping, as NumPy's C int64 arithmetic does for absurd years.
    era.wrapping_mul(146097).wrapping_add(doe - 719468)
}

/// The civil date of a day count since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, i32, i32) {
    let z = days as i128 + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as i32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as i32;
    ((if m <= 2 { y + 1 } else { y }) as i64, m, d)
}

fn set_days(days: i64, out: &mut DateTimeStruct) {
    let (y, m, d) = civil_from_days(days);
    out.year = y;
    out.month = m;
    out.day = d;
}

/// NumPy's `NpyDatetime_ConvertDatetime64ToDatetimeStruct`; `None` for NaT.
pub fn to_struct(u: TimeUnit, value: i64) -> DtResult<Option<DateTimeStruct>> {
    if value == NAT {
        return Ok(None);
    }
    if u.is_generic() {
        return Err((
            "ValueError",
            "Cannot convert a NumPy datetime value other than NaT with generic units".into(),
        ));
    }
    let mut dt = scale(value, u.num as i64, 1, "datetime64")?;
    let mut out = DateTimeStruct {
        year: 1970,
        month: 1,
        day: 1,
        ..Default::default()
    };
    const K: i64 = 1000;
    match u.base {
        Base::Y => out.year = dt.wrapping_add(1970),
        Base::M => {
            out.year = extract(&mut dt, 12).wrapping_add(1970);
            out.month = dt as i32 + 1;
        }
        Base::W => set_days(dt.saturating_mul(7), &mut out),
        Base::D => set_days(dt, &mut out),
        Base::H => {
            set_days(extract(&mut dt, 24), &mut out);
            out.hour = dt as i32;
        }
        Base::Min => {
            set_days(extract(&mut dt, 60 * 24), &mut out);
            out.hour = extract(&mut dt, 60) as i32;
            out.min = dt as i32;
        }
        Base::S => {
            set_days(extract(&mut dt, 60 * 60 * 24), &mut out);
            out.hour = extract(&mut dt, 60 * 60) as i32;
            out.min = extract(&mut dt, 60) as i32;
            out.sec = dt as i32;
        }
        Base::Ms => {
            set_days(extract(&mut dt, K * 60 * 60 * 24), &mut out);
            out.hour = extract(&mut dt, K * 60 * 60) as i32;
            out.min = extract(&mut dt, K * 60) as i32;
            out.sec = extract(&mut dt, K) as i32;
            out.us = (dt * 1000) as i32;
        }
        Base::Us => {
            set_days(extract(&mut dt, K * K * 60 * 60 * 24), &mut out);
            out.hour = extract(&mut dt, K * K * 60 * 60) as i32;
            out.min = extract(&mut dt, K * K * 60) as i32;
            out.sec = extract(&mut dt, K * K) as i32;
            out.us = dt as i32;
        }
        Base::Ns => {
            set_days(extract(&mut dt, K * K * K * 60 * 60 * 24), &mut out);
            out.hour = extract(&mut dt, K * K * K * 60 * 60) as i32;
            out.min = extract(&mut dt, K * K * K * 60) as i32;
            out.sec = extract(&mut dt, K * K * K) as i32;
            out.us = extract(&mut dt, K) as i32;
            out.ps = (dt * 1000) as i32;
        }
        Base::Ps => {
            set_days(extract(&mut dt, K * K * K * K * 60 * 60 * 24), &mut out);
            out.hour = extract(&mut dt, K * K * K * K * 60 * 60) as i32;
            out.min = extract(&mut dt, K * K * K * K * 60) as i32;
            out.sec = extract(&mut dt, K * K * K * K) as i32;
            out.us = extract(&mut dt, K * K) as i32;
            out.ps = dt as i32;
        }
        Base::Fs => {
            out.hour = extract(&mut dt, K * K * K * K * K * 60 * 60) as i32;
            if out.hour < 0 {
                out.year = 1969;
                out.month = 12;
                out.day = 31;
                out.hour += 24;
            }
            out.min = extract(&mut dt, K * K * K * K * K * 60) as i32;
            out.sec = extract(&mut dt, K * K * K * K * K) as i32;
            out.us = extract(&mut dt, K * K * K) as i32;
            out.ps = extract(&mut dt, K) as i32;
            out.as_ = (dt * 1000) as i32;
        }
        Base::As => {
            out.sec = extract(&mut dt, K * K * K * K * K * K) as i32;
            if out.sec < 0 {
                out.year = 1969;
                out.month = 12;
                out.day = 31;
                out.hour = 23;
                out.min = 59;
                out.sec += 60;
            }
            out.us = extract(&mut dt, K * K * K * K) as i32;
            out.ps = extract(&mut dt, K * K) as i32;
            out.as_ = dt as i32;
        }
        Base::Generic => unreachable!("generic handled above"),
    }
    Ok(Some(out))
}

/// NumPy's `NpyDatetime_ConvertDatetimeStructToDatetime64` (wrapping
/// int64 arithmetic, as NumPy's C does).
pub fn from_struct(u: TimeUnit, s: &DateTimeStruct) -> DtResult<i64> {
    if u.is_generic() {
        return Err((
            "ValueError",
            "Cannot create a NumPy datetime other than NaT with generic units".into(),
        ));
    }
    let days = days_from_civil(s.year, s.month, s.day);
    let (h, mi, se) = (s.hour as i64, s.min as i64, s.sec as i64);
    let (us, ps, as_) = (s.us as i64, s.ps as i64, s.as_ as i64);
    let secs = || {
        days.wrapping_mul(24)
            .wrapping_add(h)
            .wrapping_mul(60)
            .wrapping_add(mi)
            .wrapping_mul(60)
            .wrapping_add(se)
    };
    let ret = match u.base {
        Base::Y => s.year.wrapping_sub(1970),
        Base::M => s
            .year
            .wrapping_sub(1970)
            .wrapping_mul(12)
            .wrapping_add(s.month as i64 - 1),
        Base::W => {
            if days >= 0 {
                days / 7
            } else {
                days.wrapping_sub(6) / 7
            }
        }
        Base::D => days,
        Base::H => days.wrapping_mul(24).wrapping_add(h),
        Base::Min => days
            .wrapping_mul(24)
            .wrapping_add(h)
            .wrapping_mul(60)
            .wrapping_add(mi),
        Base::S => secs(),
        Base::Ms => secs().wrapping_mul(1000).wrapping_add(us / 1000),
        Base::Us => secs().wrapping_mul(1_000_000).wrapping_add(us),
        Base::Ns => secs()
            .wrapping_mul(1_000_000)
            .wrapping_add(us)
            .wrapping_mul(1000)
            .wrapping_add(ps / 1000),
        Base::Ps => secs()
            .wrapping_mul(1_000_000)
            .wrapping_add(us)
            .wrapping_mul(1_000_000)
            .wrapping_add(ps),
        Base::Fs => secs()
            .wrapping_mul(1_000_000)
            .wrapping_add(us)
            .wrapping_mul(1_000_000)
            .wrapping_add(ps)
            .wrapping_mul(1000)
            .wrapping_add(as_ / 1000),
        Base::As => secs()
            .wrapping_mul(1_000_000)
            .wrapping_add(us)
            .wrapping_mul(1_000_000)
            .wrapping_add(ps)
            .wrapping_mul(1_000_000)
            .wrapping_add(as_),
        Base::Generic => unreachable!("generic handled above"),
    };
    let num = u.num as i64;
    Ok(if num > 1 {
        if ret >= 0 {
            ret / num
        } else {
            ret.wrapping_sub(num - 1) / num
        }
    } else {
        ret
    })
}

/// NumPy's `_datetime_scale_with_overflow_check`: `dt · num / denom`,
/// rounded toward minus infinity, NaT kept.
fn scale(dt: i64, num: i64, denom: i64, type_name: &str) -> DtResult<i64> {
    if dt == NAT {
        return Ok(dt);
    }
    let pos_limit = i64::MAX / num;
    let neg_limit = (i64::MAX - denom + 1) / num;
    if dt > pos_limit || dt < -neg_limit {
        return Err((
            "OverflowError",
            format!("Overflow when converting between {type_name} units"),
        ));
    }
    Ok(if dt < 0 {
        (dt * num - (denom - 1)) / denom
    } else {
        dt * num / denom
    })
}

/// The per-step factors between neighbouring units (NumPy's
/// `_datetime_factors`, by enum number).
const FACTORS: [u64; 15] = [
    1, 1, 7, 1, 24, 60, 60, 1000, 1000, 1000, 1000, 1000, 1000, 1, 0,
];

/// NumPy's `get_datetime_units_factor`: 0 on overflow.
fn units_factor(big: Base, little: Base) -> u64 {
    let mut factor: u64 = 1;
    for f in &FACTORS[big.index()..little.index()] {
        factor = factor.wrapping_mul(*f);
        if factor & 0xff00_0000_0000_0000 != 0 {
            return 0;
        }
    }
    factor
}

/// NumPy's `datetime_metadata_divides`: does `divisor`'s step divide
/// `dividend`'s evenly? Years and months measure no fixed time, so against
/// other units they divide only when `strict` is off.
pub fn metadata_divides(dividend: TimeUnit, divisor: TimeUnit, strict: bool) -> bool {
    if dividend.is_generic() {
        return true;
    }
    if divisor.is_generic() {
        return false;
    }
    let (mut num1, mut num2) = (dividend.num as u64, divisor.num as u64);
    if dividend.base != divisor.base {
        let nonlinear = |b: Base| b == Base::Y || b == Base::M;
        if dividend.base == Base::Y && divisor.base == Base::M {
            num1 *= 12;
        } else if divisor.base == Base::Y && dividend.base == Base::M {
            num2 *= 12;
        } else if nonlinear(dividend.base) || nonlinear(divisor.base) {
            return !strict;
        }
        if dividend.base > divisor.base {
            num2 = num2.wrapping_mul(units_factor(divisor.base, dividend.base));
            if num2 == 0 {
                return false;
            }
        } else {
            num1 = num1.wrapping_mul(units_factor(dividend.base, divisor.base));
            if num1 == 0 {
                return false;
            }
        }
    }
    if num1 & 0xff00_0000_0000_0000 != 0 || num2 & 0xff00_0000_0000_0000 != 0 {
        return false;
    }
    num1.is_multiple_of(num2)
}

fn gcd(mut x: u64, mut y: u64) -> u64 {
    if x > y {
        std::mem::swap(&mut x, &mut y);
    }
    while x != y && y != 0 {
        let t = x % y;
        x = y;
        y = t;
    }
    x
}

/// NumPy's `get_datetime_conversion_factor`: `(num, denom)` with
/// `dst = src · num / denom`.
fn conversion_factor(src: TimeUnit, dst: TimeUnit) -> DtResult<(i64, i64)> {
    if src.is_generic() {
        return Ok((1, 1));
    }
    if dst.is_generic() {
        return Err((
            "ValueError",
            "Cannot convert from specific units to generic units in NumPy datetimes or timedeltas"
                .into(),
        ));
    }
    let (a, b, swapped) = if src.base <= dst.base {
        (src.base, dst.base, false)
    } else {
        (dst.base, src.base, true)
    };
    let (mut num, mut denom): (u64, u64) = (1, 1);
    if a != b {
        match a {
            Base::Y => {
                if b == Base::M {
                    num *= 12;
                } else if b == Base::W {
                    num *= 97 + 400 * 365;
                    denom *= 400 * 7;
                } else {
                    num *= 97 + 400 * 365;
                    denom *= 400;
                    num = num.wrapping_mul(units_factor(Base::D, b));
                }
            }
            Base::M => {
                if b == Base::W {
                    num *= 97 + 400 * 365;
                    denom *= 400 * 12 * 7;
                } else {
                    num *= 97 + 400 * 365;
                    denom *= 400 * 12;
                    num = num.wrapping_mul(units_factor(Base::D, b));
                }
            }
            _ => num = num.wrapping_mul(units_factor(a, b)),
        }
    }
    if num == 0 {
        return Err((
            "OverflowError",
            format!(
                "Integer overflow while computing the conversion factor between NumPy datetime units {} and {}",
                a.name(),
                b.name()
            ),
        ));
    }
    if swapped {
        std::mem::swap(&mut num, &mut denom);
    }
    num = num.wrapping_mul(src.num as u64);
    denom = denom.wrapping_mul(dst.num as u64);
    let g = gcd(num, denom).max(1);
    let (num, denom) = ((num / g) as i64, (denom / g) as i64);
    if num <= 0 || denom <= 0 {
        return Err((
            "OverflowError",
            "Integer overflow while computing the conversion factor between NumPy datetime units"
                .into(),
        ));
    }
    Ok((num, denom))
}

/// Cast one value between units: through the broken-down date for a
/// datetime (NumPy's `cast_datetime_to_datetime`), by the conversion
/// factor for a timedelta (`cast_timedelta_to_timedelta`).
pub fn convert(value: i64, from: TimeUnit, to: TimeUnit, delta: bool) -> DtResult<i64> {
    if from == to {
        return Ok(value);
    }
    // NumPy's cast setup computes the factor first: one that overflows
    // (`Y` to `fs`) is an error even for NaT.
    let (num, denom) = conversion_factor(from, to)?;
    if value == NAT {
        return Ok(value);
    }
    let nonlinear = |b: Base| matches!(b, Base::Y | Base::M);
    if !delta && (nonlinear(from.base) || nonlinear(to.base)) {
        return match to_struct(from, value)? {
            None => Ok(NAT),
            Some(s) => from_struct(to, &s),
        };
    }
    // Linear units scale by the factor, wrapping as NumPy's C loop does
    // (`_strided_to_strided_datetime_cast`).
    Ok(if value < 0 {
        value.wrapping_mul(num).wrapping_sub(denom - 1) / denom
    } else {
        value.wrapping_mul(num) / denom
    })
}

/// The common unit of two datetime/timedelta types (NumPy's
/// `compute_datetime_metadata_greatest_common_divisor`); `strict1/2` are
/// true for a timedelta operand, whose Y/M units do not mix with days.
pub fn common_unit(a: TimeUnit, b: TimeUnit, strict1: bool, strict2: bool) -> DtResult<TimeUnit> {
    if a.is_generic() {
        return Ok(b);
    }
    if b.is_generic() {
        return Ok(a);
    }
    let (mut n1, mut n2) = (a.num as u64, b.num as u64);
    let incompatible = || {
        (
            "TypeError",
            format!(
                "Cannot get a common metadata divisor for Numpy datetime metadata [{}] and [{}] because they have incompatible nonlinear base time units.",
                a.text(),
                b.text()
            ),
        )
    };
    let overflow = || {
        (
            "OverflowError",
            format!(
                "Integer overflow getting a common metadata divisor for NumPy datetime metadata [{}] and [{}].",
                a.text(),
                b.text()
            ),
        )
    };
    let base;
    if a.base == b.base {
        base = a.base;
    } else {
        if a.base == Base::Y && b.base == Base::M {
            n1 *= 12;
        } else if b.base == Base::Y && a.base == Base::M {
            n2 *= 12;
        } else if (a.base == Base::Y || a.base == Base::M) && strict1
            || (b.base == Base::Y || b.base == Base::M) && strict2
        {
            return Err(incompatible());
        }
        if a.base > b.base {
            base = a.base;
            n2 = n2.wrapping_mul(units_factor(b.base, a.base));
            if n2 == 0 {
                return Err(overflow());
            }
        } else {
            base = b.base;
            n1 = n1.wrapping_mul(units_factor(a.base, b.base));
            if n1 == 0 {
                return Err(overflow());
            }
        }
    }
    let g = gcd(n1, n2);
    if g == 0 || g > i32::MAX as u64 {
        return Err(overflow());
    }
    Ok(TimeUnit {
        base,
        num: g as u32,
    })
}

fn parse_error(s: &str, pos: usize) -> (&'static str, String) {
    (
        "ValueError",
        format!("Error parsing datetime string \"{s}\" at position {pos}"),
    )
}

/// The clock as NumPy's parser reads it for `'now'` (the UTC time to the
/// second, unit `s`) and `'today'` (the date, unit `D`; NumPy takes the
/// local date, which is the UTC date on the machines slicelab runs on).
fn clock(today: bool) -> DtResult<(Option<DateTimeStruct>, Base)> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let mut st = to_struct(TimeUnit::of(Base::S), secs)?;
    if today && let Some(d) = st.as_mut() {
        *d = DateTimeStruct {
            year: d.year,
            month: d.month,
            day: d.day,
            ..Default::default()
        };
    }
    Ok((st, if today { Base::D } else { Base::S }))
}

/// NumPy's `NpyDatetime_ParseISO8601Datetime`, with `today`/`now` read
/// from the clock and without time zones (refused as NotImplementedError): the broken-down value
/// (`None` for NaT) and the unit the string determines.
pub fn parse_iso(s: &str) -> DtResult<(Option<DateTimeStruct>, Base)> {
    let b = s.as_bytes();
    if b.is_empty() || s.eq_ignore_ascii_case("nat") {
        return Ok((None, Base::Generic));
    }
    if s.eq_ignore_ascii_case("today") || s.eq_ignore_ascii_case("now") {
        return clock(s.eq_ignore_ascii_case("today"));
    }
    let mut out = DateTimeStruct {
        month: 1,
        day: 1,
        ..Default::default()
    };
    let mut p = 0;
    while p < b.len() && b[p].is_ascii_whitespace() {
        p += 1;
    }
    if p < b.len() && (b[p] == b'-' || b[p] == b'+') {
        p += 1;
    }
    if p == b.len() {
        return Err(parse_error(s, p));
    }
    let digit = |p: usize| p < b.len() && b[p].is_ascii_digit();
    let two = |p: usize| (b[p] - b'0') as i32 * 10 + (b[p + 1] - b'0') as i32;
    let mut year: i64 = 0;
    while digit(p) {
        year = year.wrapping_mul(10).wrapping_add((b[p] - b'0') as i64);
        p += 1;
    }
    if b[0] == b'-' {
        year = -year;
    }
    out.year = year;
    let leap = is_leap(year) as usize;
    let best;
    'done: {
        if p == b.len() {
            best = Base::Y;
            break 'done;
        }
        if b[p] != b'-' {
            return Err(parse_error(s, p));
        }
        p += 1;
        if !(digit(p) && digit(p + 1)) {
            return Err(parse_error(s, p));
        }
        out.month = two(p);
        if !(1..=12).contains(&out.month) {
            return Err((
                "ValueError",
                format!("Month out of range in datetime string \"{s}\""),
            ));
        }
        p += 2;
        if p == b.len() {
            best = Base::M;
            break 'done;
        }
        if b[p] != b'-' {
            return Err(parse_error(s, p));
        }
        p += 1;
        if !(digit(p) && digit(p + 1)) {
            return Err(parse_error(s, p));
        }
        out.day = two(p);
        if out.day < 1 || out.day > DAYS_PER_MONTH[leap][out.month as usize - 1] {
            return Err((
                "ValueError",
                format!("Day out of range in datetime string \"{s}\""),
            ));
        }
        p += 2;
        if p == b.len() {
            best = Base::D;
            break 'done;
        }
        if b[p] != b'T' && b[p] != b' ' {
            return Err(parse_error(s, p));
        }
        p += 1;
        if !(digit(p) && digit(p + 1)) {
            return Err(parse_error(s, p));
        }
        out.hour = two(p);
        if out.hour >= 24 {
            return Err((
                "ValueError",
                format!("Hours out of range in datetime string \"{s}\""),
            ));
        }
        p += 2;
        let unit;
        'time: {
            if p < b.len() && b[p] == b':' {
                p += 1;
            } else {
                unit = Base::H;
                break 'time;
            }
            if !(digit(p) && digit(p + 1)) {
                return Err(parse_error(s, p));
            }
            out.min = two(p);
            if out.min >= 60 {
                return Err((
                    "ValueError",
                    format!("Minutes out of range in datetime string \"{s}\""),
                ));
            }
            p += 2;
            if p < b.len() && b[p] == b':' {
                p += 1;
            } else {
                unit = Base::Min;
                break 'time;
            }
            if !(digit(p) && digit(p + 1)) {
                return Err(parse_error(s, p));
            }
            out.sec = two(p);
            if out.sec >= 60 {
                return Err((
                    "ValueError",
                    format!("Seconds out of range in datetime string \"{s}\""),
                ));
            }
            p += 2;
            if p < b.len() && b[p] == b'.' {
                p += 1;
            } else {
                unit = Base::S;
                break 'time;
            }
            let group = |p: &mut usize| {
                let (mut v, mut n) = (0i32, 0);
                for _ in 0..6 {
                    v *= 10;
                    if digit(*p) {
                        v += (b[*p] - b'0') as i32;
                        *p += 1;
                        n += 1;
                    }
                }
                (v, n)
            };
            let (us, n) = group(&mut p);
            out.us = us;
            if !digit(p) {
                unit = if n > 3 { Base::Us } else { Base::Ms };
                break 'time;
            }
            let (ps, n) = group(&mut p);
            out.ps = ps;
            if !digit(p) {
                unit = if n > 3 { Base::Ps } else { Base::Ns };
                break 'time;
            }
            let (as_, n) = group(&mut p);
            out.as_ = as_;
            unit = if n > 3 { Base::As } else { Base::Fs };
        }
        if p < b.len() {
            return Err((
                "NotImplementedError",
                "slicelab does not support time zones in datetime strings (NumPy warns they are deprecated)"
                    .into(),
            ));
        }
        best = unit;
    }
    Ok((Some(out), best))
}

/// NumPy's `NpyDatetime_MakeISO8601Datetime` (no local time zone): the
/// text of a broken-down value down to `base` (weeks print as days).
pub fn format_iso(s: Option<&DateTimeStruct>, base: Base) -> String {
    let Some(d) = s else {
        return "NaT".into();
    };
    if base == Base::Generic {
        return "NaT".into();
    }
    let base = if base == Base::W { Base::D } else { base };
    let mut out = format!("{:04}", d.year);
    if d.year < 0 {
        // C's "%04lld" pads the sign into the width: -1 → "-001".
        out = format!("-{:03}", d.year.unsigned_abs());
    }
    if base == Base::Y {
        return out;
    }
    out.push_str(&format!("-{:02}", d.month));
    if base == Base::M {
        return out;
    }
    out.push_str(&format!("-{:02}", d.day));
    if base == Base::D {
        return out;
    }
    out.push_str(&format!("T{:02}", d.hour));
    if base == Base::H {
        return out;
    }
    out.push_str(&format!(":{:02}", d.min));
    if base == Base::Min {
        return out;
    }
    out.push_str(&format!(":{:02}", d.sec));
    if base == Base::S {
        return out;
    }
    out.push_str(&format!(".{:03}", d.us / 1000));
    if base == Base::Ms {
        return out;
    }
    out.push_str(&format!("{:03}", d.us % 1000));
    if base == Base::Us {
        return out;
    }
    out.push_str(&format!("{:03}", d.ps / 1000));
    if base == Base::Ns {
        return out;
    }
    out.push_str(&format!("{:03}", d.ps % 1000));
    if base == Base::Ps {
        return out;
    }
    out.push_str(&format!("{:03}", d.as_ / 1000));
    if base == Base::Fs {
        return out;
    }
    out.push_str(&format!("{:03}", d.as_ % 1000));
    out
}

/// The `U` width NumPy gives datetime64 values of unit `base` cast to
/// text (`NpyDatetime_GetDatetimeISO8601StrLen`, not local).
pub fn iso_strlen(base: Base) -> usize {
    let extra = match base {
        Base::Generic => return 4,
        Base::Y => 0,
        Base::M => 3,
        Base::W | Base::D => 6,
        Base::H => 9,
        Base::Min => 12,
        Base::S => 15,
        Base::Ms => 19,
        Base::Us => 22,
        Base::Ns => 25,
        Base::Ps => 28,
        Base::Fs => 31,
        Base::As => 34,
    };
    21 + extra + usize::from(base >= Base::H) + 1
}

/// The ISO text of a datetime64 value in its own unit (`str()` of the
/// scalar, each element of a printed array).
pub fn datetime_text(u: TimeUnit, value: i64) -> DtResult<String> {
    if u.is_generic() || value == NAT {
        return Ok("NaT".into());
    }
    Ok(format_iso(to_struct(u, value)?.as_ref(), u.base))
}

/// Parse a string into a datetime64 value of unit `u` (the unit the string
/// determines when `u` is generic): NumPy converts the broken-down value
/// into the target unit, truncating finer fields.
pub fn parse_datetime(s: &str, u: Option<TimeUnit>) -> DtResult<(i64, TimeUnit)> {
    let (st, best) = parse_iso(s)?;
    let unit = match u {
        Some(u) if !u.is_generic() => u,
        _ => TimeUnit::of(best),
    };
    match st {
        None => Ok((NAT, if u.is_some() { u.unwrap_or(unit) } else { unit })),
        Some(st) => {
            if unit.is_generic() {
                return Err((
                    "ValueError",
                    "Cannot create a NumPy datetime other than NaT with generic units".into(),
                ));
            }
            Ok((from_struct(unit, &st)?, unit))
        }
    }
}

/// `str()` of a timedelta64: `'5 days'`, `'NaT'` (NumPy's
/// `timedeltatype_str`: the count times the multiple, then the unit's word).
pub fn timedelta_text(u: TimeUnit, value: i64) -> String {
    if value == NAT {
        return "NaT".into();
    }
    format!("{} {}", value.wrapping_mul(u.num as i64), u.base.verbose())
}

/// A timedelta count read from text as NumPy reads it
/// (`convert_pyobject_to_timedelta`): empty or `NaT` (any case) is NaT,
/// else C's `strtoll` in base 10 — leading whitespace and a sign allowed,
/// saturating on overflow — which must use up the whole text. `None`
/// when it does not.
pub fn parse_timedelta_text(text: &str) -> Option<i64> {
    if text.is_empty() || text.eq_ignore_ascii_case("nat") {
        return Some(NAT);
    }
    let body = text.trim_start_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
    let (negative, digits) = match body.as_bytes().first() {
        Some(b'-') => (true, &body[1..]),
        Some(b'+') => (false, &body[1..]),
        _ => (false, body),
    };
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let magnitude = digits.bytes().try_fold(0i128, |n, c| {
        n.checked_mul(10)?.checked_add(i128::from(c - b'0'))
    });
    let value = match magnitude {
        Some(m) if negative => -m,
        Some(m) => m,
        None if negative => i128::MIN,
        None => i128::MAX,
    };
    Some(value.clamp(i64::MIN as i128, i64::MAX as i128) as i64)
}

/// The text of a `U` or `S` element (bytes read one character each, as
/// NumPy's cast from `S` decodes them), or `None` for any other scalar.
fn element_text(v: &Scalar) -> Option<String> {
    match v {
        Scalar::Str(t) => Some(t.clone()),
        Scalar::Bytes(b) => Some(super::element::latin1_text(b)),
        _ => None,
    }
}

/// One element cast between dtypes where one side is a datetime type, for
/// the engine's element copy (which cannot fail): callers that can fail
/// (`astype`, `np.array`) check the values first with the fallible
/// functions above; here a value that cannot convert becomes NaT.
pub fn cast_scalar(v: Scalar, from: &DType, to: &DType) -> Scalar {
    let raw = |v: &Scalar| match v {
        Scalar::Int(i) => Some(*i),
        Scalar::UInt(u) => Some(*u as i64),
        Scalar::Bool(b) => Some(*b as i64),
        Scalar::Float(f) if f.is_nan() => Some(NAT),
        Scalar::Float(f) => Some(*f as i64),
        _ => None,
    };
    match (from.native(), to.native()) {
        (DType::Time(u1, d1), DType::Time(u2, _)) => match raw(&v) {
            Some(i) => Scalar::Int(convert(i, u1, u2, d1).unwrap_or(NAT)),
            None => Scalar::Int(NAT),
        },
        (DType::Time(u, delta), to @ (DType::Str(_) | DType::Bytes(_))) => {
            let count = raw(&v).unwrap_or(NAT);
            let text = if delta {
                timedelta_text(u, count)
            } else {
                datetime_text(u, count).unwrap_or_else(|_| "NaT".into())
            };
            match to {
                DType::Bytes(_) => Scalar::Bytes(text.into_bytes()),
                _ => Scalar::Str(text),
            }
        }
        (DType::Time(..), _) => Scalar::Int(raw(&v).unwrap_or(NAT)),
        (DType::Str(_) | DType::Bytes(_), DType::Time(u, delta)) => match element_text(&v) {
            Some(text) if delta => Scalar::Int(parse_timedelta_text(&text).unwrap_or(NAT)),
            Some(text) => Scalar::Int(parse_datetime(&text, Some(u)).map_or(NAT, |p| p.0)),
            None => Scalar::Int(NAT),
        },
        (_, DType::Time(..)) => Scalar::Int(raw(&v).unwrap_or(NAT)),
        _ => v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for d in [-800_000i64, -719_468, -1, 0, 1, 19_723, 2_932_896] {
            let (y, m, day) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, day), d);
        }
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
    }

    #[test]
    fn parses_and_prints() {
        let (v, u) = parse_datetime("2024-01-01T12:30", None).unwrap();
        assert_eq!(u, TimeUnit::of(Base::Min));
        assert_eq!(datetime_text(u, v).unwrap(), "2024-01-01T12:30");
        let (v, u) = parse_datetime("-0001-01-01", None).unwrap();
        assert_eq!(datetime_text(u, v).unwrap(), "-001-01-01");
    }

    #[test]
    fn conversions() {
        let y = TimeUnit::of(Base::Y);
        let d = TimeUnit::of(Base::D);
        assert_eq!(convert(1, y, d, true).unwrap(), 365);
        assert_eq!(convert(1, TimeUnit::of(Base::M), d, false).unwrap(), 31);
        assert_eq!(
            common_unit(y, TimeUnit::of(Base::M), true, true).unwrap(),
            TimeUnit::of(Base::M)
        );
        assert!(common_unit(y, d, true, true).is_err());
    }
}
