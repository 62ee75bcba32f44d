//! Text from a submission shown safely (SPEC §7). Every value, key, file and folder name comes
//! from the seller, and human-facing output goes to a reviewer's terminal and to CI logs: control
//! characters (other than tab), DEL, C1 controls and bidi controls are shown escaped as `\u{1b}`,
//! so a value can neither drive the terminal nor reorder or break the line it is shown on.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;

/// Whether `c` is shown escaped: C0 controls but tab, DEL, C1 controls (NEL among them), the
/// bidi controls, and the line and paragraph separators (which YAML reads as content but some
/// terminals and editors break lines at).
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{a}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{2028}' | '\u{2029}')
}

fn escape(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", c as u32);
}

/// `s` on one line: every unsafe character escaped, line breaks included.
pub fn line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path (a seller's folder and file names) on one line, as [`line`] shows text, with each `\`
/// shown as `\\`: a name holding a backslash never reads as a path with more folders.
pub fn path(s: &str) -> Cow<'_, str> {
    if !s.contains('\\') {
        return line(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            c if is_unsafe(c) => escape(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `s` as one word of a POSIX shell command shown to a person (a calendar's description, a
/// hint): as it is when it holds only characters no shell reads specially, else in single quotes
/// (a `'` inside written `'\''`); shown safely besides, as [`line`] shows text. A seller's
/// folder name `x;touch pwned;#` can then be copied into a shell only as the name it is.
pub fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./:@%+=,".contains(c));
    if plain {
        return s.to_owned();
    }
    let quoted = format!("'{}'", s.replace('\'', "'\\''"));
    line(&quoted).into_owned()
}

/// Source text shown as lines: line feeds (and the CR of a CRLF) stay, a lone CR is shown as
/// `\r`, every other unsafe character escaped.
pub fn source(s: &str) -> Cow<'_, str> {
    source_part(s, 0..s.len())
}

/// Whether the CR at byte `i` of `s` is a lone CR (not the CR of a CRLF).
fn lone_cr(s: &str, i: usize) -> bool {
    s.as_bytes().get(i + 1) != Some(&b'\n')
}

/// How the character `c` at byte `i` of source text `s` is shown, when it is not shown as is.
fn shown_source_char(s: &str, i: usize, c: char) -> Option<Shown> {
    match c {
        '\n' => None,
        '\r' if !lone_cr(s, i) => None,
        '\r' => Some(Shown::LoneCr),
        c if is_unsafe(c) => Some(Shown::Escaped),
        _ => None,
    }
}

enum Shown {
    LoneCr,
    Escaped,
}

/// The bytes `range` of source text `s` (char boundaries), shown as [`source`] shows them; a CR
/// is lone or not by what follows it in all of `s`, so a part shows as it does in the whole.
pub fn source_part(s: &str, range: Range<usize>) -> Cow<'_, str> {
    let part = &s[range.clone()];
    let shown = |(i, c): (usize, char)| shown_source_char(s, range.start + i, c);
    if part.char_indices().all(|ic| shown(ic).is_none()) {
        return Cow::Borrowed(part);
    }
    let mut out = String::with_capacity(part.len() + 8);
    for (i, c) in part.char_indices() {
        match shown((i, c)) {
            None => out.push(c),
            Some(Shown::LoneCr) => out.push_str("\\r"),
            Some(Shown::Escaped) => escape(&mut out, c),
        }
    }
    Cow::Owned(out)
}

/// The length in bytes of [`source_part`]`(s, range)`, without building it: maps a byte offset of
/// the source to one of the text shown.
pub fn source_len(s: &str, range: Range<usize>) -> usize {
    let part = &s[range.clone()];
    part.char_indices()
        .map(|(i, c)| match shown_source_char(s, range.start + i, c) {
            None => c.len_utf8(),
            Some(Shown::LoneCr) => 2,
            Some(Shown::Escaped) => escaped_len(c),
        })
        .sum()
}

/// The length of `\u{…}` for `c`.
fn escaped_len(c: char) -> usize {
    let digits = (32 - (c as u32 | 1).leading_zeros()).div_ceil(4) as usize;
    digits + 4
}

#[cfg(test)]
mod shell_tests {
    use super::shell_word;

    #[test]
    fn a_shell_word_is_quoted_unless_it_is_plain() {
        assert_eq!(shell_word("sellers/huacai"), "sellers/huacai");
        assert_eq!(
            shell_word("sellers/x;touch pwned;#"),
            "'sellers/x;touch pwned;#'"
        );
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word("$(rm -rf ~)"), "'$(rm -rf ~)'");
        assert_eq!(shell_word("a\nb"), "'a\\u{a}b'");
        assert_eq!(shell_word(""), "''");
        assert_eq!(shell_word("深圳"), "'深圳'");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_escaped_on_one_line() {
        assert_eq!(line("CP 28009"), "CP 28009");
        assert_eq!(line("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(line("x\ny\rz\u{7}"), "x\\u{a}y\\u{d}z\\u{7}");
        assert_eq!(line("\u{9b}\u{7f}"), "\\u{9b}\\u{7f}");
        assert_eq!(
            line("a\u{202e}b\u{2066}c\u{61c}"),
            "a\\u{202e}b\\u{2066}c\\u{61c}"
        );
        assert_eq!(line("tab\tstays 深圳"), "tab\tstays 深圳");
    }

    #[test]
    fn source_keeps_its_lines_and_shows_a_lone_cr() {
        assert_eq!(source("a: 1\r\nb: 2\n"), "a: 1\r\nb: 2\n");
        assert_eq!(
            source("postal_code: 28009\r      ::stop-commands::x\n"),
            "postal_code: 28009\\r      ::stop-commands::x\n"
        );
        assert_eq!(
            source("a: \u{1b}]0;title\u{7}\n"),
            "a: \\u{1b}]0;title\\u{7}\n"
        );
    }

    #[test]
    fn a_part_shows_as_in_the_whole_and_its_length_is_known() {
        let s = "a\r\nb\rc\u{1b}d\u{9b}e\u{202e}深\n";
        for start in 0..=s.len() {
            for end in start..=s.len() {
                if !(s.is_char_boundary(start) && s.is_char_boundary(end)) {
                    continue;
                }
                let part = source_part(s, start..end);
                assert_eq!(part.len(), source_len(s, start..end), "{start}..{end}");
            }
        }
        assert_eq!(source_part(s, 0..2), "a\r");
        assert_eq!(source_part(s, 3..5), "b\\r");
        assert_eq!(source(s), "a\r\nb\\rc\\u{1b}d\\u{9b}e\\u{202e}深\n");
        assert_eq!(escaped_len('\u{0}'), 5);
        assert_eq!(escaped_len('\u{1b}'), 6);
        assert_eq!(escaped_len('\u{202e}'), 8);
    }
}
