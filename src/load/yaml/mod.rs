//! YAML text -> span tree, by the first of three paths that decides the text:
//! 1. [`scan`]: the plain shape of a submission document (block mappings and sequences, scalars
//!    and flow sequences on one line, comments) read line by line, without the YAML parser: the
//!    common case, at a small part of the parser's cost;
//! 2. [`build`]: the tree built directly from the YAML parser's event stream (granit-parser, the
//!    parser under serde-saphyr), without serde in between;
//! 3. [`super::saphyr::parse`]: serde-saphyr itself.
//!
//! All three give the same tree: same spans, same scalar resolution (serde-saphyr's untyped
//! rules: YAML 1.1 booleans, then integers, then floats, else a string), keys always strings.
//! The scanner hands [`build`]'s builder the events the parser would give, at the same places,
//! so that both share every decision on keys, scalars and limits; it leaves anything else to
//! the parser's events. These leave to serde-saphyr anything outside the common shape of a
//! submission document, so that its result (and, above all, its error, with its kind and place)
//! is exactly the one the loader has always given:
//! - any parser error, any tag, anchor or alias (so merge keys and alias budgets too);
//! - a key that could compare equal to another under YAML's rules without being the same text
//!   (plain keys that look like numbers or null), a `<<` key, a key that is not a scalar;
//! - a duplicate key; more than one document or none;
//! - nesting or node counts near [`MAX_NESTING`] and [`MAX_NODES`].
//!
//! The scalar helpers below follow serde-saphyr 2.1's `parse_scalars.rs` (MIT OR Apache-2.0)
//! with its default options.

mod scan;

use super::tree::{self, Key, Kind, MAX_NESTING, MAX_NODES, Node, ParseError};
use granit_parser::{Event, Parser, ScalarStyle, Span};
use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

/// Parses `text` as one YAML document: the scanner, else the tree from parser events, else
/// serde-saphyr's path for anything both leave to it (see the module documentation).
pub fn parse(text: &str) -> Result<Node, ParseError> {
    if let Some(root) = scan::scan(text) {
        return Ok(root);
    }
    match build(text) {
        Some(root) => Ok(root),
        None => super::saphyr::parse(text),
    }
}

/// Whether the scanner, where it decides `text`, gives the tree the parser's events give: what
/// the fuzz target `yaml_scan` holds for any text.
#[doc(hidden)]
pub fn scan_agrees(text: &str) -> bool {
    match scan::scan(text) {
        None => true,
        // Debug text: `NaN != NaN`, yet two trees holding NaN at the same place agree.
        Some(fast) => build(text)
            .is_some_and(|slow| fast == slow || format!("{fast:?}") == format!("{slow:?}")),
    }
}

/// Stop the fast path below the limits, so that serde-saphyr reports any breach itself.
const FAST_MAX_DEPTH: usize = MAX_NESTING - 2;
const FAST_MAX_NODES: usize = MAX_NODES - 2;
/// Above this many entries a mapping checks its keys for duplicates with a hash set.
const LINEAR_KEYS: usize = 16;

enum Frame {
    Seq {
        span: Range<usize>,
        items: Vec<Node>,
    },
    Map {
        span: Range<usize>,
        entries: Vec<(Key, Node)>,
        key: Option<Key>,
        seen: Option<HashSet<String>>,
    },
}

fn byte_range(span: &Span) -> Range<usize> {
    match (span.start.byte_offset(), span.end.byte_offset()) {
        (Some(s), Some(e)) => s..s.max(e),
        (Some(s), None) => s..s,
        _ => 0..0,
    }
}

/// The tree of `text`, or `None` when serde-saphyr's path must decide.
pub(super) fn build(text: &str) -> Option<Node> {
    let options = granit_parser::options! {
        block_nesting_limit: granit_parser::Options::default()
            .block_nesting_limit
            .max(MAX_NESTING + 1),
        emit_comments: false,
    };
    let mut parser = Parser::new_from_str_with_options(text, options);
    let mut tree = Builder::default();
    while let Some(item) = parser.next_event() {
        let (event, span) = item.ok()?;
        match event {
            Event::StreamStart | Event::DocumentEnd => {}
            Event::StreamEnd => break,
            Event::DocumentStart(..) => tree.document()?,
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                tree.on_scalar(value, style, byte_range(&span))?;
            }
            Event::SequenceStart(_, anchor, ref tag) | Event::MappingStart(_, anchor, ref tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                tree.open(matches!(event, Event::SequenceStart(..)), byte_range(&span))?;
            }
            Event::SequenceEnd | Event::MappingEnd => tree.on_end()?,
            _ => return None,
        }
    }
    tree.finish(text)
}

/// The tree as the events build it (the parser's, or the scanner's): the collections open, the
/// root once closed, and what has been counted against the limits. Each step gives `None` where
/// serde-saphyr's path must decide.
#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
    nodes: usize,
    documents: usize,
}

impl Builder {
    /// A document starts: one only.
    fn document(&mut self) -> Option<()> {
        self.documents += 1;
        (self.documents <= 1).then_some(())
    }

    /// One more node, below the fast path's limit.
    fn count(&mut self) -> Option<()> {
        self.nodes += 1;
        (self.nodes <= FAST_MAX_NODES).then_some(())
    }

    /// A sequence (`seq`) or a mapping starts, as a value: never as a key.
    fn open(&mut self, seq: bool, span: Range<usize>) -> Option<()> {
        if self.stack.len() >= FAST_MAX_DEPTH {
            return None;
        }
        if let Some(Frame::Map { key: None, .. }) = self.stack.last() {
            return None; // a key that is a collection
        }
        self.count()?;
        self.stack.push(if seq {
            Frame::Seq {
                span,
                items: Vec::new(),
            }
        } else {
            Frame::Map {
                span,
                entries: Vec::new(),
                key: None,
                seen: None,
            }
        });
        Some(())
    }

    /// A scalar event at `span`: the key of the mapping open when it awaits one, kept for its
    /// value; else a value node, placed where it belongs.
    fn on_scalar(
        &mut self,
        value: Cow<'_, str>,
        style: ScalarStyle,
        span: Range<usize>,
    ) -> Option<()> {
        self.count()?;
        if let Some(Frame::Map { key, .. }) = self.stack.last_mut()
            && key.is_none()
        {
            if !plain_key_is_text(&value, style) {
                return None;
            }
            *key = Some(Key {
                text: value.into_owned(),
                span,
            });
            return Some(());
        }
        self.place(Node {
            span: span.clone(),
            defined: span,
            kind: resolve(value.into_owned(), style),
        })
    }

    /// The end event of the collection open: its node placed where it belongs; a mapping must
    /// not end on a key without a value.
    fn on_end(&mut self) -> Option<()> {
        let node = match self.stack.pop()? {
            Frame::Seq { span, items } => container(span, Kind::Seq(items)),
            Frame::Map { key: Some(_), .. } => return None,
            Frame::Map { span, entries, .. } => container(span, Kind::Map(entries)),
        };
        self.place(node)
    }

    /// A finished node goes where it belongs: the root, an item of the sequence open, or the
    /// value of the mapping's key, whose keys must all differ.
    fn place(&mut self, node: Node) -> Option<()> {
        match self.stack.last_mut() {
            None => {
                if self.root.is_some() {
                    return None;
                }
                self.root = Some(node);
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries, key, seen, ..
            }) => {
                let key = key.take()?;
                if let Some(seen) = seen {
                    if !seen.insert(key.text.clone()) {
                        return None;
                    }
                } else if entries.iter().any(|(k, _)| k.text == key.text) {
                    return None;
                } else if entries.len() >= LINEAR_KEYS {
                    let mut set: HashSet<String> =
                        entries.iter().map(|(k, _)| k.text.clone()).collect();
                    set.insert(key.text.clone());
                    *seen = Some(set);
                }
                entries.push((key, node));
            }
        }
        Some(())
    }

    /// The tree, once the events ended with every collection closed after one document.
    fn finish(self, text: &str) -> Option<Node> {
        if !self.stack.is_empty() || self.documents != 1 {
            return None;
        }
        let mut root = self.root?;
        tree::widen_flow(&mut root, text);
        Some(root)
    }
}

/// A collection node, widened as [`tree::widen_container`] says.
fn container(span: Range<usize>, kind: Kind) -> Node {
    let defined = span.clone();
    let span = tree::widen_container(span, &kind);
    Node {
        span,
        defined,
        kind,
    }
}

/// Whether a key is read as its text under every rule serde-saphyr applies to keys: not a merge
/// key, not null-like, and not a plain scalar that could compare equal to another spelling of
/// the same number.
fn plain_key_is_text(value: &str, style: ScalarStyle) -> bool {
    if style != ScalarStyle::Plain {
        return true;
    }
    match value.as_bytes().first() {
        None => false,
        Some(b) if b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'~' | b'<') => false,
        _ => !matches!(value, "null" | "Null" | "NULL"),
    }
}

/// An untagged scalar as serde-saphyr's `deserialize_any` reads it with the loader's options.
fn resolve(value: String, style: ScalarStyle) -> Kind {
    if style != ScalarStyle::Plain {
        return Kind::Str(value);
    }
    if matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL") {
        return Kind::Null;
    }
    if let Some(b) = parse_yaml11_bool(&value) {
        return Kind::Bool(b);
    }
    let t = yaml_trim(&value);
    if let Some(rest) = t.strip_prefix('-') {
        if !leading_zero_decimal(t)
            && let Some(v) = parse_int(rest, true).and_then(|v| i64::try_from(v).ok())
        {
            return Kind::Int(v.into());
        }
    } else if let Some(v) =
        parse_int(t.strip_prefix('+').unwrap_or(t), false).and_then(|v| u64::try_from(v).ok())
    {
        return Kind::Int(v.into());
    }
    if let Some(v) = parse_float(t) {
        return Kind::Float(v);
    }
    Kind::Str(value)
}

fn yaml_trim(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\r', '\n'])
}

fn parse_yaml11_bool(s: &str) -> Option<bool> {
    let t = yaml_trim(s);
    let is = |w: &str| t.eq_ignore_ascii_case(w);
    if is("true") || is("yes") || is("y") || is("on") {
        Some(true)
    } else if is("false") || is("no") || is("n") || is("off") {
        Some(false)
    } else {
        None
    }
}

fn leading_zero_decimal(t: &str) -> bool {
    let s = yaml_trim(t);
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    digits.len() > 1 && digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit())
}

/// An integer without its sign (`rest`), in decimal or with a `0x`/`0o`/`0b` prefix; `_` only
/// between digits. Decimal integers with a redundant leading zero are not integers.
fn parse_int(rest: &str, negative: bool) -> Option<i128> {
    let (radix, digits) = if let Some(r) = rest.strip_prefix("0x").or(rest.strip_prefix("0X")) {
        (16, r)
    } else if let Some(r) = rest.strip_prefix("0o").or(rest.strip_prefix("0O")) {
        (8, r)
    } else if let Some(r) = rest.strip_prefix("0b").or(rest.strip_prefix("0B")) {
        (2, r)
    } else {
        (10, rest)
    };
    if radix == 10 && digits.starts_with('0') && digits != "0" {
        return None;
    }
    let bytes = digits.as_bytes();
    let mut magnitude: u128 = 0;
    let mut saw = false;
    for (i, &b) in bytes.iter().enumerate() {
        let d = match b {
            b'_' => {
                if i == 0 || bytes[i - 1] == b'_' || i + 1 >= bytes.len() || bytes[i + 1] == b'_' {
                    return None;
                }
                continue;
            }
            b'0'..=b'9' => u32::from(b - b'0'),
            b'a'..=b'f' if radix > 10 => 10 + u32::from(b - b'a'),
            b'A'..=b'F' if radix > 10 => 10 + u32::from(b - b'A'),
            _ => return None,
        };
        if d >= radix {
            return None;
        }
        magnitude = magnitude
            .checked_mul(u128::from(radix))?
            .checked_add(u128::from(d))?;
        saw = true;
    }
    if !saw {
        return None;
    }
    if negative {
        if magnitude == i128::MAX as u128 + 1 {
            Some(i128::MIN)
        } else {
            i128::try_from(magnitude).ok()?.checked_neg()
        }
    } else {
        i128::try_from(magnitude).ok()
    }
}

/// A YAML 1.2 float (`.inf`, `.nan` with their spellings, or what Rust reads as a finite
/// `f64`), or a numeral that overflows `f64` (`1e999`, read as infinite).
fn parse_float(t: &str) -> Option<f64> {
    let (negative, unsigned) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    match unsigned {
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        ".inf" | ".Inf" | ".INF" if negative => return Some(f64::NEG_INFINITY),
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        _ => {}
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Some(v),
        Ok(v) if v.is_infinite() && unsigned.as_bytes().first().is_some_and(u8::is_ascii_digit) => {
            Some(v)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Inputs chosen for the corners of YAML the loader must read exactly as before.
    pub(super) const TRICKY: &[&str] = &[
        "",
        "# only a comment\n",
        "---\n",
        "---\n...\n",
        "a: 1\n",
        "a: 1\n---\nb: 2\n",
        "--- a\n--- b\n",
        "a: &x 1\nb: *x\n",
        "a: &x {p: 1, q: [1, 2]}\nb: *x\nc: *x\n",
        "base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\n",
        "base: &b {x: 1}\nother: &o {z: 2}\nd:\n  <<: [*b, *o]\n",
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n\
         b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n\
         d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n\
         f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n",
        "x: [1, [2, {a: [3, {b: c}]}], {}]\n",
        "x: {a: [1, 2], b: {c: d}, e: []}\n",
        "markets: [ ES , BR ]\nq: { a : 1 }\n",
        "text: this is\n  a multi-line\n  plain scalar\nnext: 1\n",
        "lit: |\n  line one\n  line two\nfold: >\n  folded\n  text\n\nkeep: |+\n  x\n\nstrip: >-\n  y\n",
        "\"quoted key\": 1\n'single': 2\n? complex\n: 3\n",
        "a: 1\r\nb:\r\n  - x\r\n  - y\r\n",
        "\u{feff}a: 1\nb: 2\n",
        "a:\n\tb: 1\n",
        "a: 1\na: 2\n",
        "a: 1\n\"a\": 2\n",
        "1: a\n0x1: b\n",
        "1: a\n01: b\n",
        "n: 1\ny: 2\nyes: 3\nno: 4\non: 5\noff: 6\ntrue: 7\nnull: 8\n",
        "~: 1\n",
        ": 1\n",
        "[a]: 1\n",
        "{a: 1}: 2\n",
        "<<: {a: 1}\n",
        "v: [~, null, Null, NULL, '', \"\", y, Y, yes, No, ON, off, True, FALSE]\n",
        "v: [0, -0, +1, -1, 007, -007, 0x1F, 0o17, 0b101, 1_000, 1__0, _1, 1_, 0x_1]\n",
        "v: [1.5, -1.5, .5, 5., 1e3, 1E-3, +.inf, -.Inf, .NAN, inf, nan, infinity, 1e999, -1e999]\n",
        "v: [18446744073709551615, 18446744073709551616, -9223372036854775808, \
         -9223372036854775809, 170141183460469231731687303715884105728]\n",
        "postal: 01310100\nphone: +34 600 000 000\ndate: 2024-01-31\ntime: 12:30\n",
        "v: !!str 1\nw: !!int \"2\"\nx: !custom y\n",
        "s: 'it''s'\nd: \"tab\\tnew\\nline \\u00e9\"\n",
        "- a\n- b: 1\n  c: 2\n- - x\n  - y\n-\n- ''\n",
        "a:\nb:\n  c:\n",
        "a: b: c\n",
        "a: [1, 2\nb: 3\n",
        "a: {b: 1\n",
        "a: [1}\n",
        "a: \"abc\n",
        "a: @x\n",
        "a: *x\n",
        "a: \"\\q\"\n",
        "a: |0\n  x\n",
        "- a\nb: 1\n",
        "a: 1 # c\nb #c\n",
        "a: 1#c\n",
        "]\n",
        "key: value # trailing comment\n# comment\nother: 2 # c\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: 中文\n键: 值\n\"ключ\": 'значение'\n",
        "a:    \n  - 1\n  -   2\n",
        "a: 1\n...\n",
        "plain",
        "\"just a string\"",
        "[1, 2, 3]",
        "- 1\n- 2\n",
        "a: [\n  1,\n  2,\n]\n",
        "a: {x: 1,\n  y: 2}\n",
    ];

    fn same(a: &Result<Node, ParseError>, b: &Result<Node, ParseError>) -> bool {
        match (a, b) {
            // Debug text: `NaN != NaN`, yet two trees holding NaN at the same place agree.
            (Ok(a), Ok(b)) => a == b || format!("{a:?}") == format!("{b:?}"),
            (Err(a), Err(b)) => a.kind == b.kind && a.offset == b.offset && a.key == b.key,
            _ => false,
        }
    }

    /// Checks one text both ways; returns whether the event builder decided it alone.
    fn check(text: &str, label: &str) -> bool {
        let reference = crate::load::saphyr::parse(text);
        let fast = build(text);
        if let Some(node) = &fast {
            let ok = Ok(node.clone());
            assert!(
                same(&ok, &reference),
                "{label}: {text:?}\nevents: {node:#?}\nserde:  {reference:#?}"
            );
        }
        assert!(same(&parse(text), &reference), "{label}: {text:?}");
        fast.is_some()
    }

    pub(super) fn yaml_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                yaml_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(path);
            }
        }
    }

    pub(super) fn variants(text: &str) -> Vec<String> {
        let mut out = vec![
            text.to_owned(),
            text.replace('\n', "\r\n"),
            format!("\u{feff}{text}"),
        ];
        // Cut at a few places, on character boundaries: unfinished documents.
        let n = text.len();
        for i in 1..8 {
            let mut at = n * i / 8;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            out.push(text[..at].to_owned());
        }
        out
    }

    #[test]
    fn tricky_inputs_read_the_same_both_ways() {
        let mut fast = 0;
        for text in TRICKY {
            for v in variants(text) {
                fast += usize::from(check(&v, "tricky"));
            }
        }
        let deep_flow = format!("a: {}{}", "[".repeat(200), "]".repeat(200));
        let deep_block: String = (0..100)
            .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
            .collect();
        let near_limit: String = (0..MAX_NESTING - 3)
            .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
            .collect();
        let wide = format!("a: [{}]\n", vec!["1"; MAX_NODES + 10].join(","));
        let many_keys: String = (0..5000).map(|i| format!("k{i}: {i}\n")).collect();
        let many_keys_dup = format!("{many_keys}k4999: again\n");
        // serde-saphyr's path recurses once per level with large frames: give it room.
        let run = |text: String| {
            std::thread::Builder::new()
                .stack_size(256 << 20)
                .spawn(move || check(&text, "generated"))
                .unwrap()
                .join()
                .unwrap()
        };
        for text in [
            deep_flow,
            deep_block,
            near_limit,
            wide,
            many_keys.clone(),
            many_keys_dup,
        ] {
            run(text);
        }
        assert!(run(many_keys));
        assert!(fast > TRICKY.len(), "the event builder decided only {fast}");
    }

    #[test]
    fn every_yaml_file_in_the_repository_reads_the_same_both_ways() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        yaml_files(&root.join("fixtures"), &mut files);
        yaml_files(&root.join("tests"), &mut files);
        assert!(files.len() > 20, "found only {} YAML files", files.len());
        let (mut fast, mut whole) = (0, 0);
        for path in &files {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let label = path.display().to_string();
            if check(&text, &label) {
                whole += 1;
            }
            for v in variants(&text) {
                fast += usize::from(check(&v, &label));
            }
        }
        // Most documents are plain mappings: the event builder must decide them itself.
        assert!(
            whole * 2 > files.len(),
            "the event builder decided {whole} of {} files",
            files.len()
        );
        assert!(fast > 0);
    }
}

#[cfg(test)]
mod tree_tests {
    use super::*;
    use crate::load::tree::ParseErrorKind;

    #[test]
    fn keys_stay_strings_and_values_keep_spans() {
        let text = "n: 1\npostal: 01310100\nq: \"CP 28009\"\n";
        let root = parse(text).unwrap();
        let (k, v) = root.entry("n").unwrap();
        assert_eq!(&text[k.span.clone()], "n");
        assert_eq!(v.kind, Kind::Int(1));
        assert_eq!(&text[root.get("postal").unwrap().span.clone()], "01310100");
        assert_eq!(&text[root.get("q").unwrap().span.clone()], "\"CP 28009\"");
    }

    #[test]
    fn flow_collections_span_to_their_closing_bracket() {
        let text = "markets: [ES, BR]\nx: {a: [1], b: 2}\n";
        let root = parse(text).unwrap();
        assert_eq!(&text[root.get("markets").unwrap().span.clone()], "[ES, BR]");
        let x = root.get("x").unwrap();
        assert_eq!(&text[x.span.clone()], "{a: [1], b: 2}");
        assert_eq!(&text[x.get("a").unwrap().span.clone()], "[1]");
    }

    #[test]
    fn errors_are_classified() {
        assert_eq!(
            parse("a: 1\na: 2\n").unwrap_err().kind,
            ParseErrorKind::DuplicateKey
        );
        assert_eq!(
            parse("a: 1\n---\nb: 2\n").unwrap_err().kind,
            ParseErrorKind::MultipleDocuments
        );
        let deep = format!("a: {}{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(parse(&deep).unwrap_err().kind, ParseErrorKind::TooDeep);
        let err = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::ColonInBrackets);
        assert!(err.offset.is_some());
    }

    /// The parser's errors as the mistakes a person makes, from its error kinds.
    #[test]
    fn syntax_errors_are_named_by_their_mistake() {
        use ParseErrorKind as K;
        for (text, kind) in [
            ("a: 1\na: 2\n", K::DuplicateKey),
            ("a: \"abc\n", K::UnclosedQuote),
            ("a: {b: 1\n", K::UnclosedBracket('{')),
            (
                "a: [1}\n",
                K::MismatchedBracket {
                    open: '[',
                    close: '}',
                },
            ),
            ("a:\n\tb: 1\n", K::Tab),
            ("a: 1 # c\nb #c\n", K::MissingColon),
            ("a: b: c\n", K::MappingNotAllowed),
            ("- a\nb: 1\n", K::ListAndMappingMixed),
            ("a: @x\n", K::ReservedCharacter('@')),
            ("a: *x\n", K::UnknownAnchor),
            ("a: \"\\q\"\n", K::BadEscape),
            ("a: |0\n  x\n", K::Indentation),
        ] {
            assert_eq!(parse(text).map_err(|e| e.kind), Err(kind), "{text:?}");
        }
        assert_eq!(parse("a: 1\na: 2\n").unwrap_err().key.as_deref(), Some("a"));
    }
}
