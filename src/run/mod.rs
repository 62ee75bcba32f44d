//! The run: where the submissions are, which configuration and rule packs each gets, and
//! linting them in parallel, their reports handed on in order.

use crate::catalogue::Catalogue;
use crate::code::Code;
use crate::config;
use crate::discover;
use crate::finding::{Finding, Place, Text};
use crate::load::{self, Submission};
use crate::model::Date;
use crate::pack;
use crate::policy::Policy;
use crate::report::{AsOfSource, Counts, FailOn, Outlook, Summary};
use crate::rules;
use crate::source::{SourceDb, Span};
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod folder;
mod ordered;
mod plan;
mod report;

use crate::source::normalize;
pub use folder::{Linted, lint_folder};
use plan::{Job, absolute, configuration_findings, relative, slashes};
pub use plan::{Jobs, Plan, check_named_configs};
pub use report::{Report, SubmissionReport};

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
    /// `--fail-on`: what fails the gate (errors unless told otherwise).
    pub fail_on: FailOn,
    /// Texts read in place of the documents' files (an editor's unsaved buffers; see
    /// [`lint_folder`]). Empty on the command line.
    pub overlay: load::Overlay,
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
        summary,
        submissions,
    })
}

/// How many reports, per thread, may be finished or under way ahead of the one handed on next:
/// bounds the memory a run holds whatever the number of submissions. A report keeps its loaded
/// submission (tens of MiB for documents near their size limits), so the bound is a few reports
/// a thread, not a fixed number.
const WINDOW_PER_THREAD: usize = 4;

/// `--shard K/N`: the K-th (1-based) of N deterministic slices of the discovered submissions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl Shard {
    pub fn parse(s: &str) -> Result<Shard, crate::finding::Text> {
        let bad = || {
            text!(
                "`{s}` is not K/N with 1 <= K <= N, e.g. 2/8",
                "`{s}` 不是 K/N 形式（1 <= K <= N），如 2/8"
            )
        };
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
    /// Loads and lints every submission in parallel and hands each report to `each` in
    /// the deterministic order (submission path), then drops it.
    pub fn lint_each(&self, options: &Options, each: impl FnMut(SubmissionReport)) -> Summary {
        self.report_each(options, |linter| linter.lint(), each)
    }

    /// Loads every submission in parallel, has `report` make its report from its [`Linter`]
    /// (the forecast adds the outlook this way), and hands each to `each` in the deterministic
    /// order (submission path), then drops it.
    pub fn report_each(
        &self,
        options: &Options,
        report: impl Fn(Linter) -> SubmissionReport + Sync,
        mut each: impl FnMut(SubmissionReport),
    ) -> Summary {
        let mut summary = Summary {
            as_of: options.today,
            counts: Counts::default(),
            submissions: self.list.len(),
            failing: 0,
            fail_on: options.fail_on.0,
        };
        self.each_linter(options, report, |sub| {
            summary.counts.add(Counts::of(&sub.findings));
            summary.failing += usize::from(!sub.verdict.passes());
            each(sub);
        });
        summary
    }

    /// Loads each submission once, in parallel, and hands `work`'s result for each to
    /// `each` in the deterministic order (submission path).
    pub fn each_linter<T: Send>(
        &self,
        options: &Options,
        work: impl Fn(Linter) -> T + Sync,
        each: impl FnMut(T),
    ) {
        ordered::map_in_order(
            &self.list,
            WINDOW_PER_THREAD,
            |job| work(Linter::new(job.clone(), options)),
            each,
        );
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
    let mut linter = Linter::of_folder(dir, options, config);
    linter.applied = applied;
    linter.lint()
}

fn policy_of<'a>(options: &'a Options, config: &'a config::Config, honoured: bool) -> Policy<'a> {
    Policy {
        catalogue: &options.catalogue,
        levels: &config.rules,
        select: &options.select,
        ignore: &options.ignore,
        inline_suppressions: honoured,
        fail_on: options.fail_on,
    }
}

/// One submission loaded once with the configuration that applies to it, to be checked at any
/// as-of date: `lint` checks it once, on its own as-of date; the forecast at many.
pub struct Linter<'a> {
    pub sub: Submission,
    /// Its own as-of date: `--today`, else today in China Standard Time or a later
    /// `submitted_on` (SPEC §1).
    pub as_of: Date,
    pub as_of_source: AsOfSource,
    /// The folder as reports show it.
    pub path: String,
    /// The configuration applied, relative to the working directory; `None`: the defaults.
    pub applied: Option<String>,
    options: &'a Options,
    job: Job,
    /// Whether inline suppressions are honoured.
    honoured: bool,
}

impl<'a> Linter<'a> {
    /// Loads the submission folder `dir`, to be linted with `config` (tests, one folder).
    pub fn of_folder(dir: &Path, options: &'a Options, config: &config::Config) -> Linter<'a> {
        let job = Job {
            dir: dir.to_path_buf(),
            config: Arc::new(config.clone()),
            applied: None,
            notes: Arc::default(),
        };
        Linter::new(job, options)
    }

    /// Loads the submission folder of `job`, with the run's overlay (an editor's unsaved texts).
    fn new(job: Job, options: &'a Options) -> Linter<'a> {
        let mut sub = load::load_with(&job.dir, &options.overlay);
        let submitted_on = sub
            .submission
            .as_ref()
            .and_then(|s| s.data.submitted_on.get())
            .or_else(|| {
                sub.challenge
                    .as_ref()
                    .and_then(|s| s.data.submitted_on.get())
            })
            .map(|d| d.value);
        let (as_of, as_of_source) = AsOfSource::choose(options.today, today_cst(), submitted_on);
        let config = &job.config;
        let honoured = !options.no_inline_suppressions && config.inline_suppressions != Some(false);
        sub.suppressions.honoured = honoured;
        Linter {
            sub,
            as_of,
            as_of_source,
            path: crate::source::slashed(&job.dir),
            applied: job.applied.clone(),
            options,
            job,
            honoured,
        }
    }

    /// The run's policy for this submission: its configuration's levels, the run's selection,
    /// inline suppressions, and the gate.
    pub fn policy(&self) -> Policy<'_> {
        policy_of(self.options, &self.job.config, self.honoured)
    }

    /// The run's options.
    pub fn options(&self) -> &'a Options {
        self.options
    }

    /// The findings of the rules and packs that run for this submission and that `only` allows,
    /// on `as_of`, before the policy is applied ([`Linter::judge`]).
    pub fn check(&self, as_of: Date, only: &dyn Fn(&str) -> bool) -> Vec<Finding> {
        let policy = self.policy();
        let enabled = |code: &str| policy.runs(code) && only(code);
        let config = &self.job.config;
        let markets = &config.markets;
        let mut findings = rules::run(&self.sub, markets, as_of, &enabled);
        for set in &self.options.packs {
            if set.everywhere || config.pack_dirs.contains(&set.dir) {
                findings.extend(pack::run(&set.rules, &self.sub, markets, as_of, &enabled));
            }
        }
        findings
    }

    /// The loader's findings and `checked` (of [`Linter::check`]) with the policy applied:
    /// suppressions, severities, selection. Not sorted, and without what the run says about the
    /// configuration (SEL002, SEL003), which no date changes.
    pub fn judge(&self, checked: Vec<Finding>) -> Vec<Finding> {
        let mut findings = self.sub.findings.clone();
        findings.extend(checked);
        self.policy().apply(&mut findings, &self.sub);
        findings
    }

    /// The submission checked and judged on its as-of date, reported.
    pub fn lint(self) -> SubmissionReport {
        let findings = self.judge(self.check(self.as_of, &|_| true));
        self.report(findings, None)
    }

    /// The report of `findings` (judged, of [`Linter::judge`]): with what the run says about the
    /// configuration, sorted, and with the policy's verdict.
    pub fn report(self, mut findings: Vec<Finding>, outlook: Option<Outlook>) -> SubmissionReport {
        let policy = policy_of(self.options, &self.job.config, self.honoured);
        let mut loaded = self.sub;
        let ignored_suppressions = if self.honoured {
            Default::default()
        } else {
            crate::policy::suppress::ignored(&findings, &loaded)
        };
        // The configuration files are added to the submission's files only now: no comment in
        // them suppresses anything.
        let mut about_config =
            configuration_findings(&mut loaded.db, &self.job.dir, &self.job.notes);
        policy.admit_configuration(&mut about_config);
        findings.extend(about_config);
        sort(&mut findings, &loaded);
        let verdict = policy.verdict(&findings);
        let catalogue = &self.options.catalogue;
        let rewrites = crate::rules::durations::rewrites(&loaded);
        SubmissionReport {
            rewrites,
            path: self.path,
            config: self.applied,
            as_of: self.as_of,
            as_of_source: self.as_of_source,
            loaded,
            findings,
            verdict,
            ignored_suppressions,
            catalogue: catalogue.clone(),
            not_run: catalogue
                .entries
                .keys()
                .filter(|code| !policy.runs(code))
                .cloned()
                .collect(),
            outlook,
        }
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
