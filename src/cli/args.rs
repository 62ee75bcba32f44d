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
    /// Submission folders, or folders holding many submissions.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The severity that fails: `lint` exits 1 on a finding at or above it, and for `forecast` a
    /// new finding at or above it is a break.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// The as-of date for every date rule (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub today: Option<Date>,
    /// Language of the messages (default from LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Only these codes or prefixes (e.g. `RET,CUS007`).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Never these codes or prefixes (e.g. `SLA004,FUL`).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// A configuration file for every submission, instead of the `.selfcheck.yaml` files found
    /// (the agency's above a submission, else the submission's own).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Do not honour `# selfcheck: ignore[…]` comments: the findings they name count (a gate the
    /// gated party cannot silence).
    #[arg(long)]
    pub no_inline_suppressions: bool,
    /// A folder of rule-pack YAML files (repeatable).
    #[arg(long = "checks", value_name = "DIR")]
    pub checks: Vec<PathBuf>,
    /// Only the K-th of N deterministic slices of the submissions found (CI matrices).
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
    /// Output format (human output is coloured only on a terminal).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also write FORMAT to PATH from the same run (repeatable), e.g. `sarif=selfcheck.sarif`.
    #[arg(long, value_name = "FORMAT=PATH", value_parser = parse_output, conflicts_with = "diff")]
    pub output: Vec<OutputArg>,
    /// Pass over paths that hold no submission instead of failing (for pre-commit hooks).
    #[arg(long)]
    pub allow_no_submission: bool,
    /// Apply the safe fixes, then lint again and report what is left.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the fixes `--fix` would apply as a unified diff; change nothing.
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
        said(selfcheck::text!(
            "`{format}` is not an output format ({en})",
            "`{format}` 不是输出格式（可选：{zh}）"
        ))
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

#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    En,
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

/// The language of messages in gettext's order. The locale is the first of `LC_ALL`,
/// `LC_MESSAGES` and `LANG` that is set and not empty; `LANGUAGE`, a list such as `zh_CN:en`,
/// goes before it unless that locale is set to `C` or `POSIX` (as gettext, which then ignores
/// it), and its first entry in a language selfcheck speaks decides (`fr:zh_CN` is Chinese).
/// `zh*` is Chinese, anything else English.
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
    let c_locale = matches!(locale.trim(), "C" | "POSIX") || locale.starts_with("C.");
    let listed = env("LANGUAGE")
        .filter(|_| !c_locale)
        .and_then(|list| list.split(':').find_map(of));
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
