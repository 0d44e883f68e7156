//! The REPL in a real terminal: `slicelab` inside a detached tmux session,
//! driven with `send-keys` and read back with `capture-pane`. Skipped (with
//! a loud line) when tmux is not installed on a developer's machine; in CI
//! (the `CI` environment variable set) a missing tmux fails the test, so the
//! terminal is never silently untested there.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_slicelab");

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A tmux server of our own (its own socket), killed on drop.
struct Tmux {
    socket: String,
    home: PathBuf,
}

impl Tmux {
    /// Start `env` + slicelab in a detached 80x24 session.
    fn start(name: &str, env: &[(&str, &str)]) -> Tmux {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let socket = format!("slicelab-{}-{n}-{name}", std::process::id());
        let home = std::env::temp_dir().join(&socket);
        let _ = std::fs::remove_dir_all(&home);
        std::fs::create_dir_all(&home).unwrap();
        let mut shell = format!(
            "env HOME='{h}' XDG_DATA_HOME='{h}/data' TERM=xterm-256color",
            h = home.display()
        );
        for (k, v) in env {
            shell.push_str(&format!(" {k}='{v}'"));
        }
        shell.push_str(&format!(" '{BIN}'"));
        let tmux = Tmux { socket, home };
        let out = tmux.run(&[
            "new-session",
            "-d",
            "-x",
            "80",
            "-y",
            "24",
            "-s",
            "t",
            &shell,
        ]);
        assert!(out.status.success(), "tmux new-session: {out:?}");
        tmux
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .unwrap()
    }

    /// Wait for a fresh prompt (as a learner would), type `text` and press
    /// Enter.
    fn line(&self, text: &str) {
        self.wait_until(|pane| {
            pane.trim_end().ends_with(">>>") || pane.trim_end().ends_with("...")
        });
        // The prompt is drawn before the editor switches the terminal to raw
        // mode, which can drop keys typed in between; give it a moment.
        std::thread::sleep(Duration::from_millis(150));
        assert!(
            self.run(&["send-keys", "-t", "t", "-l", text])
                .status
                .success()
        );
        // Wait for the echo before pressing Enter, so the next `line` cannot
        // mistake this prompt for the next one and type into rustyline's
        // cursor-position query.
        self.wait_until(|pane| last_line(pane).contains(text));
        assert!(
            self.run(&["send-keys", "-t", "t", "Enter"])
                .status
                .success()
        );
        self.wait_until(|pane| !last_line(pane).contains(text));
    }

    /// The pane's text with its escape codes (`capture-pane -p -e`).
    fn capture(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-e", "-t", "t"]).stdout)
            .into_owned()
    }

    /// The pane's plain text.
    fn plain(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    /// Poll the plain pane for up to 5 s until `done` holds.
    fn wait_until(&self, done: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while !done(&self.plain()) && start.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Poll the pane for up to 5 s until `want` appears in its plain text;
    /// returns the pane with escapes.
    fn wait_for(&self, want: &str) -> String {
        self.wait_until(|pane| pane.contains(want));
        self.capture()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

/// The last non-blank line of a pane.
fn last_line(pane: &str) -> &str {
    pane.trim_end().lines().last().unwrap_or("")
}

macro_rules! require_tmux {
    () => {
        if !tmux_available() {
            assert!(
                std::env::var_os("CI").is_none(),
                "tmux is not installed, and CI is set: the terminal tests must run in CI"
            );
            println!("SKIPPED: tmux not installed");
            eprintln!("SKIPPED: tmux not installed");
            return;
        }
    };
}

#[test]
fn tmux_no_color_slice_shows_array_without_escapes() {
    require_tmux!();
    let t = Tmux::start("nocolor", &[("NO_COLOR", "1")]);
    t.line("a = np.arange(12).reshape(3, 4)");
    t.line("a[1:, 2:]");
    let want = "array([[ 6,  7],\n       [10, 11]])";
    let pane = t.wait_for(want);
    assert!(pane.contains(want), "pane:\n{pane}");
    assert!(
        !pane.contains("\x1b[3"),
        "colour escapes with NO_COLOR: {pane:?}"
    );
}

#[test]
fn tmux_unclosed_bracket_continues() {
    require_tmux!();
    let t = Tmux::start("continue", &[("NO_COLOR", "1")]);
    t.line("b = np.arange(5");
    let pane = t.wait_for("\n...");
    assert!(pane.contains("\n..."), "no continuation prompt:\n{pane}");
    t.line(")");
    t.line("b");
    let pane = t.wait_for("array([0, 1, 2, 3, 4])");
    assert!(pane.contains("array([0, 1, 2, 3, 4])"), "pane:\n{pane}");
}

#[test]
fn tmux_errors_are_red_when_colour_is_on() {
    require_tmux!();
    let t = Tmux::start("color", &[]);
    t.line("a = np.arange(3)");
    t.line("a[5]");
    let pane = t.wait_for("IndexError");
    assert!(pane.contains("\x1b[31mIndexError"), "pane: {pane:?}");
    t.line("a[1:]");
    let pane = t.wait_for("array([1, 2])");
    assert!(
        pane.contains("array([1, 2])"),
        "session did not go on:\n{pane}"
    );
}

impl Tmux {
    /// Wait for an empty `>>>` prompt.
    fn wait_prompt(&self) {
        self.wait_until(|pane| pane.trim_end().ends_with(">>>"));
    }

    /// Type `text` without pressing Enter.
    fn type_text(&self, text: &str) {
        assert!(
            self.run(&["send-keys", "-t", "t", "-l", text])
                .status
                .success()
        );
        self.wait_until(|pane| last_line(pane).contains(text));
    }

    /// Press one key (tmux key name: `Tab`, `Up`, `C-d`, `Enter`).
    fn key(&self, key: &str) {
        assert!(self.run(&["send-keys", "-t", "t", key]).status.success());
    }
}

#[test]
fn tmux_tab_completes_np_functions() {
    require_tmux!();
    let t = Tmux::start("complete", &[("NO_COLOR", "1")]);
    t.wait_prompt();
    t.type_text("x = np.ara");
    t.key("Tab");
    let pane = t.wait_for("x = np.arange");
    assert!(pane.contains(">>> x = np.arange"), "pane:\n{pane}");
    t.type_text("(3)");
    t.key("Enter");
    t.line("x");
    let pane = t.wait_for("array([0, 1, 2])");
    assert!(pane.contains("array([0, 1, 2])"), "pane:\n{pane}");
}

#[test]
fn tmux_help_shows_an_example() {
    require_tmux!();
    let t = Tmux::start("help", &[("NO_COLOR", "1")]);
    t.line("help(np.ix_)");
    let pane = t.wait_for("Example:");
    assert!(pane.contains("np.ix_(*sequences)"), "pane:\n{pane}");
    assert!(
        pane.contains(">>> a[np.ix_([0, 2], [1, 3])]"),
        "pane:\n{pane}"
    );
    assert!(pane.contains("[ 9, 11]])"), "the example's output: {pane}");
    t.line("np.arange?");
    let pane = t.wait_for("np.arange(start");
    assert!(pane.contains("Evenly spaced"), "pane:\n{pane}");
}

#[test]
fn tmux_history_survives_a_restart() {
    require_tmux!();
    let data = std::env::temp_dir().join(format!("slicelab-hist-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let data_env = data.display().to_string();
    {
        let t = Tmux::start("hist1", &[("NO_COLOR", "1"), ("XDG_DATA_HOME", &data_env)]);
        t.line("a = np.arange(7)");
        t.line("a[::3]");
        t.wait_for("array([0, 3, 6])");
        t.key("C-d");
        let start = Instant::now();
        while !data.join("slicelab/history.txt").exists()
            && start.elapsed() < Duration::from_secs(5)
        {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    let t = Tmux::start("hist2", &[("NO_COLOR", "1"), ("XDG_DATA_HOME", &data_env)]);
    t.wait_prompt();
    t.key("Up");
    let pane = t.wait_for(">>> a[::3]");
    assert!(
        pane.contains(">>> a[::3]"),
        "Up did not recall the last line:\n{pane}"
    );
    t.key("Up");
    let pane = t.wait_for(">>> a = np.arange(7)");
    assert!(pane.contains(">>> a = np.arange(7)"), "pane:\n{pane}");
    drop(t);
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn tmux_highlights_as_you_type_when_colour_is_on() {
    require_tmux!();
    let t = Tmux::start("highlight", &[]);
    t.wait_prompt();
    t.type_text("b = np.arange(5, dtype='int8')");
    let pane = t.capture();
    // np functions blue, numbers cyan, strings yellow.
    assert!(coloured(&pane, "34", "arange"), "pane: {pane:?}");
    assert!(coloured(&pane, "36", "5"), "pane: {pane:?}");
    assert!(coloured(&pane, "33", "'int8'"), "pane: {pane:?}");
}

/// Whether `text` follows the SGR `\x1b[{code}m` in `pane`, possibly after
/// other escape sequences (tmux re-encodes what it was sent).
fn coloured(pane: &str, code: &str, text: &str) -> bool {
    let start = format!("\x1b[{code}m");
    pane.match_indices(&start).any(|(i, _)| {
        let mut rest = &pane[i + start.len()..];
        while let Some(after) = rest.strip_prefix("\x1b[") {
            match after.find('m') {
                Some(m) => rest = &after[m + 1..],
                None => return false,
            }
        }
        rest.starts_with(text)
    })
}

#[test]
fn tmux_lesson_gives_hints_and_resumes_after_quit() {
    require_tmux!();
    let t = Tmux::start("lesson", &[("NO_COLOR", "1")]);
    t.line(":lesson views");
    t.wait_for("Task: Bind `w`");
    t.line("w = a[1:3]");
    t.line("w = a[2:5]");
    let pane = t.wait_for("Hint 1/3");
    assert!(
        pane.contains("Hint 1/3 (a nudge)"),
        "no hint after two tries:\n{pane}"
    );
    t.line(":hint");
    t.wait_for("Hint 2/3 (the rule)");
    t.line("w = a[1:4]");
    let pane = t.wait_for("Step 2/5");
    assert!(pane.contains("✓ Step done."), "pane:\n{pane}");
    t.line(":quit");
    t.wait_for("resumes here");
    t.line(":lesson views");
    let pane = t.wait_for("Resuming at step 2 of 5");
    assert!(
        pane.contains("Resuming at step 2 of 5"),
        "did not resume:\n{pane}"
    );
    assert!(pane.contains("[2/5] >>>"), "pane:\n{pane}");
}

#[test]
fn tmux_teaching_view_without_colour_marks_cells_with_brackets() {
    require_tmux!();
    let t = Tmux::start("teach", &[("NO_COLOR", "1")]);
    t.line("a = np.arange(12).reshape(3, 4)");
    t.line("v = a[1:, 2:]");
    let pane = t.wait_for("( ) a");
    assert!(
        pane.contains("v: (2, 2) int64 · VIEW of a · basic slicing → view"),
        "pane:\n{pane}"
    );
    assert!(pane.contains("[ 6] [ 7]"), "cells not marked:\n{pane}");
    assert!(!pane.contains('\x1b'), "escapes with NO_COLOR: {pane:?}");
    t.line("v[0, 0] = 99");
    let pane = t.wait_for("also changed");
    assert!(pane.contains("a (1 cell): a[1, 2] 6 → 99"), "pane:\n{pane}");
    t.line(":undo");
    t.line("a[1, 2]");
    let pane = t.wait_for("np.int64(6)");
    assert!(pane.contains("undid `v[0, 0] = 99`"), "pane:\n{pane}");
}

#[test]
fn tmux_ctrl_c_stops_a_long_statement_and_keeps_names() {
    require_tmux!();
    let t = Tmux::start("interrupt", &[("NO_COLOR", "1")]);
    t.line("a = np.arange(5)");
    // 10**10 element reads over a broadcast view: many seconds, little memory.
    t.line("s = np.broadcast_to(1.0, (10**5, 10**5)).sum(axis=1)");
    // Running once the editor has taken the line: the cursor is back at
    // column 0 (a ^C before that would only clear the line being edited).
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        let x = t.run(&["display-message", "-p", "-t", "t", "#{cursor_x}"]);
        if String::from_utf8_lossy(&x.stdout).trim() == "0" {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        t.run(&["send-keys", "-t", "t", "C-c"]).status.success(),
        "send C-c"
    );
    let pane = t.wait_for("KeyboardInterrupt");
    assert!(
        pane.lines().any(|l| l == "KeyboardInterrupt"),
        "KeyboardInterrupt not alone on its line:\n{pane}"
    );
    t.line("a");
    let pane = t.wait_for("array([0, 1, 2, 3, 4])");
    assert!(pane.contains("array([0, 1, 2, 3, 4])"), "pane:\n{pane}");
    t.line("s");
    let pane = t.wait_for("NameError");
    assert!(
        pane.contains("NameError: name 's' is not defined"),
        "pane:\n{pane}"
    );
}

impl Tmux {
    /// Wait until the last line ends with `ready` (a question such as
    /// `VIEW or COPY?`), type `text` and press Enter.
    fn answer(&self, ready: &str, text: &str) {
        self.wait_until(|pane| last_line(pane).trim_end().ends_with(ready.trim_end()));
        std::thread::sleep(Duration::from_millis(150));
        assert!(
            self.run(&["send-keys", "-t", "t", "-l", text])
                .status
                .success()
        );
        self.wait_until(|pane| last_line(pane).contains(text));
        assert!(
            self.run(&["send-keys", "-t", "t", "Enter"])
                .status
                .success()
        );
        self.wait_until(|pane| !last_line(pane).contains(text));
    }

    /// Everything the pane has shown, scrollback included.
    fn history(&self) -> String {
        String::from_utf8_lossy(
            &self
                .run(&["capture-pane", "-p", "-S", "-", "-t", "t"])
                .stdout,
        )
        .into_owned()
    }
}

/// Reach the `views` lesson's predict step `e = a[::2]` (step 4), which
/// asks shape, then VIEW or COPY, then values.
fn at_views_step_4(t: &Tmux) {
    t.line(":lesson views");
    t.wait_for("Task: Bind `w`");
    t.line("w = a[1:4]");
    t.wait_for("Step 2/5");
    t.line("w[0] = 100");
    t.wait_for("Now look");
    t.line("a");
    t.answer("e.g. [1, 2])", "True");
    t.wait_for("Step 4/5");
}

#[test]
fn tmux_predict_malformed_guess_is_asked_again() {
    require_tmux!();
    let t = Tmux::start("malformed", &[("NO_COLOR", "1")]);
    at_views_step_4(&t);
    t.answer("shape? (e.g. (2, 3), or () for a scalar)", "three");
    let pane = t.wait_for("type a shape as whole numbers");
    assert!(
        last_line(&pane).starts_with("shape?"),
        "the shape was not asked again:\n{pane}"
    );
    t.answer("shape? (e.g. (2, 3), or () for a scalar)", "(3,)");
    t.answer("VIEW or COPY?", "maybe");
    let pane = t.wait_for("type VIEW or COPY");
    assert!(last_line(&pane).starts_with("VIEW or COPY?"), "{pane}");
}

#[test]
fn tmux_predict_goal_keeps_the_guess() {
    require_tmux!();
    let t = Tmux::start("goal", &[("NO_COLOR", "1")]);
    at_views_step_4(&t);
    t.answer("shape? (e.g. (2, 3), or () for a scalar)", "(3,)");
    t.answer("VIEW or COPY?", ":goal");
    t.wait_for("the goal");
    t.answer("VIEW or COPY?", "view");
    t.answer(
        "value? (as Python writes it, e.g. [1, 2], 7 or True)",
        "[0, 2, 4]",
    );
    let pane = t.wait_for("You predicted");
    let all = t.history();
    assert!(all.contains("✓ shape (3,) — you said (3,)"), "{all}");
    assert!(
        all.contains("VIEW: it shares memory with a — you said view"),
        "{all}"
    );
    assert!(pane.contains("You predicted 3 of 3 right."), "{all}");
}

#[test]
fn tmux_predict_wrong_guess_is_explained() {
    require_tmux!();
    let t = Tmux::start("wrong", &[("NO_COLOR", "1")]);
    at_views_step_4(&t);
    t.answer("shape? (e.g. (2, 3), or () for a scalar)", "(3,)");
    t.answer("VIEW or COPY?", "copy");
    t.answer(
        "value? (as Python writes it, e.g. [1, 2], 7 or True)",
        "[0, 2, 4]",
    );
    t.wait_for("You predicted");
    let all = t.history();
    assert!(
        all.contains("✗ VIEW: it shares memory with a — you said copy"),
        "{all}"
    );
    assert!(all.contains("Why: A step skips elements"), "{all}");
}

#[test]
fn tmux_finished_lesson_leaves_the_learner_at_the_prompt() {
    require_tmux!();
    let t = Tmux::start("finish", &[("NO_COLOR", "1")]);
    at_views_step_4(&t);
    t.answer("shape? (e.g. (2, 3), or () for a scalar)", ":skip");
    t.wait_for("Step 5/5");
    t.line("e[:] = 0");
    t.wait_for("Now look");
    t.line("a");
    let pane = t.wait_for("complete");
    assert!(pane.contains("Lesson `views` complete."), "{pane}");
    // The plain prompt, with the lesson's names.
    t.line("e.shape");
    let pane = t.wait_for(">>> e.shape\n(3,)");
    assert!(
        last_line(&pane).trim_end() == ">>>",
        "not at the prompt:\n{pane}"
    );
}

#[test]
fn tmux_save_py_runs_under_doctest() {
    require_tmux!();
    let numpy = Command::new("python3")
        .args(["-c", "import numpy"])
        .output()
        .is_ok_and(|o| o.status.success());
    let t = Tmux::start("save", &[("NO_COLOR", "1")]);
    t.line("a = np.arange(12).reshape(3, 4)");
    t.line("v = a[1:, ::2]");
    t.line("v[0, 0] = 99");
    t.line("a[0] = -1");
    t.line(":undo");
    t.wait_for("undid");
    t.line("a");
    // Refused: LAPACK hands an order above 75 to dlaqr0, which is not replayed.
    t.line("np.linalg.eig(np.eye(80))");
    let file = t.home.join("x.py");
    t.line(&format!(":save {}", file.display()));
    t.wait_for("saved 4 statements");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        !text.contains("a[0] = -1"),
        "an undone statement was saved:\n{text}"
    );
    assert!(text.contains("#     np.linalg.eig(np.eye(80))"), "{text}");
    if !numpy {
        println!("SKIPPED: python3 with numpy not installed; the doctest was not run");
        eprintln!("SKIPPED: python3 with numpy not installed; the doctest was not run");
        return;
    }
    let out = Command::new("python3")
        .args(["-m", "doctest", "-v"])
        .arg(&file)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("5 passed and 0 failed"), "{stdout}");
}

#[test]
fn tmux_predict_mode_asks_and_keeps_score() {
    require_tmux!();
    let t = Tmux::start("predictmode", &[("NO_COLOR", "1")]);
    t.line("a = np.arange(12).reshape(3, 4)");
    t.line(":predict on");
    t.line("a[:, [0, 2]]");
    t.answer("shape?", "three by two");
    t.wait_for("type a shape");
    t.answer("shape?", "(3, 2)");
    t.answer("VIEW or COPY?", "view");
    let pane = t.wait_for("predictions right: 1 of 2");
    assert!(pane.contains("✗ COPY: it shares no memory"), "{pane}");
    t.line("print(3)");
    t.line(":predict");
    let pane = t.wait_for("predictions right: 1 of 2 (50%)");
    assert!(pane.contains(">>> print(3)\n3"), "{pane}");
}

impl Tmux {
    /// Paste `text` as a terminal paste (bracketed, as tmux's `paste-buffer
    /// -p` sends it when the editor asked for it), then press Enter.
    fn paste(&self, text: &str) {
        self.wait_until(|pane| pane.trim_end().ends_with(">>>"));
        std::thread::sleep(Duration::from_millis(150));
        assert!(self.run(&["set-buffer", "-b", "p", text]).status.success());
        assert!(
            self.run(&["paste-buffer", "-p", "-b", "p", "-t", "t"])
                .status
                .success()
        );
        let first = text.lines().next().unwrap_or("");
        self.wait_until(|pane| pane.contains(first));
        assert!(
            self.run(&["send-keys", "-t", "t", "Enter"])
                .status
                .success()
        );
    }

    /// Type one line of a block and press Enter without waiting for the
    /// echo to go (an empty line ends the block).
    fn type_line(&self, text: &str) {
        self.wait_until(|pane| {
            pane.trim_end().ends_with(">>>") || pane.trim_end().ends_with("...")
        });
        std::thread::sleep(Duration::from_millis(150));
        if !text.is_empty() {
            assert!(
                self.run(&["send-keys", "-t", "t", "-l", text])
                    .status
                    .success()
            );
            self.wait_until(|pane| last_line(pane).contains(text.trim()));
        }
        assert!(
            self.run(&["send-keys", "-t", "t", "Enter"])
                .status
                .success()
        );
    }
}

/// A pasted `def` and `for` loop run as Python's prompt runs them: the
/// function is defined, the loop calls it, and the pasted text is echoed
/// with its indentation, at 80×24 without colour.
#[test]
fn tmux_pasted_def_and_loop_run_as_one_block_each() {
    require_tmux!();
    let t = Tmux::start("paste", &[("NO_COLOR", "1")]);
    t.paste(
        "def f(x):\n    y = x * 2\n    return y + 1\n\nfor i in range(3):\n    print(i, f(i))\n",
    );
    let pane = t.wait_for("2 5");
    for want in [
        ">>> def f(x):",
        "    y = x * 2",
        "    return y + 1",
        "for i in range(3):",
        "    print(i, f(i))",
        "0 1\n1 3\n2 5",
    ] {
        assert!(pane.contains(want), "no {want:?} in pane:\n{pane}");
    }
    assert!(!pane.contains("Error"), "pane:\n{pane}");
    assert!(!pane.contains("\x1b[3"), "colour with NO_COLOR: {pane:?}");
    t.line("f(np.arange(3))");
    let pane = t.wait_for("array([1, 3, 5])");
    assert!(pane.contains("array([1, 3, 5])"), "pane:\n{pane}");
}

/// A blank line inside a pasted `def` ends it, as at Python's prompt: the
/// indented rest is an IndentationError and the names survive.
#[test]
fn tmux_pasted_block_with_a_blank_line_ends_it_as_python_does() {
    require_tmux!();
    let t = Tmux::start("pasteblank", &[("NO_COLOR", "1")]);
    t.line("keep = np.arange(3)");
    t.paste("def g(x):\n    y = x + 1\n\n    return y\n");
    let pane = t.wait_for("IndentationError");
    assert!(
        pane.contains("IndentationError: unexpected indent"),
        "pane:\n{pane}"
    );
    t.line("g(1) is None, keep");
    let pane = t.wait_for("(True, array([0, 1, 2]))");
    assert!(pane.contains("(True, array([0, 1, 2]))"), "pane:\n{pane}");
}

/// A block typed line by line gets Python's `...` prompts, its body runs
/// once the empty line ends it, and its output follows the block.
#[test]
fn tmux_typed_loop_shows_continuation_prompts() {
    require_tmux!();
    let t = Tmux::start("typedblock", &[]);
    for line in [
        "for i in range(3):",
        "    if i == 1:",
        "        continue",
        "    print(i * 10)",
        "",
    ] {
        t.type_line(line);
    }
    let pane = t.wait_for("20");
    let plain = t.plain();
    for want in [
        ">>> for i in range(3):",
        "...     if i == 1:",
        "...         continue",
        "...     print(i * 10)",
        "0\n20",
    ] {
        assert!(plain.contains(want), "no {want:?} in pane:\n{pane}");
    }
}
