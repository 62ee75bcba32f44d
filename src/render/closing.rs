//! The closing lines of human output: how many problems in how many submissions, what was not
//! checked, how many submissions fail, the configurations applied, the as-of date and the next
//! break.

use super::words;
use crate::finding::{Lang, Severity};
use crate::report::Counts;
use crate::run::SubmissionReport;
use crate::source::display_path;
use crate::untrusted;

/// What the closing lines of human output say about a run.
#[derive(Clone, Debug, Default)]
pub struct Closing {
    pub counts: Counts,
    pub submissions: usize,
    /// Submissions that fail the gate (their verdicts).
    pub failed: usize,
    /// `--fail-on`: what makes a submission fail (`None`: nothing).
    pub fail_on: Option<Severity>,
    /// Findings that inline comments suppressed.
    pub suppressed: usize,
    /// Findings an inline comment names that count because suppressions are not honoured.
    pub not_honoured: usize,
    /// Each configuration applied (`None`: the defaults) and how many submissions it applied to,
    /// in the order first met.
    pub configs: Vec<(Option<String>, usize)>,
    /// The earliest first break of the forecast across the run among the submissions that pass,
    /// and its submission's path (the first such submission in the run's order).
    pub next_break: Option<(crate::model::Date, String)>,
    /// The submissions' as-of dates and where they came from.
    pub as_of: super::AsOfSeen,
    /// The first [`NOT_CHECKED_SHOWN`] documents that could not be read, as shown, and how many
    /// more: their other problems are not known, so "Found 1 problem" is not all there is.
    pub not_checked: Vec<String>,
    pub not_checked_more: usize,
}

impl Closing {
    /// Takes in `sub`'s first break, if the run forecast it and it comes before the others. A
    /// submission that fails now (its verdict) does not break next: it is broken.
    pub fn see_outlook(&mut self, sub: &SubmissionReport) {
        let Some(on) = sub
            .outlook
            .and_then(|o| o.first_break)
            .filter(|_| sub.verdict.passes())
        else {
            return;
        };
        if self.next_break.as_ref().is_none_or(|(next, _)| on < *next) {
            self.next_break = Some((on, sub.path.clone()));
        }
    }

    /// Takes in the documents of `sub` that could not be read.
    pub fn see_unreadable(&mut self, sub: &SubmissionReport) {
        for name in &sub.loaded.unreadable {
            if self.not_checked.len() < NOT_CHECKED_SHOWN {
                // A seller's folder name is untrusted text.
                let shown = untrusted::path(&display_path(&sub.path, name)).into_owned();
                self.not_checked.push(shown);
            } else {
                self.not_checked_more += 1;
            }
        }
    }
}

/// How many documents that could not be read the closing lines name before "and N more".
const NOT_CHECKED_SHOWN: usize = 5;

/// How many configurations the closing lines name before "and N more".
const CONFIGS_SHOWN: usize = 5;

/// The closing lines: counts, how many findings inline comments suppressed (or named, when not
/// honoured), the documents that could not be read, how many submissions fail, the configuration that applied when not the defaults,
/// and the next break.
pub fn closing(c: &Closing, lang: Lang) -> String {
    let mut line = words::found(c.counts, c.submissions).get(lang).to_owned();
    if c.suppressed > 0 {
        line.push_str(words::suppressed_inline(c.suppressed).get(lang));
    }
    if c.not_honoured > 0 {
        line.push_str(words::not_honoured(c.not_honoured).get(lang));
    }
    let mut lines = vec![line];
    if !c.not_checked.is_empty() {
        let not_checked = words::not_checked(&c.not_checked, c.not_checked_more);
        lines.push(not_checked.get(lang).to_owned());
    }
    if c.submissions > 1 {
        let failing = words::failing(c.failed, c.submissions, c.fail_on);
        lines.push(failing.get(lang).to_owned());
    }
    if let Some(configs) = configs_line(&c.configs) {
        lines.push(configs.get(lang).to_owned());
    }
    if c.submissions > 0 {
        lines.push(words::as_of_line(&c.as_of).get(lang).to_owned());
    }
    if let Some((on, path)) = &c.next_break {
        // A seller's folder name is untrusted text.
        let next = words::next_break(&untrusted::path(path), *on);
        lines.push(next.get(lang).to_owned());
    }
    lines.join("\n")
}

/// `Configuration: agency/.selfcheck.yaml` — nothing when only the defaults applied.
fn configs_line(configs: &[(Option<String>, usize)]) -> Option<crate::finding::Text> {
    if configs.iter().all(|(path, _)| path.is_none()) {
        return None;
    }
    if let [(path, _)] = configs {
        return Some(words::configuration(&words::config_name(path)));
    }
    let mut parts: Vec<_> = configs
        .iter()
        .take(CONFIGS_SHOWN)
        .map(|(path, n)| words::applied_to(&words::config_name(path), *n))
        .collect();
    let more = configs.len().saturating_sub(CONFIGS_SHOWN);
    if more > 0 {
        parts.push(words::and_more(more));
    }
    Some(words::configurations(&parts))
}
