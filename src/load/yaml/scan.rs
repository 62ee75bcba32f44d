//! The first path: the plain shape of a submission document read line by line, without the YAML
//! parser.
//!
//! Block mappings and sequences indented with spaces, plain keys and quoted keys on one line,
//! values on one line (plain, single-quoted, double-quoted without escapes, or a flow sequence of
//! such scalars), comments. The scanner gives the same events as the parser, at the same places,
//! to the event builder of [`super::build`]: so the limits, the duplicate keys, the keys that are
//! not text and every scalar's reading are decided by the same code. Anything else, and anything
//! whose reading depends on a rule of YAML the scanner does not follow, gives `None`, and the
//! parser decides.

use super::Builder;
use super::tree::Node;
use granit_parser::ScalarStyle;
use std::borrow::Cow;

/// The longest key the scanner reads, in bytes from its start (a quote included) to its `:`: the
/// parser forgets a key candidate more than 1024 characters before its `:`.
const MAX_KEY_BYTES: usize = 1000;

/// The tree of `text` when it has the plain shape (see the module documentation), else `None`.
pub(super) fn scan(text: &str) -> Option<Node> {
    let from = if text.starts_with('\u{feff}') { 3 } else { 0 };
    if !plain_bytes(&text.as_bytes()[from..]) {
        return None;
    }
    let mut s = Scanner {
        text,
        b: text.as_bytes(),
        tree: Builder::default(),
        cur: None,
        next: from,
    };
    s.tree.document()?;
    s.advance()?;
    let first = s.cur?;
    s.collection(first.indent)?;
    if s.cur.is_some() {
        return None;
    }
    s.tree.finish(text)
}

/// Whether every byte is one the scanner reads as the parser does: printable characters, spaces,
/// and line ends (`\n`, or `\r\n`); no tab, no control character, no byte order mark past the
/// start, no line or paragraph separator, no noncharacter. Eight bytes at a time while they are
/// printable ASCII.
fn plain_bytes(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while i < b.len() {
        if let Some(chunk) = b.get(i..i + 8) {
            let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            // A byte below 0x20, a byte equal to 0x7f, a byte above it: never a false negative.
            let control = w.wrapping_sub(ONES * 0x20) & !w;
            let del = w ^ (ONES * 0x7f);
            let del = del.wrapping_sub(ONES) & !del;
            if (w | control | del) & HIGH == 0 {
                i += 8;
                continue;
            }
        }
        let stop = (i + 8).min(b.len());
        if !(i..stop).all(|j| plain_byte(b, j)) {
            return false;
        }
        i = stop;
    }
    true
}

/// Whether the byte at `i` is one [`plain_bytes`] lets through, with the bytes after it.
fn plain_byte(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'\n' | 0x20..=0x7e => true,
        b'\r' => b.get(i + 1) == Some(&b'\n'),
        // U+0080 to U+009F: C1 controls and NEL.
        0xc2 => b.get(i + 1).is_none_or(|c| *c >= 0xa0),
        // U+2028 and U+2029.
        0xe2 => !(b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9))),
        // U+FEFF, U+FFFE and U+FFFF.
        0xef => !matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
        ),
        0x80..=0xff => true,
        _ => false,
    }
}

/// A line that holds content (not blank, not only a comment).
#[derive(Clone, Copy, Debug)]
struct Line {
    /// Where its content starts, after the indentation.
    start: usize,
    /// Its indentation in spaces.
    indent: usize,
    /// Where it ends, before `\n` or `\r\n`.
    end: usize,
}

/// A key read on a line: its text, style and span, and where its `:` is.
struct KeyToken<'t> {
    value: Cow<'t, str>,
    style: ScalarStyle,
    span: std::ops::Range<usize>,
    colon: usize,
}

/// The reading: the text, the current line and where the next one starts, and the events so far.
struct Scanner<'t> {
    text: &'t str,
    b: &'t [u8],
    tree: Builder,
    /// The content line to read next; `None` at the end of the text.
    cur: Option<Line>,
    /// Where the line after [`Self::cur`] starts.
    next: usize,
}

/// Characters that cannot start a plain scalar the scanner reads.
fn indicator(c: u8) -> bool {
    matches!(
        c,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
            | b' '
    )
}

impl<'t> Scanner<'t> {
    /// Moves [`Self::cur`] to the next content line, past blank and comment lines; `None` at a
    /// document marker (`---`, `...`) at the start of a line.
    fn advance(&mut self) -> Option<()> {
        self.cur = None;
        while self.next < self.b.len() {
            let start = self.next;
            let nl = memchr::memchr(b'\n', &self.b[start..]).map(|i| start + i);
            self.next = nl.map_or(self.b.len(), |i| i + 1);
            let mut end = nl.unwrap_or(self.b.len());
            if end > start && self.b[end - 1] == b'\r' {
                end -= 1;
            }
            let content = self.skip_spaces(start, end);
            if content == end || self.b[content] == b'#' {
                continue;
            }
            let line = &self.b[start..end];
            if content == start && (line.starts_with(b"---") || line.starts_with(b"...")) {
                return None;
            }
            self.cur = Some(Line {
                start: content,
                indent: content - start,
                end,
            });
            break;
        }
        Some(())
    }

    fn skip_spaces(&self, mut i: usize, end: usize) -> usize {
        while i < end && self.b[i] == b' ' {
            i += 1;
        }
        i
    }

    /// Whether `line` is a sequence entry: `-` then a space or the line's end.
    fn is_entry(&self, line: Line) -> bool {
        self.b[line.start] == b'-' && (line.start + 1 == line.end || self.b[line.start + 1] == b' ')
    }

    /// The block collection whose first line is [`Self::cur`], at column `indent`.
    fn collection(&mut self, indent: usize) -> Option<()> {
        let line = self.cur?;
        if self.is_entry(line) {
            self.sequence(indent, false)
        } else {
            self.mapping(line.start, indent)
        }
    }

    /// A block sequence whose entries start at column `indent`; `indentless` when it is the
    /// value of a key at the same column. Its start event is at the first `-`, or for an
    /// indentless one, where the first entry's content starts.
    fn sequence(&mut self, indent: usize, indentless: bool) -> Option<()> {
        let first = self.cur?;
        let at = if indentless {
            self.entry_content(first)
        } else {
            first.start
        };
        self.tree.open(true, at..at)?;
        while let Some(line) = self.cur
            && line.indent == indent
            && self.is_entry(line)
        {
            self.item(line, indent)?;
        }
        match self.cur {
            Some(line) if line.indent > indent => return None,
            Some(line) if line.indent == indent && !indentless => return None,
            _ => {}
        }
        self.tree.on_end()
    }

    /// Where an entry's content starts: past the `-` and its spaces, or at the line's end when
    /// only a comment follows.
    fn entry_content(&self, line: Line) -> usize {
        let p = self.skip_spaces(line.start + 1, line.end);
        if p < line.end && self.b[p] == b'#' {
            line.end
        } else {
            p
        }
    }

    /// One entry of a sequence at column `indent`: a value on its line, a mapping that starts on
    /// it (`- key: value`), or a node on the lines below.
    fn item(&mut self, line: Line, indent: usize) -> Option<()> {
        let p = self.entry_content(line);
        if p == line.end {
            self.advance()?;
            return self.nested(indent, p, false);
        }
        if self.b[p] == b'-' && (p + 1 == line.end || self.b[p + 1] == b' ') {
            return None; // `- - x`
        }
        if self.key(p, line.end)?.is_some() {
            // The column of `p`: only spaces and the `-` precede it.
            let column = line.indent + (p - line.start);
            return self.mapping(p, column);
        }
        self.value(p, line.end)?;
        self.advance()
    }

    /// The value of a key or an entry at column `indent` that is not on its line: a collection
    /// indented below it, a sequence at the key's own column (`in_map`), or null at `mark`.
    fn nested(&mut self, indent: usize, mark: usize, in_map: bool) -> Option<()> {
        match self.cur {
            Some(line) if line.indent > indent => self.collection(line.indent),
            Some(line) if in_map && line.indent == indent && self.is_entry(line) => {
                self.sequence(indent, true)
            }
            _ => self
                .tree
                .on_scalar(Cow::Borrowed("~"), ScalarStyle::Plain, mark..mark),
        }
    }

    /// A block mapping at column `indent` whose first key starts at `first`, on the current line.
    fn mapping(&mut self, first: usize, indent: usize) -> Option<()> {
        self.tree.open(false, first..first)?;
        let mut at = first;
        loop {
            self.entry(at, indent)?;
            match self.cur {
                Some(line) if line.indent == indent => at = line.start,
                Some(line) if line.indent > indent => return None,
                _ => break,
            }
        }
        self.tree.on_end()
    }

    /// One `key: value` of a mapping at column `indent`, its key at `at` on the current line.
    fn entry(&mut self, at: usize, indent: usize) -> Option<()> {
        let line = self.cur?;
        let key = self.key(at, line.end)??;
        self.tree.on_scalar(key.value, key.style, key.span)?;
        let p = self.skip_spaces(key.colon + 1, line.end);
        if p == line.end || self.b[p] == b'#' {
            self.advance()?;
            return self.nested(indent, key.colon, true);
        }
        self.value(p, line.end)?;
        self.advance()
    }

    /// The key that starts at `p`, if the line holds `key:` there followed by a space or its
    /// end: `Some(None)` when it holds no key, `None` when the scanner cannot tell.
    fn key(&self, p: usize, end: usize) -> Option<Option<KeyToken<'t>>> {
        let c = self.b[p];
        if c == b'\'' || c == b'"' {
            let (value, after) = self.quoted(p, end)?;
            let colon = self.skip_spaces(after, end);
            if !self.colon_at(colon, end) {
                return Some(None);
            }
            if colon - p > MAX_KEY_BYTES {
                return None;
            }
            return Some(Some(KeyToken {
                value,
                style: quoted_style(c),
                span: p..after,
                colon,
            }));
        }
        if c == b'[' {
            return Some(None);
        }
        if indicator(c) {
            return None;
        }
        let mut inner_colon = false;
        for i in p..end {
            match self.b[i] {
                b':' if self.colon_at(i, end) => {
                    if inner_colon || i - p > MAX_KEY_BYTES {
                        return None;
                    }
                    let stop = self.trim_end(p, i);
                    return Some(Some(KeyToken {
                        value: Cow::Borrowed(&self.text[p..stop]),
                        style: ScalarStyle::Plain,
                        span: p..stop,
                        colon: i,
                    }));
                }
                b':' => inner_colon = true,
                b'#' if self.b[i - 1] == b' ' => return Some(None),
                _ => {}
            }
        }
        Some(None)
    }

    /// Whether a `:` at `i` ends a key: followed by a space or the line's end.
    fn colon_at(&self, i: usize, end: usize) -> bool {
        i < end && self.b[i] == b':' && (i + 1 == end || self.b[i + 1] == b' ')
    }

    /// The end of `p..end` without its trailing spaces.
    fn trim_end(&self, p: usize, mut end: usize) -> usize {
        while end > p && self.b[end - 1] == b' ' {
            end -= 1;
        }
        end
    }

    /// A quoted scalar on one line, its quote at `p`: its value and where it ends (past the
    /// closing quote). Double-quoted ones with an escape are left to the parser.
    fn quoted(&self, p: usize, end: usize) -> Option<(Cow<'t, str>, usize)> {
        let quote = self.b[p];
        let close = p + 1 + memchr::memchr(quote, &self.b[p + 1..end])?;
        if quote == b'"' {
            if memchr::memchr(b'\\', &self.b[p + 1..close]).is_some() {
                return None;
            }
            return Some((Cow::Borrowed(&self.text[p + 1..close]), close + 1));
        }
        if self.b.get(close + 1) != Some(&b'\'') || close + 1 >= end {
            return Some((Cow::Borrowed(&self.text[p + 1..close]), close + 1));
        }
        // `''` stands for one quote.
        let mut value = String::new();
        let mut i = p + 1;
        loop {
            let q = i + memchr::memchr(b'\'', &self.b[i..end])?;
            value.push_str(&self.text[i..q]);
            if q + 1 < end && self.b[q + 1] == b'\'' {
                value.push('\'');
                i = q + 2;
            } else {
                return Some((Cow::Owned(value), q + 1));
            }
        }
    }

    /// Whether only spaces, then maybe a comment after a space, follow `p` on the line.
    fn rest_is_blank(&self, p: usize, end: usize) -> bool {
        let q = self.skip_spaces(p, end);
        q == end || (q > p && self.b[q] == b'#')
    }

    /// The value at `p` on a line ending at `end`: a scalar or a flow sequence, with nothing
    /// after it but a comment.
    fn value(&mut self, p: usize, end: usize) -> Option<()> {
        let c = self.b[p];
        if c == b'[' {
            let after = self.flow(p, end)?;
            return self.rest_is_blank(after, end).then_some(());
        }
        if c == b'\'' || c == b'"' {
            let (value, after) = self.quoted(p, end)?;
            if !self.rest_is_blank(after, end) {
                return None;
            }
            return self.tree.on_scalar(value, quoted_style(c), p..after);
        }
        if !self.plain_start(p, end) {
            return None;
        }
        let mut stop = end;
        for i in p..end {
            match self.b[i] {
                b':' if i + 1 == end || self.b[i + 1] == b' ' => return None,
                b'#' if self.b[i - 1] == b' ' => {
                    stop = i;
                    break;
                }
                _ => {}
            }
        }
        let stop = self.trim_end(p, stop);
        let value = Cow::Borrowed(&self.text[p..stop]);
        self.tree.on_scalar(value, ScalarStyle::Plain, p..stop)
    }

    /// Whether a plain scalar may start at `p`: not at an indicator, but a `-` before a letter
    /// or digit (`-5`).
    fn plain_start(&self, p: usize, end: usize) -> bool {
        let c = self.b[p];
        if c == b'-' {
            return p + 1 < end && self.b[p + 1].is_ascii_alphanumeric();
        }
        !indicator(c)
    }

    /// A flow sequence of scalars on one line, its `[` at `p`: where it ends (past its `]`).
    fn flow(&mut self, p: usize, end: usize) -> Option<usize> {
        self.tree.open(true, p..p + 1)?;
        let mut i = self.skip_spaces(p + 1, end);
        if i < end && self.b[i] == b']' {
            self.tree.on_end()?;
            return Some(i + 1);
        }
        loop {
            i = self.flow_item(i, end)?;
            i = self.skip_spaces(i, end);
            match self.b.get(i) {
                Some(b',') if i < end => {
                    i = self.skip_spaces(i + 1, end);
                    if i >= end || self.b[i] == b']' {
                        return None;
                    }
                }
                Some(b']') if i < end => break,
                _ => return None,
            }
        }
        self.tree.on_end()?;
        Some(i + 1)
    }

    /// A scalar of a flow sequence at `i`: where it ends.
    fn flow_item(&mut self, i: usize, end: usize) -> Option<usize> {
        if i >= end {
            return None;
        }
        let c = self.b[i];
        if c == b'\'' || c == b'"' {
            let (value, after) = self.quoted(i, end)?;
            self.tree.on_scalar(value, quoted_style(c), i..after)?;
            return Some(after);
        }
        if !self.plain_start(i, end) {
            return None;
        }
        let mut stop = end;
        for j in i..end {
            match self.b[j] {
                b',' | b']' => {
                    stop = j;
                    break;
                }
                b':' | b'#' | b'[' | b'{' | b'}' => return None,
                _ => {}
            }
        }
        if stop == end {
            return None;
        }
        let stop = self.trim_end(i, stop);
        let value = Cow::Borrowed(&self.text[i..stop]);
        self.tree.on_scalar(value, ScalarStyle::Plain, i..stop)?;
        Some(stop)
    }
}

/// The style of a scalar quoted with `c`.
fn quoted_style(c: u8) -> ScalarStyle {
    if c == b'"' {
        ScalarStyle::DoubleQuoted
    } else {
        ScalarStyle::SingleQuoted
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{TRICKY, variants, yaml_files};
    use super::super::{build, scan_agrees};
    use super::scan;
    use std::path::Path;

    /// Asserts that the scanner, where it decides `text`, gives the event builder's tree; returns
    /// whether it decided.
    fn check(text: &str, label: &str) -> bool {
        assert!(
            scan_agrees(text),
            "{label}: {text:?}\nscan:  {:#?}\nbuild: {:#?}",
            scan(text),
            build(text)
        );
        scan(text).is_some()
    }

    #[test]
    fn tricky_inputs_read_as_the_events_read_them() {
        let mut decided = 0;
        for text in TRICKY {
            for v in variants(text) {
                decided += usize::from(check(&v, "tricky"));
            }
        }
        assert!(decided > 0);
    }

    #[test]
    fn every_yaml_file_in_the_repository_reads_as_the_events_read_it() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        yaml_files(&root.join("fixtures"), &mut files);
        yaml_files(&root.join("tests"), &mut files);
        assert!(files.len() > 20, "found only {} YAML files", files.len());
        let (mut plain, mut decided) = (0, 0);
        for path in &files {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let label = path.display().to_string();
            for v in variants(&text) {
                check(&v, &label);
            }
            if build(&text).is_some() {
                plain += 1;
                decided += usize::from(check(&text, &label));
            }
        }
        // Most documents have the plain shape: the scanner must decide them itself.
        assert!(
            decided * 10 > plain * 8,
            "the scanner decided {decided} of {plain} documents the events decide"
        );
    }

    #[test]
    fn the_common_shape_is_decided_with_the_parsers_spans() {
        let text = "a: 1\nb:\n  c: x y  # com\n  d: \"q\"\n  e: 's''t'\nf:\ng: [PL, ES]\n\
                    h:\n  - k: v\n    l: m\n  -\n  - z\n  - [ ]\ni:\n- 1\n- 2\nj: end\n";
        for v in [
            text.to_owned(),
            text.replace('\n', "\r\n"),
            format!("\u{feff}{text}"),
            format!("  {}", text.replace('\n', "\n  ")),
        ] {
            assert!(check(&v, "common"), "{v:?}");
        }
    }

    #[test]
    fn long_keys_and_values_and_deep_nesting_read_as_the_events_read_them() {
        for n in [990, 1000, 1001, 1020, 1030, 2000] {
            let word = "k".repeat(n);
            check(&format!("{word}: 1\n"), "long key");
            check(&format!("- {word}: 1\n"), "long key");
            check(&format!("'{word}': 1\n"), "long quoted key");
            check(&format!("\"{word}\": 1\n"), "long quoted key");
            check(&format!("- 'a''{word}': 1\n"), "long quoted key");
            assert!(check(&format!("a: {word}\nb: [{word}, x]\n"), "long value"));
            assert!(check(&format!("- {word}\n- c: {word}\n"), "long value"));
            check(&format!("a:\n- {word}\n- '{word}'\n"), "long value");
        }
        check(&format!("{}: 1\n", "键".repeat(400)), "long key");
        assert!(check(&format!("{}: 1\n", "键".repeat(300)), "long key"));
        for depth in [10, 60, 61, 62, 63, 64, 70] {
            let map: String = (0..depth)
                .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
                .collect();
            let seq: String = (0..depth)
                .map(|i| format!("{}-\n", " ".repeat(i)))
                .collect();
            check(&map, "deep");
            check(&format!("{map}{}x: 1\n", "  ".repeat(depth)), "deep");
            check(&seq, "deep");
        }
        let wide = format!(
            "a: [{}]\n",
            vec!["1"; super::super::MAX_NODES + 10].join(",")
        );
        check(&wide, "wide");
    }

    /// [`super::plain_bytes`] as characters: what it must let through.
    fn plain_chars(text: &str) -> bool {
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let ok = match c {
                '\r' => chars.peek() == Some(&'\n'),
                '\u{2028}' | '\u{2029}' | '\u{feff}' => false,
                '\n' | ' '..='~' => true,
                _ => matches!(c as u32, 0xa0..=0xd7ff | 0xe000..=0xfffd | 0x10000..),
            };
            if !ok {
                return false;
            }
        }
        true
    }

    #[test]
    fn printable_text_is_told_eight_bytes_at_a_time_as_one_by_one() {
        let alphabet: Vec<char> = "ab :#\n\r\t\0\u{7f}\u{80}\u{85}\u{9f}\u{a0}é中\u{2027}\u{2028}\
                                   \u{2029}\u{d7ff}\u{e000}\u{feff}\u{fffd}\u{fffe}\u{ffff}😀"
            .chars()
            .collect();
        let mut seed = 7u64;
        for len in 0..200 {
            for _ in 0..40 {
                let text: String = (0..len)
                    .map(|_| {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        let pick = (seed >> 33) as usize;
                        // Mostly plain ASCII, so that whole words of it occur.
                        if pick.is_multiple_of(4) {
                            alphabet[pick / 4 % alphabet.len()]
                        } else {
                            'x'
                        }
                    })
                    .collect();
                assert_eq!(
                    super::plain_bytes(text.as_bytes()),
                    plain_chars(&text),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn what_the_scanner_does_not_read_is_left_to_the_parser() {
        for text in [
            "",
            "# c\n",
            "a: 1\na: 2\n",
            "1: a\n",
            "a: &x 1\n",
            "a: |\n  x\n",
            "a: b\n  c\n",
            "a: \"\\n\"\n",
            "a:\n\tb: 1\n",
            "---\na: 1\n",
            "a: {b: 1}\n",
            "- - x\n",
            "plain\n",
        ] {
            assert!(scan(text).is_none(), "{text:?}");
        }
    }
}

/// Random documents in and near the scanner's shape read as the events read them.
#[cfg(test)]
mod property {
    use super::super::scan_agrees;
    use super::scan;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    /// A document as a tree, rendered in many ways by [`render`].
    #[derive(Clone, Debug)]
    enum Doc {
        Leaf(String),
        Map(Vec<(String, Doc)>),
        Seq(Vec<Doc>),
    }

    /// Scalars, quoted or not, flow sequences, and text that is almost one of them.
    fn leaf() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z0-9 :#'\",\\-\\[\\]~.中文]{0,7}",
            prop::sample::select(vec![
                "",
                "yes",
                "No",
                "ON",
                "y",
                "n",
                "null",
                "Null",
                "~",
                "true",
                "1",
                "-5",
                "+3",
                "007",
                "0x1F",
                "0o17",
                "1_000",
                "1e3",
                ".inf",
                "-.Inf",
                ".nan",
                "1.5",
                "2024-01-31",
                "12:30",
                "http://x",
                "a#b",
                "a # c",
                "'it''s'",
                "''",
                "'a'",
                "\"q\"",
                "\"\"",
                "\"a\\tb\"",
                "[PL, ES]",
                "[]",
                "[ ]",
                "[ a ,'b', \"c\" ]",
                "[a,]",
                "[a, [b]]",
                "[a: b]",
                "[1, yes, ~, null]",
                "- x",
                "a: b",
                "-",
                "&a x",
                "*a",
                "!t x",
                "|",
                ">",
                "{a: 1}",
                "@x",
                "`x`",
                "%x",
                "? x",
                ":x",
                "x:",
                "中文 值",
                "   ",
            ])
            .prop_map(str::to_owned),
        ]
    }

    fn key() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z][a-z_ 0-9:#'\"-]{0,5}",
            prop::sample::select(vec![
                "a", "b", "n", "yes", "null", "~", "1", "-x", "<<", "\"a\"", "'b'", "\"a b\"",
                "'it''s'", "a b", "a:b", "a#b", "键", "'1'", "\"\"", "a ", "[a]", "? a",
            ])
            .prop_map(str::to_owned),
        ]
    }

    fn doc() -> impl Strategy<Value = Doc> {
        leaf()
            .prop_map(Doc::Leaf)
            .prop_recursive(4, 40, 5, |inner| {
                prop_oneof![
                    prop::collection::vec((key(), inner.clone()), 1..5).prop_map(Doc::Map),
                    prop::collection::vec(inner, 1..5).prop_map(Doc::Seq),
                ]
            })
    }

    /// Choices for the rendering, taken in turn.
    struct Choices(Vec<u8>, usize);

    impl Choices {
        fn next(&mut self, n: u8) -> u8 {
            let c = self.0[self.1 % self.0.len()];
            self.1 += 1;
            c % n
        }
    }

    /// `doc` at column `indent` as block YAML: indentation steps, indentless and compact
    /// collections, comments and trailing spaces as the choices say.
    fn render(doc: &Doc, indent: usize, ch: &mut Choices, out: &mut String) {
        let pad = " ".repeat(indent);
        match doc {
            Doc::Leaf(s) => {
                out.push_str(&pad);
                out.push_str(s);
                out.push('\n');
            }
            Doc::Map(entries) => {
                for (k, v) in entries {
                    out.push_str(&pad);
                    out.push_str(k);
                    out.push(':');
                    child(v, indent, true, ch, out);
                }
            }
            Doc::Seq(items) => {
                for v in items {
                    out.push_str(&pad);
                    out.push('-');
                    child(v, indent, false, ch, out);
                }
            }
        }
    }

    /// The value of a key or entry at column `indent`, after its `:` or `-`.
    fn child(v: &Doc, indent: usize, in_map: bool, ch: &mut Choices, out: &mut String) {
        match v {
            Doc::Leaf(s) => {
                if !s.is_empty() {
                    out.push_str(&" ".repeat(1 + usize::from(ch.next(4) == 0)));
                    out.push_str(s);
                }
                match ch.next(6) {
                    0 => out.push_str(" # c"),
                    1 => out.push_str("  "),
                    _ => {}
                }
                out.push('\n');
            }
            _ if !in_map && ch.next(2) == 0 => {
                // Compact: the collection starts on the entry's line.
                let mut inner = String::new();
                let at = indent + 2;
                render(v, at, ch, &mut inner);
                out.push(' ');
                out.push_str(&inner[at..]);
            }
            _ => {
                if ch.next(5) == 0 {
                    out.push_str(" # c");
                }
                out.push('\n');
                if ch.next(7) == 0 {
                    out.push_str(&" ".repeat(ch.next(6).into()));
                    out.push_str("# note\n");
                }
                let step = match ch.next(8) {
                    0 if in_map && matches!(v, Doc::Seq(_)) => 0,
                    0 | 1 => 1,
                    2 => 4,
                    3 => 3,
                    _ => 2,
                };
                render(v, indent + step, ch, out);
            }
        }
    }

    /// The rendered document, maybe with CRLF line ends, and maybe with one character put in
    /// or taken out.
    fn text(doc: &Doc, ch: &mut Choices) -> String {
        let mut out = String::new();
        if ch.next(8) == 0 {
            out.push_str(&" ".repeat(ch.next(3).into()));
        }
        render(doc, out.len(), ch, &mut out);
        if ch.next(4) == 0 {
            out = out.replace('\n', "\r\n");
        }
        let chars: Vec<char> = out.chars().collect();
        let at = usize::from(ch.next(255)) * chars.len() / 255;
        let extra = [
            ' ', ':', '#', '-', '\'', '"', '\n', '[', ',', '\t', 'x', '\r',
        ];
        let mut chars = chars;
        match ch.next(6) {
            0 if at < chars.len() => {
                chars.remove(at);
            }
            1 => chars.insert(at, extra[usize::from(ch.next(12))]),
            _ => {}
        }
        chars.into_iter().collect()
    }

    #[test]
    fn random_documents_read_as_the_events_read_them() {
        let mut runner = TestRunner::new(Config {
            cases: 10_000,
            failure_persistence: None,
            ..Config::default()
        });
        let decided = std::cell::Cell::new(0usize);
        let strategy = (doc(), prop::collection::vec(any::<u8>(), 1..64));
        runner
            .run(&strategy, |(doc, choices)| {
                let text = text(&doc, &mut Choices(choices, 0));
                prop_assert!(scan_agrees(&text), "{:?}", text);
                decided.set(decided.get() + usize::from(scan(&text).is_some()));
                Ok(())
            })
            .unwrap();
        assert!(
            decided.get() > 1000,
            "the scanner decided {}",
            decided.get()
        );
    }
}
