//! One session with an editor: its lifecycle (initialize, shutdown, exit), the open documents,
//! and the submissions they belong to, each linted with the open documents' unsaved texts and
//! its diagnostics published file by file.

use super::actions::{self, Target};
use super::diagnostics::{self, Shown};
use super::documents::{self, Change, Document, Documents};
use super::frames::{self, Frame};
use super::hover;
use super::position::Encoding;
use super::uri;
use lsp_server::{Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProvider,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, HoverParams, HoverProvider, InitializeResult, MessageType,
    PositionEncodingKind, PublishDiagnosticsParams, Save, SaveOptions, ServerCapabilities,
    ServerInfo, TextDocumentContentChangeEvent, TextDocumentSync, TextDocumentSyncKind,
    TextDocumentSyncOptions, Uri,
};
use selfcheck::catalogue::Catalogue;
use selfcheck::finding::{Lang, Text};
use selfcheck::model::Date;
use selfcheck::text;
use selfcheck::untrusted;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How `selfcheck server` was started.
#[derive(Clone, Copy, Debug)]
pub struct Start {
    /// `--lang`.
    pub lang: Option<Lang>,
    /// The language of the server's environment (as `lint`'s default).
    pub fallback: Lang,
    /// `--today`.
    pub today: Option<Date>,
}

/// What the loop does after a message.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow {
    Go,
    Exit(u8),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    /// Before `initialize`.
    Starting,
    Running,
    /// After `shutdown`: only `exit` is awaited.
    ShutDown,
}

/// A submission with an open document, and what the server last published for it.
#[derive(Default)]
struct Tracked {
    /// Its diagnostics, by the URI of the file each is shown in.
    shown: BTreeMap<String, Vec<Shown>>,
    /// The rules its lint knew (its packs' too), for hover.
    catalogue: Arc<Catalogue>,
    /// The last problem told about it, told once and not at every keystroke.
    told: Option<String>,
}

pub struct Session<W: Write> {
    out: W,
    /// A write to the client failed: the session ends.
    failed: bool,
    start: Start,
    stage: Stage,
    lang: Lang,
    encoding: Encoding,
    /// The client takes edits tied to a document's version.
    document_changes: bool,
    today: Option<Date>,
    /// The options every lint starts from (its catalogue built once).
    base: selfcheck::Options,
    docs: Documents,
    submissions: BTreeMap<PathBuf, Tracked>,
    /// Submissions to lint before the next answer, or when the messages waiting are handled.
    dirty: BTreeSet<PathBuf>,
}

impl<W: Write> Session<W> {
    pub fn new(out: W, start: Start) -> Session<W> {
        Session {
            out,
            failed: false,
            start,
            stage: Stage::Starting,
            lang: start.lang.unwrap_or(start.fallback),
            encoding: Encoding::Utf16,
            document_changes: false,
            today: start.today,
            base: selfcheck::Options::default(),
            docs: Documents::default(),
            submissions: BTreeMap::new(),
            dirty: BTreeSet::new(),
        }
    }

    /// Handles one frame from the client.
    pub fn receive(&mut self, frame: Frame) -> Flow {
        let flow = match frame {
            Frame::NotJson => {
                let message = text!(
                    "Parse error: the frame's body is not JSON",
                    "解析错误：消息体不是 JSON"
                );
                let answer = frames::error(Value::Null, -32700, message.get(self.lang));
                self.send(&answer);
                Flow::Go
            }
            Frame::NotMessage(id) => {
                let id = if id.is_number() || id.is_string() {
                    id
                } else {
                    Value::Null
                };
                let message = text!(
                    "Invalid Request: not a request, response or notification",
                    "无效请求：既不是请求，也不是响应或通知"
                );
                let answer = frames::error(id, -32600, message.get(self.lang));
                self.send(&answer);
                Flow::Go
            }
            Frame::Message(Message::Request(request)) => {
                self.request(request);
                Flow::Go
            }
            Frame::Message(Message::Notification(notification)) => self.notification(notification),
            // The server asks the client nothing.
            Frame::Message(Message::Response(_)) => Flow::Go,
        };
        if self.failed { Flow::Exit(1) } else { flow }
    }

    /// Lints every submission changed since the last lint, and publishes what changed.
    pub fn flush(&mut self) {
        for dir in std::mem::take(&mut self.dirty) {
            if self.submissions.contains_key(&dir) {
                self.lint(&dir);
            }
        }
    }

    /// The session ended without `exit`: the input ended.
    pub fn ended(&self) -> u8 {
        if self.stage == Stage::ShutDown { 0 } else { 1 }
    }

    /// Logs a problem of the session: on standard error, and to the client.
    pub fn log(&mut self, kind: MessageType, message: &Text) {
        let line = untrusted::line(message.get(self.lang)).into_owned();
        eprintln!("selfcheck server: {line}");
        if self.stage != Stage::Starting {
            self.notify(
                "window/logMessage",
                lsp_types::LogMessageParams {
                    kind,
                    message: line,
                },
            );
        }
    }

    // ------------------------------------------------------------------------------ requests

    fn request(&mut self, request: Request) {
        let Request { id, method, params } = request;
        match (self.stage, method.as_str()) {
            (Stage::Starting, "initialize") => self.initialize(id, &params),
            (Stage::Starting, _) => {
                let message = text!("the server is not initialized yet", "服务器尚未初始化");
                self.fail(id, -32002, &message);
            }
            (Stage::ShutDown, _) => {
                let message = text!(
                    "the server is shutting down; only `exit` is expected",
                    "服务器正在关闭，只接受 `exit`"
                );
                self.fail(id, -32600, &message);
            }
            (Stage::Running, "initialize") => {
                let message = text!("the server is already initialized", "服务器已经初始化");
                self.fail(id, -32600, &message);
            }
            (Stage::Running, "shutdown") => {
                self.stage = Stage::ShutDown;
                self.answer(id, Value::Null);
            }
            (Stage::Running, "textDocument/codeAction") => {
                match serde_json::from_value::<CodeActionParams>(params) {
                    Ok(params) => {
                        self.flush();
                        let actions = self.code_actions(params);
                        self.answer(id, actions);
                    }
                    Err(e) => self.bad_params(id, &e),
                }
            }
            (Stage::Running, "textDocument/hover") => {
                match serde_json::from_value::<HoverParams>(params) {
                    Ok(params) => {
                        self.flush();
                        let hover = self.hover(params);
                        self.answer(id, hover);
                    }
                    Err(e) => self.bad_params(id, &e),
                }
            }
            (Stage::Running, _) => {
                let message = text!(
                    "selfcheck's server does not handle `{method}`",
                    "selfcheck 的服务器不处理 `{method}`"
                );
                self.fail(id, -32601, &message);
            }
        }
    }

    fn initialize(&mut self, id: RequestId, params: &Value) {
        let options = &params["initializationOptions"];
        let lang_of = |v: &Value| {
            let s = v.as_str()?.to_lowercase();
            if s.starts_with("zh") {
                Some(Lang::Zh)
            } else if s.starts_with("en") {
                Some(Lang::En)
            } else {
                None
            }
        };
        // The initialization option, then `--lang`, then the client's locale, then the
        // environment's.
        self.lang = lang_of(&options["lang"])
            .or(self.start.lang)
            .or_else(|| lang_of(&params["locale"]))
            .unwrap_or(self.start.fallback);
        let offered: Vec<String> = params["capabilities"]["general"]["positionEncodings"]
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|e| e.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        self.encoding = Encoding::choose(&offered);
        self.document_changes =
            params["capabilities"]["workspace"]["workspaceEdit"]["documentChanges"]
                .as_bool()
                .unwrap_or(false);
        self.stage = Stage::Running;
        let result = InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(PositionEncodingKind::from(
                    self.encoding.name().to_owned(),
                )),
                text_document_sync: Some(TextDocumentSync::Options(TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::Incremental),
                    save: Some(Save::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..TextDocumentSyncOptions::default()
                })),
                hover_provider: Some(HoverProvider::Bool(true)),
                code_action_provider: Some(CodeActionProvider::CodeActionOptions(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QuickFix,
                            CodeActionKind::Custom(actions::FIX_ALL.into()),
                        ]),
                        resolve_provider: Some(false),
                        ..CodeActionOptions::default()
                    },
                )),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "selfcheck".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        };
        self.answer(id, result);
        if let Some(written) = options["today"].as_str() {
            self.today = Date::parse(written, false);
            if self.today.is_none() {
                let written = untrusted::line(written).into_owned();
                let message = text!(
                    "the initialization option `today` is `{written}`, not a date written YYYY-MM-DD; today's date applies",
                    "初始化选项 `today` 的值 `{written}` 不是 YYYY-MM-DD 格式的日期；改用今天的日期"
                );
                self.log(MessageType::Warning, &message);
            }
        }
        // Loaded once a process, not once a lint: the built-in market table's postal patterns are
        // compiled (as ASCII codes are matched), so that every configuration made from it has
        // them. (libphonenumber's metadata is decoded region by region, the first time a number
        // of the region is judged.)
        for market in &selfcheck::markets::builtin().markets {
            if let Some(postal) = &market.postal {
                postal.fits("0");
            }
        }
    }

    fn code_actions(&self, params: CodeActionParams) -> Vec<lsp_types::CodeAction> {
        let uri = params.text_document.uri.to_string();
        let shown: Vec<&Shown> = self
            .submissions
            .values()
            .filter_map(|t| t.shown.get(&uri))
            .flatten()
            .collect();
        let only: Option<Vec<String>> = params
            .context
            .only
            .map(|kinds| kinds.into_iter().map(String::from).collect());
        let target = Target {
            uri: &uri,
            version: self.docs.get(&uri).map(|d| d.version),
            document_changes: self.document_changes,
        };
        actions::actions(&shown, &params.range, only.as_deref(), &target, self.lang)
    }

    fn hover(&self, params: HoverParams) -> Option<lsp_types::Hover> {
        let at = params.text_document_position_params;
        let uri = at.text_document.uri.to_string();
        let shown: Vec<(&Shown, &Catalogue)> = self
            .submissions
            .values()
            .filter_map(|t| t.shown.get(&uri).map(|s| (s, &*t.catalogue)))
            .flat_map(|(shown, catalogue)| shown.iter().map(move |s| (s, catalogue)))
            .collect();
        hover::hover(&shown, at.position, self.lang)
    }

    // ------------------------------------------------------------------------- notifications

    fn notification(&mut self, notification: Notification) -> Flow {
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

    // --------------------------------------------------------------------------------- lints

    /// Lints the submission `dir` with the open documents' texts, and publishes the
    /// diagnostics of every file whose diagnostics it had or has. A panic in the lint is caught
    /// and told; the session goes on.
    fn lint(&mut self, dir: &Path) {
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
    fn publish(&mut self, uri: &str) {
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

    // ------------------------------------------------------------------------------ writing

    fn answer(&mut self, id: RequestId, result: impl serde::Serialize) {
        let result = serde_json::to_value(result).unwrap_or_default();
        let response = Response {
            id,
            response_result: Ok(result),
        };
        self.send(&frames::body(&Message::Response(response)));
    }

    fn fail(&mut self, id: RequestId, code: i32, message: &Text) {
        let id = serde_json::to_value(id).unwrap_or_default();
        let answer = frames::error(id, code, message.get(self.lang));
        self.send(&answer);
    }

    fn bad_params(&mut self, id: RequestId, e: &serde_json::Error) {
        let why = untrusted::line(&e.to_string()).into_owned();
        let message = text!(
            "the request's parameters cannot be read: {why}",
            "无法读取请求的参数：{why}"
        );
        self.fail(id, -32602, &message);
    }

    fn notify(&mut self, method: &str, params: impl serde::Serialize) {
        let notification = Notification::new(method.to_owned(), params);
        self.send(&frames::body(&Message::Notification(notification)));
    }

    fn send(&mut self, body: &Value) {
        if !self.failed && frames::write(&mut self.out, body).is_err() {
            self.failed = true;
        }
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
