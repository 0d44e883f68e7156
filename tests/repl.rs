//! The `slicelab` binary driven through pipes: the REPL reading a piped
//! stdin (rustyline falls back to plain line reading), and `slicelab FILE`.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{BIN, run_with_stdin, text};

/// A fresh directory under the system temp dir, for history and files.
fn temp_dir(name: &str) -> PathBuf {
    common::temp_dir("test", name)
}

fn command(home: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("NO_COLOR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Run the REPL with `input` on a piped stdin.
fn repl(name: &str, input: &str) -> Output {
    repl_at(&temp_dir(name), input)
}

/// Run the REPL with `input` on a piped stdin and `home` as its home.
fn repl_at(home: &Path, input: &str) -> Output {
    run_with_stdin(&mut command(home), input)
}

/// The first line of input that turns the teaching view off, so a test can
/// hold NumPy's own output exactly; and what slicelab answers to it.
const PLAIN: &str = ":annotate off\n";
const PLAIN_ACK: &str = "teaching view off (:annotate on brings it back)\n";

#[test]
fn piped_repl_prints_values() {
    let out = repl("values", &format!("{PLAIN}a = np.arange(6)\na[1:3]\n"));
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), format!("{PLAIN_ACK}array([1, 2])\n"));
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn errors_do_not_end_the_session() {
    let out = repl(
        "errors",
        &format!("{PLAIN}a = np.arange(6)\na[10]\na[1,,2]\nnope\na[::2]\n"),
    );
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert_eq!(
        stdout.strip_prefix(PLAIN_ACK).unwrap_or(&stdout),
        "IndexError: index 10 is out of bounds for axis 0 with size 6\n\
         \x20   a[1,,2]\n\
         \x20       ^\n\
         SyntaxError: invalid syntax\n\
         NameError: name 'nope' is not defined\n\
         array([0, 2, 4])\n"
    );
    assert!(
        !stdout.contains('\x1b'),
        "piped output must not be coloured"
    );
}

#[test]
fn open_bracket_continues_on_next_line() {
    let out = repl(
        "continue",
        &format!("{PLAIN}b = np.arange(5\n)\nb\nc = [1,  # one (\n 2]\nc\n"),
    );
    assert_eq!(
        text(&out.stdout),
        format!("{PLAIN_ACK}array([0, 1, 2, 3, 4])\n[1, 2]\n")
    );
}

#[test]
fn commands_help_and_quit() {
    let out = repl("commands", ":help\nexit()\na = 1\na\n");
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(stdout.contains(":quit"), "{stdout}");
    assert!(
        !stdout.contains("\n1\n"),
        "statements after exit() ran: {stdout}"
    );
}

#[test]
fn history_is_kept_in_the_data_dir() {
    let home = temp_dir("history");
    let mut child = command(&home).stdin(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(b"x = 1\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let history = std::fs::read_to_string(home.join("data/slicelab/history.txt")).unwrap();
    assert!(history.lines().any(|l| l == "x = 1"), "{history:?}");
}

#[test]
fn unwritable_history_warns_once_and_goes_on() {
    let home = temp_dir("nohistory");
    // The data dir is a file, so slicelab/ cannot be created inside it.
    std::fs::write(home.join("data"), "").unwrap();
    let mut child = command(&home).stdin(Stdio::piped()).spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b":annotate off\na = np.arange(3)\na\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), format!("{PLAIN_ACK}array([0, 1, 2])\n"));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(stderr.starts_with("slicelab: warning:"), "{stderr:?}");
}

/// Issue 14: the prompt names indentation errors as CPython 3.11's does.
#[test]
fn indentation_errors_are_named_at_the_prompt() {
    let out = repl(
        "indentation",
        &format!("{PLAIN}  x = 1\nif True:\n        y = 1\n    z = 2\n\nw = 3\nw\n"),
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("IndentationError: unexpected indent\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("IndentationError: unindent does not match any outer indentation level\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("SyntaxError"), "{stdout}");
    assert!(stdout.ends_with("3\n"), "{stdout}");
}

/// Issue 14: a decorator line and the `def` below it are one statement,
/// typed at the prompt and in a file.
#[test]
fn decorators_join_their_def_at_the_prompt_and_in_files() {
    let source = "def twice(f):\n    def g(x):\n        return f(f(x))\n    return g\n\n\
                  @twice\ndef inc(x):\n    return x + 1\n\ninc(1)\n";
    let out = repl("decorators", &format!("{PLAIN}{source}"));
    assert_eq!(text(&out.stdout), format!("{PLAIN_ACK}3\n"));
    let out = script("decorators-file", source, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(
        text(&out.stdout).ends_with(">>> inc(1)\n3\n"),
        "{}",
        text(&out.stdout)
    );
}

fn script(name: &str, source: &str, args: &[&str]) -> Output {
    let home = temp_dir(name);
    let file = home.join("lesson.py");
    std::fs::write(&file, source).unwrap();
    command(&home)
        .args(args)
        .arg(&file)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

const LESSON: &str = "# a lesson\n:annotate off\na = np.arange(6)\na[1:3]\na[9]\na[::-1]\n";

/// What a file run prints for the `:annotate off` line.
const FILE_PLAIN: &str = ">>> :annotate off\nteaching view off (:annotate on brings it back)\n";

#[test]
fn file_runs_and_stops_at_first_error() {
    let out = script("file-stop", LESSON, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        format!(
            "{FILE_PLAIN}>>> a = np.arange(6)\n>>> a[1:3]\narray([1, 2])\n>>> a[9]\n\
             IndexError: index 9 is out of bounds for axis 0 with size 6\n"
        )
    );
}

#[test]
fn file_keep_going_runs_everything() {
    let out = script("file-keep", LESSON, &["--keep-going"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).ends_with(">>> a[::-1]\narray([5, 4, 3, 2, 1, 0])\n"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn warnings_show_once_as_python_shows_them_and_errstate_silences_them() {
    let source = ":annotate off\n\
                  np.array([1.0, 0.0]) / 0\n\
                  np.array([2.0]) / 0\n\
                  np.log(np.array([0.0]))\n\
                  with np.errstate(divide='ignore'):\n    np.log(np.array([0.0, 1.0]))\n\n\
                  np.int8(127) + np.int8(1)\n";
    let out = script("file-warnings", source, &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        format!(
            "{FILE_PLAIN}>>> np.array([1.0, 0.0]) / 0\n\
             <stdin>:1: RuntimeWarning: divide by zero encountered in divide\n\
             <stdin>:1: RuntimeWarning: invalid value encountered in divide\n\
             array([inf, nan])\n\
             >>> np.array([2.0]) / 0\narray([inf])\n\
             >>> np.log(np.array([0.0]))\n\
             <stdin>:1: RuntimeWarning: divide by zero encountered in log\n\
             array([-inf])\n\
             >>> with np.errstate(divide='ignore'):\n\
             ...     np.log(np.array([0.0, 1.0]))\n\
             array([-inf,   0.])\n\
             >>> np.int8(127) + np.int8(1)\n\
             <stdin>:1: RuntimeWarning: overflow encountered in scalar add\n\
             np.int8(-128)\n"
        )
    );
}

#[test]
fn file_without_errors_exits_zero() {
    let out = script("file-ok", "a = np.arange(4)\na[1:]\n", &[]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with(">>> a = np.arange(4)\na: (4,) int64 · NEW · np.arange → new array\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains(">>> a[1:]\narray([1, 2, 3])\na[1:]: (3,) int64 · VIEW of a"),
        "{stdout}"
    );
}

#[test]
fn missing_file_exits_two_with_one_line() {
    let home = temp_dir("missing");
    let out = command(&home).arg(home.join("nope.py")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(stderr.starts_with("slicelab: cannot read "), "{stderr:?}");
    assert!(stderr.contains("nope.py: "), "{stderr:?}");
}

#[test]
fn deep_expressions_run_on_the_big_stack() {
    // Long operator chains make ASTs ~1000 levels deep; the evaluator
    // recurses over them, which needs the big worker-thread stack.
    let sum = vec!["a"; 1150].join(" + ");
    let input = format!("{PLAIN}a = np.arange(3)\n{sum}\n{}1\n", "-".repeat(990));
    let out = repl("deep", &input);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        text(&out.stdout),
        format!("{PLAIN_ACK}array([   0, 1150, 2300])\n1\n")
    );
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn unclosed_bracket_at_end_of_input_is_reported() {
    let out = repl("eof-open", "a = np.arange(3\n");
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("    a = np.arange(3\n"), "{stdout}");
    assert!(stdout.contains("SyntaxError: "), "{stdout}");
}

#[test]
fn ipython_extras_work_in_the_piped_repl() {
    let home = temp_dir("extras");
    let saved = home.join("session.txt");
    let input = format!(
        "a = np.arange(4)\nnp.ix_?\n%timeit a[1:]\na[::2]\n:history 2\n:save {}\n",
        saved.display()
    );
    let out = repl_at(&home, &input);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("np.ix_(*sequences)\n"), "{stdout}");
    assert!(
        stdout.contains(" per loop (mean ± std. dev. of "),
        "{stdout}"
    );
    assert!(stdout.contains("5: :history 2\n"), "{stdout}");
    assert!(stdout.contains("saved 2 statements to "), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(&saved).unwrap(),
        ">>> import numpy as np\n>>> a = np.arange(4)\n>>> a[::2]\narray([0, 2])\n"
    );
}

#[test]
fn piped_repl_shows_the_teaching_view_without_colour() {
    let out = repl("teach", "a = np.arange(6)\nv = a[1:3]\nv[0] = 9\n");
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("v: (2,) int64 · VIEW of a · basic slicing → view"),
        "{stdout}"
    );
    assert!(stdout.contains("  [ ] v this result"), "{stdout}");
    assert!(stdout.contains("    a (1 cell): a[1] 1 → 9"), "{stdout}");
    assert!(!stdout.contains('\x1b'), "{stdout:?}");
}
