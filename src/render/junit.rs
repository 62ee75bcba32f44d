//! JUnit XML for CI dashboards (GitLab, Jenkins): one test suite per submission, one test case per
//! rule that ran; a rule with findings at or above `--fail-on` fails, carrying its findings.

use crate::catalogue::Catalogue;
use crate::code::Code;
use crate::finding::locate;
use crate::finding::{Finding, Lang};
use crate::run::Report;
use crate::run::SubmissionReport;
use crate::source::display_path;
use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};

pub fn render(report: &Report, settings: &super::Settings) -> String {
    super::to_string(report, super::Format::Junit, settings)
}

/// The whole document, from the suites of every submission.
pub fn document(suites: Vec<TestSuite>) -> String {
    let mut junit = quick_junit::Report::new("selfcheck");
    junit.add_test_suites(suites);
    junit.to_string().unwrap_or_default()
}

/// One submission's test suite: a test case per rule that ran.
pub fn suite(catalogue: &Catalogue, sub: &SubmissionReport, lang: Lang) -> TestSuite {
    {
        let mut suite = TestSuite::new(xml_text(&sub.path));
        let program = sub.loaded.program;
        // Built-in rules by the registry's programmes; pack rules for every submission; none
        // that its configuration turned off.
        let runs = |e: &&crate::catalogue::Entry| {
            !sub.not_run.contains(&e.code)
                && Code::parse(&e.code).is_none_or(|c| crate::rules::runs_for(c, program))
        };
        for entry in catalogue.entries.values().filter(runs) {
            let findings: Vec<&Finding> = sub
                .findings
                .iter()
                .filter(|f| f.code == entry.code.as_str() && f.suppression.is_none())
                .collect();
            // The rule fails when the submission's verdict names it.
            let failing = sub.verdict.fails_on(&entry.code);
            let lines: Vec<String> = findings
                .iter()
                .map(|f| {
                    let loc = locate(&sub.loaded.db, f.place);
                    let at = match (loc.line, loc.column) {
                        (Some(l), Some(c)) => format!(":{l}:{c}"),
                        _ => String::new(),
                    };
                    xml_text(&format!(
                        "{}{at}: {}: {}",
                        display_path(&sub.path, &loc.file),
                        f.severity.word().get(lang),
                        f.message.get(lang)
                    ))
                })
                .collect();
            let status = if failing {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status
                    .set_message(xml_text(&{
                        // A flood's summary counts as the findings it stands for.
                        let n = findings.iter().map(|f| f.counts_as()).sum::<usize>();
                        super::words::failed_case(n, &entry.title)
                            .get(lang)
                            .to_owned()
                    }))
                    .set_type(xml_text(&entry.code))
                    .set_description(lines.join("\n"));
                status
            } else {
                TestCaseStatus::success()
            };
            let mut case = TestCase::new(
                xml_text(&format!("{} {}", entry.code, entry.title.get(lang))),
                status,
            );
            case.set_classname(xml_text(&sub.path));
            if !failing && !lines.is_empty() {
                case.set_system_out(lines.join("\n"));
            }
            suite.add_test_case(case);
        }
        suite
    }
}

/// `s` with every character that XML 1.0 cannot carry (the C0 controls other than tab, line feed
/// and carriage return; U+FFFE; U+FFFF) replaced by U+FFFD, so that one seller's value cannot
/// break the whole run's report for the CI reading it.
pub fn xml_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::xml_text;

    #[test]
    fn characters_outside_xml_are_replaced() {
        assert_eq!(
            xml_text("a\u{1b}[2Jb\u{0}\u{fffe}\u{ffff}"),
            "a\u{fffd}[2Jb\u{fffd}\u{fffd}\u{fffd}"
        );
        assert_eq!(
            xml_text("tab\tline\nCR\r深圳\u{10000}"),
            "tab\tline\nCR\r深圳\u{10000}"
        );
    }
}
