//! The client's requests: `initialize` (the language, the position encoding, the capabilities),
//! `shutdown`, code actions and hover; any other is answered with an error.

use super::{Session, Stage};
use crate::server::actions::{self, Target};
use crate::server::diagnostics::Shown;
use crate::server::hover;
use crate::server::position::Encoding;
use lsp_server::{Request, RequestId};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProvider, HoverParams,
    HoverProvider, InitializeResult, MessageType, PositionEncodingKind, Save, SaveOptions,
    ServerCapabilities, ServerInfo, TextDocumentSync, TextDocumentSyncKind,
    TextDocumentSyncOptions,
};
use selfcheck::catalogue::Catalogue;
use selfcheck::finding::Lang;
use selfcheck::model::Date;
use selfcheck::text;
use selfcheck::untrusted;
use serde_json::Value;
use std::io::Write;

impl<W: Write> Session<W> {
    /// Answers one request, as the session's stage allows.
    pub(super) fn request(&mut self, request: Request) {
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
}
