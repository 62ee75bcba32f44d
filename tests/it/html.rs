//! The HTML report (`--format html`, `--output html=PATH`): one self-contained page with every
//! finding of the JSON output, seller text escaped, nothing fetched from outside — checked on the
//! page as written, and on the page as Chromium renders it (`--dump-dom`, `--screenshot`).
//!
//! `UPDATE_DOCS=1 cargo test --test it html::readme_screenshots` also writes the README's
//! screenshots, `docs/report-en.png` and `docs/report-zh.png` (a Chinese font such as
//! fonts-noto-cjk is needed for the Chinese one).

use crate::common::{self, selfcheck};

use selfcheck::untrusted;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// `fixtures/` as one agency folder, built once for the tests of this file: the clean submissions
/// of both programmes and every rule fixture laid over its base, at `fixtures/clean`,
/// `fixtures/challenge` and `fixtures/rules/NAME` of the folder returned.
fn fixtures_tree() -> &'static Path {
    static TREE: OnceLock<PathBuf> = OnceLock::new();
    TREE.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("html-fixtures");
        let _ = std::fs::remove_dir_all(&dir);
        let root = dir.join("fixtures");
        for base in ["clean", "challenge"] {
            common::copy_dir(
                &common::root().join("fixtures").join(base),
                &root.join(base),
            );
        }
        for name in common::fixture_names() {
            let layer = common::root().join("fixtures/rules").join(&name);
            common::layer_onto(&layer, &root.join("rules").join(&name));
        }
        dir
    })
}

/// The run over the fixtures in `lang`, made once for the tests of this file: its JSON output,
/// and where its page is.
fn fixtures_run(lang: &str) -> &'static (Value, PathBuf) {
    static EN: OnceLock<(Value, PathBuf)> = OnceLock::new();
    static ZH: OnceLock<(Value, PathBuf)> = OnceLock::new();
    let cell = if lang == "zh" { &ZH } else { &EN };
    cell.get_or_init(|| {
        let (json, _, out) = json_and_page(fixtures_tree(), "fixtures", lang, &[]);
        let page = fixtures_tree().join(format!("report-{lang}.html"));
        std::fs::rename(out.path().join(format!("report-{lang}.html")), &page).unwrap();
        (json, page)
    })
}

/// One run over `path` in `dir`: its JSON on standard output, and the text of its page written
/// through `--output` into a temporary folder (returned too: the page stays while it lives).
fn json_and_page(
    dir: &Path,
    path: &str,
    lang: &str,
    extra: &[&str],
) -> (Value, String, tempfile::TempDir) {
    let out_dir = tempfile::tempdir().unwrap();
    let page = out_dir.path().join(format!("report-{lang}.html"));
    let (status, json) = common::json_of(
        selfcheck()
            .current_dir(dir)
            .args([
                "lint",
                "--today",
                "2026-11-20",
                path,
                "--format",
                "json",
                "--lang",
                lang,
            ])
            .arg("--output")
            .arg(format!("html={}", page.display()))
            .args(extra),
    );
    assert!(matches!(status, Some(0 | 1)), "exit {status:?}");
    let text = std::fs::read_to_string(page).unwrap();
    (json, text, out_dir)
}

/// The text of an HTML fragment: tags dropped, the entities maud and Chromium write decoded.
fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// How a text of the JSON output reads on the page: control and bidi characters escaped as in
/// every human-facing output, `` ` `` quotes shown as code (so compared without them).
fn as_shown(s: &str) -> String {
    untrusted::line(s).replace('`', "")
}

/// `s` escaped as an attribute value.
fn attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Every submission of the JSON output is a section of the page, in order, and every finding of
/// it is in that section: code, place, title, message, labels, help, fix and suppression.
fn assert_page_holds(page: &str, json: &Value) {
    let starts: Vec<usize> = page
        .match_indices("<section class=\"sub ")
        .map(|(i, _)| i)
        .collect();
    let subs = json["submissions"].as_array().unwrap();
    assert_eq!(starts.len(), subs.len(), "one section per submission");
    for (i, sub) in subs.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(page.len());
        let section = &page[starts[i]..end];
        let path = sub["path"].as_str().unwrap();
        let head = &section[..section.find('>').unwrap()];
        assert!(
            head.contains(&format!("data-path=\"{}\"", attr(&untrusted::line(path)))),
            "section {i} is {path}: {head}"
        );
        let text = text_of(section).replace('`', "");
        let findings = sub["findings"].as_array().unwrap();
        for f in findings {
            let code = f["code"].as_str().unwrap();
            let file = f["file"].as_str().unwrap();
            let at = match (
                f["line"].as_u64(),
                f["column"].as_u64(),
                f["sheet"].as_str(),
            ) {
                // A spreadsheet's cell: `declarations.xlsx:Sheet1!C4`.
                (Some(l), Some(c), Some(sheet)) => format!(
                    "{file}:{sheet}!{}{l}",
                    selfcheck::source::column_letters(c as usize)
                ),
                (Some(l), Some(c), None) => format!("{file}:{l}:{c}"),
                _ => file.to_owned(),
            };
            let signature = format!(
                "data-code=\"{code}\" data-at=\"{}\"",
                attr(&untrusted::line(&at))
            );
            let same = |g: &&Value| {
                g["code"] == f["code"]
                    && g["file"] == f["file"]
                    && g["line"] == f["line"]
                    && g["column"] == f["column"]
            };
            assert_eq!(
                section.matches(&signature).count(),
                findings.iter().filter(same).count(),
                "{path}: {signature}"
            );
            let mut texts = vec![f["title"].as_str().unwrap(), f["message"].as_str().unwrap()];
            texts.extend(f["help"].as_str());
            texts.extend(f["fix"]["replacement"].as_str());
            texts.extend(f["fix"]["description"].as_str());
            texts.extend(f["suppression"]["reason"].as_str());
            texts.extend(f["ignored_suppression"]["reason"].as_str());
            for label in f["labels"].as_array().unwrap() {
                texts.push(label["message"].as_str().unwrap());
            }
            for t in texts {
                assert!(
                    text.contains(&as_shown(t)),
                    "{path} {code}: `{t}` is not on the page"
                );
            }
        }
    }
}

/// The page fetches nothing and runs nothing: no tag has a `src`, every link stays within the
/// page, no tag or style names an address (`//`), the style has no `@import` or `url(`, and there
/// is no script. (Text is escaped, so every `<` on the page opens a tag of the page's own.)
fn assert_self_contained(page: &str) {
    let style_start = page.find("<style>").expect("a style");
    let style = &page[style_start..page[style_start..].find("</style>").unwrap() + style_start];
    for fetch in ["@import", "url(", "//"] {
        assert!(!style.contains(fetch), "`{fetch}` in the style");
    }
    let mut rest = page;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').map_or(rest.len(), |i| open + i + 1);
        let tag = &rest[open..close];
        rest = &rest[close..];
        for element in [
            "<script", "<link", "<img", "<iframe", "<object", "<embed", "<base",
        ] {
            assert!(!tag.starts_with(element), "{tag}");
        }
        assert!(!tag.contains(" src="), "a resource by address: {tag}");
        assert!(!tag.contains("//"), "an address: {tag}");
        for (i, _) in tag.match_indices(" href=\"") {
            assert!(
                tag[i + 7..].starts_with('#'),
                "a link out of the page: {tag}"
            );
        }
    }
}

#[test]
fn every_finding_of_the_fixtures_is_on_the_page_in_both_languages() {
    for lang in ["en", "zh"] {
        let (json, path) = fixtures_run(lang);
        let page = std::fs::read_to_string(path).unwrap();
        let expected = if lang == "zh" {
            "<html lang=\"zh-Hans\">"
        } else {
            "<html lang=\"en\">"
        };
        assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..60]);
        assert!(page.contains(expected), "{lang}");
        assert_page_holds(&page, json);
        assert_self_contained(&page);
        // The overview counts the run, and shows the programme's figures beside its codes.
        let subs = json["submissions"].as_array().unwrap();
        let failing = subs
            .iter()
            .filter(|s| s["counts"]["error"].as_u64() > Some(0))
            .count();
        let (linted, failing_label) = if lang == "zh" {
            ("份提交已检查", "份未通过")
        } else {
            ("submissions linted", "failing")
        };
        for (n, label) in [(subs.len(), linted), (failing, failing_label)] {
            let tile = format!("<span class=\"n\">{n}</span><span class=\"l\">{label}</span>");
            assert!(page.contains(&tile), "{lang}: {tile}");
        }
        for figure in ["41.7%", "28.3%", "19.5%"] {
            assert!(
                page.contains(&format!("<strong>{figure}</strong>")),
                "{lang}: {figure}"
            );
        }
        // Each code's rule is explained once.
        assert_eq!(page.matches("id=\"rule-CUS007\"").count(), 1);
    }
}

#[test]
fn format_html_on_standard_output_is_the_page_of_output_html() {
    let tree = fixtures_tree();
    let (_, page, _out) = json_and_page(tree, "fixtures/rules", "en", &[]);
    let out = selfcheck()
        .current_dir(tree)
        .args([
            "lint",
            "--today",
            "2026-11-20",
            "fixtures/rules",
            "--format",
            "html",
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), page);
}

#[test]
fn the_page_is_the_same_on_one_thread_and_on_four() {
    let page = |threads: &str| {
        let out = selfcheck()
            .current_dir(fixtures_tree())
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "lint",
                "--today",
                "2026-11-20",
                "fixtures",
                "--format",
                "html",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        out.stdout
    };
    // More than one chunk of 64 submissions.
    let one = page("1");
    assert!(
        String::from_utf8_lossy(&one)
            .matches("<section class=\"sub ")
            .count()
            > 128
    );
    assert!(one == page("4"), "the page differs between 1 and 4 threads");
}

#[test]
fn a_shard_has_its_own_page() {
    let (json, page, _out) = json_and_page(fixtures_tree(), "fixtures", "en", &["--shard", "2/3"]);
    assert!(json["submissions"].as_array().unwrap().len() > 10);
    assert_page_holds(&page, &json);
    assert!(
        page.contains("2 of 3: this page shows one of 3 slices"),
        "shard named"
    );
}

/// A submission whose values, folder name and suppression reason are markup.
fn hostile_submission() -> (tempfile::TempDir, PathBuf) {
    let (tmp, clean) = common::clean_copy();
    let dir = tmp.path().join("<b onmouseover=alert(1)>seller");
    std::fs::rename(&clean, &dir).unwrap();
    let customs = std::fs::read_to_string(dir.join("customs.yaml")).unwrap();
    let name = customs
        .lines()
        .find_map(|l| l.trim().strip_prefix("consignor_name: "))
        .unwrap()
        .to_owned();
    std::fs::write(
        dir.join("customs.yaml"),
        customs.replacen(
            &format!("consignor_name: {name}"),
            "consignor_name: <img src=x onerror=alert(1)>",
            1,
        ),
    )
    .unwrap();
    let submission = std::fs::read_to_string(dir.join("submission.yaml")).unwrap();
    std::fs::write(
        dir.join("submission.yaml"),
        submission.replace(
            "markets: [ES, BR, SA]",
            "markets: [ES, BR, SA, \"<svg onload=alert(2)>\"]",
        ),
    )
    .unwrap();
    let returns = std::fs::read_to_string(dir.join("returns.yaml")).unwrap();
    std::fs::write(
        dir.join("returns.yaml"),
        returns.replacen(
            "postal_code: CP 28009",
            "postal_code: \"28009\"  # selfcheck: ignore[RET003] </section><script>alert(3)</script>",
            1,
        ),
    )
    .unwrap();
    (tmp, dir)
}

#[test]
fn seller_text_is_shown_as_text_never_as_markup() {
    let (tmp, dir) = hostile_submission();
    let out = selfcheck()
        .current_dir(tmp.path())
        .args(["lint", "--today", "2026-11-20"])
        .arg(dir.file_name().unwrap())
        .args(["--format", "html"])
        .output()
        .unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    for markup in ["<img", "<svg", "<b ", "<script"] {
        assert!(!page.contains(markup), "`{markup}` is markup on the page");
    }
    for text in [
        "&lt;img src=x onerror=alert(1)&gt;",
        "&lt;b onmouseover=alert(1)&gt;seller",
        "&lt;svg onload=alert(2)&gt;",
        "&lt;/section&gt;&lt;script&gt;alert(3)&lt;/script&gt;",
    ] {
        assert!(page.contains(text), "`{text}` is not shown as text");
    }
    // The consignor is a CUS007 finding; the reason marks a suppressed RET003.
    assert!(page.contains("data-code=\"CUS007\""));
    assert!(page.contains("data-code=\"RET003\""));
    assert_self_contained(&page);
}

// ------------------------------------------------------------------------------ in Chromium

/// Chromium, headless, as root in a container too, with a throw-away profile.
fn chromium(profile: &Path) -> Command {
    let mut cmd = Command::new("chromium");
    cmd.args([
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-extensions",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    cmd
}

/// How long one Chromium run may take before the test fails (it takes a second or two).
const CHROMIUM_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// Runs `cmd` (Chromium) to the end, or kills it and fails past [`CHROMIUM_TIMEOUT`].
fn finish(cmd: &mut Command) -> std::process::Output {
    let child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (done, finished) = std::sync::mpsc::channel();
    let waiter = std::thread::spawn(move || {
        let out = child.wait_with_output();
        let _ = done.send(());
        out
    });
    if finished.recv_timeout(CHROMIUM_TIMEOUT).is_err() {
        let _ = Command::new("kill").arg(pid.to_string()).status();
        panic!("chromium did not finish within {CHROMIUM_TIMEOUT:?}");
    }
    waiter.join().unwrap().unwrap()
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The DOM of the page at `path` as Chromium builds it.
fn dump_dom(path: &Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = finish(
        chromium(profile.path())
            .arg("--dump-dom")
            .arg(file_url(path)),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A screenshot of the top of the page at `url`, `width` × `height`.
fn screenshot(url: &str, png: &Path, width: u32, height: u32) {
    let profile = tempfile::tempdir().unwrap();
    let out = finish(
        chromium(profile.path())
            .arg(format!("--screenshot={}", png.display()))
            .arg(format!("--window-size={width},{height}"))
            .arg(url),
    );
    assert!(
        out.status.success() && png.exists(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// How many distinct colours the PNG at `path` has: a blank page has one.
fn colours(path: &Path) -> usize {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let mut seen = std::collections::HashSet::new();
    for px in buf[..info.buffer_size()].chunks(channels) {
        seen.insert(px.to_vec());
    }
    seen.len()
}

#[test]
#[cfg_attr(not(has_chromium), ignore = "needs chromium")]
fn chromium_renders_every_finding_in_both_languages() {
    std::thread::scope(|s| {
        for lang in ["en", "zh"] {
            let (json, page) = fixtures_run(lang);
            s.spawn(move || {
                let dom = dump_dom(page);
                assert!(
                    dom.contains("<main id=\"submissions\">"),
                    "{lang}: not rendered"
                );
                assert_page_holds(&dom, json);
            });
            s.spawn(move || {
                let png = page.with_extension("png");
                screenshot(&file_url(page), &png, 1100, 1400);
                let n = colours(&png);
                assert!(n > 32, "{lang}: the screenshot has {n} colours: blank?");
            });
        }
    });
}

#[test]
#[cfg_attr(not(has_chromium), ignore = "needs chromium")]
fn chromium_builds_no_element_from_seller_text() {
    let (tmp, dir) = hostile_submission();
    let page = tmp.path().join("report.html");
    selfcheck()
        .current_dir(tmp.path())
        .args(["lint", "--today", "2026-11-20"])
        .arg(dir.file_name().unwrap())
        .arg("--output")
        .arg(format!("html={}", page.display()))
        .assert()
        .code(1);
    let dom = dump_dom(&page);
    assert!(dom.contains("data-code=\"CUS007\""), "not rendered");
    for element in ["<img", "<svg", "<b ", "<script"] {
        assert!(!dom.contains(element), "Chromium built `{element}`");
    }
    assert!(dom.contains("&lt;img src=x onerror=alert(1)&gt;"));
}

/// How many pages a PDF written by Chromium has: its `/Type /Page` objects.
fn pdf_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| w.starts_with(needle) && w[needle.len()] != b's')
        .count()
}

#[test]
#[cfg_attr(not(has_chromium), ignore = "needs chromium")]
fn chromium_prints_each_submission_on_its_own_pages() {
    let tree = fixtures_tree();
    let out = tempfile::tempdir().unwrap();
    let page = out.path().join("report.html");
    let subs = [
        "fixtures/clean",
        "fixtures/rules/RET003",
        "fixtures/rules/SLA002",
    ];
    selfcheck()
        .current_dir(tree)
        .args(["lint", "--today", "2026-11-20"])
        .args(subs)
        .arg("--output")
        .arg(format!("html={}", page.display()))
        .assert()
        .code(1);
    let pdf = out.path().join("report.pdf");
    let profile = tempfile::tempdir().unwrap();
    let status = finish(
        chromium(profile.path())
            .arg("--no-pdf-header-footer")
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(file_url(&page)),
    );
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    // The overview, then each submission from the top of a page, then the rules: on screen
    // all of it would fit on two pages.
    let pages = pdf_pages(&std::fs::read(&pdf).unwrap());
    assert!(pages >= 2 + subs.len(), "{pages} pages");
}

/// The README's screenshots: two sellers of an agency, the top of the page, written to
/// `docs/report-en.png` and `docs/report-zh.png` under `UPDATE_DOCS=1` (else into a temporary
/// folder: that they can be taken is checked on every run).
#[test]
#[cfg_attr(not(has_chromium), ignore = "needs chromium")]
fn readme_screenshots() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = match std::env::var_os("UPDATE_DOCS") {
        Some(_) => common::root().join("docs"),
        None => tmp.path().to_owned(),
    };
    let sellers = tmp.path().join("sellers");
    // huacai: the three most common reasons; mingde: clean.
    let huacai = sellers.join("huacai");
    common::write_huacai(&huacai);
    common::copy_dir(
        &common::root().join("fixtures/clean"),
        &sellers.join("mingde"),
    );
    for lang in ["en", "zh"] {
        let page = tmp.path().join(format!("report-{lang}.html"));
        selfcheck()
            .current_dir(tmp.path())
            .args([
                "lint",
                "--today",
                "2026-11-20",
                "sellers",
                "--lang",
                lang,
                "--format",
                "html",
            ])
            .output()
            .map(|out| std::fs::write(&page, out.stdout).unwrap())
            .unwrap();
        let png = docs.join(format!("report-{lang}.png"));
        screenshot(&file_url(&page), &png, 1000, 1500);
    }
}
