//! The Land's secret key on disk: encrypted PKCS#8 (RFC 5958) in PEM, as OpenSSL and other tools
//! read it, behind a few lines of text that say what the file is, which Land it belongs to and its
//! fingerprint. The key is encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) under a
//! passphrase of at least [`MIN_PASSPHRASE_CHARS`] characters. A plain key file of the first
//! format is only read to convert it ([`read_plain`]); no plain secret key is ever written.

use ed25519_dalek::pkcs8::DecodePrivateKey;
use ed25519_dalek::SigningKey;
use pkcs8::der::Document;
use pkcs8::pkcs5::pbes2;
use pkcs8::{EncryptedPrivateKeyInfo, LineEnding, PrivateKeyInfo};
use std::path::Path;
use zeroize::Zeroizing;

use crate::ags::Land;
use crate::package::{signing, PackageError};

/// The shortest passphrase accepted for a new key file.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// PBKDF2 iterations for a new key file (OWASP's recommendation for PBKDF2-HMAC-SHA256).
pub const PBKDF2_ITERATIONS: u32 = 600_000;

/// The first line of a key file.
const TITLE: &str = "Anbindungscheck: Signaturschlüssel des Landes, verschlüsselt (PKCS #8)";
const PEM_LABEL: &str = "ENCRYPTED PRIVATE KEY";
const PEM_BEGIN: &str = "-----BEGIN ";
const PLAIN_PREFIX: &str = signing::PLAIN_SECRET_PREFIX;

/// A passphrase, wiped from memory when dropped.
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// A passphrase as typed or read (without the line break that ended it).
    pub fn new(text: impl Into<String>) -> Passphrase {
        Passphrase(Zeroizing::new(text.into()))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Checks the rules for a new key's passphrase: at least [`MIN_PASSPHRASE_CHARS`]
    /// characters.
    pub fn check_new(&self) -> crate::Result<()> {
        let chars = self.0.chars().count();
        if chars < MIN_PASSPHRASE_CHARS {
            return Err(crate::Error::validation(
                "passphrase",
                format!(
                    "Die Passphrase ist zu kurz ({chars} Zeichen); sie muss mindestens \
                     {MIN_PASSPHRASE_CHARS} Zeichen lang sein. Gut merken lässt sich ein Satz \
                     aus mehreren Wörtern."
                ),
            ));
        }
        Ok(())
    }
}

impl From<String> for Passphrase {
    fn from(text: String) -> Passphrase {
        Passphrase::new(text)
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

/// A secret key read from its file, with the Land the file names.
pub struct SecretKey {
    pub key: SigningKey,
    /// The Land the key file was made for (`None` for a file without that line, e.g. one
    /// written by OpenSSL).
    pub land: Option<Land>,
}

impl SecretKey {
    /// The fingerprint of the public key.
    pub fn fingerprint(&self) -> String {
        signing::fingerprint(&self.key.verifying_key())
    }

    /// The Land, which signed statements (endorsements, revocations) need.
    pub fn land_for_statements(&self, path: &Path) -> Result<Land, PackageError> {
        self.land.ok_or_else(|| {
            PackageError::Key(format!(
                "{} nennt kein Land (Zeile „Land: …“); Schlüsselbestätigungen und Widerrufe \
                 brauchen es. Bitte wandeln Sie den Schlüssel mit `package key-convert --land …` \
                 um.",
                path.display()
            ))
        })
    }
}

fn random<const N: usize>() -> Result<[u8; N], PackageError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)
        .map_err(|e| PackageError::Key(format!("Zufallsquelle nicht verfügbar: {e}")))?;
    Ok(bytes)
}

/// The text of an encrypted key file for `key` of `land`.
pub fn encrypted_text(
    key: &SigningKey,
    land: Land,
    passphrase: &Passphrase,
) -> Result<Zeroizing<String>, PackageError> {
    let failed = |e: pkcs8::Error| PackageError::Key(format!("Verschlüsseln fehlgeschlagen: {e}"));
    // CurvePrivateKey (RFC 8410): the 32 secret bytes as an OCTET STRING.
    let mut inner = Zeroizing::new([0u8; 34]);
    inner[0] = 0x04;
    inner[1] = 0x20;
    inner[2..].copy_from_slice(key.as_bytes());
    let info = PrivateKeyInfo::new(ed25519_dalek::pkcs8::ALGORITHM_ID, &inner[..]);
    let (salt, iv) = (random::<16>()?, random::<16>()?);
    let params = pbes2::Parameters::pbkdf2_sha256_aes256cbc(PBKDF2_ITERATIONS, &salt, &iv)
        .map_err(|e| failed(e.into()))?;
    let document =
        info.encrypt_with_params(params, passphrase.as_str().as_bytes()).map_err(failed)?;
    let pem = document
        .to_pem(PEM_LABEL, LineEnding::LF)
        .map_err(|e| PackageError::Key(format!("Verschlüsseln fehlgeschlagen: {e}")))?;
    let fingerprint = signing::fingerprint(&key.verifying_key());
    let mut text = Zeroizing::new(String::with_capacity(pem.len() + 200));
    text.push_str(&format!(
        "{TITLE}\nLand: {} ({})\nFingerabdruck: {fingerprint}\n",
        land.code(),
        land.name()
    ));
    text.push_str(&pem);
    Ok(text)
}

/// The lines before the PEM block: the Land and the fingerprint, where given.
fn preamble(text: &str) -> (Option<Land>, Option<String>) {
    let (mut land, mut fingerprint) = (None, None);
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("Land: ") {
            land = rest.get(..2).and_then(|code| Land::try_from(code.to_owned()).ok());
        } else if let Some(rest) = line.strip_prefix("Fingerabdruck: ") {
            fingerprint = Some(signing::normalize_fingerprint(rest));
        }
    }
    (land, fingerprint)
}

/// Decrypts the text of an encrypted key file; `shown` names the file in messages.
pub fn decrypt(
    text: &str,
    passphrase: &Passphrase,
    shown: &str,
) -> Result<SecretKey, PackageError> {
    let not_a_key = || {
        PackageError::Key(format!(
            "{shown} ist keine verschlüsselte Schlüsseldatei (PKCS #8, „{PEM_BEGIN}{PEM_LABEL}-----“)."
        ))
    };
    let start = text.find(PEM_BEGIN).ok_or_else(not_a_key)?;
    let (land, named) = preamble(&text[..start]);
    let (label, document) = Document::from_pem(&text[start..]).map_err(|_| not_a_key())?;
    if label != PEM_LABEL {
        return Err(not_a_key());
    }
    let info = EncryptedPrivateKeyInfo::try_from(document.as_bytes()).map_err(|_| not_a_key())?;
    let wrong = || PackageError::Passphrase(shown.to_owned());
    let secret = match info.decrypt(passphrase.as_str().as_bytes()) {
        Ok(secret) => secret,
        // pkcs5 0.7 reports bad padding as `EncryptFailed`.
        Err(pkcs8::Error::EncryptedPrivateKey(
            pkcs8::pkcs5::Error::DecryptFailed | pkcs8::pkcs5::Error::EncryptFailed,
        )) => return Err(wrong()),
        // A wrong passphrase can yield valid padding, and then no valid DER.
        Err(pkcs8::Error::Asn1(_)) => return Err(wrong()),
        Err(e) => {
            return Err(PackageError::Key(format!(
                "{shown}: Das Verschlüsselungsverfahren wird nicht unterstützt ({e})."
            )))
        }
    };
    // The same: the decrypted bytes are no Ed25519 key only if the passphrase was wrong (or
    // the file holds another kind of key).
    let key = SigningKey::from_pkcs8_der(secret.as_bytes()).map_err(|e| match e {
        pkcs8::Error::PublicKey(_) | pkcs8::Error::ParametersMalformed => PackageError::Key(
            format!("{shown} enthält keinen Ed25519-Schlüssel; nur solche werden verwendet."),
        ),
        _ => wrong(),
    })?;
    let fingerprint = signing::fingerprint(&key.verifying_key());
    if named.is_some_and(|named| named != signing::normalize_fingerprint(&fingerprint)) {
        return Err(PackageError::Key(format!(
            "Der Fingerabdruck in {shown} passt nicht zum Schlüssel darin ({fingerprint}); die \
             Datei wurde verändert."
        )));
    }
    Ok(SecretKey { key, land })
}

/// Reads an encrypted key file. A plain key file of the first format is refused with a hint to
/// convert it.
pub fn read(path: &Path, passphrase: &Passphrase) -> Result<SecretKey, PackageError> {
    let text = Zeroizing::new(signing::read_small(path)?);
    if text.trim_start().starts_with(PLAIN_PREFIX) {
        return Err(PackageError::Key(format!(
            "{} ist ein unverschlüsselter Schlüssel im alten Format. Bitte wandeln Sie ihn \
             einmal mit `anbindungscheck package key-convert --key {} --out NEU.key --land …` in \
             einen verschlüsselten um und löschen Sie die alte Datei danach sicher.",
            path.display(),
            path.display()
        )));
    }
    decrypt(&text, passphrase, &path.display().to_string())
}

/// Reads a plain key file of the first format (`anbindungscheck-signing-key-v1:<hex>`), only
/// to convert it.
pub fn read_plain(path: &Path) -> Result<SigningKey, PackageError> {
    let text = Zeroizing::new(signing::read_small(path)?);
    signing::plain_secret(&text).ok_or_else(|| {
        PackageError::Key(format!(
            "{} ist kein unverschlüsselter Schlüssel im alten Format \
             („{PLAIN_PREFIX}…“).",
            path.display()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error_code::ErrorCode;

    fn land() -> Land {
        Land::from_code(3).unwrap()
    }

    #[test]
    fn an_encrypted_key_round_trips_with_its_land_and_fingerprint() {
        let key = signing::generate().unwrap();
        let pass = Passphrase::new("richtig langes Kennwort");
        let text = encrypted_text(&key, land(), &pass).unwrap();
        assert!(text.starts_with(TITLE), "{}", &*text);
        assert!(text.contains("\nLand: 03 (Niedersachsen)\n"), "{}", &*text);
        assert!(text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
        assert!(!text.contains(&signing::hex(key.as_bytes())), "never the plain secret");
        let read = decrypt(&text, &pass, "land.key").unwrap();
        assert_eq!(read.key.to_bytes(), key.to_bytes());
        assert_eq!(read.land, Some(land()));
        assert_eq!(read.fingerprint(), signing::fingerprint(&key.verifying_key()));
        // Two files of the same key differ (salt and IV are random).
        assert_ne!(*encrypted_text(&key, land(), &pass).unwrap(), *text);
    }

    #[test]
    fn a_wrong_passphrase_has_its_own_code_and_says_so() {
        let key = signing::generate().unwrap();
        let text =
            encrypted_text(&key, land(), &Passphrase::new("richtig langes Kennwort")).unwrap();
        for wrong in ["falsches Kennwort!", "", "richtig langes kennwort"] {
            let err = decrypt(&text, &Passphrase::new(wrong), "land.key").err().unwrap();
            assert_eq!(err.code(), ErrorCode::KeyPassphrase, "{err}");
            assert!(err.to_string().starts_with("Die Passphrase ist falsch"), "{err}");
        }
    }

    #[test]
    fn the_passphrase_rule_and_a_changed_file_are_caught() {
        assert!(Passphrase::new("elf Zeichen").check_new().is_err());
        let err = Passphrase::new("kurz").check_new().unwrap_err();
        assert_eq!(err.field(), Some("passphrase"));
        assert!(err.to_string().contains("mindestens 12 Zeichen"), "{err}");
        assert!(Passphrase::new("zwölf Zeiche").check_new().is_ok());
        assert_eq!(format!("{:?}", Passphrase::new("geheim")), "Passphrase(…)");

        let key = signing::generate().unwrap();
        let pass = Passphrase::new("richtig langes Kennwort");
        let text = encrypted_text(&key, land(), &pass).unwrap();
        let other = signing::fingerprint(&signing::generate().unwrap().verifying_key());
        let changed = text.replace(&signing::fingerprint(&key.verifying_key()), &other);
        let err = decrypt(&changed, &pass, "land.key").err().unwrap();
        assert!(err.to_string().contains("wurde verändert"), "{err}");
        let err = decrypt("kein Schlüssel", &pass, "x.key").err().unwrap();
        assert_eq!(err.code(), ErrorCode::PackageKey);
    }

    #[test]
    fn a_plain_key_is_only_read_to_convert_it() {
        let dir = tempfile::tempdir().unwrap();
        let key = signing::generate().unwrap();
        let path = dir.path().join("alt.key");
        std::fs::write(&path, signing::plain_text(&key)).unwrap();
        assert_eq!(read_plain(&path).unwrap().to_bytes(), key.to_bytes());
        let err = read(&path, &Passphrase::new("egal welche Passphrase")).err().unwrap();
        assert!(err.to_string().contains("key-convert"), "{err}");
    }

    /// OpenSSL reads the key file as it is (needs the `openssl` program, which `make deps`
    /// installs with libssl-dev's tools).
    #[test]
    #[cfg_attr(windows, ignore = "needs the openssl tool, which the Windows run lacks")]
    fn openssl_reads_the_encrypted_key() {
        let dir = tempfile::tempdir().unwrap();
        let key = signing::generate().unwrap();
        let pass = Passphrase::new("richtig langes Kennwort");
        let path = dir.path().join("land.key");
        std::fs::write(&path, encrypted_text(&key, land(), &pass).unwrap()).unwrap();
        let pw = dir.path().join("pw");
        std::fs::write(&pw, "richtig langes Kennwort\n").unwrap();
        let run = |args: &[&str]| {
            std::process::Command::new("openssl")
                .args(args)
                .output()
                .unwrap_or_else(|e| panic!("openssl is needed for this test: {e}"))
        };
        let path_s = path.to_str().unwrap();
        let pass_arg = format!("file:{}", pw.to_str().unwrap());
        let out = run(&["pkey", "-in", path_s, "-passin", &pass_arg, "-noout", "-text"]);
        assert!(out.status.success(), "openssl: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8_lossy(&out.stdout).replace([' ', '\n', ':'], "");
        assert!(text.contains(&signing::hex(key.verifying_key().as_bytes())), "{text}");
        assert!(text.contains(&signing::hex(key.as_bytes())), "{text}");
        let details = run(&["asn1parse", "-in", path_s]);
        let details = String::from_utf8_lossy(&details.stdout);
        assert!(details.contains("PBES2") && details.contains("PBKDF2"), "{details}");
        assert!(details.contains("aes-256-cbc") && details.contains("hmacWithSHA256"), "{details}");

        // The wrong passphrase fails in OpenSSL too, and OpenSSL's own file reads here.
        std::fs::write(&pw, "falsch falsch falsch\n").unwrap();
        assert!(!run(&["pkey", "-in", path_s, "-passin", &pass_arg, "-noout"]).status.success());
        std::fs::write(&pw, "richtig langes Kennwort\n").unwrap();
        let theirs = dir.path().join("openssl.key");
        let made = run(&[
            "genpkey",
            "-algorithm",
            "ed25519",
            "-aes-256-cbc",
            "-pass",
            &pass_arg,
            "-out",
            theirs.to_str().unwrap(),
        ]);
        assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
        let read = read(&theirs, &pass).unwrap();
        assert_eq!(read.land, None);
    }
}
