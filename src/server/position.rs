//! Positions as the protocol counts them: a line (ended by `\n`, `\r\n` or `\r`) and a column in
//! the code units of the encoding the client and the server agreed on, UTF-16 (the protocol's
//! default) or UTF-8. selfcheck's spans are byte offsets into a document's text.

use lsp_types::{Position, Range};

/// The position encoding of a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// The encoding to use with a client that offers `offered` (`general.positionEncodings`):
    /// UTF-8 when it is offered, else UTF-16, which every client supports.
    pub fn choose(offered: &[String]) -> Encoding {
        if offered.iter().any(|e| e == "utf-8") {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// Where each line of a text starts, to turn byte offsets into positions and back.
pub struct Lines<'a> {
    text: &'a str,
    /// The byte offset of each line's start; the first is 0.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        Lines { text, starts }
    }

    /// The line holding the byte `offset` and where it starts.
    fn line_of(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        (line, self.starts[line])
    }

    /// The end of line `line`'s text, before its line end.
    fn line_end(&self, line: usize) -> usize {
        let next = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let content = &self.text[self.starts[line]..next];
        self.starts[line] + content.trim_end_matches(['\n', '\r']).len()
    }

    /// The position of the byte `offset` (clamped to the text, and back to a character's start).
    pub fn position(&self, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let (line, start) = self.line_of(offset);
        let character: usize = self.text[start..offset]
            .chars()
            .map(|c| encoding.units(c))
            .sum();
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            character: u32::try_from(character).unwrap_or(u32::MAX),
        }
    }

    pub fn range(&self, span: std::ops::Range<usize>, encoding: Encoding) -> Range {
        Range {
            start: self.position(span.start, encoding),
            end: self.position(span.end.max(span.start), encoding),
        }
    }

    /// The byte offset of `position`. A line past the last is the text's end; a column past its
    /// line's end is that end; a column inside a character (half of a UTF-16 pair) is its start.
    pub fn offset(&self, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        if line >= self.starts.len() {
            return self.text.len();
        }
        let (start, end) = (self.starts[line], self.line_end(line));
        let mut units = 0;
        for (i, c) in self.text[start..end].char_indices() {
            units += encoding.units(c);
            if units > position.character as usize {
                return start + i;
            }
        }
        end
    }

    /// The whole first line, where a finding about a whole file is shown.
    pub fn first_line(&self, encoding: Encoding) -> Range {
        self.range(0..self.line_end(0), encoding)
    }
}

/// Whether `position` lies in `range`, its ends included.
pub fn contains(range: &Range, position: Position) -> bool {
    let at = (position.line, position.character);
    (range.start.line, range.start.character) <= at && at <= (range.end.line, range.end.character)
}

/// Whether two ranges share a position (a cursor at either end of a finding touches it).
pub fn touches(a: &Range, b: &Range) -> bool {
    let key = |p: &Position| (p.line, p.character);
    key(&a.start) <= key(&b.end) && key(&b.start) <= key(&a.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn columns_count_the_units_of_the_encoding() {
        // After CJK (3 bytes, 1 UTF-16 unit each), Arabic (2 bytes, 1 unit) and an emoji (4
        // bytes, 2 units).
        let text = "name: 深圳华彩 x\nar: مرحبا y\nemoji: 😀 z\n";
        let lines = Lines::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(lines.position(x, Encoding::Utf16), pos(0, 11));
        assert_eq!(lines.position(x, Encoding::Utf8), pos(0, 19));
        let y = text.find('y').unwrap();
        assert_eq!(lines.position(y, Encoding::Utf16), pos(1, 10));
        assert_eq!(lines.position(y, Encoding::Utf8), pos(1, 15));
        let z = text.find('z').unwrap();
        assert_eq!(lines.position(z, Encoding::Utf16), pos(2, 10));
        assert_eq!(lines.position(z, Encoding::Utf8), pos(2, 12));
        for offset in [x, y, z] {
            for encoding in [Encoding::Utf8, Encoding::Utf16] {
                let p = lines.position(offset, encoding);
                assert_eq!(lines.offset(p, encoding), offset);
            }
        }
    }

    #[test]
    fn a_span_starting_after_cjk_and_covering_cjk() {
        let text = "entity_name: 深圳市华彩供应链有限公司\n";
        let start = text.find("华彩").unwrap();
        let end = start + "华彩供应链".len();
        let lines = Lines::new(text);
        let utf16 = lines.range(start..end, Encoding::Utf16);
        assert_eq!((utf16.start, utf16.end), (pos(0, 16), pos(0, 21)));
        let utf8 = lines.range(start..end, Encoding::Utf8);
        assert_eq!((utf8.start, utf8.end), (pos(0, 22), pos(0, 37)));
    }

    #[test]
    fn lines_end_at_lf_crlf_and_a_lone_cr() {
        let text = "a\r\nb\rc\nd";
        let lines = Lines::new(text);
        assert_eq!(
            lines.position(text.find('b').unwrap(), Encoding::Utf16),
            pos(1, 0)
        );
        assert_eq!(
            lines.position(text.find('c').unwrap(), Encoding::Utf16),
            pos(2, 0)
        );
        assert_eq!(
            lines.position(text.find('d').unwrap(), Encoding::Utf16),
            pos(3, 0)
        );
        assert_eq!(lines.first_line(Encoding::Utf16).end, pos(0, 1));
    }

    #[test]
    fn positions_outside_the_text_are_clamped() {
        let text = "ab\n😀\n";
        let lines = Lines::new(text);
        assert_eq!(lines.offset(pos(0, 99), Encoding::Utf16), 2);
        assert_eq!(lines.offset(pos(99, 0), Encoding::Utf16), text.len());
        // Between the two halves of the emoji's UTF-16 pair: its start.
        assert_eq!(lines.offset(pos(1, 1), Encoding::Utf16), 3);
        assert_eq!(lines.offset(pos(1, 2), Encoding::Utf16), 7);
        // Inside the emoji's bytes: back to its start.
        assert_eq!(lines.position(5, Encoding::Utf8), pos(1, 0));
        assert_eq!(lines.position(999, Encoding::Utf8), pos(2, 0));
    }

    #[test]
    fn utf8_is_chosen_only_when_offered() {
        assert_eq!(Encoding::choose(&[]), Encoding::Utf16);
        assert_eq!(
            Encoding::choose(&["utf-32".into(), "utf-16".into()]),
            Encoding::Utf16
        );
        assert_eq!(
            Encoding::choose(&["utf-16".into(), "utf-8".into()]),
            Encoding::Utf8
        );
    }
}
