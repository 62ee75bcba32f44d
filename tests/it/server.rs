//! `selfcheck server` end to end: the binary spawned, framed JSON-RPC on its standard input and
//! output, as an editor speaks it. Each wait has a deadline, so a server that hangs fails the
//! test instead of blocking it. Self-contained: its own client, its own fixture copies.
//!
//! The last two tests drive the server with real clients — pytest-lsp (tests/lsp/) and Neovim
//! headless — and are ignored where those programs are absent.

use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long any one wait lasts before the test fails.
const WAIT: Duration = Duration::from_secs(30);
const TODAY: &str = "2026-11-20";

// ---------------------------------------------------------------------------------- the client

/// A running `selfcheck server` and what it said.
struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    stderr: Arc<Mutex<Vec<u8>>>,
    next_id: i64,
    /// The diagnostics last published, by URI.
    published: BTreeMap<String, Vec<Value>>,
    /// Every other notification received (`window/logMessage`, `window/showMessage`).
    notes: Vec<Value>,
}

impl Server {
    fn start() -> Server {
        Server::start_with(&[])
    }

    fn start_with(env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_selfcheck"))
            .arg("server")
            .envs(env.iter().copied())
            .env_remove("LANGUAGE")
            .env("LANG", "C.UTF-8")
            .env("LC_ALL", "C.UTF-8")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut out = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut out) {
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let mut err = child.stderr.take().unwrap();
        let collected = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    return;
                }
                collected.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Server {
            stdin: child.stdin.take(),
            child,
            messages,
            stderr,
            next_id: 0,
            published: BTreeMap::new(),
            notes: Vec::new(),
        }
    }

    /// Starts a server and initializes it with `params` (the as-of date set); returns the
    /// initialize result.
    fn initialized(params: Value) -> (Server, Value) {
        let mut server = Server::start();
        let result = server.initialize(params);
        (server, result)
    }

    fn initialize(&mut self, mut params: Value) -> Value {
        let options = params
            .as_object_mut()
            .unwrap()
            .entry("initializationOptions")
            .or_insert_with(|| json!({}));
        if options.get("today").is_none() {
            options["today"] = json!(TODAY);
        }
        if params.get("capabilities").is_none() {
            params["capabilities"] = json!({});
        }
        let answer = self.request("initialize", params);
        self.notify("initialized", json!({}));
        answer["result"].clone()
    }

    fn send_bytes(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        // The server may have ended (the tests of broken frames): a failed write is no failure.
        let _ = stdin.write_all(bytes).and_then(|_| stdin.flush());
    }

    fn send(&mut self, message: Value) {
        let body = serde_json::to_vec(&message).unwrap();
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend(body);
        self.send_bytes(&frame);
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its answer (the whole response).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.answer_to(&json!(id))
    }

    /// Waits for the answer with this `id`.
    fn answer_to(&mut self, id: &Value) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let message = self.next(deadline).unwrap_or_else(|| {
                panic!("no answer to {id} in time; stderr: {}", self.stderr_text())
            });
            if message.get("method").is_none() && message.get("id") == Some(id) {
                return message;
            }
        }
    }

    /// The next message, its notifications recorded; `None` past the deadline or at the end.
    fn next(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        let message = match self.messages.recv_timeout(left) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
        };
        match message["method"].as_str() {
            Some("textDocument/publishDiagnostics") => {
                let uri = message["params"]["uri"].as_str().unwrap().to_owned();
                let list = message["params"]["diagnostics"].as_array().unwrap().clone();
                self.published.insert(uri, list);
            }
            Some(_) => self.notes.push(message.clone()),
            None => {}
        }
        Some(message)
    }

    /// Waits until the diagnostics published for `path` satisfy `done`; returns them.
    fn diagnostics(&mut self, path: &Path, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let uri = uri(path);
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(list) = self.published.get(&uri)
                && done(list)
            {
                return list.clone();
            }
            if self.next(deadline).is_none() {
                panic!(
                    "diagnostics of {uri} not as awaited in time; last: {:#?}; stderr: {}",
                    self.published.get(&uri),
                    self.stderr_text()
                );
            }
        }
    }

    /// Waits until the server has nothing more to say for a moment (the lints of what was sent
    /// are published), then tells whether `path` ever got diagnostics.
    fn settle(&mut self) {
        // A request is answered after every lint that was due: its answer marks the point.
        let _ = self.request(
            "textDocument/hover",
            hover_params(Path::new("/nowhere.yaml"), 0, 0),
        );
    }

    fn open(&mut self, path: &Path, text: &str) {
        self.open_uri(&uri(path), text);
    }

    fn open_uri(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
    }

    /// Replaces the whole text of an open document.
    fn change(&mut self, path: &Path, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri(path), "version": version},
                "contentChanges": [{"text": text}],
            }),
        );
    }

    fn close(&mut self, path: &Path) {
        self.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri(path)}}),
        );
    }

    fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// The exit status, waited for until the deadline.
    fn exit_status(&mut self) -> Option<ExitStatus> {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    fn shutdown_and_exit(&mut self) -> ExitStatus {
        let answer = self.request("shutdown", Value::Null);
        assert!(answer.get("error").is_none(), "{answer}");
        self.notify("exit", Value::Null);
        self.exit_status().expect("the server exits after `exit`")
    }

    fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr.lock().unwrap()).into_owned()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One frame of the server's output; `None` at its end.
fn read_frame(out: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if out.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse().ok();
        }
    }
    let mut body = vec![0; length?];
    out.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("the server writes JSON"))
}

/// The `file:` URI of an absolute path.
fn uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_str().unwrap().bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn hover_params(path: &Path, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri(path)}, "position": {"line": line, "character": character}})
}

// --------------------------------------------------------------------------------- fixtures

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of `fixtures/clean` at `root/name`.
fn clean_submission(root: &Path, name: &str) -> PathBuf {
    let dir = root.join(name);
    copy(&fixtures().join("clean"), &dir);
    dir
}

fn temp() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().canonicalize().unwrap();
    (tmp, root)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// `returns.yaml` of the rule fixtures RET003 (Spain's postal code without `CP`) and RET004
/// (Brazil's without `CEP` and its hyphen) in one, written into the submission `dir`.
fn broken_returns(dir: &Path) -> String {
    let ret003 = read(&fixtures().join("rules/RET003/returns.yaml"));
    let ret004 = read(&fixtures().join("rules/RET004/returns.yaml"));
    let brazil = ret004.lines().nth(19).unwrap();
    assert_eq!(brazil, "    postal_code: 01310100");
    let text: String = ret003
        .split_inclusive('\n')
        .enumerate()
        .map(|(i, line)| {
            if i == 19 {
                format!("{brazil}\n")
            } else {
                line.to_owned()
            }
        })
        .collect();
    std::fs::write(dir.join("returns.yaml"), &text).unwrap();
    text
}

fn codes(list: &[Value]) -> Vec<String> {
    list.iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

fn with_code<'a>(list: &'a [Value], code: &str) -> &'a Value {
    list.iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {list:#?}"))
}

fn with_codes(list: &[Value]) -> Vec<String> {
    list.iter()
        .filter_map(|d| d["code"].as_str().map(str::to_owned))
        .collect()
}

fn range(d: &Value) -> (u64, u64, u64, u64) {
    let r = &d["range"];
    let n = |v: &Value| v.as_u64().unwrap();
    (
        n(&r["start"]["line"]),
        n(&r["start"]["character"]),
        n(&r["end"]["line"]),
        n(&r["end"]["character"]),
    )
}

/// Applies LSP text edits (UTF-16 positions) to `text`.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |pos: &Value| {
        let (line, character) = (
            pos["line"].as_u64().unwrap(),
            pos["character"].as_u64().unwrap(),
        );
        let start: usize = text
            .split_inclusive('\n')
            .take(line as usize)
            .map(str::len)
            .sum();
        let mut units = 0;
        let mut at = start;
        for c in text[start..].chars() {
            if units >= character as usize || c == '\n' {
                break;
            }
            units += c.len_utf16();
            at += c.len_utf8();
        }
        at
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_owned();
    for (start, end, new) in edits {
        out.replace_range(start..end, &new);
    }
    out
}

// ------------------------------------------------------------------------------------ tests

#[test]
fn initialize_negotiates_the_position_encoding() {
    let (mut server, result) = Server::initialized(json!({
        "capabilities": {"general": {"positionEncodings": ["utf-16", "utf-8"]}}
    }));
    let caps = &result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-8", "{result:#}");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.selfcheck"])
    );
    assert_eq!(result["serverInfo"]["name"], "selfcheck");
    assert!(server.shutdown_and_exit().success());

    // Not offered (or only UTF-32): the protocol's default.
    for offered in [json!(null), json!(["utf-32", "utf-16"])] {
        let (mut server, result) = Server::initialized(json!({
            "capabilities": {"general": {"positionEncodings": offered}}
        }));
        assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
        assert!(server.shutdown_and_exit().success());
    }
}

#[test]
fn a_broken_returns_yaml_gets_its_findings_at_their_places() {
    let (_tmp, root) = temp();
    let dir = clean_submission(&root, "huacai");
    let text = broken_returns(&dir);
    let (mut server, _) = Server::initialized(json!({}));
    let returns = dir.join("returns.yaml");
    server.open(&returns, &text);
    let list = server.diagnostics(&returns, |l| l.len() >= 2);
    assert_eq!(codes(&list), ["RET003", "RET004"], "{list:#?}");
    let ret003 = with_code(&list, "RET003");
    // `    postal_code: 28009` is line 9 (0-based 8); the value is columns 17 to 22.
    assert_eq!(range(ret003), (8, 17, 8, 22));
    assert_eq!(ret003["severity"], 1);
    assert_eq!(ret003["source"], "selfcheck");
    let href = ret003["codeDescription"]["href"].as_str().unwrap();
    assert!(
        href.starts_with("https://") && href.ends_with("#ret003"),
        "{href}"
    );
    let message = ret003["message"].as_str().unwrap();
    assert!(message.contains("`28009`"), "{message}");
    assert!(message.contains("help: "), "{message}");
    assert_eq!(range(with_code(&list, "RET004")), (19, 17, 19, 25));
    // The other documents of the submission are clean: nothing is published for them.
    assert!(
        !server
            .published
            .contains_key(&uri(&dir.join("customs.yaml")))
    );
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn an_unsaved_licence_changes_cus007_on_customs_and_the_disk_stays_as_it_was() {
    let (_tmp, root) = temp();
    let dir = clean_submission(&root, "huacai");
    let (license, customs) = (dir.join("license.yaml"), dir.join("customs.yaml"));
    let saved = read(&license);
    let (mut server, _) = Server::initialized(json!({}));
    server.open(&license, &saved);
    server.settle();
    assert!(
        server
            .published
            .get(&uri(&customs))
            .is_none_or(|l| l.is_empty())
    );

    // The licensed entity renamed in the editor, not saved: every declaration's consignor now
    // differs from it.
    let renamed = saved.replace("深圳市华彩科技有限公司", "深圳市华彩供应链有限公司");
    server.change(&license, 2, &renamed);
    let list = server.diagnostics(&customs, |l| !l.is_empty());
    // One CUS007 a declaration (the registration's entity differs too: CUS002, CUS003).
    let found = codes(&list);
    assert_eq!(
        found.iter().filter(|c| *c == "CUS007").count(),
        2,
        "{found:?}"
    );
    let first = with_code(&list, "CUS007");
    // `    consignor_name: 深圳市华彩科技有限公司` (line 8): 11 characters from column 20.
    assert_eq!(range(first), (7, 20, 7, 31));
    // The licence's entity, in the other file, as the buffer has it.
    let related = &first["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri(&license));
    assert_eq!(range(&related["location"]), (0, 13, 0, 25));
    assert!(!related["message"].as_str().unwrap().is_empty());
    // The CSV's rows too.
    let csv = server.diagnostics(&dir.join("declarations.csv"), |l| !l.is_empty());
    assert!(codes(&csv).iter().all(|c| c == "CUS007"), "{csv:#?}");

    // Renamed back: the findings go, in both files.
    server.change(&license, 3, &saved);
    server.diagnostics(&customs, |l| l.is_empty());
    server.diagnostics(&dir.join("declarations.csv"), |l| l.is_empty());
    assert_eq!(read(&license), saved, "the server never writes a file");
    assert!(server.shutdown_and_exit().success());
}

/// Findings on lines holding Chinese, Arabic and an emoji before them, one covering Chinese: the
/// columns in UTF-16 and in UTF-8.
#[test]
fn columns_are_right_after_cjk_arabic_and_emoji_in_both_encodings() {
    let (_tmp, root) = temp();
    let dir = clean_submission(&root, "huacai");
    // RET003 after Arabic, an emoji and Chinese on a flow mapping's line.
    let returns = read(&dir.join("returns.yaml"));
    let es_start = returns.find("  - market: ES").unwrap();
    let br_start = returns.find("  - market: BR").unwrap();
    let es_line = "  - {market: ES, recipient: \"مستودع 😀 华彩\", contact_name: María López, phone: \"+34 912 345 678\", street: \"Calle de Alcalá 100, 2ºB\", city: Madrid, region: Madrid, postal_code: 28009, country: ES, effective_from: 2026-12-25, reported_on: 2026-11-20}\n";
    let returns = format!("{}{es_line}{}", &returns[..es_start], &returns[br_start..]);
    // CUS007 after `出口`, covering the Chinese name, on one line.
    let customs = read(&dir.join("customs.yaml"));
    let second = customs.find("  - number: \"531620260012345901\"").unwrap();
    let decl_line = "  - {number: \"531620260012345901\", direction: 出口, declared_on: 2026-09-14, consignor_name: 深圳市华彩供应链有限公司, consignor_uscc: 91440300MA5FHC8K1M, scan: attachments/declarations/531620260012345901.pdf}\n";
    let customs = format!("{}{decl_line}", &customs[..second]);
    let line_of =
        |text: &str, needle: &str| text[..text.find(needle).unwrap()].matches('\n').count() as u64;
    let col = |line: &str, needle: &str, utf16: bool| {
        let before = &line[..line.find(needle).unwrap()];
        if utf16 {
            before.encode_utf16().count() as u64
        } else {
            before.len() as u64
        }
    };
    let name = "深圳市华彩供应链有限公司";
    for (offered, utf16) in [(json!(["utf-16"]), true), (json!(["utf-8"]), false)] {
        let (mut server, result) = Server::initialized(json!({
            "capabilities": {"general": {"positionEncodings": offered}}
        }));
        assert_eq!(
            result["capabilities"]["positionEncoding"],
            if utf16 { "utf-16" } else { "utf-8" }
        );
        server.open(&dir.join("returns.yaml"), &returns);
        server.open(&dir.join("customs.yaml"), &customs);
        let list = server.diagnostics(&dir.join("returns.yaml"), |l| !l.is_empty());
        let ret003 = with_code(&list, "RET003");
        let start = col(es_line, "28009", utf16);
        let (line, expected) = (line_of(&returns, es_line), (start, start + 5));
        assert_eq!(
            range(ret003),
            (line, expected.0, line, expected.1),
            "{ret003:#}"
        );
        // Counted by hand: 176 UTF-16 units before `28009`. In bytes 16 more: the six Arabic
        // letters one more each, the emoji two, the two Chinese characters two each, and
        // `í`, `ó`, `á`, `º` one each.
        assert_eq!(expected.0, if utf16 { 176 } else { 192 });

        let list = server.diagnostics(&dir.join("customs.yaml"), |l| !l.is_empty());
        let cus007 = with_code(&list, "CUS007");
        let line = line_of(&customs, decl_line);
        let start = col(decl_line, name, utf16);
        let width = if utf16 { 12 } else { 36 };
        assert_eq!(
            range(cus007),
            (line, start, line, start + width),
            "{cus007:#}"
        );
        // After `出口`: 91 UTF-16 units, 95 bytes.
        assert_eq!(start, if utf16 { 91 } else { 95 });
        assert!(server.shutdown_and_exit().success());
    }
}

#[test]
fn quick_fixes_and_fix_all_are_edits_for_the_client_to_apply() {
    let (_tmp, root) = temp();
    let dir = clean_submission(&root, "huacai");
    let text = broken_returns(&dir);
    let returns = dir.join("returns.yaml");
    let (mut server, _) = Server::initialized(json!({}));
    server.open(&returns, &text);
    let list = server.diagnostics(&returns, |l| l.len() >= 2);
    let ret003 = with_code(&list, "RET003").clone();

    // The cursor on RET003's value: its quick fix only.
    let params = json!({
        "textDocument": {"uri": uri(&returns)},
        "range": ret003["range"],
        "context": {"diagnostics": [ret003.clone()], "only": ["quickfix"]},
    });
    let actions = server.request("textDocument/codeAction", params)["result"].clone();
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    let fix = &actions[0];
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"][0]["code"], "RET003");
    assert!(
        fix["title"].as_str().unwrap().contains("CP 28009"),
        "{fix:#}"
    );
    let edits = fix["edit"]["changes"][uri(&returns)].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["newText"], "CP 28009");
    assert_eq!(edits[0]["range"], ret003["range"]);

    // Fix all (asked as `source.fixAll`, which covers `source.fixAll.selfcheck`).
    let params = json!({
        "textDocument": {"uri": uri(&returns)},
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
        "context": {"diagnostics": [], "only": ["source.fixAll"]},
    });
    let actions = server.request("textDocument/codeAction", params)["result"].clone();
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.selfcheck");
    let edits = actions[0]["edit"]["changes"][uri(&returns)]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(edits.len(), 2);
    let fixed = apply_edits(&text, &edits);
    assert!(
        fixed.contains("postal_code: CP 28009") && fixed.contains("postal_code: CEP 01310-100")
    );
    assert_eq!(read(&returns), text, "the server never writes a file");
    // The editor applies them: nothing left.
    server.change(&returns, 2, &fixed);
    server.diagnostics(&returns, |l| l.is_empty());
    assert!(server.shutdown_and_exit().success());

    // A client that takes versioned edits gets them tied to the document's version.
    let (mut server, _) = Server::initialized(json!({
        "capabilities": {"workspace": {"workspaceEdit": {"documentChanges": true}}}
    }));
    server.open(&returns, &text);
    server.diagnostics(&returns, |l| l.len() >= 2);
    let params = json!({
        "textDocument": {"uri": uri(&returns)},
        "range": ret003["range"],
        "context": {"diagnostics": []},
    });
    let actions = server.request("textDocument/codeAction", params)["result"].clone();
    let change = &actions[0]["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"]["uri"], uri(&returns));
    assert_eq!(change["textDocument"]["version"], 1);
    assert_eq!(change["edits"][0]["newText"], "CP 28009");
    // Without `only`: the quick fix and fix-all.
    let kinds: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["quickfix", "source.fixAll.selfcheck"]);
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn hover_over_a_finding_explains_its_rule() {
    let (_tmp, root) = temp();
    let dir = clean_submission(&root, "huacai");
    let text = broken_returns(&dir);
    let returns = dir.join("returns.yaml");
    let (mut server, _) = Server::initialized(json!({}));
    server.open(&returns, &text);
    server.diagnostics(&returns, |l| l.len() >= 2);
    let hover =
        server.request("textDocument/hover", hover_params(&returns, 8, 19))["result"].clone();
    assert_eq!(hover["contents"]["kind"], "markdown");
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.starts_with("### RET003 (error): "), "{value}");
    assert!(value.contains("**How to fix**"), "{value}");
    assert_eq!(range(&hover), (8, 17, 8, 22));
    // Where there is no finding: nothing.
    let none = server.request("textDocument/hover", hover_params(&returns, 0, 3));
    assert_eq!(none["result"], Value::Null, "{none:#}");
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn chinese_from_the_locale_or_the_lang_option_which_wins() {
    let (_tmp, root) = temp();
    let dir = clean_submission(&root, "huacai");
    let text = broken_returns(&dir);
    let returns = dir.join("returns.yaml");
    let cases = [
        (json!({"locale": "zh-cn"}), true),
        (json!({"locale": "zh-TW"}), true),
        (
            json!({"locale": "en-US", "initializationOptions": {"lang": "zh"}}),
            true,
        ),
        (
            json!({"locale": "zh-CN", "initializationOptions": {"lang": "en"}}),
            false,
        ),
        (json!({}), false),
    ];
    for (params, chinese) in cases {
        let (mut server, _) = Server::initialized(params.clone());
        server.open(&returns, &text);
        let list = server.diagnostics(&returns, |l| l.len() >= 2);
        let message = with_code(&list, "RET003")["message"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(message.contains("帮助："), chinese, "{params}: {message}");
        assert_eq!(message.contains("help: "), !chinese, "{params}: {message}");
        let hover =
            server.request("textDocument/hover", hover_params(&returns, 8, 19))["result"].clone();
        let value = hover["contents"]["value"].as_str().unwrap();
        assert_eq!(value.contains("**修改方法**"), chinese, "{params}: {value}");
        assert!(server.shutdown_and_exit().success());
    }
}

#[test]
fn the_agency_configuration_above_wins_and_the_sellers_own_is_sel002() {
    let (_tmp, root) = temp();
    let agency = root.join("agency");
    let dir = clean_submission(&agency, "huacai");
    std::fs::write(
        agency.join(".selfcheck.yaml"),
        "rules:\n  RET003: warning\n",
    )
    .unwrap();
    std::fs::write(dir.join(".selfcheck.yaml"), "rules:\n  RET003: off\n").unwrap();
    let text = broken_returns(&dir);
    let returns = dir.join("returns.yaml");
    let (mut server, _) = Server::initialized(json!({}));
    server.open(&returns, &text);
    let list = server.diagnostics(&returns, |l| l.len() >= 2);
    // Not off, as the seller's file says: a warning, as the agency's says.
    assert_eq!(with_code(&list, "RET003")["severity"], 2, "{list:#?}");
    let own = dir.join(".selfcheck.yaml");
    let sel002 = server.diagnostics(&own, |l| !l.is_empty());
    assert_eq!(codes(&sel002), ["SEL002"]);
    assert_eq!(sel002[0]["severity"], 2);
    // A finding about the whole file, which the lint does not read: at its start.
    assert_eq!(range(&sel002[0]), (0, 0, 0, 0));
    assert!(
        sel002[0]["message"]
            .as_str()
            .unwrap()
            .contains("../.selfcheck.yaml"),
        "{sel002:#?}"
    );

    // The seller's own file opened and edited without saving changes nothing: the agency's
    // applies still. Saving the agency's file lints the submissions below it again.
    server.open(&own, "rules:\n  RET004: off\n");
    server.settle();
    std::fs::write(agency.join(".selfcheck.yaml"), "rules:\n  RET003: off\n").unwrap();
    server.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri(&agency.join(".selfcheck.yaml"))}}),
    );
    let list = server.diagnostics(&returns, |l| l.len() == 1);
    assert_eq!(codes(&list), ["RET004"]);
    assert!(server.shutdown_and_exit().success());
}

/// The packs an agency's configuration names run in the editor as in `lint`; a pack's code is
/// linked only where the configuration says where its documentation is; a pack that cannot be
/// used stops the lint there, as it stops `lint`, and is told.
#[test]
fn rule_packs_run_and_a_broken_one_is_told() {
    let (_tmp, root) = temp();
    let agency = root.join("agency");
    let dir = clean_submission(&agency, "huacai");
    copy(
        &fixtures().join("packs/agency"),
        &agency.join("packs/agency"),
    );
    let config = agency.join(".selfcheck.yaml");
    std::fs::write(&config, "checks: [packs/agency]\n").unwrap();
    let fulfillment = dir.join("fulfillment.yaml");
    let text = read(&fulfillment).replace("carrier: Correos", "carrier: DHL");
    let (mut server, _) = Server::initialized(json!({}));
    server.open(&fulfillment, &text);
    let list = server.diagnostics(&fulfillment, |l| !l.is_empty());
    let agy001 = with_code(&list, "AGY001");
    assert!(agy001.get("codeDescription").is_none(), "{agy001:#}");
    let position = &agy001["range"]["start"];
    let hover = server.request(
        "textDocument/hover",
        hover_params(
            &fulfillment,
            position["line"].as_u64().unwrap() as u32,
            position["character"].as_u64().unwrap() as u32,
        ),
    );
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.starts_with("### AGY001"), "{value}");

    std::fs::write(
        &config,
        "checks: [packs/agency]\ndocs_url: https://docs.example.com/{code}\n",
    )
    .unwrap();
    server.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri(&config)}}),
    );
    let list = server.diagnostics(&fulfillment, |l| {
        l.iter().any(|d| d.get("codeDescription").is_some())
    });
    let href = &with_code(&list, "AGY001")["codeDescription"]["href"];
    assert_eq!(href, "https://docs.example.com/agy001");

    // A pack of a found configuration that cannot be used is SEL003 at the pack's mistake, and
    // the submission is linted with the defaults (SPEC §7), as `lint` does.
    let pack = agency.join("packs/agency/AGY001.yaml");
    std::fs::write(&pack, "code: [\n").unwrap();
    server.change(&fulfillment, 2, &read(&fulfillment));
    server.diagnostics(&fulfillment, |l| {
        with_codes(l).iter().all(|c| c != "AGY001")
    });
    let list = server.diagnostics(&pack, |l| !l.is_empty());
    assert!(
        with_codes(&list).contains(&"SEL003".to_owned()),
        "{list:#?}"
    );
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn a_missing_document_is_shown_on_submission_yaml() {
    let (_tmp, root) = temp();
    let dir = clean_submission(&root, "huacai");
    std::fs::remove_file(dir.join("customs.yaml")).unwrap();
    let (mut server, _) = Server::initialized(json!({}));
    server.open(&dir.join("license.yaml"), &read(&dir.join("license.yaml")));
    let list = server.diagnostics(&dir.join("submission.yaml"), |l| !l.is_empty());
    let sub001 = with_code(&list, "SUB001");
    let message = sub001["message"].as_str().unwrap();
    assert!(message.contains("customs.yaml"), "{message}");
    // The first line of submission.yaml, whole.
    let first = read(&dir.join("submission.yaml"))
        .lines()
        .next()
        .unwrap()
        .chars()
        .count();
    assert_eq!(range(sub001), (0, 0, 0, first as u64));
    // A new customs.yaml, open but not saved yet, is read as the document.
    server.open(
        &dir.join("customs.yaml"),
        &read(&fixtures().join("clean/customs.yaml")),
    );
    server.diagnostics(&dir.join("submission.yaml"), |l| l.is_empty());
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn a_buffer_over_the_size_limit_gets_the_sub002_lint_gives() {
    let (_tmp, root) = temp();
    let dir = clean_submission(&root, "huacai");
    let returns = dir.join("returns.yaml");
    let big = format!("{}# {}\n", read(&returns), "x".repeat(1024 * 1024));
    std::fs::write(root.join("big.yaml"), &big).unwrap();
    let (mut server, _) = Server::initialized(json!({}));
    server.open(&returns, &big);
    let list = server.diagnostics(&returns, |l| !l.is_empty());
    assert_eq!(codes(&list), ["SUB002"], "{list:#?}");
    // As `lint` says of the file on disk.
    std::fs::write(&returns, &big).unwrap();
    let lint = Command::new(env!("CARGO_BIN_EXE_selfcheck"))
        .args(["lint", "--format", "json", "--today", TODAY])
        .arg(&dir)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&lint.stdout).unwrap();
    let finding = &report["submissions"][0]["findings"][0];
    assert_eq!(finding["code"], "SUB002");
    assert_eq!(finding["file"], "returns.yaml");
    let message = list[0]["message"].as_str().unwrap();
    assert!(
        message.contains(finding["message"].as_str().unwrap()),
        "{message} / {finding}"
    );
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn untitled_buffers_and_documents_outside_a_submission_are_left_alone() {
    let (_tmp, root) = temp();
    let outside = root.join("notes");
    std::fs::create_dir_all(&outside).unwrap();
    let text = "addresses:\n  - market: ES\n    postal_code: 28009\n";
    std::fs::write(outside.join("returns.yaml"), text).unwrap();
    let (mut server, _) = Server::initialized(json!({}));
    server.open_uri("untitled:Untitled-1", text);
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "untitled:Untitled-1", "version": 2},
               "contentChanges": [{"text": "x: [\n"}]}),
    );
    server.open(&outside.join("returns.yaml"), text);
    server.open_uri("file:///", "");
    server.open_uri("git:/x/returns.yaml?ref", text);
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "untitled:Untitled-1"}, "position": {"line": 2, "character": 18}}),
    );
    assert_eq!(hover["result"], Value::Null);
    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(&outside.join("returns.yaml"))},
               "range": {"start": {"line": 2, "character": 18}, "end": {"line": 2, "character": 18}},
               "context": {"diagnostics": []}}),
    );
    assert_eq!(actions["result"], json!([]));
    server.close(&outside.join("returns.yaml"));
    server.settle();
    assert!(server.published.is_empty(), "{:#?}", server.published);
    assert!(server.shutdown_and_exit().success());
}

/// A folder becomes a submission when its `submission.yaml` is saved: the documents open there
/// are linted from then on.
#[test]
fn a_new_submission_yaml_saved_makes_a_submission_of_its_folder() {
    let (_tmp, root) = temp();
    let dir = clean_submission(&root, "huacai");
    let submission = read(&dir.join("submission.yaml"));
    std::fs::remove_file(dir.join("submission.yaml")).unwrap();
    let text = broken_returns(&dir);
    let returns = dir.join("returns.yaml");
    let (mut server, _) = Server::initialized(json!({}));
    server.open(&returns, &text);
    server.open(&dir.join("submission.yaml"), &submission);
    server.settle();
    assert!(server.published.is_empty(), "{:#?}", server.published);
    std::fs::write(dir.join("submission.yaml"), &submission).unwrap();
    server.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri(&dir.join("submission.yaml"))}}),
    );
    let list = server.diagnostics(&returns, |l| l.len() >= 2);
    assert_eq!(codes(&list), ["RET003", "RET004"]);
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn closing_the_last_document_of_a_submission_clears_its_diagnostics() {
    let (_tmp, root) = temp();
    let dir = clean_submission(&root, "huacai");
    let text = broken_returns(&dir);
    let returns = dir.join("returns.yaml");
    let (mut server, _) = Server::initialized(json!({}));
    server.open(&returns, &text);
    server.open(&dir.join("service.yaml"), &read(&dir.join("service.yaml")));
    server.diagnostics(&returns, |l| l.len() >= 2);
    // Closed without saving its fix: the file as saved is linted.
    server.change(
        &returns,
        2,
        &text.replace("postal_code: 28009", "postal_code: CP 28009"),
    );
    server.diagnostics(&returns, |l| l.len() == 1);
    server.close(&returns);
    server.diagnostics(&returns, |l| l.len() == 2);
    server.close(&dir.join("service.yaml"));
    server.diagnostics(&returns, |l| l.is_empty());
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn a_frame_that_is_not_json_is_answered_and_the_session_goes_on() {
    let (mut server, _) = Server::initialized(json!({}));
    server.send_bytes(b"Content-Length: 9\r\n\r\n{not json");
    let answer = server.answer_to(&Value::Null);
    assert_eq!(answer["error"]["code"], -32700, "{answer:#}");
    // JSON that is no message: Invalid Request, to its id.
    server.send(json!({"jsonrpc": "2.0", "id": 77}));
    let answer = server.answer_to(&json!(77));
    assert_eq!(answer["error"]["code"], -32600, "{answer:#}");
    // A method the server does not know.
    let answer = server.request("workspace/symbol", json!({"query": ""}));
    assert_eq!(answer["error"]["code"], -32601, "{answer:#}");
    assert!(server.shutdown_and_exit().success());
}

#[test]
fn a_frame_announcing_too_much_ends_the_session_at_once() {
    let (mut server, _) = Server::initialized(json!({}));
    // Nothing more is sent and the input stays open: the server ends by itself.
    server.send_bytes(b"Content-Length: 99999999999\r\n\r\n{");
    let status = server
        .exit_status()
        .expect("the server ends, it does not wait");
    assert!(!status.success(), "{status:?}");
    assert!(
        server.stderr_text().contains("Content-Length") || server.stderr_text().contains("bytes")
    );
}

#[test]
fn a_truncated_frame_ends_the_session_cleanly() {
    let (mut server, _) = Server::initialized(json!({}));
    server.send_bytes(b"Content-Length: 100\r\n\r\n{\"jsonrpc\": \"2.0\", ");
    server.close_stdin();
    let status = server
        .exit_status()
        .expect("the server ends at the end of its input");
    assert!(!status.success(), "{status:?}");
}

#[test]
fn shutdown_then_exit_is_0_and_exit_alone_is_1() {
    let mut server = Server::start();
    // Before initialize: not initialized.
    let answer = server.request(
        "textDocument/hover",
        hover_params(Path::new("/a.yaml"), 0, 0),
    );
    assert_eq!(answer["error"]["code"], -32002, "{answer:#}");
    server.initialize(json!({}));
    let answer = server.request("shutdown", Value::Null);
    assert_eq!(answer["result"], Value::Null);
    assert!(answer.get("error").is_none());
    // After shutdown, only exit.
    let answer = server.request(
        "textDocument/hover",
        hover_params(Path::new("/a.yaml"), 0, 0),
    );
    assert_eq!(answer["error"]["code"], -32600, "{answer:#}");
    server.notify("exit", Value::Null);
    assert_eq!(server.exit_status().unwrap().code(), Some(0));

    let (mut server, _) = Server::initialized(json!({}));
    server.notify("exit", Value::Null);
    assert_eq!(server.exit_status().unwrap().code(), Some(1));

    // The input ends without shutdown.
    let (mut server, _) = Server::initialized(json!({}));
    server.close_stdin();
    assert_eq!(server.exit_status().unwrap().code(), Some(1));
}

/// A lint that panics (a bug in a rule; debug builds panic on request for this test) is told,
/// and the server goes on linting other submissions. The folder's name, a seller's text, holds
/// an escape sequence: it reaches standard error escaped.
#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the panic is asked for in debug builds only"
)]
fn a_panic_in_one_lint_does_not_end_the_server() {
    let (_tmp, root) = temp();
    let bad = clean_submission(&root, "bad\u{1b}[31m");
    let good = clean_submission(&root, "good");
    let mut server = Server::start_with(&[("SELFCHECK_TEST_PANIC_IN", "bad\u{1b}[31m")]);
    server.initialize(json!({}));
    server.open(&bad.join("returns.yaml"), &broken_returns(&bad));
    server.open(&good.join("returns.yaml"), &broken_returns(&good));
    server.diagnostics(&good.join("returns.yaml"), |l| l.len() >= 2);
    server.settle();
    let told = server
        .notes
        .iter()
        .find(|n| n["method"] == "window/showMessage")
        .unwrap_or_else(|| panic!("the panic is told: {:#?}", server.notes));
    assert!(
        told["params"]["message"]
            .as_str()
            .unwrap()
            .contains("internal error")
    );
    let stderr = server.stderr_text();
    assert!(stderr.contains("internal error"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(stderr.contains("\\u{1b}"), "{stderr:?}");
    assert!(server.shutdown_and_exit().success());
}

// ------------------------------------------------------------------------------ real clients

/// tests/lsp/test_server.py under pytest, with pytest-lsp as the client: open, change, a
/// cross-file update, code actions, hover, Chinese, a malformed frame and shutdown.
#[test]
#[cfg_attr(not(has_pytest_lsp), ignore = "needs pytest-lsp")]
fn pytest_lsp_drives_the_server() {
    let python = std::env::var("SELFCHECK_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let (_tmp, root) = temp();
    let out = Command::new(&python)
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lsp"))
        .env("SELFCHECK_BIN", env!("CARGO_BIN_EXE_selfcheck"))
        .env("SELFCHECK_FIXTURES", fixtures())
        .env("SELFCHECK_SCRATCH", &root)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .unwrap_or_else(|e| panic!("{python} cannot run: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    assert!(text.contains("passed"), "{text}");
}

/// Neovim headless, its built-in client started on a broken returns.yaml: the diagnostics it
/// received, as it prints them.
#[test]
#[cfg_attr(not(has_nvim), ignore = "needs nvim")]
fn neovim_shows_the_diagnostics_of_a_broken_returns_yaml() {
    let (_tmp, root) = temp();
    let dir = clean_submission(&root, "huacai");
    broken_returns(&dir);
    let script = root.join("selfcheck.lua");
    std::fs::write(&script, NVIM_SCRIPT).unwrap();
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-n"])
        .arg(dir.join("returns.yaml"))
        .arg("-c")
        .arg(format!("luafile {}", script.display()))
        .env("SELFCHECK_BIN", env!("CARGO_BIN_EXE_selfcheck"))
        .env("SELFCHECK_TODAY", TODAY)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nvim starts");
    let deadline = Instant::now() + WAIT * 2;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim did not finish in time");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "{status:?} {stderr}");
    let mut printed = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut printed)
        .unwrap();
    let lines: Vec<&str> = printed.lines().collect();
    // `code line:col-line:col source`, 0-based as Neovim keeps them.
    assert_eq!(
        lines,
        [
            "RET003 8:17-8:22 selfcheck error",
            "RET004 19:17-19:25 selfcheck error"
        ],
        "{printed}\n{stderr}"
    );
}

/// Opens the buffer's file with selfcheck's server (`vim.lsp.start`, or `start_client` in
/// Neovim before 0.8), waits for its diagnostics and prints them on standard output.
const NVIM_SCRIPT: &str = r#"
local bin, today = os.getenv('SELFCHECK_BIN'), os.getenv('SELFCHECK_TODAY')
local config = {
  name = 'selfcheck',
  cmd = { bin, 'server' },
  root_dir = vim.fn.expand('%:p:h'),
  init_options = { today = today },
}
if vim.lsp.start then
  vim.lsp.start(config)
else
  local id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(0, id)
end
vim.wait(30000, function() return #vim.diagnostic.get(0) >= 2 end, 50)
local names = { 'error', 'warning', 'info', 'hint' }
local lines = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(lines, string.format('%s %d:%d-%d:%d %s %s', d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?',
    d.lnum, d.col, d.end_lnum, d.end_col, d.source, names[d.severity]))
end
table.sort(lines)
io.stdout:write(table.concat(lines, '\n') .. '\n')
io.stdout:flush()
for _, client in pairs(vim.lsp.get_active_clients()) do client.stop() end
vim.wait(5000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
vim.cmd('qa!')
"#;
