#!/usr/bin/env bash
# Seeds both fuzz corpora from the clean fixture and the rule fixtures.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/load_document corpus/lint_folder
docs=(submission.yaml license.yaml customs.yaml declarations.csv returns.yaml service.yaml fulfillment.yaml compliance.yaml)
for f in ../fixtures/clean/*.yaml ../fixtures/clean/*.csv ../fixtures/rules/*/*.yaml ../fixtures/rules/*/*.csv; do
  [ -f "$f" ] && cp "$f" "corpus/load_document/$(echo "$f" | tr '/.' '__')"
done
for layer in ../fixtures/clean ../fixtures/rules/*; do
  out="corpus/lint_folder/$(basename "$layer")"
  : > "$out"
  for i in "${!docs[@]}"; do
    src="$layer/${docs[$i]}"; [ -f "$src" ] || src="../fixtures/clean/${docs[$i]}"
    [ "$i" -gt 0 ] && printf '\n=====\n' >> "$out"
    cat "$src" >> "$out"
  done
done
echo "seeded: $(ls corpus/load_document | wc -l) documents, $(ls corpus/lint_folder | wc -l) folders"
