//! The members of a Gemeindeverband or Kreis (table `member`). Each change is one transaction
//! and recorded in the audit trail like a change of the profile: entity `profile`, item the
//! member's AGS, field `member`, the value "Name (AGS)".

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::{now, read_profile, record, Store};
use crate::installed::{Decision, MemberDecision};
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
        tx.execute("DELETE FROM member_decision WHERE member_ags = ?1", [&member.ags])?;
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

impl Store {
    /// The decisions on services that differ per member, by package, service and AGS.
    pub fn member_decisions(&self) -> Result<Vec<MemberDecision>> {
        read_member_decisions(&self.conn)
    }

    /// Sets the decision of one member on a service of an installed package; `None` removes
    /// it, so the decision of the whole Gemeindeverband or Kreis applies again.
    pub fn set_member_decision(
        &mut self,
        package_id: &str,
        service_id: &str,
        ags: &str,
        decision: Option<Decision>,
    ) -> Result<Option<MemberDecision>> {
        let manifest = self.package_manifest(package_id)?;
        if !manifest.services.iter().any(|s| s.id == service_id) {
            return Err(Error::validation(
                "service",
                format!("Unbekannter Onlinedienst „{service_id}“."),
            ));
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let key: String = ags.chars().filter(|c| *c != ' ').collect();
        let member = read_members(&tx)?.into_iter().find(|m| m.ags == key).ok_or_else(|| {
            Error::validation(
                "ags",
                format!(
                    "AGS {} ist kein Mitglied Ihrer Kommune.",
                    crate::text::quote_for_message(ags.trim())
                ),
            )
        })?;
        let old: Option<String> = tx
            .query_row(
                "SELECT decision FROM member_decision
                 WHERE package_id = ?1 AND service_id = ?2 AND member_ags = ?3",
                params![package_id, service_id, member.ags],
                |r| r.get(0),
            )
            .optional()?;
        let old = old.map(|d| d.parse::<Decision>()).transpose()?;
        if old != decision {
            let at = now();
            match decision {
                Some(d) => tx.execute(
                    "INSERT INTO member_decision (package_id, service_id, member_ags, decision,
                         updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (package_id, service_id, member_ags) DO UPDATE
                         SET decision = excluded.decision, updated_at = excluded.updated_at",
                    params![package_id, service_id, member.ags, d.key(), at],
                )?,
                None => tx.execute(
                    "DELETE FROM member_decision
                     WHERE package_id = ?1 AND service_id = ?2 AND member_ags = ?3",
                    params![package_id, service_id, member.ags],
                )?,
            };
            let shown_decision =
                |d: Option<Decision>| d.map(|d| format!("{}: {}", shown(&member), d.label()));
            record(
                &tx,
                &at,
                "service",
                Some(&format!("{package_id}/{service_id}")),
                &[("member_decision", shown_decision(old), shown_decision(decision))],
            )?;
            tx.commit()?;
        }
        Ok(decision.map(|decision| MemberDecision {
            package_id: package_id.to_owned(),
            service_id: service_id.to_owned(),
            ags: member.ags,
            decision,
        }))
    }
}

pub(super) fn read_member_decisions(conn: &Connection) -> Result<Vec<MemberDecision>> {
    let mut stmt = conn.prepare(
        "SELECT package_id, service_id, member_ags, decision FROM member_decision
         ORDER BY package_id, service_id, member_ags",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (package_id, service_id, ags, decision) = row?;
        out.push(MemberDecision { package_id, service_id, ags, decision: decision.parse()? });
    }
    Ok(out)
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
