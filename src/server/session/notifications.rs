//! The client's notifications about its documents: opened, changed, saved and closed, each
//! marking the submission it belongs to for the next lint.

use super::{Flow, Session, Stage};
use crate::server::documents::{self, Change, Document};
use crate::server::uri;
use lsp_server::Notification;
use lsp_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, TextDocumentContentChangeEvent,
};
use std::io::Write;
use std::path::PathBuf;

impl<W: Write> Session<W> {
    /// Follows one notification; `exit` ends the session.
    pub(super) fn notification(&mut self, notification: Notification) -> Flow {
        let Notification { method, params } = notification;
        if method == "exit" {
            return Flow::Exit(self.ended());
        }
        if self.stage != Stage::Running {
            return Flow::Go;
        }
        match method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(params) = serde_json::from_value::<DidOpenTextDocumentParams>(params) {
                    self.opened(params);
                }
            }
            "textDocument/didChange" => {
                if let Ok(params) = serde_json::from_value::<DidChangeTextDocumentParams>(params) {
                    self.changed(params);
                }
            }
            "textDocument/didSave" => {
                if let Ok(params) = serde_json::from_value::<DidSaveTextDocumentParams>(params) {
                    self.saved(params.text_document.uri.as_ref());
                }
            }
            "textDocument/didClose" => {
                if let Ok(params) = serde_json::from_value::<DidCloseTextDocumentParams>(params) {
                    self.closed(params.text_document.uri.as_ref());
                }
            }
            _ => {}
        }
        Flow::Go
    }

    fn opened(&mut self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let uri = item.uri.to_string();
        // `untitled:` and other schemes name no file of a submission.
        let Some(path) = uri::to_path(&uri) else {
            return;
        };
        let submission = documents::submission_of(&path);
        if let Some(dir) = &submission {
            self.submissions.entry(dir.clone()).or_default();
            self.dirty.insert(dir.clone());
        }
        self.docs.open(Document {
            uri,
            path,
            version: item.version,
            text: item.text,
            submission,
        });
    }

    fn changed(&mut self, params: DidChangeTextDocumentParams) {
        let id = params.text_document;
        let uri = id.text_document_identifier.uri.to_string();
        let encoding = self.encoding;
        let Some(doc) = self.docs.get_mut(&uri) else {
            return;
        };
        let changes = params
            .content_changes
            .into_iter()
            .map(|change| match change {
                TextDocumentContentChangeEvent::TextDocumentContentChangePartial(c) => Change {
                    range: Some(c.range),
                    text: c.text,
                },
                TextDocumentContentChangeEvent::TextDocumentContentChangeWholeDocument(c) => {
                    Change {
                        range: None,
                        text: c.text,
                    }
                }
            })
            .collect();
        doc.apply(changes, id.version, encoding);
        if let Some(dir) = doc.submission.clone() {
            self.dirty.insert(dir);
        }
    }

    fn saved(&mut self, uri: &str) {
        // A `submission.yaml` saved for the first time makes a submission of its folder: the
        // open documents there belong to it from now on.
        if let Some(path) = uri::to_path(uri).filter(|p| p.ends_with("submission.yaml"))
            && let Some(folder) = path.parent()
        {
            let waiting: Vec<String> = self
                .docs
                .iter()
                .filter(|d| d.submission.is_none() && d.path.starts_with(folder))
                .map(|d| d.uri.clone())
                .collect();
            for uri in waiting {
                let Some(doc) = self.docs.get_mut(&uri) else {
                    continue;
                };
                doc.submission = documents::submission_of(&doc.path);
                if let Some(dir) = doc.submission.clone() {
                    self.submissions.entry(dir.clone()).or_default();
                    self.dirty.insert(dir);
                }
            }
        }
        if let Some(dir) = self.docs.get(uri).and_then(|d| d.submission.clone()) {
            self.dirty.insert(dir);
        }
        // A configuration is read as saved: every submission it may cover is linted again.
        if let Some(path) = uri::to_path(uri).filter(|p| documents::is_configuration(p))
            && let Some(folder) = path.parent()
        {
            let below: Vec<PathBuf> = self
                .submissions
                .keys()
                .filter(|dir| dir.starts_with(folder))
                .cloned()
                .collect();
            self.dirty.extend(below);
        }
    }

    fn closed(&mut self, uri: &str) {
        let Some(doc) = self.docs.close(uri) else {
            return;
        };
        let Some(dir) = doc.submission else { return };
        if self.docs.any_of(&dir) {
            // The file as saved takes the place of the closed buffer.
            self.dirty.insert(dir);
        } else if let Some(tracked) = self.submissions.remove(&dir) {
            // Nothing of it is open: its diagnostics go.
            self.dirty.remove(&dir);
            for uri in tracked.shown.keys() {
                self.publish(uri);
            }
        }
    }
}
