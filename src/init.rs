//! `selfcheck init DIR`: a complete, commented template submission that lints clean.
//!
//! Dates are computed from the as-of date, so the template is clean on the day it is written:
//! declarations in the last three months, certificates valid for a year.

use crate::model::{Date, Program};
use std::path::{Path, PathBuf};

const CHALLENGE: &[(&str, &str)] = &[
    (
        "submission.yaml",
        include_str!("../templates/challenge/submission.yaml"),
    ),
    (
        "license.yaml",
        include_str!("../templates/cooperation/license.yaml"),
    ),
    (
        "logistics.yaml",
        include_str!("../templates/challenge/logistics.yaml"),
    ),
    (
        "plan.yaml",
        include_str!("../templates/challenge/plan.yaml"),
    ),
    (
        "registrations.yaml",
        include_str!("../templates/challenge/registrations.yaml"),
    ),
];

/// A 1×1 PNG, standing in for the health-score screenshot.
const PLACEHOLDER_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xFF, 0xFF, 0x3F,
    0x00, 0x05, 0xFE, 0x02, 0xFE, 0xA7, 0x35, 0x81, 0x84, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E,
    0x44, 0xAE, 0x42, 0x60, 0x82,
];

const TEMPLATES: &[(&str, &str)] = &[
    (
        "submission.yaml",
        include_str!("../templates/cooperation/submission.yaml"),
    ),
    (
        "license.yaml",
        include_str!("../templates/cooperation/license.yaml"),
    ),
    (
        "customs.yaml",
        include_str!("../templates/cooperation/customs.yaml"),
    ),
    (
        "returns.yaml",
        include_str!("../templates/cooperation/returns.yaml"),
    ),
    (
        "service.yaml",
        include_str!("../templates/cooperation/service.yaml"),
    ),
    (
        "fulfillment.yaml",
        include_str!("../templates/cooperation/fulfillment.yaml"),
    ),
    (
        "compliance.yaml",
        include_str!("../templates/cooperation/compliance.yaml"),
    ),
];

/// A one-page PDF that says it is a placeholder.
const PLACEHOLDER_PDF: &str = "%PDF-1.4\n% placeholder: replace with the real scan / 占位文件：请替换为真实扫描件\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[]/Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n";

#[derive(Debug)]
pub enum InitError {
    Exists(PathBuf),
    Io(PathBuf, std::io::Error),
}

/// Writes the template of `program` into `dir`, which must not exist or be empty. Returns the
/// files written.
pub fn init(dir: &Path, program: Program, as_of: Date) -> Result<Vec<PathBuf>, InitError> {
    let occupied = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some())
        || (dir.exists() && !dir.is_dir());
    if occupied {
        return Err(InitError::Exists(dir.to_path_buf()));
    }
    let declarations: Vec<(String, String)> = [30i64, 60, 90]
        .iter()
        .enumerate()
        .map(|(i, days)| {
            let date = as_of.add_days(-days);
            let number = format!("5316{:04}0{:09}", date.0.year(), 12_345_678 + i * 1111);
            (date.to_string(), number)
        })
        .collect();
    let fill = |text: &str| -> String {
        let mut out = text
            .replace("{{TODAY}}", &as_of.to_string())
            .replace("{{CERT_UNTIL}}", &as_of.add_days(365).to_string());
        for (i, (date, number)) in declarations.iter().enumerate() {
            out = out
                .replace(&format!("{{{{D{}}}}}", i + 1), date)
                .replace(&format!("{{{{N{}}}}}", i + 1), number);
        }
        out
    };
    // The challenge's dates: T five days ahead, the tasks spread over the stage before T+30.
    let t = as_of.add_days(5);
    let challenge_dates = [
        ("{{T}}", t),
        ("{{OPENED_ON}}", as_of.add_days(-260)),
        ("{{AGREEMENT_START}}", as_of.add_days(-300)),
        ("{{FIRST_ORDER}}", t.add_days(25)),
        ("{{LIVE1}}", t.add_days(10)),
        ("{{LIVE2}}", t.add_days(17)),
        ("{{LIVE3}}", t.add_days(24)),
    ];
    let fill = |text: &str| -> Vec<u8> {
        let mut out = fill(text);
        for (placeholder, date) in challenge_dates {
            out = out.replace(placeholder, &date.to_string());
        }
        out.into_bytes()
    };
    let (templates, scans): (&[(&str, &str)], Vec<String>) = match program {
        Program::Cooperation => {
            let mut scans: Vec<String> = [
                "license.pdf",
                "ce.pdf",
                "anatel.pdf",
                "saso.pdf",
                "iso9001.pdf",
            ]
            .map(str::to_owned)
            .to_vec();
            scans.extend(
                declarations
                    .iter()
                    .map(|(_, n)| format!("declarations/{n}.pdf")),
            );
            (TEMPLATES, scans)
        }
        Program::Challenge => (
            CHALLENGE,
            [
                "license.pdf",
                "commitment-letter.pdf",
                "logistics-agreement.pdf",
            ]
            .map(str::to_owned)
            .to_vec(),
        ),
    };
    let mut files: Vec<(PathBuf, Vec<u8>)> = templates
        .iter()
        .map(|(name, text)| (dir.join(name), fill(text)))
        .collect();
    for scan in scans {
        files.push((
            dir.join("attachments").join(scan),
            PLACEHOLDER_PDF.as_bytes().to_vec(),
        ));
    }
    if program == Program::Challenge {
        files.push((
            dir.join("attachments/health-score.png"),
            PLACEHOLDER_PNG.to_vec(),
        ));
    }
    for (path, text) in &files {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| InitError::Io(parent.to_path_buf(), e))?;
        }
        std::fs::write(path, text).map_err(|e| InitError::Io(path.clone(), e))?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}
