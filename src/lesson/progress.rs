//! Where each learner is in each lesson, kept in a plain text file under
//! the user's data directory (`dirs::data_dir()/slicelab/progress.txt`).
//!
//! Every save writes a temporary file beside the real one and renames it
//! over it, so a crash or Ctrl-C leaves either the old or the new progress,
//! never half of one. Two sessions may run lessons at once: a save holds a
//! lock (`progress.txt.lock`), re-reads the file and merges in only the
//! lessons this session changed, so neither erases the other's progress.
//! Temporary files left by a killed session are removed when the store
//! opens; a FIFO or device at the path is skipped with a warning. A file that cannot be read as progress is renamed
//! aside (`progress.txt.corrupt-N`), reported, and replaced by empty progress.
//!
//! The format, also what `--export` writes and `--import` reads:
//!
//! ```text
//! # slicelab progress 1
//! slices-are-views step=3
//! copies done
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

const HEADER: &str = "# slicelab progress 1";

/// One lesson's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Place {
    /// The 0-based step the learner is on (or reached, once done).
    pub step: usize,
    /// The learner finished the lesson at least once.
    pub done: bool,
}

/// Progress in every lesson, by NAME.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Progress {
    /// Lesson NAME → place.
    pub lessons: BTreeMap<String, Place>,
}

/// Why progress text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corrupt {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Corrupt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl Progress {
    /// Read the text format.
    pub fn parse(text: &str) -> Result<Progress, Corrupt> {
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, l)) if l.trim() == HEADER => {}
            _ => {
                return Err(Corrupt {
                    line: 1,
                    message: format!("expected `{HEADER}`"),
                });
            }
        }
        let mut progress = Progress::default();
        for (i, line) in lines {
            let bad = |message: &str| Corrupt {
                line: i + 1,
                message: message.to_string(),
            };
            let mut words = line.split_whitespace();
            let Some(name) = words.next() else { continue };
            if name.starts_with('#') {
                continue;
            }
            let mut place = Place::default();
            for w in words {
                match w.split_once('=') {
                    Some(("step", n)) => {
                        place.step = n.parse().map_err(|_| bad("step= needs a number"))?
                    }
                    None if w == "done" => place.done = true,
                    _ => return Err(bad(&format!("unexpected `{w}`"))),
                }
            }
            progress.lessons.insert(name.to_string(), place);
        }
        Ok(progress)
    }

    /// Write the text format.
    pub fn render(&self) -> String {
        let mut text = format!("{HEADER}\n");
        for (name, place) in &self.lessons {
            text.push_str(&format!("{name} step={}", place.step));
            if place.done {
                text.push_str(" done");
            }
            text.push('\n');
        }
        text
    }
}

/// The progress file and what happened when it was opened.
#[derive(Debug)]
pub struct Store {
    path: Option<PathBuf>,
    /// The progress read (or empty).
    pub progress: Progress,
    /// Warnings for the learner (a corrupt file set aside, an unreadable one).
    pub warnings: Vec<String>,
    /// Lessons this session changed: what a save merges into the file.
    changed: BTreeMap<String, Place>,
}

/// `dirs::data_dir()/slicelab/progress.txt`.
pub fn default_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("slicelab").join("progress.txt"))
}

impl Store {
    /// Open the progress at `path` (`None`: nowhere to keep it). A missing
    /// file is empty progress; a corrupt one is renamed aside with a warning.
    pub fn open(path: Option<PathBuf>) -> Store {
        let mut store = Store {
            path,
            progress: Progress::default(),
            warnings: Vec::new(),
            changed: BTreeMap::new(),
        };
        let Some(path) = store.path.clone() else {
            store
                .warnings
                .push("no data directory; lesson progress is not kept".into());
            return store;
        };
        remove_stale_temporaries(&path);
        if let Ok(meta) = std::fs::metadata(&path)
            && !meta.is_file()
        {
            store.warnings.push(format!(
                "{} is not a regular file; lesson progress is not kept",
                path.display()
            ));
            store.path = None;
            return store;
        }
        let text = match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return store,
            Err(e) => {
                store.warnings.push(format!(
                    "cannot read {}: {e}; lesson progress is not kept",
                    path.display()
                ));
                store.path = None;
                return store;
            }
        };
        match Progress::parse(&text) {
            Ok(p) => store.progress = p,
            Err(corrupt) => {
                let aside = aside_name(&path);
                let kept = match std::fs::rename(&path, &aside) {
                    Ok(()) => format!("kept it as {}", aside.display()),
                    Err(e) => format!("could not move it aside ({e})"),
                };
                store.warnings.push(format!(
                    "{} is not a progress file ({corrupt}); {kept} and started afresh",
                    path.display()
                ));
            }
        }
        store
    }

    /// Where a lesson stands.
    pub fn place(&self, name: &str) -> Place {
        self.progress.lessons.get(name).copied().unwrap_or_default()
    }

    /// Record a place and save at once. A failure is returned once, as a
    /// warning; later saves are then skipped rather than repeated.
    pub fn set(&mut self, name: &str, place: Place) -> Result<(), String> {
        self.progress.lessons.insert(name.to_string(), place);
        self.changed.insert(name.to_string(), place);
        let saved = self.save();
        if saved.is_err() {
            self.path = None;
        }
        saved
    }

    /// Save: under the lock, re-read the file, merge this session's
    /// changes into it (a lesson done anywhere stays done), and replace it
    /// atomically. What other sessions saved meanwhile is kept, and read
    /// into this session's progress too.
    pub fn save(&mut self) -> Result<(), String> {
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        let _lock = lock_beside(&path);
        let mut merged = match std::fs::read(&path) {
            Ok(bytes) => Progress::parse(&String::from_utf8_lossy(&bytes)).unwrap_or_default(),
            Err(_) => Progress::default(),
        };
        for (name, place) in &self.changed {
            let theirs = merged.lessons.get(name).copied().unwrap_or_default();
            merged.lessons.insert(
                name.clone(),
                Place {
                    step: place.step,
                    done: place.done || theirs.done,
                },
            );
        }
        write_atomically(&path, &merged.render())?;
        self.progress = merged;
        Ok(())
    }

    /// Replace the progress with a file's (`--import`), saving at once.
    pub fn import(&mut self, file: &Path) -> Result<usize, String> {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let progress = Progress::parse(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        let n = progress.lessons.len();
        self.changed = progress.lessons.clone();
        self.progress = progress;
        self.save()?;
        Ok(n)
    }
}

/// An exclusive lock on `PATH.lock`, held until the file is dropped; `None`
/// when locking is not possible (the save goes ahead unlocked).
fn lock_beside(path: &Path) -> Option<std::fs::File> {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(PathBuf::from(name))
        .ok()?;
    file.lock().ok()?;
    Some(file)
}

/// Remove `PATH.tmp-PID` files whose process is gone (a session killed
/// between writing and renaming).
pub fn remove_stale_temporaries(path: &Path) {
    let (Some(dir), Some(file)) = (path.parent(), path.file_name()) else {
        return;
    };
    let mut prefix = file.to_os_string();
    prefix.push(".tmp-");
    let prefix = prefix.to_string_lossy().into_owned();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(&prefix)
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let alive = pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists();
        if !alive {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// `progress.txt.corrupt-N` for the first N not yet taken.
fn aside_name(path: &Path) -> PathBuf {
    let mut n = 1;
    loop {
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".corrupt-{n}"));
        let candidate = PathBuf::from(name);
        if !candidate.exists() {
            return candidate;
        }
        n += 1;
    }
}

/// Write `text` to `path` through a temporary file in the same directory.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".tmp-{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| {
            f.write_all(text.as_bytes())?;
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(&tmp, path));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot write {}: {e}", path.display())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_sessions_keep_each_others_progress() {
        let path = temp("merge");
        let mut one = Store::open(Some(path.clone()));
        let mut two = Store::open(Some(path.clone()));
        one.set(
            "views",
            Place {
                step: 2,
                done: false,
            },
        )
        .unwrap();
        two.set(
            "copies",
            Place {
                step: 1,
                done: true,
            },
        )
        .unwrap();
        one.set(
            "views",
            Place {
                step: 3,
                done: false,
            },
        )
        .unwrap();
        let back = Store::open(Some(path.clone()));
        assert_eq!(
            back.place("views"),
            Place {
                step: 3,
                done: false
            }
        );
        assert_eq!(
            back.place("copies"),
            Place {
                step: 1,
                done: true
            }
        );
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn a_dead_sessions_temporary_file_is_removed() {
        let path = temp("stale");
        let mut stale = path.as_os_str().to_owned();
        stale.push(".tmp-4000000000");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&stale, "x").unwrap();
        let _ = Store::open(Some(path.clone()));
        assert!(!Path::new(&stale).exists());
    }

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("slicelab-progress-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("progress.txt")
    }

    #[test]
    fn progress_round_trips_through_a_file() {
        let path = temp("round");
        let mut store = Store::open(Some(path.clone()));
        assert!(store.warnings.is_empty());
        store
            .set(
                "views",
                Place {
                    step: 3,
                    done: false,
                },
            )
            .unwrap();
        store
            .set(
                "copies",
                Place {
                    step: 0,
                    done: true,
                },
            )
            .unwrap();
        let again = Store::open(Some(path.clone()));
        assert_eq!(
            again.place("views"),
            Place {
                step: 3,
                done: false
            }
        );
        assert_eq!(
            again.place("copies"),
            Place {
                step: 0,
                done: true
            }
        );
        assert_eq!(again.place("other"), Place::default());
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            "# slicelab progress 1\ncopies step=0 done\nviews step=3\n"
        );
    }

    #[test]
    fn a_corrupt_progress_file_is_kept_aside_with_a_warning() {
        let path = temp("corrupt");
        std::fs::write(&path, "garbage\u{0}\n").unwrap();
        let store = Store::open(Some(path.clone()));
        assert_eq!(store.progress, Progress::default());
        assert!(
            store.warnings[0].contains("is not a progress file (line 1"),
            "{:?}",
            store.warnings
        );
        let aside = path.with_file_name("progress.txt.corrupt-1");
        assert_eq!(std::fs::read_to_string(aside).unwrap(), "garbage\u{0}\n");
        assert!(!path.exists());
    }

    #[test]
    fn import_refuses_a_bad_file_and_keeps_progress() {
        let path = temp("import");
        let mut store = Store::open(Some(path.clone()));
        store
            .set(
                "views",
                Place {
                    step: 1,
                    done: false,
                },
            )
            .unwrap();
        let bad = path.with_file_name("bad.txt");
        std::fs::write(&bad, "# slicelab progress 1\nviews step=x\n").unwrap();
        assert!(
            store
                .import(&bad)
                .unwrap_err()
                .contains("line 2: step= needs a number")
        );
        assert_eq!(store.place("views").step, 1);
        let good = path.with_file_name("good.txt");
        std::fs::write(&good, "# slicelab progress 1\ncopies step=2\n").unwrap();
        assert_eq!(store.import(&good), Ok(1));
        assert_eq!(Store::open(Some(path)).place("copies").step, 2);
    }
}
