//! GitHub Actions workflow commands: `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::…`,
//! so findings show as annotations on the pull request. File paths are relative to the working
//! directory.

use super::fingerprint::relative_to_cwd;
use crate::finding::locate;
use crate::finding::{Lang, Severity};
use crate::run::Report;
use crate::run::SubmissionReport;
use crate::source::display_path;

/// `%`, CR and LF escaped, as in a command's message. Texts from a submission are first shown
/// with [`shown`], so the CR and LF left are selfcheck's own.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Also `:` and `,`, as in a command's property; and, as every property here holds a
/// submission's text, its control and bidi characters escaped first.
fn escape_property(s: &str) -> String {
    escape_data(&shown(s))
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// A text that may hold the seller's values, on one line: ESC, BEL, CR, LF and every other
/// control or bidi character shown escaped (`\u{1b}`; SPEC §7), so that it can neither drive the
/// terminal showing a CI log nor start a line with `::` (a workflow command of its own).
fn shown(s: &str) -> String {
    crate::untrusted::line(s).into_owned()
}

pub fn render(report: &Report, lang: Lang) -> String {
    super::to_string(
        report,
        super::Format::Github,
        &super::Settings::for_report(report, lang),
    )
}

/// The workflow commands of one submission.
pub fn submission(sub: &SubmissionReport, lang: Lang) -> String {
    let mut out = String::new();
    {
        for f in sub.findings.iter().filter(|f| f.suppression.is_none()) {
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let loc = locate(&sub.loaded.db, f.place);
            let mut props = vec![format!(
                "file={}",
                escape_property(&relative_to_cwd(&display_path(&sub.path, &loc.file)))
            )];
            if let (Some(line), Some(col), Some(end_line), Some(end_col)) =
                (loc.line, loc.column, loc.end_line, loc.end_column)
            {
                props.push(format!("line={line}"));
                props.push(format!("endLine={end_line}"));
                props.push(format!("col={col}"));
                if end_line == line {
                    props.push(format!("endColumn={end_col}"));
                }
            }
            props.push(format!("title={}", escape_property(f.code.as_str())));
            let mut message = format!(
                "{}: {}",
                shown(&sub.catalogue.title_of(f, lang)),
                shown(f.message.get(lang))
            );
            if let Some(h) = sub.catalogue.help_of(f) {
                message.push_str(&format!("\n{}: ", super::words::help().get(lang)));
                message.push_str(&shown(h.get(lang)));
            }
            out.push_str(&format!(
                "::{command} {}::{}\n",
                props.join(","),
                escape_data(&message)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(
            escape_property("x\n::stop-commands::y,%\u{1b}"),
            "x\\u{a}%3A%3Astop-commands%3A%3Ay%2C%25\\u{1b}"
        );
        assert_eq!(
            escape_data(&shown("a\u{1b}]0;t\u{7}\r::x")),
            "a\\u{1b}]0;t\\u{7}\\u{d}::x"
        );
    }
}
