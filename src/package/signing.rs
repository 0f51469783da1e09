//! Ed25519 keys of the Land and signatures over the exact bytes of `manifest.json`.
//!
//! The public key file is one line of text, `anbindungscheck-public-key-v1:<64 hex>`; the secret
//! key is kept encrypted (`keyfile`). `manifest.sig` names the public key and carries the
//! signature. A key is known to people by its fingerprint: the first 128 bits of the
//! SHA-256 of the public key, as 8 groups of 4 hex digits.

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};
use std::path::Path;

use crate::package::PackageError;

const PUBLIC_PREFIX: &str = "anbindungscheck-public-key-v1:";
const SIG_HEADER: &str = "anbindungscheck-signature-v1";

/// The largest `manifest.sig` accepted.
pub const MAX_SIG_BYTES: u64 = 1024;

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn unhex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let text = text.trim();
    if text.len() != 2 * N || !text.is_ascii() {
        return None;
    }
    let mut out = [0u8; N];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// The fingerprint of a public key, e.g. `3F2A 9C41 …` (8 groups).
pub fn fingerprint(key: &VerifyingKey) -> String {
    let digest = Sha256::digest(key.as_bytes());
    grouped(&hex(&digest[..16]).to_uppercase())
}

/// Hex digits in groups of four, as fingerprints are shown: `3F2A 9C41 …`.
pub fn grouped(hex: &str) -> String {
    let chars: Vec<char> = hex.chars().collect();
    chars.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

/// Normalises a fingerprint typed by a person: spaces, colons and case do not matter.
pub fn normalize_fingerprint(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_hexdigit()).map(|c| c.to_ascii_uppercase()).collect()
}

/// The public key as hex (how it is stored in the trust list).
pub fn public_hex(key: &VerifyingKey) -> String {
    hex(key.as_bytes())
}

/// Reads a public key from hex.
pub fn public_from_hex(text: &str) -> Option<VerifyingKey> {
    VerifyingKey::from_bytes(&unhex::<32>(text)?).ok()
}

/// Makes a new signing key from the operating system's random source.
pub fn generate() -> Result<SigningKey, PackageError> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed)
        .map_err(|e| PackageError::Key(format!("Zufallsquelle nicht verfügbar: {e}")))?;
    Ok(SigningKey::from_bytes(&seed))
}

/// The text of a public key file.
pub fn public_key_text(key: &VerifyingKey) -> String {
    format!("{PUBLIC_PREFIX}{}\n", hex(key.as_bytes()))
}

/// A key or statement file of at most 4 KiB, as text.
pub(crate) fn read_small(path: &Path) -> Result<String, PackageError> {
    let not_a_key = || PackageError::Key(format!("{} ist keine Schlüsseldatei.", path.display()));
    let (file, size) =
        crate::files::open_regular(path).map_err(|e| PackageError::Key(e.message(path)))?;
    if size > 4096 {
        return Err(not_a_key());
    }
    let bytes = crate::files::read_capped(file, 4096)
        .map_err(|e| {
            PackageError::Key(format!("{}: {}", path.display(), crate::error::io_reason(&e)))
        })?
        .ok_or_else(not_a_key)?;
    String::from_utf8(bytes).map_err(|_| not_a_key())
}

/// Reads a public key file (or a plain secret key file of the first format, whose public half
/// is used).
pub fn read_public(path: &Path) -> Result<VerifyingKey, PackageError> {
    let text = read_small(path)?;
    let text = text.trim();
    if let Some(hex) = text.strip_prefix(PUBLIC_PREFIX) {
        return public_from_hex(hex).ok_or_else(|| {
            PackageError::Key(format!(
                "{} enthält keinen gültigen öffentlichen Schlüssel.",
                path.display()
            ))
        });
    }
    if let Some(key) = plain_secret(text) {
        return Ok(key.verifying_key());
    }
    let hint = if text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") {
        format!(
            "; es ist ein geheimer Schlüssel, bitte den öffentlichen angeben ({}.pub)",
            path.display()
        )
    } else {
        String::new()
    };
    Err(PackageError::Key(format!("{} ist kein öffentlicher Schlüssel{hint}.", path.display())))
}

/// The first format of a secret key file: the 32 secret bytes as hex, unencrypted. Only read,
/// to convert it or to take its public half.
pub(crate) const PLAIN_SECRET_PREFIX: &str = "anbindungscheck-signing-key-v1:";

/// The key in the text of a plain secret key file of the first format.
pub(crate) fn plain_secret(text: &str) -> Option<SigningKey> {
    let seed = zeroize::Zeroizing::new(
        text.trim().strip_prefix(PLAIN_SECRET_PREFIX).and_then(unhex::<32>)?,
    );
    Some(SigningKey::from_bytes(&seed))
}

/// The text of a plain secret key file of the first format (tests of the conversion only).
#[cfg(test)]
pub(crate) fn plain_text(key: &SigningKey) -> String {
    format!("{PLAIN_SECRET_PREFIX}{}\n", hex(key.as_bytes()))
}

/// The text of `manifest.sig` for these manifest bytes.
pub fn sign(key: &SigningKey, manifest: &[u8]) -> String {
    let signature = key.sign(manifest);
    format!(
        "{SIG_HEADER}\nkey: {}\nsignature: {}\n",
        hex(key.verifying_key().as_bytes()),
        hex(&signature.to_bytes())
    )
}

/// Checks `manifest.sig` against the exact manifest bytes; returns the signing key.
pub fn verify(sig_file: &[u8], manifest: &[u8]) -> Result<VerifyingKey, PackageError> {
    let bad = || PackageError::SignatureMalformed;
    let text = std::str::from_utf8(sig_file).map_err(|_| bad())?;
    let mut lines = text.lines();
    if lines.next() != Some(SIG_HEADER) {
        return Err(bad());
    }
    let key = lines.next().and_then(|l| l.strip_prefix("key: ")).ok_or_else(bad)?;
    let sig = lines.next().and_then(|l| l.strip_prefix("signature: ")).ok_or_else(bad)?;
    if lines.any(|l| !l.trim().is_empty()) {
        return Err(bad());
    }
    let key = public_from_hex(key).ok_or_else(bad)?;
    let sig = Signature::from_bytes(&unhex::<64>(sig).ok_or_else(bad)?);
    key.verify(manifest, &sig).map_err(|_| PackageError::SignatureInvalid)?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_and_verify_round_trip() {
        let key = generate().unwrap();
        let sig = sign(&key, b"{\"a\":1}");
        let signer = verify(sig.as_bytes(), b"{\"a\":1}").unwrap();
        assert_eq!(signer, key.verifying_key());
        assert!(matches!(
            verify(sig.as_bytes(), b"{\"a\":2}"),
            Err(PackageError::SignatureInvalid)
        ));
        assert!(matches!(verify(b"garbage", b"x"), Err(PackageError::SignatureMalformed)));
    }

    #[test]
    fn public_key_files_round_trip_and_fingerprints_normalise() {
        let dir = tempfile::tempdir().unwrap();
        let key = generate().unwrap();
        let (plain, public) = (dir.path().join("k"), dir.path().join("k.pub"));
        std::fs::write(&plain, plain_text(&key)).unwrap();
        std::fs::write(&public, public_key_text(&key.verifying_key())).unwrap();
        assert_eq!(read_public(&public).unwrap(), key.verifying_key());
        assert_eq!(read_public(&plain).unwrap(), key.verifying_key());

        let fp = fingerprint(&key.verifying_key());
        assert_eq!(fp.len(), 39);
        assert_eq!(
            normalize_fingerprint(&fp.to_lowercase().replace(' ', ":")),
            normalize_fingerprint(&fp)
        );
    }
}
