//! Python's `string` module: its constants.

use crate::eval::value::Value;

/// `string.NAME`.
pub fn attr(name: &str) -> Option<Value> {
    const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";
    const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const PUNCT: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    const SPACE: &str = " \t\n\r\x0b\x0c";
    let text = match name {
        "ascii_lowercase" => LOWER.to_string(),
        "ascii_uppercase" => UPPER.to_string(),
        "ascii_letters" => format!("{LOWER}{UPPER}"),
        "digits" => "0123456789".into(),
        "hexdigits" => "0123456789abcdefABCDEF".into(),
        "octdigits" => "01234567".into(),
        "punctuation" => PUNCT.into(),
        "whitespace" => SPACE.into(),
        "printable" => format!("0123456789{LOWER}{UPPER}{PUNCT}{SPACE}"),
        _ => return None,
    };
    Some(Value::str(&text))
}
