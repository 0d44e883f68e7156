//! `ascii()`, `!a` and `%a`: a repr with every non-ASCII character
//! escaped as CPython's `PyObject_ASCII` escapes it (`\xNN` below 0x100,
//! `\uNNNN` in the Basic Multilingual Plane, `\UNNNNNNNN` past it).

/// The repr `repr` with its non-ASCII characters escaped.
pub fn ascii_escape(repr: &str) -> String {
    let mut out = String::with_capacity(repr.len());
    for c in repr.chars() {
        match c as u32 {
            0..=0x7f => out.push(c),
            n @ 0x80..=0xff => out.push_str(&format!("\\x{n:02x}")),
            n @ 0x100..=0xffff => out.push_str(&format!("\\u{n:04x}")),
            n => out.push_str(&format!("\\U{n:08x}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::ascii_escape;

    #[test]
    fn escapes_by_code_point_size() {
        assert_eq!(ascii_escape("'é☺𝄞a'"), "'\\xe9\\u263a\\U0001d11ea'");
    }
}
