//! One element of a `U` or `S` array as NumPy's string loops see it: a
//! run of code units (code points for `U`, bytes for `S`) with trailing
//! NULs already dropped (`Buffer::num_codepoints`). The operations are
//! those of `numpy/_core/src/umath/string_buffer.h` (which follow
//! CPython's `str`/`bytes` methods: index adjustment, `tailmatch`,
//! padding, `zfill`'s sign) and, for `upper`/`lower`/... (NumPy's
//! `_vec_string`), CPython's own `str` and `bytes` methods.
//!
//! Character classes: `S` elements are ASCII-only, as NumPy's ASCII
//! loops and `bytes` methods are. For `U`, whitespace is CPython's exact
//! list; cased letters use the Unicode `Lowercase`/`Uppercase`
//! properties (as CPython does) plus the 31 titlecase letters; letters
//! and digits outside U+0000–U+04FF would need CPython's Unicode
//! database, so a predicate that meets one is refused
//! (`Unsupported`) rather than guessed.

/// A character slicelab cannot classify exactly as CPython does.
#[derive(Debug)]
pub struct Unsupported(pub u32);

pub type Units = Vec<u32>;

fn is_title_char(c: u32) -> bool {
    matches!(c, 0x1C5 | 0x1C8 | 0x1CB | 0x1F2 | 0x1F88..=0x1F8F | 0x1F98..=0x1F9F | 0x1FA8..=0x1FAF | 0x1FBC | 0x1FCC | 0x1FFC)
}

fn ch(c: u32) -> Option<char> {
    char::from_u32(c)
}

/// `Py_UNICODE_ISSPACE` (for `U`) or `NumPyOS_ascii_isspace` (for `S`).
pub fn is_space(c: u32, bytes: bool) -> bool {
    if bytes {
        return matches!(c, 0x20 | 0x09..=0x0D);
    }
    matches!(
        c,
        0x09..=0x0D
            | 0x1C..=0x20
            | 0x85
            | 0xA0
            | 0x1680
            | 0x2000..=0x200A
            | 0x2028
            | 0x2029
            | 0x202F
            | 0x205F
            | 0x3000
    )
}

pub fn is_lower(c: u32, bytes: bool) -> bool {
    if bytes || c < 0x80 {
        return (b'a' as u32..=b'z' as u32).contains(&c);
    }
    ch(c).is_some_and(char::is_lowercase)
}

pub fn is_upper(c: u32, bytes: bool) -> bool {
    if bytes || c < 0x80 {
        return (b'A' as u32..=b'Z' as u32).contains(&c);
    }
    ch(c).is_some_and(char::is_uppercase)
}

fn is_title(c: u32, bytes: bool) -> bool {
    !bytes && is_title_char(c)
}

/// Letters of CPython's `str.isalpha` (categories Lu Ll Lt Lm Lo).
pub fn is_alpha(c: u32, bytes: bool) -> Result<bool, Unsupported> {
    if bytes || c < 0x80 {
        return Ok(c < 0x80 && (c as u8).is_ascii_alphabetic());
    }
    match c {
        // Combining diacritics are Mn (U+0345 is Alphabetic, not a letter).
        0x300..=0x36F => Ok(false),
        0x80..=0x4FF => Ok(ch(c).is_some_and(char::is_alphabetic)),
        _ => Err(Unsupported(c)),
    }
}

/// `str.isdecimal`, `str.isdigit`, `str.isnumeric` per character:
/// `(decimal, digit, numeric)`.
fn numeric_class(c: u32, bytes: bool) -> Result<(bool, bool, bool), Unsupported> {
    if bytes || c < 0x80 {
        let d = (b'0' as u32..=b'9' as u32).contains(&c);
        return Ok((d, d, d));
    }
    match c {
        0xB2 | 0xB3 | 0xB9 => Ok((false, true, true)),
        0xBC..=0xBE => Ok((false, false, true)),
        0x80..=0x4FF => Ok((false, false, false)),
        _ => Err(Unsupported(c)),
    }
}

/// A test of one code unit (`true` for `S` data).
type CharTest = fn(u32, bool) -> bool;

/// The unary predicates NumPy's string ufuncs compute.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Pred {
    Alpha,
    Digit,
    Space,
    Alnum,
    Lower,
    Upper,
    Title,
    Decimal,
    Numeric,
}

impl Pred {
    pub fn from_name(name: &str) -> Option<Pred> {
        Some(match name {
            "isalpha" => Pred::Alpha,
            "isdigit" => Pred::Digit,
            "isspace" => Pred::Space,
            "isalnum" => Pred::Alnum,
            "islower" => Pred::Lower,
            "isupper" => Pred::Upper,
            "istitle" => Pred::Title,
            "isdecimal" => Pred::Decimal,
            "isnumeric" => Pred::Numeric,
            _ => return None,
        })
    }
}

/// One predicate of one element, as `string_buffer.h` loops it (an empty
/// string is `False` for every one).
pub fn predicate(p: Pred, s: &[u32], bytes: bool) -> Result<bool, Unsupported> {
    if s.is_empty() {
        return Ok(false);
    }
    let all = |f: &dyn Fn(u32) -> Result<bool, Unsupported>| -> Result<bool, Unsupported> {
        for &c in s {
            if !f(c)? {
                return Ok(false);
            }
        }
        Ok(true)
    };
    match p {
        Pred::Alpha => all(&|c| is_alpha(c, bytes)),
        Pred::Space => all(&|c| Ok(is_space(c, bytes))),
        Pred::Digit => all(&|c| Ok(numeric_class(c, bytes)?.1)),
        Pred::Decimal => all(&|c| Ok(numeric_class(c, bytes)?.0)),
        Pred::Numeric => all(&|c| Ok(numeric_class(c, bytes)?.2)),
        Pred::Alnum => all(&|c| {
            let (d, g, n) = numeric_class(c, bytes)?;
            Ok(is_alpha(c, bytes)? || d || g || n)
        }),
        Pred::Lower | Pred::Upper => {
            let (mine, other): (CharTest, CharTest) = if p == Pred::Lower {
                (is_lower, is_upper)
            } else {
                (is_upper, is_lower)
            };
            let mut cased = false;
            for &c in s {
                if other(c, bytes) || is_title(c, bytes) {
                    return Ok(false);
                }
                cased |= mine(c, bytes);
            }
            Ok(cased)
        }
        Pred::Title => {
            let (mut cased, mut prev) = (false, false);
            for &c in s {
                if is_upper(c, bytes) || is_title(c, bytes) {
                    if prev {
                        return Ok(false);
                    }
                    prev = true;
                    cased = true;
                } else if is_lower(c, bytes) {
                    if !prev {
                        return Ok(false);
                    }
                    cased = true;
                } else {
                    prev = false;
                }
            }
            Ok(cased)
        }
    }
}

/// CPython's `ADJUST_INDICES`: slice-style start/end clipped to `len`.
fn adjust(start: i64, end: i64, len: usize) -> (i64, i64) {
    let len = len as i64;
    let mut end = end.min(len);
    if end < 0 {
        end = (end + len).max(0);
    }
    let mut start = start;
    if start < 0 {
        start = (start + len).max(0);
    }
    (start, end)
}

fn starts_at(s: &[u32], at: usize, sub: &[u32]) -> bool {
    s.get(at..at + sub.len()) == Some(sub)
}

/// `str.find` / `str.rfind` on `[start, end)`.
pub fn find(s: &[u32], sub: &[u32], start: i64, end: i64, reverse: bool) -> i64 {
    let (start, end) = adjust(start, end, s.len());
    if end - start < sub.len() as i64 {
        return -1;
    }
    let (lo, hi) = (start as usize, end as usize - sub.len());
    if reverse {
        (lo..=hi)
            .rev()
            .find(|&i| starts_at(s, i, sub))
            .map_or(-1, |i| i as i64)
    } else {
        (lo..=hi)
            .find(|&i| starts_at(s, i, sub))
            .map_or(-1, |i| i as i64)
    }
}

/// `str.count`: non-overlapping occurrences in `[start, end)`.
pub fn count(s: &[u32], sub: &[u32], start: i64, end: i64) -> i64 {
    let (start, end) = adjust(start, end, s.len());
    if end < start || end - start < sub.len() as i64 {
        return 0;
    }
    if sub.is_empty() {
        return end - start + 1;
    }
    let (mut i, hi, mut n) = (start as usize, end as usize, 0);
    while i + sub.len() <= hi {
        if starts_at(s, i, sub) {
            n += 1;
            i += sub.len();
        } else {
            i += 1;
        }
    }
    n
}

/// `tailmatch`: `startswith` (`tail == false`) or `endswith`.
pub fn tailmatch(s: &[u32], sub: &[u32], start: i64, end: i64, tail: bool) -> bool {
    let (start, end) = adjust(start, end, s.len());
    let last = end - sub.len() as i64;
    if last < start {
        return false;
    }
    if sub.is_empty() {
        return true;
    }
    let at = if tail { last } else { start } as usize;
    starts_at(s, at, sub)
}

/// Which ends `strip` works on.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Ends {
    Left,
    Right,
    Both,
}

/// `str.strip`/`lstrip`/`rstrip`, with `chars` (or whitespace for `None`).
pub fn strip(s: &[u32], chars: Option<&[u32]>, ends: Ends, bytes: bool) -> Units {
    let drop = |c: u32| match chars {
        Some(set) => set.contains(&c),
        None => is_space(c, bytes),
    };
    let mut lo = 0;
    let mut hi = s.len();
    if ends != Ends::Right {
        while lo < hi && drop(s[lo]) {
            lo += 1;
        }
    }
    if ends != Ends::Left {
        while hi > lo && drop(s[hi - 1]) {
            hi -= 1;
        }
    }
    s[lo..hi].to_vec()
}

/// `str.replace(old, new, count)` as CPython does it (an empty `old`
/// inserts `new` before every unit and at the end).
pub fn replace(s: &[u32], old: &[u32], new: &[u32], count: i64) -> Units {
    let limit = if count < 0 {
        usize::MAX
    } else {
        count as usize
    };
    let mut out = Vec::with_capacity(s.len());
    let mut done = 0;
    if old.is_empty() {
        for &c in s {
            if done < limit {
                out.extend_from_slice(new);
                done += 1;
            }
            out.push(c);
        }
        if done < limit {
            out.extend_from_slice(new);
        }
        return out;
    }
    let mut i = 0;
    while i < s.len() {
        if done < limit && starts_at(s, i, old) {
            out.extend_from_slice(new);
            i += old.len();
            done += 1;
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    out
}

/// `str.expandtabs(tabsize)`: tabs to the next multiple of `tabsize`
/// columns; `\n` and `\r` start a new line.
pub fn expandtabs(s: &[u32], tabsize: i64) -> Units {
    let mut out = Vec::with_capacity(s.len());
    let mut col: i64 = 0;
    for &c in s {
        if c == '\t' as u32 {
            if tabsize > 0 {
                let n = tabsize - col % tabsize;
                col += n;
                out.extend(std::iter::repeat_n(' ' as u32, n as usize));
            }
        } else {
            out.push(c);
            col += 1;
            if c == '\n' as u32 || c == '\r' as u32 {
                col = 0;
            }
        }
    }
    out
}

/// `string_expandtabs_length`: the size NumPy gives `expandtabs`'s
/// result, counting every other character in bytes (`unit`: 4 for `U`,
/// so `'a\tb'` asks for 15).
pub fn expandtabs_length(s: &[u32], tabsize: i64, unit: i64) -> i64 {
    let (mut n, mut col) = (0i64, 0i64);
    for &c in s {
        if c == '\t' as u32 {
            if tabsize > 0 {
                let incr = tabsize - col % tabsize;
                col = col.saturating_add(incr);
                n = n.saturating_add(incr);
            }
        } else {
            col += 1;
            n += unit;
            if c == '\n' as u32 || c == '\r' as u32 {
                col = 0;
            }
        }
    }
    n
}

/// `string_pad`'s justification.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Just {
    Center,
    Left,
    Right,
}

/// `string_pad`: `s` padded with `fill` to `width` units.
pub fn pad(s: &[u32], width: usize, fill: u32, pos: Just) -> Units {
    if s.len() >= width {
        return s.to_vec();
    }
    let padding = width - s.len();
    let left = match pos {
        Just::Center => padding / 2 + (padding & width & 1),
        Just::Left => 0,
        Just::Right => padding,
    };
    let mut out = vec![fill; left];
    out.extend_from_slice(s);
    out.resize(width, fill);
    out
}

/// `string_zfill`: right-justified with `0`, a leading sign moved first.
pub fn zfill(s: &[u32], width: usize) -> Units {
    let mut out = pad(s, width, '0' as u32, Just::Right);
    if !s.is_empty() && width > s.len() {
        let at = width - s.len();
        let c = out[at];
        if c == '+' as u32 || c == '-' as u32 {
            out[at] = '0' as u32;
            out[0] = c;
        }
    }
    out
}

/// A Python slice `s[start:stop:step]` (indices already defaulted as
/// `np.strings.slice` does; `step != 0`).
pub fn slice(s: &[u32], start: i64, stop: i64, step: i64) -> Units {
    let len = s.len() as i64;
    let clamp = |i: i64, lo: i64, hi: i64| {
        if i < 0 { (i + len).max(lo) } else { i.min(hi) }
    };
    let mut out = Vec::new();
    if step > 0 {
        let (mut i, stop) = (clamp(start, 0, len), clamp(stop, 0, len));
        while i < stop {
            out.push(s[i as usize]);
            match i.checked_add(step) {
                Some(n) => i = n,
                None => break,
            }
        }
    } else {
        let (mut i, stop) = (clamp(start, -1, len - 1), clamp(stop, -1, len - 1));
        while i > stop {
            out.push(s[i as usize]);
            match i.checked_add(step) {
                Some(n) => i = n,
                None => break,
            }
        }
    }
    out
}

/// The case operations of `_vec_string` (CPython's `str`/`bytes` methods).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Case {
    Upper,
    Lower,
    Swap,
    Capitalize,
    Title,
}

fn to_string(s: &[u32]) -> String {
    s.iter().filter_map(|&c| ch(c)).collect()
}

fn units_of(s: &str) -> Units {
    s.chars().map(|c| c as u32).collect()
}

fn ascii_map(c: u32, upper: bool) -> u32 {
    if c < 0x80 {
        let b = c as u8;
        (if upper {
            b.to_ascii_uppercase()
        } else {
            b.to_ascii_lowercase()
        }) as u32
    } else {
        c
    }
}

/// CPython's titlecase of one character where it equals the uppercase
/// one; the few letters whose titlecase differs (digraphs, `ß`,
/// ligatures) are refused.
fn title_char(c: u32) -> Result<Units, Unsupported> {
    if c < 0x80 {
        return Ok(vec![ascii_map(c, true)]);
    }
    if matches!(c, 0x1C4..=0x1CC | 0x1F1..=0x1F3) || is_title_char(c) {
        return Err(Unsupported(c));
    }
    let up: Units = ch(c)
        .map(|x| x.to_uppercase().map(|u| u as u32).collect())
        .unwrap_or_else(|| vec![c]);
    if up.len() != 1 {
        return Err(Unsupported(c));
    }
    Ok(up)
}

/// One case operation on one element.
pub fn case(op: Case, s: &[u32], bytes: bool) -> Result<Units, Unsupported> {
    if bytes {
        let mut prev_cased = false;
        return Ok(s
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let upper = is_upper(c, true);
                let lower = is_lower(c, true);
                let out = match op {
                    Case::Upper => ascii_map(c, true),
                    Case::Lower => ascii_map(c, false),
                    Case::Swap => ascii_map(c, lower),
                    Case::Capitalize => ascii_map(c, i == 0),
                    Case::Title => ascii_map(c, !prev_cased),
                };
                prev_cased = upper || lower;
                out
            })
            .collect());
    }
    // Final-sigma rules need the whole context; only plain upper/lower
    // (Rust's `str` methods apply the same rule) handle it.
    let sigma = s.contains(&0x3A3);
    match op {
        Case::Upper => Ok(units_of(&to_string(s).to_uppercase())),
        Case::Lower => Ok(units_of(&to_string(s).to_lowercase())),
        Case::Swap => {
            if sigma {
                return Err(Unsupported(0x3A3));
            }
            let mut out = Vec::with_capacity(s.len());
            for &c in s {
                if is_title_char(c) {
                    return Err(Unsupported(c));
                }
                let x = ch(c).unwrap_or(' ');
                if is_upper(c, false) {
                    out.extend(x.to_lowercase().map(|u| u as u32));
                } else if is_lower(c, false) {
                    out.extend(x.to_uppercase().map(|u| u as u32));
                } else {
                    out.push(c);
                }
            }
            Ok(out)
        }
        Case::Capitalize => {
            if sigma {
                return Err(Unsupported(0x3A3));
            }
            let Some((&first, rest)) = s.split_first() else {
                return Ok(vec![]);
            };
            let mut out = title_char(first)?;
            out.extend(units_of(&to_string(rest).to_lowercase()));
            Ok(out)
        }
        Case::Title => {
            if sigma {
                return Err(Unsupported(0x3A3));
            }
            let mut out = Vec::with_capacity(s.len());
            let mut prev_cased = false;
            for &c in s {
                let cased = is_upper(c, false) || is_lower(c, false) || is_title_char(c);
                if prev_cased {
                    let x = ch(c).unwrap_or(' ');
                    out.extend(x.to_lowercase().map(|u| u as u32));
                } else {
                    out.extend(title_char(c)?);
                }
                prev_cased = cased;
            }
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Units {
        units_of(s)
    }

    #[test]
    fn find_and_count_follow_python() {
        assert_eq!(find(&u("abcabc"), &u("bc"), 0, i64::MAX, false), 1);
        assert_eq!(find(&u("abcabc"), &u("bc"), 0, i64::MAX, true), 4);
        assert_eq!(find(&u("abc"), &u(""), 5, i64::MAX, false), -1);
        assert_eq!(find(&u("abc"), &u(""), 0, i64::MAX, true), 3);
        assert_eq!(count(&u("aaaa"), &u("aa"), 0, i64::MAX), 2);
        assert_eq!(count(&u("abc"), &u(""), 0, i64::MAX), 4);
        assert_eq!(count(&u("abc"), &u(""), -1, i64::MAX), 2);
    }

    #[test]
    fn padding_and_zfill() {
        assert_eq!(
            to_string(&pad(&u("ab"), 5, '*' as u32, Just::Center)),
            "**ab*"
        );
        assert_eq!(
            to_string(&pad(&u("abc"), 6, '*' as u32, Just::Center)),
            "*abc**"
        );
        assert_eq!(to_string(&zfill(&u("-12"), 5)), "-0012");
        assert_eq!(to_string(&zfill(&u("+"), 3)), "+00");
    }

    #[test]
    fn replace_and_slices() {
        assert_eq!(
            to_string(&replace(&u("abc"), &u(""), &u("-"), -1)),
            "-a-b-c-"
        );
        assert_eq!(
            to_string(&replace(&u("aaa"), &u("a"), &u("bb"), 2)),
            "bbbba"
        );
        assert_eq!(to_string(&slice(&u("abcde"), 4, i64::MIN, -2)), "eca");
        assert_eq!(to_string(&slice(&u("abcde"), 1, 3, 1)), "bc");
    }

    #[test]
    fn title_and_predicates() {
        assert_eq!(
            to_string(&case(Case::Title, &u("ab cD1e"), false).unwrap()),
            "Ab Cd1E"
        );
        assert!(predicate(Pred::Title, &u("Ab Cd"), false).unwrap());
        assert!(!predicate(Pred::Lower, &u("123"), false).unwrap());
        assert!(predicate(Pred::Space, &u("\x1c"), false).unwrap());
        assert!(!predicate(Pred::Space, &u("\x1c"), true).unwrap());
    }
}
