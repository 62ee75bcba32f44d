//! The span tree -> typed documents, with serde's derive doing the field work.
//!
//! A small serde `Deserializer` walks a [`Node`] tree. It records every problem at the node where
//! it happens (a wrong value type, a missing identifying key, an unknown key with the closest known
//! name taken from serde's own field list) and lets [`Field`] and [`List`] recover, so one bad value
//! never hides the rest of its document.

use super::tree::{Kind, Node};
use crate::finding::Text;
use crate::model::spanned::{FIELD_MARKER, ITEM_MARKER, SP_MARKER};
use crate::source::{FileId, Span};
use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess,
    Unexpected, Visitor,
};
use std::cell::RefCell;
use std::fmt;
use std::ops::Range;

/// The spanned value types live in the model; re-exported here for the loader's users.
pub use crate::model::{Field, List, Sp};

/// A problem found while reading a document into its types.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub span: Range<usize>,
    pub kind: ProblemKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ProblemKind {
    /// SUB002: a value of the wrong type or outside its allowed values.
    WrongValue { expected: Text, found: Text },
    /// SUB002: an entry without the key that identifies it.
    MissingKey(&'static str),
    /// SUB003: a key the document type does not know.
    UnknownKey {
        key: String,
        suggestion: Option<&'static str>,
    },
    /// SUB002: a list entry with nothing in it.
    EmptyEntry,
}

/// Reads a parsed tree into `T`, returning what it could read and every problem met.
pub fn read<'de, T: Deserialize<'de>>(
    file: FileId,
    text: &str,
    root: &Node,
) -> (Option<T>, Vec<Problem>) {
    let cx = Cx {
        file,
        text,
        problems: RefCell::new(Vec::new()),
    };
    let value = T::deserialize(TreeDe {
        node: root,
        cx: &cx,
    })
    .ok();
    let mut problems = cx.problems.into_inner();
    // An aliased node is read once per alias; report each place once.
    let mut seen = std::collections::HashSet::new();
    problems.retain(|p| seen.insert((p.span.clone(), format!("{:?}", p.kind))));
    (value, problems)
}

struct Cx<'t> {
    file: FileId,
    text: &'t str,
    problems: RefCell<Vec<Problem>>,
}

#[derive(Debug)]
pub struct DeError {
    kind: ProblemKind,
    recorded: bool,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.kind)
    }
}

impl std::error::Error for DeError {}

impl DeError {
    fn wrong(expected: Text, found: Text) -> DeError {
        DeError {
            kind: ProblemKind::WrongValue { expected, found },
            recorded: false,
        }
    }
}

impl de::Error for DeError {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        let msg = msg.to_string();
        DeError::wrong(text!("{msg}", "{msg}"), Text::default())
    }

    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DeError::wrong(
            describe_expected(&exp.to_string()),
            describe_unexpected(&unexp),
        )
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Self::invalid_type(unexp, exp)
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let list = expected
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ");
        DeError::wrong(
            text!("one of {list}", "以下之一：{list}"),
            text!("`{variant}`", "`{variant}`"),
        )
    }

    fn missing_field(field: &'static str) -> Self {
        DeError {
            kind: ProblemKind::MissingKey(field),
            recorded: false,
        }
    }
}

/// Plain-language names for what serde's visitors expect.
fn describe_expected(exp: &str) -> Text {
    match exp {
        "i8" | "i16" | "i32" | "i64" | "i128" | "u8" | "u16" | "u32" | "u64" | "u128" => {
            text!("a whole number", "整数")
        }
        "f32" | "f64" => text!("a number", "数字"),
        "a boolean" => text!("`true` or `false`", "`true` 或 `false`"),
        "a string" => text!("text", "文本"),
        "a sequence" | "a list" => text!("a list", "列表"),
        _ if exp.starts_with("struct ") || exp == "a map" => text!("a mapping of keys", "键值映射"),
        _ => match EXPECTED_ZH.iter().find(|(en, _)| *en == exp) {
            Some((_, zh)) => text!("{exp}", "{zh}"),
            None => text!("{exp}", "{exp}"),
        },
    }
}

/// The `expecting` texts of the product's own value types, in Chinese.
pub const EXPECTED_ZH: &[(&str, &str)] = &[
    ("a date written YYYY-MM-DD", "YYYY-MM-DD 格式的日期"),
    (
        "a percentage such as 97.2 or \"97.2%\"",
        "百分数，如 97.2 或 \"97.2%\"",
    ),
    ("a date or `long-term`", "日期或 `long-term`（长期）"),
    (crate::model::PERCENT_RANGE, "0 到 100 之间的百分数"),
    (
        crate::date::DATE_RANGE,
        "1900-01-01 至 2199-12-31 之间的日期",
    ),
    (crate::model::NOT_NEGATIVE, "不小于 0 的数"),
    ("a list or a single value", "列表或单个值"),
];

fn describe_unexpected(u: &Unexpected<'_>) -> Text {
    match u {
        Unexpected::Str(s) => text!("the text \"{s}\"", "文本 \"{s}\""),
        Unexpected::Signed(n) => text!("the number {n}", "数字 {n}"),
        Unexpected::Unsigned(n) => text!("the number {n}", "数字 {n}"),
        Unexpected::Float(n) if n.is_nan() => text!("`.nan` (not a number)", "`.nan`（非数字）"),
        Unexpected::Float(n) if n.is_infinite() => text!("an infinite number", "无穷大"),
        Unexpected::Float(n) => text!("the number {n}", "数字 {n}"),
        Unexpected::Bool(b) => text!("`{b}`", "`{b}`"),
        Unexpected::Seq => text!("a list", "列表"),
        Unexpected::Map => text!("a mapping", "映射"),
        Unexpected::Unit => text!("nothing", "空值"),
        other => text!("{other}", "{other}"),
    }
}

#[derive(Clone, Copy)]
struct TreeDe<'a> {
    node: &'a Node,
    cx: &'a Cx<'a>,
}

impl<'a> TreeDe<'a> {
    fn record<T>(&self, r: Result<T, DeError>) -> Result<T, DeError> {
        r.map_err(|mut e| {
            if !e.recorded {
                self.cx.problems.borrow_mut().push(Problem {
                    span: self.node.span.clone(),
                    kind: e.kind.clone(),
                });
                e.recorded = true;
            }
            e
        })
    }

    fn span(&self) -> Span {
        Span::new(self.cx.file, self.node.span.clone())
    }

    /// The text of a scalar as written, for fields that want text: `01310100` stays `01310100`.
    fn scalar_text(&self) -> Option<String> {
        match &self.node.kind {
            Kind::Str(s) => Some(s.clone()),
            Kind::Int(_) | Kind::Float(_) | Kind::Bool(_) => {
                let raw = self
                    .cx
                    .text
                    .get(self.node.defined.clone())
                    .unwrap_or("")
                    .trim();
                Some(raw.to_owned()).filter(|r| !r.is_empty() && !r.starts_with(['*', '&', '!']))
            }
            _ => None,
        }
    }
}

impl<'de, 'a> Deserializer<'de> for TreeDe<'a> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        let r = match &self.node.kind {
            Kind::Null => v.visit_unit(),
            Kind::Bool(b) => v.visit_bool(*b),
            Kind::Int(i) => match i64::try_from(*i) {
                Ok(i) => v.visit_i64(i),
                Err(_) => v.visit_i128(*i),
            },
            Kind::Float(f) => v.visit_f64(*f),
            Kind::Str(s) => v.visit_str(s),
            Kind::Seq(items) => v.visit_seq(SeqDe {
                items: items.iter(),
                cx: self.cx,
            }),
            Kind::Map(entries) => v.visit_map(MapDe {
                entries: entries.iter(),
                value: None,
                cx: self.cx,
            }),
        };
        self.record(r)
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match self.scalar_text() {
            Some(s) => {
                let r = v.visit_str(&s);
                self.record(r)
            }
            None => self.deserialize_any(v),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_str(v)
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match self.node.kind {
            Kind::Null => v.visit_none(),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, DeError> {
        match name {
            FIELD_MARKER if matches!(self.node.kind, Kind::Null) => v.visit_none(),
            ITEM_MARKER if matches!(self.node.kind, Kind::Null) => {
                let empty = DeError {
                    kind: ProblemKind::EmptyEntry,
                    recorded: false,
                };
                self.record(Err(empty))
            }
            SP_MARKER | FIELD_MARKER | ITEM_MARKER => v.visit_seq(SpanSeq { de: self, index: 0 }),
            _ => v.visit_newtype_struct(self),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        // A list or a scalar where a mapping of keys belongs is a wrong type; serde's derive would
        // otherwise read a list's items as the fields in order.
        let found = match &self.node.kind {
            Kind::Map(_) | Kind::Null => None,
            Kind::Seq(_) => Some(Unexpected::Seq),
            Kind::Str(s) => Some(Unexpected::Str(s)),
            Kind::Bool(b) => Some(Unexpected::Bool(*b)),
            Kind::Int(i) => Some(Unexpected::Signed(i64::try_from(*i).unwrap_or(i64::MAX))),
            Kind::Float(f) => Some(Unexpected::Float(*f)),
        };
        if let Some(found) = found {
            return self.record(Err(de::Error::invalid_type(found, &"a map")));
        }
        if let Kind::Map(entries) = &self.node.kind {
            for (key, _) in entries {
                if !fields.contains(&key.text.as_str()) {
                    self.cx.problems.borrow_mut().push(Problem {
                        span: key.span.clone(),
                        kind: ProblemKind::UnknownKey {
                            key: key.text.clone(),
                            suggestion: closest(&key.text, fields),
                        },
                    });
                }
            }
        }
        self.deserialize_any(v)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        match self.scalar_text() {
            Some(s) => {
                let r = v.visit_enum(s.as_str().into_deserializer());
                self.record(r)
            }
            None => self.deserialize_any(v),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        v.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit
        unit_struct seq tuple tuple_struct map identifier
    }
}

/// How a mistyped name is compared with the known ones in [`closest_by`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Likeness {
    /// Field, header and document names: Jaro-Winkler similarity of at least 0.8; the most
    /// similar wins.
    Name,
    /// Rule codes and prefixes: at most two edits (Levenshtein) from the upper-cased input; the
    /// fewest edits win, then the first in alphabetical order.
    Code,
}

/// The closest known name to an unknown key, when it is close enough to be a likely typo.
pub fn closest<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    closest_by(key, known.iter().copied(), Likeness::Name)
}

/// The one "did you mean" of the crate: the known name closest to `key` under `likeness`, when
/// it is close enough to be a likely typo.
pub fn closest_by<'a>(
    key: &str,
    known: impl IntoIterator<Item = &'a str>,
    likeness: Likeness,
) -> Option<&'a str> {
    match likeness {
        Likeness::Name => known
            .into_iter()
            .map(|k| (strsim::jaro_winkler(key, k), k))
            .filter(|(score, _)| *score >= 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, k)| k),
        Likeness::Code => {
            let key = key.to_uppercase();
            known
                .into_iter()
                .map(|k| (strsim::levenshtein(k, &key), k))
                .filter(|(d, _)| *d <= 2)
                .min()
                .map(|(_, k)| k)
        }
    }
}

struct SeqDe<'a> {
    items: std::slice::Iter<'a, Node>,
    cx: &'a Cx<'a>,
}

impl<'de> SeqAccess<'de> for SeqDe<'_> {
    type Error = DeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            Some(node) => seed.deserialize(TreeDe { node, cx: self.cx }).map(Some),
            None => Ok(None),
        }
    }
}

struct MapDe<'a> {
    entries: std::slice::Iter<'a, (super::tree::Key, Node)>,
    value: Option<&'a Node>,
    cx: &'a Cx<'a>,
}

impl<'de> MapAccess<'de> for MapDe<'_> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.entries.next() {
            Some((k, v)) => {
                self.value = Some(v);
                seed.deserialize(k.text.as_str().into_deserializer())
                    .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        match self.value.take() {
            Some(node) => seed.deserialize(TreeDe { node, cx: self.cx }),
            None => Err(de::Error::custom("value without a key")),
        }
    }
}

/// Hands a [`Sp`] or [`Field`] its file, start, end and then the value itself.
struct SpanSeq<'a> {
    de: TreeDe<'a>,
    index: u8,
}

impl<'de> SeqAccess<'de> for SpanSeq<'_> {
    type Error = DeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let span = self.de.span();
        self.index += 1;
        let n = match self.index {
            1 => u64::from(span.file.0),
            2 => u64::from(span.start),
            3 => u64::from(span.end),
            // An error raised after the value's own visitor (a custom check) is recorded here,
            // at the value.
            4 => return self.de.record(seed.deserialize(self.de)).map(Some),
            _ => return Ok(None),
        };
        seed.deserialize(n.into_deserializer()).map(Some)
    }
}

/// The field names serde's derive gives a struct, read by asking it to deserialize.
pub fn struct_fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct Probe<'a>(&'a mut &'static [&'static str]);
    impl<'de> Deserializer<'de> for Probe<'_> {
        type Error = DeError;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, DeError> {
            Err(de::Error::custom("probe"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, DeError> {
            *self.0 = fields;
            Err(de::Error::custom("probe"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

/// SUB002 for a date written `2026/10/28` or `20261028` (as customs tools and the CSV write
/// them) where YAML takes `YYYY-MM-DD`: "write `2026-10-28`", with that as a safe fix. `None`
/// for any other problem.
pub fn date_written_otherwise(
    file: FileId,
    text: &str,
    p: &Problem,
) -> Option<crate::finding::Finding> {
    let ProblemKind::WrongValue { expected, .. } = &p.kind else {
        return None;
    };
    if !expected.en.starts_with("a date") {
        return None;
    }
    let written = text.get(p.span.clone())?;
    let bare = written.trim_matches(|c| c == '"' || c == '\'');
    let date = crate::model::Date::read_written(bare).filter(|d| d.in_range())?;
    let iso = date.to_string();
    // Written as YAML takes it already: the problem is another one (its range).
    if iso == bare {
        return None;
    }
    let replacement = super::text::requoted(written, &iso)?;
    let finding = crate::finding::Finding::new(
        crate::code::Code::SUB002,
        Span::new(file, p.span.clone()),
        text!(
            "`{bare}` is not a date YAML reads: write `{iso}`",
            "`{bare}` 不是 YAML 能读取的日期：请写作 `{iso}`"
        ),
    )
    .title(super::text::value_title())
    .help(text!(
        "dates in the YAML documents are written YYYY-MM-DD (`declarations.csv` also takes YYYY/MM/DD)",
        "YAML 文档中的日期写作 YYYY-MM-DD（`declarations.csv` 也接受 YYYY/MM/DD）"
    ))
    .fix(
        text!("write the date as YYYY-MM-DD", "改为 YYYY-MM-DD 格式"),
        replacement,
    );
    Some(finding)
}
