//! The checklist as data: one YAML file per rule under `checks/`, embedded at build time.

use crate::finding::{Severity, Text};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/check_files.rs"));

/// One rule's documentation.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub code: String,
    pub severity: Severity,
    /// `document` for SUB rules, else the programme the rule belongs to.
    pub programme: String,
    pub title: Text,
    /// What the rule checks.
    pub checks: Text,
    pub why: Text,
    /// A snippet that fires the rule.
    pub example: String,
    pub how_to_fix: Text,
    /// The programme's published figure behind the rule, if any.
    #[serde(default)]
    pub figure: Option<Text>,
    /// Whether findings carry a safe automatic fix.
    #[serde(default)]
    pub fixable: bool,
}

pub struct Catalogue {
    pub entries: BTreeMap<String, Entry>,
}

impl Catalogue {
    pub fn get(&self, code: &str) -> Option<&Entry> {
        self.entries.get(code)
    }
}

/// The embedded catalogue. Its files are checked by the test suite, so a malformed entry is a
/// build-time mistake, never a seller's problem.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let mut entries = BTreeMap::new();
        for (name, text) in CHECK_FILES {
            if *name == "markets.yaml" {
                continue;
            }
            match serde_saphyr::from_str::<Entry>(text) {
                Ok(entry) => {
                    entries.insert(entry.code.clone(), entry);
                }
                Err(e) => panic!("checks/{name} is not a valid catalogue entry: {e}"),
            }
        }
        Catalogue { entries }
    })
}

pub fn default_severity(code: &str) -> Severity {
    catalogue()
        .get(code)
        .map_or(Severity::Error, |entry| entry.severity)
}

pub fn embedded(name: &str) -> Option<&'static str> {
    CHECK_FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
}
