//! The fingerprint sheet the Land publishes: rendered to PDF and checked as a reader sees it
//! (`pdftotext`: title, Land, publisher and every group of the fingerprint, each group in one
//! piece) and as a PDF tool sees it (`qpdf --check`, `pdfinfo`).

use anbindungscheck::package::signing;
use anbindungscheck::report::fingerprint_sheet::{render, FingerprintSheet};
use ed25519_dalek::SigningKey;

use crate::fixtures::{pdftotext, tool};

fn sheet(replaces: Option<String>) -> FingerprintSheet {
    let key = SigningKey::from_bytes(&[7; 32]);
    FingerprintSheet {
        land: "Niedersachsen".into(),
        coordination: "Kommunale OZG-Koordination im Niedersächsischen Ministerium für Inneres \
                       und Sport"
            .into(),
        fingerprint: signing::fingerprint(&key.verifying_key()),
        created_on: "2026-05-01".parse().unwrap(),
        replaces,
        issued_on: "2026-12-01".parse().unwrap(),
    }
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF with poppler-utils, which the Windows run lacks")]
fn fingerprint_sheet_reads_right_and_passes_qpdf() {
    let old = signing::fingerprint(&SigningKey::from_bytes(&[3; 32]).verifying_key());
    for sheet in [sheet(None), sheet(Some(old.clone()))] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fingerabdruck.pdf");
        std::fs::write(&path, render(&sheet).unwrap()).unwrap();

        let text = pdftotext(&path);
        // Lines joined with single spaces: wrapped text reads as it was written.
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for needle in [
            "Fingerabdruck des Signaturschlüssels",
            "Informationspakete des Landes Niedersachsen",
            "Kommunale OZG-Koordination im Niedersächsischen Ministerium",
            "Stand",
            "01.12.2026",
            "01.05.2026",
            "Zeichen für Zeichen",
        ] {
            assert!(flat.contains(needle), "{needle:?} missing from:\n{text}");
        }
        let groups: Vec<&str> = sheet.fingerprint.split(' ').collect();
        assert_eq!(groups.len(), 8);
        // Every group as a word of its own: large and spaced, yet one piece.
        let words: Vec<&str> = flat.split(' ').collect();
        for group in &groups {
            assert!(words.contains(group), "group {group} missing from:\n{text}");
        }
        assert_eq!(flat.contains(&old), sheet.replaces.is_some(), "replaced key:\n{text}");

        let qpdf = tool("qpdf", &["--check", path.to_str().unwrap()]);
        assert!(
            qpdf.status.success(),
            "qpdf --check: {}{}",
            String::from_utf8_lossy(&qpdf.stdout),
            String::from_utf8_lossy(&qpdf.stderr)
        );
        let info = tool("pdfinfo", &[path.to_str().unwrap()]);
        let info = String::from_utf8_lossy(&info.stdout);
        assert!(info.contains("Pages:           1"), "{info}");
        assert!(
            info.contains(
                "Title:           Fingerabdruck des Signaturschlüssels – Land Niedersachsen"
            ),
            "{info}"
        );
        assert!(info.contains("PDF version:     1.7"), "{info}");
        let detach = tool("pdfdetach", &["-list", path.to_str().unwrap()]);
        assert!(String::from_utf8_lossy(&detach.stdout).contains("0 embedded files"));
    }
}
