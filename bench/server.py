"""The language server's latency: from a `didChange` to the diagnostics it brings.

`python3 bench/server.py [--binary PATH] [--changes N]` (standard library only). Starts
`selfcheck server` (default: target/release/selfcheck), opens every document of a copy of
fixtures/clean, then sends N changes one after another and times each from the moment its
`didChange` is written to the moment its diagnostics are read:

- returns.yaml: Spain's postal code written without, then with its `CP` prefix (RET003 on
  returns.yaml, then none);
- license.yaml: the licensed entity renamed, then named back (CUS007 on customs.yaml, then
  none): the cross-file update.

Prints the median, minimum, 90th percentile and maximum of each in milliseconds, and before them
how long the opening took (the process's first lint).
"""
import argparse, json, os, pathlib, shutil, statistics, subprocess, sys, tempfile, time

ROOT = pathlib.Path(__file__).resolve().parent.parent


class Server:
    def __init__(self, binary):
        self.proc = subprocess.Popen([binary, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise SystemExit("the server ended")
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.proc.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == self.next_id and "method" not in message:
                return message

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri, done):
        """Reads until the diagnostics published for `uri` satisfy `done`."""
        while True:
            message = self.read()
            if message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                if params["uri"] == uri and done(params["diagnostics"]):
                    return

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.proc.wait(timeout=10)


def summary(name, times):
    ms = sorted(t * 1000 for t in times)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    print(f"{name}: median {statistics.median(ms):.1f} ms, min {ms[0]:.1f}, p90 {p90:.1f}, "
          f"max {ms[-1]:.1f} ({len(ms)} changes)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=str(ROOT / "target/release/selfcheck"))
    parser.add_argument("--changes", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp) / "huacai"
        shutil.copytree(ROOT / "fixtures/clean", folder)
        server = Server(args.binary)
        server.request("initialize", {"capabilities": {}, "initializationOptions": {"today": "2026-11-20"}})
        server.notify("initialized", {})
        texts = {}
        start = time.perf_counter()
        for path in sorted(folder.iterdir()):
            if path.is_file():
                texts[path.name] = path.read_text(encoding="utf-8")
                server.notify("textDocument/didOpen", {"textDocument": {
                    "uri": path.as_uri(), "languageId": "yaml", "version": 1, "text": texts[path.name]}})
        # Every lint of the opening is done once a request is answered.
        server.request("textDocument/hover", {"textDocument": {"uri": (folder / "returns.yaml").as_uri()},
                                              "position": {"line": 0, "character": 0}})
        print(f"didOpen of {len(texts)} documents -> linted, the process's first lint: "
              f"{(time.perf_counter() - start) * 1000:.1f} ms")
        version = 1
        cases = [
            ("returns.yaml", "returns.yaml",
             texts["returns.yaml"].replace("postal_code: CP 28009", "postal_code: 28009"), "RET003"),
            ("license.yaml", "customs.yaml",
             texts["license.yaml"].replace("华彩科技", "华彩供应链"), "CUS007"),
        ]
        for changed, shown, broken, code in cases:
            times = []
            for i in range(args.changes):
                version += 1
                text, done = (
                    (broken, lambda d: any(x["code"] == code for x in d)) if i % 2 == 0
                    else (texts[changed], lambda d: not d)
                )
                start = time.perf_counter()
                server.notify("textDocument/didChange", {
                    "textDocument": {"uri": (folder / changed).as_uri(), "version": version},
                    "contentChanges": [{"text": text}]})
                server.diagnostics((folder / shown).as_uri(), done)
                times.append(time.perf_counter() - start)
            summary(f"didChange {changed} -> diagnostics of {shown}", times)
        server.close()


if __name__ == "__main__":
    main()
