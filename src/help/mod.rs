//! Help text as data: one text file per area (`np.txt` for `np.*`,
//! `ndarray.txt` for array methods and attributes, `dtype.txt` for dtype
//! attributes, `ufunc.txt` for the methods every ufunc has, shown on
//! `np.add`), each a list of entries:
//!
//! ```text
//! ## ix_(*sequences)
//! One or more lines saying, in plain words, what it does.
//! >>> a = np.arange(12).reshape(3, 4)
//! >>> a[np.ix_([0, 2], [1, 3])]
//! ```
//!
//! Consecutive `## ` headers share the body that follows (aliases such as
//! `abs`/`absolute`). `>>> ` lines are the example: each statement runs in a
//! fresh session when help is shown, so the output printed is the
//! evaluator's own. This module is plain data; `eval` shows it.

const NP: &str = include_str!("np.txt");
const NDARRAY: &str = include_str!("ndarray.txt");
const DTYPE: &str = include_str!("dtype.txt");
const UFUNC: &str = include_str!("ufunc.txt");
/// `np.*` routines of issue 17 (split, insert, set operations...), kept in
/// their own file so the families added in parallel do not collide.
const NP_ROUTINES: &str = include_str!("np_routines.txt");
/// `np.*` building and reshaping routines (pad, meshgrid, tri...).
const NP_SHAPES: &str = include_str!("np_shapes.txt");
/// Elementwise math ufuncs (issue 17 item 3), their own file for the same reason.
const NP_MATH: &str = include_str!("np_math.txt");
/// Products and index sums (`cross`, `tensordot`, `einsum`).
const NP_PRODUCTS: &str = include_str!("np_products.txt");
/// Numeric routines (histograms, signal, statistics; issue 17 items 1-5).
const NP_NUMERIC: &str = include_str!("np_numeric.txt");
/// Bitwise and representation ufuncs, array-API names, bits and
/// formatting, legacy polynomials (issue 12, issue 17 item 3).
const NP_API: &str = include_str!("np_api.txt");
/// File routines (`savetxt`, `loadtxt`, `savez`, `fromfile`) and `info`.
const NP_FILES: &str = include_str!("np_files.txt");
/// `np.random.*` (the legacy module functions).
const RANDOM: &str = include_str!("random.txt");
/// `np.linalg.*`.
const LINALG: &str = include_str!("linalg.txt");
/// Methods of a `Generator` (`rng = np.random.default_rng(seed)`).
const GENERATOR: &str = include_str!("generator.txt");

/// One help entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The topic key: `np.ix_`, `ndarray.reshape`, `dtype.itemsize`.
    pub key: String,
    /// How it is called or read: `np.ix_(*sequences)`, `a.shape`.
    pub signature: String,
    /// The explanation.
    pub text: String,
    /// Statements of the example, one per line, without `>>> `.
    pub example: Vec<String>,
}

/// The areas: (key prefix, how the signature is written, file text).
const AREAS: &[(&str, &str, &str)] = &[
    ("np", "np.", NP),
    ("ndarray", "a.", NDARRAY),
    ("dtype", "a.dtype.", DTYPE),
    ("ufunc", "np.add.", UFUNC),
    ("np", "np.", NP_ROUTINES),
    ("np", "np.", NP_SHAPES),
    ("np", "np.", NP_MATH),
    ("np", "np.", NP_PRODUCTS),
    ("np", "np.", NP_NUMERIC),
    ("np", "np.", NP_API),
    ("np", "np.", NP_FILES),
    ("np.random", "np.random.", RANDOM),
    ("rng", "rng.", GENERATOR),
    ("np.linalg", "np.linalg.", LINALG),
];

/// Every entry, in file order.
pub fn entries() -> Vec<Entry> {
    let mut out = Vec::new();
    for (prefix, shown, text) in AREAS {
        parse(prefix, shown, text, &mut out);
    }
    out
}

/// The entry for `key` (`np.ix_`, `ndarray.sum`, `dtype.kind`).
pub fn lookup(key: &str) -> Option<Entry> {
    entries().into_iter().find(|e| e.key == key)
}

/// `words` in lines of at most `width` columns, each indented two spaces:
/// how help and `:help` list names.
pub fn wrap_words(words: &[&str], width: usize) -> String {
    let mut out = String::new();
    let mut line = String::from(" ");
    for w in words {
        if line.len() + w.len() + 1 > width {
            out.push_str(&line);
            out.push('\n');
            line = String::from(" ");
        }
        line.push(' ');
        line.push_str(w);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

fn parse(prefix: &str, shown: &str, text: &str, out: &mut Vec<Entry>) {
    let mut headers: Vec<String> = Vec::new();
    let mut body: Vec<&str> = Vec::new();
    let mut example: Vec<String> = Vec::new();
    let mut flush = |headers: &mut Vec<String>, body: &mut Vec<&str>, example: &mut Vec<String>| {
        for sig in headers.drain(..) {
            let name = sig.split('(').next().unwrap_or(&sig).trim().to_string();
            out.push(Entry {
                key: format!("{prefix}.{name}"),
                signature: format!("{shown}{sig}"),
                text: body.join("\n").trim().to_string(),
                example: example.clone(),
            });
        }
        body.clear();
        example.clear();
    };
    for line in text.lines() {
        if let Some(sig) = line.strip_prefix("## ") {
            if !body.is_empty() || !example.is_empty() {
                flush(&mut headers, &mut body, &mut example);
            }
            headers.push(sig.trim().to_string());
        } else if let Some(stmt) = line.strip_prefix(">>> ") {
            example.push(stmt.to_string());
        } else if !headers.is_empty() {
            body.push(line);
        }
    }
    flush(&mut headers, &mut body, &mut example);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_aliases_and_examples() {
        let mut out = Vec::new();
        parse(
            "np",
            "np.",
            "# comment before\n## abs(x)\n## absolute(x)\nText\nmore.\n>>> np.abs(-1)\n## pi\nPi.\n>>> np.pi\n",
            &mut out,
        );
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].key, "np.abs");
        assert_eq!(out[1].key, "np.absolute");
        assert_eq!(out[1].signature, "np.absolute(x)");
        assert_eq!(out[1].text, "Text\nmore.");
        assert_eq!(out[1].example, vec!["np.abs(-1)"]);
        assert_eq!(out[2].key, "np.pi");
        assert_eq!(out[2].example, vec!["np.pi"]);
    }

    #[test]
    fn every_entry_has_text_and_an_example() {
        for e in entries() {
            assert!(!e.text.is_empty(), "{} has no text", e.key);
            assert!(!e.example.is_empty(), "{} has no example", e.key);
        }
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<String> = entries().into_iter().map(|e| e.key).collect();
        keys.sort();
        let n = keys.len();
        keys.dedup();
        assert_eq!(n, keys.len(), "a key appears twice");
    }
}
