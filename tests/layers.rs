//! The modules of `src/` form layers that only point down: a module may use its own layer and
//! the layers below it, never one above. The README's design map shows the same order.

use std::collections::BTreeMap;
use std::path::Path;

/// Bottom first. Each top-level module of the library, in the layer it belongs to.
const LAYERS: &[&[&str]] = &[
    // Data every layer shares: files and spans, findings, codes, the checklist's text.
    &["source", "finding", "code", "catalogue"],
    // The documents as Rust types, and the market table.
    &["model", "markets"],
    // Text to typed documents; where the submissions are.
    &["load", "discover", "schema"],
    // The checks: built-in rules, rule packs, and the configuration that tunes them.
    &["rules", "pack", "config"],
    // What a run keeps of the findings.
    &["policy"],
    &["report"],
    // The run itself, and what is done with its reports.
    &["run", "render", "forecast"],
    &["fix", "init"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The top-level module a file under `src/` belongs to (`None` for lib.rs, and for main.rs and
/// the binary's own modules, `cli/` and `server/`, which use the library from above).
fn module_of(rel: &Path) -> Option<String> {
    let first = rel.components().next()?.as_os_str().to_str()?.to_owned();
    let name = first.trim_end_matches(".rs").to_owned();
    (!["lib", "main", "cli", "server"].contains(&name.as_str())).then_some(name)
}

/// The top-level modules a source text names with `crate::…`; names re-exported at the crate
/// root (`crate::Report`) count as the module that defines them.
fn uses(text: &str) -> Vec<String> {
    let root_items: BTreeMap<&str, &str> = [
        ("Report", "report"),
        ("SubmissionReport", "report"),
        ("Counts", "report"),
        ("Summary", "report"),
        ("Options", "run"),
        ("PackSet", "run"),
        ("RunError", "run"),
        ("Shard", "run"),
        ("lint", "run"),
        ("lint_each", "run"),
        ("lint_submission", "run"),
        ("lint_with", "run"),
        ("load_packs", "run"),
        ("today_cst", "run"),
        ("text", "finding"),
    ]
    .into_iter()
    .collect();
    let mut found = Vec::new();
    let code: String = text
        .lines()
        .take_while(|l| !l.trim_start().starts_with("#[cfg(test)]"))
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let mut names: Vec<&str> = Vec::new();
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            names.extend(group[..end].split(',').map(|n| n.trim()));
        } else {
            names.push(rest);
        }
        for name in names {
            let ident: String = name
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if ident.is_empty() {
                continue;
            }
            let module = root_items.get(ident.as_str()).copied().unwrap_or(&ident);
            found.push(module.to_owned());
        }
    }
    found
}

#[test]
fn modules_only_use_their_own_layer_or_those_below() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut upward = Vec::new();
    let mut unplaced = Vec::new();
    for entry in walk(&src) {
        let rel = entry.strip_prefix(&src).expect("below src");
        let Some(module) = module_of(rel) else {
            continue;
        };
        let Some(own) = layer_of(&module) else {
            unplaced.push(module);
            continue;
        };
        let text = std::fs::read_to_string(&entry)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", entry.display()));
        for used in uses(&text) {
            match layer_of(&used) {
                Some(layer) if layer > own => {
                    upward.push(format!("{} uses crate::{used}", rel.display()));
                }
                _ => {}
            }
        }
    }
    unplaced.sort();
    unplaced.dedup();
    assert!(
        unplaced.is_empty(),
        "modules missing from LAYERS: {unplaced:?}"
    );
    upward.sort();
    upward.dedup();
    assert!(
        upward.is_empty(),
        "uses of a higher layer:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_layer_check_sees_an_upward_use() {
    assert_eq!(uses("use crate::load::typed::{Field, Sp};"), ["load"]);
    assert_eq!(uses("use crate::{Report, finding};"), ["report", "finding"]);
    assert!(layer_of("load") > layer_of("model"));
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}
