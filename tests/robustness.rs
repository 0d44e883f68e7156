//! Every bad input tried on slicelab, with the exact answer expected: what
//! the prompt prints (output, then `Kind: message`). Each runs on a fresh
//! session holding `a = np.arange(6)`; afterwards the session must still
//! answer, and `a` must still be bound.
//!
//! The answers are NumPy 2.4's words (from the conformance oracle) unless a
//! `// NumPy:` comment says what NumPy prints instead; those are places
//! where slicelab answers differently but still answers: Python ints past
//! 128 bits, object arrays, and parser limits that CPython words otherwise.
//! Syntax errors carry slicelab's own message (the oracle compares only the
//! word `SyntaxError`, as no two parsers word them alike).
//!
//! `ROBUSTNESS_PRINT=1 cargo test --test robustness -- --nocapture` prints
//! the current answers as a table, to review before updating it.

use slicelab::eval::Session;

/// The prompt's text for one statement, with any error as `Kind: message`.
fn answer(session: &mut Session, line: &str) -> String {
    let out = session.run(line);
    assert!(!out.is_internal_error(), "crash on {line:?}");
    let mut text = out.output;
    if let Some(e) = out.error {
        text.push_str(&e.to_string());
    }
    text.trim_end().to_string()
}

fn seeded() -> Session {
    let mut s = Session::new();
    assert_eq!(answer(&mut s, "a = np.arange(6)"), "");
    s
}

/// (statement, expected answer).
const CASES: &[(&str, &str)] = &[
    // ---- huge numbers
    ("1e999", "inf"),
    ("-1e999", "-inf"),
    (
        "a[10**30]",
        "IndexError: only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
    ),
    (
        "a[-10**30]",
        "IndexError: only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
    ),
    ("a[10**20:]", "array([], dtype=int64)"),
    ("a[::10**30]", "array([0])"),
    ("a[::-10**30]", "array([5])"),
    ("a[::0]", "ValueError: slice step cannot be zero"),
    (
        "a[10**30] = 1",
        "IndexError: only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
    ),
    (
        "a[0] = 10**30",
        "OverflowError: Python int too large to convert to C long",
    ),
    (
        "a[0] = 1e999",
        "OverflowError: cannot convert float infinity to integer",
    ),
    (
        "a[0] = np.nan",
        "ValueError: cannot convert float NaN to integer",
    ),
    (
        "a + 2**64",
        "OverflowError: Python int too large to convert to C long",
    ),
    (
        "np.int8(300)",
        "OverflowError: Python integer 300 out of bounds for int8",
    ),
    (
        "np.uint8(-1)",
        "OverflowError: Python integer -1 out of bounds for uint8",
    ),
    (
        "np.array([2**63])",
        "array([9223372036854775808], dtype=uint64)",
    ),
    (
        "np.arange(10**20)",
        "ValueError: Maximum allowed size exceeded",
    ),
    (
        "np.arange(np.inf)",
        "ValueError: Maximum allowed size exceeded",
    ),
    (
        "np.arange(np.nan)",
        "ValueError: arange: cannot compute length",
    ),
    ("np.arange(0, 10, 0)", "ZeroDivisionError: division by zero"),
    // Python's own answers: ints of any size.
    (
        "2**200",
        "1606938044258990275541962092341162602522202993782792835301376",
    ),
    ("10**400 * 0", "0"),
    // ---- huge sizes
    (
        "np.zeros(10**13)",
        "MemoryError: Unable to allocate 72.8 TiB for an array with shape (10000000000000,) and data type float64",
    ),
    (
        "np.zeros((2**40, 2**40))",
        "ValueError: array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
    ),
    (
        "np.zeros((10**10, 10**10))",
        "ValueError: array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
    ),
    (
        "np.zeros(10**20)",
        "ValueError: Maximum allowed dimension exceeded",
    ),
    (
        "np.full(10**12, 1)",
        "MemoryError: Unable to allocate 7.28 TiB for an array with shape (1000000000000,) and data type int64",
    ),
    (
        "np.linspace(0, 1, 10**12)",
        "MemoryError: Unable to allocate 7.28 TiB for an array with shape (1000000000000,) and data type float64",
    ),
    (
        "np.eye(10**7)",
        "MemoryError: Unable to allocate 728. TiB for an array with shape (10000000, 10000000) and data type float64",
    ),
    (
        "np.repeat(a, 10**12)",
        "MemoryError: Unable to allocate 43.7 TiB for an array with shape (6000000000000,) and data type int64",
    ),
    // np.random: every array a sampler builds, index arrays included
    (
        "np.random.default_rng(0).choice(5, 2**40)",
        "MemoryError: Unable to allocate 8.00 TiB for an array with shape (1099511627776,) and data type int64",
    ),
    (
        "np.random.permutation(2**40)",
        "MemoryError: Unable to allocate 8.00 TiB for an array with shape (1099511627776,) and data type int64",
    ),
    (
        "np.random.default_rng(0).permutation(2**40)",
        "MemoryError: Unable to allocate 8.00 TiB for an array with shape (1099511627776,) and data type int64",
    ),
    (
        "np.random.choice(2**40, 3, replace=False)",
        "MemoryError: Unable to allocate 8.00 TiB for an array with shape (1099511627776,) and data type int64",
    ),
    (
        "np.random.default_rng(0).choice(2**40, 2**38, replace=False)",
        "MemoryError: Unable to allocate 8.00 TiB for an array with shape (1099511627776,) and data type int64",
    ),
    (
        "np.random.default_rng(0).integers([1, 2], 5, size=(2**40, 2))",
        "MemoryError: Unable to allocate 16.0 TiB for an array with shape (1099511627776, 2) and data type int64",
    ),
    (
        "np.random.multivariate_normal([0, 0], [[1, 0], [0, 1]], size=2**40)",
        "MemoryError: Unable to allocate 16.0 TiB for an array with shape (1099511627776, 2) and data type float64",
    ),
    (
        "np.random.default_rng(0).integers(0, 5, size=2**40, dtype=np.int8)",
        "MemoryError: Unable to allocate 1.00 TiB for an array with shape (1099511627776,) and data type int8",
    ),
    (
        "np.random.default_rng(0).standard_gamma([1.0, 2.0], size=(2**40, 2))",
        "MemoryError: Unable to allocate 16.0 TiB for an array with shape (1099511627776, 2) and data type float64",
    ),
    ("[0]*10**12", "MemoryError"),
    ("'x'*10**12", "MemoryError"),
    ("[]*10**12", "[]"),
    ("(0,)*10**12", "MemoryError"),
    // NumPy: starts building a 6e9-item list (then MemoryError or swap)
    ("np.broadcast_to(a, (10**9, 6)).tolist()", "MemoryError"),
    // NumPy: np.int64(10000000000)
    (
        "np.broadcast_to(1, (10**5, 10**5)).sum()",
        "MemoryError: Unable to allocate 74.5 GiB for an array with shape (100000, 100000) and data type int64",
    ),
    // ---- negative and impossible shapes
    (
        "np.ones(-5)",
        "ValueError: negative dimensions are not allowed",
    ),
    (
        "np.empty((3, -1))",
        "ValueError: negative dimensions are not allowed",
    ),
    (
        "np.zeros(-1)",
        "ValueError: negative dimensions are not allowed",
    ),
    (
        "np.linspace(0, 1, -1)",
        "ValueError: Number of samples, -1, must be non-negative.",
    ),
    (
        "a.reshape(-1, -1)",
        "ValueError: can only specify one unknown dimension",
    ),
    (
        "a.reshape(4, -1)",
        "ValueError: cannot reshape array of size 6 into shape (4,newaxis)",
    ),
    (
        "a.reshape(10**20)",
        "ValueError: Maximum allowed dimension exceeded",
    ),
    (
        "a.reshape(3, 3)",
        "ValueError: cannot reshape array of size 6 into shape (3,3)",
    ),
    (
        "a.reshape(0, -1)",
        "ValueError: cannot reshape array of size 6 into shape (0,newaxis)",
    ),
    (
        "a.shape = (4, 4)",
        "ValueError: cannot reshape array of size 6 into shape (4,4)",
    ),
    (
        "np.broadcast_to(a, (3, 5))",
        "ValueError: operands could not be broadcast together with remapped shapes [original->remapped]: (6,)  and requested shape (3,5)",
    ),
    (
        "np.zeros((1,)*65)",
        "ValueError: maximum supported dimension for an ndarray is currently 64, found 65",
    ),
    (
        "a.reshape((1,)*100000)",
        "ValueError: maximum supported dimension for an ndarray is currently 64, found 100000",
    ),
    (
        "a[(None,)*70]",
        "IndexError: number of dimensions must be within [0, 64], indexing result would have 71",
    ),
    (
        "a[(0,)*70]",
        "IndexError: too many indices for array: array is 1-dimensional, but 70 were indexed",
    ),
    (
        "np.array([[1, 2], [3]])",
        "ValueError: setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part.",
    ),
    (
        "np.array([1, [2, 3]])",
        "ValueError: setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part.",
    ),
    // ---- empty arrays (views whose offset lies past their buffer)
    ("np.zeros((0, 3))[:4, -1:] = 10", ""),
    ("np.zeros((0, 3))[None, ..., -2] = 7", ""),
    (
        "np.argwhere(np.zeros((0, 3)))",
        "array([], shape=(0, 2), dtype=int64)",
    ),
    (
        "np.add.at(a, [0, 1], [])",
        "ValueError: array is not broadcastable to correct shape",
    ),
    // ---- wrong types
    (
        "a[1.5]",
        "IndexError: only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
    ),
    (
        "a['x']",
        "IndexError: only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
    ),
    (
        "a[None, None, None, 0, 0]",
        "IndexError: too many indices for array: array is 1-dimensional, but 2 were indexed",
    ),
    (
        "a[[True, False]]",
        "IndexError: boolean index did not match indexed array along axis 0; size of axis is 6 but size of corresponding boolean axis is 2",
    ),
    (
        "a[...,...]",
        "IndexError: an index can only have a single ellipsis ('...')",
    ),
    (
        "a[0] = 'x'",
        "ValueError: invalid literal for int() with base 10: 'x'",
    ),
    (
        "a[0] = None",
        "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType'",
    ),
    (
        "a[:] = [1, 2]",
        "ValueError: could not broadcast input array from shape (2,) into shape (6,)",
    ),
    (
        "a[[0, 0]] = [1, 2, 3]",
        "ValueError: shape mismatch: value array of shape (3,) could not be broadcast to indexing result of shape (2,)",
    ),
    (
        "a[10] = 1",
        "IndexError: index 10 is out of bounds for axis 0 with size 6",
    ),
    (
        "a.fill('x')",
        "ValueError: invalid literal for int() with base 10: 'x'",
    ),
    (
        "a.astype('bogus')",
        "TypeError: data type 'bogus' not understood",
    ),
    (
        "np.zeros(3, dtype='bogus')",
        "TypeError: data type 'bogus' not understood",
    ),
    (
        "np.array('x') + 1",
        "TypeError: ufunc 'add' did not contain a loop with signature matching types (dtype('<U1'), dtype('int64')) -> None",
    ),
    (
        "a + 'x'",
        "TypeError: ufunc 'add' did not contain a loop with signature matching types (dtype('int64'), dtype('<U1')) -> None",
    ),
    (
        "None + 1",
        "TypeError: unsupported operand type(s) for +: 'NoneType' and 'int'",
    ),
    (
        "None[0]",
        "TypeError: 'NoneType' object is not subscriptable",
    ),
    ("len(5)", "TypeError: object of type 'int' has no len()"),
    (
        "int('abc')",
        "ValueError: invalid literal for int() with base 10: 'abc'",
    ),
    (
        "abs(None)",
        "TypeError: bad operand type for abs(): 'NoneType'",
    ),
    (
        "a.T = 1",
        "AttributeError: attribute 'T' of 'numpy.ndarray' objects is not writable",
    ),
    (
        "a.nonexistent",
        "AttributeError: 'numpy.ndarray' object has no attribute 'nonexistent'",
    ),
    (
        "np.nonexistent",
        "AttributeError: module 'numpy' has no attribute 'nonexistent'",
    ),
    ("'abc'[10]", "IndexError: string index out of range"),
    ("[][0]", "IndexError: list index out of range"),
    ("{}[0]", "KeyError: 0"),
    ("(1, 2)[5]", "IndexError: tuple index out of range"),
    (
        "'x' + 1",
        "TypeError: can only concatenate str (not \"int\") to str",
    ),
    (
        "[1] + (1,)",
        "TypeError: can only concatenate list (not \"tuple\") to list",
    ),
    (
        "0 ** -1",
        "ZeroDivisionError: 0.0 cannot be raised to a negative power",
    ),
    ("1 / 0", "ZeroDivisionError: division by zero"),
    (
        "1 // 0",
        "ZeroDivisionError: integer division or modulo by zero",
    ),
    ("1 % 0", "ZeroDivisionError: integer modulo by zero"),
    (
        "a.sum(axis=5)",
        "AxisError: axis 5 is out of bounds for array of dimension 1",
    ),
    (
        "a.swapaxes(0, 3)",
        "AxisError: axis2: axis 3 is out of bounds for array of dimension 1",
    ),
    (
        "np.concatenate([])",
        "ValueError: need at least one array to concatenate",
    ),
    (
        "np.empty(0).max()",
        "ValueError: zero-size array to reduction operation maximum which has no identity",
    ),
    (
        "np.empty(0).argmax()",
        "ValueError: attempt to get argmax of an empty sequence",
    ),
    (
        "int(np.inf)",
        "OverflowError: cannot convert float infinity to integer",
    ),
    (
        "float('x')",
        "ValueError: could not convert string to float: 'x'",
    ),
    // ---- recursion-ish
    // ---- syntax
    ("a[1,,2]", "SyntaxError: invalid syntax"),
    ("a[", "SyntaxError: '[' was never closed"),
    ("a)", "SyntaxError: unmatched ')'"),
    ("a]", "SyntaxError: unmatched ']'"),
    ("((((((", "SyntaxError: '(' was never closed"),
    ("'unterminated", "SyntaxError: unterminated string literal"),
    (
        "\"also unterminated",
        "SyntaxError: unterminated string literal",
    ),
    (
        "x = ",
        "SyntaxError: invalid syntax: expected an expression at the end of the line",
    ),
    ("= 1", "SyntaxError: invalid syntax"),
    ("1 = x", "SyntaxError: cannot assign to literal"),
    (
        "a +",
        "SyntaxError: invalid syntax: expected an expression at the end of the line",
    ),
    ("a ** ** 2", "SyntaxError: invalid syntax"),
    (
        "if",
        "SyntaxError: invalid syntax: expected an expression at the end of the line",
    ),
    ("else", "SyntaxError: invalid syntax"),
    // NumPy: (nothing: Python runs it)
    ("import os", ""),
    // NumPy: (nothing: Python runs it)
    ("from os import getcwd", ""),
    // NumPy: the current directory (slicelab refuses the name when read)
    (
        "from os import getcwd; getcwd()",
        "NotImplementedError: slicelab does not implement os.getcwd yet",
    ),
    // NumPy: the Zen of Python (slicelab does not print it)
    (
        "import this",
        "NotImplementedError: slicelab does not have the standard module 'this' yet",
    ),
    ("é = 5", ""),
    ("😀 = 1", "SyntaxError: invalid syntax"),
];

/// Check a table of cases; with ROBUSTNESS_PRINT set, print it instead.
fn check(cases: &[(&str, &str)]) {
    let print = std::env::var_os("ROBUSTNESS_PRINT").is_some();
    let mut wrong = vec![];
    for &(line, want) in cases {
        let mut s = seeded();
        let got = answer(&mut s, line);
        if print {
            println!("    ({line:?}, {got:?}),");
        } else if got != want {
            wrong.push(format!("{line:?}\n  want {want:?}\n  got  {got:?}"));
        }
        // The session goes on and `a` is still there.
        assert!(
            answer(&mut s, "a").starts_with("array(["),
            "`a` lost after {line:?}"
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_listed_bad_input_gets_its_answer() {
    check(CASES);
}

/// Inputs too long or too odd to write out: (what, statement, answer).
fn generated() -> Vec<(&'static str, String, String)> {
    let deep =
        |open: &str, close: &str, n: usize| format!("{}1{}", open.repeat(n), close.repeat(n));
    vec![
        (
            "100 000 brackets deep",
            deep("[", "]", 100_000),
            "SyntaxError: line is too long (more than 100000 characters)".into(),
        ),
        (
            "49 999 brackets deep, within the line limit",
            deep("[", "]", 49_999),
            "SyntaxError: too many nested parentheses".into(),
        ),
        (
            "100 000 open parentheses",
            "(".repeat(100_000),
            "SyntaxError: too many nested parentheses".into(),
        ),
        (
            "a chain of 99 990 minus signs",
            format!("{}1", "-".repeat(99_990)),
            "SyntaxError: too many unary operators in a row (the limit is 1000)".into(),
        ),
        (
            "150 brackets: fine",
            deep("[", "]", 150),
            format!("{}1{}", "[".repeat(150), "]".repeat(150)),
        ),
        (
            "a line of 200 000 characters",
            "x".repeat(200_000),
            "SyntaxError: line is too long (more than 100000 characters)".into(),
        ),
        (
            "a 99 990-character string literal",
            format!("'{}'", "x".repeat(99_990)),
            format!("'{}'", "x".repeat(99_990)),
        ),
        (
            "30 000 chained subscripts",
            format!("a{}", "[0]".repeat(30_000)),
            "SyntaxError: expression is too complex (nested more than 1200 levels deep)".into(),
        ),
        ("a NUL byte", "a\0".into(), "SyntaxError: invalid syntax".into()),
        (
            "bytes that were not UTF-8 (as the front ends pass them)",
            String::from_utf8_lossy(b"\xff\xfe a").into_owned(),
            "SyntaxError: invalid syntax".into(),
        ),
        ("a lone backslash", "\\".into(), "SyntaxError: invalid syntax".into()),
        ("control characters", "\x01\x02".into(), "SyntaxError: invalid syntax".into()),
        ("an array 70 dims deep", format!("np.array({})", deep("[", "]", 70)), "ValueError: setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 64.".into()),
    ]
}

#[test]
fn generated_bad_inputs_get_their_answers() {
    let print = std::env::var_os("ROBUSTNESS_PRINT").is_some();
    let mut wrong = vec![];
    for (what, line, want) in generated() {
        let mut s = seeded();
        let got = answer(&mut s, &line);
        if print {
            println!("{what}: {:?}", got.chars().take(200).collect::<String>());
        } else if got != want {
            wrong.push(format!("{what}:\n  want {want:.200?}\n  got  {got:.200?}"));
        }
        assert_eq!(
            answer(&mut s, "a"),
            "array([0, 1, 2, 3, 4, 5])",
            "after {what}"
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Random bytes of every kind: an answer for each, never a crash.
#[test]
fn garbage_bytes_always_get_an_answer() {
    let mut s = seeded();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..2000 {
        let len = (x % 80) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        let line = String::from_utf8_lossy(&bytes).into_owned();
        let out = s.run(&line);
        assert!(!out.is_internal_error(), "crash on {line:?}");
    }
    assert_eq!(answer(&mut s, "a"), "array([0, 1, 2, 3, 4, 5])");
}

/// Statements that build on each other: self-containing lists (CPython's
/// `[...]`), and errors in the middle of a session.
#[test]
fn recursion_ish_sessions_answer_as_python_does() {
    // Comparing self-containing lists recurses up to Python's limit (1000
    // levels); slicelab's binary runs on a 256 MiB stack, so does this.
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(recursion_ish_session)
        .unwrap()
        .join()
        .unwrap();
}

fn recursion_ish_session() {
    let steps: &[(&str, &str)] = &[
        ("l = [1]", ""),
        ("l.append(l)", ""),
        ("l", "[1, [...]]"),
        ("l == l", "True"),
        ("str(l)", "'[1, [...]]'"),
        ("t = (l, l)", ""),
        ("t", "([1, [...]], [1, [...]])"),
        ("k = []", ""),
        ("k.append(k)", ""),
        ("k", "[[...]]"),
        (
            "np.array(k)",
            "ValueError: setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 64.",
        ),
        ("l2 = [1]", ""),
        ("l2.append(l2)", ""),
        // NumPy (Python): RecursionError: maximum recursion depth exceeded in comparison
        ("l == l2", "False"),
        (
            "l < l2",
            "RecursionError: maximum recursion depth exceeded in comparison",
        ),
        ("d = {}", ""),
        ("d[1] = d", ""),
        ("d", "{1: {...}}"),
        ("l * 2", "[1, [1, [...]], 1, [1, [...]]]"),
        ("a", "array([0, 1, 2, 3, 4, 5])"),
    ];
    let mut s = seeded();
    for &(line, want) in steps {
        assert_eq!(answer(&mut s, line), want, "{line}");
    }
}

/// Long output stays a bounded repr: a big array is summarised, and a
/// huge Python string is refused before it is built.
#[test]
fn big_values_print_summarised() {
    let mut s = seeded();
    assert_eq!(answer(&mut s, "b = np.zeros(10**7)"), "");
    assert_eq!(
        answer(&mut s, "b"),
        "array([0., 0., 0., ..., 0., 0., 0.], shape=(10000000,))"
    );
}

// ---------------------------------------------------------------------------
// Files: crafted `.npy` headers, generated here, each answered as NumPy 2.4
// answers it (the oracle's transcript), with the session's names intact.

/// An `.npy` file: magic, version, header length, header, data.
fn npy(version: (u8, u8), header: &[u8], data: &[u8]) -> Vec<u8> {
    let mut out = b"\x93NUMPY".to_vec();
    out.extend([version.0, version.1]);
    if version.0 == 1 {
        out.extend((header.len() as u16).to_le_bytes());
    } else {
        out.extend((header.len() as u32).to_le_bytes());
    }
    out.extend(header);
    out.extend(data);
    out
}

/// A format 1.0 file with `descr` and `shape` written as given.
fn npy_with(descr: &str, shape: &str, data: &[u8]) -> Vec<u8> {
    let header = format!("{{'descr': {descr}, 'fortran_order': False, 'shape': {shape}, }}\n");
    npy((1, 0), header.as_bytes(), data)
}

/// (file name, bytes, NumPy's answer to `x = np.load(FILE)`, then to `x`).
fn crafted_files() -> Vec<(&'static str, Vec<u8>, &'static str, &'static str)> {
    let f8 = "'<f8'";
    let zeros8 = [0u8; 8];
    let mut hlen_big = b"\x93NUMPY\x02\x00\xff\xff\xff\xff".to_vec();
    hlen_big.extend(b"{'descr': '<f8'");
    let long = format!(
        "{{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }}{}\n",
        " ".repeat(20000)
    );
    let mut bad_utf8 = b"{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }".to_vec();
    bad_utf8.extend(b"\xff\n");
    vec![
        (
            "huge_shape",
            npy_with(f8, "(10000000000000,)", &[]),
            "MemoryError: Unable to allocate 72.8 TiB for an array with shape (10000000000000,) and data type float64",
            "",
        ),
        (
            "overflow_shape",
            npy_with(f8, "(4294967296, 4294967296, 16)", &[]),
            "ValueError: cannot reshape array of size 0 into shape (4294967296,4294967296,16)",
            "",
        ),
        (
            "negative_shape",
            npy_with(f8, "(-1,)", &[]),
            "ValueError: Failed to read all data for array. Expected (-1,) = -1 elements, could only read 0 elements. (file seems not fully written?)",
            "",
        ),
        (
            "negative_count_reads_the_rest",
            npy_with(f8, "(3, -1)", &[0; 24]),
            "ValueError: Failed to read all data for array. Expected (3, -1) = -3 elements, could only read 3 elements. (file seems not fully written?)",
            "",
        ),
        (
            "wrapped_count",
            npy_with(f8, "(9223372036854775808,)", &[]),
            "ValueError: Failed to read all data for array. Expected (9223372036854775808,) = -9223372036854775808 elements, could only read 0 elements. (file seems not fully written?)",
            "",
        ),
        (
            "too_big",
            npy_with(f8, "(9223372036854775807,)", &[]),
            "ValueError: array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
            "",
        ),
        (
            "dimension_past_int64",
            npy_with(f8, "(0, 10000000000000000000)", &[]),
            "ValueError: Maximum allowed dimension exceeded",
            "",
        ),
        (
            "dimension_past_uint64",
            npy_with(f8, "(18446744073709551616,)", &[]),
            "OverflowError: Python int too large to convert to C long",
            "",
        ),
        (
            "huge_str_item",
            npy_with("'<U1000000000000'", "(1,)", &[]),
            "ValueError: descr is not a valid dtype descriptor: '<U1000000000000'",
            "",
        ),
        (
            "str_item_past_c_int",
            npy_with("'<U536870912'", "(1,)", &[]),
            "ValueError: descr is not a valid dtype descriptor: '<U536870912'",
            "",
        ),
        (
            "huge_void",
            npy_with("'|V99999999999'", "()", &[]),
            "ValueError: descr is not a valid dtype descriptor: '|V99999999999'",
            "",
        ),
        (
            "short_data",
            npy_with(f8, "(1000,)", &[0; 100]),
            "ValueError: Failed to read all data for array. Expected (1000,) = 1000 elements, could only read 12 elements. (file seems not fully written?)",
            "",
        ),
        (
            "object",
            npy_with("'|O'", "(3,)", &[]),
            "ValueError: Object arrays cannot be loaded when allow_pickle=False",
            "",
        ),
        (
            "object_field",
            npy_with("[('a', '|O')]", "(1,)", &[]),
            "ValueError: Object arrays cannot be loaded when allow_pickle=False",
            "",
        ),
        (
            "escaped_descr",
            npy_with(r"'<\x698'", "(1,)", &[1, 0, 0, 0, 0, 0, 0, 0]),
            "",
            "array([1])",
        ),
        (
            "unicode_escape_and_concatenation",
            npy_with(r"'<\u0069' '8'", "(1,)", &[2, 0, 0, 0, 0, 0, 0, 0]),
            "",
            "array([2])",
        ),
        (
            "hex_dimension",
            npy_with(f8, "(0x1,)", &zeros8),
            "",
            "array([0.])",
        ),
        (
            "raw_string",
            npy_with("r'<f8'", "(1,)", &zeros8),
            "",
            "array([0.])",
        ),
        (
            "python2_long",
            npy_with(f8, "(1L,)", &zeros8),
            "",
            "array([0.])",
        ),
        (
            "trailing_data",
            npy_with(f8, "(1,)", &[0; 16]),
            "",
            "array([0.])",
        ),
        (
            "header_length_past_file",
            hlen_big,
            "ValueError: EOF: reading array header, expected 4294967295 bytes got 15",
            "",
        ),
        (
            "version",
            npy((1, 1), b"{}", &[]),
            "ValueError: we only support format version (1,0), (2,0), and (3,0), not (1, 1)",
            "",
        ),
        (
            "fortran_int",
            npy(
                (1, 0),
                b"{'descr': '<f8', 'fortran_order': 1, 'shape': (1,), }\n",
                &zeros8,
            ),
            "ValueError: fortran_order is not a valid bool: 1",
            "",
        ),
        (
            "shape_list",
            npy_with(f8, "[1]", &zeros8),
            "ValueError: shape is not valid: [1]",
            "",
        ),
        (
            "shape_float",
            npy_with(f8, "(1.0,)", &zeros8),
            "ValueError: shape is not valid: (1.0,)",
            "",
        ),
        (
            "shape_set",
            npy_with(f8, "{1}", &zeros8),
            "ValueError: shape is not valid: {1}",
            "",
        ),
        (
            "shape_bool",
            npy_with(f8, "(True, 2)", &[]),
            "ValueError: Failed to read all data for array. Expected (True, 2) = 2 elements, could only read 0 elements. (file seems not fully written?)",
            "",
        ),
        (
            "descr_unknown",
            npy_with("'zz'", "(1,)", &zeros8),
            "ValueError: descr is not a valid dtype descriptor: 'zz'",
            "",
        ),
        (
            "descr_int",
            npy_with("5", "(1,)", &zeros8),
            "ValueError: descr is not a valid dtype descriptor: 5",
            "",
        ),
        (
            "extra_key",
            npy(
                (1, 0),
                b"{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}\n",
                &zeros8,
            ),
            "ValueError: Header does not contain the correct keys: ['descr', 'fortran_order', 'shape', 'x']",
            "",
        ),
        (
            "tuple_key",
            npy(
                (1, 0),
                b"{'descr': '<f8', 'fortran_order': False, 'shape': (1,), (1,2): 3}\n",
                &[],
            ),
            "TypeError: '<' not supported between instances of 'tuple' and 'str'",
            "",
        ),
        (
            "bytes_key",
            npy(
                (1, 0),
                b"{b'descr': '<f8', 'fortran_order': False, 'shape': (1,), }\n",
                &zeros8,
            ),
            "TypeError: '<' not supported between instances of 'str' and 'bytes'",
            "",
        ),
        (
            "not_a_dict",
            npy((1, 0), b"[1, 2]\n", &[]),
            "ValueError: Header is not a dictionary: [1, 2]",
            "",
        ),
        (
            "nul_in_header",
            npy(
                (1, 0),
                b"{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }\x00\n",
                &zeros8,
            ),
            r#"ValueError: Cannot parse header: "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }\x00\n""#,
            "",
        ),
        (
            "subarray_past_c_int",
            npy_with("[('a', '<f8', (100000000000, 100000000000))]", "(1,)", &[]),
            "ValueError: invalid shape in fixed-type tuple: dimension does not fit into a C int.",
            "",
        ),
        (
            "subarray_negative",
            npy_with("[('a', '<f8', (-1,))]", "(1,)", &[]),
            "ValueError: invalid shape in fixed-type tuple: dimension smaller then zero.",
            "",
        ),
        (
            "repeated_field",
            npy_with("[('a', '<f8'), ('a', '<f8')]", "(1,)", &[0; 16]),
            "ValueError: name already used as a name or title",
            "",
        ),
        (
            "magic_only",
            b"\x93NUMPY".to_vec(),
            "ValueError: EOF: reading magic string, expected 8 bytes got 6",
            "",
        ),
        (
            "length_cut",
            b"\x93NUMPY\x01\x00\x05".to_vec(),
            "ValueError: EOF: reading array header length, expected 2 bytes got 1",
            "",
        ),
        (
            "not_npy",
            b"\x93NUM".to_vec(),
            "ValueError: This file contains pickled (object) data. If you trust the file you can load it unsafely using the `allow_pickle=` keyword argument or `pickle.load()`.",
            "",
        ),
        ("empty", vec![], "EOFError: No data left in file", ""),
        (
            "long_header",
            npy((2, 0), long.as_bytes(), &zeros8),
            "ValueError: Header info length (20058) is large and may not be safe to load securely.",
            "",
        ),
        (
            "bad_utf8",
            npy((3, 0), &bad_utf8, &zeros8),
            "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 57: invalid start byte",
            "",
        ),
        (
            "escape_in_field_name",
            npy_with("[('\\x1b[31mred', '<f8')]", "(1,)", &zeros8),
            "",
            "array([(0.,)], dtype=[('\\x1b[31mred', '<f8')])",
        ),
    ]
}

#[test]
fn crafted_npy_files_get_numpys_answers() {
    let dir = std::env::temp_dir().join(format!("slicelab-robust-npy-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    for (name, bytes, load_answer, x_answer) in crafted_files() {
        let path = dir.join(format!("{name}.npy"));
        std::fs::write(&path, &bytes).unwrap();
        let mut s = seeded();
        let got = answer(
            &mut s,
            &format!("x = np.load({:?})", path.to_str().unwrap()),
        );
        let first_line = got.lines().next().unwrap_or("").to_string();
        if first_line != load_answer {
            failures.push(format!("{name}: load gave {got:?}, NumPy {load_answer:?}"));
        }
        if !x_answer.is_empty() && answer(&mut s, "x") != x_answer {
            failures.push(format!(
                "{name}: x is {:?}, NumPy {x_answer:?}",
                answer(&mut s, "x")
            ));
        }
        assert_eq!(answer(&mut s, "a"), "array([0, 1, 2, 3, 4, 5])", "{name}");
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn devices_fifos_and_folders_are_never_waited_on_or_read_whole() {
    let mut s = seeded();
    let zero = answer(&mut s, "np.load('/dev/zero')");
    assert!(
        zero.starts_with("ValueError: This file contains pickled"),
        "{zero}"
    );
    assert_eq!(
        answer(&mut s, "np.load('/dev/null')"),
        "EOFError: No data left in file"
    );
    let dir = std::env::temp_dir().join(format!("slicelab-robust-fifo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    assert_eq!(
        answer(&mut s, &format!("np.load({:?})", dir.to_str().unwrap())),
        format!(
            "IsADirectoryError: [Errno 21] Is a directory: {:?}",
            dir.to_str().unwrap()
        )
        .replace('"', "'")
    );
    let fifo = dir.join("pipe.npy");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|st| st.success()) {
        let got = answer(&mut s, &format!("np.load({:?})", fifo.to_str().unwrap()));
        assert!(
            got.starts_with("OSError: slicelab does not read from a FIFO"),
            "{got}"
        );
    }
    assert_eq!(answer(&mut s, "a"), "array([0, 1, 2, 3, 4, 5])");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Mutations of a good header (structure-aware: they keep the dict and
/// change one value, cut it, or repeat a bracket): each must get an
/// answer, never a crash, and leave the names as they were.
#[test]
fn mutated_npy_headers_never_crash() {
    let dir = std::env::temp_dir().join(format!("slicelab-robust-mut-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let descrs = [
        "'<f8'",
        "'>i4'",
        "'|b1'",
        "'<U3'",
        "'|S0'",
        "'<c16'",
        "[('x', '<i4'), ('y', '>f8', (2,))]",
        "[('', '|V4'), ('z', '<u2')]",
        "'<f8' '<f8'",
        "('<f8', (2,))",
        "[('a',)]",
        "[['a', '<i4']]",
        "None",
        "''",
        "'\\N{DIGIT EIGHT}'",
        "b'<f8'",
        "[(('t', 'n'), '<i2')]",
    ];
    let shapes = [
        "()",
        "(0,)",
        "(2,)",
        "(2, 3)",
        "(-2, 3)",
        "(2**3,)",
        "(1e3,)",
        "(3,)*2",
        "(None,)",
        "(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33)",
        "(4611686018427387904, 4)",
        "(65536, 65536, 65536)",
    ];
    let mut n = 0;
    for descr in descrs {
        for shape in shapes {
            for fortran in ["False", "True"] {
                let header = format!(
                    "{{'descr': {descr}, 'fortran_order': {fortran}, 'shape': {shape}, }}\n"
                );
                for cut in [header.len(), header.len() / 2] {
                    let bytes = npy((1, 0), &header.as_bytes()[..cut], &[7u8; 96]);
                    let path = dir.join(format!("m{n}.npy"));
                    n += 1;
                    std::fs::write(&path, &bytes).unwrap();
                    let mut s = seeded();
                    let _ = answer(
                        &mut s,
                        &format!("x = np.load({:?})", path.to_str().unwrap()),
                    );
                    assert_eq!(answer(&mut s, "a"), "array([0, 1, 2, 3, 4, 5])", "{header}");
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------------------
// Memory: hostile statements under a 6 GB address-space limit. Every one
// is answered (Rust would abort on a failed allocation, losing every name);
// the process exits 0 with the names intact.

#[test]
fn memory_bombs_under_ulimit_answer_and_keep_the_session() {
    let bin = env!("CARGO_BIN_EXE_slicelab");
    let statements = [
        ("a = np.arange(6)", ""),
        ("np.zeros((2**40, 0)).tolist()", "MemoryError"),
        ("[0] * 2**40", "MemoryError"),
        ("(1,) * 2**40", "MemoryError"),
        ("'x' * 2**40", "MemoryError"),
        ("'ab' * 2**62", "OverflowError: repeated string is too long"),
        (
            "'ab' * 2**100",
            "OverflowError: cannot fit 'int' into an index-sized integer",
        ),
        (
            "np.zeros(10**10)",
            "MemoryError: Unable to allocate 74.5 GiB for an array with shape (10000000000,) and data type float64",
        ),
        (
            "np.ones((10**5, 10**5))",
            "MemoryError: Unable to allocate 74.5 GiB for an array with shape (100000, 100000) and data type float64",
        ),
        ("np.zeros(3, dtype='S2147483647').tolist()", ""),
        (
            "np.load('/dev/zero')",
            "ValueError: This file contains pickled (object) data. If you trust the file you can load it unsafely using the `allow_pickle=` keyword argument or `pickle.load()`.",
        ),
        (
            "a.sum(axis=2**64)",
            "OverflowError: Python int too large to convert to C long",
        ),
        // Growing Python values one doubling at a time ends in
        // MemoryError, and the names keep what they held before it.
        ("x = [1]", ""),
        ("for i in range(64): x = x + x\n", "MemoryError"),
        ("y = [1]", ""),
        ("for i in range(64): y += y\n", "MemoryError"),
        ("z = [1]", ""),
        ("for i in range(64): z.extend(z)\n", "MemoryError"),
        ("t = 'ab'", ""),
        ("for i in range(64): t = t + t\n", "MemoryError"),
        (
            "len(x) > 2**20 and len(y) > 2**20 and len(t) > 2**20",
            "True",
        ),
        ("del x, y, z, t", ""),
        ("'a'.zfill(10**11)", "MemoryError"),
        ("'a'.center(10**11)", "MemoryError"),
        ("a", "array([0, 1, 2, 3, 4, 5])"),
    ];
    let input: String = statements.iter().map(|(s, _)| format!("{s}\n")).collect();
    let script = format!("ulimit -v 6000000; exec {bin} --transcript");
    let mut child = std::process::Command::new("bash")
        .args(["-c", &script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "exit {:?}\nstdout:\n{stdout}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    for (statement, want) in statements {
        if want.is_empty() {
            continue;
        }
        // A compound statement ends with an empty line.
        let statement = statement.trim_end();
        let block = stdout
            .split(">>> ")
            .find(|b| b.starts_with(&format!("{statement}\n")))
            .unwrap_or_else(|| panic!("no answer to {statement}:\n{stdout}"));
        let got = block[statement.len()..].trim();
        assert!(got.starts_with(want), "{statement}: {got:?}, want {want:?}");
    }
}

// ---------------------------------------------------------------------------
// Terminals: nothing from a file or an array reaches the terminal raw.

#[test]
fn escape_sequences_never_reach_the_terminal_raw() {
    let bin = env!("CARGO_BIN_EXE_slicelab");
    let home = std::env::temp_dir().join(format!("slicelab-robust-esc-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(&home).unwrap();
    let lesson = home.join("evil\x1b[2J.lesson");
    std::fs::write(
        &lesson,
        "# Title \x1b]0;owned\x07 here\n\n## Step \x1b[31mred\ntext \u{9b}1m and \u{202e}rtl\nrun: a = np.arange(3)\ntask: t \x1b[5m\ncheck: a.sum() == 99\nsolution: b = 1\nhint: h \x1b[8m\nbogus\x1b[1m: x\n",
    )
    .unwrap();
    let out = std::process::Command::new(bin)
        .args(["lesson", "--check", lesson.to_str().unwrap()])
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let all = [out.stdout, out.stderr].concat();
    let text = String::from_utf8_lossy(&all);
    assert!(!text.is_empty());
    assert!(!all.contains(&0x1b), "raw ESC in {text:?}");
    assert!(
        !text.contains('\u{9b}') && !text.contains('\u{202e}'),
        "{text:?}"
    );
    assert!(
        text.contains("\\x1b"),
        "the escape is shown escaped: {text:?}"
    );
    // Strings from arrays: NumPy's repr escapes them, and so does slicelab.
    let transcript = common_run(
        bin,
        "a = np.array(['\\x1b[31mred', '\\u202e'])\na\nprint(a)\n",
    );
    assert!(
        !transcript.contains('\x1b') && !transcript.contains('\u{202e}'),
        "{transcript:?}"
    );
    let _ = std::fs::remove_dir_all(&home);
}

/// `slicelab --transcript` on `input`, its stdout.
fn common_run(bin: &str, input: &str) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new(bin)
        .arg("--transcript")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    String::from_utf8_lossy(&child.wait_with_output().unwrap().stdout).into_owned()
}

/// The file routines of issue 17 item 5 on hostile files (issue 19): a
/// device, a folder or a crafted archive is a one-line answer at once,
/// and the names stay as they were.
#[test]
fn text_raw_and_npz_routines_answer_hostile_files_at_once() {
    use std::io::Write;
    let dir = std::env::temp_dir().join(format!("slicelab-robust-files-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let p = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let mut s = seeded();
    let device =
        "OSError: slicelab reads only regular files, not a device, FIFO or socket: '/dev/zero'";
    assert_eq!(answer(&mut s, "np.loadtxt('/dev/zero')"), device);
    assert_eq!(answer(&mut s, "np.fromfile('/dev/zero')"), device);
    assert_eq!(
        answer(&mut s, &format!("np.fromfile({:?})", dir.to_str().unwrap())),
        format!(
            "IsADirectoryError: [Errno 21] Is a directory: '{}'",
            dir.display()
        )
    );

    // An .npz member whose .npy header promises 8 TB: refused before any
    // allocation, with the MemoryError NumPy's `numpy.ndarray(count)` gives
    // for a zip stream.
    let header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }";
    let mut npy = b"\x93NUMPY\x01\x00".to_vec();
    let padded = format!("{header:<117}\n");
    npy.extend_from_slice(&(padded.len() as u16).to_le_bytes());
    npy.extend_from_slice(padded.as_bytes());
    let write_zip = |path: &str, members: &[(&str, &[u8])], method: zip::CompressionMethod| {
        let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
        let opts = zip::write::SimpleFileOptions::default().compression_method(method);
        for (name, bytes) in members {
            z.start_file(*name, opts).unwrap();
            z.write_all(bytes).unwrap();
        }
        z.finish().unwrap();
    };
    write_zip(
        &p("huge.npz"),
        &[("x.npy", &npy)],
        zip::CompressionMethod::Deflated,
    );
    let got = answer(&mut s, &format!("np.load({:?})['x']", p("huge.npz")));
    assert_eq!(
        got,
        "MemoryError: Unable to allocate 7.28 TiB for an array with shape (1000000000000,) and data type float64"
    );

    // A stored member with one data byte changed: the CRC check.
    let good = {
        let padded = "{'descr': '|u1', 'fortran_order': False, 'shape': (4,), }";
        let mut out = b"\x93NUMPY\x01\x00".to_vec();
        let padded = format!("{padded:<117}\n");
        out.extend_from_slice(&(padded.len() as u16).to_le_bytes());
        out.extend_from_slice(padded.as_bytes());
        out.extend_from_slice(&[1, 2, 3, 4]);
        out
    };
    write_zip(
        &p("crc.npz"),
        &[("y.npy", &good)],
        zip::CompressionMethod::Stored,
    );
    let mut bytes = std::fs::read(p("crc.npz")).unwrap();
    let at = bytes.windows(4).position(|w| w == [1, 2, 3, 4]).unwrap();
    bytes[at] = 9;
    std::fs::write(p("crc.npz"), &bytes).unwrap();
    assert_eq!(
        answer(&mut s, &format!("np.load({:?})['y']", p("crc.npz"))),
        "BadZipFile: Bad CRC-32 for file 'y.npy'"
    );

    // Cut archives, and a file that only starts like one.
    std::fs::write(p("cut.npz"), &bytes[..bytes.len() / 2]).unwrap();
    assert_eq!(
        answer(&mut s, &format!("np.load({:?})", p("cut.npz"))),
        "BadZipFile: File is not a zip file"
    );
    std::fs::write(p("empty_zip.npz"), b"PK\x05\x06").unwrap();
    assert_eq!(
        answer(&mut s, &format!("np.load({:?})", p("empty_zip.npz"))),
        "BadZipFile: File is not a zip file"
    );
    // A member that is not an array comes back as bytes, read up to its size.
    write_zip(
        &p("text.npz"),
        &[("note.txt", b"hello")],
        zip::CompressionMethod::Deflated,
    );
    assert_eq!(
        answer(&mut s, &format!("np.load({:?})['note.txt']", p("text.npz"))),
        "b'hello'"
    );
    assert_eq!(answer(&mut s, "a"), "array([0, 1, 2, 3, 4, 5])");
    let _ = std::fs::remove_dir_all(&dir);
}
