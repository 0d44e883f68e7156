//! `slicelab lesson` driven through pipes, as a learner would use it:
//! wrong answers bring hints, every built-in lesson can be played to the
//! end, quitting midway resumes at the same step, progress survives a
//! corrupt file and travels by --export/--import, and --check names the
//! line of each problem. Each test has its own XDG_DATA_HOME.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{BIN, run_with_stdin, text};
use slicelab::lesson::{Guess, catalog};

fn temp_dir(name: &str) -> PathBuf {
    common::temp_dir("lesson", name)
}

/// Run `slicelab ARGS` with `input` piped to stdin and data under `home`.
fn slicelab(home: &Path, args: &[&str], input: &str) -> Output {
    run_with_stdin(
        Command::new(BIN)
            .args(args)
            .env("HOME", home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("NO_COLOR", "1"),
        input,
    )
}

fn progress(home: &Path) -> String {
    std::fs::read_to_string(home.join("data/slicelab/progress.txt")).unwrap_or_default()
}

#[test]
fn lesson_list_shows_every_name_and_progress() {
    let home = temp_dir("list");
    let out = slicelab(&home, &["lesson"], "");
    assert!(out.status.success());
    let shown = text(&out.stdout);
    for name in catalog::load(None).lessons.iter().map(|l| &l.name) {
        assert!(shown.contains(name.as_str()), "{name} missing:\n{shown}");
    }
    assert!(shown.contains("not started"));
    assert!(shown.contains("slicelab lesson NAME"));
}

#[test]
fn lesson_wrong_answers_get_hints_then_the_end() {
    let home = temp_dir("hints");
    let input = "w = a[1:3]\nw = a[2:5]\n:hint\nw = a[1:4]\n\
                 w[1] = 100\n:hint\nw[0] = 100\na\n\
                 True\n\
                 (2,)\ncopy\n[0, 2]\n\
                 e[:] = 0\n";
    let out = slicelab(&home, &["lesson", "views"], input);
    let shown = text(&out.stdout);
    assert!(out.status.success(), "{shown}{}", text(&out.stderr));
    assert!(
        shown.contains("Not yet: `w` should hold three elements. (:hint for a hint"),
        "{shown}"
    );
    assert!(shown.contains("Hint 1/3 (a nudge)"), "{shown}");
    assert!(shown.contains("Hint 2/3 (the rule)"), "{shown}");
    assert!(shown.contains("✗ shape (3,) — you said (2,)"), "{shown}");
    assert!(
        shown.contains("✗ VIEW: it shares memory with a — you said copy"),
        "{shown}"
    );
    assert!(shown.contains("You predicted 0 of 3 right."), "{shown}");
    assert!(shown.contains("Lesson `views` complete"), "{shown}");
    assert!(progress(&home).contains("views step=5 done"));
}

#[test]
fn lesson_quit_midway_resumes_at_the_same_step() {
    let home = temp_dir("resume");
    let out = slicelab(&home, &["lesson", "copy"], "safe = a[:4].copy()\n:quit\n");
    assert!(text(&out.stdout).contains("Progress saved at step 2 of 6"));
    assert!(progress(&home).contains("copy step=1"));
    let out = slicelab(&home, &["lesson", "copy"], ":names\n");
    let shown = text(&out.stdout);
    assert!(shown.contains("Resuming at step 2 of 6"), "{shown}");
    assert!(shown.contains("Step 2/6: Changing the copy"), "{shown}");
    // The earlier answer was replayed, so the learner's names are there.
    assert!(shown.contains("safe: numpy.ndarray"), "{shown}");
    // Ctrl-D (end of input) also keeps the place.
    assert!(progress(&home).contains("copy step=1"));
}

#[test]
fn lesson_done_once_starts_again_then_resumes() {
    let home = temp_dir("again");
    let solutions = "w = a[1:4]
w[0] = 100
a
True
(3,)
view
[0, 2, 4]
e[:] = 0
";
    slicelab(&home, &["lesson", "views"], solutions);
    assert!(progress(&home).contains("views step=5 done"));
    let shown = text(
        &slicelab(
            &home,
            &["lesson", "views"],
            "w = a[1:4]
:quit
",
        )
        .stdout,
    );
    assert!(shown.contains("You finished this lesson before"), "{shown}");
    assert!(progress(&home).contains("views step=1 done"));
    let shown = text(
        &slicelab(
            &home,
            &["lesson", "views"],
            ":quit
",
        )
        .stdout,
    );
    assert!(shown.contains("Resuming at step 2 of 5"), "{shown}");
    let listed = text(&slicelab(&home, &["lesson"], "").stdout);
    assert!(listed.contains("done (again: step 2/5)"), "{listed}");
}

#[test]
fn lesson_back_skip_and_reset() {
    let home = temp_dir("nav");
    let input = ":skip\n:back\n:reset\nsafe = a\n:goal\n:quit\n";
    let shown = text(&slicelab(&home, &["lesson", "copy"], input).stdout);
    assert!(
        shown.contains(">>> safe = a[:4].copy()\nSkipped"),
        "{shown}"
    );
    assert!(
        shown.contains("Your names are back as this step found them."),
        "{shown}"
    );
    assert!(shown.contains("yours now"), "{shown}");
    assert!(shown.contains("array([0, 1, 2, 3])"), "{shown}");
    assert!(
        shown.contains("✗ not np.shares_memory(safe, a)\n"),
        "{shown}"
    );
    assert!(
        shown.contains(
            "✗ (safe == np.arange(4)).all()  (ValueError: operands could not be broadcast"
        ),
        "{shown}"
    );
    assert!(shown.contains("Progress saved at step 1 of 6"), "{shown}");
}

#[test]
fn every_lesson_can_be_played_to_the_end() {
    let home = temp_dir("all");
    for lesson in catalog::load(None).lessons {
        let mut input = String::new();
        for step in &lesson.steps {
            match &step.predict {
                Some(p) => {
                    for g in &p.ask {
                        input.push_str(match g {
                            Guess::Shape => "()\n",
                            Guess::View => "view\n",
                            Guess::Values => "0\n",
                        });
                    }
                }
                None => {
                    for s in &step.solutions {
                        input.push_str(&s.text);
                        input.push('\n');
                    }
                }
            }
        }
        let out = slicelab(&home, &["lesson", &lesson.name], &input);
        let shown = text(&out.stdout);
        let done = format!("Lesson `{}` complete", lesson.name);
        assert!(shown.contains(&done), "{}:\n{shown}", lesson.name);
    }
    let listed = text(&slicelab(&home, &["lesson"], "").stdout);
    assert!(!listed.contains("not started"), "{listed}");
}

#[test]
fn lesson_corrupt_progress_is_kept_aside_and_slicelab_goes_on() {
    let home = temp_dir("corrupt");
    let dir = home.join("data/slicelab");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("progress.txt"), "\u{0}\u{1}not progress\n").unwrap();
    let out = slicelab(&home, &["lesson", "views"], "w = a[1:4]\n:quit\n");
    assert!(out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("warning:") && err.contains("progress.txt.corrupt-1"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("progress.txt.corrupt-1")).unwrap(),
        "\u{0}\u{1}not progress\n"
    );
    assert!(progress(&home).contains("views step=1"));
}

#[test]
fn lesson_progress_exports_and_imports() {
    let home = temp_dir("export");
    slicelab(&home, &["lesson", "views"], "w = a[1:4]\n:quit\n");
    let file = home.join("mine.txt");
    let out = slicelab(&home, &["lesson", "--export", file.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let other = temp_dir("import");
    let out = slicelab(&other, &["lesson", "--import", file.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(progress(&other), progress(&home));
    std::fs::write(&file, "nonsense\n").unwrap();
    let out = slicelab(&other, &["lesson", "--import", file.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("line 1: expected `# slicelab progress 1`"));
    assert!(
        progress(&other).contains("views step=1"),
        "a bad import must keep progress"
    );
}

#[test]
fn lesson_check_names_file_and_line() {
    let home = temp_dir("check");
    let bad = home.join("bad.lesson");
    std::fs::write(
        &bad,
        "# Bad\n## One\nrun: a = np.arange(4)\ntask: t\nchek: a[0] == 1\nhint: h\nsolution: a[0] = 1\n",
    )
    .unwrap();
    let out = slicelab(&home, &["lesson", "--check", bad.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("bad.lesson:5: unknown directive `chek:`"),
        "{err}"
    );
    std::fs::write(
        &bad,
        "# Bad\n## One\nrun: a = np.arange(4)\ntask: t\ncheck: a[0] == 2\nhint: h\nsolution: a[0] = 1\n",
    )
    .unwrap();
    let out = slicelab(&home, &["lesson", "--check", bad.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("bad.lesson:5: `check: a[0] == 2` is false after the solution"),
        "{err}"
    );
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons/incident.lesson");
    let out = slicelab(&home, &["lesson", "--check", good.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn lesson_unknown_name_is_an_error_listing_the_names() {
    let home = temp_dir("unknown");
    let out = slicelab(&home, &["lesson", "nosuch"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no lesson called `nosuch`; the lessons are: views, copy"));
}

#[test]
fn lesson_a_user_lesson_loads_and_a_broken_one_is_named() {
    let home = temp_dir("user");
    let dir = home.join("data/slicelab/lessons");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("mine.lesson"),
        "# Mine\n## S\ntask: t\ncheck: b == 1\nhint: h\nsolution: b = 1\n",
    )
    .unwrap();
    std::fs::write(dir.join("broken.lesson"), "# Broken\n## S\ntask: t\n").unwrap();
    let out = slicelab(&home, &["lesson"], "");
    let shown = text(&out.stdout);
    assert!(shown.contains("mine"), "{shown}");
    assert!(
        shown.contains("broken.lesson:2: this task step has no `check:` line"),
        "{shown}"
    );
    let out = slicelab(&home, &["lesson", "mine"], "b = 1\n");
    assert!(text(&out.stdout).contains("Lesson `mine` complete"));
}

#[test]
fn lesson_from_the_plain_prompt_keeps_the_prompts_names() {
    let home = temp_dir("prompt");
    let input = "a = 'mine'\n:lesson\n:lesson views\nw = a[1:4]\n:quit\na\n:lesson nosuch\n";
    let out = slicelab(&home, &[], input);
    let shown = text(&out.stdout);
    assert!(out.status.success(), "{shown}");
    assert!(shown.contains("│ views"), "{shown}");
    assert!(shown.contains("✓ Step done."), "{shown}");
    assert!(shown.contains("Progress saved at step 2 of 5"), "{shown}");
    assert!(shown.ends_with("'mine'\nno lesson called `nosuch`; the lessons are: views, copy, fancy, chained, masks, newaxis, mixed, strides, windows, ix, fields, functions, split, debugging, myths, cow, shuffle, incident\n"), "{shown}");
}

#[test]
fn lesson_progress_survives_a_killed_process() {
    let home = temp_dir("killed");
    let mut child = Command::new(BIN)
        .args(["lesson", "views"])
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"w = a[1:4]\n").unwrap();
    stdin.flush().unwrap();
    let start = std::time::Instant::now();
    while !progress(&home).contains("views step=1") && start.elapsed().as_secs() < 10 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(progress(&home), "# slicelab progress 1\nviews step=1\n");
    let leftovers: Vec<_> = std::fs::read_dir(home.join("data/slicelab"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let shown = text(&slicelab(&home, &["lesson", "views"], ":quit\n").stdout);
    assert!(shown.contains("Resuming at step 2 of 5"), "{shown}");
}

#[test]
fn lesson_predict_questions_are_asked_until_answered_and_commands_spend_no_guess() {
    let home = temp_dir("predict");
    // Step 3 predicts `w.base is a`; step 4 asks shape, view, values.
    let input = "w = a[1:4]\nw[0] = 100\n\n\
                 x = 1\nundefined_name\n:goal\nw.base is a\nyes\n\
                 two\n:hint\n(3,)\nmaybe\nview\na[::2]\n[0, 2, 4]\n:quit\n";
    let out = slicelab(&home, &["lesson", "views"], input);
    let shown = text(&out.stdout);
    assert!(out.status.success(), "{shown}");
    // Enter after the task went on without the look.
    assert!(
        shown.contains("Now look, as the task says (e.g. `a`)"),
        "{shown}"
    );
    assert!(
        shown.contains("type the values as an expression"),
        "{shown}"
    );
    assert!(shown.contains("that raised NameError"), "{shown}");
    // `:goal` showed its table and the question came back.
    assert!(shown.contains("yours now"), "{shown}");
    // Typing the statement back is not a guess.
    assert!(shown.contains("statement reads `w` itself"), "{shown}");
    assert!(shown.contains("statement reads `a` itself"), "{shown}");
    assert!(shown.contains("✓ values — you said yes"), "{shown}");
    assert!(shown.contains("type a shape as whole numbers"), "{shown}");
    assert!(shown.contains("type VIEW or COPY"), "{shown}");
    // All three were right.
    assert!(shown.contains("You predicted 3 of 3 right."), "{shown}");
    // The explanation comes after the guess.
    let guess_at = shown.find("You predicted 3 of 3").unwrap();
    let why_at = shown
        .find("a bigger\n")
        .or_else(|| shown.find("stride)"))
        .unwrap();
    assert!(why_at > guess_at, "{shown}");
}

#[test]
fn lesson_rebinding_is_told_apart_from_a_write() {
    let home = temp_dir("rebind");
    let input = ":skip\n:skip\n:skip\n:skip\ne = 0\n:quit\n";
    let shown = text(&slicelab(&home, &["lesson", "views"], input).stdout);
    assert!(
        shown.contains("`e = ...` made the name `e` stand for a new value"),
        "{shown}"
    );
}

#[test]
fn lesson_finished_leaves_a_summary_and_the_learner_at_the_prompt() {
    let home = temp_dir("finish");
    let input = "w = a[1:4]\nw[0] = 100\na\nTrue\n(3,)\nview\n[0, 2, 4]\ne[:] = 0\na\nw\n";
    let out = slicelab(&home, &["lesson", "views"], input);
    let shown = text(&out.stdout);
    assert!(out.status.success(), "{shown}");
    assert!(shown.contains("tasks done first try: 3 of 3"), "{shown}");
    assert!(shown.contains("predictions right:    4 of 4"), "{shown}");
    assert!(shown.contains("Next: `:lesson copy`"), "{shown}");
    // After the lesson, `w` is still bound at the plain prompt.
    assert!(shown.ends_with("\narray([100,   0,   3])\n"), "{shown}");
}
