//! The arguments of the command line: their types, parsers and the language of the messages.

use clap::ValueEnum;
use selfcheck::finding::Lang;
use selfcheck::model::Date;
use selfcheck::render;
use std::path::PathBuf;

/// What `lint` and `forecast` share: which submissions, which rules, at which date, in which
/// language, and what fails.
#[derive(clap::Args)]
pub struct RunArgs {
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    #[arg(long, value_parser = parse_date)]
    pub today: Option<Date>,
    #[arg(long, value_enum, ignore_case = true)]
    pub lang: Option<LangArg>,
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    #[arg(long)]
    pub config: Option<PathBuf>,
    #[arg(long)]
    pub no_inline_suppressions: bool,
    #[arg(long = "checks", value_name = "DIR")]
    pub checks: Vec<PathBuf>,
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<selfcheck::Shard>,
}

impl RunArgs {
    /// The run's options and its plan: the submissions and their configuration files found and
    /// read once, the rule packs loaded (first: their codes are valid in `--select`, `--ignore`
    /// and configurations), `--select` and `--ignore` checked. `named_configs`: a configuration
    /// named on the command line (a staged one, in the hook) is checked even where no submission
    /// uses it.
    pub fn plan(
        &self,
        mut options: selfcheck::Options,
        named_configs: bool,
    ) -> miette::Result<(selfcheck::Options, selfcheck::run::Plan)> {
        options.today = self.today;
        options.config = self.config.clone();
        options.no_inline_suppressions = self.no_inline_suppressions;
        options.shard = self.shard;
        options.fail_on = selfcheck::FailOn(self.threshold());
        let mut plan = selfcheck::run::Plan::new(&self.paths, &options);
        options.set_packs(plan.load_packs(&self.checks).map_err(super::pack_error)?);
        if named_configs {
            selfcheck::run::check_named_configs(&self.paths, &options)
                .map_err(super::pack_error)?;
        }
        options.select = super::check_codes(&options.catalogue, "--select", &self.select)?;
        options.ignore = super::check_codes(&options.catalogue, "--ignore", &self.ignore)?;
        Ok((options, plan))
    }

    /// `--fail-on` as the least severity that fails (none for `never`).
    pub fn threshold(&self) -> Option<selfcheck::finding::Severity> {
        use selfcheck::finding::Severity;
        match self.fail_on {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(clap::Args)]
pub struct LintArgs {
    #[command(flatten)]
    pub run: RunArgs,
    #[arg(long, default_value = "human", value_parser = FormatParser)]
    pub format: Format,
    #[arg(long, value_name = "FORMAT=PATH", value_parser = parse_output, conflicts_with = "diff")]
    pub output: Vec<OutputArg>,
    #[arg(long)]
    pub allow_no_submission: bool,
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    #[arg(long)]
    pub diff: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Junit,
    Html,
    // GitLab Code Quality (`artifacts: reports: codequality:`).
    Gitlab,
    // A job summary in Markdown (`$GITHUB_STEP_SUMMARY`, a merge-request note).
    Markdown,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        <Format as ValueEnum>::from_str(s, true)
    }
}

/// `--output FORMAT=PATH`.
#[derive(Clone)]
pub struct OutputArg {
    pub format: Format,
    pub path: PathBuf,
}

/// `--format`: one of [`Format`]'s names, else an error that suggests the format meant — by a
/// name people use for it (`xml` is JUnit's XML), else by spelling, as clap would.
#[derive(Clone)]
pub struct FormatParser;

/// Names people give an output format that are not its name here.
const FORMAT_NICKNAMES: &[(&str, &str)] = &[
    ("xml", "junit"),
    ("junit-xml", "junit"),
    ("junitxml", "junit"),
    ("text", "human"),
    ("txt", "human"),
    ("gha", "github"),
];

/// The format meant by `value`, which is none of [`Format`]'s names.
pub fn format_meant(value: &str) -> Option<String> {
    let value = value.trim().to_lowercase();
    let names = format_names();
    if let Some((_, meant)) = (FORMAT_NICKNAMES.iter())
        .find(|(name, meant)| *name == value && names.iter().any(|n| n == meant))
    {
        return Some((*meant).to_owned());
    }
    names
        .into_iter()
        .map(|name| (strsim::jaro(&value, &name), name))
        .filter(|(likeness, _)| *likeness > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

/// The names of the output formats, as `--format` takes them.
fn format_names() -> Vec<String> {
    Format::value_variants()
        .iter()
        .filter_map(|f| f.to_possible_value())
        .map(|v| v.get_name().to_owned())
        .collect()
}

impl clap::builder::TypedValueParser for FormatParser {
    type Value = Format;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Format, clap::Error> {
        use clap::error::{ContextKind, ContextValue, ErrorKind};
        let text = value.to_string_lossy();
        if let Ok(format) = text.parse::<Format>() {
            return Ok(format);
        }
        let mut e = clap::Error::new(ErrorKind::InvalidValue).with_cmd(cmd);
        let arg = arg.map_or_else(|| "--format".to_owned(), ToString::to_string);
        e.insert(ContextKind::InvalidArg, ContextValue::String(arg));
        e.insert(
            ContextKind::InvalidValue,
            ContextValue::String(text.to_string()),
        );
        let names = format_names();
        e.insert(ContextKind::ValidValue, ContextValue::Strings(names));
        if let Some(meant) = format_meant(&text) {
            e.insert(ContextKind::SuggestedValue, ContextValue::String(meant));
        }
        Err(e)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            Format::value_variants()
                .iter()
                .filter_map(|f| f.to_possible_value()),
        ))
    }
}

pub fn parse_output(s: &str) -> Result<OutputArg, String> {
    let said = |t: selfcheck::finding::Text| t.get(super::run_lang()).to_owned();
    let (format, path) = s.split_once('=').ok_or_else(|| {
        said(selfcheck::text!(
            "`{s}` is not FORMAT=PATH, e.g. sarif=selfcheck.sarif",
            "`{s}` 不是 FORMAT=PATH 的形式，例如 sarif=selfcheck.sarif"
        ))
    })?;
    let format = format.parse::<Format>().map_err(|_| {
        let formats = Format::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value())
            .map(|v| v.get_name().to_owned())
            .collect::<Vec<_>>();
        let (en, zh) = (formats.join(", "), formats.join("、"));
        let not_one = selfcheck::text!(
            "`{format}` is not an output format ({en})",
            "`{format}` 不是输出格式（可选：{zh}）"
        );
        match format_meant(format) {
            Some(meant) => {
                let selfcheck::finding::Text { en, zh } = not_one;
                said(selfcheck::text!(
                    "{en}; did you mean `{meant}`?",
                    "{zh}；是否应为 `{meant}`？"
                ))
            }
            None => said(not_one),
        }
    })?;
    if path.is_empty() {
        return Err(said(selfcheck::text!(
            "`{s}` names no file",
            "`{s}` 没有指明文件"
        )));
    }
    Ok(OutputArg {
        format,
        path: PathBuf::from(path),
    })
}

#[derive(Clone, Copy, ValueEnum)]
pub enum TableFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ProgramArg {
    Cooperation,
    Challenge,
}

/// `--lang`: the names a locale or a person gives a language are taken too (`zh-CN`, `zh_CN`,
/// `zh-Hans`, `cn`; `en-US`), in any case.
#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    #[value(alias = "en-us", alias = "en_us", alias = "en-gb", alias = "en_gb")]
    En,
    #[value(
        alias = "zh-cn",
        alias = "zh_cn",
        alias = "zh-hans",
        alias = "zh_hans",
        alias = "zh-hans-cn",
        alias = "cn"
    )]
    Zh,
}

pub fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s, false).ok_or_else(|| {
        selfcheck::text!(
            "`{s}` is not a date written YYYY-MM-DD",
            "`{s}` 不是 YYYY-MM-DD 格式的日期"
        )
        .get(super::run_lang())
        .to_owned()
    })
}

/// `forecast --days N`: a whole number of days from 1 to [`MAX_DAYS`], its mistake in the run's
/// language. A negative number reaches it (not clap's "use `-- -5`", which would pass it as a
/// path).
pub fn parse_days(s: &str) -> Result<i64, String> {
    match s.trim().parse::<i64>() {
        Ok(days) if (1..=MAX_DAYS).contains(&days) => Ok(days),
        _ => Err(selfcheck::text!(
            "the horizon is a positive number of days, from 1 to {MAX_DAYS}",
            "展望期须为正整数天数，从 1 到 {MAX_DAYS}"
        )
        .get(super::run_lang())
        .to_owned()),
    }
}

/// The longest horizon `forecast --days` takes: ten years.
pub const MAX_DAYS: i64 = 3660;

/// `--shard K/N`, its mistake in the run's language.
pub fn parse_shard(s: &str) -> Result<selfcheck::Shard, String> {
    selfcheck::Shard::parse(s).map_err(|why| why.get(super::run_lang()).to_owned())
}

/// `--lang`, else the locale as gettext reads it ([`lang_of_locale`]).
pub fn lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Zh) => Lang::Zh,
        None => lang_of_locale(|v| std::env::var(v).ok()),
    }
}

/// The language of messages in SPEC §4's order: `LANGUAGE`, a list such as `zh_CN:en` whose first
/// entry in a language selfcheck speaks decides (`fr:zh_CN` is Chinese), then the locale, the
/// first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty. `zh*` is Chinese,
/// anything else English. Unlike gettext, `LANGUAGE` counts under the `C` locale too: a
/// container's `LANG=C.UTF-8` is nobody's choice, `LANGUAGE=zh_CN:en` is.
pub fn lang_of_locale(env: impl Fn(&str) -> Option<String>) -> Lang {
    let of = |name: &str| {
        let name = name.trim().to_lowercase();
        if name.starts_with("zh") {
            Some(Lang::Zh)
        } else if name.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    };
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| env(v))
        .find(|v| !v.trim().is_empty())
        .unwrap_or_default();
    let listed = env("LANGUAGE").and_then(|list| list.split(':').find_map(of));
    listed.or_else(|| of(&locale)).unwrap_or(Lang::En)
}

pub fn to_render_format(f: Format) -> render::Format {
    match f {
        Format::Human => render::Format::Human,
        Format::Json => render::Format::Json,
        Format::Sarif => render::Format::Sarif,
        Format::Github => render::Format::Github,
        Format::Junit => render::Format::Junit,
        Format::Html => render::Format::Html,
        Format::Gitlab => render::Format::Gitlab,
        Format::Markdown => render::Format::Markdown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_format_is_suggested_by_the_name_people_give_it_else_by_spelling() {
        let meant = |v: &str| format_meant(v);
        assert_eq!(meant("xml").as_deref(), Some("junit"));
        assert_eq!(meant("XML").as_deref(), Some("junit"));
        assert_eq!(meant("sarf").as_deref(), Some("sarif"));
        assert_eq!(meant("pdf"), None);
    }

    #[test]
    fn language_comes_before_a_c_locale() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        let c = &[("LANG", "C.UTF-8"), ("LANGUAGE", "zh_CN:en")];
        assert_eq!(lang_of_locale(env(c)), Lang::Zh);
        assert_eq!(lang_of_locale(env(&[("LANG", "C.UTF-8")])), Lang::En);
    }
}
