//! Reads the rules' declarations, `checks/<CODE>.yaml`, into the crate: embeds every file of
//! `checks/`, fails the build on a malformed declaration, and generates the list of codes and
//! the rule registry from them (`build/declarations.rs`). Also hands the documentation's address
//! to the crate, and probes for the outside programs some tests need (`build/probe.rs`).

use std::fmt::Write as _;
use std::path::Path;

/// The type of a declaration: the crate's own file, read by both.
#[path = "src/declaration.rs"]
#[allow(dead_code)]
mod declaration;
#[path = "build/declarations.rs"]
mod declarations;
#[path = "build/json.rs"]
mod json;
#[path = "build/phone.rs"]
mod phone;
#[path = "build/probe.rs"]
mod probe;

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
    let mut files = Vec::new();
    let mut embedded = String::from("pub static CHECK_FILES: &[(&str, &str)] = &[\n");
    for name in names {
        let path = dir.join(&name);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("checks/{name} cannot be read: {e}"));
        writeln!(
            embedded,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
        files.push((name, text));
    }
    embedded.push_str("];\n");
    let entries = declarations::read(&files).unwrap_or_else(|errors| {
        for e in &errors {
            println!("cargo:warning={}", e.replace('\n', " "));
        }
        panic!(
            "malformed rule declarations in checks/:\n{}",
            errors.join("\n")
        );
    });
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).to_path_buf();
    std::fs::write(out.join("check_files.rs"), embedded).unwrap();
    std::fs::write(out.join("codes.rs"), declarations::codes(&entries)).unwrap();
    std::fs::write(out.join("rules.rs"), declarations::registry(&entries)).unwrap();
    docs_url();
    probe::outside_programs();
    phone::write_metadata(&out);
    json::write_check_json(&files, &out);
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
