//! Reads one submission folder: every document once into the [`SourceDb`], parsed into typed
//! documents; every referenced attachment inspected without being trusted.

pub mod attachment;
mod columns;
pub mod csv;
pub mod overlay;
mod read;
mod saphyr;
pub mod sub;
pub mod suppressions;
pub mod text;
pub mod tree;
pub mod typed;
pub mod xlsx;
pub mod yaml;

use crate::finding::Finding;
use crate::model::*;

use crate::source::{FileId, SourceDb};
use attachment::Attachment;
pub use overlay::Overlay;
use read::{ReadText, read_sized, read_text};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
pub use suppressions::Suppressions;
use tree::Node;

/// Largest YAML document read.
pub const MAX_YAML_BYTES: u64 = 1024 * 1024;
/// Largest `declarations.csv` read.
pub const MAX_CSV_BYTES: u64 = 64 * 1024 * 1024;

/// A parsed document with its file and its span tree.
#[derive(Debug)]
pub struct Doc<T> {
    pub file: FileId,
    pub root: Node,
    pub data: T,
}

/// `declarations.csv`: absent, unreadable (reported as SUB002), or its rows.
#[derive(Debug, Default)]
pub enum Csv {
    #[default]
    Absent,
    Unreadable,
    Rows(csv::Table),
}

/// `declarations.xlsx`: absent, unreadable (reported as SUB002), or the declarations of its
/// first worksheet's rows.
#[derive(Debug, Default)]
pub enum Workbook {
    #[default]
    Absent,
    Unreadable,
    Rows(Vec<Sp<Declaration>>),
}

/// Everything the rules see of one submission. A document that is missing or unreadable is
/// `None`, and the rules that need it are skipped.
#[derive(Debug, Default)]
pub struct Submission {
    pub dir: PathBuf,
    pub db: SourceDb,
    pub submission: Option<Doc<SubmissionDoc>>,
    pub license: Option<Doc<LicenseDoc>>,
    pub customs: Option<Doc<CustomsDoc>>,
    pub declarations_csv: Csv,
    pub declarations_xlsx: Workbook,
    pub returns: Option<Doc<ReturnsDoc>>,
    pub service: Option<Doc<ServiceDoc>>,
    pub fulfillment: Option<Doc<FulfillmentDoc>>,
    pub compliance: Option<Doc<ComplianceDoc>>,
    /// The programme the submission applies to (`program:` in `submission.yaml`).
    pub program: Program,
    /// Programme `challenge`: `submission.yaml` and the challenge's own documents.
    pub challenge: Option<Doc<ChallengeSubmissionDoc>>,
    pub logistics: Option<Doc<LogisticsDoc>>,
    pub plan: Option<Doc<PlanDoc>>,
    pub registrations: Option<Doc<RegistrationsDoc>>,
    /// Documents that exist but could not be read (reported as SUB002); an optional document
    /// that is absent is not here.
    pub unreadable: std::collections::BTreeSet<String>,
    /// Every attachment path referenced by a document (normalized), inspected once.
    pub attachments: BTreeMap<String, Attachment>,
    /// SUB001–SUB003 findings met while loading.
    pub findings: Vec<Finding>,
    /// The names of the files in its folder (not the folders), sorted: the one listing of it.
    pub names: Vec<String>,
    /// Its inline suppression comments, read once: the flood caps, the policy and the forecast
    /// all ask this one value.
    pub suppressions: Suppressions,
}

impl Submission {
    /// YAML declarations first, then CSV rows, then the spreadsheet's, each in file order. The
    /// CSV's rows are read from its text as the iterator goes ([`csv::Table`]), so they come
    /// owned.
    pub fn declarations(&self) -> impl Iterator<Item = Cow<'_, Sp<Declaration>>> {
        let yaml = self
            .customs
            .as_ref()
            .and_then(|c| c.data.declarations.get())
            .map(|l| l.value.iter())
            .into_iter()
            .flatten()
            .map(Cow::Borrowed);
        let csv = match &self.declarations_csv {
            Csv::Rows(table) => {
                Some(table.rows(self.db.get(table.file).text.as_deref().unwrap_or_default()))
            }
            _ => None,
        };
        let xlsx = match &self.declarations_xlsx {
            Workbook::Rows(rows) => rows.as_slice(),
            _ => &[],
        };
        yaml.chain(csv.into_iter().flatten().map(Cow::Owned))
            .chain(xlsx.iter().map(Cow::Borrowed))
    }

    /// Whether a table of declarations (`declarations.csv`, `declarations.xlsx`) exists and could
    /// not be read: how many declarations there are is then unknown.
    pub fn declaration_table_unreadable(&self) -> bool {
        matches!(self.declarations_csv, Csv::Unreadable)
            || matches!(self.declarations_xlsx, Workbook::Unreadable)
    }

    /// The target markets of `submission.yaml`.
    pub fn markets(&self) -> &[Sp<String>] {
        let cooperation = self.submission.as_ref().map(|s| &s.data.markets);
        let challenge = self.challenge.as_ref().map(|s| &s.data.markets);
        cooperation.or(challenge).map_or(&[], list)
    }

    /// The file and span tree of a document, by file name, when it was read.
    pub fn tree(&self, name: &str) -> Option<(FileId, &Node)> {
        fn of<T>(d: &Option<Doc<T>>) -> Option<(FileId, &Node)> {
            d.as_ref().map(|d| (d.file, &d.root))
        }
        match name {
            "submission.yaml" => of(&self.submission).or(of(&self.challenge)),
            "license.yaml" => of(&self.license),
            "customs.yaml" => of(&self.customs),
            "returns.yaml" => of(&self.returns),
            "service.yaml" => of(&self.service),
            "fulfillment.yaml" => of(&self.fulfillment),
            "compliance.yaml" => of(&self.compliance),
            "logistics.yaml" => of(&self.logistics),
            "plan.yaml" => of(&self.plan),
            "registrations.yaml" => of(&self.registrations),
            _ => None,
        }
    }

    /// Every attachment reference that is not blank, in document order, passed to `each`.
    pub fn each_attachment_ref(&self, mut each: impl FnMut(&Sp<String>)) {
        let mut refs = Vec::new();
        if let Some(l) = &self.license {
            refs.extend(l.data.scan.get());
        }
        let mut each = |r: &Sp<String>| {
            if !r.value.trim().is_empty() {
                each(r)
            }
        };
        refs.iter().for_each(|r| each(r));
        refs.clear();
        for decl in self.declarations() {
            if let Some(scan) = decl.scan.get() {
                each(scan);
            }
        }
        if let Some(c) = &self.compliance {
            refs.extend(
                list(&c.data.certificates)
                    .iter()
                    .filter_map(|cert| cert.scan.get()),
            );
        }
        if let Some(attachments) = self
            .challenge
            .as_ref()
            .and_then(|c| c.data.attachments.get())
        {
            refs.extend(attachments.commitment_letter.get());
            refs.extend(attachments.health_score_screenshot.get());
        }
        if let Some(agreement) = self.logistics.as_ref().and_then(|l| l.data.agreement.get()) {
            refs.extend(agreement.scan.get());
        }
        refs.iter().for_each(|r| each(r));
    }
}

/// The entries of an optional list field (none when absent or unreadable).
pub fn list<T>(field: &Field<List<T>>) -> &[Sp<T>] {
    field.get().map_or(&[], |l| l.value.items.as_slice())
}

pub fn load(dir: &Path) -> Submission {
    load_with(dir, &Overlay::default())
}

/// [`load`], each document's text taken from `overlay` where it holds one (open in an editor).
pub fn load_with(dir: &Path, overlay: &Overlay) -> Submission {
    let mut sub = Submission {
        dir: dir.to_path_buf(),
        ..Default::default()
    };
    // One listing of the folder: whether it can be read at all, and the files beside the
    // documents (a near-miss of a missing one, a case twin of one that is there).
    let names = match folder_names(dir) {
        Ok(names) => names,
        Err(e) => {
            let file = sub.db.add("submission.yaml", None);
            let why = crate::finding::io_reason(&e);
            sub.findings.push(sub::folder_unreadable(file, &why));
            return sub;
        }
    };
    for (twin, document) in case_twins(&names) {
        let file = sub.db.add(twin, None);
        sub.findings.push(sub::case_twin(file, twin, document));
    }
    // The folder as given: the resolver canonicalizes it only when a link must be checked.
    let mut resolver = attachment::Resolver::new(dir);
    resolver.overlay = overlay.clone();
    resolver.names = names;
    read_documents(&mut sub, &mut resolver);
    inspect_attachments(&mut sub, &mut resolver);
    sub.names = std::mem::take(&mut resolver.names);
    sub.suppressions = Suppressions::read(&sub.db, &|name| sub.tree(name).map(|(_, node)| node));
    cap_floods(&mut sub);
    sub
}

/// The submission's documents: `submission.yaml` first, which says which programme, and so
/// which documents, the submission has; then those.
fn read_documents(sub: &mut Submission, r: &mut attachment::Resolver) {
    let name = "submission.yaml";
    let parsed = match read_text(sub, r, name, MAX_YAML_BYTES) {
        (file, ReadText::Missing) => {
            sub.findings.push(missing_document(r, file, name));
            None
        }
        // (`Stored` is for a CSV only.)
        (_, ReadText::Failed | ReadText::Stored) => {
            sub.unreadable.insert(name.to_owned());
            None
        }
        (file, ReadText::Text(text)) => match parse_yaml(file, &text, &mut sub.findings) {
            Some(node) => Some((file, text, node)),
            None => {
                sub.unreadable.insert(name.to_owned());
                None
            }
        },
    };
    sub.program = programme(parsed.as_ref().map(|(_, _, node)| node), r);
    if let Some((file, text, node)) = parsed {
        match sub.program {
            Program::Cooperation => {
                sub.submission = typed_yaml(file, &text, node, &mut sub.findings)
            }
            Program::Challenge => sub.challenge = typed_yaml(file, &text, node, &mut sub.findings),
        }
    }
    sub.license = yaml_doc(sub, r, "license.yaml", true);
    match sub.program {
        Program::Cooperation => {
            sub.customs = yaml_doc(sub, r, "customs.yaml", true);
            sub.declarations_csv = csv_doc(sub, r);
            sub.declarations_xlsx = xlsx_doc(sub, r);
            sub.returns = yaml_doc(sub, r, "returns.yaml", true);
            sub.service = yaml_doc(sub, r, "service.yaml", true);
            sub.fulfillment = yaml_doc(sub, r, "fulfillment.yaml", true);
            sub.compliance = yaml_doc(sub, r, "compliance.yaml", false);
        }
        Program::Challenge => {
            sub.logistics = yaml_doc(sub, r, "logistics.yaml", true);
            sub.plan = yaml_doc(sub, r, "plan.yaml", true);
            sub.registrations = yaml_doc(sub, r, "registrations.yaml", false);
        }
    }
}

/// The programme the submission applies to: `program:` of `submission.yaml` (`node`) decides;
/// when it cannot be read (a broken document, a misspelt value), the folder's own documents
/// tell which programme it was written for, so that a typo does not bring the other
/// programme's findings.
fn programme(node: Option<&Node>, r: &attachment::Resolver) -> Program {
    let infer = || {
        let has = |name: &str| {
            let path = r.root().join(name);
            r.overlay.get(&path).is_some() || std::fs::symlink_metadata(path).is_ok()
        };
        if (has("logistics.yaml") || has("plan.yaml")) && !has("customs.yaml") {
            Program::Challenge
        } else {
            Program::Cooperation
        }
    };
    match node {
        None => infer(),
        Some(node) => match node.get("program").map(|n| &n.kind) {
            None | Some(tree::Kind::Null) => Program::Cooperation,
            Some(tree::Kind::Str(s)) => Program::parse(s).unwrap_or_else(infer),
            Some(_) => infer(),
        },
    }
}

/// Every attachment the documents reference, inspected once: each path once, as first written,
/// in the order met.
fn inspect_attachments(sub: &mut Submission, resolver: &mut attachment::Resolver) {
    let mut paths: Vec<String> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    sub.each_attachment_ref(|r| {
        if seen.insert(attachment::normalized(&r.value)) {
            paths.push(r.value.clone());
        }
    });
    for path in paths {
        let key = attachment::normalized(&path);
        if let std::collections::btree_map::Entry::Vacant(slot) = sub.attachments.entry(key) {
            slot.insert(attachment::inspect(resolver, &path));
        }
    }
}

/// Floods of SUB002/SUB003 (SPEC §7), told by the submission's suppressions: the CSV's were
/// capped as its rows were read; a YAML document's problems are bounded by its size and capped
/// here.
fn cap_floods(sub: &mut Submission) {
    let mut findings = std::mem::take(&mut sub.findings);
    crate::finding::cap(&mut findings, &sub.db, |f| {
        sub.suppressions.reason(&sub.db, f)
    });
    sub.findings = findings;
}

/// SUB001 for a required document that is not there, naming a near-miss beside it (the first
/// by name) as the file to rename.
fn missing_document(resolver: &attachment::Resolver, file: FileId, name: &str) -> Finding {
    let near = resolver
        .names
        .iter()
        .filter(|f| crate::discover::near_miss(f, name))
        .min();
    sub::missing_document(file, name, near.map(String::as_str))
}

/// The names of the entries of the folder `dir` that are not folders, sorted.
fn folder_names(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    Ok(names)
}

/// The files of `names` whose name differs from a document's beside them only in letter case
/// (SUB007), each with the document.
fn case_twins(names: &[String]) -> Vec<(&str, &'static str)> {
    let documents = DOCUMENTS.iter().copied().chain(["declarations.csv"]);
    let mut twins = Vec::new();
    for document in documents {
        if !names.iter().any(|n| n == document) {
            continue;
        }
        for name in names {
            if name != document && name.eq_ignore_ascii_case(document) {
                twins.push((name.as_str(), document));
            }
        }
    }
    twins.sort();
    twins
}

fn yaml_doc<T: for<'de> serde::Deserialize<'de>>(
    sub: &mut Submission,
    resolver: &mut attachment::Resolver,
    name: &str,
    required: bool,
) -> Option<Doc<T>> {
    let (file, text) = match read_text(sub, resolver, name, MAX_YAML_BYTES) {
        (file, ReadText::Missing) => {
            if required {
                sub.findings.push(missing_document(resolver, file, name));
            }
            return None;
        }
        (_, ReadText::Failed) => {
            sub.unreadable.insert(name.to_owned());
            return None;
        }
        (file, ReadText::Text(t)) => (file, t),
        // (`Stored` is for a CSV only.)
        (_, ReadText::Stored) => return None,
    };
    let doc = read_yaml(file, &text, &mut sub.findings);
    if doc.is_none() {
        sub.unreadable.insert(name.to_owned());
    }
    doc
}

/// Parses one YAML text into a typed document. Problems become findings (SUB002, SUB003); `None`
/// when the document cannot be read at all. Pure: no file system access.
pub fn read_yaml<T: for<'de> serde::Deserialize<'de>>(
    file: FileId,
    text: &str,
    findings: &mut Vec<Finding>,
) -> Option<Doc<T>> {
    let node = parse_yaml(file, text, findings)?;
    typed_yaml(file, text, node, findings)
}

/// The span tree of a YAML document whose top level is a mapping; else a SUB002 finding.
fn parse_yaml(file: FileId, text: &str, findings: &mut Vec<Finding>) -> Option<Node> {
    // Full-width punctuation where YAML needs ASCII: each character is named where it is, and
    // the document is not read (the parser's own error would point elsewhere, or the values
    // would be silently wrong).
    let mistakes = text::fullwidth(text);
    if !mistakes.is_empty() {
        findings.extend(mistakes.iter().map(|m| text::fullwidth_finding(file, m)));
        return None;
    }
    let node = match yaml::parse(text) {
        Ok(node) => node,
        Err(e) => {
            findings.push(sub::yaml_error(file, text, &e));
            return None;
        }
    };
    if !matches!(node.kind, tree::Kind::Map(_)) {
        findings.push(sub::not_a_mapping(file, &node));
        return None;
    }
    Some(node)
}

/// A parsed tree read into the document type `T`.
fn typed_yaml<T: for<'de> serde::Deserialize<'de>>(
    file: FileId,
    text: &str,
    node: Node,
    findings: &mut Vec<Finding>,
) -> Option<Doc<T>> {
    let (data, problems) = typed::read::<T>(file, text, &node);
    findings.extend(problems.into_iter().map(|p| {
        typed::date_written_otherwise(file, text, &p).unwrap_or_else(|| sub::problem(file, p))
    }));
    Some(Doc {
        file,
        root: node,
        data: data?,
    })
}

fn csv_doc(sub: &mut Submission, resolver: &mut attachment::Resolver) -> Csv {
    let name = "declarations.csv";
    match read_text(sub, resolver, name, MAX_CSV_BYTES) {
        (_, ReadText::Missing) => Csv::Absent,
        (_, ReadText::Failed) => {
            sub.unreadable.insert(name.to_owned());
            Csv::Unreadable
        }
        (file, read) => {
            let rows = match &read {
                ReadText::Text(text) => csv::rows(file, text),
                _ => csv::rows(file, sub.db.get(file).text.as_deref().unwrap_or_default()),
            };
            match rows {
                Ok((table, findings)) => {
                    sub.findings.extend(findings);
                    Csv::Rows(table)
                }
                Err(finding) => {
                    sub.findings.push(*finding);
                    sub.unreadable.insert(name.to_owned());
                    Csv::Unreadable
                }
            }
        }
    }
}

/// `declarations.xlsx`, when there is one: its bytes read (at most [`xlsx::MAX_XLSX_BYTES`]), its
/// first worksheet registered as text with its cells' places ([`crate::source::SheetLayout`]).
fn xlsx_doc(sub: &mut Submission, resolver: &mut attachment::Resolver) -> Workbook {
    let name = "declarations.xlsx";
    let path = resolver.root().join(name);
    let found = match resolver.lookup(&path) {
        Ok(None) => return Workbook::Absent,
        Ok(Some(found)) => Ok(found),
        Err(why) => Err(why),
    };
    let file = sub.db.add(name, None);
    let bytes = found.and_then(|(path, meta)| {
        read_sized(&path, meta.len(), xlsx::MAX_XLSX_BYTES)
            .map_err(|e| attachment::FileProblem::Io(e.to_string()))
    });
    let bytes = match bytes {
        Ok(bytes) if bytes.len() as u64 > xlsx::MAX_XLSX_BYTES => {
            Err(attachment::FileProblem::TooLarge(xlsx::MAX_XLSX_BYTES))
        }
        other => other,
    };
    let read = match bytes {
        Ok(bytes) => xlsx::read(file, &bytes),
        Err(why) => Err(Box::new(sub::unreadable_file(file, why))),
    };
    match read {
        Ok((sheet, findings)) => {
            sub.db.add(name, Some(sheet.text));
            sub.db.set_sheet(file, sheet.layout);
            sub.findings.extend(findings);
            Workbook::Rows(sheet.declarations)
        }
        Err(finding) => {
            sub.findings.push(*finding);
            sub.unreadable.insert(name.to_owned());
            Workbook::Unreadable
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_missing_document_and_a_link_to_nowhere_are_told_apart() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join("submission.yaml"), "program: cooperation\n").unwrap();
        std::os::unix::fs::symlink("nowhere.yaml", dir.join("license.yaml")).unwrap();
        std::os::unix::fs::symlink("nowhere.csv", dir.join("declarations.csv")).unwrap();
        let sub = load(dir);
        // The dangling links are unreadable (SUB002); the missing `customs.yaml` is SUB001.
        assert!(sub.unreadable.contains("license.yaml"));
        assert!(sub.unreadable.contains("declarations.csv"));
        assert!(!sub.unreadable.contains("customs.yaml"));
        let codes: Vec<(String, String)> = sub
            .findings
            .iter()
            .map(|f| (f.code.as_str().to_owned(), file_of(&sub, f)))
            .collect();
        assert!(
            codes.contains(&("SUB001".into(), "customs.yaml".into())),
            "{codes:?}"
        );
        assert!(
            codes.contains(&("SUB002".into(), "license.yaml".into())),
            "{codes:?}"
        );
        assert!(
            !codes.contains(&("SUB001".into(), "license.yaml".into())),
            "{codes:?}"
        );
    }

    fn file_of(sub: &Submission, f: &Finding) -> String {
        sub.db.get(f.place.file()).rel_path.clone()
    }
}
