//! selfcheck lints a cross-border seller's onboarding submission folder before review.
//!
//! [`lint`] is the one entry point the command line and the tests share.

pub mod catalogue;
pub mod config;
pub mod discover;
pub mod finding;
pub mod fix;
pub mod init;
pub mod load;
pub mod markets;
pub mod model;
pub mod render;
pub mod rules;
pub mod schema;
pub mod source;
pub mod suppress;

use finding::{Finding, Place, Severity};
use load::Submission;
use model::Date;
use std::path::{Path, PathBuf};

/// What a run is asked to do.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--today`: the as-of date for every submission.
    pub today: Option<Date>,
    /// `--config`: one configuration for every submission, instead of the nearest
    /// `.selfcheck.yaml`.
    pub config: Option<PathBuf>,
    /// `--select`: only codes starting with one of these (empty: all).
    pub select: Vec<String>,
    /// `--ignore`: never codes starting with one of these.
    pub ignore: Vec<String>,
    /// `--allow-no-submission`: paths without a submission are passed over (for hooks).
    pub allow_no_submission: bool,
}

/// Why a run could not be done (exit status 2).
#[derive(Debug)]
pub enum RunError {
    Discover(discover::DiscoverError),
    Config(config::ConfigError),
}

/// The result of linting one submission.
#[derive(Debug)]
pub struct SubmissionReport {
    /// The folder as the user named it (relative paths stay relative), with `/` separators.
    pub path: String,
    pub as_of: Date,
    pub loaded: Submission,
    /// Sorted: file, line, column, code.
    pub findings: Vec<Finding>,
}

#[derive(Debug)]
pub struct Report {
    pub as_of: Date,
    pub submissions: Vec<SubmissionReport>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Counts {
    /// Counts the findings that are not suppressed.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Counts {
        let mut c = Counts::default();
        for f in findings.into_iter().filter(|f| f.suppression.is_none()) {
            match f.severity {
                Severity::Error => c.error += 1,
                Severity::Warning => c.warning += 1,
                Severity::Info => c.info += 1,
            }
        }
        c
    }

    pub fn add(&mut self, other: Counts) {
        self.error += other.error;
        self.warning += other.warning;
        self.info += other.info;
    }

    pub fn at_or_above(&self, level: Severity) -> usize {
        match level {
            Severity::Error => self.error,
            Severity::Warning => self.error + self.warning,
            Severity::Info => self.error + self.warning + self.info,
        }
    }
}

impl Report {
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for s in &self.submissions {
            c.add(Counts::of(&s.findings));
        }
        c
    }
}

/// Today in China Standard Time (UTC+8), the programme's clock.
pub fn today_cst() -> Date {
    let now = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(8)));
    Date(now.date())
}

/// Lints every submission found below `paths`.
pub fn lint(paths: &[PathBuf], options: &Options) -> Result<Report, RunError> {
    let dirs =
        discover::discover(paths, options.allow_no_submission).map_err(RunError::Discover)?;
    let configs = Configs::new(options).map_err(RunError::Config)?;
    let mut submissions = Vec::with_capacity(dirs.len());
    for dir in &dirs {
        let config = configs.for_submission(dir).map_err(RunError::Config)?;
        submissions.push(lint_with(dir, options, &config));
    }
    let as_of = options.today.unwrap_or_else(|| {
        let first = submissions.first().map(|s| s.as_of);
        match first {
            Some(d) if submissions.iter().all(|s| s.as_of == d) => d,
            _ => today_cst(),
        }
    });
    Ok(Report { as_of, submissions })
}

/// The configuration of each submission: `--config` for all, else the nearest
/// `.selfcheck.yaml`, each file read once.
struct Configs {
    fixed: Option<config::Config>,
    seen: std::cell::RefCell<std::collections::HashMap<PathBuf, config::Config>>,
}

impl Configs {
    fn new(options: &Options) -> Result<Configs, config::ConfigError> {
        let fixed = options.config.as_deref().map(config::load).transpose()?;
        Ok(Configs {
            fixed,
            seen: Default::default(),
        })
    }

    fn for_submission(&self, dir: &Path) -> Result<config::Config, config::ConfigError> {
        if let Some(c) = &self.fixed {
            return Ok(c.clone());
        }
        let Some(path) = config::find(dir) else {
            return Ok(config::Config::default());
        };
        if let Some(c) = self.seen.borrow().get(&path) {
            return Ok(c.clone());
        }
        let c = config::load(&path)?;
        self.seen.borrow_mut().insert(path, c.clone());
        Ok(c)
    }
}

/// Lints one submission folder with the built-in configuration.
pub fn lint_submission(dir: &Path, options: &Options) -> SubmissionReport {
    lint_with(dir, options, &config::Config::default())
}

/// Lints one submission folder with a configuration.
pub fn lint_with(dir: &Path, options: &Options, config: &config::Config) -> SubmissionReport {
    let loaded = load::load(dir);
    let submitted_on = loaded
        .submission
        .as_ref()
        .and_then(|s| s.data.submitted_on.get())
        .map(|d| d.value);
    let as_of = options.today.or(submitted_on).unwrap_or_else(today_cst);
    let ctx = rules::Ctx {
        sub: &loaded,
        markets: &config.markets,
        as_of,
    };
    let mut findings = loaded.findings.clone();
    findings.extend(rules::run(&ctx));
    suppress::apply(&mut findings, &loaded.db);
    apply_policy(&mut findings, options, config);
    sort(&mut findings, &loaded);
    SubmissionReport {
        path: dir.to_string_lossy().replace('\\', "/"),
        as_of,
        loaded,
        findings,
    }
}

/// Severity overrides from the configuration (`off` drops a rule), then `--select` / `--ignore`.
fn apply_policy(findings: &mut Vec<Finding>, options: &Options, config: &config::Config) {
    findings.retain_mut(|f| {
        if let Some(level) = config.rules.get(f.code) {
            match level.severity() {
                Some(severity) => f.severity = severity,
                None => return false,
            }
        }
        let selected = options.select.is_empty()
            || options
                .select
                .iter()
                .any(|p| f.code.starts_with(p.as_str()));
        let ignored = options
            .ignore
            .iter()
            .any(|p| f.code.starts_with(p.as_str()));
        selected && !ignored
    });
}

/// Deterministic order: file, line, column, code (then message, so equal places stay stable).
fn sort(findings: &mut [Finding], sub: &Submission) {
    findings.sort_by_cached_key(|f| {
        let file = sub.db.get(f.place.file());
        let (line, col) = match f.place {
            Place::Span(s) => file.line_col(s.start as usize),
            Place::File(_) => (0, 0),
        };
        (
            file.rel_path.clone(),
            line,
            col,
            f.code,
            f.message.en.clone(),
        )
    });
}
