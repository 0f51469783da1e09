//! The members of a Gemeindeverband or Kreis (table `member`). Each change is one transaction
//! and recorded in the audit trail like a change of the profile: entity `profile`, item the
//! member's AGS, field `member`, the value "Name (AGS)".

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::{now, read_profile, record, Store};
use crate::profile::Member;
use crate::{Error, Result};

impl Store {
    /// The members, by AGS.
    pub fn members(&self) -> Result<Vec<Member>> {
        read_members(&self.conn)
    }

    /// Validates and adds a member of the Gemeindeverband or Kreis.
    pub fn add_member(&mut self, input: &Member) -> Result<Member> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let member = input.validate(read_profile(&tx)?.as_ref(), &read_members(&tx)?)?;
        let at = now();
        tx.execute(
            "INSERT INTO member (ags, name, added_at) VALUES (?1, ?2, ?3)",
            params![member.ags, member.name, at],
        )?;
        record(&tx, &at, "profile", Some(&member.ags), &[("member", None, Some(shown(&member)))])?;
        tx.commit()?;
        Ok(member)
    }

    /// Removes the member with the AGS `ags`; returns it.
    pub fn remove_member(&mut self, ags: &str) -> Result<Member> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let key: String = ags.chars().filter(|c| *c != ' ').collect();
        let member = tx
            .query_row("SELECT ags, name FROM member WHERE ags = ?1", [&key], |r| {
                Ok(Member { ags: r.get(0)?, name: r.get(1)? })
            })
            .optional()?
            .ok_or_else(|| {
                Error::validation(
                    "ags",
                    format!(
                        "AGS {} ist kein Mitglied Ihrer Kommune.",
                        crate::text::quote_for_message(ags.trim())
                    ),
                )
            })?;
        tx.execute("DELETE FROM member WHERE ags = ?1", [&member.ags])?;
        record(
            &tx,
            &now(),
            "profile",
            Some(&member.ags),
            &[("member", Some(shown(&member)), None)],
        )?;
        tx.commit()?;
        Ok(member)
    }
}

/// A member as the audit trail shows it.
fn shown(member: &Member) -> String {
    format!("{} ({})", member.name, member.ags)
}

pub(super) fn read_members(conn: &Connection) -> Result<Vec<Member>> {
    let mut stmt = conn.prepare("SELECT ags, name FROM member ORDER BY ags")?;
    let rows = stmt.query_map([], |r| Ok(Member { ags: r.get(0)?, name: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
