//! `selfcheck lint`: the run, `--fix` and `--diff`, and every output of the run.

use super::args::{Format, LintArgs, lang, to_render_format};
use super::output::{OutputFile, Stdout, print};
use super::{cannot_write, failure, pack_error};
use selfcheck::RunError;
use selfcheck::discover::DiscoverError;
use selfcheck::finding::Text;
use selfcheck::render;
use selfcheck::render::words;
use selfcheck::text;
use std::io::IsTerminal;
use std::process::ExitCode;

pub(super) fn run_error(e: RunError) -> miette::Report {
    match e {
        RunError::Discover(DiscoverError::NotFound(p)) => {
            let p = p.display();
            failure(
                text!("`{p}` does not exist", "`{p}` 不存在"),
                Some(text!(
                    "check the path; it is relative to the current folder",
                    "请检查路径；它相对于当前文件夹"
                )),
            )
        }
        RunError::Discover(DiscoverError::Unreadable(p, why)) => {
            let p = p.display();
            let Text { en, zh } = why;
            failure(
                text!("`{p}` cannot be read: {en}", "无法读取 `{p}`：{zh}"),
                Some(text!(
                    "check that the folder can be listed by the user who runs selfcheck",
                    "请确认运行 selfcheck 的用户可以列出该文件夹"
                )),
            )
        }
        RunError::Discover(DiscoverError::NoSubmission(p)) => {
            let p = p.display();
            failure(
                text!("no submission found in `{p}`", "在 `{p}` 中没有找到提交"),
                Some(text!(
                    "a submission is a folder holding `submission.yaml`; `selfcheck init DIR` writes one",
                    "提交是含有 `submission.yaml` 的文件夹；`selfcheck init DIR` 可生成一个"
                )),
            )
        }
        RunError::Config(e) => pack_error(e),
    }
}

pub fn lint(args: LintArgs) -> miette::Result<ExitCode> {
    refuse_a_file_named_twice(&args)?;
    let (options, plan) = args.run.plan(
        selfcheck::Options {
            allow_no_submission: args.allow_no_submission,
            ..selfcheck::Options::default()
        },
        true,
    )?;
    let jobs = plan.jobs(&options).map_err(run_error)?;
    let lang = lang(args.run.lang);
    for note in jobs.retired_notes() {
        eprintln!("{}", selfcheck::untrusted::line(note.get(lang)));
    }
    // Each pass loads the submissions again (`--fix` changes them), not the configurations.
    if args.diff {
        return diff(&jobs, &options, lang);
    }
    if args.fix {
        super::fixing::fix(&jobs, &options, lang);
    }
    let (settings, file_settings) = settings(&args, &options, lang);
    let (mut sinks, files) = open_outputs(&args, &settings, &file_settings)?;
    // JSON, HTML, human output and the job summary say when each submission starts failing:
    // the forecast's first break over its default horizon, at `--fail-on`.
    let shows_outlook = |f: Format| {
        matches!(
            f,
            Format::Human | Format::Json | Format::Html | Format::Markdown
        )
    };
    let outlook = shows_outlook(args.format) || args.output.iter().any(|o| shows_outlook(o.format));
    let progress = progress_bar(args.format);
    let mut failed_write = None;
    let report = |linter: selfcheck::run::Linter| match outlook {
        true => selfcheck::forecast::lint_with_outlook(linter, selfcheck::report::Horizon::DEFAULT),
        false => linter.lint(),
    };
    let summary = jobs.report_each(&options, report, |sub| {
        for leftover in selfcheck::fix::leftovers(&sub.loaded) {
            let shown = selfcheck::untrusted::line(&leftover.display().to_string()).into_owned();
            eprintln!("{}", found_leftover(&shown).get(lang));
        }
        for sink in sinks.iter_mut() {
            if let Err(e) = sink.submission(&sub) {
                failed_write.get_or_insert(e);
            }
        }
        if let Some(bar) = &progress {
            let linted = bar.position() as usize + 1;
            bar.set_message(words::progress(linted, bar.elapsed()).get(lang).to_owned());
            bar.inc(1);
        }
    });
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    finish(sinks, files, failed_write, &summary, lang)
}

/// Refuses, before anything is read or written, two `--output` naming one file: it would hold
/// only the last.
fn refuse_a_file_named_twice(args: &LintArgs) -> miette::Result<()> {
    let Some(path) = super::output::named_twice(args.output.iter().map(|o| o.path.as_path()))
    else {
        return Ok(());
    };
    let p = selfcheck::untrusted::path(&path.display().to_string()).into_owned();
    Err(failure(
        text!(
            "`--output` names `{p}` twice",
            "`--output` 两次指定了同一个文件 `{p}`"
        ),
        Some(text!(
            "give each output a file of its own",
            "请为每种输出指定各自的文件"
        )),
    ))
}

/// `--diff`: what `--fix` would change, as a unified diff; exit 1 when there is something.
fn diff(
    jobs: &selfcheck::run::Jobs,
    options: &selfcheck::Options,
    lang: selfcheck::finding::Lang,
) -> miette::Result<ExitCode> {
    let mut fixes = Vec::new();
    jobs.lint_each(options, |sub| fixes.extend(selfcheck::fix::plan(&sub)));
    // The diff shows the source as lines; a path (a seller's folder name) stays on its line.
    for fix in &mut fixes {
        fix.display = selfcheck::untrusted::line(&fix.display).into_owned();
    }
    print(&selfcheck::fix::diff(&fixes))?;
    let count: usize = fixes.iter().map(|f| f.count).sum();
    eprintln!("{}", words::fixes(count, fixes.len(), true).get(lang));
    Ok(if count > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The settings of standard output (colour on a terminal) and of the `--output` files (never).
fn settings(
    args: &LintArgs,
    options: &selfcheck::Options,
    lang: selfcheck::finding::Lang,
) -> (render::Settings, render::Settings) {
    let color = args.format == Format::Human
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let settings = render::Settings {
        lang,
        color,
        select: options.select.clone(),
        ignore: options.ignore.clone(),
        catalogue: options.catalogue.clone(),
        shard: args.run.shard.map(|s| (s.index, s.count)),
    };
    let file_settings = render::Settings {
        color: false,
        ..settings.clone()
    };
    (settings, file_settings)
}

/// Where the run's report goes, one sink a format.
type Sinks<'a> = Vec<Box<dyn render::Sink + 'a>>;

/// The sinks of the run: `--format` on standard output, then each `--output` in a file of its
/// own (written beside its target, put in place only once the run has written it whole).
fn open_outputs<'a>(
    args: &LintArgs,
    settings: &'a render::Settings,
    file_settings: &'a render::Settings,
) -> miette::Result<(Sinks<'a>, Vec<OutputFile>)> {
    let mut sinks = vec![
        render::sink(
            to_render_format(args.format),
            settings,
            Box::new(Stdout::new()),
        )
        .map_err(|e| output_error(&e))?,
    ];
    let mut files = Vec::new();
    for output in &args.output {
        let (file, handle) = OutputFile::create(&output.path)
            .map_err(|e| cannot_write(&output.path.display().to_string(), &e))?;
        let writer = Box::new(std::io::BufWriter::new(handle));
        sinks.push(
            render::sink(to_render_format(output.format), file_settings, writer)
                .map_err(|e| output_error(&e))?,
        );
        files.push(file);
    }
    Ok((sinks, files))
}

/// A spinner with the count linted, only for a person watching human output on a terminal.
fn progress_bar(format: Format) -> Option<indicatif::ProgressBar> {
    (format == Format::Human && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg}") {
            bar.set_style(style);
        }
        bar
    })
}

/// Ends the run: each sink's notes once on stderr, each sink finished with the summary, each
/// output file put in place; the exit status is the summary's verdict.
fn finish(
    sinks: Sinks<'_>,
    files: Vec<OutputFile>,
    mut failed_write: Option<std::io::Error>,
    summary: &selfcheck::Summary,
    lang: selfcheck::finding::Lang,
) -> miette::Result<ExitCode> {
    let mut notes: Vec<String> = Vec::new();
    for note in sinks.iter().flat_map(|s| s.notes()) {
        let line = format!(
            "{} {}",
            text!("warning:", "警告：").get(lang),
            note.get(lang)
        );
        if !notes.contains(&line) {
            eprintln!("{line}");
            notes.push(line);
        }
    }
    for sink in sinks {
        if let Err(e) = sink.finish(summary) {
            failed_write.get_or_insert(e);
        }
    }
    if let Some(e) = failed_write {
        return Err(output_error(&e));
    }
    for file in files {
        let path = file.path.clone();
        file.commit()
            .map_err(|e| cannot_write(&path.display().to_string(), &e))?;
    }
    Ok(if summary.fails() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The output cannot be written.
fn output_error(e: &std::io::Error) -> miette::Report {
    let Text { en, zh } = selfcheck::finding::io_reason(e);
    failure(
        text!("cannot write the output: {en}", "无法写出结果：{zh}"),
        None,
    )
}

/// A temporary file of an interrupted `--fix`, named by a lint that changes nothing.
fn found_leftover(path: &str) -> Text {
    text!(
        "warning: {path} is a temporary file left by an interrupted --fix; `selfcheck lint --fix` removes it",
        "警告：{path} 是中断的 --fix 留下的临时文件；运行 `selfcheck lint --fix` 会将其删除"
    )
}
