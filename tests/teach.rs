//! The teaching view: verdicts against NumPy's own `np.shares_memory`, and
//! snapshots of the summary, diagram and alerts a learner sees.

use slicelab::eval::Session;
use slicelab::repl::Palette;
use slicelab::teach::Teacher;

/// Run `lines` with teaching on; the text of the last one (output + view).
fn teach(lines: &[&str], width: usize) -> String {
    let mut session = Session::new();
    let mut teacher = Teacher::new();
    let palette = Palette::new(false);
    let mut last = String::new();
    for line in lines {
        let (outcome, text) = teacher.run_and_render(&mut session, line, &palette, width);
        assert!(outcome.error.is_none(), "{line}: {:?}", outcome.error);
        last = format!(">>> {line}\n{}{text}", outcome.output);
    }
    stable_ids(&last)
}

/// Buffer ids come from a process-wide counter (tests run in parallel):
/// `#12` becomes `#N` so snapshots do not depend on test order.
fn stable_ids(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '#' && chars.peek().is_some_and(|d| d.is_ascii_digit()) {
            while chars.peek().is_some_and(|d| d.is_ascii_digit()) {
                chars.next();
            }
            out.push('N');
        }
    }
    out
}

/// NumPy's transcript as (statement, output) pairs.
fn transcript(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(stmt) = line.strip_prefix(">>> ") {
            out.push((stmt.to_string(), String::new()));
        } else if let Some(last) = out.last_mut() {
            last.1.push_str(line);
            last.1.push('\n');
        }
    }
    out
}

#[test]
fn verdicts_agree_with_numpy_shares_memory() {
    let expected = transcript(include_str!("teach/verdicts.expected"));
    let mut session = Session::new();
    let mut teacher = Teacher::new();
    let mut last_verdict = None;
    let mut checked = 0;
    for (stmt, numpy_says) in &expected {
        let step = teacher.run(&mut session, stmt);
        assert!(
            step.outcome.error.is_none(),
            "{stmt}: {:?}",
            step.outcome.error
        );
        if stmt.starts_with("np.shares_memory(") {
            let (line, kind): &(String, slicelab::teach::Kind) =
                last_verdict.as_ref().expect("a verdict before each check");
            let truth = numpy_says.trim() == "True";
            assert_eq!(
                kind.shares_memory(),
                truth,
                "`{line}` was judged {} but NumPy's {stmt} is {truth}",
                kind.word()
            );
            checked += 1;
        } else if stmt.starts_with("r = ") {
            let r = step.report.results.first().expect("r is an array");
            last_verdict = Some((stmt.clone(), r.verdict.kind));
        }
    }
    assert!(checked >= 50, "{checked}");
}

const A: &str = "a = np.arange(12).reshape(3, 4)";

#[test]
fn snapshot_basic_slice() {
    insta::assert_snapshot!(teach(&[A, "v = a[1:, 2:]"], 80));
}

#[test]
fn snapshot_step_slice() {
    insta::assert_snapshot!(teach(&[A, "v = a[::2, ::2]"], 80));
}

#[test]
fn snapshot_negative_step() {
    insta::assert_snapshot!(teach(&[A, "v = a[:, ::-1]"], 80));
}

#[test]
fn snapshot_integer_array_index() {
    insta::assert_snapshot!(teach(&[A, "c = a[[2, 0]]"], 80));
}

#[test]
fn snapshot_mask() {
    insta::assert_snapshot!(teach(&[A, "m = a[a % 3 == 0]"], 80));
}

#[test]
fn snapshot_mixed_index() {
    insta::assert_snapshot!(teach(&[A, "d = a[1:, [0, 3]]"], 80));
}

#[test]
fn snapshot_mixed_index_quirk_explained() {
    let mut session = Session::new();
    let mut teacher = Teacher::new();
    let p = Palette::new(false);
    teacher.run(&mut session, A);
    teacher.run(&mut session, "d = a[:, [0, 1]]");
    insta::assert_snapshot!(teacher.command(":explain", &mut session, &p, 80).unwrap());
}

#[test]
fn snapshot_newaxis() {
    insta::assert_snapshot!(teach(&[A, "n = a[:, np.newaxis]"], 80));
}

#[test]
fn snapshot_reshape_copy() {
    insta::assert_snapshot!(teach(&[A, "t = a.T.reshape(12)"], 80));
}

#[test]
fn snapshot_field_view() {
    insta::assert_snapshot!(teach(
        &[
            "s = np.zeros(4, dtype=[('x', 'i4'), ('y', 'f8')])",
            "y = s['y']"
        ],
        80
    ));
}

#[test]
fn snapshot_broadcast_to() {
    insta::assert_snapshot!(teach(&[A, "r = np.broadcast_to(a[0], (3, 4))"], 80));
}

#[test]
fn snapshot_alert_after_write_through_view() {
    insta::assert_snapshot!(teach(
        &[
            A,
            "v = a[1:, 2:]",
            "w = a[:, 2]",
            "c = a.copy()",
            "v[0, 0] = 99"
        ],
        80
    ));
}

#[test]
fn writing_the_same_value_alerts_nobody() {
    let text = teach(&[A, "v = a[1:, 2:]", "v[0, 0] = 6"], 80);
    assert!(!text.contains("also changed"), "{text}");
}

#[test]
fn huge_buffer_is_drawn_to_scale() {
    insta::assert_snapshot!(teach(
        &["a = np.zeros(10**7)", "v = a[2_000_000:9_000_000:3]"],
        80
    ));
}

#[test]
fn undo_restores_cells_and_names() {
    let mut session = Session::new();
    let mut teacher = Teacher::new();
    let p = Palette::new(false);
    teacher.run(&mut session, A);
    teacher.run(&mut session, "v = a[1:]");
    teacher.run(&mut session, "v += 100");
    teacher.run(&mut session, "a = 5");
    let undo = teacher.command(":undo", &mut session, &p, 80).unwrap();
    assert!(undo.contains("a = 5"), "{undo}");
    let undo = teacher.command(":undo", &mut session, &p, 80).unwrap();
    assert!(undo.contains("v += 100"), "{undo}");
    let a = session.run("a");
    assert_eq!(
        a.output,
        "array([[ 0,  1,  2,  3],\n       [ 4,  5,  6,  7],\n       [ 8,  9, 10, 11]])\n"
    );
}

#[test]
fn where_shows_the_offset_arithmetic() {
    let mut session = Session::new();
    let mut teacher = Teacher::new();
    let p = Palette::new(false);
    teacher.run(&mut session, A);
    teacher.run(&mut session, "w = a[::2, ::-1]");
    let text = teacher.command(":where w[1, 0]", &mut session, &p, 80);
    insta::assert_snapshot!(stable_ids(&text.unwrap()));
}

#[test]
fn vars_table_fits_80_columns() {
    let mut session = Session::new();
    let mut teacher = Teacher::new();
    let p = Palette::new(false);
    for l in [A, "v = a[1:]", "c = a[[0]]", "x = 3"] {
        teacher.run(&mut session, l);
    }
    let t = teacher.command(":vars", &mut session, &p, 80).unwrap();
    assert!(t.lines().all(|l| l.chars().count() <= 80), "{t}");
    for word in ["VIEW", "COPY", "unnamed", "| v ", "| x "] {
        assert!(t.contains(word), "{word} in {t}");
    }
}

#[test]
fn everything_fits_40_columns() {
    let text = teach(&[A, "v = a[:, ::-1]"], 40);
    assert!(
        text.lines().skip(1).all(|l| l.chars().count() <= 40),
        "{text}"
    );
}

#[test]
fn diagram_command_draws_a_named_2d_array_as_a_grid() {
    let mut session = Session::new();
    let mut teacher = Teacher::new();
    let p = Palette::new(false);
    teacher.run(&mut session, A);
    teacher.run(&mut session, "v = a[:, 1]");
    let text = teacher.command(":diagram v", &mut session, &p, 80).unwrap();
    insta::assert_snapshot!(stable_ids(&text));
}

#[test]
fn annotate_off_leaves_plain_numpy() {
    let mut session = Session::new();
    let mut teacher = Teacher::new();
    let p = Palette::new(false);
    teacher.command(":annotate off", &mut session, &p, 80);
    let (_, text) = teacher.run_and_render(&mut session, A, &p, 80);
    assert_eq!(text, "");
}

#[test]
fn empty_selection_is_not_a_view() {
    let mut session = Session::new();
    let mut teacher = Teacher::new();
    teacher.run(&mut session, A);
    let step = teacher.run(&mut session, "e = a[2:2]");
    assert_eq!(step.report.results[0].verdict.kind.word(), "EMPTY");
}

#[test]
fn a_field_write_alerts_the_records_and_other_field_views() {
    let text = teach(
        &[
            "s = np.zeros(3, dtype=[('x', 'i4'), ('y', 'f8')])",
            "xy = s[['x', 'y']]",
            "y = s['y']",
            "x = s['x']",
            "y[1] = 5",
        ],
        80,
    );
    assert!(text.contains("s[1]  (0, 0.0) → (0, 5.0)"), "{text}");
    assert!(text.contains("xy[1]"), "{text}");
    assert!(!text.contains("x[1]"), "x did not change: {text}");
}
