#!/usr/bin/env bash
# Set up a virtual environment with khabar, repair the sample article (showing every change), then analyze it.
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
