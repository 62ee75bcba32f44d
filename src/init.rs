//! `selfcheck init DIR`: a complete, commented template submission that lints clean.
//!
//! Dates are computed from the as-of date, so the template is clean on the day it is written:
//! declarations in the last three months, certificates valid for a year.

use crate::model::Date;
use std::path::{Path, PathBuf};

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

/// Writes the template into `dir`, which must not exist or be empty. Returns the files written.
pub fn init(dir: &Path, as_of: Date) -> Result<Vec<PathBuf>, InitError> {
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
    let mut files: Vec<(PathBuf, String)> = TEMPLATES
        .iter()
        .map(|(name, text)| (dir.join(name), fill(text)))
        .collect();
    let mut scans = vec![
        "license.pdf".to_owned(),
        "ce.pdf".to_owned(),
        "anatel.pdf".to_owned(),
        "saso.pdf".to_owned(),
        "iso9001.pdf".to_owned(),
    ];
    scans.extend(
        declarations
            .iter()
            .map(|(_, n)| format!("declarations/{n}.pdf")),
    );
    for scan in scans {
        files.push((
            dir.join("attachments").join(scan),
            PLACEHOLDER_PDF.to_owned(),
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
