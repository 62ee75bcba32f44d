//! The rule registry: every built-in rule's code bound to the programmes it runs for, whether it
//! offers a fix, and what raises it — one line a rule, like ruff's `codes.rs`. `rules::run`, the
//! JUnit rule list and the tests all read this table.

use super::{Ctx, chl, cmp, cus, ful, lic, ret, sla, sto, sub};
use crate::code::Code::{self, *};
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
    /// Nothing: the rule is retired (its catalogue entry's `retired:` says what replaced it).
    /// Its code stays here, never to be reused.
    Retired,
}

/// The submissions a rule runs for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every submission: the folder and its documents.
    Document,
    /// The co-operation programme only.
    Cooperation,
    /// A licence rule of the co-operation programme that the challenge shares.
    SharedLicence,
    /// The Global Seller Challenge only.
    Challenge,
}

impl Scope {
    pub fn runs_for(self, program: Program) -> bool {
        match self {
            Scope::Document | Scope::SharedLicence => true,
            Scope::Cooperation => program == Program::Cooperation,
            Scope::Challenge => program == Program::Challenge,
        }
    }

    /// The `programme:` its catalogue entry states.
    pub fn programme(self) -> &'static str {
        match self {
            Scope::Document => "document",
            Scope::Cooperation | Scope::SharedLicence => "cooperation",
            Scope::Challenge => "challenge",
        }
    }
}

/// One built-in rule.
#[derive(Clone, Copy)]
pub struct Rule {
    pub code: Code,
    pub scope: Scope,
    /// Its findings can carry a safe automatic fix.
    pub fixable: bool,
    pub check: Check,
}

use Check::{Configuration, Loader, Policy, Retired, Run};
use Scope::{Challenge, Cooperation, Document, SharedLicence};

const fn rule(code: Code, scope: Scope, check: Check) -> Rule {
    Rule {
        code,
        scope,
        fixable: false,
        check,
    }
}

const fn fixable(code: Code, scope: Scope, check: Check) -> Rule {
    Rule {
        code,
        scope,
        fixable: true,
        check,
    }
}

/// Every built-in rule, in code order.
#[rustfmt::skip]
pub static RULES: &[Rule] = &[
    rule(SUB001, Document, Loader),
    fixable(SUB002, Document, Loader),
    rule(SUB003, Document, Loader),
    fixable(SUB004, Document, Run(sub::attachment_is_inside_the_folder)),
    rule(SUB005, Document, Run(sub::attachment_opens_as_scan)),
    rule(SUB006, Document, Run(sub::template_placeholder_is_replaced)),
    rule(SEL001, Document, Policy),
    rule(SEL002, Document, Configuration),
    rule(SEL003, Document, Configuration),
    rule(STO001, Cooperation, Run(sto::store_level_is_high_enough)),
    rule(STO002, Cooperation, Run(sto::positive_feedback_is_high_enough)),
    rule(STO003, Cooperation, Run(sto::dispute_rate_is_low_enough)),
    fixable(STO004, Cooperation, Run(sto::markets_are_served)),
    rule(STO005, Cooperation, Run(sto::annual_export_is_large_enough)),
    rule(LIC001, SharedLicence, Run(lic::uscc_is_well_formed)),
    rule(LIC002, SharedLicence, Run(lic::uscc_check_character_is_right)),
    rule(LIC003, Cooperation, Run(lic::applicant_is_not_an_individual_business)),
    rule(LIC004, SharedLicence, Run(lic::licence_outlasts_the_review)),
    rule(LIC005, Cooperation, Run(lic::business_scope_covers_export)),
    rule(LIC006, SharedLicence, Run(lic::licence_scan_is_given)),
    rule(LIC007, SharedLicence, Run(lic::entity_name_is_written_consistently)),
    rule(CUS001, Cooperation, Run(cus::registration_code_is_well_formed)),
    rule(CUS002, Cooperation, Run(cus::registration_entity_matches_licence)),
    rule(CUS003, Cooperation, Run(cus::enough_recent_export_declarations)),
    rule(CUS004, Cooperation, Run(cus::declaration_number_is_well_formed)),
    rule(CUS005, Cooperation, Run(cus::declaration_is_export)),
    rule(CUS006, Cooperation, Run(cus::declaration_number_is_unique)),
    rule(CUS007, Cooperation, Run(cus::consignor_name_matches_licence)),
    rule(CUS008, Cooperation, Run(cus::consignor_uscc_matches_licence)),
    rule(CUS009, Cooperation, Run(cus::declaration_has_scan)),
    rule(CUS010, Cooperation, Run(cus::declaration_date_is_recent)),
    rule(RET001, Cooperation, Run(ret::every_target_market_has_an_address)),
    fixable(RET002, Cooperation, Run(ret::postal_code_fits_the_market)),
    fixable(RET003, Cooperation, Run(ret::spanish_postal_code_has_cp_prefix)),
    fixable(RET004, Cooperation, Run(ret::brazilian_postal_code_is_cep_segmented)),
    rule(RET005, Cooperation, Run(ret::postal_code_names_a_province)),
    rule(RET006, Cooperation, Run(ret::address_is_written_for_local_carriers)),
    fixable(RET007, Cooperation, Run(ret::phone_is_international_for_the_market)),
    rule(RET008, Cooperation, Run(ret::recipient_and_contact_are_named)),
    rule(RET009, Cooperation, Run(ret::address_change_reported_in_time)),
    fixable(SLA001, Cooperation, Run(sla::every_market_language_is_served)),
    rule(SLA002, Cooperation, Run(sla::first_response_is_measurable)),
    rule(SLA003, Cooperation, Run(sla::first_response_within_language_limit)),
    rule(SLA004, Cooperation, Run(sla::working_calendar_is_complete_and_local)),
    rule(SLA005, Cooperation, Run(sla::returns_first_response_within_a_day)),
    rule(SLA006, Cooperation, Run(sla::no_machine_translation)),
    rule(FUL001, Cooperation, Run(ful::every_market_has_a_fulfilment_plan)),
    rule(FUL002, Cooperation, Run(ful::return_plan_is_written)),
    rule(FUL003, Cooperation, Run(ful::stock_sync_is_frequent)),
    rule(FUL004, Cooperation, Run(ful::prepayment_budget_covers_first_stock)),
    rule(FUL005, Cooperation, Run(ful::local_warehouse_is_the_platforms)),
    rule(CMP001, Cooperation, Run(cmp::required_certificates_cover_markets)),
    rule(CMP002, Cooperation, Run(cmp::certificates_not_expired)),
    rule(CMP003, Cooperation, Run(cmp::certificates_not_about_to_expire)),
    rule(CMP004, Cooperation, Run(cmp::eu_markets_have_epr)),
    rule(CMP005, Cooperation, Run(cmp::quality_certificate_present)),
    rule(CHL001, Challenge, Run(chl::store_is_an_enterprise)),
    rule(CHL002, Challenge, Run(chl::an_eligible_profile_holds)),
    rule(CHL003, Challenge, Run(chl::health_score_reaches_the_minimum)),
    rule(CHL004, Challenge, Run(chl::health_score_screenshot_is_an_image)),
    rule(CHL005, Challenge, Run(chl::commitment_letter_is_a_pdf)),
    rule(CHL006, Challenge, Run(chl::logistics_agreement_is_complete)),
    rule(CHL007, Challenge, Run(chl::store_fits_its_track)),
    rule(CHL008, Challenge, Retired),
    rule(CHL009, Challenge, Run(chl::dispatch_and_refund_within_limits)),
    rule(CHL010, Challenge, Run(chl::tracking_coverage_reaches_the_minimum)),
    rule(CHL011, Challenge, Run(chl::customer_service_is_fast)),
    rule(CHL012, Challenge, Run(chl::listing_compliance_is_complete)),
    rule(CHL013, Challenge, Run(chl::guaranteed_shipping_is_switched_on)),
    rule(CHL014, Challenge, Run(chl::a_plus_pages_are_published)),
    rule(CHL015, Challenge, Run(chl::livestreams_are_planned)),
    rule(CHL016, Challenge, Run(chl::stage_two_dates_meet_the_deadline)),
    rule(CHL017, Challenge, Run(chl::price_benchmark_is_comparable)),
    rule(CHL018, Challenge, Run(chl::main_image_click_through_is_high_enough)),
    rule(CHL019, Challenge, Run(chl::bounce_rate_is_low_enough)),
    rule(CHL020, Challenge, Run(chl::local_registrations_are_done)),
    rule(CHL021, Challenge, Run(chl::face_verification_is_done)),
];

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

/// The rules that read the as-of date, with their change points; every other rule is
/// [`Dates::Fixed`]. `tests/it/forecast.rs` holds the forecast built on these equal to a lint of
/// every day, and fails when a file of `src/rules/` reads the as-of date without a change-point
/// function beside its rules.
#[rustfmt::skip]
pub static DATED: &[(Code, Dates)] = &[
    (LIC004, Dates::Changes(lic::licence_expiry_change_points)),
    (CUS003, Dates::Changes(cus::declaration_window_change_points)),
    (CUS010, Dates::Changes(cus::declaration_window_change_points)),
    (RET009, Dates::Changes(ret::unreported_change_points)),
    (CMP001, Dates::Changes(cmp::certificate_expiry_change_points)),
    (CMP002, Dates::Changes(cmp::certificate_expiry_change_points)),
    (CMP003, Dates::Changes(cmp::certificate_expiry_change_points)),
    (CHL002, Dates::Changes(chl::licence_age_change_points)),
];

/// How the built-in rule `code` moves with the as-of date.
pub fn dates_of(code: Code) -> Dates {
    DATED
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(Dates::Fixed, |(_, dates)| *dates)
}

/// The registry entry of a built-in code.
pub fn rule_of(code: Code) -> &'static Rule {
    // RULES is in code order with one entry per code (tested below).
    &RULES[Code::ALL.iter().position(|c| *c == code).unwrap_or(0)]
}

#[cfg(test)]
mod tests {
    use super::*;
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
    fn dated_rules_are_run_rules_listed_once() {
        for (i, (code, _)) in DATED.iter().enumerate() {
            assert!(matches!(rule_of(*code).check, Check::Run(_)), "{code:?}");
            assert!(DATED[..i].iter().all(|(c, _)| c != code), "{code:?}");
        }
        assert!(matches!(dates_of(RET003), Dates::Fixed));
    }

    #[test]
    fn a_declaration_of_a_months_last_day_leaves_the_window_when_the_clamped_month_has_passed() {
        let customs = "registration:\n  code: \"4403960ABC\"\n  entity_name: 深圳市华彩科技有限公司\ndeclarations:\n  - number: \"531620260012345678\"\n    direction: export\n    declared_on: 2026-08-31\n";
        let fixture = crate::rules::testing::clean_with(&[("customs.yaml", customs)]);
        let date = crate::rules::testing::date;
        let points = cus::declaration_window_change_points(&fixture.sub, Reasons::Written);
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
        for (code, dates) in DATED {
            let Dates::Changes(of) = dates else {
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
