//! `file:` URIs and the paths they name. Any other scheme (`untitled:`, `git:`…) names no file
//! of a submission.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use std::path::{Path, PathBuf};

/// The absolute path a `file:` URI names (`file:///home/a/b%20c.yaml`, `file://localhost/…`);
/// `None` for another scheme, another host, a relative path, or a path with a NUL.
pub fn to_path(uri: &str) -> Option<PathBuf> {
    let rest = strip_prefix_ignore_case(uri, "file://")?;
    let (host, path) = match rest.find('/') {
        Some(at) => rest.split_at(at),
        None => return None,
    };
    if !(host.is_empty() || host.eq_ignore_ascii_case("localhost")) {
        return None;
    }
    // A query or a fragment is no part of a file's path.
    let path = path.split(['?', '#']).next().unwrap_or("");
    let bytes: Vec<u8> = percent_decode_str(path).collect();
    if bytes.contains(&0) {
        return None;
    }
    let path = from_bytes(bytes)?;
    path.is_absolute()
        .then(|| selfcheck::source::normalize(&path))
}

#[cfg(unix)]
fn from_bytes(bytes: Vec<u8>) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
}

#[cfg(not(unix))]
fn from_bytes(bytes: Vec<u8>) -> Option<PathBuf> {
    // `/C:/x` on Windows is `C:/x`.
    let text = String::from_utf8(bytes).ok()?;
    let text = match text.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() => text[1..].to_owned(),
        _ => text,
    };
    Some(PathBuf::from(text))
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// What a path keeps unescaped in a URI: letters, digits, `-._~` and the separators.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// The `file:` URI of an absolute path.
pub fn from_path(path: &Path) -> String {
    // A `\\` inside a name is part of it (percent-encoded), never a separator.
    let text = selfcheck::source::slashed(path);
    let text = if text.starts_with('/') {
        text
    } else {
        format!("/{text}")
    };
    format!("file://{}", utf8_percent_encode(&text, PATH))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backslash_in_a_name_is_encoded_not_a_separator() {
        let uri = from_path(Path::new("/srv/x\\..\\honest/returns.yaml"));
        assert_eq!(uri, "file:///srv/x%5C..%5Chonest/returns.yaml");
        assert_eq!(
            to_path(&uri),
            Some(PathBuf::from("/srv/x\\..\\honest/returns.yaml"))
        );
    }

    #[test]
    fn file_uris_name_paths_and_other_schemes_none() {
        assert_eq!(
            to_path("file:///home/a/b%20c/returns.yaml"),
            Some(PathBuf::from("/home/a/b c/returns.yaml"))
        );
        assert_eq!(
            to_path("file://localhost/tmp/%E5%8D%8E%E5%BD%A9/license.yaml"),
            Some(PathBuf::from("/tmp/华彩/license.yaml"))
        );
        assert_eq!(
            to_path("FILE:///tmp/a/../b/x.yaml"),
            Some(PathBuf::from("/tmp/b/x.yaml"))
        );
        assert_eq!(to_path("untitled:Untitled-1"), None);
        assert_eq!(to_path("file://server/share/x.yaml"), None);
        assert_eq!(to_path("file:relative/x.yaml"), None);
        assert_eq!(to_path("file:///tmp/x%00.yaml"), None);
        assert_eq!(to_path(""), None);
    }

    #[test]
    fn a_path_round_trips_through_its_uri() {
        for path in ["/tmp/华彩 科技/returns.yaml", "/a/b#c?d%e/f.yaml", "/x/y"] {
            let uri = from_path(Path::new(path));
            assert!(uri.starts_with("file:///"), "{uri}");
            assert!(!uri[7..].contains([' ', '#', '?']), "{uri}");
            assert_eq!(to_path(&uri), Some(PathBuf::from(path)), "{uri}");
        }
    }
}
