#!/usr/bin/env bash
# Score the extractor on tests/fixtures/quality (our own held-out-style articles).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
exec "$here/scripts/score_dir.sh" "$here/tests/fixtures/quality" "$@"
