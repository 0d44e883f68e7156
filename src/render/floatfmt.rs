//! Float formatting as NumPy's Dragon4 wrappers and `FloatingFormat` do it,
//! plus Python's `repr(float)`.
//!
//! Digits come from Rust's formatter: `{:e}` gives the shortest round-trip
//! digits (as Dragon4's "unique" mode), and `{:.N}` / `{:.Ne}` give the
//! exact value correctly rounded (half to even), as Dragon4 does when it
//! stops at a precision cutoff.

use super::PrintOptions;

/// Which binary float the value came from: decides the shortest digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloatKind {
    /// IEEE half precision.
    F16,
    /// IEEE single precision.
    F32,
    /// IEEE double precision.
    F64,
}

impl FloatKind {
    /// `np.finfo(t).precision`, capped at 8: arrays switch to scientific
    /// notation at `10**min(8, precision)`.
    fn array_exp_cutoff(self, legacy: u32) -> f64 {
        if super::legacy::old_float_cutoffs(legacy) {
            return 1e8;
        }
        match self {
            FloatKind::F16 => 1e3,
            FloatKind::F32 => 1e6,
            FloatKind::F64 => 1e8,
        }
    }

    /// Where a scalar's `str` switches to scientific notation (NumPy's
    /// C `max_positional`, read from the global legacy mode).
    fn scalar_exp_cutoff(self) -> f64 {
        if super::legacy::old_float_cutoffs(super::legacy::global()) {
            return 1e16;
        }
        match self {
            FloatKind::F16 => 1e3,
            FloatKind::F32 => 1e6,
            FloatKind::F64 => 1e16,
        }
    }
}

/// Round an f64 to the nearest float16 value (ties to even), widened back.
fn round_to_f16(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let a = v.abs();
    if a >= 65520.0 {
        return f64::INFINITY.copysign(v);
    }
    let e = (a.log2().floor() as i32).max(-14);
    // Guard against log2 rounding at exact powers of two.
    let e = if 2f64.powi(e) > a && e > -14 {
        e - 1
    } else {
        e
    };
    let ulp = 2f64.powi(e - 10);
    let r = (a / ulp).round_ties_even() * ulp;
    r.copysign(v)
}

/// Split Rust's `{:e}` output (`1.25e-3`) into digits and exponent.
fn split_exp(s: &str) -> (String, i32) {
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    (digits, exp.parse().unwrap_or(0))
}

/// Rust's shortest digits round a value lying exactly halfway between two
/// shortest candidates upwards; Dragon4 picks the even one. Prefer the
/// correctly rounded candidate of the same length when it round-trips.
fn tie_to_even(x: f64, (d, e): (String, i32), round_trips: impl Fn(&str) -> bool) -> (String, i32) {
    if d.len() < 2 {
        return (d, e);
    }
    let n = d.len() - 1;
    let s = format!("{x:.n$e}");
    let (d2, e2) = split_exp(&s);
    if (d2 != d || e2 != e) && round_trips(&s) {
        (d2, e2)
    } else {
        (d, e)
    }
}

/// Shortest digits that round-trip in `kind`, and the decimal exponent of
/// the first digit (`x = d.ddd × 10^exp`). `x` must be finite and `>= 0`.
fn shortest(x: f64, kind: FloatKind) -> (String, i32) {
    match kind {
        FloatKind::F64 => tie_to_even(x, split_exp(&format!("{x:e}")), |s| {
            s.parse::<f64>().ok() == Some(x)
        }),
        FloatKind::F32 => tie_to_even(x, split_exp(&format!("{:e}", x as f32)), |s| {
            s.parse::<f32>().ok() == Some(x as f32)
        }),
        FloatKind::F16 => {
            if x == 0.0 {
                return ("0".into(), 0);
            }
            for n in 0..17 {
                let s = format!("{x:.n$e}");
                let back: f64 = s.parse().unwrap_or(f64::NAN);
                if round_to_f16(back) == x {
                    let (mut d, e) = split_exp(&s);
                    while d.len() > 1 && d.ends_with('0') {
                        d.pop();
                    }
                    return (d, e);
                }
            }
            split_exp(&format!("{x:e}"))
        }
    }
}

/// Dragon4's trim modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trim {
    /// `'k'`: keep trailing zeros and the point.
    Keep,
    /// `'.'`: trim trailing zeros, keep the point.
    Dot,
    /// `'0'`: trim trailing zeros but leave one zero after the point.
    Zero,
    /// `'-'`: trim trailing zeros and the point.
    Dash,
}

/// Options of one Dragon4 call (`format_float_positional/scientific`).
#[derive(Debug, Clone, Copy)]
pub struct Dragon {
    /// Which float type the value is.
    pub kind: FloatKind,
    /// Digits after the point (cap in unique mode); `None` for no cap.
    pub precision: Option<usize>,
    /// Minimum digits after the point (unique mode only), or in all when
    /// not `fractional`.
    pub min_digits: Option<usize>,
    /// `precision` and `min_digits` count digits after the point (NumPy's
    /// `fractional=True`) rather than all significant digits.
    pub fractional: bool,
    /// Shortest round-trip digits rather than exact rounding.
    pub unique: bool,
    /// What to do with trailing zeros.
    pub trim: Trim,
    /// Print `+` on non-negative values.
    pub sign: bool,
    /// Pad the part before the point to this width.
    pub pad_left: Option<usize>,
    /// Pad the part after the point to this width (positional only).
    pub pad_right: Option<usize>,
    /// Minimum exponent digits (scientific only).
    pub exp_digits: Option<usize>,
}

impl Dragon {
    /// Default options for `kind`: unique, no precision, trim `'k'`.
    pub fn new(kind: FloatKind) -> Self {
        Dragon {
            kind,
            precision: None,
            min_digits: None,
            fractional: true,
            unique: true,
            trim: Trim::Keep,
            sign: false,
            pad_left: None,
            pad_right: None,
            exp_digits: None,
        }
    }
}

fn sign_str(x: f64, sign: bool) -> &'static str {
    if x.is_sign_negative() {
        "-"
    } else if sign {
        "+"
    } else {
        ""
    }
}

/// Apply a trim mode to fraction digits; returns (fraction, keep point).
/// Every mode but `'k'` removes trailing zeros, however they came (a
/// precision, `min_digits`, rounding), as Dragon4's last step does.
fn apply_trim(mut frac: String, trim: Trim) -> (String, bool) {
    if trim == Trim::Keep {
        return (frac, true);
    }
    while frac.ends_with('0') {
        frac.pop();
    }
    match trim {
        Trim::Zero if frac.is_empty() => ("0".into(), true),
        Trim::Dash if frac.is_empty() => (frac, false),
        _ => (frac, true),
    }
}

fn pad_left_to(s: String, width: Option<usize>) -> String {
    match width {
        Some(w) if s.chars().count() < w => format!("{}{}", " ".repeat(w - s.chars().count()), s),
        _ => s,
    }
}

/// NumPy's `dragon4_positional`, for finite `x`.
pub fn positional(x: f64, o: &Dragon) -> String {
    let a = x.abs();
    let (int_part, frac) = if !o.fractional {
        total_length_digits(a, o)
    } else if o.unique {
        let (d, e) = shortest(a, o.kind);
        // Digits after the point; negative when the shortest digits end
        // left of the units (`1e23` is `1` then 23 zeros).
        let n_frac = d.len() as i64 - 1 - i64::from(e);
        let target = match (o.precision, o.min_digits) {
            (Some(p), _) if n_frac > p as i64 => Some(p),
            // Dragon4 goes on past the shortest digits down to 10^-m,
            // exactly: `min_digits=0` prints every whole digit exactly.
            (p, Some(m)) if n_frac < m as i64 => Some(p.map_or(m, |p| m.min(p))),
            _ => None,
        };
        match target {
            Some(t) => split_fixed(&format!("{a:.t$}")),
            None => layout_positional(&d, e),
        }
    } else {
        let p = o.precision.unwrap_or(0);
        split_fixed(&format!("{a:.p$}"))
    };
    let (frac, point) = apply_trim(frac, o.trim);
    let mut frac = frac;
    if o.trim == Trim::Keep
        && o.unique
        && o.fractional
        && let Some(m) = o.min_digits
    {
        while frac.len() < m {
            frac.push('0');
        }
    }
    let left = pad_left_to(format!("{}{}", sign_str(x, o.sign), int_part), o.pad_left);
    let mut out = left;
    if point {
        out.push('.');
    }
    out.push_str(&frac);
    if let Some(w) = o.pad_right {
        // Dragon4 pads a trimmed-away point with a space too.
        if !point && w >= frac.len() {
            out.push(' ');
        }
        for _ in frac.len()..w {
            out.push(' ');
        }
    }
    out
}

/// Positional digits with `fractional=False` (Dragon4's `TotalLength`
/// cutoff): `precision` caps and `min_digits` floors the count of
/// significant digits, each cut exactly rounded from the value itself.
fn total_length_digits(a: f64, o: &Dragon) -> (String, String) {
    let significant = |n: usize| {
        let prec = n.max(1) - 1;
        let (d, e) = split_exp(&format!("{a:.prec$e}"));
        layout_positional(&d, e)
    };
    if !o.unique {
        return significant(o.precision.unwrap_or(1));
    }
    let (d, e) = shortest(a, o.kind);
    match (o.precision, o.min_digits) {
        (Some(p), _) if d.len() > p => significant(p),
        (p, Some(m)) if d.len() < m => significant(p.map_or(m, |p| m.min(p))),
        _ => layout_positional(&d, e),
    }
}

fn split_fixed(s: &str) -> (String, String) {
    match s.split_once('.') {
        Some((i, f)) => (i.to_string(), f.to_string()),
        None => (s.to_string(), String::new()),
    }
}

/// Digits `d` with first-digit exponent `e` as (integer part, fraction).
fn layout_positional(d: &str, e: i32) -> (String, String) {
    if d == "0" {
        return ("0".into(), String::new());
    }
    if e < 0 {
        let zeros = "0".repeat((-e - 1) as usize);
        ("0".into(), format!("{zeros}{d}"))
    } else {
        let e = e as usize;
        if d.len() > e + 1 {
            (d[..e + 1].to_string(), d[e + 1..].to_string())
        } else {
            (format!("{d}{}", "0".repeat(e + 1 - d.len())), String::new())
        }
    }
}

/// NumPy's `dragon4_scientific`, for finite `x`.
pub fn scientific(x: f64, o: &Dragon) -> String {
    let a = x.abs();
    let (d, e) = if o.unique {
        let (d, e) = shortest(a, o.kind);
        let n_frac = d.len() - 1;
        let target = match (o.precision, o.min_digits) {
            (Some(p), _) if n_frac > p => Some(p),
            (p, Some(m)) if n_frac < m => Some(p.map_or(m, |p| m.min(p))),
            _ => None,
        };
        match target {
            Some(t) => split_exp(&format!("{a:.t$e}")),
            None => (d, e),
        }
    } else {
        let p = o.precision.unwrap_or(0);
        split_exp(&format!("{a:.p$e}"))
    };
    let frac = d[1..].to_string();
    let (frac, point) = apply_trim(frac, o.trim);
    let mut frac = frac;
    if o.trim == Trim::Keep
        && o.unique
        && let Some(m) = o.min_digits
    {
        while frac.len() < m {
            frac.push('0');
        }
    }
    let left = pad_left_to(format!("{}{}", sign_str(x, o.sign), &d[..1]), o.pad_left);
    let mut out = left;
    if point {
        out.push('.');
    }
    out.push_str(&frac);
    let ed = o.exp_digits.unwrap_or(2).max(1);
    let esign = if e < 0 { '-' } else { '+' };
    out.push_str(&format!("e{esign}{:0ed$}", e.unsigned_abs()));
    out
}

/// Python's `repr(float)`: shortest round-trip digits, scientific when the
/// decimal exponent is below -4 or at least 16.
pub fn py_float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x < 0.0 { "-inf" } else { "inf" }.into();
    }
    let (d, e) = shortest(x.abs(), FloatKind::F64);
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if d != "0" && !(-4..16).contains(&e) {
        let mant = if d.len() > 1 {
            format!("{}.{}", &d[..1], &d[1..])
        } else {
            d.clone()
        };
        let esign = if e < 0 { '-' } else { '+' };
        format!("{sign}{mant}e{esign}{:02}", e.unsigned_abs())
    } else {
        let (i, f) = layout_positional(&d, e);
        let f = if f.is_empty() { "0".to_string() } else { f };
        format!("{sign}{i}.{f}")
    }
}

/// `str()` of a NumPy float scalar (`np.float32(0.1)` → `0.1`), with
/// `trim_pos` for positional output (`'0'` for scalars, `'-'` inside
/// complex numbers) and `sign` forcing a `+`.
pub fn float_scalar_str(x: f64, kind: FloatKind, trim_pos: Trim, sign: bool) -> String {
    if x.is_nan() {
        return format!("{}nan", if sign { "+" } else { "" });
    }
    if x.is_infinite() {
        return format!("{}inf", sign_str(x, sign));
    }
    let a = x.abs();
    let mut o = Dragon::new(kind);
    o.sign = sign;
    if a == 0.0 || (1e-4..kind.scalar_exp_cutoff()).contains(&a) {
        o.trim = trim_pos;
        positional(x, &o)
    } else {
        o.trim = Trim::Dash;
        scientific(x, &o)
    }
}

/// NumPy's `FloatingFormat`: one layout (positional or scientific, paddings,
/// digits) chosen over all the values to print, then applied to each.
#[derive(Debug, Clone)]
pub struct FloatingFormat {
    kind: FloatKind,
    floatmode: String,
    precision: Option<usize>,
    min_digits: Option<usize>,
    unique: bool,
    trim: Trim,
    sign: char,
    exp_format: bool,
    pad_left: usize,
    pad_right: usize,
    exp_size: Option<usize>,
    nanstr: String,
    infstr: String,
    legacy: u32,
}

impl FloatingFormat {
    /// Build the format from every value that will be printed.
    pub fn new(data: &[f64], kind: FloatKind, opts: &PrintOptions, sign: char) -> Self {
        let floatmode = opts.floatmode.clone();
        let precision = if floatmode == "unique" {
            None
        } else {
            Some(opts.precision)
        };
        let mut f = FloatingFormat {
            kind,
            floatmode,
            precision,
            min_digits: None,
            unique: true,
            trim: Trim::Dot,
            sign,
            exp_format: false,
            pad_left: 0,
            pad_right: 0,
            exp_size: None,
            nanstr: opts.nanstr.clone(),
            infstr: opts.infstr.clone(),
            legacy: opts.legacy,
        };
        f.fill(data, opts.suppress);
        f
    }

    fn fill(&mut self, data: &[f64], suppress: bool) {
        let finite: Vec<f64> = data.iter().copied().filter(|v| v.is_finite()).collect();
        let nonzero: Vec<f64> = finite
            .iter()
            .filter(|v| **v != 0.0)
            .map(|v| v.abs())
            .collect();
        if !nonzero.is_empty() {
            let max = nonzero.iter().copied().fold(f64::MIN, f64::max);
            let min = nonzero.iter().copied().fold(f64::MAX, f64::min);
            if max >= self.kind.array_exp_cutoff(self.legacy)
                || (!suppress && (min < 0.0001 || max / min > 1000.0))
            {
                self.exp_format = true;
            }
        }
        let plus = self.sign == '+';
        if finite.is_empty() {
            self.pad_left = 0;
            self.pad_right = 0;
            self.trim = Trim::Dot;
            self.exp_size = None;
            self.unique = true;
            self.min_digits = None;
        } else if self.exp_format {
            let (trim, unique) = if self.floatmode == "fixed" {
                (Trim::Keep, false)
            } else {
                (Trim::Dot, true)
            };
            let mut o = Dragon::new(self.kind);
            o.precision = self.precision;
            o.unique = unique;
            o.trim = trim;
            o.sign = plus;
            let mut exp_len = 0;
            let mut frac_len = 0;
            let mut int_len = 0;
            for &v in &finite {
                let s = scientific(v, &o);
                let (mant, exp) = s.split_once('e').unwrap_or((&s, ""));
                exp_len = exp_len.max(exp.len());
                let (i, fr) = mant.split_once('.').unwrap_or((mant, ""));
                int_len = int_len.max(i.len());
                frac_len = frac_len.max(fr.len());
            }
            self.exp_size = Some(exp_len.saturating_sub(1));
            self.trim = Trim::Keep;
            self.precision = Some(frac_len);
            self.min_digits = Some(frac_len);
            self.unique = unique;
            self.pad_left = int_len;
            self.pad_right = exp_len.saturating_sub(1) + 2 + frac_len;
        } else {
            let (trim, unique) = if self.floatmode == "fixed" {
                (Trim::Keep, false)
            } else {
                (Trim::Dot, true)
            };
            let mut o = Dragon::new(self.kind);
            o.precision = self.precision;
            o.unique = unique;
            o.trim = trim;
            o.sign = plus;
            let mut int_len = 0;
            let mut frac_len = 0;
            for &v in &finite {
                let s = positional(v, &o);
                let (i, fr) = s.split_once('.').unwrap_or((&s, ""));
                int_len = int_len.max(i.len());
                frac_len = frac_len.max(fr.len());
            }
            self.pad_left = int_len;
            self.pad_right = frac_len;
            self.exp_size = None;
            self.unique = unique;
            if self.floatmode == "fixed" || self.floatmode == "maxprec_equal" {
                self.precision = Some(frac_len);
                self.min_digits = Some(frac_len);
                self.trim = Trim::Keep;
            } else {
                self.trim = Trim::Dot;
                self.min_digits = Some(0);
            }
        }
        if self.sign == ' ' && !finite.iter().any(|v| v.is_sign_negative()) {
            self.pad_left += 1;
        }
        if data.len() != finite.len() {
            let neginf = self.sign != '-' || data.iter().any(|v| v.is_infinite() && *v < 0.0);
            let offset = self.pad_right as isize + 1;
            let nan_need = self.nanstr.chars().count() as isize - offset;
            let inf_need = self.infstr.chars().count() as isize + neginf as isize - offset;
            self.pad_left = (self.pad_left as isize).max(nan_need).max(inf_need) as usize;
        }
    }

    /// Format one value with the shared layout.
    pub fn format(&self, x: f64) -> String {
        if !x.is_finite() {
            let ret = if x.is_nan() {
                format!("{}{}", if self.sign == '+' { "+" } else { "" }, self.nanstr)
            } else {
                let s = if x < 0.0 {
                    "-"
                } else if self.sign == '+' {
                    "+"
                } else {
                    ""
                };
                format!("{s}{}", self.infstr)
            };
            let width = self.pad_left + self.pad_right + 1;
            let n = ret.chars().count();
            return format!("{}{ret}", " ".repeat(width.saturating_sub(n)));
        }
        let mut o = Dragon::new(self.kind);
        o.precision = self.precision;
        o.min_digits = self.min_digits;
        o.unique = self.unique;
        o.trim = self.trim;
        o.sign = self.sign == '+';
        o.pad_left = Some(self.pad_left);
        if self.exp_format {
            o.exp_digits = self.exp_size;
            scientific(x, &o)
        } else {
            o.pad_right = Some(self.pad_right);
            positional(x, &o)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_float_repr() {
        let cases = [
            (0.1, "0.1"),
            (1e-5, "1e-05"),
            (1e20, "1e+20"),
            (1.5, "1.5"),
            (2.0, "2.0"),
            (f64::INFINITY, "inf"),
            (f64::NAN, "nan"),
            (-0.0, "-0.0"),
            (1e16, "1e+16"),
            (123456789012345.0, "123456789012345.0"),
            (0.0001, "0.0001"),
            (1.5e-7, "1.5e-07"),
            (0.30000000000000004, "0.30000000000000004"),
            (1e300, "1e+300"),
        ];
        for (x, want) in cases {
            assert_eq!(py_float_repr(x), want, "{x:?}");
        }
    }

    #[test]
    fn f16_shortest() {
        assert_eq!(
            shortest(round_to_f16(0.1), FloatKind::F16),
            ("1".into(), -1)
        );
        assert_eq!(round_to_f16(65504.0), 65504.0);
        assert_eq!(round_to_f16(1.0), 1.0);
    }
}
