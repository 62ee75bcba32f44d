//! Renderers: findings in, text out. Nothing here decides what is wrong.

pub mod catalogue;
mod closing;
pub mod fingerprint;
pub mod forecast;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod job_summary;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
mod sheet;
pub mod sink;
pub mod stream;
pub mod upload;
pub mod words;

use crate::catalogue::Catalogue;
use crate::date::Date;
use crate::finding::Lang;
use crate::report::AsOfSource;
use crate::run::Report;
pub use sink::Sink;
use std::io::{self, Write};
use std::sync::Arc;

/// The as-of dates of a run's submissions and where each came from (SPEC §1), as the closing
/// lines and the HTML overview say them ([`words::as_of`]).
#[derive(Clone, Debug, Default)]
pub struct AsOfSeen {
    /// `--today`: one date for every submission.
    pub flag: Option<Date>,
    /// Today in China Standard Time: the date, and how many submissions.
    pub today: Option<(Date, usize)>,
    /// A `submitted_on` later than today: the earliest, the latest, and how many submissions.
    pub later: Option<(Date, Date, usize)>,
}

impl AsOfSeen {
    pub fn add(&mut self, date: Date, source: AsOfSource) {
        match source {
            AsOfSource::Flag => self.flag = Some(date),
            AsOfSource::Today => {
                let (_, n) = self.today.get_or_insert((date, 0));
                *n += 1;
            }
            AsOfSource::SubmittedOn => {
                let (low, high, n) = self.later.get_or_insert((date, date, 0));
                *low = (*low).min(date);
                *high = (*high).max(date);
                *n += 1;
            }
        }
    }
}

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Junit,
    Html,
    /// GitLab Code Quality.
    Gitlab,
    /// A job summary in Markdown (GitHub's step summary, a GitLab merge-request note).
    Markdown,
}

/// How outputs are rendered in a run.
#[derive(Clone, Debug)]
pub struct Settings {
    pub lang: Lang,
    /// ANSI colour in human output.
    pub color: bool,
    /// `--select` / `--ignore`, as the HTML overview names them.
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
            select: Vec::new(),
            ignore: Vec::new(),
            catalogue: Arc::default(),
            shard: None,
        }
    }

    /// The settings of `report`'s run, in `lang`.
    pub fn for_report(report: &Report, lang: Lang) -> Settings {
        Settings {
            catalogue: report.catalogue(),
            ..Settings::new(lang)
        }
    }
}

/// A sink for `format` writing to `out`.
pub fn sink<'a>(
    format: Format,
    settings: &'a Settings,
    out: Box<dyn Write + 'a>,
) -> io::Result<Box<dyn Sink + 'a>> {
    Ok(match format {
        Format::Human => Box::new(stream::Human {
            out,
            settings,
            closing: human::Closing::default(),
        }),
        Format::Json => Box::new(stream::Json::start(out, settings)?),
        Format::Sarif => Box::new(stream::Sarif::start(out, settings)?),
        Format::Github => Box::new(stream::Github { out, settings }),
        Format::Junit => Box::new(stream::Junit {
            out,
            settings,
            suites: Vec::new(),
        }),
        Format::Html => Box::new(html::Html::start(out, settings)?),
        Format::Gitlab => Box::new(stream::Gitlab {
            out,
            settings,
            first: true,
        }),
        Format::Markdown => Box::new(job_summary::JobSummary::new(out, settings)),
    })
}

/// The whole report in one format (tests, small runs).
pub fn to_string(report: &Report, format: Format, settings: &Settings) -> String {
    let mut buf = Vec::new();
    {
        let mut sink = sink(format, settings, Box::new(&mut buf)).expect("writing to memory");
        for sub in &report.submissions {
            sink.submission(sub).expect("writing to memory");
        }
        sink.finish(&report.summary).expect("writing to memory");
    }
    String::from_utf8(buf).unwrap_or_default()
}
