//! The layout half of Python's format-spec mini-language: the spec parsed
//! (`[[fill]align][sign][z][#][0][width][,_][.precision][type]`), and a
//! number's sign, digit grouping and padding laid out as CPython lays them.
//! `format_spec.rs` (ints, strings) and `format_float.rs` (floats,
//! complexes) both build on it, so neither needs the other's internals.

use super::error::{PyError, PyResult};

/// A parsed format spec: `[[fill]align][sign][z][#][0][width][,_][.precision][type]`.
#[derive(Debug, Default, Clone)]
pub(super) struct Spec {
    pub(super) fill: Option<char>,
    pub(super) align: Option<char>,
    pub(super) sign: Option<char>,
    /// `z`: a negative zero shows as zero.
    pub(super) no_neg_zero: bool,
    pub(super) alt: bool,
    /// `0` before the width (only when no fill was given).
    pub(super) zero: bool,
    pub(super) width: usize,
    pub(super) grouping: Option<char>,
    pub(super) precision: Option<usize>,
    pub(super) kind: Option<char>,
}

impl Spec {
    /// The fill and alignment in force: `0` fills with zeros and, for a
    /// type that aligns right by default (numbers), pads after the sign.
    pub(super) fn fill_align(&self, default: char) -> (char, char) {
        let fill = self.fill.unwrap_or(if self.zero { '0' } else { ' ' });
        let align = self.align.unwrap_or(if self.zero && default == '>' {
            '='
        } else {
            default
        });
        (fill, align)
    }
}

/// `spec` parsed for an object of type `what` whose type defaults to
/// `default_kind`, as CPython's `parse_internal_render_format_spec`.
pub(super) fn parse_spec(spec: &str, what: &str, default_kind: Option<char>) -> PyResult<Spec> {
    let cs: Vec<char> = spec.chars().collect();
    let mut s = Spec::default();
    let mut i = 0;
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if cs.len() >= 2 && is_align(cs[1]) {
        s.fill = Some(cs[0]);
        s.align = Some(cs[1]);
        i = 2;
    } else if !cs.is_empty() && is_align(cs[0]) {
        s.align = Some(cs[0]);
        i = 1;
    }
    if let Some(&c) = cs.get(i)
        && matches!(c, '+' | '-' | ' ')
    {
        s.sign = Some(c);
        i += 1;
    }
    if cs.get(i) == Some(&'z') {
        s.no_neg_zero = true;
        i += 1;
    }
    if cs.get(i) == Some(&'#') {
        s.alt = true;
        i += 1;
    }
    if s.fill.is_none() && cs.get(i) == Some(&'0') {
        s.zero = true;
        i += 1;
    }
    s.width = read_count(&cs, &mut i)?.unwrap_or(0);
    if let Some(&c) = cs.get(i)
        && matches!(c, ',' | '_')
    {
        s.grouping = Some(c);
        i += 1;
        if let Some(&d) = cs.get(i).filter(|d| matches!(d, ',' | '_')) {
            return Err(PyError::value(if d == c {
                format!("Cannot specify '{c}' with '{c}'.")
            } else {
                "Cannot specify both ',' and '_'.".to_string()
            }));
        }
    }
    if cs.get(i) == Some(&'.') {
        i += 1;
        s.precision = read_count(&cs, &mut i)?;
        if s.precision.is_none() {
            return Err(PyError::value("Format specifier missing precision"));
        }
    }
    if cs.len() > i + 1 {
        return Err(PyError::value(format!(
            "Invalid format specifier '{spec}' for object of type '{what}'"
        )));
    }
    s.kind = cs.get(i).copied();
    if let Some(sep) = s.grouping {
        let kind = s.kind.or(default_kind);
        let allowed = match kind {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
            Some('b' | 'o' | 'x' | 'X') => sep == '_',
            _ => false,
        };
        if !allowed {
            let k = kind.unwrap_or_default();
            return Err(PyError::value(format!(
                "Cannot specify '{sep}' with '{k}'."
            )));
        }
    }
    if s.width > 10_000 || s.precision.is_some_and(|p| p > 10_000) {
        return Err(PyError::value("Too many decimal digits in format string"));
    }
    Ok(s)
}

/// A width or precision; past a C `Py_ssize_t` it is CPython's error.
fn read_count(cs: &[char], i: &mut usize) -> PyResult<Option<usize>> {
    let mut n: Option<u64> = None;
    while let Some(d) = cs.get(*i).and_then(|c| c.to_digit(10)) {
        n = Some(
            n.unwrap_or(0)
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(d)))
                .filter(|v| *v <= i64::MAX as u64)
                .ok_or_else(|| PyError::value("Too many decimal digits in format string"))?,
        );
        *i += 1;
    }
    Ok(n.map(|v| usize::try_from(v).unwrap_or(usize::MAX)))
}

/// A number's sign, `+`/space as the spec asks for a non-negative one.
pub(super) fn sign_of(negative: bool, sign: Option<char>) -> String {
    match (negative, sign) {
        (true, _) => "-".into(),
        (false, Some('+')) => "+".into(),
        (false, Some(' ')) => " ".into(),
        _ => String::new(),
    }
}

/// A number laid out: sign, `0x`-like prefix, integer digits grouped,
/// then `rest` (fraction, exponent, `%`, `j`), padded to the width. With
/// zero padding after the sign the zeros are digits, grouped with them
/// (`format(1234, "09,")` is `'0,001,234'`), as CPython's
/// `_PyUnicode_InsertThousandsGrouping` writes them.
pub(super) fn layout_number(
    sign: &str,
    prefix: &str,
    int_digits: &str,
    rest: &str,
    s: &Spec,
    every: usize,
) -> String {
    let lead = format!("{sign}{prefix}");
    let int_part = match s.grouping {
        Some(sep) if s.fill_align('>') == ('0', '=') => {
            let room = s
                .width
                .saturating_sub(lead.chars().count() + rest.chars().count());
            group_to_width(int_digits, sep, every, room)
        }
        sep => group(int_digits, sep, every),
    };
    pad(&format!("{int_part}{rest}"), s, '>', &lead)
}

/// Inserts a separator every `every` digits from the right.
pub(super) fn group(digits: &str, sep: Option<char>, every: usize) -> String {
    let Some(sep) = sep else {
        return digits.to_string();
    };
    let n = digits.chars().count();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Groups `digits`, widened with leading zeros until the text is at least
/// `min_width` long, never starting with a separator.
fn group_to_width(digits: &str, sep: char, every: usize, min_width: usize) -> String {
    let chars: Vec<char> = digits.chars().collect();
    let mut remaining = chars.len();
    let mut min_width = min_width as isize;
    let mut groups: Vec<String> = Vec::new();
    loop {
        let size = every.min(remaining.max(min_width.max(1) as usize));
        let taken = remaining.min(size);
        let mut g = "0".repeat(size - taken);
        g.extend(&chars[remaining - taken..remaining]);
        groups.push(g);
        remaining -= taken;
        min_width -= size as isize;
        if remaining == 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    groups.reverse();
    groups.join(&sep.to_string())
}

/// Pads to the spec's width; `default` is the type's natural alignment,
/// `sign` what goes before the fill under `=` alignment.
pub(super) fn pad(body: &str, s: &Spec, default: char, sign: &str) -> String {
    let (fill, align) = s.fill_align(default);
    let len = sign.chars().count() + body.chars().count();
    if len >= s.width {
        return format!("{sign}{body}");
    }
    let gap = s.width - len;
    let fills = |n: usize| fill.to_string().repeat(n);
    match align {
        '<' => format!("{sign}{body}{}", fills(gap)),
        '^' => format!("{}{sign}{body}{}", fills(gap / 2), fills(gap - gap / 2)),
        '=' => format!("{sign}{}{body}", fills(gap)),
        _ => format!("{}{sign}{body}", fills(gap)),
    }
}
