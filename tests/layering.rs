//! The layering of the core, pinned: which module may name which, and no two modules that name
//! each other. It reads the `crate::…` (and `super::…`) paths of every file under `src/`, test
//! code included, so a later change cannot quietly bring a cycle or a wrong direction back.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Domain modules: the municipality's data and rules. They know no SQL, PDF or ZIP.
const DOMAIN: &[&str] = &[
    "ags",
    "audit",
    "catalogue",
    "checklist",
    "directory",
    "evidence",
    "exports",
    "inbox",
    "installed",
    "inventory",
    "land_facts",
    "land_key",
    "land_profile",
    "profile",
    "publication",
    "progress",
    "readiness",
    "requirements",
    "roles",
    "service_readiness",
    "service_state",
    "workspace_kind",
];

/// Modules a module must not name, and crates it must not use.
fn forbidden(module: &str) -> (Vec<&'static str>, Vec<&'static str>) {
    let mut modules = Vec::new();
    if module != "api" && module != "bindings" {
        modules.push("api");
    }
    let crates = match module {
        "store" => {
            modules.extend(["report", "bindings"]);
            vec!["zip", "printpdf", "lopdf"]
        }
        "report" => {
            modules.push("store");
            vec!["rusqlite", "zip"]
        }
        "package" => {
            modules.extend(["store", "report"]);
            vec!["rusqlite", "printpdf", "lopdf"]
        }
        m if DOMAIN.contains(&m) => {
            modules.extend(["store", "report"]);
            vec!["rusqlite", "zip", "printpdf", "lopdf"]
        }
        _ => vec![],
    };
    (modules, crates)
}

/// Every `.rs` file under `dir`.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The source without `//` comments (doc comments name paths that are no imports).
fn code(text: &str) -> String {
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

fn ident(s: &str) -> &str {
    let end = s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(s.len());
    &s[..end]
}

/// The first path segments after each `prefix` (`crate::`, `super::`), with `prefix{a, b::c}`
/// giving `a` and `b`. The root's re-exports `Error` and `Result` count as their module.
fn named(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices(prefix) {
        let before = code[..i].chars().last();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[i + prefix.len()..];
        let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let end = group
                .find(|c| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .unwrap_or(group.len());
            let mut names = Vec::new();
            let mut depth = 0;
            let mut start = true;
            for (j, c) in group[..end].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && !c.is_whitespace() => {
                        names.push(ident(&group[j..]));
                        start = false;
                    }
                    _ => {}
                }
            }
            names
        } else {
            vec![ident(rest)]
        };
        for name in names {
            let module = match name {
                "Error" | "Result" => "error",
                other => other,
            };
            if !module.is_empty() && module != "self" {
                out.insert(module.to_owned());
            }
        }
    }
    out
}

/// The top-level module a file belongs to (`src/store/mod.rs` → `store`); `None` for the root.
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?.to_owned();
    match first.strip_suffix(".rs") {
        Some("lib") => None,
        Some(stem) => Some(stem.to_owned()),
        None => Some(first),
    }
}

/// What each module of the core names: top-level module → named top-level modules.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<String> = files(src).iter().filter_map(|f| top_module(src, f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files(src) {
        let Some(module) = top_module(src, &file) else { continue };
        let code = code(&std::fs::read_to_string(&file).unwrap());
        let entry = graph.entry(module.clone()).or_default();
        for named in named(&code, "crate::") {
            if named != module && modules.contains(&named) {
                entry.insert(named);
            }
        }
    }
    graph
}

/// Pairs of modules that name each other.
fn mutual(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (a, named) in graph {
        for b in named {
            if a < b && graph.get(b).is_some_and(|n| n.contains(a)) {
                out.push((a.clone(), b.clone()));
            }
        }
    }
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_two_modules_of_the_core_import_each_other() {
    let graph = graph(&src());
    assert!(graph.len() > 20, "{graph:?}");
    assert_eq!(mutual(&graph), Vec::<(String, String)>::new());
}

#[test]
fn no_two_submodules_of_one_folder_import_each_other() {
    // Files in one folder name their siblings as `super::x` (or `crate::<folder>::x`).
    let mut folders: BTreeMap<PathBuf, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in files(&src()) {
        let dir = file.parent().unwrap().to_owned();
        let stem = file.file_stem().unwrap().to_str().unwrap().to_owned();
        if dir == src() || stem == "mod" {
            continue;
        }
        let siblings: BTreeSet<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| p.file_stem().unwrap().to_str().unwrap().to_owned())
            .filter(|s| s != "mod" && *s != stem)
            .collect();
        let code = code(&std::fs::read_to_string(&file).unwrap());
        let rel = dir.strip_prefix(src()).unwrap().to_str().unwrap().replace('/', "::");
        let mut named_here = named(&code, "super::");
        named_here.extend(named(&code, &format!("crate::{rel}::")));
        let entry = folders.entry(dir).or_default().entry(stem).or_default();
        entry.extend(named_here.into_iter().filter(|n| siblings.contains(n)));
    }
    assert!(folders.len() >= 5);
    for (dir, graph) in folders {
        assert_eq!(mutual(&graph), Vec::<(String, String)>::new(), "in {}", dir.display());
    }
}

#[test]
fn modules_import_only_in_the_allowed_directions() {
    let src = src();
    let mut wrong = Vec::new();
    for file in files(&src) {
        let Some(module) = top_module(&src, &file) else { continue };
        let code = code(&std::fs::read_to_string(&file).unwrap());
        let (modules, crates) = forbidden(&module);
        let named = named(&code, "crate::");
        for m in modules.iter().filter(|m| named.contains(**m)) {
            wrong.push(format!("{} names crate::{m}", file.display()));
        }
        for c in crates {
            if code.contains(&format!("{c}::")) || code.contains(&format!("use {c}")) {
                wrong.push(format!("{} uses the {c} crate", file.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// The checker itself finds what it must find.
#[test]
fn the_checker_sees_imports_in_every_form() {
    let code = code(
        "use crate::{Error, store::{self, Store}, report};\n\
         let x = crate::audit::diff(); // crate::api is a comment\n\
         use super::data::ReportData;\n$crate::evidence::Evidence",
    );
    let named = named(&code, "crate::");
    assert_eq!(
        named.into_iter().collect::<Vec<_>>(),
        ["audit", "error", "evidence", "report", "store"]
    );
    assert!(named_contains(&code, "super::", "data"));
    let mut graph = BTreeMap::new();
    graph.insert("store".to_owned(), BTreeSet::from(["report".to_owned()]));
    graph.insert("report".to_owned(), BTreeSet::from(["store".to_owned()]));
    assert_eq!(mutual(&graph), [("report".to_owned(), "store".to_owned())]);
    let (modules, crates) = forbidden("store");
    assert!(modules.contains(&"report") && crates.contains(&"zip"));
    let (modules, _) = forbidden("report");
    assert!(modules.contains(&"store"));
}

fn named_contains(code: &str, prefix: &str, name: &str) -> bool {
    named(code, prefix).contains(name)
}
