//! Any bytes as every kind of document: YAML into each typed document, CSV declarations, and a
//! spreadsheet of declarations.
#![no_main]

use libfuzzer_sys::fuzz_target;
use selfcheck::load::{csv, read_yaml, xlsx};
use selfcheck::model::*;
use selfcheck::source::FileId;

fuzz_target!(|data: &[u8]| {
    let file = FileId(0);
    let mut findings = Vec::new();
    if let Ok(text) = std::str::from_utf8(data) {
        read_yaml::<SubmissionDoc>(file, text, &mut findings);
        read_yaml::<LicenseDoc>(file, text, &mut findings);
        read_yaml::<CustomsDoc>(file, text, &mut findings);
        read_yaml::<ReturnsDoc>(file, text, &mut findings);
        read_yaml::<ServiceDoc>(file, text, &mut findings);
        read_yaml::<FulfillmentDoc>(file, text, &mut findings);
        read_yaml::<ComplianceDoc>(file, text, &mut findings);
        read_yaml::<ChallengeSubmissionDoc>(file, text, &mut findings);
        read_yaml::<LogisticsDoc>(file, text, &mut findings);
        read_yaml::<PlanDoc>(file, text, &mut findings);
        read_yaml::<RegistrationsDoc>(file, text, &mut findings);
    }
    if let Some(text) = csv::decode(data) {
        let _ = csv::rows(file, &text);
    }
    let _ = xlsx::read(file, data);
});
