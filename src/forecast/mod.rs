//! `selfcheck forecast`: the first date on which each submission gains a finding at or above
//! `--fail-on` that it does not have on its as-of date, and the breaks after it.
//!
//! Not day-by-day linting: each rule that reads the as-of date states the dates on which its
//! verdict may change (`dates:` in its declaration, [`crate::rules::registry::dated`]; rule packs' date functions below). The
//! forecast lints a submission, loaded once, only on those dates and on the day before each, and
//! checks that nothing changed between them; where something did (a change point a rule failed
//! to state), it lints every day of that stretch, so no stated threshold alone decides a break
//! ([`days`]).
//! `tests/it/forecast.rs` holds the result equal to linting every day of the horizon.
//!
//! `lint` shows the first break of each submission ([`outlook`]: JSON `valid_until`, the HTML
//! overview, the human summary), computed on the submission it has loaded and checked already,
//! visiting the change points in order and stopping at the first break.

mod days;
pub mod deadlines;
pub mod due;
pub mod now;

use days::lint_days;
pub use now::Now;

use crate::code::{Code, RuleCode};
use crate::finding::{Finding, Place, Text};
use crate::load::Submission;
use crate::load::tree::{Kind, Node};
use crate::model::{Date, Program};
use crate::pack;
use crate::report::{ChangePoint, Horizon, Outlook, Reasons};
use crate::rules::registry::{self, Dates};
use crate::run::SubmissionReport;
use crate::run::{Linter, Options};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use std::sync::LazyLock;

/// How many breaks are listed after the first one.
pub const FOLLOWING_BREAKS: usize = 10;

/// How the forecast finds the dates to lint on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// The rules' change points and the day before each (what `selfcheck forecast` does).
    ChangePoints,
    /// Every day of the horizon: the reference the tests hold the change points to.
    EveryDay,
}

/// One submission's forecast. `F` is how a gained finding is held: as the rules found it
/// (`Finding`, whose places point into the submission's files), or as an output shows it.
#[derive(Clone, Debug)]
pub struct Forecast<F = Finding> {
    /// As reports show it.
    pub path: String,
    pub program: Program,
    pub as_of: Date,
    /// The last day of the horizon.
    pub horizon_end: Date,
    /// The configuration applied, relative to the working directory; `None`: the defaults.
    pub config: Option<String>,
    /// What fails the submission on its as-of date, in the run's order (empty: it passes).
    pub now: Vec<Now<F>>,
    /// The first break and up to [`FOLLOWING_BREAKS`] after it, by date.
    pub breaks: Vec<Break<F>>,
    /// The dates to act by: the challenge's deadlines, the co-operation programme's changes to
    /// report and renewals ([`due`]), by date.
    pub deadlines: Vec<deadlines::Deadline>,
    /// How many days were linted; where a stretch changed without a stated change point, every
    /// day of it was (`unstated` counts those stretches).
    pub linted_days: usize,
    pub unstated: usize,
}

impl<F> Forecast<F> {
    /// Whether the submission fails on its as-of date.
    pub fn fails_now(&self) -> bool {
        !self.now.is_empty()
    }

    /// The last day on which the submission holds: the day before its first break; `None` when
    /// it holds through the horizon, and when it fails now.
    pub fn valid_until(&self) -> Option<Date> {
        if self.fails_now() {
            return None;
        }
        self.breaks.first().map(|b| b.date.add_days(-1))
    }

    /// The same forecast with each gained finding held as `show` makes it.
    pub fn map<G>(self, mut show: impl FnMut(F) -> G) -> Forecast<G> {
        Forecast {
            path: self.path,
            program: self.program,
            as_of: self.as_of,
            horizon_end: self.horizon_end,
            config: self.config,
            now: self.now.into_iter().map(|n| n.map(&mut show)).collect(),
            breaks: self
                .breaks
                .into_iter()
                .map(|b| Break {
                    date: b.date,
                    why: b.why,
                    findings: b.findings.into_iter().map(&mut show).collect(),
                })
                .collect(),
            deadlines: self.deadlines,
            linted_days: self.linted_days,
            unstated: self.unstated,
        }
    }
}

/// A date on which the submission gains findings.
#[derive(Clone, Debug)]
pub struct Break<F = Finding> {
    pub date: Date,
    /// The change points of that date: what moves past a threshold.
    pub why: Vec<Text>,
    /// The findings gained, in the run's order.
    pub findings: Vec<F>,
}

/// What makes a finding the same one on two days: its code and place (a message may name the
/// as-of date). The code is held as the finding holds it, not copied into a `String`.
type Key = (KeyCode, Place);

/// A finding's code in a [`Key`]: only equality and some order matter.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum KeyCode {
    Builtin(Code),
    Pack(std::sync::Arc<str>),
}

fn key(f: &Finding) -> Key {
    let code = match &f.code {
        RuleCode::Builtin(code) => KeyCode::Builtin(*code),
        RuleCode::Pack(code) => KeyCode::Pack(code.clone()),
    };
    (code, f.place)
}

/// The findings that count on one day, by key.
type Day = BTreeSet<Key>;

/// The forecast of one loaded submission.
pub fn forecast(linter: &Linter, horizon: Horizon, method: Method) -> Forecast {
    let sub = &linter.sub;
    let as_of = linter.as_of;
    let options = linter.options();
    let fixed = linter.check(as_of, &|code| !is_dated(code, options));
    let linted = lint_days(linter, horizon, method, &fixed, None, false);
    let mut breaks = Vec::new();
    for (on, gained) in linted.breaks() {
        let mut why: Vec<Text> = Vec::new();
        for p in linted.points.iter().filter(|p| p.on == on) {
            if !why.contains(&p.why) {
                why.push(p.why.clone());
            }
        }
        breaks.push(Break {
            date: on,
            why,
            findings: gained.into_iter().cloned().collect(),
        });
        if breaks.len() > FOLLOWING_BREAKS {
            break;
        }
    }
    Forecast {
        path: linter.path.clone(),
        program: sub.program,
        as_of,
        horizon_end: linted.end,
        config: linter.applied.clone(),
        now: now::failing_now(&linted.days, as_of),
        breaks,
        deadlines: {
            let mut all = deadlines::deadlines(sub, as_of);
            all.extend(due::due(sub, as_of, linted.end));
            all.sort_by_key(|d| d.date);
            all
        },
        linted_days: linted.days.len(),
        unstated: linted.unstated,
    }
}

/// `lint`'s report of a submission with its outlook: the first break within `horizon`, found
/// as [`forecast`] finds it. The submission is checked on its as-of date once: the findings of
/// the rules that do not read the date are kept for every date the forecast lints, and those of
/// the date rules and the judged findings are the outlook's first date.
pub fn lint_with_outlook(linter: Linter, horizon: Horizon) -> SubmissionReport {
    let options = linter.options();
    let as_of = linter.as_of;
    let fixed = linter.check(as_of, &|code| !is_dated(code, options));
    let dated = linter.check(as_of, &|code| is_dated(code, options));
    let mut checked = fixed.clone();
    checked.extend(dated.iter().cloned());
    let judged = linter.judge(checked);
    let linted = lint_days(
        &linter,
        horizon,
        Method::ChangePoints,
        &fixed,
        Some((&dated, &judged)),
        true,
    );
    let outlook = Outlook {
        first_break: linted.breaks().next().map(|(on, _)| on),
        horizon_end: linted.end,
    };
    linter.report(judged, Some(outlook))
}

/// The findings that count on each date linted, by date.
type Days = BTreeMap<Date, Rc<Counted>>;

/// What counts on one date: its keys, and the findings.
type Counted = (Day, Vec<Finding>);

/// Whether the rule `code` (built in or of a pack) reads the as-of date: the forecast checks it
/// again on each date it lints, the others once.
pub fn is_dated(code: &str, options: &Options) -> bool {
    // Asked of every rule of every submission: the few dated built-in rules are looked at
    // first, and a code is parsed only when a pack rule that reads the date carries it.
    static DATED: LazyLock<Vec<(Option<u64>, bool)>> = LazyLock::new(|| {
        registry::dated()
            .map(|rule| (short_code(rule.code.as_str()), true))
            .collect()
    });
    let short = short_code(code);
    if short.is_some()
        && let Some((_, dated)) = DATED.iter().find(|(c, _)| *c == short)
    {
        return *dated;
    }
    options
        .packs
        .iter()
        .flat_map(|set| set.rules.iter())
        .any(|rule| &*rule.code == code && pack_reads_as_of(rule))
        && Code::parse(code).is_none()
}

/// A code of at most 7 bytes (every built-in one) as one number: its length, then its bytes.
/// Two codes are equal exactly when their numbers are.
fn short_code(code: &str) -> Option<u64> {
    let bytes = code.as_bytes();
    if bytes.len() > 7 {
        return None;
    }
    let mut word = [0u8; 8];
    word[0] = bytes.len() as u8;
    word[1..=bytes.len()].copy_from_slice(bytes);
    Some(u64::from_le_bytes(word))
}

/// A few codes, asked of every rule on every date linted: the short ones compared as numbers,
/// after a one-word filter (`mask`: a bit for each, [`mask_bit`]) that passes over most others.
struct CodeSet<'a> {
    mask: u64,
    short: Vec<u64>,
    long: Vec<&'a str>,
}

/// The bit of a short code in [`CodeSet`]'s filter.
fn mask_bit(word: u64) -> u64 {
    1 << (word.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 58)
}

impl<'a> CodeSet<'a> {
    fn new(codes: impl Iterator<Item = &'a str>) -> CodeSet<'a> {
        let (mut mask, mut short, mut long) = (0, Vec::new(), Vec::new());
        for code in codes {
            match short_code(code) {
                Some(word) => {
                    mask |= mask_bit(word);
                    short.push(word);
                }
                None => long.push(code),
            }
        }
        CodeSet { mask, short, long }
    }

    fn contains(&self, code: &str) -> bool {
        match short_code(code) {
            Some(word) => self.mask & mask_bit(word) != 0 && self.short.contains(&word),
            None => self.long.contains(&code),
        }
    }
}

fn pack_reads_as_of(rule: &pack::PackRule) -> bool {
    rule.checks.iter().any(|c| {
        matches!(
            c,
            pack::Check::MinDaysAfterAsOf(_) | pack::Check::MaxDaysBeforeAsOf(_)
        )
    })
}

/// Whether a rule that runs for `program` states no change points.
fn daily_rules(program: Program, _options: &Options) -> bool {
    registry::dated().any(|rule| matches!(rule.dates, Dates::Daily) && rule.scope.runs_for(program))
}

/// Every change point of the submission: the built-in date rules' and the rule packs'.
fn change_points(sub: &Submission, options: &Options, reasons: Reasons) -> Vec<ChangePoint> {
    let mut points = Vec::new();
    let mut seen: Vec<usize> = Vec::new();
    for rule in registry::dated() {
        if let Dates::Changes(of) = rule.dates
            && rule.scope.runs_for(sub.program)
            && !seen.contains(&(of as usize))
        {
            seen.push(of as usize);
            points.extend(of(sub, reasons));
        }
    }
    for rule in options.packs.iter().flat_map(|set| set.rules.iter()) {
        points.extend(pack_change_points(sub, rule, reasons));
    }
    points.sort_by_key(|p| p.on);
    points
}

/// A pack rule's change points: for `min_days_after_as_of: N`, the day on which a date of its
/// document comes within N days (the date − N + 1); for `max_days_before_as_of: N`, the day on
/// which it lies more than N days back (the date + N + 1). Every date written in the rule's
/// document is taken, whether or not `given` names it: more dates than needed, never fewer.
fn pack_change_points(
    sub: &Submission,
    rule: &pack::PackRule,
    reasons: Reasons,
) -> Vec<ChangePoint> {
    let limits: Vec<(i64, i64)> = rule
        .checks
        .iter()
        .filter_map(|c| match c {
            pack::Check::MinDaysAfterAsOf(n) => Some((1i64.saturating_sub(*n), *n)),
            pack::Check::MaxDaysBeforeAsOf(n) => Some((n.saturating_add(1), *n)),
            _ => None,
        })
        .collect();
    if limits.is_empty() {
        return Vec::new();
    }
    let Some((_, root)) = sub.tree(&rule.document) else {
        return Vec::new();
    };
    let mut dates = BTreeSet::new();
    collect_dates(root, &mut dates, 0);
    let code = &rule.code;
    let mut points = Vec::new();
    for date in dates {
        for (shift, n) in &limits {
            let days = shift.clamp(&-1_000_000, &1_000_000);
            points.push(ChangePoint {
                on: date.add_days(*days),
                why: reasons.why(|| {
                    text!(
                        "{date} reaches the {n}-day limit of {code}",
                        "{date} 达到 {code} 的 {n} 天期限"
                    )
                }),
            });
        }
    }
    points
}

fn collect_dates(node: &Node, out: &mut BTreeSet<Date>, depth: usize) {
    if depth > crate::load::tree::MAX_NESTING + 1 {
        return;
    }
    match &node.kind {
        Kind::Str(s) => out.extend(Date::parse(s, false)),
        Kind::Seq(items) => items.iter().for_each(|n| collect_dates(n, out, depth + 1)),
        Kind::Map(entries) => entries
            .iter()
            .for_each(|(_, n)| collect_dates(n, out, depth + 1)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;
    use std::sync::Arc;

    /// [`is_dated`] as it was first written: the code parsed, then the registry or the packs.
    fn is_dated_by_parsing(code: &str, options: &Options) -> bool {
        match Code::parse(code) {
            Some(code) => !matches!(registry::dates_of(code), Dates::Fixed),
            None => options
                .packs
                .iter()
                .flat_map(|set| set.rules.iter())
                .any(|rule| &*rule.code == code && pack_reads_as_of(rule)),
        }
    }

    fn pack_rule(code: &str, checks: Vec<pack::Check>) -> Arc<pack::PackRule> {
        Arc::new(pack::PackRule {
            code: code.into(),
            severity: Severity::Error,
            title: text!("t", "t"),
            help: None,
            document: "license.yaml".to_owned(),
            path: Vec::new(),
            given: String::new(),
            checks,
            source: "pack.yaml".into(),
            text: String::new(),
        })
    }

    /// Codes to ask about: every built-in one, near misses, pack codes short and long.
    fn codes() -> Vec<String> {
        let mut codes: Vec<String> = Code::ALL.iter().map(|c| c.as_str().to_owned()).collect();
        for extra in [
            "",
            "C",
            "CUS00",
            "CUS0030",
            "cus003",
            "CUS003 ",
            "CUS010\0",
            "ACME001",
            "ACME002",
            "ACME0001",
            "ACMEDATE001",
            "ACMEDATE002",
            "LIC004X",
            "X",
            "\0",
            "\0\0",
            "中文",
        ] {
            codes.push(extra.to_owned());
        }
        codes
    }

    #[test]
    fn dated_codes_are_told_as_by_parsing_them() {
        let mut options = Options::default();
        for code in codes() {
            assert_eq!(
                is_dated(&code, &options),
                is_dated_by_parsing(&code, &options),
                "{code:?}"
            );
        }
        let dated = || vec![pack::Check::MinDaysAfterAsOf(30)];
        options.packs = vec![crate::run::PackSet {
            dir: "packs".into(),
            rules: vec![
                pack_rule("ACME001", dated()),
                pack_rule("ACME002", vec![pack::Check::Required]),
                pack_rule("ACMEDATE001", vec![pack::Check::MaxDaysBeforeAsOf(7)]),
                pack_rule("ACMEDATE002", Vec::new()),
                // A pack never carries a built-in code; were it to, the built-in rule decides.
                pack_rule("RET003", dated()),
                pack_rule("CUS003", vec![pack::Check::Required]),
            ],
            everywhere: true,
        }];
        for code in codes() {
            assert_eq!(
                is_dated(&code, &options),
                is_dated_by_parsing(&code, &options),
                "{code:?}"
            );
        }
        assert!(is_dated("ACME001", &options) && is_dated("ACMEDATE001", &options));
        assert!(is_dated("CUS003", &options) && !is_dated("RET003", &options));
    }

    #[test]
    fn a_code_set_holds_exactly_its_codes() {
        let codes = codes();
        for (i, code) in codes.iter().enumerate() {
            let a = short_code(code);
            for other in &codes {
                if a.is_some() && a == short_code(other) {
                    assert_eq!(code, other);
                }
            }
            // Every third code, and every code in one set.
            let held: Vec<&str> = codes
                .iter()
                .skip(i % 3)
                .step_by(3)
                .map(String::as_str)
                .collect();
            let set = CodeSet::new(held.iter().copied());
            for asked in &codes {
                assert_eq!(
                    set.contains(asked),
                    held.contains(&asked.as_str()),
                    "{asked:?}"
                );
            }
        }
        let all = CodeSet::new(codes.iter().map(String::as_str));
        assert!(codes.iter().all(|c| all.contains(c)));
        assert!(!all.contains("CUS011") && !all.contains("ACMEDATE003"));
    }
}
