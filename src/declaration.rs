//! How a rule is declared: the fields of one `checks/<CODE>.yaml`, the rule's single declaration.
//! The crate reads these files as its catalogue (`crate::catalogue`); `build.rs` includes this
//! same file to check every declaration at build time and to generate from them the list of
//! codes (`crate::code::Code`) and the rule registry (`crate::rules::registry::RULES`). So this
//! file may use only `serde` and the standard library.

use serde::{Deserialize, Serialize};

/// A message in both languages of the product.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// The submissions a rule runs for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Every submission: the folder and its documents (SUB, SEL).
    Document,
    /// The co-operation programme only.
    Cooperation,
    /// A licence rule of the co-operation programme that the challenge shares.
    SharedLicence,
    /// The Global Seller Challenge only.
    Challenge,
    /// A rule of an agency's rule pack.
    Pack,
}

impl Scope {
    /// The programme the catalogue names: `document`, `cooperation`, `challenge` or `pack`.
    pub fn programme(self) -> &'static str {
        match self {
            Scope::Document => "document",
            Scope::Cooperation | Scope::SharedLicence => "cooperation",
            Scope::Challenge => "challenge",
            Scope::Pack => "pack",
        }
    }
}

/// The families of built-in codes, in the order the checklist lists them.
pub const FAMILIES: &[&str] = &[
    "SUB", "SEL", "STO", "LIC", "CUS", "RET", "SLA", "FUL", "CMP", "CHL",
];

/// What raises a rule's findings when it is not a check function of `src/rules/`.
/// `retired` marks a rule that runs no more (its `retired:` says what became of it).
pub const RAISED_BY: &[&str] = &["loader", "policy", "configuration", "retired"];

/// One rule: its code and severity, whom it applies to and what checks it, and its
/// documentation in both languages.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub code: String,
    pub severity: Severity,
    pub scope: Scope,
    /// What raises its findings: `loader`, `policy` or `configuration` (see [`RAISED_BY`]), or
    /// the path below `src/rules/` of the check function that the run calls
    /// (`cus::consignor::consignor_name_matches_licence`). Empty for a rule pack's rules.
    #[serde(default)]
    pub check: String,
    /// For a rule that reads the as-of date: the path below `src/rules/` of the function that
    /// gives the dates on which its verdict may change (the forecast's change points), or
    /// `daily` for a rule that states none. Absent: the verdict does not move with the date.
    #[serde(default)]
    pub dates: Option<String>,
    /// Whether its findings can carry a safe automatic fix.
    #[serde(default)]
    pub fixable: bool,
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
    /// A retired rule: what became of it (`folded into CHL002 …`). Its code stays taken (codes
    /// are never reused) and `selfcheck explain` shows it, but it runs nowhere and is not listed.
    #[serde(default)]
    pub retired: Option<Text>,
}

impl Entry {
    /// The programme the entry belongs to (see [`Scope::programme`]).
    pub fn programme(&self) -> &'static str {
        self.scope.programme()
    }
}
