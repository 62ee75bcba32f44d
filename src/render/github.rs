//! GitHub Actions workflow commands: `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::…`,
//! so findings show as annotations on the pull request. File paths are relative to the working
//! directory.

use super::{display_path, help, locate, title};
use crate::finding::{Lang, Severity};
use crate::{Report, SubmissionReport};

/// Annotations need paths relative to the working directory (the checkout).
fn relative_to_cwd(path: &str) -> String {
    let p = std::path::Path::new(path);
    if !p.is_absolute() {
        return path.to_owned();
    }
    std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            p.strip_prefix(&cwd)
                .ok()
                .map(|r| r.to_string_lossy().replace('\\', "/"))
        })
        .unwrap_or_else(|| path.to_owned())
}

/// `%`, CR and LF escaped, as in a command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Also `:` and `,`, as in a command's property.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
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
                title(&sub.catalogue, f, lang),
                f.message.get(lang)
            );
            if let Some(h) = help(&sub.catalogue, f) {
                message.push_str("\nhelp: ");
                message.push_str(h.get(lang));
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
    }
}
