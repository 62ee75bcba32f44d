//! The run: where the submissions are, which configuration and rule packs each gets, and
//! linting them in parallel chunks whose reports are handed on in order.

use crate::catalogue::Catalogue;
use crate::code::Code;
use crate::config;
use crate::discover;
use crate::finding::{Finding, Place, Text};
use crate::load::{self, Submission};
use crate::model::Date;
use crate::pack;
use crate::policy::Policy;
use crate::report::{Counts, Report, SubmissionReport, Summary};
use crate::rules;
use crate::source::{SourceDb, Span};
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod plan;

use crate::source::normalize;
use plan::{Job, Note, absolute, configuration_findings, relative, slashes};
pub use plan::{Jobs, Plan, check_named_configs};

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
    /// `--no-inline-suppressions`: `# selfcheck: ignore[…]` comments are not honoured.
    pub no_inline_suppressions: bool,
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
        for chunk in self.list.chunks(CHUNK) {
            let reports: Vec<SubmissionReport> =
                chunk.par_iter().map(|job| lint_job(job, options)).collect();
            for sub in reports {
                counts.add(Counts::of(&sub.findings));
                each(sub);
            }
        }
        Summary {
            as_of: options.today,
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
    let applied = config.path.as_deref().map(|p| {
        let cwd = std::env::current_dir().map(|d| normalize(&d));
        match cwd {
            Ok(cwd) => slashes(&relative(&cwd, &absolute(p))),
            Err(_) => slashes(p),
        }
    });
    lint_configured(dir, options, config, applied, &[])
}

fn lint_job(job: &Job, options: &Options) -> SubmissionReport {
    lint_configured(
        &job.dir,
        options,
        &job.config,
        job.applied.clone(),
        &job.notes,
    )
}

fn lint_configured(
    dir: &Path,
    options: &Options,
    config: &config::Config,
    applied: Option<String>,
    notes: &[Note],
) -> SubmissionReport {
    let mut loaded = load::load(dir);
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
    let honoured = !options.no_inline_suppressions && config.inline_suppressions != Some(false);
    let policy = Policy {
        catalogue: &options.catalogue,
        levels: &config.rules,
        select: &options.select,
        ignore: &options.ignore,
        inline_suppressions: honoured,
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
    let ignored_suppressions = if honoured {
        Default::default()
    } else {
        crate::policy::suppress::ignored(&findings, &loaded)
    };
    // The configuration files are added to the submission's files only now: no comment in
    // them suppresses anything.
    let mut about_config = configuration_findings(&mut loaded.db, dir, notes);
    policy.admit_configuration(&mut about_config);
    findings.extend(about_config);
    sort(&mut findings, &loaded);
    SubmissionReport {
        path: dir.to_string_lossy().replace('\\', "/"),
        config: applied,
        as_of,
        loaded,
        findings,
        ignored_suppressions,
        catalogue: options.catalogue.clone(),
    }
}

/// Deterministic order: file, line, column, code (then message, so equal places stay stable);
/// the summary of a rule's findings past the cap comes after every listed one of its file.
fn sort(findings: &mut [Finding], sub: &Submission) {
    findings.sort_by_cached_key(|f| {
        let file = sub.db.get(f.place.file());
        let (line, col) = match f.place {
            Place::Span(s) => file.line_col(s.start as usize),
            Place::File(_) => (0, 0),
        };
        (
            file.rel_path.clone(),
            f.omitted > 0,
            line,
            col,
            f.code.as_str().to_owned(),
            f.message.en.clone(),
        )
    });
}

#[cfg(test)]
mod tests {
    use super::plan::Folders;
    use super::*;

    #[test]
    fn paths_are_normalized_and_made_relative_by_their_text() {
        assert_eq!(normalize(Path::new("/a/b/../c/./d")), Path::new("/a/c/d"));
        assert_eq!(normalize(Path::new("/..")), Path::new("/"));
        assert_eq!(normalize(Path::new("../../x")), Path::new("../../x"));
        assert_eq!(
            relative(
                Path::new("/r/agency/sellers/a"),
                Path::new("/r/agency/.selfcheck.yaml")
            ),
            Path::new("../../.selfcheck.yaml")
        );
        assert_eq!(
            relative(Path::new("/r"), Path::new("/r/agency/.selfcheck.yaml")),
            Path::new("agency/.selfcheck.yaml")
        );
    }

    #[test]
    fn the_outermost_submission_folder_bounds_the_sellers_files() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let inner = root.join("agency/outer/inner");
        std::fs::create_dir_all(&inner).unwrap();
        for file in [
            "agency/.selfcheck.yaml",
            "agency/outer/submission.yaml",
            "agency/outer/.selfcheck.yaml",
            "agency/outer/inner/submission.yaml",
        ] {
            std::fs::write(root.join(file), "").unwrap();
        }
        let (own, agency) = Folders::default().configurations(&inner);
        assert_eq!(own, Some(root.join("agency/outer/.selfcheck.yaml")));
        assert_eq!(agency, Some(root.join("agency/.selfcheck.yaml")));
    }
}
