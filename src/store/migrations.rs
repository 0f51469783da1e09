//! Schema migrations. All pending migrations run in one IMMEDIATE transaction together with the
//! version bump, so a crash leaves either the old or the new schema, never a mix. A database
//! whose version is newer than this code knows is refused before anything is written.

use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;

use crate::workspace_kind::WorkspaceKind;
use crate::{Error, Result};

/// The migrations in order; migration `i` brings the schema from version `i` to `i + 1`. Both
/// kinds of workspace share the schema: a Land's database leaves the municipality's tables empty
/// and the other way round, and the file header (`application_id`) says which kind it is.
pub const MIGRATIONS: &[&str] = &[
    // 1: profile, item progress, audit trail.
    "CREATE TABLE profile (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        ags TEXT NOT NULL CHECK (length(ags) = 8),
        population INTEGER CHECK (population > 0),
        coordinator_name TEXT,
        coordinator_email TEXT,
        coordinator_phone TEXT,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE item_progress (
        item_id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN
            ('offen', 'in_arbeit', 'erledigt', 'nicht_zutreffend', 'extern_blockiert')),
        blocked_by TEXT CHECK (blocked_by IN ('land', 'hersteller', 'fitko', 'sonstige')),
        blocked_text TEXT,
        owner TEXT,
        due TEXT,
        note TEXT,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        entity TEXT NOT NULL CHECK (entity IN ('profile', 'item')),
        item_id TEXT,
        field TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT
    );
    CREATE INDEX audit_item ON audit (item_id, id);",
    // 2: information packages, trusted keys, package items, reviews, decisions; the audit trail
    // also records packages, services and events.
    "CREATE TABLE trusted_key (
        land_code TEXT NOT NULL,
        public_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (land_code, public_key)
    );
    CREATE TABLE package (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        land_code TEXT NOT NULL,
        manifest TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        imported_at TEXT NOT NULL
    );
    CREATE TABLE package_item (
        id TEXT PRIMARY KEY,
        package_id TEXT NOT NULL REFERENCES package (id),
        point TEXT NOT NULL,
        dimension TEXT NOT NULL,
        actor TEXT NOT NULL,
        title TEXT NOT NULL,
        explanation TEXT NOT NULL,
        deadline TEXT,
        archived_at TEXT
    );
    CREATE TABLE item_review (
        item_id TEXT PRIMARY KEY,
        reason TEXT NOT NULL,
        since TEXT NOT NULL
    );
    CREATE TABLE document (
        package_id TEXT NOT NULL REFERENCES package (id),
        path TEXT NOT NULL,
        title TEXT NOT NULL,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        PRIMARY KEY (package_id, path)
    );
    CREATE TABLE service_decision (
        package_id TEXT NOT NULL REFERENCES package (id),
        service_id TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('ja', 'nein', 'offen')),
        reason TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (package_id, service_id)
    );
    CREATE TABLE event_attendance (
        package_id TEXT NOT NULL REFERENCES package (id),
        event_id TEXT NOT NULL,
        attended INTEGER NOT NULL CHECK (attended IN (0, 1)),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (package_id, event_id)
    );
    CREATE TABLE audit_v2 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        entity TEXT NOT NULL CHECK (entity IN ('profile', 'item', 'package', 'service', 'event')),
        item_id TEXT,
        field TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT
    );
    INSERT INTO audit_v2 (id, at, entity, item_id, field, old_value, new_value)
        SELECT id, at, entity, item_id, field, old_value, new_value FROM audit;
    DROP TABLE audit;
    ALTER TABLE audit_v2 RENAME TO audit;
    CREATE INDEX audit_item ON audit (item_id, id);",
    // 3: the history of exported readiness reports.
    "CREATE TABLE report_export (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        report_id TEXT NOT NULL,
        report_date TEXT NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        pages INTEGER NOT NULL,
        recipient TEXT
    );",
    // 4: the clerk's workflow: people per role, the state of each service (phase with dates,
    // connection data, expiry dates, pilot interest), the Fachverfahren inventory, evidence
    // files and requirements to the Land; the audit trail records all of them.
    "CREATE TABLE person (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        role TEXT NOT NULL CHECK (role IN ('ozg_koordination', 'projektleitung', 'technik',
            'fachlichkeit', 'datenschutz', 'betrieb', 'postfach')),
        name TEXT NOT NULL,
        email TEXT,
        phone TEXT,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE service_state (
        package_id TEXT NOT NULL REFERENCES package (id),
        service_id TEXT NOT NULL,
        phase TEXT CHECK (phase IN ('interesse', 'voraussetzungen', 'fragebogen',
            'freischaltung', 'produktionstest', 'produktiv')),
        ou_id TEXT,
        pvog_url TEXT,
        dvdv_key TEXT,
        fit_connect_destination TEXT,
        transport_route TEXT CHECK (transport_route IN ('fit_connect', 'osci_xta', 'uebergang')),
        agreement_expires TEXT,
        certificate_expires TEXT,
        pilot_interest INTEGER NOT NULL DEFAULT 0 CHECK (pilot_interest IN (0, 1)),
        training_needed INTEGER NOT NULL DEFAULT 0 CHECK (training_needed IN (0, 1)),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (package_id, service_id)
    );
    CREATE TABLE service_phase_date (
        package_id TEXT NOT NULL REFERENCES package (id),
        service_id TEXT NOT NULL,
        phase TEXT NOT NULL,
        date TEXT NOT NULL,
        PRIMARY KEY (package_id, service_id, phase)
    );
    CREATE TABLE fachverfahren (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        product TEXT NOT NULL,
        vendor TEXT NOT NULL,
        version TEXT,
        services TEXT NOT NULL DEFAULT '[]',
        interface TEXT NOT NULL CHECK (interface IN ('fit_connect', 'osci_xta', 'keine')),
        vendor_commissioned INTEGER NOT NULL CHECK (vendor_commissioned IN (0, 1)),
        commissioned_on TEXT,
        analysis TEXT NOT NULL CHECK (analysis IN ('offen', 'in_pruefung', 'abgeschlossen')),
        note TEXT,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE evidence (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        item_id TEXT NOT NULL,
        title TEXT NOT NULL,
        file_name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        added_at TEXT NOT NULL,
        removed_at TEXT
    );
    CREATE INDEX evidence_item ON evidence (item_id, id);
    CREATE TABLE requirement (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        package_id TEXT NOT NULL REFERENCES package (id),
        service_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('anforderung', 'funktionswunsch')),
        area TEXT NOT NULL CHECK (area IN ('fachlich', 'technisch')),
        description TEXT NOT NULL,
        priority TEXT NOT NULL CHECK (priority IN ('hoch', 'mittel', 'niedrig')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        removed_at TEXT
    );
    CREATE TABLE audit_v4 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        entity TEXT NOT NULL CHECK (entity IN ('profile', 'item', 'package', 'service', 'event',
            'person', 'fachverfahren', 'evidence', 'requirement')),
        item_id TEXT,
        field TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT
    );
    INSERT INTO audit_v4 (id, at, entity, item_id, field, old_value, new_value)
        SELECT id, at, entity, item_id, field, old_value, new_value FROM audit;
    DROP TABLE audit;
    ALTER TABLE audit_v4 RENAME TO audit;
    CREATE INDEX audit_item ON audit (item_id, id);",
    // 5: the Land's workspace: who the Land's coordination is; the audit trail records it.
    "CREATE TABLE land_profile (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        land_code TEXT NOT NULL CHECK (length(land_code) = 2),
        name TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE audit_v5 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        entity TEXT NOT NULL CHECK (entity IN ('profile', 'item', 'package', 'service', 'event',
            'person', 'fachverfahren', 'evidence', 'requirement', 'land')),
        item_id TEXT,
        field TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT
    );
    INSERT INTO audit_v5 (id, at, entity, item_id, field, old_value, new_value)
        SELECT id, at, entity, item_id, field, old_value, new_value FROM audit;
    DROP TABLE audit;
    ALTER TABLE audit_v5 RENAME TO audit;
    CREATE INDEX audit_item ON audit (item_id, id);",
    // 6: the Land's package editor: the draft of the next edition and the editions published.
    "CREATE TABLE package_draft (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        manifest TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE publication (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        package_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        manifest TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        path TEXT NOT NULL,
        published_at TEXT NOT NULL,
        UNIQUE (package_id, version)
    );",
    // 7: revoked keys of the Länder, with the signed certificate as received (changes of the
    // trusted keys are recorded in the audit trail under 'package', item `land:<code>`).
    "CREATE TABLE revoked_key (
        public_key TEXT PRIMARY KEY,
        land_code TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        revoked_at TEXT NOT NULL,
        reason TEXT NOT NULL,
        certificate TEXT NOT NULL,
        imported_at TEXT NOT NULL
    );",
    // 8: the Land's signing keys: the secret key encrypted (PKCS #8), its revocation
    // certificate, the endorsement by its predecessor, and whether it was replaced or revoked.
    "CREATE TABLE land_key (
        fingerprint TEXT PRIMARY KEY,
        public_key TEXT NOT NULL,
        land_code TEXT NOT NULL,
        secret TEXT NOT NULL CHECK (secret LIKE '%-----BEGIN ENCRYPTED PRIVATE KEY-----%'),
        revocation TEXT NOT NULL,
        endorsement TEXT,
        replaces TEXT,
        created_at TEXT NOT NULL,
        replaced_at TEXT,
        revoked_at TEXT
    );",
    // 9: the Land's inbox: every report received (its data as the report carries it, its file's
    // SHA-256), reports of other Länder set aside, and the official list of the municipalities.
    "CREATE TABLE received_report (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        report_id TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL UNIQUE,
        ags TEXT NOT NULL CHECK (length(ags) = 8),
        municipality TEXT NOT NULL,
        report_date TEXT NOT NULL,
        file_name TEXT NOT NULL,
        received_at TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX received_report_ags ON received_report (ags, report_date);
    CREATE TABLE set_aside_report (
        report_id TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL,
        ags TEXT NOT NULL,
        land_code TEXT NOT NULL,
        municipality TEXT NOT NULL,
        report_date TEXT NOT NULL,
        file_name TEXT NOT NULL,
        received_at TEXT NOT NULL
    );
    CREATE TABLE directory (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        format TEXT NOT NULL,
        as_of TEXT,
        file_name TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        other_lands INTEGER NOT NULL,
        other_land_names TEXT NOT NULL
    );
    CREATE TABLE directory_municipality (
        ags TEXT PRIMARY KEY CHECK (length(ags) = 8),
        name TEXT NOT NULL,
        kreis_ags TEXT NOT NULL,
        kreis_name TEXT,
        verband_ars TEXT,
        verband_name TEXT,
        population INTEGER
    );",
    // 10: more blocking parties (IT-Dienstleister, Rat / Gremium) and the role
    // Informationssicherheit; SQLite cannot change a CHECK, so both tables are rebuilt.
    "CREATE TABLE item_progress_v10 (
        item_id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN
            ('offen', 'in_arbeit', 'erledigt', 'nicht_zutreffend', 'extern_blockiert')),
        blocked_by TEXT CHECK (blocked_by IN ('land', 'hersteller', 'fitko', 'it_dienstleister',
            'gremium', 'sonstige')),
        blocked_text TEXT,
        owner TEXT,
        due TEXT,
        note TEXT,
        updated_at TEXT NOT NULL
    );
    INSERT INTO item_progress_v10
        (item_id, status, blocked_by, blocked_text, owner, due, note, updated_at)
        SELECT item_id, status, blocked_by, blocked_text, owner, due, note, updated_at
        FROM item_progress;
    DROP TABLE item_progress;
    ALTER TABLE item_progress_v10 RENAME TO item_progress;
    CREATE TABLE person_v10 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        role TEXT NOT NULL CHECK (role IN ('ozg_koordination', 'projektleitung', 'technik',
            'fachlichkeit', 'datenschutz', 'informationssicherheit', 'betrieb', 'postfach')),
        name TEXT NOT NULL,
        email TEXT,
        phone TEXT,
        updated_at TEXT NOT NULL
    );
    INSERT INTO person_v10 (id, role, name, email, phone, updated_at)
        SELECT id, role, name, email, phone, updated_at FROM person;
    -- The ids of removed people are not given out again (the history names people by id).
    DELETE FROM sqlite_sequence WHERE name = 'person_v10';
    INSERT INTO sqlite_sequence (name, seq)
        SELECT 'person_v10', seq FROM sqlite_sequence WHERE name = 'person';
    DROP TABLE person;
    ALTER TABLE person_v10 RENAME TO person;",
    // 11: the catalogue's version 2 follows the source more closely. Progress is stored by item
    // ID and every ID stays, so all progress is kept; the one item whose meaning changed (the
    // municipality's part in the analysis of the systems) is marked for review if worked on.
    "INSERT INTO item_review (item_id, reason, since)
        SELECT item_id, 'Die Aufgabe wurde an die Checkliste angepasst: Die bestehenden Systeme '
            || 'analysiert das Vollzugsteam des Landes mit den Herstellern, Ihre Kommune wirkt '
            || 'dabei mit.', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        FROM item_progress WHERE item_id = 'systeme-analysieren'
        ON CONFLICT (item_id) DO UPDATE SET reason = excluded.reason, since = excluded.since;",
    // 12: Gemeindeverbände and Kreise. The profile's key (column `ags`) is an AGS (8 digits) or
    // an ARS (12 digits) and the profile has a kind; the members of a Gemeindeverband or Kreis
    // (changes recorded in the audit trail under 'profile', item the member's AGS) and the
    // decisions on services that differ per member (under 'service'); the Land's
    // inbox takes reports with a 12-digit key. SQLite cannot change a CHECK, so `profile` and
    // `received_report` are rebuilt.
    "CREATE TABLE profile_v12 (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        ags TEXT NOT NULL CHECK (length(ags) IN (8, 12)),
        kind TEXT NOT NULL DEFAULT 'gemeinde' CHECK (kind IN ('gemeinde', 'kreisfreie_stadt',
            'amt', 'verbandsgemeinde', 'samtgemeinde', 'verwaltungsgemeinschaft', 'kreis')),
        population INTEGER CHECK (population > 0),
        coordinator_name TEXT,
        coordinator_email TEXT,
        coordinator_phone TEXT,
        updated_at TEXT NOT NULL
    );
    INSERT INTO profile_v12 (id, name, ags, population, coordinator_name, coordinator_email,
            coordinator_phone, updated_at)
        SELECT id, name, ags, population, coordinator_name, coordinator_email,
            coordinator_phone, updated_at
        FROM profile;
    DROP TABLE profile;
    ALTER TABLE profile_v12 RENAME TO profile;
    CREATE TABLE member (
        ags TEXT PRIMARY KEY CHECK (length(ags) = 8),
        name TEXT NOT NULL,
        added_at TEXT NOT NULL
    );
    CREATE TABLE member_decision (
        package_id TEXT NOT NULL REFERENCES package (id),
        service_id TEXT NOT NULL,
        member_ags TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('ja', 'nein', 'offen')),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (package_id, service_id, member_ags)
    );
    CREATE TABLE received_report_v12 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        report_id TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL UNIQUE,
        ags TEXT NOT NULL CHECK (length(ags) IN (8, 12)),
        municipality TEXT NOT NULL,
        report_date TEXT NOT NULL,
        file_name TEXT NOT NULL,
        received_at TEXT NOT NULL,
        data TEXT NOT NULL
    );
    INSERT INTO received_report_v12 (id, report_id, sha256, ags, municipality, report_date,
            file_name, received_at, data)
        SELECT id, report_id, sha256, ags, municipality, report_date, file_name, received_at, data
        FROM received_report;
    DELETE FROM sqlite_sequence WHERE name = 'received_report_v12';
    INSERT INTO sqlite_sequence (name, seq)
        SELECT 'received_report_v12', seq FROM sqlite_sequence WHERE name = 'received_report';
    DROP TABLE received_report;
    ALTER TABLE received_report_v12 RENAME TO received_report;
    CREATE INDEX received_report_ags ON received_report (ags, report_date);",
    // 13: one place for the Ansprechperson für die OZG-Umsetzung: the profile. The role of that
    // name among the people (key `ozg_koordination`) is now its deputy. Without a contact in the
    // profile, the first person of that role moves into the profile; a person of that role who
    // is the profile's contact is removed as a copy, after giving the profile the e-mail address
    // and phone number it lacked. Every other person stays, as deputy.
    "UPDATE profile SET
        coordinator_name = (SELECT name FROM person WHERE role = 'ozg_koordination'
            ORDER BY id LIMIT 1),
        coordinator_email = (SELECT email FROM person WHERE role = 'ozg_koordination'
            ORDER BY id LIMIT 1),
        coordinator_phone = (SELECT phone FROM person WHERE role = 'ozg_koordination'
            ORDER BY id LIMIT 1)
        WHERE coordinator_name IS NULL
            AND EXISTS (SELECT 1 FROM person WHERE role = 'ozg_koordination');
    UPDATE profile SET
        coordinator_email = coalesce(coordinator_email, (SELECT email FROM person
            WHERE role = 'ozg_koordination' AND name = profile.coordinator_name
                AND email IS NOT NULL ORDER BY id LIMIT 1)),
        coordinator_phone = coalesce(coordinator_phone, (SELECT phone FROM person
            WHERE role = 'ozg_koordination' AND name = profile.coordinator_name
                AND phone IS NOT NULL ORDER BY id LIMIT 1));
    DELETE FROM person WHERE role = 'ozg_koordination'
        AND name = (SELECT coordinator_name FROM profile WHERE id = 1);",
];

/// The schema version this code writes.
pub fn current_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// What a database file holds before it is opened for writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// No file, or an empty one.
    New,
    /// One of ours, at this schema version.
    Version(i64),
}

/// Looks at an existing file read-only: is it ours, of workspace `kind`, and at which version?
/// Refuses a foreign file, a database of the other kind and one from a newer version without
/// writing anything.
pub fn inspect(path: &Path, kind: WorkspaceKind, migrations: &[&str]) -> Result<Found> {
    match kind_of(path)? {
        None => Ok(Found::New),
        Some((found, _)) if found != kind => Err(Error::WrongWorkspace {
            path: path.to_owned(),
            found: found.label(),
            expected: kind.label(),
        }),
        Some((_, version)) if version > migrations.len() as i64 => Err(Error::NewerSchema {
            path: path.to_owned(),
            found: version,
            supported: migrations.len() as i64,
        }),
        Some((_, version)) => Ok(Found::Version(version)),
    }
}

/// The kind and schema version of the database at `path`, read-only; `None` for no file, an
/// empty one or an empty database. A file that is not one of ours is refused.
pub fn kind_of(path: &Path) -> Result<Option<(WorkspaceKind, i64)>> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(path, e)),
        Ok(meta) if meta.len() == 0 => return Ok(None),
        Ok(_) => {}
    }
    let foreign = || Error::ForeignDatabase(path.to_owned());
    let conn = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let header = || -> rusqlite::Result<(i64, i32, i64)> {
        let version = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let app_id = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let tables = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        Ok((version, app_id, tables))
    };
    let (version, app_id, tables) = match header() {
        Ok(found) => found,
        Err(rusqlite::Error::SqliteFailure(e, _))
            if matches!(e.code, rusqlite::ErrorCode::NotADatabase) =>
        {
            return Err(foreign());
        }
        Err(e) => return Err(e.into()),
    };
    match (version, WorkspaceKind::of_application_id(app_id)) {
        (0, None) if app_id == 0 && tables == 0 => Ok(None),
        (v, Some(kind)) if v > 0 => Ok(Some((kind, v))),
        _ => Err(foreign()),
    }
}

/// Brings the schema up to date in one transaction and marks a new database as one of `kind`.
/// Returns the version found before.
pub fn migrate(conn: &mut Connection, kind: WorkspaceKind, migrations: &[&str]) -> Result<i64> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let target = migrations.len() as i64;
    if version > target {
        return Err(Error::NewerSchema {
            path: tx.path().map(Into::into).unwrap_or_default(),
            found: version,
            supported: target,
        });
    }
    for sql in &migrations[version as usize..] {
        tx.execute_batch(sql)?;
    }
    if version < target {
        tx.pragma_update(None, "application_id", kind.application_id())?;
        tx.pragma_update(None, "user_version", target)?;
    }
    tx.commit()?;
    Ok(version)
}
