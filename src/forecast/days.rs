//! The dates a forecast lints: its as-of date, the last day of the horizon, each change point
//! and the day before it, and every day of a stretch that changed without one; each date
//! linted once, and the same findings of the date rules judged once.

use super::{CodeSet, Counted, Days, Method, change_points, daily_rules, is_dated, key};
use crate::finding::Finding;
use crate::model::Date;
use crate::policy::Policy;
use crate::report::{ChangePoint, Horizon, Reasons};
use crate::run::Linter;
use std::collections::BTreeSet;
use std::rc::Rc;

/// The dates a forecast linted, each with the findings that count on it.
pub(super) struct Linted {
    pub(super) days: Days,
    pub(super) points: Vec<ChangePoint>,
    pub(super) unstated: usize,
    pub(super) as_of: Date,
    pub(super) end: Date,
}

impl Linted {
    /// Each date on which findings that count appear that neither the day before nor the as-of
    /// date has, with those findings, by date.
    pub(super) fn breaks(&self) -> impl Iterator<Item = (Date, Vec<&Finding>)> + '_ {
        self.days.keys().skip(1).filter_map(move |on| {
            let gained = gained(&self.days, self.as_of, *on);
            (!gained.is_empty()).then_some((*on, gained))
        })
    }
}

/// The findings that count on `on` that neither the day before nor the as-of date has (none
/// when the day before was not linted).
fn gained(days: &Days, as_of: Date, on: Date) -> Vec<&Finding> {
    let base = days.get(&as_of).map(|d| &d.0);
    let (Some(before), Some(linted)) = (days.get(&on.add_days(-1)), days.get(&on)) else {
        return Vec::new();
    };
    let (before, findings) = (&before.0, &linted.1);
    findings
        .iter()
        .filter(|f| {
            let key = key(f);
            !before.contains(&key) && !base.is_some_and(|b| b.contains(&key))
        })
        .collect()
}

/// Lints the submission on its as-of date, the last day of the horizon and each change point
/// and the day before it (every day with [`Method::EveryDay`], or for a rule that states none);
/// then every day of a stretch that changed without a change point. With `first_only` (what
/// `lint` asks), in date order up to the first break. `on_as_of`: the date rules' findings on
/// the as-of date and all of them judged, when the caller has them.
pub(super) fn lint_days(
    linter: &Linter,
    horizon: Horizon,
    method: Method,
    fixed: &[Finding],
    on_as_of: Option<(&[Finding], &[Finding])>,
    first_only: bool,
) -> Linted {
    let sub = &linter.sub;
    let as_of = linter.as_of;
    let options = linter.options();
    let end = as_of.add_days(horizon.days.max(0));
    let mut lints = DayLints::new(linter, fixed, on_as_of);
    // `lint` (`first_only`) needs the change points' dates only.
    let reasons = if first_only {
        Reasons::Left
    } else {
        Reasons::Written
    };
    let points = change_points(sub, options, reasons);
    let every_day = method == Method::EveryDay || daily_rules(sub.program, options);
    let unstated = if options.fail_on.0.is_none() {
        // Nothing breaks at `--fail-on never`.
        0
    } else if every_day {
        lints.every_day(end, first_only);
        0
    } else if first_only {
        lints.up_to_the_first_break(end, &points)
    } else {
        lints.every_point(end, &points)
    };
    Linted {
        days: lints.days,
        points,
        unstated,
        as_of,
        end,
    }
}

/// One submission linted on the dates asked, each once, and what counts on each.
struct DayLints<'l> {
    linter: &'l Linter<'l>,
    as_of: Date,
    policy: Policy<'l>,
    /// The findings of the rules that do not read the date, the same on every date.
    fixed: &'l [Finding],
    /// Asked of every rule on every date linted: the few dated codes, looked up once.
    dated: CodeSet<'l>,
    /// The date rules' findings seen so far, each with what counts once judged: most dates give
    /// the same findings as another, and judging (the policy, inline suppressions) costs more
    /// than checking the few date rules again. The same findings are judged the same.
    seen: Vec<(Vec<Finding>, Rc<Counted>)>,
    days: Days,
}

impl<'l> DayLints<'l> {
    /// Nothing linted yet but the as-of date when `on_as_of` holds its findings (the date rules'
    /// and all of them judged).
    fn new(
        linter: &'l Linter<'l>,
        fixed: &'l [Finding],
        on_as_of: Option<(&[Finding], &[Finding])>,
    ) -> DayLints<'l> {
        let options = linter.options();
        let dated = CodeSet::new(
            options
                .catalogue
                .entries
                .keys()
                .map(|code| code.as_str())
                .filter(|code| is_dated(code, options)),
        );
        let mut lints = DayLints {
            linter,
            as_of: linter.as_of,
            policy: linter.policy(),
            fixed,
            dated,
            seen: Vec::new(),
            days: Days::new(),
        };
        if let Some((raw, judged)) = on_as_of {
            let counts = judged.iter().filter(|f| lints.policy.fails(f));
            let counted = keep(counts.cloned().collect());
            lints.seen.push((raw.to_vec(), counted.clone()));
            lints.days.insert(lints.as_of, counted);
        }
        lints
    }

    /// Lints the submission on `on`, unless it was already.
    fn lint(&mut self, on: Date) {
        if self.days.contains_key(&on) {
            return;
        }
        let raw = self.linter.check(on, &|code| self.dated.contains(code));
        if let Some((_, counted)) = self.seen.iter().find(|(r, _)| *r == raw) {
            self.days.insert(on, counted.clone());
            return;
        }
        let mut checked = self.fixed.to_vec();
        checked.extend(raw.iter().cloned());
        let mut judged = self.linter.judge(checked);
        judged.retain(|f| self.policy.fails(f));
        let counted = keep(judged);
        self.seen.push((raw, counted.clone()));
        self.days.insert(on, counted);
    }

    /// Whether findings that count appear on `on` that neither the day before nor the as-of date
    /// has.
    fn breaks_on(&self, on: Date) -> bool {
        !gained(&self.days, self.as_of, on).is_empty()
    }

    /// Whether what counts differs between two dates linted.
    fn differ(&self, a: Date, b: Date) -> bool {
        self.days[&a].0 != self.days[&b].0
    }

    /// Every day of the horizon; with `first_only`, up to the first break.
    fn every_day(&mut self, end: Date, first_only: bool) {
        let mut on = self.as_of;
        while on <= end {
            self.lint(on);
            if first_only && on > self.as_of && self.breaks_on(on) {
                break;
            }
            on = on.add_days(1);
        }
    }

    /// The change points in order, up to the first break; how many stretches changed without
    /// one. The day before a point is linted only when what counts changes at the point:
    /// otherwise nothing changed since the date linted last, each rule stating the dates on
    /// which its verdict may change (the tests hold this equal to a lint of every day).
    fn up_to_the_first_break(&mut self, end: Date, points: &[ChangePoint]) -> usize {
        let as_of = self.as_of;
        self.lint(as_of);
        let stated: BTreeSet<Date> = points
            .iter()
            .map(|p| p.on)
            .filter(|on| *on > as_of && *on <= end)
            .collect();
        let mut dates = stated.clone();
        dates.insert(end);
        let mut unstated = 0;
        let mut before = as_of;
        'dates: for point in dates {
            self.lint(point);
            let day_before = point.add_days(-1);
            let mut visit = vec![point];
            if stated.contains(&point) && day_before > before && self.differ(before, point) {
                self.lint(day_before);
                visit.insert(0, day_before);
            }
            for b in visit {
                if before.add_days(1) < b && self.differ(before, b) {
                    unstated += 1;
                    let mut on = before.add_days(1);
                    while on < b {
                        self.lint(on);
                        if self.breaks_on(on) {
                            break 'dates;
                        }
                        on = on.add_days(1);
                    }
                }
                if self.breaks_on(b) {
                    break 'dates;
                }
                before = b;
            }
        }
        unstated
    }

    /// The as-of date, the last day, each change point and the day before it; then every day of
    /// a stretch between two of them that changed, since between two linted dates with no
    /// change point nothing may change. How many stretches did.
    fn every_point(&mut self, end: Date, points: &[ChangePoint]) -> usize {
        let as_of = self.as_of;
        self.lint(as_of);
        self.lint(end);
        for point in points {
            if point.on > as_of && point.on <= end {
                self.lint(point.on);
                self.lint(point.on.add_days(-1));
            }
        }
        let mut unstated = 0;
        let linted: Vec<Date> = self.days.keys().copied().collect();
        for pair in linted.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if a.add_days(1) < b && self.differ(a, b) {
                unstated += 1;
                let mut on = a.add_days(1);
                while on < b {
                    self.lint(on);
                    on = on.add_days(1);
                }
            }
        }
        unstated
    }
}

/// What counts on a date (the findings that fail the gate) with their keys, shared by the dates
/// that give the same findings, not copied.
fn keep(counted: Vec<Finding>) -> Rc<Counted> {
    let keys = counted.iter().map(key).collect();
    Rc::new((keys, counted))
}
