//! `selfcheck forecast`: when each submission starts failing, and the challenge's deadlines.

use super::args::{RunArgs, lang};
use super::lint::run_error;
use super::output::print;
use clap::ValueEnum;
use miette::IntoDiagnostic;
use selfcheck::forecast::{self, Method};
use selfcheck::render::forecast as shown;
use selfcheck::report::Horizon;
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ForecastArgs {
    #[command(flatten)]
    pub run: RunArgs,
    #[arg(long, default_value_t = Horizon::DEFAULT.days, allow_negative_numbers = true,
          value_parser = super::args::parse_days)]
    pub days: i64,
    #[arg(long, value_enum, default_value_t = ForecastFormat::Human)]
    pub format: ForecastFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ForecastFormat {
    Human,
    Json,
    Ics,
}

pub fn forecast(args: ForecastArgs) -> miette::Result<ExitCode> {
    let (options, plan) = args.run.plan(selfcheck::Options::default(), false)?;
    let jobs = plan.jobs(&options).map_err(run_error)?;
    let lang = lang(args.run.lang);
    for note in jobs.retired_notes() {
        eprintln!("{}", selfcheck::untrusted::line(note.get(lang)));
    }
    let horizon = Horizon { days: args.days };
    // JSON streams, a submission at a time; the table and the calendar need every forecast.
    let json = args.format == ForecastFormat::Json;
    let mut forecasts = Vec::new();
    let mut broken = false;
    let mut out = super::output::Stdout::new();
    let mut written = Ok(());
    if json {
        written = write!(
            out,
            "{}",
            shown::json::json_head(horizon, options.fail_on.0)
        );
    }
    let mut first = true;
    jobs.each_linter(
        &options,
        |linter| {
            let f = forecast::forecast(&linter, horizon, Method::ChangePoints);
            let catalogue = &options.catalogue;
            let breaks = !f.breaks.is_empty() || f.fails_now();
            if json {
                let text = shown::json::json_submission(&f, &linter.sub, catalogue, lang);
                (breaks, Some(text), None)
            } else {
                let db = &linter.sub.db;
                let f = f.map(|finding| shown::Gained::of(catalogue, db, &finding));
                (breaks, None, Some(f))
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
            written = write!(out, "{}", shown::json::JSON_TAIL).and_then(|_| out.flush());
        }
        written.into_diagnostic()?;
    } else {
        print(&match args.format {
            ForecastFormat::Ics => shown::ics::calendar(&forecasts, lang),
            _ => shown::human(&forecasts, lang),
        })?;
    }
    Ok(if broken {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
