//! The modules of `src/` form layers whose arrows point one way: a module may use its own layer
//! and the layers below it, never one above; and no two modules, nor two files, use each other
//! in a circle, whatever their layers. `ARCHITECTURE.md` draws the same list.
//!
//! Every path a source file names counts: `use` trees (`crate::{a, b::{c, d}}`), paths written
//! in the code (`crate::render::json::finding_value(…)`), `super::` (resolved against the file's
//! own module), `selfcheck::` in the binary, `$crate::` in macros, and `pub use` re-exports; a
//! name re-exported at the crate root (`crate::Report`) counts as the module it comes from, as
//! `src/lib.rs` says. Test modules (`#[cfg(test)]`) are left out: a test may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Bottom first: each layer's name and its top-level modules.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "base: codes, files and spans, findings, declarations and the catalogue, report types, showing untrusted text, files replaced whole",
        &[
            "code",
            "source",
            "finding",
            "catalogue",
            "report",
            "date",
            "untrusted",
            "declaration",
            "atomic",
        ],
    ),
    (
        "the documents as types, the market table",
        &["model", "markets"],
    ),
    (
        "reading: text to typed documents, where submissions are, mistakes in our own files",
        &["load", "discover", "schema", "mistake"],
    ),
    (
        "the checks: built-in rules and rule packs",
        &["rules", "pack"],
    ),
    (
        "what tunes them: configuration and policy",
        &["config", "policy"],
    ),
    ("the run", &["run"]),
    (
        "what is done with a run: forecast, fixes, templates",
        &["forecast", "fix", "init"],
    ),
    ("every output format", &["render"]),
    (
        "the programs: command line and language server",
        &["cli", "main", "server"],
    ),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS
        .iter()
        .position(|(_, modules)| modules.contains(&module))
}

/// A source file: its module path (`["render", "html", "page"]`; `[]` for lib.rs) and the text
/// that counts (comments, string literals and test modules taken out).
struct SourceFile {
    rel: PathBuf,
    module: Vec<String>,
    code: String,
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn source_files() -> Vec<SourceFile> {
    let src = src();
    let mut files = Vec::new();
    for path in crate::common::rust_files(&src) {
        let rel = path.strip_prefix(&src).expect("below src").to_path_buf();
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        files.push(SourceFile {
            module: module_path(&rel),
            code: without_tests(&strip(&text)),
            rel,
        });
    }
    files
}

/// `render/html/page.rs` → `render::html::page`; `mod.rs` names its folder; `lib.rs` is the
/// root; `main.rs` is the module `main` (the binary, above everything).
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts == ["lib"] {
        parts.clear();
    }
    parts
}

/// The text with comments and string and character literals blanked (so that braces and paths
/// inside them do not count).
fn strip(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && is_raw_start(&b, i) {
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
            continue;
        } else if c == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            out.push_str("\"\"");
        } else if c == '\'' && is_char_literal(&b, i) {
            i += 1;
            while i < b.len() && b[i] != '\'' {
                if b[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            out.push_str("' '");
        } else {
            out.push(c);
        }
        i += 1;
    }
    out
}

/// Whether `r` at `i` starts a raw string (`r"…"`, `r#"…"#`), not an identifier ending in r.
fn is_raw_start(b: &[char], i: usize) -> bool {
    let before = i.checked_sub(1).map(|p| b[p]);
    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
        return false;
    }
    let mut j = i + 1;
    while b.get(j) == Some(&'#') {
        j += 1;
    }
    b.get(j) == Some(&'"')
}

/// Whether `'` at `i` opens a character literal (`'{'`, `'\n'`), not a lifetime.
fn is_char_literal(b: &[char], i: usize) -> bool {
    match b.get(i + 1) {
        Some('\\') => true,
        Some(_) => b.get(i + 2) == Some(&'\''),
        None => false,
    }
}

/// The code without the items marked `#[cfg(test)]`.
fn without_tests(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        // The item ends at its closing brace, or at `;` for an item without a body.
        let (brace, semi) = (after.find('{'), after.find(';'));
        let end = match (brace, semi) {
            (Some(b), Some(s)) if s < b => s + 1,
            (Some(b), _) => {
                let mut depth = 0;
                let mut end = after.len();
                for (i, c) in after[b..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = b + i + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            (None, Some(s)) => s + 1,
            (None, None) => after.len(),
        };
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Every path the code names, as segments from the crate root: `use` trees expanded, `super::`
/// resolved against `module`, `selfcheck::` and `$crate::` read as `crate::`.
fn paths(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    // `use` trees.
    let mut rest = code;
    let mut outside = String::new();
    while let Some(at) = find_use(rest) {
        outside.push_str(&rest[..at]);
        let stmt_start = at + rest[at..].find("use ").map_or(0, |u| u + 4);
        let end = rest[stmt_start..]
            .find(';')
            .map_or(rest.len(), |e| stmt_start + e);
        expand(&rest[stmt_start..end], Vec::new(), &mut found);
        rest = &rest[(end + 1).min(rest.len())..];
    }
    outside.push_str(rest);
    // Paths written in the code.
    for prefix in ["crate::", "super::", "selfcheck::"] {
        let mut from = 0;
        while let Some(at) = outside[from..].find(prefix) {
            let start = from + at;
            from = start + prefix.len();
            let before = outside[..start].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let path: String = outside[start..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            found.push(path.split("::").map(str::to_owned).collect());
        }
    }
    found
        .into_iter()
        .filter_map(|p| resolve(p, module))
        .collect()
}

/// The next `use` statement (`use`, `pub use`, `pub(crate) use`) at the start of a statement.
fn find_use(code: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = code[from..].find("use ") {
        let start = from + at;
        from = start + 4;
        let before = code[..start].trim_end();
        let starts_statement = before.is_empty()
            || before.ends_with([';', '{', '}', ']'])
            || before.ends_with("pub")
            || before.ends_with(')') && before.trim_end_matches(')').ends_with("crate");
        let glued = code[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if starts_statement && !glued {
            return Some(start);
        }
    }
    None
}

/// Expands a `use` tree into its paths.
fn expand(tree: &str, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    if let Some(brace) = tree.find('{') {
        let mut base = prefix;
        base.extend(
            tree[..brace]
                .split("::")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
        );
        let inner = &tree[brace + 1..tree.rfind('}').unwrap_or(tree.len())];
        // Split at top-level commas.
        let (mut depth, mut last) = (0, 0);
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&inner[last..i], base.clone(), out);
                    last = i + 1;
                }
                _ => {}
            }
        }
        expand(&inner[last..], base, out);
    } else {
        let name = tree.split(" as ").next().unwrap_or("").trim();
        if name.is_empty() {
            return;
        }
        let mut path = prefix;
        path.extend(name.split("::").map(|s| s.trim().to_owned()));
        out.push(path);
    }
}

/// A path from the crate root, or `None` for one outside the crate (`std::…`, a dependency).
fn resolve(path: Vec<String>, module: &[String]) -> Option<Vec<String>> {
    let mut segs = path.into_iter().peekable();
    let first = segs.peek()?.clone();
    let mut base: Vec<String> = match first.as_str() {
        "crate" | "$crate" | "selfcheck" => {
            segs.next();
            Vec::new()
        }
        "super" | "self" => {
            // `super` of a file's module: its parent.
            let mut base = module.to_vec();
            while segs.peek().is_some_and(|s| s == "super" || s == "self") {
                if segs.next().is_some_and(|s| s == "super") {
                    base.pop()?;
                }
            }
            base
        }
        _ => return None,
    };
    base.extend(segs.filter(|s| !s.is_empty() && s != "*"));
    Some(base)
}

/// The names `src/lib.rs` re-exports at the crate root, and the module each comes from.
fn root_items(files: &[SourceFile]) -> BTreeMap<String, String> {
    let lib = files
        .iter()
        .find(|f| f.module.is_empty())
        .expect("src/lib.rs");
    let mut items = BTreeMap::new();
    let mut uses = Vec::new();
    let mut rest = lib.code.as_str();
    while let Some(at) = rest.find("pub use ") {
        let start = at + "pub use ".len();
        let end = rest[start..].find(';').map_or(rest.len(), |e| start + e);
        expand(&rest[start..end], Vec::new(), &mut uses);
        rest = &rest[end..];
    }
    for path in uses {
        if let (Some(module), Some(name)) = (path.first(), path.last()) {
            items.insert(name.clone(), module.clone());
        }
    }
    // `#[macro_export]` macros live at the root: `crate::text!` is `finding`'s.
    for f in files {
        let mut rest = f.code.as_str();
        while let Some(at) = rest.find("#[macro_export]") {
            rest = &rest[at..];
            if let Some(name) = rest
                .find("macro_rules!")
                .map(|m| rest[m + "macro_rules!".len()..].trim_start())
                .map(|s| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_'))
            {
                let name: String = name.collect();
                if let Some(top) = f.module.first() {
                    items.insert(name, top.clone());
                }
            }
            rest = &rest["#[macro_export]".len()..];
        }
    }
    items
}

/// The top-level module a path from the crate root names.
fn top_module(path: &[String], root: &BTreeMap<String, String>) -> Option<String> {
    let first = path.first()?;
    let name = first.trim_end_matches('!');
    if layer_of(name).is_some() {
        return Some(name.to_owned());
    }
    root.get(name).cloned()
}

/// The file a path from the crate root lands in: the longest prefix that is a file of `src/`.
fn file_of(
    path: &[String],
    modules: &BTreeMap<Vec<String>, PathBuf>,
    root: &BTreeMap<String, String>,
) -> Option<PathBuf> {
    let mut path = path.to_vec();
    if let Some(first) = path.first()
        && layer_of(first.trim_end_matches('!')).is_none()
        && let Some(module) = root.get(first.trim_end_matches('!'))
    {
        path.insert(0, module.clone());
    }
    (1..=path.len())
        .rev()
        .find_map(|n| modules.get(&path[..n]).cloned())
}

struct Graph {
    /// Top-level module → the top-level modules it uses, with one file and path each.
    modules: BTreeMap<String, BTreeMap<String, String>>,
    /// File → the files it uses.
    files: BTreeMap<PathBuf, BTreeSet<PathBuf>>,
    unplaced: BTreeSet<String>,
}

fn graph() -> Graph {
    let files = source_files();
    let root = root_items(&files);
    let modules: BTreeMap<Vec<String>, PathBuf> = files
        .iter()
        .filter(|f| !f.module.is_empty())
        .map(|f| (f.module.clone(), f.rel.clone()))
        .collect();
    let mut g = Graph {
        modules: BTreeMap::new(),
        files: BTreeMap::new(),
        unplaced: BTreeSet::new(),
    };
    for f in &files {
        let Some(own) = f.module.first() else {
            continue; // lib.rs: the root only declares and re-exports.
        };
        if layer_of(own).is_none() {
            g.unplaced.insert(own.clone());
        }
        for path in paths(&f.code, &f.module) {
            if let Some(used) = top_module(&path, &root)
                && used != *own
            {
                g.modules
                    .entry(own.clone())
                    .or_default()
                    .entry(used)
                    .or_insert_with(|| format!("{}: {}", f.rel.display(), path.join("::")));
            }
            if let Some(file) = file_of(&path, &modules, &root)
                && file != f.rel
                && !is_ancestor_declaration(&f.rel, &file)
            {
                g.files.entry(f.rel.clone()).or_default().insert(file);
            }
        }
    }
    g
}

/// Whether `used` is a folder's `mod.rs` above `file`: a child naming its parent module is how
/// Rust modules are declared and reached (`super::Ctx`), counted among the modules, not as a
/// file circle with the parent's `mod` declarations.
fn is_ancestor_declaration(file: &Path, used: &Path) -> bool {
    used.file_name().is_some_and(|n| n == "mod.rs")
        && used.parent().is_some_and(|dir| file.starts_with(dir))
}

#[test]
fn every_module_is_in_a_layer_and_uses_only_its_own_or_lower_ones() {
    let g = graph();
    assert!(
        g.unplaced.is_empty(),
        "top-level modules missing from LAYERS: {:?}",
        g.unplaced
    );
    let mut upward = Vec::new();
    for (module, used) in &g.modules {
        let own = layer_of(module).unwrap_or(0);
        for (target, example) in used {
            if layer_of(target).is_some_and(|layer| layer > own) {
                upward.push(format!("{module} uses {target} ({example})"));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "uses of a higher layer:\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_two_modules_use_each_other_even_in_one_layer() {
    let g = graph();
    let edges: BTreeMap<String, BTreeSet<String>> = g
        .modules
        .iter()
        .map(|(m, used)| (m.clone(), used.keys().cloned().collect()))
        .collect();
    let cycles = cycles(&edges);
    assert!(
        cycles.is_empty(),
        "modules in a circle: {}",
        cycles
            .iter()
            .map(|c| c.join(" -> "))
            .collect::<Vec<_>>()
            .join("; ")
    );
}

#[test]
fn no_two_files_use_each_other() {
    let g = graph();
    let edges: BTreeMap<String, BTreeSet<String>> = g
        .files
        .iter()
        .map(|(f, used)| {
            (
                f.display().to_string(),
                used.iter().map(|u| u.display().to_string()).collect(),
            )
        })
        .collect();
    let cycles = cycles(&edges);
    assert!(
        cycles.is_empty(),
        "files in a circle: {}",
        cycles
            .iter()
            .map(|c| c.join(" -> "))
            .collect::<Vec<_>>()
            .join("; ")
    );
}

/// The circles of a graph: one path for each strongly connected part of more than one node.
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Tarjan's algorithm, iterative enough for a few hundred nodes.
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        next: usize,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        if let Some(out) = s.edges.get(v) {
            for w in out {
                let w = w.as_str();
                if !s.index.contains_key(w) {
                    visit(s, w);
                    let lw = s.low[w];
                    let lv = s.low[v];
                    s.low.insert(v, lv.min(lw));
                } else if s.on_stack.contains(w) {
                    let iw = s.index[w];
                    let lv = s.low[v];
                    s.low.insert(v, lv.min(iw));
                }
            }
        }
        if s.low[v] == s.index[v] {
            let mut part = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                part.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if part.len() > 1 {
                part.reverse();
                s.found.push(part);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    let nodes: BTreeSet<&str> = edges
        .iter()
        .flat_map(|(k, v)| std::iter::once(k.as_str()).chain(v.iter().map(String::as_str)))
        .collect();
    for v in nodes {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.found
}

#[test]
fn the_check_reads_every_kind_of_path() {
    let module = |m: &str| m.split("::").map(str::to_owned).collect::<Vec<_>>();
    let found = |code: &str, m: &str| {
        paths(&without_tests(&strip(code)), &module(m))
            .into_iter()
            .map(|p| p.join("::"))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        found(
            "use crate::{finding::{Finding, Place}, report::Counts as C};",
            "run"
        ),
        ["finding::Finding", "finding::Place", "report::Counts"]
    );
    assert_eq!(
        found("pub use crate::render::json;", "fix"),
        ["render::json"]
    );
    assert_eq!(
        found("fn f() { crate::forecast::outlook(); }", "run"),
        ["forecast::outlook"]
    );
    assert_eq!(
        found("use super::super::render::Settings;", "forecast::days"),
        ["render::Settings"]
    );
    assert_eq!(found("use super::Ctx;", "rules::cus"), ["rules::Ctx"]);
    assert_eq!(
        found("let x = selfcheck::run::lint();", "main"),
        ["run::lint"]
    );
    assert_eq!(
        found(
            "macro_rules! m { () => { $crate::render::x() } }",
            "finding"
        ),
        ["render::x"]
    );
    // Not in comments, strings or test modules.
    assert!(found("// crate::render::x\nlet s = \"crate::render::y\";", "run").is_empty());
    assert!(found("#[cfg(test)]\nmod tests { use crate::render::x; }", "run").is_empty());
    assert_eq!(
        found(
            "#[cfg(test)]\nmod tests { fn f() { let c = '{'; } }\nuse crate::render::x;",
            "run"
        ),
        ["render::x"]
    );
    assert!(layer_of("render") > layer_of("run"));
    assert!(layer_of("run") > layer_of("policy"));
}

#[test]
fn the_circle_check_sees_a_circle() {
    let edges: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(cycles(&edges), [vec!["a", "b", "c"]]);
}
