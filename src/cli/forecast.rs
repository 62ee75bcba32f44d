//! `selfcheck forecast`: when each submission starts failing, and the challenge's deadlines.

use super::args::{FailOn, LangArg, lang, parse_date};
use super::lint::run_error;
use super::output::print;
use super::{check_codes, pack_error};
use clap::ValueEnum;
use miette::IntoDiagnostic;
use selfcheck::finding::Severity;
use selfcheck::forecast::{self, Horizon, Method};
use selfcheck::model::Date;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ForecastArgs {
    /// Submission folders, or folders holding many submissions.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Days after each submission's as-of date to look at.
    #[arg(long, default_value_t = forecast::DEFAULT_HORIZON_DAYS,
          value_parser = clap::value_parser!(i64).range(1..=3660))]
    pub days: i64,
    /// Output format: a table sorted by date, JSON, or an iCalendar file.
    #[arg(long, value_enum, default_value_t = ForecastFormat::Human)]
    pub format: ForecastFormat,
    /// A break is a new finding at or above this severity; exit 1 when a submission breaks
    /// within the horizon.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// The as-of date of every submission (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub today: Option<Date>,
    /// Language of the messages (default from LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Only these codes or prefixes (e.g. `CUS,LIC004`).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Never these codes or prefixes.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// A configuration file for every submission, instead of the `.selfcheck.yaml` files found.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Do not honour `# selfcheck: ignore[…]` comments.
    #[arg(long)]
    pub no_inline_suppressions: bool,
    /// A folder of rule-pack YAML files (repeatable).
    #[arg(long = "checks", value_name = "DIR")]
    pub checks: Vec<PathBuf>,
    /// Only the K-th of N deterministic slices of the submissions found.
    #[arg(long, value_name = "K/N", value_parser = super::args::parse_shard)]
    pub shard: Option<selfcheck::Shard>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ForecastFormat {
    Human,
    Json,
    Ics,
}

pub fn forecast(args: ForecastArgs) -> miette::Result<ExitCode> {
    let mut options = selfcheck::Options {
        today: args.today,
        config: args.config.clone(),
        no_inline_suppressions: args.no_inline_suppressions,
        shard: args.shard,
        ..selfcheck::Options::default()
    };
    let plan = selfcheck::run::Plan::new(&args.paths, &options);
    options.set_packs(plan.load_packs(&args.checks).map_err(pack_error)?);
    options.select = check_codes(&options.catalogue, "--select", &args.select)?;
    options.ignore = check_codes(&options.catalogue, "--ignore", &args.ignore)?;
    let jobs = plan.jobs(&options).map_err(run_error)?;
    let lang = lang(args.lang);
    let horizon = Horizon {
        days: args.days,
        fail_on: match args.fail_on {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        },
    };
    // JSON streams, a submission at a time; the table and the calendar need every forecast.
    let json = args.format == ForecastFormat::Json;
    let mut forecasts = Vec::new();
    let mut broken = false;
    let mut out = super::output::Stdout::new();
    let mut written = Ok(());
    if json {
        written = write!(out, "{}", forecast::json_head(horizon));
    }
    let mut first = true;
    jobs.each_linter(
        &options,
        |linter, path, config| {
            let f = forecast::forecast(
                linter,
                &options,
                horizon,
                Method::ChangePoints,
                lang,
                path,
                config,
            );
            if json {
                (
                    !f.breaks.is_empty(),
                    Some(forecast::json_submission(&f, lang)),
                    None,
                )
            } else {
                (!f.breaks.is_empty(), None, Some(f.without_json()))
            }
        },
        |(breaks, text, f)| {
            broken |= breaks;
            if let Some(text) = text
                && written.is_ok()
            {
                written = write!(out, "{}{text}", if first { "" } else { "," });
                first = false;
            }
            forecasts.extend(f);
        },
    );
    if json {
        if written.is_ok() {
            written = write!(out, "{}", forecast::JSON_TAIL).and_then(|_| out.flush());
        }
        written.into_diagnostic()?;
    } else {
        print(&match args.format {
            ForecastFormat::Ics => forecast::ics::calendar(&forecasts, lang),
            _ => forecast::human(&forecasts, lang),
        })?;
    }
    Ok(if broken {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
