//! The prompt's IPython-style extras: `NAME?` (help), `:history`,
//! `:save FILE` (the session as a doctest), `%timeit STATEMENT`, and the
//! function list `:help` shows. Kept apart from the prompt loop so each can
//! be tested on its own.

use std::time::{Duration, Instant};

use super::{Palette, render_outcome};
use crate::eval::{ARRAY_ATTRIBUTES, ARRAY_METHODS, NP_FUNCTIONS, Outcome, PyError, Session};
use crate::help::wrap_words;
use crate::syntax::{SyntaxError, parse_stmt};

/// `np.ix_?`, `a.reshape??` or `?np.ix_` as the statement `help(np.ix_)`;
/// `None` for any other line.
pub fn help_query(line: &str) -> Option<String> {
    let t = line.trim();
    let body = t
        .strip_suffix("??")
        .or_else(|| t.strip_suffix('?'))
        .or_else(|| t.strip_prefix("??"))
        .or_else(|| t.strip_prefix('?'))?
        .trim();
    let is_reference = !body.is_empty()
        && body
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
    is_reference.then(|| format!("help({body})"))
}

/// Lines for `:help` after the command list: what can be explained.
pub fn function_list() -> String {
    let mut out =
        String::from("\nhelp(np.NAME) or np.NAME? explains one of these NumPy functions:\n");
    out.push_str(&wrap_words(&NP_FUNCTIONS, 78));
    out.push_str("and help(a.NAME) or a.NAME? these array methods and attributes:\n");
    let array: Vec<&str> = ARRAY_METHODS
        .iter()
        .chain(ARRAY_ATTRIBUTES)
        .copied()
        .collect();
    out.push_str(&wrap_words(&array, 78));
    out
}

/// `:history [N]`: the last `n` (default 20) history entries, numbered
/// from 1 across the whole history file, as IPython's `%history -n`.
pub fn history(arg: &str, entries: &[String]) -> String {
    let n = match arg.trim() {
        "" => 20,
        a => match a.parse::<usize>() {
            Ok(n) => n,
            Err(_) => return "usage: :history [N]  (the last N lines, 20 by default)\n".into(),
        },
    };
    let first = entries.len().saturating_sub(n);
    let width = entries.len().to_string().len();
    let mut out = String::new();
    for (i, e) in entries.iter().enumerate().skip(first) {
        out.push_str(&format!("{:>width$}: {e}\n", i + 1));
    }
    if out.is_empty() {
        out.push_str("(no history yet)\n");
    }
    out
}

/// The session so far, for `:save`: each statement and what it printed,
/// plain (no colour).
#[derive(Debug, Default)]
pub struct Transcript {
    entries: Vec<Entry>,
}

/// One statement of a [`Transcript`].
#[derive(Debug)]
enum Entry {
    /// A statement and what Python's prompt prints for it.
    Ran(String, String),
    /// A statement slicelab could not run (NotImplementedError): left out
    /// of the doctest, with a comment, since NumPy's output is unknown.
    Unrun(String),
}

impl Transcript {
    /// Remember `line` and its outcome. `help(...)` lines are left out:
    /// their text is slicelab's, not Python's.
    pub fn record(&mut self, line: &str, outcome: &Outcome) {
        if line.trim_start().starts_with("help(") {
            return;
        }
        if outcome
            .error
            .as_ref()
            .is_some_and(|e| e.kind == "NotImplementedError")
        {
            self.entries.push(Entry::Unrun(line.to_string()));
            return;
        }
        let mut text = outcome.output.clone();
        if let Some(err) = &outcome.error {
            text.push_str("Traceback (most recent call last):\n    ...\n");
            text.push_str(&format!("{err}\n"));
        }
        self.entries.push(Entry::Ran(line.to_string(), text));
    }

    /// Forget the newest statement written `line`: `:undo` took it back,
    /// so the saved session must not run it.
    pub fn forget(&mut self, line: &str) {
        if let Some(at) = self.entries.iter().rposition(|e| match e {
            Entry::Ran(l, _) | Entry::Unrun(l) => l == line,
        }) {
            self.entries.remove(at);
        }
    }

    /// A doctest: `>>> import numpy as np`, then each statement as
    /// `>>> STATEMENT` (its further lines after `... `) followed by its
    /// output, blank output lines written `<BLANKLINE>` as doctest wants.
    /// A statement slicelab could not run becomes a `#` comment.
    pub fn doctest(&self) -> String {
        let mut out = String::from(">>> import numpy as np\n");
        for entry in &self.entries {
            match entry {
                Entry::Ran(stmt, text) => {
                    for (i, l) in stmt.lines().enumerate() {
                        out.push_str(if i == 0 { ">>> " } else { "... " });
                        out.push_str(l);
                        out.push('\n');
                    }
                    for line in text.lines() {
                        out.push_str(if line.trim().is_empty() {
                            "<BLANKLINE>"
                        } else {
                            line
                        });
                        out.push('\n');
                    }
                }
                Entry::Unrun(stmt) => {
                    out.push_str("\n# left out, slicelab does not implement it yet:\n");
                    for l in stmt.lines() {
                        out.push_str(&format!("#     {l}\n"));
                    }
                    out.push('\n');
                }
            }
        }
        out
    }

    /// The doctest as a Python module: the transcript is the module's
    /// docstring, and running the file runs it (`python3 FILE`, or
    /// `python3 -m doctest FILE`).
    pub fn doctest_module(&self) -> String {
        let body = self.doctest();
        // A raw docstring keeps backslashes as typed; pick the quotes the
        // transcript does not contain.
        let quotes = if body.contains("\"\"\"") {
            "'''"
        } else {
            "\"\"\""
        };
        format!(
            "r{quotes}A slicelab session, saved as a doctest.\n\n{body}{quotes}\n\n\
             if __name__ == \"__main__\":\n    import doctest\n\n    doctest.testmod()\n"
        )
    }

    /// How many statements the saved file will run.
    fn statements(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| matches!(e, Entry::Ran(..)))
            .count()
    }

    /// `:save FILE`: a `.py` file is a doctest module
    /// ([`Transcript::doctest_module`]), anything else a doctest text file
    /// ([`Transcript::doctest`]).
    pub fn save(&self, arg: &str, palette: &Palette) -> String {
        let path = arg.trim();
        if path.is_empty() {
            return "usage: :save FILE  (FILE.py: a doctest module; other names: a doctest text file)\n".into();
        }
        let text = if path.ends_with(".py") {
            self.doctest_module()
        } else {
            self.doctest()
        };
        let n = self.statements();
        match std::fs::write(path, text) {
            Ok(()) => format!(
                "saved {n} statement{} to {path}; `python3 -m doctest {path}` runs it with NumPy\n",
                if n == 1 { "" } else { "s" }
            ),
            Err(e) => palette.error(&format!("cannot write {path}: {e}\n")),
        }
    }
}

/// How long `%timeit` may spend on its timed runs (after finding the loop
/// count), before it settles for fewer than 7 runs.
const TIMEIT_BUDGET: Duration = Duration::from_secs(5);
/// IPython's loop-count search stops at the first count taking this long.
const AUTORANGE_TARGET: Duration = Duration::from_millis(200);

/// `%timeit STATEMENT`: run it in the session (as IPython runs it in the
/// user namespace, so `%timeit a += 1` changes `a`) and report as IPython
/// does.
pub fn timeit(stmt_text: &str, session: &mut Session, palette: &Palette) -> String {
    let stmt_text = stmt_text.trim();
    if stmt_text.is_empty() {
        return "usage: %timeit STATEMENT\n".into();
    }
    let stmt = match parse_stmt(stmt_text) {
        Ok(s) => s,
        Err(e) => return syntax_error(stmt_text, &e, palette),
    };
    crate::engine::interrupt::clear();
    let mut time = |loops: u64| -> Result<Duration, String> {
        let start = Instant::now();
        for _ in 0..loops {
            // Ctrl-C between two runs stops the timing, as in IPython.
            if crate::engine::interrupt::requested() {
                crate::engine::interrupt::clear();
                return Err(palette.error("\nKeyboardInterrupt\n"));
            }
            session.exec_quietly(&stmt).map_err(|e| {
                // The terminal echoed `^C`: Python's word on its own line.
                let lead = if e.kind == "KeyboardInterrupt" {
                    "\n"
                } else {
                    ""
                };
                palette.error(&format!("{lead}{e}\n"))
            })?;
        }
        Ok(start.elapsed())
    };
    // IPython's autorange: 1, 2, 5, 10, 20, 50, ... loops until one count
    // takes at least 0.2 s.
    let mut loops = 1u64;
    'search: for exp in 0..10 {
        for base in [1u64, 2, 5] {
            loops = base * 10u64.pow(exp);
            match time(loops) {
                Ok(t) if t >= AUTORANGE_TARGET => break 'search,
                Ok(_) => {}
                Err(e) => return e,
            }
        }
    }
    // Then 7 runs of that many loops, fewer when they would take too long.
    let mut timings = Vec::new();
    let mut spent = Duration::ZERO;
    while timings.len() < 7 && (timings.is_empty() || spent < TIMEIT_BUDGET) {
        match time(loops) {
            Ok(t) => {
                spent += t;
                timings.push(t.as_secs_f64() / loops as f64);
            }
            Err(e) => return e,
        }
    }
    report(&timings, loops)
}

fn syntax_error(line: &str, e: &SyntaxError, palette: &Palette) -> String {
    let outcome = Outcome {
        error: Some(PyError::new(e.kind(), e.message.clone())),
        syntax_error_at: Some(e.offset),
        ..Outcome::default()
    };
    render_outcome(line, &outcome, palette)
}

/// IPython's line: `1.23 µs ± 45.6 ns per loop (mean ± std. dev. of 7
/// runs, 100,000 loops each)`, with its warning when the slowest run took
/// over four times the fastest.
fn report(timings: &[f64], loops: u64) -> String {
    let n = timings.len() as f64;
    let mean = timings.iter().sum::<f64>() / n;
    let std = (timings.iter().map(|t| (t - mean).powi(2)).sum::<f64>() / n).sqrt();
    let mut out = String::new();
    let best = timings.iter().copied().fold(f64::INFINITY, f64::min);
    let worst = timings.iter().copied().fold(0.0, f64::max);
    if worst > 4.0 * best && best > 0.0 && worst > 1e-6 {
        out.push_str(&format!(
            "The slowest run took {:.2} times longer than the fastest. \
             This could mean that an intermediate result is being cached.\n",
            worst / best
        ));
    }
    out.push_str(&format!(
        "{} ± {} per loop (mean ± std. dev. of {} run{}, {} loop{} each)\n",
        format_time(mean),
        format_time(std),
        timings.len(),
        if timings.len() == 1 { "" } else { "s" },
        thousands(loops),
        if loops == 1 { "" } else { "s" },
    ));
    out
}

/// IPython's `_format_time`: three significant digits in s, ms, µs or ns;
/// a minute or more as `1min 5s`.
pub fn format_time(seconds: f64) -> String {
    if seconds >= 60.0 {
        let mut parts = Vec::new();
        let mut left = seconds;
        for (suffix, len) in [("d", 86400.0), ("h", 3600.0), ("min", 60.0), ("s", 1.0)] {
            let v = (left / len).floor();
            if v > 0.0 {
                left %= len;
                parts.push(format!("{v}{suffix}"));
            }
            if left < 1.0 {
                break;
            }
        }
        return parts.join(" ");
    }
    let order = if seconds > 0.0 {
        let exp = seconds.log10().floor() as i64;
        (-exp.div_euclid(3)).min(3)
    } else {
        3
    };
    let (scale, unit) = match order {
        0 => (1.0, "s"),
        1 => (1e3, "ms"),
        2 => (1e6, "µs"),
        _ => (1e9, "ns"),
    };
    format!("{} {unit}", g3(seconds * scale))
}

/// Python's `'%.3g' % v`.
fn g3(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let sci = format!("{v:.2e}");
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let strip = |s: String| -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    if !(-4..3).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{}e{sign}{:02}", strip(mant.to_string()), exp.abs())
    } else {
        strip(format!("{v:.*}", (2 - exp).max(0) as usize))
    }
}

/// `100000` → `100,000`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_marks_ask_for_help() {
        assert_eq!(help_query("np.ix_?").as_deref(), Some("help(np.ix_)"));
        assert_eq!(
            help_query(" a.reshape?? ").as_deref(),
            Some("help(a.reshape)")
        );
        assert_eq!(help_query("?np.arange").as_deref(), Some("help(np.arange)"));
        assert_eq!(help_query("a[1]?"), None);
        assert_eq!(help_query("?"), None);
        assert_eq!(help_query("a = 1"), None);
    }

    #[test]
    fn times_read_as_ipython_writes_them() {
        assert_eq!(format_time(1.234e-6), "1.23 µs");
        assert_eq!(format_time(4.56e-8), "45.6 ns");
        assert_eq!(format_time(0.5), "500 ms");
        assert_eq!(format_time(2.0), "2 s");
        assert_eq!(format_time(12.25), "12.2 s");
        assert_eq!(format_time(0.0), "0 ns");
        assert_eq!(format_time(125.0), "2min 5s");
        assert_eq!(format_time(1.2e-10), "0.12 ns");
        assert_eq!(g3(999.6), "1e+03");
        assert_eq!(thousands(100000), "100,000");
        assert_eq!(thousands(1), "1");
    }

    #[test]
    fn report_has_ipython_shape() {
        let r = report(&[1.0e-6, 1.1e-6, 0.9e-6], 100_000);
        assert!(
            r.starts_with(
                "1 µs ± 81.6 ns per loop (mean ± std. dev. of 3 runs, 100,000 loops each)"
            ),
            "{r}"
        );
        let r = report(&[2.5], 1);
        assert_eq!(
            r,
            "2.5 s ± 0 ns per loop (mean ± std. dev. of 1 run, 1 loop each)\n"
        );
    }

    #[test]
    fn timeit_runs_in_the_session() {
        let mut s = Session::new();
        s.run("a = np.zeros(3)");
        let r = timeit("a += 1", &mut s, &Palette::new(false));
        assert!(r.contains(" per loop (mean ± std. dev. of "), "{r}");
        let out = s.run("bool(a[0] > 1)").output;
        assert_eq!(out, "True\n", "the statement ran in the session");
        let r = timeit("a[", &mut s, &Palette::new(false));
        assert!(r.contains("SyntaxError"), "{r}");
        let r = timeit("b + 1", &mut s, &Palette::new(false));
        assert_eq!(r, "NameError: name 'b' is not defined\n");
    }

    #[test]
    fn doctest_of_a_session() {
        let mut s = Session::new();
        let mut t = Transcript::default();
        for line in [
            "a = np.arange(3)",
            "a[1:]",
            "a[5]",
            "help(np.ix_)",
            "print('x\\n\\ny')",
        ] {
            let outcome = s.run(line);
            t.record(line, &outcome);
        }
        assert_eq!(
            t.doctest(),
            ">>> import numpy as np\n>>> a = np.arange(3)\n>>> a[1:]\narray([1, 2])\n\
             >>> a[5]\nTraceback (most recent call last):\n    ...\n\
             IndexError: index 5 is out of bounds for axis 0 with size 3\n\
             >>> print('x\\n\\ny')\nx\n<BLANKLINE>\ny\n"
        );
    }

    #[test]
    fn history_lists_the_last_entries_numbered() {
        let h: Vec<String> = (1..=12).map(|i| format!("x = {i}")).collect();
        assert_eq!(history("3", &h), "10: x = 10\n11: x = 11\n12: x = 12\n");
        assert!(history("", &h).starts_with(" 1: x = 1\n"));
        assert_eq!(history("", &[]), "(no history yet)\n");
        assert!(history("x", &h).starts_with("usage"));
    }
}
