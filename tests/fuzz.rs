//! Fuzzing parse + evaluate: random bytes, token soups and grammar-made
//! statements run against a session seeded with arrays of many dtypes and
//! shapes. A statement may raise any Python error; it must never crash
//! (the internal-error `SystemError` of `Session::run`), never run longer
//! than a bound, and never lose a name.
//!
//! `cargo test --release --test fuzz` runs for about a minute (15 s in a
//! debug build) from a fixed seed. Longer runs by hand:
//!
//! ```text
//! SLICELAB_FUZZ_CASES=1000000 cargo test --release --test fuzz -- --nocapture
//! SLICELAB_FUZZ_SECONDS=600 SLICELAB_FUZZ_SEED=random cargo test --release --test fuzz
//! ```
//!
//! The test prints its tally (inputs tried, crashes) with `println!` and
//! also writes it to `target/tmp/fuzz-report.txt` (`CARGO_TARGET_TMPDIR`),
//! so the count can be read after a run whose output was captured.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use slicelab::eval::Session;

/// Names the seeded session binds, with the statements that bind them.
const SETUP: &[(&str, &str)] = &[
    ("a", "a = np.arange(12).reshape(3, 4)"),
    ("b", "b = np.arange(6.0)"),
    ("c", "c = np.array([True, False, True])"),
    ("z", "z = np.array(5)"),
    ("e", "e = np.zeros((0, 3))"),
    (
        "s",
        "s = np.zeros(3, dtype=[('x', 'i4'), ('y', 'f8'), ('n', 'U3')])",
    ),
    ("v", "v = a[::-1, ::2]"),
    ("f", "f = np.arange(24, dtype=np.int8).reshape(2, 3, 4)"),
    ("u", "u = np.array([1, 250], dtype=np.uint8)"),
    ("x", "x = np.array([1+2j, 3j])"),
    ("t", "t = a.T"),
    ("m", "m = a > 5"),
    ("w", "w = np.array(['ab', 'c'])"),
    ("h", "h = np.arange(5, dtype=np.float32)[::-2]"),
    ("l", "l = [1, 2, 3]"),
    ("n", "n = 3"),
];

/// Names a generated statement may use or bind (seeded ones and fresh ones).
const NAMES: &[&str] = &[
    "a", "b", "c", "z", "e", "s", "v", "f", "u", "x", "t", "m", "w", "h", "l", "n", "q", "r", "np",
];

/// `np.` names beyond the function table: ufunc methods, scalar types, a
/// name NumPy does not have.
const NP_EXTRAS: &[&str] = &[
    "add.at",
    "int64",
    "float32",
    "uint8",
    "dtype",
    "void",
    "str_",
    "bool",
    "newaxis",
    "not_a_function",
];

/// Any `np.` function slicelab knows, or one of the extras.
fn np_function() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        6 => pick(&slicelab::eval::NP_FUNCTIONS),
        1 => pick(NP_EXTRAS),
    ]
}

const METHODS: &[&str] = &[
    "reshape",
    "copy",
    "view",
    "astype",
    "sum",
    "max",
    "min",
    "mean",
    "std",
    "argmax",
    "argmin",
    "ravel",
    "flatten",
    "transpose",
    "swapaxes",
    "fill",
    "item",
    "tolist",
    "nonzero",
    "sort",
    "diagonal",
    "all",
    "any",
    "round",
    "prod",
    "dot",
    "take",
    "put",
    "repeat",
    "squeeze",
    "cumsum",
    "clip",
    "append",
    "extend",
    "pop",
    "index",
    "count",
    "keys",
    "upper",
    "is_integer",
];

const ATTRS: &[&str] = &[
    "T",
    "shape",
    "strides",
    "base",
    "dtype",
    "flags",
    "real",
    "imag",
    "size",
    "ndim",
    "flat",
    "itemsize",
    "nbytes",
    "names",
    "fields",
    "kind",
    "char",
    "owndata",
    "writeable",
];

const DTYPES: &[&str] = &[
    "'int8'",
    "'uint8'",
    "'int64'",
    "'float32'",
    "'f8'",
    "'complex128'",
    "'bool'",
    "'U3'",
    "'S2'",
    "'O'",
    "'V8'",
    "'M8'",
    "'bogus'",
    "np.int16",
    "np.float64",
    "int",
    "float",
    "bool",
    "complex",
    "object",
    "str",
    "[('x', 'i4'), ('y', 'f8')]",
    "[('x', 'i4'), ('x', 'f8')]",
    "'i4,f8'",
];

/// Numbers that probe limits: huge, negative, at type boundaries.
const EDGE_NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "2",
    "-3",
    "7",
    "10**30",
    "-10**30",
    "2**63",
    "2**63 - 1",
    "-2**63",
    "-2**63 - 1",
    "2**64",
    "2**200",
    "10**20",
    "10**13",
    "10**400",
    "1e999",
    "-1e999",
    "1e308",
    "5e-324",
    "0.5",
    "-0.0",
    "3j",
    "1e300j",
    "np.nan",
    "np.inf",
    "-np.inf",
    "True",
    "False",
    "None",
    "255",
    "256",
    "-129",
    "2**31",
    "0x7fffffff",
    "0b101",
    "1_000",
];

fn pick(items: &'static [&'static str]) -> impl Strategy<Value = String> + Clone {
    proptest::sample::select(items).prop_map(str::to_string)
}

fn small_int() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        4 => (-5i64..13).prop_map(|i| i.to_string()),
        1 => pick(EDGE_NUMBERS),
    ]
}

/// A leaf expression: a name, a number, a string, a literal.
fn leaf() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        6 => pick(NAMES),
        4 => small_int(),
        1 => pick(&["'x'", "\"ab\"", "''", "b'xy'", "'\\x00'", "'é'", "'\\u1234'"]),
        1 => pick(&["...", "None", "np.newaxis", "slice(1, None, -1)", "()", "[]", "{}"]),
        1 => prop::collection::vec(small_int(), 0..5).prop_map(|v| format!("[{}]", v.join(", "))),
        1 => prop::collection::vec(any::<bool>(), 0..5).prop_map(|v| {
            let v: Vec<String> = v.iter().map(|b| if *b { "True".into() } else { "False".into() }).collect();
            format!("[{}]", v.join(", "))
        }),
        1 => prop::collection::vec(small_int(), 0..4).prop_map(|v| format!("np.array([{}])", v.join(", "))),
        1 => pick(DTYPES),
    ]
}

/// One element of a subscript: ints, slices, arrays, masks, None, `...`.
fn index_item(expr: BoxedStrategy<String>) -> impl Strategy<Value = String> + Clone {
    let part = prop::option::of(small_int());
    prop_oneof![
        3 => small_int(),
        3 => (part.clone(), part.clone(), prop::option::of(small_int())).prop_map(|(a, b, c)| {
            let a = a.unwrap_or_default();
            let b = b.unwrap_or_default();
            match c {
                Some(c) => format!("{a}:{b}:{c}"),
                None => format!("{a}:{b}"),
            }
        }),
        1 => Just("None".to_string()),
        1 => Just("...".to_string()),
        2 => expr,
    ]
}

/// A subscript's inside: one item or a comma-separated tuple of them.
fn index(expr: BoxedStrategy<String>) -> impl Strategy<Value = String> + Clone {
    prop::collection::vec(index_item(expr), 1..5).prop_map(|v| v.join(", "))
}

/// Call arguments: positional and keyword, some of them odd.
fn args(expr: BoxedStrategy<String>) -> impl Strategy<Value = String> + Clone {
    let kw = (
        pick(&[
            "axis", "dtype", "out", "order", "keepdims", "copy", "ndmin", "where", "initial",
            "bogus", "k",
        ]),
        expr.clone(),
    )
        .prop_map(|(k, v)| format!("{k}={v}"));
    (
        prop::collection::vec(expr, 0..4),
        prop::collection::vec(kw, 0..2),
    )
        .prop_map(|(mut p, k)| {
            p.extend(k);
            p.join(", ")
        })
}

/// A well-formed expression over the seeded names.
fn expr() -> BoxedStrategy<String> {
    leaf()
        .prop_recursive(4, 24, 4, |inner| {
            let inner = inner.boxed();
            prop_oneof![
                4 => (inner.clone(), index(inner.clone())).prop_map(|(e, i)| format!("{e}[{i}]")),
                2 => (inner.clone(), pick(&["+", "-", "*", "/", "//", "%", "**", "&", "|", "^", "<<", ">>", "@", "==", "!=", "<", ">=", "and", "or", "is", "in"]), inner.clone())
                    .prop_map(|(a, op, b)| format!("{a} {op} {b}")),
                1 => (pick(&["-", "~", "not ", "+"]), inner.clone()).prop_map(|(op, e)| format!("{op}{e}")),
                3 => (np_function(), args(inner.clone())).prop_map(|(f, a)| format!("np.{f}({a})")),
                2 => (inner.clone(), pick(METHODS), args(inner.clone())).prop_map(|(e, m, a)| format!("{e}.{m}({a})")),
                1 => (inner.clone(), pick(ATTRS)).prop_map(|(e, a)| format!("{e}.{a}")),
                1 => (pick(&["len", "list", "tuple", "int", "float", "bool", "str", "repr", "print", "sum", "max", "type", "abs", "sorted", "range", "isinstance", "slice"]), args(inner.clone()))
                    .prop_map(|(f, a)| format!("{f}({a})")),
                1 => prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("({},)", v.join(", "))),
                1 => prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
                1 => (inner.clone(), inner.clone(), inner).prop_map(|(a, b, c)| format!("{a} if {b} else {c}")),
            ]
        })
        .boxed()
}

/// A well-formed statement: an expression, an assignment of any kind.
fn grammar_statement() -> BoxedStrategy<String> {
    let e = expr();
    let aug = pick(&[
        "+=", "-=", "*=", "/=", "//=", "%=", "**=", "&=", "|=", "^=", "<<=", ">>=", "@=",
    ]);
    prop_oneof![
        4 => e.clone(),
        3 => (pick(NAMES), e.clone()).prop_map(|(n, e)| format!("{n} = {e}")),
        3 => (pick(NAMES), index(e.clone()), e.clone()).prop_map(|(n, i, e)| format!("{n}[{i}] = {e}")),
        2 => (pick(NAMES), index(e.clone()), aug.clone(), e.clone()).prop_map(|(n, i, op, e)| format!("{n}[{i}] {op} {e}")),
        1 => (pick(NAMES), aug, e.clone()).prop_map(|(n, op, e)| format!("{n} {op} {e}")),
        1 => (pick(NAMES), pick(&["shape", "dtype", "strides", "T", "real", "flat", "x"]), e.clone())
            .prop_map(|(n, a, e)| format!("{n}.{a} = {e}")),
        1 => (pick(NAMES), pick(NAMES), e).prop_map(|(p, q, e)| format!("{p}, {q} = {e}")),
    ]
    .boxed()
}

/// A compound statement over several lines: loops, conditionals, `try`,
/// functions (called, and recursing without end), comprehensions, nested
/// up to a few levels, around well-formed statements.
fn block_statement() -> BoxedStrategy<String> {
    let body = grammar_statement().prop_map(|s| vec![s]);
    body.prop_recursive(4, 16, 3, |inner| {
        let indent = |lines: Vec<String>| -> Vec<String> {
            lines.into_iter().map(|l| format!("    {l}")).collect()
        };
        let e = expr();
        prop_oneof![
            (e.clone(), inner.clone()).prop_map(move |(c, b)| {
                let mut v = vec![format!("if {c}:")];
                v.extend(indent(b));
                v.push("else:".into());
                v.push("    pass".into());
                v
            }),
            (pick(NAMES), inner.clone()).prop_map(move |(n, b)| {
                let mut v = vec![format!("for {n} in range(3):")];
                v.extend(indent(b));
                v.push("    break".into());
                v
            }),
            inner.clone().prop_map(move |b| {
                let mut v = vec!["try:".to_string()];
                v.extend(indent(b));
                v.push("except Exception as err:".into());
                v.push("    print(err)".into());
                v.push("finally:".into());
                v.push("    pass".into());
                v
            }),
            (pick(NAMES), inner.clone()).prop_map(move |(n, b)| {
                let mut v = vec!["def fz(x, *rest, k=1, **kw):".to_string()];
                v.extend(indent(b));
                v.push(format!("    return fz(x) if x is {n} else x"));
                v
            }),
            (e.clone(), pick(NAMES))
                .prop_map(|(c, n)| vec![format!("[{n} for {n} in range(2) if {c}]")]),
            e.prop_map(|c| vec![format!("f\"{{{c}!r:>4}} {{{c}}}\"")]),
        ]
    })
    .prop_map(|lines| lines.join("\n"))
    .boxed()
}

/// A block as a learner's paste can mangle it: tabs for some of the
/// indentation, a huge indent, a bracket dropped or left open, a blank line
/// in the middle, or everything nested far past CPython's 100 levels.
fn mangled_block() -> BoxedStrategy<String> {
    let block = block_statement();
    prop_oneof![
        (block.clone(), 0usize..4).prop_map(|(b, k)| {
            // Tabs for the first k indents of each line.
            b.lines()
                .map(|l| {
                    let spaces = l.len() - l.trim_start_matches(' ').len();
                    let tabs = (spaces / 4).min(k);
                    format!("{}{}", "\t".repeat(tabs), &l[tabs * 4..])
                })
                .collect::<Vec<_>>()
                .join("\n")
        }),
        (block.clone(), 1usize..5000).prop_map(|(b, n)| {
            b.lines()
                .enumerate()
                .map(|(i, l)| {
                    if i == 1 {
                        format!("{}{l}", " ".repeat(n))
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        }),
        (
            block.clone(),
            any::<prop::sample::Index>(),
            pick(&["(", ")", "[", "]", "{", "}", "\\", "'", "\"\"\""])
        )
            .prop_map(|(b, at, junk)| {
                let cut = at.index(b.len() + 1);
                let cut = (0..=cut)
                    .rev()
                    .find(|&i| b.is_char_boundary(i))
                    .unwrap_or(0);
                format!("{}{junk}{}", &b[..cut], &b[cut..])
            }),
        block.clone().prop_map(|b| b.replacen('\n', "\n\n", 1)),
        (
            1usize..160,
            pick(&[
                "if 1:",
                "for q in range(1):",
                "while 0:",
                "try:",
                "with np.errstate():",
                "def d():"
            ])
        )
            .prop_map(|(depth, head)| {
                let mut v = Vec::new();
                for i in 0..depth {
                    v.push(format!("{}{head}", " ".repeat(i)));
                }
                v.push(format!("{}pass", " ".repeat(depth)));
                if head == "try:" {
                    for i in (0..depth).rev() {
                        v.push(format!("{}finally: pass", " ".repeat(i)));
                    }
                }
                v.join("\n")
            }),
        block.prop_map(|b| format!("({b}")),
    ]
    .boxed()
}

/// Generators stopped early: `close`, `throw`, a paused one rebound or
/// deleted inside `try`/`finally` and `with`, generator expressions.
fn generator_block() -> BoxedStrategy<String> {
    let e = expr();
    let tail = pick(&[
        "gz.close()",
        "gz.throw(ValueError)",
        "gz.throw(ValueError('v'))",
        "gz.throw(GeneratorExit)",
        "gz.throw(StopIteration)",
        "gz.throw(KeyboardInterrupt)",
        "gz.throw(1)",
        "gz.send(1)",
        "gz = None",
        // `del gz` only ends a case: a later error would look like a lost name.
        "next(gz)",
        "list(gz)",
        "gz.close(); gz.close()",
        "for w in gz: break",
    ]);
    prop_oneof![
        (e.clone(), tail.clone(), tail.clone()).prop_map(|(x, t1, t2)| {
            format!(
                "def gen_z():\n    try:\n        yield {x}\n        yield 2\n    except ValueError:\n        yield 3\n    finally:\n        print('fin')\ngz = gen_z()\nnext(gz)\n{t1}\n{t2}"
            )
        }),
        (e.clone(), tail.clone()).prop_map(|(x, t)| {
            format!(
                "def gen_w():\n    with np.printoptions(precision=2):\n        yield {x}\n        yield gen_w\ngz = gen_w()\nnext(gz)\n{t}\nnp.arange(3) / 3"
            )
        }),
        (e.clone(), tail.clone()).prop_map(|(x, t)| {
            format!(
                "def gen_i():\n    try:\n        yield {x}\n    except GeneratorExit:\n        yield 'again'\ndef gen_o():\n    yield from gen_i()\ngz = gen_o()\nnext(gz)\n{t}"
            )
        }),
        (e.clone(), tail).prop_map(|(x, t)| format!("gz = (q for q in [{x}, 1])\nnext(gz)\n{t}")),
        e.prop_map(|x| format!(
            "def gen_d():\n    try:\n        yield {x}\n    finally:\n        print('fin')\ngz = gen_d()\nnext(gz)\ndel gz"
        )),
    ]
    .boxed()
}

/// Tokens of the statement language, to be thrown together at random.
const TOKENS: &[&str] = &[
    "a",
    "b",
    "z",
    "s",
    "l",
    "np",
    "np.",
    "zeros",
    "arange",
    "reshape",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    "::",
    ",",
    ".",
    "...",
    "=",
    "==",
    "+=",
    "-",
    "+",
    "*",
    "**",
    "/",
    "//",
    "%",
    "@",
    "&",
    "|",
    "^",
    "~",
    "<<",
    ">",
    "<",
    "0",
    "1",
    "-1",
    "3",
    "10**30",
    "99999999999999999999999",
    "1e999",
    "1.5",
    "0x",
    "1j",
    "'",
    "\"",
    "'abc'",
    "\"x\"",
    "b'",
    "None",
    "True",
    "False",
    "not",
    "and",
    "or",
    "if",
    "else",
    "in",
    "is",
    "lambda",
    "for",
    "import",
    "from",
    "as",
    "pass",
    "del",
    "print",
    "len",
    "dtype",
    "axis",
    "=",
    "#",
    "\\",
    "\t",
    "\n",
    "\0",
    "é",
    "ǅ",
    "😀",
    "_",
    "__class__",
    "exit",
    "*",
    "**",
    "0o",
    "0b2",
    "1__0",
    "09",
];

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (pick(TOKENS), proptest::sample::select(&["", " "][..])),
        1..30,
    )
    .prop_map(|v| v.into_iter().map(|(t, s)| format!("{t}{s}")).collect())
}

fn random_bytes() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..120)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        "[ -~]{0,120}",
        any::<String>(),
    ]
}

fn statement() -> BoxedStrategy<String> {
    prop_oneof![
        1 => random_bytes(),
        3 => token_soup(),
        8 => grammar_statement(),
        2 => block_statement(),
        1 => mangled_block(),
        1 => generator_block(),
        1 => Just("def fz(n):\n    return fz(n + 1)\nfz(0)".to_string()),
        1 => Just("fz(0)".to_string()),
    ]
    .boxed()
}

/// One fuzz case: a few statements run in order on one seeded session.
fn case() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(statement(), 1..6)
}

/// What went wrong with a case.
#[derive(Debug, Clone)]
struct Crash {
    statement: String,
    what: String,
}

/// How long one statement may take before it counts as a hang.
fn statement_limit() -> Duration {
    if cfg!(debug_assertions) {
        Duration::from_secs(30)
    } else {
        Duration::from_secs(2)
    }
}

/// The last panic message, recorded by the hook installed in `run_fuzz`.
static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

/// The statement now running and since when, for the watchdog.
type Current = Arc<Mutex<Option<(String, Instant)>>>;

fn seeded_session() -> Session {
    let mut session = Session::new();
    for (_, stmt) in SETUP {
        let out = session.run(stmt);
        assert!(
            out.error.is_none(),
            "setup `{stmt}` failed: {:?}",
            out.error
        );
    }
    session
}

fn bound_names(session: &Session) -> Vec<String> {
    session.names().into_iter().map(|(n, _)| n).collect()
}

/// Run one case; the first crash, hang or lost name found.
fn run_case(stmts: &[String], current: &Current) -> Option<Crash> {
    let mut session = seeded_session();
    let crash = |statement: &str, what: String| {
        Some(Crash {
            statement: statement.to_string(),
            what,
        })
    };
    for stmt in stmts {
        let before = bound_names(&session);
        let start = Instant::now();
        *current.lock().unwrap() = Some((stmt.clone(), start));
        LAST_PANIC.lock().unwrap().clear();
        let out = session.run(stmt);
        let took = start.elapsed();
        *current.lock().unwrap() = None;
        if out.is_internal_error() {
            return crash(stmt, format!("panic: {}", LAST_PANIC.lock().unwrap()));
        }
        if took > statement_limit() {
            return crash(stmt, format!("took {took:?}"));
        }
        if out.error.is_some() {
            let after = bound_names(&session);
            if let Some(lost) = before.iter().find(|n| !after.contains(n)) {
                return crash(stmt, format!("name `{lost}` lost after an error"));
            }
        }
    }
    // Every name must still be usable.
    for name in bound_names(&session) {
        let out = session.run(&name);
        if out.is_internal_error() {
            return crash(
                &name,
                format!("name unusable afterwards: {}", LAST_PANIC.lock().unwrap()),
            );
        }
    }
    None
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

/// Shrink a crashing case to a smaller one that still crashes.
fn shrink(
    mut tree: impl ValueTree<Value = Vec<String>>,
    mut crash: Crash,
    current: &Current,
) -> (Vec<String>, Crash) {
    let mut best = tree.current();
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut steps = 0;
    while steps < 2000 && Instant::now() < deadline && tree.simplify() {
        steps += 1;
        let candidate = tree.current();
        match run_case(&candidate, current) {
            Some(c) => {
                best = candidate;
                crash = c;
            }
            None => {
                if !tree.complicate() {
                    break;
                }
            }
        }
    }
    (best, crash)
}

/// The tally of one fuzz run.
struct Tally {
    cases: u64,
    statements: u64,
    crashes: Vec<(Vec<String>, Crash)>,
    seed: u64,
    elapsed: Duration,
}

fn run_fuzz(current: Current) -> Tally {
    let seed = match std::env::var("SLICELAB_FUZZ_SEED").as_deref() {
        Ok("random") => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1),
        Ok(s) => s.parse().unwrap_or(0x51_1ce1ab),
        Err(_) => 0x51_1ce1ab,
    };
    let max_cases = env_number("SLICELAB_FUZZ_CASES");
    let seconds = env_number("SLICELAB_FUZZ_SECONDS").unwrap_or(match max_cases {
        Some(_) => u64::MAX / 4,
        None if cfg!(debug_assertions) => 15,
        None => 60,
    });
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config {
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    let strategy = case();
    let started = Instant::now();
    let mut tally = Tally {
        cases: 0,
        statements: 0,
        crashes: vec![],
        seed,
        elapsed: Duration::ZERO,
    };
    while Instant::now() < deadline && max_cases.is_none_or(|m| tally.cases < m) {
        let tree = match strategy.new_tree(&mut runner) {
            Ok(t) => t,
            Err(_) => continue,
        };
        let stmts = tree.current();
        tally.cases += 1;
        tally.statements += stmts.len() as u64;
        if let Some(crash) = run_case(&stmts, &current) {
            tally.crashes.push(shrink(tree, crash, &current));
            if tally.crashes.len() >= 20 {
                break;
            }
        }
    }
    tally.elapsed = started.elapsed();
    tally
}

#[test]
fn nothing_typed_crashes_hangs_or_loses_a_name() {
    // Small arrays only: a fuzz case may ask for `np.zeros(10**9)`.
    slicelab::engine::buffer::set_allocation_limit(64 << 20);
    // A fuzz case may `np.save` under any name: into a temporary folder,
    // never the repository (this is the only test in this binary, so the
    // process-wide working directory is ours to move).
    let scratch = std::env::temp_dir().join(format!("slicelab-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).expect("fuzz scratch folder");
    std::env::set_current_dir(&scratch).expect("enter fuzz scratch folder");
    std::panic::set_hook(Box::new(|info| {
        *LAST_PANIC.lock().unwrap() = info.to_string();
    }));
    let current: Current = Arc::new(Mutex::new(None));
    let worker_current = current.clone();
    let worker = std::thread::Builder::new()
        .name("fuzz".into())
        .stack_size(256 << 20)
        .spawn(move || run_fuzz(worker_current))
        .expect("spawn fuzz thread");
    // Watchdog: a statement that never returns fails the test by name.
    let hang_limit = statement_limit() * 5;
    while !worker.is_finished() {
        std::thread::sleep(Duration::from_millis(100));
        if let Some((stmt, since)) = current.lock().unwrap().clone()
            && since.elapsed() > hang_limit
        {
            panic!("fuzz: statement hangs (> {hang_limit:?}): {stmt:?}");
        }
    }
    let _ = std::panic::take_hook();
    let tally = worker.join().expect("fuzz thread");
    let mut report = format!(
        "fuzz: {} inputs tried ({} cases), {} crashes, seed {}, {:.1} s\n",
        tally.statements,
        tally.cases,
        tally.crashes.len(),
        tally.seed,
        tally.elapsed.as_secs_f64()
    );
    for (stmts, crash) in &tally.crashes {
        report.push_str(&format!(
            "crash in {:?}: {}\n  case: {:?}\n",
            crash.statement, crash.what, stmts
        ));
    }
    println!("{report}");
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-report.txt");
    let _ = std::fs::write(&path, &report);
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(tally.crashes.is_empty(), "{report}");
}
