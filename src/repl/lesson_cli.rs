//! `slicelab lesson …`: list, start or resume a lesson, check a lesson
//! file for its author, export or import progress.

use crate::render::visible::{visible, visible_line};
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Palette, lesson, lesson_list};
use crate::lesson::{catalog, check, progress};

/// Arguments of `slicelab lesson`.
#[derive(Debug, clap::Args)]
pub struct LessonArgs {
    /// The lesson to start or resume (see the NAME column of `slicelab lesson`).
    pub name: Option<String>,
    /// Validate a lesson file: its format, then every solution against every check.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["name", "export", "import"])]
    pub check: Option<PathBuf>,
    /// Write your lesson progress to FILE (plain text).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["name", "import"])]
    pub export: Option<PathBuf>,
    /// Replace your lesson progress with FILE's (as written by --export).
    #[arg(long, value_name = "FILE", conflicts_with = "name")]
    pub import: Option<PathBuf>,
}

/// Run `slicelab lesson` with `args`.
pub fn lesson_command(args: LessonArgs, palette: &Palette) -> ExitCode {
    if let Some(file) = args.check {
        return check_file(&file);
    }
    let mut store = progress::Store::open(progress::default_path());
    for w in &store.warnings {
        eprintln!("{}", palette.dim(&format!("slicelab: warning: {w}")));
    }
    if let Some(file) = args.export {
        return match progress::write_atomically(&file, &store.progress.render()) {
            Ok(()) => {
                println!(
                    "progress of {} lessons written to {}",
                    store.progress.lessons.len(),
                    visible_line(&file.display().to_string())
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        };
    }
    if let Some(file) = args.import {
        return match store.import(&file) {
            Ok(n) => {
                println!(
                    "progress of {n} lessons read from {}",
                    visible_line(&file.display().to_string())
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e),
        };
    }
    let catalog = catalog::catalog();
    let Some(name) = args.name else {
        print!(
            "{}",
            lesson_list::render(&catalog, &store.progress, palette)
        );
        return ExitCode::SUCCESS;
    };
    match lesson::start(&catalog, &name, &mut store, palette) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(2),
        Err(e) => fail(&e.to_string()),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("slicelab: {}", visible(message));
    ExitCode::FAILURE
}

/// `--check FILE`: every problem as `FILE:LINE: problem`; exit 1 if any.
fn check_file(file: &std::path::Path) -> ExitCode {
    let lesson = match catalog::load_file(file) {
        Ok(l) => l,
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            return ExitCode::FAILURE;
        }
    };
    let problems = check::verify(&lesson);
    for p in &problems {
        eprintln!(
            "{}:{}: {}",
            visible_line(&file.display().to_string()),
            p.line,
            visible(&p.message)
        );
    }
    if problems.is_empty() {
        let checks: usize = lesson.steps.iter().map(|s| s.checks.len()).sum();
        println!(
            "{}: {} steps; every solution runs and passes its {checks} checks",
            visible_line(&file.display().to_string()),
            lesson.steps.len()
        );
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
