//! A spreadsheet's cell as the human output names it. codespan-reporting writes every location
//! `file:line:column`; a worksheet is shown as text (`crate::source::SheetLayout`: the line is the
//! row, the column counts the characters of the row as shown), so its locations are written the
//! way a spreadsheet names a cell instead: `declarations.xlsx:Sheet1!C7`.

use crate::finding::{Finding, Place};
use crate::run::SubmissionReport;
use crate::source::{column_letters, display_path};
use std::borrow::Cow;

/// `rendered` (one finding as codespan-reporting wrote it) with the location of each of the
/// finding's places in a worksheet written as its cell.
pub(super) fn cell_locations<'r>(
    rendered: &'r [u8],
    sub: &SubmissionReport,
    f: &Finding,
) -> Cow<'r, [u8]> {
    let places = std::iter::once(f.place).chain(f.labels.iter().map(|l| l.place));
    let mut out: Option<String> = None;
    for place in places {
        let Place::Span(span) = place else { continue };
        let file = sub.loaded.db.get(span.file);
        let (Some(sheet), Some(text)) = (&file.sheet, file.text.as_deref()) else {
            continue;
        };
        let start = floor_boundary(text, (span.start as usize).min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let row = text[..start].matches('\n').count() + 1;
        let shown_column = text[line_start..start].chars().count() + 1;
        let name = crate::untrusted::line(&display_path(&sub.path, &file.rel_path)).into_owned();
        let written = format!("{name}:{row}:{shown_column}");
        let cell = format!(
            "{name}:{}!{}{row}",
            sheet.name,
            column_letters(sheet.column_at(start))
        );
        let now = out.get_or_insert_with(|| String::from_utf8_lossy(rendered).into_owned());
        *now = now.replace(&written, &cell);
    }
    match out {
        Some(text) => Cow::Owned(text.into_bytes()),
        None => Cow::Borrowed(rendered),
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
