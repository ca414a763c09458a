#!/usr/bin/env bash
# Extract tests/fixtures/quality (held-out-style articles written for the tests) the way
# scripts/quality.sh extracts ../shared/eval/dev: text + a sidecar holding only
# published/outlet/source_url, never the gold; then print the official scorer's table.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SUMMITRY_SHARED:-$here/../shared}
gold="$here/tests/fixtures/quality"
[ -f "$shared/eval/score.py" ] || { echo "quality_fixtures: $shared/eval not found" >&2; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for t in "$gold"/*.txt; do
  stem=$(basename "$t" .txt)
  cp "$t" "$tmp/"
  python3 - "$gold/$stem.json" "$tmp/$stem.meta.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
json.dump({k: d.get(k) for k in ("published", "outlet", "source_url")}, open(sys.argv[2], "w"))
PY
done
"$here/.venv/bin/summitry" extract --format jsonl "$tmp"/*.txt > "$tmp/pred.jsonl"
[ -n "${SUMMITRY_PRED_OUT:-}" ] && cp "$tmp/pred.jsonl" "$SUMMITRY_PRED_OUT"
python3 "$shared/eval/score.py" "$gold" "$tmp/pred.jsonl" "$@"
