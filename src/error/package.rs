//! Why a package was refused. Each variant has its own German message that says what is wrong
//! and a stable code (`Error::code()` passes it on to the UI and the CLI).

/// A refused package, a failed build, or a bad key file.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    #[error("Die Paketdatei konnte nicht gelesen werden: {0}")]
    Io(String),
    #[error("Das Paket ist zu groß ({size} Bytes, höchstens {max} Bytes).")]
    TooLarge { size: u64, max: u64 },
    #[error("Die Datei ist leer.")]
    Empty,
    #[error("Die Datei ist kein Informationspaket (kein gültiges ZIP-Archiv).")]
    NotAZip,
    #[error("Das Paket enthält zu viele Einträge ({count}, höchstens {max}).")]
    TooManyEntries { count: usize, max: usize },
    #[error("Das Paket enthält den Eintrag „{0}“ mehrfach.")]
    DuplicateEntry(String),
    #[error(
        "Der Eintrag „{0}“ ist mit einem Verfahren gepackt, das nicht angenommen wird ({1}); \
         erlaubt sind „Stored“ (ungepackt) und „Deflate“."
    )]
    Compression(String, String),
    #[error(
        "Der Eintrag „{0}“ ist verschlüsselt; verschlüsselte Einträge werden nicht angenommen."
    )]
    Encrypted(String),
    #[error("Der Eintrag „{0}“ ist ein symbolischer Link; Links werden nicht angenommen.")]
    Symlink(String),
    #[error("{0}")]
    UnsafePath(String),
    #[error("Das Paket enthält die Datei „{0}“, die im Manifest nicht aufgeführt ist.")]
    UndeclaredEntry(String),
    #[error("Im Paket fehlt „{0}“.")]
    MissingEntry(String),
    #[error("„{name}“ ist zu groß (höchstens {max} Bytes).")]
    Oversized { name: String, max: u64 },
    #[error("„{0}“ ist ungewöhnlich stark komprimiert (Verdacht auf eine ZIP-Bombe).")]
    CompressionRatio(String),
    #[error("Die Größe von „{0}“ stimmt nicht mit dem Manifest überein.")]
    SizeMismatch(String),
    #[error(
        "Dokument „{0}“ wurde verändert: Die Prüfsumme stimmt nicht mit dem Manifest überein."
    )]
    DocumentTampered(String),
    #[error("Die Signaturdatei manifest.sig ist beschädigt oder hat ein unbekanntes Format.")]
    SignatureMalformed,
    #[error(
        "Die Signatur des Manifests ist ungültig: Das Paket wurde nach dem Signieren verändert \
         oder ist beschädigt."
    )]
    SignatureInvalid,
    #[error(
        "Das Paket ist das erste von {land}. Bitte prüfen Sie den Fingerabdruck des Schlüssels \
         beim Land ({fingerprint}) und bestätigen Sie ihn."
    )]
    UntrustedKey { land: String, fingerprint: String },
    #[error(
        "Das Paket ist nicht mit einem vertrauenswürdigen Schlüssel des Landes {land} signiert \
         (Fingerabdruck {fingerprint})."
    )]
    WrongKey { land: String, fingerprint: String },
    #[error(
        "Der bestätigte Fingerabdruck {given} passt nicht zum Schlüssel des Pakets ({actual})."
    )]
    FingerprintMismatch { given: String, actual: String },
    #[error("Das Manifest ist kein gültiger UTF-8-Text.")]
    NotUtf8,
    #[error("Das Manifest ist fehlerhaft: {0}")]
    Malformed(String),
    #[error(
        "Das Paketformat „{0}“ wird von dieser Version nicht unterstützt; bitte installieren Sie \
         die aktuelle Version von Anbindungscheck."
    )]
    UnsupportedFormat(String),
    #[error("Das Manifest ist ungültig: {0}")]
    Invalid(String),
    #[error("Das Manifest ist ungültig: {0}")]
    DanglingReference(String),
    #[error(
        "Das Paket „{id}“ ist älter (Version {offered}) als das bereits eingelesene \
         (Version {installed}) und wurde nicht eingelesen."
    )]
    OlderVersion { id: String, installed: u32, offered: u32 },
    #[error(
        "Version {version} des Pakets „{id}“ ist schon eingelesen, aber mit anderem Inhalt. Ein \
         geändertes Paket braucht eine höhere Versionsnummer; bitte wenden Sie sich an das Land."
    )]
    ChangedSameVersion { id: String, version: u32 },
    #[error(
        "Dieses Informationspaket ist für Kommunen in {package}. Ihre Kommune liegt laut Profil \
         in {own} (AGS {ags}). Es wurde nichts eingelesen."
    )]
    OtherLand { package: String, own: String, ags: String },
    #[error(
        "Dieses Informationspaket ist für Kommunen in {package}, die bereits eingelesenen Pakete \
         sind aber für Kommunen in {installed}. Eine Kommune liest nur Pakete ihres eigenen \
         Landes ein. Es wurde nichts eingelesen."
    )]
    OtherLandThanPackages { package: String, installed: String },
    #[error("Schlüssel: {0}")]
    Key(String),
    #[error(
        "Die Passphrase ist falsch: Der Schlüssel {0} lässt sich damit nicht entschlüsseln. \
         Bitte geben Sie die Passphrase erneut ein (Groß- und Kleinschreibung beachten)."
    )]
    Passphrase(String),
    #[error("Die Schlüsselbestätigung wird nicht angenommen: {0}")]
    Endorsement(String),
    #[error("Der Widerruf wird nicht angenommen: {0}")]
    Revocation(String),
    #[error(
        "Der Schlüssel {fingerprint} wurde vom Land {land} am {date} widerrufen (Grund: \
         {reason}). Pakete, die mit diesem Schlüssel signiert sind, werden nicht mehr eingelesen; \
         bitte wenden Sie sich an das Land."
    )]
    KeyRevoked { fingerprint: String, land: String, date: String, reason: String },
    #[error(
        "Die Schlüsselbestätigung im Paket stammt vom Schlüssel {fingerprint}, und dieser \
         Schlüssel wurde vom Land {land} am {date} widerrufen (Grund: {reason}). Der neue \
         Schlüssel wird deshalb nicht übernommen; bitte wenden Sie sich an das Land."
    )]
    EndorserRevoked { fingerprint: String, land: String, date: String, reason: String },
    #[error(
        "Jeder bisherige Schlüssel des Landes {land} wurde widerrufen. Bitte prüfen Sie den \
         Fingerabdruck des neuen Schlüssels beim Land ({fingerprint}) und bestätigen Sie ihn."
    )]
    UntrustedAfterRevocation { land: String, fingerprint: String },
    #[error("Paket bauen: {0}")]
    Build(String),
}

impl PackageError {
    /// The stable code of the kind of problem.
    pub fn code(&self) -> crate::error_code::ErrorCode {
        use crate::error_code::ErrorCode as C;
        use PackageError::*;
        match self {
            Io(_) => C::PackageIo,
            TooLarge { .. } | TooManyEntries { .. } | Oversized { .. } | CompressionRatio(_) => {
                C::PackageLimits
            }
            Empty | NotAZip => C::PackageNotZip,
            DuplicateEntry(_) | Compression(..) | Encrypted(_) | Symlink(_)
            | UndeclaredEntry(_) | MissingEntry(_) => C::PackageStructure,
            UnsafePath(_) => C::PackageUnsafePath,
            SizeMismatch(_) | DocumentTampered(_) => C::PackageDocument,
            SignatureMalformed | SignatureInvalid => C::PackageSignature,
            UntrustedKey { .. } | UntrustedAfterRevocation { .. } => C::PackageUntrustedKey,
            WrongKey { .. } | FingerprintMismatch { .. } => C::PackageWrongKey,
            NotUtf8 | Malformed(_) => C::PackageManifest,
            UnsupportedFormat(_) => C::PackageFormat,
            Invalid(_) | DanglingReference(_) => C::PackageInvalid,
            OlderVersion { .. } | ChangedSameVersion { .. } => C::PackageOlder,
            OtherLand { .. } | OtherLandThanPackages { .. } => C::PackageOtherLand,
            Key(_) => C::PackageKey,
            Passphrase(_) => C::KeyPassphrase,
            Endorsement(_) => C::KeyEndorsement,
            Revocation(_) => C::KeyRevocation,
            KeyRevoked { .. } | EndorserRevoked { .. } => C::KeyRevoked,
            Build(_) => C::PackageBuild,
        }
    }
}
