//! Output as the run goes: each submission is rendered as soon as its turn comes and then dropped,
//! so a run over tens of thousands of submissions holds no more than one chunk of them. JSON,
//! SARIF, GitHub and human output are written as they come; JUnit keeps each submission's small
//! test suite, since its root element carries the totals; HTML writes each submission to a
//! temporary file and puts the overview, known at the end, before them.

use super::{Settings, Sink, github, human, json, junit, sarif};
use crate::report::Summary;
use crate::run::SubmissionReport;
use std::io::{self, Write};

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
}

impl<'a> Sarif<'a> {
    pub(super) fn start(
        mut out: Box<dyn Write + 'a>,
        settings: &'a Settings,
    ) -> io::Result<Sarif<'a>> {
        let tool = indented(&sarif::tool(&settings.catalogue, settings.lang), 6);
        write!(
            out,
            "{{\n  \"$schema\": \"{}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": {},\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [",
            sarif::SCHEMA_URI,
            tool.trim_start()
        )?;
        Ok(Sarif {
            out,
            settings,
            root: sarif::source_root(),
            first: true,
            configs: Vec::new(),
        })
    }
}

impl Sink for Sarif<'_> {
    fn submission(&mut self, sub: &SubmissionReport) -> io::Result<()> {
        count_config(&mut self.configs, &sub.config);
        for result in sarif::results(sub, self.settings.lang, self.root.as_deref()) {
            let sep = if self.first { "\n" } else { ",\n" };
            self.first = false;
            write!(self.out, "{sep}{}", indented(&result, 8))?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, _summary: &Summary) -> io::Result<()> {
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
        writeln!(self.out, "\n    }}\n  ]\n}}")?;
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
