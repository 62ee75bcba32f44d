//! Letters, digits and signs typed in full width by a Chinese input method (`ＣＰ ２８００９`,
//! `＋３４`). They look like the ASCII a code is written in, and are not: where a rule reads a
//! code, it names them by code point and Unicode name (as the loader names full-width `：` and
//! `，`), and offers their ASCII twins as the safe fix.

use crate::finding::Text;

/// The full-width forms of ASCII `!`–`~` (U+FF01–U+FF5E), 0xFEE0 above their twins.
const FULLWIDTH: std::ops::RangeInclusive<char> = '\u{FF01}'..='\u{FF5E}';
/// The ideographic space, a full-width space.
const IDEOGRAPHIC_SPACE: char = '\u{3000}';

fn is_fullwidth(c: char) -> bool {
    FULLWIDTH.contains(&c) || c == IDEOGRAPHIC_SPACE
}

/// `value` with each full-width form written as its ASCII twin (the ideographic space as a
/// space); `None` when it holds none.
pub fn ascii_of(value: &str) -> Option<String> {
    if !value.chars().any(is_fullwidth) {
        return None;
    }
    Some(
        value
            .chars()
            .map(|c| match c {
                IDEOGRAPHIC_SPACE => ' ',
                c if FULLWIDTH.contains(&c) => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
                c => c,
            })
            .collect(),
    )
}

/// The full-width characters of `value` as a message names them: the first with its code point
/// and Unicode name, and how many other kinds follow (`` `Ｃ` U+FF23 FULLWIDTH LATIN CAPITAL
/// LETTER C and 5 more ``).
pub fn named(value: &str) -> Text {
    let mut kinds: Vec<char> = Vec::new();
    for c in value.chars().filter(|c| is_fullwidth(*c)) {
        if !kinds.contains(&c) {
            kinds.push(c);
        }
    }
    let Some(first) = kinds.first() else {
        return Text::default();
    };
    let name = super::cus::confusables::code_and_name(*first);
    let first = if *first == IDEOGRAPHIC_SPACE {
        name
    } else {
        format!("`{first}` {name}")
    };
    match kinds.len() - 1 {
        0 => Text::new(first.clone(), first),
        more => Text::new(
            format!("{first} and {more} more"),
            format!("{first} 等 {} 个", more + 1),
        ),
    }
}

/// The message of a code typed in full width: what it is, and what it reads as.
pub fn message(written: &str, ascii: &str) -> Text {
    let chars = named(written);
    let (en, zh) = (&chars.en, &chars.zh);
    text!(
        "`{written}` is typed in full-width characters ({en}): it looks like `{ascii}` and is not",
        "`{written}` 是全角字符（{zh}）：看起来像 `{ascii}`，实际不是"
    )
}

/// The help of a code typed in full width.
pub fn help() -> Text {
    text!(
        "a Chinese input method in full-width mode typed them; write the code in ASCII (half-width) letters and digits",
        "这是中文输入法在全角模式下输入的字符；请用半角（ASCII）字母和数字书写该代码"
    )
}

/// The description of the fix.
pub fn fix() -> Text {
    text!("write it in ASCII", "改为半角字符")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_forms_fold_to_ascii_and_are_named() {
        assert_eq!(ascii_of("ＣＰ ２８００９").as_deref(), Some("CP 28009"));
        assert_eq!(ascii_of("CP\u{3000}28009").as_deref(), Some("CP 28009"));
        assert_eq!(
            ascii_of("＋３４ ９１２ ３４５ ６７８").as_deref(),
            Some("+34 912 345 678")
        );
        assert_eq!(ascii_of("！～").as_deref(), Some("!~"));
        assert_eq!(ascii_of("CP 28009"), None);
        // Chinese text is not a full-width form.
        assert_eq!(ascii_of("马德里"), None);
        let named = named("ＣＰ ２８００９");
        assert_eq!(
            named.en,
            "`Ｃ` U+FF23 FULLWIDTH LATIN CAPITAL LETTER C and 5 more"
        );
        assert_eq!(
            named.zh,
            "`Ｃ` U+FF23 FULLWIDTH LATIN CAPITAL LETTER C 等 6 个"
        );
        assert_eq!(named_one("＋"), "`＋` U+FF0B FULLWIDTH PLUS SIGN");
    }

    fn named_one(value: &str) -> String {
        named(value).en
    }
}
