#!/usr/bin/env bash
# What a rule change does, for CI on rule PRs (docs/before-you-ship.md).
#
#   scripts/diff-presets.sh            every preset diffed against itself over test/cases.json and
#                                      examples/: must change nothing (exit 0); proves diff reads
#                                      every input and decides deterministically
#   scripts/diff-presets.sh BASE_REF   every preset as it is at BASE_REF (e.g. origin/main) against
#                                      the working tree: prints what each changed preset does to
#                                      those contexts; exit 1 if any decision changes, so a rule PR
#                                      shows (and a reviewer approves) its effect
#
# Needs `npm run build` first (runs dist/cli.js).
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:-}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
status=0
for file in rules/*.json; do
  [[ "$file" == *.schema.json ]] && continue
  old="$file"
  if [[ -n "$base" ]]; then
    old="$tmp/$(basename "$file")"
    if ! git show "$base:$file" >"$old" 2>/dev/null; then
      echo "$file: new in this change (no $base version to diff against)"
      continue
    fi
  fi
  code=0
  node dist/cli.js diff "$old" "$file" --contexts test/cases.json examples >"$tmp/out" || code=$?
  if [[ $code -eq 0 ]]; then
    echo "$file: $(sed -n 3p "$tmp/out")"
  else
    cat "$tmp/out"
    echo
    [[ $code -gt $status ]] && status=$code
  fi
done
exit "$status"
