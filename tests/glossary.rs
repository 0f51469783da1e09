//! One vocabulary: no text of the app, its PDFs, its spreadsheets or its command line uses a word
//! that docs/glossary.md lists under „Vermeiden“. Quotes of the source are exempt.

use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The words the glossary says to avoid: the first column of its „Vermeiden“ table.
fn avoided() -> Vec<String> {
    let glossary = std::fs::read_to_string(Path::new(ROOT).join("docs/glossary.md")).unwrap();
    let table = glossary.split("## Vermeiden").nth(1).expect("a section „Vermeiden“");
    let words: Vec<String> = table
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`').map(|(word, _)| word.to_owned()))
        .collect();
    assert!(words.len() >= 10, "the table was not read: {words:?}");
    words
}

/// Every file below `dir` whose name ends with one of `endings`.
fn files(dir: &Path, endings: &[&str], out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != "node_modules" && name != "target" {
                files(&path, endings, out);
            }
        } else if endings.iter().any(|e| name.ends_with(e)) {
            out.push(path);
        }
    }
}

/// The texts people read: the UI, the core (PDFs, spreadsheets, messages), the command line, the
/// shell, the built-in checklists and the example package.
fn texts() -> Vec<PathBuf> {
    let root = Path::new(ROOT);
    let mut out = Vec::new();
    files(&root.join("ui/src"), &[".svelte", ".ts"], &mut out);
    files(&root.join("src"), &[".rs", ".json"], &mut out);
    files(&root.join("cli/src"), &[".rs"], &mut out);
    files(&root.join("src-tauri/src"), &[".rs"], &mut out);
    files(&root.join("examples/paket-vergabe"), &[".json", ".txt", ".md"], &mut out);
    out
}

/// Lines that quote the source word for word: the points' quotes, and the titles of the Land's
/// checklist (its items are the source's bullets).
fn quotes_the_source(path: &Path, line: &str) -> bool {
    let line = line.trim_start();
    let name = path.file_name().unwrap().to_string_lossy();
    name.ends_with("catalogue.json")
        && (line.contains("\"quote\": ")
            || (name == "land_catalogue.json" && line.starts_with("\"title\": ")))
}

#[test]
fn no_text_uses_a_word_the_glossary_says_to_avoid() {
    let words = avoided();
    let texts = texts();
    assert!(texts.len() > 100, "too few files found: {}", texts.len());
    let mut found = Vec::new();
    for path in &texts {
        let content = std::fs::read_to_string(path).unwrap();
        for (n, line) in content.lines().enumerate() {
            if quotes_the_source(path, line) {
                continue;
            }
            for word in words.iter().filter(|w| line.contains(w.as_str())) {
                let at = path.strip_prefix(ROOT).unwrap().display();
                found.push(format!("{at}:{}: „{word}“ in {}", n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "words the glossary says to avoid:\n{}", found.join("\n"));
}

#[test]
fn the_quotes_exempt_are_the_sources_own_words() {
    // Only lines that are the source's own words may keep its wording.
    let source = std::fs::read_to_string(
        Path::new(ROOT).join("docs/source/erste-schritte-anbindung-kommunen.txt"),
    )
    .unwrap()
    .replace('*', "");
    let source = source.split_whitespace().collect::<Vec<_>>().join(" ");
    for name in ["src/catalogue.json", "src/land_catalogue.json"] {
        let path = Path::new(ROOT).join(name);
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            if !quotes_the_source(&path, line) {
                continue;
            }
            let value = line
                .split("\"quote\": \"")
                .nth(1)
                .or_else(|| line.trim_start().strip_prefix("\"title\": \""));
            let text = value.unwrap().split('"').next().unwrap();
            assert!(source.contains(text), "{name}: not the source's words: {text}");
        }
    }
}
