//! Characters that make two entity names differ while they look the same (issue 13): invisible
//! and format characters (Unicode category Cf), bidi controls, and letters from another script
//! than their neighbours (a Cyrillic `а` among Latin letters). CUS002 and CUS007 name each such
//! character where a name differs from the licence's; LIC007 names the hidden ones in the
//! licence's own name.
//!
//! A character is named by its code point and its Unicode name (`unicode_names2`); a hidden one
//! is never written raw in a message, only as `<U+200B>` inside a name ([`shown`]).

use crate::finding::Text;
use crate::rules::{join_texts, same_entity};
use similar::{Algorithm, DiffOp, capture_diff_slices};
use std::borrow::Cow;
use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_script::{Script, UnicodeScript};
use unicode_width::UnicodeWidthChar;

/// At most this many characters are named in one finding; the rest are counted.
const MOST_NAMED: usize = 6;
/// Names longer than this, in characters, are not compared character by character: no entity
/// name is, and the diff of two long values would cost more than it tells.
const LONGEST: usize = 300;
/// The context a hidden character is placed by: preceding characters up to this display width.
const CONTEXT_WIDTH: usize = 4;

/// Why a character is worth naming.
#[derive(Clone, Debug, PartialEq)]
enum Kind {
    /// A bidi control (Bidi_Control): it reorders the text shown around it.
    Bidi,
    /// A character with no width: a format character (Cf) or another that does not show.
    Invisible,
    /// A format character (Cf) that takes space.
    Format,
    /// A letter of another script than the letters next to it.
    Script { own: Script, around: Vec<Script> },
}

impl Kind {
    fn describe(&self) -> Text {
        match self {
            Kind::Bidi => text!(
                "a bidi control, which reorders the text shown after it",
                "双向控制字符，会打乱其后文字的显示顺序"
            ),
            Kind::Invisible => text!("invisible", "不可见字符"),
            Kind::Format => text!("a format character", "格式字符"),
            Kind::Script { own, around } => {
                let own = own.full_name();
                let around = around
                    .iter()
                    .map(|s| s.full_name())
                    .collect::<Vec<_>>()
                    .join(" / ");
                text!(
                    "{own} among {around} letters",
                    "{own} 文字，前后为 {around} 文字"
                )
            }
        }
    }
}

/// Whether `c` is a bidi control (the Bidi_Control property: ALM, LRM, RLM, the embeddings,
/// overrides and isolates).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` has no width of its own without being a combining mark that shows on the
/// character before it.
fn is_invisible(c: char) -> bool {
    let mark = matches!(
        get_general_category(c),
        GeneralCategory::NonspacingMark | GeneralCategory::EnclosingMark
    );
    c.width().unwrap_or(0) == 0 && !mark && c != '\t'
}

/// Whether `c` is shown by name, never raw: a bidi control, a format character or an invisible
/// one. White space is not: names are compared without it.
pub(crate) fn is_hidden(c: char) -> bool {
    !c.is_whitespace()
        && (is_bidi_control(c)
            || get_general_category(c) == GeneralCategory::Format
            || is_invisible(c))
}

fn hidden_kind(c: char) -> Option<Kind> {
    if !is_hidden(c) {
        None
    } else if is_bidi_control(c) {
        Some(Kind::Bidi)
    } else if is_invisible(c) {
        Some(Kind::Invisible)
    } else {
        Some(Kind::Format)
    }
}

/// A script that says something of a letter: not Common, Inherited or Unknown.
fn specific_script(c: char) -> Option<Script> {
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => None,
        s => Some(s),
    }
}

/// The first character of `it` with a specific script.
fn nearest_letter<'a>(mut it: impl Iterator<Item = &'a char>) -> Option<char> {
    it.find(|n| specific_script(**n).is_some()).copied()
}

/// Why the character at `i` of `chars` is worth naming, if it is.
fn kind(chars: &[char], i: usize) -> Option<Kind> {
    let c = chars[i];
    if let Some(kind) = hidden_kind(c) {
        return Some(kind);
    }
    let own = specific_script(c)?;
    let neighbours: Vec<char> = [
        nearest_letter(chars[..i].iter().rev()),
        nearest_letter(chars[i + 1..].iter()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let shares = |n: char| {
        !n.script_extension()
            .intersection(c.script_extension())
            .is_empty()
    };
    if neighbours.is_empty() || neighbours.iter().any(|n| shares(*n)) {
        return None;
    }
    let mut around: Vec<Script> = Vec::new();
    for s in neighbours.iter().filter_map(|n| specific_script(*n)) {
        if !around.contains(&s) {
            around.push(s);
        }
    }
    Some(Kind::Script { own, around })
}

/// `U+0430 CYRILLIC SMALL LETTER A`: the code point and the Unicode name (English, as the
/// standard gives it), or the code point alone for a character the standard does not name.
pub(crate) fn code_and_name(c: char) -> String {
    let code = format!("U+{:04X}", u32::from(c));
    match unicode_names2::name(c) {
        Some(name) => format!("{code} {name}"),
        None => code,
    }
}

/// A character as a message names it: `` `а` U+0430 CYRILLIC SMALL LETTER A ``, or only by
/// code point and name when it is hidden.
fn char_ref(c: char) -> String {
    if is_hidden(c) {
        code_and_name(c)
    } else {
        format!("`{c}` {}", code_and_name(c))
    }
}

/// `name` with every hidden character written `<U+200B>`: what a message may show of it.
pub(crate) fn shown(name: &str) -> Cow<'_, str> {
    if !name.chars().any(is_hidden) {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        if is_hidden(c) {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Where the character at `i` of `chars` is: after the visible characters before it (up to
/// [`CONTEXT_WIDTH`] columns), else before those after it.
enum Place {
    After(String),
    Before(String),
    Nowhere,
}

fn place(chars: &[char], i: usize) -> Place {
    let take = |it: &mut dyn Iterator<Item = &char>| {
        let mut width = 0;
        let mut out = Vec::new();
        for &c in it {
            if is_hidden(c) {
                continue;
            }
            if width >= CONTEXT_WIDTH {
                break;
            }
            width += c.width().unwrap_or(0).max(1);
            out.push(c);
        }
        out
    };
    let mut before = take(&mut chars[..i].iter().rev());
    before.reverse();
    let before: String = before.into_iter().collect();
    if !before.trim().is_empty() {
        return Place::After(before.trim().to_owned());
    }
    let after: String = take(&mut chars[i + 1..].iter()).into_iter().collect();
    if after.trim().is_empty() {
        Place::Nowhere
    } else {
        Place::Before(after.trim().to_owned())
    }
}

/// Which name a character is in, as the sentence names it.
#[derive(Clone, Copy)]
pub(crate) struct Side {
    pub en: &'static str,
    pub zh: &'static str,
}

/// The licence, as CUS002 and CUS007 name it.
pub(crate) const LICENCE: Side = Side {
    en: "the licence",
    zh: "执照",
};

/// `side` has the character at `i` of `chars`, of `kind`, somewhere of its own.
fn placed(side: Side, chars: &[char], i: usize, kind: &Kind) -> Text {
    let (what, why) = (char_ref(chars[i]), kind.describe());
    let (s_en, s_zh, why_en, why_zh) = (side.en, side.zh, &why.en, &why.zh);
    match place(chars, i) {
        Place::After(ctx) => text!(
            "{s_en} has {what} after `{ctx}` ({why_en})",
            "{s_zh}名称中 `{ctx}` 之后有 {what}（{why_zh}）"
        ),
        Place::Before(ctx) => text!(
            "{s_en} has {what} at the start, before `{ctx}` ({why_en})",
            "{s_zh}名称开头 `{ctx}` 之前有 {what}（{why_zh}）"
        ),
        Place::Nowhere => text!(
            "{s_en} has {what} ({why_en})",
            "{s_zh}名称中有 {what}（{why_zh}）"
        ),
    }
}

/// `side` has `c`, of `kind`, where `other` has `instead`.
fn replaced(side: Side, c: char, kind: &Kind, other: Side, instead: char) -> Text {
    let (what, was, why) = (char_ref(c), char_ref(instead), kind.describe());
    let (s_en, s_zh, o_en, o_zh, why_en, why_zh) =
        (side.en, side.zh, other.en, other.zh, &why.en, &why.zh);
    text!(
        "{s_en} has {what} where {o_en} has {was} ({why_en})",
        "{s_zh}名称中为 {what}（{why_zh}），{o_zh}中此处为 {was}"
    )
}

/// The characters of `name` that are hidden, each placed: what LIC007 says of the licence's own
/// name, as `side`.
pub(crate) fn hidden_in(side: Side, name: &str) -> Vec<Text> {
    let chars: Vec<char> = name.chars().collect();
    let mut named: Vec<Text> = (0..chars.len())
        .filter_map(|i| hidden_kind(chars[i]).map(|k| placed(side, &chars, i, &k)))
        .collect();
    let rest = named.len().saturating_sub(MOST_NAMED);
    if rest > 0 {
        named.truncate(MOST_NAMED);
        named.push(text!(
            "and {rest} more characters that do not show",
            "另有 {rest} 个不可见字符"
        ));
    }
    named
}

/// What two names differ in.
pub(crate) struct Difference {
    /// The differing characters worth naming, each in a sentence, at most [`MOST_NAMED`] and a
    /// count of the rest.
    pub named: Text,
    /// Whether nothing else differs: the names would be the same but for these characters.
    pub only: bool,
    /// Whether a named character is in the licence's name, and whether one is in the other.
    in_licence: bool,
    in_other: bool,
}

impl Difference {
    /// What to do when only the named characters differ: retype the name they are in, the
    /// other one (`other`, a whole instruction) or the licence's, or both.
    pub(crate) fn advice(&self, other: Text) -> Text {
        let licence = text!(
            "retype `entity_name` in `license.yaml` from the licence",
            "请按营业执照重新输入 `license.yaml` 中的 `entity_name`"
        );
        let retype = match (self.in_licence, self.in_other) {
            (true, false) => licence,
            (false, _) => other,
            (true, true) => join_texts(&[other, licence], " and ", "，并"),
        };
        let (en, zh) = (&retype.en, &retype.zh);
        text!(
            "{en}, typing it rather than pasting it",
            "{zh}（手动输入，不要复制粘贴）"
        )
    }
}

/// The characters worth naming where `other` (`side`) differs from the licence's `licensed`,
/// or `None` when none is: the names then differ in characters one can see.
pub(crate) fn difference(licensed: &str, other: &str, side: Side) -> Option<Difference> {
    let (l, o): (Vec<char>, Vec<char>) = (licensed.chars().collect(), other.chars().collect());
    if l.len() > LONGEST || o.len() > LONGEST {
        return None;
    }
    let mut named: Vec<Text> = Vec::new();
    let (mut in_licence, mut in_other) = (false, false);
    let mut only = true;
    // Characters of a change that are not worth naming still differ unless the comparison
    // forgives them (width, case, white space).
    let mut plain = |a: &[char], b: &[char]| {
        let (a, b): (String, String) = (a.iter().collect(), b.iter().collect());
        if !same_entity(&a, &b) {
            only = false;
        }
    };
    for op in capture_diff_slices(Algorithm::Myers, &l, &o) {
        let (old, new) = (op.old_range(), op.new_range());
        if matches!(op, DiffOp::Equal { .. }) {
            continue;
        }
        let l_kinds: Vec<Option<Kind>> = old.clone().map(|i| kind(&l, i)).collect();
        let o_kinds: Vec<Option<Kind>> = new.clone().map(|i| kind(&o, i)).collect();
        if old.len() == new.len() {
            // One for one: each character of the other name in place of the licence's.
            for (k, (i, j)) in old.clone().zip(new.clone()).enumerate() {
                match (&o_kinds[k], &l_kinds[k]) {
                    (Some(kind), _) => {
                        in_other = true;
                        named.push(replaced(side, o[j], kind, LICENCE, l[i]));
                    }
                    (None, Some(kind)) => {
                        in_licence = true;
                        named.push(replaced(LICENCE, l[i], kind, side, o[j]));
                    }
                    (None, None) => plain(&l[i..=i], &o[j..=j]),
                }
            }
            continue;
        }
        for (k, i) in old.clone().enumerate() {
            if let Some(kind) = &l_kinds[k] {
                in_licence = true;
                named.push(placed(LICENCE, &l, i, kind));
            }
        }
        for (k, j) in new.clone().enumerate() {
            if let Some(kind) = &o_kinds[k] {
                in_other = true;
                named.push(placed(side, &o, j, kind));
            }
        }
        let unnamed =
            |s: &[char], kinds: &[Option<Kind>], r: std::ops::Range<usize>| -> Vec<char> {
                r.zip(kinds)
                    .filter(|(_, k)| k.is_none())
                    .map(|(i, _)| s[i])
                    .collect()
            };
        plain(&unnamed(&l, &l_kinds, old), &unnamed(&o, &o_kinds, new));
    }
    if named.is_empty() {
        return None;
    }
    let rest = named.len().saturating_sub(MOST_NAMED);
    named.truncate(MOST_NAMED);
    let mut named = join_texts(&named, "; ", "；");
    if rest > 0 {
        named.en.push_str(&format!("; and {rest} more"));
        named.zh.push_str(&format!("；另有 {rest} 处"));
    }
    Some(Difference {
        named,
        only,
        in_licence,
        in_other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DECLARATION: Side = Side {
        en: "this declaration",
        zh: "本报关单",
    };

    fn named(licensed: &str, other: &str) -> (Text, bool) {
        let d = difference(licensed, other, DECLARATION).expect("a character worth naming");
        (d.named, d.only)
    }

    #[test]
    fn a_zero_width_space_is_named_with_its_place() {
        let (t, only) = named("深圳市华彩科技有限公司", "深圳市华彩\u{200b}科技有限公司");
        assert!(only);
        assert_eq!(
            t.en,
            "this declaration has U+200B ZERO WIDTH SPACE after `华彩` (invisible)"
        );
        assert_eq!(
            t.zh,
            "本报关单名称中 `华彩` 之后有 U+200B ZERO WIDTH SPACE（不可见字符）"
        );
    }

    #[test]
    fn a_look_alike_letter_is_named_with_the_licences() {
        let (t, only) = named("Huacai Trading", "Huаcai Trading");
        assert!(only);
        assert_eq!(
            t.en,
            "this declaration has `а` U+0430 CYRILLIC SMALL LETTER A where the licence has `a` U+0061 LATIN SMALL LETTER A (Cyrillic among Latin letters)"
        );
    }

    #[test]
    fn visible_differences_are_not_named() {
        assert!(
            difference(
                "深圳市华彩科技有限公司",
                "深圳市华彩供应链有限公司",
                DECLARATION
            )
            .is_none()
        );
        assert!(difference("ABC", "abd", DECLARATION).is_none());
    }

    #[test]
    fn other_differences_beside_a_hidden_one_are_kept() {
        let (_, only) = named("深圳市华彩科技有限公司", "深圳市华彩\u{200b}供应链有限公司");
        assert!(!only);
        // Width and case are forgiven by the comparison.
        let (_, only) = named(
            "深圳市华彩（科技）有限公司",
            "深圳市华彩(科技)有限公司\u{feff}",
        );
        assert!(only);
    }

    #[test]
    fn hidden_characters_are_never_shown_raw() {
        assert_eq!(shown("华彩\u{202e}科技"), "华彩<U+202E>科技");
        assert_eq!(shown("Huаcai"), "Huаcai");
        for c in [
            '\u{200b}', '\u{200d}', '\u{ad}', '\u{feff}', '\u{202e}', '\u{2066}',
        ] {
            assert!(is_hidden(c), "{}", code_and_name(c));
        }
        for c in ['a', '华', 'é', ' ', '\u{3000}', '（'] {
            assert!(!is_hidden(c), "{}", code_and_name(c));
        }
    }

    #[test]
    fn a_han_name_with_latin_letters_is_not_mixed_script() {
        let chars: Vec<char> = "深圳市TCL科技".chars().collect();
        assert!((0..chars.len()).all(|i| kind(&chars, i).is_none()));
        let chars: Vec<char> = "Trаding".chars().collect();
        assert!(matches!(kind(&chars, 2), Some(Kind::Script { .. })));
    }
}
