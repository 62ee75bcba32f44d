//! The command line as clap shows it, in the run's language. clap lays the help out; every word
//! it shows is selfcheck's own ([`words`]): each command's summary, each argument's help and
//! value name, the headings, the usage line, the default and possible values, and the help and
//! version flags (clap's own, English, are turned off and written again here).

use super::Cli;
use super::help_words as words;
use clap::{Arg, ArgAction, Command, CommandFactory};
use selfcheck::finding::Lang;

/// The ids of the flags written here for every command.
const HELP: &str = "help";
const VERSION: &str = "version";

/// The command line in `lang`, ready to parse.
pub fn command(lang: Lang) -> Command {
    let said = |t: selfcheck::finding::Text| t.get(lang).to_owned();
    let root = Cli::command()
        .about(said(words::about("")))
        .subcommand_help_heading(said(words::commands_heading()))
        .subcommand_value_name(said(words::command_value()))
        .help_template(template(lang))
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(help_flag(lang))
        .arg(
            Arg::new(VERSION)
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(said(words::version_help()))
                .help_heading(said(words::options_heading())),
        )
        .mut_subcommands(|sub| subcommand(sub, lang));
    let usage = usage(&root, "selfcheck", lang);
    let mut root = root.override_usage(usage);
    // clap adds its `help` subcommand when the command is built; its words are then set here.
    root.build();
    root.mut_subcommand("help", |help| {
        // Built, it holds a copy of each subcommand (in `lang` already) and its own `help`.
        help.about(said(words::help_command()))
            .mut_subcommands(|sub| match sub.get_name() {
                "help" => sub.about(said(words::help_command())),
                _ => sub,
            })
    })
}

/// One subcommand in `lang`.
fn subcommand(sub: Command, lang: Lang) -> Command {
    let name = sub.get_name().to_owned();
    let sub = sub
        .about(words::about(&name).get(lang).to_owned())
        .help_template(template(lang))
        .mut_args(|a| argument(&name, a, lang))
        .disable_help_flag(true)
        .arg(help_flag(lang));
    let usage = usage(&sub, &format!("selfcheck {name}"), lang);
    sub.override_usage(usage)
}

/// `-h, --help`, in `lang`.
fn help_flag(lang: Lang) -> Arg {
    Arg::new(HELP)
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help(words::help_help().get(lang).to_owned())
        .help_heading(words::options_heading().get(lang).to_owned())
}

/// clap's layout, with the usage line's heading in `lang`.
fn template(lang: Lang) -> String {
    let usage = words::usage_heading();
    format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        usage.get(lang)
    )
}

/// The argument `a` of the command `command` in `lang`: its help with its default and possible
/// values after it, its value name and its heading.
fn argument(command: &str, a: Arg, lang: Lang) -> Arg {
    let id = a.get_id().as_str().to_owned();
    let (help, value) = words::argument(command, &id);
    let mut help = help.get(lang).to_owned();
    let takes_values = a.get_action().takes_values();
    if takes_values {
        let defaults: Vec<String> = (a.get_default_values().iter())
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty() {
            help.push(' ');
            help.push_str(words::default_value(&defaults.join(" ")).get(lang));
        }
        let possible: Vec<String> = (a.get_value_parser().possible_values().into_iter())
            .flatten()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_owned())
            .collect();
        if !possible.is_empty() {
            help.push(' ');
            help.push_str(words::possible_values(&possible).get(lang));
        }
    }
    let heading = match a.is_positional() {
        true => words::arguments_heading(),
        false => words::options_heading(),
    };
    let a = a.help(help).help_heading(heading.get(lang).to_owned());
    match (takes_values, value) {
        (false, _) => a,
        (true, value) => {
            let a = a.hide_default_value(true).hide_possible_values(true);
            match value {
                Some(value) => a.value_name(value.get(lang).to_owned()),
                None => a,
            }
        }
    }
}

/// The usage line of `cmd`, called `path` (`selfcheck lint`), in `lang`: as clap writes it
/// (`selfcheck lint [OPTIONS] [PATHS]...`), in selfcheck's words.
fn usage(cmd: &Command, path: &str, lang: Lang) -> String {
    let mut usage = path.to_owned();
    let options = cmd.get_arguments().any(|a| {
        !a.is_positional() && !a.is_hide_set() && ![HELP, VERSION].contains(&a.get_id().as_str())
    });
    if options {
        usage.push(' ');
        usage.push_str(words::options_placeholder().get(lang));
    }
    for a in cmd.get_positionals() {
        let name = (a.get_value_names())
            .and_then(|names| names.first())
            .map_or_else(|| a.get_id().as_str().to_uppercase(), |n| n.to_string());
        let shown = match a.is_required_set() {
            true => format!(" <{name}>"),
            false => format!(" [{name}]"),
        };
        usage.push_str(&shown);
        if matches!(a.get_action(), ArgAction::Append) {
            usage.push_str("...");
        }
    }
    if cmd.has_subcommands() {
        let command = words::command_value();
        usage.push_str(&format!(" <{}>", command.get(lang)));
    }
    usage
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help_of(cmd: &mut Command) -> String {
        cmd.render_help().to_string()
    }

    #[test]
    fn the_command_line_is_valid_in_both_languages() {
        for lang in [Lang::En, Lang::Zh] {
            command(lang).debug_assert();
        }
    }

    /// The English help says what clap would say around selfcheck's own help texts: the same
    /// usage lines, headings, defaults and possible values.
    #[test]
    fn the_english_usage_is_claps() {
        let mut ours = command(Lang::En);
        let mut theirs = Cli::command();
        theirs.build();
        let usage = |c: &mut Command| c.render_usage().to_string();
        assert_eq!(usage(&mut ours), usage(&mut theirs));
        for sub in theirs.get_subcommands_mut() {
            let name = sub.get_name().to_owned();
            let mine = ours.find_subcommand_mut(&name).unwrap();
            assert_eq!(usage(mine), usage(sub), "{name}");
        }
    }

    #[test]
    fn every_argument_has_its_help() {
        for lang in [Lang::En, Lang::Zh] {
            let mut cmd = command(lang);
            for sub in cmd.get_subcommands_mut() {
                for a in sub.get_arguments() {
                    let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
                    assert!(!help.trim().is_empty(), "{} {}", sub.get_name(), a.get_id());
                }
                assert!(!help_of(sub).is_empty());
            }
        }
    }
}
