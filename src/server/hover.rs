//! Hover over a finding: the documentation of its rule (`selfcheck explain`), as Markdown in the
//! session's language.

use super::diagnostics::Shown;
use super::position::contains;
use lsp_types::{Contents, Hover, MarkupContent, MarkupKind, Position};
use selfcheck::catalogue::Catalogue;
use selfcheck::finding::Lang;

/// The hover at `position`: each rule with a finding there, explained once.
pub fn hover(shown: &[(&Shown, &Catalogue)], position: Position, lang: Lang) -> Option<Hover> {
    let here: Vec<&(&Shown, &Catalogue)> = shown
        .iter()
        .filter(|(s, _)| contains(&s.diagnostic.range, position))
        .collect();
    let mut codes: Vec<&str> = Vec::new();
    let mut pages: Vec<String> = Vec::new();
    for (s, catalogue) in &here {
        if codes.contains(&s.code.as_str()) {
            continue;
        }
        codes.push(&s.code);
        if let Some(entry) = catalogue.get(&s.code) {
            pages.push(selfcheck::render::markdown::explain(entry, lang));
        }
    }
    let (first, _) = here.first()?;
    (!pages.is_empty()).then(|| Hover {
        contents: Contents::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: pages.join("\n---\n\n"),
        }),
        range: Some(first.diagnostic.range),
    })
}
