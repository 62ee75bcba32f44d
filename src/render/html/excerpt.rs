//! The seller's lines around a value: long lines cut to a window, long values to their head and
//! tail, the value marked by characters (right under CJK text).

use super::*;
use crate::finding::Place;
use crate::source::{SourceFile, Span};
use crate::untrusted;
use maud::{Markup, html};
use std::ops::Range;

/// The value at `span` on one line (a fix replaces it whole), cut when long.
pub(super) fn shown_value(file: &SourceFile, span: Span) -> String {
    let text = file.text.as_deref().unwrap_or("");
    let (start, end) = bounds(text, span);
    let value = untrusted::line(&text[start..end]);
    if value.chars().count() > 2 * MAX_SHOWN_LINE {
        let head: String = value.chars().take(MAX_SHOWN_LINE).collect();
        format!("{head}…")
    } else {
        value.into_owned()
    }
}

/// A span's bytes in `text`, on char boundaries.
pub(super) fn bounds(text: &str, span: Span) -> (usize, usize) {
    let start = floor_boundary(text, (span.start as usize).min(text.len()));
    let end = floor_boundary(text, (span.end as usize).clamp(start, text.len()));
    (start, end)
}

/// Where a finding or one of its labels is: the file and position, the label's message, and the
/// lines of the file with the value marked.
pub(super) fn place(
    file: &SourceFile,
    at: Place,
    position: &str,
    message: Option<&str>,
    primary: bool,
) -> Markup {
    let excerpt = match (at, &file.text) {
        (Place::Span(span), Some(text)) => Some(Excerpt::of(file, text, span)),
        _ => None,
    };
    html! {
        div class=(if primary { "excerpt primary" } else { "excerpt other" }) {
            div.where {
                span.file { (untrusted::line(position)) }
                @if let Some(m) = message {
                    " " span.label { (rich(m)) }
                }
            }
            @if let Some(excerpt) = excerpt {
                pre.src {
                    @for line in &excerpt.lines {
                        @match line {
                            Line::Gap => { span.ln { "⋮" } "\n" }
                            Line::Text { number, pieces } => {
                                span.ln { (number) }
                                @for piece in pieces {
                                    @match piece {
                                        Piece::Plain(s) => { (s) }
                                        Piece::Marked(s) => { mark { (s) } }
                                        Piece::Elided => { span.cut { "…" } }
                                    }
                                }
                                "\n"
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The lines of a file a span covers, each shown safely, the span marked.
pub(super) struct Excerpt {
    pub(super) lines: Vec<Line>,
}

pub(super) enum Line {
    Text {
        number: usize,
        pieces: Vec<Piece>,
    },
    /// Lines of a long value left out.
    Gap,
}

pub(super) enum Piece {
    Plain(String),
    Marked(String),
    /// Part of a long line left out.
    Elided,
}

impl Excerpt {
    pub(super) fn of(file: &SourceFile, text: &str, span: Span) -> Excerpt {
        let (start, end) = bounds(text, span);
        // A value that ends with its line end is shown on its own lines.
        let last_at = match crate::source::previous_line_end(text, end) {
            Some(before) if end > start && before < end && line_at(text, end).start == end => {
                before
            }
            _ => end,
        };
        let first = line_at(text, start);
        let last = line_at(text, last_at);
        let mut lines: Vec<Range<usize>> = vec![first.clone()];
        while lines.len() < HEAD_LINES {
            let Some(prev) = lines.last() else { break };
            if prev.start >= last.start || prev.end >= text.len() {
                break;
            }
            lines.push(line_at(text, crate::source::next_line(text, prev.end)));
        }
        let mut tail: Vec<Range<usize>> = Vec::new();
        let mut at = last;
        let head_end = lines.last().map_or(0, |l| l.start);
        while at.start > head_end && tail.len() < TAIL_LINES {
            tail.push(at.clone());
            if at.start == 0 {
                break;
            }
            let Some(before) = crate::source::previous_line_end(text, at.start) else {
                break;
            };
            at = line_at(text, before);
        }
        tail.reverse();
        let gap = match (lines.last(), tail.first()) {
            (Some(h), Some(t)) => {
                line_at(text, crate::source::next_line(text, h.end)).start < t.start
            }
            _ => false,
        };
        let mut shown = Vec::with_capacity(lines.len() + tail.len() + 1);
        for range in lines {
            shown.push(Excerpt::line(file, text, range, start, end));
        }
        if gap {
            shown.push(Line::Gap);
        }
        for range in tail {
            shown.push(Excerpt::line(file, text, range, start, end));
        }
        Excerpt { lines: shown }
    }

    /// One line (`range`, without its line end), a long one cut to a window around the value.
    fn line(file: &SourceFile, text: &str, range: Range<usize>, start: usize, end: usize) -> Line {
        let number = file.line_col(range.start).0;
        let (from, to) = if range.len() <= MAX_SHOWN_LINE {
            (range.start, range.end)
        } else {
            let anchor = if (range.start..=range.end).contains(&start) {
                start
            } else if (range.start..=range.end).contains(&end) {
                end.saturating_sub(MAX_SHOWN_LINE - CONTEXT_BEFORE)
            } else {
                range.start
            };
            let from = floor_boundary(text, anchor.saturating_sub(CONTEXT_BEFORE).max(range.start));
            let to = floor_boundary(text, (from + MAX_SHOWN_LINE).min(range.end));
            (from, to.max(from))
        };
        let mut pieces = Vec::new();
        if from > range.start {
            pieces.push(Piece::Elided);
        }
        let mark_from = start.clamp(from, to);
        let mark_to = end.clamp(mark_from, to);
        let shown = |r: Range<usize>| untrusted::source_part(text, r).into_owned();
        if mark_from > from {
            pieces.push(Piece::Plain(shown(from..mark_from)));
        }
        // An empty value is marked where it would be, on the line it starts.
        let empty_here = start == end && (from..=to).contains(&start);
        if mark_to > mark_from || empty_here {
            pieces.push(Piece::Marked(shown(mark_from..mark_to)));
        }
        if to > mark_to {
            pieces.push(Piece::Plain(shown(mark_to..to)));
        }
        if to < range.end {
            pieces.push(Piece::Elided);
        }
        Line::Text { number, pieces }
    }
}

/// The bytes of the line holding byte `at`, without its line end (`\n` or `\r\n`).
pub(super) fn line_at(text: &str, at: usize) -> Range<usize> {
    crate::source::line_around(text, at)
}

pub(super) fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
