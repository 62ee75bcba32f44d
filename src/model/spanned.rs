//! Values that keep the span they were read from: [`Sp`], [`Field`] and [`List`].
//!
//! Their `Deserialize` impls ask the deserializer for a newtype struct named by one of the markers
//! below. A deserializer that knows a marker (the loader's, in `load::typed`) answers with a
//! sequence of four elements: the file id, the start and the end of the value's span, then the
//! value itself. A deserializer that does not know the markers cannot produce these types.

use crate::source::{FileId, Span};
use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};
use std::fmt;

/// Asks for an [`Sp`]: span, then the value.
pub const SP_MARKER: &str = "__selfcheck_spanned";
/// Asks for a [`Field`]: `none` when absent or null, else span, then the value.
pub const FIELD_MARKER: &str = "__selfcheck_field";
/// Asks for one list entry of a [`List`]: span, then the value.
pub const ITEM_MARKER: &str = "__selfcheck_item";

/// A value with the span it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

impl<T> std::ops::Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// An optional field: absent (or null), present with a value of the wrong type (already reported
/// as SUB002, so rules skip it), or present.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Field<T> {
    #[default]
    Absent,
    Invalid(Span),
    Present(Sp<T>),
}

impl<T> Field<T> {
    pub fn get(&self) -> Option<&Sp<T>> {
        match self {
            Field::Present(v) => Some(v),
            _ => None,
        }
    }

    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    pub fn is_invalid(&self) -> bool {
        matches!(self, Field::Invalid(_))
    }
}

/// A list whose entries that could not be read (reported as SUB002) are left out; `dropped`
/// counts them, so that a rule asking "does every market have an entry?" can stay silent rather
/// than report the same root cause a second time.
#[derive(Clone, Debug, PartialEq)]
pub struct List<T> {
    pub items: Vec<Sp<T>>,
    pub dropped: usize,
}

impl<T> Default for List<T> {
    fn default() -> Self {
        List {
            items: Vec::new(),
            dropped: 0,
        }
    }
}

impl<T> List<T> {
    pub fn iter(&self) -> std::slice::Iter<'_, Sp<T>> {
        self.items.iter()
    }

    /// Whether every entry could be read.
    pub fn is_complete(&self) -> bool {
        self.dropped == 0
    }
}

impl List<String> {
    /// The entries as written (trimmed), joined with `sep`: `ES, PL, MX`.
    pub fn written(&self, sep: &str) -> String {
        self.iter()
            .map(|item| item.value.trim())
            .collect::<Vec<_>>()
            .join(sep)
    }
}

fn read_span<'de, A: SeqAccess<'de>>(seq: &mut A) -> Result<Span, A::Error> {
    let mut next = || -> Result<u64, A::Error> {
        seq.next_element::<u64>()?
            .ok_or_else(|| de::Error::custom("span"))
    };
    let (file, start, end) = (next()?, next()?, next()?);
    Ok(Span {
        file: FileId(file as u32),
        start: start as u32,
        end: end as u32,
    })
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct SpVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for SpVisitor<T> {
            type Value = Sp<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Sp<T>, A::Error> {
                let span = read_span(&mut seq)?;
                let value = seq
                    .next_element::<T>()?
                    .ok_or_else(|| de::Error::custom("value"))?;
                Ok(Sp { value, span })
            }
        }
        d.deserialize_newtype_struct(SP_MARKER, SpVisitor(std::marker::PhantomData))
    }
}

/// Reads what a deserializer answers to [`FIELD_MARKER`] or [`ITEM_MARKER`]: `None` for an
/// absent value, else its span and the value, or `None` for a value that could not be read (the
/// problem is already recorded where it happened; the reader recovers here).
struct Recovering<T> {
    expecting: &'static str,
    value: std::marker::PhantomData<T>,
}

impl<T> Recovering<T> {
    fn read<'de, D: Deserializer<'de>>(
        d: D,
        marker: &'static str,
        expecting: &'static str,
    ) -> Result<Option<(Span, Option<T>)>, D::Error>
    where
        T: Deserialize<'de>,
    {
        let visitor = Recovering {
            expecting,
            value: std::marker::PhantomData,
        };
        d.deserialize_newtype_struct(marker, visitor)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Recovering<T> {
    type Value = Option<(Span, Option<T>)>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.expecting)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let span = read_span(&mut seq)?;
        Ok(Some((span, seq.next_element::<T>().ok().flatten())))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Recovering::read(d, FIELD_MARKER, "a value")? {
            None => Field::Absent,
            Some((span, Some(value))) => Field::Present(Sp { value, span }),
            Some((span, None)) => Field::Invalid(span),
        })
    }
}

/// One list entry: an empty one (`-` and nothing else) is reported, not silently skipped.
struct Item<T>(Option<Sp<T>>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Item<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let read = Recovering::read(d, ITEM_MARKER, "a list entry")?;
        Ok(Item(read.and_then(|(span, value)| {
            value.map(|value| Sp { value, span })
        })))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ListVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
            type Value = List<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<T>, A::Error> {
                let mut list = List::default();
                while let Some(item) = seq.next_element::<Item<T>>()? {
                    match item.0 {
                        Some(v) => list.items.push(v),
                        None => list.dropped += 1,
                    }
                }
                Ok(list)
            }
        }
        d.deserialize_seq(ListVisitor(std::marker::PhantomData))
    }
}
