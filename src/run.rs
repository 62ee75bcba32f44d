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
    Plan::new(paths, options).load_packs(cli_dirs)
}

/// What a run works on, found once and used by every pass over the submissions (`--fix` lints
/// twice): the submission folders (after `--shard`), the configuration file of each, and every
/// configuration file read and parsed once.
#[derive(Debug)]
pub struct Plan {
    /// The submission folders to lint, each with its configuration file (an index into
    /// `files`; `None`: the built-in defaults).
    submissions: Vec<(PathBuf, Option<usize>)>,
    /// A path that does not exist or holds no submission, reported when the run starts.
    problem: Option<discover::DiscoverError>,
    /// `--config`, else the nearest `.selfcheck.yaml` of every discovered folder, every shard's
    /// (so that every shard loads the same packs and knows the same codes), sorted.
    files: Vec<config::ConfigFile>,
    /// `files[0]` is `--config`.
    fixed: bool,
}

impl Plan {
    /// Finds the submissions below `paths` and reads the configuration files they use, with the
    /// `config`, `shard` and `allow_no_submission` of `options`.
    pub fn new(paths: &[PathBuf], options: &Options) -> Plan {
        // The packs of the submissions found are loaded even when a path holds none: a mistake
        // in one is reported first.
        let (dirs, problem) = discover::discover_all(paths);
        let problem = problem.filter(|_| !options.allow_no_submission);
        let (files, nearest): (Vec<config::ConfigFile>, Vec<Option<usize>>) = match &options.config
        {
            Some(file) => (
                vec![config::ConfigFile::read(file, false)],
                vec![Some(0); dirs.len()],
            ),
            None => {
                let mut memo = std::collections::HashMap::new();
                let paths: Vec<Option<PathBuf>> = dirs
                    .iter()
                    .map(|dir| {
                        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
                        nearest_file(&dir, &mut memo)
                    })
                    .collect();
                let mut unique: Vec<&PathBuf> = paths.iter().flatten().collect();
                unique.sort();
                unique.dedup();
                let nearest = paths
                    .iter()
                    .map(|p| p.as_ref().and_then(|p| unique.binary_search(&p).ok()))
                    .collect();
                let files = unique
                    .iter()
                    .map(|p| config::ConfigFile::read(p, true))
                    .collect();
                (files, nearest)
            }
        };
        let mut submissions: Vec<(PathBuf, Option<usize>)> =
            dirs.into_iter().zip(nearest).collect();
        if let Some(shard) = options.shard {
            submissions = submissions
                .into_iter()
                .enumerate()
                .filter(|(i, _)| shard.keeps(*i))
                .map(|(_, d)| d)
                .collect();
        }
        Plan {
            submissions,
            problem,
            files,
            fixed: options.config.is_some(),
        }
    }

    /// The rule packs of the run: the `--checks` folders (for every submission), then those the
    /// configuration files name.
    pub fn load_packs(&self, cli_dirs: &[PathBuf]) -> Result<Vec<PackSet>, pack::PackError> {
        let mut wanted: Vec<(PathBuf, bool)> = Vec::new();
        for dir in cli_dirs {
            let canonical = dir
                .canonicalize()
                .map_err(|_| pack::PackError::new(dir, "the rule-pack folder does not exist"))?;
            wanted.push((canonical, true));
        }
        for file in &self.files {
            for dir in file.pack_dirs() {
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

    /// Each submission with its configuration, checked against the catalogue of `options` (the
    /// run's packs loaded). Every configuration is checked before the first submission is
    /// linted, so that a mistake in one stops the run before any output.
    pub fn jobs(&self, options: &Options) -> Result<Jobs, RunError> {
        if let Some(problem) = &self.problem {
            return Err(RunError::Discover(problem.clone()));
        }
        let mut checked: Vec<Option<Arc<config::Config>>> = vec![None; self.files.len()];
        let mut check = |i: usize| -> Result<Arc<config::Config>, RunError> {
            if let Some(c) = &checked[i] {
                return Ok(c.clone());
            }
            let c = Arc::new(
                self.files[i]
                    .check(&options.catalogue)
                    .map_err(RunError::Config)?,
            );
            checked[i] = Some(c.clone());
            Ok(c)
        };
        if self.fixed {
            check(0)?;
        }
        // Shared, so that what a configuration compiles (postal patterns) is compiled once.
        let default = Arc::new(config::Config::default());
        let list = self
            .submissions
            .iter()
            .map(|(dir, file)| {
                let config = match file {
                    Some(i) => check(*i)?,
                    None => default.clone(),
                };
                Ok((dir.clone(), config))
            })
            .collect::<Result<_, RunError>>()?;
        Ok(Jobs { list })
    }
}

/// The nearest configuration file at or above `dir`: sellers of one agency share their
/// ancestors, so each folder is looked at once.
fn nearest_file(
    dir: &Path,
    memo: &mut std::collections::HashMap<PathBuf, Option<PathBuf>>,
) -> Option<PathBuf> {
    if let Some(known) = memo.get(dir) {
        return known.clone();
    }
    let here = dir.join(config::FILE_NAME);
    let found = if std::fs::symlink_metadata(&here).is_ok() {
        Some(here)
    } else {
        dir.parent().and_then(|p| nearest_file(p, memo))
    };
    memo.insert(dir.to_path_buf(), found.clone());
    found
}

/// The submissions of a [`Plan`], each with its checked configuration: lint them with
/// [`Jobs::lint_each`], once or more.
#[derive(Debug, Clone)]
pub struct Jobs {
    list: Vec<(PathBuf, Arc<config::Config>)>,
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
/// number of submissions.
pub fn lint_each(
    paths: &[PathBuf],
    options: &Options,
    each: impl FnMut(SubmissionReport),
) -> Result<Summary, RunError> {
    Ok(Plan::new(paths, options)
        .jobs(options)?
        .lint_each(options, each))
}

impl Jobs {
    /// Loads and lints every submission in parallel chunks and hands each report to `each` in
    /// the deterministic order (submission path), then drops it.
    pub fn lint_each(&self, options: &Options, mut each: impl FnMut(SubmissionReport)) -> Summary {
        use rayon::prelude::*;
        let mut counts = Counts::default();
        let mut shared_as_of: Option<Option<Date>> = None;
        for chunk in self.list.chunks(CHUNK) {
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
        Summary {
            as_of,
            counts,
            submissions: self.list.len(),
        }
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
