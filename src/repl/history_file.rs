//! The history file, written so that nothing is lost: each statement is
//! appended with one write under a lock (two prompts at once interleave
//! whole lines), in rustyline's own `#V2` format so `load_history` reads it
//! back; the file is trimmed to the last entries only now and then, by
//! writing a temporary file and renaming it over the old one, so a kill at
//! any moment leaves the old history or the new one, never an empty file.
//! (rustyline's `append_history` rewrites the whole file in place on every
//! statement once it is full.)

use std::io::Write;
use std::path::{Path, PathBuf};

/// rustyline's marker for a file whose entries escape `\` and newlines.
const V2: &str = "#V2";

/// One entry as rustyline's `#V2` format writes it.
fn encode(entry: &str) -> String {
    let mut out = String::with_capacity(entry.len() + 1);
    for c in entry.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('\n');
    out
}

/// Append one entry (the `#V2` line first when the file is empty).
pub fn append(path: &Path, entry: &str) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new().append(true).open(path)?;
    file.lock()?;
    let mut text = String::new();
    if file.metadata()?.len() == 0 {
        text.push_str(V2);
        text.push('\n');
    }
    text.push_str(&encode(entry));
    file.write_all(text.as_bytes())
}

/// How many entries the file holds (lines past the `#V2` one).
pub fn entries(path: &Path) -> usize {
    std::fs::read(path)
        .map(|b| b.iter().filter(|&&c| c == b'\n').count().saturating_sub(1))
        .unwrap_or(0)
}

/// `PATH.tmp-PID`, where a rewrite is written before it is renamed.
pub fn temporary(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".tmp-{}", std::process::id()));
    PathBuf::from(name)
}

/// A FIFO, device or directory at the history path is not read (reading a
/// FIFO would wait for a writer forever).
pub fn check_regular(path: &Path) -> Result<(), String> {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => Err(format!("{} is not a regular file", path.display())),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_appended_in_rustylines_format() {
        let dir = std::env::temp_dir().join(format!("slicelab-history-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("history.txt");
        std::fs::write(&path, "").unwrap();
        append(&path, "a = 1").unwrap();
        append(&path, "for i in x:\n    print(i\\2)").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, "#V2\na = 1\nfor i in x:\\n    print(i\\\\2)\n");
        assert_eq!(entries(&path), 2);
        let mut h = rustyline::history::FileHistory::new();
        use rustyline::history::History as _;
        h.load(&path).unwrap();
        assert_eq!(h.len(), 2);
        assert_eq!(
            h.get(1, rustyline::history::SearchDirection::Forward)
                .unwrap()
                .unwrap()
                .entry,
            "for i in x:\n    print(i\\2)"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
