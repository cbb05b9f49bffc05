#!/usr/bin/env bash
# html-validate on every page of a built site (the generated pages and the brief twins).
# Usage: tests/e2e/html-validate.sh [--skip-briefs] SITE_DIR
#        tests/e2e/html-validate.sh [--skip-briefs] --build /path/to/sprout [TOOLKIT_DIR]
# --skip-briefs leaves out briefs/*.html (the brief renderer's HTML twins).
set -euo pipefail
skip=()
if [ "${1:-}" = "--skip-briefs" ]; then skip=(-not -path '*/briefs/*'); shift; fi
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
if [ "${1:-}" = "--build" ]; then
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  site="$scratch/site"
  "$2" build --quiet --source "${3:-$repo}" --out "$site"
else
  site="${1:?usage: html-validate.sh SITE_DIR | --build SPROUT [TOOLKIT_DIR]}"
fi
count=$(find "$site" -name '*.html' "${skip[@]}" | wc -l)
# void-style and attribute-boolean-style are off: cmark-gfm writes task-list checkboxes as
# <input disabled="" />, which is valid HTML, only not the rules' preferred spelling.
# Files are passed in batches; html-validate exits non-zero if any page has an error.
if find "$site" -name '*.html' "${skip[@]}" -print0 | sort -z | xargs -0 -n 200 "$repo/node_modules/.bin/html-validate" --config "$here/htmlvalidate.json" --formatter stylish; then
  echo "html-validate: $count pages, 0 errors"
  echo "$count passed, 0 failed"
else
  echo "html-validate: errors above"
  echo "0 passed, 1 failed"
  exit 1
fi
