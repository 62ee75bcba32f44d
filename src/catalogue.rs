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
static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();

/// The built-in entries (the embedded `checks/`), whatever packs are installed.
pub fn builtin() -> &'static BTreeMap<String, Entry> {
    static BUILTIN: OnceLock<BTreeMap<String, Entry>> = OnceLock::new();
    BUILTIN.get_or_init(|| {
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
        entries
    })
}

/// The catalogue of this run: the built-in rules and the rule packs installed with
/// [`install_packs`].
pub fn catalogue() -> &'static Catalogue {
    CATALOGUE.get_or_init(|| Catalogue {
        entries: builtin().clone(),
    })
}

/// Adds rule-pack entries to the catalogue. Only before the catalogue is first used (the command
/// line loads packs first); `false` when it was too late.
pub fn install_packs(packs: Vec<Entry>) -> bool {
    let mut entries = builtin().clone();
    entries.extend(packs.into_iter().map(|e| (e.code.clone(), e)));
    CATALOGUE.set(Catalogue { entries }).is_ok()
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
