#!/usr/bin/env bash
# The memory benchmark of floods (SPEC §7 "Floods": memory stays flat whatever the number of
# findings): `bench/memory.sh [ROWS]` (default: 900000).
# Builds selfcheck in release mode and generates, from fixtures/clean, a submission whose
# declarations.csv (within the 64 MiB limit) holds ROWS bad rows of about 4 findings each
# (an unreadable direction and date, SUB002 twice; another consignor, CUS007; another USCC,
# CUS008). Then runs `/usr/bin/time -v selfcheck lint … --format F > /dev/null` for every format
# and prints a Markdown table of wall time, peak memory (max RSS) and output size. Without the
# cap, JSON alone took over 11 GiB and aborted; with it every format should stay under 256 MiB.
# (bench/flood.sh measures rendering speed; this one measures memory.)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rows=${1:-900000}
work=${BENCH_DIR:-/tmp/selfcheck-memory}
rm -rf "$work"
mkdir -p "$work"
if [ -z "${SELFCHECK:-}" ]; then
  cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml"
  SELFCHECK="$root/target/release/selfcheck"
fi
if ! /usr/bin/time -v true >/dev/null 2>&1; then
  echo "bench/memory.sh needs GNU time (/usr/bin/time -v)" >&2
  exit 2
fi

sub="$work/flood"
cp -r "$root/fixtures/clean" "$sub"
python3 - "$sub/declarations.csv" "$rows" <<'PY'
import sys
path, rows = sys.argv[1], int(sys.argv[2])
with open(path, "w", encoding="utf-8") as f:
    f.write("number,direction,declared_on,consignor_name,consignor_uscc,scan\n")
    for i in range(rows):
        f.write(f"531620260{i:09d},sideways,2026-13-45,某某贸易公司,9144X,a.pdf\n")
PY
bytes=$(wc -c <"$sub/declarations.csv")
if [ "$bytes" -gt $((64 * 1024 * 1024)) ]; then
  echo "declarations.csv is $bytes bytes, over the 64 MiB limit: use fewer rows" >&2
  exit 2
fi

printf 'declarations.csv: %s rows, %s MiB\n\n' "$rows" "$(awk "BEGIN{printf \"%.1f\", $bytes/1048576}")"
printf '| format | exit | wall (s) | max RSS (MiB) | output (KiB) | counts |\n'
printf '|---|---|---|---|---|---|\n'
for format in human json sarif github junit; do
  out="$work/out.$format"
  set +e
  /usr/bin/time -v -o "$work/time.$format" \
    "$SELFCHECK" lint --today 2026-11-20 --format "$format" "$sub" >"$out" 2>/dev/null
  status=$?
  set -e
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.$format")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.$format")
  secs=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  counts=""
  if [ "$format" = json ]; then
    counts=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["counts"]; print(c["error"], "errors")' "$out")
  fi
  printf '| %s | %s | %s | %s | %s | %s |\n' "$format" "$status" "$secs" \
    "$(awk "BEGIN{printf \"%.0f\", $rss/1024}")" "$(( $(wc -c <"$out") / 1024 ))" "$counts"
done
