//! The two kinds of workspace one installation serves: a municipality's (Kommune, also a
//! Gemeindeverband or Kreis) and the Land's OZG coordination. A database belongs to one kind,
//! written into its file header (`PRAGMA application_id`), so a file of the other kind is
//! recognised before anything is read or written.

crate::keyed::keyed_enum! {
    /// Who works in a database.
    pub enum WorkspaceKind (field = "kind", unknown = "Unbekannter Arbeitsbereich") {
        Kommune = ("kommune", "Kommune"),
        Land = ("land", "Land (OZG-Koordination)"),
    }
}

impl WorkspaceKind {
    /// The file header's `application_id`: "ANBC" for a municipality, "ANBL" for a Land.
    pub const fn application_id(self) -> i32 {
        match self {
            WorkspaceKind::Kommune => 0x414E_4243,
            WorkspaceKind::Land => 0x414E_424C,
        }
    }

    /// The other kind.
    pub const fn other(self) -> WorkspaceKind {
        match self {
            WorkspaceKind::Kommune => WorkspaceKind::Land,
            WorkspaceKind::Land => WorkspaceKind::Kommune,
        }
    }

    /// The kind whose databases carry `application_id`, if any.
    pub fn of_application_id(application_id: i32) -> Option<WorkspaceKind> {
        WorkspaceKind::ALL.iter().copied().find(|k| k.application_id() == application_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_its_own_file_header() {
        assert_eq!(WorkspaceKind::Kommune.application_id().to_be_bytes(), *b"ANBC");
        assert_eq!(WorkspaceKind::Land.application_id().to_be_bytes(), *b"ANBL");
        for kind in WorkspaceKind::ALL {
            assert_eq!(WorkspaceKind::of_application_id(kind.application_id()), Some(*kind));
        }
        assert_eq!(WorkspaceKind::of_application_id(0), None);
        assert_eq!(WorkspaceKind::Land.label(), "Land (OZG-Koordination)");
    }
}
