//! libphonenumber's metadata for RET007, region by region: the `phonenumber` crate's own database
//! (the same crate and version the binary links), each region serialized on its own, so that a
//! run decodes only the regions it meets instead of the whole database (whose loading checks
//! every pattern of every region, about 70 ms).
//!
//! `OUT_DIR/phone_metadata.bin` holds the regions one after another (postcard, the crate's own
//! `loader::Metadata`); `OUT_DIR/phone_metadata.rs` says where each is:
//!
//! - `ENTRIES`: `(id, calling code, start, end)` of every region, ordered by calling code and,
//!   within one, in the crate's order (its main region first), which is the order of
//!   `Database::by_code`;
//! - `BY_ID`: `(id, entry)` sorted by id, the region `Database::by_id` answers (the nine
//!   non-geographic entities share the id `001`; the crate answers one of them);
//! - `ENTRY_COUNT`, and `BYTES`, the file included.
//!
//! `src/rules/ret/phone_metadata.rs` reads them; its tests hold every region equal to the crate's
//! with [`to_loader`].

use phonenumber::metadata::{DATABASE, Descriptor, Format, Metadata, loader};
use std::fmt::Write as _;
use std::path::Path;

/// The highest calling code: ITU-T E.164 codes have one to three digits.
const MAX_CODE: u16 = 999;

/// A descriptor as the crate's loader read it.
fn descriptor(d: &Descriptor) -> loader::Descriptor {
    loader::Descriptor {
        national_number: Some(d.national_number().as_str().to_owned()),
        possible_length: d.possible_length().to_vec(),
        possible_local_length: d.possible_local_length().to_vec(),
        example: d.example().map(str::to_owned),
    }
}

/// A number format as the crate's loader read it.
fn format(f: &Format) -> loader::Format {
    loader::Format {
        pattern: Some(f.pattern().as_str().to_owned()),
        format: Some(f.format().to_owned()),
        leading_digits: f
            .leading_digits()
            .iter()
            .map(|r| r.as_str().to_owned())
            .collect(),
        national_prefix_formatting_rule: f.national_prefix().map(str::to_owned),
        national_prefix_optional_when_formatting: f.is_national_prefix_optional(),
        domestic_carrier: f.domestic_carrier().map(str::to_owned),
    }
}

/// `meta` as the crate's loader read it: `Database::from` of the result builds `meta` again.
pub fn to_loader(meta: &Metadata) -> loader::Metadata {
    let d = meta.descriptors();
    let optional = |d: Option<&Descriptor>| d.map(descriptor);
    loader::Metadata {
        general: Some(descriptor(d.general())),
        fixed_line: optional(d.fixed_line()),
        mobile: optional(d.mobile()),
        toll_free: optional(d.toll_free()),
        premium_rate: optional(d.premium_rate()),
        shared_cost: optional(d.shared_cost()),
        personal_number: optional(d.personal_number()),
        voip: optional(d.voip()),
        pager: optional(d.pager()),
        uan: optional(d.uan()),
        emergency: optional(d.emergency()),
        voicemail: optional(d.voicemail()),
        short_code: optional(d.short_code()),
        standard_rate: optional(d.standard_rate()),
        carrier: optional(d.carrier()),
        no_international: optional(d.no_international()),
        id: Some(meta.id().to_owned()),
        country_code: Some(meta.country_code()),
        international_prefix: meta.international_prefix().map(|r| r.as_str().to_owned()),
        preferred_international_prefix: meta.preferred_international_prefix().map(str::to_owned),
        national_prefix: meta.national_prefix().map(str::to_owned),
        preferred_extension_prefix: meta.preferred_extension_prefix().map(str::to_owned),
        national_prefix_for_parsing: meta
            .national_prefix_for_parsing()
            .map(|r| r.as_str().to_owned()),
        national_prefix_transform_rule: meta.national_prefix_transform_rule().map(str::to_owned),
        formats: meta.formats().iter().map(format).collect(),
        international_formats: meta.international_formats().iter().map(format).collect(),
        main_country_for_code: meta.is_main_country_for_code(),
        leading_digits: meta.leading_digits().map(|r| r.as_str().to_owned()),
        mobile_number_portable: meta.is_mobile_number_portable(),
        defaults: Default::default(),
    }
}

/// Every region of the crate's database, in the order of `ENTRIES`.
pub fn entries() -> Vec<&'static Metadata> {
    (1..=MAX_CODE)
        .filter_map(|code| DATABASE.by_code(&code))
        .flatten()
        .collect()
}

/// Writes `phone_metadata.bin` and `phone_metadata.rs` into `out_dir`.
pub fn write_metadata(out_dir: &Path) {
    let entries = entries();
    assert_eq!(
        DATABASE.iter().count(),
        DATABASE
            .iter()
            .filter(|m| entries.iter().any(|e| std::ptr::eq(*e, *m)))
            .count(),
        "every region of the crate's database has a calling code of at most {MAX_CODE}"
    );
    let mut bytes = Vec::new();
    let mut rs = String::from("/// Every region: id, calling code, and its bytes in `BYTES`.\n");
    writeln!(
        rs,
        "static ENTRIES: [(&str, u16, u32, u32); {}] = [",
        entries.len()
    )
    .unwrap();
    for meta in &entries {
        let start = bytes.len();
        bytes = postcard::to_extend(&to_loader(meta), bytes).expect("serializable");
        let (id, code, end) = (meta.id(), meta.country_code(), bytes.len());
        writeln!(rs, "    ({id:?}, {code}, {start}, {end}),").unwrap();
    }
    rs.push_str("];\n\n/// The entry of each region id, sorted by id.\n");
    let mut ids: Vec<(&str, usize)> = entries
        .iter()
        .filter_map(|meta| {
            let found = DATABASE.by_id(meta.id())?;
            let index = entries.iter().position(|e| std::ptr::eq(*e, found))?;
            Some((meta.id(), index))
        })
        .collect();
    ids.sort();
    ids.dedup();
    writeln!(rs, "static BY_ID: [(&str, u16); {}] = [", ids.len()).unwrap();
    for (id, index) in ids {
        writeln!(rs, "    ({id:?}, {index}),").unwrap();
    }
    rs.push_str("];\n\n");
    writeln!(rs, "const ENTRY_COUNT: usize = {};\n", entries.len()).unwrap();
    rs.push_str(
        "static BYTES: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/phone_metadata.bin\"));\n",
    );
    std::fs::write(out_dir.join("phone_metadata.bin"), bytes).unwrap();
    std::fs::write(out_dir.join("phone_metadata.rs"), rs).unwrap();
}
