//! Python's three everyday text codecs — UTF-8, ASCII and Latin-1 — with
//! the error handlers `strict`, `ignore`, `replace` and
//! `backslashreplace`, and CPython's exact `UnicodeEncodeError`,
//! `UnicodeDecodeError` and `LookupError` messages. `str.encode`,
//! `bytes.decode`, files and `np.strings` read their codec here, so a name
//! like `'Latin_1'` means the same codec everywhere. A leaf: it knows no
//! values, only text and bytes, and its errors become `PyError`s in
//! `error.rs` (file objects hold a [`Codec`], so this file imports none).

/// A codec's error: Python's exception class and message.
#[derive(Debug)]
pub struct CodecError {
    pub kind: &'static str,
    pub message: String,
}

type CodecResult<T> = Result<T, CodecError>;

impl CodecError {
    fn new(kind: &'static str, message: impl Into<String>) -> CodecError {
        CodecError {
            kind,
            message: message.into(),
        }
    }
}

/// A codec slicelab has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    /// The name CPython's errors give the codec.
    pub fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }

    /// The first code point the codec cannot write in one byte (UTF-8
    /// writes them all).
    fn limit(self) -> Option<u32> {
        match self {
            Codec::Utf8 => None,
            Codec::Ascii => Some(128),
            Codec::Latin1 => Some(256),
        }
    }
}

/// The codec an encoding name means, as Python's `encodings` package
/// normalises names (case, `-` and spaces as `_`) and its aliases; `None`
/// for one slicelab lacks or Python lacks (see [`lookup`]).
fn by_name(name: &str) -> Option<Codec> {
    let norm: String = name
        .trim()
        .chars()
        .map(|c| match c {
            '-' | ' ' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    match norm.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4" => {
            Some(Codec::Utf8)
        }
        "ascii" | "us_ascii" | "646" | "ansi_x3.4_1968" | "ansi_x3_4_1968" | "ansi_x3.4_1986"
        | "cp367" | "csascii" | "ibm367" | "iso646_us" | "iso_646.irv_1991" | "iso_ir_6" | "us" => {
            Some(Codec::Ascii)
        }
        "latin_1" | "latin1" | "latin" | "l1" | "iso8859_1" | "iso_8859_1" | "iso8859" | "8859"
        | "cp819" | "ibm819" | "iso_ir_100" | "csisolatin1" | "iso_8859_1:1987" => {
            Some(Codec::Latin1)
        }
        _ => None,
    }
}

/// Python's other codecs, by normalised name: refused honestly, where a
/// name Python does not know is its `LookupError`.
const OTHER_CODECS: &[&str] = &[
    "utf_16",
    "utf_16_le",
    "utf_16_be",
    "utf16",
    "utf_32",
    "utf_32_le",
    "utf_32_be",
    "utf32",
    "utf_7",
    "utf7",
    "cp1252",
    "windows_1252",
    "cp437",
    "cp850",
    "cp1251",
    "windows_1251",
    "iso8859_15",
    "iso_8859_15",
    "latin9",
    "koi8_r",
    "mac_roman",
    "shift_jis",
    "sjis",
    "euc_jp",
    "gbk",
    "gb2312",
    "gb18030",
    "big5",
    "euc_kr",
    "idna",
    "punycode",
    "raw_unicode_escape",
    "unicode_escape",
    "utf_8_sig",
    "utf8_sig",
    "hex",
    "base64",
    "rot_13",
    "zlib",
    "bz2",
];

/// The codec `name` means: Python's `LookupError` for a name it does not
/// know, `NotImplementedError` for a codec slicelab does not have.
pub fn lookup(name: &str) -> CodecResult<Codec> {
    if let Some(c) = by_name(name) {
        return Ok(c);
    }
    let norm = name.trim().to_ascii_lowercase().replace(['-', ' '], "_");
    if OTHER_CODECS.contains(&norm.as_str()) {
        return Err(CodecError::new(
            "NotImplementedError",
            format!("slicelab has the utf-8, ascii and latin-1 codecs, not '{name}'"),
        ));
    }
    Err(CodecError::new(
        "LookupError",
        format!("unknown encoding: {name}"),
    ))
}

/// What to do with what a codec cannot read or write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Errors {
    Strict,
    Ignore,
    Replace,
    BackslashReplace,
}

/// The handler `name` means. Python looks a handler up only when it needs
/// one, so an unknown name is an error only then: `Err` carries it.
pub fn errors(name: &str) -> Result<Errors, String> {
    match name {
        "strict" => Ok(Errors::Strict),
        "ignore" => Ok(Errors::Ignore),
        "replace" => Ok(Errors::Replace),
        "backslashreplace" => Ok(Errors::BackslashReplace),
        other => Err(other.to_string()),
    }
}

/// An error handler slicelab lacks (`surrogateescape`, `xmlcharrefreplace`)
/// or Python lacks, once it is needed.
fn handler_error(name: &str) -> CodecError {
    const PYTHONS: &[&str] = &[
        "surrogateescape",
        "surrogatepass",
        "xmlcharrefreplace",
        "namereplace",
    ];
    if PYTHONS.contains(&name) {
        CodecError::new(
            "NotImplementedError",
            format!("slicelab does not implement the '{name}' error handler"),
        )
    } else {
        CodecError::new(
            "LookupError",
            format!("unknown error handler name '{name}'"),
        )
    }
}

/// A character as Python's encode errors quote it: `'\xe9'`.
fn quoted(c: char) -> String {
    match c as u32 {
        n @ 0..=0xff => format!("'\\x{n:02x}'"),
        n @ 0x100..=0xffff => format!("'\\u{n:04x}'"),
        n => format!("'\\U{n:08x}'"),
    }
}

/// `c` as `backslashreplace` writes it.
fn backslashed(c: char) -> String {
    match c as u32 {
        n @ 0..=0xff => format!("\\x{n:02x}"),
        n @ 0x100..=0xffff => format!("\\u{n:04x}"),
        n => format!("\\U{n:08x}"),
    }
}

/// `text.encode(codec, errors)`.
pub fn encode(text: &str, codec: Codec, errors: Result<Errors, String>) -> CodecResult<Vec<u8>> {
    let Some(limit) = codec.limit() else {
        return Ok(text.as_bytes().to_vec());
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        if (c as u32) < limit {
            out.push(c as u32 as u8);
            k += 1;
            continue;
        }
        // CPython reports the whole run of characters the codec lacks.
        let end = k + chars[k..]
            .iter()
            .take_while(|&&c| c as u32 >= limit)
            .count();
        match &errors {
            Ok(Errors::Strict) => {
                let what = if end - k == 1 {
                    format!("character {} in position {k}", quoted(c))
                } else {
                    format!("characters in position {k}-{}", end - 1)
                };
                return Err(CodecError::new(
                    "UnicodeEncodeError",
                    format!(
                        "'{}' codec can't encode {what}: ordinal not in range({limit})",
                        codec.name()
                    ),
                ));
            }
            Ok(Errors::Ignore) => {}
            Ok(Errors::Replace) => out.extend(std::iter::repeat_n(b'?', end - k)),
            Ok(Errors::BackslashReplace) => {
                for &c in &chars[k..end] {
                    out.extend(backslashed(c).bytes());
                }
            }
            Err(name) => return Err(handler_error(name)),
        }
        k = end;
    }
    Ok(out)
}

/// Where UTF-8 bytes stop being valid: the position, how many bytes the
/// bad sequence covers, and CPython's reason.
fn utf8_fault(bytes: &[u8]) -> Option<(usize, usize, &'static str)> {
    let e = std::str::from_utf8(bytes).err()?;
    let at = e.valid_up_to();
    let byte = bytes[at];
    Some(match e.error_len() {
        None => (at, bytes.len() - at, "unexpected end of data"),
        Some(n) if matches!(byte, 0x80..=0xc1 | 0xf5..=0xff) => (at, n, "invalid start byte"),
        Some(n) => (at, n, "invalid continuation byte"),
    })
}

/// CPython's `UnicodeDecodeError` for the byte at `at`.
fn decode_error(codec: Codec, bytes: &[u8], at: usize, reason: &str) -> CodecError {
    CodecError::new(
        "UnicodeDecodeError",
        format!(
            "'{}' codec can't decode byte 0x{:02x} in position {at}: {reason}",
            codec.name(),
            bytes[at]
        ),
    )
}

/// `bytes.decode(codec, errors)`.
pub fn decode(bytes: &[u8], codec: Codec, errors: Result<Errors, String>) -> CodecResult<String> {
    match codec {
        Codec::Latin1 => Ok(crate::engine::element::latin1_text(bytes)),
        Codec::Ascii => {
            let mut out = String::with_capacity(bytes.len());
            for (at, &b) in bytes.iter().enumerate() {
                if b.is_ascii() {
                    out.push(b as char);
                    continue;
                }
                match &errors {
                    Ok(Errors::Strict) => {
                        return Err(decode_error(codec, bytes, at, "ordinal not in range(128)"));
                    }
                    Ok(Errors::Ignore) => {}
                    Ok(Errors::Replace) => out.push('\u{fffd}'),
                    Ok(Errors::BackslashReplace) => out.push_str(&format!("\\x{b:02x}")),
                    Err(name) => return Err(handler_error(name)),
                }
            }
            Ok(out)
        }
        Codec::Utf8 => {
            let mut out = String::with_capacity(bytes.len());
            let mut rest = bytes;
            let mut base = 0;
            while let Some((at, n, reason)) = utf8_fault(rest) {
                // Everything before the fault is valid UTF-8.
                out.push_str(std::str::from_utf8(&rest[..at]).unwrap_or_default());
                match &errors {
                    Ok(Errors::Strict) => {
                        return Err(decode_error(codec, bytes, base + at, reason));
                    }
                    Ok(Errors::Ignore) => {}
                    Ok(Errors::Replace) => out.push('\u{fffd}'),
                    Ok(Errors::BackslashReplace) => {
                        for b in &rest[at..at + n] {
                            out.push_str(&format!("\\x{b:02x}"));
                        }
                    }
                    Err(name) => return Err(handler_error(name)),
                }
                base += at + n;
                rest = &rest[at + n..];
            }
            out.push_str(std::str::from_utf8(rest).unwrap_or_default());
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalise_as_pythons_encodings_package() {
        assert_eq!(lookup("UTF-8").ok(), Some(Codec::Utf8));
        assert_eq!(lookup("Latin_1").ok(), Some(Codec::Latin1));
        assert_eq!(lookup("iso-8859-1").ok(), Some(Codec::Latin1));
        assert_eq!(lookup("US-ASCII").ok(), Some(Codec::Ascii));
        assert_eq!(lookup("bogus").unwrap_err().kind, "LookupError");
        assert_eq!(lookup("utf-16").unwrap_err().kind, "NotImplementedError");
    }

    #[test]
    fn encode_errors_name_the_run_of_characters() {
        let e = encode("ab\u{e9}", Codec::Ascii, Ok(Errors::Strict)).unwrap_err();
        assert_eq!(
            e.message,
            "'ascii' codec can't encode character '\\xe9' in position 2: ordinal not in range(128)"
        );
        let e = encode("\u{20ac}\u{20ac}x", Codec::Latin1, Ok(Errors::Strict)).unwrap_err();
        assert_eq!(
            e.message,
            "'latin-1' codec can't encode characters in position 0-1: ordinal not in range(256)"
        );
        assert_eq!(
            encode("a\u{e9}b", Codec::Ascii, Ok(Errors::Replace)).unwrap(),
            b"a?b"
        );
        assert_eq!(
            encode("a\u{e9}", Codec::Ascii, Ok(Errors::BackslashReplace)).unwrap(),
            b"a\\xe9"
        );
    }

    #[test]
    fn utf8_decode_gives_cpythons_reasons() {
        let e = decode(b"a\xe9", Codec::Utf8, Ok(Errors::Strict)).unwrap_err();
        assert_eq!(
            e.message,
            "'utf-8' codec can't decode byte 0xe9 in position 1: unexpected end of data"
        );
        let e = decode(b"\xff", Codec::Utf8, Ok(Errors::Strict)).unwrap_err();
        assert!(e.message.ends_with("invalid start byte"));
        assert_eq!(
            decode(b"a\xffb\xe9", Codec::Utf8, Ok(Errors::Replace)).unwrap(),
            "a\u{fffd}b\u{fffd}"
        );
        assert_eq!(
            decode(b"a\xff", Codec::Utf8, Err("bogus".into()))
                .unwrap_err()
                .kind,
            "LookupError"
        );
    }
}
