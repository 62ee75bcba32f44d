//! What the overview says, counted as submissions go by: pass and fail, codes, markets,
//! configurations, the next breaks.

use super::*;
use crate::model::Date;
use crate::run::SubmissionReport;
use std::collections::{BTreeMap, BTreeSet};

/// What the overview says, counted as submissions go by.
#[derive(Default)]
pub(super) struct Tally {
    pub(super) submissions: usize,
    pub(super) failing: usize,
    pub(super) suppressed: usize,
    /// The earliest and latest as-of dates of the submissions.
    pub(super) as_of: crate::render::AsOfSeen,
    pub(super) configs: Vec<(Option<String>, usize)>,
    pub(super) other_configs: usize,
    pub(super) programmes: BTreeMap<&'static str, usize>,
    pub(super) codes: BTreeMap<String, CodeTally>,
    pub(super) markets: BTreeMap<String, MarketTally>,
    pub(super) other_markets: MarketTally,
    pub(super) no_market: MarketTally,
    /// Every code a finding of the run has, suppressed ones too: their rules are explained.
    pub(super) explained: BTreeSet<String>,
    /// The submissions that break first (the forecast's first break, `lint` asks for it): up
    /// to [`NEXT_BREAKS`], earliest first, each with its path and its place on the page.
    pub(super) next_breaks: Vec<(Date, String, usize)>,
    /// Whether the run forecast any submission.
    pub(super) forecast: bool,
}

#[derive(Default)]
pub(super) struct CodeTally {
    /// Counted findings (the summary of a flood counts as the findings it stands for).
    pub(super) findings: usize,
    /// Submissions with a counted finding of the code, and those of them that fail.
    pub(super) submissions: usize,
    pub(super) failing: usize,
    pub(super) severity: Option<Severity>,
}

#[derive(Clone, Copy, Default)]
pub(super) struct MarketTally {
    pub(super) submissions: usize,
    pub(super) failing: usize,
}

impl MarketTally {
    pub(super) fn add(&mut self, fails: bool) {
        self.submissions += 1;
        self.failing += usize::from(fails);
    }
}

impl Tally {
    pub(super) fn add(&mut self, sub: &SubmissionReport, fails: bool) {
        self.submissions += 1;
        self.failing += usize::from(fails);
        self.as_of.add(sub.as_of, sub.as_of_source);
        let room = self.configs.len() < MAX_CONFIGS;
        match self.configs.iter_mut().find(|(c, _)| *c == sub.config) {
            Some((_, n)) => *n += 1,
            None if room => self.configs.push((sub.config.clone(), 1)),
            None => self.other_configs += 1,
        }
        *self
            .programmes
            .entry(sub.loaded.program.as_str())
            .or_default() += 1;
        let mut seen = BTreeSet::new();
        for f in &sub.findings {
            self.explained.insert(f.code.to_string());
            if f.suppression.is_some() {
                self.suppressed += 1;
                continue;
            }
            let code = self.codes.entry(f.code.to_string()).or_default();
            code.findings += f.counts_as();
            code.severity = code.severity.max(Some(f.severity));
            if seen.insert(f.code.as_str()) {
                code.submissions += 1;
                code.failing += usize::from(fails);
            }
        }
        if let Some(outlook) = sub.outlook {
            self.forecast = true;
            // A submission that fails now is not "next to break": it is broken.
            if let Some(on) = outlook.first_break.filter(|_| !fails) {
                // Kept sorted and short: memory does not grow with the run.
                let at = self.next_breaks.partition_point(|(d, _, _)| *d <= on);
                if at < NEXT_BREAKS {
                    self.next_breaks
                        .insert(at, (on, sub.path.clone(), self.submissions));
                    self.next_breaks.truncate(NEXT_BREAKS);
                }
            }
        }
        let markets = market_codes(sub);
        if markets.is_empty() {
            self.no_market.add(fails);
        }
        // The programmes' markets one by one; whatever else a seller wrote, counted together,
        // once a submission: one seller's junk cannot push the others' markets out.
        let mut other = false;
        for market in markets {
            if crate::markets::builtin().get(&market).is_some() {
                self.markets.entry(market).or_default().add(fails);
            } else {
                other = true;
            }
        }
        if other {
            self.other_markets.add(fails);
        }
    }
}
