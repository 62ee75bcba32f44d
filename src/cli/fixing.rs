//! `lint --fix`: the safe fixes, applied pass after pass until a pass finds nothing left to fix.
//! A fix can let a document be read that could not be before — a full-width `：` or `，` put
//! right — and the findings that document then shows may carry fixes of their own (a postal code
//! without its prefix, a phone number in national form): one `--fix` applies them all.

use super::io_reason;
use selfcheck::finding::{Lang, Text};
use selfcheck::render::words;
use selfcheck::run::Jobs;
use selfcheck::text;
use selfcheck::untrusted;

/// The most passes one `--fix` makes. Each pass reads the documents the one before it wrote; a
/// submission settles in two or three, and the bound keeps a fix that undid another from
/// running for ever.
pub const MAX_PASSES: usize = 10;

/// Applies the safe fixes of every submission of `jobs` until a pass fixes nothing (at most
/// [`MAX_PASSES`]), says on standard error how many each file had, and the total.
pub fn fix(jobs: &Jobs, options: &selfcheck::Options, lang: Lang) {
    // Each file fixed, as shown, and how many fixes it had over every pass, in the order met.
    let mut fixed: Vec<(String, usize)> = Vec::new();
    let mut settled = false;
    for _ in 0..MAX_PASSES {
        let mut this_pass = 0;
        jobs.lint_each(options, |sub| {
            remove_leftovers(&sub, lang);
            for fix in selfcheck::fix::plan(&sub) {
                match selfcheck::fix::write(&sub.loaded.dir, &fix) {
                    Ok(()) => {
                        this_pass += fix.count;
                        let shown = untrusted::line(&fix.display).into_owned();
                        match fixed.iter_mut().find(|(file, _)| *file == shown) {
                            Some((_, n)) => *n += fix.count,
                            None => fixed.push((shown, fix.count)),
                        }
                    }
                    Err(e) => eprintln!(
                        "{} {}",
                        text!("warning:", "警告：").get(lang),
                        untrusted::line(fix_error(&e).get(lang))
                    ),
                }
            }
        });
        if this_pass == 0 {
            settled = true;
            break;
        }
    }
    for (file, n) in &fixed {
        eprintln!("{file}: {}", words::fixed_in_file(*n).get(lang));
    }
    let total = fixed.iter().map(|(_, n)| n).sum();
    eprintln!("{}", words::fixes(total, fixed.len(), false).get(lang));
    if !settled {
        eprintln!("{}", words::fixes_unsettled(MAX_PASSES).get(lang));
    }
}

/// Removes the temporary files an interrupted `--fix` left in `sub`'s folder, saying so.
fn remove_leftovers(sub: &selfcheck::SubmissionReport, lang: Lang) {
    for leftover in selfcheck::fix::leftovers(&sub.loaded) {
        let shown = untrusted::line(&leftover.display().to_string()).into_owned();
        match std::fs::remove_file(&leftover) {
            Ok(()) => eprintln!("{}", removed_leftover(&shown).get(lang)),
            Err(e) => eprintln!(
                "{} {shown}: {}",
                text!("warning:", "警告：").get(lang),
                io_reason(&e, lang)
            ),
        }
    }
}

/// Why `--fix` left a file alone: in English as the fix says it.
fn fix_error(e: &selfcheck::fix::WriteError) -> Text {
    use selfcheck::fix::WriteError;
    let en = e.to_string();
    match e {
        WriteError::Changed(p) => {
            let p = p.display();
            text!("{en}", "`{p}` 在修复期间被改动，未作修改")
        }
        WriteError::NotInside(p) => {
            let p = p.display();
            text!("{en}", "`{p}` 已不是提交文件夹内的文件，未作修改")
        }
        WriteError::Io(p, e) => {
            let (p, Text { zh: why, .. }) = (p.display(), selfcheck::finding::io_reason(e));
            text!("{en}", "无法写入 `{p}`：{why}")
        }
    }
}

/// A temporary file of an interrupted `--fix`, removed by this `--fix`.
fn removed_leftover(path: &str) -> Text {
    text!(
        "{path}: removed, a temporary file left by an interrupted --fix",
        "{path}：已删除，这是中断的 --fix 留下的临时文件"
    )
}
