//! One session with an editor: its lifecycle (initialize, shutdown, exit), the open documents,
//! and the submissions they belong to, each linted with the open documents' unsaved texts and
//! its diagnostics published file by file.
//!
//! The session's state and its writing are here; [`requests`] answers the client's requests,
//! [`notifications`] follows the documents, and [`lints`] lints a submission and publishes what
//! it found.

mod lints;
mod notifications;
mod requests;

use super::diagnostics::Shown;
use super::documents::Documents;
use super::frames::{self, Frame};
use super::position::Encoding;
use lsp_server::{Message, Notification, RequestId, Response};
use lsp_types::MessageType;
use selfcheck::catalogue::Catalogue;
use selfcheck::finding::{Lang, Text};
use selfcheck::model::Date;
use selfcheck::text;
use selfcheck::untrusted;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::PathBuf;
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
