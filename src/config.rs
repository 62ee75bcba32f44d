//! `.selfcheck.yaml`: per-rule severity, market-table overrides and rule packs. Found in the
//! submission folder or the nearest ancestor (the nearest wins); `--config FILE` overrides.
//!
//! ```yaml
//! rules:
//!   RET003: off          # off | info | warning | error
//!   SLA004: error
//! markets:               # override or extend the market table
//!   ES: {postal_prefix_required: false}
//! ```
//! A mistake in the configuration is an error of the run (exit 2) that points into the file,
//! with the closest known name — never silently ignored.

use crate::catalogue::Catalogue;
use crate::finding::Severity;
use crate::load::typed::{Field, Sp, closest, struct_fields};
use crate::markets::{Market, MarketTable};
use crate::model::text_enum;
use crate::source::{FileId, SourceDb};
use serde::Deserialize;
use std::collections::BTreeMap;
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
    rules: Field<BTreeMap<String, Level>>,
    markets: Field<BTreeMap<String, serde_json::Value>>,
    /// Rule-pack folders, relative to this file.
    checks: Field<crate::load::typed::List<String>>,
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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            path: None,
            rules: BTreeMap::new(),
            markets: crate::markets::builtin().clone(),
            pack_dirs: Vec::new(),
        }
    }
}

/// A configuration that cannot be used: where, what, and what would be right.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column, when the problem has a place.
    pub at: Option<(usize, usize)>,
    pub message: String,
    pub help: Option<String>,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.at {
            Some((line, col)) => {
                write!(f, "{}:{line}:{col}: {}", self.path.display(), self.message)
            }
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// The nearest `.selfcheck.yaml` at or above `dir`.
pub fn find(dir: &Path) -> Option<PathBuf> {
    let start = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| std::fs::symlink_metadata(p).is_ok())
}

/// Reads and checks a configuration file.
pub fn load(path: &Path, catalogue: &Catalogue) -> Result<Config, ConfigError> {
    load_from(path, false, catalogue)
}

/// A configuration found by searching the folders (not named with `--config`): it may lie inside
/// a seller's submission, so it must be a regular file, not a link to somewhere else.
pub fn load_found(path: &Path, catalogue: &Catalogue) -> Result<Config, ConfigError> {
    load_from(path, true, catalogue)
}

/// The text of a configuration file: at most [`crate::load::MAX_YAML_BYTES`]; for a found one,
/// a regular file and not a link.
fn read_config(path: &Path, found: bool) -> Result<String, String> {
    use std::io::Read;
    let meta = std::fs::symlink_metadata(path).map_err(|e| format!("cannot be read: {e}"))?;
    if found && !meta.is_file() {
        return Err("is not a regular file (a link?); it was not read".to_owned());
    }
    let limit = crate::load::MAX_YAML_BYTES;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot be read: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "is larger than {} MiB; it was not read",
            limit / (1024 * 1024)
        ));
    }
    let text = String::from_utf8(bytes).map_err(|_| "is not UTF-8 text".to_owned())?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned())
}

fn load_from(path: &Path, found: bool, catalogue: &Catalogue) -> Result<Config, ConfigError> {
    let fail = |at, message: String, help: Option<String>| ConfigError {
        path: path.to_path_buf(),
        at,
        message,
        help,
    };
    let text = read_config(path, found).map_err(|message| fail(None, message, None))?;
    // Nothing but comments: the defaults.
    if matches!(
        crate::load::tree::parse(&text).map(|n| n.kind),
        Ok(crate::load::tree::Kind::Null)
    ) {
        return Ok(Config {
            path: Some(path.to_path_buf()),
            ..Config::default()
        });
    }
    let mut db = SourceDb::default();
    let file: FileId = db.add(FILE_NAME, Some(text.clone()));
    let source = db.get(file);
    let mut findings = Vec::new();
    let doc = crate::load::read_yaml::<ConfigDoc>(file, &text, &mut findings);
    if let Some(f) = findings.first() {
        let at = match f.place {
            crate::finding::Place::Span(s) => Some(source.line_col(s.start as usize)),
            crate::finding::Place::File(_) => None,
        };
        return Err(fail(
            at,
            f.message.en.clone(),
            f.help.as_ref().map(|h| h.en.clone()),
        ));
    }
    let Some(doc) = doc else {
        // An empty configuration is the defaults.
        return Ok(Config {
            path: Some(path.to_path_buf()),
            ..Config::default()
        });
    };
    let key_at = |section: &str, key: &str| {
        doc.root
            .get(section)
            .and_then(|n| n.entry(key))
            .map(|(k, _)| source.line_col(k.span.start))
    };
    let mut rules = BTreeMap::new();
    if let Some(Sp { value, .. }) = doc.data.rules.get() {
        let codes: Vec<&str> = catalogue.entries.keys().map(String::as_str).collect();
        for (code, level) in value {
            if catalogue.get(code).is_none() {
                let help = closest_code(code, &codes).map(|c| format!("did you mean `{c}`?"));
                return Err(fail(
                    key_at("rules", code),
                    format!("no rule has the code `{code}`"),
                    help,
                ));
            }
            rules.insert(code.clone(), *level);
        }
    }
    let mut markets = crate::markets::builtin().clone();
    if let Some(Sp { value, .. }) = doc.data.markets.get() {
        markets = with_overrides(&markets, value)
            .map_err(|(code, message, help)| fail(key_at("markets", &code), message, help))?;
    }
    let mut pack_dirs = Vec::new();
    for dir in doc
        .data
        .checks
        .get()
        .map(|l| l.value.items.as_slice())
        .unwrap_or(&[])
    {
        let base = path.parent().unwrap_or(Path::new("."));
        let home = base.canonicalize().unwrap_or_else(|_| base.to_path_buf());
        let at = Some(source.line_col(dir.span.start as usize));
        let resolved = base.join(&dir.value).canonicalize().map_err(|_| {
            fail(
                at,
                format!("the rule-pack folder `{}` does not exist", dir.value),
                Some("`checks` folders are relative to the configuration file".to_owned()),
            )
        })?;
        // A configuration may sit inside a seller's folder: it names packs below itself only.
        if !resolved.starts_with(&home) {
            return Err(fail(
                at,
                format!(
                    "the rule-pack folder `{}` is outside the folder holding this configuration",
                    dir.value
                ),
                Some(
                    "keep rule packs below the configuration file, or pass them with --checks"
                        .to_owned(),
                ),
            ));
        }
        pack_dirs.push(resolved);
    }
    Ok(Config {
        path: Some(path.to_path_buf()),
        rules,
        markets,
        pack_dirs,
    })
}

/// The rule-pack folders a configuration file names (canonical where they exist), read before
/// anything else so that pack codes are known when the configuration itself is checked.
pub fn pack_dirs(path: &Path, found: bool) -> Vec<PathBuf> {
    let Ok(text) = read_config(path, found) else {
        return Vec::new();
    };
    let mut findings = Vec::new();
    let Some(doc) = crate::load::read_yaml::<ConfigDoc>(FileId(0), &text, &mut findings) else {
        return Vec::new();
    };
    let base = path.parent().unwrap_or(Path::new("."));
    let home = base.canonicalize().unwrap_or_else(|_| base.to_path_buf());
    doc.data
        .checks
        .get()
        .map(|l| l.value.items.as_slice())
        .unwrap_or(&[])
        .iter()
        .filter_map(|d| base.join(&d.value).canonicalize().ok())
        .filter(|d| d.starts_with(&home))
        .collect()
}

fn closest_code<'a>(code: &str, codes: &[&'a str]) -> Option<&'a str> {
    let code = code.to_uppercase();
    codes
        .iter()
        .map(|c| (strsim::levenshtein(c, &code), *c))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, c)| c)
}

type OverrideError = (String, String, Option<String>);

/// The table with `overrides` applied: keys of an existing market replace its values; a new
/// market code adds a market, which then needs every field.
fn with_overrides(
    base: &MarketTable,
    overrides: &BTreeMap<String, serde_json::Value>,
) -> Result<MarketTable, OverrideError> {
    let known: &[&str] = struct_fields::<Market>();
    let mut table = serde_json::to_value(base).map_err(|e| (String::new(), e.to_string(), None))?;
    let list = table["markets"].as_array_mut().expect("markets is a list");
    for (code, value) in overrides {
        let serde_json::Value::Object(fields) = value else {
            return Err((
                code.clone(),
                format!("`{code}` must be a mapping of market fields"),
                None,
            ));
        };
        for key in fields.keys() {
            if !known.contains(&key.as_str()) {
                let help = closest(key, known).map(|k| format!("did you mean `{k}`?"));
                return Err((
                    code.clone(),
                    format!("markets.{code}: unknown field `{key}`"),
                    help,
                ));
            }
        }
        match list.iter_mut().find(|m| m["code"] == code.as_str()) {
            Some(serde_json::Value::Object(market)) => {
                market.extend(fields.clone());
            }
            _ => {
                let mut market = fields.clone();
                market.insert("code".into(), code.clone().into());
                list.push(serde_json::Value::Object(market));
            }
        }
    }
    serde_json::from_value(table).map_err(|e| {
        let code = overrides.keys().next().cloned().unwrap_or_default();
        (code, format!("markets: {e}"), None)
    })
}
