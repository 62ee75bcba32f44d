//! YAML text to its span tree through serde-saphyr's `Spanned<T>`, which gives each node the
//! place it is referenced from (an alias's place for an aliased node) and the place it is
//! defined: the reference `load::yaml` is tested against, and the path that decides every
//! document the event builder leaves to it (errors, anchors and aliases, tags, limits), with the
//! same errors as ever.

use super::tree::{
    Key, Kind, MAX_NESTING, MAX_NODES, Node, ParseError, ParseErrorKind, widen_container,
    widen_flow,
};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;
use std::ops::Range;

fn byte_range(loc: &serde_saphyr::Location) -> Range<usize> {
    let span = loc.span();
    let start = span.byte_offset().unwrap_or(0) as usize;
    start..start + span.byte_len().unwrap_or(0) as usize
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

/// The same tree through serde-saphyr's `Spanned<T>`: the reference the event builder is
/// tested against, and the path that decides every document the event builder leaves to it
/// (errors, anchors and aliases, tags, limits), with the same errors as ever.
pub(crate) fn parse(text: &str) -> Result<Node, ParseError> {
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
