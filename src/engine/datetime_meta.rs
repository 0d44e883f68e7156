//! Reading datetime metadata text (`'[15m]'`, `'[s/2]'`, a bare `'3s'`)
//! as NumPy's `datetime.c` reads it: `parse_datetime_metadata_from_metastr`
//! for a dtype's `[...]`, `parse_datetime_extended_unit_from_string` for
//! the unit inside (or a unit argument without brackets), and
//! `convert_datetime_divisor_to_multiple` for a `/den` divisor. The error
//! messages (and the byte positions in them) are NumPy's, because the
//! parser walks the same bytes in the same order. Multiples NumPy accepts
//! but slicelab cannot hold (0, negative, a generic unit with a multiple)
//! are refused as NotImplementedError rather than guessed.

use super::datetime::{Base, DtResult, TimeUnit};

/// A dtype's metadata after its `M8`/`m8` code: `''` (generic units) or
/// `'[unit]'`. Positions in errors count bytes from the `'['`.
pub fn parse_metastr(meta: &str) -> DtResult<TimeUnit> {
    let b = meta.as_bytes();
    let len = b.len();
    if len == 0 {
        return Ok(TimeUnit::GENERIC);
    }
    let bad = |pos: Option<usize>| match pos {
        Some(p) => invalid(format!(
            "Invalid datetime metadata string \"{meta}\" at position {p}"
        )),
        None => invalid(format!("Invalid datetime metadata string \"{meta}\"")),
    };
    // NumPy reads past the `'['` only when the text is long enough.
    if len < 3 {
        return Err(bad(None));
    }
    if b[0] != b'[' {
        return Err(bad(Some(1)));
    }
    let close = (1..len).find(|&i| b[i] == b']').unwrap_or(len);
    if close == len || close == 1 {
        return Err(bad(Some(close)));
    }
    let (base, num) = extended(b, 1, close, Some(meta))?;
    if close + 1 != len {
        return Err(bad(Some(close + 1)));
    }
    held(base, num)
}

/// A unit argument without brackets (`np.datetime64(x, '3s')`): NumPy
/// passes no metadata string, so errors quote the text itself and a
/// divisor is never complete (it must be followed by `']'`).
pub fn parse_bare(s: &str) -> DtResult<TimeUnit> {
    let (base, num) = extended(s.as_bytes(), 0, s.len(), None)?;
    held(base, num)
}

/// `parse_datetime_extended_unit_from_string` over `b[start..end]`: an
/// optional multiplier, the unit, an optional `/den`. `meta` is the whole
/// bracketed text (for messages), `None` for a bare argument.
fn extended(b: &[u8], start: usize, end: usize, meta: Option<&str>) -> DtResult<(Base, i64)> {
    let text = |from: usize| String::from_utf8_lossy(&b[from..]).into_owned();
    let bad = |pos: usize| match meta {
        Some(m) => invalid(format!(
            "Invalid datetime metadata string \"{m}\" at position {pos}"
        )),
        None => invalid(format!("Invalid datetime metadata string \"{}\"", text(0))),
    };
    let (value, after) = strtol(b, start);
    let mut num = 1i64;
    if after != start {
        if !(0..=i64::from(i32::MAX)).contains(&value) {
            return Err(bad(start));
        }
        num = value;
    }
    let unit_start = after;
    let unit_end = (unit_start..end).find(|&i| b[i] == b'/').unwrap_or(end);
    if unit_end == unit_start {
        return Err(bad(unit_start));
    }
    let base = unit(&b[unit_start..unit_end]).ok_or_else(|| match meta {
        Some(m) => invalid(format!("Invalid datetime unit in metadata string \"{m}\"")),
        None => invalid(format!(
            "Invalid datetime unit \"{}\" in metadata",
            text(unit_start)
        )),
    })?;
    let mut den = 1i32;
    if unit_end < end {
        // After `'/'` there must be a number, then the closing `']'`.
        let den_start = unit_end + 1;
        let (value, den_end) = strtol(b, den_start);
        if den_end == den_start || b.get(den_end) != Some(&b']') {
            return Err(bad(den_start));
        }
        // C's `(int)` of a `long`.
        den = value as i32;
    }
    if den == 1 {
        return Ok((base, num));
    }
    divide(base, num, den, meta)
}

/// `strtol(s, &end, 10)` from `at`: leading white space, a sign, digits;
/// saturated at the `long` range; `at` itself as the end when there are
/// no digits.
fn strtol(b: &[u8], at: usize) -> (i64, usize) {
    let mut i = at;
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
        i += 1;
    }
    let negative = match b.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let digits = b[i.min(b.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits == 0 {
        return (0, at);
    }
    let mut value: i128 = 0;
    for &c in &b[i..i + digits] {
        value = (value * 10 + i128::from(c - b'0')).min(i128::from(i64::MAX) + 1);
    }
    let value = if negative { -value } else { value };
    let value = value.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64;
    (value, i + digits)
}

/// `parse_datetime_unit_from_string`: exactly NumPy's spellings.
fn unit(s: &[u8]) -> Option<Base> {
    Some(match s {
        b"Y" => Base::Y,
        b"M" => Base::M,
        b"W" => Base::W,
        b"D" => Base::D,
        b"h" => Base::H,
        b"m" => Base::Min,
        b"s" => Base::S,
        b"ms" => Base::Ms,
        b"us" | [0xce, 0xbc, b's'] => Base::Us,
        b"ns" => Base::Ns,
        b"ps" => Base::Ps,
        b"fs" => Base::Fs,
        b"as" => Base::As,
        b"generic" => Base::Generic,
        _ => return None,
    })
}

/// `convert_datetime_divisor_to_multiple`: `[s/2]` is `[500ms]`, the
/// first finer unit (up to three, in NumPy's table) the divisor divides.
fn divide(base: Base, num: i64, den: i32, meta: Option<&str>) -> DtResult<(Base, i64)> {
    use Base::*;
    if base == Generic {
        return Err((
            "ValueError",
            "Can't use 'den' divisor with generic units".to_string(),
        ));
    }
    if den == 0 {
        // NumPy divides by it and the process dies of SIGFPE.
        return Err((
            "NotImplementedError",
            "slicelab does not implement a datetime divisor of 0 (NumPy crashes on it)".to_string(),
        ));
    }
    // Week's table is read one entry past its three: a zero, which every
    // divisor divides (NumPy then gives a multiple of 0, refused below).
    let (sizes, units): (&[i32], &[Base]) = match base {
        Y => (&[12, 52, 365], &[M, W, D]),
        M => (&[4, 30, 720], &[W, D, H]),
        W => (&[7, 168, 10080, 0], &[D, H, Min, Y]),
        D => (&[24, 1440, 86400], &[H, Min, S]),
        H => (&[60, 3600], &[Min, S]),
        Min => (&[60, 60000], &[S, Ms]),
        S => (&[1000, 1_000_000], &[Ms, Us]),
        Ms => (&[1000, 1_000_000], &[Us, Ns]),
        Us => (&[1000, 1_000_000], &[Ns, Ps]),
        Ns => (&[1000, 1_000_000], &[Ps, Fs]),
        Ps => (&[1000, 1_000_000], &[Fs, As]),
        Fs => (&[1000], &[As]),
        As | Generic => (&[], &[]),
    };
    match sizes.iter().position(|&t| t % den == 0) {
        Some(i) => Ok((units[i], num * i64::from(sizes[i] / den))),
        None => Err((
            "ValueError",
            match meta {
                Some(m) => format!(
                    "divisor ({den}) is not a multiple of a lower-unit in datetime metadata \"{m}\""
                ),
                None => format!(
                    "divisor ({den}) is not a multiple of a lower-unit in datetime metadata"
                ),
            },
        )),
    }
}

/// The unit slicelab can hold: a multiple from 1 to `i32::MAX`, and a
/// generic unit only with multiple 1.
fn held(base: Base, num: i64) -> DtResult<TimeUnit> {
    let fits = (1..=i64::from(i32::MAX)).contains(&num) && (base != Base::Generic || num == 1);
    if !fits {
        return Err((
            "NotImplementedError",
            format!(
                "slicelab does not implement datetime units with a multiple of {num}{}",
                if base == Base::Generic {
                    " on generic units"
                } else {
                    ""
                }
            ),
        ));
    }
    Ok(TimeUnit {
        base,
        num: num as u32,
    })
}

fn invalid(message: String) -> (&'static str, String) {
    ("TypeError", message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(s: &str) -> String {
        parse_metastr(s).unwrap_err().1
    }

    #[test]
    fn positions_follow_numpys_walk() {
        assert_eq!(
            err("[-1s]"),
            "Invalid datetime metadata string \"[-1s]\" at position 1"
        );
        assert_eq!(err("[]"), "Invalid datetime metadata string \"[]\"");
        assert_eq!(
            err("xyz"),
            "Invalid datetime metadata string \"xyz\" at position 1"
        );
        assert_eq!(
            err("[s/2]]"),
            "Invalid datetime metadata string \"[s/2]]\" at position 5"
        );
        assert_eq!(
            err("[s/x]"),
            "Invalid datetime metadata string \"[s/x]\" at position 3"
        );
        assert_eq!(
            err("[3]"),
            "Invalid datetime metadata string \"[3]\" at position 2"
        );
        assert_eq!(
            err("[xyz]"),
            "Invalid datetime unit in metadata string \"[xyz]\""
        );
        assert_eq!(
            parse_metastr("[2s/5]").unwrap(),
            TimeUnit {
                base: Base::Ms,
                num: 400
            }
        );
        assert_eq!(
            parse_metastr("[W/5]").unwrap(),
            TimeUnit {
                base: Base::Min,
                num: 2016
            }
        );
        assert_eq!(
            parse_metastr("[ 3s]").unwrap(),
            TimeUnit {
                base: Base::S,
                num: 3
            }
        );
        assert_eq!(
            parse_bare("xyz/2").unwrap_err().1,
            "Invalid datetime unit \"xyz/2\" in metadata"
        );
        assert_eq!(
            parse_bare("s/2").unwrap_err().1,
            "Invalid datetime metadata string \"s/2\""
        );
    }
}
