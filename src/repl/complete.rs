//! Tab completion as a pure function of the line, the cursor and a
//! [`Scope`] (the session's names and the lesson names), so it can be
//! tested without a terminal. [`super::ReplHelper`] calls [`complete`].

use crate::eval::{
    ARRAY_ATTRIBUTES, ARRAY_METHODS, DTYPE_ATTRIBUTES, NP_CONSTANTS, NP_FUNCTIONS,
    SCALAR_ATTRIBUTES, Session, Value,
};

/// What a bound name holds, as far as completing `name.` needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// An ndarray: methods and attributes.
    Array,
    /// A NumPy scalar (`np.int64(5)`): scalar attributes.
    Scalar,
    /// A dtype object: dtype attributes.
    DType,
    /// The `numpy` module: `np.` functions and constants.
    Module,
    /// `a.flags`: the flag names.
    Flags,
    /// Anything else (ints, lists, functions...): no attribute completion.
    Other,
}

/// What the completer knows about the session: kept up to date by the
/// prompt loop after each statement.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// The session's names and what each holds.
    pub names: Vec<(String, NameKind)>,
    /// Words completed after `:lesson `.
    pub lessons: Vec<String>,
}

impl Scope {
    /// A scope holding `session`'s names.
    pub fn of(session: &Session) -> Scope {
        let mut scope = Scope::default();
        scope.set_names(session);
        scope
    }

    /// Replace the names with `session`'s current ones.
    pub fn set_names(&mut self, session: &Session) {
        self.names = session
            .names()
            .into_iter()
            .map(|(name, value)| {
                let kind = match value {
                    Value::Array(_) => NameKind::Array,
                    Value::NpScalar(..) | Value::Void(_) => NameKind::Scalar,
                    Value::DType(_) => NameKind::DType,
                    Value::Module(_) => NameKind::Module,
                    Value::Flags(_) => NameKind::Flags,
                    _ => NameKind::Other,
                };
                (name, kind)
            })
            .collect();
    }

    fn kind_of(&self, name: &str) -> Option<NameKind> {
        self.names.iter().find(|(n, _)| n == name).map(|(_, k)| *k)
    }
}

/// A lesson's own `:commands`, for completion (the lesson's `:help`
/// describes them).
const LESSON_COMMANDS: &[&str] = &[":hint", ":solution", ":goal", ":skip", ":back", ":reset"];

/// Every `:command` to complete: the prompt's and the teaching view's, read
/// from their tables (`:vars, whos` gives `:vars`), and a lesson's, so a new
/// command completes without being listed twice.
pub fn commands() -> Vec<&'static str> {
    let first_word = |usage: &&'static str| -> Option<&'static str> {
        usage
            .split([' ', ','])
            .next()
            .filter(|w| w.starts_with(':'))
    };
    let prompt = super::PROMPT_COMMANDS.iter().map(|(u, _)| u);
    let taught = crate::teach::commands::COMMANDS.iter().map(|(u, _)| u);
    prompt
        .chain(taught)
        .filter_map(first_word)
        .chain(LESSON_COMMANDS.iter().copied())
        .collect()
}

/// Python builtins and keywords worth completing at the start of a word.
const BUILTINS: &[&str] = &[
    "print",
    "len",
    "isinstance",
    "repr",
    "abs",
    "min",
    "max",
    "sum",
    "round",
    "sorted",
    "range",
    "list",
    "tuple",
    "int",
    "float",
    "bool",
    "str",
    "slice",
    "type",
    "help",
    "True",
    "False",
    "None",
    "import",
    "exit()",
];

/// `a.flags.` attributes.
const FLAGS: &[&str] = &[
    "owndata",
    "writeable",
    "c_contiguous",
    "f_contiguous",
    "aligned",
    "writebackifcopy",
];

/// dtype names and codes offered inside a string literal (`dtype='f8'`).
const DTYPE_NAMES: &[&str] = &[
    "bool",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "float16",
    "float32",
    "float64",
    "complex64",
    "complex128",
    "str",
    "bytes",
    "i1",
    "i2",
    "i4",
    "i8",
    "u1",
    "u2",
    "u4",
    "u8",
    "f2",
    "f4",
    "f8",
    "c8",
    "c16",
    "<i8",
    "<f8",
    "U",
    "S",
    "b1",
    "?",
];

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Completions for the word before `pos` in `line`: the byte offset where
/// that word starts, and the candidates (sorted, without duplicates) that
/// replace it. No candidates means nothing to complete.
pub fn complete(line: &str, pos: usize, scope: &Scope) -> (usize, Vec<String>) {
    let pos = pos.min(line.len());
    let before = match line.get(..pos) {
        Some(b) => b,
        None => return (pos, vec![]),
    };
    let trimmed = before.trim_start();
    if trimmed.starts_with(':') {
        return complete_command(before, scope);
    }
    if let Some(quote) = open_string_start(before) {
        let text = &before[quote..];
        let call = before[..quote - 1].trim_end();
        if call.ends_with("load(") || call.ends_with("save(") {
            return (quote, file_names(text));
        }
        return (quote, matching(DTYPE_NAMES.iter().copied(), text));
    }
    let word_len = before
        .chars()
        .rev()
        .take_while(|&c| is_word_char(c))
        .map(char::len_utf8)
        .sum::<usize>();
    let start = pos - word_len;
    let word = &before[start..];
    if let Some(receiver) = before[..start].strip_suffix('.') {
        let words: Vec<&str> = match receiver_kind(receiver, scope) {
            Some(NameKind::Module) => NP_FUNCTIONS.iter().chain(NP_CONSTANTS).copied().collect(),
            Some(NameKind::Array) => ARRAY_METHODS
                .iter()
                .chain(ARRAY_ATTRIBUTES)
                .copied()
                .collect(),
            Some(NameKind::Scalar) => SCALAR_ATTRIBUTES.to_vec(),
            Some(NameKind::DType) => DTYPE_ATTRIBUTES.to_vec(),
            Some(NameKind::Flags) => FLAGS.to_vec(),
            Some(NameKind::Other) | None => vec![],
        };
        return (start, matching(words.into_iter(), word));
    }
    if word.is_empty() || word.starts_with(|c: char| c.is_ascii_digit()) {
        return (start, vec![]);
    }
    let names = scope.names.iter().map(|(n, _)| n.as_str());
    (start, matching(names.chain(BUILTINS.iter().copied()), word))
}

/// `:comm` completes command names; `:lesson na` completes lesson names.
fn complete_command(before: &str, scope: &Scope) -> (usize, Vec<String>) {
    let lead = before.len() - before.trim_start().len();
    let text = &before[lead..];
    match text.split_once(' ') {
        None => (lead, matching(commands().into_iter(), text)),
        Some((":lesson", rest)) => {
            let rest_start = before.len() - rest.trim_start().len();
            let words = scope.lessons.iter().map(String::as_str);
            (rest_start, matching(words, &before[rest_start..]))
        }
        Some((":save", rest)) => {
            let rest_start = before.len() - rest.trim_start().len();
            (rest_start, file_names(&before[rest_start..]))
        }
        Some(_) => (before.len(), vec![]),
    }
}

/// Paths starting with `typed` (relative to the working directory), a
/// directory with a trailing `/`; dot files only when asked for.
fn file_names(typed: &str) -> Vec<String> {
    let (dir, stem) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let Ok(entries) = std::fs::read_dir(if dir.is_empty() { "." } else { dir }) else {
        return vec![];
    };
    let mut out: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            if !name.starts_with(stem) || (name.starts_with('.') && !stem.starts_with('.')) {
                return None;
            }
            let slash = if e.path().is_dir() { "/" } else { "" };
            Some(format!("{dir}{name}{slash}"))
        })
        .collect();
    out.sort();
    out
}

/// If `before` ends inside a string literal, the byte offset just after its
/// opening quote.
fn open_string_start(before: &str) -> Option<usize> {
    let mut open: Option<(char, usize)> = None;
    let mut chars = before.char_indices();
    while let Some((i, c)) = chars.next() {
        match open {
            Some((q, _)) if c == q => open = None,
            Some(_) if c == '\\' => {
                chars.next();
            }
            Some(_) => {}
            None if c == '\'' || c == '"' => open = Some((c, i + 1)),
            None if c == '#' => return None,
            None => {}
        }
    }
    open.map(|(_, at)| at)
}

/// What the text before a `.` holds: a name (`a`), an attribute chain
/// (`a.T`, `a.dtype`), or a call or subscript, taken to be an array
/// (`np.arange(5)`, `a[1:]`) since that is what nearly every one gives.
fn receiver_kind(receiver: &str, scope: &Scope) -> Option<NameKind> {
    if receiver.ends_with([')', ']']) {
        return Some(NameKind::Array);
    }
    let chain_len = receiver
        .chars()
        .rev()
        .take_while(|&c| is_word_char(c) || c == '.')
        .map(char::len_utf8)
        .sum::<usize>();
    let chain = &receiver[receiver.len() - chain_len..];
    let mut parts = chain.split('.');
    let first = parts.next()?;
    if first.is_empty() || first.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut kind = scope.kind_of(first)?;
    for attr in parts {
        kind = match (kind, attr) {
            (NameKind::Array, "T" | "real" | "imag" | "base" | "flat") => NameKind::Array,
            (NameKind::Array | NameKind::Scalar, "dtype") => NameKind::DType,
            (NameKind::Array, "flags") => NameKind::Flags,
            _ => return None,
        };
    }
    Some(kind)
}

/// The words starting with `prefix`, sorted and deduplicated. Names that
/// start with `_` only when the prefix does.
fn matching<'a>(words: impl Iterator<Item = &'a str>, prefix: &str) -> Vec<String> {
    let mut out: Vec<String> = words
        .filter(|w| w.starts_with(prefix) && (prefix.starts_with('_') || !w.starts_with('_')))
        .map(str::to_string)
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope() -> Scope {
        Scope {
            names: vec![
                ("np".into(), NameKind::Module),
                ("a".into(), NameKind::Array),
                ("arr2".into(), NameKind::Array),
                ("x".into(), NameKind::Scalar),
                ("dt".into(), NameKind::DType),
                ("n".into(), NameKind::Other),
            ],
            lessons: vec!["views".into(), "fancy-indexing".into()],
        }
    }

    fn at_end(line: &str) -> (usize, Vec<String>) {
        complete(line, line.len(), &scope())
    }

    #[test]
    fn np_functions_after_np_dot() {
        assert_eq!(at_end("x = np.ara"), (7, vec!["arange".to_string()]));
        let (start, c) = at_end("np.");
        assert_eq!(start, 3);
        assert!(c.contains(&"ix_".to_string()) && c.contains(&"newaxis".to_string()));
        assert!(at_end("np.fl").1.contains(&"flip".to_string()));
        // Routines answered outside numpy.rs and the index objects complete too.
        assert_eq!(at_end("np.ravel_m").1, vec!["ravel_multi_index"]);
        assert_eq!(at_end("np.mg").1, vec!["mgrid"]);
        assert_eq!(
            at_end("np.int").1,
            vec![
                "int16",
                "int32",
                "int64",
                "int8",
                "interp",
                "intersect1d",
                "intp"
            ]
        );
    }

    #[test]
    fn array_methods_and_attributes_after_a_name() {
        assert_eq!(at_end("a.resh"), (2, vec!["reshape".to_string()]));
        assert!(at_end("a.s").1.contains(&"shape".to_string()));
        assert!(at_end("a.s").1.contains(&"sum".to_string()));
        assert_eq!(at_end("a.T.fl").1, vec!["flags", "flat", "flatten"]);
        assert_eq!(at_end("a[1:].ba").1, vec!["base"]);
        assert_eq!(at_end("np.arange(3).resh").1, vec!["reshape"]);
        assert_eq!(at_end("a.flags.own").1, vec!["owndata"]);
    }

    #[test]
    fn scalar_and_dtype_attributes() {
        assert_eq!(at_end("dt.item").1, vec!["itemsize"]);
        assert_eq!(at_end("a.dtype.na").1, vec!["name", "names"]);
        assert_eq!(at_end("x.ite").1, vec!["item", "itemsize"]);
        assert!(at_end("n.").1.is_empty(), "no attributes for other values");
        assert!(at_end("zz.").1.is_empty(), "unknown name");
        assert!(at_end("1.").1.is_empty(), "a float literal");
    }

    #[test]
    fn names_in_scope_and_builtins() {
        assert_eq!(at_end("b = ar"), (4, vec!["arr2".to_string()]));
        assert_eq!(at_end("pri").1, vec!["print"]);
        assert_eq!(at_end("a[").1, Vec::<String>::new());
        assert!(at_end("").1.is_empty());
        assert!(at_end("12").1.is_empty());
    }

    #[test]
    fn dtype_names_inside_strings() {
        assert_eq!(
            at_end("a.astype('int"),
            (
                10,
                vec![
                    "int16".to_string(),
                    "int32".into(),
                    "int64".into(),
                    "int8".into()
                ]
            )
        );
        assert_eq!(
            at_end("np.zeros(3, dtype=\"f").1,
            vec!["f2", "f4", "f8", "float16", "float32", "float64"]
        );
        assert_eq!(at_end("'a' + zz").1, Vec::<String>::new(), "closed string");
    }

    #[test]
    fn commands_and_lessons() {
        assert_eq!(at_end(":hist"), (0, vec![":history".to_string()]));
        let mut all: Vec<String> = commands().iter().map(|c| c.to_string()).collect();
        for taught in [
            ":vars",
            ":undo",
            ":where",
            ":diagram",
            ":explain",
            ":annotate",
        ] {
            assert!(all.iter().any(|c| c == taught), "{taught} completes");
        }
        all.sort();
        assert_eq!(at_end(":"), (0, all));
        assert_eq!(at_end(":lesson v"), (8, vec!["views".to_string()]));
        assert_eq!(at_end(":lesson ").1.len(), 2);
        assert!(at_end(":save x").1.is_empty());
    }

    #[test]
    fn file_names_inside_load_and_save() {
        let dir = std::env::temp_dir().join(format!("slicelab-complete-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("arr.npy"), b"").unwrap();
        std::fs::write(dir.join(".hidden"), b"").unwrap();
        let d = dir.display().to_string();
        let line = format!("b = np.load('{d}/");
        let (start, c) = at_end(&line);
        assert_eq!(start, line.find('\'').unwrap() + 1);
        assert_eq!(c, vec![format!("{d}/arr.npy"), format!("{d}/sub/")]);
        let line = format!("np.save(\"{d}/a");
        assert_eq!(at_end(&line).1, vec![format!("{d}/arr.npy")]);
        let line = format!(":save {d}/s");
        assert_eq!(at_end(&line), (6, vec![format!("{d}/sub/")]));
        assert_eq!(at_end("np.load('/no/such/dir/x").1, Vec::<String>::new());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn cursor_in_the_middle_completes_the_word_before_it() {
        let line = "np.ara + a";
        assert_eq!(complete(line, 6, &scope()), (3, vec!["arange".to_string()]));
        assert_eq!(complete(line, 100, &scope()).0, 9);
    }
}
