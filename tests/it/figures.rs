//! Every percentage the catalogue prints is one of the programme's published figures, attributed
//! as the guide attributes it: `tests/data/figures.yaml` lists each with the sentence it comes
//! from, and this test holds every `checks/*.yaml` to that list (and the list to `checks/`).

use crate::common;

use selfcheck::catalogue::{CHECK_FILES, Entry};
use std::collections::{BTreeMap, BTreeSet};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Figure {
    figure: String,
    codes: Vec<String>,
    source: String,
    sentence: String,
    attributed: Vec<String>,
}

fn figures() -> Vec<Figure> {
    let path = common::root().join("tests/data/figures.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The percentages of `text` outside backticks (`"97.2%"` is a way of writing a value).
fn percentages(text: &str) -> Vec<String> {
    let re = regex::Regex::new(r"±?\d+(?:\.\d+)?\s?%").unwrap();
    text.split('`')
        .step_by(2)
        .flat_map(|prose| re.find_iter(prose).map(|m| m.as_str().replace(' ', "")))
        .collect()
}

/// Each rule's printed texts by field name, English and Chinese (the example is a sample input).
fn texts(e: &Entry) -> Vec<(&'static str, &str, &str)> {
    let mut out = vec![
        ("title", e.title.en.as_str(), e.title.zh.as_str()),
        ("checks", &e.checks.en, &e.checks.zh),
        ("why", &e.why.en, &e.why.zh),
        ("how_to_fix", &e.how_to_fix.en, &e.how_to_fix.zh),
    ];
    if let Some(f) = &e.figure {
        out.push(("figure", &f.en, &f.zh));
    }
    if let Some(r) = &e.retired {
        out.push(("retired", &r.en, &r.zh));
    }
    out
}

#[test]
fn every_percentage_of_the_catalogue_is_a_figure_of_the_guides_attributed_as_they_do() {
    let figures = figures();
    let listed: BTreeMap<(&str, &str), &Figure> = figures
        .iter()
        .flat_map(|f| {
            f.codes
                .iter()
                .map(move |c| ((c.as_str(), f.figure.as_str()), f))
        })
        .collect();
    let mut printed: BTreeSet<(String, String)> = BTreeSet::new();
    let mut wrong = Vec::new();
    for (name, text) in CHECK_FILES {
        if *name == "markets.yaml" {
            continue;
        }
        let entry: Entry = serde_saphyr::from_str(text).unwrap();
        for (field, en, zh) in texts(&entry) {
            let (in_en, in_zh) = (percentages(en), percentages(zh));
            if in_en != in_zh {
                wrong.push(format!(
                    "{} {field}: English prints {in_en:?}, Chinese {in_zh:?}",
                    entry.code
                ));
            }
            for figure in in_en {
                printed.insert((entry.code.clone(), figure.clone()));
                let Some(source) = listed.get(&(entry.code.as_str(), figure.as_str())) else {
                    wrong.push(format!(
                        "{} {field}: {figure} is in no sentence of tests/data/figures.yaml",
                        entry.code
                    ));
                    continue;
                };
                if field == "figure" {
                    for words in &source.attributed {
                        if !en.contains(words.as_str()) {
                            wrong.push(format!(
                                "{} figure: {figure} without `{words}`, as {} attributes it: {en:?}",
                                entry.code, source.source
                            ));
                        }
                    }
                }
            }
        }
    }
    for f in &figures {
        assert!(
            f.sentence.contains(&f.figure),
            "{}: the sentence does not give it: {:?}",
            f.figure,
            f.sentence
        );
        assert!(
            !f.source.is_empty() && !f.attributed.is_empty(),
            "{}",
            f.figure
        );
        for code in &f.codes {
            if !printed.contains(&(code.clone(), f.figure.clone())) {
                wrong.push(format!("{code} prints no {} any more", f.figure));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn percentages_in_backticks_are_values_not_figures() {
    assert_eq!(
        percentages("below 96.5%, written `\"97.2%\"`; within ±15 % of"),
        ["96.5%", "±15%"]
    );
}
