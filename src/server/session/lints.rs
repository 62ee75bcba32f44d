//! A submission linted with the open documents' texts, and its diagnostics published file by
//! file; a lint that cannot be made is told once.

use super::Session;
use crate::server::diagnostics::{self, Shown};
use crate::server::uri;
use lsp_types::{MessageType, PublishDiagnosticsParams, Uri};
use selfcheck::catalogue::Catalogue;
use selfcheck::finding::{Lang, Text};
use selfcheck::text;
use selfcheck::untrusted;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

impl<W: Write> Session<W> {
    /// Lints the submission `dir` with the open documents' texts, and publishes the
    /// diagnostics of every file whose diagnostics it had or has. A panic in the lint is caught
    /// and told; the session goes on.
    pub(super) fn lint(&mut self, dir: &Path) {
        let overlay = selfcheck::load::Overlay::new(
            self.docs
                .iter()
                .filter(|d| d.path.starts_with(dir))
                .map(|d| (d.path.clone(), Arc::from(d.text.as_str()))),
        );
        let options = selfcheck::Options {
            today: self.today,
            overlay,
            ..self.base.clone()
        };
        let linted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            panic_for_tests(dir);
            selfcheck::run::lint_folder(dir, &options)
        }));
        let shown_dir = untrusted::line(&dir.display().to_string()).into_owned();
        match linted {
            Ok(Ok(linted)) => {
                let docs = &self.docs;
                let uri_of = |path: &Path| {
                    docs.at(path)
                        .map_or_else(|| uri::from_path(path), |d| d.uri.clone())
                };
                let exists = |path: &Path| {
                    docs.at(path).is_some() || std::fs::symlink_metadata(path).is_ok()
                };
                let cx = diagnostics::Context {
                    lang: self.lang,
                    encoding: self.encoding,
                    uri_of: &uri_of,
                    exists: &exists,
                };
                let shown = diagnostics::of(&linted, &cx);
                self.replace(dir, shown, Some(linted.report.catalogue.clone()));
                if let Some(tracked) = self.submissions.get_mut(dir) {
                    tracked.told = None;
                }
            }
            Ok(Err(e)) => {
                // The folder is no submission any more, or a rule pack its configuration names
                // cannot be used (`lint` stops there too): nothing is shown but the reason.
                let why = run_error(&e, self.lang);
                self.replace(dir, BTreeMap::new(), None);
                let message = text!(
                    "cannot lint `{shown_dir}`: {why}",
                    "无法检查 `{shown_dir}`：{why}"
                );
                self.tell_once(dir, &message);
            }
            Err(_) => {
                let message = text!(
                    "internal error while linting `{shown_dir}`; the diagnostics shown are those of the last lint that ended (standard error has the details)",
                    "检查 `{shown_dir}` 时发生内部错误；显示的是上一次完成的检查结果（详情见标准错误输出）"
                );
                self.tell_once(dir, &message);
            }
        }
    }

    /// Replaces what is shown for `dir` and publishes every file concerned.
    fn replace(
        &mut self,
        dir: &Path,
        shown: BTreeMap<String, Vec<Shown>>,
        catalogue: Option<Arc<Catalogue>>,
    ) {
        let Some(tracked) = self.submissions.get_mut(dir) else {
            return;
        };
        let mut uris: BTreeSet<String> = tracked.shown.keys().cloned().collect();
        uris.extend(shown.keys().cloned());
        tracked.shown = shown;
        if let Some(catalogue) = catalogue {
            tracked.catalogue = catalogue;
        }
        for uri in uris {
            self.publish(&uri);
        }
    }

    /// Publishes the diagnostics of the file `uri`: those of every submission shown there (an
    /// agency's configuration may hold the same SEL003 for many), each once.
    pub(super) fn publish(&mut self, uri: &str) {
        let mut diagnostics: Vec<lsp_types::Diagnostic> = Vec::new();
        for shown in self.submissions.values().filter_map(|t| t.shown.get(uri)) {
            for s in shown {
                if !diagnostics.contains(&s.diagnostic) {
                    diagnostics.push(s.diagnostic.clone());
                }
            }
        }
        let params = PublishDiagnosticsParams {
            uri: Uri::from(uri),
            version: self.docs.get(uri).map(|d| d.version),
            diagnostics,
        };
        self.notify("textDocument/publishDiagnostics", params);
    }

    /// Tells a problem of the submission `dir` once (as a message and in the log), not again
    /// until another problem, or a lint that succeeds.
    fn tell_once(&mut self, dir: &Path, message: &Text) {
        let text = message.get(self.lang).to_owned();
        let Some(tracked) = self.submissions.get_mut(dir) else {
            return;
        };
        if tracked.told.as_deref() == Some(text.as_str()) {
            return;
        }
        tracked.told = Some(text);
        self.log(MessageType::Error, message);
        let line = untrusted::line(message.get(self.lang)).into_owned();
        self.notify(
            "window/showMessage",
            lsp_types::ShowMessageParams {
                kind: MessageType::Error,
                message: line,
            },
        );
    }
}

/// Why a submission folder cannot be linted, in `lang`.
fn run_error(e: &selfcheck::RunError, lang: Lang) -> String {
    use selfcheck::discover::DiscoverError;
    let text = match e {
        selfcheck::RunError::Discover(
            DiscoverError::NotFound(_)
            | DiscoverError::NoSubmission(_)
            | DiscoverError::Unreadable(..),
        ) => {
            text!(
                "it holds no `submission.yaml` any more",
                "其中已没有 `submission.yaml`"
            )
        }
        selfcheck::RunError::Config(e) => {
            let path = e.path.display();
            let Text { en, zh } = &e.message;
            match e.at {
                Some((line, col)) => {
                    text!("{path}:{line}:{col}: {en}", "{path}:{line}:{col}: {zh}")
                }
                None => text!("{path}: {en}", "{path}: {zh}"),
            }
        }
    };
    untrusted::line(text.get(lang)).into_owned()
}

/// For the tests of the server only (debug builds): a lint of the folder named by
/// `SELFCHECK_TEST_PANIC_IN` panics, as a bug in a rule would.
fn panic_for_tests(dir: &Path) {
    if cfg!(debug_assertions)
        && let Some(name) = std::env::var_os("SELFCHECK_TEST_PANIC_IN")
        && dir.file_name() == Some(name.as_os_str())
    {
        panic!("a panic asked for by SELFCHECK_TEST_PANIC_IN");
    }
}
