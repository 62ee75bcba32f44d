//! rustc-style output with codespan-reporting: one block per finding, labels in two files when a
//! rule relates two documents, `= help:` and `= note:` lines, a summary at the end. The header
//! of each block is selfcheck's own, in the run's words; codespan-reporting shows the rest.

use super::words;
use crate::finding::{Finding, Lang, Place, Severity};
use crate::run::Report;
use crate::run::SubmissionReport;
use crate::source::display_path;
use crate::untrusted;
use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{self, Files};
use codespan_reporting::term::termcolor::{self, ColorSpec, WriteColor};
use codespan_reporting::term::{self, Styles};
use std::cell::OnceCell;
use std::io::Write;
use std::ops::Range;

pub use super::closing::{Closing, closing};

pub fn render(
    report: &Report,
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut settings = super::Settings::for_report(report, lang);
    settings.color = color;
    out.write_all(super::to_string(report, super::Format::Human, &settings).as_bytes())
}

pub fn render_submission(
    sub: &SubmissionReport,
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    // Each file's display form is built once for the submission; each finding then shows only
    // the lines it labels, so rendering is linear in findings plus bytes.
    let files = SubmissionFiles::of(sub);
    let mut buffer = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    for f in sub.findings.iter().filter(|f| f.suppression.is_none()) {
        let mut diagnostic = diagnostic(sub, f, lang);
        let snippets = files.snippets(&mut diagnostic);
        let title = untrusted::line(&sub.catalogue.title_of(f, lang)).into_owned();
        let header = Header {
            severity: f.severity,
            code: Some(&untrusted::line(f.code.as_str())),
            title: &title,
        };
        emit_to(&mut buffer, &header, &snippets, &diagnostic, lang)?;
        out.write_all(&super::sheet::cell_locations(buffer.as_slice(), sub, f))?;
        buffer.clear();
    }
    Ok(())
}

/// The header of a block of human output: `{severity}[{code}]: {title}`, its texts as shown.
pub struct Header<'a> {
    pub severity: Severity,
    pub code: Option<&'a str>,
    pub title: &'a str,
}

/// A block about files that are not a submission's (a configuration, a rule pack) or about
/// none, shown as a finding is: `header` in the run's words, then the lines of `files` (each a
/// name and its text; a label's file is its place in the list) that `labels` mark, with their
/// messages, and `notes`, every text as shown.
pub fn emit(
    out: &mut dyn Write,
    header: &Header<'_>,
    files: &[(&str, &str)],
    labels: Vec<Label<usize>>,
    notes: Vec<String>,
    lang: Lang,
    color: bool,
) -> std::io::Result<()> {
    let files = SubmissionFiles::new(
        files
            .iter()
            .map(|(name, text)| (untrusted::line(name).into_owned(), *text)),
    );
    let mut d = Diagnostic::new(codespan_severity(header.severity))
        .with_labels(labels)
        .with_notes(notes);
    let snippets = files.snippets(&mut d);
    let mut buffer = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    emit_to(&mut buffer, header, &snippets, &d, lang)?;
    out.write_all(buffer.as_slice())
}

/// How codespan-reporting names and colours a severity.
fn codespan_severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

/// `header` in the run's words and in the colours codespan-reporting gives a header, then what
/// codespan-reporting shows of `d` after its own header.
fn emit_to(
    buffer: &mut termcolor::Buffer,
    header: &Header<'_>,
    files: &Snippets<'_>,
    d: &Diagnostic<usize>,
    lang: Lang,
) -> std::io::Result<()> {
    let styles = Styles::default();
    buffer.set_color(styles.header(codespan_severity(header.severity)))?;
    buffer.write_all(header.severity.word().get(lang).as_bytes())?;
    if let Some(code) = header.code.filter(|c| !c.is_empty()) {
        write!(buffer, "[{code}]")?;
    }
    buffer.set_color(styles.header_message())?;
    write!(buffer, ": {}", header.title)?;
    buffer.reset()?;
    writeln!(buffer)?;
    let mut rest = AfterHeader {
        out: buffer,
        in_header: true,
    };
    term::emit_to_write_style(&mut rest, &term::Config::default(), files, d)
        .map_err(std::io::Error::other)
}

/// What codespan-reporting writes after the line it always writes first, its header (in
/// English): selfcheck writes its own header in its place ([`emit_to`]).
struct AfterHeader<'a> {
    out: &'a mut termcolor::Buffer,
    in_header: bool,
}

impl Write for AfterHeader<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.in_header {
            return self.out.write(buf);
        }
        if let Some(end) = memchr::memchr(b'\n', buf) {
            self.in_header = false;
            self.out.write_all(&buf[end + 1..])?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

impl WriteColor for AfterHeader<'_> {
    fn supports_color(&self) -> bool {
        self.out.supports_color()
    }

    fn set_color(&mut self, spec: &ColorSpec) -> std::io::Result<()> {
        match self.in_header {
            true => Ok(()),
            false => self.out.set_color(spec),
        }
    }

    fn reset(&mut self) -> std::io::Result<()> {
        match self.in_header {
            true => Ok(()),
            false => self.out.reset(),
        }
    }
}

/// Lines longer than this (in bytes) are shown as a window around the label.
const MAX_SHOWN_LINE: usize = 240;
/// How much of a long line is shown before the label.
const CONTEXT_BEFORE: usize = 60;
/// How far apart the character counts of a file are kept, in bytes (see [`FileText::chars`]).
const CHARS_EVERY: usize = 4096;

/// The files of a submission as shown: names escaped (SPEC §7), and for each text, built when
/// first needed and kept for the submission, where its lines start and how many characters come
/// before every [`CHARS_EVERY`] bytes.
struct SubmissionFiles<'a> {
    files: Vec<FileText<'a>>,
}

struct FileText<'a> {
    name: String,
    text: &'a str,
    line_starts: OnceCell<Vec<usize>>,
    /// `(byte, characters before it)`, the bytes at char boundaries about [`CHARS_EVERY`] apart.
    chars: OnceCell<Vec<(usize, usize)>>,
}

impl FileText<'_> {
    fn line_starts(&self) -> &[usize] {
        self.line_starts
            .get_or_init(|| crate::source::line_starts(self.text))
    }

    /// The 0-based line holding byte `at`.
    fn line_of(&self, at: usize) -> usize {
        self.line_starts().partition_point(|&s| s <= at) - 1
    }

    /// The bytes of line `line`: its text, and where the text with its line end ends.
    fn line_bounds(&self, line: usize) -> (Range<usize>, usize) {
        let start = self.line_starts()[line];
        let content = crate::source::line_around(self.text, start);
        let next = crate::source::next_line(self.text, content.end);
        (content, next)
    }

    /// How many characters `text[from..to]` holds: linear in the bytes only for short spans.
    fn chars_between(&self, from: usize, to: usize) -> usize {
        if to - from <= CHARS_EVERY {
            return self.text[from..to].chars().count();
        }
        self.chars_before(to) - self.chars_before(from)
    }

    fn chars_before(&self, at: usize) -> usize {
        let marks = self.chars.get_or_init(|| {
            let mut marks = vec![(0, 0)];
            let mut counted = 0;
            let mut at = 0;
            while at < self.text.len() {
                let next = floor_boundary(self.text, (at + CHARS_EVERY).min(self.text.len()));
                let next = if next <= at {
                    ceil_boundary(self.text, at + 1)
                } else {
                    next
                };
                counted += self.text[at..next].chars().count();
                marks.push((next, counted));
                at = next;
            }
            marks
        });
        let (byte, count) = marks[marks.partition_point(|&(b, _)| b <= at) - 1];
        count + self.text[byte..at].chars().count()
    }
}

impl<'a> SubmissionFiles<'a> {
    fn of(sub: &'a SubmissionReport) -> SubmissionFiles<'a> {
        SubmissionFiles::new(sub.loaded.db.files().map(|(_, f)| {
            let name = untrusted::path(&display_path(&sub.path, &f.rel_path)).into_owned();
            (name, f.text.as_deref().unwrap_or(""))
        }))
    }

    /// Files by their names as shown and their texts; a file's id is its place in the list.
    fn new(files: impl Iterator<Item = (String, &'a str)>) -> SubmissionFiles<'a> {
        let files = files
            .map(|(name, text)| FileText {
                name,
                text,
                line_starts: OnceCell::new(),
                chars: OnceCell::new(),
            })
            .collect();
        SubmissionFiles { files }
    }

    /// The lines `d` labels, shown, with its labels moved onto them.
    fn snippets(&'a self, d: &mut Diagnostic<usize>) -> Snippets<'a> {
        let mut snippets = Snippets {
            files: self,
            shown: Vec::new(),
        };
        let mut ids: Vec<usize> = d.labels.iter().map(|l| l.file_id).collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            if let Some(file) = self.files.get(id) {
                let labels = d.labels.iter_mut().filter(|l| l.file_id == id);
                snippets.shown.push(Snippet::of(id, file, labels));
            }
        }
        snippets
    }
}

/// The labelled lines of one file for one finding, as codespan-reporting is shown them: escaped
/// (SPEC §7: a lone CR is `\r` and never ends or rewinds a line), a long line cut to a window
/// around its first label. Line numbers stay those of the file; lines a label spans but that
/// are never shown are left empty.
struct Snippet {
    file: usize,
    text: String,
    /// The lines shown, in order: the 0-based line and its bytes in `text`, line end included.
    lines: Vec<(usize, Range<usize>)>,
    /// Where a label starts in `text`, and its 1-based column on the line of the file.
    columns: Vec<(usize, usize)>,
}

impl Snippet {
    fn of<'l>(
        id: usize,
        file: &FileText<'_>,
        labels: impl Iterator<Item = &'l mut Label<usize>>,
    ) -> Snippet {
        let text = file.text;
        let mut labels: Vec<Placed<'_>> = labels
            .map(|l| {
                let start = floor_boundary(text, l.range.start.min(text.len()));
                let end = floor_boundary(text, l.range.end.clamp(start, text.len()));
                let lines = (file.line_of(start), file.line_of(end));
                (l, (start, end), lines)
            })
            .collect();
        // codespan-reporting shows the first and last lines of a label and a few after its start
        // and before its end; and a single line between two it shows.
        let mut wanted = std::collections::BTreeSet::new();
        for (_, _, (first, last)) in &labels {
            wanted.extend(*first..=(*first + 5).min(*last));
            wanted.extend(last.saturating_sub(3).max(*first)..=*last);
        }
        let lines: Vec<usize> = wanted.iter().copied().collect();
        for pair in lines.windows(2) {
            if pair[1] - pair[0] == 2 {
                wanted.insert(pair[0] + 1);
            }
        }
        let mut snippet = Snippet {
            file: id,
            text: String::new(),
            lines: Vec::with_capacity(wanted.len()),
            columns: Vec::new(),
        };
        // Each line's window: the bytes of the file shown, what stands before them (`…`), and
        // where they start in the snippet's text.
        let mut windows: Vec<(usize, Range<usize>, usize)> = Vec::with_capacity(wanted.len());
        for line in wanted {
            let (content, with_end) = file.line_bounds(line);
            let shown_from = snippet.text.len();
            // A line end is shown as a line feed, whichever YAML line break it is.
            let end = if with_end > content.end { "\n" } else { "" };
            if content.len() <= MAX_SHOWN_LINE {
                snippet
                    .text
                    .push_str(&untrusted::source_part(text, content.clone()));
                snippet.text.push_str(end);
                windows.push((line, content.start..with_end, shown_from));
            } else {
                // Cut around the first label that starts on the line, else that ends on it.
                let on_line = |(_, (start, end), (first, last)): &Placed<'_>| {
                    if *first == line {
                        Some(*start)
                    } else if *last == line {
                        Some(*end)
                    } else {
                        None
                    }
                };
                let anchor = labels
                    .iter()
                    .filter_map(on_line)
                    .min()
                    .unwrap_or(content.start);
                let from = floor_boundary(
                    text,
                    anchor.saturating_sub(CONTEXT_BEFORE).max(content.start),
                );
                let to = floor_boundary(text, (from + MAX_SHOWN_LINE).min(content.end));
                let lead = if from > content.start { "…" } else { "" };
                snippet.text.push_str(lead);
                snippet
                    .text
                    .push_str(&untrusted::source_part(text, from..to));
                if to < content.end {
                    snippet.text.push('…');
                }
                snippet.text.push_str(end);
                windows.push((line, from..to, shown_from + lead.len()));
            }
            snippet.lines.push((line, shown_from..snippet.text.len()));
        }
        let at = |windows: &[(usize, Range<usize>, usize)], line: usize, byte: usize| {
            let i = windows.partition_point(|(l, _, _)| *l < line);
            let (_, window, shown) = &windows[i];
            let byte = byte.clamp(window.start, window.end);
            shown + untrusted::source_len(text, window.start..byte)
        };
        for (label, (start, end), (first, last)) in labels.iter_mut() {
            let shown_start = at(&windows, *first, *start);
            let shown_end = at(&windows, *last, *end).max(shown_start);
            label.range = shown_start..shown_end;
            let line_start = file.line_starts()[*first];
            let column = file.chars_between(line_start, *start) + 1;
            snippet.columns.push((shown_start, column));
        }
        snippet
    }
}

/// A label, its bytes in the file (at char boundaries), and its first and last 0-based lines.
type Placed<'l> = (&'l mut Label<usize>, (usize, usize), (usize, usize));

/// What codespan-reporting reads for one finding: the escaped names of the submission's files,
/// and the lines the finding shows.
struct Snippets<'a> {
    files: &'a SubmissionFiles<'a>,
    shown: Vec<Snippet>,
}

impl Snippets<'_> {
    fn snippet(&self, id: usize) -> Result<&Snippet, files::Error> {
        self.shown
            .iter()
            .find(|s| s.file == id)
            .ok_or(files::Error::FileMissing)
    }
}

impl<'a> Files<'a> for Snippets<'_> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, files::Error> {
        self.files
            .files
            .get(id)
            .map(|f| f.name.as_str())
            .ok_or(files::Error::FileMissing)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, files::Error> {
        Ok(&self.snippet(id)?.text)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, files::Error> {
        let lines = &self.snippet(id)?.lines;
        let i = lines.partition_point(|(_, range)| range.start <= byte_index);
        Ok(lines.get(i.saturating_sub(1)).map_or(0, |(line, _)| *line))
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, files::Error> {
        let lines = &self.snippet(id)?.lines;
        Ok(
            match lines.binary_search_by_key(&line_index, |(line, _)| *line) {
                Ok(i) => lines[i].1.clone(),
                // A line inside a long label that is never shown.
                Err(_) => 0..0,
            },
        )
    }

    fn column_number(
        &'a self,
        id: usize,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, files::Error> {
        let snippet = self.snippet(id)?;
        if let Some((_, column)) = snippet.columns.iter().find(|(at, _)| *at == byte_index) {
            return Ok(*column);
        }
        let range = self.line_range(id, line_index)?;
        let at = byte_index.clamp(range.start, range.end);
        Ok(snippet.text[range.start..floor_boundary(&snippet.text, at)]
            .chars()
            .count()
            + 1)
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

/// A finding's labels and notes as codespan-reporting shows them (its header is selfcheck's,
/// [`emit_to`]). Every text may hold the seller's values, so each is shown on one line with its
/// unsafe characters escaped (SPEC §7).
fn diagnostic(sub: &SubmissionReport, f: &Finding, lang: Lang) -> Diagnostic<usize> {
    let shown = |s: &str| untrusted::line(s).into_owned();
    let mut labels = Vec::new();
    let mut notes = Vec::new();
    let path = |file| {
        untrusted::path(&display_path(&sub.path, &sub.loaded.db.get(file).rel_path)).into_owned()
    };
    match f.place {
        Place::Span(s) => labels.push(
            Label::primary(s.file.0 as usize, s.range()).with_message(shown(f.message.get(lang))),
        ),
        Place::File(file) => {
            notes.push(format!("{}: {}", path(file), shown(f.message.get(lang))));
        }
    }
    for l in &f.labels {
        match l.place {
            Place::Span(s) => labels.push(
                Label::secondary(s.file.0 as usize, s.range())
                    .with_message(shown(l.message.get(lang))),
            ),
            Place::File(file) => {
                notes.push(format!("{}: {}", path(file), shown(l.message.get(lang))));
            }
        }
    }
    if let Some(h) = sub.catalogue.help_of(f) {
        let label = words::help();
        notes.push(format!("{}: {}", label.get(lang), shown(h.get(lang))));
    }
    if let Some(fix) = &f.fix {
        let label = words::suggested_fix();
        notes.push(format!(
            "{}: {} → `{}`",
            label.get(lang),
            shown(fix.description.get(lang)),
            shown(&fix.replacement)
        ));
    }
    if let Some(n) = sub.catalogue.note_of(f) {
        let label = words::note();
        notes.push(format!("{}: {}", label.get(lang), shown(n.get(lang))));
    }
    Diagnostic::new(codespan_severity(f.severity))
        .with_labels(labels)
        .with_notes(notes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use codespan_reporting::files::SimpleFile;

    fn files(text: &str) -> SubmissionFiles<'_> {
        SubmissionFiles {
            files: vec![FileText {
                name: "f.yaml".to_owned(),
                text,
                line_starts: OnceCell::new(),
                chars: OnceCell::new(),
            }],
        }
    }

    /// Rendered with the lines shown per finding, and with the whole file as codespan-reporting
    /// reads it: the same, for a text with nothing to escape or cut.
    #[test]
    fn snippets_render_as_the_whole_file_does() {
        let text: String = (1..=30)
            .map(|i| format!("line_{i}: 深圳 value {i}\r\n"))
            .collect();
        let at =
            |line: usize, col: usize| text.match_indices('\n').nth(line - 2).unwrap().0 + 1 + col;
        let diagnostics = [
            vec![
                Label::primary(0, at(3, 2)..at(17, 4)).with_message("many lines"),
                Label::secondary(0, at(19, 0)..at(19, 6)).with_message("one"),
                Label::secondary(0, at(21, 8)..at(21, 16)).with_message("two"),
            ],
            vec![Label::primary(0, at(5, 0)..at(9, 3)).with_message("five lines")],
            vec![
                Label::primary(0, at(2, 0)..at(2, 0)),
                Label::secondary(0, at(4, 1)..at(5, 0)),
            ],
            vec![Label::primary(0, text.len()..text.len()).with_message("end")],
        ];
        let config = term::Config::default();
        for labels in diagnostics {
            let d = Diagnostic::error().with_message("m").with_labels(labels);
            let mut whole = termcolor::Buffer::no_color();
            let file = SimpleFile::new("f.yaml", text.as_str());
            let unit = Diagnostic::error().with_message("m").with_labels(
                d.labels
                    .iter()
                    .map(|l| Label::new(l.style, (), l.range.clone()).with_message(&l.message))
                    .collect(),
            );
            term::emit_to_write_style(&mut whole, &config, &file, &unit).unwrap();
            let mut shown = termcolor::Buffer::no_color();
            let files = files(&text);
            let mut moved = d.clone();
            let snippets = files.snippets(&mut moved);
            term::emit_to_write_style(&mut shown, &config, &snippets, &moved).unwrap();
            assert_eq!(
                String::from_utf8(shown.into_inner()).unwrap(),
                String::from_utf8(whole.into_inner()).unwrap()
            );
        }
    }

    /// In colour and without, the header is the one codespan-reporting writes, but for the
    /// severity's word, which is selfcheck's: `info` where codespan-reporting says `note`.
    #[test]
    fn the_header_is_codespans_with_selfchecks_word() {
        let text = "a: 1\nb: 2\n";
        for (severity, theirs) in [
            (Severity::Error, "error"),
            (Severity::Warning, "warning"),
            (Severity::Info, "note"),
        ] {
            let files = files(text);
            let mut d = Diagnostic::new(codespan_severity(severity))
                .with_labels(vec![Label::primary(0, 8..9).with_message("two")])
                .with_notes(vec!["help: h".to_owned()]);
            let snippets = files.snippets(&mut d);
            let config = term::Config::default();
            for colour in [true, false] {
                let buffer = || match colour {
                    true => termcolor::Buffer::ansi(),
                    false => termcolor::Buffer::no_color(),
                };
                let whole = d.clone().with_code("CUS007").with_message("a title");
                let mut codespan = buffer();
                term::emit_to_write_style(&mut codespan, &config, &snippets, &whole).unwrap();
                let mut ours = buffer();
                let header = Header {
                    severity,
                    code: Some("CUS007"),
                    title: "a title",
                };
                emit_to(&mut ours, &header, &snippets, &d, Lang::En).unwrap();
                let codespan = String::from_utf8(codespan.into_inner()).unwrap();
                let ours = String::from_utf8(ours.into_inner()).unwrap();
                let at = codespan.find(theirs).unwrap();
                assert_eq!(ours[..at], codespan[..at]);
                assert_eq!(
                    ours[at..],
                    codespan[at..].replacen(theirs, severity.as_str(), 1)
                );
                let mut zh = buffer();
                emit_to(&mut zh, &header, &snippets, &d, Lang::Zh).unwrap();
                let zh = String::from_utf8(zh.into_inner()).unwrap();
                let word = severity.word();
                assert_eq!(zh, ours.replacen(severity.as_str(), word.get(Lang::Zh), 1));
            }
        }
    }

    #[test]
    fn a_lone_cr_ends_a_line_and_controls_are_shown_with_the_caret_under_the_value() {
        let text = "a: 1\nb: \u{1b}[2J深圳\r深圳 x\n";
        let start = text.find('x').unwrap();
        let d = Diagnostic::error().with_message("m").with_labels(vec![
            Label::primary(0, start..start + 1).with_message("here"),
        ]);
        let files = files(text);
        let mut moved = d.clone();
        let snippets = files.snippets(&mut moved);
        let mut out = termcolor::Buffer::no_color();
        term::emit_to_write_style(&mut out, &term::Config::default(), &snippets, &moved).unwrap();
        let out = String::from_utf8(out.into_inner()).unwrap();
        // The lone CR ends line 2 as YAML reads it: `x` is line 3, column 4.
        assert!(out.contains("f.yaml:3:4"), "{out}");
        assert!(out.contains("3 │ 深圳 x\n"), "{out}");
        assert!(!out.contains('\r'), "{out}");
        // 深圳 is 4 columns, then a space.
        assert!(
            out.contains(&format!("  │ {}^ here", " ".repeat(5))),
            "{out}"
        );
        // The control character of a line shown is escaped.
        let start = text.find('[').unwrap();
        let mut d = Diagnostic::error().with_message("m").with_labels(vec![
            Label::primary(0, start..start + 1).with_message("here"),
        ]);
        let snippets = files.snippets(&mut d);
        let mut out = termcolor::Buffer::no_color();
        term::emit_to_write_style(&mut out, &term::Config::default(), &snippets, &d).unwrap();
        let out = String::from_utf8(out.into_inner()).unwrap();
        assert!(out.contains("2 │ b: \\u{1b}[2J深圳\n"), "{out}");
    }
}
