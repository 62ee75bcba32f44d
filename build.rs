//! Embeds every file of `checks/` into the binary, and fails the build when a rule's file does
//! not parse: bad YAML, an unknown or missing field, or a file name that is not `<code>.yaml`.
//!
//! [`CheckFile`] mirrors `selfcheck::catalogue::Entry` (which the build script cannot use);
//! `tests/check_files.rs` holds the two to the same fields.

use serde::Deserialize;
use std::fmt::Write as _;
use std::path::Path;

#[path = "build/json.rs"]
mod json;
#[path = "build/phone.rs"]
mod phone;
#[path = "build/probe.rs"]
mod probe;

/// The files of `checks/` that are not a rule's documentation.
pub const DATA_FILES: &[&str] = &["markets.yaml"];

/// A message in both languages (`selfcheck::finding::Text`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

/// `selfcheck::finding::Severity`.
#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// One `checks/<CODE>.yaml`, with the fields of `selfcheck::catalogue::Entry`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct CheckFile {
    pub code: String,
    pub severity: Severity,
    pub programme: String,
    pub title: Text,
    pub checks: Text,
    pub why: Text,
    pub example: String,
    pub how_to_fix: Text,
    #[serde(default)]
    pub figure: Option<Text>,
    #[serde(default)]
    pub fixable: bool,
}

/// Why the rule file `name` (a file name in `checks/`) with contents `text` is malformed.
pub fn check_file_error(name: &str, text: &str) -> Option<String> {
    match serde_saphyr::from_str::<CheckFile>(text) {
        Err(e) => Some(format!("checks/{name}: {e}")),
        Ok(file) if format!("{}.yaml", file.code) != name => Some(format!(
            "checks/{name}: the file of `code: {}` is named `{}.yaml`",
            file.code, file.code
        )),
        Ok(_) => None,
    }
}

#[allow(dead_code)]
fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("checks");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("checks/ is part of the crate")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    let mut errors = Vec::new();
    let mut out = String::from("pub static CHECK_FILES: &[(&str, &str)] = &[\n");
    for name in names {
        let path = dir.join(&name);
        println!("cargo:rerun-if-changed={}", path.display());
        if !DATA_FILES.contains(&name.as_str()) {
            match std::fs::read_to_string(&path) {
                Ok(text) => errors.extend(check_file_error(&name, &text)),
                Err(e) => errors.push(format!("checks/{name}: {e}")),
            }
        }
        writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    if !errors.is_empty() {
        for e in &errors {
            println!("cargo:warning={}", e.replace('\n', " "));
        }
        panic!("malformed rule files in checks/:\n{}", errors.join("\n"));
    }
    docs_url();
    probe::outside_programs();
    let out_dir = std::env::var("OUT_DIR").unwrap();
    phone::write_metadata(Path::new(&out_dir));
    json::write_check_json(&dir, Path::new(&out_dir));
    let dest = Path::new(&out_dir).join("check_files.rs");
    std::fs::write(dest, out).unwrap();
}

/// `[package.metadata.selfcheck] docs_url` of Cargo.toml, handed to the crate as
/// `SELFCHECK_DOCS_URL` (one place for the documentation's address).
fn docs_url() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    println!("cargo:rerun-if-changed={}", manifest.display());
    let text = std::fs::read_to_string(&manifest).expect("Cargo.toml is readable");
    let mut in_section = false;
    let mut url = None;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_section = line == "[package.metadata.selfcheck]";
        } else if in_section && let Some(value) = line.strip_prefix("docs_url") {
            let value = value.trim_start().trim_start_matches('=').trim();
            url = value.strip_prefix('"').and_then(|v| v.strip_suffix('"'));
        }
    }
    let url = url.expect("Cargo.toml: [package.metadata.selfcheck] docs_url = \"https://…{code}\"");
    assert!(
        url.starts_with("https://") && url.contains("{code}"),
        "docs_url is an absolute https URL holding {{code}}"
    );
    println!("cargo:rustc-env=SELFCHECK_DOCS_URL={url}");
}
