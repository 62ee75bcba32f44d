//! Renderers: findings in, text out. Nothing here decides what is wrong.

pub mod catalogue;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod stream;
pub mod untrusted;

use crate::catalogue::Catalogue;
use crate::finding::{Finding, Lang, Place, Text};
use crate::report::{Report, Summary};
use crate::source::SourceDb;
use serde::Serialize;
use std::sync::Arc;

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Junit,
    Html,
}

/// How outputs are rendered in a run.
#[derive(Clone, Debug)]
pub struct Settings {
    pub lang: Lang,
    /// ANSI colour in human output.
    pub color: bool,
    /// JUnit: a rule fails at findings of this severity or above.
    pub fail_on: Option<crate::finding::Severity>,
    /// `--select` / `--ignore`: the rules that ran (JUnit has a test case per rule that ran).
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    /// The rules of the run, for the outputs that list them (SARIF, JUnit).
    pub catalogue: Arc<Catalogue>,
    /// `--shard K/N` as (K, N): the HTML overview says which slice it shows.
    pub shard: Option<(usize, usize)>,
}

impl Settings {
    pub fn new(lang: Lang) -> Settings {
        Settings {
            lang,
            color: false,
            fail_on: Some(crate::finding::Severity::Error),
            select: Vec::new(),
            ignore: Vec::new(),
            catalogue: Arc::default(),
            shard: None,
        }
    }

    /// The settings of `report`'s run, in `lang`.
    pub fn for_report(report: &crate::report::Report, lang: Lang) -> Settings {
        Settings {
            catalogue: report.catalogue(),
            ..Settings::new(lang)
        }
    }

    pub fn ran(&self, code: &str) -> bool {
        (self.select.is_empty() || self.select.iter().any(|p| code.starts_with(p.as_str())))
            && !self.ignore.iter().any(|p| code.starts_with(p.as_str()))
    }
}

/// The whole report in one format (tests, small runs).
pub fn to_string(report: &Report, format: Format, settings: &Settings) -> String {
    let mut buf = Vec::new();
    {
        let mut sink =
            stream::sink(format, settings, Box::new(&mut buf)).expect("writing to memory");
        for sub in &report.submissions {
            sink.submission(sub).expect("writing to memory");
        }
        let summary = Summary {
            as_of: report.as_of,
            counts: report.counts(),
            submissions: report.submissions.len(),
        };
        sink.finish(&summary).expect("writing to memory");
    }
    String::from_utf8(buf).unwrap_or_default()
}

/// The finding's own title, else the catalogue title of its rule.
pub fn title(catalogue: &Catalogue, f: &Finding, lang: Lang) -> String {
    if let Some(title) = &f.title {
        return title.get(lang).to_owned();
    }
    catalogue
        .get(f.code.as_str())
        .map_or_else(|| f.code.to_string(), |e| e.title.get(lang).to_owned())
}

/// The finding's own help, else the rule's general "how to fix".
pub fn help(catalogue: &Catalogue, f: &Finding) -> Option<Text> {
    f.help
        .clone()
        .or_else(|| catalogue.get(f.code.as_str()).map(|e| e.how_to_fix.clone()))
}

/// The programme's figure behind the rule, if it published one.
pub fn note(catalogue: &Catalogue, f: &Finding) -> Option<Text> {
    catalogue
        .get(f.code.as_str())
        .and_then(|e| e.figure.clone())
}

/// The submission-relative path joined to the submission folder, for display.
/// A `../` of `rel` (a configuration above the submission) takes back a folder of `submission`
/// where it names one: `agency/seller` and `../.selfcheck.yaml` give `agency/.selfcheck.yaml`.
pub fn display_path(submission: &str, rel: &str) -> String {
    if submission == "." || submission.is_empty() {
        return rel.to_owned();
    }
    let mut base: Vec<&str> = submission.trim_end_matches('/').split('/').collect();
    let mut rest = rel;
    while let Some(up) = rest.strip_prefix("../") {
        match base.last() {
            Some(&last) if last != ".." && last != "." && !last.is_empty() => {
                base.pop();
                rest = up;
            }
            _ => break,
        }
    }
    if base.is_empty() {
        rest.to_owned()
    } else {
        format!("{}/{rest}", base.join("/"))
    }
}

/// Where a finding or label is: the file relative to the submission, 1-based line and column
/// counted in characters, exclusive ends; no line for a whole document.
#[derive(Clone, Debug, Serialize)]
pub struct Location {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
}

pub fn locate(db: &SourceDb, place: Place) -> Location {
    let file = db.get(place.file());
    let (line, column, end_line, end_column) = match place {
        Place::Span(s) => {
            let (line, column) = file.line_col(s.start as usize);
            let (end_line, end_column) = file.line_col(s.end as usize);
            (Some(line), Some(column), Some(end_line), Some(end_column))
        }
        Place::File(_) => (None, None, None, None),
    };
    Location {
        file: file.rel_path.clone(),
        line,
        column,
        end_line,
        end_column,
    }
}

#[cfg(test)]
mod tests {
    use super::display_path;

    #[test]
    fn paths_join_and_climb_back_where_they_can() {
        assert_eq!(display_path(".", "returns.yaml"), "returns.yaml");
        assert_eq!(
            display_path("sellers/a/", "returns.yaml"),
            "sellers/a/returns.yaml"
        );
        assert_eq!(
            display_path("agency/sellers/a", "../../.selfcheck.yaml"),
            "agency/.selfcheck.yaml"
        );
        assert_eq!(
            display_path("a", "../../.selfcheck.yaml"),
            "../.selfcheck.yaml"
        );
        assert_eq!(display_path("../a", "../x.yaml"), "../x.yaml");
    }
}
