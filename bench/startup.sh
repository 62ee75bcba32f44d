#!/usr/bin/env bash
# One submission, the whole process timed (what a pre-commit hook pays on every commit):
# `bench/startup.sh [--binary OLD] [--runs N]` (default: 50 runs).
# Builds selfcheck in release mode and times, with hyperfine (https://github.com/sharkdp/hyperfine,
# `apt install hyperfine` or `cargo install hyperfine`), from the repository's root:
#   lint fixtures/clean                                      a co-operation submission (3 phones)
#   lint fixtures/challenge                                  no phone number to judge
#   lint fixtures/clean/returns.yaml --allow-no-submission   as the pre-commit hook calls it
# then prints each one's peak memory (GNU time's maximum resident set size). With --binary, the
# same commands of that build are timed in the same run, so that two builds are compared in one
# sitting (the machine's own speed varies from hour to hour).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=50
old=
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) old=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "usage: bench/startup.sh [--binary OLD] [--runs N]" >&2; exit 2 ;;
  esac
done
if ! command -v hyperfine >/dev/null; then
  echo "bench/startup.sh needs hyperfine" >&2
  exit 2
fi
cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml"
new="$root/target/release/selfcheck"
cd "$root"
for args in "fixtures/clean" "fixtures/challenge" "fixtures/clean/returns.yaml --allow-no-submission"; do
  commands=("$new lint $args")
  [ -n "$old" ] && commands+=("$old lint $args")
  hyperfine --shell=none --warmup 5 --runs "$runs" --style basic "${commands[@]}"
  for binary in "$new" $old; do
    if /usr/bin/time -v true >/dev/null 2>&1; then
      # shellcheck disable=SC2086
      peak=$(/usr/bin/time -v "$binary" lint $args 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}')
      echo "peak memory of $binary lint $args: $((peak / 1024)) MiB"
    fi
  done
done
