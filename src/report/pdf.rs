//! Draws laid-out pages with printpdf and finishes the file with lopdf: document information
//! and XMP metadata (PDF/A-3b identification), the sRGB output intent, PDF 1.7, and for the
//! report the JSON attachment (`attach.rs`). [`write`] does the same for other documents of
//! the report's engine (the fingerprint sheet), without attachment. docs/report-format.md says
//! what of PDF/A-3b holds.

use lopdf::{Dictionary, Object, Stream};
use printpdf::{
    Color as PdfColor, Line, LineCapStyle, LineJoinStyle, LinePoint, Mm, Op, PaintMode,
    PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect,
    Rgb, TextItem, WindingOrder,
};

use super::data::ReportData;
use super::fonts::{Face, Fonts};
use super::layout::{self, Color, Element, Page, PAGE_H};
use super::pdf_values::{dates, text_string};
use super::{attach, ReportError};

/// The sRGB profile of the output intent (icc-profiles-free, Zlib licence).
const SRGB_ICC: &[u8] = include_bytes!("../../assets/report/sRGB.icc");

/// A finished report file.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// What the document information and the XMP metadata say about a file.
#[derive(Debug, Clone)]
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: String,
    /// The program that made the file, e.g. "Anbindungscheck 0.1.0".
    pub creator: String,
    /// When the file was made (RFC 3339).
    pub created_at: String,
}

/// Lays out and writes the report as PDF bytes, its data attached as JSON.
pub fn render(data: &ReportData) -> Result<Rendered, ReportError> {
    let pages = layout::layout(data)?;
    let mut lo = document(&pages, &metadata(data))?;
    attach::embed_json(&mut lo, data)?;
    Ok(Rendered { bytes: save(lo)?, pages: pages.len() })
}

/// Writes laid-out pages as PDF bytes with the metadata the report has too (document
/// information, XMP with the PDF/A-3b identification, sRGB output intent), without attachment.
pub fn write(pages: &[Page], meta: &Metadata) -> Result<Vec<u8>, ReportError> {
    save(document(pages, meta)?)
}

/// The pages drawn with printpdf, then finished with lopdf ([`finish`]).
fn document(pages: &[Page], meta: &Metadata) -> Result<lopdf::Document, ReportError> {
    let fonts = Fonts::get();
    let mut doc = PdfDocument::new(&meta.title);
    let regular = doc.add_font(&fonts.regular.parsed);
    let bold = doc.add_font(&fonts.bold.parsed);
    let pdf_pages: Vec<PdfPage> = pages
        .iter()
        .map(|page| PdfPage::new(Mm(210.0), Mm(297.0), ops(page, &regular, &bold)))
        .collect();
    doc.with_pages(pdf_pages);
    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);
    finish(&mut lo, meta)?;
    Ok(lo)
}

/// The finished document, compressed, as bytes.
fn save(mut lo: lopdf::Document) -> Result<Vec<u8>, ReportError> {
    lo.compress();
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(|e| ReportError::Pdf(e.to_string()))?;
    Ok(bytes)
}

/// The report's metadata.
fn metadata(data: &ReportData) -> Metadata {
    Metadata {
        title: format!("Sachstandsbericht {}", data.municipality.name),
        author: data.municipality.name.clone(),
        subject: format!(
            "Sachstand der Anbindung an EfA-Onlinedienste, Stand {}",
            super::format::date(data.report_date)
        ),
        keywords: format!(
            "Sachstandsbericht; EfA; OZG; {} {}; {}",
            if data.municipality.ags.len() == 12 { "ARS" } else { "AGS" },
            data.municipality.ags,
            data.report_id
        ),
        creator: format!("{} {}", data.generator.name, data.generator.version),
        created_at: data.created_at.clone(),
    }
}

fn rgb(c: Color) -> PdfColor {
    PdfColor::Rgb(Rgb { r: c.0, g: c.1, b: c.2, icc_profile: None })
}

fn point(x: f32, y_from_top: f32) -> Point {
    Point { x: Pt(x), y: Pt(PAGE_H - y_from_top) }
}

fn ops(page: &Page, regular: &printpdf::FontId, bold: &printpdf::FontId) -> Vec<Op> {
    let mut ops = Vec::with_capacity(page.elements.len() * 6);
    let mut fill: Option<Color> = None;
    let mut set_fill = |ops: &mut Vec<Op>, c: Color| {
        if fill != Some(c) {
            ops.push(Op::SetFillColor { col: rgb(c) });
            fill = Some(c);
        }
    };
    for e in &page.elements {
        match e {
            Element::Rect { x, y, w, h, color } => {
                set_fill(&mut ops, *color);
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(PAGE_H - y - h),
                        width: Pt(*w),
                        height: Pt(*h),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
            Element::Line { x1, y1, x2, y2, width, color } => {
                ops.push(Op::SetOutlineColor { col: rgb(*color) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint { p: point(*x1, *y1), bezier: false },
                            LinePoint { p: point(*x2, *y2), bezier: false },
                        ],
                        is_closed: false,
                    },
                });
            }
            Element::Path { points, closed, fill: fill_color, stroke } => {
                let points: Vec<LinePoint> = points
                    .iter()
                    .map(|p| LinePoint { p: point(p.x, p.y), bezier: p.control })
                    .collect();
                if let Some(c) = fill_color {
                    set_fill(&mut ops, *c);
                    ops.push(Op::DrawPolygon {
                        polygon: Polygon {
                            rings: vec![PolygonRing { points: points.clone() }],
                            mode: PaintMode::Fill,
                            winding_order: WindingOrder::NonZero,
                        },
                    });
                }
                if let Some((width, color)) = stroke {
                    ops.push(Op::SetOutlineColor { col: rgb(*color) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::SetLineCapStyle { cap: LineCapStyle::Round });
                    ops.push(Op::SetLineJoinStyle { join: LineJoinStyle::Round });
                    ops.push(Op::DrawLine { line: Line { points, is_closed: *closed } });
                    // Rules are drawn with the default ends and corners.
                    ops.push(Op::SetLineCapStyle { cap: LineCapStyle::Butt });
                    ops.push(Op::SetLineJoinStyle { join: LineJoinStyle::Miter });
                }
            }
            Element::Text { x, baseline, face, size, color, tracking, text } => {
                set_fill(&mut ops, *color);
                let font = match face {
                    Face::Regular => regular.clone(),
                    Face::Bold => bold.clone(),
                };
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFont { font: PdfFontHandle::External(font), size: Pt(*size) });
                ops.push(Op::SetTextCursor { pos: point(*x, *baseline) });
                if *tracking != 0.0 {
                    ops.push(Op::SetCharacterSpacing { multiplier: *tracking });
                }
                ops.push(Op::ShowText { items: vec![TextItem::Text(text.clone())] });
                if *tracking != 0.0 {
                    // Character spacing is graphics state: it outlives the text section.
                    ops.push(Op::SetCharacterSpacing { multiplier: 0.0 });
                }
                ops.push(Op::EndTextSection);
            }
        }
    }
    ops
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Document information, XMP metadata with the PDF/A-3b identification, the sRGB output intent,
/// language and PDF version.
fn finish(doc: &mut lopdf::Document, meta: &Metadata) -> Result<(), ReportError> {
    let missing = |what: &str| ReportError::Pdf(format!("{what} fehlt im erzeugten PDF"));
    doc.version = "1.7".to_owned();
    let (pdf_date, xmp_date) = dates(&meta.created_at);
    let Metadata { title, author, subject, keywords, creator, .. } = meta;
    let producer = format!("{creator} (printpdf, lopdf)");

    // The information dictionary, written anew (printpdf's carries a stray /GTS_PDFXVersion).
    let info = Dictionary::from_iter(vec![
        ("Title", text_string(title)),
        ("Author", text_string(author)),
        ("Subject", text_string(subject)),
        ("Keywords", text_string(keywords)),
        ("Creator", text_string(creator)),
        ("Producer", text_string(&producer)),
        ("CreationDate", Object::string_literal(pdf_date.clone())),
        ("ModDate", Object::string_literal(pdf_date)),
    ]);
    match doc.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            doc.objects.insert(id, Object::Dictionary(info));
        }
        Err(_) => {
            let id = doc.add_object(info);
            doc.trailer.set("Info", Object::Reference(id));
        }
    }

    let e = |s: &str| xml_escape(s);
    let xmp = format!(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
 <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
  <rdf:Description rdf:about=\"\"\n\
    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n\
    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n\
    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n\
    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n\
   <dc:format>application/pdf</dc:format>\n\
   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n\
   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\n\
   <dc:language><rdf:Bag><rdf:li>de-DE</rdf:li></rdf:Bag></dc:language>\n\
   <xmp:CreateDate>{date}</xmp:CreateDate>\n\
   <xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
   <xmp:MetadataDate>{date}</xmp:MetadataDate>\n\
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>\n\
   <pdf:Producer>{producer}</pdf:Producer>\n\
   <pdf:Keywords>{keywords}</pdf:Keywords>\n\
   <pdfaid:part>3</pdfaid:part>\n\
   <pdfaid:conformance>B</pdfaid:conformance>\n\
  </rdf:Description>\n\
 </rdf:RDF>\n\
</x:xmpmeta>\n\
<?xpacket end=\"w\"?>",
        title = e(title),
        author = e(author),
        subject = e(subject),
        date = xmp_date,
        creator = e(creator),
        producer = e(&producer),
        keywords = e(keywords),
    );
    // PDF/A: the metadata stream stays unfiltered.
    let metadata = Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp.into_bytes(),
    )
    .with_compression(false);
    let metadata_id = doc.add_object(metadata);

    let icc =
        Stream::new(Dictionary::from_iter(vec![("N", Object::Integer(3))]), SRGB_ICC.to_vec());
    let icc_id = doc.add_object(icc);
    let intent = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFA1".to_vec())),
        ("OutputConditionIdentifier", Object::string_literal("sRGB IEC61966-2.1")),
        ("RegistryName", Object::string_literal("http://www.color.org")),
        ("Info", Object::string_literal("sRGB IEC61966-2.1")),
        ("DestOutputProfile", Object::Reference(icc_id)),
    ]);

    let catalog = doc.catalog_mut().map_err(|_| missing("Der Katalog"))?;
    catalog.set("Metadata", Object::Reference(metadata_id));
    catalog.set("OutputIntents", Object::Array(vec![Object::Dictionary(intent)]));
    catalog.set("Lang", Object::string_literal("de-DE"));
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
    );
    Ok(())
}
