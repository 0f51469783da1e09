//! `keyed_enum!`: closed lists of choices (roles, phases, priorities …) with a stored key, a
//! German label, `ALL`, and parsing that names the allowed keys when it fails. The UI gets the
//! keys and labels from here, generated into `ui/src/lib/enums.ts` (see `src/bindings.rs`).

/// Declares an enum whose variants have a stored key (also its serde name) and a German label.
/// `field` is the input field named by a parse error, `unknown` its German start, e.g.
/// "Unbekannte Rolle".
macro_rules! keyed_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident (field = $field:literal, unknown = $unknown:literal) {
            $($(#[$vmeta:meta])* $variant:ident = ($key:literal, $label:literal)),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[derive(serde::Serialize, serde::Deserialize)]
        #[cfg_attr(test, derive(ts_rs::TS))]
        $vis enum $name {
            $($(#[$vmeta])* #[serde(rename = $key)] $variant),+
        }

        impl $name {
            /// Every choice, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and command-line key.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            /// The German label.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.key())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::Error;
            fn from_str(s: &str) -> $crate::Result<$name> {
                $name::ALL.iter().copied().find(|v| v.key() == s.trim()).ok_or_else(|| {
                    $crate::Error::validation(
                        $field,
                        format!(
                            "{} {}; erlaubt sind: {}.",
                            $unknown,
                            $crate::text::quote_for_message(s),
                            $name::ALL.iter().map(|v| v.key()).collect::<Vec<_>>().join(", ")
                        ),
                    )
                })
            }
        }
    };
}

pub(crate) use keyed_enum;

#[cfg(test)]
mod tests {
    keyed_enum! {
        enum Colour (field = "colour", unknown = "Unbekannte Farbe") {
            DarkRed = ("dark_red", "Dunkelrot"),
            Blue = ("blau", "Blau"),
        }
    }

    #[test]
    fn key_label_serde_and_parse_agree() {
        assert_eq!(Colour::DarkRed.key(), "dark_red");
        assert_eq!(Colour::Blue.label(), "Blau");
        assert_eq!(serde_json::to_string(&Colour::Blue).unwrap(), "\"blau\"");
        assert_eq!(" blau ".parse::<Colour>().unwrap(), Colour::Blue);
        let err = "grün".parse::<Colour>().unwrap_err();
        assert_eq!(err.field(), Some("colour"));
        assert_eq!(err.to_string(), "Unbekannte Farbe „grün“; erlaubt sind: dark_red, blau.");
    }
}
