//! The Python literals an `.npy` header holds (`{'descr': '<i8',
//! 'fortran_order': False, 'shape': (3,), }`): parsed as `ast.literal_eval`
//! would for this subset, and written back as Python's `repr` writes them,
//! so headers and error messages match NumPy's byte for byte.

/// A Python literal: dict, list, tuple, str, int, bool or None.
#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    /// `{k: v, ...}` in source order.
    Dict(Vec<(Lit, Lit)>),
    /// `[a, b]`
    List(Vec<Lit>),
    /// `(a, b)`, `(a,)`, `()`
    Tuple(Vec<Lit>),
    /// `'text'`
    Str(String),
    /// `12`, `-3`
    Int(i128),
    /// `True`, `False`
    Bool(bool),
    /// `None`
    None,
}

impl Lit {
    /// Python's `repr` of the value.
    pub fn repr(&self) -> String {
        match self {
            Lit::Dict(items) => {
                let parts: Vec<String> = items
                    .iter()
                    .map(|(k, v)| format!("{}: {}", k.repr(), v.repr()))
                    .collect();
                format!("{{{}}}", parts.join(", "))
            }
            Lit::List(items) => {
                let parts: Vec<String> = items.iter().map(Lit::repr).collect();
                format!("[{}]", parts.join(", "))
            }
            Lit::Tuple(items) if items.len() == 1 => format!("({},)", items[0].repr()),
            Lit::Tuple(items) => {
                let parts: Vec<String> = items.iter().map(Lit::repr).collect();
                format!("({})", parts.join(", "))
            }
            Lit::Str(s) => str_repr(s),
            Lit::Int(i) => i.to_string(),
            Lit::Bool(true) => "True".into(),
            Lit::Bool(false) => "False".into(),
            Lit::None => "None".into(),
        }
    }
}

/// Python's `repr` of a str: single quotes unless the text has a single
/// quote and no double quote; backslash escapes for the rest.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Parse one literal filling the whole text (surrounding white space
/// allowed); `None` when it is not one.
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

struct Parser {
    chars: Vec<char>,
    at: usize,
    depth: usize,
}

impl Parser {
    fn skip_ws(&mut self) {
        while self.chars.get(self.at).is_some_and(|c| c.is_whitespace()) {
            self.at += 1;
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

    fn value(&mut self) -> Option<Lit> {
        self.depth += 1;
        if self.depth > 100 {
            return None;
        }
        let v = match self.peek()? {
            '{' => {
                self.at += 1;
                let mut items = Vec::new();
                while !self.eat('}') {
                    let k = self.value()?;
                    if !self.eat(':') {
                        return None;
                    }
                    let v = self.value()?;
                    items.push((k, v));
                    if !self.eat(',') {
                        if !self.eat('}') {
                            return None;
                        }
                        break;
                    }
                }
                Lit::Dict(items)
            }
            '[' => Lit::List(self.sequence(']')?.0),
            '(' => {
                let (items, trailing_comma) = self.sequence(')')?;
                if items.len() == 1 && !trailing_comma {
                    items.into_iter().next()?
                } else {
                    Lit::Tuple(items)
                }
            }
            '\'' | '"' => Lit::Str(self.string()?),
            c if c.is_ascii_digit() || c == '-' || c == '+' => {
                let start = self.at;
                self.at += 1;
                while self
                    .chars
                    .get(self.at)
                    .is_some_and(|c| c.is_ascii_digit() || *c == '_')
                {
                    self.at += 1;
                }
                let text: String = self.chars[start..self.at]
                    .iter()
                    .filter(|c| **c != '_')
                    .collect();
                Lit::Int(text.parse().ok()?)
            }
            _ => {
                let start = self.at;
                while self
                    .chars
                    .get(self.at)
                    .is_some_and(|c| c.is_alphanumeric() || *c == '_')
                {
                    self.at += 1;
                }
                let word: String = self.chars[start..self.at].iter().collect();
                match word.as_str() {
                    "True" => Lit::Bool(true),
                    "False" => Lit::Bool(false),
                    "None" => Lit::None,
                    _ => return None,
                }
            }
        };
        self.depth -= 1;
        Some(v)
    }

    /// Items up to `close`; also whether the last item had a trailing comma.
    fn sequence(&mut self, close: char) -> Option<(Vec<Lit>, bool)> {
        self.at += 1;
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
        Some((items, trailing))
    }

    fn string(&mut self) -> Option<String> {
        let quote = self.chars[self.at];
        self.at += 1;
        let mut out = String::new();
        loop {
            let c = *self.chars.get(self.at)?;
            self.at += 1;
            match c {
                c if c == quote => return Some(out),
                '\\' => {
                    let e = *self.chars.get(self.at)?;
                    self.at += 1;
                    out.push(match e {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        '0' => '\0',
                        other => other,
                    });
                }
                '\n' => return None,
                c => out.push(c),
            }
        }
    }
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
    fn repr_as_python() {
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("{bad header}   \n"), "'{bad header}   \\n'");
        assert_eq!(Lit::Tuple(vec![]).repr(), "()");
        assert_eq!(Lit::Tuple(vec![Lit::Int(2), Lit::Int(0)]).repr(), "(2, 0)");
    }
}
