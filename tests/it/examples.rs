//! Each catalogue `example:` fires its rule: the example is laid over the clean submission of
//! its programme (`fixtures/clean`, or `fixtures/challenge` for CHL) and the result is linted.
//!
//! An example is a fragment of one or more files, read like this:
//!
//! - `# <file>.yaml …` at the start of a line starts the part of that file; a part without one
//!   goes to the one file of the clean submission that has all its top-level keys in the same
//!   shape (a list of mappings, a list, a mapping or a value).
//! - A mapping is merged into the clean file's. A list replaces the clean list, each mapping
//!   item merged into the clean item whose first key has the same value (so `addresses: [ES]`
//!   keeps the ES address's other fields, and drops the other addresses).
//! - `# no <key>` removes that key where the comment stands; `# <file> is missing` and
//!   `(no <file>)` remove a file; a CSV part replaces the file.
//! - A line with a `# selfcheck: …` comment is found in the clean files by the text before the
//!   comment, and gets the comment.
//!
//! The merged files are written back as JSON (which is YAML). A control run writes the same files
//! back without the example and must not fire the rule, so the rewriting itself fires nothing.

use crate::common;

use selfcheck::catalogue::Catalogue;
use selfcheck::code::Code;
use serde_json::{Map, Value};
use std::path::Path;

/// Examples whose point is a file's bytes, which the example's text can only name and describe:
/// the submission made from the example also gets the non-YAML files of the fixture named here
/// (the example still makes the YAML change, if any; only the bytes are the fixture's).
const BYTES_FROM_THE_FIXTURE: &[(&str, &str)] = &[
    // `scan: attachments/license.pdf    # a Word document renamed to .pdf`
    ("SUB005", "SUB005"),
    // `commitment_letter: attachments/commitment-letter.png   # a photo, not a PDF`
    ("CHL005", "CHL005-image"),
];

const REMOVE: &str = "__the example removes this key__";

/// What building a submission from an example did.
struct Built {
    _tmp: tempfile::TempDir,
    dir: std::path::PathBuf,
    /// Each change the example made, for the failure message; never empty.
    changes: Vec<String>,
}

fn header_file(line: &str) -> Option<String> {
    let rest = line.strip_prefix('#')?;
    let first = rest.split_whitespace().next()?;
    let first = first.trim_end_matches([',', ';', ':']);
    (first.ends_with(".yaml") || first.ends_with(".csv")).then(|| first.to_owned())
}

/// Files the example says are absent.
fn removed_files(example: &str) -> Vec<String> {
    let missing = regex::Regex::new(r"#\s*(\S+\.(?:yaml|csv)) is missing").unwrap();
    let no = regex::Regex::new(r"\(no (\S+\.(?:yaml|csv))\)").unwrap();
    missing
        .captures_iter(example)
        .chain(no.captures_iter(example))
        .map(|c| c[1].to_owned())
        .collect()
}

/// The example split into (file, if named; text) parts.
fn parts(example: &str) -> Vec<(Option<String>, String)> {
    let mut parts = vec![(None, String::new())];
    for line in example.lines() {
        if let Some(file) = header_file(line) {
            parts.push((Some(file), String::new()));
        } else {
            let text = &mut parts.last_mut().unwrap().1;
            text.push_str(line);
            text.push('\n');
        }
    }
    parts.retain(|(file, text)| file.is_some() || !text.trim().is_empty());
    parts
}

fn shape(v: &Value) -> &'static str {
    match v {
        Value::Object(_) => "mapping",
        Value::Array(items) if items.iter().any(Value::is_object) => "list of mappings",
        Value::Array(_) => "list",
        _ => "value",
    }
}

fn merge(base: &mut Value, ex: &Value) {
    match (base, ex) {
        (Value::Object(base), Value::Object(ex)) => {
            for (k, v) in ex {
                if v == REMOVE {
                    base.remove(k);
                } else if let Some(b) = base.get_mut(k) {
                    merge(b, v);
                } else {
                    let mut v = v.clone();
                    strip_removals(&mut v);
                    base.insert(k.clone(), v);
                }
            }
        }
        (Value::Array(base), Value::Array(ex)) => {
            let merged: Vec<Value> = ex
                .iter()
                .map(|item| {
                    let same = item
                        .as_object()
                        .and_then(|o| o.iter().next())
                        .and_then(|(k, v)| base.iter().find(|b| b.get(k) == Some(v)));
                    match same {
                        Some(b) => {
                            let mut b = b.clone();
                            merge(&mut b, item);
                            b
                        }
                        None => {
                            let mut item = item.clone();
                            strip_removals(&mut item);
                            item
                        }
                    }
                })
                .collect();
            *base = merged;
        }
        (base, ex) => *base = ex.clone(),
    }
}

fn strip_removals(v: &mut Value) {
    match v {
        Value::Object(o) => {
            o.retain(|_, v| v != REMOVE);
            o.values_mut().for_each(strip_removals);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_removals),
        _ => {}
    }
}

fn yaml_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_str().unwrap().to_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    names
}

fn read_yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The clean submission of `code`'s programme with `example` laid over it; with `apply` false,
/// the same files rewritten without the example (the control).
fn build(code: &str, example: &str, apply: bool) -> Result<Built, String> {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("submission");
    common::copy_dir(&common::base_of(Path::new(code)), &dir);
    let mut changes = Vec::new();

    // Suppression comments, applied as text.
    for line in example.lines().filter(|l| l.contains("# selfcheck:")) {
        let (content, comment) = line.split_once('#').unwrap();
        let content = content.trim();
        let mut found = false;
        for name in yaml_files(&dir) {
            let path = dir.join(&name);
            let text = std::fs::read_to_string(&path).unwrap();
            if let Some(at) = text.lines().position(|l| l.trim() == content) {
                if apply {
                    let out: Vec<String> = text
                        .lines()
                        .enumerate()
                        .map(|(i, l)| {
                            if i == at {
                                format!("{l}   #{comment}")
                            } else {
                                l.to_owned()
                            }
                        })
                        .collect();
                    std::fs::write(&path, out.join("\n") + "\n").unwrap();
                }
                changes.push(format!("{name}: `{content}` gets `#{comment}`"));
                found = true;
                break;
            }
        }
        if !found {
            return Err(format!("no line `{content}` in the clean submission"));
        }
    }
    if !changes.is_empty() {
        return Ok(Built {
            _tmp: tmp,
            dir,
            changes,
        });
    }

    for file in removed_files(example) {
        if !dir.join(&file).is_file() {
            return Err(format!("the example removes {file}, which is not there"));
        }
        if apply {
            std::fs::remove_file(dir.join(&file)).unwrap();
        }
        changes.push(format!("{file} removed"));
    }

    let no_key = regex::Regex::new(r"^(\s*)# no ([A-Za-z_]+)\s*$").unwrap();
    for (file, text) in parts(example) {
        if file.as_deref().is_some_and(|f| f.ends_with(".csv")) {
            let file = file.unwrap();
            if apply {
                std::fs::write(dir.join(&file), &text).unwrap();
            }
            changes.push(format!("{file} replaced"));
            continue;
        }
        let text: String = text
            .lines()
            .map(|l| {
                no_key
                    .replace(l, format!("${{1}}${{2}}: \"{REMOVE}\""))
                    .into_owned()
                    + "\n"
            })
            .collect();
        let value: Value = serde_saphyr::from_str(&text)
            .map_err(|e| format!("part for {file:?} is not YAML: {e}\n{text}"))?;
        let Value::Object(ex) = value else {
            // Not a mapping: SUB001's folder listing, whose point is its `is missing` comment.
            if removed_files(example).is_empty() {
                return Err(format!("part for {file:?} is not a mapping:\n{text}"));
            }
            continue;
        };
        let file = match file {
            Some(file) => file,
            None => {
                let fits = |name: &String| {
                    let Value::Object(base) = read_yaml(&dir.join(name)) else {
                        return false;
                    };
                    ex.iter().all(|(k, v)| {
                        base.get(k)
                            .is_some_and(|b| v == REMOVE || shape(b) == shape(v))
                    })
                };
                let fitting: Vec<String> = yaml_files(&dir).into_iter().filter(fits).collect();
                match fitting.as_slice() {
                    [one] => one.clone(),
                    _ => {
                        return Err(format!(
                            "cannot tell the file of {:?}: it fits {fitting:?}",
                            ex.keys().collect::<Vec<_>>()
                        ));
                    }
                }
            }
        };
        let path = dir.join(&file);
        let exists = path.is_file();
        let mut doc = if exists {
            read_yaml(&path)
        } else {
            Value::Object(Map::new())
        };
        if apply {
            merge(&mut doc, &Value::Object(ex.clone()));
        }
        // A part for a file the clean submission does not have (SUB007's case twin) is the
        // example's own: the control run does not make it.
        if exists || apply {
            std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap() + "\n").unwrap();
        }
        changes.push(format!(
            "{file}: {}",
            serde_json::to_string(&Value::Object(ex)).unwrap()
        ));
    }

    if let Some((_, fixture)) = BYTES_FROM_THE_FIXTURE
        .iter()
        .find(|(c, _)| apply && *c == code)
    {
        let fixture = common::root().join("fixtures/rules").join(fixture);
        for entry in walkdir::WalkDir::new(&fixture) {
            let entry = entry.unwrap();
            let name = entry.file_name().to_str().unwrap();
            if entry.file_type().is_file()
                && !name.ends_with(".yaml")
                && !name.ends_with(".csv")
                && name != common::REMOVE_LIST
                && name != common::CASE_TWINS
            {
                let rel = entry.path().strip_prefix(&fixture).unwrap();
                std::fs::create_dir_all(dir.join(rel).parent().unwrap()).unwrap();
                std::fs::copy(entry.path(), dir.join(rel)).unwrap();
                changes.push(format!("{}: the fixture's bytes", rel.display()));
            }
        }
    }
    if changes.is_empty() {
        return Err("the example changes nothing".to_owned());
    }
    Ok(Built {
        _tmp: tmp,
        dir,
        changes,
    })
}

#[test]
fn each_catalogue_example_fires_its_rule() {
    let catalogue = Catalogue::builtin();
    let filter = std::env::var("FIXTURES").unwrap_or_default();
    let mut failed = Vec::new();
    let mut checked = 0;
    for code in Code::ALL.iter().map(|c| c.as_str()) {
        // The configuration rules' examples are trees of configuration files: tests/it/trust.rs
        // lints them as written.
        // A retired rule's example is what it fired on once: nothing fires it now.
        let configuration_or_retired = selfcheck::rules::registry::RULES.iter().any(|r| {
            use selfcheck::rules::registry::Check;
            r.code.as_str() == code && matches!(r.check, Check::Configuration | Check::Retired)
        });
        if !code.starts_with(&filter) || configuration_or_retired {
            continue;
        }
        let Some(entry) = catalogue.get(code) else {
            failed.push(format!("{code}: no catalogue entry"));
            continue;
        };
        let (control, example) = match (
            build(code, &entry.example, false),
            build(code, &entry.example, true),
        ) {
            (Ok(c), Ok(e)) => (c, e),
            (Err(e), _) | (_, Err(e)) => {
                failed.push(format!("{code}: {e}"));
                continue;
            }
        };
        let control_codes = common::codes(&common::lint_as(&control.dir, "control"));
        if control_codes.iter().any(|c| c == code) {
            failed.push(format!(
                "{code}: fires without its example (control run: {control_codes:?})"
            ));
            continue;
        }
        let report = common::lint_as(&example.dir, code);
        let codes = common::codes(&report);
        if !codes.iter().any(|c| c == code) {
            failed.push(format!(
                "{code}: its example does not fire it; the example made {:#?}, which fired {codes:?}",
                example.changes
            ));
        }
        checked += 1;
    }
    assert!(failed.is_empty(), "{failed:#?}");
    assert!(
        filter.is_empty() || checked > 0,
        "no code starts with {filter}"
    );
}
