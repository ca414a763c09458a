#!/usr/bin/env bash
# Score the extractor on real White House readouts annotated without looking at the rules:
# tests/fixtures/readouts_gold holds the gold only; the text is read from ../shared/corpora.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SUMMITRY_SHARED:-$here/../shared}
corpus="$shared/corpora/wh-readouts"
[ -d "$corpus" ] || { echo "quality_readouts: $corpus not found" >&2; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for g in "$here"/tests/fixtures/readouts_gold/*.json; do
  stem=$(basename "$g" .json)
  cp "$g" "$tmp/"
  rel=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["corpus_path"])' "$g")
  cp "$corpus/$rel" "$tmp/$stem.txt"
done
exec "$here/scripts/score_dir.sh" "$tmp" "$@"
