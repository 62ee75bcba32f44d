//! Output as the run goes: each submission is rendered as soon as its turn comes and then dropped,
//! so a run over tens of thousands of submissions holds no more than one chunk of them. JSON,
//! GitLab, GitHub and human output are written as they come; SARIF writes its errors as they
//! come and keeps its warnings and notes in temporary files until the end (errors first); JUnit
//! keeps each submission's small test suite, since its root element carries the totals; HTML
//! and the job summary write what is known only at the end before or after them.

use super::{Settings, Sink, github, gitlab, human, json, junit, sarif, upload};
use crate::finding::{Severity, Text};
use crate::report::Summary;
use crate::run::SubmissionReport;
use std::io::{self, Seek, SeekFrom, Write};

/// `value` pretty-printed, every line indented by `indent` spaces.
fn indented(value: &serde_json::Value, indent: usize) -> String {
    let pad = " ".repeat(indent);
    serde_json::to_string_pretty(value)
        .unwrap_or_default()
        .lines()
        .map(|l| format!("{pad}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) struct Human<'a> {
    pub(super) out: Box<dyn Write + 'a>,
    pub(super) settings: &'a Settings,
    pub(super) closing: human::Closing,
}

/// Counts `config` as applied to one more submission.
fn count_config(configs: &mut Vec<(Option<String>, usize)>, config: &Option<String>) {
    match configs.iter_mut().find(|(c, _)| c == config) {
        Some((_, n)) => *n += 1,
        None => configs.push((config.clone(), 1)),
    }
}

impl Sink for Human<'_> {
    fn submission(&mut self, sub: &SubmissionReport) -> io::Result<()> {
        let c = &mut self.closing;
        c.suppressed += sub
            .findings
            .iter()
            .filter(|f| f.suppression.is_some())
            .count();
        c.not_honoured += sub
            .findings
            .iter()
            .filter(|f| sub.ignored_suppression(f).is_some())
            .count();
        count_config(&mut c.configs, &sub.config);
        c.as_of.add(sub.as_of, sub.as_of_source);
        c.see_outlook(sub);
        c.see_unreadable(sub);
        human::render_submission(sub, self.settings.lang, self.settings.color, &mut self.out)
    }

    fn finish(mut self: Box<Self>, summary: &Summary) -> io::Result<()> {
        let closing = human::Closing {
            counts: summary.counts,
            submissions: summary.submissions,
            failed: summary.failing,
            fail_on: summary.fail_on,
            ..std::mem::take(&mut self.closing)
        };
        writeln!(self.out, "{}", human::closing(&closing, self.settings.lang))?;
        self.out.flush()
    }
}

pub(super) struct Json<'a> {
    pub(super) out: Box<dyn Write + 'a>,
    pub(super) settings: &'a Settings,
    pub(super) first: bool,
}

impl<'a> Json<'a> {
    pub(super) fn start(
        mut out: Box<dyn Write + 'a>,
        settings: &'a Settings,
    ) -> io::Result<Json<'a>> {
        write!(out, "{{\n  \"version\": 1,\n  \"submissions\": [")?;
        Ok(Json {
            out,
            settings,
            first: true,
        })
    }
}

impl Sink for Json<'_> {
    fn submission(&mut self, sub: &SubmissionReport) -> io::Result<()> {
        let sep = if self.first { "\n" } else { ",\n" };
        self.first = false;
        write!(
            self.out,
            "{sep}{}",
            indented(&json::submission(sub, self.settings.lang), 4)
        )
    }

    fn finish(mut self: Box<Self>, summary: &Summary) -> io::Result<()> {
        let close = if self.first { "]" } else { "\n  ]" };
        writeln!(
            self.out,
            "{close},\n  \"as_of\": {},\n  \"counts\": {}\n}}",
            summary
                .as_of
                .map_or_else(|| "null".to_owned(), |d| format!("\"{d}\"")),
            indented(&json::counts(summary.counts), 2).trim_start()
        )?;
        self.out.flush()
    }
}

pub(super) struct Sarif<'a> {
    pub(super) out: Box<dyn Write + 'a>,
    pub(super) settings: &'a Settings,
    pub(super) root: Option<std::path::PathBuf>,
    pub(super) first: bool,
    pub(super) configs: Vec<(Option<String>, usize)>,
    /// Results come errors first: errors are written as they come, warnings and notes wait in
    /// these unnamed temporary files, each result after a `,`.
    pub(super) later: Vec<io::BufWriter<std::fs::File>>,
    pub(super) tally: upload::Tally,
}

impl<'a> Sarif<'a> {
    pub(super) fn start(
        mut out: Box<dyn Write + 'a>,
        settings: &'a Settings,
    ) -> io::Result<Sarif<'a>> {
        let tool = indented(&sarif::tool(&settings.catalogue, settings.lang), 6);
        write!(
            out,
            "{{\n  \"$schema\": \"{}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": {},\n      \"automationDetails\": {{\"id\": {}}},\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [",
            sarif::SCHEMA_URI,
            tool.trim_start(),
            serde_json::Value::from(upload::automation_id(settings.shard)),
        )?;
        let later = || tempfile::tempfile().map(io::BufWriter::new);
        Ok(Sarif {
            out,
            settings,
            root: sarif::source_root(),
            first: true,
            configs: Vec::new(),
            later: vec![later()?, later()?],
            tally: upload::Tally::default(),
        })
    }
}

impl Sink for Sarif<'_> {
    fn submission(&mut self, sub: &SubmissionReport) -> io::Result<()> {
        count_config(&mut self.configs, &sub.config);
        let results = sarif::results(sub, self.settings.lang, self.root.as_deref());
        self.tally.add(results.len());
        for (f, result) in sub.findings.iter().zip(results) {
            let result = indented(&result, 8);
            match f.severity {
                Severity::Error => {
                    let sep = if self.first { "\n" } else { ",\n" };
                    self.first = false;
                    write!(self.out, "{sep}{result}")?;
                }
                Severity::Warning => write!(self.later[0], ",\n{result}")?,
                Severity::Info => write!(self.later[1], ",\n{result}")?,
            }
        }
        Ok(())
    }

    fn notes(&self) -> Vec<Text> {
        let over = self.tally.over_limit(self.settings.shard);
        over.map(|o| o.message()).into_iter().collect()
    }

    fn finish(mut self: Box<Self>, _summary: &Summary) -> io::Result<()> {
        for later in std::mem::take(&mut self.later) {
            let mut file = later.into_inner().map_err(|e| e.into_error())?;
            let written = file.stream_position()?;
            if written == 0 {
                continue;
            }
            // The first result of the run has no `,` before it.
            file.seek(SeekFrom::Start(u64::from(self.first)))?;
            self.first = false;
            io::copy(&mut file, &mut self.out)?;
        }
        let close = if self.first { "]" } else { "\n      ]" };
        write!(self.out, "{close}")?;
        write!(
            self.out,
            ",\n      \"invocations\": {}",
            indented(&sarif::invocations(&self.configs), 6).trim_start()
        )?;
        if let Some(ids) = sarif::base_ids(self.root.as_deref()) {
            write!(
                self.out,
                ",\n      \"originalUriBaseIds\": {}",
                indented(&ids, 6).trim_start()
            )?;
        }
        if let Some(over) = self.tally.over_limit(self.settings.shard) {
            write!(
                self.out,
                ",\n      \"properties\": {}",
                indented(&over.properties(self.settings.lang), 6).trim_start()
            )?;
        }
        writeln!(self.out, "\n    }}\n  ]\n}}")?;
        self.out.flush()
    }
}

pub(super) struct Gitlab<'a> {
    pub(super) out: Box<dyn Write + 'a>,
    pub(super) settings: &'a Settings,
    pub(super) first: bool,
}

impl Sink for Gitlab<'_> {
    fn submission(&mut self, sub: &SubmissionReport) -> io::Result<()> {
        for issue in gitlab::issues(sub, self.settings.lang) {
            let sep = if self.first { "[\n" } else { ",\n" };
            self.first = false;
            write!(self.out, "{sep}{}", indented(&issue, 2))?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, _summary: &Summary) -> io::Result<()> {
        let close = if self.first { "[]" } else { "\n]" };
        writeln!(self.out, "{close}")?;
        self.out.flush()
    }
}

pub(super) struct Github<'a> {
    pub(super) out: Box<dyn Write + 'a>,
    pub(super) settings: &'a Settings,
}

impl Sink for Github<'_> {
    fn submission(&mut self, sub: &SubmissionReport) -> io::Result<()> {
        self.out
            .write_all(github::submission(sub, self.settings.lang).as_bytes())
    }

    fn finish(mut self: Box<Self>, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

pub(super) struct Junit<'a> {
    pub(super) out: Box<dyn Write + 'a>,
    pub(super) settings: &'a Settings,
    pub(super) suites: Vec<quick_junit::TestSuite>,
}

impl Sink for Junit<'_> {
    fn submission(&mut self, sub: &SubmissionReport) -> io::Result<()> {
        let s = self.settings;
        self.suites.push(junit::suite(&s.catalogue, sub, s.lang));
        Ok(())
    }

    fn finish(mut self: Box<Self>, _summary: &Summary) -> io::Result<()> {
        self.out
            .write_all(junit::document(std::mem::take(&mut self.suites)).as_bytes())?;
        self.out.flush()
    }
}
