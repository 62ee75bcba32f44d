#!/usr/bin/env bash
# Seeds the fuzz corpora from the clean fixture and the rule fixtures.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/load_document corpus/lint_folder corpus/yaml_scan
docs=(submission.yaml license.yaml customs.yaml declarations.csv returns.yaml service.yaml fulfillment.yaml compliance.yaml)
for f in ../fixtures/clean/*.yaml ../fixtures/clean/*.csv ../fixtures/rules/*/*.yaml ../fixtures/rules/*/*.csv; do
  name="$(echo "$f" | tr '/.' '__')"
  [ -f "$f" ] && cp "$f" "corpus/load_document/$name"
  case "$f" in *.yaml) [ -f "$f" ] && cp "$f" "corpus/yaml_scan/$name" ;; esac
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
echo "seeded: $(ls corpus/load_document | wc -l) documents, $(ls corpus/lint_folder | wc -l) folders, $(ls corpus/yaml_scan | wc -l) YAML texts"
