//! The command line: parse, call the library, choose the exit status.

use clap::{Parser, Subcommand, ValueEnum};
use miette::{IntoDiagnostic, miette};
use selfcheck::catalogue::catalogue;
use selfcheck::discover::DiscoverError;
use selfcheck::finding::{Lang, Severity};
use selfcheck::model::Date;
use selfcheck::render;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "selfcheck",
    version,
    about = "Lints a cross-border seller's onboarding submission before review"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint submission folders, or folders holding many.
    Lint(LintArgs),
    /// The checklist as a table.
    Rules {
        #[arg(long, value_enum, default_value_t = TableFormat::Human)]
        format: TableFormat,
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Write a commented template submission into a new folder.
    Init {
        /// The folder to create; it must not exist or must be empty.
        dir: PathBuf,
        /// The programme the template is for.
        #[arg(long, value_enum, default_value_t = ProgramArg::Cooperation)]
        program: ProgramArg,
        /// The as-of date the template's dates are computed from (default: today, UTC+8).
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
    },
    /// Print the JSON Schema of a document, for editor completion and validation.
    Schema {
        /// submission, license, customs, returns, service, fulfillment or compliance;
        /// without it, the list of documents.
        document: Option<String>,
    },
    /// A rule's full documentation.
    Explain {
        /// The rule's code, e.g. CUS007.
        code: String,
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
}

#[derive(clap::Args)]
struct LintArgs {
    /// Submission folders, or folders holding many submissions.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit 1 when a finding at or above this severity is found.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// The as-of date for every date rule (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    today: Option<Date>,
    /// Language of the messages (default from LC_ALL / LANG).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum TableFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum ProgramArg {
    Cooperation,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Zh,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s, false).ok_or_else(|| format!("`{s}` is not a date written YYYY-MM-DD"))
}

/// `--lang`, else LC_ALL, else LANG: `zh*` is Chinese, anything else English.
fn lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Zh) => Lang::Zh,
        None => {
            let env = ["LC_ALL", "LANG"]
                .iter()
                .filter_map(|v| std::env::var(v).ok())
                .find(|v| !v.is_empty())
                .unwrap_or_default();
            if env.to_lowercase().starts_with("zh") {
                Lang::Zh
            } else {
                Lang::En
            }
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(report) => {
            eprintln!("{report:?}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> miette::Result<ExitCode> {
    match cli.command {
        Command::Lint(args) => lint(args),
        Command::Rules { format, lang: l } => {
            let out = match format {
                TableFormat::Human => render::catalogue::table(lang(l)),
                TableFormat::Json => render::catalogue::table_json(lang(l)),
            };
            print(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Init {
            dir,
            program: ProgramArg::Cooperation,
            today,
        } => {
            let as_of = today.unwrap_or_else(selfcheck::today_cst);
            match selfcheck::init::init(&dir, as_of) {
                Ok(files) => {
                    print(&format!(
                        "Wrote {} files to {}; replace the placeholders, then run `selfcheck lint {}`.\n",
                        files.len(),
                        dir.display(),
                        dir.display()
                    ))?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(selfcheck::init::InitError::Exists(p)) => Err(miette!(
                    help = "choose a new folder name; init never overwrites files",
                    "`{}` already exists and is not empty",
                    p.display()
                )),
                Err(selfcheck::init::InitError::Io(p, e)) => {
                    Err(miette!("cannot write `{}`: {e}", p.display()))
                }
            }
        }
        Command::Schema { document: None } => {
            print(&(selfcheck::schema::DOCUMENTS.join("\n") + "\n"))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema {
            document: Some(doc),
        } => {
            let name = doc.trim_end_matches(".yaml");
            match selfcheck::schema::schema(name) {
                Some(s) => {
                    print(&s)?;
                    Ok(ExitCode::SUCCESS)
                }
                None => Err(miette!(
                    help = format!("one of: {}", selfcheck::schema::DOCUMENTS.join(", ")),
                    "no document is called `{doc}`"
                )),
            }
        }
        Command::Explain { code, lang: l } => {
            let code = code.trim().to_uppercase();
            match catalogue().get(&code) {
                Some(entry) => {
                    print(&render::catalogue::explain(entry, lang(l)))?;
                    Ok(ExitCode::SUCCESS)
                }
                None => {
                    let known: Vec<&str> = catalogue().entries.keys().map(String::as_str).collect();
                    let hint = known
                        .iter()
                        .map(|k| (strsim::levenshtein(k, &code), k))
                        .min()
                        .filter(|(d, _)| *d <= 2)
                        .map(|(_, k)| format!("did you mean `{k}`?"))
                        .unwrap_or_else(|| "`selfcheck rules` lists every code".to_owned());
                    Err(miette!(help = hint, "no rule has the code `{code}`"))
                }
            }
        }
    }
}

fn print(s: &str) -> miette::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        // A closed pipe (`| head`) is not a failure of the run.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r.into_diagnostic(),
    }
}

fn lint(args: LintArgs) -> miette::Result<ExitCode> {
    let options = selfcheck::Options { today: args.today };
    let lang = lang(args.lang);
    let report = selfcheck::lint(&args.paths, &options).map_err(|e| match e {
        DiscoverError::NotFound(p) => miette!(
            help = "check the path; it is relative to the current folder",
            "`{}` does not exist",
            p.display()
        ),
        DiscoverError::NoSubmission(p) => miette!(
            help = "a submission is a folder holding `submission.yaml`; `selfcheck init DIR` writes one",
            "no submission found in `{}`",
            p.display()
        ),
    })?;
    let out = match args.format {
        Format::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let mut buf = Vec::new();
            render::human::render(&report, lang, color, &mut buf).into_diagnostic()?;
            String::from_utf8_lossy(&buf).into_owned()
        }
        Format::Json => render::json::render(&report, lang),
    };
    print(&out)?;
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failed = threshold.is_some_and(|t| report.counts().at_or_above(t) > 0);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
