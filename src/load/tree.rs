//! A YAML document as a tree whose every node keeps its byte span ([`Node`]), and why a text
//! could not be read as one ([`ParseError`]). `load::yaml` builds it from the parser's events;
//! `load::saphyr` through serde-saphyr. Keys are always strings, so a key like `n` or `yes`
//! stays a key and never turns into a boolean.

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

/// Containers are reported at their start only (an empty span): widened to their first line's
/// content, so that a label on a list entry underlines something a reader can see.
pub(crate) fn widen_container(span: Range<usize>, kind: &Kind) -> Range<usize> {
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

/// A flow collection (`[ES, BR]`, `{a: 1}`) is reported at its opening bracket; widen it to its
/// closing one so that a label underlines the whole value.
pub(crate) fn widen_flow(node: &mut Node, text: &str) {
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
