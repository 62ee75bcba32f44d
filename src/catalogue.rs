//! The checklist as data: one YAML file per rule under `checks/` (its declaration,
//! [`crate::declaration::Entry`]), embedded and checked at build time. A run's [`Catalogue`] is a
//! value: the built-in entries plus the entries of the run's rule packs.

use crate::finding::{Finding, Lang, Severity, Text};
use std::collections::BTreeMap;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/check_files.rs"));

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
                .filter_map(|(_, text)| serde_saphyr::from_str::<Entry>(text).ok())
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

#[cfg(test)]
mod tests {
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
