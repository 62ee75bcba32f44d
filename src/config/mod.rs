//! `.selfcheck.yaml`: per-rule severity, market-table overrides and rule packs. Found in the
//! submission folder or the nearest ancestor (the nearest wins); `--config FILE` overrides.
//!
//! ```yaml
//! rules:
//!   RET003: off          # off | info | warning | error
//!   SLA004: error
//! markets:               # override or extend the market table
//!   ES: {postal_prefix_required: false}
//! inline_suppressions: false   # `# selfcheck: ignore[…]` comments are not honoured
//! ```
//! Which file applies to a submission (the agency's above it, else the seller's own) is decided
//! by the run (`crate::run`). A mistake in a found configuration is reported as SEL003 in every
//! submission it would cover; a mistake in `--config FILE` is an error of the run (exit 2). Both
//! point into the file, with the closest known name — never silently ignored.
//!
//! The file is read and checked here; [`levels`] checks the levels of `rules:` and [`markets`]
//! applies `markets:` to the market table.

mod levels;
mod markets;

use crate::catalogue::Catalogue;
use crate::finding::Severity;
use crate::finding::Text;
use crate::load::Doc;
use crate::load::tree;
use crate::load::typed::{self, Field, Sp, closest};
use crate::markets::MarketTable;
pub use crate::mistake::ConfigError;
use crate::model::text_enum;
use crate::source::{FileId, SourceDb};
use markets::with_overrides;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = ".selfcheck.yaml";

text_enum!(Level { Off => ["off"], Info => ["info"], Warning => ["warning"], Error => ["error"] });

impl Level {
    /// The severity a finding gets, or `None` when the rule is turned off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ConfigDoc {
    /// Each level is checked from the tree ([`levels`]), so that one wrong level does not hide
    /// the next.
    rules: Field<BTreeMap<String, serde_json::Value>>,
    markets: Field<BTreeMap<String, serde_json::Value>>,
    /// Rule-pack folders, relative to this file.
    checks: Field<crate::load::typed::List<String>>,
    /// `false`: inline suppression comments are not honoured.
    inline_suppressions: Field<bool>,
    /// Where a rule's documentation is (`{code}` stands for the code in lower case).
    docs_url: Field<String>,
}

/// A loaded configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where it was read from; `None` for the built-in defaults.
    pub path: Option<PathBuf>,
    /// Severity per code (`off` drops the rule's findings).
    pub rules: BTreeMap<String, Level>,
    /// The market table with this configuration's overrides.
    pub markets: MarketTable,
    /// The rule-pack folders this configuration adds (canonical paths).
    pub pack_dirs: Vec<PathBuf>,
    /// `inline_suppressions:`; `None` when the file does not say (they are honoured).
    pub inline_suppressions: Option<bool>,
    /// `docs_url:`, the address of the rules' documentation in place of
    /// [`crate::catalogue::DOCS_URL`] (see [`crate::catalogue::rule_url`]); `None`: the built-in.
    pub docs_url: Option<String>,
    /// The retired rules `rules:` names, with what became of each: their entries are ignored
    /// (the run says so once, [`crate::run::Jobs::retired_notes`]).
    pub retired: Vec<(String, Text)>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            path: None,
            rules: BTreeMap::new(),
            markets: crate::markets::builtin().clone(),
            pack_dirs: Vec::new(),
            inline_suppressions: None,
            docs_url: None,
            retired: Vec::new(),
        }
    }
}

/// The nearest `.selfcheck.yaml` at or above `dir`, whoever's it is. A run does not use this:
/// it chooses the agency's file above a submission over the seller's own (`run::Plan`).
pub fn find(dir: &Path) -> Option<PathBuf> {
    let start = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| std::fs::symlink_metadata(p).is_ok())
}

/// Reads and checks a configuration file.
pub fn load(path: &Path, catalogue: &Catalogue) -> Result<Config, ConfigError> {
    ConfigFile::read(path, false).check(catalogue)
}

/// A configuration found by searching the folders (not named with `--config`): it may lie inside
/// a seller's submission, so it must be a regular file, not a link to somewhere else.
pub fn load_found(path: &Path, catalogue: &Catalogue) -> Result<Config, ConfigError> {
    ConfigFile::read(path, true).check(catalogue)
}

/// The text of a configuration file: at most [`crate::load::MAX_YAML_BYTES`]; for a found one,
/// a regular file and not a link.
fn read_config(path: &Path, found: bool) -> Result<String, Text> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| {
        let Text { en, zh } = crate::finding::io_reason(&e);
        text!("cannot be read: {en}", "无法读取：{zh}")
    };
    let meta = std::fs::symlink_metadata(path).map_err(unreadable)?;
    if found && !meta.is_file() {
        return Err(text!(
            "is not a regular file (a link?); it was not read",
            "不是普通文件（可能是链接），未读取"
        ));
    }
    let limit = crate::load::MAX_YAML_BYTES;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        let mib = limit / (1024 * 1024);
        return Err(text!(
            "is larger than {mib} MiB; it was not read",
            "超过 {mib} MiB，未读取"
        ));
    }
    let text =
        String::from_utf8(bytes).map_err(|_| text!("is not UTF-8 text", "不是 UTF-8 文本"))?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned())
}

/// A configuration file read and parsed once. A run takes its rule-pack folders
/// ([`ConfigFile::pack_dirs`]) before the packs are loaded, then checks it against the catalogue
/// holding their codes ([`ConfigFile::check`]).
#[derive(Debug)]
pub struct ConfigFile {
    pub path: PathBuf,
    /// What was read, or the first mistake met reading it.
    read: Result<Read, ConfigError>,
    /// The file is a seller's own (inside a submission folder, SPEC §7): it may not relax a
    /// document finding (SUB), which is the agency's to relax.
    pub sellers: bool,
}

#[derive(Debug)]
struct Read {
    /// The text, for places and snippets.
    db: SourceDb,
    file: FileId,
    /// `None`: empty or nothing but comments, the defaults.
    doc: Option<Doc<ConfigDoc>>,
    /// The `checks` folders, resolved and canonical, or why not.
    checks: Vec<Result<PathBuf, ConfigError>>,
    /// The mistakes met reading it: YAML, value types, unknown keys.
    problems: Vec<ConfigError>,
}

impl ConfigFile {
    /// Reads and parses the file at `path`; `found` (not named with `--config`) must be a regular
    /// file. A mistake is kept for [`ConfigFile::check`] to report.
    pub fn read(path: &Path, found: bool) -> ConfigFile {
        ConfigFile {
            path: path.to_path_buf(),
            read: Read::new(path, found),
            sellers: false,
        }
    }

    /// The rule-pack folders the file names that exist below it (canonical), so that pack codes
    /// are known when the configuration itself is checked. A file that cannot be read names none.
    pub fn pack_dirs(&self) -> Vec<PathBuf> {
        match &self.read {
            Ok(read) => read
                .checks
                .iter()
                .filter_map(|d| d.as_ref().ok().cloned())
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    /// The configuration, checked against `catalogue` (the built-in rules and the run's packs).
    /// Every mistake of the file is reported at once: the first, holding the others
    /// ([`ConfigError::also`]).
    pub fn check(&self, catalogue: &Catalogue) -> Result<Config, ConfigError> {
        let read = self.read.as_ref().map_err(Clone::clone)?;
        let path = self.path.as_path();
        let source = read.db.get(read.file);
        let mistake = |span: Option<Range<usize>>, message: Text, help: Option<Text>| {
            ConfigError::at(path, source, span, message, help)
        };
        let mut mistakes: Vec<ConfigError> = read.problems.clone();
        let mut config = Config {
            path: Some(path.to_path_buf()),
            ..Config::default()
        };
        if let Some(doc) = &read.doc {
            (config.rules, config.retired) =
                self.rule_levels(doc, source, catalogue, &mistake, &mut mistakes);
            if let Some(Sp { value, .. }) = doc.data.markets.get() {
                let (table, problems) =
                    with_overrides(&config.markets, value, doc.root.get("markets"));
                config.markets = table;
                mistakes.extend(
                    problems
                        .into_iter()
                        .map(|(span, message, help)| mistake(span, message, help)),
                );
            }
            config.inline_suppressions = doc.data.inline_suppressions.get().map(|b| b.value);
            config.docs_url = doc
                .data
                .docs_url
                .get()
                .map(|url| url.value.trim().to_owned());
            if let (Some(url), Some(written)) = (&config.docs_url, doc.data.docs_url.get())
                && let Some(mistake_of_url) = docs_url_mistake(url)
            {
                let span = written.span.start as usize..written.span.end as usize;
                mistakes.push(mistake(
                    Some(span),
                    mistake_of_url,
                    Some(docs_url_example()),
                ));
            }
        }
        mistakes.extend(read.checks.iter().filter_map(|c| c.as_ref().err().cloned()));
        if let Some(e) = ConfigError::all(mistakes) {
            return Err(e);
        }
        config.pack_dirs = read
            .checks
            .iter()
            .filter_map(|c| c.as_ref().ok().cloned())
            .collect();
        Ok(config)
    }
}

impl Read {
    fn new(path: &Path, found: bool) -> Result<Read, ConfigError> {
        let text = read_config(path, found).map_err(|message| ConfigError::new(path, message))?;
        let mut db = SourceDb::default();
        let file: FileId = db.add(FILE_NAME, Some(text.clone()));
        let source = db.get(file);
        let mut findings = Vec::new();
        let doc = match crate::load::yaml::parse(&text) {
            // Nothing but comments: the defaults.
            Ok(node) if matches!(node.kind, tree::Kind::Null) => None,
            Ok(node) if !matches!(node.kind, tree::Kind::Map(_)) => {
                findings.push(crate::load::sub::not_a_mapping(file, &node));
                None
            }
            Ok(node) => {
                let (data, problems) = typed::read::<ConfigDoc>(file, &text, &node);
                findings.extend(problems.into_iter().map(|p| {
                    let near = near_choice(&text, &p);
                    let f = crate::load::sub::problem(file, p);
                    match near {
                        Some(c) => f.help(text!("did you mean `{c}`?", "是否应为 `{c}`？")),
                        None => f,
                    }
                }));
                // An empty configuration is the defaults.
                data.map(|data| Doc {
                    file,
                    root: node,
                    data,
                })
            }
            Err(e) => {
                findings.push(crate::load::sub::yaml_error(file, &text, &e));
                None
            }
        };
        let problems: Vec<ConfigError> = findings
            .iter()
            .map(|f| ConfigError::from_finding(path, source, f))
            .collect();
        let base = path.parent().unwrap_or(Path::new("."));
        let home = base.canonicalize().unwrap_or_else(|_| base.to_path_buf());
        let checks = doc
            .iter()
            .flat_map(|d| d.data.checks.get())
            .flat_map(|l| l.value.items.iter())
            .map(|dir| {
                let span = dir.span.start as usize..dir.span.end as usize;
                let resolved = base.join(&dir.value).canonicalize().map_err(|_| {
                    let folder = &dir.value;
                    ConfigError::at(
                        path,
                        source,
                        Some(span.clone()),
                        text!(
                            "the rule-pack folder `{folder}` does not exist",
                            "规则包文件夹 `{folder}` 不存在"
                        ),
                        Some(text!(
                            "`checks` folders are relative to the configuration file",
                            "`checks` 中的文件夹相对于配置文件所在位置"
                        )),
                    )
                })?;
                // A configuration may sit inside a seller's folder: it names packs below itself
                // only.
                if !resolved.starts_with(&home) {
                    let folder = &dir.value;
                    return Err(ConfigError::at(
                        path,
                        source,
                        Some(span),
                        text!(
                            "the rule-pack folder `{folder}` is outside the folder holding this configuration",
                            "规则包文件夹 `{folder}` 不在此配置文件所在的文件夹之内"
                        ),
                        Some(text!(
                            "keep rule packs below the configuration file, or pass them with --checks",
                            "请把规则包放在配置文件所在的文件夹之下，或用 --checks 指定"
                        )),
                    ));
                }
                Ok(resolved)
            })
            .collect();
        Ok(Read {
            db,
            file,
            doc,
            checks,
            problems,
        })
    }
}

/// What is wrong with `docs_url: URL`, if anything: it must be an absolute web address that
/// names the rule (`{code}`), for editors and code scanning to link to.
fn docs_url_mistake(url: &str) -> Option<Text> {
    let web = url.starts_with("https://") || url.starts_with("http://");
    let blank = url.chars().any(|c| c.is_whitespace() || c.is_control());
    if !web || blank {
        Some(text!(
            "`docs_url` must be an absolute web address (https://…)",
            "`docs_url` 须为完整的网址（https://…）"
        ))
    } else if !url.contains("{code}") {
        Some(text!(
            "`docs_url` must hold `{{code}}`, where the rule's code goes",
            "`docs_url` 须含 `{{code}}`，表示规则代码所在的位置"
        ))
    } else {
        None
    }
}

fn docs_url_example() -> Text {
    text!(
        "for example `docs_url: https://docs.example.com/rules/{{code}}.html`",
        "例如 `docs_url: https://docs.example.com/rules/{{code}}.html`"
    )
}

/// For a value that is not one of its field's choices (`warn` for a level), the choice it is
/// closest to (`warning`).
fn near_choice(text: &str, p: &typed::Problem) -> Option<String> {
    let typed::ProblemKind::WrongValue { expected, .. } = &p.kind else {
        return None;
    };
    let choices: Vec<&str> = expected
        .en
        .strip_prefix("one of ")?
        .split(", ")
        .map(|c| c.trim_matches('`'))
        .collect();
    let written = text
        .get(p.span.clone())?
        .trim()
        .trim_matches(|c| c == '"' || c == '\'')
        .to_lowercase();
    closest(&written, &choices)
        .or_else(|| only_start(&written, &choices))
        .map(str::to_owned)
}

/// The one choice that starts with `written` (`err` for `error`), if only one does.
fn only_start<'a>(written: &str, choices: &[&'a str]) -> Option<&'a str> {
    let mut starts = choices
        .iter()
        .filter(|c| !written.is_empty() && c.starts_with(written));
    match (starts.next(), starts.next()) {
        (Some(c), None) => Some(*c),
        _ => None,
    }
}
