//! Which lessons exist: those built into the binary (the files of
//! `lessons/`, embedded so `slicelab lesson` works from any directory) and
//! any `*.lesson` files in the user's `dirs::data_dir()/slicelab/lessons/`.
//! A malformed file is reported and left out; the others still load.

use std::path::{Path, PathBuf};

use super::format::{self, FormatError};
use super::model::Lesson;

/// The built-in lessons in teaching order: (NAME, file text).
/// `every_lesson_file_is_embedded` keeps this list and `lessons/` in step.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("views", include_str!("../../lessons/views.lesson")),
    ("copy", include_str!("../../lessons/copy.lesson")),
    ("fancy", include_str!("../../lessons/fancy.lesson")),
    ("chained", include_str!("../../lessons/chained.lesson")),
    ("masks", include_str!("../../lessons/masks.lesson")),
    ("newaxis", include_str!("../../lessons/newaxis.lesson")),
    ("mixed", include_str!("../../lessons/mixed.lesson")),
    ("strides", include_str!("../../lessons/strides.lesson")),
    ("windows", include_str!("../../lessons/windows.lesson")),
    ("ix", include_str!("../../lessons/ix.lesson")),
    ("fields", include_str!("../../lessons/fields.lesson")),
    ("functions", include_str!("../../lessons/functions.lesson")),
    ("split", include_str!("../../lessons/split.lesson")),
    ("debugging", include_str!("../../lessons/debugging.lesson")),
    ("myths", include_str!("../../lessons/myths.lesson")),
    ("cow", include_str!("../../lessons/cow.lesson")),
    ("shuffle", include_str!("../../lessons/shuffle.lesson")),
    ("incident", include_str!("../../lessons/incident.lesson")),
];

/// Every lesson that loaded, and the errors of those that did not.
#[derive(Debug, Default)]
pub struct Catalog {
    /// Loaded lessons: built-in ones first, in teaching order, then the user's by name.
    pub lessons: Vec<Lesson>,
    /// Problems in files that were left out.
    pub errors: Vec<FormatError>,
}

impl Catalog {
    /// The lesson called `name`.
    pub fn find(&self, name: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|l| l.name == name)
    }
}

/// `dirs::data_dir()/slicelab/lessons`: where a learner's own lessons live.
pub fn user_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("slicelab").join("lessons"))
}

/// Read and parse one lesson file; its NAME is the file stem.
pub fn load_file(path: &Path) -> Result<Lesson, Vec<FormatError>> {
    let origin = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![FormatError {
            origin: origin.clone(),
            line: 0,
            message: format!("cannot read: {e}"),
        }]
    })?;
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // The NAME is typed on the command line and stored as one word in the
    // progress file.
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(vec![FormatError {
            origin,
            line: 0,
            message: "a lesson's file name (its NAME) may use only letters, digits, - and _".into(),
        }]);
    }
    format::parse(&name, &origin, &text)
}

/// The built-in lessons plus those in `extra_dir` (if given and present).
pub fn load(extra_dir: Option<&Path>) -> Catalog {
    let mut catalog = Catalog::default();
    for (name, text) in EMBEDDED {
        match format::parse(name, &format!("lessons/{name}.lesson"), text) {
            Ok(l) => catalog.lessons.push(l),
            Err(e) => catalog.errors.extend(e),
        }
    }
    let Some(dir) = extra_dir else {
        return catalog;
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return catalog;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "lesson"))
        .collect();
    paths.sort();
    for path in paths {
        match load_file(&path) {
            Ok(l) if catalog.find(&l.name).is_some() => catalog.errors.push(FormatError {
                origin: path.display().to_string(),
                line: 1,
                message: format!(
                    "a lesson called `{}` already exists; rename the file",
                    l.name
                ),
            }),
            Ok(l) => catalog.lessons.push(l),
            Err(e) => catalog.errors.extend(e),
        }
    }
    catalog
}

/// Every lesson a learner can start: built-in and the user's own.
pub fn catalog() -> Catalog {
    load(user_dir().as_deref())
}

/// The NAMEs `slicelab lesson NAME` and `:lesson NAME` accept (for completion).
pub fn names() -> Vec<String> {
    catalog().lessons.into_iter().map(|l| l.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_lesson_parses() {
        let c = load(None);
        assert!(c.errors.is_empty(), "{:#?}", c.errors);
        assert_eq!(c.lessons.len(), EMBEDDED.len());
    }

    #[test]
    fn every_lesson_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "lesson"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = EMBEDDED.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
    }

    #[test]
    fn a_malformed_user_lesson_is_reported_and_the_rest_load() {
        let dir = std::env::temp_dir().join(format!("slicelab-catalog-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("broken.lesson"), "# B\n## S\ntask: t\nchek: x\n").unwrap();
        std::fs::write(
            dir.join("mine.lesson"),
            "# Mine\n## S\ntask: t\ncheck: b == 1\nhint: h\nsolution: b = 1\n",
        )
        .unwrap();
        let c = load(Some(&dir));
        assert!(c.find("mine").is_some());
        assert!(c.find("views").is_some());
        assert!(c.find("broken").is_none());
        std::fs::write(dir.join("my lesson.lesson"), "# M\n").unwrap();
        let c = load(Some(&dir));
        let shown: Vec<String> = c.errors.iter().map(|e| e.to_string()).collect();
        assert!(shown.iter().any(|e| e.ends_with("my lesson.lesson: a lesson's file name (its NAME) may use only letters, digits, - and _")), "{shown:?}");
        assert!(shown.iter().any(|e| e.ends_with("broken.lesson:4: unknown directive `chek:` (known: summary, run, task, check, hint, solution, predict, ask, explain)")), "{shown:?}");
    }
}
