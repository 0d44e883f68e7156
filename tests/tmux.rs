//! The REPL in a real terminal: `slicelab` inside a detached tmux session,
//! driven with `send-keys` and read back with `capture-pane`. Skipped (with
//! a loud line) when tmux is not installed.

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
        assert!(
            self.run(&["send-keys", "-t", "t", "-l", text])
                .status
                .success()
        );
        assert!(
            self.run(&["send-keys", "-t", "t", "Enter"])
                .status
                .success()
        );
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

macro_rules! require_tmux {
    () => {
        if !tmux_available() {
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
