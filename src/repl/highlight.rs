//! Highlighting as you type: numbers, strings, bound names, `np.`
//! functions, keywords, comments, and the bracket pair at the cursor. A pure
//! function of the line, so it is tested without a terminal. Colour only:
//! the result has the same display width as the input (rustyline needs
//! that), and with colour off it *is* the input.

use super::Palette;
use super::complete::Scope;
use crate::eval::{NP_CONSTANTS, NP_FUNCTIONS};

const KEYWORDS: &[&str] = &[
    "True", "False", "None", "and", "or", "not", "in", "is", "import", "from", "as", "pass",
];

/// One token's colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Plain,
    Number,
    Str,
    Comment,
    Keyword,
    Name,
    Function,
    Bracket,
}

/// `line` with ANSI colour; `pos` is the cursor (byte offset). When
/// `show_match` is set, the bracket at or just before the cursor and its
/// partner are marked. (A closing bracket that matches nothing on this line
/// is left plain: on a `... ` line it closes one opened on an earlier line.)
pub fn highlight(
    line: &str,
    pos: usize,
    scope: &Scope,
    palette: &Palette,
    show_match: bool,
) -> String {
    if !palette.enabled() {
        return line.to_string();
    }
    let tokens = tokenize(line, scope);
    let partner = bracket_pairs(&tokens, line);
    let marked: Vec<usize> = if show_match {
        let at = [pos, pos.wrapping_sub(1)]
            .into_iter()
            .find(|&i| partner.iter().any(|&(a, _)| a == i));
        at.and_then(|i| partner.iter().find(|&&(a, _)| a == i))
            .map(|&(a, b)| vec![a, b])
            .unwrap_or_default()
    } else {
        vec![]
    };
    let mut out = String::with_capacity(line.len() * 2);
    for (start, end, class) in tokens {
        let text = &line[start..end];
        out.push_str(&match class {
            Class::Bracket if marked.contains(&start) => palette.bracket_match(text),
            Class::Plain | Class::Bracket => text.to_string(),
            Class::Number => palette.number(text),
            Class::Str => palette.string(text),
            Class::Comment => palette.dim(text),
            Class::Keyword => palette.keyword(text),
            Class::Name => palette.name(text),
            Class::Function => palette.function(text),
        });
    }
    out
}

/// Split `line` into (start, end, class) runs covering every byte.
fn tokenize(line: &str, scope: &Scope) -> Vec<(usize, usize, Class)> {
    let bytes = line.as_bytes();
    let mut tokens: Vec<(usize, usize, Class)> = Vec::new();
    let mut i = 0;
    while i < line.len() {
        let c = line[i..].chars().next().unwrap_or(' ');
        let start = i;
        let class = match c {
            '#' => {
                i = line.len();
                Class::Comment
            }
            '\'' | '"' => {
                i = string_end(line, i);
                Class::Str
            }
            '(' | ')' | '[' | ']' | '{' | '}' => {
                i += 1;
                Class::Bracket
            }
            c if c.is_ascii_digit()
                || (c == '.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) =>
            {
                i = number_end(bytes, i);
                Class::Number
            }
            c if c.is_alphabetic() || c == '_' => {
                while let Some(ch) = line[i..].chars().next() {
                    if ch.is_alphanumeric() || ch == '_' {
                        i += ch.len_utf8();
                    } else {
                        break;
                    }
                }
                let word = &line[start..i];
                if matches!(word, "b" | "r" | "rb" | "br" | "B" | "R")
                    && matches!(bytes.get(i), Some(b'\'' | b'"'))
                {
                    i = string_end(line, i);
                    Class::Str
                } else {
                    word_class(line, start, word, scope)
                }
            }
            other => {
                i += other.len_utf8();
                Class::Plain
            }
        };
        match tokens.last_mut() {
            Some(last) if last.2 == class && class == Class::Plain => last.1 = i,
            _ => tokens.push((start, i, class)),
        }
    }
    tokens
}

/// The class of identifier `word` at `start`: `np.NAME` of a known
/// function or constant, a keyword, a bound name, or plain.
fn word_class(line: &str, start: usize, word: &str, scope: &Scope) -> Class {
    if let Some(receiver) = line[..start].strip_suffix('.') {
        let module = receiver
            .rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
            .next()
            .unwrap_or("");
        let is_np = scope
            .names
            .iter()
            .any(|(n, k)| n == module && *k == super::complete::NameKind::Module);
        return if is_np && (NP_FUNCTIONS.contains(&word) || NP_CONSTANTS.contains(&word)) {
            Class::Function
        } else {
            Class::Plain
        };
    }
    if KEYWORDS.contains(&word) {
        Class::Keyword
    } else if scope.names.iter().any(|(n, _)| n == word) {
        Class::Name
    } else {
        Class::Plain
    }
}

/// One past the closing quote of the string starting at `i` (or the end of
/// the line when it is unterminated).
fn string_end(line: &str, i: usize) -> usize {
    let quote = line.as_bytes()[i];
    let mut j = i + 1;
    let bytes = line.as_bytes();
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            b if b == quote => return j + 1,
            _ => j += 1,
        }
    }
    line.len()
}

/// One past a number literal starting at `i`: digits, `_`, `.`, letters
/// (`0x1f`, `1e5`, `2j`) and a sign right after an exponent `e`.
fn number_end(bytes: &[u8], mut i: usize) -> usize {
    let hex = bytes.get(i + 1).is_some_and(|b| matches!(b, b'x' | b'X'));
    while let Some(&b) = bytes.get(i) {
        let after_exponent =
            !hex && matches!(b, b'+' | b'-') && i > 0 && matches!(bytes[i - 1], b'e' | b'E');
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || after_exponent {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Pairs of matching bracket offsets, both directions.
fn bracket_pairs(tokens: &[(usize, usize, Class)], line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut stack: Vec<usize> = Vec::new();
    let mut pairs = Vec::new();
    for &(at, _, class) in tokens {
        if class != Class::Bracket {
            continue;
        }
        match bytes[at] {
            b'(' | b'[' | b'{' => stack.push(at),
            close => {
                let open = match close {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                if let Some(&o) = stack.last()
                    && bytes[o] == open
                {
                    stack.pop();
                    pairs.push((o, at));
                    pairs.push((at, o));
                }
            }
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repl::complete::NameKind;

    fn scope() -> Scope {
        Scope {
            names: vec![
                ("np".into(), NameKind::Module),
                ("a".into(), NameKind::Array),
            ],
            lessons: vec![],
        }
    }

    /// The text without escape codes.
    fn strip(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                for d in chars.by_ref() {
                    if d == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    fn on(line: &str, pos: usize) -> String {
        highlight(line, pos, &scope(), &Palette::new(true), true)
    }

    #[test]
    fn colour_only_same_text() {
        for line in [
            "a = np.arange(12).reshape(3, 4)  # twelve",
            "b = a[1:, ::2] + 1e-3 - 0x1f * 2j",
            "s = 'it''s' + \"x[\" + b'\\'('",
            "x = [1, (2, {3: 4})]]",
            "ünï = 'çà' # é",
            "",
        ] {
            for pos in 0..=line.len() {
                assert_eq!(strip(&on(line, pos)), line, "{line:?} at {pos}");
            }
        }
    }

    #[test]
    fn colour_off_is_the_line() {
        let line = "a = np.arange(5)[1:]";
        let plain = highlight(line, 5, &scope(), &Palette::new(false), true);
        assert_eq!(plain, line);
    }

    #[test]
    fn classes_get_their_colours() {
        let p = Palette::new(true);
        let out = on("a = np.arange(5, dtype='int8')  # c", 0);
        assert!(out.contains(&p.function("arange")), "{out:?}");
        assert!(out.contains(&p.number("5")), "{out:?}");
        assert!(out.contains(&p.string("'int8'")), "{out:?}");
        assert!(out.contains(&p.name("a")), "{out:?}");
        assert!(out.contains(&p.dim("# c")), "{out:?}");
        assert!(on("x = None", 0).contains(&p.keyword("None")));
        assert!(on("x = 1e-3", 0).contains(&p.number("1e-3")));
        // Not np: an attribute is plain.
        assert!(!on("a.sum()", 0).contains(&p.function("sum")));
    }

    #[test]
    fn the_bracket_pair_at_the_cursor_is_marked() {
        let p = Palette::new(true);
        let line = "f(a[1], 2)";
        // Cursor just after the final ')': it and the '(' at 1 are marked.
        let out = on(line, line.len());
        assert_eq!(out.matches(&p.bracket_match("(")).count(), 1, "{out:?}");
        assert_eq!(out.matches(&p.bracket_match(")")).count(), 1, "{out:?}");
        // Cursor on '[': the pair [ ] is marked, the parentheses are not.
        let out = on(line, 3);
        assert!(out.contains(&p.bracket_match("[")) && out.contains(&p.bracket_match("]")));
        assert!(!out.contains(&p.bracket_match("(")));
        // No mark when asked not to (the final refresh on Enter).
        let out = highlight(line, line.len(), &scope(), &p, false);
        assert!(!out.contains(&p.bracket_match(")")));
        // Brackets in strings do not count.
        let out = on("x = '(' )", 9);
        assert!(!out.contains(&p.bracket_match(")")), "{out:?}");
        assert!(out.contains(&p.string("'('")), "{out:?}");
    }
}
