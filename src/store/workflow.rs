//! The clerk's workflow records in the store: people per role, the state of each service, the
//! Fachverfahren inventory and requirements to the Land. Each write is one transaction with its
//! audit rows; removing a person or a Fachverfahren is recorded in the audit trail, removed
//! requirements are kept (marked removed).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};
use std::collections::{HashMap, HashSet};

use super::packages::{decision_changes, valid_decision, write_decision};
use super::{now, record, Store};
use crate::audit::{diff, Change};
use crate::installed::ServiceDecision;
use crate::inventory::{self, FachverfahrenInput, Inventory, InventoryEntry};
use crate::readiness::{Deadline, DeadlineKind as Kind};
use crate::requirements::{Requirement, RequirementInput};
use crate::roles::{Person, PersonInput};
use crate::service_readiness::{self, ServiceReadiness, Voice};
use crate::service_state::{ConnectionData, PhaseDate, ServiceState};
use crate::{Error, Result};

impl Store {
    /// The people named per role, in role order.
    pub fn people(&self) -> Result<Vec<Person>> {
        let mut stmt = self.conn.prepare("SELECT id, role, name, email, phone FROM person")?;
        let mut people = stmt
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .map(|row| {
                let (id, role, name, email, phone) = row?;
                let role: crate::roles::Role = role.parse()?;
                Ok(Person { id, role, role_label: role.label().to_owned(), name, email, phone })
            })
            .collect::<Result<Vec<_>>>()?;
        people.sort_by_key(|p| (p.role, p.id));
        Ok(people)
    }

    /// Adds a person (`id` `None`) or changes one.
    pub fn save_person(&mut self, id: Option<i64>, input: &PersonInput) -> Result<Person> {
        let p = input.validate()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let at = now();
        let fields = |p: &PersonInput| -> [Option<String>; 4] {
            [Some(p.role.key().to_owned()), Some(p.name.clone()), p.email.clone(), p.phone.clone()]
        };
        let (id, old) = match id {
            None => {
                tx.execute(
                    "INSERT INTO person (role, name, email, phone, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![p.role.key(), p.name, p.email, p.phone, at],
                )?;
                (tx.last_insert_rowid(), [None, None, None, None])
            }
            Some(id) => {
                let old = tx
                    .query_row(
                        "SELECT role, name, email, phone FROM person WHERE id = ?1",
                        [id],
                        |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]),
                    )
                    .optional()?
                    .ok_or_else(|| not_found("person", "Person", id))?;
                tx.execute(
                    "UPDATE person SET role = ?2, name = ?3, email = ?4, phone = ?5,
                         updated_at = ?6 WHERE id = ?1",
                    params![id, p.role.key(), p.name, p.email, p.phone, at],
                )?;
                (id, old)
            }
        };
        let changes = changes(["role", "name", "email", "phone"], old, fields(&p));
        record(&tx, &at, "person", Some(&format!("person/{id}")), &changes)?;
        tx.commit()?;
        Ok(Person {
            id,
            role: p.role,
            role_label: p.role.label().to_owned(),
            name: p.name,
            email: p.email,
            phone: p.phone,
        })
    }

    /// Removes a person (the audit trail keeps who it was).
    pub fn remove_person(&mut self, id: i64) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let name: String = tx
            .query_row("SELECT name FROM person WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| not_found("person", "Person", id))?;
        tx.execute("DELETE FROM person WHERE id = ?1", [id])?;
        record(
            &tx,
            &now(),
            "person",
            Some(&format!("person/{id}")),
            &[("name", Some(name), None)],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The state of every service that has one, by `(package ID, service ID)`.
    pub fn service_states(&self) -> Result<HashMap<(String, String), ServiceState>> {
        service_states(&self.conn)
    }

    /// Validates and stores the state of a service of an installed package.
    pub fn set_service_state(
        &mut self,
        package_id: &str,
        service_id: &str,
        state: &ServiceState,
    ) -> Result<ServiceState> {
        self.known_service(package_id, service_id)?;
        let new = state.validate()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let changes = state_changes(&tx, package_id, service_id, &new)?;
        if !changes.is_empty() {
            let at = now();
            write_state(&tx, &at, package_id, service_id, &new)?;
            record(&tx, &at, "service", Some(&format!("{package_id}/{service_id}")), &changes)?;
            tx.commit()?;
        }
        Ok(new)
    }

    /// Validates and stores the decision and the state of a service together, in one transaction
    /// with one entry in the history: what the service card's one „Speichern“ does.
    pub fn save_service(
        &mut self,
        package_id: &str,
        service_id: &str,
        decision: &ServiceDecision,
        state: &ServiceState,
    ) -> Result<(ServiceDecision, ServiceState)> {
        self.known_service(package_id, service_id)?;
        let decision = valid_decision(decision)?;
        let state = state.validate()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let from_decision = decision_changes(&tx, package_id, service_id, &decision)?;
        let from_state = state_changes(&tx, package_id, service_id, &state)?;
        if !from_decision.is_empty() || !from_state.is_empty() {
            let at = now();
            if !from_decision.is_empty() {
                write_decision(&tx, &at, package_id, service_id, &decision)?;
            }
            if !from_state.is_empty() {
                write_state(&tx, &at, package_id, service_id, &state)?;
            }
            let changes: Vec<Change> = from_decision.into_iter().chain(from_state).collect();
            record(&tx, &at, "service", Some(&format!("{package_id}/{service_id}")), &changes)?;
            tx.commit()?;
        }
        Ok((decision, state))
    }

    /// Dates beyond the checklist items as of `today`: registration deadlines of events not
    /// marked attended (until they pass), planned phase dates, and the expiry of agreements and
    /// certificates of services the municipality has not declined.
    pub(super) fn other_deadlines(&self, today: NaiveDate) -> Result<Vec<Deadline>> {
        let mut states = service_states(&self.conn)?;
        let pairs = |sql: &str| -> Result<HashSet<(String, String)>> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let attended =
            pairs("SELECT package_id, event_id FROM event_attendance WHERE attended = 1")?;
        let declined =
            pairs("SELECT package_id, service_id FROM service_decision WHERE decision = 'nein'")?;
        let mut out = Vec::new();
        for m in self.installed()?.all() {
            for event in &m.events {
                let Some(due) = event.registration_deadline.as_deref().and_then(|d| d.parse().ok())
                else {
                    continue;
                };
                if due >= today && !attended.contains(&(m.id.clone(), event.id.clone())) {
                    let context = Some(m.title.clone());
                    out.push(Deadline::other(
                        Kind::Anmeldeschluss,
                        context,
                        event.title.clone(),
                        due,
                        today,
                    ));
                }
            }
            for service in &m.services {
                let key = (m.id.clone(), service.id.clone());
                let Some(state) = states.remove(&key) else { continue };
                if declined.contains(&key) {
                    continue;
                }
                let mut push = |kind, context: Option<String>, date: Option<&str>| {
                    if let Some(due) = date.and_then(|d| d.parse().ok()) {
                        out.push(Deadline::other(kind, context, service.name.clone(), due, today));
                    }
                };
                for (phase, due) in state.planned() {
                    let context = Some(format!("Phase „{}“", phase.label()));
                    push(Kind::Phase, context, Some(&due.to_string()));
                }
                push(Kind::Vereinbarung, None, state.agreement_expires.as_deref());
                push(Kind::Zertifikat, None, state.certificate_expires.as_deref());
            }
        }
        Ok(out)
    }

    /// Every `(package ID, service ID)` the installed packages offer.
    pub(super) fn known_services(&self) -> Result<Vec<(String, String)>> {
        let installed = self.installed()?;
        let pairs =
            installed.all().flat_map(|m| m.services.iter().map(|s| (m.id.clone(), s.id.clone())));
        Ok(pairs.collect())
    }

    /// The readiness of every service of the installed packages as of `today`.
    pub fn service_readiness(
        &self,
        today: NaiveDate,
        voice: Voice,
    ) -> Result<Vec<ServiceReadiness>> {
        let packages = self.packages()?;
        if packages.is_empty() {
            return Ok(vec![]);
        }
        let inventory = self.inventory()?;
        let fachverfahren: Vec<_> = inventory.entries.iter().map(|e| &e.fachverfahren).collect();
        Ok(service_readiness::assess_all(&packages, &fachverfahren, today, voice))
    }

    /// The readiness of one service as of `today`, addressed to the clerk.
    pub fn readiness_of(
        &self,
        package_id: &str,
        service_id: &str,
        today: NaiveDate,
    ) -> Result<ServiceReadiness> {
        self.known_service(package_id, service_id)?;
        self.service_readiness(today, Voice::Sie)?
            .into_iter()
            .find(|r| r.package_id == package_id && r.service_id == service_id)
            .ok_or_else(|| {
                Error::validation("service", format!("Unbekannter Onlinedienst „{service_id}“."))
            })
    }

    pub(super) fn known_service(&self, package_id: &str, service_id: &str) -> Result<()> {
        let manifest = self.package_manifest(package_id)?;
        if manifest.services.iter().any(|s| s.id == service_id) {
            Ok(())
        } else {
            Err(Error::validation("service", format!("Unbekannter Onlinedienst „{service_id}“.")))
        }
    }

    /// The Fachverfahren inventory, matched against the Land's lists.
    pub fn inventory(&self) -> Result<Inventory> {
        let mut stmt = self.conn.prepare(
            "SELECT id, product, vendor, version, services, interface, vendor_commissioned,
                 commissioned_on, analysis, note, updated_at FROM fachverfahren ORDER BY id",
        )?;
        let stored =
            stmt.query_map([], fachverfahren_from_row)?.map(|r| r?).collect::<Result<Vec<_>>>()?;
        let installed = self.installed()?;
        let land = inventory::land_list(installed.all());
        Ok(inventory::matched(stored, land))
    }

    /// Adds a Fachverfahren (`id` `None`) or changes one.
    pub fn save_fachverfahren(
        &mut self,
        id: Option<i64>,
        input: &FachverfahrenInput,
    ) -> Result<InventoryEntry> {
        let known: Vec<String> = self.known_services()?.into_iter().map(|(_, s)| s).collect();
        let f = input.validate(&known)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let at = now();
        let services = serde_json::to_string(&f.services).unwrap_or_else(|_| "[]".into());
        let old = match id {
            None => Default::default(),
            Some(id) => {
                let (_, old, _) = tx
                    .query_row(
                        "SELECT id, product, vendor, version, services, interface,
                             vendor_commissioned, commissioned_on, analysis, note, updated_at
                         FROM fachverfahren WHERE id = ?1",
                        [id],
                        fachverfahren_from_row,
                    )
                    .optional()?
                    .ok_or_else(|| not_found("fachverfahren", "Fachverfahren", id))??;
                fachverfahren_fields(&old)
            }
        };
        // A new row gets its ID from SQLite (`id` NULL); an existing one is replaced in place.
        tx.execute(
            "INSERT INTO fachverfahren (id, product, vendor, version, services, interface,
                 vendor_commissioned, commissioned_on, analysis, note, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (id) DO UPDATE SET product = excluded.product,
                 vendor = excluded.vendor, version = excluded.version,
                 services = excluded.services, interface = excluded.interface,
                 vendor_commissioned = excluded.vendor_commissioned,
                 commissioned_on = excluded.commissioned_on, analysis = excluded.analysis,
                 note = excluded.note, updated_at = excluded.updated_at",
            params![
                id,
                f.product,
                f.vendor,
                f.version,
                services,
                f.interface.key(),
                f.vendor_commissioned,
                f.commissioned_on,
                f.analysis.key(),
                f.note,
                at
            ],
        )?;
        let id = id.unwrap_or_else(|| tx.last_insert_rowid());
        let changes = changes(FACHVERFAHREN_FIELDS, old, fachverfahren_fields(&f));
        record(&tx, &at, "fachverfahren", Some(&format!("fachverfahren/{id}")), &changes)?;
        tx.commit()?;
        self.inventory()?
            .entries
            .into_iter()
            .find(|e| e.id == id)
            .ok_or_else(|| not_found("fachverfahren", "Fachverfahren", id))
    }

    /// Removes a Fachverfahren from the inventory (the audit trail keeps which it was).
    pub fn remove_fachverfahren(&mut self, id: i64) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let product: String = tx
            .query_row("SELECT product FROM fachverfahren WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| not_found("fachverfahren", "Fachverfahren", id))?;
        tx.execute("DELETE FROM fachverfahren WHERE id = ?1", [id])?;
        let changes = [("product", Some(product), None)];
        record(&tx, &now(), "fachverfahren", Some(&format!("fachverfahren/{id}")), &changes)?;
        tx.commit()?;
        Ok(())
    }

    /// The requirements to the Land that are not removed, oldest first.
    pub fn requirements(&self) -> Result<Vec<Requirement>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, package_id, service_id, kind, area, description, priority, created_at,
                 updated_at FROM requirement WHERE removed_at IS NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            let text = |i| r.get::<_, String>(i);
            Ok((
                r.get::<_, i64>(0)?,
                [text(1)?, text(2)?, text(3)?, text(4)?, text(5)?, text(6)?, text(7)?, text(8)?],
            ))
        })?;
        rows.map(|row| {
            let (id, [package_id, service_id, kind, area, description, priority, created, updated]) =
                row?;
            Ok(Requirement {
                id,
                input: RequirementInput {
                    package_id,
                    service_id,
                    kind: kind.parse()?,
                    area: area.parse()?,
                    description,
                    priority: priority.parse()?,
                },
                created_at: created,
                updated_at: updated,
            })
        })
        .collect()
    }

    /// Adds a requirement (`id` `None`) or changes one.
    pub fn save_requirement(
        &mut self,
        id: Option<i64>,
        input: &RequirementInput,
    ) -> Result<Requirement> {
        let r = input.validate()?;
        self.known_service(&r.package_id, &r.service_id)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let at = now();
        let fields = |r: &RequirementInput| -> [Option<String>; 4] {
            [
                Some(r.kind.key().to_owned()),
                Some(r.area.key().to_owned()),
                Some(r.description.clone()),
                Some(r.priority.key().to_owned()),
            ]
        };
        let (id, old, created_at) = match id {
            None => {
                tx.execute(
                    "INSERT INTO requirement (package_id, service_id, kind, area, description,
                         priority, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                    params![
                        r.package_id,
                        r.service_id,
                        r.kind.key(),
                        r.area.key(),
                        r.description,
                        r.priority.key(),
                        at
                    ],
                )?;
                (tx.last_insert_rowid(), Default::default(), at.clone())
            }
            Some(id) => {
                let (old, created_at) = tx
                    .query_row(
                        "SELECT kind, area, description, priority, created_at FROM requirement
                         WHERE id = ?1 AND removed_at IS NULL AND package_id = ?2
                             AND service_id = ?3",
                        params![id, r.package_id, r.service_id],
                        |row| {
                            Ok((
                                [row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?],
                                row.get::<_, String>(4)?,
                            ))
                        },
                    )
                    .optional()?
                    .ok_or_else(|| not_found("requirement", "Anforderung", id))?;
                tx.execute(
                    "UPDATE requirement SET kind = ?2, area = ?3, description = ?4, priority = ?5,
                         updated_at = ?6 WHERE id = ?1",
                    params![id, r.kind.key(), r.area.key(), r.description, r.priority.key(), at],
                )?;
                (id, old, created_at)
            }
        };
        let changes = changes(["kind", "area", "description", "priority"], old, fields(&r));
        let subject = format!("{}/{}", r.package_id, r.service_id);
        record(&tx, &at, "requirement", Some(&subject), &changes)?;
        tx.commit()?;
        Ok(Requirement { id, input: r, created_at, updated_at: at })
    }

    /// Marks a requirement as removed (it stays in the database and the audit trail).
    pub fn remove_requirement(&mut self, id: i64) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let at = now();
        let found: Option<(String, String, String)> = tx
            .query_row(
                "SELECT package_id, service_id, description FROM requirement
                 WHERE id = ?1 AND removed_at IS NULL",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (package_id, service_id, description) =
            found.ok_or_else(|| not_found("requirement", "Anforderung", id))?;
        tx.execute("UPDATE requirement SET removed_at = ?2 WHERE id = ?1", params![id, at])?;
        let subject = format!("{package_id}/{service_id}");
        record(
            &tx,
            &at,
            "requirement",
            Some(&subject),
            &[("description", Some(description), None)],
        )?;
        tx.commit()?;
        Ok(())
    }
}

fn not_found(field: &'static str, what: &str, id: i64) -> Error {
    Error::validation(field, format!("{what} Nr. {id} gibt es nicht (mehr)."))
}

/// Named old and new values, keeping those that differ.
fn changes<const N: usize>(
    names: [&'static str; N],
    old: [Option<String>; N],
    new: [Option<String>; N],
) -> Vec<Change> {
    diff(names.into_iter().zip(old).zip(new).map(|((n, o), v)| (n, o, v)).collect())
}

/// What storing `new` (valid) would change against the stored state of a service.
fn state_changes(
    conn: &Connection,
    package_id: &str,
    service_id: &str,
    new: &ServiceState,
) -> Result<Vec<Change>> {
    let key = (package_id.to_owned(), service_id.to_owned());
    let old = service_states(conn)?.remove(&key).unwrap_or_default();
    Ok(changes(STATE_FIELDS, state_fields(&old), state_fields(new)))
}

/// Writes `new` (valid) as the state of a service, with its planned dates.
fn write_state(
    conn: &Connection,
    at: &str,
    package_id: &str,
    service_id: &str,
    new: &ServiceState,
) -> Result<()> {
    let c = &new.connection;
    conn.execute(
        "INSERT INTO service_state (package_id, service_id, phase, ou_id, pvog_url, dvdv_key,
             fit_connect_destination, transport_route, agreement_expires, certificate_expires,
             pilot_interest, training_needed, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (package_id, service_id) DO UPDATE SET phase = excluded.phase,
             ou_id = excluded.ou_id, pvog_url = excluded.pvog_url,
             dvdv_key = excluded.dvdv_key,
             fit_connect_destination = excluded.fit_connect_destination,
             transport_route = excluded.transport_route,
             agreement_expires = excluded.agreement_expires,
             certificate_expires = excluded.certificate_expires,
             pilot_interest = excluded.pilot_interest,
             training_needed = excluded.training_needed, updated_at = excluded.updated_at",
        params![
            package_id,
            service_id,
            new.phase.map(|p| p.key()),
            c.ou_id,
            c.pvog_url,
            c.dvdv_key,
            c.fit_connect_destination,
            c.transport_route.map(|t| t.key()),
            new.agreement_expires,
            new.certificate_expires,
            new.pilot_interest,
            new.training_needed,
            at
        ],
    )?;
    conn.execute(
        "DELETE FROM service_phase_date WHERE package_id = ?1 AND service_id = ?2",
        [package_id, service_id],
    )?;
    for pd in &new.phase_dates {
        conn.execute(
            "INSERT INTO service_phase_date (package_id, service_id, phase, date)
             VALUES (?1, ?2, ?3, ?4)",
            params![package_id, service_id, pd.phase.key(), pd.date],
        )?;
    }
    Ok(())
}

const STATE_FIELDS: [&str; 11] = [
    "phase",
    "phase_dates",
    "ou_id",
    "pvog_url",
    "dvdv_key",
    "fit_connect_destination",
    "transport_route",
    "agreement_expires",
    "certificate_expires",
    "pilot_interest",
    "training_needed",
];

fn state_fields(s: &ServiceState) -> [Option<String>; 11] {
    let c = &s.connection;
    let yes = |b: bool| b.then(|| "ja".to_owned());
    let dates = s
        .phase_dates
        .iter()
        .map(|p| format!("{}: {}", p.phase.label(), p.date))
        .collect::<Vec<_>>()
        .join(", ");
    [
        s.phase.map(|p| p.key().to_owned()),
        Some(dates).filter(|d| !d.is_empty()),
        c.ou_id.clone(),
        c.pvog_url.clone(),
        c.dvdv_key.clone(),
        c.fit_connect_destination.clone(),
        c.transport_route.map(|t| t.key().to_owned()),
        s.agreement_expires.clone(),
        s.certificate_expires.clone(),
        yes(s.pilot_interest),
        yes(s.training_needed),
    ]
}

fn service_states(conn: &Connection) -> Result<HashMap<(String, String), ServiceState>> {
    let mut stmt = conn.prepare(
        "SELECT package_id, service_id, phase, ou_id, pvog_url, dvdv_key, fit_connect_destination,
             transport_route, agreement_expires, certificate_expires, pilot_interest,
             training_needed FROM service_state",
    )?;
    let rows = stmt.query_map([], |r| {
        let phase: Option<String> = r.get(2)?;
        let route: Option<String> = r.get(7)?;
        Ok(((r.get(0)?, r.get(1)?), phase, route, {
            ServiceState {
                phase: None,
                phase_dates: Vec::new(),
                connection: ConnectionData {
                    ou_id: r.get(3)?,
                    pvog_url: r.get(4)?,
                    dvdv_key: r.get(5)?,
                    fit_connect_destination: r.get(6)?,
                    transport_route: None,
                },
                agreement_expires: r.get(8)?,
                certificate_expires: r.get(9)?,
                pilot_interest: r.get(10)?,
                training_needed: r.get(11)?,
            }
        }))
    })?;
    let mut states = HashMap::new();
    for row in rows {
        let (key, phase, route, mut state) = row?;
        state.phase = phase.as_deref().map(str::parse).transpose()?;
        state.connection.transport_route = route.as_deref().map(str::parse).transpose()?;
        states.insert(key, state);
    }
    let mut stmt = conn.prepare(
        "SELECT package_id, service_id, phase, date FROM service_phase_date
         ORDER BY package_id, service_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(((r.get::<_, String>(0)?, r.get::<_, String>(1)?), r.get::<_, String>(2)?, r.get(3)?))
    })?;
    for row in rows {
        let (key, phase, date) = row?;
        let state: &mut ServiceState = states.entry(key).or_default();
        state.phase_dates.push(PhaseDate { phase: phase.parse()?, date });
    }
    for state in states.values_mut() {
        state.phase_dates.sort_by_key(|p| p.phase);
    }
    Ok(states)
}

const FACHVERFAHREN_FIELDS: [&str; 8] = [
    "product",
    "vendor",
    "version",
    "services",
    "interface",
    "vendor_commissioned",
    "commissioned_on",
    "analysis",
];

fn fachverfahren_fields(f: &FachverfahrenInput) -> [Option<String>; 8] {
    [
        Some(f.product.clone()),
        Some(f.vendor.clone()),
        f.version.clone(),
        Some(f.services.join(", ")).filter(|s| !s.is_empty()),
        Some(f.interface.key().to_owned()),
        Some(if f.vendor_commissioned { "ja" } else { "nein" }.to_owned()),
        f.commissioned_on.clone(),
        Some(f.analysis.key().to_owned()),
    ]
}

/// Maps a row to `(id, input, updated_at)`; the outer result is SQLite's, the inner one ours.
fn fachverfahren_from_row(
    r: &Row<'_>,
) -> rusqlite::Result<Result<(i64, FachverfahrenInput, String)>> {
    let services: String = r.get(4)?;
    let interface: String = r.get(5)?;
    let analysis: String = r.get(8)?;
    let (id, product, vendor, version) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
    let (commissioned, commissioned_on, note, updated_at) =
        (r.get(6)?, r.get(7)?, r.get(9)?, r.get(10)?);
    Ok((|| {
        Ok((
            id,
            FachverfahrenInput {
                product,
                vendor,
                version,
                services: serde_json::from_str(&services).unwrap_or_default(),
                interface: interface.parse()?,
                vendor_commissioned: commissioned,
                commissioned_on,
                analysis: analysis.parse()?,
                note,
            },
            updated_at,
        ))
    })())
}
