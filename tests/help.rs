//! Help coverage: every NumPy function, constant, array method and
//! attribute slicelab supports has a help entry whose example runs, and the
//! examples' outputs are checked against NumPy through the conformance file
//! `tests/conformance/30_help_examples.session` (kept equal to the entries
//! here; its `.expected` comes from NumPy's oracle).

use slicelab::eval::{
    ARRAY_ATTRIBUTES, ARRAY_METHODS, DTYPE_ATTRIBUTES, NP_CONSTANTS, NP_FUNCTIONS, Session,
    UFUNC_METHODS,
};
use slicelab::help::{entries, lookup};

const SESSION: &str = "tests/conformance/30_help_examples.session";

#[test]
fn every_supported_name_has_help() {
    let mut missing = Vec::new();
    let areas: [(&str, &[&str]); 6] = [
        ("np", &NP_FUNCTIONS),
        ("np", NP_CONSTANTS),
        ("ndarray", &ARRAY_METHODS),
        ("ndarray", ARRAY_ATTRIBUTES),
        ("dtype", DTYPE_ATTRIBUTES),
        ("ufunc", UFUNC_METHODS),
    ];
    for (prefix, names) in areas {
        for name in names {
            let key = format!("{prefix}.{name}");
            if lookup(&key).is_none() {
                missing.push(key);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "no help entry for {missing:?}: add one to src/help/{{np,ndarray,dtype}}.txt \
         (then regenerate {SESSION}, see tests/help.rs)"
    );
}

#[test]
fn every_example_runs_in_a_fresh_session() {
    let mut failures = Vec::new();
    for entry in entries() {
        let mut session = Session::new();
        for stmt in &entry.example {
            if let Some(err) = session.run(stmt).error {
                failures.push(format!("{}: `{stmt}` raised {err}", entry.key));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The examples, in entry order, as one session file (a `#` line names each
/// entry). Aliases sharing one body appear once.
fn examples_session() -> String {
    let mut out = String::from(
        "# The examples of slicelab's help entries (src/help/*.txt), checked against NumPy.\n",
    );
    let mut last: Option<Vec<String>> = None;
    for entry in entries() {
        if last.as_ref() == Some(&entry.example) {
            continue;
        }
        out.push_str(&format!("# {}\n", entry.key));
        for stmt in &entry.example {
            out.push_str(stmt);
            out.push('\n');
        }
        last = Some(entry.example.clone());
    }
    out
}

/// The committed session must match the help entries, so the NumPy-checked
/// transcript covers them. To update: `SLICELAB_WRITE_HELP_SESSION=1 cargo
/// test --test help`, then `python3 /work/shared/conformance/oracle.py
/// tests/conformance/30_help_examples.session`.
#[test]
fn conformance_session_matches_the_help_examples() {
    let want = examples_session();
    if std::env::var_os("SLICELAB_WRITE_HELP_SESSION").is_some() {
        std::fs::write(SESSION, &want).unwrap();
    }
    let have = std::fs::read_to_string(SESSION).unwrap_or_default();
    assert!(
        have == want,
        "{SESSION} is out of date with src/help/*.txt; regenerate it (see this test's doc)"
    );
}
