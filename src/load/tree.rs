//! YAML text -> a tree whose every node keeps its byte span, parsed by serde-saphyr.
//!
//! serde-saphyr's `Spanned<T>` gives each node the place it is referenced from (an alias's place
//! for an aliased node) and the place it is defined. Keys are always read as strings, so a key
//! like `n` or `yes` stays a key and never turns into a boolean.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;
use std::ops::Range;

/// Limits applied while parsing one YAML document.
pub const MAX_NESTING: usize = 64;
pub const MAX_NODES: usize = 100_000;

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Where the node is referenced (for an alias: the alias).
    pub span: Range<usize>,
    /// Where its text is defined (for an alias: the anchored node).
    pub defined: Range<usize>,
    pub kind: Kind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub text: String,
    pub span: Range<usize>,
}

impl Node {
    /// The value of `key` in a mapping node.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    pub fn entry(&self, key: &str) -> Option<(&Key, &Node)> {
        match &self.kind {
            Kind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.text == key)
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "a boolean",
            Kind::Int(_) => "an integer",
            Kind::Float(_) => "a number",
            Kind::Str(_) => "a string",
            Kind::Seq(_) => "a list",
            Kind::Map(_) => "a mapping",
        }
    }
}

fn byte_range(loc: &serde_saphyr::Location) -> Range<usize> {
    let span = loc.span();
    let start = span.byte_offset().unwrap_or(0) as usize;
    start..start + span.byte_len().unwrap_or(0) as usize
}

/// Containers are reported at their start only (an empty span): widened to their first line's
/// content, so that a label on a list entry underlines something a reader can see.
pub(super) fn widen_container(span: Range<usize>, kind: &Kind) -> Range<usize> {
    if !span.is_empty() {
        return span;
    }
    match kind {
        Kind::Map(entries) => match entries.first() {
            Some((k, v)) => {
                let end = if matches!(v.kind, Kind::Map(_) | Kind::Seq(_)) {
                    k.span.end
                } else {
                    v.span.end.max(k.span.end)
                };
                k.span.start.min(span.start)..end
            }
            None => span,
        },
        Kind::Seq(items) => items.first().map_or(span, |first| first.span.clone()),
        _ => span,
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<Kind>::deserialize(d)?;
        let mut span = byte_range(&s.referenced);
        let defined = byte_range(&s.defined);
        if s.referenced == s.defined {
            span = widen_container(span, &s.value);
        }
        Ok(Node {
            span,
            defined,
            kind: s.value,
        })
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<String>::deserialize(d)?;
        Ok(Key {
            text: s.value,
            span: byte_range(&s.referenced),
        })
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KindVisitor;
        impl<'de> Visitor<'de> for KindVisitor {
            type Value = Kind;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_unit<E>(self) -> Result<Kind, E> {
                Ok(Kind::Null)
            }
            fn visit_none<E>(self) -> Result<Kind, E> {
                Ok(Kind::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Kind, D::Error> {
                Kind::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Kind, E> {
                Ok(Kind::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Kind, E> {
                Ok(Kind::Int(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Kind, E> {
                Ok(Kind::Int(v.into()))
            }
            fn visit_i128<E>(self, v: i128) -> Result<Kind, E> {
                Ok(Kind::Int(v))
            }
            fn visit_u128<E>(self, v: u128) -> Result<Kind, E> {
                Ok(i128::try_from(v).map_or(Kind::Float(v as f64), Kind::Int))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Kind, E> {
                Ok(Kind::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Kind, E> {
                Ok(Kind::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Kind, E> {
                Ok(Kind::Str(v))
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Kind, E> {
                Ok(Kind::Str(String::from_utf8_lossy(v).into_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Kind, A::Error> {
                let mut items = Vec::new();
                while let Some(n) = a.next_element::<Node>()? {
                    items.push(n);
                }
                Ok(Kind::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Kind, A::Error> {
                let mut entries = Vec::new();
                while let Some(k) = a.next_key::<Key>()? {
                    let v = a.next_value::<Node>()?;
                    entries.push((k, v));
                }
                Ok(Kind::Map(entries))
            }
        }
        d.deserialize_any(KindVisitor)
    }
}

/// Why a YAML text could not be read as one document.
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub kind: ParseErrorKind,
    /// Byte offset of the problem, when known.
    pub offset: Option<usize>,
    /// The parser's own message, in English. Never shown: messages come from [`ParseErrorKind`]
    /// in both languages; this is for debugging.
    pub detail: String,
    /// The key that appears twice ([`ParseErrorKind::DuplicateKey`]), when the parser names it.
    pub key: Option<String>,
}

/// What is wrong, as selfcheck names it in both languages (`load::sub::yaml_error`): the
/// parser's errors mapped to the mistakes a person makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// A key appears twice in one mapping.
    DuplicateKey,
    /// More than one document (`---`).
    MultipleDocuments,
    /// Alias expansion beyond [`MAX_NODES`].
    TooManyNodes,
    /// Nesting deeper than [`MAX_NESTING`].
    TooDeep,
    /// A quoted value whose closing quote is missing.
    UnclosedQuote,
    /// A `[` or `{` that is never closed.
    UnclosedBracket(char),
    /// A `[` closed by `}`, or a `{` by `]`.
    MismatchedBracket { open: char, close: char },
    /// A `]` or `}` that closes nothing.
    StrayBracket,
    /// A tab used to indent: YAML indents with spaces only.
    Tab,
    /// A line indented where nothing can start at that depth.
    Indentation,
    /// A key without its `:` (a line holding a word and no colon).
    MissingColon,
    /// A `key: value` where a mapping cannot start: a value holding `: `, or a line indented
    /// under a value.
    MappingNotAllowed,
    /// A `:` inside `[…]` or `{…}` where it cannot stand (often a bracket left open).
    ColonInBrackets,
    /// A list entry (`- `) where the mapping's keys go, or a key where list entries go.
    ListAndMappingMixed,
    /// A character YAML reserves (`@`, `` ` ``) at the start of a value.
    ReservedCharacter(char),
    /// An alias (`*name`) whose anchor (`&name`) is not defined before it.
    UnknownAnchor,
    /// A backslash escape a double-quoted value does not allow.
    BadEscape,
    /// A `#` comment directly after a value, without a space before it.
    CommentNotSeparated,
    /// The text ends in the middle of a value or collection.
    UnexpectedEnd,
    /// A `<<` merge of something that is not a mapping.
    BadMerge,
    /// Anything else the parser refuses.
    Other,
}

/// Parses `text` as one YAML document into its span tree, from the parser's events
/// ([`super::events`]).
pub fn parse(text: &str) -> Result<Node, ParseError> {
    super::events::parse(text)
}

/// The same tree through serde-saphyr's `Spanned<T>`: the reference the event builder is
/// tested against, and the path that decides every document the event builder leaves to it
/// (errors, anchors and aliases, tags, limits), with the same errors as ever.
pub(crate) fn parse_serde(text: &str) -> Result<Node, ParseError> {
    let mut budget = serde_saphyr::budget::Budget::default();
    budget.max_depth = MAX_NESTING;
    budget.max_nodes = MAX_NODES;
    budget.max_documents = 2;
    // `.nan` and `.inf` reach the typed reader, which reports them at the value (SUB002) instead
    // of failing the whole document.
    let options = serde_saphyr::options! {
        budget: Some(budget),
        with_snippet: false,
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::PassThrough,
    };
    let parsed = serde_saphyr::from_str_with_options::<Node>(text, options).map(|mut root| {
        widen_flow(&mut root, text);
        root
    });
    parsed.map_err(|e| {
        let e = e.without_snippet();
        let detail = e.to_string();
        let (kind, key) = classify(e);
        let offset = e.location().and_then(|l| {
            let sp = l.span();
            sp.byte_offset().map(|o| o as usize).or_else(|| {
                // Fall back to line and column.
                let (line, col) = (l.line() as usize, l.column() as usize);
                if line == 0 {
                    return None;
                }
                let start: usize = text
                    .split_inclusive('\n')
                    .take(line - 1)
                    .map(str::len)
                    .sum();
                let line_text = text[start.min(text.len())..].lines().next().unwrap_or("");
                let col_bytes: usize = line_text
                    .chars()
                    .take(col.saturating_sub(1))
                    .map(char::len_utf8)
                    .sum();
                Some(start + col_bytes)
            })
        });
        ParseError {
            kind,
            offset: offset.map(|o| o.min(text.len())),
            detail: strip_location_prefix(&detail),
            key,
        }
    })
}

/// The kind of a parser error, from serde-saphyr's error and the scanner's error kind under it
/// (never from the wording of their English messages); the duplicate key, when named.
fn classify(e: &serde_saphyr::Error) -> (ParseErrorKind, Option<String>) {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach;
    use serde_saphyr::localizer::ExternalMessageSource;
    let kind = match e {
        E::DuplicateMappingKey { key, .. } => {
            return (ParseErrorKind::DuplicateKey, key.clone());
        }
        E::WithSnippet { error, .. } | E::AliasError { error, .. } => return classify(error),
        E::ExternalMessage { source, .. } => match &**source {
            ExternalMessageSource::Parser(scan) => scan_kind(scan.kind()),
            _ => ParseErrorKind::Other,
        },
        E::MultipleDocuments { .. } => ParseErrorKind::MultipleDocuments,
        E::Budget { breach, .. } => match breach {
            BudgetBreach::Depth { .. } => ParseErrorKind::TooDeep,
            BudgetBreach::Documents { .. } => ParseErrorKind::MultipleDocuments,
            _ => ParseErrorKind::TooManyNodes,
        },
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => ParseErrorKind::TooManyNodes,
        E::AliasReplayStackDepthExceeded { .. } => ParseErrorKind::TooDeep,
        E::UnknownAnchor { .. } => ParseErrorKind::UnknownAnchor,
        E::Eof { .. } => ParseErrorKind::UnexpectedEnd,
        E::MergeValueNotMapOrSeqOfMaps { .. } => ParseErrorKind::BadMerge,
        E::IndentationError { .. } | E::FoldedBlockScalarMustIndentContent { .. } => {
            ParseErrorKind::Indentation
        }
        _ => ParseErrorKind::Other,
    };
    (kind, None)
}

/// The kind of a scanner error.
fn scan_kind(kind: &serde_saphyr::granit_parser::ErrorKind) -> ParseErrorKind {
    use ParseErrorKind as P;
    use serde_saphyr::granit_parser::ErrorKind as S;
    match kind {
        S::UnclosedQuotedScalar
        | S::InvalidQuotedScalarIndent
        | S::DocumentIndicatorInQuotedScalar => P::UnclosedQuote,
        S::UnclosedFlowCollection { open } => P::UnclosedBracket(*open),
        S::UnexpectedEofFlowSequence => P::UnclosedBracket('['),
        S::UnexpectedEofFlowMapping | S::UnexpectedEofImplicitFlowMapping => {
            P::UnclosedBracket('{')
        }
        S::MismatchedFlowCollectionEnd { open, close } => P::MismatchedBracket {
            open: *open,
            close: *close,
        },
        S::MisplacedFlowCollectionEnd => P::StrayBracket,
        S::TabNotAllowed
        | S::TabInBlockIndentation
        | S::TabInIndentation
        | S::TabInPlainScalar
        | S::TabAtBlockScalarStart => P::Tab,
        S::InvalidIndentation
        | S::ExpectedBlockMappingKey
        | S::InvalidBlockScalarIndent
        | S::InvalidFlowScalarIndent
        | S::ZeroBlockScalarIndent => P::Indentation,
        S::SimpleKeyExpected | S::InvalidSimpleKey => P::MissingColon,
        S::MappingValueNotAllowed | S::MappingKeyNotAllowed | S::InvalidMappingValueWhitespace => {
            P::MappingNotAllowed
        }
        S::InvalidColonPlacement
        | S::FlowMappingValueAdjacentCollection
        | S::ExpectedFlowMappingSeparator
        | S::ExpectedFlowSequenceSeparator => P::ColonInBrackets,
        S::ExpectedBlockSequenceEntry
        | S::BlockSequenceEntryNotAllowed
        | S::BlockEntryInFlowCollection => P::ListAndMappingMixed,
        S::UnexpectedCharacter { character } => P::ReservedCharacter(*character),
        S::UnknownAnchor => P::UnknownAnchor,
        S::UnknownQuotedScalarEscape
        | S::InvalidQuotedScalarHexEscape
        | S::InvalidLowSurrogateHexEscape
        | S::InvalidLowSurrogate
        | S::MissingLowSurrogate
        | S::UnpairedLowSurrogate
        | S::InvalidUnicodeEscape => P::BadEscape,
        S::CommentNotSeparated | S::CommentInterceptedScalar => P::CommentNotSeparated,
        S::UnexpectedEofBlockSequence | S::UnexpectedEofBlockMapping | S::UnexpectedEof => {
            P::UnexpectedEnd
        }
        S::RecursionLimitExceeded => P::TooDeep,
        _ => P::Other,
    }
}

/// A flow collection (`[ES, BR]`, `{a: 1}`) is reported at its opening bracket; widen it to its
/// closing one so that a label underlines the whole value.
pub(super) fn widen_flow(node: &mut Node, text: &str) {
    let (open, close) = match text.as_bytes().get(node.span.start) {
        Some(b'[') => (b'[', b']'),
        Some(b'{') => (b'{', b'}'),
        _ => (0, 0),
    };
    let last_end = match &mut node.kind {
        Kind::Seq(items) => {
            items.iter_mut().for_each(|n| widen_flow(n, text));
            items.last().map(|n| n.span.end)
        }
        Kind::Map(entries) => {
            entries.iter_mut().for_each(|(_, v)| widen_flow(v, text));
            entries.last().map(|(k, v)| v.span.end.max(k.span.end))
        }
        _ => return,
    };
    if open == 0 || node.span != node.defined {
        return;
    }
    let from = last_end
        .unwrap_or(node.span.start + 1)
        .max(node.span.start + 1);
    let closing = text
        .get(from..)
        .and_then(|rest| rest.bytes().position(|b| b == close))
        .map(|i| from + i + 1);
    if let Some(end) = closing {
        node.span.end = end;
        node.defined.end = end;
    }
}

/// serde-saphyr's messages start with `error: line L column C: `; the finding has its own place.
/// Advice meant for programmers using the library (`set DuplicateKeyPolicy…`) is cut off.
fn strip_location_prefix(s: &str) -> String {
    let s = s.trim_start_matches("error: ");
    let s = match s.find(": ") {
        Some(i) if s.starts_with("line ") => &s[i + 2..],
        _ => s,
    };
    let s = s.lines().next().unwrap_or("");
    let s = s.split(", set DuplicateKeyPolicy").next().unwrap_or(s);
    if s.contains("Option<") || s.contains("Options") {
        return "a key or value the document format does not allow here".to_owned();
    }
    s.trim_end_matches([',', ' ']).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_stay_strings_and_values_keep_spans() {
        let text = "n: 1\npostal: 01310100\nq: \"CP 28009\"\n";
        let root = parse(text).unwrap();
        let (k, v) = root.entry("n").unwrap();
        assert_eq!(&text[k.span.clone()], "n");
        assert_eq!(v.kind, Kind::Int(1));
        assert_eq!(&text[root.get("postal").unwrap().span.clone()], "01310100");
        assert_eq!(&text[root.get("q").unwrap().span.clone()], "\"CP 28009\"");
    }

    #[test]
    fn flow_collections_span_to_their_closing_bracket() {
        let text = "markets: [ES, BR]\nx: {a: [1], b: 2}\n";
        let root = parse(text).unwrap();
        assert_eq!(&text[root.get("markets").unwrap().span.clone()], "[ES, BR]");
        let x = root.get("x").unwrap();
        assert_eq!(&text[x.span.clone()], "{a: [1], b: 2}");
        assert_eq!(&text[x.get("a").unwrap().span.clone()], "[1]");
    }

    #[test]
    fn errors_are_classified() {
        assert_eq!(
            parse("a: 1\na: 2\n").unwrap_err().kind,
            ParseErrorKind::DuplicateKey
        );
        assert_eq!(
            parse("a: 1\n---\nb: 2\n").unwrap_err().kind,
            ParseErrorKind::MultipleDocuments
        );
        let deep = format!("a: {}{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(parse(&deep).unwrap_err().kind, ParseErrorKind::TooDeep);
        let err = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::ColonInBrackets);
        assert!(err.offset.is_some());
    }

    /// The parser's errors as the mistakes a person makes, from its error kinds.
    #[test]
    fn syntax_errors_are_named_by_their_mistake() {
        use ParseErrorKind as K;
        for (text, kind) in [
            ("a: 1\na: 2\n", K::DuplicateKey),
            ("a: \"abc\n", K::UnclosedQuote),
            ("a: {b: 1\n", K::UnclosedBracket('{')),
            (
                "a: [1}\n",
                K::MismatchedBracket {
                    open: '[',
                    close: '}',
                },
            ),
            ("a:\n\tb: 1\n", K::Tab),
            ("a: 1 # c\nb #c\n", K::MissingColon),
            ("a: b: c\n", K::MappingNotAllowed),
            ("- a\nb: 1\n", K::ListAndMappingMixed),
            ("a: @x\n", K::ReservedCharacter('@')),
            ("a: *x\n", K::UnknownAnchor),
            ("a: \"\\q\"\n", K::BadEscape),
            ("a: |0\n  x\n", K::Indentation),
        ] {
            assert_eq!(parse(text).map_err(|e| e.kind), Err(kind), "{text:?}");
        }
        assert_eq!(parse("a: 1\na: 2\n").unwrap_err().key.as_deref(), Some("a"));
    }
}
