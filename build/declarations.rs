//! The rules' declarations, `checks/<CODE>.yaml`, checked and turned into code at build time: the
//! list of codes (`src/code.rs` includes it) and the rule registry (`src/rules/registry.rs`
//! includes it), the way clippy generates its list of declared lints. A malformed declaration
//! fails the build with its file named. `tests/it/check_files.rs` runs the same checks.

use super::declaration::{Entry, FAMILIES, RAISED_BY, Scope};
use std::fmt::Write as _;

/// The files of `checks/` that are not a rule's declaration.
pub const DATA_FILES: &[&str] = &["markets.yaml"];

/// The declarations of `files` (each a file name in `checks/` and its text; the data files are
/// passed over), in code order, or every mistake found.
pub fn read(files: &[(String, String)]) -> Result<Vec<Entry>, Vec<String>> {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (name, text) in files {
        if DATA_FILES.contains(&name.as_str()) {
            continue;
        }
        match serde_saphyr::from_str::<Entry>(text) {
            Err(e) => errors.push(format!("checks/{name}: {e}")),
            Ok(entry) => match mistake(name, &entry) {
                Some(why) => errors.push(format!("checks/{name}: {why}")),
                None => entries.push(entry),
            },
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    entries.sort_by_key(|e| order(&e.code));
    Ok(entries)
}

/// Where a code sorts: its family's place in [`FAMILIES`], then its number.
fn order(code: &str) -> (usize, String) {
    let family = code.get(..3).unwrap_or("");
    let rank = FAMILIES.iter().position(|f| *f == family);
    (rank.unwrap_or(usize::MAX), code.to_owned())
}

/// What is wrong with a declaration that parsed, if anything.
pub fn mistake(name: &str, e: &Entry) -> Option<String> {
    let code = &e.code;
    let well_formed = code.len() == 6
        && code[..3].bytes().all(|b| b.is_ascii_uppercase())
        && code[3..].bytes().all(|b| b.is_ascii_digit());
    if !well_formed {
        return Some(format!(
            "`{code}` is not a code: three capitals and three digits"
        ));
    }
    if format!("{code}.yaml") != name {
        return Some(format!("the file of `code: {code}` is named `{code}.yaml`"));
    }
    if !FAMILIES.contains(&&code[..3]) {
        return Some(format!(
            "`{}` is not a family: one of {}",
            &code[..3],
            FAMILIES.join(", ")
        ));
    }
    if e.scope == Scope::Pack {
        return Some("`scope: pack` is for rule packs; a built-in rule is `document`, `cooperation`, `shared-licence` or `challenge`".to_owned());
    }
    if (e.check == "retired") != e.retired.is_some() {
        return Some(
            "a retired rule has both `check: retired` and `retired:` (what became of it)"
                .to_owned(),
        );
    }
    let runs = !RAISED_BY.contains(&e.check.as_str());
    if runs && !is_path(&e.check) {
        return Some(format!(
            "`check: {}` is neither one of {} nor the path of a function below src/rules/ (`family::function`)",
            e.check,
            RAISED_BY.join(", ")
        ));
    }
    match e.dates.as_deref() {
        None => None,
        Some(_) if !runs => Some("`dates` is for a rule whose `check` is a function".to_owned()),
        Some("daily") => None,
        Some(path) if is_path(path) => None,
        Some(other) => Some(format!(
            "`dates: {other}` is neither `daily` nor the path of a function below src/rules/"
        )),
    }
}

/// Whether `s` is a path of at least two lower-case identifiers (`cus::consignor_matches`).
fn is_path(s: &str) -> bool {
    let parts: Vec<&str> = s.split("::").collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            p.chars()
                .next()
                .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
}

/// The body of `codes! { … }`: every code, in code order, ten a line.
pub fn codes(entries: &[Entry]) -> String {
    let mut out = String::from("codes! {\n");
    for chunk in entries.chunks(10) {
        let line: Vec<&str> = chunk.iter().map(|e| e.code.as_str()).collect();
        writeln!(out, "    {}", line.join(" ")).unwrap();
    }
    out.push_str("}\n");
    out
}

/// The registry: a `Rule` for every declaration, in code order.
pub fn registry(entries: &[Entry]) -> String {
    let mut out = String::from(
        "/// Every built-in rule, in code order: generated from `checks/` by `build.rs`.\n\
         pub static RULES: &[Rule] = &[\n",
    );
    for e in entries {
        let scope = match e.scope {
            Scope::Document => "Document",
            Scope::Cooperation => "Cooperation",
            Scope::SharedLicence => "SharedLicence",
            Scope::Challenge => "Challenge",
            Scope::Pack => "Pack",
        };
        let check = match e.check.as_str() {
            "loader" => "Check::Loader".to_owned(),
            "policy" => "Check::Policy".to_owned(),
            "configuration" => "Check::Configuration".to_owned(),
            "retired" => "Check::Retired".to_owned(),
            path => format!("Check::Run(crate::rules::{path})"),
        };
        let dates = match e.dates.as_deref() {
            None => "Dates::Fixed".to_owned(),
            Some("daily") => "Dates::Daily".to_owned(),
            Some(path) => format!("Dates::Changes(crate::rules::{path})"),
        };
        writeln!(
            out,
            "    Rule {{ code: Code::{}, scope: Scope::{scope}, fixable: {}, check: {check}, dates: {dates} }},",
            e.code, e.fixable
        )
        .unwrap();
    }
    out.push_str("];\n");
    out
}
