//! What fails a submission on its as-of date, for the forecast: a submission that fails today is
//! never called valid. Each finding that fails it now comes with the first date within the
//! horizon on which it no longer does, where a date moves (a licence that comes of age, a
//! declaration dated ahead); most never stop by themselves.

use super::{Days, key};
use crate::finding::Finding;
use crate::model::Date;

/// A finding that fails the submission on its as-of date.
#[derive(Clone, Debug)]
pub struct Now<F = Finding> {
    pub finding: F,
    /// The first date within the horizon on which it no longer counts, if any.
    pub stops_on: Option<Date>,
}

impl<F> Now<F> {
    /// The same, with the finding held as `show` makes it.
    pub fn map<G>(self, show: &mut impl FnMut(F) -> G) -> Now<G> {
        Now {
            finding: show(self.finding),
            stops_on: self.stops_on,
        }
    }
}

/// The findings that count on `as_of` among the linted `days`, in the run's order, each with the
/// first later linted date that does not have it. Between two linted dates nothing changes (the
/// forecast lints every day of a stretch that changed without a stated change point), so that
/// date is the day it stops.
pub(super) fn failing_now(days: &Days, as_of: Date) -> Vec<Now> {
    let Some(today) = days.get(&as_of) else {
        return Vec::new();
    };
    today
        .1
        .iter()
        .map(|f| {
            let k = key(f);
            let stops_on = days
                .range(as_of.add_days(1)..)
                .find(|(_, day)| !day.0.contains(&k))
                .map(|(on, _)| *on);
            Now {
                finding: f.clone(),
                stops_on,
            }
        })
        .collect()
}
