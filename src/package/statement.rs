//! Signed statements about the Land's keys: an **endorsement** (the old key confirms the Land's
//! new key, so municipalities take the new key over) and a **revocation** (a key declares itself
//! revoked; made when the key is made, so it can be published even if the key is lost).
//!
//! Both are a few lines of ASCII text, each `name: value`, in a fixed order, ending in a
//! `signature:` line: the Ed25519 signature, by the key that makes the statement, over the exact
//! bytes of every line before it (line breaks included). Parsing is strict: any other line,
//! order, spelling or value is refused, and a statement is only returned with its signature
//! checked. Format: docs/package-format.md.

use chrono::NaiveDate;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};

use crate::ags::Land;
use crate::keyed::keyed_enum;
use crate::package::{signing, PackageError};

/// The largest statement file accepted.
pub const MAX_STATEMENT_BYTES: u64 = 2048;

const ENDORSEMENT_HEADER: &str = "anbindungscheck-key-endorsement-v1";
const REVOCATION_HEADER: &str = "anbindungscheck-key-revocation-v1";
const ENDORSEMENT_FIELDS: &[&str] =
    &["land", "old-key", "old-fingerprint", "new-key", "new-fingerprint", "date"];
const REVOCATION_FIELDS: &[&str] = &["land", "key", "fingerprint", "date", "reason"];

keyed_enum! {
    /// Why a key was revoked.
    pub enum RevocationReason (field = "reason", unknown = "Unbekannter Grund") {
        Kompromittiert = ("kompromittiert", "Schlüssel kompromittiert oder verloren"),
        Ersetzt = ("ersetzt", "durch einen neuen Schlüssel ersetzt"),
        Stillgelegt = ("stillgelegt", "nicht mehr verwendet"),
        OhneAngabe = ("ohne_angabe", "ohne Angabe"),
    }
}

/// The old key of a Land confirms its new key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endorsement {
    pub land: Land,
    /// The key that signed the statement.
    pub old_key: VerifyingKey,
    pub new_key: VerifyingKey,
    pub date: NaiveDate,
}

/// A key of a Land declares itself revoked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revocation {
    pub land: Land,
    /// The revoked key, which signed the statement.
    pub key: VerifyingKey,
    pub date: NaiveDate,
    pub reason: RevocationReason,
}

/// A statement with the exact text it was read from (what a municipality keeps and passes on).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed<T> {
    pub statement: T,
    pub text: String,
}

/// `01.05.2026`.
pub fn german_date(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

impl Endorsement {
    /// The statement signed with `old` (which must be the old key).
    pub fn sign(&self, old: &SigningKey) -> String {
        debug_assert_eq!(old.verifying_key(), self.old_key);
        let body = format!(
            "{ENDORSEMENT_HEADER}\nland: {}\nold-key: {}\nold-fingerprint: {}\nnew-key: {}\n\
             new-fingerprint: {}\ndate: {}\n",
            self.land.code(),
            signing::public_hex(&self.old_key),
            signing::fingerprint(&self.old_key),
            signing::public_hex(&self.new_key),
            signing::fingerprint(&self.new_key),
            self.date.format("%Y-%m-%d"),
        );
        signed(body, old)
    }

    /// Parses an endorsement and checks its signature by the old key.
    pub fn parse(bytes: &[u8]) -> Result<Endorsement, PackageError> {
        let bad = PackageError::Endorsement;
        let (values, body, signature) =
            fields(bytes, ENDORSEMENT_HEADER, ENDORSEMENT_FIELDS).map_err(bad)?;
        let land = land(values[0]).map_err(bad)?;
        let old_key = key(values[1], values[2], "old-").map_err(bad)?;
        let new_key = key(values[3], values[4], "new-").map_err(bad)?;
        let date = date(values[5]).map_err(bad)?;
        if old_key == new_key {
            return Err(bad("Der alte und der neue Schlüssel sind derselbe.".into()));
        }
        old_key.verify_strict(body, &signature).map_err(|_| {
            bad(format!(
                "Die Signatur des bisherigen Schlüssels {} stimmt nicht; die Bestätigung wurde \
                 verändert oder ist beschädigt.",
                signing::fingerprint(&old_key)
            ))
        })?;
        Ok(Endorsement { land, old_key, new_key, date })
    }
}

impl Revocation {
    /// The statement signed with `key` (which must be the revoked key).
    pub fn sign(&self, key: &SigningKey) -> String {
        debug_assert_eq!(key.verifying_key(), self.key);
        let body = format!(
            "{REVOCATION_HEADER}\nland: {}\nkey: {}\nfingerprint: {}\ndate: {}\nreason: {}\n",
            self.land.code(),
            signing::public_hex(&self.key),
            signing::fingerprint(&self.key),
            self.date.format("%Y-%m-%d"),
            self.reason.key(),
        );
        signed(body, key)
    }

    /// Parses a revocation and checks its signature by the revoked key.
    pub fn parse(bytes: &[u8]) -> Result<Revocation, PackageError> {
        let bad = PackageError::Revocation;
        let (values, body, signature) =
            fields(bytes, REVOCATION_HEADER, REVOCATION_FIELDS).map_err(bad)?;
        let land = land(values[0]).map_err(bad)?;
        let key = key(values[1], values[2], "").map_err(bad)?;
        let date = date(values[3]).map_err(bad)?;
        let reason = RevocationReason::ALL
            .iter()
            .copied()
            .find(|r| r.key() == values[4])
            .ok_or_else(|| bad(format!("Unbekannter Grund „{}“.", values[4])))?;
        key.verify_strict(body, &signature).map_err(|_| {
            bad(format!(
                "Die Signatur stimmt nicht mit dem widerrufenen Schlüssel {} überein; der \
                 Widerruf wurde verändert oder ist beschädigt.",
                signing::fingerprint(&key)
            ))
        })?;
        Ok(Revocation { land, key, date, reason })
    }

    /// Parses a revocation (see [`Revocation::parse`]) and keeps its text.
    pub fn parse_signed(bytes: &[u8]) -> Result<Signed<Revocation>, PackageError> {
        let statement = Revocation::parse(bytes)?;
        let text = String::from_utf8(bytes.to_vec()).expect("checked as ASCII");
        Ok(Signed { statement, text })
    }

    /// The fingerprint of the revoked key.
    pub fn fingerprint(&self) -> String {
        signing::fingerprint(&self.key)
    }

    /// The name of the revocation's entry in a package: `revocations/<32 hex>.txt`.
    pub fn entry_name(&self) -> String {
        entry_name(&self.fingerprint())
    }
}

/// `revocations/<fingerprint as 32 lower-case hex digits>.txt`.
pub fn entry_name(fingerprint: &str) -> String {
    format!("revocations/{}.txt", signing::normalize_fingerprint(fingerprint).to_lowercase())
}

fn signed(body: String, key: &SigningKey) -> String {
    let signature = key.sign(body.as_bytes());
    format!("{body}signature: {}\n", signing::hex(&signature.to_bytes()))
}

/// Splits a statement into its values (in the order of `names`), the signed bytes and the
/// signature; refuses anything but exactly that shape.
fn fields<'a>(
    bytes: &'a [u8],
    header: &str,
    names: &[&str],
) -> Result<(Vec<&'a str>, &'a [u8], Signature), String> {
    if bytes.len() as u64 > MAX_STATEMENT_BYTES {
        return Err(format!("Die Datei ist größer als {MAX_STATEMENT_BYTES} Bytes."));
    }
    let text = std::str::from_utf8(bytes)
        .ok()
        .filter(|t| t.is_ascii())
        .ok_or("Die Datei enthält andere Zeichen als ASCII.")?;
    if !text.ends_with('\n') || text.contains('\r') {
        return Err("Jede Zeile muss mit einem einfachen Zeilenumbruch (LF) enden.".into());
    }
    let lines: Vec<&str> = text[..text.len() - 1].split('\n').collect();
    if lines.first() != Some(&header) {
        return Err(format!("Die erste Zeile muss „{header}“ lauten."));
    }
    if lines.len() != names.len() + 2 {
        return Err(format!(
            "Die Datei hat {} Zeilen; erwartet sind genau {}.",
            lines.len(),
            names.len() + 2
        ));
    }
    let mut values = Vec::new();
    for (i, name) in names.iter().chain(&["signature"]).enumerate() {
        let line = lines[i + 1];
        let value = line
            .strip_prefix(name)
            .and_then(|rest| rest.strip_prefix(": "))
            .ok_or_else(|| format!("Zeile {} muss mit „{name}: “ beginnen.", i + 2))?;
        values.push(value);
    }
    let signature = values.pop().expect("signature line");
    let signature = signing::unhex::<64>(signature)
        .filter(|_| signature.len() == 128 && !signature.contains(char::is_uppercase))
        .ok_or("Die Signatur ist keine 128 Hex-Ziffern.")?;
    let body = &bytes[..text.rfind("signature: ").expect("checked")];
    Ok((values, body, Signature::from_bytes(&signature)))
}

fn land(code: &str) -> Result<Land, String> {
    Land::try_from(code.to_owned())
}

/// A public key and its fingerprint line, which must match.
fn key(hex: &str, fingerprint: &str, prefix: &str) -> Result<VerifyingKey, String> {
    let key = signing::public_from_hex(hex)
        .filter(|_| hex.len() == 64 && !hex.contains(char::is_uppercase))
        .ok_or_else(|| {
            format!("„{prefix}key“ ist kein öffentlicher Schlüssel (64 Hex-Ziffern).")
        })?;
    if fingerprint != signing::fingerprint(&key) {
        return Err(format!(
            "„{prefix}fingerprint“ passt nicht zum Schlüssel (richtig wäre {}).",
            signing::fingerprint(&key)
        ));
    }
    Ok(key)
}

fn date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|d| d.format("%Y-%m-%d").to_string() == text)
        .ok_or_else(|| format!("„{text}“ ist kein Datum (JJJJ-MM-TT)."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error_code::ErrorCode;

    fn key(seed: u8) -> SigningKey {
        SigningKey::from_bytes(&[seed; 32])
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()
    }

    fn endorsement() -> Endorsement {
        Endorsement {
            land: Land::from_code(3).unwrap(),
            old_key: key(1).verifying_key(),
            new_key: key(2).verifying_key(),
            date: day(),
        }
    }

    #[test]
    fn statements_round_trip_and_name_what_they_say() {
        let text = endorsement().sign(&key(1));
        assert!(text.starts_with("anbindungscheck-key-endorsement-v1\nland: 03\nold-key: "));
        assert!(text.contains("\ndate: 2026-05-01\nsignature: "), "{text}");
        assert_eq!(Endorsement::parse(text.as_bytes()).unwrap(), endorsement());

        let revocation = Revocation {
            land: Land::from_code(3).unwrap(),
            key: key(1).verifying_key(),
            date: day(),
            reason: RevocationReason::Kompromittiert,
        };
        let text = revocation.sign(&key(1));
        assert!(text.contains("\nreason: kompromittiert\nsignature: "), "{text}");
        assert_eq!(Revocation::parse(text.as_bytes()).unwrap(), revocation);
        assert_eq!(revocation.entry_name().len(), "revocations/.txt".len() + 32);
    }

    #[test]
    fn anything_but_the_exact_signed_shape_is_refused() {
        let good = endorsement().sign(&key(1));
        let old_fp = signing::fingerprint(&key(1).verifying_key());
        let body = &good[..good.rfind("signature: ").unwrap()];
        let by_other = format!(
            "{body}signature: {}\n",
            signing::hex(&key(9).sign(body.as_bytes()).to_bytes())
        );
        let cases: Vec<(&str, String, &str)> = vec![
            ("other signer", by_other, "Signatur des bisherigen"),
            ("date changed", good.replace("2026-05-01", "2026-05-02"), "Signatur"),
            ("land changed", good.replace("land: 03", "land: 09"), "Signatur"),
            ("land invalid", good.replace("land: 03", "land: 17"), "Länderschlüssel"),
            ("crlf", good.replace('\n', "\r\n"), "Zeilenumbruch"),
            ("no final newline", good.trim_end().to_owned(), "Zeilenumbruch"),
            ("extra line", format!("{good}x: y\n"), "Zeilen"),
            ("fields swapped", good.replacen("land: 03\n", "", 1), "Zeilen"),
            ("header", good.replace("-v1", "-v2"), "erste Zeile"),
            ("fingerprint", good.replace(&old_fp, &old_fp.to_lowercase()), "passt nicht"),
            ("signature length", good.replace("signature: ", "signature: a"), "128 Hex"),
            ("not a date", good.replace("2026-05-01", "2026-02-30"), "kein Datum"),
            ("non-ascii", good.replace("land", "länd"), "ASCII"),
            ("too large", format!("{good}{}", " ".repeat(2100)), "größer"),
        ];
        for (name, text, expect) in cases {
            let err = Endorsement::parse(text.as_bytes()).expect_err(name);
            assert_eq!(err.code(), ErrorCode::KeyEndorsement, "{name}");
            assert!(err.to_string().contains(expect), "{name}: {err}");
        }
        // A revocation is no endorsement, and the other way round.
        let revocation = Revocation {
            land: Land::from_code(3).unwrap(),
            key: key(1).verifying_key(),
            date: day(),
            reason: RevocationReason::OhneAngabe,
        }
        .sign(&key(1));
        assert!(Endorsement::parse(revocation.as_bytes()).is_err());
        let err = Revocation::parse(good.as_bytes()).unwrap_err();
        assert_eq!(err.code(), ErrorCode::KeyRevocation);
        let forged = revocation.replace("ohne_angabe", "ersetzt");
        let err = Revocation::parse(forged.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("Signatur stimmt nicht"), "{err}");
    }
}
