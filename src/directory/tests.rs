//! The directory readers on fixtures written from the record description, and on bad input.

use super::*;

const STAND: &str = "20250630";

/// One GV100AD record of 220 characters, laid out as the record description says: Satzart,
/// Gebietsstand, key (Land, RB, Kreis, Gemeinde: 8 columns, blank below the record's level),
/// Verband (4), name (50), seat (50), Textkennzeichen (2), 4 blank, area, population,
/// male population (11 each), blank to the end.
fn record(
    satzart: &str,
    key: &str,
    verband: &str,
    name: &str,
    seat: &str,
    kind: &str,
    population: Option<u32>,
) -> String {
    let numbers = match population {
        Some(p) => format!("{:011}{p:011}{:011}", 1234, p / 2),
        None => String::new(),
    };
    let line =
        format!("{satzart}{STAND}{key:<8}{verband:<4}{name:<50}{seat:<50}{kind:<2}    {numbers}");
    format!("{line:<220}")
}

/// A directory of five Länder with every record type: Schleswig-Holstein (an Amt, an
/// unincorporated area), Niedersachsen (a Samtgemeinde), Bremen, Nordrhein-Westfalen (a
/// Regierungsbezirk) and Baden-Württemberg (Regierungsbezirk and Region).
fn fixture() -> String {
    let lines = [
        record("10", "01", "", "Schleswig-Holstein", "Kiel", "", None),
        record("40", "01003", "", "Lübeck, Hansestadt", "Lübeck", "41", None),
        record("50", "01003", "0000", "Lübeck, Hansestadt", "", "50", None),
        record("60", "01003000", "0000", "Lübeck, Hansestadt", "", "61", Some(218_095)),
        record("40", "01053", "", "Herzogtum Lauenburg", "Ratzeburg", "44", None),
        record("50", "01053", "5304", "Amt Büchen", "Büchen", "51", None),
        record("60", "01053020", "5304", "Büchen", "", "64", Some(6318)),
        record("60", "01053105", "9105", "Sachsenwald", "", "66", Some(0)),
        record("10", "03", "", "Niedersachsen", "Hannover", "", None),
        record("40", "03159", "", "Göttingen", "Göttingen", "44", None),
        record("50", "03159", "0016", "Göttingen, Stadt", "", "50", None),
        record("60", "03159016", "0016", "Göttingen, Stadt", "", "63", Some(118_911)),
        record("50", "03159", "5402", "Radolfshausen", "Ebergötzen", "52", None),
        record("60", "03159006", "5402", "Ebergötzen", "", "64", Some(1965)),
        record("60", "03159030", "5402", "Seeburg", "", "64", Some(1391)),
        record("40", "03355", "", "Lüneburg", "Lüneburg", "44", None),
        record("50", "03355", "0022", "Lüneburg, Hansestadt", "", "50", None),
        record("60", "03355022", "0022", "Lüneburg, Hansestadt", "", "63", Some(77_000)),
        record("10", "04", "", "Freie Hansestadt Bremen", "Bremen", "", None),
        record("40", "04011", "", "Bremen, Stadt", "Bremen", "41", None),
        record("50", "04011", "0000", "Bremen, Stadt", "", "50", None),
        record("60", "04011000", "0000", "Bremen, Stadt", "", "61", Some(569_396)),
        record("40", "04012", "", "Bremerhaven, Stadt", "Bremerhaven", "41", None),
        record("50", "04012", "0000", "Bremerhaven, Stadt", "", "50", None),
        record("60", "04012000", "0000", "Bremerhaven, Stadt", "", "61", Some(113_026)),
        record("10", "05", "", "Nordrhein-Westfalen", "Düsseldorf", "", None),
        record("20", "055", "", "Reg.-Bez. Münster", "Münster", "", None),
        record("40", "05515", "", "Münster, Stadt", "Münster", "41", None),
        record("50", "05515", "0000", "Münster, Stadt", "", "50", None),
        record("60", "05515000", "0000", "Münster, Stadt", "", "61", Some(320_946)),
        record("10", "08", "", "Baden-Württemberg", "Stuttgart", "", None),
        record("20", "081", "", "Reg.-Bez. Stuttgart", "Stuttgart", "", None),
        record("30", "0811", "", "Region Stuttgart", "Stuttgart", "", None),
        record("40", "08111", "", "Stuttgart, Stadtkreis", "Stuttgart", "42", None),
        record("50", "08111", "0000", "Stuttgart, Landeshauptstadt", "", "50", None),
        record("60", "08111000", "0000", "Stuttgart, Landeshauptstadt", "", "62", Some(632_865)),
    ];
    lines.join("\r\n") + "\r\n"
}

/// `text` in ISO-8859-1, as GV100AD files were published for years.
fn latin1(text: &str) -> Vec<u8> {
    text.chars().map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character")).collect()
}

fn error(bytes: &[u8]) -> String {
    let err = parse(bytes).expect_err("the input must be refused");
    assert_eq!(err.field(), Some("directory"));
    assert_eq!(err.code(), crate::error_code::ErrorCode::Validation);
    err.to_string()
}

fn lower_saxony() -> Land {
    Land::from_code(3).unwrap()
}

#[test]
fn gv100ad_in_latin1_is_read_with_every_record_type() {
    let directory = parse(&latin1(&fixture())).unwrap();
    assert_eq!(directory.format, DirectoryFormat::Gv100ad);
    assert_eq!(directory.as_of, NaiveDate::from_ymd_opt(2025, 6, 30));
    let keys: Vec<&str> = directory.entries.iter().map(|m| m.ags.as_str()).collect();
    assert_eq!(
        keys,
        [
            "01003000", "01053020", "03159006", "03159016", "03159030", "03355022", "04011000",
            "04012000", "05515000", "08111000"
        ]
    );
    assert_eq!(directory.unincorporated, ["01053105"]);

    let goettingen = directory.entries.iter().find(|m| m.ags == "03159016").unwrap();
    assert_eq!(
        *goettingen,
        Municipality {
            ags: "03159016".into(),
            name: "Göttingen, Stadt".into(),
            kreis_ags: "03159".into(),
            kreis_name: Some("Göttingen".into()),
            verband: None,
            ars: Some("031590016016".into()),
            population: Some(118_911),
        }
    );
    let member = directory.entries.iter().find(|m| m.ags == "03159006").unwrap();
    assert_eq!(member.name, "Ebergötzen");
    assert_eq!(member.verband, Some(("031595402".into(), "Radolfshausen".into())));
    assert_eq!(member.ars.as_deref(), Some("031595402006"));
    let buechen = directory.entries.iter().find(|m| m.ags == "01053020").unwrap();
    assert_eq!(buechen.verband, Some(("010535304".into(), "Amt Büchen".into())));
    let luebeck = directory.entries.iter().find(|m| m.ags == "01003000").unwrap();
    assert_eq!(luebeck.name, "Lübeck, Hansestadt");
    assert_eq!(luebeck.kreis_name.as_deref(), Some("Lübeck, Hansestadt"));
    let muenster = directory.entries.iter().find(|m| m.ags == "05515000").unwrap();
    assert_eq!((muenster.name.as_str(), muenster.population), ("Münster, Stadt", Some(320_946)));
}

#[test]
fn gv100ad_in_utf8_reads_the_same() {
    let text = fixture();
    assert!(!text.is_ascii(), "the fixture has umlauts");
    let utf8 = parse(text.as_bytes()).unwrap();
    assert_eq!(utf8, parse(&latin1(&text)).unwrap());
    // With a byte order mark and plain line feeds, too.
    let bom = [b"\xEF\xBB\xBF".as_slice(), text.replace("\r\n", "\n").as_bytes()].concat();
    assert_eq!(parse(&bom).unwrap(), utf8);
}

#[test]
fn a_record_as_published_is_read() {
    // Written out column by column: a kreisfreie Stadt in no Verband.
    let line = "6020250630010030000000Lübeck, Hansestadt                                                                                  61    000000214190000021809500000106000    23552*****                                             ";
    assert_eq!(line.chars().count(), 220);
    let column = |from: usize, to: usize| line.chars().skip(from - 1).take(to - from + 1);
    assert_eq!(column(140, 150).collect::<String>(), "00000218095", "Einwohner insgesamt");
    for bytes in [line.as_bytes().to_vec(), latin1(line)] {
        let directory = parse(&bytes).unwrap();
        let [lubeck] = directory.entries.as_slice() else { panic!("{directory:?}") };
        assert_eq!(lubeck.name, "Lübeck, Hansestadt");
        assert_eq!(lubeck.population, Some(218_095));
        assert_eq!(lubeck.ars.as_deref(), Some("010030000000"));
        assert_eq!(lubeck.kreis_name, None, "no Kreis record in this file");
    }
}

#[test]
fn the_land_filter_keeps_one_land_and_names_the_others() {
    let land = for_land(parse(&latin1(&fixture())).unwrap(), lower_saxony());
    assert_eq!(land.land, lower_saxony());
    assert_eq!(land.format, DirectoryFormat::Gv100ad);
    assert_eq!(land.as_of, NaiveDate::from_ymd_opt(2025, 6, 30));
    let names: Vec<&str> = land.municipalities.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Ebergötzen", "Göttingen, Stadt", "Seeburg", "Lüneburg, Hansestadt"]);
    assert_eq!(
        land.kreise,
        [("03159".to_owned(), "Göttingen".to_owned()), ("03355".into(), "Lüneburg".into())]
    );
    assert_eq!(land.other_lands, 6);
    assert_eq!(
        land.other_land_names,
        [
            "Schleswig-Holstein (2)",
            "Bremen (2)",
            "Nordrhein-Westfalen (1)",
            "Baden-Württemberg (1)"
        ]
    );
    assert_eq!(land.unincorporated_areas, 0);

    let north = for_land(parse(&latin1(&fixture())).unwrap(), Land::from_code(1).unwrap());
    assert_eq!(north.municipalities.len(), 2);
    assert_eq!(north.unincorporated_areas, 1, "Sachsenwald");
    assert_eq!(north.other_lands, 8);

    let empty = for_land(parse(&latin1(&fixture())).unwrap(), Land::from_code(9).unwrap());
    assert!(empty.municipalities.is_empty() && empty.kreise.is_empty());
    assert_eq!(empty.other_lands, 10);
}

#[test]
fn the_land_directory_serializes_for_the_ui() {
    let land = for_land(parse(fixture().as_bytes()).unwrap(), Land::from_code(4).unwrap());
    let json = serde_json::to_value(&land).unwrap();
    assert_eq!(json["land"], "04");
    assert_eq!(json["format"], "gv100ad");
    assert_eq!(json["as_of"], "2025-06-30");
    assert_eq!(json["kreise"][0], serde_json::json!(["04011", "Bremen, Stadt"]));
    assert_eq!(json["municipalities"][1]["verband"], serde_json::Value::Null);
    assert_eq!(json["municipalities"][1]["population"], 113_026);
}

/// The fixture with line `n` (1-based) replaced.
fn with_line(n: usize, line: &str) -> String {
    let mut lines: Vec<String> = fixture().lines().map(str::to_owned).collect();
    lines[n - 1] = line.to_owned();
    lines.join("\n")
}

#[test]
fn short_lines_are_refused_with_their_line() {
    let gemeinde = record("60", "03159016", "0016", "Göttingen, Stadt", "", "63", Some(118_911));
    let cut: String = gemeinde.chars().take(100).collect();
    let message = error(&latin1(&with_line(12, &cut)));
    assert!(message.starts_with("Zeile 12: Der Satz ist zu kurz (100 Zeichen"), "{message}");
    assert!(message.contains("Satzart 60 (Gemeinde) braucht mindestens 150"), "{message}");

    let message = error(&latin1(&with_line(10, "4020250630031")));
    assert!(message.starts_with("Zeile 10: Der Satz ist zu kurz (13 Zeichen"), "{message}");

    // Trailing blanks an editor removed are no reason to refuse.
    let trimmed: String = fixture().lines().map(|l| l.trim_end().to_owned() + "\n").collect();
    assert_eq!(parse(trimmed.as_bytes()).unwrap(), parse(fixture().as_bytes()).unwrap());
}

#[test]
fn unknown_record_types_are_refused() {
    let unknown = record("70", "03159016", "0016", "Göttingen", "", "63", Some(1));
    let message = error(&latin1(&with_line(14, &unknown)));
    assert!(message.starts_with("Zeile 14: Unbekannte Satzart „70“"), "{message}");
    assert!(message.contains("60 (Gemeinde)"), "{message}");
    let message = error(&latin1(&with_line(3, &format!("6X{}", &unknown[2..]))));
    assert!(message.starts_with("Zeile 3: Unbekannte Satzart „6X“"), "{message}");
}

#[test]
fn wrong_encodings_are_refused_with_a_clear_message() {
    // UTF-8 umlauts in one line ("Lübeck", line 2), a Latin-1 umlaut in another.
    let mut mixed = fixture().into_bytes();
    let at = mixed.windows(7).position(|w| w == b"Seeburg").unwrap();
    mixed[at + 1] = 0xF6; // "Söeburg" in Latin-1
    let message = error(&mixed);
    assert!(message.starts_with("Zeile 15: Die Zeichenkodierung ist uneinheitlich"), "{message}");
    assert!(message.contains("UTF-8 oder als ANSI (Windows-1252)"), "{message}");

    let mut undefined = latin1(&fixture());
    let at = undefined.windows(7).position(|w| w == b"Seeburg").unwrap();
    undefined[at] = 0x81;
    let message = error(&undefined);
    assert!(message.starts_with("Zeile 15: Das Byte 0x81 ist weder UTF-8"), "{message}");

    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(fixture().encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert!(error(&utf16).contains("UTF-16"));
    let no_bom: Vec<u8> = fixture().encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert!(error(&no_bom).starts_with("Zeile 1: Die Datei enthält Nullbytes"));
    assert!(error(b"PK\x03\x04\x14\x00rest of an archive").contains("ZIP-Archiv"));
}

#[test]
fn bad_fields_name_their_line() {
    let gemeinde = |ags: &str, name: &str, population: Option<u32>| {
        record("60", ags, "0016", name, "", "63", population)
    };
    let cases = [
        (gemeinde("17159016", "Göttingen", Some(1)), "„17“ ist kein Länderschlüssel"),
        (gemeinde("0315901X", "Göttingen", Some(1)), "besteht nicht nur aus Ziffern"),
        (gemeinde("03159016", "", Some(1)), "Der Name fehlt."),
        (gemeinde("03159016", "Götting\u{7}en", Some(1)), "unzulässige Steuerzeichen"),
        (gemeinde("03159016", "Göttingen", Some(5_000_001)), "nicht plausibel"),
        (
            gemeinde("03159016", "Göttingen", Some(1)).replacen("20250630", "20251331", 1),
            "kein Datum",
        ),
        (
            gemeinde("03159016", "Göttingen", Some(1)).replacen("20250630", "20241231", 1),
            "weicht von dem in Zeile 1 (30.06.2025) ab",
        ),
        (
            gemeinde("03159016", "Göttingen", Some(1)).replacen("00000000001", "0000000000x", 1),
            "keine ganze Zahl",
        ),
    ];
    for (line, expected) in cases {
        let message = error(&latin1(&with_line(12, &line)));
        assert!(message.starts_with("Zeile 12: "), "{line}: {message}");
        assert!(message.contains(expected), "{line}: {message}");
    }
    let twice = gemeinde("03159006", "Ebergötzen", Some(1));
    let message = error(&latin1(&with_line(12, &twice)));
    assert_eq!(message, "Zeile 14: Die Gemeinde 03159006 steht schon in Zeile 12.");
    let kreis = record("40", "03159", "", "Göttingen", "", "44", None);
    assert!(error(&latin1(&with_line(16, &kreis)))
        .starts_with("Zeile 16: Der Kreis 03159 steht schon in Zeile 10."));
}

#[test]
fn limits_hold() {
    let file = vec![b' '; MAX_FILE_BYTES + 1];
    assert!(error(&file).contains("zu groß"));
    let many: String = (0..=MAX_MUNICIPALITIES)
        .map(|i| record("60", &format!("03{:06}", i), "0000", "Ort", "", "64", Some(1)) + "\n")
        .collect();
    let message = error(many.as_bytes());
    assert!(
        message.starts_with("Zeile 20001: Die Datei enthält mehr als 20.000 Gemeinden"),
        "{message}"
    );
    assert!(error(b"").contains("leer"));
    assert!(error(b"\n \r\n").contains("leer"));
    let no_gemeinde = record("10", "03", "", "Niedersachsen", "Hannover", "", None);
    assert!(error(no_gemeinde.as_bytes()).contains("keine Gemeinde"));
    assert!(error(b"Hallo Welt").starts_with("Zeile 1: Das Format ist unbekannt"));
}

const CSV: &str = "\u{FEFF}AGS;Name;Einwohner\r\n\
                   03159016;Göttingen, Stadt;118.911\r\n\
                   \"03159006\";\"Ebergötzen\";1965\r\n\
                   \r\n\
                   03159030 ; Seeburg ;\r\n\
                   04011000;\"Bremen, \"\"Stadt\"\"\";569396;;\r\n";

#[test]
fn csv_lists_are_read() {
    let directory = parse(CSV.as_bytes()).unwrap();
    assert_eq!(directory.format, DirectoryFormat::Csv);
    assert_eq!(directory.as_of, None);
    let rows: Vec<(&str, &str, Option<u32>)> =
        directory.entries.iter().map(|m| (m.ags.as_str(), m.name.as_str(), m.population)).collect();
    assert_eq!(
        rows,
        [
            ("03159006", "Ebergötzen", Some(1965)),
            ("03159016", "Göttingen, Stadt", Some(118_911)),
            ("03159030", "Seeburg", None),
            ("04011000", "Bremen, \"Stadt\"", Some(569_396)),
        ]
    );
    let seeburg = &directory.entries[2];
    assert_eq!(seeburg.kreis_ags, "03159");
    assert_eq!((&seeburg.kreis_name, &seeburg.verband, &seeburg.ars), (&None, &None, &None));

    // Windows-1252 as Excel writes "CSV (Trennzeichen-getrennt)", and a list without population.
    let ansi = latin1(&CSV['\u{FEFF}'.len_utf8()..]);
    assert_eq!(parse(&ansi).unwrap(), directory);
    let two = parse("ags ; NAME\n03355022;Lüneburg\n".as_bytes()).unwrap();
    assert_eq!(two.entries[0].population, None);

    let land = for_land(directory, lower_saxony());
    assert_eq!(land.municipalities.len(), 3);
    assert!(land.kreise.is_empty(), "a list names no Kreise");
    assert_eq!(land.other_land_names, ["Bremen (1)"]);
}

#[test]
fn bad_csv_lists_are_refused_with_their_line() {
    let cases = [
        ("03159016;Göttingen;118911\n", "Zeile 1: Die Kopfzeile fehlt."),
        ("AGS,Name,Einwohner\n03159016,Göttingen,1\n", "Zeile 1: Die Spalten sind durch Kommas"),
        ("Schlüssel;Gemeinde\n", "Zeile 1: Unerwartete Kopfzeile „Schlüssel;Gemeinde“"),
        ("AGS;Name;Einwohner\n", "keine Gemeinde"),
        ("AGS;Name;Einwohner\n3159016;Göttingen;1\n", "Zeile 2: AGS „3159016“ hat 7 Ziffern"),
        ("AGS;Name;Einwohner\n3159016;Göttingen;1\n", "führende Null entfernt"),
        ("AGS;Name;Einwohner\n17159016;Göttingen;1\n", "Zeile 2: AGS „17159016“"),
        (
            "AGS;Name;Einwohner\n;Göttingen;1\n",
            "Zeile 2: Der Amtliche Gemeindeschlüssel (AGS) fehlt.",
        ),
        (
            "AGS;Name;Einwohner\n03159016;Göttingen;1\n\n03159016;Göttingen;2\n",
            "Zeile 4: Der AGS 03159016 steht schon in Zeile 2.",
        ),
        ("AGS;Name;Einwohner\n03159016;;1\n", "Zeile 2: Der Name fehlt."),
        (
            "AGS;Name;Einwohner\n03159016;Göttingen;1,5\n",
            "Zeile 2: Die Einwohnerzahl „1,5“ ist keine ganze Zahl.",
        ),
        ("AGS;Name;Einwohner\n03159016;Göttingen;11.89\n", "keine ganze Zahl"),
        ("AGS;Name;Einwohner\n03159016;Göttingen;-3\n", "keine ganze Zahl"),
        ("AGS;Name;Einwohner\n03159016;Göttingen;9999999\n", "nicht plausibel"),
        ("AGS;Name;Einwohner\n03159016;Göttingen;1;x\n", "Zeile 2: Die Zeile hat 4 Spalten"),
        ("AGS;Name\n03159016;Göttingen;1\n", "erwartet werden 2 (AGS;Name)"),
        ("AGS;Name;Einwohner\n03159016;\"Göttingen;1\n", "Zeile 2: Ein Anführungszeichen"),
        ("AGS;Name;Einwohner\n03159016;\"Göttingen\"x;1\n", "Zeile 2: Nach dem schließenden"),
    ];
    for (input, expected) in cases {
        let message = error(input.as_bytes());
        assert!(message.contains(expected), "{input:?}: {message}");
    }
}
