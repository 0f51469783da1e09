//! The Land's signing keys (table `land_key`): the secret key only as its encrypted file text,
//! the revocation certificate made with it, the predecessor's endorsement. One key at a time is
//! in use; a change of key and a revocation are one transaction each, recorded in the history.

use rusqlite::{params, OptionalExtension, TransactionBehavior};

use super::{now, record, Store};
use crate::land_key::{KeyState, KeyTexts, LandKey, NewLandKey};
use crate::package::signing;
use crate::{Error, Result};

const COLUMNS: &str =
    "fingerprint, land_code, created_at, replaces, replaced_at, revoked_at, public_key, secret, \
     revocation, endorsement";

/// A row: the key as listed, and its texts.
fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(LandKey, KeyTexts)> {
    let (replaced_at, revoked_at): (Option<String>, Option<String>) = (r.get(4)?, r.get(5)?);
    let state = match (&revoked_at, &replaced_at) {
        (Some(_), _) => KeyState::Widerrufen,
        (None, Some(_)) => KeyState::Abgeloest,
        (None, None) => KeyState::Aktiv,
    };
    let public: String = r.get(6)?;
    Ok((
        LandKey {
            fingerprint: r.get(0)?,
            land_code: r.get(1)?,
            state,
            state_label: state.label().to_owned(),
            created_at: r.get(2)?,
            replaces: r.get(3)?,
            ended_at: revoked_at.or(replaced_at),
        },
        KeyTexts {
            public: signing::public_from_hex(&public)
                .map(|k| signing::public_key_text(&k))
                .unwrap_or_default(),
            secret: r.get(7)?,
            revocation: r.get(8)?,
            endorsement: r.get(9)?,
        },
    ))
}

impl Store {
    /// The Land's keys, newest first.
    pub fn land_keys(&self) -> Result<Vec<LandKey>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM land_key ORDER BY created_at DESC, rowid DESC"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.map(|r| r.map(|(key, _)| key)).collect::<rusqlite::Result<_>>()?)
    }

    /// The key in use, with its texts.
    pub fn active_land_key(&self) -> Result<Option<(LandKey, KeyTexts)>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM land_key
                     WHERE replaced_at IS NULL AND revoked_at IS NULL"
                ),
                [],
                from_row,
            )
            .optional()?)
    }

    /// One key with its texts.
    pub fn land_key(&self, fingerprint: &str) -> Result<(LandKey, KeyTexts)> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM land_key WHERE fingerprint = ?1"),
                [fingerprint],
                from_row,
            )
            .optional()?
            .ok_or_else(|| {
                Error::validation(
                    "fingerprint",
                    format!("Den Schlüssel {fingerprint} gibt es nicht."),
                )
            })
    }

    /// The revocation certificates of the revoked keys (every package carries them).
    pub fn revoked_land_keys(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT revocation FROM land_key WHERE revoked_at IS NOT NULL ORDER BY revoked_at",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Stores a new key; with an endorsement, the key it names as predecessor is replaced by it.
    /// Refused while another key is in use that it does not replace.
    pub fn add_land_key(&mut self, new: &NewLandKey) -> Result<LandKey> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let active: Option<String> = tx
            .query_row(
                "SELECT fingerprint FROM land_key WHERE replaced_at IS NULL AND revoked_at IS NULL",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let replaces = new.endorsement.as_ref().map(|(_, old)| old.clone());
        if active.is_some() && active != replaces {
            return Err(Error::validation(
                "fingerprint",
                "Es gibt schon einen Schlüssel in Gebrauch. Einen neuen erhalten Sie mit \
                 „Schlüssel wechseln“: Dann bestätigt der bisherige Schlüssel den neuen.",
            ));
        }
        let at = now();
        if let Some(old) = &replaces {
            tx.execute(
                "UPDATE land_key SET replaced_at = ?2 WHERE fingerprint = ?1",
                params![old, at],
            )?;
        }
        tx.execute(
            "INSERT INTO land_key (fingerprint, public_key, land_code, secret, revocation,
                 endorsement, replaces, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                new.fingerprint,
                new.public_key,
                new.land_code,
                new.secret,
                new.revocation,
                new.endorsement.as_ref().map(|(text, _)| text),
                replaces,
                at
            ],
        )?;
        record(
            &tx,
            &at,
            "land",
            None,
            &[("key", replaces.clone(), Some(new.fingerprint.clone()))],
        )?;
        tx.commit()?;
        Ok(self.land_key(&new.fingerprint)?.0)
    }

    /// Marks a key revoked; from now on every package carries its revocation certificate.
    pub fn revoke_land_key(&mut self, fingerprint: &str) -> Result<LandKey> {
        let (key, _) = self.land_key(fingerprint)?;
        if key.state == KeyState::Widerrufen {
            return Err(Error::validation(
                "fingerprint",
                format!("Der Schlüssel {fingerprint} ist schon widerrufen."),
            ));
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let at = now();
        tx.execute(
            "UPDATE land_key SET revoked_at = ?2 WHERE fingerprint = ?1",
            params![fingerprint, at],
        )?;
        record(&tx, &at, "land", None, &[("key_revoked", None, Some(fingerprint.to_owned()))])?;
        tx.commit()?;
        Ok(self.land_key(fingerprint)?.0)
    }
}
