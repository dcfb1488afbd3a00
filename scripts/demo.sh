#!/usr/bin/env bash
# Set up a virtual environment with khabar, repair the sample article (showing every change), analyze it,
# then ingest the samples folder into a corpus and search it.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet -e .
.venv/bin/khabar repair samples/article.damaged.txt --diff
echo
.venv/bin/khabar analyze samples/article.damaged.txt --date 2026-11-23  # the publication date resolves أمس الأحد
echo
DB=${KHABAR_DB:-$(mktemp -d)/corpus.db}
.venv/bin/khabar ingest samples/ --db "$DB"               # the two sample texts and samples/feed.jsonl
.venv/bin/khabar search "الامم المتحدة" --db "$DB"          # also finds للأمم المتحدة and the glued للأممالمتحدة
echo
echo "explore the corpus in the browser: .venv/bin/khabar serve --db $DB   (then open http://127.0.0.1:8000)"
