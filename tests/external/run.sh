#!/usr/bin/env bash
# Checks that need tools from outside Rust, installed here into a throw-away virtualenv:
#  - junitparser, a real JUnit parser, reads `--format junit`;
#  - check-jsonschema validates `--format sarif` against the official SARIF 2.1.0 schema;
#  - pre-commit installs this repository's hook (the working tree committed as a hook
#    repository, as `pre-commit try-repo` does, built once) and runs it on a failing and a clean
#    submission (each finding printed once), and on a broken agency and seller `.selfcheck.yaml`
#    staged alone.
# Usage: tests/external/run.sh   (from anywhere; needs python3, git, cargo)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
schema="$root/tests/data/sarif-schema-2.1.0.json"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --locked --quiet --manifest-path "$root/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$root/target}/debug/selfcheck"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check junitparser check-jsonschema pre-commit

# The README's demo: a submission with the three most common problems.
make_failing() {
  cp -r "$root/fixtures/demo/huacai" "$1"
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

echo "== pre-commit, this repository as a hook repository"
# The working tree as a hook repository at a commit (what `pre-commit try-repo` makes, but made
# once): pre-commit builds the hook once for every run below.
shadow="$work/shadow"
mkdir "$shadow"
(cd "$root" && tar --exclude=./target --exclude=./.git --exclude=./fuzz/target --exclude=./fuzz/corpus --exclude=./fuzz/artifacts -cf - .) | tar -xf - -C "$shadow"
git -C "$shadow" init --quiet
git -C "$shadow" add -A
git -C "$shadow" -c user.name=selfcheck -c user.email=selfcheck@example.invalid commit --quiet --allow-empty -m "working tree"
cat > "$work/hook-config.yaml" <<YAML
repos:
- repo: $shadow
  rev: $(git -C "$shadow" rev-parse HEAD)
  hooks:
  - id: selfcheck
YAML
hook() { (cd "$repo" && "$work/venv/bin/pre-commit" run --config "$work/hook-config.yaml" "$@"); }
repo="$work/agency"
mkdir -p "$repo/sellers"
make_failing "$repo/sellers/huacai"
git -C "$repo" init --quiet
git -C "$repo" add -A
export PRE_COMMIT_HOME="$work/pre-commit-home"
if hook --all-files > "$work/fail.log" 2>&1; then
  cat "$work/fail.log"; echo "pre-commit passed on a failing submission"; exit 1
fi
grep -q "error\[CUS007\]" "$work/fail.log" || { cat "$work/fail.log"; echo "finding missing from hook output"; exit 1; }
# require_serial: one run for all the files, so each finding is printed once (not once per batch).
for code in CUS007 RET003 SLA002; do
  n=$(grep -c "error\[$code\]" "$work/fail.log" || true)
  [ "$n" = 1 ] || { cat "$work/fail.log"; echo "error[$code] printed $n times, not once"; exit 1; }
done
echo "pre-commit: fails on the failing submission, each finding printed once"
rm -rf "$repo/sellers/huacai"
cp -r "$root/fixtures/clean" "$repo/sellers/huacai"
git -C "$repo" add -A
hook --all-files > "$work/pass.log" 2>&1 || { cat "$work/pass.log"; echo "pre-commit failed on a clean submission"; exit 1; }
echo "pre-commit: passes on the clean submission"

# The staged configurations.
# A broken agency configuration, above every submission, staged alone: the hook fails at its
# file, line and column.
printf 'rules:\n  CUS999: off\n' > "$repo/.selfcheck.yaml"
git -C "$repo" add -A
if hook --files .selfcheck.yaml > "$work/agency.log" 2>&1; then
  cat "$work/agency.log"; echo "pre-commit passed with a broken agency .selfcheck.yaml"; exit 1
fi
grep -q "\.selfcheck\.yaml:2:3" "$work/agency.log" || { cat "$work/agency.log"; echo "the broken agency configuration's place is missing"; exit 1; }
echo "pre-commit: fails on a broken agency .selfcheck.yaml, at .selfcheck.yaml:2:3"
printf 'rules:\n  CUS007: warning\n' > "$repo/.selfcheck.yaml"
git -C "$repo" add -A
hook --files .selfcheck.yaml > "$work/agency-ok.log" 2>&1 || { cat "$work/agency-ok.log"; echo "pre-commit failed on a valid agency .selfcheck.yaml"; exit 1; }
echo "pre-commit: passes on a valid agency .selfcheck.yaml"
# A broken seller configuration, staged alone.
rm "$repo/.selfcheck.yaml"
printf 'rules:\n  CUS999: off\n' > "$repo/sellers/huacai/.selfcheck.yaml"
git -C "$repo" add -A
if hook --files sellers/huacai/.selfcheck.yaml > "$work/seller.log" 2>&1; then
  cat "$work/seller.log"; echo "pre-commit passed with a broken seller .selfcheck.yaml"; exit 1
fi
grep -q "\.selfcheck\.yaml" "$work/seller.log" && grep -q "2:3" "$work/seller.log" || { cat "$work/seller.log"; echo "the broken seller configuration's place is missing"; exit 1; }
echo "pre-commit: fails on a broken seller .selfcheck.yaml, at its line and column"
echo "external checks: 6 passed, 0 failed"
