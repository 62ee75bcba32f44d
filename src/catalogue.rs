//! The checklist as data: one YAML file per rule under `checks/` (its declaration,
//! [`crate::declaration::Entry`]), embedded and checked at build time. A run's [`Catalogue`] is a
//! value: the built-in entries plus the entries of the run's rule packs.

use crate::finding::{Finding, Lang, Severity, Text};
use std::collections::BTreeMap;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/check_files.rs"));
include!(concat!(env!("OUT_DIR"), "/check_json.rs"));

pub use crate::declaration::Entry;

/// The rules a run knows: code → documentation.
#[derive(Clone, Debug)]
pub struct Catalogue {
    /// The rules in force.
    pub entries: BTreeMap<String, Entry>,
    /// The retired built-in rules, by code.
    pub retired: BTreeMap<String, Entry>,
}

impl Catalogue {
    /// The built-in entries (the embedded `checks/`).
    pub fn builtin() -> &'static Catalogue {
        static BUILTIN: OnceLock<Catalogue> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let (retired, entries) = CHECK_FILES
                .iter()
                .filter(|(name, _)| *name != "markets.yaml")
                .filter_map(|(name, text)| read::<Entry>(name, text).ok())
                .map(|entry| (entry.code.clone(), entry))
                .partition(|(_, entry)| entry.retired.is_some());
            Catalogue { entries, retired }
        })
    }

    /// The built-in entries and those of rule packs.
    pub fn with_packs(packs: impl IntoIterator<Item = Entry>) -> Catalogue {
        let builtin = Catalogue::builtin();
        let mut entries = builtin.entries.clone();
        entries.extend(packs.into_iter().map(|e| (e.code.clone(), e)));
        Catalogue {
            entries,
            retired: builtin.retired.clone(),
        }
    }

    /// The rule in force with the code `code`.
    pub fn get(&self, code: &str) -> Option<&Entry> {
        self.entries.get(code)
    }

    /// The retired rule with the code `code`.
    pub fn retired(&self, code: &str) -> Option<&Entry> {
        self.retired.get(code)
    }

    /// What became of the retired rule `code` (`folded into CHL002 …`), when it is one.
    pub fn retirement(&self, code: &str) -> Option<&Text> {
        self.retired(code).and_then(|e| e.retired.as_ref())
    }

    /// The severity of `code`'s findings before the configuration's levels.
    pub fn severity(&self, code: &str) -> Option<Severity> {
        self.get(code).map(|e| e.severity)
    }

    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// The finding's own title, else the catalogue title of its rule.
    pub fn title_of(&self, f: &Finding, lang: Lang) -> String {
        if let Some(title) = &f.title {
            return title.get(lang).to_owned();
        }
        self.get(f.code.as_str())
            .map_or_else(|| f.code.to_string(), |e| e.title.get(lang).to_owned())
    }

    /// The finding's own help, else the rule's general "how to fix".
    pub fn help_of(&self, f: &Finding) -> Option<Text> {
        f.help
            .clone()
            .or_else(|| self.get(f.code.as_str()).map(|e| e.how_to_fix.clone()))
    }

    /// The programme's figure behind the finding's rule, if it published one.
    pub fn note_of(&self, f: &Finding) -> Option<Text> {
        self.get(f.code.as_str()).and_then(|e| e.figure.clone())
    }
}

impl Default for Catalogue {
    fn default() -> Catalogue {
        Catalogue::builtin().clone()
    }
}

/// The address of the rules' documentation, from `[package.metadata.selfcheck] docs_url` in
/// Cargo.toml: `{code}` stands for a code in lower case.
pub const DOCS_URL: &str = env!("SELFCHECK_DOCS_URL");

/// The absolute URL of `code`'s documentation, from `template` (a configuration's `docs_url`)
/// or else [`DOCS_URL`].
pub fn rule_url(code: &str, template: Option<&str>) -> String {
    template
        .unwrap_or(DOCS_URL)
        .replace("{code}", &code.to_ascii_lowercase())
}

pub fn embedded(name: &str) -> Option<&'static str> {
    CHECK_FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
}

/// The embedded file `name` of `checks/`, whose text is `yaml`, read as a `T`: from its JSON
/// form (made when the crate was built, ten times faster to read), else from the YAML itself.
pub fn read<T: serde::de::DeserializeOwned>(name: &str, yaml: &str) -> Result<T, String> {
    let json = CHECK_JSON.iter().find(|(n, _)| *n == name).map(|(_, j)| *j);
    match json.map(serde_json::from_str::<T>) {
        Some(Ok(value)) => Ok(value),
        _ => serde_saphyr::from_str(yaml).map_err(|e| e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::{CHECK_FILES, CHECK_JSON, Entry};

    /// Every embedded file reads the same from its JSON form as from its YAML, and has one.
    #[test]
    fn the_json_of_each_file_reads_as_its_yaml() {
        assert_eq!(CHECK_JSON.len(), CHECK_FILES.len());
        for ((name, yaml), (json_name, json)) in CHECK_FILES.iter().zip(CHECK_JSON) {
            assert_eq!(name, json_name);
            if *name == "markets.yaml" {
                let from_yaml: crate::markets::MarketTable = serde_saphyr::from_str(yaml).unwrap();
                let from_json: crate::markets::MarketTable = serde_json::from_str(json).unwrap();
                assert_eq!(format!("{from_yaml:?}"), format!("{from_json:?}"));
            } else {
                let from_yaml = serde_saphyr::from_str::<Entry>(yaml).map_err(|_| ());
                let from_json = serde_json::from_str::<Entry>(json).map_err(|_| ());
                assert!(from_yaml.is_ok(), "{name}");
                assert_eq!(format!("{from_yaml:?}"), format!("{from_json:?}"), "{name}");
            }
        }
    }

    #[test]
    fn a_rule_url_is_absolute_and_names_the_code() {
        let url = super::rule_url("CUS007", None);
        assert!(
            url.starts_with("https://") && url.ends_with("cus007"),
            "{url}"
        );
        assert_eq!(
            super::rule_url("AGY001", Some("https://docs.example.com/r/{code}.html")),
            "https://docs.example.com/r/agy001.html"
        );
    }
}
