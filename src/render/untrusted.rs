//! Text from a submission shown safely (SPEC §7). Every value, key, file and folder name comes
//! from the seller, and human-facing output goes to a reviewer's terminal and to CI logs: control
//! characters (other than tab), DEL, C1 controls and bidi controls are shown escaped as `\u{1b}`,
//! so a value can neither drive the terminal nor reorder or break the line it is shown on.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` is shown escaped: C0 controls but tab, DEL, C1 controls, and the bidi controls.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{a}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
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

/// Source text shown as lines: line feeds (and the CR of a CRLF) stay, a lone CR is shown as
/// `\r`, every other unsafe character escaped.
pub fn source(s: &str) -> Cow<'_, str> {
    let lone_cr = |i: usize| s.as_bytes().get(i + 1) != Some(&b'\n');
    let safe = s
        .char_indices()
        .all(|(i, c)| c == '\n' || (c == '\r' && !lone_cr(i)) || !is_unsafe(c));
    if safe {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.char_indices() {
        match c {
            '\n' => out.push('\n'),
            '\r' if !lone_cr(i) => out.push('\r'),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) => escape(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
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
}
