//! The command line: parse, call the library, choose the exit status.

mod args;
mod fixing;
mod forecast;
pub mod help;
mod help_words;
mod lint;
mod output;

use args::{LangArg, LintArgs, ProgramArg, TableFormat, lang, parse_date};
use clap::{Parser, Subcommand};
use miette::miette;
use output::print;
use selfcheck::catalogue::Catalogue;
use selfcheck::finding::{Lang, Text};
use selfcheck::load::typed::{Likeness, closest_by};
use selfcheck::model::Date;
use selfcheck::render;
use selfcheck::render::words;
use selfcheck::text;
use std::path::PathBuf;
use std::process::ExitCode;

/// The command line. Its words — each command's summary, each argument's help — are
/// `help_words`', in both languages; `help::command` puts them in the run's language.
#[derive(Parser)]
#[command(name = "selfcheck", version)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    Lint(LintArgs),
    Forecast(forecast::ForecastArgs),
    Rules {
        #[arg(long, value_enum, default_value_t = TableFormat::Human)]
        format: TableFormat,
        #[arg(long, value_enum, ignore_case = true)]
        lang: Option<LangArg>,
        #[arg(long = "checks", value_name = "DIR")]
        checks: Vec<PathBuf>,
    },
    Init {
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = ProgramArg::Cooperation)]
        program: ProgramArg,
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
        #[arg(long, value_enum, ignore_case = true)]
        lang: Option<LangArg>,
    },
    Schema {
        document: Option<String>,
        #[arg(long, value_enum, ignore_case = true)]
        lang: Option<LangArg>,
    },
    Completions {
        shell: clap_complete::Shell,
        #[arg(long, value_enum, ignore_case = true)]
        lang: Option<LangArg>,
    },
    Server {
        #[arg(long, value_enum, ignore_case = true)]
        lang: Option<LangArg>,
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
    },
    Explain {
        code: String,
        #[arg(long, value_enum, ignore_case = true)]
        lang: Option<LangArg>,
        #[arg(long = "checks", value_name = "DIR")]
        checks: Vec<PathBuf>,
    },
}

impl Cli {
    /// The language of this run's messages: `--lang`, else the locale (gettext's order).
    pub fn lang(&self) -> Lang {
        match &self.command {
            Command::Lint(args) => lang(args.run.lang),
            Command::Forecast(args) => lang(args.run.lang),
            Command::Rules { lang: l, .. }
            | Command::Explain { lang: l, .. }
            | Command::Init { lang: l, .. }
            | Command::Schema { lang: l, .. }
            | Command::Completions { lang: l, .. }
            | Command::Server { lang: l, .. } => lang(*l),
        }
    }
}

/// The language of the run's messages, chosen once when the run starts.
static RUN_LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// The language of the run's messages ([`Cli::lang`]); the locale's before the run starts.
pub fn run_lang() -> Lang {
    RUN_LANG.get().copied().unwrap_or_else(|| lang(None))
}

/// The language of the run as its arguments and the locale say, before they are parsed (for
/// the messages of the parse itself): `--lang zh`, `--lang=zh`, else the locale.
pub fn lang_of_args(args: &[std::ffi::OsString]) -> Lang {
    let args: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    let given = args.iter().enumerate().find_map(|(i, a)| match *a {
        "--lang" => args.get(i + 1).copied(),
        _ => a.strip_prefix("--lang="),
    });
    let given = given.and_then(|v| <LangArg as clap::ValueEnum>::from_str(v, true).ok());
    lang(given)
}

/// Sets the language of the run's messages, once, before the arguments are parsed.
pub fn set_run_lang(lang: Lang) {
    let _ = RUN_LANG.set(lang);
}

/// A mistake in the arguments in Chinese, from clap's error kind and context (clap's own words
/// are English); `None` where clap's rendering says all (help, version) or the kind is rare.
pub fn argument_error_zh(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind as C, ContextValue, ErrorKind as K};
    let get = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join("、")),
        _ => None,
    };
    // Suggestions: `a` or `b`.
    let either = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) if !v.is_empty() => Some(v.join("` 或 `")),
        _ => None,
    };
    let arg = get(C::InvalidArg).unwrap_or_default();
    let value = get(C::InvalidValue).unwrap_or_default();
    let message = match e.kind() {
        K::InvalidValue => {
            let valid = get(C::ValidValue)
                .map(|v| format!("（可选：{v}）"))
                .unwrap_or_default();
            format!("`{value}` 不是 `{arg}` 的有效值{valid}")
        }
        K::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| format!("：{s}"))
                .unwrap_or_default();
            format!("`{arg}` 的值 `{value}` 无效{why}")
        }
        K::UnknownArgument => match either(C::SuggestedArg) {
            Some(s) => format!("没有参数 `{arg}`；是否应为 `{s}`？"),
            None => format!("没有参数 `{arg}`"),
        },
        K::InvalidSubcommand => {
            let sub = get(C::InvalidSubcommand).unwrap_or_default();
            match either(C::SuggestedSubcommand) {
                Some(s) => format!("没有子命令 `{sub}`；是否应为 `{s}`？"),
                None => format!("没有子命令 `{sub}`"),
            }
        }
        K::MissingRequiredArgument => format!("缺少必需的参数 `{arg}`"),
        K::MissingSubcommand | K::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少子命令（lint、rules、explain、init、schema 等）".to_owned()
        }
        K::ArgumentConflict => {
            let prior = get(C::PriorArg).unwrap_or_default();
            format!("`{arg}` 不能与 `{prior}` 同时使用")
        }
        K::NoEquals => format!("`{arg}` 的值须用 `=` 给出"),
        K::TooManyValues => format!("`{arg}` 的值 `{value}` 多余"),
        K::TooFewValues | K::WrongNumberOfValues => format!("`{arg}` 的值个数不对"),
        K::InvalidUtf8 => "参数不是有效的 UTF-8 文本".to_owned(),
        _ => return None,
    };
    // clap's tip, in Chinese: `warning` for `warnin`, `junit` for `xml`.
    let tip = match (e.kind(), either(C::SuggestedValue)) {
        (K::InvalidValue, Some(s)) => format!("\n\n  提示：存在相似的值：`{}`", untrusted_line(&s)),
        _ => String::new(),
    };
    Some(format!(
        "错误：{}{tip}\n\n用法见 `selfcheck --help`。\n",
        untrusted_line(&message)
    ))
}

/// A text from the command line, shown on one line with its controls escaped.
fn untrusted_line(s: &str) -> String {
    selfcheck::untrusted::line(s).into_owned()
}

pub fn run(cli: Cli) -> miette::Result<ExitCode> {
    let _ = RUN_LANG.set(cli.lang());
    match cli.command {
        Command::Lint(args) => lint::lint(args),
        Command::Server { lang: l, today } => Ok(crate::server::serve(crate::server::Start {
            lang: l.map(|_| lang(l)),
            fallback: lang(None),
            today,
        })),
        Command::Forecast(args) => forecast::forecast(args),
        Command::Rules {
            format,
            lang: l,
            checks,
        } => {
            let catalogue = catalogue_with(&checks)?;
            let out = match format {
                TableFormat::Human => render::catalogue::table(&catalogue, lang(l)),
                TableFormat::Json => render::catalogue::table_json(&catalogue, lang(l)),
            };
            print(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Init {
            dir,
            program,
            today,
            ..
        } => init(&dir, program, today),
        Command::Completions { shell, .. } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut help::command(run_lang()), "selfcheck", &mut out);
            print(&String::from_utf8_lossy(&out))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { document: None, .. } => {
            print(&(selfcheck::schema::DOCUMENTS.join("\n") + "\n"))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema {
            document: Some(doc),
            ..
        } => schema(&doc),
        Command::Explain {
            code,
            lang: l,
            checks,
        } => explain(&code, l, &checks),
    }
}

/// `selfcheck init DIR`: a template of a submission, and what to do next.
fn init(
    dir: &std::path::Path,
    program: ProgramArg,
    today: Option<selfcheck::model::Date>,
) -> miette::Result<ExitCode> {
    let as_of = today.unwrap_or_else(selfcheck::today_cst);
    let program = match program {
        ProgramArg::Cooperation => selfcheck::model::Program::Cooperation,
        ProgramArg::Challenge => selfcheck::model::Program::Challenge,
    };
    match selfcheck::init::init(dir, program, as_of) {
        Ok(files) => {
            let dir = dir.display().to_string();
            let wrote = words::wrote_template(files.len(), &dir, selfcheck::init::TEXT_MARK);
            print(wrote.get(run_lang()))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(selfcheck::init::InitError::Exists(p)) => {
            let p = p.display();
            Err(failure(
                text!(
                    "`{p}` already exists and is not empty",
                    "`{p}` 已存在且不为空"
                ),
                Some(text!(
                    "choose a new folder name; init never overwrites files",
                    "请换一个新的文件夹名：init 从不覆盖已有文件"
                )),
            ))
        }
        Err(selfcheck::init::InitError::Io(p, e)) => {
            Err(cannot_write(&p.display().to_string(), &e))
        }
    }
}

/// `selfcheck schema DOCUMENT`: its JSON Schema.
fn schema(doc: &str) -> miette::Result<ExitCode> {
    let name = doc.trim_end_matches(".yaml");
    match selfcheck::schema::schema(name) {
        Some(s) => {
            print(&s)?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let (en, zh) = (
                selfcheck::schema::DOCUMENTS.join(", "),
                selfcheck::schema::DOCUMENTS.join("、"),
            );
            Err(failure(
                text!("no document is called `{doc}`", "没有名为 `{doc}` 的文档"),
                Some(text!("one of: {en}", "可选：{zh}")),
            ))
        }
    }
}

/// `selfcheck explain CODE`: a rule's documentation, retired rules' included.
fn explain(code: &str, l: Option<LangArg>, checks: &[PathBuf]) -> miette::Result<ExitCode> {
    let catalogue = catalogue_with(checks)?;
    let code = code.trim().to_uppercase();
    match catalogue.get(&code).or_else(|| catalogue.retired(&code)) {
        Some(entry) => {
            print(&render::catalogue::explain(entry, lang(l)))?;
            Ok(ExitCode::SUCCESS)
        }
        None => Err(failure(
            text!(
                "no rule has the code `{code}`",
                "没有代码为 `{code}` 的规则"
            ),
            Some(code_hint(&catalogue, &code)),
        )),
    }
}

/// The built-in rules and those of the `--checks` folders.
fn catalogue_with(checks: &[PathBuf]) -> miette::Result<Catalogue> {
    let mut options = selfcheck::Options::default();
    options.set_packs(selfcheck::load_packs(&[], checks, &options).map_err(pack_error)?);
    Ok((*options.catalogue).clone())
}

/// The help for a code no rule has: the closest code, else where the codes are listed.
fn code_hint(catalogue: &Catalogue, code: &str) -> Text {
    match closest_by(code, catalogue.codes(), Likeness::Code) {
        Some(k) => text!("did you mean `{k}`?", "是否应为 `{k}`？"),
        None => text!(
            "`selfcheck rules` lists every code",
            "`selfcheck rules` 列出了全部代码"
        ),
    }
}

/// `--select` / `--ignore` entries must name a code or a prefix of one.
fn check_codes(catalogue: &Catalogue, flag: &str, codes: &[String]) -> miette::Result<Vec<String>> {
    codes
        .iter()
        .map(|c| c.trim().to_uppercase())
        .filter(|c| !c.is_empty())
        .map(|c| {
            if catalogue.codes().any(|k| k.starts_with(&c)) {
                Ok(c)
            } else {
                Err(failure(
                    text!(
                        "{flag}: no rule has the code or prefix `{c}`",
                        "{flag}：没有规则的代码是 `{c}` 或以它开头"
                    ),
                    Some(code_hint(catalogue, &c)),
                ))
            }
        })
        .collect()
}

/// An error of the run (exit 2) in the run's language, with what to do.
pub(super) fn failure(message: Text, help: Option<Text>) -> miette::Report {
    let lang = run_lang();
    let message = message.get(lang).to_owned();
    match help {
        Some(help) => miette!(help = help.get(lang).to_owned(), "{message}"),
        None => miette!("{message}"),
    }
}

/// A file that cannot be written: its path and why.
pub(super) fn cannot_write(path: &str, e: &std::io::Error) -> miette::Report {
    let Text { en, zh } = selfcheck::finding::io_reason(e);
    failure(
        text!("cannot write `{path}`: {en}", "无法写入 `{path}`：{zh}"),
        Some(text!(
            "check that its folder exists and can be written to",
            "请确认其所在文件夹存在且可写入"
        )),
    )
}

/// Why a file operation failed, in `lang` ([`selfcheck::finding::io_reason`]).
pub(super) fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    selfcheck::finding::io_reason(e).get(lang).to_owned()
}

/// A configuration or rule-pack mistake in the run's language, shown with its lines and the
/// place marked.
fn pack_error(e: selfcheck::config::ConfigError) -> miette::Report {
    miette::Report::new(Mistake::of(&e, run_lang()))
}

/// A configuration or rule-pack mistake as shown in one language: the message (after the
/// file's path when the file's text is not shown), the file's text with the place of the
/// mistake, the help, and the other mistakes of the file.
#[derive(Debug)]
struct Mistake {
    shown: String,
    help: Option<String>,
    source: Option<miette::NamedSource<String>>,
    label: Option<miette::LabeledSpan>,
    also: Vec<Mistake>,
}

impl Mistake {
    fn of(e: &selfcheck::config::ConfigError, lang: Lang) -> Mistake {
        let path = e.path.display().to_string();
        let message = e.message.get(lang);
        let shown = match e.snippet {
            // The path, line and column head the file's lines.
            Some(_) => message.to_owned(),
            None => format!("{path}: {message}"),
        };
        let here = words::here().get(lang).to_owned();
        Mistake {
            shown,
            help: e.help.as_ref().map(|h| h.get(lang).to_owned()),
            source: e
                .snippet
                .as_ref()
                .map(|s| miette::NamedSource::new(path.clone(), s.text.clone())),
            label: e
                .snippet
                .as_ref()
                .map(|s| miette::LabeledSpan::new_primary_with_span(Some(here), s.span.clone())),
            also: e
                .also
                .iter()
                .flat_map(|also| also.iter())
                .map(|other| Mistake::of(other, lang))
                .collect(),
        }
    }
}

impl std::fmt::Display for Mistake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

impl std::error::Error for Mistake {}

impl miette::Diagnostic for Mistake {
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let label = self.label.clone()?;
        Some(Box::new(std::iter::once(label)))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        (!self.also.is_empty()).then(|| {
            Box::new(self.also.iter().map(|m| m as &dyn miette::Diagnostic))
                as Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>
        })
    }
}
