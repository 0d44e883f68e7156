//! The module graph of `src/eval/` stays layered (issue 12): no import
//! circle spans more than three files. ARCHITECTURE.md's "Floors of
//! `src/eval/`" says where each kind of code goes; this test reads the
//! `use` paths (and qualified paths in code) of every file and fails with
//! the files of any larger circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The largest circle of files allowed.
const MAX_CIRCLE: usize = 3;

/// A file's module path under `eval` (`["ma", "core"]`; `[]` is
/// `eval/mod.rs`), and its text with tests and comments dropped.
fn read_files(dir: &Path, prefix: &[String], out: &mut BTreeMap<Vec<String>, String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src/eval is readable")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if path.is_dir() {
            let mut p = prefix.to_vec();
            p.push(name);
            read_files(&path, &p, out);
        } else if let Some(stem) = name.strip_suffix(".rs") {
            let mut module = prefix.to_vec();
            if stem != "mod" {
                module.push(stem.to_string());
            }
            let text = std::fs::read_to_string(&path).expect("a readable source file");
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let code: String = code
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            out.insert(module, code);
        }
    }
}

/// The path written at byte `i`: identifier characters and `::`, then a
/// `{...}` group if one follows.
fn path_at(src: &str, i: usize) -> (&str, Option<&str>) {
    let rest = &src[i..];
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(rest.len());
    let path = &rest[..end];
    if rest[end..].starts_with('{') {
        let mut depth = 0;
        for (k, c) in rest[end..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        return (path, Some(&rest[end + 1..end + k]));
                    }
                }
                _ => {}
            }
        }
    }
    (path, None)
}

/// The file a path names: the longest prefix that is a module.
fn resolve(modules: &BTreeMap<Vec<String>, String>, parts: &[String]) -> Option<Vec<String>> {
    (0..=parts.len())
        .rev()
        .map(|k| parts[..k].to_vec())
        .find(|p| modules.contains_key(p))
}

/// Absolute module parts of `path` as written in module `me`.
fn absolute(me: &[String], path: &str) -> Option<Vec<String>> {
    let segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    if let Some(rest) = segs.strip_prefix(&["crate", "eval"]) {
        return Some(rest.iter().map(|s| s.to_string()).collect());
    }
    let ups = segs.iter().take_while(|s| **s == "super").count();
    if ups == 0 || ups > me.len() {
        return None;
    }
    let mut out = me[..me.len() - ups].to_vec();
    out.extend(segs[ups..].iter().map(|s| s.to_string()));
    Some(out)
}

fn edges(modules: &BTreeMap<Vec<String>, String>) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let mut out: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (me, code) in modules {
        let targets = out.entry(me.clone()).or_default();
        let mut add = |parts: Vec<String>| {
            if let Some(t) = resolve(modules, &parts)
                && &t != me
            {
                targets.insert(t);
            }
        };
        for needle in ["crate::eval::", "super::"] {
            let mut from = 0;
            while let Some(k) = code[from..].find(needle) {
                let at = from + k;
                from = at + needle.len();
                // Only the start of a path (`super::super::x` is one).
                let before = code[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                let (path, group) = path_at(code, at);
                from = at + path.len();
                let Some(base) = absolute(me, path) else {
                    continue;
                };
                match group {
                    Some(items) => {
                        for item in items.split(',') {
                            let item = item.split(" as ").next().unwrap_or("").trim();
                            let mut p = base.clone();
                            p.extend(
                                item.split("::")
                                    .filter(|s| !s.is_empty() && *s != "self" && *s != "{")
                                    .map(|s| s.trim_matches(|c| c == '{' || c == '}').to_string()),
                            );
                            add(p);
                        }
                    }
                    None => add(base),
                }
            }
        }
        // A folder's mod.rs names its children without a prefix
        // (`pub use attrs::{...}`, `attrs::call(...)`).
        let is_folder = me.is_empty()
            || modules
                .keys()
                .any(|k| k.len() > me.len() && k.starts_with(me));
        if is_folder {
            for (child, _) in modules
                .iter()
                .filter(|(k, _)| k.len() == me.len() + 1 && k.starts_with(me))
            {
                let name = format!("{}::", child[me.len()]);
                let mut from = 0;
                while let Some(k) = code[from..].find(&name) {
                    let at = from + k;
                    from = at + name.len();
                    let before = code[..at].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                        continue;
                    }
                    add(child.clone());
                }
            }
        }
    }
    out
}

/// Strongly connected components (Tarjan), iteratively.
fn circles(g: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<Vec<String>>> {
    let nodes: Vec<&Vec<String>> = g.keys().collect();
    let index_of: BTreeMap<&Vec<String>, usize> =
        nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let adj: Vec<Vec<usize>> = nodes
        .iter()
        .map(|n| {
            g[*n]
                .iter()
                .filter_map(|t| index_of.get(t).copied())
                .collect()
        })
        .collect();
    let n = nodes.len();
    let (mut index, mut low, mut on) = (vec![usize::MAX; n], vec![0; n], vec![false; n]);
    let (mut stack, mut out, mut counter) = (Vec::new(), Vec::new(), 0);
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some((v, next)) = work.pop() {
            if next == 0 {
                index[v] = counter;
                low[v] = counter;
                counter += 1;
                stack.push(v);
                on[v] = true;
            }
            if let Some(&w) = adj[v].get(next) {
                work.push((v, next + 1));
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            if low[v] == index[v] {
                let mut comp = Vec::new();
                while let Some(w) = stack.pop() {
                    on[w] = false;
                    comp.push(nodes[w].clone());
                    if w == v {
                        break;
                    }
                }
                out.push(comp);
            }
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
        }
    }
    out
}

fn file_name(m: &[String], modules: &BTreeMap<Vec<String>, String>) -> String {
    let folder = modules
        .keys()
        .any(|k| k.len() > m.len() && k.starts_with(m));
    match (m.is_empty(), folder) {
        (true, _) => "mod.rs".into(),
        (false, true) => format!("{}/mod.rs", m.join("/")),
        (false, false) => format!("{}.rs", m.join("/")),
    }
}

#[test]
fn no_import_circle_in_src_eval_spans_more_than_three_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/eval");
    let mut modules = BTreeMap::new();
    read_files(&dir, &[], &mut modules);
    assert!(
        modules.len() > 50,
        "read {} files of src/eval",
        modules.len()
    );
    let g = edges(&modules);
    let too_big: Vec<String> = circles(&g)
        .into_iter()
        .filter(|c| c.len() > MAX_CIRCLE)
        .map(|c| {
            let mut names: Vec<String> = c.iter().map(|m| file_name(m, &modules)).collect();
            names.sort();
            format!("{} files: {}", names.len(), names.join(", "))
        })
        .collect();
    assert!(
        too_big.is_empty(),
        "import circles in src/eval larger than {MAX_CIRCLE} files (see ARCHITECTURE.md, \"Floors of src/eval\"):\n{}",
        too_big.join("\n")
    );
}

#[test]
fn the_graph_reader_sees_a_circle() {
    // A reader that found no imports would pass the test above vacuously.
    let mut modules = BTreeMap::new();
    let m = |s: &str| vec![s.to_string()];
    modules.insert(m("a"), "use super::b::X;".to_string());
    modules.insert(m("b"), "use crate::eval::c::{Y, Z};".to_string());
    modules.insert(m("c"), "fn f() { super::d::g() }".to_string());
    modules.insert(m("d"), "use super::{a, b};".to_string());
    modules.insert(vec![], "mod a;".to_string());
    let g = edges(&modules);
    let big: Vec<_> = circles(&g).into_iter().filter(|c| c.len() > 1).collect();
    assert_eq!(big.len(), 1, "{g:?}");
    assert_eq!(big[0].len(), 4);
}

#[test]
fn every_np_entries_table_is_submitted_to_the_registry() {
    // `registry::tables()` knows a family's `ENTRIES` only through
    // `inventory::submit!`; a table left out loses its names silently
    // (`np.roots` said "not implemented yet"). Submodules that bind their
    // own namespace (`np.linalg.*`, `np.fft.*`, `np.ma.*`) keep theirs.
    const OWN_NAMESPACE: &[&str] = &["np_linalg/mod.rs", "np_fft/mod.rs", "ma/mod.rs"];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/eval");
    let mut modules = BTreeMap::new();
    read_files(&dir, &[], &mut modules);
    let missing: Vec<String> = modules
        .iter()
        .filter(|(_, code)| code.contains("pub const ENTRIES"))
        .map(|(m, _)| file_name(m, &modules))
        .filter(|f| !OWN_NAMESPACE.contains(&f.as_str()))
        .filter(|f| {
            let text = std::fs::read_to_string(dir.join(f)).unwrap_or_default();
            !text.contains("inventory::submit! { crate::eval::registry::Table(ENTRIES) }")
        })
        .collect();
    assert!(missing.is_empty(), "ENTRIES never submitted: {missing:?}");
}
