//! libphonenumber's metadata, decoded region by region as RET007 meets the regions.
//!
//! The `phonenumber` crate loads its whole database at the first use (254 regions, every pattern
//! checked: about 70 ms, most of a one-submission lint). The build script writes the same
//! database, taken from the crate, one region at a time (`build/phone.rs`); here each region is
//! decoded into the crate's own types the first time it is asked for, once a process. A
//! submission without a phone number to judge decodes nothing.
//!
//! Each function answers as the crate's `DATABASE` would: [`by_id`] and [`by_code`] give the
//! same regions (in the same order; without their number formats, which only the formatter
//! reads; with ASCII classes in their patterns, see [`ascii_patterns`]), [`parse`] is
//! `phonenumber::parse` and [`format`] the crate's formatter. Every number type's descriptor of a
//! region is there (fixed line, mobile, toll free, premium rate, shared cost, personal, VoIP,
//! pager, UAN, voicemail, …).

use phonenumber::metadata::{Database, Metadata, loader};
use phonenumber::{Mode, ParseError, PhoneNumber, country};
use std::ops::Range;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/phone_metadata.rs"));

/// Each region, decoded the first time it is asked for, alone in a database and without its
/// number formats (the crate checks every pattern of a database it makes, and the formats' are
/// nearly half a region's)…
static ALONE: [OnceLock<Database>; ENTRY_COUNT] = [const { OnceLock::new() }; ENTRY_COUNT];

/// …again with a stand-in for every other calling code, the first time a number read as the
/// region's needs them (see [`parse`])…
static PARSING: [OnceLock<Database>; ENTRY_COUNT] = [const { OnceLock::new() }; ENTRY_COUNT];

/// …and whole, the first time a number of its calling code is formatted ([`format`]).
static FORMATTING: [OnceLock<Database>; ENTRY_COUNT] = [const { OnceLock::new() }; ENTRY_COUNT];

/// The crate's own metadata of entry `index`, as its loader read it, its patterns with ASCII
/// classes: without its number formats unless `formats`.
fn decode(index: usize, formats: bool) -> loader::Metadata {
    let (_, _, start, end) = ENTRIES[index];
    let mut meta: loader::Metadata = postcard::from_bytes(&BYTES[start as usize..end as usize])
        .expect("written by the build script from the same crate");
    if !formats {
        meta.formats.clear();
        meta.international_formats.clear();
    }
    ascii_patterns(&mut meta);
    meta
}

/// Every pattern of `meta` (descriptors, international and national prefixes, leading digits,
/// number formats) with Unicode classes off: `(?-u:…)`, `\d` as `[0-9]`. The patterns only ever
/// see ASCII digits (the parser reads a number into them, and [`parse`] leaves text in any other
/// script to the crate), where both forms match alike; with Unicode classes the crate takes ten
/// times as long to check and compile each one.
fn ascii_patterns(meta: &mut loader::Metadata) {
    let ascii = |pattern: &mut String| *pattern = format!("(?-u:{pattern})");
    let descriptors = [
        &mut meta.general,
        &mut meta.fixed_line,
        &mut meta.mobile,
        &mut meta.toll_free,
        &mut meta.premium_rate,
        &mut meta.shared_cost,
        &mut meta.personal_number,
        &mut meta.voip,
        &mut meta.pager,
        &mut meta.uan,
        &mut meta.emergency,
        &mut meta.voicemail,
        &mut meta.short_code,
        &mut meta.standard_rate,
        &mut meta.carrier,
        &mut meta.no_international,
    ];
    let patterns = descriptors
        .into_iter()
        .flatten()
        .filter_map(|d| d.national_number.as_mut())
        .chain(meta.international_prefix.as_mut())
        .chain(meta.national_prefix_for_parsing.as_mut())
        .chain(meta.leading_digits.as_mut());
    patterns.for_each(ascii);
    for format in meta
        .formats
        .iter_mut()
        .chain(&mut meta.international_formats)
    {
        format.pattern.iter_mut().for_each(ascii);
        format.leading_digits.iter_mut().for_each(ascii);
    }
}

fn database(regions: Vec<loader::Metadata>) -> Database {
    Database::from(regions).expect("the crate's own metadata")
}

/// Entry `index` with a stand-in for every other calling code, made the first time.
fn parsing(index: usize) -> &'static Database {
    PARSING[index].get_or_init(|| {
        let own = ENTRIES[index].1;
        let mut codes: Vec<u16> = ENTRIES.iter().map(|e| e.1).collect();
        codes.dedup();
        let stand_ins = codes.into_iter().filter(|c| *c != own).map(stand_in);
        database(
            std::iter::once(decode(index, false))
                .chain(stand_ins)
                .collect(),
        )
    })
}

/// A database holding entry `index`: the one already made, else the region alone.
fn any(index: usize) -> &'static Database {
    PARSING[index]
        .get()
        .unwrap_or_else(|| ALONE[index].get_or_init(|| database(vec![decode(index, false)])))
}

/// Entry `index`'s metadata in `database`, which holds it.
fn region_in(database: &'static Database, index: usize) -> &'static Metadata {
    database
        .by_code(&ENTRIES[index].1)
        .and_then(|regions| regions.into_iter().next())
        .expect("the only region of its calling code there")
}

/// The entries of the calling code `code`, in the crate's order.
fn entries_of(code: u16) -> Range<usize> {
    let start = ENTRIES.partition_point(|e| e.1 < code);
    start..ENTRIES.partition_point(|e| e.1 <= code)
}

fn index_of(id: &str) -> Option<usize> {
    BY_ID
        .binary_search_by(|(known, _)| (*known).cmp(id))
        .ok()
        .map(|i| usize::from(BY_ID[i].1))
}

/// The metadata of the region `id` (`ES`), as `DATABASE.by_id(id)`.
pub(super) fn by_id(id: &str) -> Option<&'static Metadata> {
    #[cfg(test)]
    if tests::crates() {
        return phonenumber::metadata::DATABASE.by_id(id);
    }
    index_of(id).map(|index| region_in(any(index), index))
}

/// The regions of the calling code `code`, as `DATABASE.by_code(&code)` (none for a code that
/// is none); each is decoded when the iteration reaches it.
pub(super) fn by_code(code: u16) -> Box<dyn Iterator<Item = &'static Metadata>> {
    #[cfg(test)]
    if tests::crates() {
        let all = phonenumber::metadata::DATABASE.by_code(&code);
        return Box::new(all.into_iter().flatten());
    }
    Box::new(entries_of(code).map(|index| region_in(any(index), index)))
}

/// `phonenumber::parse(Some(region), written)`.
///
/// Given a region, the crate's parser reads that region's metadata, and asks of any calling code
/// only whether it exists (to tell where the calling code ends in `+34…`: the first of the
/// number's first one, two or three digits that is a code). So the number is read first with the
/// region alone: where that succeeds, the parser read a national number, or found the region's
/// own code where the whole database has it too (no calling code begins another, so none ends
/// sooner). Where it fails, the number is read again with the region and a stand-in for every
/// other calling code (the code, and a pattern no number matches), which answer as the whole
/// database. A region the metadata does not hold, and text that is not ASCII, are left to the crate.
pub(super) fn parse(region: country::Id, written: &str) -> Result<PhoneNumber, ParseError> {
    #[cfg(test)]
    if tests::crates() {
        return phonenumber::parse(Some(region), written);
    }
    let Some(index) = index_of(region.as_ref()).filter(|_| written.is_ascii()) else {
        return phonenumber::parse(Some(region), written);
    };
    phonenumber::parse_with(any(index), Some(region), written)
        .or_else(|_| phonenumber::parse_with(parsing(index), Some(region), written))
}

/// A region of the calling code `code` that holds no number (its pattern is a letter): `001`, the
/// id of the crate's non-geographic entities, which the parser never looks up by id.
fn stand_in(code: u16) -> loader::Metadata {
    loader::Metadata {
        general: Some(loader::Descriptor {
            national_number: Some("x".to_owned()),
            ..Default::default()
        }),
        id: Some("001".to_owned()),
        country_code: Some(code),
        ..Default::default()
    }
}

/// `number.format().mode(mode)` as text: the crate formats a number with the first region of its
/// calling code.
pub(super) fn format(number: &PhoneNumber, mode: Mode) -> String {
    #[cfg(test)]
    if tests::crates() {
        return number.format().mode(mode).to_string();
    }
    match entries_of(number.code().value()).next() {
        Some(first) => {
            let whole = FORMATTING[first].get_or_init(|| database(vec![decode(first, true)]));
            number.format_with(whole).mode(mode).to_string()
        }
        None => number.format().mode(mode).to_string(),
    }
}

/// What the build script writes, to compare it with the crate in the tests.
#[cfg(test)]
#[allow(dead_code)]
#[path = "../../../build/phone.rs"]
mod generated;

#[cfg(test)]
pub(super) mod tests {
    use super::generated;
    use super::*;
    use std::cell::Cell;

    thread_local! {
        static CRATES: Cell<bool> = const { Cell::new(false) };
    }

    /// Whether this thread asks the crate's whole database instead (see [`with_crates`]).
    pub(super) fn crates() -> bool {
        CRATES.get()
    }

    /// `f` run with the crate's own `DATABASE` behind every function of this module: what
    /// RET007 answered before its metadata was decoded region by region.
    pub(in crate::rules::ret) fn with_crates<T>(f: impl FnOnce() -> T) -> T {
        CRATES.set(true);
        let result = f();
        CRATES.set(false);
        result
    }

    /// Every region decoded here is the crate's, field by field, with the crate's ids and order:
    /// `by_id` of every id and `by_code` of every calling code (without their number formats),
    /// and each region whole as [`format`] decodes it.
    #[test]
    fn every_region_is_the_crates() {
        let database = &phonenumber::metadata::DATABASE;
        // The crate's region, as decoded here: ASCII classes, and the formats only when asked.
        let shown = |meta: &Metadata, formats: bool, crates: bool| {
            let mut meta = generated::to_loader(meta);
            if !formats {
                meta.formats.clear();
                meta.international_formats.clear();
            }
            if crates {
                ascii_patterns(&mut meta);
            }
            format!("{meta:?}")
        };
        let same = |ours: &Metadata, theirs: &Metadata| {
            shown(ours, false, false) == shown(theirs, false, true)
        };
        for (index, theirs) in generated::entries().into_iter().enumerate() {
            let whole = super::database(vec![decode(index, true)]);
            let ours = whole.iter().next().unwrap();
            let (ours, theirs) = (shown(ours, true, false), shown(theirs, true, true));
            assert_eq!(ours, theirs, "entry {index}");
        }
        for code in 0..=1000u16 {
            let ours: Vec<_> = by_code(code).collect();
            let theirs = database.by_code(&code).unwrap_or_default();
            assert_eq!(ours.len(), theirs.len(), "+{code}");
            for (o, t) in ours.iter().zip(&theirs) {
                assert!(same(o, t), "+{code}: {} and {}", o.id(), t.id());
            }
        }
        let mut ids = 0;
        for theirs in database.iter() {
            let ours = by_id(theirs.id()).unwrap_or_else(|| panic!("{}", theirs.id()));
            assert!(same(ours, theirs), "{}", theirs.id());
            ids += 1;
        }
        assert_eq!(ids, BY_ID.len());
        // No calling code begins another (what `parse` relies on).
        let codes: Vec<String> = ENTRIES.iter().map(|e| e.1.to_string()).collect();
        for code in &codes {
            for other in &codes {
                assert!(
                    other == code || !other.starts_with(code.as_str()),
                    "{code} {other}"
                );
            }
        }
        assert_eq!(generated::entries().len(), ENTRY_COUNT);
        assert!(by_id("XX").is_none() && by_id("").is_none());
    }
}
