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

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct FieldVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for FieldVisitor<T> {
            type Value = Field<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_none<E>(self) -> Result<Field<T>, E> {
                Ok(Field::Absent)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Field<T>, A::Error> {
                let span = read_span(&mut seq)?;
                // The problem is already recorded where it happened; recover here.
                Ok(match seq.next_element::<T>() {
                    Ok(Some(value)) => Field::Present(Sp { value, span }),
                    _ => Field::Invalid(span),
                })
            }
        }
        d.deserialize_newtype_struct(FIELD_MARKER, FieldVisitor(std::marker::PhantomData))
    }
}

/// One list entry: an empty one (`-` and nothing else) is reported, not silently skipped.
struct Item<T>(Option<Sp<T>>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Item<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ItemVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ItemVisitor<T> {
            type Value = Item<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list entry")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Item<T>, A::Error> {
                let span = read_span(&mut seq)?;
                Ok(Item(match seq.next_element::<T>() {
                    Ok(Some(value)) => Some(Sp { value, span }),
                    _ => None,
                }))
            }
        }
        d.deserialize_newtype_struct(ITEM_MARKER, ItemVisitor(std::marker::PhantomData))
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
