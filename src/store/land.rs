//! The Land's workspace: its profile. Its checklist (the Land's catalogue) uses the same progress,
//! evidence and history tables as the municipality's.

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::{now, record, Store};
use crate::audit;
use crate::land_profile::{LandProfile, LandProfileInput};
use crate::Result;

impl Store {
    /// The Land's stored profile, if the coordinator has entered one.
    pub fn land_profile(&self) -> Result<Option<LandProfile>> {
        read_land_profile(&self.conn)
    }

    /// Validates and stores the Land's profile, recording every changed field.
    pub fn set_land_profile(&mut self, input: &LandProfileInput) -> Result<LandProfile> {
        let profile = input.validate()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let old = read_land_profile(&tx)?;
        let fields = |p: &Option<LandProfile>| {
            [p.as_ref().map(|p| p.land_code.clone()), p.as_ref().map(|p| p.name.clone())]
        };
        let changes = audit::diff(
            ["land_code", "name"]
                .into_iter()
                .zip(fields(&old))
                .zip(fields(&Some(profile.clone())))
                .map(|((n, o), v)| (n, o, v))
                .collect(),
        );
        if changes.is_empty() {
            return Ok(profile);
        }
        let at = now();
        tx.execute(
            "INSERT INTO land_profile (id, land_code, name, updated_at) VALUES (1, ?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET land_code = excluded.land_code,
                 name = excluded.name, updated_at = excluded.updated_at",
            params![profile.land_code, profile.name, at],
        )?;
        record(&tx, &at, "land", None, &changes)?;
        tx.commit()?;
        Ok(profile)
    }
}

fn read_land_profile(conn: &Connection) -> Result<Option<LandProfile>> {
    let row = conn
        .query_row("SELECT land_code, name FROM land_profile WHERE id = 1", [], |r| {
            Ok(LandProfileInput { land_code: r.get(0)?, name: r.get(1)? })
        })
        .optional()?;
    // Stored profiles were validated on the way in; validating again derives the Land's name.
    row.map(|input| input.validate()).transpose()
}
