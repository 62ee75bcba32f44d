//! The inline suppression comments of a submission's YAML documents, read once when it is
//! loaded:
//!
//! ```yaml
//! postal_code: "28009"   # selfcheck: ignore[RET003] the warehouse asked for the bare code
//! # selfcheck: ignore[RET007, RET008] reviewed with the account manager
//! - market: ES
//! ```
//! A trailing comment covers its own line; a comment alone on its line covers the line below.
//! `policy::suppress` applies them; the flood caps (`crate::finding::cap`, the rules' contexts)
//! ask whether one covers a finding; the forecast judges every date with the same value.

use super::tree::{Kind, Node};
use crate::finding::{Finding, Place};
use crate::source::{FileId, SourceDb, Span};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// Whether an inline comment may suppress findings of `code`. Document findings (SUB001–SUB007)
/// may not: they say a document could not be read or checked, so suppressing one would switch
/// off the rules that needed it; only an agency's configuration may change their severity.
pub fn suppressible(code: &str) -> bool {
    !code.starts_with("SUB")
}

/// The longest reason kept, in characters; a longer one is cut, the cut marked `…`. A reason is
/// stored once and shared by every finding it suppresses.
pub const MAX_REASON_CHARS: usize = 200;

/// One `# selfcheck: ignore[…]` comment.
#[derive(Debug)]
pub struct Suppression {
    pub file: FileId,
    /// The 1-based line whose findings it covers.
    pub covers: usize,
    /// The codes it names, upper case.
    pub codes: Vec<String>,
    pub reason: Arc<str>,
    pub span: Span,
}

/// Every suppression comment of a submission, in file and line order, with the comments
/// covering each line.
#[derive(Debug)]
pub struct Suppressions {
    pub all: Vec<Suppression>,
    /// The comments covering each line, by file and 1-based line: a flood of comments is not
    /// quadratic.
    by_line: BTreeMap<(FileId, usize), Vec<usize>>,
    /// Whether the run honours them (`--no-inline-suppressions`, `inline_suppressions: false`):
    /// when it does not, no finding is suppressed, and a flood counts every finding.
    pub honoured: bool,
}

impl Default for Suppressions {
    fn default() -> Suppressions {
        Suppressions {
            all: Vec::new(),
            by_line: BTreeMap::new(),
            honoured: true,
        }
    }
}

impl Suppressions {
    /// The comments of the YAML documents in `db` (`tree`: a document's span tree by file name,
    /// to tell a comment from a `#` inside a text value).
    pub fn read<'a>(db: &SourceDb, tree: &dyn Fn(&str) -> Option<&'a Node>) -> Suppressions {
        let all = comments(db, tree);
        let mut by_line: BTreeMap<(FileId, usize), Vec<usize>> = BTreeMap::new();
        for (i, s) in all.iter().enumerate() {
            by_line.entry((s.file, s.covers)).or_default().push(i);
        }
        Suppressions {
            all,
            by_line,
            honoured: true,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// The comment that names `f`'s code on `f`'s line, and the place of the code in its list.
    pub fn covering(&self, db: &SourceDb, f: &Finding) -> Option<(usize, usize)> {
        let Place::Span(span) = f.place else {
            return None;
        };
        if self.all.is_empty() || !suppressible(f.code.as_str()) {
            return None;
        }
        let line = db.get(span.file).line_col(span.start as usize).0;
        self.by_line.get(&(span.file, line))?.iter().find_map(|&i| {
            let at = self.all[i]
                .codes
                .iter()
                .position(|c| f.code == c.as_str())?;
            Some((i, at))
        })
    }

    /// The reason of the comment that suppresses `f` (it names `f`'s code on `f`'s line, and the
    /// run honours inline suppressions), if one does.
    pub fn reason(&self, db: &SourceDb, f: &Finding) -> Option<Arc<str>> {
        if !self.honoured {
            return None;
        }
        self.covering(db, f)
            .map(|(i, _)| self.all[i].reason.clone())
    }
}

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:^|\s)#\s*selfcheck:\s*ignore\[([^\]]*)\][ \t]*(.*?)\s*$").expect("valid")
    })
}

/// A reason as kept: at most [`MAX_REASON_CHARS`] characters, a cut marked `…`.
fn capped(reason: &str) -> Arc<str> {
    match reason.char_indices().nth(MAX_REASON_CHARS) {
        None => reason.into(),
        Some((at, _)) => format!("{}…", &reason[..at]).into(),
    }
}

/// The comments of `db`'s YAML documents, in file and line order.
fn comments<'a>(db: &SourceDb, tree: &dyn Fn(&str) -> Option<&'a Node>) -> Vec<Suppression> {
    let mut found = Vec::new();
    for (file, source) in db.files() {
        let Some(text) = source.text.as_deref() else {
            continue;
        };
        // Every comment holds `selfcheck:` as written: a document without it (nearly all) is
        // passed over at the speed of a substring search, not a regex a line.
        if !source.rel_path.ends_with(".yaml") || !text.contains("selfcheck:") {
            continue;
        }
        let values = scalar_ranges(tree(&source.rel_path));
        let starts = crate::source::line_starts(text);
        let ends = starts.iter().skip(1).copied().chain([text.len()]);
        for (index, (offset, end)) in starts.iter().copied().zip(ends).enumerate() {
            let line = &text[offset..end];
            if let Some(caps) = line
                .contains("selfcheck:")
                .then(|| pattern().captures(line))
                .flatten()
            {
                let whole = caps.get(0).expect("match");
                let hash = offset + whole.start() + whole.as_str().find('#').unwrap_or(0);
                // The text values are in document order and do not overlap.
                let before = values.partition_point(|r| r.start <= hash);
                if before > 0 && values[before - 1].contains(&hash) {
                    continue;
                }
                let start = offset
                    + whole.start()
                    + (whole.as_str().len() - whole.as_str().trim_start().len());
                let end = offset + line.trim_end().len();
                let codes: Vec<String> = caps[1]
                    .split(',')
                    .map(|c| c.trim().to_uppercase())
                    .filter(|c| !c.is_empty())
                    .collect();
                let alone = line.trim_start().starts_with('#');
                found.push(Suppression {
                    file,
                    covers: if alone { index + 2 } else { index + 1 },
                    codes,
                    reason: capped(caps[2].trim()),
                    span: Span::new(file, start..end),
                });
            }
        }
    }
    found
}

/// The byte ranges of the text values of a document: a `#` inside one is text, not a comment.
fn scalar_ranges(root: Option<&Node>) -> Vec<std::ops::Range<usize>> {
    fn walk(n: &Node, out: &mut Vec<std::ops::Range<usize>>) {
        match &n.kind {
            Kind::Str(_) => out.push(n.defined.clone()),
            Kind::Seq(items) => items.iter().for_each(|i| walk(i, out)),
            Kind::Map(entries) => entries.iter().for_each(|(_, v)| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Some(root) = root {
        walk(root, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_inside_a_text_value_is_not_a_comment() {
        let text = "a: \"28009 # selfcheck: ignore[RET002]\"\nb: 1  # selfcheck: ignore[RET003]\n";
        let root = crate::load::yaml::parse(text).unwrap();
        let mut db = SourceDb::default();
        db.add("returns.yaml", Some(text.into()));
        let s = Suppressions::read(&db, &|_| Some(&root));
        assert_eq!(s.all.len(), 1);
        assert_eq!(s.all[0].codes, ["RET003"]);
    }

    #[test]
    fn trailing_and_own_line_comments_cover_the_right_line() {
        let mut db = SourceDb::default();
        db.add(
            "returns.yaml",
            Some("a: 1  # selfcheck: ignore[RET003] bare code requested\n# selfcheck: ignore[ret007,RET008]\nb: 2\nc: \"# selfcheck: not a comment\"\n".into()),
        );
        let s = Suppressions::read(&db, &|_| None).all;
        assert_eq!(s.len(), 2);
        assert_eq!(
            (s[0].covers, s[0].codes.clone(), &*s[0].reason),
            (1, vec!["RET003".to_owned()], "bare code requested")
        );
        assert_eq!(
            (s[1].covers, s[1].codes.clone()),
            (3, vec!["RET007".to_owned(), "RET008".to_owned()])
        );
    }

    #[test]
    fn a_long_reason_is_cut_and_the_cut_marked() {
        let long = "x".repeat(MAX_REASON_CHARS + 50);
        let text = format!("a: 1  # selfcheck: ignore[RET003] {long}\n");
        let mut db = SourceDb::default();
        db.add("returns.yaml", Some(text));
        let s = Suppressions::read(&db, &|_| None).all;
        assert_eq!(s[0].reason.chars().count(), MAX_REASON_CHARS + 1);
        assert!(s[0].reason.ends_with('…'));
        let short = capped("深圳 reason");
        assert_eq!(&*short, "深圳 reason");
    }
}
