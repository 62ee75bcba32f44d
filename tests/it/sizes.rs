//! Files and functions a person can hold: no source file of `src/` is over [`MAX_FILE_LINES`]
//! lines before its test module, and no function is over [`MAX_FN_LINES`] lines. What is over is
//! split by concern — a module folder with a file of one concern each, a function into named
//! steps — not cut anywhere.
//!
//! The few still over are named in [`STILL_OVER`], each with why. The list only shrinks: an
//! entry that is no longer over fails too, so that it is taken off the list.
//!
//! The scan reads lines of rustfmt'd code: a file's code ends at its first unindented
//! `#[cfg(test)]`; a function starts at its `fn` line, at some indentation, and ends at the first
//! line after it that is exactly that indentation and `}`.

use crate::common::root;

/// The most lines a source file has before its test module.
const MAX_FILE_LINES: usize = 600;
/// The most lines a function has, from its `fn` line to its closing brace.
const MAX_FN_LINES: usize = 100;

/// What may still be over, each with why: the file (from the crate's root), the function (`""`
/// for the file itself) and the reason.
const STILL_OVER: &[(&str, &str, &str)] = &[];

/// A file or a function over its limit.
#[derive(Debug, PartialEq, Eq)]
struct Over {
    /// From the crate's root: `src/pack/read.rs`.
    file: String,
    /// The function's name; `None` for the file itself.
    function: Option<String>,
    lines: usize,
}

impl Over {
    /// Whether [`STILL_OVER`]'s entry `(file, function)` names it.
    fn is(&self, file: &str, function: &str) -> bool {
        self.file == file && self.function.as_deref().unwrap_or("") == function
    }

    fn describe(&self) -> String {
        match &self.function {
            None => format!(
                "{}: {} lines before its tests (at most {MAX_FILE_LINES})",
                self.file, self.lines
            ),
            Some(name) => format!(
                "{}: fn {name}, {} lines (at most {MAX_FN_LINES})",
                self.file, self.lines
            ),
        }
    }
}

/// The lines of `text` that are code: those before its first unindented `#[cfg(test)]`.
fn code_lines(text: &str) -> Vec<&str> {
    text.lines().take_while(|l| *l != "#[cfg(test)]").collect()
}

/// The name of the function a line starts (`pub(crate) const fn name(`), and its indentation.
fn fn_start(line: &str) -> Option<(&str, usize)> {
    let indent = line.len() - line.trim_start().len();
    let mut rest = line.trim_start();
    if let Some(after) = rest.strip_prefix("pub") {
        rest = match after.strip_prefix('(') {
            Some(scoped) => scoped.split_once(')')?.1,
            None => after,
        };
        rest = rest.trim_start();
    }
    loop {
        let before = rest;
        for qualifier in ["const ", "async ", "unsafe "] {
            rest = rest.strip_prefix(qualifier).unwrap_or(rest);
        }
        if let Some(abi) = rest.strip_prefix("extern \"") {
            rest = abi.split_once("\" ")?.1;
        }
        if rest == before {
            break;
        }
    }
    let name: &str = rest.strip_prefix("fn ")?;
    let end = name
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(name.len());
    (end > 0).then_some((&name[..end], indent))
}

/// The files and functions of one source file (`file`, its `text`) over their limits.
fn over_in(file: &str, text: &str) -> Vec<Over> {
    let lines = code_lines(text);
    let mut over = Vec::new();
    if lines.len() > MAX_FILE_LINES {
        over.push(Over {
            file: file.to_owned(),
            function: None,
            lines: lines.len(),
        });
    }
    for (at, line) in lines.iter().enumerate() {
        let Some((name, indent)) = fn_start(line) else {
            continue;
        };
        let trimmed = line.trim_end();
        // A declaration without a body, or a body on the `fn` line itself (`fn f() {}`).
        if trimmed.ends_with(';') || trimmed.ends_with('}') {
            continue;
        }
        let close = format!("{}}}", " ".repeat(indent));
        let Some(end) = lines[at + 1..].iter().position(|l| *l == close) else {
            continue;
        };
        let length = end + 2;
        if length > MAX_FN_LINES {
            over.push(Over {
                file: file.to_owned(),
                function: Some(name.to_owned()),
                lines: length,
            });
        }
    }
    over
}

/// Everything of `src/` over its limit, file by file.
fn over_in_src() -> Vec<Over> {
    let root = root();
    let mut over = Vec::new();
    for path in crate::common::rust_files(&root.join("src")) {
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let rel = path.strip_prefix(&root).expect("below the root");
        let file = rel
            .iter()
            .map(|p| p.to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        over.extend(over_in(&file, &text));
    }
    over
}

#[test]
fn no_file_or_function_is_over_its_limit() {
    let over: Vec<String> = over_in_src()
        .iter()
        .filter(|o| !STILL_OVER.iter().any(|(file, f, _)| o.is(file, f)))
        .map(Over::describe)
        .collect();
    assert!(
        over.is_empty(),
        "split these by concern (a module folder with a file of one concern each; a function into \
         named steps):\n{}",
        over.join("\n")
    );
}

#[test]
fn every_exception_is_still_over_and_says_why() {
    let over = over_in_src();
    let stale: Vec<String> = STILL_OVER
        .iter()
        .filter(|(file, f, _)| !over.iter().any(|o| o.is(file, f)))
        .map(|(file, f, _)| match *f {
            "" => (*file).to_owned(),
            f => format!("{file}: fn {f}"),
        })
        .collect();
    assert!(
        stale.is_empty(),
        "no longer over its limit: take it off STILL_OVER:\n{}",
        stale.join("\n")
    );
    for (file, f, why) in STILL_OVER {
        assert!(
            !why.trim().is_empty(),
            "{file} {f}: say why it is still over"
        );
    }
}

#[test]
fn the_scan_sees_a_function_and_a_file_over_their_limits() {
    let function = |name: &str, indent: &str, body_lines: usize| {
        let mut text = format!("{indent}pub(crate) fn {name}(x: u8) -> u8 {{\n");
        for _ in 0..body_lines {
            text.push_str(&format!("{indent}    let _ = x;\n"));
        }
        text.push_str(&format!("{indent}    x\n{indent}}}\n"));
        text
    };
    // 101 lines with its `fn` line and its closing brace; 100 lines.
    let long = function("long", "", 98);
    let short = function("short", "", 97);
    assert_eq!(long.lines().count(), 101);
    let text = format!(
        "{short}\nimpl S {{\n{}}}\n{long}",
        function("method", "    ", 98)
    );
    let over = over_in("src/x.rs", &text);
    let names: Vec<_> = over.iter().map(|o| o.function.as_deref()).collect();
    assert_eq!(names, [Some("method"), Some("long")]);
    assert!(over.iter().all(|o| o.lines == 101));
    // A declaration without a body and an empty body end on their own line.
    let text = format!("trait T {{\n    fn t(&self);\n    fn u(&self) {{}}\n}}\n{short}");
    assert!(over_in("src/x.rs", &text).is_empty());

    // 601 lines of code, then a test module that does not count; 600 lines.
    let lines = |n: usize| "// a line\n".repeat(n);
    let file = over_in("src/x.rs", &lines(601));
    assert_eq!(
        file,
        [Over {
            file: "src/x.rs".to_owned(),
            function: None,
            lines: 601
        }]
    );
    assert!(over_in("src/x.rs", &lines(600)).is_empty());
    let tested = format!(
        "{}#[cfg(test)]\nmod tests {{\n{}}}\n",
        lines(600),
        lines(300)
    );
    assert!(over_in("src/x.rs", &tested).is_empty());
    // A `#[cfg(test)]` inside a function is not the test module.
    let inner = format!("fn f() {{\n    #[cfg(test)]\n    g();\n}}\n{}", lines(600));
    assert_eq!(over_in("src/x.rs", &inner).len(), 1);
}

#[test]
fn a_fn_line_is_told_from_others() {
    assert_eq!(fn_start("fn run() {"), Some(("run", 0)));
    assert_eq!(
        fn_start("    pub fn new(out: W) -> Self {"),
        Some(("new", 4))
    );
    assert_eq!(fn_start("pub(super) fn page<'a>("), Some(("page", 0)));
    assert_eq!(fn_start("pub(in crate::x) const fn f() {"), Some(("f", 0)));
    assert_eq!(
        fn_start("    pub(crate) async unsafe fn g() {"),
        Some(("g", 4))
    );
    assert_eq!(fn_start("extern \"C\" fn h() {"), Some(("h", 0)));
    for not in [
        "/// fn documented() {",
        "let f = |x| x;",
        "    functions.push(x);",
        "fn(",
        "pub struct Fn {",
        "// fn commented() {",
    ] {
        assert_eq!(fn_start(not), None, "{not}");
    }
}
