#!/usr/bin/env bash
# Extract every NAME.txt of a gold folder the way the held-out set is extracted (the text plus
# a NAME.meta.json sidecar holding only published/outlet/source_url, never the gold), then print
# the official scorer's table.   scripts/score_dir.sh GOLD_DIR [score.py options...]
# SUMMITRY_PRED_OUT=FILE keeps the predictions; SUMMITRY_SHARED points at ../shared elsewhere.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SUMMITRY_SHARED:-$here/../shared}
gold=${1:?usage: score_dir.sh GOLD_DIR [score.py options]}; shift
[ -f "$shared/eval/score.py" ] || { echo "score_dir: $shared/eval not found" >&2; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for t in "$gold"/*.txt; do
  stem=$(basename "$t" .txt)
  [ -f "$gold/$stem.json" ] || continue
  cp "$t" "$tmp/"
  python3 - "$gold/$stem.json" "$tmp/$stem.meta.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
json.dump({k: d.get(k) for k in ("published", "outlet", "source_url")}, open(sys.argv[2], "w"))
PY
done
"$here/.venv/bin/summitry" extract --format jsonl "$tmp"/*.txt > "$tmp/pred.jsonl"
if [ -n "${SUMMITRY_PRED_OUT:-}" ]; then cp "$tmp/pred.jsonl" "$SUMMITRY_PRED_OUT"; fi
python3 "$shared/eval/score.py" "$gold" "$tmp/pred.jsonl" "$@"
