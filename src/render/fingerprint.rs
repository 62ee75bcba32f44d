//! One fingerprint per finding, for the platforms that track findings from run to run: SARIF's
//! `partialFingerprints` ([`KEY`]) for code scanning, and GitLab Code Quality's `fingerprint`.
//!
//! A fingerprint is made of what the finding is, never of where it is: the rule's code, the
//! file's path relative to the working directory (so two submissions holding the same file and
//! value differ), the value or key the finding points at (its span's text; nothing for a whole
//! document), and how many findings before it in the submission share all three (a repeat
//! counter). Lines inserted above a finding move it, and keep its fingerprint; another value is
//! another finding. The hash is SipHash-1-3 with fixed keys: the same on every platform and in
//! every release, until [`KEY`]'s version changes.

use crate::finding::{Finding, Place};
use crate::run::SubmissionReport;
use crate::source::display_path;
use siphasher::sip128::{Hasher128, SipHasher13};
use std::collections::HashMap;
use std::hash::Hasher;

/// The name of the fingerprint in SARIF's `partialFingerprints`, with its version.
pub const KEY: &str = "selfcheck/v1";

/// `path` relative to the working directory when it is inside it (GitHub's annotations and
/// GitLab's Code Quality name files so), else as it is.
pub fn relative_to_cwd(path: &str) -> String {
    let p = std::path::Path::new(path);
    if !p.is_absolute() {
        return path.to_owned();
    }
    std::env::current_dir()
        .ok()
        .and_then(|cwd| p.strip_prefix(&cwd).ok().map(crate::source::slashed))
        .unwrap_or_else(|| path.to_owned())
}

/// The path of the submission's file `rel` relative to the working directory, with `/`
/// separators and without `.` or `a/..` steps.
pub fn path_from_cwd(sub: &SubmissionReport, rel: &str) -> String {
    let path = relative_to_cwd(&display_path(&sub.path, rel));
    crate::source::slashed(&crate::source::normalize(std::path::Path::new(&path)))
}

/// The fingerprints of the submission's findings, in the order of its findings.
pub fn of_submission(sub: &SubmissionReport) -> Vec<String> {
    let mut seen: HashMap<u128, u64> = HashMap::new();
    sub.findings
        .iter()
        .map(|f| {
            let identity = identity(sub, f);
            let repeat = seen.entry(identity).or_default();
            let mut h = SipHasher13::new_with_keys(0, 0);
            h.write(&identity.to_le_bytes());
            h.write_u64(*repeat);
            *repeat += 1;
            format!("{:032x}", h.finish128().as_u128())
        })
        .collect()
}

/// What the finding is: its code, its file's path and the text it points at.
fn identity(sub: &SubmissionReport, f: &Finding) -> u128 {
    let file = sub.loaded.db.get(f.place.file());
    let value = match f.place {
        Place::Span(span) => file
            .text
            .as_deref()
            .and_then(|t| t.get(span.range()))
            .unwrap_or(""),
        Place::File(_) => "",
    };
    let sheet = file.sheet.as_ref().map_or("", |s| s.name.as_str());
    let mut h = SipHasher13::new_with_keys(0, 0);
    for part in [f.code.as_str(), &path_from_cwd(sub, &file.rel_path), sheet] {
        write_part(&mut h, part.as_bytes());
    }
    // A value's line ends are not what it is: CRLF and LF give one fingerprint.
    let value: Vec<u8> = value.bytes().filter(|&b| b != b'\r').collect();
    write_part(&mut h, &value);
    h.finish128().as_u128()
}

/// `bytes` with its length first, so that two parts cannot run into each other.
fn write_part(h: &mut SipHasher13, bytes: &[u8]) {
    h.write_u64(bytes.len() as u64);
    h.write(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash is fixed: a change to it changes every fingerprint on every platform, and needs
    /// a new [`KEY`].
    #[test]
    fn the_hash_is_the_same_in_every_release() {
        let mut h = SipHasher13::new_with_keys(0, 0);
        write_part(&mut h, b"CUS007");
        assert_eq!(
            format!("{:032x}", h.finish128().as_u128()),
            "f51d016e23b91e341c6103f6e2c5717a"
        );
    }
}
