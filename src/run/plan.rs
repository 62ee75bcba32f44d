//! What a run works on, found once: the submission folders, the configuration chosen for each
//! (SPEC §7: the agency's above the seller's own), each configuration file read once; and the
//! SEL002/SEL003 findings that say what was chosen.

use super::*;

/// What a run works on, found once and used by every pass over the submissions (`--fix` lints
/// twice): the submission folders (after `--shard`), the configuration file of each, and every
/// configuration file read and parsed once.
#[derive(Debug)]
pub struct Plan {
    submissions: Vec<Planned>,
    /// A path that does not exist or holds no submission, reported when the run starts.
    problem: Option<discover::DiscoverError>,
    /// `--config`, else the configuration file that applies to each discovered folder, every
    /// shard's (so that every shard loads the same packs and knows the same codes), sorted.
    files: Vec<config::ConfigFile>,
    /// `files[0]` is `--config`.
    fixed: bool,
    /// For each of `files`, a rule pack it names that cannot be used (it cannot be read, or a
    /// code of it is already taken): the configuration is then SEL003 in the submissions it
    /// covers, which are linted with the defaults, and the run goes on (SPEC §7).
    broken_packs: Vec<Option<pack::PackError>>,
}

/// One submission folder of a [`Plan`] and the configuration chosen for it (SPEC §7).
#[derive(Debug, Clone)]
pub(super) struct Planned {
    dir: PathBuf,
    /// The configuration that applies: an index into `Plan::files`; `None`: the defaults.
    config: Option<usize>,
    /// The submission's own `.selfcheck.yaml` (absolute), not used because the agency's
    /// configuration above it or `--config` applies: reported as SEL002, never read.
    ignored: Option<PathBuf>,
}

impl Plan {
    /// Finds the submissions below `paths` and chooses the configuration of each, with the
    /// `config`, `shard` and `allow_no_submission` of `options`.
    ///
    /// A `.selfcheck.yaml` in a submission folder (or in a folder below a submission folder) is
    /// the seller's; one in a folder above is the agency's. The nearest agency configuration
    /// applies, and then the seller's own is not used (SEL002); without one the seller's own
    /// applies. `--config` overrides every found file (the seller's own is still reported as not
    /// used).
    pub fn new(paths: &[PathBuf], options: &Options) -> Plan {
        // The packs of the submissions found are loaded even when a path holds none: a mistake
        // in one is reported first.
        // One walk lists each folder once: the submissions, and which folders hold a
        // configuration file or `submission.yaml`, so that choosing a configuration asks the
        // file system again only about the folders above the paths given.
        let walked = discover::discover_seen(paths, Some(config::FILE_NAME));
        let (dirs, problem) = (walked.submissions, walked.problem);
        let problem = problem.filter(|p| !(options.allow_no_submission && p.passable()));
        let cwd = std::env::current_dir().ok();
        let mut memo = Folders::default();
        memo.seen(cwd.as_deref(), walked.folders);
        let found: Vec<(Option<PathBuf>, Option<PathBuf>)> = dirs
            .iter()
            .map(|dir| memo.configurations(&absolute_in(cwd.as_deref(), dir)))
            .collect();
        // Each submission's configuration (an index into `files`) and its own file not used.
        type Chosen = Vec<(Option<usize>, Option<PathBuf>)>;
        let (files, chosen): (Vec<config::ConfigFile>, Chosen) = match &options.config {
            Some(file) => (
                vec![config::ConfigFile::read(file, false)],
                found.into_iter().map(|(own, _)| (Some(0), own)).collect(),
            ),
            None => {
                let found_own: Vec<Option<PathBuf>> = found
                    .iter()
                    .map(|(own, agency)| own.clone().filter(|_| agency.is_none()))
                    .collect();
                let applied: Vec<(Option<PathBuf>, Option<PathBuf>)> = found
                    .into_iter()
                    .map(|(own, agency)| match agency {
                        Some(agency) => (Some(agency), own),
                        None => (own, None),
                    })
                    .collect();
                let mut unique: Vec<&PathBuf> =
                    applied.iter().filter_map(|(a, _)| a.as_ref()).collect();
                unique.sort();
                unique.dedup();
                // A file that applies as some submission's own is a seller's.
                let sellers: Vec<&PathBuf> = found_own.iter().flatten().collect();
                let files = unique
                    .iter()
                    .map(|p| {
                        let mut file = config::ConfigFile::read(p, true);
                        file.sellers = sellers.contains(p);
                        file
                    })
                    .collect();
                let chosen = applied
                    .iter()
                    .map(|(a, ignored)| {
                        let index = a.as_ref().and_then(|p| unique.binary_search(&p).ok());
                        (index, ignored.clone())
                    })
                    .collect();
                (files, chosen)
            }
        };
        let mut submissions: Vec<Planned> = dirs
            .into_iter()
            .zip(chosen)
            .map(|(dir, (config, ignored))| Planned {
                dir,
                config,
                ignored,
            })
            .collect();
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
            broken_packs: files.iter().map(|_| None).collect(),
            files,
            fixed: options.config.is_some(),
        }
    }

    /// The rule packs of the run: the `--checks` folders (for every submission), then those the
    /// configuration files name. A `--checks` folder that cannot be used stops the run, and so
    /// does a pack of `--config`; a pack named by a found configuration that cannot be used is
    /// kept against that configuration (SEL003 in its submissions, [`Plan::jobs`]).
    pub fn load_packs(&mut self, cli_dirs: &[PathBuf]) -> Result<Vec<PackSet>, pack::PackError> {
        let mut taken = Vec::new();
        let mut sets: Vec<PackSet> = Vec::new();
        for dir in cli_dirs {
            let canonical = dir.canonicalize().map_err(|_| {
                let message = text!("the rule-pack folder does not exist", "规则包文件夹不存在");
                pack::PackError::new(dir, message)
            })?;
            if sets.iter().any(|s| s.dir == canonical) {
                continue;
            }
            let rules = pack::load_dirs(std::slice::from_ref(&canonical), &mut taken)?;
            sets.push(PackSet {
                dir: canonical,
                rules,
                everywhere: true,
            });
        }
        for (i, file) in self.files.iter().enumerate() {
            for dir in file.pack_dirs() {
                if sets.iter().any(|s| s.dir == dir) {
                    continue;
                }
                // A pack's codes are taken only when the whole pack could be used.
                let mut trial = taken.clone();
                match pack::load_dirs(std::slice::from_ref(&dir), &mut trial) {
                    Ok(rules) => {
                        taken = trial;
                        sets.push(PackSet {
                            dir,
                            rules,
                            everywhere: false,
                        });
                    }
                    Err(e) if self.fixed => return Err(e),
                    Err(e) => {
                        self.broken_packs[i].get_or_insert(e);
                    }
                }
            }
        }
        Ok(sets)
    }

    /// Each submission with its configuration, checked against the catalogue of `options` (the
    /// run's packs loaded). A mistake in `--config` stops the run before any output; a found
    /// configuration that cannot be used is reported (SEL003) in each submission it covers, which
    /// are linted with the defaults.
    pub fn jobs(&self, options: &Options) -> Result<Jobs, RunError> {
        if let Some(problem) = &self.problem {
            return Err(RunError::Discover(problem.clone()));
        }
        // Shared, so that what a configuration compiles (postal patterns) is compiled once.
        let default = Arc::new(config::Config::default());
        let checked: Vec<Result<Arc<config::Config>, Arc<config::ConfigError>>> = self
            .files
            .iter()
            .zip(&self.broken_packs)
            .map(|(f, broken)| match broken {
                Some(e) => Err(Arc::new(e.clone())),
                None => f.check(&options.catalogue).map(Arc::new).map_err(Arc::new),
            })
            .collect();
        if self.fixed
            && let Some(Err(e)) = checked.first()
        {
            return Err(RunError::Config((**e).clone()));
        }
        let cwd = std::env::current_dir().ok().map(|d| normalize(&d));
        let shown = |path: &Path| -> String {
            let path = absolute(path);
            match &cwd {
                Some(cwd) => slashes(&relative(cwd, &path)),
                None => slashes(&path),
            }
        };
        let by = match &options.config {
            Some(file) => Applies::Given(slashes(file)),
            None => Applies::Agency,
        };
        let list = self
            .submissions
            .iter()
            .map(|planned| {
                let mut notes = Vec::new();
                let (config, applied) = match planned.config {
                    Some(i) => match &checked[i] {
                        Ok(c) => (c.clone(), Some(shown(&self.files[i].path))),
                        Err(e) => {
                            notes.push(Note::Broken(e.clone()));
                            (default.clone(), None)
                        }
                    },
                    None => (default.clone(), None),
                };
                if let Some(own) = &planned.ignored {
                    let by = match (&by, planned.config) {
                        (Applies::Given(file), _) => Applies::Given(file.clone()),
                        (Applies::Agency, Some(i)) => Applies::File(self.files[i].path.clone()),
                        (other, _) => other.clone(),
                    };
                    notes.push(Note::Ignored {
                        own: own.clone(),
                        by,
                    });
                }
                Job {
                    dir: planned.dir.clone(),
                    config,
                    applied,
                    notes: Arc::new(notes),
                }
            })
            .collect();
        Ok(Jobs { list })
    }
}

/// What is known of the folders above the submissions: which hold a configuration file, which
/// are submission folders. Sellers of one agency share their ancestors, so each folder is looked
/// at once.
#[derive(Default)]
pub(super) struct Folders {
    memo: std::collections::HashMap<PathBuf, (bool, bool)>,
}

impl Folders {
    /// What the walk that found the submissions saw of each folder it listed (as walked,
    /// relative to `cwd` or absolute), so that those folders are not looked at again. A folder
    /// written with `..` after a name is left out: its path made absolute by its text could name
    /// another folder than the one listed (`link/..`).
    pub(super) fn seen(&mut self, cwd: Option<&Path>, folders: Vec<(PathBuf, discover::Seen)>) {
        use std::path::Component;
        for (dir, seen) in folders {
            let mut named = false;
            let by_text = dir.components().all(|c| match c {
                Component::Normal(_) => {
                    named = true;
                    true
                }
                Component::ParentDir => !named,
                _ => true,
            });
            if by_text && (dir.is_absolute() || cwd.is_some()) {
                self.memo
                    .insert(absolute_in(cwd, &dir), (seen.also, seen.submission_yaml));
            }
        }
    }

    /// Whether `dir` holds a `.selfcheck.yaml`, and whether it is a submission folder.
    fn look(&mut self, dir: &Path) -> (bool, bool) {
        if let Some(known) = self.memo.get(dir) {
            return *known;
        }
        let seen = (
            std::fs::symlink_metadata(dir.join(config::FILE_NAME)).is_ok(),
            dir.join("submission.yaml").exists(),
        );
        self.memo.insert(dir.to_path_buf(), seen);
        seen
    }

    /// The seller's own configuration of the submission folder `dir` (absolute) — the nearest at
    /// or above it inside the outermost submission folder holding it — and the agency's, the
    /// nearest above that.
    pub(super) fn configurations(&mut self, dir: &Path) -> (Option<PathBuf>, Option<PathBuf>) {
        let chain: Vec<&Path> = dir.ancestors().collect();
        let looks: Vec<(bool, bool)> = chain.iter().map(|d| self.look(d)).collect();
        let outermost = looks.iter().rposition(|(_, sub)| *sub).unwrap_or(0);
        let file = |i: usize| chain[i].join(config::FILE_NAME);
        let own = (0..=outermost).find(|&i| looks[i].0).map(file);
        let agency = (outermost + 1..chain.len()).find(|&i| looks[i].0).map(file);
        (own, agency)
    }
}

/// `path` made absolute against the working directory, `.` and `..` resolved without following
/// links.
pub(super) fn absolute(path: &Path) -> PathBuf {
    normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// [`absolute`], against the working directory `cwd` found once (`std::path::absolute` asks
/// the system for it on every call).
pub(super) fn absolute_in(cwd: Option<&Path>, path: &Path) -> PathBuf {
    match cwd {
        Some(cwd) if path.is_relative() => normalize(&cwd.join(path)),
        _ => absolute(path),
    }
}

/// `to` relative to the folder `from`, both absolute and normalized (`../` where `to` is not
/// below `from`); `to` itself when they share no root.
pub(super) fn relative(from: &Path, to: &Path) -> PathBuf {
    let (a, b): (Vec<_>, Vec<_>) = (from.components().collect(), to.components().collect());
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return to.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in common..a.len() {
        out.push("..");
    }
    for c in &b[common..] {
        out.push(c.as_os_str());
    }
    out
}

pub(super) fn slashes(path: &Path) -> String {
    crate::source::slashed(path)
}

/// What applies instead of a submission's own configuration.
#[derive(Debug, Clone)]
pub(super) enum Applies {
    /// `--config`, as given.
    Given(String),
    /// The agency's file above the submission (absolute).
    File(PathBuf),
    /// The agency's file (not known: only while choosing).
    Agency,
}

/// What a submission's report says about its configuration.
#[derive(Debug)]
pub(super) enum Note {
    /// SEL002: the submission's own file (absolute) is not used.
    Ignored { own: PathBuf, by: Applies },
    /// SEL003: the configuration that would apply cannot be used.
    Broken(Arc<config::ConfigError>),
}

/// One submission to lint, with its checked configuration.
#[derive(Debug, Clone)]
pub(super) struct Job {
    pub(super) dir: PathBuf,
    pub(super) config: Arc<config::Config>,
    /// The configuration applied, relative to the working directory; `None`: the defaults.
    pub(super) applied: Option<String>,
    pub(super) notes: Arc<Vec<Note>>,
}

/// The submissions of a [`Plan`], each with its checked configuration: lint them with
/// [`Jobs::lint_each`], once or more.
#[derive(Debug, Clone)]
pub struct Jobs {
    pub(super) list: Vec<Job>,
}

impl Jobs {
    /// What the run says once, on standard error, about the configurations that apply: each
    /// retired rule a `rules:` entry names (its entry is ignored), with what became of it.
    pub fn retired_notes(&self) -> Vec<crate::finding::Text> {
        let mut seen: Vec<&str> = Vec::new();
        let mut notes = Vec::new();
        for job in &self.list {
            for (code, what) in &job.config.retired {
                if seen.contains(&code.as_str()) {
                    continue;
                }
                seen.push(code);
                let file = job.applied.as_deref().unwrap_or_default();
                let (en, zh) = (&what.en, &what.zh);
                notes.push(text!(
                    "note: `{file}` sets a level for {code}, a retired rule: {code} was {en}; the entry is ignored",
                    "提示：`{file}` 为已停用的规则 {code} 设置了级别：{code} 已{zh}；该条目不起作用"
                ));
            }
        }
        notes
    }
}

/// SEL002 and SEL003 of one submission. A configuration file is named relative to the
/// submission folder (`../.selfcheck.yaml` for the agency's), like every file of the report.
pub(super) fn configuration_findings(
    db: &mut SourceDb,
    dir: &Path,
    notes: &[Note],
) -> Vec<Finding> {
    let home = absolute(dir);
    let name = |path: &Path| slashes(&relative(&home, &absolute(path)));
    notes
        .iter()
        .flat_map(|note| match note {
            Note::Ignored { own, by } => {
                let file = db.add(&name(own), None);
                let message = match by {
                    Applies::Given(given) => text!(
                        "not used: `--config {given}` applies to every submission of this run",
                        "未采用：本次运行的所有提交均使用 `--config {given}`"
                    ),
                    Applies::File(agency) => {
                        let agency = name(agency);
                        text!(
                            "not used: the agency's configuration `{agency}` applies to this submission",
                            "未采用：本提交使用代理商的配置 `{agency}`"
                        )
                    }
                    Applies::Agency => text!(
                        "not used: the agency's configuration applies to this submission",
                        "未采用：本提交使用代理商的配置"
                    ),
                };
                vec![
                    Finding::new(Code::SEL002, Place::File(file), message).help(text!(
                        "remove this file, or ask the agency to change its configuration",
                        "请删除此文件，或请代理商修改其配置"
                    )),
                ]
            }
            Note::Broken(broken) => broken
                .each()
                .map(|e| {
                    let rel = name(&e.path);
                    let place = match e.span() {
                        Some((text, span)) => {
                            let file = db.add(&rel, Some(text.to_owned()));
                            Place::Span(Span::new(file, span))
                        }
                        None => Place::File(db.add(&rel, None)),
                    };
                    let Text { en, zh } = &e.message;
                    let mut f = Finding::new(
                        Code::SEL003,
                        place,
                        text!(
                            "{en}; this submission is linted with the built-in defaults",
                            "{zh}；本提交改用内置默认设置检查"
                        ),
                    );
                    f.help = e.help.as_deref().cloned();
                    f
                })
                .collect::<Vec<_>>(),
        })
        .collect()
}

/// The pre-commit hook passes the staged files to `selfcheck lint`, a `.selfcheck.yaml` among
/// them. A seller's stands for its submission like any file of it, but an agency's may lie
/// above every submission, so that linting the submissions never reads it. This checks each
/// path of `paths` named `.selfcheck.yaml` as a configuration found in the folders (a regular
/// file, not a link), against the built-in rules, the run's packs (`options.packs`) and the
/// packs it names itself, whether or not any submission uses it; the first that cannot be used
/// is the error, with its file, line and column. Other paths, and paths that do not exist (the
/// run reports them), are passed over.
pub fn check_named_configs(
    paths: &[PathBuf],
    options: &Options,
) -> Result<(), crate::config::ConfigError> {
    use crate::config::{ConfigFile, FILE_NAME};
    use crate::pack;
    for path in paths {
        let named = path.file_name().is_some_and(|n| n == FILE_NAME);
        if !named || std::fs::symlink_metadata(path).is_err() {
            continue;
        }
        let file = ConfigFile::read(path, true);
        let loaded = |dir: &PathBuf| options.packs.iter().any(|set| set.dir == *dir);
        let own_dirs: Vec<PathBuf> = file
            .pack_dirs()
            .into_iter()
            .filter(|dir| !loaded(dir))
            .collect();
        let mut taken: Vec<String> = options
            .packs
            .iter()
            .flat_map(|set| set.rules.iter().map(|r| r.code.to_string()))
            .collect();
        let own = pack::load_dirs(&own_dirs, &mut taken)?;
        let catalogue = crate::catalogue::Catalogue::with_packs(
            options
                .packs
                .iter()
                .flat_map(|set| set.rules.iter())
                .chain(own.iter())
                .map(|rule| pack::entry(rule)),
        );
        file.check(&catalogue)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_walk_saw_chooses_as_probing_would() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        for file in [
            "agency/.selfcheck.yaml",
            "agency/outer/submission.yaml",
            "agency/outer/.selfcheck.yaml",
            "agency/outer/inner/submission.yaml",
            "agency/plain/submission.yaml",
            "agency/own/submission.yaml",
            "agency/own/.selfcheck.yaml",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let walked = discover::discover_seen(&[root.join("agency")], Some(config::FILE_NAME));
        assert_eq!(walked.submissions.len(), 4);
        let mut memo = Folders::default();
        memo.seen(None, walked.folders);
        // Every folder walked is known: only the ones above it are left to look at.
        assert!(memo.memo.contains_key(&root.join("agency/outer/inner")));
        for dir in &walked.submissions {
            let probed = Folders::default().configurations(dir);
            assert_eq!(memo.configurations(dir), probed, "{}", dir.display());
        }
        let own = memo.configurations(&root.join("agency/own"));
        assert_eq!(own.0, Some(root.join("agency/own/.selfcheck.yaml")));
        assert_eq!(own.1, Some(root.join("agency/.selfcheck.yaml")));
    }

    #[test]
    fn a_folder_written_through_dot_dot_is_not_taken_from_the_walk() {
        let seen = discover::Seen {
            submission_yaml: true,
            also: true,
        };
        let mut memo = Folders::default();
        memo.seen(
            Some(Path::new("/work")),
            vec![
                (PathBuf::from("link/../x"), seen),
                (PathBuf::from("../up"), seen),
                (PathBuf::from("/abs/y"), seen),
            ],
        );
        // `link/..` need not be the working directory when `link` is a link.
        assert!(!memo.memo.contains_key(Path::new("/work/x")));
        // The working directory has no links in it: `..` from there is its parent.
        assert!(memo.memo.contains_key(Path::new("/up")));
        assert!(memo.memo.contains_key(Path::new("/abs/y")));
    }
}
