//! The command line's arguments (clap derive): the commands, their options and their German
//! help texts. Parsing, with German headings and errors, is in `german`.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// The command line. The texts a user reads are German: they are given as `about`/`help`
/// attributes, and `german` sets the headings, the help flag and the parse errors.
#[derive(Debug, Parser)]
#[command(
    name = "anbindungscheck",
    version,
    about = "Sachstand der Kommune bei der Anbindung an EfA-Onlinedienste"
)]
pub struct Cli {
    #[arg(
        long,
        global = true,
        value_name = "PFAD",
        help = "Pfad der Datenbank (wird angelegt, falls sie fehlt). Standard: $ANBINDUNGSCHECK_DB, \
                sonst die Datenbank der App im lokalen Anwendungsdatenordner"
    )]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

const JSON: &str = "Ausgabe als JSON";

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(
        about = "Sachstand gesamt und je Dimension, extern blockierte, überfällige und bald \
                 fällige Aufgaben"
    )]
    Status(StatusArgs),
    #[command(subcommand, about = "Profil der Kommune anzeigen oder ändern")]
    Profile(ProfileCommand),
    #[command(
        subcommand,
        about = "Eine Mitgliedsgemeinde des Gemeindeverbands oder Kreises eintragen oder entfernen"
    )]
    Member(MemberCommand),
    #[command(about = "Die Mitgliedsgemeinden des Gemeindeverbands oder Kreises")]
    Members {
        #[arg(long, help = JSON)]
        json: bool,
    },
    #[command(subcommand, about = "Eine Aufgabe der Checkliste ändern")]
    Item(ItemCommand),
    #[command(
        about = "Alle Aufgaben der Checkliste mit ihrem Stand; mit --xlsx oder --pdf als Tabelle \
                 oder Arbeitsliste zum Drucken"
    )]
    Items(ItemsArgs),
    #[command(
        subcommand,
        about = "Informationspakete erstellen, signieren und prüfen (für das Land)"
    )]
    Package(PackageCommand),
    #[command(about = "Ein Informationspaket des Landes einlesen")]
    Import {
        #[arg(value_name = "PAKET", help = "Die Paketdatei (.zip)")]
        package: PathBuf,
        #[arg(
            long,
            value_name = "FINGERABDRUCK",
            help = "Bestätigt den Fingerabdruck des Landesschlüssels (nötig beim ersten Paket \
                    eines Landes)"
        )]
        trust: Option<String>,
        #[arg(long, help = "Nur zeigen, was das Einlesen ändern würde")]
        dry_run: bool,
    },
    #[command(
        about = "Einen Widerruf eines Landesschlüssels einlesen: Pakete mit diesem Schlüssel \
                 werden danach nicht mehr angenommen"
    )]
    ImportRevocation {
        #[arg(value_name = "WIDERRUF", help = "Das Widerrufszertifikat des Landes")]
        file: PathBuf,
    },
    #[command(about = "Die eingelesenen Informationspakete")]
    Packages {
        #[arg(long, help = JSON)]
        json: bool,
    },
    #[command(
        about = "Den Sachstandsbericht schreiben: ein PDF, das seine Daten als JSON enthält"
    )]
    Report {
        #[arg(
            short,
            long,
            value_name = "DATEI.pdf",
            help = "Die PDF-Datei (wird ersetzt, falls sie existiert)"
        )]
        out: PathBuf,
        #[arg(
            long,
            value_name = "JJJJ-MM-TT",
            help = "Der Tag, den der Bericht beschreibt (Standard: heute)"
        )]
        date: Option<String>,
    },
    #[command(about = "Sachstandsberichte (PDF-Dateien oder Ordner mit *.pdf) zu einer Tabelle \
                 zusammenfassen. Braucht keine Datenbank. Exit-Code 3, wenn Dateien nicht \
                 gelesen werden konnten")]
    Aggregate {
        #[arg(required = true, value_name = "PFAD", help = "Berichtsdateien oder Ordner")]
        paths: Vec<PathBuf>,
        #[arg(
            long,
            value_name = "ZIEL.csv",
            help = "Die Tabelle als CSV (UTF-8 mit BOM, durch ; getrennt) in diese Datei schreiben"
        )]
        csv: Option<PathBuf>,
        #[arg(
            long,
            value_name = "ZIEL.json",
            help = "Tabelle, übersprungene und nicht berücksichtigte Dateien als JSON in diese \
                    Datei schreiben"
        )]
        json: Option<PathBuf>,
        #[arg(
            long,
            help = "Auch ältere Berichte derselben Kommune behalten (Standard: nur den neuesten)"
        )]
        all: bool,
    },
    #[command(about = "Eine konsistente Kopie der Datenbank nach ZIEL schreiben")]
    Backup {
        #[arg(value_name = "ZIEL", help = "Die Sicherungsdatei")]
        out: PathBuf,
    },
    #[command(
        about = "Die Datenbank durch die Sicherung QUELLE ersetzen (die bisherige bleibt unter \
                 backups/ erhalten)"
    )]
    Restore {
        #[arg(value_name = "QUELLE", help = "Die Sicherungsdatei")]
        input: PathBuf,
    },
    #[command(about = "Die erfassten Änderungen, neueste zuerst")]
    History {
        #[arg(long, help = JSON)]
        json: bool,
        #[arg(long, value_name = "AUFGABE", help = "Nur Änderungen dieser Aufgabe (ihre ID)")]
        item: Option<String>,
        #[arg(long, value_name = "JJJJ-MM-TT", help = "Nur Änderungen ab diesem Tag")]
        since: Option<String>,
        #[arg(long, value_name = "JJJJ-MM-TT", help = "Nur Änderungen bis zu diesem Tag")]
        until: Option<String>,
        #[arg(long, value_name = "N", default_value_t = 500, help = "Höchstens so viele Einträge")]
        limit: u32,
    },
    #[command(
        subcommand,
        about = "Der Arbeitsbereich des Landes (OZG-Koordination): Profil und die eigene \
                 Checkliste nach „Erste Schritte zur Anbindung von Kommunen“"
    )]
    Land(LandCommand),
    #[command(
        subcommand,
        about = "Die Berichte der Kommunen beim Land (Arbeitsbereich des Landes): einlesen und \
                 auflisten"
    )]
    Inbox(InboxCommand),
}

#[derive(Debug, Subcommand)]
pub enum InboxCommand {
    #[command(
        about = "Berichte (PDF-Dateien oder Ordner mit *.pdf) einlesen; derselbe Bericht zweimal \
                 ändert nichts, Berichte anderer Länder werden beiseitegelegt. Exit-Code 3, wenn \
                 Dateien nicht gelesen werden konnten"
    )]
    Add {
        #[arg(required = true, value_name = "PFAD", help = "Berichtsdateien oder Ordner")]
        paths: Vec<PathBuf>,
        #[arg(long, help = JSON)]
        json: bool,
    },
    #[command(
        about = "Das Gemeindeverzeichnis einlesen (GV100AD des Statistischen Bundesamts oder CSV \
                 „AGS;Name;Einwohner“); übernommen werden die Kommunen des eigenen Landes"
    )]
    Directory {
        #[arg(value_name = "DATEI", help = "Die Verzeichnisdatei")]
        file: PathBuf,
    },
    #[command(about = "Das ganze Land aus dem neuesten Bericht jeder Kommune: Kommunen, Kreise, \
                 Onlinedienste, Fachverfahren, Blockaden, Anforderungen")]
    Overview {
        #[arg(long, help = JSON)]
        json: bool,
        #[arg(
            long,
            value_name = "TAGE",
            help = "Berichte, die älter sind, gelten als veraltet (Standard: 90)"
        )]
        days: Option<u32>,
        #[arg(
            long,
            value_name = "JJJJ-MM-TT",
            help = "Der Tag, für den gerechnet wird (Standard: heute)"
        )]
        today: Option<String>,
    },
    #[command(
        about = "Die Kommunen zum Nachfassen: ohne Bericht, mit veraltetem Bericht, mit bald \
                 ablaufender Vereinbarung oder ablaufendem Zertifikat, länger extern blockiert"
    )]
    Followup {
        #[arg(
            long,
            value_name = "TAGE",
            help = "So viele Tage voraus (Abläufe) und zurück (Blockaden); Standard: 30"
        )]
        days: Option<u32>,
        #[arg(
            long,
            value_name = "ZIEL.csv",
            help = "Die Liste als CSV (UTF-8 mit BOM, durch ; getrennt) für einen Serienbrief"
        )]
        csv: Option<PathBuf>,
        #[arg(long, help = JSON)]
        json: bool,
        #[arg(
            long,
            value_name = "JJJJ-MM-TT",
            help = "Der Tag, für den gerechnet wird (Standard: heute)"
        )]
        today: Option<String>,
    },
    #[command(about = "Die Übersicht des Landes exportieren: als Excel-Arbeitsmappe (Übersicht, \
                 Onlinedienste, Anforderungen, Blockaden, Fachverfahren, Nachverfolgung) und/oder \
                 die Kommunen als CSV")]
    Export {
        #[arg(
            long,
            value_name = "ZIEL.xlsx",
            help = "Die Arbeitsmappe mit allen Listen und der Nachfassliste"
        )]
        xlsx: Option<PathBuf>,
        #[arg(
            long,
            value_name = "ZIEL.csv",
            help = "Die Kommunen (Blatt „Übersicht“) als CSV (UTF-8 mit BOM, durch ; getrennt)"
        )]
        csv: Option<PathBuf>,
        #[arg(
            long,
            value_name = "TAGE",
            help = "Berichte, die älter sind, gelten als veraltet (Standard: 90)"
        )]
        days: Option<u32>,
        #[arg(
            long,
            value_name = "TAGE",
            help = "Die Nachfassliste schaut so viele Tage voraus und zurück (Standard: 30)"
        )]
        followup_days: Option<u32>,
        #[arg(
            long,
            value_name = "JJJJ-MM-TT",
            help = "Der Tag, für den gerechnet wird (Standard: heute)"
        )]
        today: Option<String>,
    },
    #[command(
        about = "Den Lagebericht des Landes als PDF schreiben: Stand der Berichte, Sachstand \
                 je Kreis und Onlinedienst, die Listen zum Handeln und eine Seite je Kreis"
    )]
    Report {
        #[arg(short, long, value_name = "ZIEL.pdf", help = "Die PDF-Datei, die geschrieben wird")]
        output: PathBuf,
        #[arg(
            long,
            value_name = "TAGE",
            help = "Berichte, die älter sind, gelten als veraltet (Standard: 90)"
        )]
        days: Option<u32>,
        #[arg(
            long,
            value_name = "JJJJ-MM-TT",
            help = "Der Tag, für den gerechnet wird (Standard: heute)"
        )]
        today: Option<String>,
    },
    #[command(about = "Die eingegangenen Berichte, neueste zuerst")]
    List {
        #[arg(long, help = JSON)]
        json: bool,
    },
}

/// The options of `status` and `land status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    #[arg(long, help = JSON)]
    pub json: bool,
    #[arg(
        long,
        value_name = "JJJJ-MM-TT",
        help = "Der Tag, für den Fristen berechnet werden (Standard: heute)"
    )]
    pub today: Option<String>,
}

/// `items` and `land items`: the checklist listed, or written as files.
#[derive(Debug, Args)]
pub struct ItemsArgs {
    #[arg(long, help = JSON, conflicts_with_all = ["xlsx", "pdf"])]
    pub json: bool,
    #[arg(
        long,
        value_name = "ZIEL.xlsx",
        help = "Die Checkliste als Excel-Tabelle schreiben, eine Zeile je Aufgabe (wird ersetzt, \
                falls sie existiert)"
    )]
    pub xlsx: Option<PathBuf>,
    #[arg(
        long,
        value_name = "ZIEL.pdf",
        help = "Die Arbeitsliste zum Drucken als PDF schreiben, mit Linien für Notizen (wird \
                ersetzt, falls sie existiert)"
    )]
    pub pdf: Option<PathBuf>,
    #[arg(
        long,
        value_name = "JJJJ-MM-TT",
        requires = "pdf",
        help = "Der Tag, für den die Arbeitsliste gilt (Standard: heute)"
    )]
    pub today: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum LandCommand {
    #[command(
        about = "Das Land einrichten oder sein Profil ändern (legt die Datenbank des Landes an); \
                 nicht genannte Felder bleiben"
    )]
    Setup {
        #[arg(
            long = "land",
            value_name = "LAND",
            help = "Länderschlüssel (01 bis 16) oder Name des Landes"
        )]
        land_code: Option<String>,
        #[arg(long, value_name = "NAME", help = "Name der OZG-Koordination des Landes")]
        name: Option<String>,
    },
    #[command(
        about = "Alle Aufgaben der Checkliste des Landes mit ihrem Stand; mit --xlsx oder --pdf \
                 als Tabelle oder Arbeitsliste zum Drucken"
    )]
    Items(ItemsArgs),
    #[command(subcommand, about = "Eine Aufgabe der Checkliste des Landes ändern")]
    Item(ItemCommand),
    #[command(
        about = "Den Entwurf des Informationspakets als Quellordner schreiben (manifest.json und \
                 documents/), wie `package build` ihn liest"
    )]
    ExportDraft {
        #[arg(
            value_name = "ORDNER",
            help = "Der Quellordner (neu, oder ein früherer Quellordner)"
        )]
        dir: PathBuf,
    },
    #[command(about = "Einen Quellordner (manifest.json und documents/) zum Entwurf des \
                 Informationspakets machen; meldet, was vor dem Veröffentlichen noch fehlt")]
    ImportDraft {
        #[arg(value_name = "ORDNER", help = "Der Quellordner")]
        dir: PathBuf,
    },
    #[command(
        about = "Stand des Landes gesamt und je Dimension, extern blockierte, überfällige und \
                 bald fällige Aufgaben"
    )]
    Status(StatusArgs),
}

const PASSPHRASE_FILE: &str = "Die Passphrase aus der ersten Zeile dieser Datei lesen (sonst \
                               wird sie im Terminal verdeckt abgefragt oder als eine Zeile von \
                               der Standardeingabe gelesen)";

#[derive(Debug, Subcommand)]
pub enum PackageCommand {
    #[command(about = "Einen Signaturschlüssel anlegen: SCHLÜSSELDATEI (geheim, mit einer \
                 Passphrase verschlüsselt), SCHLÜSSELDATEI.pub (zum Veröffentlichen) und \
                 SCHLÜSSELDATEI.rev (Widerrufszertifikat, getrennt aufbewahren)")]
    Keygen {
        #[arg(long, value_name = "SCHLÜSSELDATEI", help = "Wohin der Schlüssel geschrieben wird")]
        out: PathBuf,
        #[arg(
            long,
            value_name = "LAND",
            help = "Das Land des Schlüssels: Länderschlüssel (z. B. 03), Kürzel (NI) oder Name"
        )]
        land: String,
        #[arg(long, value_name = "DATEI", help = PASSPHRASE_FILE)]
        passphrase_file: Option<PathBuf>,
    },
    #[command(
        about = "Einen unverschlüsselten Schlüssel im alten Format in einen verschlüsselten \
                 umwandeln (die alte Datei bleibt; danach sicher löschen)"
    )]
    KeyConvert {
        #[arg(long, value_name = "ALTE_DATEI", help = "Der unverschlüsselte Schlüssel")]
        key: PathBuf,
        #[arg(long, value_name = "SCHLÜSSELDATEI", help = "Wohin der verschlüsselte kommt")]
        out: PathBuf,
        #[arg(long, value_name = "LAND", help = "Das Land des Schlüssels (z. B. 03 oder NI)")]
        land: String,
        #[arg(long, value_name = "DATEI", help = "Die neue Passphrase aus dieser Datei lesen")]
        passphrase_file: Option<PathBuf>,
    },
    #[command(about = "Ein signiertes Paket aus QUELLORDNER bauen (manifest.json und documents/)")]
    Build {
        #[arg(value_name = "QUELLORDNER", help = "Ordner mit manifest.json und documents/")]
        src_dir: PathBuf,
        #[arg(long, value_name = "SCHLÜSSELDATEI", help = "Der geheime Signaturschlüssel")]
        key: PathBuf,
        #[arg(short, long, value_name = "PAKET.zip", help = "Die Paketdatei, die entsteht")]
        out: PathBuf,
        #[arg(long, value_name = "DATEI", help = PASSPHRASE_FILE)]
        passphrase_file: Option<PathBuf>,
        #[arg(
            long,
            value_name = "DATEI",
            help = "Die Bestätigung dieses Schlüssels durch den bisherigen (package endorse) \
                    mit ins Paket nehmen"
        )]
        endorsement: Option<PathBuf>,
        #[arg(
            long,
            value_name = "DATEI",
            help = "Ein Widerrufszertifikat eines anderen Schlüssels des Landes mit ins Paket \
                    nehmen (mehrfach möglich)"
        )]
        revocation: Vec<PathBuf>,
    },
    #[command(
        about = "Den neuen Schlüssel des Landes mit dem bisherigen bestätigen: Kommunen, die dem \
                 bisherigen vertrauen, übernehmen den neuen mit dem nächsten Paket"
    )]
    Endorse {
        #[arg(long, value_name = "SCHLÜSSELDATEI", help = "Der bisherige Schlüssel")]
        old: PathBuf,
        #[arg(long, value_name = "SCHLÜSSELDATEI", help = "Der neue Schlüssel")]
        new: PathBuf,
        #[arg(short, long, value_name = "DATEI", help = "Die Bestätigung, die entsteht")]
        out: PathBuf,
        #[arg(long, value_name = "DATEI", help = "Die Passphrase des bisherigen Schlüssels")]
        passphrase_file: Option<PathBuf>,
        #[arg(long, value_name = "DATEI", help = "Die Passphrase des neuen Schlüssels")]
        new_passphrase_file: Option<PathBuf>,
    },
    #[command(about = "Ein Widerrufszertifikat für einen Schlüssel schreiben")]
    Revoke {
        #[arg(long, value_name = "SCHLÜSSELDATEI", help = "Der Schlüssel, der widerrufen wird")]
        key: PathBuf,
        #[arg(short, long, value_name = "DATEI", help = "Das Widerrufszertifikat, das entsteht")]
        out: PathBuf,
        #[arg(
            long,
            value_name = "GRUND",
            default_value = "ohne_angabe",
            help = "kompromittiert | ersetzt | stillgelegt | ohne_angabe"
        )]
        reason: String,
        #[arg(long, value_name = "DATEI", help = PASSPHRASE_FILE)]
        passphrase_file: Option<PathBuf>,
    },
    #[command(
        about = "Aufbau, Prüfsummen und Signatur eines Pakets prüfen (Exit-Code 0 nur, wenn \
                 alles stimmt)"
    )]
    Verify {
        #[arg(value_name = "PAKET", help = "Die Paketdatei (.zip)")]
        package: PathBuf,
        #[arg(
            long,
            value_name = "DATEI",
            help = "Der öffentliche Schlüssel des Landes; ohne ihn wird nur geprüft, ob die \
                    Signatur in sich stimmig ist"
        )]
        pubkey: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    #[command(about = "Das Profil anzeigen")]
    Show {
        #[arg(long, help = JSON)]
        json: bool,
    },
    #[command(
        about = "Felder des Profils setzen; nicht genannte Felder bleiben, ein leerer Wert \
                 löscht ein optionales Feld"
    )]
    Set(ProfileArgs),
}

#[derive(Debug, Args)]
pub struct ProfileArgs {
    #[arg(long, help = "Name der Kommune")]
    pub name: Option<String>,
    #[arg(long, help = "Amtlicher Gemeindeschlüssel, 8 Ziffern (Gemeinde, kreisfreie Stadt)")]
    pub ags: Option<String>,
    #[arg(
        long,
        help = "Amtlicher Regionalschlüssel, 12 Ziffern (Gemeindeverband, Kreis); statt --ags"
    )]
    pub ars: Option<String>,
    #[arg(
        long,
        value_name = "ART",
        help = "Art der Kommune: gemeinde, kreisfreie_stadt, amt, verbandsgemeinde, \
                samtgemeinde, verwaltungsgemeinschaft, kreis"
    )]
    pub kind: Option<String>,
    #[arg(long, value_name = "N", allow_hyphen_values = true, help = "Einwohnerzahl")]
    pub population: Option<String>,
    #[arg(long, value_name = "NAME", help = "Name der Ansprechperson für die OZG-Umsetzung")]
    pub coordinator_name: Option<String>,
    #[arg(
        long,
        value_name = "E-MAIL",
        help = "E-Mail-Adresse der Ansprechperson für die OZG-Umsetzung"
    )]
    pub coordinator_email: Option<String>,
    #[arg(
        long,
        value_name = "TELEFON",
        help = "Telefonnummer der Ansprechperson für die OZG-Umsetzung"
    )]
    pub coordinator_phone: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum MemberCommand {
    #[command(about = "Eine Mitgliedsgemeinde eintragen")]
    Add {
        #[arg(value_name = "AGS", help = "Der Amtliche Gemeindeschlüssel der Gemeinde, 8 Ziffern")]
        ags: String,
        #[arg(long, help = "Der Name der Gemeinde")]
        name: String,
    },
    #[command(about = "Eine Mitgliedsgemeinde entfernen")]
    Remove {
        #[arg(value_name = "AGS", help = "Der Amtliche Gemeindeschlüssel der Gemeinde")]
        ags: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ItemCommand {
    #[command(
        about = "Den Stand einer Aufgabe setzen; nicht genannte Felder bleiben, ein leerer Wert \
                 löscht"
    )]
    Set {
        #[arg(value_name = "AUFGABE", help = "Die ID der Aufgabe (siehe `items`)")]
        item_id: String,
        #[arg(long, help = "offen | in_arbeit | erledigt | nicht_zutreffend | extern_blockiert")]
        status: Option<String>,
        #[arg(long, value_name = "NAME", help = "Wer verantwortlich ist")]
        owner: Option<String>,
        #[arg(long, value_name = "JJJJ-MM-TT", help = "Frist")]
        due: Option<String>,
        #[arg(long, value_name = "TEXT", help = "Notiz")]
        note: Option<String>,
        #[arg(
            long,
            value_name = "STELLE[:TEXT]",
            help = "Bei extern_blockiert: land | hersteller | fitko | it_dienstleister | gremium | \
                    sonstige, wahlweise mit :TEXT (z. B. hersteller:Schnittstelle erst 2027)"
        )]
        blocked_by: Option<String>,
    },
}
