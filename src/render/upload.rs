//! What GitHub code scanning takes of one SARIF upload, and how a run stays within it.
//!
//! Code scanning keeps the 5,000 most severe results of a run ([`LIMIT`]) and drops the rest
//! without a word; it refuses a run over 25,000, and two runs of one tool in one category. So a
//! SARIF run names its category (`automationDetails.id`, [`automation_id`]: one per `--shard`),
//! lists its errors first, and when it holds more than [`LIMIT`] results it says so, on standard
//! error and in the run's `properties`, with the `--shard` count that keeps every run under the
//! limit ([`Tally::over_limit`]).

use super::words;
use crate::finding::{Lang, Text};
use serde_json::{Value, json};

/// The results code scanning keeps of one run.
pub const LIMIT: usize = 5_000;

/// The run's category: `selfcheck/`, or `selfcheck/shard-3-of-8/` for `--shard 3/8`, so that the
/// uploads of a CI matrix do not replace each other.
pub fn automation_id(shard: Option<(usize, usize)>) -> String {
    match shard {
        Some((k, n)) => format!("selfcheck/shard-{k}-of-{n}/"),
        None => "selfcheck/".to_owned(),
    }
}

/// The results of each submission of a run, in the run's order.
#[derive(Debug, Default)]
pub struct Tally {
    results: Vec<usize>,
}

/// A run over [`LIMIT`]: how many results it holds and the `--shard` count that keeps every run
/// of its submissions at most [`LIMIT`] (`None`: a single submission holds more).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OverLimit {
    pub results: usize,
    pub shards: Option<usize>,
    /// `--shard K/N` of this run.
    pub shard: Option<(usize, usize)>,
}

impl Tally {
    /// Counts the results of the run's next submission.
    pub fn add(&mut self, results: usize) {
        self.results.push(results);
    }

    /// The run's results when they are more than [`LIMIT`], and the shards that keep each run
    /// under it. `--shard K/N` deals the sorted submissions round robin, so the submissions of
    /// shard K of N (the i-th of them at position K-1+i·N) fall, under `--shard K'/(N·m)`, into
    /// the m shards told apart by i mod m: the smallest such m that keeps each of them at most
    /// [`LIMIT`] is exact for these submissions (for all of them without `--shard`).
    pub fn over_limit(&self, shard: Option<(usize, usize)>) -> Option<OverLimit> {
        let results: usize = self.results.iter().sum();
        if results <= LIMIT {
            return None;
        }
        let n = shard.map_or(1, |(_, n)| n);
        let fits = |m: usize| {
            let mut each = vec![0; m];
            for (i, r) in self.results.iter().enumerate() {
                each[i % m] += r;
            }
            each.iter().all(|&r| r <= LIMIT)
        };
        let shards = if self.results.iter().any(|&r| r > LIMIT) {
            None
        } else {
            (results.div_ceil(LIMIT).max(2)..=self.results.len())
                .find(|&m| fits(m))
                .map(|m| m * n)
        };
        Some(OverLimit {
            results,
            shards,
            shard,
        })
    }
}

impl OverLimit {
    /// What is said of it, on standard error and in the run's `properties`.
    pub fn message(&self) -> Text {
        words::over_scanning_limit(self.results, LIMIT, self.shards, self.shard)
    }

    /// The run's `properties`.
    pub fn properties(&self, lang: Lang) -> Value {
        json!({
            "results": self.results,
            "codeScanningLimit": LIMIT,
            "shards": self.shards,
            "message": self.message().get(lang),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(results: &[usize]) -> Tally {
        let mut t = Tally::default();
        for r in results {
            t.add(*r);
        }
        t
    }

    #[test]
    fn a_run_within_the_limit_says_nothing() {
        assert_eq!(tally(&[2_500, 2_500]).over_limit(None), None);
        assert_eq!(tally(&[]).over_limit(Some((1, 4))), None);
    }

    #[test]
    fn the_shards_named_keep_every_run_under_the_limit() {
        let over = |r: &[usize], shard| tally(r).over_limit(shard).unwrap().shards;
        assert_eq!(over(&[3_000, 3_000], None), Some(2));
        // Round robin: 4,000 and 1,000 in one slice of two is 5,000, within the limit.
        assert_eq!(over(&[4_000, 4_000, 1_000, 1], None), Some(2));
        // [4,000 + 1,500] over two slices is too much; three hold 4,001, 4,000 and 1,500.
        assert_eq!(over(&[4_000, 4_000, 1_500, 1], None), Some(3));
        // Shard 3 of 8 splits into shards of 16, 24, …: these two need 16.
        assert_eq!(over(&[3_000, 3_000], Some((3, 8))), Some(16));
        assert_eq!(over(&[5_001], None), None);
        assert_eq!(tally(&[5_001]).over_limit(None).unwrap().results, 5_001);
    }

    #[test]
    fn each_shard_has_its_own_category() {
        assert_eq!(automation_id(None), "selfcheck/");
        assert_eq!(automation_id(Some((3, 8))), "selfcheck/shard-3-of-8/");
    }
}
