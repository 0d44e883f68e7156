//! The Python literals an `.npy` header holds (`{'descr': '<i8',
//! 'fortran_order': False, 'shape': (3,), }`): parsed as `ast.literal_eval`
//! parses them — string prefixes and escapes, implicit concatenation, hex
//! and underscored ints, floats, sets, bytes, the tokenizer's nesting limit
//! — and written back as Python's `repr` writes them, so headers and error
//! messages match NumPy's byte for byte. A header is hostile input: the
//! parser never recurses deeper than Python's 200 brackets.

use crate::render::floatfmt::py_float_repr;
use crate::render::scalar_repr::{py_bytes_repr, py_str_repr};

/// A Python literal: dict, set, list, tuple, str, bytes, int, float, bool
/// or None.
#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    /// `{k: v, ...}` in source order (a repeated key keeps its first place
    /// and its last value, as a Python dict).
    Dict(Vec<(Lit, Lit)>),
    /// `{a, b}`
    Set(Vec<Lit>),
    /// `[a, b]`
    List(Vec<Lit>),
    /// `(a, b)`, `(a,)`, `()`
    Tuple(Vec<Lit>),
    /// `'text'`
    Str(String),
    /// `b'bytes'`
    Bytes(Vec<u8>),
    /// `12`, `-3`, `0x1f`
    Int(i128),
    /// An int past 128 bits, as its decimal digits (Python has no limit;
    /// every use of one in a header is an `OverflowError`).
    BigInt(String),
    /// `1.5`, `1e3`
    Float(f64),
    /// `True`, `False`
    Bool(bool),
    /// `None`
    None,
}

impl Lit {
    /// Python's `repr` of the value.
    pub fn repr(&self) -> String {
        let join = |items: &[Lit]| items.iter().map(Lit::repr).collect::<Vec<_>>().join(", ");
        match self {
            Lit::Dict(items) => {
                let parts: Vec<String> = items
                    .iter()
                    .map(|(k, v)| format!("{}: {}", k.repr(), v.repr()))
                    .collect();
                format!("{{{}}}", parts.join(", "))
            }
            Lit::Set(items) => format!("{{{}}}", join(items)),
            Lit::List(items) => format!("[{}]", join(items)),
            Lit::Tuple(items) if items.len() == 1 => format!("({},)", items[0].repr()),
            Lit::Tuple(items) => format!("({})", join(items)),
            Lit::Str(s) => str_repr(s),
            Lit::Bytes(b) => py_bytes_repr(b),
            Lit::Int(i) => i.to_string(),
            Lit::BigInt(digits) => digits.clone(),
            Lit::Float(x) => py_float_repr(*x),
            Lit::Bool(true) => "True".into(),
            Lit::Bool(false) => "False".into(),
            Lit::None => "None".into(),
        }
    }

    /// Python's type name, for `TypeError` messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Lit::Dict(_) => "dict",
            Lit::Set(_) => "set",
            Lit::List(_) => "list",
            Lit::Tuple(_) => "tuple",
            Lit::Str(_) => "str",
            Lit::Bytes(_) => "bytes",
            Lit::Int(_) | Lit::BigInt(_) => "int",
            Lit::Float(_) => "float",
            Lit::Bool(_) => "bool",
            Lit::None => "NoneType",
        }
    }

    /// The value as a Python int (`True` is 1), or `None` for a non-int.
    /// `Err(())` for an int past 128 bits.
    pub fn as_int(&self) -> Option<Result<i128, ()>> {
        match self {
            Lit::Int(i) => Some(Ok(*i)),
            Lit::Bool(b) => Some(Ok(i128::from(*b))),
            Lit::BigInt(_) => Some(Err(())),
            _ => None,
        }
    }
}

/// Python's `repr` of a str.
pub fn str_repr(s: &str) -> String {
    py_str_repr(s)
}

/// Python's tokenizer refuses more brackets open at once than this.
const MAX_NESTING: usize = 200;

/// Parse one literal filling the whole text (surrounding white space
/// allowed); `None` when `ast.literal_eval` would not accept it.
pub fn parse(text: &str) -> Option<Lit> {
    let mut p = Parser {
        chars: text.chars().collect(),
        at: 0,
        depth: 0,
    };
    let v = p.value()?;
    p.skip_ws();
    (p.at == p.chars.len()).then_some(v)
}

/// NumPy's `_filter_header` for format 1.0 and 2.0 files written by
/// Python 2: the `L` after an integer (`(3L,)`) is dropped.
pub fn drop_long_suffixes(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut in_quote: Option<char> = None;
    for (i, &c) in chars.iter().enumerate() {
        match in_quote {
            Some(q) if c == q && (i == 0 || chars[i - 1] != '\\') => in_quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => in_quote = Some(c),
            None if (c == 'L' || c == 'l')
                && ends_a_number(&chars[..i])
                && !chars
                    .get(i + 1)
                    .is_some_and(|n| n.is_alphanumeric() || *n == '_') =>
            {
                continue;
            }
            None => {}
        }
        out.push(c);
    }
    out
}

/// Whether the text ends with a number token (`12`, `0x1f`).
fn ends_a_number(before: &[char]) -> bool {
    let word_start = before
        .iter()
        .rposition(|c| !(c.is_alphanumeric() || *c == '_'))
        .map_or(0, |p| p + 1);
    before.len() > word_start && before[word_start].is_ascii_digit()
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    /// Brackets open now.
    depth: usize,
}

impl Parser {
    fn skip_ws(&mut self) {
        loop {
            match self.chars.get(self.at) {
                Some(' ' | '\t' | '\n' | '\r' | '\x0c') => self.at += 1,
                // A backslash at the end of a line joins it to the next.
                Some('\\') if self.chars.get(self.at + 1) == Some(&'\n') => self.at += 2,
                _ => return,
            }
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_ws();
        self.chars.get(self.at).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    /// Enter a bracket: `None` past Python's nesting limit.
    fn open(&mut self) -> Option<()> {
        self.at += 1;
        self.depth += 1;
        (self.depth <= MAX_NESTING).then_some(())
    }

    fn value(&mut self) -> Option<Lit> {
        let v = match self.peek()? {
            '{' => {
                self.open()?;
                self.dict_or_set()?
            }
            '[' => {
                self.open()?;
                Lit::List(self.sequence(']')?.0)
            }
            '(' => {
                self.open()?;
                let (items, trailing_comma) = self.sequence(')')?;
                if items.len() == 1 && !trailing_comma {
                    items.into_iter().next()?
                } else {
                    Lit::Tuple(items)
                }
            }
            '-' | '+' => {
                let negative = self.chars[self.at] == '-';
                self.at += 1;
                if !self.peek()?.is_ascii_digit() && self.peek()? != '.' {
                    return None;
                }
                match self.number()? {
                    Lit::Int(i) if negative => Lit::Int(-i),
                    Lit::BigInt(d) if negative => Lit::BigInt(format!("-{d}")),
                    Lit::Float(x) if negative => Lit::Float(-x),
                    other => other,
                }
            }
            c if c.is_ascii_digit() || c == '.' => self.number()?,
            _ => {
                if let Some(s) = self.strings()? {
                    return Some(s);
                }
                let word = self.word();
                match word.as_str() {
                    "True" => Lit::Bool(true),
                    "False" => Lit::Bool(false),
                    "None" => Lit::None,
                    _ => return None,
                }
            }
        };
        Some(v)
    }

    fn word(&mut self) -> String {
        let start = self.at;
        while self
            .chars
            .get(self.at)
            .is_some_and(|c| c.is_alphanumeric() || *c == '_')
        {
            self.at += 1;
        }
        self.chars[start..self.at].iter().collect()
    }

    /// After `{`: a dict, a set, or `{}` (a dict).
    fn dict_or_set(&mut self) -> Option<Lit> {
        if self.eat('}') {
            self.depth -= 1;
            return Some(Lit::Dict(vec![]));
        }
        let first = self.value()?;
        if !self.eat(':') {
            let mut items = vec![first];
            while self.eat(',') {
                if self.peek() == Some('}') {
                    break;
                }
                items.push(self.value()?);
            }
            if !self.eat('}') {
                return None;
            }
            self.depth -= 1;
            return Some(Lit::Set(items));
        }
        let mut items: Vec<(Lit, Lit)> = Vec::new();
        let mut key = first;
        loop {
            let v = self.value()?;
            match items.iter_mut().find(|(k, _)| py_eq(k, &key)) {
                Some(slot) => slot.1 = v,
                None => items.push((key, v)),
            }
            if !self.eat(',') || self.peek() == Some('}') {
                break;
            }
            key = self.value()?;
            if !self.eat(':') {
                return None;
            }
        }
        if !self.eat('}') {
            return None;
        }
        self.depth -= 1;
        Some(Lit::Dict(items))
    }

    /// Items up to `close`; also whether the last item had a trailing comma.
    fn sequence(&mut self, close: char) -> Option<(Vec<Lit>, bool)> {
        let mut items = Vec::new();
        let mut trailing = false;
        while !self.eat(close) {
            items.push(self.value()?);
            trailing = self.eat(',');
            if !trailing {
                if !self.eat(close) {
                    return None;
                }
                break;
            }
        }
        self.depth -= 1;
        Some((items, trailing))
    }

    /// An int or float literal (no sign).
    fn number(&mut self) -> Option<Lit> {
        let start = self.at;
        let radix = match (self.chars.get(self.at), self.chars.get(self.at + 1)) {
            (Some('0'), Some('x' | 'X')) => 16,
            (Some('0'), Some('o' | 'O')) => 8,
            (Some('0'), Some('b' | 'B')) => 2,
            _ => 10,
        };
        if radix != 10 {
            self.at += 2;
            let digits = self.word().replace('_', "");
            if digits.is_empty() {
                return None;
            }
            return Some(match i128::from_str_radix(&digits, radix) {
                Ok(i) => Lit::Int(i),
                Err(_) if digits.chars().all(|c| c.is_digit(radix)) => {
                    Lit::BigInt(format!("0x{digits}"))
                }
                Err(_) => return None,
            });
        }
        let mut float = false;
        while let Some(&c) = self.chars.get(self.at) {
            let exponent_sign = (c == '+' || c == '-')
                && matches!(self.chars.get(self.at - 1), Some('e' | 'E'))
                && float;
            if c.is_ascii_digit() || c == '_' || exponent_sign {
                self.at += 1;
            } else if c == '.' || c == 'e' || c == 'E' {
                float = true;
                self.at += 1;
            } else {
                break;
            }
        }
        if self
            .chars
            .get(self.at)
            .is_some_and(|c| c.is_alphanumeric() || *c == '_')
        {
            return None;
        }
        let text: String = self.chars[start..self.at].iter().collect();
        if text.contains("__") || text.ends_with('_') || text.starts_with('_') {
            return None;
        }
        let text = text.replace('_', "");
        if float {
            return text.parse().ok().map(Lit::Float);
        }
        if text.len() > 1 && text.starts_with('0') && text.bytes().any(|b| b != b'0') {
            return None;
        }
        Some(match text.parse::<i128>() {
            Ok(i) => Lit::Int(i),
            Err(_) => Lit::BigInt(text),
        })
    }

    /// One string literal or several side by side (implicit
    /// concatenation); `Some(None)` when no string starts here.
    fn strings(&mut self) -> Option<Option<Lit>> {
        let mut text: Option<String> = None;
        let mut bytes: Option<Vec<u8>> = None;
        while let Some((is_bytes, raw, len)) = self.string_start() {
            self.at += len;
            let body = self.string_body(raw, is_bytes)?;
            if is_bytes {
                if text.is_some() {
                    return None;
                }
                let b: Option<Vec<u8>> =
                    body.chars().map(|c| u8::try_from(c as u32).ok()).collect();
                bytes.get_or_insert_with(Vec::new).extend(b?);
            } else {
                if bytes.is_some() {
                    return None;
                }
                text.get_or_insert_with(String::new).push_str(&body);
            }
            self.skip_ws();
        }
        Some(match (text, bytes) {
            (Some(t), _) => Some(Lit::Str(t)),
            (_, Some(b)) => Some(Lit::Bytes(b)),
            _ => None,
        })
    }

    /// At a string's start: (bytes?, raw?, prefix length).
    fn string_start(&mut self) -> Option<(bool, bool, usize)> {
        self.skip_ws();
        let mut len = 0;
        let (mut b, mut r, mut u) = (false, false, false);
        while let Some(&c) = self.chars.get(self.at + len) {
            match c.to_ascii_lowercase() {
                'b' if !b && !u => b = true,
                'r' if !r && !u => r = true,
                'u' if !b && !r && !u => u = true,
                '\'' | '"' => return Some((b, r, len)),
                _ => return None,
            }
            len += 1;
        }
        None
    }

    /// From the opening quote to past the closing one; escapes decoded
    /// unless `raw` (bytes get no `\u`, `\U` or `\N` escapes).
    fn string_body(&mut self, raw: bool, is_bytes: bool) -> Option<String> {
        let q = self.chars[self.at];
        let triple =
            self.chars.get(self.at + 1) == Some(&q) && self.chars.get(self.at + 2) == Some(&q);
        self.at += if triple { 3 } else { 1 };
        let mut out = String::new();
        loop {
            let c = *self.chars.get(self.at)?;
            if c == q {
                if !triple {
                    self.at += 1;
                    return Some(out);
                }
                if self.chars.get(self.at + 1) == Some(&q)
                    && self.chars.get(self.at + 2) == Some(&q)
                {
                    self.at += 3;
                    return Some(out);
                }
            }
            self.at += 1;
            match c {
                '\n' | '\r' if !triple => return None,
                '\\' if raw => {
                    out.push('\\');
                    if let Some(&next) = self.chars.get(self.at) {
                        out.push(next);
                        self.at += 1;
                    }
                }
                '\\' => self.escape(&mut out, is_bytes)?,
                c => out.push(c),
            }
        }
    }

    /// One escape after its backslash, as Python decodes it.
    fn escape(&mut self, out: &mut String, is_bytes: bool) -> Option<()> {
        let e = *self.chars.get(self.at)?;
        self.at += 1;
        let simple = match e {
            '\n' => Some(None),
            '\\' => Some(Some('\\')),
            '\'' => Some(Some('\'')),
            '"' => Some(Some('"')),
            'a' => Some(Some('\x07')),
            'b' => Some(Some('\x08')),
            'f' => Some(Some('\x0c')),
            'n' => Some(Some('\n')),
            'r' => Some(Some('\r')),
            't' => Some(Some('\t')),
            'v' => Some(Some('\x0b')),
            _ => None,
        };
        if let Some(c) = simple {
            out.extend(c);
            return Some(());
        }
        match e {
            '0'..='7' => {
                let mut value = e.to_digit(8)?;
                for _ in 0..2 {
                    match self.chars.get(self.at).and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            value = value * 8 + d;
                            self.at += 1;
                        }
                        None => break,
                    }
                }
                if is_bytes {
                    out.push(char::from((value & 0xff) as u8));
                } else {
                    out.push(char::from_u32(value)?);
                }
            }
            'x' => out.push(self.hex_escape(2)?),
            'u' if !is_bytes => out.push(self.hex_escape(4)?),
            'U' if !is_bytes => out.push(self.hex_escape(8)?),
            _ => {
                out.push('\\');
                out.push(e);
            }
        }
        Some(())
    }

    /// Exactly `n` hex digits naming a code point.
    fn hex_escape(&mut self, n: usize) -> Option<char> {
        let digits: String = self.chars.get(self.at..self.at + n)?.iter().collect();
        if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        self.at += n;
        char::from_u32(u32::from_str_radix(&digits, 16).ok()?)
    }
}

/// Python's `==` for the literals a header can hold (`1 == True`).
fn py_eq(a: &Lit, b: &Lit) -> bool {
    match (a.as_int(), b.as_int()) {
        (Some(Ok(x)), Some(Ok(y))) => x == y,
        _ => a == b,
    }
}

/// Python's `a < b`, or its `TypeError` for types that do not order.
pub fn py_lt(a: &Lit, b: &Lit) -> Result<bool, String> {
    let refuse = || {
        Err(format!(
            "'<' not supported between instances of '{}' and '{}'",
            a.type_name(),
            b.type_name()
        ))
    };
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return match (x, y) {
            (Ok(x), Ok(y)) => Ok(x < y),
            _ => Ok(false),
        };
    }
    match (a, b) {
        (Lit::Str(x), Lit::Str(y)) => Ok(x < y),
        (Lit::Bytes(x), Lit::Bytes(y)) => Ok(x < y),
        (Lit::Float(x), Lit::Float(y)) => Ok(x < y),
        (Lit::Float(x), o) | (o, Lit::Float(x)) if o.as_int().is_some() => {
            let y = match o.as_int() {
                Some(Ok(i)) => i as f64,
                _ => return Ok(false),
            };
            Ok(if matches!(a, Lit::Float(_)) {
                *x < y
            } else {
                y < *x
            })
        }
        (Lit::Tuple(x), Lit::Tuple(y)) | (Lit::List(x), Lit::List(y)) => {
            for (p, q) in x.iter().zip(y) {
                if !py_eq(p, q) {
                    return py_lt(p, q);
                }
            }
            Ok(x.len() < y.len())
        }
        _ => refuse(),
    }
}

/// Python's `sorted(keys)` for fewer than 64 keys (CPython's run count
/// and binary insertion sort), so a failure raises the `TypeError` of
/// the same comparison CPython makes.
pub fn py_sorted(mut keys: Vec<Lit>) -> Result<Vec<Lit>, String> {
    let n = keys.len();
    if n < 2 {
        return Ok(keys);
    }
    let mut run = 2;
    if py_lt(&keys[1], &keys[0])? {
        while run < n && py_lt(&keys[run], &keys[run - 1])? {
            run += 1;
        }
        keys[..run].reverse();
    } else {
        while run < n && !py_lt(&keys[run], &keys[run - 1])? {
            run += 1;
        }
    }
    for i in run..n {
        let (mut lo, mut hi) = (0, i);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if py_lt(&keys[i], &keys[mid])? {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        let pivot = keys.remove(i);
        keys.insert(lo, pivot);
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_numpy_headers() {
        let h = "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }    \n";
        let v = parse(h).unwrap();
        assert_eq!(
            v,
            Lit::Dict(vec![
                (Lit::Str("descr".into()), Lit::Str("<i8".into())),
                (Lit::Str("fortran_order".into()), Lit::Bool(false)),
                (Lit::Str("shape".into()), Lit::Tuple(vec![Lit::Int(3)])),
            ])
        );
        let d = parse("[('x', '<i4'), ('y', '<f8', (2, 3))]").unwrap();
        assert_eq!(d.repr(), "[('x', '<i4'), ('y', '<f8', (2, 3))]");
        assert_eq!(parse("()").unwrap(), Lit::Tuple(vec![]));
        assert_eq!(parse("(5)").unwrap(), Lit::Int(5));
        assert_eq!(parse("{bad header}"), None);
        assert_eq!(parse("{'a': 1} x"), None);
        assert_eq!(parse(&"(".repeat(500)), None);
    }

    #[test]
    fn strings_decode_as_python_does() {
        let s = |t: &str| parse(t).map(|l| l.repr());
        assert_eq!(s(r"'<\x698'").as_deref(), Some("'<i8'"));
        assert_eq!(s(r"'\u0069' '8'").as_deref(), Some("'i8'"));
        assert_eq!(s(r"r'\x69'").as_deref(), Some(r"'\\x69'"));
        assert_eq!(s(r"b'\x1b' b'a'").as_deref(), Some(r"b'\x1ba'"));
        assert_eq!(s(r"'\101\q'").as_deref(), Some(r"'A\\q'"));
        assert_eq!(s("'a' b'b'"), None);
        assert_eq!(s(r"'\x6'"), None);
        assert_eq!(s("'''a'b'''").as_deref(), Some("\"a'b\""));
    }

    #[test]
    fn numbers_and_nesting_follow_python() {
        assert_eq!(parse("0x1_0"), Some(Lit::Int(16)));
        assert_eq!(parse("-1.5e3"), Some(Lit::Float(-1500.0)));
        assert_eq!(parse("(1.0,)").unwrap().repr(), "(1.0,)");
        assert_eq!(parse("012"), None);
        assert_eq!(parse("1__0"), None);
        assert_eq!(
            parse("100000000000000000000000000000000000000000000"),
            Some(Lit::BigInt(
                "100000000000000000000000000000000000000000000".into()
            ))
        );
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&deep(200)).is_some());
        assert!(parse(&deep(201)).is_none());
        assert_eq!(parse("{1, 2}").unwrap().repr(), "{1, 2}");
        assert_eq!(parse("{'a': 1, 'a': 2}").unwrap().repr(), "{'a': 2}");
        assert_eq!(drop_long_suffixes("(3L, 'L')"), "(3, 'L')");
    }

    #[test]
    fn sorting_mixed_keys_fails_as_python() {
        let keys = vec![
            Lit::Str("descr".into()),
            Lit::Str("fortran_order".into()),
            Lit::Str("shape".into()),
            Lit::Tuple(vec![Lit::Int(1)]),
        ];
        assert_eq!(
            py_sorted(keys).unwrap_err(),
            "'<' not supported between instances of 'tuple' and 'str'"
        );
        let keys = vec![
            Lit::Str("b".into()),
            Lit::Str("a".into()),
            Lit::Str("c".into()),
        ];
        assert_eq!(
            Lit::List(py_sorted(keys).unwrap()).repr(),
            "['a', 'b', 'c']"
        );
    }

    #[test]
    fn repr_as_python() {
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("{bad header}   \n"), "'{bad header}   \\n'");
        assert_eq!(Lit::Tuple(vec![]).repr(), "()");
        assert_eq!(Lit::Tuple(vec![Lit::Int(2), Lit::Int(0)]).repr(), "(2, 0)");
    }
}
