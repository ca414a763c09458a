#!/usr/bin/env bash
# make quality: score the extractor on ../shared/eval/dev with the official scorer.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SUMMITRY_SHARED:-$here/../shared}
exec "$here/scripts/score_dir.sh" "$shared/eval/dev" "$@"
