//! `selfcheck init DIR`: a complete, commented template submission.
//!
//! Dates are computed from the as-of date, so the dates are right on the day it is written:
//! declarations in the last three months, certificates valid for a year. What only the seller
//! can know is a marked placeholder: the sample company name, USCC and store id carry a marker
//! ([`TEXT_MARK`], [`SAMPLE_USCC`]), each placeholder scan carries [`SCAN_MARK`], and SUB006
//! reports each one left, so an untouched template never passes. Nothing else fires on it. The
//! marks are defined beside the rule that recognises them (`rules::sub`).

use crate::model::{Date, Program};
use std::path::{Path, PathBuf};

pub use crate::rules::sub::{
    SAMPLE_USCC, SCAN_MARK, SCAN_MARK_WITHIN, TEXT_MARK, USCC_MARK, is_placeholder_scan,
    is_placeholder_text, is_sample_uscc,
};

const CHALLENGE: &[(&str, &str)] = &[
    (
        "submission.yaml",
        include_str!("../templates/challenge/submission.yaml"),
    ),
    (
        "license.yaml",
        include_str!("../templates/cooperation/license.yaml"),
    ),
    (
        "logistics.yaml",
        include_str!("../templates/challenge/logistics.yaml"),
    ),
    (
        "plan.yaml",
        include_str!("../templates/challenge/plan.yaml"),
    ),
    (
        "registrations.yaml",
        include_str!("../templates/challenge/registrations.yaml"),
    ),
];

/// The health-score screenshot's placeholder: a 1×1 white PNG (8-bit RGB) whose `tEXt` chunk,
/// right after `IHDR`, holds [`SCAN_MARK`].
fn placeholder_png() -> Vec<u8> {
    const IHDR: [u8; 13] = [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];
    // zlib of one scanline: filter 0, then white.
    const IDAT: [u8; 12] = [
        0x78, 0x9C, 0x63, 0xF8, 0xFF, 0xFF, 0x3F, 0x00, 0x05, 0xFE, 0x02, 0xFE,
    ];
    let text = format!("Comment\0{SCAN_MARK}: replace with the real screenshot");
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [
        (b"IHDR", &IHDR[..]),
        (b"tEXt", text.as_bytes()),
        (b"IDAT", &IDAT[..]),
        (b"IEND", &[][..]),
    ] {
        let len = u32::try_from(data.len()).unwrap_or(u32::MAX);
        png.extend_from_slice(&len.to_be_bytes());
        let start = png.len();
        png.extend_from_slice(kind);
        png.extend_from_slice(data);
        let crc = crc32(&png[start..]);
        png.extend_from_slice(&crc.to_be_bytes());
    }
    png
}

/// CRC-32 (ISO-HDLC), as PNG chunks need.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

const TEMPLATES: &[(&str, &str)] = &[
    (
        "submission.yaml",
        include_str!("../templates/cooperation/submission.yaml"),
    ),
    (
        "license.yaml",
        include_str!("../templates/cooperation/license.yaml"),
    ),
    (
        "customs.yaml",
        include_str!("../templates/cooperation/customs.yaml"),
    ),
    (
        "returns.yaml",
        include_str!("../templates/cooperation/returns.yaml"),
    ),
    (
        "service.yaml",
        include_str!("../templates/cooperation/service.yaml"),
    ),
    (
        "fulfillment.yaml",
        include_str!("../templates/cooperation/fulfillment.yaml"),
    ),
    (
        "compliance.yaml",
        include_str!("../templates/cooperation/compliance.yaml"),
    ),
];

/// A PDF that says it is a placeholder, marked with [`SCAN_MARK`] on its second line.
const PLACEHOLDER_PDF: &str = "%PDF-1.4\n%selfcheck:placeholder-scan: replace with the real scan / 占位文件：请替换为真实扫描件\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[]/Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n";

#[derive(Debug)]
pub enum InitError {
    Exists(PathBuf),
    Io(PathBuf, std::io::Error),
}

/// Writes the template of `program` into `dir`, which must not exist or be empty. Returns the
/// files written.
pub fn init(dir: &Path, program: Program, as_of: Date) -> Result<Vec<PathBuf>, InitError> {
    let occupied = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some())
        || (dir.exists() && !dir.is_dir());
    if occupied {
        return Err(InitError::Exists(dir.to_path_buf()));
    }
    let files = files_of(dir, program, as_of);
    for (path, text) in &files {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| InitError::Io(parent.to_path_buf(), e))?;
        }
        std::fs::write(path, text).map_err(|e| InitError::Io(path.clone(), e))?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// The files of `program`'s template in `dir`, dated from `as_of`: the documents filled in, and
/// a placeholder for each scan they name.
fn files_of(dir: &Path, program: Program, as_of: Date) -> Vec<(PathBuf, Vec<u8>)> {
    let declarations = sample_declarations(as_of);
    let templates = match program {
        Program::Cooperation => TEMPLATES,
        Program::Challenge => CHALLENGE,
    };
    let mut files: Vec<(PathBuf, Vec<u8>)> = templates
        .iter()
        .map(|(name, text)| (dir.join(name), fill(text, program, as_of, &declarations)))
        .collect();
    for scan in scans(program, &declarations) {
        files.push((
            dir.join("attachments").join(scan),
            PLACEHOLDER_PDF.as_bytes().to_vec(),
        ));
    }
    if program == Program::Challenge {
        files.push((dir.join("attachments/health-score.png"), placeholder_png()));
    }
    files
}

/// The template's three declarations, 30, 60 and 90 days before `as_of`: each its date and a
/// number of its year.
fn sample_declarations(as_of: Date) -> Vec<(String, String)> {
    [30i64, 60, 90]
        .iter()
        .enumerate()
        .map(|(i, days)| {
            let date = as_of.add_days(-days);
            let number = format!("5316{:04}0{:09}", date.0.year(), 12_345_678 + i * 1111);
            (date.to_string(), number)
        })
        .collect()
}

/// A template document with its placeholders filled in — the marks, the sample USCC, the dates
/// from `as_of`, the `declarations`, what the licence's name must match in `program` — and its
/// comments aligned.
fn fill(text: &str, program: Program, as_of: Date, declarations: &[(String, String)]) -> Vec<u8> {
    let mut out = text
        .replace("{{REPLACE}}", TEXT_MARK)
        .replace("{{SAMPLE_USCC}}", SAMPLE_USCC)
        .replace("{{TODAY}}", &as_of.to_string())
        .replace("{{CERT_UNTIL}}", &as_of.add_days(365).to_string());
    for (i, (date, number)) in declarations.iter().enumerate() {
        out = out
            .replace(&format!("{{{{D{}}}}}", i + 1), date)
            .replace(&format!("{{{{N{}}}}}", i + 1), number);
    }
    // What the licence's name must match: the declarations exist in the co-operation programme
    // only.
    let entity_name_note = match program {
        Program::Cooperation => "exactly as on the customs declarations / 企业名称（与报关单一致）",
        Program::Challenge => "exactly as printed on the licence / 企业名称（与执照原文一致）",
    };
    out = out.replace("{{ENTITY_NAME_NOTE}}", entity_name_note);
    for (placeholder, date) in challenge_dates(as_of) {
        out = out.replace(placeholder, &date.to_string());
    }
    align_comments(&out).into_bytes()
}

/// The challenge's dates: T five days ahead, the tasks spread over the stage before T+30.
fn challenge_dates(as_of: Date) -> [(&'static str, Date); 7] {
    let t = as_of.add_days(5);
    [
        ("{{T}}", t),
        ("{{OPENED_ON}}", as_of.add_days(-260)),
        ("{{AGREEMENT_START}}", as_of.add_days(-300)),
        ("{{FIRST_ORDER}}", t.add_days(25)),
        ("{{LIVE1}}", t.add_days(10)),
        ("{{LIVE2}}", t.add_days(17)),
        ("{{LIVE3}}", t.add_days(24)),
    ]
}

/// The scans `program`'s documents name, below `attachments/`: the licence's, the
/// certificates' and one for each of the `declarations`, or the challenge's letters.
fn scans(program: Program, declarations: &[(String, String)]) -> Vec<String> {
    match program {
        Program::Cooperation => {
            let mut scans: Vec<String> = [
                "license.pdf",
                "ce.pdf",
                "anatel.pdf",
                "saso.pdf",
                "iso9001.pdf",
            ]
            .map(str::to_owned)
            .to_vec();
            scans.extend(
                declarations
                    .iter()
                    .map(|(_, n)| format!("declarations/{n}.pdf")),
            );
            scans
        }
        Program::Challenge => [
            "license.pdf",
            "commitment-letter.pdf",
            "logistics-agreement.pdf",
        ]
        .map(str::to_owned)
        .to_vec(),
    }
}

/// Lines longer than this (in terminal columns) have their comments aligned among themselves,
/// rather than pushing the comments of their whole block to the right.
const ALIGN_UP_TO: usize = 48;

/// `text` with the trailing comments of each block (lines between blank or comment-only lines)
/// starting in one column, counted in terminal columns (a Chinese character takes two): the
/// placeholders filled in have other lengths than their names.
pub fn align_comments(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    // Each line's code and trailing comment, when it has both.
    let split: Vec<Option<(&str, &str)>> = lines.iter().map(|l| trailing_comment(l)).collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let block_end = (i..lines.len())
            .find(|&j| {
                let t = lines[j].trim_start();
                t.is_empty() || t.starts_with('#')
            })
            .unwrap_or(lines.len());
        if block_end == i {
            out.push(lines[i].to_owned());
            i += 1;
            continue;
        }
        // Two columns: one for the lines up to ALIGN_UP_TO wide, one for the longer ones.
        let column = |long: bool| {
            (i..block_end)
                .filter_map(|j| split[j].map(|(code, _)| width(code)))
                .filter(|w| (*w > ALIGN_UP_TO) == long)
                .max()
                .map_or(0, |w| w + 2)
        };
        let (short, long) = (column(false), column(true));
        for j in i..block_end {
            out.push(match split[j] {
                Some((code, comment)) => {
                    let w = width(code);
                    let column = if w > ALIGN_UP_TO { long } else { short };
                    let pad = column.saturating_sub(w).max(2);
                    format!("{code}{}{comment}", " ".repeat(pad))
                }
                None => lines[j].to_owned(),
            });
        }
        i = block_end;
    }
    out.join("\n")
}

/// A line's code (without the white space before its comment) and trailing comment (from `#`):
/// a `#` after white space, outside quotes.
fn trailing_comment(line: &str) -> Option<(&str, &str)> {
    let mut quote = None;
    let mut previous = ' ';
    for (at, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if previous.is_whitespace() => {
                let code = line[..at].trim_end();
                return (!code.trim().is_empty()).then_some((code, &line[at..]));
            }
            _ => {}
        }
        previous = c;
    }
    None
}

/// Terminal columns of `s`.
fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_aligned_per_block_in_terminal_columns() {
        let text = "a: 1   # one\nname: 深圳   # two\n\n# own line\nlong_key: x # three\nk: y          # four\n";
        assert_eq!(
            align_comments(text),
            "a: 1        # one\nname: 深圳  # two\n\n# own line\nlong_key: x  # three\nk: y         # four\n"
        );
        // A quoted `#` is not a comment.
        assert_eq!(trailing_comment("a: \"x # y\""), None);
    }

    #[test]
    fn the_sample_uscc_is_well_formed_and_marked() {
        const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        const WEIGHTS: [usize; 17] = [
            1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
        ];
        let value = |c: char| ALPHABET.find(c).expect("in the alphabet");
        let sum: usize = SAMPLE_USCC
            .chars()
            .zip(WEIGHTS)
            .map(|(c, w)| value(c) * w)
            .sum();
        let check = ALPHABET.chars().nth((31 - sum % 31) % 31).unwrap();
        assert_eq!(SAMPLE_USCC.len(), 18);
        assert_eq!(SAMPLE_USCC.chars().last(), Some(check));
        assert!(is_sample_uscc(SAMPLE_USCC));
        assert!(is_sample_uscc(" 91110000REPLACEME0 "));
        assert!(!is_sample_uscc("91440300MA5FHC8K1M"));
        // Not any text that says REPLACEMENT.
        assert!(!is_placeholder_text("REPLACEMENT PARTS S.L."));
        assert!(is_placeholder_text(&format!(
            "深圳市示例科技有限公司{TEXT_MARK}"
        )));
        assert!(!is_placeholder_text("深圳市华彩科技有限公司"));
    }

    #[test]
    fn both_placeholder_scans_carry_the_mark_near_their_start() {
        for scan in [PLACEHOLDER_PDF.as_bytes(), &placeholder_png()] {
            assert!(is_placeholder_scan(scan));
        }
        assert!(PLACEHOLDER_PDF.starts_with("%PDF-"));
        assert!(placeholder_png().starts_with(b"\x89PNG\r\n\x1a\n"));
        let far = [vec![b' '; SCAN_MARK_WITHIN as usize], SCAN_MARK.into()].concat();
        assert!(!is_placeholder_scan(&far));
    }

    #[test]
    fn crc32_is_the_png_one() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }

    #[test]
    fn every_template_placeholder_is_filled() {
        let tmp = tempfile::tempdir().unwrap();
        for (name, program) in [("c", Program::Cooperation), ("h", Program::Challenge)] {
            let dir = tmp.path().join(name);
            let files = init(&dir, program, Date::parse("2026-11-20", false).unwrap()).unwrap();
            for file in files
                .iter()
                .filter(|f| f.extension().is_some_and(|e| e == "yaml"))
            {
                let text = std::fs::read_to_string(file).unwrap();
                assert!(!text.contains("{{"), "{}", file.display());
            }
        }
    }
}
