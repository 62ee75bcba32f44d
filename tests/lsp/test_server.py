"""`selfcheck server` driven by a real LSP client, pytest-lsp, over stdio.

Run by tests/it/server.rs (`pytest_lsp_drives_the_server`), which passes the binary in
SELFCHECK_BIN and the repository's fixtures in SELFCHECK_FIXTURES. By hand:

    SELFCHECK_BIN=target/debug/selfcheck SELFCHECK_FIXTURES=fixtures python -m pytest tests/lsp
"""

import asyncio
import os
import pathlib
import shutil

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

BIN = os.environ["SELFCHECK_BIN"]
FIXTURES = pathlib.Path(os.environ["SELFCHECK_FIXTURES"])
TODAY = "2026-11-20"
WAIT = 30


def submission(tmp_path: pathlib.Path) -> pathlib.Path:
    """A copy of fixtures/clean whose returns.yaml is the rule fixtures RET003's and RET004's in
    one: Spain's postal code without `CP`, Brazil's without `CEP` and its hyphen."""
    folder = tmp_path / "huacai"
    shutil.copytree(FIXTURES / "clean", folder)
    lines = (FIXTURES / "rules/RET003/returns.yaml").read_text(encoding="utf-8").splitlines(True)
    brazil = (FIXTURES / "rules/RET004/returns.yaml").read_text(encoding="utf-8").splitlines(True)[19]
    assert brazil == "    postal_code: 01310100\n"
    lines[19] = brazil
    (folder / "returns.yaml").write_text("".join(lines), encoding="utf-8")
    return folder


async def initialize(client: LanguageClient, locale=None):
    capabilities = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind.Utf16]
        )
    )
    return await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            locale=locale,
            initialization_options={"today": TODAY},
        )
    )


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BIN, "server"]))
async def client(lsp_client: LanguageClient):
    await initialize(lsp_client, locale="en-US")
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BIN, "server"]))
async def client_zh(lsp_client: LanguageClient):
    await initialize(lsp_client, locale="zh-CN")
    yield
    await lsp_client.shutdown_session()


def uri(path: pathlib.Path) -> str:
    return path.as_uri()


def open_document(client: LanguageClient, path: pathlib.Path, text=None):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri(path),
                language_id="yaml",
                version=1,
                text=path.read_text(encoding="utf-8") if text is None else text,
            )
        )
    )


def change_document(client: LanguageClient, path: pathlib.Path, version: int, text: str):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(
                uri=uri(path), version=version
            ),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def diagnostics(client: LanguageClient, path: pathlib.Path, done):
    """The diagnostics of `path` once `done` holds for them."""

    async def wait():
        while not done(client.diagnostics.get(uri(path))):
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return client.diagnostics[uri(path)]

    return await asyncio.wait_for(wait(), WAIT)


def codes(found):
    return sorted(d.code for d in found or [])


async def test_open_shows_the_findings_at_their_places(client: LanguageClient, tmp_path):
    folder = submission(tmp_path)
    returns = folder / "returns.yaml"
    open_document(client, returns)
    found = await diagnostics(client, returns, lambda d: codes(d) == ["RET003", "RET004"])
    ret003 = next(d for d in found if d.code == "RET003")
    assert (ret003.range.start.line, ret003.range.start.character) == (8, 17)
    assert (ret003.range.end.line, ret003.range.end.character) == (8, 22)
    assert ret003.severity == types.DiagnosticSeverity.Error
    assert ret003.source == "selfcheck"
    assert ret003.code_description.href.endswith("#ret003")


async def test_change_and_a_cross_file_update(client: LanguageClient, tmp_path):
    folder = submission(tmp_path)
    license, customs, returns = (
        folder / "license.yaml",
        folder / "customs.yaml",
        folder / "returns.yaml",
    )
    open_document(client, returns)
    await diagnostics(client, returns, lambda d: len(d or []) == 2)
    # A change of the open document.
    fixed = returns.read_text(encoding="utf-8").replace("postal_code: 28009", "postal_code: CP 28009")
    change_document(client, returns, 2, fixed)
    await diagnostics(client, returns, lambda d: codes(d) == ["RET004"])
    # The licence renamed without saving: customs.yaml's consignors differ from it.
    saved = license.read_text(encoding="utf-8")
    open_document(client, license)
    change_document(client, license, 2, saved.replace("华彩科技", "华彩供应链"))
    found = await diagnostics(client, customs, lambda d: "CUS007" in codes(d))
    cus007 = next(d for d in found if d.code == "CUS007")
    assert cus007.related_information[0].location.uri == uri(license)
    change_document(client, license, 3, saved)
    await diagnostics(client, customs, lambda d: d is not None and len(d) == 0)
    assert license.read_text(encoding="utf-8") == saved


async def test_code_actions_are_edits(client: LanguageClient, tmp_path):
    folder = submission(tmp_path)
    returns = folder / "returns.yaml"
    open_document(client, returns)
    found = await diagnostics(client, returns, lambda d: len(d or []) == 2)
    ret003 = next(d for d in found if d.code == "RET003")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(returns)),
            range=ret003.range,
            context=types.CodeActionContext(diagnostics=[ret003]),
        )
    )
    kinds = [a.kind for a in actions]
    assert kinds == [types.CodeActionKind.QuickFix, "source.fixAll.selfcheck"]
    edits = actions[0].edit.changes[uri(returns)]
    assert [e.new_text for e in edits] == ["CP 28009"]
    assert len(actions[1].edit.changes[uri(returns)]) == 2


async def test_hover_explains_the_rule(client: LanguageClient, tmp_path):
    folder = submission(tmp_path)
    returns = folder / "returns.yaml"
    open_document(client, returns)
    await diagnostics(client, returns, lambda d: len(d or []) == 2)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri(returns)),
            position=types.Position(line=8, character=19),
        )
    )
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert hover.contents.value.startswith("### RET003 (error): ")


async def test_chinese_locale(client_zh: LanguageClient, tmp_path):
    folder = submission(tmp_path)
    returns = folder / "returns.yaml"
    open_document(client_zh, returns)
    found = await diagnostics(client_zh, returns, lambda d: len(d or []) == 2)
    assert all("帮助：" in d.message for d in found), [d.message for d in found]
    hover = await client_zh.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri(returns)),
            position=types.Position(line=8, character=19),
        )
    )
    assert "**修改方法**" in hover.contents.value


async def test_a_malformed_frame_is_answered_and_the_session_goes_on(
    client: LanguageClient, tmp_path
):
    seen = []
    structure = client.protocol.structure_message

    def recording(data):
        seen.append(data)
        return structure(data)

    client.protocol.structure_message = recording
    client.protocol.writer.write(b"Content-Length: 9\r\n\r\n{not json")

    async def answered():
        while not any(m.get("error", {}).get("code") == -32700 for m in seen):
            await asyncio.sleep(0.02)

    await asyncio.wait_for(answered(), WAIT)
    answer = next(m for m in seen if "error" in m)
    assert answer["id"] is None
    # The session goes on.
    folder = submission(tmp_path)
    returns = folder / "returns.yaml"
    open_document(client, returns)
    await diagnostics(client, returns, lambda d: len(d or []) == 2)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BIN, "server"]))
async def bare(lsp_client: LanguageClient):
    yield


async def test_shutdown_then_exit(bare: LanguageClient):
    await initialize(bare)
    await bare.shutdown_session()
    assert bare._server.returncode == 0
