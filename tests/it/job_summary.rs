//! `--output markdown=PATH`: the job summary of a CI run (GitHub's `$GITHUB_STEP_SUMMARY`, a
//! GitLab merge-request note), read back with a CommonMark parser: what a seller wrote stays
//! text, whatever it holds.

use crate::common::{self, selfcheck};

use pulldown_cmark::{Event, Options, Parser, Tag};
use std::path::Path;

/// `selfcheck lint ARGS… --output markdown=summary.md` run in `cwd`: the exit status and the
/// page.
fn summary(cwd: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = selfcheck()
        .current_dir(cwd)
        .arg("lint")
        .args(common::dated(args))
        .args(["--format", "json", "--output", "markdown=summary.md"])
        .output()
        .unwrap();
    let page = std::fs::read_to_string(cwd.join("summary.md"))
        .unwrap_or_else(|e| panic!("no summary ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code(), page)
}

/// The page as GitHub and GitLab read it: CommonMark with tables, strikethrough, task lists and
/// footnotes.
fn events(page: &str) -> Vec<Event<'_>> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM;
    Parser::new_ext(page, options).collect()
}

/// The text a reader sees: every text and code run, in order.
fn shown(page: &str) -> String {
    let mut text = String::new();
    for e in events(page) {
        match e {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(_) => text.push('\n'),
            _ => {}
        }
    }
    text
}

/// Nothing but text, code, emphasis of selfcheck's own, lists, tables and headings: no link, no
/// image, no HTML, no footnote; and every row of a table has the header's cells.
fn assert_only_text(page: &str) {
    let mut header_cells = 0;
    let mut cells = 0;
    for e in events(page) {
        match &e {
            Event::Html(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => {
                panic!("{e:?} in:\n{page}")
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::FootnoteDefinition(_)) => {
                panic!("{e:?} in:\n{page}")
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(pulldown_cmark::TagEnd::TableHead) => header_cells = cells,
            Event::End(pulldown_cmark::TagEnd::TableRow) => {
                assert_eq!(cells, header_cells, "a row of another width in:\n{page}")
            }
            _ => {}
        }
    }
}

/// What a seller can write to break a page: a table's `|`, code, links and an image, HTML, an
/// autolink, emphasis, an entity, a footnote, a mention, a heading and a list item on a new line.
const HOSTILE: &str = "A|B `x` [click](https://evil.example) ![i](https://evil.example/i.png) <b>bold</b> <https://evil.example> *em* _u_ ~~s~~ &amp; [^1] @admin #1 www.evil.example\n# heading\n- item";

#[test]
fn hostile_seller_text_stays_text() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = "sellers/s|`x`[y](mailto:a@e.example)<i>*_\n#";
    let dir = tmp.path().join(folder);
    common::write_huacai(&dir);
    let customs = std::fs::read_to_string(dir.join("customs.yaml")).unwrap();
    let quoted = HOSTILE
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    std::fs::write(
        dir.join("customs.yaml"),
        customs.replace(
            "consignor_name: 深圳市华彩供应链有限公司",
            &format!("consignor_name: \"{quoted}\""),
        ),
    )
    .unwrap();
    let (status, page) = summary(tmp.path(), &["sellers"]);
    assert_eq!(status, Some(1));
    assert_only_text(&page);
    // What a reader sees, but the invisible word joiner after `@` (`render::markdown::escape`).
    let text = shown(&page).replace('\u{2060}', "");
    // Each seller text is there as written, its line breaks shown escaped.
    let one_line = HOSTILE.replace('\n', "\\u{a}");
    assert!(
        text.contains(&one_line),
        "{one_line}\nnot in\n{text}\n{page}"
    );
    let folder_shown = folder.replace('\n', "\\u{a}");
    assert!(
        text.contains(&folder_shown),
        "{folder_shown}\nnot in\n{text}"
    );
    // GitHub links bare addresses and mentions (an extension pulldown-cmark does not have); a
    // page holds none of them as such.
    for bare in ["https://evil.example", "www.evil.example", "@admin"] {
        assert!(!page.contains(bare), "{bare} in\n{page}");
    }
}

#[test]
fn the_summary_says_the_verdict_the_reasons_the_failing_and_the_next_break() {
    let tmp = tempfile::tempdir().unwrap();
    common::write_huacai(&tmp.path().join("sellers/huacai"));
    common::copy_dir(
        &common::root().join("fixtures/clean"),
        &tmp.path().join("sellers/clean"),
    );
    let (_, json) = common::lint_json_in(tmp.path(), &["sellers"]);
    let valid_until = json["submissions"][0]["valid_until"].as_str().unwrap();
    assert_eq!(json["submissions"][0]["path"], "sellers/clean");
    let (status, page) = summary(tmp.path(), &["sellers"]);
    assert_eq!(status, Some(1));
    assert_only_text(&page);
    let text = shown(&page);
    for said in [
        "1 of 2 submissions has errors.",
        "3 errors",
        // The top reasons, with the programme's figures.
        "CUS007",
        "consignor differs from the licensed entity",
        "41.7%",
        // The failing submission and its first error.
        "sellers/huacai",
        "declared by `深圳市华彩供应链有限公司`, not the licensed entity",
        "customs.yaml:8:21",
        // The next break.
        "sellers/clean",
        valid_until,
    ] {
        assert!(text.contains(said), "{said:?} not in\n{text}\n{page}");
    }
    insta::assert_snapshot!("job_summary_en", page);
    let (_, zh) = summary(tmp.path(), &["sellers", "--lang", "zh"]);
    assert_only_text(&zh);
    let zh_text = shown(&zh);
    for said in [
        "2 份提交中有 1 份存在错误。",
        "境内发货人与营业执照主体不一致",
    ] {
        assert!(zh_text.contains(said), "{said:?} not in\n{zh_text}");
    }
    for english in [
        "Top reasons",
        "Failing submissions",
        "Next to break",
        "errors",
    ] {
        assert!(!zh.contains(english), "{english} in\n{zh}");
    }
    insta::assert_snapshot!("job_summary_zh", zh);
}

#[test]
fn a_passing_run_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(
        &common::root().join("fixtures/clean"),
        &tmp.path().join("clean"),
    );
    let (status, page) = summary(tmp.path(), &["clean"]);
    assert_eq!(status, Some(0));
    assert_only_text(&page);
    assert!(
        shown(&page).contains("None of the 1 submissions has errors."),
        "{page}"
    );
    assert!(!page.contains("Failing submissions"), "{page}");
}

#[test]
fn a_big_run_lists_the_first_hundred_failing_and_stays_far_under_a_mebibyte() {
    let tmp = tempfile::tempdir().unwrap();
    // A long value in every submission: each message is cut, not the page.
    let long = "深".repeat(1_000);
    let subs = 104;
    for i in 0..subs {
        let dir = tmp.path().join(format!("sellers/s{i:03}"));
        common::write_huacai(&dir);
        let customs = std::fs::read_to_string(dir.join("customs.yaml")).unwrap();
        std::fs::write(
            dir.join("customs.yaml"),
            customs.replace("深圳市华彩供应链有限公司", &long),
        )
        .unwrap();
    }
    let (status, page) = summary(tmp.path(), &["sellers"]);
    assert_eq!(status, Some(1));
    assert_only_text(&page);
    assert!(page.len() < 256 * 1024, "{} bytes", page.len());
    let text = shown(&page);
    assert!(text.contains("sellers/s099"), "{text}");
    assert!(!text.contains("sellers/s100"), "{text}");
    assert!(text.contains("… and 4 more failing submissions."), "{text}");
}
