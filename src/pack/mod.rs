//! Rule packs: an agency's own checks as YAML files, one rule per file, with the same
//! diagnostics as built-in rules.
//!
//! ```yaml
//! code: AGY002                 # 2-4 capital letters + 3 digits; not a built-in code
//! severity: error              # error | warning | info
//! title: {en: "carrier not on the agency's list", zh: "承运商不在代理商名单内"}
//! help:  {en: "use Correos, Jadlog or SPL", zh: "使用 Correos、Jadlog 或 SPL"}
//! given: fulfillment.yaml#/markets/*/carrier      # document + path; * = every item / value
//! then: {enum: [Correos, Jadlog, SPL]}
//! ```
//! A pack that cannot be used — bad YAML, an unknown function, an invalid pattern, a duplicate
//! or built-in code, a `given` naming an unknown document or field — is an error at load time
//! that points into the pack file.
//!
//! A pack rule is read from its file in [`read`], its `given` checked against the document's
//! schema in [`given`]; [`judge`] runs the rules over a submission, and [`entry`] shows one in
//! the catalogue.

mod entry;
mod given;
mod judge;
mod read;

pub use entry::entry;
pub use judge::run;

use crate::finding::{Severity, Text};
use crate::model::text_enum;
use read::load_file;
use regex::Regex;
use std::path::PathBuf;
use std::sync::Arc;

// A pack rule's `severity`, as written.
text_enum!(PackSeverity { Error => ["error"], Warning => ["warning"], Info => ["info"] });

/// One function of a rule's `then`.
#[derive(Debug, Clone)]
pub enum Check {
    Required,
    Pattern(Regex),
    NotPattern(Regex),
    OneOf(Vec<String>),
    Min(f64),
    Max(f64),
    MinLength(u64),
    MaxLength(u64),
    MinDaysAfterAsOf(i64),
    MaxDaysBeforeAsOf(i64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    /// `*`: every list item or mapping value.
    Any,
}

/// A loaded pack rule.
#[derive(Debug)]
pub struct PackRule {
    pub code: Arc<str>,
    pub severity: Severity,
    pub title: Text,
    pub help: Option<Text>,
    pub document: String,
    pub path: Vec<Segment>,
    pub given: String,
    pub checks: Vec<Check>,
    pub source: PathBuf,
    pub text: String,
}

/// A pack that cannot be used: where and what, shown like a configuration mistake (the same
/// type), with the pack file's line and a caret at the mistake.
pub type PackError = crate::mistake::ConfigError;

/// The documents a pack rule can name.
pub use crate::model::DOCUMENTS;

/// Loads every `*.yaml` file of the pack folders, in name order. `taken` are codes already in
/// use (the built-in ones and those of packs loaded before).
pub fn load_dirs(
    dirs: &[PathBuf],
    taken: &mut Vec<String>,
) -> Result<Vec<Arc<PackRule>>, PackError> {
    let mut rules = Vec::new();
    for dir in dirs {
        let fail = |message: Text| PackError::new(dir, message);
        let entries = std::fs::read_dir(dir).map_err(|e| {
            let crate::finding::Text { en, zh } = crate::finding::io_reason(&e);
            fail(text!(
                "cannot read the rule pack folder: {en}",
                "无法读取规则包文件夹：{zh}"
            ))
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(fail(text!(
                "holds no rule (`*.yaml` files)",
                "其中没有规则（`*.yaml` 文件）"
            )));
        }
        for file in files {
            let rule = load_file(&file, taken)?;
            taken.push(rule.code.to_string());
            rules.push(Arc::new(rule));
        }
    }
    Ok(rules)
}
