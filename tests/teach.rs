//! The teaching view: verdicts against NumPy's own `np.shares_memory`, and
//! snapshots of the summary, diagram and alerts a learner sees.

use slicelab::eval::Session;
use slicelab::style::Palette;
use slicelab::teach::{Kind, Teacher};

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
    last
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
        } else if stmt.starts_with("r = ") || stmt.contains("r, ") {
            let r = step
                .report
                .results
                .iter()
                .find(|r| r.label == "r")
                .expect("r is an array");
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
    insta::assert_snapshot!(text.unwrap());
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
    for word in ["VIEW", "COPY", "unnamed", "| v ", "other names: x (int)"] {
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
    insta::assert_snapshot!(text);
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
    assert!(
        text.contains("s (1 cell): s[1] (0, 0.0) → (0, 5.0)"),
        "{text}"
    );
    assert!(text.contains("xy[1]"), "{text}");
    assert!(!text.contains("x[1]"), "x did not change: {text}");
}

/// The names the teaching view says a statement changed: those it wrote
/// in place, the others it alerts about, and those whose shape or flags
/// changed.
fn changed_names(report: &slicelab::teach::Report) -> Vec<String> {
    let mut names: Vec<String> = report
        .wrote
        .iter()
        .chain(&report.alerts)
        .map(|a| a.name.clone())
        .chain(
            report
                .state_changes
                .iter()
                .filter_map(|l| l.split('.').next().map(str::to_string)),
        )
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn changed_names_agree_with_numpy_after_every_kind_of_writer() {
    let expected = transcript(include_str!("teach/changes.expected"));
    let mut session = Session::new();
    let mut teacher = Teacher::new();
    let mut wrong = Vec::new();
    for (stmt, numpy_says) in &expected {
        let step = teacher.run(&mut session, stmt);
        let truth = numpy_says.trim();
        if let Some(class) = truth.strip_prefix("error: ") {
            let got = step.outcome.error.as_ref().map(|e| e.kind.as_str());
            assert_eq!(got, Some(class), "{stmt}");
            continue;
        }
        assert!(
            step.outcome.error.is_none(),
            "{stmt}: {:?}",
            step.outcome.error
        );
        let truth: Vec<String> = truth
            .trim_start_matches("changed:")
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let said = changed_names(&step.report);
        if said != truth {
            wrong.push(format!(
                "{stmt}: NumPy changed {truth:?}, slicelab said {said:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every array name's repr, shape and writeable flag, as the session shows
/// them.
fn state(session: &mut Session) -> Vec<(String, String)> {
    let names: Vec<String> = session
        .names()
        .into_iter()
        .filter(|(_, v)| matches!(v, slicelab::eval::Value::Array(_)))
        .map(|(k, _)| k)
        .collect();
    names
        .into_iter()
        .map(|n| {
            let shown = session
                .run(&format!("({n}, {n}.shape, {n}.flags.writeable)"))
                .output;
            (n, shown)
        })
        .collect()
}

#[test]
fn undo_takes_back_one_statement_at_a_time_through_every_writer() {
    let expected = transcript(include_str!("teach/changes.expected"));
    let mut session = Session::new();
    let mut teacher = Teacher::new();
    let palette = Palette::new(false);
    let mut states = Vec::new();
    for (stmt, _) in &expected {
        states.push((stmt.clone(), state(&mut session)));
        teacher.run(&mut session, stmt);
    }
    while let Some((stmt, before)) = states.pop() {
        let said = teacher
            .command(":undo", &mut session, &palette, 80)
            .expect(":undo is a command");
        assert!(said.starts_with("undid"), "{stmt}: {said}");
        assert_eq!(state(&mut session), before, "after undoing `{stmt}`");
    }
}

#[test]
fn a_subscript_runs_once_with_the_teaching_view_on() {
    let mut session = Session::new();
    let mut teacher = Teacher::new();
    for line in [
        "a = np.arange(6)",
        "l = [1, 2, 3]",
        "a[l.pop()] = 9",
        "c = a[[l.pop()]]",
    ] {
        teacher.run(&mut session, line);
    }
    let shown = session.run("(a, c, l)").output;
    assert_eq!(shown, "(array([0, 1, 2, 9, 4, 5]), array([2]), [1])\n");
}

/// Every statement of `source` (one a line; blank and `#` lines skipped).
fn statements(source: &str) -> impl Iterator<Item = &str> {
    source
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// Run `source` twice, with the teaching view rendered after every
/// statement (as `slicelab FILE` does) and plainly (as `--transcript`
/// does): every statement must print the same and raise the same.
fn same_with_teaching_on(label: &str, source: &str) {
    let mut taught = Session::new();
    let mut plain = Session::new();
    let mut teacher = Teacher::new();
    let palette = Palette::new(false);
    for line in statements(source) {
        let (with_view, _) = teacher.run_and_render(&mut taught, line, &palette, 80);
        let without = plain.run(line);
        assert_eq!(with_view.output, without.output, "{label}: `{line}`");
        assert_eq!(with_view.error, without.error, "{label}: `{line}`");
    }
}

#[test]
fn the_teaching_view_never_changes_a_value_over_the_corpus() {
    let dirs = ["tests/teach/corpus", "tests/conformance"];
    let mut files = 0;
    for dir in dirs {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .expect("the corpus folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "session"))
            .collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).expect("a session file");
            // Sessions that write files run only in the conformance
            // harness's scratch directory (this process's working
            // directory is the repository).
            if text.starts_with("# writes files") {
                continue;
            }
            same_with_teaching_on(&p.display().to_string(), &text);
            files += 1;
        }
    }
    assert!(files >= 30, "only {files} session files found");
}

#[test]
fn snapshot_write_into_a_temporary_copy() {
    insta::assert_snapshot!(teach(
        &[
            "temps = np.array([18, 25, 31, 12, 22])",
            "temps[temps > 20][0] = 0"
        ],
        80
    ));
}

#[test]
fn snapshot_fancy_write_into_a_temporary_copy() {
    insta::assert_snapshot!(teach(&[A, "a[[0, 1]][0] = 55"], 80));
}

#[test]
fn snapshot_masked_write_counts_cells_in_place() {
    insta::assert_snapshot!(teach(&[A, "v = a[:, 1:]", "a[a % 5 == 0] = -1"], 80));
}

#[test]
fn snapshot_region_alert() {
    insta::assert_snapshot!(teach(&[A, "t = a.T", "a[1:3, 1:4] = 0"], 80));
}

#[test]
fn snapshot_rebinding_is_not_a_write() {
    insta::assert_snapshot!(teach(&[A, "e = a[0]", "e = 0"], 80));
}

#[test]
fn snapshot_shape_change_in_place() {
    insta::assert_snapshot!(teach(&[A, "a.shape = (4, 3)"], 80));
}

#[test]
fn out_argument_alerts_views() {
    let text = teach(&[A, "v = a[1]", "np.add(a, 1, out=a)"], 80);
    assert!(text.contains("also changed"), "{text}");
    assert!(text.contains("v (4 cells)"), "{text}");
}

#[test]
fn undo_puts_back_a_shape_and_counts_statements_that_changed_nothing() {
    let mut session = Session::new();
    let mut teacher = Teacher::new();
    let p = Palette::new(false);
    teacher.run(&mut session, A);
    teacher.run(&mut session, "a.shape = (2, 6)");
    teacher.run(&mut session, "a.sum()");
    let undo = teacher.command(":undo", &mut session, &p, 80).unwrap();
    assert!(undo.contains("a.sum()"), "{undo}");
    teacher.command(":undo", &mut session, &p, 80).unwrap();
    assert_eq!(session.run("a.shape").output, "(3, 4)\n");
}

#[test]
fn setting_dtype_is_reported_and_undone() {
    let mut session = Session::new();
    let mut teacher = Teacher::new();
    let p = Palette::new(false);
    teacher.run(&mut session, "x = np.array([1, 2, 3, 4], dtype=np.uint8)");
    teacher.run(&mut session, "c = x");
    let step = teacher.run(&mut session, "x.dtype = np.int16");
    let text = step.report.state_changes.join("\n");
    assert!(text.contains("c.dtype uint8 → int16"), "{text}");
    assert!(text.contains("x.dtype uint8 → int16"), "{text}");
    assert!(text.contains("x.shape (4,) → (2,)"), "{text}");
    teacher.command(":undo", &mut session, &p, 80).unwrap();
    assert_eq!(
        session.run("c").output,
        "array([1, 2, 3, 4], dtype=uint8)\n"
    );
}

#[test]
fn as_strided_refuses_strides_past_the_buffer() {
    let mut session = Session::new();
    session.run("from numpy.lib.stride_tricks import as_strided");
    session.run("a = np.arange(6)");
    let out = session.run("as_strided(a, shape=(4,), strides=(16,))");
    let err = out.error.expect("an error, not made-up values");
    assert_eq!(err.kind, "ValueError");
    assert!(err.message.contains("does not own"), "{}", err.message);
    let ok = session.run("as_strided(a[1:], shape=(2,), strides=(32,))");
    assert_eq!(ok.output, "array([1, 5])\n");
}

#[test]
fn snapshot_three_d_owner_drawn_as_slabs() {
    insta::assert_snapshot!(teach(
        &["a = np.arange(24).reshape(2, 3, 4)", "v = a[:, 1:, ::2]"],
        80
    ));
}

#[test]
fn snapshot_wider_view_marks_every_cell_it_covers() {
    insta::assert_snapshot!(teach(
        &[
            "b = np.arange(8, dtype=np.int32)",
            "c = b[2:].view(np.int64)"
        ],
        80
    ));
}

#[test]
fn snapshot_overlapping_windows_count_their_reads() {
    insta::assert_snapshot!(teach(
        &[
            "a = np.arange(6)",
            "w = np.lib.stride_tricks.sliding_window_view(a, 3)"
        ],
        80
    ));
}

#[test]
fn a_narrower_view_shares_cells_without_reading_bytes_twice() {
    // Two int32 elements sit in each int64 cell: no byte is read twice.
    let text = teach(&["x = np.arange(4)", "z = x.view(np.int32)"], 80);
    assert!(!text.contains("more than once"), "{text}");
    let text = teach(
        &[
            "x = np.arange(4)",
            "z = np.lib.stride_tricks.as_strided(x.view(np.int32), (7,), (4,))",
        ],
        80,
    );
    assert!(!text.contains("more than once"), "{text}");
}

#[test]
fn an_array_over_a_memoryview_is_drawn_in_its_owner_buffer() {
    let text = teach(&["x = np.arange(4)", "y = np.asarray(x.data)"], 80);
    assert!(text.contains("owned by x"), "{text}");
    assert!(text.contains("x owns the buffer"), "{text}");
    assert!(!text.contains("y owns"), "{text}");
}

#[test]
fn buffers_are_numbered_in_the_order_the_learner_saw_them() {
    // The arithmetic makes temporaries the learner never sees: they take
    // no number.
    let text = teach(&["t = (np.arange(5) * 2 + 1) * 3", "u = np.ones(3)"], 80);
    assert!(
        text.contains("u has its own new buffer #2, shared with nothing"),
        "{text}"
    );
}

#[test]
fn a_write_through_overlapping_windows_alerts_the_source() {
    let text = teach(
        &[
            "a = np.arange(6)",
            "w = np.lib.stride_tricks.sliding_window_view(a, 3, writeable=True)",
            "w[1, 0] = 50",
        ],
        80,
    );
    assert!(text.contains("a (1 cell)"), "{text}");
}

#[test]
fn verdicts_read_what_was_evaluated_not_the_spelling() {
    let mut session = Session::new();
    let mut teacher = Teacher::new();
    teacher.run(&mut session, "a = np.arange(6)");
    teacher.run(&mut session, "keep = np.isin(a, [1, 4])");
    teacher.run(&mut session, "rows = [0, 2]");
    let mut verdict_of = |stmt: &str| {
        let step = teacher.run(&mut session, stmt);
        assert!(step.outcome.error.is_none(), "{stmt}");
        let r = step.report.results.first().expect("an array result");
        (r.verdict.kind, r.verdict.rule.clone())
    };
    // A list made into an array was never an array: NEW, not a copy.
    assert_eq!(verdict_of("b = np.array([1, 2, 3])").0, Kind::New);
    assert_eq!(verdict_of("b = np.array([[1, 2], [3, 4]])").0, Kind::New);
    assert_eq!(verdict_of("c = np.array(a)").0, Kind::Copy);
    assert_eq!(verdict_of("c = np.concatenate([a, a])").0, Kind::Copy);
    // Index kinds by the index's dtype: masks however they were built.
    for stmt in [
        "d = a[np.logical_and(a > 1, a < 4)]",
        "d = a[keep]",
        "d = a[np.isin(a, [1, 4])]",
        "d = a[[True, False, True, False, True, False]]",
    ] {
        let (kind, rule) = verdict_of(stmt);
        assert_eq!(kind, Kind::Copy, "{stmt}");
        assert!(rule.starts_with("boolean mask"), "{stmt}: {rule}");
    }
    let (kind, rule) = verdict_of("d = a[rows]");
    assert_eq!(kind, Kind::Copy);
    assert!(rule.starts_with("integer-array index"), "{rule}");
    let (kind, rule) = verdict_of("d = a[range(1, 3)]");
    assert_eq!(kind, Kind::Copy);
    assert!(rule.starts_with("integer-array index"), "{rule}");
    let (kind, rule) = verdict_of("d = a[np.nonzero(a > 2)]");
    assert_eq!(kind, Kind::Copy);
    assert!(rule.starts_with("integer-array index"), "{rule}");
}

#[test]
fn a_write_inside_a_learners_function_is_named_at_the_call() {
    let text = teach(
        &[
            "X = np.arange(6.0)",
            "train = X[:4]",
            "def normalize(x):\n    x -= x.mean()\n    return x",
            "t = normalize(train)",
        ],
        80,
    );
    let call = text
        .split(">>> t = normalize(train)")
        .nth(1)
        .expect("the call's view");
    assert!(
        call.contains("! normalize(train) wrote in place and changed:"),
        "{call}"
    );
    assert!(call.contains("    X (4 cells): X[0:4]"), "{call}");
    assert!(call.contains("    train (4 cells)"), "{call}");
    // `t` is bound by this statement: it did not change, it is new.
    assert!(!call.contains("    t (4 cells)"), "{call}");
}

#[test]
fn a_line_of_several_statements_judges_each_assignment() {
    let text = teach(
        &[
            "X = np.arange(8.0).reshape(4, 2)",
            "t2 = X.copy()[:3]; v = X[1:]; w = v[::2]; u = 1; u = X[0]",
        ],
        80,
    );
    for want in [
        "t2: (3, 2) float64 · COPY from X · a view of a new array made from X",
        "v: (3, 2) float64 · VIEW of X · basic slicing → view",
        "w: (2, 2) float64 · VIEW of v",
    ] {
        assert!(text.contains(want), "{want} in {text}");
    }
    // `u` is bound twice on the line: its verdict is left out.
    assert!(!text.contains("\nu: "), "{text}");
}

#[test]
fn a_copy_of_a_slice_marks_only_the_cells_it_read() {
    let text = teach(
        &[
            "X = np.arange(800.0).reshape(400, 2)",
            "train = X[:300].copy()",
        ],
        80,
    );
    let read = text.lines().filter(|l| *l == "  ####").count();
    let unread = text.lines().filter(|l| *l == "  ····").count();
    assert_eq!((read, unread), (6, 2), "{text}");
}

#[test]
fn writes_inside_a_function_are_not_taken_for_the_statements_own() {
    let text = teach(
        &[
            "def f(x):\n    x[x < 0] = 0\n    return x",
            "f(np.array([1, -1]))",
        ],
        80,
    );
    assert!(!text.contains("temporary"), "{text}");
}

#[test]
fn a_write_into_an_array_a_container_holds_is_not_called_lost() {
    // The arrays are reached through a list, a dict and a namedtuple, not
    // copies: each write lands, and the view must not say it was lost.
    for lines in [
        &["lst = [np.zeros(3)]", "lst[0][1] = 5"][..],
        &["d = {'w': np.zeros(3)}", "d['w'][0] = 1"][..],
        &[
            "from collections import namedtuple",
            "P = namedtuple('P', 'x y')",
            "p = P(np.arange(3), 2)",
            "p.x[0] = 7",
        ][..],
    ] {
        let text = teach(lines, 80);
        assert!(!text.contains("temporary"), "{text}");
    }
    // A fancy index on the left still makes a copy no name holds.
    let text = teach(&["a = np.arange(4)", "a[[0, 1]][0] = 9"], 80);
    assert!(text.contains("temporary copy"), "{text}");
}

#[test]
fn a_function_writing_into_a_copy_it_was_handed_says_no_name_changed() {
    let text = teach(
        &[
            "def f(x):\n    x[x < 0] = 0",
            "b = np.array([3, -1, 4, -1])",
            "f(b[[1, 3]])",
        ],
        80,
    );
    assert!(text.contains("no name's array changed"), "{text}");
    let text = teach(
        &[
            "def f(x):\n    x[x < 0] = 0",
            "b = np.array([3, -1, 4, -1])",
            "f(b[:2])",
        ],
        80,
    );
    assert!(text.contains("wrote in place and changed"), "{text}");
}

/// `for row in m: row[:] = 1`: `row` is a view of `m` on every pass; the
/// loop's writes are one summary for the statement, and the alert says `m`
/// changed, all 12 cells, not the 4 of the last row.
#[test]
fn snapshot_loop_over_rows_writes_through_views() {
    insta::assert_snapshot!(teach(
        &["m = np.zeros((3, 4))", "for row in m:\n    row[:] = 1"],
        80
    ));
}

/// A loop writing through a named view, one cell a pass: one line for the
/// whole loop.
#[test]
fn snapshot_loop_writes_are_summarised_once() {
    insta::assert_snapshot!(teach(
        &[
            "x = np.arange(6)",
            "v = x[::2]",
            "for i in range(3):\n    v[i] = 9"
        ],
        80
    ));
}

/// A learner's function that writes its argument, called in a loop body,
/// is named at the call as at top level (its text, read from the loop).
#[test]
fn snapshot_writing_call_inside_a_loop_is_named() {
    insta::assert_snapshot!(teach(
        &[
            "x = np.arange(6)",
            "def zero(a):\n    a[:] = 0",
            "for k in range(2):\n    zero(x)"
        ],
        80
    ));
}

/// Issue 13: a learner's function called on every pass of a loop is
/// named once for the statement, with the number of calls that wrote.
#[test]
fn writing_call_in_a_loop_is_counted() {
    let text = teach(
        &[
            "m = np.arange(12).reshape(3, 4)",
            "def w(x):\n    x[..., :1] = 3",
            "for r in m:\n    w(r)",
        ],
        80,
    );
    assert!(
        text.contains("! w(r) wrote in place on 3 calls and changed:"),
        "{text}"
    );
    assert!(text.contains("    m (3 cells): "), "{text}");
}

/// Issue 13: a loop that writes through its variable on some passes only
/// says how many of its passes wrote.
#[test]
fn loop_counts_the_passes_that_wrote() {
    let text = teach(
        &[
            "m = np.arange(12).reshape(4, 3)",
            "for r in m:\n    if r[0] > 2:\n        r[:1] = -1",
        ],
        80,
    );
    assert!(
        text.contains("wrote through r on 3 of the loop's 4 passes"),
        "{text}"
    );
    assert!(text.contains("    m (3 cells): "), "{text}");
}

/// Found by `tools/teach_audit.py`: iterating a structured array yields
/// records tied to its memory (NumPy's `np.void` with `.base`), so a
/// field write through the loop variable writes the array.
#[test]
fn loop_over_records_writes_the_array() {
    let text = teach(
        &[
            "s = np.array([(1, 2.5), (3, 4.5)], dtype=[('x', 'i4'), ('y', 'f8')])",
            "for r in s:\n    r['x'] = 4",
        ],
        80,
    );
    assert!(text.contains("    s (2 cells): "), "{text}");
}

/// Found by `tools/teach_audit.py`: NumPy allocates `f + f` of a Fortran
/// `f` in Fortran order, so its `reshape(-1)` is a copy and
/// `np.ascontiguousarray` of it a new array (checked with NumPy 2.4.6:
/// `np.shares_memory(g.reshape(-1), g)` is False, `np.ascontiguousarray(g)
/// is g` is False).
#[test]
fn verdicts_follow_the_memory_order_numpy_gives_a_result() {
    let mut session = Session::new();
    let mut teacher = Teacher::new();
    for line in [
        "f = np.asfortranarray(np.arange(6.0).reshape(2, 3))",
        "g = f + f",
    ] {
        teacher.run(&mut session, line);
    }
    for (line, word) in [
        ("r = g.reshape(-1)", "COPY"),
        ("r = np.ascontiguousarray(g)", "COPY"),
        ("r = g.T.reshape(-1)", "VIEW"),
        ("r = g.ravel(order='K')", "VIEW"),
    ] {
        let step = teacher.run(&mut session, line);
        let r = step.report.results.first().expect("r is an array");
        assert_eq!(r.verdict.kind.word(), word, "{line}");
    }
}

#[test]
fn subclass_instances_are_drawn_and_alerted() {
    let mut session = Session::new();
    let mut teacher = Teacher::new();
    let p = Palette::new(false);
    teacher.run(&mut session, "class C(np.ndarray): pass");
    teacher.run(&mut session, "a = np.arange(6)");
    teacher.run(&mut session, "c = a.view(C)");
    teacher.run(&mut session, "v = c[1:3]");
    let step = teacher.run(&mut session, "v[0] = 99");
    let names: Vec<&str> = step.report.alerts.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["a", "c"]);
    let step = teacher.run(&mut session, "c += 1");
    let names: Vec<&str> = step.report.alerts.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["a", "v"]);
    teacher.command(":undo", &mut session, &p, 80).unwrap();
    assert_eq!(session.run("c").output, "C([ 0, 99,  2,  3,  4,  5])\n");
}

#[test]
fn snapshot_zero_d_array_index() {
    insta::assert_snapshot!(teach(&[A, "k = np.array(1)", "c = a[k]"], 80));
}

#[test]
fn snapshot_write_through_overlapping_view() {
    // One cell read by two elements of `y`: each is named by its own index.
    insta::assert_snapshot!(teach(
        &[
            "from numpy.lib.stride_tricks import as_strided",
            "x = np.arange(4)",
            "y = as_strided(x, shape=(3, 2), strides=(8, 8))",
            "y[0, 1] = 50",
        ],
        80
    ));
}
