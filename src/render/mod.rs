//! Renderers: findings in, text out. Nothing here decides what is wrong.

pub mod catalogue;
pub mod human;
pub mod json;

use crate::catalogue::catalogue as rule_catalogue;
use crate::finding::{Finding, Lang, Text};

/// The catalogue title of a finding's rule.
pub fn title(f: &Finding, lang: Lang) -> String {
    rule_catalogue()
        .get(f.code)
        .map_or_else(|| f.code.to_owned(), |e| e.title.get(lang).to_owned())
}

/// The finding's own help, else the rule's general "how to fix".
pub fn help(f: &Finding) -> Option<Text> {
    f.help
        .clone()
        .or_else(|| rule_catalogue().get(f.code).map(|e| e.how_to_fix.clone()))
}

/// The programme's figure behind the rule, if it published one.
pub fn note(f: &Finding) -> Option<Text> {
    rule_catalogue().get(f.code).and_then(|e| e.figure.clone())
}

/// The submission-relative path joined to the submission folder, for display.
pub fn display_path(submission: &str, rel: &str) -> String {
    if submission == "." || submission.is_empty() {
        rel.to_owned()
    } else {
        format!("{}/{rel}", submission.trim_end_matches('/'))
    }
}
