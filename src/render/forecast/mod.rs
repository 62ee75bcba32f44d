//! The forecast as people read it: a table of breaks sorted by date and a line per submission
//! (human), and the JSON and iCalendar forms ([`json`], [`ics`]).

pub mod ics;
pub mod json;

use super::words;
use crate::catalogue::Catalogue;
use crate::date::Date;
use crate::finding::{Finding, Lang, Severity, Text, locate};
use crate::forecast::{Break, Forecast, Now};
use crate::source::SourceDb;

/// A gained finding as the table and the calendar show it.
#[derive(Clone, Debug)]
pub struct Gained {
    pub code: String,
    pub severity: Severity,
    pub message: Text,
    /// What to do (the finding's help, else the rule's).
    pub help: Option<Text>,
    /// `file:line:column` relative to the submission folder (the file alone for a document).
    pub at: String,
}

impl Gained {
    /// `f`, found in the files of `db`, as the table and the calendar show it.
    pub fn of(catalogue: &Catalogue, db: &SourceDb, f: &Finding) -> Gained {
        let at = locate(db, f.place).position();
        Gained {
            code: f.code.to_string(),
            severity: f.severity,
            message: f.message.clone(),
            help: catalogue.help_of(f),
            at,
        }
    }
}

/// One line of why a break happens: its change points, then each finding's message and code.
pub fn why_line(b: &Break<Gained>, lang: Lang) -> String {
    let gained: Vec<(&Text, &str)> = b
        .findings
        .iter()
        .map(|g| (&g.message, g.code.as_str()))
        .collect();
    let line = words::why_it_breaks(&b.why, &gained);
    crate::untrusted::line(line.get(lang)).into_owned()
}

/// One line of what fails a submission now: each finding's message and code, with the date it
/// stops where a date moves.
pub fn now_line(now: &[Now<Gained>], lang: Lang) -> String {
    let items: Vec<(&Text, &str, Option<Date>)> = now
        .iter()
        .map(|n| (&n.finding.message, n.finding.code.as_str(), n.stops_on))
        .collect();
    crate::untrusted::line(words::fails_because(&items).get(lang)).into_owned()
}

/// The codes of what fails a submission now, each once, in order.
pub fn now_codes(now: &[Now<Gained>]) -> Vec<&str> {
    let mut codes: Vec<&str> = Vec::new();
    for n in now {
        if !codes.contains(&n.finding.code.as_str()) {
            codes.push(&n.finding.code);
        }
    }
    codes
}

/// The human table: every break of every submission, sorted by date (who breaks next), then one
/// line per submission: valid until, or holds through the horizon, with the challenge's deadlines.
pub fn human(forecasts: &[Forecast<Gained>], lang: Lang) -> String {
    use unicode_width::UnicodeWidthStr;
    let safe = |s: &str| crate::untrusted::line(s).into_owned();
    let mut rows: Vec<(Date, String, String, String)> = Vec::new();
    for f in forecasts.iter().filter(|f| f.fails_now()) {
        // What fails now, on the as-of date: the first of the table's rows for that submission.
        let why = words::fails_now_because(&now_line(&f.now, lang))
            .get(lang)
            .to_owned();
        rows.push((f.as_of, safe(&f.path), now_codes(&f.now).join(","), why));
    }
    for f in forecasts {
        for b in &f.breaks {
            let codes: Vec<&str> = b.findings.iter().map(|g| g.code.as_str()).collect();
            rows.push((b.date, safe(&f.path), codes.join(","), why_line(b, lang)));
        }
    }
    rows.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let columns = words::forecast_columns();
    let header = columns.each_ref().map(|c| c.get(lang));
    let mut out = String::new();
    if !rows.is_empty() {
        let width = |col: usize| {
            rows.iter()
                .map(|r| match col {
                    1 => r.1.width(),
                    _ => r.2.width(),
                })
                .chain([header[col].width()])
                .max()
                .unwrap_or(0)
        };
        let (w1, w2) = (width(1), width(2));
        let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.width())));
        out.push_str(&format!(
            "{}  {}  {}  {}\n",
            pad(header[0], 10),
            pad(header[1], w1),
            pad(header[2], w2),
            header[3]
        ));
        for (date, path, codes, why) in &rows {
            out.push_str(&format!(
                "{}  {}  {}  {}\n",
                date,
                pad(path, w1),
                pad(codes, w2),
                why
            ));
        }
        out.push('\n');
    }
    for f in forecasts {
        out.push_str(&summary_line(f, lang));
        out.push('\n');
        // The challenge's deadlines, under their submission.
        for d in &f.deadlines {
            out.push_str(&format!("  {}  {}\n", d.date, d.summary.get(lang)));
        }
    }
    out
}

/// "sellers/huacai: valid until 2027-02-03; on 2027-02-04 …", "… holds through 2027-05-19", or
/// "… fails now: … — 1 new break by 2027-05-19".
pub fn summary_line(f: &Forecast<Gained>, lang: Lang) -> String {
    let path = crate::untrusted::line(&f.path).into_owned();
    let end = f.horizon_end;
    if f.fails_now() {
        let mut line = words::fails_now_summary(&path, &now_line(&f.now, lang))
            .get(lang)
            .to_owned();
        if !f.breaks.is_empty() {
            line.push_str(words::new_breaks(f.breaks.len(), end).get(lang));
        }
        return line;
    }
    let Some(b) = f.breaks.first() else {
        return words::holds_through(&path, end).get(lang).to_owned();
    };
    let why = why_line(b, lang);
    let mut line = words::first_break(&path, b.date, &why).get(lang).to_owned();
    let more = f.breaks.len() - 1;
    if more > 0 {
        line.push_str(words::more_breaks(more, end).get(lang));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Program;

    #[test]
    fn the_summary_line_names_the_first_break_and_counts_the_others_in_both_languages() {
        let date = |s| Date::parse(s, false).unwrap();
        let step = |on| Break::<Gained> {
            date: date(on),
            why: vec![text!("a window ends", "期限结束")],
            findings: Vec::new(),
        };
        let mut forecast = Forecast::<Gained> {
            path: "sellers/huacai".into(),
            program: Program::Cooperation,
            as_of: date("2026-11-20"),
            horizon_end: date("2027-05-19"),
            config: None,
            now: Vec::new(),
            breaks: Vec::new(),
            deadlines: Vec::new(),
            linted_days: 1,
            unstated: 0,
        };
        assert_eq!(
            summary_line(&forecast, Lang::En),
            "sellers/huacai: holds through 2027-05-19"
        );
        assert_eq!(
            summary_line(&forecast, Lang::Zh),
            "sellers/huacai：至 2027-05-19 仍然有效"
        );
        forecast.breaks = vec![step("2027-02-04"), step("2027-03-01"), step("2027-04-01")];
        let en = summary_line(&forecast, Lang::En);
        assert!(
            en.starts_with("sellers/huacai: valid until 2027-02-03; on 2027-02-04 a window ends"),
            "{en}"
        );
        assert!(en.ends_with(" — 2 more breaks by 2027-05-19"), "{en}");
        let zh = summary_line(&forecast, Lang::Zh);
        assert!(
            zh.starts_with("sellers/huacai：有效至 2027-02-03；2027-02-04 起，期限结束"),
            "{zh}"
        );
        assert!(zh.ends_with("——至 2027-05-19 另有 2 处失效"), "{zh}");
        forecast.breaks.truncate(2);
        assert!(summary_line(&forecast, Lang::En).ends_with(" — 1 more break by 2027-05-19"));
        // Failing on its as-of date: never "valid until".
        let gained = |code: &str| Gained {
            code: code.into(),
            severity: crate::finding::Severity::Error,
            message: text!("it fails", "不通过"),
            help: None,
            at: "license.yaml:6:14".into(),
        };
        forecast.now = vec![
            Now {
                finding: gained("LIC004"),
                stops_on: None,
            },
            Now {
                finding: gained("CHL002"),
                stops_on: Some(date("2026-12-01")),
            },
        ];
        assert_eq!(
            summary_line(&forecast, Lang::En),
            "sellers/huacai: fails now: it fails (LIC004); it fails (CHL002; it stops on 2026-12-01) — 2 new breaks by 2027-05-19"
        );
        assert_eq!(
            summary_line(&forecast, Lang::Zh),
            "sellers/huacai：当前即不通过：不通过（LIC004）；不通过（CHL002；2026-12-01 起不再出现）——至 2027-05-19 另有 2 处新失效"
        );
        assert_eq!(forecast.valid_until(), None);
    }
}
