//! A document's bytes as text, and the mistakes a Chinese input method or a Windows editor
//! leaves in it: the encoding (UTF-16/UTF-32 with a byte order mark is read; GBK/GB18030 YAML is
//! named), and full-width punctuation where YAML needs its ASCII twin (a key's colon, a flow
//! collection's comma, quotes around a whole value, indentation). Full-width punctuation inside
//! ordinary text (a company name, an address) is text and is left alone.

use crate::code::Code::SUB002;
use crate::finding::{Finding, Place, Text};
use crate::source::{FileId, Span, Wide};
use std::ops::Range;

/// How a document's text was stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 after a byte order mark.
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Utf32Le,
    Utf32Be,
    /// GB18030 (GBK is a subset): `declarations.csv` only.
    Gb18030,
}

impl Encoding {
    /// How `--fix` writes the text back: `Some(None)` as UTF-8, `Some(Some(other))` in UTF-16,
    /// UTF-32 or GB18030 (a CSV saved by Excel on Chinese Windows; `--fix` writes it only when
    /// its text encodes back to exactly the bytes it was read from).
    pub fn stored(self) -> Option<Option<Wide>> {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => Some(None),
            Encoding::Utf16Le => Some(Some(Wide::Utf16Le)),
            Encoding::Utf16Be => Some(Some(Wide::Utf16Be)),
            Encoding::Utf32Le => Some(Some(Wide::Utf32Le)),
            Encoding::Utf32Be => Some(Some(Wide::Utf32Be)),
            Encoding::Gb18030 => Some(Some(Wide::Gb18030)),
        }
    }
}

/// What a document's bytes are.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    Text(String, Encoding),
    /// GBK/GB18030 text (Chinese Windows' default), in a document that must be UTF-8.
    Gbk,
    /// Not text in any encoding selfcheck reads.
    NotText,
}

/// Reads `bytes` as text: UTF-8 (a BOM is not part of the text), UTF-16 or UTF-32 after their
/// byte order mark, and for `csv` also GB18030/GBK. Another YAML document that reads as Chinese
/// GB18030 text is [`Decoded::Gbk`].
pub fn decode(bytes: &[u8], csv: bool) -> Decoded {
    let text = |s: Option<String>, e| s.map_or(Decoded::NotText, |s| Decoded::Text(s, e));
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE\0\0") {
        return text(utf32(rest, u32::from_le_bytes), Encoding::Utf32Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\0\0\xFE\xFF") {
        return text(utf32(rest, u32::from_be_bytes), Encoding::Utf32Be);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return text(
            std::str::from_utf8(rest).ok().map(str::to_owned),
            Encoding::Utf8Bom,
        );
    }
    for (bom, encoding, e) in [
        (b"\xFF\xFE", encoding_rs::UTF_16LE, Encoding::Utf16Le),
        (b"\xFE\xFF", encoding_rs::UTF_16BE, Encoding::Utf16Be),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let s = encoding
                .decode_without_bom_handling_and_without_replacement(rest)
                .map(|s| s.into_owned());
            return text(s, e);
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded::Text(s.to_owned(), Encoding::Utf8);
    }
    let gb = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes);
    match gb {
        Some(s) if csv => Decoded::Text(s.into_owned(), Encoding::Gb18030),
        // Chinese text, not bytes that happen to decode: a YAML document saved in GBK.
        Some(s) if s.chars().any(is_han) && !s.chars().any(is_binary) => Decoded::Gbk,
        _ => Decoded::NotText,
    }
}

fn utf32(bytes: &[u8], read: fn([u8; 4]) -> u32) -> Option<String> {
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    bytes
        .chunks_exact(4)
        .map(|c| char::from_u32(read([c[0], c[1], c[2], c[3]])))
        .collect()
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

fn is_binary(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// SUB002 for a YAML document saved in GBK/GB18030, with how to save it as UTF-8.
pub fn gbk_document(file: FileId, name: &str) -> Finding {
    Finding::new(
        SUB002,
        Place::File(file),
        text!(
            "`{name}` is saved in GBK/GB18030 (Chinese Windows' default encoding); YAML must be UTF-8",
            "`{name}` 以 GBK/GB18030 编码保存（中文 Windows 的默认编码）；YAML 必须是 UTF-8"
        ),
    )
    .help(text!(
        "save it as UTF-8: in Notepad, File → Save As → Encoding: UTF-8; in VS Code, “Save with Encoding” → UTF-8; or `iconv -f GB18030 -t UTF-8 {name} > {name}.utf8 && mv {name}.utf8 {name}`",
        "请另存为 UTF-8：记事本中选择“文件 → 另存为 → 编码：UTF-8”；VS Code 中选择“通过编码保存”→ UTF-8；或运行 `iconv -f GB18030 -t UTF-8 {name} > {name}.utf8 && mv {name}.utf8 {name}`"
    ))
}

// ---------------------------------------------------------------- full-width punctuation

/// A full-width character where YAML needs an ASCII one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mistake {
    /// The bytes to replace.
    pub range: Range<usize>,
    pub kind: MistakeKind,
    /// What to write instead.
    pub replacement: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MistakeKind {
    /// `：` after a key.
    Colon,
    /// `，` between the items of `[…]` or `{…}`.
    Comma,
    /// `“…”`, `‘…’` or `＂…＂` around a whole value.
    Quotes(char, char),
    /// U+3000 in the indentation.
    IdeographicSpace,
    /// U+3000 right after a key's colon.
    SpaceAfterColon,
}

/// The structural full-width punctuation of a YAML text, in text order. Lines inside a block
/// scalar (`|`, `>`) and full-width punctuation inside a value's text are not looked at.
pub fn fullwidth(text: &str) -> Vec<Mistake> {
    let mut found = Vec::new();
    if !holds_any(text, LOOKED_FOR) {
        return found;
    }
    // Inside a block scalar: the indentation of the line that opened it.
    let mut block: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let indent_len = content.len() - content.trim_start_matches([' ', '\t', '\u{3000}']).len();
        let indent = &content[..indent_len];
        let width: usize = indent
            .chars()
            .map(|c| if c == '\u{3000}' { 2 } else { 1 })
            .sum();
        let rest = &content[indent_len..];
        if let Some(n) = block {
            if rest.is_empty() || width > n {
                continue;
            }
            block = None;
        }
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        // From the first ideographic space to the last: the caret on them, not on the spaces.
        if let (Some(first), Some(last)) = (indent.find('\u{3000}'), indent.rfind('\u{3000}')) {
            let end = last + '\u{3000}'.len_utf8();
            found.push(Mistake {
                range: start + first..start + end,
                kind: MistakeKind::IdeographicSpace,
                replacement: indent[first..end].replace('\u{3000}', "  "),
            });
        }
        line_mistakes(rest, start + indent_len, &mut found, &mut block, width);
    }
    found
}

/// Every character [`fullwidth`] reports or starts a mistake at.
const LOOKED_FOR: &[char] = &['：', '\u{3000}', '“', '‘', '＂', '，'];

/// Whether `text` holds one of `chars` (each three bytes in UTF-8, led by 0xE2, 0xE3 or 0xEF):
/// a byte search, so that the many documents without any are passed over at once.
fn holds_any(text: &str, chars: &[char]) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(0xE2, 0xE3, 0xEF, bytes).any(|i| {
        chars.iter().any(|c| {
            let mut buf = [0; 4];
            bytes[i..].starts_with(c.encode_utf8(&mut buf).as_bytes())
        })
    })
}

/// The mistakes of one line's content after its indentation (`at`: where it starts).
fn line_mistakes(
    rest: &str,
    mut at: usize,
    found: &mut Vec<Mistake>,
    block: &mut Option<usize>,
    width: usize,
) {
    let mut rest = rest;
    // List markers.
    while let Some(r) = rest.strip_prefix('-') {
        if !(r.is_empty() || r.starts_with([' ', '\t'])) {
            break;
        }
        let r2 = r.trim_start_matches([' ', '\t']);
        at += rest.len() - r2.len();
        rest = r2;
    }
    // A key: ASCII letters, digits, `_` and `-`, then its colon.
    let key_len = rest
        .char_indices()
        .take_while(|&(i, c)| {
            c.is_ascii_alphanumeric() || c == '_' || (i > 0 && matches!(c, '-' | '.'))
        })
        .count();
    let mut value_at = None;
    if rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        let after_key = &rest[key_len..];
        let gap = after_key.len() - after_key.trim_start_matches([' ', '\t']).len();
        let colon_at = key_len + gap;
        let after = &rest[colon_at..];
        if let Some(value) = after.strip_prefix('：') {
            let spaced = value.is_empty() || value.starts_with([' ', '\t']);
            found.push(Mistake {
                range: at + colon_at..at + colon_at + '：'.len_utf8(),
                kind: MistakeKind::Colon,
                replacement: if spaced { ":" } else { ": " }.to_owned(),
            });
            value_at = Some(colon_at + '：'.len_utf8());
        } else if let Some(value) = after.strip_prefix(':')
            && (value.is_empty() || value.starts_with([' ', '\t', '\u{3000}']))
        {
            value_at = Some(colon_at + 1);
        }
        // Ideographic spaces right after the colon: YAML sees no space there.
        if let Some(v) = value_at {
            let run = rest[v..].len() - rest[v..].trim_start_matches('\u{3000}').len();
            if run > 0 {
                found.push(Mistake {
                    range: at + v..at + v + run,
                    kind: MistakeKind::SpaceAfterColon,
                    replacement: " ".to_owned(),
                });
                value_at = Some(v + run);
            }
        }
    }
    let value_at = value_at.unwrap_or(0);
    let value = &rest[value_at..];
    let lead = value.len() - value.trim_start_matches([' ', '\t']).len();
    let value = &value[lead..];
    let at = at + value_at + lead;
    if value.starts_with(['|', '>']) {
        *block = Some(width);
        return;
    }
    if let Some(m) = quoted(value, at) {
        found.push(m);
    } else if value.starts_with(['[', '{']) {
        flow_commas(value, at, found);
    }
}

/// Full-width quotes around a whole value, with its trailing comment allowed after them.
fn quoted(value: &str, at: usize) -> Option<Mistake> {
    let open = value.chars().next()?;
    let close = match open {
        '“' => '”',
        '‘' => '’',
        '＂' => '＂',
        _ => return None,
    };
    let body = &value[open.len_utf8()..];
    let end = body.rfind(close)?;
    let after = body[end + close.len_utf8()..].trim_start_matches([' ', '\t']);
    if !(after.is_empty() || after.starts_with('#')) {
        return None;
    }
    let inner = &body[..end];
    let replacement = if !inner.contains(['"', '\\']) {
        format!("\"{inner}\"")
    } else {
        format!("'{}'", inner.replace('\'', "''"))
    };
    Some(Mistake {
        range: at..at + open.len_utf8() + end + close.len_utf8(),
        kind: MistakeKind::Quotes(open, close),
        replacement,
    })
}

/// `，` between the items of a flow collection on one line (not inside a quoted item).
fn flow_commas(value: &str, at: usize, found: &mut Vec<Mistake>) {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in value.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return;
                }
            }
            (None, '#') if value[..i].ends_with([' ', '\t']) => return,
            (None, '，') if depth > 0 => found.push(Mistake {
                range: at + i..at + i + c.len_utf8(),
                kind: MistakeKind::Comma,
                replacement: ",".to_owned(),
            }),
            _ => {}
        }
    }
}

/// SUB002 at one structural full-width character, with its ASCII replacement as a safe fix.
pub fn fullwidth_finding(file: FileId, m: &Mistake) -> Finding {
    let span = Span::new(file, m.range.clone());
    let (message, help, fix) = match m.kind {
        MistakeKind::Colon => (
            text!(
                "full-width colon ： (U+FF1A) after the key; YAML needs the ASCII colon `:`",
                "键后是全角冒号 ：（U+FF1A）；YAML 需要半角冒号 `:`"
            ),
            text!(
                "a Chinese input method typed it; write `:` followed by a space",
                "这是中文输入法输入的全角字符；请改为半角 `:` 并在其后留一个空格"
            ),
            text!("write the ASCII colon", "改为半角冒号"),
        ),
        MistakeKind::Comma => (
            text!(
                "full-width comma ， (U+FF0C) between the items; YAML needs the ASCII comma `,`",
                "列表项之间是全角逗号 ，（U+FF0C）；YAML 需要半角逗号 `,`"
            ),
            text!(
                "a Chinese input method typed it; with `，` the items read as one text",
                "这是中文输入法输入的全角字符；用 `，` 分隔时各项会被读成一段文本"
            ),
            text!("write the ASCII comma", "改为半角逗号"),
        ),
        MistakeKind::Quotes(open, close) => {
            let (o, c) = (code_point(open), code_point(close));
            (
                text!(
                    "full-width quotes {open} {close} ({o}, {c}) around the value; YAML reads them as part of the text",
                    "值两侧是全角引号 {open} {close}（{o}、{c}）；YAML 会把它们当作文本的一部分"
                ),
                text!(
                    "a Chinese input method typed them; write ASCII quotes `\"`, or none",
                    "这是中文输入法输入的全角字符；请改用半角引号 `\"`，或不加引号"
                ),
                text!("write ASCII quotes", "改为半角引号"),
            )
        }
        MistakeKind::SpaceAfterColon => (
            text!(
                "ideographic space (U+3000) after the colon; YAML needs an ASCII space there",
                "冒号后是全角空格（U+3000）；YAML 要求此处为半角空格"
            ),
            text!(
                "a Chinese input method typed it; write one ASCII space after `:`",
                "这是中文输入法输入的全角空格；请在 `:` 后写一个半角空格"
            ),
            text!("write an ASCII space", "改为半角空格"),
        ),
        MistakeKind::IdeographicSpace => (
            text!(
                "ideographic space (U+3000) in the indentation; YAML indents with ASCII spaces",
                "缩进中有全角空格（U+3000）；YAML 只能用半角空格缩进"
            ),
            text!(
                "a Chinese input method typed it; indent with spaces (two for each full-width space)",
                "这是中文输入法输入的全角空格；请用半角空格缩进（每个全角空格换成两个半角空格）"
            ),
            text!("indent with ASCII spaces", "改为半角空格缩进"),
        ),
    };
    Finding::new(SUB002, span, message)
        .help(help)
        .fix(fix, m.replacement.clone())
}

fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// `new` written the way `original` (the source text of a scalar) was: in the same quotes, or
/// plain. `None` where a fix should not touch it: an alias, a tagged or anchored node, a block
/// scalar, a value over several lines, or a new value its quotes cannot hold as written.
pub fn requoted(original: &str, new: &str) -> Option<String> {
    if original.contains(['\n', '\r']) || original.starts_with(['*', '&', '!', '|', '>']) {
        return None;
    }
    match original.chars().next() {
        Some('\'') if !new.contains('\'') => Some(format!("'{new}'")),
        Some('"') if !new.contains(['"', '\\']) => Some(format!("\"{new}\"")),
        Some('\'' | '"') => None,
        _ => Some(new.to_owned()),
    }
}

/// The SUB002 title of a finding about one value rather than the whole document.
pub fn value_title() -> Text {
    text!("a value cannot be read", "值无法读取")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str) -> String {
        let mut out = text.to_owned();
        for m in fullwidth(text).iter().rev() {
            out.replace_range(m.range.clone(), &m.replacement);
        }
        out
    }

    #[test]
    fn documents_without_the_characters_are_passed_over_by_bytes() {
        for c in LOOKED_FOR {
            assert_eq!(c.len_utf8(), 3, "{c}");
            assert!(
                matches!(c.to_string().as_bytes()[0], 0xE2 | 0xE3 | 0xEF),
                "{c}"
            );
            assert!(holds_any(&format!("key: 公司{c}x"), LOOKED_FOR), "{c}");
        }
        // Neighbours in UTF-8 that are none of them.
        for text in ["名称：", "a: 「公司」", "a: ＂", "a: ”", "a: 、"] {
            let expected = text.chars().any(|c| LOOKED_FOR.contains(&c));
            assert_eq!(holds_any(text, LOOKED_FOR), expected, "{text}");
        }
        assert!(!holds_any(
            "entity_name: 广州市联创家居有限公司\n",
            LOOKED_FOR
        ));
    }

    #[test]
    fn structural_punctuation_is_found_and_replaced() {
        let text = "markets： [ES，BR, SA]\naddresses:\n  - city：Madrid\n    postal_code: “CP 28009”  # c\n\u{3000}\u{3000}region: x\n";
        let kinds: Vec<MistakeKind> = fullwidth(text).iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            [
                MistakeKind::Colon,
                MistakeKind::Comma,
                MistakeKind::Colon,
                MistakeKind::Quotes('“', '”'),
                MistakeKind::IdeographicSpace
            ]
        );
        assert_eq!(
            fixed(text),
            "markets: [ES,BR, SA]\naddresses:\n  - city: Madrid\n    postal_code: \"CP 28009\"  # c\n    region: x\n"
        );
        assert!(crate::load::yaml::parse(&fixed(text)).is_ok());
    }

    #[test]
    fn full_width_punctuation_inside_text_is_text() {
        for text in [
            "entity_name: 深圳市华彩（科技）有限公司\n",
            "street: 福田区深南大道1号，A座：3楼\n",
            "business_scope: 电子产品：研发，销售\n",
            "slogan: “华彩”牌电子产品\n",
            "notes: |\n  说明：一，二\n  key： x\nnext: 1\n",
            "name: \"[ES，BR]\"\n",
            "# comment： x\n",
        ] {
            assert_eq!(fullwidth(text), [], "{text}");
        }
        // An ideographic space after a colon, ASCII or full-width.
        let text = "city:\u{3000}Madrid\nregion：\u{3000}\u{3000}Madrid\n";
        let kinds: Vec<MistakeKind> = fullwidth(text).iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            [
                MistakeKind::SpaceAfterColon,
                MistakeKind::Colon,
                MistakeKind::SpaceAfterColon
            ]
        );
        assert_eq!(fixed(text), "city: Madrid\nregion:  Madrid\n");
        // After a block scalar, keys are looked at again.
        assert_eq!(fullwidth("notes: |\n  a：b\nnext： 1\n").len(), 1);
    }

    #[test]
    fn encodings() {
        let yaml = "entity_name: 深圳市华彩科技有限公司\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(yaml);
        assert_eq!(decode(&gbk, false), Decoded::Gbk);
        assert_eq!(
            decode(&gbk, true),
            Decoded::Text(yaml.to_owned(), Encoding::Gb18030)
        );
        let mut le = vec![0xFF, 0xFE];
        le.extend(yaml.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            decode(&le, false),
            Decoded::Text(yaml.to_owned(), Encoding::Utf16Le)
        );
        let mut be = vec![0xFE, 0xFF];
        be.extend(yaml.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(
            decode(&be, false),
            Decoded::Text(yaml.to_owned(), Encoding::Utf16Be)
        );
        let mut le32 = vec![0xFF, 0xFE, 0, 0];
        le32.extend(yaml.chars().flat_map(|c| (c as u32).to_le_bytes()));
        assert_eq!(
            decode(&le32, false),
            Decoded::Text(yaml.to_owned(), Encoding::Utf32Le)
        );
        let mut be32 = vec![0, 0, 0xFE, 0xFF];
        be32.extend(yaml.chars().flat_map(|c| (c as u32).to_be_bytes()));
        assert_eq!(
            decode(&be32, false),
            Decoded::Text(yaml.to_owned(), Encoding::Utf32Be)
        );
        assert_eq!(decode(&be32[..7], false), Decoded::NotText);
        for (bytes, wide) in [
            (&le, Wide::Utf16Le),
            (&be, Wide::Utf16Be),
            (&le32, Wide::Utf32Le),
            (&be32, Wide::Utf32Be),
        ] {
            assert_eq!(&wide.encode(yaml), bytes, "{wide:?}");
        }
        assert_eq!(
            decode(b"\xEF\xBB\xBFa: 1\n", false),
            Decoded::Text("a: 1\n".into(), Encoding::Utf8Bom)
        );
        assert_eq!(
            decode(&[0x89, b'P', b'N', b'G', 0, 0, 0xFF, 0xFE], false),
            Decoded::NotText
        );
    }

    #[test]
    fn requoting_keeps_the_quotes() {
        assert_eq!(requoted("a\\b", "a/b").as_deref(), Some("a/b"));
        assert_eq!(requoted("'a\\b'", "a/b").as_deref(), Some("'a/b'"));
        assert_eq!(requoted("\"a\\\\b\"", "a/b").as_deref(), Some("\"a/b\""));
        assert_eq!(requoted("*alias", "a/b"), None);
    }
}
