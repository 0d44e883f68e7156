//! The public attributes of Python's own types, as `dir()` lists them in
//! CPython 3.11, so `x.nope` is an `AttributeError` at once (as in Python)
//! while `x.bit_length` is a method slicelab may not have implemented yet
//! — an honest `NotImplementedError` when called, never a made-up value.

/// `dir(T)` without the dunder names, for each Python type slicelab holds.
const PUBLIC: &[(&str, &str)] = &[
    (
        "int",
        "as_integer_ratio bit_count bit_length conjugate denominator from_bytes imag numerator real to_bytes",
    ),
    (
        "float",
        "as_integer_ratio conjugate fromhex hex imag is_integer real",
    ),
    ("complex", "conjugate imag real"),
    (
        "str",
        "capitalize casefold center count encode endswith expandtabs find format format_map index \
         isalnum isalpha isascii isdecimal isdigit isidentifier islower isnumeric isprintable \
         isspace istitle isupper join ljust lower lstrip maketrans partition removeprefix \
         removesuffix replace rfind rindex rjust rpartition rsplit rstrip split splitlines \
         startswith strip swapcase title translate upper zfill",
    ),
    (
        "list",
        "append clear copy count extend index insert pop remove reverse sort",
    ),
    ("tuple", "count index"),
    (
        "bytes",
        "capitalize center count decode endswith expandtabs find fromhex hex index isalnum \
         isalpha isascii isdigit islower isspace istitle isupper join ljust lower lstrip \
         maketrans partition removeprefix removesuffix replace rfind rindex rjust rpartition \
         rsplit rstrip split splitlines startswith strip swapcase title translate upper zfill",
    ),
    (
        "dict",
        "clear copy fromkeys get items keys pop popitem setdefault update values",
    ),
];

/// Does Python's type `ty` have the public attribute `name`?
pub fn has(ty: &str, name: &str) -> bool {
    PUBLIC
        .iter()
        .find(|(t, _)| *t == ty)
        .is_some_and(|(_, names)| names.split_whitespace().any(|n| n == name))
}

#[cfg(test)]
mod tests {
    #[test]
    fn knows_methods_and_refuses_strangers() {
        assert!(super::has("int", "bit_length"));
        assert!(super::has("str", "zfill"));
        assert!(!super::has("list", "nope"));
        assert!(!super::has("set", "add"));
    }
}
