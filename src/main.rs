//! The command line: parse, call the library, choose the exit status.

use clap::{Parser, Subcommand, ValueEnum};

use miette::{IntoDiagnostic, miette};
use selfcheck::RunError;
use selfcheck::catalogue::Catalogue;
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
        /// Also list the rules of this rule-pack folder (repeatable).
        #[arg(long = "checks", value_name = "DIR")]
        checks: Vec<PathBuf>,
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
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions { shell: clap_complete::Shell },
    /// A rule's full documentation.
    Explain {
        /// The rule's code, e.g. CUS007.
        code: String,
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Also look in this rule-pack folder (repeatable).
        #[arg(long = "checks", value_name = "DIR")]
        checks: Vec<PathBuf>,
    },
}

#[derive(clap::Args)]
struct LintArgs {
    /// Submission folders, or folders holding many submissions.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format (human output is coloured only on a terminal).
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
    /// Only these codes or prefixes (e.g. `RET,CUS007`).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Never these codes or prefixes (e.g. `SLA004,FUL`).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// A configuration file for every submission, instead of the nearest `.selfcheck.yaml`.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Also write FORMAT to PATH from the same run (repeatable), e.g. `sarif=selfcheck.sarif`.
    #[arg(long, value_name = "FORMAT=PATH", value_parser = parse_output, conflicts_with = "diff")]
    output: Vec<OutputArg>,
    /// Pass over paths that hold no submission instead of failing (for pre-commit hooks).
    #[arg(long)]
    allow_no_submission: bool,
    /// Apply the safe fixes, then lint again and report what is left.
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// Print the fixes `--fix` would apply as a unified diff; change nothing.
    #[arg(long)]
    diff: bool,
    /// A folder of rule-pack YAML files (repeatable).
    #[arg(long = "checks", value_name = "DIR")]
    checks: Vec<PathBuf>,
    /// Lint only the K-th of N deterministic slices of the submissions found (CI matrices).
    #[arg(long, value_name = "K/N", value_parser = selfcheck::Shard::parse)]
    shard: Option<selfcheck::Shard>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Junit,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        <Format as ValueEnum>::from_str(s, true)
    }
}

/// `--output FORMAT=PATH`.
#[derive(Clone)]
struct OutputArg {
    format: Format,
    path: PathBuf,
}

fn parse_output(s: &str) -> Result<OutputArg, String> {
    let (format, path) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}` is not FORMAT=PATH, e.g. sarif=selfcheck.sarif"))?;
    let format = format.parse::<Format>().map_err(|_| {
        format!("`{format}` is not an output format (human, json, sarif, github, junit)")
    })?;
    if path.is_empty() {
        return Err(format!("`{s}` names no file"));
    }
    Ok(OutputArg {
        format,
        path: PathBuf::from(path),
    })
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
    Challenge,
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
    // Messages name files and codes; wrapping them would split what a reader searches for.
    let _ = miette::set_hook(Box::new(|_| {
        Box::new(miette::MietteHandlerOpts::new().wrap_lines(false).build())
    }));
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
        } => {
            let as_of = today.unwrap_or_else(selfcheck::today_cst);
            let program = match program {
                ProgramArg::Cooperation => selfcheck::model::Program::Cooperation,
                ProgramArg::Challenge => selfcheck::model::Program::Challenge,
            };
            match selfcheck::init::init(&dir, program, as_of) {
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
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "selfcheck",
                &mut out,
            );
            print(&String::from_utf8_lossy(&out))?;
            Ok(ExitCode::SUCCESS)
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
        Command::Explain {
            code,
            lang: l,
            checks,
        } => {
            let catalogue = catalogue_with(&checks)?;
            let code = code.trim().to_uppercase();
            match catalogue.get(&code) {
                Some(entry) => {
                    print(&render::catalogue::explain(entry, lang(l)))?;
                    Ok(ExitCode::SUCCESS)
                }
                None => {
                    let known: Vec<&str> = catalogue.codes().collect();
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

/// The built-in rules and those of the `--checks` folders.
fn catalogue_with(checks: &[PathBuf]) -> miette::Result<Catalogue> {
    let mut options = selfcheck::Options::default();
    options.set_packs(selfcheck::load_packs(&[], checks, &options).map_err(pack_error)?);
    Ok((*options.catalogue).clone())
}

fn print(s: &str) -> miette::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        // A closed pipe (`| head`) is not a failure of the run.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r.into_diagnostic(),
    }
}

fn fixed_in_file(lang: Lang, count: usize) -> String {
    match lang {
        Lang::En => format!("fixed {count}"),
        Lang::Zh => format!("已修复 {count} 处"),
    }
}

fn fixes_summary(lang: Lang, count: usize, files: usize, would: bool) -> String {
    match (lang, would) {
        (Lang::En, false) => format!("Fixed {count} finding(s) in {files} file(s)."),
        (Lang::En, true) => format!("Would fix {count} finding(s) in {files} file(s)."),
        (Lang::Zh, false) => format!("已在 {files} 个文件中修复 {count} 个问题。"),
        (Lang::Zh, true) => format!("可在 {files} 个文件中修复 {count} 个问题。"),
    }
}

/// `--select` / `--ignore` entries must name a code or a prefix of one.
fn check_codes(catalogue: &Catalogue, flag: &str, codes: &[String]) -> miette::Result<Vec<String>> {
    let known: Vec<&str> = catalogue.codes().collect();
    codes
        .iter()
        .map(|c| c.trim().to_uppercase())
        .filter(|c| !c.is_empty())
        .map(|c| {
            if known.iter().any(|k| k.starts_with(&c)) {
                Ok(c)
            } else {
                let hint = known
                    .iter()
                    .map(|k| (strsim::levenshtein(k, &c), k))
                    .min()
                    .filter(|(d, _)| *d <= 2)
                    .map(|(_, k)| format!("did you mean `{k}`?"))
                    .unwrap_or_else(|| "`selfcheck rules` lists every code".to_owned());
                Err(miette!(
                    help = hint,
                    "{flag}: no rule has the code or prefix `{c}`"
                ))
            }
        })
        .collect()
}

/// A file given to `--output`: written to a temporary file in the same folder and renamed at the
/// end, so that a reader never sees half of it.
struct OutputFile {
    tmp: PathBuf,
    path: PathBuf,
}

impl OutputFile {
    fn create(path: &std::path::Path) -> std::io::Result<(OutputFile, std::fs::File)> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.selfcheck-{}.tmp", std::process::id()));
        let file = std::fs::File::create(&tmp)?;
        Ok((
            OutputFile {
                tmp,
                path: path.to_path_buf(),
            },
            file,
        ))
    }

    fn commit(self) -> std::io::Result<()> {
        std::fs::rename(&self.tmp, &self.path).inspect_err(|_| {
            let _ = std::fs::remove_file(&self.tmp);
        })
    }
}

fn to_render_format(f: Format) -> render::Format {
    match f {
        Format::Human => render::Format::Human,
        Format::Json => render::Format::Json,
        Format::Sarif => render::Format::Sarif,
        Format::Github => render::Format::Github,
        Format::Junit => render::Format::Junit,
    }
}

/// Standard output that goes quiet once its reader has gone (`| head`).
struct Stdout {
    out: std::io::BufWriter<std::io::Stdout>,
    closed: bool,
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.out.write(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            r => r,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.out.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            r => r,
        }
    }
}

fn pack_error(e: selfcheck::pack::PackError) -> miette::Report {
    match e.help.clone() {
        Some(help) => miette!(help = help, "{e}"),
        None => miette!("{e}"),
    }
}

fn run_error(e: RunError) -> miette::Report {
    match e {
        RunError::Discover(DiscoverError::NotFound(p)) => miette!(
            help = "check the path; it is relative to the current folder",
            "`{}` does not exist",
            p.display()
        ),
        RunError::Discover(DiscoverError::NoSubmission(p)) => miette!(
            help = "a submission is a folder holding `submission.yaml`; `selfcheck init DIR` writes one",
            "no submission found in `{}`",
            p.display()
        ),
        RunError::Config(e) => match e.help.clone() {
            Some(help) => miette!(help = help, "{e}"),
            None => miette!("{e}"),
        },
    }
}

fn lint(args: LintArgs) -> miette::Result<ExitCode> {
    let mut options = selfcheck::Options {
        today: args.today,
        config: args.config.clone(),
        select: Vec::new(),
        ignore: Vec::new(),
        allow_no_submission: args.allow_no_submission,
        shard: args.shard,
        ..selfcheck::Options::default()
    };
    // Packs first: their codes are valid in --select, --ignore and configurations.
    let packs = selfcheck::load_packs(&args.paths, &args.checks, &options).map_err(pack_error)?;
    options.set_packs(packs);
    options.select = check_codes(&options.catalogue, "--select", &args.select)?;
    options.ignore = check_codes(&options.catalogue, "--ignore", &args.ignore)?;
    let lang = lang(args.lang);
    let run = |each: &mut dyn FnMut(selfcheck::SubmissionReport)| {
        selfcheck::lint_each(&args.paths, &options, each).map_err(run_error)
    };
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    if args.diff {
        let mut fixes = Vec::new();
        run(&mut |sub| fixes.extend(selfcheck::fix::plan(&sub)))?;
        print(&selfcheck::fix::diff(&fixes))?;
        let count: usize = fixes.iter().map(|f| f.count).sum();
        eprintln!("{}", fixes_summary(lang, count, fixes.len(), true));
        return Ok(if count > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    if args.fix {
        let (mut count, mut files) = (0, 0);
        run(&mut |sub| {
            for fix in selfcheck::fix::plan(&sub) {
                match selfcheck::fix::write(&sub.loaded.dir, &fix) {
                    Ok(()) => {
                        eprintln!("{}: {}", fix.display, fixed_in_file(lang, fix.count));
                        count += fix.count;
                        files += 1;
                    }
                    Err(e) => eprintln!("warning: {e}"),
                }
            }
        })?;
        eprintln!("{}", fixes_summary(lang, count, files, false));
    }
    let color = args.format == Format::Human
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let settings = render::Settings {
        lang,
        color,
        fail_on: threshold,
        select: options.select.clone(),
        ignore: options.ignore.clone(),
        catalogue: options.catalogue.clone(),
    };
    let file_settings = render::Settings {
        color: false,
        ..settings.clone()
    };
    let stdout = Stdout {
        out: std::io::BufWriter::new(std::io::stdout()),
        closed: false,
    };
    let mut sinks = vec![
        render::stream::sink(to_render_format(args.format), &settings, Box::new(stdout))
            .into_diagnostic()?,
    ];
    let mut files = Vec::new();
    for output in &args.output {
        let (file, handle) = OutputFile::create(&output.path)
            .map_err(|e| miette!("cannot write `{}`: {e}", output.path.display()))?;
        let writer = Box::new(std::io::BufWriter::new(handle));
        sinks.push(
            render::stream::sink(to_render_format(output.format), &file_settings, writer)
                .into_diagnostic()?,
        );
        files.push(file);
    }
    // Progress only for a person watching human output on a terminal.
    let progress = (args.format == Format::Human && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} {pos} submissions linted in {elapsed}",
        ) {
            bar.set_style(style);
        }
        bar
    });
    let mut failed_write = None;
    let summary = run(&mut |sub| {
        for sink in sinks.iter_mut() {
            if let Err(e) = sink.submission(&sub) {
                failed_write.get_or_insert(e);
            }
        }
        if let Some(bar) = &progress {
            bar.inc(1);
        }
    })?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    for sink in sinks {
        if let Err(e) = sink.finish(&summary) {
            failed_write.get_or_insert(e);
        }
    }
    if let Some(e) = failed_write {
        return Err(miette!("cannot write the output: {e}"));
    }
    for file in files {
        let path = file.path.clone();
        file.commit()
            .map_err(|e| miette!("cannot write `{}`: {e}", path.display()))?;
    }
    let failed = threshold.is_some_and(|t| summary.counts.at_or_above(t) > 0);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
