//! `slicelab lesson` / `:lesson`: the table of lessons with each one's
//! progress and the NAME that starts it.

use comfy_table::{Cell, ContentArrangement, Table, presets};

use super::Palette;
use crate::lesson::Catalog;
use crate::lesson::progress::{Place, Progress};

/// How far a learner is, in words.
fn progress_text(place: Place, steps: usize) -> String {
    match (place.done, place.step) {
        (true, s) if s > 0 && s < steps => format!("done (again: step {}/{steps})", s + 1),
        (true, _) => "done".to_string(),
        (false, 0) => "not started".to_string(),
        (false, s) => format!("step {}/{steps}", s.min(steps - 1) + 1),
    }
}

/// Width of the overall progress bar, in cells.
const BAR_WIDTH: usize = 30;

/// The whole course in one line: a bar of the steps done over all
/// lessons, then the lessons and steps counted.
fn overall(catalog: &Catalog, progress: &Progress) -> String {
    let (mut steps, mut steps_done, mut lessons_done) = (0, 0, 0);
    for lesson in &catalog.lessons {
        let n = lesson.steps.len();
        let place = progress
            .lessons
            .get(&lesson.name)
            .copied()
            .unwrap_or_default();
        steps += n;
        steps_done += if place.done { n } else { place.step.min(n) };
        lessons_done += usize::from(place.done);
    }
    let filled = (steps_done * BAR_WIDTH).checked_div(steps).unwrap_or(0);
    format!(
        "Overall [{}{}] {lessons_done} of {} lessons done, {steps_done} of {steps} steps\n",
        "█".repeat(filled),
        "░".repeat(BAR_WIDTH - filled),
        catalog.lessons.len()
    )
}

/// A comfy-table in slicelab's style; plain when colour is off.
pub(crate) fn new_table(palette: &Palette) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic);
    if !palette.enabled() {
        table.force_no_tty();
    }
    table
}

/// The lesson list (one line a lesson), the overall progress bar, then how
/// to start one. Each lesson's summary is shown when it starts.
pub fn render(catalog: &Catalog, progress: &Progress, palette: &Palette) -> String {
    let mut table = new_table(palette);
    table.set_header(vec!["NAME", "lesson", "steps", "progress"]);
    for lesson in &catalog.lessons {
        let place = progress
            .lessons
            .get(&lesson.name)
            .copied()
            .unwrap_or_default();
        table.add_row(vec![
            Cell::new(&lesson.name),
            Cell::new(&lesson.title),
            Cell::new(lesson.steps.len()),
            Cell::new(progress_text(place, lesson.steps.len())),
        ]);
    }
    let mut text = format!("{table}\n");
    text.push_str(&palette.prompt(&overall(catalog, progress)));
    text.push_str(
        &palette
            .dim("Start or resume one: `slicelab lesson NAME` (`:lesson NAME` at the prompt).\n"),
    );
    for e in &catalog.errors {
        text.push_str(&palette.error(&format!("left out: {e}\n")));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_reads_as_words() {
        let p = |step, done| progress_text(Place { step, done }, 5);
        assert_eq!(p(0, false), "not started");
        assert_eq!(p(2, false), "step 3/5");
        assert_eq!(p(5, true), "done");
        assert_eq!(p(1, true), "done (again: step 2/5)");
    }

    #[test]
    fn the_lesson_list_names_each_lesson() {
        let catalog = crate::lesson::catalog::load(None);
        let text = render(&catalog, &Progress::default(), &Palette::new(false));
        for l in &catalog.lessons {
            assert!(text.contains(&l.name), "{text}");
        }
        assert!(text.contains("not started"));
        assert!(text.contains("Overall [░░░"), "{text}");
    }

    #[test]
    fn the_bar_counts_steps_over_every_lesson() {
        let catalog = crate::lesson::catalog::load(None);
        let total: usize = catalog.lessons.iter().map(|l| l.steps.len()).sum();
        let mut progress = Progress::default();
        let first = &catalog.lessons[0];
        progress.lessons.insert(
            first.name.clone(),
            Place {
                step: first.steps.len(),
                done: true,
            },
        );
        let line = overall(&catalog, &progress);
        let filled = first.steps.len() * BAR_WIDTH / total;
        assert!(
            line.starts_with(&format!("Overall [{}░", "█".repeat(filled))),
            "{line}"
        );
        assert!(
            line.contains(&format!(
                "1 of {} lessons done, {} of {total} steps",
                catalog.lessons.len(),
                first.steps.len()
            )),
            "{line}"
        );
    }
}
