//! The command line: parse, call the library, choose the exit status.

mod args;
mod lint;
mod output;

use args::{LangArg, LintArgs, ProgramArg, TableFormat, lang, parse_date};
use clap::{Parser, Subcommand};
use miette::miette;
use output::print;
use selfcheck::catalogue::Catalogue;
use selfcheck::load::typed::{Likeness, closest_by};
use selfcheck::model::Date;
use selfcheck::render;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "selfcheck",
    version,
    about = "Lints a cross-border seller's onboarding submission before review"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
pub enum Command {
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
        /// submission, license, customs, returns, service, fulfillment, compliance, logistics, plan
        /// or registrations;
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

pub fn run(cli: Cli) -> miette::Result<ExitCode> {
    match cli.command {
        Command::Lint(args) => lint::lint(args),
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
                    let (n, dir, mark) = (files.len(), dir.display(), selfcheck::init::TEXT_MARK);
                    print(&match lang(None) {
                        selfcheck::finding::Lang::En => format!(
                            "Wrote {n} files to {dir}. Replace the values marked {mark}, the sample USCC and the placeholder scans under attachments/, then run `selfcheck lint {dir}`: it lists each one left (SUB006).\n"
                        ),
                        selfcheck::finding::Lang::Zh => format!(
                            "已将 {n} 个文件写入 {dir}。请替换标有{mark}的值、示例统一社会信用代码以及 attachments/ 下的占位扫描件，然后运行 `selfcheck lint {dir}`：它会逐项列出尚未替换的内容（SUB006）。\n"
                        ),
                    })?;
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
                None => Err(miette!(
                    help = code_hint(&catalogue, &code),
                    "no rule has the code `{code}`"
                )),
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

/// The help for a code no rule has: the closest code, else where the codes are listed.
fn code_hint(catalogue: &Catalogue, code: &str) -> String {
    closest_by(code, catalogue.codes(), Likeness::Code)
        .map(|k| format!("did you mean `{k}`?"))
        .unwrap_or_else(|| "`selfcheck rules` lists every code".to_owned())
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
                Err(miette!(
                    help = code_hint(catalogue, &c),
                    "{flag}: no rule has the code or prefix `{c}`"
                ))
            }
        })
        .collect()
}

/// A configuration or rule-pack mistake, shown with its line and a caret.
fn pack_error(e: selfcheck::config::ConfigError) -> miette::Report {
    miette::Report::new(e)
}
