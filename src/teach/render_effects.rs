//! The text of what a statement did to memory besides the arrays it made:
//! the cells it wrote in place, the other names that changed with them,
//! writes lost in a temporary copy, rebindings and shape or flag changes.

use crate::style::Palette;

use super::Report;
use super::alerts::Alert;
use super::render_diagram::fit;

/// Every effect line of one statement, in the order a learner reads them.
pub fn effects(report: &Report, palette: &Palette, width: usize) -> String {
    let mut out = String::new();
    for a in &report.wrote {
        let line = if report.loop_var.as_ref() == Some(&a.name) {
            loop_line(a, report.loop_passes)
        } else {
            wrote_line(a, report.loop_passes)
        };
        out.push_str(&palette.dim(&fit(&line, width)));
        out.push('\n');
    }
    for t in &report.temporaries {
        let head = format!(
            "! this write went into a temporary copy made by {}",
            t.made_by
        );
        out.push_str(&palette.alert(&fit(&head, width)));
        out.push('\n');
        let tail = match &t.unchanged {
            Some(n) => vec![
                format!("  {n} is unchanged: the copy was thrown away."),
                format!("  To write into {n}, index it once on the left: {n}[...] = value"),
            ],
            None => vec!["  no name holds that copy, so the write is lost.".to_string()],
        };
        for line in tail {
            out.push_str(&palette.alert(&fit(&line, width)));
            out.push('\n');
        }
    }
    out.push_str(&also_changed(report, palette, width));
    for line in &report.state_changes {
        out.push_str(&palette.dim(&fit(&format!("changed in place: {line}"), width)));
        out.push('\n');
    }
    for r in &report.rebound {
        let (n, v) = (&r.name, &r.value);
        let lines = if r.to_none {
            // A function that works in place returned None: writing its
            // result into the array would be no fix.
            vec![format!("rebound: {n} now names None, what {v} returned")]
        } else if r.old_written {
            vec![format!("rebound: {n} now names {v}")]
        } else {
            vec![
                format!("rebound: {n} now names {v}; the array {n} named is unchanged"),
                format!("  (to write into that array instead: {n}[...] = {v})"),
            ]
        };
        for line in lines {
            out.push_str(&palette.dim(&fit(&line, width)));
            out.push('\n');
        }
    }
    out
}

/// `wrote 3 cells of a in place: a[0, 1] 1 → 55, …`, or for a loop that
/// wrote on several passes `wrote 6 cells of m in place over 3 passes:
/// …` (one line for the statement, however many passes).
fn wrote_line(a: &Alert, passes: Option<(usize, usize)>) -> String {
    let n = a.count.unwrap_or(a.cells.len());
    let cells = if n == 1 {
        "1 cell".into()
    } else {
        format!("{n} cells")
    };
    let over = match passes {
        Some((_, wrote)) if wrote > 1 => format!(" over {wrote} passes"),
        _ => String::new(),
    };
    format!(
        "wrote {cells} of {} in place{over}: {}",
        a.name,
        where_text(a)
    )
}

/// `wrote through row on 3 of the loop's 4 passes; …`: the loop variable
/// names a new array each pass, so its last cells are not the loop's.
fn loop_line(a: &Alert, passes: Option<(usize, usize)>) -> String {
    let on = match passes {
        Some((all, wrote)) if wrote == all && all > 1 => {
            format!("on each of the loop's {all} passes")
        }
        Some((_, 1)) => "on one pass of the loop".to_string(),
        Some((all, wrote)) if wrote > 1 => format!("on {wrote} of the loop's {all} passes"),
        _ => "on every pass of the loop".to_string(),
    };
    format!(
        "wrote through {n} {on} ({n} now names the last item)",
        n = a.name
    )
}

/// `w(row) wrote in place`: a call of the learner's function named once,
/// with how often it wrote when that was more than once (called in a
/// loop: `w(row) wrote in place on 3 calls`).
fn call_wrote((call, times): &(String, usize)) -> String {
    if *times > 1 {
        format!("{call} wrote in place on {times} calls")
    } else {
        format!("{call} wrote in place")
    }
}

/// Alerts list each cell old → new up to this many; past it they show the
/// region written (`a[1:3, 1:4]`) when the cells fill a box.
const LISTED: usize = 3;

/// The cells of an alert: each old → new up to [`LISTED`], else the box
/// they fill with one example, or the first two.
fn where_text(a: &Alert) -> String {
    let each: Vec<String> = a
        .cells
        .iter()
        .map(|c| format!("{} {} → {}", c.cell, c.old, c.new))
        .collect();
    let n = a.count.unwrap_or(a.cells.len());
    match &a.region {
        Some(r) if n > LISTED => format!("{r}, e.g. {}", each.first().cloned().unwrap_or_default()),
        _ if n <= LISTED && each.len() == n => each.join(", "),
        _ => format!(
            "{}, …",
            each.iter().take(2).cloned().collect::<Vec<_>>().join(", ")
        ),
    }
}

/// `! this write through b also changed:` (or, for a write inside a
/// function the learner defined, `! normalize(train) wrote in place and
/// changed:`) and one line per other name.
fn also_changed(report: &Report, palette: &Palette, width: usize) -> String {
    let alerts: &[Alert] = &report.alerts;
    if let ([call, ..], true) = (report.calls.as_slice(), report.calls_wrote_only_new) {
        let text = format!(
            "! {}, but only into arrays made during this statement \
             (a copy it was handed, or its own): no name's array changed.",
            call_wrote(call)
        );
        return format!(
            "{}\n",
            palette.alert(super::render::wrap(&text, width).trim_end())
        );
    }
    if alerts.is_empty() {
        return String::new();
    }
    let head = match (report.through.as_slice(), report.calls.as_slice()) {
        ([], [call, ..]) => format!("! {} and changed:", call_wrote(call)),
        ([], []) => "! this write also changed:".to_string(),
        ([one], _) if report.loop_var.as_ref() == Some(one) => {
            format!("! the loop's writes through {one} changed:")
        }
        (through, _) => format!("! this write through {} also changed:", through.join(", ")),
    };
    let mut out = palette.alert(&fit(&head, width));
    out.push('\n');
    for a in alerts {
        let line = if a.unsure {
            format!(
                "    {}: shares the written memory (too large to compare)",
                a.name
            )
        } else {
            let count = match a.count {
                Some(1) => " (1 cell)".to_string(),
                Some(n) => format!(" ({n} cells)"),
                None => String::new(),
            };
            format!("    {}{count}: {}", a.name, where_text(a))
        };
        out.push_str(&palette.alert(&fit(&line, width)));
        out.push('\n');
    }
    out
}
