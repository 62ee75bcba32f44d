//! Code actions: each safe fix as a `quickfix`, and all of a document's safe fixes at once as
//! `source.fixAll.selfcheck`. Each holds a `WorkspaceEdit` for the client to apply: the server
//! never writes a file.

use super::diagnostics::Shown;
use super::position::touches;
use lsp_types::{
    CodeAction, CodeActionKind, DocumentChange, Edit, OptionalVersionedTextDocumentIdentifier,
    Range, TextDocumentEdit, TextDocumentIdentifier, TextEdit, Uri, WorkspaceEdit,
};
use selfcheck::finding::Lang;
use selfcheck::render::words;
use std::collections::HashMap;

pub const QUICKFIX: &str = "quickfix";
pub const FIX_ALL: &str = "source.fixAll.selfcheck";

/// The document the actions are for.
pub struct Target<'a> {
    pub uri: &'a str,
    /// Its version, when it is open.
    pub version: Option<i32>,
    /// Whether the client takes `documentChanges` (edits tied to a version).
    pub document_changes: bool,
}

/// The actions for `range` of the document, of the kinds `only` asks for (all when `None`). A
/// kind asked for covers its sub-kinds (`source.fixAll` covers `source.fixAll.selfcheck`).
pub fn actions(
    shown: &[&Shown],
    range: &Range,
    only: Option<&[String]>,
    target: &Target,
    lang: Lang,
) -> Vec<CodeAction> {
    let wants = |kind: &str| {
        only.is_none_or(|only| {
            only.iter()
                .any(|k| kind == k || kind.starts_with(&format!("{k}.")))
        })
    };
    let mut out = Vec::new();
    if wants(QUICKFIX) {
        for s in shown {
            let Some(fix) = &s.fix else { continue };
            if !touches(&s.diagnostic.range, range) {
                continue;
            }
            out.push(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QuickFix),
                diagnostics: Some(vec![s.diagnostic.clone()]),
                is_preferred: Some(true),
                edit: Some(edit(target, vec![text_edit(s)])),
                ..CodeAction::default()
            });
        }
    }
    if wants(FIX_ALL) {
        // In file order; of two fixes of one place, the first (as `lint --fix`).
        let mut fixes: Vec<&Shown> = shown.iter().copied().filter(|s| s.fix.is_some()).collect();
        fixes.sort_by_key(|s| s.fix.as_ref().map(|f| (f.bytes.start, f.bytes.end)));
        let mut kept: Vec<&Shown> = Vec::new();
        for s in fixes {
            let bytes = s.fix.as_ref().map(|f| f.bytes.clone()).unwrap_or_default();
            let overlaps = kept
                .last()
                .is_some_and(|last| last.fix.as_ref().is_some_and(|f| bytes.start < f.bytes.end));
            if !overlaps {
                kept.push(s);
            }
        }
        if !kept.is_empty() {
            let n = kept.len();
            out.push(CodeAction {
                title: words::apply_fixes(n).get(lang).to_owned(),
                kind: Some(CodeActionKind::Custom(FIX_ALL.into())),
                diagnostics: Some(kept.iter().map(|s| s.diagnostic.clone()).collect()),
                edit: Some(edit(target, kept.iter().map(|s| text_edit(s)).collect())),
                ..CodeAction::default()
            });
        }
    }
    out
}

fn text_edit(s: &Shown) -> TextEdit {
    TextEdit {
        range: s.diagnostic.range,
        new_text: s
            .fix
            .as_ref()
            .map(|f| f.replacement.clone())
            .unwrap_or_default(),
    }
}

fn edit(target: &Target, edits: Vec<TextEdit>) -> WorkspaceEdit {
    let uri = Uri::from(target.uri);
    if target.document_changes {
        WorkspaceEdit {
            document_changes: Some(vec![DocumentChange::TextDocumentEdit(TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    version: target.version,
                    text_document_identifier: TextDocumentIdentifier { uri },
                },
                edits: edits.into_iter().map(Edit::TextEdit).collect(),
            })]),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(uri, edits)])),
            ..WorkspaceEdit::default()
        }
    }
}
