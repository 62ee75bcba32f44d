#!/usr/bin/env bash
# The agency-scale benchmark: `bench/run.sh [SIZES...]` (default: 1000 10000).
# Builds selfcheck in release mode, generates corpora with bench/gen_corpus.py,
# installs check-jsonschema from PyPI into a throw-away virtualenv, and prints a Markdown table:
# selfcheck's wall time against `cat` of every file (the I/O floor) and against check-jsonschema
# validating the same documents with `selfcheck schema` schemas, plus peak memory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/selfcheck-bench}
mkdir -p "$work"
cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml"
if [ ! -x "$work/venv/bin/check-jsonschema" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet --disable-pip-version-check check-jsonschema
fi
exec python3 "$root/bench/bench.py" --root "$root" --work "$work" "$@"
