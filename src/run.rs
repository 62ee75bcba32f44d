//! The run: where the submissions are, which configuration and rule packs each gets, and
//! linting them in parallel chunks whose reports are handed on in order.

use crate::catalogue::Catalogue;
use crate::config;
use crate::discover;
use crate::finding::{Finding, Place};
use crate::load::{self, Submission};
use crate::model::Date;
use crate::pack;
use crate::policy::Policy;
use crate::report::{Counts, Report, SubmissionReport, Summary};
use crate::rules;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// `--shard K/N`.
    pub shard: Option<Shard>,
    /// Rule packs loaded for this run (see [`load_packs`] and [`Options::set_packs`]).
    pub packs: Vec<PackSet>,
    /// The built-in rules and those of `packs`.
    pub catalogue: Arc<Catalogue>,
}

impl Options {
    /// Uses `packs` in this run, their rules added to the catalogue.
    pub fn set_packs(&mut self, packs: Vec<PackSet>) {
        let entries = packs
            .iter()
            .flat_map(|s| s.rules.iter().map(|r| pack::entry(r)));
        self.catalogue = Arc::new(Catalogue::with_packs(entries));
        self.packs = packs;
    }
}

/// The rules of one rule-pack folder.
#[derive(Debug, Clone)]
pub struct PackSet {
    /// The folder, canonical.
    pub dir: PathBuf,
    pub rules: Vec<Arc<pack::PackRule>>,
    /// From `--checks`: for every submission; else only for submissions whose configuration
    /// names the folder.
    pub everywhere: bool,
}

/// Loads the rule packs of a run: `--checks` folders, and those named by the configuration
/// files the submissions below `paths` use (or by `--config`). [`Options::set_packs`] adds them
/// to the run.
pub fn load_packs(
    paths: &[PathBuf],
    cli_dirs: &[PathBuf],
    options: &Options,
) -> Result<Vec<PackSet>, pack::PackError> {
    let mut wanted: Vec<(PathBuf, bool)> = Vec::new();
    for dir in cli_dirs {
        let canonical = dir.canonicalize().map_err(|_| pack::PackError {
            path: dir.clone(),
            at: None,
            message: "the rule-pack folder does not exist".to_owned(),
            help: None,
        })?;
        wanted.push((canonical, true));
    }
    let config_files: Vec<(PathBuf, bool)> = match &options.config {
        Some(file) => vec![(file.clone(), false)],
        None => {
            let dirs = discover::discover(paths, true).unwrap_or_default();
            let mut files: Vec<(PathBuf, bool)> = dirs
                .iter()
                .filter_map(|d| config::find(d))
                .map(|f| (f, true))
                .collect();
            files.sort();
            files.dedup();
            files
        }
    };
    for (file, found) in config_files {
        for dir in config::pack_dirs(&file, found) {
            if !wanted.iter().any(|(d, _)| *d == dir) {
                wanted.push((dir, false));
            }
        }
    }
    let mut taken = Vec::new();
    let mut sets = Vec::new();
    for (dir, everywhere) in wanted {
        let rules = pack::load_dirs(std::slice::from_ref(&dir), &mut taken)?;
        sets.push(PackSet {
            dir,
            rules,
            everywhere,
        });
    }
    Ok(sets)
}

/// Why a run could not be done (exit status 2).
#[derive(Debug)]
pub enum RunError {
    Discover(discover::DiscoverError),
    Config(config::ConfigError),
}

/// Today in China Standard Time (UTC+8), the programme's clock.
pub fn today_cst() -> Date {
    let now = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(8)));
    Date(now.date())
}

/// Lints every submission found below `paths` and keeps every report (tests, small runs).
pub fn lint(paths: &[PathBuf], options: &Options) -> Result<Report, RunError> {
    let mut submissions = Vec::new();
    let summary = lint_each(paths, options, |sub| submissions.push(sub))?;
    Ok(Report {
        as_of: summary.as_of,
        submissions,
    })
}

/// How many submissions are linted in parallel before their reports are handed on in order;
/// bounds the memory a run holds whatever the number of submissions.
const CHUNK: usize = 64;

/// `--shard K/N`: the K-th (1-based) of N deterministic slices of the discovered submissions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl Shard {
    pub fn parse(s: &str) -> Result<Shard, String> {
        let bad = || format!("`{s}` is not K/N with 1 <= K <= N, e.g. 2/8");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let (index, count) = (
            k.trim().parse().map_err(|_| bad())?,
            n.trim().parse().map_err(|_| bad())?,
        );
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// Round robin over the sorted list, so every slice gets a share of every agency folder.
    fn keeps(&self, position: usize) -> bool {
        position % self.count == self.index - 1
    }
}

/// Lints every submission found below `paths` in parallel and hands each report to `each` in
/// the deterministic order (submission path), then drops it: memory does not grow with the
/// number of submissions. `progress` is told how many submissions there are, then each one done.
pub fn lint_each(
    paths: &[PathBuf],
    options: &Options,
    mut each: impl FnMut(SubmissionReport),
) -> Result<Summary, RunError> {
    use rayon::prelude::*;
    let mut dirs =
        discover::discover(paths, options.allow_no_submission).map_err(RunError::Discover)?;
    if let Some(shard) = options.shard {
        dirs = dirs
            .into_iter()
            .enumerate()
            .filter(|(i, _)| shard.keeps(*i))
            .map(|(_, d)| d)
            .collect();
    }
    // Every configuration is read and checked before the first submission is linted, so that a
    // mistake in one stops the run before any output.
    let configs = Configs::new(options).map_err(RunError::Config)?;
    let jobs = dirs
        .iter()
        .map(|dir| Ok((dir, configs.for_submission(dir)?)))
        .collect::<Result<Vec<_>, config::ConfigError>>()
        .map_err(RunError::Config)?;
    let mut counts = Counts::default();
    let mut shared_as_of: Option<Option<Date>> = None;
    for chunk in jobs.chunks(CHUNK) {
        let reports: Vec<SubmissionReport> = chunk
            .par_iter()
            .map(|(dir, config)| lint_with(dir, options, config))
            .collect();
        for sub in reports {
            counts.add(Counts::of(&sub.findings));
            shared_as_of = Some(match shared_as_of {
                None => Some(sub.as_of),
                Some(Some(d)) if d == sub.as_of => Some(d),
                Some(_) => None,
            });
            each(sub);
        }
    }
    let as_of = options
        .today
        .or(shared_as_of.flatten())
        .unwrap_or_else(today_cst);
    Ok(Summary {
        as_of,
        counts,
        submissions: dirs.len(),
    })
}

/// The configuration of each submission: `--config` for all, else the nearest
/// `.selfcheck.yaml`, each file read once.
struct Configs {
    catalogue: Arc<Catalogue>,
    fixed: Option<Arc<config::Config>>,
    // Filled in from the main thread only.
    default: Arc<config::Config>,
    seen: std::cell::RefCell<std::collections::HashMap<PathBuf, Arc<config::Config>>>,
    /// The nearest configuration file at or above each folder asked about: sellers of one agency
    /// share their ancestors, so each folder is looked at once.
    nearest: std::cell::RefCell<std::collections::HashMap<PathBuf, Option<PathBuf>>>,
}

impl Configs {
    fn new(options: &Options) -> Result<Configs, config::ConfigError> {
        let fixed = options
            .config
            .as_deref()
            .map(|p| config::load(p, &options.catalogue))
            .transpose()?;
        Ok(Configs {
            catalogue: options.catalogue.clone(),
            fixed: fixed.map(Arc::new),
            default: Arc::new(config::Config::default()),
            seen: Default::default(),
            nearest: Default::default(),
        })
    }

    fn nearest_file(&self, dir: &Path) -> Option<PathBuf> {
        if let Some(known) = self.nearest.borrow().get(dir) {
            return known.clone();
        }
        let here = dir.join(config::FILE_NAME);
        let found = if std::fs::symlink_metadata(&here).is_ok() {
            Some(here)
        } else {
            dir.parent().and_then(|p| self.nearest_file(p))
        };
        self.nearest
            .borrow_mut()
            .insert(dir.to_path_buf(), found.clone());
        found
    }

    /// Shared, so that what a configuration compiles (postal patterns) is compiled once.
    fn for_submission(&self, dir: &Path) -> Result<Arc<config::Config>, config::ConfigError> {
        if let Some(c) = &self.fixed {
            return Ok(c.clone());
        }
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        let Some(path) = self.nearest_file(&dir) else {
            return Ok(self.default.clone());
        };
        if let Some(c) = self.seen.borrow().get(&path) {
            return Ok(c.clone());
        }
        let c = Arc::new(config::load_found(&path, &self.catalogue)?);
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
        .or_else(|| {
            loaded
                .challenge
                .as_ref()
                .and_then(|s| s.data.submitted_on.get())
        })
        .map(|d| d.value);
    let as_of = options.today.or(submitted_on).unwrap_or_else(today_cst);
    let policy = Policy {
        catalogue: &options.catalogue,
        levels: &config.rules,
        select: &options.select,
        ignore: &options.ignore,
        inline_suppressions: true,
    };
    let enabled = |code: &str| policy.runs(code);
    let mut findings = loaded.findings.clone();
    findings.extend(rules::run(&loaded, &config.markets, as_of, &enabled));
    for set in &options.packs {
        if set.everywhere || config.pack_dirs.contains(&set.dir) {
            findings.extend(pack::run(
                &set.rules,
                &loaded,
                &config.markets,
                as_of,
                &enabled,
            ));
        }
    }
    policy.apply(&mut findings, &loaded);
    sort(&mut findings, &loaded);
    SubmissionReport {
        path: dir.to_string_lossy().replace('\\', "/"),
        as_of,
        loaded,
        findings,
        catalogue: options.catalogue.clone(),
    }
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
            f.code.as_str().to_owned(),
            f.message.en.clone(),
        )
    });
}
