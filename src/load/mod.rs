//! Reads one submission folder: every document once into the [`SourceDb`], parsed into typed
//! documents; every referenced attachment inspected without being trusted.

pub mod attachment;
pub mod csv;
pub mod sub;
pub mod tree;
pub mod typed;

use crate::finding::Finding;
use crate::model::*;

use crate::source::{FileId, SourceDb};
use attachment::Attachment;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
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
    Rows(FileId, Vec<Sp<Declaration>>),
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
}

impl Submission {
    /// YAML declarations first, then CSV rows, each in file order.
    pub fn declarations(&self) -> impl Iterator<Item = &Sp<Declaration>> {
        let yaml = self
            .customs
            .as_ref()
            .and_then(|c| c.data.declarations.get())
            .map(|l| l.value.iter())
            .into_iter()
            .flatten();
        let csv = match &self.declarations_csv {
            Csv::Rows(_, rows) => rows.iter(),
            _ => [].iter(),
        };
        yaml.chain(csv)
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

    /// Every attachment reference, in document order.
    pub fn attachment_refs(&self) -> Vec<&Sp<String>> {
        let mut refs = Vec::new();
        if let Some(l) = &self.license {
            refs.extend(l.data.scan.get());
        }
        refs.extend(self.declarations().filter_map(|d| d.scan.get()));
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
        refs.retain(|r| !r.value.trim().is_empty());
        refs
    }
}

/// The entries of an optional list field (none when absent or unreadable).
pub fn list<T>(field: &Field<List<T>>) -> &[Sp<T>] {
    field.get().map_or(&[], |l| l.value.items.as_slice())
}

/// What reading a file as text gave.
enum ReadText {
    Missing,
    Text(String),
    /// Reported already.
    Failed,
}

pub fn load(dir: &Path) -> Submission {
    let mut sub = Submission {
        dir: dir.to_path_buf(),
        ..Default::default()
    };
    let root = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mut resolver = attachment::Resolver::new(&root);
    let r = &mut resolver;
    // `submission.yaml` says which programme, and so which documents, the submission has.
    let name = "submission.yaml";
    let parsed = match read_text(&mut sub, r, name, MAX_YAML_BYTES) {
        (file, ReadText::Missing) => {
            sub.findings.push(missing_document(r, file, name));
            None
        }
        (_, ReadText::Failed) => {
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
    // `program:` decides; when it cannot be read (a broken document, a misspelt value), the
    // folder's own documents tell which programme it was written for, so that a typo does not
    // bring the other programme's findings.
    let infer = |r: &attachment::Resolver| {
        let has = |name: &str| std::fs::symlink_metadata(r.root().join(name)).is_ok();
        if (has("logistics.yaml") || has("plan.yaml")) && !has("customs.yaml") {
            Program::Challenge
        } else {
            Program::Cooperation
        }
    };
    sub.program = match &parsed {
        None => infer(r),
        Some((_, _, node)) => match node.get("program").map(|n| &n.kind) {
            None | Some(tree::Kind::Null) => Program::Cooperation,
            Some(tree::Kind::Str(s)) => Program::parse(s).unwrap_or_else(|| infer(r)),
            Some(_) => infer(r),
        },
    };
    if let Some((file, text, node)) = parsed {
        match sub.program {
            Program::Cooperation => {
                sub.submission = typed_yaml(file, &text, node, &mut sub.findings)
            }
            Program::Challenge => sub.challenge = typed_yaml(file, &text, node, &mut sub.findings),
        }
    }
    sub.license = yaml_doc(&mut sub, r, "license.yaml", true);
    match sub.program {
        Program::Cooperation => {
            sub.customs = yaml_doc(&mut sub, r, "customs.yaml", true);
            sub.declarations_csv = csv_doc(&mut sub, r);
            sub.returns = yaml_doc(&mut sub, r, "returns.yaml", true);
            sub.service = yaml_doc(&mut sub, r, "service.yaml", true);
            sub.fulfillment = yaml_doc(&mut sub, r, "fulfillment.yaml", true);
            sub.compliance = yaml_doc(&mut sub, r, "compliance.yaml", false);
        }
        Program::Challenge => {
            sub.logistics = yaml_doc(&mut sub, r, "logistics.yaml", true);
            sub.plan = yaml_doc(&mut sub, r, "plan.yaml", true);
            sub.registrations = yaml_doc(&mut sub, r, "registrations.yaml", false);
        }
    }
    let paths: Vec<String> = sub
        .attachment_refs()
        .iter()
        .map(|r| r.value.clone())
        .collect();
    for path in paths {
        let key = attachment::normalized(&path);
        if let std::collections::btree_map::Entry::Vacant(slot) = sub.attachments.entry(key) {
            slot.insert(attachment::inspect(&mut resolver, &path));
        }
    }
    sub
}

/// SUB001 for a required document that is not there, naming a near-miss beside it (the first
/// by name) as the file to rename.
fn missing_document(resolver: &attachment::Resolver, file: FileId, name: &str) -> Finding {
    let near = crate::discover::near_misses(resolver.root(), name);
    sub::missing_document(file, name, near.first().map(String::as_str))
}

fn read_text(
    sub: &mut Submission,
    resolver: &mut attachment::Resolver,
    name: &str,
    limit: u64,
) -> (FileId, ReadText) {
    let path = resolver.root().join(name);
    if std::fs::symlink_metadata(&path).is_err() {
        return (sub.db.add(name, None), ReadText::Missing);
    }
    let file = sub.db.add(name, None);
    let path = match resolver.regular_file(&path) {
        Ok((target, _)) => target,
        Err(why) => {
            sub.findings.push(sub::unreadable_file(file, why));
            return (file, ReadText::Failed);
        }
    };
    let mut bytes = Vec::new();
    let read = std::fs::File::open(&path).and_then(|f| f.take(limit + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        sub.findings.push(sub::unreadable_file(
            file,
            attachment::FileProblem::Io(e.to_string()),
        ));
        return (file, ReadText::Failed);
    }
    if bytes.len() as u64 > limit {
        sub.findings.push(sub::unreadable_file(
            file,
            attachment::FileProblem::TooLarge(limit),
        ));
        return (file, ReadText::Failed);
    }
    let origin = crate::source::Origin {
        bom: bytes.starts_with(b"\xEF\xBB\xBF"),
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = if name.ends_with(".csv") {
        csv::decode(bytes)
    } else {
        std::str::from_utf8(bytes).ok().map(str::to_owned)
    };
    let Some(text) = text else {
        sub.findings.push(sub::unreadable_file(
            file,
            attachment::FileProblem::NotText(name.ends_with(".csv")),
        ));
        return (file, ReadText::Failed);
    };
    let file = sub.db.add(name, Some(text));
    sub.db.set_origin(file, origin);
    let text = sub.db.get(file).text.clone().unwrap_or_default();
    if let Some(at) = text.find(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        sub.findings.push(sub::control_character(file, &text, at));
        return (file, ReadText::Failed);
    }
    (file, ReadText::Text(text))
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
    let node = match tree::parse(text) {
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
    findings.extend(problems.into_iter().map(|p| sub::problem(file, p)));
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
        (file, ReadText::Text(text)) => match csv::rows(file, &text) {
            Ok((rows, findings)) => {
                sub.findings.extend(findings);
                Csv::Rows(file, rows)
            }
            Err(finding) => {
                sub.findings.push(*finding);
                Csv::Unreadable
            }
        },
    }
}
