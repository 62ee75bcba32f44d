//! SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning and others): one run, every rule
//! as a descriptor with its help, its documentation's address (`helpUri`) and its programme and
//! family as tags; results with regions, a stable fingerprint ([`super::fingerprint`]), related
//! locations in the other document linked from the message by their ids, fixes and inline
//! suppressions. The run's category, its order (errors first) and what it says past code
//! scanning's limit are [`super::upload`]'s. Paths are relative to the repository root (the
//! nearest folder holding `.git` above the working directory, else the working directory) where
//! possible.

use super::words;
use crate::catalogue::Catalogue;
use crate::finding::{Finding, Lang, Severity, Text};
use crate::finding::{Location, locate};
use crate::run::Report;
use crate::run::SubmissionReport;
use crate::source::display_path;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const ROOT_ID: &str = "%SRCROOT%";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The folder result paths are relative to.
pub fn source_root() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?.canonicalize().ok()?;
    let git = cwd
        .ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf);
    Some(git.unwrap_or(cwd))
}

/// A message's text as SARIF reads it: `[text](id)` is a link (to a related location, here),
/// so a literal `[` or `]`, and a backslash before one, is escaped with a backslash. Nothing a
/// seller wrote can then make a link.
fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let before_bracket = c == '\\' && matches!(chars.peek(), Some('[' | ']'));
        if matches!(c, '[' | ']') || before_bracket {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Percent-encodes what a URI path may not hold as it is (spaces, non-ASCII).
fn encode(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn artifact(sub: &SubmissionReport, rel: &str, root: Option<&Path>) -> Value {
    let shown = display_path(&sub.path, rel);
    let absolute = Path::new(&sub.path)
        .canonicalize()
        .map(|d| crate::source::normalize(&d.join(rel)))
        .unwrap_or_else(|_| crate::source::normalize(Path::new(&shown)));
    if let Some(relative) = root.and_then(|r| absolute.strip_prefix(r).ok()) {
        let uri = crate::source::slashed(relative);
        return json!({"uri": encode(&uri), "uriBaseId": ROOT_ID});
    }
    if absolute.is_absolute() {
        json!({"uri": format!("file://{}", encode(&crate::source::slashed(&absolute)))})
    } else {
        json!({"uri": encode(&shown)})
    }
}

fn region(loc: &Location) -> Option<Value> {
    Some(json!({
        "startLine": loc.line?,
        "startColumn": loc.column?,
        "endLine": loc.end_line?,
        "endColumn": loc.end_column?,
    }))
}

fn physical(sub: &SubmissionReport, loc: &Location, root: Option<&Path>) -> Value {
    let mut p = json!({"artifactLocation": artifact(sub, &loc.file, root)});
    if let Some(r) = region(loc) {
        p["region"] = r;
    }
    p
}

fn result(
    sub: &SubmissionReport,
    f: &Finding,
    lang: Lang,
    index: usize,
    root: Option<&Path>,
    fingerprint: String,
) -> Value {
    let loc = locate(&sub.loaded.db, f.place);
    let mut text = plain(f.message.get(lang));
    if !f.labels.is_empty() {
        // Code scanning links each `[text](id)` to the related location `id`.
        let links: Vec<String> = f
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| format!("[{}]({i})", plain(l.message.get(lang))))
            .collect();
        let see = text!("see", "参见");
        text.push_str(&format!("\n{}: {}", see.get(lang), links.join("; ")));
    }
    if let Some(h) = sub.catalogue.help_of(f) {
        text.push_str(&format!("\n{}: ", words::help().get(lang)));
        text.push_str(&plain(h.get(lang)));
    }
    let mut r = json!({
        "ruleId": f.code.as_str(),
        "ruleIndex": index,
        "level": level(f.severity),
        "message": {"text": text},
        "locations": [{"physicalLocation": physical(sub, &loc, root)}],
        "partialFingerprints": {super::fingerprint::KEY: fingerprint},
    });
    if !f.labels.is_empty() {
        r["relatedLocations"] = f
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                json!({
                    "id": i,
                    "physicalLocation": physical(sub, &locate(&sub.loaded.db, l.place), root),
                    "message": {"text": plain(l.message.get(lang))},
                })
            })
            .collect();
    }
    let fix_loc = match f.fix.as_ref().and_then(|fix| fix.at) {
        Some(at) => locate(&sub.loaded.db, crate::finding::Place::Span(at)),
        None => loc.clone(),
    };
    if let (Some(fix), Some(region)) = (&f.fix, region(&fix_loc)) {
        r["fixes"] = json!([{
            "description": {"text": fix.description.get(lang)},
            "artifactChanges": [{
                "artifactLocation": artifact(sub, &fix_loc.file, root),
                "replacements": [{"deletedRegion": region, "insertedContent": {"text": fix.replacement}}],
            }],
        }]);
    }
    if let Some(reason) = &f.suppression {
        r["suppressions"] = json!([{"kind": "inSource", "justification": &**reason}]);
    }
    if f.omitted > 0 {
        // The summary of a flood: how many findings of the rule in the file it stands for.
        r["properties"] = json!({"omitted": f.omitted});
    }
    r
}

pub fn render(report: &Report, lang: Lang) -> String {
    super::to_string(
        report,
        super::Format::Sarif,
        &super::Settings::for_report(report, lang),
    )
}

/// The run's tool descriptor, with every rule of the catalogue.
pub fn tool(catalogue: &Catalogue, lang: Lang) -> Value {
    let rules: Vec<Value> = catalogue
        .entries
        .values()
        .map(|e| {
            let h = |heading: Text| words::sentence(&heading).get(lang).to_owned();
            let mut markdown = format!(
                "{}\n\n**{}** {}\n\n",
                e.checks.get(lang),
                h(words::why()),
                e.why.get(lang)
            );
            if let Some(fig) = &e.figure {
                markdown.push_str(&format!("**{}** {}\n\n", h(words::figure()), fig.get(lang)));
            }
            markdown.push_str(&format!(
                "**{}**\n\n```yaml\n{}\n```\n\n**{}** {}",
                h(words::example()),
                e.example.trim_end(),
                h(words::how_to_fix()),
                e.how_to_fix.get(lang)
            ));
            let family = e.code.trim_end_matches(|c: char| c.is_ascii_digit());
            let mut rule = json!({
                "id": e.code,
                "shortDescription": {"text": e.title.get(lang)},
                "fullDescription": {"text": e.checks.get(lang)},
                "help": {"text": e.how_to_fix.get(lang), "markdown": markdown},
                "defaultConfiguration": {"level": level(e.severity)},
                "properties": {"tags": [e.programme(), family]},
            });
            // The built-in rules are documented where the language server links them too; a
            // pack's rules where the agency says, which the tool's descriptor cannot know.
            if crate::code::Code::parse(&e.code).is_some() {
                rule["helpUri"] = json!(crate::catalogue::rule_url(&e.code, None));
            }
            rule
        })
        .collect();
    json!({"driver": {"name": "selfcheck", "version": env!("CARGO_PKG_VERSION"), "rules": rules}})
}

/// The results of one submission.
pub fn results(sub: &SubmissionReport, lang: Lang, root: Option<&Path>) -> Vec<Value> {
    let codes: Vec<&String> = sub.catalogue.entries.keys().collect();
    sub.findings
        .iter()
        .zip(super::fingerprint::of_submission(sub))
        .map(|(f, fingerprint)| {
            let index = codes.iter().position(|c| f.code == c.as_str()).unwrap_or(0);
            result(sub, f, lang, index, root, fingerprint)
        })
        .collect()
}

/// `originalUriBaseIds` for the run, naming the folder result paths are relative to.
pub fn base_ids(root: Option<&Path>) -> Option<Value> {
    let root = root?;
    let uri = format!(
        "file://{}/",
        encode(&crate::source::slashed(root)).trim_end_matches('/')
    );
    Some(json!({ROOT_ID: {"uri": uri}}))
}

pub const SCHEMA_URI: &str = SCHEMA;

/// The run's `invocations`: the configurations that applied (relative to the working directory,
/// `null` for the built-in defaults), each with the number of submissions it applied to.
pub fn invocations(configs: &[(Option<String>, usize)]) -> Value {
    let configurations: Vec<Value> = configs
        .iter()
        .map(|(path, n)| json!({"path": path, "submissions": n}))
        .collect();
    json!([{
        "executionSuccessful": true,
        "properties": {"configurations": configurations},
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_in_a_message_are_not_links() {
        assert_eq!(plain("a [b](0) c"), r"a \[b\](0) c");
        assert_eq!(plain(r"x\[y] \z"), r"x\\\[y\] \z");
        assert_eq!(plain("深圳"), "深圳");
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            encode("sellers/华彩 shop/returns.yaml"),
            "sellers/%E5%8D%8E%E5%BD%A9%20shop/returns.yaml"
        );
    }
}
