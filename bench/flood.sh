#!/usr/bin/env bash
# The flood benchmark (SPEC §7 "Floods"): `bench/flood.sh [N] [S]` (defaults: 4000 40).
# Builds selfcheck in release mode (or uses $SELFCHECK) and generates, from fixtures/clean, two
# folders of S hostile submissions each:
#   long-line  customs.yaml whose declarations are N flow mappings on ONE line, each with a bad
#              direction and a bad consignor USCC (2N findings before the cap of 100 listed per
#              rule and file, on a line of ~N*200 bytes);
#   csv-rows   declarations.csv with N bad rows (a bad direction, date and USCC each).
#   suppressed the long-line customs.yaml with one trailing `# selfcheck: ignore[…]` comment
#              naming every code the line raises, with a 16 KiB reason: every finding on the
#              line is suppressed (SPEC §7: suppressed findings count toward the cap, and a
#              reason is capped and stored once). Before the cap counted them, 3,000 entries
#              peaked at 416 MiB and wrote 199 MB of JSON from a 112 KB file; memory must stay
#              under 256 MiB and JSON under 32 MiB.
# Then times `selfcheck lint` on each folder in every format (and --diff) and prints a Markdown
# table of wall time and, where /usr/bin/time -v is present, peak memory. Rendering must stay
# linear in findings plus bytes: with the defaults, 8,000 listed findings on 1 MB lines render in
# human format in well under 2 s.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-4000}
subs=${2:-40}
work=${BENCH_DIR:-/tmp/selfcheck-flood}
rm -rf "$work"
mkdir -p "$work"
if [ -z "${SELFCHECK:-}" ]; then
  cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml"
  SELFCHECK="$root/target/release/selfcheck"
fi

python3 - "$root" "$work" "$n" "$subs" <<'EOF'
import shutil, sys
root, work, n, subs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
entry = ('{number: "5316202600%08d", direction: sideways, declared_on: 2026-08-03, '
         'consignor_name: 深圳市华彩科技有限公司, consignor_uscc: 91440300MA5FHC8K1X, '
         'scan: attachments/declarations/531620260012345678.pdf}')
customs = ('registration:\n  code: "4403960ABC"\n  entity_name: 深圳市华彩科技有限公司\n'
           + "declarations: [" + ", ".join(entry % i for i in range(n)) + "]\n")
csv = "number,direction,declared_on,consignor_name,consignor_uscc,scan\n" + "".join(
    f"5316202600{i:08d},sideways,2026-13-45,深圳市华彩科技有限公司,"
    "91440300MA5FHC8K1X,attachments/declarations/531620260012346120.pdf\n" for i in range(n))
reason = "the forwarder confirmed every one of these by telephone " * 300
suppressed = customs.replace("]\n", "]  # selfcheck: ignore[CUS004, CUS005, CUS007, CUS008, CUS009] "
                             + reason[:16384] + "\n")
for s in range(subs):
    for case, name, text in (("long-line", "customs.yaml", customs),
                             ("csv-rows", "declarations.csv", csv),
                             ("suppressed", "customs.yaml", suppressed)):
        dest = f"{work}/{case}/seller-{s:03d}"
        shutil.copytree(f"{root}/fixtures/clean", dest)
        with open(f"{dest}/{name}", "w", encoding="utf-8") as f:
            f.write(text)
EOF

have_time=0
if /usr/bin/time -v true >/dev/null 2>&1; then have_time=1; fi

# One run: wall seconds and peak resident kilobytes ("-" without /usr/bin/time -v).
measure() {
  local log="$work/time.log" start end
  start=$(date +%s.%N)
  if [ "$have_time" = 1 ]; then
    /usr/bin/time -v -o "$log" "$@" >"$work/out" 2>"$work/err" || true
  else
    "$@" >"$work/out" 2>"$work/err" || true
  fi
  end=$(date +%s.%N)
  local secs kb="-"
  secs=$(python3 -c "print(f'{$end - $start:.2f}')")
  if [ "$have_time" = 1 ]; then
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    kb="$((kb / 1024)) MiB"
  fi
  printf '%s | %s' "$secs" "$kb"
}

echo "selfcheck flood benchmark, N=$n entries in each of S=$subs submissions ($(date -u +%Y-%m-%d))"
echo
echo "| input | format | findings listed | output lines | output bytes | wall s | peak RSS |"
echo "|---|---|---:|---:|---:|---:|---:|"
for case in long-line csv-rows suppressed; do
  findings=$("$SELFCHECK" lint "$work/$case" --format github | grep -c '^::' || true)
  for format in human github json sarif junit diff; do
    if [ "$format" = diff ]; then
      args=(lint "$work/$case" --diff)
    else
      args=(lint "$work/$case" --format "$format")
    fi
    figures=$(measure "$SELFCHECK" "${args[@]}")
    lines=$(wc -l <"$work/out")
    bytes=$(wc -c <"$work/out")
    echo "| $case | $format | $findings | $lines | $bytes | $figures |"
  done
done
