//! Challenge rules CHL001–CHL010 and CHL021: eligibility, the registration attachments, the logistics
//! agreement and its service levels (`submission.yaml`, `license.yaml`, `logistics.yaml`).
//!
//! An attachment path that fails SUB004/SUB005 is reported there only: CHL004/CHL005 look at a
//! file's kind only when inspecting it found no problem, and CHL006 asks only that a scan is named.
//!
//! `eligibility` holds CHL001, CHL003, CHL007 and CHL021 (the store, its track, the face
//! verification); `profiles` CHL002 (the three eligible profiles); `attachments` CHL004 and
//! CHL005; `logistics` CHL006, CHL009 and CHL010. CHL008 (50 SKUs) is retired: it is CHL002's
//! second profile.

pub(crate) mod attachments;
pub(crate) mod eligibility;
pub(crate) mod logistics;
pub(crate) mod profiles;

use crate::load::Doc;
use crate::model::{ChallengeApplicant, ChallengeSubmissionDoc};
use crate::rules::{Ctx, group_thousands};

/// `submission.yaml` of the challenge and its `applicant`, when both could be read.
fn applicant<'a>(
    ctx: &Ctx<'a>,
) -> Option<(&'a Doc<ChallengeSubmissionDoc>, &'a ChallengeApplicant)> {
    let doc = ctx.sub.challenge.as_ref()?;
    let applicant = doc.data.applicant.get()?;
    Some((doc, &applicant.value))
}

/// `180`, `2.5`: at most two decimals, none when whole.
fn amount(n: f64) -> String {
    let s = format!("{n:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// `US$5,000`: an amount in US dollars with its thousands grouped.
fn dollars(n: f64) -> String {
    let grouped = group_thousands(&amount(n));
    match grouped.strip_prefix('-') {
        Some(positive) => format!("-US${positive}"),
        None => format!("US${grouped}"),
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String], sep: &str, last: &str) -> String {
    match items.split_last() {
        None => String::new(),
        Some((only, [])) => only.clone(),
        Some((final_item, rest)) => format!("{}{last}{final_item}", rest.join(sep)),
    }
}

#[cfg(test)]
mod tests {
    use super::eligibility::*;
    use super::profiles::*;
    use super::*;
    use crate::load::Submission;
    use crate::load::attachment::{Attachment, AttachmentProblem};
    use crate::load::attachment::{FileKind, normalized};
    use crate::rules::testing::date;

    const SUBMISSION: &str = include_str!("../../../../fixtures/challenge/submission.yaml");
    const LICENSE: &str = include_str!("../../../../fixtures/challenge/license.yaml");
    const LOGISTICS: &str = include_str!("../../../../fixtures/challenge/logistics.yaml");

    /// A challenge submission as the rules see it: the clean fixture's documents, changed by a
    /// test, and what inspecting each attachment found.
    struct Folder {
        submission: String,
        license: String,
        logistics: Option<String>,
        /// `registrations.yaml`; absent unless a test gives it.
        registrations: Option<String>,
        attachments: Vec<(&'static str, Attachment)>,
        as_of: &'static str,
    }

    fn ok(kind: FileKind) -> Attachment {
        Attachment {
            kind: Some(kind),
            problem: None,
            placeholder: false,
        }
    }

    impl Folder {
        fn clean() -> Folder {
            Folder {
                submission: SUBMISSION.to_owned(),
                license: LICENSE.to_owned(),
                logistics: Some(LOGISTICS.to_owned()),
                registrations: None,
                attachments: vec![
                    ("attachments/commitment-letter.pdf", ok(FileKind::Pdf)),
                    ("attachments/health-score.png", ok(FileKind::Png)),
                    ("attachments/license.pdf", ok(FileKind::Pdf)),
                    ("attachments/logistics-agreement.pdf", ok(FileKind::Pdf)),
                ],
                as_of: "2026-11-20",
            }
        }

        /// Replaces `from` (which must occur) in one document.
        fn edit(mut self, doc: &str, from: &str, to: &str) -> Folder {
            let text = match doc {
                "submission" => &mut self.submission,
                "license" => &mut self.license,
                _ => self.logistics.as_mut().expect("logistics.yaml"),
            };
            assert!(text.contains(from), "{doc}: no {from:?}");
            *text = text.replacen(from, to, 1);
            self
        }

        fn attachment(mut self, path: &'static str, found: Attachment) -> Folder {
            self.attachments.retain(|(p, _)| *p != path);
            self.attachments.push((path, found));
            self
        }

        /// Each finding's code and the text its primary label points at (empty: a document).
        fn findings(&self) -> Vec<(&'static str, String)> {
            use crate::rules::testing::{doc, run_at, span_texts};
            let mut sub = Submission {
                program: crate::model::Program::Challenge,
                ..Default::default()
            };
            sub.challenge = doc(&mut sub, "submission.yaml", &self.submission);
            sub.license = doc(&mut sub, "license.yaml", &self.license);
            sub.logistics = match &self.logistics {
                Some(text) => doc(&mut sub, "logistics.yaml", text),
                None => None,
            };
            sub.registrations = match &self.registrations {
                Some(text) => doc(&mut sub, "registrations.yaml", text),
                None => None,
            };
            for (path, found) in &self.attachments {
                sub.attachments.insert(normalized(path), found.clone());
            }
            let out = run_at(
                &sub,
                crate::markets::builtin(),
                date(self.as_of),
                &["CHL00", "CHL010"],
            );
            span_texts(&sub, &out)
        }
    }

    fn fired(code: &'static str, at: &str) -> Vec<(&'static str, String)> {
        vec![(code, at.to_owned())]
    }

    fn none() -> Vec<(&'static str, String)> {
        Vec::new()
    }

    #[test]
    fn the_clean_submission_fires_nothing() {
        assert_eq!(Folder::clean().findings(), none());
    }

    #[test]
    fn a_non_enterprise_store_or_an_individual_business_licence_is_one_finding() {
        let individual_store = Folder::clean().edit(
            "submission",
            "store_type: enterprise",
            "store_type: individual",
        );
        assert_eq!(individual_store.findings(), fired("CHL001", "individual"));
        let both = individual_store.edit(
            "license",
            "entity_type: limited-company",
            "entity_type: individual-business",
        );
        assert_eq!(both.findings(), fired("CHL001", "individual"));
        let licence = Folder::clean().edit(
            "license",
            "entity_type: limited-company",
            "entity_type: individual-business",
        );
        assert_eq!(licence.findings(), fired("CHL001", "individual-business"));
        let uscc = Folder::clean().edit("license", "uscc: 91", "uscc: 92");
        assert_eq!(uscc.findings(), fired("CHL001", "92440300MA5FHC8K1M"));
        let unstated = Folder::clean().edit("submission", "  store_type: enterprise\n", "");
        assert_eq!(unstated.findings(), fired("CHL001", "applicant"));
        // The licence value is the one finding when the store type is not stated either.
        let unstated_individual = unstated.edit("license", "uscc: 91", "uscc: 92");
        assert_eq!(
            unstated_individual.findings(),
            fired("CHL001", "92440300MA5FHC8K1M")
        );
        // A store type that could not be read is SUB002's.
        let unreadable =
            Folder::clean().edit("submission", "store_type: enterprise", "store_type: shop");
        assert_eq!(unreadable.findings(), none());
    }

    #[test]
    fn six_calendar_months_before_as_of_is_old_enough() {
        // Neither of the other profiles holds: 40 SKUs, and no registrations.
        let registered = |on: &str, as_of: &'static str| {
            let mut folder = Folder::clean()
                .edit(
                    "license",
                    "registered_on: 2018-04-16",
                    &format!("registered_on: {on}"),
                )
                .edit("submission", "sku_count: 120", "sku_count: 40");
            folder.as_of = as_of;
            folder.findings()
        };
        assert_eq!(registered("2026-05-20", "2026-11-20"), none());
        assert_eq!(
            registered("2026-05-21", "2026-11-20"),
            fired("CHL002", "2026-05-21")
        );
        // August has a 31st, February not: six months before 2026-08-31 is 2026-02-28.
        assert_eq!(registered("2026-02-28", "2026-08-31"), none());
        assert_eq!(
            registered("2026-03-01", "2026-08-31"),
            fired("CHL002", "2026-03-01")
        );
        assert_eq!(latest_registration(date("2026-08-31")), date("2026-02-28"));
        assert_eq!(latest_registration(date("2024-08-31")), date("2024-02-29"));
    }

    #[test]
    fn a_licence_qualifies_from_the_first_day_six_months_on() {
        for (registered, from) in [
            ("2026-05-21", "2026-11-21"),
            ("2026-02-28", "2026-08-28"),
            ("2025-08-31", "2026-03-01"),
            ("2023-08-31", "2024-03-01"),
            ("2023-08-29", "2024-02-29"),
        ] {
            let from = date(from);
            assert_eq!(qualifies_from(date(registered)), from, "{registered}");
            assert!(latest_registration(from) >= date(registered));
            assert!(latest_registration(from.add_days(-1)) < date(registered));
        }
    }

    #[test]
    fn a_health_score_of_exactly_85_passes() {
        let score = |s: &str| {
            Folder::clean()
                .edit(
                    "submission",
                    "health_score: 88",
                    &format!("health_score: {s}"),
                )
                .findings()
        };
        assert_eq!(score("85"), none());
        assert_eq!(score("85.0"), none());
        assert_eq!(score("84.9"), fired("CHL003", "84.9"));
    }

    /// A licence registered 2026-06-01 is less than 6 months old on 2026-11-20.
    fn young_licence() -> Folder {
        Folder::clean().edit(
            "license",
            "registered_on: 2018-04-16",
            "registered_on: 2026-06-01",
        )
    }

    #[test]
    fn exactly_50_skus_are_an_eligible_profile() {
        let skus = |n: &str| {
            young_licence()
                .edit("submission", "sku_count: 120", &format!("sku_count: {n}"))
                .findings()
        };
        assert_eq!(skus("50"), none());
        assert_eq!(skus("49"), fired("CHL002", "2026-06-01"));
    }

    #[test]
    fn one_profile_of_three_is_enough() {
        let few = young_licence().edit("submission", "sku_count: 120", "sku_count: 40");
        assert_eq!(few.findings(), fired("CHL002", "2026-06-01"));
        // The third profile: every EU target market (ES, PL) has its EPR registration.
        let mut registered = young_licence().edit("submission", "sku_count: 120", "sku_count: 40");
        registered.registrations = Some(
            "registrations:\n  - {market: ES, kind: EPR, number: a}\n  - {market: PL, kind: EPR, number: b}\n"
                .to_owned(),
        );
        assert_eq!(registered.findings(), none());
        // Each profile's own value alone.
        assert_eq!(young_licence().findings(), none());
        let old_licence = Folder::clean().edit("submission", "sku_count: 120", "sku_count: 40");
        assert_eq!(old_licence.findings(), none());
        // Without `registered_on` and `sku_count`, at the licence, with a label at `applicant`.
        let neither = few.edit("license", "registered_on: 2026-06-01\n", "").edit(
            "submission",
            "  sku_count: 40\n",
            "",
        );
        assert_eq!(neither.findings(), fired("CHL002", ""));
        // A profile that cannot be judged skips the rule.
        let unreadable = young_licence().edit("submission", "sku_count: 120", "sku_count: many");
        assert_eq!(unreadable.findings(), none());
    }

    #[test]
    fn the_finding_names_what_each_profile_lacks() {
        let folder = young_licence().edit("submission", "sku_count: 120", "sku_count: 40");
        let mut sub = Submission {
            program: crate::model::Program::Challenge,
            ..Default::default()
        };
        use crate::rules::testing::{doc, run_at};
        sub.challenge = doc(&mut sub, "submission.yaml", &folder.submission);
        sub.license = doc(&mut sub, "license.yaml", &folder.license);
        let out = run_at(
            &sub,
            crate::markets::builtin(),
            date("2026-11-20"),
            &["CHL002"],
        );
        assert_eq!(out.len(), 1);
        let m = &out[0].message;
        assert_eq!(
            m.en,
            "no profile holds: (1) the licence was registered on 2026-06-01, less than 6 months before 2026-11-20 (it qualifies from 2026-12-01); (2) 40 SKUs, fewer than 50; (3) no ES EPR, PL EPR registration"
        );
        assert!(m.zh.starts_with("均不满足：（1）"), "{}", m.zh);
        // Labels at `sku_count` and at each market without its registration.
        let labelled: Vec<&str> = out[0]
            .labels
            .iter()
            .map(|l| match l.place {
                crate::finding::Place::Span(s) => sub.db.get(s.file).slice(s),
                crate::finding::Place::File(_) => "",
            })
            .collect();
        assert_eq!(labelled, ["40", "ES", "PL"]);
    }

    #[test]
    fn exactly_98_percent_tracking_passes() {
        let coverage = |c: &str| {
            Folder::clean()
                .edit(
                    "logistics",
                    "tracking_coverage: 98.6",
                    &format!("tracking_coverage: {c}"),
                )
                .findings()
        };
        assert_eq!(coverage("98"), none());
        assert_eq!(coverage("\"98%\""), none());
        assert_eq!(coverage("97.99"), fired("CHL010", "97.99"));
    }

    #[test]
    fn dispatch_and_refund_may_take_exactly_their_limit() {
        let levels = |dispatch: &str, refund: &str| {
            Folder::clean()
                .edit(
                    "logistics",
                    "dispatch_within: 72h",
                    &format!("dispatch_within: {dispatch}"),
                )
                .edit(
                    "logistics",
                    "refund_within: 15d",
                    &format!("refund_within: {refund}"),
                )
                .findings()
        };
        assert_eq!(levels("72h", "15d"), none());
        assert_eq!(levels("3d", "360h"), none());
        assert_eq!(levels("4320m", "15 days"), none());
        assert_eq!(levels("72.5h", "15d"), fired("CHL009", "72.5h"));
        assert_eq!(levels("72h", "361h"), fired("CHL009", "361h"));
        assert_eq!(
            levels("4d", "16d"),
            vec![("CHL009", "4d".to_owned()), ("CHL009", "16d".to_owned())]
        );
        assert_eq!(
            levels("ASAP", "尽快"),
            vec![("CHL009", "ASAP".to_owned()), ("CHL009", "尽快".to_owned())]
        );
    }

    #[test]
    fn a_rising_store_may_be_open_exactly_180_days_at_the_start() {
        let opened = |on: &str| {
            Folder::clean()
                .edit("submission", "track: leap", "track: rising")
                .edit(
                    "submission",
                    "opened_on: 2026-03-02",
                    &format!("opened_on: {on}"),
                )
                .findings()
        };
        // The challenge starts on 2026-11-25.
        assert_eq!(opened("2026-05-29"), none());
        assert_eq!(opened("2026-05-28"), fired("CHL007", "rising"));
        assert_eq!(opened("2026-11-30"), none());
        assert!(!too_old_for_rising(date("2026-05-29"), date("2026-11-25")));
        assert!(too_old_for_rising(date("2026-05-28"), date("2026-11-25")));
        let no_date = Folder::clean()
            .edit("submission", "track: leap", "track: rising")
            .edit("submission", "  opened_on: 2026-03-02\n", "");
        assert_eq!(no_date.findings(), fired("CHL007", "rising"));
        // The opening date is needed whatever T is; the store age needs T (CHL016 reports it).
        let no_start = |folder: Folder| {
            folder.edit(
                "submission",
                "challenge_start: 2026-11-25             # T+0; T+30 is 2026-12-25\n",
                "",
            )
        };
        assert_eq!(no_start(no_date).findings(), fired("CHL007", "rising"));
        let old_store = Folder::clean()
            .edit("submission", "track: leap", "track: rising")
            .edit(
                "submission",
                "opened_on: 2026-03-02",
                "opened_on: 2025-01-01",
            );
        assert_eq!(old_store.findings(), fired("CHL007", "rising"));
        assert_eq!(no_start(old_store).findings(), none());
        let unreadable_date = Folder::clean()
            .edit("submission", "track: leap", "track: rising")
            .edit("submission", "opened_on: 2026-03-02", "opened_on: spring");
        assert_eq!(unreadable_date.findings(), none());
    }

    #[test]
    fn a_missing_track_is_reported_at_the_applicant() {
        let no_track = Folder::clean().edit("submission", "  track: leap\n", "");
        assert_eq!(no_track.findings(), fired("CHL007", "applicant"));
        let unreadable = Folder::clean().edit("submission", "track: leap", "track: sprint");
        assert_eq!(unreadable.findings(), none());
    }

    #[test]
    fn a_missing_value_is_reported_by_the_rule_that_needs_it() {
        let without = |doc: &str, line: &str| Folder::clean().edit(doc, line, "").findings();
        assert_eq!(
            without("submission", "  health_score: 88\n"),
            fired("CHL003", "applicant")
        );
        // Another profile holds: a missing SKU count or registration date is no finding.
        assert_eq!(without("submission", "  sku_count: 120\n"), none());
        assert_eq!(without("license", "registered_on: 2018-04-16\n"), none());
        assert_eq!(
            without("logistics", "tracking_coverage: 98.6\n"),
            fired("CHL010", "")
        );
        assert_eq!(
            without("logistics", "dispatch_within: 72h\n"),
            fired("CHL009", "")
        );
        assert_eq!(
            without("logistics", "refund_within: 15d\n"),
            fired("CHL009", "")
        );
        let neither = Folder::clean()
            .edit("logistics", "dispatch_within: 72h\n", "")
            .edit("logistics", "refund_within: 15d\n", "");
        assert_eq!(
            neither.findings(),
            vec![("CHL009", String::new()), ("CHL009", String::new())]
        );
    }

    #[test]
    fn a_value_that_could_not_be_read_is_not_reported_again() {
        let changed =
            |doc: &str, from: &str, to: &str| Folder::clean().edit(doc, from, to).findings();
        assert_eq!(
            changed("submission", "health_score: 88", "health_score: high"),
            none()
        );
        assert_eq!(
            changed("submission", "sku_count: 120", "sku_count: many"),
            none()
        );
        assert_eq!(
            changed(
                "license",
                "registered_on: 2018-04-16",
                "registered_on: long ago"
            ),
            none()
        );
        assert_eq!(
            changed(
                "logistics",
                "tracking_coverage: 98.6",
                "tracking_coverage: [98]"
            ),
            none()
        );
        assert_eq!(
            changed(
                "logistics",
                "dispatch_within: 72h",
                "dispatch_within: [72h]"
            ),
            none()
        );
    }

    #[test]
    fn without_an_applicant_each_rule_reports_its_value_once_at_the_document() {
        let start = SUBMISSION
            .find("applicant:")
            .expect("clean has an applicant");
        let end = SUBMISSION.find("markets:").expect("clean has markets");
        let mut folder = Folder::clean();
        folder.submission.replace_range(start..end, "");
        assert_eq!(
            folder.findings(),
            vec![
                ("CHL001", String::new()),
                ("CHL003", String::new()),
                ("CHL007", String::new()),
            ]
        );
        // An applicant that could not be read at all is SUB002's.
        let mut unreadable = Folder::clean();
        unreadable
            .submission
            .replace_range(start..end, "applicant: enterprise\n");
        assert_eq!(unreadable.findings(), none());
    }

    #[test]
    fn a_leap_store_reaches_5000_in_each_of_its_last_3_months() {
        let gmv = |months: &str| {
            Folder::clean()
                .edit("submission", "[6200, 5400, 7100]", months)
                .findings()
        };
        assert_eq!(gmv("[5000, 5000, 5000]"), none());
        assert_eq!(gmv("[100, 6200, 5400, 7100]"), none());
        assert_eq!(gmv("[6200, 4999.99, 7100]"), fired("CHL007", "leap"));
        assert_eq!(gmv("[4000, 6200, 5400]"), fired("CHL007", "leap"));
        assert_eq!(gmv("[6200, 5400]"), fired("CHL007", "leap"));
        assert_eq!(gmv("[]"), fired("CHL007", "leap"));
        // A month that could not be read is reported as SUB002 only.
        assert_eq!(gmv("[6200, lots, 7100]"), none());
        let absent =
            Folder::clean().edit("submission", "  monthly_gmv_usd: [6200, 5400, 7100]", "");
        assert_eq!(absent.findings(), fired("CHL007", "leap"));
    }

    #[test]
    fn attachments_are_named_and_of_the_right_kind() {
        let screenshot = "attachments/health-score.png";
        let letter = "attachments/commitment-letter.pdf";
        assert_eq!(
            Folder::clean()
                .attachment(screenshot, ok(FileKind::Pdf))
                .findings(),
            fired("CHL004", screenshot)
        );
        assert_eq!(
            Folder::clean()
                .attachment(screenshot, ok(FileKind::Jpeg))
                .findings(),
            none()
        );
        assert_eq!(
            Folder::clean()
                .attachment(letter, ok(FileKind::Png))
                .findings(),
            fired("CHL005", letter)
        );
        let no_screenshot = Folder::clean().edit(
            "submission",
            "  health_score_screenshot: attachments/health-score.png\n",
            "",
        );
        assert_eq!(no_screenshot.findings(), fired("CHL004", "attachments"));
        let no_letter = Folder::clean().edit(
            "submission",
            "  commitment_letter: attachments/commitment-letter.pdf\n",
            "",
        );
        assert_eq!(no_letter.findings(), fired("CHL005", "attachments"));
        let blank = Folder::clean().edit(
            "submission",
            "commitment_letter: attachments/commitment-letter.pdf",
            "commitment_letter: \"\"",
        );
        assert_eq!(blank.findings(), fired("CHL005", "\"\""));
        let start = SUBMISSION
            .find("attachments:")
            .expect("clean has attachments");
        let mut none_at_all = Folder::clean();
        none_at_all.submission.truncate(start);
        assert_eq!(
            none_at_all.findings(),
            vec![("CHL004", String::new()), ("CHL005", String::new())]
        );
    }

    #[test]
    fn a_path_that_fails_sub004_or_sub005_is_not_reported_again() {
        let failed = |kind: Option<FileKind>, problem: AttachmentProblem| Attachment {
            kind,
            problem: Some(problem),
            placeholder: false,
        };
        for (path, found) in [
            (
                "attachments/health-score.png",
                failed(None, AttachmentProblem::Missing),
            ),
            (
                "attachments/health-score.png",
                failed(None, AttachmentProblem::UnknownType),
            ),
            (
                "attachments/health-score.png",
                failed(
                    Some(FileKind::Pdf),
                    AttachmentProblem::ExtensionMismatch {
                        actual: FileKind::Pdf,
                    },
                ),
            ),
            (
                "attachments/commitment-letter.pdf",
                failed(Some(FileKind::Pdf), AttachmentProblem::EncryptedPdf),
            ),
            (
                "attachments/commitment-letter.pdf",
                failed(
                    Some(FileKind::Jpeg),
                    AttachmentProblem::ExtensionMismatch {
                        actual: FileKind::Jpeg,
                    },
                ),
            ),
            (
                "attachments/logistics-agreement.pdf",
                failed(None, AttachmentProblem::Outside),
            ),
        ] {
            assert_eq!(
                Folder::clean().attachment(path, found).findings(),
                none(),
                "{path}"
            );
        }
    }

    #[test]
    fn the_agreement_covers_every_market_and_shows_what_it_must() {
        let countries = |list: &str| {
            Folder::clean()
                .edit("logistics", "countries: [ES, PL, MX]", list)
                .findings()
        };
        assert_eq!(countries("countries: [es, pl, mx]"), none());
        assert_eq!(countries("countries: [ES, PL]"), fired("CHL006", "MX"));
        assert_eq!(
            countries("countries: []"),
            vec![
                ("CHL006", "ES".to_owned()),
                ("CHL006", "PL".to_owned()),
                ("CHL006", "MX".to_owned())
            ]
        );
        // A country that could not be read (SUB002) may be the market.
        assert_eq!(countries("countries: [ES, PL, [MX]]"), none());
        assert_eq!(
            Folder::clean()
                .edit(
                    "logistics",
                    "  scan: attachments/logistics-agreement.pdf\n",
                    ""
                )
                .findings(),
            fired("CHL006", "agreement")
        );
        let incomplete = Folder::clean()
            .edit("logistics", "  start_date: 2026-01-10\n", "")
            .edit("logistics", "  countries: [ES, PL, MX]\n", "");
        assert_eq!(incomplete.findings(), fired("CHL006", "agreement"));
        let start = LOGISTICS.find("service:").expect("clean has service");
        let mut no_agreement = Folder::clean();
        no_agreement.logistics = Some(LOGISTICS[start..].to_owned());
        assert_eq!(no_agreement.findings(), fired("CHL006", ""));
        let mut no_logistics = Folder::clean();
        no_logistics.logistics = None;
        assert_eq!(no_logistics.findings(), none());
    }

    #[test]
    fn amounts_are_written_plainly() {
        assert_eq!(amount(85.0), "85");
        assert_eq!(amount(100.0), "100");
        assert_eq!(amount(97.5), "97.5");
        assert_eq!(dollars(5000.0), "US$5,000");
        assert_eq!(dollars(1_234_567.5), "US$1,234,567.5");
        assert_eq!(dollars(-5000.0), "-US$5,000");
        let keys = ["`a`".to_owned(), "`b`".to_owned(), "`c`".to_owned()];
        assert_eq!(join_and(&keys[..1], ", ", " and "), "`a`");
        assert_eq!(join_and(&keys[..2], ", ", " and "), "`a` and `b`");
        assert_eq!(join_and(&keys, ", ", " and "), "`a`, `b` and `c`");
    }
}
