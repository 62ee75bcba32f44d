#!/usr/bin/env bash
# Checks that need tools from outside Rust, installed here into a throw-away virtualenv:
#  - junitparser, a real JUnit parser, reads `--format junit`;
#  - check-jsonschema validates `--format sarif` against the official SARIF 2.1.0 schema;
#  - pre-commit runs this repository's hook (`pre-commit try-repo`) on a failing and a clean
#    submission.
# Usage: tests/external/run.sh   (from anywhere; needs python3, git, cargo)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
schema="$root/../shared/schemas/sarif-schema-2.1.0.json"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --locked --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/debug/selfcheck"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check junitparser check-jsonschema pre-commit

# A submission with the three most common problems.
make_failing() {
  cp -r "$root/fixtures/clean" "$1"
  cp "$root/fixtures/rules/CUS007/customs.yaml" "$1/customs.yaml"
  cp "$root/fixtures/rules/RET003/returns.yaml" "$1/returns.yaml"
  sed -i 's/first_response: 120m/first_response: ASAP/' "$1/service.yaml"
}
make_failing "$work/huacai"

echo "== junit, read by junitparser"
"$bin" lint "$work/huacai" --format junit > "$work/junit.xml" && exit 1 || true
"$work/venv/bin/python" - "$work/junit.xml" <<'PY'
import sys
from junitparser import JUnitXml, Failure
xml = JUnitXml.fromfile(sys.argv[1])
suites = list(xml)
assert len(suites) == 1, suites
cases = list(suites[0])
failed = sorted(c.name.split()[0] for c in cases if any(isinstance(r, Failure) for r in c.result))
assert failed == ["CUS007", "RET003", "SLA002"], failed
assert len(cases) == suites[0].tests and len(cases) >= 52, len(cases)
print(f"junit: {len(cases)} test cases, failures {failed}")
PY

echo "== sarif, validated by check-jsonschema"
"$bin" lint "$work/huacai" --format sarif > "$work/out.sarif" && exit 1 || true
"$work/venv/bin/check-jsonschema" --schemafile "$schema" "$work/out.sarif"

echo "== pre-commit try-repo"
repo="$work/agency"
mkdir -p "$repo/sellers"
make_failing "$repo/sellers/huacai"
git -C "$repo" init --quiet
git -C "$repo" add -A
export PRE_COMMIT_HOME="$work/pre-commit-home"
if (cd "$repo" && "$work/venv/bin/pre-commit" try-repo "$root" selfcheck --all-files > "$work/fail.log" 2>&1); then
  cat "$work/fail.log"; echo "pre-commit passed on a failing submission"; exit 1
fi
grep -q "error\[CUS007\]" "$work/fail.log" || { cat "$work/fail.log"; echo "finding missing from hook output"; exit 1; }
echo "pre-commit: fails on the failing submission, with error[CUS007] in its output"
rm -rf "$repo/sellers/huacai"
cp -r "$root/fixtures/clean" "$repo/sellers/huacai"
git -C "$repo" add -A
(cd "$repo" && "$work/venv/bin/pre-commit" try-repo "$root" selfcheck --all-files > "$work/pass.log" 2>&1) || { cat "$work/pass.log"; echo "pre-commit failed on a clean submission"; exit 1; }
echo "pre-commit: passes on the clean submission"
echo "external checks: 3 passed, 0 failed"
