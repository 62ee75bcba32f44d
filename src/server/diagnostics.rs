//! A submission's report as the protocol's diagnostics, file by file: the rule's code with a
//! link to its documentation, the severity, the primary label's range, every other label as
//! related information (in whichever file it is), and the safe fix for the code actions.
//!
//! A finding about a whole file (no span: the flood summary of a file, SEL002 at a seller's
//! configuration not used) is shown on the first line of that file. A finding about a document
//! that does not exist (SUB001: `customs.yaml` is missing) is shown on the first line of the
//! submission's `submission.yaml`, which every submission the server lints has.

use super::position::{Encoding, Lines};
use lsp_types::{
    Code, CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    Range, Uri,
};
use selfcheck::finding::{Finding, Lang, Place, Severity};
use selfcheck::source::SourceDb;
use selfcheck::text;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One finding as shown in one file.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    pub diagnostic: Diagnostic,
    /// The rule's code (hover explains it).
    pub code: String,
    /// The safe fix: replace `diagnostic.range` with this text.
    pub fix: Option<Fix>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    /// What it does, in the session's language.
    pub title: String,
    pub replacement: String,
    /// The bytes replaced, to order a file's fixes and leave out those that overlap.
    pub bytes: std::ops::Range<usize>,
}

/// What a file's diagnostics are drawn from.
pub struct Context<'a> {
    pub lang: Lang,
    pub encoding: Encoding,
    /// The URI of a path: the client's own for an open document.
    pub uri_of: &'a dyn Fn(&Path) -> String,
    /// Whether a file exists (open in the editor or on disk), for a finding without a span.
    pub exists: &'a dyn Fn(&Path) -> bool,
}

/// The diagnostics of a lint, by the URI of the file each is shown in.
pub fn of(linted: &selfcheck::run::Linted, cx: &Context) -> BTreeMap<String, Vec<Shown>> {
    let report = &linted.report;
    let dir = Path::new(&report.path);
    let db = &report.loaded.db;
    let catalogue = &report.catalogue;
    let docs_url = linted.config.docs_url.as_deref();
    let mut by_uri: BTreeMap<String, Vec<Shown>> = BTreeMap::new();
    let lines: Vec<Option<Lines>> = db
        .files()
        .map(|(_, file)| file.text.as_deref().map(Lines::new))
        .collect();
    for f in report.findings.iter().filter(|f| f.suppression.is_none()) {
        let (path, range, missing) = place(db, dir, f.place, cx, &lines);
        let code = f.code.as_str().to_owned();
        let title = catalogue.title_of(f, cx.lang);
        let mut message = f.message.get(cx.lang).to_owned();
        if missing {
            // Shown on another file: its own name leads.
            let rel = &db.get(f.place.file()).rel_path;
            if !message.contains(rel.as_str()) {
                message = format!("{rel}: {message}");
            }
        }
        let mut shown = if message == title {
            title
        } else {
            format!("{title}\n{message}")
        };
        if let Some(help) = catalogue.help_of(f) {
            let help = help.get(cx.lang);
            shown.push('\n');
            shown.push_str(text!("help: {help}", "帮助：{help}").get(cx.lang));
        }
        // A pack's rule is documented where the agency says, or not linked.
        let documented = selfcheck::code::Code::parse(&code).is_some() || docs_url.is_some();
        let related: Vec<DiagnosticRelatedInformation> = f
            .labels
            .iter()
            .map(|label| {
                let (path, range, _) = place(db, dir, label.place, cx, &lines);
                DiagnosticRelatedInformation {
                    location: Location {
                        uri: Uri::from((cx.uri_of)(&path)),
                        range,
                    },
                    message: label.message.get(cx.lang).to_owned(),
                }
            })
            .collect();
        let diagnostic = Diagnostic {
            range,
            severity: Some(severity(f.severity)),
            code: Some(Code::String(code.clone())),
            code_description: documented.then(|| CodeDescription {
                href: Uri::from(selfcheck::catalogue::rule_url(&code, docs_url)),
            }),
            source: Some("selfcheck".to_owned()),
            message: lsp_types::Message::String(shown),
            tags: None,
            related_information: (!related.is_empty()).then_some(related),
            data: None,
        };
        let fix = fix(db, f, cx.lang);
        by_uri.entry((cx.uri_of)(&path)).or_default().push(Shown {
            diagnostic,
            code,
            fix,
        });
    }
    by_uri
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::Error,
        Severity::Warning => DiagnosticSeverity::Warning,
        Severity::Info => DiagnosticSeverity::Information,
    }
}

/// The file a place is shown in, its range there, and whether it was moved to `submission.yaml`
/// because its own file does not exist. `lines`: each file's lines, by file id.
fn place(
    db: &SourceDb,
    dir: &Path,
    place: Place,
    cx: &Context,
    lines: &[Option<Lines>],
) -> (PathBuf, Range, bool) {
    let id = place.file();
    let path = selfcheck::source::normalize(&dir.join(&db.get(id).rel_path));
    let lines_of =
        |id: selfcheck::source::FileId| lines.get(id.0 as usize).and_then(Option::as_ref);
    match place {
        Place::Span(span) => {
            let range = lines_of(id)
                .map(|l| l.range(span.range(), cx.encoding))
                .unwrap_or_default();
            (path, range, false)
        }
        Place::File(_) => match lines_of(id) {
            Some(l) => (path, l.first_line(cx.encoding), false),
            None if (cx.exists)(&path) => (path, Range::default(), false),
            None => {
                let anchor = db.find("submission.yaml").and_then(lines_of);
                let first = anchor.map(|l| l.first_line(cx.encoding));
                (dir.join("submission.yaml"), first.unwrap_or_default(), true)
            }
        },
    }
}

/// The safe fix of `f`, as `lint --fix` would apply it: a span in a YAML document that can be
/// written back, and not suppressed.
fn fix(db: &SourceDb, f: &Finding, lang: Lang) -> Option<Fix> {
    // A fix in another document than the diagnostic's (SLA001's of a language entry) is left
    // to `lint --fix`.
    let (Some(fix), Place::Span(span)) = (&f.fix, f.place) else {
        return None;
    };
    if fix.at.is_some() {
        return None;
    }
    let file = db.get(span.file);
    let writable = file.rel_path.ends_with(".yaml") && file.origin.is_some();
    let text = file.text.as_deref()?;
    if !writable || f.suppression.is_some() || text.get(span.range()).is_none() {
        return None;
    }
    Some(Fix {
        title: format!("{} → `{}`", fix.description.get(lang), fix.replacement),
        replacement: fix.replacement.clone(),
        bytes: span.range(),
    })
}
