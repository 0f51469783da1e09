//! The end of the report: the signature block (never split across pages) and the closing note
//! on the attached machine-readable data.

use super::engine::{Layout, Result, BODY, INK, LABEL, LEFT, NOTE, RIGHT, WIDTH};
use crate::report::data::ReportData;
use crate::report::format;

/// „Bestätigung“: the lines for place, date, name, function and signature, on one page.
pub(super) fn signature(l: &mut Layout, d: &ReportData) -> Result<()> {
    const BLOCK: f32 = 190.0;
    l.gap(20.0);
    l.ensure(BLOCK);
    l.h2("Bestätigung", 0.0)?;
    l.paragraph(
        LEFT,
        WIDTH,
        &format!(
            "Die Angaben in diesem Bericht geben den Stand vom {} wieder.",
            format::date(d.report_date)
        ),
        BODY,
    )?;
    l.y += 30.0;
    let half = (WIDTH - 24.0) / 2.0;
    let right = LEFT + half + 24.0;
    for (a, b) in [("Ort", "Datum"), ("Name", "Funktion")] {
        l.hline(LEFT, LEFT + half, l.y, 0.6, INK);
        l.hline(right, RIGHT, l.y, 0.6, INK);
        l.text_at(LEFT, l.y + 2.0, LABEL, a)?;
        l.text_at(right, l.y + 2.0, LABEL, b)?;
        l.y += 38.0;
    }
    l.hline(LEFT, LEFT + half, l.y, 0.6, INK);
    l.text_at(LEFT, l.y + 2.0, LABEL, "Unterschrift")?;
    l.y += LABEL.leading + 4.0;
    Ok(())
}

/// The closing note, in words a clerk understands: the attached data and the generator (the
/// schema's name stays in the data).
pub(super) fn closing(l: &mut Layout, d: &ReportData) -> Result<()> {
    l.gap(14.0);
    l.paragraph(
        LEFT,
        WIDTH,
        &format!(
            "Die Angaben dieses Berichts sind zusätzlich maschinenlesbar in der PDF-Datei \
             enthalten (Dateianhang „{}“), damit das Land sie auswerten kann, ohne sie \
             abzutippen. Erstellt mit {} {}.",
            crate::report::ATTACHMENT_NAME,
            d.generator.name,
            d.generator.version
        ),
        NOTE,
    )
}

#[cfg(test)]
mod tests {
    use super::super::layout;
    use super::super::tests::sample;

    #[test]
    fn the_signature_block_stays_on_one_page() {
        for items in 0..40 {
            let pages = layout(&sample(items, "Notiz")).unwrap();
            let page = pages.iter().find(|p| p.texts().any(|t| t == "Ort")).unwrap();
            assert!(page.texts().any(|t| t == "Unterschrift"), "{items} items: block split");
            assert!(page.texts().any(|t| t == "Bestätigung"), "{items} items: heading apart");
        }
    }
}
