//! The closed set of error codes that cross to the UI and the command line: one per kind of
//! problem, stable, serialized in snake_case and exported to TypeScript as a union type, so the UI
//! compares codes exactly.

use serde::Serialize;

macro_rules! error_codes {
    ($($variant:ident = $code:literal,)*) => {
        /// The stable code of an error.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        #[cfg_attr(test, derive(ts_rs::TS))]
        #[serde(rename_all = "snake_case")]
        pub enum ErrorCode {
            $($variant,)*
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code as written on the wire.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)*
                }
            }
        }
    };
}

error_codes! {
    Validation = "validation",
    NotFound = "not_found",
    SchemaNewer = "schema_newer",
    DatabaseForeign = "database_foreign",
    DatabaseRemote = "database_remote",
    WorkspaceWrongKind = "workspace_wrong_kind",
    WorkspaceUnchosen = "workspace_unchosen",
    Database = "database",
    Io = "io",
    PackageIo = "package_io",
    PackageLimits = "package_limits",
    PackageNotZip = "package_not_zip",
    PackageStructure = "package_structure",
    PackageUnsafePath = "package_unsafe_path",
    PackageDocument = "package_document",
    PackageSignature = "package_signature",
    PackageUntrustedKey = "package_untrusted_key",
    PackageWrongKey = "package_wrong_key",
    PackageManifest = "package_manifest",
    PackageFormat = "package_format",
    PackageInvalid = "package_invalid",
    PackageOlder = "package_older",
    PackageOtherLand = "package_other_land",
    PackageKey = "package_key",
    PackageBuild = "package_build",
    KeyPassphrase = "key_passphrase",
    KeyEndorsement = "key_endorsement",
    KeyRevocation = "key_revocation",
    KeyRevoked = "key_revoked",
    ReportNoProfile = "report_no_profile",
    ReportGlyph = "report_glyph",
    ReportPdf = "report_pdf",
    ReportWorkbook = "report_workbook",
    ReportNotPdf = "report_not_pdf",
    ReportTooLarge = "report_too_large",
    ReportDamaged = "report_damaged",
    ReportNoData = "report_no_data",
    ReportSchema = "report_schema",
    ReportData = "report_data",
    ReportImplausible = "report_implausible",
    ReportSkipped = "report_skipped",
    ReportNothingFound = "report_nothing_found",
    Desktop = "desktop",
    Internal = "internal",
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_names_are_the_written_codes() {
        for code in ErrorCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str(), "{code:?}");
        }
        let mut seen = std::collections::HashSet::new();
        assert!(ErrorCode::ALL.iter().all(|c| seen.insert(c.as_str())));
    }
}
