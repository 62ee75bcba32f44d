//! A whole submission folder built from the fuzz bytes, linted and rendered end to end.
//!
//! The input is split at `\n=====\n` into the documents of a submission, in the order below;
//! attachments are valid placeholder scans, so paths in the documents can resolve.
#![no_main]

use libfuzzer_sys::fuzz_target;
use selfcheck::finding::Lang;

const DOCUMENTS: &[&str] = &[
    "submission.yaml",
    "license.yaml",
    "customs.yaml",
    "declarations.csv",
    "returns.yaml",
    "service.yaml",
    "fulfillment.yaml",
    "compliance.yaml",
];
const SEPARATOR: &[u8] = b"\n=====\n";
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj <</Type/Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n";

fuzz_target!(|data: &[u8]| {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path();
    let mut rest = data;
    for name in DOCUMENTS {
        let (part, next) = match rest.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
            Some(i) => (&rest[..i], &rest[i + SEPARATOR.len()..]),
            None => (rest, &[][..]),
        };
        std::fs::write(dir.join(name), part).expect("write");
        rest = next;
    }
    std::fs::create_dir_all(dir.join("attachments/declarations")).expect("mkdir");
    for scan in ["license.pdf", "ce.pdf", "iso9001.pdf", "declarations/531620260012345678.pdf"] {
        std::fs::write(dir.join("attachments").join(scan), PDF).expect("write");
    }
    let mut sub = selfcheck::lint_submission(dir, &selfcheck::Options::default());
    sub.path = "fuzz".to_owned();
    let report = selfcheck::Report::of(vec![sub], None, selfcheck::FailOn::default());
    let _ = selfcheck::render::json::render(&report, Lang::Zh);
    let mut out = Vec::new();
    let _ = selfcheck::render::human::render(&report, Lang::En, true, &mut out);
});
