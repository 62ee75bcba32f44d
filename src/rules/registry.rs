//! The rule registry: every built-in rule's code bound to the programmes it runs for, whether it
//! offers a fix, and what raises it — one line a rule, like ruff's `codes.rs`. `rules::run`, the
//! JUnit rule list and the tests all read this table.

use super::Ctx;
use crate::code::Code;
pub use crate::declaration::Scope;
use crate::load::Submission;
use crate::model::Program;
use crate::report::{ChangePoint, Reasons};

/// What raises a rule's findings.
#[derive(Clone, Copy)]
pub enum Check {
    /// A function over the loaded submission, run by `rules::run`.
    Run(fn(&Ctx)),
    /// The loader, while reading the documents (`load/`).
    Loader,
    /// The policy, while applying inline suppressions (`policy`).
    Policy,
    /// The run, while choosing each submission's configuration (`run`).
    Configuration,
    /// Nothing: the rule is retired (its declaration's `retired:` says what became of it). Its
    /// code stays taken, never to be reused.
    Retired,
}

impl Scope {
    /// Whether a rule of this scope runs for a submission of `program`.
    pub fn runs_for(self, program: Program) -> bool {
        match self {
            Scope::Document | Scope::SharedLicence | Scope::Pack => true,
            Scope::Cooperation => program == Program::Cooperation,
            Scope::Challenge => program == Program::Challenge,
        }
    }
}

/// One built-in rule, as its declaration (`checks/<CODE>.yaml`) says.
#[derive(Clone, Copy)]
pub struct Rule {
    pub code: Code,
    pub scope: Scope,
    /// Its findings can carry a safe automatic fix.
    pub fixable: bool,
    pub check: Check,
    /// How its verdict moves with the as-of date.
    pub dates: Dates,
}

/// How a rule's verdict moves with the as-of date.
#[derive(Clone, Copy)]
pub enum Dates {
    /// The rule does not read the as-of date: its verdict is the same on every day.
    Fixed,
    /// The rule reads the as-of date; the function gives every date, from the submission's own
    /// values, on which its verdict may differ from the day before.
    Changes(fn(&Submission, Reasons) -> Vec<ChangePoint>),
    /// The rule reads the as-of date and states no change points: the forecast checks it on
    /// every day of the horizon.
    Daily,
}

include!(concat!(env!("OUT_DIR"), "/rules.rs"));

/// How the built-in rule `code` moves with the as-of date.
pub fn dates_of(code: Code) -> Dates {
    rule_of(code).dates
}

/// The rules that read the as-of date, in code order.
pub fn dated() -> impl Iterator<Item = &'static Rule> {
    RULES.iter().filter(|r| !matches!(r.dates, Dates::Fixed))
}

/// The registry entry of a built-in code.
pub fn rule_of(code: Code) -> &'static Rule {
    // RULES is in code order with one entry per code (tested below).
    &RULES[Code::ALL.iter().position(|c| *c == code).unwrap_or(0)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::Code::*;
    use crate::finding::Text;
    use crate::model::Date;

    #[test]
    fn one_entry_per_code_in_code_order() {
        let codes: Vec<Code> = RULES.iter().map(|r| r.code).collect();
        assert_eq!(codes, Code::ALL);
        for code in Code::ALL {
            assert_eq!(rule_of(*code).code, *code);
        }
    }

    #[test]
    fn dated_rules_are_run_rules_and_their_declarations_say_so() {
        let codes: Vec<Code> = dated().map(|r| r.code).collect();
        assert_eq!(
            codes,
            [
                LIC004, CUS003, CUS010, RET009, CMP001, CMP002, CMP003, CHL002
            ]
        );
        for rule in dated() {
            assert!(matches!(rule.check, Check::Run(_)), "{:?}", rule.code);
            let declared = crate::catalogue::Catalogue::builtin()
                .get(rule.code.as_str())
                .and_then(|e| e.dates.clone());
            assert!(declared.is_some(), "{:?}", rule.code);
        }
        assert!(matches!(dates_of(RET003), Dates::Fixed));
    }

    #[test]
    fn a_declaration_of_a_months_last_day_leaves_the_window_when_the_clamped_month_has_passed() {
        let customs = "registration:\n  code: \"4403960ABC\"\n  entity_name: 深圳市华彩科技有限公司\ndeclarations:\n  - number: \"531620260012345678\"\n    direction: export\n    declared_on: 2026-08-31\n";
        let fixture = crate::rules::testing::clean_with(&[("customs.yaml", customs)]);
        let date = crate::rules::testing::date;
        let points = crate::rules::cus::declarations::declaration_window_change_points(
            &fixture.sub,
            Reasons::Written,
        );
        let on: Vec<Date> = points.iter().map(|p| p.on).collect();
        // 2026-08-31 + 6 months clamps to 2027-02-28, and 6 months before 2027-02-28 is
        // 2026-08-28: the declaration still counts until 2027-02-28 and leaves on 2027-03-01.
        assert!(on.contains(&date("2026-08-31")), "{on:?}");
        assert!(on.contains(&date("2027-03-01")), "{on:?}");
        assert!(
            points
                .iter()
                .any(|p| p.why.en.contains("leaves the six-month window")),
            "{points:?}"
        );
    }

    #[test]
    fn change_points_fall_on_the_same_dates_with_or_without_their_reasons() {
        let customs = "declarations:\n  - number: \"531620260012345678\"\n    direction: export\n    declared_on: 2026-08-31\n  - number: \"531620260012345679\"\n    declared_on: 2026-02-28\n";
        let fixture = crate::rules::testing::clean_with(&[("customs.yaml", customs)]);
        let mut changes = 0;
        for rule in dated() {
            let (code, Dates::Changes(of)) = (rule.code, rule.dates) else {
                continue;
            };
            let written = of(&fixture.sub, Reasons::Written);
            let left = of(&fixture.sub, Reasons::Left);
            let on = |points: &[ChangePoint]| points.iter().map(|p| p.on).collect::<Vec<_>>();
            assert_eq!(on(&written), on(&left), "{code:?}");
            assert!(
                written
                    .iter()
                    .all(|p| !p.why.en.is_empty() && !p.why.zh.is_empty())
            );
            assert!(left.iter().all(|p| p.why == Text::default()));
            changes += written.len();
        }
        assert!(changes > 4, "{changes}");
    }

    #[test]
    fn each_programme_runs_its_own_rules_and_the_shared_licence_rules() {
        let runs = |code: Code, program| rule_of(code).scope.runs_for(program);
        assert!(runs(RET003, Program::Cooperation));
        assert!(!runs(RET003, Program::Challenge));
        assert!(runs(LIC002, Program::Challenge));
        assert!(!runs(LIC003, Program::Challenge));
        assert!(runs(CHL013, Program::Challenge));
        assert!(!runs(CHL013, Program::Cooperation));
        assert!(runs(SUB002, Program::Challenge));
    }
}
