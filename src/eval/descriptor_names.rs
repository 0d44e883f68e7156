//! How a descriptor read off a class (`str.lower`, `np.ndarray.T`) is
//! named as a `Value::Function`, and printed: a leaf, so that printing
//! and calling (`descriptors.rs`) both read one encoding.

/// The name prefix of a method descriptor (`method:str.lower`).
const METHOD: &str = "method:";
/// The name prefix of a data descriptor (`attribute:numpy.ndarray.T`).
const ATTRIBUTE: &str = "attribute:";

/// The function name of `class_path.attr`, a data descriptor or a method.
pub fn encode(class_path: &str, attr: &str, data: bool) -> String {
    let prefix = if data { ATTRIBUTE } else { METHOD };
    format!("{prefix}{class_path}.{attr}")
}

/// The class path and attribute of a descriptor's function name, and
/// whether it is a method.
pub fn parts(fname: &str) -> Option<(&str, &str, bool)> {
    let (rest, method) = match fname.strip_prefix(METHOD) {
        Some(r) => (r, true),
        None => (fname.strip_prefix(ATTRIBUTE)?, false),
    };
    let (class, attr) = rest.rsplit_once('.')?;
    Some((class, attr, method))
}

/// Python's repr: `<method 'lower' of 'str' objects>`.
pub fn repr(fname: &str) -> Option<String> {
    let (class, attr, method) = parts(fname)?;
    let kind = if method { "method" } else { "attribute" };
    Some(format!("<{kind} '{attr}' of '{class}' objects>"))
}

/// The descriptor's `__name__`.
pub fn name(fname: &str) -> Option<&str> {
    parts(fname).map(|(_, attr, _)| attr)
}

/// Whether the function name `fname` is a descriptor's.
pub fn is_descriptor(fname: &str) -> bool {
    parts(fname).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_reads_back_and_prints_as_python() {
        let m = encode("numpy.ndarray", "sum", false);
        assert_eq!(parts(&m), Some(("numpy.ndarray", "sum", true)));
        assert_eq!(
            repr(&m).unwrap(),
            "<method 'sum' of 'numpy.ndarray' objects>"
        );
        let a = encode("numpy.ndarray", "T", true);
        assert_eq!(
            repr(&a).unwrap(),
            "<attribute 'T' of 'numpy.ndarray' objects>"
        );
        assert!(!is_descriptor("np.sum"));
    }
}
